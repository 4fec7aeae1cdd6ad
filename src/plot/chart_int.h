/*
 * chart_int.h - internals shared by the chart writer's files (src/plot).
 *
 * The chart module is split by job: chart_text.c makes text safe for
 * gnuplot scripts and data files, chart_axis.c picks tic steps and writes
 * tic lists, chart_write.c writes the common parts of NAME.gp / NAME.dat,
 * chart_kinds*.c write the plot commands of each kind, chart_render.c runs
 * gnuplot and chart_post.c fixes up the images it made.
 *
 * Data file layout (index 0, one row per category, in the caller's order):
 *
 *     1 i      category number 0..n-1
 *     2 x      cat_x[i] (LINES, HEATMAP) or i
 *     3 label  category label, escaped for gnuplot data fields
 *     4 focus  1 for the focus category, else 0
 *     5 pos    y position in lying layouts (first category on top; RANKED: rank)
 *     then per series j: 6+4j value, 7+4j value as display text, 8+4j lo, 9+4j hi
 *
 * Missing numbers are written "..".  Scripts always read numbers through an
 * expression such as ($6): gnuplot then treats ".." as an undefined point
 * and breaks lines there (a plain "using 1:6", or "set datafile missing",
 * would join the line across the gap - measured with gnuplot 5.4.4).
 */
#ifndef JAMSTAT_PLOT_CHART_INT_H
#define JAMSTAT_PLOT_CHART_INT_H

#include <stddef.h>

#include "core/outdir.h" /* js_file_name_ok */
#include "core/strbuf.h"
#include "jamstat/chart.h"

/* ---- Text safety (chart_text.c) --------------------------------------- */

/* Append s as a single-quoted gnuplot string: ' doubled, control characters
 * (LF, CR, TAB, ...) as spaces, invalid UTF-8 as U+FFFD.  NULL as ''.
 * Leading quotes are written as a joined double-quoted run of quotes
 * ("'" . 'rest'), because gnuplot 5.4 misreads a string opening with ''. */
void cht_put_literal(js_buf *b, const char *s);

/* As cht_put_literal, and '%' doubled: for texts gnuplot treats as a
 * format (tic labels in "set xtics ('label' pos)" go through gprintf). */
void cht_put_literal_fmt(js_buf *b, const char *s);

/* Append s as a tab-separated data field: \ and # escaped with \, " mapped
 * to U+201D, control characters as spaces, invalid UTF-8 as U+FFFD, and an
 * empty text as one space.  wrap_at > 0 breaks the text at spaces into lines
 * of about wrap_at characters (gnuplot reads "\n" as a newline); see
 * cht_wrap_measure. */
void cht_put_field(js_buf *b, const char *s, size_t wrap_at);

/* Most lines a wrapped label is broken into. */
#define CHT_WRAP_MAX_LINES 6

/* The lines and the longest line (in characters) of s wrapped as
 * cht_put_field wraps it at wrap_at (0 = no wrapping). */
void cht_wrap_measure(const char *s, size_t wrap_at, size_t *lines, size_t *longest);

/* s as a script literal broken into lines as cht_put_field breaks it:
 * 'one' . "\n" . 'two' (for titles, which cannot come from the data file). */
void cht_put_literal_wrapped(js_buf *b, const char *s, size_t wrap_at);

/* Append s with invalid UTF-8 replaced and control characters as spaces,
 * nothing else changed. */
void cht_put_clean(js_buf *b, const char *s);

/* Number of characters (code points) in s; NULL = 0. */
size_t cht_text_width(const char *s);


/* Exactly "#RRGGBB" (hex digits, either case). */
int cht_colour_ok(const char *s);

/* A font family name: 1-60 bytes of letters, digits, space and '-'. */
int cht_font_ok(const char *s);

/* Append a number for a data file: %.17g, ".." for NaN/inf. */
void cht_put_num(js_buf *b, double v);

/* ---- Axes (chart_axis.c) ---------------------------------------------- */

typedef struct cht_axis {
    double lo, hi; /* range, multiples of step */
    double step;   /* tic distance, 1/2/2.5/5 × 10^k */
    int decimals;  /* decimals the tic labels need */
} cht_axis;

/* Choose a range covering [lo, hi] with about n_tics tics.  from_zero
 * forces 0 into the range. */
void cht_axis_nice(double lo, double hi, int n_tics, int from_zero, cht_axis *ax);

/* Append "set {axis}tics (...)" with labels formatted in the chart's
 * language (thousands separated by U+00A0, decimal comma in Swedish,
 * " %" for percent charts); mirror_abs writes |v| (pyramid).  Returns the
 * widest label in characters. */
size_t cht_put_tics(js_buf *b, const char *axis, const cht_axis *ax, const js_chart *ch,
                    int mirror_abs);

/* Display text of v (js_fmt_number/js_fmt_percent by ch->lang). */
void cht_fmt_value(const js_chart *ch, double v, int with_percent, char *buf, size_t cap);

/* ---- Writer context (chart_write.c) ----------------------------------- */

#define CHT_NONE ((size_t)-1) /* no such series or category */

typedef struct cht_ctx {
    const js_chart *ch;
    js_buf gp;         /* the script */
    js_buf dat;        /* the data file */
    int w_px, h_px;    /* screen size */
    size_t women;      /* index of the main women series, or CHT_NONE */
    size_t men;        /* main men series, or CHT_NONE */
    size_t cmp_women;  /* comparison series (is_compare) by sex, or CHT_NONE */
    size_t cmp_men;
    size_t first;      /* first non-comparison series, or CHT_NONE */
    size_t *rank;      /* RANKED: category indices sorted by value, descending */
    size_t max_label;  /* longest category label, in characters */
    int lying;         /* categories on the y axis (bars lying, ranked, ...) */
    double xtic_lines; /* height of the x tic labels, in lines (turned labels: more) */
    double vmin, vmax; /* over every finite value, lo and hi of every series */
    /* layout (chart_layout.c): the kinds lay out w_px × h_px; the image is
     * w_px × canvas_h_px, the title band of title_px on top */
    int canvas_h_px;   /* the whole image's height at 96 px an inch */
    int title_px;      /* height of the title band (title_in_image), else 0 */
    size_t title_wrap; /* characters a title line may take (0 = one line) */
    double cm_per_px;  /* physical size of a layout pixel (2.54 / 96 unless width_cm) */
} cht_ctx;

/* Set women, men, cmp_women, cmp_men and first from c->ch. */
void cht_find_roles(cht_ctx *c);

/* Column numbers of series j in the data file. */
size_t cht_col_value(size_t j);
size_t cht_col_text(size_t j);
size_t cht_col_lo(size_t j);
size_t cht_col_hi(size_t j);

/* Style line number for series j: 1 women, 2 men, 8 neutral; comparison
 * series 4/5/8 (tints). */
int cht_series_ls(const cht_ctx *c, size_t j);

/* Is series j the chart's only one, neutral and named by no more than
 * "Totalt"?  Its legend entry would say nothing the title does not (a
 * segregation index is no total): it has none. */
int cht_series_lone(const cht_ctx *c, size_t j);
/* "title 'NAME'" of series j in a plot command, or "notitle" for a lone one. */
void cht_put_series_title(cht_ctx *c, size_t j);
/* Word for the sex of a series ("Kvinnor"/"Women") or its label. */
const char *cht_series_title(const cht_ctx *c, size_t j);

/* The source line at the bottom left, and the axis titles, into the script:
 * x_label under the horizontal axis; y_label turned at the left edge, or,
 * in lying layouts (category labels in the left margin), level above them. */
void cht_put_source(cht_ctx *c);
void cht_put_axis_titles(cht_ctx *c, int lying);

/* Left margin in character widths for a lying layout with these labels. */
double cht_label_margin(const cht_ctx *c, size_t wrap_at);

/* Wrap width for category labels of this chart (0 = no wrapping). */
size_t cht_wrap_width(const cht_ctx *c);

/* ---- Layout controls (chart_layout.c) --------------------------------- */

/* The value axis's title made from ch->unit: "Procent" for percentages
 * (and every share100 chart), "Antal" for persons, else the unit with its
 * first letter capitalised ("Procentenheter", "Per 1 000", "År"); NULL
 * for an empty or missing unit.  In buf (cap bytes). */
const char *cht_unit_title(const js_chart *ch, char *buf, size_t cap);

/* Which axis carries the values of this chart: 'x' (lying layouts,
 * pyramid), 'y' (standing bars, lines, small multiples) or 0 (scatter,
 * heat map: no single value axis). */
int cht_value_axis(const js_chart *ch, int lying);

/* Height of the title band for title_in_image (0 when off or no title),
 * and the characters a line of it may take at w_px. */
int cht_title_band(const js_chart *ch, int w_px, size_t *wrap);

/* The title as a label at the top left of the image (screen coordinates
 * of the whole canvas), for title_in_image. */
void cht_put_title(cht_ctx *c, int label_tag);

/* Move the part of the script from byte `from` on into the lower part of a
 * taller canvas: every screen y coordinate ("at screen X, screen Y", "set
 * tmargin|bmargin at screen Y") is multiplied by scale.  Quoted strings
 * are skipped. */
void cht_scale_screen_y(js_buf *gp, size_t from, double scale);

/* Panels of a small-multiples chart (series with the same label in a row
 * form one) and their grid on an image w_px wide. */
size_t cht_multi_grid(const js_chart *ch, int w_px, size_t *cols, size_t *rows);

/* ---- Shared by the kinds (chart_kinds.c) ------------------------------ */

/* set l/r/t/bmargin in character units. */
void cht_margins(cht_ctx *c, double l, double r, double t, double b);
/* The legend in one row above the plot. */
void cht_key_top(cht_ctx *c);
/* The least and greatest finite numeric x of the categories (ch->cat_x);
 * lo = +inf, hi = -inf when there is none. */
void cht_cat_x_range(const js_chart *ch, double *lo, double *hi);
/* Show every k-th category label so labels are px_per_label apart. */
size_t cht_label_step(const cht_ctx *c, double plot_px, double px_per_label);
/* Bottom margin for tic_lines lines of tic labels, axis title and source. */
double cht_bottom_margin(const cht_ctx *c, double tic_lines);
/* The y axis title, turned, at the left edge of the image. */
void cht_put_ylabel(cht_ctx *c, const char *text);
/* Left margin for a value axis with tic labels tic_chars wide. */
double cht_value_margin(const cht_ctx *c, size_t tic_chars, const char *ylabel);
/* Reference and target lines with labels; vertical = value axis is x. */
/* A reference or target line: its value, its words ("Riket, kvinnor"),
 * whose it is (women, men; JS_SEX_NONE a reference, JS_SEX_TOTAL the
 * target) and its gnuplot label tag. */
typedef struct cht_line {
    double value;
    js_sex sex;
    int tag;
    char words[160];
} cht_line;
size_t cht_ref_lines(const js_chart *ch, cht_line *out); /* up to 3 */
void cht_put_ref_lines(cht_ctx *c, int vertical);

/* ---- Intervals as error bars (chart_whisk.c) --------------------------- */

/* Does series j carry an interval to draw (lo and hi given)? */
int cht_has_interval(const js_chart *ch, size_t j);
/* Does any series of a BARS or RANKED chart carry one? */
int cht_any_interval(const js_chart *ch);
/* zero_test, and value i of series j has a finite interval holding 0
 * (lo <= 0 <= hi): the bar is drawn in a light tint.  The scripts test the
 * same numbers from the data file with in0(), which cht_put_whisk_defs
 * writes. */
int cht_holds_zero(const js_chart *ch, size_t j, size_t i);
/* The legend's words for those bars ("Intervallet omfattar 0"). */
const char *cht_zero_words(const js_chart *ch);
/* The script's functions for error bars: in0(l) (the interval in columns
 * l, l+1 holds 0, when zero_test), hend(x, h) and lend(x, l) (where a value
 * label goes: beyond the interval's upper or lower end), and the colours
 * c_whisk, c_full (neutral bars of a zero test) and c_zero (their tint). */
void cht_put_whisk_defs(cht_ctx *c);
/* The error bars of one series as plot elements, each after ", \": a line
 * from lo (column l) to hi (l + 1) at the category position at (a using
 * expression: "($5)", "($1-0.2000)") and a cap of half-width cap
 * (category units) at each end; lying = the values run along x.  A row
 * without both ends draws none. */
void cht_put_whiskers(cht_ctx *c, const char *at, size_t l, int lying, double cap);
/* The zero line across the plot when the value axis runs from below 0
 * (vertical = the value axis is x). */
void cht_put_zero_line(cht_ctx *c, double axis_lo, double axis_hi, int vertical);
/* The legend entries, appended to the plot command as keyentry elements:
 * with zero_test and full, the full-colour bars (colour border: "Intervallet
 * utesluter 0"); the error bars (band_label; vertical = they run along x);
 * with zero_test, the tinted bars when there are any (tint colour
 * expression, its border). */
void cht_put_whisk_keyentries(cht_ctx *c, int vertical, const char *tint, const char *border, int full);

/* ---- Kinds (chart_kinds.c, chart_kinds2.c) ---------------------------- */

void cht_kind_pyramid(cht_ctx *c);
void cht_kind_bars(cht_ctx *c);
void cht_kind_lines(cht_ctx *c);
void cht_kind_ranked(cht_ctx *c);
void cht_kind_dumbbell(cht_ctx *c);
void cht_kind_share100(cht_ctx *c);
void cht_kind_scatter(cht_ctx *c);
void cht_kind_heatmap(cht_ctx *c);
void cht_kind_small_multiples(cht_ctx *c);
void cht_kind_stacked(cht_ctx *c); /* chart_stack.c */
/* The bars of a stacked chart's category: one per sex among its series. */
size_t cht_stack_rows(const js_chart *ch);

/* ---- Focus and few observations (chart_focus.c) ----------------------- */

/* Is category i the focus (ch->focus, by label)? */
int cht_is_focus(const js_chart *ch, size_t i);
/* The focus category (the first, by cht_is_focus), or CHT_NONE. */
size_t cht_focus_index(const js_chart *ch);
/* Is value i of series j marked as resting on few observations? */
int cht_is_few(const js_chart *ch, size_t j, size_t i);
/* Does any finite value of the chart rest on few observations? */
int cht_any_few(const js_chart *ch);
/* The words of the legend entry for hatched values ("Få observationer"). */
const char *cht_few_words(const js_chart *ch);
/* A light tint of the highlight colour ("#RRGGBB", 8 bytes) for the band
 * behind the focus category. */
void cht_focus_tint(const js_chart *ch, char *out);
/* The bold font of the chart's labels: "Arial Bold,SIZE". */
void cht_put_bold_font(cht_ctx *c, int size);
/* The legend entry for values on few observations, appended to the plot
 * command being written as one more "keyentry" element: box = 1 a hatched
 * box (bars, cells), 0 an open circle (dumbbell points). */
void cht_put_few_keyentry(cht_ctx *c, int box);
/* The band behind the focus category fi (a row of a lying layout, else a
 * column), across its label and the plot, in the tint of the highlight. */
void cht_put_focus_band(cht_ctx *c, size_t fi);
/* One more plot element: the focus category's label in bold at the value
 * axis's start axis_lo, in place of its tic label (which the tic
 * expression leaves empty); turn = tic labels turned 30 degrees. */
void cht_put_focus_label(cht_ctx *c, double axis_lo, int turn);
/* For kinds without a legend: a key holding only the hatched-values entry,
 * at the foot's right end (opposite the source line). */
/* The legend's entry for "..", when a value is suppressed (has_suppressed):
 * ", keyentry ... title '..  skyddat värde'" appended to a plot command. */
void cht_put_suppressed_keyentry(cht_ctx *c);
void cht_put_few_key_alone(cht_ctx *c);

/* ---- Theme (chart_theme.c) -------------------------------------------- */

/* The text of plots/jamstat-theme.gp (kept byte-identical; a unit test
 * compares them). */
extern const char cht_theme_text[];

/* ---- Post-processing (chart_post.c) ----------------------------------- */

/* Put title/desc into an SVG in place of gnuplot's and escape '>' in text
 * content (gnuplot does not, and "]]>" is then invalid XML). */
js_status cht_post_svg(const char *path, const char *title, const char *desc, js_diag *d);

/* Overwrite the 14 digits of /CreationDate with 20000101000000. */
js_status cht_post_pdf(const char *path, js_diag *d);

/* Insert a pHYs chunk (dpi) after IHDR. */
js_status cht_post_png_dpi(const char *path, unsigned dpi, js_diag *d);

/* Read a whole file (js_free); NULL on failure, reported in d. */
char *cht_read_file(const char *path, size_t *len, js_diag *d);

#endif
