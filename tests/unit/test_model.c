/*
 * test_model.c - the cube and harmonisation.
 *
 * Expected values are hand-derived from the definitions in cube.h and
 * harmonise.h (SCB's sex codes: 1 = men, 2 = women, per SCB's tables).
 */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "jamstat/cube.h"
#include "jamstat/harmonise.h"
#include "testutil.h"

Test(harmonise, sex_codes_of_every_source)
{
    const struct { const char *text; js_sex want; } cases[] = {
        {"kvinnor", JS_SEX_WOMEN}, {"Kvinnor", JS_SEX_WOMEN}, {"K", JS_SEX_WOMEN},
        {"2", JS_SEX_WOMEN},       {"women", JS_SEX_WOMEN},   {"girls", JS_SEX_WOMEN},
        {"F", JS_SEX_WOMEN},       {"female", JS_SEX_WOMEN},  {"m\xc3\xa4n", JS_SEX_MEN},
        {"M\xc3\x84N", JS_SEX_MEN}, {"1", JS_SEX_MEN},        {"men", JS_SEX_MEN},
        {"boys", JS_SEX_MEN},      {"M", JS_SEX_MEN},         {"totalt", JS_SEX_TOTAL},
        {"1+2", JS_SEX_TOTAL},     {"T", JS_SEX_TOTAL},       {"Samtliga", JS_SEX_TOTAL},
        {"b\xc3\xa5" "da k\xc3\xb6nen", JS_SEX_TOTAL}, {"alla", JS_SEX_TOTAL},
        {"samtliga anst\xc3\xa4llda", JS_SEX_TOTAL}, {"m\xc3\xa4n och kvinnor", JS_SEX_TOTAL},
        {"X", JS_SEX_NONE}, {"3", JS_SEX_NONE}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        cr_expect_eq(js_harm_sex(cases[i].text), cases[i].want, "sex of \"%s\"", cases[i].text);
}

Test(harmonise, age_labels_become_intervals)
{
    const struct { const char *text; double lo, hi; int total; } cases[] = {
        {"0 \xc3\xa5r", 0, 1, 0},     {"65", 65, 66, 0},         {"100+ \xc3\xa5r", 100, (double)INFINITY, 0},
        {"100+", 100, (double)INFINITY, 0},   {"16-24 years", 16, 25, 0}, {"20\xe2\x80\x93" "64 \xc3\xa5r", 20, 65, 0},
        {"total 16-74 years", 16, 75, 1}, {"<15", 0, 15, 0},     {"49+", 49, (double)INFINITY, 0},
        {"65-", 65, (double)INFINITY, 0},     {"-19", 0, 20, 0},          {"Y15-64", 15, 65, 0},
        {"Y_GE65", 65, (double)INFINITY, 0},  {"Y_LT15", 0, 15, 0},       {"TOTAL", 0, (double)INFINITY, 1},
        {"85 \xc3\xa5r och \xc3\xa4ldre", 85, (double)INFINITY, 0}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double lo, hi;
        int total;
        cr_assert(js_harm_age(cases[i].text, &lo, &hi, &total), "\"%s\" is an age", cases[i].text);
        cr_expect(lo == cases[i].lo && (hi == cases[i].hi || (isinf(hi) && isinf(cases[i].hi))),
                  "\"%s\": [%g, %g), expected [%g, %g)", cases[i].text, lo, hi, cases[i].lo, cases[i].hi);
        cr_expect_eq(total, cases[i].total, "\"%s\" total flag", cases[i].text);
    }
    double lo, hi;
    int total;
    cr_expect_not(js_harm_age("no information", &lo, &hi, &total));
    cr_expect_not(js_harm_age("Stockholm", &lo, &hi, &total));
}

Test(harmonise, time_codes)
{
    int y, sub;
    char kind;
    cr_assert(js_harm_time("2015", &y, &sub, &kind));
    cr_expect(y == 2015 && sub == 0 && kind == 'Y');
    cr_assert(js_harm_time("2015K3", &y, &sub, &kind));
    cr_expect(y == 2015 && sub == 3 && kind == 'Q');
    cr_assert(js_harm_time("2015Q1", &y, &sub, &kind));
    cr_expect(sub == 1 && kind == 'Q');
    cr_assert(js_harm_time("2015M11", &y, &sub, &kind));
    cr_expect(sub == 11 && kind == 'M');
    cr_assert(js_harm_time("2015-02", &y, &sub, &kind));
    cr_expect(sub == 2 && kind == 'M');
    cr_expect_not(js_harm_time("2015K5", &y, &sub, &kind));
    cr_expect_not(js_harm_time("201", &y, &sub, &kind));
    cr_expect_not(js_harm_time("men", &y, &sub, &kind));
}

Test(harmonise, code_and_label_split)
{
    size_t n;
    const char *label;
    cr_assert(js_harm_split_code("01 Stockholm county", &n, &label));
    cr_expect(n == 2 && strcmp(label, "Stockholm county") == 0);
    cr_assert(js_harm_split_code("0114 Upplands V\xc3\xa4sby", &n, &label));
    cr_expect(n == 4);
    cr_assert(js_harm_split_code("SE11 Stockholm", &n, &label));
    cr_expect(n == 4 && strcmp(label, "Stockholm") == 0);
    cr_expect_not(js_harm_split_code("total 16-74 years", &n, &label));
    cr_expect_not(js_harm_split_code("Stockholm", &n, &label));
    cr_expect_not(js_harm_split_code("2015", &n, &label));
}

Test(harmonise, roles_from_swedish_and_english_names)
{
    cr_expect_eq(js_harm_role_from_name("k\xc3\xb6n"), JS_ROLE_SEX);
    cr_expect_eq(js_harm_role_from_name("child_sex"), JS_ROLE_SEX);
    cr_expect_eq(js_harm_role_from_name("Kon"), JS_ROLE_SEX);
    cr_expect_eq(js_harm_role_from_name("\xc3\xa5lder"), JS_ROLE_AGE);
    cr_expect_eq(js_harm_role_from_name("mother_age"), JS_ROLE_AGE);
    cr_expect_eq(js_harm_role_from_name("\xc3\xa5r"), JS_ROLE_TIME);
    cr_expect_eq(js_harm_role_from_name("region_code"), JS_ROLE_REGION);
    cr_expect_eq(js_harm_role_from_name("l\xc3\xa4n"), JS_ROLE_REGION);
    cr_expect_eq(js_harm_role_from_name("occupation (SSYK 2012)"), JS_ROLE_OTHER);
    cr_expect_eq(js_harm_role_from_name("average salary"), JS_ROLE_OTHER);
}

/* A 2 × 3 cube built by staging, in scrambled order. */
static js_cube *small_cube(void)
{
    js_cube *const c = js_cube_alloc();
    size_t d0, d1;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &d0), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "sex", NULL, JS_ROLE_SEX, &d1), JS_OK);
    size_t k;
    cr_assert_eq(js_cube_add_category(c, d0, "10", "Blekinge", &k), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d0, "23", "J\xc3\xa4mtland", &k), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d1, "2", NULL, &k), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d1, "1", NULL, &k), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d1, "1+2", NULL, &k), JS_OK);
    cr_assert_eq(js_cube_add_category(c, d1, "X", NULL, &k), JS_EDATA, "unknown sex code");
    const size_t a[] = {1, 0}, b[] = {0, 2}, e[] = {0, 1};
    cr_assert_eq(js_cube_stage(c, a, 2.5, JS_CELL_OK, NULL, 7), JS_OK);
    cr_assert_eq(js_cube_stage(c, b, 0, JS_CELL_SUPPRESSED, "..C", 8), JS_OK);
    cr_assert_eq(js_cube_stage(c, e, 3.25, JS_CELL_OK, "p", 9), JS_OK);
    cr_assert_eq(js_cube_commit(c, "mem", NULL), JS_OK);
    return c;
}

Test(cube, staging_places_cells_row_major)
{
    js_cube *const c = small_cube();
    cr_assert(js_cube_check(c));
    cr_assert_eq(js_cube_ncells(c), 6);
    const size_t a[] = {1, 0};
    cr_expect(js_cube_value(c, js_cube_cell_index(c, a)) == 2.5);
    cr_expect_eq(js_cube_cell_index(c, a), 3, "row-major: 1 × 3 + 0");
    cr_expect_eq(js_cube_status(c, 2), JS_CELL_SUPPRESSED);
    cr_expect(isnan(js_cube_value(c, 2)), "a suppressed cell is NaN, never 0");
    cr_expect_str_eq(js_cube_symbol(c, 2), "..C");
    cr_expect_eq(js_cube_status(c, 1), JS_CELL_OK);
    cr_expect_str_eq(js_cube_symbol(c, 1), "p", "a flag on a present value is kept");
    cr_expect_eq(js_cube_status(c, 5), JS_CELL_MISSING, "cells never given are missing");
    size_t counts[5];
    js_cube_count_status(c, counts);
    cr_expect(counts[JS_CELL_OK] == 2 && counts[JS_CELL_SUPPRESSED] == 1 && counts[JS_CELL_MISSING] == 3);
    const js_dim *const sex = js_cube_dim(c, 1);
    cr_expect_eq(js_dim_category(sex, 0)->sex, JS_SEX_WOMEN, "SCB code 2 = women");
    cr_expect_eq(js_dim_category(sex, 1)->sex, JS_SEX_MEN, "SCB code 1 = men");
    cr_expect(js_dim_category(sex, 2)->is_total);
    cr_expect_eq(js_dim_find(js_cube_dim(c, 0), "J\xc3\xa4mtland"), 1, "find by label");
    cr_expect_eq(js_dim_find_code(js_cube_dim(c, 0), "J\xc3\xa4mtland"), SIZE_MAX, "a label is no code");
    cr_expect_eq(js_dim_find_code(js_cube_dim(c, 0), js_dim_category(js_cube_dim(c, 0), 1)->code), 1);
    cr_expect_eq(js_cube_find_dim(c, "SEX"), 1, "case-insensitive dimension lookup");
    size_t idx[2];
    js_cube_cell_coords(c, 4, idx);
    cr_expect(idx[0] == 1 && idx[1] == 1);
    js_cube_free(c);
}

Test(cube, duplicate_cells_name_both_lines)
{
    js_cube *const c = js_cube_alloc();
    js_diag *const d = js_diag_alloc();
    size_t dim;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &dim), JS_OK);
    cr_assert_eq(js_cube_add_category(c, dim, "01", NULL, NULL), JS_OK);
    const size_t idx[] = {0};
    cr_assert_eq(js_cube_stage(c, idx, 1, JS_CELL_OK, NULL, 4), JS_OK);
    cr_assert_eq(js_cube_stage(c, idx, 2, JS_CELL_OK, NULL, 9), JS_OK);
    cr_expect_eq(js_cube_commit(c, "f.csv", d), JS_EDATA);
    const js_diag_msg *const m = js_diag_get(d, 0);
    cr_assert_not_null(m);
    cr_expect_eq(m->line, 9);
    cr_expect(strstr(m->text, "line 4") != NULL, "%s", m->text);
    js_diag_free(d);
    js_cube_free(c);
}

Test(cube, every_allocation_failure_is_reported_without_leaks)
{
    /* Fault injection (STYLE.md §10.6): fail allocation k = 1, 2, ... until
     * the build succeeds; each failure must come back as an error status
     * (valgrind/ASan runs show no leak). */
    for (size_t k = 1; k < 200; k++) {
        js_alloc_fail_at(k);
        js_cube *const c = js_cube_alloc();
        size_t dim;
        js_status st = c ? js_cube_add_dim(c, "sex", NULL, JS_ROLE_SEX, &dim) : JS_ENOMEM;
        if (st == JS_OK)
            st = js_cube_add_category(c, dim, "women", NULL, NULL);
        const size_t idx[] = {0};
        if (st == JS_OK)
            st = js_cube_stage(c, idx, 1, JS_CELL_SUPPRESSED, "..", 2);
        if (st == JS_OK)
            st = js_cube_commit(c, "f", NULL);
        js_alloc_fail_at(0);
        js_cube_free(c);
        if (st == JS_OK)
            return;
        cr_expect_eq(st, JS_ENOMEM, "allocation %zu failed with status %d", k, st);
    }
    cr_assert_fail("the build never succeeded");
}

/* "SE" is the total of Sweden's regions (SE, SE11, SE12 ...; SCB's and
 * Eurostat's tables of Sweden), but beside other countries it is Sweden
 * among them (Eurostat's EU28.emp.csv: AT, ..., SE, and EU28 itself), in
 * either order of the categories and when the role comes later. */
Test(cube, sweden_is_the_total_only_among_its_own_regions)
{
    static const char *const own[] = {"SE", "SE11", "SE12"}, *const eu[] = {"SE", "AT", "EU28", "DE"},
                             *const late[] = {"DE", "SE"};
    const struct { const char *const *codes; size_t n; int total, role_later; } cases[] = {
        {own, 3, 1, 0}, {eu, 4, 0, 0}, {late, 2, 0, 0}, {eu, 4, 0, 1}, {own, 3, 1, 1}};
    for (size_t t = 0; t < sizeof cases / sizeof *cases; t++) {
        js_cube *const c = js_cube_alloc();
        size_t d = 0, se = SIZE_MAX;
        cr_assert(c != NULL);
        cr_assert_eq(js_cube_add_dim(c, "geo", NULL, cases[t].role_later ? JS_ROLE_OTHER : JS_ROLE_REGION, &d),
                     JS_OK);
        for (size_t i = 0; i < cases[t].n; i++) {
            size_t k;
            cr_assert_eq(js_cube_add_category(c, d, cases[t].codes[i], NULL, &k), JS_OK);
            if (strcmp(cases[t].codes[i], "SE") == 0)
                se = k;
        }
        if (cases[t].role_later)
            cr_assert_eq(js_cube_set_role(c, d, JS_ROLE_REGION), JS_OK);
        cr_expect_eq(js_dim_category(js_cube_dim(c, d), se)->is_total, cases[t].total, "case %zu", t);
        js_cube_free(c);
    }
}
