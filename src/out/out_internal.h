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

#include "core/strbuf.h"
#include "jamstat/cube.h"

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

/* 1 if any cell of the cube has a confidence limit. */
int js_out_has_ci(const js_cube *c);

#endif
