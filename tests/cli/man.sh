#!/bin/sh
# tests/cli/man.sh - the man page's examples are run, and the committed
# page is what its source makes.
#
# Every indented block of doc/jamstat.1.md whose lines start with "$ " is a
# list of commands run from the top of the tree in order (out/ is a fresh
# folder); the lines after a command are lines its output (stdout and
# stderr) must contain, in that order, and a last "(exit N)" is its exit
# status when that is not 0.  When go-md2man is installed (make deps
# installs it), doc/jamstat.1 must equal what it makes of doc/jamstat.1.md
# (`make man` rewrites it).  Closes with "man: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
MD="$ROOT/doc/jamstat.1.md"

# The examples, as "cmd<TAB>command" and "want<TAB>line" records.
awk '
    /^    \$ / { sub(/^    \$ /, ""); print "cmd\t" $0; in_block = 1; next }
    in_block && /^    [^ ]/ { sub(/^    /, ""); print "want\t" $0; next }
    { in_block = 0 }' "$MD" > "$TMP/examples"
n=$(grep -c '^cmd' "$TMP/examples")
if [ "$n" -ge 6 ]; then ok; else bad "expected at least 6 examples in $MD, found $n"; fi

mkdir -p "$TMP/bin" "$TMP/out"
ln -s "$JS" "$TMP/bin/jamstat"
# run CMD: its output into $TMP/got, its status into $TMP/status
run() {
    (cd "$ROOT" && PATH="$TMP/bin:$PATH" sh -c "$1" > "$TMP/got" 2>&1; echo $? > "$TMP/status")
}
# settle: the command before against what was wanted of it
settle() {
    [ -n "$cmd" ] || return 0
    run "$cmd"
    want_status=0
    : > "$TMP/lines"
    while IFS= read -r w; do
        case $w in
        "(exit "*")") want_status=${w#(exit }; want_status=${want_status%)} ;;
        *) printf '%s\n' "$w" >> "$TMP/lines" ;;
        esac
    done < "$TMP/want"
    check "exit status of: $cmd" "$(cat "$TMP/status")" "$want_status"
    # each wanted line within a line of the output, in order
    if awk -v lines="$TMP/lines" 'BEGIN { while ((getline w < lines) > 0) want[++n] = w }
            k < n && index($0, want[k + 1]) { k++ }
            END { exit k < n }' "$TMP/got"; then ok
    else bad "output of: $cmd
--- wanted (in order) ---
$(cat "$TMP/lines")
--- got ---
$(cat "$TMP/got")"; fi
}

# out/ of the examples is a scratch folder: they run with out -> $TMP/out
cmd=""
: > "$TMP/want"
while IFS="$(printf '\t')" read -r kind text; do
    case $kind in
    cmd)
        settle
        cmd=$(printf '%s' "$text" | sed "s#\\bout/#$TMP/out/#g")
        : > "$TMP/want"
        ;;
    want) printf '%s\n' "$text" >> "$TMP/want" ;;
    esac
done < "$TMP/examples"
settle

# ---- the committed page is the source's ---------------------------------------------
if command -v go-md2man > /dev/null; then
    go-md2man -in "$MD" -out "$TMP/jamstat.1"
    if cmp -s "$TMP/jamstat.1" "$ROOT/doc/jamstat.1"; then ok
    else bad "doc/jamstat.1 is not what doc/jamstat.1.md makes: run make man and commit both"; fi
else
    skip "go-md2man absent: doc/jamstat.1 not compared with its source"
fi
finish man
