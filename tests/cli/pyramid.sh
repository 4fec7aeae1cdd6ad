#!/bin/sh
# A pyramid with percent = yes is in percent of everyone drawn, women and
# men together (issue #15, defect 6; the README says "percent of the
# total"), and its axis says %.  Jämtland (23) in 2015 from SCB's county
# file; the expected shares are computed from the file with awk.
# Closes with "pyramid: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
P=$SHARED/scb-county-population-1968-2015.csv
if [ ! -f "$P" ] || ! command -v gnuplot > /dev/null 2>&1; then
    skip "$P or gnuplot is absent: the percent pyramid is not checked"
    finish pyramid
fi
printf '[analysis]\ntitle = t\nlanguage = en\n[data pop]\nfile = %s\n[chart p]\nkind = pyramid\ndata = pop\nwhere = region:23 year:2015\npercent = yes\n' "$P" > "$TMP/a.ini"
"$JS" run "$TMP/a.ini" -o "$TMP/out" --format svg 2> "$TMP/err"
check "run exits 0" "$?" 0
DAT=$TMP/out/charts/p.dat
# the .dat: per band i, x, label, focus, pos, then women's value (6) and men's (10)
close "women and men together make 100" "$(awk -F'\t' '$1 ~ /^[0-9]+$/ { s += $6 + $10 } END { printf "%.12f", s }' "$DAT")" 100
want=$(awk -F, '$1 == 2015 && $2 == "23" { t += $6; if ($4 == "women" && $5 + 0 <= 4) w += $6 }
                END { printf "%.12f", 100 * w / t }' "$P")
close "women 0-4: percent of the county's total" "$(awk -F'\t' '$3 == "0–4" { printf "%.12f", $6 }' "$DAT")" "$want"
# (gnuplot's format string writes a percent sign as %%)
if grep '^set xtics' "$TMP/out/charts/p.gp" | grep -q '%%'; then ok; else bad "the axis has no %"; fi
"$JS" check "$TMP/a.ini" --set chart.p.percent=maybe > /dev/null 2> "$TMP/err"
check "percent = maybe: exit" "$?" 64
finish pyramid
