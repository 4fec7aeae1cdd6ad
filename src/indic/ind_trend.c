/*
 * ind_trend.c - trends (METHODS 9.1): an ordinary least-squares line over
 * the years of another indicator's result, per combination of its other
 * dimensions, projected to project_to with a 95 % prediction interval.
 *
 * The result keeps every year from the first of the data, so that a chart
 * of the observed series and its projection share one axis, but a year
 * before fit_from is not part of the fit: it gets no value and the flag
 * outside_fit, rather than the line drawn back where it was not fitted.
 * A series with fewer than 3 points in the fit has no interval (METHODS
 * 9.1: n - 2 degrees of freedom) and one with fewer than 2 no line; each
 * is a warning naming the series.  fit_from after the last year is an
 * error: no series could be fitted.
 */
#include "indic/ind_int.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "core/alloc.h"

/* The trend's result shape: in's dimensions, the time dimension t holding
 * every year from first to last. */
static js_status trend_shape(const js_cube *in, size_t t, int first, int last, js_cube **out)
{
    js_cube *const res = js_cube_alloc();
    js_status st = res ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < js_cube_ndims(in); i++) {
        const js_dim *const dim = js_cube_dim(in, i);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
        for (int y = first; i == t && st == JS_OK && y <= last; y++) {
            char code[16];
            (void)snprintf(code, sizeof code, "%d", y);
            st = js_cube_add_category(res, nd, code, NULL, NULL);
        }
        for (size_t k = 0; i != t && st == JS_OK && k < js_dim_size(dim); k++)
            st = js_cube_copy_category(res, nd, js_dim_category(dim, k), NULL);
    }
    if (st == JS_OK)
        st = js_cube_alloc_cells(res);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* Warnings about short fits: the first TREND_MAX_WARN series by name, the
 * rest counted. */
enum { TREND_MAX_WARN = 5 };

/* One series: where it is in the input and the result. */
typedef struct trend_series_at {
    size_t *idx;  /* coordinates in the input; idx[t] is set here */
    size_t *ridx; /* coordinates in the result; ridx[t] is set here */
} trend_series_at;

/* "dim code, dim code" of the other dimensions of result cell coordinates
 * ridx, or "the series" when time is the only dimension. */
static void trend_series_name(const js_cube *res, size_t t, const size_t *ridx, js_buf *b)
{
    js_buf_reset(b);
    for (size_t i = 0; i < js_cube_ndims(res); i++) {
        if (i == t)
            continue;
        const js_dim *const dim = js_cube_dim(res, i);
        js_buf_printf(b, "%s%s %s", b->len ? ", " : "", js_dim_name(dim),
                      js_dim_category(dim, ridx[i])->code);
    }
    if (b->len == 0)
        js_buf_puts(b, "the series");
}

/* Fit and project one series: the cells of in along t at the other
 * coordinates of at->idx; results into res along t from first.  Years
 * before fit_from are outside_fit; *n_fit receives the points fitted. */
static js_status trend_series(double fit_from, const js_cube *in, size_t t,
                              const trend_series_at *at, js_cube *res, int first, int to,
                              double *x, double *y, size_t *n_fit)
{
    const js_dim *const tdim = js_cube_dim(in, t);
    size_t n = 0;
    uint32_t flags = 0;
    int last_seen = INT_MIN;
    for (size_t k = 0; k < js_dim_size(tdim); k++) {
        at->idx[t] = k;
        const size_t cell = js_cube_cell_index(in, at->idx);
        const int year = js_dim_category(tdim, k)->year;
        if (!isnan(fit_from) && year < fit_from)
            continue; /* not in the fit: neither its value nor its flags count */
        flags |= js_cube_flags(in, cell) & ~(uint32_t)JS_FLAG_SMALL_N;
        if (isnan(js_cube_value(in, cell)))
            continue;
        x[n] = year;
        y[n++] = js_cube_value(in, cell);
        last_seen = year > last_seen ? year : last_seen;
    }
    *n_fit = n;
    js_ols fit;
    const int fitted = n >= 2 && js_ols_fit(x, y, n, &fit) == JS_OK;
    js_status st = JS_OK;
    for (int year = first; st == JS_OK && year <= to; year++) {
        at->ridx[t] = (size_t)(year - first);
        const size_t cell = js_cube_cell_index(res, at->ridx);
        if (!isnan(fit_from) && year < fit_from) {
            st = js_cube_add_flags(res, cell, JS_FLAG_OUTSIDE_FIT);
            continue;
        }
        if (!fitted) {
            st = js_cube_add_flags(res, cell, flags | JS_FLAG_MISSING_INPUT);
            continue;
        }
        double yhat, cl, ch, pl, ph;
        js_ols_predict(&fit, year, 0.05, &yhat, &cl, &ch, &pl, &ph);
        js_cube_set_value(res, cell, yhat);
        const int projected = year > last_seen;
        st = js_cube_set_ci(res, cell, projected ? pl : cl, projected ? ph : ch);
        if (st == JS_OK && (flags || projected))
            st = js_cube_add_flags(res, cell, flags | (projected ? JS_FLAG_PROJECTED : 0));
    }
    return st;
}

/* The warning for a series fitted on n < 3 points (the first few by name:
 * "region 10, sex women", made here for them alone). */
static void trend_warn_short(const js_indicator_spec *s, const js_cube *res, size_t t,
                             const size_t *ridx, size_t n, size_t n_short, js_buf *name, js_diag *d)
{
    if (n_short > TREND_MAX_WARN)
        return;
    trend_series_name(res, t, ridx, name);
    const char *const series = js_buf_cstr(name);
    if (n >= 2)
        js_diag_warn(d, NULL, 0, 0,
                     "%s: %s: the trend is fitted on %zu points, too few for an interval "
                     "(3 are needed)", s->id, series, n);
    else
        js_diag_warn(d, NULL, 0, 0,
                     "%s: %s: %zu point%s to fit, so no trend (2 are needed, 3 for an "
                     "interval)", s->id, series, n, n == 1 ? "" : "s");
}

/* The years of the time dimension: every category a year, first and last. */
static js_status trend_years(const js_indicator_spec *s, const js_dim *tdim, int *first, int *last,
                             js_diag *d)
{
    *first = INT_MAX;
    *last = INT_MIN;
    for (size_t k = 0; tdim != NULL && k < js_dim_size(tdim); k++) {
        const js_category *const c = js_dim_category(tdim, k);
        if (c->period != 'Y') {
            js_diag_error(d, NULL, 0, 0, "%s: a trend runs over years; found the period \"%s\"", s->id, c->code);
            return JS_EUSAGE;
        }
        *first = c->year < *first ? c->year : *first;
        *last = c->year > *last ? c->year : *last;
    }
    if (tdim == NULL || js_dim_size(tdim) < 2) {
        js_diag_error(d, NULL, 0, 0, "%s: a trend needs a time dimension with two years or more", s->id);
        return JS_EUSAGE;
    }
    const double fit_from = js_spec_num(s, "fit_from");
    if (!isnan(fit_from) && fit_from > *last) {
        js_diag_error(d, NULL, 0, 0, "%s: fit_from %d is after the last year of the data, %d", s->id,
                      (int)fit_from, *last);
        return JS_EUSAGE;
    }
    return JS_OK;
}

/* OLS trend along the years of an indicator's result (METHODS 9.1). */
static js_status ind_trend(const js_indicator_spec *s, const js_cube *const *inputs, js_cube **out,
                          js_diag *d)
{
    const js_cube *const in = inputs[0];
    const size_t t = js_cube_dim_by_role(in, JS_ROLE_TIME);
    const js_dim *const tdim = t == SIZE_MAX ? NULL : js_cube_dim(in, t);
    int first, last;
    const js_status years_st = trend_years(s, tdim, &first, &last, d);
    if (years_st != JS_OK)
        return years_st;
    const double project_to = js_spec_num(s, "project_to"); /* a year: the key's range */
    const double fit_from = js_spec_num(s, "fit_from");
    const int to = !isnan(project_to) && (int)project_to > last ? (int)project_to : last;
    if (to - first > 1000) {
        js_diag_error(d, NULL, 0, 0, "%s: project_to %d is too far from %d", s->id, to, first);
        return JS_EUSAGE;
    }
    js_cube *res = NULL;
    js_status st = trend_shape(in, t, first, to, &res);
    double *const x = js_calloc(js_dim_size(tdim), sizeof *x), *const y = js_calloc(js_dim_size(tdim), sizeof *y);
    size_t idx[32], ridx[32], n_short = 0;
    js_buf name;
    js_buf_init(&name);
    if (st == JS_OK && (x == NULL || y == NULL))
        st = JS_ENOMEM;
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(res); r++) {
        js_cube_cell_coords(res, r, ridx);
        if (ridx[t] != 0)
            continue; /* one series per combination of the other dimensions */
        for (size_t i = 0; i < js_cube_ndims(in); i++)
            idx[i] = ridx[i];
        const trend_series_at at = {idx, ridx};
        size_t n_fit = 0;
        st = trend_series(fit_from, in, t, &at, res, first, to, x, y, &n_fit);
        if (st == JS_OK && n_fit < 3)
            trend_warn_short(s, res, t, ridx, n_fit, ++n_short, &name, d);
    }
    if (st == JS_OK && n_short > TREND_MAX_WARN)
        js_diag_warn(d, NULL, 0, 0, "%s: %zu more series have fewer than 3 points to fit", s->id,
                     n_short - TREND_MAX_WARN);
    if (st == JS_OK && name.failed)
        st = JS_ENOMEM;
    js_buf_fini(&name);
    js_free(x);
    js_free(y);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* A trend is in the units of what it follows. */
static const char *trend_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)s;
    (void)lang;
    return in_unit ? in_unit : "";
}

static const js_input_def trend_inputs[] = {
    {"of", JS_INPUT_INDICATOR, 0, 0, "the indicator defined above whose years are fitted"}, IND_INPUT_END};

static const js_key trend_keys[] = {
    {"project_to", JS_KEY_YEAR, NULL, 1000, 9999, NULL, 0, "the last year to project to (default: the last observed)"},
    {"fit_from", JS_KEY_YEAR, NULL, 1000, 9999, NULL, 0, "the first year in the fit (default: all)"},
    IND_KEY_END};

const js_kind ind_kind_trend = {
    .name = "trend",
    .traits = JS_TRAIT_PROJECTS,
    .family = "trends",
    .inputs = trend_inputs,
    .keys = trend_keys,
    .unit_sv = "",
    .unit_en = "",
    .unit_doc = "as `of`",
    .decimals = 1,
    .doc_en = "OLS trend over the years of another indicator (of), per combination of its other dimensions, "
        "projected to {project_to|the last observed year} with a 95 % prediction interval; fitted from "
        "{fit_from|the first year}.",
    .doc_sv = "Linjär trend (minsta kvadrat) över åren för en annan indikator, för varje kombination av dess "
        "övriga dimensioner, framskriven till {project_to|det sista observerade året} med 95 % prognosintervall; "
        "skattad från {fit_from|det första året}.",
    .unit = trend_unit,
    .compute = ind_trend,
};
