#!/bin/sh
# The broken-input corpus: every tests/broken/NAME.EXT (an input) has a
# tests/broken/NAME.expect beside it:
#     line 1   the exit status of `jamstat describe NAME.EXT`
#     line 2   the exact first "error:" line on stderr, or, for an input that
#              is accepted on purpose, "accepted: " and why (then no error
#              line may appear)
#     line 3   (optional) "convert": run `jamstat convert NAME.EXT -o OUT`
#              instead of describe; or, for an accepted input, "values: "
#              and the value column of its converted CSV, joined by commas
#              (worked out by hand from the input)
# The files are run from the top of the tree, so messages name them as
# tests/broken/NAME.EXT.  Inputs too big to commit (a header of 10^6
# columns, a line longer than the limit) and those that are not files (a
# directory) are made here, with their expectations written beside them.
# Closes with "broken: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"

# run_case INPUT EXPECT: one case; the input's name in messages is INPUT as given
run_case() {
    in=$1 exp=$2
    want_exit=$(sed -n 1p "$exp")
    want_msg=$(sed -n 2p "$exp")
    mode=$(sed -n 3p "$exp")
    if [ "$mode" = convert ]; then
        "$JS" convert "$in" -o "$TMP/out.csv" > /dev/null 2> "$TMP/err"
    else
        "$JS" describe "$in" > /dev/null 2> "$TMP/err"
    fi
    got_exit=$?
    got_msg=$(grep -m1 ': error: ' "$TMP/err")
    check "$in: exit status" "$got_exit" "$want_exit"
    case $want_msg in
    accepted:*)
        check "$in: accepted on purpose, no error" "$got_msg" ""
        case $mode in
        values:*)
            "$JS" convert "$in" -o "$TMP/out.csv" 2> /dev/null
            got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "value") c = i; next }
                           { printf "%s%s", (NR > 2 ? "," : ""), $c }' "$TMP/out.csv")
            check "$in: values" "values: $got" "$mode" ;;
        esac ;;
    *) check "$in: message" "$got_msg" "$want_msg" ;;
    esac
}

n=0
for exp in tests/broken/*.expect; do
    stem=${exp%.expect}
    for in in "$stem".*; do
        [ "$in" = "$exp" ] && continue
        run_case "$in" "$exp"
        n=$((n + 1))
    done
done

# ---- made here ------------------------------------------------------------------
mkdir "$TMP/a-directory.csv"
printf '66\njamstat: %s: error: expected a file, found a directory\n' "$TMP/a-directory.csv" > "$TMP/dir.expect"
run_case "$TMP/a-directory.csv" "$TMP/dir.expect"

finish broken
