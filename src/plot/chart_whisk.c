/*
 * chart_whisk.c - intervals drawn as error bars (whiskers) on bars and
 * ranked bars, and the zero test of a gap chart.
 *
 * A bar whose series carries lo/hi (a result's 95 % interval) gets a thin
 * dark error bar from lo to hi across its end.  Its value label must not
 * sit on the error bar, so it goes beyond the interval's far end: past hi
 * for a value at or above 0, before lo for a value below 0 (hend, lend).
 *
 * A chart of differences (js_chart.zero_test: women minus men) also shows
 * which intervals hold 0: those bars are drawn in a light tint with a
 * border in the full colour, and the legend says "Intervallet omfattar
 * 0".  The script decides from the data file's own lo/hi columns (in0),
 * the same numbers cht_holds_zero reads for the alt text, so picture and
 * text agree.
 */
#include "plot/chart_int.h"

#include <math.h>

int cht_has_interval(const js_chart *ch, size_t j)
{
    return j < ch->n_series && ch->series[j].lo != NULL && ch->series[j].hi != NULL;
}

int cht_any_interval(const js_chart *ch)
{
    if (ch->kind != JS_CHART_BARS && ch->kind != JS_CHART_RANKED)
        return 0;
    for (size_t j = 0; j < ch->n_series; j++)
        if (cht_has_interval(ch, j))
            return 1;
    return 0;
}

int cht_holds_zero(const js_chart *ch, size_t j, size_t i)
{
    if (!ch->zero_test || !cht_has_interval(ch, j) || i >= ch->n_cats)
        return 0;
    const double v = ch->series[j].values[i], lo = ch->series[j].lo[i], hi = ch->series[j].hi[i];
    return isfinite(v) && isfinite(lo) && isfinite(hi) && lo <= 0.0 && hi >= 0.0;
}

const char *cht_zero_words(const js_chart *ch)
{
    return js_text(ch->lang, "Intervallet omfattar 0", "Interval includes 0");
}

void cht_put_whisk_defs(cht_ctx *c)
{
    js_buf *const g = &c->gp;
    /* the neutral bars of a zero test: a grey dark enough (3.4:1 on white)
     * that its tint (#E0E0E0) reads as lighter, light enough that the dark
     * error bar shows on it (5:1) */
    js_buf_printf(g, "Z = %d   # zero test: bars whose interval holds 0 are tinted\n"
                     "c_whisk = c_text\nc_full = '#8C8C8C'\nc_zero = '#E0E0E0'\n"
                     "in0(l) = Z && valid(l) && valid(l + 1) && column(l) <= 0 && column(l + 1) >= 0\n"
                     "hend(x, h) = (valid(h) && column(h) > x) ? column(h) : x\n"
                     "lend(x, l) = (valid(l) && column(l) < x) ? column(l) : x\n",
                  c->ch->zero_test ? 1 : 0);
}

void cht_put_whiskers(cht_ctx *c, const char *at, size_t l, int lying, double cap)
{
    /* vectors, not "with xerrorbars": those leave a white gap around the
     * value's point even at pointsize 0 (gnuplot 5.4.4, seen in the PNG) */
    js_buf *const g = &c->gp;
    const char *const style = "with vectors nohead lc rgb c_whisk lw 1.2 dt solid notitle";
    if (lying) {
        js_buf_printf(g, ", \\\n     data index 0 using (column(%zu)):%s:(column(%zu) - column(%zu)):(0) %s", l, at,
                      l + 1, l, style);
        for (size_t k = 0; k < 2; k++)
            js_buf_printf(g, ", \\\n     data index 0 using (valid(%zu) ? column(%zu) : NaN):(%s - %.4f):(0):(%.4f) %s",
                          l + 1 - k, l + k, at, cap, 2.0 * cap, style);
    } else {
        js_buf_printf(g, ", \\\n     data index 0 using %s:(column(%zu)):(0):(column(%zu) - column(%zu)) %s", at, l,
                      l + 1, l, style);
        for (size_t k = 0; k < 2; k++)
            js_buf_printf(g, ", \\\n     data index 0 using (%s - %.4f):(valid(%zu) ? column(%zu) : NaN):(%.4f):(0) %s",
                          at, cap, l + 1 - k, l + k, 2.0 * cap, style);
    }
}

void cht_put_zero_line(cht_ctx *c, double axis_lo, double axis_hi, int vertical)
{
    if (!(axis_lo < 0.0 && axis_hi > 0.0))
        return;
    if (vertical)
        js_buf_puts(&c->gp, "set arrow 70 from first 0, graph 0 to first 0, graph 1 nohead front "
                            "lc rgb '#555555' lw 1.2 dt solid\n");
    else
        js_buf_puts(&c->gp, "set arrow 70 from graph 0, first 0 to graph 1, first 0 nohead front "
                            "lc rgb '#555555' lw 1.2 dt solid\n");
}

void cht_put_whisk_keyentries(cht_ctx *c, int vertical, const char *tint, const char *border, int full)
{
    js_buf *const g = &c->gp;
    if (full && c->ch->zero_test) {
        js_buf_printf(g, ", \\\n     keyentry with boxes fs solid 1.0 noborder fillcolor rgb %s title ", border);
        cht_put_literal(g, js_text(c->ch->lang, "Intervallet utesluter 0", "Interval excludes 0"));
    }
    if (c->ch->band_label != NULL) {
        js_buf_printf(g, ", \\\n     keyentry with %s lc rgb c_whisk lw 1.2 ps 0 title ",
                      vertical ? "xerrorbars" : "yerrorbars");
        cht_put_literal(g, c->ch->band_label);
    }
    int tinted = 0; /* an entry only for what is drawn */
    for (size_t j = 0; j < c->ch->n_series; j++)
        for (size_t i = 0; i < c->ch->n_cats; i++)
            tinted |= cht_holds_zero(c->ch, j, i);
    if (tinted) {
        js_buf_printf(g, ", \\\n     keyentry with boxes fs solid 1.0 border lc rgb %s fillcolor rgb %s title ",
                      border, tint);
        cht_put_literal(g, cht_zero_words(c->ch));
    }
}
