/*
 * aggregate.c - summing a cube down to its "by" dimensions.
 *
 * One pass over the input cells with an odometer of coordinates.  For each
 * dimension a table says, per category, whether it takes part, and for a
 * kept dimension which output category it lands in.  Sums carry status: a
 * missing or suppressed component makes the sum missing (METHODS 0.4: never
 * a silent zero), "-" counts as zero and is flagged.
 */
#include "jamstat/indicator.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "indic/marginal.h"
#include "indic/select.h"

typedef struct agg_dim {
    size_t *out_cat; /* per input category: output category, or SIZE_MAX = not taking part */
    size_t out_dim;  /* position in by, or SIZE_MAX if summed over */
    size_t all_cat;  /* a kept dimension's output category that sums all its input categories
                        (the selection's "total" where the data has none); SIZE_MAX: none */
} agg_dim;

/* Which categories of an unselected, summed-over dimension take part: its
 * total when it has one, else all.  Time and contents must not be summed. */
int agg_default_total(const js_dim *dim, size_t *total)
{
    const size_t n = js_dim_size(dim);
    *total = SIZE_MAX;
    for (size_t k = 0; k < n && *total == SIZE_MAX; k++)
        if (js_dim_category(dim, k)->is_total)
            *total = k;
    const js_role role = js_dim_role(dim);
    if (*total != SIZE_MAX || n < 2)
        return 1;
    return !(role == JS_ROLE_TIME || role == JS_ROLE_CONTENTS ||
             (role == JS_ROLE_REGION && js_region_levels_nest(dim, NULL, NULL)));
}

int js_region_levels_nest(const js_dim *dim, size_t *outer, size_t *inner)
{
    size_t min = SIZE_MAX, max = 0;
    for (size_t k = 0; k < js_dim_size(dim); k++) {
        const size_t len = strlen(js_dim_category(dim, k)->code);
        min = len < min ? len : min;
        max = len > max ? len : max;
    }
    if (min == max || min == 0) /* one level: the common case, in one pass */
        return 0;
    char prefix[64];
    for (size_t k = 0; k < js_dim_size(dim); k++) {
        const char *const code = js_dim_category(dim, k)->code;
        for (size_t len = min; len < strlen(code) && len < sizeof prefix; len++) {
            memcpy(prefix, code, len);
            prefix[len] = '\0';
            const size_t o = js_dim_find_code(dim, prefix);
            if (o != SIZE_MAX) {
                if (outer != NULL)
                    *outer = o;
                if (inner != NULL)
                    *inner = k;
                return 1;
            }
        }
    }
    return 0;
}

void agg_finish_cell(js_cube *res, size_t o, double sum, uint32_t *flags, int touched)
{
    const uint32_t bad = JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT;
    if (touched && !(*flags & bad) && isinf(sum)) /* values near 1e308 summed: no number */
        *flags |= JS_FLAG_OVERFLOW;
    else if (touched && !(*flags & bad))
        js_cube_set_value(res, o, sum);
    else if (!touched)
        *flags |= JS_FLAG_MISSING_INPUT;
}

static js_status agg_default_mask(const js_dim *dim, const char *what, size_t *out_cat,
                                  js_diag *d)
{
    const size_t n = js_dim_size(dim);
    size_t total;
    size_t outer, inner;
    if (!agg_default_total(dim, &total) && js_dim_role(dim) == JS_ROLE_REGION &&
        js_region_levels_nest(dim, &outer, &inner)) {
        js_diag_error(d, NULL, 0, 0,
                      "%s: dimension \"%s\" holds regions at two levels, one inside the other (%s "
                      "and %s): their sum would count the same people twice; select one level with "
                      "where or add %s to by", what, js_dim_name(dim), js_dim_category(dim, outer)->code,
                      js_dim_category(dim, inner)->code, js_dim_name(dim));
        return JS_EUSAGE;
    }
    if (!agg_default_total(dim, &total)) {
        js_diag_error(d, NULL, 0, 0,
                      "%s: dimension \"%s\" has %zu categories and cannot be summed: select one "
                      "with where (e.g. %s:%s) or add it to by",
                      what, js_dim_name(dim), n, js_dim_name(dim), js_dim_category(dim, n - 1)->code);
        return JS_EUSAGE;
    }
    for (size_t k = 0; k < n; k++)
        out_cat[k] = (total == SIZE_MAX || k == total) ? 0 : SIZE_MAX;
    return JS_OK;
}

/* Build the output cube's dimensions and the per-dimension maps. */
static js_status agg_plan(const js_cube *c, const js_sel_masks *sel, const char *const *by,
                          size_t n_by, const char *what, agg_dim *plan, js_cube *out, js_diag *d)
{
    const size_t nd = js_cube_ndims(c);
    for (size_t i = 0; i < nd; i++) {
        plan[i].out_dim = plan[i].all_cat = SIZE_MAX;
        plan[i].out_cat = js_calloc(js_dim_size(js_cube_dim(c, i)), sizeof(size_t));
        if (plan[i].out_cat == NULL)
            return JS_ENOMEM;
    }
    for (size_t b = 0; b < n_by; b++) {
        const size_t i = js_cube_find_dim(c, by[b]);
        if (i == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: by names \"%s\", which is not a dimension of the data",
                          what, by[b]);
            return JS_EUSAGE;
        }
        if (plan[i].out_dim != SIZE_MAX)
            continue;
        const js_dim *const dim = js_cube_dim(c, i);
        js_status st = js_cube_add_dim(out, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim),
                                       &plan[i].out_dim);
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++) {
            plan[i].out_cat[k] = SIZE_MAX;
            if (sel->mask[i] != NULL && !sel->mask[i][k])
                continue;
            const js_category *const cat = js_dim_category(dim, k);
            st = js_cube_copy_category(out, plan[i].out_dim, cat, &plan[i].out_cat[k]);
        }
        if (st == JS_OK && sel->sum_all[i]) { /* "total": the sum of all, as a category of its own */
            const js_category all = {"total", "Totalt", js_dim_role(dim) == JS_ROLE_SEX ? JS_SEX_TOTAL : JS_SEX_NONE,
                                     (double)NAN, (double)NAN, 0, 0, 0, 1, 0};
            st = js_cube_copy_category(out, plan[i].out_dim, &all, &plan[i].all_cat);
        }
        if (st != JS_OK)
            return st;
    }
    for (size_t i = 0; i < nd; i++) {
        if (plan[i].out_dim != SIZE_MAX)
            continue;
        const js_dim *const dim = js_cube_dim(c, i);
        int chosen = 0;
        for (size_t k = 0; sel->mask[i] != NULL && k < js_dim_size(dim); k++)
            chosen |= sel->mask[i][k];
        if (sel->sum_all[i] && chosen) {
            js_diag_error(d, NULL, 0, 0, "%s: dimension \"%s\" is summed over, and \"total\" with other "
                          "categories would count them twice: keep it in by, or select total alone",
                          what, js_dim_name(dim));
            return JS_EUSAGE;
        }
        if (sel->sum_all[i]) { /* total alone, summed over: every category */
            for (size_t k = 0; k < js_dim_size(dim); k++)
                plan[i].out_cat[k] = 0;
        } else if (sel->mask[i] != NULL) {
            for (size_t k = 0; k < js_dim_size(dim); k++)
                plan[i].out_cat[k] = sel->mask[i][k] ? 0 : SIZE_MAX;
        } else {
            const js_status st = agg_default_mask(dim, what, plan[i].out_cat, d);
            if (st != JS_OK)
                return st;
        }
    }
    return js_cube_alloc_cells(out);
}

uint32_t agg_component_flags(const js_cube *c, size_t cell)
{
    switch (js_cube_status(c, cell)) {
    case JS_CELL_OK: return js_cube_symbol(c, cell) ? JS_FLAG_FLAGGED_INPUT : 0;
    case JS_CELL_NIL: return JS_FLAG_NIL_INPUT;
    case JS_CELL_SUPPRESSED: return JS_FLAG_SUPPRESSED_INPUT;
    case JS_CELL_MISSING:
    case JS_CELL_NA: return JS_FLAG_MISSING_INPUT;
    }
    return JS_FLAG_MISSING_INPUT;
}

/* The pass over the cells.  A depth-first walk over the dimensions: a
 * category that does not take part skips its whole block of cells, and the
 * innermost dimension runs over contiguous memory. */
typedef struct agg_walk {
    const js_cube *c;
    const double *values;
    const uint8_t *status;
    const agg_dim *plan;
    size_t nd;
    size_t size[32];       /* input dimension sizes */
    size_t out_stride[32]; /* per input dimension: its output stride, 0 when summed over */
    double *sums;
    uint32_t *flags;
    size_t *source; /* per output cell: 0 none yet, cell + 1 one input, SIZE_MAX several */
    int one_source;  /* track the single source (the input has intervals to keep) */
    int has_syms;
} agg_walk;

/* Input cell `cell` into output cell o. */
static void agg_add(const agg_walk *w, size_t cell, size_t o)
{
    w->source[o] = !w->one_source || w->source[o] == 0 ? cell + 1 : SIZE_MAX;
    if (w->status[cell] == JS_CELL_OK) {
        w->sums[o] += w->values[cell];
        if (w->has_syms && js_cube_symbol(w->c, cell) != NULL)
            w->flags[o] |= JS_FLAG_FLAGGED_INPUT;
    } else {
        w->flags[o] |= agg_component_flags(w->c, cell);
    }
}

static void agg_walk_last(const agg_walk *w, size_t prefix, size_t out_base)
{
    const size_t d = w->nd - 1;
    const size_t *const oc = w->plan[d].out_cat;
    const size_t stride = w->out_stride[d], all = w->plan[d].all_cat;
    const size_t first = prefix * w->size[d];
    for (size_t k = 0; all != SIZE_MAX && k < w->size[d]; k++)
        agg_add(w, first + k, out_base + all * stride);
    for (size_t k = 0; k < w->size[d]; k++)
        if (oc[k] != SIZE_MAX)
            agg_add(w, first + k, out_base + oc[k] * stride);
}

static void agg_walk_dim(const agg_walk *w, size_t d, size_t prefix, size_t out_base)
{
    if (d + 1 == w->nd) {
        agg_walk_last(w, prefix, out_base);
        return;
    }
    const size_t *const oc = w->plan[d].out_cat;
    const size_t all = w->plan[d].all_cat;
    for (size_t k = 0; k < w->size[d]; k++) {
        if (oc[k] != SIZE_MAX)
            agg_walk_dim(w, d + 1, prefix * w->size[d] + k, out_base + oc[k] * w->out_stride[d]);
        if (all != SIZE_MAX)
            agg_walk_dim(w, d + 1, prefix * w->size[d] + k, out_base + all * w->out_stride[d]);
    }
}

static void agg_sum(const js_cube *c, const agg_dim *plan, const js_cube *out, double *sums,
                    uint32_t *flags, size_t *source)
{
    agg_walk w = {c, js_cube_values(c), js_cube_statuses(c), plan, js_cube_ndims(c), {0}, {0},
                  sums, flags, source, js_cube_has_ci(c), js_cube_has_symbols(c)};
    if (w.nd == 0 || js_cube_ncells(c) == 0)
        return;
    size_t out_stride[32] = {0};
    size_t stride = 1;
    for (size_t j = js_cube_ndims(out); j-- > 0;) {
        out_stride[j] = stride;
        stride *= js_dim_size(js_cube_dim(out, j));
    }
    for (size_t i = 0; i < w.nd; i++) {
        w.size[i] = js_dim_size(js_cube_dim(c, i));
        w.out_stride[i] = plan[i].out_dim == SIZE_MAX ? 0 : out_stride[plan[i].out_dim];
    }
    agg_walk_dim(&w, 0, 0, 0);
}

js_status js_aggregate(const js_cube *c, const js_sel *selection, const char *const *by, size_t n_by,
                       const char *what, js_cube **out, js_diag *d)
{
    js_sel_masks sel;
    js_status st = js_sel_resolve(c, selection, what, &sel, d);
    if (st != JS_OK)
        return st;
    const size_t nd = js_cube_ndims(c);
    agg_dim *const plan = js_calloc(nd ? nd : 1, sizeof *plan);
    js_cube *const res = js_cube_alloc();
    double *sums = NULL;
    uint32_t *flags = NULL;
    size_t *source = NULL;
    st = (plan == NULL || res == NULL) ? JS_ENOMEM : agg_plan(c, &sel, by, n_by, what, plan, res, d);
    const size_t n_out = st == JS_OK ? js_cube_ncells(res) : 0;
    if (st == JS_OK && n_by == 0) {
        js_diag_error(d, NULL, 0, 0, "%s: by must name at least one dimension", what);
        st = JS_EUSAGE;
    }
    if (st == JS_OK) {
        sums = js_calloc(n_out, sizeof *sums);
        flags = js_calloc(n_out, sizeof *flags);
        source = js_calloc(n_out, sizeof *source);
        if (sums == NULL || flags == NULL || source == NULL)
            st = JS_ENOMEM;
    }
    if (st == JS_OK) {
        agg_sum(c, plan, res, sums, flags, source);
        for (size_t o = 0; o < n_out && st == JS_OK; o++) {
            agg_finish_cell(res, o, sums[o], &flags[o], source[o] != 0);
            if (flags[o])
                st = js_cube_add_flags(res, o, flags[o]);
            /* a cell that is one input cell unchanged keeps its interval (a
             * result cut down for a chart); a sum of several has none */
            const size_t one = source[o] - 1;
            if (st == JS_OK && js_cube_has_ci(c) && source[o] != 0 && source[o] != SIZE_MAX &&
                !isnan(js_cube_ci_low(c, one)))
                st = js_cube_set_ci(res, o, js_cube_ci_low(c, one), js_cube_ci_high(c, one));
        }
    }
    for (size_t i = 0; plan != NULL && i < nd; i++)
        js_free(plan[i].out_cat);
    js_free(plan);
    js_free(sums);
    js_free(flags);
    js_free(source);
    js_sel_masks_fini(&sel);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* ---- the cache of aggregates ------------------------------------------------- */

typedef struct agg_entry {
    const js_cube *data;
    char *key; /* selection + "|" + by list */
    js_cube *result;
} agg_entry;

struct js_agg_cache {
    agg_entry *e;
    size_t n, cap;
    agg_marg **marg; /* marginal tables (marginal.h) */
    size_t n_marg, cap_marg;
};

js_agg_cache *js_agg_cache_alloc(void)
{
    return js_calloc(1, sizeof(js_agg_cache));
}

void js_agg_cache_free(js_agg_cache *cache)
{
    if (cache == NULL)
        return;
    for (size_t i = 0; i < cache->n; i++) {
        js_free(cache->e[i].key);
        js_cube_free(cache->e[i].result);
    }
    for (size_t i = 0; i < cache->n_marg; i++)
        agg_marg_free(cache->marg[i]);
    js_free(cache->marg);
    js_free(cache->e);
    js_free(cache);
}

/* "sel|by1,by2," in a new string, sel the selection's canonical text. */
static char *agg_key(const js_sel *selection, const char *const *by, size_t n_by)
{
    const char *const sel = js_sel_text(selection);
    size_t n = strlen(sel) + 2;
    for (size_t i = 0; i < n_by; i++)
        n += strlen(by[i]) + 1;
    char *const key = js_malloc(n);
    if (key == NULL)
        return NULL;
    size_t o = strlen(sel);
    memcpy(key, sel, o);
    key[o++] = '|';
    for (size_t i = 0; i < n_by; i++) {
        const size_t k = strlen(by[i]);
        memcpy(key + o, by[i], k);
        o += k;
        key[o++] = ',';
    }
    key[o] = '\0';
    return key;
}

/* The cache's marginal tables for c by these dimensions (and their masks in
 * sel), or NULL. */
static agg_marg *agg_marg_find(const js_agg_cache *cache, const js_cube *c, const js_sel_masks *sel,
                               const char *const *by, size_t n_by)
{
    for (size_t i = 0; i < cache->n_marg; i++)
        if (agg_marg_serves(cache->marg[i], c, sel, by, n_by))
            return cache->marg[i];
    return NULL;
}

/* Make them and keep them in the cache; NULL when they cannot be made. */
static agg_marg *agg_marg_make(js_agg_cache *cache, const js_cube *c, const js_sel_masks *sel,
                               const char *const *by, size_t n_by)
{
    agg_marg *const m = agg_marg_build(c, sel, by, n_by);
    if (m == NULL)
        return NULL;
    if (js_grow((void **)&cache->marg, &cache->cap_marg, cache->n_marg + 1, sizeof *cache->marg) != 0) {
        agg_marg_free(m);
        return NULL;
    }
    cache->marg[cache->n_marg++] = m;
    return m;
}

/* An aggregate from marginal tables of the cache:
 *   1. tables made for exactly these by dimensions;
 *   2. for by plus one more dimension (the age distribution under the
 *      median age), that dimension's table in tables made for the others;
 *   3. else tables made now for these by dimensions.
 * So the indicators of one analysis, which share their by, cost one walk
 * over the data as long as the first of them asks for that by itself.
 * *out stays NULL when no table can answer: the caller then aggregates the
 * plain way, which also reports any error in sel. */
static js_status agg_from_marginals(js_agg_cache *cache, const js_cube *c, const js_sel *selection,
                                    const char *const *by, size_t n_by, const char *what,
                                    js_cube **out)
{
    js_sel_masks sel;
    if (js_sel_resolve(c, selection, what, &sel, NULL) != JS_OK)
        return JS_OK;
    int sum_all = 0; /* tables hold no sum-of-all category: the plain way */
    for (size_t i = 0; i < sel.ndims; i++)
        sum_all |= sel.sum_all[i];
    if (sum_all) {
        js_sel_masks_fini(&sel);
        *out = NULL;
        return JS_OK;
    }
    agg_marg *m = agg_marg_find(cache, c, &sel, by, n_by);
    if (m == NULL && n_by >= 2) {
        const agg_marg *const fewer = agg_marg_find(cache, c, &sel, by, n_by - 1);
        const size_t j = js_cube_find_dim(c, by[n_by - 1]);
        if (fewer != NULL && j != SIZE_MAX && agg_marg_answer_by(fewer, &sel, j, out) == JS_OK) {
            js_sel_masks_fini(&sel);
            return JS_OK;
        }
    }
    *out = NULL;
    if (m == NULL)
        m = agg_marg_make(cache, c, &sel, by, n_by);
    if (m != NULL && agg_marg_answer(m, &sel, out) != JS_OK)
        *out = NULL;
    js_sel_masks_fini(&sel);
    return JS_OK;
}

js_status js_aggregate_cached(js_agg_cache *cache, const js_cube *c, const js_sel *sel,
                              const char *const *by, size_t n_by, const char *what,
                              const js_cube **out, js_cube **owned, js_diag *d)
{
    *owned = NULL;
    if (cache == NULL) {
        const js_status st = js_aggregate(c, sel, by, n_by, what, owned, d);
        *out = *owned;
        return st;
    }
    char *const key = agg_key(sel, by, n_by);
    if (key == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < cache->n; i++)
        if (cache->e[i].data == c && strcmp(cache->e[i].key, key) == 0) {
            js_free(key);
            *out = cache->e[i].result;
            return JS_OK;
        }
    js_cube *res = NULL;
    js_status st = agg_from_marginals(cache, c, sel, by, n_by, what, &res);
    if (st != JS_OK || res == NULL) /* not answerable from a table: the plain way */
        st = js_aggregate(c, sel, by, n_by, what, &res, d);
    if (st == JS_OK && js_grow((void **)&cache->e, &cache->cap, cache->n + 1, sizeof *cache->e) != 0) {
        js_cube_free(res);
        st = JS_ENOMEM;
    }
    if (st != JS_OK) {
        js_free(key);
        return st;
    }
    cache->e[cache->n++] = (agg_entry){c, key, res};
    *out = res;
    return JS_OK;
}
