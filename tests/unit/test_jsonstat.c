/*
 * test_jsonstat.c - the JSON-stat 2.0 reader: SCB's real TAB6471 response
 * and small documents written by hand from the JSON-stat 2.0 specification
 * (sparse value object, status object, index as object, collection).
 *
 * TAB6471 expected values were looked up with
 *   python3 -c 'import json;d=json.load(open("TAB6471_data.json"));
 *     v=d["value"];print(len(v),v[0],v[1000],v[2771],d["note"][0][:60])'
 *   -> 2772 245284 4055 54 "Från och med referensåret 2025 ... slumpmässig osäkerhet"
 */
#include <string.h>

#include "../testutil.h" /* the Makefile has no -Itests */

#include "jamstat/read.h"

static js_status read_js_mem(const char *text, js_cube **c, js_diag *d)
{
    js_source *s = NULL;
    cr_assert_eq(js_source_open_memory("mem.json", text, strlen(text), &s), JS_OK);
    const js_status st = js_read_jsonstat(s, NULL, c, d);
    js_source_free(s);
    return st;
}

static int diag_has(const js_diag *d, const char *word)
{
    for (size_t i = 0; i < js_diag_size(d); i++)
        if (js_diag_get(d, i)->text && strstr(js_diag_get(d, i)->text, word))
            return 1;
    return 0;
}

Test(jsonstat, scb_tab6471)
{
    REQUIRE_SHARED("json-stat/TAB6471_data.json");
    js_diag *d = js_diag_alloc();
    js_source *s = NULL;
    js_cube *c = NULL;
    cr_assert_eq(js_source_open_file(shared_path("json-stat/TAB6471_data.json"), &s, d), JS_OK);
    cr_assert_eq(js_read_jsonstat(s, NULL, &c, d), JS_OK);
    cr_assert_eq(js_cube_ncells(c), 2772);
    cr_assert_eq(js_cube_ndims(c), 5);
    ASSERT_CLOSE(js_cube_value(c, 0), 245284, 0);
    ASSERT_CLOSE(js_cube_value(c, 1000), 4055, 0);
    ASSERT_CLOSE(js_cube_value(c, 2771), 54, 0);
    cr_assert_eq(js_dim_role(js_cube_dim(c, 0)), JS_ROLE_REGION);
    cr_assert_eq(js_dim_role(js_cube_dim(c, 3)), JS_ROLE_CONTENTS, "role.metric");
    cr_assert_eq(js_dim_role(js_cube_dim(c, 4)), JS_ROLE_TIME, "role.time");
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 4), 0)->code, "2026M01");
    cr_assert_str_eq(js_cube_meta(c, JS_META_SOURCE), "SCB");
    cr_assert_str_eq(js_cube_meta(c, JS_META_UNIT), "antal");
    int noise = 0;
    for (size_t i = 0; i < js_cube_nnotes(c); i++)
        noise |= strstr(js_cube_note(c, i), "slumpm\xc3\xa4ssig os\xc3\xa4kerhet") != NULL;
    cr_assert(noise, "SCB's cell-key noise note is a cube note");
    js_cube_free(c);
    js_source_free(s);
    js_diag_free(d);
}

Test(jsonstat, sparse_value_status_object_index_object)
{
    /* Written from the spec: flat index = p0*size1 + p1; index object gives positions. */
    const char *const doc =
        "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"sex\",\"year\"],\"size\":[2,2],"
        "\"dimension\":{\"sex\":{\"category\":{\"index\":{\"M\":1,\"F\":0}}},"
        "\"year\":{\"category\":{\"index\":[\"2020\",\"2021\"]}}},"
        "\"value\":{\"1\":2.385,\"2\":7.5},\"status\":{\"0\":\"..\",\"2\":\"p\",\"3\":\"c\"},"
        "\"note\":\"one note\"}";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_js_mem(doc, &c, d), JS_OK);
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 0)->code, "F");
    cr_assert_eq(js_dim_role(js_cube_dim(c, 0)), JS_ROLE_SEX);
    cr_assert_eq(js_cube_status(c, 0), JS_CELL_MISSING);
    cr_assert_str_eq(js_cube_symbol(c, 0), "..");
    ASSERT_CLOSE(js_cube_value(c, 1), 2.385, 0);
    ASSERT_CLOSE(js_cube_value(c, 2), 7.5, 0);
    cr_assert_eq(js_cube_status(c, 2), JS_CELL_OK);
    cr_assert_str_eq(js_cube_symbol(c, 2), "p", "a status on a present value is a flag");
    cr_assert_eq(js_cube_status(c, 3), JS_CELL_SUPPRESSED);
    cr_assert_eq(js_cube_nnotes(c), 1);
    js_cube_free(c);
    js_diag_free(d);
}

Test(jsonstat, collection_reads_first_dataset_and_bad_documents_fail)
{
    const char *const coll =
        "{\"version\":\"2.0\",\"class\":\"collection\",\"link\":{\"item\":["
        "{\"class\":\"dataset\",\"id\":[\"a\"],\"size\":[1],\"dimension\":{\"a\":"
        "{\"category\":{\"label\":{\"x\":\"X\"}}}},\"value\":[3]},"
        "{\"class\":\"dataset\",\"id\":[\"b\"],\"size\":[1],\"dimension\":{\"b\":"
        "{\"category\":{\"index\":[\"y\"]}}},\"value\":[4]}]}}";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_js_mem(coll, &c, d), JS_OK);
    cr_assert_str_eq(js_dim_name(js_cube_dim(c, 0)), "a");
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 0)->code, "x", "index absent: label key");
    ASSERT_CLOSE(js_cube_value(c, 0), 3, 0);
    cr_assert(diag_has(d, "only the first"));
    js_cube_free(c);
    js_diag_clear(d);
    cr_assert_eq(read_js_mem("{\"id\":[\"a\"],\"size\":[2],\"dimension\":{\"a\":{\"category\":"
                             "{\"index\":[\"x\",\"y\"]}}},\"value\":[1]}", &c, d), JS_EDATA);
    cr_assert(diag_has(d, "VALUE_LEN_MISMATCH"));
    js_diag_clear(d);
    cr_assert_eq(read_js_mem("{\"id\":[\"a\"],\"size\":[2],\"dimension\":{\"a\":{\"category\":"
                             "{\"index\":{\"x\":0,\"y\":0}}}},\"value\":[1,2]}", &c, d), JS_EDATA);
    cr_assert(diag_has(d, "INDEX_POSITIONS_INVALID"));
    js_diag_clear(d);
    cr_assert_eq(read_js_mem("{\"id\":[\"a\"],\"size\":[1],\"dimension\":{\"a\":{\"category\":"
                             "{\"index\":[\"x\"]}}},\"value\":{\"5\":1}}", &c, d), JS_EDATA);
    cr_assert(diag_has(d, "SPARSE_KEY_OUT_OF_RANGE"));
    js_diag_clear(d);
    cr_assert_eq(read_js_mem("{\"id\":[\"a\"], broken", &c, d), JS_EDATA);
    cr_assert_eq(js_diag_get(d, 0)->line, 1, "jansson's line is reported");
    js_diag_free(d);
}
