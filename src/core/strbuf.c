/*
 * strbuf.c - growable string buffer with a sticky failure flag.
 */
#include "core/strbuf.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

void js_buf_init(js_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void js_buf_fini(js_buf *b)
{
    js_free(b->data);
    js_buf_init(b);
}

void js_buf_reset(js_buf *b)
{
    b->len = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

static int buf_reserve(js_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > JS_ALLOC_CAP - b->len - 1 ||
        js_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1) != 0) {
        b->failed = 1;
        return -1;
    }
    return 0;
}

void js_buf_append(js_buf *b, const void *bytes, size_t n)
{
    if (buf_reserve(b, n) != 0)
        return;
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void js_buf_puts(js_buf *b, const char *s)
{
    js_buf_append(b, s, strlen(s));
}

void js_buf_putc(js_buf *b, char c)
{
    js_buf_append(b, &c, 1);
}

/* fmt comes from the callers' literals (JS_PRINTF checks those): the
 * wrapper itself has to pass it on. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
void js_buf_vprintf(js_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    const int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0 || buf_reserve(b, (size_t)n) != 0) {
        b->failed = 1;
        return;
    }
    (void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

void js_buf_printf(js_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    js_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *js_buf_cstr(const js_buf *b)
{
    return (b->data != NULL && !b->failed) ? b->data : "";
}
