/*
 * ind_age.c - age structure (METHODS 1.3, 1.4, 6): persons by age class or
 * band, the median and mean age of a frequency table of age classes, and
 * the dependency ratios.
 *
 * The age measures take one aggregate kept by age (by + the age dimension)
 * and reduce it per result cell with the formulas in stats_gsl.c; an age
 * distribution is one aggregate per band; a dependency ratio is a ratio of
 * two fixed age selections.
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* ---- age classes --------------------------------------------------------------- */

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
    const int median = s->kind == &ind_kind_median_age;
    const double open_mean = median ? (double)NAN : js_spec_num(s, "open_mean"); /* once, not per cell */
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
            const double v = median ? js_median_grouped(lo, hi, f, m, &open)
                                    : js_mean_grouped(lo, hi, f, m, open_mean);
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

static js_status ind_median_mean(const js_indicator_spec *s, const js_cube *const *in,
                                 js_cube **out, js_diag *d)
{
    const js_cube *const data = in[0];
    size_t age;
    const js_status role_st = ind_need_role(s, data, JS_ROLE_AGE, "age", &age, d);
    if (role_st != JS_OK)
        return role_st;
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
    const char *const bands = js_spec_text(s, "bands");
    if (bands != NULL) {
        js_buf_puts(out, bands);
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
    js_sel *const one = js_sel_new();
    js_sel *sel = NULL;
    js_status st = one ? js_sel_add(one, "age", &band, 1) : JS_ENOMEM;
    if (st == JS_OK)
        st = js_sel_join(s->where, one, &sel);
    js_cube *part = NULL;
    const int percent = js_spec_word(s, "percent") == 1;
    if (st == JS_OK)
        st = js_aggregate(data, sel, s->by, s->n_by, s->id, &part, d);
    js_sel_free(sel);
    js_sel_free(one);
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(part); r++) {
        const size_t cell = r * n_bands + bi; /* the band dimension is the last */
        const double v = js_cube_value(part, r), t = js_cube_value(total, r);
        uint32_t flags = js_cube_flags(part, r);
        if (!isnan(v) && (!percent || t > 0))
            js_cube_set_value(res, cell, percent ? 100 * v / t : v);
        if (percent)
            flags |= js_cube_flags(total, r) | (t > 0 ? 0 : JS_FLAG_ZERO_DENOM);
        /* the band, and with percent its total too (the denominator) */
        flags |= (!isnan(v) && v < s->small_n) || (percent && !isnan(t) && t < s->small_n)
                     ? JS_FLAG_SMALL_N : 0;
        if (flags)
            st = js_cube_add_flags(res, cell, flags);
    }
    js_cube_free(part);
    return st;
}

/* Persons (or percent of the total) per age band: the by dimensions plus an
 * age dimension of bands; one aggregate per band. */
static js_status ind_age_distribution(const js_indicator_spec *s, const js_cube *const *in,
                                      js_cube **out, js_diag *d)
{
    const js_cube *const data = in[0];
    size_t age;
    const js_status role_st = ind_need_role(s, data, JS_ROLE_AGE, "age", &age, d);
    if (role_st != JS_OK)
        return role_st;
    const js_dim *const adim = js_cube_dim(data, age);
    for (size_t b = 0; b < s->n_by; b++)
        if (js_cube_find_dim(data, s->by[b]) == age) { /* the bands are the age dimension */
            js_diag_error(d, NULL, 0, 0, "%s: the age dimension must not be in by (the bands are "
                          "the result's age dimension)", s->id);
            return JS_EUSAGE;
        }
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

/* The age groups of the two conventions (METHODS 6): young, working, old. */
static const char *const dep_conventions[] = {"swedish", "eurostat", NULL};
static const char *const dep_variants[] = {"young", "old", "total", NULL};

static js_status ind_dependency(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                                js_diag *d)
{
    const int eurostat = js_spec_word(s, "convention") == 1;
    const int variant = js_spec_word(s, "variant");
    static const char *const young[2] = {"0-19", "0-14"}, *const old = "65-";
    static const char *const working[2] = {"20-64", "15-64"};
    const char *const both[2] = {young[eurostat], old};
    js_sel *const num = js_sel_new(), *const den = js_sel_new();
    js_status st = num && den ? JS_OK : JS_ENOMEM;
    if (st == JS_OK) /* "age" names the dimension of that role */
        st = js_sel_add(num, "age", variant == 0 ? &young[eurostat] : variant == 1 ? &old : both,
                        variant == 2 ? 2 : 1);
    if (st == JS_OK)
        st = js_sel_add(den, "age", &working[eurostat], 1);
    if (st == JS_OK)
        st = ind_two(s, in[0], num, den, 100, 0, out, d);
    js_sel_free(num);
    js_sel_free(den);
    return st;
}


/* ---- the rows ------------------------------------------------------------------- */

static const js_input_def data_input[] = {IND_INPUT_DATA, IND_INPUT_END};
static const js_key no_keys[] = {IND_KEY_END};

/* Persons, or percent of the total with percent = yes. */
static const char *age_distribution_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)in_unit;
    return js_spec_word(s, "percent") == 1 ? "%" : js_text(lang, "personer", "persons");
}

static int age_distribution_decimals(const js_indicator_spec *s)
{
    return js_spec_word(s, "percent") == 1 ? 1 : 0;
}

static const js_key age_distribution_keys[] = {
    {"bands", JS_KEY_BANDS, NULL, 0, 0, NULL, 0, "age bands, e.g. 0-19,20-64,65- (default: the data's classes)"},
    {"percent", JS_KEY_BOOL, "no", 0, 0, NULL, 0, "yes: percent of the total instead of persons"},
    IND_KEY_END};

const js_kind ind_kind_age_distribution = {
    .name = "age_distribution",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .family = "age structure",
    .inputs = data_input,
    .keys = age_distribution_keys,
    .unit_sv = "personer",
    .unit_en = "persons",
    .unit_doc = "persons / %",
    .decimals = 0,
    .doc_en = "Persons by age class (single years or the given bands); with percent = yes, in percent of the total.",
    .doc_sv = "Personer efter åldersklass (ettåriga klasser eller de angivna grupperna); med percent = yes i "
        "procent av totalen.",
    .unit = age_distribution_unit,
    .default_decimals = age_distribution_decimals,
    .compute = ind_age_distribution,
};

const js_kind ind_kind_median_age = {
    .name = "median_age",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .family = "age structure",
    .inputs = data_input,
    .keys = no_keys,
    .unit_sv = "år",
    .unit_en = "years",
    .unit_doc = "years",
    .decimals = 1,
    .doc_en = "Median age, interpolated within the age class: ages as intervals [a, a+1); median = L + w (N/2 - "
        "C(L)) / f.",
    .doc_sv = "Medianålder, interpolerad inom åldersklassen: åldern a som intervallet [a, a+1); median = L + w "
        "(N/2 − C(L)) / f.",
    .compute = ind_median_mean,
};

static const js_key mean_age_keys[] = {
    {"open_mean", JS_KEY_NUMBER, NULL, 0, 150, NULL, 0, "the mean age assumed in the open class (default: its start + half the width of the class before it)"},
    IND_KEY_END};

const js_kind ind_kind_mean_age = {
    .name = "mean_age",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .family = "age structure",
    .inputs = data_input,
    .keys = mean_age_keys,
    .unit_sv = "år",
    .unit_en = "years",
    .unit_doc = "years",
    .decimals = 1,
    .doc_en = "Mean age with class mid-points (single year a counts as a + 0.5); the open class counts as its "
        "start plus half the width of the class before it (100+ after single years: 100.5; 90+ after 5-year "
        "classes: 92.5) unless open_mean is set.",
    .doc_sv = "Medelålder med klassmittpunkter (ettårsklassen a räknas som a + 0,5); den öppna klassen räknas som "
        "sin början plus halva bredden av klassen före (100+ efter ettårsklasser: 100,5; 90+ efter "
        "femårsklasser: 92,5) om inte open_mean anges.",
    .compute = ind_median_mean,
};

static const js_key dependency_keys[] = {
    {"convention", JS_KEY_ENUM, "swedish", 0, 0, dep_conventions, 0,
     "swedish: 0-19, 20-64, 65+; eurostat: 0-14, 15-64, 65+"},
    {"variant", JS_KEY_ENUM, "old", 0, 0, dep_variants, 0, "young, old or total (young and old) per working age"},
    IND_KEY_END};

const js_kind ind_kind_dependency = {
    .name = "dependency",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .family = "age structure",
    .inputs = data_input,
    .keys = dependency_keys,
    .unit_sv = "per 100",
    .unit_en = "per 100",
    .unit_doc = "per 100",
    .decimals = 1,
    .doc_en = "Dependency ratio per 100 of working age. Swedish: young 0-19, old 65+, working 20-64; Eurostat: "
        "young 0-14, old 65+, working 15-64; variant young, old or total.",
    .doc_sv = "Försörjningskvot per 100 i arbetsför ålder. Svensk definition: unga 0–19, äldre 65+, arbetsföra "
        "20–64; Eurostat: unga 0–14, äldre 65+, arbetsföra 15–64; variant unga, äldre eller total.",
    .compute = ind_dependency,
};
