/*
 * chart_alt.c - chart kind names and alt texts.
 *
 * The alt text says in a sentence or two what a sighted reader takes from
 * the picture: where the values peak, where women and men differ most, how
 * a series moved from first to last year.  It is computed from the same
 * numbers as the chart, formatted with js_fmt_number in the chart's
 * language, and never depends on the rendered image.
 */
#include "plot/chart_int.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"

static const char *const kind_names[] = {"pyramid",  "bars",    "lines",   "ranked",          "dumbbell",
                                         "share100", "scatter", "heatmap", "small-multiples", "stacked"};

const char *js_chart_kind_name(js_chart_kind k)
{
    const size_t i = (size_t)k;
    return i < sizeof kind_names / sizeof kind_names[0] ? kind_names[i] : "unknown";
}

int js_chart_kind_parse(const char *s, js_chart_kind *out)
{
    if (s == NULL)
        return 0;
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
        if (strcmp(s, kind_names[i]) == 0 ||
            (i == JS_CHART_SMALL_MULTIPLES && strcmp(s, "small_multiples") == 0)) {
            *out = (js_chart_kind)i;
            return 1;
        }
    }
    return 0;
}

/* ---- Helpers ---------------------------------------------------------- */

static const char *lab(const js_chart *ch, size_t i)
{
    return ch->cat_labels != NULL && ch->cat_labels[i] != NULL ? ch->cat_labels[i] : "?";
}

/* Index of the largest (sign 1) or smallest (sign -1) finite value of f(i),
 * CHT_NONE when there is none. */
static size_t arg_best(const js_chart *ch, const double *v, const double *v2, int sign)
{
    size_t best = CHT_NONE;
    double bv = 0.0;
    for (size_t i = 0; i < ch->n_cats; i++) {
        const double x = v2 != NULL ? fabs(v[i] - v2[i]) : v[i];
        if (!isfinite(x))
            continue;
        if (best == CHT_NONE || (sign > 0 ? x > bv : x < bv)) {
            best = i;
            bv = x;
        }
    }
    return best;
}

static void put_val(js_buf *b, const js_chart *ch, double v)
{
    char num[64];
    cht_fmt_value(ch, v, ch->percent, num, sizeof num);
    js_buf_puts(b, num);
}

/* " X (v)" */
static void put_at(js_buf *b, const js_chart *ch, size_t i, const double *v)
{
    js_buf_puts(b, lab(ch, i));
    js_buf_puts(b, " (");
    put_val(b, ch, v[i]);
    js_buf_putc(b, ')');
}

/* ---- Per kind --------------------------------------------------------- */

/* A pyramid pair: each pyramid's heading and its largest age classes. */
static void alt_pyramid_pair(js_buf *b, const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf_puts(b, js_text(ch->lang, "Två pyramider sida vid sida.", "Two pyramids side by side."));
    for (size_t p = 0; p < 2; p++) {
        js_buf_putc(b, ' ');
        js_buf_puts(b, ch->pair_titles[p] != NULL ? ch->pair_titles[p] : "");
        js_buf_putc(b, ':');
        const char *sep = "";
        for (size_t j = p ? ch->pair_from : 0; j < (p ? ch->n_series : ch->pair_from); j++) {
            const js_sex sex = ch->series[j].sex;
            const size_t i = arg_best(ch, ch->series[j].values, NULL, 1);
            if (i == CHT_NONE || (sex != JS_SEX_WOMEN && sex != JS_SEX_MEN))
                continue;
            js_buf_puts(b, sep);
            js_buf_puts(b, sex == JS_SEX_WOMEN ? js_text(ch->lang, " flest kvinnor i åldern ", " most women aged ")
                                               : js_text(ch->lang, " flest män i åldern ", " most men aged "));
            put_at(b, ch, i, ch->series[j].values);
            sep = ",";
        }
        js_buf_putc(b, '.');
    }
}

static void alt_pyramid(js_buf *b, const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    if (ch->pair_from > 0 && ch->pair_from < ch->n_series) {
        alt_pyramid_pair(b, c);
        return;
    }
    js_buf_puts(b, js_text(ch->lang, "Befolkningspyramid.", "Population pyramid."));
    const size_t who[2] = {c->women, c->men};
    const char *const sv[2] = {" Flest kvinnor finns i åldern ", " Flest män finns i åldern "};
    const char *const en[2] = {" Most women are in the age class ", " Most men are in the age class "};
    for (size_t k = 0; k < 2; k++) {
        if (who[k] == CHT_NONE)
            continue;
        const double *const v = ch->series[who[k]].values;
        const size_t i = arg_best(ch, v, NULL, 1);
        if (i == CHT_NONE)
            continue;
        js_buf_puts(b, js_text(ch->lang, sv[k], en[k]));
        put_at(b, ch, i, v);
        js_buf_putc(b, '.');
    }
    const size_t cmp = c->cmp_women != CHT_NONE ? c->cmp_women : c->cmp_men;
    if (cmp != CHT_NONE) {
        js_buf_puts(b, js_text(ch->lang, " Konturen visar ", " The outline shows "));
        js_buf_puts(b, cht_series_title(c, cmp));
        js_buf_putc(b, '.');
    }
}

static void alt_pair(js_buf *b, const cht_ctx *c, const char *sv, const char *en)
{
    const js_chart *const ch = c->ch;
    js_buf_puts(b, js_text(ch->lang, sv, en));
    const size_t s = c->women != CHT_NONE ? c->women : c->first;
    const double *const v = ch->series[s].values;
    const size_t hi = arg_best(ch, v, NULL, 1), lo = arg_best(ch, v, NULL, -1);
    if (hi == CHT_NONE)
        return;
    js_buf_puts(b, " ");
    js_buf_puts(b, c->women != CHT_NONE ? js_text(ch->lang, "Kvinnornas värde", "Women's value")
                                       : js_text(ch->lang, "Värdet", "The value"));
    js_buf_puts(b, js_text(ch->lang, " är högst i ", " is highest in "));
    put_at(b, ch, hi, v);
    js_buf_puts(b, js_text(ch->lang, " och lägst i ", " and lowest in "));
    put_at(b, ch, lo, v);
    js_buf_putc(b, '.');
    if (c->women == CHT_NONE || c->men == CHT_NONE)
        return;
    const double *const m = ch->series[c->men].values;
    const size_t g = arg_best(ch, v, m, 1);
    if (g == CHT_NONE)
        return;
    js_buf_puts(b, js_text(ch->lang, " Störst skillnad mellan kvinnor och män: ",
                           " The largest gap between women and men: "));
    js_buf_puts(b, lab(ch, g));
    js_buf_puts(b, js_text(ch->lang, " (kvinnor ", " (women "));
    put_val(b, ch, v[g]);
    js_buf_puts(b, js_text(ch->lang, ", män ", ", men "));
    put_val(b, ch, m[g]);
    js_buf_puts(b, ").");
}

/* A stacked chart: its parts, where the first part is largest and
 * smallest for each sex, and the focus's bars part by part. */
static void alt_stacked(js_buf *b, const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf_puts(b, js_text(ch->lang, "Staplade staplar per kategori, delarna ", "Stacked bars by category, the parts "));
    const char *sep = "";
    for (size_t j = 0; j < ch->n_series; j++) {
        int seen = 0;
        for (size_t k = 0; k < j; k++)
            seen |= ch->series[k].group == ch->series[j].group;
        if (seen)
            continue;
        js_buf_puts(b, sep);
        js_buf_puts(b, ch->series[j].label != NULL ? ch->series[j].label : "");
        sep = ", ";
    }
    js_buf_putc(b, '.');
    for (size_t j = 0; j < ch->n_series; j++) {
        const js_chart_series *const s = &ch->series[j];
        if (s->group != 0 || s->is_compare)
            continue;
        const size_t hi = arg_best(ch, s->values, NULL, 1), lo = arg_best(ch, s->values, NULL, -1);
        if (hi == CHT_NONE)
            continue;
        js_buf_printf(b, " %s", s->sex == JS_SEX_WOMEN ? js_text(ch->lang, "Kvinnor, ", "Women, ")
                             : s->sex == JS_SEX_MEN  ? js_text(ch->lang, "Män, ", "Men, ")
                                                     : "");
        js_buf_puts(b, s->label != NULL ? s->label : "");
        js_buf_puts(b, js_text(ch->lang, ": störst i ", ": largest in "));
        put_at(b, ch, hi, s->values);
        js_buf_puts(b, js_text(ch->lang, ", minst i ", ", smallest in "));
        put_at(b, ch, lo, s->values);
        js_buf_putc(b, '.');
    }
    for (size_t i = 0; i < ch->n_cats; i++) {
        if (!cht_is_focus(ch, i))
            continue;
        js_buf_printf(b, " %s:", ch->focus);
        js_sex last = JS_SEX_NONE;
        int any = 0;
        for (size_t x = 0; x < 3; x++) { /* women, men, then the rest, as the bars lie */
            const js_sex want = x == 0 ? JS_SEX_WOMEN : x == 1 ? JS_SEX_MEN : JS_SEX_NONE;
            for (size_t j = 0; j < ch->n_series; j++) {
                const js_chart_series *const s = &ch->series[j];
                const int mine = x < 2 ? s->sex == want : s->sex != JS_SEX_WOMEN && s->sex != JS_SEX_MEN;
                if (!mine || s->is_compare || !isfinite(s->values[i]))
                    continue;
                if (!any || s->sex != last)
                    js_buf_printf(b, "%s%s", any ? "; " : " ", s->sex == JS_SEX_WOMEN ? js_text(ch->lang, "kvinnor ", "women ")
                                                             : s->sex == JS_SEX_MEN ? js_text(ch->lang, "män ", "men ")
                                                                                    : "");
                else
                    js_buf_puts(b, ", ");
                js_buf_puts(b, s->label != NULL ? s->label : "");
                js_buf_putc(b, ' ');
                put_val(b, ch, s->values[i]);
                last = s->sex;
                any = 1;
            }
        }
        js_buf_puts(b, any ? "." : js_text(ch->lang, " uppgift saknas.", " no value."));
    }
}

static void alt_lines(js_buf *b, const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf_puts(b, js_text(ch->lang, "Linjediagram", "Line chart"));
    js_buf_printf(b, " %s–%s.", lab(ch, 0), lab(ch, ch->n_cats - 1));
    for (size_t j = 0; j < ch->n_series; j++) {
        const double *const v = ch->series[j].values;
        size_t f = CHT_NONE, l = CHT_NONE;
        for (size_t i = 0; i < ch->n_cats; i++) {
            if (isfinite(v[i])) {
                f = f == CHT_NONE ? i : f;
                l = i;
            }
        }
        if (f == CHT_NONE)
            continue;
        js_buf_printf(b, " %s: %s ", cht_series_title(c, j), js_text(ch->lang, "från", "from"));
        put_val(b, ch, v[f]);
        js_buf_printf(b, " (%s) %s ", lab(ch, f), js_text(ch->lang, "till", "to"));
        put_val(b, ch, v[l]);
        js_buf_printf(b, " (%s).", lab(ch, l));
    }
    if (isfinite(ch->target)) {
        js_buf_puts(b, js_text(ch->lang, " Målet är ", " The target is "));
        put_val(b, ch, ch->target);
        js_buf_putc(b, '.');
    }
}

static void alt_ranked(js_buf *b, const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    const double *const v = ch->series[c->first].values;
    alt_pair(b, c, "Rangordnat stapeldiagram.", "Ranked bar chart.");
    if (ch->focus == NULL)
        return;
    for (size_t i = 0; i < ch->n_cats; i++) {
        if (strcmp(lab(ch, i), ch->focus) != 0 || !isfinite(v[i]))
            continue;
        size_t place = 1, n = 0;
        for (size_t k = 0; k < ch->n_cats; k++) {
            n += isfinite(v[k]) != 0;
            place += isfinite(v[k]) && v[k] > v[i];
        }
        js_buf_printf(b, " %s: ", ch->focus);
        put_val(b, ch, v[i]);
        if (ch->lang == JS_LANG_SV)
            js_buf_printf(b, ", plats %zu av %zu.", place, n);
        else
            js_buf_printf(b, ", rank %zu of %zu.", place, n);
    }
    cht_line lines[3];
    const size_t n_lines = cht_ref_lines(ch, lines);
    for (size_t k = 0; k < n_lines; k++)
        if (lines[k].sex != JS_SEX_TOTAL) {
            js_buf_printf(b, " %s: ", lines[k].words);
            put_val(b, ch, lines[k].value);
            js_buf_putc(b, '.');
        }
}

/* The focus's own values, for the kinds whose text does not give them:
 * " Jämtland: kvinnor 63 191, män 64 185." (a share100: women's share; a
 * heat map's focus row: its first and last value). */
static void alt_focus(js_buf *b, const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    const js_chart_kind k = ch->kind;
    if (k == JS_CHART_HEATMAP)
        for (size_t j = 0; j < ch->n_series; j++) {
            if (!ch->series[j].is_focus)
                continue;
            const double *const v = ch->series[j].values;
            size_t f = CHT_NONE, l = CHT_NONE;
            for (size_t i = 0; i < ch->n_cats; i++)
                if (isfinite(v[i])) {
                    f = f == CHT_NONE ? i : f;
                    l = i;
                }
            if (f == CHT_NONE)
                continue;
            js_buf_printf(b, " %s: %s ", cht_series_title(c, j), js_text(ch->lang, "från", "from"));
            put_val(b, ch, v[f]);
            js_buf_printf(b, " (%s) %s ", lab(ch, f), js_text(ch->lang, "till", "to"));
            put_val(b, ch, v[l]);
            js_buf_printf(b, " (%s).", lab(ch, l));
        }
    if (k != JS_CHART_BARS && k != JS_CHART_DUMBBELL && k != JS_CHART_SHARE100 && k != JS_CHART_SCATTER &&
        k != JS_CHART_HEATMAP)
        return;
    for (size_t i = 0; i < ch->n_cats; i++) {
        if (!cht_is_focus(ch, i))
            continue;
        if (k == JS_CHART_SHARE100 && c->women != CHT_NONE && c->men != CHT_NONE) {
            const double a = ch->series[c->women].values[i], m = ch->series[c->men].values[i];
            if (!(a + m > 0.0))
                continue;
            const js_chart pct = {.lang = ch->lang, .percent = 1};
            js_buf_printf(b, " %s: %s ", ch->focus, js_text(ch->lang, "kvinnornas andel", "women's share"));
            put_val(b, &pct, 100.0 * a / (a + m));
            js_buf_putc(b, '.');
            continue;
        }
        js_buf_printf(b, " %s:", ch->focus);
        size_t shown = 0;
        for (size_t j = 0; j < ch->n_series && shown < 6; j++) {
            const js_chart_series *const s = &ch->series[j];
            if (s->is_compare || !isfinite(s->values[i]))
                continue;
            js_buf_puts(b, shown++ > 0 ? ", " : " ");
            js_buf_puts(b, s->sex == JS_SEX_WOMEN && (s->label == NULL || k != JS_CHART_HEATMAP)
                               ? js_text(ch->lang, "kvinnor", "women")
                           : s->sex == JS_SEX_MEN && (s->label == NULL || k != JS_CHART_HEATMAP)
                               ? js_text(ch->lang, "män", "men")
                               : cht_series_title(c, j));
            js_buf_putc(b, ' ');
            put_val(b, ch, s->values[i]);
        }
        js_buf_puts(b, shown > 0 ? "." : js_text(ch->lang, " uppgift saknas.", " no value."));
    }
}

/* How many values rest on few observations, and how they are shown. */
static void alt_few(js_buf *b, const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    size_t n = 0;
    for (size_t j = 0; j < ch->n_series; j++)
        for (size_t i = 0; i < ch->n_cats; i++)
            n += cht_is_few(ch, j, i) != 0;
    if (n == 0 || ch->kind == JS_CHART_LINES || ch->kind == JS_CHART_PYRAMID || ch->kind == JS_CHART_RANKED ||
        ch->kind == JS_CHART_SCATTER || ch->kind == JS_CHART_SMALL_MULTIPLES)
        return;
    const int marked = ch->kind == JS_CHART_DUMBBELL;
    if (ch->lang == JS_LANG_SV)
        js_buf_printf(b, " %zu %s på få observationer (%s).", n, n == 1 ? "värde bygger" : "värden bygger",
                      marked ? "ofyllda markörer" : "streckade");
    else
        js_buf_printf(b, " %zu %s on few observations (%s).", n, n == 1 ? "value rests" : "values rest",
                      marked ? "open markers" : "hatched");
}

/* Bars and ranked bars with error bars: what they show, and for a gap
 * (zero_test) in how many categories the interval excludes 0 - of those
 * with an interval, counted as the picture tints them (cht_holds_zero). */
static void alt_intervals(js_buf *b, const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    if (!cht_any_interval(ch))
        return;
    if (ch->band_label != NULL) {
        js_buf_puts(b, js_text(ch->lang, " Felstaplarna visar ", " The error bars show the "));
        js_buf_puts(b, ch->band_label);
        js_buf_putc(b, '.');
    }
    if (!ch->zero_test)
        return;
    size_t n = 0, excl = 0;
    for (size_t j = 0; j < ch->n_series; j++) {
        const js_chart_series *const s = &ch->series[j];
        if (!cht_has_interval(ch, j) || s->is_compare)
            continue;
        for (size_t i = 0; i < ch->n_cats; i++) {
            if (!isfinite(s->values[i]) || !isfinite(s->lo[i]) || !isfinite(s->hi[i]))
                continue;
            n++;
            excl += !cht_holds_zero(ch, j, i);
        }
    }
    if (n > 0 && ch->lang == JS_LANG_SV)
        js_buf_printf(b, " I %zu av %zu kategorier utesluter intervallet 0.", excl, n);
    else if (n > 0)
        js_buf_printf(b, " In %zu of %zu categories the interval excludes 0.", excl, n);
}

static void alt_text_body(js_buf *b, const cht_ctx *c)
{
    switch (c->ch->kind) {
    case JS_CHART_PYRAMID: alt_pyramid(b, c); break;
    case JS_CHART_BARS: alt_pair(b, c, "Stapeldiagram.", "Bar chart."); break;
    case JS_CHART_LINES:
    case JS_CHART_SMALL_MULTIPLES: alt_lines(b, c); break;
    case JS_CHART_RANKED: alt_ranked(b, c); break;
    case JS_CHART_DUMBBELL:
        alt_pair(b, c, "Kvinnors och mäns värden per kategori.", "Women's and men's values by category.");
        break;
    case JS_CHART_SHARE100:
        alt_pair(b, c, "Könsfördelning per kategori (100 %).", "Gender distribution by category (100 %).");
        break;
    case JS_CHART_SCATTER:
        alt_pair(b, c, "Kvinnor mot män per kategori; diagonalen visar lika värden.",
                 "Women against men by category; the diagonal shows equal values.");
        break;
    case JS_CHART_HEATMAP: alt_pair(b, c, "Värmekarta.", "Heat map."); break;
    case JS_CHART_STACKED: alt_stacked(b, c); break;
    }
    alt_focus(b, c);
    alt_few(b, c);
    alt_intervals(b, c);
}

char *js_chart_alt_text(const js_chart *ch, char *buf, size_t cap)
{
    if (buf == NULL || cap == 0)
        return buf;
    buf[0] = '\0';
    if (ch == NULL || ch->n_cats == 0 || ch->n_series == 0 || ch->series == NULL)
        return buf;
    cht_ctx c;
    memset(&c, 0, sizeof c);
    c.ch = ch;
    cht_find_roles(&c);
    js_buf b;
    js_buf_init(&b);
    alt_text_body(&b, &c);
    if (ch->has_suppressed) /* said, never which value it was */
        js_buf_puts(&b, js_text(ch->lang, " Vissa värden är skyddade och visas som två punkter.",
                                " Some values are suppressed and shown as two dots."));
    size_t n = b.len < cap - 1 ? b.len : cap - 1;
    while (n > 0 && n < b.len && ((unsigned char)b.data[n] & 0xC0u) == 0x80u)
        n--; /* do not cut a UTF-8 sequence */
    if (n > 0)
        memcpy(buf, b.data, n);
    buf[n] = '\0';
    js_buf_fini(&b);
    return buf;
}
