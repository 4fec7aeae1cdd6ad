/*
 * out_table.c - the [table] output: indicators side by side, one row per
 * combination of the row dimensions.
 *
 * The rows (out_wide, shared with the xlsx sheet and the report's table)
 * are the cells of the first result, sorted by their codes in natural
 * order (js_natural_cmp, as a chart's sort = code); the other
 * results are looked up by code, so their category order does not matter.
 * Numbers are printed as printf's correctly rounded %.*f in the C locale
 * would (js_fmt_fixed), the same rule as Python's format(), R's sprintf()
 * and DuckDB's printf().
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "core/natcmp.h"
#include "jamstat/format.h"
#include "jamstat/output.h"
#include "out/out_internal.h"

/* A row carries its own sort key (qsort has no context argument). */
struct out_wide_row {
    size_t cell;                     /* cell of the first result */
    const js_category *cats[9];      /* its categories in by order, NULL after the last */
};

static int table_row_cmp(const void *a, const void *b)
{
    const out_wide_row *const x = a, *const y = b;
    for (size_t i = 0; x->cats[i] != NULL; i++) {
        const int c = js_natural_cmp(x->cats[i]->code, y->cats[i]->code); /* T2 before T10 */
        if (c != 0)
            return c;
    }
    return 0;
}

/* The cell of result c at the codes of row, or SIZE_MAX; dim_of[i] is the
 * dimension of c that is by dimension i. */
static size_t table_find(const js_cube *c, const size_t *dim_of, size_t n_by, const out_wide_row *row)
{
    size_t idx[32];
    for (size_t i = 0; i < n_by; i++) {
        const size_t d = dim_of[i];
        const size_t k = js_dim_find_code(js_cube_dim(c, d), row->cats[i]->code);
        if (k == SIZE_MAX)
            return SIZE_MAX;
        idx[d] = k;
    }
    return js_cube_cell_index(c, idx);
}

/* Do a and b have the same dimensions and categories, in the same order
 * (so that a cell of one is the same cell of the other)? */
static int table_same_shape(const js_cube *a, const js_cube *b)
{
    if (js_cube_ndims(a) != js_cube_ndims(b))
        return 0;
    for (size_t d = 0; d < js_cube_ndims(a); d++) {
        const js_dim *const x = js_cube_dim(a, d), *const y = js_cube_dim(b, d);
        if (strcmp(js_dim_name(x), js_dim_name(y)) != 0 || js_dim_size(x) != js_dim_size(y))
            return 0;
        for (size_t k = 0; k < js_dim_size(x); k++)
            if (strcmp(js_dim_category(x, k)->code, js_dim_category(y, k)->code) != 0)
                return 0;
    }
    return 1;
}

static js_status table_check(const js_table *t, js_diag *d)
{
    if (t->n == 0 || t->n_by == 0 || t->n_by > 8) {
        js_diag_error(d, NULL, 0, 0, "a table needs at least one indicator and 1 to 8 by dimensions");
        return JS_EUSAGE;
    }
    for (size_t r = 0; r < t->n; r++) {
        const js_cube *const c = t->results[r].cube;
        int ok = js_cube_ndims(c) == t->n_by;
        for (size_t i = 0; ok && i < t->n_by; i++)
            ok = js_cube_find_dim(c, t->by[i]) != SIZE_MAX;
        if (!ok) {
            js_diag_error(d, NULL, 0, 0, "table: indicator %s must have exactly the table's by dimensions",
                          t->results[r].id);
            return JS_EUSAGE;
        }
    }
    return JS_OK;
}

js_status out_wide_init(out_wide *w, const js_table *t, js_diag *d)
{
    memset(w, 0, sizeof *w);
    w->t = t;
    js_status st = table_check(t, d);
    if (st != JS_OK)
        return st;
    const js_cube *const first = t->results[0].cube;
    w->n_rows = js_cube_ncells(first);
    w->rows = js_calloc(w->n_rows ? w->n_rows : 1, sizeof *w->rows);
    w->dim_of = js_calloc(t->n * t->n_by, sizeof *w->dim_of);
    if (w->rows == NULL || w->dim_of == NULL) {
        out_wide_fini(w);
        return JS_ENOMEM;
    }
    size_t idx[32], dims[8];
    for (size_t i = 0; i < t->n_by; i++)
        dims[i] = js_cube_find_dim(first, t->by[i]);
    int sorted = 1;
    for (size_t k = 0; k < w->n_rows; k++) {
        js_cube_cell_coords(first, k, idx);
        w->rows[k].cell = k;
        for (size_t i = 0; i < t->n_by; i++)
            w->rows[k].cats[i] = js_dim_category(js_cube_dim(first, dims[i]), idx[dims[i]]);
        sorted = sorted && (k == 0 || table_row_cmp(&w->rows[k - 1], &w->rows[k]) <= 0);
    }
    if (!sorted) /* a result's cells are often in code order already */
        qsort(w->rows, w->n_rows, sizeof *w->rows, table_row_cmp);
    for (size_t r = 0; r < t->n; r++) {
        const int same = table_same_shape(first, t->results[r].cube);
        for (size_t i = 0; i < t->n_by; i++)
            w->dim_of[r * t->n_by + i] = same ? SIZE_MAX : js_cube_find_dim(t->results[r].cube, t->by[i]);
    }
    return JS_OK;
}

void out_wide_fini(out_wide *w)
{
    js_free(w->rows);
    js_free(w->dim_of);
    w->rows = NULL;
    w->dim_of = NULL;
}

const js_category *out_wide_cat(const out_wide *w, size_t k, size_t i)
{
    return w->rows[k].cats[i];
}

/* Row k's cell of result r, or SIZE_MAX. */
static size_t wide_cell(const out_wide *w, size_t k, size_t r)
{
    const size_t *const dims = w->dim_of + r * w->t->n_by; /* dims[0] == SIZE_MAX: shaped as the first */
    return dims[0] == SIZE_MAX ? w->rows[k].cell : table_find(w->t->results[r].cube, dims, w->t->n_by, &w->rows[k]);
}

double out_wide_value(const out_wide *w, size_t k, size_t r)
{
    const size_t cell = wide_cell(w, k, r);
    return cell == SIZE_MAX ? (double)NAN : js_cube_value(w->t->results[r].cube, cell);
}

int out_wide_suppressed(const out_wide *w, size_t k, size_t r)
{
    const size_t cell = wide_cell(w, k, r);
    return cell != SIZE_MAX && (js_cube_flags(w->t->results[r].cube, cell) & JS_FLAG_SUPPRESSED) != 0;
}

/* A code as a CSV field: quoted (quotes doubled) when it needs to be, and
 * with a leading ' when a spreadsheet would run it as a formula (the
 * codes come from the data; see out_csv.c). */
static void table_put_field(FILE *fp, const char *text)
{
    const int formula = js_out_formula_like(text);
    if (strpbrk(text, ",\"\r\n") == NULL) {
        if (formula)
            (void)fputc('\'', fp);
        (void)fputs(text, fp);
        return;
    }
    (void)fputc('"', fp);
    if (formula)
        (void)fputc('\'', fp);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            (void)fputc('"', fp);
        (void)fputc(*p, fp);
    }
    (void)fputc('"', fp);
}

static void table_write_rows(FILE *fp, const out_wide *w)
{
    const js_table *const t = w->t;
    for (size_t i = 0; i < t->n_by; i++)
        (void)fprintf(fp, "%s%s", i ? "," : "", t->by[i]);
    for (size_t r = 0; r < t->n; r++)
        (void)fprintf(fp, ",%s", t->results[r].id);
    (void)fputc('\n', fp);
    for (size_t k = 0; k < w->n_rows; k++) {
        for (size_t i = 0; i < t->n_by; i++) {
            if (i > 0)
                (void)fputc(',', fp);
            table_put_field(fp, out_wide_cat(w, k, i)->code);
        }
        for (size_t r = 0; r < t->n; r++) {
            const double v = out_wide_value(w, k, r);
            char num[64];
            size_t len;
            (void)fputc(',', fp);
            if (out_wide_suppressed(w, k, r))
                (void)fputs("..", fp); /* disclosure control: SCB's mark */
            if (isnan(v))
                continue;
            if ((len = js_fmt_fixed(v, t->decimals[r], num, sizeof num)) < sizeof num)
                (void)fwrite(num, 1, len, fp);
            else
                (void)fprintf(fp, "%.*f", t->decimals[r], v); /* a number too long for num */
        }
        (void)fputc('\n', fp);
    }
}

js_status js_out_table(const char *path, const js_table *t, js_diag *d)
{
    out_wide w;
    js_status st = out_wide_init(&w, t, d);
    js_atomic a;
    if (st == JS_OK)
        st = js_atomic_open(&a, path, d);
    if (st == JS_OK) {
        table_write_rows(a.fp, &w);
        st = js_atomic_commit(&a, d);
    }
    out_wide_fini(&w);
    return st;
}
