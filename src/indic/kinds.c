/*
 * kinds.c - the table of indicator kinds, and what every kind shares: its
 * typed keys parsed and looked up, its unit and decimals, its computation.
 *
 * The rows themselves are in the family files (ind_int.h lists them).  A
 * kind's keys are typed (js_key_type): the analysis file's text is parsed
 * once, here, so that "decimals = two" or "scale = -" is an error at its
 * line before any data is read, and the compute functions read numbers,
 * not text.
 */
#include "jamstat/indicator.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "indic/ind_int.h"
#include "indic/select.h"

/* ---- the table ------------------------------------------------------------------ */

/* In the catalogue's order. */
static const js_kind *const kinds[] = {
    &ind_kind_count,      &ind_kind_share,    &ind_kind_ratio,    &ind_kind_gap,
    &ind_kind_age_distribution, &ind_kind_median_age, &ind_kind_mean_age, &ind_kind_dependency,
    &ind_kind_trend,      &ind_kind_life_expectancy, &ind_kind_standardised_rate, &ind_kind_smr,
    &ind_kind_crude_rate,
    &ind_kind_total_fertility_rate, &ind_kind_fertility_rate, &ind_kind_general_fertility_rate,
    &ind_kind_mean_age_at_birth,
    &ind_kind_sex_ratio_at_birth,
    &ind_kind_dissimilarity, &ind_kind_karmel_maclachlan, &ind_kind_balanced_share, &ind_kind_balance,
    &ind_kind_independence_test, &ind_kind_representation,
    &ind_kind_rank, &ind_kind_dispersion,
    &ind_kind_shift_share, &ind_kind_location_quotient, &ind_kind_target,
    &ind_kind_population_change, &ind_kind_composite,
    &ind_kind_funding_share, &ind_kind_funding_per_capita,
};

const char *const js_measure_words[] = {"count", "rate", "share", "index", "amount", "mean", NULL};

int js_measure_parse(const char *word, js_measure *out)
{
    for (size_t i = 0; js_measure_words[i] != NULL; i++)
        if (strcasecmp(word, js_measure_words[i]) == 0) {
            *out = (js_measure)i;
            return 1;
        }
    return 0;
}

size_t js_kind_count(void)
{
    return sizeof kinds / sizeof *kinds;
}

const js_kind *js_kind_at(size_t i)
{
    return i < js_kind_count() ? kinds[i] : NULL;
}

const js_kind *js_kind_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < js_kind_count(); i++)
        if (strcasecmp(name, kinds[i]->name) == 0)
            return kinds[i];
    return NULL;
}

static const js_key common_keys[] = {
    {"kind", JS_KEY_TEXT, NULL, 0, 0, NULL, 1, "the kind of indicator (this catalogue)"},
    {"where", JS_KEY_SELECTION, NULL, 0, 0, NULL, 0, "a selection applied to every input, e.g. year:2015"},
    {"by", JS_KEY_DIMS, NULL, 0, 0, NULL, 0, "the result's dimensions, e.g. region, year, sex"},
    {"small_n", JS_KEY_NUMBER, NULL, 0, 1e15, NULL, 0, "counts below this are flagged small_n ([analysis] small_n)"},
    {"suppress_below", JS_KEY_NUMBER, NULL, 0, 1e15, NULL, 0, "counts below this are suppressed, with complements ([analysis] suppress_below)"},
    {"protect_zeros", JS_KEY_BOOL, NULL, 0, 0, NULL, 0, "yes: counts of 0 are suppressed too ([analysis] protect_zeros)"},
    {"dominance", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "n,k: an amount whose n largest contributors make more than k % of it is suppressed, with complements ([analysis] dominance)"},
    {"title", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "the title in tables, charts and the report"},
    {"unit", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "the unit shown (default: the kind's)"},
    {"decimals", JS_KEY_INTEGER, NULL, 0, 15, NULL, 0, "decimals in tables and charts (default: the kind's)"},
    {"definition", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "the definition in the report (default: the kind's)"},
    {"text", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "the author's words before its table in the report"},
    {"note", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "the author's note under its table in the report"},
    IND_KEY_END};

const js_key *js_kind_common_keys(void)
{
    return common_keys;
}

static const js_key *key_in(const js_key *keys, const char *name)
{
    for (const js_key *k = keys; k->name != NULL; k++)
        if (strcasecmp(k->name, name) == 0)
            return k;
    return NULL;
}

const js_key *js_kind_key(const js_kind *k, const char *name)
{
    const js_key *const own = key_in(k->keys, name);
    return own ? own : key_in(common_keys, name);
}

/* ---- parsing typed values --------------------------------------------------------- */

/* A whole number in decimal digits filling text (blanks around it allowed):
 * "2030", not "2030.0" or "2e3". */
static int parse_integer(const char *text, double *out)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    const char *const start = p;
    if (*p == '-' || *p == '+')
        p++;
    const size_t digits = strspn(p, "0123456789");
    if (digits == 0 || digits > 15)
        return 0;
    p += digits;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0')
        return 0;
    *out = strtod(start, NULL);
    return 1;
}

static int parse_bool(const char *text, double *out)
{
    static const char *const yes[] = {"yes", "true", "1"}, *const no[] = {"no", "false", "0"};
    for (size_t i = 0; i < 3; i++) {
        if (strcasecmp(text, yes[i]) == 0)
            *out = 1;
        else if (strcasecmp(text, no[i]) == 0)
            *out = 0;
        else
            continue;
        return 1;
    }
    return 0;
}

/* Each comma-separated item of text non-empty, at most cap of them; with
 * ages, each an age range. */
static int parse_list(const char *text, size_t cap, int ages, char *why, size_t why_cap)
{
    if (text[strspn(text, " \t")] == '\0')
        return 0; /* an empty list: no dimensions */
    size_t n = 0;
    for (const char *p = text;; n++) {
        const char *comma = p;
        int quoted = 0; /* commas inside double quotes do not split ("a, b") */
        for (; *comma != '\0' && (quoted || *comma != ','); comma++)
            quoted ^= *comma == '"';
        if (quoted) {
            (void)snprintf(why, why_cap, "a closing '\"' in item %zu", n + 1);
            return -1;
        }
        const size_t len = (size_t)(comma - p);
        if (*comma == '\0')
            comma = NULL;
        char item[128];
        size_t a = 0, b = len;
        while (a < b && (p[a] == ' ' || p[a] == '\t'))
            a++;
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
            b--;
        if (a == b) {
            (void)snprintf(why, why_cap, "a comma list, found an empty item at item %zu", n + 1);
            return -1;
        }
        double lo, hi;
        if (ages) {
            (void)snprintf(item, sizeof item, "%.*s", (int)(b - a), p + a);
            if (b - a >= sizeof item || !js_selection_age_range(item, &lo, &hi)) {
                (void)snprintf(why, why_cap, "age bands such as 0-19,20-64,65- (\"%.*s\" is not one)",
                               (int)(b - a), p + a);
                return -1;
            }
        }
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    if (n + 1 > cap) {
        (void)snprintf(why, why_cap, "at most %zu names, found %zu", cap, n + 1);
        return -1;
    }
    return 0;
}

js_status js_key_parse(const js_key *key, const char *text, js_key_value *out, size_t *col, char *why,
                       size_t cap)
{
    js_key_value v = {text, NULL, (double)NAN};
    int ok = 1;
    *col = 1;
    switch (key->type) {
    case JS_KEY_TEXT: break;
    case JS_KEY_SELECTION: {
        const js_status st = js_sel_parse(text, &v.sel, col, why, cap);
        if (st != JS_OK)
            return st;
        break;
    }
    case JS_KEY_DIMS: ok = parse_list(text, JS_MAX_BY, 0, why, cap) == 0; break;
    case JS_KEY_BANDS: ok = parse_list(text, 1000, 1, why, cap) == 0; break;
    case JS_KEY_NUMBER:
        ok = js_parse_number(text, &v.num) && v.num >= key->min && v.num <= key->max;
        if (!ok)
            (void)snprintf(why, cap, "a number from %g to %g", key->min, key->max);
        break;
    case JS_KEY_INTEGER:
    case JS_KEY_YEAR:
        ok = parse_integer(text, &v.num) && v.num >= key->min && v.num <= key->max;
        if (!ok)
            (void)snprintf(why, cap, "%s from %g to %g", key->type == JS_KEY_YEAR ? "a year" : "a whole number",
                           key->min, key->max);
        break;
    case JS_KEY_ENUM:
        ok = 0;
        for (size_t i = 0; key->words[i] != NULL && !ok; i++)
            if (strcasecmp(text, key->words[i]) == 0) {
                v.num = (double)i;
                ok = 1;
            }
        if (!ok) {
            size_t n = (size_t)snprintf(why, cap, "one of");
            for (size_t i = 0; key->words[i] != NULL && n < cap; i++)
                n += (size_t)snprintf(why + n, cap - n, "%s %s", i ? "," : "", key->words[i]);
        }
        break;
    case JS_KEY_BOOL:
        ok = parse_bool(text, &v.num);
        if (!ok)
            (void)snprintf(why, cap, "yes or no");
        break;
    }
    if (!ok)
        return JS_EUSAGE;
    *out = v;
    return JS_OK;
}

/* ---- specs ---------------------------------------------------------------------- */

static size_t key_index(const js_kind *k, const char *name)
{
    size_t i = 0;
    while (k->keys[i].name != NULL && strcasecmp(k->keys[i].name, name) != 0)
        i++;
    return i;
}

void js_indicator_spec_init(js_indicator_spec *s, const js_kind *k)
{
    memset(s, 0, sizeof *s);
    s->kind = k;
    s->small_n = 5;
    for (size_t i = 0; i < JS_KIND_MAX_KEYS; i++)
        s->val[i] = (js_key_value){NULL, NULL, (double)NAN};
    for (size_t i = 0; k->keys[i].name != NULL; i++) {
        assert(i < JS_KIND_MAX_KEYS);
        char why[16];
        size_t col;
        if (k->keys[i].dflt != NULL) /* a row's default is of its type (tests/unit) */
            (void)js_key_parse(&k->keys[i], k->keys[i].dflt, &s->val[i], &col, why, sizeof why);
    }
}

void js_indicator_spec_fini(js_indicator_spec *s)
{
    for (size_t i = 0; i < JS_KIND_MAX_KEYS; i++) {
        js_sel_free(s->val[i].sel);
        s->val[i].sel = NULL;
    }
}

void js_indicator_spec_put(js_indicator_spec *s, size_t i, js_key_value v)
{
    assert(s->kind->keys[i].name != NULL);
    js_sel_free(s->val[i].sel);
    s->val[i] = v;
}

js_status js_indicator_spec_set(js_indicator_spec *s, const char *key, const char *text, js_diag *d)
{
    const size_t i = key_index(s->kind, key);
    char why[256];
    if (s->kind->keys[i].name == NULL) {
        js_diag_error(d, NULL, 0, 0, "%s: kind %s has no key %s", s->id ? s->id : "indicator",
                      s->kind->name, key);
        return JS_EUSAGE;
    }
    js_key_value v;
    size_t col;
    const js_status st = js_key_parse(&s->kind->keys[i], text, &v, &col, why, sizeof why);
    if (st == JS_EUSAGE)
        js_diag_error(d, NULL, 0, 0, "%s: %s must be %s, found \"%s\"", s->id ? s->id : "indicator", key,
                      why, text);
    if (st == JS_OK)
        js_indicator_spec_put(s, i, v);
    return st;
}

const char *js_spec_text(const js_indicator_spec *s, const char *key)
{
    const size_t i = key_index(s->kind, key);
    assert(s->kind->keys[i].name != NULL); /* the kind's own key: a programmer error otherwise */
    return s->kind->keys[i].name ? s->val[i].text : NULL;
}

const js_sel *js_spec_sel(const js_indicator_spec *s, const char *key)
{
    const size_t i = key_index(s->kind, key);
    assert(s->kind->keys[i].name != NULL && s->kind->keys[i].type == JS_KEY_SELECTION);
    return s->kind->keys[i].name ? s->val[i].sel : NULL;
}

int js_spec_word(const js_indicator_spec *s, const char *key)
{
    const double v = js_spec_num(s, key);
    return isnan(v) ? -1 : (int)v;
}

double js_spec_num(const js_indicator_spec *s, const char *key)
{
    const size_t i = key_index(s->kind, key);
    assert(s->kind->keys[i].name != NULL);
    return s->kind->keys[i].name ? s->val[i].num : (double)NAN;
}

const char *js_indicator_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    if (s->kind->unit != NULL)
        return s->kind->unit(s, lang, in_unit);
    return js_text(lang, s->kind->unit_sv, s->kind->unit_en);
}

int js_indicator_decimals(const js_indicator_spec *s)
{
    return s->kind->default_decimals ? s->kind->default_decimals(s) : s->kind->decimals;
}

js_status js_indicator_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                               js_diag *d)
{
    if ((s->kind->traits & JS_TRAIT_NEEDS_COUNTS) && s->measure != JS_MEASURE_COUNT) {
        js_diag_error(d, NULL, 0, 0, "%s: kind %s needs counts of persons; the data are measure_type = %s",
                      s->id, s->kind->name, js_measure_words[s->measure]);
        return JS_EUSAGE;
    }
    for (size_t i = 0; s->kind->keys[i].name != NULL; i++)
        if (s->kind->keys[i].required && s->val[i].text == NULL) {
            js_diag_error(d, NULL, 0, 0, "%s: kind %s needs %s (%s)", s->id, s->kind->name,
                          s->kind->keys[i].name, s->kind->keys[i].help);
            return JS_EUSAGE;
        }
    js_status st = s->kind->compute(s, in, out, d);
    /* a value beyond a double's range (a ratio of 1e300 to 1e-300, a sum of
     * two values near 1e308) is no number: missing with its flag, never
     * "inf" in an output */
    for (size_t i = 0; st == JS_OK && i < js_cube_ncells(*out); i++) {
        const double v = js_cube_value(*out, i);
        if (isinf(v) || isinf(js_cube_ci_low(*out, i)) || isinf(js_cube_ci_high(*out, i))) {
            st = js_cube_set_status(*out, i, JS_CELL_MISSING, NULL);
            if (st == JS_OK && js_cube_has_ci(*out))
                st = js_cube_set_ci(*out, i, (double)NAN, (double)NAN);
            if (st == JS_OK)
                st = js_cube_add_flags(*out, i, JS_FLAG_OVERFLOW);
        }
    }
    if (st != JS_OK) {
        js_cube_free(*out);
        *out = NULL;
        return st;
    }
    assert(js_cube_check(*out)); /* every result passes the cube's own check */
    return st;
}

/* ---- definitions ------------------------------------------------------------------ */

void ind_doc_fill(js_buf *b, const char *doc, const js_indicator_spec *s)
{
    for (const char *p = doc; *p != '\0'; p++) {
        const char *const close = *p == '{' ? strchr(p, '}') : NULL;
        if (close == NULL) {
            js_buf_putc(b, *p);
            continue;
        }
        const char *const bar = memchr(p, '|', (size_t)(close - p));
        const size_t name_len = (size_t)((bar ? bar : close) - p - 1);
        char name[64];
        (void)snprintf(name, sizeof name, "%.*s", (int)name_len, p + 1);
        const js_key *const key = s != NULL ? key_in(s->kind->keys, name) : NULL;
        const char *const value = key != NULL ? js_spec_text(s, name) : NULL;
        if (value != NULL)
            js_buf_puts(b, value);
        else if (s != NULL && bar != NULL)
            js_buf_printf(b, "%.*s", (int)(close - bar - 1), bar + 1);
        else
            js_buf_puts(b, name);
        p = close;
    }
}

char *js_indicator_definition(const js_indicator_spec *s, js_lang lang)
{
    js_buf b;
    js_buf_init(&b);
    ind_doc_fill(&b, lang == JS_LANG_SV ? s->kind->doc_sv : s->kind->doc_en, s);
    js_buf_putc(&b, '\0');
    if (b.failed) {
        js_buf_fini(&b);
        return NULL;
    }
    return b.data;
}
