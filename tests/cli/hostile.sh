#!/bin/sh
# End-to-end tests of what jamstat writes when its input (or its
# surroundings) is hostile: labels that are spreadsheet formulas, an output
# path that is not a regular file, a gnuplot that hangs.
# Expected values come from the inputs' construction, written beside each
# check.  Closes with "hostile: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"

# ---- formula injection (OWASP "CSV injection") ----------------------------------
# Three regions whose names a spreadsheet would run, one harmless "-19" (a
# number: it stays as it is), and a value -3.5 that must stay a number.
# (TAB and CR, also neutralised, are trimmed from fields by the reader:
# test_output.c checks them on the writer's rule.)
mkdir "$TMP/inj"
cat > "$TMP/inj/pop.csv" <<'CSV'
region,sex,year,population
"=HYPERLINK(""http://evil.example"")",women,2020,-3.5
"+cmd|' /C calc'!A0",women,2020,5
@SUM(A1),women,2020,2
-19,women,2020,4
CSV
"$JS" convert "$TMP/inj/pop.csv" -o "$TMP/inj/plain.csv" 2> "$TMP/inj/err" || bad "convert: $(cat "$TMP/inj/err")"
"$JS" convert "$TMP/inj/pop.csv" -o "$TMP/inj/excel.csv" --dialect excel-sv 2> "$TMP/inj/err" ||
    bad "convert excel-sv: $(cat "$TMP/inj/err")"
# the region codes (first field of each data row, quotes removed), as the
# input lists them with a ' before each formula
for f in plain excel; do
    sep=,; [ $f = excel ] && sep=';'
    got=$(awk -F"$sep" 'NR > 1 { print $1 }' "$TMP/inj/$f.csv" | sed 's/^"//; s/"$//; s/""/"/g' | sort -u | tr '\n' ' ' | sed 's/ $//')
    want_sorted=$(printf '%s\n' "'=HYPERLINK(\"http://evil.example\")" "'+cmd|' /C calc'!A0" \
        "'@SUM(A1)" "-19" | sort -u | tr '\n' ' ' | sed 's/ $//')
    check "$f: region codes neutralised" "$got" "$want_sorted"
    # no text field of any row starts with a formula character
    if awk -F"$sep" 'NR > 1 { sub(/\r$/, ""); for (i = 1; i <= NF; i++) { f = $i; sub(/^"/, "", f)
                          if (f ~ /^[=+@\t\r]/ || f ~ /^-[^0-9]/) exit 1 } }' "$TMP/inj/$f.csv"; then ok
    else bad "$f: a field still starts with a formula character"; fi
done
# the value -3.5 stays a number: plain -3.5, excel-sv -3,5 (decimal comma)
check "plain: -3.5 is a number" "$(awk -F, 'NR > 1 && $7 != "" && $7 < 0 { print $7 }' "$TMP/inj/plain.csv")" "-3.5"
check "excel-sv: -3,5 is a number" "$(grep -c ';-3,5;' "$TMP/inj/excel.csv")" 1

# indicators.csv, a [table] CSV and indicators.xlsx of a run over such labels
cat > "$TMP/inj/run.csv" <<'CSV'
year,region,sex,age,population
2020,"=HYPERLINK(""http://evil.example"")",women,0,10
2020,"+cmd|' /C calc'!A0",women,0,12
2020,-19,women,0,7
CSV
count_ini "$TMP/inj/a.ini" run.csv '[table t]' 'indicators = n' 'by = region, year'
if "$JS" run "$TMP/inj/a.ini" -o "$TMP/inj/out" 2> "$TMP/inj/err"; then ok; else bad "run: $(cat "$TMP/inj/err")"; fi
# each region's row, its region field neutralised (indicators.csv starts with "n,")
for f in indicators.csv t.csv; do
    check "$f: =HYPERLINK neutralised" "$(grep -c "^\(n,\)\{0,1\}\"'=HYPERLINK(\"\"http://evil.example\"\")\"," "$TMP/inj/out/$f")" 1
    check "$f: +cmd neutralised" "$(grep -c "^\(n,\)\{0,1\}'+cmd|' /C calc'!A0," "$TMP/inj/out/$f")" 1
    check "$f: -19 kept" "$(grep -c "^\(n,\)\{0,1\}-19,2020," "$TMP/inj/out/$f")" 1
done
# the counts stay numbers: 10, 12 and 7 as given
check "indicators.csv: values" "$(awk -F, 'NR > 1 { print $(NF - 4) }' "$TMP/inj/out/indicators.csv" | sort -n | tr '\n' ' ')" "7 10 12 "
# xlsx: the labels are string cells (inlineStr), never formulas (<f>), and
# the counts are number cells (<v>) - read off the sheet XML
if command -v unzip > /dev/null 2>&1; then
    unzip -q -o "$TMP/inj/out/indicators.xlsx" -d "$TMP/inj/xlsx"
    sheet="$TMP/inj/xlsx/xl/worksheets/sheet2.xml"
    check "xlsx: no formula cell" "$(grep -c '<f>' "$sheet")" 0
    for label in '=HYPERLINK("http://evil.example")' "+cmd|' /C calc'!A0"; do
        check "xlsx: $label is a string cell" \
            "$(grep -o "<c r=\"A[0-9]*\" t=\"inlineStr\"><is><t>[^<]*</t>" "$sheet" | grep -cF "<t>$label</t>")" 1
    done
    check "xlsx: the counts are numbers" "$(grep -o '<c r="C[2-4]" s="[0-9]*"><v>[0-9]*</v>' "$sheet" | sed 's/.*<v>//; s/<.*//' | sort -n | tr '\n' ' ')" "7 10 12 "
else
    skip "unzip absent: the xlsx cell types are not checked"
fi

# ---- convert -o replaces only a regular file ------------------------------------
# (rename() replaces whatever the name is: as root, -o /dev/full replaced the
# device.)  Each refusal exits 73 and leaves the thing as it was; the device
# case makes its own null device in $TMP (root only), never touching /dev.
mkdir "$TMP/o"
IN="$TMP/inj/pop.csv"
refused() { # NAME PATH WHAT TEST-OP
    "$JS" convert "$IN" -o "$2" > /dev/null 2> "$TMP/o/err"
    check "-o $1: exit status" "$?" 73
    check "-o $1: message" "$(cat "$TMP/o/err")" \
        "jamstat: $2: error: expected a regular file or a new name to write, found $3: not replaced"
    if [ "$4" "$2" ]; then ok; else bad "-o $1: no longer $3"; fi
}
echo "the target" > "$TMP/o/target.csv"
ln -s target.csv "$TMP/o/link.csv"
refused "a symbolic link" "$TMP/o/link.csv" "a symbolic link" -L
check "-o a symbolic link: its target is untouched" "$(cat "$TMP/o/target.csv")" "the target"
mkfifo "$TMP/o/fifo.csv"
refused "a FIFO" "$TMP/o/fifo.csv" "a FIFO" -p
mkdir "$TMP/o/dir.csv"
refused "a directory" "$TMP/o/dir.csv" "a directory" -d
if mknod "$TMP/o/null" c 1 3 2> /dev/null; then
    refused "a device" "$TMP/o/null" "a device" -c
else
    skip "mknod not permitted (not root): the device case is skipped"
fi
ls -a "$TMP/o" | grep -q 'tmp-' && bad "a temporary was left in $TMP/o" || ok
# a new name and an existing regular file are written (atomically, as before)
"$JS" convert "$IN" -o "$TMP/o/new.csv" 2> "$TMP/o/err"
check "-o a new name: exit status" "$?" 0
check "-o a new name: rows (4 regions x 1 sex x 1 year)" "$(awk 'END { print NR - 1 }' "$TMP/o/new.csv")" 4
"$JS" convert "$IN" -o "$TMP/o/target.csv" 2> "$TMP/o/err"
check "-o a regular file: exit status" "$?" 0
check "-o a regular file: replaced by the CSV" "$(head -1 "$TMP/o/target.csv")" \
    "region,region_label,sex,sex_label,year,year_label,value,status,symbol"

# ---- a gnuplot that hangs is stopped --------------------------------------------
# A fake gnuplot first on PATH starts a child that sleeps and waits for it;
# with JAMSTAT_GNUPLOT_TIMEOUT=1 the run must fail naming the chart (exit 69,
# the external tool failed), the sleeping child (same process group) must be
# gone, and the output folder of the run before must be as it was.
mkdir -p "$TMP/g/bin"
cat > "$TMP/g/pop.csv" <<'CSV'
year,region,sex,age,population
2020,A,women,0,10
2020,A,men,0,12
2021,A,women,0,11
2021,A,men,0,12
CSV
count_ini "$TMP/g/a.ini" pop.csv '[chart c]' 'kind = lines' 'indicator = n' 'where = region:A'
# the previous output: made with gnuplot when there is one, else without charts
if command -v gnuplot > /dev/null 2>&1; then
    "$JS" run "$TMP/g/a.ini" -o "$TMP/g/out" --format svg 2> "$TMP/g/err" || bad "first run: $(cat "$TMP/g/err")"
else
    count_ini "$TMP/g/b.ini" pop.csv
    "$JS" run "$TMP/g/b.ini" -o "$TMP/g/out" 2> "$TMP/g/err" || bad "first run: $(cat "$TMP/g/err")"
fi
(cd "$TMP/g/out" && find . -type f | sort | xargs cksum) > "$TMP/g/before"
cat > "$TMP/g/bin/gnuplot" <<SH
#!/bin/sh
sleep 300 &
echo \$! > "$TMP/g/child.pid"
wait
SH
chmod +x "$TMP/g/bin/gnuplot"
PATH="$TMP/g/bin:$PATH" JAMSTAT_GNUPLOT_TIMEOUT=1 "$JS" run "$TMP/g/a.ini" -o "$TMP/g/out" \
    --format svg > /dev/null 2> "$TMP/g/err"
check "hung gnuplot: exit status" "$?" 69
msg=$(grep -m1 'error:' "$TMP/g/err" | sed 's/^jamstat: [^ ]*charts\/c.gp: //')
check "hung gnuplot: message" "$msg" \
    'error: chart "c": gnuplot did not finish c.svg within 1 s and was stopped ([analysis] gnuplot_timeout or JAMSTAT_GNUPLOT_TIMEOUT sets the limit in seconds)'
(cd "$TMP/g/out" && find . -type f | sort | xargs cksum) > "$TMP/g/after"
if cmp -s "$TMP/g/before" "$TMP/g/after"; then ok; else bad "hung gnuplot: the previous output folder changed"; fi
# the sleeping child was killed with its group (it may take a moment to be
# reaped: wait for it, up to 50 looks, before deciding)
pid=$(cat "$TMP/g/child.pid" 2> /dev/null)
i=0
while [ -n "$pid" ] && [ $i -lt 50 ]; do
    state=$(ps -o stat= -p "$pid" 2> /dev/null)
    case $state in ''|Z*) break ;; esac
    sleep 0.1
    i=$((i + 1))
done
case ${state:-} in ''|Z*) ok ;; *) bad "hung gnuplot: its child $pid still runs"; kill "$pid" ;; esac
# the same limit from the analysis file (it wins over the environment)
PATH="$TMP/g/bin:$PATH" JAMSTAT_GNUPLOT_TIMEOUT=600 "$JS" run "$TMP/g/a.ini" -o "$TMP/g/out" \
    --set analysis.gnuplot_timeout=1 --format svg > /dev/null 2> "$TMP/g/err"
check "hung gnuplot, gnuplot_timeout = 1: exit status" "$?" 69
if grep -q 'within 1 s and was stopped' "$TMP/g/err"; then ok; else bad "gnuplot_timeout: $(cat "$TMP/g/err")"; fi
pkill -f "sleep 300" 2> /dev/null
# a bad value is a usage error
JAMSTAT_GNUPLOT_TIMEOUT=soon "$JS" run "$TMP/g/a.ini" -o "$TMP/g/out2" > /dev/null 2> "$TMP/g/err"
check "JAMSTAT_GNUPLOT_TIMEOUT=soon: exit status" "$?" 64
check "JAMSTAT_GNUPLOT_TIMEOUT=soon: message" "$(grep -m1 error: "$TMP/g/err")" \
    'jamstat: error: JAMSTAT_GNUPLOT_TIMEOUT: expected whole seconds from 0 (no limit) to 86400, found "soon"'

# ---- a full disk is named ----------------------------------------------------------
# A fake gnuplot that fails as gnuplot does when its output cannot be written.
cat > "$TMP/g/bin/gnuplot" <<'SH'
#!/bin/sh
echo 'cannot open file c.svg for output: No space left on device' >&2
exit 1
SH
PATH="$TMP/g/bin:$PATH" "$JS" run "$TMP/g/a.ini" -o "$TMP/g/out" --format svg > /dev/null 2> "$TMP/g/err"
check "full disk: exit status (a write error, 74)" "$?" 74
msg=$(grep -m1 'error:' "$TMP/g/err" | sed 's/^jamstat: [^ ]*charts\/c.gp: //')
check "full disk: message" "$msg" \
    'error: chart "c": no space left on the device to write c.svg (free some space and run again): cannot open file c.svg for output: No space left on device'

finish hostile
