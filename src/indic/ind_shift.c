/*
 * ind_shift.c - the region against a reference area: shift-share analysis
 * of employment (or any count) by industry between two years, location
 * quotients, and the population change split into its parts.
 *
 * With e_ij employment in industry i of region j, e_i the reference
 * area's (the country's), E_j and E their sums over industries, 1 and 2
 * the first and last year, g_i = e_i2 / e_i1 and G = E_2 / E_1, the
 * change of the region splits (Dunn 1960, in the terms of Farhauer and
 * Kröll 2013 that REAT's shift() uses) into
 *
 *     national share   N = E_j1 (G - 1)                  as if it grew as the reference
 *     industry mix     M = sum_i e_ij1 (g_i - G)          its industries grow faster or slower
 *     regional share   R = sum_i (e_ij2 - e_ij1 g_i)      each industry grows faster or slower here
 *     total change     E_j2 - E_j1 = N + M + R;  net shift = M + R = E_j2 - E_j1 G
 *
 * and Esteban-Marquillas (1972) split R with the homothetic employment
 * h_ij = E_j1 e_i1 / E_1 (the region's employment in the reference's
 * industry structure):
 *
 *     competitive (homothetic)  sum_i h_ij (g_ij - g_i)
 *     allocation                sum_i (e_ij1 - h_ij)(g_ij - g_i),   g_ij = e_ij2 / e_ij1
 *
 * REAT's worked example (Farhauer and Kröll 2013): region A 90 20 10 60 ->
 * 100 40 10 55, nation 400 150 150 400 -> 440 210 135 480: G = 1.15, so
 * N = 180 x 0.15 = 27, M = 1, R = -3, total 25.
 *
 * The location quotient is LQ_ij = (e_ij / E_j) / (e_i / E) per year.
 *
 * The population change of a region from 31 December t-1 to 31 December
 * t splits into births minus deaths during t (the natural change) and the
 * rest, the migration residual (net migration plus corrections to the
 * register), beside the country's growth.
 *
 * A total category of the industry dimension ("Totalt") is not an
 * industry: it is left out of the sums.  The reference is reference =
 * CODE, or by default the data's national total (00 Riket), or, when the
 * data have none (the EU's countries), the sum of the selected regions.
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "indic/ind_follow.h"

/* The data summed to region × over × time × the other by dimensions, and
 * where each of those is. */
typedef struct ss_in {
    const js_cube *c; /* the aggregate */
    js_cube *own;
    size_t reg, over, time; /* dimensions of c */
    size_t ref;             /* the reference's region category, SIZE_MAX: the sum of the regions */
    size_t y1, y2;          /* the time categories of the first and last year */
} ss_in;

/* The data summed by s->by with region, over and time added when absent. */
static js_status ss_aggregate(const js_indicator_spec *s, const js_cube *data, ss_in *a,
                              js_diag *d)
{
    memset(a, 0, sizeof *a);
    const char *const over = js_spec_text(s, "over");
    const size_t rd = js_cube_dim_by_role(data, JS_ROLE_REGION), td = js_cube_dim_by_role(data, JS_ROLE_TIME);
    const size_t od = js_cube_find_dim(data, over);
    if (rd == SIZE_MAX || td == SIZE_MAX || od == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: kind %s needs a region, a time and a%s %s dimension; the data "
                      "have no %s", s->id, s->kind->name, over[0] == 'i' ? "n" : "", over,
                      rd == SIZE_MAX ? "region" : td == SIZE_MAX ? "time" : over);
        return JS_EUSAGE;
    }
    const char *by[JS_MAX_BY + 3];
    size_t n = 0;
    const char *const need[3] = {js_dim_name(js_cube_dim(data, rd)), js_dim_name(js_cube_dim(data, od)),
                                 js_dim_name(js_cube_dim(data, td))};
    for (size_t i = 0; i < s->n_by; i++) {
        const size_t di = js_cube_find_dim(data, s->by[i]);
        if (di != rd && di != od && di != td)
            by[n++] = s->by[i];
    }
    for (size_t i = 0; i < 3; i++)
        by[n++] = need[i];
    js_status st = js_aggregate_cached(s->cache, data, s->where, by, n, s->id, &a->c, &a->own, d);
    if (st != JS_OK)
        return st;
    a->reg = js_cube_dim_by_role(a->c, JS_ROLE_REGION);
    a->time = js_cube_dim_by_role(a->c, JS_ROLE_TIME);
    a->over = js_cube_find_dim(a->c, need[1]);
    return JS_OK;
}

/* The reference region (reference = CODE, or sum, or the national total,
 * else the sum). */
static js_status ss_reference(const js_indicator_spec *s, ss_in *a, js_diag *d)
{
    const js_dim *const rd = js_cube_dim(a->c, a->reg);
    const char *const ref = js_spec_text(s, "reference");
    a->ref = SIZE_MAX;
    if (ref != NULL && strcasecmp(ref, "sum") == 0)
        return JS_OK;
    if (ref != NULL) {
        a->ref = js_dim_find(rd, ref);
        if (a->ref == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: reference = %s is no region of the data (after where)", s->id, ref);
            return JS_EUSAGE;
        }
        return JS_OK;
    }
    for (size_t k = 0; k < js_dim_size(rd) && a->ref == SIZE_MAX; k++)
        if (ind_region_is_national(js_dim_category(rd, k)))
            a->ref = k;
    return JS_OK;
}

/* The first and last year (from =, to =, else the data's). */
static js_status ss_years(const js_indicator_spec *s, ss_in *a, js_diag *d)
{
    const js_dim *const td = js_cube_dim(a->c, a->time);
    const double from = js_spec_num(s, "from"), to = js_spec_num(s, "to");
    a->y1 = a->y2 = SIZE_MAX;
    for (size_t k = 0; k < js_dim_size(td); k++) {
        const js_category *const c = js_dim_category(td, k);
        if (!isnan(from) ? c->year == (int)from : a->y1 == SIZE_MAX || c->year < js_dim_category(td, a->y1)->year)
            a->y1 = k;
        if (!isnan(to) ? c->year == (int)to : a->y2 == SIZE_MAX || c->year > js_dim_category(td, a->y2)->year)
            a->y2 = k;
    }
    if (a->y1 == SIZE_MAX || a->y2 == SIZE_MAX || a->y1 == a->y2) {
        js_diag_error(d, NULL, 0, 0, "%s: a shift-share needs two years of the data (from = and to =, or "
                      "the first and last selected)%s", s->id, a->y1 == a->y2 && a->y1 != SIZE_MAX ? ": "
                      "found only one" : ": from or to is not a year of the data");
        return JS_EUSAGE;
    }
    return JS_OK;
}

/* The value at region k, industry i, time t of the series at coords
 * (the reference sum when k is SIZE_MAX); *flags gathers the cells' flags. */
static double ss_cell(const ss_in *a, size_t *coords, size_t k, size_t i, size_t t, uint32_t *flags)
{
    coords[a->over] = i;
    coords[a->time] = t;
    if (k != SIZE_MAX) {
        coords[a->reg] = k;
        const size_t cell = js_cube_cell_index(a->c, coords);
        *flags |= js_cube_flags(a->c, cell);
        return js_cube_value(a->c, cell);
    }
    const js_dim *const rd = js_cube_dim(a->c, a->reg);
    double sum = 0;
    for (size_t r = 0; r < js_dim_size(rd); r++) {
        if (ind_region_is_national(js_dim_category(rd, r)))
            continue;
        coords[a->reg] = r;
        const size_t cell = js_cube_cell_index(a->c, coords);
        *flags |= js_cube_flags(a->c, cell);
        sum += js_cube_value(a->c, cell); /* a missing cell makes the sum NaN */
    }
    return sum;
}

/* ---- shift-share ------------------------------------------------------------------------ */

static const char *const ss_codes[] = {"total",      "national",    "mix", "regional",
                                       "net_shift",  "em_regional", "em_allocation"};
enum { SS_TOTAL, SS_NATIONAL, SS_MIX, SS_REGIONAL, SS_NET, SS_EM_REGIONAL, SS_EM_ALLOCATION, SS_COUNT };

/* One region's components, summed over the industries in [i0, i1). */
static void ss_components(const ss_in *a, size_t *coords, size_t k, size_t i0, size_t i1, double *comp,
                          uint32_t *flags)
{
    const js_dim *const od = js_cube_dim(a->c, a->over);
    double ej1 = 0, e1 = 0, e2 = 0;
    for (size_t i = 0; i < js_dim_size(od); i++) { /* the totals, over every industry */
        if (js_dim_category(od, i)->is_total)
            continue;
        ej1 += ss_cell(a, coords, k, i, a->y1, flags);
        e1 += ss_cell(a, coords, a->ref, i, a->y1, flags);
        e2 += ss_cell(a, coords, a->ref, i, a->y2, flags);
    }
    const double big_g = e2 / e1;
    memset(comp, 0, SS_COUNT * sizeof *comp);
    double tj1 = 0, tj2 = 0;
    for (size_t i = i0; i < i1; i++) {
        if (js_dim_category(od, i)->is_total)
            continue;
        const double eij1 = ss_cell(a, coords, k, i, a->y1, flags), eij2 = ss_cell(a, coords, k, i, a->y2, flags);
        const double ei1 = ss_cell(a, coords, a->ref, i, a->y1, flags);
        const double ei2 = ss_cell(a, coords, a->ref, i, a->y2, flags);
        const double gi = ei2 / ei1, gij = eij2 / eij1, h = ej1 * ei1 / e1;
        if (!(fabs(ei1) > 0) || !(fabs(e1) > 0))
            *flags |= JS_FLAG_ZERO_DENOM;
        tj1 += eij1;
        tj2 += eij2;
        comp[SS_MIX] += eij1 * (gi - big_g);
        comp[SS_REGIONAL] += eij2 - eij1 * gi;
        /* an industry the region did not have in the first year has no growth rate of its own:
         * its homothetic part is undefined unless the reference has none either */
        if (fabs(eij1) > 0) {
            comp[SS_EM_REGIONAL] += h * (gij - gi);
            comp[SS_EM_ALLOCATION] += (eij1 - h) * (gij - gi);
        } else if (fabs(h) > 0) {
            comp[SS_EM_REGIONAL] = comp[SS_EM_ALLOCATION] = (double)NAN;
        }
    }
    comp[SS_TOTAL] = tj2 - tj1;
    comp[SS_NATIONAL] = tj1 * (big_g - 1);
    comp[SS_NET] = comp[SS_MIX] + comp[SS_REGIONAL];
}

static js_status ss_shape(const ss_in *a, int keep_over, int with_time, const char *extra,
                          const char *const *codes, size_t n_codes, js_cube **out)
{
    js_cube *const res = js_cube_alloc();
    js_status st = res ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < js_cube_ndims(a->c); i++) {
        if ((i == a->over && !keep_over) || (i == a->time && !with_time))
            continue;
        const js_dim *const dim = js_cube_dim(a->c, i);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++)
            if (!(i == a->reg && (k == a->ref || (a->ref == SIZE_MAX &&
                                                  ind_region_is_national(js_dim_category(dim, k))))) &&
                !(i == a->over && js_dim_category(dim, k)->is_total))
                st = js_cube_copy_category(res, nd, js_dim_category(dim, k), NULL);
    }
    if (st == JS_OK && extra != NULL) {
        size_t nd;
        st = js_cube_add_dim(res, extra, NULL, JS_ROLE_OTHER, &nd);
        for (size_t k = 0; st == JS_OK && k < n_codes; k++)
            st = js_cube_add_category(res, nd, codes[k], NULL, NULL);
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

/* The result cell of the input coordinates coords (region, industry and
 * time by code), with code k of the last dimension when extra. */
static size_t ss_res_cell(const ss_in *a, const js_cube *res, const size_t *coords, int extra, size_t k)
{
    size_t rc[JS_MAX_BY + 4];
    size_t j = 0;
    for (size_t i = 0; i < js_cube_ndims(a->c); i++) {
        const js_dim *const dim = js_cube_dim(a->c, i);
        const size_t r = js_cube_dim_named(res, js_dim_name(dim));
        if (r == SIZE_MAX)
            continue;
        rc[j++] = js_dim_find_code(js_cube_dim(res, r), js_dim_category(dim, coords[i])->code);
    }
    if (extra)
        rc[j++] = k;
    return js_cube_cell_index(res, rc);
}

static js_status ss_put(js_cube *res, size_t cell, double v, uint32_t flags)
{
    flags &= ~(uint32_t)JS_FLAG_SMALL_N;
    if (!isnan(v))
        js_cube_set_value(res, cell, v);
    else if (!(flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT | JS_FLAG_ZERO_DENOM)))
        flags |= JS_FLAG_MISSING_INPUT;
    return flags ? js_cube_add_flags(res, cell, flags) : JS_OK;
}

static js_status ind_shift_share(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                                 js_diag *d)
{
    ss_in a;
    js_status st = ss_aggregate(s, in[0], &a, d);
    if (st == JS_OK)
        st = ss_reference(s, &a, d);
    if (st == JS_OK)
        st = ss_years(s, &a, d);
    int keep_over = 0;
    for (size_t i = 0; st == JS_OK && i < s->n_by; i++)
        keep_over |= js_cube_find_dim(a.c, s->by[i]) == a.over;
    js_cube *res = NULL;
    if (st == JS_OK && js_cube_ndims(a.c) > JS_MAX_BY)
        st = JS_EUSAGE;
    if (st == JS_OK)
        st = ss_shape(&a, keep_over, 0, "component", ss_codes, SS_COUNT, &res);
    size_t coords[JS_MAX_BY + 4];
    const size_t n_ind = js_dim_size(js_cube_dim(a.c, a.over));
    for (size_t c = 0; st == JS_OK && c < js_cube_ncells(a.c); c++) {
        js_cube_cell_coords(a.c, c, coords);
        const size_t k = coords[a.reg], i = coords[a.over];
        const js_category *const rc = js_dim_category(js_cube_dim(a.c, a.reg), k);
        if (coords[a.time] != 0 || (!keep_over && i != 0) || k == a.ref ||
            (a.ref == SIZE_MAX && ind_region_is_national(rc)) ||
            (keep_over && js_dim_category(js_cube_dim(a.c, a.over), i)->is_total))
            continue;
        double comp[SS_COUNT];
        uint32_t flags = 0;
        size_t at[JS_MAX_BY + 4];
        memcpy(at, coords, sizeof at);
        ss_components(&a, at, k, keep_over ? i : 0, keep_over ? i + 1 : n_ind, comp, &flags);
        for (size_t j = 0; st == JS_OK && j < SS_COUNT; j++)
            st = ss_put(res, ss_res_cell(&a, res, coords, 1, j), comp[j], flags);
    }
    js_cube_free(a.own);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* ---- location quotient ---------------------------------------------------------------------- */

static js_status ind_location_quotient(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                                       js_diag *d)
{
    ss_in a;
    js_status st = ss_aggregate(s, in[0], &a, d);
    if (st == JS_OK)
        st = ss_reference(s, &a, d);
    js_cube *res = NULL;
    if (st == JS_OK && js_cube_ndims(a.c) > JS_MAX_BY)
        st = JS_EUSAGE;
    if (st == JS_OK)
        st = ss_shape(&a, 1, 1, NULL, NULL, 0, &res);
    size_t coords[JS_MAX_BY + 4];
    const js_dim *const od = st == JS_OK ? js_cube_dim(a.c, a.over) : NULL;
    for (size_t c = 0; st == JS_OK && c < js_cube_ncells(a.c); c++) {
        js_cube_cell_coords(a.c, c, coords);
        const size_t k = coords[a.reg], i = coords[a.over], t = coords[a.time];
        if (k == a.ref || js_dim_category(od, i)->is_total ||
            (a.ref == SIZE_MAX && ind_region_is_national(js_dim_category(js_cube_dim(a.c, a.reg), k))))
            continue;
        uint32_t flags = 0;
        size_t at[JS_MAX_BY + 4];
        memcpy(at, coords, sizeof at);
        double ej = 0, e = 0;
        for (size_t j = 0; j < js_dim_size(od); j++)
            if (!js_dim_category(od, j)->is_total) {
                ej += ss_cell(&a, at, k, j, t, &flags);
                e += ss_cell(&a, at, a.ref, j, t, &flags);
            }
        const double eij = ss_cell(&a, at, k, i, t, &flags), ei = ss_cell(&a, at, a.ref, i, t, &flags);
        const int zero = !(fabs(ej) > 0) || !(fabs(ei) > 0) || !(fabs(e) > 0);
        st = ss_put(res, ss_res_cell(&a, res, coords, 0, 0), zero ? (double)NAN : (eij / ej) / (ei / e),
                    flags | (zero && !isnan(ej + ei + e) ? JS_FLAG_ZERO_DENOM : 0));
    }
    js_cube_free(a.own);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* ---- population change ---------------------------------------------------------------------- */

static const char *const pc_codes[] = {"population", "change", "births", "deaths", "natural", "migration",
                                       "growth_pct", "natural_pct", "migration_pct", "country_growth_pct"};
enum { PC_POP, PC_CHANGE, PC_BIRTHS, PC_DEATHS, PC_NATURAL, PC_MIGRATION, PC_GROWTH, PC_NATURAL_PCT,
       PC_MIGRATION_PCT, PC_COUNTRY_GROWTH, PC_COUNT };

typedef struct pc_ctx {
    const js_cube *p;          /* population by by */
    size_t reg, time;          /* dimensions of p */
    size_t *prev;              /* per time category of p: the previous year's, SIZE_MAX: none */
    ind_map births, deaths;    /* births and deaths at p's coordinates */
    js_cube *res;
} pc_ctx;

/* The population at coords in time category k (the country's sum when
 * region is SIZE_MAX: the national row, else the sum of the regions). */
static double pc_pop(const pc_ctx *c, size_t *coords, size_t region, size_t k, uint32_t *flags)
{
    const js_dim *const rd = js_cube_dim(c->p, c->reg);
    const size_t save_r = coords[c->reg], save_t = coords[c->time];
    coords[c->time] = k;
    double v = 0;
    if (region != SIZE_MAX) {
        coords[c->reg] = region;
        const size_t cell = js_cube_cell_index(c->p, coords);
        *flags |= js_cube_flags(c->p, cell);
        v = js_cube_value(c->p, cell);
    } else {
        size_t national = SIZE_MAX;
        for (size_t r = 0; r < js_dim_size(rd) && national == SIZE_MAX; r++)
            if (ind_region_is_national(js_dim_category(rd, r)))
                national = r;
        for (size_t r = 0; r < js_dim_size(rd); r++) {
            if (national != SIZE_MAX ? r != national : ind_region_is_national(js_dim_category(rd, r)))
                continue;
            coords[c->reg] = r;
            v += js_cube_value(c->p, js_cube_cell_index(c->p, coords));
        }
    }
    coords[c->reg] = save_r;
    coords[c->time] = save_t;
    return v;
}

static js_status pc_put(js_cube *res, const size_t *coords, size_t nd, size_t j, double v, uint32_t flags)
{
    size_t rc[JS_MAX_BY + 2];
    memcpy(rc, coords, nd * sizeof *rc);
    rc[nd] = j;
    return ss_put(res, js_cube_cell_index(res, rc), v, flags);
}

/* 100 a / b, NaN with zero_denominator when b is 0. */
static double pc_pct(double a, double b, uint32_t *flags)
{
    if (!isnan(b) && !(fabs(b) > 0)) {
        *flags |= JS_FLAG_ZERO_DENOM;
        return (double)NAN;
    }
    return 100 * a / b;
}

static js_status pc_cell(const pc_ctx *c, size_t *coords)
{
    const size_t nd = js_cube_ndims(c->p), k = coords[c->time], prev = c->prev[k];
    uint32_t fp = 0, fb = 0, fd = 0, fprev = 0, fc = 0;
    const double p1 = pc_pop(c, coords, coords[c->reg], k, &fp);
    const double p0 = prev != SIZE_MAX ? pc_pop(c, coords, coords[c->reg], prev, &fprev) : (double)NAN;
    const double b = ind_map_value(&c->births, coords, &fb), dd = ind_map_value(&c->deaths, coords, &fd);
    const double change = p1 - p0, natural = b - dd, migration = change - natural;
    js_status st = pc_put(c->res, coords, nd, PC_POP, p1, fp);
    const uint32_t fchg = fp | fprev, fnat = fb | fd, fall = fchg | fnat;
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_CHANGE, change, fchg);
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_BIRTHS, b, fb);
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_DEATHS, dd, fd);
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_NATURAL, natural, fnat);
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_MIGRATION, migration, fall);
    uint32_t z = fchg;
    double v = pc_pct(change, p0, &z);
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_GROWTH, v, z);
    z = fall;
    v = pc_pct(natural, p0, &z);
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_NATURAL_PCT, v, z);
    z = fall;
    v = pc_pct(migration, p0, &z);
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_MIGRATION_PCT, v, z);
    const double c1 = pc_pop(c, coords, SIZE_MAX, k, &fc);
    const double c0 = prev != SIZE_MAX ? pc_pop(c, coords, SIZE_MAX, prev, &fc) : (double)NAN;
    v = pc_pct(c1 - c0, c0, &fc);
    if (st == JS_OK)
        st = pc_put(c->res, coords, nd, PC_COUNTRY_GROWTH, v, fc);
    return st;
}

/* Per time category of p, the category of the year before (SIZE_MAX: none). */
static js_status pc_prev_years(pc_ctx *c)
{
    const js_dim *const td = js_cube_dim(c->p, c->time);
    c->prev = js_calloc(js_dim_size(td) + 1, sizeof *c->prev);
    if (c->prev == NULL)
        return JS_ENOMEM;
    for (size_t k = 0; k < js_dim_size(td); k++) {
        const js_category *const cat = js_dim_category(td, k);
        c->prev[k] = SIZE_MAX;
        for (size_t j = 0; cat->period == 'Y' && j < js_dim_size(td); j++)
            if (js_dim_category(td, j)->period == 'Y' && js_dim_category(td, j)->year == cat->year - 1)
                c->prev[k] = j;
    }
    return JS_OK;
}

static js_status ind_population_change(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                                        js_diag *d)
{
    pc_ctx c;
    memset(&c, 0, sizeof c);
    js_cube *own = NULL, *own_b = NULL, *own_d = NULL;
    const js_cube *bc = NULL, *dc = NULL;
    js_status st = ind_aggregate(s, in[0], NULL, &c.p, &own, d);
    if (st == JS_OK)
        st = ind_need_role(s, c.p, JS_ROLE_REGION, "region (put region in by)", &c.reg, d);
    if (st == JS_OK)
        st = ind_need_role(s, c.p, JS_ROLE_TIME, "time (put the year in by)", &c.time, d);
    if (st == JS_OK && js_cube_ndims(c.p) > JS_MAX_BY)
        st = JS_EUSAGE;
    if (st == JS_OK)
        st = ind_map_aggregate(s, c.p, in[1], &bc, &own_b, d);
    if (st == JS_OK)
        st = ind_map_aggregate(s, c.p, in[2], &dc, &own_d, d);
    if (st == JS_OK)
        st = ind_map_build(s, c.p, bc, "births", &c.births, d);
    if (st == JS_OK)
        st = ind_map_build(s, c.p, dc, "deaths", &c.deaths, d);
    if (st == JS_OK)
        st = pc_prev_years(&c);
    if (st == JS_OK)
        st = ind_shape_like(c.p, SIZE_MAX, &c.res);
    size_t nd;
    if (st == JS_OK)
        st = js_cube_add_dim(c.res, "component", NULL, JS_ROLE_OTHER, &nd);
    for (size_t k = 0; st == JS_OK && k < PC_COUNT; k++)
        st = js_cube_add_category(c.res, nd, pc_codes[k], NULL, NULL);
    if (st == JS_OK)
        st = js_cube_alloc_cells(c.res);
    size_t coords[JS_MAX_BY + 2];
    for (size_t cell = 0; st == JS_OK && cell < js_cube_ncells(c.p); cell++) {
        js_cube_cell_coords(c.p, cell, coords);
        st = pc_cell(&c, coords);
    }
    ind_map_fini(&c.births);
    ind_map_fini(&c.deaths);
    js_free(c.prev);
    js_cube_free(own);
    js_cube_free(own_b);
    js_cube_free(own_d);
    if (st != JS_OK) {
        js_cube_free(c.res);
        return st;
    }
    *out = c.res;
    return JS_OK;
}

static const js_input_def pc_inputs[] = {
    {"population", JS_INPUT_DATA, 0, 0, "the population on 31 December by region and year"},
    {"births", JS_INPUT_DATA, 0, 0, "live births during the year by region"},
    {"deaths", JS_INPUT_DATA, 0, 0, "deaths during the year by region"},
    IND_INPUT_END};

static const js_key pc_keys[] = {IND_KEY_END};

const js_kind ind_kind_population_change = {
    .name = "population_change",
    .family = "regional comparison",
    .inputs = pc_inputs,
    .keys = pc_keys,
    .unit_sv = "personer",
    .unit_en = "persons",
    .unit_doc = "persons / %",
    .decimals = 0,
    .doc_en = "The change of the population P (31 December) per region and year, in a component "
        "dimension: population, change = P_t - P_t-1, births B, deaths D, natural = B - D, migration = "
        "change - natural (the residual: net migration and corrections), growth_pct, natural_pct and "
        "migration_pct per 100 of P_t-1, and country_growth_pct, the country's growth beside it.",
    .doc_sv = "Befolkningsförändringen per region och år: folkmängd, förändring, födda, döda, "
        "födelseöverskott = födda - döda, flyttningsnetto som rest (förändring - födelseöverskott), i "
        "procent av folkmängden året före, och rikets tillväxt bredvid.",
    .compute = ind_population_change,
};

static const char *ss_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)s;
    (void)lang;
    return in_unit ? in_unit : "";
}

/* ---- the rows ------------------------------------------------------------------------------ */

static const js_input_def ss_inputs[] = {
    {"data", JS_INPUT_DATA, 0, 1, "employment (or any count) by region, industry and year"}, IND_INPUT_END};

static const js_key ss_keys[] = {
    {"over", JS_KEY_TEXT, "industry", 0, 0, NULL, 0, "the dimension of industries (or other categories)"},
    {"reference", JS_KEY_TEXT, NULL, 0, 0, NULL, 0,
     "the reference area's code, or sum (default: the national total, else the sum of the regions)"},
    {"from", JS_KEY_YEAR, NULL, 1000, 9999, NULL, 0, "the first year (default: the first selected)"},
    {"to", JS_KEY_YEAR, NULL, 1000, 9999, NULL, 0, "the last year (default: the last selected)"},
    IND_KEY_END};

const js_kind ind_kind_shift_share = {
    .name = "shift_share",
    .family = "regional comparison",
    .inputs = ss_inputs,
    .keys = ss_keys,
    .unit_sv = "",
    .unit_en = "",
    .unit_doc = "as the data",
    .decimals = 0,
    .doc_en = "The change of each region between two years against a reference area, in a component "
        "dimension: national = E_j1 (G - 1); mix = sum e_ij1 (g_i - G); regional = sum (e_ij2 - e_ij1 "
        "g_i) (Dunn); total = their sum; net_shift = mix + regional; Esteban-Marquillas: em_regional = "
        "sum h_ij (g_ij - g_i) with h_ij = E_j1 e_i1 / E_1, em_allocation = sum (e_ij1 - h_ij)(g_ij - g_i). "
        "With over in by, per industry.",
    .doc_sv = "Varje regions förändring mellan två år mot ett referensområde, uppdelad i komponenter: "
        "national (som om regionen växte som referensen), mix (branschstrukturen), regional (regionens "
        "egen konkurrenskraft, Dunn), total, net_shift = mix + regional, och Esteban-Marquillas "
        "homotetiska uppdelning em_regional och em_allocation.",
    .unit = ss_unit,
    .compute = ind_shift_share,
};

static const js_key lq_keys[] = {
    {"over", JS_KEY_TEXT, "industry", 0, 0, NULL, 0, "the dimension of industries (or other categories)"},
    {"reference", JS_KEY_TEXT, NULL, 0, 0, NULL, 0,
     "the reference area's code, or sum (default: the national total, else the sum of the regions)"},
    IND_KEY_END};

const js_kind ind_kind_location_quotient = {
    .name = "location_quotient",
    .family = "regional comparison",
    .inputs = ss_inputs,
    .keys = lq_keys,
    .unit_sv = "kvot",
    .unit_en = "ratio",
    .unit_doc = "ratio",
    .decimals = 2,
    .doc_en = "Location quotient per region, industry and year: (e_ij / E_j) / (e_i / E), the industry's "
        "share of the region's employment over its share in the reference area; 1 = as the reference.",
    .doc_sv = "Lokaliseringskvot per region, bransch och år: branschens andel av regionens sysselsättning "
        "delad med dess andel i referensområdet; 1 = som referensen.",
    .compute = ind_location_quotient,
};
