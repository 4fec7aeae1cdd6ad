/*
 * lifetable.h - the period life table on plain arrays (METHODS 2), and the
 * normal quantile it and the other demographic kinds need (internal).
 *
 * A table is built from deaths D and person-years E per age class (any
 * contiguous classes, single years or abridged, the last one open):
 *
 *     m = D / E;  a_0 by Andreev-Kingkade (HMD v6) by sex, or given;
 *     a = n / 2 elsewhere, 1 / m in the open class;
 *     q = n m / (1 + (n - a) m), capped at 1;  l_0 = 100 000;
 *     L = n l' + a d;  L_open = l / m;  T = sum L;  e = T / l;
 *     Var(e_x) by Chiang, with Silcocks' term for the open class (default).
 *
 * Nothing here reads a cube or writes a message: the caller names the
 * region, year and sex of a table that cannot be built from the status and
 * the class index it gets back.
 */
#ifndef JAMSTAT_STATS_LIFETABLE_H
#define JAMSTAT_STATS_LIFETABLE_H

#include <stddef.h>

#include "jamstat/cube.h"

/* Why a table could not be built (js_lt_build's result). */
typedef enum js_lt_status {
    JS_LT_OK = 0,
    JS_LT_NEGATIVE = 1,          /* a negative or non-finite count at *bad */
    JS_LT_EXPOSURE_ZERO = 2,     /* no person-years at *bad (PHE refuses the table) */
    JS_LT_DEATHS_NO_EXPOSURE = 3,/* deaths but no person-years at *bad */
    JS_LT_OPEN_NO_DEATHS = 4,    /* no deaths in the open class: L = l / m is infinite */
    JS_LT_BAD_CLASSES = 5        /* classes not contiguous from 0, or the last not open */
} js_lt_status;

typedef enum js_lt_variance {
    JS_LT_SILCOCKS = 0, /* Chiang plus Var(1/m) of the open class (Silcocks et al. 2001; PHE) */
    JS_LT_CHIANG = 1    /* classic Chiang: the open class contributes nothing */
} js_lt_variance;

typedef struct js_lt_opts {
    js_sex sex;               /* a_0 rule: women's or men's; total: their mean weighted 1 : 1.05 */
    double a0;                /* a_0 in years when given (PHE: 0.1); NaN: Andreev-Kingkade */
    js_lt_variance variance;
} js_lt_opts;

/* One age class of a built table. */
typedef struct js_lt_row {
    double m, a, q; /* central death rate, years lived by those who die, probability of dying */
    double l, d, L; /* survivors at the start (radix 100 000), deaths, person-years lived */
    double T, e;    /* person-years from here on; life expectancy at the start of the class */
    double var_e;   /* variance of e (NaN where e is undefined) */
} js_lt_row;

/* Build the table of n classes [age[k], age[k] + width[k]) (width of the
 * last INFINITY) from deaths[k] and exposure[k]; ax (may be NULL; NaN
 * entries: the rule) gives a_x in years.  rows: n entries, filled on
 * JS_LT_OK.  On another status *bad is the class at fault.  *closed_at
 * (may be NULL) is the first class whose q was capped at 1 (n: none):
 * e is undefined (NaN) after it. */
js_lt_status js_lt_build(const double *age, const double *width, const double *deaths,
                         const double *exposure, const double *ax, size_t n, const js_lt_opts *o,
                         js_lt_row *rows, size_t *bad, size_t *closed_at);

/* The Andreev-Kingkade a_0 for an infant death rate m0 (HMD Methods
 * Protocol v6, in m0; METHODS 2.3), women or men; total: the mean of the
 * two weighted by the sex ratio at birth 1.05 (DemoTools). */
double js_lt_a0_ak(double m0, js_sex sex);

/* Standard normal quantile: z for a two-sided 1 - alpha interval is
 * js_normal_quantile(1 - alpha / 2).  (stats_gsl.c) */
double js_normal_quantile(double p);

#endif
