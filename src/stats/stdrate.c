/*
 * stdrate.c - age-standardised rates (METHODS 4.2-4.3) on plain arrays.
 *
 * Direct: DSR = sum_i w_i d_i / p_i with w = S / sum S, V = sum w^2 d / p^2,
 * and Dobson's interval, which moves the DSR by sqrt(V / O) per event of the
 * Poisson limits of the total count O.  PHE (phe_dsr) takes Byar's limits;
 * exact chi-square limits are in stats_gsl.c.  Worked example (METHODS 4.4,
 * TV-4): O = 1132, DSR = 872.6588972 per 100 000, Byar limits 1067.008321
 * and 1199.914921, interval 821.8646206 - 925.7378353.
 */
#include "stats/stdrate.h"

#include <math.h>

void js_byar_limits(double o, double z, double *lo, double *hi)
{
    const double a = 1 - 1 / (9 * o) - z / (3 * sqrt(o));
    const double b = 1 - 1 / (9 * (o + 1)) + z / (3 * sqrt(o + 1));
    *lo = o > 0 ? o * a * a * a : 0;
    *hi = (o + 1) * b * b * b;
}

void js_dsr(const double *d, const double *p, const double *s, size_t n, double *dsr, double *var,
            double *o)
{
    double total = 0, r = 0, v = 0, sum_d = 0;
    for (size_t i = 0; i < n; i++)
        total += s[i];
    for (size_t i = 0; i < n; i++) {
        const double w = s[i] / total;
        r += w * d[i] / p[i];
        v += w * w * d[i] / (p[i] * p[i]);
        sum_d += d[i];
    }
    *dsr = r;
    *var = v;
    *o = sum_d;
}

void js_dobson(double dsr, double var, double o, double o_lo, double o_hi, double *lo, double *hi)
{
    const double k = sqrt(var / o);
    *lo = dsr + k * (o_lo - o);
    *hi = dsr + k * (o_hi - o);
}
