/*
 * dispersion.c - dispersion across regions and ranks (METHODS 8) on plain
 * arrays.
 *
 * Each statistic is one pass (two for those around a mean) over the
 * values; the IQR sorts a copy; the Gini coefficient sorts nothing and
 * sums over all pairs, O(n^2), which for the 290 municipalities of Sweden
 * is 42 000 pairs and simpler to check than the sorted form.  The
 * weighted standard deviation divides by the sum of the weights, the
 * population-weighted dispersion that Eurostat means (METHODS 8, 14.9),
 * not GSL's bias-corrected gsl_stats_wsd.
 *
 * Worked example (METHODS 8, TV-8): y = 72.0 68.5 80.2 75.1 70.3 gives
 * mean 73.22, s 4.59749932, CV 0.06279021197; with p = 12000 3500 95000
 * 20000 8000, CV_w 0.04690443735 and the weighted Theil T 0.00112185916.
 */
#include "stats/dispersion.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The weighted mean and the sum of weights (p NULL: 1 each). */
static double disp_mean(const double *y, const double *p, size_t n, double *sum_p)
{
    double sw = 0, swy = 0;
    for (size_t i = 0; i < n; i++) {
        const double w = p ? p[i] : 1;
        sw += w;
        swy += w * y[i];
    }
    *sum_p = sw;
    return swy / sw;
}

static int disp_cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quantile q of sorted x[0..n-1], R's type 7: x[h] + (h - floor h)(x[h+1] - x[h]), h = (n-1) q. */
static double disp_quantile_sorted(const double *x, size_t n, double q)
{
    const double h = (double)(n - 1) * q;
    const size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

static double disp_cv(const double *y, size_t n, js_disp_why *why)
{
    double sp;
    const double m = disp_mean(y, NULL, n, &sp);
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (y[i] - m) * (y[i] - m);
    if (!(fabs(m) > 0)) {
        *why = JS_DISP_ZERO_MEAN;
        return (double)NAN;
    }
    return sqrt(ss / (double)(n - 1)) / m;
}

static double disp_cv_weighted(const double *y, const double *p, size_t n, js_disp_why *why)
{
    double sp;
    const double m = disp_mean(y, p, n, &sp);
    if (!(sp > 0)) {
        *why = JS_DISP_NO_WEIGHTS;
        return (double)NAN;
    }
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += p[i] * (y[i] - m) * (y[i] - m);
    if (!(fabs(m) > 0)) {
        *why = JS_DISP_ZERO_MEAN;
        return (double)NAN;
    }
    return sqrt(ss / sp) / m;
}

/* Theil's T (log_dev 0) or the mean log deviation (log_dev 1). */
static double disp_theil(const double *y, const double *p, size_t n, int log_dev, js_disp_why *why)
{
    double sp;
    for (size_t i = 0; i < n; i++)
        if (!(y[i] > 0)) {
            *why = JS_DISP_NONPOSITIVE;
            return (double)NAN;
        }
    const double m = disp_mean(y, p, n, &sp);
    if (!(sp > 0)) {
        *why = JS_DISP_NO_WEIGHTS;
        return (double)NAN;
    }
    double t = 0;
    for (size_t i = 0; i < n; i++) {
        const double w = (p ? p[i] : 1) / sp, r = y[i] / m;
        t += log_dev ? -w * log(r) : w * r * log(r);
    }
    return t;
}

static double disp_gini(const double *y, const double *p, size_t n, js_disp_why *why)
{
    double sp;
    const double m = disp_mean(y, p, n, &sp);
    if (!(sp > 0)) {
        *why = JS_DISP_NO_WEIGHTS;
        return (double)NAN;
    }
    if (!(fabs(m) > 0)) {
        *why = JS_DISP_ZERO_MEAN;
        return (double)NAN;
    }
    double s = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            s += (p ? p[i] * p[j] : 1) * fabs(y[i] - y[j]);
    return 2 * s / (2 * sp * sp * m); /* each unordered pair stands for two ordered ones */
}

double js_dispersion(js_disp_stat st, const double *y, const double *p, size_t n, double *scratch,
                     js_disp_why *why)
{
    *why = JS_DISP_OK;
    const size_t need = st == JS_DISP_MAX_MIN || st == JS_DISP_RANGE || st == JS_DISP_THEIL_T ||
                                st == JS_DISP_THEIL_L || st == JS_DISP_GINI || st == JS_DISP_CV_WEIGHTED
                            ? 1
                            : 2;
    if (n < need) {
        *why = JS_DISP_TOO_FEW;
        return (double)NAN;
    }
    double lo = y[0], hi = y[0];
    for (size_t i = 1; i < n; i++) {
        lo = y[i] < lo ? y[i] : lo;
        hi = y[i] > hi ? y[i] : hi;
    }
    switch (st) {
    case JS_DISP_CV: return disp_cv(y, n, why);
    case JS_DISP_CV_WEIGHTED:
        if (p == NULL) {
            *why = JS_DISP_NO_WEIGHTS;
            return (double)NAN;
        }
        return disp_cv_weighted(y, p, n, why);
    case JS_DISP_MAX_MIN:
        if (!(fabs(lo) > 0)) {
            *why = JS_DISP_ZERO_MEAN;
            return (double)NAN;
        }
        return hi / lo;
    case JS_DISP_RANGE: return hi - lo;
    case JS_DISP_IQR:
        memcpy(scratch, y, n * sizeof *y);
        qsort(scratch, n, sizeof *scratch, disp_cmp);
        return disp_quantile_sorted(scratch, n, 0.75) - disp_quantile_sorted(scratch, n, 0.25);
    case JS_DISP_THEIL_T: return disp_theil(y, p, n, 0, why);
    case JS_DISP_THEIL_L: return disp_theil(y, p, n, 1, why);
    case JS_DISP_GINI: return disp_gini(y, p, n, why);
    }
    return (double)NAN;
}

/* Merge the runs order[a..m) and order[m..b) into tmp, the higher y first
 * (equal values keep their order: a stable sort). */
static void rank_merge(const double *y, const size_t *order, size_t a, size_t m, size_t b, size_t *tmp)
{
    size_t i = a, j = m, k = a;
    while (i < m && j < b)
        tmp[k++] = y[order[j]] > y[order[i]] ? order[j++] : order[i++];
    while (i < m)
        tmp[k++] = order[i++];
    while (j < b)
        tmp[k++] = order[j++];
}

void js_rank_desc(const double *y, size_t n, size_t *order, double *rank)
{
    size_t *a = order, *b = order + n;
    for (size_t i = 0; i < n; i++)
        a[i] = i;
    for (size_t w = 1; w < n; w *= 2) { /* bottom-up merge sort of the indices */
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            const size_t m = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            rank_merge(y, a, lo, m, hi, b);
        }
        size_t *const t = a;
        a = b;
        b = t;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && !(y[a[j]] < y[a[i]]) && !(y[a[j]] > y[a[i]]))
            j++;
        const double avg = ((double)(i + 1) + (double)j) / 2; /* positions i+1 .. j */
        for (size_t k = i; k < j; k++)
            rank[a[k]] = avg;
        i = j;
    }
}
