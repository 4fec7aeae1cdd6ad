/*
 * marginal.c - marginal tables: one walk over a cube answers every
 * aggregate that restricts at most one dimension outside by (marginal.h).
 *
 * For output cell o and outside dimension j, m->sum[j][o * size_j + k] is
 * the sum over the cells of o whose dimension j is at category k and whose
 * other outside dimensions are at their defaults (their total category, or
 * all categories).  A cell with every outside dimension at its default
 * feeds every table; a cell with exactly one dimension off its default
 * feeds that dimension's table only; any other cell feeds none.  So
 *   aggregate(restrict j to mask) = sum over k in mask of sum[j][o, k]
 *   aggregate(no restriction)     = sum over k in default(j0) of sum[j0][o, k]
 * Flags and "touched" are kept alongside, so missing and suppressed inputs
 * make the same missing results as in js_aggregate.
 */
#include "indic/marginal.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"

enum { MARG_MAX_DIMS = 32, MARG_BLOCK_MAX = 1 << 16 };

/* The trailing dimensions outside by, as one block of adjacent cells (at
 * most MARG_BLOCK_MAX of them), taken a row at a time: a row is a run along
 * the last dimension, with the other block dimensions fixed.  Where each
 * row's sum goes is worked out once, not once per cell. */
typedef struct marg_block {
    size_t first;   /* the block's first dimension; nd when there is no block */
    size_t n;       /* cells in the block */
    size_t row;     /* cells in a row: the size of the last dimension */
    int row_has_def;        /* the last dimension has a default category */
    int some_all_def;       /* some cell has every block dimension at a default */
    uint32_t *start;        /* the targets of row r's sum are tg[start[r] .. start[r + 1]) */
    uint32_t *tg;           /* (category << 5) | x, for the table of dimension first + x */
    unsigned char *all_def; /* row r has every block dimension but the last at a default */
    uint32_t *touch;        /* the slots (as tg) that a block under no off dimension reaches */
    size_t n_touch;
} marg_block;

struct agg_marg {
    const js_cube *data;
    size_t nd;                          /* dimensions of data */
    const char *by[MARG_MAX_DIMS];      /* borrowed from the first request: compared by text */
    char *by_text;                      /* owns the copies the by[] point into */
    size_t n_by;
    unsigned char *by_mask[MARG_MAX_DIMS]; /* copies of the by dimensions' masks (NULL: none) */
    size_t out_cat_stride[MARG_MAX_DIMS];  /* by dims: output stride; others 0 */
    size_t *out_cat[MARG_MAX_DIMS];        /* by dims: output category per input category */
    int is_by[MARG_MAX_DIMS];
    unsigned char *def[MARG_MAX_DIMS];     /* outside dims: the default categories */
    js_cube *shape;                        /* the output cube's shape (no cells) */
    size_t n_out;
    double *sum[MARG_MAX_DIMS];
    uint32_t *flags[MARG_MAX_DIMS]; /* result flags, and MARG_TOUCHED */
    size_t size[MARG_MAX_DIMS];
    const double *values;
    const uint8_t *status;
    int has_syms; /* some cell has a symbol: present values may carry flags */
    size_t outside[MARG_MAX_DIMS]; /* the dimensions outside by */
    size_t n_outside;
    marg_block block;
};

void agg_marg_free(agg_marg *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < MARG_MAX_DIMS; i++) {
        js_free(m->by_mask[i]);
        js_free(m->out_cat[i]);
        js_free(m->def[i]);
        js_free(m->sum[i]);
        js_free(m->flags[i]);
    }
    js_free(m->block.start);
    js_free(m->block.tg);
    js_free(m->block.all_def);
    js_free(m->block.touch);
    js_free(m->by_text);
    js_cube_free(m->shape);
    js_free(m);
}

/* The default categories of an outside dimension (agg_default_total); 0
 * for a time or contents dimension that would have to be summed. */
static int marg_default(const js_dim *dim, unsigned char *def)
{
    const size_t n = js_dim_size(dim);
    size_t total;
    if (!agg_default_total(dim, &total))
        return 0;
    for (size_t k = 0; k < n; k++)
        def[k] = (unsigned char)(total == SIZE_MAX || k == total);
    return 1;
}

/* The output shape and the by dimensions' maps. */
static int marg_plan(agg_marg *m, const js_cube *c, const js_sel_masks *sel)
{
    js_status st = (m->shape = js_cube_alloc()) != NULL ? JS_OK : JS_ENOMEM;
    for (size_t b = 0; st == JS_OK && b < m->n_by; b++) {
        const size_t i = js_cube_find_dim(c, m->by[b]);
        if (i == SIZE_MAX || m->is_by[i])
            return 0; /* unknown or repeated: the plain path reports it */
        m->is_by[i] = 1;
        const js_dim *const dim = js_cube_dim(c, i);
        size_t od;
        st = js_cube_add_dim(m->shape, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &od);
        m->out_cat[i] = js_calloc(js_dim_size(dim) + 1, sizeof *m->out_cat[i]);
        if (st == JS_OK && m->out_cat[i] == NULL)
            st = JS_ENOMEM;
        if (st == JS_OK && sel->mask[i] != NULL && (m->by_mask[i] = js_malloc(js_dim_size(dim) + 1)) != NULL)
            memcpy(m->by_mask[i], sel->mask[i], js_dim_size(dim));
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++) {
            m->out_cat[i][k] = SIZE_MAX;
            if (sel->mask[i] == NULL || sel->mask[i][k])
                st = js_cube_copy_category(m->shape, od, js_dim_category(dim, k), &m->out_cat[i][k]);
        }
    }
    if (st != JS_OK)
        return 0;
    size_t stride = 1;
    for (size_t b = m->n_by; b-- > 0;) {
        const size_t i = js_cube_find_dim(c, m->by[b]);
        m->out_cat_stride[i] = stride;
        stride *= js_dim_size(js_cube_dim(m->shape, b));
    }
    m->n_out = stride;
    return 1;
}

/* ---- the walk ---------------------------------------------------------------- */

typedef struct marg_walk {
    agg_marg *m;
    const js_cube *c;
    size_t coord[MARG_MAX_DIMS];
} marg_walk;

/* Bit 31 of a table's flags says a cell reached it ("touched"); the result
 * flags use the low bits only. */
#define MARG_TOUCHED 0x80000000u

/* One cell's value (0 unless present) and flags into table j at (o, k). */
static inline void marg_add(agg_marg *m, size_t j, size_t o, size_t k, double v, uint32_t flags)
{
    const size_t at = o * m->size[j] + k;
    m->sum[j][at] += v;
    m->flags[j][at] |= flags | MARG_TOUCHED;
}

/* Plan the block: the longest run of trailing outside dimensions that
 * fits MARG_BLOCK_MAX.  A cell with every block dimension at a default
 * feeds the tables of all of them; one with exactly one dimension off its
 * default feeds that dimension's table; any other feeds none.  So a row
 * whose fixed dimensions are all at defaults gives each cell to the last
 * dimension's table and its sum over the last dimension's defaults to the
 * others; a row with one fixed dimension off gives that sum to that
 * dimension's table only.  0 when out of memory. */
static int marg_block_plan(agg_marg *m)
{
    marg_block *const bk = &m->block;
    bk->first = m->nd;
    bk->n = 1;
    while (bk->first > 0 && !m->is_by[bk->first - 1] && bk->n * m->size[bk->first - 1] <= MARG_BLOCK_MAX)
        bk->n *= m->size[--bk->first];
    if (bk->first == m->nd)
        return 1;
    const size_t last = m->nd - 1, fixed = last - bk->first; /* dimensions fixed along a row */
    bk->row = m->size[last];
    if (bk->row == 0) /* no cells: agg_marg_build does not get here */
        return 0;
    for (size_t k = 0; k < bk->row; k++)
        bk->row_has_def |= m->def[last][k];
    const size_t rows = bk->n / bk->row;
    bk->start = js_calloc(rows + 1, sizeof *bk->start);
    bk->tg = js_calloc(rows * fixed + 1, sizeof *bk->tg);
    bk->all_def = js_calloc(rows + 1, 1);
    if (bk->start == NULL || bk->tg == NULL || bk->all_def == NULL)
        return 0;
    size_t coord[MARG_MAX_DIMS] = {0}, at = 0;
    for (size_t r = 0; r < rows; r++) {
        size_t off = 0, off_x = 0;
        for (size_t x = 0; x < fixed; x++)
            if (!m->def[bk->first + x][coord[x]]) {
                off++;
                off_x = x;
            }
        bk->start[r] = (uint32_t)at;
        bk->all_def[r] = off == 0;
        bk->some_all_def |= off == 0 && bk->row_has_def;
        for (size_t x = 0; x < fixed; x++)
            if (off == 0 || (off == 1 && x == off_x))
                bk->tg[at++] = (uint32_t)(coord[x] << 5 | x);
        for (size_t x = fixed; x-- > 0;) { /* the next row, row-major */
            if (++coord[x] < m->size[bk->first + x])
                break;
            coord[x] = 0;
        }
    }
    bk->start[rows] = (uint32_t)at;
    /* the slots reached (every cell reaches one, even with nothing in it):
     * marked once per block instead of once per cell */
    size_t slots = 0;
    for (size_t x = 0; x <= fixed; x++)
        slots += m->size[bk->first + x];
    bk->touch = js_calloc(slots + 1, sizeof *bk->touch);
    unsigned char *const seen = js_calloc(slots + 1, 1);
    if (bk->touch == NULL || seen == NULL) {
        js_free(seen);
        return 0;
    }
    size_t base[MARG_MAX_DIMS];
    for (size_t x = 0, b = 0; x <= fixed; b += m->size[bk->first + x], x++)
        base[x] = b;
    for (size_t t = 0; bk->row_has_def && t < at; t++) {
        const uint32_t x = bk->tg[t] & 31, k = bk->tg[t] >> 5;
        if (!seen[base[x] + k]++)
            bk->touch[bk->n_touch++] = bk->tg[t];
    }
    int to_last = 0;
    for (size_t r = 0; r < rows; r++)
        to_last |= bk->all_def[r];
    for (size_t k = 0; to_last && k < bk->row; k++)
        bk->touch[bk->n_touch++] = (uint32_t)(k << 5 | fixed);
    js_free(seen);
    return 1;
}

/* The block under one prefix of the dimensions before it, where off of
 * those are off their defaults (the last being off_dim).  With off == 0
 * the rows go where marg_block_plan says, and the cells at all defaults
 * go, summed once, to the tables of the outside dimensions before the
 * block; with off == 1 that sum goes to off_dim's table only. */
static void marg_block_walk(marg_walk *w, size_t prefix, size_t o, size_t off, size_t off_dim)
{
    agg_marg *const m = w->m;
    const marg_block *const bk = &m->block;
    const size_t last = m->nd - 1, rows = bk->n / bk->row;
    double *sum[MARG_MAX_DIMS];
    uint32_t *flags_of[MARG_MAX_DIMS];
    for (size_t j = bk->first; j < m->nd; j++) {
        sum[j - bk->first] = m->sum[j] + o * m->size[j];
        flags_of[j - bk->first] = m->flags[j] + o * m->size[j];
    }
    double *const sum_last = sum[last - bk->first];
    uint32_t *const flags_last = flags_of[last - bk->first];
    const unsigned char *const def_last = m->def[last];
    for (size_t t = 0; off == 0 && t < bk->n_touch; t++)
        flags_of[bk->touch[t] & 31][bk->touch[t] >> 5] |= MARG_TOUCHED;
    double rest = 0.0;
    uint32_t rest_flags = 0;
    for (size_t r = 0; r < rows; r++) {
        const size_t cell0 = (prefix * rows + r) * bk->row;
        const int to_last = off == 0 && bk->all_def[r];
        double row_sum = 0.0;
        uint32_t row_flags = 0;
        for (size_t k = 0; k < bk->row; k++) {
            const size_t cell = cell0 + k;
            const int ok = m->status[cell] == JS_CELL_OK;
            const double v = ok ? m->values[cell] : 0.0;
            const uint32_t flags = ok && !m->has_syms ? 0 : agg_component_flags(w->c, cell);
            if (to_last) {
                sum_last[k] += v;
                if (flags)
                    flags_last[k] |= flags;
            }
            if (def_last[k]) {
                row_sum += v;
                row_flags |= flags;
            }
        }
        if (!bk->row_has_def)
            continue;
        if (off == 0)
            for (uint32_t t = bk->start[r]; t < bk->start[r + 1]; t++) {
                const uint32_t x = bk->tg[t] & 31, k = bk->tg[t] >> 5;
                sum[x][k] += row_sum;
                if (row_flags)
                    flags_of[x][k] |= row_flags;
            }
        if (bk->all_def[r]) {
            rest += row_sum;
            rest_flags |= row_flags;
        }
    }
    if (!bk->some_all_def)
        return;
    if (off == 1) {
        marg_add(m, off_dim, o, w->coord[off_dim], rest, rest_flags);
        return;
    }
    for (size_t x = 0; x < m->n_outside && m->outside[x] < bk->first; x++)
        marg_add(m, m->outside[x], o, w->coord[m->outside[x]], rest, rest_flags);
}

/* Depth-first over the dimensions; off counts the outside dimensions away
 * from their default so far, and off_dim is the last of them. */
static void marg_walk_dim(marg_walk *w, size_t d, size_t prefix, size_t o, size_t off, size_t off_dim)
{
    agg_marg *const m = w->m;
    if (d == m->block.first) {
        marg_block_walk(w, prefix, o, off, off_dim);
        return;
    }
    for (size_t k = 0; k < m->size[d]; k++) {
        size_t o2 = o, off2 = off, off_dim2 = off_dim;
        if (m->is_by[d]) {
            if (m->out_cat[d][k] == SIZE_MAX)
                continue;
            o2 += m->out_cat[d][k] * m->out_cat_stride[d];
        } else if (!m->def[d][k]) {
            if (++off2 > 1)
                continue; /* two dimensions off their defaults: no table wants the cell */
            off_dim2 = d;
        }
        w->coord[d] = k;
        const size_t cell = prefix * m->size[d] + k;
        if (d + 1 < m->nd) {
            marg_walk_dim(w, d + 1, cell, o2, off2, off_dim2);
            continue;
        }
        const int ok = m->status[cell] == JS_CELL_OK;
        const double v = ok ? m->values[cell] : 0.0;
        const uint32_t flags = ok && !m->has_syms ? 0 : agg_component_flags(w->c, cell);
        if (off2 == 1) {
            marg_add(m, off_dim2, o2, w->coord[off_dim2], v, flags);
            continue;
        }
        for (size_t x = 0; x < m->n_outside; x++) {
            const size_t j = m->outside[x];
            marg_add(m, j, o2, w->coord[j], v, flags);
        }
    }
}

agg_marg *agg_marg_build(const js_cube *c, const js_sel_masks *sel, const char *const *by,
                         size_t n_by)
{
    const size_t nd = js_cube_ndims(c);
    if (nd > MARG_MAX_DIMS || n_by == 0 || n_by >= nd || js_cube_has_ci(c) || js_cube_ncells(c) == 0)
        return NULL;
    agg_marg *const m = js_calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->data = c;
    m->nd = nd;
    m->n_by = n_by;
    m->values = js_cube_values(c);
    m->status = js_cube_statuses(c);
    m->has_syms = js_cube_has_symbols(c);
    size_t text = 0;
    for (size_t b = 0; b < n_by; b++)
        text += strlen(by[b]) + 1;
    m->by_text = js_malloc(text + 1);
    int ok = m->by_text != NULL && n_by <= MARG_MAX_DIMS;
    for (size_t b = 0, at = 0; ok && b < n_by; b++) {
        strcpy(m->by_text + at, by[b]);
        m->by[b] = m->by_text + at;
        at += strlen(by[b]) + 1;
    }
    ok = ok && marg_plan(m, c, sel);
    for (size_t i = 0; ok && i < nd; i++) {
        m->size[i] = js_dim_size(js_cube_dim(c, i));
        if (m->is_by[i])
            continue;
        m->outside[m->n_outside++] = i;
        m->def[i] = js_malloc(m->size[i] + 1);
        m->sum[i] = js_calloc(m->n_out * m->size[i] + 1, sizeof *m->sum[i]);
        m->flags[i] = js_calloc(m->n_out * m->size[i] + 1, sizeof *m->flags[i]);
        ok = m->def[i] && m->sum[i] && m->flags[i] && marg_default(js_cube_dim(c, i), m->def[i]);
    }
    ok = ok && marg_block_plan(m);
    if (!ok) {
        agg_marg_free(m);
        return NULL;
    }
    marg_walk w;
    memset(&w, 0, sizeof w);
    w.m = m;
    w.c = c;
    marg_walk_dim(&w, 0, 0, 0, 0, SIZE_MAX);
    return m;
}

/* ---- using a table -------------------------------------------------------------- */

int agg_marg_serves(const agg_marg *m, const js_cube *c, const js_sel_masks *sel,
                    const char *const *by, size_t n_by)
{
    if (m->data != c || m->n_by != n_by)
        return 0;
    for (size_t b = 0; b < n_by; b++)
        if (strcmp(m->by[b], by[b]) != 0)
            return 0;
    for (size_t i = 0; i < m->nd; i++) {
        if (!m->is_by[i])
            continue;
        if ((m->by_mask[i] == NULL) != (sel->mask[i] == NULL))
            return 0;
        if (m->by_mask[i] != NULL && memcmp(m->by_mask[i], sel->mask[i], m->size[i]) != 0)
            return 0;
    }
    return 1;
}

js_status agg_marg_answer(const agg_marg *m, const js_sel_masks *sel, js_cube **out)
{
    size_t j = SIZE_MAX; /* the one outside dimension the selection restricts */
    for (size_t i = 0; i < m->nd; i++) {
        if (m->is_by[i] || sel->mask[i] == NULL)
            continue;
        if (j != SIZE_MAX)
            return JS_EUSAGE;
        j = i;
    }
    const unsigned char *mask = j == SIZE_MAX ? NULL : sel->mask[j];
    if (j == SIZE_MAX) { /* no restriction: any outside dimension at its default */
        for (j = 0; m->is_by[j]; j++)
            ;
        mask = m->def[j];
    }
    js_cube *res;
    js_status st = js_cube_clone_categories(m->shape, SIZE_MAX, &res);
    if (st == JS_OK)
        st = js_cube_alloc_cells(res);
    for (size_t o = 0; st == JS_OK && o < m->n_out; o++) {
        double sum = 0;
        uint32_t flags = 0;
        int touched = 0;
        for (size_t k = 0; k < m->size[j]; k++) {
            if (!mask[k])
                continue;
            const size_t at = o * m->size[j] + k;
            sum += m->sum[j][at];
            flags |= m->flags[j][at] & ~MARG_TOUCHED;
            touched |= (m->flags[j][at] & MARG_TOUCHED) != 0;
        }
        agg_finish_cell(res, o, sum, &flags, touched);
        if (flags)
            st = js_cube_add_flags(res, o, flags);
    }
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

js_status agg_marg_answer_by(const agg_marg *m, const js_sel_masks *sel, size_t j, js_cube **out)
{
    if (j >= m->nd || m->is_by[j])
        return JS_EUSAGE;
    for (size_t i = 0; i < m->nd; i++)
        if (!m->is_by[i] && i != j && sel->mask[i] != NULL)
            return JS_EUSAGE;
    const js_dim *const dim = js_cube_dim(m->data, j);
    const unsigned char *const mask = sel->mask[j];
    js_cube *res;
    size_t od;
    js_status st = js_cube_clone_categories(m->shape, SIZE_MAX, &res);
    if (st != JS_OK)
        return st;
    st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &od);
    for (size_t k = 0; st == JS_OK && k < m->size[j]; k++)
        if (mask == NULL || mask[k]) {
            size_t cat;
            st = js_cube_copy_category(res, od, js_dim_category(dim, k), &cat);
        }
    if (st == JS_OK)
        st = js_cube_alloc_cells(res);
    for (size_t o = 0, at = 0; st == JS_OK && o < m->n_out; o++)
        for (size_t k = 0; st == JS_OK && k < m->size[j]; k++) {
            if (mask != NULL && !mask[k])
                continue;
            const size_t from = o * m->size[j] + k;
            uint32_t flags = m->flags[j][from] & ~MARG_TOUCHED;
            agg_finish_cell(res, at, m->sum[j][from], &flags, (m->flags[j][from] & MARG_TOUCHED) != 0);
            if (flags)
                st = js_cube_add_flags(res, at, flags);
            at++;
        }
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}
