/*
 * select.h - selections resolved against a cube (internal).
 *
 * A parsed selection (js_sel, jamstat/indicator.h) becomes one mask per
 * dimension of a cube: mask[d] is NULL when dimension d is not selected,
 * else an array of js_dim_size() bytes, 1 for each chosen category.
 * The value "total" (or "totalt") names a dimension's total category, or,
 * where the data has none, the sum of all its categories (sum_all).
 */
#ifndef JAMSTAT_INDIC_SELECT_H
#define JAMSTAT_INDIC_SELECT_H

#include <stddef.h>

#include "jamstat/cube.h"
#include "jamstat/diag.h"
#include "jamstat/indicator.h"

typedef struct js_sel_masks {
    unsigned char **mask; /* ndims entries */
    unsigned char *sum_all; /* ndims entries: 1 where the selection names "total" on a dimension
                               without a total category, which then means the sum of all its
                               categories, as one more category (aggregate.c) */
    size_t ndims;
} js_sel_masks;

/* Resolve sel (NULL: nothing selected) against c.  Unknown dimensions or
 * values, and age ranges the data's age classes cannot form, are errors
 * naming what (the caller).  When two terms name the same dimension the
 * last one wins, so that "year:2015 year:1968" is 1968 (how a chart's
 * compare overrides where). */
js_status js_sel_resolve(const js_cube *c, const js_sel *sel, const char *what, js_sel_masks *m,
                         js_diag *d);
void js_sel_masks_fini(js_sel_masks *m);

/* Parse "20-64", "65-", "-19", "0" into [lo, hi).  1 on success. */
int js_selection_age_range(const char *text, double *lo, double *hi);

#endif
