#!/usr/bin/python3
"""sdc_linked.py - linked tables: no suppressed count of one result can be
had from the cells that another result of the same data publishes.

Usage: sdc_linked.py INDICATORS.csv[:MORE.csv...] DATA.csv YEAR THRESHOLD REGIONS NAME=DIMS...

For a run on SCB's county population file (DATA.csv: year, region_code,
region, sex, age, population) in YEAR, restricted to the county codes in
REGIONS (comma-separated), with suppress_below = THRESHOLD, and count
indicators NAME each by DIMS (a comma list of region, sex, age; e.g.
by_age=region,age and fine=region,sex,age), in one indicators.csv or in
several (runs side by side, colon-separated), it builds the joint table
region x sex x age with a total in each dimension and the additive
constraints (every total is the sum of its children), and reads from
INDICATORS.csv which of its cells the run published: a cell is the row of
an indicator whose dimensions are exactly the cell's non-total codes
(a total in each dimension the indicator lacks).  Known: every published
cell, and every total of an indicator (a cell with a total in one of its
own dimensions) that no indicator lists as a row of its own: those the
run takes as public.  Unknown: every suppressed cell and every cell no
indicator publishes.  Then, in exact rational arithmetic (sdc_audit.py's
Gauss-Jordan), no suppressed cell may be recoverable.  It also checks
that every cell with 0 < count < THRESHOLD (the true counts, read from
DATA.csv) is suppressed, and that every published value is the true one.

Prints "cells N suppressed S recoverable R" and each failure; exit 1 on
any.  Standard library only; nothing from jamstat is used.
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdc_audit  # noqa: E402

DIMS = ("region", "sex", "age")
TOTAL = "total"


def main(argv):
    ind_csv, data, year, threshold, regions = argv[1], argv[2], argv[3], float(argv[4]), argv[5].split(",")
    inds = {}
    for spec in argv[6:]:
        name, dims = spec.split("=")
        inds[name] = tuple(d for d in DIMS if d in dims.split(","))
    true = {}
    with open(data, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["year"] == year and row["region_code"] in regions:
                true[(row["region_code"], row["sex"], row["age"])] = int(row["population"])
    codes = {"region": sorted(regions), "sex": ["women", "men"],
             "age": sorted({k[2] for k in true}, key=lambda a: int(a.rstrip("+")))}
    cats = {d: codes[d] + [TOTAL] for d in DIMS}
    cells = [(r, s, a) for r in cats["region"] for s in cats["sex"] for a in cats["age"]]
    index = {c: i for i, c in enumerate(cells)}

    def value(cell):
        return sum(v for k, v in true.items()
                   if all(cell[i] == TOTAL or cell[i] == k[i] for i in range(3)))

    # the run's rows: (indicator, cell) -> value text, "" for a suppressed one
    published, suppressed, listed = {}, set(), set()
    for path in ind_csv.split(":"):
        with open(path, encoding="utf-8") as f:
            rows_of_run = list(csv.DictReader(f))
        for row in rows_of_run:
            name = row["indicator"]
            if name not in inds:
                continue
            cell = tuple(row[d] if d in inds[name] else TOTAL for d in DIMS)
            if cell not in index:
                continue
            listed.add(cell)
            if "suppressed" in row["flags"].split(";") or row["value"] == "..":
                suppressed.add(cell)
            else:
                published[cell] = float(row["value"])
    fails = []
    for cell, v in published.items():
        if abs(v - value(cell)) > 1e-9:
            fails.append(f"{cell}: published {v}, the file's count is {value(cell)}")
    for cell in listed:
        t = value(cell)
        if 0 < t < threshold and cell not in suppressed:
            fails.append(f"{cell}: {t} is below {threshold:g} but published")
    # known: published cells, and the totals of an indicator that none lists
    known = set(published)
    for name, dims in inds.items():
        for cell in cells:
            if any(cell[i] != TOTAL for i, d in enumerate(DIMS) if d not in dims):
                continue
            if any(cell[i] == TOTAL for i, d in enumerate(DIMS) if d in dims) and cell not in listed:
                known.add(cell)
    known -= suppressed
    rows = []
    for cell in cells:
        for i in range(3):
            if cell[i] != TOTAL:
                continue
            row = {index[cell]: 1}
            for c in codes[DIMS[i]]:
                child = cell[:i] + (c,) + cell[i + 1:]
                row[index[child]] = -1
            rows.append(row)
    unknown = {index[c] for c in cells if c not in known}
    rec = sdc_audit.recoverable(rows, unknown)
    bad = sorted(cells[j] for j in rec if cells[j] in suppressed)
    for cell in bad:
        fails.append(f"{cell}: suppressed, but recoverable from the published cells")
    print(f"cells {len(cells)} suppressed {len(suppressed)} recoverable {len(bad)}")
    for line in fails:
        print("LEAK " + line)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
