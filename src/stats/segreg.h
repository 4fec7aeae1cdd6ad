/*
 * segreg.h - segregation indices of women and men over the categories of a
 * classification (METHODS 7), their multinomial bootstrap (METHODS 12),
 * and the two-sample intervals and tests of shares of counts (METHODS 5.4,
 * 5.5, 5.7) that the equality kinds use (internal).
 *
 * The indices take f[i], m[i]: women and men in category i of k, counts
 * >= 0 with no missing value (the caller has decided what a missing or
 * excluded category means).  A category with f[i] + m[i] = 0 is left out
 * (it adds nothing to D or IP and would make D_s undefined).  They return
 * a proportion (0..1) or NaN when there are no women or no men.
 */
#ifndef JAMSTAT_STATS_SEGREG_H
#define JAMSTAT_STATS_SEGREG_H

#include <stddef.h>
#include <stdint.h>

#include "jamstat/status.h"

/* ---- indices ------------------------------------------------------------------- */

/* Which index js_seg_index computes. */
typedef enum js_seg_kind {
    JS_SEG_DUNCAN = 0,       /* D = 1/2 sum |f_i/F - m_i/M| */
    JS_SEG_KARMEL = 1,       /* IP = (1/T) sum |f_i - a t_i|, a = F/T (= 2a(1-a)D) */
    JS_SEG_STANDARDISED = 2, /* D_s on the categories' shares f_i/t_i, m_i/t_i (Gibbs) */
    JS_SEG_BALANCED = 3,     /* share of persons (of sex) in categories whose share of women
                                lies in [lo, hi] */
    /* on two categories, the part (0) and the rest (1) of a population: */
    JS_SEG_REPRESENTATION = 4, /* (f_0/t_0) / (F/T): women's share of the part over their share
                                  of the whole (METHODS 6.1 RI); whom = MEN: men's */
    JS_SEG_PARITY_RATIO = 5,   /* min(f_0, m_0) / max(f_0, m_0) */
    JS_SEG_MINORITY_SHARE = 6  /* min(f_0, m_0) / t_0 / 0.5: the smaller sex's share of the part
                                  over parity */
} js_seg_kind;

/* What a balanced share counts. */
typedef enum js_seg_whom { JS_SEG_ALL = 0, JS_SEG_WOMEN = 1, JS_SEG_MEN = 2 } js_seg_whom;

typedef struct js_seg_spec {
    js_seg_kind kind;
    double lo, hi;    /* BALANCED: the band of the share of women, proportions, inclusive */
    js_seg_whom whom; /* BALANCED: whose share */
    int cls;          /* BALANCED: the class counted (js_seg_balance_class): 0 balanced (the
                         default), 1 female-dominated, -1 male-dominated */
} js_seg_spec;

/* The index of spec on f, m (k categories); NaN when F = 0 or M = 0 (for
 * BALANCED: when the counted total is 0). */
double js_seg_index(const js_seg_spec *spec, const double *f, const double *m, size_t k);

/* The balance class of a category with f women of t persons: -1 when
 * f/t < lo (men dominate), 1 when f/t > hi (women dominate), 0 in [lo, hi]
 * (endpoints included; unrounded shares: 39.99 % is not balanced); 2 when
 * t = 0. */
int js_seg_balance_class(double f, double t, double lo, double hi);

/* ---- bootstrap ----------------------------------------------------------------- */

/* The bootstrap of an index (METHODS 12, as elbersb/segregation): reps
 * tables of N = round(F + M) persons drawn from the multinomial with the
 * observed cells' shares (gsl_ran_multinomial, mt19937 seeded with seed),
 * the index of each; with the debiased replicates 2 est - est*_b:
 *   est     the index on the observed table
 *   bc      the bias-corrected estimate 2 est - mean(est*)
 *   lo, hi  the (1-level)/2 and (1+level)/2 quantiles of the debiased
 *           replicates (= 2 est - the replicates' upper and lower quantiles)
 *   se      the replicates' standard deviation
 * Replicates with no women or no men (tiny tables) are dropped; *used
 * says how many remain (no interval below 2).  JS_ENOMEM when memory or
 * the generator cannot be had. */
typedef struct js_seg_boot {
    double est, bc, lo, hi, se;
    size_t used;
} js_seg_boot;

js_status js_seg_bootstrap(const js_seg_spec *spec, const double *f, const double *m, size_t k,
                           size_t reps, uint64_t seed, double level, js_seg_boot *out);

/* The bootstrap of n_spec indices on the same replicate tables (out[i]
 * for spec[i]): each replicate is drawn once and every index computed on
 * it, so that the shares of the three balance classes of one replicate
 * add up to 1, as the observed ones do, and the draws cost no more than
 * for one index.  out[i] equals js_seg_bootstrap(&spec[i], ...) with the
 * same seed. */
js_status js_seg_bootstrap_n(const js_seg_spec *spec, size_t n_spec, const double *f, const double *m,
                             size_t k, size_t reps, uint64_t seed, double level, js_seg_boot *out);

/* ---- sex x category -------------------------------------------------------------- */

/* Pearson's chi-square test of independence of sex and category on the
 * 2 x k table f, m (METHODS 5.6): categories with nobody dropped first.
 * *x2 the statistic, *df = (k' - 1) for the k' categories kept, *v
 * Cramer's V = sqrt(X2 / N), *e_min the smallest expected count; returns
 * the p value (gsl_cdf_chisq_Q), NaN when fewer than 2 categories or no
 * women or no men remain. */
double js_chisq_sex(const double *f, const double *m, size_t k, double *x2, double *df, double *v,
                    double *e_min);

/* The Monte-Carlo p value of the same test: reps tables drawn under
 * independence with the categories' totals fixed (each category's women
 * binomial in its total with the overall share of women: gsl_ran_binomial
 * takes constant time, where drawing with both margins fixed takes time in
 * proportion to the persons), p = (1 + tables with X2 at least the
 * observed) / (reps + 1) as R's chisq.test.  Whole counts. */
double js_chisq_sex_mc(const double *f, const double *m, size_t k, size_t reps, uint64_t seed);

/* ---- two shares of counts ------------------------------------------------------- */

/* Newcombe's hybrid score interval (method 10) for p1 - p2, p1 = x1/n1,
 * p2 = x2/n2, from the Wilson intervals at level 1 - alpha, truncated to
 * [-1, 1] (METHODS 5.4).  NaN when n1 or n2 is 0. */
void js_newcombe(double x1, double n1, double x2, double n2, double alpha, double *lo, double *hi);

/* The log interval of the ratio (x1/n1) / (x2/n2): ratio * exp(-/+ z se)
 * with se = sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2) for two proportions (Katz),
 * sqrt(1/x1 + 1/x2) for two rates per n person-years (proportions = 0;
 * METHODS 5.7).  NaN when x1 or x2 is 0. */
void js_ratio_log_interval(double x1, double n1, double x2, double n2, double alpha, int proportions,
                           double *lo, double *hi);

/* The pooled two-proportion z test (METHODS 5.5): its two-sided p, and z
 * into *z (may be NULL).  NaN when the pooled share is 0 or 1. */
double js_two_prop_z(double x1, double n1, double x2, double n2, double *z);

/* Fisher's exact test of x1 of n1 against x2 of n2 (whole counts, n1 + n2
 * below 4e9): the two-sided p, the tables with the same margins at most as
 * probable as the observed one, summed (R's fisher.test). */
double js_fisher_exact(double x1, double n1, double x2, double n2);

/* The p value of the difference of two proportions: the z test, or
 * Fisher's exact test when an expected count is below 5 (*exact = 1).  NaN
 * when the pooled share is 0 or 1. */
double js_two_prop_p(double x1, double n1, double x2, double n2, int *exact);

#endif
