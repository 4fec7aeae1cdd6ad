/*
 * out_sentence.h - the sentences an analyst writes under a table, built
 * from a result's numbers (out_sentence.c).  Internal.
 */
#ifndef JAMSTAT_OUT_SENTENCE_H
#define JAMSTAT_OUT_SENTENCE_H

#include "core/strbuf.h"
#include "indic/ind_follow.h"
#include "jamstat/output.h"

/* What the result alone does not say, from its spec and input. */
typedef enum js_sent_units {
    JS_SENT_AREAS = 0,          /* other areas (NUTS, countries) */
    JS_SENT_MUNICIPALITIES = 1, /* four-digit codes */
    JS_SENT_COUNTIES = 2        /* two-digit codes */
} js_sent_units;

typedef struct js_sent_opts {
    js_lang lang;
    const char *focus;         /* [analysis] focus, a code or label; NULL: none */
    const ind_groups *groups;  /* rank: the groups of its areas (borrowed); NULL: not a rank */
    int parity;                /* target: target = parity */
    int statistic;             /* dispersion: its statistic (js_disp_stat), -1: not a dispersion */
    js_sent_units units;       /* what the areas compared are */
} js_sent_opts;

/* Append to b, as plain UTF-8 text (the caller escapes it for HTML), the
 * sentences for result r of kind rank, dispersion or target: see
 * out_sentence.c for the words and the rules.  Nothing for other kinds,
 * or when the result has dimensions the sentences cannot speak of (more
 * than one category of a dimension besides region, year, sex and
 * statistic). */
void js_sentences(js_buf *b, const js_result *r, const js_sent_opts *o);

#endif
