/*
 * source.c - a byte stream over a file or over memory (fmemopen), so that
 * readers read both the same way.
 */
#include "jamstat/source.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"

struct js_source {
    FILE *fp;
    char *name;
    uint64_t offset;    /* bytes delivered so far */
    char *prefix;       /* served before the file's bytes (range sources) */
    size_t prefix_len;
    uint64_t start;     /* range sources: where the range starts in the file */
    uint64_t remaining; /* range sources: file bytes left to deliver; UINT64_MAX = no limit */
    uint64_t size;      /* bytes delivered in all; UINT64_MAX = unknown (not a regular file) */
};

static js_status source_wrap(FILE *fp, const char *name, js_source **out)
{
    js_source *const s = js_calloc(1, sizeof *s);
    char *const copy = js_strdup(name);
    if (s == NULL || copy == NULL) {
        js_free(s);
        js_free(copy);
        (void)fclose(fp);
        return JS_ENOMEM;
    }
    s->fp = fp;
    s->name = copy;
    s->remaining = UINT64_MAX;
    struct stat sb;
    const int fd = fileno(fp); /* -1 for fmemopen: the memory opener sets size */
    s->size = fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size
                                                                   : UINT64_MAX;
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
    /* fopen succeeds on a directory and the first read fails with EISDIR,
     * which would be reported as an I/O error (74) without saying why. */
    struct stat sb;
    if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        js_diag_error(d, path, 0, 0, "expected a file, found a directory");
        (void)fclose(fp);
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
    const js_status st = source_wrap(fp, name, out);
    if (st == JS_OK)
        (*out)->size = len;
    return st;
}

js_status js_source_open_file_range(const char *path, const void *prefix, size_t prefix_len,
                                    uint64_t offset, uint64_t length, js_source **out,
                                    js_diag *d)
{
    js_source *s;
    js_status st = js_source_open_file(path, &s, d);
    if (st != JS_OK)
        return st;
    s->prefix = js_malloc(prefix_len);
    if (s->prefix == NULL) {
        js_source_free(s);
        return JS_ENOMEM;
    }
    if (prefix_len > 0)
        memcpy(s->prefix, prefix, prefix_len);
    s->prefix_len = prefix_len;
    s->start = offset;
    s->remaining = length;
    if (s->size != UINT64_MAX) { /* the prefix, then at most length bytes from offset */
        const uint64_t rest = s->size > offset ? s->size - offset : 0;
        s->size = prefix_len + (length < rest ? length : rest);
    }
    if (offset > (uint64_t)LONG_MAX || fseek(s->fp, (long)offset, SEEK_SET) != 0) {
        js_diag_error(d, path, 0, 0, "cannot seek to byte %llu", (unsigned long long)offset);
        js_source_free(s);
        return JS_EIO;
    }
    *out = s;
    return JS_OK;
}

void js_source_free(js_source *s)
{
    if (s == NULL)
        return;
    (void)fclose(s->fp);
    js_free(s->name);
    js_free(s->prefix);
    js_free(s);
}

const char *js_source_name(const js_source *s)
{
    return s->name;
}

js_status js_source_read(js_source *s, void *buf, size_t cap, size_t *n_read)
{
    size_t from_prefix = 0;
    if (s->offset < s->prefix_len) { /* the prefix first */
        from_prefix = s->prefix_len - (size_t)s->offset;
        if (from_prefix > cap)
            from_prefix = cap;
        memcpy(buf, s->prefix + s->offset, from_prefix);
    }
    size_t want = cap - from_prefix;
    if (s->remaining < want)
        want = (size_t)s->remaining;
    const size_t n = want ? fread((char *)buf + from_prefix, 1, want, s->fp) : 0;
    if (s->remaining != UINT64_MAX)
        s->remaining -= n;
    *n_read = from_prefix + n;
    s->offset += *n_read;
    if (n < want && ferror(s->fp))
        return JS_EIO;
    return JS_OK;
}

uint64_t js_source_size(const js_source *s)
{
    return s->size;
}

uint64_t js_source_offset(const js_source *s)
{
    return s->offset;
}

js_status js_source_rewind(js_source *s)
{
    if (s->prefix != NULL || s->remaining != UINT64_MAX) /* ranges are read once */
        return JS_EIO;
    if (fseek(s->fp, 0, SEEK_SET) != 0)
        return JS_EIO;
    clearerr(s->fp);
    s->offset = 0;
    return JS_OK;
}
