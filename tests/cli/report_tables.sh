#!/bin/sh
# The report's tables are chosen for the reader (issue #15, defect 4): with
# [analysis] focus, a table by region shows the home region for every year
# first, then the country, then the other regions for the latest year.
#  - on SCB's county population (shared datasets; skipped when absent):
#    focus = 23 gives Jämtland's 48 years, then the other 20 counties for
#    2015; the rows expected come from awk over the file itself;
#  - on invented counts with a national row ("00 Riket"): the country
#    follows the home region, and the note says so;
#  - without focus, the first 300 rows, as the note says;
#  - a [table] appears in the report and as a sheet of the xlsx.
# Closes with "report_tables: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
# the row headers of the report's first table, "region|year" per line
rows() { /usr/bin/python3 - "$1" <<'PY'
import re, sys, html
s = open(sys.argv[1], encoding="utf-8").read()
t = re.search(r'<section class="table-block".*?</section>', s, re.S).group(0)
for r in re.findall(r"<tbody>(.*?)</tbody>", t, re.S)[0].split("</tr>")[:-1]:
    print("|".join(html.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", r)))
PY
}
POP=$SHARED/scb-county-population-1968-2015.csv
if [ -f "$POP" ]; then
    printf '[analysis]\ntitle = t\nfocus = 23\n[data pop]\nfile = %s\n[indicator n]\nkind = count\nby = region, year\n' \
        "$POP" > "$TMP/a.ini"
    "$JS" run "$TMP/a.ini" -o "$TMP/out" 2> "$TMP/err"
    check "run exits 0" "$?" 0
    rows "$TMP/out/report.html" > "$TMP/got"
    # awk's rows: region 23's label with every year in order, then the other
    # regions' labels for the last year, in code order
    col() { awk -F, -v c="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { print $k }' "$POP"; }
    home=$(awk -F, 'NR > 1 && $2 == "23" { print $3; exit }' "$POP")
    last=$(col year | sort -n | tail -1)
    col year | sort -un | sed "s/^/$home|/" > "$TMP/want"
    awk -F, 'NR > 1 && $2 != "23" { print $2 "," $3 }' "$POP" | sort -u | cut -d, -f2 | sed "s/\$/|$last/" >> "$TMP/want"
    if [ -s "$TMP/want" ] && cmp -s "$TMP/got" "$TMP/want"; then ok
    else bad "focus = 23: the table's rows differ from awk's ($(wc -l < "$TMP/got") vs $(wc -l < "$TMP/want") rows)"; fi
    grep -q "Tabellen visar $(sed -n 1p "$TMP/want" | cut -d'|' -f1) för alla år och övriga regioner för 2015 ($(wc -l < "$TMP/want" | tr -d ' ') av" \
        "$TMP/out/report.html" && ok || bad "focus = 23: no note saying which rows the table shows"
    sed '/^focus/d' "$TMP/a.ini" > "$TMP/b.ini"
    "$JS" run "$TMP/b.ini" -o "$TMP/out2" 2> /dev/null
    check "without focus: the first 300 rows" "$(rows "$TMP/out2/report.html" | wc -l | tr -d ' ')" 300
    grep -q "Tabellen visar de första 300 av" "$TMP/out2/report.html" && ok || bad "without focus: no note on the first 300 rows"
else
    skip "$POP absent: the county table not checked"
fi
printf 'year,region,persons\n' > "$TMP/d.csv"
for y in 2012 2013 2014 2015 2016 2017 2018 2019 2020; do
    printf '%s,%s\n' "$y" "00 Riket,980" "$y" "23 Jämtlands län,124" "$y" "24 Västerbottens län,262" >> "$TMP/d.csv"
done
printf '[analysis]\ntitle = t\nlanguage = en\nfocus = 24\n[data d]\nfile = d.csv\n[indicator n]\nkind = count\nby = region, year\n' > "$TMP/c.ini"
"$JS" run "$TMP/c.ini" -o "$TMP/out3" 2> /dev/null
check "invented: home region, country, then the others for the latest year" \
    "$(rows "$TMP/out3/report.html" | sed -n '1p;9p;10p;18p;19p;20p' | tr '\n' ' ')" \
    "Västerbottens län|2012 Västerbottens län|2020 Riket|2012 Riket|2020 Jämtlands län|2020 "
check "invented: 9 + 9 + 1 rows" "$(rows "$TMP/out3/report.html" | wc -l | tr -d ' ')" 19
grep -q "The table shows Västerbottens län and the country for every year, and the other regions for 2020 (19 of 27 rows)" \
    "$TMP/out3/report.html" && ok || bad "invented: the note names the home region and the country"
# a [table] is in the report and in the xlsx too (defect 4): the invented
# counts and their share of women, side by side; the values by hand
printf 'year,region,sex,persons\n2020,23 Jämtlands län,women,60\n2020,23 Jämtlands län,men,64\n2020,24 Västerbottens län,women,130\n2020,24 Västerbottens län,men,132\n' > "$TMP/e.csv"
cat > "$TMP/e.ini" <<'INI'
[analysis]
title = t
[data d]
file = e.csv
[indicator n]
kind = count
by = region
[indicator w]
kind = share
part = sex:women
by = region
[table side]
title = Personer och andel kvinnor
indicators = n, w
by = region
INI
"$JS" run "$TMP/e.ini" -o "$TMP/out4" 2> /dev/null
check "[table]: run exits 0" "$?" 0
/usr/bin/python3 - "$TMP/out4" > "$TMP/tab.txt" <<'PY'
import html, re, sys, zipfile
out = sys.argv[1]
s = open(out + "/report.html", encoding="utf-8").read()
for block in re.findall(r'<section class="table-block".*?</section>', s, re.S):
    h = re.search(r"<h3[^>]*>(.*?)</h3>", block, re.S).group(1)
    if "Personer och andel kvinnor" not in h:
        continue
    print("html:", re.sub(r"<[^>]+>", "", h).strip())
    for row in re.findall(r"<tbody>(.*?)</tbody>", block, re.S)[0].split("</tr>")[:-1]:
        print("html:", "|".join(html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row)))
    print("html:", re.sub(r"<[^>]+>", "", re.search(r"<li>.*?</li>", block.split("table-notes")[1]).group(0)))
z = zipfile.ZipFile(out + "/indicators.xlsx")
names = re.findall(r'sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())
print("sheets:", ",".join(names))
sheet = z.read("xl/worksheets/sheet%d.xml" % (names.index("side") + 1)).decode()
for row in re.findall(r"<row [^>]*>(.*?)</row>", sheet, re.S):
    cells = re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row, re.S)
    text = [re.sub(r"<[^>]+>", "", c) for a, c in cells]
    print("xlsx:", "|".join(t if 't="' in a else "%.10f" % float(t) for (a, c), t in zip(cells, text)))
PY
check "[table] in the report: heading, rows, link" "$(grep '^html:' "$TMP/tab.txt" | tr '\n' '~')" \
    "html: Tabell 3. Personer och andel kvinnor~html: Jämtlands län|124|48,4~html: Västerbottens län|262|49,6~html: Tabellen finns också i side.csv och indicators.xlsx.~"
check "[table] in the xlsx: a sheet after the indicators'" "$(grep '^sheets:' "$TMP/tab.txt")" "sheets: Om,n,w,side"
check "[table] in the xlsx: code, label, the two indicators" "$(grep '^xlsx:' "$TMP/tab.txt" | sed 1d | tr '\n' '~')" \
    "xlsx: 23|Jämtlands län|124.0000000000|$(awk 'BEGIN { printf "%.10f", 100 * 60 / 124 }')~xlsx: 24|Västerbottens län|262.0000000000|$(awk 'BEGIN { printf "%.10f", 100 * 130 / 262 }')~"
finish report_tables
