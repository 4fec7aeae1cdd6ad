/*
 * spec.c - reading the analysis file with inih.
 *
 * inih does the INI syntax (sections, keys, ';' comments, continuation);
 * this file maps "[indicator share_women]" to (type, name), keeps every
 * key, and checks keys against what each section type understands so that
 * a typo ("numerater") is an error, not a silently ignored line.
 */
#include "run/spec.h"

#include <ini.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/outdir.h"

static const char *const spec_types[] = {"analysis", "data", "indicator", "chart", "table"};

/* The keys each section type understands (README documents them). */
static const char *const keys_analysis[] = {"title", "subtitle", "language", "focus", "output",
    "processing", "small_n", "formats", "jobs", "outputs", NULL};
static const char *const keys_data[] = {"file", "format", "encoding", "measure", "source", "partition",
    "delimiter", "language", "unit", "title", NULL};
static const char *const keys_indicator[] = {"kind", "data", "of", "where", "part", "numerator",
    "denominator", "by", "scale", "bands", "percent", "convention", "variant", "title", "unit",
    "decimals", "small_n", "open_mean", "definition", "project_to", "fit_from", NULL};
static const char *const keys_chart[] = {"kind", "indicator", "data", "where", "compare",
    "projection", "breaks",
    "compare_label", "title", "x_label", "y_label", "focus", "reference", "target", "horizontal",
    "value_labels", "bands", "percent", "categories", "width", "height",
    "colour_women", "colour_men", "colour_highlight", "font", "source", NULL};
static const char *const keys_table[] = {"indicators", "by", "file", "decimals", NULL};

static const char *const *spec_keys_for(const char *type)
{
    if (strcmp(type, "analysis") == 0) return keys_analysis;
    if (strcmp(type, "data") == 0) return keys_data;
    if (strcmp(type, "indicator") == 0) return keys_indicator;
    if (strcmp(type, "chart") == 0) return keys_chart;
    return keys_table;
}

static spec_section *spec_section_get(js_spec *s, const char *type, const char *name)
{
    for (size_t i = 0; i < s->n_sec; i++)
        if (strcmp(s->sec[i].type, type) == 0 && strcmp(s->sec[i].name, name) == 0)
            return &s->sec[i];
    if (js_grow((void **)&s->sec, &s->cap_sec, s->n_sec + 1, sizeof *s->sec) != 0)
        return NULL;
    spec_section *const sec = &s->sec[s->n_sec];
    memset(sec, 0, sizeof *sec);
    sec->type = js_arena_strdup(&s->arena, type);
    sec->name = js_arena_strdup(&s->arena, name);
    if (sec->type == NULL || sec->name == NULL)
        return NULL;
    s->n_sec++;
    return sec;
}

static int spec_put(js_spec *s, spec_section *sec, const char *key, const char *value)
{
    for (size_t i = 0; i < sec->n_kv; i++)
        if (strcasecmp(sec->kv[i].key, key) == 0) {
            sec->kv[i].value = js_arena_strdup(&s->arena, value);
            return sec->kv[i].value != NULL;
        }
    if (js_grow((void **)&sec->kv, &sec->cap_kv, sec->n_kv + 1, sizeof *sec->kv) != 0)
        return 0;
    sec->kv[sec->n_kv].key = js_arena_strdup(&s->arena, key);
    sec->kv[sec->n_kv].value = js_arena_strdup(&s->arena, value);
    if (sec->kv[sec->n_kv].key == NULL || sec->kv[sec->n_kv].value == NULL)
        return 0;
    sec->n_kv++;
    return 1;
}

typedef struct spec_ctx {
    js_spec *spec;
    js_diag *diag;
    int failed;
} spec_ctx;

/* Split "indicator share_women" into type and name. */
static int spec_split_section(const char *section, char *type, char *name, size_t cap)
{
    const char *const space = strchr(section, ' ');
    const size_t n = space ? (size_t)(space - section) : strlen(section);
    if (n >= cap)
        return 0;
    memcpy(type, section, n);
    type[n] = '\0';
    const char *rest = space ? space + 1 : "";
    while (*rest == ' ')
        rest++;
    (void)snprintf(name, cap, "%s", rest);
    for (size_t i = 0; i < sizeof spec_types / sizeof *spec_types; i++)
        if (strcasecmp(type, spec_types[i]) == 0) {
            strcpy(type, spec_types[i]);
            return (strcmp(type, "analysis") == 0) == (name[0] == '\0');
        }
    return 0;
}

static int spec_handler(void *user, const char *section, const char *key, const char *value)
{
    spec_ctx *const ctx = user;
    char type[64], name[256];
    if (!spec_split_section(section, type, name, sizeof name)) {
        js_diag_error(ctx->diag, ctx->spec->path, 0, 0,
                      "expected a section [analysis], [data NAME], [indicator NAME], [chart NAME] "
                      "or [table NAME], found [%s]", section);
        ctx->failed = 1;
        return 1; /* keep going: report every bad section once */
    }
    spec_section *const sec = spec_section_get(ctx->spec, type, name);
    if (sec == NULL || !spec_put(ctx->spec, sec, key, value)) {
        ctx->failed = 1;
        return 0;
    }
    return 1;
}

js_status spec_load(const char *path, js_spec **out, js_diag *d)
{
    js_spec *const s = js_calloc(1, sizeof *s);
    if (s == NULL)
        return JS_ENOMEM;
    js_arena_init(&s->arena);
    s->path = js_arena_strdup(&s->arena, path);
    const char *const slash = strrchr(path, '/');
    s->dir = slash ? js_arena_strndup(&s->arena, path, (size_t)(slash - path)) : ".";
    FILE *const fp = fopen(path, "r");
    if (fp == NULL) {
        js_diag_error(d, path, 0, 0, "cannot open the analysis file");
        spec_free(s);
        return JS_ENOINPUT;
    }
    spec_ctx ctx = {s, d, 0};
    const int rc = ini_parse_file(fp, spec_handler, &ctx);
    (void)fclose(fp);
    if (rc > 0)
        js_diag_error(d, path, (size_t)rc, 0,
                      "expected \"key = value\" or a [section] line, found something else");
    if (rc != 0 || ctx.failed || s->path == NULL) {
        spec_free(s);
        return rc < 0 ? JS_EIO : JS_EUSAGE;
    }
    /* [analysis] always exists, so that --set analysis.x works. */
    if (spec_section_get(s, "analysis", "") == NULL) {
        spec_free(s);
        return JS_ENOMEM;
    }
    *out = s;
    return JS_OK;
}

void spec_free(js_spec *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_sec; i++)
        js_free(s->sec[i].kv);
    js_free(s->sec);
    js_arena_fini(&s->arena);
    js_free(s);
}

js_status spec_set(js_spec *s, const char *assignment, js_diag *d)
{
    const char *const eq = strchr(assignment, '=');
    const char *dot = NULL; /* the last '.' before '=' */
    for (const char *p = assignment; eq != NULL && p < eq; p++)
        if (*p == '.')
            dot = p;
    if (eq == NULL || dot == NULL || dot == assignment) {
        js_diag_error(d, NULL, 0, 0, "--set: expected SECTION.KEY=VALUE (e.g. data.areas.file=x.csv), found \"%s\"",
                      assignment);
        return JS_EUSAGE;
    }
    char section[320], key[64];
    const size_t ns = (size_t)(dot - assignment), nk = (size_t)(eq - dot - 1);
    if (ns >= sizeof section || nk >= sizeof key || nk == 0) {
        js_diag_error(d, NULL, 0, 0, "--set: section or key too long in \"%s\"", assignment);
        return JS_EUSAGE;
    }
    memcpy(section, assignment, ns);
    section[ns] = '\0';
    memcpy(key, dot + 1, nk);
    key[nk] = '\0';
    char *const first_dot = strchr(section, '.');
    if (first_dot != NULL)
        *first_dot = ' ';
    char type[64], name[256];
    if (!spec_split_section(section, type, name, sizeof name)) {
        js_diag_error(d, NULL, 0, 0, "--set: no such section kind in \"%s\"", assignment);
        return JS_EUSAGE;
    }
    spec_section *const sec = spec_section_get(s, type, name);
    return (sec != NULL && spec_put(s, sec, key, eq + 1)) ? JS_OK : JS_ENOMEM;
}

const char *spec_get(const spec_section *sec, const char *key, const char *dflt)
{
    for (size_t i = 0; sec != NULL && i < sec->n_kv; i++)
        if (strcasecmp(sec->kv[i].key, key) == 0)
            return sec->kv[i].value;
    return dflt;
}

const spec_section *spec_find(const js_spec *s, const char *type, const char *name)
{
    for (size_t i = 0; i < s->n_sec; i++)
        if (strcmp(s->sec[i].type, type) == 0 && strcmp(s->sec[i].name, name) == 0)
            return &s->sec[i];
    return NULL;
}

/* Chart and table names become file names in the output folder ("../x"
 * would write beside it), and so does a table's file key. */
static js_status spec_check_file_names(const spec_section *sec, const char *path, js_diag *d)
{
    const int is_chart = strcmp(sec->type, "chart") == 0, is_table = strcmp(sec->type, "table") == 0;
    if ((is_chart || is_table) && !js_file_name_ok(sec->name)) {
        js_diag_error(d, path, 0, 0, "[%s %s]: the name becomes a file name; expected 1 to 100 of "
                      "the letters A-Z a-z, digits, '.', '_' and '-', not starting with '.' or '-'",
                      sec->type, sec->name);
        return JS_EUSAGE;
    }
    const char *const file = is_table ? spec_get(sec, "file", NULL) : NULL;
    if (file != NULL && !js_file_name_ok(file)) {
        js_diag_error(d, path, 0, 0, "[table %s]: file must be a plain file name (letters A-Z a-z, "
                      "digits, '.', '_' and '-', not starting with '.' or '-'), found \"%s\"",
                      sec->name, file);
        return JS_EUSAGE;
    }
    return JS_OK;
}

js_status spec_validate(const js_spec *s, js_diag *d)
{
    js_status st = JS_OK;
    for (size_t i = 0; i < s->n_sec; i++) {
        const spec_section *const sec = &s->sec[i];
        if (spec_check_file_names(sec, s->path, d) != JS_OK)
            st = JS_EUSAGE;
        const char *const *keys = spec_keys_for(sec->type);
        for (size_t k = 0; k < sec->n_kv; k++) {
            const char *const key = sec->kv[k].key;
            int known = strcmp(sec->type, "data") == 0 && strncasecmp(key, "role.", 5) == 0;
            for (const char *const *p = keys; *p && !known; p++)
                known = strcasecmp(key, *p) == 0;
            if (!known) {
                js_diag_error(d, s->path, 0, 0, "[%s%s%s]: unknown key \"%s\" (see the README for the keys of a %s section)",
                              sec->type, sec->name[0] ? " " : "", sec->name, key, sec->type);
                st = JS_EUSAGE;
            }
        }
    }
    return st;
}
