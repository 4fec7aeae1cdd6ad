# Independent oracle for the county population indicators (tests/cli/run.sh).
# Reads ../shared/datasets/scb-county-population-1968-2015.csv directly and
# prints, for the given year Y and region R (-v Y=2015 -v R=10):
#   total women share_women old_age_dependency total_dependency_se young_eu median_age
# Definitions from METHODS.md 1.1, 1.3, 1.5; median with ages as [a, a+1).
BEGIN { FS = "," }
NR > 1 && $1 == Y && (R == "" || $2 == R) {
    a = ($5 == "100+") ? 100 : $5 + 0
    n[a] += $6; total += $6
    if ($4 == "women") women += $6
    if (a <= 19) young += $6; else if (a <= 64) work += $6; else old += $6
    if (a <= 14) young_eu += $6; else if (a <= 64) work_eu += $6
}
END {
    half = total / 2; cum = 0; median = -1
    for (a = 0; a <= 100 && median < 0; a++) {
        if (n[a] > 0 && cum + n[a] >= half) median = a + (half - cum) / n[a]
        cum += n[a]
    }
    printf "%d %d %.10f %.10f %.10f %.10f %.10f\n", total, women, 100 * women / total, \
        100 * old / work, 100 * (young + old) / work, 100 * young_eu / work_eu, median
}
