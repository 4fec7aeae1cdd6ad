#!/bin/sh
# tests/fuzz/run-fuzz.sh - real fuzzing with clang's libFuzzer (STYLE.md section
# 10.5).  Not part of `make check`: it runs for minutes.
#
#     sh tests/fuzz/run-fuzz.sh [SECONDS-PER-TARGET] [TARGET...]
#
# Builds the library with clang into build-fuzz/ (-fsanitize=fuzzer-no-link,
# address,undefined), links each tests/fuzz/fuzz_<target>.c with libFuzzer's
# main, and fuzzes it for SECONDS (default 60) starting from
# tests/fuzz/corpus/<target>/.  New interesting inputs go to
# build-fuzz/corpus/<target>/ (the committed corpus is not touched); crashes
# to build-fuzz/crash-<target>-*.  Minimise a crash with
#     build-fuzz/fuzz_<target> -minimize_crash=1 -runs=10000 CRASH
# and commit the result as tests/fuzz/corpus/<target>/crash-<what> with the fix.
# PX keywords come from tests/fuzz/px.dict.  FUZZ_ARGS adds libFuzzer options, e.g.
# FUZZ_ARGS="-fork=1 -ignore_crashes=1" to go on past a known crash.
set -u
SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
TARGETS=${*:-px csv jsonstat tsv px_number spec run select labels}
CLANG=${CLANG:-clang}
BUILD=build-fuzz
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
command -v "$CLANG" > /dev/null || { echo "run-fuzz: $CLANG not found (apt-get install clang)" >&2; exit 2; }
make --no-print-directory CC="$CLANG" BUILD="$BUILD" \
    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $SAN" "$BUILD/libjamstat.a" || exit 2
PKGS=$(make -s --no-print-directory print-pkgs) # one list, the Makefile's
PKG_LIBS=$(pkg-config --libs $PKGS)
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
# The analysis-file and run targets write their inputs as files: on a
# memory file system they run four to five times faster than on disk.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi
status=0
for t in $TARGETS; do
    # shellcheck disable=SC2086
    "$CLANG" -std=c11 -O1 -g -fsanitize=fuzzer $SAN $PKG_CFLAGS -D_POSIX_C_SOURCE=200809L \
        -Iinclude -Isrc -o "$BUILD/fuzz_$t" "tests/fuzz/fuzz_$t.c" "$BUILD/libjamstat.a" \
        $PKG_LIBS -lcsv -lm || { status=1; continue; }
    mkdir -p "$BUILD/corpus/$t"
    dict=""
    [ "$t" = px ] && dict="-dict=tests/fuzz/px.dict"
    echo "run-fuzz: fuzz_$t for ${SECONDS_EACH}s" >&2
    # shellcheck disable=SC2086
    "$BUILD/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 $dict ${FUZZ_ARGS:-} \
        -artifact_prefix="$BUILD/crash-$t-" "$BUILD/corpus/$t" "tests/fuzz/corpus/$t" \
        > "$BUILD/fuzz_$t.log" 2>&1 || status=1
    tail -n 12 "$BUILD/fuzz_$t.log" >&2
done
exit $status
