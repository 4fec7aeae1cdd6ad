/*
 * run_stream.c - indicators on data too large to hold: one partition at a
 * time.
 *
 * A data section with "partition = year" is read by the CSV reader one
 * year at a time.  Each partition is a complete cube for that year, so
 * every indicator that keeps year in its by dimensions gives exactly the
 * cells it would give on the whole file; the per-partition results are
 * merged at the end.  Memory is bounded by one partition plus the results,
 * not by the file.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "run/run_int.h"

/* Results of one indicator, one cube per partition. */
typedef struct stream_parts {
    js_cube **cubes;
    size_t n, cap;
} stream_parts;

typedef struct stream_ctx {
    js_run_state *r;
    run_data *rd;
    run_ind **inds;      /* indicators computed on this data */
    stream_parts *parts; /* per indicator */
    size_t n_inds;
    size_t n_cells, n_missing;
} stream_ctx;

static js_status stream_on_partition(js_cube *part, void *user, js_diag *d)
{
    stream_ctx *const s = user;
    size_t counts[5];
    js_cube_count_status(part, counts);
    s->n_cells += js_cube_ncells(part);
    s->n_missing += js_cube_ncells(part) - counts[JS_CELL_OK];
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && i < s->n_inds; i++) {
        js_cube *res = NULL;
        st = js_indicator_compute(&s->inds[i]->spec, part, &res, d);
        stream_parts *const p = &s->parts[i];
        if (st == JS_OK && js_grow((void **)&p->cubes, &p->cap, p->n + 1, sizeof *p->cubes) != 0)
            st = JS_ENOMEM;
        if (st == JS_OK)
            p->cubes[p->n++] = res;
        else
            js_cube_free(res);
    }
    js_cube_free(part);
    return st;
}

/* Copy the cells of src into dst (same dimensions, dst has every category). */
static js_status stream_place(js_cube *dst, const js_cube *src)
{
    size_t idx[32], didx[32];
    const size_t nd = js_cube_ndims(src);
    js_status st = JS_OK;
    for (size_t cell = 0; st == JS_OK && cell < js_cube_ncells(src); cell++) {
        js_cube_cell_coords(src, cell, idx);
        for (size_t i = 0; i < nd; i++)
            didx[i] = js_dim_find(js_cube_dim(dst, i), js_dim_category(js_cube_dim(src, i), idx[i])->code);
        const size_t to = js_cube_cell_index(dst, didx);
        const js_cell status = js_cube_status(src, cell);
        if (status == JS_CELL_OK)
            js_cube_set_value(dst, to, js_cube_value(src, cell));
        else
            st = js_cube_set_status(dst, to, status, js_cube_symbol(src, cell));
        const uint32_t flags = js_cube_flags(src, cell);
        if (st == JS_OK && flags)
            st = js_cube_add_flags(dst, to, flags);
        const double lo = js_cube_ci_low(src, cell), hi = js_cube_ci_high(src, cell);
        if (st == JS_OK && !(isnan(lo) && isnan(hi)))
            st = js_cube_set_ci(dst, to, lo, hi);
    }
    return st;
}

/* One cube from the partitions' results: categories in order of appearance. */
static js_status stream_merge(const stream_parts *p, js_cube **out)
{
    js_cube *merged = NULL;
    js_status st = js_cube_clone_shape(p->cubes[0], &merged);
    for (size_t k = 0; st == JS_OK && k < p->n; k++)
        for (size_t i = 0; st == JS_OK && i < js_cube_ndims(p->cubes[k]); i++) {
            const js_dim *const dim = js_cube_dim(p->cubes[k], i);
            for (size_t c = 0; st == JS_OK && c < js_dim_size(dim); c++)
                st = js_cube_add_category(merged, i, js_dim_category(dim, c)->code,
                                          js_dim_category(dim, c)->label, NULL);
        }
    if (st == JS_OK)
        st = js_cube_alloc_cells(merged);
    for (size_t k = 0; st == JS_OK && k < p->n; k++)
        st = stream_place(merged, p->cubes[k]);
    if (st != JS_OK) {
        js_cube_free(merged);
        return st;
    }
    *out = merged;
    return JS_OK;
}

js_status run_stream_data(js_run_state *r, run_data *rd, const js_read_opts *base)
{
    stream_ctx s;
    memset(&s, 0, sizeof s);
    s.r = r;
    s.rd = rd;
    s.inds = js_calloc(r->n_ind + 1, sizeof *s.inds);
    s.parts = js_calloc(r->n_ind + 1, sizeof *s.parts);
    if (s.inds == NULL || s.parts == NULL) {
        js_free(s.inds);
        js_free(s.parts);
        return JS_ENOMEM;
    }
    const char *const partition = spec_get(rd->sec, "partition", NULL);
    js_status st = JS_OK;
    for (size_t i = 0; i < r->n_ind; i++) {
        if (r->ind[i].data != rd || r->ind[i].uses_result)
            continue;
        int kept = 0; /* each partition must be a whole cell of the result */
        for (size_t b = 0; b < r->ind[i].spec.n_by; b++)
            kept |= strcasecmp(r->ind[i].spec.by[b], partition) == 0;
        if (!kept) {
            js_diag_error(r->diag, r->spec->path, 0, 0,
                          "[indicator %s]: data %s is read one %s at a time (partition), so by must "
                          "include %s", r->ind[i].sec->name, rd->sec->name, partition, partition);
            st = JS_EUSAGE;
        }
        s.inds[s.n_inds++] = &r->ind[i];
    }
    js_read_opts o = *base;
    o.partition = partition;
    o.on_partition = stream_on_partition;
    o.user = &s;
    js_cube *none = NULL;
    if (st == JS_OK)
        st = js_read_file(rd->path, &o, &none, r->diag);
    js_cube_free(none);
    for (size_t i = 0; st == JS_OK && i < s.n_inds; i++)
        st = s.parts[i].n ? stream_merge(&s.parts[i], &s.inds[i]->cube) : JS_EDATA;
    for (size_t i = 0; i < s.n_inds; i++) {
        for (size_t k = 0; k < s.parts[i].n; k++)
            js_cube_free(s.parts[i].cubes[k]);
        js_free(s.parts[i].cubes);
    }
    rd->info.n_cells = s.n_cells;
    rd->info.n_missing = s.n_missing;
    js_free(s.inds);
    js_free(s.parts);
    return st;
}
