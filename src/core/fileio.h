/*
 * fileio.h - writing output files all-or-nothing (internal).
 *
 * js_atomic_open writes to "PATH.tmp-XXXXXX" beside PATH; js_atomic_commit
 * closes, checks for write errors and renames it into place; js_atomic_abort
 * removes it.  A failed run therefore never leaves half a file.
 */
#ifndef JAMSTAT_CORE_FILEIO_H
#define JAMSTAT_CORE_FILEIO_H

#include <stdio.h>

#include "jamstat/diag.h"
#include "jamstat/status.h"

typedef struct js_atomic {
    FILE *fp;
    char *path;     /* final path */
    char *tmp_path; /* the temporary beside it */
} js_atomic;

js_status js_atomic_open(js_atomic *a, const char *path, js_diag *d);
js_status js_atomic_commit(js_atomic *a, js_diag *d); /* closes; renames on success */
void js_atomic_abort(js_atomic *a);                   /* closes; removes the temporary */

/* mkdir -p.  JS_ECREATE reported into d on failure. */
js_status js_mkdir_p(const char *path, js_diag *d);

/* Join "dir" and "name" with one '/' into a new string (js_free). */
char *js_path_join(const char *dir, const char *name);

/* Write a whole buffer to path atomically. */
js_status js_write_file(const char *path, const void *bytes, size_t n, js_diag *d);

#endif
