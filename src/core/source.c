/*
 * source.c - a byte stream over a file or over memory (fmemopen), so that
 * readers read both the same way.
 */
#include "jamstat/source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

struct js_source {
    FILE *fp;
    char *name;
    uint64_t offset; /* bytes delivered so far */
};

static js_status source_wrap(FILE *fp, const char *name, js_source **out)
{
    js_source *const s = js_calloc(1, sizeof *s);
    char *const copy = js_strdup(name);
    if (s == NULL || copy == NULL) {
        js_free(s);
        js_free(copy);
        fclose(fp);
        return JS_ENOMEM;
    }
    s->fp = fp;
    s->name = copy;
    *out = s;
    return JS_OK;
}

js_status js_source_open_file(const char *path, js_source **out, js_diag *d)
{
    FILE *const fp = fopen(path, "rb");
    if (fp == NULL) {
        js_diag_error(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return JS_ENOINPUT;
    }
    return source_wrap(fp, path, out);
}

js_status js_source_open_memory(const char *name, const void *bytes, size_t len,
                                js_source **out)
{
    /* fmemopen wants a non-const buffer and a non-zero size; it only reads
     * in mode "r". */
    static char empty[1];
    FILE *const fp = len ? fmemopen((void *)(uintptr_t)bytes, len, "r") : fmemopen(empty, 1, "r");
    if (fp == NULL)
        return JS_ENOMEM;
    if (len == 0)
        (void)fgetc(fp); /* consume the one byte: an empty stream */
    return source_wrap(fp, name, out);
}

void js_source_free(js_source *s)
{
    if (s == NULL)
        return;
    fclose(s->fp);
    js_free(s->name);
    js_free(s);
}

const char *js_source_name(const js_source *s)
{
    return s->name;
}

js_status js_source_read(js_source *s, void *buf, size_t cap, size_t *n_read)
{
    const size_t n = fread(buf, 1, cap, s->fp);
    *n_read = n;
    s->offset += n;
    if (n < cap && ferror(s->fp))
        return JS_EIO;
    return JS_OK;
}

uint64_t js_source_offset(const js_source *s)
{
    return s->offset;
}

js_status js_source_rewind(js_source *s)
{
    if (fseek(s->fp, 0, SEEK_SET) != 0)
        return JS_EIO;
    clearerr(s->fp);
    s->offset = 0;
    return JS_OK;
}
