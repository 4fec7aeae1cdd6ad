/*
 * test_indicators.c - the indicator kinds against METHODS.md's test vectors.
 *
 * TV-1 (METHODS 1.6) is a fictitious municipality in 5-year age groups; its
 * expected values were computed for METHODS.md in R 4.2.2 and agree with a
 * hand computation (e.g. young_SE = 100 × 4370 / 11420 = 38.2661996497).
 * TV-5 (METHODS 5.8) gives the Wilson intervals.  TV-6 (METHODS 6.3) the gaps.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jamstat/indicator.h"
#include "testutil.h"

/* A kind's key from text, as the analysis file gives it (must parse). */
#define SET(s, key, text) cr_assert_eq(js_indicator_spec_set((s), (key), (text), NULL), JS_OK, "%s = %s", (key), (text))
/* One input cube, in an array as long as any kind's inputs. */
#define IN(c) ((const js_cube *const[JS_KIND_MAX_INPUTS]){(c)})

static const double tv1_women[19] = {520, 540, 560, 500, 480, 600, 650, 620, 600, 640,
                                     700, 680, 650, 640, 620, 500, 380, 250, 120};
static const double tv1_men[19] = {550, 570, 590, 540, 520, 640, 680, 640, 610, 660,
                                   720, 690, 640, 610, 570, 430, 290, 160, 50};

/* TV-1 as a cube region(1) × sex(2) × age(19 five-year groups, 90+). */
static js_cube *tv1_cube(void)
{
    js_cube *const c = js_cube_alloc();
    size_t dr, ds, da;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &dr), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "sex", NULL, JS_ROLE_SEX, &ds), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "age", NULL, JS_ROLE_AGE, &da), JS_OK);
    cr_assert_eq(js_cube_add_category(c, dr, "9999", "TV-1", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, ds, "women", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, ds, "men", NULL, NULL), JS_OK);
    for (int g = 0; g < 19; g++) {
        char code[16];
        if (g == 18)
            snprintf(code, sizeof code, "90+");
        else
            snprintf(code, sizeof code, "%d-%d", 5 * g, 5 * g + 4);
        cr_assert_eq(js_cube_add_category(c, da, code, NULL, NULL), JS_OK);
    }
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    for (size_t g = 0; g < 19; g++) {
        js_cube_set_value(c, js_cube_cell_index(c, (const size_t[]){0, 0, g}), tv1_women[g]);
        js_cube_set_value(c, js_cube_cell_index(c, (const size_t[]){0, 1, g}), tv1_men[g]);
    }
    return c;
}

static const char *const by_region[] = {"region"};
static const char *const by_region_sex[] = {"region", "sex"};

/* Run one indicator on TV-1 by region (and sex when by_sex) and return cell i. */
static double tv1_run(js_indicator_spec *s, int by_sex, size_t i)
{
    js_cube *const c = tv1_cube();
    s->id = "test";
    s->by = by_sex ? by_region_sex : by_region;
    s->n_by = by_sex ? 2 : 1;
    js_cube *res = NULL;
    js_diag *const d = js_diag_alloc();
    const js_status st = js_indicator_compute(s, IN(c), &res, d);
    cr_assert_eq(st, JS_OK, "status %d: %s", st, js_diag_size(d) ? js_diag_get(d, 0)->text : "");
    const double v = js_cube_value(res, i);
    js_cube_free(res);
    js_cube_free(c);
    js_diag_free(d);
    return v;
}

Test(tv1, share_of_women_and_sex_ratio)
{
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("share"));
    SET(&s, "part", "sex:women");
    ASSERT_CLOSE(tv1_run(&s, 0, 0), 50.2204801568, 1e-10);
    js_indicator_spec_fini(&s);
    js_indicator_spec_init(&s, js_kind_find("ratio"));
    SET(&s, "numerator", "sex:men");
    SET(&s, "denominator", "sex:women");
    SET(&s, "scale", "100");
    ASSERT_CLOSE(tv1_run(&s, 0, 0), 99.1219512195, 1e-10);
    js_indicator_spec_fini(&s);
}

Test(tv1, dependency_ratios_both_conventions)
{
    const struct { const char *conv, *variant; double want; } cases[] = {
        {"swedish", "young", 38.2661996497}, {"swedish", "old", 40.4553415061},
        {"swedish", "total", 78.7215411559}, {"eurostat", "young", 26.7255216693},
        {"eurostat", "old", 37.0786516854},  {"eurostat", "total", 63.8041733547}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        js_indicator_spec s;
        js_indicator_spec_init(&s, js_kind_find("dependency"));
        SET(&s, "convention", cases[i].conv);
        SET(&s, "variant", cases[i].variant);
        ASSERT_CLOSE(tv1_run(&s, 0, 0), cases[i].want, 1e-10);
    }
}

Test(tv1, share_80_plus)
{
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("share"));
    SET(&s, "part", "age:80-");
    ASSERT_CLOSE(tv1_run(&s, 0, 0), 6.12444879961, 1e-10);
    js_indicator_spec_fini(&s);
}

Test(tv1, median_age_grouped_total_women_men)
{
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("median_age"));
    ASSERT_CLOSE(tv1_run(&s, 0, 0), 44.152892562, 1e-10);
    ASSERT_CLOSE(tv1_run(&s, 1, 0), 45.4296875, 1e-10);
    ASSERT_CLOSE(tv1_run(&s, 1, 1), 42.868852459, 1e-10);
}

Test(tv1, mean_age_with_open_class_at_92_5)
{
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("mean_age"));
    SET(&s, "open_mean", "92.5");
    ASSERT_CLOSE(tv1_run(&s, 0, 0), 43.4774620284, 1e-10);
    ASSERT_CLOSE(tv1_run(&s, 1, 0), 44.5243902439, 1e-10);
    ASSERT_CLOSE(tv1_run(&s, 1, 1), 42.4212598425, 1e-10);
}

Test(tv1, age_bands_and_a_band_that_would_split_a_class)
{
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("age_distribution"));
    SET(&s, "bands", "0-14,15-64,65-");
    /* P(0-14) = 3330, P(15-64) = 12460, P(65+) = 4620 (METHODS TV-1). */
    ASSERT_CLOSE(tv1_run(&s, 0, 0), 3330, 1e-12);
    ASSERT_CLOSE(tv1_run(&s, 0, 1), 12460, 1e-12);
    ASSERT_CLOSE(tv1_run(&s, 0, 2), 4620, 1e-12);
    /* 0-12 would need part of the 10-14 class: an error, not a guess. */
    js_cube *const c = tv1_cube();
    js_indicator_spec_init(&s, js_kind_find("share"));
    s.id = "split";
    SET(&s, "part", "age:0-12");
    s.by = by_region;
    s.n_by = 1;
    js_cube *res = NULL;
    js_diag *const d = js_diag_alloc();
    cr_expect_eq(js_indicator_compute(&s, IN(c), &res, d), JS_EUSAGE);
    cr_expect(strstr(js_diag_get(d, 0)->text, "cannot be formed") != NULL);
    js_indicator_spec_fini(&s);
    js_diag_free(d);
    js_cube_free(c);
}

Test(formulas, single_year_median_and_mean)
{
    /* METHODS 1.6: counts 10 12 11 9 8 10 7 6 5 2 at ages 0..9 (N = 80):
     * median = 3 + (40 - 33) / 9 = 3.7777…, mean with (x + 0.5) = 4.0625. */
    const double f[10] = {10, 12, 11, 9, 8, 10, 7, 6, 5, 2};
    double lo[10], hi[10];
    for (int a = 0; a < 10; a++) {
        lo[a] = a;
        hi[a] = a + 1;
    }
    int open;
    ASSERT_CLOSE(js_median_grouped(lo, hi, f, 10, &open), 3 + 7.0 / 9, 1e-12);
    cr_expect_eq(open, 0);
    ASSERT_CLOSE(js_mean_grouped(lo, hi, f, 10, (double)NAN), 4.0625, 1e-12);
    const double zero[3] = {0, 0, 0};
    cr_expect(isnan(js_median_grouped(lo, hi, zero, 3, &open)), "N = 0 gives NaN");
}

Test(formulas, median_in_open_class_is_flagged)
{
    const double lo[2] = {0, 65}, hi[2] = {65, (double)INFINITY}, f[2] = {10, 30};
    int open;
    cr_expect(js_median_grouped(lo, hi, f, 2, &open) == 65);
    cr_expect_eq(open, 1);
}

Test(formulas, wilson_intervals_tv5)
{
    double lo, hi;
    cr_assert_eq(js_wilson(65, 100, 0.05, &lo, &hi), JS_OK);
    ASSERT_CLOSE(lo, 0.5525444330, 1e-9);
    ASSERT_CLOSE(hi, 0.7363575176, 1e-9);
    cr_assert_eq(js_wilson(0, 20, 0.05, &lo, &hi), JS_OK);
    cr_expect(lo == 0);
    ASSERT_CLOSE(hi, 0.1611251581, 1e-9);
    cr_assert_eq(js_wilson(20, 20, 0.05, &lo, &hi), JS_OK);
    ASSERT_CLOSE(lo, 0.8388748419, 1e-9);
    cr_expect(hi == 1);
}

/* A result-like cube: category(1) × sex(2) with the given values. */
static js_cube *pair_cube(double women, double men)
{
    js_cube *const c = js_cube_alloc();
    size_t d0, d1;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &d0), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "sex", NULL, JS_ROLE_SEX, &d1), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d0, "10", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d1, "K", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d1, "M", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    js_cube_set_value(c, 0, women);
    if (!isnan(men))
        js_cube_set_value(c, 1, men);
    return c;
}

Test(gap, difference_and_ratio_tv6)
{
    /* TV-6: employment rate W 78.4, M 81.9 → -3.5 pp, ratio 95.72649573. */
    js_cube *const c = pair_cube(78.4, 81.9);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("gap"));
    s.id = "gap";
    js_cube *res;
    cr_assert_eq(js_indicator_compute(&s, IN(c), &res, NULL), JS_OK);
    ASSERT_CLOSE(js_cube_value(res, 0), -3.5, 1e-12);
    js_cube_free(res);
    SET(&s, "variant", "ratio");
    cr_assert_eq(js_indicator_compute(&s, IN(c), &res, NULL), JS_OK);
    ASSERT_CLOSE(js_cube_value(res, 0), 95.72649573, 1e-9);
    js_cube_free(res);
    js_cube_free(c);
}

Test(flags, missing_inputs_and_zero_denominators_are_never_zeros)
{
    js_cube *const c = pair_cube(5, (double)NAN); /* men missing */
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("share"));
    s.id = "share";
    SET(&s, "part", "sex:women");
    s.by = by_region;
    s.n_by = 1;
    js_cube *res;
    cr_assert_eq(js_indicator_compute(&s, IN(c), &res, NULL), JS_OK);
    cr_expect(isnan(js_cube_value(res, 0)), "a total with a missing part is missing");
    cr_expect(js_cube_flags(res, 0) & JS_FLAG_MISSING_INPUT);
    js_cube_free(res);
    js_cube_free(c);
    js_cube *const z = pair_cube(0, 0);
    cr_assert_eq(js_indicator_compute(&s, IN(z), &res, NULL), JS_OK);
    cr_expect(isnan(js_cube_value(res, 0)), "0/0 is NaN, not 0 and not inf");
    cr_expect(js_cube_flags(res, 0) & JS_FLAG_ZERO_DENOM);
    js_cube_free(res);
    js_cube_free(z);
    js_indicator_spec_fini(&s);
}

Test(aggregate, time_must_be_selected_or_kept)
{
    js_cube *const c = js_cube_alloc();
    size_t d0, d1;
    cr_assert_eq(js_cube_add_dim(c, "year", NULL, JS_ROLE_TIME, &d0), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "sex", NULL, JS_ROLE_SEX, &d1), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d0, "2014", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d0, "2015", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d1, "women", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    js_cube_set_value(c, 0, 1);
    js_cube_set_value(c, 1, 2);
    const char *const by[] = {"sex"};
    js_cube *out = NULL;
    js_diag *const d = js_diag_alloc();
    cr_expect_eq(js_aggregate(c, NULL, by, 1, "t", &out, d), JS_EUSAGE, "stocks are not summed over years");
    js_sel *const y2015 = test_sel("year:2015");
    cr_assert_eq(js_aggregate(c, y2015, by, 1, "t", &out, d), JS_OK);
    cr_expect(js_cube_value(out, 0) == 2);
    js_sel_free(y2015);
    js_cube_free(out);
    js_diag_free(d);
    js_cube_free(c);
}

Test(trend, ols_projection_tv9)
{
    /* METHODS TV-9: years 2015..2022, y = 38.0 39.1 40.5 41.0 42.2 43.1 43.9 45.0
     * → 2030: yhat 52.8261904762, prediction interval 51.8659753137 – 53.7864056387
     * (reproduced there with R lm/predict). */
    const double y[8] = {38.0, 39.1, 40.5, 41.0, 42.2, 43.1, 43.9, 45.0};
    js_cube *const c = js_cube_alloc();
    size_t dr, dy;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &dr), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "year", NULL, JS_ROLE_TIME, &dy), JS_OK);
    cr_assert_eq(js_cube_add_category(c, dr, "10", NULL, NULL), JS_OK);
    for (int k = 0; k < 8; k++) {
        char code[8];
        snprintf(code, sizeof code, "%d", 2015 + k);
        cr_assert_eq(js_cube_add_category(c, dy, code, NULL, NULL), JS_OK);
    }
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    for (size_t k = 0; k < 8; k++)
        js_cube_set_value(c, k, y[k]);
    js_indicator_spec s;
    js_indicator_spec_init(&s, js_kind_find("trend"));
    s.id = "trend";
    SET(&s, "project_to", "2030");
    js_cube *res;
    cr_assert_eq(js_indicator_compute(&s, IN(c), &res, NULL), JS_OK);
    cr_assert_eq(js_cube_ncells(res), 16, "2015..2030");
    ASSERT_CLOSE(js_cube_value(res, 15), 52.8261904762, 1e-10);
    ASSERT_CLOSE(js_cube_ci_low(res, 15), 51.8659753137, 1e-9);
    ASSERT_CLOSE(js_cube_ci_high(res, 15), 53.7864056387, 1e-9);
    ASSERT_CLOSE(js_cube_value(res, 0), 38.1833333333, 1e-10);
    cr_expect(!(js_cube_flags(res, 7) & JS_FLAG_PROJECTED), "2022 is observed");
    cr_expect(js_cube_flags(res, 8) & JS_FLAG_PROJECTED, "2023 is projected");
    js_cube_free(res);
    js_cube_free(c);
}

/* The cache answers one-dimension selections from a marginal table (one
 * walk); every answer must equal js_aggregate's exactly: values, flags and
 * missing cells (expected = the plain aggregate of the same cube). */
Test(aggregate, cached_marginals_equal_plain_aggregates)
{
    js_cube *const c = tv1_cube();
    /* a suppressed and a missing cell, to check flags travel too */
    js_cube_set_status(c, js_cube_cell_index(c, (const size_t[]){0, 0, 3}), JS_CELL_SUPPRESSED, "..C");
    js_cube_set_status(c, js_cube_cell_index(c, (const size_t[]){0, 1, 17}), JS_CELL_MISSING, "..");
    const char *const sels[] = {NULL, "sex:women", "sex:men", "age:65-", "age:20-64", "age:0-19,65-",
                                "age:80-", "age:0-4"};
    const char *const by[] = {"region"};
    js_agg_cache *const cache = js_agg_cache_alloc();
    for (size_t i = 0; i < sizeof sels / sizeof *sels; i++) {
        js_cube *plain;
        const js_cube *cached;
        js_cube *owned;
        js_sel *const sel = test_sel(sels[i]);
        cr_assert_eq(js_aggregate(c, sel, by, 1, "t", &plain, NULL), JS_OK);
        cr_assert_eq(js_aggregate_cached(cache, c, sel, by, 1, "t", &cached, &owned, NULL), JS_OK);
        js_sel_free(sel);
        cr_assert_eq(js_cube_ncells(plain), js_cube_ncells(cached));
        for (size_t k = 0; k < js_cube_ncells(plain); k++) {
            const double a = js_cube_value(plain, k), b = js_cube_value(cached, k);
            cr_expect((isnan(a) && isnan(b)) || a == b, "%s: %.17g vs %.17g", sels[i] ? sels[i] : "(all)", a, b);
            cr_expect_eq(js_cube_flags(plain, k), js_cube_flags(cached, k), "%s flags", sels[i] ? sels[i] : "(all)");
        }
        js_cube_free(plain);
        js_cube_free(owned);
    }
    js_agg_cache_free(cache);
    js_cube_free(c);
}

/* The same with totals among the categories (so a cell at a total feeds
 * every table and a cell off two defaults feeds none), an outside
 * dimension before by as well as after it, by first, in the middle and
 * last, and by with a second dimension after the tables for the first
 * alone were made (answered from that dimension's table in them where the
 * selection allows).  Values are small integers (sums exact in any order); the
 * expected values are js_aggregate's on the same cube. */
Test(aggregate, cached_marginals_with_totals_equal_plain_aggregates)
{
    js_cube *const c = js_cube_alloc();
    size_t ds, dr, da, db;
    cr_assert_eq(js_cube_add_dim(c, "sex", NULL, JS_ROLE_SEX, &ds), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &dr), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "age", NULL, JS_ROLE_AGE, &da), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "background", NULL, JS_ROLE_OTHER, &db), JS_OK);
    static const char *const sexes[] = {"women", "men", "total"};
    static const char *const regions[] = {"01", "03", "04"};
    static const char *const ages[] = {"0-19", "20-64", "65+", "total"};
    static const char *const bgs[] = {"sweden", "abroad", "total"};
    for (size_t k = 0; k < 3; k++) {
        cr_assert_eq(js_cube_add_category(c, ds, sexes[k], NULL, NULL), JS_OK);
        cr_assert_eq(js_cube_add_category(c, dr, regions[k], NULL, NULL), JS_OK);
        cr_assert_eq(js_cube_add_category(c, db, bgs[k], NULL, NULL), JS_OK);
    }
    for (size_t k = 0; k < 4; k++)
        cr_assert_eq(js_cube_add_category(c, da, ages[k], NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    for (size_t i = 0; i < js_cube_ncells(c); i++)
        js_cube_set_value(c, i, (double)((i * 7919) % 97 + 1));
    js_cube_set_status(c, 17, JS_CELL_SUPPRESSED, "..C");
    js_cube_set_status(c, 50, JS_CELL_MISSING, "..");
    const char *const sels[] = {NULL, "sex:women", "age:65-", "age:0-19,65-", "background:abroad",
                                "region:01"};
    const char *const bys[][2] = {{"region", NULL}, {"sex", NULL}, {"background", NULL},
                                  {"region", "age"}, {"sex", "background"}};
    for (size_t b = 0; b < sizeof bys / sizeof *bys; b++) {
        const size_t n_by = bys[b][1] ? 2 : 1;
        js_agg_cache *const cache = js_agg_cache_alloc();
        if (n_by == 2) { /* tables by the first alone first, as an analysis by region asks */
            const js_cube *first;
            js_cube *owned;
            cr_assert_eq(js_aggregate_cached(cache, c, NULL, bys[b], 1, "t", &first, &owned, NULL), JS_OK);
            js_cube_free(owned);
        }
        for (size_t i = 0; i < sizeof sels / sizeof *sels; i++) {
            js_cube *plain;
            const js_cube *cached;
            js_cube *owned;
            const char *const what = sels[i] ? sels[i] : "(all)";
            js_sel *const sel = test_sel(sels[i]);
            if (js_aggregate(c, sel, bys[b], n_by, "t", &plain, NULL) != JS_OK) {
                js_sel_free(sel);
                continue; /* a selection on a by dimension: not a marginal question */
            }
            cr_assert_eq(js_aggregate_cached(cache, c, sel, bys[b], n_by, "t", &cached, &owned, NULL), JS_OK);
            js_sel_free(sel);
            cr_assert_eq(js_cube_ncells(plain), js_cube_ncells(cached));
            for (size_t k = 0; k < js_cube_ncells(plain); k++) {
                const double x = js_cube_value(plain, k), y = js_cube_value(cached, k);
                cr_expect((isnan(x) && isnan(y)) || x == y, "by %s, %s, cell %zu: %.17g vs %.17g",
                          bys[b][0], what, k, x, y);
                cr_expect_eq(js_cube_flags(plain, k), js_cube_flags(cached, k), "by %s, %s flags",
                             bys[b][0], what);
            }
            js_cube_free(plain);
            js_cube_free(owned);
        }
        js_agg_cache_free(cache);
    }
    js_cube_free(c);
}
