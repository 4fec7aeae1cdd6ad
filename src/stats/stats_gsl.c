/*
 * stats_gsl.c - the formulas behind the indicators, on plain arrays.
 *
 * The only file that includes GSL headers (STYLE.md §1).  GSL's error
 * handler is turned off by the CLI at start-up; every routine used here
 * either cannot fail for the arguments we pass or is guarded.
 */
#include "jamstat/indicator.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_interp.h>
#include <math.h>

#include "core/alloc.h"
#include "stats/lifetable.h"
#include "stats/stdrate.h"

double js_median_grouped(const double *lo, const double *hi, const double *f, size_t n,
                         int *open_class)
{
    /* METHODS 1.3: k* = the first class with C_k >= N/2;
     * median = L + w (N/2 - C_{k*-1}) / f_k*.  Written out rather than
     * through gsl_interp_linear, which would need zero-count classes
     * dropped first; both give the same number. */
    double total = 0;
    for (size_t k = 0; k < n; k++)
        total += f[k];
    *open_class = 0;
    if (!(total > 0))
        return (double)NAN;
    const double half = total / 2;
    double cum = 0;
    for (size_t k = 0; k < n; k++) {
        if (f[k] > 0 && cum + f[k] >= half) {
            if (isinf(hi[k])) {
                *open_class = 1;
                return lo[k];
            }
            return lo[k] + (hi[k] - lo[k]) * (half - cum) / f[k];
        }
        cum += f[k];
    }
    return (double)NAN;
}

/* The assumed mean age in the open class k (METHODS 1.4): open_mean when
 * given, else its start plus half the width of the class before it (90+
 * in 5-year data: 92.5; 100+ after single years: 100.5).  With no class
 * before it, the single-year convention: start + 0.5. */
static double mean_open_mid(const double *lo, const double *hi, size_t k, double open_mean)
{
    if (!isnan(open_mean))
        return open_mean;
    const double w = k > 0 && isfinite(hi[k - 1]) ? hi[k - 1] - lo[k - 1] : 1;
    return lo[k] + w / 2;
}

double js_mean_grouped(const double *lo, const double *hi, const double *f, size_t n,
                       double open_mean)
{
    double total = 0, sum = 0;
    for (size_t k = 0; k < n; k++) {
        const double mid = isinf(hi[k]) ? mean_open_mid(lo, hi, k, open_mean) : (lo[k] + hi[k]) / 2;
        sum += mid * f[k];
        total += f[k];
    }
    return total > 0 ? sum / total : (double)NAN;
}

js_status js_wilson(double x, double n, double alpha, double *lo, double *hi)
{
    if (!(n > 0) || x < 0 || x > n || !(alpha > 0 && alpha < 1)) {
        *lo = *hi = (double)NAN;
        return JS_OK;
    }
    const double z = gsl_cdf_ugaussian_Pinv(1 - alpha / 2);
    const double z2 = z * z;
    const double root = z * sqrt(z2 + 4 * x * (1 - x / n));
    *lo = (2 * x + z2 - root) / (2 * (n + z2));
    *hi = (2 * x + z2 + root) / (2 * (n + z2));
    if (!(x > 0))
        *lo = 0; /* exact at the edges (METHODS 5.1) */
    if (!(x < n))
        *hi = 1;
    return JS_OK;
}

js_status js_ols_fit(const double *x, const double *y, size_t n, js_ols *fit)
{
    if (n < 2)
        return JS_EUSAGE;
    double *const u = js_calloc(n, sizeof *u);
    if (u == NULL)
        return JS_ENOMEM;
    fit->x0 = x[0]; /* centred on the first point: no cancellation (METHODS 9.1) */
    for (size_t i = 0; i < n; i++)
        u[i] = x[i] - fit->x0;
    const int rc = gsl_fit_linear(u, 1, y, 1, n, &fit->c0, &fit->c1, &fit->cov00, &fit->cov01,
                                  &fit->cov11, &fit->sumsq);
    js_free(u);
    fit->n = n;
    return rc == GSL_SUCCESS && isfinite(fit->c1) ? JS_OK : JS_ENUMERIC;
}

void js_ols_predict(const js_ols *fit, double x, double alpha, double *yhat, double *ci_lo,
                    double *ci_hi, double *pi_lo, double *pi_hi)
{
    double se_mean = (double)NAN;
    (void)gsl_fit_linear_est(x - fit->x0, fit->c0, fit->c1, fit->cov00, fit->cov01, fit->cov11,
                             yhat, &se_mean);
    *ci_lo = *ci_hi = *pi_lo = *pi_hi = (double)NAN;
    if (fit->n < 3)
        return; /* no degrees of freedom for an interval */
    const double df = (double)(fit->n - 2);
    const double t = gsl_cdf_tdist_Pinv(1 - alpha / 2, df);
    const double se_pred = sqrt(se_mean * se_mean + fit->sumsq / df);
    *ci_lo = *yhat - t * se_mean;
    *ci_hi = *yhat + t * se_mean;
    *pi_lo = *yhat - t * se_pred;
    *pi_hi = *yhat + t * se_pred;
}

double js_normal_quantile(double p)
{
    return p > 0 && p < 1 ? gsl_cdf_ugaussian_Pinv(p) : (double)NAN;
}

void js_poisson_exact_limits(double o, double alpha, double *lo, double *hi)
{
    *lo = o > 0 ? gsl_cdf_chisq_Pinv(alpha / 2, 2 * o) / 2 : 0;
    *hi = gsl_cdf_chisq_Pinv(1 - alpha / 2, 2 * o + 2) / 2;
}
