/*
 * ind_follow.h - what the follow-up family files share (internal):
 * ind_region.c (rank, dispersion), ind_shift.c (shift_share,
 * location_quotient) and ind_target.c.
 */
#ifndef JAMSTAT_INDIC_IND_FOLLOW_H
#define JAMSTAT_INDIC_IND_FOLLOW_H

#include "jamstat/cube.h"

/* Is this region category the country: a code of zeros (00 Riket), or a
 * total whose label is a national total's ("Riket", "Sverige", "total")?
 * A bare code such as "SE" among the EU's countries is an area, not the
 * total, though harmonisation may mark it so. */
int ind_region_is_national(const js_category *c);

#endif
