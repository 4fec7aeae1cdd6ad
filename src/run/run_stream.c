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
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
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
    js_agg_cache *const cache = js_agg_cache_alloc(); /* shared sums, for this partition */
    js_status st = cache ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < s->n_inds; i++) {
        js_cube *res = NULL;
        js_indicator_spec spec = s->inds[i]->spec; /* a copy: two threads share the specs */
        spec.cache = cache;
        const js_cube *in[JS_KIND_MAX_INPUTS] = {NULL};
        for (size_t k = 0; k < JS_KIND_MAX_INPUTS; k++)
            in[k] = s->inds[i]->in_data[k] == s->rd ? part : NULL;
        st = js_indicator_compute(&spec, in, &res, d);
        stream_parts *const p = &s->parts[i];
        if (st == JS_OK && js_grow((void **)&p->cubes, &p->cap, p->n + 1, sizeof *p->cubes) != 0)
            st = JS_ENOMEM;
        if (st == JS_OK)
            p->cubes[p->n++] = res;
        else
            js_cube_free(res);
    }
    js_agg_cache_free(cache);
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
            didx[i] = js_dim_find_code(js_cube_dim(dst, i), js_dim_category(js_cube_dim(src, i), idx[i])->code);
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
                st = js_cube_copy_category(merged, i, js_dim_category(dim, c), NULL);
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

/* ---- splitting the file in two at a partition boundary ----------------------- */

/* Where a second thread can start: the first line after the middle of the
 * file whose partition value differs from the line before it.  Also the
 * header line (the second thread reads it first).  Returns 0 when the file
 * is too small or not plainly shaped (a title line, quotes in the partition
 * column), and the caller reads it in one go. */
typedef struct stream_split {
    uint64_t offset;  /* first byte of the second half */
    char header[4096];
    size_t header_len;
} stream_split;

/* Field col of a line (up to '\n'), unquoted; copies at most cap-1 bytes. */
static int stream_field(const char *line, const char *end, char delim, size_t col, char *out,
                        size_t cap)
{
    const char *p = line;
    for (size_t i = 0; i < col; i++) {
        const char *const d = memchr(p, delim, (size_t)(end - p));
        if (d == NULL)
            return 0;
        p = d + 1;
    }
    const char *e = p;
    while (e < end && *e != delim && *e != '\n' && *e != '\r')
        e++;
    if (memchr(p, '"', (size_t)(e - p)) != NULL || (size_t)(e - p) >= cap)
        return 0;
    memcpy(out, p, (size_t)(e - p));
    out[e - p] = '\0';
    return 1;
}

/* The last '\n' in buf[0..n), or NULL. */
static const char *stream_last_nl(const char *buf, size_t n)
{
    while (n > 0)
        if (buf[--n] == '\n')
            return buf + n;
    return NULL;
}

enum { PROBE = 1 << 20 }; /* bytes read at a time while looking for the split */

/* From the line starting at pos (its partition value is first), the offset
 * of the first line whose value differs.  Reads block by block and passes
 * over whole blocks whose last whole line still has the value.  0 when the
 * value holds to the end of the file. */
static int stream_next_change(FILE *fp, char *buf, uint64_t pos, char delim, size_t col,
                              const char *first, uint64_t *offset)
{
    char value[256];
    for (;;) {
        size_t n;
        if (pos > (uint64_t)LONG_MAX || fseek(fp, (long)pos, SEEK_SET) != 0 ||
            (n = fread(buf, 1, PROBE, fp)) == 0)
            return 0;
        const char *const last_nl = stream_last_nl(buf, n);
        const char *const tail = last_nl != NULL ? stream_last_nl(buf, (size_t)(last_nl - buf)) : NULL;
        if (tail != NULL && stream_field(tail + 1, last_nl, delim, col, value, sizeof value) &&
            strcmp(value, first) == 0) {
            pos += (uint64_t)(last_nl + 1 - buf);
            continue;
        }
        const char *line = buf;
        for (const char *e; (e = memchr(line, '\n', (size_t)(buf + n - line))) != NULL; line = e + 1) {
            if (!stream_field(line, e, delim, col, value, sizeof value))
                return 0;
            if (strcmp(value, first) != 0) {
                *offset = pos + (uint64_t)(line - buf);
                return 1;
            }
        }
        if (line == buf)
            return 0; /* a line longer than the block: give up on splitting */
        pos += (uint64_t)(line - buf);
    }
}

static int stream_find_split(const char *path, const char *partition, char delim_opt,
                             stream_split *sp)
{
    FILE *const fp = fopen(path, "rb");
    char *const buf = js_malloc(PROBE);
    int found = 0;
    if (fp == NULL || buf == NULL || fseek(fp, 0, SEEK_END) != 0)
        goto done;
    const long size = ftell(fp);
    size_t n = 0;
    if (size < 8L * PROBE || fseek(fp, 0, SEEK_SET) != 0 || (n = fread(buf, 1, PROBE, fp)) == 0)
        goto done;
    const char *const nl = memchr(buf, '\n', n);
    if (nl == NULL || (size_t)(nl - buf) + 1 >= sizeof sp->header || buf[0] == '"' ||
        memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        goto done; /* quoted (perhaps a title line) or BOM: keep it simple, one thread */
    sp->header_len = (size_t)(nl - buf) + 1;
    memcpy(sp->header, buf, sp->header_len);
    char delim = delim_opt;
    if (delim == '\0')
        delim = js_csv_sniff_delimiter(buf, sp->header_len);
    size_t col = SIZE_MAX;
    char name[256];
    for (size_t i = 0; col == SIZE_MAX && stream_field(buf, nl, delim, i, name, sizeof name); i++)
        if (strcasecmp(name, partition) == 0)
            col = i;
    if (col == SIZE_MAX || fseek(fp, size / 2, SEEK_SET) != 0 || (n = fread(buf, 1, PROBE, fp)) == 0)
        goto done;
    /* the partition around the middle: its end (the first change of value
     * after the middle) and its start (found stepping back block by block);
     * the nearer of the two splits the file most evenly */
    const char *p = memchr(buf, '\n', n);
    char first[256], value[256];
    if (p == NULL || !stream_field(p + 1, buf + n, delim, col, first, sizeof first))
        goto done;
    const uint64_t mid = (uint64_t)(size / 2) + (uint64_t)(p + 1 - buf); /* a line starts here */
    uint64_t end = 0, start = 0;
    const int has_end = stream_next_change(fp, buf, mid, delim, col, first, &end);
    for (uint64_t back = PROBE; back < mid && back <= (uint64_t)4096 * PROBE; back += PROBE) {
        const uint64_t q = mid - back;
        if (fseek(fp, (long)q, SEEK_SET) != 0 || (n = fread(buf, 1, PROBE, fp)) == 0)
            break;
        const char *const line = memchr(buf, '\n', n);
        const char *const e = line ? memchr(line + 1, '\n', (size_t)(buf + n - line - 1)) : NULL;
        if (e == NULL || !stream_field(line + 1, e, delim, col, value, sizeof value))
            break;
        if (strcmp(value, first) != 0) { /* the start lies between here and the middle */
            if (!stream_next_change(fp, buf, q + (uint64_t)(line + 1 - buf), delim, col, value, &start) ||
                start <= sp->header_len)
                start = 0;
            break;
        }
    }
    if (start > 0 && (!has_end || mid - start < end - mid))
        sp->offset = start;
    else if (has_end)
        sp->offset = end;
    found = sp->offset > 0;
done:
    if (fp != NULL)
        (void)fclose(fp);
    js_free(buf);
    return found;
}

/* Lines before byte offset (the second half's first data line is this + 1). */
static size_t stream_count_lines(const char *path, uint64_t offset)
{
    FILE *const fp = fopen(path, "rb");
    char *const buf = js_malloc(1 << 16);
    size_t lines = 0;
    uint64_t left = offset;
    while (fp != NULL && buf != NULL && left > 0) {
        const size_t want = left < (1 << 16) ? (size_t)left : (1 << 16);
        const size_t n = fread(buf, 1, want, fp);
        if (n == 0)
            break;
        for (const char *q = buf; (q = memchr(q, '\n', (size_t)(buf + n - q))) != NULL; q++)
            lines++;
        left -= n;
    }
    if (fp != NULL)
        (void)fclose(fp);
    js_free(buf);
    return lines;
}

/* Append the second half's messages with their line numbers made file
 * lines: its stream is the header line and then the file from offset. */
static void stream_diag_shift(js_diag *to, const js_diag *from, const char *path, uint64_t offset)
{
    if (js_diag_size(from) == 0)
        return;
    const size_t before = stream_count_lines(path, offset); /* lines before offset */
    for (size_t i = 0; i < js_diag_size(from); i++) {
        const js_diag_msg *const m = js_diag_get(from, i);
        const size_t line = m->line > 1 ? m->line + before - 1 : m->line;
        js_diag_add(to, m->severity, m->path, line, m->col, "%s", m->text);
    }
}

/* ---- one half, in its own thread ---------------------------------------------- */

typedef struct stream_half {
    stream_ctx ctx;
    js_read_opts opts;
    const char *path;
    const stream_split *split; /* NULL: the first half (or the whole file) */
    uint64_t length;           /* bytes of the first half; UINT64_MAX = all */
    js_diag *diag;             /* its own: diags are not shared between threads */
    js_status st;
} stream_half;

static void *stream_half_run(void *arg)
{
    stream_half *const h = arg;
    js_source *src = NULL;
    if (h->split != NULL) {
        /* line numbers are fixed up after the join, and only if there is a
         * message: counting the first half's lines costs a pass over it */
        h->st = js_source_open_file_range(h->path, h->split->header, h->split->header_len,
                                          h->split->offset, UINT64_MAX, &src, h->diag);
    } else {
        h->st = js_source_open_file_range(h->path, NULL, 0, 0, h->length, &src, h->diag);
    }
    js_cube *none = NULL;
    if (h->st == JS_OK)
        h->st = js_read_csv(src, &h->opts, &none, h->diag);
    js_cube_free(none);
    js_source_free(src);
    return NULL;
}

static js_status stream_half_init(stream_half *h, js_run_state *r, run_data *rd,
                                  const js_read_opts *base, run_ind **inds, size_t n_inds)
{
    memset(h, 0, sizeof *h);
    h->ctx.r = r;
    h->ctx.rd = rd;
    h->ctx.inds = inds;
    h->ctx.n_inds = n_inds;
    h->ctx.parts = js_calloc(n_inds + 1, sizeof *h->ctx.parts);
    h->diag = js_diag_alloc();
    h->opts = *base;
    h->opts.partition = spec_get(rd->sec, "partition", NULL);
    h->opts.on_partition = stream_on_partition;
    h->opts.user = &h->ctx;
    h->path = rd->path;
    h->length = UINT64_MAX;
    return (h->ctx.parts && h->diag) ? JS_OK : JS_ENOMEM;
}

static void stream_half_fini(stream_half *h)
{
    for (size_t i = 0; h->ctx.parts != NULL && i < h->ctx.n_inds; i++) {
        for (size_t k = 0; k < h->ctx.parts[i].n; k++)
            js_cube_free(h->ctx.parts[i].cubes[k]);
        js_free(h->ctx.parts[i].cubes);
    }
    js_free(h->ctx.parts);
    js_diag_free(h->diag);
}

/* The indicators computed on this data; each must keep the partition in by. */
static js_status stream_indicators(js_run_state *r, const run_data *rd, const char *partition,
                                   run_ind **inds, size_t *n)
{
    js_status st = JS_OK;
    *n = 0;
    for (size_t i = 0; i < r->n_ind; i++) {
        if (r->ind[i].data != rd || r->ind[i].uses_result)
            continue;
        for (size_t k = 0; k < JS_KIND_MAX_INPUTS; k++)
            if (r->ind[i].in_data[k] != NULL && r->ind[i].in_data[k] != rd) {
                js_diag_error(r->diag, r->spec->path, 0, 0, "[indicator %s]: data %s is read one %s "
                              "at a time (partition), so it cannot be combined with data %s",
                              r->ind[i].sec->name, rd->sec->name, partition,
                              r->ind[i].in_data[k]->sec->name);
                st = JS_EUSAGE;
            }
        int kept = 0; /* each partition must be a whole cell of the result */
        for (size_t b = 0; b < r->ind[i].spec.n_by; b++)
            kept |= strcasecmp(r->ind[i].spec.by[b], partition) == 0;
        if (!kept) {
            js_diag_error(r->diag, r->spec->path, 0, 0,
                          "[indicator %s]: data %s is read one %s at a time (partition), so by must "
                          "include %s", r->ind[i].sec->name, rd->sec->name, partition, partition);
            st = JS_EUSAGE;
        }
        inds[(*n)++] = &r->ind[i];
    }
    return st;
}

/* The partition values of the two halves must not meet: the rows of one
 * value are together in a grouped file, so only a file that is not grouped
 * has a value in both. */
static js_status stream_check_disjoint(js_run_state *r, const stream_half *h, size_t n_halves,
                                       const char *partition, const char *path)
{
    if (n_halves < 2 || h[0].ctx.n_inds == 0)
        return JS_OK;
    const stream_parts *const a = &h[0].ctx.parts[0], *const b = &h[1].ctx.parts[0];
    if (a->n == 0 || b->n == 0)
        return JS_OK;
    const size_t pd = js_cube_find_dim(a->cubes[a->n - 1], partition);
    const size_t qd = js_cube_find_dim(b->cubes[0], partition);
    for (size_t i = 0; pd != SIZE_MAX && qd != SIZE_MAX && i < a->n; i++) {
        const char *const last = js_dim_category(js_cube_dim(a->cubes[i], pd), 0)->code;
        for (size_t k = 0; k < b->n; k++)
            if (strcmp(last, js_dim_category(js_cube_dim(b->cubes[k], qd), 0)->code) == 0) {
                js_diag_error(r->diag, r->spec->path, 0, 0,
                              "%s: expected the rows of %s \"%s\" to be together (the data is read by "
                              "partition), found them in both halves of the file", path,
                              partition, last);
                return JS_EDATA;
            }
    }
    return JS_OK;
}

js_status run_stream_data(js_run_state *r, run_data *rd, const js_read_opts *base)
{
    const char *const partition = spec_get(rd->sec, "partition", NULL);
    run_ind **const inds = js_calloc(r->n_ind + 1, sizeof *inds);
    if (inds == NULL)
        return JS_ENOMEM;
    size_t n_inds;
    js_status st = stream_indicators(r, rd, partition, inds, &n_inds);
    stream_half h[2];
    memset(h, 0, sizeof h);
    stream_split split;
    memset(&split, 0, sizeof split);
    const size_t n_halves = (r->jobs != 1 && base->format != JS_FORMAT_PX &&
                             stream_find_split(rd->path, partition, base->delimiter, &split)) ? 2 : 1;
    for (size_t i = 0; i < n_halves && st == JS_OK; i++)
        st = stream_half_init(&h[i], r, rd, base, inds, n_inds);
    if (st == JS_OK && n_halves == 2) {
        h[0].length = split.offset;
        h[1].split = &split;
        pthread_t th;
        const int threaded = run_spawn(r, stream_half_run, &h[1], &th); /* else: one after the other */
        stream_half_run(&h[0]);
        if (threaded)
            pthread_join(th, NULL);
    } else if (st == JS_OK) {
        stream_half_run(&h[0]);
    }
    for (size_t i = 0; i < n_halves && st == JS_OK; i++) {
        if (i == 1) /* the second half counted from its own start: move its lines down */
            stream_diag_shift(r->diag, h[1].diag, rd->path, split.offset);
        else
            js_diag_append(r->diag, h[i].diag); /* the halves' messages, in file order */
        st = h[i].st;
    }
    if (st == JS_OK)
        st = stream_check_disjoint(r, h, n_halves, partition, rd->path);
    /* merge: the first half's partitions, then the second's */
    for (size_t i = 0; st == JS_OK && i < n_inds; i++) {
        stream_parts all = {NULL, 0, 0};
        for (size_t k = 0; st == JS_OK && k < n_halves; k++)
            for (size_t j = 0; st == JS_OK && j < h[k].ctx.parts[i].n; j++) {
                if (js_grow((void **)&all.cubes, &all.cap, all.n + 1, sizeof *all.cubes) != 0)
                    st = JS_ENOMEM;
                else
                    all.cubes[all.n++] = h[k].ctx.parts[i].cubes[j];
            }
        if (st == JS_OK)
            st = all.n ? stream_merge(&all, &inds[i]->cube) : JS_EDATA;
        js_free(all.cubes);
    }
    rd->info.n_cells = rd->info.n_missing = 0;
    for (size_t k = 0; k < n_halves; k++) {
        rd->info.n_cells += h[k].ctx.n_cells;
        rd->info.n_missing += h[k].ctx.n_missing;
        stream_half_fini(&h[k]);
    }
    js_free(inds);
    return st;
}
