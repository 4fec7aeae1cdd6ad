/*
 * sdc.c - disclosure control of additive tables (METHODS 11): primary and
 * Gaussian-elimination secondary suppression, and the exact audit (dense
 * for small blocks, certificates for large ones).
 *
 * The attacker's view.  The published cells are known; the others are
 * unknowns tied by the table's additive constraints A v = 0.  A suppressed
 * cell j is disclosed exactly iff every solution of the constraints (with
 * the published values fixed) has the same v_j, i.e. iff every vector z of
 * the null space of A restricted to the unpublished columns has z_j = 0,
 * or again iff e_j is in the row space of that restriction.  Bounds from
 * v >= 0 (an interval narrower than the value) are not judged here.
 *
 * Secondary suppression keeps a basis of that null space while candidates
 * are published one at a time (the order is stated in sdc.h).  At the
 * start nothing is published and the basis is one vector per inner cell
 * i: 1 at i and at every margin containing i.  Publishing cell c adds the
 * condition z_c = 0: the sparsest basis vector w with w_c != 0 is the
 * pivot, every other vector u with u_c != 0 becomes u - (u_c / w_c) w, and
 * w leaves the basis.  If afterwards some primary cell p has z_p = 0 in
 * every basis vector, publishing c would disclose p: c is suppressed
 * instead (SECONDARY) and the basis is left as it was.  Because the
 * published set only grows, a cell suppressed this way can never be
 * recomputed either: if it could, the primary it protected would be
 * recoverable at the end, which every step excluded.  Margins go first
 * and finest first so that the basis stays sparse (after them it is, up to
 * the pivots, the tensor product of each dimension's contrasts); the
 * arithmetic is modulo 2^31 - 1, and js_sdc_audit then decides the final
 * pattern exactly.
 *
 * The audit decides a small block of unpublished cells densely (exact
 * both ways) and a large one by certificates (sdc.h): the same basis as
 * above, built from A alone, every published cell eliminated, and each
 * vector left lifted to integers and checked exactly against A.  A cell
 * moved by a checked vector is proved safe; the prime can only cost a
 * verdict (1 or 2), never give a false "safe".  Measured on the bench
 * table (one block of 18,898 cells): 1,447 vectors left, every one lifted
 * and checked, every suppressed cell proved safe in about 1.7 s.
 *
 * Worked example (sdcTable's 4 x 4 test table, tests/unit/test_sdc.c):
 * rows w x y z, columns a b c d, nine primary inner cells with at least
 * two in every row and column.  Rows w + x minus columns a + c give
 * w|b = (230 - 89) + (250 - 124 - 31) - (1012 - 92 - 800) - (779 - 59 -
 * 651) = 47: the audit finds w|b recoverable, and the secondary
 * suppression adds one complement (x|d = 31, the smallest candidate that
 * breaks that combination).
 */
#include "stats/sdc.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* ---------------------------------------------------------------- shape */

/* Per dimension: children, ancestor chains, inner cells under each code. */
typedef struct sdc_dimx {
    size_t n;
    size_t *kid_start; /* n + 1 */
    size_t *kid;       /* children of each code */
    size_t *anc_start; /* n + 1 */
    size_t *anc;       /* the code, its parent, ..., its root */
    size_t *n_leaves;  /* leaves under each code (1 for a leaf) */
} sdc_dimx;

typedef struct sdc_shape {
    size_t n_dims, n_cells;
    size_t *stride; /* n_dims */
    sdc_dimx *dim;  /* n_dims */
} sdc_shape;

static void shape_fini(sdc_shape *s)
{
    if (s->dim)
        for (size_t d = 0; d < s->n_dims; d++) {
            js_free(s->dim[d].kid_start);
            js_free(s->dim[d].kid);
            js_free(s->dim[d].anc_start);
            js_free(s->dim[d].anc);
            js_free(s->dim[d].n_leaves);
        }
    js_free(s->dim);
    js_free(s->stride);
    memset(s, 0, sizeof *s);
}

size_t js_sdc_n_cells(const js_sdc_dim *dims, size_t n_dims)
{
    size_t n = 1;
    for (size_t d = 0; d < n_dims; d++) {
        if (dims[d].n_codes == 0 || n > SIZE_MAX / dims[d].n_codes)
            return 0;
        n *= dims[d].n_codes;
    }
    return n_dims ? n : 0;
}

js_status js_sdc_dims_check(const js_sdc_dim *dims, size_t n_dims)
{
    for (size_t d = 0; d < n_dims; d++) {
        const size_t n = dims[d].n_codes;
        for (size_t k = 0; k < n; k++) {
            size_t p = k, steps = 0;
            while (dims[d].parent[p] != JS_SDC_ROOT) {
                p = dims[d].parent[p];
                if (p >= n || ++steps > n)
                    return JS_EUSAGE; /* out of range, or a cycle */
            }
        }
    }
    return js_sdc_n_cells(dims, n_dims) ? JS_OK : JS_EUSAGE;
}

static js_status dimx_init(sdc_dimx *x, const js_sdc_dim *dim)
{
    const size_t n = dim->n_codes;
    size_t n_anc = 0;
    x->n = n;
    x->kid_start = js_calloc(n + 1, sizeof *x->kid_start);
    x->kid = js_calloc(n ? n : 1, sizeof *x->kid);
    x->anc_start = js_calloc(n + 1, sizeof *x->anc_start);
    x->n_leaves = js_calloc(n ? n : 1, sizeof *x->n_leaves);
    if (!x->kid_start || !x->kid || !x->anc_start || !x->n_leaves)
        return JS_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        if (dim->parent[k] != JS_SDC_ROOT)
            x->kid_start[dim->parent[k] + 1]++;
        for (size_t p = k; p != JS_SDC_ROOT; p = dim->parent[p])
            n_anc++;
    }
    for (size_t k = 0; k < n; k++)
        x->kid_start[k + 1] += x->kid_start[k];
    x->anc = js_calloc(n_anc ? n_anc : 1, sizeof *x->anc);
    if (!x->anc)
        return JS_ENOMEM;
    size_t *fill = js_calloc(n ? n : 1, sizeof *fill);
    if (!fill)
        return JS_ENOMEM;
    n_anc = 0;
    for (size_t k = 0; k < n; k++) { /* children in code order */
        if (dim->parent[k] != JS_SDC_ROOT) {
            const size_t p = dim->parent[k];
            x->kid[x->kid_start[p] + fill[p]++] = k;
        }
        x->anc_start[k] = n_anc;
        for (size_t p = k; p != JS_SDC_ROOT; p = dim->parent[p])
            x->anc[n_anc++] = p;
    }
    x->anc_start[n] = n_anc;
    js_free(fill);
    for (size_t k = 0; k < n; k++)
        if (x->kid_start[k] == x->kid_start[k + 1])
            for (size_t p = k; p != JS_SDC_ROOT; p = dim->parent[p])
                x->n_leaves[p]++;
    return JS_OK;
}

static js_status shape_init(sdc_shape *s, const js_sdc_dim *dims, size_t n_dims)
{
    memset(s, 0, sizeof *s);
    js_status st = js_sdc_dims_check(dims, n_dims);
    if (st != JS_OK)
        return st;
    s->n_dims = n_dims;
    s->n_cells = js_sdc_n_cells(dims, n_dims);
    s->stride = js_calloc(n_dims, sizeof *s->stride);
    s->dim = js_calloc(n_dims, sizeof *s->dim);
    if (!s->stride || !s->dim) {
        shape_fini(s);
        return JS_ENOMEM;
    }
    size_t st_k = 1;
    for (size_t d = n_dims; d-- > 0;) {
        s->stride[d] = st_k;
        st_k *= dims[d].n_codes;
    }
    for (size_t d = 0; d < n_dims; d++)
        if ((st = dimx_init(&s->dim[d], &dims[d])) != JS_OK) {
            shape_fini(s);
            return st;
        }
    return JS_OK;
}

static size_t cell_code(const sdc_shape *s, size_t cell, size_t d)
{
    assert(s->stride[d] > 0 && s->dim[d].n > 0); /* shape_init checked the sizes */
    return cell / s->stride[d] % s->dim[d].n;
}

static int code_is_leaf(const sdc_dimx *x, size_t k)
{
    return x->kid_start[k] == x->kid_start[k + 1];
}

static int cell_is_inner(const sdc_shape *s, size_t cell)
{
    for (size_t d = 0; d < s->n_dims; d++)
        if (!code_is_leaf(&s->dim[d], cell_code(s, cell, d)))
            return 0;
    return 1;
}

static double cell_n_inner(const sdc_shape *s, size_t cell)
{
    double n = 1;
    for (size_t d = 0; d < s->n_dims; d++)
        n *= (double)s->dim[d].n_leaves[cell_code(s, cell, d)];
    return n;
}

/* A cell's index in the elimination's vectors and lists: 32 bits, half the
 * memory of a size_t, which the elimination's scattered accesses pay for
 * (js_sdc_secondary refuses tables of 2^32 cells or more). */
typedef uint32_t sdc_cell;

/* Every cell containing inner cell `cell` (itself included): the product
 * of the dimensions' ancestor chains, written to out[] (capacity cap).
 * Returns the count, or 0 when cap is too small.  odo: n_dims scratch. */
static size_t cell_supersets(const sdc_shape *s, size_t cell, sdc_cell *out, size_t cap, size_t *odo)
{
    const size_t nd = s->n_dims;
    const size_t *chain[16];
    size_t len[16];
    if (nd > 16)
        return 0;
    for (size_t d = 0; d < nd; d++) {
        const sdc_dimx *x = &s->dim[d];
        const size_t k = cell_code(s, cell, d);
        chain[d] = x->anc + x->anc_start[k];
        len[d] = x->anc_start[k + 1] - x->anc_start[k];
        odo[d] = 0;
    }
    size_t n = 0;
    for (;;) {
        size_t c = 0;
        for (size_t d = 0; d < nd; d++)
            c += chain[d][odo[d]] * s->stride[d];
        if (n == cap)
            return 0;
        out[n++] = (sdc_cell)c;
        size_t d = nd;
        while (d-- > 0) {
            if (++odo[d] < len[d])
                break;
            odo[d] = 0;
        }
        if (d == (size_t)-1)
            return n;
    }
}

static size_t shape_max_supersets(const sdc_shape *s)
{
    size_t m = 1;
    for (size_t d = 0; d < s->n_dims; d++) {
        size_t longest = 0;
        for (size_t k = 0; k < s->dim[d].n; k++) {
            const size_t len = s->dim[d].anc_start[k + 1] - s->dim[d].anc_start[k];
            longest = len > longest ? len : longest;
        }
        m *= longest;
    }
    return m;
}

js_status js_sdc_fill_margins(const js_sdc_dim *dims, size_t n_dims, double *value)
{
    sdc_shape s;
    js_status st = shape_init(&s, dims, n_dims);
    if (st != JS_OK)
        return st;
    const size_t cap = shape_max_supersets(&s);
    sdc_cell *sup = js_calloc(cap, sizeof *sup);
    size_t *odo = js_calloc(n_dims, sizeof *odo);
    if (!sup || !odo) {
        st = JS_ENOMEM;
        goto done;
    }
    for (size_t c = 0; c < s.n_cells; c++)
        if (!cell_is_inner(&s, c))
            value[c] = 0;
    for (size_t c = 0; c < s.n_cells; c++) {
        if (!cell_is_inner(&s, c))
            continue;
        const size_t n = cell_supersets(&s, c, sup, cap, odo);
        for (size_t k = 1; k < n; k++) /* sup[0] is the cell itself */
            value[sup[k]] += value[c];
    }
done:
    js_free(sup);
    js_free(odo);
    shape_fini(&s);
    return st;
}

/* ----------------------------------------------------------- constraints */

void js_sdc_matrix_fini(js_sdc_matrix *m)
{
    js_free(m->row_start);
    js_free(m->col);
    js_free(m->val);
    memset(m, 0, sizeof *m);
}

js_status js_sdc_constraints(const js_sdc_dim *dims, size_t n_dims, js_sdc_matrix *out)
{
    sdc_shape s;
    js_status st = shape_init(&s, dims, n_dims);
    if (st != JS_OK)
        return st;
    memset(out, 0, sizeof *out);
    size_t n_rows = 0, n_ent = 0;
    for (size_t c = 0; c < s.n_cells; c++)
        for (size_t d = 0; d < n_dims; d++) {
            const size_t k = cell_code(&s, c, d);
            const size_t nk = s.dim[d].kid_start[k + 1] - s.dim[d].kid_start[k];
            if (nk) {
                n_rows++;
                n_ent += nk + 1;
            }
        }
    out->n_rows = n_rows;
    out->n_cols = s.n_cells;
    out->row_start = js_calloc(n_rows + 1, sizeof *out->row_start);
    out->col = js_calloc(n_ent ? n_ent : 1, sizeof *out->col);
    out->val = js_calloc(n_ent ? n_ent : 1, sizeof *out->val);
    if (!out->row_start || !out->col || !out->val) {
        js_sdc_matrix_fini(out);
        shape_fini(&s);
        return JS_ENOMEM;
    }
    size_t r = 0, e = 0;
    for (size_t c = 0; c < s.n_cells; c++)
        for (size_t d = 0; d < n_dims; d++) {
            const sdc_dimx *x = &s.dim[d];
            const size_t k = cell_code(&s, c, d);
            if (code_is_leaf(x, k))
                continue;
            const size_t base = c - k * s.stride[d];
            out->row_start[r] = e;
            /* the cell and its children, columns ascending (insertion) */
            size_t first = e;
            out->col[e] = c;
            out->val[e++] = 1;
            for (size_t j = x->kid_start[k]; j < x->kid_start[k + 1]; j++) {
                const size_t cc = base + x->kid[j] * s.stride[d];
                size_t at = e++;
                while (at > first && out->col[at - 1] > cc) {
                    out->col[at] = out->col[at - 1];
                    out->val[at] = out->val[at - 1];
                    at--;
                }
                out->col[at] = cc;
                out->val[at] = -1;
            }
            r++;
        }
    out->row_start[r] = e;
    shape_fini(&s);
    return JS_OK;
}

/* ------------------------------------------------------------- primary */

size_t js_sdc_primary(const double *value, size_t n_cells, const js_sdc_opts *o,
                      unsigned char *state)
{
    size_t n = 0;
    for (size_t i = 0; i < n_cells; i++) {
        const double v = value[i];
        if (isnan(v))
            state[i] = JS_SDC_MISSING;
        else if (state[i] == JS_SDC_PUBLIC)
            continue;
        else if (state[i] == JS_SDC_PRIMARY ||
                 (o->threshold > 0 && v < o->threshold && (v > 0 || (o->protect_zeros && v >= 0))))
            state[i] = JS_SDC_PRIMARY;
        else
            state[i] = JS_SDC_PUBLISHED;
        n += state[i] == JS_SDC_PRIMARY;
    }
    return n;
}

int js_sdc_dominated(const double *contrib, size_t n_contrib, size_t n, double k)
{
    double total = 0, top = 0, bound = (double)INFINITY;
    size_t taken = 0;
    for (size_t i = 0; i < n_contrib; i++)
        total += contrib[i];
    if (!(total > 0))
        return 0;
    /* the n largest, one distinct value per pass (n is 1 to 3 in practice) */
    while (taken < n) {
        double best = -(double)INFINITY;
        size_t ties = 0;
        for (size_t i = 0; i < n_contrib; i++) {
            const double c = contrib[i];
            if (!(c < bound))
                continue;
            if (c > best) {
                best = c;
                ties = 1;
            } else if (!(c < best)) {
                ties++;
            }
        }
        if (ties == 0)
            break;
        const size_t use = ties < n - taken ? ties : n - taken;
        top += best * (double)use;
        taken += use;
        bound = best;
    }
    return top > k / 100.0 * total;
}

/* ---------------------------------------------------- modular arithmetic */

#define SDC_P 2147483647u /* 2^31 - 1 */

static uint32_t mod_mul(uint32_t a, uint32_t b, uint32_t p)
{
    return (uint32_t)((uint64_t)a * b % p);
}

static uint32_t mod_inv(uint32_t a, uint32_t p)
{
    uint32_t r = 1, b = a, e = p - 2; /* Fermat: a^(p-2) */
    while (e) {
        if (e & 1)
            r = mod_mul(r, b, p);
        b = mod_mul(b, b, p);
        e >>= 1;
    }
    return r;
}

static uint32_t mod_of_int(int v, uint32_t p)
{
    return v >= 0 ? (uint32_t)v % p : p - (uint32_t)(-v) % p;
}

/* --------------------------------------------------- secondary (greedy) */

typedef struct sdc_vec {
    size_t n, cap;
    sdc_cell *idx; /* cells, ascending */
    uint32_t *val; /* nonzero residues */
} sdc_vec;

typedef struct sdc_list {
    size_t n, cap;
    uint32_t *v; /* vector indices (fewer than the cells) */
} sdc_list;

typedef struct sdc_cellx {
    size_t stamp;   /* step its delta was last reset */
    int32_t delta;  /* change in count if the step is committed */
    uint32_t count; /* live basis vectors holding the cell */
} sdc_cellx;

typedef struct sdc_gauss {
    size_t n_vec;
    sdc_vec *vec;
    unsigned char *alive; /* n_vec */
    sdc_list *occ;        /* per cell: vectors that hold it (may be stale) */
    size_t *stamp_vec;    /* per vector: step it was touched */
    sdc_cellx *cx;        /* per cell: holder count and the step's change (one cache line) */
    unsigned char *done;  /* per cell: 1 once it was a candidate (its list is gone) */
    uint32_t *hold_val;   /* per holder of the step: its entry at the candidate */
    size_t *key;          /* per vector: sum over dimensions of its inner cell's code rank */
    sdc_vec *tmp;         /* new versions of the touched vectors */
    size_t n_tmp_cap;
    sdc_list touched;
} sdc_gauss;

static int list_push(sdc_list *l, uint32_t v)
{
    void *p = l->v;
    if (js_grow(&p, &l->cap, l->n + 1, sizeof *l->v) != 0)
        return -1;
    l->v = p;
    l->v[l->n++] = v;
    return 0;
}

static int vec_reserve(sdc_vec *v, size_t need)
{
    if (need <= v->cap)
        return 0;
    size_t cap = v->cap ? v->cap : 8;
    while (cap < need)
        cap *= 2;
    sdc_cell *idx = js_reallocarray(v->idx, cap, sizeof *idx);
    if (!idx)
        return -1;
    v->idx = idx;
    uint32_t *val = js_reallocarray(v->val, cap, sizeof *val);
    if (!val)
        return -1;
    v->val = val;
    v->cap = cap;
    return 0;
}

static uint32_t vec_get(const sdc_vec *v, size_t cell)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (v->idx[mid] < cell)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < v->n && v->idx[lo] == cell ? v->val[lo] : 0;
}

/* out = u - f w (f = u_c / w_c), dropping zeros. */
static int vec_axpy(sdc_vec *out, const sdc_vec *u, const sdc_vec *w, uint32_t f)
{
    if (vec_reserve(out, u->n + w->n) != 0)
        return -1;
    const uint32_t nf = f ? SDC_P - f : 0;
    size_t i = 0, j = 0, n = 0;
    while (i < u->n || j < w->n) {
        sdc_cell cell;
        uint32_t v;
        if (j == w->n || (i < u->n && u->idx[i] < w->idx[j])) {
            cell = u->idx[i];
            v = u->val[i++];
        } else if (i == u->n || w->idx[j] < u->idx[i]) {
            cell = w->idx[j];
            v = mod_mul(nf, w->val[j++], SDC_P);
        } else {
            cell = u->idx[i];
            v = (uint32_t)(((uint64_t)u->val[i++] + mod_mul(nf, w->val[j++], SDC_P)) % SDC_P);
        }
        if (v) {
            out->idx[n] = cell;
            out->val[n++] = v;
        }
    }
    out->n = n;
    return 0;
}

static void gauss_fini(sdc_gauss *g, size_t n_cells)
{
    if (g->vec)
        for (size_t i = 0; i < g->n_vec; i++) {
            js_free(g->vec[i].idx);
            js_free(g->vec[i].val);
        }
    if (g->occ)
        for (size_t c = 0; c < n_cells; c++)
            js_free(g->occ[c].v);
    if (g->tmp)
        for (size_t i = 0; i < g->n_tmp_cap; i++) {
            js_free(g->tmp[i].idx);
            js_free(g->tmp[i].val);
        }
    js_free(g->vec);
    js_free(g->alive);
    js_free(g->occ);
    js_free(g->stamp_vec);
    js_free(g->cx);
    js_free(g->done);
    js_free(g->hold_val);
    js_free(g->key);
    js_free(g->tmp);
    js_free(g->touched.v);
}

/* The live vectors holding cell c, each once, into out, their entries at
 * c into g->hold_val (they are stamped with step).  Each cell is a
 * candidate once: its list is not needed afterwards and is freed. */
static void gauss_holders(sdc_gauss *g, size_t c, sdc_list *out, size_t step)
{
    sdc_list *l = &g->occ[c];
    out->n = 0; /* out has room: its cap is n_vec */
    for (size_t i = 0; i < l->n; i++) {
        const uint32_t v = l->v[i];
        if (!g->alive[v] || g->stamp_vec[v] == step)
            continue;
        g->stamp_vec[v] = step;
        const uint32_t uc = vec_get(&g->vec[v], c);
        if (uc) {
            g->hold_val[out->n] = uc;
            out->v[out->n++] = v;
        }
    }
    js_free(l->v);
    memset(l, 0, sizeof *l);
    g->done[c] = 1;
}

/* rank[d][k]: leaf k's place among dimension d's leaves by its total,
 * largest first (ties by code).  A vector whose inner cell has a larger
 * sum of ranks is preferred as a pivot, so the cells that become every
 * contrast's reference (and so sit in many basis vectors) are small ones,
 * which come last or never; the rule depends on each dimension
 * separately, which keeps the basis a tensor product of contrasts. */
static js_status gauss_keys(sdc_gauss *g, const sdc_shape *s, const double *value)
{
    double *tot[8] = {0};
    size_t *rank[8] = {0};
    js_status st = JS_OK;
    const size_t nd = s->n_dims < 8 ? s->n_dims : 8; /* further dimensions do not vote */
    for (size_t d = 0; d < nd && st == JS_OK; d++) {
        tot[d] = js_calloc(s->dim[d].n, sizeof *tot[d]);
        rank[d] = js_calloc(s->dim[d].n, sizeof *rank[d]);
        if (!tot[d] || !rank[d])
            st = JS_ENOMEM;
    }
    for (size_t c = 0; c < s->n_cells && st == JS_OK; c++)
        if (cell_is_inner(s, c) && !isnan(value[c]))
            for (size_t d = 0; d < nd; d++)
                tot[d][cell_code(s, c, d)] += fabs(value[c]);
    for (size_t d = 0; d < nd && st == JS_OK; d++)
        for (size_t k = 0; k < s->dim[d].n; k++)
            for (size_t j = 0; j < s->dim[d].n; j++)
                if (j != k && code_is_leaf(&s->dim[d], j) &&
                    (tot[d][j] > tot[d][k] || (!(tot[d][j] < tot[d][k]) && j < k)))
                    rank[d][k]++;
    size_t v = 0;
    for (size_t c = 0; c < s->n_cells && st == JS_OK; c++)
        if (cell_is_inner(s, c)) {
            size_t key = 0;
            for (size_t d = 0; d < nd; d++)
                key += rank[d][cell_code(s, c, d)];
            g->key[v++] = key;
        }
    for (size_t d = 0; d < nd; d++) {
        js_free(tot[d]);
        js_free(rank[d]);
    }
    return st;
}

/* The arrays of a basis of n_vec vectors over n_cells cells, all empty
 * (0 on success, -1 out of memory; gauss_fini frees a partial one). */
static int gauss_alloc(sdc_gauss *g, size_t n_vec, size_t n_cells)
{
    memset(g, 0, sizeof *g);
    const size_t nv = n_vec ? n_vec : 1;
    g->n_vec = n_vec;
    g->vec = js_calloc(nv, sizeof *g->vec);
    g->alive = js_calloc(nv, 1);
    g->occ = js_calloc(n_cells ? n_cells : 1, sizeof *g->occ);
    g->stamp_vec = js_calloc(nv, sizeof *g->stamp_vec);
    /* vector and cell indices are 32-bit (sdc_cell, sdc_list): a bigger
     * table is refused as out of memory, which at that size it would be */
    g->cx = n_vec < UINT32_MAX && n_cells < UINT32_MAX ? js_calloc(n_cells ? n_cells : 1, sizeof *g->cx) : NULL;
    g->done = js_calloc(n_cells ? n_cells : 1, 1);
    g->hold_val = js_calloc(nv, sizeof *g->hold_val);
    g->key = js_calloc(nv, sizeof *g->key);
    g->touched.v = js_calloc(nv, sizeof *g->touched.v);
    g->touched.cap = n_vec;
    const int ok = g->vec && g->alive && g->occ && g->stamp_vec && g->cx && g->done && g->hold_val &&
                   g->key && g->touched.v;
    return ok ? 0 : -1;
}

static js_status gauss_init(sdc_gauss *g, const sdc_shape *s, const double *value)
{
    size_t n_inner = 0;
    for (size_t c = 0; c < s->n_cells; c++)
        n_inner += (size_t)cell_is_inner(s, c);
    const size_t cap = shape_max_supersets(s);
    const int fail = gauss_alloc(g, n_inner, s->n_cells);
    size_t *odo = js_calloc(s->n_dims, sizeof *odo);
    if (fail || !odo) {
        js_free(odo);
        return JS_ENOMEM;
    }
    size_t v = 0;
    for (size_t c = 0; c < s->n_cells; c++) {
        if (!cell_is_inner(s, c))
            continue;
        sdc_vec *x = &g->vec[v];
        if (vec_reserve(x, cap) != 0) {
            js_free(odo);
            return JS_ENOMEM;
        }
        x->n = cell_supersets(s, c, x->idx, cap, odo);
        /* ascending cell order: insertion sort of a short list */
        for (size_t i = 1; i < x->n; i++)
            for (size_t j = i; j > 0 && x->idx[j - 1] > x->idx[j]; j--) {
                const sdc_cell t = x->idx[j];
                x->idx[j] = x->idx[j - 1];
                x->idx[j - 1] = t;
            }
        for (size_t i = 0; i < x->n; i++) {
            x->val[i] = 1;
            g->cx[x->idx[i]].count++;
            if (list_push(&g->occ[x->idx[i]], (uint32_t)v) != 0) {
                js_free(odo);
                return JS_ENOMEM;
            }
        }
        g->alive[v++] = 1;
    }
    js_free(odo);
    return gauss_keys(g, s, value);
}

/* Would publishing c disclose a primary?  The new versions of the holders
 * of c are in g->tmp[0 .. n_new) (the pivot has none).  delta[cell] gets
 * the change in the number of basis vectors holding the cell; a primary
 * cell left with none would be disclosed. */
static int gauss_discloses(sdc_gauss *g, const sdc_list *hold, size_t n_new,
                           const unsigned char *state, size_t step)
{
    for (size_t h = 0; h < hold->n; h++) {
        const sdc_vec *u = &g->vec[hold->v[h]];
        for (size_t e = 0; e < u->n; e++) {
            const size_t p = u->idx[e];
            sdc_cellx *const x = &g->cx[p];
            if (x->stamp != step) {
                x->stamp = step;
                x->delta = 0;
            }
            x->delta--;
        }
    }
    for (size_t i = 0; i < n_new; i++)
        for (size_t e = 0; e < g->tmp[i].n; e++) {
            const size_t p = g->tmp[i].idx[e];
            sdc_cellx *const x = &g->cx[p];
            if (x->stamp != step) {
                x->stamp = step;
                x->delta = 0;
            }
            x->delta++;
        }
    int disclosed = 0;
    for (size_t h = 0; h < hold->n && !disclosed; h++) {
        const sdc_vec *u = &g->vec[hold->v[h]];
        for (size_t e = 0; e < u->n && !disclosed; e++) {
            const size_t p = u->idx[e];
            disclosed = (int64_t)g->cx[p].count + g->cx[p].delta == 0 && state[p] == JS_SDC_PRIMARY;
        }
    }
    return disclosed;
}

/* Publish c if that discloses no primary (or anyway, when force): 1
 * published, 0 suppressed, -1 out of memory. */
static int gauss_publish(sdc_gauss *g, size_t c, const unsigned char *state, size_t step, int force)
{
    sdc_list *hold = &g->touched;
    gauss_holders(g, c, hold, step);
    if (hold->n == 0)
        return 1; /* already determined by what is published */
    size_t piv = 0;
    for (size_t h = 1; h < hold->n; h++) { /* the sparsest; ties: see gauss_init */
        const size_t vh = hold->v[h], vp = hold->v[piv];
        const size_t nh = g->vec[vh].n, np = g->vec[vp].n;
        if (nh < np || (nh == np && (g->key[vh] > g->key[vp] || (g->key[vh] == g->key[vp] && vh < vp))))
            piv = h;
    }
    const uint32_t wi = hold->v[piv];
    const uint32_t wc = g->hold_val[piv];
    hold->v[piv] = hold->v[hold->n - 1];
    g->hold_val[piv] = g->hold_val[hold->n - 1];
    hold->v[hold->n - 1] = wi; /* the pivot last */
    g->hold_val[hold->n - 1] = wc;
    if (hold->n - 1 > g->n_tmp_cap) {
        sdc_vec *t = js_reallocarray(g->tmp, hold->n - 1, sizeof *t);
        if (!t)
            return -1;
        memset(t + g->n_tmp_cap, 0, (hold->n - 1 - g->n_tmp_cap) * sizeof *t);
        g->tmp = t;
        g->n_tmp_cap = hold->n - 1;
    }
    const sdc_vec *w = &g->vec[wi];
    const uint32_t winv = mod_inv(wc, SDC_P);
    for (size_t h = 0; h + 1 < hold->n; h++) {
        const sdc_vec *u = &g->vec[hold->v[h]];
        if (vec_axpy(&g->tmp[h], u, w, mod_mul(g->hold_val[h], winv, SDC_P)) != 0)
            return -1;
    }
    if (gauss_discloses(g, hold, hold->n - 1, state, step) && !force)
        return 0;
    /* commit: the holder counts, the new versions, their new cells */
    for (size_t h = 0; h < hold->n; h++) {
        const sdc_vec *u = &g->vec[hold->v[h]];
        for (size_t e = 0; e < u->n; e++) {
            const size_t p = u->idx[e];
            sdc_cellx *const x = &g->cx[p];
            if (x->delta != 0) {
                x->count = (uint32_t)((int64_t)x->count + x->delta);
                x->delta = 0;
            }
        }
    }
    for (size_t h = 0; h + 1 < hold->n; h++) {
        const uint32_t ui = hold->v[h];
        sdc_vec old = g->vec[ui];
        g->vec[ui] = g->tmp[h];
        g->tmp[h] = old;
        size_t i = 0;
        const sdc_vec *nu = &g->vec[ui];
        for (size_t e = 0; e < nu->n; e++) {
            const size_t p = nu->idx[e];
            sdc_cellx *const x = &g->cx[p];
            if (x->delta != 0) { /* a cell only the new versions hold */
                x->count = (uint32_t)((int64_t)x->count + x->delta);
                x->delta = 0;
            }
            while (i < old.n && old.idx[i] < p)
                i++;
            if ((i == old.n || old.idx[i] != p) && !g->done[p] && list_push(&g->occ[p], ui) != 0)
                return -1;
        }
    }
    g->alive[wi] = 0;
    return 1;
}

typedef struct sdc_cand {
    size_t cell;
    int known;     /* 0 for a PUBLIC cell (first, unconditionally), 1 otherwise */
    int zero_last; /* 0 for a zero (first), 1 otherwise */
    int inner;     /* 0 margin, 1 inner */
    double n_inner, value;
} sdc_cand;

static int cand_cmp(const void *pa, const void *pb)
{
    const sdc_cand *a = pa, *b = pb;
    if (a->known != b->known)
        return a->known - b->known;
    if (a->zero_last != b->zero_last)
        return a->zero_last - b->zero_last;
    if (a->inner != b->inner)
        return a->inner - b->inner;
    if (!a->inner && (a->n_inner < b->n_inner || a->n_inner > b->n_inner))
        return a->n_inner < b->n_inner ? -1 : 1;
    if (a->value < b->value || a->value > b->value)
        return a->value > b->value ? -1 : 1;
    return a->cell < b->cell ? -1 : a->cell > b->cell;
}

js_status js_sdc_secondary(const js_sdc_dim *dims, size_t n_dims, const double *value,
                           unsigned char *state, size_t *n_secondary)
{
    sdc_shape s;
    js_status st = shape_init(&s, dims, n_dims);
    if (st != JS_OK)
        return st;
    size_t n_primary = 0;
    for (size_t c = 0; c < s.n_cells; c++)
        n_primary += state[c] == JS_SDC_PRIMARY;
    if (n_primary == 0) { /* nothing to protect: every candidate is published */
        *n_secondary = 0;
        shape_fini(&s);
        return JS_OK;
    }
    sdc_gauss g;
    sdc_cand *cand = js_calloc(s.n_cells, sizeof *cand);
    st = gauss_init(&g, &s, value);
    if (st == JS_OK && !cand)
        st = JS_ENOMEM;
    size_t n_cand = 0, n_sec = 0;
    for (size_t c = 0; st == JS_OK && c < s.n_cells; c++)
        if (state[c] == JS_SDC_PUBLISHED || state[c] == JS_SDC_PUBLIC)
            cand[n_cand++] = (sdc_cand){c, state[c] != JS_SDC_PUBLIC, !(fabs(value[c]) <= 0), cell_is_inner(&s, c), cell_n_inner(&s, c),
                                        fabs(value[c])};
    if (st == JS_OK)
        qsort(cand, n_cand, sizeof *cand, cand_cmp);
    for (size_t k = 0; st == JS_OK && k < n_cand; k++) {
        const int r = gauss_publish(&g, cand[k].cell, state, k + 1, !cand[k].known);
        if (r < 0)
            st = JS_ENOMEM;
        else if (r == 0) {
            state[cand[k].cell] = JS_SDC_SECONDARY;
            n_sec++;
        }
    }
    if (st == JS_OK)
        *n_secondary = n_sec;
    gauss_fini(&g, s.n_cells);
    js_free(cand);
    shape_fini(&s);
    return st;
}

/* ------------------------------------------------------------------ audit */

/* A prime below 2^31 and above 2^30, the k-th counted down from 2^31 - 1
 * (trial division: certain, and quick below 46 341^2). */
static uint32_t audit_prime(size_t k)
{
    static const uint32_t first = 2147483647u;
    size_t found = 0;
    for (uint32_t q = first;; q -= 2) {
        int prime = 1;
        for (uint32_t d = 3; (uint64_t)d * d <= q; d += 2)
            if (q % d == 0) {
                prime = 0;
                break;
            }
        if (prime && found++ == k)
            return q;
    }
}

static size_t uf_find(size_t *par, size_t x)
{
    while (par[x] != x) {
        par[x] = par[par[x]];
        x = par[x];
    }
    return x;
}

/* Reduce the dense m x n block b (row-major) modulo p to reduced row
 * echelon form; unit[j] = 1 when e_j is a row of it (e_j in the row
 * space).  Returns the rank. */
static size_t audit_rref(uint32_t *b, size_t m, size_t n, uint32_t p, unsigned char *unit)
{
    size_t r = 0;
    for (size_t j = 0; j < n; j++)
        unit[j] = 0;
    size_t *pivcol = js_calloc(m ? m : 1, sizeof *pivcol);
    if (!pivcol)
        return (size_t)-1;
    for (size_t j = 0; j < n && r < m; j++) {
        size_t i = r;
        while (i < m && b[i * n + j] == 0)
            i++;
        if (i == m)
            continue;
        if (i != r)
            for (size_t k = 0; k < n; k++) {
                const uint32_t t = b[i * n + k];
                b[i * n + k] = b[r * n + k];
                b[r * n + k] = t;
            }
        const uint32_t inv = mod_inv(b[r * n + j], p);
        for (size_t k = j; k < n; k++)
            b[r * n + k] = mod_mul(b[r * n + k], inv, p);
        for (size_t i2 = 0; i2 < m; i2++) {
            const uint32_t f = b[i2 * n + j];
            if (i2 == r || f == 0)
                continue;
            const uint32_t nf = p - f;
            for (size_t k = j; k < n; k++)
                if (b[r * n + k])
                    b[i2 * n + k] = (uint32_t)(((uint64_t)b[i2 * n + k] + mod_mul(nf, b[r * n + k], p)) % p);
        }
        pivcol[r++] = j;
    }
    for (size_t i = 0; i < r; i++) {
        size_t nz = 0;
        for (size_t k = 0; k < n && nz < 2; k++)
            nz += b[i * n + k] != 0;
        if (nz == 1)
            unit[pivcol[i]] = 1;
    }
    js_free(pivcol);
    return r;
}

/* One connected block: rows rws[0..m) of a, columns cols[0..n) (local
 * index in loc[]).  Sets recoverable[] for its columns. */
static js_status audit_block(const js_sdc_matrix *a, const size_t *rws, size_t m, const size_t *cols,
                             size_t n, const size_t *loc, size_t max_block,
                             unsigned char *recoverable)
{
    if (m == 0 || n > max_block) { /* untouched: none recoverable; or left to the certificates */
        for (size_t j = 0; j < n; j++)
            recoverable[cols[j]] = m == 0 ? 0 : 2;
        return JS_OK;
    }
    /* Hadamard: |minor| <= prod over its columns of sqrt(entries + 1)
     * (the +1 for the unit row e_j); entries are +-1. */
    double log2h = 0;
    size_t *cnt = js_calloc(n, sizeof *cnt);
    uint32_t *b = m <= SIZE_MAX / n ? js_calloc(m * n, sizeof *b) : NULL;
    unsigned char *unit = js_calloc(n, 1), *all_unit = js_calloc(n, 1);
    if (!cnt || !b || !unit || !all_unit) {
        js_free(cnt);
        js_free(b);
        js_free(unit);
        js_free(all_unit);
        return JS_ENOMEM;
    }
    for (size_t i = 0; i < m; i++)
        for (size_t e = a->row_start[rws[i]]; e < a->row_start[rws[i] + 1]; e++)
            if (loc[a->col[e]] != (size_t)-1)
                cnt[loc[a->col[e]]]++;
    for (size_t j = 0; j < n; j++)
        log2h += 0.5 * log2((double)cnt[j] + 1);
    const size_t n_primes = log2h / 30 + 2 > 2 ? (size_t)(log2h / 30) + 2 : 2;
    size_t best_rank = 0;
    for (size_t j = 0; j < n; j++)
        all_unit[j] = 1;
    /* recoverable(j) iff e_j in the row space modulo every prime that
     * attains the largest rank (that rank is the rational one) */
    for (size_t t = 0; t < n_primes; t++) {
        const uint32_t p = audit_prime(t);
        memset(b, 0, m * n * sizeof *b);
        for (size_t i = 0; i < m; i++)
            for (size_t e = a->row_start[rws[i]]; e < a->row_start[rws[i] + 1]; e++)
                if (loc[a->col[e]] != (size_t)-1)
                    b[i * n + loc[a->col[e]]] = mod_of_int(a->val[e], p);
        const size_t r = audit_rref(b, m, n, p, unit);
        if (r == (size_t)-1) {
            js_free(cnt);
            js_free(b);
            js_free(unit);
            js_free(all_unit);
            return JS_ENOMEM;
        }
        if (r > best_rank) {
            best_rank = r;
            memcpy(all_unit, unit, n);
        } else if (r == best_rank) {
            for (size_t j = 0; j < n; j++)
                all_unit[j] = all_unit[j] && unit[j];
        }
    }
    for (size_t j = 0; j < n; j++)
        recoverable[cols[j]] = all_unit[j];
    js_free(cnt);
    js_free(b);
    js_free(unit);
    js_free(all_unit);
    return JS_OK;
}

/* ---------------------------------------------------- certificates */

static int cell_cmp(const void *pa, const void *pb)
{
    const sdc_cell a = *(const sdc_cell *)pa, b = *(const sdc_cell *)pb;
    return a < b ? -1 : a > b;
}

/* A certificate checker: A's columns (the rows of each column's entries),
 * and per row a running sum, zero between checks. */
typedef struct sdc_cert {
    const js_sdc_matrix *a;
    const unsigned char *state;
    size_t *col_start; /* n_cols + 1 */
    size_t *col_row;   /* row of each entry, by column */
    signed char *col_val;
    int64_t *sum;    /* n_rows: (A w)_r during a check */
    size_t *stamp;   /* n_rows: the check that last touched the row */
    size_t *rows;    /* n_rows: the rows the check touched */
    size_t n_checks; /* checks done (the stamp of the current one) */
} sdc_cert;

static void cert_fini(sdc_cert *c)
{
    js_free(c->col_start);
    js_free(c->col_row);
    js_free(c->col_val);
    js_free(c->sum);
    js_free(c->stamp);
    js_free(c->rows);
    memset(c, 0, sizeof *c);
}

static js_status cert_init(sdc_cert *c, const js_sdc_matrix *a, const unsigned char *state)
{
    memset(c, 0, sizeof *c);
    const size_t nr = a->n_rows ? a->n_rows : 1, ne = a->row_start[a->n_rows];
    c->a = a;
    c->state = state;
    c->col_start = js_calloc(a->n_cols + 1, sizeof *c->col_start);
    c->col_row = js_calloc(ne ? ne : 1, sizeof *c->col_row);
    c->col_val = js_calloc(ne ? ne : 1, 1);
    c->sum = js_calloc(nr, sizeof *c->sum);
    c->stamp = js_calloc(nr, sizeof *c->stamp);
    c->rows = js_calloc(nr, sizeof *c->rows);
    size_t *fill = js_calloc(a->n_cols + 1, sizeof *fill);
    if (!c->col_start || !c->col_row || !c->col_val || !c->sum || !c->stamp || !c->rows || !fill) {
        js_free(fill);
        cert_fini(c);
        return JS_ENOMEM;
    }
    for (size_t e = 0; e < ne; e++)
        c->col_start[a->col[e] + 1]++;
    for (size_t j = 0; j < a->n_cols; j++)
        c->col_start[j + 1] += c->col_start[j];
    memcpy(fill, c->col_start, (a->n_cols + 1) * sizeof *fill);
    for (size_t r = 0; r < a->n_rows; r++)
        for (size_t e = a->row_start[r]; e < a->row_start[r + 1]; e++) {
            const size_t k = fill[a->col[e]]++;
            c->col_row[k] = r;
            c->col_val[k] = a->val[e];
        }
    js_free(fill);
    return JS_OK;
}

/* 1 iff w (entries val[k] at cells idx[k], idx strictly ascending, every
 * val nonzero) is a certificate: A w = 0 exactly, and w is 0 at every
 * PUBLISHED and PUBLIC cell.  Exact int64 arithmetic: an overflow makes
 * the check fail, never pass. */
static int cert_check(sdc_cert *c, const sdc_cell *idx, const int64_t *val, size_t n)
{
    const js_sdc_matrix *a = c->a;
    const size_t stamp = ++c->n_checks;
    size_t n_rows = 0;
    int ok = n > 0;
    for (size_t k = 0; k < n && ok; k++) {
        const size_t j = idx[k];
        ok = j < a->n_cols && (k == 0 || idx[k - 1] < j) && val[k] != 0 &&
             c->state[j] != JS_SDC_PUBLISHED && c->state[j] != JS_SDC_PUBLIC;
        for (size_t e = ok ? c->col_start[j] : 0; ok && e < c->col_start[j + 1]; e++) {
            const size_t r = c->col_row[e];
            if (c->stamp[r] != stamp) {
                c->stamp[r] = stamp;
                c->sum[r] = 0;
                c->rows[n_rows++] = r;
            }
            int64_t t = 0;
            ok = !__builtin_mul_overflow(val[k], (int64_t)c->col_val[e], &t) &&
                 !__builtin_add_overflow(c->sum[r], t, &c->sum[r]);
        }
    }
    for (size_t i = 0; i < n_rows && ok; i++)
        ok = c->sum[c->rows[i]] == 0;
    return ok;
}

int js_sdc_certificate_check(const js_sdc_matrix *a, const unsigned char *state, const size_t *idx,
                             const int64_t *val, size_t n)
{
    sdc_cell *const cells = js_calloc(n ? n : 1, sizeof *cells);
    int bad_index = 0;
    for (size_t k = 0; cells != NULL && k < n; k++) {
        bad_index |= idx[k] >= a->n_cols; /* no cell, and so no certificate */
        cells[k] = (sdc_cell)idx[k];
    }
    sdc_cert c;
    if (cells == NULL || cert_init(&c, a, state) != JS_OK) {
        js_free(cells);
        return -1;
    }
    const int ok = !bad_index && cert_check(&c, cells, val, n);
    cert_fini(&c);
    js_free(cells);
    return ok;
}

/* The rational r / t = v (mod p) with |r|, t <= bound (half-extended
 * Euclid); 0 when there is none. */
static int rat_recon(uint32_t v, uint32_t p, int64_t bound, int64_t *num, int64_t *den)
{
    int64_t r0 = p, r1 = v, t0 = 0, t1 = 1;
    while (r1 > bound) {
        const int64_t q = r0 / r1, r2 = r0 - q * r1, t2 = t0 - q * t1;
        r0 = r1;
        r1 = r2;
        t0 = t1;
        t1 = t2;
    }
    if (t1 < 0) {
        t1 = -t1;
        r1 = -r1;
    }
    if (t1 == 0 || t1 > bound)
        return 0;
    *num = r1;
    *den = t1;
    return 1;
}

static int64_t gcd64(int64_t x, int64_t y)
{
    while (y) {
        const int64_t t = x % y;
        x = y;
        y = t;
    }
    return x;
}

/* Lift u (residues mod SDC_P times s) to integers into w: by the symmetric
 * residue (how = 0) or by rational reconstruction and the common
 * denominator (how = 1).  0 when the lift is impossible (overflow, no
 * small rational). */
static int cert_lift(const sdc_vec *u, uint32_t s, int how, int64_t *w)
{
    const int64_t bound = 32767; /* floor(sqrt(SDC_P / 2)) */
    int64_t l = 1;
    for (size_t k = 0; k < u->n; k++) {
        const uint32_t v = mod_mul(u->val[k], s, SDC_P);
        if (how == 0) {
            w[k] = v > SDC_P / 2 ? (int64_t)v - (int64_t)SDC_P : (int64_t)v;
            continue;
        }
        int64_t num = 0, den = 0;
        if (!rat_recon(v, SDC_P, bound, &num, &den))
            return 0;
        const int64_t g = gcd64(l, den);
        if (__builtin_mul_overflow(l / g, den, &l))
            return 0;
        w[k] = num; /* scaled below, once l is known */
    }
    if (how == 1)
        for (size_t k = 0; k < u->n; k++) {
            int64_t num = 0, den = 0;
            (void)rat_recon(mod_mul(u->val[k], s, SDC_P), SDC_P, bound, &num, &den);
            if (__builtin_mul_overflow(num, l / den, &w[k]))
                return 0;
        }
    return 1;
}

/* The vectors of the basis as the table's perturbations: for a matrix of
 * js_sdc_constraints' form (every row one +1, the total, and -1 at its
 * children), the inner cells are the columns that are no row's total,
 * and inner cell i's vector is 1 at i and at every cell above it (its
 * parents, theirs, ...).  is_total (n_cols, zeroed) gets 1 at the totals.
 * 1 when A has that form, 0 when not (nothing is built), -1 out of
 * memory. */
static int cert_basis(sdc_gauss *g, const js_sdc_matrix *a, const unsigned char *state,
                      unsigned char *is_total)
{
    const size_t nc = a->n_cols;
    size_t *par_start = js_calloc(nc + 1, sizeof *par_start);
    size_t *par = NULL, *mark = NULL, *fill = NULL;
    int res = par_start ? 1 : -1;
    for (size_t r = 0; r < a->n_rows && res == 1; r++) {
        size_t n_one = 0, top = 0;
        for (size_t e = a->row_start[r]; e < a->row_start[r + 1]; e++)
            if (a->val[e] == 1) {
                n_one++;
                top = a->col[e];
            } else if (a->val[e] != -1)
                res = 0;
        if (n_one != 1)
            res = 0;
        else
            is_total[top] = 1;
        for (size_t e = a->row_start[r]; e < a->row_start[r + 1] && res == 1; e++)
            if (a->val[e] == -1)
                par_start[a->col[e] + 1]++;
    }
    size_t n_inner = 0;
    for (size_t j = 0; j < nc && res == 1; j++) {
        par_start[j + 1] += par_start[j];
        n_inner += !is_total[j];
    }
    if (res == 1) {
        par = js_calloc(par_start[nc] ? par_start[nc] : 1, sizeof *par);
        fill = js_calloc(nc + 1, sizeof *fill);
        mark = js_calloc(nc ? nc : 1, sizeof *mark);
        res = par && fill && mark && gauss_alloc(g, n_inner, nc) == 0 ? 1 : -1;
    }
    if (res == 1) {
        memcpy(fill, par_start, (nc + 1) * sizeof *fill);
        for (size_t r = 0; r < a->n_rows; r++) {
            size_t top = 0;
            for (size_t e = a->row_start[r]; e < a->row_start[r + 1]; e++)
                if (a->val[e] == 1)
                    top = a->col[e];
            for (size_t e = a->row_start[r]; e < a->row_start[r + 1]; e++)
                if (a->val[e] == -1)
                    par[fill[a->col[e]]++] = top;
        }
    }
    /* each inner cell's closure upwards, breadth first: the vector's own
     * index array is the queue, mark[] (vector + 1) keeps each cell once */
    size_t v = 0;
    for (size_t j = 0; j < nc && res == 1; j++) {
        if (is_total[j])
            continue;
        sdc_vec *x = &g->vec[v];
        if (vec_reserve(x, 8) != 0) {
            res = -1;
            break;
        }
        x->idx[0] = (sdc_cell)j;
        x->n = 1;
        mark[j] = v + 1;
        for (size_t q = 0; q < x->n && res == 1; q++) {
            const size_t c = x->idx[q];
            for (size_t k = par_start[c]; k < par_start[c + 1] && res == 1; k++)
                if (mark[par[k]] != v + 1) {
                    mark[par[k]] = v + 1;
                    if (vec_reserve(x, x->n + 1) != 0)
                        res = -1;
                    else
                        x->idx[x->n++] = (sdc_cell)par[k];
                }
        }
        if (res != 1)
            break;
        /* the pivot's key (see gauss_publish): a pivot leaves the basis
         * and its cells go into every other holder, so the best pivot is
         * a vector whose inner cell is unpublished (never eliminated, so
         * the vectors that take it on are not touched again for it), then
         * one with more unpublished cells above it.  Without this rule
         * the bench's audit holds 4.7 times as many vectors per step and
         * takes 4 s, not 1.7 s. */
        size_t key = 0;
        for (size_t i = 0; i < x->n; i++)
            key += state[x->idx[i]] != JS_SDC_PUBLISHED && state[x->idx[i]] != JS_SDC_PUBLIC;
        g->key[v] = key + (state[j] != JS_SDC_PUBLISHED && state[j] != JS_SDC_PUBLIC ? nc : 0);
        qsort(x->idx, x->n, sizeof *x->idx, cell_cmp);
        for (size_t i = 0; i < x->n && res == 1; i++) {
            x->val[i] = 1;
            g->cx[x->idx[i]].count++;
            if (list_push(&g->occ[x->idx[i]], (uint32_t)v) != 0)
                res = -1;
        }
        g->alive[v++] = 1;
    }
    js_free(par_start);
    js_free(par);
    js_free(mark);
    js_free(fill);
    return res;
}

#define SDC_TMP_KEEP 1024 /* entries a scratch vector may keep between steps */

typedef struct sdc_pub {
    size_t cell, inner, n_under; /* n_under: inner cells below the cell */
} sdc_pub;

static int pub_cmp(const void *pa, const void *pb)
{
    const sdc_pub *a = pa, *b = pb;
    if (a->inner != b->inner)
        return a->inner < b->inner ? -1 : 1;
    if (a->n_under != b->n_under)
        return a->n_under < b->n_under ? -1 : 1;
    return a->cell < b->cell ? -1 : a->cell > b->cell;
}

/* Impose w = 0 at every PUBLISHED and PUBLIC cell on the basis, margins
 * before inner cells and finer margins first (the secondary suppression's
 * order, which keeps the basis sparse).  What is left spans, modulo p,
 * every perturbation that keeps the published cells. */
static js_status cert_eliminate(sdc_gauss *g, const js_sdc_matrix *a, const unsigned char *state,
                                const unsigned char *is_total)
{
    const size_t nc = a->n_cols;
    sdc_pub *pub = js_calloc(nc ? nc : 1, sizeof *pub);
    if (!pub)
        return JS_ENOMEM;
    size_t n_pub = 0;
    for (size_t j = 0; j < nc; j++)
        if (state[j] == JS_SDC_PUBLISHED || state[j] == JS_SDC_PUBLIC) {
            const size_t n_under = g->cx[j].count;
            pub[n_pub++] = (sdc_pub){j, !is_total[j], n_under};
        }
    qsort(pub, n_pub, sizeof *pub, pub_cmp);
    js_status st = JS_OK;
    for (size_t k = 0; k < n_pub && st == JS_OK; k++) {
        if (gauss_publish(g, pub[k].cell, state, k + 1, 1) < 0)
            st = JS_ENOMEM;
        /* the scratch versions keep the largest size each slot ever held;
         * late in the elimination a few thousand holders take on pivots
         * of thousands of cells, so drop the large ones (the bench's
         * process peaks at 517 MB without this, 309 MB with it, the same
         * time) */
        for (size_t h = 0; h < g->touched.n && h < g->n_tmp_cap; h++) /* this step's */
            if (g->tmp[h].cap > SDC_TMP_KEEP) {
                js_free(g->tmp[h].idx);
                js_free(g->tmp[h].val);
                memset(&g->tmp[h], 0, sizeof g->tmp[h]);
            }
    }
    js_free(pub);
    return st;
}

/* Every vector left in the basis, lifted to integers and checked exactly;
 * verdict[j] for each unpublished cell: 0 when a checked vector moves it
 * (proved safe), 1 when no vector moves it modulo p (recoverable modulo
 * p, so taken as recoverable), 2 when only vectors that failed the check
 * do (undecided). */
static js_status cert_verdicts(sdc_gauss *g, sdc_cert *c, unsigned char *verdict)
{
    const size_t nc = c->a->n_cols;
    size_t cap = 0;
    for (size_t v = 0; v < g->n_vec; v++)
        if (g->alive[v] && g->vec[v].n > cap)
            cap = g->vec[v].n;
    int64_t *w = js_calloc(cap ? cap : 1, sizeof *w);
    if (!w)
        return JS_ENOMEM;
    for (size_t j = 0; j < nc; j++)
        verdict[j] = 1;
    for (size_t v = 0; v < g->n_vec; v++) {
        const sdc_vec *u = &g->vec[v];
        if (!g->alive[v] || u->n == 0)
            continue;
        int ok = 0;
        /* as it is, then scaled to 1 at its first cell */
        const uint32_t scale[2] = {1, mod_inv(u->val[0], SDC_P)};
        for (int t = 0; t < 4 && !ok; t++)
            ok = cert_lift(u, scale[t / 2], t % 2, w) && cert_check(c, u->idx, w, u->n);
        for (size_t e = 0; e < u->n; e++) {
            unsigned char *const x = &verdict[u->idx[e]];
            *x = ok ? 0 : *x == 0 ? 0 : 2;
        }
    }
    js_free(w);
    return JS_OK;
}

/* The certificate audit of the whole table: verdict[] (n_cols) as in
 * cert_verdicts for the unpublished cells; 2 everywhere when A is not of
 * js_sdc_constraints' form. */
static js_status cert_audit(const js_sdc_matrix *a, const unsigned char *state,
                            unsigned char *verdict)
{
    sdc_gauss g;
    memset(&g, 0, sizeof g);
    unsigned char *is_total = js_calloc(a->n_cols ? a->n_cols : 1, 1);
    const int form = is_total ? cert_basis(&g, a, state, is_total) : -1;
    js_status st = form < 0 ? JS_ENOMEM : JS_OK;
    if (form == 0)
        memset(verdict, 2, a->n_cols);
    if (form == 1)
        st = cert_eliminate(&g, a, state, is_total);
    if (form == 1 && st == JS_OK) {
        sdc_cert c;
        st = cert_init(&c, a, state);
        if (st == JS_OK)
            st = cert_verdicts(&g, &c, verdict);
        cert_fini(&c);
    }
    gauss_fini(&g, a->n_cols);
    js_free(is_total);
    return st;
}

js_status js_sdc_audit(const js_sdc_matrix *a, const unsigned char *state,
                       unsigned char *recoverable, size_t *n_recoverable)
{
    return js_sdc_audit_limit(a, state, recoverable, n_recoverable, JS_SDC_AUDIT_MAX_BLOCK);
}

js_status js_sdc_audit_limit(const js_sdc_matrix *a, const unsigned char *state,
                             unsigned char *recoverable, size_t *n_recoverable, size_t max_block)
{
    const size_t nc = a->n_cols;
    size_t *par = js_calloc(nc ? nc : 1, sizeof *par);
    size_t *loc = js_calloc(nc ? nc : 1, sizeof *loc);
    size_t *cols = js_calloc(nc ? nc : 1, sizeof *cols);
    size_t *rws = js_calloc(a->n_rows ? a->n_rows : 1, sizeof *rws);
    size_t *root_of_row = js_calloc(a->n_rows ? a->n_rows : 1, sizeof *root_of_row);
    size_t *order = js_calloc(nc ? nc : 1, sizeof *order);
    js_status st = JS_OK;
    if (!par || !loc || !cols || !rws || !root_of_row || !order) {
        st = JS_ENOMEM;
        goto done;
    }
    for (size_t j = 0; j < nc; j++) {
        par[j] = j;
        loc[j] = (size_t)-1;
        recoverable[j] = 0;
    }
    /* blocks: unpublished cells linked by a constraint they share */
    for (size_t r = 0; r < a->n_rows; r++) {
        size_t first = (size_t)-1;
        for (size_t e = a->row_start[r]; e < a->row_start[r + 1]; e++) {
            const size_t j = a->col[e];
            if (state[j] == JS_SDC_PUBLISHED || state[j] == JS_SDC_PUBLIC)
                continue;
            if (first == (size_t)-1)
                first = j;
            else {
                const size_t x = uf_find(par, first), y = uf_find(par, j);
                if (x != y)
                    par[x < y ? y : x] = x < y ? x : y;
            }
        }
        root_of_row[r] = first;
    }
    for (size_t r = 0; r < a->n_rows; r++)
        if (root_of_row[r] != (size_t)-1)
            root_of_row[r] = uf_find(par, root_of_row[r]);
    /* group the columns and rows of each block by its root: a counting
     * sort of the roots (order[] holds the columns, by root) */
    size_t *col_start = js_calloc(nc + 1, sizeof *col_start);
    size_t *row_start = js_calloc(nc + 1, sizeof *row_start);
    if (!col_start || !row_start) {
        js_free(col_start);
        js_free(row_start);
        st = JS_ENOMEM;
        goto done;
    }
    for (size_t j = 0; j < nc; j++)
        if (state[j] != JS_SDC_PUBLISHED && state[j] != JS_SDC_PUBLIC)
            col_start[uf_find(par, j) + 1]++;
    for (size_t r = 0; r < a->n_rows; r++)
        if (root_of_row[r] != (size_t)-1)
            row_start[root_of_row[r] + 1]++;
    for (size_t j = 0; j < nc; j++) {
        col_start[j + 1] += col_start[j];
        row_start[j + 1] += row_start[j];
    }
    for (size_t j = 0; j < nc; j++)
        if (state[j] != JS_SDC_PUBLISHED && state[j] != JS_SDC_PUBLIC) {
            const size_t root = uf_find(par, j);
            order[col_start[root]++] = j;
        }
    for (size_t r = 0; r < a->n_rows; r++)
        if (root_of_row[r] != (size_t)-1)
            rws[row_start[root_of_row[r]]++] = r;
    /* after the fill, *_start[root] is the end of root's group */
    size_t c0 = 0, r0 = 0;
    for (size_t root = 0; root < nc && st == JS_OK; root++) {
        const size_t c1 = col_start[root] > c0 ? col_start[root] : c0;
        const size_t r1 = row_start[root] > r0 ? row_start[root] : r0;
        if (c1 == c0)
            continue;
        for (size_t k = c0; k < c1; k++) {
            cols[k - c0] = order[k];
            loc[order[k]] = k - c0;
        }
        st = audit_block(a, rws + r0, r1 - r0, cols, c1 - c0, loc, max_block, recoverable);
        for (size_t k = c0; k < c1; k++)
            loc[order[k]] = (size_t)-1;
        c0 = c1;
        r0 = r1;
    }
    js_free(col_start);
    js_free(row_start);
    /* the blocks too large for the dense reduction: the certificates */
    size_t n_left = 0;
    for (size_t j = 0; st == JS_OK && j < nc; j++)
        n_left += recoverable[j] == 2;
    if (n_left > 0) {
        unsigned char *verdict = js_calloc(nc, 1);
        st = verdict ? cert_audit(a, state, verdict) : JS_ENOMEM;
        for (size_t j = 0; st == JS_OK && j < nc; j++)
            if (recoverable[j] == 2)
                recoverable[j] = verdict[j];
        js_free(verdict);
    }
    if (st == JS_OK) {
        size_t n = 0;
        for (size_t j = 0; j < nc; j++)
            n += recoverable[j] == 1 && (state[j] == JS_SDC_PRIMARY || state[j] == JS_SDC_SECONDARY);
        *n_recoverable = n;
    }
done:
    js_free(par);
    js_free(loc);
    js_free(cols);
    js_free(rws);
    js_free(root_of_row);
    js_free(order);
    return st;
}
