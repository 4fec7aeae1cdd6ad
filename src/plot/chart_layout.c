/*
 * chart_layout.c - the layout controls authors ask for (issue #15):
 * the title in the image or not, the value axis's title from the unit,
 * and the grid of small multiples.
 *
 * Title in the image.  The kinds lay a chart out on w_px × h_px and place
 * a few things in screen coordinates (the legend above the plot, the
 * scatter's square, the source line).  A title band of title_px is added
 * on top: the image becomes w_px × (h_px + title_px), "set size 1, s" with
 * s = h_px / (h_px + title_px) puts the kinds' plot (margins counted in
 * characters) in the lower part, and every screen y coordinate the kinds
 * wrote is multiplied by s so that it lands where it would have been in
 * the lower part.  The title itself goes through cht_put_literal_wrapped
 * like every text, so no title can become gnuplot code.
 *
 * Axis titles from the unit.  ch->unit is the indicator's unit as
 * jamstat states it ("%", "personer", "procentenheter", "per 1 000");
 * the value axis gets "Procent", "Antal" or the unit capitalised, unless
 * the author gave that axis a title (x_label, y_label; "" for none).
 */
#include "plot/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- The value axis's title -------------------------------------------- */

/* Copy s into buf with its first letter upper-case: ASCII, and the
 * Latin-1 letters à-þ (U+00E0-U+00FE but U+00F7) written as C3 A0-BE. */
static void capitalise(const char *s, char *buf, size_t cap)
{
    (void)snprintf(buf, cap, "%s", s);
    unsigned char *const u = (unsigned char *)buf;
    if (u[0] >= 'a' && u[0] <= 'z')
        u[0] = (unsigned char)(u[0] - 'a' + 'A');
    else if (u[0] == 0xC3 && u[1] >= 0xA0 && u[1] <= 0xBE && u[1] != 0xB7)
        u[1] = (unsigned char)(u[1] - 0x20);
}

const char *cht_unit_title(const js_chart *ch, char *buf, size_t cap)
{
    /* the LaTeX variant's unit is LaTeX source already: "%" is "\\%" */
    const char *const u = ch->unit, *const pc = ch->latex ? "\\%" : "%";
    const size_t pc_len = strlen(pc);
    if (ch->kind == JS_CHART_SHARE100 || ch->percent || (u != NULL && strcmp(u, pc) == 0))
        return js_text(ch->lang, "Procent", "Percent");
    if (u == NULL || u[0] == '\0' || cap == 0)
        return NULL;
    if (strcmp(u, "personer") == 0 || strcmp(u, "persons") == 0)
        return js_text(ch->lang, "Antal", "Number");
    if (strncmp(u, pc, pc_len) == 0 && u[pc_len] == ' ') { /* "% av alla" */
        (void)snprintf(buf, cap, "%s%s", js_text(ch->lang, "Procent", "Percent"), u + pc_len);
        return buf;
    }
    capitalise(u, buf, cap);
    return buf;
}

int cht_value_axis(const js_chart *ch, int lying)
{
    switch (ch->kind) {
    case JS_CHART_PYRAMID:
    case JS_CHART_RANKED:
    case JS_CHART_DUMBBELL:
    case JS_CHART_SHARE100:
    case JS_CHART_STACKED:
        return 'x';
    case JS_CHART_BARS:
        return lying ? 'x' : 'y';
    case JS_CHART_LINES:
    case JS_CHART_SMALL_MULTIPLES:
        return 'y';
    case JS_CHART_SCATTER:
    case JS_CHART_HEATMAP:
        return 0;
    }
    return 0;
}

/* ---- Title in the image ------------------------------------------------ */

/* The title is set in 12 pt: about 8.4 px a character and 17 px a line
 * (measured like chart_write.c's 7 px at 10 pt); the band has 10 px above
 * the first line and 8 px below the last. */
#define TITLE_CHAR_PX 8.4
#define TITLE_LINE_PX 17.0

int cht_title_band(const js_chart *ch, int w_px, size_t *wrap)
{
    *wrap = 0;
    if (!ch->title_in_image || ch->title == NULL || ch->title[0] == '\0')
        return 0;
    const double chars = ((double)w_px - 24.0) / TITLE_CHAR_PX;
    *wrap = chars < 12.0 ? 12 : (size_t)chars;
    size_t lines, longest;
    cht_wrap_measure(ch->title, cht_text_width(ch->title) > *wrap ? *wrap : 0, &lines, &longest);
    return (int)lround(18.0 + TITLE_LINE_PX * (double)lines);
}

void cht_put_title(cht_ctx *c, int label_tag)
{
    if (c->title_px <= 0)
        return;
    const js_chart *const ch = c->ch;
    const int wrap = cht_text_width(ch->title) > c->title_wrap;
    js_buf_printf(&c->gp, "set label %d ", label_tag);
    cht_put_literal_wrapped(&c->gp, ch->title, wrap ? c->title_wrap : 0);
    /* a label's first line is centred on its y; the lines below follow */
    js_buf_printf(&c->gp, " at screen %.4f, screen %.4f left front textcolor rgb c_text font ',12'\n",
                  12.0 / c->w_px, 1.0 - (10.0 + TITLE_LINE_PX / 2.0) / c->canvas_h_px);
}

/* Is p at one of the patterns whose number is a screen y coordinate?
 * Returns the pattern's length, or 0. */
static size_t screen_y_at(const char *p)
{
    static const char *const pats[] = {", screen ", "tmargin at screen ", "bmargin at screen "};
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++) {
        const size_t n = strlen(pats[i]);
        if (strncmp(p, pats[i], n) == 0)
            return n;
    }
    return 0;
}

void cht_scale_screen_y(js_buf *gp, size_t from, double scale)
{
    if (gp->failed || gp->len <= from)
        return;
    js_buf out;
    js_buf_init(&out);
    const char *const s = js_buf_cstr(gp);
    js_buf_append(&out, s, from);
    const char *p = s + from;
    while (*p != '\0') {
        if (*p == '\'') { /* a literal: '' inside it is a quote, and ends and restarts the scan */
            const char *const q = strchr(p + 1, '\'');
            const size_t n = q != NULL ? (size_t)(q - p) + 1 : strlen(p);
            js_buf_append(&out, p, n);
            p += n;
            continue;
        }
        if (*p == '"') { /* only the writer's own "\n" */
            const char *q = p + 1;
            while (*q != '\0' && *q != '"')
                q += q[0] == '\\' && q[1] != '\0' ? 2 : 1;
            const size_t n = (size_t)(q - p) + (*q == '"');
            js_buf_append(&out, p, n);
            p += n;
            continue;
        }
        if (*p == '#') { /* a comment, to the end of its line */
            const size_t n = strcspn(p, "\n");
            js_buf_append(&out, p, n);
            p += n;
            continue;
        }
        const size_t n = screen_y_at(p);
        if (n > 0) {
            char *end = NULL;
            const double y = strtod(p + n, &end);
            if (end != p + n) {
                js_buf_append(&out, p, n);
                js_buf_printf(&out, "%.4f", y * scale);
                p = end;
                continue;
            }
        }
        js_buf_putc(&out, *p++);
    }
    if (out.failed) {
        gp->failed = 1;
        js_buf_fini(&out);
        return;
    }
    js_buf_fini(gp);
    *gp = out;
}

/* ---- Small multiples: the grid ----------------------------------------- */

size_t cht_multi_grid(const js_chart *ch, int w_px, size_t *cols, size_t *rows)
{
    size_t np = 0;
    for (size_t j = 0; j < ch->n_series; j++) {
        const char *const a = ch->series[j].label != NULL ? ch->series[j].label : "";
        const char *const b = j > 0 && ch->series[j - 1].label != NULL ? ch->series[j - 1].label : "";
        np += j == 0 || strcmp(a, b) != 0;
    }
    /* Columns for panels about 150 px wide on an 800 px image: 21 counties
     * in 5 columns and 5 rows, never more than 6 across and never less
     * than 120 px a panel (tic labels need the room); more panels make
     * the image taller, not the panels smaller. */
    size_t k = np <= 1 ? 1 : np <= 3 ? np : np == 4 ? 2 : np <= 9 ? 3 : np <= 16 ? 4 : np <= 25 ? 5 : 6;
    const size_t fit = w_px > 180 ? (size_t)(w_px - 60) / 120 : 1; /* panels of 120 px at least */
    k = k > fit ? fit : k;
    k = k < 1 ? 1 : k;
    *cols = k;
    *rows = np == 0 ? 1 : (np + k - 1) / k;
    return np;
}
