/*
 * sdc_bench.c - time primary and secondary suppression (src/stats/sdc.c)
 * on a table the size of a region's own small-area publication: 290
 * municipalities in 21 counties and the country x 2 sexes and their total
 * x 20 age groups and their total x 5 background groups and their total,
 * every margin included.  The counts are synthetic (a seeded generator:
 * municipality sizes spread as Sweden's, a falling age profile, one large
 * and four small background groups), so that many cells are 0, 1 or 2.
 * Prints the number of cells, of primary and of secondary suppressions,
 * and the seconds each step took on one core; with "audit", the exact
 * audit's verdict counts (proved safe, recoverable, undecided: its
 * suppressed cells form one block of 18,898, decided by certificates) and
 * its time.  Built and run by bench/sdc.sh.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stats/sdc.h"

static uint64_t seed = 290u;

static double uniform(void)
{
    seed = seed * 6364136223846793005u + 1442695040888963407u;
    return (double)(seed >> 11) / 9007199254740992.0;
}

/* A Poisson draw (Knuth below 30, a rounded normal above). */
static double poisson(double mu)
{
    if (mu > 30) {
        const double u = uniform(), v = uniform();
        const double z = sqrt(-2 * log(u + 1e-300)) * cos(6.283185307179586 * v);
        const double x = floor(mu + sqrt(mu) * z + 0.5);
        return x < 0 ? 0 : x;
    }
    const double l = exp(-mu);
    double k = 0, p = 1;
    do {
        k++;
        p *= uniform();
    } while (p > l);
    return k - 1;
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* CPU seconds of this process: on a shared machine the wall time also
 * counts the other processes' turns. */
static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    static const int per_county[21] = {26, 8, 9, 13, 13, 8, 12, 1, 5, 33, 6,
                                       49, 16, 12, 10, 15, 10, 7, 8, 15, 14};
    const double threshold = argc > 1 ? atof(argv[1]) : 3;
    size_t reg[312], sex[3] = {2, 2, JS_SDC_ROOT}, age[21], bg[6];
    size_t m = 0;
    for (size_t c = 0; c < 21; c++)
        for (int k = 0; k < per_county[c]; k++)
            reg[m++] = 290 + c;
    for (size_t c = 290; c < 311; c++)
        reg[c] = 311;
    reg[311] = JS_SDC_ROOT;
    for (size_t a = 0; a < 20; a++)
        age[a] = 20;
    age[20] = JS_SDC_ROOT;
    for (size_t b = 0; b < 5; b++)
        bg[b] = 5;
    bg[5] = JS_SDC_ROOT;
    const js_sdc_dim dims[4] = {{312, reg}, {3, sex}, {21, age}, {6, bg}};
    const size_t n = js_sdc_n_cells(dims, 4);
    double *v = calloc(n, sizeof *v);
    unsigned char *st = calloc(n, 1);
    if (!v || !st)
        return 1;
    static const double bg_share[5] = {0.80, 0.08, 0.06, 0.04, 0.02};
    for (size_t r = 0; r < 290; r++) {
        const double size = 2500 * exp(2.2 * uniform() * uniform() * 3); /* 2 500 to ~1.8 M */
        for (size_t s = 0; s < 2; s++)
            for (size_t a = 0; a < 20; a++)
                for (size_t b = 0; b < 5; b++) {
                    const double mu = size / 2 * (a < 16 ? 0.055 : 0.055 * pow(0.45, (double)(a - 15))) * bg_share[b];
                    v[((r * 3 + s) * 21 + a) * 6 + b] = poisson(mu);
                }
    }
    if (js_sdc_fill_margins(dims, 4, v) != JS_OK)
        return 1;
    const js_sdc_opts o = {threshold, 0};
    const double t0 = seconds(), c0 = cpu_seconds();
    const size_t n_prim = js_sdc_primary(v, n, &o, st);
    size_t n_sec = 0;
    if (js_sdc_secondary(dims, 4, v, st, &n_sec) != JS_OK)
        return 1;
    const double t1 = seconds(), c1 = cpu_seconds();
    printf("sdc: %zu cells (290 x 2 x 20 x 5 with every total), threshold %g: %zu primary, "
           "%zu secondary suppressions, %.3f s CPU (%.3f s wall)\n", n, threshold, n_prim, n_sec,
           c1 - c0, t1 - t0);
    fflush(stdout);
    if (argc > 2 && strcmp(argv[2], "audit") == 0) {
        js_sdc_matrix a;
        unsigned char *rec = calloc(n, 1);
        size_t n_rec = 0;
        const double t2 = seconds(), c2 = cpu_seconds();
        if (!rec || js_sdc_constraints(dims, 4, &a) != JS_OK || js_sdc_audit(&a, st, rec, &n_rec) != JS_OK)
            return 1;
        const double t3 = seconds(), c3 = cpu_seconds();
        size_t n_safe = 0, n_und = 0;
        for (size_t c = 0; c < n; c++) {
            const int supp = st[c] == JS_SDC_PRIMARY || st[c] == JS_SDC_SECONDARY;
            n_safe += supp && rec[c] == 0;
            n_und += supp && rec[c] == 2;
        }
        printf("sdc: audit of the %zu suppressed cells: %zu proved safe, %zu recoverable, %zu "
               "undecided, %.3f s CPU (%.3f s wall)\n", n_prim + n_sec, n_safe, n_rec, n_und,
               c3 - c2, t3 - t2);
        js_sdc_matrix_fini(&a);
        free(rec);
    }
    free(v);
    free(st);
    return 0;
}
