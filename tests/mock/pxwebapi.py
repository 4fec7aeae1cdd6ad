#!/usr/bin/env python3
"""A PxWebApi 2 mock for the fetch tests (tests/cli/fetch.sh): no network.

Serves SCB's recorded responses (../shared/datasets/pxwebapi-v2, see its
README) on 127.0.0.1 at a free port, which it writes to --port-file:

  GET  /config                      config.json (maxDataCells = --max-cells when given)
  GET  /tables?query=WORDS          tables.json, the tables whose title has every word
  GET  /tables/TAB6471/metadata     the recorded data's dimensions with "value": [],
                                    each with the recorded metadata's codelists
  POST /tables/TAB6471/data         the recorded TAB6471 data, sliced to the selection
  GET  /codelists/ID                codelist-*.json

The recorded metadata describes the whole table (2,005,056 cells), the
recorded data a query of it (2,772); the mock's table is the data, so its
metadata is derived from it.  --mode changes what it does:
  normal   as above
  429      the first data request gets 429 with Retry-After: 1
  429always  every data request gets 429 with Retry-After: 1
  404      every table is unknown
  lie      /config says 150000 cells but data requests over --max-cells get 400
  hang     accepts connections and never answers
Every request is appended to --log (method, path, body), and the time it
came (seconds, monotonic) to LOG.times.  The loop is
bounded: at most --max-requests requests and --lifetime seconds.
"""
import argparse
import copy
import json
import os
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer


def load(d, name):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return json.load(f)


class Mock:
    def __init__(self, args):
        self.args = args
        d = args.data
        self.config = load(d, "config.json")
        self.tables = load(d, "tables.json")
        self.data = load(d, "TAB6471_data.json")
        recorded = load(d, "TAB6471_metadata.json")
        self.codelists = {}
        for name in os.listdir(d):
            if name.startswith("codelist-") and name.endswith(".json"):
                c = load(d, name)
                self.codelists[c["id"]] = c
        self.meta = copy.deepcopy(self.data)
        self.meta["value"] = []
        for dim_id, dim in self.meta["dimension"].items():
            ext = dim.setdefault("extension", {})
            rec = recorded["dimension"].get(dim_id, {}).get("extension", {})
            ext["codelists"] = list(rec.get("codelists", []))
        self.meta["dimension"]["Alder"]["extension"]["codelists"].append(
            {"id": "agg_Ålder10årJ", "label": "10-årsklasser", "type": "Aggregation", "links": []})
        self.known_codelists = set(self.codelists)
        for dim in self.meta["dimension"].values():
            for c in dim["extension"]["codelists"]:
                self.known_codelists.add(c["id"])
        self.data_requests = 0

    def order(self, dim):
        idx = dim["category"]["index"]
        if isinstance(idx, list):
            return list(idx)
        return sorted(idx, key=lambda k: idx[k])

    def slice(self, selection):
        """The recorded data cut to selection, or (status, problem)."""
        ds = self.data
        by_var = {s.get("variableCode"): s for s in selection}
        for s in selection:
            if s.get("variableCode") not in ds["dimension"]:
                return 400, "Unknown variable %s" % s.get("variableCode")
            if s.get("codelist") and s["codelist"] not in self.known_codelists:
                return 400, "Unknown codelist %s" % s["codelist"]
        keep = []
        for dim_id in ds["id"]:
            dim = ds["dimension"][dim_id]
            codes = self.order(dim)
            s = by_var.get(dim_id)
            if s is None:
                e = dim.get("extension", {}).get("eliminationValueCode")
                if e is None:
                    return 400, "Mandatory variable %s not selected" % dim_id
                want = [e]
            else:
                want = s.get("valueCodes", [])
            if "*" in want:
                want = codes
            for w in want:
                if w not in codes:
                    return 400, "Unknown value %s of %s" % (w, dim_id)
            keep.append([c for c in codes if c in want])
        cells = 1
        for k in keep:
            cells *= len(k)
        limit = self.args.max_cells
        if limit and cells > limit:
            return 400, "Too many cells selected: %d, at most %d" % (cells, limit)
        out = {}
        for key, val in ds.items():
            if key == "size":
                out[key] = [len(k) for k in keep]
            elif key == "dimension":
                dims = {}
                for dim_id, k in zip(ds["id"], keep):
                    dim = copy.deepcopy(ds["dimension"][dim_id])
                    cat = dim["category"]
                    cat["index"] = {c: i for i, c in enumerate(k)}
                    for sub in ("label", "unit"):
                        if sub in cat:
                            cat[sub] = {c: cat[sub][c] for c in k if c in cat[sub]}
                    dims[dim_id] = dim
                out[key] = dims
            elif key == "value":
                out[key] = self.values(keep)
            else:
                out[key] = copy.deepcopy(val)
        return 200, out

    def values(self, keep):
        ds = self.data
        full = [self.order(ds["dimension"][d]) for d in ds["id"]]
        pos = [{c: i for i, c in enumerate(f)} for f in full]
        sizes = [len(f) for f in full]
        res = []

        def walk(k, flat):
            if k == len(keep):
                res.append(ds["value"][flat])
                return
            for c in keep[k]:
                walk(k + 1, flat * sizes[k] + pos[k][c])

        walk(0, 0)
        return res


def make_handler(mock):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def log(self, body=b""):
            with open(mock.args.log + ".times", "a", encoding="utf-8") as f:
                f.write("%.3f\n" % time.monotonic())
            with open(mock.args.log, "a", encoding="utf-8") as f:
                f.write("%s %s %s\n" % (self.command, self.path, body.decode("utf-8", "replace")))

        def send(self, status, obj, headers=()):
            body = json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def problem(self, status, detail, headers=()):
            titles = {400: "Bad Request", 404: "Not Found", 429: "Too Many Requests"}
            self.send(status, {"type": "about:blank", "title": titles.get(status, "Error"),
                               "status": status, "detail": detail}, headers)

        def hang(self):
            time.sleep(mock.args.lifetime)

        def do_GET(self):
            self.log()
            if mock.args.mode == "hang":
                return self.hang()
            url = urllib.parse.urlsplit(self.path)
            q = urllib.parse.parse_qs(url.query)
            parts = [p for p in url.path.split("/") if p]
            if parts == ["config"]:
                cfg = copy.deepcopy(mock.config)
                if mock.args.max_cells and mock.args.mode != "lie":
                    cfg["maxDataCells"] = mock.args.max_cells
                return self.send(200, cfg)
            if parts == ["tables"]:
                words = " ".join(q.get("query", [""])).lower().split()
                res = copy.deepcopy(mock.tables)
                res["tables"] = [t for t in res["tables"]
                                 if all(w in (t.get("label") or "").lower() for w in words)]
                res["page"]["totalElements"] = len(res["tables"])
                return self.send(200, res)
            if len(parts) == 3 and parts[0] == "tables" and parts[2] == "metadata":
                if mock.args.mode == "404" or parts[1] != "TAB6471":
                    return self.problem(404, "Table %s not found" % parts[1])
                for k, v in q.items():
                    if k.startswith("codelist[") and v[0] not in mock.known_codelists:
                        return self.problem(400, "Unknown codelist %s" % v[0])
                return self.send(200, mock.meta)
            if len(parts) == 2 and parts[0] == "codelists":
                c = mock.codelists.get(urllib.parse.unquote(parts[1]))
                return self.send(200, c) if c else self.problem(404, "Codelist not found")
            return self.problem(404, "No such endpoint")

        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n) if n else b""
            self.log(body)
            if mock.args.mode == "hang":
                return self.hang()
            parts = [p for p in urllib.parse.urlsplit(self.path).path.split("/") if p]
            if len(parts) != 3 or parts[0] != "tables" or parts[2] != "data":
                return self.problem(404, "No such endpoint")
            if mock.args.mode == "404" or parts[1] != "TAB6471":
                return self.problem(404, "Table %s not found" % parts[1])
            mock.data_requests += 1
            if (mock.args.mode == "429" and mock.data_requests == 1) or mock.args.mode == "429always":
                return self.problem(429, "Too many requests", [("Retry-After", "1")])
            try:
                selection = json.loads(body.decode("utf-8")).get("selection", [])
            except ValueError:
                return self.problem(400, "The body is not JSON")
            status, res = mock.slice(selection)
            return self.send(200, res) if status == 200 else self.problem(status, res)

    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--max-cells", type=int, default=0)
    ap.add_argument("--mode", default="normal", choices=["normal", "429", "429always", "404", "lie", "hang"])
    ap.add_argument("--max-requests", type=int, default=100)
    ap.add_argument("--lifetime", type=float, default=300)
    args = ap.parse_args()
    mock = Mock(args)
    server = HTTPServer(("127.0.0.1", 0), make_handler(mock))
    server.timeout = 0.5
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(tmp, args.port_file)
    end = time.time() + args.lifetime
    handled = 0
    while handled < args.max_requests and time.time() < end:
        before = len(open(args.log, encoding="utf-8").readlines()) if os.path.exists(args.log) else 0
        server.handle_request()
        after = len(open(args.log, encoding="utf-8").readlines()) if os.path.exists(args.log) else 0
        handled += after - before
    server.server_close()


if __name__ == "__main__":
    main()
