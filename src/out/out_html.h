/*
 * out_html.h - the pieces of report.html shared between out_html.c (the
 * document) and out_html_table.c (the indicator tables).  Internal.
 */
#ifndef JAMSTAT_OUT_HTML_H
#define JAMSTAT_OUT_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "jamstat/output.h"

/* Rows shown per table in the report; the full table is in indicators.csv
 * and .xlsx.  A 5 000-row table helps no reader of a printed report. */
#define JS_HTML_MAX_ROWS 300

/* Number of result flag bits (JS_FLAG_*): each has words below. */
#define JS_HTML_N_FLAGS JS_FLAG_NBITS

/* Words for flag bit number `bit` (0 = JS_FLAG_MISSING_INPUT ...): a short
 * column heading and a sentence for footnotes. */
const char *js_html_flag_short(unsigned bit, js_lang lang);
const char *js_html_flag_text(unsigned bit, js_lang lang);

/* Append the table section of result r, numbered `number` ("Tabell 3."),
 * with id "tab-<number>" and a link to "#def-<number>".  With a focus (the
 * home region's code or label, or NULL) a table by region shows the focus
 * and the country over the years first, then the other regions for the
 * latest year; without one, its first JS_HTML_MAX_ROWS rows. */
void js_html_result_table(js_buf *b, const js_result *r, size_t number, const char *focus, js_lang lang);

/* The author's text (a chart's or an indicator's text or note: plain
 * text, escaped) as a paragraph of class cls; nothing when NULL or "". */
void js_html_author(js_buf *b, const char *text, const char *cls);

/* Append the section of [table] t, numbered `number`: its first
 * JS_HTML_MAX_ROWS rows, with a link to its CSV. */
void js_html_wide_table(js_buf *b, const js_table *t, size_t number, js_lang lang);

#endif
