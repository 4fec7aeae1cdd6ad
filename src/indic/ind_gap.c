/*
 * ind_gap.c - gaps between women and men (METHODS 5, 6.1): women's value
 * minus men's, or women's in percent of men's, for every cell of the other
 * dimensions of another indicator's result (or of data with a sex
 * dimension).
 *
 * With data and part, the gap is between two shares of counts: women's
 * part of women and men's part of men (e.g. the share with post-secondary
 * education), and then every number has its interval from the counts:
 *   difference  100 (p_w - p_m) percentage points, Newcombe's hybrid score
 *               interval (method 10, METHODS 5.4)
 *   ratio       100 p_w / p_m, the log interval for two proportions (Katz)
 *   p_value     two-sided, the pooled z test (METHODS 5.5), Fisher's exact
 *               test when an expected count is below 5 (flagged few_expected)
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "stats/segreg.h"

enum { GAP_DIFFERENCE = 0, GAP_RATIO = 1, GAP_P_VALUE = 2 };

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

/* ---- two shares of counts ------------------------------------------------------- */

/* The women's and men's cells of result cell r of a cube whose last
 * dimension is sex (categories w, m of n_sex). */
static void gap_sex_cells(size_t r, size_t n_sex, size_t w, size_t m, size_t *cw, size_t *cm)
{
    *cw = r * n_sex + w;
    *cm = r * n_sex + m;
}

/* One cell of a gap of shares: x of n women, y of k men. */
static js_status gap_share_cell(const js_indicator_spec *s, double x, double n, double y, double k,
                                uint32_t flags, js_cube *res, size_t r)
{
    const int variant = js_spec_word(s, "variant");
    const double alpha = 1 - js_spec_num(s, "level") / 100;
    js_status st = JS_OK;
    if (isnan(x) || isnan(n) || isnan(y) || isnan(k)) {
        if (!(flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT)))
            flags |= JS_FLAG_MISSING_INPUT;
    } else if (!(n > 0) || !(k > 0) || (variant == GAP_RATIO && !(y > 0))) {
        flags |= JS_FLAG_ZERO_DENOM;
    } else if (x > n || y > k || x < 0 || y < 0) {
        flags |= JS_FLAG_PART_EXCEEDS_TOTAL; /* no proportions: no gap of them */
    } else {
        double lo = (double)NAN, hi = (double)NAN;
        if (variant == GAP_DIFFERENCE) {
            js_cube_set_value(res, r, 100 * (x / n - y / k));
            js_newcombe(x, n, y, k, alpha, &lo, &hi);
        } else if (variant == GAP_RATIO) {
            js_cube_set_value(res, r, 100 * (x / n) / (y / k));
            js_ratio_log_interval(x, n, y, k, alpha, 1, &lo, &hi);
        } else {
            int exact = 0;
            const double p = js_two_prop_p(x, n, y, k, &exact);
            if (!isnan(p))
                js_cube_set_value(res, r, p);
            if (exact)
                flags |= JS_FLAG_FEW_EXPECTED;
        }
        if (!isnan(lo))
            st = js_cube_set_ci(res, r, 100 * lo, 100 * hi);
    }
    if (!isnan(n) && !isnan(k) && (x < s->small_n || n < s->small_n || y < s->small_n || k < s->small_n))
        flags |= JS_FLAG_SMALL_N;
    if (st == JS_OK && flags)
        st = js_cube_add_flags(res, r, flags);
    return st;
}

/* A cell of the derived cubes: v as a count (flagged when derived or its
 * inputs were), or missing / suppressed as its inputs say. */
static js_status gap_put_count(js_cube *c, size_t cell, double v, uint32_t flags, int derived)
{
    if (isnan(v))
        return js_cube_set_status(c, cell, flags & JS_FLAG_SUPPRESSED_INPUT ? JS_CELL_SUPPRESSED
                                                                            : JS_CELL_MISSING, NULL);
    js_cube_set_value(c, cell, v);
    if (derived || (flags & JS_FLAG_FLAGGED_INPUT))
        return js_cube_set_status(c, cell, JS_CELL_OK, derived ? "derived" : "flagged");
    return JS_OK;
}

/* percent_of: part is a published percentage (0-100) of the count
 * percent_of, both categories of one dimension (Skolverket's "Andel (%)
 * elever som fått godkänt betyg i alla ämnen" of "Antal elever").  In every
 * cell of the data under where, the part's count is round(count x percent
 * / 100); those counts and the counts themselves are then summed by by +
 * sex as counts are.  A derived count is flagged (flagged_input): the
 * percentage was rounded, and "~100" stands for fewer than 5 not in part. */
static js_status gap_derived(const js_indicator_spec *s, const js_cube *data, const char *const *by,
                             size_t n_by, js_cube **num, js_cube **den, js_diag *d)
{
    const js_sel *const part = js_spec_sel(s, "part"), *const of = js_spec_sel(s, "percent_of");
    if (js_sel_nterms(part) != 1 || js_sel_nterms(of) != 1 || js_sel_term_nvalues(part, 0) != 1 ||
        js_sel_term_nvalues(of, 0) != 1 || strcmp(js_sel_term_dim(part, 0), js_sel_term_dim(of, 0)) != 0) {
        js_diag_error(d, NULL, 0, 0, "%s: percent_of and part must each name one category of one "
                      "dimension (part = contents:share percent_of = contents:count), found \"%s\" and "
                      "\"%s\"", s->id, js_sel_text(part), js_sel_text(of));
        return JS_EUSAGE;
    }
    const size_t pd = js_cube_find_dim(data, js_sel_term_dim(part, 0));
    const char *fine[32];
    size_t n_fine = 0;
    for (size_t i = 0; i < js_cube_ndims(data) && n_fine < 32; i++)
        if (i != pd)
            fine[n_fine++] = js_dim_name(js_cube_dim(data, i));
    js_sel *wp = NULL, *wo = NULL;
    js_cube *pc = NULL, *nc = NULL, *x = NULL, *y = NULL;
    js_status st = js_sel_join(s->where, part, &wp);
    if (st == JS_OK)
        st = js_sel_join(s->where, of, &wo);
    if (st == JS_OK)
        st = js_aggregate(data, wp, fine, n_fine, s->id, &pc, d);
    if (st == JS_OK)
        st = js_aggregate(data, wo, fine, n_fine, s->id, &nc, d);
    if (st == JS_OK)
        st = ind_result_like(nc, SIZE_MAX, &x);
    if (st == JS_OK)
        st = ind_result_like(nc, SIZE_MAX, &y);
    for (size_t c = 0; st == JS_OK && c < js_cube_ncells(nc); c++) {
        const double n = js_cube_value(nc, c), p = js_cube_value(pc, c);
        const uint32_t fl = js_cube_flags(nc, c) | js_cube_flags(pc, c);
        st = gap_put_count(y, c, isnan(p) ? (double)NAN : n, fl, 0);
        if (st == JS_OK)
            st = gap_put_count(x, c, isnan(n) || isnan(p) ? (double)NAN : round(n * p / 100), fl, 1);
    }
    if (st == JS_OK)
        st = js_aggregate(x, NULL, by, n_by, s->id, num, d);
    if (st == JS_OK)
        st = js_aggregate(y, NULL, by, n_by, s->id, den, d);
    js_sel_free(wp);
    js_sel_free(wo);
    js_cube_free(pc);
    js_cube_free(nc);
    js_cube_free(x);
    js_cube_free(y);
    return st;
}

/* The gap between women's and men's share of part, from the aggregates
 * of data by by + sex (sex last) with and without part. */
static js_status gap_shares(const js_indicator_spec *s, const js_cube *data, const char *const *by,
                            size_t n_by, js_diag *d, js_cube **out)
{
    if (s->measure != JS_MEASURE_COUNT) {
        js_diag_error(d, NULL, 0, 0, "%s: part = needs counts (measure_type = count): a share of "
                      "other numbers has no interval from them", s->id);
        return JS_EUSAGE;
    }
    js_sel *both = NULL;
    const js_cube *num = NULL, *den = NULL;
    js_cube *own_num = NULL, *own_den = NULL, *res = NULL;
    js_status st = js_sel_join(s->where, js_spec_sel(s, "part"), &both);
    if (st == JS_OK && js_spec_sel(s, "percent_of") != NULL) {
        st = gap_derived(s, data, by, n_by, &own_num, &own_den, d);
        num = own_num;
        den = own_den;
    } else {
        if (st == JS_OK)
            st = js_aggregate_cached(s->cache, data, both, by, n_by, s->id, &num, &own_num, d);
        if (st == JS_OK)
            st = js_aggregate_cached(s->cache, data, s->where, by, n_by, s->id, &den, &own_den, d);
    }
    if (st == JS_OK && js_cube_ncells(num) != js_cube_ncells(den)) {
        js_diag_error(d, NULL, 0, 0, "%s: part must not restrict a by dimension", s->id);
        st = JS_EUSAGE;
    }
    const size_t sex = n_by - 1;
    const js_dim *const sdim = st == JS_OK ? js_cube_dim(num, sex) : NULL;
    size_t w = SIZE_MAX, m = SIZE_MAX;
    for (size_t c = 0; sdim != NULL && c < js_dim_size(sdim); c++) {
        if (js_dim_category(sdim, c)->sex == JS_SEX_WOMEN)
            w = c;
        if (js_dim_category(sdim, c)->sex == JS_SEX_MEN)
            m = c;
    }
    if (st == JS_OK && (w == SIZE_MAX || m == SIZE_MAX)) {
        js_diag_error(d, NULL, 0, 0, "%s: a gap needs counts of women and of men", s->id);
        st = JS_EUSAGE;
    }
    if (st == JS_OK)
        st = ind_result_like(num, sex, &res);
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(res); r++) {
        size_t cw, cm;
        gap_sex_cells(r, js_dim_size(sdim), w, m, &cw, &cm);
        const uint32_t flags = js_cube_flags(num, cw) | js_cube_flags(num, cm) | js_cube_flags(den, cw) |
                               js_cube_flags(den, cm);
        st = gap_share_cell(s, js_cube_value(num, cw), js_cube_value(den, cw), js_cube_value(num, cm),
                            js_cube_value(den, cm), flags, res, r);
    }
    js_cube_free(own_num);
    js_cube_free(own_den);
    js_sel_free(both);
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
    const int shares = js_spec_sel(s, "part") != NULL;
    if (js_spec_sel(s, "percent_of") != NULL && !shares) {
        js_diag_error(d, NULL, 0, 0, "%s: percent_of = needs part =, the percentage", s->id);
        return JS_EUSAGE;
    }
    if (inputs[0] != NULL && shares) {
        js_diag_error(d, NULL, 0, 0, "%s: part = takes data =, the counts, not of =", s->id);
        return JS_EUSAGE;
    }
    if (!shares && js_spec_word(s, "variant") == GAP_P_VALUE) {
        js_diag_error(d, NULL, 0, 0, "%s: variant = p_value needs data = and part = (counts)", s->id);
        return JS_EUSAGE;
    }
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
    if (shares)
        st = gap_shares(s, data, by, n_by, d, out);
    else
        st = js_aggregate_cached(s->cache, data, s->where, by, n_by, s->id, &agg, &own, d);
    if (st == JS_OK && !shares)
        st = gap_compute(s, agg, out, d);
    js_cube_free(own);
    js_free(by);
    return st;
}

/* Percent for the ratio, percentage points for a difference of shares,
 * else a difference in the input's terms. */
static const char *gap_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)in_unit;
    const int variant = js_spec_word(s, "variant");
    if (variant == GAP_RATIO)
        return "%";
    if (variant == GAP_P_VALUE)
        return js_text(lang, "p-värde", "p value");
    if (js_spec_sel(s, "part") != NULL)
        return js_text(lang, "procentenheter", "percentage points");
    return js_text(lang, "skillnad", "difference");
}

/* p values take 4 decimals. */
static int gap_decimals(const js_indicator_spec *s)
{
    return js_spec_word(s, "variant") == GAP_P_VALUE ? 4 : 1;
}

static const char *const gap_variants[] = {"difference", "ratio", "p_value", NULL};

static const js_input_def gap_inputs[] = {
    {"of", JS_INPUT_INDICATOR, 1, 0, "an indicator defined above, with a sex dimension"},
    {"data", JS_INPUT_DATA, 1, 1, "or a data section with a sex dimension"},
    IND_INPUT_END};

static const js_key gap_keys[] = {
    {"variant", JS_KEY_ENUM, "difference", 0, 0, gap_variants, 0,
     "difference: women - men; ratio: 100 x women / men; p_value: of the difference (with part)"},
    {"part", JS_KEY_SELECTION, NULL, 0, 0, NULL, 0,
     "with data: the gap between women's and men's share of this part, e.g. education:post-secondary"},
    {"level", JS_KEY_NUMBER, "95", 50, 99.999, NULL, 0, "the interval's level, percent (with part)"},
    {"percent_of", JS_KEY_SELECTION, NULL, 0, 0, NULL, 0,
     "with part: part is a published percentage of this count (contents:\"Antal elever\"); the part's "
     "counts are derived, round(count x percent / 100), and flagged flagged_input"},
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
        "of two independent estimates: half-width sqrt(h_w^2 + h_m^2). With data and part: women's "
        "share of part minus men's in percentage points with Newcombe's hybrid score interval, the ratio "
        "with the log interval, or (variant = p_value) the two-proportion z test's p (Fisher's exact test "
        "when an expected count is below 5). On complete register counts the interval describes random "
        "variation in the process behind them, not sampling error; survey data need the producer's own.",
    .doc_sv = "Kvinnors värde minus mäns (variant = difference), eller kvinnors värde i procent av mäns (variant "
        "= ratio). En skillnad mellan två värden med symmetriska intervall (livslängd) får intervallet för "
        "två oberoende skattningar: halva bredden sqrt(h_k^2 + h_m^2). Med data och part: kvinnornas "
        "andel i part minus männens i procentenheter med Newcombes intervall, kvoten med logaritmiskt "
        "intervall, eller (variant = p_value) p-värdet för z-testet av två andelar (Fishers exakta test när "
        "ett förväntat antal är under 5). På registrets fullständiga räkningar beskriver intervallet "
        "slumpmässig variation i processen bakom dem, inte urvalsfel; urvalsundersökningar behöver "
        "producentens egna intervall.",
    .unit = gap_unit,
    .default_decimals = gap_decimals,
    .compute = ind_gap,
};
