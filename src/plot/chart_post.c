/*
 * chart_post.c - fixing up what gnuplot wrote.
 *
 * SVG: gnuplot always writes <title>Gnuplot</title> and a <desc> naming
 * itself; the report needs the chart's title and alt text there instead
 * (XML-escaped).  gnuplot escapes '<' and '&' in text but not '>', so a
 * label containing "]]>" makes the file invalid XML: every '>' outside
 * markup becomes "&gt;".
 * PDF: cairo 1.16 stamps /CreationDate with the clock (and ignores
 * SOURCE_DATE_EPOCH); the 14 digits are overwritten in place with a fixed
 * date of the same length, so offsets in the xref table stay right.
 * PNG: pngcairo writes no resolution; a pHYs chunk after IHDR gives print
 * PNGs their physical size (300 dpi = 11811 pixels per metre).
 */
#include "plot/chart_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "core/alloc.h"
#include "core/fileio.h"

char *cht_read_file(const char *path, size_t *len, js_diag *d)
{
    FILE *const f = fopen(path, "rb");
    if (f == NULL) {
        js_diag_error(d, path, 0, 0, "cannot open the rendered chart: %s", strerror(errno));
        return NULL;
    }
    js_buf b;
    js_buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        js_buf_append(&b, chunk, n);
    const int bad = ferror(f) || b.failed;
    (void)fclose(f);
    if (bad) {
        js_diag_error(d, path, 0, 0, "cannot read the rendered chart");
        js_buf_fini(&b);
        return NULL;
    }
    *len = b.len;
    if (b.data == NULL)
        return js_calloc(1, 1);
    return b.data;
}

/* ---- SVG -------------------------------------------------------------- */

static void put_xml_text(js_buf *b, const char *s)
{
    js_buf clean;
    js_buf_init(&clean);
    cht_put_clean(&clean, s);
    for (const char *p = js_buf_cstr(&clean); *p; p++) {
        switch (*p) {
        case '&': js_buf_puts(b, "&amp;"); break;
        case '<': js_buf_puts(b, "&lt;"); break;
        case '>': js_buf_puts(b, "&gt;"); break;
        case '"': js_buf_puts(b, "&quot;"); break;
        case '\'': js_buf_puts(b, "&apos;"); break;
        default: js_buf_putc(b, *p); break;
        }
    }
    js_buf_fini(&clean);
}

/* Copy a markup construct starting at s[i] (s[i] == '<'); returns the index
 * after it.  Quotes inside tags are honoured; comments and CDATA sections
 * are copied to their end marker. */
static size_t copy_markup(js_buf *out, const char *s, size_t n, size_t i)
{
    const char *end_mark = NULL;
    if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
        end_mark = "-->";
    else if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0)
        end_mark = "]]>";
    size_t k = i + 1;
    if (end_mark != NULL) {
        const size_t ml = strlen(end_mark);
        while (k + ml <= n && memcmp(s + k, end_mark, ml) != 0)
            k++;
        k = k + ml <= n ? k + ml : n;
    } else {
        char quote = 0;
        while (k < n && (quote != 0 || s[k] != '>')) {
            if (quote == 0 && (s[k] == '"' || s[k] == '\''))
                quote = s[k];
            else if (quote != 0 && s[k] == quote)
                quote = 0;
            k++;
        }
        k = k < n ? k + 1 : n;
    }
    js_buf_append(out, s + i, k - i);
    return k;
}

static const char *find_bytes(const char *s, size_t n, const char *what)
{
    const size_t wl = strlen(what);
    for (size_t i = 0; i + wl <= n; i++)
        if (memcmp(s + i, what, wl) == 0)
            return s + i;
    return NULL;
}

js_status cht_post_svg(const char *path, const char *title, const char *desc, js_diag *d)
{
    size_t n;
    char *const s = cht_read_file(path, &n, d);
    if (s == NULL)
        return JS_EIO;
    const char *const t0 = find_bytes(s, n, "<title>Gnuplot</title>");
    const char *const d0 = find_bytes(s, n, "<desc>Produced by GNUPLOT");
    const char *const d1 = d0 != NULL ? find_bytes(d0, n - (size_t)(d0 - s), "</desc>") : NULL;
    js_buf out;
    js_buf_init(&out);
    size_t i = 0;
    while (i < n) {
        if (t0 != NULL && s + i == t0 && title != NULL) {
            js_buf_puts(&out, "<title>");
            put_xml_text(&out, title);
            js_buf_puts(&out, "</title>");
            i += strlen("<title>Gnuplot</title>");
        } else if (d1 != NULL && s + i == d0 && desc != NULL) {
            js_buf_puts(&out, "<desc>");
            put_xml_text(&out, desc);
            js_buf_puts(&out, "</desc>");
            i = (size_t)(d1 - s) + strlen("</desc>");
        } else if (s[i] == '<') {
            i = copy_markup(&out, s, n, i);
        } else {
            if (s[i] == '>')
                js_buf_puts(&out, "&gt;");
            else
                js_buf_putc(&out, s[i]);
            i++;
        }
    }
    js_free(s);
    js_status st = out.failed ? JS_ENOMEM : js_write_file(path, out.data, out.len, d);
    js_buf_fini(&out);
    return st;
}

/* ---- PDF -------------------------------------------------------------- */

js_status cht_post_pdf(const char *path, js_diag *d)
{
    size_t n;
    char *const s = cht_read_file(path, &n, d);
    if (s == NULL)
        return JS_EIO;
    static const char *const keys[2] = {"/CreationDate (D:", "/ModDate (D:"};
    for (size_t k = 0; k < 2; k++) {
        const char *const p = find_bytes(s, n, keys[k]);
        const size_t off = p != NULL ? (size_t)(p - s) + strlen(keys[k]) : n;
        if (off + 14 > n)
            continue;
        size_t digits = 0;
        while (digits < 14 && s[off + digits] >= '0' && s[off + digits] <= '9')
            digits++;
        if (digits == 14)
            memcpy(s + off, "20000101000000", 14);
    }
    const js_status st = js_write_file(path, s, n, d);
    js_free(s);
    return st;
}

/* ---- PNG -------------------------------------------------------------- */

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

js_status cht_post_png_dpi(const char *path, unsigned dpi, js_diag *d)
{
    size_t n;
    char *const s = cht_read_file(path, &n, d);
    if (s == NULL)
        return JS_EIO;
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    const size_t after_ihdr = 8 + 4 + 4 + 13 + 4;
    if (n < after_ihdr || memcmp(s, sig, 8) != 0 || memcmp(s + 12, "IHDR", 4) != 0) {
        js_diag_error(d, path, 0, 0, "expected a PNG file starting with an IHDR chunk, found other bytes");
        js_free(s);
        return JS_ETOOL;
    }
    if (find_bytes(s, n, "pHYs") != NULL) {
        js_free(s);
        return JS_OK;
    }
    unsigned char chunk[21];
    const uint32_t ppm = (uint32_t)(dpi / 0.0254 + 0.5);
    put_be32(chunk, 9);
    memcpy(chunk + 4, "pHYs", 4);
    put_be32(chunk + 8, ppm);
    put_be32(chunk + 12, ppm);
    chunk[16] = 1; /* unit: metre */
    const uLong crc = crc32(crc32(0L, Z_NULL, 0), chunk + 4, 13);
    put_be32(chunk + 17, (uint32_t)crc);
    js_buf out;
    js_buf_init(&out);
    js_buf_append(&out, s, after_ihdr);
    js_buf_append(&out, chunk, sizeof chunk);
    js_buf_append(&out, s + after_ihdr, n - after_ihdr);
    js_free(s);
    const js_status st = out.failed ? JS_ENOMEM : js_write_file(path, out.data, out.len, d);
    js_buf_fini(&out);
    return st;
}
