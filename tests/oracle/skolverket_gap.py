#!/usr/bin/python3
"""Independent oracle for the girls-boys gap in grade-6 pass rates per
municipality (Skolverket, grade6-pass-by-sex-2025.csv), issue #12.

Reads Skolverket's file with Python's csv module (not jamstat's reader):
title block, a group row (Flickor/Pojkar), a row of column names, one row
per municipality and type of provider, notes after a blank line.  For the
rows "Samtliga" (all providers):
    pass count = round half up(number of pupils x pass percent / 100)
(Skolverket publishes the percentage rounded to one decimal, and "~100"
when fewer than 5 pupils failed: taken as 100), then
    difference = 100 (x/n - y/k)          girls minus boys, percentage points
    interval   = Newcombe's hybrid score interval (method 10, Newcombe
                 1998), from Wilson score intervals without continuity
                 correction, z = 1.959963984540054 (95 %).
Prints "code,difference,low,high" per municipality with both sexes
published (".." or "." in a count or percentage: no line).
Usage: skolverket_gap.py FILE
"""
import csv
import math
import sys

Z = 1.959963984540054


def wilson(x, n):
    p = x / n
    centre = (2 * n * p + Z * Z) / (2 * (n + Z * Z))
    half = Z * math.sqrt(Z * Z + 4 * n * p * (1 - p)) / (2 * (n + Z * Z))
    return centre - half, centre + half


def newcombe(x, n, y, k):
    p1, p2 = x / n, y / k
    l1, u1 = wilson(x, n)
    l2, u2 = wilson(y, k)
    d = p1 - p2
    return (d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def number(text):
    text = text.strip()
    if text.startswith("~"):
        text = text[1:]
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def main(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    group = next(i for i, r in enumerate(rows) if r and r[0] == "" and "Flickor" in r)
    names = rows[group + 1]
    cols = {}
    for i, (g, name) in enumerate(zip(rows[group], names)):
        if g:
            cols[(g, name)] = i
    pupils, share = "Antal elever", "Andel (%) elever som fått godkänt betyg i alla ämnen"
    code_col, type_col = names.index("Kommun-kod"), names.index("Typ av huvudman")
    for r in rows[group + 2:]:
        if not r or not r[0].strip():
            break  # the notes follow
        if r[type_col] != "Samtliga":
            continue
        try:
            n = number(r[cols[("Flickor", pupils)]])
            p = number(r[cols[("Flickor", share)]])
            k = number(r[cols[("Pojkar", pupils)]])
            q = number(r[cols[("Pojkar", share)]])
        except ValueError:
            continue  # ".." or ".": not published
        x, y = math.floor(n * p / 100 + 0.5), math.floor(k * q / 100 + 0.5)
        if n <= 0 or k <= 0:
            continue
        d, lo, hi = newcombe(x, n, y, k)
        print("%s,%.17g,%.17g,%.17g" % (r[code_col], 100 * d, 100 * lo, 100 * hi))


if __name__ == "__main__":
    main(sys.argv[1])
