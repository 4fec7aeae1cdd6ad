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

/* A cube of two dimensions, (name0, role0) with the n0 codes codes0 and
 * (name1, role1) with codes1, cells row-major from v (NaN: missing). */
typedef struct grid_dim {
    const char *name;
    js_role role;
    const char *const *codes; /* NULL-terminated */
} grid_dim;

static js_cube *grid_cube(grid_dim a, grid_dim b, const double *v)
{
    js_cube *const c = js_cube_alloc();
    const grid_dim dims[2] = {a, b};
    for (size_t i = 0; i < 2; i++) {
        size_t di;
        cr_assert_eq(js_cube_add_dim(c, dims[i].name, NULL, dims[i].role, &di), JS_OK);
        for (const char *const *code = dims[i].codes; *code != NULL; code++)
            cr_assert_eq(js_cube_add_category(c, di, *code, NULL, NULL), JS_OK, "%s", *code);
    }
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    for (size_t k = 0; k < js_cube_ncells(c); k++)
        if (!isnan(v[k]))
            js_cube_set_value(c, k, v[k]);
    return c;
}

static const char *const one_region[] = {"01", NULL};
#define REGION ((grid_dim){"region", JS_ROLE_REGION, one_region})

/* region(1) × sex(women, men, total) with the three values as given, the
 * total a category of its own (as BRP+ and most SCB tables publish it). */
static js_cube *sex_cube(double women, double men, double total)
{
    static const char *const sexes[] = {"Kvinnor", "Män", "Totalt", NULL};
    js_cube *const c = grid_cube(REGION, (grid_dim){"sex", JS_ROLE_SEX, sexes},
                                 (const double[]){women, men, total});
    cr_assert(js_dim_category(js_cube_dim(c, 1), 2)->is_total, "Totalt is the total");
    return c;
}

/* region(1) × age classes (NULL-terminated codes) with counts f. */
static js_cube *age_cube(const char *const *codes, const double *f)
{
    return grid_cube(REGION, (grid_dim){"age", JS_ROLE_AGE, codes}, f);
}

/* A spec of kind with the keys kv (key, value, ..., NULL). */
static js_indicator_spec spec_of(const char *kind, const char *const *kv)
{
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find(kind));
    for (size_t i = 0; kv[i] != NULL; i += 2)
        SET(&s, kv[i], kv[i + 1]);
    return s;
}
#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

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

/* The share of women (part sex:women) in sex_cube(women, men, total). */
static js_cube *share_women(double women, double men, double total)
{
    js_cube *const c = sex_cube(women, men, total);
    js_indicator_spec s = spec_of("share", KEYS("part", "sex:women"));
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    js_indicator_spec_fini(&s);
    js_cube_free(c);
    return res;
}

Test(part_total, share_over_100_is_kept_flagged_and_without_interval)
{
    /* The shape of BRP+ Stockholm "Livskvalitet": index values whose
     * "Totalt" is below the women's value.  100 × 58.5 / 56.7 =
     * 103.17460317460318 (by hand: 5850 / 56.7). */
    js_cube *const res = share_women(58.5, 58.9, 56.7);
    ASSERT_CLOSE(js_cube_value(res, 0), 5850 / 56.7, 1e-12);
    cr_expect(js_cube_flags(res, 0) & JS_FLAG_PART_EXCEEDS_TOTAL, "flags %#x",
              (unsigned)js_cube_flags(res, 0));
    cr_expect(isnan(js_cube_ci_low(res, 0)) && isnan(js_cube_ci_high(res, 0)),
              "no Wilson interval for a share over 100 %%: %g-%g", js_cube_ci_low(res, 0),
              js_cube_ci_high(res, 0));
    js_cube_free(res);
}

Test(part_total, share_of_a_true_part_is_not_flagged)
{
    /* 40 of 100: 40 %, Wilson 95 % 30.9401286432 - 49.7997413209 % (the formula
     * of METHODS 5.1 with z = 1.959963984540054, in Python). */
    js_cube *const res = share_women(40, 60, 100);
    ASSERT_CLOSE(js_cube_value(res, 0), 40, 1e-12);
    cr_expect_eq(js_cube_flags(res, 0), 0u, "flags %#x", (unsigned)js_cube_flags(res, 0));
    ASSERT_CLOSE(js_cube_ci_low(res, 0), 30.9401286432, 1e-10);
    ASSERT_CLOSE(js_cube_ci_high(res, 0), 49.7997413209, 1e-10);
    js_cube_free(res);
}

Test(part_total, equal_part_and_total_is_100_not_flagged)
{
    /* part = total: exactly 100 %, a real proportion (Wilson upper = 1). */
    js_cube *const res = share_women(56.7, 0, 56.7);
    ASSERT_CLOSE(js_cube_value(res, 0), 100, 1e-12);
    cr_expect(!(js_cube_flags(res, 0) & JS_FLAG_PART_EXCEEDS_TOTAL));
    ASSERT_CLOSE(js_cube_ci_high(res, 0), 100, 1e-12);
    js_cube_free(res);
}

Test(part_total, a_ratio_above_one_is_not_a_part)
{
    /* ratio has no part and no total: 100 × 58.5 / 56.7 unflagged. */
    js_cube *const c = sex_cube(58.5, 56.7, 115.2);
    js_indicator_spec s = spec_of("ratio", KEYS("numerator", "sex:women", "denominator", "sex:men", "scale", "100"));
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    js_indicator_spec_fini(&s);
    ASSERT_CLOSE(js_cube_value(res, 0), 5850 / 56.7, 1e-12);
    cr_expect(!(js_cube_flags(res, 0) & JS_FLAG_PART_EXCEEDS_TOTAL));
    js_cube_free(res);
    js_cube_free(c);
}

/* ---- every flag has a name ----------------------------------------------------- */

Test(names, every_flag_bit_is_named_in_order)
{
    const char *const want = "missing_input,suppressed_input,zero_denominator,small_n,open_class,"
                             "flagged_input,nil_input,suppressed,projected,part_exceeds_total,outside_fit,"
                             "wide_interval,deaths_exceed_population,overflow,few_expected,unknown_age_spread";
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
    static const char *const bands[] = {"0-19", "20-64", "65+", NULL};
    return age_cube(bands, (const double[]){young, working, old});
}

Test(small_n, dependency_from_3_persons_of_working_age_is_flagged)
{
    /* 400 aged 65+ over 3 aged 20-64: 100 × 400 / 3 = 13 333.33 per 100
     * (by hand).  The numerator is large, the denominator is not. */
    js_cube *const c = band_cube(12, 3, 400);
    js_indicator_spec s = spec_of("dependency", KEYS("variant", "old"));
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
    js_indicator_spec s = spec_of("dependency", KEYS("variant", "total"));
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
        js_indicator_spec s = spec_of("ratio", KEYS("numerator", "sex:women", "denominator", "sex:men"));
        s.small_n = cases[i].small;
        js_cube *const res = run(&s, c, by_region, 1, NULL);
        js_indicator_spec_fini(&s);
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
    js_cube *const res = share_women(3, 1, 4);
    ASSERT_CLOSE(js_cube_value(res, 0), 75, 1e-12);
    cr_expect(js_cube_flags(res, 0) & JS_FLAG_SMALL_N);
    js_cube_free(res);
}

/* ---- trend: fit_from, short fits ------------------------------------------------ */

/* METHODS TV-9: region 10 × years 2015..2022, y = 38.0 ... 45.0; when
 * two_regions, a region 20 with only 2021 and 2022 given. */
static js_cube *tv9_cube(int two_regions)
{
    static const char *const years[] = {"2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", NULL};
    static const char *const regions[] = {"10", "20", NULL}, *const region10[] = {"10", NULL};
    static const double y[16] = {38.0, 39.1, 40.5, 41.0, 42.2, 43.1, 43.9, 45.0,
                                 (double)NAN,  (double)NAN,  (double)NAN,  (double)NAN,  (double)NAN,  (double)NAN,  50.5, 51.0};
    return grid_cube((grid_dim){"region", JS_ROLE_REGION, two_regions ? regions : region10},
                     (grid_dim){"year", JS_ROLE_TIME, years}, y);
}

static const char *const no_by[] = {NULL};

Test(trend_fit, years_before_fit_from_are_outside_fit_without_value)
{
    /* fit_from 2018: the line through 2018..2022 (41.0 42.2 43.1 43.9 45.0),
     * by hand: mean 43.04, Sxy 9.7, Sxx 10, slope 0.97, so 2018 → 41.1,
     * 2022 → 44.98, 2030 → 52.74.  A suppressed 2015 is outside the fit
     * and must not flag the fitted years. */
    js_cube *const c = tv9_cube(0);
    cr_assert_eq(js_cube_set_status(c, 0, JS_CELL_SUPPRESSED, "..C"), JS_OK);
    cr_assert_eq(js_cube_add_flags(c, 0, JS_FLAG_SUPPRESSED_INPUT), JS_OK);
    js_indicator_spec s = spec_of("trend", KEYS("fit_from", "2018", "project_to", "2030"));
    js_diag *const d = js_diag_alloc();
    js_cube *const res = run(&s, c, no_by, 0, d);
    cr_assert_eq(js_cube_ncells(res), 16, "2015..2030: the years before fit_from stay, empty");
    for (size_t k = 0; k < 3; k++) {
        cr_expect(isnan(js_cube_value(res, k)), "%zu: %g is not fitted", 2015 + k, js_cube_value(res, k));
        cr_expect(isnan(js_cube_ci_low(res, k)));
        cr_expect_eq(js_cube_flags(res, k), (uint32_t)JS_FLAG_OUTSIDE_FIT, "%zu: flags %#x", 2015 + k,
                     (unsigned)js_cube_flags(res, k));
    }
    ASSERT_CLOSE(js_cube_value(res, 3), 41.1, 1e-12);
    ASSERT_CLOSE(js_cube_value(res, 7), 44.98, 1e-12);
    ASSERT_CLOSE(js_cube_value(res, 15), 52.74, 1e-12);
    cr_expect_eq(js_cube_flags(res, 3), 0u, "2018 fitted, unflagged: %#x", (unsigned)js_cube_flags(res, 3));
    cr_expect_eq(js_cube_flags(res, 15), (uint32_t)JS_FLAG_PROJECTED);
    cr_expect_eq(js_diag_size(d), 0, "5 points: no warning");
    js_diag_free(d);
    js_cube_free(res);
    js_cube_free(c);
}

Test(trend_fit, a_fit_on_two_points_warns_naming_indicator_and_series)
{
    /* region 20 has 2 points (2021, 2022): a line, no interval, a warning;
     * region 10 has 8 and none. */
    js_cube *const c = tv9_cube(1);
    js_indicator_spec s = spec_of("trend", KEYS(NULL));
    js_diag *const d = js_diag_alloc();
    js_cube *const res = run(&s, c, no_by, 0, d);
    cr_assert_eq(js_diag_size(d), 1, "one warning, got %zu", js_diag_size(d));
    const js_diag_msg *const m = js_diag_get(d, 0);
    cr_expect_eq(m->severity, JS_SEV_WARNING);
    cr_expect_str_eq(m->text, "t: region 20: the trend is fitted on 2 points, too few for an interval "
                              "(3 are needed)");
    /* region 20, 2022: the line through (2021, 50.5), (2022, 51.0) */
    ASSERT_CLOSE(js_cube_value(res, 8 + 7), 51.0, 1e-12);
    cr_expect(isnan(js_cube_ci_low(res, 8 + 7)));
    js_diag_free(d);
    js_cube_free(res);
    js_cube_free(c);
}

Test(trend_fit, one_point_warns_and_has_no_line)
{
    /* fit_from 2022 leaves region 10 one point: no trend, and a warning. */
    js_cube *const c = tv9_cube(0);
    js_indicator_spec s = spec_of("trend", KEYS("fit_from", "2022"));
    js_diag *const d = js_diag_alloc();
    js_cube *const res = run(&s, c, no_by, 0, d);
    cr_assert_eq(js_diag_size(d), 1);
    cr_expect_str_eq(js_diag_get(d, 0)->text, "t: region 10: 1 point to fit, so no trend (2 are needed, "
                                              "3 for an interval)");
    cr_expect(isnan(js_cube_value(res, 7)));
    cr_expect(js_cube_flags(res, 7) & JS_FLAG_MISSING_INPUT);
    cr_expect(js_cube_flags(res, 6) & JS_FLAG_OUTSIDE_FIT);
    js_diag_free(d);
    js_cube_free(res);
    js_cube_free(c);
}

Test(trend_fit, fit_from_after_the_last_year_is_an_error)
{
    js_cube *const c = tv9_cube(0);
    js_indicator_spec s = spec_of("trend", KEYS("fit_from", "2030"));
    s.id = "t";
    js_diag *const d = js_diag_alloc();
    js_cube *res = NULL;
    cr_assert_eq(js_indicator_compute(&s, IN(c), &res, d), JS_EUSAGE);
    cr_expect(res == NULL);
    cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 1);
    cr_expect_str_eq(js_diag_get(d, 0)->text, "t: fit_from 2030 is after the last year of the data, 2022");
    js_diag_free(d);
    js_cube_free(c);
}

/* ---- mean age: the open class (METHODS 1.4) ------------------------------------- */

static double mean_age_of(const js_cube *c, const char *open_mean)
{
    js_indicator_spec s = open_mean ? spec_of("mean_age", KEYS("open_mean", open_mean))
                                    : spec_of("mean_age", KEYS(NULL));
    js_cube *const res = run(&s, c, by_region, 1, NULL);
    const double v = js_cube_value(res, 0);
    js_cube_free(res);
    return v;
}

Test(mean_open, five_year_classes_put_the_open_class_at_start_plus_2_5)
{
    /* METHODS 1.4: the open class at its start + half the preceding width.
     * 0-4: 10, 5-9: 20, 10+: 10 → (2.5 × 10 + 7.5 × 20 + 12.5 × 10) / 40 =
     * 300 / 40 = 7.5 by hand (the old start + 0.5 gave 280 / 40 = 7.0). */
    js_cube *const c = age_cube((const char *const[]){"0-4", "5-9", "10+", NULL},
                                (const double[]){10, 20, 10});
    ASSERT_CLOSE(mean_age_of(c, NULL), 7.5, 1e-12);
    /* open_mean still overrides: 10+ at 11 → (25 + 150 + 110) / 40 */
    ASSERT_CLOSE(mean_age_of(c, "11"), 285.0 / 40, 1e-12);
    js_cube_free(c);
}

Test(mean_open, single_years_put_100_plus_at_100_5)
{
    /* 98: 1, 99: 1, 100+: 2 → (98.5 + 99.5 + 2 × 100.5) / 4 = 99.75 by hand. */
    js_cube *const c = age_cube((const char *const[]){"98", "99", "100+", NULL},
                                (const double[]){1, 1, 2});
    ASSERT_CLOSE(mean_age_of(c, NULL), 99.75, 1e-12);
    js_cube_free(c);
}

Test(mean_open, tv1_default_is_methods_92_5)
{
    /* METHODS TV-1's 19 five-year classes with 90+: the default must be
     * the table's "90+ -> 92.5".  Women's classes, from METHODS 1.6:
     * expected 44.5243902439 (R, METHODS 0.1). */
    static const double w[19] = {520, 540, 560, 500, 480, 600, 650, 620, 600, 640,
                                 700, 680, 650, 640, 620, 500, 380, 250, 120};
    double lo[19], hi[19];
    for (int g = 0; g < 19; g++) {
        lo[g] = 5 * g;
        hi[g] = g == 18 ? (double)INFINITY : 5.0 * g + 5;
    }
    ASSERT_CLOSE(js_mean_grouped(lo, hi, w, 19, (double)NAN), 44.5243902439, 1e-10);
    /* an open class alone has no class before it: start + 0.5 */
    const double lo1 = 65, hi1 = (double)INFINITY, f1 = 3;
    ASSERT_CLOSE(js_mean_grouped(&lo1, &hi1, &f1, 1, (double)NAN), 65.5, 1e-12);
}
