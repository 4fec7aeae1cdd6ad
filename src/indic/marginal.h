/*
 * marginal.h - one pass, many sums (internal).
 *
 * Indicators over the same data and the same by dimensions ask for many
 * aggregates that differ in one selection each: the total, sex:women,
 * age:65-, age:20-64, background:abroad ...  A marginal table holds, for
 * every output cell and every dimension outside by, the sum per category of
 * that dimension (the other outside dimensions at their defaults), made in
 * one walk over the cube.  Any aggregate that restricts at most one outside
 * dimension is then a sum over that table, with exactly the values, flags
 * and missing cells js_aggregate would give.
 */
#ifndef JAMSTAT_INDIC_MARGINAL_H
#define JAMSTAT_INDIC_MARGINAL_H

#include <stddef.h>
#include <stdint.h>

#include "indic/select.h"
#include "jamstat/cube.h"

/* Shared with aggregate.c, so that both ways of summing agree exactly. */
/* Flags a component cell adds to its sum. */
uint32_t agg_component_flags(const js_cube *c, size_t cell);
/* What a dimension outside by and unselected contributes: its total
 * category (*total), or all categories (*total = SIZE_MAX); 0 when it must
 * not be summed (time or contents with several categories and no total). */
int agg_default_total(const js_dim *dim, size_t *total);
/* Set result cell o from its sum: present unless no input reached it or an
 * input was missing or suppressed (then MISSING_INPUT is added to *flags
 * for an untouched cell). */
void agg_finish_cell(js_cube *res, size_t o, double sum, uint32_t *flags, int touched);

typedef struct agg_marg agg_marg;

/* The marginal table of c for the by dimensions, with the by dimensions'
 * masks of sel (other masks ignored).  NULL when the table cannot answer
 * for this cube (no dimension outside by, a time dimension outside by with
 * several categories, intervals to keep) or memory runs out: the caller
 * then aggregates the plain way.  Caller owns the result (agg_marg_free). */
agg_marg *agg_marg_build(const js_cube *c, const js_sel_masks *sel, const char *const *by,
                         size_t n_by);
void agg_marg_free(agg_marg *m);

/* Does m serve c with these by dimensions and by masks? */
int agg_marg_serves(const agg_marg *m, const js_cube *c, const js_sel_masks *sel,
                    const char *const *by, size_t n_by);

/* The aggregate for sel from m, or JS_EUSAGE (and nothing written) when sel
 * restricts more than one dimension outside by.  Caller owns *out. */
js_status agg_marg_answer(const agg_marg *m, const js_sel_masks *sel, js_cube **out);

/* The aggregate for sel by m's by dimensions and then dimension j of c (an
 * outside dimension of m): table j itself, laid out as js_aggregate lays
 * out by + j.  JS_EUSAGE (nothing written) when j is not outside m or sel
 * restricts an outside dimension other than j.  Caller owns *out. */
js_status agg_marg_answer_by(const agg_marg *m, const js_sel_masks *sel, size_t j, js_cube **out);

#endif
