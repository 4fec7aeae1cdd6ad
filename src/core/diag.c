/*
 * diag.c - the diagnostics sink: an array of messages whose strings live
 * in one arena.
 */
#include "jamstat/diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/strbuf.h"

struct js_diag {
    js_diag_msg *msgs;
    size_t n_msgs;
    size_t cap_msgs;
    js_arena strings;
};

js_diag *js_diag_alloc(void)
{
    js_diag *const d = js_calloc(1, sizeof *d);
    if (d != NULL)
        js_arena_init(&d->strings);
    return d;
}

void js_diag_free(js_diag *d)
{
    if (d == NULL)
        return;
    js_free(d->msgs);
    js_arena_fini(&d->strings);
    js_free(d);
}

static void diag_vadd(js_diag *d, js_severity sev, const char *path, size_t line, size_t col,
                      const char *fmt, va_list ap)
{
    if (d == NULL || js_grow((void **)&d->msgs, &d->cap_msgs, d->n_msgs + 1, sizeof *d->msgs))
        return;
    js_buf text;
    js_buf_init(&text);
    js_buf_vprintf(&text, fmt, ap);
    js_diag_msg *const m = &d->msgs[d->n_msgs++];
    m->severity = sev;
    m->path = path ? js_arena_strdup(&d->strings, path) : NULL;
    m->line = line;
    m->col = col;
    m->text = js_arena_strdup(&d->strings, js_buf_cstr(&text));
    if (m->text == NULL)
        m->text = "(message lost: out of memory)";
    js_buf_fini(&text);
}

void js_diag_add(js_diag *d, js_severity sev, const char *path, size_t line, size_t col,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, sev, path, line, col, fmt, ap);
    va_end(ap);
}

void js_diag_error(js_diag *d, const char *path, size_t line, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, JS_SEV_ERROR, path, line, col, fmt, ap);
    va_end(ap);
}

void js_diag_warn(js_diag *d, const char *path, size_t line, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, JS_SEV_WARNING, path, line, col, fmt, ap);
    va_end(ap);
}

size_t js_diag_size(const js_diag *d)
{
    return d ? d->n_msgs : 0;
}

size_t js_diag_count(const js_diag *d, js_severity at_least)
{
    size_t n = 0;
    for (size_t i = 0; i < js_diag_size(d); i++)
        n += d->msgs[i].severity >= at_least;
    return n;
}

const js_diag_msg *js_diag_get(const js_diag *d, size_t i)
{
    return (d != NULL && i < d->n_msgs) ? &d->msgs[i] : NULL;
}

void js_diag_append(js_diag *to, const js_diag *from)
{
    for (size_t i = 0; i < js_diag_size(from); i++) {
        const js_diag_msg *const m = &from->msgs[i];
        js_diag_add(to, m->severity, m->path, m->line, m->col, "%s", m->text);
    }
}

void js_diag_clear(js_diag *d)
{
    if (d == NULL)
        return;
    d->n_msgs = 0;
    js_arena_fini(&d->strings);
}

static const char *severity_name(js_severity s)
{
    switch (s) {
    case JS_SEV_NOTE: return "note";
    case JS_SEV_WARNING: return "warning";
    case JS_SEV_ERROR: return "error";
    }
    return "error";
}

void js_diag_print(const js_diag *d, FILE *f, const char *program)
{
    for (size_t i = 0; i < js_diag_size(d); i++) {
        const js_diag_msg *const m = &d->msgs[i];
        if (program != NULL)
            (void)fprintf(f, "%s: ", program);
        if (m->path != NULL) {
            (void)fputs(m->path, f);
            if (m->line > 0)
                (void)fprintf(f, ":%zu", m->line);
            if (m->col > 0)
                (void)fprintf(f, ":%zu", m->col);
            (void)fputs(": ", f);
        }
        (void)fprintf(f, "%s: %s\n", severity_name(m->severity), m->text);
    }
}
