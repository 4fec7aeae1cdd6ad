# Independent oracle for more indicator kinds on the county population table
# (tests/cli/kinds.sh).  Reads ../shared/datasets/scb-county-population-1968-2015.csv
# and prints, for year Y and region R (-v Y=2015 -v R=10):
#   sex_ratio mean_age share65_band median_women median_men mean_women
# sex ratio = 100 men / women; mean age with single years at a + 0.5 and
# 100+ at 100.5 (METHODS 1.4); share65_band = 100 P(65+) / P; medians by sex
# as in METHODS 1.3.
BEGIN { FS = "," }
NR > 1 && $1 == Y && $2 == R {
    a = ($5 == "100+") ? 100 : $5 + 0
    s = ($4 == "women") ? 1 : 2
    n[s, a] += $6; tot[s] += $6; all += $6
    wsum[s] += (a + 0.5) * $6; asum += (a + 0.5) * $6
    if (a >= 65) old += $6
}
function median(s,    half, cum, a) {
    half = tot[s] / 2; cum = 0
    for (a = 0; a <= 100; a++) {
        if (n[s, a] > 0 && cum + n[s, a] >= half) return a + (half - cum) / n[s, a]
        cum += n[s, a]
    }
}
END {
    printf "%.10f %.10f %.10f %.10f %.10f %.10f\n", 100 * tot[2] / tot[1], asum / all, \
        100 * old / all, median(1), median(2), wsum[1] / tot[1]
}
