/*
 * test_chart_layout.c - the layout controls of the chart writer
 * (chart_layout.c): the value axis's title from the unit, the grid of
 * small multiples, the screen coordinates moved under a title band (never
 * inside a quoted text), and the bounds of the sizes in cm.
 *
 * Expected values are by hand from the rules in chart_layout.c, written
 * beside each check.
 */
#include <math.h>
#include <string.h>

#include "core/strbuf.h"
#include "jamstat/chart.h"
#include "plot/chart_int.h"
#include "testutil.h"

static js_chart chart_of(js_chart_kind kind, const char *unit)
{
    js_chart ch;
    memset(&ch, 0, sizeof ch);
    ch.name = "c";
    ch.kind = kind;
    ch.lang = JS_LANG_SV;
    ch.unit = unit;
    return ch;
}

Test(chart_layout, unit_titles)
{
    char buf[64];
    js_chart ch = chart_of(JS_CHART_LINES, "%");
    cr_assert_str_eq(cht_unit_title(&ch, buf, sizeof buf), "Procent");
    ch.unit = "personer";
    cr_assert_str_eq(cht_unit_title(&ch, buf, sizeof buf), "Antal");
    ch.unit = "procentenheter";
    cr_assert_str_eq(cht_unit_title(&ch, buf, sizeof buf), "Procentenheter");
    ch.unit = "år"; /* C3 A5 -> C3 85 */
    cr_assert_str_eq(cht_unit_title(&ch, buf, sizeof buf), "\xc3\x85r");
    ch.unit = "% av alla";
    cr_assert_str_eq(cht_unit_title(&ch, buf, sizeof buf), "Procent av alla");
    ch.unit = "";
    cr_assert_null(cht_unit_title(&ch, buf, sizeof buf));
    ch.unit = NULL;
    cr_assert_null(cht_unit_title(&ch, buf, sizeof buf));
    js_chart s100 = chart_of(JS_CHART_SHARE100, "personer"); /* share100 draws percentages of counts */
    cr_assert_str_eq(cht_unit_title(&s100, buf, sizeof buf), "Procent");
    js_chart tex = chart_of(JS_CHART_LINES, "\\% av alla"); /* the LaTeX variant's escaped unit */
    tex.latex = 1;
    cr_assert_str_eq(cht_unit_title(&tex, buf, sizeof buf), "Procent av alla");
    js_chart en = chart_of(JS_CHART_LINES, "persons");
    en.lang = JS_LANG_EN;
    cr_assert_str_eq(cht_unit_title(&en, buf, sizeof buf), "Number");
}

Test(chart_layout, value_axis)
{
    const js_chart ranked = chart_of(JS_CHART_RANKED, NULL), lines = chart_of(JS_CHART_LINES, NULL);
    const js_chart bars = chart_of(JS_CHART_BARS, NULL), scatter = chart_of(JS_CHART_SCATTER, NULL);
    cr_assert_eq(cht_value_axis(&ranked, 1), 'x');
    cr_assert_eq(cht_value_axis(&lines, 0), 'y');
    cr_assert_eq(cht_value_axis(&bars, 0), 'y');
    cr_assert_eq(cht_value_axis(&bars, 1), 'x');
    cr_assert_eq(cht_value_axis(&scatter, 0), 0);
}

/* Panels from series labels: n panels of women and men. */
static void grid_of(size_t n, int w_px, size_t *cols, size_t *rows)
{
    static const char *const names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n",
                                        "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"};
    js_chart_series s[52];
    memset(s, 0, sizeof s);
    for (size_t i = 0; i < 2 * n; i++) {
        s[i].label = names[i / 2];
        s[i].sex = i % 2 ? JS_SEX_MEN : JS_SEX_WOMEN;
    }
    js_chart ch = chart_of(JS_CHART_SMALL_MULTIPLES, NULL);
    ch.series = s;
    ch.n_series = 2 * n;
    cr_assert_eq(cht_multi_grid(&ch, w_px, cols, rows), n, "%zu panels", n);
}

Test(chart_layout, multi_grid)
{
    size_t c, r;
    grid_of(21, 800, &c, &r); /* 21 <= 25: 5 columns; ceil(21 / 5) = 5 */
    cr_assert(c == 5 && r == 5, "21 panels on 800 px: %zu x %zu", r, c);
    grid_of(21, 605, &c, &r); /* (605 - 60) / 120 = 4 columns at most; ceil(21 / 4) = 6 */
    cr_assert(c == 4 && r == 6, "21 panels on 605 px: %zu x %zu", r, c);
    grid_of(6, 800, &c, &r); /* 6 <= 9: 3 columns, 2 rows (as before) */
    cr_assert(c == 3 && r == 2, "6 panels: %zu x %zu", r, c);
    grid_of(4, 800, &c, &r);
    cr_assert(c == 2 && r == 2, "4 panels: %zu x %zu", r, c);
    grid_of(26, 200, &c, &r); /* (200 - 60) / 120 = 1 column */
    cr_assert(c == 1 && r == 26, "26 panels on 200 px: %zu x %zu", r, c);
}

Test(chart_layout, screen_y_scaled_outside_quotes)
{
    js_buf b;
    js_buf_init(&b);
    js_buf_puts(&b, "set title 'x'\n"); /* before `from`: untouched */
    const size_t from = b.len;
    js_buf_puts(&b, "set key at screen 0.5, screen 0.9850 center\n"
                    "set label 1 'a, screen 0.5 it''s, screen 0.5' at screen 0.012, screen 0.0220 left\n"
                    "# comment's, screen 0.5\n"
                    "set tmargin at screen 0.9000\nset lmargin at screen 0.1000\n"
                    "set label 2 'a' . \"\\n\" . ', screen 0.5' at graph 0, graph 1\n");
    cht_scale_screen_y(&b, from, 0.5);
    cr_assert_str_eq(js_buf_cstr(&b),
                     "set title 'x'\n"
                     "set key at screen 0.5, screen 0.4925 center\n"
                     "set label 1 'a, screen 0.5 it''s, screen 0.5' at screen 0.012, screen 0.0110 left\n"
                     "# comment's, screen 0.5\n"
                     "set tmargin at screen 0.4500\nset lmargin at screen 0.1000\n"
                     "set label 2 'a' . \"\\n\" . ', screen 0.5' at graph 0, graph 1\n");
    js_buf_fini(&b);
}

Test(chart_layout, title_band)
{
    js_chart ch = chart_of(JS_CHART_LINES, NULL);
    size_t wrap;
    ch.title = "Folkmängd";
    cr_assert_eq(cht_title_band(&ch, 800, &wrap), 0, "title_in_image = no: no band");
    ch.title_in_image = 1;
    cr_assert_eq(cht_title_band(&ch, 800, &wrap), 35, "one line: 18 + 17 px");
    cr_assert_eq(wrap, 92, "(800 - 24) / 8.4 = 92.4 characters");
    ch.title = "";
    cr_assert_eq(cht_title_band(&ch, 800, &wrap), 0, "no title: no band");
}

Test(chart_layout, size_bounds)
{
    const double v[] = {1e9, -3.0, 0.5, (double)NAN};
    js_chart_series s = {"x", JS_SEX_NONE, 0, (const double[]){1.0}, NULL, NULL, 0, 0, NULL};
    const char *const labels[] = {"A"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        js_chart ch = chart_of(JS_CHART_BARS, NULL);
        ch.n_cats = 1;
        ch.cat_labels = labels;
        ch.n_series = 1;
        ch.series = &s;
        ch.width_cm = v[i];
        js_diag *const d = js_diag_alloc();
        cr_assert_eq(js_chart_check(&ch, d), JS_EUSAGE, "width_cm = %g", v[i]);
        js_diag_free(d);
    }
    js_chart ok = chart_of(JS_CHART_BARS, NULL);
    ok.n_cats = 1;
    ok.cat_labels = labels;
    ok.n_series = 1;
    ok.series = &s;
    ok.width_cm = 12.125;
    cr_assert_eq(js_chart_check(&ok, NULL), JS_OK);
}
