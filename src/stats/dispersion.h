/*
 * dispersion.h - how far apart a set of regions are (METHODS 8; internal):
 * the coefficient of variation (plain and population-weighted), max/min,
 * range, interquartile range, Theil's T, the mean log deviation (Theil's
 * L) and the Gini coefficient, and ranks with ties, on plain arrays.
 *
 * Theil's T and the mean log deviation are two different members of the
 * generalised entropy family, often confused:
 *     T = sum (p_i/P) (y_i/m) ln(y_i/m)      (GE(1): weights by income share)
 *     L = sum (p_i/P) ln(m/y_i)              (GE(0): weights by population share)
 * with m the (weighted) mean.  Both need every y_i > 0.
 */
#ifndef JAMSTAT_STATS_DISPERSION_H
#define JAMSTAT_STATS_DISPERSION_H

#include <stddef.h>

typedef enum js_disp_stat {
    JS_DISP_CV = 0,          /* s / mean, s with n - 1 */
    JS_DISP_CV_WEIGHTED = 1, /* s_w / mean_w, s_w with sum p as divisor (not gsl_stats_wsd) */
    JS_DISP_MAX_MIN = 2,     /* max / min */
    JS_DISP_RANGE = 3,       /* max - min */
    JS_DISP_IQR = 4,         /* Q3 - Q1, quantiles as R's type 7 (GSL's) */
    JS_DISP_THEIL_T = 5,
    JS_DISP_THEIL_L = 6,     /* mean log deviation */
    JS_DISP_GINI = 7         /* sum sum p_i p_j |y_i - y_j| / (2 P^2 mean_w) */
} js_disp_stat;

/* Why a statistic has no value. */
typedef enum js_disp_why {
    JS_DISP_OK = 0,
    JS_DISP_TOO_FEW = 1,     /* fewer than 2 values (cv, iqr...) or none */
    JS_DISP_ZERO_MEAN = 2,   /* the mean or the minimum is 0: a division by zero */
    JS_DISP_NONPOSITIVE = 3, /* a value <= 0 where logarithms need y > 0 (Theil) */
    JS_DISP_NO_WEIGHTS = 4   /* cv_weighted without weights, or weights summing to <= 0 */
} js_disp_why;

/* The statistic st of y[0..n-1] with weights p (NULL: all 1; cv_weighted
 * needs them).  scratch holds n doubles (the IQR sorts a copy there).
 * Returns NaN with *why set when the statistic is undefined. */
double js_dispersion(js_disp_stat st, const double *y, const double *p, size_t n, double *scratch,
                     js_disp_why *why);

/* Ranks of y[0..n-1], 1 = the highest, ties get the average of the ranks
 * they span (METHODS 8: 5 7 7 3 -> 3 1.5 1.5 4).  order is scratch of
 * 2n size_t; rank receives n values.  A NaN y must not be passed. */
void js_rank_desc(const double *y, size_t n, size_t *order, double *rank);

#endif
