/*
 * spec.c - reading the analysis file with inih, keeping every line.
 *
 * inih does the INI grammar: keys and values, ';' and '#' comments,
 * inline comments, values continued on indented lines.  Debian's inih is
 * built with lines of at most 200 bytes, section names of 50 and no line
 * numbers for the handler, so this file feeds it one line at a time
 * through ini_parse_stream and keeps what inih cannot:
 *
 *   - the line number of every key (the reader counts lines; inih calls
 *     the handler before it asks for the next one);
 *   - section headers, read here and handed on as "[\1N]" (N our index),
 *     so that names of any length stay whole and a repeated section is an
 *     error at its line;
 *   - lines of any length: a longer line's value is kept here and handed
 *     on as "\2N" (inline comment and blanks removed as inih would).
 *
 * Before that, the bytes are checked: no NUL or other control byte (so
 * the markers \1 and \2 are never the user's), valid UTF-8, or else - when
 * no byte sequence in the file is UTF-8 - decoded as Windows-1252 (what
 * Notepad writes) with a note; a file mixing the two is an error at the
 * line of the first byte that is not UTF-8.  A BOM is skipped.
 */
#include "run/spec.h"

#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "core/outdir.h"
#include "core/strbuf.h"
#include "core/suggest.h"
#include "jamstat/format.h"
#include "jamstat/indicator.h"
#include "jamstat/output.h"
#include "read/read_util.h"

enum {
    SPEC_MAX_FILE = 16 << 20, /* bytes of an analysis file */
    SPEC_INIH_LINE = 200      /* Debian's INI_MAX_LINE */
};

static const char *const spec_types[] = {"analysis", "data", "indicator", "chart", "table", "section"};

/* The keys each section type but [indicator] understands (README documents
 * them); an indicator's keys are its kind's (jamstat/indicator.h). */
static const char *const keys_analysis[] = {"title", "subtitle", "introduction", "text", "language", "focus", "output",
    "processing", "small_n", "formats", "jobs", "outputs", "gnuplot_timeout", "uncertainty",
    "suppress_below", "protect_zeros", "title_in_image", "width_cm", "height_cm", "latex_width_cm",
    "summary", "summary_from", "dominance", "sentences", NULL};
static const char *const keys_data[] = {"file", "format", "encoding", "measure", "measure_type", "source",
    "partition", "delimiter", "language", "unit", "title", "table", "api", "where", "codelist",
    "skip", "header_rows", "drop", "suppressed", "labels", "labels_columns", "group", "group_columns", "exclude", NULL};
static const char *const keys_chart[] = {"kind", "indicator", "data", "where", "compare", "series", "label",
    "projection", "breaks",
    "compare_label", "title", "text", "note", "x_label", "y_label", "focus", "reference", "reference_label", "target", "horizontal",
    "value_labels", "bands", "percent", "categories", "width", "height", "interval",
    "colour_women", "colour_men", "colour_highlight", "font", "source", "sort", "top", "y_min", "y_max", "y_zero",
    "title_in_image", "width_cm", "height_cm", "latex_width_cm", "pair", "target_year", "also", "stack", NULL};
static const char *const keys_table[] = {"indicators", "by", "file", "decimals", "title",
    "suppress_below", "protect_zeros", NULL};
static const char *const keys_section[] = {"title", "introduction", "text", "charts", "tables", NULL};

static const char *const *spec_keys_for(const char *type)
{
    if (strcmp(type, "analysis") == 0) return keys_analysis;
    if (strcmp(type, "data") == 0) return keys_data;
    if (strcmp(type, "chart") == 0) return keys_chart;
    if (strcmp(type, "table") == 0) return keys_table;
    if (strcmp(type, "section") == 0) return keys_section;
    return NULL; /* indicator: its kind's */
}

/* ---- sections and keys ------------------------------------------------------------ */

static spec_section *spec_section_find(js_spec *s, const char *type, const char *name)
{
    for (size_t i = 0; i < s->n_sec; i++)
        if (strcmp(s->sec[i].type, type) == 0 && strcmp(s->sec[i].name, name) == 0)
            return &s->sec[i];
    return NULL;
}

static spec_section *spec_section_add(js_spec *s, const char *type, const char *name, size_t line)
{
    if (js_grow((void **)&s->sec, &s->cap_sec, s->n_sec + 1, sizeof *s->sec) != 0)
        return NULL;
    spec_section *const sec = &s->sec[s->n_sec];
    memset(sec, 0, sizeof *sec);
    sec->type = js_arena_strdup(&s->arena, type);
    sec->name = js_arena_strdup(&s->arena, name);
    sec->line = line;
    if (sec->type == NULL || sec->name == NULL)
        return NULL;
    s->n_sec++;
    return sec;
}

static spec_kv *spec_kv_get(spec_section *sec, const char *key)
{
    for (size_t i = 0; i < sec->n_kv; i++)
        if (strcasecmp(sec->kv[i].key, key) == 0)
            return &sec->kv[i];
    return NULL;
}

/* An indicator's groups = FILE, CODE_COLUMN, GROUP_COLUMN names a key
 * file that, like a [data] file, is relative to the analysis file's
 * folder: the kind (ind_region.c) reads it from the spec alone, so the
 * folder is joined here, as the value is stored.  Any other value is
 * copied as it is.  In s's arena; NULL when out of memory. */
static char *spec_groups_path(js_spec *s, const spec_section *sec, const char *key, const char *value)
{
    const char *p = value;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strcmp(sec->type, "indicator") != 0 || strcasecmp(key, "groups") != 0 || *p == '/' || *p == '\0' ||
        strchr(p, ',') == NULL || s->dir == NULL || strcmp(s->dir, ".") == 0)
        return js_arena_strdup(&s->arena, value);
    char *const joined = js_path_join(s->dir, p);
    char *const out = joined != NULL ? js_arena_strdup(&s->arena, joined) : NULL;
    js_free(joined);
    return out;
}

/* Add (or, for --set, replace) key = value. */
static int spec_put(js_spec *s, spec_section *sec, const char *key, const char *value, size_t line,
                    size_t col, const char *set)
{
    spec_kv *kv = spec_kv_get(sec, key);
    if (kv == NULL) {
        if (js_grow((void **)&sec->kv, &sec->cap_kv, sec->n_kv + 1, sizeof *sec->kv) != 0)
            return 0;
        kv = &sec->kv[sec->n_kv++];
        kv->key = js_arena_strdup(&s->arena, key);
    }
    kv->value = spec_groups_path(s, sec, key, value);
    kv->line = line;
    kv->col = col;
    kv->set = set ? js_arena_strdup(&s->arena, set) : NULL;
    return kv->key != NULL && kv->value != NULL && (set == NULL || kv->set != NULL);
}

/* Split "indicator share_women" into a known type and a name (none for
 * analysis, one for the others).  0 when it is not a section we know. */
static int spec_split_section(const char *section, char *type, size_t type_cap, const char **name)
{
    const char *p = section;
    while (*p == ' ' || *p == '\t')
        p++;
    const char *const start = p;
    while (*p != '\0' && *p != ' ' && *p != '\t')
        p++;
    const size_t n = (size_t)(p - start);
    while (*p == ' ' || *p == '\t')
        p++;
    *name = p;
    if (n >= type_cap)
        return 0;
    memcpy(type, start, n);
    type[n] = '\0';
    for (size_t i = 0; i < sizeof spec_types / sizeof *spec_types; i++)
        if (strcasecmp(type, spec_types[i]) == 0) {
            strcpy(type, spec_types[i]);
            return (strcmp(type, "analysis") == 0) == (**name == '\0');
        }
    return 0;
}

/* ---- the bytes ---------------------------------------------------------------------- */

/* The offset of the first byte that is not UTF-8 (n when all are), and
 * whether any multi-byte UTF-8 sequence occurs. */
static size_t spec_utf8_scan(const char *bytes, size_t n, int *has_multibyte)
{
    *has_multibyte = 0;
    size_t bad = n;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)bytes[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = 1;
        while (len < 4 && i + len < n && ((unsigned char)bytes[i + len] & 0xC0) == 0x80)
            len++;
        if (js_utf8_valid(bytes + i, len, 0) && len > 1) {
            *has_multibyte = 1;
            i += len;
        } else {
            bad = bad < i ? bad : i;
            i++;
        }
    }
    return bad;
}

static size_t spec_line_of(const char *bytes, size_t off, size_t *col)
{
    size_t line = 1, start = 0;
    for (size_t i = 0; i < off; i++)
        if (bytes[i] == '\n') {
            line++;
            start = i + 1;
        }
    *col = off - start + 1;
    return line;
}

/* Read path into text (UTF-8, NUL-terminated, no BOM), and the SHA-256 of
 * its bytes as read into sha256 (the same bytes the run reads: no second
 * read that the file could have changed before). */
static js_status spec_read_text(const char *path, js_buf *text, char sha256[65], js_diag *d)
{
    FILE *const fp = fopen(path, "rb");
    if (fp == NULL) {
        js_diag_error(d, path, 0, 0, "cannot open the analysis file");
        return JS_ENOINPUT;
    }
    js_buf raw;
    js_buf_init(&raw);
    char block[65536];
    size_t got;
    while ((got = fread(block, 1, sizeof block, fp)) > 0 && raw.len <= SPEC_MAX_FILE)
        js_buf_append(&raw, block, got);
    const int read_error = ferror(fp);
    (void)fclose(fp);
    js_status st = raw.failed ? JS_ENOMEM : JS_OK;
    if (st == JS_OK && read_error) {
        js_diag_error(d, path, 0, 0, "cannot read the analysis file (is it a folder?)");
        st = JS_EIO;
    }
    if (st == JS_OK && raw.len > SPEC_MAX_FILE) {
        js_diag_error(d, path, 0, 0, "an analysis file of at most %d MiB was expected, found a larger one",
                      SPEC_MAX_FILE >> 20);
        st = JS_EUSAGE;
    }
    const char *bytes = js_buf_cstr(&raw);
    size_t n = raw.len;
    js_sha256_hex(bytes, n, sha256);
    if (n >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0) {
        bytes += 3;
        n -= 3;
    }
    size_t ctl = n; /* the first control byte: text has none but tab and line ends */
    for (size_t i = 0; st == JS_OK && i < n && ctl == n; i++)
        if ((unsigned char)bytes[i] < 0x20 && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r')
            ctl = i;
    if (ctl < n) {
        size_t col;
        const size_t line = spec_line_of(bytes, ctl, &col);
        js_diag_error(d, path, line, col, bytes[ctl] == '\0'
                          ? "expected text, found a NUL byte (is this an analysis file?)"
                          : "expected text, found the control byte 0x%02X", (unsigned char)bytes[ctl]);
        st = JS_EUSAGE;
    }
    int multibyte = 0;
    const size_t bad = st == JS_OK ? spec_utf8_scan(bytes, n, &multibyte) : n;
    js_conv conv = {NULL};
    if (bad < n && multibyte) {
        size_t col;
        const size_t line = spec_line_of(bytes, bad, &col);
        js_diag_error(d, path, line, col, "expected UTF-8, found the byte 0x%02X; the file mixes "
                      "UTF-8 with another encoding: save it as UTF-8", (unsigned char)bytes[bad]);
        st = JS_EUSAGE;
    } else if (bad < n && js_conv_open(&conv, "WINDOWS-1252") == 0) {
        size_t col;
        const size_t line = spec_line_of(bytes, bad, &col);
        js_conv_append(&conv, bytes, n, text);
        js_conv_close(&conv);
        js_diag_add(d, JS_SEV_NOTE, path, line, col, "not UTF-8: read as Windows-1252 (the first such "
                    "byte is here); save the file as UTF-8 to be sure of its letters");
    } else if (st == JS_OK) {
        js_buf_append(text, bytes, n);
    }
    (void)js_buf_cstr(text);
    js_buf_fini(&raw);
    return st == JS_OK && text->failed ? JS_ENOMEM : st;
}

/* ---- feeding inih -------------------------------------------------------------------- */

typedef struct spec_ctx {
    js_spec *spec;
    js_diag *diag;
    const char *next;   /* the text not yet handed to inih */
    const char *line;   /* the current line (not NUL-terminated) */
    size_t line_len;
    size_t line_no;
    spec_section *cur;  /* the section of the current lines; NULL before the first */
    const char **long_values; /* values of lines too long for inih */
    size_t n_long, cap_long;
    int failed;
} spec_ctx;

/* "[TYPE NAME]" at the line: check it, record it, hand inih "[\1N]". */
static void spec_header(spec_ctx *c, const char *open, const char *close, char *out, int cap)
{
    char *const inner = js_arena_strndup(&c->spec->arena, open + 1, (size_t)(close - open - 1));
    char type[16];
    const char *name;
    if (inner == NULL) {
        c->failed = 1;
        return;
    }
    size_t n = strlen(inner);
    while (n > 0 && (inner[n - 1] == ' ' || inner[n - 1] == '\t'))
        inner[--n] = '\0';
    c->cur = NULL;
    if (!spec_split_section(inner, type, sizeof type, &name)) {
        char word[32];
        (void)snprintf(word, sizeof word, "%.*s", (int)strcspn(inner, " \t"), inner);
        const char *const near = js_suggest(word, spec_types, sizeof spec_types / sizeof *spec_types);
        js_diag_error(c->diag, c->spec->path, c->line_no, 1,
                      "expected a section [analysis], [data NAME], [indicator NAME], [chart NAME], "
                      "[table NAME] or [section NAME], found [%s]%s%s%s", inner, near ? "; did you mean " : "",
                      near ? near : "", near ? "?" : "");
        c->failed = 1;
    } else if (spec_section_find(c->spec, type, name) != NULL) {
        const spec_section *const first = spec_section_find(c->spec, type, name);
        js_diag_error(c->diag, c->spec->path, c->line_no, 1,
                      "section [%s] given again (first at line %zu); put its keys in one section",
                      inner, first->line);
        c->failed = 1;
    } else if ((c->cur = spec_section_add(c->spec, type, name, c->line_no)) == NULL) {
        c->failed = 1;
    }
    (void)snprintf(out, (size_t)cap, "[\001%zu]\n", c->cur ? (size_t)(c->cur - c->spec->sec) : SIZE_MAX);
}

/* A line too long for inih: keep its value, hand on "KEY = \2N" (or the
 * indented "\2N" of a continued value). */
static void spec_long_line(spec_ctx *c, const char *t, const char *end, char *out, int cap)
{
    const char *sep = t;
    while (sep < end && *sep != '=' && *sep != ':')
        sep++;
    const int continued = t > c->line;
    const char *v = continued ? t : sep + 1;
    if (!continued && (sep == end || sep - t >= cap - 16)) {
        (void)snprintf(out, (size_t)cap, "%.*s\n", cap - 2, t); /* inih reports it */
        return;
    }
    const char *stop = v;
    while (stop < end && !(*stop == ';' && stop > v && (stop[-1] == ' ' || stop[-1] == '\t')))
        stop++;
    while (v < stop && (*v == ' ' || *v == '\t'))
        v++;
    while (stop > v && (stop[-1] == ' ' || stop[-1] == '\t'))
        stop--;
    const char *const value = js_arena_strndup(&c->spec->arena, v, (size_t)(stop - v));
    if (value == NULL ||
        js_grow((void **)&c->long_values, &c->cap_long, c->n_long + 1, sizeof *c->long_values) != 0) {
        c->failed = 1;
        return;
    }
    c->long_values[c->n_long] = value;
    if (continued)
        (void)snprintf(out, (size_t)cap, " \002%zu\n", c->n_long++);
    else
        (void)snprintf(out, (size_t)cap, "%.*s= \002%zu\n", (int)(sep - t), t, c->n_long++);
}

/* inih's reader: one line of ours per call. */
static char *spec_reader(char *out, int cap, void *user)
{
    spec_ctx *const c = user;
    if (*c->next == '\0')
        return NULL;
    const char *const nl = strchr(c->next, '\n');
    c->line = c->next;
    c->line_len = nl ? (size_t)(nl - c->next) : strlen(c->next);
    c->next = nl ? nl + 1 : c->next + c->line_len;
    c->line_no++;
    const char *end = c->line + c->line_len;
    while (end > c->line && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    const char *t = c->line;
    while (t < end && (*t == ' ' || *t == '\t'))
        t++;
    const char *const close = t < end && *t == '[' ? memchr(t, ']', (size_t)(end - t)) : NULL;
    if (close != NULL)
        spec_header(c, t, close, out, cap);
    else if (t < end && (*t == ';' || *t == '#'))
        (void)snprintf(out, (size_t)cap, ";\n");
    else if (end - c->line < cap - 2)
        (void)snprintf(out, (size_t)cap, "%.*s\n", (int)(end - c->line), c->line);
    else
        spec_long_line(c, t, end, out, cap);
    return out;
}

/* The 1-based column of value in the current line (0: not found). */
static size_t spec_value_col(const spec_ctx *c, const char *value)
{
    const size_t n = strlen(value);
    for (size_t i = 0; n > 0 && i + n <= c->line_len; i++)
        if (memcmp(c->line + i, value, n) == 0 && (i == 0 || memchr("=: \t", c->line[i - 1], 4)))
            return i + 1;
    return 0;
}

static int spec_handler(void *user, const char *section, const char *key, const char *value)
{
    spec_ctx *const c = user;
    if (value[0] == '\002') /* a long line's value */
        value = c->long_values[strtoul(value + 1, NULL, 10)];
    if (section[0] != '\001') {
        js_diag_error(c->diag, c->spec->path, c->line_no, 1,
                      "expected a [section] line before the first key, found \"%s\"", key);
        c->failed = 1;
        return 1;
    }
    spec_section *const sec = c->cur;
    if (sec == NULL) /* a bad section header, reported */
        return 1;
    spec_kv *const kv = spec_kv_get(sec, key);
    const int continued = c->line[0] == ' ' || c->line[0] == '\t';
    if (kv != NULL && continued && kv == &sec->kv[sec->n_kv - 1]) {
        js_buf joined; /* an indented line continues the value above */
        js_buf_init(&joined);
        js_buf_printf(&joined, "%s %s", kv->value, value);
        kv->value = js_arena_strdup(&c->spec->arena, js_buf_cstr(&joined));
        c->failed |= joined.failed || kv->value == NULL;
        js_buf_fini(&joined);
        return 1;
    }
    if (kv != NULL) {
        js_diag_error(c->diag, c->spec->path, c->line_no, 1,
                      "[%s%s%s]: key \"%s\" given again (first at line %zu); give each key once",
                      sec->type, sec->name[0] ? " " : "", sec->name, key, kv->line);
        c->failed = 1;
        return 1;
    }
    if (!spec_put(c->spec, sec, key, value, c->line_no, spec_value_col(c, value), NULL)) {
        c->failed = 1;
        return 0;
    }
    return 1;
}

/* inih's own error: the line it could not read, quoted. */
static void spec_bad_line(const char *path, const char *text, size_t line, js_diag *d)
{
    const char *p = text;
    for (size_t i = 1; i < line && p != NULL; i++)
        p = (p = strchr(p, '\n')) ? p + 1 : NULL;
    const size_t n = p ? strcspn(p, "\r\n") : 0;
    js_diag_error(d, path, line, 1, "expected \"key = value\" or a [section] line, found \"%.*s\"%s",
                  (int)(n > 60 ? 60 : n), p ? p : "", n > 60 ? "..." : "");
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
    js_buf text;
    js_buf_init(&text);
    js_status st = s->path && s->dir ? spec_read_text(path, &text, s->sha256, d) : JS_ENOMEM;
    spec_ctx ctx = {s, d, js_buf_cstr(&text), "", 0, 0, NULL, NULL, 0, 0, 0};
    const int rc = st == JS_OK ? ini_parse_stream(spec_reader, &ctx, spec_handler, &ctx) : 0;
    if (rc > 0)
        spec_bad_line(path, js_buf_cstr(&text), (size_t)rc, d);
    js_free(ctx.long_values);
    js_buf_fini(&text);
    if (st == JS_OK && (rc != 0 || ctx.failed))
        st = rc < 0 ? JS_ENOMEM : JS_EUSAGE;
    /* [analysis] always exists, so that --set analysis.x works. */
    if (st == JS_OK && spec_section_find(s, "analysis", "") == NULL &&
        spec_section_add(s, "analysis", "", 0) == NULL)
        st = JS_ENOMEM;
    if (st != JS_OK) {
        spec_free(s);
        return st;
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
    js_free(s->sets);
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
    if (eq == NULL || dot == NULL || dot == assignment || dot + 1 == eq) {
        js_diag_error(d, NULL, 0, 0, "--set: expected SECTION.KEY=VALUE (e.g. data.areas.file=x.csv), found \"%s\"",
                      assignment);
        return JS_EUSAGE;
    }
    char *const section = js_arena_strndup(&s->arena, assignment, (size_t)(dot - assignment));
    char *const key = js_arena_strndup(&s->arena, dot + 1, (size_t)(eq - dot - 1));
    char *const where = js_arena_strndup(&s->arena, assignment, (size_t)(eq - assignment));
    if (section == NULL || key == NULL || where == NULL)
        return JS_ENOMEM;
    char *const first_dot = strchr(section, '.');
    if (first_dot != NULL)
        *first_dot = ' ';
    char type[16];
    const char *name;
    if (!spec_split_section(section, type, sizeof type, &name)) {
        js_diag_error(d, NULL, 0, 0, "--set %s: expected SECTION to be analysis or TYPE.NAME with TYPE "
                      "data, indicator, chart, table or section", where);
        return JS_EUSAGE;
    }
    spec_section *sec = spec_section_find(s, type, name);
    if (sec == NULL)
        sec = spec_section_add(s, type, name, 0);
    if (js_grow((void **)&s->sets, &s->cap_sets, s->n_sets + 1, sizeof *s->sets) != 0)
        return JS_ENOMEM;
    s->sets[s->n_sets] = js_arena_strdup(&s->arena, assignment);
    if (s->sets[s->n_sets] == NULL)
        return JS_ENOMEM;
    s->n_sets++;
    return (sec != NULL && spec_put(s, sec, key, eq + 1, 0, 0, where)) ? JS_OK : JS_ENOMEM;
}

const spec_kv *spec_kv_find(const spec_section *sec, const char *key)
{
    for (size_t i = 0; sec != NULL && i < sec->n_kv; i++)
        if (strcasecmp(sec->kv[i].key, key) == 0)
            return &sec->kv[i];
    return NULL;
}

const char *spec_get(const spec_section *sec, const char *key, const char *dflt)
{
    const spec_kv *const kv = spec_kv_find(sec, key);
    return kv ? kv->value : dflt;
}

const spec_section *spec_find(const js_spec *s, const char *type, const char *name)
{
    for (size_t i = 0; i < s->n_sec; i++)
        if (strcmp(s->sec[i].type, type) == 0 && strcmp(s->sec[i].name, name) == 0)
            return &s->sec[i];
    return NULL;
}

void spec_error(const js_spec *s, const spec_section *sec, const spec_kv *kv, size_t col_off,
                js_diag *d, const char *fmt, ...)
{
    js_buf b;
    js_buf_init(&b);
    if (kv != NULL && kv->set != NULL)
        js_buf_printf(&b, "--set %s: ", kv->set);
    const int long_name = strlen(sec->name) > 60; /* shown cut, so that a message stays readable */
    js_buf_printf(&b, "[%s%s%.*s%s]: ", sec->type, sec->name[0] ? " " : "", 60, sec->name,
                  long_name ? "..." : "");
    va_list ap;
    va_start(ap, fmt);
    js_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    const size_t line = kv ? kv->line : sec->line;
    const size_t col = kv && kv->line && kv->col ? kv->col + col_off : 0;
    js_diag_error(d, line || (kv == NULL || kv->set == NULL) ? s->path : NULL, line, col, "%s",
                  js_buf_cstr(&b));
    js_buf_fini(&b);
}

/* Chart and table names become file names in the output folder ("../x"
 * would write beside it), and so does a table's file key. */
static js_status spec_check_file_names(const js_spec *s, const spec_section *sec, js_diag *d)
{
    const int is_chart = strcmp(sec->type, "chart") == 0, is_table = strcmp(sec->type, "table") == 0;
    if ((is_chart || is_table) && !js_file_name_ok(sec->name)) {
        spec_error(s, sec, NULL, 0, d, "the name becomes a file name; expected 1 to 100 of the "
                   "letters A-Z a-z, digits, '.', '_' and '-', not starting with '.' or '-'");
        return JS_EUSAGE;
    }
    const spec_kv *const file = is_table ? spec_kv_find(sec, "file") : NULL;
    if (file != NULL && !js_file_name_ok(file->value)) {
        spec_error(s, sec, file, 0, d, "file must be a plain file name (letters A-Z a-z, digits, "
                   "'.', '_' and '-', not starting with '.' or '-'), found \"%s\"", file->value);
        return JS_EUSAGE;
    }
    return JS_OK;
}

/* [data] with table = (fetched from PxWebApi 2) keeps the table in its
 * file; api, where and codelist only mean something beside a table. */
static js_status spec_check_fetch(const js_spec *s, const spec_section *sec, js_diag *d)
{
    if (strcmp(sec->type, "data") != 0)
        return JS_OK;
    const spec_kv *const table = spec_kv_find(sec, "table");
    if (table != NULL && spec_kv_find(sec, "file") == NULL) {
        spec_error(s, sec, table, 0, d, "table = %s needs file = the JSON-stat file to keep it in "
                   "(e.g. file = %s.json)", table->value, table->value);
        return JS_EUSAGE;
    }
    static const char *const needs_table[] = {"api", "where", "codelist"};
    for (size_t i = 0; table == NULL && i < sizeof needs_table / sizeof *needs_table; i++) {
        const spec_kv *const kv = spec_kv_find(sec, needs_table[i]);
        if (kv != NULL) {
            spec_error(s, sec, kv, 0, d, "%s is a key of a fetched table: expected table = TABLE-ID "
                       "beside it", kv->key);
            return JS_EUSAGE;
        }
    }
    return JS_OK;
}

/* [data] measure_type is one of js_measure_words. */
static js_status spec_check_measure_type(const js_spec *s, const spec_section *sec, js_diag *d)
{
    const spec_kv *const kv = strcmp(sec->type, "data") == 0 ? spec_kv_find(sec, "measure_type") : NULL;
    js_measure m;
    if (kv == NULL || js_measure_parse(kv->value, &m))
        return JS_OK;
    spec_error(s, sec, kv, 0, d, "measure_type must be one of count, rate, share, index, amount, "
               "mean; found \"%s\"", kv->value);
    return JS_EUSAGE;
}

/* The whole-number keys of the sections other than [indicator] (whose keys
 * are typed by their kind), so that the run may read them as they are. */
static const struct {
    const char *type, *key;
    double min, max;
    const char *what;
} spec_whole_keys[] = {
    {"analysis", "gnuplot_timeout", 0, 86400, "a whole number of seconds from 0 (no limit) to 86400"},
    {"analysis", "jobs", 0, 256, "a whole number from 0 (one per core) to 256"},
    {"table", "decimals", 0, 15, "a whole number from 0 to 15"},
};

static js_status spec_check_whole(const js_spec *s, const spec_section *sec, js_diag *d)
{
    js_status st = JS_OK;
    for (size_t i = 0; i < sizeof spec_whole_keys / sizeof *spec_whole_keys; i++) {
        const spec_kv *const kv =
            strcmp(sec->type, spec_whole_keys[i].type) == 0 ? spec_kv_find(sec, spec_whole_keys[i].key) : NULL;
        double v;
        if (kv != NULL && (!js_parse_number(kv->value, &v) || v < spec_whole_keys[i].min ||
                           v > spec_whole_keys[i].max || v > floor(v))) {
            spec_error(s, sec, kv, 0, d, "%s must be %s, found \"%s\"", kv->key, spec_whole_keys[i].what,
                       kv->value);
            st = JS_EUSAGE;
        }
    }
    return st;
}

js_status spec_validate(const js_spec *s, js_diag *d)
{
    js_status st = JS_OK;
    for (size_t i = 0; i < s->n_sec; i++) {
        const spec_section *const sec = &s->sec[i];
        if (spec_check_file_names(s, sec, d) != JS_OK || spec_check_measure_type(s, sec, d) != JS_OK ||
            spec_check_fetch(s, sec, d) != JS_OK ||
            spec_check_whole(s, sec, d) != JS_OK)
            st = JS_EUSAGE;
        const char *const *const keys = spec_keys_for(sec->type);
        for (size_t k = 0; keys != NULL && k < sec->n_kv; k++) {
            const char *const key = sec->kv[k].key;
            int known = strcmp(sec->type, "data") == 0 && strncasecmp(key, "role.", 5) == 0 && key[5];
            for (const char *const *p = keys; *p && !known; p++)
                known = strcasecmp(key, *p) == 0;
            if (!known) {
                size_t n = 0;
                while (keys[n] != NULL)
                    n++;
                const char *const close = js_suggest(key, keys, n);
                if (close != NULL)
                    spec_error(s, sec, &sec->kv[k], 0, d, "unknown key \"%s\"; did you mean %s?", key,
                               close);
                else
                    spec_error(s, sec, &sec->kv[k], 0, d, "unknown key \"%s\" (see the README for the "
                               "keys of a %s section)", key, sec->type);
                st = JS_EUSAGE;
            }
        }
    }
    return st;
}
