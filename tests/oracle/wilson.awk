# Independent oracle: the Wilson score interval of x out of n (METHODS 5.1),
# in percent, for the share vectors (tests/vectors/counts.txt).
#   awk -v x=65 -v n=100 -f tests/oracle/wilson.awk   ->   low high
# z = 1.959963984540054, the exact 97.5 % normal quantile (METHODS 0.2).
BEGIN {
    z = 1.959963984540054; z2 = z * z
    root = z * sqrt(z2 + 4 * x * (1 - x / n))
    printf "%.17g %.17g\n", 100 * (2 * x + z2 - root) / (2 * (n + z2)), 100 * (2 * x + z2 + root) / (2 * (n + z2))
}
