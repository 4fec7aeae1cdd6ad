/*
 * sdc.h - statistical disclosure control of additive tables (METHODS 11;
 * internal): the table's additive structure as a sparse 0/+-1 constraint
 * matrix, primary suppression, Gaussian-elimination secondary suppression
 * and the exact audit.  Pure maths on plain arrays: no cube, no files.
 *
 * A table has n_dims dimensions; dimension d has n_codes codes, each with a
 * parent code (JS_SDC_ROOT for a top code), so that a dimension may be a
 * hierarchy (municipality in county in country) or a flat list with its
 * total (sex: women, men, both).  A code without children is a leaf.  The
 * table's cells are every combination of codes, row-major (the last
 * dimension varies fastest); a cell whose codes are all leaves is an inner
 * cell, every other cell is a margin (a total) and equals the sum of its
 * children along any dimension whose code is not a leaf.
 */
#ifndef JAMSTAT_STATS_SDC_H
#define JAMSTAT_STATS_SDC_H

#include <stddef.h>

#include "jamstat/status.h"

#define JS_SDC_ROOT ((size_t)-1) /* parent of a top code */

typedef struct js_sdc_dim {
    size_t n_codes;
    const size_t *parent; /* n_codes entries: a parent's index or JS_SDC_ROOT; no cycles */
} js_sdc_dim;

/* What a cell is after suppression. */
typedef enum js_sdc_state {
    JS_SDC_PUBLISHED = 0, /* the value is published */
    JS_SDC_PRIMARY = 1,   /* sensitive itself (below the threshold, dominated, or marked) */
    JS_SDC_SECONDARY = 2, /* suppressed so that no primary cell can be recomputed */
    JS_SDC_MISSING = 3,   /* no value in the data: unknown to everyone, never a complement */
    JS_SDC_PUBLIC = 4     /* known to everyone (a total published elsewhere): never suppressed */
} js_sdc_state;

typedef struct js_sdc_opts {
    double threshold;  /* primary: 0 < value < threshold; 0 turns the rule off */
    int protect_zeros; /* nonzero: a 0 is primary too (when threshold > 0) */
} js_sdc_opts;

/* A sparse matrix of small integers in compressed rows: row r holds the
 * entries row_start[r] .. row_start[r + 1] - 1, columns ascending. */
typedef struct js_sdc_matrix {
    size_t n_rows, n_cols;
    size_t *row_start; /* n_rows + 1 */
    size_t *col;       /* column of each entry */
    signed char *val;  /* value of each entry: +1 or -1 for a table */
} js_sdc_matrix;

/* The number of cells of the table (0 when the product overflows or a
 * dimension has no code). */
size_t js_sdc_n_cells(const js_sdc_dim *dims, size_t n_dims);

/* Check that every parent index is in range and no code is its own
 * ancestor.  JS_EUSAGE otherwise. */
js_status js_sdc_dims_check(const js_sdc_dim *dims, size_t n_dims);

/* Set every margin of value[] (n_cells) to the sum of the inner cells
 * under it; NaN when one of them is NaN.  For tests and benchmarks. */
js_status js_sdc_fill_margins(const js_sdc_dim *dims, size_t n_dims, double *value);

/* The constraint matrix: one row per (cell, dimension) whose code in that
 * dimension has children: +1 at the cell, -1 at each child cell.  A table
 * of values v is additive iff A v = 0.  *out is caller storage, freed with
 * js_sdc_matrix_fini. */
js_status js_sdc_constraints(const js_sdc_dim *dims, size_t n_dims, js_sdc_matrix *out);
void js_sdc_matrix_fini(js_sdc_matrix *m);

/* Primary suppression: state[i] = MISSING when value[i] is NaN, PRIMARY by
 * the threshold rule, PUBLISHED otherwise.  A state already PRIMARY (marked
 * by the caller, e.g. by the dominance rule) stays PRIMARY, one PUBLIC
 * stays PUBLIC.  Returns the
 * number of primary cells. */
size_t js_sdc_primary(const double *value, size_t n_cells, const js_sdc_opts *o,
                      unsigned char *state);

/* The (n, k) dominance rule for amounts: a cell is sensitive when its n
 * largest contributions are more than k per cent of its total.  contrib
 * holds the cell's n_contrib non-negative contributions (any order). */
int js_sdc_dominated(const double *contrib, size_t n_contrib, size_t n, double k);

/* Secondary suppression by Gaussian elimination.  PUBLIC cells are taken
 * as known first, unconditionally (if that alone discloses a primary cell,
 * the audit says so).  Candidates are the cells still PUBLISHED, taken one
 * at a time in this order: cells of value 0
 * first (unless protect_zeros: then they are primary), then margins before
 * inner cells, margins over fewer inner cells first, and larger values
 * first; ties by cell index.  A candidate is published unless publishing
 * it, with every cell published before it, would make a primary cell
 * exactly recoverable; then it becomes SECONDARY.  The same inputs always
 * give the same pattern.  Arithmetic is modulo the prime 2^31 - 1 (the
 * exact audit verifies the result).  *n_secondary gets the count. */
js_status js_sdc_secondary(const js_sdc_dim *dims, size_t n_dims, const double *value,
                           unsigned char *state, size_t *n_secondary);

/* The audit: recoverable[i] = 1 for every cell that is not PUBLISHED (or
 * PUBLIC) and
 * whose value follows exactly from the published cells and A (its unit
 * vector is in the row space of A restricted to the unpublished columns),
 * else 0.  Exact: each connected block of unpublished cells is reduced
 * modulo enough primes above 2^30 that their product exceeds Hadamard's
 * bound on the block's minors, so one of them gives the rational rank.
 * *n_recoverable counts recoverable cells that are PRIMARY or SECONDARY
 * (a MISSING cell recovered is not a disclosure).  A block of more than
 * JS_SDC_AUDIT_MAX_BLOCK unpublished cells is not decided (the reduction
 * is dense): its cells get recoverable[i] = 2 and are not counted. */
#define JS_SDC_AUDIT_MAX_BLOCK 3000
js_status js_sdc_audit(const js_sdc_matrix *a, const unsigned char *state,
                       unsigned char *recoverable, size_t *n_recoverable);

#endif
