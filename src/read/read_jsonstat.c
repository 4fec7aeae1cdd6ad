/*
 * read_jsonstat.c - the JSON-stat 2.0 reader (jansson; the only file that
 * includes <jansson.h>).
 *
 * Spec: JSON-stat 2.0 (json-stat.org/full), summarised with PxWebApi's and
 * Eurostat's habits in /work/shared/FORMATS.md §3.
 *
 * Supported subset:
 *   - class "dataset"; class "collection" whose link.item holds embedded
 *     datasets: the FIRST dataset is read and a warning says how many were
 *     skipped; a JSON-stat 1.x bundle {"name": {dataset}} with id/size/role
 *     inside "dimension" (normalised);
 *   - id / size (integers, or numeric strings as old responses send them),
 *     dimension[d].label, category.index as array or object (positions must
 *     be a permutation), or absent with a single category in label;
 *   - value as a dense array (null = missing), a sparse object keyed by the
 *     flat index (absent = missing), or [] (metadata only: every cell
 *     missing, with a warning);
 *   - status as one string, an array or a sparse object: on a present value
 *     it is a flag (JS_CELL_OK + text), on a null value it says why
 *     ("-" nil, "." not applicable, "..." / "c" / "C" confidential ->
 *     suppressed, "m"/"z" not applicable... else missing);
 *   - role time/geo/metric -> time/region/contents; without roles, names
 *     are guessed (js_harm_role_from_name); opts->roles override;
 *   - label -> title, source, updated, note (array or string) -> cube notes,
 *     dimension notes -> "label: note" notes, extension.px.decimals or the
 *     metric unit's decimals -> decimals, unit base/label -> unit,
 *     extension.contact[0].raw/name -> contact;
 *   - extension.ci_low / extension.ci_high (jamstat's convention; JSON-stat
 *     has none): the source's own interval per cell, laid out as "value".
 *
 * Deliberate omissions: collections that only link to other URLs (no
 * network); category child/coordinates (hierarchy, geo) are not kept;
 * dimension-level "extension" is not interpreted.
 *
 * Worked example:
 *   {"version":"2.0","class":"dataset","id":["sex","year"],"size":[2,1],
 *    "dimension":{"sex":{"category":{"index":{"M":1,"F":0}}},
 *                 "year":{"category":{"index":["2020"]}}},
 *    "value":{"1":7.5},"status":{"0":".."}}
 *   -> dims sex{F,M} (role sex) x year{2020} (role time); cells: F missing
 *      "..", M 7.5.
 */
#include "jamstat/read.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "jamstat/harmonise.h"
#include "read/read_util.h"

typedef struct js_jst {
    const char *path;
    js_diag *d;
    const js_read_opts *o;
    js_cube *cube;
    json_t *ds;        /* the dataset object (borrowed from the root) */
    json_t *ids;       /* array of dimension ids */
    json_t *sizes;     /* array of sizes */
    json_t *dims;      /* object id -> dimension */
    json_t *role;      /* role object or NULL */
    size_t n_dims;
    size_t n_cells;
} js_jst;

/* ---- Input --------------------------------------------------------------- */

typedef struct jst_feed {
    js_source *src;
    js_status st;
    int started; /* the first bytes were looked at (for a BOM) */
} jst_feed;

/* jansson's reader.  A UTF-8 byte-order mark (Windows tools write one, and
 * RFC 8259 lets a parser ignore it) is dropped: jansson would stop at it. */
static size_t jst_read_cb(void *buf, size_t len, void *data)
{
    jst_feed *const f = data;
    size_t n = 0;
    f->st = js_source_read(f->src, buf, len, &n);
    if (f->st != JS_OK)
        return (size_t)-1;
    if (!f->started) {
        f->started = 1;
        unsigned char *const b = buf;
        if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
            memmove(b, b + 3, n - 3);
            n -= 3;
        }
    }
    return n;
}

static js_status jst_err(js_jst *x, const char *fmt, ...) JS_PRINTF(2, 3);
static js_status jst_err(js_jst *x, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    js_diag_error(x->d, x->path, 0, 0, "%s", msg);
    return JS_EDATA;
}

/* ---- Locating the dataset ------------------------------------------------- */

static int jst_is_dataset(json_t *o)
{
    return json_is_object(o) && json_object_get(o, "dimension") != NULL;
}

/* A 1.x bundle keeps id/size/role inside "dimension". */
static void jst_normalise_v1(js_jst *x)
{
    json_t *const dim = json_object_get(x->ds, "dimension");
    x->ids = json_object_get(x->ds, "id");
    x->sizes = json_object_get(x->ds, "size");
    x->role = json_object_get(x->ds, "role");
    if (x->ids == NULL)
        x->ids = json_object_get(dim, "id");
    if (x->sizes == NULL)
        x->sizes = json_object_get(dim, "size");
    if (x->role == NULL)
        x->role = json_object_get(dim, "role");
    x->dims = dim;
}

static js_status jst_find_dataset(js_jst *x, json_t *root)
{
    const char *const cls = json_string_value(json_object_get(root, "class"));
    if (json_object_get(root, "error") != NULL && !jst_is_dataset(root))
        return jst_err(x, "JSON-stat: the document is an error response, not a dataset");
    if (cls != NULL && strcmp(cls, "collection") == 0) {
        json_t *const items = json_object_get(json_object_get(root, "link"), "item");
        size_t n = 0, i;
        json_t *it, *first = NULL;
        json_array_foreach(items, i, it) {
            if (jst_is_dataset(it)) {
                n++;
                first = first ? first : it;
            }
        }
        if (first == NULL)
            return jst_err(x, "JSON-stat: the collection embeds no dataset (only links)");
        if (n > 1)
            js_diag_warn(x->d, x->path, 0, 0,
                         "JSON-stat: a collection of %zu datasets; only the first is read", n);
        x->ds = first;
    } else if (jst_is_dataset(root)) {
        x->ds = root;
    } else {
        const char *key;
        json_t *v;
        json_object_foreach(root, key, v) {
            if (jst_is_dataset(v)) {
                x->ds = v; /* 1.x bundle */
                break;
            }
        }
        if (x->ds == NULL)
            return jst_err(x, "JSON-stat: expected a dataset (with \"dimension\"), found none");
    }
    jst_normalise_v1(x);
    return JS_OK;
}

/* ---- Dimensions ------------------------------------------------------------ */

static int jst_size(json_t *v, size_t *out)
{
    if (json_is_integer(v) && json_integer_value(v) >= 0) {
        *out = (size_t)json_integer_value(v);
        return 1;
    }
    const char *const s = json_string_value(v);
    char *end = NULL;
    if (s == NULL || *s == '\0')
        return 0;
    const unsigned long long n = strtoull(s, &end, 10);
    if (*end != '\0' || n > SIZE_MAX)
        return 0;
    *out = (size_t)n;
    return 1;
}

/* "id" names each dimension once: of two dimensions with one name only the
 * first could be found (it was read as two dimensions "a"). */
static js_status jst_check_ids(js_jst *x)
{
    const size_t n = json_array_size(x->ids);
    for (size_t i = 0; i < n; i++) {
        const char *const a = json_string_value(json_array_get(x->ids, i));
        for (size_t j = 0; a != NULL && j < i; j++) {
            const char *const b = json_string_value(json_array_get(x->ids, j));
            if (b != NULL && strcmp(a, b) == 0)
                return jst_err(x, "JSON-stat: \"id\" entry %zu: expected a dimension id of its "
                                  "own, found \"%s\" again (entry %zu)", i + 1, a, j + 1);
        }
    }
    return JS_OK;
}

/* The declared shape, checked before anything is allocated from it: every
 * size at most JS_READ_MAX_CATEGORIES, their product without overflow. */
static js_status jst_check_shape(js_jst *x)
{
    const js_status ids = jst_check_ids(x);
    if (ids != JS_OK)
        return ids;
    if (!json_is_array(x->ids) || !json_is_array(x->sizes) || !json_is_object(x->dims))
        return jst_err(x, "JSON-stat: expected arrays \"id\" and \"size\" and an object "
                          "\"dimension\"");
    x->n_dims = json_array_size(x->ids);
    if (x->n_dims != json_array_size(x->sizes)) {
        js_diag_error(x->d, x->path, 0, 0, "JSON-stat: \"id\" has %zu entries, \"size\" %zu "
                      "(ID_SIZE_LEN_MISMATCH)", x->n_dims, json_array_size(x->sizes));
        return JS_EDATA;
    }
    size_t n = 1;
    for (size_t i = 0; i < x->n_dims; i++) {
        size_t s;
        if (!json_is_string(json_array_get(x->ids, i)) || !jst_size(json_array_get(x->sizes, i), &s))
            return jst_err(x, "JSON-stat: id/size entry is not a string/non-negative integer");
        if (s > JS_READ_MAX_CATEGORIES)
            return jst_err(x, "JSON-stat: dimension \"%s\": expected at most %zu categories, "
                              "found size %zu", json_string_value(json_array_get(x->ids, i)),
                           JS_READ_MAX_CATEGORIES, s);
        if (s != 0 && n > SIZE_MAX / s)
            return jst_err(x, "JSON-stat: the cube size overflows (CUBE_SIZE_OVERFLOW)");
        n *= s;
    }
    x->n_cells = n; /* the cap is checked after the values (jst_check_values) */
    return JS_OK;
}

/* Does "value" carry what "size" declares?  Checked before the cells are
 * allocated: a dense array must have one entry per cell; a sparse object
 * may leave cells out, but a table over JS_READ_SPARSE_FREE cells needs
 * one entry per JS_READ_SPARSE_RATIO cells (a 200-byte file declaring
 * 10^9 cells is not a sparse table but a hostile one). */
static js_status jst_check_values(js_jst *x)
{
    json_t *const value = json_object_get(x->ds, "value");
    if (json_is_array(value) && json_array_size(value) != 0 &&
        json_array_size(value) != x->n_cells) {
        js_diag_error(x->d, x->path, 0, 0, "JSON-stat: \"value\" has %zu entries, the "
                      "dimensions give %zu cells (VALUE_LEN_MISMATCH)",
                      json_array_size(value), x->n_cells);
        return JS_EDATA;
    }
    const size_t given = json_is_object(value) ? json_object_size(value) : json_array_size(value);
    if (x->n_cells > JS_READ_SPARSE_FREE && given < x->n_cells / JS_READ_SPARSE_RATIO)
        return jst_err(x, "JSON-stat: \"size\" declares %zu cells, \"value\" gives %zu: "
                          "expected at least one value per %zu cells above %zu cells",
                       x->n_cells, given, JS_READ_SPARSE_RATIO, JS_READ_SPARSE_FREE);
    /* A table the file does back but that is too big for us is a resource
     * limit (JS_ENOMEM, 71), not bad data. */
    const size_t cap = x->o->max_cells ? x->o->max_cells : JS_READ_DEFAULT_MAX_CELLS;
    if (x->n_cells > cap) {
        js_diag_error(x->d, x->path, 0, 0, "JSON-stat: %zu cells, more than the limit of %zu",
                      x->n_cells, cap);
        return JS_ENOMEM;
    }
    return JS_OK;
}

/* How many categories a dimension's "category" lists (index, else label),
 * compared with its size before an array of that size is allocated. */
static js_status jst_check_categories(js_jst *x, const char *id, json_t *cat, size_t n)
{
    json_t *const index = json_object_get(cat, "index");
    json_t *const label = json_object_get(cat, "label");
    size_t listed;
    if (json_is_array(index))
        listed = json_array_size(index);
    else if (json_is_object(index))
        listed = json_object_size(index);
    else
        listed = json_object_size(label);
    if (listed == n)
        return JS_OK;
    return jst_err(x, "JSON-stat: dimension \"%s\": \"size\" declares %zu categories, its "
                      "category %s lists %zu (INDEX_COUNT_MISMATCH)", id, n,
                   index != NULL ? "index" : "label", listed);
}

/* Role from "role": {"time":[..], "geo":[..], "metric":[..]}. */
static js_role jst_role(js_jst *x, const char *id, const char *label)
{
    static const struct { const char *key; js_role role; } map[] = {
        {"time", JS_ROLE_TIME}, {"geo", JS_ROLE_REGION}, {"metric", JS_ROLE_CONTENTS}};
    for (size_t m = 0; m < 3; m++) {
        json_t *const list = json_object_get(x->role, map[m].key);
        size_t i;
        json_t *v;
        json_array_foreach(list, i, v) if (json_is_string(v) && strcmp(json_string_value(v), id) == 0)
            return map[m].role;
    }
    js_role r = js_harm_role_from_name(id);
    return r != JS_ROLE_OTHER || label == NULL ? r : js_harm_role_from_name(label);
}

/* The ids of a dimension's categories in position order (array of n). */
static js_status jst_category_ids(js_jst *x, const char *id, json_t *cat, size_t n,
                                  const char **out)
{
    json_t *const index = json_object_get(cat, "index");
    json_t *const label = json_object_get(cat, "label");
    for (size_t i = 0; i < n; i++)
        out[i] = NULL;
    if (json_is_array(index)) { /* its length was checked by jst_check_categories */
        for (size_t i = 0; i < n; i++)
            out[i] = json_string_value(json_array_get(index, i));
    } else {
        json_t *const obj = json_is_object(index) ? index : label;
        const char *key;
        json_t *v;
        json_object_foreach(obj, key, v) {
            const json_int_t p = json_is_object(index) ? json_integer_value(v) : 0;
            if (!json_is_object(index) && n != 1)
                break;
            if (p < 0 || (size_t)p >= n || out[p] != NULL)
                return jst_err(x, "JSON-stat: dimension \"%s\": index positions are not a "
                                  "permutation (INDEX_POSITIONS_INVALID)", id);
            out[p] = key;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (out[i] == NULL)
            return jst_err(x, "JSON-stat: dimension \"%s\": a category position has no id",
                           id);
    return JS_OK;
}

static js_status jst_add_dim(js_jst *x, size_t i)
{
    const char *const id = json_string_value(json_array_get(x->ids, i));
    json_t *const dim = json_object_get(x->dims, id);
    size_t n = 0;
    (void)jst_size(json_array_get(x->sizes, i), &n);
    if (!json_is_object(dim))
        return jst_err(x, "JSON-stat: \"id\" names \"%s\" but \"dimension\" has no such key "
                          "(DIM_KEY_ID_MISMATCH)", id);
    const char *const label = json_string_value(json_object_get(dim, "label"));
    json_t *const cat = json_object_get(dim, "category");
    const js_status checked = jst_check_categories(x, id, cat, n);
    if (checked != JS_OK)
        return checked;
    const char **const ids = js_calloc(n ? n : 1, sizeof *ids);
    if (ids == NULL)
        return JS_ENOMEM;
    size_t di;
    js_status st = jst_category_ids(x, id, cat, n, ids);
    if (st == JS_OK)
        st = js_cube_add_dim(x->cube, id, label, JS_ROLE_OTHER, &di);
    for (size_t k = 0; st == JS_OK && k < n; k++) {
        const char *const lab = json_string_value(json_object_get(json_object_get(cat, "label"),
                                                                  ids[k]));
        size_t got;
        st = js_cube_add_category(x->cube, di, ids[k], lab, &got);
        if (st == JS_OK && got != k)
            st = jst_err(x, "JSON-stat: dimension \"%s\": category \"%s\" appears twice", id,
                         ids[k]);
    }
    js_free(ids);
    if (st != JS_OK)
        return st;
    const js_role role = jst_role(x, id, label);
    if (role == JS_ROLE_OTHER || js_read_role_given(x->o, x->cube, di))
        return JS_OK; /* a role given by the user is set by jst_apply_overrides */
    if (js_cube_set_role(x->cube, di, role) == JS_EDATA) /* only sex can fail to fit */
        return js_read_unfit_sex(x->cube, di, x->path, 0, x->d);
    return JS_OK;
}

static js_status jst_apply_overrides(js_jst *x)
{
    for (size_t r = 0; r < x->o->n_roles; r++) {
        const size_t di = js_cube_find_dim(x->cube, x->o->roles[r].dim);
        if (di == SIZE_MAX || di >= x->n_dims)
            continue;
        if (js_cube_set_role(x->cube, di, x->o->roles[r].role) != JS_OK) {
            js_diag_error(x->d, x->path, 0, 0, "dimension \"%s\": its categories do not fit the "
                          "role \"%s\" given for it", x->o->roles[r].dim,
                          js_role_name(x->o->roles[r].role));
            return JS_EDATA;
        }
    }
    return JS_OK;
}

/* ---- Values and status ------------------------------------------------------ */

static js_cell jst_status_cell(const char *s)
{
    static const struct { const char *text; js_cell cell; } map[] = {
        {"-", JS_CELL_NIL},     {".", JS_CELL_NA},          {"...", JS_CELL_SUPPRESSED},
        {"c", JS_CELL_SUPPRESSED}, {"C", JS_CELL_SUPPRESSED}, {"..C", JS_CELL_SUPPRESSED},
        {"N", JS_CELL_SUPPRESSED}, {"z", JS_CELL_NA},       {"m", JS_CELL_NA}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(s, map[i].text) == 0)
            return map[i].cell;
    return JS_CELL_MISSING;
}

/* The status text of a cell, or NULL. */
static const char *jst_status_of(json_t *status, size_t cell)
{
    if (json_is_string(status))
        return json_string_value(status);
    if (json_is_array(status))
        return json_string_value(json_array_get(status, cell));
    if (json_is_object(status)) {
        char key[32];
        (void)snprintf(key, sizeof key, "%zu", cell);
        return json_string_value(json_object_get(status, key));
    }
    return NULL;
}

/* A string that strtod would read as a number but js_parse_decimal does not
 * ("inf", "-Infinity", "NaN", "1e400", "0x10"): an error, not a status,
 * since JSON-stat gives missing values as null and their reason in
 * "status". */
static int jst_is_nonfinite(const char *s)
{
    char *end = NULL;
    (void)strtod(s, &end);
    return end != s && *end == '\0';
}

static js_status jst_set_cell(js_jst *x, size_t cell, json_t *v, json_t *status)
{
    const char *const flag = jst_status_of(status, cell);
    if (json_is_number(v)) {
        js_cube_set_value(x->cube, cell, json_number_value(v));
        return flag && *flag ? js_cube_set_status(x->cube, cell, JS_CELL_OK, flag) : JS_OK;
    }
    if (v != NULL && !json_is_null(v) && !json_is_string(v))
        return jst_err(x, "JSON-stat: value of cell %zu: expected a number, null or a string",
                       cell);
    const char *const s = json_string_value(v);
    double num;
    if (s != NULL && js_parse_decimal(s, &num)) { /* "12.5" as old responses send it */
        js_cube_set_value(x->cube, cell, num);
        return JS_OK;
    }
    if (s != NULL && jst_is_nonfinite(s))
        return jst_err(x, "JSON-stat: value of cell %zu: expected a decimal number, null or a data symbol, found \"%s\"",
                       cell, s);
    const char *const sym = flag ? flag : s;
    return js_cube_set_status(x->cube, cell, sym ? jst_status_cell(sym) : JS_CELL_MISSING, sym);
}

static js_status jst_sparse_keys(js_jst *x, json_t *obj, const char *what)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        char *end = NULL;
        const unsigned long long k = strtoull(key, &end, 10);
        if (*key == '\0' || *end != '\0' || k >= x->n_cells)
            return jst_err(x, "JSON-stat: %s key \"%s\" is not a cell index "
                              "(SPARSE_KEY_OUT_OF_RANGE)", what, key);
    }
    return JS_OK;
}

static js_status jst_values(js_jst *x)
{
    json_t *const value = json_object_get(x->ds, "value");
    json_t *const status = json_object_get(x->ds, "status");
    js_status st = JS_OK;
    if (json_is_array(status) && json_array_size(status) != x->n_cells)
        return jst_err(x, "JSON-stat: \"status\" array length differs from the cell count "
                          "(STATUS_LEN_MISMATCH)");
    if (json_is_object(status) && (st = jst_sparse_keys(x, status, "status")) != JS_OK)
        return st;
    if (json_is_array(value) && json_array_size(value) == 0 && x->n_cells > 0) {
        js_diag_warn(x->d, x->path, 0, 0, "JSON-stat: \"value\" is empty: metadata only, "
                     "every cell is missing");
        return JS_OK;
    }
    if (json_is_array(value)) { /* its length was checked by jst_check_values */
        for (size_t i = 0; i < x->n_cells && st == JS_OK; i++)
            st = jst_set_cell(x, i, json_array_get(value, i), status);
        return st;
    }
    if (!json_is_object(value))
        return jst_err(x, "JSON-stat: expected \"value\" as an array or an object");
    if ((st = jst_sparse_keys(x, value, "value")) != JS_OK)
        return st;
    char key[32];
    for (size_t i = 0; i < x->n_cells && st == JS_OK; i++) {
        (void)snprintf(key, sizeof key, "%zu", i);
        st = jst_set_cell(x, i, json_object_get(value, key), status);
    }
    return st;
}

/* The source's own interval of each cell: extension.ci_low and
 * extension.ci_high, both or neither, each laid out as "value" may be (a
 * dense array of the cell count, or a sparse object keyed by the flat
 * index); null or absent: no interval for that cell.  A lower end above
 * the upper is an error; an interval on a missing value is dropped. */
static js_status jst_cis(js_jst *x)
{
    json_t *const ext = json_object_get(x->ds, "extension");
    json_t *const lim[2] = {json_object_get(ext, "ci_low"), json_object_get(ext, "ci_high")};
    static const char *const name[2] = {"ci_low", "ci_high"};
    if (lim[0] == NULL && lim[1] == NULL)
        return JS_OK;
    if (lim[0] == NULL || lim[1] == NULL)
        return jst_err(x, "JSON-stat: expected extension.ci_low and extension.ci_high together (the "
                          "source's interval), found only %s", name[lim[0] == NULL]);
    js_status st = JS_OK;
    for (size_t k = 0; k < 2 && st == JS_OK; k++) {
        if (json_is_array(lim[k]) && json_array_size(lim[k]) != x->n_cells)
            return jst_err(x, "JSON-stat: extension.%s: expected an array of %zu numbers (one per cell), "
                              "found %zu", name[k], x->n_cells, json_array_size(lim[k]));
        if (json_is_object(lim[k]))
            st = jst_sparse_keys(x, lim[k], name[k]);
        else if (!json_is_array(lim[k]))
            return jst_err(x, "JSON-stat: extension.%s: expected an array or an object, as \"value\"", name[k]);
    }
    for (size_t i = 0; i < x->n_cells && st == JS_OK; i++) {
        double b[2];
        int have = 0;
        for (size_t k = 0; k < 2; k++) {
            char key[32];
            (void)snprintf(key, sizeof key, "%zu", i);
            json_t *const v = json_is_array(lim[k]) ? json_array_get(lim[k], i) : json_object_get(lim[k], key);
            if (v != NULL && !json_is_null(v) && !json_is_number(v))
                return jst_err(x, "JSON-stat: extension.%s of cell %zu: expected a number or null", name[k], i);
            b[k] = json_is_number(v) ? json_number_value(v) : (double)NAN;
            have += json_is_number(v);
        }
        if (have == 2 && b[0] > b[1])
            return jst_err(x, "JSON-stat: cell %zu: the interval's lower end %g is above its upper end %g",
                           i, b[0], b[1]);
        if (have == 2 && js_cube_status(x->cube, i) == JS_CELL_OK)
            st = js_cube_set_ci(x->cube, i, b[0], b[1]);
    }
    return st;
}

/* ---- Metadata -------------------------------------------------------------------- */

static js_status jst_notes(js_jst *x, json_t *note, const char *prefix)
{
    js_status st = JS_OK;
    json_t *const list = json_is_string(note) ? NULL : note;
    const size_t n = json_is_string(note) ? 1 : json_array_size(list);
    for (size_t i = 0; i < n && st == JS_OK; i++) {
        const char *const t = json_string_value(list ? json_array_get(list, i) : note);
        if (t == NULL)
            continue;
        js_buf b;
        js_buf_init(&b);
        if (prefix)
            js_buf_printf(&b, "%s: ", prefix);
        js_buf_puts(&b, t);
        st = b.failed ? JS_ENOMEM : js_cube_add_note(x->cube, js_buf_cstr(&b));
        js_buf_fini(&b);
    }
    return st;
}

/* Unit and decimals from the metric dimension (when it has one category). */
static void jst_unit(js_jst *x, const char **unit, int *dec)
{
    const size_t m = js_cube_dim_by_role(x->cube, JS_ROLE_CONTENTS);
    if (m == SIZE_MAX || js_dim_size(js_cube_dim(x->cube, m)) != 1)
        return;
    json_t *const dim = json_object_get(x->dims, js_dim_name(js_cube_dim(x->cube, m)));
    json_t *const u = json_object_get(json_object_get(json_object_get(dim, "category"), "unit"),
                                      js_dim_category(js_cube_dim(x->cube, m), 0)->code);
    const char *const base = json_string_value(json_object_get(u, "base"));
    *unit = base ? base : json_string_value(json_object_get(u, "label"));
    if (json_is_integer(json_object_get(u, "decimals")))
        *dec = (int)json_integer_value(json_object_get(u, "decimals"));
}

static js_status jst_meta(js_jst *x)
{
    json_t *const ext = json_object_get(x->ds, "extension");
    json_t *const px = json_object_get(ext, "px");
    json_t *const contact = json_array_get(json_object_get(ext, "contact"), 0);
    const char *unit = NULL;
    int dec = -1;
    jst_unit(x, &unit, &dec);
    if (dec < 0 && json_is_integer(json_object_get(px, "decimals")))
        dec = (int)json_integer_value(json_object_get(px, "decimals"));
    js_cube_set_decimals(x->cube, dec);
    const char *con = json_string_value(json_object_get(contact, "raw"));
    if (con == NULL)
        con = json_string_value(json_object_get(contact, "name"));
    const char *measure = x->o->measure ? x->o->measure
                                        : json_string_value(json_object_get(px, "contents"));
    const struct { js_meta key; const char *v; } set[] = {
        {JS_META_TITLE, json_string_value(json_object_get(x->ds, "label"))},
        {JS_META_SOURCE, json_string_value(json_object_get(x->ds, "source"))},
        {JS_META_UPDATED, json_string_value(json_object_get(x->ds, "updated"))},
        {JS_META_UNIT, unit}, {JS_META_MEASURE, measure}, {JS_META_CONTACT, con},
        {JS_META_ENCODING, "UTF-8"}, {JS_META_FORMAT, "json-stat"}};
    js_status st = JS_OK;
    for (size_t i = 0; i < sizeof set / sizeof *set && st == JS_OK; i++)
        if (set[i].v != NULL)
            st = js_cube_set_meta(x->cube, set[i].key, set[i].v);
    if (st == JS_OK)
        st = jst_notes(x, json_object_get(x->ds, "note"), NULL);
    for (size_t i = 0; i < x->n_dims && st == JS_OK; i++) {
        const char *const id = json_string_value(json_array_get(x->ids, i));
        st = jst_notes(x, json_object_get(json_object_get(x->dims, id), "note"), id);
    }
    return st;
}

/* ---- Driver ---------------------------------------------------------------------- */

static js_status jst_build(js_jst *x, json_t *root)
{
    js_status st = jst_find_dataset(x, root);
    if (st == JS_OK)
        st = jst_check_shape(x);
    if (st != JS_OK)
        return st;
    x->cube = js_cube_alloc();
    if (x->cube == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < x->n_dims && st == JS_OK; i++)
        st = jst_add_dim(x, i);
    if (st == JS_OK)
        st = jst_apply_overrides(x);
    if (st == JS_OK)
        st = jst_check_values(x);
    if (st == JS_OK)
        st = js_cube_alloc_cells(x->cube);
    if (st == JS_OK)
        st = jst_values(x);
    if (st == JS_OK)
        st = jst_cis(x);
    if (st == JS_OK)
        st = jst_meta(x);
    return st;
}

js_status js_read_jsonstat(js_source *src, const js_read_opts *o, js_cube **out, js_diag *d)
{
    js_read_opts defaults;
    if (o == NULL) {
        js_read_opts_init(&defaults);
        o = &defaults;
    }
    js_jst x;
    memset(&x, 0, sizeof x);
    x.path = js_source_name(src);
    x.d = d;
    x.o = o;
    jst_feed feed = {src, JS_OK, 0};
    json_error_t err;
    json_t *const root = json_load_callback(jst_read_cb, &feed, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL) {
        if (feed.st != JS_OK)
            return feed.st;
        js_diag_add(d, JS_SEV_ERROR, x.path, (size_t)(err.line > 0 ? err.line : 0),
                    (size_t)(err.column > 0 ? err.column : 0), "JSON: %s", err.text);
        return JS_EDATA;
    }
    const size_t errors_before = js_diag_count(d, JS_SEV_ERROR);
    js_status st = json_is_object(root) ? jst_build(&x, root)
                                        : jst_err(&x, "JSON-stat: expected an object at the top "
                                                      "level");
    json_decref(root);
    if (st == JS_OK) {
        *out = x.cube;
    } else {
        if (st == JS_ENOMEM && js_diag_count(d, JS_SEV_ERROR) == errors_before)
            js_diag_error(d, x.path, 0, 0, "out of memory"); /* no message of its own */
        js_cube_free(x.cube);
    }
    return st;
}
