#!/bin/sh
# Key files on a [data] section (issue #15, "What must work" 4): labels =
# DIM:FILE recodes category labels, group = DIM:FILE sums categories into
# groups (SSYK 2012's three-digit occupations into its major groups,
# counties into NUTS 2 regions).  Expected values come from awk over the
# same CSV files; the shipped extracts in datasets/scb are always there,
# BRP+'s key (shared datasets) is skipped when absent.
# Closes with "keyfiles: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
SCB=$ROOT/datasets/scb
NL=$SCB/000000NL_10.csv
KEY=$SCB/ssyk2012-major-groups.csv

# --- group: occupations into major groups ------------------------------------
cat > "$TMP/g.ini" << EOF
[analysis]
title = t
[data occ]
file   = $NL
group  = "occupation (SSYK 2012)":$KEY
labels = region:$SCB/lan.csv
[indicator n]
kind = count
by   = region, occupation (SSYK 2012), sex
where = year:2017
[indicator share_women]
kind = share
part = sex:women
by   = region, occupation (SSYK 2012)
where = year:2017
EOF
"$JS" run "$TMP/g.ini" -o "$TMP/g" 2> "$TMP/g.err"
check "group: run exits 0" "$?" 0
# awk: SCB's file is Latin-1, one row per county × occupation × sex, the
# year columns last (2017 is the last); the major group is the code's first
# digit, 0002 (unidentifiable) its own group.
iconv -f ISO-8859-1 -t UTF-8 "$NL" | awk -F, 'NR > 1 { r = substr($1, 2, 2); o = $0; sub(/^"[^"]*","/, "", o)
        g = (o ~ /^0002/) ? "0002" : substr(o, 1, 1); s = ($0 ~ /,"women",/) ? "women" : "men"
        n[r "|" g "|" s] += $NF }
    END { for (k in n) print k "|" n[k] }' > "$TMP/want_n"
# jamstat's rows, read with Python's csv module (labels hold quoted commas)
csvrows() { # FILE INDICATOR COLUMN...: those columns of the indicator's rows, '|'-joined
    /usr/bin/python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["indicator"] == sys.argv[2]: print("|".join(r[c] for c in sys.argv[3:]))' "$@"
}
csvrows "$TMP/g/indicators.csv" n region "occupation (SSYK 2012)" sex value | sort > "$TMP/got_n"
sort "$TMP/want_n" > "$TMP/want_s"
bad_n=$(comm -3 "$TMP/got_n" "$TMP/want_s" | wc -l | tr -d ' ')
rows=$(wc -l < "$TMP/want_s" | tr -d ' ')
[ "$bad_n" -eq 0 ] || comm -3 "$TMP/got_n" "$TMP/want_s" | head -4 >&2
check "group: every region × major group × sex equals awk's sum ($rows cells)" "$bad_n" 0
check "group: 22 regions × 11 groups × 2 sexes" "$rows" 484
want=$(awk -F'|' '$1 == "23" && $2 == "2" { v[$3] = $4 } END { printf "%.12f", 100 * v["women"] / (v["women"] + v["men"]) }' "$TMP/want_n")
got=$(csvrows "$TMP/g/indicators.csv" share_women region "occupation (SSYK 2012)" value | awk -F'|' '$1 == "23" && $2 == "2" { print $3 }')
close "group: women's share in Jämtland's major group 2 (awk)" "$got" "$want"
grep -q '^n,23,Jämtlands län,2,Yrken med krav på fördjupad högskolekompetens,' "$TMP/g/indicators.csv" && ok ||
    bad "group and labels: the group's label and the county's label from the key files"
check "group: the groups in the key file's order, 0002 last" \
    "$(csvrows "$TMP/g/indicators.csv" n region "occupation (SSYK 2012)" sex | awk -F'|' '$1 == "23" && $3 == "women" { printf "%s ", $2 }')" \
    "0 1 2 3 4 5 6 7 8 9 0002 "

# --- labels: a code the file does not name keeps its own label ------------------
printf 'kod;namn\n23;Jämtlands län\n' > "$TMP/one.csv"
sed -e "s|^labels = .*|labels = region:$TMP/one.csv|" -e '/^group/d' "$TMP/g.ini" > "$TMP/l.ini"
"$JS" run "$TMP/l.ini" -o "$TMP/l" 2> /dev/null
check "labels: run exits 0 (a ; separated file)" "$?" 0
check "labels: 23 from the file" "$(awk -F, '$1 == "n" && $2 == "23" { print $3; exit }' "$TMP/l/indicators.csv")" "Jämtlands län"
check "labels: 10 keeps SCB's label" "$(awk -F, '$1 == "n" && $2 == "10" { print $3; exit }' "$TMP/l/indicators.csv")" "Blekinge county"
printf 'kod;namn\n23;J\344mtland (Latin-1)\n' > "$TMP/latin1.csv"
sed -e "s|^labels = .*|labels = region:$TMP/latin1.csv|" "$TMP/l.ini" > "$TMP/l1.ini"
"$JS" run "$TMP/l1.ini" -o "$TMP/l1" 2> /dev/null
check "labels: a Windows-1252 key file is read as such" \
    "$(awk -F, '$1 == "n" && $2 == "23" { print $3; exit }' "$TMP/l1/indicators.csv")" "Jämtland (Latin-1)"
printf 'a,b,kod,namn\nx,y,23,Jämtland\n' > "$TMP/cols.csv"
sed -e "s|^labels = .*|labels = region:$TMP/cols.csv\nlabels_columns = kod, 4|" "$TMP/l.ini" > "$TMP/l2.ini"
"$JS" run "$TMP/l2.ini" -o "$TMP/l2" 2> /dev/null
check "labels_columns: a header name and a number" \
    "$(awk -F, '$1 == "n" && $2 == "23" { print $3; exit }' "$TMP/l2/indicators.csv")" "Jämtland"

# --- mistakes --------------------------------------------------------------------------
mistake() { # NAME EXIT PATTERN: the last run's exit and message
    if [ "$rc" = "$2" ] && grep -q "$3" "$TMP/err"; then ok; else bad "$1: exit $rc, message: $(head -2 "$TMP/err")"; fi
}
grep -v '^962,' "$KEY" > "$TMP/short.csv"
sed "s|^group  = .*|group = \"occupation (SSYK 2012)\":$TMP/short.csv|" "$TMP/g.ini" > "$TMP/m.ini"
"$JS" run "$TMP/m.ini" -o "$TMP/m" 2> "$TMP/err"; rc=$?
mistake "group: a code of the data the key lacks" 65 'short.csv: error: expected a row for occupation (SSYK 2012) "962"'
[ ! -e "$TMP/m" ] && ok || bad "group: a refused run writes no output folder"
{ cat "$KEY"; echo "999,9,Yrken med krav på kortare utbildning eller introduktion"; } > "$TMP/extra.csv"
sed "s|^group  = .*|group = \"occupation (SSYK 2012)\":$TMP/extra.csv|" "$TMP/g.ini" > "$TMP/m.ini"
"$JS" run "$TMP/m.ini" -o "$TMP/m" 2> "$TMP/err"; rc=$?
mistake "group: a member of a group not in the data" 65 'extra.csv:151: error: group "9" needs all its members, but occupation (SSYK 2012) "999" is not in the data'
{ cat "$KEY"; echo "962,8,Yrken inom maskinell tillverkning och transport m.m."; } > "$TMP/twice.csv"
sed "s|^group  = .*|group = \"occupation (SSYK 2012)\":$TMP/twice.csv|" "$TMP/g.ini" > "$TMP/m.ini"
"$JS" run "$TMP/m.ini" -o "$TMP/m" 2> "$TMP/err"; rc=$?
mistake "group: a code given twice with two groups" 65 'twice.csv:151: error: code "962" is given again (first at line 149) with another group: "8", not "9"'
sed "s|^group  = .*|group = occupation|" "$TMP/g.ini" > "$TMP/m.ini"
"$JS" check "$TMP/m.ini" 2> "$TMP/err"; rc=$?
mistake "group: no file" 64 'group: expected DIMENSION:FILE'
sed "s|^group  = .*|group = nosuch:$KEY|" "$TMP/g.ini" > "$TMP/m.ini"
"$JS" check "$TMP/m.ini" 2> "$TMP/err"; rc=$?
mistake "group: a dimension the data lack" 64 'group: the data has no dimension "nosuch"'
sed "s|^labels = .*|labels = region:$TMP/cols.csv\nlabels_columns = kod, namnet|" "$TMP/l.ini" > "$TMP/m.ini"
"$JS" check "$TMP/m.ini" 2> "$TMP/err"; rc=$?
mistake "labels_columns: a column the file lacks, with its columns" 64 'has no column "namnet"; its columns are "a", "b", "kod", "namn"'
sed "s|^group  = .*|&\nmeasure_type = rate|" "$TMP/g.ini" > "$TMP/m.ini"
"$JS" check "$TMP/m.ini" 2> "$TMP/err"; rc=$?
mistake "group: refused on rates" 64 'group: sums the members.* cells, so it needs counts or amounts'
sed "s|^labels = .*|labels = region:$TMP/nosuch.csv|" "$TMP/l.ini" > "$TMP/m.ini"
"$JS" check "$TMP/m.ini" 2> "$TMP/err"; rc=$?
mistake "labels: a key file that is not there" 74 'nosuch.csv: error: cannot open the key file'

# --- the label of a summed total: the language's word, or the labels file's
# row for code "total"
printf '[analysis]\ntitle = t\nlanguage = en\n[data occ]\nfile = %s\n[indicator n]\nkind = count\nby = region\nwhere = region:10,total year:2017\n' "$NL" > "$TMP/t.ini"
"$JS" run "$TMP/t.ini" -o "$TMP/t" 2> /dev/null
check "summed total: Total in English" "$(awk -F, '$1 == "n" && $2 == "total" { print $3 }' "$TMP/t/indicators.csv")" "Total"
sed 's/^language = en$/language = sv/' "$TMP/t.ini" > "$TMP/t2.ini"
"$JS" run "$TMP/t2.ini" -o "$TMP/t2" 2> /dev/null
check "summed total: Totalt in Swedish" "$(awk -F, '$1 == "n" && $2 == "total" { print $3 }' "$TMP/t2/indicators.csv")" "Totalt"
sed "s|^file = .*|&\nlabels = region:$SCB/lan.csv|" "$TMP/t.ini" > "$TMP/t3.ini"
"$JS" run "$TMP/t3.ini" -o "$TMP/t3" 2> /dev/null
check "summed total: lan.csv's row total,Riket" "$(awk -F, '$1 == "n" && $2 == "total" { print $3 }' "$TMP/t3/indicators.csv")" "Riket"
check "summed total: the sum itself (awk)" "$(value "$TMP/t3/indicators.csv" n region=total)" \
    "$(iconv -f ISO-8859-1 -t UTF-8 "$NL" | awk -F, 'NR > 1 { s += $NF } END { print s }')"

# --- exclude: categories left out as the data are read (SCB's "county
# unknown"), before grouping
printf '[analysis]\ntitle = t\n[data occ]\nfile = %s\nexclude = region:99 year:2014\n[indicator n]\nkind = count\nby = region, year\n[indicator all]\nkind = count\nby = year\n' "$NL" > "$TMP/x.ini"
"$JS" run "$TMP/x.ini" -o "$TMP/x" 2> /dev/null
check "exclude: run exits 0" "$?" 0
check "exclude: 21 counties × 3 years left" "$(awk -F, '$1 == "n"' "$TMP/x/indicators.csv" | wc -l | tr -d ' ')" 63
check "exclude: no 99 and no 2014" "$(awk -F, '$1 == "n" && ($2 == "99" || $4 == "2014")' "$TMP/x/indicators.csv" | wc -l | tr -d ' ')" 0
check "exclude: the country's 2017 without county unknown (awk)" "$(value "$TMP/x/indicators.csv" all year=2017)" \
    "$(iconv -f ISO-8859-1 -t UTF-8 "$NL" | awk -F, 'NR > 1 && $1 !~ /^"99 / { s += $NF } END { print s }')"
sed 's/^exclude = .*/exclude = region:98/' "$TMP/x.ini" > "$TMP/m.ini"
"$JS" check "$TMP/m.ini" 2> "$TMP/err"; rc=$?
mistake "exclude: a category the data lack, at its line" 64 'm.ini:5:11: error: \[data occ\]: exclude: no category "98" in dimension "region"'
sed 's/^exclude = .*/exclude = year:2014,2015,2016,2017/' "$TMP/x.ini" > "$TMP/m.ini"
"$JS" check "$TMP/m.ini" 2> "$TMP/err"; rc=$?
mistake "exclude: every category of a dimension" 64 'exclude: leaves no category of year'

# --- a chart's label = FILE: the same key file, for one chart's categories -------
cat > "$TMP/c.ini" << EOF
[analysis]
title = t
[data occ]
file = $NL
[indicator share_women]
kind = share
part = sex:women
by   = region
where = year:2017
[chart c]
kind = ranked
indicator = share_women
label = $SCB/lan.csv
EOF
"$JS" run "$TMP/c.ini" -o "$TMP/c" 2> "$TMP/c.err"
check "chart label = FILE: run exits 0" "$?" 0
grep -q 'Jämtlands län' "$TMP/c/charts/c.csv" && ok || bad "chart label = FILE: Jämtlands län in the chart's data"
grep -q 'Jämtland county' "$TMP/c/charts/c.csv" && bad "chart label = FILE: SCB's label left in the chart" || ok
grep -q 'Jämtland county' "$TMP/c/indicators.csv" && ok || bad "chart label = FILE: the indicator keeps SCB's labels"
sed "s|^label = .*|label = $TMP/nosuch.csv|" "$TMP/c.ini" > "$TMP/m.ini"
"$JS" check "$TMP/m.ini" 2> "$TMP/err"; rc=$?
mistake "chart label = FILE: checked by check" 64 'label: expected CODE=Label items .* or a key file; there is no file .*nosuch.csv'

# --- group with a key of more columns, each county once per municipality:
# BRP+'s municipality key; counties into NUTS 1 regions.  Its NUTS 2 column
# gives Vallentuna (0115, Stockholm county) SE12 where the county's other
# municipalities have SE11, so grouping counties by it must be refused.
BRP=$SHARED/brp-plus/start_kommun_kodnyckel_tbl.csv
POP=$SHARED/scb-county-population-1968-2015.csv
if [ -f "$BRP" ] && [ -f "$POP" ]; then
    printf '[analysis]\ntitle = t\n[data pop]\nfile = %s\ngroup = region:%s\ngroup_columns = Lan_kod_S, Nuts1_kod, Nuts1_namn\n[indicator n]\nkind = count\nby = region\nwhere = year:2015\n' \
        "$POP" "$BRP" > "$TMP/nuts.ini"
    "$JS" run "$TMP/nuts.ini" -o "$TMP/nuts" 2> "$TMP/nuts.err"
    check "group_columns: run exits 0" "$?" 0
    want=$(awk 'FNR == 1 { next } NR == FNR { split($0, f, ";"); nuts[f[5]] = f[10]; next }
                { split($0, f, ","); if (f[1] == 2015 && nuts[f[2]] == "SE2") s += f[6] } END { print s }' "$BRP" "$POP")
    check "group_columns: SE2 (Södra Sverige) in 2015 from awk" "$(value "$TMP/nuts/indicators.csv" n region=SE2)" "$want"
    check "group_columns: three NUTS 1 regions" "$(awk -F, '$1 == "n"' "$TMP/nuts/indicators.csv" | wc -l | tr -d ' ')" 3
    check "group_columns: the group's label" "$(awk -F, '$1 == "n" && $2 == "SE2" { print $3 }' "$TMP/nuts/indicators.csv")" "Södra Sverige"
    sed 's/Nuts1_kod, Nuts1_namn/Nuts2_kod, Nuts2_namn/' "$TMP/nuts.ini" > "$TMP/m.ini"
    "$JS" run "$TMP/m.ini" -o "$TMP/m" 2> "$TMP/err"; rc=$?
    mistake "group: BRP+'s Vallentuna in SE12" 65 'start_kommun_kodnyckel_tbl.csv:3: error: code "01" is given again (first at line 2) with another Nuts2_kod: "SE12", not "SE11"'
else
    skip "$BRP or $POP absent: grouping by BRP+'s key not checked"
fi
finish keyfiles
