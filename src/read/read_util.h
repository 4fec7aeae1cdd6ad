/*
 * read_util.h - pieces every text reader needs (internal): UTF-8 checks,
 * Windows-1252 conversion, and the reading of one data cell.
 */
#ifndef JAMSTAT_READ_UTIL_H
#define JAMSTAT_READ_UTIL_H

#include <stddef.h>

#include "core/strbuf.h"
#include "jamstat/cube.h"
#include "jamstat/diag.h"
#include "jamstat/read.h"

/* ---- Limits on sizes read from input (README: "What jamstat promises
 * about bad input").  A header may declare sizes its file does not carry;
 * these keep a tiny hostile file from making the reader allocate
 * gigabytes before it finds out. */

/* Categories of one dimension (a PX VALUES list, a JSON-stat size). */
#define JS_READ_MAX_CATEGORIES ((size_t)1000000)
/* Declared cells of a dense table that are allocated before the data is
 * counted (a short DATA block then gets its exact "declared N, found M");
 * above it the bytes after the header must be able to hold them. */
#define JS_READ_DENSE_FREE ((size_t)1 << 16)
/* Declared cells of a sparse table (JSON-stat value object, PX KEYS) that
 * need no further evidence; above it the file must carry at least one byte
 * per JS_READ_SPARSE_RATIO cells. */
#define JS_READ_SPARSE_FREE ((size_t)1 << 24)
#define JS_READ_SPARSE_RATIO ((size_t)1024)
/* The default cap on a cube's cells (js_read_opts.max_cells = 0). */
#define JS_READ_DEFAULT_MAX_CELLS ((size_t)1000000000)

/* Is bytes[0..n) valid UTF-8?  If partial_tail is non-zero, an incomplete
 * sequence at the very end counts as valid (a block cut mid-character). */
int js_utf8_valid(const char *bytes, size_t n, int partial_tail);
/* The length of the longest valid UTF-8 prefix of bytes[0..n) (n when all
 * of it is valid): where the first bad byte is, for messages. */
size_t js_utf8_prefix(const char *bytes, size_t n, int partial_tail);

/* A character-set converter to UTF-8 (glibc iconv). */
typedef struct js_conv {
    void *cd; /* iconv_t; NULL when closed */
} js_conv;

/* Open a converter from the named charset ("WINDOWS-1252", "ISO-8859-1",
 * "UTF-16LE") to UTF-8.  Returns 0, or -1 when iconv does not know it. */
int js_conv_open(js_conv *c, const char *from);
void js_conv_close(js_conv *c);
/* Append text converted to UTF-8 to out.  A byte the charset does not
 * define becomes U+FFFD. */
void js_conv_append(js_conv *c, const char *text, size_t n, js_buf *out);

/* A plain decimal number: [+-]digits[.digits][(e|E)[+-]digits] (digits on
 * at least one side of the point), whole string, finite.  strtod alone
 * also takes "inf", "nan", "0x10" and leading spaces, and turns "1e400"
 * into infinity; none of these may reach a cube.  1 and *v set, or 0. */
int js_parse_decimal(const char *s, double *v);

/* Before a long table's staged cells are placed (js_cube_commit allocates
 * the product of its dimensions' sizes): a table over JS_READ_SPARSE_FREE
 * cells must have been given one cell per JS_READ_SPARSE_RATIO of them.
 * A 16 KB CSV of 1000 rows whose three columns never repeat multiplies to
 * 10^9 cells (17 GB).  JS_EDATA with a message naming the sizes, or
 * JS_OK. */
js_status js_read_check_given(const js_cube *c, size_t n_given, const char *path, js_diag *d);

/* ---- Roles ----------------------------------------------------------- */

/* Dimension di of c when its name makes it sex but a category is no sex
 * code: report it as an error at path:line (line 0 = none) naming the
 * first such code, and return JS_EDATA.  README: "an unknown code in a sex
 * column is an error with its line"; without it the dimension quietly
 * became "other" and sex indicators failed later for want of a sex. */
js_status js_read_unfit_sex(const js_cube *c, size_t di, const char *path, size_t line,
                            js_diag *d);

/* Does the user give dimension di of c a role (o->roles)?  Then a role
 * guessed from its name is not tried. */
int js_read_role_given(const js_read_opts *o, const js_cube *c, size_t di);

typedef enum js_cell_parse {
    JS_PARSE_NUMBER = 0, /* *value set, *status JS_CELL_OK */
    JS_PARSE_SYMBOL = 1, /* a data symbol: *status set, *value NaN */
    JS_PARSE_BAD = 2     /* neither a number nor a known symbol */
} js_cell_parse;

/* Read one cell: "123", "-4.5", "1 234,5" (decimal_comma), "1e3", or a
 * symbol: ".." / "..." / ":" / "" (missing), "." / "n.a." (not applicable),
 * "-" / "–" (nil), "..C" / "x" / "X" / "C" (suppressed), "NA" / "NaN"
 * (missing: what R and pandas write for a missing value), other runs of
 * dots, dashes and colons, with up to three letters after a run that has a
 * dot or a colon ("..C", ":c"; "-inf" is no symbol).  "inf", "1e400" and
 * other numbers out of range are JS_PARSE_BAD.  text is trimmed. */
js_cell_parse js_parse_cell(const char *text, int decimal_comma, double *value, js_cell *status);

#endif
