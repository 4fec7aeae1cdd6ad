/*
 * out_sentence.c - the sentence an analyst writes by hand under a table
 * of a follow-up indicator, in Swedish or English, from its numbers
 * (issue 13: "Andelen är högst i X för kvinnor och i Y för män", "Målet
 * nås år 2041 i nuvarande takt", "Skillnaden mellan kommunerna har minskat
 * sedan 2010").  Plain text: the report escapes it like any data text.
 *
 * Which regions are spoken of, so that the paragraph stays short: the
 * focus ([analysis] focus: its group, or the group it names) and the
 * country; without a focus, every group when there are at most
 * SENT_FEW, else the country alone.  A target speaks of the focus
 * region, or of every region when there are at most SENT_FEW, else of
 * none.
 *
 *   rank        per group and the latest year: where each sex is highest
 *               and lowest ("högst i Falun för kvinnor och i Borlänge för
 *               män, och lägst i Vansbro för båda", "högst i Falun och
 *               lägst i Vansbro för båda"; ties name every area with the
 *               value), then the focus's place in its group and
 *               in the country, from the result's rank and n.
 *   dispersion  first against latest year with a value: "har ökat" or
 *               "har minskat", "är oförändrad" when the two are the same
 *               number at the table's decimals (what the reader can see);
 *               one sentence per sex; one year only: the value.
 *   target      per region and sex, from status and year_reached: reached
 *               (since the year), reached in year Y (the first whole year
 *               at or after the fractional year_reached, ceil: the year
 *               whose value would be the first to meet the target), not
 *               before 2100 (SENT_HORIZON), or not at the current pace
 *               (the value moves away from the target, or stands still);
 *               parity: the year women and men reach parity.
 *   population_change  the focus region (or every region when there are
 *               at most SENT_FEW), the latest year: the change in persons,
 *               the natural increase (or decrease) and net migration.
 *   shift_share the same regions: the change, and its national, industry
 *               mix and regional components (none per industry).
 *
 * A result with another dimension of more than one category (age, a
 * second contents) gets no sentences: they would have to pick one.
 */
#include "out/out_sentence.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "out/out_internal.h"
#include "stats/dispersion.h"

enum { SENT_FEW = 3, SENT_HORIZON = 2100, SENT_MAX_SEX = 8 };

/* ---- the result's layout ----------------------------------------------------------- */

typedef struct sent_cube {
    const js_cube *c;
    const js_result *r;
    js_lang L;
    size_t region, time, sex, stat; /* dimensions; SIZE_MAX: absent */
    size_t latest;                  /* the time category spoken of (the latest with a value) */
    size_t sexes[SENT_MAX_SEX];     /* sex categories, in order; n_sex 1 and SIZE_MAX: no sex */
    size_t n_sex;
} sent_cube;

static int sent_layout(sent_cube *s, const js_result *r, js_lang L, const char *stat_dim)
{
    memset(s, 0, sizeof *s);
    s->c = r->cube;
    s->r = r;
    s->L = L;
    s->region = js_cube_dim_by_role(s->c, JS_ROLE_REGION);
    s->time = js_cube_dim_by_role(s->c, JS_ROLE_TIME);
    s->sex = js_cube_dim_by_role(s->c, JS_ROLE_SEX);
    s->stat = js_cube_dim_named(s->c, stat_dim);
    if (js_cube_ndims(s->c) > JS_MAX_BY + 1)
        return 0;
    for (size_t i = 0; i < js_cube_ndims(s->c); i++)
        if (i != s->region && i != s->time && i != s->sex && i != s->stat &&
            js_dim_size(js_cube_dim(s->c, i)) > 1)
            return 0;
    s->n_sex = 0;
    const js_dim *const sd = s->sex != SIZE_MAX ? js_cube_dim(s->c, s->sex) : NULL;
    for (size_t k = 0; sd != NULL && k < js_dim_size(sd) && s->n_sex < SENT_MAX_SEX; k++)
        s->sexes[s->n_sex++] = k;
    if (s->n_sex == 0) {
        s->sexes[0] = SIZE_MAX;
        s->n_sex = 1;
    }
    return 1;
}

/* The value at region category reg, sex category sx, time category t and
 * statistic code stat (NULL: no statistic dimension). */
static double sent_at(const sent_cube *s, size_t reg, size_t sx, size_t t, const char *stat)
{
    size_t co[JS_MAX_BY + 2] = {0};
    if (s->region != SIZE_MAX)
        co[s->region] = reg;
    if (s->sex != SIZE_MAX)
        co[s->sex] = sx;
    if (s->time != SIZE_MAX)
        co[s->time] = t;
    if (s->stat != SIZE_MAX) {
        co[s->stat] = js_dim_find_code(js_cube_dim(s->c, s->stat), stat);
        if (co[s->stat] == SIZE_MAX)
            return (double)NAN;
    }
    return js_cube_value(s->c, js_cube_cell_index(s->c, co));
}

/* The latest time category where statistic stat has a value anywhere. */
static void sent_latest(sent_cube *s, const char *stat)
{
    s->latest = 0;
    if (s->time == SIZE_MAX)
        return;
    const js_dim *const td = js_cube_dim(s->c, s->time);
    const size_t nr = s->region != SIZE_MAX ? js_dim_size(js_cube_dim(s->c, s->region)) : 1;
    int best = -1;
    for (size_t t = 0; t < js_dim_size(td); t++)
        for (size_t k = 0; k < nr; k++)
            for (size_t x = 0; x < s->n_sex; x++)
                if (!isnan(sent_at(s, k, s->sexes[x], t, stat)) && js_dim_category(td, t)->year > best) {
                    best = js_dim_category(td, t)->year;
                    s->latest = t;
                }
}

/* Exact equality, as the reader sees two equal numbers (no epsilon: the
 * values compared come from one computation). */
static int sent_eq(double a, double b)
{
    return !(a < b) && !(a > b) && !isnan(a) && !isnan(b);
}

static int sent_whole(double v)
{
    return sent_eq(v, floor(v));
}

/* ---- words ---------------------------------------------------------------------------- */

static const char *sent_sex_word(const sent_cube *s, size_t x)
{
    if (s->sexes[x] == SIZE_MAX)
        return "";
    const js_category *const c = js_dim_category(js_cube_dim(s->c, s->sex), s->sexes[x]);
    switch (c->sex) {
    case JS_SEX_WOMEN:
        return js_text(s->L, "kvinnor", "women");
    case JS_SEX_MEN:
        return js_text(s->L, "män", "men");
    case JS_SEX_TOTAL:
        return js_text(s->L, "alla", "everyone");
    case JS_SEX_NONE:
        break;
    }
    return c->label;
}

/* "för båda" / "for both", "för alla" / "for all" */
static const char *sent_all_sexes(const sent_cube *s)
{
    return s->n_sex == 2 ? js_text(s->L, "för båda", "for both") : js_text(s->L, "för alla", "for all");
}

static void sent_cap(js_buf *b, const char *text)
{
    /* every phrase this file starts a sentence with begins with an ASCII
     * letter or a region's name, which is written as the data has it */
    if (text[0] >= 'a' && text[0] <= 'z') {
        js_buf_putc(b, (char)(text[0] - 'a' + 'A'));
        text++;
    }
    js_buf_puts(b, text);
}

/* The units compared, definite plural. */
static const char *sent_units(js_sent_units u, js_lang L)
{
    switch (u) {
    case JS_SENT_MUNICIPALITIES:
        return js_text(L, "kommunerna", "the municipalities");
    case JS_SENT_COUNTIES:
        return js_text(L, "länen", "the counties");
    case JS_SENT_AREAS:
        break;
    }
    return js_text(L, "områdena", "the areas");
}

/* "i Dalarnas län", "i län 20", "i gruppen Storstadskommuner"; national:
 * "i hela landet". */
static void sent_group(js_buf *b, const char *code, const char *label, int national, js_lang L)
{
    if (national) {
        js_buf_puts(b, js_text(L, "i hela landet", "in the whole country"));
        return;
    }
    const int two = strlen(code) == 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9';
    if (strcmp(label, code) != 0)
        js_buf_printf(b, "%s %s", js_text(L, "i", "in"), label);
    else if (two)
        js_buf_printf(b, "%s %s", js_text(L, "i län", "in county"), code);
    else
        js_buf_printf(b, "%s %s", js_text(L, "i gruppen", "in the group"), code);
}

/* A number at the result's decimals (d < 0), with " %" when its unit is %. */
static void sent_num(js_buf *b, const sent_cube *s, double v, int d)
{
    char t[96];
    if (d < 0)
        d = s->r->decimals;
    if (s->r->unit != NULL && strcmp(s->r->unit, "%") == 0)
        js_fmt_percent(v, d, s->L, t, sizeof t);
    else
        js_fmt_number(v, d, s->L, t, sizeof t);
    js_buf_puts(b, t);
}

/* A rank: whole, or with one decimal for a shared (average) rank. */
static void sent_rank_num(js_buf *b, double v, js_lang L)
{
    char t[64];
    js_fmt_number(v, sent_whole(v) ? 0 : 1, L, t, sizeof t);
    js_buf_puts(b, t);
}

/* Item i of n in a list: "A", ", B", " och C". */
static void sent_sep(js_buf *b, size_t i, size_t n, js_lang L)
{
    if (i > 0)
        js_buf_puts(b, i + 1 == n ? js_text(L, " och ", " and ") : ", ");
}

/* ---- rank -------------------------------------------------------------------------------- */

/* Is category k one of group g's areas (g SIZE_MAX: any area)? */
static int sent_in(const ind_groups *g, size_t k, size_t grp)
{
    return g->group[k] != SIZE_MAX && (grp == SIZE_MAX || g->group[k] == grp);
}

/* The names of group grp's areas with the highest (hi) or lowest value
 * for sex x, joined; 0 when none has a value. */
static int sent_extreme(js_buf *b, const sent_cube *s, const ind_groups *g, size_t grp, size_t x, int hi)
{
    const js_dim *const rd = js_cube_dim(s->c, s->region);
    double best = (double)NAN;
    for (size_t k = 0; k < g->n; k++) {
        const double v = sent_in(g, k, grp) ? sent_at(s, k, s->sexes[x], s->latest, "value") : (double)NAN;
        if (!isnan(v) && (isnan(best) || (hi ? v > best : v < best)))
            best = v;
    }
    if (isnan(best))
        return 0;
    size_t n = 0;
    for (size_t k = 0; k < g->n; k++)
        n += sent_in(g, k, grp) && sent_eq(sent_at(s, k, s->sexes[x], s->latest, "value"), best);
    for (size_t k = 0, i = 0; k < g->n; k++)
        if (sent_in(g, k, grp) && sent_eq(sent_at(s, k, s->sexes[x], s->latest, "value"), best)) {
            sent_sep(b, i++, n, s->L);
            js_buf_puts(b, js_dim_category(rd, k)->label);
        }
    return 1;
}

/* "i A för kvinnor och i B för män", or "i A" when every sex has the
 * same (*same set). */
static int sent_extremes(js_buf *b, const sent_cube *s, const ind_groups *g, size_t grp, int hi, int *same)
{
    js_buf names[SENT_MAX_SEX];
    memset(names, 0, sizeof names);
    int ok = 1;
    *same = 1;
    for (size_t x = 0; x < s->n_sex; x++) {
        js_buf_init(&names[x]);
        ok = ok && sent_extreme(&names[x], s, g, grp, x, hi);
        *same = *same && (x == 0 || strcmp(js_buf_cstr(&names[x]), js_buf_cstr(&names[0])) == 0);
    }
    const char *const in = js_text(s->L, "i ", "in ");
    if (ok && *same)
        js_buf_printf(b, "%s%s", in, js_buf_cstr(&names[0]));
    for (size_t x = 0; ok && !*same && x < s->n_sex; x++) {
        sent_sep(b, x, s->n_sex, s->L);
        js_buf_printf(b, "%s%s %s %s", in, js_buf_cstr(&names[x]), js_text(s->L, "för", "for"),
                      sent_sex_word(s, x));
    }
    for (size_t x = 0; x < s->n_sex; x++)
        js_buf_fini(&names[x]);
    return ok;
}

static void sent_year_suffix(js_buf *b, const sent_cube *s)
{
    if (s->time != SIZE_MAX)
        js_buf_printf(b, " (%d)", js_dim_category(js_cube_dim(s->c, s->time), s->latest)->year);
}

/* One group's (grp SIZE_MAX: the country's) highest and lowest. */
static void sent_rank_group(js_buf *b, const sent_cube *s, const ind_groups *g, size_t grp,
                            const js_sent_opts *o)
{
    js_buf hi, lo, where;
    js_buf_init(&hi);
    js_buf_init(&lo);
    js_buf_init(&where);
    int same_hi, same_lo;
    if (sent_extremes(&hi, s, g, grp, 1, &same_hi) && sent_extremes(&lo, s, g, grp, 0, &same_lo)) {
        /* "högst i A och lägst i B för båda" when each is one area for every
         * sex; else "högst i A för båda, och lägst i B för kvinnor och i C
         * för män" */
        const int plain = s->n_sex == 1 || (same_hi && same_lo);
        if (!plain && same_hi)
            js_buf_printf(&hi, " %s", sent_all_sexes(s));
        if (!plain && same_lo)
            js_buf_printf(&lo, " %s", sent_all_sexes(s));
        if (plain && s->n_sex > 1)
            js_buf_printf(&lo, " %s", sent_all_sexes(s));
        if (grp == SIZE_MAX && g->n_groups > 0)
            js_buf_puts(&where, js_text(s->L, "i hela landet", "in the whole country"));
        else if (grp == SIZE_MAX)
            js_buf_printf(&where, "%s %s", js_text(s->L, "bland", "among"), sent_units(o->units, s->L));
        else {
            js_buf_printf(&where, "%s %s ", js_text(s->L, "bland", "among"), sent_units(o->units, s->L));
            sent_group(&where, g->code[grp], g->label[grp], 0, s->L);
        }
        const char *const and = !plain ? js_text(s->L, ", och ", ", and ") : js_text(s->L, " och ", " and ");
        sent_cap(b, js_buf_cstr(&where));
        js_buf_printf(b, "%s %s%s%s %s", js_text(s->L, " är värdet högst", ", the value is highest"),
                      js_buf_cstr(&hi), and, js_text(s->L, "lägst", "lowest"), js_buf_cstr(&lo));
        sent_year_suffix(b, s);
        js_buf_puts(b, ". ");
    }
    js_buf_fini(&hi);
    js_buf_fini(&lo);
    js_buf_fini(&where);
}

/* "r av n för kvinnor och r av n för män" from statistics rank and n (or
 * rank_country and n_country); 0 when a value is missing. */
static int sent_places(js_buf *b, const sent_cube *s, size_t k, const char *rank, const char *n)
{
    js_buf p[SENT_MAX_SEX];
    memset(p, 0, sizeof p);
    int same = 1, ok = 1;
    for (size_t x = 0; x < s->n_sex; x++) {
        js_buf_init(&p[x]);
        const double rv = sent_at(s, k, s->sexes[x], s->latest, rank);
        const double nv = sent_at(s, k, s->sexes[x], s->latest, n);
        ok = ok && !isnan(rv) && !isnan(nv);
        sent_rank_num(&p[x], rv, s->L);
        js_buf_puts(&p[x], js_text(s->L, " av ", " of "));
        sent_rank_num(&p[x], nv, s->L);
        same = same && (x == 0 || strcmp(js_buf_cstr(&p[x]), js_buf_cstr(&p[0])) == 0);
    }
    if (ok && (same || s->n_sex == 1)) {
        js_buf_puts(b, js_buf_cstr(&p[0]));
        if (s->n_sex > 1)
            js_buf_printf(b, " %s", sent_all_sexes(s));
    }
    for (size_t x = 0; ok && !same && x < s->n_sex; x++) {
        sent_sep(b, x, s->n_sex, s->L);
        js_buf_printf(b, "%s %s %s", js_buf_cstr(&p[x]), js_text(s->L, "för", "for"), sent_sex_word(s, x));
    }
    for (size_t x = 0; x < s->n_sex; x++)
        js_buf_fini(&p[x]);
    return ok;
}

/* The focus area k's place in its group and in the country. */
static void sent_rank_focus(js_buf *b, const sent_cube *s, const ind_groups *g, size_t k, const js_sent_opts *o)
{
    js_buf in_group, in_country;
    js_buf_init(&in_group);
    js_buf_init(&in_country);
    const int grouped = g->n_groups > 1; /* one group is the whole country: said once */
    if (sent_places(&in_group, s, k, "rank", "n") &&
        (!grouped || sent_places(&in_country, s, k, "rank_country", "n_country"))) {
        js_buf_printf(b, "%s %s %s", js_dim_category(js_cube_dim(s->c, s->region), k)->label,
                      js_text(s->L, "har plats", "ranks"), js_buf_cstr(&in_group));
        if (grouped) {
            js_buf_printf(b, " %s %s ", js_text(s->L, "bland", "among"), sent_units(o->units, s->L));
            sent_group(b, g->code[g->group[k]], g->label[g->group[k]], 0, s->L);
            js_buf_printf(b, "%s%s %s", js_text(s->L, ", och plats ", ", and "), js_buf_cstr(&in_country),
                          js_text(s->L, "i hela landet", "in the whole country"));
        }
        sent_year_suffix(b, s);
        js_buf_puts(b, ". ");
    }
    js_buf_fini(&in_group);
    js_buf_fini(&in_country);
}

static void sent_rank(js_buf *b, sent_cube *s, const js_sent_opts *o)
{
    const ind_groups *const g = o->groups;
    if (g == NULL || s->region == SIZE_MAX || s->stat == SIZE_MAX ||
        g->n != js_dim_size(js_cube_dim(s->c, s->region)))
        return;
    sent_latest(s, "value");
    const js_dim *const rd = js_cube_dim(s->c, s->region);
    const size_t fk = o->focus != NULL ? js_dim_find(rd, o->focus) : SIZE_MAX;
    const size_t fu = fk != SIZE_MAX && g->group[fk] != SIZE_MAX ? fk : SIZE_MAX;
    size_t fg = fu != SIZE_MAX && g->n_groups > 0 ? g->group[fu] : SIZE_MAX;
    for (size_t i = 0; o->focus != NULL && fu == SIZE_MAX && i < g->n_groups; i++)
        if (strcmp(g->code[i], o->focus) == 0 || strcmp(g->label[i], o->focus) == 0)
            fg = i;
    if (fg != SIZE_MAX)
        sent_rank_group(b, s, g, fg, o);
    for (size_t i = 0; fg == SIZE_MAX && fu == SIZE_MAX && g->n_groups <= SENT_FEW && i < g->n_groups; i++)
        sent_rank_group(b, s, g, i, o);
    if (g->n_groups != 1) /* one group is the whole country: said once */
        sent_rank_group(b, s, g, SIZE_MAX, o);
    if (fu != SIZE_MAX)
        sent_rank_focus(b, s, g, fu, o);
}

/* ---- dispersion -------------------------------------------------------------------------- */

static const char *sent_stat_name(int stat, js_lang L)
{
    switch ((js_disp_stat)stat) {
    case JS_DISP_CV:
        return js_text(L, "variationskoefficienten", "the coefficient of variation");
    case JS_DISP_CV_WEIGHTED:
        return js_text(L, "den befolkningsvägda variationskoefficienten",
                       "the population-weighted coefficient of variation");
    case JS_DISP_MAX_MIN:
        return js_text(L, "kvoten mellan högsta och lägsta värdet",
                       "the ratio of the highest to the lowest value");
    case JS_DISP_RANGE:
        return js_text(L, "variationsbredden", "the range");
    case JS_DISP_IQR:
        return js_text(L, "kvartilavståndet", "the interquartile range");
    case JS_DISP_THEIL_T:
        return js_text(L, "Theils T", "Theil's T");
    case JS_DISP_THEIL_L:
        return js_text(L, "Theils L", "Theil's L");
    case JS_DISP_GINI:
        return js_text(L, "Ginikoefficienten", "the Gini coefficient");
    }
    return js_text(L, "spridningsmåttet", "the dispersion");
}

/* The first and the latest year with a value of row k, sex x. */
static int sent_span(const sent_cube *s, size_t k, size_t x, size_t *first, size_t *last)
{
    *first = *last = SIZE_MAX;
    const js_dim *const td = js_cube_dim(s->c, s->time);
    for (size_t t = 0; t < js_dim_size(td); t++) {
        if (isnan(sent_at(s, k, s->sexes[x], t, NULL)))
            continue;
        const int y = js_dim_category(td, t)->year;
        if (*first == SIZE_MAX || y < js_dim_category(td, *first)->year)
            *first = t;
        if (*last == SIZE_MAX || y > js_dim_category(td, *last)->year)
            *last = t;
    }
    return *first != SIZE_MAX && *first != *last;
}

/* "mellan kommunerna i Dalarnas län" for row k of the dispersion. */
static void sent_between(js_buf *b, const sent_cube *s, size_t k, const js_sent_opts *o)
{
    const js_dim *const rd = js_cube_dim(s->c, s->region);
    const js_category *const c = js_dim_category(rd, k);
    const int national = k + 1 == js_dim_size(rd); /* ind_region.c puts the country last */
    js_buf_printf(b, "%s %s", js_text(s->L, "mellan", "between"), sent_units(o->units, s->L));
    if (!national || js_dim_size(rd) > 1) {
        js_buf_putc(b, ' ');
        sent_group(b, c->code, c->label, national, s->L);
    }
}

/* Over time: one sentence per sex. */
static void sent_disp_trend(js_buf *b, const sent_cube *s, size_t k, const js_sent_opts *o)
{
    const js_dim *const td = js_cube_dim(s->c, s->time);
    for (size_t x = 0; x < s->n_sex; x++) {
        size_t t0, t1;
        if (!sent_span(s, k, x, &t0, &t1))
            continue;
        const double v0 = sent_at(s, k, s->sexes[x], t0, NULL), v1 = sent_at(s, k, s->sexes[x], t1, NULL);
        js_buf a, z, between;
        js_buf_init(&a);
        js_buf_init(&z);
        js_buf_init(&between);
        sent_num(&a, s, v0, -1);
        sent_num(&z, s, v1, -1);
        sent_between(&between, s, k, o);
        const int same = strcmp(js_buf_cstr(&a), js_buf_cstr(&z)) == 0;
        const int y0 = js_dim_category(td, t0)->year, y1 = js_dim_category(td, t1)->year;
        const char *const verb = same ? NULL : v1 > v0 ? js_text(s->L, "ökat", "increased")
                                                       : js_text(s->L, "minskat", "decreased");
        const int lead = s->sexes[x] == SIZE_MAX;
        const char *const between_s = js_buf_cstr(&between);
        if (s->L == JS_LANG_SV && lead) /* "Skillnaden mellan ... har minskat" */
            js_buf_printf(b, "Skillnaden %s %s", between_s, same ? "är oförändrad" : "har ");
        else if (s->L == JS_LANG_SV) /* V2: "För kvinnor har skillnaden mellan ... minskat" */
            js_buf_printf(b, "För %s %s skillnaden %s %s", sent_sex_word(s, x), same ? "är" : "har", between_s,
                          same ? "oförändrad" : "");
        else if (lead)
            js_buf_printf(b, "The difference %s %s", between_s, same ? "has not changed" : "has ");
        else
            js_buf_printf(b, "For %s, the difference %s %s", sent_sex_word(s, x), between_s,
                          same ? "has not changed" : "has ");
        if (!same)
            js_buf_puts(b, verb);
        js_buf_printf(b, " %s %d (", js_text(s->L, "sedan", "since"), y0);
        if (same)
            js_buf_printf(b, "%s %s %s %d %s %d).", sent_stat_name(o->statistic, s->L), js_buf_cstr(&a),
                          js_text(s->L, "både", "in both"), y0, js_text(s->L, "och", "and"), y1);
        else
            js_buf_printf(b, "%s %s %s %s %s).", sent_stat_name(o->statistic, s->L),
                          js_text(s->L, "från", "from"),
                          js_buf_cstr(&a), js_text(s->L, "till", "to"), js_buf_cstr(&z));
        js_buf_putc(b, ' ');
        js_buf_fini(&a);
        js_buf_fini(&z);
        js_buf_fini(&between);
    }
}

/* One year: "Theils L mellan kommunerna i X är a för kvinnor och b för män." */
static void sent_disp_level(js_buf *b, const sent_cube *s, size_t k, const js_sent_opts *o)
{
    js_buf vals, between;
    js_buf_init(&vals);
    js_buf_init(&between);
    int ok = 1;
    for (size_t x = 0; x < s->n_sex; x++) {
        const double v = sent_at(s, k, s->sexes[x], s->latest, NULL);
        ok = ok && !isnan(v);
        sent_sep(&vals, x, s->n_sex, s->L);
        sent_num(&vals, s, v, -1);
        if (s->sexes[x] != SIZE_MAX)
            js_buf_printf(&vals, " %s %s", js_text(s->L, "för", "for"), sent_sex_word(s, x));
    }
    sent_between(&between, s, k, o);
    if (ok) {
        sent_cap(b, sent_stat_name(o->statistic, s->L));
        js_buf_printf(b, " %s %s %s", js_buf_cstr(&between), js_text(s->L, "är", "is"), js_buf_cstr(&vals));
        sent_year_suffix(b, s);
        js_buf_puts(b, ". ");
    }
    js_buf_fini(&vals);
    js_buf_fini(&between);
}

static void sent_dispersion(js_buf *b, sent_cube *s, const js_sent_opts *o)
{
    if (s->region == SIZE_MAX)
        return;
    sent_latest(s, NULL);
    const js_dim *const rd = js_cube_dim(s->c, s->region);
    const size_t n = js_dim_size(rd);
    const size_t fk = o->focus != NULL ? js_dim_find(rd, o->focus) : SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        const int national = k + 1 == n;
        if (!national && !(k == fk || (fk == SIZE_MAX && n - 1 <= SENT_FEW)))
            continue;
        if (national && n == 2 && (fk == SIZE_MAX || fk == 0)) /* one group is the whole country */
            continue;
        size_t t0, t1;
        int trend = 0;
        for (size_t x = 0; s->time != SIZE_MAX && x < s->n_sex; x++)
            trend = trend || sent_span(s, k, x, &t0, &t1);
        if (trend)
            sent_disp_trend(b, s, k, o);
        else
            sent_disp_level(b, s, k, o);
    }
}

/* ---- target ------------------------------------------------------------------------------ */

/* The target's value as the analysis file wrote it: the fewest decimals
 * (up to 6) that give the number back ("80 %", "2,5 %"), not the table's
 * ("2,50 %"). */
static void sent_target_value(js_buf *b, const sent_cube *s, double v)
{
    int d = 0;
    for (char t[64]; d < 6; d++) {
        double back;
        (void)snprintf(t, sizeof t, "%.*f", d, v);
        if (js_parse_number(t, &back) && sent_eq(back, v))
            break;
    }
    sent_num(b, s, v, d);
}

/* One series's sentence: prefix ("För kvinnor i Region Dalarna") inverts
 * the Swedish word order. */
static void sent_target_one(js_buf *b, const sent_cube *s, size_t k, size_t x, const char *prefix,
                            const js_sent_opts *o)
{
    const double status_v = sent_at(s, k, s->sexes[x], 0, "status");
    const double yr = sent_at(s, k, s->sexes[x], 0, "year_reached");
    const double pace = sent_at(s, k, s->sexes[x], 0, "achieved_per_year");
    const double ty = sent_at(s, k, s->sexes[x], 0, "target_year");
    if (isnan(status_v))
        return;
    const int status = (int)status_v; /* 1 reached, 2 on track, 3 off track */
    const int moving = fabs(pace) > 0;
    const int sv = s->L == JS_LANG_SV;
    js_buf tv;
    js_buf_init(&tv);
    sent_target_value(&tv, s, sent_at(s, k, s->sexes[x], 0, "target"));
    const char *const T = js_buf_cstr(&tv);
    const long year = isnan(yr) ? 0 : (long)ceil(yr); /* 0: never at this pace */
    /* the cases: reached, not before the horizon, a year, never; each as
     * text, the target (or "women and men"), text, the year, text (NULL:
     * no year) */
    static const char *const words[2][2][4][3] = {
        {
            {
                {" är målet ", " redan nått (sedan ", ")"},
                {" nås målet ", " inte före ", " i nuvarande takt"},
                {" nås målet ", " år ", " i nuvarande takt"},
                {" nås målet ", " inte i nuvarande takt", NULL},
            },
            {
                {" har ", " redan nått jämställdhet (sedan ", ")"},
                {" når ", " inte jämställdhet före ", " i nuvarande takt"},
                {" når ", " jämställdhet år ", " i nuvarande takt"},
                {" når ", " inte jämställdhet i nuvarande takt", NULL},
            },
        },
        {
            {
                {", the target ", " is already reached (since ", ")"},
                {", the target ", " is not reached before ", " at the current pace"},
                {", the target ", " is reached in ", " at the current pace"},
                {", the target ", " is not reached at the current pace", NULL},
            },
            {
                {", ", " have already reached parity (since ", ")"},
                {", ", " do not reach parity before ", " at the current pace"},
                {", ", " reach parity in ", " at the current pace"},
                {", ", " do not reach parity at the current pace", NULL},
            },
        },
    };
    const int c = status == 1 ? 0 : year > SENT_HORIZON ? 1 : year != 0 ? 2 : 3;
    const char *const what = o->parity ? js_text(s->L, "kvinnor och män", "women and men") : T;
    js_buf_puts(b, prefix);
    const char *const *const w = words[sv ? 0 : 1][o->parity ? 1 : 0][c];
    js_buf_printf(b, "%s%s%s", w[0], what, w[1]);
    if (w[2] != NULL)
        js_buf_printf(b, "%ld%s", c == 1 ? (long)SENT_HORIZON : year, w[2]);
    if (c == 3 && o->parity)
        js_buf_printf(b, " (%s)", moving ? js_text(s->L, "skillnaden växer", "the gap is widening")
                                         : js_text(s->L, "skillnaden står still", "the gap is not changing"));
    else if (c == 3)
        js_buf_printf(b, " (%s)", moving ? js_text(s->L, "värdet rör sig bort från målet",
                                                   "the value is moving away from it")
                                         : js_text(s->L, "värdet står still", "the value is not changing"));
    if (status != 1 && year <= SENT_HORIZON && !isnan(ty) && (double)year > ty) /* a year: exact in a double */
        js_buf_printf(b, sv ? ", efter målåret %.0f" : ", after the target year %.0f", ty);
    js_buf_puts(b, ". ");
    js_buf_fini(&tv);
}

static void sent_target(js_buf *b, sent_cube *s, const js_sent_opts *o)
{
    if (s->stat == SIZE_MAX)
        return;
    const js_dim *const rd = s->region != SIZE_MAX ? js_cube_dim(s->c, s->region) : NULL;
    const size_t n = rd != NULL ? js_dim_size(rd) : 1;
    const size_t fk = rd != NULL && o->focus != NULL ? js_dim_find(rd, o->focus) : SIZE_MAX;
    if (fk == SIZE_MAX && n > SENT_FEW)
        return;
    js_buf prefix;
    js_buf_init(&prefix);
    for (size_t k = 0; k < n; k++) {
        if (fk != SIZE_MAX && k != fk)
            continue;
        for (size_t x = 0; x < s->n_sex; x++) {
            js_buf_reset(&prefix);
            if (s->sexes[x] != SIZE_MAX)
                js_buf_printf(&prefix, "%s %s", js_text(s->L, "För", "For"), sent_sex_word(s, x));
            if (rd != NULL)
                js_buf_printf(&prefix, "%s %s",
                              prefix.len ? js_text(s->L, " i", " in") : js_text(s->L, "I", "In"),
                              js_dim_category(rd, k)->label);
            if (prefix.len == 0)
                js_buf_puts(&prefix, js_text(s->L, "I hela underlaget", "Over the whole input"));
            sent_target_one(b, s, k, x, js_buf_cstr(&prefix), o);
        }
    }
    js_buf_fini(&prefix);
}

/* ---- population change --------------------------------------------------------------- */

/* A count of persons: whole, in the report's format. */
static void sent_persons(js_buf *b, const sent_cube *s, double v)
{
    char t[96];
    js_buf_puts(b, js_fmt_number(v, 0, s->L, t, sizeof t));
}

/* "I Dalarna ökade befolkningen med 2 125 personer 2015: födelseunderskott
 * 234, flyttnetto 2 359." for the latest year with a change. */
static void sent_change_one(js_buf *b, const sent_cube *s, size_t k)
{
    const double ch = sent_at(s, k, SIZE_MAX, s->latest, "change");
    const double nat = sent_at(s, k, SIZE_MAX, s->latest, "natural");
    const double mig = sent_at(s, k, SIZE_MAX, s->latest, "migration");
    if (isnan(ch) || isnan(nat) || isnan(mig))
        return;
    const int sv = s->L == JS_LANG_SV, year = js_dim_category(js_cube_dim(s->c, s->time), s->latest)->year;
    const js_dim *const rd = s->region != SIZE_MAX ? js_cube_dim(s->c, s->region) : NULL;
    const char *const name = rd != NULL ? js_dim_category(rd, k)->label : NULL;
    if (name != NULL) /* Swedish inverts after the place: "I Dalarna ökade befolkningen" */
        js_buf_printf(b, sv ? "I %s " : "In %s, the population ", name);
    else
        js_buf_puts(b, sv ? "" : "The population ");
    const char *const verb = ch > 0 ? js_text(s->L, "ökade", "grew") : js_text(s->L, "minskade", "fell");
    if (sent_eq(ch, 0) && sv)
        js_buf_printf(b, "%s %d", name != NULL ? "var befolkningen oförändrad" : "Befolkningen var oförändrad",
                      year);
    else if (sent_eq(ch, 0))
        js_buf_printf(b, "was unchanged in %d", year);
    else {
        if (sv)
            js_buf_printf(b, name != NULL ? "%s befolkningen med " : "Befolkningen %s med ", verb);
        else
            js_buf_printf(b, "%s by ", verb);
        sent_persons(b, s, fabs(ch));
        js_buf_printf(b, sv ? " personer %d" : " persons in %d", year);
    }
    js_buf_printf(b, ": %s ", nat < 0 ? js_text(s->L, "födelseunderskott", "natural decrease")
                                      : js_text(s->L, "födelseöverskott", "natural increase"));
    sent_persons(b, s, fabs(nat));
    js_buf_printf(b, ", %s ", js_text(s->L, "flyttnetto", "net migration"));
    sent_persons(b, s, mig);
    js_buf_puts(b, ". ");
}

/* population_change: the focus region, or every region when there are at
 * most SENT_FEW; the latest year with a change. */
static void sent_change(js_buf *b, sent_cube *s, const js_sent_opts *o)
{
    if (s->stat == SIZE_MAX || s->time == SIZE_MAX || s->sex != SIZE_MAX)
        return;
    sent_latest(s, "change");
    const js_dim *const rd = s->region != SIZE_MAX ? js_cube_dim(s->c, s->region) : NULL;
    const size_t n = rd != NULL ? js_dim_size(rd) : 1;
    const size_t fk = rd != NULL && o->focus != NULL ? js_dim_find(rd, o->focus) : SIZE_MAX;
    if (fk == SIZE_MAX && n > SENT_FEW)
        return;
    for (size_t k = 0; k < n; k++)
        if (fk == SIZE_MAX || k == fk)
            sent_change_one(b, s, k);
}

/* ---- shift-share ------------------------------------------------------------------------ */

/* "I FR ökade antalet med 14 373: 9 887 om regionen hade vuxit som
 * referensen (nationell effekt), 2 502 av branschstrukturen (strukturell
 * effekt) och 1 984 av branschernas egen utveckling här (regional
 * effekt)." */
static void sent_shift_one(js_buf *b, const sent_cube *s, size_t k)
{
    const double tot = sent_at(s, k, SIZE_MAX, 0, "total"), nat = sent_at(s, k, SIZE_MAX, 0, "national");
    const double mix = sent_at(s, k, SIZE_MAX, 0, "mix"), reg = sent_at(s, k, SIZE_MAX, 0, "regional");
    if (isnan(tot) || isnan(nat) || isnan(mix) || isnan(reg))
        return;
    const int sv = s->L == JS_LANG_SV;
    const js_dim *const rd = s->region != SIZE_MAX ? js_cube_dim(s->c, s->region) : NULL;
    if (rd != NULL)
        js_buf_printf(b, sv ? "I %s " : "In %s, ", js_dim_category(rd, k)->label);
    else
        js_buf_puts(b, sv ? "Totalt " : "In all, ");
    if (sent_eq(tot, 0))
        js_buf_puts(b, sv ? "var antalet oförändrat" : "the number was unchanged");
    else {
        js_buf_puts(b, tot > 0 ? js_text(s->L, "ökade antalet med ", "the number grew by ")
                               : js_text(s->L, "minskade antalet med ", "the number fell by "));
        sent_num(b, s, fabs(tot), -1);
    }
    js_buf_puts(b, ": ");
    sent_num(b, s, nat, -1);
    js_buf_puts(b, js_text(s->L, " om regionen hade vuxit som referensen (nationell effekt), ",
                           " had the region grown as the reference (national share), "));
    sent_num(b, s, mix, -1);
    js_buf_puts(b, js_text(s->L, " av branschstrukturen (strukturell effekt) och ",
                           " from its mix of industries (industry mix) and "));
    sent_num(b, s, reg, -1);
    js_buf_puts(b, js_text(s->L, " av branschernas egen utveckling här (regional effekt). ",
                           " from its industries' own growth there (regional share). "));
}

/* shift_share: the focus region, or every region when there are at most
 * SENT_FEW; none when the components are per industry (over in by). */
static void sent_shift(js_buf *b, sent_cube *s, const js_sent_opts *o)
{
    if (s->stat == SIZE_MAX || s->time != SIZE_MAX || s->sex != SIZE_MAX)
        return;
    const js_dim *const rd = s->region != SIZE_MAX ? js_cube_dim(s->c, s->region) : NULL;
    const size_t n = rd != NULL ? js_dim_size(rd) : 1;
    const size_t fk = rd != NULL && o->focus != NULL ? js_dim_find(rd, o->focus) : SIZE_MAX;
    if (fk == SIZE_MAX && n > SENT_FEW)
        return;
    for (size_t k = 0; k < n; k++)
        if (fk == SIZE_MAX || k == fk)
            sent_shift_one(b, s, k);
}

/* ---- the entry ------------------------------------------------------------------------- */

void js_sentences(js_buf *b, const js_result *r, const js_sent_opts *o)
{
    sent_cube s;
    const int change = r->kind != NULL && strcmp(r->kind, "population_change") == 0;
    const int shift = r->kind != NULL && strcmp(r->kind, "shift_share") == 0;
    if (r->kind == NULL || r->cube == NULL ||
        !sent_layout(&s, r, o->lang, change || shift ? "component" : "statistic"))
        return;
    const size_t start = b->len;
    if (strcmp(r->kind, "rank") == 0)
        sent_rank(b, &s, o);
    else if (strcmp(r->kind, "dispersion") == 0 && o->statistic >= 0)
        sent_dispersion(b, &s, o);
    else if (strcmp(r->kind, "target") == 0)
        sent_target(b, &s, o);
    else if (change)
        sent_change(b, &s, o);
    else if (shift)
        sent_shift(b, &s, o);
    while (b->len > start && b->data[b->len - 1] == ' ') /* the last sentence's trailing blank */
        b->data[--b->len] = '\0';
}
