/*
 * run.h - the jobs behind the CLI commands: run an analysis file, describe
 * a data file, convert one, list the indicator catalogue.
 */
#ifndef JAMSTAT_RUN_H
#define JAMSTAT_RUN_H

#include <stddef.h>

#include "jamstat/diag.h"
#include "jamstat/read.h"
#include "jamstat/status.h"

typedef struct js_run_opts {
    const char *analysis;        /* the analysis file */
    const char *out_dir;         /* NULL: [analysis] output, else "out" */
    const char *const *sets;     /* "SECTION.KEY=VALUE" overrides */
    size_t n_sets;
    unsigned formats;            /* JS_RENDER_* bits; 0 = SVG + PNG */
    int jobs;                    /* gnuplot processes at once; 0 = one per core */
    int check_only;              /* validate the file and its data, write nothing */
    int refresh;                 /* fetch [data] sections with a table key even when their file exists */
} js_run_opts;

/* The main job.  Writes everything into a fresh folder beside the output
 * folder and swaps it into place at the end, so a failed run leaves the
 * previous results as they were.  Progress notes and warnings go to d. */
js_status js_run(const js_run_opts *o, js_diag *d);

/* What a data file holds, as text (caller frees with js_text_free). */
js_status js_describe(const char *path, const js_read_opts *ro, char **text, js_diag *d);

/* Any input → tidy CSV (excel_sv: Swedish Excel dialect).  out NULL = stdout
 * is not supported by the library: the CLI passes a path. */
js_status js_convert(const char *path, const js_read_opts *ro, const char *out, int excel_sv,
                     js_diag *d);

/* How describe and convert read a PC-Axis file: JS_STREAM_AUTO streams it
 * by its first variable (memory bounded by one category of it, whatever the
 * file size); JS_STREAM_OFF builds the whole cube first.  Other inputs are
 * always read whole.  The output is the same either way. */
typedef enum js_stream_mode { JS_STREAM_AUTO = 0, JS_STREAM_OFF = 1 } js_stream_mode;

/* js_describe / js_convert (which use JS_STREAM_AUTO) with the mode given;
 * all: describe lists every category of every dimension (else up to 8, or
 * the first 6 and the last). */
js_status js_describe_stream(const char *path, const js_read_opts *ro, js_stream_mode mode, int all,
                             char **text, js_diag *d);
js_status js_convert_stream(const char *path, const js_read_opts *ro, js_stream_mode mode,
                            const char *out, int excel_sv, js_diag *d);

void js_text_free(char *text);

#endif
