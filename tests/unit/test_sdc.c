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
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A block of unpublished cells larger than the dense audit takes is left
 * undecided (2), not counted as recoverable, and said so; one cell fewer
 * is decided (a row of N unknowns under a public total: none recoverable
 * for N >= 2, by hand). */
Test(sdc, audit_large_block_undecided)
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
        cr_expect_eq(rec[0], n_leaves > JS_SDC_AUDIT_MAX_BLOCK ? 2 : 0, "%zu cells", n_leaves);
        js_sdc_matrix_fini(&a);
        free(parent);
        free(v);
        free(st);
        free(rec);
    }
}
