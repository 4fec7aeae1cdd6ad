/*
 * chart_text.c - making text safe for gnuplot scripts and data files.
 *
 * gnuplot has no safe mode, so every label that reaches a script must be
 * plain literal text (CHARTS.md, "Safety"): double-quoted strings run
 * backquotes and expand escapes, a raw newline ends the command and lets the
 * rest of the line run as a new one.  Single-quoted strings with ' doubled
 * and no control characters are inert, which is the only form written here.
 *
 * Data fields have their own rules (measured with gnuplot 5.4.4): "\\", "\n"
 * and octal escapes are processed, '#' at the start of a field drops the row
 * and '"' truncates a field.  So '\' and '#' get a backslash and '"' becomes
 * U+201D.  Both paths decode UTF-8 strictly and replace what is invalid.
 */
#include "plot/chart_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Decode one code point at s.  Returns the bytes used (>= 1); *cp is
 * U+FFFD for an invalid, overlong, surrogate or out-of-range sequence, in
 * which case one byte is consumed. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
    const unsigned c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07u, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

static void put_utf8(js_buf *b, uint32_t cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6)), out[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18)), out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    js_buf_append(b, out, n);
}

/* C0, DEL, C1 and the Unicode line/paragraph separators all end or bend a
 * line somewhere; they become spaces. */
static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

void cht_put_clean(js_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        uint32_t cp;
        p += utf8_next(p, &cp);
        put_utf8(b, is_control(cp) ? ' ' : cp);
    }
}

/* gnuplot 5.4 reads '''x' as the empty string '' followed by 'x' (a
 * doubled quote right after the opening one is not taken as an escaped
 * quote), so leading quotes are written as a double-quoted run of quotes
 * and joined on: "''" . 'x'.  Such a run holds nothing but ', which
 * double quotes leave alone. */
static void put_literal(js_buf *b, const char *s, int double_percent)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t lead = 0;
    while (p[lead] == '\'')
        lead++;
    if (lead > 0) {
        js_buf_putc(b, '"');
        js_buf_append(b, p, lead);
        js_buf_putc(b, '"');
        p += lead;
        if (*p == '\0')
            return;
        js_buf_puts(b, " . ");
    }
    js_buf_putc(b, '\'');
    while (*p) {
        uint32_t cp;
        p += utf8_next(p, &cp);
        if (cp == '\'' || (cp == '%' && double_percent))
            put_utf8(b, cp);
        put_utf8(b, is_control(cp) ? ' ' : cp);
    }
    js_buf_putc(b, '\'');
}

void cht_put_literal(js_buf *b, const char *s)
{
    put_literal(b, s, 0);
}

void cht_put_literal_fmt(js_buf *b, const char *s)
{
    put_literal(b, s, 1);
}

/* Where to break s for wrap_at: the byte offsets of the spaces that become
 * line breaks (at most cap), and the number found.  Greedy: each line ends
 * at the last space before character wrap_at (or the first space after it
 * when a word is longer); a rest of at most wrap_at + 4 characters stays on
 * its line, so that a single short word is never left alone. */
static size_t wrap_points(const unsigned char *s, size_t wrap_at, size_t *brk, size_t cap)
{
    size_t n_brk = 0, off = 0;
    while (wrap_at > 0 && n_brk < cap && cht_text_width((const char *)s + off) > wrap_at + 4) {
        size_t best = 0, chars = 0, k = off;
        while (s[k]) {
            uint32_t cp;
            const size_t n = utf8_next(s + k, &cp);
            if (cp == ' ' && k > off) {
                if (chars <= wrap_at || best == 0)
                    best = k;
                if (chars > wrap_at)
                    break;
            }
            k += n;
            chars++;
        }
        if (best == 0)
            break;
        brk[n_brk++] = best;
        off = best + 1;
    }
    return n_brk;
}

void cht_wrap_measure(const char *s, size_t wrap_at, size_t *lines, size_t *longest)
{
    const unsigned char *const u = (const unsigned char *)(s ? s : "");
    size_t brk[CHT_WRAP_MAX_LINES];
    const size_t n = wrap_points(u, wrap_at, brk, CHT_WRAP_MAX_LINES - 1);
    size_t widest = 0, chars = 0, off = 0, b = 0;
    for (;;) { /* characters per line */
        if (u[off] == '\0' || (b < n && off == brk[b])) {
            widest = chars > widest ? chars : widest;
            if (u[off] == '\0')
                break;
            b++;
            chars = 0;
            off++;
            continue;
        }
        uint32_t cp;
        off += utf8_next(u + off, &cp);
        chars++;
    }
    *lines = n + 1;
    *longest = widest;
}

void cht_put_field(js_buf *b, const char *s, size_t wrap_at)
{
    const unsigned char *const start = (const unsigned char *)(s ? s : "");
    size_t brk[CHT_WRAP_MAX_LINES];
    const size_t n_brk = wrap_points(start, wrap_at, brk, CHT_WRAP_MAX_LINES - 1);
    size_t next = 0;
    const unsigned char *p = start;
    if (*p == '\0')
        js_buf_putc(b, ' ');
    while (*p) {
        uint32_t cp;
        const size_t off = (size_t)(p - start);
        p += utf8_next(p, &cp);
        if (next < n_brk && off == brk[next]) {
            js_buf_puts(b, "\\n");
            next++;
            continue;
        }
        if (cp == '\\' || cp == '#')
            js_buf_putc(b, '\\');
        if (cp == '"')
            cp = 0x201D;
        put_utf8(b, is_control(cp) ? ' ' : cp);
    }
}

/* As cht_put_literal, broken into lines of about wrap_at characters joined
 * by a fixed "\n": 'line one' . "\n" . 'line two'.  Only the two
 * characters \ and n ever stand inside the double quotes. */
void cht_put_literal_wrapped(js_buf *b, const char *s, size_t wrap_at)
{
    const unsigned char *const u = (const unsigned char *)(s ? s : "");
    size_t brk[CHT_WRAP_MAX_LINES];
    const size_t n_brk = wrap_points(u, wrap_at, brk, CHT_WRAP_MAX_LINES - 1);
    size_t from = 0;
    js_buf line;
    js_buf_init(&line);
    for (size_t k = 0; k <= n_brk; k++) {
        const size_t to = k < n_brk ? brk[k] : strlen((const char *)u);
        js_buf_reset(&line);
        js_buf_append(&line, u + from, to - from);
        if (k > 0)
            js_buf_puts(b, " . \"\\n\" . ");
        put_literal(b, js_buf_cstr(&line), 0);
        from = to + 1;
    }
    js_buf_fini(&line);
}

size_t cht_text_width(const char *s)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        uint32_t cp;
        p += utf8_next(p, &cp);
        n++;
    }
    return n;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int cht_colour_ok(const char *s)
{
    if (s == NULL || s[0] != '#' || strlen(s) != 7)
        return 0;
    for (size_t i = 1; i < 7; i++)
        if (!is_hex(s[i]))
            return 0;
    return 1;
}

int cht_font_ok(const char *s)
{
    if (s == NULL || s[0] == '\0' || strlen(s) > 60)
        return 0;
    for (const char *p = s; *p; p++) {
        const char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == ' ' || c == '-'))
            return 0;
    }
    return 1;
}

void cht_put_num(js_buf *b, double v)
{
    if (!isfinite(v)) {
        js_buf_puts(b, "..");
        return;
    }
    /* Whatever LC_NUMERIC the host program set, gnuplot reads a point. */
    const size_t start = b->len;
    js_buf_printf(b, "%.17g", v + 0.0); /* -0 + 0 = +0: no "-0" */
    for (size_t i = start; i < b->len && !b->failed; i++)
        if (b->data[i] == ',')
            b->data[i] = '.';
}
