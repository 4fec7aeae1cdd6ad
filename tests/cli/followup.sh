#!/bin/sh
# Follow-up kinds on real data (METHODS 8; README "Follow-up and regional
# comparison"):
#   - BRP+ 2025 per municipality (Livskvalitet and Hållbarhet, women and
#     men): every dispersion statistic per county and for the country, and
#     every municipality's rank within its county and in the country, equal
#     tests/oracle/dispersion.py's independent computation to 1e-9;
#   - the highest and lowest municipality of each county per sex (rank 1
#     and rank n) equal the oracle's max and min, and the suite says in how
#     many counties women's and men's highest coincide.
# Skips where ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

BRP="$SHARED/brp-plus/1.kolada_totalindex_kommun2025.csv"
if [ -f "$BRP" ]; then
    for part in Livskvalitet Hållbarhet; do
        {
            printf '[analysis]\nlanguage = en\n[data brp]\nfile = %s\n' "$BRP"
            printf '[indicator v]\nkind = count\nwhere = Del:%s Kon:Kvinnor,Män\nby = region, sex\n' "$part"
            printf '[indicator rk]\nkind = rank\nof = v\n'
            for st in cv max_min range iqr theil_t theil_l gini; do
                printf '[indicator %s]\nkind = dispersion\nof = v\nstatistic = %s\n' "$st" "$st"
            done
        } > "$TMP/brp.ini"
        if "$JS" run "$TMP/brp.ini" -o "$TMP/brp" --set analysis.outputs=indicators 2> "$TMP/brp.err"; then
            CSV="$TMP/brp/indicators.csv"
            out=$($PY tests/oracle/dispersion.py brp "$BRP" "$CSV" "$part")
            echo "followup: BRP+ $part: oracle: $out"
            case $out in
            ok\ *) ok ;;
            *) bad "BRP+ $part: dispersion and ranks against tests/oracle/dispersion.py: $out" ;;
            esac
            # rank 1 and rank n per county and sex, from the result, against the oracle's max and min
            awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                     $1 == "rk" && $(c["statistic"]) == "rank" { r[$2 SUBSEP $(c["Kon"])] = $(c["value"]) }
                     $1 == "rk" && $(c["statistic"]) == "n" { n[$2 SUBSEP $(c["Kon"])] = $(c["value"]) }
                     END { for (k in r) { split(k, p, SUBSEP); cty = substr(p[1], 1, 2)
                               if (r[k] == 1) hi[cty " " p[2]] = p[1]
                               if (r[k] == n[k]) lo[cty " " p[2]] = p[1] }
                           for (k in hi) print k, hi[k], lo[k] }' "$CSV" | sort > "$TMP/ext.got"
            $PY tests/oracle/dispersion.py extremes "$BRP" "$part" | sort > "$TMP/ext.want"
            check "BRP+ $part: highest and lowest municipality per county and sex" \
                "$(cmp -s "$TMP/ext.got" "$TMP/ext.want" && echo same || diff "$TMP/ext.got" "$TMP/ext.want" | head -5)" same
            check "BRP+ $part: counties with a highest and lowest per sex" "$(wc -l < "$TMP/ext.want" | tr -d ' ')" 42
            same=$(awk '{ k = $1; if ($2 == "Kvinnor") w[k] = $3; else m[k] = $3 }
                        END { n = 0; for (k in w) n += (w[k] == m[k]); print n }' "$TMP/ext.want")
            echo "followup: BRP+ $part: women's and men's highest municipality coincide in $same of 21 counties"
        else
            bad "BRP+ $part: run failed: $(head -3 "$TMP/brp.err")"
        fi
    done
else
    skip "$BRP absent: ranks and dispersion on BRP+ skipped"
fi

# ---- shift-share: REAT's Freiburg (9 industries, Freiburg vs Germany, 2008-2014) ----------
# The wide file is made tidy by the oracle (a reshaping, regions FR and DE);
# the components and the 2014 location quotients come from
# tests/oracle/shift_share.py over the original file.
FRB="$SHARED/shift-share/Freiburg.csv"
if [ -f "$FRB" ]; then
    $PY tests/oracle/shift_share.py freiburg "$FRB" tidy > "$TMP/fr.csv"
    cat > "$TMP/fr.ini" <<INI
[analysis]
language = en
[data emp]
file = $TMP/fr.csv
[indicator ss]
kind      = shift_share
reference = DE
by        = region
[indicator lq]
kind      = location_quotient
reference = DE
where     = year:2014
by        = region, industry
INI
    if "$JS" run "$TMP/fr.ini" -o "$TMP/fr" --set analysis.outputs=indicators 2> "$TMP/fr.err"; then
        set -- $($PY tests/oracle/shift_share.py freiburg "$FRB")
        for comp in total national mix regional net_shift em_regional em_allocation; do
            close "Freiburg vs Germany 2008-2014: $comp" "$(value "$TMP/fr/indicators.csv" ss region=FR component=$comp)" "$1"
            shift
        done
        for i in 1 2 3 4 5 6 7 8 9; do
            close "Freiburg 2014: location quotient of industry $i" \
                "$(value "$TMP/fr/indicators.csv" lq region=FR industry=I$i year=2014)" "$1"
            shift
        done
    else
        bad "Freiburg: run failed: $(head -3 "$TMP/fr.err")"
    fi
else
    skip "$FRB absent: shift-share on Freiburg skipped"
fi

# ---- shift-share: Sweden against the EU-28 by NACE industry, 2008-2016 -------------------
# REAT's EU28.emp.csv holds 30 countries: the EU-28 are all but IS and NO,
# and the reference is their sum (reference = sum).
EU="$SHARED/shift-share/EU28.emp.csv"
if [ -f "$EU" ]; then
    cat > "$TMP/eu.ini" <<INI
[analysis]
language = en
[data emp]
file = $EU
[indicator ss]
kind      = shift_share
over      = nace_r2
reference = sum
where     = geo:AT,BE,BG,CY,CZ,DE,DK,EE,EL,ES,FI,FR,HR,HU,IE,IT,LT,LU,LV,MT,NL,PL,PT,RO,SE,SI,SK,UK
from      = 2008
to        = 2016
by        = geo
[indicator lq]
kind      = location_quotient
over      = nace_r2
reference = sum
where     = time:2016 geo:AT,BE,BG,CY,CZ,DE,DK,EE,EL,ES,FI,FR,HR,HU,IE,IT,LT,LU,LV,MT,NL,PL,PT,RO,SE,SI,SK,UK
by        = geo, nace_r2
INI
    if "$JS" run "$TMP/eu.ini" -o "$TMP/eu" --set analysis.outputs=indicators 2> "$TMP/eu.err"; then
        set -- $($PY tests/oracle/shift_share.py eu "$EU" SE 2008 2016)
        for comp in total national mix regional net_shift em_regional em_allocation; do
            close "Sweden vs EU-28 2008-2016: $comp" "$(value "$TMP/eu/indicators.csv" ss geo=SE component=$comp)" "$1"
            shift
        done
        for nace in A B-E F G-I J K L M_N O-Q R-U; do
            close "Sweden 2016: location quotient of $nace" \
                "$(value "$TMP/eu/indicators.csv" lq geo=SE nace_r2=$nace time=2016)" "$1"
            shift
        done
        check "shift-share: 28 countries against their sum" \
            "$(awk -F, '$1 == "ss" && $0 ~ /,total,/' "$TMP/eu/indicators.csv" | wc -l | tr -d ' ')" 28
    else
        bad "EU-28: run failed: $(head -3 "$TMP/eu.err")"
    fi
else
    skip "$EU absent: shift-share of Sweden against the EU-28 skipped"
fi

# ---- targets on Region Dalarna's follow-up indicators (rus-followup/) -------------------
# Hand-checked cases, the expected numbers computed here with awk from the
# values in the files (2010 and 2021 for employment 20-64, 2011 and 2022
# for long-term unemployment):
#   women's employment, target 80 % by 2030: 75.659181 -> 79.914291, on
#     track, reached in 2021 + (80 - 79.914291) / pace;
#   men's: above 80 since 2016 (79.780845 in 2015): reached;
#   parity, women - men: -2.969356 -> -2.384574, parity at the pace
#     0.584782 / 11 in 2021 + 2.384574 / pace (about 2066): off track for 2030;
#   long-term unemployment of women, target 2.5 % by 2030: 3.041741 ->
#     3.429904, moving away: no year, off track.
RUS="$SHARED/rus-followup"
if [ -f "$RUS/sysselsatt.csv" ] && [ -f "$RUS/arbetsloshet.csv" ]; then
    cat > "$TMP/rus.ini" <<INI
[analysis]
language = en
[data emp]
file = $RUS/sysselsatt.csv
[data unemp]
file = $RUS/arbetsloshet.csv
[indicator t]
kind        = target
data        = emp
target      = 80
target_year = 2030
by          = region, year, sex
[indicator p]
kind        = target
data        = emp
target      = parity
target_year = 2030
by          = region, year, sex
[indicator u]
kind        = target
data        = unemp
target      = 2.5
target_year = 2030
direction   = down
by          = region, year, sex
INI
    if "$JS" run "$TMP/rus.ini" -o "$TMP/rus" --set analysis.outputs=indicators 2> "$TMP/rus.err"; then
        C="$TMP/rus/indicators.csv"
        calc() { awk "BEGIN { printf \"%.15g\", $1 }"; }
        at() { value "$C" "$1" $2 statistic="$3"; } # one region: Region Dalarna
        close "employment, women: achieved per year" "$(at t gender=K achieved_per_year)" "$(calc '(79.914291 - 75.659181) / 11')"
        close "employment, women: required per year" "$(at t gender=K required_per_year)" "$(calc '(80 - 79.914291) / 9')"
        close "employment, women: year reached" "$(at t gender=K year_reached)" \
            "$(calc '2021 + (80 - 79.914291) / ((79.914291 - 75.659181) / 11)')"
        check "employment, women: on track" "$(at t gender=K status)" 2
        check "employment, men: reached" "$(at t gender=M status)" 1
        check "employment, men: above 80 since" "$(at t gender=M year_reached)" 2016
        close "employment parity: pace" "$(at p '' achieved_per_year)" "$(calc '(-2.384574 + 2.969356) / 11')"
        close "employment parity: year" "$(at p '' year_reached)" "$(calc '2021 + 2.384574 / ((-2.384574 + 2.969356) / 11)')"
        check "employment parity: off track for 2030" "$(at p '' status)" 3
        close "unemployment, women: achieved (moving away)" "$(at u gender=K achieved_per_year)" "$(calc '(3.429904 - 3.041741) / 11')"
        check "unemployment, women: never reached at this pace" "$(at u gender=K year_reached)" ""
        check "unemployment, women: off track" "$(at u gender=K status)" 3
    else
        bad "rus-followup: run failed: $(head -3 "$TMP/rus.err")"
    fi
else
    skip "$RUS absent: targets on Region Dalarna's indicators skipped"
fi

# ---- population change: every county 1969-2015 from SCB's county files --------------------
# births - deaths and the migration residual per county and year against
# tests/oracle/population_change.awk over the same files; the country's
# growth beside each county is the sum of the counties', and the sums of
# 2015 are SCB's published national figures (births 114 870, deaths
# 90 907, population 9 851 017 on 31 December 2015, 9 747 355 in 2014).
POP="$SHARED/scb-county-population-1968-2015.csv"
BIR="$SHARED/scb-county-births-1968-2015.csv"
DEA="$SHARED/scb-county-deaths-1968-2015.csv"
if [ -f "$POP" ] && [ -f "$BIR" ] && [ -f "$DEA" ]; then
    cat > "$TMP/pc.ini" <<INI
[analysis]
language = en
[data pop]
file = $POP
[data births]
file = $BIR
[data deaths]
file = $DEA
[indicator pc]
kind       = population_change
population = pop
births     = births
deaths     = deaths
by         = region, year
INI
    if "$JS" run "$TMP/pc.ini" -o "$TMP/pc" --set analysis.outputs=indicators 2> "$TMP/pc.err"; then
        awk -F, -f tests/oracle/population_change.awk "$POP" "$BIR" "$DEA" > "$TMP/pc.want"
        check "oracle rows: 21 counties and the country x 47 years" "$(wc -l < "$TMP/pc.want" | tr -d ' ')" 1034
        # every county-year: population, births, deaths, natural, migration, growth_pct
        out=$(awk -F, 'NR == FNR { split($0, a, " "); w[a[1] " " a[2]] = $0; next }
                 FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                 { k = $(c["region"]) " " $(c["year"]); if (!(k in w)) next
                   split(w[k], e, " "); j = 0
                   if ($(c["component"]) == "population") j = 3; if ($(c["component"]) == "births") j = 4
                   if ($(c["component"]) == "deaths") j = 5; if ($(c["component"]) == "natural") j = 6
                   if ($(c["component"]) == "migration") j = 7; if ($(c["component"]) == "growth_pct") j = 8
                   if ($(c["component"]) == "country_growth_pct") { split(w["SUM " $(c["year"])], e, " "); j = 8 }
                   if (!j) next
                   n++; g = $(c["value"]); d = g - e[j]; if (d < 0) d = -d; s = e[j] < 0 ? -e[j] : e[j]
                   if (g == "" || d > 1e-9 * (s > 1 ? s : 1)) { bad++; if (bad < 4) print "differs:", k, $(c["component"]), g, e[j] } }
                 END { print (bad ? bad " of " n " differ" : "ok " n) }' \
            "$TMP/pc.want" "$TMP/pc/indicators.csv")
        echo "followup: population change: oracle: $out"
        case $out in ok\ 6909) ok ;; *) bad "population change against tests/oracle/population_change.awk: $out" ;; esac
        check "published 2015: births, deaths, population (sum of the counties)" \
            "$(awk '$1 == "SUM" && $2 == 2015 { print $4, $5, $3 }' "$TMP/pc.want")" "114870 90907 9851017"
        close "country's growth 2015 beside Stockholm, against SCB's 9 747 355 -> 9 851 017" \
            "$(value "$TMP/pc/indicators.csv" pc region=01 year=2015 component=country_growth_pct)" \
            "$(awk 'BEGIN { printf "%.17g", 100 * (9851017 - 9747355) / 9747355 }')"
    else
        bad "population change: run failed: $(head -3 "$TMP/pc.err")"
    fi
else
    skip "SCB county files absent: population change skipped"
fi

# ---- population-weighted CV over the counties, 1968-2015 (sigma convergence) --------------
# The share aged 65+ per county, its CV weighted by the counties'
# populations (s_w divides by the sum of the weights), every year, against
# tests/oracle/dispersion.py county65 over the same file.
if [ -f "$POP" ]; then
    cat > "$TMP/cvw.ini" <<INI
[analysis]
language = en
[data pop]
file = $POP
[indicator s65]
kind = share
part = age:65-
by   = region, year
[indicator cvw]
kind      = dispersion
of        = s65
statistic = cv_weighted
weights   = pop
INI
    if "$JS" run "$TMP/cvw.ini" -o "$TMP/cvw" --set analysis.outputs=indicators 2> "$TMP/cvw.err"; then
        $PY tests/oracle/dispersion.py county65 "$POP" > "$TMP/cvw.want"
        out=$(awk -F, 'NR == FNR { split($0, a, " "); w[a[1]] = a[2]; next }
                 FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                 $1 == "cvw" { n++; g = $(c["value"]); e = w[$(c["year"])]; d = g - e; if (d < 0) d = -d
                     if (g == "" || e == "" || d > 1e-9 * (e > 1 ? e : 1)) bad++ }
                 END { print (bad ? bad " of " n " differ" : "ok " n) }' "$TMP/cvw.want" "$TMP/cvw/indicators.csv")
        check "population-weighted CV of the share 65+ over the counties, 1968-2015" "$out" "ok 48"
    else
        bad "weighted CV: run failed: $(head -3 "$TMP/cvw.err")"
    fi
else
    skip "$POP absent: the weighted CV over the counties skipped"
fi

# ---- composite: EIGE's Gender Equality Index 2025 from its domain scores -----------------
# The wide file as published, read by jamstat itself (no reshaping by the
# oracle any more), preset = eige over its six domains, against
# tests/oracle/eige.py for the 28 countries (EU-27 included).
# tests/cli/eige.sh checks every edition, 2013-2022 too, and the distance
# to the published index.
GEI="$SHARED/eige-gei/gei-2025-domain-scores.csv"
GEIL="$SHARED/eige-gei/gei-2013-2022-domain-scores.csv"
if [ -f "$GEI" ] && [ -f "$GEIL" ]; then
    cat > "$TMP/gei.ini" <<INI
[analysis]
language = en
[data gei]
file = $GEI
measure_type = index
[indicator gei]
kind   = composite
over   = contents
preset = eige
by     = Country, contents
INI
    if "$JS" run "$TMP/gei.ini" -o "$TMP/gei" --set analysis.outputs=indicators 2> "$TMP/gei.err"; then
        $PY tests/oracle/eige.py index "$GEI" "$GEIL" > "$TMP/gei.want"
        out=$(awk -F, 'NR == FNR { split($0, a, " "); if (a[1] == "2025") w[a[2]] = a[3]; next }
                 FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                 $1 == "gei" { n++; g = $(c["value"]); e = w[$(c["Country"])]; d = g - e; if (d < 0) d = -d
                     if (g == "" || e == "" || d > 1e-9 * e) bad++ }
                 END { print (bad ? bad " of " n " differ" : "ok " n) }' "$TMP/gei.want" "$TMP/gei/indicators.csv")
        check "EIGE 2025: weighted geometric mean of the domains, 28 countries" "$out" "ok 28"
    else
        bad "EIGE: run failed: $(head -3 "$TMP/gei.err")"
    fi
else
    skip "$GEI absent: the composite on EIGE's domain scores skipped"
fi

finish followup
