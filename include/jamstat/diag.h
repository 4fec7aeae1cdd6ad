/*
 * diag.h - the diagnostics sink.
 *
 * The library never prints: readers, the analysis-file parser and the
 * indicators report problems into a js_diag that the caller owns, and the
 * CLI prints them.  A message names the file, the line (and column where it
 * applies), and says what was expected and what was found:
 *
 *     data/pop.csv:12:17: error: expected a number in column "2015", found "12a"
 */
#ifndef JAMSTAT_DIAG_H
#define JAMSTAT_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "jamstat/status.h"

typedef enum js_severity {
    JS_SEV_NOTE = 0,
    JS_SEV_WARNING = 1,
    JS_SEV_ERROR = 2
} js_severity;

/* One message.  All strings are owned by the js_diag. */
typedef struct js_diag_msg {
    js_severity severity;
    const char *path;    /* file the message is about, or NULL */
    size_t line;         /* 1-based; 0 = no line */
    size_t col;          /* 1-based; 0 = no column */
    const char *text;    /* the message, without location or severity */
} js_diag_msg;

typedef struct js_diag js_diag;

/* Caller owns the result (js_diag_free).  NULL when out of memory. */
js_diag *js_diag_alloc(void);
void js_diag_free(js_diag *d); /* NULL is a no-op */

/* Record a message.  d may be NULL (the message is dropped).  Never fails:
 * when memory runs out the message is counted but its text is lost. */
void js_diag_add(js_diag *d, js_severity sev, const char *path, size_t line, size_t col,
                 const char *fmt, ...) JS_PRINTF(6, 7);

/* Shorthands for js_diag_add with JS_SEV_ERROR / JS_SEV_WARNING. */
void js_diag_error(js_diag *d, const char *path, size_t line, size_t col, const char *fmt, ...)
    JS_PRINTF(5, 6);
void js_diag_warn(js_diag *d, const char *path, size_t line, size_t col, const char *fmt, ...)
    JS_PRINTF(5, 6);

size_t js_diag_size(const js_diag *d);
/* Messages of at least this severity. */
size_t js_diag_count(const js_diag *d, js_severity at_least);
/* Borrowed; valid until the next js_diag_add or js_diag_free. */
const js_diag_msg *js_diag_get(const js_diag *d, size_t i);

/* "path:line:col: severity: text\n" for every message, in order. */
void js_diag_print(const js_diag *d, FILE *f, const char *program);

/* Append copies of every message of from to to (in order): a thread
 * reports into a diag of its own, merged when it is joined. */
void js_diag_append(js_diag *to, const js_diag *from);

/* Drop every message (keeps the allocation). */
void js_diag_clear(js_diag *d);

#endif
