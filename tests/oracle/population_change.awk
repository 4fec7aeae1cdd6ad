# population_change.awk - independent oracle for kind = population_change
# on SCB's county files (../shared/datasets/scb-county-*-1968-2015.csv).
#
#   awk -F, -f tests/oracle/population_change.awk POPULATION BIRTHS DEATHS
#
# Sums each file per county and year (over sex and age, over the child's
# sex and the mother's age), then prints for every county and year from
# the second year on: "county year population births deaths natural
# migration growth_pct", with natural = births - deaths and migration the
# residual (P_t - P_t-1) - natural; and per year the country (the sum of
# the counties) as county "SUM".
FNR == 1 { file++; next }
{
    key = $2 SUBSEP $1
    v = $NF + 0
    if (file == 1) { p[key] += v; p["SUM" SUBSEP $1] += v; county[$2] = 1; year[$1] = 1 }
    else if (file == 2) { b[key] += v; b["SUM" SUBSEP $1] += v }
    else { d[key] += v; d["SUM" SUBSEP $1] += v }
}
END {
    county["SUM"] = 1
    for (c in county)
        for (y in year) {
            prev = c SUBSEP (y - 1)
            if (!(prev in p)) continue
            k = c SUBSEP y
            nat = b[k] - d[k]
            printf "%s %s %.0f %.0f %.0f %.0f %.0f %.17g\n", c, y, p[k], b[k], d[k], nat, p[k] - p[prev] - nat,
                100 * (p[k] - p[prev]) / p[prev]
        }
}
