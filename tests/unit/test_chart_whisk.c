/*
 * test_chart_whisk.c - unit tests of intervals as error bars on bars and
 * ranked bars, and of a gap's zero test (src/plot/chart_whisk.c,
 * chart_kinds.c, chart_alt.c).  Expected values are worked out by hand in
 * the comments; scratch folders are made under /tmp and removed.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jamstat/chart.h"
#include "plot/chart_int.h"

static const char *const munis[4] = {"Malå", "Umeå", "Åsele", "Dorotea"};
/* Malå: below 0, excludes it; Umeå: holds 0; Åsele: above 0, excludes it;
 * Dorotea: suppressed */
static const double gap_v[4] = {-23.81, 3.22, 55.56, (double)NAN};
static const double gap_lo[4] = {-45.09, -0.9988, 20.24, (double)NAN};
static const double gap_hi[4] = {-2.992, 7.405, 75.44, (double)NAN};

static js_chart gap_chart(js_chart_series *s, js_chart_kind kind)
{
    s[0] = (js_chart_series){.label = NULL, .sex = JS_SEX_NONE, .is_compare = 0, .values = gap_v,
                             .lo = gap_lo, .hi = gap_hi, .group = 0, .is_focus = 0, .few = NULL};
    return (js_chart){.name = "g", .kind = kind, .lang = JS_LANG_SV, .n_cats = 4, .cat_labels = munis,
                      .n_series = 1, .series = s, .reference = (double)NAN, .reference_men = (double)NAN,
                      .target = (double)NAN, .band_label = "95 % konfidensintervall", .zero_test = 1};
}

/* The script js_chart_write makes of ch (static storage). */
static char *gp_of(const js_chart *ch)
{
    char dir[] = "/tmp/jswhisk-test-XXXXXX";
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

Test(chart_whisk, holds_zero_at_both_ends)
{
    js_chart_series s[1];
    js_chart ch = gap_chart(s, JS_CHART_RANKED);
    cr_assert(!cht_holds_zero(&ch, 0, 0), "Malå: -45.09 .. -2.992 lies below 0");
    cr_assert(cht_holds_zero(&ch, 0, 1), "Umeå: -0.9988 .. 7.405 holds 0");
    cr_assert(!cht_holds_zero(&ch, 0, 2), "Åsele: 20.24 .. 75.44 lies above 0");
    cr_assert(!cht_holds_zero(&ch, 0, 3), "Dorotea: no value, no interval");
    /* an end exactly at 0 holds it (ci_low <= 0 <= ci_high) */
    const double lo0[4] = {0.0, 0.0, -1.5, 0.0}, hi0[4] = {2.5, 0.0, 0.0, 1.0};
    const double v0[4] = {1.25, 0.0, -0.75, (double)NAN};
    s[0].values = v0;
    s[0].lo = lo0;
    s[0].hi = hi0;
    cr_assert(cht_holds_zero(&ch, 0, 0) && cht_holds_zero(&ch, 0, 1) && cht_holds_zero(&ch, 0, 2));
    cr_assert(!cht_holds_zero(&ch, 0, 3), "a missing value is a gap, never tinted");
    ch.zero_test = 0;
    cr_assert(!cht_holds_zero(&ch, 0, 0), "no zero test: nothing tinted");
}

Test(chart_whisk, alt_text_counts_intervals_excluding_zero)
{
    js_chart_series s[1];
    const js_chart ch = gap_chart(s, JS_CHART_RANKED);
    char alt[2048];
    js_chart_alt_text(&ch, alt, sizeof alt);
    /* 3 intervals (Dorotea has none); Malå and Åsele exclude 0 */
    cr_assert_not_null(strstr(alt, " I 2 av 3 kategorier utesluter intervallet 0."), "alt: %s", alt);
    cr_assert_not_null(strstr(alt, "Felstaplarna visar 95 % konfidensintervall."), "alt: %s", alt);
    js_chart en = ch;
    en.lang = JS_LANG_EN;
    js_chart_alt_text(&en, alt, sizeof alt);
    cr_assert_not_null(strstr(alt, " In 2 of 3 categories the interval excludes 0."), "alt: %s", alt);
}

Test(chart_whisk, ranked_draws_error_bars_tint_and_entries)
{
    js_chart_series s[1];
    const js_chart ch = gap_chart(s, JS_CHART_RANKED);
    const char *const gp = gp_of(&ch);
    cr_assert_not_null(strstr(gp, "with vectors nohead lc rgb c_whisk"), "no error bars");
    cr_assert_not_null(strstr(gp, "fillcolor rgb c_zero notitle"), "no tinted bars");
    cr_assert_not_null(strstr(gp, "title '95 % konfidensintervall'"), "no error bars' entry");
    cr_assert_not_null(strstr(gp, "title 'Intervallet omfattar 0'"), "no tint's entry");
    cr_assert_not_null(strstr(gp, "set arrow 70 from first 0, graph 0 to first 0, graph 1"), "no zero line");
    cr_assert_not_null(strstr(gp, "Z = 1"));
}

Test(chart_whisk, bars_without_tinted_bars_have_no_tint_entry)
{
    js_chart_series s[1];
    js_chart ch = gap_chart(s, JS_CHART_BARS);
    const double lo[4] = {-45.09, 0.5, 20.24, (double)NAN}; /* Umeå now excludes 0 too */
    s[0].lo = lo;
    const char *gp = gp_of(&ch);
    cr_assert_not_null(strstr(gp, "with vectors nohead lc rgb c_whisk"), "no error bars");
    cr_assert_null(strstr(gp, "Intervallet omfattar 0"), "an entry for no tinted bar");
    cr_assert_not_null(strstr(gp, "title 'Intervallet utesluter 0'"), "the full colour's entry");
}

Test(chart_whisk, no_interval_no_error_bars)
{
    js_chart_series s[1];
    js_chart ch = gap_chart(s, JS_CHART_RANKED);
    s[0].lo = s[0].hi = NULL;
    ch.band_label = NULL;
    ch.zero_test = 0;
    const char *gp = gp_of(&ch);
    cr_assert_null(strstr(gp, "c_whisk"), "error bars without an interval");
    cr_assert_null(strstr(gp, "keyentry"));
    ch.kind = JS_CHART_BARS;
    gp = gp_of(&ch);
    cr_assert_null(strstr(gp, "c_whisk"), "error bars without an interval");
}
