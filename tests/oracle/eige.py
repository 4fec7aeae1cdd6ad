#!/usr/bin/python3
"""Oracle for kind = composite on EIGE's Gender Equality Index 2025.

Usage:
  eige.py tidy FILE      FILE is eige-gei/gei-2025-domain-scores.csv (wide:
                         Country, Work ... Health, Index); prints the domain
                         scores as a tidy table country,domain,score.
  eige.py index FILE     prints "COUNTRY VALUE" per country: the weighted
                         geometric mean of the six domains with the weights
                         METHODS 10.1 quotes (work 0.19, money 0.15,
                         knowledge 0.22, time 0.15, power 0.19, health 0.10,
                         marked UNVERIFIED there), then one line
                         "maxdev D" with the largest distance to the
                         published index.
"""
import csv
import math
import sys

WEIGHTS = {"Work": 0.19, "Money": 0.15, "Knowledge": 0.22, "Time": 0.15, "Power": 0.19, "Health": 0.10}


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(argv):
    if len(argv) != 3 or argv[1] not in ("tidy", "index"):
        sys.stderr.write(__doc__)
        return 64
    data = rows(argv[2])
    if argv[1] == "tidy":
        print("country,domain,score")
        for r in data:
            for k in WEIGHTS:
                print("%s,%s,%s" % (r["Country"], k, r[k]))
        return 0
    maxdev = 0.0
    total = sum(WEIGHTS.values())
    for r in data:
        v = math.exp(sum(w * math.log(float(r[k])) for k, w in WEIGHTS.items()) / total)
        maxdev = max(maxdev, abs(v - float(r["Index"])))
        print("%s %.17g" % (r["Country"], v))
    print("maxdev %.3f" % maxdev)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
