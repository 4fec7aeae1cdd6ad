/*
 * ind_demog.h - what the demographic kinds share (internal): events
 * (deaths, births) and a population, both by age, over the same regions,
 * sexes and years, turned into person-years per age class (METHODS 0.3).
 *
 * A frame is the two aggregates of one indicator, by its by dimensions
 * plus the time and the age dimension, with the selection's years kept
 * aside: the person-years of 2015 need the population of 31 Dec 2014, and a
 * pooled 2011-2015 needs 2011's deaths, whatever year where selects.
 */
#ifndef JAMSTAT_INDIC_IND_DEMOG_H
#define JAMSTAT_INDIC_IND_DEMOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "indic/ind_int.h"

/* One age class common to the events and the population. */
typedef struct dm_class {
    double lo, hi;   /* [lo, hi); hi INFINITY for the open class */
    size_t ev_cat;   /* category in the events' age dimension (the first, when several) */
    size_t pop_cat;  /* category in the population's age dimension (the first) */
    size_t ev_first, ev_n;   /* ev_n > 0: the class sums f->ev_list[ev_first ...] */
    size_t pop_first, pop_n; /* pop_n > 0: likewise f->pop_list */
} dm_class;

typedef struct dm_frame {
    const js_indicator_spec *s;
    const js_cube *ev, *pop; /* the aggregates (borrowed from the cache or owned below) */
    js_cube *own_ev, *own_pop;
    size_t ev_age, ev_time;  /* dimensions of ev; ev_time SIZE_MAX: the data has none */
    size_t pop_age, pop_time;
    int time_in_by;          /* the time dimension is one of by */
    int mid_year;            /* the population is person-years already (exposure = mid_year) */
    dm_class *cls;           /* the age classes, sorted */
    size_t n_cls;
    size_t *pop_dim;         /* per ev dimension: the pop dimension of that name */
    size_t **pop_cat;        /* per ev dimension (not age, not time): ev category -> pop category */
    size_t *pop_year;        /* per ev time category: pop category of that year (SIZE_MAX: none) */
    size_t *pop_prev;        /* ... and of the year before */
    unsigned char *chosen;   /* per ev time category: selected by where */
    js_sex sex;              /* the one sex where selects, else JS_SEX_TOTAL */
    size_t *ev_list, *pop_list; /* age categories of classes made of several (targets) */
    size_t ev_unknown;       /* the events' category of unknown age (SIZE_MAX: none) */
} dm_frame;

/* Aggregate events and population for s (where less its time terms, by
 * s->by + time + age), check that their age classes are the same and tile
 * 0 to an open class (an error naming the first difference otherwise),
 * (full: a life table's classes, else only not overlapping),
 * and map their categories.  what_ev / what_pop name the inputs in
 * messages ("deaths", "population").  On error the frame is cleaned. */
js_status dm_frame_init(dm_frame *f, const js_indicator_spec *s, const js_cube *events,
                        const js_cube *population, const char *what_ev, const char *what_pop,
                        int mid_year, int full, js_diag *d);
void dm_frame_fini(dm_frame *f);

/* As dm_frame_init, for rates over the ages [age_lo, age_hi) (fertility:
 * 15-49): the classes are the events' class starts in that range, the last
 * ending at age_hi; events below the range count in the first class and
 * above it in the last (births to mothers under 15 and 49+, METHODS 3.1);
 * the population's classes must make each class exactly.  pop_sel (may be
 * NULL) restricts the population alone ("sex:women"). */
js_status dm_frame_init_range(dm_frame *f, const js_indicator_spec *s, const js_cube *events,
                              const js_cube *population, const char *what_ev, const char *what_pop,
                              int mid_year, double age_lo, double age_hi, const js_sel *pop_sel,
                              js_diag *d);

/* The events of unknown age at ev coordinates ev_idx over the years (0
 * when there is no such category). */
double dm_unknown(const dm_frame *f, size_t *ev_idx, const size_t *years, size_t ny, uint32_t *flags);

/* The terms of where on dimensions c has, other than region, in a new
 * selection (a reference population is the same for every region). */
js_status dm_where_on(const js_sel *where, const js_cube *c, js_sel **out);

/* The result's shape: the events' dimensions less age (and less time when
 * time is not in by); a time category per chosen year, labelled "t1-t2"
 * when pool > 1.  No cells yet.  *res_ev[j] = the ev dimension of result
 * dimension j. */
js_status dm_result_shape(const dm_frame *f, int pool, js_cube **out, size_t *res_ev);

/* The ev coordinates (all but age and, when time is in by, time) of
 * result cell r; the time coordinate of the result's year in *t_res. */
void dm_coords(const dm_frame *f, const js_cube *res, const size_t *res_ev, size_t r, size_t *ev_idx,
               size_t *t_res);

/* Events and person-years of class k summed over the years in years[0..ny)
 * (ev time categories) at ev coordinates ev_idx (age and time are set here).
 * *flags gets the inputs' flags, and JS_FLAG_MISSING_INPUT when a value or a
 * population year (the 31 Dec before) is missing: then NaN. */
void dm_sum(const dm_frame *f, size_t *ev_idx, size_t k, const size_t *years, size_t ny,
            double *events, double *expo, uint32_t *flags, int *no_prev);

/* The ev time categories of the window ending at ev time category t (pool
 * years, consecutive), or of every chosen year when time is not in by.
 * Returns their number (fewer than pool: the window is incomplete). */
size_t dm_window(const dm_frame *f, size_t t, int pool, size_t *years);

/* "region=01 year=2015 sex=women" for result cell r, with " age=CODE" of
 * class k (SIZE_MAX: none), into b. */
void dm_describe(const dm_frame *f, const js_cube *res, size_t r, size_t k, js_buf *b);

/* The sex of result cell r: its sex category's, else the one sex where
 * selects, else JS_SEX_TOTAL. */
js_sex dm_sex(const dm_frame *f, const js_cube *res, size_t r);

#endif
