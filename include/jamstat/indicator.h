/*
 * indicator.h - selections, aggregation and the indicator kinds.
 *
 * An indicator takes cubes and gives a result cube whose dimensions are its
 * "by" dimensions.  Every result cell carries flags (JS_FLAG_*): a missing or
 * suppressed input makes the result missing, a zero denominator makes it NaN,
 * a small count is flagged.
 *
 * Selections use one syntax everywhere:  dimension:value[,value...]  with
 * several separated by white space, e.g. "year:2015 region:10 age:65-".
 * Age values are intervals: "20-64", "65-" (65 and over), "-19", "0".
 * Sex values are any spelling js_harm_sex understands.  Other values match a
 * category code or label.
 */
#ifndef JAMSTAT_INDICATOR_H
#define JAMSTAT_INDICATOR_H

#include <stddef.h>

#include "jamstat/cube.h"
#include "jamstat/diag.h"
#include "jamstat/status.h"

/* ---- Aggregation ----------------------------------------------------------- */

/* Sum the cube over every dimension not in by, restricted by the selection
 * text sel (may be NULL or "").  A dimension that is neither in by nor
 * selected contributes its total category when it has one, else the sum of
 * all its categories; a time or contents dimension with several categories
 * must be selected or kept (an error otherwise).  Kept dimensions keep their
 * selected categories.  what names the caller in messages.  Caller owns
 * *out. */
js_status js_aggregate(const js_cube *c, const char *sel, const char *const *by, size_t n_by,
                       const char *what, js_cube **out, js_diag *d);

/* Aggregates shared between indicators: many indicators of one analysis
 * need the same sums (every share of the population divides by the same
 * total), so a cache computes each once.  Keyed by the data cube, the
 * selection text and the by list; it owns the cubes it returns. */
typedef struct js_agg_cache js_agg_cache;
js_agg_cache *js_agg_cache_alloc(void);
void js_agg_cache_free(js_agg_cache *cache); /* NULL is a no-op */

/* js_aggregate through the cache (cache may be NULL: then *owned is the
 * result the caller frees).  *out is the result either way (borrowed from
 * the cache when *owned is NULL). */
js_status js_aggregate_cached(js_agg_cache *cache, const js_cube *c, const char *sel,
                              const char *const *by, size_t n_by, const char *what,
                              const js_cube **out, js_cube **owned, js_diag *d);

/* ---- Indicator kinds ---------------------------------------------------------- */

/* The indicator catalogue, generated from src/indic/indicators.def. */
typedef enum js_indicator_kind {
#define JS_INDICATOR(id, name, unit, doc, doc_sv) JS_IND_##id,
#include "jamstat/indicators.def"
#undef JS_INDICATOR
    JS_IND_COUNT_
} js_indicator_kind;

const char *js_indicator_kind_name(js_indicator_kind k);
const char *js_indicator_kind_unit(js_indicator_kind k);
const char *js_indicator_kind_doc(js_indicator_kind k);
const char *js_indicator_kind_doc_sv(js_indicator_kind k); /* the same in Swedish */
int js_indicator_kind_parse(const char *s, js_indicator_kind *out); /* 1 on success */

/* Everything an indicator section of the analysis file can say. */
typedef struct js_indicator_spec {
    const char *id;           /* section name */
    js_indicator_kind kind;
    const char *where;        /* selection applied to every input */
    const char *part;         /* share: the part within its total */
    const char *numerator;    /* ratio: selections */
    const char *denominator;
    const char *const *by;    /* result dimensions */
    size_t n_by;
    double scale;             /* ratio: multiplier (default 1; shares are ×100) */
    const char *bands;        /* age_distribution: "0-19,20-64,65-"; NULL = the data's classes */
    int percent;              /* age_distribution: percent of the total instead of counts */
    const char *convention;   /* dependency: "swedish" (0-19/20-64/65+) or "eurostat" (0-14/15-64/65+) */
    const char *variant;      /* dependency: "young", "old", "total"; gap: "difference" or "ratio" */
    double small_n;           /* counts below this are flagged small (default 5) */
    double open_mean;         /* mean_age: assumed mean age in the open class; NaN = lo + 0.5 */
    js_agg_cache *cache;      /* shared aggregates, or NULL */
    int project_to;           /* trend: the last year to project to (0: the last observed) */
    int fit_from;             /* trend: the first year in the fit (0: all) */
} js_indicator_spec;

/* Defaults: scale 1, small_n 5, convention swedish, variant old/difference. */
void js_indicator_spec_init(js_indicator_spec *s);

/* Compute an indicator on a data cube.  For JS_IND_gap the input is the
 * result of another indicator (or a data cube) with a sex dimension.
 * Caller owns *out. */
js_status js_indicator_compute(const js_indicator_spec *s, const js_cube *data, js_cube **out,
                               js_diag *d);

/* ---- Formulas on arrays (used by the kinds; exposed for tests) -------------------- */

/* Median of a frequency table of classes [lo[k], hi[k]) with counts f[k],
 * sorted by lo, contiguous, uniform spread within a class (METHODS 1.3).
 * Returns NaN when the total is 0; *open_class is set when the median falls
 * in an open class (then the class start is returned). */
double js_median_grouped(const double *lo, const double *hi, const double *f, size_t n,
                         int *open_class);

/* Mean of a frequency table, class mid-points, open class at open_mean
 * (NaN: its start + 0.5). */
double js_mean_grouped(const double *lo, const double *hi, const double *f, size_t n,
                       double open_mean);

/* Ordinary least squares y = c0 + c1 u over u = x - x0 (METHODS 9.1),
 * with GSL's covariance (scaled by the residual variance). */
typedef struct js_ols {
    double x0;                /* the centring: u = x - x0 */
    double c0, c1;            /* intercept at x0, slope per unit of x */
    double cov00, cov01, cov11;
    double sumsq;             /* residual sum of squares */
    size_t n;                 /* points used (>= 3 for intervals) */
} js_ols;

/* Fit n points (n >= 2; the x values must not all be equal). */
js_status js_ols_fit(const double *x, const double *y, size_t n, js_ols *fit);

/* The fitted value at x with the 1 - alpha interval of the trend value
 * (ci_*) and the prediction interval (pi_*); intervals NaN when n < 3. */
void js_ols_predict(const js_ols *fit, double x, double alpha, double *yhat, double *ci_lo,
                    double *ci_hi, double *pi_lo, double *pi_hi);

/* Wilson score interval for x successes out of n at level 1 - alpha. */
js_status js_wilson(double x, double n, double alpha, double *lo, double *hi);

#endif
