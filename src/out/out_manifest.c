/*
 * out_manifest.c - manifest.json: what a run read, computed and warned about.
 *
 * The manifest is the run's receipt: inputs with their checksums, the tool
 * version, every result with its size and how many cells carry flags, the
 * chart files, and the warnings.  It is written for diffing, so the same
 * run gives the same bytes: keys in a fixed order (JSON_PRESERVE_ORDER),
 * two-space indent, no timestamps, no absolute paths we did not get.
 *
 * jansson refuses strings that are not valid UTF-8; labels from a badly
 * encoded input must not lose the whole manifest, so every string passes
 * through js_utf8_sanitize first.  Building never stops half-way on an
 * error: a failed allocation sets a flag checked once at the end.
 */
#include "jamstat/output.h"

#include <jansson.h>
#include <string.h>

#include "core/fileio.h"
#include "core/strbuf.h"
#include "out/out_internal.h"

/* ---- Building with a sticky failure flag ---------------------------------- */

typedef struct mf_ctx {
    int failed; /* a jansson call failed (out of memory) */
} mf_ctx;

/* A JSON string of s (sanitized to UTF-8), or null when s is NULL. */
static json_t *mf_str(mf_ctx *m, const char *s)
{
    if (s == NULL)
        return json_null();
    js_buf b;
    js_buf_init(&b);
    js_utf8_sanitize(&b, s);
    json_t *const v = b.failed ? NULL : json_string(js_buf_cstr(&b));
    js_buf_fini(&b);
    if (v == NULL)
        m->failed = 1;
    return v;
}

static void mf_set(mf_ctx *m, json_t *obj, const char *key, json_t *v)
{
    if (obj == NULL || v == NULL || json_object_set_new(obj, key, v) != 0)
        m->failed = 1;
}

static void mf_push(mf_ctx *m, json_t *arr, json_t *v)
{
    if (arr == NULL || v == NULL || json_array_append_new(arr, v) != 0)
        m->failed = 1;
}

static json_t *mf_count(size_t n)
{
    return json_integer((json_int_t)n);
}

static json_t *mf_strings(mf_ctx *m, const char *const *s, size_t n)
{
    json_t *const arr = json_array();
    for (size_t i = 0; i < n; i++)
        mf_push(m, arr, mf_str(m, s[i]));
    return arr;
}

/* ---- Sections -------------------------------------------------------------- */

static json_t *mf_input(mf_ctx *m, const js_input_info *in)
{
    json_t *const o = json_object();
    mf_set(m, o, "section", mf_str(m, in->section));
    mf_set(m, o, "path", mf_str(m, in->path));
    mf_set(m, o, "format", mf_str(m, in->format));
    mf_set(m, o, "encoding", mf_str(m, in->encoding));
    mf_set(m, o, "size_bytes", json_integer((json_int_t)in->size_bytes));
    mf_set(m, o, "sha256", mf_str(m, in->sha256));
    mf_set(m, o, "cells", mf_count(in->n_cells));
    mf_set(m, o, "missing", mf_count(in->n_missing));
    mf_set(m, o, "notes", mf_strings(m, in->notes, in->notes != NULL ? in->n_notes : 0));
    if (in->origin_table != NULL) { /* fetched from PxWebApi 2: from where, what, when */
        json_t *const f = json_object();
        mf_set(m, f, "api", mf_str(m, in->origin_api));
        mf_set(m, f, "table", mf_str(m, in->origin_table));
        mf_set(m, f, "updated", mf_str(m, in->origin_updated));
        mf_set(m, f, "fetched", mf_str(m, in->origin_fetched));
        json_error_t err;
        json_t *const q = in->origin_query ? json_loads(in->origin_query, 0, &err) : NULL;
        mf_set(m, f, "query", q ? q : json_null());
        mf_set(m, f, "citation", mf_str(m, in->citation));
        mf_set(m, o, "fetched_from", f);
    }
    return o;
}

static json_t *mf_result(mf_ctx *m, const js_result *res)
{
    const js_cube *const c = res->cube;
    json_t *const o = json_object();
    mf_set(m, o, "id", mf_str(m, res->id));
    mf_set(m, o, "kind", mf_str(m, res->kind));
    mf_set(m, o, "unit", mf_str(m, res->unit));
    mf_set(m, o, "cells", mf_count(js_cube_ncells(c)));
    json_t *const dims = json_array();
    for (size_t i = 0; i < js_cube_ndims(c); i++)
        mf_push(m, dims, mf_str(m, js_dim_name(js_cube_dim(c, i))));
    mf_set(m, o, "dimensions", dims);
    size_t flagged = 0;
    for (size_t cell = 0; cell < js_cube_ncells(c); cell++)
        flagged += js_cube_flags(c, cell) != 0;
    mf_set(m, o, "flagged_cells", mf_count(flagged));
    return o;
}

static json_t *mf_chart(mf_ctx *m, const js_report_chart *ch)
{
    json_t *const o = json_object();
    mf_set(m, o, "name", mf_str(m, ch->name));
    json_t *const files = json_array();
    const char *const exts[] = {".gp", ".dat", ".svg", ".png"};
    const int present[] = {1, 1, ch->has_svg, ch->has_png};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        if (!present[i])
            continue;
        js_buf b;
        js_buf_init(&b);
        js_buf_puts(&b, "charts/");
        js_buf_puts(&b, ch->name != NULL ? ch->name : "");
        js_buf_puts(&b, exts[i]);
        mf_push(m, files, b.failed ? NULL : mf_str(m, js_buf_cstr(&b)));
        js_buf_fini(&b);
    }
    mf_set(m, o, "files", files);
    return o;
}

static json_t *mf_build(mf_ctx *m, const js_report *r)
{
    json_t *const root = json_object();
    json_t *const tool = json_object();
    mf_set(m, tool, "name", mf_str(m, "jamstat"));
    mf_set(m, tool, "version", mf_str(m, r->tool_version));
    mf_set(m, root, "tool", tool);
    mf_set(m, root, "analysis", mf_str(m, r->analysis_path));
    /* with the file's checksum and every --set, the run can be repeated from
     * the manifest alone */
    mf_set(m, root, "analysis_sha256", mf_str(m, r->analysis_sha256));
    mf_set(m, root, "set", mf_strings(m, r->sets, r->sets != NULL ? r->n_sets : 0));
    mf_set(m, root, "title", mf_str(m, r->title));
    mf_set(m, root, "language", mf_str(m, r->lang == JS_LANG_SV ? "sv" : "en"));
    json_t *const inputs = json_array();
    for (size_t i = 0; i < r->n_inputs; i++)
        mf_push(m, inputs, mf_input(m, &r->inputs[i]));
    mf_set(m, root, "inputs", inputs);
    json_t *const results = json_array();
    for (size_t i = 0; i < r->n_results; i++)
        mf_push(m, results, mf_result(m, &r->results[i]));
    mf_set(m, root, "results", results);
    json_t *const charts = json_array();
    for (size_t i = 0; i < r->n_charts; i++)
        mf_push(m, charts, mf_chart(m, &r->charts[i]));
    mf_set(m, root, "charts", charts);
    mf_set(m, root, "warnings",
           mf_strings(m, r->warnings, r->warnings != NULL ? r->n_warnings : 0));
    return root;
}

/* json_dump_callback sink: the text goes straight into our buffer, so no
 * memory crosses from jansson's allocator into ours. */
static int mf_dump_cb(const char *buffer, size_t size, void *data)
{
    js_buf *const b = data;
    js_buf_append(b, buffer, size);
    return b->failed ? -1 : 0;
}

js_status js_out_manifest(const char *path, const js_report *r, js_diag *d)
{
    mf_ctx m = {0};
    json_t *const root = mf_build(&m, r);
    js_buf b;
    js_buf_init(&b);
    if (!m.failed &&
        json_dump_callback(root, mf_dump_cb, &b, JSON_PRESERVE_ORDER | JSON_INDENT(2)) != 0)
        m.failed = 1;
    json_decref(root);
    js_buf_putc(&b, '\n');
    js_status st = JS_ENOMEM;
    if (m.failed || b.failed)
        js_diag_error(d, path, 0, 0, "out of memory while building the manifest");
    else
        st = js_write_file(path, b.data, b.len, d);
    js_buf_fini(&b);
    return st;
}
