/*
 * run_report.h - the report's layout (internal): [section NAME]s and the
 * key figures ([analysis] summary, summary_from), shared by run.c.
 */
#ifndef JAMSTAT_RUN_REPORT_H
#define JAMSTAT_RUN_REPORT_H

#include "run/run_int.h"

/* What the writers get: sections as js_report_section, the summary's
 * options, and the memory behind them. */
typedef struct run_layout {
    js_report_section *sections;
    size_t n_sections;
    size_t *members;   /* every section's index arrays, one allocation */
    char **html;       /* each section's text as safe HTML (or NULL) */
    char *ids_text;    /* owns the strings ids points into */
    const char **ids;  /* [analysis] summary = a list of indicators */
    js_summary_opts summary;
    char **sentences;  /* per indicator (r->ind[i]): its sentences, plain text, or NULL */
    size_t n_sentences;
} run_layout;

/* Check every [section] (its charts and tables name sections of the file,
 * each chart and table in at most one section) and [analysis] summary and
 * summary_from, each mistake at its line and column with what was expected
 * and what was found.  For `check` and `run` alike, before any data is read. */
js_status run_layout_check(js_run_state *r);

/* The summary's options into l->summary (before the workbook is written). */
js_status run_layout_summary(js_run_state *r, run_layout *l);

/* The sections, as indexes into r->charts, r->ind (the results) and
 * r->tables, after the charts are built; their texts read; and the
 * sentences under the tables of the follow-up kinds (out_sentence.c),
 * unless [analysis] or the indicator says sentences = no. */
js_status run_layout_sections(js_run_state *r, run_layout *l);

void run_layout_fini(run_layout *l);

/* The Markdown of sec (introduction = TEXT, and text = FILE beside the
 * analysis file, in that order) as safe HTML in *html; NULL when neither
 * is given.  A file that cannot be read or of over 1 MiB is an error
 * naming it. */
js_status run_section_html(js_run_state *r, const spec_section *sec, char **html);

#endif
