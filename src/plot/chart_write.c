/*
 * chart_write.c - js_chart_write: NAME.gp, NAME.dat and the theme copy.
 *
 * One script renders every format: it does not contain a fixed terminal but
 * picks one from the variable fmt, which the renderer sets on the command
 * line (gnuplot -d -e "fmt='svg'" NAME.gp); without it the script makes a
 * PNG, so "gnuplot NAME.gp" by hand just works.  After the terminal it loads
 * ./jamstat-theme.gp, then the kind-specific part (chart_kinds*.c) sets
 * margins, ranges and tics and plots columns of NAME.dat.
 *
 * Everything the caller wrote (labels, source, axis titles, series labels)
 * enters the script only through cht_put_literal and the data file only
 * through cht_put_field (chart_text.c); numbers through cht_put_num.
 */
#include "plot/chart_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/fileio.h"

/* ---- Columns, series roles ------------------------------------------- */

size_t cht_col_value(size_t j) { return 6 + 4 * j; }
size_t cht_col_text(size_t j) { return 7 + 4 * j; }
size_t cht_col_lo(size_t j) { return 8 + 4 * j; }
size_t cht_col_hi(size_t j) { return 9 + 4 * j; }

int cht_series_ls(const cht_ctx *c, size_t j)
{
    const js_chart_series *const s = &c->ch->series[j];
    const int base = s->sex == JS_SEX_WOMEN ? 1 : s->sex == JS_SEX_MEN ? 2 : 8;
    if (!s->is_compare || base == 8)
        return base;
    return base + 3;
}

const char *cht_series_title(const cht_ctx *c, size_t j)
{
    const js_chart_series *const s = &c->ch->series[j];
    if (s->label != NULL && s->label[0] != '\0')
        return s->label;
    if (s->sex == JS_SEX_WOMEN)
        return js_text(c->ch->lang, "Kvinnor", "Women");
    if (s->sex == JS_SEX_MEN)
        return js_text(c->ch->lang, "Män", "Men");
    return js_text(c->ch->lang, "Totalt", "Total");
}

int cht_series_lone(const cht_ctx *c, size_t j)
{
    const js_chart *const ch = c->ch;
    const js_chart_series *const s = &ch->series[j];
    return ch->n_series == 1 && s->sex != JS_SEX_WOMEN && s->sex != JS_SEX_MEN && !s->is_compare &&
           (s->label == NULL || s->label[0] == '\0' || strcmp(s->label, js_text(ch->lang, "Totalt", "Total")) == 0);
}

void cht_put_series_title(cht_ctx *c, size_t j)
{
    if (cht_series_lone(c, j)) {
        js_buf_puts(&c->gp, "notitle");
        return;
    }
    js_buf_puts(&c->gp, "title ");
    cht_put_literal(&c->gp, cht_series_title(c, j));
}

static const char *cat_label(const js_chart *ch, size_t i)
{
    return ch->cat_labels != NULL && ch->cat_labels[i] != NULL ? ch->cat_labels[i] : "";
}

/* ---- Validation ------------------------------------------------------- */

static js_status check_colour(const js_chart *ch, const char *what, const char *v, js_diag *d)
{
    if (v == NULL || cht_colour_ok(v))
        return JS_OK;
    js_buf clean;
    js_buf_init(&clean);
    cht_put_clean(&clean, v);
    js_diag_error(d, NULL, 0, 0, "chart \"%s\": style colour for %s: expected \"#RRGGBB\", found \"%s\"",
                  ch->name, what, js_buf_cstr(&clean));
    js_buf_fini(&clean);
    return JS_EUSAGE;
}

static js_status check_chart(const js_chart *ch, js_diag *d)
{
    if (!js_file_name_ok(ch->name)) {
        js_buf clean;
        js_buf_init(&clean);
        cht_put_clean(&clean, ch->name);
        js_diag_error(d, NULL, 0, 0,
                      "chart name: expected 1-100 characters from [A-Za-z0-9._-] not starting "
                      "with '.' or '-', found \"%s\"", js_buf_cstr(&clean));
        js_buf_fini(&clean);
        return JS_EUSAGE;
    }
    if ((unsigned)ch->kind > (unsigned)JS_CHART_STACKED) {
        js_diag_error(d, NULL, 0, 0, "chart \"%s\": expected a chart kind 0-9, found %d", ch->name,
                      (int)ch->kind);
        return JS_EUSAGE;
    }
    if (ch->n_cats == 0 || ch->n_series == 0 || ch->series == NULL) {
        js_diag_error(d, NULL, 0, 0, "chart \"%s\": expected at least one category and one series, "
                      "found %zu categories and %zu series", ch->name, ch->n_cats, ch->n_series);
        return JS_EDATA;
    }
    for (size_t j = 0; j < ch->n_series; j++) {
        if (ch->series[j].values == NULL) {
            js_diag_error(d, NULL, 0, 0, "chart \"%s\": series %zu has no values", ch->name, j + 1);
            return JS_EDATA;
        }
    }
    const double cm[3] = {ch->width_cm, ch->height_cm, ch->latex_width_cm};
    for (size_t k = 0; k < 3; k++) {
        const int zero = !(cm[k] > 0.0) && !(cm[k] < 0.0) && !isnan(cm[k]); /* 0: not given */
        if (!zero && !(cm[k] >= 1.0 && cm[k] <= 200.0)) {
            js_diag_error(d, NULL, 0, 0, "chart \"%s\": %s: expected 0 (none) or 1 to 200 cm, found %g",
                          ch->name, k == 0 ? "width_cm" : k == 1 ? "height_cm" : "latex_width_cm", cm[k]);
            return JS_EUSAGE;
        }
    }
    js_status st = check_colour(ch, "women", ch->style.women, d);
    if (st == JS_OK)
        st = check_colour(ch, "men", ch->style.men, d);
    if (st == JS_OK)
        st = check_colour(ch, "highlight", ch->style.highlight, d);
    if (st == JS_OK && ch->style.font != NULL && !cht_font_ok(ch->style.font)) {
        js_diag_error(d, NULL, 0, 0, "chart \"%s\": style font: expected a family name of letters, "
                      "digits, spaces and '-', found another text", ch->name);
        st = JS_EUSAGE;
    }
    return st;
}

/* ---- Context ---------------------------------------------------------- */

static void widen(cht_ctx *c, const double *v)
{
    if (v == NULL)
        return;
    for (size_t i = 0; i < c->ch->n_cats; i++) {
        if (isfinite(v[i])) {
            c->vmin = fmin(c->vmin, v[i]);
            c->vmax = fmax(c->vmax, v[i]);
        }
    }
}

void cht_find_roles(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    c->women = c->men = c->cmp_women = c->cmp_men = c->first = CHT_NONE;
    for (size_t j = 0; j < ch->n_series; j++) {
        const js_chart_series *const s = &ch->series[j];
        size_t *const slot = s->sex == JS_SEX_WOMEN ? (s->is_compare ? &c->cmp_women : &c->women)
                             : s->sex == JS_SEX_MEN ? (s->is_compare ? &c->cmp_men : &c->men)
                                                    : NULL;
        if (slot != NULL && *slot == CHT_NONE)
            *slot = j;
        if (!s->is_compare && c->first == CHT_NONE)
            c->first = j;
    }
    if (c->first == CHT_NONE)
        c->first = 0;
}

/* Lying layouts: categories down the y axis.  Standing bars lie down when
 * their labels or their number would not fit side by side. */
static int is_lying(const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    switch (ch->kind) {
    case JS_CHART_RANKED:
    case JS_CHART_DUMBBELL:
    case JS_CHART_SHARE100:
    case JS_CHART_STACKED:
        return 1;
    case JS_CHART_BARS:
        return ch->horizontal || c->max_label > 30 || ch->n_cats * ch->n_series > 30 ||
               (ch->value_labels && ch->n_cats * ch->n_series > 20);
    case JS_CHART_PYRAMID:
    case JS_CHART_LINES:
    case JS_CHART_SCATTER:
    case JS_CHART_HEATMAP:
    case JS_CHART_SMALL_MULTIPLES:
        return 0;
    }
    return 0;
}

/* Lines of the most-wrapped category label, and the longest wrapped line. */
static void label_extent(const cht_ctx *c, size_t wrap_at, size_t *lines, size_t *longest)
{
    *lines = 1;
    *longest = 0;
    for (size_t i = 0; i < c->ch->n_cats; i++) {
        size_t l, w;
        cht_wrap_measure(cat_label(c->ch, i), wrap_at, &l, &w);
        *lines = l > *lines ? l : *lines;
        *longest = w > *longest ? w : *longest;
    }
}

/* Height for a lying layout when the caller left it open: enough room for
 * every label, rows being equally spaced: 22 px a category, 13 px more for
 * each extra bar, and 12.5 px a line of the most-wrapped label. */
static int lying_height(const cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    const size_t bars = ch->kind == JS_CHART_BARS      ? ch->n_series
                        : ch->kind == JS_CHART_STACKED ? cht_stack_rows(ch)
                                                       : 1;
    size_t lines, longest;
    label_extent(c, cht_wrap_width(c), &lines, &longest);
    double row = 22.0 + 13.0 * (double)(bars - 1);
    row = fmax(row, 6.0 + 12.5 * (double)lines);
    const double h = 130.0 + row * (double)ch->n_cats;
    return h < 400.0 ? 400 : h > 8000.0 ? 8000 : (int)h;
}

/* Height for small multiples when the caller left it open: up to three
 * rows of panels 500 px as before; more rows get 150 px each (a 16 px
 * title, a plot of about 110 px), 130 px from six rows on (21 counties on
 * 16 cm: 23 cm, within an A4 page's text), below the legend (30 px) and
 * above the x tic labels and the source line (60 px). */
static int multi_height(const cht_ctx *c)
{
    size_t cols, rows;
    (void)cht_multi_grid(c->ch, c->w_px, &cols, &rows);
    const double row = rows > 5 ? 130.0 : 150.0; /* six rows and more: an A4 page's height */
    const double h = 30.0 + row * (double)rows + 60.0;
    return rows <= 3 ? 500 : h > 4000.0 ? 4000 : (int)h;
}

/* cm at 96 px an inch, as whole pixels; 0 for 0. */
static int cm_to_px(double cm)
{
    return cm > 0.0 ? (int)lround(cm / 2.54 * 96.0) : 0;
}

/* The width the layout is made for: width_cm (at 96 px an inch), else
 * width in pixels, else for the LaTeX variant its cairolatex width; 0 =
 * the kind's own default. */
static int layout_width(const js_chart *ch)
{
    if (ch->width_cm > 0.0)
        return cm_to_px(ch->width_cm);
    if (ch->width_px > 0)
        return ch->width_px;
    if (ch->latex)
        return cm_to_px(ch->latex_width_cm > 0.0 ? ch->latex_width_cm : JS_CHART_LATEX_WIDTH_CM);
    return 0;
}

/* The height asked for (height_cm, else height in pixels); 0 = open. */
static int asked_height(const js_chart *ch)
{
    return ch->height_cm > 0.0 ? cm_to_px(ch->height_cm) : ch->height_px > 0 ? ch->height_px : 0;
}

static void ctx_init(cht_ctx *c, const js_chart *ch)
{
    memset(c, 0, sizeof *c);
    c->ch = ch;
    js_buf_init(&c->gp);
    js_buf_init(&c->dat);
    /* a scatter plot is square: 640 px leave room for the names beside it */
    const int dw = ch->kind == JS_CHART_SCATTER ? 640 : 800, want_w = layout_width(ch);
    const int want_h = asked_height(ch);
    c->w_px = want_w > 0 ? want_w : dw;
    /* a width in cm keeps the default proportions (800 × 500) */
    c->h_px = want_h > 0 ? want_h
            : ch->width_cm > 0.0 || (ch->latex && ch->width_px <= 0) ? (int)lround(c->w_px * 500.0 / dw)
                                                                      : 500;
    c->cm_per_px = ch->width_cm > 0.0 ? ch->width_cm / c->w_px : 2.54 / 96.0;
    c->vmin = (double)INFINITY;
    c->vmax = -(double)INFINITY;
    cht_find_roles(c);
    for (size_t j = 0; j < ch->n_series; j++) {
        widen(c, ch->series[j].values);
        widen(c, ch->series[j].lo);
        widen(c, ch->series[j].hi);
    }
    /* the author's ends of the value axis ([chart] y_min, y_max, y_zero) */
    if (ch->y_set & JS_Y_MIN)
        c->vmin = ch->y_min;
    if (ch->y_set & JS_Y_MAX)
        c->vmax = ch->y_max;
    if (ch->y_set & JS_Y_ZERO) {
        c->vmin = fmin(c->vmin, 0.0);
        c->vmax = fmax(c->vmax, 0.0);
    }
    /* the kinds that draw reference and target lines show them on the axis */
    if (ch->kind == JS_CHART_BARS || ch->kind == JS_CHART_DUMBBELL || ch->kind == JS_CHART_RANKED ||
        ch->kind == JS_CHART_LINES) {
        cht_line lines[3];
        const size_t n = cht_ref_lines(ch, lines);
        for (size_t k = 0; k < n; k++) {
            c->vmin = fmin(c->vmin, lines[k].value);
            c->vmax = fmax(c->vmax, lines[k].value);
        }
    }
    for (size_t i = 0; i < ch->n_cats; i++) {
        const size_t w = cht_text_width(cat_label(ch, i));
        c->max_label = w > c->max_label ? w : c->max_label;
    }
    c->lying = is_lying(c);
    c->xtic_lines = 1.2;
    /* A long list of long labels (occupations) gets a wider image, so that
     * the labels wrap into fewer lines and the rows stay 22 px apart. */
    if (c->lying && want_w <= 0 && c->max_label > 34 && ch->n_cats > 24)
        c->w_px = 1000;
    if (c->lying && want_h <= 0)
        c->h_px = lying_height(c);
    if (ch->kind == JS_CHART_SMALL_MULTIPLES && want_h <= 0)
        c->h_px = multi_height(c);
    /* the title band: on top of an open height, inside an asked one */
    c->title_px = cht_title_band(ch, c->w_px, &c->title_wrap);
    if (ch->kind == JS_CHART_SMALL_MULTIPLES) { /* its panels make room for it themselves */
        c->h_px += want_h > 0 ? 0 : c->title_px;
        c->canvas_h_px = c->h_px;
    } else if (want_h > 0) {
        c->canvas_h_px = c->h_px;
        c->h_px = c->h_px - c->title_px > 150 ? c->h_px - c->title_px : 150;
    } else {
        c->canvas_h_px = c->h_px + c->title_px;
    }
}

static void ctx_fini(cht_ctx *c)
{
    js_buf_fini(&c->gp);
    js_buf_fini(&c->dat);
    js_free(c->rank);
    c->rank = NULL;
}

/* RANKED: order by the first series, descending; missing values last;
 * ties keep the caller's order (insertion sort: n is small). */
static int make_rank(cht_ctx *c)
{
    const size_t n = c->ch->n_cats;
    const double *const v = c->ch->series[c->first].values;
    c->rank = js_calloc(n, sizeof *c->rank);
    if (c->rank == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t k = i;
        while (k > 0) {
            const double a = v[c->rank[k - 1]], b = v[i];
            const int before = isnan(a) ? !isnan(b) : (!isnan(b) && b > a);
            if (!before)
                break;
            c->rank[k] = c->rank[k - 1];
            k--;
        }
        c->rank[k] = i;
    }
    return 0;
}

/* ---- Data file -------------------------------------------------------- */

/* Lying layouts: labels longer than 34 characters wrap at 28 (52 on a
 * 1000 px image); on a narrow image (width_cm for a page) at what the
 * left margin holds, 45 % of the width (cht_label_margin), so that they
 * never run out of the image. */
static size_t lying_wrap(const cht_ctx *c)
{
    const double fits = (0.45 * c->w_px / 7.0 - 2.5) / 0.95;
    const size_t room = fits < 12.0 ? 12 : (size_t)fits;
    size_t wrap = c->max_label > 34 ? (c->w_px >= 1000 ? 52 : 28) : 0;
    if (c->max_label > room && (wrap == 0 || wrap > room))
        wrap = room;
    return wrap;
}

size_t cht_wrap_width(const cht_ctx *c)
{
    switch (c->ch->kind) {
    case JS_CHART_RANKED:
    case JS_CHART_DUMBBELL:
    case JS_CHART_SHARE100:
    case JS_CHART_STACKED:
        return lying_wrap(c);
    case JS_CHART_BARS:
        return c->lying ? lying_wrap(c) : (c->max_label > 24 ? 18 : 0);
    case JS_CHART_PYRAMID:
    case JS_CHART_LINES:
    case JS_CHART_SCATTER:
    case JS_CHART_HEATMAP:
    case JS_CHART_SMALL_MULTIPLES:
        return 0;
    }
    return 0;
}

static void put_data_header(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const b = &c->dat;
    js_buf_puts(b, "# jamstat chart data: ");
    cht_put_clean(b, ch->name);
    js_buf_puts(b, "\n# tab-separated, C-locale numbers, '..' = missing\n# i\tx\tlabel\tfocus\tpos");
    for (size_t j = 0; j < ch->n_series; j++) {
        js_buf_puts(b, "\t[");
        cht_put_clean(b, cht_series_title(c, j));
        js_buf_puts(b, "]\ttext\tlo\thi");
    }
    js_buf_putc(b, '\n');
}

static void put_data_rows(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const b = &c->dat;
    const size_t n = ch->n_cats, wrap = cht_wrap_width(c);
    for (size_t i = 0; i < n; i++) {
        size_t pos = n - 1 - i;
        if (c->rank != NULL)
            for (size_t r = 0; r < n; r++)
                if (c->rank[r] == i)
                    pos = n - 1 - r;
        js_buf_printf(b, "%zu\t", i);
        cht_put_num(b, ch->cat_x != NULL ? ch->cat_x[i] : (double)i);
        js_buf_putc(b, '\t');
        cht_put_field(b, cat_label(ch, i), wrap);
        const int focus = ch->focus != NULL && strcmp(ch->focus, cat_label(ch, i)) == 0;
        js_buf_printf(b, "\t%d\t%zu", focus, pos);
        for (size_t j = 0; j < ch->n_series; j++) {
            const js_chart_series *const s = &ch->series[j];
            char txt[64];
            cht_fmt_value(ch, s->values[i], 0, txt, sizeof txt);
            js_buf_putc(b, '\t');
            cht_put_num(b, s->values[i]);
            js_buf_putc(b, '\t');
            cht_put_field(b, txt, 0);
            js_buf_putc(b, '\t');
            cht_put_num(b, s->lo != NULL ? s->lo[i] : (double)NAN);
            js_buf_putc(b, '\t');
            cht_put_num(b, s->hi != NULL ? s->hi[i] : (double)NAN);
        }
        js_buf_putc(b, '\n');
    }
}

/* ---- Script: header and terminal -------------------------------------- */

static void put_terminal(cht_ctx *c, const char *fmt, const char *term, const char *ext)
{
    js_buf *const b = &c->gp;
    js_buf_printf(b, "if (fmt eq '%s') {\n    set terminal %s noenhanced font '%s,10'", fmt, term,
                  c->ch->style.font != NULL ? c->ch->style.font : "Arial");
    js_buf_puts(b, " background '#ffffff'\n    set output './");
    js_buf_puts(b, c->ch->name); /* checked: [A-Za-z0-9._-] */
    js_buf_printf(b, "%s'\n}\n", ext);
}

/* The terminal lines.  The layout is w_px × canvas_h_px; each format
 * shows it at its own scale:
 *   svg    that many px (96 px an inch: width_cm's size),
 *   pdf    the physical size, cm_per_px a layout pixel (fontscale 0.75
 *          makes 10 pt text, the size it has in the screen PNG at 96 dpi),
 *   print  the physical size at 300 dpi, every stroke and letter scaled,
 *   png    the layout's pixels; with width_cm, `width` px wide (default
 *          800) and scaled like print, so the screen PNG keeps its size,
 *   tex    cairolatex at latex_width_cm, else width_cm, else the text
 *          width of a standard article, the height in the same proportion. */
static void put_terminals(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const b = &c->gp;
    const double w_cm = ch->width_cm > 0.0 ? ch->width_cm : c->w_px * c->cm_per_px;
    const double h_cm = ch->height_cm > 0.0 ? ch->height_cm : c->canvas_h_px * c->cm_per_px;
    char term[200];
    (void)snprintf(term, sizeof term, "svg size %d,%d dynamic", c->w_px, c->canvas_h_px);
    put_terminal(c, "svg", term, ".svg");
    (void)snprintf(term, sizeof term, "pdfcairo size %.2fcm,%.2fcm fontscale 0.75 linewidth 1.5", w_cm, h_cm);
    put_terminal(c, "pdf", term, ".pdf");
    const double dpc = 300.0 / 2.54, print = dpc * c->cm_per_px; /* print px a layout px */
    (void)snprintf(term, sizeof term, "pngcairo size %d,%d fontscale %.4g linewidth %.4g pointscale %.4g",
                   (int)lround(w_cm * dpc), (int)lround(h_cm * dpc), print, print, print);
    put_terminal(c, "print", term, "-print.png");
    if (ch->width_cm > 0.0) {
        const double png = (ch->width_px > 0 ? ch->width_px : 800) / (double)c->w_px;
        (void)snprintf(term, sizeof term, "pngcairo size %d,%d fontscale %.4g linewidth %.4g pointscale %.4g",
                       (int)lround(png * c->w_px), (int)lround(png * c->canvas_h_px), png, png, png);
    } else {
        (void)snprintf(term, sizeof term, "pngcairo size %d,%d", c->w_px, c->canvas_h_px);
    }
    put_terminal(c, "png", term, ".png");
    /* cairolatex: text set by LaTeX (cm sizes; linewidth 3 matches pdfcairo's
     * 1.5, CHARTS.md); in the plain script it would meet unescaped text, so
     * jamstat renders it only from the NAME-tex.gp variant */
    const double tex_w = ch->latex_width_cm > 0.0 ? ch->latex_width_cm
                       : ch->width_cm > 0.0       ? ch->width_cm
                                                  : JS_CHART_LATEX_WIDTH_CM;
    js_buf_printf(b, "if (fmt eq 'tex') {\n    set terminal cairolatex pdf input colortext size %.3fcm,%.3fcm "
                     "linewidth 3 background '#ffffff'\n    set output './", tex_w,
                  tex_w * c->canvas_h_px / c->w_px);
    js_buf_puts(b, c->ch->name);
    js_buf_puts(b, ".tex'\n}\n");
}

static void put_script_header(cht_ctx *c)
{
    const js_chart *const ch = c->ch;
    js_buf *const b = &c->gp;
    js_buf_printf(b, "# %s.gp - %s chart written by jamstat.\n", ch->name, js_chart_kind_name(ch->kind));
    js_buf_puts(b, "# Data: ./");
    js_buf_puts(b, ch->name);
    js_buf_puts(b, ".dat (columns described in its header).  Theme: ./jamstat-theme.gp.\n"
                   "# Render: gnuplot -d -e \"fmt='svg'\" ");
    js_buf_puts(b, ch->name);
    js_buf_puts(b, ".gp   (fmt: png, svg, pdf or print = 300 dpi PNG)\n\n"
                   "if (!exists('fmt')) fmt = 'png'\n"
                   "if (fmt ne 'svg' && fmt ne 'pdf' && fmt ne 'print' && fmt ne 'tex') fmt = 'png'\n");
    put_terminals(c);
    js_buf_putc(b, '\n');
    static const char *const names[3] = {"c_women", "c_men", "c_highlight"};
    const char *const vals[3] = {ch->style.women, ch->style.men, ch->style.highlight};
    for (size_t k = 0; k < 3; k++) {
        if (vals[k] != NULL) {
            js_buf_printf(b, "%s = ", names[k]);
            cht_put_literal(b, vals[k]); /* checked: #RRGGBB */
            js_buf_putc(b, '\n');
        }
    }
    js_buf_puts(b, "load './jamstat-theme.gp'\n");
    if (ch->lang == JS_LANG_SV)
        js_buf_puts(b, "set decimalsign ','\n");
    js_buf_puts(b, "data = './");
    js_buf_puts(b, ch->name);
    js_buf_puts(b, ".dat'\n\n");
}

/* ---- Shared script parts ---------------------------------------------- */

void cht_put_source(cht_ctx *c)
{
    if (c->ch->source == NULL || c->ch->source[0] == '\0')
        return;
    js_buf_puts(&c->gp, "set label 1 ");
    cht_put_literal(&c->gp, c->ch->source);
    /* 11 px above the foot whatever the height (tall lying charts too) */
    js_buf_printf(&c->gp, " at screen 0.012, screen %.4f left front textcolor rgb c_grey font ',9'\n",
                  11.0 / c->h_px);
    if (c->ch->has_suppressed) { /* the line above the source (cht_bottom_margin made room) */
        js_buf_puts(&c->gp, "set label 9 ");
        cht_put_literal(&c->gp, js_text(c->ch->lang, "..  skyddat värde: för litet underlag för att visas, "
                                                     "eller så att ett sådant inte kan räknas fram",
                                        "..  suppressed value: too few to show, or so that such a value cannot be "
                                        "worked out"));
        js_buf_printf(&c->gp, " at screen 0.012, screen %.4f left front textcolor rgb c_grey font ',9'\n",
                      27.0 / c->h_px);
    }
}

void cht_put_axis_titles(cht_ctx *c, int lying)
{
    const char *const xl = c->ch->x_label, *const yl = c->ch->y_label;
    if (xl != NULL && xl[0] != '\0') {
        /* x_label is always the title of the horizontal axis: a label under
         * the tic labels rather than "set xlabel", which gnuplot puts at the
         * foot of the margin, on the source line. */
        js_buf_puts(&c->gp, "set label 8 ");
        cht_put_literal(&c->gp, xl);
        js_buf_printf(&c->gp, " at graph 0.5, graph 0 offset 0,%.1f center textcolor rgb c_text\n",
                      -(c->xtic_lines + 1.4));
    }
    if (!lying) {
        cht_put_ylabel(c, yl);
    } else if (yl != NULL && yl[0] != '\0') {
        /* Lying layouts have the category labels in the left margin: a
         * turned title there would run over them, so it stands level above
         * them. */
        js_buf_puts(&c->gp, "set label 7 ");
        cht_put_literal(&c->gp, yl);
        js_buf_puts(&c->gp, " at screen 0.012, graph 1 offset 0,1.0 left textcolor rgb c_text\n");
    }
}

double cht_label_margin(const cht_ctx *c, size_t wrap_at)
{
    size_t lines, w;
    label_extent(c, wrap_at, &lines, &w);
    /* Measured: gnuplot's character unit is 7 px at 10 pt, a Liberation
     * Sans letter about 6.3 px on average (capitals and digits more). */
    const double m = 2.5 + 0.95 * (double)w;
    const double cap = 0.45 * c->w_px / 7.0; /* never more than 45 % of the width */
    return m > cap ? cap : m;
}

/* ---- Entry point ------------------------------------------------------ */

static void put_body(cht_ctx *c)
{
    switch (c->ch->kind) {
    case JS_CHART_PYRAMID: cht_kind_pyramid(c); break;
    case JS_CHART_BARS: cht_kind_bars(c); break;
    case JS_CHART_LINES: cht_kind_lines(c); break;
    case JS_CHART_RANKED: cht_kind_ranked(c); break;
    case JS_CHART_DUMBBELL: cht_kind_dumbbell(c); break;
    case JS_CHART_SHARE100: cht_kind_share100(c); break;
    case JS_CHART_SCATTER: cht_kind_scatter(c); break;
    case JS_CHART_HEATMAP: cht_kind_heatmap(c); break;
    case JS_CHART_SMALL_MULTIPLES: cht_kind_small_multiples(c); break;
    case JS_CHART_STACKED: cht_kind_stacked(c); break;
    }
}

static js_status write_one(const char *dir, const char *name, const char *ext, const js_buf *b,
                           js_diag *d)
{
    char file[128];
    (void)snprintf(file, sizeof file, "%s%s", name, ext);
    char *const path = js_path_join(dir, file);
    if (path == NULL)
        return JS_ENOMEM;
    const js_status st = js_write_file(path, b->data != NULL ? b->data : "", b->len, d);
    js_free(path);
    return st;
}

/* ---- NAME.csv: the plotted numbers for spreadsheets --------------------- */

/* One CSV field (RFC 4180): quoted when it holds , " or a line break, " doubled;
 * control characters as spaces, invalid UTF-8 replaced.  A text a spreadsheet
 * would take as a formula (=, +, @, or - not before a digit) gets a leading
 * apostrophe, so that opening the file runs nothing. */
static void csv_field(js_buf *b, const char *s)
{
    js_buf clean;
    js_buf_init(&clean);
    cht_put_clean(&clean, s != NULL ? s : "");
    const char *const t = js_buf_cstr(&clean);
    const int formula = t[0] == '=' || t[0] == '+' || t[0] == '@' ||
                        (t[0] == '-' && !(t[1] >= '0' && t[1] <= '9'));
    const int quote = strpbrk(t, ",\"") != NULL || formula;
    if (quote)
        js_buf_putc(b, '"');
    if (formula)
        js_buf_putc(b, '\'');
    for (const char *p = t; *p; p++) {
        if (*p == '"')
            js_buf_putc(b, '"');
        js_buf_putc(b, *p);
    }
    if (quote)
        js_buf_putc(b, '"');
    js_buf_fini(&clean);
}

/* The words after a series' title in the heading of its interval's
 * columns (k = 0 lower, 1 upper). */
const char *js_chart_limit_words(js_lang lang, int k)
{
    return k == 0 ? js_text(lang, "nedre gr\xc3\xa4ns", "lower limit") : js_text(lang, "\xc3\xb6vre gr\xc3\xa4ns", "upper limit");
}

/* DIR/NAME.csv: exactly the numbers the chart draws, one row per category
 * in the caller's order, one column per series (its legend text), then two
 * per series whose interval is drawn (band or error bars: its lower and
 * upper limits), C-locale numbers at full precision, ".." for a missing or
 * suppressed value (never 0 and never a blank, which a spreadsheet sums
 * as 0).  UTF-8 without BOM, LF line ends. */
static js_status write_csv(const cht_ctx *c, const char *dir, js_diag *d)
{
    const js_chart *const ch = c->ch;
    js_buf b;
    js_buf_init(&b);
    csv_field(&b, js_text(ch->lang, "kategori", "category"));
    for (size_t j = 0; j < ch->n_series; j++) {
        js_buf_putc(&b, ',');
        const js_chart_series *const s = &ch->series[j];
        if ((ch->kind == JS_CHART_SMALL_MULTIPLES || ch->kind == JS_CHART_STACKED) && s->sex != JS_SEX_NONE) {
            /* panels (a stacked chart's parts) repeat their label: add the sex to tell columns apart */
            js_buf col;
            js_buf_init(&col);
            js_buf_printf(&col, "%s, %s", cht_series_title(c, j),
                          s->sex == JS_SEX_WOMEN ? js_text(ch->lang, "kvinnor", "women")
                          : s->sex == JS_SEX_MEN ? js_text(ch->lang, "män", "men")
                                                 : js_text(ch->lang, "totalt", "total"));
            csv_field(&b, js_buf_cstr(&col));
            js_buf_fini(&col);
        } else {
            csv_field(&b, cht_series_title(c, j));
        }
    }
    size_t n_limits = 0;
    for (size_t j = 0; j < ch->n_series; j++)
        for (int k = 0; k < 2 && ch->series[j].lo != NULL && ch->series[j].hi != NULL; k++) {
            js_buf col;
            js_buf_init(&col);
            js_buf_printf(&col, "%s, %s", cht_series_title(c, j), js_chart_limit_words(ch->lang, k));
            js_buf_putc(&b, ',');
            csv_field(&b, js_buf_cstr(&col));
            js_buf_fini(&col);
            n_limits++;
        }
    js_buf_putc(&b, '\n');
    for (size_t i = 0; i < ch->n_cats; i++) {
        csv_field(&b, cat_label(ch, i));
        for (size_t j = 0; j < ch->n_series; j++) {
            js_buf_putc(&b, ',');
            if (isfinite(ch->series[j].values[i]))
                cht_put_num(&b, ch->series[j].values[i]);
            else /* missing or suppressed: never a blank a spreadsheet reads as 0 */
                js_buf_puts(&b, "..");
        }
        for (size_t j = 0; j < ch->n_series; j++)
            for (int k = 0; k < 2 && ch->series[j].lo != NULL && ch->series[j].hi != NULL; k++) {
                const double v = k == 0 ? ch->series[j].lo[i] : ch->series[j].hi[i];
                js_buf_putc(&b, ',');
                if (isfinite(v) && isfinite(ch->series[j].values[i]))
                    cht_put_num(&b, v);
                else
                    js_buf_puts(&b, "..");
            }
        js_buf_putc(&b, '\n');
    }
    /* the reference and target lines, as rows of their own */
    cht_line lines[3];
    const size_t n_lines = cht_ref_lines(ch, lines);
    for (size_t k = 0; k < n_lines; k++) {
        char words[200];
        (void)snprintf(words, sizeof words, "%s (%s)", lines[k].words,
                       lines[k].sex == JS_SEX_TOTAL ? js_text(ch->lang, "linje", "line")
                                                    : js_text(ch->lang, "referenslinje", "reference line"));
        csv_field(&b, words);
        js_buf_putc(&b, ',');
        cht_put_num(&b, lines[k].value);
        for (size_t j = 1; j < ch->n_series + n_limits; j++)
            js_buf_putc(&b, ',');
        js_buf_putc(&b, '\n');
    }
    js_status st = b.failed ? JS_ENOMEM : write_one(dir, ch->name, ".csv", &b, d);
    js_buf_fini(&b);
    return st;
}

static js_status write_theme(const char *dir, js_diag *d)
{
    char *const path = js_path_join(dir, "jamstat-theme.gp");
    if (path == NULL)
        return JS_ENOMEM;
    struct stat st_buf;
    js_status st = JS_OK;
    if (stat(path, &st_buf) != 0)
        st = js_write_file(path, cht_theme_text, strlen(cht_theme_text), d);
    js_free(path);
    return st;
}

js_status js_chart_check(const js_chart *ch, js_diag *d)
{
    if (ch == NULL) {
        js_diag_error(d, NULL, 0, 0, "js_chart_check: expected a chart, found NULL");
        return JS_EINTERNAL;
    }
    return check_chart(ch, d);
}

js_status js_chart_write(const js_chart *ch, const char *dir, js_diag *d)
{
    if (ch == NULL || dir == NULL) {
        js_diag_error(d, NULL, 0, 0, "js_chart_write: expected a chart and a folder, found NULL");
        return JS_EINTERNAL;
    }
    js_status st = check_chart(ch, d);
    if (st != JS_OK)
        return st;
    /* the kinds draw eff: ch with the value axis's title from the unit */
    js_chart eff = *ch;
    cht_ctx c;
    ctx_init(&c, &eff);
    char unit_buf[200];
    const char *const unit_title = cht_unit_title(&eff, unit_buf, sizeof unit_buf);
    const int axis = cht_value_axis(&eff, c.lying);
    if (axis == 'x' && eff.x_label == NULL)
        eff.x_label = unit_title;
    else if (axis == 'y' && eff.y_label == NULL)
        eff.y_label = unit_title;
    if (ch->kind == JS_CHART_RANKED && make_rank(&c) != 0) {
        ctx_fini(&c);
        return JS_ENOMEM;
    }
    put_data_header(&c);
    put_data_rows(&c);
    put_script_header(&c);
    if (c.title_px > 0 && ch->kind != JS_CHART_SMALL_MULTIPLES) {
        /* the kinds' plot in the lower part of the canvas (chart_layout.c);
         * inside a multiplot, or cairolatex would make its picture only as
         * tall as the plot and set the texts out of place */
        const double lower = (double)c.h_px / c.canvas_h_px;
        cht_put_title(&c, 60);
        js_buf_printf(&c.gp, "set multiplot\nset size 1, %.6f\nset origin 0, 0\n", lower);
        const size_t body = c.gp.len;
        put_body(&c);
        cht_scale_screen_y(&c.gp, body, lower);
        js_buf_puts(&c.gp, "unset multiplot\n");
    } else {
        put_body(&c);
    }
    if (c.gp.failed || c.dat.failed)
        st = JS_ENOMEM;
    if (st == JS_OK)
        st = write_one(dir, ch->name, ".dat", &c.dat, d);
    if (st == JS_OK)
        st = write_one(dir, ch->name, ".gp", &c.gp, d);
    if (st == JS_OK && !ch->latex) /* the LaTeX variant's numbers are the chart's own */
        st = write_csv(&c, dir, d);
    if (st == JS_OK)
        st = write_theme(dir, d);
    ctx_fini(&c);
    return st;
}
