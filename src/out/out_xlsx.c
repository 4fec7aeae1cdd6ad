/*
 * out_xlsx.c - indicators.xlsx with libxlsxwriter: an "Om"/"About" sheet,
 * then a sheet per indicator, then one per [table].  The only file that includes <xlsxwriter.h>.
 *
 * Layout of an indicator sheet (what a region's analyst wants to filter and
 * pivot in Excel): row 1 is a bold, frozen header with an autofilter; one
 * column per dimension holding the category labels (years as numbers, so
 * they sort and chart as numbers), "Värde (unit)" as real numbers with a
 * number format of the indicator's decimals, the confidence limits when the
 * result has them, and a "Flaggor" column.  A missing cell is left empty,
 * never 0, and its reason is in the flags column.
 *
 * Sheet names: Excel allows at most 31 characters, none of []:*?/\, no
 * leading or trailing apostrophe, unique without regard to case, and not
 * "History".  Names are made from the indicator id under those rules, with
 * "-2", "-3"... appended on a clash.
 *
 * Deterministic bytes: libxlsxwriter stamps docProps/core.xml with the
 * current time unless lxw_doc_properties.created is set, so we set a fixed
 * date; the zip entries carry a fixed date already.
 *
 * All or nothing: libxlsxwriter writes to a file name of its own choosing
 * only at workbook_close, so we hand it the temporary name from
 * js_atomic_open and rename it into place with js_atomic_commit.
 */
#include "jamstat/output.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "core/outdir.h"
#include "core/strbuf.h"
#include "jamstat/chart.h"
#include "out/out_internal.h"
#include "out/out_summary.h"

/* 2000-01-01T00:00:00Z: the fixed creation time that keeps the bytes stable. */
#define XL_FIXED_CREATED ((time_t)946684800)

enum { XL_NAME_CHARS = 31, XL_NAME_CAP = 4 * XL_NAME_CHARS + 8, XL_MAX_DECIMALS = 10 };

typedef struct xl_ctx {
    lxw_workbook *wb;
    js_lang lang;
    lxw_format *header;                      /* bold, bottom border */
    lxw_format *wrap;                        /* text, wrapped, top-aligned */
    lxw_format *year;                        /* "0": years without separators */
    lxw_format *num[XL_MAX_DECIMALS + 1];    /* "#,##0.00" by decimals, made on demand */
    lxw_error err;                           /* first libxlsxwriter error */
    int failed_alloc;                        /* our own allocation failed */
    js_buf scratch;                          /* sanitized strings */
} xl_ctx;

static void xl_check(xl_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

/* Write a text cell: sanitized to valid UTF-8 first (bad bytes would make
 * the sheet's XML unreadable for Excel).  NULL or "" writes nothing. */
static void xl_text(xl_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    const char *s, lxw_format *fmt)
{
    if (s == NULL || *s == '\0')
        return;
    js_buf_reset(&x->scratch);
    js_utf8_sanitize(&x->scratch, s);
    if (x->scratch.failed) {
        x->failed_alloc = 1;
        return;
    }
    xl_check(x, worksheet_write_string(ws, row, col, js_buf_cstr(&x->scratch), fmt));
}

static lxw_format *xl_num_format(xl_ctx *x, int decimals)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > XL_MAX_DECIMALS)
        decimals = XL_MAX_DECIMALS;
    if (x->num[decimals] == NULL) {
        char code[32] = "#,##0";
        if (decimals > 0) {
            strcat(code, ".");
            for (int i = 0; i < decimals; i++)
                strcat(code, "0");
        }
        x->num[decimals] = workbook_add_format(x->wb);
        if (x->num[decimals] != NULL)
            format_set_num_format(x->num[decimals], code);
    }
    return x->num[decimals];
}

static void xl_formats(xl_ctx *x)
{
    x->header = workbook_add_format(x->wb);
    format_set_bold(x->header);
    format_set_bottom(x->header, LXW_BORDER_THIN);
    format_set_text_wrap(x->header);
    format_set_align(x->header, LXW_ALIGN_VERTICAL_TOP);
    x->wrap = workbook_add_format(x->wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->year = workbook_add_format(x->wb);
    format_set_num_format(x->year, "0");
    format_set_align(x->year, LXW_ALIGN_LEFT);
}

/* ---- Sheet names ------------------------------------------------------------ */

static int xl_name_equal(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int xl_name_taken(char (*names)[XL_NAME_CAP], size_t n, const char *name)
{
    if (xl_name_equal(name, "History"))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (xl_name_equal(names[i], name))
            return 1;
    return 0;
}

/* Copy at most max_chars characters of s into out, leaving out what Excel
 * forbids; invalid UTF-8 is skipped. */
static void xl_name_copy(const char *s, size_t max_chars, char *out)
{
    size_t o = 0, chars = 0;
    const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
    while (*p != '\0' && chars < max_chars) {
        const size_t n = js_utf8_seq_len(p);
        if (n == 0) {
            p++;
            continue;
        }
        if (n > 1 || (*p >= 0x20u && *p != 0x7Fu && strchr("[]:*?/\\", *p) == NULL)) {
            memcpy(out + o, p, n);
            o += n;
            chars++;
        }
        p += n;
    }
    out[o] = '\0';
    while (o > 0 && out[o - 1] == '\'')
        out[--o] = '\0';
    const size_t lead = strspn(out, "'");
    memmove(out, out + lead, o - lead + 1);
}

/* The sheet name of result or table i (id), unique among names[0..i)
 * (names[0] = about). */
static void xl_sheet_name(const char *id, size_t i, js_lang lang, char (*names)[XL_NAME_CAP])
{
    char *const out = names[i + 1];
    xl_name_copy(id, XL_NAME_CHARS, out);
    if (*out == '\0')
        (void)snprintf(out, XL_NAME_CAP, "%s %zu", js_text(lang, "Indikator", "Indicator"), i + 1);
    char base[XL_NAME_CAP];
    memcpy(base, out, XL_NAME_CAP);
    for (unsigned k = 2; xl_name_taken(names, i + 1, out); k++) {
        char suffix[16];
        const int len = snprintf(suffix, sizeof suffix, "-%u", k);
        xl_name_copy(base, XL_NAME_CHARS - (size_t)len, out);
        strcat(out, suffix);
    }
}

/* ---- The About sheet ---------------------------------------------------------- */

static void xl_about(xl_ctx *x, lxw_worksheet *ws, const js_result *results, size_t n,
                     const js_table *tables, size_t n_tables, char (*names)[XL_NAME_CAP],
                     const char *summary_sheet)
{
    const js_lang L = x->lang;
    const char *const head[] = {js_text(L, "Blad", "Sheet"), js_text(L, "Indikator", "Indicator"),
                                "Id", js_text(L, "Enhet", "Unit"), "Definition",
                                js_text(L, "Källa", "Source")};
    const double width[] = {22, 36, 22, 12, 60, 28};
    for (lxw_col_t c = 0; c < 6; c++) {
        xl_text(x, ws, 0, c, head[c], x->header);
        xl_check(x, worksheet_set_column(ws, c, c, width[c], NULL));
    }
    for (size_t i = 0; i < n; i++) {
        const lxw_row_t row = (lxw_row_t)(i + 1);
        const js_result *const r = &results[i];
        xl_text(x, ws, row, 0, names[i + 1], x->wrap);
        xl_text(x, ws, row, 1, r->title != NULL ? r->title : r->id, x->wrap);
        xl_text(x, ws, row, 2, r->id, x->wrap);
        xl_text(x, ws, row, 3, r->unit, x->wrap);
        xl_text(x, ws, row, 4, r->definition, x->wrap);
        xl_text(x, ws, row, 5, r->source, x->wrap);
    }
    for (size_t i = 0; i < n_tables; i++) { /* a table: its indicators side by side */
        const lxw_row_t row = (lxw_row_t)(n + i + 1);
        js_buf what;
        js_buf_init(&what);
        js_buf_puts(&what, js_text(L, "Tabell: ", "Table: "));
        for (size_t j = 0; j < tables[i].n; j++)
            js_buf_printf(&what, "%s%s", j ? ", " : "", tables[i].results[j].id);
        x->failed_alloc |= what.failed;
        xl_text(x, ws, row, 0, names[n + i + 1], x->wrap);
        xl_text(x, ws, row, 1, js_buf_cstr(&what), x->wrap);
        xl_text(x, ws, row, 2, tables[i].name, x->wrap);
        js_buf_fini(&what);
    }
    n += n_tables;
    if (summary_sheet != NULL) { /* the key figures' sheet, listed last here though second in the book */
        n++;
        xl_text(x, ws, (lxw_row_t)n, 0, summary_sheet, x->wrap);
        xl_text(x, ws, (lxw_row_t)n, 1,
                js_text(L, "Nyckeltal för hemregionen: senaste värde, förändring och rang per indikator",
                        "Key figures of the home region: latest value, change and rank per indicator"),
                x->wrap);
    }
    xl_text(x, ws, (lxw_row_t)(n + 2), 0,
            js_text(L, "Tom cell = uppgift saknas; orsaken står i kolumnen Flaggor.",
                    "Empty cell = no value; the reason is in the Flags column."),
            NULL);
    worksheet_freeze_panes(ws, 1, 0);
}

/* ---- An indicator sheet ------------------------------------------------------- */

static void xl_indicator_header(xl_ctx *x, lxw_worksheet *ws, const js_result *r, int has_ci)
{
    const js_cube *const c = r->cube;
    const lxw_col_t nd = (lxw_col_t)js_cube_ndims(c);
    for (lxw_col_t i = 0; i < nd; i++) {
        xl_text(x, ws, 0, i, js_dim_label(js_cube_dim(c, i)), x->header);
        xl_check(x, worksheet_set_column(ws, i, i, 18, NULL));
    }
    js_buf value;
    js_buf_init(&value);
    js_buf_puts(&value, js_text(x->lang, "Värde", "Value"));
    if (r->unit != NULL && *r->unit != '\0')
        js_buf_printf(&value, " (%s)", r->unit);
    x->failed_alloc |= value.failed;
    xl_text(x, ws, 0, nd, js_buf_cstr(&value), x->header);
    js_buf_fini(&value);
    lxw_col_t col = (lxw_col_t)(nd + 1);
    if (has_ci) {
        xl_text(x, ws, 0, col++, js_text(x->lang, "KI nedre", "CI low"), x->header);
        xl_text(x, ws, 0, col++, js_text(x->lang, "KI övre", "CI high"), x->header);
    }
    xl_text(x, ws, 0, col, js_text(x->lang, "Flaggor", "Flags"), x->header);
    xl_check(x, worksheet_set_column(ws, nd, (lxw_col_t)(col - 1), 14, NULL));
    xl_check(x, worksheet_set_column(ws, col, col, 24, NULL));
    worksheet_freeze_panes(ws, 1, 0);
}

static void xl_number(xl_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
                      lxw_format *fmt)
{
    if (isfinite(v))
        xl_check(x, worksheet_write_number(ws, row, col, v, fmt));
}

static void xl_category(xl_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        const js_dim *dim, size_t k)
{
    const js_category *const cat = js_dim_category(dim, k);
    static const char *const sex_words[][2] = {{"Kvinnor", "Women"}, {"Män", "Men"},
                                               {"Totalt", "Total"}};
    if (js_dim_role(dim) == JS_ROLE_TIME && cat->period == 'Y' && cat->year != 0)
        xl_check(x, worksheet_write_number(ws, row, col, cat->year, x->year));
    else if (js_dim_role(dim) == JS_ROLE_SEX && cat->sex != JS_SEX_NONE) /* one spelling */
        xl_text(x, ws, row, col, sex_words[cat->sex - 1][x->lang == JS_LANG_SV ? 0 : 1], NULL);
    else
        xl_text(x, ws, row, col, cat->label != NULL ? cat->label : cat->code, NULL);
}

static void xl_indicator_row(xl_ctx *x, lxw_worksheet *ws, const js_result *r, size_t cell,
                             const size_t *idx, int has_ci)
{
    const js_cube *const c = r->cube;
    const lxw_row_t row = (lxw_row_t)(cell + 1);
    const size_t nd = js_cube_ndims(c);
    for (size_t i = 0; i < nd; i++)
        xl_category(x, ws, row, (lxw_col_t)i, js_cube_dim(c, i), idx[i]);
    lxw_format *const fmt = xl_num_format(x, r->decimals);
    lxw_col_t col = (lxw_col_t)nd;
    const double v = js_cube_value(c, cell);
    if (js_cube_flags(c, cell) & JS_FLAG_SUPPRESSED)
        xl_text(x, ws, row, col++, "..", NULL); /* disclosure control: SCB's mark */
    else
        xl_number(x, ws, row, col++, v, fmt);
    if (has_ci) { /* no interval without a value: it would disclose a suppressed one */
        xl_number(x, ws, row, col++, isnan(v) ? v : js_cube_ci_low(c, cell), fmt);
        xl_number(x, ws, row, col++, isnan(v) ? v : js_cube_ci_high(c, cell), fmt);
    }
    char flags[256];
    js_flags_format(js_cube_flags(c, cell), flags, sizeof flags);
    const js_cell st = js_cube_status(c, cell);
    xl_text(x, ws, row, col, flags[0] != '\0' || st == JS_CELL_OK ? flags : js_cell_name(st),
            NULL);
}

static js_status xl_indicator(xl_ctx *x, lxw_worksheet *ws, const js_result *r, js_diag *d,
                              const char *path)
{
    const js_cube *const c = r->cube;
    const size_t nd = js_cube_ndims(c), n_cells = js_cube_ncells(c);
    if (n_cells >= LXW_ROW_MAX || nd + 4 >= LXW_COL_MAX) {
        js_diag_error(d, path, 0, 0, "indicator %s: %zu rows do not fit in a sheet (max %d)",
                      r->id, n_cells, LXW_ROW_MAX - 1);
        return JS_EDATA;
    }
    const int has_ci = js_out_has_ci(c);
    size_t *const idx = js_calloc(nd + 1, sizeof *idx);
    if (idx == NULL)
        return JS_ENOMEM;
    xl_indicator_header(x, ws, r, has_ci);
    for (size_t cell = 0; cell < n_cells; cell++) {
        js_cube_cell_coords(c, cell, idx);
        xl_indicator_row(x, ws, r, cell, idx, has_ci);
    }
    const lxw_col_t last = (lxw_col_t)(nd + (has_ci ? 3u : 1u));
    xl_check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n_cells, last));
    js_free(idx);
    return JS_OK;
}

/* ---- A table sheet ------------------------------------------------------------ */

/* A [table]: per by dimension its labels (a region's code too, in a column
 * before them), then one column per indicator, "Title (unit)", as numbers
 * with the indicator's decimals; a missing value is an empty cell. */
static js_status xl_table(xl_ctx *x, lxw_worksheet *ws, const js_table *t, js_diag *d, const char *path)
{
    out_wide w;
    js_status st = out_wide_init(&w, t, d);
    if (st != JS_OK)
        return st;
    if (w.n_rows >= LXW_ROW_MAX || 2 * t->n_by + t->n >= LXW_COL_MAX) {
        js_diag_error(d, path, 0, 0, "table %s: %zu rows do not fit in a sheet (max %d)", t->name, w.n_rows,
                      LXW_ROW_MAX - 1);
        out_wide_fini(&w);
        return JS_EDATA;
    }
    const js_cube *const first = t->results[0].cube;
    lxw_col_t col = 0;
    for (size_t i = 0; i < t->n_by; i++) {
        const js_dim *const dim = js_cube_dim(first, js_cube_find_dim(first, t->by[i]));
        if (js_dim_role(dim) == JS_ROLE_REGION) {
            xl_text(x, ws, 0, col, js_text(x->lang, "Kod", "Code"), x->header);
            xl_check(x, worksheet_set_column(ws, col, col, 8, NULL));
            col++;
        }
        xl_text(x, ws, 0, col, js_dim_label(dim), x->header);
        xl_check(x, worksheet_set_column(ws, col, col, 18, NULL));
        col++;
    }
    for (size_t r = 0; r < t->n; r++) {
        js_buf head;
        js_buf_init(&head);
        const js_result *const res = &t->results[r];
        js_buf_puts(&head, res->title != NULL ? res->title : res->id);
        if (res->unit != NULL && *res->unit != '\0')
            js_buf_printf(&head, " (%s)", res->unit);
        x->failed_alloc |= head.failed;
        xl_text(x, ws, 0, (lxw_col_t)(col + r), js_buf_cstr(&head), x->header);
        js_buf_fini(&head);
    }
    xl_check(x, worksheet_set_column(ws, col, (lxw_col_t)(col + t->n - 1), 16, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t k = 0; k < w.n_rows; k++) {
        const lxw_row_t row = (lxw_row_t)(k + 1);
        lxw_col_t c = 0;
        for (size_t i = 0; i < t->n_by; i++) {
            const size_t di = js_cube_find_dim(first, t->by[i]);
            const js_dim *const dim = js_cube_dim(first, di);
            const js_category *const cat = out_wide_cat(&w, k, i);
            if (js_dim_role(dim) == JS_ROLE_REGION)
                xl_text(x, ws, row, c++, cat->code, NULL);
            xl_category(x, ws, row, c++, dim, js_dim_find_code(dim, cat->code));
        }
        for (size_t r = 0; r < t->n; r++)
            if (out_wide_suppressed(&w, k, r))
                xl_text(x, ws, row, (lxw_col_t)(c + r), "..", NULL); /* disclosure control */
            else
                xl_number(x, ws, row, (lxw_col_t)(c + r), out_wide_value(&w, k, r),
                          xl_num_format(x, t->decimals[r]));
    }
    xl_check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)w.n_rows, (lxw_col_t)(col + t->n - 1)));
    out_wide_fini(&w);
    return JS_OK;
}

/* ---- The key figures --------------------------------------------------------- */

/* A period's label as a number when it is a year (so that it sorts). */
static void xl_period(xl_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const js_category *c)
{
    if (c == NULL)
        return;
    if (c->period == 'Y' && c->year != 0)
        xl_check(x, worksheet_write_number(ws, row, col, c->year, x->year));
    else
        xl_text(x, ws, row, col, c->label, NULL);
}

/* The rows of out_summary.c: indicator, id, sex, year, value, unit, the
 * year of the change, the change, its unit, rank and the regions ranked. */
static void xl_summary(xl_ctx *x, lxw_worksheet *ws, const out_summary *sum)
{
    const js_lang L = x->lang;
    const char *const head[] = {js_text(L, "Indikator", "Indicator"), "Id", js_text(L, "Kön", "Sex"),
                                js_text(L, "År", "Year"), js_text(L, "Värde", "Value"),
                                js_text(L, "Enhet", "Unit"), js_text(L, "Förändring sedan", "Change since"),
                                js_text(L, "Förändring", "Change"), js_text(L, "Förändringens enhet", "Unit of change"),
                                js_text(L, "Rang (1 = högst)", "Rank (1 = highest)"),
                                js_text(L, "Antal regioner", "Regions ranked")};
    const double width[] = {36, 18, 10, 8, 14, 12, 10, 14, 16, 10, 10};
    for (lxw_col_t c = 0; c < 11; c++) {
        xl_text(x, ws, 0, c, head[c], x->header);
        xl_check(x, worksheet_set_column(ws, c, c, width[c], NULL));
    }
    for (size_t i = 0; i < sum->n; i++) {
        const out_sum_row *const row = &sum->rows[i];
        const js_result *const res = row->result;
        const lxw_row_t at = (lxw_row_t)(i + 1);
        lxw_format *const fmt = xl_num_format(x, res->decimals);
        xl_text(x, ws, at, 0, res->title != NULL ? res->title : res->id, x->wrap);
        xl_text(x, ws, at, 1, res->id, NULL);
        xl_text(x, ws, at, 2, out_summary_sex(row->sex, L), NULL);
        xl_period(x, ws, at, 3, row->year);
        if (row->suppressed)
            xl_text(x, ws, at, 4, "..", NULL);
        else
            xl_number(x, ws, at, 4, row->value, fmt);
        xl_text(x, ws, at, 5, res->unit, NULL);
        xl_period(x, ws, at, 6, row->from);
        xl_number(x, ws, at, 7, row->change, fmt);
        if (isfinite(row->change))
            xl_text(x, ws, at, 8, out_summary_change_unit(res->unit, L), NULL);
        xl_number(x, ws, at, 9, row->rank, NULL);
        if (isfinite(row->rank))
            xl_check(x, worksheet_write_number(ws, at, 10, (double)row->n_ranked, NULL));
    }
    worksheet_freeze_panes(ws, 1, 0);
}

/* ---- The workbook ------------------------------------------------------------- */

static js_status xl_sheets(xl_ctx *x, const js_result *results, size_t n, const js_table *tables,
                           size_t n_tables, const out_summary *sum, js_diag *d, const char *path)
{
    const size_t all = n + n_tables;
    char(*names)[XL_NAME_CAP] = js_calloc(all + 2, sizeof *names);
    if (names == NULL)
        return JS_ENOMEM;
    strcpy(names[0], js_text(x->lang, "Om", "About"));
    for (size_t i = 0; i < n; i++)
        xl_sheet_name(results[i].id, i, x->lang, names);
    for (size_t i = 0; i < n_tables; i++)
        xl_sheet_name(tables[i].name, n + i, x->lang, names);
    xl_sheet_name(js_text(x->lang, "Nyckeltal", "Key figures"), all, x->lang, names); /* names[all + 1] */
    js_status st = JS_OK;
    lxw_worksheet *const about = workbook_add_worksheet(x->wb, names[0]);
    if (about != NULL)
        xl_about(x, about, results, n, tables, n_tables, names, sum->n > 0 ? names[all + 1] : NULL);
    lxw_worksheet *const key = about != NULL && sum->n > 0 ? workbook_add_worksheet(x->wb, names[all + 1]) : NULL;
    if (key != NULL) /* the home region's key figures, second: what a reader looks for first */
        xl_summary(x, key, sum);
    for (size_t i = 0; i < all && st == JS_OK && about != NULL; i++) {
        lxw_worksheet *const ws = workbook_add_worksheet(x->wb, names[i + 1]);
        if (ws == NULL)
            break;
        st = i < n ? xl_indicator(x, ws, &results[i], d, path) : xl_table(x, ws, &tables[i - n], d, path);
    }
    if (st == JS_OK && x->err == LXW_NO_ERROR && !x->failed_alloc &&
        workbook_get_worksheet_by_name(x->wb, names[all]) == NULL) {
        js_diag_error(d, path, 0, 0, "cannot add the sheet \"%s\"", names[all]);
        st = JS_EINTERNAL;
    }
    js_free(names);
    return st;
}

/* What a workbook is made of: a function that adds the sheets, and its argument. */
typedef js_status (*xl_fill_fn)(xl_ctx *x, const void *arg, js_diag *d, const char *path);

static js_status xl_write(const char *tmp_path, const char *path, js_lang lang, xl_fill_fn fill,
                          const void *arg, js_diag *d)
{
    xl_ctx x;
    memset(&x, 0, sizeof x);
    x.lang = lang;
    js_buf_init(&x.scratch);
    /* Constant-memory mode: rows go to temporary files as they are written
     * (every sheet is written top to bottom), so a workbook of a million
     * cells does not sit in memory. */
    lxw_workbook_options options;
    memset(&options, 0, sizeof options);
    options.constant_memory = LXW_TRUE;
    x.wb = workbook_new_opt(tmp_path, &options);
    if (x.wb == NULL) {
        js_buf_fini(&x.scratch);
        js_diag_error(d, path, 0, 0, "cannot start the workbook");
        return JS_ECREATE;
    }
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.created = XL_FIXED_CREATED;
    xl_check(&x, workbook_set_properties(x.wb, &props));
    xl_formats(&x);
    js_status st = fill(&x, arg, d, path);
    const lxw_error close_err = workbook_close(x.wb); /* frees the workbook */
    js_buf_fini(&x.scratch);
    if (st != JS_OK)
        return st;
    if (x.failed_alloc)
        return JS_ENOMEM;
    const lxw_error e = x.err != LXW_NO_ERROR ? x.err : close_err;
    if (e != LXW_NO_ERROR) {
        js_diag_error(d, path, 0, 0, "cannot write the workbook: %s", lxw_strerror(e));
        return e == LXW_ERROR_MEMORY_MALLOC_FAILED ? JS_ENOMEM : JS_EIO;
    }
    return JS_OK;
}

/* Write path all or nothing (js_atomic): libxlsxwriter writes the
 * temporary file by name, the open a.fp stays unused. */
static js_status xl_write_atomic(const char *path, js_lang lang, xl_fill_fn fill, const void *arg, js_diag *d)
{
    js_atomic a;
    js_status st = js_atomic_open(&a, path, d);
    if (st != JS_OK)
        return st;
    st = xl_write(a.tmp_path, path, lang, fill, arg, d);
    if (st != JS_OK) {
        js_atomic_abort(&a);
        return st;
    }
    return js_atomic_commit(&a, d);
}

typedef struct xl_book {
    const js_result *results;
    size_t n;
    const js_table *tables;
    size_t n_tables;
    const out_summary *sum;
} xl_book;

static js_status xl_fill_book(xl_ctx *x, const void *arg, js_diag *d, const char *path)
{
    const xl_book *const k = arg;
    return xl_sheets(x, k->results, k->n, k->tables, k->n_tables, k->sum, d, path);
}

js_status js_out_workbook(const char *path, const js_result *results, size_t n,
                          const js_table *tables, size_t n_tables, const js_summary_opts *summary,
                          js_lang lang, js_diag *d)
{
    out_summary sum;
    if (out_summary_build(results, n, summary, &sum) != JS_OK)
        return JS_ENOMEM;
    const xl_book book = {results, n, tables, n_tables, &sum};
    const js_status st = xl_write_atomic(path, lang, xl_fill_book, &book, d);
    out_summary_fini(&sum);
    return st;
}

/* ---- The data behind a chart ---------------------------------------------------- */

typedef struct xl_chart_arg {
    const js_chart *ch;
    const char *const *codes;
} xl_chart_arg;

/* A series' column heading, as NAME.csv has it: its legend text, with the
 * sex added for small multiples and stacked charts (whose panels and parts
 * repeat their label). */
static void xl_series_head(const js_chart *ch, size_t j, js_buf *b)
{
    const js_chart_series *const s = &ch->series[j];
    const char *const sex = s->sex == JS_SEX_WOMEN ? js_text(ch->lang, "Kvinnor", "Women")
                          : s->sex == JS_SEX_MEN   ? js_text(ch->lang, "M\xc3\xa4n", "Men")
                                                   : js_text(ch->lang, "Totalt", "Total");
    const int own = s->label != NULL && s->label[0] != '\0';
    js_buf_puts(b, own ? s->label : sex);
    if (own && (ch->kind == JS_CHART_SMALL_MULTIPLES || ch->kind == JS_CHART_STACKED) && s->sex != JS_SEX_NONE)
        js_buf_printf(b, ", %s",
                      s->sex == JS_SEX_WOMEN ? js_text(ch->lang, "kvinnor", "women")
                      : s->sex == JS_SEX_MEN ? js_text(ch->lang, "m\xc3\xa4n", "men")
                                             : js_text(ch->lang, "totalt", "total"));
}

/* The reference and target lines as rows: their words, their value in the
 * first series' column (as NAME.csv writes them). */
static void xl_chart_lines(xl_ctx *x, lxw_worksheet *ws, const js_chart *ch, lxw_row_t row)
{
    const js_lang L = ch->lang;
    const char *const ref = ch->reference_label != NULL ? ch->reference_label : js_text(L, "Riket", "National");
    const char *const line = js_text(L, "referenslinje", "reference line");
    char words[256];
    if (ch->reference_by_sex) {
        const double v[2] = {ch->reference, ch->reference_men};
        for (int k = 0; k < 2; k++)
            if (isfinite(v[k])) {
                (void)snprintf(words, sizeof words, "%s, %s (%s)", ref,
                               k == 0 ? js_text(L, "kvinnor", "women") : js_text(L, "m\xc3\xa4n", "men"), line);
                xl_text(x, ws, row, 1, words, NULL);
                xl_number(x, ws, row++, 2, v[k], NULL);
            }
    } else if (isfinite(ch->reference)) {
        (void)snprintf(words, sizeof words, "%s (%s)", ref, line);
        xl_text(x, ws, row, 1, words, NULL);
        xl_number(x, ws, row++, 2, ch->reference, NULL);
    }
    if (isfinite(ch->target)) {
        (void)snprintf(words, sizeof words, "%s (%s)", js_text(L, "M\xc3\xa5l", "Target"), js_text(L, "linje", "line"));
        xl_text(x, ws, row, 1, words, NULL);
        xl_number(x, ws, row, 2, ch->target, NULL);
    }
}

static js_status xl_fill_chart(xl_ctx *x, const void *arg, js_diag *d, const char *path)
{
    const xl_chart_arg *const a = arg;
    const js_chart *const ch = a->ch;
    if (ch->n_cats + 8 >= LXW_ROW_MAX || 3 * ch->n_series + 3 >= LXW_COL_MAX) {
        js_diag_error(d, path, 0, 0, "chart %s: %zu rows do not fit in a sheet", ch->name, ch->n_cats);
        return JS_EDATA;
    }
    lxw_worksheet *const ws = workbook_add_worksheet(x->wb, js_text(x->lang, "Diagram", "Chart"));
    if (ws == NULL)
        return JS_ENOMEM;
    xl_text(x, ws, 0, 0, js_text(x->lang, "Kod", "Code"), x->header);
    xl_text(x, ws, 0, 1, js_text(x->lang, "Kategori", "Category"), x->header);
    xl_check(x, worksheet_set_column(ws, 0, 0, 10, NULL));
    xl_check(x, worksheet_set_column(ws, 1, 1, 28, NULL));
    js_buf head;
    js_buf_init(&head);
    for (size_t j = 0; j < ch->n_series; j++) {
        js_buf_reset(&head);
        xl_series_head(ch, j, &head);
        x->failed_alloc |= head.failed;
        xl_text(x, ws, 0, (lxw_col_t)(j + 2), js_buf_cstr(&head), x->header);
    }
    size_t col = ch->n_series + 2; /* then the drawn intervals' limits, as in the CSV */
    for (size_t j = 0; j < ch->n_series; j++)
        for (int k = 0; k < 2 && ch->series[j].lo != NULL && ch->series[j].hi != NULL; k++) {
            js_buf_reset(&head);
            xl_series_head(ch, j, &head);
            js_buf_printf(&head, ", %s", js_chart_limit_words(x->lang, k));
            x->failed_alloc |= head.failed;
            xl_text(x, ws, 0, (lxw_col_t)col++, js_buf_cstr(&head), x->header);
        }
    js_buf_fini(&head);
    if (ch->n_series > 0)
        xl_check(x, worksheet_set_column(ws, 2, (lxw_col_t)(ch->n_series + 1), 16, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t i = 0; i < ch->n_cats; i++) {
        const lxw_row_t row = (lxw_row_t)(i + 1);
        /* codes as text: "01" Stockholm keeps its zero, "2380" stays a code */
        xl_text(x, ws, row, 0, a->codes != NULL ? a->codes[i] : NULL, NULL);
        xl_text(x, ws, row, 1, ch->cat_labels != NULL ? ch->cat_labels[i] : NULL, NULL);
        for (size_t j = 0; j < ch->n_series; j++) {
            const double v = ch->series[j].values[i];
            if (isfinite(v)) /* missing or suppressed: "..", as in the chart's CSV */
                xl_number(x, ws, row, (lxw_col_t)(j + 2), v, NULL);
            else
                xl_text(x, ws, row, (lxw_col_t)(j + 2), "..", NULL);
        }
        size_t at = ch->n_series + 2;
        for (size_t j = 0; j < ch->n_series; j++)
            for (int k = 0; k < 2 && ch->series[j].lo != NULL && ch->series[j].hi != NULL; k++) {
                const double v = k == 0 ? ch->series[j].lo[i] : ch->series[j].hi[i];
                if (isfinite(v) && isfinite(ch->series[j].values[i]))
                    xl_number(x, ws, row, (lxw_col_t)at++, v, NULL);
                else
                    xl_text(x, ws, row, (lxw_col_t)at++, "..", NULL);
            }
    }
    xl_chart_lines(x, ws, ch, (lxw_row_t)(ch->n_cats + 1));
    return JS_OK;
}

js_status js_out_chart_xlsx(const char *dir, const struct js_chart *ch, const char *const *codes, js_diag *d)
{
    if (!js_file_name_ok(ch->name)) {
        js_diag_error(d, NULL, 0, 0, "chart \"%s\": expected a plain file name", ch->name);
        return JS_EUSAGE;
    }
    char file[160];
    (void)snprintf(file, sizeof file, "%s.xlsx", ch->name);
    char *const path = js_path_join(dir, file);
    if (path == NULL)
        return JS_ENOMEM;
    const xl_chart_arg arg = {ch, codes};
    const js_status st = xl_write_atomic(path, ch->lang, xl_fill_chart, &arg, d);
    js_free(path);
    return st;
}

js_status js_out_xlsx(const char *path, const js_result *results, size_t n, const js_table *tables,
                      size_t n_tables, js_lang lang, js_diag *d)
{
    return js_out_workbook(path, results, n, tables, n_tables, NULL, lang, d);
}
