#!/bin/sh
# tests/fuzz/run-replay.sh - fuzz regression (STYLE.md section 10.4): build every
# fuzz target with the plain replay main (replay.c) against the library and run
# it over its corpus, tests/fuzz/corpus/<target>/.  No libFuzzer needed.
#
# Run from the repository root after `make` (it needs build/libjamstat.a):
#     sh tests/fuzz/run-replay.sh
# With sanitizers, against the library `make asan` builds:
#     LIB=build-asan/libjamstat.a \
#     FUZZ_CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all" \
#     sh tests/fuzz/run-replay.sh
#
# One test per corpus file: it passes when the target returns on that input
# (a broken reader contract aborts: see tests/fuzz/fuzz_common.h); after an
# abort the remaining inputs still run.  A target whose corpus is empty, or
# that does not build, is one failure.
# Closes with "fuzz: N passed, N failed".
set -u
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
LIB=${LIB:-build/libjamstat.a}
BUILD=${FUZZ_BUILD:-build/fuzz}
FUZZ_CFLAGS=${FUZZ_CFLAGS:--O1 -g}
WARN="-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wstrict-prototypes \
-Wmissing-prototypes -Wold-style-definition -Wcast-align -Wwrite-strings -Wundef -Wvla \
-Wformat=2 -Wswitch-enum -Wfloat-equal -Wdouble-promotion -Wimplicit-fallthrough"
TARGETS=${FUZZ_TARGETS:-px csv jsonstat tsv px_number spec run select labels}
passed=0 failed=0

if [ ! -f "$LIB" ]; then
    echo "run-replay: $LIB missing: run make first" >&2
    echo "fuzz: 0 passed, 1 failed"
    exit 1
fi
PKGS=$(make -s --no-print-directory print-pkgs) # one list, the Makefile's
PKG_CFLAGS=$($PKG_CONFIG --cflags $PKGS)
PKG_LIBS=$($PKG_CONFIG --libs $PKGS)
mkdir -p "$BUILD"
for t in $TARGETS; do
    bin="$BUILD/replay_$t"
    # shellcheck disable=SC2086 # word splitting of the flag lists is intended
    if ! $CC -std=c11 $WARN $FUZZ_CFLAGS $PKG_CFLAGS -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc \
            -o "$bin" "tests/fuzz/fuzz_$t.c" tests/fuzz/replay.c "$LIB" $PKG_LIBS -lcsv -lm \
            2> "$BUILD/replay_$t.log"; then
        failed=$((failed + 1))
        echo "FAIL: fuzz_$t does not build:" >&2
        cat "$BUILD/replay_$t.log" >&2
        continue
    fi
    if [ -s "$BUILD/replay_$t.log" ]; then # warnings: show them, they are bugs too
        cat "$BUILD/replay_$t.log" >&2
    fi
    corpus="tests/fuzz/corpus/$t"
    list="$BUILD/replay_$t.list"
    find "$corpus" -type f ! -name '.*' 2> /dev/null | LC_ALL=C sort > "$list"
    # the broken-input corpus (tests/broken) is replayed too, each file by the
    # target of its format, so every hostile case also runs under the
    # fuzzers' contract checks (and under ASan with the LIB above)
    case $t in
    csv) ext=csv ;; px) ext=px ;; jsonstat) ext=json ;; tsv) ext=tsv ;; *) ext= ;;
    esac
    if [ -n "$ext" ]; then
        find tests/broken -type f -name "*.$ext" 2> /dev/null | LC_ALL=C sort >> "$list"
    fi
    n=$(wc -l < "$list" | tr -d ' ')
    if [ "$n" -eq 0 ]; then
        failed=$((failed + 1))
        echo "FAIL: fuzz_$t: empty corpus $corpus" >&2
        continue
    fi
    # Run the inputs in order; when one aborts, count it as failed, name it,
    # and go on with the next (corpus file names hold no white space).
    ran=0 start=1
    while [ "$start" -le "$n" ]; do
        tail -n +"$start" "$list" | xargs "$bin" > "$BUILD/replay_$t.out" 2> "$BUILD/replay_$t.err"
        ok_now=$(grep -c '^ok ' "$BUILD/replay_$t.out")
        ran=$((ran + ok_now))
        start=$((start + ok_now))
        [ "$start" -le "$n" ] || break
        failed=$((failed + 1))
        echo "FAIL: fuzz_$t on $(sed -n "${start}p" "$list"):" >&2
        grep -v '^replay: ' "$BUILD/replay_$t.err" | tail -n 20 >&2
        start=$((start + 1))
    done
    passed=$((passed + ran))
    echo "fuzz_$t: $ran of $n inputs" >&2
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
