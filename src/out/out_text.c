/*
 * out_text.c - number text and string sanitizing for the writers.
 *
 * Why shortest round-trip numbers: indicators.csv is read by programs (R,
 * pandas, our own reader) and must give back the very doubles we computed,
 * yet "0.1" reads better than "0.10000000000000001".  %.15g is exact for
 * most values; the longer forms are tried only when it does not read back.
 *
 * Why sanitize: data files arrive in many encodings and a bad byte must
 * not make the report or the manifest invalid (jansson rejects invalid
 * UTF-8, browsers show mojibake).  Invalid bytes become U+FFFD.
 */
#include "out/out_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* snprintf follows LC_NUMERIC; a caller that set a locale with a decimal
 * comma must still get '.' in files for programs. */
static void text_force_point(char *s)
{
    for (; *s != '\0'; s++)
        if (*s == ',')
            *s = '.';
}

char *js_out_fmt_double(double v, char buf[JS_OUT_NUM_CAP])
{
    buf[0] = '\0';
    if (isnan(v))
        return buf;
    for (int prec = 15; prec <= 17; prec++) {
        (void)snprintf(buf, JS_OUT_NUM_CAP, "%.*g", prec, v);
        char *end = NULL;
        const double back = strtod(buf, &end);
        if (!(back < v) && !(back > v))
            break; /* reads back exactly (prec 17 always does) */
    }
    text_force_point(buf);
    return buf;
}

static int text_is_cont(unsigned char c)
{
    return (c & 0xC0u) == 0x80u;
}

size_t js_utf8_seq_len(const unsigned char *s)
{
    const unsigned char c = s[0];
    if (c < 0x80u)
        return 1;
    if (c >= 0xC2u && c <= 0xDFu)
        return text_is_cont(s[1]) ? 2 : 0;
    if (c >= 0xE0u && c <= 0xEFu) {
        const unsigned char lo = c == 0xE0u ? 0xA0u : 0x80u;
        const unsigned char hi = c == 0xEDu ? 0x9Fu : 0xBFu;
        return s[1] >= lo && s[1] <= hi && text_is_cont(s[2]) ? 3 : 0;
    }
    if (c >= 0xF0u && c <= 0xF4u) {
        const unsigned char lo = c == 0xF0u ? 0x90u : 0x80u;
        const unsigned char hi = c == 0xF4u ? 0x8Fu : 0xBFu;
        return s[1] >= lo && s[1] <= hi && text_is_cont(s[2]) && text_is_cont(s[3]) ? 4 : 0;
    }
    return 0;
}

void js_utf8_sanitize(js_buf *b, const char *s)
{
    if (s == NULL)
        return;
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        const size_t n = js_utf8_seq_len(p);
        if (n == 0) {
            js_buf_puts(b, "\xEF\xBF\xBD");
            p++;
        } else {
            js_buf_append(b, p, n);
            p += n;
        }
    }
}

static const char *text_entity(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

void js_html_escape(js_buf *b, const char *s)
{
    if (s == NULL)
        return;
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        const size_t n = js_utf8_seq_len(p);
        const char *const ent = n == 1 ? text_entity(*p) : NULL;
        if (n == 0) {
            js_buf_puts(b, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        if (ent != NULL)
            js_buf_puts(b, ent);
        else if (n > 1 || (*p >= 0x20u && *p != 0x7Fu) || *p == '\t' || *p == '\n')
            js_buf_append(b, p, n);
        p += n;
    }
}

int js_out_has_ci(const js_cube *c)
{
    const size_t n = js_cube_ncells(c);
    for (size_t i = 0; i < n; i++)
        if (!isnan(js_cube_ci_low(c, i)) || !isnan(js_cube_ci_high(c, i)))
            return 1;
    return 0;
}
