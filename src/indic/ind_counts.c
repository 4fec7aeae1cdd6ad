/*
 * ind_counts.c - counts, shares and ratios (METHODS 1, 5): the kinds that
 * are one or two aggregates of the same data.
 *
 *   count  the sum over where + part, by the by dimensions
 *   share  100 × part / total, with the Wilson 95 % interval
 *   ratio  scale × numerator / denominator
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stddef.h>

#include "core/alloc.h"

/* ---- count --------------------------------------------------------------------- */

static js_status count_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                               js_diag *d)
{
    const js_cube *sum = NULL;
    js_cube *own = NULL, *res = NULL;
    js_status st = ind_aggregate(s, in[0], js_spec_sel(s, "part"), &sum, &own, d);
    if (st == JS_OK)
        st = ind_copy(sum, &res); /* the result gets its own flags: never the cache's cube */
    js_cube_free(own);
    for (size_t i = 0; st == JS_OK && s->measure == JS_MEASURE_COUNT && i < js_cube_ncells(res); i++)
        if (js_cube_value(res, i) < s->small_n)
            st = js_cube_add_flags(res, i, JS_FLAG_SMALL_N);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static const js_input_def data_input[] = {IND_INPUT_DATA, IND_INPUT_END};

/* Persons when the data are counts; else the data's own unit. */
static const char *count_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    if (s->measure == JS_MEASURE_COUNT)
        return js_text(lang, "personer", "persons");
    return in_unit ? in_unit : "";
}

static const js_key count_keys[] = {
    {"part", JS_KEY_SELECTION, NULL, 0, 0, NULL, 0, "a selection to count within where, e.g. sex:women"},
    IND_KEY_END};

const js_kind ind_kind_count = {
    .name = "count",
    .family = "counts and shares",
    .inputs = data_input,
    .keys = count_keys,
    .unit_sv = "personer",
    .unit_en = "persons",
    .unit_doc = "persons",
    .decimals = 0,
    .doc_en = "The sum of the data over the selection, by the chosen dimensions.",
    .doc_sv = "Summan av uppgifterna i urvalet, fördelad på de valda dimensionerna.",
    .unit = count_unit,
    .compute = count_compute,
};

/* ---- share --------------------------------------------------------------------- */

static js_status share_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                               js_diag *d)
{
    return ind_two(s, in[0], js_spec_sel(s, "part"), NULL, 100, 1, out, d);
}

static const js_key share_keys[] = {
    {"part", JS_KEY_SELECTION, NULL, 0, 0, NULL, 1, "the part within its total, e.g. sex:women or age:65-"},
    IND_KEY_END};

const js_kind ind_kind_share = {
    .name = "share",
    .traits = JS_TRAIT_SHARE_OF_PART,
    .family = "counts and shares",
    .inputs = data_input,
    .keys = share_keys,
    .unit_sv = "%",
    .unit_en = "%",
    .unit_doc = "%",
    .decimals = 1,
    .doc_en = "100 x part / total: the part (e.g. sex:women) within the total of the same selection.",
    .doc_sv = "100 × del / total: delen (t.ex. kvinnor) av totalen i samma urval, med 95 % "
        "konfidensintervall (Wilson).",
    .compute = share_compute,
};

/* ---- ratio --------------------------------------------------------------------- */

static js_status ratio_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                               js_diag *d)
{
    return ind_two(s, in[0], js_spec_sel(s, "numerator"), js_spec_sel(s, "denominator"),
                   js_spec_num(s, "scale"), 0, out, d);
}

/* "per 100", "per 1 000" ... for the usual scales, else a plain or scaled
 * ratio. */
static const char *ratio_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)in_unit;
    const double scale = js_spec_num(s, "scale");
    const char *const per = ind_per_unit(scale, lang);
    if (per != NULL)
        return per;
    return fabs(scale - 1) < 1e-9 ? js_text(lang, "kvot", "ratio") : js_text(lang, "skalad kvot", "scaled ratio");
}

static const js_key ratio_keys[] = {
    {"numerator", JS_KEY_SELECTION, NULL, 0, 0, NULL, 1, "the selection above the line, e.g. sex:men"},
    {"denominator", JS_KEY_SELECTION, NULL, 0, 0, NULL, 1, "the selection below the line, e.g. sex:women"},
    {"scale", JS_KEY_NUMBER, "1", 0.001, 1e9, NULL, 0, "the multiplier, e.g. 100 or 1000"},
    IND_KEY_END};

const js_kind ind_kind_ratio = {
    .name = "ratio",
    .family = "counts and shares",
    .inputs = data_input,
    .keys = ratio_keys,
    .unit_sv = "",
    .unit_en = "",
    .unit_doc = "",
    .decimals = 1,
    .doc_en = "scale x numerator / denominator, each a selection of the same data.",
    .doc_sv = "Skala × täljare / nämnare, båda urval ur samma uppgifter.",
    .unit = ratio_unit,
    .compute = ratio_compute,
};
