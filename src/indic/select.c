/*
 * select.c - selections: "dimension:value,value" terms parsed once from the
 * analysis file's text (js_sel), and resolved against a cube (masks).
 *
 * Years take ranges too: "year:1990-2015", "year:2000-" (2000 and later).
 * Terms are separated by white space; a dimension name or value with spaces
 * is written in double quotes: "level of education":"post-graduate education".
 * Age ranges are checked against the data's age classes (METHODS 1.2): the
 * chosen classes must tile the range exactly.  "65-" on data in 5-year
 * classes with 90+ takes 65-69 ... 90+; on data whose oldest class is 60-69
 * it is an error, because a class would have to be split.
 *
 * A value is read, when parsed, as everything it could mean: an age range,
 * a range of years, a sex, a code or label (normalised).  Which meaning
 * counts depends on the role of the dimension it lands on, known only when
 * the data is read.
 */
#include "indic/select.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/strbuf.h"
#include "core/suggest.h"
#include "jamstat/harmonise.h"

/* ---- the parsed value ------------------------------------------------------------ */

typedef struct sel_value {
    const char *text; /* as written, quotes removed */
    const char *norm; /* js_harm_normalise(text): matched against codes and labels */
    int age;          /* 1: the age range [age_lo, age_hi); 2: the age total; 0: no age */
    double age_lo, age_hi;
    int years; /* 1: the range of years [year_from, year_to] */
    long year_from, year_to;
    js_sex sex; /* JS_SEX_NONE: no sex word */
    int total;  /* "total" or "totalt": the total category, or the sum of all */
} sel_value;

typedef struct sel_term {
    const char *dim;
    sel_value *v;
    size_t n;
} sel_term;

struct js_sel {
    sel_term *t;
    size_t n, cap;
    js_buf text;    /* the canonical text: the cache's key, and what messages show */
    js_arena arena; /* the strings and value arrays */
};

/* "1990-2015", "1990-" (and later) or "-2015". */
static int sel_year_range(const char *value, long *from, long *to)
{
    const char *const dash = strchr(value, '-');
    if (dash == NULL || strchr(dash + 1, '-') != NULL)
        return 0;
    char *end = NULL;
    *from = dash == value ? LONG_MIN : strtol(value, &end, 10);
    if (dash != value && end != dash)
        return 0;
    *to = dash[1] == '\0' ? LONG_MAX : strtol(dash + 1, &end, 10);
    return dash[1] == '\0' || *end == '\0';
}

static int sel_read_value(js_arena *a, const char *text, sel_value *v)
{
    memset(v, 0, sizeof *v);
    const size_t len = strlen(text);
    char *const norm = js_arena_alloc(a, len + 1);
    v->text = js_arena_strdup(a, text);
    if (norm == NULL || v->text == NULL)
        return 0;
    v->norm = js_harm_normalise(text, norm, len + 1);
    int is_total = 0;
    if (js_harm_age(text, &v->age_lo, &v->age_hi, &is_total))
        v->age = is_total ? 2 : 1;
    else if (is_total)
        v->age = 2;
    v->years = sel_year_range(text, &v->year_from, &v->year_to);
    v->sex = js_harm_sex(text);
    v->total = strcasecmp(text, "total") == 0 || strcasecmp(text, "totalt") == 0;
    return 1;
}

/* Does token need quotes to be read back as one name or value? */
static int sel_needs_quotes(const char *token)
{
    return token[0] == '\0' || strpbrk(token, " \t:,") != NULL;
}

static void sel_put_token(js_buf *b, const char *token)
{
    if (sel_needs_quotes(token))
        js_buf_printf(b, "\"%s\"", token);
    else
        js_buf_puts(b, token);
}

static void sel_put_term(js_buf *b, const sel_term *t)
{
    if (b->len > 0)
        js_buf_putc(b, ' ');
    sel_put_token(b, t->dim);
    js_buf_putc(b, ':');
    for (size_t j = 0; j < t->n; j++) {
        if (j > 0)
            js_buf_putc(b, ',');
        sel_put_token(b, t->v[j].text);
    }
}

static js_sel *sel_alloc(void)
{
    js_sel *const s = js_calloc(1, sizeof *s);
    if (s != NULL) {
        js_arena_init(&s->arena);
        js_buf_init(&s->text);
    }
    return s;
}

void js_sel_free(js_sel *s)
{
    if (s == NULL)
        return;
    js_free(s->t);
    js_buf_fini(&s->text);
    js_arena_fini(&s->arena);
    js_free(s);
}

/* A new term for dim with room for n values, appended to s. */
static sel_term *sel_new_term(js_sel *s, const char *dim, size_t n)
{
    if (js_grow((void **)&s->t, &s->cap, s->n + 1, sizeof *s->t) != 0)
        return NULL;
    sel_term *const t = &s->t[s->n];
    t->dim = js_arena_strdup(&s->arena, dim);
    t->v = js_arena_alloc(&s->arena, (n ? n : 1) * sizeof *t->v);
    t->n = 0;
    if (t->dim == NULL || t->v == NULL)
        return NULL;
    s->n++;
    return t;
}

/* ---- parsing the text ------------------------------------------------------------- */

/* One term "name:value[,value...]" at text[*i] (quotes allowed around a
 * name or value); *i moves past it.  Only the syntax. */
static int sel_check_term(const char *text, size_t *i, size_t *col, char *why, size_t cap)
{
    const size_t start = *i;
    size_t colon = 0, quote_at = 0;
    int quoted = 0;
    size_t j = start;
    for (; text[j] != '\0' && (quoted || (text[j] != ' ' && text[j] != '\t')); j++) {
        if (text[j] == '"') {
            quoted = !quoted;
            quote_at = j;
        }
        if (!quoted && text[j] == ':' && colon == 0)
            colon = j + 1;
    }
    *i = j;
    if (quoted) {
        *col = quote_at + 1;
        (void)snprintf(why, cap, "a closing '\"' to match this one");
        return -1;
    }
    if (colon == 0 || colon - 1 == start || text[colon] == '\0' || text[colon] == ' ' ||
        text[colon] == '\t' || text[colon] == ',') {
        *col = colon ? colon + 1 : start + 1;
        (void)snprintf(why, cap, "dimension:value[,value] (e.g. year:2015 or age:65-), found \"%.*s\"",
                       (int)(j - start), text + start);
        return -1;
    }
    return 0;
}

/* The next token of *p, ending at one of seps outside double quotes (the
 * quotes are removed in place).  NULL when nothing is left. */
static char *sel_token(char **p, const char *seps)
{
    char *s = *p;
    if (*s == '\0')
        return NULL;
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

/* Add the term text[a, b) (its syntax checked) to s. */
static int sel_add_term_text(js_sel *s, const char *text, size_t a, size_t b)
{
    char *const term = js_arena_strndup(&s->arena, text + a, b - a);
    if (term == NULL)
        return 0;
    size_t n = 1;
    int quoted = 0;
    for (const char *p = term; *p; p++) {
        quoted ^= *p == '"';
        n += !quoted && *p == ',';
    }
    char *rest = term;
    const char *const name = sel_token(&rest, ":");
    sel_term *const t = sel_new_term(s, name, n);
    if (t == NULL)
        return 0;
    for (char *v = sel_token(&rest, ","); v != NULL; v = sel_token(&rest, ","))
        if (!sel_read_value(&s->arena, v, &t->v[t->n++]))
            return 0;
    return 1;
}

js_status js_sel_parse(const char *text, js_sel **out, size_t *col, char *why, size_t cap)
{
    *out = NULL;
    if (text == NULL)
        text = "";
    for (size_t i = 0;;) { /* the syntax first: nothing allocated for a mistake */
        while (text[i] == ' ' || text[i] == '\t')
            i++;
        if (text[i] == '\0')
            break;
        if (sel_check_term(text, &i, col, why, cap) != 0)
            return JS_EUSAGE;
    }
    js_sel *const s = sel_alloc();
    int ok = s != NULL;
    for (size_t i = 0; ok;) {
        while (text[i] == ' ' || text[i] == '\t')
            i++;
        if (text[i] == '\0')
            break;
        const size_t a = i;
        (void)sel_check_term(text, &i, col, why, cap); /* passed above: moves i only */
        ok = sel_add_term_text(s, text, a, i);
        if (ok)
            sel_put_term(&s->text, &s->t[s->n - 1]);
    }
    if (!ok || s->text.failed) {
        js_sel_free(s);
        return JS_ENOMEM;
    }
    *out = s;
    return JS_OK;
}

/* Copy term t into s. */
static int sel_copy_term(js_sel *s, const sel_term *t)
{
    sel_term *const c = sel_new_term(s, t->dim, t->n);
    if (c == NULL)
        return 0;
    for (size_t j = 0; j < t->n; j++) {
        c->v[j] = t->v[j];
        c->v[j].text = js_arena_strdup(&s->arena, t->v[j].text);
        c->v[j].norm = js_arena_strdup(&s->arena, t->v[j].norm);
        if (c->v[j].text == NULL || c->v[j].norm == NULL)
            return 0;
    }
    c->n = t->n;
    sel_put_term(&s->text, c);
    return 1;
}

/* The terms of a then b that keep accepts (NULL: all) in a new selection. */
static js_status sel_merge(const js_sel *a, const js_sel *b, int (*keep)(const char *dim, const void *arg),
                           const void *arg, js_sel **out)
{
    *out = NULL;
    js_sel *const s = sel_alloc();
    int ok = s != NULL;
    const js_sel *const both[2] = {a, b};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; ok && both[k] != NULL && i < both[k]->n; i++)
            if (keep == NULL || keep(both[k]->t[i].dim, arg))
                ok = sel_copy_term(s, &both[k]->t[i]);
    if (!ok || s->text.failed) {
        js_sel_free(s);
        return JS_ENOMEM;
    }
    *out = s;
    return JS_OK;
}

js_status js_sel_join(const js_sel *a, const js_sel *b, js_sel **out)
{
    return sel_merge(a, b, NULL, NULL, out);
}

js_status js_sel_keep(const js_sel *s, int (*keep)(const char *dim, const void *arg), const void *arg,
                      js_sel **out)
{
    return sel_merge(s, NULL, keep, arg, out);
}

js_status js_sel_add(js_sel *s, const char *dim, const char *const *values, size_t n)
{
    sel_term *const t = sel_new_term(s, dim, n);
    for (; t != NULL && t->n < n; t->n++)
        if (!sel_read_value(&s->arena, values[t->n], &t->v[t->n]))
            return JS_ENOMEM;
    if (t == NULL)
        return JS_ENOMEM;
    sel_put_term(&s->text, t);
    return s->text.failed ? JS_ENOMEM : JS_OK;
}

js_sel *js_sel_new(void)
{
    return sel_alloc();
}

const char *js_sel_text(const js_sel *s)
{
    return s == NULL || s->n == 0 ? "" : js_buf_cstr(&s->text);
}

size_t js_sel_nterms(const js_sel *s)
{
    return s ? s->n : 0;
}

const char *js_sel_term_dim(const js_sel *s, size_t i)
{
    return s->t[i].dim;
}

size_t js_sel_term_nvalues(const js_sel *s, size_t i)
{
    return s->t[i].n;
}

const char *js_sel_term_value(const js_sel *s, size_t i, size_t j)
{
    return s->t[i].v[j].text;
}

/* ---- resolving against a cube ------------------------------------------------------ */

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

/* Mark the categories of dim that value names; -1 when none, 1 for
 * "total" on a dimension without a total category (the sum of all). */
static int select_value(const js_dim *dim, const sel_value *v, unsigned char *mask)
{
    const size_t n = js_dim_size(dim);
    int hit = 0;
    if (v->total) {
        for (size_t k = 0; k < n; k++)
            if (js_dim_category(dim, k)->is_total) {
                mask[k] = 1;
                hit = 1;
            }
        return hit ? 0 : 1;
    }
    switch (js_dim_role(dim)) {
    case JS_ROLE_AGE:
        if (v->age == 1)
            return select_age(dim, v->age_lo, v->age_hi, mask);
        for (size_t k = 0; v->age == 2 && k < n; k++)
            if (js_dim_category(dim, k)->is_total) {
                mask[k] = 1;
                hit = 1;
            }
        return hit ? 0 : -1;
    case JS_ROLE_SEX:
        for (size_t k = 0; v->sex != JS_SEX_NONE && k < n; k++)
            if (js_dim_category(dim, k)->sex == v->sex) {
                mask[k] = 1;
                hit = 1;
            }
        return hit ? 0 : -1;
    case JS_ROLE_TIME:
        if (!v->years)
            break;
        for (size_t k = 0; k < n; k++) {
            const js_category *const c = js_dim_category(dim, k);
            if (c->year != 0 && c->year >= v->year_from && c->year <= v->year_to) {
                mask[k] = 1;
                hit = 1;
            }
        }
        return hit ? 0 : -1;
    case JS_ROLE_OTHER:
    case JS_ROLE_REGION:
    case JS_ROLE_CONTENTS: break;
    }
    const size_t k = js_dim_find(dim, v->norm);
    if (k != SIZE_MAX) {
        mask[k] = 1;
        return 0;
    }
    for (size_t i = 0; i < n; i++) /* labels compared without case */
        if (strcasecmp(js_dim_category(dim, i)->label, v->norm) == 0) {
            mask[i] = 1;
            hit = 1;
        }
    return hit ? 0 : -1;
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

static js_status select_term(const js_cube *c, const sel_term *t, const char *what,
                             js_sel_masks *m, js_diag *d)
{
    const size_t dd = js_cube_find_dim(c, t->dim);
    if (dd == SIZE_MAX) {
        const char *names[64];
        size_t n = 0;
        for (; n < js_cube_ndims(c) && n < 64; n++)
            names[n] = js_dim_name(js_cube_dim(c, n));
        const char *const near = js_suggest(t->dim, names, n);
        js_diag_error(d, NULL, 0, 0, "%s: the data has no dimension \"%s\"%s%s%s", what, t->dim,
                      near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
        return JS_EUSAGE;
    }
    const js_dim *const dim = js_cube_dim(c, dd);
    unsigned char *const mask = js_calloc(js_dim_size(dim), 1);
    if (mask == NULL)
        return JS_ENOMEM;
    int sum_all = 0;
    for (size_t j = 0; j < t->n; j++) {
        const int hit = select_value(dim, &t->v[j], mask);
        if (hit == 1 && (js_dim_role(dim) == JS_ROLE_TIME || js_dim_role(dim) == JS_ROLE_CONTENTS ||
                         js_region_levels_nest(dim, NULL, NULL))) {
            js_diag_error(d, NULL, 0, 0, "%s: dimension \"%s\" has no total category, and its categories "
                          "cannot be summed (%s)", what, js_dim_name(dim),
                          js_dim_role(dim) == JS_ROLE_REGION ? "its regions nest: select the total's code"
                                                             : "years or contents");
            js_free(mask);
            return JS_EUSAGE;
        }
        sum_all |= hit == 1;
        if (hit < 0) {
            if (js_dim_role(dim) == JS_ROLE_AGE)
                js_diag_error(d, NULL, 0, 0, "%s: age %s cannot be formed from the age classes of "
                              "dimension \"%s\"", what, t->v[j].text, js_dim_name(dim));
            else
                select_no_category(dim, t->v[j].text, what, d);
            js_free(mask);
            return JS_EUSAGE;
        }
    }
    js_free(m->mask[dd]); /* the last term on a dimension wins */
    m->mask[dd] = mask;
    m->sum_all[dd] = (unsigned char)sum_all;
    return JS_OK;
}

js_status js_sel_resolve(const js_cube *c, const js_sel *sel, const char *what, js_sel_masks *m,
                         js_diag *d)
{
    m->ndims = js_cube_ndims(c);
    m->mask = js_calloc(m->ndims ? m->ndims : 1, sizeof *m->mask);
    m->sum_all = js_calloc(m->ndims ? m->ndims : 1, 1);
    if (m->mask == NULL || m->sum_all == NULL) {
        js_free(m->mask);
        js_free(m->sum_all);
        m->mask = NULL;
        m->sum_all = NULL;
        return JS_ENOMEM;
    }
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && sel != NULL && i < sel->n; i++)
        st = select_term(c, &sel->t[i], what, m, d);
    if (st != JS_OK)
        js_sel_masks_fini(m);
    return st;
}

void js_sel_masks_fini(js_sel_masks *m)
{
    for (size_t i = 0; m->mask != NULL && i < m->ndims; i++)
        js_free(m->mask[i]);
    js_free(m->mask);
    js_free(m->sum_all);
    m->mask = NULL;
    m->sum_all = NULL;
    m->ndims = 0;
}

int js_selection_age_range(const char *text, double *lo, double *hi)
{
    int is_total;
    if (!js_harm_age(text, lo, hi, &is_total) || is_total)
        return 0;
    return 1;
}
