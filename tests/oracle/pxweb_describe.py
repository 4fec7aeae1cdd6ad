#!/usr/bin/env python3
"""Independent oracle for `jamstat describe` on SCB PxWeb CSV exports.

Reads the file with Python's csv module (not jamstat's code) and prints:
    cells N
    missing M          (cells that are not numbers: '..', '-', ...)
    dim NAME SIZE      (one per stub column, then the year columns)
The stub columns are the header fields before the first 4-digit year.
"""
import csv
import sys

path = sys.argv[1]
raw = open(path, "rb").read()
try:
    text = raw.decode("utf-8-sig")
except UnicodeDecodeError:
    text = raw.decode("cp1252")
rows = list(csv.reader(text.splitlines()))
header = [h.strip() for h in rows[0]]
first_year = next(i for i, h in enumerate(header) if h[:4].isdigit() and len(h) == 4)
data = [r for r in rows[1:] if r]
cells = len(data) * (len(header) - first_year)
missing = 0
for r in data:
    for v in r[first_year:]:
        try:
            float(v)
        except ValueError:
            missing += 1
print("cells", cells)
print("missing", missing)
for i in range(first_year):
    print("dim", " ".join(header[i].split()), len({r[i].strip() for r in data}))
print("dim year", len(header) - first_year)
