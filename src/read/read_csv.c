/*
 * read_csv.c - CSV as statistical offices write it, into a cube.
 *
 * Supported (FORMATS.md §4): PxWeb "comma/semicolon/tab delimited, with or
 * without heading" exports, tidy long files and Kolada-style files.
 *   - Encoding: UTF-8 with or without BOM, else Windows-1252 (decided on the
 *     first block; a later field that is not valid UTF-8 is converted from
 *     Windows-1252 with iconv).
 *   - Delimiter sniffed on the header line: ';', TAB, ',', in that order.
 *   - An optional title line (one quoted field) before the header.
 *   - Wide layout: trailing header fields that are periods ("2015") or
 *     period + value ("2006 Kvinnor") become a time dimension (and a second
 *     heading dimension); the leading fields are stub dimensions.
 *   - Long layout: the last column (or the one named by opts->measure) is
 *     the measure; every other column is a dimension.  A column pair such as
 *     region_code + region becomes one dimension with codes and labels.
 *   - "01 Stockholm county" in a region or other dimension is split into
 *     code "01" and label "Stockholm county".
 *   - Cells: numbers with '.' (or decimal comma when the delimiter is not
 *     ','), spaces inside digits as grouping; data symbols ("..", ".", "-",
 *     "..C", ":", "x", empty) are kept as status, never as numbers.
 *   - Skolverket's exports (opts skip, header_rows = 2, drop, suppressed):
 *     a title block, a group row (Flickor/Pojkar) over the column names,
 *     "~100" (a value with a flag), notes after a blank line.
 * Deliberately not supported: files without a header line; more than two
 * header rows; heading labels that need PX metadata to split.
 *
 * Parsing is libcsv's (strict mode).  The input is fed to libcsv one line at
 * a time so that every message can name its line.
 *
 * Example: the PxWeb export
 *     "region","sex","2014","2015"
 *     "01 Stockholm county","men",195,..
 * gives a cube region(01) × sex(men) × year(2014, 2015) with one value and
 * one missing cell whose symbol is "..".
 */
#include "jamstat/read.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "jamstat/harmonise.h"
#include "read/read_util.h"

enum { CSV_CHUNK = 1 << 16, CSV_MAX_COLS = 4096, CSV_DIMS_MAX = 30 };

/* Limits on what one input line may make us hold (README: "What jamstat
 * promises about bad input"): a line (or a record whose quoted field spans
 * lines) of at most CSV_MAX_LINE bytes, a field of at most CSV_MAX_FIELD.
 * Without them `file = /dev/zero` grew the carried line until memory ran
 * out; real exports have lines of a few KiB. */
enum { CSV_MAX_LINE = 1 << 20, CSV_MAX_FIELD = 1 << 16 };

/* What a column of the file becomes. */
typedef enum csv_col_kind {
    COL_DIM = 0,   /* a dimension (stub column, or any non-measure column of a long file) */
    COL_LABEL,     /* the label of the dimension of column .pair (region beside region_code) */
    COL_VALUE,     /* a measure column: wide value column or the long measure */
    COL_SKIP
} csv_col_kind;

typedef struct csv_col {
    csv_col_kind kind;
    size_t dim;      /* COL_DIM: cube dimension; COL_VALUE (wide): time category */
    size_t pair;     /* COL_DIM with a label column: that column; COL_LABEL: the code column */
    size_t head_cat; /* COL_VALUE (wide, combined heading): category of the second heading dim */
    int split;       /* COL_DIM: split "01 Stockholm" into code and label; -1 = undecided */
} csv_col;

/* A few recent texts of a column and their categories: in long files most
 * rows repeat the row before, or alternate between a handful of values
 * (sex, background), so most fields need no hash lookup at all. */
enum { CSV_MEMO = 4, CSV_MEMO_TEXT = 24 };
typedef struct csv_memo {
    struct {
        char text[CSV_MEMO_TEXT];
        size_t len; /* 0 = empty */
        size_t cat;
    } e[CSV_MEMO];
    unsigned next; /* round-robin replacement */
} csv_memo;

/* Every buffer a field can live in (the block, the carried line, libcsv's
 * fields, the memo's copies) has CSV_SLACK readable bytes after its end, so
 * that short texts compare with whole-word loads. */
enum { CSV_SLACK = 16 };

/* Byte-equal for short strings, without a library call: one or two 8-byte
 * loads on little-endian machines (both sides readable CSV_SLACK past n). */
static inline int csv_same(const char *a, const char *b, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n <= 16) {
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (n <= 8)
            return ((x ^ y) & (n == 8 ? ~0ULL : (1ULL << (8 * n)) - 1)) == 0;
        if (x != y)
            return 0;
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
#endif
    return memcmp(a, b, n) == 0;
}

/* Keep CSV_SLACK spare bytes after b's text. */
static int csv_slack(js_buf *b)
{
    return js_grow((void **)&b->data, &b->cap, b->len + 1 + CSV_SLACK, 1);
}

static int csv_memo_find(const csv_memo *m, const char *text, size_t len, size_t *cat)
{
    for (unsigned i = 0; i < CSV_MEMO; i++)
        if (m->e[i].len == len && len > 0 && csv_same(m->e[i].text, text, len)) {
            *cat = m->e[i].cat;
            return 1;
        }
    return 0;
}

static void csv_memo_put(csv_memo *m, const char *text, size_t len, size_t cat)
{
    if (len == 0 || len >= CSV_MEMO_TEXT)
        return;
    memcpy(m->e[m->next].text, text, len);
    m->e[m->next].len = len;
    m->e[m->next].cat = cat;
    m->next = (m->next + 1) % CSV_MEMO;
}

static void csv_memo_clear(csv_memo *m)
{
    memset(m, 0, sizeof *m);
}

/* Per column: the text each category had when it was first seen, and what
 * followed each category last time.  Long files repeat their order (the
 * same areas for every age, sex and year), so the text after category k is
 * usually what came after k before: one comparison instead of a hash
 * lookup, and moving on is one assignment. */
typedef struct csv_next {
    struct {
        char text[CSV_MEMO_TEXT];
        uint32_t len;   /* 0 = no text kept (not seen yet, or too long) */
        uint32_t after; /* the category that followed last time; UINT32_MAX = none */
    } *e; /* indexed by category */
    size_t cap;
    size_t prev; /* the column's category in the row before; SIZE_MAX = none */
} csv_next;

/* Is text[0..len) category k's text? */
static inline int csv_next_is(const csv_next *n, size_t k, const char *text, size_t len)
{
    return k < n->cap && n->e[k].len == len && csv_same(n->e[k].text, text, len);
}

static inline int csv_next_find(csv_next *n, const char *text, size_t len, size_t *cat)
{
    if (len - 1 >= CSV_MEMO_TEXT - 1 || n->prev >= n->cap) /* empty, long, or no row before */
        return 0;
    const size_t after = n->e[n->prev].after;
    if (csv_next_is(n, after, text, len)) {
        *cat = n->prev = after;
        return 1;
    }
    if (csv_next_is(n, n->prev, text, len)) {
        *cat = n->prev; /* the same as the row before */
        return 1;
    }
    return 0;
}

/* Learn that text (category cat) came after the row before's category. */
static void csv_next_put(csv_next *n, const char *text, size_t len, size_t cat)
{
    const size_t need = (n->prev != SIZE_MAX && n->prev > cat ? n->prev : cat) + 1;
    if (need > n->cap) {
        const size_t old = n->cap;
        if (cat >= UINT32_MAX || js_grow((void **)&n->e, &n->cap, need, sizeof *n->e) != 0) {
            n->prev = SIZE_MAX;
            return; /* only a cache: going without it is fine */
        }
        memset(n->e + old, 0, (n->cap - old) * sizeof *n->e);
        for (size_t k = old; k < n->cap; k++)
            n->e[k].after = UINT32_MAX;
    }
    if (n->e[cat].len == 0 && len > 0 && len < CSV_MEMO_TEXT) {
        memcpy(n->e[cat].text, text, len);
        n->e[cat].len = (uint32_t)len;
    }
    if (n->prev != SIZE_MAX && n->prev != cat) /* a repeat says nothing about what comes after */
        n->e[n->prev].after = (uint32_t)cat;
    n->prev = cat;
}

static void csv_next_clear(csv_next *n)
{
    for (size_t k = 0; k < n->cap; k++) {
        n->e[k].len = 0;
        n->e[k].after = UINT32_MAX;
    }
    n->prev = SIZE_MAX;
}

typedef struct csv_reader {
    const char *path;
    const js_read_opts *opts;
    js_diag *diag;
    js_cube *cube;
    struct csv_parser parser;
    /* encoding */
    int utf8;         /* 1: the file is UTF-8; 0: Windows-1252 */
    int enc_seen;     /* encoding of the lines with bytes >= 0x80: 0 none yet, CSV_ENC_* */
    js_conv to_utf8;  /* Windows-1252 → UTF-8 */
    size_t enc_line;  /* the first line with a byte >= 0x80 */
    js_buf conv;      /* conversion scratch */
    char delim;
    /* the current row */
    js_buf fields;    /* libcsv path: the row's fields, each NUL-terminated, back to back */
    size_t *offs;     /* libcsv path: start of field i in fields */
    size_t n_fields, cap_offs;
    const char **fv;  /* the current row's fields (into fields, or into the line), */
                      /* room for CSV_MAX_COLS + 1 */
    size_t *fl;       /* their lengths */
    int in_csv;       /* libcsv holds an unfinished record (a quoted field spans lines) */
    js_buf carry;     /* a line cut by the end of a block */
    js_buf scratch;   /* C-string copies of the current row's fields, for the rare paths */
    csv_memo *memo;   /* per column: recent texts and their categories */
    size_t *dim_cols, n_dim_cols;     /* the COL_DIM columns, in order */
    size_t *dim_of;                   /* the cube dimension of dim_cols[i] */
    size_t *first_dim_from;           /* [k]: the first i with dim_cols[i] >= k (k <= n_cols) */
    size_t *value_cols, n_value_cols; /* the COL_VALUE columns, in order */
    csv_next *next;   /* per column: what followed each category */
    size_t line;      /* line being fed to libcsv (1-based) */
    size_t rec_bytes; /* bytes of the record libcsv holds (a quoted field spans lines) */
    size_t row_len;   /* bytes of the row handed to csv_row (its fields and delimiters) */
    const char *raw;  /* the line being read, as in the file (for columns in messages) */
    size_t raw_len;
    size_t row_line;  /* line where the current row started */
    size_t rows;      /* rows seen, header and title included */
    /* layout */
    int have_header;
    size_t n_cols;
    csv_col *cols;
    int wide;
    int pending;               /* a long header waits for the first data row (csv_header_resume) */
    js_buf head;               /* pending: the header's names, each NUL-terminated */
    size_t head_line;          /* pending: the header's line */
    size_t time_dim, head_dim; /* wide: the heading dimensions (head_dim = SIZE_MAX if none) */
    size_t measure_col;        /* long: the measure column */
    char *title;               /* from a title line */
    char *group;               /* header_rows = 2: the group row's texts, NUL-separated */
    size_t *group_at, group_n; /* where each starts in group, and how many */
    int ended;                 /* header_rows = 2: a blank line after the data ended the table */
    size_t ci_col[2];          /* long: the ci_low and ci_high columns, SIZE_MAX if none */
    js_buf cis;                /* staged intervals: csv_ci records, placed after the commit */
    js_status status;          /* first failure; parsing stops after it */
    size_t n_cells;            /* cells staged in the current cube */
    /* streaming by partition (opts->partition) */
    size_t part_col;           /* the partition column, SIZE_MAX when not streaming */
    js_buf part_key;           /* its value in the current partition */
    int direct;                /* cells are placed straight into the dense array */
    size_t stride[CSV_DIMS_MAX + 2]; /* direct mode: the cube's row-major strides */
    size_t ndims;              /* direct mode: the cube's dimensions */
    uint8_t *given;            /* direct mode: a bit per cell already given */
    js_buf done_keys;          /* values already handed over, each NUL-terminated */
    size_t n_parts;
    /* Prefix reuse: a long file's rows share their leading fields with the
     * row before (the same year, area and sex for many rows), so a plain
     * line is first compared with the plain line before it, and the fields
     * of the common prefix keep their categories in idx. */
    const char *prev_line;     /* the row before, still in its buffer; NULL: none to compare */
    size_t prev_len, prev_n;   /* its length and number of fields (in fv, fl) */
    size_t kept;               /* leading fields of this row equal to the row before's */
    unsigned prev_saw;         /* the row before's CSV_SAW_* bits */
    int trim;                  /* a field of this row may have spaces to trim (else none has) */
    size_t idx[CSV_DIMS_MAX + 2]; /* this row's categories; the kept ones are the row before's */
} csv_reader;

/* ---- small helpers -------------------------------------------------------- */


/* s[0..n) without spaces (and NBSP) at either end: the start, and the
 * length in *len.  Nothing is written: the line stays as it was read. */
static const char *csv_trim(const char *s, size_t n, size_t *len)
{
    while (n > 0 && (*s == ' ' || *s == '\t' ||
                     (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0))) {
        const size_t k = (*s == ' ' || *s == '\t') ? 1 : 2;
        s += k;
        n -= k;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)
        n -= 2;
    *len = n;
    return s;
}

static js_status csv_leave_direct(csv_reader *r);

static void csv_fail(csv_reader *r, js_status st)
{
    if (r->status == JS_OK)
        r->status = st;
}

/* A row with more fields than fv has room for (either path). */
static void csv_too_many_columns(csv_reader *r)
{
    js_diag_error(r->diag, r->path, r->line, 0, "expected at most %d columns, found more",
                  CSV_MAX_COLS);
    csv_fail(r, JS_EDATA);
}

/* The 1-based byte column where field i of the current row starts in its
 * line, for messages; 0 when the row began on an earlier line (a quoted
 * field with a line break).  Walks the raw line, quotes included: only
 * called on the way to an error. */
static size_t csv_col_of(const csv_reader *r, size_t i)
{
    if (r->raw == NULL || r->row_line != r->line)
        return 0;
    size_t at = 0, field = 0;
    int quoted = 0;
    for (; at < r->raw_len && field < i; at++) {
        if (r->raw[at] == '"')
            quoted = !quoted;
        else if (r->raw[at] == r->delim && !quoted)
            field++;
    }
    return field == i ? at + 1 : 0;
}

/* What a line with bytes >= 0x80 is written in, when no encoding is given:
 * the first such line decides, and a later line of the other kind is an
 * error - a file whose lines mix Latin-1 "Ume\xe5" and UTF-8 "G\xc3\xa4vle"
 * cannot be decoded right either way (it gave mojibake with exit 0). */
enum { CSV_ENC_UTF8 = 1, CSV_ENC_8BIT = 2 };

static int csv_line_encoding(csv_reader *r, const char *p, size_t len)
{
    if (r->opts->encoding != NULL)
        return 0; /* the user said what it is */
    size_t i = 0;
    while (i < len && (unsigned char)p[i] < 0x80)
        i++;
    if (i == len)
        return 0; /* ASCII: either encoding */
    const size_t good = js_utf8_prefix(p, len, 0);
    const int kind = good == len ? CSV_ENC_UTF8 : CSV_ENC_8BIT;
    if (r->enc_seen == 0) {
        r->enc_seen = kind;
        r->enc_line = r->line;
        return 0;
    }
    if (kind == r->enc_seen)
        return 0;
    if (kind == CSV_ENC_8BIT)
        js_diag_error(r->diag, r->path, r->line, good + 1,
                      "expected UTF-8 (as on line %zu), found byte 0x%02X, which is not UTF-8: "
                      "the lines mix encodings (convert the file to one, or name it: --encoding)",
                      r->enc_line, (unsigned)(unsigned char)p[good]);
    else
        js_diag_error(r->diag, r->path, r->line, i + 1,
                      "expected Windows-1252 (as on line %zu, which is not UTF-8), found UTF-8: "
                      "the lines mix encodings (convert the file to one, or name it: --encoding)",
                      r->enc_line);
    csv_fail(r, JS_EDATA);
    return 1;
}

static void csv_too_long(csv_reader *r, size_t line, const char *what)
{
    js_diag_error(r->diag, r->path, line, 0, "expected %s of at most %d bytes, found a longer one",
                  what, CSV_MAX_LINE);
    csv_fail(r, JS_EDATA);
}

/* ---- libcsv callbacks: collect a row ------------------------------------ */

static void *csv_realloc_cb(void *p, size_t n)
{
    return js_reallocarray(p, n, 1);
}

static void csv_field_cb(void *s, size_t len, void *data)
{
    csv_reader *const r = data;
    if (r->status != JS_OK)
        return;
    if (r->n_fields == CSV_MAX_COLS) {
        csv_too_many_columns(r);
        return;
    }
    if (js_grow((void **)&r->offs, &r->cap_offs, r->n_fields + 1, sizeof *r->offs) != 0) {
        csv_fail(r, JS_ENOMEM);
        return;
    }
    if (r->n_fields == 0)
        js_buf_reset(&r->fields);
    r->offs[r->n_fields++] = r->fields.len;
    const char *const text = s ? s : "";
    if (!r->utf8 || !js_utf8_valid(text, len, 0))
        js_conv_append(&r->to_utf8, text, len, &r->fields);
    else
        js_buf_append(&r->fields, text, len);
    js_buf_putc(&r->fields, '\0');
    if (r->fields.failed || csv_slack(&r->fields) != 0)
        csv_fail(r, JS_ENOMEM);
}

static void csv_row(csv_reader *r);

/* Bytes that can begin or end a run csv_trim removes (space, TAB, CR, and
 * the two bytes of NBSP). */
static const unsigned char csv_edge_byte[256] = {
    ['\t'] = 1, ['\r'] = 1, [' '] = 1, [0xA0] = 1, [0xC2] = 1};

static inline int csv_edge(unsigned char c)
{
    return csv_edge_byte[c];
}

/* Field i of the current row, trimmed of spaces; *len its length.  The
 * text is not NUL-terminated (a plain line is read where it lies): use
 * csv_cstr where a C string is needed. */
static inline const char *csv_get(const csv_reader *r, size_t i, size_t *len)
{
    const char *const s = r->fv[i];
    const size_t n = r->fl[i];
    if (r->trim && n > 0 && (csv_edge((unsigned char)s[0]) || csv_edge((unsigned char)s[n - 1])))
        return csv_trim(s, n, len); /* rare: the careful way */
    *len = n;
    return s;
}

/* A copy of text[0..len) as a C string at the end of r->scratch; its offset
 * there (the buffer may move as it grows), or SIZE_MAX when out of memory. */
static size_t csv_cstr(csv_reader *r, const char *text, size_t len)
{
    const size_t at = r->scratch.len;
    js_buf_append(&r->scratch, text, len);
    js_buf_putc(&r->scratch, '\0');
    if (r->scratch.failed || csv_slack(&r->scratch) != 0)
        return SIZE_MAX;
    return at;
}

static void csv_row_cb(int terminator, void *data)
{
    csv_reader *const r = data;
    (void)terminator;
    r->in_csv = 0;
    r->trim = 1;
    r->rec_bytes = 0;
    for (size_t i = 0; r->status == JS_OK && i < r->n_fields; i++) {
        r->fv[i] = r->fields.data + r->offs[i];
        r->fl[i] = strlen(r->fv[i]);
    }
    r->row_len = r->fields.len;
    if (r->status == JS_OK)
        csv_row(r);
    r->n_fields = 0;
    r->row_line = r->line + 1;
}

/* ---- the header ----------------------------------------------------------- */

/* Is a header label a heading combination?  0: no; 1: a period ("2015");
 * 2: a period and a value ("2006 Kvinnor"), *rest = the value. */
static int csv_heading_kind(const char *label, const char **rest)
{
    int year, sub;
    char kind;
    if (js_harm_time(label, &year, &sub, &kind))
        return 1;
    const char *const space = strchr(label, ' ');
    if (space == NULL || space - label > 16)
        return 0;
    char first[17];
    memcpy(first, label, (size_t)(space - label));
    first[space - label] = '\0';
    if (!js_harm_time(first, &year, &sub, &kind) || space[1] == '\0')
        return 0;
    *rest = space + 1;
    return 2;
}

static js_role csv_role_for(const csv_reader *r, const char *name)
{
    for (size_t i = 0; i < r->opts->n_roles; i++)
        if (strcasecmp(r->opts->roles[i].dim, name) == 0)
            return r->opts->roles[i].role;
    return js_harm_role_from_name(name);
}

/* If name is base + a code suffix ("region_code", "Kommun_kod"), the
 * length of base; else 0. */
static size_t csv_code_base(const char *name)
{
    static const char *const suffixes[] = {"_code", "_kod", " code", " kod", "-code", "-kod", "kod", "_id", NULL};
    const size_t n = strlen(name);
    for (const char *const *s = suffixes; *s; s++) {
        const size_t k = strlen(*s);
        if (n > k && strcasecmp(name + n - k, *s) == 0)
            return n - k;
    }
    return 0;
}

/* Find label columns for code columns: "region_code" + "region" (or
 * "region_name"/"region_namn") become one dimension. */
static void csv_pair_columns(csv_reader *r, char **names)
{
    static const char *const name_suffixes[] = {"", "_name", "_namn", " name", "namn", NULL};
    for (size_t i = 0; i < r->n_cols; i++) {
        const size_t base = csv_code_base(names[i]);
        if (base == 0 || r->cols[i].kind != COL_DIM)
            continue;
        for (size_t j = 0; j < r->n_cols; j++) {
            if (j == i || r->cols[j].kind != COL_DIM)
                continue;
            for (const char *const *s = name_suffixes; *s; s++) {
                if (strlen(names[j]) == base + strlen(*s) && strncasecmp(names[j], names[i], base) == 0 &&
                    strcasecmp(names[j] + base, *s) == 0) {
                    r->cols[i].pair = j;
                    r->cols[j].kind = COL_LABEL;
                    r->cols[j].pair = i;
                    break;
                }
            }
        }
    }
}

/* The first column of the trailing run of heading labels, or n if none. */
static size_t csv_heading_start(char **names, size_t n, int *combined)
{
    size_t k = n;
    int kind0 = 0;
    while (k > 1) {
        const char *rest;
        const int kind = csv_heading_kind(names[k - 1], &rest);
        if (kind == 0 || (kind0 != 0 && kind != kind0))
            break;
        kind0 = kind;
        k--;
    }
    *combined = kind0 == 2;
    return k;
}

static js_status csv_add_heading_dims(csv_reader *r, char *const *names, size_t n, size_t start,
                                      int combined)
{
    int all_years = 1, all_sex = 1;
    for (size_t i = start; i < n; i++) {
        const char *rest = NULL;
        char first[64];
        (void)snprintf(first, sizeof first, "%s", names[i]);
        if (csv_heading_kind(names[i], &rest) == 2)
            first[rest - names[i] - 1] = '\0';
        int y, sub;
        char kind;
        (void)js_harm_time(first, &y, &sub, &kind);
        all_years &= kind == 'Y';
        if (rest != NULL)
            all_sex &= js_harm_sex(rest) != JS_SEX_NONE;
    }
    const char *const time_name = all_years ? "year" : "period";
    const char *const head_name = all_sex ? "sex" : "column";
    const char *const taken = js_cube_dim_named(r->cube, time_name) != SIZE_MAX ? time_name
                              : combined && js_cube_dim_named(r->cube, head_name) != SIZE_MAX ? head_name
                                                                                          : NULL;
    if (taken != NULL) { /* "year,region,2019,2020": two dimensions would be year */
        js_diag_error(r->diag, r->path, r->row_line, 0, "the columns from \"%s\" on are read as a "
                      "dimension \"%s\" (a wide table), but a column is named \"%s\" too: rename "
                      "that column, or give the table in long form", names[start], taken, taken);
        return JS_EDATA;
    }
    js_status st = js_cube_add_dim(r->cube, time_name, NULL, JS_ROLE_TIME, &r->time_dim);
    r->head_dim = SIZE_MAX;
    if (st == JS_OK && combined)
        st = js_cube_add_dim(r->cube, head_name, NULL, all_sex ? JS_ROLE_SEX : JS_ROLE_OTHER,
                             &r->head_dim);
    for (size_t i = start; st == JS_OK && i < n; i++) {
        const char *rest = NULL;
        char first[64];
        (void)snprintf(first, sizeof first, "%s", names[i]);
        if (csv_heading_kind(names[i], &rest) == 2)
            first[rest - names[i] - 1] = '\0';
        r->cols[i].kind = COL_VALUE;
        st = js_cube_add_category(r->cube, r->time_dim, first, NULL, &r->cols[i].dim);
        if (st == JS_OK && combined)
            st = js_cube_add_category(r->cube, r->head_dim, rest, NULL, &r->cols[i].head_cat);
    }
    return st;
}

/* Every header name must be there and differ from the others (case
 * folded, as a measure or partition name is looked up): an empty name
 * gives a dimension no one can name in an analysis file, and of two
 * columns named alike one would shadow the other. */
static int csv_header_names_bad(csv_reader *r, char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (names[i][0] == '\0') {
            js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, i),
                          "column %zu: expected a name in the header, found an empty field", i + 1);
            csv_fail(r, JS_EDATA);
            return 1;
        }
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(names[i], names[j]) == 0) {
                js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, i),
                              "column %zu: expected a name of its own, found \"%s\" again "
                              "(column %zu)", i + 1, names[i], j + 1);
                csv_fail(r, JS_EDATA);
                return 1;
            }
    }
    return 0;
}

/* header_rows = 2: keep the group row ("Flickor;Flickor;...;Pojkar") for
 * the row of names under it. */
static void csv_group_row(csv_reader *r)
{
    size_t total = 0;
    for (size_t i = 0; i < r->n_fields; i++) {
        size_t len;
        (void)csv_get(r, i, &len);
        total += len + 1;
    }
    r->group = js_malloc(total + 1);
    r->group_at = js_calloc(r->n_fields + 1, sizeof *r->group_at);
    if (r->group == NULL || r->group_at == NULL) {
        csv_fail(r, JS_ENOMEM);
        return;
    }
    size_t at = 0;
    for (size_t i = 0; i < r->n_fields; i++) {
        size_t len;
        const char *const text = csv_get(r, i, &len);
        size_t tl;
        const char *const t = csv_trim(text, len, &tl);
        memcpy(r->group + at, t, tl);
        r->group[at + tl] = '\0';
        js_harm_normalise(r->group + at, r->group + at, tl + 1);
        r->group_at[i] = at;
        at += strlen(r->group + at) + 1;
    }
    r->group_n = r->n_fields;
}

/* Is name in the drop list ("Län, Läns-kod")? */
static int csv_dropped(const csv_reader *r, const char *name)
{
    const char *p = r->opts->drop;
    const size_t n = strlen(name);
    while (p != NULL && *p != '\0') {
        const char *const comma = strchr(p, ',');
        const size_t len = comma ? (size_t)(comma - p) : strlen(p);
        size_t tl;
        const char *const t = csv_trim(p, len, &tl);
        if (tl == n && strncasecmp(t, name, n) == 0)
            return 1;
        p = comma ? comma + 1 : NULL;
    }
    return 0;
}

/* The header's name row under a group row: a column with a group is a
 * value column, its group a category of dimension "sex" (when every group
 * is a sex: Flickor, Pojkar) or "group", its name a category of dimension
 * "contents"; a column without a group is a dimension; one with neither
 * (the empty field after a trailing ';') is left out. */
static js_status csv_header_grouped(csv_reader *r, char *const *names, size_t n)
{
    if (r->opts->partition != NULL) {
        js_diag_error(r->diag, r->path, r->row_line, 0, "expected a long table to stream by "
                      "partition, found two header rows");
        return JS_EDATA;
    }
    if (n != r->group_n) {
        js_diag_error(r->diag, r->path, r->row_line, 0, "expected %zu fields in the second header "
                      "row (as in the first, header_rows = 2), found %zu", r->group_n, n);
        return JS_EDATA;
    }
    int all_sex = 1, any = 0;
    for (size_t i = 0; i < n; i++) {
        const char *const g = r->group + r->group_at[i];
        r->cols[i].pair = SIZE_MAX;
        r->cols[i].split = -1;
        r->cols[i].kind = g[0] != '\0' ? COL_VALUE : names[i][0] != '\0' ? COL_DIM : COL_SKIP;
        if (r->cols[i].kind == COL_DIM && csv_dropped(r, names[i]))
            r->cols[i].kind = COL_SKIP;
        if (g[0] != '\0' && names[i][0] == '\0') {
            js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, i), "column %zu: expected a "
                          "name under group \"%s\", found an empty field", i + 1, g);
            return JS_EDATA;
        }
        for (size_t j = 0; j < i; j++)
            if (r->cols[j].kind == r->cols[i].kind && r->cols[i].kind != COL_SKIP &&
                strcasecmp(names[i], names[j]) == 0 &&
                strcasecmp(g, r->group + r->group_at[j]) == 0) {
                js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, i), "column %zu: expected "
                              "a name of its own, found \"%s\" again (column %zu)", i + 1, names[i], j + 1);
                return JS_EDATA;
            }
        if (g[0] != '\0') {
            any = 1;
            all_sex &= js_harm_sex(g) != JS_SEX_NONE;
        }
    }
    if (!any) {
        js_diag_error(r->diag, r->path, r->row_line, 0, "expected a group above some column of the "
                      "header (header_rows = 2), found none");
        return JS_EDATA;
    }
    csv_pair_columns(r, (char **)names);
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && i < n; i++) {
        if (r->cols[i].kind != COL_DIM)
            continue;
        const char *const name = r->cols[i].pair != SIZE_MAX ? names[r->cols[i].pair] : names[i];
        if (js_cube_dim_named(r->cube, name) != SIZE_MAX || strcasecmp(name, "contents") == 0 ||
            strcasecmp(name, all_sex ? "sex" : "group") == 0) {
            js_diag_error(r->diag, r->path, r->row_line, 0, "column %zu would be dimension \"%.60s\", "
                          "which another column already is: name the columns apart", i + 1, name);
            return JS_EDATA;
        }
        st = js_cube_add_dim(r->cube, name, NULL, csv_role_for(r, name), &r->cols[i].dim);
    }
    r->wide = 1;
    if (st == JS_OK)
        st = js_cube_add_dim(r->cube, "contents", NULL, JS_ROLE_CONTENTS, &r->time_dim);
    if (st == JS_OK)
        st = js_cube_add_dim(r->cube, all_sex ? "sex" : "group", NULL,
                             all_sex ? JS_ROLE_SEX : JS_ROLE_OTHER, &r->head_dim);
    for (size_t i = 0; st == JS_OK && i < n; i++)
        if (r->cols[i].kind == COL_VALUE) {
            st = js_cube_add_category(r->cube, r->time_dim, names[i], NULL, &r->cols[i].dim);
            if (st == JS_OK)
                st = js_cube_add_category(r->cube, r->head_dim, r->group + r->group_at[i], NULL,
                                          &r->cols[i].head_cat);
        }
    return st;
}

/* ---- a wide table of numeric measure columns ------------------------------ */
/* "Country,Work,Money,...,Index" (EIGE's domain scores) or "region,kön,år,
 * 20-64 år,...,totalt" (SCB's matching rate): one row per unit, one numeric
 * column per measure.  Read long, every column but the last would be a
 * dimension and the cell count would not add up.  The header cannot tell
 * (a name says nothing about the numbers under it), so a header that
 * could be such a table waits for the first data row (csv_header_resume):
 * the trailing run of columns whose first value is a number with a
 * fraction (csv_measure_field) becomes dimension "contents" (as
 * Skolverket's grouped columns do), when it is two columns or more.  A long file ends in one measure column ("region,
 * year,value": the year's value is a period), so it reads as before; a
 * named measure (measure =), partition, ci_low/ci_high or a period heading
 * keep the long or heading layout without waiting. */
static void csv_header_layout(csv_reader *r, char **names, size_t n, size_t measures_from);

static int csv_may_be_measures(const csv_reader *r, char *const *names, size_t n)
{
    if (r->opts->measure != NULL || r->opts->partition != NULL || n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(names[i], "ci_low") == 0 || strcasecmp(names[i], "ci_high") == 0)
            return 0;
    int combined;
    return csv_heading_start((char **)names, n, &combined) == n;
}

/* Is field i of this (first data) row the value of a measure column?  A
 * number, and not what a dimension could hold: a column before the last
 * needs a fraction ("69.3", "70,5"), since an integer there may be a code
 * ("times,persons": 1, 2, 3 events) or a period; the last column is the
 * measure either way, but a period under "year" is not one.  ("år" makes
 * "20-64 år" a time name, yet 70.5 under it is a rate.) */
static int csv_measure_field(csv_reader *r, const char *name, size_t i, int last)
{
    size_t len;
    const char *const text = csv_get(r, i, &len);
    char buf[64];
    if (len == 0 || len >= sizeof buf || csv_dropped(r, name))
        return 0;
    memcpy(buf, text, len);
    buf[len] = '\0';
    double v;
    js_cell cell;
    if (js_parse_cell(buf, r->delim != ',', &v, &cell) != JS_PARSE_NUMBER)
        return 0;
    if (!last)
        return strpbrk(buf, ".,") != NULL;
    int year, sub;
    char kind;
    return !(csv_role_for(r, name) == JS_ROLE_TIME && js_harm_time(buf, &year, &sub, &kind));
}

/* The first data row of a pending header: lay the header out, with the
 * trailing numeric columns as measures if there are two or more. */
static void csv_header_resume(csv_reader *r)
{
    char *names[CSV_MAX_COLS];
    size_t n = 0;
    for (size_t at = 0; at < r->head.len && n < CSV_MAX_COLS; at += strlen(r->head.data + at) + 1)
        names[n++] = r->head.data + at;
    size_t from = n;
    if (r->n_fields == n) /* else csv_data_row names the count */
        while (from > 1 && csv_measure_field(r, names[from - 1], from - 1, from == n))
            from--;
    if (n - from < 2)
        from = n;
    const size_t line = r->row_line;
    r->pending = 0;
    r->row_line = r->head_line; /* messages about the header name its line */
    csv_header_layout(r, names, n, from);
    r->row_line = line + r->opts->line_offset;
}

static js_status csv_add_measure_dim(csv_reader *r, char *const *names, size_t n, size_t from)
{
    if (js_cube_dim_named(r->cube, "contents") != SIZE_MAX) {
        js_diag_error(r->diag, r->path, r->row_line, 0, "the numeric columns from \"%s\" on are read "
                      "as dimension \"contents\" (a measure per column), but a column is named "
                      "\"contents\" too: rename that column", names[from]);
        return JS_EDATA;
    }
    js_status st = js_cube_add_dim(r->cube, "contents", NULL, JS_ROLE_CONTENTS, &r->time_dim);
    r->head_dim = SIZE_MAX;
    for (size_t i = from; st == JS_OK && i < n; i++) {
        r->cols[i].kind = COL_VALUE;
        st = js_cube_add_category(r->cube, r->time_dim, names[i], NULL, &r->cols[i].dim);
    }
    return st;
}

static void csv_header(csv_reader *r)
{
    const size_t n = r->n_fields;
    char *names[CSV_MAX_COLS] = {NULL};
    size_t at[CSV_MAX_COLS];
    js_buf_reset(&r->scratch);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *const text = csv_get(r, i, &len);
        if ((at[i] = csv_cstr(r, text, len)) == SIZE_MAX) {
            csv_fail(r, JS_ENOMEM);
            return;
        }
    }
    for (size_t i = 0; i < n; i++) {
        names[i] = r->scratch.data + at[i];
        js_harm_normalise(names[i], names[i], strlen(names[i]) + 1);
    }
    if (n == 1 && r->rows == 1) { /* a title line before the header */
        r->title = js_strdup(names[0]);
        if (r->title == NULL)
            csv_fail(r, JS_ENOMEM);
        return;
    }
    if (n < 2) {
        js_diag_error(r->diag, r->path, r->row_line, 0,
                      "expected a header with at least two columns, found %zu", n);
        csv_fail(r, JS_EDATA);
        return;
    }
    if (r->group == NULL && csv_header_names_bad(r, names, n))
        return;
    r->n_cols = n;
    r->cols = js_calloc(n, sizeof *r->cols);
    r->memo = js_calloc(n, sizeof *r->memo);
    r->next = js_calloc(n, sizeof *r->next);
    for (size_t i = 0; r->next != NULL && i < n; i++)
        r->next[i].prev = SIZE_MAX;
    if (r->cols == NULL || r->memo == NULL || r->next == NULL) {
        csv_fail(r, JS_ENOMEM);
        return;
    }
    if (r->group == NULL && csv_may_be_measures(r, names, n)) { /* decided on the first data row */
        js_buf_reset(&r->head);
        for (size_t i = 0; i < n; i++)
            js_buf_append(&r->head, names[i], strlen(names[i]) + 1);
        if (r->head.failed)
            csv_fail(r, JS_ENOMEM);
        r->pending = 1;
        r->head_line = r->row_line;
        return;
    }
    csv_header_layout(r, names, n, n);
}

/* The columns of the header: dimensions, labels, values.  Columns from
 * measures_from on (< n) are numeric measure columns, each a category of
 * dimension "contents" (csv_header_resume); n: none. */
static void csv_header_layout(csv_reader *r, char **names, size_t n, size_t measures_from)
{
    js_status st = JS_OK;
    size_t n_dims; /* the dimension columns */
    if (r->group != NULL) {
        st = csv_header_grouped(r, names, n);
        n_dims = 0;
        for (size_t i = 0; i < n; i++)
            n_dims += r->cols[i].kind == COL_DIM;
        goto indexed;
    }
    int combined = 0;
    const size_t start = csv_heading_start(names, n, &combined);
    const int measures = start == n && measures_from < n;
    r->wide = start < n || measures;
    r->measure_col = n - 1;
    for (size_t i = 0; !r->wide && i < n; i++) { /* a source's own interval (a tidy file) */
        if (strcasecmp(names[i], "ci_low") == 0)
            r->ci_col[0] = i;
        if (strcasecmp(names[i], "ci_high") == 0)
            r->ci_col[1] = i;
    }
    if ((r->ci_col[0] == SIZE_MAX) != (r->ci_col[1] == SIZE_MAX)) {
        js_diag_error(r->diag, r->path, r->row_line, 0, "expected columns ci_low and ci_high together "
                      "(the source's interval), found only %s", r->ci_col[0] != SIZE_MAX ? "ci_low" : "ci_high");
        csv_fail(r, JS_EDATA);
        return;
    }
    while (r->measure_col > 0 && (r->measure_col == r->ci_col[0] || r->measure_col == r->ci_col[1]))
        r->measure_col--; /* the last column besides the interval's */
    if (!r->wide && r->opts->measure != NULL) {
        r->measure_col = SIZE_MAX;
        for (size_t i = 0; i < n; i++)
            if (strcasecmp(names[i], r->opts->measure) == 0)
                r->measure_col = i;
        if (r->measure_col == SIZE_MAX) {
            js_diag_error(r->diag, r->path, r->row_line, 0,
                          "expected a column named \"%s\" (the measure), found none", r->opts->measure);
            csv_fail(r, JS_EDATA);
            return;
        }
    }
    n_dims = measures ? measures_from : r->wide ? start : n;
    for (size_t i = 0; i < n_dims; i++) {
        r->cols[i].kind = csv_dropped(r, names[i]) ? COL_SKIP : COL_DIM;
        r->cols[i].pair = SIZE_MAX;
        r->cols[i].split = -1;
    }
    if (!r->wide)
        r->cols[r->measure_col].kind = COL_VALUE;
    for (size_t k = 0; k < 2; k++)
        if (r->ci_col[k] != SIZE_MAX)
            r->cols[r->ci_col[k]].kind = COL_SKIP;
    csv_pair_columns(r, names);
    for (size_t i = 0; st == JS_OK && i < n_dims; i++) {
        if (r->cols[i].kind != COL_DIM)
            continue;
        /* region_code + region: name the dimension "region" */
        const char *const name = r->cols[i].pair != SIZE_MAX ? names[r->cols[i].pair] : names[i];
        if (js_cube_dim_named(r->cube, name) != SIZE_MAX) { /* two pairs naming one dimension */
            js_diag_error(r->diag, r->path, r->row_line, 0, "column %zu would be dimension \"%.60s\", "
                          "which an earlier column already is: name the columns apart", i + 1, name);
            csv_fail(r, JS_EDATA);
            return;
        }
        st = js_cube_add_dim(r->cube, name, NULL, csv_role_for(r, name), &r->cols[i].dim);
    }
    if (st == JS_OK && r->wide)
        st = measures ? csv_add_measure_dim(r, names, n, measures_from)
                      : csv_add_heading_dims(r, names, n, start, combined);
    if (st == JS_OK && !r->wide)
        st = js_cube_set_meta(r->cube, JS_META_MEASURE, names[r->measure_col]);
    if (st == JS_OK && r->opts->partition != NULL) {
        for (size_t i = 0; i < n_dims && r->part_col == SIZE_MAX; i++)
            if (r->cols[i].kind == COL_DIM && strcasecmp(names[i], r->opts->partition) == 0)
                r->part_col = i;
        if (r->part_col == SIZE_MAX || r->wide) {
            js_diag_error(r->diag, r->path, r->row_line, 0,
                          "expected a column \"%s\" to stream the file by (partition), found %s",
                          r->opts->partition, r->wide ? "a wide table" : "none");
            st = JS_EDATA;
        }
    }
indexed:
    if (st != JS_OK) {
        if (st == JS_EINTERNAL) /* the cube's dimension limit: the file's fault, not ours */
            js_diag_error(r->diag, r->path, r->row_line, 0,
                          "expected at most %d dimension columns, found %zu", CSV_DIMS_MAX, n_dims);
        csv_fail(r, st == JS_EINTERNAL ? JS_EDATA : st);
        return;
    }
    r->dim_cols = js_calloc(n + 1, sizeof *r->dim_cols);
    r->dim_of = js_calloc(n + 1, sizeof *r->dim_of);
    r->first_dim_from = js_calloc(n + 1, sizeof *r->first_dim_from);
    r->value_cols = js_calloc(n + 1, sizeof *r->value_cols);
    if (r->dim_cols == NULL || r->dim_of == NULL || r->first_dim_from == NULL || r->value_cols == NULL) {
        csv_fail(r, JS_ENOMEM);
        return;
    }
    for (size_t i = 0; i < n; i++) { /* the row loop visits only these */
        r->first_dim_from[i] = r->n_dim_cols;
        if (r->cols[i].kind == COL_DIM) {
            r->dim_of[r->n_dim_cols] = r->cols[i].dim;
            r->dim_cols[r->n_dim_cols++] = i;
        } else if (r->cols[i].kind == COL_VALUE) {
            r->value_cols[r->n_value_cols++] = i;
        }
    }
    r->first_dim_from[n] = r->n_dim_cols;
    r->have_header = 1;
    r->line += r->opts->line_offset; /* a range source: its data starts further down */
}

/* ---- data rows ------------------------------------------------------------ */

/* A text the column's caches do not know: find or add its category. */
static js_status csv_new_category(csv_reader *r, size_t col, const char *text, size_t len, size_t *cat)
{
    csv_col *const c = &r->cols[col];
    const js_dim *const dim = js_cube_dim(r->cube, c->dim);
    const js_role role = js_dim_role(dim);
    if (len == 0) {
        js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, col),
                      "expected a value in column \"%s\", found an empty field", js_dim_name(dim));
        return JS_EDATA;
    }
    js_buf_reset(&r->scratch);
    const size_t code_at = csv_cstr(r, text, len);
    size_t label_at = SIZE_MAX;
    if (c->pair != SIZE_MAX) {
        size_t label_len;
        const char *const pair = csv_get(r, c->pair, &label_len);
        if ((label_at = csv_cstr(r, pair, label_len)) == SIZE_MAX)
            return JS_ENOMEM;
    }
    if (code_at == SIZE_MAX)
        return JS_ENOMEM;
    char *const code = r->scratch.data + code_at;
    const char *label = label_at != SIZE_MAX ? r->scratch.data + label_at : NULL;
    if (c->pair == SIZE_MAX && (role == JS_ROLE_REGION || role == JS_ROLE_OTHER)) {
        size_t code_len;
        const char *rest;
        const int splits = js_harm_split_code(code, &code_len, &rest);
        if (c->split < 0)
            c->split = splits;
        if (c->split && splits) {
            code[code_len] = '\0';
            label = rest;
        }
    }
    js_status st = JS_OK;
    const size_t known = js_dim_find_code(dim, code);
    if (known != SIZE_MAX)
        *cat = known;
    else if (r->direct)
        st = csv_leave_direct(r); /* a new category: the dense array cannot hold it */
    if (st == JS_OK && known == SIZE_MAX)
        st = js_cube_add_category(r->cube, c->dim, code, label, cat);
    if (st == JS_OK) {
        csv_memo_put(&r->memo[col], text, len, *cat);
        csv_next_put(&r->next[col], text, len, *cat);
    }
    if (st == JS_EDATA)
        js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, col),
                      "expected a sex code in column \"%s\" (kvinnor/män/totalt, K/M/T, 1/2, "
                      "women/men/total), found \"%s\"", js_dim_name(dim), code);
    return st;
}

/* The category of a dimension column in the current row: mostly what the
 * caches remember, else csv_new_category. */
static inline js_status csv_row_category(csv_reader *r, size_t col, size_t *cat)
{
    size_t len;
    const char *const text = csv_get(r, col, &len);
    csv_next *const next = &r->next[col];
    if (csv_next_find(next, text, len, cat))
        return JS_OK;
    if (csv_memo_find(&r->memo[col], text, len, cat)) {
        csv_next_put(next, text, len, *cat);
        return JS_OK;
    }
    return csv_new_category(r, col, text, len, cat);
}

/* Plain digits (the common case of a count) without strtod. */
static int csv_digits(const char *s, size_t len, double *v)
{
    if (len == 0 || len > 15)
        return 0;
    uint64_t n = 0;
    for (size_t i = 0; i < len; i++) {
        const unsigned d = (unsigned)(s[i] - '0');
        if (d > 9)
            return 0;
        n = n * 10 + d;
    }
    *v = (double)n; /* exact: below 2^53 */
    return 1;
}

/* Is sym one of the space-separated symbols of list? */
static int csv_in_list(const char *list, const char *sym)
{
    const size_t n = strlen(sym);
    for (const char *p = list; p != NULL && *p != '\0';) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, " ,");
        if (len == n && len > 0 && memcmp(p, sym, n) == 0)
            return 1;
        p += len;
    }
    return 0;
}

/* A cell: js_parse_cell, and two things some agencies write.  "~100"
 * (Skolverket: close to 100 %, the exact share masked) is the number
 * after the tilde with the cell's text kept as its flag; a symbol named in
 * the data section's `suppressed` ("..": too few to publish) is
 * suppressed, not missing. */
static js_cell_parse csv_parse_cell(const csv_reader *r, const char *text, double *v, js_cell *cell)
{
    size_t len;
    const char *const t = csv_trim(text, strlen(text), &len);
    if (len > 1 && t[0] == '~' && isdigit((unsigned char)t[1])) {
        char num[64];
        if (len >= sizeof num)
            return JS_PARSE_BAD;
        memcpy(num, t + 1, len - 1);
        num[len - 1] = '\0';
        if (js_parse_cell(num, r->delim != ',', v, cell) != JS_PARSE_NUMBER)
            return JS_PARSE_BAD;
        return JS_PARSE_SYMBOL; /* a value with its text as a flag */
    }
    const js_cell_parse got = js_parse_cell(text, r->delim != ',', v, cell);
    if (got == JS_PARSE_SYMBOL && r->opts->suppressed != NULL) {
        char sym[64];
        if (len < sizeof sym) {
            memcpy(sym, t, len);
            sym[len] = '\0';
            if (csv_in_list(r->opts->suppressed, sym))
                *cell = JS_CELL_SUPPRESSED;
        }
    }
    return got;
}

/* A source's own interval (columns ci_low, ci_high of a long file) for the
 * cell at idx: kept with its coordinates and placed once the cells exist
 * (csv_place_cis).  Empty or a symbol: no interval. */
static js_status csv_stage_ci(csv_reader *r, const size_t *idx)
{
    double b[2];
    for (size_t k = 0; k < 2; k++) {
        size_t len;
        const char *const text = csv_get(r, r->ci_col[k], &len);
        char buf[64];
        size_t tl;
        const char *const t = csv_trim(text, len, &tl);
        js_cell c = JS_CELL_OK;
        b[k] = (double)NAN;
        if (tl == 0 || tl >= sizeof buf)
            return JS_OK;
        memcpy(buf, t, tl);
        buf[tl] = '\0';
        const js_cell_parse got = js_parse_cell(buf, r->delim != ',', &b[k], &c);
        if (got == JS_PARSE_BAD) {
            js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, r->ci_col[k]), "expected a number "
                          "or nothing in column %s, found \"%s\"", k ? "ci_high" : "ci_low", buf);
            return JS_EDATA;
        }
        if (got != JS_PARSE_NUMBER)
            return JS_OK;
    }
    if (b[0] > b[1]) {
        js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, r->ci_col[0]), "expected ci_low at most "
                      "ci_high, found %g above %g", b[0], b[1]);
        return JS_EDATA;
    }
    const size_t nd = js_cube_ndims(r->cube);
    js_buf_append(&r->cis, b, sizeof b);
    js_buf_append(&r->cis, idx, nd * sizeof *idx);
    return r->cis.failed ? JS_ENOMEM : JS_OK;
}

/* The staged intervals into the committed cube c. */
static js_status csv_place_cis(csv_reader *r, js_cube *c)
{
    const size_t nd = js_cube_ndims(c), rec = 2 * sizeof(double) + nd * sizeof(size_t);
    js_status st = JS_OK;
    for (size_t at = 0; st == JS_OK && rec > 0 && at + rec <= r->cis.len; at += rec) {
        double b[2];
        size_t idx[CSV_DIMS_MAX + 2];
        memcpy(b, r->cis.data + at, sizeof b);
        memcpy(idx, r->cis.data + at + sizeof b, nd * sizeof *idx);
        st = js_cube_set_ci(c, js_cube_cell_index(c, idx), b[0], b[1]);
    }
    js_buf_reset(&r->cis);
    return st;
}

static js_status csv_row_value(csv_reader *r, size_t col, size_t *idx)
{
    size_t len;
    const char *text = csv_get(r, col, &len);
    double v;
    js_cell cell = JS_CELL_OK;
    const char *flag = NULL; /* the text of a flagged value ("~100") */
    if (!csv_digits(text, len, &v)) { /* anything else is parsed as a C string */
        js_buf_reset(&r->scratch);
        const size_t at = csv_cstr(r, text, len);
        if (at == SIZE_MAX)
            return JS_ENOMEM;
        text = r->scratch.data + at;
        const js_cell_parse got = csv_parse_cell(r, text, &v, &cell);
        if (got == JS_PARSE_BAD) {
            const char *const name = r->wide ? js_dim_category(js_cube_dim(r->cube, r->time_dim),
                                                               r->cols[col].dim)->code
                                             : js_cube_meta(r->cube, JS_META_MEASURE);
            js_diag_error(r->diag, r->path, r->row_line, csv_col_of(r, col),
                          "expected a number or a data symbol (.. . - :) in column \"%s\", found \"%s\"",
                          name ? name : "?", text);
            return JS_EDATA;
        }
        if (got == JS_PARSE_SYMBOL && cell == JS_CELL_OK)
            flag = text;
    }
    if (r->wide) {
        idx[r->time_dim] = r->cols[col].dim;
        if (r->head_dim != SIZE_MAX)
            idx[r->head_dim] = r->cols[col].head_cat;
    }
    r->n_cells++;
    if (r->ci_col[0] != SIZE_MAX && cell == JS_CELL_OK) {
        const js_status st = csv_stage_ci(r, idx);
        if (st != JS_OK)
            return st;
    }
    if (r->direct) {
        size_t at = 0;
        for (size_t d = 0; d < r->ndims; d++)
            at += idx[d] * r->stride[d];
        if (r->given[at / 8] & (1u << (at % 8))) {
            js_diag_error(r->diag, r->path, r->row_line, 0,
                          "duplicate cell: the same combination of categories appeared before");
            return JS_EDATA;
        }
        r->given[at / 8] = (uint8_t)(r->given[at / 8] | (1u << (at % 8)));
        if (cell == JS_CELL_OK) {
            js_cube_set_value(r->cube, at, v);
            return flag != NULL ? js_cube_set_status(r->cube, at, cell, flag) : JS_OK;
        }
        return js_cube_set_status(r->cube, at, cell, text);
    }
    return js_cube_stage(r->cube, idx, v, cell, cell == JS_CELL_OK ? flag : text, r->row_line);
}

/* Properties every cube of this file carries. */
static js_status csv_set_meta(csv_reader *r, js_cube *c)
{
    js_status st = js_cube_set_meta(c, JS_META_FORMAT, "csv");
    if (st == JS_OK)
        st = js_cube_set_meta(c, JS_META_ENCODING, r->utf8 ? "UTF-8" : "WINDOWS-1252");
    if (st == JS_OK && r->title != NULL)
        st = js_cube_set_meta(c, JS_META_TITLE, r->title);
    if (st == JS_OK && r->opts->measure != NULL)
        st = js_cube_set_meta(c, JS_META_MEASURE, r->opts->measure);
    return st;
}

/* Hand the current partition over and start the next with the same shape. */
static js_status csv_flush_partition(csv_reader *r)
{
    js_cube *next = NULL;
    /* The next partition starts with this one's categories (all but the
     * partition's own), so its cells can go straight into place. */
    js_status st = js_cube_clone_categories(r->cube, r->cols[r->part_col].dim, &next);
    if (st == JS_OK && !r->direct)
        st = js_cube_commit(r->cube, r->path, r->diag);
    if (st == JS_OK)
        st = csv_place_cis(r, r->cube);
    js_free(r->given);
    r->given = NULL;
    r->direct = 0;
    if (st == JS_OK)
        st = csv_set_meta(r, r->cube);
    js_cube *const part = r->cube;
    r->cube = next;
    /* The caches stay valid: the next cube has the same categories at the
     * same indices (all but the partition's, cleared in csv_enter_direct). */
    if (st != JS_OK) {
        js_cube_free(part);
        return st;
    }
    r->n_cells = 0;
    r->n_parts++;
    return r->opts->on_partition(part, r->opts->user, r->diag);
}

/* Direct placement: add the partition's value, allocate the cells. */
static js_status csv_enter_direct(csv_reader *r, const char *key)
{
    size_t cat;
    js_status st = js_cube_add_category(r->cube, r->cols[r->part_col].dim, key, NULL, &cat);
    if (st == JS_OK)
        st = js_cube_alloc_cells(r->cube);
    if (st == JS_OK && (r->given = js_calloc(js_cube_ncells(r->cube) / 8 + 1, 1)) == NULL)
        st = JS_ENOMEM;
    size_t stride = 1;
    r->ndims = js_cube_ndims(r->cube);
    for (size_t d = r->ndims; d-- > 0;) {
        r->stride[d] = stride;
        stride *= js_dim_size(js_cube_dim(r->cube, d));
    }
    r->direct = st == JS_OK;
    csv_memo_clear(&r->memo[r->part_col]); /* its category index changed */
    csv_next_clear(&r->next[r->part_col]);
    return st;
}

/* A category this partition did not have before: back to staging. */
static js_status csv_leave_direct(csv_reader *r)
{
    const js_status st = js_cube_restage(r->cube, r->given);
    js_free(r->given);
    r->given = NULL;
    r->direct = 0;
    return st;
}

/* A row of another partition: flush the current one; a partition value that
 * comes back after it was handed over means the file is not grouped. */
static js_status csv_partition_switch(csv_reader *r)
{
    size_t len;
    const char *const text = csv_get(r, r->part_col, &len);
    if (r->part_key.len == len && len > 0 && csv_same(r->part_key.data, text, len))
        return JS_OK;
    js_status st = JS_OK;
    if (r->n_cells > 0) {
        js_buf_append(&r->done_keys, js_buf_cstr(&r->part_key), r->part_key.len + 1);
        st = csv_flush_partition(r);
    }
    js_buf_reset(&r->part_key);
    js_buf_append(&r->part_key, text, len);
    if (r->part_key.failed || r->done_keys.failed || csv_slack(&r->part_key) != 0)
        return JS_ENOMEM;
    const char *const key = js_buf_cstr(&r->part_key);
    for (size_t at = 0; st == JS_OK && at < r->done_keys.len; at += strlen(r->done_keys.data + at) + 1)
        if (strcmp(r->done_keys.data + at, key) == 0) {
            js_diag_error(r->diag, r->path, r->row_line, 0,
                          "expected the rows of %s \"%s\" to be together (the file is streamed "
                          "by %s), found them again after other values", r->opts->partition, key,
                          r->opts->partition);
            st = JS_EDATA;
        }
    if (st == JS_OK && r->n_parts > 0) /* a later partition: place directly */
        st = csv_enter_direct(r, key);
    return st;
}

/* A data row.  The first r->kept fields are byte for byte those of the row
 * before, whose categories are still in r->idx: only the rest are looked
 * up.  Every dimension column has its category in r->idx before the values
 * are placed (the header row leaves kept at 0). */
static void csv_data_row(csv_reader *r)
{
    if (r->n_fields != r->n_cols) {
        js_diag_error(r->diag, r->path, r->row_line, 0,
                      "expected %zu fields (as in the header), found %zu", r->n_cols, r->n_fields);
        csv_fail(r, JS_EDATA);
        return;
    }
    js_status st = r->part_col != SIZE_MAX && r->part_col >= r->kept ? csv_partition_switch(r) : JS_OK;
    size_t i = r->first_dim_from[r->kept];
    for (; st == JS_OK && i < r->n_dim_cols; i++)
        st = csv_row_category(r, r->dim_cols[i], &r->idx[r->dim_of[i]]);
    for (i = 0; st == JS_OK && i < r->n_value_cols; i++)
        st = csv_row_value(r, r->value_cols[i], r->idx);
    if (st != JS_OK)
        csv_fail(r, st);
}

/* A field over CSV_MAX_FIELD bytes (looked for only in a row that long). */
static int csv_field_too_long(csv_reader *r)
{
    for (size_t i = 0; i < r->n_fields; i++)
        if (r->fl[i] > CSV_MAX_FIELD) {
            js_diag_error(r->diag, r->path, r->row_line, 0,
                          "field %zu: expected at most %d bytes, found %zu", i + 1, CSV_MAX_FIELD,
                          r->fl[i]);
            csv_fail(r, JS_EDATA);
            return 1;
        }
    return 0;
}

static void csv_row(csv_reader *r)
{
    if (r->row_len > CSV_MAX_FIELD && csv_field_too_long(r))
        return;
    r->rows++;
    if (!r->have_header && r->opts->header_rows == 2 && r->group == NULL && r->n_fields > 1)
        csv_group_row(r);
    else if (!r->have_header && !r->pending)
        csv_header(r);
    else {
        if (r->pending)
            csv_header_resume(r);
        if (r->status == JS_OK)
            csv_data_row(r);
    }
}

/* ---- sniffing: encoding and delimiter -------------------------------------- */

/* Count c outside double quotes in the line starting at p (up to '\n'). */
static size_t csv_count_outside_quotes(const char *p, const char *end, char c)
{
    size_t n = 0;
    int quoted = 0;
    for (; p < end && *p != '\n'; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == c && !quoted)
            n++;
    }
    return n;
}

char js_csv_sniff_delimiter(const char *head, size_t n)
{
    const char *p = head, *const end = head + n;
    static const char candidates[] = {';', '\t', ','};
    while (p < end) {
        for (size_t i = 0; i < sizeof candidates; i++)
            if (csv_count_outside_quotes(p, end, candidates[i]) > 0)
                return candidates[i];
        const char *const nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    return ',';
}

/* ---- the feed loop ------------------------------------------------------------ */

/* Record the end of a field at i (start of the next at i + 1). */
static inline int csv_fast_field(csv_reader *r, const char *p, size_t *n, size_t *start, size_t i)
{
    if (*n == CSV_MAX_COLS) {
        csv_too_many_columns(r);
        return -1;
    }
    r->fv[*n] = p + *start;
    r->fl[(*n)++] = i - *start;
    *start = i + 1;
    return 0;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CSV_SWAR 1
/* A bit 7 set in each byte of v that equals the byte b (exact, no carries
 * between bytes). */
static inline uint64_t csv_swar_eq(uint64_t v, unsigned char b)
{
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
    const uint64_t x = v ^ (0x0101010101010101ULL * b);
    return ~(((x & lo7) + lo7) | x | lo7);
}
#endif

/* What a scan saw besides delimiters. */
enum {
    CSV_SAW_HIGH = 1, /* a byte >= 0x80 (UTF-8 to check, NBSP to trim) */
    CSV_SAW_LOW = 2   /* a byte below '!' (a space, TAB or CR that a field may need trimmed of) */
};

#ifdef CSV_SWAR
/* Bit 7 set in some byte of v that is below 0x21 (exact as to whether any
 * is; bytes >= 0x80 are left to the high-byte test). */
static inline uint64_t csv_swar_low(uint64_t v)
{
    return (v - 0x2121212121212121ULL) & ~v & 0x8080808080808080ULL;
}
#endif

/* The delimiters, quotes and other bytes of note in p[from..len), eight
 * bytes at a time where the machine allows; the fields found are appended
 * after the *n already in fv, and *saw gets CSV_SAW_* bits.  Returns 0 for
 * a line with a quote, 1 otherwise. */
static int csv_fast_scan(csv_reader *r, const char *p, size_t from, size_t len, size_t *n, unsigned *saw)
{
    size_t start = from, i = from;
#ifdef CSV_SWAR
    uint64_t high = 0, low = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        if (csv_swar_eq(v, '"'))
            return 0;
        high |= v;
        low |= csv_swar_low(v);
        for (uint64_t m = csv_swar_eq(v, (unsigned char)r->delim); m != 0; m &= m - 1)
            if (csv_fast_field(r, p, n, &start, i + (size_t)__builtin_ctzll(m) / 8) != 0)
                return 1;
    }
    if (i < len) { /* the last 1-7 bytes in one word: every buffer has CSV_SLACK bytes after it */
        const uint64_t keep = (1ULL << (8 * (len - i))) - 1;
        uint64_t v;
        memcpy(&v, p + i, 8);
        v &= keep;
        if (csv_swar_eq(v, '"') & keep)
            return 0;
        high |= v;
        low |= csv_swar_low(v) & keep;
        for (uint64_t m = csv_swar_eq(v, (unsigned char)r->delim) & keep; m != 0; m &= m - 1)
            if (csv_fast_field(r, p, n, &start, i + (size_t)__builtin_ctzll(m) / 8) != 0)
                return 1;
        i = len;
    }
    *saw |= ((high & 0x8080808080808080ULL) != 0 ? CSV_SAW_HIGH : 0) | (low != 0 ? CSV_SAW_LOW : 0);
#endif
    for (; i < len; i++) {
        const unsigned char c = (unsigned char)p[i];
        if (c == '"')
            return 0;
        *saw |= (c >= 0x80 ? CSV_SAW_HIGH : 0) | (c < 0x21 ? CSV_SAW_LOW : 0);
        if (c == (unsigned char)r->delim && csv_fast_field(r, p, n, &start, i) != 0)
            return 1;
    }
    csv_fast_field(r, p, n, &start, len); /* the last field */
    return 1;
}

/* How many leading fields of the line p are byte for byte those of the
 * plain line before (r->prev_line): their fv entries are moved onto p and
 * *from is set to where the first other field starts. */
static size_t csv_same_fields(csv_reader *r, const char *p, size_t len, size_t *from)
{
    const char *const q = r->prev_line;
    const size_t m = len < r->prev_len ? len : r->prev_len;
    size_t c = 0;
#ifdef CSV_SWAR
    /* whole words: both lines have readable bytes past their ends (the
     * rest of the block, or CSV_SLACK), and c is cut back to m */
    while (c < m) {
        uint64_t x, y;
        memcpy(&x, p + c, 8);
        memcpy(&y, q + c, 8);
        if (x != y) {
            c += (size_t)__builtin_ctzll(x ^ y) / 8;
            break;
        }
        c += 8;
    }
    if (c > m)
        c = m;
#else
    while (c < m && p[c] == q[c])
        c++;
#endif
    /* field k is the same when its delimiter lies inside the common prefix
     * (the last field has none, so at least one field is always scanned) */
    size_t k = 0;
    for (; k + 1 < r->prev_n; k++) {
        const size_t start = (size_t)(r->fv[k] - q);
        if (start + r->fl[k] >= c)
            break;
        r->fv[k] = p + start;
    }
    *from = k > 0 ? (size_t)(r->fv[k - 1] - p) + r->fl[k - 1] + 1 : 0;
    return k;
}

/* The fast path: one pass over a line finds its fields and says whether
 * the line is plain - no quote, and text that needs no conversion (ASCII,
 * or valid UTF-8 in a UTF-8 file).  A plain line is handled here, where it
 * lies, without writing to it (so that the next line can be compared with
 * it); it gives the same fields libcsv would, since a line without quotes
 * has no escapes.  Returns 0 for any other line. */
static int csv_fast_row(csv_reader *r, const char *p, size_t len)
{
    if (len > 0 && p[len - 1] == '\r')
        len--;
    if (len == 0) /* libcsv skips empty lines too */
        return 1;
    size_t n = 0, from = 0;
    if (r->prev_line != NULL)
        n = csv_same_fields(r, p, len, &from);
    const size_t kept = n;
    unsigned saw = 0;
    if (!csv_fast_scan(r, p, from, len, &n, &saw) ||
        (r->status == JS_OK && (saw & CSV_SAW_HIGH) && !(r->utf8 && js_utf8_valid(p, len, 0)))) {
        r->prev_line = NULL; /* fv no longer describes it */
        return 0;
    }
    if (r->status != JS_OK || ((saw & CSV_SAW_HIGH) && csv_line_encoding(r, p, len)))
        return 1;
    if (kept > 0)
        saw |= r->prev_saw; /* what the kept fields had */
    const int data = r->have_header;
    r->n_fields = n;
    r->row_line = r->line;
    r->row_len = len;
    r->kept = data ? kept : 0;
    r->trim = saw != 0;
    csv_row(r);
    r->n_fields = 0;
    r->kept = 0;
    r->prev_line = data && r->status == JS_OK ? p : NULL;
    r->prev_len = len;
    r->prev_n = n;
    r->prev_saw = saw;
    return 1;
}

/* One line without its '\n' (has_nl: the file had one), by the fast path
 * or through libcsv (quotes, conversion, or a record already open). */
static void csv_line(csv_reader *r, char *p, size_t len, int has_nl)
{
    r->raw = p;
    r->raw_len = len;
    if (!r->in_csv && (r->line <= r->opts->skip || r->ended)) { /* a title block, notes below */
        r->line += has_nl != 0;
        return;
    }
    if (!r->in_csv && r->group != NULL && r->have_header && (len == 0 || (len == 1 && p[0] == '\r'))) {
        r->ended = 1; /* Skolverket's notes follow the table after a blank line */
        r->line += has_nl != 0;
        return;
    }
    if (r->in_csv || !csv_fast_row(r, p, len)) {
        r->prev_line = NULL; /* libcsv's row is not in the line */
        if (!r->in_csv)
            r->row_line = r->line; /* a record starts here */
        r->in_csv = 1;             /* the row callback clears it when the record ends */
        if (csv_line_encoding(r, p, len))
            return;
        r->rec_bytes += len + 1;
        if (r->rec_bytes > CSV_MAX_LINE) { /* a quoted field that never ends, line by line */
            csv_too_long(r, r->row_line, "a record");
            return;
        }
        if (csv_parse(&r->parser, p, len, csv_field_cb, csv_row_cb, r) != len ||
            (has_nl && csv_parse(&r->parser, "\n", 1, csv_field_cb, csv_row_cb, r) != 1)) {
            if (r->status == JS_OK) {
                js_diag_error(r->diag, r->path, r->line, 0,
                              "malformed quoting: %s (a quote inside an unquoted field, or text "
                              "after a closing quote)", csv_strerror(csv_error(&r->parser)));
                csv_fail(r, JS_EDATA);
            }
        }
    }
    if (has_nl)
        r->line++;
}

/* A NUL byte anywhere is an error at its line and column: text files have
 * none, and the line-at-a-time paths would read one as an end of field
 * or pass it on in a label.  UTF-16 (with or without a byte-order mark)
 * has one in every ASCII character, so it is named.  One memchr per
 * block. */
static int csv_nul(csv_reader *r, const char *p, size_t n)
{
    const char *const nul = memchr(p, '\0', n);
    if (nul == NULL)
        return 0;
    size_t line = r->line, col = r->carry.len + (size_t)(nul - p) + 1;
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(nul - q))) != NULL; q++) {
        line++;
        col = (size_t)(nul - q);
    }
    js_diag_error(r->diag, r->path, line, col, "expected text, found a NUL byte (a binary file, "
                  "or UTF-16: save it as UTF-8)");
    csv_fail(r, JS_EDATA);
    return 1;
}

/* Feed one block a line at a time; a line cut by the block's end waits in
 * carry for the next block. */
static void csv_feed(csv_reader *r, char *p, size_t n)
{
    char *const end = p + n;
    if (csv_nul(r, p, n))
        return;
    r->prev_line = NULL; /* the block it was in has been read over */
    if (r->carry.len > 0) {
        char *const nl = memchr(p, '\n', n);
        if (r->carry.len + (nl ? (size_t)(nl - p) : n) > CSV_MAX_LINE) {
            csv_too_long(r, r->line, "a line");
            return;
        }
        js_buf_append(&r->carry, p, nl ? (size_t)(nl - p) : n);
        if (r->carry.failed || csv_slack(&r->carry) != 0) {
            csv_fail(r, JS_ENOMEM);
            return;
        }
        if (nl == NULL)
            return;
        csv_line(r, r->carry.data, r->carry.len, 1);
        js_buf_reset(&r->carry);
        p = nl + 1;
    }
    while (p < end && r->status == JS_OK) {
        char *const nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL) {
            js_buf_append(&r->carry, p, (size_t)(end - p));
            if (r->carry.failed || csv_slack(&r->carry) != 0)
                csv_fail(r, JS_ENOMEM);
            return;
        }
        csv_line(r, p, (size_t)(nl - p), 1);
        p = nl + 1;
    }
}

/* Classic Mac OS line ends (CR alone) make the whole file one line, which
 * failed later as a header with repeated names.  A CR inside the first
 * line, not just before its LF, says so at once (a quoted header name
 * with a line break in it is the one false alarm, and no export has one). */
static int csv_cr_only(csv_reader *r, const char *p, size_t n)
{
    const char *const nl = memchr(p, '\n', n);
    const char *const end = nl != NULL ? nl : p + n;
    const char *const cr = memchr(p, '\r', (size_t)(end - p));
    if (cr == NULL || cr + 1 == end)
        return 0;
    js_diag_error(r->diag, r->path, 1, (size_t)(cr - p) + 1, "expected LF or CRLF line ends, "
                  "found CR alone (classic Mac OS line ends): convert the file");
    csv_fail(r, JS_EDATA);
    return 1;
}

static js_status csv_run(csv_reader *r, js_source *src)
{
    char *const block = js_calloc(CSV_CHUNK + CSV_SLACK, 1); /* zeroed: the slack is readable */
    if (block == NULL)
        return JS_ENOMEM;
    size_t n;
    js_status st = js_source_read(src, block, CSV_CHUNK, &n);
    size_t skip = 0;
    if (st == JS_OK) {
        const int bom = n >= 3 && memcmp(block, "\xEF\xBB\xBF", 3) == 0;
        skip = bom ? 3 : 0;
        const char *const enc = r->opts->encoding;
        r->utf8 = enc ? strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0
                      : bom || js_utf8_valid(block, n, n == CSV_CHUNK);
        if (js_conv_open(&r->to_utf8, r->utf8 || enc == NULL ? "WINDOWS-1252" : enc) != 0) {
            js_diag_error(r->diag, r->path, 0, 0, "unknown character set \"%s\"", enc);
            st = JS_EUSAGE;
        }
        r->delim = r->opts->delimiter;
        size_t past = skip; /* the lines of a title block say nothing of the delimiter */
        for (size_t k = 0; k < r->opts->skip && past < n; k++) {
            const char *const nl = memchr(block + past, '\n', n - past);
            past = nl ? (size_t)(nl - block) + 1 : n;
        }
        if (r->delim == '\0')
            r->delim = js_csv_sniff_delimiter(block + past, n - past);
        csv_set_delim(&r->parser, (unsigned char)r->delim);
        if (st == JS_OK && csv_cr_only(r, block + skip, n - skip))
            st = JS_EDATA;
    }
    while (st == JS_OK && n > 0 && r->status == JS_OK) {
        csv_feed(r, block + skip, n - skip);
        skip = 0;
        st = js_source_read(src, block, CSV_CHUNK, &n);
    }
    if (st == JS_OK && r->status == JS_OK && r->carry.len > 0) { /* the last line had no '\n' */
        r->prev_line = NULL;
        csv_line(r, r->carry.data, r->carry.len, 0);
    }
    js_free(block);
    if (st == JS_EIO)
        js_diag_error(r->diag, r->path, 0, 0, "read error");
    if (st == JS_OK && r->status == JS_OK &&
        csv_fini(&r->parser, csv_field_cb, csv_row_cb, r) != 0) {
        js_diag_error(r->diag, r->path, r->row_line, 0,
                      "unterminated quoted field: a quote opened on this line is never closed");
        csv_fail(r, JS_EDATA);
    }
    return st != JS_OK ? st : r->status;
}

/* After reading: a dimension without a role whose every category is a sex
 * code is the sex dimension. */
static void csv_guess_roles(js_cube *c)
{
    if (js_cube_dim_by_role(c, JS_ROLE_SEX) != SIZE_MAX)
        return;
    for (size_t d = 0; d < js_cube_ndims(c); d++) {
        const js_dim *const dim = js_cube_dim(c, d);
        if (js_dim_role(dim) == JS_ROLE_OTHER && js_dim_size(dim) <= 3 &&
            js_cube_set_role(c, d, JS_ROLE_SEX) == JS_OK)
            return;
    }
}

static js_status csv_finish(csv_reader *r)
{
    if (!r->have_header || (r->n_cells == 0 && r->n_parts == 0)) {
        js_diag_error(r->diag, r->path, r->line, 0, "expected a header line and data rows, found %s",
                      r->have_header || r->pending ? "no data rows" : "no header");
        return JS_EDATA;
    }
    if (r->part_col != SIZE_MAX)
        return csv_flush_partition(r);
    js_status st = js_read_check_given(r->cube, r->n_cells, r->path, r->diag);
    if (st == JS_OK)
        st = js_cube_commit(r->cube, r->path, r->diag);
    if (st == JS_OK)
        st = csv_place_cis(r, r->cube);
    if (st == JS_OK)
        st = csv_set_meta(r, r->cube);
    if (st == JS_OK)
        csv_guess_roles(r->cube);
    return st;
}

js_status js_read_csv(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d)
{
    js_read_opts defaults;
    if (o == NULL) {
        js_read_opts_init(&defaults);
        o = &defaults;
    }
    csv_reader r;
    memset(&r, 0, sizeof r);
    r.path = js_source_name(src);
    r.opts = o;
    r.diag = d;
    r.line = r.row_line = 1;
    r.part_col = SIZE_MAX;
    r.ci_col[0] = r.ci_col[1] = SIZE_MAX;
    js_buf_init(&r.cis);
    js_buf_init(&r.fields);
    js_buf_init(&r.part_key);
    js_buf_init(&r.done_keys);
    js_buf_init(&r.carry);
    js_buf_init(&r.scratch);
    js_buf_init(&r.head);
    r.cube = js_cube_alloc();
    r.fv = js_calloc(CSV_MAX_COLS + 1, sizeof *r.fv);
    r.fl = js_calloc(CSV_MAX_COLS + 1, sizeof *r.fl);
    if (r.cube == NULL || r.fv == NULL || r.fl == NULL ||
        csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
        js_cube_free(r.cube);
        js_free(r.fv);
        js_free(r.fl);
        js_diag_error(d, r.path, 0, 0, "out of memory");
        return JS_ENOMEM;
    }
    const size_t errors_before = js_diag_count(d, JS_SEV_ERROR);
    csv_set_realloc_func(&r.parser, csv_realloc_cb);
    csv_set_free_func(&r.parser, js_free);
    js_status st = csv_run(&r, src);
    if (st == JS_OK)
        st = csv_finish(&r);
    csv_free(&r.parser);
    js_conv_close(&r.to_utf8);
    js_buf_fini(&r.fields);
    js_buf_fini(&r.part_key);
    js_buf_fini(&r.done_keys);
    js_buf_fini(&r.carry);
    js_buf_fini(&r.scratch);
    js_buf_fini(&r.head);
    js_buf_fini(&r.cis);
    js_free(r.memo);
    for (size_t i = 0; r.next != NULL && i < r.n_cols; i++)
        js_free(r.next[i].e);
    js_free(r.next);
    js_free(r.fv);
    js_free(r.fl);
    js_free(r.dim_cols);
    js_free(r.dim_of);
    js_free(r.first_dim_from);
    js_free(r.value_cols);
    js_free(r.given);
    js_free(r.offs);
    js_free(r.cols);
    js_free(r.title);
    js_free(r.group);
    js_free(r.group_at);
    if (st == JS_ENOMEM && js_diag_count(d, JS_SEV_ERROR) == errors_before)
        js_diag_error(d, r.path, 0, 0, "out of memory"); /* exit 71 said nothing else */
    if (st != JS_OK || r.part_col != SIZE_MAX) {
        js_cube_free(r.cube); /* streaming: every partition went to the callback */
        if (st == JS_OK)
            *out = NULL;
        return st;
    }
    *out = r.cube;
    return JS_OK;
}
