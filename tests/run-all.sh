#!/bin/sh
# Run every test suite (unit binaries given as arguments, then the CLI
# scripts) and close with one line summing them: "check: N passed, N failed".
set -u
log=$(mktemp)
rc=$(mktemp)
trap 'rm -f "$log" "$rc"' EXIT
status=0
# run CMD...: run it, its output also into the log; a failing CMD fails the
# whole run (its status would otherwise be lost in the pipe to tee)
run() {
    { "$@" 2>&1; echo $? > "$rc"; } | tee -a "$log"
    [ "$(cat "$rc")" = 0 ] || status=1
}
if [ "${1:-}" = --no-unit ]; then # the CLI suites alone (check-asan, valgrind: another binary)
    shift
else
    run sh tests/run-unit.sh "$@"
fi
# every end-to-end suite: tests/cli/*.sh except the shared lib.sh
for t in tests/cli/*.sh; do
    [ "$t" = tests/cli/lib.sh ] && continue
    run sh "$t"
done
if [ -f tests/fuzz/run-replay.sh ] && [ -z "${JS_UNDER_SANITIZER:-}" ]; then
    run sh tests/fuzz/run-replay.sh
fi
# and the closing line's count of failures decides as well
awk '/^[a-z_]+: [0-9]+ passed, [0-9]+ failed/ { p += $2; f += $4 }
     END { printf "check: %d passed, %d failed\n", p, f; exit f > 0 }' "$log" || status=1
exit $status
