/*
 * out_csv.c - indicators.csv (every result in one long table) and the tidy
 * CSV of one cube that `jamstat convert` writes.
 *
 * Dialects:
 *   plain     RFC 4180 quoting, ',' separator, LF line ends, UTF-8 without
 *             BOM, C-locale numbers in their shortest round-trip form.  For
 *             programs: R's read.csv, pandas, our own CSV reader.
 *   excel_sv  what Swedish Excel opens by double-click: ';' separator,
 *             decimal comma, a UTF-8 BOM (else Excel guesses Windows-1252)
 *             and CRLF line ends.
 * A field is quoted only when it holds the separator, a quote, CR or LF;
 * quotes inside are doubled.
 *
 * Formula injection (OWASP "CSV injection"): labels come from downloaded
 * data, and a label "=HYPERLINK(...)" or "+cmd|' /C calc'!A0" in a CSV that
 * someone double-clicks runs in Excel or LibreOffice.  In BOTH dialects a
 * text field that a spreadsheet would take for a formula
 * (js_out_formula_like: starting with = + - @ TAB CR, except a lone sign
 * and plain numbers such as the age code "-19") is written with a leading
 * "'", which spreadsheets show as text.  The plain dialect does it too
 * because indicators.csv is plain and is opened in spreadsheets as often
 * as it is read by programs; the cost is that such a label reads back
 * with its "'".  Numbers in numeric columns are never prefixed.
 *
 * indicators.csv has one column pair per dimension over the union of the
 * results' dimensions (matched by name, in order of first appearance), so
 * results with different "by" dimensions share one file; a result lacking
 * a dimension leaves those columns empty.  The "_label" column is written
 * only when some label differs from its code (years and codes-only inputs
 * would just repeat themselves).
 *
 * Both files are written through js_atomic_*: all or nothing.
 */
#include "jamstat/output.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "jamstat/format.h"
#include "out/out_internal.h"

/* ---- A minimal CSV field writer ----------------------------------------- */

typedef struct csv_writer {
    FILE *fp;
    char sep;          /* ',' or ';' */
    const char *eol;   /* "\n" or "\r\n" */
    int decimal_comma; /* excel_sv: numbers with ',' */
    size_t col;        /* fields written in the current row */
    int codes;         /* JS_TIDY_CODES: codes, value and status only */
} csv_writer;

/* s with every '"' doubled (whole runs between quotes in one fwrite). */
static void csv_put_quoted(FILE *fp, const char *s)
{
    for (;;) {
        const char *const q = strchr(s, '"');
        const size_t n = q != NULL ? (size_t)(q - s) + 1 : strlen(s);
        (void)fwrite(s, 1, n, fp);
        if (q == NULL)
            return;
        (void)putc('"', fp);
        s = q + 1;
    }
}

/* Does s hold the separator, a quote, CR or LF?  *len receives its length
 * (one pass: tidy CSVs of streamed PX files have hundreds of millions of
 * fields). */
static int csv_needs_quotes(const csv_writer *w, const char *s, size_t *len)
{
    int special = 0;
    size_t i = 0;
    for (; s[i] != '\0'; i++)
        special |= s[i] == w->sep || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    *len = i;
    return special;
}

int js_out_formula_like(const char *s)
{
    const char c = s[0];
    if (c == '=' || c == '@' || c == '\t' || c == '\r')
        return 1;
    if ((c != '+' && c != '-') || s[1] == '\0')
        return 0;
    size_t i = 1, digits = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (s[i] == '.' || s[i] == ',')
        for (i++; s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    return digits == 0 || s[i] != '\0';
}

/* Write the text field s followed by suffix (NULL for none) as one field;
 * a field a spreadsheet would run as a formula gets a leading '. */
static void csv_field_suffix(csv_writer *w, const char *s, const char *suffix)
{
    if (w->col++ > 0)
        (void)putc(w->sep, w->fp);
    if (s == NULL)
        return;
    const int formula = js_out_formula_like(s);
    size_t n_s = 0, n_suffix = 0;
    int quote = csv_needs_quotes(w, s, &n_s);
    if (suffix != NULL)
        quote |= csv_needs_quotes(w, suffix, &n_suffix);
    if (!quote) {
        if (formula)
            (void)putc('\'', w->fp);
        (void)fwrite(s, 1, n_s, w->fp);
        (void)fwrite(suffix != NULL ? suffix : "", 1, n_suffix, w->fp);
        return;
    }
    (void)putc('"', w->fp);
    if (formula)
        (void)putc('\'', w->fp);
    csv_put_quoted(w->fp, s);
    if (suffix != NULL)
        csv_put_quoted(w->fp, suffix);
    (void)putc('"', w->fp);
}

static void csv_field(csv_writer *w, const char *s)
{
    csv_field_suffix(w, s, NULL);
}

/* An integral v below 1e15 in magnitude as its digits (js_fmt_fixed with
 * no decimals): exactly what js_out_fmt_double's first try (%.15g)
 * writes, without its snprintf and strtod round trip (most cells of a
 * statistics table are counts).  0 for other values (and -0, which %.15g
 * writes as "-0"). */
static int csv_integer(double v, char buf[JS_OUT_NUM_CAP])
{
    if (!(fabs(v) < 1e15) || (signbit(v) && !(v < 0.0)))
        return 0;
    const long long k = (long long)v; /* in range: |v| < 1e15 < 2^63 */
    if ((double)k < v || (double)k > v)
        return 0;
    (void)js_fmt_fixed(v, 0, buf, JS_OUT_NUM_CAP);
    return 1;
}

static void csv_number(csv_writer *w, double v)
{
    char buf[JS_OUT_NUM_CAP];
    if (!csv_integer(v, buf))
        js_out_fmt_double(v, buf);
    if (w->decimal_comma) {
        char *const dot = strchr(buf, '.');
        if (dot != NULL)
            *dot = ',';
    }
    if (w->col++ > 0) /* a number: never quoted, never prefixed */
        (void)putc(w->sep, w->fp);
    (void)fputs(buf, w->fp);
}

static void csv_end_row(csv_writer *w)
{
    (void)fputs(w->eol, w->fp);
    w->col = 0;
}

static const char *csv_label(const js_category *k)
{
    return k->label != NULL ? k->label : k->code;
}

static int csv_dim_has_labels(const js_dim *dim)
{
    const size_t n = js_dim_size(dim);
    for (size_t i = 0; i < n; i++) {
        const js_category *const k = js_dim_category(dim, i);
        if (strcmp(csv_label(k), k->code) != 0)
            return 1;
    }
    return 0;
}

/* Finish the atomic file: commit when the rows were written, else drop it. */
static js_status csv_finish(js_atomic *a, js_status st, js_diag *d)
{
    if (st != JS_OK) {
        js_atomic_abort(a);
        return st;
    }
    return js_atomic_commit(a, d);
}

/* ---- indicators.csv ------------------------------------------------------- */

/* One dimension column (pair) of indicators.csv. */
typedef struct csv_col {
    const char *name; /* borrowed from the first cube that has it */
    int has_label;    /* write a <name>_label column after the code */
} csv_col;

/* The union of dimension names over all results, in order of first
 * appearance.  *cols is js_malloc'ed (caller frees), *n_cols its length. */
static js_status csv_union_dims(const js_result *results, size_t n, csv_col **cols,
                                size_t *n_cols)
{
    size_t cap = 1;
    for (size_t r = 0; r < n; r++)
        cap += js_cube_ndims(results[r].cube);
    csv_col *const u = js_calloc(cap, sizeof *u);
    if (u == NULL)
        return JS_ENOMEM;
    size_t m = 0;
    for (size_t r = 0; r < n; r++) {
        const js_cube *const c = results[r].cube;
        for (size_t i = 0; i < js_cube_ndims(c); i++) {
            const js_dim *const dim = js_cube_dim(c, i);
            size_t j = 0;
            while (j < m && strcmp(u[j].name, js_dim_name(dim)) != 0)
                j++;
            if (j == m)
                u[m++].name = js_dim_name(dim);
            u[j].has_label |= csv_dim_has_labels(dim);
        }
    }
    *cols = u;
    *n_cols = m;
    return JS_OK;
}

static void csv_indicators_header(csv_writer *w, const csv_col *cols, size_t n_cols)
{
    csv_field(w, "indicator");
    for (size_t j = 0; j < n_cols; j++) {
        csv_field(w, cols[j].name);
        if (cols[j].has_label)
            csv_field_suffix(w, cols[j].name, "_label");
    }
    const char *const tail[] = {"value", "ci_low", "ci_high", "unit", "flags"};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
        csv_field(w, tail[i]);
    csv_end_row(w);
}

/* For each union column, the matching dimension index of cube c, or
 * SIZE_MAX when c lacks that dimension. */
static void csv_map_dims(const js_cube *c, const csv_col *cols, size_t n_cols, size_t *map)
{
    for (size_t j = 0; j < n_cols; j++) {
        map[j] = SIZE_MAX;
        for (size_t i = 0; i < js_cube_ndims(c); i++)
            if (strcmp(js_dim_name(js_cube_dim(c, i)), cols[j].name) == 0)
                map[j] = i;
    }
}

static void csv_indicator_rows(csv_writer *w, const js_result *res, const csv_col *cols,
                               size_t n_cols, const size_t *map, size_t *idx)
{
    const js_cube *const c = res->cube;
    const size_t n_cells = js_cube_ncells(c);
    for (size_t cell = 0; cell < n_cells; cell++) {
        js_cube_cell_coords(c, cell, idx);
        csv_field(w, res->id);
        for (size_t j = 0; j < n_cols; j++) {
            const js_category *const k =
                map[j] == SIZE_MAX ? NULL : js_dim_category(js_cube_dim(c, map[j]), idx[map[j]]);
            csv_field(w, k != NULL ? k->code : NULL);
            if (cols[j].has_label)
                csv_field(w, k != NULL ? csv_label(k) : NULL);
        }
        /* no interval without a value: a suppressed value's interval would
         * disclose it */
        const double v = js_cube_value(c, cell);
        if (js_cube_flags(c, cell) & JS_FLAG_SUPPRESSED)
            csv_field(w, ".."); /* disclosure control: SCB's mark, never a number */
        else
            csv_number(w, v);
        csv_number(w, isnan(v) ? v : js_cube_ci_low(c, cell));
        csv_number(w, isnan(v) ? v : js_cube_ci_high(c, cell));
        csv_field(w, res->unit);
        char flags[256];
        csv_field(w, js_flags_format(js_cube_flags(c, cell), flags, sizeof flags));
        csv_end_row(w);
    }
}

static js_status csv_indicators_body(csv_writer *w, const js_result *results, size_t n)
{
    csv_col *cols = NULL;
    size_t n_cols = 0;
    js_status st = csv_union_dims(results, n, &cols, &n_cols);
    if (st != JS_OK)
        return st;
    size_t max_dims = 1;
    for (size_t r = 0; r < n; r++)
        if (js_cube_ndims(results[r].cube) > max_dims)
            max_dims = js_cube_ndims(results[r].cube);
    size_t *const map = js_calloc(n_cols + 1, sizeof *map);
    size_t *const idx = js_calloc(max_dims, sizeof *idx);
    if (map == NULL || idx == NULL) {
        st = JS_ENOMEM;
    } else {
        csv_indicators_header(w, cols, n_cols);
        for (size_t r = 0; r < n; r++) {
            csv_map_dims(results[r].cube, cols, n_cols, map);
            csv_indicator_rows(w, &results[r], cols, n_cols, map, idx);
        }
    }
    js_free(idx);
    js_free(map);
    js_free(cols);
    return st;
}

js_status js_out_indicators_csv(const char *path, const js_result *results, size_t n,
                                js_diag *d)
{
    js_atomic a;
    const js_status st = js_atomic_open(&a, path, d);
    if (st != JS_OK)
        return st;
    csv_writer w = {a.fp, ',', "\n", 0, 0, 0};
    return csv_finish(&a, csv_indicators_body(&w, results, n), d);
}

/* ---- Tidy CSV of one cube -------------------------------------------------- */

static void csv_tidy_header(csv_writer *w, const js_cube *c)
{
    for (size_t i = 0; i < js_cube_ndims(c); i++) {
        const js_dim *const dim = js_cube_dim(c, i);
        const js_role role = js_dim_role(dim);
        const int by_role = w->codes && role != JS_ROLE_OTHER && role != JS_ROLE_CONTENTS;
        const char *const name = by_role ? js_role_name(role) : js_dim_name(dim);
        csv_field(w, name);
        if (!w->codes)
            csv_field_suffix(w, name, "_label");
    }
    csv_field(w, "value");
    csv_field(w, "status");
    if (!w->codes)
        csv_field(w, "symbol");
    csv_end_row(w);
}

/* The rows of one cube (no header). */
static js_status csv_tidy_rows(csv_writer *w, const js_cube *c)
{
    const size_t nd = js_cube_ndims(c), n_cells = js_cube_ncells(c);
    size_t *const idx = js_calloc(nd + 1, sizeof *idx);
    if (idx == NULL)
        return JS_ENOMEM;
    for (size_t cell = 0; cell < n_cells; cell++) {
        js_cube_cell_coords(c, cell, idx);
        for (size_t i = 0; i < nd; i++) {
            const js_category *const k = js_dim_category(js_cube_dim(c, i), idx[i]);
            csv_field(w, k->code);
            if (!w->codes)
                csv_field(w, csv_label(k));
        }
        csv_number(w, js_cube_value(c, cell));
        csv_field(w, js_cell_name(js_cube_status(c, cell)));
        if (!w->codes)
            csv_field(w, js_cube_symbol(c, cell));
        csv_end_row(w);
    }
    js_free(idx);
    return JS_OK;
}

static js_status csv_tidy_body(csv_writer *w, const js_cube *c)
{
    csv_tidy_header(w, c);
    return csv_tidy_rows(w, c);
}

static void csv_tidy_dialect(csv_writer *w, FILE *fp, int flags)
{
    const csv_writer plain = {fp, ',', "\n", 0, 0, (flags & JS_TIDY_CODES) != 0};
    *w = plain;
    if (flags & JS_TIDY_EXCEL_SV) {
        w->sep = ';';
        w->eol = "\r\n";
        w->decimal_comma = 1;
        (void)fputs("\xEF\xBB\xBF", fp);
    }
}

js_status js_out_tidy_csv(const char *path, const js_cube *c, int excel_sv, js_diag *d)
{
    js_atomic a;
    const js_status st = js_atomic_open(&a, path, d);
    if (st != JS_OK)
        return st;
    csv_writer w;
    csv_tidy_dialect(&w, a.fp, excel_sv);
    return csv_finish(&a, csv_tidy_body(&w, c), d);
}

/* ---- Tidy CSV, cube by cube ------------------------------------------------ */

struct js_tidy_writer {
    js_atomic file;  /* the temporary beside the target */
    csv_writer w;
    size_t n_cubes;  /* cubes appended so far: the header goes before the first */
};

js_status js_out_tidy_open(const char *path, int excel_sv, js_tidy_writer **out, js_diag *d)
{
    js_tidy_writer *const t = js_calloc(1, sizeof *t);
    if (t == NULL)
        return JS_ENOMEM;
    const js_status st = js_atomic_open(&t->file, path, d);
    if (st != JS_OK) {
        js_free(t);
        return st;
    }
    csv_tidy_dialect(&t->w, t->file.fp, excel_sv);
    *out = t;
    return JS_OK;
}

js_status js_out_tidy_append(js_tidy_writer *t, const js_cube *c)
{
    if (t->n_cubes++ == 0)
        csv_tidy_header(&t->w, c);
    return csv_tidy_rows(&t->w, c);
}

js_status js_out_tidy_commit(js_tidy_writer *t, js_diag *d)
{
    const js_status st = js_atomic_commit(&t->file, d);
    js_free(t);
    return st;
}

void js_out_tidy_abort(js_tidy_writer *t)
{
    if (t == NULL)
        return;
    js_atomic_abort(&t->file);
    js_free(t);
}
