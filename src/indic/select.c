/*
 * select.c - resolving "dimension:value,value" selections on a cube.
 *
 * Years take ranges too: "year:1990-2015", "year:2000-" (2000 and later).
 * Terms are separated by white space; a dimension name or value with spaces
 * is written in double quotes: "level of education":"post-graduate education".
 * Age ranges are checked against the data's age classes (METHODS 1.2): the
 * chosen classes must tile the range exactly.  "65-" on data in 5-year
 * classes with 90+ takes 65-69 ... 90+; on data whose oldest class is 60-69
 * it is an error, because a class would have to be split.
 */
#include "indic/select.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/suggest.h"
#include "jamstat/harmonise.h"

int js_selection_age_range(const char *text, double *lo, double *hi)
{
    int is_total;
    if (!js_harm_age(text, lo, hi, &is_total) || is_total)
        return 0;
    return 1;
}

/* Mark the age classes inside [lo, hi); check they tile it. */
static int select_age(const js_dim *dim, double lo, double hi, unsigned char *mask)
{
    const size_t n = js_dim_size(dim);
    double covered = 0; /* total width covered, to check the tiling */
    int open_reached = 0;
    for (size_t k = 0; k < n; k++) {
        const js_category *const c = js_dim_category(dim, k);
        if (c->is_total || isnan(c->age_lo))
            continue;
        const int inside = c->age_lo >= lo && c->age_hi <= hi;
        const int apart = c->age_hi <= lo || c->age_lo >= hi;
        if (!inside && !apart)
            return -1; /* a class straddles the range boundary */
        if (inside) {
            mask[k] = 1;
            if (isinf(c->age_hi))
                open_reached = 1;
            else
                covered += c->age_hi - c->age_lo;
        }
    }
    if (isinf(hi))
        return open_reached ? 0 : -1;
    return fabs(covered - (hi - lo)) < 1e-9 ? 0 : -1;
}

/* A range of years, "1990-2015", "1990-" (and later) or "-2015": marks the
 * categories whose year falls in it.  Returns 0 when value is no range. */
static int select_year_range(const js_dim *dim, const char *value, unsigned char *mask, int *hit)
{
    const char *const dash = strchr(value, '-');
    if (dash == NULL || strchr(dash + 1, '-') != NULL)
        return 0;
    char *end = NULL;
    const long from = dash == value ? LONG_MIN : strtol(value, &end, 10);
    if (dash != value && end != dash)
        return 0;
    const long to = dash[1] == '\0' ? LONG_MAX : strtol(dash + 1, &end, 10);
    if (dash[1] != '\0' && *end != '\0')
        return 0;
    *hit = 0;
    for (size_t k = 0; k < js_dim_size(dim); k++) {
        const js_category *const c = js_dim_category(dim, k);
        if (c->year != 0 && c->year >= from && c->year <= to) {
            mask[k] = 1;
            *hit = 1;
        }
    }
    return 1;
}

/* Mark the categories of dim named by one value. */
static int select_value(const js_dim *dim, const char *value, unsigned char *mask)
{
    const size_t n = js_dim_size(dim);
    int hit = 0;
    if (js_dim_role(dim) == JS_ROLE_AGE) {
        double lo, hi;
        int is_total;
        if (js_harm_age(value, &lo, &hi, &is_total) && !is_total)
            return select_age(dim, lo, hi, mask);
        if (is_total)
            for (size_t k = 0; k < n; k++)
                if (js_dim_category(dim, k)->is_total) {
                    mask[k] = 1;
                    hit = 1;
                }
        return hit ? 0 : -1;
    }
    if (js_dim_role(dim) == JS_ROLE_TIME && select_year_range(dim, value, mask, &hit))
        return hit ? 0 : -1;
    if (js_dim_role(dim) == JS_ROLE_SEX) {
        const js_sex want = js_harm_sex(value);
        for (size_t k = 0; want != JS_SEX_NONE && k < n; k++)
            if (js_dim_category(dim, k)->sex == want) {
                mask[k] = 1;
                hit = 1;
            }
        return hit ? 0 : -1;
    }
    char norm[256];
    js_harm_normalise(value, norm, sizeof norm);
    const size_t k = js_dim_find(dim, norm);
    if (k != SIZE_MAX) {
        mask[k] = 1;
        return 0;
    }
    for (size_t i = 0; i < n; i++) /* labels compared without case */
        if (strcasecmp(js_dim_category(dim, i)->label, norm) == 0) {
            mask[i] = 1;
            hit = 1;
        }
    return hit ? 0 : -1;
}

/* The next token of *p, ending at one of seps outside double quotes (the
 * quotes are removed in place, so "level of education":"post-graduate"
 * names a dimension and a value with spaces).  With skip, leading
 * separators are passed over.  NULL when nothing is left. */
static char *select_token(char **p, const char *seps, int skip)
{
    char *s = *p;
    while (skip && *s != '\0' && strchr(seps, *s) != NULL)
        s++;
    if (*s == '\0' && (skip || s == *p)) {
        *p = s;
        return NULL;
    }
    char *const tok = s;
    char *out = s;
    int quoted = 0;
    for (; *s != '\0'; s++) {
        if (*s == '"') {
            quoted = !quoted;
            continue;
        }
        if (!quoted && strchr(seps, *s) != NULL) {
            s++;
            break;
        }
        *out++ = *s;
    }
    *out = '\0';
    *p = s;
    return tok;
}

/* The next white-space-separated term, quotes kept (select_term reads
 * them); NULL at the end. */
static char *select_token_raw(char **p)
{
    char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '\0')
        return NULL;
    char *const tok = s;
    int quoted = 0;
    for (; *s != '\0' && (quoted || (*s != ' ' && *s != '\t')); s++)
        quoted ^= *s == '"';
    if (*s != '\0')
        *s++ = '\0';
    *p = s;
    return tok;
}

/* "no category X in dimension D", with the closest code or label. */
static void select_no_category(const js_dim *dim, const char *value, const char *what, js_diag *d)
{
    const size_t n = js_dim_size(dim);
    const char **const names = js_calloc(2 * n + 1, sizeof *names);
    size_t m = 0;
    for (size_t k = 0; names != NULL && k < n; k++) {
        names[m++] = js_dim_category(dim, k)->code;
        if (strcmp(js_dim_category(dim, k)->label, js_dim_category(dim, k)->code) != 0)
            names[m++] = js_dim_category(dim, k)->label;
    }
    const char *const near = names ? js_suggest(value, names, m) : NULL;
    js_diag_error(d, NULL, 0, 0, "%s: no category \"%s\" in dimension \"%s\"%s%s%s", what, value,
                  js_dim_name(dim), near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
    js_free(names);
}

static js_status select_term(const js_cube *c, char *term, const char *what, js_selection *sel,
                             js_diag *d)
{
    char shown[256]; /* the term as written, for messages (tokens are cut in place) */
    (void)snprintf(shown, sizeof shown, "%s", term);
    char *rest = term;
    char *const name = select_token(&rest, ":", 0);
    if (name == NULL || name[0] == '\0' || *rest == '\0') {
        js_diag_error(d, NULL, 0, 0, "%s: expected a selection dimension:value[,value], found \"%s\"",
                      what, shown);
        return JS_EUSAGE;
    }
    const size_t dd = js_cube_find_dim(c, name);
    if (dd == SIZE_MAX) {
        const char *names[64];
        size_t n = 0;
        for (; n < js_cube_ndims(c) && n < 64; n++)
            names[n] = js_dim_name(js_cube_dim(c, n));
        const char *const near = js_suggest(name, names, n);
        js_diag_error(d, NULL, 0, 0, "%s: the data has no dimension \"%s\"%s%s%s", what, name,
                      near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
        return JS_EUSAGE;
    }
    const js_dim *const dim = js_cube_dim(c, dd);
    unsigned char *const mask = js_calloc(js_dim_size(dim), 1);
    if (mask == NULL)
        return JS_ENOMEM;
    for (char *v = select_token(&rest, ",", 0); v != NULL; v = select_token(&rest, ",", 0)) {
        if (select_value(dim, v, mask) != 0) {
            if (js_dim_role(dim) == JS_ROLE_AGE)
                js_diag_error(d, NULL, 0, 0, "%s: age %s cannot be formed from the age classes of "
                              "dimension \"%s\"", what, v, js_dim_name(dim));
            else
                select_no_category(dim, v, what, d);
            js_free(mask);
            return JS_EUSAGE;
        }
    }
    js_free(sel->mask[dd]); /* the last term on a dimension wins */
    sel->mask[dd] = mask;
    return JS_OK;
}

js_status js_selection_parse(const js_cube *c, const char *text, const char *what,
                             js_selection *sel, js_diag *d)
{
    sel->ndims = js_cube_ndims(c);
    sel->mask = js_calloc(sel->ndims, sizeof *sel->mask);
    if (sel->mask == NULL)
        return JS_ENOMEM;
    if (text == NULL)
        return JS_OK;
    char *const copy = js_strdup(text);
    if (copy == NULL)
        return JS_ENOMEM;
    js_status st = JS_OK;
    char *cursor = copy;
    for (char *t = select_token_raw(&cursor); st == JS_OK && t != NULL; t = select_token_raw(&cursor))
        st = select_term(c, t, what, sel, d);
    js_free(copy);
    if (st != JS_OK)
        js_selection_fini(sel);
    return st;
}

void js_selection_fini(js_selection *sel)
{
    for (size_t i = 0; sel->mask != NULL && i < sel->ndims; i++)
        js_free(sel->mask[i]);
    js_free(sel->mask);
    sel->mask = NULL;
    sel->ndims = 0;
}
