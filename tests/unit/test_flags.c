/*
 * test_flags.c - the result flags that say a number must not be read as it
 * stands: a share whose part exceeds its total, small counts above and
 * below the line, trend years outside the fit, and the open age class of a
 * mean age.
 *
 * The cubes are invented, small enough to check by hand; each expected
 * value says how it was computed.  tests/cli/flags.sh checks the same
 * flags end to end on real data.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jamstat/indicator.h"
#include "testutil.h"

#define SET(s, key, text) cr_assert_eq(js_indicator_spec_set((s), (key), (text), NULL), JS_OK, "%s = %s", (key), (text))
#define IN(c) ((const js_cube *const[JS_KIND_MAX_INPUTS]){(c)})

static const char *const by_region[] = {"region"};

/* region(1) × sex(women, men, total) with the three values as given, the
 * total a category of its own (as BRP+ and most SCB tables publish it). */
static js_cube *sex_cube(double women, double men, double total)
{
    js_cube *const c = js_cube_alloc();
    size_t dr, ds;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &dr), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "sex", NULL, JS_ROLE_SEX, &ds), JS_OK);
    cr_assert_eq(js_cube_add_category(c, dr, "01", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, ds, "Kvinnor", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, ds, "Män", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, ds, "Totalt", NULL, NULL), JS_OK);
    cr_assert(js_dim_category(js_cube_dim(c, ds), 2)->is_total, "Totalt is the total");
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    js_cube_set_value(c, 0, women);
    js_cube_set_value(c, 1, men);
    js_cube_set_value(c, 2, total);
    return c;
}

/* Compute s (id "t", by region) on c; the result, or a failed test. */
static js_cube *run(js_indicator_spec *s, const js_cube *c, const char *const *by, size_t n_by,
                    js_diag *d)
{
    s->id = "t";
    s->by = by;
    s->n_by = n_by;
    js_cube *res = NULL;
    const js_status st = js_indicator_compute(s, IN(c), &res, d);
    cr_assert_eq(st, JS_OK, "status %d: %s", st, d && js_diag_size(d) ? js_diag_get(d, 0)->text : "");
    return res;
}

/* ---- part_exceeds_total ----------------------------------------------------- */

Test(part_total, share_over_100_is_kept_flagged_and_without_interval)
{
    /* The shape of BRP+ Stockholm "Livskvalitet": index values whose
     * "Totalt" is below the women's value.  100 × 58.5 / 56.7 =
     * 103.17460317460318 (by hand: 5850 / 56.7). */
    js_cube *const c = sex_cube(58.5, 58.9, 56.7);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("share"));
    SET(&s, "part", "sex:women");
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    ASSERT_CLOSE(js_cube_value(res, 0), 5850 / 56.7, 1e-12);
    cr_expect(js_cube_flags(res, 0) & JS_FLAG_PART_EXCEEDS_TOTAL, "flags %#x",
              (unsigned)js_cube_flags(res, 0));
    cr_expect(isnan(js_cube_ci_low(res, 0)) && isnan(js_cube_ci_high(res, 0)),
              "no Wilson interval for a share over 100 %%: %g-%g", js_cube_ci_low(res, 0),
              js_cube_ci_high(res, 0));
    js_cube_free(res);
    js_cube_free(c);
}

Test(part_total, share_of_a_true_part_is_not_flagged)
{
    /* 40 of 100: 40 %, Wilson 95 % 30.9401286432 - 49.7997413209 % (the formula
     * of METHODS 5.1 with z = 1.959963984540054, in Python). */
    js_cube *const c = sex_cube(40, 60, 100);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("share"));
    SET(&s, "part", "sex:women");
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    ASSERT_CLOSE(js_cube_value(res, 0), 40, 1e-12);
    cr_expect_eq(js_cube_flags(res, 0), 0u, "flags %#x", (unsigned)js_cube_flags(res, 0));
    ASSERT_CLOSE(js_cube_ci_low(res, 0), 30.9401286432, 1e-10);
    ASSERT_CLOSE(js_cube_ci_high(res, 0), 49.7997413209, 1e-10);
    js_cube_free(res);
    js_cube_free(c);
}

Test(part_total, equal_part_and_total_is_100_not_flagged)
{
    /* part = total: exactly 100 %, a real proportion (Wilson upper = 1). */
    js_cube *const c = sex_cube(56.7, 0, 56.7);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("share"));
    SET(&s, "part", "sex:women");
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    ASSERT_CLOSE(js_cube_value(res, 0), 100, 1e-12);
    cr_expect(!(js_cube_flags(res, 0) & JS_FLAG_PART_EXCEEDS_TOTAL));
    ASSERT_CLOSE(js_cube_ci_high(res, 0), 100, 1e-12);
    js_cube_free(res);
    js_cube_free(c);
}

Test(part_total, a_ratio_above_one_is_not_a_part)
{
    /* ratio has no part and no total: 100 × 58.5 / 56.7 unflagged. */
    js_cube *const c = sex_cube(58.5, 56.7, 115.2);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("ratio"));
    SET(&s, "numerator", "sex:women");
    SET(&s, "denominator", "sex:men");
    SET(&s, "scale", "100");
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    ASSERT_CLOSE(js_cube_value(res, 0), 5850 / 56.7, 1e-12);
    cr_expect(!(js_cube_flags(res, 0) & JS_FLAG_PART_EXCEEDS_TOTAL));
    js_cube_free(res);
    js_cube_free(c);
}

/* ---- every flag has a name ----------------------------------------------------- */

Test(names, every_flag_bit_is_named_in_order)
{
    const char *const want = "missing_input,suppressed_input,zero_denominator,small_n,open_class,"
                             "flagged_input,nil_input,suppressed,projected,part_exceeds_total";
    char buf[512];
    js_flags_format((1u << JS_FLAG_NBITS) - 1, buf, sizeof buf);
    cr_expect_str_eq(buf, want);
    js_flags_format(JS_FLAG_PART_EXCEEDS_TOTAL, buf, sizeof buf);
    cr_expect_str_eq(buf, "part_exceeds_total");
}

/* ---- small_n: the numerator or the denominator --------------------------------- */

/* region(1) × age(0-19, 20-64, 65+) with the three counts as given. */
static js_cube *band_cube(double young, double working, double old)
{
    js_cube *const c = js_cube_alloc();
    size_t dr, da;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &dr), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "age", NULL, JS_ROLE_AGE, &da), JS_OK);
    cr_assert_eq(js_cube_add_category(c, dr, "2999", "Invented", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, da, "0-19", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, da, "20-64", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, da, "65+", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    js_cube_set_value(c, 0, young);
    js_cube_set_value(c, 1, working);
    js_cube_set_value(c, 2, old);
    return c;
}

Test(small_n, dependency_from_3_persons_of_working_age_is_flagged)
{
    /* 400 aged 65+ over 3 aged 20-64: 100 × 400 / 3 = 13 333.33 per 100
     * (by hand).  The numerator is large, the denominator is not. */
    js_cube *const c = band_cube(12, 3, 400);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("dependency"));
    SET(&s, "variant", "old");
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    ASSERT_CLOSE(js_cube_value(res, 0), 40000.0 / 3, 1e-12);
    cr_expect(js_cube_flags(res, 0) & JS_FLAG_SMALL_N, "flags %#x", (unsigned)js_cube_flags(res, 0));
    js_cube_free(res);
    js_cube_free(c);
}

Test(small_n, dependency_with_both_counts_large_is_not_flagged)
{
    /* 400 / 300: 133.33 per 100, nothing small. */
    js_cube *const c = band_cube(250, 300, 400);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("dependency"));
    SET(&s, "variant", "total");
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    ASSERT_CLOSE(js_cube_value(res, 0), 100 * 650.0 / 300, 1e-12);
    cr_expect_eq(js_cube_flags(res, 0), 0u, "flags %#x", (unsigned)js_cube_flags(res, 0));
    js_cube_free(res);
    js_cube_free(c);
}

Test(small_n, ratio_small_on_either_side_and_the_threshold_itself)
{
    /* numerator 400 (sex:women) over denominator 4 (sex:men): flagged by the
     * denominator; 4 over 400: by the numerator; 5 over 5 at small_n = 5:
     * not flagged (below means below); small_n = 0 flags nothing. */
    const struct { double w, m, small; int flagged; } cases[] = {
        {400, 4, 5, 1}, {4, 400, 5, 1}, {5, 5, 5, 0}, {400, 4, 0, 0}, {400, 4, 4.5, 1}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        js_cube *const c = sex_cube(cases[i].w, cases[i].m, cases[i].w + cases[i].m);
        js_indicator_spec s;
        js_indicator_spec_init(&s, js_kind_find("ratio"));
        SET(&s, "numerator", "sex:women");
        SET(&s, "denominator", "sex:men");
        s.small_n = cases[i].small;
        js_cube *const res = run(&s, c, by_region, 1, NULL);
        ASSERT_CLOSE(js_cube_value(res, 0), cases[i].w / cases[i].m, 1e-12);
        cr_expect_eq((js_cube_flags(res, 0) & JS_FLAG_SMALL_N) != 0, cases[i].flagged,
                     "case %zu: %g / %g at small_n %g: flags %#x", i, cases[i].w, cases[i].m,
                     cases[i].small, (unsigned)js_cube_flags(res, 0));
        js_cube_free(res);
        js_cube_free(c);
    }
}

Test(small_n, share_with_a_small_total_is_flagged)
{
    /* 3 of 4 women: the part and the total are small; 75 %. */
    js_cube *const c = sex_cube(3, 1, 4);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("share"));
    SET(&s, "part", "sex:women");
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    ASSERT_CLOSE(js_cube_value(res, 0), 75, 1e-12);
    cr_expect(js_cube_flags(res, 0) & JS_FLAG_SMALL_N);
    js_cube_free(res);
    js_cube_free(c);
}
