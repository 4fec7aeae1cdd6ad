#!/usr/bin/env python3
"""Run the analysis-file mistakes in tests/mistakes/cases.txt.

Each case is `jamstat check` on one small analysis file beside pop.csv
(invented: one region, two years, three age groups) and two-levels.csv
(invented: county 01, its municipality 0114, and county 03).  A case is

    ### name
    # exit: 64
    # args: --set indicator.x.decimals=two          (optional)
    # expect: FILE:3:13: error: [indicator x]: ...   (one or more, in order)
    # long: 4 100000                                 (optional: line 4 gets that many 'x',
                                                      at its '@' or at its end)
    <the analysis file; backslash escapes such as \\xe5 \\r \\xef\\xbb\\xbf
     are bytes, for encodings and line ends>

Every expected line must appear in stderr (FILE is the analysis file's
path), in the order given, and the exit status must match.  The expected
messages are what the indicator-engine issue asks for, written down by
hand: the line and column counted in the case, the wording checked once
by reading it.

Usage: run.py JAMSTAT   Prints "mistakes: N passed, N failed".
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_cases(text):
    cases, cur = [], None
    for line in text.split("\n"):
        if line.startswith("### "):
            cur = {"name": line[4:].strip(), "exit": None, "args": [], "expect": [],
                   "long": None, "body": []}
            cases.append(cur)
        elif cur is None:
            continue
        elif line.startswith("# exit: "):
            cur["exit"] = int(line[8:])
        elif line.startswith("# args: "):
            cur["args"] = line[8:].split()
        elif line.startswith("# expect: "):
            cur["expect"].append(line[10:])
        elif line.startswith("# long: "):
            n, size = line[8:].split()
            cur["long"] = (int(n), int(size))
        else:
            cur["body"].append(line)
    return cases


def body_bytes(case):
    while case["body"] and case["body"][-1] == "":
        case["body"].pop()
    text = "\n".join(case["body"]) + "\n"
    data = text.encode("utf-8").decode("unicode_escape").encode("latin-1")
    if case["long"]:
        n, size = case["long"]
        lines = data.split(b"\n")
        at = lines[n - 1].find(b"@")
        if at < 0:
            at = len(lines[n - 1])
        lines[n - 1] = lines[n - 1][:at] + b"x" * size + lines[n - 1][at + 1:]
        data = b"\n".join(lines)
    return data


def main():
    js = sys.argv[1]
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        cases = parse_cases(f.read())
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("pop.csv", "two-levels.csv"):
            with open(os.path.join(HERE, name), "rb") as f:
                data = f.read()
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
        for case in cases:
            path = os.path.join(tmp, "a.ini")
            with open(path, "wb") as f:
                f.write(body_bytes(case))
            p = subprocess.run([js, "check", path] + case["args"], capture_output=True,
                               env=dict(os.environ, LC_ALL="C"))
            err = p.stderr.decode("utf-8", "replace")
            problems = []
            if p.returncode != case["exit"]:
                problems.append("exit %d, expected %d" % (p.returncode, case["exit"]))
            at = 0
            for want in case["expect"]:
                want = want.replace("FILE", path)
                k = err.find(want, at)
                if k < 0:
                    problems.append("missing: " + want)
                else:
                    at = k + len(want)
            if problems:
                failed += 1
                print("FAIL: mistake '%s': %s\n  stderr: %s" % (case["name"], "; ".join(problems),
                                                              err.strip().replace("\n", "\n          ")),
                      file=sys.stderr)
            else:
                passed += 1
    print("mistakes: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
