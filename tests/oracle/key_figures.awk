# Independent oracle for the report's key figures (tests/cli/report_sections.sh).
# Reads SCB's county population (year,region_code,region,sex,age,population)
# directly and prints, for the focus region F (-v F=23) and the years Y0
# (the first) and Y1 (the latest):
#   women|VALUE|CHANGE|RANK|N      population, women
#   men|VALUE|CHANGE|RANK|N        population, men
#   share|VALUE|CHANGE|RANK|N      share of women, 100 * women / (women + men)
# CHANGE = VALUE(Y1) - VALUE(Y0); RANK among the regions in Y1, 1 = the
# highest, ties the average of the ranks they span; N regions ranked.
BEGIN { FS = "," }
NR > 1 { pop[$1, $2, $4] += $6; reg[$2] = 1 }
function rank(kind, y,   r, above, equal, n, v, f) {
    f = val(kind, y, F); above = 0; equal = 0; n = 0
    for (r in reg) { v = val(kind, y, r); n++; if (v > f) above++; else if (v == f) equal++ }
    return sprintf("%g|%d", above + 1 + (equal - 1) / 2, n)
}
function val(kind, y, r) {
    if (kind == "share") return 100 * pop[y, r, "women"] / (pop[y, r, "women"] + pop[y, r, "men"])
    return pop[y, r, kind]
}
END {
    split("women men share", k, " ")
    for (i = 1; i <= 3; i++)
        printf "%s|%.10f|%.10f|%s\n", k[i], val(k[i], Y1, F), val(k[i], Y1, F) - val(k[i], Y0, F), rank(k[i], Y1)
}
