/*
 * lifetable.c - the period life table (METHODS 2.2-2.5) on plain arrays.
 *
 * One pass forward for q, l, d, L; one backward for T, e and Chiang's sum.
 * The classes may be single years or abridged (0, 1-4, 5-9, ...) of any
 * widths; only the last may be open.  The checks come first and name the
 * class at fault, so that the indicator can say which region, year, sex
 * and age cannot give a table: a missing table is never a silent one.
 *
 * Worked example (METHODS 2.8, TV-2a): E = 1000 x 5, 5000; D = 5 1 1 0 2
 * 500; women: a0 = 0.14903 - 2.05527 x 0.005 = 0.13875365, q0 =
 * 0.004978561, ..., L(5+) = l(5) / 0.1, e0 = 14.8793343046, SE 0.4450478.
 */
#include "stats/lifetable.h"

#include <math.h>

double js_lt_a0_ak(double m0, js_sex sex)
{
    double w, m;
    if (m0 < 0.01724)
        w = 0.14903 - 2.05527 * m0;
    else if (m0 < 0.06891)
        w = 0.04667 + 3.88089 * m0;
    else
        w = 0.31411;
    if (m0 < 0.02300)
        m = 0.14929 - 1.99545 * m0;
    else if (m0 < 0.08307)
        m = 0.02832 + 3.26201 * m0; /* 3.26201, not the misprinted 3.26021 (METHODS 2.3) */
    else
        m = 0.29915;
    switch (sex) {
    case JS_SEX_WOMEN: return w;
    case JS_SEX_MEN: return m;
    case JS_SEX_NONE:
    case JS_SEX_TOTAL: break;
    }
    return (w + 1.05 * m) / 2.05; /* no AK rule for both sexes: DemoTools' weighting */
}

/* The classes tile [0, inf): each starts where the one before ends, the
 * last is open and only the last. */
static int lt_classes_ok(const double *age, const double *width, size_t n, size_t *bad)
{
    for (size_t k = 0; k < n; k++) {
        const int last = k + 1 == n;
        const double start = k == 0 ? 0 : age[k - 1] + width[k - 1];
        if (fabs(age[k] - start) > 1e-9 || (last ? !isinf(width[k]) : !(width[k] > 0 && isfinite(width[k])))) {
            *bad = k;
            return 0;
        }
    }
    return n > 0;
}

static js_lt_status lt_check(const double *age, const double *width, const double *deaths,
                             const double *exposure, size_t n, size_t *bad)
{
    if (!lt_classes_ok(age, width, n, bad)) {
        if (n == 0)
            *bad = 0;
        return JS_LT_BAD_CLASSES;
    }
    for (size_t k = 0; k < n; k++) {
        *bad = k;
        if (!(deaths[k] >= 0) || !(exposure[k] >= 0) || isinf(deaths[k]) || isinf(exposure[k]))
            return JS_LT_NEGATIVE;
        if (!(exposure[k] > 0))
            return deaths[k] > 0 ? JS_LT_DEATHS_NO_EXPOSURE : JS_LT_EXPOSURE_ZERO;
    }
    *bad = n - 1;
    if (!(deaths[n - 1] > 0))
        return JS_LT_OPEN_NO_DEATHS;
    return JS_LT_OK;
}

/* q, l, d, L forward; returns the first class whose q was capped (n: none). */
static size_t lt_forward(const double *width, const double *deaths, const double *exposure,
                         const double *ax, size_t n, const js_lt_opts *o, js_lt_row *r)
{
    size_t closed = n;
    double l = 100000;
    for (size_t k = 0; k < n; k++) {
        const double m = deaths[k] / exposure[k];
        const int open = k + 1 == n;
        double a;
        if (ax != NULL && !isnan(ax[k]))
            a = ax[k];
        else if (open)
            a = 1 / m;
        else if (k == 0 && !isnan(o->a0))
            a = o->a0;
        else if (k == 0 && fabs(width[0] - 1) < 1e-9)
            a = js_lt_a0_ak(m, o->sex);
        else
            a = width[k] / 2;
        double q = open ? 1 : width[k] * m / (1 + (width[k] - a) * m);
        if (q >= 1 && !open) {
            q = 1;
            if (closed == n)
                closed = k;
        }
        const double d = l * q;
        r[k].m = m;
        r[k].a = a;
        r[k].q = q;
        r[k].l = l;
        r[k].d = d;
        r[k].L = open ? l / m : width[k] * (l - d) + a * d;
        l -= d;
    }
    return closed;
}

/* Silcocks' term l_open^2 Var(1/m_open) = l^2 / (D m^2); 0 for classic Chiang. */
static double variance_open(double l, double deaths, double m, js_lt_variance v)
{
    return v == JS_LT_SILCOCKS ? l * l / (deaths * m * m) : 0;
}

js_lt_status js_lt_build(const double *age, const double *width, const double *deaths,
                         const double *exposure, const double *ax, size_t n, const js_lt_opts *o,
                         js_lt_row *rows, size_t *bad, size_t *closed_at)
{
    size_t where = 0;
    const js_lt_status st = lt_check(age, width, deaths, exposure, n, &where);
    if (st != JS_LT_OK) {
        *bad = where;
        return st;
    }
    const size_t closed = lt_forward(width, deaths, exposure, ax, n, o, rows);
    /* backward: T, e, and Chiang's sum S_x = sum_{y >= x, y < open}
     * l_y^2 ((n_y - a_y) + e_{y+1})^2 Var(q_y), Var(q) = q^2 (1 - q) / D */
    const size_t w = n - 1;
    const double open_term = variance_open(rows[w].l, deaths[w], rows[w].m, o->variance);
    double T = 0, S = 0;
    for (size_t k = n; k-- > 0;) {
        T += rows[k].L;
        rows[k].T = T;
        rows[k].e = rows[k].l > 0 ? T / rows[k].l : (double)NAN;
        if (k < w) {
            const double q = rows[k].q, e_next = rows[k + 1].e;
            const double var_q = deaths[k] > 0 ? q * q * (1 - q) / deaths[k] : 0;
            const double f = (width[k] - rows[k].a) + (isnan(e_next) ? 0 : e_next);
            S += rows[k].l * rows[k].l * f * f * var_q;
        }
        rows[k].var_e = rows[k].l > 0 ? (S + open_term) / (rows[k].l * rows[k].l) : (double)NAN;
    }
    if (closed_at != NULL)
        *closed_at = closed;
    return JS_LT_OK;
}
