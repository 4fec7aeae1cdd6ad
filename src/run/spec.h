/*
 * spec.h - the analysis file (internal): INI sections and keys with the
 * line each came from.
 *
 * Sections are "[analysis]", "[data NAME]", "[indicator NAME]",
 * "[chart NAME]", "[table NAME]" and "[section NAME]".  Values are kept as text; the run
 * parses them by the types its kinds give them.  --set overrides use the
 * dotted form "analysis.title=…" or "data.NAME.file=…".
 */
#ifndef JAMSTAT_RUN_SPEC_H
#define JAMSTAT_RUN_SPEC_H

#include <stddef.h>

#include "core/arena.h"
#include "jamstat/diag.h"
#include "jamstat/status.h"

typedef struct spec_kv {
    const char *key;
    const char *value;
    size_t line;      /* 1-based line in the analysis file; 0: from --set */
    size_t col;       /* 1-based column of the value's first byte (0: unknown) */
    const char *set;  /* from --set: the assignment's "SECTION.KEY", else NULL */
} spec_kv;

typedef struct spec_section {
    const char *type; /* "analysis", "data", "indicator", "chart", "table", "section" */
    const char *name; /* NAME, or "" for [analysis] */
    size_t line;      /* the [header]'s line; 0: made by --set or implied */
    spec_kv *kv;
    size_t n_kv, cap_kv;
} spec_section;

typedef struct js_spec {
    js_arena arena;
    const char *path; /* the analysis file */
    const char *dir;  /* its folder: relative data paths start here */
    char sha256[65];  /* of the file's bytes as read */
    const char **sets; /* every --set assignment applied, in order */
    size_t n_sets, cap_sets;
    spec_section *sec;
    size_t n_sec, cap_sec;
} js_spec;

/* Parse path.  Errors (syntax, repeated sections and keys, unknown section
 * types, bytes that are not text) go to d with their line.  A file that is
 * not UTF-8 but reads as Windows-1252 is decoded, with a note.  Caller owns
 * *out (spec_free). */
js_status spec_load(const char *path, js_spec **out, js_diag *d);
void spec_free(js_spec *s);

/* Apply "SECTION.KEY=VALUE" (SECTION = analysis | TYPE.NAME). */
js_status spec_set(js_spec *s, const char *assignment, js_diag *d);

/* The value of key in sec, or dflt. */
const char *spec_get(const spec_section *sec, const char *key, const char *dflt);
/* The entry of key in sec, or NULL. */
const spec_kv *spec_kv_find(const spec_section *sec, const char *key);
/* The section of this type and name, or NULL. */
const spec_section *spec_find(const js_spec *s, const char *type, const char *name);

/* An error about kv (or, kv NULL, about sec) at its place: FILE:LINE:COL
 * for a line of the file (col_off bytes into the value), "--set S.K" for
 * an override.  The message is prefixed with "[TYPE NAME]: ". */
void spec_error(const js_spec *s, const spec_section *sec, const spec_kv *kv, size_t col_off,
                js_diag *d, const char *fmt, ...) JS_PRINTF(6, 7);

/* Check the keys of every section but [indicator] (whose keys depend on
 * its kind: the run checks them) against the keys its type knows. */
js_status spec_validate(const js_spec *s, js_diag *d);

#endif
