/*
 * test_summary.c - the key figures of the home region (src/out/out_summary.c).
 *
 * Expected values by hand: the ranks of METHODS 8's example (5 7 7 3 ->
 * 3 1.5 1.5 4, 1 = the highest, ties the average of the ranks they span),
 * the country and a municipality left out of a ranking of counties, the
 * latest year with a value, the change since the first (or a chosen) year,
 * and an indicator with an unfixed extra dimension left out.
 */
#include "out/out_summary.h"

#include <math.h>
#include <string.h>

#include "testutil.h"

/* region (00 Riket, 01, 03, 04, 05, 0114 a municipality) × year (2000,
 * 2010, 2020), one value per cell: v[region][year]; NaN = missing. */
static js_cube *sum_cube(const double v[6][3])
{
    js_cube *const c = js_cube_alloc();
    cr_assert_not_null(c);
    size_t reg, year;
    cr_assert_eq(js_cube_add_dim(c, "region", "Region", JS_ROLE_REGION, &reg), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "year", "År", JS_ROLE_TIME, &year), JS_OK);
    static const char *const codes[] = {"00", "01", "03", "04", "05", "0114"};
    static const char *const labels[] = {"Riket", "Stockholm", "Uppsala", "Södermanland", "Östergötland", "Upplands Väsby"};
    for (size_t i = 0; i < 6; i++)
        cr_assert_eq(js_cube_add_category(c, reg, codes[i], labels[i], NULL), JS_OK);
    for (size_t t = 0; t < 3; t++) {
        static const char *const years[] = {"2000", "2010", "2020"};
        cr_assert_eq(js_cube_add_category(c, year, years[t], NULL, NULL), JS_OK);
    }
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    for (size_t i = 0; i < 6; i++)
        for (size_t t = 0; t < 3; t++)
            if (!isnan(v[i][t]))
                js_cube_set_value(c, i * 3 + t, v[i][t]);
    return c;
}

static void summary_of(const js_cube *c, const char *focus, int from_year, out_summary *s)
{
    static js_result r;
    memset(&r, 0, sizeof r);
    r.id = "x";
    r.title = "X";
    r.unit = "%";
    r.decimals = 1;
    r.cube = c;
    const js_summary_opts o = {focus, NULL, 0, from_year};
    cr_assert_eq(out_summary_build(&r, 1, &o, s), JS_OK);
}

Test(summary, ranks_average_ties_as_methods_8)
{
    /* 2020: Stockholm 5, Uppsala 7, Södermanland 7, Östergötland 3; the
     * country (100) and the municipality (9) are not counties */
    const double v[6][3] = {{90, 95, 100}, {4, 4.5, 5}, {6, 6.5, 7}, {1, 2, 7}, {3, 3, 3}, {9, 9, 9}};
    js_cube *const c = sum_cube(v);
    static const char *const focus[] = {"01", "03", "Södermanland", "05"};
    static const double rank[] = {3, 1.5, 1.5, 4};
    for (size_t i = 0; i < 4; i++) {
        out_summary s;
        summary_of(c, focus[i], 0, &s);
        cr_assert_eq(s.n, 1, "%s: one row, found %zu", focus[i], s.n);
        ASSERT_CLOSE(s.rows[0].rank, rank[i], 0);
        cr_assert_eq(s.rows[0].n_ranked, 4, "%s: 4 counties ranked, found %zu", focus[i], s.rows[0].n_ranked);
        cr_assert_str_eq(s.rows[0].year->code, "2020");
        cr_assert_str_eq(s.rows[0].from->code, "2000");
        out_summary_fini(&s);
    }
    out_summary s; /* Södermanland: 7 - 1 since 2000, 7 - 2 since 2010 */
    summary_of(c, "04", 0, &s);
    ASSERT_CLOSE(s.rows[0].change, 6, 0);
    out_summary_fini(&s);
    summary_of(c, "04", 2010, &s);
    ASSERT_CLOSE(s.rows[0].change, 5, 0);
    cr_assert_str_eq(s.rows[0].from->code, "2010");
    out_summary_fini(&s);
    js_cube_free(c);
}

Test(summary, latest_year_with_a_value_and_no_rank_for_the_country)
{
    /* Uppsala has no 2020: its row is 2010's, ranked among 2010's counties
     * (6.5 of 4, 6.5, 2, 3: first); the country has no rank */
    const double v[6][3] = {{90, 95, 100}, {4, 4.5, 5}, {6, 6.5, (double)NAN}, {1, 2, 7}, {3, 3, 3}, {9, 9, 9}};
    js_cube *const c = sum_cube(v);
    out_summary s;
    summary_of(c, "03", 0, &s);
    cr_assert_str_eq(s.rows[0].year->code, "2010");
    ASSERT_CLOSE(s.rows[0].value, 6.5, 0);
    ASSERT_CLOSE(s.rows[0].rank, 1, 0);
    out_summary_fini(&s);
    summary_of(c, "Riket", 0, &s);
    cr_assert_eq(s.n, 1);
    ASSERT_CLOSE(s.rows[0].value, 100, 0);
    cr_assert(isnan(s.rows[0].rank), "the country is not ranked, found %g", s.rows[0].rank);
    out_summary_fini(&s);
    summary_of(c, "99", 0, &s); /* a focus not in the data: no row */
    cr_assert_eq(s.n, 0);
    out_summary_fini(&s);
    js_cube_free(c);
}

Test(summary, rows_by_sex_and_an_unfixed_dimension_left_out)
{
    js_cube *const c = js_cube_alloc();
    size_t reg, sex, age;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &reg), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "sex", NULL, JS_ROLE_SEX, &sex), JS_OK);
    cr_assert_eq(js_cube_add_category(c, reg, "23", "Jämtland", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, reg, "24", "Västerbotten", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, sex, "1", "män", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, sex, "2", "kvinnor", NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    for (size_t k = 0; k < 4; k++)
        js_cube_set_value(c, k, 10.0 + (double)k);
    out_summary s;
    summary_of(c, "23", 0, &s);
    cr_assert_eq(s.n, 2);
    cr_assert_eq(s.rows[0].sex, JS_SEX_WOMEN, "women first");
    ASSERT_CLOSE(s.rows[0].value, 11, 0);
    ASSERT_CLOSE(s.rows[1].value, 10, 0);
    ASSERT_CLOSE(s.rows[0].rank, 2, 0); /* 11 below Västerbotten's 13 */
    cr_assert(isnan(s.rows[0].change), "no time dimension: no change");
    out_summary_fini(&s);
    js_cube_free(c);
    /* an age dimension of two classes and no total: too many values for a row */
    js_cube *const a = js_cube_alloc();
    cr_assert_eq(js_cube_add_dim(a, "region", NULL, JS_ROLE_REGION, &reg), JS_OK);
    cr_assert_eq(js_cube_add_dim(a, "age", NULL, JS_ROLE_AGE, &age), JS_OK);
    cr_assert_eq(js_cube_add_category(a, reg, "23", "Jämtland", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(a, age, "0-64", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(a, age, "65-", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(a), JS_OK);
    summary_of(a, "23", 0, &s);
    cr_assert_eq(s.n, 0, "an unfixed age dimension: left out, found %zu rows", s.n);
    out_summary_fini(&s);
    js_cube_free(a);
}
