#!/usr/bin/python3
"""Oracle for kind = composite, preset = eige, on EIGE's published domain
scores (../shared/datasets/eige-gei/), independent of jamstat: it reads the
files itself, with Python's csv module.

Usage:
  eige.py index WIDE LONG   WIDE is gei-2025-domain-scores.csv (Country,
                            Work ... Health, Index: edition 2025), LONG is
                            gei-2013-2022-domain-scores.csv (Index.year,
                            Reference.year..main., Protocol.order, Country,
                            categoria, valor, col: editions 2013-2022).
                            Prints one line per edition and country:
                              EDITION COUNTRY INDEX PUBLISHED TOLERANCE
                            INDEX is the weighted geometric mean of the six
                            domains exp(sum w ln s / sum w), then one line
                              maxdev D EDITION COUNTRY
                            (the largest |INDEX - PUBLISHED|) and one line
                              within K N
                            (K of the N rows within their TOLERANCE).

The weights are METHODS 10.1's (work 0.19, money 0.15, knowledge 0.22,
time 0.15, power 0.19, health 0.10), marked UNVERIFIED there: EIGE's own
weight table (2017 methodological report, doi:10.2839/601545) was not
found, nor the 2025 edition's (weights from a new survey of 2024;
lpanebianco/GEI2025weightsAnalysis fits weights to the published index,
which is no source for them).  So these are the weights jamstat's preset
uses, taken from METHODS, not from jamstat.

TOLERANCE: the published index is rounded to 0.1 (+-0.05) and so is each
domain score it is recomputed from (+-0.05 each), while EIGE computed the
index from unrounded domains.  To first order a domain's rounding moves
the index by I * (w_i / sum w) * 0.05 / s_i, so the bound is
  0.05 + I * sum_i (w_i / sum w) * 0.05 / s_i
(about 0.1 for scores near the index; more where a domain is low, such as
power 12.9 in HU 2025).
"""
import csv
import math
import sys

WEIGHTS = {"work": 0.19, "money": 0.15, "knowledge": 0.22, "time": 0.15, "power": 0.19, "health": 0.10}


def index(scores):
    total = sum(WEIGHTS.values())
    return math.exp(sum(w * math.log(scores[k]) for k, w in WEIGHTS.items()) / total)


def tolerance(value, scores):
    total = sum(WEIGHTS.values())
    return 0.05 + value * sum(w / total * 0.05 / scores[k] for k, w in WEIGHTS.items())


def editions(wide, long):
    """(edition, country) -> (domain scores, published index), in file order."""
    out = {}
    with open(wide, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[("2025", r["Country"])] = ({k: float(r[k.capitalize()]) for k in WEIGHTS}, float(r["Index"]))
    seen = {}
    with open(long, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["Index.year"], r["Country"])
            seen.setdefault(key, {})[r["categoria"].lower()] = float(r["valor"])
    for key, v in seen.items():
        out[key] = ({k: v[k] for k in WEIGHTS}, v["gender.equality.index"])
    return out


def main(argv):
    if len(argv) != 4 or argv[1] != "index":
        sys.stderr.write(__doc__)
        return 64
    rows = editions(argv[2], argv[3])
    worst = (0.0, "", "")
    within = 0
    for (ed, country), (scores, published) in sorted(rows.items()):
        v = index(scores)
        tol = tolerance(v, scores)
        dev = abs(v - published)
        within += dev <= tol
        if dev > worst[0]:
            worst = (dev, ed, country)
        print("%s %s %.17g %.1f %.6f" % (ed, country, v, published, tol))
    print("maxdev %.3f %s %s" % worst)
    print("within %d %d" % (within, len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
