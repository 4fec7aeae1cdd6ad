#!/usr/bin/env python3
"""Independent oracle for the small-area benchmark (../shared/bench/TASK.md).

Reads the long CSV made by gen_areas.py and writes, per (area, year), sorted
by area then year, the columns TASK.md defines, with four decimals
(population as an integer).  Written from TASK.md's definitions alone; it
shares no code with jamstat.  Empty field where a ratio has a zero
denominator.

usage: areas.py INPUT.csv > expected.csv
"""
import csv
import sys
from collections import defaultdict


def fmt(x):
    return "" if x is None else f"{x:.4f}"


def ratio(a, b, scale=100.0):
    return None if b == 0 else scale * a / b


def median(counts):
    n = sum(counts)
    if n == 0:
        return None
    half = n / 2
    cum = 0
    for a, f in enumerate(counts):  # ages as [a, a+1); 100+ as [100, 101)
        if f > 0 and cum + f >= half:
            return a + (half - cum) / f
        cum += f
    return None


def main():
    ages = defaultdict(lambda: [0] * 101)
    women = defaultdict(int)
    abroad = defaultdict(int)
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["area"], r["year"])
            n = int(r["population"])
            a = 100 if r["age"] == "100+" else int(r["age"])
            ages[key][a] += n
            if r["sex"] == "women":
                women[key] += n
            if r["background"] == "abroad":
                abroad[key] += n
    out = sys.stdout
    out.write("area,year,population,share_women,sex_ratio,share_65plus,old_age_dependency,"
              "total_dependency,share_born_abroad,median_age\n")
    for key in sorted(ages):
        c = ages[key]
        pop = sum(c)
        young, work, old = sum(c[:20]), sum(c[20:65]), sum(c[65:])
        w = women[key]
        row = [key[0], key[1], str(pop), fmt(ratio(w, pop)), fmt(ratio(pop - w, w)),
               fmt(ratio(old, pop)), fmt(ratio(old, work)), fmt(ratio(young + old, work)),
               fmt(ratio(abroad[key], pop)), fmt(median(c))]
        out.write(",".join(row) + "\n")


if __name__ == "__main__":
    main()
