/*
 * indicator.h - selections, aggregation and the indicator kinds.
 *
 * An indicator takes cubes and gives a result cube whose dimensions are its
 * "by" dimensions.  Every result cell carries flags (JS_FLAG_*): a missing or
 * suppressed input makes the result missing, a zero denominator makes it NaN,
 * a small count is flagged.
 *
 * Selections use one syntax everywhere:  dimension:value[,value...]  with
 * several separated by white space, e.g. "year:2015 region:10 age:65-".
 * Age values are intervals: "20-64", "65-" (65 and over), "-19", "0".
 * Sex values are any spelling js_harm_sex understands.  Other values match a
 * category code or label.
 */
#ifndef JAMSTAT_INDICATOR_H
#define JAMSTAT_INDICATOR_H

#include <stddef.h>

#include "jamstat/cube.h"
#include "jamstat/diag.h"
#include "jamstat/format.h"
#include "jamstat/status.h"

/* ---- Selections ------------------------------------------------------------ */

/* A selection parsed once, when the analysis file is read: its terms
 * "dimension:value[,value...]", each value already read as everything it
 * may mean (an age range, a range of years, a sex, a code or label).  The
 * aggregation resolves it against each cube it is applied to. */
typedef struct js_sel js_sel;

/* Parse text (NULL or blanks: the empty selection).  JS_OK and *out, which
 * the caller frees; JS_EUSAGE on a syntax error, with *col the 1-based byte
 * column in text and why saying what was expected; JS_ENOMEM. */
js_status js_sel_parse(const char *text, js_sel **out, size_t *col, char *why, size_t cap);
js_sel *js_sel_new(void); /* the empty selection; NULL when out of memory */
void js_sel_free(js_sel *s); /* NULL is a no-op */

/* a's terms then b's (either may be NULL) in a new selection: a later term
 * on the same dimension wins, so where + part is js_sel_join(where, part). */
js_status js_sel_join(const js_sel *a, const js_sel *b, js_sel **out);
/* The terms of s on the dimensions keep accepts, in a new selection. */
js_status js_sel_keep(const js_sel *s, int (*keep)(const char *dim, const void *arg), const void *arg,
                      js_sel **out);
/* Add the term dim:values[0],...,values[n-1] (taken as written: no quotes). */
js_status js_sel_add(js_sel *s, const char *dim, const char *const *values, size_t n);

/* The canonical text: terms in order, one blank apart, quotes only where
 * needed; "" for NULL or an empty selection.  Two selections with the same
 * text select the same. */
const char *js_sel_text(const js_sel *s);
size_t js_sel_nterms(const js_sel *s); /* 0 for NULL */
const char *js_sel_term_dim(const js_sel *s, size_t i);
size_t js_sel_term_nvalues(const js_sel *s, size_t i);
const char *js_sel_term_value(const js_sel *s, size_t i, size_t j);

/* ---- Aggregation ----------------------------------------------------------- */

/* Sum the cube over every dimension not in by, restricted by the selection
 * sel (may be NULL).  A dimension that is neither in by nor
 * selected contributes its total category when it has one, else the sum of
 * all its categories; a time or contents dimension with several categories
 * must be selected or kept (an error otherwise).  Kept dimensions keep their
 * selected categories.  what names the caller in messages.  Caller owns
 * *out. */
js_status js_aggregate(const js_cube *c, const js_sel *sel, const char *const *by, size_t n_by,
                       const char *what, js_cube **out, js_diag *d);

/* Does a region dimension hold two levels, one inside the other (county
 * "01" and municipality "0114", or NUTS "SE1" and "SE11")?  Then *outer
 * and *inner (either may be NULL) name one such pair.  Summing such a
 * dimension would count the same people twice, so js_aggregate refuses. */
int js_region_levels_nest(const js_dim *dim, size_t *outer, size_t *inner);

/* Aggregates shared between indicators: many indicators of one analysis
 * need the same sums (every share of the population divides by the same
 * total), so a cache computes each once.  Keyed by the data cube, the
 * selection's canonical text and the by list; it owns the cubes it returns. */
typedef struct js_agg_cache js_agg_cache;
js_agg_cache *js_agg_cache_alloc(void);
void js_agg_cache_free(js_agg_cache *cache); /* NULL is a no-op */

/* js_aggregate through the cache (cache may be NULL: then *owned is the
 * result the caller frees).  *out is the result either way (borrowed from
 * the cache when *owned is NULL). */
js_status js_aggregate_cached(js_agg_cache *cache, const js_cube *c, const js_sel *sel,
                              const char *const *by, size_t n_by, const char *what,
                              const js_cube **out, js_cube **owned, js_diag *d);

/* ---- Indicator kinds ---------------------------------------------------------- */

/* Every kind is one row, a js_kind, in the spirit of GSL's gsl_interp_type:
 * its name, inputs, typed keys, unit, definitions and compute function.
 * The rows live in src/indic/ind_*.c, one file per family, and the table of
 * them in src/indic/kinds.c; the run, the analysis-file checks, the
 * catalogue (`jamstat indicators`) and the README's table all read them.
 * How to add a kind: doc/adding-a-kind.md. */

typedef enum js_key_type {
    JS_KEY_TEXT = 0,      /* any text */
    JS_KEY_SELECTION = 1, /* "dimension:value[,value...]" terms separated by blanks */
    JS_KEY_DIMS = 2,      /* a comma list of dimension names */
    JS_KEY_BANDS = 3,     /* a comma list of age ranges: "0-19,20-64,65-" */
    JS_KEY_NUMBER = 4,    /* a finite number in [min, max] */
    JS_KEY_INTEGER = 5,   /* a whole number in [min, max] */
    JS_KEY_YEAR = 6,      /* a year, a whole number in [min, max] */
    JS_KEY_ENUM = 7,      /* one of words (any case) */
    JS_KEY_BOOL = 8       /* yes or no (also true/false, 1/0) */
} js_key_type;

/* One key of a kind. */
typedef struct js_key {
    const char *name;
    js_key_type type;
    const char *dflt;         /* the default, as it would be written; NULL: unset */
    double min, max;          /* NUMBER, INTEGER, YEAR: the range, inclusive */
    const char *const *words; /* ENUM: the words, NULL-terminated */
    int required;             /* 1: the kind cannot do without it */
    const char *help;         /* one line, English */
} js_key;

/* What an input key may name (js_input_def.accepts: JS_INPUT_DATA and/or
 * JS_INPUT_INDICATOR, the mask JS_INPUT_NAMES), and how the run treats it:
 *
 *   JS_INPUT_OPTIONAL  the key is also the kind's own key of that name (a
 *                      TEXT key, with its default), which holds the value
 *                      as written either way: a value that names a [data]
 *                      section is also the input (a section wins over a word
 *                      of the key's own), any other value leaves in[i] NULL
 *                      for the kind to parse the text; left out, in[i] is
 *                      NULL and the key has its default.  standardised_rate's
 *                      `standard = esp2013 | 0-4:5000, ... | NAME`.
 *   JS_INPUT_WHOLE     the indicator's where and by are not for this input
 *                      (a standard population has no year or region): the
 *                      run checks no selection against it, and the kind reads
 *                      the table whole.
 *
 * The catalogue lists an OPTIONAL input once, as its key. */
enum {
    JS_INPUT_DATA = 1u << 0,
    JS_INPUT_INDICATOR = 1u << 1,
    JS_INPUT_OPTIONAL = 1u << 2,
    JS_INPUT_WHOLE = 1u << 3
};
#define JS_INPUT_NAMES (JS_INPUT_DATA | JS_INPUT_INDICATOR) /* what accepts says it may name */

/* One named input of a kind: a key whose value names a [data] section or
 * an indicator defined above. */
typedef struct js_input_def {
    const char *key;   /* "data", "of", "deaths", "population" ... */
    unsigned accepts;  /* JS_INPUT_DATA and/or JS_INPUT_INDICATOR, with JS_INPUT_OPTIONAL, _WHOLE */
    int group;         /* 0: required; inputs sharing a group > 0 are alternatives, exactly one */
    int defaults_data; /* left out: the only [data] section, when there is one */
    const char *help;
} js_input_def;

#define JS_KIND_MAX_KEYS 16  /* keys of one kind */
#define JS_KIND_MAX_INPUTS 4 /* inputs of one kind */
#define JS_MAX_BY 32         /* dimensions in by */

/* A parsed key value. */
typedef struct js_key_value {
    const char *text; /* as written (borrowed), or the default; NULL: unset */
    js_sel *sel;      /* SELECTION: the parsed value, owned by the spec; else NULL */
    double num;       /* NUMBER, INTEGER, YEAR: the value; BOOL: 0/1; ENUM: the word's index;
                         unset: NaN */
} js_key_value;

typedef struct js_indicator_spec js_indicator_spec;

/* What charts may rely on (js_kind.traits). */
enum {
    JS_TRAIT_PROJECTS = 1u << 0,      /* years past the data, with prediction intervals (trend) */
    JS_TRAIT_SHARE_OF_PART = 1u << 1, /* a percentage of its key "part" within the total (share) */
    JS_TRAIT_NEEDS_COUNTS = 1u << 2   /* its data must be counts of persons (age structures) */
};

typedef struct js_kind {
    const char *name;             /* kind = NAME */
    unsigned traits;              /* JS_TRAIT_* */
    const char *family;           /* "counts and shares", "age structure", ... */
    const js_input_def *inputs;   /* terminated by a NULL key */
    const js_key *keys;           /* terminated by a NULL name; common keys are not listed */
    const char *unit_sv, *unit_en;
    const char *unit_doc;         /* the unit as the catalogue states it ("pp / %", "as `of`") */
    int decimals;                 /* default decimals in tables and charts */
    const char *doc_en, *doc_sv;  /* the definition, for the report and the catalogue */
    /* optional: the unit when it depends on the keys or on the input's unit
     * (in_unit: the unit of the indicator it reads, else its data's unit =, else NULL) */
    const char *(*unit)(const js_indicator_spec *s, js_lang lang, const char *in_unit);
    /* optional: default decimals that depend on the keys */
    int (*default_decimals)(const js_indicator_spec *s);
    /* in[i] is the cube of inputs[i] (NULL when an alternative was not
     * given).  Caller owns *out. */
    js_status (*compute)(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                         js_diag *d);
} js_kind;

/* The table. */
size_t js_kind_count(void);
const js_kind *js_kind_at(size_t i);
const js_kind *js_kind_find(const char *name); /* any case; NULL when unknown */

/* The keys every indicator takes besides its kind's (kind, where, by,
 * small_n, title, unit, decimals, definition), NULL-terminated. */
const js_key *js_kind_common_keys(void);

/* The key of k (or a common key) by name; NULL when k has none. */
const js_key *js_kind_key(const js_kind *k, const char *name);

/* Parse text as key's type.  JS_OK on success (*out filled, text borrowed;
 * a SELECTION's out->sel is the caller's to free); else JS_EUSAGE, and why
 * holds what was expected (e.g. "a whole number from 0 to 15") and *col the
 * 1-based column of the mistake in a selection (1 for other types), for the
 * caller's message with its location; JS_ENOMEM. */
js_status js_key_parse(const js_key *key, const char *text, js_key_value *out, size_t *col, char *why,
                       size_t cap);

/* What the numbers of a data section are ([data] measure_type): only counts
 * are persons, take count intervals (Wilson) and small-number flags, and
 * make age structures. */
typedef enum js_measure {
    JS_MEASURE_COUNT = 0, /* persons, events: the default */
    JS_MEASURE_RATE = 1,
    JS_MEASURE_SHARE = 2,
    JS_MEASURE_INDEX = 3,
    JS_MEASURE_AMOUNT = 4, /* kronor, hours, ... */
    JS_MEASURE_MEAN = 5
} js_measure;

/* The words, in enum order, NULL-terminated: count, rate, share, index, amount, mean. */
extern const char *const js_measure_words[];
/* The measure a word names (any case): 1 and *out, or 0 for no such word. */
int js_measure_parse(const char *word, js_measure *out);

/* One indicator as the analysis file defines it. */
struct js_indicator_spec {
    const char *id;           /* section name */
    const js_kind *kind;
    const js_sel *where;      /* selection applied to every input (borrowed); NULL: none */
    const char *const *by;    /* result dimensions */
    size_t n_by;
    double small_n;           /* counts below this are flagged small (default 5) */
    js_measure measure;       /* what the data inputs' numbers are (default count) */
    js_agg_cache *cache;      /* shared aggregates, or NULL */
    js_lang lang;             /* the report's language, for the labels of categories a kind
                                 makes (balance classes); default Swedish */
    js_key_value val[JS_KIND_MAX_KEYS]; /* kind->keys[i]'s value (the default when unset) */
};

/* A spec of kind k with every key at its default, small_n 5; the spec
 * owns its keys' parsed selections, which js_indicator_spec_fini frees. */
void js_indicator_spec_init(js_indicator_spec *s, const js_kind *k);
void js_indicator_spec_fini(js_indicator_spec *s);

/* Set key (a key of s->kind) from text: JS_EUSAGE with a message into d
 * when the key is not the kind's or the text is not of its type. */
js_status js_indicator_spec_set(js_indicator_spec *s, const char *key, const char *text, js_diag *d);
/* Set key i of s->kind to v, which the spec takes (its sel included). */
void js_indicator_spec_put(js_indicator_spec *s, size_t i, js_key_value v);

/* A key's value (the key must be one of s->kind's: a programmer error
 * otherwise). */
const char *js_spec_text(const js_indicator_spec *s, const char *key); /* NULL: unset */
const js_sel *js_spec_sel(const js_indicator_spec *s, const char *key); /* NULL: unset */
double js_spec_num(const js_indicator_spec *s, const char *key);       /* NaN: unset */
/* An ENUM key's word index, a BOOL key's 0 or 1; -1: unset. */
int js_spec_word(const js_indicator_spec *s, const char *key);

/* The unit of the result in the language, in_unit as for
 * js_kind.unit; and its default decimals. */
const char *js_indicator_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit);
int js_indicator_decimals(const js_indicator_spec *s);

/* The indicator's definition for the report, in the language: its kind's,
 * with the keys it names filled in ("projected to 2030").  Caller frees
 * (js_text_free); NULL when out of memory. */
char *js_indicator_definition(const js_indicator_spec *s, js_lang lang);

/* Compute an indicator on its inputs, in the order of s->kind->inputs.
 * Caller owns *out. */
js_status js_indicator_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                               js_diag *d);

/* The catalogue from the table: every kind (name NULL) or one, with its
 * definition, inputs, keys (type, default, help) and unit; markdown: the
 * README's table.  Caller frees (js_text_free).  NULL when out of memory. */
char *js_kind_catalogue(const char *name, int markdown);

/* ---- Formulas on arrays (used by the kinds; exposed for tests) -------------------- */

/* Median of a frequency table of classes [lo[k], hi[k]) with counts f[k],
 * sorted by lo, contiguous, uniform spread within a class (METHODS 1.3).
 * Returns NaN when the total is 0; *open_class is set when the median falls
 * in an open class (then the class start is returned). */
double js_median_grouped(const double *lo, const double *hi, const double *f, size_t n,
                         int *open_class);

/* Mean of a frequency table (classes as for js_median_grouped), class
 * mid-points, the open class at open_mean; NaN: its start plus half the
 * width of the class before it (METHODS 1.4: 92.5 for 90+ in 5-year
 * classes, 100.5 for 100+ in single years), start + 0.5 when no class
 * precedes it. */
double js_mean_grouped(const double *lo, const double *hi, const double *f, size_t n,
                       double open_mean);

/* Ordinary least squares y = c0 + c1 u over u = x - x0 (METHODS 9.1),
 * with GSL's covariance (scaled by the residual variance). */
typedef struct js_ols {
    double x0;                /* the centring: u = x - x0 */
    double c0, c1;            /* intercept at x0, slope per unit of x */
    double cov00, cov01, cov11;
    double sumsq;             /* residual sum of squares */
    size_t n;                 /* points used (>= 3 for intervals) */
} js_ols;

/* Fit n points (n >= 2; the x values must not all be equal). */
js_status js_ols_fit(const double *x, const double *y, size_t n, js_ols *fit);

/* The fitted value at x with the 1 - alpha interval of the trend value
 * (ci_*) and the prediction interval (pi_*); intervals NaN when n < 3. */
void js_ols_predict(const js_ols *fit, double x, double alpha, double *yhat, double *ci_lo,
                    double *ci_hi, double *pi_lo, double *pi_hi);

/* Wilson score interval for x successes out of n at level 1 - alpha. */
js_status js_wilson(double x, double n, double alpha, double *lo, double *hi);

#endif
