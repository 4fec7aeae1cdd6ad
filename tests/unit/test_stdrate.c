/*
 * test_stdrate.c - age standardisation (src/stats/stdrate.c) against
 * METHODS 4.4's TV-4 (R 4.2.2 and GSL 2.7.1): the DSR on ESP 2013, its
 * variance, Dobson's interval on Byar's and on exact Poisson limits, and the
 * SMR with both intervals.
 */
#include <math.h>

#include "stats/lifetable.h"
#include "stats/stdrate.h"
#include "testutil.h"

static const double pop[19] = {5200, 5400, 5600, 5000, 4800, 6000, 6500, 6200, 6000, 6400,
                               7000, 6800, 6500, 6400, 6200, 5000, 3800, 2500, 1200};
static const double deaths[19] = {2, 0, 1, 1, 3, 4, 4, 6, 8, 12, 20, 31, 45, 70, 105, 140, 190, 230, 260};
static const double ref[19] = {.0003, .0001, .0001, .0002, .0005, .0006, .0007, .0009, .0012, .0018,
                               .0028, .0045, .0070, .0110, .0170, .0280, .0500, .0900, .2000};
static const double esp[19] = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                               7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000};

Test(stdrate, tv4_dsr_and_dobson_intervals)
{
    double dsr, var, o, olo, ohi, lo, hi;
    js_dsr(deaths, pop, esp, 19, &dsr, &var, &o);
    cr_expect_eq(o, 1132);
    ASSERT_CLOSE(dsr * 1e5, 872.6588972, 1e-9);
    ASSERT_CLOSE(var, 6.914495126e-08, 1e-9);
    const double z = js_normal_quantile(0.975);
    js_byar_limits(o, z, &olo, &ohi);
    ASSERT_CLOSE(olo, 1067.008321, 1e-9);
    ASSERT_CLOSE(ohi, 1199.914921, 1e-9);
    js_dobson(dsr, var, o, olo, ohi, &lo, &hi);
    ASSERT_CLOSE(lo * 1e5, 821.8646206, 1e-9);
    ASSERT_CLOSE(hi * 1e5, 925.7378353, 1e-9);
    js_poisson_exact_limits(o, 0.05, &olo, &ohi);
    js_dobson(dsr, var, o, olo, ohi, &lo, &hi);
    ASSERT_CLOSE(lo * 1e5, 821.8650007, 1e-9);
    ASSERT_CLOSE(hi * 1e5, 925.7375066, 1e-9);
}

Test(stdrate, tv4_smr_exact_and_byar)
{
    double e = 0, olo, ohi;
    for (int i = 0; i < 19; i++)
        e += pop[i] * ref[i];
    ASSERT_CLOSE(e, 1105.01, 1e-12);
    ASSERT_CLOSE(1132 / e, 1.024425118, 1e-9);
    js_poisson_exact_limits(1132, 0.05, &olo, &ohi);
    ASSERT_CLOSE(olo / e, 0.9656100918, 1e-9);
    ASSERT_CLOSE(ohi / e, 1.0858856488, 1e-9);
    js_byar_limits(1132, js_normal_quantile(0.975), &olo, &ohi);
    ASSERT_CLOSE(olo / e, 0.9656096517, 1e-9);
    ASSERT_CLOSE(ohi / e, 1.0858860294, 1e-9);
    /* O = 0: lower 0, upper -ln(alpha/2) (METHODS 4.3) */
    js_poisson_exact_limits(0, 0.05, &olo, &ohi);
    cr_expect_eq(olo, 0);
    ASSERT_CLOSE(ohi, -log(0.025), 1e-9);
}
