#!/bin/sh
# Segregation and balance on SCB's real tables, against the independent
# oracle tests/oracle/segregation.py (stdlib Python, METHODS 7):
#   - 000000NL_10.csv (employed persons, 21 counties + "county unknown" x
#     149 occupations x sex, 2014-2017), the unknown occupation 0002
#     excluded: D, Karmel-MacLachlan, size-standardised D, and the share of
#     all, of women and of men in 40-60 % occupations, for every
#     county-year, to 1e-9 relative (the issue asks for 4 decimals), and
#     the balance class of every occupation in every county-year;
#   - the bootstrap interval (1 000 replicates): it contains the estimate in
#     every county-year, the same seed gives the same bytes, another seed
#     other limits, and the interval of a table with 100 times the counts is
#     about a tenth as wide (sqrt(100));
#   - UF0506A1_2.csv (population 16-74 by county, level of education, sex,
#     1985-2018): the gap between women's and men's share with
#     post-secondary education, in percentage points with Newcombe's
#     interval, the ratio with its log interval and the z test's p, for
#     every county-year, against tests/oracle/education_gap.py;
#   - tab8_tidsserie_2018.csv (population 25-64 by SUN 2000 field of
#     education): D over the 98 fields by year with skip_missing = yes (the
#     fields are nested in their groups: the other combinations are missing
#     for both sexes); without it the value is missing, flagged.
#   - examples/equality.ini runs (bootstraps cut short) and gives the
#     oracle's D for Blekinge 2017.
# Skips when ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

NL=$SHARED/scb-exports/000000NL_10.csv
T8=$SHARED/scb-exports/tab8_tidsserie_2018.csv
ORACLE="/usr/bin/python3 tests/oracle/segregation.py"
UF=$SHARED/scb-exports/UF0506A1_2.csv
if [ ! -f "$NL" ] || [ ! -f "$T8" ] || [ ! -f "$UF" ]; then
    skip "SCB exports absent in $SHARED/scb-exports"
    finish equality
fi

# compare ORACLE CSV SPEC: every oracle line against the indicators.csv rows,
# SPEC = space-separated IND:COLUMN for the oracle's fields 3, 4, ...; prints
# "N M": numbers compared, numbers beyond 1e-9 relative (each one on stderr)
compare() {
    awk -v spec="$3" 'NR == FNR { if (FNR == 1) { for (i = 1; i <= NF; i++) col[$i] = i; FS = ","; next }
                                  split($0, f, ","); row[f[1] "|" f[col["region"]] "|" f[col["year"]] "|value"] = f[col["value"]]
                                  row[f[1] "|" f[col["region"]] "|" f[col["year"]] "|ci_low"] = f[col["ci_low"]]
                                  row[f[1] "|" f[col["region"]] "|" f[col["year"]] "|ci_high"] = f[col["ci_high"]]; next }
        { FS = " "; $0 = $0; n = split(spec, sp, " ")
          for (j = 1; j <= n; j++) { split(sp[j], ic, ":"); key = ic[1] "|" $1 "|" $2 "|" ic[2]
              want = $(j + 2); got = row[key]; d = got - want; if (d < 0) d = -d
              s = want < 0 ? -want : want; if (s < 1) s = 1; total++
              if (got == "" || d > 1e-9 * s) { bad++; print "FAIL: " key ": got " got ", expected " want > "/dev/stderr" } } }
        END { print total + 0, bad + 0 }' FS=, "$2" "$1"
}
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
set -- $(compare "$TMP/oracle.txt" "$TMP/seg/indicators.csv" "D:value KM:value DS:value B:value BW:value BM:value")
check "NL_10 numbers compared" "$1" $((88 * 6))
check "NL_10 numbers beyond 1e-9" "$2" 0

# the balance class of every occupation in every county-year (the empty ones: no class)
printf '[analysis]\ntitle = t\n[data occ]\nfile = %s\n[indicator class]\nkind = balance\nover = occupation (SSYK 2012)\nby = region, year\n' \
    "$NL" > "$TMP/bal.ini"
"$JS" run "$TMP/bal.ini" -o "$TMP/bal" --set analysis.outputs=indicators 2> "$TMP/bal.err" || bad "balance run: $(cat "$TMP/bal.err")"
$ORACLE "$NL" --classes > "$TMP/classes.txt"
set -- $(/usr/bin/python3 - "$TMP/classes.txt" "$TMP/bal/indicators.csv" <<'PY'
import csv, sys
want = {}
for line in open(sys.argv[1]):
    r, y, code, c = line.split()
    want[(r, y, code)] = c
seen = bad = 0
for row in csv.DictReader(open(sys.argv[2], newline="")):
    key = (row["region"], row["year"], row["occupation (SSYK 2012)"])
    if key in want:
        seen += 1
        if row["value"] != want[key]:
            bad += 1
            print("FAIL: class %s: got %s, expected %s" % (key, row["value"], want[key]), file=sys.stderr)
    elif row["value"] != "" or "zero_denominator" not in row["flags"]:
        bad += 1
        print("FAIL: class %s should be empty" % (key,), file=sys.stderr)
print(len(want), seen, bad)
PY
)
check "balance classes (oracle, seen, wrong)" "$1 $2 $3" "12949 12949 0"
check "balance rows" "$(($(wc -l < "$TMP/bal/indicators.csv") - 1))" $((88 * 149))

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
set -- $(compare "$TMP/oracle.txt" "$TMP/b1/indicators.csv" "D:value")
check "bootstrapped D beyond 1e-9 (of 88)" "$1 $2" "88 0"
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

# ---- the education gap ----
POST='"level of education":"post-secondary education, less than 3 years (ISCED97 4+5B)","post-secondary education 3 years or more (ISCED97 5A)","post-graduate education (ISCED97 6)"'
{
    printf '[analysis]\ntitle = t\n[data edu]\nfile = %s\n' "$UF"
    for v in difference ratio p_value; do
        printf '[indicator %s]\nkind = gap\nvariant = %s\npart = %s\nby = region, year\n' "$v" "$v" "$POST"
    done
} > "$TMP/uf.ini"
"$JS" run "$TMP/uf.ini" -o "$TMP/uf" --set analysis.outputs=indicators 2> "$TMP/uf.err" || bad "UF0506 run: $(cat "$TMP/uf.err")"
/usr/bin/python3 tests/oracle/education_gap.py "$UF" > "$TMP/uf.txt"
check "education county-years" "$(wc -l < "$TMP/uf.txt" | tr -d ' ')" 714
U=$TMP/uf/indicators.csv
set -- $(compare "$TMP/uf.txt" "$U" "difference:value difference:ci_low difference:ci_high ratio:value ratio:ci_low ratio:ci_high p_value:value")
check "education numbers compared" "$1" $((714 * 7))
check "education numbers beyond 1e-9" "$2" 0
check "unit of the difference" "$(awk -F, '$1 == "difference" && $2 == "09" { print $(NF - 1); exit }' "$U")" procentenheter

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

# ---- the example answers on the same data ----
# examples/equality.ini, its bootstraps and Monte-Carlo cut short: it runs,
# and Blekinge's D in 2017 is the oracle's
"$JS" run examples/equality.ini -o "$TMP/ex" --set analysis.outputs=indicators \
    --set indicator.segregation.replicates=0 --set indicator.segregation_km.replicates=0 \
    --set indicator.balanced.replicates=0 --set indicator.occupations_differ.replicates=1 \
    2> "$TMP/ex.err" || bad "examples/equality.ini: $(cat "$TMP/ex.err")"
close "example: Blekinge D 2017" "$(value "$TMP/ex/indicators.csv" segregation region=10 year=2017)" \
    "$(awk '$1 == "10" && $2 == 2017 { print $3 }' "$TMP/oracle.txt")"

finish equality
