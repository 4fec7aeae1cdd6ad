/*
 * ind_demog.c - events and population by age as person-years (METHODS
 * 0.3), shared by the demographic kinds (ind_demog.h).
 *
 * Both inputs are aggregated once, by the indicator's by dimensions plus
 * time and age, over the selection less its time terms; the selection's
 * years are kept as a mask.  So "where = year:2015" still finds the
 * population of 31 Dec 2014 for the mean of the two year-ends, and a
 * 5-year pool ending in 2015 finds 2011.  The age classes of the two
 * inputs must be the same: deaths to 100+ against a population to 95+ is an
 * error that says so, not a table that quietly folds one into the other.
 */
#include "indic/ind_demog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "indic/select.h"

/* ---- the selection without its time terms -------------------------------------- */

/* The time dimensions of the events and the population, for dm_not_time. */
typedef struct dm_times {
    const js_cube *ev, *pop;
    size_t ev_t, pop_t;
} dm_times;

/* Is dim neither the events' nor the population's time dimension? */
static int dm_not_time(const char *dim, const void *arg)
{
    const dm_times *const t = arg;
    return !(t->ev_t != SIZE_MAX && js_cube_find_dim(t->ev, dim) == t->ev_t) &&
           !(t->pop_t != SIZE_MAX && js_cube_find_dim(t->pop, dim) == t->pop_t);
}

/* Is dim one of cube's dimensions, other than a region? */
static int dm_on_not_region(const char *dim, const void *cube)
{
    const size_t i = js_cube_find_dim(cube, dim);
    return i != SIZE_MAX && js_dim_role(js_cube_dim(cube, i)) != JS_ROLE_REGION;
}

js_status dm_where_on(const js_sel *where, const js_cube *c, js_sel **out)
{
    return js_sel_keep(where, dm_on_not_region, c, out);
}

/* ---- age classes ------------------------------------------------------------------ */

typedef struct dm_age {
    double lo, hi;
    size_t cat;
} dm_age;

static int dm_age_cmp(const void *a, const void *b)
{
    const double x = ((const dm_age *)a)->lo, y = ((const dm_age *)b)->lo;
    return (x > y) - (x < y);
}

/* The age classes of dim (no totals), sorted; NULL when out of memory. */
static dm_age *dm_ages(const js_dim *dim, size_t *n)
{
    dm_age *const a = js_calloc(js_dim_size(dim) + 1, sizeof *a);
    size_t m = 0;
    for (size_t k = 0; a != NULL && k < js_dim_size(dim); k++) {
        const js_category *const c = js_dim_category(dim, k);
        if (!c->is_total && !isnan(c->age_lo))
            a[m++] = (dm_age){c->age_lo, c->age_hi, k};
    }
    if (a != NULL)
        qsort(a, m, sizeof *a, dm_age_cmp);
    *n = m;
    return a;
}

/* Same classes in both, none overlapping, and with full tiling [0, inf):
 * else an error naming the first difference, overlap or gap. */
static js_status dm_match_ages(dm_frame *f, const char *what_ev, const char *what_pop, int full,
                               js_diag *d)
{
    const js_dim *const de = js_cube_dim(f->ev, f->ev_age), *const dp = js_cube_dim(f->pop, f->pop_age);
    size_t ne, np;
    dm_age *const ae = dm_ages(de, &ne), *const ap = dm_ages(dp, &np);
    js_status st = ae && ap ? JS_OK : JS_ENOMEM;
    const char *const id = f->s->id;
    for (size_t k = 0; st == JS_OK && k < (ne > np ? ne : np); k++) {
        if (k < ne && k < np && fabs(ae[k].lo - ap[k].lo) < 1e-9 &&
            (fabs(ae[k].hi - ap[k].hi) < 1e-9 || (isinf(ae[k].hi) && isinf(ap[k].hi))))
            continue;
        js_diag_error(d, NULL, 0, 0,
                      "%s: the age classes of %s and %s differ: %s has %s where %s has %s", id, what_ev,
                      what_pop, what_ev, k < ne ? js_dim_category(de, ae[k].cat)->code : "no class",
                      what_pop, k < np ? js_dim_category(dp, ap[k].cat)->code : "no class");
        st = JS_EDATA;
    }
    for (size_t k = 1; st == JS_OK && k < ne; k++)
        if (ae[k].lo < ae[k - 1].hi - 1e-9) {
            js_diag_error(d, NULL, 0, 0, "%s: the age classes %s and %s of %s overlap", id,
                          js_dim_category(de, ae[k - 1].cat)->code, js_dim_category(de, ae[k].cat)->code,
                          what_ev);
            st = JS_EDATA;
        }
    for (size_t k = 0; st == JS_OK && full && k < ne; k++) {
        const double start = k ? ae[k - 1].hi : 0;
        const int last = k + 1 == ne;
        if (fabs(ae[k].lo - start) > 1e-9 || (last && !isinf(ae[k].hi))) {
            const char *const code = js_dim_category(de, ae[k].cat)->code;
            if (last && fabs(ae[k].lo - start) <= 1e-9)
                js_diag_error(d, NULL, 0, 0, "%s: the last age class (%s) is not open (such as 100+): a life "
                              "table needs every age", id, code);
            else
                js_diag_error(d, NULL, 0, 0, "%s: the age classes do not tile the ages: class %s starts at %g, "
                              "the one before ends at %g", id, code, ae[k].lo, start);
            st = JS_EDATA;
        }
    }
    if (st == JS_OK && ne == 0) {
        js_diag_error(d, NULL, 0, 0, "%s: %s has no age classes", id, what_ev);
        st = JS_EDATA;
    }
    f->cls = st == JS_OK ? js_calloc(ne, sizeof *f->cls) : NULL;
    if (st == JS_OK && f->cls == NULL)
        st = JS_ENOMEM;
    for (size_t k = 0; st == JS_OK && k < ne; k++)
        f->cls[k] = (dm_class){ae[k].lo, ae[k].hi, ae[k].cat, ap[k].cat, 0, 0, 0, 0};
    f->n_cls = st == JS_OK ? ne : 0;
    js_free(ae);
    js_free(ap);
    return st;
}

/* ---- categories of the population ------------------------------------------------- */

static js_status dm_map(dm_frame *f, const char *what_pop, js_diag *d)
{
    const size_t nd = js_cube_ndims(f->ev);
    f->pop_dim = js_calloc(nd, sizeof *f->pop_dim);
    f->pop_cat = js_calloc(nd, sizeof *f->pop_cat);
    if (f->pop_dim == NULL || f->pop_cat == NULL)
        return JS_ENOMEM;
    for (size_t j = 0; j < nd; j++) {
        const js_dim *const dim = js_cube_dim(f->ev, j);
        f->pop_dim[j] = j == f->ev_age ? f->pop_age : j == f->ev_time ? f->pop_time
                                                    : js_cube_find_dim(f->pop, js_dim_name(dim));
        if (j == f->ev_age || j == f->ev_time)
            continue;
        if (f->pop_dim[j] == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: %s has no dimension %s", f->s->id, what_pop, js_dim_name(dim));
            return JS_EUSAGE;
        }
        const js_dim *const pd = js_cube_dim(f->pop, f->pop_dim[j]);
        if ((f->pop_cat[j] = js_calloc(js_dim_size(dim) + 1, sizeof **f->pop_cat)) == NULL)
            return JS_ENOMEM;
        for (size_t k = 0; k < js_dim_size(dim); k++)
            f->pop_cat[j][k] = js_dim_find_code(pd, js_dim_category(dim, k)->code);
    }
    if (f->ev_time == SIZE_MAX)
        return JS_OK;
    const js_dim *const te = js_cube_dim(f->ev, f->ev_time), *const tp = js_cube_dim(f->pop, f->pop_time);
    const size_t nt = js_dim_size(te);
    f->pop_year = js_calloc(nt + 1, sizeof *f->pop_year);
    f->pop_prev = js_calloc(nt + 1, sizeof *f->pop_prev);
    if (f->pop_year == NULL || f->pop_prev == NULL)
        return JS_ENOMEM;
    for (size_t t = 0; t < nt; t++) {
        const int y = js_dim_category(te, t)->year;
        f->pop_year[t] = f->pop_prev[t] = SIZE_MAX;
        for (size_t u = 0; u < js_dim_size(tp); u++) {
            const js_category *const c = js_dim_category(tp, u);
            if (y != 0 && c->year == y && c->sub == 0)
                f->pop_year[t] = u;
            if (y != 0 && c->year == y - 1 && c->sub == 0)
                f->pop_prev[t] = u;
        }
    }
    return JS_OK;
}

/* The years where selects, as a mask over the ev aggregate's time categories. */
static js_status dm_chosen(dm_frame *f, const js_cube *events, int had_time, js_diag *d)
{
    const size_t nt = f->ev_time == SIZE_MAX ? 1 : js_dim_size(js_cube_dim(f->ev, f->ev_time));
    if ((f->chosen = js_calloc(nt, 1)) == NULL)
        return JS_ENOMEM;
    memset(f->chosen, 1, nt);
    f->sex = JS_SEX_TOTAL;
    if (f->s->where == NULL)
        return JS_OK;
    js_sel_masks sel;
    const js_status st = js_sel_resolve(events, f->s->where, f->s->id, &sel, d);
    if (st != JS_OK)
        return st;
    const size_t sx = js_cube_dim_by_role(events, JS_ROLE_SEX);
    if (sx != SIZE_MAX && sel.mask[sx] != NULL) {
        size_t n = 0;
        js_sex one = JS_SEX_TOTAL;
        for (size_t k = 0; k < js_dim_size(js_cube_dim(events, sx)); k++)
            if (sel.mask[sx][k]) {
                n++;
                one = js_dim_category(js_cube_dim(events, sx), k)->sex;
            }
        f->sex = n == 1 && (one == JS_SEX_WOMEN || one == JS_SEX_MEN) ? one : JS_SEX_TOTAL;
    }
    const size_t t0 = js_cube_dim_by_role(events, JS_ROLE_TIME);
    if (had_time && t0 != SIZE_MAX && f->ev_time != SIZE_MAX && sel.mask[t0] != NULL) {
        const js_dim *const src = js_cube_dim(events, t0), *const te = js_cube_dim(f->ev, f->ev_time);
        for (size_t t = 0; t < nt; t++) {
            const size_t k = js_dim_find_code(src, js_dim_category(te, t)->code);
            f->chosen[t] = k != SIZE_MAX && sel.mask[t0][k];
        }
    }
    js_sel_masks_fini(&sel);
    return JS_OK;
}

/* ---- the frame ---------------------------------------------------------------------- */

void dm_frame_fini(dm_frame *f)
{
    if (f->pop_cat != NULL)
        for (size_t j = 0; f->ev != NULL && j < js_cube_ndims(f->ev); j++)
            js_free(f->pop_cat[j]);
    js_free(f->pop_cat);
    js_free(f->pop_dim);
    js_free(f->pop_year);
    js_free(f->pop_prev);
    js_free(f->chosen);
    js_free(f->cls);
    js_free(f->ev_list);
    js_free(f->pop_list);
    js_cube_free(f->own_ev);
    js_cube_free(f->own_pop);
    memset(f, 0, sizeof *f);
}

/* by + time (unless in by) + age, borrowed names. */
static js_status dm_by(const js_indicator_spec *s, const js_cube *ev, size_t age, size_t time,
                       const char ***out, size_t *n, int *time_in_by, js_diag *d)
{
    const char **const by = js_calloc(s->n_by + 2, sizeof *by);
    if (by == NULL)
        return JS_ENOMEM;
    size_t m = 0;
    *time_in_by = 0;
    for (size_t i = 0; i < s->n_by; i++) {
        const size_t j = js_cube_find_dim(ev, s->by[i]);
        if (j == age) {
            js_diag_error(d, NULL, 0, 0, "%s: the age dimension must not be in by (at_age chooses the ages)",
                          s->id);
            js_free(by);
            return JS_EUSAGE;
        }
        *time_in_by |= j == time && time != SIZE_MAX;
        by[m++] = s->by[i];
    }
    if (time != SIZE_MAX && !*time_in_by)
        by[m++] = js_dim_name(js_cube_dim(ev, time));
    by[m++] = js_dim_name(js_cube_dim(ev, age));
    *out = by;
    *n = m;
    return JS_OK;
}

/* The targets of a range frame: the events' class starts in [lo, hi). */
static js_status dm_match_range(dm_frame *f, const char *what_ev, const char *what_pop, double lo,
                                double hi, js_diag *d)
{
    const js_dim *const de = js_cube_dim(f->ev, f->ev_age), *const dp = js_cube_dim(f->pop, f->pop_age);
    size_t ne, np;
    dm_age *const ae = dm_ages(de, &ne), *const ap = dm_ages(dp, &np);
    f->cls = js_calloc(ne + 1, sizeof *f->cls);
    f->ev_list = js_calloc(ne + 1, sizeof *f->ev_list);
    f->pop_list = js_calloc(np + 1, sizeof *f->pop_list);
    js_status st = ae && ap && f->cls && f->ev_list && f->pop_list ? JS_OK : JS_ENOMEM;
    const char *const id = f->s->id;
    for (size_t k = 0; st == JS_OK && k < js_dim_size(de); k++) {
        const js_category *const c = js_dim_category(de, k);
        if (!c->is_total && isnan(c->age_lo))
            f->ev_unknown = k; /* "no information": spread pro rata by the caller */
    }
    size_t n = 0, ne_used = 0, np_used = 0;
    for (size_t k = 0; st == JS_OK && k < ne; k++)
        if (ae[k].lo >= lo - 1e-9 && ae[k].lo < hi - 1e-9)
            f->cls[n++] = (dm_class){ae[k].lo, 0, ae[k].cat, SIZE_MAX, 0, 0, 0, 0};
    for (size_t k = 0; k < n; k++)
        f->cls[k].hi = k + 1 < n ? f->cls[k + 1].lo : hi;
    if (st == JS_OK && (n == 0 || fabs(f->cls[0].lo - lo) > 1e-9)) {
        js_diag_error(d, NULL, 0, 0, "%s: %s has no age class starting at %g", id, what_ev, lo);
        st = JS_EDATA;
    }
    for (size_t k = 0; st == JS_OK && k < n; k++) {
        dm_class *const c = &f->cls[k];
        /* events: below the range in the first class, above it in the last */
        const double elo = k == 0 ? -HUGE_VAL : c->lo, ehi = k + 1 == n ? HUGE_VAL : c->hi;
        c->ev_first = ne_used;
        for (size_t j = 0; j < ne; j++)
            if (ae[j].lo >= elo - 1e-9 && ae[j].hi <= ehi + 1e-9)
                f->ev_list[ne_used++] = ae[j].cat;
            else if (ae[j].lo < ehi - 1e-9 && ae[j].hi > ehi + 1e-9 && ae[j].lo >= elo - 1e-9) {
                js_diag_error(d, NULL, 0, 0, "%s: the %s age class %s straddles %g", id, what_ev,
                              js_dim_category(de, ae[j].cat)->code, ehi);
                st = JS_EDATA;
            }
        c->ev_n = ne_used - c->ev_first;
        /* the population: exactly [lo, hi) */
        c->pop_first = np_used;
        double at = c->lo;
        for (size_t j = 0; j < np; j++)
            if (ap[j].lo >= c->lo - 1e-9 && ap[j].hi <= c->hi + 1e-9 && fabs(ap[j].lo - at) < 1e-9) {
                f->pop_list[np_used++] = ap[j].cat;
                at = ap[j].hi;
            }
        c->pop_n = np_used - c->pop_first;
        c->pop_cat = c->pop_n ? f->pop_list[c->pop_first] : SIZE_MAX;
        if (st == JS_OK && fabs(at - c->hi) > 1e-9) {
            js_diag_error(d, NULL, 0, 0, "%s: the age classes of %s do not make the class from %g to %g of "
                          "%s (they reach %g)", id, what_pop, c->lo, c->hi, what_ev, at);
            st = JS_EDATA;
        }
    }
    f->n_cls = st == JS_OK ? n : 0;
    js_free(ae);
    js_free(ap);
    return st;
}

/* Both kinds of frame: mode 0 identical classes, 1 the same for a life
 * table, 2 a range [lo, hi). */
static js_status dm_init(dm_frame *f, const js_indicator_spec *s, const js_cube *events,
                         const js_cube *population, const char *what_ev, const char *what_pop,
                         int mid_year, int mode, double lo, double hi, const js_sel *pop_sel, js_diag *d)
{
    memset(f, 0, sizeof *f);
    f->s = s;
    f->mid_year = mid_year;
    f->ev_unknown = SIZE_MAX;
    size_t age, page;
    js_status st = ind_need_role(s, events, JS_ROLE_AGE, "age", &age, d);
    if (st == JS_OK)
        st = ind_need_role(s, population, JS_ROLE_AGE, "age", &page, d);
    if (st != JS_OK)
        return st;
    const size_t time = js_cube_dim_by_role(events, JS_ROLE_TIME);
    const size_t ptime = js_cube_dim_by_role(population, JS_ROLE_TIME);
    if ((time == SIZE_MAX) != (ptime == SIZE_MAX) || (time == SIZE_MAX && !mid_year)) {
        js_diag_error(d, NULL, 0, 0, "%s: %s and %s need a time dimension each (the person-years of a year "
                      "are the mean of two 31 December populations; exposure = mid_year takes the "
                      "population as it is)", s->id, what_ev, what_pop);
        return JS_EUSAGE;
    }
    js_sel *w = NULL, *wp = NULL; /* where less its time terms; for the population, with pop_sel */
    const dm_times times = {events, population, time, ptime};
    st = js_sel_keep(s->where, dm_not_time, &times, &w);
    if (st == JS_OK)
        st = js_sel_join(w, pop_sel, &wp);
    const int had_time = js_sel_nterms(w) != js_sel_nterms(s->where);
    int pop_time_in_by = 0;
    const char **by = NULL, **pby = NULL;
    size_t n_by = 0, n_pby = 0;
    if (st == JS_OK)
        st = dm_by(s, events, age, time, &by, &n_by, &f->time_in_by, d);
    if (st == JS_OK)
        st = dm_by(s, population, page, ptime, &pby, &n_pby, &pop_time_in_by, d);
    if (st == JS_OK)
        st = js_aggregate_cached(s->cache, events, w, by, n_by, s->id, &f->ev, &f->own_ev, d);
    if (st == JS_OK)
        st = js_aggregate_cached(s->cache, population, wp, pby, n_pby, s->id, &f->pop, &f->own_pop, d);
    js_free(by);
    js_free(pby);
    js_sel_free(w);
    js_sel_free(wp);
    if (st == JS_OK) {
        f->ev_age = js_cube_ndims(f->ev) - 1;
        f->pop_age = js_cube_ndims(f->pop) - 1;
        f->ev_time = js_cube_dim_by_role(f->ev, JS_ROLE_TIME);
        f->pop_time = js_cube_dim_by_role(f->pop, JS_ROLE_TIME);
        st = mode == 2 ? dm_match_range(f, what_ev, what_pop, lo, hi, d)
                       : dm_match_ages(f, what_ev, what_pop, mode == 1, d);
    }
    if (st == JS_OK)
        st = dm_map(f, what_pop, d);
    if (st == JS_OK)
        st = dm_chosen(f, events, had_time, d);
    if (st != JS_OK)
        dm_frame_fini(f);
    return st;
}

js_status dm_frame_init(dm_frame *f, const js_indicator_spec *s, const js_cube *events,
                        const js_cube *population, const char *what_ev, const char *what_pop,
                        int mid_year, int full, js_diag *d)
{
    return dm_init(f, s, events, population, what_ev, what_pop, mid_year, full ? 1 : 0, 0, 0, NULL, d);
}

js_status dm_frame_init_range(dm_frame *f, const js_indicator_spec *s, const js_cube *events,
                              const js_cube *population, const char *what_ev, const char *what_pop,
                              int mid_year, double age_lo, double age_hi, const js_sel *pop_sel,
                              js_diag *d)
{
    return dm_init(f, s, events, population, what_ev, what_pop, mid_year, 2, age_lo, age_hi, pop_sel, d);
}

/* ---- the result ----------------------------------------------------------------------- */

js_status dm_result_shape(const dm_frame *f, int pool, js_cube **out, size_t *res_ev)
{
    js_cube *const res = js_cube_alloc();
    js_status st = res ? JS_OK : JS_ENOMEM;
    size_t nr = 0;
    for (size_t j = 0; st == JS_OK && j < js_cube_ndims(f->ev); j++) {
        if (j == f->ev_age || (j == f->ev_time && !f->time_in_by))
            continue;
        const js_dim *const dim = js_cube_dim(f->ev, j);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
        res_ev[nr++] = j;
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++) {
            const js_category *const c = js_dim_category(dim, k);
            if (j != f->ev_time) {
                st = js_cube_copy_category(res, nd, c, NULL);
            } else if (f->chosen[k]) {
                char label[64];
                (void)snprintf(label, sizeof label, "%d-%d", c->year - pool + 1, c->year);
                st = pool > 1 && c->year != 0 ? js_cube_add_category(res, nd, c->code, label, NULL)
                                              : js_cube_copy_category(res, nd, c, NULL);
            }
        }
    }
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

void dm_coords(const dm_frame *f, const js_cube *res, const size_t *res_ev, size_t r, size_t *ev_idx,
               size_t *t_res)
{
    size_t ridx[JS_MAX_BY + 2];
    js_cube_cell_coords(res, r, ridx);
    *t_res = SIZE_MAX;
    for (size_t j = 0; j < js_cube_ndims(f->ev); j++)
        ev_idx[j] = 0;
    for (size_t i = 0; i < js_cube_ndims(res) && i < JS_MAX_BY + 2; i++) {
        const size_t j = res_ev[i];
        if (j == SIZE_MAX)
            continue; /* a dimension of the result alone (the ages of at_age) */
        if (j == f->ev_time) {
            /* the result keeps only the chosen years: its code finds the ev category */
            const js_dim *const rt = js_cube_dim(res, i);
            *t_res = js_dim_find_code(js_cube_dim(f->ev, j), js_dim_category(rt, ridx[i])->code);
            ev_idx[j] = *t_res;
        } else {
            ev_idx[j] = ridx[i];
        }
    }
}

size_t dm_window(const dm_frame *f, size_t t, int pool, size_t *years)
{
    if (f->ev_time == SIZE_MAX) {
        years[0] = 0;
        return 1;
    }
    const js_dim *const te = js_cube_dim(f->ev, f->ev_time);
    size_t n = 0;
    if (!f->time_in_by) {
        for (size_t u = 0; u < js_dim_size(te); u++)
            if (f->chosen[u])
                years[n++] = u;
        return n;
    }
    const int y = js_dim_category(te, t)->year;
    for (int back = 0; back < pool; back++) {
        size_t found = SIZE_MAX;
        for (size_t u = 0; u < js_dim_size(te) && found == SIZE_MAX; u++)
            if (js_dim_category(te, u)->year == y - back && js_dim_category(te, u)->sub == 0)
                found = u;
        if (found == SIZE_MAX || (pool > 1 && y == 0))
            break;
        years[n++] = found;
    }
    return n;
}

/* The population cell at the ev coordinates, with the pop time category pt
 * and the pop age category k. */
static size_t dm_pop_cell(const dm_frame *f, const size_t *ev_idx, size_t pt, size_t k, int *ok)
{
    size_t pidx[JS_MAX_BY + 2];
    *ok = 1;
    for (size_t j = 0; j < js_cube_ndims(f->ev); j++) {
        const size_t pj = f->pop_dim[j];
        if (j == f->ev_age)
            pidx[pj] = k;
        else if (j == f->ev_time)
            pidx[pj] = pt;
        else
            pidx[pj] = f->pop_cat[j][ev_idx[j]];
        if (pidx[pj] == SIZE_MAX)
            *ok = 0;
    }
    return *ok ? js_cube_cell_index(f->pop, pidx) : 0;
}

/* One population value (NaN when the category is missing); its flags. */
static double dm_pop_value(const dm_frame *f, const size_t *ev_idx, size_t pt, size_t k, uint32_t *flags)
{
    int ok;
    const size_t cell = dm_pop_cell(f, ev_idx, pt, k, &ok);
    if (!ok)
        return (double)NAN;
    *flags |= js_cube_flags(f->pop, cell);
    return js_cube_value(f->pop, cell);
}

/* Person-years of pop age category pc in ev time category y. */
static double dm_expo(const dm_frame *f, const size_t *ev_idx, size_t y, size_t pc, uint32_t *flags,
                      int *no_prev)
{
    const size_t pt = f->ev_time == SIZE_MAX ? 0 : f->pop_year[y];
    const double now = pt == SIZE_MAX ? (double)NAN : dm_pop_value(f, ev_idx, pt, pc, flags);
    if (f->mid_year)
        return now;
    const size_t pp = f->pop_prev[y];
    if (pp == SIZE_MAX)
        *no_prev = 1;
    const double before = pp == SIZE_MAX ? (double)NAN : dm_pop_value(f, ev_idx, pp, pc, flags);
    return (before + now) / 2; /* METHODS 0.3: the mean of the two 31 December stocks */
}

/* Events at ev age category c summed over the years. */
static double dm_events(const dm_frame *f, size_t *ev_idx, size_t c, const size_t *years, size_t ny,
                        uint32_t *flags)
{
    double ev = 0;
    ev_idx[f->ev_age] = c;
    for (size_t i = 0; i < ny; i++) {
        if (f->ev_time != SIZE_MAX)
            ev_idx[f->ev_time] = years[i];
        const size_t cell = js_cube_cell_index(f->ev, ev_idx);
        *flags |= js_cube_flags(f->ev, cell);
        ev += js_cube_value(f->ev, cell);
    }
    return ev;
}

void dm_sum(const dm_frame *f, size_t *ev_idx, size_t k, const size_t *years, size_t ny,
            double *events, double *expo, uint32_t *flags, int *no_prev)
{
    const dm_class *const c = &f->cls[k];
    double ev = 0, e = 0;
    if (c->ev_n == 0)
        ev = dm_events(f, ev_idx, c->ev_cat, years, ny, flags);
    for (size_t i = 0; i < c->ev_n; i++)
        ev += dm_events(f, ev_idx, f->ev_list[c->ev_first + i], years, ny, flags);
    for (size_t i = 0; i < ny; i++) {
        if (f->ev_time != SIZE_MAX)
            ev_idx[f->ev_time] = years[i];
        if (c->pop_n == 0)
            e += dm_expo(f, ev_idx, years[i], c->pop_cat, flags, no_prev);
        for (size_t j = 0; j < c->pop_n; j++)
            e += dm_expo(f, ev_idx, years[i], f->pop_list[c->pop_first + j], flags, no_prev);
    }
    if (isnan(ev) || isnan(e))
        *flags |= JS_FLAG_MISSING_INPUT;
    *events = ev;
    *expo = e;
}

double dm_unknown(const dm_frame *f, size_t *ev_idx, const size_t *years, size_t ny, uint32_t *flags)
{
    return f->ev_unknown == SIZE_MAX ? 0 : dm_events(f, ev_idx, f->ev_unknown, years, ny, flags);
}

void dm_describe(const dm_frame *f, const js_cube *res, size_t r, size_t k, js_buf *b)
{
    size_t ridx[JS_MAX_BY + 2];
    js_cube_cell_coords(res, r, ridx);
    js_buf_reset(b);
    for (size_t i = 0; i < js_cube_ndims(res); i++) {
        const js_dim *const dim = js_cube_dim(res, i);
        const js_category *const c = js_dim_category(dim, ridx[i]);
        if (k != SIZE_MAX && js_dim_role(dim) == JS_ROLE_AGE)
            continue; /* the age of the table's class, below, says more */
        js_buf_printf(b, "%s%s=%s", b->len ? " " : "", js_dim_name(dim), c->code);
        if (js_dim_role(dim) == JS_ROLE_REGION && strcmp(c->label, c->code) != 0)
            js_buf_printf(b, " (%s)", c->label);
    }
    if (k != SIZE_MAX)
        js_buf_printf(b, "%sage=%s", b->len ? " " : "",
                      js_dim_category(js_cube_dim(f->ev, f->ev_age), f->cls[k].ev_cat)->code);
}

js_sex dm_sex(const dm_frame *f, const js_cube *res, size_t r)
{
    const size_t sd = js_cube_dim_by_role(res, JS_ROLE_SEX);
    if (sd == SIZE_MAX)
        return f->sex;
    size_t ridx[JS_MAX_BY + 2];
    js_cube_cell_coords(res, r, ridx);
    const js_sex x = js_dim_category(js_cube_dim(res, sd), ridx[sd])->sex;
    return x == JS_SEX_NONE ? JS_SEX_TOTAL : x;
}
