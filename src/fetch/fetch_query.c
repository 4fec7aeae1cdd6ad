/*
 * fetch_query.c - a table's metadata, the selection a user writes, and the
 * query PxWebApi 2 is sent.
 *
 * The metadata is the table's JSON-stat 2.0 dataset with an empty value
 * array (GET /tables/{id}/metadata): its dimensions are the variables,
 * their categories the values, and extension.elimination /
 * eliminationValueCode say whether a variable may be left out and what it
 * then stands for.  A selection names variables by code or label and
 * values by code or label, as selections do in the analysis file:
 *
 *     Region:01,03 Kon:1,2 Tid:2020-      Tid:latest5      Alder:*
 *
 * A range "a-b" of a time variable takes the periods from a to b as text
 * ("2020-" is 2020 and later, "2019M01-2020" runs to 2020M12); of another
 * variable the values from a to b in the table's order.  latest / latestN
 * are the last one or N values, * all of them.  Variables not named take
 * their elimination value; one the table lets be eliminated without a
 * value is left out (the API sums it); one it does not is taken whole.
 * Whatever is selected is kept in the table's order, so that one request
 * and several split ones give the same dataset.
 *
 * The query is the POST body of /tables/{id}/data:
 *     {"selection": [{"variableCode": "Region", "valueCodes": ["01", "03"]}, ...]}
 * with "codelist" where one applies.  A query over the API's maxDataCells
 * is split: the variable with the most values selected is cut first, into
 * the largest slices that keep each request within the limit.
 */
#include "fetch/fetch_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/suggest.h"

enum { FETCH_LIST_MAX = 30 }; /* values listed in an error */

/* ---- the metadata ---------------------------------------------------------------- */

static js_status table_bad(const fetch_table *t, js_diag *d, const char *what)
{
    js_diag_error(d, NULL, 0, 0, "table %s: the metadata is not as expected: %s", t->id, what);
    return JS_EDATA;
}

static int table_in_role(const json_t *meta, const char *role, const char *id)
{
    const json_t *const ids = json_object_get(json_object_get(meta, "role"), role);
    for (size_t i = 0; i < json_array_size(ids); i++)
        if (json_is_string(json_array_get(ids, i)) && strcmp(json_string_value(json_array_get(ids, i)), id) == 0)
            return 1;
    return 0;
}

/* Categories of dimension dim in position order. */
static js_status table_var(fetch_table *t, fetch_var *v, json_t *dim, js_diag *d)
{
    json_t *const cat = json_object_get(dim, "category");
    json_t *const index = json_object_get(cat, "index");
    json_t *const labels = json_object_get(cat, "label");
    v->label = json_string_value(json_object_get(dim, "label"));
    if (v->label == NULL)
        v->label = v->code;
    v->n = json_is_array(index) ? json_array_size(index) : json_is_object(index) ? json_object_size(index) : 0;
    if (v->n == 0)
        return table_bad(t, d, "a variable without a category index");
    v->codes = js_calloc(v->n, sizeof *v->codes);
    v->labels = js_calloc(v->n, sizeof *v->labels);
    v->sel = js_calloc(v->n, sizeof *v->sel);
    if (v->codes == NULL || v->labels == NULL || v->sel == NULL)
        return JS_ENOMEM;
    if (json_is_array(index)) {
        for (size_t i = 0; i < v->n; i++)
            v->codes[i] = json_string_value(json_array_get(index, i));
    } else {
        const char *key;
        json_t *pos;
        json_object_foreach(index, key, pos) {
            const json_int_t p = json_integer_value(pos);
            if (!json_is_integer(pos) || p < 0 || (size_t)p >= v->n || v->codes[p] != NULL)
                return table_bad(t, d, "category positions that are not 0..n-1");
            v->codes[p] = key;
        }
    }
    for (size_t i = 0; i < v->n; i++) {
        if (v->codes[i] == NULL)
            return table_bad(t, d, "a category code that is not text");
        v->labels[i] = json_string_value(json_object_get(labels, v->codes[i]));
        if (v->labels[i] == NULL)
            v->labels[i] = v->codes[i];
    }
    json_t *const ext = json_object_get(dim, "extension");
    v->elimination = json_is_true(json_object_get(ext, "elimination"));
    v->elim_code = json_string_value(json_object_get(ext, "eliminationValueCode"));
    v->is_time = table_in_role(t->meta, "time", v->code);
    return JS_OK;
}

js_status fetch_table_init(fetch_table *t, json_t *meta, const char *id, js_diag *d)
{
    memset(t, 0, sizeof *t);
    t->meta = json_incref(meta);
    t->id = id;
    json_t *const ids = json_object_get(meta, "id");
    json_t *const dims = json_object_get(meta, "dimension");
    if (!json_is_array(ids) || json_array_size(ids) == 0 || !json_is_object(dims))
        return table_bad(t, d, "expected a JSON-stat dataset with \"id\" and \"dimension\"");
    t->n_vars = json_array_size(ids);
    t->vars = js_calloc(t->n_vars, sizeof *t->vars);
    if (t->vars == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < t->n_vars; i++) {
        fetch_var *const v = &t->vars[i];
        v->code = json_string_value(json_array_get(ids, i));
        json_t *const dim = v->code ? json_object_get(dims, v->code) : NULL;
        if (dim == NULL)
            return table_bad(t, d, "an id without its dimension");
        const js_status st = table_var(t, v, dim, d);
        if (st != JS_OK)
            return st;
    }
    return JS_OK;
}

void fetch_table_fini(fetch_table *t)
{
    for (size_t i = 0; t->vars != NULL && i < t->n_vars; i++) {
        js_free((void *)t->vars[i].codes);
        js_free((void *)t->vars[i].labels);
        js_free(t->vars[i].sel);
    }
    js_free(t->vars);
    json_decref(t->meta);
    memset(t, 0, sizeof *t);
}

/* ---- the selection ----------------------------------------------------------------- */

/* The next term of *p, ending at white space outside double quotes; the
 * quotes are removed in place.  NULL at the end. */
static char *select_term(char **p)
{
    char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s == '\0')
        return NULL;
    char *const start = s, *w = s;
    int quoted = 0;
    for (; *s != '\0' && (quoted || (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')); s++) {
        if (*s == '"')
            quoted = !quoted;
        else
            *w++ = *s;
    }
    if (*s != '\0')
        s++;
    *w = '\0';
    *p = s;
    return start;
}

/* Split a term at the first ':' (outside what were quotes: the caller
 * removed them, so a ':' in a quoted name is not supported). */
static char *select_colon(char *term)
{
    char *const c = strchr(term, ':');
    if (c != NULL)
        *c = '\0';
    return c ? c + 1 : NULL;
}

static size_t select_var(const fetch_table *t, const char *name)
{
    for (size_t i = 0; i < t->n_vars; i++)
        if (strcasecmp(t->vars[i].code, name) == 0)
            return i;
    for (size_t i = 0; i < t->n_vars; i++)
        if (strcasecmp(t->vars[i].label, name) == 0)
            return i;
    return SIZE_MAX;
}

static size_t select_value(const fetch_var *v, const char *text)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->codes[i], text) == 0)
            return i;
    for (size_t i = 0; i < v->n; i++)
        if (strcasecmp(v->labels[i], text) == 0)
            return i;
    return SIZE_MAX;
}

/* "Region (region), Alder (ålder), ..." */
static void select_list_vars(const fetch_table *t, js_buf *b)
{
    for (size_t i = 0; i < t->n_vars; i++)
        js_buf_printf(b, "%s%s (%s)", i ? ", " : "", t->vars[i].code, t->vars[i].label);
}

/* "01 (Stockholms län), 03 (Uppsala län), ... (21 values)" */
static void select_list_values(const fetch_var *v, js_buf *b)
{
    for (size_t i = 0; i < v->n && i < FETCH_LIST_MAX; i++) {
        js_buf_printf(b, "%s%s", i ? ", " : "", v->codes[i]);
        if (strcmp(v->labels[i], v->codes[i]) != 0)
            js_buf_printf(b, " (%s)", v->labels[i]);
    }
    if (v->n > FETCH_LIST_MAX)
        js_buf_puts(b, ", ...");
    js_buf_printf(b, " (%zu value%s)", v->n, v->n == 1 ? "" : "s");
}

static js_status select_unknown_var(const fetch_table *t, const char *name, const char *context, js_diag *d)
{
    const char **names = js_calloc(t->n_vars * 2, sizeof *names);
    if (names == NULL)
        return JS_ENOMEM;
    size_t nn = 0; /* codes, and labels that are not the code again ("Region", "region") */
    for (size_t i = 0; i < t->n_vars; i++)
        names[nn++] = t->vars[i].code;
    for (size_t i = 0; i < t->n_vars; i++)
        if (strcasecmp(t->vars[i].label, t->vars[i].code) != 0)
            names[nn++] = t->vars[i].label;
    const char *const near = js_suggest(name, names, nn);
    js_buf b;
    js_buf_init(&b);
    select_list_vars(t, &b);
    js_diag_error(d, NULL, 0, 0, "%s: table %s has no variable \"%s\"%s%s%s; its variables are %s", context,
                  t->id, name, near ? " (did you mean " : "", near ? near : "", near ? "?)" : "", js_buf_cstr(&b));
    js_buf_fini(&b);
    js_free((void *)names);
    return JS_EUSAGE;
}

static js_status select_unknown_value(const fetch_table *t, const fetch_var *v, const char *text,
                                      const char *why, const char *context, js_diag *d)
{
    const char **names = js_calloc(v->n * 2, sizeof *names);
    if (names == NULL)
        return JS_ENOMEM;
    size_t nn = 0;
    for (size_t i = 0; i < v->n; i++)
        names[nn++] = v->codes[i];
    for (size_t i = 0; i < v->n; i++)
        if (strcasecmp(v->labels[i], v->codes[i]) != 0)
            names[nn++] = v->labels[i];
    const char *const near = why ? NULL : js_suggest(text, names, nn);
    js_buf b;
    js_buf_init(&b);
    select_list_values(v, &b);
    js_diag_error(d, NULL, 0, 0, "%s: table %s: %s %s \"%s\"%s%s%s; its values are %s", context, t->id,
                  v->code, why ? why : "has no value", text, near ? " (did you mean " : "",
                  near ? near : "", near ? "?)" : "", js_buf_cstr(&b));
    js_buf_fini(&b);
    js_free((void *)names);
    return JS_EUSAGE;
}

/* "latest" = 1, "latest5" = 5; 0 when text is not of that form. */
static size_t select_latest(const char *text)
{
    if (strncasecmp(text, "latest", 6) != 0)
        return 0;
    if (text[6] == '\0')
        return 1;
    char *end;
    const unsigned long n = strtoul(text + 6, &end, 10);
    return *end == '\0' && isdigit((unsigned char)text[6]) && n > 0 ? (size_t)n : 0;
}

/* One item of a variable's list into mark[]. */
static js_status select_item(const fetch_table *t, const fetch_var *v, char *item, unsigned char *mark,
                             const char *context, js_diag *d)
{
    size_t latest;
    const size_t exact = select_value(v, item);
    if (exact != SIZE_MAX) {
        mark[exact] = 1;
        return JS_OK;
    }
    if (strcmp(item, "*") == 0) {
        memset(mark, 1, v->n);
        return JS_OK;
    }
    if ((latest = select_latest(item)) > 0) {
        for (size_t i = latest < v->n ? v->n - latest : 0; i < v->n; i++)
            mark[i] = 1;
        return JS_OK;
    }
    char *const dash = strchr(item, '-');
    if (dash == NULL)
        return select_unknown_value(t, v, item, NULL, context, d);
    *dash = '\0';
    const char *const from = item, *const to = dash + 1;
    size_t n_in = 0;
    if (v->is_time) { /* periods as text: "2020-" is 2020 and later, "-2019" up to 2019M12 */
        for (size_t i = 0; i < v->n; i++) {
            const char *const c = v->codes[i];
            if ((*from == '\0' || strcmp(c, from) >= 0) && (*to == '\0' || strncmp(c, to, strlen(to)) <= 0)) {
                mark[i] = 1;
                n_in++;
            }
        }
    } else {
        const size_t lo = *from ? select_value(v, from) : 0, hi = *to ? select_value(v, to) : v->n - 1;
        if (lo == SIZE_MAX || hi == SIZE_MAX) {
            *dash = '-';
            return select_unknown_value(t, v, lo == SIZE_MAX ? from : to, NULL, context, d);
        }
        for (size_t i = lo; i <= hi; i++, n_in++)
            mark[i] = 1;
    }
    *dash = '-';
    return n_in > 0 ? JS_OK : select_unknown_value(t, v, item, "has no value in the range", context, d);
}

static js_status select_values(const fetch_table *t, fetch_var *v, char *list, const char *context,
                               js_diag *d)
{
    unsigned char *const mark = js_calloc(v->n, 1);
    if (mark == NULL)
        return JS_ENOMEM;
    js_status st = JS_OK;
    char *save = NULL;
    for (char *item = strtok_r(list, ",", &save); item != NULL && st == JS_OK; item = strtok_r(NULL, ",", &save))
        st = select_item(t, v, item, mark, context, d);
    v->n_sel = 0;
    for (size_t i = 0; i < v->n; i++)
        if (mark[i])
            v->sel[v->n_sel++] = i;
    js_free(mark);
    if (st == JS_OK && v->n_sel == 0) {
        js_diag_error(d, NULL, 0, 0, "%s: table %s: expected values after \"%s:\", found none", context, t->id,
                      v->code);
        st = JS_EUSAGE;
    }
    return st;
}

/* What a variable the selection does not name stands for. */
static void select_default(fetch_var *v, int all)
{
    v->omitted = 0;
    v->n_sel = 0;
    const size_t e = v->elim_code && !all ? select_value(v, v->elim_code) : SIZE_MAX;
    if (e != SIZE_MAX) {
        v->sel[v->n_sel++] = e;
    } else if (v->elimination && !all) {
        v->omitted = 1; /* the API sums it */
    } else {
        for (size_t i = 0; i < v->n; i++)
            v->sel[v->n_sel++] = i;
    }
}

js_status fetch_select(fetch_table *t, const char *where, int all, const char *context, js_diag *d)
{
    unsigned char *const named = js_calloc(t->n_vars, 1);
    char *const text = js_strdup(where ? where : "");
    if (named == NULL || text == NULL) {
        js_free(named);
        js_free(text);
        return JS_ENOMEM;
    }
    js_status st = JS_OK;
    char *p = text, *term;
    while (st == JS_OK && (term = select_term(&p)) != NULL) {
        char *const list = select_colon(term);
        if (list == NULL || *term == '\0') {
            js_diag_error(d, NULL, 0, 0, "%s: expected VARIABLE:VALUE[,VALUE...] (e.g. Region:01,03 Tid:2020-), "
                          "found \"%s\"", context, term);
            st = JS_EUSAGE;
            break;
        }
        const size_t vi = select_var(t, term);
        if (vi == SIZE_MAX) {
            st = select_unknown_var(t, term, context, d);
            break;
        }
        named[vi] = 1;
        t->vars[vi].omitted = 0;
        st = select_values(t, &t->vars[vi], list, context, d);
    }
    for (size_t i = 0; st == JS_OK && i < t->n_vars; i++)
        if (!named[i])
            select_default(&t->vars[i], all);
    js_free(named);
    js_free(text);
    return st;
}

double fetch_cells(const fetch_table *t)
{
    double n = 1;
    for (size_t i = 0; i < t->n_vars; i++)
        if (!t->vars[i].omitted)
            n *= (double)t->vars[i].n_sel;
    return n;
}

/* ---- splitting ---------------------------------------------------------------------- */

void fetch_pieces_free(fetch_piece *p, size_t n)
{
    for (size_t i = 0; p != NULL && i < n; i++) {
        js_free(p[i].lo);
        js_free(p[i].hi);
    }
    js_free(p);
}

/* Slice sizes per variable: the largest first, each as large as the limit
 * lets it be given what the others keep. */
static int split_sizes(const fetch_table *t, double max_cells, size_t *slice)
{
    double cells = 1;
    for (size_t i = 0; i < t->n_vars; i++) {
        slice[i] = t->vars[i].omitted ? 1 : t->vars[i].n_sel;
        cells *= (double)slice[i];
    }
    while (cells > max_cells) {
        size_t big = SIZE_MAX;
        for (size_t i = 0; i < t->n_vars; i++)
            if (slice[i] > 1 && (big == SIZE_MAX || slice[i] > slice[big]))
                big = i;
        if (big == SIZE_MAX)
            return 0; /* one value of each is still too much */
        const double rest = cells / (double)slice[big];
        double fit = max_cells / rest;
        if (fit < 1)
            fit = 1;
        slice[big] = (size_t)fit;
        cells = rest * (double)slice[big];
    }
    return 1;
}

js_status fetch_split(const fetch_table *t, double max_cells, fetch_piece **pieces, size_t *n_out,
                      js_diag *d)
{
    const size_t nv = t->n_vars;
    size_t *const slice = js_calloc(nv, sizeof *slice), *const at = js_calloc(nv, sizeof *at);
    fetch_piece *p = NULL;
    size_t n = 0, cap = 0;
    js_status st = JS_OK;
    if (slice == NULL || at == NULL) {
        st = JS_ENOMEM;
        goto done;
    }
    if (!split_sizes(t, max_cells > 0 ? max_cells : 1e300, slice)) {
        js_diag_error(d, NULL, 0, 0, "table %s: even one value of every variable is over the API's limit "
                      "of %.0f cells per request", t->id, max_cells);
        st = JS_EUSAGE;
        goto done;
    }
    for (;;) { /* every combination of slices, the last variable fastest */
        if (js_grow((void **)&p, &cap, n + 1, sizeof *p) != 0) {
            st = JS_ENOMEM;
            goto done;
        }
        p[n].lo = js_calloc(nv, sizeof *p[n].lo);
        p[n].hi = js_calloc(nv, sizeof *p[n].hi);
        n++;
        if (p[n - 1].lo == NULL || p[n - 1].hi == NULL) {
            st = JS_ENOMEM;
            goto done;
        }
        for (size_t i = 0; i < nv; i++) {
            const size_t total = t->vars[i].omitted ? 1 : t->vars[i].n_sel;
            p[n - 1].lo[i] = at[i];
            p[n - 1].hi[i] = at[i] + slice[i] < total ? at[i] + slice[i] : total;
        }
        size_t k = nv;
        while (k > 0) {
            const size_t total = t->vars[k - 1].omitted ? 1 : t->vars[k - 1].n_sel;
            at[k - 1] += slice[k - 1];
            if (at[k - 1] < total)
                break;
            at[k - 1] = 0;
            k--;
        }
        if (k == 0)
            break;
    }
done:
    js_free(slice);
    js_free(at);
    if (st != JS_OK) {
        fetch_pieces_free(p, n);
        return st;
    }
    *pieces = p;
    *n_out = n;
    return JS_OK;
}

json_t *fetch_query_json(const fetch_table *t, const fetch_piece *p)
{
    json_t *const root = json_object(), *const sel = json_array();
    if (root == NULL || sel == NULL || json_object_set_new(root, "selection", sel) != 0) {
        json_decref(root);
        return NULL;
    }
    for (size_t i = 0; i < t->n_vars; i++) {
        const fetch_var *const v = &t->vars[i];
        if (v->omitted)
            continue;
        json_t *const one = json_object(), *const codes = json_array();
        const size_t lo = p ? p->lo[i] : 0, hi = p ? p->hi[i] : v->n_sel;
        int bad = one == NULL || codes == NULL;
        if (bad)
            json_decref(one);
        bad = bad || json_array_append_new(sel, one) != 0; /* takes one, even when it fails */
        bad = bad || json_object_set_new(one, "variableCode", json_string(v->code)) != 0;
        if (!bad && v->codelist != NULL)
            bad = json_object_set_new(one, "codelist", json_string(v->codelist)) != 0;
        bad = bad || json_object_set(one, "valueCodes", codes) != 0;
        for (size_t k = lo; k < hi && !bad; k++)
            bad = json_array_append_new(codes, json_string(v->codes[v->sel[k]])) != 0;
        json_decref(codes);
        if (bad) {
            json_decref(root);
            return NULL;
        }
    }
    return root;
}
