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

# run_case INPUT EXPECT [KB]: one case; the input's name in messages is INPUT
# as given.  With KB, jamstat runs under ulimit -v KB (address space), so a
# reader that allocates what a header declares fails with "out of memory"
# instead of the expected message.
run_case() {
    in=$1 exp=$2 limit=${3:-unlimited}
    # a sanitizer or valgrind reserves far more address space than any
    # limit: there the case runs without it (the message is still checked)
    [ -n "${JS_UNDER_SANITIZER:-}" ] && limit=unlimited
    want_exit=$(sed -n 1p "$exp")
    want_msg=$(sed -n 2p "$exp")
    mode=$(sed -n 3p "$exp")
    if [ "$mode" = convert ]; then
        (ulimit -v "$limit" && exec "$JS" convert "$in" -o "$TMP/out.csv") > /dev/null 2> "$TMP/err"
    else
        (ulimit -v "$limit" && exec "$JS" describe "$in") > /dev/null 2> "$TMP/err"
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
[ "$n" -ge 45 ] && ok || bad "only $n committed cases in tests/broken (expected at least 45)"
# every message of a file format with lines names its line (JSON-stat's
# structural errors name the member instead: jansson keeps no positions)
nolines=$(grep -h '^jamstat: ' tests/broken/*.expect | grep -v '^jamstat: [^:]*:[0-9]' | grep -v '\.json: ')
check "messages without a line" "$nolines" ""

# ---- made here ------------------------------------------------------------------
# made FILE STATUS REST [KB]: run FILE expecting STATUS and "jamstat: FILE" REST
made() {
    printf '%s\njamstat: %s%s\n' "$2" "$1" "$3" > "$TMP/made.expect"
    run_case "$1" "$TMP/made.expect" "${4:-}"
}
mkdir "$TMP/a-directory.csv"
made "$TMP/a-directory.csv" 66 ": error: expected a file, found a directory"

# CSV size limits: a line of 1 MiB, a field of 64 KiB, 4096 columns
awk 'BEGIN { printf "a"; for (i = 0; i < 1000000; i++) printf ",c%d", i; print ""; print "1" }' > "$TMP/cols-1e6.csv"
made "$TMP/cols-1e6.csv" 65 ":1: error: expected a line of at most 1048576 bytes, found a longer one"
awk 'BEGIN { printf "a"; for (i = 0; i < 5000; i++) printf ",c%d", i; print ""; print "1" }' > "$TMP/cols-5000.csv"
made "$TMP/cols-5000.csv" 65 ":1: error: expected at most 4096 columns, found more"
awk 'BEGIN { printf "region,note\n01,\""; for (i = 0; i < 70000; i++) printf "x"; print "\"" }' > "$TMP/field-70000.csv"
made "$TMP/field-70000.csv" 65 ":2: error: field 2: expected at most 65536 bytes, found 70000"
awk 'BEGIN { printf "region,note\n01,\""; for (i = 0; i < 600000; i++) print "x" }' > "$TMP/record-open.csv"
made "$TMP/record-open.csv" 65 ":2: error: expected a record of at most 1048576 bytes, found a longer one"

# A JSON-stat sparse "value" of one entry in a 5000 x 5000 table (25e6 cells,
# over the 2^24 a sparse table may declare without evidence); the indexes
# are real, so only the ratio of values to cells catches it.
awk 'BEGIN { printf "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"a\",\"b\"],\"size\":[5000,5000],\"dimension\":{"
    for (d = 0; d < 2; d++) {
        printf "%s\"%s\":{\"category\":{\"index\":[", (d ? "," : ""), (d ? "b" : "a")
        for (i = 0; i < 5000; i++) printf "%s\"c%d\"", (i ? "," : ""), i
        printf "]}}"
    }
    printf "},\"value\":{\"7\":1}}\n" }' > "$TMP/sparse.json"
printf '65\njamstat: %s: error: JSON-stat: "size" declares 25000000 cells, "value" gives 1: expected at least one value per 1024 cells above 16777216 cells\n' \
    "$TMP/sparse.json" > "$TMP/sparse.expect"
run_case "$TMP/sparse.json" "$TMP/sparse.expect"

# ---- hostile tiny headers under ulimit -v 400000 (400 MB of address space) ---------
# Each declares far more cells or categories than it carries; the reader must
# compare before allocating, so it fails with its message, not out of memory.
for c in jst-size-too-many-categories.json jst-size-1e12-cells.json jst-index-shorter-than-size.json \
         px-1e9-cells-tiny-data.px px-keys-sparse-hostile.px; do
    run_case "tests/broken/$c" "tests/broken/${c%.*}.expect" 400000
done
run_case "$TMP/sparse.json" "$TMP/sparse.expect" 400000
# long CSV and TSV of 1000 rows whose three key columns never repeat: 10^9
# cells from 16 KB (the dense cube was 17 GB, or exit 71 without a word)
awk 'BEGIN { print "a,b,c,value"; for (i = 0; i < 1000; i++) print "a" i ",b" i ",c" i ",1" }' > "$TMP/sparse.csv"
made "$TMP/sparse.csv" 65 ": error: the rows give 1000 cells, but the categories of the dimensions (1000x1000x1000) multiply to 1000000000: expected at least one cell per 1024 above 16777216 cells" 400000
awk 'BEGIN { printf "a,b,c\\time\t2020 \n"; for (i = 0; i < 1000; i++) print "a" i ",b" i ",c" i "\t1 " }' > "$TMP/sparse.tsv"
made "$TMP/sparse.tsv" 65 ": error: the rows give 1000 cells, but the categories of the dimensions (1000x1000x1000x1) multiply to 1000000000: expected at least one cell per 1024 above 16777216 cells" 400000
# a gzip bomb: 70,000 valid rows, each padded with 1000 blanks (which the
# reader trims), gzip -9: about 70 MiB of text from a few hundred KiB,
# refused past 64 MiB of text at over 200 times its size
{ printf 'unit,geo\\time\t2020\n'
  awk 'BEGIN { pad = sprintf("%1000s", ""); for (i = 0; i < 70000; i++) print "NR,S" i "\t1" pad }'; } |
    gzip -9 > "$TMP/bomb.tsv.gz"
# (line 66300: where the reader was when it inflated the chunk that passes
# 64 MiB; awk on the same rows puts the 64 MiB mark in line 66326, and a
# chunk is 64 KiB, about 65 of these lines)
made "$TMP/bomb.tsv.gz" 65 ":66300: error: the gzip data inflate to over 200 times their size (past 64 MiB of text): a gzip bomb? Inflate the file yourself (gunzip) if it is meant"
# a PX DATA token's column after the 64 KiB chunks the lexer reads: 30000
# rows "1 2", the 25000th "1 2x" (row i is on line 16 + i: 16 header lines
# up to DATA=; column 3 by construction)
{ sed -n 1,11p tests/broken/px-too-few-values.px
  printf 'STUB="geo";\nHEADING="time";\n'
  awk 'BEGIN { printf "VALUES(\"geo\")="; for (i = 0; i < 30000; i++) printf "%s\"g%d\"", (i ? "," : ""), i; print ";" }'
  printf 'VALUES("time")="2019","2020";\nDATA=\n'
  awk 'BEGIN { for (i = 1; i <= 30000; i++) print (i == 25000 ? "1 2x" : "1 2") (i == 30000 ? ";" : "") }'
} > "$TMP/px-far.px"
made "$TMP/px-far.px" 65 ":$((25000 + 16)):3: error: DATA: expected a number or a data symbol (\".\" to \".......\", \"-\"), found 2x"
# /dev/zero: one endless line (of NUL bytes)
made /dev/zero 65 ":1:1: error: expected text, found a NUL byte (a binary file, or UTF-16: save it as UTF-8)" 400000

finish broken
