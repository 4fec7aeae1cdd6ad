/*
 * indicators.c - the indicator kinds over cubes (METHODS 1, 5, 6).
 *
 * Every kind is built from js_aggregate: a share is two aggregates of the
 * same data (part and total), a ratio two selections, a dependency ratio a
 * ratio with fixed age selections, the age measures one aggregate kept by
 * age and then reduced per cell with the formulas in stats_gsl.c.
 */
#include "jamstat/indicator.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "indic/select.h"

/* ---- the catalogue ------------------------------------------------------- */

static const struct { const char *name, *unit, *doc, *doc_sv; } ind_catalogue[] = {
#define JS_INDICATOR(id, name, unit, doc, doc_sv) {name, unit, doc, doc_sv},
#include "jamstat/indicators.def"
#undef JS_INDICATOR
};

const char *js_indicator_kind_name(js_indicator_kind k)
{
    return (unsigned)k < JS_IND_COUNT_ ? ind_catalogue[k].name : "?";
}

const char *js_indicator_kind_unit(js_indicator_kind k)
{
    return (unsigned)k < JS_IND_COUNT_ ? ind_catalogue[k].unit : "";
}

const char *js_indicator_kind_doc(js_indicator_kind k)
{
    return (unsigned)k < JS_IND_COUNT_ ? ind_catalogue[k].doc : "";
}

const char *js_indicator_kind_doc_sv(js_indicator_kind k)
{
    return (unsigned)k < JS_IND_COUNT_ ? ind_catalogue[k].doc_sv : "";
}

int js_indicator_kind_parse(const char *s, js_indicator_kind *out)
{
    for (unsigned k = 0; k < JS_IND_COUNT_; k++)
        if (strcasecmp(s, ind_catalogue[k].name) == 0) {
            *out = (js_indicator_kind)k;
            return 1;
        }
    return 0;
}

void js_indicator_spec_init(js_indicator_spec *s)
{
    memset(s, 0, sizeof *s);
    s->kind = JS_IND_count;
    s->scale = 1;
    s->small_n = 5;
    s->open_mean = (double)NAN;
}

/* ---- helpers ------------------------------------------------------------------- */

/* "where" followed by " extra" in a new buffer. */
static void ind_join(js_buf *b, const char *where, const char *extra)
{
    js_buf_reset(b);
    if (where != NULL)
        js_buf_puts(b, where);
    if (extra != NULL) {
        js_buf_putc(b, ' ');
        js_buf_puts(b, extra);
    }
}

/* A cube with the dimensions and categories of src, less skip (SIZE_MAX:
 * none), and no cells yet. */
static js_status ind_shape_like(const js_cube *src, size_t skip, js_cube **out)
{
    js_cube *const res = js_cube_alloc();
    js_status st = res ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < js_cube_ndims(src); i++) {
        if (i == skip)
            continue;
        const js_dim *const dim = js_cube_dim(src, i);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++)
            st = js_cube_copy_category(res, nd, js_dim_category(dim, k), NULL);
    }
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* As ind_shape_like, with the cells allocated (all missing). */
static js_status ind_result_like(const js_cube *src, size_t skip, js_cube **out)
{
    js_cube *res = NULL;
    js_status st = ind_shape_like(src, skip, &res);
    if (st == JS_OK && (st = js_cube_alloc_cells(res)) != JS_OK)
        js_cube_free(res);
    if (st == JS_OK)
        *out = res;
    return st;
}

/* A result with src's dimensions, values and flags. */
static js_status ind_copy(const js_cube *src, js_cube **out)
{
    js_cube *res = NULL;
    js_status st = ind_result_like(src, SIZE_MAX, &res);
    for (size_t i = 0; st == JS_OK && i < js_cube_ncells(src); i++) {
        if (js_cube_status(src, i) == JS_CELL_OK)
            js_cube_set_value(res, i, js_cube_value(src, i));
        if (js_cube_flags(src, i))
            st = js_cube_add_flags(res, i, js_cube_flags(src, i));
    }
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* value = scale × num / den per cell, with flags; Wilson CI for shares. */
static js_status ind_divide(const js_cube *num, const js_cube *den, double scale, double small_n,
                            int wilson, js_cube *res)
{
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && i < js_cube_ncells(res); i++) {
        uint32_t flags = js_cube_flags(num, i) | js_cube_flags(den, i);
        const double n = js_cube_value(num, i), dv = js_cube_value(den, i);
        if (!isnan(n) && !isnan(dv)) {
            if (!(fabs(dv) > 0)) {
                flags |= JS_FLAG_ZERO_DENOM;
            } else {
                js_cube_set_value(res, i, scale * n / dv);
                if (wilson && n >= 0 && n <= dv) {
                    double lo, hi;
                    st = js_wilson(n, dv, 0.05, &lo, &hi);
                    if (st == JS_OK)
                        st = js_cube_set_ci(res, i, scale * lo, scale * hi);
                }
            }
            if (n < small_n)
                flags |= JS_FLAG_SMALL_N;
        }
        if (st == JS_OK && flags)
            st = js_cube_add_flags(res, i, flags);
    }
    return st;
}

/* Two aggregates of the same data with the same result dimensions. */
static js_status ind_two(const js_indicator_spec *s, const js_cube *data, const char *sel_num,
                         const char *sel_den, double scale, int wilson, js_cube **out, js_diag *d)
{
    js_buf b;
    js_buf_init(&b);
    js_cube *own_num = NULL, *own_den = NULL, *res = NULL;
    const js_cube *num = NULL, *den = NULL;
    ind_join(&b, s->where, sel_num);
    js_status st = js_aggregate_cached(s->cache, data, js_buf_cstr(&b), s->by, s->n_by, s->id, &num,
                                       &own_num, d);
    ind_join(&b, s->where, sel_den);
    if (st == JS_OK)
        st = js_aggregate_cached(s->cache, data, js_buf_cstr(&b), s->by, s->n_by, s->id, &den,
                                 &own_den, d);
    if (st == JS_OK && js_cube_ncells(num) != js_cube_ncells(den)) {
        js_diag_error(d, NULL, 0, 0,
                      "%s: the numerator and denominator selections must not restrict a by "
                      "dimension differently", s->id);
        st = JS_EUSAGE;
    }
    if (st == JS_OK)
        st = ind_result_like(num, SIZE_MAX, &res);
    if (st == JS_OK)
        st = ind_divide(num, den, scale, s->small_n, wilson, res);
    js_cube_free(own_num);
    js_cube_free(own_den);
    js_buf_fini(&b);
    if (st != JS_OK) {
        js_cube_free(res);
        return b.failed ? JS_ENOMEM : st;
    }
    *out = res;
    return JS_OK;
}

/* ---- age structure ---------------------------------------------------------------- */

typedef struct age_class {
    double lo, hi;
    size_t cat; /* category in the aggregate's age dimension */
} age_class;

static int age_class_cmp(const void *a, const void *b)
{
    const double x = ((const age_class *)a)->lo, y = ((const age_class *)b)->lo;
    return (x > y) - (x < y);
}

/* The age classes of dim (no totals), sorted, checked to be contiguous. */
static js_status age_classes(const js_dim *dim, const char *what, age_class **out, size_t *n,
                             js_diag *d)
{
    age_class *const cls = js_calloc(js_dim_size(dim) ? js_dim_size(dim) : 1, sizeof *cls);
    if (cls == NULL)
        return JS_ENOMEM;
    size_t m = 0;
    for (size_t k = 0; k < js_dim_size(dim); k++) {
        const js_category *const c = js_dim_category(dim, k);
        if (c->is_total || isnan(c->age_lo))
            continue;
        cls[m].lo = c->age_lo;
        cls[m].hi = c->age_hi;
        cls[m++].cat = k;
    }
    qsort(cls, m, sizeof *cls, age_class_cmp);
    for (size_t k = 1; k < m; k++)
        if (fabs(cls[k].lo - cls[k - 1].hi) > 1e-9) {
            js_diag_error(d, NULL, 0, 0,
                          "%s: the age classes are not contiguous (a class ends at %g and the next "
                          "starts at %g)", what, cls[k - 1].hi, cls[k].lo);
            js_free(cls);
            return JS_EDATA;
        }
    if (m == 0) {
        js_diag_error(d, NULL, 0, 0, "%s: dimension \"%s\" has no age classes", what, js_dim_name(dim));
        js_free(cls);
        return JS_EDATA;
    }
    *out = cls;
    *n = m;
    return JS_OK;
}

/* Median or mean age per result cell, from an aggregate kept by age. */
static js_status ind_age_measure(const js_indicator_spec *s, const js_cube *agg, size_t age_dim,
                                 js_cube *res, js_diag *d)
{
    age_class *cls;
    size_t m;
    js_status st = age_classes(js_cube_dim(agg, age_dim), s->id, &cls, &m, d);
    if (st != JS_OK)
        return st;
    double *const lo = js_calloc(m, sizeof *lo), *const hi = js_calloc(m, sizeof *hi);
    double *const f = js_calloc(m, sizeof *f);
    size_t idx[32], ridx[32];
    st = (lo && hi && f) ? JS_OK : JS_ENOMEM;
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(res); r++) {
        js_cube_cell_coords(res, r, ridx);
        for (size_t i = 0, j = 0; i < js_cube_ndims(agg); i++)
            idx[i] = i == age_dim ? 0 : ridx[j++];
        uint32_t flags = 0;
        double total = 0;
        for (size_t k = 0; k < m; k++) {
            idx[age_dim] = cls[k].cat;
            const size_t cell = js_cube_cell_index(agg, idx);
            lo[k] = cls[k].lo;
            hi[k] = cls[k].hi;
            f[k] = js_cube_value(agg, cell);
            flags |= js_cube_flags(agg, cell);
            total += f[k];
        }
        if (!isnan(total)) {
            int open = 0;
            const double v = s->kind == JS_IND_median_age ? js_median_grouped(lo, hi, f, m, &open)
                                                         : js_mean_grouped(lo, hi, f, m, s->open_mean);
            if (!isnan(v))
                js_cube_set_value(res, r, v);
            flags |= open ? JS_FLAG_OPEN_CLASS : 0;
            flags |= total < s->small_n ? JS_FLAG_SMALL_N : 0;
            flags |= total > 0 ? 0 : JS_FLAG_ZERO_DENOM;
        }
        if (flags)
            st = js_cube_add_flags(res, r, flags);
    }
    js_free(lo);
    js_free(hi);
    js_free(f);
    js_free(cls);
    return st;
}

/* by + the age dimension, in a new array of borrowed strings. */
static const char **ind_by_plus(const js_indicator_spec *s, const char *extra)
{
    const char **const by = js_calloc(s->n_by + 1, sizeof *by);
    if (by == NULL)
        return NULL;
    for (size_t i = 0; i < s->n_by; i++)
        by[i] = s->by[i];
    by[s->n_by] = extra;
    return by;
}

static js_status ind_median_mean(const js_indicator_spec *s, const js_cube *data, js_cube **out,
                                 js_diag *d)
{
    const size_t age = js_cube_dim_by_role(data, JS_ROLE_AGE);
    if (age == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: the data has no age dimension", s->id);
        return JS_EUSAGE;
    }
    const char **const by = ind_by_plus(s, js_dim_name(js_cube_dim(data, age)));
    if (by == NULL)
        return JS_ENOMEM;
    js_cube *own = NULL, *res = NULL;
    const js_cube *agg = NULL;
    js_status st = js_aggregate_cached(s->cache, data, s->where, by, s->n_by + 1, s->id, &agg, &own, d);
    const size_t agg_age = st == JS_OK ? js_cube_dim_by_role(agg, JS_ROLE_AGE) : SIZE_MAX;
    if (st == JS_OK && js_cube_find_dim(agg, js_dim_name(js_cube_dim(data, age))) != js_cube_ndims(agg) - 1) {
        js_diag_error(d, NULL, 0, 0, "%s: the age dimension must not be in by", s->id);
        st = JS_EUSAGE;
    }
    if (st == JS_OK)
        st = ind_result_like(agg, agg_age, &res);
    if (st == JS_OK)
        st = ind_age_measure(s, agg, agg_age, res, d);
    js_free(by);
    js_cube_free(own);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* The bands of an age distribution as a comma list: the spec's, or every
 * age class of the data in order. */
static js_status ind_band_list(const js_indicator_spec *s, const js_dim *adim, js_buf *out,
                               js_diag *d)
{
    if (s->bands != NULL) {
        js_buf_puts(out, s->bands);
        return out->failed ? JS_ENOMEM : JS_OK;
    }
    age_class *cls;
    size_t m;
    const js_status st = age_classes(adim, s->id, &cls, &m, d);
    if (st != JS_OK)
        return st;
    for (size_t k = 0; k < m; k++)
        js_buf_printf(out, "%s%s", k ? "," : "", js_dim_category(adim, cls[k].cat)->code);
    js_free(cls);
    return out->failed ? JS_ENOMEM : JS_OK;
}

/* Band bi of the result from one aggregate of the data over that band. */
static js_status ind_fill_band(const js_indicator_spec *s, const js_cube *data, const char *band,
                               size_t bi, size_t n_bands, const js_cube *total, js_cube *res,
                               js_diag *d)
{
    js_buf sel;
    js_buf_init(&sel);
    js_buf_printf(&sel, "%s age:%s", s->where ? s->where : "", band);
    js_cube *part = NULL;
    js_status st = sel.failed ? JS_ENOMEM
                              : js_aggregate(data, js_buf_cstr(&sel), s->by, s->n_by, s->id, &part, d);
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(part); r++) {
        const size_t cell = r * n_bands + bi; /* the band dimension is the last */
        const double v = js_cube_value(part, r), t = js_cube_value(total, r);
        uint32_t flags = js_cube_flags(part, r);
        if (!isnan(v) && (!s->percent || t > 0))
            js_cube_set_value(res, cell, s->percent ? 100 * v / t : v);
        if (s->percent)
            flags |= js_cube_flags(total, r) | (t > 0 ? 0 : JS_FLAG_ZERO_DENOM);
        flags |= (!isnan(v) && v < s->small_n) ? JS_FLAG_SMALL_N : 0;
        if (flags)
            st = js_cube_add_flags(res, cell, flags);
    }
    js_cube_free(part);
    js_buf_fini(&sel);
    return st;
}

/* Persons (or percent of the total) per age band: the by dimensions plus an
 * age dimension of bands; one aggregate per band. */
static js_status ind_age_distribution(const js_indicator_spec *s, const js_cube *data,
                                      js_cube **out, js_diag *d)
{
    const size_t age = js_cube_dim_by_role(data, JS_ROLE_AGE);
    if (age == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: the data has no age dimension", s->id);
        return JS_EUSAGE;
    }
    const js_dim *const adim = js_cube_dim(data, age);
    js_buf list;
    js_buf_init(&list);
    js_cube *total = NULL, *res = NULL;
    size_t age_out = 0, n_bands = 0;
    js_status st = ind_band_list(s, adim, &list, d);
    if (st == JS_OK)
        st = js_aggregate(data, s->where, s->by, s->n_by, s->id, &total, d);
    if (st == JS_OK)
        st = ind_shape_like(total, SIZE_MAX, &res);
    if (st == JS_OK)
        st = js_cube_add_dim(res, js_dim_name(adim), js_dim_label(adim), JS_ROLE_AGE, &age_out);
    /* list.data is split in place: once for the categories, once (again
     * from a copy) for the values */
    char *const again = st == JS_OK ? js_strdup(js_buf_cstr(&list)) : NULL;
    if (st == JS_OK && again == NULL)
        st = JS_ENOMEM;
    char *save = NULL;
    for (char *b = st == JS_OK ? strtok_r(list.data, ",", &save) : NULL; st == JS_OK && b != NULL;
         b = strtok_r(NULL, ",", &save), n_bands++)
        st = js_cube_add_category(res, age_out, b, NULL, NULL);
    if (st == JS_OK)
        st = js_cube_alloc_cells(res);
    size_t bi = 0;
    save = NULL;
    for (char *b = st == JS_OK ? strtok_r(again, ",", &save) : NULL; st == JS_OK && b != NULL;
         b = strtok_r(NULL, ",", &save), bi++)
        st = ind_fill_band(s, data, b, bi, n_bands, total, res, d);
    js_free(again);
    js_cube_free(total);
    js_buf_fini(&list);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* Women minus men, or women in percent of men, per cell of the other dims. */
static js_status ind_gap(const js_indicator_spec *s, const js_cube *in, js_cube **out, js_diag *d)
{
    const size_t sex = js_cube_dim_by_role(in, JS_ROLE_SEX);
    const js_dim *const sdim = sex == SIZE_MAX ? NULL : js_cube_dim(in, sex);
    size_t w = SIZE_MAX, m = SIZE_MAX;
    for (size_t k = 0; sdim != NULL && k < js_dim_size(sdim); k++) {
        const js_sex x = js_dim_category(sdim, k)->sex;
        if (x == JS_SEX_WOMEN)
            w = k;
        if (x == JS_SEX_MEN)
            m = k;
    }
    if (w == SIZE_MAX || m == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: a gap needs values for women and men (a sex dimension)", s->id);
        return JS_EUSAGE;
    }
    const int ratio = s->variant != NULL && strcasecmp(s->variant, "ratio") == 0;
    js_cube *res = NULL;
    js_status st = ind_result_like(in, sex, &res);
    size_t ridx[32], idx[32];
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(res); r++) {
        js_cube_cell_coords(res, r, ridx);
        for (size_t i = 0, j = 0; i < js_cube_ndims(in); i++)
            idx[i] = i == sex ? 0 : ridx[j++];
        idx[sex] = w;
        const size_t cw = js_cube_cell_index(in, idx);
        idx[sex] = m;
        const size_t cm = js_cube_cell_index(in, idx);
        const double vw = js_cube_value(in, cw), vm = js_cube_value(in, cm);
        uint32_t flags = js_cube_flags(in, cw) | js_cube_flags(in, cm);
        if (!isnan(vw) && !isnan(vm)) {
            if (ratio && !(fabs(vm) > 0))
                flags |= JS_FLAG_ZERO_DENOM;
            else
                js_cube_set_value(res, r, ratio ? 100 * vw / vm : vw - vm);
        } else {
            flags |= JS_FLAG_MISSING_INPUT;
        }
        if (flags)
            st = js_cube_add_flags(res, r, flags);
    }
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static js_status ind_dependency(const js_indicator_spec *s, const js_cube *data, js_cube **out,
                                js_diag *d)
{
    const int eurostat = s->convention != NULL && strcasecmp(s->convention, "eurostat") == 0;
    if (s->convention != NULL && !eurostat && strcasecmp(s->convention, "swedish") != 0) {
        js_diag_error(d, NULL, 0, 0, "%s: convention must be swedish or eurostat, found \"%s\"",
                      s->id, s->convention);
        return JS_EUSAGE;
    }
    const char *const young = eurostat ? "age:0-14" : "age:0-19";
    const char *const work = eurostat ? "age:15-64" : "age:20-64";
    const char *const variant = s->variant ? s->variant : "old";
    const char *num;
    if (strcasecmp(variant, "young") == 0)
        num = young;
    else if (strcasecmp(variant, "old") == 0)
        num = "age:65-";
    else if (strcasecmp(variant, "total") == 0)
        num = eurostat ? "age:0-14,65-" : "age:0-19,65-";
    else {
        js_diag_error(d, NULL, 0, 0, "%s: variant must be young, old or total, found \"%s\"", s->id,
                      variant);
        return JS_EUSAGE;
    }
    return ind_two(s, data, num, work, 100, 0, out, d);
}

/* ---- trend ------------------------------------------------------------------------ */

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

/* Fit and project one series: the cells of in along t at the other
 * coordinates of idx; results into res along t from first. */
static js_status trend_series(const js_indicator_spec *s, const js_cube *in, size_t t, size_t *idx,
                              js_cube *res, size_t *ridx, int first, int to, double *x, double *y)
{
    const js_dim *const tdim = js_cube_dim(in, t);
    size_t n = 0;
    uint32_t flags = 0;
    int last_seen = INT_MIN;
    for (size_t k = 0; k < js_dim_size(tdim); k++) {
        idx[t] = k;
        const size_t cell = js_cube_cell_index(in, idx);
        const int year = js_dim_category(tdim, k)->year;
        flags |= js_cube_flags(in, cell) & ~(uint32_t)JS_FLAG_SMALL_N;
        if (isnan(js_cube_value(in, cell)) || year < s->fit_from)
            continue;
        x[n] = year;
        y[n++] = js_cube_value(in, cell);
        last_seen = year > last_seen ? year : last_seen;
    }
    js_ols fit;
    const int fitted = n >= 2 && js_ols_fit(x, y, n, &fit) == JS_OK;
    js_status st = JS_OK;
    for (int year = first; st == JS_OK && year <= to; year++) {
        ridx[t] = (size_t)(year - first);
        const size_t cell = js_cube_cell_index(res, ridx);
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

/* OLS trend along the years of an indicator's result (METHODS 9.1). */
static js_status ind_trend(const js_indicator_spec *s, const js_cube *in, js_cube **out, js_diag *d)
{
    const size_t t = js_cube_dim_by_role(in, JS_ROLE_TIME);
    const js_dim *const tdim = t == SIZE_MAX ? NULL : js_cube_dim(in, t);
    int first = INT_MAX, last = INT_MIN;
    for (size_t k = 0; tdim != NULL && k < js_dim_size(tdim); k++) {
        const js_category *const c = js_dim_category(tdim, k);
        if (c->period != 'Y') {
            js_diag_error(d, NULL, 0, 0, "%s: a trend runs over years; found the period \"%s\"", s->id, c->code);
            return JS_EUSAGE;
        }
        first = c->year < first ? c->year : first;
        last = c->year > last ? c->year : last;
    }
    if (tdim == NULL || js_dim_size(tdim) < 2) {
        js_diag_error(d, NULL, 0, 0, "%s: a trend needs a time dimension with two years or more", s->id);
        return JS_EUSAGE;
    }
    const int to = s->project_to > last ? s->project_to : last;
    if (to - first > 1000) {
        js_diag_error(d, NULL, 0, 0, "%s: project_to %d is too far from %d", s->id, to, first);
        return JS_EUSAGE;
    }
    js_cube *res = NULL;
    js_status st = trend_shape(in, t, first, to, &res);
    double *const x = js_calloc(js_dim_size(tdim), sizeof *x), *const y = js_calloc(js_dim_size(tdim), sizeof *y);
    size_t idx[32], ridx[32];
    if (st == JS_OK && (x == NULL || y == NULL))
        st = JS_ENOMEM;
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(res); r++) {
        js_cube_cell_coords(res, r, ridx);
        if (ridx[t] != 0)
            continue; /* one series per combination of the other dimensions */
        for (size_t i = 0; i < js_cube_ndims(in); i++)
            idx[i] = ridx[i];
        st = trend_series(s, in, t, idx, res, ridx, first, to, x, y);
    }
    js_free(x);
    js_free(y);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

js_status js_indicator_compute(const js_indicator_spec *s, const js_cube *data, js_cube **out,
                               js_diag *d)
{
    switch (s->kind) {
    case JS_IND_count: {
        js_buf b;
        js_buf_init(&b);
        ind_join(&b, s->where, s->part);
        const js_cube *sum = NULL;
        js_cube *own = NULL, *res = NULL;
        js_status st = js_aggregate_cached(s->cache, data, js_buf_cstr(&b), s->by, s->n_by, s->id,
                                           &sum, &own, d);
        js_buf_fini(&b);
        if (st == JS_OK)
            st = ind_copy(sum, &res); /* the result gets its own flags: never the cache's cube */
        js_cube_free(own);
        for (size_t i = 0; st == JS_OK && i < js_cube_ncells(res); i++)
            if (js_cube_value(res, i) < s->small_n)
                st = js_cube_add_flags(res, i, JS_FLAG_SMALL_N);
        if (st != JS_OK) {
            js_cube_free(res);
            return st;
        }
        *out = res;
        return JS_OK;
    }
    case JS_IND_share:
        if (s->part == NULL) {
            js_diag_error(d, NULL, 0, 0, "%s: a share needs part (e.g. part = sex:women)", s->id);
            return JS_EUSAGE;
        }
        return ind_two(s, data, s->part, NULL, 100, 1, out, d);
    case JS_IND_ratio:
        if (s->numerator == NULL || s->denominator == NULL) {
            js_diag_error(d, NULL, 0, 0, "%s: a ratio needs numerator and denominator", s->id);
            return JS_EUSAGE;
        }
        return ind_two(s, data, s->numerator, s->denominator, s->scale, 0, out, d);
    case JS_IND_gap: return ind_gap(s, data, out, d);
    case JS_IND_age_distribution: return ind_age_distribution(s, data, out, d);
    case JS_IND_median_age:
    case JS_IND_mean_age: return ind_median_mean(s, data, out, d);
    case JS_IND_dependency: return ind_dependency(s, data, out, d);
    case JS_IND_trend: return ind_trend(s, data, out, d);
    case JS_IND_COUNT_: break;
    }
    return JS_EINTERNAL;
}
