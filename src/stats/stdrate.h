/*
 * stdrate.h - age-standardised rates on plain arrays (METHODS 4.2, 4.3,
 * 5.3; internal): the directly standardised rate with Dobson's interval on
 * Byar's or exact Poisson limits, and the standardised mortality ratio.
 */
#ifndef JAMSTAT_STATS_STDRATE_H
#define JAMSTAT_STATS_STDRATE_H

#include <stddef.h>

/* Byar's approximate limits for a Poisson count o > 0 (METHODS 4.2):
 * o (1 - 1/(9o) - z/(3 sqrt o))^3 and (o+1) (1 - 1/(9(o+1)) + z/(3 sqrt(o+1)))^3. */
void js_byar_limits(double o, double z, double *lo, double *hi);

/* Exact (chi-square) limits for a Poisson count o >= 0 at level 1 - alpha:
 * chisq_inv(alpha/2, 2o)/2 (0 when o = 0) and chisq_inv(1 - alpha/2, 2o+2)/2.
 * (stats_gsl.c) */
void js_poisson_exact_limits(double o, double alpha, double *lo, double *hi);

/* The directly standardised rate per person-year of n strata: events d[i],
 * population p[i] > 0, standard weights s[i] >= 0 (any sum); its variance
 * V = sum w^2 d / p^2 with w = s / sum s; and o = sum d. */
void js_dsr(const double *d, const double *p, const double *s, size_t n, double *dsr, double *var,
            double *o);

/* Dobson et al.'s interval of a DSR from the limits (o_lo, o_hi) of its
 * count o > 0: DSR + sqrt(V / o) (o_lim - o). */
void js_dobson(double dsr, double var, double o, double o_lo, double o_hi, double *lo, double *hi);

#endif
