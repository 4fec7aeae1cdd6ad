#!/bin/sh
# Segregation and balance on SCB's real tables, against the independent
# oracle tests/oracle/segregation.py (stdlib Python, METHODS 7):
#   - 000000NL_10.csv (employed persons, 21 counties + "county unknown" x
#     149 occupations x sex, 2014-2017), the unknown occupation 0002
#     excluded: D, Karmel-MacLachlan, size-standardised D, and the share of
#     all, of women and of men in 40-60 % occupations, for every
#     county-year, to 1e-9 relative (the issue asks for 4 decimals);
#   - the bootstrap interval (1 000 replicates): it contains the estimate in
#     every county-year, the same seed gives the same bytes, another seed
#     other limits, and the interval of a table with 100 times the counts is
#     about a tenth as wide (sqrt(100));
#   - tab8_tidsserie_2018.csv (population 25-64 by SUN 2000 field of
#     education): D over the 98 fields by year with skip_missing = yes (the
#     fields are nested in their groups: the other combinations are missing
#     for both sexes); without it the value is missing, flagged.
# Skips when ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

NL=$SHARED/scb-exports/000000NL_10.csv
T8=$SHARED/scb-exports/tab8_tidsserie_2018.csv
ORACLE="/usr/bin/python3 tests/oracle/segregation.py"
if [ ! -f "$NL" ] || [ ! -f "$T8" ]; then
    skip "SCB exports absent in $SHARED/scb-exports"
    finish equality
fi

OCC='"occupation (SSYK 2012)"'
seg_ini() { # OUT EXTRA-LINES...: every segregation kind over occupations of NL_10
    out=$1
    shift
    {
        printf '[analysis]\ntitle = t\n[data occ]\nfile = %s\n' "$NL"
        for ind in "D dissimilarity" "KM karmel_maclachlan" "DS dissimilarity" "B balanced_share" \
                   "BW balanced_share" "BM balanced_share"; do
            set -- $ind
            printf '[indicator %s]\nkind = %s\nover = occupation (SSYK 2012)\nexclude = %s:0002\nby = region, year\nreplicates = 0\n' \
                "$1" "$2" "$OCC"
            case $1 in DS) echo "variant = size_standardised" ;; BW) echo "variant = women" ;;
                       BM) echo "variant = men" ;; esac
        done
    } > "$out"
}

# ---- every county-year against the oracle ----
seg_ini "$TMP/seg.ini"
"$JS" run "$TMP/seg.ini" -o "$TMP/seg" --set analysis.outputs=indicators 2> "$TMP/seg.err" ||
    bad "NL_10 run failed: $(cat "$TMP/seg.err")"
$ORACLE "$NL" --exclude 0002 > "$TMP/oracle.txt"
check "oracle county-years" "$(wc -l < "$TMP/oracle.txt" | tr -d ' ')" 88
while read -r region year d km ds b bw bm; do
    for pair in "D $d" "KM $km" "DS $ds" "B $b" "BW $bw" "BM $bm"; do
        set -- $pair
        close "$1 $region $year" "$(value "$TMP/seg/indicators.csv" "$1" region="$region" year="$year")" "$2"
    done
done < "$TMP/oracle.txt"

# ---- the bootstrap interval ----
printf '[analysis]\ntitle = t\n[data occ]\nfile = %s\n[indicator D]\nkind = dissimilarity\nover = occupation (SSYK 2012)\nexclude = %s:0002\nby = region, year\n' \
    "$NL" "$OCC" > "$TMP/boot.ini"
"$JS" run "$TMP/boot.ini" -o "$TMP/b1" --set analysis.outputs=indicators 2> "$TMP/b.err" || bad "boot run: $(cat "$TMP/b.err")"
"$JS" run "$TMP/boot.ini" -o "$TMP/b2" --set analysis.outputs=indicators 2> "$TMP/b.err" || bad "boot run 2"
"$JS" run "$TMP/boot.ini" -o "$TMP/b3" --set analysis.outputs=indicators --set indicator.D.seed=7 2> "$TMP/b.err" || bad "boot run 3"
if cmp -s "$TMP/b1/indicators.csv" "$TMP/b2/indicators.csv"; then ok; else bad "the same seed gave other bytes"; fi
if cmp -s "$TMP/b1/indicators.csv" "$TMP/b3/indicators.csv"; then bad "seed 7 gave the same limits"; else ok; fi
# value, ci_low, ci_high are fields 5-7: every interval holds its estimate and has width
inside=$(awk -F, 'NR > 1 && $5 != "" && $6 < $5 && $5 < $7 { n++ } END { print n + 0 }' "$TMP/b1/indicators.csv")
check "intervals containing D (of 88)" "$inside" 88
# the values are the observed D of the first run
while read -r region year d rest; do
    close "boot D $region $year" "$(value "$TMP/b1/indicators.csv" D region="$region" year="$year")" "$d"
done < "$TMP/oracle.txt"
# bias_corrected: a value below the observed (D is biased upwards), inside the interval
"$JS" run "$TMP/boot.ini" -o "$TMP/b4" --set analysis.outputs=indicators --set indicator.D.estimate=bias_corrected 2> "$TMP/b.err" ||
    bad "bias_corrected run"
below=$(awk -F, 'NR == FNR { if (FNR > 1) obs[$2 "," $4] = $5; next }
                 FNR > 1 && $5 < obs[$2 "," $4] && $6 <= $5 && $5 <= $7 { n++ } END { print n + 0 }' \
        "$TMP/b1/indicators.csv" "$TMP/b4/indicators.csv")
check "bias-corrected D below the observed and inside (of 88)" "$below" 88

# a hundred times the counts: the interval about a tenth as wide (Gotland 2017)
/usr/bin/python3 - "$NL" "$TMP" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="cp1252", newline="")))
for scale, name in ((1, "x1"), (100, "x100")):
    with open(sys.argv[2] + "/gotland-" + name + ".csv", "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["region", "occupation", "sex", "persons"])
        for r in rows[1:]:
            if r[0].startswith("09 "):
                w.writerow(["09", r[1].split(" ")[0], r[2], int(r[6]) * scale])
PY
for s in x1 x100; do
    printf '[analysis]\ntitle = t\n[data occ]\nfile = %s\n[indicator D]\nkind = dissimilarity\nover = occupation\nexclude = occupation:0002\nby = region\n' \
        "$TMP/gotland-$s.csv" > "$TMP/g-$s.ini"
    "$JS" run "$TMP/g-$s.ini" -o "$TMP/g-$s" --set analysis.outputs=indicators 2> "$TMP/g.err" || bad "gotland $s: $(cat "$TMP/g.err")"
done
close "Gotland 2017 D (tidy x1)" "$(value "$TMP/g-x1/indicators.csv" D region=09)" \
    "$(awk '$1 == "09" && $2 == 2017 { print $3 }' "$TMP/oracle.txt")"
ratio=$(awk -F, 'NR == FNR { if (FNR == 2) w1 = $5 - $4; next } FNR == 2 { print w1 / ($5 - $4) }' \
        "$TMP/g-x1/indicators.csv" "$TMP/g-x100/indicators.csv")
if awk -v r="$ratio" 'BEGIN { exit !(r > 7 && r < 14) }'; then ok; else bad "width x1 / x100 = $ratio, expected about 10"; fi

# ---- fields of education, by year ----
printf '[analysis]\ntitle = t\n[data edu]\nfile = %s\n[indicator D]\nkind = dissimilarity\nover = Utbildningsgrupp (SUN 2000), SUN 2000\nskip_missing = yes\nby = year\nreplicates = 0\n[indicator Dmiss]\nkind = dissimilarity\nover = Utbildningsgrupp (SUN 2000), SUN 2000\nby = year\nreplicates = 0\n' \
    "$T8" > "$TMP/t8.ini"
"$JS" run "$TMP/t8.ini" -o "$TMP/t8" --set analysis.outputs=indicators 2> "$TMP/t8.err" || bad "tab8 run: $(cat "$TMP/t8.err")"
$ORACLE --fields "$T8" > "$TMP/t8.txt"
check "tab8 years" "$(wc -l < "$TMP/t8.txt" | tr -d ' ')" 13
while read -r year d rest; do
    close "tab8 D $year" "$(value "$TMP/t8/indicators.csv" D year="$year")" "$d"
done < "$TMP/t8.txt"
check "tab8 without skip_missing" "$(grep -c '^Dmiss,.*,,,,.*missing_input' "$TMP/t8/indicators.csv")" 13

finish equality
