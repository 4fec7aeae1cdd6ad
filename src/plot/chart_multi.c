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

static int is_focus(const js_chart *ch, size_t j0)
{
    const char *const label = ch->series[j0].label;
    return ch->focus != NULL && label != NULL && strcmp(ch->focus, label) == 0;
}

/* The panel's title; the focus region's (the home region) is bold and in
 * the highlight colour, on a light tint of it, so that it is found without
 * colour too. */
static void panel_title(cht_ctx *c, size_t j0, size_t cols)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    const int focus = is_focus(ch, j0);
    const char *const label = ch->series[j0].label != NULL ? ch->series[j0].label : "";
    js_buf_puts(g, "set title ");
    if (focus && ch->latex) /* LaTeX sets the text: bold is \bfseries (the label is escaped) */
        js_buf_puts(g, "'\\bfseries ' . ");
    /* long titles (levels of education) wrap to the panel's width */
    cht_put_literal_wrapped(g, label, title_wrap(c, cols));
    if (focus) {
        js_buf_printf(g, " offset 0,-0.6 textcolor rgb c_highlight font '%s:Bold,10'\n",
                      ch->style.font != NULL ? ch->style.font : "Arial"); /* checked: cht_font_ok */
        js_buf_puts(g, "set object 50 rectangle from graph 0, graph 0 to graph 1, graph 1 behind "
                       "fillcolor rgb c_highlight fillstyle transparent solid 0.10 noborder\n");
    } else {
        js_buf_puts(g, " offset 0,-0.6 textcolor rgb c_text font ',10'\nunset object 50\n");
    }
}

static const char *sex_word(const js_chart *ch, js_sex sx)
{
    return sx == JS_SEX_WOMEN ? js_text(ch->lang, "Kvinnor", "Women")
         : sx == JS_SEX_MEN   ? js_text(ch->lang, "Män", "Men")
                              : js_text(ch->lang, "Totalt", "Total");
}

/* The legend once above the panels, as labels with their markers (a key
 * inside a multiplot is as wide as one panel and would break into rows):
 * the series of the first panel, side by side, centred. */
static void legend(cht_ctx *c, size_t j0, size_t j1, double key_y)
{
    const js_chart *const ch = c->ch;
    double total = 0;
    for (size_t j = j0; j < j1; j++)
        total += 30.0 + 7.0 * (double)cht_text_width(sex_word(ch, ch->series[j].sex));
    double x = (c->w_px - total) / 2.0;
    for (size_t j = j0; j < j1 && j - j0 < 8; j++) {
        const int ls = cht_series_ls(c, j), base = ls > 3 && ls < 8 ? ls - 3 : ls;
        js_buf_printf(&c->gp, "set label %zu ", 61 + (j - j0));
        cht_put_literal(&c->gp, sex_word(ch, ch->series[j].sex));
        js_buf_printf(&c->gp, " at screen %.4f, screen %.4f left point ls %d ps 0.8 offset 1.2,0 front "
                              "textcolor rgb c_text\n", (x + 6.0) / c->w_px, key_y, base);
        x += 30.0 + 7.0 * (double)cht_text_width(sex_word(ch, ch->series[j].sex));
    }
}

static void multi_panel(cht_ctx *c, size_t p, size_t np, size_t cols, size_t j0, size_t j1,
                        const cht_axis *ax, double key_y)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    const size_t rows = (np + cols - 1) / cols;
    js_buf_printf(g, "\n# panel %zu\n", p + 1);
    panel_title(c, j0, cols);
    if (p % cols == 0)
        cht_put_tics(g, "y", ax, ch, 0);
    else
        unlabelled_tics(g, ax);
    js_buf_printf(g, "set format x %s\n", p / cols == rows - 1 || p + cols >= np ? "'%.0f'" : "''");
    if (p == 0)
        legend(c, j0, j1, key_y);
    js_buf_puts(g, "plot ");
    for (size_t j = j0; j < j1; j++) {
        const int ls = cht_series_ls(c, j), base = ls > 3 && ls < 8 ? ls - 3 : ls;
        js_buf_printf(g, "%sdata using %s:(column(%zu)) with linespoints ls %d lw 2 ps 0.6 "
                         "pointinterval %zu title ", j > j0 ? ", \\\n     " : "",
                      ch->cat_x != NULL ? "($2)" : "($1)", cht_col_value(j), base,
                      ch->n_cats > 8 ? (ch->n_cats + 3) / 4 : 1);
        cht_put_literal(g, sex_word(ch, ch->series[j].sex));
    }
    js_buf_putc(g, '\n');
}

/* Widest y tic label of ax, in characters (as cht_put_tics writes them). */
static size_t tic_chars(const cht_ctx *c, const cht_axis *ax)
{
    js_buf scratch;
    js_buf_init(&scratch);
    const size_t w = cht_put_tics(&scratch, "y", ax, c->ch, 0);
    js_buf_fini(&scratch);
    return w;
}

/* The grid is laid out in pixels and written as screen fractions: the
 * title band and the legend on top, the y tic labels (and the value
 * axis's title) of the first column on the left, the x tic labels of the
 * bottom row and the source line below.  Panels keep their 10 pt titles
 * and tic labels whatever their number: more panels make the image taller
 * (chart_write.c), and the grid (chart_layout.c) never goes below 120 px
 * a panel. */
void cht_kind_small_multiples(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    size_t first[64];
    const size_t np = panels(ch, first, 64);
    size_t cols, rows;
    (void)cht_multi_grid(ch, c->w_px, &cols, &rows);
    cht_axis ax;
    cht_axis_nice(c->vmin, c->vmax, 3, 0, &ax);
    const double w = c->w_px, h = c->canvas_h_px;
    const int has_ylabel = ch->y_label != NULL && ch->y_label[0] != '\0';
    const double left = 14.0 + 7.0 * (double)tic_chars(c, &ax) + (has_ylabel ? 18.0 : 0.0);
    const double key_top = 6.0 + (double)c->title_px, top = key_top + 44.0; /* legend, panel titles */
    const double bottom = (cht_bottom_margin(c, 1.2) * 15.0);
    /* each extra title line takes 15 px from the panel below it */
    const double extra = 15.0 * (double)(title_lines(c, first, np, title_wrap(c, cols)) - 1);
    js_buf_printf(g, "set yrange [%.17g:%.17g]\n", ax.lo, ax.hi);
    multi_x(c);
    js_buf_puts(g, "unset xlabel\nunset ylabel\nunset key\n");
    cht_put_source(c);
    cht_put_title(c, 60);
    if (has_ylabel) { /* the shared value axis's title, once, at the left edge */
        js_buf_puts(g, "set label 7 ");
        cht_put_literal(g, ch->y_label);
        js_buf_printf(g, " at screen %.4f, screen %.4f rotate by 90 center textcolor rgb c_text\n", 12.0 / w,
                      (bottom + (h - top - extra)) / 2.0 / h);
    }
    js_buf_printf(g, "set multiplot layout %zu,%zu margins screen %.4f, screen %.4f, screen %.4f, "
                     "screen %.4f spacing screen %.4f, screen %.4f\n", rows, cols, left / w, 1.0 - 16.0 / w,
                  bottom / h, 1.0 - (top + extra) / h, 14.0 / w, (30.0 + extra) / h);
    for (size_t p = 0; p < np; p++) {
        const size_t j1 = p + 1 < np ? first[p + 1] : ch->n_series;
        multi_panel(c, p, np, cols, first[p], j1, &ax, 1.0 - (key_top + 8.0) / h);
        if (p == 0) /* the source line, title and axis title once, not in every panel */
            js_buf_puts(g, "unset label 1\nunset label 7\nunset label 60\n"
                           "do for [k = 61:68] { unset label k }\n");
    }
    js_buf_puts(g, "unset multiplot\n");
}
