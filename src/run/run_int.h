/*
 * run_int.h - the state of one run (internal), shared by run.c and
 * run_chart.c.
 */
#ifndef JAMSTAT_RUN_INT_H
#define JAMSTAT_RUN_INT_H

#include <pthread.h>

#include "core/arena.h"
#include "jamstat/chart.h"
#include "jamstat/cube.h"
#include "jamstat/fetch.h"
#include "jamstat/format.h"
#include "jamstat/indicator.h"
#include "jamstat/output.h"
#include "jamstat/run.h"
#include "run/spec.h"

typedef struct run_data {
    const spec_section *sec;
    js_cube *cube;
    char *path; /* resolved against the analysis file's folder */
    char sha256[65];
    js_input_info info;
    const char **notes;
    int streamed; /* partition = …: read one partition at a time, cube stays NULL */
    js_fetch_origin origin; /* what a fetched file records of its origin (run_fetch.c) */
    char *cite;             /* "SCB, tabell TAB6471, uppdaterad 2026-06-08", or NULL */
    char *total_label;      /* labels = FILE's label for code "total" (the sum of all the
                               categories a selection's total makes, "Riket"), or NULL */
} run_data;

typedef struct run_ind run_ind;
struct run_ind {
    const spec_section *sec;
    js_indicator_spec spec;
    js_sel *where;      /* where = ..., parsed (spec.where borrows it) */
    char *by_text;      /* owns the strings by[] points into */
    const char **by;
    int decimals;       /* decimals = ..., or -1: the kind's */
    js_cube *cube;      /* the result */
    js_result result;
    char *definition;   /* the kind's definition with this indicator's keys filled in */
    const run_data *in_data[JS_KIND_MAX_INPUTS]; /* input i of the kind, when a data section */
    const run_ind *in_ind[JS_KIND_MAX_INPUTS];   /* input i of the kind, when an indicator */
    const run_data *data;  /* the data behind it (for an indicator on a result: behind that) */
    const run_ind *of;     /* the first indicator among its inputs, else NULL */
    int uses_result;       /* computed on another indicator's result */
};

/* A [table] section's parts: the js_table and the memory behind it. */
typedef struct run_table {
    js_table t;
    char *ind_text, *by_text, *file; /* own the strings names[], by[] and t.file point into */
    const char *names[64], *by[8];
    js_result results[64];
    js_cube *own[64]; /* copies protected with the table's suppress_below (run_sdc_table), or NULL */
    int decimals[64];
} run_table;

/* A [chart] section's selections, parsed when the analysis file is read. */
typedef struct run_chart_sel {
    const spec_section *sec;
    js_sel *where, *compare; /* NULL when not given */
} run_chart_sel;

typedef struct run_chart {
    js_report_chart rc;
    char *alt;
    char *source;
    char *title;
} run_chart;

typedef struct js_run_state {
    js_spec *spec;
    js_diag *diag;
    js_lang lang;
    const spec_section *analysis;
    run_data *data;
    size_t n_data;
    run_ind *ind;
    size_t n_ind;
    run_chart *charts;
    size_t n_charts;
    run_table *tables; /* the [table] sections, in file order */
    js_table *table_views; /* tables[i].t, contiguous: what the writers take */
    size_t n_tables;
    run_chart_sel *chart_sel; /* one per [chart] section, in file order */
    size_t n_chart_sel;
    char **warnings;
    size_t n_warnings, cap_warnings;
    double small_n;
    js_agg_cache *cache; /* sums shared by the indicators of whole (unstreamed) data */
    unsigned formats; /* the images being made (JS_RENDER_*) */
    int jobs; /* threads and gnuplot processes: -j, else [analysis] jobs, else 0 = one per core */
    long gnuplot_timeout; /* [analysis] gnuplot_timeout in seconds; -1: JAMSTAT_GNUPLOT_TIMEOUT or 120 */
    unsigned outputs; /* what the run writes (OUT_* of run.c); 0 for check */
    int check_only;   /* `jamstat check`: nothing is fetched */
    int refresh;      /* --refresh: [data] sections with a table key are fetched again */
} js_run_state;

/* A [data] section with a table key (run_fetch.c): fetch the table into
 * rd->path when that is absent or the run refreshes; `check` fetches
 * nothing and wants the file there. */
js_status run_fetch_data(js_run_state *r, run_data *rd);
/* What the file records of where it was fetched from, into rd->origin,
 * rd->cite and rd->info (after the file was read).  Not an error when it
 * records nothing. */
js_status run_fetch_origin(js_run_state *r, run_data *rd);

/* An [indicator] section: its kind, typed keys and inputs, checked before
 * any data is read (run_ind.c). */
js_status run_prepare(js_run_state *r, run_ind *ri);
/* Each selection of ri on each data section it reads (read whole): a
 * dimension or a category the data lack is an error at the key's line,
 * with the closest name (the aggregation would find it too, but without
 * the line). */
js_status run_check_selections(js_run_state *r, const run_ind *ri);
/* One selection kv of section sec, parsed as sel, on cube c (what names c
 * in the message); sums: the indicator that sums over it (then a total
 * selected with a part of it warns), or NULL. */
js_status run_check_selection(js_run_state *r, const spec_section *sec, const spec_kv *kv,
                              const js_sel *sel, const js_cube *c, const char *what,
                              const js_indicator_spec *sums);
/* Compute it (unless streaming did) and fill ri->result.  A total made by
 * summing all categories (code "total") is labelled in the analysis's
 * language, or as the data's labels file names code "total". */
js_status run_compute(js_run_state *r, run_ind *ri);
/* Disclosure control of a computed result, in place (run_sdc.c). */
js_status run_sdc(js_run_state *r, run_ind *ri);
/* [table] suppress_below / protect_zeros: res->cube becomes a copy of
 * ri's result protected with the table's settings (*own, caller frees),
 * or stays as it is (run_sdc.c). */
js_status run_sdc_table(js_run_state *r, const spec_section *sec, const run_ind *ri, js_result *res,
                        js_cube **own);
/* Warn of charts that draw data sections around suppress_below (run_sdc.c). */
js_status run_sdc_charts(js_run_state *r);

/* Parse every [chart] section's where and compare, each mistake at its
 * line and column, before any data is read (run_chart.c). */
js_status run_chart_selections(js_run_state *r);
void run_chart_selections_free(js_run_state *r);

/* Write every [chart] section into dir (charts/ of the staging folder) and
 * render them.  Fills r->charts.  dir NULL: build and check each chart,
 * write and render nothing (jamstat check). */
js_status run_charts(js_run_state *r, const char *dir, unsigned formats, int jobs);

/* A [data] section's key files (run_keys.c): labels = DIM:FILE gives the
 * categories of DIM the file's labels; group = DIM:FILE replaces rd->cube
 * by one whose DIM has the file's groups, each the sum of its members. */
js_status run_keys_apply(js_run_state *r, run_data *rd);
/* The codes and labels of a key file's first two columns (a chart's
 * label = FILE): *n pairs in two arrays the caller frees, strings in
 * strings. */
js_status run_labels_file(js_run_state *r, const char *path, js_arena *strings, const char ***codes,
                          const char ***labels, size_t *n);
/* Compute every indicator on a streamed data section, partition by
 * partition (run_stream.c). */
js_status run_stream_data(js_run_state *r, run_data *rd, const js_read_opts *base);

/* The data or indicator section a name refers to. */
const run_data *run_find_data(const js_run_state *r, const char *name);
const run_ind *run_find_ind(const js_run_state *r, const char *name);

/* Run fn(arg) in a thread of its own when the run may use more than one
 * (jobs != 1) and a thread can be had - returns 1, and the caller joins
 * *th - or else right now, returning 0. */
int run_spawn(const js_run_state *r, void *(*fn)(void *), void *arg, pthread_t *th);

/* Keep a warning for the report and the manifest (and the diag). */
void run_warn(js_run_state *r, const char *fmt, ...) JS_PRINTF(2, 3);

/* Split a comma list into trimmed items; returns the count, fills items
 * (pointers into the modified text).  An item may be double-quoted, as in
 * selections ("level of education"): the quotes go, and commas inside them
 * do not split. */
size_t run_split_list(char *text, const char **items, size_t cap);

#endif
