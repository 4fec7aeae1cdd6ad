#!/bin/sh
# Nothing lost when the disk is full or the output folder read-only: the
# run fails with exit 73 or 74 and a message, the previous output stays
# as it was (compared byte for byte) and no staging folder is left.  The
# full disk is a 512 KiB tmpfs, the read-only one a tmpfs remounted
# read-only; where this machine does not allow mounting, the test skips.
# Closes with "diskfull: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
trap 'umount "$TMP/full" 2> /dev/null; umount "$TMP/ro" 2> /dev/null; rm -rf "$TMP"' EXIT

cp tests/mistakes/pop.csv "$TMP/pop.csv"
cat > "$TMP/small.ini" <<INI
[analysis]
title = t
outputs = indicators
[data pop]
file = pop.csv
[indicator n]
kind = count
by = year
INI
cp datasets/example/population.csv "$TMP/population.csv"
sed 's/^file *= .*/file = population.csv/' datasets/example/analysis.ini > "$TMP/big.ini"

mkdir -p "$TMP/full" "$TMP/ro"
if ! mount -t tmpfs -o size=192k tmpfs "$TMP/full" 2> /dev/null; then
    skip "cannot mount a tmpfs here (not root, or no permission): full disk not tested"
    skip "read-only output folder not tested"
    finish diskfull
fi
# ---- a full disk ------------------------------------------------------------------
"$JS" run "$TMP/small.ini" -o "$TMP/full/out" 2> /dev/null
check "small run fits" "$?" 0
cp "$TMP/full/out/indicators.csv" "$TMP/before.csv"
"$JS" run "$TMP/big.ini" -o "$TMP/full/out" -j 1 > /dev/null 2> "$TMP/full.err"
st=$?
if [ "$st" -eq 73 ] || [ "$st" -eq 74 ]; then ok; else bad "full disk: exit $st, expected 73 or 74: $(cat "$TMP/full.err")"; fi
if grep -qi "no space left" "$TMP/full.err"; then ok; else bad "full disk: no message naming it: $(cat "$TMP/full.err")"; fi
if cmp -s "$TMP/full/out/indicators.csv" "$TMP/before.csv"; then ok; else bad "full disk: the previous output changed"; fi
check "full disk: the previous folder only" "$(ls -A "$TMP/full" | tr '\n' ' ')" "out "
# ---- a read-only output folder -----------------------------------------------------
if mount -t tmpfs -o size=512k tmpfs "$TMP/ro" 2> /dev/null; then
    "$JS" run "$TMP/small.ini" -o "$TMP/ro/out" 2> /dev/null
    cp "$TMP/ro/out/indicators.csv" "$TMP/before-ro.csv"
    mount -o remount,ro "$TMP/ro"
    sed -i 's/^by = year$/by = year, sex/' "$TMP/small.ini"
    "$JS" run "$TMP/small.ini" -o "$TMP/ro/out" > /dev/null 2> "$TMP/ro.err"
    check "read-only: exit" "$?" 73
    if grep -qi "read-only" "$TMP/ro.err"; then ok; else bad "read-only: no message naming it: $(cat "$TMP/ro.err")"; fi
    if cmp -s "$TMP/ro/out/indicators.csv" "$TMP/before-ro.csv"; then ok; else bad "read-only: the previous output changed"; fi
else
    skip "cannot mount a second tmpfs: read-only output folder not tested"
fi
finish diskfull
