/*
 * read_util.c - UTF-8, Windows-1252 and data cells, shared by the readers.
 */
#include "read/read_util.h"

#include <ctype.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jamstat/harmonise.h"

size_t js_utf8_prefix(const char *bytes, size_t n, int partial_tail)
{
    const unsigned char *const start = (const unsigned char *)bytes;
    const unsigned char *p = start;
    const unsigned char *const end = p + n;
    while (p < end) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        size_t len;
        unsigned min;
        unsigned cp;
        if ((*p & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = *p & 0x1Fu; }
        else if ((*p & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = *p & 0x0Fu; }
        else if ((*p & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = *p & 0x07u; }
        else return (size_t)(p - start);
        if ((size_t)(end - p) < len)
            return partial_tail ? n : (size_t)(p - start);
        for (size_t i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return (size_t)(p - start);
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return (size_t)(p - start);
        p += len;
    }
    return n;
}

int js_utf8_valid(const char *bytes, size_t n, int partial_tail)
{
    return js_utf8_prefix(bytes, n, partial_tail) == n;
}

int js_conv_open(js_conv *c, const char *from)
{
    const iconv_t cd = iconv_open("UTF-8", from);
    c->cd = cd == (iconv_t)-1 ? NULL : (void *)cd;
    return c->cd != NULL ? 0 : -1;
}

void js_conv_close(js_conv *c)
{
    if (c->cd != NULL)
        iconv_close((iconv_t)c->cd);
    c->cd = NULL;
}

void js_conv_append(js_conv *c, const char *text, size_t n, js_buf *out)
{
    char chunk[1024];
    char *in = (char *)(uintptr_t)text; /* iconv's prototype is not const-correct */
    size_t in_left = n;
    (void)iconv((iconv_t)c->cd, NULL, NULL, NULL, NULL);
    while (in_left > 0) {
        char *o = chunk;
        size_t o_left = sizeof chunk;
        const size_t rc = iconv((iconv_t)c->cd, &in, &in_left, &o, &o_left);
        js_buf_append(out, chunk, sizeof chunk - o_left);
        if (rc == (size_t)-1 && errno != E2BIG) {
            js_buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD for an undefined byte */
            in++;
            in_left--;
        }
    }
}

int js_parse_decimal(const char *s, double *v)
{
    const char *p = s;
    size_t digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    for (; isdigit((unsigned char)*p); p++)
        digits++;
    if (*p == '.')
        for (p++; isdigit((unsigned char)*p); p++)
            digits++;
    if (digits == 0)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p != '\0')
        return 0;
    const double x = strtod(s, NULL);
    if (!isfinite(x))
        return 0;
    *v = x;
    return 1;
}

/* Symbols: what each known text means. */
static int parse_symbol(const char *s, js_cell *status)
{
    static const struct { const char *text; js_cell status; } known[] = {
        {"", JS_CELL_MISSING},         {"..", JS_CELL_MISSING},     {"...", JS_CELL_SUPPRESSED},
        {"....", JS_CELL_MISSING},     {":", JS_CELL_MISSING},      {"\xe2\x80\xa6", JS_CELL_MISSING},
        {".", JS_CELL_NA},             {"n.a.", JS_CELL_NA},        {"n/a", JS_CELL_NA},
        {"-", JS_CELL_NIL},            {"\xe2\x80\x93", JS_CELL_NIL}, {"..C", JS_CELL_SUPPRESSED},
        {"..c", JS_CELL_SUPPRESSED},   {"x", JS_CELL_SUPPRESSED},   {"X", JS_CELL_SUPPRESSED},
        {"C", JS_CELL_SUPPRESSED},     {"c", JS_CELL_SUPPRESSED},   {": c", JS_CELL_SUPPRESSED},
        {": C", JS_CELL_SUPPRESSED},   {"NA", JS_CELL_MISSING},     {"NaN", JS_CELL_MISSING}};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(s, known[i].text) == 0) {
            *status = known[i].status;
            return 1;
        }
    /* Other runs of dots, dashes or colons, optionally with up to three letters
     * after them (custom DATASYMBOL texts such as "..C" or "...e"). */
    size_t n = strspn(s, ".:-");
    if (n == 0)
        return 0;
    size_t letters = 0;
    while (isalpha((unsigned char)s[n + letters]))
        letters++;
    if (s[n + letters] != '\0' || letters > 3)
        return 0;
    /* Letters mark a symbol only after a dot or colon: "-inf" and "-nan"
     * are C's texts for numbers that must not be read (as "suppressed"). */
    if (letters > 0 && strcspn(s, ".:") >= n)
        return 0;
    *status = letters ? JS_CELL_SUPPRESSED : JS_CELL_MISSING;
    return 1;
}

js_cell_parse js_parse_cell(const char *text, int decimal_comma, double *value, js_cell *status)
{
    char buf[128];
    size_t o = 0;
    const char *p = text;
    while (*p == ' ')
        p++;
    size_t n = strlen(p);
    while (n > 0 && p[n - 1] == ' ')
        n--;
    /* Copy without grouping spaces (plain or NBSP between digits), turning a
     * decimal comma into a point. */
    int digits = 0, bad = 0;
    for (size_t i = 0; i < n && o + 1 < sizeof buf; i++) {
        const unsigned char c = (unsigned char)p[i];
        if (c == ' ' && digits)
            continue;
        if (c == 0xC2 && i + 1 < n && (unsigned char)p[i + 1] == 0xA0 && digits) {
            i++;
            continue;
        }
        if (c == ',' && decimal_comma) {
            buf[o++] = '.';
            continue;
        }
        if (!(isdigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
            bad = 1;
        digits += isdigit(c) != 0;
        buf[o++] = (char)c;
    }
    buf[o] = '\0';
    if (digits > 0 && !bad && o < sizeof buf - 1) {
        char *end;
        errno = 0;
        const double v = strtod(buf, &end);
        if (*end == '\0' && isfinite(v)) {
            *value = v;
            *status = JS_CELL_OK;
            return JS_PARSE_NUMBER;
        }
    }
    char sym[64];
    if (n < sizeof sym) {
        memcpy(sym, p, n);
        sym[n] = '\0';
        if (parse_symbol(sym, status)) {
            *value = (double)NAN;
            return JS_PARSE_SYMBOL;
        }
    }
    return JS_PARSE_BAD;
}

js_status js_read_unfit_sex(const js_cube *c, size_t di, const char *path, size_t line,
                            js_diag *d)
{
    const js_dim *const dim = js_cube_dim(c, di);
    const char *found = "?";
    for (size_t k = 0; k < js_dim_size(dim); k++) {
        const js_category *const cat = js_dim_category(dim, k);
        if (js_harm_sex(cat->code) == JS_SEX_NONE &&
            (cat->label == NULL || js_harm_sex(cat->label) == JS_SEX_NONE)) {
            found = cat->label != NULL && strcmp(cat->label, cat->code) != 0 ? cat->label
                                                                              : cat->code;
            break;
        }
    }
    js_diag_error(d, path, line, 0, "dimension \"%s\" is sex by its name: expected a sex code "
                  "(kvinnor/m\xc3\xa4n/totalt, K/M/T, 1/2, women/men/total), found \"%s\" "
                  "(role.%s = other reads it as another dimension)", js_dim_name(dim), found,
                  js_dim_name(dim));
    return JS_EDATA;
}

int js_read_role_given(const js_read_opts *o, const js_cube *c, size_t di)
{
    for (size_t r = 0; r < o->n_roles; r++)
        if (js_cube_find_dim(c, o->roles[r].dim) == di)
            return 1;
    return 0;
}

js_status js_read_check_given(const js_cube *c, size_t n_given, const char *path, js_diag *d)
{
    size_t n = 1;
    char dims[256];
    size_t len = 0;
    dims[0] = '\0';
    for (size_t i = 0; i < js_cube_ndims(c); i++) {
        const size_t s = js_dim_size(js_cube_dim(c, i));
        n = s != 0 && n > SIZE_MAX / s ? SIZE_MAX : n * s;
        if (len + 24 < sizeof dims)
            len += (size_t)snprintf(dims + len, sizeof dims - len, "%s%zu", i ? "x" : "", s);
    }
    if (n <= JS_READ_SPARSE_FREE || n_given >= n / JS_READ_SPARSE_RATIO)
        return JS_OK;
    js_diag_error(d, path, 0, 0, "the rows give %zu cells, but the categories of the dimensions "
                  "(%s) multiply to %s%zu: expected at least one cell per %zu above %zu cells",
                  n_given, dims, n == SIZE_MAX ? "more than " : "", n, JS_READ_SPARSE_RATIO,
                  JS_READ_SPARSE_FREE);
    return JS_EDATA;
}
