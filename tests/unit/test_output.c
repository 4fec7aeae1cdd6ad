/*
 * test_output.c - the writers of output.h: CSV bytes, number round trips,
 * HTML escaping and layout, atomic files, the manifest, xlsx determinism
 * and SHA-256.
 *
 * Result cubes are built by hand through cube.h, so these tests need no
 * reader or indicator.  Every file goes into a fresh folder under /tmp.
 */
#include "jamstat/output.h"
#include "jamstat/format.h"

#include <fcntl.h>
#include <float.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "core/alloc.h" /* the Makefile has no -Itests */
#include "out/out_internal.h"

/* ---- Helpers --------------------------------------------------------------- */

static char tmp_dir[256];

static void make_tmp_dir(void)
{
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/js_test_output_XXXXXX");
    cr_assert_not_null(mkdtemp(tmp_dir));
}

static void remove_tmp_dir(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    (void)system(cmd);
}

TestSuite(output, .init = make_tmp_dir, .fini = remove_tmp_dir);

static const char *tmp_path(const char *name)
{
    static char buf[2][512];
    static int which;
    which ^= 1;
    snprintf(buf[which], sizeof buf[which], "%s/%s", tmp_dir, name);
    return buf[which];
}

/* The whole file as a NUL-terminated string (caller frees); *n its size. */
static char *slurp(const char *path, size_t *n)
{
    FILE *const fp = fopen(path, "rb");
    cr_assert_not_null(fp, "cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    const long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *const s = malloc((size_t)size + 1);
    cr_assert_eq(fread(s, 1, (size_t)size, fp), (size_t)size);
    s[size] = '\0';
    fclose(fp);
    if (n != NULL)
        *n = (size_t)size;
    return s;
}

static void assert_file_eq(const char *path, const char *want, size_t want_len)
{
    size_t n;
    char *const got = slurp(path, &n);
    cr_assert_eq(n, want_len, "size %zu, expected %zu; got:\n%s\nexpected:\n%s", n, want_len,
                 got, want);
    cr_assert(memcmp(got, want, n) == 0, "got:\n%s\nexpected:\n%s", got, want);
    free(got);
}

/* A result: share of women by region (2) × year (2), labels on region. */
static js_cube *cube_region_year(void)
{
    js_cube *const c = js_cube_alloc();
    size_t reg, year;
    cr_assert_eq(js_cube_add_dim(c, "region", "Region", JS_ROLE_REGION, &reg), JS_OK);
    cr_assert_eq(js_cube_add_dim(c, "year", "År", JS_ROLE_TIME, &year), JS_OK);
    cr_assert_eq(js_cube_add_category(c, reg, "10", "Blekinge, län", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, reg, "1060", "Olofström \"kommun\"", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, year, "2015", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, year, "2016", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    js_cube_set_value(c, 0, 49.85);
    js_cube_set_value(c, 1, 0.1);
    js_cube_set_ci(c, 1, 0.05, 0.15);
    /* cell 2 stays missing; its interval must never be shown */
    js_cube_set_ci(c, 2, 40.0, 60.0);
    cr_assert_eq(js_cube_add_flags(c, 2, JS_FLAG_MISSING_INPUT), JS_OK);
    js_cube_set_value(c, 3, 1234567.28);
    cr_assert_eq(js_cube_add_flags(c, 3, JS_FLAG_SMALL_N | JS_FLAG_FLAGGED_INPUT), JS_OK);
    return c;
}

/* A result by sex only (codes harmonised: women, men, total). */
static js_cube *cube_sex(const char *women_label)
{
    js_cube *const c = js_cube_alloc();
    size_t sex;
    cr_assert_eq(js_cube_add_dim(c, "sex", "Kön", JS_ROLE_SEX, &sex), JS_OK);
    cr_assert_eq(js_cube_add_category(c, sex, "men", "Män", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, sex, "women", women_label, NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, sex, "total", "Totalt", NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    js_cube_set_value(c, 0, 81.25);
    js_cube_set_value(c, 1, 84.5);
    js_cube_set_value(c, 2, 82.875);
    return c;
}

/* A result by region with one category whose label is given. */
static js_cube *cube_region_label(const char *dim_label, const char *label)
{
    js_cube *const c = js_cube_alloc();
    size_t reg;
    cr_assert_eq(js_cube_add_dim(c, "region", dim_label, JS_ROLE_REGION, &reg), JS_OK);
    cr_assert_eq(js_cube_add_category(c, reg, "10", label, NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    js_cube_set_value(c, 0, 84.5);
    return c;
}

static js_result result_of(const char *id, const js_cube *c)
{
    js_result r = {id, id, "share", "%", "Andel kvinnor av befolkningen.", "SCB, BE0101N1", 1, c, NULL, NULL};
    return r;
}

/* ---- numbers for programs and the [table] output ------------------------------ */

/* js_fmt_fixed must give snprintf's "%.*f" byte for byte (the oracle is
 * glibc's printf, which rounds the exact binary value correctly): ties
 * that are exact in binary (0.125, 2.5: half to even), near-ties that are
 * not (0.00005, 1.00005), signs of small negatives, large numbers, and a
 * million pseudo-random values of every magnitude. */
static void expect_fixed(double v, int decimals)
{
    char want[512], got[512];
    const int n = snprintf(want, sizeof want, "%.*f", decimals, v);
    const size_t k = js_fmt_fixed(v, decimals, got, sizeof got);
    cr_assert_eq(k, (size_t)n, "%.17g with %d decimals: length %zu, printf %d", v, decimals, k, n);
    cr_assert_str_eq(got, want, "%.17g with %d decimals", v, decimals);
}

Test(output, fixed_decimals_equal_printf)
{
    const double edges[] = {0.0,      -0.0,     0.125,   2.5,     3.5,        0.00005,   1.00005,
                            -0.00004, -1e-9,    49.99995, 99.99995, 1e11,      1e11 - 0.5, 123456789.98765,
                            1e300,    -1e300,   5e-324,   (double)INFINITY, -(double)INFINITY, (double)NAN,       0.5,
                            1.5,      -2.5,     9.5,      0.05,     0.015,     1e15 + 0.3};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
        for (int d = 0; d <= 10; d++)
            expect_fixed(edges[i], d);
    uint64_t x = 0x9E3779B97F4A7C15ULL; /* xorshift: repeatable */
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const double mant = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
        const int exp10 = (int)(x % 15) - 6;                          /* 1e-6 .. 1e8 */
        double v = mant * pow(10.0, exp10);
        if (x & 1)
            v = -v;
        if ((x >> 8) % 4 == 0) /* now and then a value on a 4-decimal tie as written */
            v = floor(v * 1e4) / 1e4 + 0.00005;
        expect_fixed(v, (int)((x >> 20) % 10));
    }
    char small[8];
    cr_expect_eq(js_fmt_fixed(12345.678, 4, small, sizeof small), 10, "snprintf's return: the whole length");
}

/* A [table]: rows sorted by code in by order (the first result's order
 * is 1060 before 10 to check the sort), a second result with the same
 * shape, a third with its categories in another order and one fewer (its
 * values are found by code; the absent cell and a missing one are empty).
 * Expected bytes written by hand. */
Test(output, table_rows_sorted_and_found_by_code)
{
    js_cube *a = js_cube_alloc(), *b = js_cube_alloc(), *c = js_cube_alloc();
    js_cube *const all[] = {a, b, c};
    static const char *const a_regions[] = {"1060", "10"}, *const c_regions[] = {"10"};
    static const char *const a_years[] = {"2015", "2016"}, *const c_years[] = {"2016", "2015"};
    for (size_t i = 0; i < 3; i++) {
        size_t reg, year;
        cr_assert_eq(js_cube_add_dim(all[i], "region", NULL, JS_ROLE_REGION, &reg), JS_OK);
        cr_assert_eq(js_cube_add_dim(all[i], "year", NULL, JS_ROLE_TIME, &year), JS_OK);
        const char *const *regions = i < 2 ? a_regions : c_regions;
        const char *const *years = i < 2 ? a_years : c_years;
        for (size_t k = 0; k < (i < 2 ? 2u : 1u); k++)
            cr_assert_eq(js_cube_add_category(all[i], reg, regions[k], NULL, NULL), JS_OK);
        for (size_t k = 0; k < 2; k++)
            cr_assert_eq(js_cube_add_category(all[i], year, years[k], NULL, NULL), JS_OK);
        cr_assert_eq(js_cube_alloc_cells(all[i]), JS_OK);
    }
    for (size_t k = 0; k < 4; k++) { /* a: 1060/2015 1060/2016 10/2015 10/2016 */
        js_cube_set_value(a, k, 1000.0 + (double)k);
        js_cube_set_value(b, k, (double)k / 3.0);
    }
    js_cube_set_value(c, 0, 49.99995); /* 10/2016 */
    cr_assert_eq(js_cube_set_status(c, 1, JS_CELL_MISSING, ".."), JS_OK); /* 10/2015 */
    const js_result r[] = {result_of("pop", a), result_of("third", b), result_of("share", c)};
    const char *const by[] = {"region", "year"};
    const int decimals[] = {0, 4, 2};
    const js_table t = {"t", NULL, "t.csv", r, 3, by, 2, decimals};
    cr_assert_eq(js_out_table(tmp_path("t.csv"), &t, NULL), JS_OK);
    const char want[] = "region,year,pop,third,share\n"
                        "10,2015,1002,0.6667,\n"
                        "10,2016,1003,1.0000,50.00\n"
                        "1060,2015,1000,0.0000,\n"
                        "1060,2016,1001,0.3333,\n";
    assert_file_eq(tmp_path("t.csv"), want, sizeof want - 1);
    for (size_t i = 0; i < 3; i++)
        js_cube_free(all[i]);
}

Test(output, indicators_csv_exact_bytes)
{
    /* Expected bytes worked out by hand from the two cubes above: the union
     * of dimensions is region (labelled), year (labels = codes: no label
     * column), sex (labelled); each result leaves the other's columns empty. */
    js_cube *const a = cube_region_year();
    js_cube *const b = cube_sex("Kvinnor");
    const js_result res[2] = {result_of("share_women", a), result_of("life_exp", b)};
    cr_assert_eq(js_out_indicators_csv(tmp_path("ind.csv"), res, 2, NULL), JS_OK);
    static const char want[] =
        "indicator,region,region_label,year,sex,sex_label,value,ci_low,ci_high,unit,flags\n"
        "share_women,10,\"Blekinge, län\",2015,,,49.85,,,%,\n"
        "share_women,10,\"Blekinge, län\",2016,,,0.1,0.05,0.15,%,\n"
        "share_women,1060,\"Olofström \"\"kommun\"\"\",2015,,,,,,%,missing_input\n"
        "share_women,1060,\"Olofström \"\"kommun\"\"\",2016,,,1234567.28,,,%,"
        "\"small_n,flagged_input\"\n"
        "life_exp,,,,men,Män,81.25,,,%,\n"
        "life_exp,,,,women,Kvinnor,84.5,,,%,\n"
        "life_exp,,,,total,Totalt,82.875,,,%,\n";
    assert_file_eq(tmp_path("ind.csv"), want, sizeof want - 1);
    js_cube_free(a);
    js_cube_free(b);
}

/* Split one CSV line without quoted fields into at most 16 fields. */
static size_t split_plain(char *line, char **fields)
{
    size_t n = 0;
    for (char *p = line; n < 16;) {
        fields[n++] = p;
        p = strchr(p, ',');
        if (p == NULL)
            break;
        *p++ = '\0';
    }
    return n;
}

Test(output, indicators_csv_numbers_round_trip)
{
    const double values[] = {0.1,     1.0 / 3.0, 2.385,   0.1 + 0.2, 1e-300, 5e-324,
                             DBL_MAX, -7.25e22,  3.141592653589793, 100.0,     -0.0,   123456789.123456789};
    const size_t n = sizeof values / sizeof values[0];
    js_cube *const c = js_cube_alloc();
    size_t dim;
    cr_assert_eq(js_cube_add_dim(c, "k", NULL, JS_ROLE_OTHER, &dim), JS_OK);
    for (size_t i = 0; i < n; i++) {
        char code[8];
        snprintf(code, sizeof code, "c%zu", i);
        cr_assert_eq(js_cube_add_category(c, dim, code, NULL, NULL), JS_OK);
    }
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    for (size_t i = 0; i < n; i++)
        js_cube_set_value(c, i, values[i]);
    const js_result r = result_of("x", c);
    cr_assert_eq(js_out_indicators_csv(tmp_path("rt.csv"), &r, 1, NULL), JS_OK);
    char *const text = slurp(tmp_path("rt.csv"), NULL);
    cr_assert(strstr(text, "\nx,c0,0.1,") != NULL, "0.1 should be written short:\n%s", text);
    char *save = NULL, *line = strtok_r(text, "\n", &save); /* header */
    for (size_t i = 0; i < n; i++) {
        line = strtok_r(NULL, "\n", &save);
        cr_assert_not_null(line);
        char *f[16];
        cr_assert_geq(split_plain(line, f), 4);
        const double back = strtod(f[2], NULL);
        cr_assert(memcmp(&back, &values[i], sizeof back) == 0, "wrote %s for %.17g", f[2],
                  values[i]);
    }
    free(text);
    js_cube_free(c);
}

Test(output, atomic_missing_folder_fails_and_leaves_nothing)
{
    js_cube *const c = cube_sex("Kvinnor");
    const js_result r = result_of("x", c);
    js_report rep = {.title = "T", .lang = JS_LANG_SV, .results = &r, .n_results = 1};
    js_diag *const d = js_diag_alloc();
    const char *const p = tmp_path("missing/out.csv");
    cr_assert_eq(js_out_indicators_csv(p, &r, 1, d), JS_ECREATE);
    cr_assert_eq(js_out_tidy_csv(tmp_path("missing/t.csv"), c, 0, d), JS_ECREATE);
    cr_assert_eq(js_out_xlsx(tmp_path("missing/x.xlsx"), &r, 1, NULL, 0, JS_LANG_SV, d), JS_ECREATE);
    cr_assert_eq(js_out_html(tmp_path("missing/r.html"), &rep, d), JS_ECREATE);
    cr_assert_eq(js_out_manifest(tmp_path("missing/m.json"), &rep, d), JS_ECREATE);
    cr_assert_geq(js_diag_count(d, JS_SEV_ERROR), 5);
    struct stat st;
    cr_assert_neq(stat(tmp_path("missing"), &st), 0, "nothing may be created");
    /* and the target folder holds no temporary left behind */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", tmp_dir);
    cr_assert_eq(system(cmd), 0, "the output folder must stay empty");
    js_diag_free(d);
    js_cube_free(c);
}

/* ---- Tidy CSV ------------------------------------------------------------------- */

static js_cube *cube_tidy(void)
{
    js_cube *const c = js_cube_alloc();
    size_t reg;
    cr_assert_eq(js_cube_add_dim(c, "region", NULL, JS_ROLE_REGION, &reg), JS_OK);
    cr_assert_eq(js_cube_add_category(c, reg, "10", "Blekinge; län", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, reg, "12", "Skåne", NULL), JS_OK);
    cr_assert_eq(js_cube_add_category(c, reg, "14", NULL, NULL), JS_OK);
    cr_assert_eq(js_cube_alloc_cells(c), JS_OK);
    js_cube_set_value(c, 0, 1234.5);
    cr_assert_eq(js_cube_set_status(c, 0, JS_CELL_OK, "p"), JS_OK);
    cr_assert_eq(js_cube_set_status(c, 1, JS_CELL_SUPPRESSED, ".."), JS_OK);
    js_cube_set_value(c, 2, -0.25);
    return c;
}

Test(output, tidy_csv_plain_exact_bytes)
{
    /* By hand: code and label per dimension, C-locale numbers, status name,
     * raw symbol; no quoting needed for ';' in the plain dialect. */
    js_cube *const c = cube_tidy();
    cr_assert_eq(js_out_tidy_csv(tmp_path("t.csv"), c, 0, NULL), JS_OK);
    static const char want[] = "region,region_label,value,status,symbol\n"
                               "10,Blekinge; län,1234.5,ok,p\n"
                               "12,Skåne,,suppressed,..\n"
                               "14,14,-0.25,ok,\n";
    assert_file_eq(tmp_path("t.csv"), want, sizeof want - 1);
    js_cube_free(c);
}

Test(output, tidy_csv_excel_sv_exact_bytes)
{
    /* By hand: BOM, ';', decimal comma, CRLF, the ';' label quoted. */
    js_cube *const c = cube_tidy();
    cr_assert_eq(js_out_tidy_csv(tmp_path("t.csv"), c, 1, NULL), JS_OK);
    static const char want[] = "\xEF\xBB\xBFregion;region_label;value;status;symbol\r\n"
                               "10;\"Blekinge; län\";1234,5;ok;p\r\n"
                               "12;Skåne;;suppressed;..\r\n"
                               "14;14;-0,25;ok;\r\n";
    assert_file_eq(tmp_path("t.csv"), want, sizeof want - 1);
    js_cube_free(c);
}

/* ---- HTML ------------------------------------------------------------------------ */

static js_report report_of(const js_result *res, size_t n, const js_report_chart *ch,
                           size_t n_ch, js_lang lang)
{
    static const char *const notes[] = {"Uppgifterna för 2016 är preliminära."};
    static const char *const warnings[] = {"small numbers in 1 cell of share_women"};
    static js_input_info in[1];
    in[0] = (js_input_info){"population", "data/pop.csv", "csv", "UTF-8", 1234,
                            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                            40, 2, notes, 1, NULL, NULL, NULL, NULL, NULL, NULL};
    static const char *const sets[] = {"data.population.file=<b>2016.csv", "analysis.language=sv"};
    js_report r = {"Kvinnor och män i Blekinge", "Underlag 2016", lang, "blekinge.ini",
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sets, 2, res, n,
                   ch, n_ch, in, 1, warnings, 1, "0.1", NULL, NULL, 0, NULL, NULL, 0, {NULL, NULL, 0, 0}, NULL};
    return r;
}

Test(output, html_escapes_hostile_text)
{
    js_cube *const c = cube_region_label("<th onclick='x'>", "<script>alert(1)</script>");
    js_result r = result_of("x", c);
    r.title = "\"onerror=alert(2) 'q' & <marquee>";
    r.source = "<img src=x onerror=alert(3)>";
    const js_report_chart ch = {"pyr", "<script>t</script>", "\"onerror=alert(4)", "Källa: <i>", 1,
                                1, NULL, NULL};
    js_report rep = report_of(&r, 1, &ch, 1, JS_LANG_SV);
    rep.title = "<script>document.write(1)</script>";
    cr_assert_eq(js_out_html(tmp_path("r.html"), &rep, NULL), JS_OK);
    char *const html = slurp(tmp_path("r.html"), NULL);
    cr_assert_null(strstr(html, "<script"), "raw <script> in the report");
    cr_assert_null(strstr(html, "<img src=x"), "raw <img> from data");
    cr_assert_null(strstr(html, "\"onerror"), "attribute breakout");
    cr_assert_null(strstr(html, "<marquee>"), "raw <marquee> from data");
    cr_assert_not_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    cr_assert_not_null(strstr(html, "&quot;onerror=alert(2) &#39;q&#39; &amp; &lt;marquee&gt;"));
    cr_assert_not_null(strstr(html, "alt=\"&quot;onerror=alert(4)\""));
    cr_assert_not_null(strstr(html, "&lt;th onclick=&#39;x&#39;&gt;"));
    /* the record of the run: the analysis file's checksum and each --set, escaped */
    cr_assert_not_null(strstr(html, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    cr_assert_not_null(strstr(html, "<code>--set data.population.file=&lt;b&gt;2016.csv</code>, "
                                    "<code>--set analysis.language=sv</code>"));
    free(html);
    js_cube_free(c);
}

Test(output, html_structure_swedish)
{
    js_cube *const a = cube_region_year();
    js_cube *const b = cube_sex("Kvinnor");
    const js_result res[2] = {result_of("share_women", a), result_of("life_exp", b)};
    const js_report_chart ch[2] = {{"pyramid", "Befolkning", "En befolkningspyramid", "Källa: SCB.", 1, 1, NULL, NULL},
                                   {"bars", "Andel", "Staplar", "Källa: SCB.", 0, 1, NULL, NULL}};
    const js_report rep = report_of(res, 2, ch, 2, JS_LANG_SV);
    cr_assert_eq(js_out_html(tmp_path("r.html"), &rep, NULL), JS_OK);
    char *const html = slurp(tmp_path("r.html"), NULL);
    const char *const want[] = {
        "<html lang=\"sv\">", "@page{size:A4;margin:18mm}", ">Innehåll<", ">Diagram<",
        ">Tabeller<", ">Definitioner<", ">Noter och flaggor<", ">Källor<", "Figur 1.</span>",
        "Figur 2.</span>", "Tabell 2.</span>", "srcset=\"charts/pyramid.svg\"",
        "<img src=\"charts/pyramid.png\" alt=\"En befolkningspyramid\">",
        "<img src=\"charts/bars.png\" alt=\"Staplar\">", "<figcaption>Källa: SCB.</figcaption>",
        "<th scope=\"col\">Region</th>", "<th scope=\"row\">Blekinge, län</th>",
        "1\xC2\xA0" "234\xC2\xA0" "567,3", /* decimals 1, NBSP thousands, decimal comma */
        "49,9", "<td class=\"num missing\">..</td>", "Uppgift saknas",
        "Uppgifterna för 2016 är preliminära.", "small numbers in 1 cell",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "Andel kvinnor av befolkningen."};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        cr_assert_not_null(strstr(html, want[i]), "missing: %s", want[i]);
    /* the sex layout puts women before men before total */
    const char *const w = strstr(html, ">Kvinnor</th>"), *const m = strstr(html, ">Män</th>"),
                      *const t = strstr(html, ">Totalt</th>");
    cr_assert(w != NULL && m != NULL && t != NULL && w < m && m < t, "women, men, total order");
    cr_assert_null(strstr(html, "http://"), "no external resources");
    cr_assert_null(strstr(html, "https://"), "no external resources");
    free(html);
    js_cube_free(a);
    js_cube_free(b);
}

Test(output, html_english_and_bad_utf8)
{
    js_cube *const c = cube_region_label(NULL, "V\xE4ster\xE5s"); /* Latin-1: invalid UTF-8 */
    const js_result r = result_of("x", c);
    const js_report rep = report_of(&r, 1, NULL, 0, JS_LANG_EN);
    cr_assert_eq(js_out_html(tmp_path("r.html"), &rep, NULL), JS_OK);
    char *const html = slurp(tmp_path("r.html"), NULL);
    cr_assert_not_null(strstr(html, "<html lang=\"en\">"));
    cr_assert_not_null(strstr(html, ">Contents<"));
    cr_assert_not_null(strstr(html, ">Sources<"));
    cr_assert_not_null(strstr(html, "V\xEF\xBF\xBDster\xEF\xBF\xBDs"), "invalid bytes become U+FFFD");
    cr_assert_not_null(strstr(html, "84.5"));
    cr_assert_null(strstr(html, "id=\"diagram\""), "no chart section without charts");
    free(html);
    js_cube_free(c);
}

/* ---- Manifest ------------------------------------------------------------------------ */

Test(output, manifest_is_json_with_keys_in_order)
{
    js_cube *const a = cube_region_year();
    const js_result r = result_of("share_women", a);
    const js_report_chart ch = {"pyramid", "B", "A", "S", 1, 0, NULL, NULL};
    const js_report rep = report_of(&r, 1, &ch, 1, JS_LANG_SV);
    cr_assert_eq(js_out_manifest(tmp_path("m.json"), &rep, NULL), JS_OK);
    json_error_t err;
    json_t *const root = json_load_file(tmp_path("m.json"), 0, &err);
    cr_assert_not_null(root, "manifest is not JSON: %s (line %d)", err.text, err.line);
    const char *const keys[] = {"tool", "analysis", "analysis_sha256", "set", "title", "language",
                                "inputs", "results", "charts", "warnings"};
    size_t k = 0;
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val)
    {
        cr_assert(k < 10 && strcmp(key, keys[k]) == 0, "key %zu is %s", k, key);
        k++;
    }
    cr_assert_eq(k, 10);
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(root, "set"), 0)),
                     "data.population.file=<b>2016.csv");
    cr_assert_eq(json_array_size(json_object_get(root, "set")), 2);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(root, "tool"), "version")),
                     "0.1");
    json_t *const res = json_array_get(json_object_get(root, "results"), 0);
    cr_assert_eq(json_integer_value(json_object_get(res, "cells")), 4);
    cr_assert_eq(json_integer_value(json_object_get(res, "flagged_cells")), 2);
    cr_assert_str_eq(json_string_value(json_array_get(json_object_get(res, "dimensions"), 1)),
                     "year");
    json_t *const in = json_array_get(json_object_get(root, "inputs"), 0);
    cr_assert_eq(json_integer_value(json_object_get(in, "size_bytes")), 1234);
    cr_assert_eq(json_array_size(json_object_get(in, "notes")), 1);
    json_t *const files = json_object_get(json_array_get(json_object_get(root, "charts"), 0), "files");
    cr_assert_eq(json_array_size(files), 3); /* .gp .dat .svg */
    cr_assert_str_eq(json_string_value(json_array_get(files, 2)), "charts/pyramid.svg");
    json_decref(root);
    /* deterministic: a second write gives the same bytes */
    cr_assert_eq(js_out_manifest(tmp_path("m2.json"), &rep, NULL), JS_OK);
    size_t n1, n2;
    char *const t1 = slurp(tmp_path("m.json"), &n1), *const t2 = slurp(tmp_path("m2.json"), &n2);
    cr_assert(n1 == n2 && memcmp(t1, t2, n1) == 0);
    free(t1);
    free(t2);
    js_cube_free(a);
}

/* ---- xlsx -------------------------------------------------------------------------------- */

Test(output, xlsx_is_zip_and_deterministic)
{
    js_cube *const a = cube_region_year();
    js_cube *const b = cube_sex("Kvinnor");
    /* ids that need cleaning: too long, forbidden characters, a case clash */
    const js_result res[3] = {result_of("a_very_long_indicator_name_beyond_31_chars", a),
                              result_of("sex/[ratio]?", b),
                              result_of("A_VERY_LONG_INDICATOR_NAME_BEYOND_31_CHARS", b)};
    cr_assert_eq(js_out_xlsx(tmp_path("a.xlsx"), res, 3, NULL, 0, JS_LANG_SV, NULL), JS_OK);
    sleep(1); /* a creation time taken from the clock would now differ */
    cr_assert_eq(js_out_xlsx(tmp_path("b.xlsx"), res, 3, NULL, 0, JS_LANG_SV, NULL), JS_OK);
    size_t n1, n2;
    char *const x1 = slurp(tmp_path("a.xlsx"), &n1), *const x2 = slurp(tmp_path("b.xlsx"), &n2);
    cr_assert(n1 > 4 && memcmp(x1, "PK\x03\x04", 4) == 0, "not a zip file");
    cr_assert(n1 == n2 && memcmp(x1, x2, n1) == 0, "two writes differ");
    free(x1);
    free(x2);
    if (system("command -v unzip >/dev/null 2>&1") == 0) {
        char cmd[700];
        snprintf(cmd, sizeof cmd,
                 "unzip -p '%s' xl/workbook.xml | grep -q "
                 "'name=\"Om\".*name=\"a_very_long_indicator_name_beyo\".*"
                 "name=\"sexratio\".*name=\"A_VERY_LONG_INDICATOR_NAME_BE-2\"'",
                 tmp_path("a.xlsx"));
        cr_assert_eq(system(cmd), 0, "sheet names not as expected");
    }
    js_cube_free(a);
    js_cube_free(b);
}

/* ---- SHA-256 ------------------------------------------------------------------------------- */

/* The system's sha256sum of path (an independent implementation). */
static void sha256sum_of(const char *path, char want[65])
{
    char cmd[600], line[80] = "";
    snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
    FILE *const p = popen(cmd, "r");
    cr_assert_not_null(p);
    cr_assert_not_null(fgets(line, sizeof line, p));
    pclose(p);
    memcpy(want, line, 64);
    want[64] = '\0';
}

/* A file of n bytes from the same generator as the big file above. */
static void write_bytes(const char *path, unsigned n)
{
    FILE *const fp = fopen(path, "wb");
    cr_assert_not_null(fp);
    for (unsigned i = 0; i < n; i++)
        fputc((int)((i * 2654435761u) >> 24), fp);
    cr_assert_eq(fclose(fp), 0);
}

Test(output, sha256_known_vector_and_sha256sum)
{
    FILE *fp = fopen(tmp_path("abc"), "wb");
    fputs("abc", fp);
    fclose(fp);
    char hex[65];
    uint64_t size = 0;
    cr_assert_eq(js_file_sha256(tmp_path("abc"), hex, &size, NULL), JS_OK);
    cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    cr_assert_eq(size, 3);
    /* a file over three mapped windows and a part (3.5 MiB), against the
     * system's sha256sum; the same bytes through a pipe (streamed, not
     * mapped); the empty file (the known vector e3b0...) */
    const unsigned big = 7u << 19;
    write_bytes(tmp_path("big"), big);
    cr_assert_eq(js_file_sha256(tmp_path("big"), hex, &size, NULL), JS_OK);
    cr_assert_eq(size, big);
    char cmd[600], want[65];
    sha256sum_of(tmp_path("big"), want);
    cr_assert_str_eq(hex, want);
    snprintf(cmd, sizeof cmd, "mkfifo '%s' && cat '%s' > '%s' &", tmp_path("fifo"), tmp_path("big"),
             tmp_path("fifo"));
    cr_assert_eq(system(cmd), 0);
    for (int tries = 0; access(tmp_path("fifo"), F_OK) != 0 && tries < 100; tries++)
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    cr_assert_eq(js_file_sha256(tmp_path("fifo"), hex, &size, NULL), JS_OK);
    cr_assert_eq(size, big);
    cr_assert_str_eq(hex, want, "a pipe is streamed to the same checksum");
    fclose(fopen(tmp_path("empty"), "wb"));
    cr_assert_eq(js_file_sha256(tmp_path("empty"), hex, &size, NULL), JS_OK);
    cr_assert_eq(size, 0);
    cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_file_sha256(tmp_path("nope"), hex, NULL, d), JS_ENOINPUT);
    cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 1);
    js_diag_free(d);
}

Test(output, sha256_of_a_file_that_changed_while_read_is_an_error)
{
    /* A file cut while it is hashed, made deterministic: it is opened with
     * 3 MiB + 5 bytes (over three 1 MiB blocks), truncated to 1 MiB + 3
     * through its name, and js_fd_sha256 is given the size it had when
     * opened - what js_file_sha256 passes when the cut comes between its
     * fstat and its reads.  (With the old mapped window the same cut was a
     * SIGBUS.)  Expected counts are the sizes this test wrote. */
    const unsigned full = (3u << 20) + 5, cut = (1u << 20) + 3;
    write_bytes(tmp_path("cut"), full);
    const int fd = open(tmp_path("cut"), O_RDONLY);
    cr_assert_geq(fd, 0);
    cr_assert_eq(truncate(tmp_path("cut"), cut), 0);
    char hex[65] = "untouched";
    uint64_t size = 42;
    js_diag *const d = js_diag_alloc();
    const js_status st = js_fd_sha256(fd, tmp_path("cut"), full, hex, &size, d);
    cr_assert_eq(st, JS_EIO, "status %d", (int)st);
    cr_assert_eq(js_status_exit_code(st), 74);
    cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 1);
    const js_diag_msg *const m = js_diag_get(d, 0);
    cr_assert_str_eq(m->path, tmp_path("cut"));
    cr_assert(strstr(m->text, "changed while it was read") != NULL, "%s", m->text);
    cr_assert(strstr(m->text, "3145733 bytes expected (its size when opened), 1048579 read") !=
                  NULL,
              "%s", m->text);
    cr_assert_str_eq(hex, "untouched", "nothing is written on failure");
    cr_assert_eq(size, 42);
    /* grown: the file (now 1 MiB + 3) read against a smaller size */
    cr_assert_eq(lseek(fd, 0, SEEK_SET), 0);
    js_diag_clear(d);
    cr_assert_eq(js_fd_sha256(fd, tmp_path("cut"), 1000, hex, &size, d), JS_EIO);
    cr_assert(strstr(js_diag_get(d, 0)->text, "1000 bytes expected (its size when opened), "
                                             "1048579 read") != NULL,
              "%s", js_diag_get(d, 0)->text);
    /* the size it really has: the checksum, equal to sha256sum's */
    cr_assert_eq(lseek(fd, 0, SEEK_SET), 0);
    js_diag_clear(d);
    cr_assert_eq(js_fd_sha256(fd, tmp_path("cut"), cut, hex, &size, d), JS_OK);
    cr_assert_eq(size, cut);
    char want[65];
    sha256sum_of(tmp_path("cut"), want);
    cr_assert_str_eq(hex, want);
    cr_assert_eq(js_diag_size(d), 0);
    close(fd);
    js_diag_free(d);
}

/* ---- HTML table layouts ------------------------------------------------------------------- */

Test(output, html_years_across_and_long_tables_cut)
{
    /* region × year: the years become columns */
    js_cube *const a = cube_region_year();
    /* 400 categories: the report shows JS_HTML_MAX_ROWS (300) and says so */
    js_cube *const big = js_cube_alloc();
    size_t dim;
    cr_assert_eq(js_cube_add_dim(big, "kommun", "Kommun", JS_ROLE_REGION, &dim), JS_OK);
    for (int i = 0; i < 400; i++) {
        char code[16];
        snprintf(code, sizeof code, "k%03d", i);
        cr_assert_eq(js_cube_add_category(big, dim, code, NULL, NULL), JS_OK);
    }
    cr_assert_eq(js_cube_alloc_cells(big), JS_OK);
    for (size_t i = 0; i < 400; i++)
        js_cube_set_value(big, i, (double)i + 0.5);
    const js_result res[2] = {result_of("a", a), result_of("big", big)};
    const js_report rep = report_of(res, 2, NULL, 0, JS_LANG_SV);
    cr_assert_eq(js_out_html(tmp_path("r.html"), &rep, NULL), JS_OK);
    char *const html = slurp(tmp_path("r.html"), NULL);
    cr_assert_not_null(strstr(html, "<th scope=\"col\">Region</th>"
                                    "<th scope=\"col\" class=\"num\">2015</th>"
                                    "<th scope=\"col\" class=\"num\">2016</th>"));
    cr_assert_not_null(strstr(html, ">k299<"));
    cr_assert_null(strstr(html, ">k300<"));
    cr_assert_not_null(strstr(html, "de första 300 av 400 raderna"));
    free(html);
    js_cube_free(a);
    js_cube_free(big);
}

/* ---- Out of memory ------------------------------------------------------------------------ */

/* Fail the 1st, 2nd, ... allocation of one writer until it succeeds: every
 * failure must be JS_ENOMEM and leave no file behind. */
static void oom_walk(js_status (*write)(const char *, const void *), const void *arg)
{
    const char *const p = tmp_path("oom.out");
    for (size_t k = 1; k < 10000; k++) {
        js_alloc_fail_at(k);
        const js_status st = write(p, arg);
        js_alloc_fail_at(0);
        if (st == JS_OK) {
            unlink(p);
            return;
        }
        cr_assert_eq(st, JS_ENOMEM, "allocation %zu: status %d", k, (int)st);
        struct stat sb;
        cr_assert_neq(stat(p, &sb), 0, "allocation %zu: a file was left", k);
    }
    cr_assert_fail("never succeeded");
}

static js_status oom_html(const char *p, const void *rep) { return js_out_html(p, rep, NULL); }
static js_status oom_manifest(const char *p, const void *rep) { return js_out_manifest(p, rep, NULL); }
static js_status oom_csv(const char *p, const void *rep)
{
    const js_report *const r = rep;
    return js_out_indicators_csv(p, r->results, r->n_results, NULL);
}
static js_status oom_xlsx(const char *p, const void *rep)
{
    const js_report *const r = rep;
    return js_out_xlsx(p, r->results, r->n_results, NULL, 0, r->lang, NULL);
}

Test(output, out_of_memory_paths)
{
    js_cube *const a = cube_region_year();
    js_cube *const b = cube_sex("Kvinnor");
    const js_result res[2] = {result_of("share_women", a), result_of("life_exp", b)};
    const js_report_chart ch = {"pyramid", "B", "A", "S", 1, 1, NULL, NULL};
    const js_report rep = report_of(res, 2, &ch, 1, JS_LANG_SV);
    oom_walk(oom_html, &rep);
    oom_walk(oom_manifest, &rep);
    oom_walk(oom_csv, &rep);
    oom_walk(oom_xlsx, &rep);
    js_cube_free(a);
    js_cube_free(b);
}

/* The CSV writers' formula rule (OWASP "CSV injection"), on the texts that
 * reach it: formulas and DDE calls are caught, numbers, signs alone and
 * ordinary labels are left as they are. */
Test(output, formula_like_fields)
{
    static const char *const formula[] = {"=1+1", "=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0",
                                          "-2+3", "@SUM(A1)", "\tx", "\rx", "+x", "-19 år"};
    static const char *const plain[] = {"-",   "+",      "-19",  "-3.5", "+65", "-3,5",
                                        "Umeå", "01 Stockholm", "", "'quoted", "a=b"};
    for (size_t i = 0; i < sizeof formula / sizeof *formula; i++)
        cr_assert(js_out_formula_like(formula[i]), "\"%s\" not caught", formula[i]);
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        cr_assert(!js_out_formula_like(plain[i]), "\"%s\" caught", plain[i]);
}
