/*
 * chart_stack.c - the stacked chart: per category (a region) a lying bar
 * per sex, made of its parts side by side from 0 to their whole - the
 * shares of the employed in female-dominated, balanced and male-dominated
 * occupations, which add up to 100 %.
 *
 * The series are the parts, each for one sex or for none: the part is the
 * series' group (0 the leftmost), and chart_fill orders them part by part,
 * women before men.  The bars of a category lie one under the other, women
 * on top, each named at its right end in its sex's colour (the parts have
 * the colours, so the sexes cannot).  A part's left end is the sum of the
 * parts before it in its bar, written as an expression of their columns
 * of the data file: a missing part ("..") leaves itself and the parts
 * after it undrawn - never drawn as 0 - and the bar is marked "..".
 */
#include "plot/chart_int.h"

#include <math.h>
#include <string.h>

enum { STK_MAX_ROWS = 3, STK_MAX_PARTS = 8 };

/* The bars of one category: the sexes in series order, and per bar the
 * series of each part (CHT_NONE where the bar lacks it). */
typedef struct stk_plan {
    size_t n_rows, n_parts;
    js_sex sex[STK_MAX_ROWS];
    size_t part[STK_MAX_ROWS][STK_MAX_PARTS];
    size_t first[STK_MAX_PARTS]; /* the series whose title is the part's legend entry */
} stk_plan;

static void stk_plan_make(const js_chart *ch, stk_plan *p)
{
    memset(p, 0, sizeof *p);
    for (size_t r = 0; r < STK_MAX_ROWS; r++)
        for (size_t g = 0; g < STK_MAX_PARTS; g++)
            p->part[r][g] = CHT_NONE;
    for (size_t g = 0; g < STK_MAX_PARTS; g++)
        p->first[g] = CHT_NONE;
    for (size_t j = 0; j < ch->n_series; j++) {
        const js_chart_series *const s = &ch->series[j];
        if (s->is_compare || s->group < 0 || s->group >= STK_MAX_PARTS)
            continue;
        size_t r = 0;
        while (r < p->n_rows && p->sex[r] != s->sex)
            r++;
        if (r == p->n_rows) {
            if (r == STK_MAX_ROWS)
                continue;
            p->sex[p->n_rows++] = s->sex;
        }
        const size_t g = (size_t)s->group;
        if (p->part[r][g] == CHT_NONE)
            p->part[r][g] = j;
        if (p->first[g] == CHT_NONE)
            p->first[g] = j;
        if (g + 1 > p->n_parts)
            p->n_parts = g + 1;
    }
    if (p->n_rows == 0)
        p->n_rows = 1;
}

size_t cht_stack_rows(const js_chart *ch)
{
    stk_plan p;
    stk_plan_make(ch, &p);
    return p.n_rows;
}

/* The bars' height and the offset of bar r from its category's centre
 * (the first bar on top). */
static double stk_height(const stk_plan *p)
{
    return 0.8 / (double)p->n_rows;
}

static double stk_offset(const stk_plan *p, size_t r)
{
    return ((double)(p->n_rows - 1) / 2.0 - (double)r) * stk_height(p);
}

/* The whole of bar r of category i: the sum of its parts, NaN when one is
 * missing. */
static double stk_whole(const js_chart *ch, const stk_plan *p, size_t r, size_t i)
{
    double sum = 0.0;
    for (size_t g = 0; g < p->n_parts; g++)
        if (p->part[r][g] != CHT_NONE)
            sum += ch->series[p->part[r][g]].values[i];
    return sum;
}

/* A part's fill, and the colour of the value written on it: the balance
 * classes in the sexes' colours and grey, other parts light to dark green. */
static const char *stk_fill(const js_chart *ch, size_t g, size_t n_parts)
{
    static const char *const greens[] = {"'#C7E9C0'", "'#A1D99B'", "'#74C476'", "'#41AB5D'",
                                         "'#238B45'", "'#006D2C'", "'#00441B'", "'#002A10'"};
    if (ch->stack_balance && n_parts == 3)
        return g == 0 ? "c_women" : g == 1 ? "c_neutral" : "c_men";
    const size_t from = n_parts <= 4 ? 1 : 0; /* few parts: skip the palest */
    return greens[g + from < 8 ? g + from : 7];
}

static const char *stk_ink(const js_chart *ch, size_t g, size_t n_parts)
{
    if (ch->stack_balance && n_parts == 3)
        return g == 1 ? "c_text" : "'#ffffff'";
    const size_t from = n_parts <= 4 ? 1 : 0;
    return g + from >= 3 ? "'#ffffff'" : "c_text";
}

/* The left end of part g of bar r, as a gnuplot expression. */
static void stk_start(js_buf *g, const stk_plan *p, size_t r, size_t part)
{
    js_buf_puts(g, "(0");
    for (size_t k = 0; k < part; k++)
        if (p->part[r][k] != CHT_NONE)
            js_buf_printf(g, "+column(%zu)", cht_col_value(p->part[r][k]));
    js_buf_putc(g, ')');
}

/* The axis: 0-100 % for shares that add up to at most 100, else from 0 to
 * the largest whole. */
static void stk_axis(const cht_ctx *c, const stk_plan *p, cht_axis *ax)
{
    const js_chart *const ch = c->ch;
    double top = 0.0;
    for (size_t r = 0; r < p->n_rows; r++)
        for (size_t i = 0; i < ch->n_cats; i++) {
            const double w = stk_whole(ch, p, r, i);
            if (isfinite(w))
                top = fmax(top, w);
        }
    if (ch->percent && top <= 100.5) {
        *ax = (cht_axis){0.0, 100.0, 20.0, 0};
        return;
    }
    cht_axis_nice(0.0, top > 0.0 ? top : 1.0, 5, 1, ax);
}

/* index 1: the bars with a part on few observations (centre, whole),
 * hatched over in white by the script. */
static void stk_few_block(cht_ctx *c, const stk_plan *p)
{
    const js_chart *const ch = c->ch;
    js_buf_puts(&c->dat, "\n\n# index 1: bars with a part on few observations: bar centre, whole\n");
    for (size_t i = 0; i < ch->n_cats; i++)
        for (size_t r = 0; r < p->n_rows; r++) {
            int few = 0;
            for (size_t g = 0; g < p->n_parts; g++)
                few |= p->part[r][g] != CHT_NONE && cht_is_few(ch, p->part[r][g], i);
            const double w = stk_whole(ch, p, r, i);
            if (!few || !isfinite(w))
                continue;
            cht_put_num(&c->dat, (double)(ch->n_cats - 1 - i) + stk_offset(p, r));
            js_buf_putc(&c->dat, '\t');
            cht_put_num(&c->dat, w);
            js_buf_putc(&c->dat, '\n');
        }
}

/* The legend above the plot: one row when the parts' names fit side by
 * side, else one entry a row (the balance classes' names with their
 * bands are long, and gnuplot, told to fit them in columns, lists them
 * one a row anyway); the rows it takes. */
static size_t stk_key(cht_ctx *c, const stk_plan *p)
{
    size_t widest = 0, n = 0;
    for (size_t g = 0; g < p->n_parts; g++)
        if (p->first[g] != CHT_NONE) {
            const size_t w = cht_text_width(c->ch->series[p->first[g]].label);
            widest = w > widest ? w : widest;
            n++;
        }
    n += (size_t)(cht_any_few(c->ch) != 0) + (size_t)(c->ch->has_suppressed != 0);
    /* measured: a key sample and its gap take about 45 px, a letter 6.3 */
    const double row = (double)n * (45.0 + 6.3 * (double)widest);
    if (n <= 1 || row <= 0.95 * c->w_px) {
        cht_key_top(c);
        return 1;
    }
    js_buf_printf(&c->gp, "set key at screen 0.5, screen %.4f center top vertical maxrows %zu "
                          "width 2 samplen 2.5\n", 1.0 - 7.5 / c->h_px, n);
    return n;
}

void cht_kind_stacked(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const g = &c->gp;
    stk_plan p;
    stk_plan_make(ch, &p);
    cht_axis ax;
    stk_axis(c, &p, &ax);
    const double half = stk_height(&p) * 0.45;
    int by_sex = 0;
    for (size_t r = 0; r < p.n_rows; r++)
        by_sex |= p.sex[r] == JS_SEX_WOMEN || p.sex[r] == JS_SEX_MEN;
    const size_t key_rows = stk_key(c, &p);
    js_buf_printf(g, "set yrange [-0.6:%.17g]\nset xrange [%.17g:%.17g]\n", (double)ch->n_cats - 0.4, ax.lo,
                  ax.hi);
    cht_put_tics(g, "x", &ax, ch, 0);
    cht_margins(c, cht_label_margin(c, cht_wrap_width(c)), by_sex ? 9.0 : 3.0, 3.0 + 1.2 * (double)(key_rows - 1),
                cht_bottom_margin(c, 1.2));
    js_buf_puts(g, "set ytics scale 0\nset grid noxtics noytics\n");
    cht_put_axis_titles(c, 1);
    const size_t fi = cht_focus_index(ch);
    if (fi != CHT_NONE)
        cht_put_focus_band(c, fi);
    cht_put_source(c);
    /* the category labels at each category's centre, from an invisible
     * series left of the axis; the focus's in bold below */
    const double away = ax.lo - (ax.hi - ax.lo);
    js_buf_printf(g, "plot data index 0 using (%.17g):($5):ytic(%s) with points pt 0 notitle", away,
                  fi != CHT_NONE ? "($4 != 0 ? '' : stringcolumn(3))" : "3");
    const double min_label = 0.06 * (ax.hi - ax.lo); /* a part narrower than this has no number on it */
    for (size_t r = 0; r < p.n_rows; r++) {
        const double off = stk_offset(&p, r);
        for (size_t part = 0; part < p.n_parts; part++) {
            const size_t j = p.part[r][part];
            if (j == CHT_NONE)
                continue;
            const size_t v = cht_col_value(j);
            js_buf_puts(g, ", \\\n     data index 0 using (");
            stk_start(g, &p, r, part);
            js_buf_printf(g, "+column(%zu)/2):($5%+.4f):(column(%zu)/2):(%.4f) with boxxyerror "
                             "fs solid 1.0 noborder fillcolor rgb %s ",
                          v, off, v, half, stk_fill(ch, part, p.n_parts));
            if (p.first[part] == j) {
                js_buf_puts(g, "title ");
                cht_put_literal(g, ch->series[j].label);
            } else {
                js_buf_puts(g, "notitle");
            }
            js_buf_puts(g, ", \\\n     data index 0 using (");
            stk_start(g, &p, r, part);
            js_buf_printf(g, "+column(%zu)/2):($5%+.4f):(column(%zu) >= %.6g ? stringcolumn(%zu) : '') "
                             "with labels center font ',8' textcolor rgb %s notitle",
                          v, off, v, min_label, cht_col_text(j), stk_ink(ch, part, p.n_parts));
        }
        /* a bar with a part missing says so at its start */
        js_buf_printf(g, ", \\\n     data index 0 using (%.17g):($5%+.4f):(1", ax.lo, off);
        for (size_t part = 0; part < p.n_parts; part++)
            if (p.part[r][part] != CHT_NONE)
                js_buf_printf(g, " && valid(%zu)", cht_col_value(p.part[r][part]));
        js_buf_puts(g, " ? '' : '..') with labels left offset 0.4,0 font ',8' textcolor rgb c_grey notitle");
        if (by_sex) { /* the bar's sex at its right end */
            js_buf_printf(g, ", \\\n     data index 0 using (%.17g):($5%+.4f):(", ax.hi, off);
            cht_put_literal(g, p.sex[r] == JS_SEX_WOMEN ? js_text(ch->lang, "Kvinnor", "Women")
                               : p.sex[r] == JS_SEX_MEN ? js_text(ch->lang, "M\xc3\xa4n", "Men")
                                                        : js_text(ch->lang, "Totalt", "Total"));
            js_buf_printf(g, ") with labels left offset 0.5,0 font ',8' textcolor rgb %s notitle",
                          p.sex[r] == JS_SEX_WOMEN ? "c_women" : p.sex[r] == JS_SEX_MEN ? "c_men" : "c_text");
        }
    }
    const int few = cht_any_few(ch);
    if (few)
        js_buf_printf(g, ", \\\n     data index 1 using ($2/2):($1):($2/2):(%.4f) with boxxyerror "
                         "fs transparent pattern 4 noborder lc rgb '#ffffff' notitle", half);
    if (fi != CHT_NONE)
        cht_put_focus_label(c, ax.lo, 0);
    if (few)
        cht_put_few_keyentry(c, 1);
    cht_put_suppressed_keyentry(c);
    js_buf_putc(g, '\n');
    if (few)
        stk_few_block(c, &p);
}
