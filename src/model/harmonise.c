/*
 * harmonise.c - one meaning for the many spellings of sex, age, region and
 * time in SCB, Kolada, Eurostat and tidy files.
 *
 * Matching is on a normalised copy of the text: ASCII lowered, Swedish
 * Å Ä Ö lowered, en/em dashes made '-', no-break spaces made spaces, runs of
 * spaces collapsed.  Nothing here allocates.
 */
#include "jamstat/harmonise.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { HARM_TEXT_MAX = 256 };

char *js_harm_normalise(const char *text, char *out, size_t cap)
{
    size_t o = 0;
    int space = 1; /* drop leading spaces */
    if (cap == 0)
        return out;
    for (const unsigned char *p = (const unsigned char *)text; *p && o + 1 < cap; p++) {
        char c = (char)*p;
        if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94 || p[2] == 0x92)) {
            c = '-'; /* en dash, em dash, figure dash */
            p += 2;
        } else if (p[0] == 0xC2 && p[1] == 0xA0) {
            c = ' ';
            p += 1;
        } else if (*p == '\t' || *p == '\r' || *p == '\n') {
            c = ' ';
        }
        if (c == ' ') {
            if (!space)
                out[o++] = ' ';
            space = 1;
            continue;
        }
        space = 0;
        out[o++] = c;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return out;
}

/* Normalise and lower-case (ASCII and the Swedish letters Å Ä Ö É). */
static char *harm_lower(const char *text, char *out, size_t cap)
{
    js_harm_normalise(text, out, cap);
    for (unsigned char *p = (unsigned char *)out; *p; p++) {
        if (*p < 0x80) {
            *p = (unsigned char)tolower(*p);
        } else if (p[0] == 0xC3 && p[1] != 0) {
            /* U+00C0..U+00DE upper case → +0x20 (Å C5→E5, Ä C4→E4, Ö D6→F6, É C9→E9) */
            if (p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97)
                p[1] = (unsigned char)(p[1] + 0x20);
            p++;
        }
    }
    return out;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

js_sex js_harm_sex(const char *text)
{
    static const char *const women[] = {
        "kvinnor", "kvinna", "k", "women", "woman", "female", "females", "f", "girls", "girl",
        "flickor", "flicka", "2", "w", "fem", NULL};
    static const char *const men[] = {
        "m\xc3\xa4n", "man", "m", "men", "male", "males", "boys", "boy", "pojkar", "pojke", "1",
        "mal", NULL};
    /* Totals as the tables write them: SCB's "totalt", "samtliga", "båda
     * könen", "alla", "totalt kvinnor och män"; Region Dalarna's follow-up
     * tables (rus-followup/, from SCB's statistikdatabas) "samtliga
     * anställda" (all employees: matchning.csv) and "män och kvinnor"
     * (etablering.csv). */
    static const char *const total[] = {
        "totalt", "total", "t", "1+2", "samtliga", "b\303\245da k\303\266nen", "both sexes",
        "both", "alla", "all", "kvinnor och m\xc3\xa4n", "women and men", "men and women",
        "totalt kvinnor och m\xc3\xa4n", "_t", "totsa", "totalt, samtliga m\xc3\xa4n och kvinnor",
        "samtliga anst\xc3\xa4llda", "m\xc3\xa4n och kvinnor", NULL};
    char s[HARM_TEXT_MAX];
    harm_lower(text, s, sizeof s);
    if (in_list(s, women))
        return JS_SEX_WOMEN;
    if (in_list(s, men))
        return JS_SEX_MEN;
    if (in_list(s, total))
        return JS_SEX_TOTAL;
    return JS_SEX_NONE;
}

/* Parse a non-negative integer age at *p (at most 3 digits), advancing *p. */
static int harm_age_number(const char **p, double *out)
{
    const char *q = *p;
    int n = 0, digits = 0;
    while (isdigit((unsigned char)*q) && digits < 4) {
        n = n * 10 + (*q - '0');
        q++;
        digits++;
    }
    if (digits == 0 || digits > 3)
        return 0;
    *p = q;
    *out = n;
    return 1;
}

/* Strip a trailing unit word: " år", " years", " year", " yrs", " ar". */
static void harm_strip_age_unit(char *s)
{
    static const char *const tails[] = {
        " \xc3\xa5r och \xc3\xa4ldre", " years and over", " years and older", " years or older",
        " and over", " och \xc3\xa4ldre", " \xc3\xa5r", " years", " year", " yrs", " ar", " y", NULL};
    const size_t n = strlen(s);
    for (const char *const *t = tails; *t != NULL; t++) {
        const size_t k = strlen(*t);
        if (n > k && strcmp(s + n - k, *t) == 0) {
            const int open = strstr(*t, "over") || strstr(*t, "older") || strstr(*t, "\xc3\xa4ldre");
            s[n - k] = '\0';
            if (open)
                strcat(s, "+");
            return;
        }
    }
}

/* The interval grammar after prefixes are removed: "a", "a-b", "a+", "a-",
 * "-b", "<b", ">=a".  Returns 1 on success. */
static int harm_age_interval(const char *s, double *lo, double *hi)
{
    const char *p = s;
    double a, b;
    if (*p == '<') {
        p++;
        if (!harm_age_number(&p, &b) || *p)
            return 0;
        *lo = 0;
        *hi = b;
        return 1;
    }
    if (*p == '-') {
        p++;
        if (!harm_age_number(&p, &b) || *p)
            return 0;
        *lo = 0;
        *hi = b + 1;
        return 1;
    }
    if (!harm_age_number(&p, &a))
        return 0;
    if (*p == '\0') {
        *lo = a;
        *hi = a + 1;
        return 1;
    }
    if ((p[0] == '+' || p[0] == '-') && p[1] == '\0') {
        *lo = a;
        *hi = (double)INFINITY;
        return 1;
    }
    if (*p == '-' || (*p == ' ' && p[1] == '-')) {
        p += *p == ' ' ? 2 : 1;
        while (*p == ' ')
            p++;
        if (!harm_age_number(&p, &b) || *p || b < a)
            return 0;
        *lo = a;
        *hi = b + 1;
        return 1;
    }
    return 0;
}

/* Eurostat age codes: Y15-64, Y_GE65, Y_LT15, Y10, Y_OPEN. */
static int harm_age_eurostat(const char *s, double *lo, double *hi)
{
    if (s[0] != 'y')
        return 0;
    if (strncmp(s, "y_ge", 4) == 0) {
        const char *p = s + 4;
        double a;
        if (!harm_age_number(&p, &a) || *p)
            return 0;
        *lo = a;
        *hi = (double)INFINITY;
        return 1;
    }
    if (strncmp(s, "y_lt", 4) == 0) {
        const char *p = s + 4;
        double b;
        if (!harm_age_number(&p, &b) || *p)
            return 0;
        *lo = 0;
        *hi = b;
        return 1;
    }
    return isdigit((unsigned char)s[1]) && harm_age_interval(s + 1, lo, hi);
}

int js_harm_age(const char *text, double *lo, double *hi, int *is_total)
{
    char s[HARM_TEXT_MAX];
    harm_lower(text, s, sizeof s);
    *is_total = 0;
    static const char *const totals[] = {"total", "totalt", "samtliga", "alla \xc3\xa5ldrar",
                                         "all ages", "samtliga \xc3\xa5ldrar", "t", NULL};
    if (in_list(s, totals)) {
        *is_total = 1;
        *lo = 0;
        *hi = (double)INFINITY;
        return 1;
    }
    char *body = s;
    static const char *const total_prefix[] = {"total ", "totalt ", "samtliga ", NULL};
    for (const char *const *t = total_prefix; *t != NULL; t++)
        if (strncmp(s, *t, strlen(*t)) == 0) {
            *is_total = 1;
            body = s + strlen(*t);
            break;
        }
    if (harm_age_eurostat(body, lo, hi) && *lo < *hi)
        return 1;
    harm_strip_age_unit(body);
    if (harm_age_interval(body, lo, hi) && *lo < *hi) /* "<0" or "5-5" is no age: empty */
        return 1;
    *is_total = 0;
    *lo = *hi = (double)NAN;
    return 0;
}

int js_harm_time(const char *text, int *year, int *sub, char *kind)
{
    char s[HARM_TEXT_MAX];
    js_harm_normalise(text, s, sizeof s);
    const char *p = s;
    int y = 0;
    for (int i = 0; i < 4; i++, p++) {
        if (!isdigit((unsigned char)*p))
            return 0;
        y = y * 10 + (*p - '0');
    }
    if (y < 1000)
        return 0;
    if (*p == '\0') {
        *year = y;
        *sub = 0;
        *kind = 'Y';
        return 1;
    }
    if (*p == '-')
        p++;
    char k = (char)toupper((unsigned char)*p);
    if (k == 'K')
        k = 'Q';
    if (isdigit((unsigned char)*p))
        k = 'M'; /* 2015-01 */
    else if (k == 'Q' || k == 'M')
        p++;
    else
        return 0;
    char *end;
    const long n = strtol(p, &end, 10);
    if (end == p || *end != '\0' || n < 1 || n > (k == 'Q' ? 4 : 12))
        return 0;
    *year = y;
    *sub = (int)n;
    *kind = k;
    return 1;
}

int js_harm_region_total(const char *code, const char *label)
{
    static const char *const codes[] = {"00", "0", "se", "swe", "0000", "riket", NULL};
    static const char *const labels[] = {"riket", "hela riket", "sweden", "sverige", "total",
                                         "totalt", "hela landet", "whole country", "00 riket",
                                         NULL};
    char s[HARM_TEXT_MAX];
    if (code != NULL && in_list(harm_lower(code, s, sizeof s), codes))
        return 1;
    return label != NULL && in_list(harm_lower(label, s, sizeof s), labels);
}

int js_harm_split_code(const char *text, size_t *code_len, const char **label)
{
    size_t n = 0;
    int digits = 0;
    while (isdigit((unsigned char)text[n]) || isupper((unsigned char)text[n])) {
        digits += isdigit((unsigned char)text[n]) != 0;
        n++;
    }
    if (n == 0 || n > 12 || digits == 0 || text[n] != ' ')
        return 0;
    const char *rest = text + n;
    while (*rest == ' ')
        rest++;
    if (*rest == '\0')
        return 0;
    *code_len = n;
    *label = rest;
    return 1;
}

/* Does the lower-cased name hold word as a whole token (split at anything
 * that is not a letter)? */
static int harm_has_token(const char *name, const char *word)
{
    const size_t k = strlen(word);
    for (const char *p = name; (p = strstr(p, word)) != NULL; p++) {
        const int start = p == name || p[-1] == ' ' || p[-1] == '_' || p[-1] == '-' ||
                          p[-1] == '(' || p[-1] == '/' || p[-1] == '.';
        const char e = p[k];
        const int end = e == '\0' || e == ' ' || e == '_' || e == '-' || e == ')' || e == '/' ||
                        e == '.' || e == '\\';
        if (start && end)
            return 1;
    }
    return 0;
}

js_role js_harm_role_from_name(const char *name)
{
    static const struct { const char *word; js_role role; } words[] = {
        {"sex", JS_ROLE_SEX},        {"k\xc3\xb6n", JS_ROLE_SEX}, {"kon", JS_ROLE_SEX},
        {"gender", JS_ROLE_SEX},     {"age", JS_ROLE_AGE},        {"\xc3\xa5lder", JS_ROLE_AGE},
        {"alder", JS_ROLE_AGE},      {"\xc3\xa5ldersgrupp", JS_ROLE_AGE},
        {"year", JS_ROLE_TIME},      {"\xc3\xa5r", JS_ROLE_TIME}, {"tid", JS_ROLE_TIME},
        {"time", JS_ROLE_TIME},      {"period", JS_ROLE_TIME},    {"time_period", JS_ROLE_TIME},
        {"m\xc3\xa5nad", JS_ROLE_TIME}, {"kvartal", JS_ROLE_TIME}, {"region", JS_ROLE_REGION},
        {"l\xc3\xa4n", JS_ROLE_REGION}, {"lan", JS_ROLE_REGION},  {"kommun", JS_ROLE_REGION},
        {"area", JS_ROLE_REGION},    {"geo", JS_ROLE_REGION},     {"county", JS_ROLE_REGION},
        {"municipality", JS_ROLE_REGION}, {"deso", JS_ROLE_REGION}, {"regso", JS_ROLE_REGION},
        {"region_code", JS_ROLE_REGION}};
    char s[HARM_TEXT_MAX];
    harm_lower(name, s, sizeof s);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (harm_has_token(s, words[i].word))
            return words[i].role;
    return JS_ROLE_OTHER;
}
