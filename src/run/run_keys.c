/*
 * run_keys.c - key files on a [data] section: labels of its own for the
 * categories of one dimension, and a grouping of one dimension's
 * categories into larger ones (municipalities into counties, four-digit
 * occupations into one-digit groups).
 *
 *     labels         = region:lan.csv           code -> label
 *     labels_columns = Lan_kod_S, Lan_Namn      default: the first two
 *     group          = region:kommun-lan.csv    code -> group code (, group label)
 *     group_columns  = Kommun_kod_S, Lan_kod_S, Lan_Namn   default: 1, 2 (, 3)
 *
 * A key file is a CSV file with a header row, separated by ',', ';' or a
 * tab (the one the header has most of), in UTF-8 or else Windows-1252,
 * read with libcsv.  A column is named by its header or by its number.
 *
 * Grouping sums: it is for counts and amounts only, and it is exact or it
 * is refused.  A group is made of the members the key file gives it; a
 * group none of whose members is in the data is left out, a group with
 * only some of them is an error (its sum would be too small without a
 * word), and a category of the data that the key file does not know is an
 * error unless it is the dimension's total, which stays as it is.  A
 * group's cell is the sum of its members' cells; a member suppressed makes
 * the group suppressed, a missing one missing, "-" counts as zero.
 *
 * exclude = SELECTION leaves categories out of the data as it is read
 * ("region:99", SCB's "county unknown"), before the grouping.
 *
 * A labels file may name code "total": the label of the sum of all
 * categories that a selection's total makes where the data has none
 * ("total,Riket" for the counties); run_compute puts it on the results.
 */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/fileio.h"
#include "core/strbuf.h"
#include "indic/select.h"
#include "read/read_util.h"
#include "run/run_int.h"

enum { KEYS_MAX_COLS = 256, KEYS_FILE_MAX = 64 << 20 };

/* One row of a key file: its fields and the line it starts on. */
typedef struct key_line {
    const char **field; /* n_cols of them ("" where the row is short) */
    size_t line;
} key_line;

/* A key file: rows of n_cols strings, row 0 the header, in one arena. */
typedef struct key_file {
    const char *path;
    js_arena strings;
    key_line *rows;
    size_t n_rows, cap_rows, n_cols;
    const char *row[KEYS_MAX_COLS]; /* the fields of the row being read */
    size_t n_row;
    size_t at_line; /* the line being parsed */
    int too_wide;
    int enomem;
} key_file;

static void key_field(void *s, size_t n, void *user)
{
    key_file *const k = user;
    if (k->n_row >= KEYS_MAX_COLS) {
        k->too_wide = 1;
        return;
    }
    char *const copy = js_arena_strndup(&k->strings, s != NULL ? s : "", s != NULL ? n : 0);
    if (copy == NULL) {
        k->enomem = 1;
        return;
    }
    char *b = copy, *e = copy + strlen(copy); /* keys are typed by hand: trim */
    while (b < e && (*b == ' ' || *b == '\r'))
        b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\r'))
        *--e = '\0';
    k->row[k->n_row++] = b;
}

static void key_row(int c, void *user)
{
    (void)c;
    key_file *const k = user;
    const size_t n = k->n_row;
    k->n_row = 0;
    if (k->enomem || k->too_wide || (n == 1 && k->row[0][0] == '\0'))
        return; /* an empty line */
    if (k->n_rows == 0)
        k->n_cols = n;
    const char **const field = js_arena_alloc(&k->strings, k->n_cols * sizeof *field);
    if (field == NULL || js_grow((void **)&k->rows, &k->cap_rows, k->n_rows + 1, sizeof *k->rows) != 0) {
        k->enomem = 1;
        return;
    }
    for (size_t i = 0; i < k->n_cols; i++)
        field[i] = i < n ? k->row[i] : "";
    k->rows[k->n_rows++] = (key_line){field, k->at_line};
}

static const char *key_at(const key_file *k, size_t row, size_t col)
{
    return k->rows[row].field[col];
}

static void key_free(key_file *k)
{
    js_arena_fini(&k->strings);
    js_free(k->rows);
}

/* The separator the header line has most of. */
static unsigned char key_delim(const char *text, size_t n)
{
    size_t comma = 0, semi = 0, tab = 0;
    for (size_t i = 0; i < n && text[i] != '\n'; i++) {
        comma += text[i] == ',';
        semi += text[i] == ';';
        tab += text[i] == '\t';
    }
    return semi > comma && semi >= tab ? ';' : tab > comma ? '\t' : ',';
}

static js_status key_slurp(const char *path, js_buf *out, js_diag *d)
{
    FILE *const f = fopen(path, "rb");
    if (f == NULL) {
        js_diag_error(d, path, 0, 0, "cannot open the key file: %s", strerror(errno));
        return JS_EIO;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && out->len <= KEYS_FILE_MAX)
        js_buf_append(out, chunk, n);
    const int bad = ferror(f);
    (void)fclose(f);
    if (bad) {
        js_diag_error(d, path, 0, 0, "cannot read the key file");
        return JS_EIO;
    }
    if (out->len > KEYS_FILE_MAX) {
        js_diag_error(d, path, 0, 0, "a key file of at most %d MB was expected", KEYS_FILE_MAX >> 20);
        return JS_EDATA;
    }
    return JS_OK;
}

static js_status key_read(const char *path, key_file *k, js_diag *d)
{
    memset(k, 0, sizeof *k);
    k->path = path;
    js_arena_init(&k->strings);
    js_buf raw;
    js_buf_init(&raw);
    js_status st = key_slurp(path, &raw, d);
    js_buf text;
    js_buf_init(&text);
    if (st == JS_OK) {
        const char *bytes = js_buf_cstr(&raw);
        size_t n = raw.len;
        if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) { /* a byte-order mark */
            bytes += 3;
            n -= 3;
        }
        if (js_utf8_valid(bytes, n, 0)) {
            js_buf_append(&text, bytes, n);
        } else { /* SCB's and Excel's other encoding */
            js_conv cv;
            if (js_conv_open(&cv, "WINDOWS-1252") != 0) {
                st = JS_EINTERNAL;
            } else {
                js_conv_append(&cv, bytes, n, &text);
                js_conv_close(&cv);
            }
        }
    }
    struct csv_parser p;
    if (st == JS_OK && csv_init(&p, CSV_APPEND_NULL) != 0)
        st = JS_ENOMEM;
    if (st == JS_OK) {
        csv_set_delim(&p, key_delim(js_buf_cstr(&text), text.len));
        const char *s = js_buf_cstr(&text);
        const char *const end = s + text.len;
        k->at_line = 1;
        while (s < end && !k->enomem && !k->too_wide) { /* line by line, to know the lines */
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            const size_t len = nl != NULL ? (size_t)(nl - s) + 1 : (size_t)(end - s);
            if (csv_parse(&p, s, len, key_field, key_row, k) != len) {
                js_diag_error(d, path, k->at_line, 0, "not a CSV key file: %s", csv_strerror(csv_error(&p)));
                st = JS_EDATA;
                break;
            }
            s += len;
            k->at_line++;
        }
        if (st == JS_OK)
            (void)csv_fini(&p, key_field, key_row, k);
        csv_free(&p);
    }
    js_buf_fini(&raw);
    js_buf_fini(&text);
    if (st == JS_OK && k->enomem)
        st = JS_ENOMEM;
    if (st == JS_OK && k->too_wide) {
        js_diag_error(d, path, 0, 0, "a key file of at most %d columns was expected", KEYS_MAX_COLS);
        st = JS_EDATA;
    }
    if (st == JS_OK && k->n_rows < 2) {
        js_diag_error(d, path, 0, 0, "a header row and at least one row of codes were expected");
        st = JS_EDATA;
    }
    return st;
}

/* ---- the keys ----------------------------------------------------------------------- */

/* "DIM:FILE" (DIM may be double-quoted): the dimension of the data and the
 * key file's path, resolved against the analysis file's folder. */
static js_status key_target(js_run_state *r, const run_data *rd, const char *key, size_t *dim,
                            char **path)
{
    const spec_kv *const kv = spec_kv_find(rd->sec, key);
    const char *const v = kv->value;
    char name[256];
    const char *colon;
    if (v[0] == '"') {
        const char *const q = strchr(v + 1, '"');
        colon = q != NULL ? q + 1 : NULL;
        if (colon != NULL && (size_t)(q - v - 1) < sizeof name)
            (void)snprintf(name, sizeof name, "%.*s", (int)(q - v - 1), v + 1);
        if (colon != NULL && *colon != ':')
            colon = NULL;
    } else {
        colon = strchr(v, ':');
        if (colon != NULL && (size_t)(colon - v) < sizeof name)
            (void)snprintf(name, sizeof name, "%.*s", (int)(colon - v), v);
    }
    if (colon == NULL || colon == v || colon[1] == '\0' || (size_t)(colon - v) >= sizeof name) {
        spec_error(r->spec, rd->sec, kv, 0, r->diag,
                   "%s: expected DIMENSION:FILE (e.g. %s = region:lan.csv), found \"%s\"", key, key, v);
        return JS_EUSAGE;
    }
    const js_cube *const c = rd->cube;
    *dim = js_cube_find_dim(c, name);
    if (*dim == SIZE_MAX) {
        spec_error(r->spec, rd->sec, kv, 0, r->diag, "%s: the data has no dimension \"%s\"", key, name);
        return JS_EUSAGE;
    }
    const char *const file = colon + 1;
    *path = file[0] == '/' ? js_strdup(file) : js_path_join(r->spec->dir, file);
    return *path != NULL ? JS_OK : JS_ENOMEM;
}

/* The columns of KEY_columns (header names or numbers from 1), else
 * 0, 1 (, 2 when want > 2 and the file has it).  *n_out: how many. */
static js_status key_columns(js_run_state *r, const run_data *rd, const char *key, const key_file *k,
                             size_t want, size_t *cols, size_t *n_out)
{
    char name[64];
    (void)snprintf(name, sizeof name, "%s_columns", key);
    const spec_kv *const kv = spec_kv_find(rd->sec, name);
    if (kv == NULL) {
        size_t n = want < k->n_cols ? want : k->n_cols;
        if (n < 2) {
            js_diag_error(r->diag, k->path, 1, 0, "a key file with at least two columns (code and %s) was "
                          "expected, found %zu", strcmp(key, "group") == 0 ? "group" : "label", k->n_cols);
            return JS_EDATA;
        }
        for (size_t i = 0; i < n; i++)
            cols[i] = i;
        *n_out = n;
        return JS_OK;
    }
    char buf[1024];
    (void)snprintf(buf, sizeof buf, "%s", kv->value);
    const char *items[8];
    const size_t n = run_split_list(buf, items, 8);
    if (n < 2 || n > want) {
        spec_error(r->spec, rd->sec, kv, 0, r->diag, "%s: expected %s, found %zu columns", name,
                   want == 3 ? "the code's, the group's and optionally the group label's column"
                             : "the code's and the label's column", n);
        return JS_EUSAGE;
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = SIZE_MAX;
        for (size_t j = 0; j < k->n_cols && c == SIZE_MAX; j++)
            if (strcmp(key_at(k, 0, j), items[i]) == 0)
                c = j;
        char *end;
        const unsigned long num = strtoul(items[i], &end, 10);
        if (c == SIZE_MAX && *end == '\0' && num >= 1 && num <= k->n_cols)
            c = (size_t)num - 1;
        if (c == SIZE_MAX) {
            js_buf heads;
            js_buf_init(&heads);
            for (size_t j = 0; j < k->n_cols && j < 12; j++)
                js_buf_printf(&heads, "%s\"%s\"", j ? ", " : "", key_at(k, 0, j));
            spec_error(r->spec, rd->sec, kv, 0, r->diag, "%s: %s has no column \"%s\"; its columns are %s%s",
                       name, k->path, items[i], js_buf_cstr(&heads), k->n_cols > 12 ? ", ..." : "");
            js_buf_fini(&heads);
            return JS_EUSAGE;
        }
        cols[i] = c;
    }
    *n_out = n;
    return JS_OK;
}

/* The key file's row of a code (first found), or SIZE_MAX; a code given
 * twice with different values is an error found by key_check_unique. */
static size_t key_find(const key_file *k, size_t col, const char *code)
{
    for (size_t i = 1; i < k->n_rows; i++)
        if (strcmp(key_at(k, i, col), code) == 0)
            return i;
    return SIZE_MAX;
}

static js_status key_check_unique(js_run_state *r, const key_file *k, const size_t *cols, size_t n)
{
    for (size_t i = 1; i < k->n_rows; i++) {
        if (key_at(k, i, cols[0])[0] == '\0') {
            js_diag_error(r->diag, k->path, k->rows[i].line, 0, "expected a code in column \"%s\", found an "
                          "empty field", key_at(k, 0, cols[0]));
            return JS_EDATA;
        }
        const size_t first = key_find(k, cols[0], key_at(k, i, cols[0]));
        for (size_t c = 1; first != i && c < n; c++)
            if (strcmp(key_at(k, first, cols[c]), key_at(k, i, cols[c])) != 0) {
                js_diag_error(r->diag, k->path, k->rows[i].line, 0, "code \"%s\" is given again (first at line "
                              "%zu) with another %s: \"%s\", not \"%s\"", key_at(k, i, cols[0]),
                              k->rows[first].line, key_at(k, 0, cols[c]), key_at(k, i, cols[c]),
                              key_at(k, first, cols[c]));
                return JS_EDATA;
            }
    }
    return JS_OK;
}

/* The key file of KEY = DIM:FILE read and checked: *dim is DIM's index,
 * cols[0..*n) the columns of KEY_columns (want at most), and every code
 * given once.  k is ready for key_free whatever happens. */
static js_status key_open(js_run_state *r, const run_data *rd, const char *key, size_t want, size_t *dim,
                          key_file *k, size_t *cols, size_t *n)
{
    memset(k, 0, sizeof *k);
    js_arena_init(&k->strings);
    char *path = NULL;
    js_status st = key_target(r, rd, key, dim, &path);
    if (st == JS_OK) {
        js_arena_fini(&k->strings); /* key_read readies it again */
        st = key_read(path, k, r->diag);
    }
    if (st == JS_OK)
        st = key_columns(r, rd, key, k, want, cols, n);
    if (st == JS_OK)
        st = key_check_unique(r, k, cols, *n);
    if (st == JS_OK && (k->path = js_arena_strdup(&k->strings, path)) == NULL)
        st = JS_ENOMEM;
    js_free(path);
    return st;
}

static js_status keys_labels(js_run_state *r, run_data *rd)
{
    size_t dim, cols[2], n = 0;
    key_file k;
    js_status st = key_open(r, rd, "labels", 2, &dim, &k, cols, &n);
    const js_dim *const d = st == JS_OK ? js_cube_dim(rd->cube, dim) : NULL;
    size_t found = 0;
    for (size_t i = 0; st == JS_OK && i < js_dim_size(d); i++) {
        const size_t row = key_find(&k, cols[0], js_dim_category(d, i)->code);
        if (row == SIZE_MAX || key_at(&k, row, cols[1])[0] == '\0')
            continue; /* a code the file does not name keeps its own label */
        st = js_cube_set_label(rd->cube, dim, i, key_at(&k, row, cols[1]));
        found++;
    }
    const size_t total = st == JS_OK ? key_find(&k, cols[0], "total") : SIZE_MAX;
    if (total != SIZE_MAX && key_at(&k, total, cols[1])[0] != '\0' &&
        (rd->total_label = js_strdup(key_at(&k, total, cols[1]))) == NULL)
        st = JS_ENOMEM;
    if (st == JS_OK && found == 0) {
        js_diag_error(r->diag, k.path, 0, 0, "no code of the data's %s (e.g. \"%s\") is in column \"%s\"",
                      js_dim_name(d), js_dim_size(d) ? js_dim_category(d, 0)->code : "",
                      key_at(&k, 0, cols[0]));
        st = JS_EDATA;
    }
    key_free(&k);
    return st;
}

js_status run_labels_file(js_run_state *r, const char *path, js_arena *strings, const char ***codes,
                          const char ***labels, size_t *n)
{
    key_file k;
    js_status st = key_read(path, &k, r->diag);
    const size_t cols[2] = {0, 1};
    if (st == JS_OK && k.n_cols < 2) {
        js_diag_error(r->diag, path, 1, 0, "a key file of codes and labels (two columns) was expected, found "
                      "%zu column", k.n_cols);
        st = JS_EDATA;
    }
    if (st == JS_OK)
        st = key_check_unique(r, &k, cols, 2);
    if (st == JS_OK) {
        *codes = js_calloc(k.n_rows, sizeof **codes);
        *labels = js_calloc(k.n_rows, sizeof **labels);
        st = *codes != NULL && *labels != NULL ? JS_OK : JS_ENOMEM;
    }
    *n = 0;
    for (size_t i = 1; st == JS_OK && i < k.n_rows; i++) {
        if (key_at(&k, i, 1)[0] == '\0')
            continue;
        (*codes)[*n] = js_arena_strdup(strings, key_at(&k, i, 0));
        (*labels)[*n] = js_arena_strdup(strings, key_at(&k, i, 1));
        st = (*codes)[*n] != NULL && (*labels)[*n] != NULL ? JS_OK : JS_ENOMEM;
        (*n)++;
    }
    key_free(&k); /* key_read readies k even when it fails */
    return st;
}

/* ---- grouping ------------------------------------------------------------------------ */

/* One cell of a group from one member's cell. */
typedef struct group_acc {
    double sum;
    unsigned n_ok, n_nil, n_missing, n_suppressed;
    uint32_t flags;
    const char *symbol;
} group_acc;

static void group_add(group_acc *a, const js_cube *c, size_t cell)
{
    switch (js_cube_status(c, cell)) {
    case JS_CELL_OK:
        a->sum += js_cube_value(c, cell);
        a->n_ok++;
        if (a->symbol == NULL)
            a->symbol = js_cube_symbol(c, cell);
        break;
    case JS_CELL_NIL: a->n_nil++; break;
    case JS_CELL_MISSING: a->n_missing++; break;
    case JS_CELL_SUPPRESSED: a->n_suppressed++; break;
    case JS_CELL_NA: break;
    }
    a->flags |= js_cube_flags(c, cell);
}

static js_status group_put(js_cube *g, size_t cell, const group_acc *a)
{
    js_status st = JS_OK;
    if (a->n_suppressed > 0)
        st = js_cube_set_status(g, cell, JS_CELL_SUPPRESSED, NULL);
    else if (a->n_missing > 0)
        st = js_cube_set_status(g, cell, JS_CELL_MISSING, NULL);
    else if (a->n_ok > 0) {
        js_cube_set_value(g, cell, a->sum);
        if (a->symbol != NULL)
            st = js_cube_set_status(g, cell, JS_CELL_OK, a->symbol);
    } else if (a->n_nil > 0)
        st = js_cube_set_status(g, cell, JS_CELL_NIL, NULL);
    else
        st = js_cube_set_status(g, cell, JS_CELL_NA, NULL);
    return st == JS_OK && a->flags ? js_cube_add_flags(g, cell, a->flags) : st;
}

/* to[i]: the category of the grouped dimension that data category i goes
 * into.  Adds the groups (and kept totals) to g's dimension dim. */
static js_status group_map(js_run_state *r, const key_file *k, const size_t *cols, size_t n_cols,
                           const js_dim *src, js_cube *g, size_t dim, size_t *to)
{
    const size_t n = js_dim_size(src);
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && i < n; i++) { /* every category of the data is known */
        const js_category *const cat = js_dim_category(src, i);
        if (key_find(k, cols[0], cat->code) == SIZE_MAX && !cat->is_total) {
            js_diag_error(r->diag, k->path, 0, 0, "expected a row for %s \"%s\" (%s) of the data in column "
                          "\"%s\"; found none", js_dim_name(src), cat->code, cat->label, key_at(k, 0, cols[0]));
            st = JS_EDATA;
        }
    }
    for (size_t row = 1; st == JS_OK && row < k->n_rows; row++) { /* groups in the file's order */
        const char *const code = key_at(k, row, cols[1]);
        if (code[0] == '\0') {
            js_diag_error(r->diag, k->path, k->rows[row].line, 0, "expected a group code in column \"%s\", found "
                          "an empty field", key_at(k, 0, cols[1]));
            return JS_EDATA;
        }
        if (js_dim_find_code(js_cube_dim(g, dim), code) != SIZE_MAX)
            continue;
        size_t present = 0, absent_row = 0;
        for (size_t m = 1; m < k->n_rows; m++)
            if (strcmp(key_at(k, m, cols[1]), code) == 0) {
                if (js_dim_find_code(src, key_at(k, m, cols[0])) != SIZE_MAX)
                    present++;
                else if (absent_row == 0)
                    absent_row = m;
            }
        if (present == 0)
            continue; /* a group of which the data has nothing */
        if (absent_row != 0) {
            js_diag_error(r->diag, k->path, k->rows[absent_row].line, 0, "group \"%s\" needs all its members, but "
                          "%s \"%s\" is not in the data: its sum would be too small",
                          code, js_dim_name(src), key_at(k, absent_row, cols[0]));
            return JS_EDATA;
        }
        const char *const label = n_cols > 2 && key_at(k, row, cols[2])[0] != '\0' ? key_at(k, row, cols[2]) : code;
        st = js_cube_add_category(g, dim, code, label, NULL);
        if (st == JS_EDATA)
            js_diag_error(r->diag, k->path, k->rows[row].line, 0, "group \"%s\" does not fit the dimension's role "
                          "(%s)", code, js_role_name(js_dim_role(src)));
    }
    for (size_t i = 0; st == JS_OK && i < n; i++) {
        const js_category *const cat = js_dim_category(src, i);
        const size_t row = key_find(k, cols[0], cat->code);
        if (row == SIZE_MAX && js_dim_find_code(js_cube_dim(g, dim), cat->code) != SIZE_MAX) {
            js_diag_error(r->diag, k->path, 0, 0, "a group's code \"%s\" is the code of the data's total "
                          "(%s); give the group another code", cat->code, cat->label);
            return JS_EDATA;
        }
        if (row == SIZE_MAX) /* a total stays itself */
            st = js_cube_copy_category(g, dim, cat, NULL);
        to[i] = js_dim_find_code(js_cube_dim(g, dim), row == SIZE_MAX ? cat->code : key_at(k, row, cols[1]));
    }
    return st;
}

static js_status group_cells(const js_cube *c, size_t dim, const size_t *to, js_cube *g)
{
    const size_t ncells = js_cube_ncells(g);
    group_acc *const acc = js_calloc(ncells ? ncells : 1, sizeof *acc);
    if (acc == NULL)
        return JS_ENOMEM;
    size_t idx[64];
    for (size_t cell = 0; cell < js_cube_ncells(c); cell++) {
        js_cube_cell_coords(c, cell, idx);
        idx[dim] = to[idx[dim]];
        group_add(&acc[js_cube_cell_index(g, idx)], c, cell);
    }
    js_status st = JS_OK;
    for (size_t cell = 0; st == JS_OK && cell < ncells; cell++)
        st = group_put(g, cell, &acc[cell]);
    js_free(acc);
    return st;
}

static js_status keys_group(js_run_state *r, run_data *rd)
{
    const spec_kv *const kv = spec_kv_find(rd->sec, "group");
    const char *const measure = spec_get(rd->sec, "measure_type", "count");
    if (strcmp(measure, "count") != 0 && strcmp(measure, "amount") != 0) {
        spec_error(r->spec, rd->sec, kv, 0, r->diag, "group: sums the members' cells, so it needs counts or "
                   "amounts; the data are measure_type = %s", measure);
        return JS_EUSAGE;
    }
    if (js_cube_has_ci(rd->cube)) {
        spec_error(r->spec, rd->sec, kv, 0, r->diag, "group: the data carry intervals, and the intervals of a "
                   "sum cannot be had from its members'");
        return JS_EUSAGE;
    }
    size_t dim, cols[3], n = 0;
    key_file k;
    js_status st = key_open(r, rd, "group", 3, &dim, &k, cols, &n);
    const js_cube *const c = rd->cube;
    js_cube *g = NULL;
    size_t *to = NULL;
    if (st == JS_OK)
        st = js_cube_clone_categories(c, dim, &g);
    if (st == JS_OK) {
        to = js_calloc(js_dim_size(js_cube_dim(c, dim)) + 1, sizeof *to);
        st = to != NULL ? JS_OK : JS_ENOMEM;
    }
    if (st == JS_OK)
        st = group_map(r, &k, cols, n, js_cube_dim(c, dim), g, dim, to);
    if (st == JS_OK)
        st = js_cube_alloc_cells(g);
    if (st == JS_OK)
        st = group_cells(c, dim, to, g);
    for (size_t i = 0; st == JS_OK && i < js_cube_nnotes(c); i++)
        st = js_cube_add_note(g, js_cube_note(c, i));
    if (st == JS_OK) {
        js_cube_free(rd->cube);
        rd->cube = g;
        g = NULL;
    }
    js_cube_free(g);
    js_free(to);
    key_free(&k);
    return st;
}

/* ---- exclude ------------------------------------------------------------------------ */

/* Copy cell `from` of c into cell `to` of n: value, status, symbol, flags, interval. */
static js_status keys_copy_cell(const js_cube *c, size_t from, js_cube *n, size_t to)
{
    const js_cell st = js_cube_status(c, from);
    js_status rc = JS_OK;
    if (st == JS_CELL_OK)
        js_cube_set_value(n, to, js_cube_value(c, from));
    if (st != JS_CELL_OK || js_cube_symbol(c, from) != NULL)
        rc = js_cube_set_status(n, to, st, js_cube_symbol(c, from));
    if (rc == JS_OK && js_cube_flags(c, from) != 0)
        rc = js_cube_add_flags(n, to, js_cube_flags(c, from));
    if (rc == JS_OK && js_cube_has_ci(c))
        rc = js_cube_set_ci(n, to, js_cube_ci_low(c, from), js_cube_ci_high(c, from));
    return rc;
}

static js_status keys_exclude(js_run_state *r, run_data *rd)
{
    const spec_kv *const kv = spec_kv_find(rd->sec, "exclude");
    js_sel *sel = NULL;
    size_t col = 0;
    char why[256];
    js_status st = js_sel_parse(kv->value, &sel, &col, why, sizeof why);
    if (st == JS_EUSAGE) {
        spec_error(r->spec, rd->sec, kv, col, r->diag, "exclude: %s", why);
        return st;
    }
    const js_cube *const c = rd->cube;
    js_sel_masks m;
    char what[160];
    (void)snprintf(what, sizeof what, "[data %s] exclude", rd->sec->name);
    if (st == JS_OK) /* a dimension or category the data lack: at the key's line, with the closest name */
        st = run_check_selection(r, rd->sec, kv, sel, c, spec_get(rd->sec, "file", ""), NULL);
    if (st == JS_OK)
        st = js_sel_resolve(c, sel, what, &m, r->diag);
    js_sel_free(sel);
    if (st != JS_OK)
        return st;
    const size_t nd = js_cube_ndims(c);
    js_cube *n = NULL;
    size_t *map[64] = {NULL};
    st = js_cube_clone_shape(c, &n);
    for (size_t d = 0; st == JS_OK && d < nd; d++) {
        const js_dim *const dim = js_cube_dim(c, d);
        map[d] = js_calloc(js_dim_size(dim) + 1, sizeof *map[d]);
        if (map[d] == NULL) {
            st = JS_ENOMEM;
            break;
        }
        size_t kept = 0;
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++) {
            map[d][k] = SIZE_MAX;
            if (m.mask[d] != NULL && m.mask[d][k])
                continue;
            st = js_cube_copy_category(n, d, js_dim_category(dim, k), &map[d][k]);
            kept++;
        }
        if (st == JS_OK && kept == 0) {
            spec_error(r->spec, rd->sec, kv, 0, r->diag, "exclude: leaves no category of %s", js_dim_name(dim));
            st = JS_EUSAGE;
        }
    }
    js_sel_masks_fini(&m);
    if (st == JS_OK)
        st = js_cube_alloc_cells(n);
    size_t from_idx[64], to_idx[64];
    for (size_t cell = 0; st == JS_OK && cell < js_cube_ncells(c); cell++) {
        js_cube_cell_coords(c, cell, from_idx);
        int keep = 1;
        for (size_t d = 0; d < nd && keep; d++)
            keep = (to_idx[d] = map[d][from_idx[d]]) != SIZE_MAX;
        if (keep)
            st = keys_copy_cell(c, cell, n, js_cube_cell_index(n, to_idx));
    }
    for (size_t i = 0; st == JS_OK && i < js_cube_nnotes(c); i++)
        st = js_cube_add_note(n, js_cube_note(c, i));
    for (size_t d = 0; d < nd; d++)
        js_free(map[d]);
    if (st != JS_OK) {
        js_cube_free(n);
        return st;
    }
    js_cube_free(rd->cube);
    rd->cube = n;
    return JS_OK;
}

js_status run_keys_apply(js_run_state *r, run_data *rd)
{
    static const char *const keys[] = {"exclude", "group", "labels"};
    const spec_kv *given = NULL;
    for (size_t i = 0; i < 3 && given == NULL; i++)
        given = spec_kv_find(rd->sec, keys[i]);
    if (given == NULL)
        return JS_OK;
    if (rd->streamed || rd->cube == NULL) {
        spec_error(r->spec, rd->sec, given, 0, r->diag,
                   "%s: not with partition = (a streamed file is never whole in memory)", given->key);
        return JS_EUSAGE;
    }
    /* exclude first, then group (of what is left), then labels (naming the groups) */
    js_status st = spec_kv_find(rd->sec, "exclude") != NULL ? keys_exclude(r, rd) : JS_OK;
    if (st == JS_OK && spec_kv_find(rd->sec, "group") != NULL)
        st = keys_group(r, rd);
    return st == JS_OK && spec_kv_find(rd->sec, "labels") != NULL ? keys_labels(r, rd) : st;
}
