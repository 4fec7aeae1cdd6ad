#!/usr/bin/python3
"""Render a jamstat report in headless Chromium and measure it (used by
tests/cli/report_browser.sh; stdlib only).

    report_browser.py CHROMIUM REPORT.html OUTDIR WIDTH|pdf...

Chromium is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: JSON messages ending in NUL on file descriptors
3 and 4), because its window in headless mode is never narrower than 500
px: the page's viewport is set with Emulation.setDeviceMetricsOverride,
WIDTH CSS pixels wide (a phone, with mobile = true, below 600).  For each
width the report is loaded and, after its load event, the script prints

    width=W images=N loaded=N broken=LIST scroll=SW errors=N

with the number of <img> elements, how many of them loaded (complete and
naturalWidth > 0), the names of those that did not, the document's
scrollWidth, and every console error, uncaught exception, failed request
and error log entry (one "error: ..." line each), and saves a screenshot of
the whole page to OUTDIR/report-W.png, and in pieces of 1 800 px to
OUTDIR/report-W-partN.png (to be looked at).  "pdf" in place of a width
prints the report as Chromium prints it (its CSS @page size) to
OUTDIR/report.pdf and prints "pdf pages=N width_pt=W height_pt=H" (the
first page's MediaBox).  Exits 2 when Chromium cannot be
driven; the shell script asserts on the numbers.
"""
import base64
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time

TIMEOUT_S = 40
PART_PX = 1800  # the height of the screenshot pieces (report-W-partN.png)


class Browser:
    def __init__(self, exe, profile):
        r_cmd, self.w_cmd = os.pipe()  # we write commands; Chromium reads fd 3
        self.r_evt, w_evt = os.pipe()  # Chromium writes fd 4; we read
        home = os.path.join(profile, "home")
        os.makedirs(home, exist_ok=True)
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home,
                   XDG_RUNTIME_DIR=home)

        def fds():  # via fresh copies: dup2 onto the same number would keep close-on-exec
            r, w = os.dup(r_cmd), os.dup(w_evt)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--hide-scrollbars", "--user-data-dir=" + os.path.join(profile, "profile"),
                "--remote-debugging-pipe", "about:blank"]
        # os.pipe's ends are close-on-exec; dup2 makes 3 and 4 inherited, and
        # close_fds=False keeps subprocess from closing them after fds()
        self.proc = subprocess.Popen(args, env=env, preexec_fn=fds, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r_cmd)
        os.close(w_evt)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close", wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _read_one(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.r_evt], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium in %d s" % TIMEOUT_S)
            chunk = os.read(self.r_evt, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, wait=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w_cmd, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        deadline = time.time() + TIMEOUT_S
        while True:
            m = self._read_one(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session):
        deadline = time.time() + TIMEOUT_S
        for i, m in enumerate(self.events):
            if m.get("method") == method and m.get("sessionId") == session:
                del self.events[i]
                return m
        while True:
            m = self._read_one(deadline)
            if m.get("method") == method and m.get("sessionId") == session:
                return m
            self.events.append(m)


def errors_of(events, session):
    """The console errors, exceptions, failed requests and error logs seen."""
    out = []
    for m in events:
        if m.get("sessionId") != session:
            continue
        p = m.get("params", {})
        meth = m.get("method")
        if meth == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
        elif meth == "Runtime.exceptionThrown":
            out.append("exception: " + p["exceptionDetails"].get("text", ""))
        elif meth == "Log.entryAdded" and p["entry"].get("level") == "error":
            out.append("log: %s %s" % (p["entry"].get("text", ""), p["entry"].get("url", "")))
        elif meth == "Network.loadingFailed" and not p.get("canceled"):
            out.append("request failed: %s" % p.get("errorText", ""))
    return out


CHECK = """(() => {
  const im = Array.from(document.images);
  const broken = im.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'));
  return {images: im.length, loaded: im.length - broken.length, broken: broken,
          scroll: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight,
          inner: window.innerWidth};
})()"""


def measure(b, url, width, out_png):
    target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    s = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        b.send(domain + ".enable", session=s)
    b.send("Emulation.setDeviceMetricsOverride",
           {"width": width, "height": 844 if width < 600 else 900, "deviceScaleFactor": 1,
            "mobile": width < 600}, session=s)
    b.send("Page.navigate", {"url": url}, session=s)
    b.wait_event("Page.loadEventFired", s)
    res = b.send("Runtime.evaluate", {"expression": CHECK, "returnByValue": True}, session=s)
    v = res["result"]["value"]
    shot = b.send("Page.captureScreenshot",
                  {"format": "png", "captureBeyondViewport": True,
                   "clip": {"x": 0, "y": 0, "width": width, "height": min(v["height"], 16000), "scale": 1}},
                  session=s)
    with open(out_png, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    for k, y in enumerate(range(0, min(v["height"], 16000), PART_PX)):  # pieces a person can look at
        part = b.send("Page.captureScreenshot",
                      {"format": "png", "captureBeyondViewport": True,
                       "clip": {"x": 0, "y": y, "width": width, "height": min(PART_PX, v["height"] - y),
                                "scale": 1}}, session=s)
        with open(out_png[:-4] + "-part%d.png" % (k + 1), "wb") as f:
            f.write(base64.b64decode(part["data"]))
    b.send("Runtime.evaluate", {"expression": "1"}, session=s)  # let late events arrive
    errs = errors_of(b.events, s)
    b.send("Target.closeTarget", {"targetId": target})
    print("width=%d images=%d loaded=%d broken=%s scroll=%d inner=%d errors=%d" % (
        width, v["images"], v["loaded"], ",".join(v["broken"]) or "-", v["scroll"], v["inner"], len(errs)))
    for e in errs:
        print("error: " + e)


def print_pdf(b, url, out_pdf):
    """Print the page as Chromium prints it (the CSS @page size), to out_pdf;
    report the pages and the first page's size in points."""
    target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    s = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    b.send("Page.enable", session=s)
    b.send("Page.navigate", {"url": url}, session=s)
    b.wait_event("Page.loadEventFired", s)
    pdf = base64.b64decode(b.send("Page.printToPDF", {"preferCSSPageSize": True}, session=s)["data"])
    b.send("Target.closeTarget", {"targetId": target})
    with open(out_pdf, "wb") as f:
        f.write(pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    box = re.search(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", pdf)
    w, h = (float(box.group(3)) - float(box.group(1)), float(box.group(4)) - float(box.group(2))) if box else (0, 0)
    print("pdf pages=%d width_pt=%.0f height_pt=%.0f" % (pages, w, h))


def main():
    exe, report, outdir = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    widths = [w for w in sys.argv[4:]]
    with tempfile.TemporaryDirectory() as profile:
        try:
            b = Browser(exe, profile)
        except OSError as e:
            print("cannot start %s: %s" % (exe, e), file=sys.stderr)
            return 2
        try:
            for w in widths:
                if w == "pdf":
                    print_pdf(b, "file://" + report, os.path.join(outdir, "report.pdf"))
                else:
                    measure(b, "file://" + report, int(w), os.path.join(outdir, "report-%s.png" % w))
        except (TimeoutError, EOFError, RuntimeError, KeyError) as e:
            print("cannot drive Chromium: %s" % e, file=sys.stderr)
            return 2
        finally:
            b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
