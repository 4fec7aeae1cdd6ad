#!/bin/sh
# Funding by recipient sex (issue #14): datasets/funding/analysis.ini on the
# invented grants table runs, and its numbers are the hand computations of
# datasets/funding/README.md (2023: women-led 650 000 of 1 850 000 SEK, 3 of
# 7 grants); the heatmap's .csv holds the same amount shares; the chart of
# the women-led shares beside women's share of the population holds them too.
# Closes with "funding: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
"$JS" run "$ROOT/datasets/funding/analysis.ini" -o "$TMP/out" --format svg 2> "$TMP/err"
check "the funding example runs" "$?" 0
CSV="$TMP/out/indicators.csv"
close "2023 women-led share of the amount (hand: 100 x 650000 / 1850000)" \
    "$(value "$CSV" amount year=2023 leader=kvinna)" 35.135135135135135
close "2024 men-led share of the amount (hand: 100 x 1400000 / 1950000)" \
    "$(value "$CSV" amount year=2024 leader=man)" 71.794871794871795
close "2023 women-led share of the grants (hand: 100 x 3 / 7)" \
    "$(value "$CSV" grants year=2023 leader=kvinna)" 42.857142857142857
close "2023 women-led amount per grant (hand: 650000 / 3)" \
    "$(value "$CSV" per_grant year=2023 leader=kvinna)" 216666.66666666667
close "2023 women-led amount per woman (hand: 650000 / 80000)" \
    "$(value "$CSV" per_inhabitant year=2023 leader=kvinna)" 8.125
check "heatmap: column kvinna (the first series) in 2023 and 2024" \
    "$(awk -F, 'NR == 1 { print $2 } $1 == 2023 { a = $2 } $1 == 2024 { b = $2 } END { printf "%.4f %.4f", a, b }' \
        "$TMP/out/charts/amount_heat.csv" | tr '\n' ' ')" "kvinna 35.1351 24.1026"
# the women-led recipients' shares beside women's share of the population
# (also =): the chart's CSV holds, per year, the amount's and the grants'
# shares of indicators.csv and the population share by hand (2023:
# 80 000 / 158 000 women)
check "also: the chart's three lines, named by their indicators" "$(head -1 "$TMP/out/charts/women_led.csv")" \
    "kategori,Andel av beviljat belopp efter ledarens kön,Andel av beviljade stöd efter ledarens kön,Kvinnors andel av befolkningen"
check "also: 2023 and 2024, each line the indicator's value" \
    "$(awk -F, 'NR > 1 { printf "%s %.6f %.6f %.6f;", $1, $2, $3, $4 }' "$TMP/out/charts/women_led.csv")" \
    "$(printf '2023 %.6f %.6f %.6f;2024 %.6f %.6f %.6f;' "$(value "$CSV" amount year=2023 leader=kvinna)" \
        "$(value "$CSV" grants year=2023 leader=kvinna)" "$(awk 'BEGIN { printf "%.9f", 100 * 80000 / 158000 }')" \
        "$(value "$CSV" amount year=2024 leader=kvinna)" "$(value "$CSV" grants year=2024 leader=kvinna)" \
        "$(value "$CSV" women_population year=2024)")"
check "also: the others dashed, no band of theirs" \
    "$(grep -c 'with lines ls 9 lw 2 dt [23] title' "$TMP/out/charts/women_led.gp") $(grep -c filledcurves "$TMP/out/charts/women_led.gp")" "2 0"
for m in 'per_inhabitant|per_inhabitant is in kronor per invånare, the chart in %' 'nosuch|nosuch is not an indicator above'; do
    name=${m%%|*} want=${m#*|}
    "$JS" check "$ROOT/datasets/funding/analysis.ini" --set "chart.women_led.also=$name" > /dev/null 2> "$TMP/also.err"
    check "also = $name: exit" "$?" 64
    grep -q "also: $want" "$TMP/also.err" && ok || bad "also = $name: $(cat "$TMP/also.err")"
done
# the amount per company of each sex: funding_per_capita with the invented
# company table as its second input (hand: 650 000 / (520 + 410 + 370))
cat > "$TMP/comp.ini" <<INI
[analysis]
title = t
language = en
[data grants]
file = $ROOT/datasets/funding/grants-synthetic.csv
measure = amount
measure_type = amount
[data companies]
file = $ROOT/datasets/funding/companies-synthetic.csv
[indicator per_company]
kind = funding_per_capita
data = grants
population = companies
by = year, leader
unit = SEK per company
[indicator rep_company]
kind = funding_per_capita
data = grants
population = companies
by = year, leader
measure = representation
INI
"$JS" run "$TMP/comp.ini" -o "$TMP/comp" --format svg 2> /dev/null
check "per company runs" "$?" 0
close "2023 women-led per women-owned company (hand: 650000 / 1300)" \
    "$(value "$TMP/comp/indicators.csv" per_company year=2023 leader=kvinna)" 500
close "2023 men-led per men-owned company (hand: 900000 / 2600)" \
    "$(value "$TMP/comp/indicators.csv" per_company year=2023 leader=man)" 346.15384615384615
close "2024 men-led per men-owned company (hand: 1400000 / 2570)" \
    "$(value "$TMP/comp/indicators.csv" per_company year=2024 leader=man)" 544.74708171206226
close "2023 representation of women-led funds among companies (hand: (650000/1550000) / (1300/3900))" \
    "$(value "$TMP/comp/indicators.csv" rep_company year=2023 leader=kvinna)" 1.2580645161290323
close "2023 representation of men-led funds (hand: (900000/1550000) / (2600/3900))" \
    "$(value "$TMP/comp/indicators.csv" rep_company year=2023 leader=man)" 0.87096774193548387
check "no amount per company for mixed leadership" \
    "$(awk -F, '$1 == "per_company" && $2 == 2023 && $3 == "blandat" { print $4 "|" $8 }' "$TMP/comp/indicators.csv")" "|"

# applications: representation of the grants against the applicants and
# the chi-square of leader sex x decision, on the invented applications
# (hand computations in datasets/funding/README.md)
cat > "$TMP/app.ini" <<INI
[analysis]
title = t
language = en
[data apps]
file = $ROOT/datasets/funding/applications-synthetic.csv
[indicator rep]
kind = representation
part = decision:granted
by = year
[indicator chi]
kind = independence_test
over = decision
by = year
variant = chi_square
[indicator p]
kind = independence_test
over = decision
by = year
INI
"$JS" run "$TMP/app.ini" -o "$TMP/app" --format svg 2> /dev/null
check "applications run" "$?" 0
close "2023 representation of women among the granted (hand: (30/50) / (50/100))" \
    "$(value "$TMP/app/indicators.csv" rep year=2023)" 1.2
close "2024 representation (hand: (25/60) / (40/100))" \
    "$(value "$TMP/app/indicators.csv" rep year=2024)" 1.0416666666666667
close "2023 chi-square leader sex x decision (hand: 4 x 25 / 25)" \
    "$(value "$TMP/app/indicators.csv" chi year=2023)" 4
close "2024 chi-square (hand: 1/24 + 1/16 + 1/36 + 1/24)" \
    "$(value "$TMP/app/indicators.csv" chi year=2024)" 0.17361111111111111
close "2023 p value (hand: 2 (1 - Phi(2)) = erfc(sqrt 2))" \
    "$(value "$TMP/app/indicators.csv" p year=2023)" 0.045500263896358396

# dominance = 1,60 on the amounts (hand, from grants-synthetic.csv): 2023
# women-led 400 000 of 650 000 (61.5 %), men-led 600 000 of 900 000
# (66.7 %), mixed and unknown one grant each: all four dominated; 2024
# women-led 350 000 of 470 000 (74.5 %) and mixed (one grant) dominated,
# men-led 700 000 of 1 400 000 (50 %) not, no unknown (0 SEK, published).
# The year's total is public; 2024's two suppressed amounts share one sum,
# so no complement is needed.
"$JS" run "$ROOT/datasets/funding/analysis.ini" -o "$TMP/dom" --set indicator.amount.dominance=1,60 \
    --format svg 2> "$TMP/dom.err"
check "the funding example with dominance runs" "$?" 0
check "amount shares under dominance = 1,60 (by hand)" \
    "$(awk -F, '$1 == "amount" { printf "%s %s=%s;", $2, $3, ($4 == ".." ? ".." : sprintf("%.4f", $4)) }' "$TMP/dom/indicators.csv")" \
    "2023 kvinna=..;2023 man=..;2023 blandat=..;2023 okänt=..;2024 kvinna=..;2024 man=71.7949;2024 blandat=..;2024 okänt=0.0000;"
grep -q "amount: disclosure control (dominance = 1,60): 2 tables, 10 cells with their totals, 6 primary and 0 complementary suppressions; audit: safe" "$TMP/dom.err" && ok ||
    bad "dominance line: $(grep disclosure "$TMP/dom.err")"
# 2,90: 2023 women-led's two largest are 550 000 of 650 000 (84.6 %):
# published; 2024 men-led's 1 200 000 of 1 400 000 (85.7 %): published
"$JS" run "$ROOT/datasets/funding/analysis.ini" -o "$TMP/dom2" --set indicator.amount.dominance=2,90 \
    --format svg 2> /dev/null
check "amount shares under dominance = 2,90 (by hand)" \
    "$(awk -F, '$1 == "amount" { printf "%s %s=%s;", $2, $3, ($4 == ".." ? ".." : sprintf("%.4f", $4)) }' "$TMP/dom2/indicators.csv")" \
    "2023 kvinna=35.1351;2023 man=..;2023 blandat=..;2023 okänt=..;2024 kvinna=..;2024 man=71.7949;2024 blandat=..;2024 okänt=0.0000;"
finish funding
