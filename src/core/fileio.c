/*
 * fileio.c - all-or-nothing output files and folders.
 */
#define _POSIX_C_SOURCE 200809L
#include "core/fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"

char *js_path_join(const char *dir, const char *name)
{
    const size_t ld = strlen(dir), ln = strlen(name);
    const int slash = ld > 0 && dir[ld - 1] != '/';
    char *const p = js_malloc(ld + (size_t)slash + ln + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, dir, ld);
    if (slash)
        p[ld] = '/';
    memcpy(p + ld + (size_t)slash, name, ln + 1);
    return p;
}

/* What path is when it exists and is not a regular file; NULL when it is
 * one or is absent.  lstat: a symbolic link is itself refused (rename
 * would replace the link, leaving its target untouched). */
static const char *atomic_not_regular(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || S_ISREG(sb.st_mode))
        return NULL;
    if (S_ISLNK(sb.st_mode))
        return "a symbolic link";
    if (S_ISDIR(sb.st_mode))
        return "a directory";
    if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode))
        return "a device";
    if (S_ISFIFO(sb.st_mode))
        return "a FIFO";
    return "not a regular file";
}

/* Output goes to a temporary renamed over path, and rename replaces
 * whatever path is: run as root, `convert -o /dev/full` replaced the
 * device with a regular file.  Only a regular file (or nothing) may be
 * replaced; checked when the file is opened and again before the rename. */
static int atomic_refuse(const char *path, js_diag *d)
{
    const char *const what = atomic_not_regular(path);
    if (what == NULL)
        return 0;
    js_diag_error(d, path, 0, 0, "expected a regular file or a new name to write, found %s: "
                  "not replaced", what);
    return 1;
}

js_status js_atomic_open(js_atomic *a, const char *path, js_diag *d)
{
    a->fp = NULL;
    a->path = a->tmp_path = NULL;
    if (atomic_refuse(path, d))
        return JS_ECREATE;
    a->path = js_strdup(path);
    a->tmp_path = a->path ? js_malloc(strlen(path) + 12) : NULL;
    if (a->tmp_path == NULL) {
        js_free(a->path);
        a->path = NULL;
        return JS_ENOMEM;
    }
    strcpy(a->tmp_path, path);
    strcat(a->tmp_path, ".tmp-XXXXXX");
    const int fd = mkstemp(a->tmp_path);
    if (fd >= 0)
        a->fp = fdopen(fd, "wb");
    if (a->fp == NULL) {
        js_diag_error(d, path, 0, 0, "cannot create: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(a->tmp_path);
        }
        js_free(a->path);
        js_free(a->tmp_path);
        a->path = a->tmp_path = NULL;
        return JS_ECREATE;
    }
    (void)fchmod(fd, 0644);
    return JS_OK;
}

static void atomic_release(js_atomic *a)
{
    js_free(a->path);
    js_free(a->tmp_path);
    a->path = a->tmp_path = NULL;
    a->fp = NULL;
}

js_status js_atomic_commit(js_atomic *a, js_diag *d)
{
    const int write_failed = ferror(a->fp);
    const int close_failed = fclose(a->fp) != 0;
    if (write_failed || close_failed) {
        js_diag_error(d, a->path, 0, 0, "write failed: %s", strerror(errno));
        unlink(a->tmp_path);
        atomic_release(a);
        return JS_EIO;
    }
    if (atomic_refuse(a->path, d)) { /* it changed since js_atomic_open */
        unlink(a->tmp_path);
        atomic_release(a);
        return JS_ECREATE;
    }
    if (rename(a->tmp_path, a->path) != 0) {
        js_diag_error(d, a->path, 0, 0, "cannot rename into place: %s", strerror(errno));
        unlink(a->tmp_path);
        atomic_release(a);
        return JS_ECREATE;
    }
    atomic_release(a);
    return JS_OK;
}

void js_atomic_abort(js_atomic *a)
{
    if (a->fp != NULL)
        (void)fclose(a->fp);
    if (a->tmp_path != NULL)
        unlink(a->tmp_path);
    atomic_release(a);
}

js_status js_mkdir_p(const char *path, js_diag *d)
{
    char *const copy = js_strdup(path);
    if (copy == NULL)
        return JS_ENOMEM;
    for (char *p = copy + 1;; p++) {
        const char c = *p;
        if (c == '/' || c == '\0') {
            *p = '\0';
            if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
                js_diag_error(d, copy, 0, 0, "cannot create folder: %s", strerror(errno));
                js_free(copy);
                return JS_ECREATE;
            }
            *p = c;
            if (c == '\0')
                break;
        }
    }
    js_free(copy);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        js_diag_error(d, path, 0, 0, "not a folder");
        return JS_ECREATE;
    }
    return JS_OK;
}

js_status js_write_file(const char *path, const void *bytes, size_t n, js_diag *d)
{
    js_atomic a;
    const js_status st = js_atomic_open(&a, path, d);
    if (st != JS_OK)
        return st;
    if (n > 0 && fwrite(bytes, 1, n, a.fp) != n) {
        js_diag_error(d, path, 0, 0, "write failed: %s", strerror(errno));
        js_atomic_abort(&a);
        return JS_EIO;
    }
    return js_atomic_commit(&a, d);
}
