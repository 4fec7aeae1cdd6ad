/*
 * strbuf.h - a growable NUL-terminated byte buffer (internal).
 *
 * Appends never fail loudly: the first failed allocation sets .failed and
 * later appends do nothing, so a writer can append freely and check once.
 */
#ifndef JAMSTAT_CORE_STRBUF_H
#define JAMSTAT_CORE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "jamstat/status.h"

typedef struct js_buf {
    char *data; /* NUL-terminated when len > 0 or after js_buf_cstr */
    size_t len;
    size_t cap;
    int failed; /* an append ran out of memory */
} js_buf;

void js_buf_init(js_buf *b);
void js_buf_fini(js_buf *b);
void js_buf_reset(js_buf *b); /* len = 0, keeps memory */
void js_buf_append(js_buf *b, const void *bytes, size_t n);
void js_buf_puts(js_buf *b, const char *s);
void js_buf_putc(js_buf *b, char c);
void js_buf_printf(js_buf *b, const char *fmt, ...) JS_PRINTF(2, 3);
void js_buf_vprintf(js_buf *b, const char *fmt, va_list ap);
/* Always a valid string ("" when empty or failed). */
const char *js_buf_cstr(const js_buf *b);

#endif
