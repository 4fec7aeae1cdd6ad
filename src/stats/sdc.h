/*
 * sdc.h - statistical disclosure control of additive tables (METHODS 11;
 * internal): the table's additive structure as a sparse 0/+-1 constraint
 * matrix, primary suppression, Gaussian-elimination secondary suppression
 * and the exact audit.  Pure maths on plain arrays: no cube, no files.
 * The audit never calls a cell safe without proof: a large block's "safe"
 * rests on an integer perturbation checked exactly (see js_sdc_audit),
 * and what the prime cannot settle is reported recoverable or undecided.
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
#include <stdint.h>

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

/* The audit: recoverable[i] for every cell that is not PUBLISHED (or
 * PUBLIC): 1 when its value follows exactly from the published cells and
 * A, 0 when it is proved not to, 2 when undecided; 0 for the published
 * cells.  *n_recoverable counts the cells with 1 that are PRIMARY or
 * SECONDARY (a MISSING cell recovered is not a disclosure).
 *
 * Each connected block of unpublished cells (linked by a constraint they
 * share) is decided on its own, one of two ways.
 *
 * A block of at most JS_SDC_AUDIT_MAX_BLOCK cells: dense and exact both
 * ways.  Cell j is recoverable iff e_j is in the row space of A restricted
 * to the block's columns; the block is reduced modulo enough primes above
 * 2^30 that their product exceeds Hadamard's bound on its minors, so one
 * of them gives the rational rank.
 *
 * A larger block: certificates, exact in the direction that matters.  Cell
 * j is unrecoverable iff some integer perturbation w of the table has
 * A w = 0, w = 0 at every PUBLISHED and PUBLIC cell, and w_j != 0 (add w
 * to the true values: every published figure stays, v_j changes).  Such a
 * w is checked in exact integer arithmetic (js_sdc_certificate_check),
 * whatever found it.  Candidates come from sparse elimination modulo
 * 2^31 - 1, as in js_sdc_secondary: a basis of the perturbations (inner
 * cell i: 1 at i and at every total above it) from which each published
 * cell is eliminated; each vector left is lifted to integers (symmetric
 * residue, else rational reconstruction with numerator and denominator
 * below sqrt(p / 2), times the common denominator) and checked.  Then:
 *   0  a checked certificate moves j: proved safe, whatever the prime did;
 *   1  no vector moves j modulo p: j is recoverable modulo p.  That is
 *      taken as recoverable, the safe direction for publishing: a false
 *      alarm is possible in principle (a rank that drops modulo p), a
 *      false "safe" never, since "safe" needs a checked certificate;
 *   2  vectors move j modulo p but none passed the check (or A is not of
 *      js_sdc_constraints' form, one +1 and -1s per row): undecided, not
 *      counted as recoverable, and the run says so.
 * Time and memory are of the order of js_sdc_secondary's (the bench's
 * block of 18,898 cells: about 1.7 s, every cell proved safe, 1,446 of
 * the 1,447 vectors lifted by the symmetric residue and one by rational
 * reconstruction, 309 MB peak for the process). */
#define JS_SDC_AUDIT_MAX_BLOCK 3000
js_status js_sdc_audit(const js_sdc_matrix *a, const unsigned char *state,
                       unsigned char *recoverable, size_t *n_recoverable);

/* js_sdc_audit with max_block in place of JS_SDC_AUDIT_MAX_BLOCK: 0 sends
 * every block to the certificates.  For tests. */
js_status js_sdc_audit_limit(const js_sdc_matrix *a, const unsigned char *state,
                             unsigned char *recoverable, size_t *n_recoverable, size_t max_block);

/* 1 iff w (val[k] at cell idx[k], k < n; idx strictly ascending, every
 * val nonzero, n > 0) is a certificate for a and state: A w = 0 in exact
 * integer arithmetic (an overflow fails) and w is 0 at every PUBLISHED and
 * PUBLIC cell; then every cell idx[k] is unrecoverable.  0 if not, -1 out
 * of memory. */
int js_sdc_certificate_check(const js_sdc_matrix *a, const unsigned char *state, const size_t *idx,
                             const int64_t *val, size_t n);

#endif
