/*
 * ind_common.c - the result-building helpers below every indicator kind
 * (ind_int.h): result cubes shaped like an aggregate, and the quotient of
 * two aggregates of the same data that shares, ratios and dependency
 * ratios are.
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"

/* "where" followed by " extra" in a new buffer. */
js_status ind_aggregate(const js_indicator_spec *s, const js_cube *data, const js_sel *extra,
                        const js_cube **out, js_cube **owned, js_diag *d)
{
    if (extra == NULL)
        return js_aggregate_cached(s->cache, data, s->where, s->by, s->n_by, s->id, out, owned, d);
    js_sel *both = NULL;
    js_status st = js_sel_join(s->where, extra, &both);
    if (st == JS_OK)
        st = js_aggregate_cached(s->cache, data, both, s->by, s->n_by, s->id, out, owned, d);
    js_sel_free(both);
    return st;
}

/* A cube with the dimensions and categories of src, less skip (SIZE_MAX:
 * none), and no cells yet. */
js_status ind_shape_like(const js_cube *src, size_t skip, js_cube **out)
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
js_status ind_result_like(const js_cube *src, size_t skip, js_cube **out)
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
js_status ind_copy(const js_cube *src, js_cube **out)
{
    js_cube *res = NULL;
    js_status st = ind_result_like(src, SIZE_MAX, &res);
    for (size_t i = 0; st == JS_OK && i < js_cube_ncells(src); i++) {
        if (js_cube_status(src, i) == JS_CELL_OK)
            js_cube_set_value(res, i, js_cube_value(src, i));
        if (js_cube_flags(src, i))
            st = js_cube_add_flags(res, i, js_cube_flags(src, i));
        if (st == JS_OK && js_cube_has_ci(src) && !isnan(js_cube_ci_low(src, i))) /* the source's own */
            st = js_cube_set_ci(res, i, js_cube_ci_low(src, i), js_cube_ci_high(src, i));
    }
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

enum { IND_SHARE = 1, IND_INTERVAL = 2 }; /* ind_divide's what */

/* value = scale × num / den per cell, with flags: small_n when the
 * numerator or the denominator is below small_n.  what: IND_SHARE for a
 * share, with IND_INTERVAL (counts only) for its Wilson interval; a part larger than its total cannot be a share of
 * it (the data are not counts of one population, or the total is not the
 * sum of its parts, as in BRP+'s index values), so the value the data give
 * is kept and flagged part_exceeds_total, without an interval: Wilson's
 * would be for a proportion that does not exist. */
static js_status ind_divide(const js_cube *num, const js_cube *den, double scale, double small_n,
                            int what, js_cube *res)
{
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && i < js_cube_ncells(res); i++) {
        uint32_t flags = js_cube_flags(num, i) | js_cube_flags(den, i);
        const double n = js_cube_value(num, i), dv = js_cube_value(den, i);
        if (!isnan(n) && !isnan(dv)) {
            if (!(fabs(dv) > 0)) {
                flags |= JS_FLAG_ZERO_DENOM;
            } else {
                double v = scale * n / dv;
                if (isinf(v)) /* scale × n alone may overflow: 1000 × 1.5e308 / 1.5e308 */
                    v = scale * (n / dv);
                js_cube_set_value(res, i, v);
                if ((what & IND_SHARE) && n > dv && dv > 0)
                    flags |= JS_FLAG_PART_EXCEEDS_TOTAL;
                if ((what & IND_INTERVAL) && n >= 0 && n <= dv) {
                    double lo, hi;
                    st = js_wilson(n, dv, 0.05, &lo, &hi);
                    if (st == JS_OK)
                        st = js_cube_set_ci(res, i, scale * lo, scale * hi);
                }
            }
            /* small counts on either side of the line: a ratio of 13 333 per 100
             * from 3 persons of working age rests on those 3 as much as on
             * its 400 numerator persons */
            if (n < small_n || dv < small_n)
                flags |= JS_FLAG_SMALL_N;
        }
        if (st == JS_OK && flags)
            st = js_cube_add_flags(res, i, flags);
    }
    return st;
}

/* Two aggregates of the same data with the same result dimensions. */
js_status ind_two(const js_indicator_spec *s, const js_cube *data, const js_sel *sel_num,
                  const js_sel *sel_den, double scale, int wilson, js_cube **out, js_diag *d)
{
    js_cube *own_num = NULL, *own_den = NULL, *res = NULL;
    const js_cube *num = NULL, *den = NULL;
    js_status st = ind_aggregate(s, data, sel_num, &num, &own_num, d);
    if (st == JS_OK)
        st = ind_aggregate(s, data, sel_den, &den, &own_den, d);
    if (st == JS_OK && js_cube_ncells(num) != js_cube_ncells(den)) {
        js_diag_error(d, NULL, 0, 0,
                      "%s: the numerator and denominator selections must not restrict a by "
                      "dimension differently", s->id);
        st = JS_EUSAGE;
    }
    if (st == JS_OK)
        st = ind_result_like(num, SIZE_MAX, &res);
    /* only counts have a small number and a binomial interval */
    const int counts = s->measure == JS_MEASURE_COUNT;
    if (st == JS_OK)
        st = ind_divide(num, den, scale, counts ? s->small_n : -HUGE_VAL,
                        wilson ? (IND_SHARE | (counts ? IND_INTERVAL : 0)) : 0, res);
    js_cube_free(own_num);
    js_cube_free(own_den);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

js_status ind_need_role(const js_indicator_spec *s, const js_cube *c, js_role role, const char *what,
                        size_t *dim, js_diag *d)
{
    *dim = js_cube_dim_by_role(c, role);
    if (*dim == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: the data has no %s dimension", s->id, what);
        return JS_EUSAGE;
    }
    return JS_OK;
}

const char *ind_per_unit(double per, js_lang lang)
{
    static const struct { double per; const char *sv, *en; } units[] = {
        {10, "per 10", "per 10"},
        {100, "per 100", "per 100"},
        {1000, "per 1 000", "per 1,000"},
        {10000, "per 10 000", "per 10,000"},
        {100000, "per 100 000", "per 100,000"},
        {1000000, "per miljon", "per million"}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (fabs(per - units[i].per) < 0.5)
            return js_text(lang, units[i].sv, units[i].en);
    return NULL;
}
