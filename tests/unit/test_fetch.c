/*
 * test_fetch.c - the parts of `jamstat fetch` that need no network: a
 * table's metadata, selections, splitting a query under a cell limit, and
 * merging split answers (src/fetch/fetch_int.h).
 *
 * The metadata is a small invented table shaped as PxWebApi 2's: Region
 * (3 values, no elimination), Kon (elimination value TotSa), Tid (time, 5
 * periods), with the categories of Region in object form, positions not
 * in key order.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "fetch/fetch_int.h"

static const char meta_text[] =
    "{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":\"t\",\"source\":\"SCB\","
    "\"role\":{\"time\":[\"Tid\"]},\"id\":[\"Region\",\"Kon\",\"Tid\"],\"size\":[3,3,5],"
    "\"dimension\":{"
    "\"Region\":{\"label\":\"region\",\"category\":{\"index\":{\"10\":2,\"01\":0,\"03\":1},"
    "\"label\":{\"01\":\"Stockholms län\",\"03\":\"Uppsala län\",\"10\":\"Blekinge län\"}},"
    "\"extension\":{\"elimination\":false}},"
    "\"Kon\":{\"label\":\"kön\",\"category\":{\"index\":[\"TotSa\",\"1\",\"2\"],"
    "\"label\":{\"TotSa\":\"totalt\",\"1\":\"män\",\"2\":\"kvinnor\"}},"
    "\"extension\":{\"elimination\":true,\"eliminationValueCode\":\"TotSa\"}},"
    "\"Tid\":{\"label\":\"år\",\"category\":{\"index\":[\"2019\",\"2020\",\"2021\",\"2022\",\"2023\"]}}},"
    "\"value\":[]}";

static fetch_table table;
static js_diag *diag;

static void setup(void)
{
    json_error_t err;
    json_t *const meta = json_loads(meta_text, 0, &err);
    cr_assert_not_null(meta, "%s", err.text);
    diag = js_diag_alloc();
    cr_assert_eq(fetch_table_init(&table, meta, "TAB1", diag), JS_OK);
    json_decref(meta);
}

static void teardown(void)
{
    fetch_table_fini(&table);
    js_diag_free(diag);
}

TestSuite(fetch, .init = setup, .fini = teardown);

Test(fetch, metadata_in_position_order)
{
    cr_assert_eq(table.n_vars, 3);
    cr_assert_str_eq(table.vars[0].codes[2], "10");
    cr_assert_str_eq(table.vars[0].labels[2], "Blekinge län");
    cr_assert(table.vars[1].elimination);
    cr_assert_str_eq(table.vars[1].elim_code, "TotSa");
    cr_assert(table.vars[2].is_time);
}

Test(fetch, defaults_are_elimination_or_all)
{
    cr_assert_eq(fetch_select(&table, NULL, 0, "t", diag), JS_OK);
    cr_assert_eq(table.vars[0].n_sel, 3);
    cr_assert_eq(table.vars[1].n_sel, 1);
    cr_assert_eq(table.vars[1].sel[0], 0);
    cr_assert_eq(fetch_cells(&table), 15.0);
    cr_assert_eq(fetch_select(&table, NULL, 1, "t", diag), JS_OK); /* --all */
    cr_assert_eq(fetch_cells(&table), 45.0);
}

Test(fetch, selection_by_code_label_range_latest)
{
    cr_assert_eq(fetch_select(&table, "region:\"Blekinge län\",01 Kon:2,1 Tid:2021-", 0, "t", diag), JS_OK);
    cr_assert_eq(table.vars[0].n_sel, 2); /* kept in the table's order */
    cr_assert_eq(table.vars[0].sel[0], 0);
    cr_assert_eq(table.vars[0].sel[1], 2);
    cr_assert_eq(table.vars[1].sel[0], 1);
    cr_assert_eq(table.vars[2].n_sel, 3);
    cr_assert_eq(fetch_select(&table, "Tid:latest2", 0, "t", diag), JS_OK);
    cr_assert_eq(table.vars[2].n_sel, 2);
    cr_assert_eq(table.vars[2].sel[0], 3);
    cr_assert_eq(fetch_select(&table, "Region:03-10", 0, "t", diag), JS_OK); /* a run in table order */
    cr_assert_eq(table.vars[0].n_sel, 2);
}

Test(fetch, mistakes_name_the_valid_values)
{
    cr_assert_eq(fetch_select(&table, "Tid:2030-", 0, "t", diag), JS_EUSAGE);
    cr_assert_eq(fetch_select(&table, "Region:011", 0, "t", diag), JS_EUSAGE);
    cr_assert_eq(fetch_select(&table, "Kön", 0, "t", diag), JS_EUSAGE);
    cr_assert_eq(js_diag_count(diag, JS_SEV_ERROR), 3);
    cr_assert(strstr(js_diag_get(diag, 1)->text, "(did you mean 01?)") != NULL, "%s", js_diag_get(diag, 1)->text);
}

Test(fetch, split_covers_every_cell_within_the_limit)
{
    cr_assert_eq(fetch_select(&table, "Kon:*", 1, "t", diag), JS_OK); /* 3 x 3 x 5 = 45 */
    fetch_piece *p = NULL;
    size_t n = 0;
    cr_assert_eq(fetch_split(&table, 7, &p, &n, diag), JS_OK);
    double cells = 0;
    for (size_t i = 0; i < n; i++) {
        double c = 1;
        for (size_t k = 0; k < table.n_vars; k++)
            c *= (double)(p[i].hi[k] - p[i].lo[k]);
        cr_assert_leq(c, 7.0);
        cells += c;
    }
    cr_assert_eq(cells, 45.0);
    fetch_pieces_free(p, n);
    cr_assert_eq(fetch_split(&table, 0.5, &p, &n, diag), JS_EUSAGE); /* not even one cell */
}

/* An answer over Region x Tid slices, in a category order of its own. */
static json_t *answer(int n_regions, const char *regions, const char *years, const char *values)
{
    char text[1024];
    (void)snprintf(text, sizeof text,
                   "{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":\"t\",\"id\":[\"Region\",\"Tid\"],"
                   "\"size\":[%d,%d],\"dimension\":{\"Region\":{\"label\":\"region\",\"category\":"
                   "{\"index\":%s}},\"Tid\":{\"label\":\"år\",\"category\":{\"index\":%s}}},\"value\":%s}",
                   n_regions, 1, regions, years, values);
    json_error_t err;
    json_t *const j = json_loads(text, 0, &err);
    cr_assert_not_null(j, "%s", err.text);
    return j;
}

Test(fetch, merge_places_cells_by_code)
{
    cr_assert_eq(fetch_select(&table, "Region:01,03 Tid:2020,2021", 0, "t", diag), JS_OK);
    table.vars[1].omitted = 1; /* as if Kon were summed away */
    json_t *parts[4] = {answer(2, "[\"03\",\"01\"]", "[\"2021\"]", "[4,2]"),
                       answer(2, "[\"01\",\"03\"]", "[\"2020\"]", "[1,3]")};
    json_t *out = NULL;
    cr_assert_eq(fetch_merge(&table, parts, 2, "t", &out, diag), JS_OK);
    json_t *const v = json_object_get(out, "value");
    cr_assert_eq(json_array_size(v), 4);
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(json_integer_value(json_array_get(v, i)), (json_int_t)i + 1, "cell %zu", i);
    json_decref(out);
    json_decref(parts[0]);
    json_decref(parts[1]);
}
