/*
 * chart.h - charts as gnuplot scripts, data files and rendered images.
 *
 * The chart writer knows nothing of statistics or of cubes: the caller
 * hands it a js_chart, which is a small table (categories × series) plus
 * the words around it, and it writes
 *
 *     DIR/NAME.gp    a gnuplot script that loads the theme (DIR/jamstat-theme.gp)
 *     DIR/NAME.dat   the numbers, tab-separated, C locale, ".." for missing
 *
 * and, when asked, runs gnuplot to make NAME.svg / NAME.png / NAME.pdf.
 *
 * Safety: no text that reaches a script comes from data without being made
 * literal (single quotes, ' doubled, control characters to spaces, invalid
 * UTF-8 replaced); file names are made from [A-Za-z0-9._-] only.
 */
#ifndef JAMSTAT_CHART_H
#define JAMSTAT_CHART_H

#include <stddef.h>

#include "jamstat/cube.h"
#include "jamstat/diag.h"
#include "jamstat/format.h"
#include "jamstat/status.h"

typedef enum js_chart_kind {
    JS_CHART_PYRAMID = 0,  /* men left, women right, categories = age classes bottom-up */
    JS_CHART_BARS = 1,     /* women vs men grouped per category (region, occupation ...) */
    JS_CHART_LINES = 2,    /* over time (cat_x = years) by sex */
    JS_CHART_RANKED = 3,   /* one series, sorted, focus category highlighted, reference line */
    JS_CHART_DUMBBELL = 4, /* women and men dots joined per category */
    JS_CHART_SHARE100 = 5, /* 100 % stacked women/men share with the 40-60 band */
    JS_CHART_SCATTER = 6,  /* women (y) vs men (x) per category, parity diagonal */
    JS_CHART_HEATMAP = 7,  /* categories × cat_x grid of one series */
    JS_CHART_SMALL_MULTIPLES = 8,
    JS_CHART_STACKED = 9   /* lying bars of parts stacked to their whole, per category and sex */
} js_chart_kind;

const char *js_chart_kind_name(js_chart_kind k); /* "pyramid", "bars", "lines", ... */

enum { JS_Y_MIN = 1u, JS_Y_MAX = 2u, JS_Y_ZERO = 4u }; /* js_chart.y_set */
int js_chart_kind_parse(const char *s, js_chart_kind *out); /* 1 on success */

/* One series of values, one per category.  Borrowed pointers. */
typedef struct js_chart_series {
    const char *label;    /* legend text: "Kvinnor", "2015", "1968" */
    js_sex sex;           /* colour and marker: women, men, or JS_SEX_NONE / TOTAL (neutral) */
    int is_compare;       /* drawn as an outline or a light tint (comparison year/region) */
    const double *values; /* n_cats values; NaN = missing (drawn as a gap, never as 0) */
    const double *lo;     /* optional interval, n_cats values, or NULL */
    const double *hi;
    int group;            /* LINES of several regions (or other groups): 0 the first, the home
                             region, drawn solid; 1, 2 ... in other dash patterns; STACKED: the
                             part (segment) the series is, 0 the leftmost */
    int is_focus;         /* the focus's own series (LINES of several regions: drawn thicker and
                             on top; HEATMAP: the row outlined) */
    const unsigned char *few; /* optional, n_cats flags: 1 = few observations behind the value
                                 (small_n): drawn hatched or marked, with a legend entry; NULL = none */
} js_chart_series;

/* Colours ("#RRGGBB") and font; NULL fields take the theme defaults. */
typedef struct js_chart_style {
    const char *women;     /* default #D55E00 */
    const char *men;       /* default #1B3670 */
    const char *highlight; /* default #009E73 */
    const char *font;      /* default "Arial" (Liberation Sans) */
} js_chart_style;

typedef struct js_chart {
    const char *name;     /* file stem; only [A-Za-z0-9._-], checked */
    js_chart_kind kind;
    js_lang lang;         /* number format and fixed words */
    const char *title;    /* for the report and the SVG <title>; drawn in the image only
                             with title_in_image */
    const char *source;   /* caption line drawn bottom-left: "Källa: SCB, BE0101N1. Bearbetning: …" */
    const char *x_label;  /* axis titles; NULL for none */
    const char *y_label;
    int percent;          /* values are percentages: axis tics "80 %" */
    int decimals;         /* for value labels and tics */
    size_t n_cats;
    const char *const *cat_labels; /* n_cats labels (region names, age classes, years) */
    const double *cat_x;           /* numeric x per category for LINES/HEATMAP, else NULL */
    size_t n_series;
    const js_chart_series *series;
    const char *focus;    /* a category label to highlight, or NULL */
    double reference;     /* a reference value (national level) drawn as a line; NaN = none */
    double reference_men; /* with reference_by_sex: men's reference, and reference is women's */
    int reference_by_sex; /* two reference lines, in the women's and the men's colours */
    const char *reference_label; /* the words before the reference's value ("Riket",
                                    "Jämtlands län"); NULL = "Riket" / "National" */
    double target;        /* a target value drawn as a line ("Mål 80 %"); NaN = none */
    double y_min, y_max;  /* the value axis's ends, when y_set says so */
    unsigned y_set;       /* JS_Y_MIN, JS_Y_MAX: y_min, y_max hold; JS_Y_ZERO: the axis reaches 0 */
    int horizontal;       /* BARS: lying bars */
    int value_labels;     /* BARS: print values on the bars */
    int width_px, height_px; /* screen size; 0 = 800 × 500 (with width_cm: the screen PNG's
                                width, the layout being width_cm's) */
    js_chart_style style;
    double projection_from;  /* LINES: x from which the chart shows a projection (shaded and
                                labelled); 0 = none */
    const double *breaks;    /* LINES: x positions of series breaks, marked; n_breaks of them */
    size_t n_breaks;
    const char *band_label;  /* LINES: the legend's entry for the interval bands ("95 %
                                konfidensintervall"); BARS, RANKED: for the error bars drawn
                                from series lo/hi; NULL: they have none */
    int zero_test;           /* BARS, RANKED: the values are differences (a gap): a bar whose
                                interval holds 0 is drawn in a light tint, with a legend
                                entry, and the zero line is drawn */
    double target_year;      /* LINES with target: the year the target is for; each observed
                                series gets its required path, a dotted line from its last
                                value to the target in that year, unless it has reached
                                it; 0 = none */
    int target_direction;    /* 1 up (reached at or above), -1 down, 0 auto: towards the
                                target from the series' first value */
    size_t pair_from;        /* PYRAMID: series from this one on are a second pyramid (deaths
                                beside the population), drawn to the right of the first on its
                                own scale; 0 = one pyramid */
    const char *pair_titles[2]; /* PYRAMID with pair_from: the two pyramids' headings */
    int has_suppressed;      /* a value is suppressed by disclosure control: a note under the
                                plot says what its ".." means */
    int groups_are_years;    /* LINES: the groups (series.group) are years in order, oldest
                                first (curves by age for a few years): drawn in greys, darker
                                the later, and the latest in the highlight colour */
    int stack_balance;       /* STACKED: the parts are balance classes (female-dominated,
                                balanced, male-dominated): drawn in the women's colour, grey and
                                the men's colour; else in a sequence of greens */
    int latex;               /* the texts are LaTeX source (js_chart_write_latex sets it):
                                percent signs the writer adds are written \% */
    /* Layout ([chart] and [analysis] title_in_image, width_cm, height_cm,
     * latex_width_cm; chart_layout.c) */
    int title_in_image;      /* draw title at the top of the image, with room made for it */
    const char *unit;        /* the values' unit as the indicator states it ("%", "personer",
                                "procentenheter"), or NULL: the value axis's title when x_label
                                or y_label (whichever is the value axis) is NULL; "" = none */
    double width_cm, height_cm; /* physical size of the PDF, SVG (96 px an inch) and print PNG
                                   (300 dpi); 0 = from the pixel size at 96 px an inch */
    double latex_width_cm;   /* cairolatex width; 0 = width_cm, or else the text width of a
                                standard article (JS_CHART_LATEX_WIDTH_CM) */
} js_chart;

/* \textwidth of LaTeX's article class at 10 pt on A4 (size10.clo: 345 pt,
 * 72.27 pt an inch): 345 / 72.27 * 2.54 cm. */
#define JS_CHART_LATEX_WIDTH_CM 12.125


/* Write DIR/NAME.gp and DIR/NAME.dat (and DIR/jamstat-theme.gp if absent).
 * DIR must exist.  Errors (bad name, I/O) go to d. */
js_status js_chart_write(const js_chart *ch, const char *dir, js_diag *d);

/* What js_chart_write checks before it writes (name, colours, font, sizes,
 * series), without writing: for `jamstat check`. */
js_status js_chart_check(const js_chart *ch, js_diag *d);

/* The LaTeX variant for the cairolatex terminal: DIR/NAME-tex.gp and
 * NAME-tex.dat, where every text of the chart is LaTeX-escaped (\ { } $ &
 * % # _ ~ ^), so that no label can run a TeX command; rendered with
 * JS_RENDER_TEX into NAME-tex.tex + NAME-tex.pdf, for \input{NAME-tex.tex}. */
js_status js_chart_write_latex(const js_chart *ch, const char *dir, js_diag *d);

/* The words after a series' title in the headings of its interval's
 * columns in the chart's CSV and xlsx: k = 0 "nedre gräns" / "lower
 * limit", 1 "övre gräns" / "upper limit". */
const char *js_chart_limit_words(js_lang lang, int k);

/* Alt text generated from the chart's numbers, in the chart's language
 * ("Befolkningspyramid. Flest kvinnor finns i åldern 50–54 år …").
 * Written into buf (NUL-terminated).  Returns buf. */
char *js_chart_alt_text(const js_chart *ch, char *buf, size_t cap);

enum { JS_RENDER_SVG = 1, JS_RENDER_PNG = 2, JS_RENDER_PDF = 4, JS_RENDER_PNG300 = 8,
       JS_RENDER_TEX = 16 /* cairolatex: NAME.tex (text, set by LaTeX) + NAME.pdf (graphics) */ };

/* The JS_RENDER_* bit of a format name ("svg", "png", "pdf", "print",
 * "tex"); 0 for any other name. */
unsigned js_render_format(const char *name);

/* Is gnuplot installed (on PATH)? */
int js_chart_gnuplot_available(void);

/* How js_chart_render_opts runs gnuplot. */
typedef struct js_render_opts {
    unsigned formats;   /* JS_RENDER_* bits */
    int jobs;           /* processes at a time; 0 = one per core */
    unsigned timeout_s; /* wall-clock seconds one gnuplot process may take; 0 = no limit */
} js_render_opts;

#define JS_RENDER_TIMEOUT_DEFAULT 120u /* seconds: a chart takes well under one */

/* formats 0, jobs 0, timeout_s JS_RENDER_TIMEOUT_DEFAULT. */
void js_render_opts_init(js_render_opts *o);

/* The timeout from the environment variable JAMSTAT_GNUPLOT_TIMEOUT (whole
 * seconds, 0 = no limit), the interim way to set it from the CLI until the
 * analysis file has a key for it: *seconds is left as it is when the
 * variable is unset; JS_EUSAGE with a message when it is not a number of
 * seconds up to 86400. */
js_status js_render_timeout_from_env(unsigned *seconds, js_diag *d);

/* Render the named charts in DIR with gnuplot, up to o->jobs processes at
 * a time, into the formats in o->formats.  Titles and alt texts (may be
 * NULL) go into the SVG <title>/<desc>.  Output bytes are deterministic.
 * A chart whose gnuplot run fails leaves no partial image and is reported
 * in d (a full disk is named as such); a gnuplot process still running
 * after o->timeout_s seconds is killed with its process group, its image
 * removed, and the chart reported.  JS_ETOOL when gnuplot is missing,
 * fails or times out. */
js_status js_chart_render_opts(const char *dir, const char *const *names,
                               const char *const *titles, const char *const *alts, size_t n,
                               const js_render_opts *o, js_diag *d);

/* js_chart_render_opts with formats and jobs as given and the timeout of
 * js_render_opts_init, or of JAMSTAT_GNUPLOT_TIMEOUT when that is set. */
js_status js_chart_render(const char *dir, const char *const *names, const char *const *titles,
                          const char *const *alts, size_t n, unsigned formats, int jobs,
                          js_diag *d);

#endif
