/*
 * ind_int.h - what the indicator families share (internal): the rows they
 * define, and the result-building helpers below every kind.
 *
 * A family file (ind_counts.c, ind_age.c, ind_gap.c, ind_trend.c, and the
 * demographic ind_life.c, ind_std.c, ind_fert.c with their shared
 * ind_demog.h) defines its kinds as `const js_kind ind_kind_NAME` rows and
 * their compute functions; kinds.c lists the rows.  Nothing here knows a
 * particular kind.
 */
#ifndef JAMSTAT_INDIC_IND_INT_H
#define JAMSTAT_INDIC_IND_INT_H

#include <stddef.h>

#include "core/strbuf.h"
#include "jamstat/indicator.h"

/* ---- the rows ---------------------------------------------------------------- */

extern const js_kind ind_kind_count, ind_kind_share, ind_kind_ratio; /* ind_counts.c */
extern const js_kind ind_kind_age_distribution, ind_kind_median_age, ind_kind_mean_age,
    ind_kind_dependency;                                             /* ind_age.c */
extern const js_kind ind_kind_gap;                                   /* ind_gap.c */
extern const js_kind ind_kind_trend;                                 /* ind_trend.c */
extern const js_kind ind_kind_life_expectancy;                       /* ind_life.c */
extern const js_kind ind_kind_standardised_rate, ind_kind_smr, ind_kind_crude_rate; /* ind_std.c */
extern const js_kind ind_kind_total_fertility_rate, ind_kind_fertility_rate,
    ind_kind_general_fertility_rate, ind_kind_mean_age_at_birth,
    ind_kind_sex_ratio_at_birth; /* ind_fert.c */
extern const js_kind ind_kind_dissimilarity, ind_kind_karmel_maclachlan, ind_kind_balanced_share,
    ind_kind_balance, ind_kind_independence_test;                    /* ind_segreg.c */
extern const js_kind ind_kind_representation;                        /* ind_equal.c */
extern const js_kind ind_kind_rank, ind_kind_dispersion;             /* ind_region.c */
extern const js_kind ind_kind_shift_share, ind_kind_location_quotient,
    ind_kind_population_change;                                      /* ind_shift.c */
extern const js_kind ind_kind_target;                                /* ind_target.c */
extern const js_kind ind_kind_composite;                             /* ind_composite.c */
extern const js_kind ind_kind_funding_share, ind_kind_funding_per_capita; /* ind_fund.c */

/* Words of yes/no keys' help, shared so that the catalogue reads alike. */
#define IND_KEY_END {NULL, JS_KEY_TEXT, NULL, 0, 0, NULL, 0, NULL}
#define IND_INPUT_END {NULL, 0, 0, 0, NULL}
/* The input of most kinds: a [data] section, the only one by default. */
#define IND_INPUT_DATA {"data", JS_INPUT_DATA, 0, 1, "the data section (optional when there is only one)"}

/* ---- helpers ------------------------------------------------------------------- */

/* The aggregate of data by s->by under s->where joined with extra (NULL:
 * where alone), through s->cache: as js_aggregate_cached. */
js_status ind_aggregate(const js_indicator_spec *s, const js_cube *data, const js_sel *extra,
                        const js_cube **out, js_cube **owned, js_diag *d);

/* A cube with the dimensions and categories of src less dimension skip
 * (SIZE_MAX: none), without cells; ind_result_like allocates the cells
 * (all missing).  Caller owns *out. */
js_status ind_shape_like(const js_cube *src, size_t skip, js_cube **out);
js_status ind_result_like(const js_cube *src, size_t skip, js_cube **out);

/* A result with src's dimensions, values, flags and intervals (a source's own, kept
 * through an aggregate that took one cell unchanged).  Caller owns *out. */
js_status ind_copy(const js_cube *src, js_cube **out);

/* scale × num / den of two aggregates of data by s->by: the numerator
 * sel_num and the denominator sel_den (each joined to s->where); Wilson
 * intervals when wilson (a share: a part above its total is flagged
 * part_exceeds_total, without interval).  small_n when the numerator or
 * the denominator is below s->small_n.  Caller owns *out. */
js_status ind_two(const js_indicator_spec *s, const js_cube *data, const js_sel *sel_num,
                  const js_sel *sel_den, double scale, int wilson, js_cube **out, js_diag *d);

/* The unit of a rate or ratio per this many ("per 1 000", "per 1,000"),
 * for 10, 100, ..., a million; NULL for other numbers.  Units are
 * constant strings: results keep them. */
const char *ind_per_unit(double per, js_lang lang);

/* A kind's definition into b with its marks filled: "{key}" and
 * "{key|otherwise}" become the key's value in s (otherwise, when unset),
 * or with s NULL (the catalogue) the key's name. */
void ind_doc_fill(js_buf *b, const char *doc, const js_indicator_spec *s);

/* The index of the data dimension with this role, or an error naming the
 * indicator ("the data has no age dimension"). */
js_status ind_need_role(const js_indicator_spec *s, const js_cube *c, js_role role, const char *what,
                        size_t *dim, js_diag *d);

#endif
