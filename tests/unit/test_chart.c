/*
 * test_chart.c - unit tests of the chart writer (src/plot).
 *
 * Text safety is tested twice: at unit level (what the escaping functions
 * write, with the expected bytes worked out by hand from the rules in
 * CHARTS.md) and end to end, by rendering hostile labels with the real
 * gnuplot and checking that nothing ran, that the text came out literally
 * and that the SVG is well-formed XML.  Tests that need gnuplot skip when it
 * is not installed.  Scratch folders are made under /tmp and removed.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/strbuf.h"
#include "jamstat/chart.h"
#include "plot/chart_int.h"

/* ---- Helpers ---------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *const f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    const long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *const s = malloc((size_t)n + 1);
    const size_t got = fread(s, 1, (size_t)n, f);
    fclose(f);
    s[got] = '\0';
    if (len != NULL)
        *len = got;
    return s;
}

static char *file_in(const char *dir, const char *name)
{
    static char buf[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void make_dir(char *tmpl)
{
    strcpy(tmpl, "/tmp/jschart-test-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpl));
}

static void remove_dir(const char *dir)
{
    DIR *const d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlink(file_in(dir, e->d_name));
    closedir(d);
    rmdir(dir);
}

static int xml_well_formed(const char *path)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' '%s' 2>/dev/null",
             path);
    return system(cmd) == 0;
}

static int file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)st.st_size : -1;
}

static int contains_bytes(const char *s, size_t n, const char *what)
{
    const size_t wl = strlen(what);
    for (size_t i = 0; i + wl <= n; i++)
        if (memcmp(s + i, what, wl) == 0)
            return 1;
    return 0;
}

#define REQUIRE_GNUPLOT()                                                  \
    do {                                                                   \
        if (!js_chart_gnuplot_available())                                 \
            cr_skip_test("gnuplot is not installed: test skipped");        \
    } while (0)

/* A small realistic table: employment rate (%) of women and men in four
 * counties (shape of SCB AKU figures; the numbers are made up). */
static const char *const county[4] = {"Stockholm", "Västra Götaland", "Jämtland", "Norrbotten"};
static const double emp_w[4] = {81.2, 78.8, 79.4, 77.1};
static const double emp_m[4] = {84.9, 82.7, 80.2, 81.5};

static js_chart base_chart(const char *name, js_chart_kind kind, js_chart_series *s)
{
    s[0] = (js_chart_series){"Kvinnor", JS_SEX_WOMEN, 0, emp_w, NULL, NULL, 0, 0, NULL};
    s[1] = (js_chart_series){"Män", JS_SEX_MEN, 0, emp_m, NULL, NULL, 0, 0, NULL};
    return (js_chart){.name = name, .kind = kind, .lang = JS_LANG_SV, .title = "Sysselsättningsgrad",
                      .source = "Källa: SCB, AKU", .y_label = "Sysselsättningsgrad", .percent = 1,
                      .decimals = 1, .n_cats = 4, .cat_labels = county, .n_series = 2, .series = s,
                      .focus = "Jämtland", .reference = 80.0, .target = (double)NAN,
                      .value_labels = 1};
}

/* ---- Escaping at unit level ------------------------------------------- */

Test(chart_text, literal_doubles_quotes_and_blanks_controls)
{
    js_buf b;
    js_buf_init(&b);
    cht_put_literal(&b, "it's\n!touch x\r\tend");
    /* expected by hand: ' doubled, LF CR TAB each one space */
    cr_assert_str_eq(js_buf_cstr(&b), "'it''s !touch x  end'");
    js_buf_reset(&b);
    cht_put_literal(&b, "bad \xff\xfe utf8 \xc3\xa5");
    /* each invalid byte becomes U+FFFD (EF BF BD); valid å is kept */
    cr_assert_str_eq(js_buf_cstr(&b), "'bad \xef\xbf\xbd\xef\xbf\xbd utf8 \xc3\xa5'");
    js_buf_reset(&b);
    cht_put_literal(&b, "%s%n 50 %");
    cr_assert_str_eq(js_buf_cstr(&b), "'%s%n 50 %'", "plain literals keep %%");
    js_buf_reset(&b);
    cht_put_literal_fmt(&b, "%s%n 50 %");
    cr_assert_str_eq(js_buf_cstr(&b), "'%%s%%n 50 %%'", "format literals double %%");
    js_buf_reset(&b);
    cht_put_literal(&b, "' . system('x') . '");
    /* gnuplot 5.4 misreads a leading doubled quote ('''): see chart_text.c */
    cr_assert_str_eq(js_buf_cstr(&b), "\"'\" . ' . system(''x'') . '''");
    js_buf_reset(&b);
    cht_put_literal(&b, "''");
    cr_assert_str_eq(js_buf_cstr(&b), "\"''\"");
    js_buf_reset(&b);
    cht_put_literal(&b, "\xed\xa0\x80"); /* a UTF-16 surrogate encoded in UTF-8: invalid */
    cr_assert_str_eq(js_buf_cstr(&b), "'\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd'");
    js_buf_fini(&b);
}

Test(chart_text, data_field_escapes_backslash_hash_quote)
{
    js_buf b;
    js_buf_init(&b);
    cht_put_field(&b, "a\\b #c \"d\"\te\nf", 0);
    /* \ -> \\, # -> \#, " -> U+201D (E2 80 9D), TAB/LF -> space */
    cr_assert_str_eq(js_buf_cstr(&b), "a\\\\b \\#c \xe2\x80\x9d" "d\xe2\x80\x9d e f");
    js_buf_reset(&b);
    cht_put_field(&b, "", 0);
    cr_assert_str_eq(js_buf_cstr(&b), " ", "an empty label is one space, not an empty field");
    js_buf_reset(&b);
    cht_put_field(&b, "Chefer inom bank, finans och försäkring", 20);
    /* breaks at the last space before character 20 */
    cr_assert_str_eq(js_buf_cstr(&b), "Chefer inom bank,\\nfinans och försäkring");
    js_buf_fini(&b);
}

Test(chart_text, numbers_full_precision_and_missing)
{
    js_buf b;
    js_buf_init(&b);
    cht_put_num(&b, 0.1);
    js_buf_putc(&b, ' ');
    cht_put_num(&b, (double)NAN);
    js_buf_putc(&b, ' ');
    cht_put_num(&b, -0.0);
    js_buf_putc(&b, ' ');
    cht_put_num(&b, 12345.678);
    cr_assert_str_eq(js_buf_cstr(&b), "0.10000000000000001 .. 0 12345.678");
    js_buf_fini(&b);
}

Test(chart_text, names_and_colours_checked)
{
    cr_assert(js_file_name_ok("pyramid-2015_v1.a"));
    const char *const bad[] = {"", "../x", "a/b", "-x", ".hidden", "a b", "|cmd", "<x", "x'y", "å"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert(!js_file_name_ok(bad[i]), "name \"%s\" must be refused", bad[i]);
    cr_assert(cht_colour_ok("#D55E00"));
    cr_assert(cht_colour_ok("#e2a855"));
    const char *const badc[] = {"red", "#D55E0", "#D55E000", "D55E00#", "#GGGGGG", "#D55E00'", "#12345 "};
    for (size_t i = 0; i < sizeof badc / sizeof badc[0]; i++)
        cr_assert(!cht_colour_ok(badc[i]), "colour \"%s\" must be refused", badc[i]);
}

Test(chart_text, axis_nice_steps)
{
    cht_axis ax;
    cht_axis_nice(0.0, 5664.0, 4, 1, &ax); /* the Blekinge 2015 pyramid maximum */
    ASSERT_CLOSE(ax.step, 2000.0, 1e-12);
    ASSERT_CLOSE(ax.hi, 6000.0, 1e-12);
    ASSERT_CLOSE(ax.lo, 0.0, 1e-12);
    cht_axis_nice(74.1, 86.1, 5, 0, &ax);
    ASSERT_CLOSE(ax.step, 5.0, 1e-12);
    ASSERT_CLOSE(ax.lo, 70.0, 1e-12);
    ASSERT_CLOSE(ax.hi, 90.0, 1e-12);
}

Test(chart_kind, names_round_trip)
{
    for (int k = 0; k <= (int)JS_CHART_SMALL_MULTIPLES; k++) {
        js_chart_kind got;
        cr_assert(js_chart_kind_parse(js_chart_kind_name((js_chart_kind)k), &got));
        cr_assert_eq((int)got, k);
    }
    js_chart_kind got;
    cr_assert(!js_chart_kind_parse("pie", &got));
    cr_assert_str_eq(js_chart_kind_name(JS_CHART_PYRAMID), "pyramid");
}

/* ---- Writing ---------------------------------------------------------- */

Test(chart_write, theme_copy_matches_plots_file)
{
    size_t n;
    char *const text = slurp("plots/jamstat-theme.gp", &n);
    cr_assert_not_null(text, "plots/jamstat-theme.gp must exist (tests run from the repository root)");
    cr_assert_eq(n, strlen(cht_theme_text), "theme sizes differ: plots %zu, C %zu", n, strlen(cht_theme_text));
    cr_assert(memcmp(text, cht_theme_text, n) == 0, "plots/jamstat-theme.gp and chart_theme.c differ");
    free(text);
}

Test(chart_write, bad_colour_is_refused_with_diag)
{
    char dir[64];
    make_dir(dir);
    js_chart_series s[2];
    js_chart ch = base_chart("c1", JS_CHART_BARS, s);
    ch.style.women = "red";
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_write(&ch, dir, d), JS_EUSAGE);
    cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 1);
    cr_assert_not_null(strstr(js_diag_get(d, 0)->text, "expected \"#RRGGBB\", found \"red\""));
    cr_assert_eq(file_size(file_in(dir, "c1.gp")), -1, "nothing written on error");
    ch.style.women = "#e2a855";
    ch.style.men = "#459079";
    cr_assert_eq(js_chart_write(&ch, dir, d), JS_OK);
    char *const gp = slurp(file_in(dir, "c1.gp"), NULL);
    cr_assert_not_null(strstr(gp, "c_women = '#e2a855'\n"));
    cr_assert_not_null(strstr(gp, "c_men = '#459079'\n"));
    cr_assert(strstr(gp, "c_women =") < strstr(gp, "load './jamstat-theme.gp'"),
              "colours are set before the theme reads them");
    free(gp);
    js_diag_free(d);
    remove_dir(dir);
}

Test(chart_write, bad_name_is_refused)
{
    char dir[64];
    make_dir(dir);
    js_chart_series s[2];
    js_chart ch = base_chart("../evil", JS_CHART_BARS, s);
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_write(&ch, dir, d), JS_EUSAGE);
    cr_assert_not_null(strstr(js_diag_get(d, 0)->text, "found \"../evil\""));
    js_diag_free(d);
    remove_dir(dir);
}

Test(chart_write, script_and_data_layout)
{
    char dir[64];
    make_dir(dir);
    js_chart_series s[2];
    js_chart ch = base_chart("layout", JS_CHART_BARS, s);
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_write(&ch, dir, d), JS_OK);
    char *const gp = slurp(file_in(dir, "layout.gp"), NULL);
    char *const dat = slurp(file_in(dir, "layout.dat"), NULL);
    cr_assert(strstr(gp, "set terminal") > strstr(gp, "if (fmt eq 'svg') {"),
              "the terminal is chosen by fmt, never fixed");
    cr_assert(strstr(gp, "set output './layout.svg'") < strstr(gp, "load './jamstat-theme.gp'"));
    cr_assert_null(strstr(gp, "<<"), "no inline data blocks");
    cr_assert_null(strstr(gp, "'-'"), "no inline data");
    cr_assert_not_null(strstr(gp, "set decimalsign ','"));
    /* y tics in Swedish: "80 %" with U+00A0, % doubled because tic labels are formats */
    cr_assert_not_null(strstr(gp, "'80\xc2\xa0%%' 80"));
    /* row 2 of the data: i, x, label, focus (Jämtland), pos, then women 79.4 "79,4" */
    cr_assert_not_null(strstr(dat, "2\t2\tJämtland\t1\t1\t79.400000000000006\t79,4\t..\t..\t80.200000000000003\t80,2"),
                       "data:\n%s", dat);
    cr_assert_not_null(file_in(dir, "jamstat-theme.gp"));
    cr_assert_gt(file_size(file_in(dir, "jamstat-theme.gp")), 100);
    free(gp);
    free(dat);
    js_diag_free(d);
    remove_dir(dir);
}

/* Scatter names avoid each other and the points: A and B lie side by side
 * (0.6 apart on a 60-wide axis, a few pixels), so A's name, placed first
 * (left to right), goes to A's left instead of over B, and B's takes the
 * usual spot right of B; C, alone, keeps the usual spot too.  Read off
 * the data block: name's x, name's y, right-aligned. */
Test(chart_write, scatter_names_avoid_each_other)
{
    static const char *const names[3] = {"Aby", "Bby", "Cby"};
    static const double women[3] = {40.0, 40.0, 60.0};
    static const double men[3] = {40.0, 40.6, 70.0};
    char dir[64];
    make_dir(dir);
    js_chart_series s[2];
    s[0] = (js_chart_series){"Kvinnor", JS_SEX_WOMEN, 0, women, NULL, NULL, 0, 0, NULL};
    s[1] = (js_chart_series){"Män", JS_SEX_MEN, 0, men, NULL, NULL, 0, 0, NULL};
    js_chart ch = {.name = "sc", .kind = JS_CHART_SCATTER, .lang = JS_LANG_SV, .n_cats = 3,
                   .cat_labels = names, .n_series = 2, .series = s, .reference = (double)NAN,
                   .target = (double)NAN, .decimals = 1};
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_write(&ch, dir, d), JS_OK);
    char *const dat = slurp(file_in(dir, "sc.dat"), NULL);
    const char *p = strstr(dat, "name right-aligned\n");
    cr_assert_not_null(p, "data:\n%s", dat);
    p += strlen("name right-aligned\n");
    int right[3] = {-1, -1, -1};
    double name_x[3];
    for (int i = 0; i < 3; i++) {
        double x, y, ny;
        char name[16];
        int focus;
        cr_assert_eq(sscanf(p, "%lf\t%lf\t%15[^\t]\t%d\t%lf\t%lf\t%d", &x, &y, name, &focus, &name_x[i], &ny,
                            &right[i]), 7, "row %d of:\n%s", i, p);
        cr_expect_str_eq(name, names[i], "three points: every one named");
        cr_expect(x == men[i] && y == women[i]);
        p = strchr(p, '\n') + 1;
    }
    cr_expect_eq(right[0], 1, "A's name to A's left (right-aligned)");
    cr_expect(name_x[0] < men[0], "A's name ends left of A");
    cr_expect_eq(right[1], 0, "B's name right of B");
    cr_expect(name_x[1] > men[1]);
    cr_expect_eq(right[2], 0, "C alone: the usual spot, right of the point");
    free(dat);
    js_diag_free(d);
    remove_dir(dir);
}

Test(chart_write, missing_value_is_dotdot_not_zero)
{
    char dir[64];
    make_dir(dir);
    static const double w[5] = {74.1, 74.8, (double)NAN, 76.5, 77.0};
    static const double x[5] = {2014, 2015, 2016, 2017, 2018};
    static const char *const yl[5] = {"2014", "2015", "2016", "2017", "2018"};
    js_chart_series s[1] = {{"Kvinnor", JS_SEX_WOMEN, 0, w, NULL, NULL, 0, 0, NULL}};
    js_chart ch = {.name = "gap", .kind = JS_CHART_LINES, .lang = JS_LANG_SV, .n_cats = 5,
                   .cat_labels = yl, .cat_x = x, .n_series = 1, .series = s, .percent = 1,
                   .decimals = 1, .reference = (double)NAN, .target = (double)NAN};
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_write(&ch, dir, d), JS_OK);
    char *const dat = slurp(file_in(dir, "gap.dat"), NULL);
    cr_assert_not_null(strstr(dat, "2\t2016\t2016\t0\t2\t..\t..\t..\t..\n"), "data:\n%s", dat);
    char *const gp = slurp(file_in(dir, "gap.gp"), NULL);
    cr_assert_not_null(strstr(gp, "(column(6))"), "values read through an expression (gaps)");
    cr_assert_null(strstr(gp, "set datafile missing"), "missing would join lines across gaps");
    free(gp);
    free(dat);
    if (js_chart_gnuplot_available()) {
        const char *const names[1] = {"gap"};
        cr_assert_eq(js_chart_render(dir, names, NULL, NULL, 1, JS_RENDER_SVG, 1, d), JS_OK);
        char *const svg = slurp(file_in(dir, "gap.svg"), NULL);
        /* the women's path: one move for the legend sample, one per line
         * piece; a gap makes two pieces (3 moves), a joined line 2 */
        const char *p = strstr(svg, "<path stroke='rgb(213,  94,   0)'  d='");
        cr_assert_not_null(p);
        const char *const end = strstr(p, "'/>");
        size_t moves = 0;
        for (const char *q = p; q < end; q++)
            moves += *q == 'M';
        cr_assert_eq(moves, 3, "expected a gap at 2016 (3 moves), found %zu moves", moves);
        free(svg);
    }
    js_diag_free(d);
    remove_dir(dir);
}

Test(chart_alt, pyramid_and_bars_sentences)
{
    static const char *const ages[3] = {"0–19", "20–64", "65+"};
    static const double w[3] = {15234, 41210, 12999.4};
    static const double m[3] = {16020, 43876, 10500};
    js_chart_series s[2] = {{NULL, JS_SEX_MEN, 0, m, NULL, NULL, 0, 0, NULL}, {NULL, JS_SEX_WOMEN, 0, w, NULL, NULL, 0, 0, NULL}};
    js_chart ch = {.name = "p", .kind = JS_CHART_PYRAMID, .lang = JS_LANG_SV, .n_cats = 3,
                   .cat_labels = ages, .n_series = 2, .series = s, .reference = (double)NAN, .target = (double)NAN};
    char buf[512];
    js_chart_alt_text(&ch, buf, sizeof buf);
    /* largest classes read off the table: women 20–64 (41 210), men 20–64 (43 876) */
    cr_assert_str_eq(buf, "Befolkningspyramid. Flest kvinnor finns i åldern 20–64 (41\xc2\xa0" "210). "
                          "Flest män finns i åldern 20–64 (43\xc2\xa0" "876).");
    js_chart_series s2[2];
    js_chart b = base_chart("b", JS_CHART_BARS, s2);
    b.lang = JS_LANG_EN;
    js_chart_alt_text(&b, buf, sizeof buf);
    /* highest women 81.2 Stockholm, lowest 77.1 Norrbotten, largest gap Norrbotten (4.4) */
    cr_assert_str_eq(buf, "Bar chart. Women's value is highest in Stockholm (81.2\xc2\xa0%) and lowest in "
                          "Norrbotten (77.1\xc2\xa0%). The largest gap between women and men: Norrbotten "
                          "(women 77.1\xc2\xa0%, men 81.5\xc2\xa0%). Jämtland: women 79.4\xc2\xa0%, "
                          "men 80.2\xc2\xa0%.");
    char small[20];
    js_chart_alt_text(&b, small, sizeof small);
    cr_assert_eq(strlen(small), 19, "truncated to the buffer");
}

/* ---- Rendering -------------------------------------------------------- */

static void write_all_kinds(const char *dir, const char **names)
{
    static const double x[4] = {2020, 2021, 2022, 2023};
    js_diag *const d = js_diag_alloc();
    for (int k = 0; k <= (int)JS_CHART_SMALL_MULTIPLES; k++) {
        js_chart_series s[2];
        js_chart ch = base_chart(js_chart_kind_name((js_chart_kind)k), (js_chart_kind)k, s);
        if (k == JS_CHART_LINES || k == JS_CHART_HEATMAP || k == JS_CHART_SMALL_MULTIPLES)
            ch.cat_x = x;
        names[k] = ch.name;
        cr_assert_eq(js_chart_write(&ch, dir, d), JS_OK, "writing %s", ch.name);
    }
    js_diag_free(d);
}

Test(chart_render, every_kind_renders_svg_and_png)
{
    REQUIRE_GNUPLOT();
    char dir[64];
    make_dir(dir);
    const char *names[9];
    write_all_kinds(dir, names);
    js_diag *const d = js_diag_alloc();
    const js_status st = js_chart_render(dir, names, NULL, NULL, 9, JS_RENDER_SVG | JS_RENDER_PNG, 4, d);
    if (st != JS_OK)
        js_diag_print(d, stderr, "test_chart");
    cr_assert_eq(st, JS_OK);
    cr_assert_eq(js_diag_count(d, JS_SEV_WARNING), 0, "gnuplot printed warnings");
    for (size_t k = 0; k < 9; k++) {
        char svg[64], png[64];
        snprintf(svg, sizeof svg, "%s.svg", names[k]);
        snprintf(png, sizeof png, "%s.png", names[k]);
        cr_assert_gt(file_size(file_in(dir, png)), 1000, "%s", png);
        cr_assert_gt(file_size(file_in(dir, svg)), 1000, "%s", svg);
        cr_assert(xml_well_formed(file_in(dir, svg)), "%s is not well-formed", svg);
    }
    js_diag_free(d);
    remove_dir(dir);
}

Test(chart_render, deterministic_bytes_and_post_processing)
{
    REQUIRE_GNUPLOT();
    char dir[64];
    make_dir(dir);
    js_chart_series s[2];
    js_chart ch = base_chart("det", JS_CHART_LINES, s);
    static const double x[4] = {2020, 2021, 2022, 2023};
    ch.cat_x = x;
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_write(&ch, dir, d), JS_OK);
    const char *const names[1] = {"det"};
    const char *const titles[1] = {"Sysselsättning <20–64> & mer"};
    const char *const alts[1] = {"Kvinnor: från 81,2 till 77,1."};
    const unsigned all = JS_RENDER_SVG | JS_RENDER_PNG | JS_RENDER_PDF | JS_RENDER_PNG300;
    static const char *const files[4] = {"det.svg", "det.png", "det.pdf", "det-print.png"};
    char *first[4];
    size_t len[4];
    for (int round = 0; round < 2; round++) {
        cr_assert_eq(js_chart_render(dir, names, titles, alts, 1, all, 2, d), JS_OK);
        for (size_t f = 0; f < 4; f++) {
            size_t n;
            char *const bytes = slurp(file_in(dir, files[f]), &n);
            cr_assert_not_null(bytes, "%s", files[f]);
            if (round == 0) {
                first[f] = bytes;
                len[f] = n;
                continue;
            }
            cr_assert_eq(n, len[f], "%s size differs between runs", files[f]);
            cr_assert(memcmp(bytes, first[f], n) == 0, "%s bytes differ between runs", files[f]);
            free(bytes);
        }
    }
    /* SVG: the title and alt text replace gnuplot's, XML-escaped */
    cr_assert_not_null(strstr(first[0], "<title>Sysselsättning &lt;20–64&gt; &amp; mer</title>"));
    cr_assert_not_null(strstr(first[0], "<desc>Kvinnor: från 81,2 till 77,1.</desc>"));
    cr_assert_null(strstr(first[0], "<title>Gnuplot</title>"));
    /* PDF: the fixed creation date */
    cr_assert(contains_bytes(first[2], len[2], "/CreationDate (D:20000101000000"));
    /* print PNG: pHYs right after IHDR, 11811 px/m (300 dpi), valid CRC */
    const unsigned char *const p = (const unsigned char *)first[3] + 33;
    cr_assert(memcmp(p, "\0\0\0\x09pHYs", 8) == 0, "pHYs chunk after IHDR");
    const uint32_t ppm = (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11];
    cr_assert_eq(ppm, 11811u);
    const uint32_t crc = (uint32_t)p[17] << 24 | (uint32_t)p[18] << 16 | (uint32_t)p[19] << 8 | p[20];
    cr_assert_eq(crc, (uint32_t)crc32(0L, p + 4, 13));
    for (size_t f = 0; f < 4; f++)
        free(first[f]);
    js_diag_free(d);
    remove_dir(dir);
}

/* Hostile texts: each would run a command, write a file or break the SVG if
 * it became gnuplot syntax or raw XML. */
static const char *const hostile[] = {
    "`touch /tmp/pwned_js_bq`",
    "' . system('touch /tmp/pwned_js_sys') . '",
    "x\n!touch /tmp/pwned_js_nl",
    "\"; set print '/tmp/pwned_js_print'; print 1; \"",
    "]]> <b>&amp;",
    "%s%n%x",
};

static void assert_no_pwned(void)
{
    static const char *const files[] = {"/tmp/pwned_js_bq", "/tmp/pwned_js_sys", "/tmp/pwned_js_nl",
                                        "/tmp/pwned_js_print"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        cr_assert_eq(access(files[i], F_OK), -1, "%s was created: a label ran as code", files[i]);
}

Test(chart_render, hostile_labels_stay_text)
{
    REQUIRE_GNUPLOT();
    for (size_t i = 0; i < 4; i++)
        unlink((const char *[]){"/tmp/pwned_js_bq", "/tmp/pwned_js_sys", "/tmp/pwned_js_nl",
                                "/tmp/pwned_js_print"}[i]);
    char dir[64];
    make_dir(dir);
    static const double w[6] = {10, 20, 30, 40, 50, 60}, m[6] = {12, 18, 33, 41, 47, 55};
    const js_chart_series s[2] = {{hostile[0], JS_SEX_WOMEN, 0, w, NULL, NULL, 0, 0, NULL},
                                  {hostile[1], JS_SEX_MEN, 0, m, NULL, NULL, 0, 0, NULL}};
    const char *names[4] = {"h-bars", "h-lines", "h-pyr", "h-heat"};
    const js_chart_kind kinds[4] = {JS_CHART_BARS, JS_CHART_LINES, JS_CHART_PYRAMID, JS_CHART_HEATMAP};
    js_diag *const d = js_diag_alloc();
    for (size_t k = 0; k < 4; k++) {
        js_chart ch = {.name = names[k], .kind = kinds[k], .lang = JS_LANG_SV, .title = hostile[3],
                       .source = hostile[2], .x_label = hostile[3], .y_label = hostile[5],
                       .n_cats = 6, .cat_labels = hostile, .n_series = 2, .series = s,
                       .reference = (double)NAN, .target = (double)NAN, .value_labels = 1, .focus = hostile[4]};
        cr_assert_eq(js_chart_write(&ch, dir, d), JS_OK);
    }
    /* one title and one alt text per chart (four charts) */
    const char *const titles[4] = {hostile[4], hostile[5], hostile[4], hostile[5]};
    const char *const alts[4] = {hostile[3], hostile[4], hostile[5], hostile[3]};
    const js_status st = js_chart_render(dir, names, titles, alts, 4,
                                         JS_RENDER_SVG | JS_RENDER_PNG, 2, d);
    if (st != JS_OK)
        js_diag_print(d, stderr, "test_chart");
    cr_assert_eq(st, JS_OK);
    assert_no_pwned();
    for (size_t k = 0; k < 4; k++) {
        char file[64];
        snprintf(file, sizeof file, "%s.svg", names[k]);
        cr_assert(xml_well_formed(file_in(dir, file)), "%s is not well-formed XML", file);
        char *const svg = slurp(file_in(dir, file), NULL);
        cr_assert_not_null(strstr(svg, "`touch /tmp/pwned_js_bq`"), "%s: backquote text missing", file);
        cr_assert_not_null(strstr(svg, "x !touch /tmp/pwned_js_nl"), "%s: newline text missing", file);
        if (k != 3) /* the heat map draws no series titles */
            cr_assert_not_null(strstr(svg, "' . system('touch /tmp/pwned_js_sys') . '"), "%s", file);
        if (k < 2) /* category labels (from the data file): ']]>' escaped, '<' and '&' too */
            cr_assert_not_null(strstr(svg, "]]&gt; &lt;b&gt;&amp;amp;"), "%s: ]]> text missing", file);
        cr_assert_not_null(strstr(svg, "%s%n%x"), "%s: %%s%%n text missing", file);
        free(svg);
    }
    js_diag_free(d);
    remove_dir(dir);
}

Test(chart_render, failure_is_reported_and_leaves_no_image)
{
    REQUIRE_GNUPLOT();
    char dir[64];
    make_dir(dir);
    FILE *const f = fopen(file_in(dir, "broken.gp"), "w");
    fputs("set terminal pngcairo\nset output './broken.png'\nplot './no-such-file.dat' using 1:2\n", f);
    fclose(f);
    const char *const names[1] = {"broken"};
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_render(dir, names, NULL, NULL, 1, JS_RENDER_PNG, 1, d), JS_ETOOL);
    cr_assert_eq(file_size(file_in(dir, "broken.png")), -1, "the 0-byte PNG is removed");
    cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 1);
    const char *const text = js_diag_get(d, 0)->text;
    cr_assert_not_null(strstr(text, "chart \"broken\""), "%s", text);
    cr_assert_not_null(strstr(text, "no-such-file.dat"), "gnuplot's message is kept: %s", text);
    js_diag_free(d);
    remove_dir(dir);
}

Test(chart_render, missing_gnuplot_is_etool)
{
    const char *const old = getenv("PATH");
    char *const saved = old != NULL ? strdup(old) : NULL;
    setenv("PATH", "/nonexistent-jamstat-dir", 1);
    cr_assert(!js_chart_gnuplot_available());
    const char *const names[1] = {"x"};
    js_diag *const d = js_diag_alloc();
    const js_status st = js_chart_render("/tmp", names, NULL, NULL, 1, JS_RENDER_SVG, 1, d);
    if (saved != NULL) {
        setenv("PATH", saved, 1);
        free(saved);
    }
    cr_assert_eq(st, JS_ETOOL);
    cr_assert_not_null(strstr(js_diag_get(d, 0)->text, "gnuplot"));
    js_diag_free(d);
}

/* cairolatex: LaTeX sets every text, so a label must not be able to run a
 * TeX command (CHARTS.md: "\input{file}" printed the file; "%" broke the
 * build).  The expected escapes are the standard LaTeX ones. */
Test(chart_render, latex_variant_escapes_every_text)
{
    REQUIRE_GNUPLOT();
    char dir[64];
    make_dir(dir);
    static const char *const cats[3] = {"\\input{/etc/passwd}", "50 % & $x_1$", "a~b^c {#} <|>"};
    static const double w[3] = {40, 55, 61}, m[3] = {60, 45, 39};
    const js_chart_series s[2] = {{"Kvinnor \\def", JS_SEX_WOMEN, 0, w, NULL, NULL, 0, 0, NULL},
                                  {"M\xc3\xa4n", JS_SEX_MEN, 0, m, NULL, NULL, 0, 0, NULL}};
    const js_chart ch = {.name = "tx", .kind = JS_CHART_BARS, .lang = JS_LANG_SV, .title = "T",
                         .source = "K\xc3\xa4lla: \\write18{touch /tmp/pwned_js_tex}", .percent = 1,
                         .n_cats = 3, .cat_labels = cats, .n_series = 2, .series = s,
                         .reference = (double)NAN, .target = (double)NAN};
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_write_latex(&ch, dir, d), JS_OK);
    const char *const names[1] = {"tx-tex"};
    cr_assert_eq(js_chart_render(dir, names, NULL, NULL, 1, JS_RENDER_TEX, 1, d), JS_OK,
                 "%s", js_diag_size(d) ? js_diag_get(d, 0)->text : "");
    char *const tex = slurp(file_in(dir, "tx-tex.tex"), NULL);
    cr_assert_not_null(tex, "cairolatex wrote tx-tex.tex");
    cr_expect(strstr(tex, "\\textbackslash{}input\\{/etc/passwd\\}") != NULL, "\\input escaped");
    cr_expect(strstr(tex, "\\input{/etc") == NULL, "no raw \\input from a label");
    cr_expect(strstr(tex, "\\textbackslash{}write18") != NULL, "\\write18 escaped");
    cr_expect(strstr(tex, "50 \\% \\& \\$x\\_1\\$") != NULL, "%% & $ _ escaped");
    /* (the writer may wrap a label at its space, so the two halves are looked for apart) */
    cr_expect(strstr(tex, "a\\textasciitilde{}b\\textasciicircum{}c") != NULL, "~ ^ escaped");
    cr_expect(strstr(tex, "\\{\\#\\}") != NULL, "{ # } escaped");
    /* OT1 would print < and > as inverted marks: named instead */
    cr_expect(strstr(tex, "\\textless{}\\textbar{}\\textgreater{}") != NULL, "< | > named");
    cr_expect(strstr(tex, "\\%") != NULL, "the axis's own percent signs are \\%%");
    cr_expect(access(file_in(dir, "tx-tex.pdf"), F_OK) == 0, "the graphics beside it");
    cr_expect(access("/tmp/pwned_js_tex", F_OK) != 0);
    free(tex);
    js_diag_free(d);
    remove_dir(dir);
}

/* A gnuplot that writes half an image and then hangs: with a time limit of
 * 1 s, js_chart_render_opts kills it, removes the half image and reports
 * the chart as stopped (JS_ETOOL).  The fake gnuplot is a shell script
 * first on PATH; no time is asserted, only the outcome. */
Test(chart_render, a_hung_gnuplot_is_stopped_and_its_image_removed)
{
    char dir[64];
    make_dir(dir);
    FILE *f = fopen(file_in(dir, "gnuplot"), "w");
    fputs("#!/bin/sh\nprintf '<svg' > c.svg\nexec sleep 300\n", f);
    fclose(f);
    cr_assert_eq(chmod(file_in(dir, "gnuplot"), 0755), 0);
    f = fopen(file_in(dir, "c.gp"), "w");
    fputs("# never read: the fake gnuplot hangs\n", f);
    fclose(f);
    const char *const old = getenv("PATH");
    char *const saved = old != NULL ? strdup(old) : NULL;
    char path[4200];
    (void)snprintf(path, sizeof path, "%s:%s", dir, saved != NULL ? saved : "/usr/bin:/bin");
    setenv("PATH", path, 1);
    js_render_opts o;
    js_render_opts_init(&o);
    cr_assert_eq(o.timeout_s, 120u, "the default limit");
    o.formats = JS_RENDER_SVG;
    o.jobs = 1;
    o.timeout_s = 1;
    const char *const names[1] = {"c"};
    js_diag *const d = js_diag_alloc();
    const js_status st = js_chart_render_opts(dir, names, NULL, NULL, 1, &o, d);
    if (saved != NULL) {
        setenv("PATH", saved, 1);
        free(saved);
    }
    cr_assert_eq(st, JS_ETOOL);
    cr_assert_eq(file_size(file_in(dir, "c.svg")), -1, "the half image is removed");
    cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 1);
    const char *const text = js_diag_get(d, 0)->text;
    cr_assert_not_null(strstr(text, "chart \"c\": gnuplot did not finish c.svg within 1 s"), "%s",
                       text);
    js_diag_free(d);
    remove_dir(dir);
}
