/*
 * test_sdc.c - disclosure control (src/stats/sdc.c): the constraint
 * matrix, primary suppression, the dominance rule, Gaussian-elimination
 * secondary suppression and the exact audit.
 *
 * Expected values come from sdcTable's own test problem (sdcTools/sdcTable,
 * tests/testthat/test-simpleheuristic.R: a 4 x 4 table whose nine primary
 * cells leave w|b = 47 recomputable), from hand computation, and from the
 * independent oracle tests/oracle/sdc_audit.py (exact fractions), which
 * re-decides every pattern written here.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "stats/sdc.h"
#include "testutil.h"

#define ORACLE "tests/oracle/sdc_audit.py"

/* Write a table and its pattern for the oracle; claim = the cells our
 * audit calls recoverable. */
static void write_case(const char *path, const js_sdc_matrix *a, const double *value,
                       const unsigned char *state, const unsigned char *rec, double threshold,
                       int zeros)
{
    (void)mkdir("build", 0777); /* the cases go to build/, which a sanitizer build alone never makes */
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL, "cannot write %s", path);
    fprintf(f, "sdc-audit 1\ncols %zu\n", a->n_cols);
    for (size_t r = 0; r < a->n_rows; r++) {
        fputs("row", f);
        for (size_t e = a->row_start[r]; e < a->row_start[r + 1]; e++)
            fprintf(f, " %zu:%d", a->col[e], a->val[e]);
        fputc('\n', f);
    }
    fputs("value", f);
    for (size_t j = 0; j < a->n_cols; j++)
        fprintf(f, " %.17g", value[j]);
    fputs("\nstate", f);
    for (size_t j = 0; j < a->n_cols; j++)
        fprintf(f, " %d", state[j]);
    fprintf(f, "\nthreshold %.17g %d\nclaim", threshold, zeros);
    for (size_t j = 0; j < a->n_cols; j++)
        if (rec[j])
            fprintf(f, " %zu", j);
    fputc('\n', f);
    cr_assert(fclose(f) == 0);
}

static int have_python(void)
{
    return access("/usr/bin/python3", X_OK) == 0;
}

static int run_oracle(const char *args)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 " ORACLE " %s", args);
    return system(cmd);
}

/* ---------------------------------------------- sdcTable's 4 x 4 table */

/* rows w x y z and their total; columns a b c d and theirs */
static const size_t flat5[5] = {4, 4, 4, 4, JS_SDC_ROOT};
static const double inner4[4][4] = {
    {30, 47, 64, 89}, {90, 124, 5, 31}, {92, 100, 59, 85}, {800, 991, 651, 685}};
/* the nine primary cells of the R test: w|a w|b w|c x|a x|c y|b y|d z|b z|d */
static const int prim4[9][2] = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 2},
                                {2, 1}, {2, 3}, {3, 1}, {3, 3}};

static void table4(js_sdc_dim dims[2], double value[25], unsigned char state[25])
{
    dims[0] = (js_sdc_dim){5, flat5};
    dims[1] = (js_sdc_dim){5, flat5};
    memset(state, 0, 25);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            value[i * 5 + j] = inner4[i][j];
    cr_assert_eq(js_sdc_fill_margins(dims, 2, value), JS_OK);
    for (int k = 0; k < 9; k++)
        state[prim4[k][0] * 5 + prim4[k][1]] = JS_SDC_PRIMARY;
}

Test(sdc, sdctable_4x4_margins_and_constraints)
{
    js_sdc_dim dims[2];
    double v[25];
    unsigned char st[25];
    table4(dims, v, st);
    /* margins computed from the inner cells, as makeProblem does (the R
     * script's 1021 and 770 are overwritten so) */
    cr_expect_eq(v[4], 230);
    cr_expect_eq(v[1 * 5 + 4], 250);
    cr_expect_eq(v[20], 1012);
    cr_expect_eq(v[22], 779);
    cr_expect_eq(v[24], 3943);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    /* 5 row totals x 1 (dimension 2) + 5 column totals x 1, and the grand
     * total twice: 10 rows of 5 entries */
    cr_expect_eq(a.n_rows, 10);
    cr_expect_eq(a.row_start[a.n_rows], 50);
    for (size_t r = 0; r < a.n_rows; r++) {
        double sum = 0;
        for (size_t e = a.row_start[r]; e < a.row_start[r + 1]; e++) {
            sum += a.val[e] * v[a.col[e]];
            if (e > a.row_start[r])
                cr_expect_lt(a.col[e - 1], a.col[e], "columns ascend");
        }
        cr_expect_eq(sum, 0, "row %zu is additive", r);
    }
    js_sdc_matrix_fini(&a);
}

Test(sdc, sdctable_two_per_line_leaves_47_recoverable)
{
    js_sdc_dim dims[2];
    double v[25];
    unsigned char st[25], rec[25];
    table4(dims, v, st);
    const js_sdc_opts o = {0, 0};
    cr_expect_eq(js_sdc_primary(v, 25, &o, st), 9);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    size_t n_rec = 99;
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
    /* rows w + x minus columns a + c: w|b = 236 - 189 = 47, and only it */
    cr_expect_eq(n_rec, 1);
    cr_expect_eq(rec[0 * 5 + 1], 1, "w|b (47) is recoverable");
    cr_expect_eq((230 - 89) + (250 - 124 - 31) - (1012 - 92 - 800) - (779 - 59 - 651), 47);
    if (have_python()) {
        write_case("build/sdc-4x4-unsafe.txt", &a, v, st, rec, 0, 0);
        cr_expect_eq(run_oracle("build/sdc-4x4-unsafe.txt >/dev/null"), 0, "oracle agrees");
        cr_expect_neq(run_oracle("--safe build/sdc-4x4-unsafe.txt >/dev/null"), 0,
                      "oracle calls the pattern unsafe");
    }
    js_sdc_matrix_fini(&a);
}

Test(sdc, sdctable_gauss_pattern_passes_audit)
{
    js_sdc_dim dims[2];
    double v[25];
    unsigned char st[25], rec[25];
    table4(dims, v, st);
    size_t n_sec = 0, n_rec = 99;
    cr_assert_eq(js_sdc_secondary(dims, 2, v, st, &n_sec), JS_OK);
    /* one complement suffices (sdcTable adds x|b = 124); ours is the
     * smallest candidate that breaks the combination: x|d = 31 */
    cr_expect_eq(n_sec, 1);
    cr_expect_eq(st[1 * 5 + 3], JS_SDC_SECONDARY, "x|d = 31 is the complement");
    for (int k = 0; k < 25; k++)
        if (k % 5 == 4 || k >= 20)
            cr_expect_eq(st[k], JS_SDC_PUBLISHED, "margin %d is published", k);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
    cr_expect_eq(n_rec, 0);
    if (have_python()) {
        write_case("build/sdc-4x4-safe.txt", &a, v, st, rec, 0, 0);
        cr_expect_eq(run_oracle("--safe build/sdc-4x4-safe.txt >/dev/null"), 0);
    }
    js_sdc_matrix_fini(&a);
}

/* ------------------------------- sdcTable's region x gender problem */

/* sdcTable's sdc_testproblem(): the frequencies of its data set microdata1
 * (data/microdata1.rda, 100 rows of region A-D and gender; counted from
 * the decoded file: A 18 men and 2 women, B 14 and 19, C 12 and 10, D 11
 * and 14), with primarySuppression(type = "freq", maxN = 3), so A|female
 * (2) is sensitive.  tests/testthat/test-protectTable.r expects its OPT,
 * HITAS, HYPERCUBE and SIMPLEHEURISTIC methods to suppress the cells 5, 6,
 * 11 and 12 of its order (total first in each dimension): A|male,
 * A|female, C|male and C|female; its GAUSS, A, A, D and D. */
static const size_t flat3[3] = {2, 2, JS_SDC_ROOT}; /* male, female, total */

Test(sdc, sdctable_microdata1_region_by_gender)
{
    const js_sdc_dim dims[2] = {{5, flat5}, {3, flat3}};
    double v[15] = {18, 2, 0, 14, 19, 0, 12, 10, 0, 11, 14, 0, 0, 0, 0};
    unsigned char st[15] = {0}, rec[15];
    cr_assert_eq(js_sdc_fill_margins(dims, 2, v), JS_OK);
    cr_expect_eq(v[14], 100, "the 100 rows of microdata1");
    const js_sdc_opts o = {4, 0}; /* freq <= 3 (maxN = 3): below 4 */
    cr_expect_eq(js_sdc_primary(v, 15, &o, st), 1);
    cr_expect_eq(st[1], JS_SDC_PRIMARY, "A|female (2)");
    size_t n_sec = 0, n_rec = 99;
    cr_assert_eq(js_sdc_secondary(dims, 2, v, st, &n_sec), JS_OK);
    cr_expect_eq(n_sec, 3);
    cr_expect_eq(st[0], JS_SDC_SECONDARY, "A|male: the row's other cell");
    cr_expect_eq(st[6], JS_SDC_SECONDARY, "C|male, as sdcTable's OPT and HITAS");
    cr_expect_eq(st[7], JS_SDC_SECONDARY, "C|female");
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
    cr_expect_eq(n_rec, 0, "the pattern is safe");
    if (have_python()) {
        write_case("build/sdc-microdata1.txt", &a, v, st, rec, 4, 0);
        cr_expect_eq(run_oracle("--safe build/sdc-microdata1.txt >/dev/null"), 0);
    }
    js_sdc_matrix_fini(&a);
}

/* ------------------------------------------------------- small cases */

Test(sdc, primary_threshold_and_zeros)
{
    const double v[6] = {0, 1, 2, 3, (double)NAN, 2.5};
    unsigned char st[6] = {0};
    js_sdc_opts o = {3, 0};
    cr_expect_eq(js_sdc_primary(v, 6, &o, st), 3);
    cr_expect_eq(st[0], JS_SDC_PUBLISHED, "0 is published by default (METHODS 11.1)");
    cr_expect_eq(st[1], JS_SDC_PRIMARY);
    cr_expect_eq(st[3], JS_SDC_PUBLISHED, "3 is not below 3");
    cr_expect_eq(st[4], JS_SDC_MISSING);
    cr_expect_eq(st[5], JS_SDC_PRIMARY);
    o.protect_zeros = 1;
    memset(st, 0, sizeof st);
    cr_expect_eq(js_sdc_primary(v, 6, &o, st), 4);
    cr_expect_eq(st[0], JS_SDC_PRIMARY);
}

Test(sdc, dominance_rule_by_hand)
{
    const double c[4] = {70, 20, 5, 5};
    cr_expect(js_sdc_dominated(c, 4, 1, 60), "70 of 100 > 60 per cent");
    cr_expect(!js_sdc_dominated(c, 4, 1, 70), "70 is not more than 70 per cent");
    cr_expect(js_sdc_dominated(c, 4, 2, 85), "90 > 85 per cent");
    cr_expect(!js_sdc_dominated(c, 4, 2, 90));
    const double t[3] = {40, 40, 20};
    cr_expect(js_sdc_dominated(t, 3, 2, 79), "two tied largest: 80 > 79 per cent");
    cr_expect(!js_sdc_dominated(t, 3, 1, 40));
}

/* A county with one municipality (Gotland): the municipality equals the
 * county, so a small municipality cell is disclosed by its county total
 * unless that is suppressed too. */
Test(sdc, single_child_total_is_suppressed)
{
    /* region: 0 muniA, 1 muniB (county 3), 2 gotland (county 4), 3, 4, 5 country */
    static const size_t reg[6] = {3, 3, 4, 5, 5, JS_SDC_ROOT};
    static const size_t sex[3] = {2, 2, JS_SDC_ROOT};
    const js_sdc_dim dims[2] = {{6, reg}, {3, sex}};
    double v[18] = {0};
    const double inner[3][2] = {{40, 35}, {22, 27}, {2, 30}};
    for (int r = 0; r < 3; r++)
        for (int s = 0; s < 2; s++)
            v[r * 3 + s] = inner[r][s];
    cr_assert_eq(js_sdc_fill_margins(dims, 2, v), JS_OK);
    cr_expect_eq(v[4 * 3 + 0], 2, "Gotland county women = Gotland women");
    unsigned char st[18] = {0}, rec[18];
    const js_sdc_opts o = {3, 0};
    cr_expect_eq(js_sdc_primary(v, 18, &o, st), 2); /* the municipality and the county cell */
    size_t n_sec = 0, n_rec = 9;
    cr_assert_eq(js_sdc_secondary(dims, 2, v, st, &n_sec), JS_OK);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
    cr_expect_eq(n_rec, 0);
    cr_expect_gt(n_sec, 0);
    js_sdc_matrix_fini(&a);
}

/* ---------------------------------------------------- property test */

static uint64_t rng_next(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return *s >> 33;
}

/* A random table of 2 or 3 dimensions, each a flat list with its total or
 * (dimension 0, sometimes) a two-level hierarchy; values skewed so that
 * many inner cells are 0, 1 or 2. */
typedef struct rtable {
    size_t n_dims;
    size_t parent[3][12];
    js_sdc_dim dims[3];
    size_t n_cells;
    double *value;
} rtable;

static void rtable_make(rtable *t, uint64_t *seed)
{
    t->n_dims = 2 + rng_next(seed) % 2;
    for (size_t d = 0; d < t->n_dims; d++) {
        size_t n;
        const int hier = d == 0 && rng_next(seed) % 2;
        if (hier) { /* 2 groups of 2-3 leaves, 2 group totals, the top */
            const size_t g0 = 2 + rng_next(seed) % 2, g1 = 2 + rng_next(seed) % 2;
            n = g0 + g1 + 3;
            for (size_t k = 0; k < g0; k++)
                t->parent[d][k] = g0 + g1;
            for (size_t k = g0; k < g0 + g1; k++)
                t->parent[d][k] = g0 + g1 + 1;
            t->parent[d][g0 + g1] = t->parent[d][g0 + g1 + 1] = g0 + g1 + 2;
            t->parent[d][g0 + g1 + 2] = JS_SDC_ROOT;
        } else {
            const size_t leaves = 2 + rng_next(seed) % 4;
            n = leaves + 1;
            for (size_t k = 0; k < leaves; k++)
                t->parent[d][k] = leaves;
            t->parent[d][leaves] = JS_SDC_ROOT;
        }
        t->dims[d] = (js_sdc_dim){n, t->parent[d]};
    }
    t->n_cells = js_sdc_n_cells(t->dims, t->n_dims);
    t->value = calloc(t->n_cells, sizeof *t->value);
    cr_assert(t->value != NULL);
    for (size_t c = 0; c < t->n_cells; c++) {
        const uint64_t r = rng_next(seed) % 10;
        t->value[c] = r < 2 ? (double)(rng_next(seed) % 3) : (double)(rng_next(seed) % 60);
    }
    cr_assert_eq(js_sdc_fill_margins(t->dims, t->n_dims, t->value), JS_OK);
}

Test(sdc, property_random_tables_safe_deterministic, .timeout = 120)
{
    const size_t n_tables = 300;
    uint64_t seed = 20261203u;
    size_t n_supp_total = 0, n_files = 0;
    char files[8192] = "--safe";
    for (size_t k = 0; k < n_tables; k++) {
        rtable t;
        rtable_make(&t, &seed);
        const js_sdc_opts o = {3, (int)(k % 3 == 0)};
        unsigned char *st = calloc(t.n_cells, 1), *st2 = calloc(t.n_cells, 1);
        unsigned char *rec = calloc(t.n_cells, 1);
        cr_assert(st && st2 && rec);
        js_sdc_primary(t.value, t.n_cells, &o, st);
        memcpy(st2, st, t.n_cells);
        size_t n_sec = 0, n_sec2 = 0, n_rec = 9;
        cr_assert_eq(js_sdc_secondary(t.dims, t.n_dims, t.value, st, &n_sec), JS_OK);
        cr_assert_eq(js_sdc_secondary(t.dims, t.n_dims, t.value, st2, &n_sec2), JS_OK);
        cr_expect_eq(memcmp(st, st2, t.n_cells), 0, "table %zu: the pattern is deterministic", k);
        js_sdc_matrix a;
        cr_assert_eq(js_sdc_constraints(t.dims, t.n_dims, &a), JS_OK);
        cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
        cr_expect_eq(n_rec, 0, "table %zu: no suppressed cell is recoverable", k);
        for (size_t c = 0; c < t.n_cells; c++) {
            const double x = t.value[c];
            if (st[c] == JS_SDC_PUBLISHED)
                cr_expect(!(x > 0 && x < 3) && !(o.protect_zeros && x == 0),
                          "table %zu: published cell %zu = %g", k, c, x);
            n_supp_total += st[c] != JS_SDC_PUBLISHED;
        }
        /* every 10th table, and every table of the first 30, goes to the oracle */
        if (have_python() && (k < 30 || k % 10 == 0)) {
            char path[64];
            snprintf(path, sizeof path, "build/sdc-prop-%03zu.txt", k);
            write_case(path, &a, t.value, st, rec, 3, o.protect_zeros);
            strcat(files, " ");
            strcat(files, path);
            n_files++;
        }
        js_sdc_matrix_fini(&a);
        free(st);
        free(st2);
        free(rec);
        free(t.value);
    }
    cr_expect_gt(n_supp_total, n_tables, "the tables do have suppressions");
    if (n_files) {
        strcat(files, " >/dev/null");
        cr_expect_eq(run_oracle(files), 0, "the exact oracle finds every pattern safe");
    }
}

/* The audit is exact where floating point would not be: a single cell
 * constrained through a long chain stays decidable. */
Test(sdc, audit_chain_recoverable_by_hand)
{
    /* cells 0..3 unknown; rows: x0 + x1 = k, x1 - x2 = k, x2 + x3 = k,
     * x3 = k (x3 alone: recoverable, and then the chain recovers all) */
    size_t rs[5] = {0, 3, 6, 9, 11};
    size_t col[11] = {0, 1, 4, 1, 2, 4, 2, 3, 4, 3, 4};
    signed char val[11] = {1, 1, -1, 1, -1, -1, 1, 1, -1, 1, -1};
    js_sdc_matrix a = {4, 5, rs, col, val};
    unsigned char st[5] = {1, 2, 2, 2, 0}, rec[5];
    size_t n = 0;
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n), JS_OK);
    cr_expect_eq(n, 4);
    a.n_rows = 3; /* without x3 = k: one degree of freedom, nothing recoverable */
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n), JS_OK);
    cr_expect_eq(n, 0);
    /* the certificates need js_sdc_constraints' form (one +1 per row);
     * x0 + x1 = k has two, so forced onto them the block is undecided
     * (2), neither safe nor counted recoverable */
    a.n_rows = 4;
    cr_assert_eq(js_sdc_audit_limit(&a, st, rec, &n, 0), JS_OK);
    cr_expect_eq(n, 0);
    for (size_t j = 0; j < 4; j++)
        cr_expect_eq(rec[j], 2, "cell %zu undecided", j);
    cr_expect_eq(rec[4], 0, "the published cell");
}

/* Totals known from elsewhere (PUBLIC): never suppressed, counted as known
 * by the audit.  sdcTable's table gives the same one complement; Gotland's
 * municipality, equal to its public county total, cannot be protected and
 * the audit says so. */
Test(sdc, public_totals)
{
    js_sdc_dim dims[2];
    double v[25];
    unsigned char st[25], rec[25];
    table4(dims, v, st);
    for (int k = 0; k < 25; k++)
        if (k % 5 == 4 || k >= 20)
            st[k] = JS_SDC_PUBLIC;
    const js_sdc_opts o = {0, 0};
    cr_expect_eq(js_sdc_primary(v, 25, &o, st), 9);
    size_t n_sec = 0, n_rec = 9;
    cr_assert_eq(js_sdc_secondary(dims, 2, v, st, &n_sec), JS_OK);
    cr_expect_eq(n_sec, 1);
    cr_expect_eq(st[1 * 5 + 3], JS_SDC_SECONDARY);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
    cr_expect_eq(n_rec, 0);
    js_sdc_matrix_fini(&a);

    static const size_t reg[6] = {3, 3, 4, 5, 5, JS_SDC_ROOT};
    static const size_t sex[3] = {2, 2, JS_SDC_ROOT};
    const js_sdc_dim d2[2] = {{6, reg}, {3, sex}};
    double w[18] = {40, 35, 0, 22, 27, 0, 2, 30, 0};
    unsigned char s2[18] = {0}, r2[18];
    cr_assert_eq(js_sdc_fill_margins(d2, 2, w), JS_OK);
    for (int k = 0; k < 18; k++)
        if (k >= 9 || k % 3 == 2)
            s2[k] = JS_SDC_PUBLIC;
    const js_sdc_opts o3 = {3, 0};
    cr_expect_eq(js_sdc_primary(w, 18, &o3, s2), 1, "only Gotland's women (2): totals are public");
    cr_assert_eq(js_sdc_secondary(d2, 2, w, s2, &n_sec), JS_OK);
    cr_assert_eq(js_sdc_constraints(d2, 2, &a), JS_OK);
    cr_assert_eq(js_sdc_audit(&a, s2, r2, &n_rec), JS_OK);
    cr_expect_eq(r2[2 * 3 + 0], 1, "Gotland's women = the county's women, a public total");
    cr_expect_gt(n_rec, 0);
    if (have_python()) {
        write_case("build/sdc-gotland.txt", &a, w, s2, r2, 3, 0);
        cr_expect_eq(run_oracle("build/sdc-gotland.txt >/dev/null"), 0, "the oracle agrees");
    }
    js_sdc_matrix_fini(&a);
}

/* A block of unpublished cells larger than the dense audit takes goes to
 * the certificates and is decided all the same: a row of N unknowns under
 * a public total, none recoverable for N >= 2 (by hand: w = e_i - e_k
 * keeps the total), on both sides of the limit. */
Test(sdc, audit_large_block_certified)
{
    for (size_t n_leaves = JS_SDC_AUDIT_MAX_BLOCK; n_leaves <= JS_SDC_AUDIT_MAX_BLOCK + 1; n_leaves++) {
        size_t *parent = calloc(n_leaves + 1, sizeof *parent);
        double *v = calloc(n_leaves + 1, sizeof *v);
        unsigned char *st = calloc(n_leaves + 1, 1), *rec = calloc(n_leaves + 1, 1);
        cr_assert(parent && v && st && rec);
        for (size_t k = 0; k < n_leaves; k++) {
            parent[k] = n_leaves;
            v[k] = 1;
            st[k] = JS_SDC_PRIMARY;
        }
        parent[n_leaves] = JS_SDC_ROOT;
        v[n_leaves] = (double)n_leaves;
        st[n_leaves] = JS_SDC_PUBLIC;
        const js_sdc_dim dim = {n_leaves + 1, parent};
        js_sdc_matrix a;
        size_t n_rec = 9;
        cr_assert_eq(js_sdc_constraints(&dim, 1, &a), JS_OK);
        cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
        cr_expect_eq(n_rec, 0);
        for (size_t k = 0; k < n_leaves; k++)
            cr_expect_eq(rec[k], 0, "%zu cells: cell %zu proved safe", n_leaves, k);
        js_sdc_matrix_fini(&a);
        free(parent);
        free(v);
        free(st);
        free(rec);
    }
}

/* ------------------------------------------------------ certificates */

/* The largest connected block of unpublished cells, found here by a
 * search of its own (not the audit's union-find). */
static size_t largest_block(const js_sdc_matrix *a, const unsigned char *st)
{
    const size_t nc = a->n_cols;
    size_t *cs = calloc(nc + 1, sizeof *cs), *cr = calloc(a->row_start[a->n_rows] + 1, sizeof *cr);
    size_t *queue = calloc(nc + 1, sizeof *queue), *fill = calloc(nc + 1, sizeof *fill);
    unsigned char *seen = calloc(nc + 1, 1), *row_seen = calloc(a->n_rows + 1, 1);
    cr_assert(cs && cr && queue && fill && seen && row_seen);
    for (size_t e = 0; e < a->row_start[a->n_rows]; e++)
        cs[a->col[e] + 1]++;
    for (size_t j = 0; j < nc; j++)
        cs[j + 1] += cs[j];
    memcpy(fill, cs, (nc + 1) * sizeof *fill);
    for (size_t r = 0; r < a->n_rows; r++)
        for (size_t e = a->row_start[r]; e < a->row_start[r + 1]; e++)
            cr[fill[a->col[e]]++] = r;
    size_t best = 0;
    for (size_t s = 0; s < nc; s++) {
        if (seen[s] || st[s] == JS_SDC_PUBLISHED || st[s] == JS_SDC_PUBLIC)
            continue;
        size_t n = 0;
        queue[n++] = s;
        seen[s] = 1;
        for (size_t q = 0; q < n; q++)
            for (size_t k = cs[queue[q]]; k < cs[queue[q] + 1]; k++) {
                const size_t r = cr[k];
                if (row_seen[r])
                    continue;
                row_seen[r] = 1;
                for (size_t e = a->row_start[r]; e < a->row_start[r + 1]; e++) {
                    const size_t j = a->col[e];
                    if (!seen[j] && st[j] != JS_SDC_PUBLISHED && st[j] != JS_SDC_PUBLIC) {
                        seen[j] = 1;
                        queue[n++] = j;
                    }
                }
            }
        best = n > best ? n : best;
    }
    free(cs);
    free(cr);
    free(queue);
    free(fill);
    free(seen);
    free(row_seen);
    return best;
}

/* Dense (exact both ways) against certificates (js_sdc_audit_limit with
 * limit 0) on one pattern: a certificate's "safe" where the dense audit
 * says recoverable is a failure; *n_lost counts the cells the dense audit
 * proves safe that the certificates call 1 or 2, *n_rec_cells the
 * recoverable cells both find. */
static void compare_audits(const js_sdc_matrix *a, const unsigned char *st, const char *what,
                           size_t *n_lost, size_t *n_rec_cells)
{
    unsigned char *dense = calloc(a->n_cols, 1), *cert = calloc(a->n_cols, 1);
    cr_assert(dense && cert);
    size_t n_d = 9, n_c = 9;
    cr_assert_eq(js_sdc_audit_limit(a, st, dense, &n_d, SIZE_MAX), JS_OK);
    cr_assert_eq(js_sdc_audit_limit(a, st, cert, &n_c, 0), JS_OK);
    for (size_t j = 0; j < a->n_cols; j++) {
        cr_assert_neq(dense[j], 2, "%s: the dense audit decides cell %zu", what, j);
        cr_expect(!(cert[j] == 0 && dense[j] == 1), "%s: cell %zu called safe, but recoverable",
                  what, j);
        *n_lost += dense[j] == 0 && cert[j] != 0;
        *n_rec_cells += dense[j] == 1 && cert[j] == 1;
    }
    cr_expect_leq(n_c, n_d, "%s", what);
    free(dense);
    free(cert);
}

Test(sdc, certificates_agree_with_dense_audit_4x4)
{
    js_sdc_dim dims[2];
    double v[25];
    unsigned char st[25], rec[25];
    table4(dims, v, st);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    size_t n_rec = 99, lost = 0, both = 0;
    /* two per line: w|b (47) is recoverable, the other eight are safe */
    cr_assert_eq(js_sdc_audit_limit(&a, st, rec, &n_rec, 0), JS_OK);
    cr_expect_eq(n_rec, 1);
    cr_expect_eq(rec[0 * 5 + 1], 1, "w|b (47) is recoverable");
    for (int k = 0; k < 9; k++)
        if (prim4[k][0] != 0 || prim4[k][1] != 1)
            cr_expect_eq(rec[prim4[k][0] * 5 + prim4[k][1]], 0, "primary %d proved safe", k);
    compare_audits(&a, st, "4x4 two per line", &lost, &both);
    size_t n_sec = 0;
    cr_assert_eq(js_sdc_secondary(dims, 2, v, st, &n_sec), JS_OK);
    cr_assert_eq(js_sdc_audit_limit(&a, st, rec, &n_rec, 0), JS_OK);
    cr_expect_eq(n_rec, 0);
    for (int k = 0; k < 25; k++)
        if (st[k] != JS_SDC_PUBLISHED)
            cr_expect_eq(rec[k], 0, "cell %d proved safe with its complement", k);
    compare_audits(&a, st, "4x4 with complement", &lost, &both);
    cr_expect_eq(lost, 0);
    cr_expect_eq(both, 1);
    js_sdc_matrix_fini(&a);
}

/* The 300 tables of the property test, each twice: primary suppression
 * alone (often unsafe) and with the complements (safe).  Observed: the
 * certificates never answer 1 or 2 where the dense audit proves safety
 * (lost = 0), and find every recoverable cell it finds. */
Test(sdc, certificates_agree_with_dense_audit_random, .timeout = 120)
{
    uint64_t seed = 20261203u;
    size_t lost = 0, both = 0, n_dense_rec = 0;
    for (size_t k = 0; k < 300; k++) {
        rtable t;
        rtable_make(&t, &seed);
        const js_sdc_opts o = {3, (int)(k % 3 == 0)};
        unsigned char *st = calloc(t.n_cells, 1), *rec = calloc(t.n_cells, 1);
        cr_assert(st && rec);
        js_sdc_primary(t.value, t.n_cells, &o, st);
        js_sdc_matrix a;
        cr_assert_eq(js_sdc_constraints(t.dims, t.n_dims, &a), JS_OK);
        char what[64];
        size_t n_rec = 0;
        cr_assert_eq(js_sdc_audit_limit(&a, st, rec, &n_rec, SIZE_MAX), JS_OK);
        n_dense_rec += n_rec;
        snprintf(what, sizeof what, "table %zu, primary only", k);
        compare_audits(&a, st, what, &lost, &both);
        size_t n_sec = 0;
        cr_assert_eq(js_sdc_secondary(t.dims, t.n_dims, t.value, st, &n_sec), JS_OK);
        snprintf(what, sizeof what, "table %zu, with complements", k);
        compare_audits(&a, st, what, &lost, &both);
        js_sdc_matrix_fini(&a);
        free(st);
        free(rec);
        free(t.value);
    }
    cr_log_info("certificates vs dense audit, 600 patterns: %zu safe cells answered 1 or 2, "
                "%zu of %zu recoverable suppressed cells found by both",
                lost, both, n_dense_rec);
    cr_expect_gt(n_dense_rec, 50, "the primary patterns do disclose cells");
    cr_expect_eq(lost, 0);
    cr_expect_geq(both, n_dense_rec);
}

/* A certificate by hand on sdcTable's table with its complement: +1 at
 * w|a and x|c, -1 at w|c and x|a keeps rows w, x and columns a, c.  Any
 * change to it is caught. */
Test(sdc, certificate_check_rejects_tampering)
{
    js_sdc_dim dims[2];
    double v[25];
    unsigned char st[25];
    table4(dims, v, st);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    size_t idx[4] = {0, 2, 5, 7};
    int64_t val[4] = {1, -1, -1, 1};
    cr_expect_eq(js_sdc_certificate_check(&a, st, idx, val, 4), 1,
                 "the 2 x 2 swap is a certificate");
    val[2] = -2;
    cr_expect_eq(js_sdc_certificate_check(&a, st, idx, val, 4), 0, "a flipped entry breaks it");
    val[2] = -1;
    idx[3] = 8; /* x|d, published before the complement */
    cr_expect_eq(js_sdc_certificate_check(&a, st, idx, val, 4), 0, "moved to another cell");
    idx[3] = 7;
    st[7] = JS_SDC_PUBLISHED;
    cr_expect_eq(js_sdc_certificate_check(&a, st, idx, val, 4), 0, "it moves a published cell");
    st[7] = JS_SDC_PRIMARY;
    cr_expect_eq(js_sdc_certificate_check(&a, st, idx, val, 3), 0, "an entry left out");
    const int64_t big[4] = {INT64_MAX, -INT64_MAX, -INT64_MAX, INT64_MAX};
    cr_expect_eq(js_sdc_certificate_check(&a, st, idx, big, 4), 1, "large, but exact");
    const int64_t wrap[4] = {INT64_MAX, INT64_MIN, -INT64_MAX, INT64_MAX};
    cr_expect_eq(js_sdc_certificate_check(&a, st, idx, wrap, 4), 0, "an overflow never passes");
    js_sdc_matrix_fini(&a);
}

/* A large block with one recoverable cell: 2 rows x 3200 columns, every
 * total public, every inner cell suppressed but r1|c0, so that column 0
 * gives r0|c0 away (by hand) while the rest stay free (w = 2 x 2 swaps). */
Test(sdc, certificates_large_block_one_recoverable)
{
    const size_t n_col = 3200;
    static const size_t rows[3] = {2, 2, JS_SDC_ROOT};
    size_t *cols = calloc(n_col + 1, sizeof *cols);
    cr_assert(cols);
    for (size_t k = 0; k < n_col; k++)
        cols[k] = n_col;
    cols[n_col] = JS_SDC_ROOT;
    const js_sdc_dim dims[2] = {{3, rows}, {n_col + 1, cols}};
    const size_t nc = js_sdc_n_cells(dims, 2);
    unsigned char *st = calloc(nc, 1), *rec = calloc(nc, 1);
    cr_assert(st && rec);
    for (size_t c = 0; c < nc; c++)
        st[c] = c / (n_col + 1) == 2 || c % (n_col + 1) == n_col ? JS_SDC_PUBLIC : JS_SDC_PRIMARY;
    st[1 * (n_col + 1) + 0] = JS_SDC_PUBLISHED;
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    cr_expect_gt(largest_block(&a, st), JS_SDC_AUDIT_MAX_BLOCK);
    size_t n_rec = 0;
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
    cr_expect_eq(n_rec, 1);
    cr_expect_eq(rec[0], 1, "r0|c0 = column 0's total - r1|c0");
    size_t n_safe = 0;
    for (size_t c = 0; c < nc; c++)
        n_safe += st[c] == JS_SDC_PRIMARY && rec[c] == 0;
    cr_expect_eq(n_safe, 2 * n_col - 2);
    js_sdc_matrix_fini(&a);
    free(cols);
    free(st);
    free(rec);
}

/* The bench's shape family, smaller: 60 municipalities in 4 counties and
 * the country x 2 sexes x 20 ages x 5 backgrounds, every total, counts as
 * bench/sdc_bench.c draws them.  Its suppressed cells form one block of
 * more than JS_SDC_AUDIT_MAX_BLOCK cells, which the dense audit left
 * undecided; the certificates prove every cell safe. */
static double bench_uniform(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static double bench_poisson(uint64_t *s, double mu)
{
    if (mu > 30) {
        const double u = bench_uniform(s), w = bench_uniform(s);
        const double z = sqrt(-2 * log(u + 1e-300)) * cos(6.283185307179586 * w);
        const double x = floor(mu + sqrt(mu) * z + 0.5);
        return x < 0 ? 0 : x;
    }
    const double l = exp(-mu);
    double k = 0, p = 1;
    do {
        k++;
        p *= bench_uniform(s);
    } while (p > l);
    return k - 1;
}

Test(sdc, certificates_bench_shape_all_safe, .timeout = 120)
{
    size_t reg[65], sex[3] = {2, 2, JS_SDC_ROOT}, age[21], bg[6];
    for (size_t r = 0; r < 60; r++)
        reg[r] = 60 + r / 15;
    for (size_t c = 60; c < 64; c++)
        reg[c] = 64;
    reg[64] = JS_SDC_ROOT;
    for (size_t k = 0; k < 20; k++)
        age[k] = 20;
    age[20] = JS_SDC_ROOT;
    for (size_t b = 0; b < 5; b++)
        bg[b] = 5;
    bg[5] = JS_SDC_ROOT;
    const js_sdc_dim dims[4] = {{65, reg}, {3, sex}, {21, age}, {6, bg}};
    const size_t n = js_sdc_n_cells(dims, 4);
    double *v = calloc(n, sizeof *v);
    unsigned char *st = calloc(n, 1), *rec = calloc(n, 1);
    cr_assert(v && st && rec);
    static const double bg_share[5] = {0.80, 0.08, 0.06, 0.04, 0.02};
    uint64_t seed = 60u;
    for (size_t r = 0; r < 60; r++) {
        const double size = 2500 * exp(2.2 * bench_uniform(&seed) * bench_uniform(&seed) * 3);
        for (size_t s = 0; s < 2; s++)
            for (size_t k = 0; k < 20; k++)
                for (size_t b = 0; b < 5; b++) {
                    const double prof = k < 16 ? 0.055 : 0.055 * pow(0.45, (double)(k - 15));
                    const double mu = size / 2 * prof * bg_share[b];
                    v[((r * 3 + s) * 21 + k) * 6 + b] = bench_poisson(&seed, mu);
                }
    }
    cr_assert_eq(js_sdc_fill_margins(dims, 4, v), JS_OK);
    const js_sdc_opts o = {3, 0};
    const size_t n_prim = js_sdc_primary(v, n, &o, st);
    size_t n_sec = 0, n_rec = 9;
    cr_assert_eq(js_sdc_secondary(dims, 4, v, st, &n_sec), JS_OK);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 4, &a), JS_OK);
    const size_t block = largest_block(&a, st);
    cr_log_info("bench shape 60 x 2 x 20 x 5: %zu cells, %zu primary, %zu secondary, largest block "
                "%zu cells", n, n_prim, n_sec, block);
    cr_expect_gt(block, JS_SDC_AUDIT_MAX_BLOCK, "the block the dense audit left undecided");
    cr_assert_eq(js_sdc_audit(&a, st, rec, &n_rec), JS_OK);
    size_t n_und = 0, n_one = 0, n_safe = 0;
    for (size_t c = 0; c < n; c++) {
        n_und += rec[c] == 2;
        n_one += rec[c] == 1;
        n_safe += st[c] != JS_SDC_PUBLISHED && rec[c] == 0;
    }
    cr_expect_eq(n_rec, 0);
    cr_expect_eq(n_one, 0);
    cr_expect_eq(n_und, 0);
    cr_expect_eq(n_safe, n_prim + n_sec, "every suppressed cell proved safe");
    js_sdc_matrix_fini(&a);
    free(v);
    free(st);
    free(rec);
}

/* Fault injection (STYLE.md 10.6) through the certificate audit: fail
 * allocation k = 1, 2, ... until it succeeds; every failure is JS_ENOMEM
 * (valgrind/ASan runs show no leak), and the run that succeeds gives the
 * verdict of one without failures. */
Test(sdc, certificate_audit_out_of_memory)
{
    js_sdc_dim dims[2];
    double v[25];
    unsigned char st[25], rec[25], want[25];
    table4(dims, v, st);
    js_sdc_matrix a;
    cr_assert_eq(js_sdc_constraints(dims, 2, &a), JS_OK);
    size_t n_rec = 0;
    cr_assert_eq(js_sdc_audit_limit(&a, st, want, &n_rec, 0), JS_OK);
    for (size_t k = 1; k < 2000; k++) {
        js_alloc_fail_at(k);
        const js_status s = js_sdc_audit_limit(&a, st, rec, &n_rec, 0);
        js_alloc_fail_at(0);
        if (s == JS_OK) {
            cr_expect_eq(memcmp(rec, want, sizeof rec), 0, "the verdict after %zu failures", k - 1);
            cr_expect_eq(n_rec, 1);
            js_sdc_matrix_fini(&a);
            return;
        }
        cr_expect_eq(s, JS_ENOMEM, "allocation %zu failed with status %d", k, s);
    }
    cr_assert_fail("the audit never succeeded");
}
