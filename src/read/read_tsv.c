/*
 * read_tsv.c - the Eurostat TSV reader (bulk download and SDMX 2.1 API
 * "format=TSV").
 *
 * Spec: Eurostat "API - FAQ - TSV data format", summarised in
 * /work/shared/FORMATS.md §4.5.
 *
 * Supported subset:
 *   - gzip input (first bytes 1F 8B), inflated with zlib as it streams,
 *     members after the first read on (as gunzip does); a stream that ends
 *     before its end (a cut download: no CRC-32 and length trailer) is an
 *     error, not a shorter table;
 *   - tab-separated lines, LF or CRLF;
 *   - header cell 1 "d1,d2,...\TIME_PERIOD" or legacy "d1,...\time"; the
 *     part after the last backslash names the column dimension, which is
 *     called "time" for either spelling; the other header cells are periods
 *     (trimmed), in ascending or descending order - the cube always holds
 *     them ascending;
 *   - data rows: the series key (codes in header order, comma-separated),
 *     then one cell per period: "value flags" split at the first space.
 *     ":" is missing; ": c" (also C, N, P: confidential) is suppressed,
 *     ": z" not applicable; a present value keeps its flags as the cell's
 *     symbol ("123 p" -> 123, JS_CELL_OK, "p");
 *   - categories are added as rows are read (series keys) and cells staged;
 *     series absent from the file are missing, not zero (the opposite of
 *     PX KEYS).
 * Roles: "time" for the column dimension; the series dimensions by name
 * (js_harm_role_from_name: geo, sex, age ...) then opts->roles.
 *
 * Deliberate omissions: no Eurostat codelist labels (labels = codes); no
 * check that periods share one format.
 *
 * Worked example:
 *     unit,sex,geo\time<TAB>2021 <TAB>2020
 *     NR,F,SE<TAB>84.2 bep<TAB>: c
 *  -> dims unit{NR} x sex{F} x geo{SE} x time{2020,2021};
 *     cells: 2020 suppressed "c", 2021 84.2 flagged "bep".
 */
#include "jamstat/read.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "jamstat/harmonise.h"
#include "read/read_util.h"

enum { TSV_CHUNK = 64 * 1024, TSV_LINE_MAX = 64 << 20 };
/* A gzip bomb: past TSV_BOMB_BYTES of text, at most TSV_BOMB_RATIO bytes
 * of text per byte of gzip.  Eurostat's tables compress 5 to 30 times;
 * deflate reaches about 1000 only on repeated text. */
#define TSV_BOMB_BYTES ((uint64_t)64 << 20)
#define TSV_BOMB_RATIO 200

/* ---- Input: plain or gzip ----------------------------------------------------- */

/* The file is pulled through buf one chunk at a time, so a file of any size
 * is read in TSV_CHUNK bytes of text (plus the current line).  Plain text is
 * read straight into buf; gzip is read into raw and inflated into buf. */
typedef struct tsv_in {
    js_source *src;
    unsigned char *raw;  /* TSV_CHUNK bytes of gzip read from src */
    unsigned char *buf;  /* TSV_CHUNK bytes of text */
    size_t pos, len;     /* next byte of buf; bytes valid in buf */
    int gzip;            /* the file starts with the gzip magic 1F 8B */
    int member_end;      /* inflate passed a member's end (its CRC and length matched) */
    uint64_t gz_in, gz_out; /* gzip bytes read, text bytes inflated, over every member */
    int eof;             /* no more text: the end, or err */
    z_stream z;
    js_status err;       /* JS_OK, or why the text stopped early */
    const char *err_what; /* the message for err (static text) */
    const char *err_zlib; /* zlib's own word on corrupt data (its static text), or NULL */
} tsv_in;

/* Stop the input with status st and message what (static text). */
static int tsv_in_fail(tsv_in *in, js_status st, const char *what)
{
    in->err = st;
    in->err_what = what;
    in->err_zlib = in->gzip ? in->z.msg : NULL;
    in->eof = 1;
    return -1;
}

/* Up to TSV_CHUNK bytes of the file into dst.  0, or -1 on a read error. */
static int tsv_read_src(tsv_in *in, unsigned char *dst, size_t *n)
{
    if (js_source_read(in->src, dst, TSV_CHUNK, n) == JS_OK)
        return 0;
    return tsv_in_fail(in, JS_EIO, "read error");
}

/* More gzip bytes into z; 0, 1 when the file has ended, -1 on error. */
static int tsv_gzip_input(tsv_in *in)
{
    size_t n = 0;
    if (tsv_read_src(in, in->raw, &n) != 0)
        return -1;
    in->z.next_in = in->raw;
    in->z.avail_in = (uInt)n; /* n <= TSV_CHUNK */
    in->gz_in += n;
    return n == 0;
}

/* Inflate into buf until it holds text.  A member is complete only when
 * inflate returns Z_STREAM_END, after the gzip trailer's CRC-32 and length
 * matched; running out of file before that is a truncated stream (a cut
 * download), not the end of the data.  Members after the first (gzip a b >
 * ab.gz) are read on, as gunzip does. */
static int tsv_gzip_fill(tsv_in *in)
{
    while (in->len == 0) {
        if (in->z.avail_in == 0) {
            const int r = tsv_gzip_input(in);
            if (r < 0)
                return -1;
            if (r > 0 && in->member_end) {
                in->eof = 1;
                return -1;
            }
            if (r > 0)
                return tsv_in_fail(in, JS_EDATA, "truncated gzip stream: the file ends before "
                                                 "the end of its compressed data (a cut "
                                                 "download?)");
        }
        if (in->member_end) { /* bytes follow a member: the next member */
            if (inflateReset(&in->z) != Z_OK)
                return tsv_in_fail(in, JS_EINTERNAL, "inflateReset failed");
            in->member_end = 0;
        }
        in->z.next_out = in->buf;
        in->z.avail_out = TSV_CHUNK;
        const int r = inflate(&in->z, Z_NO_FLUSH);
        in->len = TSV_CHUNK - in->z.avail_out;
        in->gz_out += in->len;
        if (in->gz_out > TSV_BOMB_BYTES && in->gz_out / TSV_BOMB_RATIO > in->gz_in)
            return tsv_in_fail(in, JS_EDATA, "the gzip data inflate to over 200 times their size "
                                             "(past 64 MiB of text): a gzip bomb? Inflate the file "
                                             "yourself (gunzip) if it is meant");
        if (r == Z_STREAM_END)
            in->member_end = 1;
        else if (r == Z_MEM_ERROR)
            return tsv_in_fail(in, JS_ENOMEM, "out of memory in zlib");
        else if (r != Z_OK && r != Z_BUF_ERROR) /* Z_BUF_ERROR: it wants more input */
            return tsv_in_fail(in, JS_EDATA, "corrupt gzip data");
    }
    return 0;
}

/* Refill in->buf; 0 when bytes are available. */
static int tsv_fill(tsv_in *in)
{
    if (in->eof)
        return -1;
    in->pos = in->len = 0;
    if (in->gzip)
        return tsv_gzip_fill(in);
    if (tsv_read_src(in, in->buf, &in->len) != 0)
        return -1;
    in->eof = in->len == 0;
    return in->eof ? -1 : 0;
}

/* Open the input: the first chunk tells plain text from gzip. */
static js_status tsv_in_init(tsv_in *in, js_source *src)
{
    memset(in, 0, sizeof *in);
    in->src = src;
    in->raw = js_malloc(TSV_CHUNK);
    in->buf = js_malloc(TSV_CHUNK);
    if (in->raw == NULL || in->buf == NULL)
        return JS_ENOMEM;
    size_t n = 0;
    if (tsv_read_src(in, in->raw, &n) != 0)
        return in->err;
    if (n >= 2 && in->raw[0] == 0x1F && in->raw[1] == 0x8B) {
        in->gzip = 1;
        if (inflateInit2(&in->z, 15 + 16) != Z_OK) /* 15 + 16: gzip only, no zlib header */
            return JS_ENOMEM;
        in->z.next_in = in->raw;
        in->z.avail_in = (uInt)n; /* n <= TSV_CHUNK */
        return JS_OK;
    }
    memcpy(in->buf, in->raw, n);
    in->len = n;
    in->eof = n == 0;
    return JS_OK;
}

static void tsv_in_fini(tsv_in *in)
{
    if (in->gzip)
        inflateEnd(&in->z);
    js_free(in->raw);
    js_free(in->buf);
}

/* One line (without CR/LF) into b.  0, or -1 at the end of input or when
 * the input stopped on an error (in->err): a line cut by the error is not
 * returned, so that the error, not a short row, is what gets reported. */
static int tsv_line(tsv_in *in, js_buf *b)
{
    js_buf_reset(b);
    int any = 0;
    for (;;) {
        if (in->pos == in->len && tsv_fill(in) != 0)
            return any && in->err == JS_OK ? 0 : -1;
        any = 1;
        const unsigned char *const start = in->buf + in->pos;
        const unsigned char *const nl = memchr(start, '\n', in->len - in->pos);
        const size_t n = nl ? (size_t)(nl - start) : in->len - in->pos;
        if (b->len + n > TSV_LINE_MAX)
            return tsv_in_fail(in, JS_EDATA, "line longer than 64 MiB");
        /* a NUL would end the line's C strings early and misname its series */
        if (memchr(start, '\0', n) != NULL)
            return tsv_in_fail(in, JS_EDATA, "expected text, found a NUL byte (a binary file, "
                                             "or UTF-16: save it as UTF-8)");
        js_buf_append(b, start, n);
        in->pos += n + (nl != NULL);
        if (nl != NULL)
            break;
    }
    if (b->len > 0 && b->data[b->len - 1] == '\r')
        b->data[--b->len] = '\0';
    return 0;
}

/* ---- State ---------------------------------------------------------------------- */

typedef struct tsv_ctx {
    const char *path;
    js_diag *d;
    const js_read_opts *o;
    js_cube *cube;
    size_t n_series;    /* series dimensions (time is the last dimension) */
    size_t n_periods;   /* period columns */
    size_t *col_cat;    /* column -> time category */
    size_t *idx;        /* n_series + 1 coordinates */
    size_t line;
    size_t n_rows;      /* data rows read */
} tsv_ctx;

static char *tsv_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static size_t tsv_count(const char *s, char sep)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == sep;
    return n;
}

/* Split s in place at sep; up to cap fields.  Returns the field count. */
static size_t tsv_split(char *s, char sep, char **f, size_t cap)
{
    size_t n = 0;
    for (;;) {
        char *const e = strchr(s, sep);
        if (n < cap)
            f[n] = s;
        n++;
        if (e == NULL)
            return n;
        *e = '\0';
        s = e + 1;
    }
}

/* ---- Header ------------------------------------------------------------------------ */

static int tsv_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Time categories in ascending order; col_cat maps each column to one. */
/* n digits at p, forming a number from lo to hi. */
static int tsv_digits(const char *p, int n, int lo, int hi)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    return v >= lo && v <= hi;
}

/* A period as Eurostat writes one: 2020, 2020Q1, 2020S2, 2020M01, 2020W53,
 * 2020-01, 2020-01-31, each also with '-' before its letter (2020-Q1). */
static int tsv_period_ok(const char *p)
{
    if (!tsv_digits(p, 4, 1000, 9999))
        return 0;
    p += 4;
    if (*p == '\0')
        return 1;
    if (p[0] == '-' && tsv_digits(p + 1, 2, 1, 12))
        return p[3] == '\0' || (p[3] == '-' && tsv_digits(p + 4, 2, 1, 31) && p[6] == '\0');
    if (*p == '-')
        p++;
    switch (*p) {
    case 'Q': return tsv_digits(p + 1, 1, 1, 4) && p[2] == '\0';
    case 'S': return tsv_digits(p + 1, 1, 1, 2) && p[2] == '\0';
    case 'M': return tsv_digits(p + 1, 2, 1, 12) && p[3] == '\0';
    case 'W': return tsv_digits(p + 1, 2, 1, 53) && p[3] == '\0';
    default: return 0;
    }
}

static js_status tsv_periods(tsv_ctx *x, char **cells, size_t n, size_t time_dim, int is_time)
{
    char **const sorted = js_calloc(n, sizeof *sorted);
    x->col_cat = js_calloc(n, sizeof *x->col_cat);
    if (sorted == NULL || x->col_cat == NULL) {
        js_free(sorted);
        return JS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        sorted[i] = cells[i] = tsv_trim(cells[i]);
    qsort(sorted, n, sizeof *sorted, tsv_cmp_str);
    js_status st = JS_OK;
    for (size_t i = 0; i < n && st == JS_OK; i++) {
        if (is_time && *sorted[i] != '\0' && !tsv_period_ok(sorted[i])) {
            js_diag_error(x->d, x->path, 1, 0, "header: expected periods as Eurostat writes them "
                          "(2020, 2020Q1, 2020S1, 2020M01, 2020W01, 2020-01-31), found \"%.40s\"",
                          sorted[i]);
            st = JS_EDATA;
        } else if (*sorted[i] == '\0' || (i > 0 && strcmp(sorted[i], sorted[i - 1]) == 0)) {
            js_diag_error(x->d, x->path, 1, 0, "header: period \"%s\" is %s", sorted[i],
                          *sorted[i] ? "repeated" : "empty");
            st = JS_EDATA;
        } else {
            st = js_cube_add_category(x->cube, time_dim, sorted[i], NULL, NULL);
        }
    }
    for (size_t i = 0; i < n && st == JS_OK; i++)
        x->col_cat[i] = js_dim_find(js_cube_dim(x->cube, time_dim), cells[i]);
    js_free(sorted);
    return st;
}

static js_status tsv_header(tsv_ctx *x, char *line)
{
    const size_t n_cells = tsv_count(line, '\t');
    char **const cells = js_calloc(n_cells, sizeof *cells);
    if (cells == NULL)
        return JS_ENOMEM;
    (void)tsv_split(line, '\t', cells, n_cells);
    char *const bs = strrchr(cells[0], '\\');
    js_status st = JS_OK;
    if (bs == NULL || n_cells < 2) {
        js_diag_error(x->d, x->path, 1, 0, "header: expected \"dim1,dim2\\TIME_PERIOD\" and "
                      "period columns separated by tabs, found \"%.60s\"", cells[0]);
        st = JS_EDATA;
    }
    if (st == JS_OK) {
        *bs = '\0';
        const char *const right = tsv_trim(bs + 1);
        const int is_time = strcasecmp(right, "time") == 0 || strcasecmp(right, "TIME_PERIOD") == 0;
        char *dims[256];
        x->n_series = tsv_split(cells[0], ',', dims, 256);
        const char *const time_name = is_time ? "time" : right;
        for (size_t i = 0; i <= x->n_series && i <= 256 && st == JS_OK; i++) {
            const char *const name = i < x->n_series ? tsv_trim(dims[i]) : time_name;
            if (x->n_series <= 256 && js_cube_dim_named(x->cube, name) != SIZE_MAX) {
                js_diag_error(x->d, x->path, 1, 0, "header: dimension \"%s\" is named twice", name);
                st = JS_EDATA;
            }
            if (st == JS_OK && i < x->n_series)
                st = x->n_series > 256 ? JS_EINTERNAL
                                       : js_cube_add_dim(x->cube, name, NULL, JS_ROLE_OTHER, NULL);
        }
        size_t td = 0;
        if (st == JS_OK)
            st = js_cube_add_dim(x->cube, time_name, right, JS_ROLE_OTHER, &td);
        /* js_cube_add_dim refuses a dimension past the cube's limit with
         * JS_EINTERNAL; here that is bad input, not a bug (found by
         * tests/fuzz/fuzz_tsv.c: corpus/tsv/crash-too-many-dims.tsv). */
        if (st == JS_EINTERNAL) {
            js_diag_error(x->d, x->path, 1, 0, "header: %zu series dimensions before the "
                          "backslash, more than a table can have", x->n_series);
            st = JS_EDATA;
        }
        x->n_periods = n_cells - 1;
        if (st == JS_OK)
            st = tsv_periods(x, cells + 1, x->n_periods, td, is_time);
    }
    js_free(cells);
    if (st == JS_OK)
        x->idx = js_calloc(x->n_series + 1, sizeof *x->idx);
    return st == JS_OK && x->idx == NULL ? JS_ENOMEM : st;
}

/* ---- Rows ---------------------------------------------------------------------------- */

static js_cell tsv_flag_cell(const char *flags)
{
    if (strpbrk(flags, "cCNP") != NULL)
        return JS_CELL_SUPPRESSED;
    if (strchr(flags, 'z') != NULL)
        return JS_CELL_NA;
    return JS_CELL_MISSING;
}

/* One cell "value flags" of column col. */
static js_status tsv_cell(tsv_ctx *x, char *text, size_t col)
{
    char *const t = tsv_trim(text);
    if (*t == '\0')
        return JS_OK; /* never given: missing */
    char *flags = strchr(t, ' ');
    if (flags != NULL) {
        *flags++ = '\0';
        flags = tsv_trim(flags);
    }
    /* Eurostat's flags are letters ("p", "bep", ": c"); anything else after
     * the space is no flag: "1 234" was read as 1 flagged "234". */
    for (const char *f = flags; f != NULL && *f != '\0'; f++)
        if (!isalpha((unsigned char)*f)) {
            js_diag_error(x->d, x->path, x->line, 0, "period %s: expected a number and flag "
                          "letters (\"12.5 p\", \": c\"), found \"%s %s\"",
                          js_dim_category(js_cube_dim(x->cube, x->n_series), x->col_cat[col])->code,
                          t, flags);
            return JS_EDATA;
        }
    x->idx[x->n_series] = x->col_cat[col];
    if (strcmp(t, ":") == 0) {
        const int has = flags && *flags;
        return js_cube_stage(x->cube, x->idx, 0.0, has ? tsv_flag_cell(flags) : JS_CELL_MISSING,
                             has ? flags : ":", x->line);
    }
    double v;
    if (!js_parse_decimal(t, &v)) { /* not strtod: it takes "inf", "nan", "0x10", "1e400" */
        js_diag_error(x->d, x->path, x->line, 0, "period %s: expected a number or ':', found "
                      "\"%s\"", js_dim_category(js_cube_dim(x->cube, x->n_series),
                                                x->col_cat[col])->code, t);
        return JS_EDATA;
    }
    return js_cube_stage(x->cube, x->idx, v, JS_CELL_OK, flags && *flags ? flags : NULL,
                         x->line);
}

static js_status tsv_row(tsv_ctx *x, char *line)
{
    const size_t n = tsv_count(line, '\t');
    char *key = line;
    if (n != x->n_periods + 1) { /* a ragged row: name its series too, to find it */
        const size_t key_len = strcspn(line, "\t");
        js_diag_error(x->d, x->path, x->line, 0, "series \"%.*s\": expected %zu tab-separated "
                      "cells (the series key and %zu periods), found %zu",
                      (int)(key_len < 80 ? key_len : 80) /* <= 80: fits */, line,
                      x->n_periods + 1, x->n_periods, n);
        return JS_EDATA;
    }
    char *const tab = strchr(line, '\t');
    *tab = '\0';
    char *codes[256];
    const size_t k = tsv_split(key, ',', codes, 256);
    if (k != x->n_series) {
        js_diag_error(x->d, x->path, x->line, 0, "series key \"%s...\": expected %zu codes, "
                      "found %zu", codes[0], x->n_series, k);
        return JS_EDATA;
    }
    for (size_t i = 0; i < k; i++) {
        const js_status st = js_cube_add_category(x->cube, i, tsv_trim(codes[i]), NULL,
                                                  &x->idx[i]);
        if (st != JS_OK)
            return st;
    }
    char *p = tab + 1;
    for (size_t col = 0; col < x->n_periods; col++) {
        char *const next = strchr(p, '\t');
        if (next != NULL)
            *next = '\0';
        const js_status st = tsv_cell(x, p, col);
        if (st != JS_OK)
            return st;
        p = next ? next + 1 : p + strlen(p);
    }
    return JS_OK;
}

/* ---- Roles and driver ---------------------------------------------------------------- */

static js_status tsv_roles(tsv_ctx *x)
{
    const size_t nd = js_cube_ndims(x->cube);
    for (size_t i = 0; i < nd; i++) {
        const js_dim *const dim = js_cube_dim(x->cube, i);
        const js_role r = i + 1 == nd ? JS_ROLE_TIME : js_harm_role_from_name(js_dim_name(dim));
        if (r == JS_ROLE_OTHER || js_read_role_given(x->o, x->cube, i))
            continue;
        if (js_cube_set_role(x->cube, i, r) == JS_EDATA) /* only sex can fail to fit */
            return js_read_unfit_sex(x->cube, i, x->path, 1, x->d);
    }
    for (size_t r = 0; r < x->o->n_roles; r++) {
        const size_t di = js_cube_find_dim(x->cube, x->o->roles[r].dim);
        if (di != SIZE_MAX && js_cube_set_role(x->cube, di, x->o->roles[r].role) != JS_OK) {
            js_diag_error(x->d, x->path, 0, 0, "dimension \"%s\": its codes do not fit the role "
                          "\"%s\" given for it", x->o->roles[r].dim,
                          js_role_name(x->o->roles[r].role));
            return JS_EDATA;
        }
    }
    return JS_OK;
}

/* The dense cube must stay under opts->max_cells (and not overflow). */
static js_status tsv_check_size(tsv_ctx *x)
{
    /* each row stands for n_periods cells, given or left empty */
    const js_status st = js_read_check_given(x->cube, x->n_rows * x->n_periods, x->path, x->d);
    if (st != JS_OK)
        return st;
    const size_t cap = x->o->max_cells ? x->o->max_cells : JS_READ_DEFAULT_MAX_CELLS;
    size_t n = 1;
    for (size_t i = 0; i < js_cube_ndims(x->cube); i++) {
        const size_t s = js_dim_size(js_cube_dim(x->cube, i));
        if (s != 0 && n > SIZE_MAX / s) {
            n = SIZE_MAX;
            break;
        }
        n *= s;
    }
    if (n <= cap)
        return JS_OK;
    js_diag_error(x->d, x->path, 0, 0, "the table has %zu cells or more, over the limit of %zu",
                  n, cap);
    return JS_ENOMEM;
}

static js_status tsv_read(tsv_ctx *x, tsv_in *in)
{
    js_buf line;
    js_buf_init(&line);
    js_status st = JS_OK;
    x->line = 1;
    const int no_header = tsv_line(in, &line) != 0;
    if (no_header && in->err == JS_OK) { /* else the input's error, reported below */
        js_diag_error(x->d, x->path, 1, 0, "expected a header line, found an empty file");
        st = JS_EDATA;
    } else if (!no_header) {
        st = line.failed ? JS_ENOMEM : tsv_header(x, line.data);
    }
    while (st == JS_OK && !no_header && tsv_line(in, &line) == 0) {
        x->line++;
        if (line.failed)
            st = JS_ENOMEM;
        else if (line.len > 0 && (st = tsv_row(x, line.data)) == JS_OK)
            x->n_rows++;
    }
    if (st == JS_OK && !no_header && in->err == JS_OK && x->n_rows == 0) {
        /* as the CSV reader: a header alone is no table (it described as 0 cells) */
        js_diag_error(x->d, x->path, x->line + 1, 0, "expected data rows after the header, found "
                      "none");
        st = JS_EDATA;
    }
    if (st == JS_OK && in->err != JS_OK) { /* at the line where the text stopped */
        js_diag_error(x->d, x->path, no_header ? 1 : x->line + 1, 0, "%s%s%s", in->err_what,
                      in->err_zlib != NULL ? ": zlib: " : "",
                      in->err_zlib != NULL ? in->err_zlib : "");
        st = in->err;
    }
    js_buf_fini(&line);
    if (st == JS_OK)
        st = tsv_roles(x);
    if (st == JS_OK)
        st = tsv_check_size(x);
    if (st == JS_OK)
        st = js_cube_commit(x->cube, x->path, x->d);
    return st;
}

static js_status tsv_meta(tsv_ctx *x, int gzip)
{
    js_status st = js_cube_set_meta(x->cube, JS_META_FORMAT, "eurostat-tsv");
    if (st == JS_OK)
        st = js_cube_set_meta(x->cube, JS_META_ENCODING, gzip ? "UTF-8 (gzip)" : "UTF-8");
    if (st == JS_OK && x->o->measure != NULL)
        st = js_cube_set_meta(x->cube, JS_META_MEASURE, x->o->measure);
    return st;
}

js_status js_read_tsv(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d)
{
    js_read_opts defaults;
    if (o == NULL) {
        js_read_opts_init(&defaults);
        o = &defaults;
    }
    tsv_ctx x;
    memset(&x, 0, sizeof x);
    x.path = js_source_name(src);
    x.d = d;
    x.o = o;
    tsv_in in;
    js_status st = tsv_in_init(&in, src);
    if (st != JS_OK && in.err_what != NULL)
        js_diag_error(d, x.path, 0, 0, "%s", in.err_what);
    if (st == JS_OK && (x.cube = js_cube_alloc()) == NULL)
        st = JS_ENOMEM;
    if (st == JS_OK)
        st = tsv_read(&x, &in);
    if (st == JS_OK)
        st = tsv_meta(&x, in.gzip);
    if (st == JS_ENOMEM && js_diag_count(d, JS_SEV_ERROR) == 0)
        js_diag_error(d, x.path, 0, 0, "out of memory");
    if (st == JS_OK)
        *out = x.cube;
    else
        js_cube_free(x.cube);
    tsv_in_fini(&in);
    js_free(x.col_cat);
    js_free(x.idx);
    return st;
}
