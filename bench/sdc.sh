#!/bin/sh
# make bench, part: disclosure control (issue #14).  Primary and
# Gaussian-elimination secondary suppression of a synthetic table of 290
# municipalities (in 21 counties, in the country) x 2 sexes x 20 age groups
# x 5 background groups, every total included (117,936 cells), with
# suppress_below = 3, on one core; then the exact audit of the pattern.
# bench/sdc_bench.c is compiled against build/libjamstat.a.  Prints the
# number of cells, of primary and of complementary suppressions, and the
# seconds; then the audit's verdict counts (proved safe / recoverable /
# undecided) and its seconds, and the peak memory of the whole process.
# The target is under 1 s for the suppression; the audit should
# take a few seconds and well under 1 GiB.
set -eu
ROOT=$(pwd)
CC=${CC:-cc}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
[ -f "$ROOT/build/libjamstat.a" ] || make -s build/libjamstat.a
"$CC" -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc bench/sdc_bench.c build/libjamstat.a -lm \
    -o "$TMP/sdc_bench"
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "sdc: peak memory (suppression and audit) %M KiB" "$TMP/sdc_bench" 3 audit
else
    "$TMP/sdc_bench" 3 audit
fi
