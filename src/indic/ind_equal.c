/*
 * ind_equal.c - over-representation and parity (METHODS 6.1): kind
 * representation.
 *
 * A group (part, e.g. occupation:managers, or the persons who got funding)
 * within a population (where): for women (sex = men: for men),
 *   index           (W_part / T_part) / (W / T): their share of the group over
 *                   their share of the population (1: proportional, < 1:
 *                   under-represented)
 *   parity_ratio    min(W_part, M_part) / max(W_part, M_part)
 *   minority_share  the smaller sex's share of the group / 50 %
 * each with the multinomial bootstrap interval of stats/segreg.c on the
 * 2 x 2 table group/rest x women/men (the group is part of the population,
 * so the two shares are not independent and no two-sample formula fits).
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "stats/segreg.h"

static const char *const rep_variants[] = {"index", "parity_ratio", "minority_share", NULL};
static const char *const rep_sexes[] = {"women", "men", NULL};
static const char *const rep_estimates[] = {"observed", "bias_corrected", NULL};

/* The seed of result cell r: the analysis' seed with the cell's codes. */
static uint64_t rep_seed(const js_cube *res, size_t r, double seed)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)seed;
    size_t idx[JS_MAX_BY];
    js_cube_cell_coords(res, r, idx);
    for (size_t i = 0; i < js_cube_ndims(res); i++) {
        for (const char *c = js_dim_category(js_cube_dim(res, i), idx[i])->code; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211u;
        h = (h ^ 0xffu) * 1099511628211u;
    }
    return h;
}

/* One cell: the group's women wp and men mp of the population's w and m. */
static js_status rep_cell(const js_indicator_spec *s, double wp, double mp, double w, double m,
                          uint32_t flags, js_cube *res, size_t r)
{
    js_status st = JS_OK;
    if (isnan(wp) || isnan(mp) || isnan(w) || isnan(m)) {
        if (!(flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT)))
            flags |= JS_FLAG_MISSING_INPUT;
    } else if (wp > w || mp > m || wp < 0 || mp < 0) {
        flags |= JS_FLAG_PART_EXCEEDS_TOTAL;
    } else {
        static const js_seg_kind kinds[] = {JS_SEG_REPRESENTATION, JS_SEG_PARITY_RATIO,
                                            JS_SEG_MINORITY_SHARE};
        const js_seg_spec spec = {kinds[js_spec_word(s, "variant")], 0, 0,
                                  js_spec_word(s, "sex") == 1 ? JS_SEG_MEN : JS_SEG_WOMEN, 0};
        const double f[2] = {wp, w - wp}, mm[2] = {mp, m - mp};
        js_seg_boot b;
        st = js_seg_bootstrap(&spec, f, mm, 2, (size_t)js_spec_num(s, "replicates"),
                              rep_seed(res, r, js_spec_num(s, "seed")), js_spec_num(s, "level") / 100, &b);
        const double v = js_spec_word(s, "estimate") == 1 ? b.bc : b.est;
        if (isnan(b.est))
            flags |= JS_FLAG_ZERO_DENOM; /* an empty group, or none of the sex */
        else if (!isnan(v))
            js_cube_set_value(res, r, v);
        if (st == JS_OK && !isnan(v) && !isnan(b.lo))
            st = js_cube_set_ci(res, r, b.lo, b.hi);
        if (wp + mp < s->small_n || w < s->small_n || m < s->small_n)
            flags |= JS_FLAG_SMALL_N;
    }
    if (st == JS_OK && flags)
        st = js_cube_add_flags(res, r, flags);
    return st;
}

static js_status rep_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                             js_diag *d)
{
    const js_cube *const data = in[0];
    size_t sex;
    js_status st = ind_need_role(s, data, JS_ROLE_SEX, "sex", &sex, d);
    if (st != JS_OK)
        return st;
    const char *by[JS_MAX_BY + 1];
    size_t n_by = 0;
    const char *const sex_name = js_dim_name(js_cube_dim(data, sex));
    for (size_t i = 0; i < s->n_by && n_by < JS_MAX_BY; i++)
        if (js_cube_find_dim(data, s->by[i]) != sex)
            by[n_by++] = s->by[i];
    by[n_by++] = sex_name;
    js_sel *both = NULL;
    const js_cube *part = NULL, *all = NULL;
    js_cube *own_part = NULL, *own_all = NULL, *res = NULL;
    st = js_sel_join(s->where, js_spec_sel(s, "part"), &both);
    if (st == JS_OK)
        st = js_aggregate_cached(s->cache, data, both, by, n_by, s->id, &part, &own_part, d);
    if (st == JS_OK)
        st = js_aggregate_cached(s->cache, data, s->where, by, n_by, s->id, &all, &own_all, d);
    if (st == JS_OK && js_cube_ncells(part) != js_cube_ncells(all)) {
        js_diag_error(d, NULL, 0, 0, "%s: part must not restrict a by dimension", s->id);
        st = JS_EUSAGE;
    }
    const js_dim *const sdim = st == JS_OK ? js_cube_dim(part, n_by - 1) : NULL;
    size_t w = SIZE_MAX, m = SIZE_MAX;
    for (size_t c = 0; sdim != NULL && c < js_dim_size(sdim); c++) {
        if (js_dim_category(sdim, c)->sex == JS_SEX_WOMEN)
            w = c;
        if (js_dim_category(sdim, c)->sex == JS_SEX_MEN)
            m = c;
    }
    if (st == JS_OK && (w == SIZE_MAX || m == SIZE_MAX)) {
        js_diag_error(d, NULL, 0, 0, "%s: the data needs counts of women and of men", s->id);
        st = JS_EUSAGE;
    }
    if (st == JS_OK)
        st = ind_result_like(part, n_by - 1, &res);
    const size_t n_sex = sdim ? js_dim_size(sdim) : 0;
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(res); r++) {
        const size_t cw = r * n_sex + w, cm = r * n_sex + m; /* sex is the last dimension */
        const uint32_t flags = js_cube_flags(part, cw) | js_cube_flags(part, cm) | js_cube_flags(all, cw) |
                               js_cube_flags(all, cm);
        st = rep_cell(s, js_cube_value(part, cw), js_cube_value(part, cm), js_cube_value(all, cw),
                      js_cube_value(all, cm), flags, res, r);
    }
    js_cube_free(own_part);
    js_cube_free(own_all);
    js_sel_free(both);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static const js_input_def rep_inputs[] = {IND_INPUT_DATA, IND_INPUT_END};

static const js_key rep_keys[] = {
    {"part", JS_KEY_SELECTION, NULL, 0, 0, NULL, 1,
     "the group within the population (where), e.g. occupation:managers"},
    {"sex", JS_KEY_ENUM, "women", 0, 0, rep_sexes, 0, "whose representation the index is (variant = index)"},
    {"variant", JS_KEY_ENUM, "index", 0, 0, rep_variants, 0,
     "index: share of the group / share of the population; parity_ratio: fewer / more; minority_share: "
     "the smaller sex's share / 50 %"},
    {"replicates", JS_KEY_INTEGER, "1000", 0, 100000, NULL, 0,
     "bootstrap replicates for the interval (0: no interval)"},
    {"seed", JS_KEY_INTEGER, "20240101", 0, 4294967295.0, NULL, 0,
     "the bootstrap's seed: the same seed gives the same interval"},
    {"level", JS_KEY_NUMBER, "95", 50, 99.999, NULL, 0, "the interval's level, percent"},
    {"estimate", JS_KEY_ENUM, "observed", 0, 0, rep_estimates, 0,
     "observed, or bias_corrected: 2 x observed - the replicates' mean"},
    IND_KEY_END};

const js_kind ind_kind_representation = {
    .name = "representation",
    .family = "equality and segregation",
    .inputs = rep_inputs,
    .keys = rep_keys,
    .unit_sv = "index (1 = jämställt)",
    .unit_en = "index (1 = parity)",
    .unit_doc = "index",
    .decimals = 2,
    .doc_en = "Over-representation index: women's (sex = men: men's) share of the group part divided by their "
        "share of the population (1: proportional, below 1: under-represented); variant = parity_ratio: the "
        "fewer sex in the group over the more; minority_share: the smaller sex's share of the group over "
        "50 %. 95 % interval: multinomial bootstrap of the group/rest x sex table.",
    .doc_sv = "Representationsindex: kvinnornas (sex = men: männens) andel av gruppen part delad med deras andel "
        "av befolkningen (1: proportionellt, under 1: underrepresenterade); variant = parity_ratio: det "
        "mindre könet i gruppen genom det större; minority_share: det mindre könets andel av gruppen genom "
        "50 %. 95 % intervall: multinomial bootstrap av tabellen grupp/övriga × kön.",
    .compute = rep_compute,
};
