/*
 * cube.h - the one data structure between readers and outputs.
 *
 * A cube is a set of named dimensions, each with a role (time, region, sex,
 * age, contents, other) and an ordered list of categories (code + label,
 * plus the harmonised meaning for its role), and one numeric measure per
 * cell.  Cells are stored dense, row-major: the last dimension varies
 * fastest, exactly like the DATA block of a PC-Axis file.
 *
 * Every cell has a status.  A missing, suppressed (".."), nil ("-") or
 * not-applicable cell holds NaN and is never a zero; the raw symbol text the
 * source used ("..C", ": c") is kept.  A present value may carry a flag text
 * too (Eurostat "p" provisional, "e" estimated).
 *
 * Indicator results are cubes as well: their dimensions are the indicator's
 * "by" dimensions, and they use the optional per-cell arrays for confidence
 * limits and result flags (JS_FLAG_*).
 *
 * Building a cube (what readers do):
 *
 *     js_cube *c = js_cube_alloc();
 *     js_cube_add_dim(c, "sex", "kön", JS_ROLE_SEX, &d);      // dims first
 *     js_cube_add_category(c, d, "2", "women", &k);           // categories
 *     ...
 *     js_cube_stage(c, idx, 12.0, JS_CELL_OK, NULL, line);    // cells, any order
 *     js_cube_commit(c, path, diag);                          // dense array
 *
 * or, when the categories are all known up front (PX, JSON-stat):
 * js_cube_alloc_cells() and then js_cube_set_value()/js_cube_set_status().
 */
#ifndef JAMSTAT_CUBE_H
#define JAMSTAT_CUBE_H

#include <stddef.h>
#include <stdint.h>

#include "jamstat/diag.h"
#include "jamstat/status.h"

/* ---- Roles, sex, cell status ------------------------------------------ */

typedef enum js_role {
    JS_ROLE_OTHER = 0,
    JS_ROLE_TIME = 1,
    JS_ROLE_REGION = 2,
    JS_ROLE_SEX = 3,
    JS_ROLE_AGE = 4,
    JS_ROLE_CONTENTS = 5 /* what is measured (PX CONTVARIABLE): never summed */
} js_role;

/* "time", "region", "sex", "age", "contents", "other". */
const char *js_role_name(js_role r);
/* Parses the names above (and Swedish "tid", "kön", "ålder"); JS_EUSAGE if unknown. */
js_status js_role_parse(const char *s, js_role *out);

typedef enum js_sex {
    JS_SEX_NONE = 0, /* not a sex category (the dimension is not a sex dimension) */
    JS_SEX_WOMEN = 1,
    JS_SEX_MEN = 2,
    JS_SEX_TOTAL = 3
} js_sex;

typedef enum js_cell {
    JS_CELL_OK = 0,         /* a value is present (it may still carry a flag text) */
    JS_CELL_MISSING = 1,    /* not available: "..", ":", empty, a cell the source never gave */
    JS_CELL_SUPPRESSED = 2, /* confidential / suppressed for disclosure ("..C", ": c") */
    JS_CELL_NIL = 3,        /* "-": absolute zero as published, not a number */
    JS_CELL_NA = 4          /* not applicable / cannot exist */
} js_cell;

/* "ok", "missing", "suppressed", "nil", "not applicable". */
const char *js_cell_name(js_cell s);

/* Result flags: a bit set per cell of a result cube. */
enum {
    JS_FLAG_MISSING_INPUT = 1u << 0,    /* an input cell was missing: result is missing */
    JS_FLAG_SUPPRESSED_INPUT = 1u << 1, /* an input cell was suppressed: result is missing */
    JS_FLAG_ZERO_DENOM = 1u << 2,       /* the denominator is zero: result is NaN */
    JS_FLAG_SMALL_N = 1u << 3,          /* the count behind the result is small */
    JS_FLAG_OPEN_CLASS = 1u << 4,       /* median in the open age class: the class start */
    JS_FLAG_FLAGGED_INPUT = 1u << 5,    /* an input value carried a flag (provisional, estimated) */
    JS_FLAG_NIL_INPUT = 1u << 6,        /* an input cell was "-": taken as zero */
    JS_FLAG_SUPPRESSED = 1u << 7,       /* suppressed in the output (disclosure threshold) */
    JS_FLAG_PROJECTED = 1u << 8,        /* a projection beyond the observed years */
    JS_FLAG_PART_EXCEEDS_TOTAL = 1u << 9, /* a share's part is larger than its total: the value
                                             is kept (over 100 %), no interval */
    JS_FLAG_OUTSIDE_FIT = 1u << 10,       /* a trend year before fit_from: no value */
    JS_FLAG_WIDE_INTERVAL = 1u << 11,     /* the 95 % interval is too wide to publish (PHE: a
                                             life expectancy's wider than 20 years): no value */
    JS_FLAG_DEATHS_EXCEED_POPULATION = 1u << 12, /* an age class has more deaths than
                                                    person-years: the value is kept */
    JS_FLAG_OVERFLOW = 1u << 13,          /* the value is beyond a double's range: no value */
    JS_FLAG_FEW_EXPECTED = 1u << 14,      /* a test with an expected count below 5: its p value
                                             is from an exact test */
    JS_FLAG_UNKNOWN_AGE_SPREAD = 1u << 15 /* events of unknown age (births with no mother's
                                             age) were spread pro rata over the known ages */
};
/* Number of flag bits above: every output that names flags has a name for each. */
#define JS_FLAG_NBITS 16
/* Comma-separated short names of the set flags ("missing_input,small_n"),
 * written into buf (always NUL-terminated).  Returns buf. */
char *js_flags_format(uint32_t flags, char *buf, size_t cap);

/* ---- Categories and dimensions ---------------------------------------- */

/* One category of a dimension.  Filled by js_cube_add_category and by
 * harmonisation when the role is set.  Read-only for users of the cube. */
typedef struct js_category {
    const char *code;  /* "01", "2", "65", "2015"; unique within the dimension */
    const char *label; /* "Stockholm county", "women"; equals code when the source has none */
    js_sex sex;        /* sex dimension: the harmonised sex; JS_SEX_NONE elsewhere */
    double age_lo;     /* age dimension: interval [age_lo, age_hi) in years ... */
    double age_hi;     /* ... age_hi = INFINITY for an open class ("100+"); both NaN if unknown */
    int year;          /* time dimension: the year, 0 when the code is not a period */
    int sub;           /* time: quarter 1-4 or month 1-12; 0 for a year */
    char period;       /* time: 'Y' year, 'Q' quarter, 'M' month, 0 unknown */
    int is_total;      /* a total over its dimension: "totalt", "1+2", "Riket", "total 16-74 years" */
    int values_whole;  /* a statistic whose values are years or codes (a target's base year,
                          the year it is reached, its status): tables print them whole, with
                          no decimals or thousands separator */
} js_category;

typedef struct js_dim js_dim;

const char *js_dim_name(const js_dim *dim);  /* id: "region", "sex", "2015" columns → "year" */
const char *js_dim_label(const js_dim *dim); /* display name; equals name if none given */
js_role js_dim_role(const js_dim *dim);
size_t js_dim_size(const js_dim *dim);
const js_category *js_dim_category(const js_dim *dim, size_t i);
/* Index of the category with this code (exact), else with this label
 * (exact), else SIZE_MAX. */
size_t js_dim_find(const js_dim *dim, const char *code_or_label);
/* Index of the category with this code (exact, hashed), else SIZE_MAX. */
size_t js_dim_find_code(const js_dim *dim, const char *code);

/* ---- The cube ----------------------------------------------------------- */

typedef struct js_cube js_cube;

/* An empty cube.  Caller owns it (js_cube_free).  NULL when out of memory. */
js_cube *js_cube_alloc(void);
void js_cube_free(js_cube *c); /* NULL is a no-op */

size_t js_cube_ndims(const js_cube *c);
const js_dim *js_cube_dim(const js_cube *c, size_t i);
/* Dimension by name or label (case-insensitive), else by role name
 * ("sex", "age", "time", "year", "region"); SIZE_MAX if none. */
size_t js_cube_find_dim(const js_cube *c, const char *name);
/* Dimension by name alone (case-insensitive); SIZE_MAX if none.  Names
 * are unique in a cube: readers check with this before adding one. */
size_t js_cube_dim_named(const js_cube *c, const char *name);
/* The first dimension with this role, SIZE_MAX if none. */
size_t js_cube_dim_by_role(const js_cube *c, js_role role);

/* Number of cells (product of the dimension sizes; 0 before cells exist). */
size_t js_cube_ncells(const js_cube *c);
/* Row-major cell index of a category tuple (one index per dimension). */
size_t js_cube_cell_index(const js_cube *c, const size_t *idx);
/* The category tuple of a cell index. */
void js_cube_cell_coords(const js_cube *c, size_t cell, size_t *idx);

double js_cube_value(const js_cube *c, size_t cell); /* NaN unless status is OK */
js_cell js_cube_status(const js_cube *c, size_t cell);
const char *js_cube_symbol(const js_cube *c, size_t cell); /* raw symbol/flag text or NULL */
/* Result arrays; NaN / 0 when the cube has none. */
double js_cube_ci_low(const js_cube *c, size_t cell);
double js_cube_ci_high(const js_cube *c, size_t cell);
uint32_t js_cube_flags(const js_cube *c, size_t cell);

/* The cells as arrays, row-major, for loops over whole cubes (borrowed,
 * ncells entries; NULL before cells exist).  A value is meaningful only
 * where the status is JS_CELL_OK. */
const double *js_cube_values(const js_cube *c);
const uint8_t *js_cube_statuses(const js_cube *c);
/* Does any cell carry a symbol or flag text? */
int js_cube_has_symbols(const js_cube *c);
/* Has the cube confidence limits (a result cube)? */
int js_cube_has_ci(const js_cube *c);

/* Counts of cells by status (for describe). */
void js_cube_count_status(const js_cube *c, size_t counts[5]);

/* ---- Metadata: all strings copied into the cube ------------------------- */

typedef enum js_meta {
    JS_META_TITLE = 0,   /* table title */
    JS_META_SOURCE,      /* "SCB, BE0101N1" */
    JS_META_UNIT,        /* "persons", "SEK", "%" */
    JS_META_MEASURE,     /* name of the measure ("population") */
    JS_META_UPDATED,     /* LAST-UPDATED */
    JS_META_CONTACT,
    JS_META_ENCODING,    /* what the reader found: "UTF-8", "WINDOWS-1252" */
    JS_META_FORMAT,      /* "csv", "px", "json-stat", "eurostat-tsv" */
    JS_META_COUNT_
} js_meta;

const char *js_cube_meta(const js_cube *c, js_meta key); /* NULL if unset */
js_status js_cube_set_meta(js_cube *c, js_meta key, const char *value);
size_t js_cube_nnotes(const js_cube *c);
const char *js_cube_note(const js_cube *c, size_t i);
js_status js_cube_add_note(js_cube *c, const char *text);
/* Decimals to show for the measure; -1 when unknown. */
int js_cube_decimals(const js_cube *c);
void js_cube_set_decimals(js_cube *c, int decimals);

/* ---- Building ----------------------------------------------------------- */

/* Append a dimension (only before cells exist).  *index receives its
 * position.  label may be NULL.  JS_EINTERNAL if cells already exist. */
js_status js_cube_add_dim(js_cube *c, const char *name, const char *label, js_role role,
                          size_t *index);

/* Add a category to dimension dim, or find it if the code exists already
 * (then the label is left as it was).  label may be NULL (= code).  The
 * category is harmonised for the dimension's role.  For a sex dimension a
 * code that names no sex gives JS_EDATA (the reader reports it with its
 * line).  *cat may be NULL.  Once cells exist, only existing codes can be
 * "added" (found); a new one is JS_EINTERNAL. */
js_status js_cube_add_category(js_cube *c, size_t dim, const char *code, const char *label,
                               size_t *cat);

/* Add a copy of a category of another cube's dimension with the same role:
 * its harmonised meaning is copied rather than worked out again. */
js_status js_cube_copy_category(js_cube *c, size_t dim, const js_category *src, size_t *cat);

/* Give category cat of dimension dim a new display label (a copy; the code
 * and the harmonised meaning stay): labels from a key file.  JS_EINTERNAL
 * for an index out of range. */
js_status js_cube_set_label(js_cube *c, size_t dim, size_t cat, const char *label);
/* Mark category cat of dim as one whose values are years or codes (values_whole). */
js_status js_cube_set_values_whole(js_cube *c, size_t dim, size_t cat);

/* Change a dimension's role and harmonise its categories again.  JS_EDATA if a
 * category does not fit the role (a sex dimension with an unknown code);
 * the role is then left unchanged. */
js_status js_cube_set_role(js_cube *c, size_t dim, js_role role);

/* Allocate the dense cell array: every cell JS_CELL_MISSING with no symbol. */
js_status js_cube_alloc_cells(js_cube *c);
/* Setters for a cube whose cells exist.  A value makes the cell OK. */
void js_cube_set_value(js_cube *c, size_t cell, double v);
/* Set status (and symbol text, may be NULL).  For JS_CELL_OK the value is
 * kept and the text is a flag on it; otherwise the value becomes NaN. */
js_status js_cube_set_status(js_cube *c, size_t cell, js_cell st, const char *symbol);

/* Stage a cell before the dense array exists (long-format readers, where
 * categories appear as rows are read).  line is kept for the duplicate
 * message. */
js_status js_cube_stage(js_cube *c, const size_t *idx, double v, js_cell st,
                        const char *symbol, size_t line);
/* Allocate the cells and place every staged cell.  Two staged cells with the
 * same coordinates are an error naming both lines (JS_EDATA, reported into d
 * with path). */
js_status js_cube_commit(js_cube *c, const char *path, js_diag *d);

/* Result arrays (indicator results): allocated on first use. */
js_status js_cube_set_ci(js_cube *c, size_t cell, double lo, double hi);
js_status js_cube_add_flags(js_cube *c, size_t cell, uint32_t flags);
/* Clear flags of a cell (disclosure control: a suppressed count keeps no
 * small_n, which would tell that it is below small_n). */
js_status js_cube_clear_flags(js_cube *c, size_t cell, uint32_t flags);

/* A new cube with the same dimensions (names, labels, roles) and metadata
 * but no categories and no cells: the next partition of a streamed file.
 * Caller owns *out. */
js_status js_cube_clone_shape(const js_cube *c, js_cube **out);

/* As js_cube_clone_shape, but every dimension except skip (SIZE_MAX: none)
 * keeps its categories: the next partition of a streamed file usually has
 * the same areas, ages and sexes, so its cells can be placed directly. */
js_status js_cube_clone_categories(const js_cube *c, size_t skip, js_cube **out);

/* Back from dense cells to staging: every cell whose bit is set in given
 * (ncells bits) is staged again (with line 0), and the cells are freed, so
 * that categories can be added once more.  For a reader that placed cells
 * directly and then met a category it did not expect. */
js_status js_cube_restage(js_cube *c, const uint8_t *given);

/* Invariant check for tests and asserts: dims, sizes and arrays agree. */
int js_cube_check(const js_cube *c);

#endif
