# Independent oracle: the ordinary least-squares line through "x y" lines
# (METHODS 9.1), evaluated at X (-v X=2030); prints the fitted value.  For
# the trend vectors (tests/vectors/trends.txt), fed e.g. the county median
# ages of tests/oracle/county_indicators.awk year by year.
{ n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2 }
END {
    b = (n * sxy - sx * sy) / (n * sxx - sx * sx); a = (sy - b * sx) / n
    printf "%.10f\n", a + b * X
}
