#!/bin/sh
# Result flags end to end on real data: what a reader of the outputs must
# be told about a number.  Expected values come from the data themselves
# (awk over the same file), never from jamstat.  Skips with a message when
# ../shared/datasets is absent.
# Closes with "flags: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"

if [ ! -d "$SHARED" ]; then
    skip "$SHARED absent: flags on real data skipped"
    finish flags
fi

# field_at FILE INDICATOR COLUMN k=v...: column COLUMN of the
# indicators.csv row whose columns k equal v (as lib.sh's value).  The
# flags are the last column, quoted when several: from there on all is
# joined, without the quotes.
field_at() {
    f=$1; ind=$2; c=$3; shift 3
    awk -F, -v ind="$ind" -v c="$c" -v keys="$*" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == ind { n = split(keys, k, " "); m = 1
            for (j = 1; j <= n; j++) { split(k[j], kv, "="); if ($(col[kv[1]]) != kv[2]) m = 0 }
            if (!m) next
            out = $(col[c]); if (c == "flags") for (i = col[c] + 1; i <= NF; i++) out = out "," $i
            gsub(/"/, "", out); print out; exit }' "$f"
}
flags_at() { ff=$1; fx=$2; shift 2; field_at "$ff" "$fx" flags "$@"; }

# ---- part_exceeds_total: BRP+ 2025 "Livskvalitet" by region ------------------------
# BRP+ publishes index values, not counts: in Stockholm (01) and
# Västernorrland (22) the women's value is above "Totalt", so the "share of
# women" is over 100 % (Stockholm 103.17 %).  Expected: from awk over the
# file, the regions where Kvinnor > Totalt, and 100 × Kvinnor / Totalt.
BRP="$SHARED/brp-plus/3.kolada_totalindex_region2025.csv"
if [ -f "$BRP" ]; then
    cat > "$TMP/brp.ini" <<INI
[analysis]
language = en
[data brp]
file = $BRP
[indicator women]
kind  = share
part  = Kon:Kvinnor
where = Del:Livskvalitet
by    = region
INI
    if "$JS" run "$TMP/brp.ini" -o "$TMP/brp" 2> "$TMP/brp.err"; then
        CSV="$TMP/brp/indicators.csv"
        awk -F';' 'NR > 1 && $2 == "Livskvalitet" { split($1, r, " "); v = $4; sub(",", ".", v)
                       if ($3 == "Kvinnor") w[r[1]] = v; if ($3 == "Totalt") t[r[1]] = v }
                   END { for (k in w) printf "%s %d %.12f\n", k, (w[k] + 0 > t[k] + 0), 100 * w[k] / t[k] }' \
            "$BRP" | sort > "$TMP/brp.want"
        check "BRP+ regions with Kvinnor > Totalt (awk over the file)" \
            "$(awk '$2 == 1 { printf "%s ", $1 }' "$TMP/brp.want")" "01 22 "
        check "BRP+ regions in the result" "$(wc -l < "$TMP/brp.want" | tr -d ' ')" 22
        while read -r code over want; do
            close "share of women, BRP+ Livskvalitet, region $code" "$(value "$CSV" women Region="$code")" "$want"
            got=$(flags_at "$CSV" women Region="$code")
            if [ "$over" = 1 ]; then
                check "region $code: part > total is flagged" "$got" part_exceeds_total
                check "region $code: no interval for a share over 100 %" "$(field_at "$CSV" women ci_low Region="$code")" ""
            else
                check "region $code: a true share is not flagged" "$got" ""
            fi
        done < "$TMP/brp.want"
        # Stockholm by hand: 100 × 58.4829759393136 / 56.6844882637809
        close "Stockholm 103.17 % (by hand)" "$(value "$CSV" women Region=01)" 103.1728039374
        # the flag's name in the other outputs: the xlsx flags column and the report's words
        if unzip -p "$TMP/brp/indicators.xlsx" 'xl/worksheets/*.xml' 2> /dev/null | grep -q part_exceeds_total
        then ok; else bad "indicators.xlsx does not name part_exceeds_total"; fi
        if grep -q 'Part exceeds total' "$TMP/brp/report.html"; then ok
        else bad "report.html does not explain part_exceeds_total"; fi
    else
        bad "BRP+ run failed: $(cat "$TMP/brp.err")"
    fi
else
    skip "$BRP absent: part_exceeds_total on BRP+ skipped"
fi

# ---- small_n on the denominator: women per 100 men aged 100+, by county -----------
# Real small denominators: SCB's county table has few men aged 100+ (Örebro
# 1974: 7 women, 1 man, so 700 per 100 from one man).  The flag must follow
# the smaller side: expected per county and year from awk over the file,
# small_n when women < 5 or men < 5, zero_denominator (and small_n) when no
# man is 100+.
POP="$SHARED/scb-county-population-1968-2015.csv"
if [ -f "$POP" ]; then
    cat > "$TMP/old.ini" <<INI
[data population]
file = $POP
[indicator centenarians]
kind        = ratio
numerator   = sex:women
denominator = sex:men
scale       = 100
where       = age:100-
by          = region, year
INI
    if "$JS" run "$TMP/old.ini" -o "$TMP/old" 2> "$TMP/old.err"; then
        CSV="$TMP/old/indicators.csv"
        awk -F, 'NR > 1 && $5 == "100+" { k = $2 "," $1; if ($4 == "women") w[k] += $6; else m[k] += $6; seen[k] = 1 }
                 END { for (k in seen) print k "," (m[k] == 0 ? "zero_denominator,small_n" : (w[k] < 5 || m[k] < 5) ? "small_n" : "") }' \
            "$POP" | sort > "$TMP/old.want"
        awk -F, 'NR > 1 { f = $9; for (i = 10; i <= NF; i++) f = f "," $i; gsub(/"/, "", f); print $2 "," $4 "," f }' "$CSV" |
            sort > "$TMP/old.got"
        if cmp -s "$TMP/old.want" "$TMP/old.got"; then ok
        else bad "small_n of women per 100 men aged 100+ differs from awk: $(diff "$TMP/old.want" "$TMP/old.got" | head -4)"; fi
        check "county-years in the result" "$(wc -l < "$TMP/old.got" | tr -d ' ')" 1008
        check "county-years with a denominator below 5 but a numerator of 5 or more (awk)" \
            "$(awk -F, 'NR > 1 && $5 == "100+" { k = $2 "," $1; if ($4 == "women") w[k] += $6; else m[k] += $6 }
                  END { for (k in w) n += (w[k] >= 5 && m[k] < 5 && m[k] > 0); print n + 0 }' "$POP")" 363
        # Örebro 1974 by hand from the file's two rows: 100 × 7 / 1
        close "Örebro 1974, women per 100 men aged 100+" "$(value "$CSV" centenarians region=18 year=1974)" 700
        check "Örebro 1974: one man aged 100+ is small_n" "$(flags_at "$CSV" centenarians region=18 year=1974)" small_n
    else
        bad "centenarians run failed: $(cat "$TMP/old.err")"
    fi
else
    skip "$POP absent: small_n on the denominator skipped"
fi

# ---- trend: fit_from on SCB's median ages ------------------------------------------
# The years 1968..1999 before fit_from = 2000 are not in the fit: no value,
# flag outside_fit (the chart of examples/blekinge.ini still gets its axis
# from 1968; tests/cli/charts.sh checks that chart).  A fit_from after the
# data's last year (2015, the file's) is an error; one that leaves 2 points
# (2014, 2015) warns per series.
if [ -f "$POP" ]; then
    cat > "$TMP/trend.ini" <<INI
[analysis]
language = en
[data population]
file = $POP
[indicator median]
kind = median_age
by   = region, year
[indicator median_trend]
kind       = trend
of         = median
fit_from   = 2000
project_to = 2030
INI
    if "$JS" run "$TMP/trend.ini" -o "$TMP/trend" 2> "$TMP/trend.err"; then
        CSV="$TMP/trend/indicators.csv"
        check "1999, before fit_from: no value" "$(value "$CSV" median_trend region=10 year=1999)" ""
        check "1999, before fit_from: outside_fit" "$(flags_at "$CSV" median_trend region=10 year=1999)" outside_fit
        check "1968: outside_fit" "$(flags_at "$CSV" median_trend region=01 year=1968)" outside_fit
        [ -n "$(value "$CSV" median_trend region=10 year=2000)" ] && ok || bad "2000, in the fit, has no value"
        check "2000: in the fit, unflagged" "$(flags_at "$CSV" median_trend region=10 year=2000)" ""
        check "2030: projected" "$(flags_at "$CSV" median_trend region=10 year=2030)" projected
        # every county-year before 2000 and none after (21 counties x 32 years, from the file)
        n_cty=$(awk -F, 'NR > 1 { c[$2] = 1 } END { for (k in c) n++; print n }' "$POP")
        check "outside_fit cells = counties x (2000 - 1968)" \
            "$(grep -c ',outside_fit$' "$CSV")" "$((n_cty * 32))"
        if grep -q 'Outside the fit' "$TMP/trend/report.html"; then ok
        else bad "report.html does not explain outside_fit"; fi
        if [ ! -s "$TMP/trend.err" ]; then ok; else bad "fit of 16 points warned: $(cat "$TMP/trend.err")"; fi
    else
        bad "trend run failed: $(cat "$TMP/trend.err")"
    fi
    "$JS" run "$TMP/trend.ini" --set indicator.median_trend.fit_from=2030 -o "$TMP/late" 2> "$TMP/late.err"
    check "fit_from after the data: exit status" "$?" 64
    check "fit_from after the data: message" "$(cat "$TMP/late.err")" \
        "jamstat: $TMP/trend.ini:8: error: [indicator median_trend]: fit_from 2030 is after the last year of the data, 2015"
    if "$JS" run "$TMP/trend.ini" --set indicator.median_trend.fit_from=2014 -o "$TMP/short" 2> "$TMP/short.err"; then
        check "2 points: a warning naming the first series" "$(grep -c 'median_trend\]: region 01: the trend is fitted on 2 points' "$TMP/short.err")" 1
        check "2 points: 5 series named" "$(grep -c 'the trend is fitted on 2 points' "$TMP/short.err")" 5
        check "2 points: the rest counted" "$(grep -c "median_trend\]: $((n_cty - 5)) more series have fewer than 3 points" "$TMP/short.err")" 1
    else
        bad "fit_from 2014 run failed: $(cat "$TMP/short.err")"
    fi
fi

finish flags
