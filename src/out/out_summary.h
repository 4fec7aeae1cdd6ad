/*
 * out_summary.h - the key figures of the home region (internal), shared by
 * the report (out_html.c) and the workbook (out_xlsx.c).
 */
#ifndef JAMSTAT_OUT_SUMMARY_H
#define JAMSTAT_OUT_SUMMARY_H

#include <stddef.h>

#include "jamstat/cube.h"
#include "jamstat/format.h"
#include "jamstat/output.h"

/* One row: an indicator's value for the focus and one sex. */
typedef struct out_sum_row {
    const js_result *result;  /* borrowed */
    js_sex sex;               /* JS_SEX_NONE: the result has no sex dimension */
    const char *region;       /* the focus's label (borrowed from the cube) */
    const js_category *year;  /* the latest period with a value (or a suppressed one) */
    double value;             /* NaN: no value */
    int suppressed;           /* the value is suppressed (disclosure control): ".." */
    const js_category *from;  /* the period the change is from; NULL: no change */
    double change;            /* value minus the value at from; NaN: none */
    double rank;              /* 1 = the highest among the regions, ties the average rank; NaN: none */
    size_t n_ranked;          /* regions with a value at the focus's level */
} out_sum_row;

typedef struct out_summary {
    out_sum_row *rows;
    size_t n;
} out_summary;

/* The rows for results[0..n) under o (o NULL or o->focus NULL: none).
 * An indicator is summarised when it has a region dimension holding the
 * focus, and every dimension but region, time and sex has one category or
 * a total.  Caller frees with out_summary_fini.  JS_ENOMEM or JS_OK. */
js_status out_summary_build(const js_result *results, size_t n, const js_summary_opts *o,
                            out_summary *out);
void out_summary_fini(out_summary *s);

/* "Kvinnor", "Män", "Totalt" ("" for JS_SEX_NONE). */
const char *out_summary_sex(js_sex sex, js_lang lang);

/* The unit of a change of a value in unit: percentage points for "%",
 * else the unit itself ("" for none). */
const char *out_summary_change_unit(const char *unit, js_lang lang);

#endif
