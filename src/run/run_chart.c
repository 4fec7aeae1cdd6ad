/*
 * run_chart.c - from [chart] sections to js_chart tables.
 *
 * A chart draws an indicator's result or a data section.  The cube is cut
 * down to the chart's dimensions (the categories along the axis, and sex
 * for the series): every other dimension must be fixed by where to one
 * category when the source is a result (results are not additive), while
 * a data section is summed like any count.  The chart module then gets a
 * plain table and knows nothing of cubes.
 *
 * Beyond categories and sex, a heat map and small multiples keep one more
 * dimension, the group: the rows of the heat map, the panels of small
 * multiples (region × year, level of education × year).  It is the first
 * dimension that where leaves open, regions first.
 *
 * reference = NUMBER | total | INDICATOR: a number as written; "total" takes
 * the axis dimension's total category (SCB's "00 Riket", Kolada's "Riket"),
 * draws it as the line and leaves it out of the bars; the name of another
 * indicator takes its one value under this chart's where (e.g. the national
 * share by year beside a share by region and year).
 *
 * A share100 chart of a share indicator (part = sex:women) draws women's
 * share and, beside it, 100 minus it for men.
 */
#include "run/run_int.h"

#include <assert.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/fileio.h"
#include "core/natcmp.h"
#include "core/strbuf.h"
#include "indic/select.h"
#include "jamstat/harmonise.h"

enum { CHART_MAX_SERIES = 64 }; /* heat-map rows, or panels × sexes */
/* The result flags that mean "few observations" in a chart (hatched). */
#define CHART_FEW_FLAGS ((uint32_t)JS_FLAG_SMALL_N | (uint32_t)JS_FLAG_WIDE_INTERVAL)

/* One chart being built: the table and the memory behind it. */
typedef struct chart_build {
    js_chart ch;
    js_chart_series series[CHART_MAX_SERIES];
    const char **labels;
    const char **codes; /* the categories' codes, beside labels (sort = code) */
    double *values[CHART_MAX_SERIES];
    double *lo[CHART_MAX_SERIES], *hi[CHART_MAX_SERIES]; /* intervals (projections) */
    double *cat_x;    /* years along the axis, or NULL */
    double breaks[8]; /* series breaks (years) */
    int band;         /* draw the values' intervals (interval = band): lines as bands, bars
                         and ranked as error bars */
    const char *focus; /* the chart's focus (code or label), or NULL: a lines chart's group first */
    const char **relabel_code; /* label = CODE=Label, ... or label = FILE: new labels for */
    const char **relabel_to;   /* categories and series, n_relabel of them */
    size_t n_relabel;
    js_arena strings; /* labels (copied: the cubes are freed before the alt text is made) */
    js_buf title, source;
    unsigned char *few[CHART_MAX_SERIES]; /* per series: 1 where the value rests on few observations */
    uint32_t *agg_flags; /* a result's flags behind each cell of the cut cube, or NULL */
    char band_label[80]; /* ch.band_label's words */
    int pair_pass;       /* chart_fill is filling a pyramid pair's second pyramid */
    int age_axis;        /* the categories are ages */
} chart_build;

static void chart_build_fini(chart_build *b)
{
    js_free(b->labels);
    js_free(b->codes);
    js_free(b->cat_x);
    js_free(b->relabel_code);
    js_free(b->relabel_to);
    for (size_t i = 0; i < CHART_MAX_SERIES; i++) {
        js_free(b->values[i]);
        js_free(b->lo[i]);
        js_free(b->hi[i]);
        js_free(b->few[i]);
    }
    js_free(b->agg_flags);
    js_arena_fini(&b->strings);
    js_buf_fini(&b->title);
    js_buf_fini(&b->source);
}

/* Results are not additive: each dimension outside keep must be fixed to
 * one category by where, and "total" must name a total the result has
 * (one made by summing would add up its shares or rates). */
static js_status chart_check_fixed(const js_run_state *r, const spec_section *sec, const js_cube *c,
                                   const js_sel *where, const char *const *keep, size_t n_keep)
{
    const char *const name = sec->name;
    js_sel_masks sel;
    js_status st = js_sel_resolve(c, where, name, &sel, r->diag);
    for (size_t i = 0; st == JS_OK && i < js_cube_ndims(c); i++) {
        const js_dim *const dim = js_cube_dim(c, i);
        if (sel.sum_all[i]) { /* "total" where the result has none: its values would be summed */
            spec_error(r->spec, sec, spec_kv_find(sec, "where"), 0, r->diag, "where: the indicator has no total "
                       "in dimension \"%s\", and its values cannot be summed: select total in the "
                       "indicator's own where (e.g. where = %s:total,...) so that it computes one",
                       js_dim_name(dim), js_dim_name(dim));
            st = JS_EUSAGE;
            break;
        }
        int kept = 0;
        for (size_t k = 0; k < n_keep; k++)
            kept |= js_cube_find_dim(c, keep[k]) == i;
        size_t n = 0;
        for (size_t k = 0; k < js_dim_size(dim); k++)
            n += sel.mask[i] == NULL || sel.mask[i][k];
        if (!kept && n != 1) { /* the example written as it would be typed, quoted as needed */
            const char *const code = js_dim_category(dim, js_dim_size(dim) - 1)->code;
            js_sel *const example = js_sel_new();
            if (example == NULL || js_sel_add(example, js_dim_name(dim), &code, 1) != JS_OK) {
                js_sel_free(example);
                st = JS_ENOMEM;
                break;
            }
            js_diag_error(r->diag, r->spec->path, 0, 0,
                          "[chart %s]: dimension \"%s\" has %zu categories here: fix one with where "
                          "(e.g. where = %s)", name, js_dim_name(dim), n, js_sel_text(example));
            js_sel_free(example);
            st = JS_EUSAGE;
        }
    }
    if (sel.mask != NULL)
        js_sel_masks_fini(&sel);
    return st;
}

/* The dimension along the axis: the chart's categories key, else by role. */
static size_t chart_cat_dim(const js_cube *c, const char *key, js_chart_kind kind)
{
    if (key != NULL)
        return js_cube_find_dim(c, key);
    if (kind == JS_CHART_LINES || kind == JS_CHART_HEATMAP || kind == JS_CHART_SMALL_MULTIPLES) {
        const size_t time = js_cube_dim_by_role(c, JS_ROLE_TIME);
        if (time != SIZE_MAX || kind == JS_CHART_LINES)
            return time;
    }
    if (kind == JS_CHART_PYRAMID)
        return js_cube_dim_by_role(c, JS_ROLE_AGE);
    const size_t region = js_cube_dim_by_role(c, JS_ROLE_REGION);
    if (region != SIZE_MAX)
        return region;
    for (size_t i = 0; i < js_cube_ndims(c); i++) {
        const js_role role = js_dim_role(js_cube_dim(c, i));
        if (role != JS_ROLE_SEX && role != JS_ROLE_TIME)
            return i;
    }
    return SIZE_MAX;
}

/* How many categories of each dimension where leaves (n[i], ndims entries). */
static js_status chart_open_counts(const js_run_state *r, const char *name, const js_cube *c,
                                   const js_sel *where, size_t *n)
{
    js_sel_masks sel;
    const js_status st = js_sel_resolve(c, where, name, &sel, r->diag);
    if (st != JS_OK)
        return st;
    for (size_t i = 0; i < js_cube_ndims(c); i++) {
        const js_dim *const dim = js_cube_dim(c, i);
        n[i] = 0;
        for (size_t k = 0; k < js_dim_size(dim); k++)
            n[i] += sel.mask[i] == NULL || sel.mask[i][k];
        n[i] += sel.sum_all[i]; /* "total" where the data has none: one more */
    }
    js_sel_masks_fini(&sel);
    return JS_OK;
}

/* The group of a heat map or small multiples: the first dimension besides
 * the axis, sex and time that where leaves open; regions first, then other
 * dimensions, ages last.  SIZE_MAX when there is none. */
static size_t chart_group_dim(const js_cube *c, const size_t *n, size_t cat)
{
    static const js_role order[] = {JS_ROLE_REGION, JS_ROLE_OTHER, JS_ROLE_CONTENTS, JS_ROLE_AGE,
                                    JS_ROLE_TIME};
    for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
        for (size_t i = 0; i < js_cube_ndims(c); i++)
            if (i != cat && n[i] > 1 && js_dim_role(js_cube_dim(c, i)) == order[o])
                return i;
    return SIZE_MAX;
}

/* A category's label on the axis: ages as "0–4", "90+", "65"; a copy in a,
 * because the cube goes before the chart's alt text is made. */
static const char *chart_cat_label(const js_category *k, js_arena *a)
{
    char buf[64];
    if (isnan(k->age_lo) || k->is_total)
        return js_arena_strdup(a, k->label);
    if (isinf(k->age_hi))
        (void)snprintf(buf, sizeof buf, "%g+", k->age_lo);
    else if (k->age_hi - k->age_lo > 1.5)
        (void)snprintf(buf, sizeof buf, "%g\xe2\x80\x93%g", k->age_lo, k->age_hi - 1);
    else
        (void)snprintf(buf, sizeof buf, "%g", k->age_lo);
    return js_arena_strdup(a, buf);
}

/* A year as a number for a time axis: codes of four digits only. */
static double chart_year(const js_category *k)
{
    const char *const s = k->code;
    if (s == NULL || strlen(s) != 4)
        return (double)NAN;
    for (size_t i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return (double)NAN;
    return (double)k->year;
}

/* The label that [chart] label = CODE=Label, ... gives category k (by its
 * code or its label), copied into b->strings; NULL when none does. */
static const char *chart_relabel(const chart_build *b, const js_category *k)
{
    for (size_t i = 0; i < b->n_relabel; i++)
        if (strcmp(k->code, b->relabel_code[i]) == 0 || strcmp(k->label, b->relabel_code[i]) == 0)
            return b->relabel_to[i];
    return NULL;
}

/* y_min and y_max are numbers, y_min below y_max; y_zero is yes or no. */
static js_status chart_axis_check(const js_run_state *r, const spec_section *sec)
{
    static const char *const keys[] = {"y_min", "y_max"};
    double v[2] = {-(double)INFINITY, (double)INFINITY};
    for (size_t i = 0; i < 2; i++) {
        const char *const text = spec_get(sec, keys[i], NULL);
        if (text != NULL && (!js_parse_number(text, &v[i]) || !isfinite(v[i]))) {
            spec_error(r->spec, sec, spec_kv_find(sec, keys[i]), 0, r->diag, "%s: expected a number, found \"%s\"",
                       keys[i], text);
            return JS_EUSAGE;
        }
    }
    if (!(v[0] < v[1])) {
        spec_error(r->spec, sec, spec_kv_find(sec, "y_max"), 0, r->diag, "y_max: expected a number above y_min "
                   "(%g), found %g", v[0], v[1]);
        return JS_EUSAGE;
    }
    const char *const zero = spec_get(sec, "y_zero", "no");
    if (strcasecmp(zero, "yes") != 0 && strcasecmp(zero, "no") != 0) {
        spec_error(r->spec, sec, spec_kv_find(sec, "y_zero"), 0, r->diag, "y_zero: expected yes or no, found \"%s\"",
                   zero);
        return JS_EUSAGE;
    }
    static const char *const sizes[] = {"width", "height"};
    for (size_t i = 0; i < 2; i++) { /* pixels: a whole number gnuplot can draw on */
        const char *const text = spec_get(sec, sizes[i], NULL);
        double px = 0;
        if (text != NULL && (!js_parse_number(text, &px) || fabs(px - floor(px)) > 0 || px < 100 || px > 10000)) {
            spec_error(r->spec, sec, spec_kv_find(sec, sizes[i]), 0, r->diag, "%s: expected a whole number of "
                       "pixels from 100 to 10000, found \"%s\"", sizes[i], text);
            return JS_EUSAGE;
        }
    }
    return JS_OK;
}

/* label = CODE=Label, ... (every item with its "=" and a code before it),
 * or label = FILE, a key file of codes and labels (run_keys.c), into
 * b->relabel_*. */
static js_status chart_relabel_parse(js_run_state *r, const spec_section *sec, chart_build *b)
{
    const char *const text = spec_get(sec, "label", NULL);
    if (text == NULL)
        return JS_OK;
    if (strchr(text, '=') == NULL) {
        char *const path = text[0] == '/' ? js_strdup(text) : js_path_join(r->spec->dir, text);
        if (path == NULL)
            return JS_ENOMEM;
        js_status st;
        if (access(path, F_OK) != 0) { /* most likely a CODE=Label without its = */
            spec_error(r->spec, sec, spec_kv_find(sec, "label"), 0, r->diag, "label: expected CODE=Label "
                       "items (e.g. label = total=Riket, 23=Jämtlands län) or a key file; there is no "
                       "file %s", path);
            st = JS_EUSAGE;
        } else {
            st = run_labels_file(r, path, &b->strings, &b->relabel_code, &b->relabel_to, &b->n_relabel);
        }
        js_free(path);
        return st;
    }
    char buf[1024];
    const char *items[64];
    if (strlen(text) >= sizeof buf) {
        spec_error(r->spec, sec, spec_kv_find(sec, "label"), 0, r->diag, "label: at most %zu bytes",
                   sizeof buf - 1);
        return JS_EUSAGE;
    }
    (void)snprintf(buf, sizeof buf, "%s", text);
    const size_t n = run_split_list(buf, items, 64);
    b->relabel_code = js_calloc(n + 1, sizeof *b->relabel_code);
    b->relabel_to = js_calloc(n + 1, sizeof *b->relabel_to);
    if (b->relabel_code == NULL || b->relabel_to == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *const eq = strchr(items[i], '=');
        if (eq == NULL || eq == items[i]) {
            spec_error(r->spec, sec, spec_kv_find(sec, "label"), 0, r->diag, "label: expected CODE=Label "
                       "items (e.g. label = total=Riket, 23=Jämtlands län) or a key file, found \"%s\"",
                       items[i]);
            return JS_EUSAGE;
        }
        const char *to = eq + 1;
        while (*to == ' ')
            to++;
        size_t len = (size_t)(eq - items[i]);
        while (len > 0 && items[i][len - 1] == ' ')
            len--;
        b->relabel_code[i] = js_arena_strndup(&b->strings, items[i], len);
        b->relabel_to[i] = js_arena_strdup(&b->strings, to);
        if (b->relabel_code[i] == NULL || b->relabel_to[i] == NULL)
            return JS_ENOMEM;
    }
    b->n_relabel = n;
    return JS_OK;
}

/* Labels (and years) of the categories along the axis. */
static js_status chart_fill_labels(chart_build *b, const js_dim *cat)
{
    const size_t n = js_dim_size(cat);
    b->labels = js_calloc(n ? n : 1, sizeof *b->labels);
    b->codes = js_calloc(n ? n : 1, sizeof *b->codes);
    b->cat_x = js_calloc(n ? n : 1, sizeof *b->cat_x);
    if (b->labels == NULL || b->codes == NULL || b->cat_x == NULL)
        return JS_ENOMEM;
    int years = js_dim_role(cat) == JS_ROLE_TIME && n > 0;
    b->age_axis = js_dim_role(cat) == JS_ROLE_AGE;
    for (size_t k = 0; k < n; k++) {
        const char *const own = chart_relabel(b, js_dim_category(cat, k));
        b->labels[k] = own != NULL ? own : chart_cat_label(js_dim_category(cat, k), &b->strings);
        b->codes[k] = js_arena_strdup(&b->strings, js_dim_category(cat, k)->code);
        if (b->labels[k] == NULL || b->codes[k] == NULL)
            return JS_ENOMEM;
        b->cat_x[k] = chart_year(js_dim_category(cat, k));
        years = years && !isnan(b->cat_x[k]);
    }
    b->ch.n_cats = n;
    b->ch.cat_labels = b->labels;
    b->ch.cat_x = years ? b->cat_x : NULL;
    return JS_OK;
}

/* Fill labels and series from agg, whose dimensions are [categories],
 * [categories, sex], [categories, group] or [categories, group, sex].
 * Series: per group category (in order), women then men (or the one
 * series); for a comparison cube, the same again drawn as outlines.  A
 * group's series carry its category label (heat-map row, panel title). */
static js_status chart_fill(const js_run_state *r, const char *name, chart_build *b,
                            const js_cube *agg, int has_group, int is_compare, const char *label)
{
    const js_lang lang = r->lang;
    const js_dim *const cat = js_cube_dim(agg, 0);
    const size_t n = js_dim_size(cat);
    js_status st = JS_OK;
    if (!is_compare && !b->pair_pass) {
        st = chart_fill_labels(b, cat);
    } else if (n != b->ch.n_cats) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[chart %s]: the %s has %zu categories, "
                      "expected %zu as in the chart", name, is_compare ? "comparison" : "second table", n,
                      b->ch.n_cats);
        st = JS_EUSAGE;
    }
    if (st != JS_OK)
        return st;
    const js_dim *const group = has_group ? js_cube_dim(agg, 1) : NULL;
    const size_t sex_at = has_group ? 2 : 1;
    const js_dim *const sex = js_cube_ndims(agg) > sex_at ? js_cube_dim(agg, sex_at) : NULL;
    const size_t n_group = group ? js_dim_size(group) : 1, n_sex = sex ? js_dim_size(sex) : 1;
    if (n_group * (sex ? 2 : 1) + b->ch.n_series > CHART_MAX_SERIES) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[chart %s]: expected at most %d series (rows, "
                      "or panels × sexes), found %zu × %d: narrow it with where", name,
                      CHART_MAX_SERIES, n_group, sex ? 2 : 1);
        return JS_EUSAGE;
    }
    const js_sex order[] = {JS_SEX_WOMEN, JS_SEX_MEN, JS_SEX_TOTAL}; /* women first */
    /* a lines chart's groups (series = region): the focus first, then the
     * totals (the country), then the rest in order */
    size_t gorder[CHART_MAX_SERIES];
    size_t n_order = 0;
    const int lines = b->ch.kind == JS_CHART_LINES && group != NULL;
    if (lines && !is_compare) /* curves by age, one per year */
        b->ch.groups_are_years = js_dim_role(group) == JS_ROLE_TIME;
    const size_t f = lines && b->focus != NULL ? js_dim_find(group, b->focus) : SIZE_MAX;
    const size_t fg = group != NULL && b->focus != NULL ? js_dim_find(group, b->focus) : SIZE_MAX;
    if (f != SIZE_MAX)
        gorder[n_order++] = f;
    for (int pass = 0; pass < 2; pass++)
        for (size_t g = 0; g < n_group && n_order < CHART_MAX_SERIES; g++)
            if (g != f && (!lines || (js_dim_category(group, g)->is_total != 0) == (pass == 0)) &&
                (lines || pass == 0))
                gorder[n_order++] = g;
    for (size_t gi = 0; gi < n_order; gi++) {
        const size_t g = gorder[gi];
        size_t added = 0;
        for (size_t o = 0; o < (sex ? 3u : 1u); o++) {
            size_t sk = 0;
            if (sex != NULL) {
                for (sk = 0; sk < n_sex && js_dim_category(sex, sk)->sex != order[o]; sk++)
                    ;
                if (sk == n_sex || (order[o] == JS_SEX_TOTAL && added > 0))
                    continue;
            }
            if (b->ch.n_series == CHART_MAX_SERIES)
                return JS_EINTERNAL; /* counted above */
            double *const v = js_calloc(n ? n : 1, sizeof *v);
            if (v == NULL)
                return JS_ENOMEM;
            for (size_t k = 0; k < n; k++)
                v[k] = js_cube_value(agg, (k * n_group + g) * n_sex + sk);
            js_chart_series *const s = &b->series[b->ch.n_series];
            if (b->band && !is_compare && js_cube_has_ci(agg)) { /* the interval as a band */
                double *const lo = js_calloc(n ? n : 1, sizeof *lo), *const hi = js_calloc(n ? n : 1, sizeof *hi);
                b->lo[b->ch.n_series] = lo;
                b->hi[b->ch.n_series] = hi;
                if (lo == NULL || hi == NULL)
                    return JS_ENOMEM;
                int any = 0;
                for (size_t k = 0; k < n; k++) {
                    const size_t cell = (k * n_group + g) * n_sex + sk;
                    lo[k] = js_cube_ci_low(agg, cell);
                    hi[k] = js_cube_ci_high(agg, cell);
                    any |= !isnan(lo[k]) && !isnan(hi[k]) && !isnan(v[k]);
                }
                s->lo = any ? lo : NULL;
                s->hi = any ? hi : NULL;
            }
            if (!is_compare) { /* values on few observations: drawn hatched or marked */
                unsigned char *const few = js_calloc(n ? n : 1, 1);
                b->few[b->ch.n_series] = few;
                if (few == NULL)
                    return JS_ENOMEM;
                int any = 0;
                for (size_t k = 0; k < n; k++) {
                    const size_t cell = (k * n_group + g) * n_sex + sk;
                    const uint32_t fl = b->agg_flags != NULL ? b->agg_flags[cell] : js_cube_flags(agg, cell);
                    few[k] = (fl & CHART_FEW_FLAGS) != 0;
                    b->ch.has_suppressed |= (fl & JS_FLAG_SUPPRESSED) != 0;
                    any |= few[k];
                }
                s->few = any ? few : NULL;
            }
            s->is_focus = g == fg && (lines || b->ch.kind == JS_CHART_HEATMAP);
            b->values[b->ch.n_series++] = v;
            added++;
            s->values = v;
            s->sex = sex ? order[o] : JS_SEX_NONE;
            s->is_compare = is_compare;
            s->group = lines || b->ch.kind == JS_CHART_STACKED ? (int)gi : 0;
            char both[256]; /* "Jämtland, kvinnor" */
            const char *const own = group != NULL ? chart_relabel(b, js_dim_category(group, g)) : NULL;
            const char *const glabel = own != NULL ? own : group != NULL ? js_dim_category(group, g)->label : NULL;
            if (lines && sex != NULL)
                (void)snprintf(both, sizeof both, "%s, %s", glabel,
                               s->sex == JS_SEX_WOMEN ? js_text(lang, "kvinnor", "women")
                               : s->sex == JS_SEX_MEN ? js_text(lang, "m\xc3\xa4n", "men")
                                                      : js_text(lang, "totalt", "total"));
            s->label = lines && sex != NULL ? js_arena_strdup(&b->strings, both)
                     : group ? js_arena_strdup(&b->strings, glabel)
                     : label ? label
                     : s->sex == JS_SEX_WOMEN ? js_text(lang, "Kvinnor", "Women")
                     : s->sex == JS_SEX_MEN ? js_text(lang, "M\xc3\xa4n", "Men")
                     : js_text(lang, "Totalt", "Total");
            if (s->label == NULL)
                return JS_ENOMEM;
        }
    }
    b->ch.series = b->series;
    return JS_OK;
}

/* ---- lines with a projection --------------------------------------------------- */

static js_status chart_cut(js_run_state *r, const spec_section *sec, const js_cube *src,
                           int is_result, const js_sel *where, js_chart_kind kind, js_cube **out,
                           int *has_group);

/* The value of cube (dims [year] or [year, sex]) at a year code and sex. */
static size_t chart_cell_at(const js_cube *c, const char *year, js_sex sex)
{
    const size_t k = js_dim_find(js_cube_dim(c, 0), year);
    if (k == SIZE_MAX)
        return SIZE_MAX;
    if (js_cube_ndims(c) < 2)
        return k;
    const js_dim *const sd = js_cube_dim(c, 1);
    for (size_t j = 0; j < js_dim_size(sd); j++)
        if (js_dim_category(sd, j)->sex == sex)
            return k * js_dim_size(sd) + j;
    return SIZE_MAX;
}

/* One series along the trend's years: observed values from obs, or (proj)
 * the trend's values and prediction interval from the last observed year
 * on.  Returns the last observed year's index in *last. */
static js_status chart_series_along(chart_build *b, const js_cube *obs, const js_cube *trend,
                                    js_sex sex, int proj, const char *label, size_t *last)
{
    const size_t n = b->ch.n_cats, i = b->ch.n_series;
    if (i == CHART_MAX_SERIES)
        return JS_EINTERNAL;
    double *const v = js_calloc(n ? n : 1, sizeof *v);
    double *const lo = proj ? js_calloc(n ? n : 1, sizeof *lo) : NULL;
    double *const hi = proj ? js_calloc(n ? n : 1, sizeof *hi) : NULL;
    b->values[i] = v;
    b->lo[i] = lo;
    b->hi[i] = hi;
    if (v == NULL || (proj && (lo == NULL || hi == NULL)))
        return JS_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        const char *const year = js_dim_category(js_cube_dim(trend, 0), k)->code;
        const size_t co = chart_cell_at(obs, year, sex), ct = chart_cell_at(trend, year, sex);
        const double o = co == SIZE_MAX ? (double)NAN : js_cube_value(obs, co);
        if (!proj && !isnan(o))
            *last = k;
        v[k] = proj ? (double)NAN : o;
        if (proj) {
            lo[k] = hi[k] = (double)NAN;
            if (k >= *last && ct != SIZE_MAX) {
                v[k] = js_cube_value(trend, ct);
                lo[k] = js_cube_ci_low(trend, ct);
                hi[k] = js_cube_ci_high(trend, ct);
            }
        }
    }
    js_chart_series *const s = &b->series[i];
    s->values = v;
    s->lo = lo;
    s->hi = hi;
    s->sex = sex;
    s->is_compare = proj;
    s->label = label;
    b->ch.n_series++;
    b->ch.series = b->series;
    return JS_OK;
}

/* [chart] projection = TREND: the years run on to the trend's last one, each
 * observed series gets a dashed continuation with its prediction band, and
 * the projected years are shaded. */
static js_status chart_projection(js_run_state *r, const spec_section *sec, const js_cube *obs,
                                  const js_sel *where, chart_build *b)
{
    const char *const name = spec_get(sec, "projection", NULL);
    const run_ind *const rt = run_find_ind(r, name);
    if (rt == NULL || !(rt->spec.kind->traits & JS_TRAIT_PROJECTS)) {
        spec_error(r->spec, sec, spec_kv_find(sec, "projection"), 0, r->diag, "projection = %s names no trend "
                      "indicator above", name);
        return JS_EUSAGE;
    }
    js_cube *trend = NULL;
    int has_group = 0;
    js_status st = chart_cut(r, sec, rt->cube, 1, where, JS_CHART_LINES, &trend, &has_group);
    if (st == JS_OK && (has_group || js_cube_ndims(trend) != js_cube_ndims(obs))) {
        spec_error(r->spec, sec, spec_kv_find(sec, "projection"), 0, r->diag, "the projection must have the "
                      "chart's dimensions");
        st = JS_EUSAGE;
    }
    if (st == JS_OK)
        st = chart_fill_labels(b, js_cube_dim(trend, 0));
    const js_sex sexes[] = {JS_SEX_WOMEN, JS_SEX_MEN};
    const size_t n_sex = js_cube_ndims(obs) > 1 ? 2 : 1;
    size_t last_max = 0;
    for (size_t i = 0; st == JS_OK && i < n_sex; i++) {
        const js_sex sex = n_sex > 1 ? sexes[i] : JS_SEX_NONE;
        const char *const base = sex == JS_SEX_WOMEN ? js_text(r->lang, "Kvinnor", "Women")
                               : sex == JS_SEX_MEN ? js_text(r->lang, "M\xc3\xa4n", "Men")
                               : js_text(r->lang, "Totalt", "Total");
        size_t last = 0;
        st = chart_series_along(b, obs, trend, sex, 0, base, &last);
        char label[96];
        (void)snprintf(label, sizeof label, "%s, %s", base, js_text(r->lang, "prognos", "projection"));
        const char *const copy = js_arena_strdup(&b->strings, label);
        if (st == JS_OK)
            st = copy ? chart_series_along(b, obs, trend, sex, 1, copy, &last) : JS_ENOMEM;
        last_max = last > last_max ? last : last_max;
    }
    if (st == JS_OK && b->ch.cat_x != NULL)
        b->ch.projection_from = b->ch.cat_x[last_max];
    js_cube_free(trend);
    return st;
}

/* Series breaks: [chart] breaks = 2014, 2020 (years). */
static js_status chart_breaks(js_run_state *r, const spec_section *sec, chart_build *b)
{
    const char *const text = spec_get(sec, "breaks", NULL);
    if (text == NULL)
        return JS_OK;
    char buf[256];
    (void)snprintf(buf, sizeof buf, "%s", text);
    const char *items[8];
    const size_t n = run_split_list(buf, items, 8);
    for (size_t i = 0; i < n; i++) {
        char *end;
        b->breaks[i] = strtod(items[i], &end);
        if (*end != '\0' || !isfinite(b->breaks[i])) {
            spec_error(r->spec, sec, spec_kv_find(sec, "breaks"), 0, r->diag, "breaks: expected years, found "
                          "\"%s\"", items[i]);
            return JS_EUSAGE;
        }
    }
    b->ch.breaks = b->breaks;
    b->ch.n_breaks = n;
    return JS_OK;
}

/* The cube a chart draws, cut to [categories(, group)(, sex)]; *has_group
 * says whether the group is there. */
/* The dimension of a stacked chart's parts: stack = DIM, else the first
 * that where leaves open besides the axis and sex (regions, then other
 * dimensions, ages last), added to keep. */
static js_status chart_stack_dim(js_run_state *r, const spec_section *sec, const js_cube *src,
                                 const js_sel *where, size_t cat, int is_result, const char **keep,
                                 size_t *n_keep)
{
    const size_t sex = js_cube_dim_by_role(src, JS_ROLE_SEX);
    const char *const text = spec_get(sec, "stack", NULL);
    size_t part = SIZE_MAX;
    if (text != NULL) {
        char name[256];
        const char *item = NULL;
        (void)snprintf(name, sizeof name, "%s", text);
        part = run_split_list(name, &item, 1) ? js_cube_find_dim(src, item) : SIZE_MAX;
        if (part == SIZE_MAX || part == cat || part == sex) {
            spec_error(r->spec, sec, spec_kv_find(sec, "stack"), 0, r->diag, "stack: expected a dimension of "
                       "the %s other than the axis's and sex, found \"%s\"", is_result ? "indicator" : "data", text);
            return JS_EUSAGE;
        }
    } else {
        size_t *const open = js_calloc(js_cube_ndims(src) + 1, sizeof *open);
        if (open == NULL)
            return JS_ENOMEM;
        const js_status st = chart_open_counts(r, sec->name, src, where, open);
        if (sex != SIZE_MAX && st == JS_OK)
            open[sex] = 0;
        part = st == JS_OK ? chart_group_dim(src, open, cat) : SIZE_MAX;
        js_free(open);
        if (st != JS_OK)
            return st;
        if (part == SIZE_MAX) {
            spec_error(r->spec, sec, NULL, 0, r->diag, "a stacked chart needs a dimension of parts besides the "
                       "axis and sex (e.g. balance_class of balanced_share with classes = all): set stack, or "
                       "leave one open in where");
            return JS_EUSAGE;
        }
    }
    keep[(*n_keep)++] = js_dim_name(js_cube_dim(src, part));
    return JS_OK;
}

static js_status chart_cut(js_run_state *r, const spec_section *sec, const js_cube *src,
                           int is_result, const js_sel *where, js_chart_kind kind, js_cube **out,
                           int *has_group)
{
    char name[256]; /* categories = "level of education": the quotes go */
    const char *item = NULL;
    (void)snprintf(name, sizeof name, "%s", spec_get(sec, "categories", ""));
    size_t cat = chart_cat_dim(src, run_split_list(name, &item, 1) ? item : NULL, kind);
    size_t by_year = SIZE_MAX; /* lines by age: a line per year where leaves open */
    *has_group = 0;
    if (kind == JS_CHART_LINES && item == NULL && is_result) {
        /* Lines along time, unless where leaves ages of a result open (which
         * a result cannot sum, as a data section's counts are summed): then
         * the rates by age (fertility curves), a line per year or region. */
        size_t *const open = js_calloc(js_cube_ndims(src) + 1, sizeof *open);
        if (open == NULL)
            return JS_ENOMEM;
        const js_status st = chart_open_counts(r, sec->name, src, where, open);
        const size_t age = js_cube_dim_by_role(src, JS_ROLE_AGE);
        if (st == JS_OK && age != SIZE_MAX && open[age] > 1) {
            if (cat != SIZE_MAX && open[cat] > 1)
                by_year = cat;
            cat = age;
        }
        js_free(open);
        if (st != JS_OK)
            return st;
    }
    if (cat == SIZE_MAX) {
        spec_error(r->spec, sec, spec_kv_find(sec, "categories"), 0, r->diag,
                      "cannot tell which dimension goes along the axis: set categories");
        return JS_EUSAGE;
    }
    size_t sex = js_cube_dim_by_role(src, JS_ROLE_SEX);
    const char *keep[3] = {js_dim_name(js_cube_dim(src, cat)), NULL, NULL};
    size_t n_keep = 1;
    if (kind == JS_CHART_HEATMAP || kind == JS_CHART_SMALL_MULTIPLES) {
        size_t *const open = js_calloc(js_cube_ndims(src) + 1, sizeof *open);
        if (open == NULL)
            return JS_ENOMEM;
        const js_status st = chart_open_counts(r, sec->name, src, where, open);
        const size_t group = st == JS_OK ? chart_group_dim(src, open, cat) : SIZE_MAX;
        js_free(open);
        if (st != JS_OK)
            return st;
        if (group != SIZE_MAX && group != sex) {
            keep[n_keep++] = js_dim_name(js_cube_dim(src, group));
            *has_group = 1;
            if (kind == JS_CHART_HEATMAP) /* one value per cell: sex is fixed by where */
                sex = SIZE_MAX;
        }
    }
    if (kind == JS_CHART_STACKED) { /* the parts: stack = DIM, else as a heat map's rows */
        const js_status st = chart_stack_dim(r, sec, src, where, cat, is_result, keep, &n_keep);
        if (st != JS_OK)
            return st;
        *has_group = 1;
    }
    const char *const series = kind == JS_CHART_LINES ? spec_get(sec, "series", NULL) : NULL;
    if (series == NULL && by_year != SIZE_MAX) {
        keep[n_keep++] = js_dim_name(js_cube_dim(src, by_year));
        *has_group = 1;
    } else if (series != NULL) { /* lines: series = region draws a line per region (and sex) */
        char sname[256];
        const char *sdim = NULL;
        (void)snprintf(sname, sizeof sname, "%s", series);
        const size_t gd = run_split_list(sname, &sdim, 1) ? js_cube_find_dim(src, sdim) : SIZE_MAX;
        if (gd == SIZE_MAX || gd == cat) {
            spec_error(r->spec, sec, spec_kv_find(sec, "series"), 0, r->diag, "series: expected a dimension "
                       "of the %s other than the axis's, found \"%s\"", is_result ? "indicator" : "data", series);
            return JS_EUSAGE;
        }
        if (gd != sex) {
            keep[n_keep++] = js_dim_name(js_cube_dim(src, gd));
            *has_group = 1;
        }
    }
    /* A ranked chart draws one series: sex, if any, is fixed by where. */
    if (sex != SIZE_MAX && sex != cat && kind != JS_CHART_RANKED)
        keep[n_keep++] = js_dim_name(js_cube_dim(src, sex));
    if (is_result) {
        const js_status st = chart_check_fixed(r, sec, src, where, keep, n_keep);
        if (st != JS_OK)
            return st;
    }
    return js_aggregate(src, where, keep, n_keep, sec->name, out, r->diag);
}

/* The result flags behind each cell of agg, which chart_cut made from the
 * result src under where (js_aggregate keeps no flags of its input): each
 * dimension src has and agg lacks is fixed to one category
 * (chart_check_fixed), so each cell of agg is one cell of src, found by
 * its categories' codes.  *out gets js_cube_ncells(agg) flags. */
static js_status chart_result_flags(const js_run_state *r, const char *name, const js_cube *src,
                                    const js_sel *where, const js_cube *agg, uint32_t **out)
{
    *out = NULL;
    const size_t nd = js_cube_ndims(src), na = js_cube_ndims(agg), n = js_cube_ncells(agg);
    if (nd == 0 || nd > 32 || na > 32)
        return JS_OK;
    js_sel_masks sel;
    js_status st = js_sel_resolve(src, where, name, &sel, r->diag);
    if (st != JS_OK)
        return st;
    size_t fixed[32], from[32], idx[32], at[32];
    for (size_t i = 0; i < nd; i++) { /* the one category where leaves (the first, if several) */
        fixed[i] = 0;
        const unsigned char *const m = sel.mask != NULL ? sel.mask[i] : NULL;
        for (size_t k = 0; m != NULL && k < js_dim_size(js_cube_dim(src, i)); k++)
            if (m[k]) {
                fixed[i] = k;
                break;
            }
    }
    for (size_t a = 0; a < na; a++)
        from[a] = js_cube_find_dim(src, js_dim_name(js_cube_dim(agg, a)));
    uint32_t *const f = js_calloc(n ? n : 1, sizeof *f);
    for (size_t cell = 0; f != NULL && cell < n; cell++) {
        js_cube_cell_coords(agg, cell, at);
        memcpy(idx, fixed, nd * sizeof *idx);
        int found = 1;
        for (size_t a = 0; a < na && found; a++) {
            const size_t k = from[a] == SIZE_MAX ? SIZE_MAX
                           : js_dim_find_code(js_cube_dim(src, from[a]),
                                              js_dim_category(js_cube_dim(agg, a), at[a])->code);
            found = k != SIZE_MAX;
            if (found)
                idx[from[a]] = k;
        }
        f[cell] = found ? js_cube_flags(src, js_cube_cell_index(src, idx)) : 0;
    }
    if (sel.mask != NULL)
        js_sel_masks_fini(&sel);
    *out = f;
    return f != NULL ? JS_OK : JS_ENOMEM;
}

/* A pyramid from a data section: persons by sex and age band. */
/* target = NUMBER, with target_year = YEAR on a lines chart for the
 * required paths; or target = NAME of a [indicator] of kind target, whose
 * target and target_year are taken (not parity: that is a gap's 0). */
static js_status chart_target(js_run_state *r, const spec_section *sec, chart_build *b)
{
    const spec_kv *const kv = spec_kv_find(sec, "target"), *const ykv = spec_kv_find(sec, "target_year");
    const char *text = kv ? kv->value : NULL, *year = ykv ? ykv->value : NULL;
    const run_ind *const ti = text != NULL ? run_find_ind(r, text) : NULL;
    if (ti != NULL && strcmp(ti->spec.kind->name, "target") == 0) {
        text = js_spec_text(&ti->spec, "target");
        year = year != NULL ? year : js_spec_text(&ti->spec, "target_year");
        const int dir = js_spec_word(&ti->spec, "direction"); /* auto, up, down */
        b->ch.target_direction = dir == 1 ? 1 : dir == 2 ? -1 : 0;
    }
    if (text != NULL && !js_parse_number(text, &b->ch.target)) {
        spec_error(r->spec, sec, kv, 0, r->diag, "target: expected a number or the name of an indicator of "
                   "kind target above%s, found \"%s\"", ti != NULL && strcasecmp(text, "parity") == 0
                   ? " with a number as its target (parity is a gap's 0: draw the gap)" : "", kv->value);
        return JS_EUSAGE;
    }
    double y = 0;
    if (year != NULL && (!js_parse_number(year, &y) || y < 1000 || y > 9999 || text == NULL ||
                         b->ch.kind != JS_CHART_LINES)) {
        spec_error(r->spec, sec, ykv ? ykv : kv, 0, r->diag, "target_year: expected a year for the target of "
                   "a lines chart, found \"%s\"%s", year, text == NULL ? " without a target" : "");
        return JS_EUSAGE;
    }
    b->ch.target_year = y;
    return JS_OK;
}

/* [chart] percent = yes|no: 1 or 0, -1 for another word. */
static int chart_percent(const spec_section *sec)
{
    static const js_key yes_no = {"percent", JS_KEY_BOOL, "no", 0, 0, NULL, 0, ""};
    const char *const text = spec_get(sec, "percent", "no");
    js_key_value v;
    size_t col;
    char why[64];
    return js_key_parse(&yes_no, text, &v, &col, why, sizeof why) == JS_OK ? v.num > 0.5 : -1;
}

static js_status chart_pyramid_cube(js_run_state *r, const spec_section *sec, const js_cube *data,
                                    const js_sel *where, js_cube **out)
{
    static const char *const by[] = {"sex"};
    js_indicator_spec s; /* persons (or percent) by age band and sex */
    js_indicator_spec_init(&s, js_kind_find("age_distribution"));
    s.id = sec->name;
    s.where = where;
    s.by = by;
    s.n_by = 1;
    js_status st = js_indicator_spec_set(&s, "bands", spec_get(sec, "bands", "0-4,5-9,10-14,15-19,20-24,"
        "25-29,30-34,35-39,40-44,45-49,50-54,55-59,60-64,65-69,70-74,75-79,80-84,85-89,90-"), r->diag);
    const int percent = chart_percent(sec);
    if (st == JS_OK && percent < 0) {
        const spec_kv *const kv = spec_kv_find(sec, "percent");
        spec_error(r->spec, sec, kv, 0, r->diag, "percent must be yes or no, found \"%s\"", kv->value);
        st = JS_EUSAGE;
    }
    js_cube *dist = NULL;
    const js_cube *const in[] = {data};
    if (st == JS_OK)
        st = js_indicator_compute(&s, in, &dist, r->diag);
    js_indicator_spec_fini(&s);
    if (st != JS_OK)
        return st;
    static const char *const keep[] = {"age", "sex"};
    const char *k2[2] = {js_dim_name(js_cube_dim(dist, js_cube_dim_by_role(dist, JS_ROLE_AGE))), keep[1]};
    st = js_aggregate(dist, NULL, k2, 2, sec->name, out, r->diag);
    js_cube_free(dist);
    if (st != JS_OK || !percent)
        return st;
    /* percent of everyone drawn, women and men together (the README's
     * "percent of the total"), not of each sex */
    double total = 0;
    for (size_t i = 0; i < js_cube_ncells(*out); i++)
        if (js_cube_status(*out, i) == JS_CELL_OK && isfinite(js_cube_value(*out, i)))
            total += js_cube_value(*out, i);
    for (size_t i = 0; i < js_cube_ncells(*out); i++)
        if (js_cube_status(*out, i) == JS_CELL_OK)
            js_cube_set_value(*out, i, total > 0 ? 100 * js_cube_value(*out, i) / total : (double)NAN);
    return st;
}

/* Series j named by a title (an indicator's, a data section's), with its sex
 * when it has one: "Döda, kvinnor". */
static js_status chart_series_titled(const js_run_state *r, chart_build *b, size_t j, const char *title)
{
    char both[300];
    const js_sex sex = b->series[j].sex;
    if (sex == JS_SEX_WOMEN || sex == JS_SEX_MEN)
        (void)snprintf(both, sizeof both, "%s, %s", title,
                       sex == JS_SEX_WOMEN ? js_text(r->lang, "kvinnor", "women") : js_text(r->lang, "m\xc3\xa4n", "men"));
    else
        (void)snprintf(both, sizeof both, "%s", title);
    b->series[j].label = js_arena_strdup(&b->strings, both);
    return b->series[j].label != NULL ? JS_OK : JS_ENOMEM;
}

/* pair = DATA: a pyramid of another data section (deaths) beside the
 * chart's (the population), under the same where and bands; the series
 * are named by the two sections' titles ("Döda, kvinnor"). */
static js_status chart_pyramid_pair(js_run_state *r, const spec_section *sec, const run_data *rd,
                                    const js_sel *where, int has_compare, chart_build *b)
{
    const spec_kv *const kv = spec_kv_find(sec, "pair");
    const run_data *const pd = run_find_data(r, kv->value);
    if (b->ch.kind != JS_CHART_PYRAMID || rd == NULL || pd == NULL || pd->streamed || has_compare) {
        spec_error(r->spec, sec, kv, 0, r->diag, "pair: expected the name of a [data] section for a "
                   "pyramid of data = beside this one%s, found \"%s\"",
                   has_compare ? " (and no compare, which draws in the same pyramid)" : "", kv->value);
        return JS_EUSAGE;
    }
    js_cube *pc = NULL;
    js_status st = chart_pyramid_cube(r, sec, pd->cube, where, &pc);
    const size_t from = b->ch.n_series;
    b->pair_pass = 1;
    if (st == JS_OK)
        st = chart_fill(r, sec->name, b, pc, 0, 0, NULL);
    b->pair_pass = 0;
    js_cube_free(pc);
    if (st != JS_OK)
        return st;
    const char *const titles[2] = {spec_get(rd->sec, "title", rd->sec->name), spec_get(pd->sec, "title", pd->sec->name)};
    for (size_t j = 0; st == JS_OK && j < b->ch.n_series; j++) /* "Döda, kvinnor" */
        st = chart_series_titled(r, b, j, titles[j >= from]);
    if (st != JS_OK)
        return st;
    b->ch.pair_from = from;
    b->ch.pair_titles[0] = js_arena_strdup(&b->strings, titles[0]);
    b->ch.pair_titles[1] = js_arena_strdup(&b->strings, titles[1]);
    return b->ch.pair_titles[0] && b->ch.pair_titles[1] ? JS_OK : JS_ENOMEM;
}

/* ---- layout: title_in_image, width_cm, height_cm, latex_width_cm ---------------- */

/* The chart's value of key, or [analysis]'s as the default; *where is the
 * section it came from (for the error's line). */
static const char *chart_layout_get(const js_run_state *r, const spec_section *sec, const char *key,
                                    const spec_section **where)
{
    *where = spec_kv_find(sec, key) != NULL ? sec : r->analysis;
    return spec_get(*where, key, NULL);
}

/* Report a mistake in sec's own key, or in [analysis]'s only while the
 * first chart is made (every chart fails on it, once is enough). */
static int chart_layout_says(const js_run_state *r, const spec_section *sec, const spec_section *from)
{
    if (from == sec)
        return 1;
    for (size_t i = 0; i < r->spec->n_sec; i++)
        if (strcmp(r->spec->sec[i].type, "chart") == 0)
            return &r->spec->sec[i] == sec;
    return 1;
}

/* title_in_image = yes | no; width_cm, height_cm, latex_width_cm: a size
 * in cm from 2 to 100 (a chart in a report is a few cm to a page wide). */
static js_status chart_layout(js_run_state *r, const spec_section *sec, chart_build *b)
{
    const spec_section *from = NULL;
    const char *const title = chart_layout_get(r, sec, "title_in_image", &from);
    if (title != NULL && strcasecmp(title, "yes") != 0 && strcasecmp(title, "no") != 0) {
        if (chart_layout_says(r, sec, from))
            spec_error(r->spec, from, spec_kv_find(from, "title_in_image"), 0, r->diag,
                       "title_in_image: expected yes or no, found \"%s\"", title);
        return JS_EUSAGE;
    }
    b->ch.title_in_image = title != NULL && strcasecmp(title, "yes") == 0;
    static const char *const keys[] = {"width_cm", "height_cm", "latex_width_cm"};
    double *const out[] = {&b->ch.width_cm, &b->ch.height_cm, &b->ch.latex_width_cm};
    for (size_t i = 0; i < 3; i++) {
        const char *const text = chart_layout_get(r, sec, keys[i], &from);
        double v = 0;
        if (text != NULL && (!js_parse_number(text, &v) || !(v >= 2.0 && v <= 100.0))) {
            if (chart_layout_says(r, sec, from))
                spec_error(r->spec, from, spec_kv_find(from, keys[i]), 0, r->diag,
                           "%s: expected a size in cm from 2 to 100 (e.g. %s = 12.1), found \"%s\"", keys[i],
                           keys[i], text);
            return JS_EUSAGE;
        }
        *out[i] = text != NULL ? v : 0.0;
    }
    return JS_OK;
}

/* The unit the value axis is titled from: the indicator's; for a data
 * section persons for a pyramid (percent: "%"), else its unit =, else
 * persons when its measure_type is count (the default), else none.
 * x_label / y_label = none (or empty) is no title: "". */
static void chart_unit(const spec_section *sec, chart_build *b, const run_ind *ri, const run_data *rd)
{
    if (ri != NULL)
        b->ch.unit = ri->result.unit;
    else if (b->ch.kind == JS_CHART_PYRAMID)
        b->ch.unit = b->ch.percent ? "%" : "personer";
    else if (rd != NULL && spec_get(rd->sec, "unit", NULL) != NULL)
        b->ch.unit = spec_get(rd->sec, "unit", NULL);
    else if (rd != NULL && strcasecmp(spec_get(rd->sec, "measure_type", "count"), "count") == 0)
        b->ch.unit = "personer"; /* counts, as the count kind says */
    if (b->ch.unit != NULL && b->ch.lang == JS_LANG_EN && strcmp(b->ch.unit, "personer") == 0)
        b->ch.unit = "persons";
    static const char *const keys[] = {"x_label", "y_label"};
    const char **const labels[] = {&b->ch.x_label, &b->ch.y_label};
    for (size_t i = 0; i < 2; i++) {
        const char *const text = spec_get(sec, keys[i], NULL);
        if (text != NULL && (text[0] == '\0' || strcasecmp(text, "none") == 0))
            *labels[i] = "";
    }
}

/* The legend's words for the intervals of a chart (a lines chart's bands,
 * the error bars of bars and ranked): the indicator's level (its key
 * level, else 95 %), when a series has one. */
static void chart_band_label(chart_build *b, const run_ind *ri)
{
    int any = 0;
    for (size_t j = 0; j < b->ch.n_series; j++)
        any |= b->series[j].lo != NULL && b->series[j].hi != NULL;
    if (!b->band || !any || ri == NULL)
        return;
    const double level = js_kind_key(ri->spec.kind, "level") != NULL ? js_spec_num(&ri->spec, "level") : 95;
    char num[32];
    js_fmt_number(level, fabs(level - round(level)) < 1e-9 ? 0 : 1, b->ch.lang, num, sizeof num);
    (void)snprintf(b->band_label, sizeof b->band_label, "%s %% %s", num,
                   js_text(b->ch.lang, "konfidensintervall", "confidence interval"));
    b->ch.band_label = b->band_label;
}

/* Words around the chart: title, source line, focus, reference, target. */
static void chart_words(js_run_state *r, const spec_section *sec, chart_build *b,
                        const run_ind *ri, const run_data *rd)
{
    const char *const src = spec_get(sec, "source", rd ? spec_get(rd->sec, "source", NULL) : NULL);
    const char *const proc = spec_get(r->analysis, "processing", "jamstat");
    /* a pyramid pair's second section has its own source, unless the chart names one */
    const run_data *const pd = b->ch.pair_from > 0 ? run_find_data(r, spec_get(sec, "pair", "")) : NULL;
    const char *const src2 = pd != NULL && spec_get(sec, "source", NULL) == NULL ? spec_get(pd->sec, "source", NULL)
                                                                                 : NULL;
    js_buf_printf(&b->source, "%s: %s%s%s. %s: %s.", js_text(r->lang, "K\xc3\xa4lla", "Source"),
                  src ? src : "?", src2 && (!src || strcmp(src, src2) != 0) ? "; " : "",
                  src2 && (!src || strcmp(src, src2) != 0) ? src2 : "",
                  js_text(r->lang, "Bearbetning", "Processing"), proc);
    js_buf_puts(&b->title, spec_get(sec, "title", ri ? ri->result.title : sec->name));
    b->ch.title = js_buf_cstr(&b->title);
    b->ch.source = js_buf_cstr(&b->source);
    b->ch.x_label = spec_get(sec, "x_label", NULL);
    b->ch.y_label = spec_get(sec, "y_label", NULL);
    if (b->ch.x_label == NULL && b->age_axis && b->ch.kind == JS_CHART_LINES) /* curves by age */
        b->ch.x_label = js_text(r->lang, "\xc3\x85lder", "Age");
    b->ch.lang = r->lang;
    b->ch.percent = ri != NULL ? strcmp(ri->result.unit, "%") == 0
                               : b->ch.kind == JS_CHART_PYRAMID && chart_percent(sec) == 1;
    b->ch.decimals = ri ? ri->result.decimals : 0;
    b->ch.reference = b->ch.reference_men = b->ch.target = (double)NAN; /* set by chart_reference */
    const char *const horizontal = spec_get(sec, "horizontal", "no");
    b->ch.horizontal = strcasecmp(horizontal, "yes") == 0;
    const char *const vl = spec_get(sec, "value_labels", "no");
    b->ch.value_labels = strcasecmp(vl, "yes") == 0;
    b->ch.style.women = spec_get(sec, "colour_women", NULL);
    b->ch.style.men = spec_get(sec, "colour_men", NULL);
    b->ch.style.highlight = spec_get(sec, "colour_highlight", NULL);
    b->ch.style.font = spec_get(sec, "font", NULL);
    static const char *const ends[] = {"y_min", "y_max"};
    double *const end[] = {&b->ch.y_min, &b->ch.y_max};
    for (size_t i = 0; i < 2; i++) /* numbers: checked by chart_axis_check */
        if (spec_get(sec, ends[i], NULL) != NULL && js_parse_number(spec_get(sec, ends[i], NULL), end[i]))
            b->ch.y_set |= i == 0 ? JS_Y_MIN : JS_Y_MAX;
    if (strcasecmp(spec_get(sec, "y_zero", "no"), "yes") == 0)
        b->ch.y_set |= JS_Y_ZERO;
    const char *const w = spec_get(sec, "width", NULL), *const h = spec_get(sec, "height", NULL);
    double px = 0; /* checked by chart_axis_check */
    b->ch.width_px = w != NULL && js_parse_number(w, &px) ? (int)px : 0;
    b->ch.height_px = h != NULL && js_parse_number(h, &px) ? (int)px : 0;
    chart_unit(sec, b, ri, rd);
}

/* The one value of indicator ri under the chart's where, keeping only the
 * terms on dimensions ri has (the chart's region:10 does not apply to a
 * national indicator; its year:2015 does). */
static int chart_has_dim(const char *dim, const void *cube)
{
    return js_cube_find_dim(cube, dim) != SIZE_MAX;
}

/* also = NAME, ...: a lines chart of an indicator draws the results of other
 * indicators beside it, along the same axis (funds' shares beside the
 * population's): each cut by the terms of where on its own dimensions, one
 * line (or one per sex) each, named by its title, in a dash pattern of its
 * own; the chart's indicator is drawn solid.  Their unit must be the
 * chart's, their categories along the axis the same. */
static js_status chart_also(js_run_state *r, const spec_section *sec, const run_ind *main_ri,
                            const js_sel *where, chart_build *b)
{
    const spec_kv *const kv = spec_kv_find(sec, "also");
    char list[512];
    const char *names[8];
    (void)snprintf(list, sizeof list, "%s", kv->value);
    const size_t n = run_split_list(list, names, 8);
    if (b->ch.kind != JS_CHART_LINES || main_ri == NULL || spec_get(sec, "series", NULL) != NULL ||
        spec_get(sec, "projection", NULL) != NULL || n == 0) {
        spec_error(r->spec, sec, kv, 0, r->diag, "also: expected indicators to draw beside the indicator "
                   "of a lines chart (without series or projection), found \"%s\"", kv->value);
        return JS_EUSAGE;
    }
    js_status st = JS_OK;
    for (size_t j = 0; st == JS_OK && j < b->ch.n_series; j++) /* the chart's own lines, named too */
        st = chart_series_titled(r, b, j, main_ri->result.title);
    uint32_t *const own_flags = b->agg_flags; /* the chart's indicator's, not the others' */
    const int band = b->band;                 /* one band, the chart's own: the legend names one */
    b->agg_flags = NULL;
    b->band = 0;
    for (size_t k = 0; st == JS_OK && k < n; k++) {
        const run_ind *const ai = run_find_ind(r, names[k]);
        if (ai == NULL || ai->cube == NULL || ai == main_ri) {
            spec_error(r->spec, sec, kv, 0, r->diag, "also: %s is not an indicator above other than the "
                       "chart's", names[k]);
            st = JS_EUSAGE;
            break;
        }
        if (strcmp(ai->result.unit, main_ri->result.unit) != 0) {
            spec_error(r->spec, sec, kv, 0, r->diag, "also: %s is in %s, the chart in %s: one value axis "
                       "needs one unit", names[k], ai->result.unit, main_ri->result.unit);
            st = JS_EUSAGE;
            break;
        }
        js_sel *w = NULL;
        js_cube *agg = NULL;
        int has_group = 0;
        st = js_sel_keep(where, chart_has_dim, ai->cube, &w);
        if (st == JS_OK)
            st = chart_cut(r, sec, ai->cube, 1, w, JS_CHART_LINES, &agg, &has_group);
        const js_dim *const axis = st == JS_OK ? js_cube_dim(agg, 0) : NULL;
        for (size_t i = 0; axis != NULL && i < b->ch.n_cats; i++) /* the same years, in order */
            if (i >= js_dim_size(axis) || strcmp(js_dim_category(axis, i)->code, b->codes[i]) != 0) {
                spec_error(r->spec, sec, kv, 0, r->diag, "also: %s does not have the chart's categories "
                           "along the axis (%s, ... %s): make where pick the same ones", names[k], b->codes[0],
                           b->codes[b->ch.n_cats - 1]);
                st = JS_EUSAGE;
                break;
            }
        const size_t from = b->ch.n_series;
        b->pair_pass = 1;
        if (st == JS_OK)
            st = chart_fill(r, sec->name, b, agg, has_group, 0, NULL);
        b->pair_pass = 0;
        for (size_t j = from; st == JS_OK && j < b->ch.n_series; j++) {
            b->series[j].group = (int)k + 1;
            st = chart_series_titled(r, b, j, ai->result.title);
        }
        js_cube_free(agg);
        js_sel_free(w);
    }
    b->agg_flags = own_flags;
    b->band = band;
    return st;
}

/* The label of the one category sel leaves in c's region dimension; NULL
 * when c has none, or sel leaves several. */
static const char *chart_one_region(js_run_state *r, const char *name, const js_cube *c, const js_sel *sel,
                                    js_status *st)
{
    const size_t dim = c != NULL ? js_cube_dim_by_role(c, JS_ROLE_REGION) : SIZE_MAX;
    if (dim == SIZE_MAX || *st != JS_OK)
        return NULL;
    js_sel_masks m;
    *st = js_sel_resolve(c, sel, name, &m, r->diag);
    if (*st != JS_OK)
        return NULL;
    const js_dim *const d = js_cube_dim(c, dim);
    size_t one = SIZE_MAX, n = 0;
    for (size_t k = 0; k < js_dim_size(d); k++)
        if (m.mask == NULL || m.mask[dim] == NULL || m.mask[dim][k]) {
            one = k;
            n++;
        }
    if (m.mask != NULL)
        js_sel_masks_fini(&m);
    return n == 1 ? js_dim_category(d, one)->label : NULL;
}

/* Whose value the reference indicator ri is, in words: the region the
 * chart's where (w) or ri's own where leaves, when one; else ri's title
 * when ri's where chose several regions; else NULL (all: the country). */
static const char *chart_ref_whose(js_run_state *r, const run_ind *ri, const js_sel *w, js_status *st)
{
    const char *label = chart_one_region(r, ri->sec->name, ri->cube, w, st);
    if (label != NULL || *st != JS_OK || js_cube_dim_by_role(ri->cube, JS_ROLE_REGION) != SIZE_MAX)
        return label;
    const js_cube *const data = ri->data != NULL ? ri->data->cube : NULL;
    if (data == NULL || ri->where == NULL || js_cube_dim_by_role(data, JS_ROLE_REGION) == SIZE_MAX)
        return NULL;
    const char *const region = js_dim_name(js_cube_dim(data, js_cube_dim_by_role(data, JS_ROLE_REGION)));
    int restricted = 0;
    for (size_t i = 0; i < js_sel_nterms(ri->where); i++)
        restricted |= strcmp(js_sel_term_dim(ri->where, i), region) == 0;
    if (!restricted)
        return NULL;
    label = chart_one_region(r, ri->sec->name, data, ri->where, st);
    return label != NULL ? label : ri->result.title;
}

/* Do the chart's series hold women and men (dumbbell, bars by sex)? */
static int chart_by_sex(const chart_build *b)
{
    int w = 0, m = 0;
    for (size_t j = 0; j < b->ch.n_series; j++) {
        w |= b->series[j].sex == JS_SEX_WOMEN && !b->series[j].is_compare;
        m |= b->series[j].sex == JS_SEX_MEN && !b->series[j].is_compare;
    }
    return w && m;
}

/* reference = INDICATOR: its one value under the chart's where, or, when
 * the chart is by sex and ri has a sex dimension that where leaves open,
 * its women's and men's values. */
static js_status chart_ref_indicator(js_run_state *r, const spec_section *sec, const run_ind *ri,
                                     const js_sel *where, chart_build *b)
{
    js_sel *w = NULL;
    js_status st = js_sel_keep(where, chart_has_dim, ri->cube, &w);
    const size_t sex = js_cube_dim_by_role(ri->cube, JS_ROLE_SEX);
    size_t open[32] = {0};
    if (st == JS_OK && sex != SIZE_MAX && chart_by_sex(b) && js_cube_ndims(ri->cube) <= 32)
        st = chart_open_counts(r, sec->name, ri->cube, w, open);
    const int by_sex = sex != SIZE_MAX && open[sex] > 1;
    const char *const keep[1] = {by_sex ? js_dim_name(js_cube_dim(ri->cube, sex)) : NULL};
    js_cube *one = NULL;
    if (st == JS_OK && js_cube_ndims(ri->cube) > 0)
        st = chart_check_fixed(r, sec, ri->cube, w, keep, by_sex ? 1 : 0);
    if (st == JS_OK) {
        const char *const by[1] = {by_sex ? keep[0] : js_dim_name(js_cube_dim(ri->cube, 0))};
        st = js_aggregate(ri->cube, w, by, js_cube_ndims(ri->cube) > 0, sec->name, &one, r->diag);
    }
    const char *const whose = chart_ref_whose(r, ri, w, &st);
    if (st == JS_OK && whose != NULL)
        b->ch.reference_label = js_arena_strdup(&b->strings, whose);
    if (st == JS_OK && whose != NULL && b->ch.reference_label == NULL)
        st = JS_ENOMEM;
    if (st == JS_OK && by_sex) {
        b->ch.reference_by_sex = 1;
        b->ch.reference_men = (double)NAN;
        const js_dim *const d = js_cube_dim(one, 0);
        for (size_t k = 0; k < js_dim_size(d); k++) {
            const js_sex x = js_dim_category(d, k)->sex;
            if (x == JS_SEX_WOMEN)
                b->ch.reference = js_cube_value(one, k);
            else if (x == JS_SEX_MEN)
                b->ch.reference_men = js_cube_value(one, k);
        }
    } else if (st == JS_OK) {
        b->ch.reference = js_cube_ncells(one) == 1 ? js_cube_value(one, 0) : (double)NAN;
    }
    js_cube_free(one);
    js_sel_free(w);
    return st;
}

/* reference = total: the axis dimension's total category becomes the
 * reference and leaves the table: the first series' value there, or the
 * women's and men's when the series are by sex; it is named by its label. */
static js_status chart_ref_total(js_run_state *r, const spec_section *sec, const js_cube *agg,
                                 chart_build *b)
{
    const js_dim *const cat = js_cube_dim(agg, 0);
    size_t t = SIZE_MAX;
    for (size_t k = 0; k < js_dim_size(cat) && t == SIZE_MAX; k++)
        if (js_dim_category(cat, k)->is_total)
            t = k;
    if (t == SIZE_MAX || b->ch.n_series == 0) {
        spec_error(r->spec, sec, spec_kv_find(sec, "reference"), 0, r->diag, "reference = total: expected a total "
                      "category (such as \"00 Riket\") in dimension \"%s\", found none", js_dim_name(cat));
        return JS_EUSAGE;
    }
    b->ch.reference = b->series[0].values[t];
    if (chart_by_sex(b)) {
        b->ch.reference_by_sex = 1;
        for (size_t j = 0; j < b->ch.n_series; j++)
            if (!b->series[j].is_compare && b->series[j].sex == JS_SEX_WOMEN)
                b->ch.reference = b->series[j].values[t];
            else if (!b->series[j].is_compare && b->series[j].sex == JS_SEX_MEN)
                b->ch.reference_men = b->series[j].values[t];
    }
    b->ch.reference_label = b->labels[t]; /* in b->strings */
    const size_t n = b->ch.n_cats, tail = n - t - 1;
    memmove(&b->labels[t], &b->labels[t + 1], tail * sizeof *b->labels);
    memmove(&b->codes[t], &b->codes[t + 1], tail * sizeof *b->codes);
    memmove(&b->cat_x[t], &b->cat_x[t + 1], tail * sizeof *b->cat_x);
    for (size_t j = 0; j < b->ch.n_series; j++) {
        memmove(&b->values[j][t], &b->values[j][t + 1], tail * sizeof *b->values[j]);
        if (b->few[j] != NULL)
            memmove(&b->few[j][t], &b->few[j][t + 1], tail);
    }
    b->ch.n_cats = n - 1;
    return JS_OK;
}

/* reference = NUMBER | total | INDICATOR (see the top of this file), and
 * reference_label = the words before its value, which win over the
 * region's or total's label the reference comes with. */
static js_status chart_reference(js_run_state *r, const spec_section *sec, const js_cube *agg,
                                 const js_sel *where, chart_build *b)
{
    const char *const text = spec_get(sec, "reference", NULL);
    js_status st = JS_OK;
    if (text == NULL || js_parse_number(text, &b->ch.reference))
        b->ch.reference_label = text != NULL ? js_text(r->lang, "Referens", "Reference") : NULL;
    else if (strcasecmp(text, "total") == 0)
        st = chart_ref_total(r, sec, agg, b);
    else {
        const run_ind *const ri = run_find_ind(r, text);
        if (ri == NULL || ri->cube == NULL) {
            spec_error(r->spec, sec, spec_kv_find(sec, "reference"), 0, r->diag, "reference: expected a number, "
                          "\"total\" or the name of an indicator above, found \"%s\"", text);
            return JS_EUSAGE;
        }
        st = chart_ref_indicator(r, sec, ri, where, b);
    }
    const char *const label = spec_get(sec, "reference_label", NULL);
    if (label != NULL)
        b->ch.reference_label = label;
    return st;
}

/* ---- sort and top ------------------------------------------------------------------ */

/* The value a category sorts by: its series summed (women and men of a
 * share100 or dumbbell), missing last. */
static double chart_sort_value(const chart_build *b, size_t k)
{
    double v = 0;
    int any = 0;
    for (size_t j = 0; j < b->ch.n_series; j++) /* stacked: by the first part */
        if (!b->series[j].is_compare && isfinite(b->values[j][k]) &&
            (b->ch.kind != JS_CHART_STACKED || b->series[j].group == 0)) {
            v += b->values[j][k];
            any = 1;
        }
    return any ? v : -(double)INFINITY;
}

/* 1 when category x goes before y under sort (0 value, 1 code, 2 label);
 * ties keep the order they had (the caller's insertion sort is stable). */
static int chart_before(const chart_build *b, int sort, size_t x, size_t y)
{
    if (sort == 0)
        return chart_sort_value(b, x) > chart_sort_value(b, y);
    return js_natural_cmp(sort == 1 ? b->codes[x] : b->labels[x], sort == 1 ? b->codes[y] : b->labels[y]) < 0;
}

/* Sort perm[0..n) (category indices) by chart_before under sort: an
 * insertion sort, stable, and n is small (the categories of one chart). */
static void chart_sort_perm(const chart_build *b, int sort, size_t *perm, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && chart_before(b, sort, perm[j], perm[j - 1]); j--) {
            const size_t t = perm[j];
            perm[j] = perm[j - 1];
            perm[j - 1] = t;
        }
}

/* Put the categories in the order perm (perm[i]: the old index of the new i). */
static js_status chart_permute(chart_build *b, const size_t *perm, size_t n)
{
    void *const tmp = js_calloc(n ? n : 1, sizeof(double) > sizeof(char *) ? sizeof(double) : sizeof(char *));
    if (tmp == NULL)
        return JS_ENOMEM;
    const char **const s = tmp;
    double *const d = tmp;
    for (size_t i = 0; i < n; i++)
        s[i] = b->labels[perm[i]];
    memcpy(b->labels, s, n * sizeof *s);
    for (size_t i = 0; i < n; i++)
        s[i] = b->codes[perm[i]];
    memcpy(b->codes, s, n * sizeof *s);
    for (size_t i = 0; i < n; i++)
        d[i] = b->cat_x[perm[i]];
    memcpy(b->cat_x, d, n * sizeof *d);
    for (size_t j = 0; j < b->ch.n_series; j++) {
        double *const arrays[3] = {b->values[j], b->lo[j], b->hi[j]};
        for (size_t a = 0; a < 3; a++) {
            if (arrays[a] == NULL)
                continue;
            for (size_t i = 0; i < n; i++)
                d[i] = arrays[a][perm[i]];
            memcpy(arrays[a], d, n * sizeof *d);
        }
        if (b->few[j] != NULL) { /* the flags beside their values */
            for (size_t i = 0; i < n; i++)
                d[i] = b->few[j][perm[i]];
            for (size_t i = 0; i < n; i++)
                b->few[j][i] = d[i] > 0.5;
        }
    }
    js_free(tmp);
    return JS_OK;
}

/* sort = value | code | label and top = N for the charts of categories:
 * the N largest (by value) in the sort's order; of a data section, the
 * others summed as one more category, "Övriga"; of an indicator (whose
 * values do not add up) the others are left out. */
static js_status chart_order(js_run_state *r, const spec_section *sec, chart_build *b, int summable)
{
    const char *const sort_text = spec_get(sec, "sort", NULL), *const top_text = spec_get(sec, "top", NULL);
    if (sort_text == NULL && top_text == NULL)
        return JS_OK;
    static const char *const words[] = {"value", "code", "label"};
    int sort = -1;
    for (int i = 0; i < 3 && sort_text != NULL; i++)
        if (strcasecmp(sort_text, words[i]) == 0)
            sort = i;
    double top = 0;
    const js_chart_kind k = b->ch.kind;
    if (k == JS_CHART_LINES || k == JS_CHART_HEATMAP || k == JS_CHART_SMALL_MULTIPLES || k == JS_CHART_PYRAMID ||
        k == JS_CHART_RANKED) {
        spec_error(r->spec, sec, spec_kv_find(sec, sort_text ? "sort" : "top"), 0, r->diag, "%s: for bars, "
                   "dumbbell, share100, stacked and scatter (a %s chart keeps its own order)", sort_text ? "sort" : "top",
                   js_chart_kind_name(k));
        return JS_EUSAGE;
    }
    if (sort_text != NULL && sort < 0) {
        spec_error(r->spec, sec, spec_kv_find(sec, "sort"), 0, r->diag, "sort: expected value, code or label, "
                   "found \"%s\"", sort_text);
        return JS_EUSAGE;
    }
    if (top_text != NULL && (!js_parse_number(top_text, &top) || top < 1 || top > 1000 || fmod(top, 1.0) > 0)) {
        spec_error(r->spec, sec, spec_kv_find(sec, "top"), 0, r->diag, "top: expected a whole number from 1 to "
                   "1000, found \"%s\"", top_text);
        return JS_EUSAGE;
    }
    size_t n = b->ch.n_cats;
    size_t *const perm = js_calloc(n + 1, sizeof *perm);
    if (perm == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    chart_sort_perm(b, top_text != NULL ? 0 : sort, perm, n); /* top: the largest first, then sort's order */
    js_status st = chart_permute(b, perm, n);
    const size_t keep = top_text != NULL && (size_t)top < n ? (size_t)top : n;
    if (st == JS_OK && keep < n && summable) { /* the rest as one more category */
        for (size_t j = 0; j < b->ch.n_series; j++) {
            double rest = 0;
            for (size_t i = keep; i < n; i++)
                rest += b->values[j][i]; /* a missing one makes the sum missing: never a silent 0 */
            b->values[j][keep] = rest;
            if (b->lo[j] != NULL)
                b->lo[j][keep] = b->hi[j][keep] = (double)NAN;
            if (b->few[j] != NULL)
                b->few[j][keep] = 0;
        }
        b->labels[keep] = js_text(r->lang, "\xc3\x96vriga", "Others");
        b->codes[keep] = "";
        b->cat_x[keep] = (double)NAN;
        b->ch.n_cats = keep + 1;
    } else if (st == JS_OK) {
        b->ch.n_cats = keep;
    }
    if (st == JS_OK && sort >= 0 && top_text != NULL) { /* the kept ones (not Övriga) in the sort's order */
        for (size_t i = 0; i < b->ch.n_cats; i++)
            perm[i] = i;
        chart_sort_perm(b, sort, perm, keep);
        st = chart_permute(b, perm, b->ch.n_cats);
    }
    js_free(perm);
    return st;
}

/* share100 of a share indicator (one series of percentages, part =
 * sex:women or sex:men): add the other sex as 100 minus the share. */
static js_status chart_share_pair(js_run_state *r, const spec_section *sec, const run_ind *ri,
                                  chart_build *b)
{
    if (ri == NULL || b->ch.n_series != 1 || b->series[0].sex != JS_SEX_NONE)
        return JS_OK;
    js_sex part = JS_SEX_NONE; /* part = sex:women, one term of one value */
    const js_sel *const of_part = ri->spec.kind->traits & JS_TRAIT_SHARE_OF_PART ? js_spec_sel(&ri->spec, "part")
                                                                                : NULL;
    if (js_sel_nterms(of_part) == 1 && strcasecmp(js_sel_term_dim(of_part, 0), "sex") == 0 &&
        js_sel_term_nvalues(of_part, 0) == 1)
        part = js_harm_sex(js_sel_term_value(of_part, 0, 0));
    if (part != JS_SEX_WOMEN && part != JS_SEX_MEN) {
        spec_error(r->spec, sec, spec_kv_find(sec, "indicator"), 0, r->diag, "share100 of indicator %s: expected "
                      "a share with part = sex:women (or sex:men), or an indicator by sex", ri->sec->name);
        return JS_EUSAGE;
    }
    const size_t n = b->ch.n_cats;
    double *const other = js_calloc(n ? n : 1, sizeof *other);
    if (other == NULL)
        return JS_ENOMEM;
    for (size_t k = 0; k < n; k++)
        other[k] = 100.0 - b->values[0][k];
    b->values[1] = other;
    b->series[1] = b->series[0];
    b->series[1].values = other;
    b->series[0].sex = part;
    b->series[1].sex = part == JS_SEX_WOMEN ? JS_SEX_MEN : JS_SEX_WOMEN;
    for (size_t j = 0; j < 2; j++)
        b->series[j].label = b->series[j].sex == JS_SEX_WOMEN ? js_text(r->lang, "Kvinnor", "Women")
                                                              : js_text(r->lang, "M\xc3\xa4n", "Men");
    if (part == JS_SEX_MEN) { /* women first, as everywhere */
        const js_chart_series s = b->series[0];
        b->series[0] = b->series[1];
        b->series[1] = s;
    }
    b->ch.n_series = 2;
    return JS_OK;
}

/* The focus region's label among the categories (by code or label). */
static void chart_focus(const js_run_state *r, const spec_section *sec, const js_cube *agg,
                        chart_build *b)
{
    const char *const focus = spec_get(sec, "focus", spec_get(r->analysis, "focus", NULL));
    if (focus == NULL || js_cube_ndims(agg) == 0)
        return;
    const js_dim *const dim = js_cube_dim(agg, 0);
    const size_t k = js_dim_find(dim, focus);
    if (k != SIZE_MAX)
        b->ch.focus = b->labels[k];
}

/* Small multiples: the focus region's panel (the group's category of
 * that code or label), named as chart_fill names panels. */
static void chart_focus_panel(const js_run_state *r, const spec_section *sec, const js_cube *agg,
                              int has_group, chart_build *b)
{
    const char *const focus = spec_get(sec, "focus", spec_get(r->analysis, "focus", NULL));
    if (focus == NULL || b->ch.kind != JS_CHART_SMALL_MULTIPLES || !has_group || js_cube_ndims(agg) < 2)
        return;
    const js_dim *const group = js_cube_dim(agg, 1);
    const size_t k = js_dim_find(group, focus);
    if (k == SIZE_MAX)
        return;
    const char *const own = chart_relabel(b, js_dim_category(group, k));
    b->ch.focus = own != NULL ? own : js_arena_strdup(&b->strings, js_dim_category(group, k)->label);
}

js_status run_chart_selections(js_run_state *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->spec->n_sec; i++)
        n += strcmp(r->spec->sec[i].type, "chart") == 0;
    r->chart_sel = js_calloc(n + 1, sizeof *r->chart_sel);
    if (r->chart_sel == NULL)
        return JS_ENOMEM;
    js_status st = JS_OK;
    for (size_t i = 0; i < r->spec->n_sec; i++) {
        const spec_section *const sec = &r->spec->sec[i];
        if (strcmp(sec->type, "chart") != 0)
            continue;
        run_chart_sel *const cs = &r->chart_sel[r->n_chart_sel++];
        cs->sec = sec;
        static const char *const keys[] = {"where", "compare"};
        js_sel **const out[] = {&cs->where, &cs->compare};
        for (size_t k = 0; k < 2; k++) {
            const spec_kv *const kv = spec_kv_find(sec, keys[k]);
            char why[256];
            size_t col = 1;
            const js_status one = kv ? js_sel_parse(kv->value, out[k], &col, why, sizeof why) : JS_OK;
            if (one == JS_EUSAGE)
                spec_error(r->spec, sec, kv, col - 1, r->diag, "%s: expected %s", kv->key, why);
            if (one == JS_ENOMEM)
                return one;
            st = st != JS_OK ? st : one; /* every chart's mistakes at once */
        }
    }
    return st;
}

void run_chart_selections_free(js_run_state *r)
{
    for (size_t i = 0; i < r->n_chart_sel; i++) {
        js_sel_free(r->chart_sel[i].where);
        js_sel_free(r->chart_sel[i].compare);
    }
    js_free(r->chart_sel);
    r->chart_sel = NULL;
    r->n_chart_sel = 0;
}

/* The chart's where and compare (parsed by run_chart_selections), checked
 * against the cube it cuts: a name the data lack is an error at its line,
 * with the closest one. */
static js_status chart_selections(js_run_state *r, const spec_section *sec, const js_cube *c,
                                  const char *source_kind, const char *source, const js_sel **where,
                                  const js_sel **compare)
{
    const run_chart_sel *cs = NULL;
    for (size_t i = 0; i < r->n_chart_sel && cs == NULL; i++)
        if (r->chart_sel[i].sec == sec)
            cs = &r->chart_sel[i];
    assert(cs != NULL); /* run_chart_selections saw every chart */
    *where = cs->where;
    *compare = cs->compare;
    static const char *const keys[] = {"where", "compare"};
    const js_sel *const sels[] = {cs->where, cs->compare};
    char what[300];
    (void)snprintf(what, sizeof what, "%s %s", source_kind, source);
    js_status st = JS_OK;
    for (size_t i = 0; i < 2; i++) {
        const spec_kv *const kv = spec_kv_find(sec, keys[i]);
        const js_status one = kv ? run_check_selection(r, sec, kv, sels[i], c, what, NULL) : JS_OK;
        st = st != JS_OK ? st : one;
    }
    return st;
}

/* Are a stacked chart's parts (agg's dimension 1) the three balance
 * classes of balanced_share, in its order?  Then they take the sexes'
 * colours and grey. */
static int chart_is_balance(const js_cube *agg)
{
    static const char *const codes[] = {"female_dominated", "balanced", "male_dominated"};
    if (js_cube_ndims(agg) < 2 || js_dim_size(js_cube_dim(agg, 1)) != 3)
        return 0;
    for (size_t k = 0; k < 3; k++)
        if (strcmp(js_dim_category(js_cube_dim(agg, 1), k)->code, codes[k]) != 0)
            return 0;
    return 1;
}

static js_status chart_one(js_run_state *r, const spec_section *sec, const char *dir, chart_build *b)
{
    if (!js_chart_kind_parse(spec_get(sec, "kind", ""), &b->ch.kind)) {
        spec_error(r->spec, sec, spec_kv_find(sec, "kind"), 0, r->diag,
                      "expected kind = pyramid, bars, lines, ranked, dumbbell, share100, "
                      "stacked, scatter, heatmap or small_multiples; found \"%s\"", spec_get(sec, "kind", ""));
        return JS_EUSAGE;
    }
    b->ch.name = sec->name;
    b->focus = spec_get(sec, "focus", spec_get(r->analysis, "focus", NULL));
    js_status lst = chart_relabel_parse(r, sec, b);
    if (lst == JS_OK && chart_axis_check(r, sec) != JS_OK)
        lst = JS_EUSAGE;
    if (lst != JS_OK)
        return lst;
    const char *const ind_name = spec_get(sec, "indicator", NULL);
    const char *const data_name = spec_get(sec, "data", NULL);
    const run_ind *const ri = ind_name ? run_find_ind(r, ind_name) : NULL;
    const run_data *const rd = ri ? ri->data : data_name ? run_find_data(r, data_name) : NULL;
    if ((ind_name && !ri) || (!ri && !rd)) {
        spec_error(r->spec, sec, NULL, 0, r->diag, "expected indicator = NAME or data = NAME "
                      "of a section above");
        return JS_EUSAGE;
    }
    if (ri == NULL && rd->streamed) {
        spec_error(r->spec, sec, spec_kv_find(sec, "data"), 0, r->diag, "data %s is read one partition at a "
                      "time and not kept: chart one of its indicators instead", rd->sec->name);
        return JS_EUSAGE;
    }
    const char *const interval = spec_get(sec, "interval", "band");
    if (strcasecmp(interval, "band") != 0 && strcasecmp(interval, "none") != 0) {
        spec_error(r->spec, sec, spec_kv_find(sec, "interval"), 0, r->diag, "interval: expected band or "
                   "none, found \"%s\"", interval);
        return JS_EUSAGE;
    }
    const js_chart_kind kind = b->ch.kind;
    b->band = (kind == JS_CHART_LINES || kind == JS_CHART_BARS || kind == JS_CHART_RANKED) && ri != NULL &&
              strcasecmp(interval, "band") == 0;
    /* a gap's difference (women - men, possibly below 0): does its interval hold 0? */
    b->ch.zero_test = b->band && kind != JS_CHART_LINES && strcmp(ri->spec.kind->name, "gap") == 0 &&
                      js_spec_word(&ri->spec, "variant") <= 0;
    js_cube *agg = NULL, *cmp = NULL;
    const js_sel *where = NULL, *compare = NULL;
    js_status st = chart_selections(r, sec, ri ? ri->cube : rd->cube, ri ? "indicator" : "data",
                                    ri ? ri->sec->name : rd->sec->name, &where, &compare);
    int has_group = 0;
    if (st != JS_OK)
        return st;
    if (b->ch.kind == JS_CHART_PYRAMID && ri == NULL)
        st = chart_pyramid_cube(r, sec, rd->cube, where, &agg);
    else
        st = chart_cut(r, sec, ri ? ri->cube : rd->cube, ri != NULL, where, b->ch.kind, &agg,
                       &has_group);
    if (st == JS_OK && ri != NULL) /* the results' flags: values on few observations are hatched */
        st = chart_result_flags(r, sec->name, ri->cube, where, agg, &b->agg_flags);
    const int projected = b->ch.kind == JS_CHART_LINES && spec_get(sec, "projection", NULL) != NULL;
    if (st == JS_OK && projected)
        st = chart_projection(r, sec, agg, where, b);
    else if (st == JS_OK)
        st = chart_fill(r, sec->name, b, agg, has_group, 0, NULL);
    if (st == JS_OK && b->ch.kind == JS_CHART_LINES)
        st = chart_breaks(r, sec, b);
    if (st == JS_OK && b->ch.kind == JS_CHART_SHARE100)
        st = chart_share_pair(r, sec, ri, b);
    if (st == JS_OK && b->ch.kind == JS_CHART_STACKED)
        b->ch.stack_balance = chart_is_balance(agg);
    if (st == JS_OK && spec_get(sec, "also", NULL) != NULL)
        st = chart_also(r, sec, ri, where, b);
    if (st == JS_OK && spec_get(sec, "pair", NULL) != NULL)
        st = chart_pyramid_pair(r, sec, ri == NULL ? rd : NULL, where, compare != NULL, b);
    if (st == JS_OK && compare != NULL && b->ch.kind == JS_CHART_PYRAMID && ri == NULL) {
        js_sel *both = NULL; /* compare's terms win over where's */
        st = js_sel_join(where, compare, &both);
        if (st == JS_OK)
            st = chart_pyramid_cube(r, sec, rd->cube, both, &cmp);
        const char *const text = spec_get(sec, "compare", NULL), *const colon = strchr(text, ':');
        const char *name = colon ? colon + 1 : text; /* region:total: "Totalt", or what label says */
        if (strcasecmp(name, "total") == 0 || strcasecmp(name, "totalt") == 0) {
            const js_category all = {"total", rd->total_label != NULL ? rd->total_label
                                                                      : js_text(r->lang, "Totalt", "Total"),
                                     JS_SEX_NONE, (double)NAN, (double)NAN, 0, 0, 0, 1, 0};
            const char *const own = chart_relabel(b, &all);
            name = own != NULL ? own : all.label;
        }
        if (st == JS_OK)
            st = chart_fill(r, sec->name, b, cmp, 0, 1, spec_get(sec, "compare_label", name));
        js_sel_free(both);
    }
    if (st == JS_OK) {
        chart_words(r, sec, b, ri, rd);
        if (!projected)
            chart_band_label(b, ri);
        st = chart_layout(r, sec, b);
    }
    if (st == JS_OK) {
        chart_focus(r, sec, agg, b);
        chart_focus_panel(r, sec, agg, has_group, b);
        st = chart_reference(r, sec, agg, where, b);
    }
    if (st == JS_OK) /* after focus, which points at its label, and reference = total */
        st = chart_order(r, sec, b, ri == NULL);
    if (st == JS_OK)
        st = chart_target(r, sec, b);
    if (st == JS_OK && dir == NULL) /* jamstat check: everything but the writing */
        st = js_chart_check(&b->ch, r->diag);
    else if (st == JS_OK)
        st = js_chart_write(&b->ch, dir, r->diag);
    if (st == JS_OK && dir != NULL) /* NAME.xlsx beside NAME.csv: codes and labels */
        st = js_out_chart_xlsx(dir, &b->ch, b->codes, r->diag);
    if (st == JS_OK && dir != NULL && (r->formats & JS_RENDER_TEX))
        st = js_chart_write_latex(&b->ch, dir, r->diag);
    js_cube_free(agg);
    js_cube_free(cmp);
    return st;
}

/* js_chart_render_opts with the run's time limit: [analysis]
 * gnuplot_timeout, else JAMSTAT_GNUPLOT_TIMEOUT, else the default. */
static js_status chart_render(js_run_state *r, const char *dir, const char *const *names,
                              const char *const *titles, const char *const *alts, size_t n,
                              unsigned formats, int jobs)
{
    js_render_opts o;
    js_render_opts_init(&o);
    o.formats = formats;
    o.jobs = jobs;
    js_status st = JS_OK;
    if (r->gnuplot_timeout >= 0)
        o.timeout_s = (unsigned)r->gnuplot_timeout; /* checked: 0 to 86400 */
    else
        st = js_render_timeout_from_env(&o.timeout_s, r->diag);
    return st != JS_OK ? st : js_chart_render_opts(dir, names, titles, alts, n, &o, r->diag);
}

/* The cairolatex variants NAME-tex.gp, rendered to NAME-tex.tex + .pdf. */
static js_status chart_render_latex(js_run_state *r, const char *dir, const char **names, size_t n,
                                    int jobs)
{
    char **const tex = js_calloc(n + 1, sizeof *tex);
    js_status st = tex ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < n; i++) {
        tex[i] = js_malloc(strlen(names[i]) + 5);
        if (tex[i] == NULL)
            st = JS_ENOMEM;
        else
            (void)sprintf(tex[i], "%s-tex", names[i]);
    }
    if (st == JS_OK)
        st = chart_render(r, dir, (const char *const *)tex, NULL, NULL, n, JS_RENDER_TEX, jobs);
    for (size_t i = 0; tex != NULL && i < n; i++)
        js_free(tex[i]);
    js_free(tex);
    return st;
}

js_status run_charts(js_run_state *r, const char *dir, unsigned formats, int jobs)
{
    r->formats = formats;
    size_t n = 0;
    for (size_t i = 0; i < r->spec->n_sec; i++)
        n += strcmp(r->spec->sec[i].type, "chart") == 0;
    r->charts = js_calloc(n + 1, sizeof *r->charts);
    const char **const names = js_calloc(n + 1, sizeof *names);
    const char **const titles = js_calloc(n + 1, sizeof *titles);
    const char **const alts = js_calloc(n + 1, sizeof *alts);
    js_status st = (r->charts && names && titles && alts) ? JS_OK : JS_ENOMEM, bad = JS_OK;
    for (size_t i = 0; st == JS_OK && i < r->spec->n_sec; i++) {
        const spec_section *const sec = &r->spec->sec[i];
        if (strcmp(sec->type, "chart") != 0)
            continue;
        chart_build b;
        memset(&b, 0, sizeof b);
        js_arena_init(&b.strings);
        js_buf_init(&b.title);
        js_buf_init(&b.source);
        st = chart_one(r, sec, dir, &b);
        if (st == JS_EUSAGE || st == JS_EDATA) { /* go on: every chart's mistake at once */
            bad = bad != JS_OK ? bad : st;
            st = JS_OK;
            chart_build_fini(&b);
            continue;
        }
        run_chart *const rc = &r->charts[r->n_charts];
        if (st == JS_OK) {
            char alt[2048];
            js_chart_alt_text(&b.ch, alt, sizeof alt);
            rc->alt = js_strdup(alt);
            rc->title = js_strdup(b.ch.title);
            rc->source = js_strdup(b.ch.source);
            rc->rc.name = js_strdup(sec->name);
            if (!rc->alt || !rc->title || !rc->source || !rc->rc.name)
                st = JS_ENOMEM;
            rc->rc.title = rc->title;
            rc->rc.alt = rc->alt;
            rc->rc.source = rc->source;
            rc->rc.text = spec_get(sec, "text", NULL);
            rc->rc.note = spec_get(sec, "note", NULL);
            names[r->n_charts] = rc->rc.name;
            titles[r->n_charts] = rc->title;
            alts[r->n_charts] = rc->alt;
            r->n_charts++;
        }
        chart_build_fini(&b);
    }
    if (st == JS_OK)
        st = bad;
    if (st == JS_OK && r->n_charts > 0 && dir != NULL) {
        if (!js_chart_gnuplot_available()) {
            run_warn(r, "gnuplot is not installed: the charts were written as scripts and data "
                        "(charts/*.gp, *.dat) but not rendered; install gnuplot-nox to render them");
        } else {
            st = chart_render(r, dir, names, titles, alts, r->n_charts, formats & ~(unsigned)JS_RENDER_TEX,
                              jobs);
            if (st == JS_OK && (formats & JS_RENDER_TEX))
                st = chart_render_latex(r, dir, names, r->n_charts, jobs);
            for (size_t i = 0; st == JS_OK && i < r->n_charts; i++) {
                r->charts[i].rc.has_svg = (formats & JS_RENDER_SVG) != 0;
                r->charts[i].rc.has_png = (formats & JS_RENDER_PNG) != 0;
            }
        }
    }
    js_free(names);
    js_free(titles);
    js_free(alts);
    return st;
}
