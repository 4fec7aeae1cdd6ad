/*
 * ind_fert.c - fertility (METHODS 3.1): kinds total_fertility_rate,
 * fertility_rate (age-specific, per 1 000 women), general_fertility_rate,
 * mean_age_at_birth and sex_ratio_at_birth.
 *
 * Births by mother's age and women by age go through the range frame of
 * ind_demog.c over ages 15-49: births to mothers under 15 count in the
 * youngest class and 49+ in the oldest; births of unknown mother's age are
 * spread pro rata over the known ones (flagged unknown_age_spread).
 * Person-years of women are the mean of two 31 December populations
 * (exposure = mid_year: as given).
 *
 *   TFR   = sum_x n_x B_x / W_x,  Var = sum n_x^2 B_x / W_x^2 (Poisson births)
 *   ASFR  = 1000 B_x / W_x, 95 % interval from the exact Poisson limits of B_x
 *   GFR   = 1000 sum B_x / sum W_x, 95 % interval with Poisson births
 *   MAC   = sum (x + n/2) ASFR_x / sum ASFR_x  (weights = births: by B_x)
 *   SRB   = 100 boys / girls
 *
 * Mother's age is in completed years at the birth, so a class [x, x+n)
 * has its exact ages' mean at x + n/2; SCB counts births by the age the
 * mother attains during the year (the year minus her birth year), whose
 * exact ages at the birth average x + n/2 - 1/2 (age = attained).  SCB's
 * published mean age of mothers in 2011, 30.8, is what its county file
 * gives with age = attained (31.3 without).
 */
#include "indic/ind_demog.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "stats/lifetable.h"
#include "stats/stdrate.h"

enum { FT_TFR, FT_ASFR, FT_MAC, FT_GFR };

static const char *const ft_exposures[] = {"year_end", "mid_year", NULL};
static const char *const ft_weights[] = {"rates", "births", NULL};
static const char *const ft_ages[] = {"completed", "attained", NULL};

/* One result cell (rb: base cell, with n_out ages after it for ASFR). */
static js_status ft_one(const dm_frame *f, js_cube *res, const size_t *res_ev, size_t rb, int what,
                        size_t *ev_idx, size_t *years, int pool, double z, double alpha, int by_births,
                        double shift, js_diag *d)
{
    const size_t n_out = what == FT_ASFR ? f->n_cls : 1;
    const size_t r0 = rb * n_out;
    size_t t;
    dm_coords(f, res, res_ev, r0, ev_idx, &t);
    const size_t ny = dm_window(f, t, pool, years);
    uint32_t flags = 0;
    int no_prev = 0;
    js_status st = JS_OK;
    double b[128], w[128], known = 0;
    const size_t n = f->n_cls < 128 ? f->n_cls : 128;
    if (f->time_in_by && ny < (size_t)pool)
        flags |= JS_FLAG_MISSING_INPUT;
    for (size_t k = 0; k < n && !flags; k++) {
        dm_sum(f, ev_idx, k, years, ny, &b[k], &w[k], &flags, &no_prev);
        if (b[k] < 0 || w[k] < 0) {
            js_buf m;
            js_buf_init(&m);
            dm_describe(f, res, r0, k, &m);
            js_diag_error(d, NULL, 0, 0, "%s: %s: a negative count", f->s->id, js_buf_cstr(&m));
            js_buf_fini(&m);
            return JS_EDATA;
        }
        known += b[k];
    }
    const double unknown = flags ? 0 : dm_unknown(f, ev_idx, years, ny, &flags);
    const double spread = known > 0 && !isnan(unknown) ? (known + unknown) / known : 1;
    double tfr = 0, var = 0, num = 0, den = 0, sum_b = 0, sum_w = 0;
    for (size_t k = 0; k < n && !(flags & JS_FLAG_MISSING_INPUT); k++) {
        const double width = f->cls[k].hi - f->cls[k].lo, bb = b[k] * spread;
        if (!(w[k] > 0)) {
            flags |= JS_FLAG_ZERO_DENOM;
            continue;
        }
        const double rate = bb / w[k];
        tfr += width * rate;
        var += width * width * bb / (w[k] * w[k]);
        num += (f->cls[k].lo + width / 2 - shift) * (by_births ? bb : rate);
        den += by_births ? bb : rate;
        sum_b += bb;
        sum_w += w[k];
        if (what == FT_ASFR) {
            /* exact Poisson limits of the births: never below 0, right for
             * the few births at the ends of the age range */
            double blo, bhi;
            js_poisson_exact_limits(bb, alpha, &blo, &bhi);
            js_cube_set_value(res, r0 + k, 1000 * rate);
            st = js_cube_set_ci(res, r0 + k, 1000 * blo / w[k], 1000 * bhi / w[k]);
        }
    }
    if (flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT | JS_FLAG_ZERO_DENOM)) {
        for (size_t i = 0; i < n_out && st == JS_OK; i++) {
            if (what != FT_ASFR || (flags & JS_FLAG_MISSING_INPUT))
                js_cube_set_status(res, r0 + i, JS_CELL_MISSING, NULL);
            st = js_cube_add_flags(res, r0 + i, flags | ((flags & JS_FLAG_SUPPRESSED_INPUT) ? JS_FLAG_MISSING_INPUT : 0));
        }
        return st;
    }
    if (what == FT_TFR) {
        js_cube_set_value(res, r0, tfr);
        st = js_cube_set_ci(res, r0, tfr - z * sqrt(var), tfr + z * sqrt(var));
    } else if (what == FT_MAC && den > 0) {
        js_cube_set_value(res, r0, num / den);
    } else if (what == FT_GFR && sum_w > 0) {
        js_cube_set_value(res, r0, 1000 * sum_b / sum_w);
        st = js_cube_set_ci(res, r0, 1000 * (sum_b - z * sqrt(sum_b)) / sum_w,
                            1000 * (sum_b + z * sqrt(sum_b)) / sum_w);
    }
    if (unknown > 0) /* the births of no stated age are in the rates, spread: said so */
        for (size_t i = 0; i < n_out && st == JS_OK; i++)
            st = js_cube_add_flags(res, r0 + i, JS_FLAG_UNKNOWN_AGE_SPREAD);
    if (st == JS_OK && known + unknown < f->s->small_n)
        for (size_t i = 0; i < n_out && st == JS_OK; i++)
            st = js_cube_add_flags(res, r0 + i, JS_FLAG_SMALL_N);
    return st;
}

static js_status ft_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d,
                            int what)
{
    const int mid_year = js_spec_word(s, "exposure") == 1;
    const size_t psex = js_cube_dim_by_role(in[1], JS_ROLE_SEX);
    static const char *const women[] = {"women"};
    js_sel *const pop_sel = psex == SIZE_MAX ? NULL : js_sel_new(); /* the mothers: sex:women */
    js_status st = psex != SIZE_MAX && pop_sel == NULL ? JS_ENOMEM : JS_OK;
    if (st == JS_OK && pop_sel != NULL)
        st = js_sel_add(pop_sel, js_dim_name(js_cube_dim(in[1], psex)), women, 1);
    dm_frame f;
    if (st == JS_OK)
        st = dm_frame_init_range(&f, s, in[0], in[1], "births", "population", mid_year, 15, 50,
                                 pop_sel, d);
    js_sel_free(pop_sel);
    if (st != JS_OK)
        return st;
    const int pool = (int)js_spec_num(s, "pool");
    size_t res_ev[JS_MAX_BY + 3];
    js_cube *res = NULL;
    st = dm_result_shape(&f, pool, &res, res_ev);
    if (st == JS_OK && what == FT_ASFR) {
        size_t nd;
        const js_dim *const ad = js_cube_dim(f.ev, f.ev_age);
        st = js_cube_add_dim(res, js_dim_name(ad), js_dim_label(ad), JS_ROLE_AGE, &nd);
        res_ev[nd] = SIZE_MAX;
        for (size_t k = 0; st == JS_OK && k < f.n_cls; k++) {
            char code[32];
            const double lo = f.cls[k].lo, hi = f.cls[k].hi;
            if (hi - lo > 1 + 1e-9)
                (void)snprintf(code, sizeof code, "%g-%g", lo, hi - 1);
            else
                (void)snprintf(code, sizeof code, "%g", lo);
            st = js_cube_add_category(res, nd, code, NULL, NULL);
        }
    }
    if (st == JS_OK)
        st = js_cube_alloc_cells(res);
    const size_t nt = f.ev_time == SIZE_MAX ? 1 : js_dim_size(js_cube_dim(f.ev, f.ev_time));
    size_t *const years = js_calloc(nt + (size_t)pool, sizeof *years);
    size_t *const ev_idx = js_calloc(js_cube_ndims(f.ev), sizeof *ev_idx);
    if (st == JS_OK && (years == NULL || ev_idx == NULL))
        st = JS_ENOMEM;
    const size_t n_out = what == FT_ASFR ? f.n_cls : 1;
    const double alpha = 0.05, z = js_normal_quantile(1 - alpha / 2); /* 95 % intervals */
    const int by_births = what == FT_MAC && js_spec_word(s, "weights") == 1;
    const double shift = what == FT_MAC && js_spec_word(s, "age") == 1 ? 0.5 : 0;
    for (size_t rb = 0; st == JS_OK && n_out > 0 && rb < js_cube_ncells(res) / n_out; rb++)
        st = ft_one(&f, res, res_ev, rb, what, ev_idx, years, pool, z, alpha, by_births, shift, d);
    js_free(years);
    js_free(ev_idx);
    dm_frame_fini(&f);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static js_status tfr_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d)
{
    return ft_compute(s, in, out, d, FT_TFR);
}

static js_status asfr_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d)
{
    return ft_compute(s, in, out, d, FT_ASFR);
}

static js_status gfr_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d)
{
    return ft_compute(s, in, out, d, FT_GFR);
}

static js_status mac_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d)
{
    return ft_compute(s, in, out, d, FT_MAC);
}

static js_status srb_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d)
{
    size_t sex;
    js_status st = ind_need_role(s, in[0], JS_ROLE_SEX, "sex (of the child)", &sex, d);
    if (st != JS_OK)
        return st;
    static const char *const boys[] = {"men"}, *const girls[] = {"women"};
    const char *const dim = js_dim_name(js_cube_dim(in[0], sex));
    js_sel *const num = js_sel_new(), *const den = js_sel_new();
    st = num && den ? js_sel_add(num, dim, boys, 1) : JS_ENOMEM;
    if (st == JS_OK)
        st = js_sel_add(den, dim, girls, 1);
    if (st == JS_OK) /* boys per 100 girls */
        st = ind_two(s, in[0], num, den, 100, 0, out, d);
    js_sel_free(num);
    js_sel_free(den);
    return st;
}

/* ---- the rows ---------------------------------------------------------------------- */

static const js_input_def ft_inputs[] = {
    {"births", JS_INPUT_DATA, 0, 0, "live births by mother's age (<15 and 49+ allowed): a data section"},
    {"population", JS_INPUT_DATA, 0, 0, "women by age (a sex dimension is restricted to women): 31 December"},
    IND_INPUT_END};

#define FT_KEYS                                                                                         \
    {"exposure", JS_KEY_ENUM, "year_end", 0, 0, ft_exposures, 0,                                          \
     "year_end: mean of two 31 Dec populations; mid_year: the population as given"},                   \
    {"pool", JS_KEY_INTEGER, "1", 1, 20, NULL, 0, "years pooled, ending in the result's year"}

static const js_key ft_keys[] = {FT_KEYS, IND_KEY_END};
static const js_key mac_keys[] = {
    {"weights", JS_KEY_ENUM, "rates", 0, 0, ft_weights, 0,
     "rates: weighted by the age-specific rates (Eurostat, HFD); births: the mean age of the year's mothers"},
    {"age", JS_KEY_ENUM, "completed", 0, 0, ft_ages, 0,
     "completed: mother's age in completed years at the birth; attained: the age she attains during the "
     "year, as SCB counts births (the mean is half a year lower)"},
    FT_KEYS, IND_KEY_END};

const js_kind ind_kind_total_fertility_rate = {
    .name = "total_fertility_rate",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = ft_inputs,
    .keys = ft_keys,
    .unit_sv = "barn per kvinna",
    .unit_en = "children per woman",
    .unit_doc = "children per woman",
    .decimals = 2,
    .doc_en = "Total fertility rate: the sum over ages 15-49 of births / women (mean of two 31 December "
        "populations) times the class width; births under 15 in the youngest class, 49+ in the oldest; "
        "95 % interval with Poisson births.",
    .doc_sv = "Summerad fruktsamhet: summan över åldrarna 15–49 av födda / medelfolkmängd kvinnor gånger "
        "klassbredden; födda av mödrar under 15 i den yngsta klassen, 49+ i den äldsta; 95 % intervall.",
    .compute = tfr_compute,
};

const js_kind ind_kind_fertility_rate = {
    .name = "fertility_rate",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = ft_inputs,
    .keys = ft_keys,
    .unit_sv = "per 1 000 kvinnor",
    .unit_en = "per 1,000 women",
    .unit_doc = "per 1,000 women",
    .decimals = 1,
    .doc_en = "Age-specific fertility rate per 1 000 women by mother's age 15-49 (an age dimension).",
    .doc_sv = "Åldersspecifik fruktsamhet per 1 000 kvinnor efter moderns ålder 15–49.",
    .compute = asfr_compute,
};

const js_kind ind_kind_general_fertility_rate = {
    .name = "general_fertility_rate",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = ft_inputs,
    .keys = ft_keys,
    .unit_sv = "per 1 000 kvinnor 15–49 år",
    .unit_en = "per 1,000 women aged 15-49",
    .unit_doc = "per 1,000 women 15-49",
    .decimals = 1,
    .doc_en = "General fertility rate: 1 000 x all live births / women aged 15-49 (mean of two 31 December "
        "populations); births of every mother's age count; 95 % interval with Poisson births.",
    .doc_sv = "Allmänna fruktsamhetstalet: 1 000 x alla levande födda / medelfolkmängd kvinnor 15–49 år; "
        "födda av mödrar i alla åldrar räknas; 95 % intervall.",
    .compute = gfr_compute,
};

const js_kind ind_kind_mean_age_at_birth = {
    .name = "mean_age_at_birth",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = ft_inputs,
    .keys = mac_keys,
    .unit_sv = "år",
    .unit_en = "years",
    .unit_doc = "years",
    .decimals = 1,
    .doc_en = "Mean age of mothers at birth, class mid-points weighted by the age-specific rates (weights = "
        "births: by the births); age = attained for births counted by the age the mother attains in the "
        "year (SCB).",
    .doc_sv = "Medelålder vid barnafödande, klassmittpunkter vägda med de åldersspecifika talen (weights = "
        "births: med antalet födda).",
    .compute = mac_compute,
};

static const js_input_def srb_inputs[] = {IND_INPUT_DATA, IND_INPUT_END};
static const js_key srb_keys[] = {IND_KEY_END};

const js_kind ind_kind_sex_ratio_at_birth = {
    .name = "sex_ratio_at_birth",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = srb_inputs,
    .keys = srb_keys,
    .unit_sv = "pojkar per 100 flickor",
    .unit_en = "boys per 100 girls",
    .unit_doc = "boys per 100 girls",
    .decimals = 1,
    .doc_en = "Sex ratio at birth: 100 x boys / girls.",
    .doc_sv = "Könskvot vid födseln: 100 × pojkar / flickor.",
    .compute = srb_compute,
};
