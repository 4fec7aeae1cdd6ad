/*
 * describe.c - `jamstat describe`, `jamstat convert` and the catalogue text.
 *
 * A PX input is streamed by its first variable (one category of it in
 * memory at a time), so both commands run in bounded memory on files of
 * any size; other inputs are read whole.  JS_STREAM_OFF (--no-stream)
 * reads a PX file whole too: the text and the CSV are the same either way.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "jamstat/cube.h"
#include "jamstat/indicator.h"
#include "jamstat/output.h"
#include "jamstat/run.h"
#include "jamstat/source.h"
#include "jamstat/fetch.h"
#include "read/px_lex.h"

void js_text_free(char *text)
{
    js_free(text);
}

/* ---- describe: the text ------------------------------------------------------ */

/* " code \"label\"" of a category (the caller puts "," before all but the first). */
static void describe_category(js_buf *b, const js_category *c)
{
    js_buf_printf(b, " %s", c->code);
    if (strcmp(c->label, c->code) != 0)
        js_buf_printf(b, " \"%s\"", c->label);
}

/* "  name (label): role R" of a dimension; the count and categories follow. */
static void describe_dim_name(js_buf *b, const js_dim *dim)
{
    js_buf_printf(b, "  %s", js_dim_name(dim));
    if (strcmp(js_dim_label(dim), js_dim_name(dim)) != 0)
        js_buf_printf(b, " (%s)", js_dim_label(dim));
    js_buf_printf(b, ": role %s", js_role_name(js_dim_role(dim)));
}

/* all: every category; else up to 8, or the first 6 and the last. */
static void describe_dim(js_buf *b, const js_dim *dim, int all)
{
    const size_t n = js_dim_size(dim);
    describe_dim_name(b, dim);
    js_buf_printf(b, ", %zu categories:", n);
    const size_t show = all || n <= 8 ? n : 6;
    for (size_t k = 0; k < show; k++) {
        js_buf_puts(b, k ? "," : "");
        describe_category(b, js_dim_category(dim, k));
    }
    if (show < n)
        js_buf_printf(b, ", ... %s", js_dim_category(dim, n - 1)->code);
    js_buf_putc(b, '\n');
}

/* file, format, encoding and the metadata lines. */
static void describe_head(js_buf *b, const char *path, const js_cube *c)
{
    static const char *const names[] = {"title", "source", "unit", "measure", "updated", "contact"};
    js_buf_printf(b, "file: %s\n", path);
    js_buf_printf(b, "format: %s\n", js_cube_meta(c, JS_META_FORMAT));
    js_buf_printf(b, "encoding: %s\n",
                  js_cube_meta(c, JS_META_ENCODING) ? js_cube_meta(c, JS_META_ENCODING) : "?");
    for (js_meta m = JS_META_TITLE; m <= JS_META_CONTACT; m++)
        if (js_cube_meta(c, m) != NULL)
            js_buf_printf(b, "%s: %s\n", names[m], js_cube_meta(c, m));
    js_fetch_origin o; /* a table `jamstat fetch` wrote: where from, when */
    const char *const fmt = js_cube_meta(c, JS_META_FORMAT);
    if (fmt != NULL && strcmp(fmt, "json-stat") == 0 && js_fetch_origin_read(path, &o) == JS_OK) {
        char *const cite = js_fetch_origin_cite(&o, 0);
        js_buf_printf(b, "fetched: table %s from %s at %s\n", o.table, o.api ? o.api : "?",
                      o.fetched ? o.fetched : "?");
        if (o.query != NULL)
            js_buf_printf(b, "query: %s\n", o.query);
        if (cite != NULL)
            js_buf_printf(b, "citation: %s\n", cite);
        js_fetch_text_free(cite);
        js_fetch_origin_fini(&o);
    }
}

static void describe_cells(js_buf *b, size_t n_cells, const size_t counts[5])
{
    js_buf_printf(b, "cells: %zu (present %zu, missing %zu, suppressed %zu, nil %zu, not "
                     "applicable %zu)\n", n_cells, counts[JS_CELL_OK], counts[JS_CELL_MISSING],
                  counts[JS_CELL_SUPPRESSED], counts[JS_CELL_NIL], counts[JS_CELL_NA]);
}

/* The dimension lines from `from` on, then the notes. */
static void describe_tail(js_buf *b, const js_cube *c, size_t from, int all)
{
    for (size_t i = from; i < js_cube_ndims(c); i++)
        describe_dim(b, js_cube_dim(c, i), all);
    for (size_t i = 0; i < js_cube_nnotes(c); i++)
        js_buf_printf(b, "note: %s\n", js_cube_note(c, i));
}

/* Hand the text over as *text, or fail with JS_ENOMEM. */
static js_status describe_finish(js_buf *b, char **text)
{
    if (b->failed) {
        js_buf_fini(b);
        return JS_ENOMEM;
    }
    *text = b->data ? b->data : js_strdup("");
    return *text ? JS_OK : JS_ENOMEM;
}

static js_status describe_whole(const char *path, const js_read_opts *ro, int all, char **text, js_diag *d)
{
    js_cube *c;
    const js_status st = js_read_file(path, ro, &c, d);
    if (st != JS_OK)
        return st;
    js_buf b;
    js_buf_init(&b);
    describe_head(&b, path, c);
    size_t counts[5];
    js_cube_count_status(c, counts);
    describe_cells(&b, js_cube_ncells(c), counts);
    js_buf_printf(&b, "dimensions: %zu\n", js_cube_ndims(c));
    describe_tail(&b, c, 0, all);
    js_cube_free(c);
    return describe_finish(&b, text);
}

/* ---- Streamed reads ------------------------------------------------------------ */

typedef js_status (*describe_part_fn)(js_cube *part, void *user, js_diag *d);

/* Read path streamed by var, each partition to fn.  Messages go to a diag
 * of its own first: when the file turns out bad (JS_EDATA: malformed, or
 * KEYS rows not in the order of the first variable) the caller reads it
 * again whole, so that what it reports is exactly what a whole read reports
 * (and a KEYS file in any row order still works); otherwise they go to d. */
static js_status describe_stream_read(const char *path, const js_read_opts *ro,
                                      const char *var, describe_part_fn fn, void *user,
                                      js_diag *d)
{
    js_diag *const own = js_diag_alloc();
    if (own == NULL)
        return JS_ENOMEM;
    js_read_opts o = *ro;
    o.partition = var;
    o.on_partition = fn;
    o.user = user;
    js_cube *none = NULL;
    const js_status st = js_read_file(path, &o, &none, own);
    js_cube_free(none); /* NULL: streaming returns no cube */
    if (st != JS_EDATA)
        js_diag_append(d, own);
    js_diag_free(own);
    return st;
}

/* ---- describe, streamed -------------------------------------------------------- *
 *
 * A PX file is read one category of its first variable at a time
 * (js_read_opts.partition): each partition cube adds its cell counts and
 * its one first-dimension category; everything else (metadata, the other
 * dimensions, notes) is the same on every partition and is taken from the
 * first.  The text is byte for byte what describe_whole writes. */

enum { DESCRIBE_SHOWN = 8 }; /* describe_dim lists up to 8 categories */

typedef struct describe_acc {
    const char *path;
    js_buf head;     /* file ... contact (first partition) */
    js_buf first;    /* "  name (label): role R" of the first dimension */
    js_buf tail;     /* the other dimensions' lines and the notes */
    js_buf shown[DESCRIBE_SHOWN]; /* " code \"label\"" of its first categories */
    js_buf last;     /* the code of its latest category */
    js_buf every;    /* with all: ",code \"label\"" of every category */
    int all;         /* describe every category */
    size_t n_parts;  /* partitions seen = categories of the first dimension */
    size_t n_cells;
    size_t counts[5];
    size_t ndims;
} describe_acc;

static js_status describe_part(js_cube *part, void *user, js_diag *d)
{
    describe_acc *const a = user;
    (void)d;
    const js_category *const k = js_dim_category(js_cube_dim(part, 0), 0);
    if (a->n_parts == 0) {
        describe_head(&a->head, a->path, part);
        describe_dim_name(&a->first, js_cube_dim(part, 0));
        describe_tail(&a->tail, part, 1, a->all);
        a->ndims = js_cube_ndims(part);
    }
    if (a->n_parts < DESCRIBE_SHOWN)
        describe_category(&a->shown[a->n_parts], k);
    if (a->all) {
        js_buf_puts(&a->every, a->n_parts ? "," : "");
        describe_category(&a->every, k);
    }
    js_buf_reset(&a->last);
    js_buf_puts(&a->last, k->code);
    size_t counts[5];
    js_cube_count_status(part, counts);
    for (size_t i = 0; i < 5; i++)
        a->counts[i] += counts[i];
    a->n_cells += js_cube_ncells(part);
    a->n_parts++;
    js_cube_free(part);
    return a->last.failed ? JS_ENOMEM : JS_OK;
}

/* The text from the counts: as describe_whole, the first dimension from a. */
static void describe_acc_text(describe_acc *a, js_buf *b)
{
    js_buf_puts(b, js_buf_cstr(&a->head));
    describe_cells(b, a->n_cells, a->counts);
    js_buf_printf(b, "dimensions: %zu\n", a->ndims);
    const size_t n = a->n_parts, show = n <= DESCRIBE_SHOWN ? n : DESCRIBE_SHOWN - 2;
    js_buf_printf(b, "%s, %zu categories:", js_buf_cstr(&a->first), n);
    for (size_t k = 0; a->all && k == 0; k++)
        js_buf_puts(b, js_buf_cstr(&a->every));
    for (size_t k = 0; !a->all && k < show; k++) {
        js_buf_puts(b, k ? "," : "");
        js_buf_puts(b, js_buf_cstr(&a->shown[k]));
    }
    if (!a->all && show < n)
        js_buf_printf(b, ", ... %s", js_buf_cstr(&a->last));
    js_buf_putc(b, '\n');
    js_buf_puts(b, js_buf_cstr(&a->tail));
}

static void describe_acc_init(describe_acc *a, const char *path, int all)
{
    memset(a, 0, sizeof *a);
    a->path = path;
    a->all = all;
    js_buf_init(&a->every);
    js_buf_init(&a->head);
    js_buf_init(&a->first);
    js_buf_init(&a->tail);
    js_buf_init(&a->last);
    for (size_t k = 0; k < DESCRIBE_SHOWN; k++)
        js_buf_init(&a->shown[k]);
}

static void describe_acc_fini(describe_acc *a)
{
    js_buf_fini(&a->head);
    js_buf_fini(&a->first);
    js_buf_fini(&a->tail);
    js_buf_fini(&a->last);
    js_buf_fini(&a->every);
    for (size_t k = 0; k < DESCRIBE_SHOWN; k++)
        js_buf_fini(&a->shown[k]);
}

static js_status describe_streamed(const char *path, const js_read_opts *ro, const char *var, int all,
                                   char **text, js_diag *d)
{
    describe_acc a;
    describe_acc_init(&a, path, all);
    js_status st = describe_stream_read(path, ro, var, describe_part, &a, d);
    js_buf b;
    js_buf_init(&b);
    int failed = a.head.failed || a.first.failed || a.tail.failed || a.every.failed;
    for (size_t k = 0; k < DESCRIBE_SHOWN; k++)
        failed |= a.shown[k].failed;
    if (st == JS_OK && failed)
        st = JS_ENOMEM;
    if (st == JS_OK) {
        describe_acc_text(&a, &b);
        st = describe_finish(&b, text);
    }
    describe_acc_fini(&a);
    return st;
}

/* ---- Which inputs stream ------------------------------------------------------ */

/* The variable a PX file streams by, NULL for other inputs (and when the
 * header cannot be read: the whole read then reports why).  js_free it. */
static char *describe_stream_var(const char *path, const js_read_opts *ro)
{
    js_diag *const quiet = js_diag_alloc(); /* the real read reports everything again */
    js_source *src = NULL;
    char *var = NULL;
    if (quiet != NULL && js_source_open_file(path, &src, quiet) == JS_OK &&
        px_stream_variable(src, ro, &var, quiet) != JS_OK) {
        js_free(var);
        var = NULL;
    }
    js_source_free(src);
    js_diag_free(quiet);
    return var;
}

js_status js_describe_stream(const char *path, const js_read_opts *ro, js_stream_mode mode, int all,
                             char **text, js_diag *d)
{
    char *const var = mode == JS_STREAM_AUTO ? describe_stream_var(path, ro) : NULL;
    js_status st = var ? describe_streamed(path, ro, var, all, text, d) : JS_EDATA;
    if (st == JS_EDATA) /* not streamed, or bad: the whole read says why */
        st = describe_whole(path, ro, all, text, d);
    js_free(var);
    return st;
}

js_status js_describe(const char *path, const js_read_opts *ro, char **text, js_diag *d)
{
    return js_describe_stream(path, ro, JS_STREAM_AUTO, 0, text, d);
}

/* ---- convert ------------------------------------------------------------------- */

static js_status convert_part(js_cube *part, void *user, js_diag *d)
{
    (void)d;
    const js_status st = js_out_tidy_append(user, part);
    js_cube_free(part);
    return st;
}

static js_status convert_streamed(const char *path, const js_read_opts *ro, const char *var,
                                  const char *out, int excel_sv, js_diag *d)
{
    js_tidy_writer *w = NULL;
    js_status st = js_out_tidy_open(out, excel_sv, &w, d);
    if (st != JS_OK)
        return st;
    st = describe_stream_read(path, ro, var, convert_part, w, d);
    if (st != JS_OK) {
        js_out_tidy_abort(w);
        return st;
    }
    return js_out_tidy_commit(w, d);
}

js_status js_convert_stream(const char *path, const js_read_opts *ro, js_stream_mode mode,
                            const char *out, int excel_sv, js_diag *d)
{
    char *const var = mode == JS_STREAM_AUTO ? describe_stream_var(path, ro) : NULL;
    js_status st = var ? convert_streamed(path, ro, var, out, excel_sv, d) : JS_EDATA;
    if (st == JS_EDATA) { /* not streamed, or bad: the whole read says why */
        js_cube *c;
        st = js_read_file(path, ro, &c, d);
        if (st == JS_OK) {
            st = js_out_tidy_csv(out, c, excel_sv, d);
            js_cube_free(c);
        }
    }
    js_free(var);
    return st;
}

js_status js_convert(const char *path, const js_read_opts *ro, const char *out, int excel_sv,
                     js_diag *d)
{
    return js_convert_stream(path, ro, JS_STREAM_AUTO, out, excel_sv, d);
}
