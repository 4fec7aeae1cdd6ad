/*
 * test_segreg.c - the segregation indices, their bootstrap and the
 * two-proportion intervals and tests (src/stats/segreg.c), and the PHE
 * Wilson and Byar test values on js_wilson and js_byar_limits.
 *
 * Expected values: elbersb/segregation's tests (D of its four tables),
 * METHODS 7 TV-7 and 5.8 TV-5 (R 4.2.2), Newcombe (1998) Table II,
 * Fisher's tea-tasting table (p = 0.4857, Agresti, Categorical Data
 * Analysis, 3.5.2), and PHEindicatormethods' published test sheets.
 */
#include <math.h>
#include <string.h>

#include "stats/segreg.h"
#include "stats/lifetable.h"
#include "stats/stdrate.h"
#include "testutil.h"

static const js_seg_spec duncan = {JS_SEG_DUNCAN, 0, 0, JS_SEG_ALL, 0};
static const js_seg_spec karmel = {JS_SEG_KARMEL, 0, 0, JS_SEG_ALL, 0};
static const js_seg_spec gibbs = {JS_SEG_STANDARDISED, 0, 0, JS_SEG_ALL, 0};

/* TV-7 */
static const double tv7_f[5] = {300, 50, 120, 30, 500}, tv7_m[5] = {100, 400, 130, 270, 300};

Test(segreg, elbersb_four_tables)
{
    const double f1[4] = {100, 60, 40, 0}, m1[4] = {0, 40, 60, 100};
    const double f2[4] = {80, 80, 20, 20}, m2[4] = {20, 20, 80, 80};
    const double f3[4] = {100, 100, 0, 0}, m3[4] = {0, 0, 100, 100};
    const double f0[3] = {100, 100, 100}, m0[3] = {100, 100, 100};
    ASSERT_CLOSE(js_seg_index(&duncan, f1, m1, 4), 0.6, 1e-12);
    ASSERT_CLOSE(js_seg_index(&duncan, f2, m2, 4), 0.6, 1e-12);
    ASSERT_CLOSE(js_seg_index(&duncan, f3, m3, 4), 1.0, 1e-12);
    ASSERT_CLOSE(js_seg_index(&duncan, f0, m0, 3), 0.0, 1e-12);
}

Test(segreg, tv7_indices_and_the_ip_identity)
{
    const double d = js_seg_index(&duncan, tv7_f, tv7_m, 5);
    ASSERT_CLOSE(d, 0.4783333333, 1e-9);
    const double a = 1000.0 / 2200.0;
    ASSERT_CLOSE(js_seg_index(&karmel, tv7_f, tv7_m, 5), 0.2371900826, 1e-9);
    ASSERT_CLOSE(js_seg_index(&karmel, tv7_f, tv7_m, 5), 2 * a * (1 - a) * d, 1e-12);
    ASSERT_CLOSE(js_seg_index(&gibbs, tv7_f, tv7_m, 5), 0.5075550003, 1e-9);
    js_seg_spec b = {JS_SEG_BALANCED, 0.4, 0.6, JS_SEG_ALL, 0};
    ASSERT_CLOSE(js_seg_index(&b, tv7_f, tv7_m, 5), 0.1136363636, 1e-9);
    b.whom = JS_SEG_WOMEN;
    ASSERT_CLOSE(js_seg_index(&b, tv7_f, tv7_m, 5), 0.12, 1e-12);
    b.whom = JS_SEG_MEN;
    ASSERT_CLOSE(js_seg_index(&b, tv7_f, tv7_m, 5), 0.1083333333, 1e-9);
}

Test(segreg, no_women_or_no_men_is_undefined)
{
    const double f[2] = {0, 0}, m[2] = {3, 4};
    cr_expect(isnan(js_seg_index(&duncan, f, m, 2)));
    cr_expect(isnan(js_seg_index(&karmel, m, f, 2)));
    cr_expect(isnan(js_seg_index(&gibbs, f, m, 2)));
}

Test(segreg, balance_classes_on_unrounded_shares)
{
    /* METHODS 6.3 TV-6: 39.99 / 40 / 47.3 / 60 / 60.01 -> F / T / T / T / F */
    cr_expect_eq(js_seg_balance_class(3999, 10000, 0.4, 0.6), -1);
    cr_expect_eq(js_seg_balance_class(40, 100, 0.4, 0.6), 0);
    cr_expect_eq(js_seg_balance_class(473, 1000, 0.4, 0.6), 0);
    cr_expect_eq(js_seg_balance_class(60, 100, 0.4, 0.6), 0);
    cr_expect_eq(js_seg_balance_class(6001, 10000, 0.4, 0.6), 1);
    cr_expect_eq(js_seg_balance_class(2, 5, 0.4, 0.6), 0); /* a board of 5 with 2 women */
    cr_expect_eq(js_seg_balance_class(0, 0, 0.4, 0.6), 2);
}

Test(segreg, bootstrap_reproducible_debiased_and_shrinking)
{
    js_seg_boot a, b, c, big;
    cr_assert_eq(js_seg_bootstrap(&duncan, tv7_f, tv7_m, 5, 2000, 42, 0.95, &a), JS_OK);
    cr_assert_eq(js_seg_bootstrap(&duncan, tv7_f, tv7_m, 5, 2000, 42, 0.95, &b), JS_OK);
    cr_assert_eq(js_seg_bootstrap(&duncan, tv7_f, tv7_m, 5, 2000, 43, 0.95, &c), JS_OK);
    ASSERT_CLOSE(a.est, 0.4783333333, 1e-9);
    cr_expect_eq(a.used, 2000);
    cr_expect(a.lo == b.lo && a.hi == b.hi && a.bc == b.bc, "the same seed, the same interval");
    cr_expect(a.lo != c.lo || a.hi != c.hi, "another seed, other limits");
    cr_expect(a.lo < a.est && a.est < a.hi, "%g < %g < %g", a.lo, a.est, a.hi);
    cr_expect(a.lo < a.bc && a.bc < a.est, "D is biased upwards: bc %g below %g", a.bc, a.est);
    /* the binomial SE of a share of 1000 or 1200 sets the scale: about 0.015 */
    cr_expect(a.se > 0.008 && a.se < 0.03, "se %g", a.se);
    double f100[5], m100[5];
    for (int i = 0; i < 5; i++) {
        f100[i] = 100 * tv7_f[i];
        m100[i] = 100 * tv7_m[i];
    }
    cr_assert_eq(js_seg_bootstrap(&duncan, f100, m100, 5, 2000, 42, 0.95, &big), JS_OK);
    const double ratio = (a.hi - a.lo) / (big.hi - big.lo);
    cr_expect(ratio > 7 && ratio < 14, "100 x the counts: width ratio %g, expected about 10", ratio);
    ASSERT_CLOSE(big.est, a.est, 1e-12);
}

/* TV-7's categories by their share of women: 0.75 and 0.625 female-
 * dominated, 0.48 balanced, 0.111 and 0.1 male-dominated.  By hand:
 * women 800, 120, 80 of 1000; men 400, 130, 670 of 1200. */
Test(segreg, balance_classes_by_hand_and_on_shared_replicates)
{
    js_seg_spec sp[6];
    const int cls[3] = {1, 0, -1};
    for (size_t c = 0; c < 3; c++) {
        sp[2 * c] = (js_seg_spec){JS_SEG_BALANCED, 0.4, 0.6, JS_SEG_WOMEN, cls[c]};
        sp[2 * c + 1] = (js_seg_spec){JS_SEG_BALANCED, 0.4, 0.6, JS_SEG_MEN, cls[c]};
    }
    const double want[6] = {0.8, 400.0 / 1200, 0.12, 130.0 / 1200, 0.08, 670.0 / 1200};
    js_seg_boot b[6];
    cr_assert_eq(js_seg_bootstrap_n(sp, 6, tv7_f, tv7_m, 5, 500, 7, 0.95, b), JS_OK);
    for (size_t i = 0; i < 6; i++) {
        ASSERT_CLOSE(b[i].est, want[i], 1e-12);
        js_seg_boot one; /* alone, with the same seed: the same replicates */
        cr_assert_eq(js_seg_bootstrap(&sp[i], tv7_f, tv7_m, 5, 500, 7, 0.95, &one), JS_OK);
        cr_expect(one.lo == b[i].lo && one.hi == b[i].hi && one.bc == b[i].bc, "spec %zu", i);
    }
    /* each replicate's classes add up to 1, so their bias-corrected means do */
    ASSERT_CLOSE(b[0].bc + b[2].bc + b[4].bc, 1.0, 1e-9);
    ASSERT_CLOSE(b[1].bc + b[3].bc + b[5].bc, 1.0, 1e-9);
}

Test(segreg, bootstrap_of_nothing_gives_no_interval)
{
    const double f[2] = {0, 0}, m[2] = {3, 4};
    js_seg_boot b;
    cr_assert_eq(js_seg_bootstrap(&duncan, f, m, 2, 100, 1, 0.95, &b), JS_OK);
    cr_expect(isnan(b.est) && isnan(b.lo) && isnan(b.hi));
    cr_assert_eq(js_seg_bootstrap(&duncan, tv7_f, tv7_m, 5, 0, 1, 0.95, &b), JS_OK);
    ASSERT_CLOSE(b.est, 0.4783333333, 1e-9);
    cr_expect(isnan(b.lo));
}

Test(segreg, newcombe_published_intervals)
{
    double lo, hi;
    /* Newcombe (1998) Table II, example (a): 56/70 - 48/80 -> 0.0524 to 0.3339 */
    js_newcombe(56, 70, 48, 80, 0.05, &lo, &hi);
    cr_expect(fabs(lo - 0.0524) < 5e-5 && fabs(hi - 0.3339) < 5e-5, "%.6f %.6f", lo, hi);
    /* METHODS 5.8: 7/34 vs 1/34, published 0.0189 to 0.3404 */
    js_newcombe(7, 34, 1, 34, 0.05, &lo, &hi);
    ASSERT_CLOSE(lo, 0.0189214439, 1e-8);
    ASSERT_CLOSE(hi, 0.3403686870, 1e-8);
    js_newcombe(1, 0, 1, 3, 0.05, &lo, &hi);
    cr_expect(isnan(lo) && isnan(hi));
}

Test(segreg, z_test_and_fisher)
{
    double z;
    /* METHODS 5.8: 7/34 vs 1/34: z = 2.2583179581, P = 0.0239258435 (z^2 = X2 = 5.1) */
    ASSERT_CLOSE(js_two_prop_z(7, 34, 1, 34, &z), 0.0239258435, 1e-8);
    ASSERT_CLOSE(z, 2.2583179581, 1e-9);
    ASSERT_CLOSE(z * z, 5.1, 1e-9);
    /* Fisher's tea tasting, 3 of 4 against 1 of 4: two-sided p = 0.4857 (= 34/70) */
    ASSERT_CLOSE(js_fisher_exact(3, 4, 1, 4), 34.0 / 70.0, 1e-12);
    int exact = 0;
    ASSERT_CLOSE(js_two_prop_p(3, 4, 1, 4, &exact), 34.0 / 70.0, 1e-12);
    cr_expect_eq(exact, 1);
    ASSERT_CLOSE(js_two_prop_p(560, 700, 480, 800, &exact), js_two_prop_z(560, 700, 480, 800, NULL), 1e-15);
    cr_expect_eq(exact, 0);
    cr_expect(isnan(js_two_prop_p(0, 10, 0, 12, &exact)), "no difference detectable");
}

Test(segreg, ratio_log_intervals)
{
    double lo, hi;
    /* METHODS 5.8: RR 45/12000 vs 30/11000 = 1.375, log-normal 0.8663084896 - 2.182392326 */
    js_ratio_log_interval(45, 12000, 30, 11000, 0.05, 0, &lo, &hi);
    ASSERT_CLOSE(lo, 0.8663084896, 1e-9);
    ASSERT_CLOSE(hi, 2.182392326, 1e-9);
    /* Katz for proportions, by hand: 56/70 over 48/80 = 4/3, se^2 = 1/56 - 1/70 + 1/48 - 1/80 */
    js_ratio_log_interval(56, 70, 48, 80, 0.05, 1, &lo, &hi);
    const double se = sqrt(1.0 / 56 - 1.0 / 70 + 1.0 / 48 - 1.0 / 80);
    ASSERT_CLOSE(lo, 4.0 / 3.0 * exp(-1.959963984540054 * se), 1e-12);
    ASSERT_CLOSE(hi, 4.0 / 3.0 * exp(1.959963984540054 * se), 1e-12);
    js_ratio_log_interval(0, 70, 48, 80, 0.05, 1, &lo, &hi);
    cr_expect(isnan(lo));
}

/* PHE's published Wilson limits (testdata_Proportion: 95 % and 99.8 %, as
 * proportions and as percentages; the rows without counts skipped;
 * testdata_Byars_Wilson: the Wilson rows) and Byar's (the Byars rows),
 * every row that has both limits (PHE gives no lower limit for 1 event at
 * 99.8 %). */
static int phe_rows(const char *rel, char lines[][512], int cap)
{
    FILE *const fp = fopen(shared_path(rel), "r");
    if (fp == NULL)
        return -1;
    int n = 0;
    while (n < cap && fgets(lines[n], 512, fp) != NULL)
        n++;
    (void)fclose(fp);
    return n;
}

Test(segreg, phe_wilson_proportions)
{
    REQUIRE_SHARED("phe-test-data/testdata_Proportion__testdata_Prop.csv");
    static char lines[64][512];
    const int n = phe_rows("phe-test-data/testdata_Proportion__testdata_Prop.csv", lines, 64);
    int checked = 0;
    for (int i = 1; i < n; i++) {
        char area[64];
        double x, den, v, l95, u95, l998, u998, lo, hi;
        if (sscanf(lines[i], "%63[^,],%lf,%lf,%lf,%lf,%lf,%lf,%lf", area, &x, &den, &v, &l95, &u95, &l998,
                   &u998) != 8)
            continue;
        const double mult = strtod(strrchr(lines[i], ',') + 1, NULL); /* 1: proportion, 100: percent */
        cr_assert_eq(js_wilson(x, den, 0.05, &lo, &hi), JS_OK);
        ASSERT_CLOSE(mult * lo, l95, 1e-9);
        ASSERT_CLOSE(mult * hi, u95, 1e-9);
        cr_assert_eq(js_wilson(x, den, 0.002, &lo, &hi), JS_OK);
        ASSERT_CLOSE(mult * lo, l998, 1e-9);
        ASSERT_CLOSE(mult * hi, u998, 1e-9);
        checked++;
    }
    cr_expect(checked >= 10, "rows checked: %d", checked);
}

Test(segreg, phe_byars_and_wilson)
{
    REQUIRE_SHARED("phe-test-data/testdata_Byars_Wilson__testdata_B_W.csv");
    static char lines[64][512];
    const int n = phe_rows("phe-test-data/testdata_Byars_Wilson__testdata_B_W.csv", lines, 64);
    int byars = 0, wilson = 0;
    for (int i = 1; i < n; i++) {
        double x, den = (double)NAN, lcl, ucl, conf, lo, hi;
        char method[32];
        int got = sscanf(lines[i], "%lf,%lf,%lf,%lf,%lf%%,%31[A-Za-z]", &x, &den, &lcl, &ucl, &conf, method);
        if (got != 6) { /* the Byars rows have no n */
            den = (double)NAN;
            got = sscanf(lines[i], "%lf,,%lf,%lf,%lf%%,%31[A-Za-z]", &x, &lcl, &ucl, &conf, method);
            if (got != 5)
                continue;
        }
        const double alpha = 1 - conf / 100;
        if (strcmp(method, "Byars") == 0) {
            js_byar_limits(x, js_normal_quantile(1 - alpha / 2), &lo, &hi);
            ASSERT_CLOSE(lo, lcl, 1e-9);
            ASSERT_CLOSE(hi, ucl, 1e-9);
            byars++;
        } else if (strcmp(method, "Wilson") == 0) {
            cr_assert_eq(js_wilson(x, den, alpha, &lo, &hi), JS_OK);
            ASSERT_CLOSE(lo, lcl, 1e-9);
            ASSERT_CLOSE(hi, ucl, 1e-9);
            wilson++;
        }
    }
    cr_expect(byars >= 5 && wilson >= 5, "Byars rows %d, Wilson rows %d", byars, wilson);
}

Test(segreg, chisq_sex_by_category)
{
    /* METHODS 5.8 TV-5: X2 = 81.7292455345, df = 3, P = 1.306376e-17, V = 0.2546850616 */
    const double f[5] = {120, 340, 95, 45, 0}, m[5] = {210, 260, 60, 130, 0};
    double x2, df, v, e_min;
    const double p = js_chisq_sex(f, m, 5, &x2, &df, &v, &e_min);
    ASSERT_CLOSE(x2, 81.7292455345, 1e-10);
    cr_expect_eq(df, 3, "the empty category is dropped");
    ASSERT_CLOSE(p / 1e-17, 1.306376, 1e-6);
    ASSERT_CLOSE(v, 0.2546850616, 1e-9);
    cr_expect(e_min > 5);
    /* Monte-Carlo: nothing as extreme in 999 tables -> 1/1000 */
    ASSERT_CLOSE(js_chisq_sex_mc(f, m, 5, 999, 1), 1.0 / 1000.0, 1e-12);
}

Test(segreg, chisq_few_expected_and_monte_carlo)
{
    /* [[3,1],[1,3]]: X2 = 2.0, P = 0.1572992 (METHODS 5.8); expected 2 < 5.  The
     * Monte-Carlo tables draw each category's women as Bin(4, 1/2): of the 25
     * tables (a, b), those with X2 >= 2 have probability 74/256 = 0.2890625
     * (enumerated by hand in Python: math.comb over a, b = 0..4). */
    const double f[2] = {3, 1}, m[2] = {1, 3};
    double x2, df, v, e_min;
    ASSERT_CLOSE(js_chisq_sex(f, m, 2, &x2, &df, &v, &e_min), 0.1572992, 1e-6);
    ASSERT_CLOSE(x2, 2.0, 1e-12);
    ASSERT_CLOSE(e_min, 2.0, 1e-12);
    const double mc = js_chisq_sex_mc(f, m, 2, 20000, 5);
    cr_expect(fabs(mc - 0.2890625) < 0.015, "Monte-Carlo p %g, enumerated 0.2890625", mc);
    cr_expect_eq(js_chisq_sex_mc(f, m, 2, 20000, 5), mc, "the same seed, the same p");
    const double one[1] = {4}, none[1] = {4};
    cr_expect(isnan(js_chisq_sex(one, none, 1, &x2, &df, &v, &e_min)), "one category: no test");
}

Test(segreg, representation_and_parity)
{
    /* METHODS 6.3 TV-6: 35 % of the funds to women, women 50.2 % -> RI = 0.6972111554 */
    const double f[2] = {35, 467}, m[2] = {65, 433};
    js_seg_spec ri = {JS_SEG_REPRESENTATION, 0, 0, JS_SEG_WOMEN, 0};
    ASSERT_CLOSE(js_seg_index(&ri, f, m, 2), 0.6972111554, 1e-9);
    const js_seg_spec pr = {JS_SEG_PARITY_RATIO, 0, 0, JS_SEG_ALL, 0};
    ASSERT_CLOSE(js_seg_index(&pr, f, m, 2), 35.0 / 65.0, 1e-12);
    const js_seg_spec ms = {JS_SEG_MINORITY_SHARE, 0, 0, JS_SEG_ALL, 0};
    ASSERT_CLOSE(js_seg_index(&ms, f, m, 2), 0.7, 1e-12);
    js_seg_boot b;
    cr_assert_eq(js_seg_bootstrap(&ri, f, m, 2, 2000, 9, 0.95, &b), JS_OK);
    cr_expect(b.lo < b.est && b.est < b.hi && b.hi < 1, "%g < %g < %g < 1", b.lo, b.est, b.hi);
}
