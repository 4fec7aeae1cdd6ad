/*
 * test_chart_focus.c - unit tests of the focus marks, the values on few
 * observations and the diverging heat-map scale (src/plot/chart_focus.c,
 * chart_kinds*.c, chart_alt.c).  Expected values are worked out by hand
 * in the comments; scratch folders are made under /tmp and removed.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jamstat/chart.h"
#include "plot/chart_int.h"

static const char *const regions[3] = {"Dalarna", "Jämtland", "Norrbotten"};
static const double gap_a[3] = {-30.0, 12.0, 5.0}; /* signed: women - men */
static const double gap_b[3] = {-2.0, 8.0, 1.0};

static js_chart heat(js_chart_series *s)
{
    s[0] = (js_chart_series){"2014", JS_SEX_NONE, 0, gap_a, NULL, NULL, 0, 0, NULL};
    s[1] = (js_chart_series){"2015", JS_SEX_NONE, 0, gap_b, NULL, NULL, 0, 1, NULL};
    return (js_chart){.name = "h", .kind = JS_CHART_HEATMAP, .lang = JS_LANG_SV, .n_cats = 3,
                      .cat_labels = regions, .n_series = 2, .series = s, .reference = (double)NAN,
                      .reference_men = (double)NAN, .target = (double)NAN};
}

static char *gp_of(const js_chart *ch)
{
    char dir[] = "/tmp/jsfocus-test-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    js_diag *const d = js_diag_alloc();
    cr_assert_eq(js_chart_write(ch, dir, d), JS_OK);
    js_diag_free(d);
    char path[128];
    (void)snprintf(path, sizeof path, "%s/%s.gp", dir, ch->name);
    FILE *const f = fopen(path, "rb");
    cr_assert_not_null(f);
    static char text[65536];
    const size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    static const char *const ext[] = {".gp", ".dat", ".csv"};
    for (size_t k = 0; k < 3; k++) {
        (void)snprintf(path, sizeof path, "%s/%s%s", dir, ch->name, ext[k]);
        unlink(path);
    }
    (void)snprintf(path, sizeof path, "%s/jamstat-theme.gp", dir);
    unlink(path);
    rmdir(dir);
    return text;
}

Test(chart_focus, tint_of_the_highlight)
{
    /* 255 - 0.18 * (255 - v): 00 -> 209.1 = D1, 9E -> 237.54 = EE, 73 -> 229.8 = E6 */
    js_chart ch = {.name = "t"};
    char tint[8];
    cht_focus_tint(&ch, tint);
    cr_assert_str_eq(tint, "#D1EEE6");
    ch.style.highlight = "#000000"; /* 255 - 45.9 = 209.1 */
    cht_focus_tint(&ch, tint);
    cr_assert_str_eq(tint, "#D1D1D1");
}

Test(chart_focus, few_needs_a_value)
{
    js_chart_series s[2];
    js_chart ch = heat(s);
    const unsigned char few[3] = {1, 0, 1};
    const double with_gap[3] = {1.0, 2.0, (double)NAN};
    s[0].few = few;
    s[0].values = with_gap;
    cr_assert(cht_is_few(&ch, 0, 0));
    cr_assert(!cht_is_few(&ch, 0, 1));
    cr_assert(!cht_is_few(&ch, 0, 2), "a missing value stays a gap, never hatched");
    cr_assert(!cht_is_few(&ch, 1, 0), "no array: nothing flagged");
    cr_assert(cht_any_few(&ch));
    cr_assert_str_eq(cht_few_words(&ch), "Få observationer");
}

Test(chart_focus, signed_heatmap_diverges_symmetrically)
{
    js_chart_series s[2];
    js_chart ch = heat(s);
    const char *gp = gp_of(&ch);
    /* the largest distance from 0 is 30: a nice half-range of 30 with 3 tics */
    cr_assert_not_null(strstr(gp, "set cbrange [-30:30]"), "%s", gp);
    cr_assert_not_null(strstr(gp, "set palette defined (0 c_men, 0.5 '#F7F7F7', 1 c_women)"));
    cr_assert_not_null(strstr(gp, "set object 81 rect from first -0.5, first -0.5 to first 2.5, first 0.5"),
                       "the focus row (2015, drawn at the bottom) outlined");
    /* about a reference of 10: the values reach 10 - 40 = -30, so +-40 */
    ch.reference = 10.0;
    gp = gp_of(&ch);
    cr_assert_not_null(strstr(gp, "set cbrange [-30:50]"), "%s", gp);
    /* one-signed: the sequential scale */
    const double pos_a[3] = {30.0, 12.0, 5.0}, pos_b[3] = {2.0, 8.0, 1.0};
    s[0].values = pos_a;
    s[1].values = pos_b;
    ch.reference = (double)NAN;
    gp = gp_of(&ch);
    cr_assert_null(strstr(gp, "c_women)"), "no diverging palette for one sign");
    cr_assert_not_null(strstr(gp, "set palette defined (0 '#F4F1EA', 0.5 '#8C9CC0', 1 c_men)"));
}

Test(chart_focus, alt_text_names_the_focus)
{
    js_chart_series s[2];
    js_chart ch = heat(s);
    char buf[1024];
    js_chart_alt_text(&ch, buf, sizeof buf);
    /* the focus row 2015: from 2 (Dalarna, written -2) to 1 (Norrbotten) */
    cr_assert_not_null(strstr(buf, " 2015: från -2 (Dalarna) till 1 (Norrbotten)."), "%s", buf);
    const double w[3] = {10.0, 20.0, 30.0}, m[3] = {30.0, 20.0, 10.0};
    const unsigned char few[3] = {0, 1, 1};
    s[0] = (js_chart_series){NULL, JS_SEX_WOMEN, 0, w, NULL, NULL, 0, 0, few};
    s[1] = (js_chart_series){NULL, JS_SEX_MEN, 0, m, NULL, NULL, 0, 0, NULL};
    ch.kind = JS_CHART_SHARE100;
    ch.focus = "Jämtland";
    js_chart_alt_text(&ch, buf, sizeof buf);
    /* Jämtland 20 women of 40: 50 %; two values flagged */
    cr_assert_not_null(strstr(buf, " Jämtland: kvinnornas andel 50\xc2\xa0%."), "%s", buf);
    cr_assert_not_null(strstr(buf, " 2 värden bygger på få observationer (streckade)."), "%s", buf);
    ch.kind = JS_CHART_BARS;
    ch.lang = JS_LANG_EN;
    js_chart_alt_text(&ch, buf, sizeof buf);
    cr_assert_not_null(strstr(buf, " Jämtland: women 20, men 20."), "%s", buf);
}
