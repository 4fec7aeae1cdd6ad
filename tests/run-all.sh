#!/bin/sh
# Run every test suite (unit binaries given as arguments, then the CLI
# scripts) and close with one line summing them: "check: N passed, N failed".
set -u
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
if [ "${1:-}" = --no-unit ]; then # the CLI suites alone (check-asan, valgrind: another binary)
    shift
else
    sh tests/run-unit.sh "$@" 2>&1 | tee -a "$log" || status=1
fi
# every end-to-end suite: tests/cli/*.sh except the shared lib.sh
for t in tests/cli/*.sh; do
    [ "$t" = tests/cli/lib.sh ] && continue
    sh "$t" 2>&1 | tee -a "$log" || status=1
done
if [ -f tests/fuzz/run-replay.sh ] && [ -z "${JS_UNDER_SANITIZER:-}" ]; then
    sh tests/fuzz/run-replay.sh 2>&1 | tee -a "$log" || status=1
fi
awk '/^[a-z]+: [0-9]+ passed, [0-9]+ failed/ { p += $2; f += $4 }
     END { printf "check: %d passed, %d failed\n", p, f }' "$log"
exit $status
