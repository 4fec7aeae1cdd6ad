/*
 * test_lifetable.c - the life-table formulas (src/stats/lifetable.c)
 * against METHODS.md's test vectors:
 *
 *   TV-2a  hand-sized single-year table (METHODS 2.8; R 4.2.2 and GSL)
 *   TV-2b  PHE's published abridged table, Chiang + Silcocks, z = 1.96
 *          (METHODS 2.9; PHEindicatormethods tests/testthat)
 *   TV-2c  HMD Sweden 2010-2014 given m and a (METHODS 2.10)
 *   the Andreev-Kingkade a0 at its segment boundaries (METHODS 2.8)
 */
#include <math.h>

#include "stats/lifetable.h"
#include "testutil.h"

static const double tv2a_age[6] = {0, 1, 2, 3, 4, 5};
static const double tv2a_width[6] = {1, 1, 1, 1, 1, (double)INFINITY};
static const double tv2a_deaths[6] = {5, 1, 1, 0, 2, 500};
static const double tv2a_expo[6] = {1000, 1000, 1000, 1000, 1000, 5000};

Test(lifetable, tv2a_women_single_year_table)
{
    js_lt_row r[6];
    size_t bad = 99, closed = 99;
    const js_lt_opts o = {JS_SEX_WOMEN, (double)NAN, JS_LT_SILCOCKS};
    cr_assert_eq(js_lt_build(tv2a_age, tv2a_width, tv2a_deaths, tv2a_expo, NULL, 6, &o, r, &bad, &closed),
                 JS_LT_OK);
    cr_expect_eq(closed, 6);
    static const double q[6] = {0.004978561161856, 0.000999500249875, 0.000999500249875, 0,
                                0.001998001998002, 1};
    static const double l[6] = {100000, 99502.1438838, 99402.6914661, 99303.3384512, 99303.3384512,
                                99104.9301825};
    static const double L[6] = {99571.2232371, 99452.4176750, 99353.0149587, 99303.3384512,
                                99204.1343169, 991049.301825};
    static const double e[6] = {14.8793343046, 13.9530883761, 12.9665481944, 11.9790209790,
                                10.9790209790, 10.0000000000};
    ASSERT_CLOSE(r[0].a, 0.13875365, 1e-12);
    for (int k = 0; k < 6; k++) {
        ASSERT_CLOSE(r[k].q, q[k], 1e-11);
        ASSERT_CLOSE(r[k].l, l[k], 1e-11);
        ASSERT_CLOSE(r[k].L, L[k], 1e-11);
        ASSERT_CLOSE(r[k].e, e[k], 1e-11);
    }
    ASSERT_CLOSE(sqrt(r[0].var_e), 0.4450478429, 1e-9);
}

Test(lifetable, tv2a_chiang_and_men)
{
    js_lt_row r[6];
    size_t bad, closed;
    js_lt_opts o = {JS_SEX_WOMEN, (double)NAN, JS_LT_CHIANG};
    cr_assert_eq(js_lt_build(tv2a_age, tv2a_width, tv2a_deaths, tv2a_expo, NULL, 6, &o, r, &bad, &closed),
                 JS_LT_OK);
    ASSERT_CLOSE(sqrt(r[0].var_e), 0.0403960235, 1e-9);
    o.sex = JS_SEX_MEN;
    cr_assert_eq(js_lt_build(tv2a_age, tv2a_width, tv2a_deaths, tv2a_expo, NULL, 6, &o, r, &bad, &closed),
                 JS_LT_OK);
    ASSERT_CLOSE(r[0].a, 0.13931275, 1e-12);
    ASSERT_CLOSE(r[0].e, 14.8793368829, 1e-11);
    ASSERT_CLOSE(sqrt(r[0].var_e), 0.0403950864, 1e-9);
    o.variance = JS_LT_SILCOCKS;
    cr_assert_eq(js_lt_build(tv2a_age, tv2a_width, tv2a_deaths, tv2a_expo, NULL, 6, &o, r, &bad, &closed),
                 JS_LT_OK);
    ASSERT_CLOSE(sqrt(r[0].var_e), 0.4450477517, 1e-9);
}

Test(lifetable, andreev_kingkade_boundaries)
{
    static const double m0[5] = {0.002, 0.02, 0.05, 0.07, 0.09};
    static const double w[5] = {0.14491946, 0.1242878, 0.2407145, 0.31411, 0.31411};
    static const double m[5] = {0.14529910, 0.109381, 0.1914205, 0.2566607, 0.29915};
    for (int k = 0; k < 5; k++) {
        ASSERT_CLOSE(js_lt_a0_ak(m0[k], JS_SEX_WOMEN), w[k], 1e-12);
        ASSERT_CLOSE(js_lt_a0_ak(m0[k], JS_SEX_MEN), m[k], 1e-12);
    }
    /* both sexes: weighted 1 : 1.05 (DemoTools), by hand */
    ASSERT_CLOSE(js_lt_a0_ak(0.002, JS_SEX_TOTAL), (0.14491946 + 1.05 * 0.14529910) / 2.05, 1e-12);
}

/* PHE df1: 0, 1-4, 5-9, ..., 85-89, 90+ */
static const double phe_pops[20] = {7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
                                    50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936};
static const double phe_deaths[20] = {17, 9, 4, 8, 20, 15, 24, 33, 50, 71,
                                      100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937};

static void phe_classes(double *age, double *width)
{
    age[0] = 0;
    width[0] = 1;
    age[1] = 1;
    width[1] = 4;
    for (int k = 2; k < 20; k++) {
        age[k] = 5.0 * (k - 1);
        width[k] = 5;
    }
    width[19] = (double)INFINITY;
}

Test(lifetable, tv2b_phe_abridged_published)
{
    double age[20], width[20];
    phe_classes(age, width);
    js_lt_row r[20];
    size_t bad, closed;
    const js_lt_opts o = {JS_SEX_TOTAL, 0.1, JS_LT_SILCOCKS};
    cr_assert_eq(js_lt_build(age, width, phe_deaths, phe_pops, NULL, 20, &o, r, &bad, &closed), JS_LT_OK);
    const double z = 1.96; /* PHE's published numbers use the rounded z (METHODS 0.2) */
    ASSERT_CLOSE(r[0].e, 80.16960813, 1e-9);
    ASSERT_CLOSE(r[0].e - z * sqrt(r[0].var_e), 79.88268548, 1e-9);
    ASSERT_CLOSE(r[0].e + z * sqrt(r[0].var_e), 80.45653078, 1e-9);
    ASSERT_CLOSE(r[1].e, 79.36245674, 1e-9);
    ASSERT_CLOSE(r[2].e, 75.44193645, 1e-9);
    ASSERT_CLOSE(r[6].e, 55.78835987, 1e-9);
    ASSERT_CLOSE(r[19].e, 6.16210635, 1e-9);
    ASSERT_CLOSE(r[19].e - z * sqrt(r[19].var_e), 5.887683386, 1e-9);
    ASSERT_CLOSE(r[19].e + z * sqrt(r[19].var_e), 6.436529314, 1e-9);
    /* the exact z (METHODS 2.9) */
    const double zx = js_normal_quantile(0.975);
    ASSERT_CLOSE(r[0].e - zx * sqrt(r[0].var_e), 79.88269075, 1e-9);
    ASSERT_CLOSE(sqrt(r[0].var_e), 0.14638911, 1e-7);
    const js_lt_opts c = {JS_SEX_TOTAL, 0.1, JS_LT_CHIANG};
    cr_assert_eq(js_lt_build(age, width, phe_deaths, phe_pops, NULL, 20, &c, r, &bad, &closed), JS_LT_OK);
    ASSERT_CLOSE(sqrt(r[0].var_e), 0.14423496, 1e-7);
}

Test(lifetable, tv2c_hmd_given_m_and_a)
{
    static const double mf[24] = {0.00218, 0.00011, 0.00008, 0.00008, 0.00018, 0.00024, 0.00028, 0.00034,
                                  0.00046, 0.00069, 0.00122, 0.00211, 0.00334, 0.00547, 0.00902, 0.01473,
                                  0.02621, 0.05069, 0.1009,  0.1905,  0.32393, 0.49406, 0.66781, 0.79287};
    static const double af[24] = {0.06, 1.65, 2.42, 2.57, 2.7,  2.63, 2.47, 2.7,  2.71, 2.68, 2.65, 2.7,
                                  2.7,  2.71, 2.66, 2.7,  2.69, 2.67, 2.58, 2.35, 2.03, 1.67, 1.37, 1.26};
    static const double mm[24] = {0.00265, 0.00014, 0.00007, 0.0001,  0.00032, 0.00064, 0.00071, 0.00072,
                                  0.00076, 0.0011,  0.00185, 0.0031,  0.00508, 0.00844, 0.01379, 0.02268,
                                  0.0407,  0.07463, 0.13737, 0.24207, 0.38279, 0.54811, 0.70568, 0.81509};
    static const double am[24] = {0.05, 1.79, 2.52, 2.87, 3.03, 2.63, 2.55, 2.51, 2.59, 2.66, 2.76, 2.69,
                                  2.68, 2.67, 2.67, 2.67, 2.65, 2.6,  2.46, 2.21, 1.89, 1.56, 1.31, 1.23};
    double age[24], width[24], one[24];
    age[0] = 0;
    width[0] = 1;
    age[1] = 1;
    width[1] = 4;
    for (int k = 2; k < 24; k++) {
        age[k] = 5.0 * (k - 1);
        width[k] = 5;
    }
    width[23] = (double)INFINITY;
    for (int k = 0; k < 24; k++)
        one[k] = 1; /* m given: D = m, E = 1 */
    double afx[24], amx[24];
    for (int k = 0; k < 24; k++) {
        afx[k] = k == 23 ? (double)NAN : af[k]; /* the open class: 1 / m */
        amx[k] = k == 23 ? (double)NAN : am[k];
    }
    js_lt_row r[24];
    size_t bad, closed;
    const js_lt_opts o = {JS_SEX_WOMEN, (double)NAN, JS_LT_SILCOCKS};
    cr_assert_eq(js_lt_build(age, width, mf, one, afx, 24, &o, r, &bad, &closed), JS_LT_OK);
    ASSERT_CLOSE(r[0].e, 83.68117018, 1e-9);
    ASSERT_CLOSE(r[14].e, 21.17045568, 1e-9);
    cr_assert_eq(js_lt_build(age, width, mm, one, amx, 24, &o, r, &bad, &closed), JS_LT_OK);
    ASSERT_CLOSE(r[0].e, 79.91726634, 1e-9);
    ASSERT_CLOSE(r[14].e, 18.50647462, 1e-9);
}

Test(lifetable, tables_that_cannot_be_built_name_the_class)
{
    js_lt_row r[6];
    size_t bad = 99;
    const js_lt_opts o = {JS_SEX_WOMEN, (double)NAN, JS_LT_SILCOCKS};
    double d[6] = {5, 1, 1, 0, 2, 500}, e[6] = {1000, 1000, 1000, 1000, 1000, 5000};
    e[3] = 0;
    cr_expect_eq(js_lt_build(tv2a_age, tv2a_width, d, e, NULL, 6, &o, r, &bad, NULL), JS_LT_EXPOSURE_ZERO);
    cr_expect_eq(bad, 3);
    d[3] = 2;
    cr_expect_eq(js_lt_build(tv2a_age, tv2a_width, d, e, NULL, 6, &o, r, &bad, NULL),
                 JS_LT_DEATHS_NO_EXPOSURE);
    e[3] = 1000;
    d[2] = -1;
    cr_expect_eq(js_lt_build(tv2a_age, tv2a_width, d, e, NULL, 6, &o, r, &bad, NULL), JS_LT_NEGATIVE);
    cr_expect_eq(bad, 2);
    d[2] = 1;
    d[5] = 0;
    cr_expect_eq(js_lt_build(tv2a_age, tv2a_width, d, e, NULL, 6, &o, r, &bad, NULL), JS_LT_OPEN_NO_DEATHS);
    cr_expect_eq(bad, 5);
    d[5] = 500;
    const double gap_age[6] = {0, 1, 2, 4, 5, 6}; /* 3 is missing */
    cr_expect_eq(js_lt_build(gap_age, tv2a_width, d, e, NULL, 6, &o, r, &bad, NULL), JS_LT_BAD_CLASSES);
    cr_expect_eq(bad, 3);
}

Test(lifetable, q_capped_at_one_closes_the_table)
{
    js_lt_row r[6];
    size_t bad, closed = 99;
    const js_lt_opts o = {JS_SEX_WOMEN, (double)NAN, JS_LT_SILCOCKS};
    const double d[6] = {5, 1, 2500, 0, 2, 500}; /* m2 = 2.5: q = 2.5 / 2.25 > 1 */
    cr_assert_eq(js_lt_build(tv2a_age, tv2a_width, d, tv2a_expo, NULL, 6, &o, r, &bad, &closed), JS_LT_OK);
    cr_expect_eq(closed, 2);
    cr_expect_eq(r[2].q, 1);
    cr_expect_eq(r[3].l, 0);
    cr_expect(isnan(r[3].e));
    /* e0 = (L0 + L1 + 0.5 l2) / l0, by hand from the table's own L0, L1 */
    ASSERT_CLOSE(r[0].e, (r[0].L + r[1].L + 0.5 * r[2].l) / 100000, 1e-12);
}
