/*
 * out_internal.h - helpers shared by the output writers (internal).
 *
 * Numbers for programs (CSV) are written in their shortest form that reads
 * back to the same double; text for HTML and JSON must be valid UTF-8, so
 * every string from data passes through the sanitizers here first.
 */
#ifndef JAMSTAT_OUT_INTERNAL_H
#define JAMSTAT_OUT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "jamstat/diag.h"
#include "jamstat/cube.h"
#include "jamstat/output.h"

/* Room for any double written by js_out_fmt_double. */
#define JS_OUT_NUM_CAP 40

/* The shortest of %.15g, %.16g, %.17g that strtod reads back as v, always
 * with '.' as the decimal point; "" for NaN.  Returns buf. */
char *js_out_fmt_double(double v, char buf[JS_OUT_NUM_CAP]);

/* Length of the valid UTF-8 sequence at s (1-4), 0 if s starts an invalid
 * or truncated one.  s must be NUL-terminated. */
size_t js_utf8_seq_len(const unsigned char *s);

/* Append s as valid UTF-8: invalid bytes become U+FFFD.  NULL appends
 * nothing. */
void js_utf8_sanitize(js_buf *b, const char *s);

/* Append s HTML-escaped (& < > " ' become entities), as valid UTF-8, with
 * control characters other than tab and newline dropped.  NULL appends
 * nothing.  Safe in text and in quoted attribute values. */
void js_html_escape(js_buf *b, const char *s);

/* Would a spreadsheet take the text field s for a formula (OWASP "CSV
 * injection")?  1 when s starts with '=', '@', TAB or CR, or with '+' or
 * '-' unless s is that sign alone or a plain number ("-19", "-3.5",
 * "+65", "-3,5"): those cannot be formulas and a prefix would garble
 * codes such as the age "-19" and the nil symbol "-".  The CSV writers
 * write such a field with a leading '. */
int js_out_formula_like(const char *s);

/* A [table]'s rows, shared by its CSV, its xlsx sheet and its report
 * table: rows are the cells of the first result sorted by their codes in
 * by order; the other results are looked up by code, so their category
 * order does not matter. */
typedef struct out_wide_row out_wide_row;
typedef struct out_wide {
    const js_table *t;
    out_wide_row *rows;
    size_t n_rows;
    size_t *dim_of; /* t->n × t->n_by: result r's dimension of by i; SIZE_MAX: shaped as the first */
} out_wide;

/* Check t (every result with exactly the by dimensions) and sort its rows. */
js_status out_wide_init(out_wide *w, const js_table *t, js_diag *d);
void out_wide_fini(out_wide *w);
/* Row k's category of by dimension i. */
const js_category *out_wide_cat(const out_wide *w, size_t k, size_t i);
/* Row k's value of result r (NaN when it has none there). */
double out_wide_value(const out_wide *w, size_t k, size_t r);
/* Is row k's value of result r suppressed (disclosure control: "..")? */
int out_wide_suppressed(const out_wide *w, size_t k, size_t r);

/* 1 if any cell of the cube has a confidence limit. */
int js_out_has_ci(const js_cube *c);

/* expected_bytes of js_fd_sha256 for a stream with no size (a pipe). */
#define JS_SHA_SIZE_UNKNOWN UINT64_MAX

/* SHA-256 of what fd delivers from its current offset to its end, as in
 * js_file_sha256 (which opens path and calls this); path names the file in
 * messages.  expected_bytes is the size fstat gave when it was opened
 * (JS_SHA_SIZE_UNKNOWN: not checked): any other count of bytes read means
 * the file changed while it was read, JS_EIO with both counts in d; a read
 * error is JS_EIO too.  hex and *size_bytes are written only on success.
 * The fd stays open (borrowed). */
js_status js_fd_sha256(int fd, const char *path, uint64_t expected_bytes, char hex[65],
                       uint64_t *size_bytes, js_diag *d);

#endif
