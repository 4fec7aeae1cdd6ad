/*
 * test_csv.c - the CSV reader on small files written here by hand, and on
 * the real SCB exports in ../shared/datasets (skipped when absent).
 *
 * Expected values are read off the bytes of each input by hand; for the
 * real files the numbers were looked up with grep/awk on the file itself
 * (the command is quoted beside each).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jamstat/read.h"
#include "core/alloc.h"
#include "read/read_util.h"
#include "testutil.h"

static js_cube *read_text(const char *text, js_diag *d, js_status *st)
{
    js_source *src;
    cr_assert_eq(js_source_open_memory("mem.csv", text, strlen(text), &src), JS_OK);
    js_cube *c = NULL;
    *st = js_read_csv(src, NULL, &c, d);
    js_source_free(src);
    return c;
}

static double cell(const js_cube *c, const char *const *codes)
{
    size_t idx[8];
    for (size_t i = 0; i < js_cube_ndims(c); i++) {
        idx[i] = js_dim_find(js_cube_dim(c, i), codes[i]);
        cr_assert_neq(idx[i], SIZE_MAX, "no category %s in %s", codes[i], js_dim_name(js_cube_dim(c, i)));
    }
    return js_cube_value(c, js_cube_cell_index(c, idx));
}

Test(csv, pxweb_wide_latin1_with_symbols)
{
    /* Latin-1 "ä" (0xE4) in a label, years as columns, ".." and "-" kept. */
    const char *const text = "\"region\",\"sex\",\"2014\",\"2015\"\r\n"
                             "\"01 Stockholm county\",\"men\",195,..\r\n"
                             "\"23 J\xe4mtland county\",\"women\",14,-\r\n";
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    cr_expect_str_eq(js_cube_meta(c, JS_META_ENCODING), "WINDOWS-1252");
    cr_assert_eq(js_cube_ndims(c), 3);
    cr_expect_eq(js_dim_role(js_cube_dim(c, 2)), JS_ROLE_TIME);
    const js_dim *const region = js_cube_dim(c, 0);
    cr_expect_str_eq(js_dim_category(region, 1)->code, "23");
    cr_expect_str_eq(js_dim_category(region, 1)->label, "J\xc3\xa4mtland county", "converted to UTF-8");
    cr_expect(cell(c, (const char *[]){"01", "men", "2014"}) == 195);
    const size_t i_missing = js_cube_cell_index(c, (const size_t[]){0, 0, 1});
    cr_expect_eq(js_cube_status(c, i_missing), JS_CELL_MISSING);
    cr_expect_str_eq(js_cube_symbol(c, i_missing), "..");
    const size_t i_nil = js_cube_cell_index(c, (const size_t[]){1, 1, 1});
    cr_expect_eq(js_cube_status(c, i_nil), JS_CELL_NIL, "'-' is nil, never a negative sign or 0");
    js_cube_free(c);
}

Test(csv, kolada_semicolon_decimal_comma_bom)
{
    const char *const text = "\xEF\xBB\xBFRegion;Del;Kon;Varde_stand\n"
                             "00 Riket;H\xc3\xa5llbarhet;Kvinnor;40,3060281945803\n"
                             "0114 Upplands V\xc3\xa4sby;H\xc3\xa5llbarhet;M\xc3\xa4n;1\xc2\xa0" "234,5\n"
                             "0114 Upplands V\xc3\xa4sby;H\xc3\xa5llbarhet;Totalt;..C\n";
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    cr_expect_str_eq(js_cube_meta(c, JS_META_ENCODING), "UTF-8");
    cr_expect_str_eq(js_cube_meta(c, JS_META_MEASURE), "Varde_stand");
    cr_expect_eq(js_dim_role(js_cube_dim(c, 0)), JS_ROLE_REGION);
    cr_expect_eq(js_dim_role(js_cube_dim(c, 2)), JS_ROLE_SEX);
    cr_expect(js_dim_category(js_cube_dim(c, 0), 0)->is_total, "00 Riket is the region total");
    ASSERT_CLOSE(cell(c, (const char *[]){"00", "H\xc3\xa5llbarhet", "Kvinnor"}), 40.3060281945803, 1e-15);
    ASSERT_CLOSE(cell(c, (const char *[]){"0114", "H\xc3\xa5llbarhet", "M\xc3\xa4n"}), 1234.5, 1e-15);
    const size_t i = js_cube_cell_index(c, (const size_t[]){1, 0, 2});
    cr_expect_eq(js_cube_status(c, i), JS_CELL_SUPPRESSED);
    js_cube_free(c);
}

Test(csv, tidy_long_with_code_label_pair_and_title_line)
{
    const char *const text = "\"Folkm\xc3\xa4ngd 2015\"\n\n"
                             "year,region_code,region,sex,age,population\n"
                             "2015,10,Blekinge,women,100+,42\n"
                             "2015,10,Blekinge,men,0,812\n";
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    cr_expect_str_eq(js_cube_meta(c, JS_META_TITLE), "Folkm\xc3\xa4ngd 2015");
    cr_assert_eq(js_cube_ndims(c), 4, "region_code + region are one dimension");
    const js_dim *const region = js_cube_dim(c, 1);
    cr_expect_str_eq(js_dim_name(region), "region");
    cr_expect_str_eq(js_dim_category(region, 0)->code, "10");
    cr_expect_str_eq(js_dim_category(region, 0)->label, "Blekinge");
    const js_category *const open = js_dim_category(js_cube_dim(c, 3), 0);
    cr_expect(open->age_lo == 100 && isinf(open->age_hi));
    cr_expect(cell(c, (const char *[]){"2015", "10", "men", "0"}) == 812);
    js_cube_free(c);
}

Test(csv, heading_combinations_year_and_sex)
{
    /* tab8-style header: "2006 Kvinnor" = year and sex in one label. */
    const char *const text = "Grupp,2006 Samtliga,2006 Kvinnor,2006 M\xc3\xa4n\n"
                             "Alla,10,4,6\n";
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    cr_assert_eq(js_cube_ndims(c), 3);
    cr_expect_eq(js_dim_role(js_cube_dim(c, 1)), JS_ROLE_TIME);
    cr_expect_eq(js_dim_role(js_cube_dim(c, 2)), JS_ROLE_SEX);
    cr_expect(cell(c, (const char *[]){"Alla", "2006", "Kvinnor"}) == 4);
    js_cube_free(c);
}

Test(csv, wide_numeric_columns_are_measures)
{
    /* EIGE's layout with decimal commas (';'): the trailing numeric columns
     * become dimension "contents"; "..": a missing cell, not a text. */
    const char *const text = "Country;Work;Money;Index\n"
                             "BE;69,1;78,6;68,5\n"
                             "CZ;63,6;..;53,2\n";
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    cr_assert_eq(js_cube_ndims(c), 2);
    cr_expect_str_eq(js_dim_name(js_cube_dim(c, 1)), "contents");
    cr_expect_eq(js_dim_role(js_cube_dim(c, 1)), JS_ROLE_CONTENTS);
    cr_expect_eq(js_dim_size(js_cube_dim(c, 1)), 3);
    const double got = cell(c, (const char *[]){"BE", "Money"});
    cr_expect(fabs(got - 78.6) <= 1e-12 * 78.6, "BE Money: %.17g, expected 78.6", got);
    cr_expect(isnan(cell(c, (const char *[]){"CZ", "Money"})));
    js_cube_free(c);
}

Test(csv, integer_codes_before_the_measure_stay_a_dimension)
{
    /* "times" holds 1, 2: a code, not a measure (only the last column may
     * be an integer measure); the file stays long. */
    const char *const text = "region,times,persons\n9999,1,20\n9999,2,5\n";
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    cr_assert_eq(js_cube_ndims(c), 2);
    cr_expect_str_eq(js_dim_name(js_cube_dim(c, 1)), "times");
    cr_expect(cell(c, (const char *[]){"9999", "2"}) == 5);
    js_cube_free(c);
}

Test(csv, quoted_fields_keep_separators_and_quotes)
{
    const char *const text = "occupation,sex,value\n"
                             "\"Armed forces, other ranks\",men,3\n"
                             "\"The \"\"best\"\" job\",women,4\n";
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    const js_dim *const occ = js_cube_dim(c, 0);
    cr_expect_str_eq(js_dim_category(occ, 0)->code, "Armed forces, other ranks");
    cr_expect_str_eq(js_dim_category(occ, 1)->code, "The \"best\" job");
    js_cube_free(c);
}

Test(csv, rows_that_repeat_the_row_before)
{
    /* The reader takes the leading fields that a plain line shares with the
     * line before from that row (read_csv.c, prefix reuse).  Each pair of
     * rows below repeats a prefix that needs more than a look-up (a space
     * to trim, a code to split, UTF-8), or is separated by a quoted line
     * (read by libcsv), an empty line or a CR, or shares the first letter
     * of a field but not the field; the expected cells are read off the
     * text. */
    const char *const text = "region,sex,value\r\n"
                             "01 Stockholm,men,3\r\n"
                             "01 Stockholm,women,4\r\n"
                             "A ,men,1\r\n"
                             "A ,women,2\r\n"
                             "B,men,5\r\n"
                             "\"B\",women,6\r\n"
                             "\r\n"
                             "B,total,7\r\n"
                             "BB,men,8\r\n"
                             "B\xc3\xa4,men,9\r\n"
                             "B\xc3\xa4,women,10\r\n";
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    const js_dim *const region = js_cube_dim(c, 0);
    cr_assert_eq(js_dim_size(region), 5, "01, A, B, BB, B\xc3\xa4");
    cr_expect_str_eq(js_dim_category(region, 0)->label, "Stockholm");
    cr_expect(cell(c, (const char *[]){"A", "men"}) == 1);
    cr_expect(cell(c, (const char *[]){"A", "women"}) == 2);
    cr_expect(cell(c, (const char *[]){"01", "men"}) == 3);
    cr_expect(cell(c, (const char *[]){"01", "women"}) == 4);
    cr_expect(cell(c, (const char *[]){"B", "women"}) == 6);
    cr_expect(cell(c, (const char *[]){"B", "total"}) == 7);
    cr_expect(cell(c, (const char *[]){"BB", "men"}) == 8);
    cr_expect(cell(c, (const char *[]){"B\xc3\xa4", "women"}) == 10);
    js_cube_free(c);
}

Test(csv, long_file_over_many_blocks)
{
    /* 40,000 rows (about 0.9 MB, many 64 KiB blocks, lines cut at block
     * ends) in the order a long file has: area, then sex, then age.  The
     * value of row i is i, so every cell is known and the sum is
     * n(n+1)/2. */
    enum { AREAS = 200, AGES = 100 };
    static const char *const sexes[] = {"women", "men"};
    const size_t cap = 64 + (size_t)AREAS * 2 * AGES * 32;
    char *const text = malloc(cap);
    cr_assert_not_null(text);
    size_t len = (size_t)snprintf(text, cap, "area,sex,age,population\n");
    size_t i = 0;
    for (int a = 0; a < AREAS; a++)
        for (int s = 0; s < 2; s++)
            for (int g = 0; g < AGES; g++)
                len += (size_t)snprintf(text + len, cap - len, "%04dA%04d,%s,%d,%zu\n", a / 10, a,
                                        sexes[s], g, ++i);
    cr_assert_lt(len, cap);
    js_status st;
    js_cube *const c = read_text(text, NULL, &st);
    cr_assert_eq(st, JS_OK);
    cr_assert_eq(js_cube_ncells(c), (size_t)AREAS * 2 * AGES);
    double sum = 0;
    for (size_t k = 0; k < js_cube_ncells(c); k++)
        sum += js_cube_value(c, k);
    cr_expect(sum == (double)i * (double)(i + 1) / 2, "sum %.0f", sum);
    cr_expect(cell(c, (const char *[]){"0013A0137", "men", "42"}) == 137 * 200 + 100 + 43);
    js_cube_free(c);
    free(text);
}

static void expect_error(const char *text, size_t line, const char *part)
{
    js_diag *const d = js_diag_alloc();
    js_status st;
    js_cube *const c = read_text(text, d, &st);
    cr_expect_eq(st, JS_EDATA, "status for: %s", text);
    cr_expect_null(c);
    const js_diag_msg *const m = js_diag_get(d, 0);
    cr_assert_not_null(m, "a message for: %s", text);
    cr_expect_str_eq(m->path, "mem.csv");
    cr_expect_eq(m->line, line, "line of \"%s\"", m->text);
    cr_expect(strstr(m->text, part) != NULL, "\"%s\" should contain \"%s\"", m->text, part);
    js_diag_free(d);
}

Test(csv, malformed_input_names_line_and_problem)
{
    expect_error("a,sex,v\n1,men,2\n1,women\n", 3, "expected 3 fields");
    expect_error("a,sex,v\n1,men,2\n1,men\n", 3, "expected 3 fields");
    expect_error("a,sex,v\n1,men,2\n1,men,2,\n", 3, "expected 3 fields");
    expect_error("a,sex,v\n1,men,2\n1,men,2\n", 3, "duplicate cell");
    expect_error("a,sex,v\n1,men,2\n\"1,women,3\n", 3, "unterminated quoted field");
    expect_error("a,sex,v\n1,men,2\n1,women,abc\n", 3, "found \"abc\"");
    expect_error("a,sex,v\n1,men,2\n1,okand,2\n", 3, "expected a sex code");
    expect_error("a,sex,v\n1,men,2\n1,men,3\n", 3, "duplicate cell");
    expect_error("a,sex,v\n1,men,\"2\"x\n", 2, "malformed quoting");
    expect_error("a,sex,v\n", 2, "no data rows");
}

Test(csv, real_scb_export_occupations)
{
    REQUIRE_SHARED("scb-exports/000000NL_10.csv");
    js_cube *c;
    cr_assert_eq(js_read_file(shared_path("scb-exports/000000NL_10.csv"), NULL, &c, NULL), JS_OK);
    /* 22 regions × 149 occupations × 2 sexes × 4 years (the file's header and
     * `cut -d, -f1 | sort -u | wc -l`). */
    cr_expect_eq(js_cube_ncells(c), 22u * 149 * 2 * 4);
    /* grep '"01 Stockholm county","011 Commissioned' → men 195,334,304,282 */
    cr_expect(cell(c, (const char *[]){"01", "011", "men", "2015"}) == 334);
    cr_expect_str_eq(js_dim_category(js_cube_dim(c, 0), 2)->label, "S\xc3\xb6" "dermanland county");
    js_cube_free(c);
}

/* Texts C reads as numbers that must never reach a cube: js_parse_cell
 * (CSV) and js_parse_decimal (TSV, JSON-stat strings) reject them, and
 * "-inf" is no longer a data symbol ("suppressed" by the dash-and-letters
 * rule).  "NaN" and "NA" stay missing values, as R and pandas write them. */
Test(csv, parse_cell_rejects_infinity_and_out_of_range)
{
    static const char *const bad[] = {"inf", "-inf", "+inf", "Infinity", "-nan", "1e400",
                                      "-1e400", "0x10", "1e", "--5"};
    double v = 2.385;
    js_cell st;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cr_assert_eq(js_parse_cell(bad[i], 0, &v, &st), JS_PARSE_BAD, "\"%s\" was read", bad[i]);
        cr_assert_eq(js_parse_decimal(bad[i], &v), 0, "\"%s\" was read as %.17g", bad[i], v);
    }
    cr_assert_eq(js_parse_cell("NaN", 0, &v, &st), JS_PARSE_SYMBOL);
    cr_assert_eq(st, JS_CELL_MISSING);
    cr_assert_eq(js_parse_cell("..C", 0, &v, &st), JS_PARSE_SYMBOL);
    cr_assert_eq(st, JS_CELL_SUPPRESSED);
    cr_assert_eq(js_parse_cell("-3.5", 0, &v, &st), JS_PARSE_NUMBER);
    cr_assert_eq(v, -3.5);
    cr_assert_eq(js_parse_decimal("-2.385e2", &v), 1);
    cr_assert_eq(v, -238.5);
    cr_assert_eq(js_parse_decimal(".5", &v), 1);
    cr_assert_eq(v, 0.5);
}

/* Out of memory at any allocation: JS_ENOMEM with a message (the CLI's
 * exit 71 said nothing before), never a crash or another status.  The
 * k-th allocation fails for k = 1, 2, ... until the read succeeds. */
Test(csv, every_allocation_failure_is_reported)
{
    const char *const text = "region,sex,year,value\n01,women,2020,2.385\n01,men,2020,..\n";
    size_t k = 1;
    for (;; k++) {
        js_diag *d = js_diag_alloc();
        js_source *src;
        cr_assert_eq(js_source_open_memory("mem.csv", text, strlen(text), &src), JS_OK);
        js_cube *c = NULL;
        (void)js_alloc_fail_at(k); /* the source and the diag are made before */
        const js_status st = js_read_csv(src, NULL, &c, d);
        (void)js_alloc_fail_at(0);
        js_source_free(src);
        if (st == JS_OK) {
            js_cube_free(c);
            js_diag_free(d);
            break;
        }
        cr_assert_eq(st, JS_ENOMEM, "allocation %zu: status %d", k, (int)st);
        cr_assert_geq(js_diag_count(d, JS_SEV_ERROR), 1, "allocation %zu: no message", k);
        js_diag_free(d);
    }
    cr_assert_gt(k, 5, "the read made only %zu allocations", k);
}
