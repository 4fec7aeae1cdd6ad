#!/bin/sh
# The indicator kinds' test vectors: tests/vectors/*.txt, one file a family,
# run by tests/vectors/run.py (the format is at its top).  Vectors on
# ../shared/datasets skip when it is absent.
# Closes with "vectors: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
JS_SHARED_DATASETS=$SHARED python3 tests/vectors/run.py "$JS"
