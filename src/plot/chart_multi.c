/*
 * chart_multi.c - small multiples: one small line chart per panel.
 *
 * js_chart has no panel field, so panels are made from the series labels:
 * consecutive series with the same label form one panel titled with that
 * label, each series drawn in its sex's colour and marker (women circle,
 * men square).  Example: series {"Norrbotten", women}, {"Norrbotten", men},
 * {"Jämtland", women}, {"Jämtland", men} give two panels.  All panels share
 * the y range so that they can be compared; y tic labels appear in the first
 * column and x tic labels in the bottom row only.  The legend (sex words) is
 * drawn once, above the panels.
 */
#include "plot/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int same_label(const js_chart_series *a, const js_chart_series *b)
{
    const char *const x = a->label != NULL ? a->label : "";
    const char *const y = b->label != NULL ? b->label : "";
    return strcmp(x, y) == 0;
}

/* Number of panels; first[p] is the first series of panel p (at most cap). */
static size_t panels(const js_chart *ch, size_t *first, size_t cap)
{
    size_t n = 0;
    for (size_t j = 0; j < ch->n_series && n < cap; j++)
        if (j == 0 || !same_label(&ch->series[j], &ch->series[j - 1]))
            first[n++] = j;
    return n;
}

static void multi_x(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    if (ch->cat_x == NULL) {
        js_buf_printf(&c->gp, "set xrange [-0.2:%.17g]\n", (double)ch->n_cats - 0.8);
        return;
    }
    double lo, hi;
    cht_cat_x_range(ch, &lo, &hi);
    if (!(hi > lo))
        hi = (isfinite(lo) ? lo : 0.0) + 1.0, lo = hi - 2.0;
    const double span = hi - lo;
    const double step = span <= 4 ? 1 : span <= 8 ? 2 : span <= 12 ? 3 : span <= 20 ? 5 : span <= 40 ? 10 : 20;
    js_buf_printf(&c->gp, "set xrange [%.17g:%.17g]\nset xtics %.17g, %.17g\n", lo, hi,
                  ceil(lo / step) * step, step);
}

static void unlabelled_tics(js_buf *g, const cht_axis *ax)
{
    js_buf_puts(g, "set ytics (");
    const long n = lround((ax->hi - ax->lo) / ax->step);
    for (long k = 0; k <= n; k++) {
        js_buf_puts(g, k > 0 ? ", '' " : "'' ");
        cht_put_num(g, ax->lo + (double)k * ax->step);
    }
    js_buf_puts(g, ")\n");
}

/* Characters a panel title may take on one line: the panel's width. */
static size_t title_wrap(const cht_ctx *c, size_t cols)
{
    const double chars = (0.88 * c->w_px / (double)cols - 0.05 * c->w_px) / 6.5;
    return chars < 12.0 ? 12 : (size_t)chars;
}

/* Lines of the most-wrapped panel title. */
static size_t title_lines(const cht_ctx *c, const size_t *first, size_t np, size_t wrap)
{
    size_t most = 1;
    for (size_t p = 0; p < np; p++) {
        size_t l, w;
        cht_wrap_measure(c->ch->series[first[p]].label, wrap, &l, &w);
        most = l > most ? l : most;
    }
    return most;
}

static void multi_panel(cht_ctx *c, size_t p, size_t np, size_t cols, size_t j0, size_t j1,
                        const cht_axis *ax)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    const size_t rows = (np + cols - 1) / cols;
    js_buf_printf(g, "\n# panel %zu\nset title ", p + 1);
    /* long titles (levels of education) wrap to the panel's width */
    cht_put_literal_wrapped(g, ch->series[j0].label != NULL ? ch->series[j0].label : "",
                            title_wrap(c, cols));
    js_buf_puts(g, " offset 0,-0.6 textcolor rgb c_text font ',10'\n");
    if (p % cols == 0)
        cht_put_tics(g, "y", ax, ch, 0);
    else
        unlabelled_tics(g, ax);
    js_buf_printf(g, "set format x %s\n", p / cols == rows - 1 || p + cols >= np ? "'%.0f'" : "''");
    js_buf_puts(g, p == 0 ? "set key at screen 0.5, screen 0.985 center top horizontal maxrows 1\n"
                          : "unset key\n");
    js_buf_puts(g, "plot ");
    for (size_t j = j0; j < j1; j++) {
        const int ls = cht_series_ls(c, j), base = ls > 3 && ls < 8 ? ls - 3 : ls;
        js_buf_printf(g, "%sdata using %s:(column(%zu)) with linespoints ls %d lw 2 ps 0.6 "
                         "pointinterval %zu title ", j > j0 ? ", \\\n     " : "",
                      ch->cat_x != NULL ? "($2)" : "($1)", cht_col_value(j), base,
                      ch->n_cats > 8 ? (ch->n_cats + 3) / 4 : 1);
        const js_sex sx = ch->series[j].sex;
        cht_put_literal(g, sx == JS_SEX_WOMEN ? js_text(ch->lang, "Kvinnor", "Women")
                          : sx == JS_SEX_MEN  ? js_text(ch->lang, "Män", "Men")
                                              : js_text(ch->lang, "Totalt", "Total"));
    }
    js_buf_putc(g, '\n');
}

void cht_kind_small_multiples(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    size_t first[64];
    const size_t np = panels(ch, first, 64);
    const size_t cols = np <= 1 ? 1 : np <= 3 ? np : np == 4 ? 2 : np <= 9 ? 3 : 4;
    const size_t rows = (np + cols - 1) / cols;
    cht_axis ax;
    cht_axis_nice(c->vmin, c->vmax, 3, 0, &ax);
    const double bottom = (cht_bottom_margin(c, 1.2) * 15.0) / c->h_px;
    js_buf_printf(g, "set yrange [%.17g:%.17g]\n", ax.lo, ax.hi);
    multi_x(c);
    js_buf_puts(g, "unset xlabel\nunset ylabel\n");
    cht_put_source(c);
    /* each extra title line takes 15 px from the panel below it */
    const double extra = 15.0 * (double)(title_lines(c, first, np, title_wrap(c, cols)) - 1) / c->h_px;
    js_buf_printf(g, "set multiplot layout %zu,%zu margins screen 0.09, screen 0.97, screen %.3f, "
                     "screen %.3f spacing screen 0.05, screen %.3f\n", rows, cols, bottom,
                  0.9 - extra, 0.1 + extra);
    for (size_t p = 0; p < np; p++) {
        const size_t j1 = p + 1 < np ? first[p + 1] : ch->n_series;
        multi_panel(c, p, np, cols, first[p], j1, &ax);
        if (p == 0)
            js_buf_puts(g, "unset label 1\n"); /* the source line once, not in every panel */
    }
    js_buf_puts(g, "unset multiplot\n");
}
