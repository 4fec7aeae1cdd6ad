#!/bin/sh
# Funding by recipient sex (issue #14): datasets/funding/analysis.ini on the
# invented grants table runs, and its numbers are the hand computations of
# datasets/funding/README.md (2023: women-led 650 000 of 1 850 000 SEK, 3 of
# 7 grants); the heatmap's .csv holds the same amount shares.
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
finish funding
