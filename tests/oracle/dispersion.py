#!/usr/bin/python3
"""Independent oracle for kind = dispersion and kind = rank (METHODS 8).

Written from the formulas, not from jamstat's code, with other algorithms
where there is a choice: the Gini coefficient from the sorted values
(G = sum_i (2i - n - 1) y_(i) / (n^2 m), and its weighted cumulative form),
the IQR from Python's statistics.quantiles (method "inclusive", which is
R's type 7), ranks by counting the values above and the ties.

Usage:
  dispersion.py tv8
      prints the mean log deviation of METHODS TV-8, unweighted then
      weighted (the TV gives T but not L).
  dispersion.py brp FILE CSV PART
      FILE is BRP+'s 1.kolada_totalindex_kommun2025.csv; CSV the
      indicators.csv of tests/cli/followup.sh (indicators named after the
      statistics, and "rk" of kind rank, over Del = PART, by region and
      sex).  Compares every dispersion per county and for the country, and
      every municipality's rank within its county and in the country, and
      prints "ok N" or the differences (relative 1e-9), exit 1 on any.
  dispersion.py county65 FILE
      FILE is SCB's scb-county-population-1968-2015.csv: per year, the
      share aged 65+ of each county and its population-weighted CV over
      the 21 counties (weights: the counties' populations), "year cv_w".
  dispersion.py extremes FILE PART
      prints, per county and sex, the municipality with the highest and
      the lowest value: "county sex highest lowest".
"""
import csv
import math
import statistics
import sys


def read_brp(path, part):
    """{sex: {code: value}} for the municipalities (4-digit codes), Del = part."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            code = row["Region"].split(" ", 1)[0]
            if row["Del"] != part or len(code) != 4 or row["Kon"] == "Totalt":
                continue
            out.setdefault(row["Kon"], {})[code] = float(row["Varde_stand"].replace(",", "."))
    return out


def cv(y):
    return statistics.stdev(y) / statistics.fmean(y)


def cv_weighted(y, p):
    big_p = sum(p)
    m = sum(a * b for a, b in zip(y, p)) / big_p
    return math.sqrt(sum(w * (v - m) ** 2 for v, w in zip(y, p)) / big_p) / m


def iqr(y):
    q = statistics.quantiles(y, n=4, method="inclusive")
    return q[2] - q[0]


def theil_t(y, p=None):
    p = p or [1.0] * len(y)
    big_p = sum(p)
    m = sum(a * b for a, b in zip(y, p)) / big_p
    return sum(w / big_p * (v / m) * math.log(v / m) for v, w in zip(y, p))


def theil_l(y, p=None):
    p = p or [1.0] * len(y)
    big_p = sum(p)
    m = sum(a * b for a, b in zip(y, p)) / big_p
    return sum(w / big_p * math.log(m / v) for v, w in zip(y, p))


def gini(y):
    s = sorted(y)
    n = len(s)
    m = sum(s) / n
    return sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(s)) / (n * n * m)


STATS = {
    "cv": cv,
    "max_min": lambda y: max(y) / min(y),
    "range": lambda y: max(y) - min(y),
    "iqr": iqr,
    "theil_t": theil_t,
    "theil_l": theil_l,
    "gini": gini,
}


def rank_desc(values, v):
    """1 = highest; ties share the average of the ranks they span."""
    above = sum(1 for x in values if x > v)
    tied = sum(1 for x in values if x == v)
    return above + (tied + 1) / 2


def read_result(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["indicator"], row["Region"], row["Kon"], row.get("statistic", ""))
            rows[key] = row["value"]
    return rows


def close(got, want):
    return got != "" and abs(float(got) - want) <= 1e-9 * max(1.0, abs(want))


def check_brp(path, result, part):
    data = read_brp(path, part)
    rows = read_result(result)
    bad = n = 0

    def expect(key, want):
        nonlocal bad, n
        n += 1
        got = rows.get(key)
        if got is None or not close(got, want):
            bad += 1
            print("differs: %s: got %s, expected %.17g" % (" ".join(key), got, want))

    for sex, vals in data.items():
        counties = sorted({c[:2] for c in vals})
        groups = [(c, [v for k, v in vals.items() if k[:2] == c]) for c in counties]
        groups.append(("00", list(vals.values())))
        for code, y in groups:
            for name, fn in STATS.items():
                if len(y) < 2 and name in ("cv", "iqr"):
                    continue
                expect((name, code, sex, ""), fn(y))
        every = list(vals.values())
        for code, v in vals.items():
            county = [x for k, x in vals.items() if k[:2] == code[:2]]
            expect(("rk", code, sex, "rank"), rank_desc(county, v))
            expect(("rk", code, sex, "rank_country"), rank_desc(every, v))
            expect(("rk", code, sex, "n"), len(county))
    print("ok %d" % n if bad == 0 else "%d of %d differ" % (bad, n))
    return 1 if bad else 0


def extremes(path, part):
    data = read_brp(path, part)
    for sex in sorted(data):
        vals = data[sex]
        for c in sorted({k[:2] for k in vals}):
            county = {k: v for k, v in vals.items() if k[:2] == c}
            hi = max(county, key=lambda k: county[k])
            lo = min(county, key=lambda k: county[k])
            print(c, sex, hi, lo)


def county65(path):
    pop, old = {}, {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            k = (row["year"], row["region_code"])
            n = float(row["population"])
            pop[k] = pop.get(k, 0.0) + n
            if row["age"] == "100+" or int(row["age"]) >= 65:
                old[k] = old.get(k, 0.0) + n
    for year in sorted({k[0] for k in pop}):
        keys = sorted(k for k in pop if k[0] == year)
        y = [100 * old.get(k, 0.0) / pop[k] for k in keys]
        print(year, "%.17g" % cv_weighted(y, [pop[k] for k in keys]))


def main(argv):
    if argv[1:2] == ["tv8"]:
        y = [72.0, 68.5, 80.2, 75.1, 70.3]
        p = [12000, 3500, 95000, 20000, 8000]
        print("%.17g %.17g" % (theil_l(y), theil_l(y, p)))
        return 0
    if argv[1:2] == ["brp"] and len(argv) == 5:
        return check_brp(argv[2], argv[3], argv[4])
    if argv[1:2] == ["county65"] and len(argv) == 3:
        county65(argv[2])
        return 0
    if argv[1:2] == ["extremes"] and len(argv) == 4:
        extremes(argv[2], argv[3])
        return 0
    sys.stderr.write(__doc__)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
