/*
 * out_table.c - the [table] output: indicators side by side, one row per
 * combination of the row dimensions.
 *
 * Rows are the cells of the first result, sorted by their codes; the other
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
#include "jamstat/format.h"
#include "jamstat/output.h"
#include "out/out_internal.h"

/* A row carries its own sort key (qsort has no context argument). */
typedef struct table_row {
    size_t cell;          /* cell of the first result */
    const char *codes[9]; /* its codes in by order, NULL after the last */
} table_row;

static int table_row_cmp(const void *a, const void *b)
{
    const table_row *const x = a, *const y = b;
    for (size_t i = 0; x->codes[i] != NULL; i++) {
        const int c = strcmp(x->codes[i], y->codes[i]);
        if (c != 0)
            return c;
    }
    return 0;
}

/* The cell of result c at the codes of row, or SIZE_MAX; dim_of[i] is the
 * dimension of c that is by dimension i. */
static size_t table_find(const js_cube *c, const size_t *dim_of, size_t n_by, const table_row *row)
{
    size_t idx[32];
    for (size_t i = 0; i < n_by; i++) {
        const size_t d = dim_of[i];
        const size_t k = js_dim_find_code(js_cube_dim(c, d), row->codes[i]);
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

static js_status table_check(const js_result *results, size_t n, const char *const *by,
                             size_t n_by, js_diag *d)
{
    if (n == 0 || n_by == 0 || n_by > 8) {
        js_diag_error(d, NULL, 0, 0, "a table needs at least one indicator and 1 to 8 by dimensions");
        return JS_EUSAGE;
    }
    for (size_t r = 0; r < n; r++) {
        const js_cube *const c = results[r].cube;
        int ok = js_cube_ndims(c) == n_by;
        for (size_t i = 0; ok && i < n_by; i++)
            ok = js_cube_find_dim(c, by[i]) != SIZE_MAX;
        if (!ok) {
            js_diag_error(d, NULL, 0, 0, "table: indicator %s must have exactly the table's by dimensions",
                          results[r].id);
            return JS_EUSAGE;
        }
    }
    return JS_OK;
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

static void table_write_rows(FILE *fp, const js_result *results, size_t n, const char *const *by,
                             size_t n_by, const int *decimals, const table_row *rows, size_t n_rows,
                             const size_t *dim_of)
{
    for (size_t i = 0; i < n_by; i++)
        (void)fprintf(fp, "%s%s", i ? "," : "", by[i]);
    for (size_t r = 0; r < n; r++)
        (void)fprintf(fp, ",%s", results[r].id);
    (void)fputc('\n', fp);
    for (size_t k = 0; k < n_rows; k++) {
        for (size_t i = 0; i < n_by; i++) {
            if (i > 0)
                (void)fputc(',', fp);
            table_put_field(fp, rows[k].codes[i]);
        }
        for (size_t r = 0; r < n; r++) {
            const size_t *const dims = dim_of + r * n_by; /* dims[0] == SIZE_MAX: shaped as the first */
            const size_t cell = dims[0] == SIZE_MAX ? rows[k].cell
                                                    : table_find(results[r].cube, dims, n_by, &rows[k]);
            const double v = cell == SIZE_MAX ? (double)NAN : js_cube_value(results[r].cube, cell);
            char num[64];
            size_t len;
            (void)fputc(',', fp);
            if (cell != SIZE_MAX && (js_cube_flags(results[r].cube, cell) & JS_FLAG_SUPPRESSED))
                (void)fputs("..", fp); /* disclosure control: SCB's mark */
            if (isnan(v))
                continue;
            if ((len = js_fmt_fixed(v, decimals[r], num, sizeof num)) < sizeof num)
                (void)fwrite(num, 1, len, fp);
            else
                (void)fprintf(fp, "%.*f", decimals[r], v); /* a number too long for num */
        }
        (void)fputc('\n', fp);
    }
}

js_status js_out_table(const char *path, const js_result *results, size_t n,
                       const char *const *by, size_t n_by, const int *decimals, js_diag *d)
{
    js_status st = table_check(results, n, by, n_by, d);
    if (st != JS_OK)
        return st;
    const js_cube *const first = results[0].cube;
    const size_t n_rows = js_cube_ncells(first);
    table_row *const rows = js_calloc(n_rows ? n_rows : 1, sizeof *rows);
    if (rows == NULL)
        return JS_ENOMEM;
    size_t idx[32], dims[8];
    for (size_t i = 0; i < n_by; i++)
        dims[i] = js_cube_find_dim(first, by[i]);
    int sorted = 1;
    for (size_t k = 0; k < n_rows; k++) {
        js_cube_cell_coords(first, k, idx);
        rows[k].cell = k;
        for (size_t i = 0; i < n_by; i++)
            rows[k].codes[i] = js_dim_category(js_cube_dim(first, dims[i]), idx[dims[i]])->code;
        sorted = sorted && (k == 0 || table_row_cmp(&rows[k - 1], &rows[k]) <= 0);
    }
    if (!sorted) /* a result's cells are often in code order already */
        qsort(rows, n_rows, sizeof *rows, table_row_cmp);
    size_t *const dim_of = js_calloc(n * n_by, sizeof *dim_of);
    for (size_t r = 0; dim_of != NULL && r < n; r++) {
        const int same = table_same_shape(first, results[r].cube);
        for (size_t i = 0; i < n_by; i++)
            dim_of[r * n_by + i] = same ? SIZE_MAX : js_cube_find_dim(results[r].cube, by[i]);
    }
    js_atomic a;
    st = dim_of == NULL ? JS_ENOMEM : js_atomic_open(&a, path, d);
    if (st == JS_OK) {
        table_write_rows(a.fp, results, n, by, n_by, decimals, rows, n_rows, dim_of);
        st = js_atomic_commit(&a, d);
    }
    js_free(dim_of);
    js_free(rows);
    return st;
}
