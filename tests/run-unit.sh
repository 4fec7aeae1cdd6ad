#!/bin/sh
# Run every Criterion unit-test binary given as arguments, from the
# repository root (tests find ../shared/datasets relative to it), and print
# one closing line "unit: N passed, N failed" summed over all of them.
set -u
passed=0 failed=0 status=0
for t in "$@"; do
    out=$("$t" --jobs=1 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -v '^\[----\]' | grep -E 'FAIL|Skipping|skipped|Synthesis|CRASH|Warning|failed' || true
    syn=$(printf '%s\n' "$out" | grep 'Synthesis:' | tail -n 1)
    p=$(printf '%s' "$syn" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
    f=$(printf '%s' "$syn" | sed -n 's/.*Failing: \([0-9]*\).*/\1/p')
    c=$(printf '%s' "$syn" | sed -n 's/.*Crashing: \([0-9]*\).*/\1/p')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${c:-0}))
    if [ "$rc" -ne 0 ] || [ -z "$syn" ]; then
        echo "unit: $t exited with status $rc" >&2
        [ -z "$syn" ] && failed=$((failed + 1))
        status=1
    fi
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
