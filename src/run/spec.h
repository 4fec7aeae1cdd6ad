/*
 * spec.h - the analysis file (internal): INI sections and keys, validated.
 *
 * Sections are "[analysis]", "[data NAME]", "[indicator NAME]",
 * "[chart NAME]" and "[table NAME]".  Values are kept as text; the run
 * interprets them.  --set overrides use the dotted form
 * "analysis.title=…" or "data.NAME.file=…".
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
} spec_kv;

typedef struct spec_section {
    const char *type; /* "analysis", "data", "indicator", "chart", "table" */
    const char *name; /* NAME, or "" for [analysis] */
    spec_kv *kv;
    size_t n_kv, cap_kv;
} spec_section;

typedef struct js_spec {
    js_arena arena;
    const char *path; /* the analysis file */
    const char *dir;  /* its folder: relative data paths start here */
    spec_section *sec;
    size_t n_sec, cap_sec;
} js_spec;

/* Parse path.  Errors (syntax with line, unknown section types, unknown
 * keys) go to d.  Caller owns *out (spec_free). */
js_status spec_load(const char *path, js_spec **out, js_diag *d);
void spec_free(js_spec *s);

/* Apply "SECTION.KEY=VALUE" (SECTION = analysis | TYPE.NAME). */
js_status spec_set(js_spec *s, const char *assignment, js_diag *d);

/* The value of key in sec, or dflt. */
const char *spec_get(const spec_section *sec, const char *key, const char *dflt);
/* The section of this type and name, or NULL. */
const spec_section *spec_find(const js_spec *s, const char *type, const char *name);

/* Check every key of every section against the keys its type knows. */
js_status spec_validate(const js_spec *s, js_diag *d);

#endif
