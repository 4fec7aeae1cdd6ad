/*
 * chart_kinds2.c - plot commands for the dumbbell, 100 % share, scatter,
 * heat map and small-multiples charts.
 *
 * Numbers these charts show that are not in the caller's table (the gap
 * label of a dumbbell, women's share, the heat-map grid) are computed here
 * and written as extra blocks of the data file ("index 1"), so that the
 * script still takes all its data from NAME.dat.
 */
#include "plot/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

/* The women and men series of a two-sex chart; falls back to the first two
 * series when the sexes are not marked.  0 when there are not two. */
static int pick_pair(const cht_ctx *c, size_t *w, size_t *m)
{
    *w = c->women;
    *m = c->men;
    if (*w == CHT_NONE || *m == CHT_NONE) {
        if (c->ch->n_series < 2)
            return 0;
        *w = 0;
        *m = 1;
    }
    return 1;
}

static void begin_block(cht_ctx *c, const char *what)
{
    js_buf_printf(&c->dat, "\n\n# index 1: %s\n", what);
}

/* ---- Dumbbell --------------------------------------------------------- */

static void dumbbell_block(cht_ctx *c, size_t w, size_t m)
{
    const js_chart *const ch = c->ch;
    begin_block(c, "pos, right end, gap text");
    for (size_t i = 0; i < ch->n_cats; i++) {
        const double a = ch->series[w].values[i], b = ch->series[m].values[i];
        if (!isfinite(a) || !isfinite(b))
            continue;
        char txt[64];
        const js_chart tmp = {.lang = ch->lang, .decimals = ch->percent ? 1 : 0};
        if (ch->percent)
            cht_fmt_value(&tmp, a - b, 0, txt, sizeof txt);
        else
            cht_fmt_value(&tmp, fabs(b) > 0.0 ? 100.0 * a / b : (double)NAN, 1, txt, sizeof txt);
        js_buf_printf(&c->dat, "%zu\t", ch->n_cats - 1 - i);
        cht_put_num(&c->dat, fmax(a, b));
        js_buf_putc(&c->dat, '\t');
        cht_put_field(&c->dat, txt, 0);
        js_buf_putc(&c->dat, '\n');
    }
}

void cht_kind_dumbbell(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    size_t w, m;
    if (!pick_pair(c, &w, &m)) {
        cht_kind_ranked(c);
        return;
    }
    cht_axis ax;
    const double span = c->vmax - c->vmin;
    cht_axis_nice(c->vmin - 0.02 * span, c->vmax + 0.12 * span, 6, 0, &ax);
    const size_t wrap = cht_wrap_width(c);
    cht_key_top(c);
    cht_margins(c, cht_label_margin(c, wrap), 3.0, 3.6, cht_bottom_margin(c, 1.2));
    js_buf_printf(g, "set yrange [-0.6:%.17g]\nset xrange [%.17g:%.17g]\n",
                  (double)ch->n_cats - 0.4, ax.lo, ax.hi);
    cht_put_tics(g, "x", &ax, ch, 0);
    js_buf_puts(g, "set ytics scale 0\nset grid xtics noytics\n");
    js_buf_puts(g, "set label 4 ");
    cht_put_literal(g, ch->percent ? js_text(ch->lang, "Skillnad kvinnor − män, procentenheter",
                                             "Difference women − men, percentage points")
                                   : js_text(ch->lang, "Kvinnors värde i % av mäns",
                                             "Women's value as % of men's"));
    /* above the plot's right end, unless reference lines label the top:
     * then at the foot's right end, opposite the source line */
    cht_line lines[3];
    if (cht_ref_lines(ch, lines) > 0)
        js_buf_printf(g, " at screen 0.988, screen %.4f right textcolor rgb c_grey font ',9'\n", 11.0 / c->h_px);
    else
        js_buf_puts(g, " at graph 1, graph 1 offset 0,0.6 right textcolor rgb c_grey font ',9'\n");
    cht_put_axis_titles(c, 1);
    cht_put_ref_lines(c, 1);
    cht_put_source(c);
    js_buf_printf(g, "W = %zu   # women's value column\nM = %zu   # men's\n", cht_col_value(w),
                  cht_col_value(m));
    const size_t fi = cht_focus_index(ch);
    if (fi != CHT_NONE)
        cht_put_focus_band(c, fi);
    js_buf_printf(g, "plot data index 0 using (column(W)):5:(column(M)-column(W)):(0):ytic(%s) "
                     "with vectors nohead lw 5 lc rgb c_neutral notitle, \\\n"
                     "     data index 0 using (column(W)):5 with points ls 1 ps 1.5 title ",
                  fi != CHT_NONE ? "$4 != 0 ? '' : stringcolumn(3)" : "3");
    cht_put_literal(g, cht_series_title(c, w));
    js_buf_puts(g, ", \\\n     data index 0 using (column(M)):5 with points ls 2 ps 1.4 title ");
    cht_put_literal(g, cht_series_title(c, m));
    js_buf_puts(g, ", \\\n     data index 1 using ($2):($1):(stringcolumn(3)) with labels left "
                   "offset 1.2,0 font ',9' textcolor rgb c_grey notitle");
    js_buf_printf(g, ", \\\n     data index 0 using (%.17g):5:(valid(W) && valid(M) ? '' : '..') "
                     "with labels left offset 0.5,0 font ',9' textcolor rgb c_grey notitle", ax.lo);
    const int few = cht_any_few(ch);
    if (few) /* a value on few observations: an open marker (white inside its colour) */
        js_buf_puts(g, ", \\\n     data index 2 using ($3 == 0 ? $2 : NaN):($1) with points pt 7 ps 0.8 "
                       "lc rgb '#ffffff' notitle, \\\n"
                       "     data index 2 using ($3 != 0 ? $2 : NaN):($1) with points pt 5 ps 0.7 "
                       "lc rgb '#ffffff' notitle");
    if (fi != CHT_NONE)
        cht_put_focus_label(c, ax.lo, 0);
    if (few)
        cht_put_few_keyentry(c, 0);
    cht_put_suppressed_keyentry(c);
    js_buf_putc(g, '\n');
    dumbbell_block(c, w, m);
    if (few) {
        js_buf_puts(&c->dat, "\n\n# index 2: values on few observations: pos, value, 0 women / 1 men\n");
        for (size_t i = 0; i < ch->n_cats; i++)
            for (size_t k = 0; k < 2; k++) {
                const size_t j = k == 0 ? w : m;
                if (!cht_is_few(ch, j, i))
                    continue;
                js_buf_printf(&c->dat, "%zu\t", ch->n_cats - 1 - i);
                cht_put_num(&c->dat, ch->series[j].values[i]);
                js_buf_printf(&c->dat, "\t%zu\n", k);
            }
    }
}

/* ---- 100 % share ------------------------------------------------------ */

static void share_block(cht_ctx *c, size_t w, size_t m)
{
    const js_chart *const ch = c->ch;
    const js_chart tmp = {.lang = ch->lang, .decimals = 0};
    begin_block(c, "pos, women's share %, women's text, men's text");
    for (size_t i = 0; i < ch->n_cats; i++) {
        const double a = ch->series[w].values[i], b = ch->series[m].values[i];
        const double s = a + b > 0.0 ? 100.0 * a / (a + b) : (double)NAN;
        if (!isfinite(s))
            continue;
        char tw[64], tm[64];
        cht_fmt_value(&tmp, s, 1, tw, sizeof tw);
        cht_fmt_value(&tmp, 100.0 - s, 1, tm, sizeof tm);
        js_buf_printf(&c->dat, "%zu\t", ch->n_cats - 1 - i);
        cht_put_num(&c->dat, s);
        js_buf_putc(&c->dat, '\t');
        /* both texts always: gnuplot reads a blank last field as the row
         * above's (a 100/0 row showed the men's "%" of another); the
         * script leaves out a text whose bar is too short to hold it */
        cht_put_field(&c->dat, tw, 0);
        js_buf_putc(&c->dat, '\t');
        cht_put_field(&c->dat, tm, 0);
        js_buf_putc(&c->dat, '\n');
    }
}

static void share_decor(cht_ctx *c, size_t w, size_t m)
{
    js_buf *const g = &c->gp;
    js_buf_puts(g, "set object 1 rectangle from first 40, graph 0 to first 60, graph 1 behind "
                   "fillcolor rgb c_band fillstyle solid noborder\n"
                   "set arrow 1 from first 40, graph 0 to first 40, graph 1 nohead front lc rgb '#222222' dt 2\n"
                   "set arrow 2 from first 60, graph 0 to first 60, graph 1 nohead front lc rgb '#222222' dt 2\n"
                   "set label 4 ");
    cht_put_literal(g, js_text(c->ch->lang, "Jämn könsfördelning (40–60 %)", "Gender balance (40–60 %)"));
    js_buf_puts(g, " at first 50, graph 1 offset 0,1.7 center textcolor rgb c_text font ',9'\nset label 2 ");
    cht_put_literal(g, cht_series_title(c, w));
    js_buf_puts(g, " at first 0, graph 1 offset 0,0.6 left textcolor rgb c_women\nset label 3 ");
    cht_put_literal(g, cht_series_title(c, m));
    js_buf_puts(g, " at first 100, graph 1 offset 0,0.6 right textcolor rgb c_men\n");
}

void cht_kind_share100(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    size_t w, m;
    if (!pick_pair(c, &w, &m)) {
        cht_kind_ranked(c);
        return;
    }
    const js_chart pct = {.lang = ch->lang, .percent = 1};
    const cht_axis ax = {0.0, 100.0, 20.0, 0};
    cht_margins(c, cht_label_margin(c, cht_wrap_width(c)), 4.0, 3.6, cht_bottom_margin(c, 1.2));
    js_buf_printf(g, "set yrange [-0.6:%.17g]\nset xrange [0:100]\n", (double)ch->n_cats - 0.4);
    cht_put_tics(g, "x", &ax, &pct, 0);
    js_buf_puts(g, "set ytics scale 0\nset grid noxtics noytics\nunset key\n");
    share_decor(c, w, m);
    js_buf_printf(g, "W = %zu   # women's value column\nM = %zu   # men's\n", cht_col_value(w),
                  cht_col_value(m));
    cht_put_axis_titles(c, 1);
    cht_put_source(c);
    const size_t fi = cht_focus_index(ch);
    if (fi != CHT_NONE) { /* the band shows beside the label only: the bar is outlined too */
        const double at = (double)(ch->n_cats - 1 - fi);
        cht_put_focus_band(c, fi);
        js_buf_printf(g, "set object 83 rect from first 0, first %.17g to first 100, first %.17g front "
                         "fillstyle empty border lc rgb c_highlight lw 2.5\n", at - 0.42, at + 0.42);
    }
    const int few = cht_any_few(ch);
    if (few) /* the hatching stops short of the texts at the bars' ends (1-7 %, 93-99 %) */
        js_buf_puts(g, "L(s) = s >= 7 ? 7 : 0\nR(s) = s <= 93 ? 93 : 100\n");
    if (few)
        cht_put_few_key_alone(c);
    js_buf_printf(g, "plot data index 0 using (0):5:(0):(0):ytic(%s) with boxxyerror notitle, \\\n",
                  fi != CHT_NONE ? "$4 != 0 ? '' : stringcolumn(3)" : "3");
    js_buf_puts(g, "     data index 1 using ($2/2):1:($2/2):(0.38) with boxxyerror ls 1 fillcolor rgb c_women, \\\n"
                   "     data index 1 using (($2+100)/2):1:((100-$2)/2):(0.38) with boxxyerror ls 2 "
                   "fillcolor rgb c_men, \\\n");
    if (few) /* the row's two bars hatched over in white, under the texts */
        js_buf_puts(g, "     data index 2 using ((L($2)+$2)/2):1:(($2-L($2))/2):(0.38) with boxxyerror "
                       "fs transparent pattern 4 noborder lc rgb '#ffffff', \\\n"
                       "     data index 2 using (($2+R($2))/2):1:((R($2)-$2)/2):(0.38) with boxxyerror "
                       "fs transparent pattern 4 noborder lc rgb '#ffffff', \\\n");
    js_buf_puts(g, "     data index 1 using (1):1:($2 >= 7 ? stringcolumn(3) : '') with labels left "
                   "font ',9' textcolor rgb c_text, \\\n"
                   "     data index 1 using (99):1:($2 <= 93 ? stringcolumn(4) : '') with labels right "
                   "font ',9' textcolor rgb '#ffffff', \\\n"
                   "     data index 0 using (1):5:(valid(W) && valid(M) ? '' : '..') with labels left "
                   "font ',9' textcolor rgb c_grey");
    if (fi != CHT_NONE)
        cht_put_focus_label(c, 0.0, 0);
    if (few)
        cht_put_few_keyentry(c, 1);
    js_buf_putc(g, '\n');
    share_block(c, w, m);
    if (few) {
        js_buf_puts(&c->dat, "\n\n# index 2: rows on few observations: pos, women's share %\n");
        for (size_t i = 0; i < ch->n_cats; i++) {
            const double a = ch->series[w].values[i], b = ch->series[m].values[i];
            const double sh = a + b > 0.0 ? 100.0 * a / (a + b) : (double)NAN;
            if (!isfinite(sh) || !(cht_is_few(ch, w, i) || cht_is_few(ch, m, i)))
                continue;
            js_buf_printf(&c->dat, "%zu\t", ch->n_cats - 1 - i);
            cht_put_num(&c->dat, sh);
            js_buf_putc(&c->dat, '\n');
        }
    }
}

/* ---- Scatter ---------------------------------------------------------- */

/* Which points get a name: all when there are few, else the focus, the two
 * ends of the x axis and the three ratios furthest from the median ratio. */
static void scatter_marks(const cht_ctx *c, size_t w, size_t m, unsigned char *mark)
{
    const js_chart *const ch = c->ch;
    const double *const a = ch->series[w].values, *const b = ch->series[m].values;
    const size_t n = ch->n_cats;
    size_t lo = CHT_NONE, hi = CHT_NONE;
    double sum = 0.0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        mark[i] = n <= 8;
        if (!isfinite(a[i]) || !isfinite(b[i]) || !(fabs(b[i]) > 0.0))
            continue;
        sum += a[i] / b[i];
        k++;
        if (lo == CHT_NONE || b[i] < b[lo])
            lo = i;
        if (hi == CHT_NONE || b[i] > b[hi])
            hi = i;
    }
    if (k == 0)
        return;
    const double mean = sum / (double)k;
    if (lo != CHT_NONE)
        mark[lo] = mark[hi] = 1;
    for (int round = 0; round < 3; round++) {
        size_t best = CHT_NONE;
        for (size_t i = 0; i < n; i++) {
            if (mark[i] || !isfinite(a[i]) || !isfinite(b[i]) || !(fabs(b[i]) > 0.0))
                continue;
            if (best == CHT_NONE || fabs(a[i] / b[i] - mean) > fabs(a[best] / b[best] - mean))
                best = i;
        }
        if (best != CHT_NONE)
            mark[best] = 1;
    }
}

/* Where a point's name goes, in pixels from the point (y up): right or
 * left of it, a little below or above.  The first is the usual place. */
static const struct {
    double dx, dy;
    int right_aligned;
} scatter_spots[] = {{6, -4, 0}, {6, 9, 0}, {-6, -4, 1}, {-6, 9, 1}};

enum { SCATTER_CHAR_PX = 7, SCATTER_LINE_PX = 12, SCATTER_DOT_PX = 7,
       SCATTER_WRAP = 24 /* a point's name wraps at this many characters */ };

/* A box in pixels. */
typedef struct scatter_box {
    double x0, y0, x1, y1;
} scatter_box;

static double scatter_overlap(scatter_box a, scatter_box b)
{
    const double w = fmin(a.x1, b.x1) - fmax(a.x0, b.x0), h = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
    return w > 0.0 && h > 0.0 ? w * h : 0.0;
}

/* Place the names one at a time (the focus first, then left to right) on
 * the spot where they cover the least of the names already placed, of the
 * other points and of what lies outside the plot (the square is side px,
 * with room for 12 characters on its right).  spot[i] is the chosen spot,
 * or -1 for a point without a name; placed has room for n boxes. */
static void scatter_place(const cht_ctx *c, const size_t *order, size_t n, const double *px,
                          const double *py, const unsigned char *named, double side, int *spot,
                          scatter_box *placed)
{
    const js_chart *const ch = c->ch;
    size_t n_placed = 0;
    const scatter_box plot = {0.0, 0.0, side + 12.0 * SCATTER_CHAR_PX, side};
    for (size_t o = 0; o < n; o++) {
        const size_t i = order[o];
        spot[i] = -1;
        if (!named[i] || !isfinite(px[i]) || !isfinite(py[i]))
            continue;
        size_t lines = 1, longest = 0; /* a long name wraps (scatter_block writes it so) */
        cht_wrap_measure(ch->cat_labels[i], SCATTER_WRAP, &lines, &longest);
        const double wpx = (double)longest * SCATTER_CHAR_PX, hpx = (double)lines * SCATTER_LINE_PX;
        double best = (double)INFINITY;
        scatter_box best_box = {0, 0, 0, 0};
        for (int s = 0; s < (int)(sizeof scatter_spots / sizeof *scatter_spots); s++) {
            const double ax = px[i] + scatter_spots[s].dx, ay = py[i] + scatter_spots[s].dy;
            /* gnuplot sets a name's first line at the anchor and the others below it */
            const scatter_box b = {scatter_spots[s].right_aligned ? ax - wpx : ax,
                                   ay + SCATTER_LINE_PX / 2.0 - hpx,
                                   scatter_spots[s].right_aligned ? ax : ax + wpx, ay + SCATTER_LINE_PX / 2.0};
            double cost = (b.x1 - b.x0) * (b.y1 - b.y0) - scatter_overlap(b, plot); /* outside */
            for (size_t k = 0; k < n_placed; k++)
                cost += 4.0 * scatter_overlap(b, placed[k]);
            for (size_t k = 0; k < n; k++)
                if (k != i && isfinite(px[k]) && isfinite(py[k])) {
                    const scatter_box dot = {px[k] - SCATTER_DOT_PX / 2.0, py[k] - SCATTER_DOT_PX / 2.0,
                                             px[k] + SCATTER_DOT_PX / 2.0, py[k] + SCATTER_DOT_PX / 2.0};
                    cost += scatter_overlap(b, dot);
                }
            if (cost < best - 1e-9) {
                best = cost;
                best_box = b;
                spot[i] = s;
            }
        }
        placed[n_placed++] = best_box;
    }
}

/* The points, and where each name goes: its anchor in data units and
 * whether it is right-aligned there (scatter_place). */
static void scatter_block(cht_ctx *c, size_t w, size_t m, const cht_axis *ax, double side)
{
    const js_chart *const ch = c->ch;
    unsigned char mark[4096];
    const size_t n = ch->n_cats < sizeof mark ? ch->n_cats : sizeof mark;
    memset(mark, 0, sizeof mark);
    scatter_marks(c, w, m, mark);
    /* px, py: the points in pixels; order: the order of placing; spot: the
     * place of each name; placed: the boxes of the names placed so far */
    double *const px = js_calloc(2 * n + 1, sizeof *px), *const py = px ? px + n : NULL;
    size_t *const order = js_calloc(n + 1, sizeof *order);
    int *const spot = js_calloc(n + 1, sizeof *spot);
    scatter_box *const placed = js_calloc(n + 1, sizeof *placed);
    if (px == NULL || order == NULL || spot == NULL || placed == NULL) { /* no names, then */
        memset(mark, 0, sizeof mark);
        for (size_t i = 0; spot != NULL && i < n; i++)
            spot[i] = -1;
    }
    const double per_px = (ax->hi - ax->lo) / side;
    unsigned char focus[4096];
    size_t n_order = 0;
    for (size_t i = 0; i < n; i++) /* the focus first */
        focus[i] = ch->focus != NULL && ch->cat_labels != NULL && ch->cat_labels[i] != NULL &&
                   strcmp(ch->focus, ch->cat_labels[i]) == 0;
    if (px != NULL && order != NULL && spot != NULL && placed != NULL) {
        for (size_t i = 0; i < n; i++) {
            mark[i] = (mark[i] || focus[i]) && ch->cat_labels != NULL && ch->cat_labels[i] != NULL;
            px[i] = (ch->series[m].values[i] - ax->lo) / per_px;
            py[i] = (ch->series[w].values[i] - ax->lo) / per_px;
            if (focus[i])
                order[n_order++] = i;
        }
        const size_t n_focus = n_order;
        for (size_t i = 0; i < n; i++) { /* then the others from left to right (insertion) */
            if (focus[i])
                continue;
            size_t at = n_order++;
            while (at > n_focus && isfinite(px[i]) && !(px[order[at - 1]] <= px[i]))
                at--;
            memmove(order + at + 1, order + at, (n_order - 1 - at) * sizeof *order);
            order[at] = i;
        }
        scatter_place(c, order, n, px, py, mark, side, spot, placed);
    }
    begin_block(c, "men, women, name shown, focus, name's x, name's y, name right-aligned");
    for (size_t i = 0; i < n; i++) {
        const int s = spot == NULL || spot[i] < 0 ? 0 : spot[i];
        cht_put_num(&c->dat, ch->series[m].values[i]);
        js_buf_putc(&c->dat, '\t');
        cht_put_num(&c->dat, ch->series[w].values[i]);
        js_buf_putc(&c->dat, '\t');
        cht_put_field(&c->dat,
                      spot != NULL && spot[i] >= 0 && ch->cat_labels != NULL ? ch->cat_labels[i] : "",
                      SCATTER_WRAP);
        js_buf_printf(&c->dat, "\t%d\t", focus[i]);
        cht_put_num(&c->dat, ch->series[m].values[i] + scatter_spots[s].dx * per_px);
        js_buf_putc(&c->dat, '\t');
        cht_put_num(&c->dat, ch->series[w].values[i] + scatter_spots[s].dy * per_px);
        js_buf_printf(&c->dat, "\t%d\n", scatter_spots[s].right_aligned);
    }
    js_free(px);
    js_free(order);
    js_free(spot);
    js_free(placed);
}

void cht_kind_scatter(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    size_t w, m;
    if (!pick_pair(c, &w, &m)) {
        cht_kind_ranked(c);
        return;
    }
    cht_axis ax;
    const double span = c->vmax - c->vmin;
    cht_axis_nice(c->vmin - 0.03 * span, c->vmax + 0.03 * span, 6, 0, &ax);
    js_buf_printf(g, "set xrange [%.17g:%.17g]\nset yrange [%.17g:%.17g]\n", ax.lo, ax.hi, ax.lo,
                  ax.hi);
    cht_put_tics(g, "x", &ax, ch, 0);
    const size_t tw = cht_put_tics(g, "y", &ax, ch, 0);
    /* A square plot at the left, its y axis title close by: "set size
     * ratio 1" would centre the square and leave the title stranded at the
     * image's edge.  Margins in pixels (7 px a character across, 13 px a
     * line), room on the right for the names of the points. */
    const double wpx = c->w_px, h = c->h_px;
    const double left = 7.0 * cht_value_margin(c, tw, "y"), top = 1.5 * 14.0;
    const double bottom = 13.0 * (cht_bottom_margin(c, 1.2) + 1.4);
    const double side = fmax(100.0, fmin(h - top - bottom, wpx - left - 12.0 * 7.0));
    js_buf_printf(g, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
                     "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
                  left / wpx, (left + side) / wpx, (bottom + side) / h, bottom / h);
    js_buf_puts(g, "set grid xtics ytics\nunset key\n");
    js_buf_printf(g, "set arrow 1 from %.17g, %.17g to %.17g, %.17g nohead ls 10 back\nset label 4 ",
                  ax.lo, ax.lo, ax.hi, ax.hi);
    cht_put_literal(g, js_text(ch->lang, "Kvinnor = män", "Women = men"));
    const double at = ax.lo + 0.86 * (ax.hi - ax.lo);
    js_buf_printf(g, " at %.17g, %.17g rotate by 45 offset -0.6,0.6 right textcolor rgb c_grey font ',9'\n",
                  at, at);
    js_chart named = *ch; /* axis titles default to the series names */
    named.x_label = ch->x_label != NULL ? ch->x_label : cht_series_title(c, m);
    named.y_label = ch->y_label != NULL ? ch->y_label : cht_series_title(c, w);
    c->ch = &named;
    cht_put_axis_titles(c, 0);
    c->ch = ch;
    cht_put_source(c);
    js_buf_puts(g, "plot data index 1 using ($4 == 0 ? $1 : NaN):($2) with points ls 9, \\\n"
                   "     data index 1 using ($4 != 0 ? $1 : NaN):($2) with points ls 3 pt 7 ps 1.4, \\\n"
                   "     data index 1 using ($7 == 0 ? $5 : NaN):($6):(stringcolumn(3)) with labels left "
                   "font ',9' textcolor rgb c_text, \\\n"
                   "     data index 1 using ($7 != 0 ? $5 : NaN):($6):(stringcolumn(3)) with labels right "
                   "font ',9' textcolor rgb c_text\n");
    scatter_block(c, w, m, &ax, side);
}

/* ---- Heat map --------------------------------------------------------- */

/* The colour scale: sequential from light to the men's navy, or, for
 * values on both sides of the centre (0, or the reference when set: gaps
 * women - men), diverging from navy below through light grey to
 * vermilion above, its ends symmetric about the centre. */
typedef struct heat_scale {
    cht_axis ax;
    int diverging;
    double centre; /* diverging: the value drawn light grey */
    double dark;   /* a cell this far from the centre (sequential: above this) gets white text */
} heat_scale;

static void heat_scale_pick(const cht_ctx *c, heat_scale *hs)
{
    const js_chart *const ch = c->ch;
    hs->centre = isfinite(ch->reference) ? ch->reference : 0.0;
    hs->diverging = c->vmin < hs->centre && c->vmax > hs->centre;
    if (!hs->diverging) {
        cht_axis_nice(c->vmin, c->vmax, 5, 0, &hs->ax);
        hs->dark = (hs->ax.lo + hs->ax.hi) / 2.0;
        return;
    }
    cht_axis half;
    cht_axis_nice(0.0, fmax(hs->centre - c->vmin, c->vmax - hs->centre), 3, 1, &half);
    hs->ax = (cht_axis){hs->centre - half.hi, hs->centre + half.hi, half.step, half.decimals};
    hs->dark = half.hi / 2.0;
}

static int heat_dark(const heat_scale *hs, double v)
{
    return isfinite(v) && (hs->diverging ? fabs(v - hs->centre) > hs->dark : v > hs->dark);
}

static void heat_block(cht_ctx *c, const heat_scale *hs)
{
    const js_chart *const ch = c->ch;
    begin_block(c, "x (category), y (series, first on top), value, value text, dark cell");
    for (size_t j = 0; j < ch->n_series; j++) {
        for (size_t i = 0; i < ch->n_cats; i++) {
            const double v = ch->series[j].values[i];
            char txt[64];
            cht_fmt_value(ch, v, 0, txt, sizeof txt);
            js_buf_printf(&c->dat, "%zu\t%zu\t", i, ch->n_series - 1 - j);
            cht_put_num(&c->dat, v);
            js_buf_putc(&c->dat, '\t');
            cht_put_field(&c->dat, txt, 0);
            js_buf_printf(&c->dat, "\t%d\n", heat_dark(hs, v));
        }
    }
}

/* Row labels as a data block (index 2: position, label, focus row), so
 * that long ones wrap like category labels and none enters the script. */
static void heat_rows(cht_ctx *c, size_t wrap)
{
    const js_chart *const ch = c->ch;
    js_buf_puts(&c->dat, "\n\n# index 2: row position, row label, focus row\n");
    for (size_t j = 0; j < ch->n_series; j++) {
        js_buf_printf(&c->dat, "%zu\t", ch->n_series - 1 - j);
        cht_put_field(&c->dat, cht_series_title(c, j), wrap);
        js_buf_printf(&c->dat, "\t%d\n", ch->series[j].is_focus != 0);
    }
}

/* index 3: the cells on few observations (x, y, dark cell). */
static void heat_few(cht_ctx *c, const heat_scale *hs)
{
    const js_chart *const ch = c->ch;
    js_buf_puts(&c->dat, "\n\n# index 3: cells on few observations: x, y, dark cell\n");
    for (size_t j = 0; j < ch->n_series; j++)
        for (size_t i = 0; i < ch->n_cats; i++)
            if (cht_is_few(ch, j, i))
                js_buf_printf(&c->dat, "%zu\t%zu\t%d\n", i, ch->n_series - 1 - j,
                              heat_dark(hs, ch->series[j].values[i]));
}

/* The focus row (a series marked is_focus) or column (the focus
 * category) outlined in the highlight colour; *row and *col say which
 * (CHT_NONE: none). */
static void heat_focus(cht_ctx *c, size_t *row, size_t *col)
{
    const js_chart *const ch = c->ch;
    *row = *col = CHT_NONE;
    for (size_t j = 0; j < ch->n_series && *row == CHT_NONE; j++)
        if (ch->series[j].is_focus)
            *row = ch->n_series - 1 - j;
    *col = cht_focus_index(ch);
    const double nx = (double)ch->n_cats, ny = (double)ch->n_series;
    if (*row != CHT_NONE)
        js_buf_printf(&c->gp, "set object 81 rect from first -0.5, first %.17g to first %.17g, first %.17g "
                              "front fillstyle empty border lc rgb c_highlight lw 3\n",
                      (double)*row - 0.5, nx - 0.5, (double)*row + 0.5);
    if (*col != CHT_NONE)
        js_buf_printf(&c->gp, "set object 82 rect from first %.17g, first -0.5 to first %.17g, first %.17g "
                              "front fillstyle empty border lc rgb c_highlight lw 3\n",
                      (double)*col - 0.5, (double)*col + 0.5, ny - 0.5);
}

void cht_kind_heatmap(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    size_t longest = 0;
    for (size_t j = 0; j < ch->n_series; j++) {
        const size_t t = cht_text_width(cht_series_title(c, j));
        longest = t > longest ? t : longest;
    }
    const size_t wrap = longest > 34 ? 28 : 0;
    size_t lines = 1;
    if (wrap > 0) {
        longest = 0;
        for (size_t j = 0; j < ch->n_series; j++) {
            size_t l, w;
            cht_wrap_measure(cht_series_title(c, j), wrap, &l, &w);
            longest = w > longest ? w : longest;
            lines = l > lines ? l : lines;
        }
    }
    heat_scale hs;
    heat_scale_pick(c, &hs);
    const double lm = fmin(2.5 + 0.95 * (double)longest, 0.4 * c->w_px / 7.0);
    const double plot_px = c->w_px - 7.0 * (lm + 12.0);
    /* Years along the axis: every k-th label, level; other labels turn
     * when they are wider than their column. */
    const size_t step = ch->cat_x != NULL ? cht_label_step(c, plot_px, 7.0 * (double)c->max_label + 14.0) : 1;
    const int turn = ch->cat_x == NULL && (double)c->max_label * 6.5 > plot_px / (double)ch->n_cats;
    c->xtic_lines = turn ? 1.2 + 0.45 * (double)c->max_label : 1.2;
    cht_margins(c, lm, 12.0, 1.5, cht_bottom_margin(c, c->xtic_lines));
    js_buf_printf(g, "set xrange [-0.5:%.17g]\nset yrange [-0.5:%.17g]\n", (double)ch->n_cats - 0.5,
                  (double)ch->n_series - 0.5);
    js_buf_printf(g, "set cbrange [%.17g:%.17g]\n", hs.ax.lo, hs.ax.hi);
    cht_put_tics(g, "cb", &hs.ax, ch, 0);
    if (hs.diverging)
        js_buf_puts(g, "set palette defined (0 c_men, 0.5 '#F7F7F7', 1 c_women)   # diverging about the centre\n");
    else
        js_buf_puts(g, "set palette defined (0 '#F4F1EA', 0.5 '#8C9CC0', 1 c_men)\n");
    js_buf_puts(g, "set colorbox user origin screen 0.9, graph 0 size character 1.5, graph 1 noborder\n"
                   "set border 0\nset grid noxtics noytics\nunset key\n");
    js_buf_printf(g, "set xtics scale 0%s\nset ytics scale 0\n", turn ? " rotate by -30 left" : "");
    size_t frow, fcol;
    heat_focus(c, &frow, &fcol);
    /* the focus's own label is left out of the tics and written in bold */
    js_buf_printf(g, "every = %zu\nxlab(i) = (int(i) %% every == 0%s) ? stringcolumn(3) : ''\n", step,
                  fcol != CHT_NONE ? " && column(4) == 0" : "");
    cht_put_axis_titles(c, 0);
    cht_put_source(c);
    const int few = cht_any_few(ch);
    if (few)
        cht_put_few_key_alone(c);
    const int cells = ch->n_cats * ch->n_series <= 240 && (double)ch->n_series * 13.0 * (double)lines < c->h_px;
    js_buf_printf(g, "plot data index 1 using 1:2:($3) with image pixels, \\\n"
                     "     data index 0 using 1:(-10):xtic(xlab($1)) with points pt 0, \\\n"
                     "     data index 2 using (-10):1:ytic(%s) with points pt 0",
                  frow != CHT_NONE ? "$3 != 0 ? '' : stringcolumn(2)" : "2");
    if (few) /* hatched over: white on dark cells, grey on light ones */
        js_buf_puts(g, ", \\\n     data index 3 using ($3 != 0 ? $1 : NaN):2:(0.5):(0.5) with boxxyerror "
                       "fs transparent pattern 4 noborder lc rgb '#ffffff', \\\n"
                       "     data index 3 using ($3 == 0 ? $1 : NaN):2:(0.5):(0.5) with boxxyerror "
                       "fs transparent pattern 4 noborder lc rgb '#B4B4B4'");
    if (cells)
        js_buf_puts(g, ", \\\n     data index 1 using 1:2:($5 == 0 ? stringcolumn(4) : '') with labels "
                       "font ',8' textcolor rgb c_text, \\\n"
                       "     data index 1 using 1:2:($5 != 0 ? stringcolumn(4) : '') with labels "
                       "font ',8' textcolor rgb '#ffffff'");
    if (frow != CHT_NONE) {
        js_buf_puts(g, ", \\\n     data index 2 using (-0.5):($3 != 0 ? $1 : NaN):(stringcolumn(2)) with labels "
                       "right offset -1.0,0 ");
        cht_put_bold_font(c, 10);
        js_buf_puts(g, " textcolor rgb c_text");
    }
    if (fcol != CHT_NONE) {
        js_buf_printf(g, ", \\\n     data index 0 using ($4 != 0 ? $1 : NaN):(-0.5):(stringcolumn(3)) with labels "
                         "%s ", turn ? "rotate by -30 left offset 0,-0.5" : "center offset 0,-1.0");
        cht_put_bold_font(c, 10);
        js_buf_puts(g, " textcolor rgb c_text");
    }
    if (few)
        cht_put_few_keyentry(c, 1);
    js_buf_putc(g, '\n');
    heat_block(c, &hs);
    heat_rows(c, wrap);
    if (few)
        heat_few(c, &hs);
}
