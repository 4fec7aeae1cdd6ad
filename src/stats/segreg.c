/*
 * segreg.c - segregation indices, their multinomial bootstrap, and the
 * two-proportion interval and tests (segreg.h; METHODS 5.4-5.7, 7, 12).
 *
 * Besides stats_gsl.c this is the one file that includes GSL: the
 * bootstrap needs its random number generators and the exact test its
 * hypergeometric density, and keeping them beside the index they resample
 * keeps the replicate loop free of calls across files.
 *
 * The bootstrap follows elbersb/segregation (R): the whole sex x category
 * table of N persons is redrawn from one multinomial with the observed
 * cells' shares, so that both the category totals and the share of women
 * vary, as they would when the same process ran again.  Each result cell
 * gets its own generator seeded from the analysis' seed and the cell, so a
 * value does not depend on which other cells were computed or in what
 * order.
 */
#include "stats/segreg.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

#include "core/alloc.h"
#include "jamstat/indicator.h"

/* ---- indices ------------------------------------------------------------------- */

static double seg_duncan(const double *f, const double *m, size_t k, double F, double M)
{
    double sum = 0;
    for (size_t i = 0; i < k; i++)
        sum += fabs(f[i] / F - m[i] / M);
    return sum / 2;
}

static double seg_karmel(const double *f, const double *m, size_t k, double F, double M)
{
    const double T = F + M, a = F / T;
    double sum = 0;
    for (size_t i = 0; i < k; i++)
        sum += fabs(f[i] - a * (f[i] + m[i]));
    return sum / T;
}

/* D on the shares within each category, each sex's shares normalised to 1:
 * as if every category were of the same size. */
static double seg_standardised(const double *f, const double *m, size_t k)
{
    double sf = 0, sm = 0;
    for (size_t i = 0; i < k; i++) {
        const double t = f[i] + m[i];
        if (t > 0) {
            sf += f[i] / t;
            sm += m[i] / t;
        }
    }
    if (!(sf > 0) || !(sm > 0))
        return (double)NAN;
    double sum = 0;
    for (size_t i = 0; i < k; i++) {
        const double t = f[i] + m[i];
        if (t > 0)
            sum += fabs(f[i] / t / sf - m[i] / t / sm);
    }
    return sum / 2;
}

int js_seg_balance_class(double f, double t, double lo, double hi)
{
    if (!(t > 0))
        return 2;
    const double p = f / t;
    return p < lo ? -1 : p > hi ? 1 : 0;
}

static double seg_balanced(const js_seg_spec *spec, const double *f, const double *m, size_t k)
{
    double in = 0, all = 0;
    for (size_t i = 0; i < k; i++) {
        const double t = f[i] + m[i];
        const double w = spec->whom == JS_SEG_WOMEN ? f[i] : spec->whom == JS_SEG_MEN ? m[i] : t;
        all += w;
        if (t > 0 && js_seg_balance_class(f[i], t, spec->lo, spec->hi) == spec->cls)
            in += w;
    }
    return all > 0 ? in / all : (double)NAN;
}

/* The part (category 0) against the whole of a two-category table. */
static double seg_part(const js_seg_spec *spec, const double *f, const double *m)
{
    const double t0 = f[0] + m[0], F = f[0] + f[1], M = m[0] + m[1], T = F + M;
    if (!(t0 > 0) || !(T > 0))
        return (double)NAN;
    if (spec->kind == JS_SEG_REPRESENTATION) {
        const double mine0 = spec->whom == JS_SEG_MEN ? m[0] : f[0];
        const double mine = spec->whom == JS_SEG_MEN ? M : F;
        return mine > 0 ? (mine0 / t0) / (mine / T) : (double)NAN;
    }
    const double lo = fmin(f[0], m[0]), hi = fmax(f[0], m[0]);
    return spec->kind == JS_SEG_PARITY_RATIO ? lo / hi : lo / t0 / 0.5;
}

double js_seg_index(const js_seg_spec *spec, const double *f, const double *m, size_t k)
{
    if (spec->kind == JS_SEG_BALANCED)
        return seg_balanced(spec, f, m, k);
    if (spec->kind >= JS_SEG_REPRESENTATION)
        return k == 2 ? seg_part(spec, f, m) : (double)NAN;
    double F = 0, M = 0;
    for (size_t i = 0; i < k; i++) {
        F += f[i];
        M += m[i];
    }
    if (!(F > 0) || !(M > 0))
        return (double)NAN;
    switch (spec->kind) {
    case JS_SEG_DUNCAN: return seg_duncan(f, m, k, F, M);
    case JS_SEG_KARMEL: return seg_karmel(f, m, k, F, M);
    case JS_SEG_STANDARDISED: return seg_standardised(f, m, k);
    case JS_SEG_BALANCED:
    case JS_SEG_REPRESENTATION:
    case JS_SEG_PARITY_RATIO:
    case JS_SEG_MINORITY_SHARE: break;
    }
    return (double)NAN;
}

/* ---- bootstrap ----------------------------------------------------------------- */

/* splitmix64's finaliser: a seed per cell that differs in every bit from
 * its neighbours' (mt19937 takes an unsigned long). */
static unsigned long seg_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return (unsigned long)(x ^ (x >> 31));
}

/* reps replicates of every spec's index: rep[i * reps + b] for spec i;
 * used[i] gets how many of spec i's had a value (they come first). */
static void seg_replicates(const js_seg_spec *spec, size_t n_spec, const double *f, const double *m,
                           size_t k, size_t reps, gsl_rng *rng, double *p, unsigned *draw, double *fb,
                           double *mb, double *rep, size_t *used)
{
    double total = 0;
    for (size_t i = 0; i < k; i++)
        total += f[i] + m[i];
    for (size_t i = 0; i < k; i++) {
        p[2 * i] = f[i] / total;
        p[2 * i + 1] = m[i] / total;
    }
    const unsigned n = (unsigned)llround(total); /* the caller checked it fits */
    for (size_t i = 0; i < n_spec; i++)
        used[i] = 0;
    for (size_t b = 0; b < reps; b++) {
        gsl_ran_multinomial(rng, 2 * k, n, p, draw);
        for (size_t i = 0; i < k; i++) {
            fb[i] = draw[2 * i];
            mb[i] = draw[2 * i + 1];
        }
        for (size_t i = 0; i < n_spec; i++) {
            const double v = js_seg_index(&spec[i], fb, mb, k);
            if (!isnan(v))
                rep[i * reps + used[i]++] = v;
        }
    }
}

/* The estimate, bias-corrected estimate, interval and standard error from
 * used debiased replicates rep[] (sorted here). */
static void seg_summary(double *rep, size_t used, double level, js_seg_boot *out)
{
    out->used = used;
    if (used < 2)
        return;
    for (size_t b = 0; b < used; b++)
        rep[b] = 2 * out->est - rep[b]; /* debiased */
    out->bc = gsl_stats_mean(rep, 1, used);
    out->se = gsl_stats_sd(rep, 1, used);
    gsl_sort(rep, 1, used);
    out->lo = gsl_stats_quantile_from_sorted_data(rep, 1, used, (1 - level) / 2);
    out->hi = gsl_stats_quantile_from_sorted_data(rep, 1, used, (1 + level) / 2);
}

js_status js_seg_bootstrap_n(const js_seg_spec *spec, size_t n_spec, const double *f, const double *m,
                             size_t k, size_t reps, uint64_t seed, double level, js_seg_boot *out)
{
    int any = 0;
    for (size_t i = 0; i < n_spec; i++) {
        out[i].est = js_seg_index(&spec[i], f, m, k);
        out[i].bc = out[i].lo = out[i].hi = out[i].se = (double)NAN;
        out[i].used = 0;
        any |= !isnan(out[i].est);
    }
    double total = 0;
    for (size_t i = 0; i < k; i++)
        total += f[i] + m[i];
    if (!any || reps < 2 || !(total >= 1) || total > 4e9 || n_spec == 0 || reps > SIZE_MAX / n_spec)
        return JS_OK; /* no table to redraw, or more persons than an unsigned draw holds */
    double *const p = js_calloc(2 * k, sizeof *p), *const fb = js_calloc(2 * k, sizeof *fb);
    double *const rep = js_calloc(reps * n_spec, sizeof *rep);
    unsigned *const draw = js_calloc(2 * k, sizeof *draw);
    size_t *const used = js_calloc(n_spec, sizeof *used);
    gsl_rng *const rng = gsl_rng_alloc(gsl_rng_mt19937);
    js_status st = p && fb && rep && draw && used && rng ? JS_OK : JS_ENOMEM;
    if (st == JS_OK) {
        gsl_rng_set(rng, seg_mix(seed));
        seg_replicates(spec, n_spec, f, m, k, reps, rng, p, draw, fb, fb + k, rep, used);
        for (size_t i = 0; i < n_spec; i++)
            if (!isnan(out[i].est))
                seg_summary(rep + i * reps, used[i], level, &out[i]);
    }
    gsl_rng_free(rng);
    js_free(used);
    js_free(draw);
    js_free(rep);
    js_free(fb);
    js_free(p);
    return st;
}

js_status js_seg_bootstrap(const js_seg_spec *spec, const double *f, const double *m, size_t k,
                           size_t reps, uint64_t seed, double level, js_seg_boot *out)
{
    return js_seg_bootstrap_n(spec, 1, f, m, k, reps, seed, level, out);
}

/* ---- sex x category -------------------------------------------------------------- */

/* X2 of the 2 x k table over the categories with persons; their number. */
static double seg_x2(const double *f, const double *m, size_t k, double F, double M, size_t *kept,
                     double *e_min)
{
    const double N = F + M;
    double x2 = 0;
    *kept = 0;
    *e_min = HUGE_VAL;
    for (size_t i = 0; i < k; i++) {
        const double t = f[i] + m[i];
        if (!(t > 0))
            continue;
        const double ef = t * F / N, em = t * M / N;
        x2 += (f[i] - ef) * (f[i] - ef) / ef + (m[i] - em) * (m[i] - em) / em;
        *e_min = fmin(*e_min, fmin(ef, em));
        (*kept)++;
    }
    return x2;
}

double js_chisq_sex(const double *f, const double *m, size_t k, double *x2, double *df, double *v,
                    double *e_min)
{
    double F = 0, M = 0;
    for (size_t i = 0; i < k; i++) {
        F += f[i];
        M += m[i];
    }
    *x2 = *df = *v = *e_min = (double)NAN;
    if (!(F > 0) || !(M > 0))
        return (double)NAN;
    size_t kept;
    const double x = seg_x2(f, m, k, F, M, &kept, e_min);
    if (kept < 2)
        return (double)NAN;
    *x2 = x;
    *df = (double)(kept - 1);
    *v = sqrt(x / (F + M)); /* min(r, c) - 1 = 1 with two sexes */
    return gsl_cdf_chisq_Q(x, *df);
}

/* X2 of a 2 x k table from the women f[i] of categories of t[i] persons
 * (inv_t[i] = 1 / t[i], 0 for an empty one), F women of N: with m_i = t_i -
 * f_i each category's two terms are equal but for their expected counts,
 * and sum (f_i - t_i F/N)^2 / t_i = sum f_i^2 / t_i - F^2 / N, so
 * X2 = N^2 / (F M) (sum f_i^2 / t_i - F^2 / N) - one multiply-add a
 * category, which is what a Monte-Carlo replicate costs. */
static double seg_x2_fixed(const double *f, const double *inv_t, size_t k, double F, double N)
{
    double q = 0;
    for (size_t i = 0; i < k; i++)
        q += f[i] * f[i] * inv_t[i];
    const double M = N - F;
    return N * N / (F * M) * (q - F * F / N);
}

double js_chisq_sex_mc(const double *f, const double *m, size_t k, size_t reps, uint64_t seed)
{
    double F = 0, M = 0;
    for (size_t i = 0; i < k; i++) {
        F += f[i];
        M += m[i];
    }
    if (!(F > 0) || !(M > 0) || F + M > 4e9 || reps < 1)
        return (double)NAN;
    size_t kept = 0;
    for (size_t i = 0; i < k; i++)
        kept += f[i] + m[i] > 0;
    const double N = F + M, share = F / N;
    double *const fb = js_calloc(2 * k + 1, sizeof *fb), *const inv_t = fb + k;
    unsigned *const t = js_calloc(k + 1, sizeof *t);
    gsl_rng *const rng = gsl_rng_alloc(gsl_rng_mt19937);
    double p = (double)NAN;
    if (fb != NULL && t != NULL && rng != NULL && kept >= 2) {
        for (size_t i = 0; i < k; i++) {
            t[i] = (unsigned)llround(f[i] + m[i]);
            inv_t[i] = t[i] > 0 ? 1.0 / t[i] : 0.0;
        }
        const double x_obs = seg_x2_fixed(f, inv_t, k, F, N);
        gsl_rng_set(rng, seg_mix(seed));
        size_t hits = 0;
        for (size_t b = 0; b < reps; b++) {
            /* under independence: each category's women binomial in its total */
            double Fb = 0;
            for (size_t i = 0; i < k; i++) {
                fb[i] = t[i] > 0 ? gsl_ran_binomial(rng, share, t[i]) : 0;
                Fb += fb[i];
            }
            const double x2 = Fb > 0 && Fb < N ? seg_x2_fixed(fb, inv_t, k, Fb, N) : 0;
            if (x2 >= x_obs * (1 - 1e-7)) /* R's tolerance for a tie with the observed */
                hits++;
        }
        p = (1 + (double)hits) / ((double)reps + 1);
    }
    gsl_rng_free(rng);
    js_free(t);
    js_free(fb);
    return p;
}

/* ---- two shares of counts ------------------------------------------------------- */

void js_newcombe(double x1, double n1, double x2, double n2, double alpha, double *lo, double *hi)
{
    double l1, u1, l2, u2;
    *lo = *hi = (double)NAN;
    if (!(n1 > 0) || !(n2 > 0))
        return;
    (void)js_wilson(x1, n1, alpha, &l1, &u1);
    (void)js_wilson(x2, n2, alpha, &l2, &u2);
    if (isnan(l1) || isnan(l2))
        return;
    const double p1 = x1 / n1, p2 = x2 / n2, d = p1 - p2;
    *lo = fmax(-1, d - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)));
    *hi = fmin(1, d + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)));
}

void js_ratio_log_interval(double x1, double n1, double x2, double n2, double alpha, int proportions,
                           double *lo, double *hi)
{
    *lo = *hi = (double)NAN;
    if (!(x1 > 0) || !(x2 > 0) || !(n1 > 0) || !(n2 > 0) || !(alpha > 0 && alpha < 1))
        return;
    if (proportions && (x1 > n1 || x2 > n2))
        return;
    const double r = (x1 / n1) / (x2 / n2);
    const double v = 1 / x1 + 1 / x2 - (proportions ? 1 / n1 + 1 / n2 : 0);
    const double se = sqrt(fmax(0, v));
    const double z = gsl_cdf_ugaussian_Pinv(1 - alpha / 2);
    *lo = r * exp(-z * se);
    *hi = r * exp(z * se);
}

double js_two_prop_z(double x1, double n1, double x2, double n2, double *z)
{
    if (z != NULL)
        *z = (double)NAN;
    if (!(n1 > 0) || !(n2 > 0))
        return (double)NAN;
    const double pool = (x1 + x2) / (n1 + n2);
    if (!(pool > 0) || !(pool < 1))
        return (double)NAN;
    const double zz = (x1 / n1 - x2 / n2) / sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2));
    if (z != NULL)
        *z = zz;
    return 2 * gsl_cdf_ugaussian_Q(fabs(zz));
}

double js_fisher_exact(double x1, double n1, double x2, double n2)
{
    if (!(x1 >= 0) || !(x2 >= 0) || x1 > n1 || x2 > n2 || !(n1 + n2 < 4e9))
        return (double)NAN;
    const unsigned a = (unsigned)llround(x1), na = (unsigned)llround(n1);
    const unsigned b = (unsigned)llround(x2), nb = (unsigned)llround(n2);
    const unsigned s = a + b;
    const unsigned from = s > nb ? s - nb : 0, to = s < na ? s : na;
    const double p_obs = gsl_ran_hypergeometric_pdf(a, na, nb, s);
    double p = 0;
    for (unsigned x = from; x <= to; x++) {
        const double q = gsl_ran_hypergeometric_pdf(x, na, nb, s);
        if (q <= p_obs * (1 + 1e-7)) /* R's relative tolerance for ties */
            p += q;
    }
    return fmin(1, p);
}

double js_two_prop_p(double x1, double n1, double x2, double n2, int *exact)
{
    *exact = 0;
    if (!(n1 > 0) || !(n2 > 0) || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2)
        return (double)NAN;
    const double pool = (x1 + x2) / (n1 + n2);
    if (!(pool > 0) || !(pool < 1))
        return (double)NAN;
    const double e_min = fmin(fmin(n1, n2) * pool, fmin(n1, n2) * (1 - pool));
    if (e_min < 5 && n1 + n2 < 4e9) {
        *exact = 1;
        return js_fisher_exact(x1, n1, x2, n2);
    }
    return js_two_prop_z(x1, n1, x2, n2, NULL);
}
