/*
 * px_lex.c - PC-Axis tokeniser: header entries and DATA tokens.
 *
 * Supported subset (PX-file format 2013, /work/shared/FORMATS.md §1.1, §1.6):
 *   - entries KEYWORD[lang]("sub",...)=value-list; with whitespace (CR, LF,
 *     tab, space) allowed anywhere outside quotes, as PxWeb does;
 *   - values: quoted strings, bare tokens (YES, 0, TLIST(A1) - a bare token
 *     may hold parentheses with quotes and commas inside, which is how the
 *     range form TLIST(A1,"1977"-"2019") arrives), adjacent quoted strings
 *     concatenated with nothing in between ("accord" "ing" -> "according"),
 *     "a":"b" items of HIERARCHIES (kept as a:b);
 *   - quoted strings may hold raw newlines and ; = , ( [ ;
 *   - a list ending in ",;" gets an empty last item (Population/BE101ACE.px).
 *
 * Errors: a quote followed directly by text ("BE01"01F1") makes the entry
 * broken: the error is stored in the entry and lexing resumes after the next
 * ';' whatever the quote state (PxWeb's recovery, which the error/ example
 * files rely on).  A string still open at the end of the file is fatal.
 *
 * Deliberate omissions: no escape mechanism (the format has none); keywords
 * are compared case-insensitively (upper-cased here, flagged for a warning);
 * the header is not limited to 256-character lines.
 *
 * Worked example:  VALUES[sv]("ålder")="20","21" \n "x";
 *   -> keyword "VALUES", lang "sv", subkeys {"ålder"}, items {"20", "21x"}.
 */
#include "read/px_lex.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

enum {
    PX_KEYWORD_MAX = 128,         /* longest keyword we accept */
    PX_LANG_MAX = 32,             /* longest language code */
    PX_STRING_MAX = 64 << 20      /* one string may not exceed 64 MiB */
};

/* ---- Input --------------------------------------------------------------- */

js_status px_in_init(px_in *in, js_source *src)
{
    memset(in, 0, sizeof *in);
    in->src = src;
    in->line = 1;
    in->buf = js_malloc(PX_IN_CHUNK);
    return in->buf != NULL ? JS_OK : JS_ENOMEM;
}

void px_in_fini(px_in *in)
{
    js_free(in->buf);
    in->buf = NULL;
}

int px_in_fill(px_in *in)
{
    if (in->eof)
        return -1;
    in->base += in->len; /* the bytes of the buffer before */
    size_t n = 0;
    const js_status st = js_source_read(in->src, in->buf, PX_IN_CHUNK, &n);
    if (st != JS_OK) {
        in->err = st;
        in->eof = 1;
        return -1;
    }
    in->pos = 0;
    in->len = n;
    if (n == 0) {
        in->eof = 1;
        return -1;
    }
    return 0;
}

static int px_is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Skip whitespace; return the next byte (not consumed) or -1. */
static int px_skip_ws(px_in *in)
{
    for (;;) {
        const int c = px_in_peek(in);
        if (c < 0 || !px_is_space(c))
            return c;
        (void)px_in_get(in);
    }
}

/* ---- Header -------------------------------------------------------------- */

void px_header_init(px_header *h)
{
    memset(h, 0, sizeof *h);
    js_arena_init(&h->arena);
}

void px_header_fini(px_header *h)
{
    js_free(h->entries);
    js_arena_fini(&h->arena);
    memset(h, 0, sizeof *h);
}

/* Scratch state of one lexing run. */
typedef struct px_lexer {
    px_in *in;
    px_header *h;
    const char *path;
    js_diag *d;
    js_buf tmp;          /* the string being read */
    char **items;        /* items of the current entry (arena strings) */
    unsigned char *quoted;
    size_t n_items, cap_items, cap_quoted;
    char **subs;
    size_t n_subs, cap_subs;
    const char *error;   /* syntax error of the current entry */
    size_t error_line;
    js_status fatal;     /* JS_OK, or the status that stops lexing */
} px_lexer;

static void lex_fail(px_lexer *lx, const char *msg)
{
    if (lx->error == NULL) {
        lx->error = msg;
        lx->error_line = lx->in->line;
    }
}

/* Room for the longest description lex_describe writes ("byte 1F"). */
enum { LEX_DESCRIBE_BYTES = sizeof "byte FF" };

/* Describe byte c for a message ("'x'", "end of file", "a line break",
 * "byte 1F"): a static text, or buf. */
static const char *lex_describe(int c, char buf[LEX_DESCRIBE_BYTES])
{
    if (c < 0)
        return "end of file";
    if (c == '\n' || c == '\r')
        return "a line break";
    if (c >= 0x20 && c < 0x7f)
        (void)snprintf(buf, LEX_DESCRIBE_BYTES, "'%c'", c);
    else
        (void)snprintf(buf, LEX_DESCRIBE_BYTES, "byte %02X", (unsigned)c & 0xFFu);
    return buf;
}

#define LEX_EXPECTED_FMT "expected %s, found %s"

/* Build "expected X, found Y" in the arena.  snprintf measures the text
 * with the format that then writes it, so size and text cannot disagree: a
 * hand-counted "+ 16" for the literals had been 2 bytes short, and the
 * message overran its allocation (fuzz corpus crash-cut-after-keyword.px). */
static const char *lex_expected(px_lexer *lx, const char *expected, int found)
{
    char buf[LEX_DESCRIBE_BYTES];
    const char *const what = lex_describe(found, buf);
    const int len = snprintf(NULL, 0, LEX_EXPECTED_FMT, expected, what);
    if (len < 0)
        return expected;
    const size_t n = (size_t)len + 1;
    char *const s = js_arena_alloc(&lx->h->arena, n);
    if (s == NULL)
        return expected;
    (void)snprintf(s, n, LEX_EXPECTED_FMT, expected, what);
    return s;
}

/* Append a quoted string (the opening quote is next in the input) to
 * lx->tmp.  Returns 0, or -1 when the string is unterminated (fatal). */
static int lex_quoted(px_lexer *lx)
{
    const size_t open_line = lx->in->line;
    (void)px_in_get(lx->in); /* the opening quote */
    for (;;) {
        const int c = px_in_get(lx->in);
        if (c < 0) {
            js_diag_error(lx->d, lx->path, open_line, 0,
                          "unbalanced quotes: the string opened on line %zu is not closed "
                          "before the end of the file",
                          open_line);
            lx->fatal = lx->in->err != JS_OK ? lx->in->err : JS_EDATA;
            return -1;
        }
        if (c == '"')
            return 0;
        if (c == 0) {
            lex_fail(lx, "NUL byte inside a quoted string");
            continue;
        }
        if (lx->tmp.len >= PX_STRING_MAX) {
            lex_fail(lx, "quoted string longer than 64 MiB");
            continue;
        }
        js_buf_putc(&lx->tmp, (char)c);
    }
}

/* Read "a" "b" ... (adjacent quoted strings, joined) into lx->tmp. */
static int lex_quoted_run(px_lexer *lx)
{
    js_buf_reset(&lx->tmp);
    do {
        if (lex_quoted(lx) != 0)
            return -1;
    } while (px_skip_ws(lx->in) == '"');
    return 0;
}

/* Copy lx->tmp into the arena. */
static char *lex_take(px_lexer *lx)
{
    if (lx->tmp.failed) {
        lx->fatal = JS_ENOMEM;
        return NULL;
    }
    char *const s = js_arena_strndup(&lx->h->arena, lx->tmp.data ? lx->tmp.data : "",
                                     lx->tmp.len);
    if (s == NULL)
        lx->fatal = JS_ENOMEM;
    return s;
}

static int lex_push_item(px_lexer *lx, int quoted)
{
    char *const s = lex_take(lx);
    if (s == NULL)
        return -1;
    if (js_grow((void **)&lx->items, &lx->cap_items, lx->n_items + 1, sizeof *lx->items) != 0 ||
        js_grow((void **)&lx->quoted, &lx->cap_quoted, lx->n_items + 1, 1) != 0) {
        lx->fatal = JS_ENOMEM;
        return -1;
    }
    lx->items[lx->n_items] = s;
    lx->quoted[lx->n_items] = (unsigned char)quoted;
    lx->n_items++;
    return 0;
}

/* A bare value token: up to ',' or ';' outside parentheses.  Inside
 * parentheses quotes, commas and spaces are part of the token. */
static int lex_bare(px_lexer *lx)
{
    int depth = 0;
    js_buf_reset(&lx->tmp);
    for (;;) {
        const int c = px_in_peek(lx->in);
        if (c < 0)
            return 0;
        if (depth == 0 && (c == ',' || c == ';' || px_is_space(c) || c == '"'))
            return 0;
        if (c == 0) {
            lex_fail(lx, "NUL byte in a value");
            return 0;
        }
        if (c == '(') {
            depth++;
        } else if (c == ')' && depth > 0) {
            depth--;
        } else if (c == ';') { /* inside parentheses: an unclosed TLIST( */
            lex_fail(lx, "';' inside the parentheses of a value");
            return 0;
        }
        if (lx->tmp.len >= PX_STRING_MAX) {
            lex_fail(lx, "value longer than 64 MiB");
            return 0;
        }
        js_buf_putc(&lx->tmp, (char)px_in_get(lx->in));
    }
}

/* One item of the value list, then the separator.  Returns 1 when the
 * entry ended (';' consumed), 0 to read another item, -1 on error (syntax
 * error recorded or fatal). */
static int lex_item(px_lexer *lx)
{
    int c = px_skip_ws(lx->in);
    int quoted = 0;
    if (c == '"') {
        if (lex_quoted_run(lx) != 0)
            return -1;
        quoted = 1;
        while ((c = px_skip_ws(lx->in)) == ':') { /* HIERARCHIES "parent":"child" */
            (void)px_in_get(lx->in);
            js_buf_putc(&lx->tmp, ':');
            c = px_skip_ws(lx->in);
            if (c != '"') {
                lex_fail(lx, lex_expected(lx, "a quoted string after ':'", c));
                return -1;
            }
            do {
                if (lex_quoted(lx) != 0)
                    return -1;
            } while (px_skip_ws(lx->in) == '"');
        }
    } else if (c == ',' || c == ';' || c < 0) {
        lex_fail(lx, lex_expected(lx, "a value", c));
        return -1;
    } else {
        lex_bare(lx);
        if (lx->error != NULL)
            return -1;
        c = px_skip_ws(lx->in);
    }
    if (lex_push_item(lx, quoted) != 0)
        return -1;
    if (c == ';') {
        (void)px_in_get(lx->in);
        return 1;
    }
    if (c != ',') {
        lex_fail(lx, lex_expected(lx, quoted ? "',' or ';' after a quoted string"
                                             : "',' or ';' after a value",
                                  c));
        return -1;
    }
    (void)px_in_get(lx->in);
    if (px_skip_ws(lx->in) == ';') { /* "1","2",;  -> an empty third item */
        (void)px_in_get(lx->in);
        js_buf_reset(&lx->tmp);
        lx->h->trailing_empty = 1;
        return lex_push_item(lx, 1) != 0 ? -1 : 1;
    }
    return 0;
}

/* The keyword, upper-cased, into lx->tmp.  Whitespace inside the key is
 * dropped (PxWeb): "KEYWORD ("x")" is legal. */
static int lex_keyword(px_lexer *lx)
{
    js_buf_reset(&lx->tmp);
    for (;;) {
        const int c = px_in_peek(lx->in);
        const int is_kw = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!is_kw)
            break;
        if (c >= 'a' && c <= 'z')
            lx->h->lowercase_kw = 1;
        if (lx->tmp.len >= PX_KEYWORD_MAX) {
            lex_fail(lx, "keyword longer than 128 characters");
            return -1;
        }
        js_buf_putc(&lx->tmp, (char)((c >= 'a' && c <= 'z') ? c - 32 : c));
        (void)px_in_get(lx->in);
    }
    if (lx->tmp.failed) {
        lx->fatal = JS_ENOMEM;
        return -1;
    }
    if (lx->tmp.len == 0) {
        lex_fail(lx, lex_expected(lx, "a keyword", px_in_peek(lx->in)));
        return -1;
    }
    return 0;
}

/* [lang] right after the keyword: no whitespace and no quotes inside. */
static const char *lex_lang(px_lexer *lx)
{
    (void)px_in_get(lx->in);
    js_buf_reset(&lx->tmp);
    for (;;) {
        const int c = px_in_peek(lx->in);
        if (c == ']')
            break;
        if (c < 0 || c == '"' || px_is_space(c) || c == ';' || lx->tmp.len >= PX_LANG_MAX) {
            lex_fail(lx, lex_expected(lx, "a language code and ']' (no quotes or spaces)", c));
            return NULL;
        }
        js_buf_putc(&lx->tmp, (char)px_in_get(lx->in));
    }
    (void)px_in_get(lx->in); /* ] */
    return lex_take(lx);
}

/* ("a","b") subkeys. */
static int lex_subkeys(px_lexer *lx)
{
    (void)px_in_get(lx->in); /* ( */
    for (;;) {
        int c = px_skip_ws(lx->in);
        if (c != '"') {
            lex_fail(lx, lex_expected(lx, "a quoted subkey", c));
            return -1;
        }
        if (lex_quoted_run(lx) != 0)
            return -1;
        char *const s = lex_take(lx);
        if (s == NULL ||
            js_grow((void **)&lx->subs, &lx->cap_subs, lx->n_subs + 1, sizeof *lx->subs) != 0) {
            lx->fatal = JS_ENOMEM;
            return -1;
        }
        lx->subs[lx->n_subs++] = s;
        c = px_skip_ws(lx->in);
        if (c != ',' && c != ')') {
            lex_fail(lx, lex_expected(lx, "',' or ')' after a subkey", c));
            return -1;
        }
        (void)px_in_get(lx->in);
        if (c == ')')
            return 0;
    }
}

/* Store the current entry (arrays copied into the arena). */
static int lex_store(px_lexer *lx, const char *kw, const char *lang, size_t line)
{
    px_header *const h = lx->h;
    if (js_grow((void **)&h->entries, &h->cap_entries, h->n_entries + 1, sizeof *h->entries)) {
        lx->fatal = JS_ENOMEM;
        return -1;
    }
    px_entry *const e = &h->entries[h->n_entries];
    memset(e, 0, sizeof *e);
    e->keyword = kw;
    e->lang = lang;
    e->line = line;
    e->error = lx->error;
    e->error_line = lx->error_line;
    e->n_items = lx->n_items;
    e->n_subkeys = lx->n_subs;
    e->items = js_arena_alloc(&h->arena, (lx->n_items + 1) * sizeof *e->items);
    e->quoted = js_arena_alloc(&h->arena, lx->n_items + 1);
    e->subkeys = js_arena_alloc(&h->arena, (lx->n_subs + 1) * sizeof *e->subkeys);
    if (e->items == NULL || e->quoted == NULL || e->subkeys == NULL) {
        lx->fatal = JS_ENOMEM;
        return -1;
    }
    if (lx->n_items) {
        memcpy(e->items, lx->items, lx->n_items * sizeof *e->items);
        memcpy(e->quoted, lx->quoted, lx->n_items);
    }
    if (lx->n_subs)
        memcpy(e->subkeys, lx->subs, lx->n_subs * sizeof *e->subkeys);
    h->n_entries++;
    return 0;
}

/* After a syntax error: skip to the next ';' whatever the quote state. */
static void lex_recover(px_lexer *lx)
{
    for (;;) {
        const int c = px_in_get(lx->in);
        if (c < 0 || c == ';')
            return;
    }
}

/* The part of an entry after the keyword: [lang], (subkeys), '=' and the
 * value list.  Returns 1 when this entry is DATA=, 0 otherwise; lx->error
 * is set on a syntax error, lx->fatal on a fatal one. */
static int lex_entry_rest(px_lexer *lx, const char *kw, const char **lang)
{
    int c = px_in_peek(lx->in);
    if (c == '[') {
        *lang = lex_lang(lx);
        if (*lang == NULL)
            return 0;
    }
    c = px_skip_ws(lx->in);
    if (c == '(') {
        if (lex_subkeys(lx) != 0)
            return 0;
        c = px_skip_ws(lx->in);
    }
    if (c != '=') {
        lex_fail(lx, lex_expected(lx, "'=' after the keyword", c));
        return 0;
    }
    (void)px_in_get(lx->in);
    if (strcmp(kw, "DATA") == 0)
        return 1;
    if (px_skip_ws(lx->in) == ';') { /* KEYWORD=; : an empty list */
        (void)px_in_get(lx->in);
        return 0;
    }
    while (lex_item(lx) == 0) {
    }
    return 0;
}

/* Skip a UTF-8 byte order mark at the very start. */
static void lex_bom(px_lexer *lx)
{
    px_in *const in = lx->in;
    if (px_in_peek(in) != 0xEF)
        return;
    if (in->len - in->pos >= 3 && in->buf[in->pos + 1] == 0xBB && in->buf[in->pos + 2] == 0xBF) {
        in->pos += 3;
        in->line_start = 3; /* columns count characters after the mark */
        lx->h->had_bom = 1;
    }
}

static js_status lex_finish(px_lexer *lx, js_status st)
{
    js_buf_fini(&lx->tmp);
    js_free(lx->items);
    js_free(lx->quoted);
    js_free(lx->subs);
    return st;
}

js_status px_lex_header(px_in *in, px_header *h, const char *path, js_diag *d)
{
    px_lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.in = in;
    lx.h = h;
    lx.path = path;
    lx.d = d;
    js_buf_init(&lx.tmp);
    lex_bom(&lx);
    for (;;) {
        const int c = px_skip_ws(in);
        if (c < 0)
            return lex_finish(&lx, in->err);
        const size_t line = in->line;
        lx.error = NULL;
        lx.n_items = lx.n_subs = 0;
        const char *kw = "?";
        const char *lang = NULL;
        int is_data = 0;
        if (lex_keyword(&lx) == 0) {
            kw = lex_take(&lx);
            if (kw == NULL)
                return lex_finish(&lx, JS_ENOMEM);
            is_data = lex_entry_rest(&lx, kw, &lang);
        }
        if (lx.fatal != JS_OK)
            return lex_finish(&lx, lx.fatal);
        if (lx.error != NULL)
            lex_recover(&lx);
        if (lex_store(&lx, kw, lang, line) != 0)
            return lex_finish(&lx, lx.fatal);
        if (is_data && lx.error == NULL) {
            h->found_data = 1;
            h->data_line = line;
            return lex_finish(&lx, JS_OK);
        }
    }
}

/* ---- DATA tokens --------------------------------------------------------- */

static js_status px_tok_bad(const px_tok *t, int c, const char *path, js_diag *d)
{
    js_diag_error(d, path, t->line, t->col, "DATA: %s in a data token",
                  c == 0 ? "NUL byte" : "more than 1024 bytes");
    return JS_EDATA;
}

/* The rest of a bare token (its first byte is in t->text).  This is the
 * loop that runs for nearly every byte of a big DATA block, so it scans the
 * buffer directly instead of going through px_in_peek/px_in_get per byte; a
 * bare token holds no line break, so no line counting is needed. */
static js_status px_data_bare(px_in *in, px_tok *t, const char *path, js_diag *d)
{
    for (;;) {
        if (in->pos == in->len && px_in_fill(in) != 0)
            break;
        const unsigned char *const buf = in->buf;
        const size_t end = in->len;
        size_t p = in->pos;
        while (p < end) {
            const int c = buf[p];
            if (c == ',' || c == ';' || c == '"' || px_is_space(c))
                break;
            if (c == 0 || t->len >= PX_TOK_MAX) {
                in->pos = p;
                return px_tok_bad(t, c, path, d);
            }
            t->text[t->len++] = (char)c;
            p++;
        }
        in->pos = p;
        if (p < end)
            break;
    }
    t->text[t->len] = '\0';
    return in->err;
}

js_status px_data_next(px_in *in, px_tok *t, const char *path, js_diag *d)
{
    int c;
    t->comma_before = 0;
    for (;;) {
        c = px_in_peek(in);
        if (c == ',')
            t->comma_before = 1;
        else if (c < 0 || !px_is_space(c))
            break;
        (void)px_in_get(in);
    }
    t->line = in->line;
    t->col = px_in_col(in);
    t->len = 0;
    t->text[0] = '\0';
    if (c < 0) {
        t->kind = PX_TOK_EOF;
        return in->err;
    }
    (void)px_in_get(in);
    if (c == ';') {
        t->kind = PX_TOK_END;
        return JS_OK;
    }
    t->kind = c == '"' ? PX_TOK_QUOTED : PX_TOK_BARE;
    if (c != '"') {
        t->text[t->len++] = (char)c;
        if (c == 0)
            return px_tok_bad(t, 0, path, d);
        return px_data_bare(in, t, path, d);
    }
    for (;;) {
        c = px_in_peek(in);
        if (c < 0 || c == '\n') {
            js_diag_error(d, path, t->line, t->col,
                          "DATA: unbalanced quotes: a quoted data token is not closed on "
                          "its line");
            return JS_EDATA;
        }
        (void)px_in_get(in);
        if (c == '"')
            break;
        if (c == 0 || t->len >= PX_TOK_MAX)
            return px_tok_bad(t, c, path, d);
        t->text[t->len++] = (char)c;
    }
    t->text[t->len] = '\0';
    return in->err;
}

/* Exact powers of ten: every 10^k for k <= 22 is a double without rounding. */
static const double px_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

int px_parse_number(const char *s, double *v, int *sci)
{
    const char *p = s;
    size_t digits = 0, frac = 0;
    uint64_t m = 0; /* the digits as an integer, while there are at most 15 */
    *sci = 0;
    if (*p == '-' || *p == '+')
        p++;
    while (*p >= '0' && *p <= '9') {
        m = m * 10 + (uint64_t)(*p - '0');
        p++;
        digits++;
        if (digits > 15)
            m = 0; /* no longer exact: strtod below */
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            m = m * 10 + (uint64_t)(*p - '0');
            p++;
            digits++;
            frac++;
            if (digits > 15)
                m = 0;
        }
    }
    if (digits == 0)
        return 0;
    /* Fast path (Clinger): with at most 15 digits the mantissa is an exact
     * double (< 2^53), and so is 10^frac for frac <= 22, so one IEEE
     * division is correctly rounded - the same double strtod returns.  Most
     * PX data are short integers; strtod was a third of the read time. */
    if (*p == '\0' && digits <= 15 && frac < sizeof px_pow10 / sizeof *px_pow10) {
        const double x = frac ? (double)m / px_pow10[frac] : (double)m;
        *v = *s == '-' ? -x : x;
        return 1;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
        *sci = 1;
    }
    if (*p != '\0')
        return 0;
    *v = strtod(s, NULL);
    return isfinite(*v); /* "1e400" is out of range, not infinity */
}
