/*
 * format.h - numbers and text for people: the Swedish and English number
 * formats used in tables, charts and the report.
 *
 * Data files for programs (indicators.csv, chart .dat files) always use the
 * C locale ("1234.5"); these functions are for what a reader sees.
 */
#ifndef JAMSTAT_FORMAT_H
#define JAMSTAT_FORMAT_H

#include <stddef.h>

typedef enum js_lang { JS_LANG_SV = 0, JS_LANG_EN = 1 } js_lang;

/* "sv" or "en" (also "swedish", "english"); returns 0 if unknown. */
int js_lang_parse(const char *s, js_lang *out);

/* Format v with the given decimals for display: Swedish "12 345,6"
 * (NBSP U+00A0 as thousands separator, decimal comma), English "12,345.6".
 * NaN is written as the missing mark ".." .  Always NUL-terminates; returns
 * buf. */
char *js_fmt_number(double v, int decimals, js_lang lang, char *buf, size_t cap);

/* As js_fmt_number followed by "\u00a0%" ("49,1 %"). */
char *js_fmt_percent(double v, int decimals, js_lang lang, char *buf, size_t cap);

/* v with `decimals` decimals for programs: exactly what snprintf(buf,
 * cap, "%.*f", decimals, v) gives in the C locale (correctly rounded,
 * "-0.0000" for a small negative number), and its return value: the
 * length of the whole text, which did not fit when it is cap or more.
 * Faster than snprintf for most numbers, since it needs no multi-precision
 * arithmetic for them. */
size_t js_fmt_fixed(double v, int decimals, char *buf, size_t cap);

/* A UTF-8 string localised for the language: js_text(lang, "Källa", "Source"). */
const char *js_text(js_lang lang, const char *sv, const char *en);

/* A number as an analysis file writes it: the whole text (blanks around it
 * allowed) is one finite C-locale number.  1 and *out on success, else 0
 * (*out untouched). */
int js_parse_number(const char *text, double *out);

#endif
