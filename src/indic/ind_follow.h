/*
 * ind_follow.h - what the follow-up family files share (internal):
 * ind_region.c (rank, dispersion), ind_shift.c (shift_share,
 * location_quotient, population_change) and ind_target.c.
 */
#ifndef JAMSTAT_INDIC_IND_FOLLOW_H
#define JAMSTAT_INDIC_IND_FOLLOW_H

#include <stddef.h>
#include <stdint.h>

#include "jamstat/cube.h"
#include "jamstat/indicator.h"

/* Is this region category the country: a code of zeros (00 Riket), or a
 * total whose label is a national total's ("Riket", "Sverige", "total")?
 * A bare code such as "SE" among the EU's countries is an area, not the
 * total, though harmonisation may mark it so. */
int ind_region_is_national(const js_category *c);

/* The groups of the areas of a rank's region dimension rd, as kind rank
 * and dispersion make them (from the codes, or from s's groups = key
 * file): per category its group (SIZE_MAX: not an area compared; 0 for
 * every area when there are no groups but the whole country, n_groups
 * 0), and per group its code and label (the
 * label of the group's category in rd, else its code).  For the report's
 * sentences (out_sentence.c), which see only the result.  Messages as the
 * kind's; ind_region_groups_fini frees g (a zeroed g is a no-op). */
typedef struct ind_groups {
    size_t n;        /* categories of rd */
    size_t *group;   /* per category */
    size_t n_groups; /* 0: one whole (counties, or other areas) */
    char **code;     /* per group */
    char **label;    /* per group */
    size_t national; /* rd's country category, SIZE_MAX: none */
    int keyed;       /* the groups are a key file's */
} ind_groups;
js_status ind_region_groups(const js_indicator_spec *s, const js_dim *rd, ind_groups *g, js_diag *d);
void ind_region_groups_fini(ind_groups *g);

/* Another input (weights, births, deaths) read at the coordinates of the
 * values: per dimension of that cube, the values' dimension that matches it
 * (the same name, else the same role: time, region, sex, age) and, per
 * category of that dimension, the other cube's category with its code. */
typedef struct ind_map {
    const js_cube *w; /* the other cube (borrowed) */
    size_t nd;        /* its dimensions */
    size_t vdim[JS_MAX_BY + 1];
    size_t *cat[JS_MAX_BY + 1]; /* per category of the values' vdim[j]: w's, SIZE_MAX: none */
} ind_map;

/* data (NULL: *out NULL) summed to the dimensions of vals it matches,
 * under the terms of s->where on its own dimensions.  *own is what the
 * caller frees. */
js_status ind_map_aggregate(const js_indicator_spec *s, const js_cube *vals, const js_cube *data,
                            const js_cube **out, js_cube **own, js_diag *d);
/* The map of w onto vals (what names w in messages); JS_EUSAGE when w has
 * a dimension vals lacks.  ind_map_fini frees it. */
js_status ind_map_build(const js_indicator_spec *s, const js_cube *vals, const js_cube *w, const char *what,
                        ind_map *m, js_diag *d);
/* w's value at the values' cell coordinates coords (NaN when w lacks it);
 * its flags are added to *flags (flags may be NULL). */
double ind_map_value(const ind_map *m, const size_t *coords, uint32_t *flags);
void ind_map_fini(ind_map *m); /* a zeroed map is a no-op */

#endif
