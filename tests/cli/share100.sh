#!/bin/sh
# share100 labels (issue #15, defect 1): a category at 100/0 or 96/4 has no
# men's label, and never one carried over from another row.  Invented
# counts: A 40/60, B 100/0, C 96/4, D 50/50; the labels expected are the
# shares by hand, a text only where its bar holds it (7 % and more).
# Closes with "share100: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
if ! command -v gnuplot > /dev/null 2>&1; then
    skip "gnuplot absent: share100 labels not checked"
    finish share100
fi
printf 'year,occupation,sex,employed\n2020,A,women,40\n2020,A,men,60\n2020,B,women,100\n2020,B,men,0\n2020,C,women,96\n2020,C,men,4\n2020,D,women,50\n2020,D,men,50\n' > "$TMP/d.csv"
printf '[analysis]\ntitle = t\nlanguage = en\n[data d]\nfile = d.csv\n[indicator n]\nkind = count\nby = occupation, sex\n[chart s]\nkind = share100\nindicator = n\ncategories = occupation\n' > "$TMP/a.ini"
"$JS" run "$TMP/a.ini" -o "$TMP/out" --format svg 2> "$TMP/err"
check "run exits 0" "$?" 0
# the bar texts of the SVG, between the balance band's title and the source
# line, blanks (NBSP) as spaces, empty texts and the axis title left out
# (and the legend's entry for B's and C's men, 0 and 4, fewer than
# small_n = 5)
got=$(grep -o '<text[^>]*>[^<]*<' "$TMP/out/charts/s.svg" | sed 's/<text[^>]*>//; s/<$//' |
      sed 's/\xc2\xa0/ /g' | awk '/^Gender balance/ { on = 1; next } /^Source/ { on = 0 } /^Few observations$/ || /^Percent$/ { next } on && NF' | tr '\n' '|')
check "labels: women's four, then men's for A and D only" "$got" "40 %|100 %|96 %|50 %|60 %|50 %|"
finish share100
