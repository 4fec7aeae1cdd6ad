/*
 * chart_focus.c - what the kinds share to show the focus category and the
 * values that rest on few observations.
 *
 * The focus (the analysis's home region) is a category label; a kind
 * marks its row or column with a light band or an outline in the
 * highlight colour and writes its label in bold.  Values flagged "few"
 * (js_chart_series.few: small_n in the results) are hatched or drawn as
 * open markers, and the legend says so in one entry.  Nothing here puts
 * text from the data into the script: the words are the program's own.
 */
#include "plot/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int cht_is_focus(const js_chart *ch, size_t i)
{
    return ch->focus != NULL && ch->cat_labels != NULL && i < ch->n_cats && ch->cat_labels[i] != NULL &&
           strcmp(ch->focus, ch->cat_labels[i]) == 0;
}

size_t cht_focus_index(const js_chart *ch)
{
    for (size_t i = 0; i < ch->n_cats; i++)
        if (cht_is_focus(ch, i))
            return i;
    return CHT_NONE;
}

int cht_is_few(const js_chart *ch, size_t j, size_t i)
{
    return j < ch->n_series && i < ch->n_cats && ch->series[j].few != NULL && ch->series[j].few[i] != 0 &&
           isfinite(ch->series[j].values[i]);
}

int cht_any_few(const js_chart *ch)
{
    for (size_t j = 0; j < ch->n_series; j++)
        for (size_t i = 0; i < ch->n_cats; i++)
            if (cht_is_few(ch, j, i))
                return 1;
    return 0;
}

const char *cht_few_words(const js_chart *ch)
{
    return js_text(ch->lang, "Få observationer", "Few observations");
}

static unsigned hex_digit(char h)
{
    return h >= '0' && h <= '9' ? (unsigned)(h - '0')
         : h >= 'a' && h <= 'f' ? (unsigned)(h - 'a' + 10)
         : h >= 'A' && h <= 'F' ? (unsigned)(h - 'A' + 10)
                                : 0u;
}

/* 18 % of the highlight over white: #009E73 gives #D1EEE6, light enough
 * behind bars of any colour, dark enough to be seen on white. */
void cht_focus_tint(const js_chart *ch, char *out)
{
    const char *const h = ch->style.highlight != NULL && cht_colour_ok(ch->style.highlight)
                              ? ch->style.highlight : "#009E73";
    unsigned rgb[3];
    for (size_t k = 0; k < 3; k++) {
        const unsigned v = hex_digit(h[1 + 2 * k]) * 16u + hex_digit(h[2 + 2 * k]);
        rgb[k] = (unsigned)lround(255.0 - 0.18 * (255.0 - (double)v));
    }
    (void)snprintf(out, 8, "#%02X%02X%02X", rgb[0] & 0xFFu, rgb[1] & 0xFFu, rgb[2] & 0xFFu);
}

void cht_put_bold_font(cht_ctx *c, int size)
{
    /* checked by check_chart: letters, digits, space and '-' */
    js_buf_printf(&c->gp, "font '%s Bold,%d'", c->ch->style.font != NULL ? c->ch->style.font : "Arial", size);
}

void cht_put_few_keyentry(cht_ctx *c, int box)
{
    js_buf *const g = &c->gp;
    if (box)
        js_buf_puts(g, ", \\\n     keyentry with boxes fs transparent pattern 4 border lc rgb c_grey fillcolor rgb c_grey title ");
    else
        js_buf_puts(g, ", \\\n     keyentry with points pt 6 ps 1.3 lc rgb c_grey title ");
    cht_put_literal(g, cht_few_words(c->ch));
}

void cht_put_suppressed_keyentry(cht_ctx *c)
{
    if (!c->ch->has_suppressed)
        return;
    js_buf_puts(&c->gp, ", \\\n     keyentry with points pt 0 lc rgb c_grey title ");
    cht_put_literal(&c->gp, js_text(c->ch->lang, "..  skyddat v\xc3\xa4rde", "..  suppressed value"));
}

void cht_put_few_key_alone(cht_ctx *c)
{
    js_buf_printf(&c->gp, "set key at screen 0.988, screen %.4f right bottom horizontal maxrows 1 "
                          "samplen 2.5 width 1 font ',9'\n", 2.0 / c->h_px);
}

/* The band behind the focus category, across its label and the plot. */
void cht_put_focus_band(cht_ctx *c, size_t fi)
{
    char tint[8];
    cht_focus_tint(c->ch, tint);
    const double at = c->lying ? (double)(c->ch->n_cats - 1 - fi) : (double)fi;
    if (c->lying)
        js_buf_printf(&c->gp, "set object 80 rect from screen 0, first %.17g to graph 1, first %.17g", at - 0.5,
                      at + 0.5);
    else
        js_buf_printf(&c->gp, "set object 80 rect from first %.17g, graph 0 to first %.17g, graph 1", at - 0.5,
                      at + 0.5);
    js_buf_puts(&c->gp, " behind fillcolor rgb ");
    cht_put_literal(&c->gp, tint);
    js_buf_puts(&c->gp, " fillstyle solid 1.0 noborder\n");
}

/* The focus category's label in bold, in place of its tic label (which
 * the tic expression leaves empty); turn = the labels are turned. */
void cht_put_focus_label(cht_ctx *c, double axis_lo, int turn)
{
    js_buf *const g = &c->gp;
    if (c->lying)
        js_buf_printf(g, ", \\\n     data index 0 using (%.17g):($4 != 0 ? $5 : NaN):(stringcolumn(3)) "
                         "with labels right offset -1.0,0 ", axis_lo);
    else
        js_buf_printf(g, ", \\\n     data index 0 using ($4 != 0 ? $1 : NaN):(%.17g):(stringcolumn(3)) "
                         "with labels %s ", axis_lo, turn ? "rotate by -30 left offset 0,-0.5" : "center offset 0,-1.0");
    cht_put_bold_font(c, 10);
    js_buf_puts(g, " textcolor rgb c_text notitle");
}
