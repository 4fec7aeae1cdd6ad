#!/usr/bin/python3
"""sdc_audit.py - an independent, exact check of a suppression pattern.

Reads the files written by tests/unit/test_sdc.c (one table per file):

    sdc-audit 1
    cols N
    row COL:VAL COL:VAL ...        one line per additive constraint (A v = 0)
    value V0 V1 ...                the cells' values (optional)
    state S0 S1 ...                0 published, 1 primary, 2 secondary, 3 missing,
                                   4 public (a total known from elsewhere)
    threshold T PROTECT_ZEROS      (optional) the primary rule used
    claim J1 J2 ...                the cells jamstat's audit calls recoverable

and decides, in exact rational arithmetic (fractions.Fraction, Gauss-Jordan
on A restricted to the unpublished columns), which unpublished cells an
attacker can recompute: cell j is recoverable iff the unit vector e_j lies
in the row space of that restriction.  It checks that jamstat's claim is
exactly that set, that the values are additive, and that no published cell
breaks the threshold rule.  With --safe it also requires that no primary or
secondary cell is recoverable.  Exit status 0 when every check holds; each
failure is printed.  Standard library only; nothing from jamstat is used.
"""
import sys
from fractions import Fraction


def parse(path):
    t = {"rows": [], "value": None, "claim": set(), "threshold": None}
    with open(path, encoding="ascii") as f:
        head = f.readline().split()
        if head != ["sdc-audit", "1"]:
            raise SystemExit(f"{path}: not an sdc-audit 1 file")
        for line in f:
            w = line.split()
            if not w:
                continue
            if w[0] == "cols":
                t["cols"] = int(w[1])
            elif w[0] == "row":
                t["rows"].append({int(c): int(v) for c, v in (x.split(":") for x in w[1:])})
            elif w[0] == "value":
                t["value"] = [Fraction(x) if x != "nan" else None for x in w[1:]]
            elif w[0] == "state":
                t["state"] = [int(x) for x in w[1:]]
            elif w[0] == "threshold":
                t["threshold"] = (Fraction(w[1]), w[2] == "1")
            elif w[0] == "claim":
                t["claim"] = {int(x) for x in w[1:]}
    return t


def recoverable(rows, unknown):
    """Unknown cells whose unit vector is in the row space of the rows
    restricted to the unknown columns (exact Gauss-Jordan)."""
    cols = sorted(unknown)
    at = {c: k for k, c in enumerate(cols)}
    m = []
    for r in rows:
        v = {at[c]: Fraction(x) for c, x in r.items() if c in at and x != 0}
        if v:
            m.append(v)
    pivots = []  # (column, row dict) in reduced form
    for v in m:
        for pc, pr in pivots:  # reduce against the pivots found so far
            f = v.get(pc)
            if f:
                for c, x in pr.items():
                    nv = v.get(c, 0) - f * x
                    if nv:
                        v[c] = nv
                    else:
                        v.pop(c, None)
        if not v:
            continue
        pc = min(v)
        inv = 1 / v[pc]
        v = {c: x * inv for c, x in v.items()}
        for k, (qc, qr) in enumerate(pivots):  # keep the earlier rows reduced
            f = qr.get(pc)
            if f:
                for c, x in v.items():
                    nv = qr.get(c, 0) - f * x
                    if nv:
                        qr[c] = nv
                    else:
                        qr.pop(c, None)
        pivots.append((pc, v))
    return {cols[pc] for pc, pr in pivots if len(pr) == 1}


def main(argv):
    safe = "--safe" in argv
    files = [a for a in argv if not a.startswith("--")]
    bad = 0
    for path in files:
        t = parse(path)
        st = t["state"]
        unknown = {j for j, s in enumerate(st) if s in (1, 2, 3)}
        rec = recoverable(t["rows"], unknown)
        if rec != t["claim"]:
            print(f"{path}: jamstat says recoverable {sorted(t['claim'])}, exact {sorted(rec)}")
            bad += 1
        if safe:
            leak = sorted(j for j in rec if st[j] in (1, 2))
            if leak:
                print(f"{path}: suppressed cells recoverable: {leak}")
                bad += 1
        if t["value"] is not None:
            val = t["value"]
            for r in t["rows"]:
                if all(val[c] is not None for c in r) and sum(x * val[c] for c, x in r.items()) != 0:
                    print(f"{path}: the values are not additive in row {r}")
                    bad += 1
                    break
            if t["threshold"] is not None:
                thr, zeros = t["threshold"]
                for j, s in enumerate(st):
                    v = val[j]
                    if s == 0 and v is not None and v < thr and (v > 0 or (zeros and v == 0)):
                        print(f"{path}: published cell {j} = {v} is below the threshold {thr}")
                        bad += 1
    if not files:
        print("usage: sdc_audit.py [--safe] FILE...", file=sys.stderr)
        return 2
    print(f"sdc_audit: {len(files)} tables, {bad} failures")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
