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

# the flags column of the indicators.csv row of indicator $2 with first
# category code $3 (the flags are the last field; quoted when several)
flags_of() {
    awk -F, -v ind="$2" -v code="$3" '$1 == ind && $2 == code { f = $NF; gsub(/"/, "", f); print f; exit }' "$1"
}
# the ci_low field of the same row (empty when there is no interval)
ci_low_of() {
    awk -F, -v ind="$2" -v code="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == ind && $2 == code { print $(col["ci_low"]); exit }' "$1"
}

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
            f=$(flags_of "$CSV" women "$code")
            if [ "$over" = 1 ]; then
                check "region $code: part > total is flagged" "$f" part_exceeds_total
                check "region $code: no interval for a share over 100 %" "$(ci_low_of "$CSV" women "$code")" ""
            else
                check "region $code: a true share is not flagged" "$f" ""
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

finish flags
