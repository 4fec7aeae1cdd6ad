/*
 * read.c - format detection and dispatch to the readers.
 *
 * Detection looks at the first bytes before the file name: a JSON document
 * starts with '{' (after white space or a BOM); a PX file's first keyword is
 * one of CHARSET, AXIS-VERSION, LANGUAGE, ... followed by '='; a Eurostat
 * TSV header's first cell holds a backslash ("geo\time", "\TIME_PERIOD");
 * gzip (magic bytes 1F 8B) is Eurostat TSV too, the only reader that
 * inflates: Eurostat ships its bulk files as .tsv.gz.  Everything else is
 * CSV.  The extension only breaks ties (.px, .json, .tsv.gz).
 */
#include "jamstat/read.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const format_names[] = {"auto", "csv", "px", "json-stat", "eurostat-tsv"};

const char *js_format_name(js_format f)
{
    return (unsigned)f < sizeof format_names / sizeof *format_names ? format_names[f] : "auto";
}

js_status js_format_parse(const char *s, js_format *out)
{
    static const struct { const char *name; js_format f; } names[] = {
        {"auto", JS_FORMAT_AUTO}, {"csv", JS_FORMAT_CSV},       {"px", JS_FORMAT_PX},
        {"pc-axis", JS_FORMAT_PX}, {"json-stat", JS_FORMAT_JSONSTAT}, {"jsonstat", JS_FORMAT_JSONSTAT},
        {"json", JS_FORMAT_JSONSTAT}, {"tsv", JS_FORMAT_TSV},   {"eurostat-tsv", JS_FORMAT_TSV}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(s, names[i].name) == 0) {
            *out = names[i].f;
            return JS_OK;
        }
    return JS_EUSAGE;
}

void js_read_opts_init(js_read_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = JS_FORMAT_AUTO;
}

/* PX keywords that can open a file. */
static int detect_px(const char *p, size_t n)
{
    static const char *const first[] = {"CHARSET", "AXIS-VERSION", "LANGUAGE", "CODEPAGE",
                                         "CREATION-DATE", "DECIMALS", "MATRIX", "SUBJECT-CODE",
                                         "TITLE", "CONTENTS", "STUB", "HEADING", "LANGUAGES"};
    for (size_t i = 0; i < sizeof first / sizeof *first; i++) {
        const size_t k = strlen(first[i]);
        if (n > k && strncmp(p, first[i], k) == 0 && (p[k] == '=' || p[k] == '[' || p[k] == '('))
            return 1;
    }
    return 0;
}

js_format js_detect_format(const char *head, size_t n, const char *name)
{
    const char *p = head;
    const char *const end = head + n;
    if (n >= 2 && memcmp(p, "\x1F\x8B", 2) == 0)
        return JS_FORMAT_TSV;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && isspace((unsigned char)*p))
        p++;
    if (p < end && *p == '{')
        return JS_FORMAT_JSONSTAT;
    if (detect_px(p, (size_t)(end - p)))
        return JS_FORMAT_PX;
    const char *const nl = memchr(p, '\n', (size_t)(end - p));
    const char *const line_end = nl ? nl : end;
    const char *const tab = memchr(p, '\t', (size_t)(line_end - p));
    const char *const bs = memchr(p, '\\', (size_t)(line_end - p));
    if (bs != NULL && (tab == NULL || bs < tab))
        return JS_FORMAT_TSV;
    static const struct { const char *suffix; js_format f; } ties[] = {
        {".px", JS_FORMAT_PX}, {".json", JS_FORMAT_JSONSTAT}, {".tsv.gz", JS_FORMAT_TSV}};
    const size_t n_name = strlen(name);
    for (size_t i = 0; i < sizeof ties / sizeof *ties; i++) {
        const size_t k = strlen(ties[i].suffix);
        if (n_name >= k && strcasecmp(name + n_name - k, ties[i].suffix) == 0)
            return ties[i].f;
    }
    return JS_FORMAT_CSV;
}

js_status js_read(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d)
{
    js_read_opts defaults;
    if (o == NULL) {
        js_read_opts_init(&defaults);
        o = &defaults;
    }
    js_format f = o->format;
    if (f == JS_FORMAT_AUTO) {
        char head[4096];
        size_t n;
        js_status st = js_source_read(src, head, sizeof head, &n);
        if (st == JS_OK)
            st = js_source_rewind(src);
        if (st != JS_OK) {
            js_diag_error(d, js_source_name(src), 0, 0, "cannot read the start of the file");
            return st;
        }
        f = js_detect_format(head, n, js_source_name(src));
    }
    switch (f) {
    case JS_FORMAT_PX: return js_read_px(src, o, out, d);
    case JS_FORMAT_JSONSTAT: return js_read_jsonstat(src, o, out, d);
    case JS_FORMAT_TSV: return js_read_tsv(src, o, out, d);
    case JS_FORMAT_AUTO:
    case JS_FORMAT_CSV: break;
    }
    return js_read_csv(src, o, out, d);
}

js_status js_read_file(const char *path, const js_read_opts *o, js_cube **out, js_diag *d)
{
    js_source *src;
    js_status st = js_source_open_file(path, &src, d);
    if (st != JS_OK)
        return st;
    st = js_read(src, o, out, d);
    js_source_free(src);
    return st;
}
