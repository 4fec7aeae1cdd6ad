/*
 * chart_kinds.c - plot commands for the pyramid, bars, lines and ranked
 * charts (the other kinds are in chart_kinds2.c).
 *
 * Every kind writes margins explicitly (in character units) instead of
 * leaving them to gnuplot: the source line sits under the x axis and the
 * legend above the plot, which gnuplot's automatic margins do not know of,
 * and lying layouts need a left margin sized to the longest category label.
 * Value axes get explicit tic lists (chart_axis.c).  Category labels come
 * from the data file (xtic/ytic of column 3), never from the script.
 */
#include "plot/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Shared helpers (also used by chart_kinds2.c) --------------------- */

void cht_margins(cht_ctx *c, double l, double r, double t, double b)
{
    js_buf_printf(&c->gp, "set lmargin %.1f\nset rmargin %.1f\nset tmargin %.1f\nset bmargin %.1f\n",
                  l, r, t, b);
}

void cht_key_top(cht_ctx *c)
{
    js_buf_printf(&c->gp, "set key at screen 0.5, screen %.4f center top horizontal maxrows 1 "
                          "width 2 samplen 2.5\n", 1.0 - 7.5 / c->h_px);
}

void cht_cat_x_range(const js_chart *ch, double *lo, double *hi)
{
    *lo = (double)INFINITY;
    *hi = -(double)INFINITY;
    for (size_t i = 0; i < ch->n_cats; i++)
        if (isfinite(ch->cat_x[i])) {
            *lo = fmin(*lo, ch->cat_x[i]);
            *hi = fmax(*hi, ch->cat_x[i]);
        }
}

/* Show every k-th category label so that labels are at least px_per_label
 * apart on an axis plot_px long. */
size_t cht_label_step(const cht_ctx *c, double plot_px, double px_per_label)
{
    const double n = (double)c->ch->n_cats;
    if (plot_px <= 0.0 || n * px_per_label <= plot_px)
        return 1;
    return (size_t)ceil(n * px_per_label / plot_px);
}

/* Bottom margin: tic labels (in lines), the x axis title, the source line. */
double cht_bottom_margin(const cht_ctx *c, double tic_lines)
{
    double m = 1.0 + tic_lines;
    if (c->ch->x_label != NULL && c->ch->x_label[0] != '\0')
        m += 1.4;
    if (c->ch->source != NULL && c->ch->source[0] != '\0')
        m += 1.5;
    if (c->ch->has_suppressed) /* the note on "..", above the source */
        m += 1.2;
    return m;
}

/* The reference and target lines of ch, in drawing order: the reference
 * (or women's and men's references), then the target; returns how many. */
size_t cht_ref_lines(const js_chart *ch, cht_line *out)
{
    const char *const ref = ch->reference_label != NULL ? ch->reference_label
                                                        : js_text(ch->lang, "Riket", "National");
    size_t n = 0;
    if (ch->reference_by_sex) {
        const double v[2] = {ch->reference, ch->reference_men};
        const char *const sexes[2] = {js_text(ch->lang, "kvinnor", "women"), js_text(ch->lang, "män", "men")};
        for (size_t k = 0; k < 2; k++)
            if (isfinite(v[k])) {
                out[n] = (cht_line){v[k], k == 0 ? JS_SEX_WOMEN : JS_SEX_MEN, k == 0 ? 5 : 11, ""};
                (void)snprintf(out[n++].words, sizeof out->words, "%s, %s", ref, sexes[k]);
            }
    } else if (isfinite(ch->reference)) {
        out[n] = (cht_line){ch->reference, JS_SEX_NONE, 5, ""};
        (void)snprintf(out[n++].words, sizeof out->words, "%s", ref);
    }
    if (isfinite(ch->target)) {
        out[n] = (cht_line){ch->target, JS_SEX_TOTAL, 6, ""};
        (void)snprintf(out[n++].words, sizeof out->words, "%s", js_text(ch->lang, "Mål", "Target"));
    }
    return n;
}

/* Reference and target as lines across the plot, each with its label;
 * vertical = the value axis is x.  Women's and men's references are drawn
 * in their colours, with their labels on the far sides of the two lines
 * (left of the lower one, right of the higher; below and above) so that
 * they never overlap however close the values are. */
void cht_put_ref_lines(cht_ctx *c, int vertical)
{
    const js_chart *const ch = c->ch;
    cht_line lines[3];
    const size_t n = cht_ref_lines(ch, lines);
    /* the lower of two references by sex (its label goes to the far side) */
    const int men_low = ch->reference_by_sex && isless(ch->reference_men, ch->reference);
    const int women_low = ch->reference_by_sex && !men_low; /* equal: women left, men right */
    for (size_t k = 0; k < n; k++) {
        const cht_line *const l = &lines[k];
        char num[64], lab[224];
        cht_fmt_value(ch, l->value, ch->percent, num, sizeof num);
        (void)snprintf(lab, sizeof lab, "%s %s", l->words, num);
        js_buf_puts(&c->gp, "set arrow from ");
        if (vertical)
            js_buf_printf(&c->gp, "first %.17g, graph 0 to first %.17g, graph 1", l->value, l->value);
        else
            js_buf_printf(&c->gp, "graph 0, first %.17g to graph 1, first %.17g", l->value, l->value);
        /* Across lying bars the line goes behind them, so that it never
         * strikes through a value label at a bar's end (the labels are
         * boxed); it shows between the bars and past the shorter ones. */
        const char *const where = vertical ? "back" : "front";
        if (l->sex == JS_SEX_WOMEN || l->sex == JS_SEX_MEN)
            js_buf_printf(&c->gp, " nohead lc rgb %s lw 1.2 dt 2 %s\nset label %d ",
                          l->sex == JS_SEX_WOMEN ? "c_women" : "c_men", where, l->tag);
        else
            js_buf_printf(&c->gp, " nohead ls %d %s\nset label %d ", l->sex == JS_SEX_NONE ? 10 : 6, where,
                          l->tag);
        cht_put_literal(&c->gp, lab);
        const int low = (l->sex == JS_SEX_WOMEN && women_low) || (l->sex == JS_SEX_MEN && men_low);
        if (vertical)
            js_buf_printf(&c->gp, " at first %.17g, graph 1 offset %s,0.6 %s", l->value,
                          !ch->reference_by_sex ? "0" : low ? "-0.4" : "0.4",
                          !ch->reference_by_sex ? "center" : low ? "right" : "left");
        else
            js_buf_printf(&c->gp, " at graph 0.01, first %.17g offset 0,%s left", l->value, low ? "-0.6" : "0.6");
        js_buf_printf(&c->gp, " front textcolor rgb %s font ',9'\n",
                      l->sex == JS_SEX_WOMEN ? "c_women" : l->sex == JS_SEX_MEN ? "c_men" : "c_text");
    }
}

/* The y axis title as a turned label at the left edge: gnuplot places
 * "set ylabel" from its own estimate of the tic label width, which is
 * off for proportional fonts, and it then overlaps the tic labels. */
void cht_put_ylabel(cht_ctx *c, const char *text)
{
    if (text == NULL || text[0] == '\0')
        return;
    js_buf_puts(&c->gp, "set label 7 ");
    cht_put_literal(&c->gp, text);
    js_buf_puts(&c->gp, " at character 1.3, graph 0.5 rotate by 90 center "
                        "textcolor rgb c_text\n");
}

/* Left margin for a value axis whose tic labels are tic_chars wide. */
double cht_value_margin(const cht_ctx *c, size_t tic_chars, const char *ylabel)
{
    (void)c;
    return 2.0 + 0.9 * (double)tic_chars + (ylabel != NULL && ylabel[0] != '\0' ? 3.0 : 0.0);
}

/* ---- Pyramid ---------------------------------------------------------- */

/* Step outline of a comparison series: for each category a vertical edge
 * from i-0.5 to i+0.5 at x = value (men negative); consecutive edges join
 * into a staircase, a missing value breaks it. */
static void pyramid_outline(cht_ctx *c, size_t j, double sign)
{
    const double *const v = c->ch->series[j].values;
    for (size_t i = 0; i < c->ch->n_cats; i++) {
        if (!isfinite(v[i])) {
            js_buf_putc(&c->dat, '\n');
            continue;
        }
        for (int e = -1; e <= 1; e += 2) {
            cht_put_num(&c->dat, sign * v[i]);
            js_buf_putc(&c->dat, '\t');
            cht_put_num(&c->dat, (double)i + 0.5 * e);
            js_buf_putc(&c->dat, '\n');
        }
    }
    js_buf_putc(&c->dat, '\n');
}

static void pyramid_heads(cht_ctx *c, double xmax)
{
    const size_t sides[2] = {c->men, c->women};
    const char *const cols[2] = {"c_men", "c_women"};
    for (size_t k = 0; k < 2; k++) {
        if (sides[k] == CHT_NONE)
            continue;
        js_buf_printf(&c->gp, "set label %zu ", 2 + k);
        cht_put_literal(&c->gp, cht_series_title(c, sides[k]));
        js_buf_printf(&c->gp, " at first %.17g, graph 1 offset 0,1.0 center textcolor rgb %s font ',11'\n",
                      k == 0 ? -xmax / 2 : xmax / 2, cols[k]);
    }
}

/* The greatest value of series [from, to). */
static double pyramid_max(const js_chart *ch, size_t from, size_t to)
{
    double m = 0.0;
    for (size_t j = from; j < to && j < ch->n_series; j++)
        for (size_t i = 0; i < ch->n_cats; i++)
            if (isfinite(ch->series[j].values[i]))
                m = fmax(m, ch->series[j].values[i]);
    return m;
}

/* Two pyramids side by side (pair_from): the first series' women and men
 * on the left, the pair's on the right, each on its own scale, with the
 * age labels beside each and a heading above each.  One multiplot: what
 * the first panel's labels set is unset before the second. */
static void pyramid_pair(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    size_t who[2][2] = {{CHT_NONE, CHT_NONE}, {CHT_NONE, CHT_NONE}}; /* [panel][0 men, 1 women] */
    for (size_t j = 0; j < ch->n_series; j++) {
        const size_t p = j >= ch->pair_from, k = ch->series[j].sex == JS_SEX_WOMEN ? 1
                                               : ch->series[j].sex == JS_SEX_MEN ? 0 : 2;
        if (k < 2 && who[p][k] == CHT_NONE)
            who[p][k] = j;
    }
    const double lm = cht_label_margin(c, 0) < 6.0 ? 6.0 : cht_label_margin(c, 0);
    const double lab = lm * 7.0 / c->w_px, gap = 0.03; /* the age labels' width, as a fraction */
    const double tm = 4.6 * 16.0 / c->h_px;            /* heading and sex labels above */
    const double bm = cht_bottom_margin(c, 1.2) * 16.0 / c->h_px;
    const size_t step = cht_label_step(c, c->h_px * 0.75, 13.0);
    js_buf_printf(g, "set multiplot\nset yrange [-0.6:%.17g]\nset ytics scale 0\nset grid xtics noytics\n"
                     "unset key\nevery = %zu\nylab(i) = (int(i) %% every == 0) ? stringcolumn(3) : ''\n"
                     "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
                  (double)ch->n_cats - 0.4, step, 1.0 - tm, bm);
    cht_put_source(c);
    for (size_t p = 0; p < 2; p++) {
        cht_axis ax;
        cht_axis_nice(0.0, pyramid_max(ch, p ? ch->pair_from : 0, p ? ch->n_series : ch->pair_from), 4, 1, &ax);
        const cht_axis sym = {-ax.hi, ax.hi, ax.step, ax.decimals};
        const double x0 = p == 0 ? 0.0 : 0.5, left = x0 + lab, right = x0 + 0.5 - gap;
        js_buf_printf(g, "\n# %s pyramid\nset lmargin at screen %.4f\nset rmargin at screen %.4f\n"
                         "set xrange [%.17g:%.17g]\n", p == 0 ? "the first" : "the pair's", left, right,
                      -ax.hi, ax.hi);
        cht_put_tics(g, "x", &sym, ch, 1);
        js_buf_puts(g, "set label 4 ");
        cht_put_literal(g, ch->pair_titles[p] != NULL ? ch->pair_titles[p] : "");
        js_buf_printf(g, " at screen %.4f, graph 1 offset 0,2.4 center textcolor rgb c_text font ',12'\n",
                      (left + right) / 2);
        for (size_t k = 0; k < 2; k++) {
            js_buf_printf(g, "set label %zu ", 2 + k);
            cht_put_literal(g, k == 0 ? js_text(ch->lang, "M\xc3\xa4n", "Men") : js_text(ch->lang, "Kvinnor", "Women"));
            js_buf_printf(g, " at first %.17g, graph 1 offset 0,0.9 center textcolor rgb %s\n",
                          k == 0 ? -ax.hi / 2 : ax.hi / 2, k == 0 ? "c_men" : "c_women");
        }
        cht_put_axis_titles(c, 0);
        js_buf_puts(g, "plot ");
        const char *sep = "";
        for (size_t k = 0; k < 2; k++) {
            if (who[p][k] == CHT_NONE)
                continue;
            const size_t v = cht_col_value(who[p][k]);
            js_buf_printf(g, "%sdata index 0 using (%scolumn(%zu)/2):1:(column(%zu)/2):(0.42)%s with boxxyerror "
                             "ls %d fillcolor rgb %s notitle", sep, k == 0 ? "-" : "", v, v,
                          *sep == '\0' ? ":ytic(ylab($1))" : "", k == 0 ? 2 : 1, k == 0 ? "c_men" : "c_women");
            sep = ", \\\n     ";
        }
        js_buf_puts(g, *sep == '\0' ? "NaN notitle\n" : "\n");
        if (p == 0) /* drawn once, with the first */
            js_buf_puts(g, "unset label 1\nunset label 7\n");
    }
    js_buf_puts(g, "unset multiplot\n");
}

void cht_kind_pyramid(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    if (ch->pair_from > 0 && ch->pair_from < ch->n_series) {
        pyramid_pair(c);
        return;
    }
    cht_axis ax;
    cht_axis_nice(0.0, c->vmax, 4, 1, &ax);
    const cht_axis sym = {-ax.hi, ax.hi, ax.step, ax.decimals};
    const int has_cmp = c->cmp_women != CHT_NONE || c->cmp_men != CHT_NONE;
    const double lm = cht_label_margin(c, 0) < 6.0 ? 6.0 : cht_label_margin(c, 0);
    cht_margins(c, lm, 4.0, 3.2, cht_bottom_margin(c, 1.2));
    js_buf_printf(g, "set xrange [%.17g:%.17g]\nset yrange [-0.6:%.17g]\n", -ax.hi, ax.hi,
                  (double)ch->n_cats - 0.4);
    cht_put_tics(g, "x", &sym, ch, 1);
    js_buf_puts(g, "set ytics scale 0\nset grid xtics noytics\n");
    pyramid_heads(c, ax.hi);
    cht_put_axis_titles(c, 0);
    cht_put_source(c);
    js_buf_puts(g, "set key top right inside samplen 3\n");
    const size_t step = cht_label_step(c, c->h_px * 0.75, 13.0);
    js_buf_printf(g, "every = %zu\n", step);
    js_buf_puts(g, "ylab(i) = (int(i) % every == 0) ? stringcolumn(3) : ''\n\nplot ");
    const char *sep = "";
    if (c->men != CHT_NONE) {
        const size_t v = cht_col_value(c->men);
        js_buf_printf(g, "data index 0 using (-column(%zu)/2):1:(column(%zu)/2):(0.42):ytic(ylab($1)) "
                         "with boxxyerror ls 2 fillcolor rgb c_men notitle", v, v);
        sep = ", \\\n     ";
    }
    if (c->women != CHT_NONE) {
        const size_t v = cht_col_value(c->women);
        js_buf_printf(g, "%sdata index 0 using (column(%zu)/2):1:(column(%zu)/2):(0.42)%s "
                         "with boxxyerror ls 1 fillcolor rgb c_women notitle",
                      sep, v, v, c->men == CHT_NONE ? ":ytic(ylab($1))" : "");
        sep = ", \\\n     ";
    }
    if (has_cmp) {
        js_buf_printf(g, "%sdata index 1 using ($1):($2) with lines ls 7 title ", sep);
        cht_put_literal(g, cht_series_title(c, c->cmp_women != CHT_NONE ? c->cmp_women : c->cmp_men));
        js_buf_puts(&c->dat, "\n\n# index 1: comparison outline (x = value, men negative; y)\n");
        if (c->cmp_men != CHT_NONE)
            pyramid_outline(c, c->cmp_men, -1.0);
        if (c->cmp_women != CHT_NONE)
            pyramid_outline(c, c->cmp_women, 1.0);
    }
    cht_put_suppressed_keyentry(c);
    js_buf_putc(g, '\n');
}

/* ---- Bars ------------------------------------------------------------- */

static const char *fill_of(int ls)
{
    return ls == 1 ? "c_women" : ls == 2 ? "c_men" : ls == 4 ? "c_women_tint" : ls == 5 ? "c_men_tint" : "c_neutral";
}

/* One series as bars (j-th in each group, offset off from the centre). */
static void bars_series(cht_ctx *c, size_t j, double off, double bw, const char *lab_using)
{
    js_buf *const g = &c->gp;
    const size_t v = cht_col_value(j);
    const int ls = cht_series_ls(c, j);
    if (c->lying)
        js_buf_printf(g, "data index 0 using (column(%zu)/2):($5%+.4f):(column(%zu)/2):(%.4f)%s with boxxyerror",
                      v, off, v, bw * 0.45, lab_using);
    else
        js_buf_printf(g, "data index 0 using ($1%+.4f):(column(%zu))%s with boxes", off, v, lab_using);
    js_buf_printf(g, " ls %d fillcolor rgb %s ", ls, fill_of(ls));
    cht_put_series_title(c, j);
    const char *const place = c->lying ? "left offset 0.4,0" : "center offset 0,0.55";
    if (c->ch->value_labels) {
        if (c->lying)
            js_buf_printf(g, ", \\\n     data index 0 using (column(%zu)):($5%+.4f)", v, off);
        else
            js_buf_printf(g, ", \\\n     data index 0 using ($1%+.4f):(column(%zu))", off, v);
        js_buf_printf(g, ":(stringcolumn(%zu)) with labels %s font ',8' textcolor rgb c_text notitle",
                      cht_col_text(j), place);
    }
    /* a missing value is marked "..", never drawn as a zero bar */
    if (c->lying)
        js_buf_printf(g, ", \\\n     data index 0 using (0):($5%+.4f)", off);
    else
        js_buf_printf(g, ", \\\n     data index 0 using ($1%+.4f):(0)", off);
    js_buf_printf(g, ":(valid(%zu) ? '' : '..') with labels %s font ',8' textcolor rgb c_grey notitle", v,
                  place);
}

/* The tint of a bar whose interval holds 0 (zero_test), by style line. */
static const char *zero_fill_of(int ls)
{
    return ls == 1 || ls == 4 ? "c_women_tint" : ls == 2 || ls == 5 ? "c_men_tint" : "c_zero";
}

/* One series as bars with its interval as error bars: the bars whose
 * interval holds 0 (zero_test) in the series' tint with a border in its
 * colour, the others in full colour (a zero test's neutral bars in
 * c_full), the error bars over them, and the value labels beyond the
 * interval's far end. */
static void bars_series_whisk(cht_ctx *c, size_t j, double off, double bw)
{
    js_buf *const g = &c->gp;
    const size_t v = cht_col_value(j), l = cht_col_lo(j), h = cht_col_hi(j);
    const int ls = cht_series_ls(c, j);
    const char *const full = c->ch->zero_test && ls == 8 ? "c_full" : fill_of(ls);
    for (int zero = 0; zero < 2; zero++) {
        if (zero && !c->ch->zero_test)
            break;
        if (zero)
            js_buf_puts(g, ", \\\n     ");
        if (c->lying)
            js_buf_printf(g, "data index 0 using (%sin0(%zu) ? column(%zu)/2 : NaN):($5%+.4f):(column(%zu)/2):(%.4f) "
                             "with boxxyerror", zero ? "" : "!", l, v, off, v, bw * 0.45);
        else
            js_buf_printf(g, "data index 0 using ($1%+.4f):(%sin0(%zu) ? column(%zu) : NaN) with boxes", off,
                          zero ? "" : "!", l, v);
        if (zero) {
            js_buf_printf(g, " fs solid 1.0 border lc rgb %s fillcolor rgb %s notitle", full, zero_fill_of(ls));
        } else { /* a zero test's one neutral series: its legend entry says what full colour means */
            js_buf_printf(g, " ls %d fillcolor rgb %s ", ls, full);
            if (c->ch->zero_test && ls == 8 && c->ch->n_series == 1) {
                js_buf_puts(g, "title ");
                cht_put_literal(g, js_text(c->ch->lang, "Intervallet utesluter 0", "Interval excludes 0"));
            } else {
                cht_put_series_title(c, j);
            }
        }
    }
    char at[48];
    (void)snprintf(at, sizeof at, "($%d%+.4f)", c->lying ? 5 : 1, off);
    cht_put_whiskers(c, at, l, c->lying, fmin(0.14, bw * 0.25));
    for (int neg = 0; c->ch->value_labels && neg < 2; neg++) {
        char end[128];
        (void)snprintf(end, sizeof end, "(column(%zu) %s 0 ? %s(column(%zu), %zu) : NaN)", v, neg ? "<" : ">=",
                       neg ? "lend" : "hend", v, neg ? l : h);
        if (c->lying)
            js_buf_printf(g, ", \\\n     data index 0 using %s:($5%+.4f)", end, off);
        else
            js_buf_printf(g, ", \\\n     data index 0 using ($1%+.4f):%s", off, end);
        js_buf_printf(g, ":(stringcolumn(%zu)) with labels %s font ',8' textcolor rgb c_text notitle",
                      cht_col_text(j),
                      c->lying ? (neg ? "right offset -0.4,0" : "left offset 0.4,0")
                               : (neg ? "center offset 0,-0.55" : "center offset 0,0.55"));
    }
    const char *const place = c->lying ? "left offset 0.4,0" : "center offset 0,0.55";
    if (c->lying)
        js_buf_printf(g, ", \\\n     data index 0 using (0):($5%+.4f)", off);
    else
        js_buf_printf(g, ", \\\n     data index 0 using ($1%+.4f):(0)", off);
    js_buf_printf(g, ":(valid(%zu) ? '' : '..') with labels %s font ',8' textcolor rgb c_grey notitle", v,
                  place);
}

/* Offset of series j from its group's centre. */
static double bars_offset(const cht_ctx *c, size_t j, double bw)
{
    const double k = (double)(c->ch->n_series - 1) / 2.0;
    return ((double)j - k) * bw * (c->lying ? -1.0 : 1.0);
}

/* index 1: the bars whose values rest on few observations (series,
 * centre, value), hatched over in white by the script. */
static void bars_few_block(cht_ctx *c, double bw)
{
    const js_chart *const ch = c->ch;
    js_buf_puts(&c->dat, "\n\n# index 1: values on few observations: series, bar centre, value\n");
    for (size_t j = 0; j < ch->n_series; j++)
        for (size_t i = 0; i < ch->n_cats; i++) {
            if (!cht_is_few(ch, j, i))
                continue;
            const double at = (c->lying ? (double)(ch->n_cats - 1 - i) : (double)i) + bars_offset(c, j, bw);
            js_buf_printf(&c->dat, "%zu\t", j);
            cht_put_num(&c->dat, at);
            js_buf_putc(&c->dat, '\t');
            cht_put_num(&c->dat, ch->series[j].values[i]);
            js_buf_putc(&c->dat, '\n');
        }
}

void cht_kind_bars(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    const double n = (double)ch->n_cats, bw = 0.8 / (double)ch->n_series;
    const int whisk = cht_any_interval(ch);
    cht_axis ax;
    cht_axis_nice(c->vmin, c->vmax * (ch->value_labels ? 1.08 : 1.0), 5, 1, &ax);
    if (whisk && ch->value_labels) { /* room for the labels past the intervals' ends, below 0 too */
        const double room = 0.09 * (ax.hi - ax.lo);
        cht_axis_nice(c->vmin < 0.0 ? c->vmin - room : c->vmin, c->vmax > 0.0 ? c->vmax + room : c->vmax,
                      c->vmin < 0.0 ? 8 : 5, 1, &ax);
    }
    cht_key_top(c);
    int turn = 0;
    if (c->lying) {
        js_buf_printf(g, "set yrange [-0.6:%.17g]\nset xrange [%.17g:%.17g]\n", n - 0.4, ax.lo, ax.hi);
        cht_put_tics(g, "x", &ax, ch, 0);
        cht_margins(c, cht_label_margin(c, cht_wrap_width(c)), 5.0, 3.0, cht_bottom_margin(c, 1.2));
        js_buf_puts(g, "set ytics scale 0\nset grid xtics noytics\n");
        cht_put_axis_titles(c, 1);
    } else {
        /* Labels wider than their slot are turned 30 degrees; the margins
         * make room for the turned text below and to the right. */
        const double slot_chars = (c->w_px * 0.85 / n) / 7.0;
        const size_t wrap = cht_wrap_width(c);
        const double w = (double)(wrap > 0 && c->max_label > wrap + 4 ? wrap + 6 : c->max_label);
        turn = w * 0.9 > slot_chars;
        const double tic_lines = turn ? 0.5 * 0.9 * w + 1.2 : (wrap > 0 ? 2.2 : 1.2);
        c->xtic_lines = tic_lines;
        const double rm = turn ? fmax(3.0, 0.8 * w - slot_chars / 2.0) : 3.0;
        js_buf_printf(g, "set xrange [-0.6:%.17g]\nset yrange [%.17g:%.17g]\n", n - 0.4, ax.lo, ax.hi);
        const size_t tw = cht_put_tics(g, "y", &ax, ch, 0);
        cht_margins(c, cht_value_margin(c, tw, ch->y_label), rm, 3.0, cht_bottom_margin(c, tic_lines));
        js_buf_printf(g, "set boxwidth %.4f absolute\nset xtics scale 0%s\n", bw * 0.92,
                      turn ? " rotate by -30 left" : "");
        cht_put_axis_titles(c, 0);
    }
    const size_t fi = cht_focus_index(ch);
    if (fi != CHT_NONE)
        cht_put_focus_band(c, fi);
    cht_put_ref_lines(c, c->lying);
    if (whisk) {
        cht_put_zero_line(c, ax.lo, ax.hi, c->lying);
        cht_put_whisk_defs(c);
    }
    cht_put_source(c);
    /* The category labels at the centre of each group, from an invisible
     * series outside the range (a bar series' own position is off centre);
     * the focus's label is left out there and written in bold below. */
    const double away = ax.lo - (ax.hi - ax.lo);
    const char *const tic = fi != CHT_NONE ? "($4 != 0 ? '' : stringcolumn(3))" : "3";
    if (c->lying)
        js_buf_printf(g, "plot data index 0 using (%.17g):($5):ytic(%s) with points pt 0 notitle", away, tic);
    else
        js_buf_printf(g, "plot data index 0 using ($1):(%.17g):xtic(%s) with points pt 0 notitle", away, tic);
    for (size_t j = 0; j < ch->n_series; j++) {
        js_buf_puts(g, ", \\\n     ");
        if (whisk && cht_has_interval(ch, j))
            bars_series_whisk(c, j, bars_offset(c, j, bw), bw);
        else
            bars_series(c, j, bars_offset(c, j, bw), bw, "");
    }
    const int few = cht_any_few(ch);
    if (few && c->lying)
        js_buf_printf(g, ", \\\n     data index 1 using ($3/2):($2):($3/2):(%.4f) with boxxyerror "
                         "fs transparent pattern 4 noborder lc rgb '#ffffff' notitle", bw * 0.45);
    else if (few)
        js_buf_puts(g, ", \\\n     data index 1 using ($2):($3) with boxes "
                       "fs transparent pattern 4 noborder lc rgb '#ffffff' notitle");
    if (fi != CHT_NONE)
        cht_put_focus_label(c, ax.lo, turn);
    if (few)
        cht_put_few_keyentry(c, 1);
    cht_put_suppressed_keyentry(c);
    if (whisk) /* one tint entry: the first series' (neutral, or the women's) */
        cht_put_whisk_keyentries(c, c->lying, zero_fill_of(cht_series_ls(c, c->first)),
                                 ch->zero_test && cht_series_ls(c, c->first) == 8 ? "c_full"
                                                                                  : fill_of(cht_series_ls(c, c->first)),
                                 0);
    js_buf_putc(g, '\n');
    if (few)
        bars_few_block(c, bw);
}

/* ---- Lines ------------------------------------------------------------ */

static void lines_x_axis(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    if (ch->cat_x == NULL) {
        js_buf_printf(g, "set xrange [-0.2:%.17g]\n", (double)ch->n_cats - 0.8);
        js_buf_printf(g, "every = %zu\nxlab(i) = (int(i) %% every == 0) ? stringcolumn(3) : ''\n",
                      cht_label_step(c, c->w_px * 0.8, 7.0 * (double)c->max_label + 10.0));
        return;
    }
    double lo, hi;
    cht_cat_x_range(ch, &lo, &hi);
    if (ch->target_year > 0 && isfinite(ch->target)) /* room for the required paths */
        hi = fmax(hi, ch->target_year);
    if (!(hi > lo)) {
        lo = isfinite(lo) ? lo - 1.0 : 0.0;
        hi = lo + 2.0;
    }
    static const double steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
    double step = 100.0;
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        if ((hi - lo) / steps[k] <= 9.0) {
            step = steps[k];
            break;
        }
    }
    const double first = ceil(lo / step) * step;
    js_buf_printf(g, "set xrange [%.17g:%.17g]\nset xtics %.17g, %.17g format '%%.0f'\n", lo, hi,
                  first, step);
}

/* The grey of year group g of 0..last (last excluded: it is in colour):
 * from light for the oldest to dark for the one before the latest; with
 * sex, the sex's tint for every earlier year.  A gnuplot colour expression. */
static const char *lines_year_grey(int g, int last, js_sex sex)
{
    static const char *const greys[] = {"'#BDBDBD'", "'#A0A0A0'", "'#858585'", "'#6B6B6B'", "'#525252'",
                                        "'#3A3A3A'"};
    if (sex == JS_SEX_WOMEN)
        return "c_women_tint";
    if (sex == JS_SEX_MEN)
        return "c_men_tint";
    const int n = sizeof greys / sizeof greys[0];
    const int k = last <= 1 ? n - 2 : (int)((double)g * (n - 1) / (double)(last - 1) + 0.5);
    return greys[k < 0 ? 0 : k >= n ? n - 1 : k];
}

/* The plot command; required: with the required paths' legend entry. */
static void lines_plot(cht_ctx *c, int required)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    const char *const xcol = ch->cat_x != NULL ? "($2)" : "($1)";
    const size_t pi = ch->n_cats > 16 ? (ch->n_cats + 11) / 12 : 1;
    js_buf_puts(g, "plot ");
    const char *sep = "";
    int bands = 0; /* the bands' tint: 1 women's, 2 men's, 3 neutral or mixed */
    for (size_t j = 0; j < ch->n_series; j++) { /* bands first, behind the lines */
        const js_chart_series *const s = &ch->series[j];
        if (s->lo == NULL || s->hi == NULL)
            continue;
        const int ls = cht_series_ls(c, j);
        const int tint = ls == 1 || ls == 4 ? 1 : ls == 2 || ls == 5 ? 2 : 3;
        bands = bands == 0 || bands == tint ? tint : 3;
        js_buf_printf(g, "%sdata using %s:(column(%zu)):(column(%zu)) with filledcurves "
                         "fs transparent solid 0.3 noborder fillcolor rgb %s notitle",
                      sep, xcol, cht_col_lo(j), cht_col_hi(j),
                      ls == 1 || ls == 4 ? "c_women_tint" : ls == 2 || ls == 5 ? "c_men_tint" : "c_neutral");
        sep = ", \\\n     ";
    }
    int grouped = 0; /* several regions (series = region): the home region solid, the others dashed */
    int focus = 0;   /* the focus region's lines: thicker, and drawn again on top; the others thinner */
    int last = 0;    /* the latest of years as groups */
    for (size_t j = 0; j < ch->n_series; j++) {
        grouped |= ch->series[j].group > 0;
        focus |= ch->series[j].is_focus;
        last = ch->series[j].group > last ? ch->series[j].group : last;
    }
    for (size_t j = 0; j < ch->n_series; j++) {
        const js_chart_series *const s = &ch->series[j];
        const int ls = cht_series_ls(c, j), base = ls > 3 && ls < 8 ? ls - 3 : ls;
        js_buf_printf(g, "%sdata using %s:(column(%zu))%s", sep, xcol, cht_col_value(j),
                      j == 0 && ch->cat_x == NULL ? ":xtic(xlab($1))" : "");
        if (grouped && ch->groups_are_years && s->group == last) /* the latest year stands out */
            js_buf_printf(g, " with linespoints ls %d lw 3 pointinterval %zu ", base == 8 ? 3 : base, pi);
        else if (grouped && ch->groups_are_years) /* earlier years: lighter the older */
            js_buf_printf(g, " with lines lw 2 dt solid lc rgb %s ",
                          lines_year_grey(s->group, last, s->sex));
        else if (grouped && s->is_focus)
            js_buf_printf(g, " with linespoints ls %d lw 3.5 pointinterval %zu ", base == 8 ? 3 : base, pi);
        else if (grouped && s->group == 0 && !focus)
            js_buf_printf(g, " with linespoints ls %d pointinterval %zu ", base == 8 ? 3 : base, pi);
        else if (grouped) /* by sex in the sex's colour, else grey; a dash pattern per group */
            js_buf_printf(g, " with lines ls %d lw %s dt %d ", base == 8 ? 9 : base, focus ? "1.5" : "2",
                          2 + (s->group > 0 ? s->group - 1 : 0) % 4);
        else if (s->is_compare)
            js_buf_printf(g, " with lines ls %d dt 2 ", base);
        else /* a lone neutral line in dark grey: the light neutral grey is for lines beside others */
            js_buf_printf(g, " with linespoints ls %d pointinterval %zu%s ", base, pi,
                          cht_series_lone(c, j) && base == 8 ? " lc rgb '#595959'" : "");
        cht_put_series_title(c, j);
        sep = ", \\\n     ";
    }
    if (ch->band_label != NULL && bands) { /* what the shading is, in the legend */
        js_buf_printf(g, "%skeyentry with filledcurves fs transparent solid 0.6 noborder fillcolor rgb %s title ",
                      sep, bands == 1 ? "c_women_tint" : bands == 2 ? "c_men_tint" : "c_neutral");
        cht_put_literal(g, ch->band_label);
    }
    if (required) { /* what the dotted lines to the target are */
        char words[96];
        (void)snprintf(words, sizeof words, "%s %.0f",
                       js_text(ch->lang, "N\xc3\xb6" "dv\xc3\xa4" "ndig takt till m\xc3\xa5" "let",
                               "Pace needed for the target in"), ch->target_year);
        js_buf_printf(g, "%skeyentry with lines lw 1.5 dt 3 lc rgb c_grey title ", sep);
        cht_put_literal(g, words);
    }
    for (size_t j = 0; grouped && j < ch->n_series; j++) { /* the focus's lines on top of the others */
        if (!ch->series[j].is_focus)
            continue;
        const int ls = cht_series_ls(c, j), base = ls > 3 && ls < 8 ? ls - 3 : ls;
        js_buf_printf(g, "%sdata using %s:(column(%zu)) with linespoints ls %d lw 3.5 pointinterval %zu notitle",
                      sep, xcol, cht_col_value(j), base == 8 ? 3 : base, pi);
    }
    cht_put_suppressed_keyentry(c);
    js_buf_putc(g, '\n');
}

/* The projection period shaded and labelled, and series breaks as dotted
 * verticals with a label, all behind the data. */
static void lines_marks(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    if (ch->projection_from > 0 && isfinite(ch->projection_from)) {
        js_buf_printf(g, "set object 90 rect from %.17g, graph 0 to graph 1, graph 1 behind "
                         "fillcolor rgb '#F0F0F0' fillstyle solid 1.0 noborder\n",
                      ch->projection_from);
        js_buf_puts(g, "set label 90 ");
        cht_put_literal(g, js_text(ch->lang, "Prognos", "Projection"));
        js_buf_printf(g, " at %.17g, graph 0.97 offset 0.6, 0 left textcolor rgb c_grey front\n",
                      ch->projection_from);
    }
    for (size_t i = 0; ch->breaks != NULL && i < ch->n_breaks && i < 8; i++) {
        if (!isfinite(ch->breaks[i]))
            continue;
        js_buf_printf(g, "set arrow %zu from %.17g, graph 0 to %.17g, graph 1 nohead back "
                         "lc rgb c_grey lw 1 dt 3\n", 91 + i, ch->breaks[i], ch->breaks[i]);
        js_buf_printf(g, "set label %zu ", 91 + i);
        cht_put_literal(g, js_text(ch->lang, "Tidsseriebrott", "Series break"));
        js_buf_printf(g, " at %.17g, graph 0.04 offset 0.4, 0 left textcolor rgb c_grey front\n",
                      ch->breaks[i]);
    }
}

/* The required paths to the target: from each observed series' last value
 * a dotted line, in its colour, to the target in target_year, unless the
 * series has reached it (in target_direction).  Returns 1 when there is
 * one, for the legend's entry. */
static int lines_required(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    if (!(ch->target_year > 0) || !isfinite(ch->target) || ch->cat_x == NULL)
        return 0;
    int any = 0;
    for (size_t j = 0; j < ch->n_series && j < 20; j++) {
        const js_chart_series *const s = &ch->series[j];
        size_t first = CHT_NONE, last = CHT_NONE;
        for (size_t i = 0; !s->is_compare && i < ch->n_cats; i++)
            if (isfinite(s->values[i]) && isfinite(ch->cat_x[i])) {
                first = first == CHT_NONE ? i : first;
                last = i;
            }
        if (last == CHT_NONE || !(ch->cat_x[last] < ch->target_year))
            continue;
        const int up = ch->target_direction != 0 ? ch->target_direction > 0 : s->values[first] <= ch->target;
        if (up ? s->values[last] >= ch->target : s->values[last] <= ch->target)
            continue; /* reached: no path to draw */
        js_buf_printf(&c->gp, "set arrow %zu from %.17g, %.17g to %.17g, %.17g nohead front lw 1.5 dt 3 "
                              "lc rgb %s\n", 60 + j, ch->cat_x[last], s->values[last], ch->target_year,
                      ch->target, s->sex == JS_SEX_WOMEN ? "c_women" : s->sex == JS_SEX_MEN ? "c_men" : "c_grey");
        any = 1;
    }
    return any;
}

void cht_kind_lines(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    double lo = c->vmin, hi = c->vmax;
    if (isfinite(ch->target)) {
        lo = fmin(lo, ch->target);
        hi = fmax(hi, ch->target);
    }
    if (isfinite(ch->reference)) {
        lo = fmin(lo, ch->reference);
        hi = fmax(hi, ch->reference);
    }
    cht_axis ax;
    cht_axis_nice(lo, hi, 5, 0, &ax);
    cht_key_top(c);
    lines_x_axis(c);
    js_buf_printf(g, "set yrange [%.17g:%.17g]\n", ax.lo, ax.hi);
    const size_t tw = cht_put_tics(g, "y", &ax, ch, 0);
    cht_margins(c, cht_value_margin(c, tw, ch->y_label), 4.0, 3.0, cht_bottom_margin(c, 1.2));
    cht_put_axis_titles(c, 0);
    cht_put_ref_lines(c, 0);
    lines_marks(c);
    cht_put_source(c);
    lines_plot(c, lines_required(c));
}

/* ---- Ranked ----------------------------------------------------------- */

/* The widest value label of series j, in characters (at least 1). */
static size_t ranked_widest(const js_chart *ch, size_t j)
{
    size_t widest = 1;
    for (size_t i = 0; i < ch->n_cats; i++) {
        char txt[64];
        cht_fmt_value(ch, ch->series[j].values[i], 0, txt, sizeof txt);
        const size_t w = cht_text_width(txt);
        widest = w > widest ? w : widest;
    }
    return widest;
}

/* Ranked bars with their intervals as error bars: the bars (tinted where
 * the interval holds 0, with zero_test), the error bars over them, the
 * value labels beyond the interval's far end (past hi for values at or
 * above 0, before lo below it), and a legend at the top right. */
static void ranked_whiskers(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    const size_t v = cht_col_value(c->first), t = cht_col_text(c->first);
    const size_t l = cht_col_lo(c->first), h = cht_col_hi(c->first);
    /* room for a label beyond either end: LW, the widest label in axis
     * units (6.3 px a character, 10 px of offset) on a first range */
    const size_t widest = ranked_widest(ch, c->first);
    const size_t wrap = cht_wrap_width(c);
    const double plot_px = c->w_px - 7.0 * (cht_label_margin(c, wrap) + 5.0);
    double lo = fmin(c->vmin, 0.0), hi = fmax(c->vmax, 0.0);
    if (isfinite(ch->reference))
        hi = fmax(hi, ch->reference);
    cht_axis ax;
    cht_axis_nice(lo, hi, 5, 1, &ax);
    const double lw = (6.3 * (double)widest + 10.0) / fmax(plot_px, 50.0) * (ax.hi - ax.lo);
    cht_axis_nice(lo < 0.0 ? lo - 1.1 * lw : lo, hi > 0.0 ? hi + 1.1 * lw : hi, lo < 0.0 ? 8 : 5, 1, &ax);
    const int has_ylabel = ch->y_label != NULL && ch->y_label[0] != '\0';
    const int key = ch->band_label != NULL || ch->zero_test;
    cht_margins(c, cht_label_margin(c, wrap), 5.0,
                (isfinite(ch->reference) || has_ylabel ? 2.2 : 1.0) + (key ? 1.6 : 0.0),
                cht_bottom_margin(c, 1.2));
    js_buf_printf(g, "set yrange [-0.6:%.17g]\nset xrange [%.17g:%.17g]\n",
                  (double)ch->n_cats - 0.4, ax.lo, ax.hi);
    cht_put_tics(g, "x", &ax, ch, 0);
    js_buf_puts(g, "set ytics scale 0\nset grid xtics noytics\n");
    if (key)
        js_buf_printf(g, "set key at screen 0.988, screen %.4f right top horizontal maxrows 1 "
                         "samplen 2.5 width 1 font ',9'\n", 1.0 - 5.0 / c->h_px);
    else
        js_buf_puts(g, "unset key\n");
    cht_put_axis_titles(c, 1);
    cht_put_ref_lines(c, 1);
    cht_put_zero_line(c, ax.lo, ax.hi, 1);
    cht_put_source(c);
    cht_put_whisk_defs(c);
    char tint[8];
    cht_focus_tint(ch, tint);
    js_buf_printf(g, "V = %zu   # value column\nT = %zu   # value text column\n"
                     "L = %zu   # interval: lower end (and H = L + 1 the upper)\nH = %zu\n"
                     "c_focus_zero = '%s'\nc_bar = Z ? c_full : c_neutral\n", v, t, l, h, tint);
    /* A label just past its interval that the reference line would strike
     * through starts past the line instead (the line runs behind the bars;
     * inside its bar a label would meet the error bar).  LW = the widest
     * label in axis units. */
    js_buf_printf(g, "R = %.17g\nLW = %.17g\n"
                     "past(x) = (x < R && R < x + LW) ? R : x\nbefore(x) = (x - LW < R && R < x) ? R : x\n",
                  isfinite(ch->reference) ? ch->reference : ax.hi * 10.0,
                  (6.3 * (double)widest + 10.0) / fmax(plot_px, 50.0) * (ax.hi - ax.lo));
    js_buf_puts(g, "plot data using ($4 == 0 && !in0(L) ? column(V)/2 : NaN):5:(column(V)/2):(0.38):ytic(3) "
                   "with boxxyerror ls 8 fillcolor rgb c_bar notitle, \\\n"
                   "     data using ($4 == 0 && in0(L) ? column(V)/2 : NaN):5:(column(V)/2):(0.38) "
                   "with boxxyerror fs solid 1.0 border lc rgb c_bar fillcolor rgb c_zero notitle, \\\n"
                   "     data using ($4 != 0 && !in0(L) ? column(V)/2 : NaN):5:(column(V)/2):(0.38) "
                   "with boxxyerror ls 3 fillcolor rgb c_highlight notitle, \\\n"
                   "     data using ($4 != 0 && in0(L) ? column(V)/2 : NaN):5:(column(V)/2):(0.38) "
                   "with boxxyerror fs solid 1.0 border lc rgb c_highlight fillcolor rgb c_focus_zero notitle");
    cht_put_whiskers(c, "($5)", l, 1, 0.14);
    const char *const font = ch->style.font != NULL ? ch->style.font : "Arial";
    for (int focus = 0; focus < 2; focus++) {
        char f[96];
        (void)snprintf(f, sizeof f, "%s%s,9", focus ? font : "", focus ? " Bold" : "");
        js_buf_printf(g, ", \\\n     data using ($4 %s 0 && column(V) >= 0 ? past(hend(column(V), H)) : NaN):5:"
                         "(stringcolumn(T)) with labels left offset 0.4,0 font '%s' textcolor rgb c_text notitle",
                      focus ? "!=" : "==", f);
        js_buf_printf(g, ", \\\n     data using ($4 %s 0 && column(V) < 0 ? before(lend(column(V), L)) : NaN):5:"
                         "(stringcolumn(T)) with labels right offset -0.4,0 font '%s' textcolor rgb c_text notitle",
                      focus ? "!=" : "==", f);
    }
    js_buf_puts(g, ", \\\n     data using (0):5:(valid(V) ? '' : '..') with labels left offset 0.4,0 "
                   "font ',9' textcolor rgb c_grey notitle");
    cht_put_whisk_keyentries(c, 1, "c_zero", "c_bar", 1);
    js_buf_putc(g, '\n');
}

void cht_kind_ranked(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    if (cht_any_interval(ch) && cht_has_interval(ch, c->first)) {
        ranked_whiskers(c);
        return;
    }
    const size_t v = cht_col_value(c->first), t = cht_col_text(c->first);
    double hi = c->vmax;
    if (isfinite(ch->reference))
        hi = fmax(hi, ch->reference);
    cht_axis ax;
    cht_axis_nice(fmin(c->vmin, 0.0), hi * 1.06, 5, 1, &ax);
    const size_t wrap = cht_wrap_width(c);
    const int has_ylabel = ch->y_label != NULL && ch->y_label[0] != '\0';
    cht_margins(c, cht_label_margin(c, wrap), 5.0, isfinite(ch->reference) || has_ylabel ? 2.2 : 1.0,
                cht_bottom_margin(c, 1.2));
    js_buf_printf(g, "set yrange [-0.6:%.17g]\nset xrange [%.17g:%.17g]\n",
                  (double)ch->n_cats - 0.4, ax.lo, ax.hi);
    cht_put_tics(g, "x", &ax, ch, 0);
    js_buf_puts(g, "set ytics scale 0\nset grid xtics noytics\nunset key\n");
    cht_put_axis_titles(c, 1);
    cht_put_ref_lines(c, 1);
    cht_put_source(c);
    js_buf_printf(g, "V = %zu   # value column\nT = %zu   # value text column\n", v, t);
    /* A value label just left of the reference line would be struck
     * through by it: such labels go inside their bar (the line runs behind
     * the bars).  LW = the widest value label in axis units (6.3 px a
     * character, 10 px of offset). */
    const size_t widest = ranked_widest(ch, c->first);
    const double plot_px = c->w_px - 7.0 * (cht_label_margin(c, wrap) + 5.0);
    const double lw = (6.3 * (double)widest + 10.0) / fmax(plot_px, 50.0) * (ax.hi - ax.lo);
    js_buf_printf(g, "R = %.17g\nLW = %.17g\ninside(x) = (x < R && R < x + LW)\n",
                  isfinite(ch->reference) ? ch->reference : ax.hi * 10.0, lw);
    js_buf_puts(g, "plot data using ($4 == 0 ? column(V)/2 : NaN):5:(column(V)/2):(0.38):ytic(3) "
                   "with boxxyerror ls 8 fillcolor rgb c_neutral, \\\n"
                   "     data using ($4 != 0 ? column(V)/2 : NaN):5:(column(V)/2):(0.38) "
                   "with boxxyerror ls 3 fillcolor rgb c_highlight, \\\n"
                   "     data using ($4 == 0 && !inside(column(V)) ? column(V) : NaN):5:(stringcolumn(T)) "
                   "with labels left offset 0.4,0 font ',9' textcolor rgb c_text, \\\n"
                   "     data using ($4 == 0 && inside(column(V)) ? column(V) : NaN):5:(stringcolumn(T)) "
                   "with labels right offset -0.4,0 font ',9' textcolor rgb c_text, \\\n");
    const char *const font = ch->style.font != NULL ? ch->style.font : "Arial";
    js_buf_printf(g, "     data using ($4 != 0 && !inside(column(V)) ? column(V) : NaN):5:(stringcolumn(T)) "
                     "with labels left offset 0.4,0 font '%s Bold,9' textcolor rgb c_text, \\\n"
                     "     data using ($4 != 0 && inside(column(V)) ? column(V) : NaN):5:(stringcolumn(T)) "
                     "with labels right offset -0.4,0 font '%s Bold,9' textcolor rgb c_text, \\\n",
                  font, font);
    js_buf_puts(g, "     data using (0):5:(valid(V) ? '' : '..') with labels left offset 0.4,0 "
                   "font ',9' textcolor rgb c_grey\n");
}
