#!/usr/bin/python3
"""Independent oracle for kind = shift_share and kind = location_quotient.

Follows the formulas REAT's shift() documents (Dunn's decomposition in
Farhauer and Kroell's terms, and Esteban-Marquillas' homothetic split),
written here per industry from the raw files, in the textbook's form
e_ij1 (g_ij - g_i) for the regional share (jamstat writes it e_ij2 - e_ij1
g_i).

Usage:
  shift_share.py freiburg FILE
      FILE is REAT's Freiburg.csv (wide: e_Freiburg2008, e_Freiburg2014,
      e_Germany2008, e_Germany2014 per industry).  Prints the tidy table
      tests/cli/followup.sh feeds to jamstat (region,industry,year,employment;
      regions FR and DE, industries I1..I9) on stdout when given "tidy" as
      a third argument; otherwise prints the components
      "total national mix regional net_shift em_regional em_allocation" and
      the 9 location quotients of 2014.
  shift_share.py eu FILE GEO Y1 Y2
      FILE is REAT's EU28.emp.csv; the components of GEO against the sum of
      the 28 EU members (every geo but IS and NO) from Y1 to Y2, then the
      location quotients of GEO in Y2 in the order of the NACE codes.
"""
import csv
import sys


def components(r1, r2, n1, n2):
    ej1, ej2, e1, e2 = sum(r1), sum(r2), sum(n1), sum(n2)
    big_g = e2 / e1
    national = ej1 * (big_g - 1)
    mix = sum(a * (c2 / c1 - big_g) for a, c1, c2 in zip(r1, n1, n2))
    regional = sum(a * (b / a - c2 / c1) for a, b, c1, c2 in zip(r1, r2, n1, n2))
    homothetic = [ej1 * c1 / e1 for c1 in n1]
    em_reg = sum(h * (b / a - c2 / c1) for h, a, b, c1, c2 in zip(homothetic, r1, r2, n1, n2))
    em_alloc = sum((a - h) * (b / a - c2 / c1) for h, a, b, c1, c2 in zip(homothetic, r1, r2, n1, n2))
    return [ej2 - ej1, national, mix, regional, ej2 - ej1 * big_g, em_reg, em_alloc]


def lq(r, n):
    return [(a / sum(r)) / (c / sum(n)) for a, c in zip(r, n)]


def freiburg(path, tidy):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    cols = {"FR": ("e_Freiburg2008", "e_Freiburg2014"), "DE": ("e_Germany2008", "e_Germany2014")}
    if tidy:
        print("region,industry,year,employment")
        for i, row in enumerate(rows):
            for geo, (c1, c2) in cols.items():
                print("%s,I%d,2008,%s" % (geo, i + 1, row[c1]))
                print("%s,I%d,2014,%s" % (geo, i + 1, row[c2]))
        return
    v = {k: [float(r[k]) for r in rows] for k in sum(cols.values(), ())}
    out = components(v["e_Freiburg2008"], v["e_Freiburg2014"], v["e_Germany2008"], v["e_Germany2014"])
    out += lq(v["e_Freiburg2014"], v["e_Germany2014"])
    print(" ".join("%.17g" % x for x in out))


def eu(path, geo, y1, y2):
    data = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["emp1000"] != "NA":
                data[(row["geo"], row["nace_r2"], row["time"])] = float(row["emp1000"])
    nace = sorted({k[1] for k in data})
    members = sorted({k[0] for k in data} - {"IS", "NO"})
    assert len(members) == 28, members

    def region(g, y):
        return [data[(g, i, y)] for i in nace]

    def union(y):
        return [sum(data[(g, i, y)] for g in members) for i in nace]

    out = components(region(geo, y1), region(geo, y2), union(y1), union(y2))
    out += lq(region(geo, y2), union(y2))
    print(" ".join("%.17g" % x for x in out))


def main(argv):
    if argv[1:2] == ["freiburg"] and len(argv) in (3, 4):
        freiburg(argv[2], len(argv) == 4 and argv[3] == "tidy")
        return 0
    if argv[1:2] == ["eu"] and len(argv) == 6:
        eu(argv[2], argv[3], argv[4], argv[5])
        return 0
    sys.stderr.write(__doc__)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
