/*
 * fetch_merge.c - the answers to a split query, merged into one JSON-stat
 * 2.0 dataset.
 *
 * Each answer is a dataset over a slice of the selection.  The merged one
 * has the dimensions of the first answer, in its order, with every
 * selected category in the table's order; each answer's cells are placed
 * by their codes, not by their positions, so answers in any order (and any
 * category order) give the same bytes.  The same path serves a query sent
 * whole, so one request and many give identical files.  Dimension-level
 * metadata (labels, units, extensions) comes from the first answer, with
 * the category labels and units of all of them; the dataset's own
 * metadata (label, source, updated, note, role, extension) from the first.
 */
#include "fetch/fetch_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

typedef struct merge_dim {
    const char *id;
    size_t n;              /* categories in the merged dataset */
    const char **codes;    /* [n], borrowed from the table or the first answer */
} merge_dim;

static js_status merge_bad(const char *what, size_t part, js_diag *d, const char *why)
{
    js_diag_error(d, NULL, 0, 0, "%s: answer %zu is not as asked: %s", what, part + 1, why);
    return JS_EDATA;
}

/* Category codes of a JSON-stat dimension in position order into codes[n]. */
static int merge_codes(json_t *dim, size_t n, const char **codes)
{
    json_t *const index = json_object_get(json_object_get(dim, "category"), "index");
    memset((void *)codes, 0, n * sizeof *codes);
    if (json_is_array(index)) {
        if (json_array_size(index) != n)
            return 0;
        for (size_t i = 0; i < n; i++)
            if ((codes[i] = json_string_value(json_array_get(index, i))) == NULL)
                return 0;
        return 1;
    }
    if (index == NULL && n == 1) { /* a single category may go without an index */
        const char *key;
        json_t *v;
        json_object_foreach(json_object_get(json_object_get(dim, "category"), "label"), key, v) {
            codes[0] = key;
            return 1;
        }
        return 0;
    }
    if (!json_is_object(index) || json_object_size(index) != n)
        return 0;
    const char *key;
    json_t *pos;
    json_object_foreach(index, key, pos) {
        const json_int_t p = json_integer_value(pos);
        if (!json_is_integer(pos) || p < 0 || (size_t)p >= n || codes[p] != NULL)
            return 0;
        codes[p] = key;
    }
    return 1;
}

/* The merged dimensions, from the first answer's ids and the selection. */
static js_status merge_dims(const fetch_table *t, json_t *first, const char *what, merge_dim **out,
                            size_t *n_out, js_diag *d)
{
    json_t *const ids = json_object_get(first, "id"), *const size = json_object_get(first, "size");
    const size_t nd = json_array_size(ids);
    if (nd == 0 || json_array_size(size) != nd || !json_is_object(json_object_get(first, "dimension")))
        return merge_bad(what, 0, d, "expected a JSON-stat dataset with id, size and dimension");
    merge_dim *const md = js_calloc(nd, sizeof *md);
    if (md == NULL)
        return JS_ENOMEM;
    *out = md;
    *n_out = nd;
    for (size_t k = 0; k < nd; k++) {
        md[k].id = json_string_value(json_array_get(ids, k));
        const fetch_var *v = NULL;
        for (size_t i = 0; md[k].id && i < t->n_vars; i++)
            if (strcmp(t->vars[i].code, md[k].id) == 0 && !t->vars[i].omitted)
                v = &t->vars[i];
        if (md[k].id == NULL)
            return merge_bad(what, 0, d, "a dimension id that is not text");
        if (v != NULL) {
            md[k].n = v->n_sel;
            md[k].codes = js_calloc(v->n_sel, sizeof *md[k].codes);
            if (md[k].codes == NULL)
                return JS_ENOMEM;
            for (size_t i = 0; i < v->n_sel; i++)
                md[k].codes[i] = v->codes[v->sel[i]];
            continue;
        }
        /* a dimension not asked for (a synthetic one): one category, the same in every answer */
        md[k].n = 1;
        md[k].codes = js_calloc(1, sizeof *md[k].codes);
        if (md[k].codes == NULL)
            return JS_ENOMEM;
        if (json_integer_value(json_array_get(size, k)) != 1 ||
            !merge_codes(json_object_get(json_object_get(first, "dimension"), md[k].id), 1, md[k].codes)) {
            char why[200];
            (void)snprintf(why, sizeof why, "dimension \"%s\" was not asked for", md[k].id);
            return merge_bad(what, 0, d, why);
        }
    }
    return JS_OK;
}

static void merge_dims_free(merge_dim *md, size_t n)
{
    for (size_t k = 0; md != NULL && k < n; k++)
        js_free((void *)md[k].codes);
    js_free(md);
}

static size_t merge_find(const merge_dim *m, const char *code)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->codes[i], code) == 0)
            return i;
    return SIZE_MAX;
}

typedef struct merge_part {
    size_t nd;
    size_t *size;     /* [nd] */
    size_t **to;      /* [nd][size[k]]: the merged position of each category */
} merge_part;

static void merge_part_fini(merge_part *p)
{
    for (size_t k = 0; p->to != NULL && k < p->nd; k++)
        js_free(p->to[k]);
    js_free(p->to);
    js_free(p->size);
}

/* Map one answer's categories onto the merged ones. */
static js_status merge_map(const merge_dim *md, size_t nd, json_t *part, size_t pi, const char *what,
                           merge_part *mp, js_diag *d)
{
    json_t *const ids = json_object_get(part, "id"), *const size = json_object_get(part, "size");
    json_t *const dims = json_object_get(part, "dimension");
    mp->nd = nd;
    if (json_array_size(ids) != nd || json_array_size(size) != nd || !json_is_object(dims))
        return merge_bad(what, pi, d, "its dimensions differ from the first answer's");
    mp->size = js_calloc(nd, sizeof *mp->size);
    mp->to = js_calloc(nd, sizeof *mp->to);
    if (mp->size == NULL || mp->to == NULL)
        return JS_ENOMEM;
    for (size_t k = 0; k < nd; k++) {
        const char *const id = json_string_value(json_array_get(ids, k));
        const json_int_t n = json_integer_value(json_array_get(size, k));
        if (id == NULL || strcmp(id, md[k].id) != 0 || n < 1 || (size_t)n > md[k].n)
            return merge_bad(what, pi, d, "its dimensions differ from the first answer's");
        mp->size[k] = (size_t)n;
        const char **const codes = js_calloc(mp->size[k], sizeof *codes);
        mp->to[k] = js_calloc(mp->size[k], sizeof *mp->to[k]);
        if (codes == NULL || mp->to[k] == NULL) {
            js_free((void *)codes);
            return JS_ENOMEM;
        }
        int ok = merge_codes(json_object_get(dims, id), mp->size[k], codes);
        for (size_t i = 0; ok && i < mp->size[k]; i++)
            ok = (mp->to[k][i] = merge_find(&md[k], codes[i])) != SIZE_MAX;
        js_free((void *)codes);
        if (!ok) {
            char why[200];
            (void)snprintf(why, sizeof why, "dimension \"%s\" has categories not asked for", id);
            return merge_bad(what, pi, d, why);
        }
    }
    return JS_OK;
}

/* The merged flat index of the answer's cell at flat index i. */
static size_t merge_index(const merge_dim *md, const merge_part *mp, size_t i)
{
    size_t full = 0, stride = 1;
    for (size_t k = mp->nd; k-- > 0;) {
        const size_t pos = i % mp->size[k];
        i /= mp->size[k];
        full += mp->to[k][pos] * stride;
        stride *= md[k].n;
    }
    return full;
}

/* Values and statuses of one answer into value[] / status (object). */
static js_status merge_cells(const merge_dim *md, const merge_part *mp, json_t *part, size_t pi,
                             const char *what, json_t *value, json_t *status, js_diag *d)
{
    size_t n = 1;
    for (size_t k = 0; k < mp->nd; k++)
        n *= mp->size[k];
    json_t *const v = json_object_get(part, "value");
    if (json_is_array(v)) {
        if (json_array_size(v) != n)
            return merge_bad(what, pi, d, "its value array does not have one value per cell");
        for (size_t i = 0; i < n; i++)
            if (json_array_set(value, merge_index(md, mp, i), json_array_get(v, i)) != 0)
                return JS_ENOMEM;
    } else if (json_is_object(v)) {
        const char *key;
        json_t *x;
        json_object_foreach(v, key, x) {
            char *end;
            const unsigned long long i = strtoull(key, &end, 10);
            if (*end != '\0' || i >= n)
                return merge_bad(what, pi, d, "a value key outside the cells");
            if (json_array_set(value, merge_index(md, mp, (size_t)i), x) != 0)
                return JS_ENOMEM;
        }
    } else {
        return merge_bad(what, pi, d, "expected a value array or object");
    }
    json_t *const s = json_object_get(part, "status");
    for (size_t i = 0; json_is_string(s) && i < n; i++) {
        char key[32];
        (void)snprintf(key, sizeof key, "%zu", merge_index(md, mp, i));
        if (json_object_set(status, key, s) != 0)
            return JS_ENOMEM;
    }
    for (size_t i = 0; json_is_array(s) && i < json_array_size(s) && i < n; i++) {
        char key[32];
        (void)snprintf(key, sizeof key, "%zu", merge_index(md, mp, i));
        if (!json_is_null(json_array_get(s, i)) && json_object_set(status, key, json_array_get(s, i)) != 0)
            return JS_ENOMEM;
    }
    const char *skey;
    json_t *sx;
    json_object_foreach(json_is_object(s) ? s : NULL, skey, sx) {
        char *end;
        const unsigned long long i = strtoull(skey, &end, 10);
        if (*end != '\0' || i >= n)
            return merge_bad(what, pi, d, "a status key outside the cells");
        char key[32];
        (void)snprintf(key, sizeof key, "%zu", merge_index(md, mp, (size_t)i));
        if (json_object_set(status, key, sx) != 0)
            return JS_ENOMEM;
    }
    return JS_OK;
}

/* Category sub-object name ("label", "unit") of dimension id over all
 * answers, in the merged order. */
static json_t *merge_cat_obj(const merge_dim *m, json_t *const *parts, size_t n_parts, const char *name)
{
    json_t *const out = json_object();
    int any = 0;
    for (size_t i = 0; out != NULL && i < m->n; i++)
        for (size_t p = 0; p < n_parts; p++) {
            json_t *const x = json_object_get(
                json_object_get(json_object_get(json_object_get(json_object_get(parts[p], "dimension"), m->id),
                                                "category"), name), m->codes[i]);
            if (x != NULL) {
                any = 1;
                if (json_object_set(out, m->codes[i], x) != 0) {
                    json_decref(out);
                    return NULL;
                }
                break;
            }
        }
    if (!any) {
        json_decref(out);
        return json_null();
    }
    return out;
}

/* The merged "dimension" object. */
static json_t *merge_dimension(const merge_dim *md, size_t nd, json_t *const *parts, size_t n_parts)
{
    json_t *const out = json_object();
    for (size_t k = 0; out != NULL && k < nd; k++) {
        json_t *const dim = json_deep_copy(json_object_get(json_object_get(parts[0], "dimension"), md[k].id));
        json_t *cat = json_object(), *const index = json_object();
        int bad = dim == NULL || cat == NULL || index == NULL;
        for (size_t i = 0; !bad && i < md[k].n; i++)
            bad = json_object_set_new(index, md[k].codes[i], json_integer((json_int_t)i)) != 0;
        bad = bad || json_object_set_new(cat, "index", json_incref(index)) != 0;
        json_t *const old = bad ? NULL : json_object_get(dim, "category");
        const char *key;
        json_t *x;
        json_object_foreach(old, key, x) { /* keep the category's keys in their order */
            if (bad || strcmp(key, "index") == 0)
                continue;
            json_t *const merged = strcmp(key, "label") == 0 || strcmp(key, "unit") == 0
                                       ? merge_cat_obj(&md[k], parts, n_parts, key) : json_incref(x);
            bad = merged == NULL || json_object_set_new(cat, key, merged) != 0;
        }
        json_decref(index);
        bad = bad || json_object_set_new(dim, "category", cat) != 0;
        cat = NULL;
        bad = bad || json_object_set_new(out, md[k].id, dim) != 0;
        if (bad) {
            json_decref(cat);
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

/* The merged dataset: the first answer's keys in its order, with id, size,
 * dimension, value and status replaced. */
static json_t *merge_root(const merge_dim *md, size_t nd, json_t *const *parts, size_t n_parts,
                          json_t *value, json_t *status)
{
    json_t *const root = json_object(), *const size = json_array();
    int bad = root == NULL || size == NULL;
    for (size_t k = 0; !bad && k < nd; k++)
        bad = json_array_append_new(size, json_integer((json_int_t)md[k].n)) != 0;
    int have_status = 0;
    const char *key;
    json_t *x;
    json_object_foreach(bad ? NULL : parts[0], key, x) {
        json_t *nv;
        if (strcmp(key, "size") == 0) nv = json_incref(size);
        else if (strcmp(key, "dimension") == 0) nv = merge_dimension(md, nd, parts, n_parts);
        else if (strcmp(key, "value") == 0) nv = json_incref(value);
        else if (strcmp(key, "status") == 0) { nv = json_incref(status); have_status = 1; }
        else nv = json_deep_copy(x);
        if (nv == NULL || (json_is_object(nv) && strcmp(key, "status") == 0 && json_object_size(nv) == 0)) {
            bad = bad || nv == NULL;
            json_decref(nv);
            continue;
        }
        bad = json_object_set_new(root, key, nv) != 0;
    }
    if (!bad && !have_status && json_object_size(status) > 0)
        bad = json_object_set(root, "status", status) != 0;
    json_decref(size);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

js_status fetch_merge(const fetch_table *t, json_t *const *parts, size_t n_parts, const char *what,
                      json_t **out, js_diag *d)
{
    merge_dim *md = NULL;
    size_t nd = 0;
    js_status st = merge_dims(t, parts[0], what, &md, &nd, d);
    double n_cells = 1;
    for (size_t k = 0; st == JS_OK && k < nd; k++)
        n_cells *= (double)md[k].n;
    json_t *const value = json_array(), *const status = json_object();
    if (st == JS_OK && (value == NULL || status == NULL || n_cells > 1e9))
        st = JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < (size_t)n_cells; i++)
        if (json_array_append_new(value, json_null()) != 0)
            st = JS_ENOMEM;
    for (size_t p = 0; st == JS_OK && p < n_parts; p++) {
        merge_part mp;
        memset(&mp, 0, sizeof mp);
        st = merge_map(md, nd, parts[p], p, what, &mp, d);
        if (st == JS_OK)
            st = merge_cells(md, &mp, parts[p], p, what, value, status, d);
        merge_part_fini(&mp);
    }
    if (st == JS_OK && (*out = merge_root(md, nd, parts, n_parts, value, status)) == NULL)
        st = JS_ENOMEM;
    json_decref(value);
    json_decref(status);
    merge_dims_free(md, nd);
    return st;
}
