/*
 * read.h - readers: one per input format, each producing a js_cube.
 *
 * Every reader has the same shape:
 *
 *     js_status js_read_<fmt>(js_source *src, const js_read_opts *o,
 *                             js_cube **out, js_diag *d);
 *
 * It reads the whole source, converts text to UTF-8 at the boundary,
 * harmonises codes (sex, age, region, time) and returns a cube the caller
 * owns.  On bad input it reports file, line and what was expected vs found
 * into d and returns JS_EDATA; *out is written only on success.
 */
#ifndef JAMSTAT_READ_H
#define JAMSTAT_READ_H

#include <stddef.h>

#include "jamstat/cube.h"
#include "jamstat/diag.h"
#include "jamstat/source.h"

typedef enum js_format {
    JS_FORMAT_AUTO = 0,
    JS_FORMAT_CSV = 1,      /* PxWeb CSV, tidy long CSV, Kolada-style ;-separated */
    JS_FORMAT_PX = 2,       /* PC-Axis */
    JS_FORMAT_JSONSTAT = 3, /* JSON-stat 2.0 */
    JS_FORMAT_TSV = 4       /* Eurostat TSV */
} js_format;

const char *js_format_name(js_format f); /* "auto", "csv", "px", "json-stat", "eurostat-tsv" */
js_status js_format_parse(const char *s, js_format *out);

/* A role set by the user for one dimension (analysis file: "role.sex = kon"). */
typedef struct js_role_override {
    const char *dim; /* dimension name or label as in the file */
    js_role role;
} js_role_override;

typedef struct js_read_opts {
    js_format format;       /* JS_FORMAT_AUTO: detect from the name and the first bytes */
    const char *encoding;   /* NULL: detect (BOM, valid UTF-8, else WINDOWS-1252) */
    const char *language;   /* PX/JSON-stat language; NULL: the file's main language */
    char delimiter;         /* CSV: 0 = sniff */
    const char *measure;    /* name for the measure; NULL: from the file */
    const js_role_override *roles; /* user roles, n_roles of them */
    size_t n_roles;
    size_t max_cells;       /* cap on dense cells (0 = default 1e9) */
    /* Streaming (long CSV and PX): when partition names a column, the file is
     * read one value of that column at a time (the rows of each value must
     * be together, e.g. a file sorted by year; for PX, the first STUB
     * variable, whose cells come together by the format).  Each partition is handed
     * to on_partition as a cube the callee owns; js_read then returns JS_OK
     * with *out = NULL.  Memory is bounded by the largest partition. */
    const char *partition;
    js_status (*on_partition)(js_cube *part, void *user, js_diag *d);
    void *user;
    size_t line_offset;     /* added to line numbers after the header (a range source
                               whose data starts further down the file) */
    /* CSV as some agencies publish it (Skolverket): */
    size_t skip;            /* lines before the header to pass over (a title block) */
    unsigned header_rows;   /* 0 or 1: one header row; 2: a group row above the names */
    const char *drop;       /* comma-separated dimension columns to leave out, or NULL */
    const char *suppressed; /* space-separated data symbols that mean suppressed, or NULL */
} js_read_opts;

/* The format of a file from its first bytes (head[0..n)) and its name:
 * JSON-stat starts with '{', PX with one of its keywords, a Eurostat TSV
 * header has a backslash in its first cell, gzip (1F 8B) is Eurostat TSV;
 * the name breaks ties (.px, .json, .tsv.gz);
 * everything else is CSV. */
js_format js_detect_format(const char *head, size_t n, const char *name);

/* The delimiter of a CSV file from its first bytes: the first of ';' TAB
 * ',' found outside quotes in the first line that has any (a title line
 * has none); ',' when no line has. */
char js_csv_sniff_delimiter(const char *head, size_t n);

/* Default options (everything detected). */
void js_read_opts_init(js_read_opts *o);

/* Detect the format from the file name and first bytes, then dispatch. */
js_status js_read(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d);
/* Open path and js_read it. */
js_status js_read_file(const char *path, const js_read_opts *o, js_cube **out, js_diag *d);

js_status js_read_csv(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d);
js_status js_read_px(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d);
js_status js_read_jsonstat(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d);
js_status js_read_tsv(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d);

#endif
