/*
 * ind_gap.c - gaps between women and men (METHODS 5): women's value minus
 * men's, or women's in percent of men's, for every cell of the other
 * dimensions of another indicator's result (or of data with a sex
 * dimension).
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"

/* The half-width of a cell's interval when it is symmetric about the value
 * (a normal interval, such as a life expectancy's); NaN otherwise. */
static double gap_half_width(const js_cube *in, size_t cell)
{
    const double v = js_cube_value(in, cell), lo = js_cube_ci_low(in, cell), hi = js_cube_ci_high(in, cell);
    if (isnan(lo) || isnan(hi) || isnan(v))
        return (double)NAN;
    const double a = v - lo, b = hi - v;
    return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b)) ? (a + b) / 2 : (double)NAN;
}

/* The difference of two independent estimates with symmetric normal
 * intervals has the half-width sqrt(h_w^2 + h_m^2) at the same level (SE =
 * h / z on each side); asymmetric intervals (Wilson's) give none. */
static js_status gap_interval(const js_cube *in, size_t cw, size_t cm, double diff, js_cube *res, size_t r)
{
    const double hw = gap_half_width(in, cw), hm = gap_half_width(in, cm);
    if (isnan(hw) || isnan(hm))
        return JS_OK;
    const double h = sqrt(hw * hw + hm * hm);
    return js_cube_set_ci(res, r, diff - h, diff + h);
}

/* Women minus men, or women in percent of men, per cell of in's other dims. */
static js_status gap_compute(const js_indicator_spec *s, const js_cube *in, js_cube **out,
                             js_diag *d)
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
    const int ratio = js_spec_word(s, "variant") == 1;
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
            if (!ratio && st == JS_OK)
                st = gap_interval(in, cw, cm, vw - vm, res, r);
        } else if (!(flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT))) {
            flags |= JS_FLAG_MISSING_INPUT; /* unless the input's flags say why already */
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

/* The gap of another indicator's result as it is; of data, of its aggregate
 * over where by by and sex, as for every kind: so where and by apply, and a
 * suppressed cell comes flagged suppressed_input. */
static js_status ind_gap(const js_indicator_spec *s, const js_cube *const *inputs, js_cube **out,
                        js_diag *d)
{
    if (inputs[0] != NULL) /* of */
        return gap_compute(s, inputs[0], out, d);
    const js_cube *const data = inputs[1];
    size_t sex;
    js_status st = ind_need_role(s, data, JS_ROLE_SEX, "sex", &sex, d);
    if (st != JS_OK)
        return st;
    const char **const by = js_calloc(s->n_by + 1, sizeof *by);
    if (by == NULL)
        return JS_ENOMEM;
    size_t n_by = 0;
    const char *const sex_name = js_dim_name(js_cube_dim(data, sex));
    for (size_t i = 0; i < s->n_by; i++)
        if (strcmp(s->by[i], sex_name) != 0)
            by[n_by++] = s->by[i];
    by[n_by++] = sex_name;
    const js_cube *agg = NULL;
    js_cube *own = NULL;
    st = js_aggregate_cached(s->cache, data, s->where, by, n_by, s->id, &agg, &own, d);
    if (st == JS_OK)
        st = gap_compute(s, agg, out, d);
    js_cube_free(own);
    js_free(by);
    return st;
}

/* Percent for the ratio, else a difference in the input's terms. */
static const char *gap_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)in_unit;
    return js_spec_word(s, "variant") == 1 ? "%" : js_text(lang, "skillnad", "difference");
}

static const char *const gap_variants[] = {"difference", "ratio", NULL};

static const js_input_def gap_inputs[] = {
    {"of", JS_INPUT_INDICATOR, 1, 0, "an indicator defined above, with a sex dimension"},
    {"data", JS_INPUT_DATA, 1, 1, "or a data section with a sex dimension"},
    IND_INPUT_END};

static const js_key gap_keys[] = {
    {"variant", JS_KEY_ENUM, "difference", 0, 0, gap_variants, 0,
     "difference: women - men; ratio: 100 x women / men"},
    IND_KEY_END};

const js_kind ind_kind_gap = {
    .name = "gap",
    .family = "gaps",
    .inputs = gap_inputs,
    .keys = gap_keys,
    .unit_sv = "procentenheter",
    .unit_en = "percentage points",
    .unit_doc = "pp / %",
    .decimals = 1,
    .doc_en = "Women's value minus men's (variant = difference), or women's value in percent of men's (variant = "
        "ratio). A difference of two values with symmetric intervals (life expectancy) has the interval "
        "of two independent estimates: half-width sqrt(h_w^2 + h_m^2).",
    .doc_sv = "Kvinnors värde minus mäns (variant = difference), eller kvinnors värde i procent av mäns (variant "
        "= ratio). En skillnad mellan två värden med symmetriska intervall (livslängd) får intervallet för "
        "två oberoende skattningar: halva bredden sqrt(h_k^2 + h_m^2).",
    .unit = gap_unit,
    .compute = ind_gap,
};
