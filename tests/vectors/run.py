#!/usr/bin/env python3
"""Run the indicator kinds' test vectors: tests/vectors/*.txt, one file a family.

A vector is one input table, one analysis-file snippet and the rows
indicators.csv must then hold, with where the expected numbers come from.
The runner writes the table and the analysis file (its snippet inside an
[analysis] and a [data input] section) into a scratch folder, runs

    jamstat run a.ini -o out --set analysis.outputs=indicators

and compares out/indicators.csv with the expected rows.  The format, by
example (a line starting with '#' is a comment; indented lines belong to
the key above them):

    vector: TV-1 share of women             starts a vector, named in messages
    source: METHODS 1.6 TV-1 (R 4.2.2)      one or more: where the numbers come from
    data:                                   the input, tidy CSV as jamstat reads it:
        region,sex,age,population             inline, indented, or
        9999,women,0-4,520                    data: file:tv1.csv  (beside this runner)
        9999,men,0-4,550                      data: shared:FILE   (../shared/datasets/FILE;
                                                                   the vector skips when absent)
    also: deaths file:tv2a-deaths.csv       more inputs, each a [data NAME] section: file:,
                                              shared: or inline CSV lines below (kinds with
                                              several inputs: deaths = deaths)
    tolerance: 1e-7                         relative; the default is 1e-9 (METHODS 0.1)
    analysis:                               the [indicator] sections
        [indicator share_women]
        kind = share
        part = sex:women
        by   = region
    expect:
        share_women region=9999 = 50.2204801568 ci 49.5345533514 50.9063239827 flags -
        oracle: awk -v R=10 -f tests/oracle/county_indicators.awk {data}
        share_women region=10 = $3 tol 1e-10
        rows: share_women 2

An expected row is INDICATOR, then DIM=CODE for each dimension the row has
(a dimension not named must be empty in that row, so a row is named
whole), '=', the value, and optionally `ci LOW HIGH`, `flags F,G` (the exact
set; `-` for none) and `tol T`.  A value is a number, `empty` (the field
must be empty: missing, never 0), or an expression of numbers, + - * / and
parentheses, written without spaces: a hand computation such as
100*4370/11420 stays readable in the file.  `$N` is field N of the output
of the last `oracle:` line above it: a shell command run from the
repository's root, {data} replaced by the input's path, that prints
numbers separated by spaces.  `rows: INDICATOR N` checks how many rows the
indicator has.  Instead of expect, `fails: EXIT TEXT` says the run must
exit with EXIT and say TEXT on stderr.  ci and flags are compared only
when given; a missing row fails.

So that every vector can fail, each expected number, interval and flag set
is also checked perturbed (beyond its tolerance, or flipped) against the
same output, and must then fail; and every kind that `jamstat indicators`
lists must have a vector in some file.

Usage: run.py JAMSTAT [FILE.txt...]   (default: every tests/vectors/*.txt)
Closes with "vectors: N passed, N failed, N skipped"; exits 1 on a failure.
"""
import ast
import csv
import glob
import operator
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("JS_SHARED_DATASETS", os.path.join(ROOT, "..", "shared", "datasets"))
DEFAULT_TOL = 1e-9
ENV = dict(os.environ, LC_ALL="C", TZ="UTC")


class VectorError(Exception):
    """A malformed vector file: a message with FILE:LINE."""


# ---- parsing ----------------------------------------------------------------------

def blocks(path):
    """The file as (line number, key, value, [(line number, indented line)]) items."""
    items = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            if line[0] in " \t":
                if not items:
                    raise VectorError("%s:%d: an indented line before any key" % (path, n))
                items[-1][3].append((n, line.strip()))
                continue
            m = re.match(r"([a-z]+):\s*(.*)$", line)
            if not m:
                raise VectorError("%s:%d: expected 'key: value', found %r" % (path, n, line))
            items.append((n, m.group(1), m.group(2).strip(), []))
    return items


def parse(path):
    """The vectors of one file."""
    vectors, cur = [], None
    for n, key, value, body in blocks(path):
        where = "%s:%d" % (os.path.relpath(path, ROOT), n)
        if key == "vector":
            cur = {"name": value, "where": where, "file": os.path.relpath(path, ROOT), "sources": [], "data": None, "tol": DEFAULT_TOL,
                   "analysis": "", "expect": [], "fails": None, "also": []}
            vectors.append(cur)
        elif cur is None:
            raise VectorError("%s: %r outside a vector" % (where, key))
        elif key == "source":
            cur["sources"].append(value)
        elif key == "data":
            if value.startswith("shared:"):
                cur["data"] = ("shared", value[7:].strip())
            elif value.startswith("file:"):
                cur["data"] = ("file", value[5:].strip())
            elif not value and body:
                cur["data"] = ("inline", "\n".join(b for _, b in body) + "\n")
            else:
                raise VectorError("%s: expected data: file:NAME, shared:NAME or CSV lines below"
                                  % where)
        elif key == "also":
            name, _, what = value.partition(" ")
            what = what.strip()
            if not re.match(r"^[a-z_][a-z0-9_]*$", name):
                raise VectorError("%s: expected also: NAME file:F, shared:F or CSV lines below" % where)
            if what.startswith("shared:"):
                cur["also"].append((name, ("shared", what[7:].strip())))
            elif what.startswith("file:"):
                cur["also"].append((name, ("file", what[5:].strip())))
            elif not what and body:
                cur["also"].append((name, ("inline", "\n".join(b for _, b in body) + "\n")))
            else:
                raise VectorError("%s: expected also: NAME file:F, shared:F or CSV lines below" % where)
        elif key == "tolerance":
            cur["tol"] = float(value)
        elif key == "analysis":
            cur["analysis"] = "\n".join(b for _, b in body) + "\n"
        elif key == "expect":
            cur["expect"] = body
        elif key == "fails":
            code, _, text = value.partition(" ")
            cur["fails"] = (int(code), text.strip())
        else:
            raise VectorError("%s: unknown key %r" % (where, key))
    for v in vectors:
        if not v["sources"] or v["data"] is None or not v["analysis"].strip():
            raise VectorError("%s: vector %r needs source, data and analysis" % (v["where"], v["name"]))
        if bool(v["expect"]) == bool(v["fails"]):
            raise VectorError("%s: vector %r needs either expect or fails" % (v["where"], v["name"]))
    return vectors


# ---- values -----------------------------------------------------------------------

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
       ast.Div: operator.truediv, ast.USub: operator.neg, ast.UAdd: operator.pos}


def evaluate(text, fields):
    """A number from a number, `empty` (None) or an expression with $N fields."""
    if text == "empty":
        return None

    def field(m):
        k = int(m.group(1))
        if fields is None or not 1 <= k <= len(fields):
            raise ValueError("$%d: no such oracle field (oracle printed %r)" % (k, fields))
        return "(%s)" % fields[k - 1]

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in OPS:
            return OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in OPS:
            return OPS[type(node.op)](walk(node.operand))
        raise ValueError("not a number or an expression of numbers: %r" % text)

    return walk(ast.parse(re.sub(r"\$(\d+)", field, text), mode="eval"))


def parse_row(text, fields, tol):
    """An expected row: (indicator, {dim: code}, checks) with checks[name] = expected."""
    words = shlex.split(text)
    if "=" not in words:
        raise ValueError("expected 'INDICATOR DIM=CODE... = VALUE', found %r" % text)
    eq = words.index("=")
    if eq == 0 or eq + 1 >= len(words):
        raise ValueError("expected 'INDICATOR DIM=CODE... = VALUE', found %r" % text)
    dims = {}
    for w in words[1:eq]:
        dim, sep, code = w.partition("=")
        if not sep:
            raise ValueError("expected DIM=CODE, found %r" % w)
        dims[dim] = code
    checks = {"value": evaluate(words[eq + 1], fields)}
    rest = words[eq + 2:]
    while rest:
        if rest[0] == "ci" and len(rest) >= 3:
            checks["ci_low"], checks["ci_high"] = evaluate(rest[1], fields), evaluate(rest[2], fields)
            rest = rest[3:]
        elif rest[0] == "flags" and len(rest) >= 2:
            checks["flags"] = set() if rest[1] == "-" else set(rest[1].split(","))
            rest = rest[2:]
        elif rest[0] == "tol" and len(rest) >= 2:
            tol = float(rest[1])
            rest = rest[2:]
        else:
            raise ValueError("expected ci LOW HIGH, flags LIST or tol T, found %r" % " ".join(rest))
    return words[0], dims, checks, tol


# ---- comparing --------------------------------------------------------------------

def read_output(path):
    """indicators.csv as (dimension columns, rows as dicts)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        f.seek(0)
        header = next(csv.reader(f))
    dims = []
    for col in header[1:header.index("value")]:
        if not (dims and col == dims[-1] + "_label"):
            dims.append(col)
    return dims, rows


def find_row(out, ind, dims):
    cols, rows = out
    unknown = [d for d in dims if d not in cols]
    if unknown:
        return None, "no dimension column %s (columns: %s)" % (", ".join(unknown), ", ".join(cols))
    hits = [r for r in rows if r["indicator"] == ind and all(r[c] == dims.get(c, "") for c in cols)]
    if len(hits) != 1:
        return None, "%d rows match" % len(hits)
    return hits[0], None


def check_number(got, want, tol):
    if want is None:
        return got == ""
    if got == "":
        return False
    return abs(float(got) - want) <= tol * abs(want)


def compare(row, checks, tol):
    """The checks row fails, as 'field: got X, expected Y' texts."""
    bad = []
    for name, want in checks.items():
        if name == "flags":
            got = set(f for f in row["flags"].split(",") if f)
            if got != want:
                bad.append("flags: got {%s}, expected {%s}" % (",".join(sorted(got)), ",".join(sorted(want))))
        elif not check_number(row[name], want, tol):
            bad.append("%s: got %s, expected %s (tolerance %g)"
                       % (name, row[name] or "empty", "empty" if want is None else "%.17g" % want, tol))
    return bad


def perturbed(checks, tol):
    """One wrong copy of checks per checked field: each must fail."""
    for name, want in checks.items():
        wrong = dict(checks)
        if name == "flags":
            wrong[name] = want - {sorted(want)[0]} if want else {"small_n"}
        elif want is None:
            wrong[name] = 1.0
        else:
            wrong[name] = want + max(abs(want), 1.0) * max(1000 * tol, 1e-6)
        yield name, wrong


# ---- running ----------------------------------------------------------------------

def data_path(v, tmp, data=None, name="input"):
    kind, what = data or v["data"]
    if kind != "inline":
        path = os.path.join(SHARED if kind == "shared" else HERE, what)
        return path if os.path.isfile(path) else None
    path = os.path.join(tmp, name + ".csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(what)
    return path


def run_vector(js, v, tmp):
    """'pass', 'skip: why' or a list of failure texts."""
    data = data_path(v, tmp)
    if data is None and v["data"][0] == "file":
        return ["%s: no such file" % os.path.join(HERE, v["data"][1])]
    if data is None:
        return "skip: %s absent" % os.path.join(SHARED, v["data"][1])
    more = ""
    for name, spec in v["also"]:
        path = data_path(v, tmp, spec, name)
        if path is None and spec[0] == "file":
            return ["%s: no such file" % os.path.join(HERE, spec[1])]
        if path is None:
            return "skip: %s absent" % os.path.join(SHARED, spec[1])
        more += "[data %s]\nfile = %s\n" % (name, path)
    ini = os.path.join(tmp, "a.ini")
    with open(ini, "w", encoding="utf-8") as f:
        f.write("[analysis]\ntitle = %s\n[data input]\nfile = %s\n%s%s"
                % (v["name"], data, more, v["analysis"]))
    out = os.path.join(tmp, "out")
    p = subprocess.run([js, "run", ini, "-o", out, "--set", "analysis.outputs=indicators"],
                       capture_output=True, env=ENV, cwd=tmp)
    err = p.stderr.decode("utf-8", "replace").strip()
    if v["fails"]:
        code, text = v["fails"]
        if p.returncode == code and text in err:
            return "pass"
        return ["exit %d, expected %d with %r; stderr: %s" % (p.returncode, code, text, err)]
    if p.returncode != 0:
        return ["jamstat run exit %d: %s" % (p.returncode, err)]
    return check_expect(v, data, read_output(os.path.join(out, "indicators.csv")))


def check_expect(v, data, out):
    problems, fields, n_rows = [], None, 0
    for n, line in v["expect"]:
        at = "%s:%d" % (v["file"], n)
        if line.startswith("oracle:"):
            cmd = line[7:].strip().replace("{data}", shlex.quote(data))
            p = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, env=ENV, cwd=ROOT)
            fields = p.stdout.split() if p.returncode == 0 else None
            if fields is None or not fields:
                problems.append("%s: oracle failed (exit %d): %s" % (at, p.returncode, p.stderr.strip()))
            continue
        if line.startswith("rows:"):
            ind, count = line[5:].split()
            got = sum(1 for r in out[1] if r["indicator"] == ind)
            if got != int(count):
                problems.append("%s: %s has %d rows, expected %s" % (at, ind, got, count))
            n_rows += 1
            continue
        try:
            ind, dims, checks, tol = parse_row(line, fields, v["tol"])
        except (ValueError, SyntaxError, ZeroDivisionError) as e:
            problems.append("%s: %s" % (at, e))
            continue
        n_rows += 1
        row, why = find_row(out, ind, dims)
        name = " ".join([ind] + ["%s=%s" % kv for kv in dims.items()])
        if row is None:
            problems.append("%s: %s: missing (%s)" % (at, name, why))
            continue
        bad = compare(row, checks, tol)
        problems += ["%s: %s: %s" % (at, name, b) for b in bad]
        if not bad:  # then every field must be able to fail
            problems += ["%s: %s: a wrong %s would pass" % (at, name, what)
                         for what, wrong in perturbed(checks, tol) if not compare(row, wrong, tol)]
    if n_rows == 0:
        problems.append("no expected row")
    return problems or "pass"


def kinds(js):
    """The kind names `jamstat indicators` lists."""
    p = subprocess.run([js, "indicators"], capture_output=True, text=True, env=ENV, check=True)
    return re.findall(r"^([a-z_]+) .*\(.*\)$", p.stdout, re.M)  # "share [%]  (counts and shares)"


def main():
    js = os.path.abspath(sys.argv[1])
    files = sys.argv[2:] or sorted(glob.glob(os.path.join(HERE, "*.txt")))
    passed = failed = skipped = 0
    used = set()
    for path in files:
        try:
            vectors = parse(path)
        except (VectorError, ValueError) as e:
            print("FAIL: %s" % e, file=sys.stderr)
            failed += 1
            continue
        for v in vectors:
            used.update(re.findall(r"^kind\s*=\s*(\S+)", v["analysis"], re.M))
            with tempfile.TemporaryDirectory() as tmp:
                result = run_vector(js, v, tmp)
            if result == "pass":
                passed += 1
            elif isinstance(result, str):
                skipped += 1
                print("SKIP: %s: vector '%s': %s" % (v["where"], v["name"], result[6:]), file=sys.stderr)
            else:
                failed += 1
                print("FAIL: %s: vector '%s'\n    source: %s\n    %s"
                      % (v["where"], v["name"], "\n    source: ".join(v["sources"]),
                         "\n    ".join(result)), file=sys.stderr)
    if not sys.argv[2:]:
        for k in kinds(js):
            if k not in used:
                failed += 1
                print("FAIL: kind %s has no test vector in tests/vectors/*.txt" % k, file=sys.stderr)
    print("vectors: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
