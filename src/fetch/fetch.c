/*
 * fetch.c - `jamstat fetch` and `jamstat search`: a table from PxWebApi 2
 * into a JSON-stat file, and the API's table search.
 *
 * A fetch is, in order (every step's failure names the table and the
 * request, and nothing is written until all have succeeded):
 *
 *   GET  API/config                       maxDataCells, maxCallsPerTimeWindow, timeWindow
 *   GET  API/tables/ID/metadata?lang=..&codelist[VAR]=..   variables and values
 *        the selection is resolved against the metadata (fetch_query.c)
 *   POST API/tables/ID/data?lang=..&outputFormat=json-stat2   once per piece
 *        the answers are merged (fetch_merge.c)
 *   write FILE atomically, with extension.jamstat = {api, table, lang,
 *        query, updated, fetched}
 *
 * The fetch time is the current UTC time, or SOURCE_DATE_EPOCH when that is
 * set, so that a fetch can be repeated to the byte.
 */
#include "jamstat/fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "core/suggest.h"
#include "fetch/fetch_int.h"

typedef struct fetch_job {
    const js_fetch_opts *o;
    const char *context;   /* "fetch" or "[data pop]" */
    char *api;             /* base without a trailing '/' */
    char *lang_q;          /* "lang=sv&" or "" */
    fetch_http *http;
    double max_cells;      /* 0: no limit known */
    js_buf resp, what, url;
    fetch_table table;
    int have_table;
} fetch_job;

void js_fetch_text_free(char *text)
{
    js_free(text);
}

/* Parse resp as JSON; an answer that is not is an error naming what. */
static json_t *fetch_json(const js_buf *resp, const char *what, js_diag *d)
{
    json_error_t err;
    json_t *const j = json_loadb(resp->data ? resp->data : "", resp->len, 0, &err);
    if (j == NULL)
        js_diag_error(d, NULL, 0, 0, "%s: expected a JSON answer, found one that does not parse (%s at "
                      "byte %d)", what, err.text, err.position);
    return j;
}

static js_status job_init(fetch_job *j, const js_fetch_opts *o, const char *api, const char *lang,
                          double timeout_s)
{
    memset(j, 0, sizeof *j);
    j->o = o;
    js_buf_init(&j->resp);
    js_buf_init(&j->what);
    js_buf_init(&j->url);
    j->api = js_strdup(api ? api : JS_FETCH_API_SCB);
    j->http = fetch_http_alloc(timeout_s);
    if (j->api == NULL || j->http == NULL)
        return JS_ENOMEM;
    size_t n = strlen(j->api);
    while (n > 0 && j->api[n - 1] == '/')
        j->api[--n] = '\0';
    char *const l = lang ? fetch_http_escape(j->http, lang) : NULL;
    if (lang && l == NULL)
        return JS_ENOMEM;
    j->lang_q = js_malloc(l ? strlen(l) + 7 : 1);
    if (j->lang_q != NULL)
        (void)sprintf(j->lang_q, "%s%s%s", l ? "lang=" : "", l ? l : "", l ? "&" : "");
    js_free(l);
    return j->lang_q ? JS_OK : JS_ENOMEM;
}

static void job_fini(fetch_job *j)
{
    if (j->have_table)
        fetch_table_fini(&j->table);
    fetch_http_free(j->http);
    js_free(j->api);
    js_free(j->lang_q);
    js_buf_fini(&j->resp);
    js_buf_fini(&j->what);
    js_buf_fini(&j->url);
}

/* GET API/config: the limits. */
static js_status job_config(fetch_job *j, const char *table, js_diag *d)
{
    js_buf_reset(&j->url);
    js_buf_printf(&j->url, "%s/config", j->api);
    js_buf_reset(&j->what);
    js_buf_printf(&j->what, "%s%s%s: the API's configuration", table ? "table " : "API ",
                  table ? table : j->api, "");
    js_status st = fetch_http_request(j->http, js_buf_cstr(&j->url), NULL, js_buf_cstr(&j->what), &j->resp,
                                      NULL, d);
    json_t *const cfg = st == JS_OK ? fetch_json(&j->resp, js_buf_cstr(&j->what), d) : NULL;
    if (st == JS_OK && cfg == NULL)
        st = JS_ENET;
    if (st != JS_OK)
        return st;
    json_t *const cells = json_object_get(cfg, "maxDataCells");
    j->max_cells = json_is_number(cells) ? json_number_value(cells) : 0;
    json_t *const calls = json_object_get(cfg, "maxCallsPerTimeWindow");
    json_t *const window = json_object_get(cfg, "timeWindow");
    if (json_is_integer(calls) && json_is_number(window))
        fetch_http_pace(j->http, (long)json_integer_value(calls), json_number_value(window));
    json_decref(cfg);
    return JS_OK;
}

/* "VAR=ID" of --codelist, checked against the variables' codes. */
static js_status job_codelists(fetch_job *j, js_buf *query, js_diag *d)
{
    for (size_t i = 0; i < j->o->n_codelists; i++) {
        const char *const spec = j->o->codelists[i];
        const char *const eq = strchr(spec, '=');
        if (eq == NULL || eq == spec || eq[1] == '\0') {
            js_diag_error(d, NULL, 0, 0, "%s: expected VARIABLE=CODELIST (e.g. Alder=agg_Ålder10årJ), "
                          "found \"%s\"", j->o->context ? j->o->context : "--codelist", spec);
            return JS_EUSAGE;
        }
        char *const var = js_strndup(spec, (size_t)(eq - spec));
        char *const ev = var ? fetch_http_escape(j->http, var) : NULL;
        char *const ec = ev ? fetch_http_escape(j->http, eq + 1) : NULL;
        if (ec != NULL)
            js_buf_printf(query, "codelist%%5B%s%%5D=%s&", ev, ec);
        js_free(var);
        js_free(ev);
        const int ok = ec != NULL;
        js_free(ec);
        if (!ok)
            return JS_ENOMEM;
    }
    return JS_OK;
}

/* The variable of a "VAR=ID" codelist option, checked against the table. */
static js_status job_apply_codelists(fetch_job *j, js_diag *d)
{
    for (size_t i = 0; i < j->o->n_codelists; i++) {
        const char *const spec = j->o->codelists[i];
        const size_t len = (size_t)(strchr(spec, '=') - spec);
        fetch_var *v = NULL;
        for (size_t k = 0; k < j->table.n_vars && v == NULL; k++)
            if (strlen(j->table.vars[k].code) == len && strncasecmp(j->table.vars[k].code, spec, len) == 0)
                v = &j->table.vars[k];
        if (v == NULL) {
            js_diag_error(d, NULL, 0, 0, "%s: table %s has no variable \"%.*s\"",
                          j->o->context ? j->o->context : "--codelist",
                          j->table.id, (int)len, spec);
            return JS_EUSAGE;
        }
        v->codelist = spec + len + 1;
    }
    return JS_OK;
}

/* GET the metadata (with the codelists applied) and index it. */
static js_status job_metadata(fetch_job *j, js_diag *d)
{
    const js_fetch_opts *const o = j->o;
    char *const id = fetch_http_escape(j->http, o->table);
    if (id == NULL)
        return JS_ENOMEM;
    js_buf_reset(&j->url);
    js_buf_printf(&j->url, "%s/tables/%s/metadata?%s", j->api, id, j->lang_q);
    js_free(id);
    js_status st = job_codelists(j, &j->url, d);
    if (st != JS_OK)
        return st;
    j->url.data[--j->url.len] = '\0'; /* the last '&' or '?' */
    js_buf_reset(&j->what);
    js_buf_printf(&j->what, "table %s: metadata", o->table);
    st = fetch_http_request(j->http, js_buf_cstr(&j->url), NULL, js_buf_cstr(&j->what), &j->resp, NULL, d);
    json_t *const meta = st == JS_OK ? fetch_json(&j->resp, js_buf_cstr(&j->what), d) : NULL;
    if (st == JS_OK && meta == NULL)
        st = JS_ENET;
    if (st == JS_OK) {
        st = fetch_table_init(&j->table, meta, o->table, d);
        j->have_table = 1;
    }
    json_decref(meta);
    if (st == JS_OK)
        st = job_apply_codelists(j, d);
    return st;
}

/* POST one piece; the answer into *part. */
static js_status job_piece(fetch_job *j, const fetch_piece *p, size_t i, size_t n, json_t **part,
                           js_diag *d)
{
    json_t *const q = fetch_query_json(&j->table, p);
    char *const body = q ? json_dumps(q, JSON_COMPACT) : NULL;
    char *const id = fetch_http_escape(j->http, j->o->table);
    json_decref(q);
    if (body == NULL || id == NULL) {
        free(body);
        js_free(id);
        return JS_ENOMEM;
    }
    js_buf_reset(&j->url);
    js_buf_printf(&j->url, "%s/tables/%s/data?%soutputFormat=json-stat2", j->api, id, j->lang_q);
    js_free(id);
    js_buf_reset(&j->what);
    js_buf_printf(&j->what, "table %s: data request %zu of %zu", j->o->table, i + 1, n);
    js_status st = fetch_http_request(j->http, js_buf_cstr(&j->url), body, js_buf_cstr(&j->what), &j->resp,
                                      NULL, d);
    free(body);
    if (st == JS_OK && (*part = fetch_json(&j->resp, js_buf_cstr(&j->what), d)) == NULL)
        st = JS_ENET;
    return st;
}

/* "2026-12-03T10:00:00Z": now, or SOURCE_DATE_EPOCH. */
static void fetch_time(char out[32])
{
    time_t now = time(NULL);
    const char *const sde = getenv("SOURCE_DATE_EPOCH");
    if (sde != NULL && *sde != '\0') {
        char *end;
        const long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            now = (time_t)v;
    }
    struct tm tm;
    if (gmtime_r(&now, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        (void)snprintf(out, 32, "unknown");
}

/* extension.jamstat: what was fetched, from where, when. */
static js_status job_origin(const fetch_job *j, json_t *root)
{
    char when[32];
    fetch_time(when);
    json_t *ext = json_object_get(root, "extension");
    if (!json_is_object(ext)) {
        ext = json_object();
        if (ext == NULL || json_object_set_new(root, "extension", ext) != 0)
            return JS_ENOMEM;
    }
    json_t *const o = json_object();
    json_t *const q = fetch_query_json(&j->table, NULL);
    const char *const updated = json_string_value(json_object_get(root, "updated"));
    int bad = o == NULL || q == NULL || json_object_set_new(ext, "jamstat", o) != 0;
    bad = bad || json_object_set_new(o, "api", json_string(j->api)) != 0;
    bad = bad || json_object_set_new(o, "table", json_string(j->o->table)) != 0;
    if (!bad && j->o->lang)
        bad = json_object_set_new(o, "lang", json_string(j->o->lang)) != 0;
    bad = bad || json_object_set_new(o, "where", json_string(j->o->where ? j->o->where : "")) != 0;
    bad = bad || json_object_set(o, "query", q) != 0;
    if (!bad && updated)
        bad = json_object_set_new(o, "updated", json_string(updated)) != 0;
    bad = bad || json_object_set_new(o, "fetched", json_string(when)) != 0;
    json_decref(q);
    if (bad && o != NULL && json_object_get(ext, "jamstat") != o)
        json_decref(o);
    return bad ? JS_ENOMEM : JS_OK;
}

/* Every piece, merged, with its origin, written. */
static js_status job_data(fetch_job *j, js_diag *d)
{
    fetch_piece *pieces = NULL;
    size_t n = 0;
    js_status st = fetch_split(&j->table, j->max_cells, &pieces, &n, d);
    if (st != JS_OK)
        return st;
    if (n > 1)
        js_diag_add(d, JS_SEV_NOTE, NULL, 0, 0, "table %s: %.0f cells, over the API's %.0f per request: "
                    "fetching in %zu requests", j->o->table, fetch_cells(&j->table), j->max_cells, n);
    json_t **const parts = js_calloc(n, sizeof *parts);
    if (parts == NULL)
        st = JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < n; i++)
        st = job_piece(j, &pieces[i], i, n, &parts[i], d);
    json_t *root = NULL;
    if (st == JS_OK) {
        js_buf_reset(&j->what);
        js_buf_printf(&j->what, "table %s: data", j->o->table);
        st = fetch_merge(&j->table, parts, n, js_buf_cstr(&j->what), &root, d);
    }
    for (size_t i = 0; parts != NULL && i < n; i++)
        json_decref(parts[i]);
    js_free((void *)parts);
    fetch_pieces_free(pieces, n);
    if (st == JS_OK)
        st = job_origin(j, root);
    char *const text = st == JS_OK ? json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(17)) : NULL;
    json_decref(root);
    if (st == JS_OK && text == NULL)
        st = JS_ENOMEM;
    if (st == JS_OK) {
        const size_t len = strlen(text);
        text[len] = '\0';
        js_buf_reset(&j->resp);
        js_buf_append(&j->resp, text, len);
        js_buf_putc(&j->resp, '\n');
        st = j->resp.failed ? JS_ENOMEM : js_write_file(j->o->out, j->resp.data, j->resp.len, d);
    }
    free(text);
    return st;
}

js_status js_fetch(const js_fetch_opts *o, js_diag *d)
{
    if (o->table == NULL || *o->table == '\0' || o->out == NULL) {
        js_diag_error(d, NULL, 0, 0, "fetch: expected a table id and a file to write");
        return JS_EUSAGE;
    }
    fetch_job j;
    js_status st = job_init(&j, o, o->api, o->lang, o->timeout_s);
    j.context = o->context ? o->context : "--where";
    if (st == JS_OK)
        st = job_config(&j, o->table, d);
    if (st == JS_OK)
        st = job_metadata(&j, d);
    if (st == JS_OK)
        st = fetch_select(&j.table, o->where, o->all, j.context, d);
    if (st == JS_OK)
        st = job_data(&j, d);
    job_fini(&j);
    return st;
}

/* ---- search ----------------------------------------------------------------------- */

static void search_line(js_buf *b, json_t *t)
{
    const char *const id = json_string_value(json_object_get(t, "id"));
    const char *const label = json_string_value(json_object_get(t, "label"));
    const char *const upd = json_string_value(json_object_get(t, "updated"));
    const char *const first = json_string_value(json_object_get(t, "firstPeriod"));
    const char *const last = json_string_value(json_object_get(t, "lastPeriod"));
    js_buf_printf(b, "%-10s %-10.10s %s-%s  %s\n", id ? id : "?", upd ? upd : "-", first ? first : "?",
                  last ? last : "?", label ? label : "");
}

js_status js_fetch_search(const char *api, const char *lang, const char *words, double timeout_s,
                          char **text, js_diag *d)
{
    const js_fetch_opts o = {api, lang, NULL, words, NULL, 0, 0, timeout_s, NULL, "search"};
    fetch_job j;
    js_status st = job_init(&j, &o, api, lang, timeout_s);
    char *const q = st == JS_OK ? fetch_http_escape(j.http, words ? words : "") : NULL;
    if (st == JS_OK && q == NULL)
        st = JS_ENOMEM;
    json_t *res = NULL;
    if (st == JS_OK) {
        js_buf_printf(&j.url, "%s/tables?%squery=%s&pageSize=100", j.api, j.lang_q, q);
        js_buf_printf(&j.what, "search \"%s\"", words ? words : "");
        st = fetch_http_request(j.http, js_buf_cstr(&j.url), NULL, js_buf_cstr(&j.what), &j.resp, NULL, d);
    }
    js_free(q);
    if (st == JS_OK && (res = fetch_json(&j.resp, js_buf_cstr(&j.what), d)) == NULL)
        st = JS_ENET;
    json_t *const tables = json_object_get(res, "tables");
    if (st == JS_OK && !json_is_array(tables)) {
        js_diag_error(d, NULL, 0, 0, "%s: expected a list of tables in the answer", js_buf_cstr(&j.what));
        st = JS_ENET;
    }
    js_buf b;
    js_buf_init(&b);
    for (size_t i = 0; st == JS_OK && i < json_array_size(tables); i++)
        search_line(&b, json_array_get(tables, i));
    const json_t *const total = json_object_get(json_object_get(res, "page"), "totalElements");
    if (st == JS_OK && json_array_size(tables) == 0)
        js_buf_printf(&b, "no table matches \"%s\"\n", words ? words : "");
    else if (st == JS_OK && json_is_integer(total) && (size_t)json_integer_value(total) > json_array_size(tables))
        js_buf_printf(&b, "(%zu of %lld tables shown: add words to narrow the search)\n",
                      json_array_size(tables), (long long)json_integer_value(total));
    json_decref(res);
    job_fini(&j);
    if (st == JS_OK && b.failed)
        st = JS_ENOMEM;
    if (st == JS_OK) {
        *text = js_strdup(js_buf_cstr(&b));
        if (*text == NULL)
            st = JS_ENOMEM;
    }
    js_buf_fini(&b);
    return st;
}

/* ---- origin ----------------------------------------------------------------------- */

static char *origin_str(json_t *o, const char *key)
{
    const char *const s = json_string_value(json_object_get(o, key));
    return s ? js_strdup(s) : NULL;
}

js_status js_fetch_origin_read(const char *path, js_fetch_origin *o)
{
    memset(o, 0, sizeof *o);
    json_error_t err;
    json_t *const root = json_load_file(path, 0, &err);
    json_t *const x = json_object_get(json_object_get(root, "extension"), "jamstat");
    if (!json_is_object(x) || json_string_value(json_object_get(x, "table")) == NULL) {
        json_decref(root);
        return JS_ENOINPUT;
    }
    o->api = origin_str(x, "api");
    o->table = origin_str(x, "table");
    o->source = origin_str(root, "source");
    o->updated = origin_str(x, "updated");
    o->fetched = origin_str(x, "fetched");
    o->query = json_object_get(x, "query") ? json_dumps(json_object_get(x, "query"), JSON_COMPACT) : NULL;
    if (o->query != NULL) { /* jansson's allocation, moved to ours */
        char *const q = js_strdup(o->query);
        free(o->query);
        o->query = q;
    }
    json_decref(root);
    if (o->table == NULL) {
        js_fetch_origin_fini(o);
        return JS_ENOMEM;
    }
    return JS_OK;
}

void js_fetch_origin_fini(js_fetch_origin *o)
{
    js_free(o->api);
    js_free(o->table);
    js_free(o->source);
    js_free(o->updated);
    js_free(o->fetched);
    js_free(o->query);
    memset(o, 0, sizeof *o);
}

char *js_fetch_origin_cite(const js_fetch_origin *o, int english)
{
    js_buf b;
    js_buf_init(&b);
    js_buf_printf(&b, "%s, %s %s", o->source ? o->source : o->api ? o->api : "?",
                  english ? "table" : "tabell", o->table ? o->table : "?");
    if (o->updated != NULL)
        js_buf_printf(&b, ", %s %.10s", english ? "updated" : "uppdaterad", o->updated);
    char *const r = b.failed ? NULL : js_strdup(js_buf_cstr(&b));
    js_buf_fini(&b);
    return r;
}
