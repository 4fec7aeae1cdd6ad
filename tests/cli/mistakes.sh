#!/bin/sh
# Mistakes in analysis files: tests/mistakes/cases.txt, run by
# tests/mistakes/run.py (exact message, line and exit status of each).
# Closes with "mistakes: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
python3 tests/mistakes/run.py "$JS"
