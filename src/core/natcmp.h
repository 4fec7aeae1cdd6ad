/*
 * natcmp.h - the natural order of codes and labels (internal).
 *
 * One comparison for every place that orders categories by their codes or
 * labels (a chart's sort = code | label, and wherever rows are put in code
 * order), so that they agree: "T2" before "T10", "9" before "10",
 * "SSYK 4 T2" before "SSYK 4 T10" (natcmp.c has the details).
 */
#ifndef JAMSTAT_CORE_NATCMP_H
#define JAMSTAT_CORE_NATCMP_H

/* <0, 0 or >0 as a goes before, with or after b in natural order: where
 * both texts have a run of ASCII digits at the same place, the runs
 * compare as whole numbers ("9" < "10"); of two equal numbers written
 * with different leading zeros the one with fewer goes first ("1" <
 * "01"), so that only equal texts compare equal; all other bytes compare
 * as unsigned bytes, and a text that is a prefix of the other goes first,
 * as in strcmp.  NULL goes before every text. */
int js_natural_cmp(const char *a, const char *b);

#endif
