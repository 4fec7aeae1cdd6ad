#!/usr/bin/python3
"""Independent oracle for jamstat's segregation kinds (METHODS 7).

Reads an SCB PxWeb CSV export in the shape of 000000NL_10.csv (columns:
region, a category column, sex, then one column per year; counts) with the
standard library only, and prints one line per region and year:

    REGION YEAR D IP DS B BW BM

all x 100: Duncan's D = 1/2 sum |w_i/W - m_i/M|; Karmel-MacLachlan
IP = (1/T) sum |w_i - a t_i|, a = W/T; the size-standardised D_s on the
shares w_i/t_i, m_i/t_i; and the share of all persons (B), of women (BW)
and of men (BM) in categories with 40-60 % women (endpoints included).
Categories with no persons are left out; --exclude CODE (repeatable) drops
a category by the code before its first blank (e.g. 0002).  The region is
printed by its code (the text before the first blank).

With --fields the file is SCB's tab8_tidsserie_2018.csv instead (population
25-64 by field of education, SUN 2000: a group and a field column, then
"YEAR Samtliga", "YEAR Kvinnor", "YEAR Män" columns; Latin-1); the lines are

    YEAR D IP DS B BW BM

over its 98 field rows (the "Samtliga utbildningsgrupper" total row left out).

With --classes, the lines are instead one per region, year and category

    REGION YEAR CODE CLASS

CLASS -1 below 40 % women, 0 for 40-60 % (endpoints included), 1 above 60 %;
categories with nobody in them are not printed.

With --class-shares, one line per region, year, whose persons (women, men,
all) and class:

    REGION YEAR WHOM CLASS SHARE

SHARE x 100: the percent of WHOM's persons in the categories of CLASS
(female_dominated above 60 % women, balanced 40-60 % with the endpoints,
male_dominated below 40 %); the three add up to 100 for each WHOM.

Usage: segregation.py FILE [--exclude CODE]... [--region CODE --year Y] [--classes | --class-shares]
       segregation.py --fields FILE
"""
import csv
import sys


def indices(cats):
    """The six numbers (x 100) of a list of [women, men] pairs."""
    cats = [c for c in cats if c[0] + c[1] > 0]
    W = sum(c[0] for c in cats)
    M = sum(c[1] for c in cats)
    T = W + M
    a = W / T
    d = 0.5 * sum(abs(w / W - m / M) for w, m in cats)
    ip = sum(abs(w - a * (w + m)) for w, m in cats) / T
    sw = sum(w / (w + m) for w, m in cats)
    sm = sum(m / (w + m) for w, m in cats)
    ds = 0.5 * sum(abs(w / (w + m) / sw - m / (w + m) / sm) for w, m in cats)
    bal = [(w, m) for w, m in cats if 0.4 <= w / (w + m) <= 0.6]
    b = sum(w + m for w, m in bal) / T
    bw = sum(w for w, m in bal) / W
    bm = sum(m for w, m in bal) / M
    return " ".join("%.12f" % (100 * x) for x in (d, ip, ds, b, bw, bm))


def class_shares(region, year, cats):
    """The --class-shares lines of one region-year."""
    cats = [c for c in cats if c[0] + c[1] > 0]
    def klass(w, m):
        share = w / (w + m)
        return "male_dominated" if share < 0.4 else "female_dominated" if share > 0.6 else "balanced"
    for whom, pick in (("women", lambda w, m: w), ("men", lambda w, m: m), ("all", lambda w, m: w + m)):
        total = sum(pick(w, m) for w, m in cats)
        for cl in ("female_dominated", "balanced", "male_dominated"):
            part = sum(pick(w, m) for w, m in cats if klass(w, m) == cl)
            print(region, year, whom, cl, "%.12f" % (100 * part / total))


def fields(path):
    with open(path, encoding="latin-1", newline="") as fh:
        rows = [r for r in csv.reader(fh) if r]
    header, rows = rows[0], rows[1:]
    rows = [r for r in rows if r[0].strip() != "Samtliga utbildningsgrupper"]
    years = sorted({h.split(" ")[0] for h in header[2:]})
    for y in years:
        iw, im = header.index(y + " Kvinnor"), header.index(y + " M\u00e4n")
        print(y, indices([[float(r[iw]), float(r[im])] for r in rows]))


def main(argv):
    if argv[1] == "--fields":
        fields(argv[2])
        return
    path = argv[1]
    exclude, want_region, want_year, classes, shares = set(), None, None, False, False
    i = 2
    while i < len(argv):
        if argv[i] in ("--classes", "--class-shares"):
            classes = argv[i] == "--classes"
            shares = argv[i] == "--class-shares"
            i += 1
            continue
        if argv[i] == "--exclude":
            exclude.add(argv[i + 1])
        elif argv[i] == "--region":
            want_region = argv[i + 1]
        elif argv[i] == "--year":
            want_year = argv[i + 1]
        i += 2
    with open(path, encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh))
    header, rows = rows[0], rows[1:]
    years = header[3:]
    # counts[(region, year)][category] = [women, men]
    counts = {}
    order = []
    for r in rows:
        region, cat, sex = r[0].split(" ")[0], r[1].split(" ")[0], r[2]
        if cat in exclude:
            continue
        for y, v in zip(years, r[3:]):
            key = (region, y)
            if key not in counts:
                counts[key] = {}
                order.append(key)
            cell = counts[key].setdefault(cat, [0.0, 0.0])
            cell[0 if sex == "women" else 1] += float(v)
    for key in order:
        region, y = key
        if want_region is not None and (region != want_region or y != want_year):
            continue
        if shares:
            class_shares(region, y, list(counts[key].values()))
            continue
        if not classes:
            print(region, y, indices(list(counts[key].values())))
            continue
        for code, (w, m) in counts[key].items():
            if w + m > 0:
                share = w / (w + m)
                print(region, y, code, -1 if share < 0.4 else 1 if share > 0.6 else 0)


if __name__ == "__main__":
    main(sys.argv)
