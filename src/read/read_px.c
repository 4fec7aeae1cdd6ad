/*
 * read_px.c - the PC-Axis (.px) reader.
 *
 * Spec: PX-file format 2013 (Statistics Sweden), as summarised with PxWeb's
 * behaviour in /work/shared/FORMATS.md §1-2; the conformance table there
 * (Appendix A, "strict" mode) is what this reader implements.
 *
 * How it reads (two passes over the header, one streaming pass over DATA):
 *   1. px_lex_header (px_lex.c) collects every entry up to DATA= with its
 *      raw bytes, so keyword order never matters.
 *   2. The encoding is chosen (caller's opts->encoding; a UTF-8 BOM;
 *      CODEPAGE, with ISO-8859-1/ANSI decoded as Windows-1252; else UTF-8 if
 *      every string is valid UTF-8; else Windows-1252) and every string is
 *      converted to UTF-8 once, here at the boundary.
 *   3. The language is chosen (opts->language if the file has it, else
 *      LANGUAGE).  Variables come from STUB then HEADING in that language;
 *      translated subkeys (VALUES[sv]("ålder")) are matched by position,
 *      with a fall-back to the default language.
 *   4. Strict checks (FORMATS.md §1.4): syntax errors in mandatory or
 *      unknown keywords, missing MATRIX, SUBJECT-AREA, SUBJECT-CODE,
 *      CONTENTS, UNITS, DECIMALS, TITLE/DESCRIPTION, STUB/HEADING, VALUES,
 *      undeclared [lang] suffixes, CONTVARIABLE naming no variable, a
 *      per-content UNITS naming no content value.  Problems in optional
 *      keywords are warnings.
 *   5. The cell count is the product of the value counts (overflow and
 *      opts->max_cells checked) and the cube's dense array is allocated;
 *      DATA is then tokenised in 64 KiB chunks straight into it (dense, or
 *      KEYS rows placed by computed position, absent rows = 0).
 *   6. Streaming (opts->partition names the first STUB variable): DATA is
 *      ordered by that variable, slowest first, so instead of one cube the
 *      reader fills one per category of it (the first dimension cut to that
 *      category, same metadata and notes) and hands each to
 *      opts->on_partition; memory is one such cube.  KEYS rows must then
 *      come in the order of that variable's VALUES.
 *
 * Cube mapping: dimension name = VARIABLECODE, else the variable name in the
 * chosen language (label = that name); category code = CODES entry, else the
 * VALUES text (label = VALUES text).  Roles: user override, CONTVARIABLE ->
 * contents, TIMEVAL -> time, MAP or VARIABLE-TYPE "G" -> region, else
 * js_harm_role_from_name; a guessed role the categories do not fit (a
 * "sex" variable with unknown codes) falls back to "other" with a warning.
 * Symbols (kept as the raw token): "-" nil; "." not applicable (SCB: the
 * category cannot occur); ".." missing; "..." suppressed (the confidential
 * symbol at Statistics Finland and SSB); "...." to "......." missing; any
 * symbol whose DATASYMBOLn text says "confidential/secret/hidden/
 * sekretess" is suppressed.  DATANOTECELL texts become flags on present
 * cells; NOTE(X), VALUENOTE(X), CELLNOTE(X), per-content UNITS/PRECISION and
 * ELIMINATION values become cube notes.
 *
 * A DATA block that ends at the end of the file without its ';' is read
 * with a warning: real SCB files (Population/BE0101A1.px) do that.
 *
 * Deliberate omissions: no lenient mode (no option for it yet); DOS code
 * pages without CHARSET are not guessed; TIMEVAL ranges are expanded only
 * for TLIST(A1) when VALUES is absent; HIERARCHIES, DOMAIN, PRESTEXT,
 * DOUBLECOLUMN, ATTRIBUTES and other presentation keywords are checked for
 * syntax and otherwise ignored; per-language metadata other than the chosen
 * language is dropped.
 *
 * Worked example:
 *     STUB="region"; HEADING="period";
 *     VALUES("region")="00 Sweden","01 Stockholm"; CODES("region")="00","01";
 *     VALUES("period")="2004","2005"; TIMEVAL("period")=TLIST(A1),"2004","2005";
 *     DATA= 10 ".." \n 7 "-";
 *  -> dims region{00,01} (role region) x period{2004,2005} (role time);
 *     cells 10, missing "..", 7, nil "-".
 */
#include "jamstat/read.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/strbuf.h"
#include "jamstat/harmonise.h"
#include "read/px_lex.h"
#include "read/read_util.h"

/* ---- State ---------------------------------------------------------------- */

typedef struct px_var {
    const char *name;     /* name in the chosen language (UTF-8) */
    const char *name_def; /* name in the default language */
    const char *id;       /* dimension name: VARIABLECODE or name */
    char **values;        /* value texts, chosen language; n of them */
    char **values_def;    /* value texts, default language (KEYS, DATANOTECELL) */
    char **codes;         /* CODES, or NULL */
    size_t n;             /* number of values */
    js_role role;
    int role_fixed;       /* role given by the caller: failure is an error */
    int keys;             /* KEYS mode of this stub variable: 0 none, 1 VALUES, 2 CODES */
    size_t hint;          /* KEYS: index matched last (rows come in order) */
    size_t line;          /* line of the VALUES entry */
} px_var;

typedef struct px_ctx {
    const char *path;
    js_diag *d;
    const js_read_opts *o;
    px_in in;
    px_header h;
    js_conv conv;          /* to UTF-8 when not UTF-8 already */
    int utf8;              /* the file is UTF-8 */
    const char *encoding;  /* "UTF-8", "WINDOWS-1252", ... */
    const char *lang_def;  /* LANGUAGE, or NULL */
    const char *lang;      /* chosen language when not the default, else NULL */
    px_entry *languages;   /* the LANGUAGES entry or NULL */
    px_var *vars;          /* stub vars first, then heading vars */
    size_t n_vars;
    size_t n_stub;
    size_t contvar;        /* index of the content variable, SIZE_MAX if none */
    size_t n_cells;        /* cells of the whole table */
    size_t n_cols;         /* product of the heading sizes */
    js_cube *cube;         /* the cube being filled (streaming: the current partition) */
    /* streaming by the first variable (opts->partition) */
    int stream;            /* opts->partition is set */
    int keys;              /* DATA is KEYS rows (absent rows = 0) */
    size_t part_cells;     /* cells of one cube: n_cells, or n_cells / vars[0].n streaming */
    size_t part;           /* streaming: the category of vars[0] in x->cube */
    js_cube *tmpl;         /* streaming: dims, categories, metadata, notes; no cells */
    int errors;            /* fatal problems reported so far */
    int warned_comma;
    int warned_sci;
    js_buf tmp;
} px_ctx;

/* ---- Small helpers ------------------------------------------------------ */

static const char *px_first(const px_entry *e)
{
    return e != NULL && e->n_items > 0 ? e->items[0] : NULL;
}

static int px_streq(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static void px_error_va(px_ctx *x, size_t line, size_t col, const char *fmt, va_list ap)
    JS_PRINTF(4, 0);
static void px_error_va(px_ctx *x, size_t line, size_t col, const char *fmt, va_list ap)
{
    char msg[1024];
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    js_diag_error(x->d, x->path, line, col, "%s", msg);
    x->errors++;
}

static void px_error(px_ctx *x, size_t line, const char *fmt, ...) JS_PRINTF(3, 4);
static void px_error(px_ctx *x, size_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    px_error_va(x, line, 0, fmt, ap);
    va_end(ap);
}

/* An error at a DATA token: its line and column. */
static void px_error_at(px_ctx *x, const px_tok *t, const char *fmt, ...) JS_PRINTF(3, 4);
static void px_error_at(px_ctx *x, const px_tok *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    px_error_va(x, t->line, t->col, fmt, ap);
    va_end(ap);
}

/* Does entry e belong to language sel (NULL = the default language)? */
static int px_lang_match(const px_ctx *x, const px_entry *e, const char *sel)
{
    if (sel == NULL)
        return e->lang == NULL || px_streq(e->lang, x->lang_def);
    return px_streq(e->lang, sel);
}

/* The last clean entry kw[sel](subs...) (n_sub subkeys; NULL subkey = any). */
static px_entry *px_find(px_ctx *x, const char *kw, const char *sel, size_t n_sub,
                         const char *s0, const char *s1)
{
    for (size_t i = x->h.n_entries; i-- > 0;) {
        px_entry *const e = &x->h.entries[i];
        if (e->error != NULL || strcmp(e->keyword, kw) != 0 || !px_lang_match(x, e, sel) ||
            e->n_subkeys != n_sub)
            continue;
        if (n_sub >= 1 && s0 != NULL && strcmp(e->subkeys[0], s0) != 0)
            continue;
        if (n_sub >= 2 && s1 != NULL && strcmp(e->subkeys[1], s1) != 0)
            continue;
        return e;
    }
    return NULL;
}

/* A table-level keyword in the chosen language, else the default one. */
static px_entry *px_table(px_ctx *x, const char *kw)
{
    px_entry *e = x->lang ? px_find(x, kw, x->lang, 0, NULL, NULL) : NULL;
    return e != NULL ? e : px_find(x, kw, NULL, 0, NULL, NULL);
}

/* A per-variable keyword for variable v (chosen language, else default). */
static px_entry *px_var_kw(px_ctx *x, const char *kw, const px_var *v)
{
    px_entry *e = x->lang ? px_find(x, kw, x->lang, 1, v->name, NULL) : NULL;
    return e != NULL ? e : px_find(x, kw, NULL, 1, v->name_def, NULL);
}

/* Was any entry kw present (clean or broken, any language)? */
static px_entry *px_any(px_ctx *x, const char *kw)
{
    for (size_t i = 0; i < x->h.n_entries; i++)
        if (strcmp(x->h.entries[i].keyword, kw) == 0)
            return &x->h.entries[i];
    return NULL;
}

static int px_parse_int(const char *s, long *out)
{
    if (s == NULL || *s == '\0')
        return 0;
    char *end = NULL;
    const long v = strtol(s, &end, 10);
    if (*end != '\0')
        return 0;
    *out = v;
    return 1;
}

/* ---- Encoding ------------------------------------------------------------- */

/* Canonical converter name for a CODEPAGE value or a caller's encoding. */
static const char *px_charset_name(const char *raw, char *buf, size_t cap)
{
    static const char *const cp1252[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                         "windows-1252", "cp1252", "ansi", "us-ascii",
                                         "ascii", NULL};
    if (strcasecmp(raw, "utf-8") == 0 || strcasecmp(raw, "utf8") == 0 ||
        strcasecmp(raw, "unicode") == 0)
        return "UTF-8";
    for (size_t i = 0; cp1252[i] != NULL; i++)
        if (strcasecmp(raw, cp1252[i]) == 0)
            return "WINDOWS-1252";
    size_t i = 0;
    for (; raw[i] != '\0' && i + 1 < cap; i++)
        buf[i] = (char)toupper((unsigned char)raw[i]);
    buf[i] = '\0';
    return buf;
}

/* Are all strings of the header valid UTF-8? */
static int px_header_is_utf8(const px_header *h)
{
    for (size_t i = 0; i < h->n_entries; i++) {
        const px_entry *const e = &h->entries[i];
        for (size_t k = 0; k < e->n_items; k++)
            if (!js_utf8_valid(e->items[k], strlen(e->items[k]), 0))
                return 0;
        for (size_t k = 0; k < e->n_subkeys; k++)
            if (!js_utf8_valid(e->subkeys[k], strlen(e->subkeys[k]), 0))
                return 0;
    }
    return 1;
}

/* The CODEPAGE value (raw, ASCII), or NULL. */
static const char *px_codepage(px_ctx *x)
{
    for (size_t i = x->h.n_entries; i-- > 0;)
        if (strcmp(x->h.entries[i].keyword, "CODEPAGE") == 0 && x->h.entries[i].error == NULL)
            return px_first(&x->h.entries[i]);
    return NULL;
}

static js_status px_choose_encoding(px_ctx *x)
{
    char buf[64];
    const char *name = NULL;
    if (x->o->encoding != NULL)
        name = px_charset_name(x->o->encoding, buf, sizeof buf);
    else if (x->h.had_bom)
        name = "UTF-8";
    else if (px_codepage(x) != NULL)
        name = px_charset_name(px_codepage(x), buf, sizeof buf);
    if (name != NULL && strcmp(name, "UTF-8") != 0 && js_conv_open(&x->conv, name) != 0) {
        js_diag_warn(x->d, x->path, 0, 0,
                     "CODEPAGE: unknown character set \"%s\"; detecting the encoding instead",
                     name);
        name = NULL;
    }
    if (name == NULL)
        name = px_header_is_utf8(&x->h) ? "UTF-8" : "WINDOWS-1252";
    x->utf8 = strcmp(name, "UTF-8") == 0;
    if (!x->utf8 && x->conv.cd == NULL && js_conv_open(&x->conv, name) != 0)
        return JS_EINTERNAL; /* glibc always has WINDOWS-1252 */
    x->encoding = js_arena_strdup(&x->h.arena, name);
    return x->encoding != NULL ? JS_OK : JS_ENOMEM;
}

/* Convert one string to UTF-8 into x->tmp.  -1 if invalid UTF-8 in a UTF-8 file. */
static int px_to_utf8(px_ctx *x, const char *raw, size_t n)
{
    js_buf_reset(&x->tmp);
    if (x->utf8) {
        if (!js_utf8_valid(raw, n, 0))
            return -1;
        js_buf_append(&x->tmp, raw, n);
    } else {
        js_conv_append(&x->conv, raw, n, &x->tmp);
    }
    return 0;
}

/* Replace *s by its UTF-8 form (in the arena; ASCII is kept as it is). */
static int px_convert_str(px_ctx *x, char **s, size_t line)
{
    const unsigned char *p = (const unsigned char *)*s;
    while (*p != 0 && *p < 0x80)
        p++;
    if (*p == 0)
        return 0;
    if (px_to_utf8(x, *s, strlen(*s)) != 0) {
        px_error(x, line, "invalid UTF-8 in a string (the file is read as UTF-8)");
        return -1;
    }
    if (x->tmp.failed)
        return -2;
    char *const copy = js_arena_strndup(&x->h.arena, js_buf_cstr(&x->tmp), x->tmp.len);
    if (copy == NULL)
        return -2;
    *s = copy;
    return 0;
}

static js_status px_convert_all(px_ctx *x)
{
    for (size_t i = 0; i < x->h.n_entries; i++) {
        px_entry *const e = &x->h.entries[i];
        for (size_t k = 0; k < e->n_items + e->n_subkeys; k++) {
            char **const s = k < e->n_items ? &e->items[k] : &e->subkeys[k - e->n_items];
            const int r = px_convert_str(x, s, e->line);
            if (r == -2)
                return JS_ENOMEM;
            if (r == -1)
                return JS_EDATA;
        }
    }
    return JS_OK;
}

/* ---- Syntax problems and languages ---------------------------------------- */

/* Keywords whose syntax errors are fatal (FORMATS.md §1.4: mandatory ones,
 * CODES, and the ones the cube's shape depends on). */
static const char *const px_fatal_kw[] = {
    "STUB", "HEADING", "VALUES", "CODES", "MATRIX", "SUBJECT-AREA", "SUBJECT-CODE", "CONTENTS",
    "UNITS", "DECIMALS", "TITLE", "LANGUAGE", "LANGUAGES", "KEYS", "CONTVARIABLE",
    "VARIABLECODE", "CHARSET", "CODEPAGE", "DATA", NULL};

/* Every other keyword we know (errors in these are warnings). */
static const char *const px_optional_kw[] = {
    "VARIABLE-TYPE", "TIMEVAL", "LAST-UPDATED", "STOCKFA", "CFPRICES", "DAYADJ", "SEASADJ",
    "REFPERIOD", "BASEPERIOD", "CONTACT", "SHOWDECIMALS", "PRECISION", "ROUNDING",
    "DATASYMBOL1", "DATASYMBOL2", "DATASYMBOL3", "DATASYMBOL4", "DATASYMBOL5", "DATASYMBOL6",
    "DATASYMBOLNIL", "DATASYMBOLSUM", "TABLEID", "DESCRIPTION", "ELIMINATION", "AGGREGALLOWED",
    "MAP", "DOMAIN", "HIERARCHIES", "HIERARCHYLEVELS", "HIERARCHYLEVELSOPEN", "HIERARCHYNAMES",
    "DOUBLECOLUMN", "PRESTEXT", "PARTITIONED", "NOTE", "NOTEX", "VALUENOTE", "VALUENOTEX",
    "CELLNOTE", "CELLNOTEX", "DATANOTE", "DATANOTECELL", "DATANOTESUM", "META-ID",
    "ATTRIBUTE-ID", "ATTRIBUTE-TEXT", "ATTRIBUTES", "OFFICIAL-STATISTICS", "COPYRIGHT", "SOURCE",
    "DATABASE", "SURVEY", "LINK", "INFOFILE", "INFO", "SYNONYMS", "CREATION-DATE",
    "NEXT-UPDATE", "FIRST-PUBLISHED", "UPDATE-FREQUENCY", "CONFIDENTIAL", "AUTOPEN",
    "DESCRIPTIONDEFAULT", "DEFAULT-GRAPH", "DIRECTORY-PATH", "PX-SERVER", "AXIS-VERSION",
    "DISCONTINUED", NULL};

static int px_in_list(const char *kw, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(kw, list[i]) == 0)
            return 1;
    return 0;
}

/* Report every broken entry: fatal for mandatory and unknown keywords. */
static void px_check_syntax(px_ctx *x)
{
    for (size_t i = 0; i < x->h.n_entries; i++) {
        const px_entry *const e = &x->h.entries[i];
        if (e->error == NULL)
            continue;
        if (px_in_list(e->keyword, px_optional_kw))
            js_diag_warn(x->d, x->path, e->error_line, 0,
                         "%s (line %zu): %s; the entry is ignored", e->keyword, e->line,
                         e->error);
        else
            px_error(x, e->error_line, "%s (line %zu): %s%s", e->keyword, e->line, e->error,
                     px_in_list(e->keyword, px_fatal_kw) ? " (a mandatory keyword)"
                                                         : " (an unknown keyword)");
    }
    if (x->h.lowercase_kw)
        js_diag_warn(x->d, x->path, 0, 0, "keywords in lower case (read as upper case)");
    if (x->h.trailing_empty)
        js_diag_warn(x->d, x->path, 0, 0,
                     "a value list ends with \",;\": an empty last item was kept");
}

static int px_lang_declared(const px_ctx *x, const char *lang)
{
    if (px_streq(lang, x->lang_def))
        return 1;
    if (x->languages != NULL)
        for (size_t i = 0; i < x->languages->n_items; i++)
            if (strcmp(x->languages->items[i], lang) == 0)
                return 1;
    return 0;
}

/* LANGUAGE / LANGUAGES, undeclared suffixes, and the language to read. */
static void px_setup_languages(px_ctx *x)
{
    x->lang_def = px_first(px_find(x, "LANGUAGE", NULL, 0, NULL, NULL));
    x->languages = px_find(x, "LANGUAGES", NULL, 0, NULL, NULL);
    for (size_t i = 0; i < x->h.n_entries; i++) {
        const px_entry *const e = &x->h.entries[i];
        if (e->lang != NULL && !px_lang_declared(x, e->lang))
            px_error(x, e->line, "%s[%s]: language \"%s\" is not declared in LANGUAGES%s",
                     e->keyword, e->lang, e->lang,
                     x->languages ? "" : " (the file has no LANGUAGES keyword)");
    }
    const char *const want = x->o->language;
    if (want == NULL || px_streq(want, x->lang_def))
        return;
    if (px_lang_declared(x, want))
        x->lang = want;
    else
        js_diag_warn(x->d, x->path, 0, 0,
                     "language \"%s\" is not in the file; reading its default language \"%s\"",
                     want, x->lang_def ? x->lang_def : "(unnamed)");
}

/* ---- Mandatory keywords --------------------------------------------------- */

static void px_require(px_ctx *x, const char *kw, const char *code)
{
    if (px_any(x, kw) == NULL)
        px_error(x, x->h.data_line, "missing %s keyword: it is mandatory (PxWeb %s)", kw, code);
}

static void px_check_mandatory(px_ctx *x)
{
    px_require(x, "MATRIX", "PxcErr131");
    px_require(x, "SUBJECT-AREA", "PxcErr132");
    px_require(x, "SUBJECT-CODE", "PxcErr133");
    px_require(x, "CONTENTS", "PxcErr136");
    px_require(x, "DECIMALS", "PxcErr137");
    if (px_find(x, "UNITS", NULL, 0, NULL, NULL) == NULL && px_any(x, "UNITS") == NULL)
        px_error(x, x->h.data_line, "missing UNITS keyword: it is mandatory (PxWeb PxcErr135)");
    else if (px_find(x, "UNITS", NULL, 0, NULL, NULL) == NULL &&
             px_find(x, "UNITS", NULL, 1, NULL, NULL) != NULL)
        px_error(x, x->h.data_line,
                 "missing table-level UNITS: only per-content UNITS(...) found (PxWeb PxcErr135)");
    if (px_any(x, "TITLE") == NULL && px_any(x, "DESCRIPTION") == NULL)
        px_error(x, x->h.data_line,
                 "missing TITLE and DESCRIPTION: one is mandatory (PxWeb PxcErr130)");
    long dec;
    const px_entry *const e = px_find(x, "DECIMALS", NULL, 0, NULL, NULL);
    if (e != NULL && (!px_parse_int(px_first(e), &dec) || dec < 0 || dec > 15))
        px_error(x, e->line, "DECIMALS: expected an integer 0-15, found \"%s\" (PxWeb PxcErr137)",
                 px_first(e) ? px_first(e) : "");
}

/* ---- Variables ------------------------------------------------------------ */

/* Names of STUB or HEADING in the chosen language (default as fall-back). */
static px_entry *px_axis(px_ctx *x, const char *kw, px_entry **def)
{
    *def = px_find(x, kw, NULL, 0, NULL, NULL);
    px_entry *const e = x->lang ? px_find(x, kw, x->lang, 0, NULL, NULL) : NULL;
    if (x->lang != NULL && e == NULL && *def != NULL)
        js_diag_warn(x->d, x->path, (*def)->line, 0,
                     "%s[%s] missing: using the default-language names", kw, x->lang);
    if (e != NULL && *def != NULL && e->n_items != (*def)->n_items) {
        px_error(x, e->line, "%s[%s]: %zu variables, but %s has %zu", kw, x->lang, e->n_items, kw,
                 (*def)->n_items);
        return NULL;
    }
    return e != NULL ? e : *def;
}

static js_status px_alloc_vars(px_ctx *x)
{
    px_entry *stub_def, *head_def;
    px_entry *const stub = px_axis(x, "STUB", &stub_def);
    px_entry *const head = px_axis(x, "HEADING", &head_def);
    if (x->errors)
        return JS_EDATA;
    x->n_stub = stub ? stub->n_items : 0;
    x->n_vars = x->n_stub + (head ? head->n_items : 0);
    if (x->n_vars == 0) {
        px_error(x, x->h.data_line,
                 "no variables: STUB and HEADING are both missing or empty (PxWeb PxcErr134)");
        return JS_EDATA;
    }
    x->vars = js_calloc(x->n_vars, sizeof *x->vars);
    if (x->vars == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < x->n_vars; i++) {
        const int s = i < x->n_stub;
        const size_t k = s ? i : i - x->n_stub;
        x->vars[i].name = (s ? stub : head)->items[k];
        x->vars[i].line = (s ? stub : head)->line;
        x->vars[i].name_def = (s ? stub_def : head_def)->items[k];
        for (size_t j = 0; j < i; j++)
            if (strcmp(x->vars[j].name, x->vars[i].name) == 0) {
                px_error(x, (s ? stub : head)->line, "%s: variable \"%s\" appears twice",
                         s ? "STUB" : "HEADING", x->vars[i].name);
                return JS_EDATA;
            }
    }
    return JS_OK;
}

/* Expand TIMEVAL("x")=TLIST(A1,"1977"-"2019") into VALUES (only A1). */
static int px_timeval_range(px_ctx *x, px_var *v, const px_entry *tv)
{
    const char *const t = px_first(tv);
    long lo, hi;
    char a[16], b[16];
    if (t == NULL || sscanf(t, "TLIST(A1,\"%15[0-9]\"-\"%15[0-9]\")", a, b) != 2 ||
        !px_parse_int(a, &lo) || !px_parse_int(b, &hi) || hi < lo || hi - lo > 100000)
        return 0;
    v->n = (size_t)(hi - lo + 1);
    v->values = js_arena_alloc(&x->h.arena, v->n * sizeof *v->values);
    if (v->values == NULL)
        return -1;
    for (size_t i = 0; i < v->n; i++) {
        char y[24];
        (void)snprintf(y, sizeof y, "%ld", lo + (long)i);
        v->values[i] = js_arena_strdup(&x->h.arena, y);
        if (v->values[i] == NULL)
            return -1;
    }
    v->values_def = v->values;
    return 1;
}

/* VALUES (both languages) and CODES of one variable. */
static js_status px_var_values(px_ctx *x, px_var *v)
{
    const size_t axis_line = v->line; /* STUB/HEADING line until VALUES is found */
    px_entry *const val = px_var_kw(x, "VALUES", v);
    px_entry *const val_def = px_find(x, "VALUES", NULL, 1, v->name_def, NULL);
    if (val == NULL) {
        px_entry *const tv = px_var_kw(x, "TIMEVAL", v);
        const int r = tv ? px_timeval_range(x, v, tv) : 0;
        if (r < 0)
            return JS_ENOMEM;
        if (r == 0) {
            px_error(x, axis_line, "VALUES(\"%s\") missing: variable \"%s\" has no values "
                                   "(PxWeb PxcErr108)", v->name, v->name);
            return JS_EDATA;
        }
    } else {
        v->values = val->items;
        v->n = val->n_items;
        v->line = val->line;
        v->values_def = val_def && val_def->n_items == v->n ? val_def->items : val->items;
    }
    if (v->n == 0) {
        px_error(x, v->line, "VALUES(\"%s\") is empty (PxWeb PxcErr108)", v->name);
        return JS_EDATA;
    }
    px_entry *const codes = px_var_kw(x, "CODES", v);
    if (codes != NULL && codes->n_items != v->n) {
        px_error(x, codes->line, "CODES(\"%s\"): %zu codes, but VALUES has %zu values",
                 v->name, codes->n_items, v->n);
        return JS_EDATA;
    }
    v->codes = codes ? codes->items : NULL;
    const px_entry *const vc = px_var_kw(x, "VARIABLECODE", v);
    v->id = px_first(vc) && *px_first(vc) ? px_first(vc) : v->name;
    return JS_OK;
}

/* TIMEVAL marks the time variable; its list is checked against VALUES. */
static void px_var_time(px_ctx *x, px_var *v)
{
    const px_entry *const tv = px_var_kw(x, "TIMEVAL", v);
    if (tv == NULL)
        return;
    v->role = JS_ROLE_TIME;
    const char *const scale = px_first(tv);
    if (scale == NULL || strncmp(scale, "TLIST(", 6) != 0) {
        js_diag_warn(x->d, x->path, tv->line, 0,
                     "TIMEVAL(\"%s\"): expected TLIST(scale) first, found \"%s\"", v->name,
                     scale ? scale : "");
        return;
    }
    if (strchr(scale, ',') == NULL && tv->n_items - 1 != v->n)
        js_diag_warn(x->d, x->path, tv->line, 0,
                     "TIMEVAL(\"%s\") lists %zu periods, VALUES has %zu: TIMEVAL's list is "
                     "ignored",
                     v->name, tv->n_items - 1, v->n);
}

/* Initial role from the file (caller overrides are applied later). */
static void px_var_role(px_ctx *x, px_var *v, size_t i)
{
    if (i == x->contvar) {
        v->role = JS_ROLE_CONTENTS;
        return;
    }
    if (v->role == JS_ROLE_TIME)
        return;
    const char *const type = px_first(px_var_kw(x, "VARIABLE-TYPE", v));
    if (px_var_kw(x, "MAP", v) != NULL || px_streq(type, "G")) {
        v->role = JS_ROLE_REGION;
        return;
    }
    if (px_streq(type, "T")) {
        v->role = JS_ROLE_TIME;
        return;
    }
    v->role = js_harm_role_from_name(v->name);
    if (v->role == JS_ROLE_OTHER)
        v->role = js_harm_role_from_name(v->name_def);
    if (v->role == JS_ROLE_OTHER && v->id != v->name)
        v->role = js_harm_role_from_name(v->id);
}

static void px_apply_overrides(px_ctx *x)
{
    for (size_t r = 0; r < x->o->n_roles; r++) {
        const js_role_override *const ov = &x->o->roles[r];
        for (size_t i = 0; i < x->n_vars; i++) {
            px_var *const v = &x->vars[i];
            if (strcasecmp(ov->dim, v->name) == 0 || strcasecmp(ov->dim, v->name_def) == 0 ||
                strcasecmp(ov->dim, v->id) == 0) {
                v->role = ov->role;
                v->role_fixed = 1;
            }
        }
    }
}

/* CONTVARIABLE: in the chosen language, else the default one (by position). */
static void px_find_contvar(px_ctx *x)
{
    x->contvar = SIZE_MAX;
    const px_entry *e = x->lang ? px_find(x, "CONTVARIABLE", x->lang, 0, NULL, NULL) : NULL;
    const int def = e == NULL;
    if (def)
        e = px_find(x, "CONTVARIABLE", NULL, 0, NULL, NULL);
    if (e == NULL)
        return;
    if (x->lang != NULL && def)
        js_diag_warn(x->d, x->path, e->line, 0,
                     "CONTVARIABLE[%s] missing: the content variable is taken from CONTVARIABLE",
                     x->lang);
    for (size_t i = 0; i < x->n_vars; i++)
        if (px_streq(px_first(e), def ? x->vars[i].name_def : x->vars[i].name))
            x->contvar = i;
    if (x->contvar == SIZE_MAX)
        px_error(x, e->line, "CONTVARIABLE: \"%s\" is not a STUB or HEADING variable (PxWeb "
                             "PxcErr161)", px_first(e) ? px_first(e) : "");
}

/* Every per-content UNITS must name a content value (strict mode). */
static void px_check_content_units(px_ctx *x)
{
    if (x->contvar == SIZE_MAX)
        return;
    const px_var *const cv = &x->vars[x->contvar];
    for (size_t i = 0; i < x->h.n_entries; i++) {
        const px_entry *const e = &x->h.entries[i];
        if (e->error || e->n_subkeys != 1 || strcmp(e->keyword, "UNITS") != 0)
            continue;
        const int def = px_lang_match(x, e, NULL);
        if (!def && !px_lang_match(x, e, x->lang))
            continue;
        size_t k = 0;
        while (k < cv->n && strcmp(e->subkeys[0], def ? cv->values_def[k] : cv->values[k]) != 0)
            k++;
        if (k == cv->n)
            px_error(x, e->line, "UNITS(\"%s\"): \"%s\" is not a value of the content variable "
                                 "\"%s\", so that content value has no UNITS of its own",
                     e->subkeys[0], e->subkeys[0], cv->name);
    }
}

static void px_dims_text(const px_ctx *x, char *buf, size_t cap);

/* Can the bytes after DATA= hold the cells the header declares?  Checked
 * before the cells are allocated, so that a 300-byte file declaring 10^9
 * cells fails here instead of asking for 17 GB.  Dense DATA needs one byte
 * and one separator per cell (the last without its separator), checked
 * above JS_READ_DENSE_FREE cells (a small table is counted, which gives the
 * more precise "declared N cells, found M"); KEYS rows
 * may leave cells out (they are 0), but a table over JS_READ_SPARSE_FREE
 * cells needs one byte per JS_READ_SPARSE_RATIO of them.  A source of
 * unknown size (a pipe) has only the cell cap. */
static js_status px_check_data_size(px_ctx *x)
{
    const uint64_t size = js_source_size(x->in.src);
    if (size == UINT64_MAX)
        return JS_OK;
    const uint64_t read = js_source_offset(x->in.src) - (uint64_t)(x->in.len - x->in.pos);
    const uint64_t left = size > read ? size - read : 0;
    const int keys = px_any(x, "KEYS") != NULL;
    const uint64_t n = (uint64_t)x->n_cells;
    if (keys ? n <= JS_READ_SPARSE_FREE || n / JS_READ_SPARSE_RATIO <= left
             : n <= JS_READ_DENSE_FREE || n <= left / 2 + 1)
        return JS_OK;
    char dims[256];
    px_dims_text(x, dims, sizeof dims);
    if (keys)
        px_error(x, x->h.data_line, "DATA: declared %zu cells (%s from STUB and HEADING), but only "
                 "%llu bytes of KEYS rows follow: expected at least one byte per %zu cells",
                 x->n_cells, dims, (unsigned long long)left, JS_READ_SPARSE_RATIO);
    else
        px_error(x, x->h.data_line, "DATA: declared %zu cells (%s from STUB and HEADING), but only "
                 "%llu bytes follow: expected at least 2 bytes per cell", x->n_cells, dims,
                 (unsigned long long)left);
    return JS_EDATA;
}

/* Product of the sizes, with overflow and cap checks. */
static js_status px_count_cells(px_ctx *x)
{
    const size_t cap = x->o->max_cells ? x->o->max_cells : JS_READ_DEFAULT_MAX_CELLS;
    size_t n = 1, cols = 1;
    for (size_t i = 0; i < x->n_vars; i++) {
        const size_t s = x->vars[i].n;
        if (s > JS_READ_MAX_CATEGORIES) {
            px_error(x, x->vars[i].line, "VALUES(\"%s\"): expected at most %zu values, found %zu",
                     x->vars[i].name, JS_READ_MAX_CATEGORIES, s);
            return JS_EDATA;
        }
        if (n > SIZE_MAX / s) {
            px_error(x, x->vars[i].line, "the table has more cells than can be counted "
                                         "(overflow at variable \"%s\")", x->vars[i].name);
            return JS_EDATA;
        }
        n *= s;
        if (i >= x->n_stub)
            cols *= s;
    }
    x->n_cells = n;
    x->n_cols = cols;
    /* A header the file cannot back is bad data (65), whatever its size;
     * only a table the file could hold meets the cap (out of memory, 71). */
    const js_status st = px_check_data_size(x);
    if (st != JS_OK)
        return st;
    /* Streaming holds one category of the first variable at a time, so the
     * cap applies to that slice. */
    const size_t part = x->stream ? n / x->vars[0].n : n;
    if (part > cap) {
        px_error(x, x->h.data_line, "the table has %zu cells%s, more than the limit of %zu", part,
                 x->stream ? " per category of its first variable" : "", cap);
        return JS_ENOMEM;
    }
    x->part_cells = part;
    return JS_OK;
}

static js_status px_build_vars(px_ctx *x)
{
    js_status st = px_alloc_vars(x);
    if (st != JS_OK)
        return st;
    for (size_t i = 0; i < x->n_vars; i++) {
        st = px_var_values(x, &x->vars[i]);
        if (st == JS_ENOMEM)
            return st;
    }
    if (x->errors)
        return JS_EDATA;
    px_find_contvar(x);
    px_check_content_units(x);
    for (size_t i = 0; i < x->n_vars; i++) {
        px_var_time(x, &x->vars[i]);
        px_var_role(x, &x->vars[i], i);
    }
    px_apply_overrides(x);
    if (x->errors)
        return JS_EDATA;
    return px_count_cells(x);
}

/* ---- The cube ------------------------------------------------------------- */

static js_status px_add_dim(px_ctx *x, px_var *v)
{
    size_t di;
    js_status st = js_cube_add_dim(x->cube, v->id, v->name, JS_ROLE_OTHER, &di);
    if (st != JS_OK)
        return st;
    for (size_t k = 0; k < v->n; k++) {
        const char *code = v->codes ? v->codes[k] : v->values[k];
        if (*code == '\0')
            code = v->values[k]; /* CODES("sex")="1","2",; : the empty last code */
        size_t cat;
        st = js_cube_add_category(x->cube, di, code, v->values[k], &cat);
        if (st != JS_OK)
            return st;
        if (cat != k) {
            px_error(x, v->line, "%s(\"%s\"): \"%s\" appears twice (values %zu and %zu)",
                     v->codes ? "CODES" : "VALUES", v->name, code, cat + 1, k + 1);
            return JS_EDATA;
        }
    }
    if (v->role == JS_ROLE_OTHER)
        return JS_OK;
    st = js_cube_set_role(x->cube, di, v->role);
    if (st == JS_EDATA && !v->role_fixed) { /* only sex can fail to fit */
        x->errors++;
        return js_read_unfit_sex(x->cube, di, x->path, v->line, x->d);
    }
    if (st == JS_EDATA)
        px_error(x, v->line, "variable \"%s\": its values do not fit the role \"%s\" given for it",
                 v->name, js_role_name(v->role));
    return st;
}

static js_status px_make_cube(px_ctx *x)
{
    x->cube = js_cube_alloc();
    if (x->cube == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < x->n_vars; i++) {
        const js_status st = px_add_dim(x, &x->vars[i]);
        if (st != JS_OK)
            return st;
    }
    return x->stream ? JS_OK : js_cube_alloc_cells(x->cube); /* streaming: px_part_open */
}

/* ---- Metadata and notes ----------------------------------------------------- */

static js_status px_note(px_ctx *x, const char *prefix, const char *text)
{
    js_buf b;
    js_buf_init(&b);
    if (prefix != NULL)
        js_buf_printf(&b, "%s: ", prefix);
    js_buf_puts(&b, text);
    const js_status st = b.failed ? JS_ENOMEM : js_cube_add_note(x->cube, js_buf_cstr(&b));
    js_buf_fini(&b);
    return st;
}

/* "region=*, age=20": a CELLNOTE pattern spelled out. */
static void px_pattern(px_ctx *x, const px_entry *e, js_buf *b)
{
    js_buf_puts(b, "cell ");
    for (size_t k = 0; k < e->n_subkeys; k++)
        js_buf_printf(b, "%s%s=%s", k ? ", " : "", x->vars[k].name, e->subkeys[k]);
}

/* One note entry (NOTE, NOTEX, VALUENOTE(X), CELLNOTE(X)) as a cube note. */
static js_status px_note_entry(px_ctx *x, const px_entry *e)
{
    const char *const text = px_first(e);
    if (text == NULL)
        return JS_OK;
    const int cell = strncmp(e->keyword, "CELLNOTE", 8) == 0;
    if (cell && e->n_subkeys != x->n_vars) {
        js_diag_warn(x->d, x->path, e->line, 0,
                     "%s: %zu subkeys for %zu variables; the note is dropped (PxWeb PxcErr113)",
                     e->keyword, e->n_subkeys, x->n_vars);
        return JS_OK;
    }
    js_buf b;
    js_buf_init(&b);
    if (cell)
        px_pattern(x, e, &b);
    else if (e->n_subkeys == 1)
        js_buf_puts(&b, e->subkeys[0]);
    else if (e->n_subkeys == 2)
        js_buf_printf(&b, "%s %s", e->subkeys[0], e->subkeys[1]);
    const js_status st = b.failed ? JS_ENOMEM : px_note(x, b.len ? js_buf_cstr(&b) : NULL, text);
    js_buf_fini(&b);
    return st;
}

static int px_is_note_kw(const char *kw)
{
    static const char *const kws[] = {"NOTEX", "NOTE", "VALUENOTEX", "VALUENOTE", "CELLNOTEX",
                                      "CELLNOTE", NULL};
    return px_in_list(kw, kws);
}

/* Notes in the chosen language (the default's when it has none). */
static js_status px_notes(px_ctx *x)
{
    const char *sel = x->lang;
    if (sel != NULL) {
        size_t n = 0;
        for (size_t i = 0; i < x->h.n_entries; i++)
            n += px_is_note_kw(x->h.entries[i].keyword) && px_streq(x->h.entries[i].lang, sel);
        if (n == 0)
            sel = NULL;
    }
    for (size_t i = 0; i < x->h.n_entries; i++) {
        const px_entry *const e = &x->h.entries[i];
        if (e->error == NULL && px_is_note_kw(e->keyword) && px_lang_match(x, e, sel)) {
            const js_status st = px_note_entry(x, e);
            if (st != JS_OK)
                return st;
        }
    }
    return JS_OK;
}

/* Per-content UNITS and PRECISION, and ELIMINATION values, as notes. */
static js_status px_var_notes(px_ctx *x)
{
    js_status st = JS_OK;
    char prefix[512];
    for (size_t i = 0; i < x->n_vars && st == JS_OK; i++) {
        const px_var *const v = &x->vars[i];
        const px_entry *const el = px_var_kw(x, "ELIMINATION", v);
        if (el != NULL && el->quoted[0] && el->n_items == 1) {
            (void)snprintf(prefix, sizeof prefix, "ELIMINATION %s", v->name);
            st = px_note(x, prefix, px_first(el));
        }
        for (size_t k = 0; k < v->n && st == JS_OK; k++) {
            const px_entry *p = x->lang ? px_find(x, "PRECISION", x->lang, 2, v->name,
                                                  v->values[k]) : NULL;
            if (p == NULL)
                p = px_find(x, "PRECISION", NULL, 2, v->name_def, v->values_def[k]);
            if (p != NULL && px_first(p) != NULL) {
                (void)snprintf(prefix, sizeof prefix, "PRECISION %s %s", v->name, v->values[k]);
                st = px_note(x, prefix, px_first(p));
            }
        }
    }
    return st;
}

/* A per-content keyword for content value k (chosen language, else default). */
static const char *px_content_kw(px_ctx *x, const char *kw, size_t k)
{
    const px_var *const cv = &x->vars[x->contvar];
    const px_entry *e = x->lang ? px_find(x, kw, x->lang, 1, cv->values[k], NULL) : NULL;
    if (e == NULL)
        e = px_find(x, kw, NULL, 1, cv->values_def[k], NULL);
    return px_first(e);
}

/* UNITS / LAST-UPDATED / CONTACT per content value. */
static js_status px_content_meta(px_ctx *x, const char **unit, const char **updated,
                                 const char **contact)
{
    if (x->contvar == SIZE_MAX)
        return JS_OK;
    const px_var *const cv = &x->vars[x->contvar];
    int same = 1;
    const char *first = NULL;
    for (size_t k = 0; k < cv->n; k++) {
        const char *const u = px_content_kw(x, "UNITS", k);
        const char *const upd = px_content_kw(x, "LAST-UPDATED", k);
        const char *const con = px_content_kw(x, "CONTACT", k);
        if (upd != NULL && (*updated == NULL || strcmp(upd, *updated) > 0))
            *updated = upd;
        if (con != NULL && *contact == NULL)
            *contact = con;
        if (u == NULL)
            continue;
        same = same && (first == NULL || strcmp(first, u) == 0);
        first = first ? first : u;
        char prefix[512];
        (void)snprintf(prefix, sizeof prefix, "UNITS %s", cv->values[k]);
        const js_status st = px_note(x, prefix, u);
        if (st != JS_OK)
            return st;
    }
    if (first != NULL && same)
        *unit = first;
    return JS_OK;
}

static js_status px_set(px_ctx *x, js_meta key, const char *value)
{
    return value != NULL ? js_cube_set_meta(x->cube, key, value) : JS_OK;
}

static void px_decimals(px_ctx *x)
{
    long dec = -1, show;
    (void)px_parse_int(px_first(px_find(x, "DECIMALS", NULL, 0, NULL, NULL)), &dec);
    const px_entry *const e = px_find(x, "SHOWDECIMALS", NULL, 0, NULL, NULL);
    if (e != NULL) {
        if (!px_parse_int(px_first(e), &show) || show < 0 || show > 6 || show > dec)
            js_diag_warn(x->d, x->path, e->line, 0,
                         "SHOWDECIMALS: expected an integer 0-6 and at most DECIMALS (%ld), "
                         "found \"%s\"; ignored (PxWeb PxcErr138)",
                         dec, px_first(e) ? px_first(e) : "");
        else
            dec = show;
    }
    js_cube_set_decimals(x->cube, dec >= 0 ? (int)dec : -1);
}

static js_status px_meta(px_ctx *x)
{
    const char *unit = px_first(px_table(x, "UNITS"));
    const char *updated = px_first(px_table(x, "LAST-UPDATED"));
    const char *contact = px_first(px_table(x, "CONTACT"));
    js_status st = px_content_meta(x, &unit, &updated, &contact);
    const char *title = px_first(px_table(x, "TITLE"));
    if (title == NULL)
        title = px_first(px_table(x, "DESCRIPTION"));
    if (updated == NULL)
        updated = px_first(px_table(x, "CREATION-DATE"));
    char source[1024];
    const char *const src = px_first(px_table(x, "SOURCE"));
    const char *const matrix = px_first(px_table(x, "MATRIX"));
    (void)snprintf(source, sizeof source, "%s%s%s", src ? src : "", src && matrix ? ", " : "",
             matrix ? matrix : "");
    const char *const measure = x->o->measure ? x->o->measure : px_first(px_table(x, "CONTENTS"));
    if (st == JS_OK) st = px_set(x, JS_META_TITLE, title);
    if (st == JS_OK) st = px_set(x, JS_META_SOURCE, *source ? source : NULL);
    if (st == JS_OK) st = px_set(x, JS_META_UNIT, unit);
    if (st == JS_OK) st = px_set(x, JS_META_MEASURE, measure);
    if (st == JS_OK) st = px_set(x, JS_META_UPDATED, updated);
    if (st == JS_OK) st = px_set(x, JS_META_CONTACT, contact);
    if (st == JS_OK) st = px_set(x, JS_META_ENCODING, x->encoding);
    if (st == JS_OK) st = px_set(x, JS_META_FORMAT, "px");
    if (st == JS_OK) st = px_notes(x);
    if (st == JS_OK) st = px_var_notes(x);
    px_decimals(x);
    return st;
}

/* ---- Data symbols ----------------------------------------------------------- */

/* Does a DATASYMBOLn display text say "confidential"? */
static int px_text_confidential(const char *t)
{
    static const char *const words[] = {"confiden", "secre", "hidden", "sekretess", "suppress",
                                        "konfiden", "salassa", NULL};
    char low[128];
    size_t i = 0;
    for (; t[i] != '\0' && i + 1 < sizeof low; i++)
        low[i] = (char)tolower((unsigned char)t[i]);
    low[i] = '\0';
    for (size_t k = 0; words[k] != NULL; k++)
        if (strstr(low, words[k]) != NULL)
            return 1;
    return 0;
}

/* Status of a data symbol ("." ... "......." or "-"); -1 if not a symbol. */
static int px_symbol(px_ctx *x, const char *tok)
{
    static const char *const kw[] = {"DATASYMBOL1", "DATASYMBOL2", "DATASYMBOL3", "DATASYMBOL4",
                                     "DATASYMBOL5", "DATASYMBOL6", "DATASYMBOLSUM"};
    static const js_cell base[] = {JS_CELL_NA, JS_CELL_MISSING, JS_CELL_SUPPRESSED,
                                   JS_CELL_MISSING, JS_CELL_MISSING, JS_CELL_MISSING,
                                   JS_CELL_MISSING};
    if (strcmp(tok, "-") == 0)
        return JS_CELL_NIL;
    size_t n = 0;
    while (tok[n] == '.')
        n++;
    if (n == 0 || n > 7 || tok[n] != '\0')
        return -1;
    const char *const text = px_first(px_table(x, kw[n - 1]));
    if (text != NULL && px_text_confidential(text))
        return JS_CELL_SUPPRESSED;
    return (int)base[n - 1];
}

/* Store one data token in cell (the token was read on t->line). */
static js_status px_store(px_ctx *x, const px_tok *t, size_t cell)
{
    double v;
    int sci;
    if (px_parse_number(t->text, &v, &sci)) {
        if (sci && !x->warned_sci++)
            js_diag_warn(x->d, x->path, t->line, 0,
                         "DATA: a number in scientific notation (\"%s\"), not in the PX spec",
                         t->text);
        js_cube_set_value(x->cube, cell, v);
        return JS_OK;
    }
    const int s = px_symbol(x, t->text);
    if (s < 0) {
        px_error_at(x, t, "DATA: expected a number or a data symbol (\".\" to \".......\", "
                             "\"-\"), found %s%s%s", t->kind == PX_TOK_QUOTED ? "\"" : "",
                 t->text, t->kind == PX_TOK_QUOTED ? "\"" : "");
        return JS_EDATA;
    }
    return js_cube_set_status(x->cube, cell, (js_cell)s, t->text);
}

static void px_comma(px_ctx *x, const px_tok *t)
{
    if (t->comma_before && !x->warned_comma++)
        js_diag_warn(x->d, x->path, t->line, 0,
                     "DATA: cells separated by ','; the spec recommends spaces");
}

/* "4x3x1x2x2" for messages. */
static void px_dims_text(const px_ctx *x, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < x->n_vars && len + 24 < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%zu", i ? "x" : "", x->vars[i].n);
}

/* ---- DATA, dense ------------------------------------------------------------ */

static js_status px_data_end(px_ctx *x, const px_tok *t, size_t found, size_t expected)
{
    char dims[256];
    if (t->kind == PX_TOK_EOF) /* real SCB files (BE0101A1.px) end without it */
        js_diag_warn(x->d, x->path, t->line, 0,
                     "DATA (line %zu): no ';' before the end of the file", x->h.data_line);
    if (found != expected) {
        px_dims_text(x, dims, sizeof dims);
        px_error_at(x, t, "DATA (line %zu): declared %zu cells (%s from STUB and HEADING), "
                             "found %zu", x->h.data_line, expected, dims, found);
        return JS_EDATA;
    }
    return JS_OK;
}

/* Anything but whitespace after the closing ';' is a warning. */
static void px_after_data(px_ctx *x)
{
    int c;
    while ((c = px_in_get(&x->in)) >= 0)
        if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f')) {
            js_diag_warn(x->d, x->path, x->in.line, 0,
                         "text after the ';' that ends DATA is ignored");
            return;
        }
}

/* Streaming: hand the current partition over and open the next (below). */
static js_status px_part_next(px_ctx *x);

static js_status px_data_dense(px_ctx *x)
{
    px_tok *const t = js_malloc(sizeof *t);
    if (t == NULL)
        return JS_ENOMEM;
    size_t cell = 0, at = 0; /* at: the cell within x->cube (streaming: one category's) */
    js_status st;
    for (;;) {
        st = px_data_next(&x->in, t, x->path, x->d);
        if (st != JS_OK || t->kind == PX_TOK_END || t->kind == PX_TOK_EOF)
            break;
        px_comma(x, t);
        if (at == x->part_cells && cell < x->n_cells) { /* streaming: the next category */
            if ((st = px_part_next(x)) != JS_OK)
                break;
            at = 0;
        }
        if (cell < x->n_cells && (st = px_store(x, t, at)) != JS_OK)
            break;
        cell++;
        at++;
    }
    if (st == JS_OK)
        st = px_data_end(x, t, cell, x->n_cells);
    js_free(t);
    return st;
}

/* ---- DATA, KEYS ------------------------------------------------------------- */

/* KEYS("var")=VALUES|CODES for every stub variable, or none at all. */
static int px_keys_setup(px_ctx *x)
{
    size_t n = 0;
    for (size_t i = 0; i < x->n_stub; i++) {
        px_var *const v = &x->vars[i];
        const px_entry *const e = px_find(x, "KEYS", NULL, 1, v->name_def, NULL);
        if (e == NULL)
            continue;
        n++;
        v->keys = px_streq(px_first(e), "CODES") ? 2 : px_streq(px_first(e), "VALUES") ? 1 : 0;
        if (v->keys == 0 || (v->keys == 2 && v->codes == NULL))
            px_error(x, e->line, "KEYS(\"%s\"): expected VALUES or CODES%s, found \"%s\" "
                                 "(PxWeb PxcErr121)", v->name_def,
                     v->keys == 2 ? " (and the variable has no CODES)" : "",
                     px_first(e) ? px_first(e) : "");
    }
    if (n != 0 && n != x->n_stub)
        px_error(x, x->h.data_line, "KEYS given for %zu of %zu STUB variables: every STUB "
                                    "variable needs one (PxWeb PxcErr121)", n, x->n_stub);
    return n != 0;
}

/* Index of a key in variable v's VALUES (default language) or CODES. */
static size_t px_key_index(px_var *v, const char *key)
{
    char **const list = v->keys == 2 ? v->codes : v->values_def;
    const size_t tries[2] = {v->hint, v->hint + 1};
    for (size_t k = 0; k < 2; k++)
        if (tries[k] < v->n && strcmp(list[tries[k]], key) == 0)
            return v->hint = tries[k];
    for (size_t k = 0; k < v->n; k++)
        if (strcmp(list[k], key) == 0)
            return v->hint = k;
    return SIZE_MAX;
}

/* Read the stub keys of one row; *row receives its position. */
static js_status px_keys_row(px_ctx *x, px_tok *t, size_t *row)
{
    size_t r = 0;
    for (size_t i = 0; i < x->n_stub; i++) {
        if (i > 0) {
            js_status st = px_data_next(&x->in, t, x->path, x->d);
            if (st != JS_OK)
                return st;
        }
        px_var *const v = &x->vars[i];
        if (t->kind == PX_TOK_END || t->kind == PX_TOK_EOF ||
            px_to_utf8(x, t->text, t->len) != 0 || x->tmp.failed) {
            px_error_at(x, t, "DATA: expected the KEYS key of \"%s\", found %s", v->name_def,
                     t->kind == PX_TOK_END ? "';'" : t->kind == PX_TOK_EOF ? "the end of file"
                                                                          : "invalid text");
            return x->tmp.failed ? JS_ENOMEM : JS_EDATA;
        }
        const size_t k = px_key_index(v, js_buf_cstr(&x->tmp));
        if (k == SIZE_MAX) {
            px_error_at(x, t, "DATA: KEYS key \"%s\" is not one of the %s of \"%s\"",
                     js_buf_cstr(&x->tmp), v->keys == 2 ? "CODES" : "VALUES", v->name_def);
            return JS_EDATA;
        }
        r = r * v->n + k;
    }
    *row = r;
    return JS_OK;
}

/* The cells of one KEYS row. */
static js_status px_keys_cells(px_ctx *x, px_tok *t, size_t row)
{
    for (size_t c = 0; c < x->n_cols; c++) {
        js_status st = px_data_next(&x->in, t, x->path, x->d);
        if (st != JS_OK)
            return st;
        if (t->kind == PX_TOK_END || t->kind == PX_TOK_EOF) {
            px_error_at(x, t, "DATA: a KEYS row has %zu cells, expected %zu (the product of "
                                 "the HEADING sizes)", c, x->n_cols);
            return JS_EDATA;
        }
        if (c > 0) /* the comma after the last key is KEYS syntax */
            px_comma(x, t);
        st = px_store(x, t, row * x->n_cols + c);
        if (st != JS_OK)
            return st;
    }
    return JS_OK;
}

/* Streaming: a KEYS row of a later category of the first variable hands
 * the current partition over (and the categories in between, which have no
 * rows: zeros); *row becomes the row within the partition.  Rows must come
 * in the order of the first variable's VALUES, as PxWeb writes them. */
static js_status px_keys_switch(px_ctx *x, size_t *row, size_t line, unsigned char *seen,
                                size_t n_rows)
{
    const size_t k = *row / n_rows;
    const px_var *const v = &x->vars[0];
    if (k < x->part) {
        px_error(x, line, "DATA: expected the KEYS rows grouped by \"%s\" in the order of its "
                          "VALUES (the file is streamed by it), found a row of \"%s\" after the "
                          "rows of \"%s\"", v->name, v->values[k], v->values[x->part]);
        return JS_EDATA;
    }
    js_status st = JS_OK;
    while (st == JS_OK && x->part < k) {
        st = px_part_next(x);
        memset(seen, 0, n_rows / 8 + 1);
    }
    *row %= n_rows;
    return st;
}

static js_status px_keys_loop(px_ctx *x, px_tok *t, unsigned char *seen, size_t n_rows)
{
    for (;;) {
        js_status st = px_data_next(&x->in, t, x->path, x->d);
        if (st != JS_OK)
            return st;
        if (t->kind == PX_TOK_END || t->kind == PX_TOK_EOF)
            return px_data_end(x, t, 0, 0);
        size_t row;
        const size_t line = t->line;
        if ((st = px_keys_row(x, t, &row)) != JS_OK)
            return st;
        if (x->stream && (st = px_keys_switch(x, &row, line, seen, n_rows)) != JS_OK)
            return st;
        if (seen[row / 8] & (1u << (row % 8))) {
            px_error(x, line, "DATA: the KEYS row on this line repeats an earlier row");
            return JS_EDATA;
        }
        seen[row / 8] = (unsigned char)(seen[row / 8] | (1u << (row % 8)));
        if ((st = px_keys_cells(x, t, row)) != JS_OK)
            return st;
    }
}

/* Every cell of x->cube 0: KEYS rows absent from the file. */
static void px_zero(px_ctx *x)
{
    const size_t n = js_cube_ncells(x->cube);
    for (size_t i = 0; i < n; i++)
        js_cube_set_value(x->cube, i, 0.0);
}

/* Sparse DATA: rows absent from the file are zeros (FORMATS.md §1.6). */
static js_status px_data_keys(px_ctx *x)
{
    const size_t n_rows = x->part_cells / x->n_cols; /* rows of one cube */
    unsigned char *const seen = js_calloc(n_rows / 8 + 1, 1);
    px_tok *const t = js_malloc(sizeof *t);
    js_status st = seen && t ? JS_OK : JS_ENOMEM;
    if (st == JS_OK)
        st = px_keys_loop(x, t, seen, n_rows);
    js_free(seen);
    js_free(t);
    return st;
}

/* ---- DATANOTECELL ------------------------------------------------------------ */

/* Index of a DATANOTECELL subkey (a code, or a value text) in v; SIZE_MAX for "*". */
static size_t px_code_index(const px_var *v, const char *s, int *bad)
{
    if (strcmp(s, "*") == 0)
        return SIZE_MAX;
    for (size_t k = 0; k < v->n; k++)
        if ((v->codes && strcmp(v->codes[k], s) == 0) || strcmp(v->values_def[k], s) == 0)
            return k;
    *bad = 1;
    return SIZE_MAX;
}

/* Set the flag text on every present cell the pattern matches. */
static js_status px_datanote_apply(px_ctx *x, const px_entry *e, size_t *fixed, size_t *idx)
{
    const char *text = px_first(e);
    while (*text == ' ')
        text++;
    if (*text == '\0')
        return JS_OK;
    for (size_t i = 0; i < x->n_vars; i++)
        idx[i] = fixed[i] == SIZE_MAX ? 0 : fixed[i];
    for (;;) {
        const size_t cell = js_cube_cell_index(x->cube, idx);
        if (js_cube_status(x->cube, cell) == JS_CELL_OK) {
            const js_status st = js_cube_set_status(x->cube, cell, JS_CELL_OK, text);
            if (st != JS_OK)
                return st;
        }
        size_t i = x->n_vars;
        while (i-- > 0) { /* odometer over the wildcard variables */
            if (fixed[i] != SIZE_MAX)
                continue;
            if (++idx[i] < js_dim_size(js_cube_dim(x->cube, i))) /* streaming: 1 for dim 0 */
                break;
            idx[i] = 0;
        }
        if (i == SIZE_MAX)
            return JS_OK;
    }
}

static js_status px_datanotes(px_ctx *x)
{
    size_t *const fixed = js_calloc(2 * x->n_vars, sizeof *fixed);
    if (fixed == NULL)
        return JS_ENOMEM;
    js_status st = JS_OK;
    for (size_t i = 0; i < x->h.n_entries && st == JS_OK; i++) {
        const px_entry *const e = &x->h.entries[i];
        if (e->error || strcmp(e->keyword, "DATANOTECELL") != 0 || !px_lang_match(x, e, NULL) ||
            px_first(e) == NULL)
            continue;
        int bad = e->n_subkeys != x->n_vars;
        for (size_t k = 0; !bad && k < x->n_vars; k++)
            fixed[k] = px_code_index(&x->vars[k], e->subkeys[k], &bad);
        if (bad) {
            if (!x->stream || x->part == 0) /* once, not once per partition */
                js_diag_warn(x->d, x->path, e->line, 0,
                             "DATANOTECELL: the subkeys do not name one code (or *) per "
                             "variable; ignored");
            continue;
        }
        if (x->stream && fixed[0] != SIZE_MAX) { /* x->cube holds category x->part only */
            if (fixed[0] != x->part)
                continue;
            fixed[0] = 0;
        }
        st = px_datanote_apply(x, e, fixed, fixed + x->n_vars);
    }
    js_free(fixed);
    return st;
}

/* ---- Streaming by the first variable ------------------------------------------ *
 *
 * PX cells are ordered with the first STUB variable varying slowest, so
 * DATA holds the table one category of it after another.  With
 * opts->partition naming that variable, the cube built from the header
 * becomes a template (dimensions, categories, metadata, notes; no cells),
 * and each category gets a cube of its own with that one category first,
 * filled as DATA streams by and handed to opts->on_partition.  Memory is one
 * such cube, whatever the size of the file. */

/* opts->partition must name the first variable (code or name, any case). */
static js_status px_stream_check(px_ctx *x)
{
    const px_var *const v = &x->vars[0];
    const char *const want = x->o->partition;
    if (x->o->on_partition == NULL) {
        js_diag_error(x->d, x->path, 0, 0, "partition \"%s\" given without on_partition", want);
        return JS_EUSAGE;
    }
    if (strcasecmp(want, v->id) == 0 || strcasecmp(want, v->name) == 0 ||
        strcasecmp(want, v->name_def) == 0)
        return JS_OK;
    js_diag_error(x->d, x->path, v->line, 0,
                  "cannot stream by \"%s\": expected the first STUB variable \"%s\" (only the "
                  "first stub variable can be streamed: PX DATA is ordered by it)", want, v->id);
    return JS_EUSAGE;
}

/* x->cube = a cube for category x->part of the first variable: the
 * template's dimensions with just that category first, its metadata (the
 * clone copies it) and notes; cells allocated (zeros for KEYS). */
static js_status px_part_open(px_ctx *x)
{
    js_cube *c = NULL;
    const js_dim *const first = js_cube_dim(x->tmpl, 0);
    js_status st = js_cube_clone_categories(x->tmpl, 0, &c);
    if (st == JS_OK)
        st = js_cube_copy_category(c, 0, js_dim_category(first, x->part), NULL);
    for (size_t i = 0; st == JS_OK && i < js_cube_nnotes(x->tmpl); i++)
        st = js_cube_add_note(c, js_cube_note(x->tmpl, i));
    if (st == JS_OK)
        st = js_cube_alloc_cells(c);
    if (st != JS_OK) {
        js_cube_free(c);
        return st;
    }
    x->cube = c;
    if (x->keys)
        px_zero(x);
    return JS_OK;
}

/* Flag the partition's cells (DATANOTECELL) and hand it over (the callee
 * owns it, whatever it returns). */
static js_status px_part_flush(px_ctx *x)
{
    const js_status st = px_datanotes(x);
    js_cube *const part = x->cube;
    x->cube = NULL;
    if (st != JS_OK) {
        js_cube_free(part);
        return st;
    }
    x->part++;
    return x->o->on_partition(part, x->o->user, x->d);
}

static js_status px_part_next(px_ctx *x)
{
    const js_status st = px_part_flush(x);
    return st == JS_OK ? px_part_open(x) : st;
}

/* The cube built from the header becomes the template; open the first part. */
static js_status px_stream_start(px_ctx *x)
{
    x->tmpl = x->cube;
    x->cube = NULL;
    x->part = 0;
    return px_part_open(x);
}

/* After DATA: the last partition, then the categories no KEYS row reached. */
static js_status px_stream_finish(px_ctx *x)
{
    js_status st = px_part_flush(x);
    while (st == JS_OK && x->part < x->vars[0].n) {
        st = px_part_open(x);
        if (st == JS_OK)
            st = px_part_flush(x);
    }
    return st;
}

/* ---- Driver ------------------------------------------------------------------ */

static js_status px_header_phase(px_ctx *x)
{
    js_status st = px_lex_header(&x->in, &x->h, x->path, x->d);
    if (st != JS_OK)
        return st;
    if ((st = px_choose_encoding(x)) != JS_OK || (st = px_convert_all(x)) != JS_OK)
        return st;
    px_check_syntax(x);
    if (!x->h.found_data)
        px_error(x, x->in.line, "missing DATA keyword: reached the end of the file without "
                                "DATA= (PxWeb PxcErr180)");
    if (x->errors)
        return JS_EDATA;
    px_setup_languages(x);
    px_check_mandatory(x);
    if (x->errors)
        return JS_EDATA;
    return px_build_vars(x);
}

static js_status px_read(px_ctx *x)
{
    js_status st = px_header_phase(x);
    if (st == JS_OK && x->stream)
        st = px_stream_check(x);
    if (st == JS_OK)
        st = px_make_cube(x);
    if (st == JS_OK)
        st = px_meta(x);
    if (st != JS_OK)
        return st;
    x->keys = px_keys_setup(x);
    if (x->errors)
        return JS_EDATA;
    if (x->stream)
        st = px_stream_start(x);
    else if (x->keys)
        px_zero(x);
    if (st == JS_OK)
        st = x->keys ? px_data_keys(x) : px_data_dense(x);
    if (st == JS_OK)
        px_after_data(x);
    if (st == JS_OK)
        st = x->stream ? px_stream_finish(x) : px_datanotes(x);
    return st;
}

static js_status px_ctx_init(px_ctx *x, js_source *src, const js_read_opts *o, js_diag *d)
{
    memset(x, 0, sizeof *x);
    x->path = js_source_name(src);
    x->d = d;
    x->o = o;
    x->contvar = SIZE_MAX;
    x->stream = o->partition != NULL;
    px_header_init(&x->h);
    js_buf_init(&x->tmp);
    return px_in_init(&x->in, src);
}

/* Report the statuses that carry no message of their own yet. */
static js_status px_ctx_status(px_ctx *x, js_status st)
{
    if (st == JS_OK && x->errors)
        st = JS_EDATA;
    if (st == JS_EIO)
        js_diag_error(x->d, x->path, 0, 0, "read error");
    else if (st == JS_ENOMEM && x->errors == 0)
        js_diag_error(x->d, x->path, 0, 0, "out of memory");
    return st;
}

static void px_ctx_fini(px_ctx *x)
{
    js_cube_free(x->cube);
    js_cube_free(x->tmpl);
    js_conv_close(&x->conv);
    js_buf_fini(&x->tmp);
    js_free(x->vars);
    px_in_fini(&x->in);
    px_header_fini(&x->h);
}

js_status js_read_px(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d)
{
    js_read_opts defaults;
    if (o == NULL) {
        js_read_opts_init(&defaults);
        o = &defaults;
    }
    px_ctx x;
    js_status st = px_ctx_init(&x, src, o, d);
    if (st == JS_OK)
        st = px_read(&x);
    st = px_ctx_status(&x, st);
    if (st == JS_OK) {
        *out = x.stream ? NULL : x.cube; /* streaming: every part went to on_partition */
        x.cube = NULL;
    }
    px_ctx_fini(&x);
    return st;
}

/* ---- The streaming variable, for describe and convert ----------------------- */

js_status px_stream_variable(js_source *src, const js_read_opts *o, char **name, js_diag *d)
{
    *name = NULL;
    if (o->format != JS_FORMAT_AUTO && o->format != JS_FORMAT_PX)
        return JS_OK;
    if (o->format == JS_FORMAT_AUTO) {
        char head[4096];
        size_t n;
        js_status st = js_source_read(src, head, sizeof head, &n);
        if (st == JS_OK)
            st = js_source_rewind(src);
        if (st != JS_OK || js_detect_format(head, n, js_source_name(src)) != JS_FORMAT_PX)
            return st;
    }
    js_read_opts probe = *o;
    probe.partition = ""; /* streaming: the cell cap applies to one category's cells */
    px_ctx x;
    js_status st = px_ctx_init(&x, src, &probe, d);
    if (st == JS_OK)
        st = px_header_phase(&x);
    st = px_ctx_status(&x, st);
    if (st == JS_OK && (*name = js_strdup(x.vars[0].id)) == NULL)
        st = JS_ENOMEM;
    px_ctx_fini(&x);
    return st;
}
