/*
 * output.h - tables, the HTML report and the manifest.
 *
 * Writers consume indicator results (cubes) and the words around them; they
 * know nothing of how the numbers were computed.  Every writer writes to a
 * temporary file beside its target and renames it into place only when the
 * whole file is written, so a failed run never leaves half a file.
 */
#ifndef JAMSTAT_OUTPUT_H
#define JAMSTAT_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include "jamstat/cube.h"
#include "jamstat/diag.h"
#include "jamstat/format.h"
#include "jamstat/status.h"

/* One indicator's results, as the outputs see them.  Borrowed pointers. */
typedef struct js_result {
    const char *id;         /* section name: "share_women" */
    const char *title;      /* display title: "Andel kvinnor" */
    const char *kind;       /* indicator kind: "share" */
    const char *unit;       /* "%", "persons", "per 100", "years" */
    const char *definition; /* one sentence: how it is computed */
    const char *source;     /* "SCB, BE0101N1" */
    int decimals;           /* for display */
    const js_cube *cube;    /* values, intervals, flags; dims = the "by" dims */
    const char *text;       /* the author's words before its table (plain text); NULL: none */
    const char *note;       /* the author's note under its table (plain text); NULL: none */
} js_result;

/* One chart of the report.  Files are DIR/charts/NAME.{svg,png,pdf,gp,dat}. */
typedef struct js_report_chart {
    const char *name;    /* file stem */
    const char *title;   /* caption title: "Befolkning efter ålder och kön, Blekinge 2015" */
    const char *alt;     /* alt text */
    const char *source;  /* "Källa: SCB, BE0101N1. Bearbetning: jamstat." */
    int has_svg, has_png; /* what was rendered */
    const char *text;    /* the author's words before the chart (plain text); NULL: none */
    const char *note;    /* the author's note under it (plain text); NULL: none */
} js_report_chart;

/* An input as recorded in the manifest. */
typedef struct js_input_info {
    const char *section;  /* data section name */
    const char *path;     /* as given in the analysis file */
    const char *format;   /* "csv", "px" ... */
    const char *encoding; /* "UTF-8", "WINDOWS-1252" */
    uint64_t size_bytes;
    const char *sha256;   /* 64 hex digits */
    size_t n_cells, n_missing;
    const char *const *notes; /* the source's own notes (PX NOTE, JSON-stat note) */
    size_t n_notes;
    /* A table fetched from PxWebApi 2 (jamstat fetch): all NULL otherwise. */
    const char *origin_api;     /* the API's base URL */
    const char *origin_table;   /* "TAB6471" */
    const char *origin_updated; /* the table's updated date */
    const char *origin_fetched; /* when it was fetched */
    const char *origin_query;   /* the query, JSON text */
    const char *citation;       /* "SCB, tabell TAB6471, uppdaterad 2026-06-08" */
} js_input_info;

/* A [table] section: indicators side by side, one row per combination of
 * the by dimensions (sorted by their codes, in by order), one column per
 * result, values with decimals[i] decimals.  Every result must have
 * exactly the by dimensions.  Borrowed pointers. */
typedef struct js_table {
    const char *name;  /* the section's name: the xlsx sheet */
    const char *title; /* the report's heading for it; NULL: the name */
    const char *file;  /* the CSV's file name, as the report links it */
    const js_result *results;
    size_t n;
    const char *const *by;
    size_t n_by;
    const int *decimals;
} js_table;

/* A [section NAME] of the report: a heading, the author's words, and the
 * charts and tables it groups, as indexes into the report's charts,
 * results and tables, in the order written.  Borrowed pointers. */
typedef struct js_report_section {
    const char *name;       /* the section's name */
    const char *title;      /* its heading (default: the name) */
    const char *intro_html; /* its text, HTML made safe from Markdown; NULL: none */
    const size_t *charts;   /* indexes into js_report.charts */
    size_t n_charts;
    const size_t *results;  /* indexes into js_report.results (an indicator's table) */
    size_t n_results;
    const size_t *tables;   /* indexes into js_report.tables */
    size_t n_tables;
} js_report_section;

/* The key figures of the home region (out_summary.c): per indicator that
 * has a region dimension holding the focus, one row per sex (women, men,
 * total), with the latest year's value, its change since the first year
 * (or from_year) and its rank among the regions.  Borrowed pointers. */
typedef struct js_summary_opts {
    const char *focus;      /* the home region, a code or label; NULL: no summary */
    const char *const *ids; /* the indicators to summarise, in order; NULL: every one that can be */
    size_t n_ids;
    int from_year;          /* the change since this year; 0: since the first year */
} js_summary_opts;

typedef struct js_report {
    const char *title;
    const char *subtitle;     /* optional */
    js_lang lang;
    const char *analysis_path;
    const char *analysis_sha256;  /* of the analysis file's bytes, 64 hex digits */
    const char *const *sets;      /* the --set assignments the run applied, in order */
    size_t n_sets;
    const js_result *results;
    size_t n_results;
    const js_report_chart *charts;
    size_t n_charts;
    const js_input_info *inputs;
    size_t n_inputs;
    const char *const *warnings; /* run warnings (small numbers, suppressed cells) */
    size_t n_warnings;
    const char *tool_version;
    const char *focus;  /* the home region ([analysis] focus), a code or label; NULL: none.
                           Report tables show it (and the country) over the years first */
    const js_table *tables; /* the [table] sections, after the indicators' tables */
    size_t n_tables;
    const char *intro_html; /* the author's introduction, HTML made safe from Markdown
                               (js_markdown_html); NULL: none */
    const js_report_section *sections; /* [section]s, in the order written: their charts and
                                          tables come first, the others after them */
    size_t n_sections;
    js_summary_opts summary; /* the key figures, first in the report (focus NULL: none) */
    const char *const *sentences; /* per result: plain-text sentences from its numbers, shown under
                                     its table (escaped); NULL, or an entry NULL: none */
} js_report;

/* The author's Markdown (an introduction) as HTML for the report, made
 * with libcmark in its safe mode: raw HTML and javascript: links are not
 * passed through, so the text is escaped like data.  Caller frees with
 * js_text_free; NULL when out of memory. */
char *js_markdown_html(const char *markdown);

/* DIR/indicators.csv: indicator, one column per dimension (code) and its
 * label where the labels differ from the codes, value, ci_low, ci_high,
 * unit, flags.  C-locale numbers, full precision (%.17g trimmed). */
js_status js_out_indicators_csv(const char *path, const js_result *results, size_t n,
                                js_diag *d);

/* A table of one cube, for `jamstat convert`: one column per dimension code
 * and label, value, status, symbol.  excel_sv: ';', decimal comma, BOM. */
js_status js_out_tidy_csv(const char *path, const js_cube *c, int excel_sv, js_diag *d);

/* The excel_sv argument of the tidy writers is a set of these flags (1 is
 * the Swedish Excel dialect, as it always was). */
enum {
    JS_TIDY_EXCEL_SV = 1, /* ';', decimal comma, BOM, CRLF */
    JS_TIDY_CODES = 2     /* codes only: a column per dimension named by its role where it has one
                             (time, region, sex, age), then value and status - what any source of the
                             same table gives alike, labels and symbol texts left out */
};

/* The same table written cube by cube (the partitions of a streamed file,
 * in order): _open starts the file (all or nothing, as above); _append
 * writes the header before the first cube's rows, then its rows (every cube
 * must have the same dimensions); _commit puts the file in place, _abort
 * drops it (NULL is a no-op).  Both free the writer.  Caller owns *out. */
typedef struct js_tidy_writer js_tidy_writer;
js_status js_out_tidy_open(const char *path, int excel_sv, js_tidy_writer **out, js_diag *d);
js_status js_out_tidy_append(js_tidy_writer *t, const js_cube *c);
js_status js_out_tidy_commit(js_tidy_writer *t, js_diag *d);
void js_out_tidy_abort(js_tidy_writer *t);

/* The table as CSV: the by names, then the result ids; C-locale numbers,
 * empty when missing. */
js_status js_out_table(const char *path, const js_table *t, js_diag *d);

/* DIR/indicators.xlsx: a sheet per indicator, then one per table.  */
js_status js_out_xlsx(const char *path, const js_result *results, size_t n, const js_table *tables,
                      size_t n_tables, js_lang lang, js_diag *d);

/* indicators.xlsx as js_out_xlsx writes it, with a sheet of key figures
 * ("Nyckeltal" / "Key figures") after the About sheet when summary has a
 * focus and any result can be summarised.  summary may be NULL. */
js_status js_out_workbook(const char *path, const js_result *results, size_t n,
                          const js_table *tables, size_t n_tables, const js_summary_opts *summary,
                          js_lang lang, js_diag *d);

/* DIR/NAME.xlsx: the data behind one chart (NAME.csv's numbers) as a sheet
 * with a code column (text: leading zeros kept), a label column, a column
 * per series and the reference and target lines as rows of their own;
 * headers in the chart's language.  codes: ch->n_cats codes beside the
 * labels (NULL or an entry NULL/"": no code).  Errors go to d. */
struct js_chart;
js_status js_out_chart_xlsx(const char *dir, const struct js_chart *ch, const char *const *codes,
                            js_diag *d);

/* report.html: self-contained (charts referenced from charts/), prints on A4. */
js_status js_out_html(const char *path, const js_report *r, js_diag *d);

/* manifest.json: inputs with checksums, tool version, results, warnings. */
js_status js_out_manifest(const char *path, const js_report *r, js_diag *d);

/* SHA-256 of a file as 64 lowercase hex digits + NUL into hex[65]; its size
 * in *size_bytes (may be NULL).  JS_ENOINPUT when it cannot be opened;
 * JS_EIO on a read error, or when a regular file changed size while it was
 * read (the message gives both sizes).  Reported into d. */
js_status js_file_sha256(const char *path, char hex[65], uint64_t *size_bytes, js_diag *d);

/* SHA-256 of n bytes in memory, as js_file_sha256 writes it. */
void js_sha256_hex(const void *bytes, size_t n, char hex[65]);

#endif
