#!/usr/bin/python3
"""Independent oracle for jamstat's gap of two shares of counts (METHODS
5.1, 5.4, 5.5, 5.7; Newcombe 1998 method 10).

Reads SCB's UF0506A1_2.csv (population 16-74 by county, highest level of
education, sex, 1985-2018; Windows-1252 CSV) with the standard library
only, and prints for every county and year

    REGION YEAR DIFF LO HI RATIO RLO RHI P

where p_w, p_m are the shares of women and of men with post-secondary
education (the levels whose label starts "post-secondary" or
"post-graduate") among all levels, DIFF = 100 (p_w - p_m) with Newcombe's
hybrid score interval LO..HI (Wilson limits at z = the 0.975 normal
quantile), RATIO = 100 p_w / p_m with Katz' log interval, and P the
two-sided pooled z test (erfc(|z| / sqrt 2)).

Usage: education_gap.py FILE
"""
import csv
import math
import sys
from statistics import NormalDist

Z = NormalDist().inv_cdf(0.975)


def wilson(x, n):
    root = Z * math.sqrt(Z * Z + 4 * x * (1 - x / n))
    lo = (2 * x + Z * Z - root) / (2 * (n + Z * Z))
    hi = (2 * x + Z * Z + root) / (2 * (n + Z * Z))
    return (0.0 if x == 0 else lo), (1.0 if x == n else hi)


def main(path):
    with open(path, encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh))
    years = rows[0][4:]
    part, total, order = {}, {}, []
    for r in rows[1:]:
        region, level, sex = r[0].split(" ")[0], r[2], r[3]
        post = level.startswith("post-secondary") or level.startswith("post-graduate")
        for y, v in zip(years, r[4:]):
            key = (region, y, sex)
            if (region, y) not in order:
                order.append((region, y))
            total[key] = total.get(key, 0.0) + float(v)
            if post:
                part[key] = part.get(key, 0.0) + float(v)
    for region, y in order:
        x1, n1 = part[(region, y, "women")], total[(region, y, "women")]
        x2, n2 = part[(region, y, "men")], total[(region, y, "men")]
        p1, p2 = x1 / n1, x2 / n2
        l1, u1 = wilson(x1, n1)
        l2, u2 = wilson(x2, n2)
        d = p1 - p2
        lo = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
        hi = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
        ratio = p1 / p2
        se = math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
        pool = (x1 + x2) / (n1 + n2)
        z = d / math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
        p = math.erfc(abs(z) / math.sqrt(2))
        print(region, y, " ".join("%.15g" % v for v in (
            100 * d, 100 * lo, 100 * hi, 100 * ratio, 100 * ratio * math.exp(-Z * se),
            100 * ratio * math.exp(Z * se), p)))


if __name__ == "__main__":
    main(sys.argv[1])
