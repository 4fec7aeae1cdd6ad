#!/bin/sh
# End-to-end tests of the charts, on the real data in ../shared/datasets,
# through the analysis files in examples/ (every chart kind is drawn there).
#
# For each example it checks that every [chart] gave NAME.gp/.dat/.csv/.svg/
# .png, that two runs give the same bytes, that the SVG files match the
# golden checksums in tests/golden/charts-svg.sha256, that the alt text is
# in the SVG <desc> and in report.html, and some plotted numbers against
# independent sources (named at each check: awk over the raw data files).
#
# Golden checksums: SVG bytes depend only on jamstat, gnuplot and the fonts,
# which scripts/install-deps.sh pins through Debian packages.  After a
# deliberate change to the look (or a new gnuplot), look at the images and
# regenerate them with
#     make golden-update        (= sh tests/cli/charts.sh --update)
# and commit tests/golden/charts-svg.sha256 on its own, saying why.
#
# Skips (with a message) when ../shared/datasets or gnuplot is absent.
# Closes with "charts: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
GOLDEN="$ROOT/tests/golden/charts-svg.sha256"
EXAMPLES="blekinge occupations education brp demography"
UPDATE=0
[ "${1:-}" = "--update" ] && UPDATE=1

# the [chart NAME] sections of an analysis file, and the kind of one
charts_of() { sed -n 's/^\[chart \(.*\)\]$/\1/p' "$1"; }
kind_of() {
    awk -v name="$2" '/^\[/ { in_it = ($0 == "[chart " name "]") }
        in_it && $1 == "kind" { print $3; exit }' "$1"
}
# entities back to characters, so that SVG (XML) and HTML texts compare
unescape() { sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&#39;/'"'"'/g; s/&amp;/\&/g'; }

if [ ! -d "$SHARED" ]; then
    skip "$SHARED absent: chart tests on real data skipped"
    finish charts
fi
if ! command -v gnuplot > /dev/null 2>&1; then
    skip "gnuplot absent (install gnuplot-nox): chart rendering not checked"
    finish charts
fi

: > "$TMP/golden.new"
: > "$TMP/kinds"
for ex in $EXAMPLES; do
    ini="examples/$ex.ini"
    ok1=1
    for run in 1 2; do
        if ! "$JS" run "$ini" -o "$TMP/$ex$run" > /dev/null 2> "$TMP/$ex$run.err"; then
            bad "$ini: run $run failed: $(cat "$TMP/$ex$run.err")"
            ok1=0
        fi
    done
    [ "$ok1" -eq 1 ] || continue
    ok
    out="$TMP/${ex}1"
    for name in $(charts_of "$ini"); do
        kind_of "$ini" "$name" >> "$TMP/kinds"
        # every chart: script, data, the numbers as CSV, SVG and PNG, not empty
        for ext in gp dat csv svg png; do
            if [ -s "$out/charts/$name.$ext" ]; then ok
            else bad "$ini [chart $name]: charts/$name.$ext missing or empty"; fi
        done
        # same bytes twice (README: "byte-identical from run to run")
        for ext in gp dat csv svg png; do
            if cmp -s "$out/charts/$name.$ext" "$TMP/${ex}2/charts/$name.$ext"; then ok
            else bad "$ini [chart $name]: $name.$ext differs between two runs"; fi
        done
        # the golden checksum of the SVG (tests/golden/charts-svg.sha256)
        sum=$(sha256sum < "$out/charts/$name.svg" | cut -d' ' -f1)
        printf '%s  %s/%s.svg\n' "$sum" "$ex" "$name" >> "$TMP/golden.new"
        if [ "$UPDATE" -eq 0 ]; then
            want=$(awk -v f="$ex/$name.svg" '$2 == f { print $1 }' "$GOLDEN" 2>/dev/null)
            if [ -z "$want" ]; then
                bad "$ex/$name.svg: no golden checksum in $GOLDEN (make golden-update)"
            else
                check "$ex/$name.svg sha256 (golden: $GOLDEN; make golden-update after a deliberate change)" "$sum" "$want"
            fi
        fi
        # alt text: jamstat's, not gnuplot's, in <desc>, and the same text as
        # the image's alt in report.html
        desc=$(tr '\n' ' ' < "$out/charts/$name.svg" | sed -n 's/.*<desc>\([^<]*\)<\/desc>.*/\1/p' | unescape)
        case "$desc" in
        ""|*GNUPLOT*) bad "$ex/$name.svg: <desc> holds no alt text (found '$desc')" ;;
        *) ok ;;
        esac
        if [ -n "$desc" ] && grep -o 'alt="[^"]*"' "$out/report.html" | sed 's/^alt="//; s/"$//' | unescape |
                grep -qxF -- "$desc"; then ok
        else bad "$ex/report.html: no <img alt> equal to the <desc> of $name.svg ('$desc')"; fi
        # the report links the chart's numbers
        if grep -qF "href=\"charts/$name.csv\"" "$out/report.html"; then ok
        else bad "$ex/report.html: no link to charts/$name.csv"; fi
        # CSV = the plotted numbers: each value column equals the .dat's
        # value columns (6, 10, 14 ...; chart_int.h describes the layout)
        # (the intervals' limit columns after them are checked below)
        n_series=$(head -n 1 "$out/charts/$name.csv" | awk -F, '
            { limits = 0; for (i = 1; i <= NF; i++) if ($i ~ /(nedre|övre) gräns"?$|(lower|upper) limit"?$/) limits++
              line = $0; gsub(/"[^"]*"/, "q", line); print split(line, f, ",") - 1 - limits }')
        diffs=$(awk -F'\t' -v n="$n_series" '
            FNR == 1 { file++ }
            file == 1 && /^[0-9]/ && NF >= 5 && !done[$1]++ {
                for (j = 0; j < n; j++) dat[$1, j] = $(6 + 4 * j); rows = $1 + 1 }
            file == 2 && FNR > 1 && FNR - 2 < rows {
                line = $0; gsub(/"[^"]*"/, "q", line); m = split(line, f, ",")
                for (j = 0; j < n; j++) if (f[j + 2] != dat[FNR - 2, j]) bad++ }
            END { print bad + 0 }' "$out/charts/$name.dat" "$out/charts/$name.csv")
        check "$ex/$name.csv: values differing from $name.dat (the plotted numbers)" "$diffs" 0
        # the limit columns: for each series whose interval is drawn (its
        # lower limit in the .dat, column 8 + 4j, is somewhere a number), in
        # order, its lower and upper limits (.dat columns 8 + 4j, 9 + 4j)
        ldiffs=$(awk -F'\t' -v n="$n_series" '
            FNR == 1 { file++ }
            file == 1 && /^# index [1-9]/ { later = 1 }
            file == 1 && !later && /^[0-9]/ && NF >= 5 && !done[$1]++ {
                for (j = 0; j < n; j++) { lo[$1, j] = $(8 + 4 * j); hi[$1, j] = $(9 + 4 * j); if (lo[$1, j] != "..") any[j] = 1 }
                rows = $1 + 1 }
            file == 2 && FNR == 1 { for (j = 0; j < n; j++) if (any[j]) has[s++] = j
                line = $0; gsub(/"[^"]*"/, "q", line); if (split(line, h, ",") - 1 != n + 2 * s) bad++; next }
            file == 2 && FNR > 1 && FNR - 2 < rows {
                line = $0; gsub(/"[^"]*"/, "q", line); split(line, f, ",")
                for (k = 0; k < s; k++) { j = has[k]
                    if (f[n + 2 + 2 * k] != lo[FNR - 2, j]) bad++
                    if (f[n + 3 + 2 * k] != hi[FNR - 2, j]) bad++ } }
            END { print bad + 0 }' "$out/charts/$name.dat" "$out/charts/$name.csv")
        check "$ex/$name.csv: interval limits differing from $name.dat" "$ldiffs" 0
    done
done

# ---- every chart kind is drawn by some example (README, "Charts") -----------
for k in pyramid bars lines ranked dumbbell share100 scatter heatmap small_multiples stacked; do
    if grep -qx "$k" "$TMP/kinds"; then ok; else bad "no example draws a $k chart"; fi
done

# ---- plotted numbers against independent sources ------------------------------
POP="$SHARED/scb-county-population-1968-2015.csv"
B="$TMP/blekinge1/charts"
if [ -f "$B/share_65_ranked.svg" ] && [ -f "$POP" ]; then
    # awk over SCB's county table: share 65+ in Blekinge and in Sweden, 2015
    # (formatted as js_fmt_percent does: decimal comma, U+00A0 before %)
    want=$(awk -F, '$1 == 2015 { a = ($5 == "100+" ? 100 : $5 + 0); t[$2] += $6; se += $6
                               if (a >= 65) { o[$2] += $6; so += $6 } }
        END { b = sprintf("%.1f", 100 * o["10"] / t["10"]); r = sprintf("%.1f", 100 * so / se)
              sub(/\./, ",", b); sub(/\./, ",", r)
              printf "Blekinge: %s\302\240%%, plats 6 av 21. Riket: %s\302\240%%.\n", b, r }' "$POP")
    desc=$(tr '\n' ' ' < "$B/share_65_ranked.svg" | sed -n 's/.*<desc>\([^<]*\)<\/desc>.*/\1/p')
    case "$desc" in
    *"$want"*) ok ;;
    *) bad "share_65_ranked alt text: expected it to contain '$want' (awk over $POP), found '$desc'" ;;
    esac
    # the pyramid: women 65-69 in Blekinge 2015 (awk over the same table)
    want=$(awk -F, '$1 == 2015 && $2 == "10" && $4 == "women" && $5 >= 65 && $5 <= 69 { s += $6 } END { print s }' "$POP")
    got=$(awk -F, '$1 == "65–69" { print $2 }' "$B/pyramid.csv")
    check "pyramid.csv: women 65–69, Blekinge 2015 (awk over $POP)" "$got" "$want"
fi
O="$TMP/occupations1/charts/share_women_occupations.csv"
NL="$SHARED/scb-exports/000000NL_10.csv"
if [ -f "$O" ] && [ -f "$NL" ]; then
    # share100 of a share indicator: women + men = 100 on every row
    bad_rows=$(awk -F, 'NR > 1 { line = $0; gsub(/"[^"]*"/, "q", line); split(line, f, ",")
        if (f[2] != "" && (f[2] + f[3] - 100 > 1e-9 || 100 - f[2] - f[3] > 1e-9)) n++ } END { print n + 0 }' "$O")
    check "share_women_occupations.csv: rows where women + men != 100" "$bad_rows" 0
    # Nursing professionals (SSYK 2012 code 222), Blekinge 2017, from SCB's
    # raw export with awk: 100 × women / (women + men)
    want=$(iconv -f WINDOWS-1252 -t UTF-8 "$NL" | awk -F'","' '$1 == "\"10 Blekinge county" && $2 ~ /^222 / {
        split($3, s, "\""); split($0, f, ","); v[s[1]] = f[length(f)] } END { printf "%.6f\n", 100 * v["women"] / (v["women"] + v["men"]) }')
    got=$(awk -F, '$1 == "Nursing professionals" { printf "%.6f\n", $2 }' "$O")
    check "share_women_occupations.csv: Nursing professionals (awk over $NL)" "$got" "$want"
fi
R="$TMP/brp1/charts/ranked_total.csv"
BRP="$SHARED/brp-plus/3.kolada_totalindex_region2025.csv"
if [ -f "$R" ] && [ -f "$BRP" ]; then
    # reference = total: the "00 Riket" row of the file is the line, not a bar
    want=$(awk -F';' '$1 == "00 Riket" && $2 == "Livskvalitet" && $3 == "Totalt" { gsub(",", ".", $4); print $4 }' "$BRP")
    got=$(awk -F, '$1 == "Riket (referenslinje)" { print $2 }' "$R")
    close "ranked_total.csv: reference line = 00 Riket (awk over $BRP)" "$got" "$want"
    check "ranked_total.csv: Riket is not a bar" "$(grep -c '^Riket,' "$R")" 0
fi

if [ "$UPDATE" -eq 1 ]; then
    mkdir -p "$(dirname "$GOLDEN")"
    {
        echo "# sha256 of the SVG charts of examples/*.ini on ../shared/datasets,"
        echo "# with the Debian packages of scripts/install-deps.sh (gnuplot, fonts)."
        echo "# Regenerate after a deliberate change: make golden-update."
        cat "$TMP/golden.new"
    } > "$GOLDEN"
    echo "charts: golden checksums written to $GOLDEN"
fi
finish charts
