/*
 * outdir.h - the output folder of a run, replaced all-or-nothing (internal).
 *
 * A run writes into a staging folder "OUT.tmp-XXXXXX" beside OUT and, when
 * every output is written, swaps it in for OUT.  Replacing OUT deletes what
 * it held, so OUT may be replaced only when it is empty or jamstat wrote it:
 * every folder jamstat writes holds the marker file JS_OUTDIR_MARKER.  A
 * folder without it (the user's data, "/", the home folder), a file, a
 * symbolic link, or a folder with one of the run's inputs inside is refused
 * with JS_ECREATE before anything is written.
 *
 * A staging folder stays locked (flock) while its run lives.  A run killed
 * halfway leaves its staging folder behind; the next run into the same OUT
 * finds it unlocked and removes it.
 */
#ifndef JAMSTAT_CORE_OUTDIR_H
#define JAMSTAT_CORE_OUTDIR_H

#include <stddef.h>

#include "jamstat/diag.h"
#include "jamstat/status.h"

/* The marker file in every folder jamstat writes. */
#define JS_OUTDIR_MARKER ".jamstat-output"

typedef struct js_outdir {
    char *dir;   /* OUT, trailing slashes removed */
    char *stage; /* OUT.tmp-XXXXXX, holding the marker */
    int lock_fd; /* the stage's folder, flock'ed; -1 when none */
} js_outdir;

/* Check that dir may be replaced (see above; inputs are the paths the run
 * reads, none of which may lie inside dir), remove stale staging folders
 * of killed runs, and create the staging folder with its marker.  On
 * success the caller writes into o->stage and ends with js_outdir_commit
 * or js_outdir_abort. */
js_status js_outdir_open(js_outdir *o, const char *dir, const char *const *inputs, size_t n_inputs,
                         js_diag *d);

/* Put the staging folder in the place of o->dir (the previous folder is
 * removed only once the new one is in place).  Frees o either way; on
 * failure the staging folder is removed and o->dir is as it was. */
js_status js_outdir_commit(js_outdir *o, js_diag *d);

/* Remove the staging folder; o->dir is untouched.  Frees o. */
void js_outdir_abort(js_outdir *o);

/* Remove path and everything below it, never following symbolic links. */
void js_rm_rf(const char *path);

/* 1 when name is usable as a file name in an output folder: 1 to 100
 * characters of A-Z a-z 0-9 . _ -, not starting with '.' or '-' (so no
 * "..", no hidden files, no options to the tools that read them). */
int js_file_name_ok(const char *name);

#endif
