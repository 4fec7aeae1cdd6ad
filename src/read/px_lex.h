/*
 * px_lex.h - the PC-Axis tokeniser (internal to read_px.c).
 *
 * Two sub-grammars, each with its own entry point so that they can be
 * tested and fuzzed alone:
 *
 *   px_lex_header  the entries before DATA=, each
 *                  KEYWORD[lang]("sub1","sub2")=item,item,...;
 *                  collected into a px_header (strings still in the file's
 *                  bytes: conversion to UTF-8 happens in read_px.c once the
 *                  encoding is known);
 *   px_data_next   one token of the DATA part: a number, a quoted string,
 *                  a bare symbol (dots, "-"), or the closing ';'.
 *
 * Both pull bytes through px_in, a small buffer over js_source, so a file of
 * any size is read in 64 KiB chunks and never held whole.
 */
#ifndef JAMSTAT_READ_PX_LEX_H
#define JAMSTAT_READ_PX_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "jamstat/diag.h"
#include "jamstat/read.h"
#include "jamstat/source.h"

/* ---- Input: a pull buffer over a js_source ----------------------------- */

enum { PX_IN_CHUNK = 64 * 1024 };

typedef struct px_in {
    js_source *src;
    unsigned char *buf; /* PX_IN_CHUNK bytes (js_malloc) */
    size_t pos;         /* next byte in buf */
    size_t len;         /* bytes valid in buf */
    size_t line;        /* 1-based line of the next byte */
    uint64_t base;      /* offset in the source of buf[0] */
    uint64_t line_start; /* offset in the source where the current line starts */
    int eof;            /* the source is exhausted */
    js_status err;      /* JS_EIO when a read failed */
} px_in;

/* Start reading src.  JS_ENOMEM if the buffer cannot be allocated. */
js_status px_in_init(px_in *in, js_source *src);
void px_in_fini(px_in *in);
/* Refill the buffer; 0 when bytes are available, -1 at the end or on error. */
int px_in_fill(px_in *in);

/* The next byte without consuming it; -1 at the end. */
static inline int px_in_peek(px_in *in)
{
    if (in->pos == in->len && px_in_fill(in) != 0)
        return -1;
    return in->buf[in->pos];
}

/* Consume and return the next byte (counting lines); -1 at the end. */
static inline int px_in_get(px_in *in)
{
    if (in->pos == in->len && px_in_fill(in) != 0)
        return -1;
    const int c = in->buf[in->pos++];
    if (c == '\n') {
        in->line++;
        in->line_start = in->base + in->pos;
    }
    return c;
}

/* The 1-based byte column of the next byte, for messages. */
static inline size_t px_in_col(const px_in *in)
{
    return (size_t)(in->base + in->pos - in->line_start) + 1;
}

/* ---- Header entries ------------------------------------------------------ */

typedef struct px_entry {
    const char *keyword; /* upper-cased ASCII, e.g. "VALUES" */
    const char *lang;    /* "sv" from VALUES[sv], NULL without brackets */
    char **subkeys;      /* raw bytes of each quoted subkey */
    size_t n_subkeys;
    char **items;        /* raw bytes of each value item (quoted runs joined) */
    unsigned char *quoted; /* quoted[i]: item i was a quoted string */
    size_t n_items;
    size_t line;         /* line of the keyword */
    const char *error;   /* syntax error (the entry was skipped to ';'), NULL if clean */
    size_t error_line;   /* line where the error was seen */
    size_t used;         /* set by the interpreter: the entry was consumed */
} px_entry;

typedef struct px_header {
    px_entry *entries;   /* in file order */
    size_t n_entries;
    size_t cap_entries;
    js_arena arena;      /* every string and array of the entries */
    int had_bom;         /* the file started with EF BB BF (dropped) */
    int found_data;      /* DATA= was reached; the input is positioned after '=' */
    size_t data_line;    /* line of DATA= */
    int lowercase_kw;    /* some keyword was not upper case */
    int trailing_empty;  /* some list ended with ",;" (an empty last item) */
} px_header;

void px_header_init(px_header *h);
void px_header_fini(px_header *h);

/* Read entries up to and including "DATA=" (or the end of input).
 * Syntax errors inside one entry are recorded in that entry (->error) and
 * lexing resumes after the next ';', as PxWeb does; whether such an error
 * is fatal depends on the keyword and is decided by the caller.  A string
 * still open at the end of input is fatal: JS_EDATA, reported into d.
 * JS_ENOMEM / JS_EIO as usual. */
js_status px_lex_header(px_in *in, px_header *h, const char *path, js_diag *d);

/* ---- DATA tokens --------------------------------------------------------- */

enum { PX_TOK_MAX = 1024 }; /* longest data token (bytes): keys are value texts */

typedef enum px_tok_kind {
    PX_TOK_BARE = 0,   /* unquoted token: a number, dots, "-", or garbage */
    PX_TOK_QUOTED = 1, /* "..." : a symbol, or a KEYS key */
    PX_TOK_END = 2,    /* the ';' that ends DATA */
    PX_TOK_EOF = 3     /* end of input before ';' */
} px_tok_kind;

typedef struct px_tok {
    px_tok_kind kind;
    char text[PX_TOK_MAX + 1]; /* NUL-terminated token text (without quotes) */
    size_t len;
    size_t line;          /* line where the token starts */
    size_t col;           /* its 1-based byte column */
    int comma_before;     /* a ',' separated it from the previous token */
} px_tok;

/* Next DATA token.  Separators: space, tab, CR, LF, and ','.  JS_EDATA
 * (reported with line) for a token longer than PX_TOK_MAX, a NUL byte or an
 * unterminated quote; JS_EIO on read errors. */
js_status px_data_next(px_in *in, px_tok *t, const char *path, js_diag *d);

/* Parse a PX data number: -?digits[.digits][(e|E)[+-]digits] (also ".5").
 * Returns 1 and sets *v on success; *sci = 1 if it had an exponent.  0 if
 * the text is not a number. */
int px_parse_number(const char *s, double *v, int *sci);

/* ---- The streaming variable (read_px.c, for src/run/describe.c) --------- */

/* When src is PX (o->format, else the same detection as js_read), the
 * dimension name js_read_px gives its first variable, the one the file can
 * be streamed by (opts->partition): *name is js_malloc'ed (caller frees with
 * js_free).  Only the header is read.  *name = NULL when src is not PX.
 * Errors of the header as js_read_px reports them. */
js_status px_stream_variable(js_source *src, const js_read_opts *o, char **name, js_diag *d);

#endif
