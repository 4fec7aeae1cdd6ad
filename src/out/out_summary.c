/*
 * out_summary.c - the key figures of the home region: what a regional
 * report opens with ("Jämtland in brief").
 *
 * For each indicator whose result has a region dimension holding the
 * focus, one row per sex (women, men, total - those the result has; one
 * row when it has no sex dimension):
 *
 *   year    the latest period in which the focus has a value (or a
 *           suppressed one, which then shows as "..": never an older year
 *           in its place);
 *   value   the focus's value then;
 *   change  that value minus the focus's value in the first period with a
 *           value (or in from_year, [analysis] summary_from);
 *   rank    among the regions at the focus's level (counties with
 *           counties, municipalities with municipalities; the country and
 *           other totals are not ranked) that have a value that year:
 *           1 = the highest, ties get the average of the ranks they span,
 *           as the kind rank does (METHODS 8: 5 7 7 3 -> 3 1.5 1.5 4).
 *
 * Any other dimension (age, level of education) must be fixed: one
 * category, or its total category; else the indicator has too many
 * values for one line and is left out.  Everything is read from the
 * results; nothing is computed again.
 */
#include "out/out_summary.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"

/* What a result offers a summary: its dimensions by role. */
typedef struct sum_shape {
    const js_cube *c;
    size_t reg, time, sex; /* dimension indexes; SIZE_MAX: none */
    size_t focus;          /* the focus's category in reg */
    size_t *fixed;         /* per dimension: the category of a fixed one */
} sum_shape;

/* 1 when r can be summarised; fills s (s->fixed: caller frees). */
static int sum_shape_of(const js_result *r, const char *focus, sum_shape *s, int *oom)
{
    memset(s, 0, sizeof *s);
    s->c = r->cube;
    if (s->c == NULL)
        return 0;
    const size_t nd = js_cube_ndims(s->c);
    s->reg = js_cube_dim_by_role(s->c, JS_ROLE_REGION);
    s->time = js_cube_dim_by_role(s->c, JS_ROLE_TIME);
    s->sex = js_cube_dim_by_role(s->c, JS_ROLE_SEX);
    if (s->reg == SIZE_MAX || js_cube_ncells(s->c) == 0)
        return 0;
    s->focus = js_dim_find(js_cube_dim(s->c, s->reg), focus);
    if (s->focus == SIZE_MAX)
        return 0;
    s->fixed = js_calloc(nd + 1, sizeof *s->fixed);
    if (s->fixed == NULL) {
        *oom = 1;
        return 0;
    }
    for (size_t i = 0; i < nd; i++) {
        if (i == s->reg || i == s->time || i == s->sex)
            continue;
        const js_dim *const dim = js_cube_dim(s->c, i);
        size_t k = js_dim_size(dim) == 1 ? 0 : SIZE_MAX;
        for (size_t j = 0; k == SIZE_MAX && j < js_dim_size(dim); j++)
            if (js_dim_category(dim, j)->is_total)
                k = j;
        if (k == SIZE_MAX) {
            js_free(s->fixed);
            s->fixed = NULL;
            return 0;
        }
        s->fixed[i] = k;
    }
    return 1;
}

/* The cell of region g, period t, sex category x (t, x ignored where the
 * dimension is absent). */
static size_t sum_cell(const sum_shape *s, size_t *idx, size_t g, size_t t, size_t x)
{
    for (size_t i = 0; i < js_cube_ndims(s->c); i++)
        idx[i] = s->fixed[i];
    idx[s->reg] = g;
    if (s->time != SIZE_MAX)
        idx[s->time] = t;
    if (s->sex != SIZE_MAX)
        idx[s->sex] = x;
    return js_cube_cell_index(s->c, idx);
}

static int sum_has_value(const js_cube *c, size_t cell)
{
    return js_cube_status(c, cell) == JS_CELL_OK && isfinite(js_cube_value(c, cell)) &&
           !(js_cube_flags(c, cell) & JS_FLAG_SUPPRESSED);
}

/* The order of periods: by year and sub-period when every category is a
 * period, else as the dimension lists them. */
static double sum_period_key(const js_dim *time, size_t k)
{
    for (size_t j = 0; j < js_dim_size(time); j++)
        if (js_dim_category(time, j)->period == 0)
            return (double)k;
    const js_category *const c = js_dim_category(time, k);
    return c->year * 16.0 + c->sub;
}

/* Counties with counties: the same code length, and among four-digit codes
 * (Kolada's 0023 beside 2380) the same "00" prefix; never a total. */
static int sum_same_level(const js_category *a, const js_category *b)
{
    const size_t la = strlen(a->code), lb = strlen(b->code);
    if (b->is_total || lb == 0 || strspn(b->code, "0") == lb || la != lb)
        return 0;
    return la != 4 || (memcmp(a->code, "00", 2) == 0) == (memcmp(b->code, "00", 2) == 0);
}

/* The focus's rank at period t and sex x among the regions of its level. */
static void sum_rank(const sum_shape *s, size_t *idx, size_t t, size_t x, out_sum_row *row)
{
    const js_dim *const reg = js_cube_dim(s->c, s->reg);
    const js_category *const f = js_dim_category(reg, s->focus);
    row->rank = (double)NAN;
    row->n_ranked = 0;
    if (!sum_same_level(f, f) || !isfinite(row->value) || row->suppressed)
        return;
    size_t above = 0, equal = 0;
    for (size_t g = 0; g < js_dim_size(reg); g++) {
        const size_t cell = sum_cell(s, idx, g, t, x);
        if (!sum_same_level(f, js_dim_category(reg, g)) || !sum_has_value(s->c, cell))
            continue;
        const double v = js_cube_value(s->c, cell);
        row->n_ranked++;
        if (isgreater(v, row->value))
            above++;
        else if (!isless(v, row->value))
            equal++; /* the focus too */
    }
    if (row->n_ranked >= 2)
        row->rank = (double)above + 1.0 + ((double)equal - 1.0) / 2.0;
}

/* The row of sex category x (SIZE_MAX: no sex dimension). */
static void sum_row(const sum_shape *s, size_t *idx, size_t x, int from_year, out_sum_row *row)
{
    const js_dim *const time = s->time != SIZE_MAX ? js_cube_dim(s->c, s->time) : NULL;
    const size_t nt = time ? js_dim_size(time) : 1;
    size_t last = SIZE_MAX, first = SIZE_MAX;
    for (size_t t = 0; t < nt; t++) {
        const size_t cell = sum_cell(s, idx, s->focus, t, x);
        const int has = sum_has_value(s->c, cell);
        const int shown = has || (js_cube_flags(s->c, cell) & JS_FLAG_SUPPRESSED);
        const double key = time ? sum_period_key(time, t) : 0;
        if (shown && (last == SIZE_MAX || key > sum_period_key(time, last)))
            last = t;
        const int is_from = from_year != 0 ? time && js_dim_category(time, t)->year == from_year : 1;
        if (has && is_from && (first == SIZE_MAX || key < sum_period_key(time, first)))
            first = t;
    }
    row->region = js_dim_category(js_cube_dim(s->c, s->reg), s->focus)->label;
    row->value = row->change = row->rank = (double)NAN;
    if (last == SIZE_MAX)
        return;
    const size_t cell = sum_cell(s, idx, s->focus, last, x);
    row->year = time ? js_dim_category(time, last) : NULL;
    row->suppressed = (js_cube_flags(s->c, cell) & JS_FLAG_SUPPRESSED) != 0;
    row->value = sum_has_value(s->c, cell) ? js_cube_value(s->c, cell) : (double)NAN;
    if (time && first != SIZE_MAX && sum_period_key(time, first) < sum_period_key(time, last) &&
        isfinite(row->value)) {
        row->from = js_dim_category(time, first);
        row->change = row->value - js_cube_value(s->c, sum_cell(s, idx, s->focus, first, x));
    }
    sum_rank(s, idx, last, x, row);
}

static js_status sum_add(out_summary *out, size_t *cap, const out_sum_row *row)
{
    if (js_grow((void **)&out->rows, cap, out->n + 1, sizeof *out->rows) != 0)
        return JS_ENOMEM;
    out->rows[out->n++] = *row;
    return JS_OK;
}

/* The rows of one result: women, men, total (those it has). */
static js_status sum_result(const js_result *r, const js_summary_opts *o, out_summary *out, size_t *cap)
{
    sum_shape s;
    int oom = 0;
    if (!sum_shape_of(r, o->focus, &s, &oom))
        return oom ? JS_ENOMEM : JS_OK;
    size_t *const idx = js_calloc(js_cube_ndims(s.c) + 1, sizeof *idx);
    js_status st = idx ? JS_OK : JS_ENOMEM;
    static const js_sex order[] = {JS_SEX_WOMEN, JS_SEX_MEN, JS_SEX_TOTAL};
    const js_dim *const sex = s.sex != SIZE_MAX ? js_cube_dim(s.c, s.sex) : NULL;
    for (size_t o_i = 0; st == JS_OK && o_i < (sex ? 3u : 1u); o_i++) {
        size_t x = SIZE_MAX;
        for (size_t k = 0; sex != NULL && k < js_dim_size(sex) && x == SIZE_MAX; k++)
            if (js_dim_category(sex, k)->sex == order[o_i])
                x = k;
        if (sex != NULL && x == SIZE_MAX)
            continue;
        out_sum_row row;
        memset(&row, 0, sizeof row);
        row.result = r;
        row.sex = sex ? order[o_i] : JS_SEX_NONE;
        sum_row(&s, idx, x == SIZE_MAX ? 0 : x, o->from_year, &row);
        st = sum_add(out, cap, &row);
    }
    js_free(idx);
    js_free(s.fixed);
    return st;
}

js_status out_summary_build(const js_result *results, size_t n, const js_summary_opts *o,
                            out_summary *out)
{
    memset(out, 0, sizeof *out);
    if (results == NULL || o == NULL || o->focus == NULL || *o->focus == '\0')
        return JS_OK;
    size_t cap = 0;
    js_status st = JS_OK;
    const size_t n_pick = o->ids != NULL ? o->n_ids : n;
    for (size_t p = 0; st == JS_OK && p < n_pick; p++) {
        const js_result *r = o->ids != NULL ? NULL : &results[p];
        for (size_t i = 0; r == NULL && i < n; i++)
            if (strcmp(results[i].id, o->ids[p]) == 0)
                r = &results[i];
        if (r != NULL)
            st = sum_result(r, o, out, &cap);
    }
    if (st != JS_OK)
        out_summary_fini(out);
    return st;
}

void out_summary_fini(out_summary *s)
{
    js_free(s->rows);
    s->rows = NULL;
    s->n = 0;
}

const char *out_summary_sex(js_sex sex, js_lang lang)
{
    switch (sex) {
    case JS_SEX_WOMEN: return js_text(lang, "Kvinnor", "Women");
    case JS_SEX_MEN: return js_text(lang, "M\xc3\xa4n", "Men");
    case JS_SEX_TOTAL: return js_text(lang, "Totalt", "Total");
    case JS_SEX_NONE: break;
    }
    return "";
}

const char *out_summary_change_unit(const char *unit, js_lang lang)
{
    if (unit == NULL)
        return "";
    if (strcmp(unit, "%") == 0)
        return js_text(lang, "procentenheter", "percentage points");
    return unit;
}
