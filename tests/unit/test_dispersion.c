/*
 * test_dispersion.c - dispersion across regions and ranks
 * (src/stats/dispersion.c) against METHODS 8's TV-8 (R 4.2.2 and GSL
 * 2.7.1), its tie example, and the edge cases METHODS 8 lists.
 */
#include <math.h>

#include "stats/dispersion.h"
#include "testutil.h"

static const double y[5] = {72.0, 68.5, 80.2, 75.1, 70.3};
static const double p[5] = {12000, 3500, 95000, 20000, 8000};

static double disp(js_disp_stat st, const double *w)
{
    double scratch[5];
    js_disp_why why;
    const double v = js_dispersion(st, y, w, 5, scratch, &why);
    cr_expect_eq(why, JS_DISP_OK);
    return v;
}

Test(dispersion, tv8_every_statistic)
{
    ASSERT_CLOSE(disp(JS_DISP_CV, NULL), 0.06279021197, 1e-9);
    ASSERT_CLOSE(disp(JS_DISP_CV_WEIGHTED, p), 0.04690443735, 1e-9);
    ASSERT_CLOSE(disp(JS_DISP_MAX_MIN, NULL), 1.17080292, 1e-8);
    ASSERT_CLOSE(disp(JS_DISP_RANGE, NULL), 80.2 - 68.5, 1e-12);
    ASSERT_CLOSE(disp(JS_DISP_IQR, NULL), 75.1 - 70.3, 1e-12); /* type 7: Q1 = 70.3, Q3 = 75.1 */
    ASSERT_CLOSE(disp(JS_DISP_THEIL_T, p), 0.00112185916, 1e-8);
    ASSERT_CLOSE(disp(JS_DISP_THEIL_T, NULL), 0.001560453857, 1e-9);
    ASSERT_CLOSE(disp(JS_DISP_GINI, p), 0.02194538491, 1e-9);
    ASSERT_CLOSE(disp(JS_DISP_GINI, NULL), 0.03081125376, 1e-9);
    /* the mean log deviation (1/n) sum ln(mean / y), which TV-8 lacks: tests/oracle/dispersion.py tv8 */
    ASSERT_CLOSE(disp(JS_DISP_THEIL_L, NULL), 0.001545460343407741, 1e-9);
}

Test(dispersion, ranks_with_ties)
{
    const double v[4] = {5, 7, 7, 3};
    size_t order[8];
    double rank[4];
    js_rank_desc(v, 4, order, rank);
    cr_expect_eq(rank[0], 3);
    cr_expect_eq(rank[1], 1.5);
    cr_expect_eq(rank[2], 1.5);
    cr_expect_eq(rank[3], 4);
    size_t order5[10];
    double rank5[5];
    js_rank_desc(y, 5, order5, rank5); /* TV-8: ranks 3 5 1 2 4 */
    const double want[5] = {3, 5, 1, 2, 4};
    for (size_t i = 0; i < 5; i++)
        cr_expect_eq(rank5[i], want[i], "rank of y[%zu]: %g, expected %g", i, rank5[i], want[i]);
}

Test(dispersion, undefined_cases_say_why)
{
    const double z[3] = {0, 3, 5}, one[1] = {4};
    double scratch[3];
    js_disp_why why;
    cr_expect(isnan(js_dispersion(JS_DISP_THEIL_T, z, NULL, 3, scratch, &why)));
    cr_expect_eq(why, JS_DISP_NONPOSITIVE);
    cr_expect(isnan(js_dispersion(JS_DISP_MAX_MIN, z, NULL, 3, scratch, &why)));
    cr_expect_eq(why, JS_DISP_ZERO_MEAN);
    cr_expect(isnan(js_dispersion(JS_DISP_CV, one, NULL, 1, scratch, &why)));
    cr_expect_eq(why, JS_DISP_TOO_FEW);
    cr_expect(isnan(js_dispersion(JS_DISP_CV_WEIGHTED, z, NULL, 3, scratch, &why)));
    cr_expect_eq(why, JS_DISP_NO_WEIGHTS);
}
