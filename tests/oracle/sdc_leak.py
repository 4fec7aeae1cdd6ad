#!/usr/bin/python3
"""sdc_leak.py - no suppressed count leaks into any output of a run.

Usage: sdc_leak.py OUTDIR DATA.csv YEAR THRESHOLD

For the run of tests/cli/sdc.sh (indicator `pop` = count of SCB's county
population by region x sex x single year of age in YEAR, suppress_below =
THRESHOLD; charts `pyr` (pyramid, region 23), `old` (bars, age 100+), `heat`
(heatmap, women aged 90 and over); table `t`), with the true counts read
from DATA.csv itself (not from jamstat), it checks:

* indicators.csv: every cell with 0 < count < THRESHOLD is suppressed; a
  suppressed row has value "..", no interval and the flag "suppressed"
  (and not small_n); every other row has the file's count;
* indicators.xlsx (unzipped with zipfile, the sheet's XML read): the same
  cells hold the text ".." and no number;
* charts/*.dat and charts/*.csv: the place of each suppressed cell holds
  ".." (dat and csv), its label/interval columns too;
* t.csv and the report's tables: ".." at each suppressed cell;
* the alt texts and the manifest: no suppressed cell's "label (value)";
* indicator `wshare` (share of women by region x age), when present: ".."
  wherever pop's women cell is suppressed, else 100 w / (w + m) from the file;
* the audit, again and independently: the table region x sex x age with
  every total (all totals known), the suppressed cells unknown: no
  suppressed cell is recoverable (exact fractions, sdc_audit.py).

Prints each leak; exit 1 if any.  Standard library only.
"""
import csv
import html.parser
import itertools
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdc_audit  # noqa: E402  (the exact recoverability test)

SEX = {"women": "Kvinnor", "men": "Män"}


def fmt_sv(v):
    """Swedish thousands: 14 113 (a no-break or plain space)."""
    s = f"{int(v):,}".replace(",", " ")
    return s


def read_data(path, year):
    val, label = {}, {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["year"] == year:
                val[(row["region_code"], row["sex"], row["age"])] = int(row["population"])
                label[row["region_code"]] = row["region"]
    return val, label


class Tables(html.parser.HTMLParser):
    """Rows of every <table>: lists of cell texts; alt attributes."""

    def __init__(self):
        super().__init__()
        self.rows, self.alts, self.cur, self.cell = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img" and "alt" in a:
            self.alts.append(a["alt"])
        if tag == "tr":
            self.cur = []
        elif tag in ("td", "th") and self.cur is not None:
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.cur.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.cur is not None:
            self.rows.append(self.cur)
            self.cur = None


def xlsx_rows(path, sheet_hint):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S):
            shared.append("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S)))
    wb = z.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]*)"', wb)
    k = next(i for i, n in enumerate(names) if n.startswith(sheet_hint))
    xml = z.read(f"xl/worksheets/sheet{k + 1}.xml").decode()
    rows = []
    for r in re.findall(r"<row[^>]*>(.*?)</row>", xml, re.S):
        cells = {}
        for ref, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(.*?)</c>', r, re.S):
            v = re.search(r"<v>(.*?)</v>", body)
            is_ = re.search(r"<t[^>]*>(.*?)</t>", body)
            if 't="s"' in attrs and v:
                cells[ref] = ("s", shared[int(v.group(1))])
            elif is_:
                cells[ref] = ("s", is_.group(1))
            elif v:
                cells[ref] = ("n", v.group(1))
        rows.append(cells)
    return rows


def main(outdir, data, year, threshold):
    thr = float(threshold)
    val, label = read_data(data, year)
    leaks = []
    # indicators.csv
    supp = set()
    with open(f"{outdir}/indicators.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["indicator"] != "pop":
                continue
            key = (row["region"], row["sex"], row["age"])
            flags = row["flags"].split(",")
            if "suppressed" in flags:
                supp.add(key)
                if row["value"] != ".." or row["ci_low"] or row["ci_high"] or "small_n" in flags:
                    leaks.append(f"indicators.csv {key}: {row}")
            elif row["value"] != str(val[key]):
                leaks.append(f"indicators.csv {key}: {row['value']} but the file has {val[key]}")
    for key, v in val.items():
        if 0 < v < thr and key not in supp:
            leaks.append(f"indicators.csv {key}: {v} is below {threshold} and published")
    # xlsx: the sheet of pop, columns region, sex, age, value, ...
    for cells in xlsx_rows(f"{outdir}/indicators.xlsx", "pop")[1:]:
        key = tuple(cells.get(c, ("", ""))[1] for c in "ABC")
        if key in supp and cells.get("D") != ("s", ".."):
            leaks.append(f"indicators.xlsx {key}: {cells.get('D')}")
        if key in supp and any(t == "n" for t, _ in cells.values()):
            leaks.append(f"indicators.xlsx {key}: a number in the row")
    # charts: (name, fixed (region, sex, age) with None for the row/column)
    def dat(name):
        head, rows, matrix, block = None, [], [], 0
        for line in open(f"{outdir}/charts/{name}.dat", encoding="utf-8"):
            if line.startswith("# i\t"):
                head = line[2:].rstrip("\n").split("\t")
            elif line.startswith("# index "):
                # blocks are told apart by what their header says they hold:
                # the heat map's matrix starts "x (category), y (series"
                block = 1 if line.split(":", 1)[1].strip().startswith("x (category), y") else 2
            elif not line.startswith("#") and line.strip():
                (rows if block == 0 else matrix if block == 1 else []).append(line.rstrip("\n").split("\t"))
        return head, rows, matrix

    def check_dat(name, row_key, col_key):
        head, rows, matrix = dat(name)
        series = [(i, h[1:-1]) for i, h in enumerate(head) if h.startswith("[")]
        # a heatmap's cells: x = row index, y = series (the first on top)
        for m in matrix:
            x, y = int(m[0]), int(m[1])
            s = series[len(series) - 1 - y][1]
            k = row_key(rows[x][2], s)
            if k in supp and m[2] != "..":
                leaks.append(f"charts/{name}.dat matrix {k}: {m}")
        for r in rows:
            if len(r) < len(head):  # the heatmap's matrix block after the table
                continue
            for i, s in series:
                key = (row_key(r[2], s), col_key(r[2], s))
                k = key[0]
                if k in supp and any(x != ".." for x in r[i:i + 4]):
                    leaks.append(f"charts/{name}.dat {k}: {r[i:i + 4]}")
        with open(f"{outdir}/charts/{name}.csv", encoding="utf-8") as f:
            rr = list(csv.reader(f))
        for r in rr[1:]:
            for j, s in enumerate(rr[0][1:], 1):
                k = row_key(r[0], s)
                if k in supp and r[j] != "..":
                    leaks.append(f"charts/{name}.csv {k}: {r[j]}")

    by_label = {v: c for c, v in label.items()}
    sex_of = {v: k for k, v in SEX.items()}
    check_dat("pyr", lambda lab, s: ("23", sex_of[s], lab), lambda lab, s: None)
    check_dat("old", lambda lab, s: (by_label.get(lab), sex_of[s], "100+"), lambda lab, s: None)
    check_dat("heat", lambda lab, s: (by_label.get(lab), "women", s), lambda lab, s: None)
    # t.csv: region, sex, age, pop
    with open(f"{outdir}/t.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["region"], row["sex"], row["age"])
            if key in supp and row["pop"] != "..":
                leaks.append(f"t.csv {key}: {row['pop']}")
    # the report: table rows region label, age, women, men; alt texts
    p = Tables()
    p.feed(open(f"{outdir}/report.html", encoding="utf-8").read())
    n_rows = 0
    head = None  # rows of tables headed region, age, women, men (pop's, t's)
    for r in p.rows:
        if len(r) == 4 and r[0] not in by_label:
            head = r
        if len(r) == 4 and r[0] in by_label and head is not None and head[3] in ("Män", "men", "Men"):
            n_rows += 1
            for j, sex in ((2, "women"), (3, "men")):
                key = (by_label[r[0]], sex, r[1])
                if key in supp and r[j] != "..":
                    leaks.append(f"report.html table {key}: {r[j]}")
    if n_rows == 0:
        leaks.append("report.html: no table rows of pop found")
    manifest = open(f"{outdir}/manifest.json", encoding="utf-8").read()
    for key in supp:
        reg = label[key[0]]
        v = val[key]
        for text in p.alts + [manifest]:
            for form in (str(v), fmt_sv(v)):
                if f"{reg} ({form})" in text or f"{key[2]} ({form})" in text:
                    leaks.append(f"alt text or manifest names {key} = {v}")
    # the share of women (indicator `wshare`, by region x age, if the run
    # has it): 100 w / (w + m) with w + m public (an added total), so it
    # gives w away and must be ".." exactly where pop's women cell is
    n_share = 0
    with open(f"{outdir}/indicators.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["indicator"] != "wshare":
                continue
            n_share += 1
            key = (row["region"], "women", row["age"])
            if key in supp:
                if row["value"] != ".." or row["ci_low"] or row["ci_high"]:
                    leaks.append(f"wshare {key}: women suppressed but the share is {row['value']}")
            elif row["value"] == "..":
                pass  # over-protection is not a leak
            else:
                w, m = val[key], val[(row["region"], "men", row["age"])]
                want = 100.0 * w / (w + m) if w + m else None
                if want is None or abs(float(row["value"]) - want) > 1e-9 * max(1.0, want):
                    leaks.append(f"wshare {key}: {row['value']} but the file gives {want}")
    # the exact audit of the pattern: unknowns = the suppressed inner cells
    regions = sorted(label)
    sexes = ["women", "men"]
    ages = sorted({k[2] for k in val}, key=lambda a: int(a.rstrip("+")))
    dims = [regions + ["T"], sexes + ["T"], ages + ["T"]]
    cell_id = {c: i for i, c in enumerate(itertools.product(*dims))}
    rows = []
    for c in cell_id:
        for d in range(3):
            if c[d] == "T":
                row = {cell_id[c]: 1}
                for child in dims[d][:-1]:
                    cc = list(c)
                    cc[d] = child
                    row[cell_id[tuple(cc)]] = -1
                rows.append(row)
    unknown = {cell_id[k] for k in supp}
    rec = sdc_audit.recoverable(rows, unknown)
    if rec:
        leaks.append(f"audit: {len(rec)} suppressed cells recoverable exactly")
    for line in leaks[:20]:
        print("LEAK:", line)
    print(f"sdc_leak: {len(supp)} suppressed cells, {n_rows} report rows, {len(rows)} constraints, "
          f"{len(rec)} recoverable, {n_share} share rows, {len(leaks)} leaks")
    return 1 if leaks else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
