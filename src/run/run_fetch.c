/*
 * run_fetch.c - [data NAME] sections with a table key: the table comes
 * from PxWebApi 2, and the file key says where it is kept.
 *
 *     [data pop]
 *     table = TAB6471
 *     where = Region:01,03 Kon:1,2 Tid:2020-
 *     file  = tab6471.json
 *
 * The table is fetched when the file is absent, or on `jamstat run
 * --refresh`; otherwise the saved file is read, so a run is reproducible
 * offline and a refresh is one flag.  `jamstat check` never fetches.
 */
#include "run/run_int.h"

#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/strbuf.h"

enum { RUN_MAX_CODELISTS = 16 };

js_status run_fetch_data(js_run_state *r, run_data *rd)
{
    const spec_kv *const table = spec_kv_find(rd->sec, "table");
    if (table == NULL)
        return JS_OK;
    const int present = access(rd->path, F_OK) == 0;
    if (present && !r->refresh)
        return JS_OK;
    if (r->check_only) {
        if (present)
            return JS_OK;
        spec_error(r->spec, rd->sec, spec_kv_find(rd->sec, "file"), 0, r->diag,
                   "%s is not there yet: `jamstat run` fetches it from table %s", rd->path, table->value);
        return JS_ENOINPUT;
    }
    char *const lists = js_strdup(spec_get(rd->sec, "codelist", ""));
    js_buf ctx;
    js_buf_init(&ctx);
    const spec_kv *const where = spec_kv_find(rd->sec, "where");
    if (where != NULL && where->line > 0)
        js_buf_printf(&ctx, "%s:%zu:%zu: [data %s] where", r->spec->path, where->line, where->col, rd->sec->name);
    else
        js_buf_printf(&ctx, "[data %s]%s", rd->sec->name, where ? " where" : "");
    if (lists == NULL || ctx.failed) {
        js_free(lists);
        js_buf_fini(&ctx);
        return JS_ENOMEM;
    }
    const char *codelists[RUN_MAX_CODELISTS];
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(lists, " \t,", &save); t != NULL && n < RUN_MAX_CODELISTS;
         t = strtok_r(NULL, " \t,", &save))
        codelists[n++] = t;
    const js_fetch_opts o = {spec_get(rd->sec, "api", NULL), NULL, table->value,
                             where ? where->value : NULL, codelists, n, 0, 0, rd->path, js_buf_cstr(&ctx)};
    js_diag_add(r->diag, JS_SEV_NOTE, NULL, 0, 0, "[data %s]: fetching table %s into %s", rd->sec->name,
                table->value, rd->path);
    const js_status st = js_fetch(&o, r->diag);
    js_free(lists);
    js_buf_fini(&ctx);
    return st;
}

js_status run_fetch_origin(js_run_state *r, run_data *rd)
{
    if (rd->path == NULL || js_fetch_origin_read(rd->path, &rd->origin) != JS_OK)
        return JS_OK; /* not a fetched file: nothing to cite */
    rd->cite = js_fetch_origin_cite(&rd->origin, r->lang == JS_LANG_EN);
    if (rd->cite == NULL)
        return JS_ENOMEM;
    rd->info.origin_api = rd->origin.api;
    rd->info.origin_table = rd->origin.table;
    rd->info.origin_updated = rd->origin.updated;
    rd->info.origin_fetched = rd->origin.fetched;
    rd->info.origin_query = rd->origin.query;
    rd->info.citation = rd->cite;
    return JS_OK;
}
