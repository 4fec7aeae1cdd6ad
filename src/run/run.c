/*
 * run.c - `jamstat run`: analysis file → data → indicators → outputs.
 *
 * Order of work: parse and validate the analysis file (with --set
 * overrides), read every data section, compute every indicator in file
 * order, then write tables, charts, the report and the manifest into a
 * staging folder that replaces the output folder only when all of it was
 * written.  Nothing is written before the data and indicators are known to
 * be good, so `jamstat check` is the same run stopped before the outputs.
 */
#define _XOPEN_SOURCE 700
#include "run/run_int.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "core/outdir.h"
#include "core/strbuf.h"
#include "core/suggest.h"
#include "run/run_report.h"

#ifndef JS_VERSION
#define JS_VERSION "0"
#endif

/* ---- small helpers ------------------------------------------------------------ */

int run_spawn(const js_run_state *r, void *(*fn)(void *), void *arg, pthread_t *th)
{
    if (r->jobs != 1 && pthread_create(th, NULL, fn, arg) == 0)
        return 1;
    (void)fn(arg);
    return 0;
}

void run_warn(js_run_state *r, const char *fmt, ...)
{
    js_buf b;
    js_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    js_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (!b.failed &&
        js_grow((void **)&r->warnings, &r->cap_warnings, r->n_warnings + 1, sizeof *r->warnings) == 0) {
        r->warnings[r->n_warnings++] = b.data;
        js_diag_warn(r->diag, NULL, 0, 0, "%s", b.data);
        return;
    }
    js_buf_fini(&b);
}

size_t run_split_list(char *text, const char **items, size_t cap)
{
    size_t n = 0;
    char *p = text;
    while (*p != '\0' && n < cap) {
        /* one item up to a comma outside double quotes, the quotes removed */
        char *const item = p, *out = p;
        int quoted = 0;
        for (; *p != '\0' && (quoted || *p != ','); p++)
            if (*p == '"')
                quoted = !quoted;
            else
                *out++ = *p;
        const int more = *p == ',';
        p += more;
        *out = '\0';
        char *t = item;
        while (*t == ' ' || *t == '\t')
            t++;
        size_t len = strlen(t);
        while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\t'))
            t[--len] = '\0';
        if (len > 0)
            items[n++] = t;
    }
    return n;
}

const run_data *run_find_data(const js_run_state *r, const char *name)
{
    for (size_t i = 0; i < r->n_data; i++)
        if (strcmp(r->data[i].sec->name, name) == 0)
            return &r->data[i];
    return NULL;
}

const run_ind *run_find_ind(const js_run_state *r, const char *name)
{
    for (size_t i = 0; i < r->n_ind; i++)
        if (strcmp(r->ind[i].sec->name, name) == 0 && r->ind[i].cube != NULL)
            return &r->ind[i];
    return NULL;
}

/* ---- data sections ------------------------------------------------------------ */

enum { RUN_MAX_ROLES = 16 }; /* role.DIM keys of one data section */

static js_status run_read_opts(js_run_state *r, const spec_section *sec, js_read_opts *o,
                               js_role_override *roles, size_t *n_roles)
{
    js_read_opts_init(o);
    const spec_kv *const fmt = spec_kv_find(sec, "format");
    if (fmt != NULL && js_format_parse(fmt->value, &o->format) != JS_OK) {
        spec_error(r->spec, sec, fmt, 0, r->diag, "format must be csv, px, json-stat or tsv, found \"%s\"",
                   fmt->value);
        return JS_EUSAGE;
    }
    o->encoding = spec_get(sec, "encoding", NULL);
    o->measure = spec_get(sec, "measure", NULL);
    o->language = spec_get(sec, "language", NULL);
    o->drop = spec_get(sec, "drop", NULL);
    o->suppressed = spec_get(sec, "suppressed", NULL);
    static const struct { const char *key; unsigned long max; } counts[] = {{"skip", 1000}, {"header_rows", 2}};
    for (size_t i = 0; i < 2; i++) { /* CSV as Skolverket writes it: a title block, two header rows */
        const spec_kv *const kv = spec_kv_find(sec, counts[i].key);
        if (kv == NULL)
            continue;
        char *end;
        errno = 0;
        const unsigned long v = strtoul(kv->value, &end, 10);
        if (!isdigit((unsigned char)kv->value[0]) || *end != '\0' || errno != 0 || v > counts[i].max ||
            (i == 1 && v == 0)) {
            spec_error(r->spec, sec, kv, 0, r->diag, "%s must be a whole number from %d to %lu, found \"%s\"",
                       counts[i].key, i == 1, counts[i].max, kv->value);
            return JS_EUSAGE;
        }
        if (i == 0)
            o->skip = (size_t)v;
        else
            o->header_rows = (unsigned)v;
    }
    /* by name too: in INI, " ;" starts a comment, so "delimiter = ;" is empty */
    static const struct { const char *name; char c; } delims[] = {
        {"tab", '\t'}, {"semicolon", ';'}, {"comma", ','}, {"pipe", '|'}, {";", ';'}, {",", ','}, {"|", '|'}};
    const spec_kv *const delim = spec_kv_find(sec, "delimiter");
    for (size_t i = 0; delim != NULL && o->delimiter == 0 && i < sizeof delims / sizeof *delims; i++)
        if (strcasecmp(delim->value, delims[i].name) == 0)
            o->delimiter = delims[i].c;
    if (delim != NULL && o->delimiter == 0) {
        spec_error(r->spec, sec, delim, 0, r->diag, "delimiter must be semicolon, comma, pipe or tab, "
                   "found \"%s\"%s", delim->value, delim->value[0] ? "" : " (after a blank, ';' starts "
                   "a comment: write semicolon)");
        return JS_EUSAGE;
    }
    *n_roles = 0;
    for (size_t k = 0; k < sec->n_kv; k++) {
        const spec_kv *const kv = &sec->kv[k];
        if (strncasecmp(kv->key, "role.", 5) != 0)
            continue;
        js_role role;
        if (js_role_parse(kv->value, &role) != JS_OK) {
            spec_error(r->spec, sec, kv, 0, r->diag,
                       "%s must be time, region, sex, age, contents or other, found \"%s\"", kv->key,
                       kv->value);
            return JS_EUSAGE;
        }
        if (*n_roles == RUN_MAX_ROLES) {
            spec_error(r->spec, sec, kv, 0, r->diag, "at most %d role.DIM keys in one section, found more",
                       RUN_MAX_ROLES);
            return JS_EUSAGE;
        }
        roles[*n_roles].dim = kv->key + 5;
        roles[(*n_roles)++].role = role;
    }
    o->roles = roles;
    o->n_roles = *n_roles;
    return JS_OK;
}

/* What a run writes: [analysis] outputs, default all. */
enum {
    OUT_INDICATORS = 1u << 0, /* indicators.csv */
    OUT_XLSX = 1u << 1,       /* indicators.xlsx */
    OUT_TABLES = 1u << 2,     /* every [table] */
    OUT_CHARTS = 1u << 3,     /* every [chart] */
    OUT_REPORT = 1u << 4,     /* report.html */
    OUT_MANIFEST = 1u << 5    /* manifest.json */
};

static js_status run_output_set(js_run_state *r, unsigned *set)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        {"indicators", OUT_INDICATORS}, {"xlsx", OUT_XLSX},     {"tables", OUT_TABLES},
        {"charts", OUT_CHARTS},         {"report", OUT_REPORT}, {"manifest", OUT_MANIFEST}};
    const char *const text = spec_get(r->analysis, "outputs", NULL);
    *set = text ? 0 : ~0u;
    char buf[256];
    (void)snprintf(buf, sizeof buf, "%s", text ? text : "");
    const char *items[16];
    const size_t n = run_split_list(buf, items, 16);
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < sizeof names / sizeof *names && strcmp(items[i], names[k].name) != 0)
            k++;
        if (k == sizeof names / sizeof *names) {
            js_diag_error(r->diag, r->spec->path, 0, 0, "[analysis]: outputs is a list of indicators, "
                          "xlsx, tables, charts, report, manifest; found \"%s\"", items[i]);
            return JS_EUSAGE;
        }
        *set |= names[k].bit;
    }
    return JS_OK;
}

/* The input's checksum, computed in a thread of its own while the file is
 * read (both read the same pages; the hash costs no extra pass). */
typedef struct run_hash {
    const char *path;
    char *hex; /* 65 bytes */
    uint64_t size;
    js_diag *diag;
    js_status st;
} run_hash;

static void *run_hash_thread(void *arg)
{
    run_hash *const h = arg;
    h->st = js_file_sha256(h->path, h->hex, &h->size, h->diag);
    return NULL;
}

static js_status run_read(js_run_state *r, run_data *rd, const js_read_opts *o)
{
    return rd->streamed ? run_stream_data(r, rd, o) : js_read_file(rd->path, o, &rd->cube, r->diag);
}

static js_status run_read_and_hash(js_run_state *r, run_data *rd, const js_read_opts *o)
{
    if (!(r->outputs & (OUT_REPORT | OUT_MANIFEST))) { /* nothing shows the checksum */
        struct stat sb;
        rd->info.size_bytes = stat(rd->path, &sb) == 0 ? (uint64_t)sb.st_size : 0;
        return run_read(r, rd, o);
    }
    run_hash h = {rd->path, rd->sha256, 0, js_diag_alloc(), JS_OK};
    if (h.diag == NULL)
        return JS_ENOMEM;
    pthread_t th;
    const int threaded = run_spawn(r, run_hash_thread, &h, &th);
    const js_status st = run_read(r, rd, o);
    if (threaded)
        pthread_join(th, NULL);
    js_diag_append(r->diag, h.diag);
    js_diag_free(h.diag);
    rd->info.size_bytes = h.size;
    return st != JS_OK ? st : h.st;
}

/* Every role.DIM names a dimension of the data (a typo would be ignored). */
static js_status run_check_roles(js_run_state *r, const spec_section *sec, const js_cube *c)
{
    js_status st = JS_OK;
    for (size_t k = 0; k < sec->n_kv; k++) {
        const spec_kv *const kv = &sec->kv[k];
        if (strncasecmp(kv->key, "role.", 5) != 0 || js_cube_find_dim(c, kv->key + 5) != SIZE_MAX)
            continue;
        const char *names[64];
        size_t n = 0;
        for (; n < js_cube_ndims(c) && n < 64; n++)
            names[n] = js_dim_name(js_cube_dim(c, n));
        const char *const near = js_suggest(kv->key + 5, names, n);
        spec_error(r->spec, sec, kv, 0, r->diag, "%s: the data has no dimension \"%s\"%s%s%s", kv->key,
                   kv->key + 5, near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
        st = JS_EUSAGE;
    }
    return st;
}

static js_status run_load_data(js_run_state *r, run_data *rd)
{
    const char *const file = spec_get(rd->sec, "file", NULL);
    if (file == NULL) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[data %s]: expected a file key", rd->sec->name);
        return JS_EUSAGE;
    }
    rd->path = file[0] == '/' ? js_strdup(file) : js_path_join(r->spec->dir, file);
    if (rd->path == NULL)
        return JS_ENOMEM;
    js_status fst = run_fetch_data(r, rd); /* [data] with table =: fetched when absent or refreshed */
    if (fst != JS_OK)
        return fst;
    js_read_opts o;
    js_role_override roles[RUN_MAX_ROLES];
    size_t n_roles;
    js_status st = run_read_opts(r, rd->sec, &o, roles, &n_roles);
    rd->streamed = spec_get(rd->sec, "partition", NULL) != NULL;
    if (st == JS_OK)
        st = run_read_and_hash(r, rd, &o);
    if (st != JS_OK)
        return st;
    if (rd->streamed) {
        rd->info = (js_input_info){rd->sec->name, file, "csv", NULL, rd->info.size_bytes, rd->sha256,
                                   rd->info.n_cells, rd->info.n_missing, NULL, 0,
                                   NULL, NULL, NULL, NULL, NULL, NULL};
        return JS_OK;
    }
    st = run_check_roles(r, rd->sec, rd->cube);
    if (st == JS_OK)
        st = run_keys_apply(r, rd); /* labels = and group = : key files */
    if (st != JS_OK)
        return st;
    const js_cube *const c = rd->cube;
    size_t counts[5];
    js_cube_count_status(c, counts);
    rd->notes = js_calloc(js_cube_nnotes(c) + 1, sizeof *rd->notes);
    if (rd->notes == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < js_cube_nnotes(c); i++)
        rd->notes[i] = js_cube_note(c, i);
    rd->info = (js_input_info){rd->sec->name, file, js_cube_meta(c, JS_META_FORMAT),
                               js_cube_meta(c, JS_META_ENCODING), rd->info.size_bytes, rd->sha256,
                               js_cube_ncells(c), js_cube_ncells(c) - counts[JS_CELL_OK],
                               rd->notes, js_cube_nnotes(c), NULL, NULL, NULL, NULL, NULL, NULL};
    if (counts[JS_CELL_SUPPRESSED] > 0)
        run_warn(r, "%s: %zu suppressed cells; results that need them are missing", file,
                 counts[JS_CELL_SUPPRESSED]);
    return strcmp(rd->info.format ? rd->info.format : "", "json-stat") == 0 ? run_fetch_origin(r, rd) : JS_OK;
}

/* ---- outputs and the swap into place --------------------------------------------- */

/* [table NAME]: indicators side by side, one row per combination of by;
 * made ready for the writers (CSV, xlsx, report) once the indicators are. */
static js_status run_table_one(js_run_state *r, const spec_section *sec, run_table *rt)
{
    rt->ind_text = js_strdup(spec_get(sec, "indicators", ""));
    rt->by_text = js_strdup(spec_get(sec, "by", ""));
    js_buf file;
    js_buf_init(&file);
    js_buf_printf(&file, "%s.csv", sec->name);
    /* the name was checked by spec_validate (js_file_name_ok) */
    rt->file = js_strdup(spec_get(sec, "file", js_buf_cstr(&file)));
    js_buf_fini(&file);
    if (rt->ind_text == NULL || rt->by_text == NULL || rt->file == NULL)
        return JS_ENOMEM;
    const size_t n = run_split_list(rt->ind_text, rt->names, 64), n_by = run_split_list(rt->by_text, rt->by, 8);
    const char *const dec = spec_get(sec, "decimals", NULL);
    for (size_t i = 0; i < n; i++) {
        const run_ind *const ri = run_find_ind(r, rt->names[i]);
        if (ri == NULL) {
            js_diag_error(r->diag, r->spec->path, 0, 0, "[table %s]: no indicator named %s", sec->name,
                          rt->names[i]);
            return JS_EUSAGE;
        }
        rt->results[i] = ri->result;
        const js_status sst = run_sdc_table(r, sec, ri, &rt->results[i], &rt->own[i]);
        if (sst != JS_OK)
            return sst;
        /* the indicator's own decimals win over the table's (0 to 15: spec_validate) */
        rt->decimals[i] = spec_get(ri->sec, "decimals", NULL) || !dec ? ri->result.decimals : atoi(dec);
    }
    rt->t = (js_table){sec->name, spec_get(sec, "title", NULL), rt->file, rt->results, n, rt->by, n_by,
                       rt->decimals};
    return JS_OK;
}

static js_status run_tables_prepare(js_run_state *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->spec->n_sec; i++)
        n += strcmp(r->spec->sec[i].type, "table") == 0;
    r->tables = js_calloc(n + 1, sizeof *r->tables);
    r->table_views = js_calloc(n + 1, sizeof *r->table_views);
    if (r->tables == NULL || r->table_views == NULL)
        return JS_ENOMEM;
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && i < r->spec->n_sec; i++)
        if (strcmp(r->spec->sec[i].type, "table") == 0) {
            st = run_table_one(r, &r->spec->sec[i], &r->tables[r->n_tables]);
            r->table_views[r->n_tables] = r->tables[r->n_tables].t;
            r->n_tables++;
        }
    return st;
}

/* [analysis] introduction = TEXT, or text = FILE (Markdown, beside the
 * analysis file): the report's introduction as safe HTML in *html (NULL
 * when neither is given), as a [section]'s text (run_report.c). */
static js_status run_intro(js_run_state *r, char **html)
{
    return run_section_html(r, r->analysis, html);
}

/* The image formats: the command line's, else [analysis] formats, else SVG + PNG. */
static js_status run_formats(js_run_state *r, const js_run_opts *o, unsigned *formats)
{
    *formats = o->formats;
    const char *const text = spec_get(r->analysis, "formats", NULL);
    if (*formats != 0 || text == NULL) {
        *formats = *formats ? *formats : (JS_RENDER_SVG | JS_RENDER_PNG);
        return JS_OK;
    }
    char buf[128];
    (void)snprintf(buf, sizeof buf, "%s", text);
    const char *items[8];
    const size_t n = run_split_list(buf, items, 8);
    for (size_t i = 0; i < n; i++) {
        const unsigned bit = js_render_format(items[i]);
        *formats |= bit;
        if (bit == 0) {
            js_diag_error(r->diag, r->spec->path, 0, 0,
                          "[analysis]: formats is a list of svg, png, pdf, print, tex; found \"%s\"", items[i]);
            return JS_EUSAGE;
        }
    }
    return JS_OK;
}

/* indicators.xlsx in a thread of its own: it is the slowest writer and
 * needs nothing the others make. */
typedef struct run_xlsx {
    const char *path;
    const js_result *results;
    size_t n;
    const js_table *tables;
    size_t n_tables;
    js_lang lang;
    js_diag *diag;
    js_status st;
    const js_summary_opts *summary; /* the key figures' sheet */
} run_xlsx;

static void *run_xlsx_thread(void *arg)
{
    run_xlsx *const x = arg;
    x->st = js_out_workbook(x->path, x->results, x->n, x->tables, x->n_tables, x->summary, x->lang, x->diag);
    return NULL;
}

/* Tables and charts, while the workbook is being written. */
static js_status run_tables_charts(js_run_state *r, const js_run_opts *o, const char *stage,
                                   const char *chart_dir, unsigned set)
{
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && (set & OUT_TABLES) && i < r->n_tables; i++) {
        char *const path = js_path_join(stage, r->tables[i].file);
        st = path != NULL ? js_out_table(path, &r->table_views[i], r->diag) : JS_ENOMEM;
        js_free(path);
    }
    unsigned formats = 0;
    if (st == JS_OK && (set & OUT_CHARTS))
        st = js_mkdir_p(chart_dir, r->diag);
    if (st == JS_OK && (set & OUT_CHARTS))
        st = run_formats(r, o, &formats);
    if (st == JS_OK && (set & OUT_CHARTS))
        st = run_charts(r, chart_dir, formats, r->jobs);
    return st;
}

/* [analysis] uncertainty = none: no interval in what people read (tables,
 * workbook, charts, report); indicators.csv, written before, keeps them. */
static void run_hide_intervals(js_run_state *r)
{
    for (size_t i = 0; i < r->n_ind; i++) {
        js_cube *const c = r->ind[i].cube;
        for (size_t k = 0; c != NULL && js_cube_has_ci(c) && k < js_cube_ncells(c); k++)
            (void)js_cube_set_ci(c, k, (double)NAN, (double)NAN);
    }
}

static js_status run_outputs(js_run_state *r, const char *stage, const js_run_opts *o)
{
    js_result *const results = js_calloc(r->n_ind + 1, sizeof *results);
    js_input_info *const inputs = js_calloc(r->n_data + 1, sizeof *inputs);
    js_report_chart *charts = NULL;
    char *const csv = js_path_join(stage, "indicators.csv");
    char *const xlsx = js_path_join(stage, "indicators.xlsx");
    char *const html = js_path_join(stage, "report.html");
    char *const manifest = js_path_join(stage, "manifest.json");
    char *const chart_dir = js_path_join(stage, "charts");
    const unsigned set = r->outputs;
    js_status st = (results && inputs && csv && xlsx && html && manifest && chart_dir) ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < r->n_ind; i++)
        results[i] = r->ind[i].result;
    for (size_t i = 0; st == JS_OK && i < r->n_data; i++)
        inputs[i] = r->data[i].info;
    char *intro = NULL;
    run_layout layout;
    memset(&layout, 0, sizeof layout);
    const int hide = strcmp(spec_get(r->analysis, "uncertainty", "random"), "none") == 0;
    if (st == JS_OK && hide && (set & OUT_INDICATORS))
        st = js_out_indicators_csv(csv, results, r->n_ind, r->diag);
    if (st == JS_OK && hide)
        run_hide_intervals(r);
    if (st == JS_OK)
        st = run_tables_prepare(r);
    if (st == JS_OK && (set & OUT_REPORT))
        st = run_intro(r, &intro);
    if (st == JS_OK)
        st = run_layout_summary(r, &layout);
    run_xlsx x = {xlsx, results, r->n_ind, r->table_views, r->n_tables, r->lang, js_diag_alloc(), JS_OK,
                  &layout.summary};
    pthread_t th;
    int threaded = 0;
    if (st == JS_OK && (set & OUT_XLSX)) {
        if (x.diag == NULL)
            st = JS_ENOMEM;
        else
            threaded = run_spawn(r, run_xlsx_thread, &x, &th);
    }
    if (st == JS_OK && (set & OUT_INDICATORS) && !hide)
        st = js_out_indicators_csv(csv, results, r->n_ind, r->diag);
    if (st == JS_OK)
        st = run_tables_charts(r, o, stage, chart_dir, set);
    if (threaded)
        pthread_join(th, NULL);
    js_diag_append(r->diag, x.diag);
    js_diag_free(x.diag);
    if (st == JS_OK)
        st = x.st;
    if (st == JS_OK && (charts = js_calloc(r->n_charts + 1, sizeof *charts)) == NULL)
        st = JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < r->n_charts; i++)
        charts[i] = r->charts[i].rc;
    if (st == JS_OK && (set & OUT_REPORT))
        st = run_layout_sections(r, &layout);
    const js_report rep = {spec_get(r->analysis, "title", "jamstat"), spec_get(r->analysis, "subtitle", NULL),
                           r->lang, r->spec->path, r->spec->sha256,
                           (const char *const *)r->spec->sets, r->spec->n_sets, results, r->n_ind, charts,
                           r->n_charts, inputs,
                           r->n_data, (const char *const *)r->warnings, r->n_warnings, JS_VERSION,
                           spec_get(r->analysis, "focus", NULL), r->table_views, r->n_tables, intro,
                           layout.sections, layout.n_sections, layout.summary,
                           (const char *const *)layout.sentences};
    if (st == JS_OK && (set & OUT_REPORT))
        st = js_out_html(html, &rep, r->diag);
    if (st == JS_OK && (set & OUT_MANIFEST))
        st = js_out_manifest(manifest, &rep, r->diag);
    js_free(intro);
    run_layout_fini(&layout);
    js_free(results);
    js_free(inputs);
    js_free(charts);
    js_free(csv);
    js_free(xlsx);
    js_free(html);
    js_free(manifest);
    js_free(chart_dir);
    return st;
}

/* ---- the run ------------------------------------------------------------------------ */

static js_status run_setup(js_run_state *r, const js_run_opts *o)
{
    js_status st = spec_load(o->analysis, &r->spec, r->diag);
    for (size_t i = 0; st == JS_OK && i < o->n_sets; i++)
        st = spec_set(r->spec, o->sets[i], r->diag);
    if (st == JS_OK)
        st = spec_validate(r->spec, r->diag);
    if (st != JS_OK)
        return st;
    r->analysis = spec_find(r->spec, "analysis", "");
    const char *const lang = spec_get(r->analysis, "language", "sv");
    if (!js_lang_parse(lang, &r->lang)) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[analysis]: language must be sv or en, found \"%s\"", lang);
        return JS_EUSAGE;
    }
    /* whole numbers, checked by spec_validate */
    const char *const timeout = spec_get(r->analysis, "gnuplot_timeout", NULL);
    r->gnuplot_timeout = timeout ? strtol(timeout, NULL, 10) : -1;
    const char *const jobs = spec_get(r->analysis, "jobs", NULL);
    r->jobs = o->jobs ? o->jobs : jobs ? atoi(jobs) : 0;
    const char *const unc = spec_get(r->analysis, "uncertainty", "random");
    if (strcmp(unc, "random") != 0 && strcmp(unc, "none") != 0) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[analysis]: uncertainty must be random or none, "
                      "found \"%s\"", unc);
        return JS_EUSAGE;
    }
    r->small_n = 5;
    const char *const small = spec_get(r->analysis, "small_n", NULL);
    if (small != NULL && !js_parse_number(small, &r->small_n)) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[analysis]: small_n must be a number, found \"%s\"", small);
        return JS_EUSAGE;
    }
    size_t n_data = 0, n_ind = 0;
    for (size_t i = 0; i < r->spec->n_sec; i++) {
        n_data += strcmp(r->spec->sec[i].type, "data") == 0;
        n_ind += strcmp(r->spec->sec[i].type, "indicator") == 0;
    }
    r->data = js_calloc(n_data + 1, sizeof *r->data);
    r->ind = js_calloc(n_ind + 1, sizeof *r->ind);
    r->cache = js_agg_cache_alloc();
    if (r->data == NULL || r->ind == NULL || r->cache == NULL)
        return JS_ENOMEM;
    for (size_t i = 0; i < r->spec->n_sec; i++) {
        if (strcmp(r->spec->sec[i].type, "data") == 0)
            r->data[r->n_data++].sec = &r->spec->sec[i];
        if (strcmp(r->spec->sec[i].type, "indicator") == 0)
            r->ind[r->n_ind++].sec = &r->spec->sec[i];
    }
    return JS_OK;
}

static void run_free(js_run_state *r)
{
    run_chart_selections_free(r);
    for (size_t i = 0; i < r->n_data; i++) {
        js_cube_free(r->data[i].cube);
        js_free(r->data[i].path);
        js_free(r->data[i].notes);
        js_fetch_origin_fini(&r->data[i].origin);
        js_free(r->data[i].cite);
        js_free(r->data[i].total_label);
    }
    for (size_t i = 0; i < r->n_ind; i++) {
        js_cube_free(r->ind[i].cube);
        js_indicator_spec_fini(&r->ind[i].spec);
        js_sel_free(r->ind[i].where);
        js_free(r->ind[i].by_text);
        js_free(r->ind[i].by);
        js_free(r->ind[i].definition);
    }
    for (size_t i = 0; i < r->n_tables; i++) {
        js_free(r->tables[i].ind_text);
        js_free(r->tables[i].by_text);
        js_free(r->tables[i].file);
        for (size_t k = 0; k < 64; k++)
            js_cube_free(r->tables[i].own[k]);
    }
    js_free(r->tables);
    js_free(r->table_views);
    for (size_t i = 0; i < r->n_charts; i++) {
        js_free(r->charts[i].alt);
        js_free(r->charts[i].source);
        js_free(r->charts[i].title);
        js_free((char *)(uintptr_t)r->charts[i].rc.name);
    }
    for (size_t i = 0; i < r->n_warnings; i++)
        js_free(r->warnings[i]);
    js_free(r->warnings);
    js_free(r->charts);
    js_free(r->data);
    js_free(r->ind);
    js_agg_cache_free(r->cache);
    spec_free(r->spec);
}

/* Write every output into a staging folder and swap it in for the output
 * folder (core/outdir.h says when an existing folder may be replaced). */
static js_status run_write(js_run_state *r, const js_run_opts *o)
{
    const char *const out_dir = o->out_dir ? o->out_dir : spec_get(r->analysis, "output", "out");
    const char **const inputs = js_calloc(r->n_data + 1, sizeof *inputs);
    if (inputs == NULL)
        return JS_ENOMEM;
    inputs[0] = r->spec->path;
    for (size_t i = 0; i < r->n_data; i++)
        inputs[i + 1] = r->data[i].path;
    js_outdir od;
    js_status st = js_outdir_open(&od, out_dir, inputs, r->n_data + 1, r->diag);
    js_free(inputs);
    if (st != JS_OK)
        return st;
    st = run_outputs(r, od.stage, o);
    if (st == JS_OK)
        return js_outdir_commit(&od, r->diag);
    js_outdir_abort(&od);
    return st;
}

js_status js_run(const js_run_opts *o, js_diag *d)
{
    js_run_state r;
    memset(&r, 0, sizeof r);
    r.diag = d;
    r.check_only = o->check_only;
    r.refresh = o->refresh;
    js_status st = run_setup(&r, o);
    if (st == JS_OK)
        st = run_output_set(&r, &r.outputs);
    if (o->check_only)
        r.outputs = 0;
    const int set_up = st == JS_OK;
    for (size_t i = 0; set_up && i < r.n_ind; i++) /* every indicator's mistakes at once */
        if (run_prepare(&r, &r.ind[i]) != JS_OK)
            st = JS_EUSAGE;
    if (set_up && run_chart_selections(&r) != JS_OK) /* and every chart's selection */
        st = JS_EUSAGE;
    if (set_up && run_layout_check(&r) != JS_OK) /* and every [section]'s members */
        st = JS_EUSAGE;
    if (set_up && r.n_data == 0) {
        js_diag_error(d, r.spec->path, 0, 0, "expected at least one [data NAME] section, found none");
        st = JS_EUSAGE;
    }
    for (size_t i = 0; st == JS_OK && i < r.n_data; i++)
        st = run_load_data(&r, &r.data[i]);
    const int loaded = st == JS_OK;
    for (size_t i = 0; loaded && i < r.n_ind; i++) /* every bad selection at once */
        if (run_check_selections(&r, &r.ind[i]) != JS_OK)
            st = JS_EUSAGE;
    for (size_t i = 0; st == JS_OK && i < r.n_ind; i++) {
        st = run_compute(&r, &r.ind[i]);
        if (st == JS_OK) /* before any later indicator or output reads it */
            st = run_sdc(&r, &r.ind[i]);
    }
    if (st == JS_OK)
        st = run_sdc_charts(&r);
    if (st == JS_OK && o->check_only) /* the charts are checked as a run would build them */
        st = run_charts(&r, NULL, 0, 1);
    if (st == JS_OK && !o->check_only)
        st = run_write(&r, o);
    run_free(&r);
    return st;
}
