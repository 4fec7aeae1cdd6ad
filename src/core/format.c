/*
 * format.c - numbers for people, in Swedish or English.
 *
 * Written by hand rather than with setlocale(): the C locale stays in force
 * for every number written for programs, and the result does not depend on
 * which locales the machine has installed.
 */
#include "jamstat/format.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int js_lang_parse(const char *s, js_lang *out)
{
    if (strcasecmp(s, "sv") == 0 || strcasecmp(s, "swedish") == 0 || strcasecmp(s, "svenska") == 0) {
        *out = JS_LANG_SV;
        return 1;
    }
    if (strcasecmp(s, "en") == 0 || strcasecmp(s, "english") == 0) {
        *out = JS_LANG_EN;
        return 1;
    }
    return 0;
}

const char *js_text(js_lang lang, const char *sv, const char *en)
{
    return lang == JS_LANG_SV ? sv : en;
}

/* Fast when decimals is 0-9 and v * 10^decimals is below 1e11 in magnitude and not within
 * 1e-4 of a halfway point: the product is then within 1.2e-5 of the exact
 * one (half an ulp), so rounding it gives the correctly rounded result.
 * Everything else - halfway cases, large numbers, NaN and infinities - is
 * printf's. */
size_t js_fmt_fixed(double v, int decimals, char *buf, size_t cap)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals >= 0 && decimals <= 9 && isfinite(v) && cap >= 32) { /* 1e11: 24 bytes at most */
        const double y = fabs(v) * pow10[decimals];
        const double whole = floor(y);
        if (y < 1e11 && fabs(y - whole - 0.5) > 1e-4) {
            unsigned long long n = (unsigned long long)whole + (y - whole > 0.5);
            char digits[24];
            size_t k = 0;
            do {
                digits[k++] = (char)('0' + n % 10);
                n /= 10;
            } while (n > 0);
            while (k <= (size_t)decimals) /* at least one digit before the point */
                digits[k++] = '0';
            size_t o = 0;
            if (signbit(v))
                buf[o++] = '-';
            while (k > (size_t)decimals)
                buf[o++] = digits[--k];
            if (decimals > 0)
                buf[o++] = '.';
            while (k > 0)
                buf[o++] = digits[--k];
            buf[o] = '\0';
            return o;
        }
    }
    const int n = snprintf(buf, cap, "%.*f", decimals, v);
    return n < 0 ? 0 : (size_t)n;
}

char *js_fmt_number(double v, int decimals, js_lang lang, char *buf, size_t cap)
{
    if (cap == 0)
        return buf;
    if (isnan(v)) {
        (void)snprintf(buf, cap, "..");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 10)
        decimals = 10;
    char plain[64];
    (void)snprintf(plain, sizeof plain, "%.*f", decimals, v);
    if (strcmp(plain, "-0") == 0 || (strncmp(plain, "-0.", 3) == 0 && strspn(plain + 3, "0") == strlen(plain + 3)))
        memmove(plain, plain + 1, strlen(plain)); /* no "-0,0" */
    const char *const group = lang == JS_LANG_SV ? "\xc2\xa0" : ",";
    const char point = lang == JS_LANG_SV ? ',' : '.';
    const char *p = plain;
    char out[128];
    size_t o = 0;
    if (*p == '-')
        out[o++] = *p++;
    const char *const dot = strchr(p, '.');
    const size_t n_int = dot ? (size_t)(dot - p) : strlen(p);
    for (size_t i = 0; i < n_int; i++) {
        out[o++] = p[i];
        const size_t left = n_int - i - 1;
        if (left > 0 && left % 3 == 0)
            for (const char *g = group; *g; g++)
                out[o++] = *g;
    }
    if (dot) {
        out[o++] = point;
        for (const char *q = dot + 1; *q; q++)
            out[o++] = *q;
    }
    out[o] = '\0';
    (void)snprintf(buf, cap, "%s", out);
    return buf;
}

char *js_fmt_percent(double v, int decimals, js_lang lang, char *buf, size_t cap)
{
    char num[96];
    js_fmt_number(v, decimals, lang, num, sizeof num);
    if (isnan(v))
        (void)snprintf(buf, cap, "%s", num);
    else
        (void)snprintf(buf, cap, "%s\xc2\xa0%%", num);
    return buf;
}

int js_parse_number(const char *text, double *out)
{
    char *end;
    errno = 0;
    const double v = strtod(text, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == text || *end != '\0' || errno != 0 || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}
