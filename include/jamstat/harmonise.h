/*
 * harmonise.h - turning the many ways sources spell sex, age, region and
 * time into one meaning.
 *
 * These are pure functions on text; the cube calls them when a category is
 * added to a dimension with a role, and readers call them to guess roles.
 */
#ifndef JAMSTAT_HARMONISE_H
#define JAMSTAT_HARMONISE_H

#include <stddef.h>

#include "jamstat/cube.h"

/* Sex from a code or label: kvinnor/kvinna/K/women/female/F/girls/flickor/2,
 * män/man/M/men/male/boys/pojkar/1, totalt/total/T/1+2/samtliga/båda könen.
 * SCB's numeric codes: 1 = men, 2 = women.  JS_SEX_NONE when unknown. */
js_sex js_harm_sex(const char *text);

/* Age interval from a label: "0 år", "65", "100+ år", "16-24 years",
 * "20–64 år", "<15", "49+", "65-", "-19", "Y15-64", "Y_GE65", "Y_LT15",
 * "total 16-74 years" (is_total set), "totalt", "TOTAL" (is_total, [0, inf)).
 * Returns 1 and fills [lo, hi) (hi = INFINITY when open) on success, 0 when
 * the text is not an age. */
int js_harm_age(const char *text, double *lo, double *hi, int *is_total);

/* Time period from a code: "2015", "2015K1", "2015Q1", "2015M01", "2015-Q1",
 * "2015-01".  Returns 1 on success and fills year, sub (quarter or month,
 * 0 for a year) and kind ('Y', 'Q', 'M'). */
int js_harm_time(const char *text, int *year, int *sub, char *kind);

/* A region total: "00", "0", "SE", "Riket", "Sweden", "Hela riket", "Total". */
int js_harm_region_total(const char *code, const char *label);

/* "01 Stockholm county" → code "01" (length returned in *code_len) and the
 * label starting at *label.  Returns 1 if the text starts with a code: a
 * token of digits or capitals-and-digits (SE11, 0114) followed by a space
 * and more text.  Otherwise 0 and the text is left whole. */
int js_harm_split_code(const char *text, size_t *code_len, const char **label);

/* Guess a role from a dimension name (Swedish or English): "år", "year",
 * "tid", "period" → time; "region", "län", "kommun", "area", "geo" → region;
 * "kön", "kon", "sex", "child_sex" → sex; "ålder", "age", "mother_age" → age.
 * JS_ROLE_OTHER when the name says nothing. */
js_role js_harm_role_from_name(const char *name);

/* Normalise typographic variants for matching: en/em dash → '-',
 * NBSP → space, collapse runs of spaces, trim.  Writes into out (cap bytes,
 * NUL-terminated).  Returns out. */
char *js_harm_normalise(const char *text, char *out, size_t cap);

#endif
