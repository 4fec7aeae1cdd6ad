#!/usr/bin/env python3
"""Oracle: a period life table from SCB-style tidy CSVs, written apart from
the C code (METHODS 0.3 and 2.2-2.5), for the vectors of life_expectancy.

    lifetable.py DEATHS.csv POPULATION.csv REGION|all SEX FROM TO [AGE...]

Deaths and 31-December populations by year, region_code, sex, age ("0" ...
"100+"); person-years of year t = (P(t-1) + P(t)) / 2, summed over the years
FROM..TO with the deaths.  a0 by Andreev-Kingkade (HMD v6), 0.5 elsewhere,
1/m in the open class; the variance by Chiang with Silcocks' term; z the exact
normal quantile.  Prints e, low, high for each AGE (default 0).
"""
import csv
import statistics
import sys


def read(path, measure, region, sex):
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["sex"] != sex or (region != "all" and row["region_code"] != region):
                continue
            key = (int(row["year"]), row["age"])
            out[key] = out.get(key, 0.0) + float(row[measure])
    return out


def a0_ak(m0, sex):
    if sex == "women":
        return 0.14903 - 2.05527 * m0 if m0 < 0.01724 else 0.04667 + 3.88089 * m0 if m0 < 0.06891 else 0.31411
    return 0.14929 - 1.99545 * m0 if m0 < 0.02300 else 0.02832 + 3.26201 * m0 if m0 < 0.08307 else 0.29915


def main():
    dpath, ppath, region, sex, y0, y1 = sys.argv[1:7]
    ages_out = [int(a) for a in sys.argv[7:]] or [0]
    deaths = read(dpath, "deaths", region, sex)
    pop = read(ppath, "population", region, sex)
    labels = [str(a) for a in range(100)] + ["100+"]
    D = [sum(deaths[(y, a)] for y in range(int(y0), int(y1) + 1)) for a in labels]
    E = [sum((pop[(y - 1, a)] + pop[(y, a)]) / 2 for y in range(int(y0), int(y1) + 1)) for a in labels]
    n = len(labels)
    m = [D[k] / E[k] for k in range(n)]
    a = [a0_ak(m[0], sex)] + [0.5] * (n - 2) + [1 / m[-1]]
    q = [m[k] / (1 + (1 - a[k]) * m[k]) for k in range(n - 1)] + [1.0]
    l = [100000.0]
    for k in range(n - 1):
        l.append(l[k] * (1 - q[k]))
    L = [l[k + 1] + a[k] * l[k] * q[k] for k in range(n - 1)] + [l[-1] / m[-1]]
    e = [sum(L[k:]) / l[k] for k in range(n)]
    z = statistics.NormalDist().inv_cdf(0.975)
    out = []
    for x in ages_out:
        s = sum(l[y] ** 2 * ((1 - a[y]) + e[y + 1]) ** 2 * (q[y] ** 2 * (1 - q[y]) / D[y] if D[y] else 0)
                for y in range(x, n - 1))
        s += l[-1] ** 2 / (D[-1] * m[-1] ** 2)
        se = (s / l[x] ** 2) ** 0.5
        out += ["%.12f" % e[x], "%.12f" % (e[x] - z * se), "%.12f" % (e[x] + z * se)]
    print(" ".join(out))


if __name__ == "__main__":
    main()
