/*
 * ind_composite.c - composite indices (METHODS 10): several indicators,
 * the categories of one dimension (over), normalised, turned so that
 * higher is better, weighted and aggregated into one value per region
 * (and year, sex ...).
 *
 *     min_max   100 (x - min) / (max - min) over the regions (per year), or over
 *               regions and years (normalise_over = regions_years); the
 *               country's total row (00 Riket) is scored but not part of min and max
 *     z_score   (x - mean) / sd over the same (sd with n - 1)
 *     none      the values as they are (scores already on one scale)
 *     eige_gap  EIGE's achievement-corrected gender gap (METHODS 10.1), for
 *               metrics by sex: xbar = (x_W + x_M) / 2, Gamma = |x_W / xbar - 1|,
 *               alpha = xbar / max xbar over the regions (per year, or over
 *               regions and years), score = 1 + alpha (1 - Gamma) 99; the sex
 *               dimension is gone from the result (cp_eige_gap)
 *
 * preset = eige is EIGE's Gender Equality Index from its six domain scores:
 * the components of over whose codes are work, money, knowledge, time,
 * power and health (any case; others, such as the published index beside
 * them, weigh 0) with EIGE's domain weights, aggregated by the weighted
 * geometric mean, normalise none (or eige_gap when given: min_max and
 * z_score scores are no domain scores, and z-scores have no geometric
 * mean).  weights written out win over the preset's.
 *
 * preset = brp_plus is BRP+'s index (Tillväxtverket and the regional
 * analysts, Analytikernatverket/brp_plus, code/02_stand_BRP_plus_maxmin.R):
 * min_max with the base of the sex total ("total_bas", its default: the
 * min and max of Kön = Totalt over the regions, so that women's and men's
 * scores are comparable and may leave 0-100), 0 where min = max, the
 * arithmetic mean of the components that have a value (its mean(na.rm =
 * TRUE): BRP+'s part Hållbarhet has the theme Miljö only for the total),
 * and for the country's total (00 Riket) the mean of the regions'
 * composites instead of a score of its own.  normalise = none takes
 * components that are already BRP+ scores (its themes, whose mean is the
 * part's index).
 *
 * An indicator named in reverse = is turned: 100 - score for min_max,
 * -z for z_score, and 1 / x for none (so that a geometric mean stays
 * defined).  The aggregate is the weighted arithmetic mean sum w s / sum w
 * or the weighted geometric mean exp(sum w ln s / sum w) (which needs
 * every score above 0).  A region lacking one of the indicators has no
 * composite (never a mean of fewer).
 *
 * Worked example (METHODS 10.1, TV-10a): the geometric mean of 80 70 65
 * 60 55 88 with weights 0.19 0.15 0.22 0.15 0.19 0.10 is 67.45786746.
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "indic/ind_follow.h"

enum { CP_NONE = 0, CP_MIN_MAX = 1, CP_Z_SCORE = 2, CP_EIGE_GAP = 3 };

/* EIGE's domain weights, as METHODS 10.1 quotes them (work 0.19, money
 * 0.15, knowledge 0.22, time 0.15, power 0.19, health 0.10).  METHODS marks
 * them UNVERIFIED: EIGE's own weight table (2017 methodological report,
 * doi:10.2839/601545) was not retrievable, nor the 2025 edition's, whose
 * weights came from a new survey (lpanebianco/GEI2025weightsAnalysis says
 * so; it fits weights to the published index, which is no source for
 * them).  With these weights the index of the editions 2013-2022 is
 * recomputed from the rounded domain scores within 0.19 and that of 2025
 * within 3.5 (tests/cli/eige.sh prints the deviations). */
static const struct {
    const char *code;
    double w;
} cp_eige_domains[] = {{"work", 0.19},  {"money", 0.15}, {"knowledge", 0.22},
                       {"time", 0.15},  {"power", 0.19}, {"health", 0.10}};
enum { CP_EIGE_DOMAINS = sizeof cp_eige_domains / sizeof cp_eige_domains[0] };

/* Per category of over: its weight and whether it is reversed. */
typedef struct cp_parts {
    double *w;
    int *reverse;
} cp_parts;

/* "CODE:W, CODE:W" or "CODE, CODE" (codes of over) into per-category
 * weights or flags. */
static js_status cp_parse_list(const js_indicator_spec *s, const js_dim *od, const char *key, double *w,
                               int *flag, js_diag *d)
{
    const char *p = js_spec_text(s, key);
    while (p != NULL && *p != '\0') {
        p += strspn(p, " \t,");
        const size_t len = strcspn(p, ":,");
        char code[128];
        size_t a = 0, b = len;
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
            b--;
        if (b == 0 || b >= sizeof code)
            break;
        (void)snprintf(code, sizeof code, "%.*s", (int)b, p);
        const size_t k = js_dim_find(od, code);
        if (k == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: %s names \"%s\", which is no category of %s", s->id, key, code,
                          js_dim_name(od));
            return JS_EUSAGE;
        }
        p += len;
        if (w != NULL) {
            char *end = NULL;
            const double v = *p == ':' ? strtod(p + 1, &end) : (double)NAN;
            if (*p != ':' || end == p + 1 || !(v >= 0)) {
                js_diag_error(d, NULL, 0, 0, "%s: weights must be CODE:WEIGHT, ... with weights of 0 or more, "
                              "found \"%s\"", s->id, js_spec_text(s, key));
                return JS_EUSAGE;
            }
            w[k] = v;
            p = end;
        } else {
            flag[k] = 1;
        }
    }
    return JS_OK;
}

/* The normalised value of cell at coords with over = k: against the other
 * regions of the same series (or every year too). */
typedef struct cp_ctx {
    const js_indicator_spec *s;
    const js_cube *in;
    size_t over, reg, time; /* reg, time: SIZE_MAX when absent */
    int method, across_years;
    int geometric; /* the weighted geometric mean (aggregate = geometric, or preset = eige) */
    int brp;       /* preset = brp_plus */
    size_t sex, sex_total; /* brp: the sex dimension and its total, whose min and max are the base;
                              SIZE_MAX when absent */
    cp_parts parts;
    js_cube *res;
    size_t n_nonpos;
    unsigned char *national; /* per region category: the country's total */
    double *memo;            /* per cell of in (the series' first region and year): lo hi mean sd */
    unsigned char *done;     /* per cell of in: memo filled */
} cp_ctx;

/* Is region category r the country's total (00 Riket)?  It is no region
 * of the normalisation. */
static int cp_national(const cp_ctx *c, size_t r)
{
    return c->reg != SIZE_MAX && c->national[r];
}

/* min, max, mean and sd of over = k over the regions (and years) at coords,
 * the country's total left out. */
static void cp_range(const cp_ctx *c, const size_t *coords, size_t k, double *lo, double *hi, double *mean,
                     double *sd)
{
    size_t at[JS_MAX_BY + 1];
    memcpy(at, coords, sizeof at);
    at[c->over] = k;
    if (c->sex_total != SIZE_MAX) /* BRP+: every sex against the total's range */
        at[c->sex] = c->sex_total;
    const size_t nr = c->reg != SIZE_MAX ? js_dim_size(js_cube_dim(c->in, c->reg)) : 1;
    const size_t nt = c->across_years && c->time != SIZE_MAX ? js_dim_size(js_cube_dim(c->in, c->time)) : 1;
    double s = 0, ss = 0;
    size_t n = 0;
    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (size_t r = 0; r < nr; r++)
        for (size_t t = 0; t < nt; t++) {
            if (c->reg != SIZE_MAX)
                at[c->reg] = r;
            if (nt > 1)
                at[c->time] = t;
            const double v = js_cube_value(c->in, js_cube_cell_index(c->in, at));
            if (isnan(v) || cp_national(c, r))
                continue;
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
            s += v;
            n++;
        }
    *mean = s / (double)n;
    for (size_t r = 0; r < nr; r++)
        for (size_t t = 0; t < nt; t++) {
            if (c->reg != SIZE_MAX)
                at[c->reg] = r;
            if (nt > 1)
                at[c->time] = t;
            const double v = js_cube_value(c->in, js_cube_cell_index(c->in, at));
            if (!isnan(v) && !cp_national(c, r))
                ss += (v - *mean) * (v - *mean);
        }
    *sd = n > 1 ? sqrt(ss / (double)(n - 1)) : (double)NAN;
}

/* cp_range once per component and series: every region of a series
 * shares them, so the composite is linear in the cells, not quadratic. */
static void cp_range_memo(const cp_ctx *c, const size_t *coords, size_t k, double *r)
{
    size_t at[JS_MAX_BY + 1];
    memcpy(at, coords, sizeof at);
    at[c->over] = k;
    if (c->reg != SIZE_MAX)
        at[c->reg] = 0;
    if (c->across_years && c->time != SIZE_MAX)
        at[c->time] = 0;
    if (c->sex_total != SIZE_MAX)
        at[c->sex] = c->sex_total;
    const size_t key = js_cube_cell_index(c->in, at);
    if (!c->done[key]) {
        cp_range(c, coords, k, &c->memo[4 * key], &c->memo[4 * key + 1], &c->memo[4 * key + 2],
                 &c->memo[4 * key + 3]);
        c->done[key] = 1;
    }
    memcpy(r, &c->memo[4 * key], 4 * sizeof *r);
}

static double cp_score(const cp_ctx *c, const size_t *coords, size_t k, double v)
{
    const int rev = c->parts.reverse[k];
    if (c->method == CP_NONE)
        return rev ? 1 / v : v;
    double r[4];
    cp_range_memo(c, coords, k, r);
    const double lo = r[0], hi = r[1], mean = r[2], sd = r[3];
    if (c->method == CP_MIN_MAX) {
        if (!(hi > lo))
            return c->brp && !(hi < lo) && !(hi > lo) ? 0 : (double)NAN; /* BRP+ scores an indicator without spread 0 */
        const double score = 100 * (v - lo) / (hi - lo);
        return rev ? 100 - score : score;
    }
    if (!(sd > 0))
        return (double)NAN;
    const double z = (v - mean) / sd;
    return rev ? -z : z;
}

static js_status cp_cell(cp_ctx *c, const size_t *coords, size_t rcell)
{
    const js_dim *const od = js_cube_dim(c->in, c->over);
    const int geometric = c->geometric;
    size_t at[JS_MAX_BY + 1];
    memcpy(at, coords, sizeof at);
    double sw = 0, acc = 0;
    uint32_t flags = 0;
    int missing = 0, nonpos = 0;
    for (size_t k = 0; k < js_dim_size(od); k++) {
        const double w = c->parts.w[k];
        if (!(w > 0))
            continue;
        at[c->over] = k;
        const size_t cell = js_cube_cell_index(c->in, at);
        const uint32_t fl = js_cube_flags(c->in, cell) & ~(uint32_t)JS_FLAG_SMALL_N;
        const double v = js_cube_value(c->in, cell);
        const double score = isnan(v) ? v : cp_score(c, coords, k, v);
        if (isnan(score) && c->brp)
            continue; /* BRP+ takes the mean of the components there are, and says nothing of the others */
        flags |= fl;
        if (isnan(score)) {
            missing = 1;
            continue;
        }
        if (geometric && !(score > 0))
            nonpos = 1;
        sw += w;
        acc += geometric ? w * log(score) : w * score;
    }
    c->n_nonpos += nonpos && !missing;
    if (!missing && !nonpos && sw > 0)
        js_cube_set_value(c->res, rcell, geometric ? exp(acc / sw) : acc / sw);
    else if (!(flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT)))
        flags |= JS_FLAG_MISSING_INPUT;
    return flags ? js_cube_add_flags(c->res, rcell, flags) : JS_OK;
}

/* BRP+: the country's total is the mean of the regions' composites (with
 * a value) in the same year, sex ... */
static void cp_brp_national(cp_ctx *c)
{
    const size_t rd = c->reg > c->over ? c->reg - 1 : c->reg; /* the region's place in the result */
    const size_t nr = js_dim_size(js_cube_dim(c->res, rd));
    size_t rc[JS_MAX_BY + 1];
    for (size_t cell = 0; cell < js_cube_ncells(c->res); cell++) {
        js_cube_cell_coords(c->res, cell, rc);
        if (!cp_national(c, rc[rd]))
            continue;
        double sum = 0;
        size_t n = 0;
        for (size_t r = 0; r < nr; r++) {
            if (cp_national(c, r))
                continue;
            rc[rd] = r;
            const double v = js_cube_value(c->res, js_cube_cell_index(c->res, rc));
            if (!isnan(v)) {
                sum += v;
                n++;
            }
        }
        if (n > 0)
            js_cube_set_value(c->res, cell, sum / (double)n);
    }
}

static js_status cp_compute(cp_ctx *c)
{
    size_t coords[JS_MAX_BY + 1], rc[JS_MAX_BY + 1];
    js_status st = JS_OK;
    for (size_t cell = 0; st == JS_OK && cell < js_cube_ncells(c->in); cell++) {
        js_cube_cell_coords(c->in, cell, coords);
        if (coords[c->over] != 0)
            continue;
        for (size_t i = 0, j = 0; i < js_cube_ndims(c->in); i++)
            if (i != c->over)
                rc[j++] = coords[i];
        st = cp_cell(c, coords, js_cube_cell_index(c->res, rc));
    }
    if (st == JS_OK && c->brp && c->reg != SIZE_MAX)
        cp_brp_national(c);
    return st;
}

/* preset = eige: EIGE's weight for each category of od whose code (or
 * label) is a domain's name, 0 for the others; JS_EUSAGE naming a domain
 * od lacks. */
static js_status cp_eige_weights(const js_indicator_spec *s, const js_dim *od, double *w, js_diag *d)
{
    for (size_t j = 0; j < CP_EIGE_DOMAINS; j++) {
        size_t found = SIZE_MAX;
        for (size_t k = 0; k < js_dim_size(od) && found == SIZE_MAX; k++) {
            const js_category *const c = js_dim_category(od, k);
            if (strcasecmp(c->code, cp_eige_domains[j].code) == 0 ||
                (c->label != NULL && strcasecmp(c->label, cp_eige_domains[j].code) == 0))
                found = k;
        }
        if (found == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: preset = eige needs the six domains work, money, knowledge, "
                          "time, power and health in %s, found no \"%s\"", s->id, js_dim_name(od),
                          cp_eige_domains[j].code);
            return JS_EUSAGE;
        }
        w[found] = cp_eige_domains[j].w;
    }
    return JS_OK;
}

/* The sex dimension of in and its women's and men's categories;
 * JS_EUSAGE when in lacks them (normalise = eige_gap needs both). */
static js_status cp_eige_sexes(const js_indicator_spec *s, const js_cube *in, size_t *sx, size_t *wk, size_t *mk,
                               js_diag *d)
{
    *sx = js_cube_dim_by_role(in, JS_ROLE_SEX);
    *wk = *mk = SIZE_MAX;
    for (size_t k = 0; *sx != SIZE_MAX && k < js_dim_size(js_cube_dim(in, *sx)); k++) {
        const js_sex sex = js_dim_category(js_cube_dim(in, *sx), k)->sex;
        *wk = sex == JS_SEX_WOMEN && *wk == SIZE_MAX ? k : *wk;
        *mk = sex == JS_SEX_MEN && *mk == SIZE_MAX ? k : *mk;
    }
    if (*wk != SIZE_MAX && *mk != SIZE_MAX)
        return JS_OK;
    js_diag_error(d, NULL, 0, 0, "%s: normalise = eige_gap needs the metrics by sex, women and men (put the "
                  "sex dimension in by), found %s", s->id, *sx == SIZE_MAX ? "no sex dimension" : "not both");
    return JS_EUSAGE;
}

/* The scores' cube without the sex dimension sx, and where its cells are. */
typedef struct cp_gap {
    const js_cube *in;
    js_cube *res;
    size_t sx, wk, mk; /* in's sex dimension, its women's and men's categories */
    size_t reg, tim;   /* res's region dimension, time (regions_years only); SIZE_MAX: none */
    double *xbar, *gap, *mx; /* per cell of res: xbar and Gamma; per series' first cell: max xbar */
} cp_gap;

/* Cell `cell` of res: xbar and Gamma from in's women and men (NaN when
 * either is missing or both are 0), the series' max raised (the
 * country's total left out), the inputs' flags carried. */
static js_status cp_gap_cell(cp_gap *g, size_t cell, size_t key, int national)
{
    size_t rc[JS_MAX_BY + 1], at[JS_MAX_BY + 1];
    js_cube_cell_coords(g->res, cell, rc);
    for (size_t i = 0, j = 0; i < js_cube_ndims(g->in); i++)
        at[i] = i == g->sx ? g->wk : rc[j++];
    const size_t wc = js_cube_cell_index(g->in, at);
    at[g->sx] = g->mk;
    const size_t mc = js_cube_cell_index(g->in, at);
    const double xw = js_cube_value(g->in, wc), xm = js_cube_value(g->in, mc);
    const double xbar = (xw + xm) / 2;
    g->gap[cell] = xbar > 0 ? fabs(xw / xbar - 1) : (double)NAN;
    g->xbar[cell] = isnan(g->gap[cell]) ? (double)NAN : xbar;
    if (!national && g->xbar[cell] > g->mx[key])
        g->mx[key] = g->xbar[cell];
    const uint32_t flags = (js_cube_flags(g->in, wc) | js_cube_flags(g->in, mc)) & ~(uint32_t)JS_FLAG_SMALL_N;
    return flags ? js_cube_add_flags(g->res, cell, flags) : JS_OK;
}

/* normalise = eige_gap: in (metrics by sex) into *out, the same cube
 * without its sex dimension, holding each metric's score 1 + alpha (1 -
 * Gamma) 99.  Two passes: xbar and Gamma per cell and the largest xbar of
 * each series (the regions of a year, or of every year; the country's
 * total is scored but not part of the max, as for min_max); then the
 * scores.  Caller frees *out. */
static js_status cp_eige_gap(const js_indicator_spec *s, const js_cube *in, js_cube **out, js_diag *d)
{
    cp_gap g = {.in = in};
    js_status st = cp_eige_sexes(s, in, &g.sx, &g.wk, &g.mk, d);
    if (st == JS_OK)
        st = ind_result_like(in, g.sx, &g.res);
    if (st != JS_OK)
        return st;
    const size_t n = js_cube_ncells(g.res);
    g.reg = js_cube_dim_by_role(g.res, JS_ROLE_REGION);
    g.tim = js_spec_word(s, "normalise_over") == 1 ? js_cube_dim_by_role(g.res, JS_ROLE_TIME) : SIZE_MAX;
    g.xbar = js_calloc(n + 1, sizeof *g.xbar);
    g.gap = js_calloc(n + 1, sizeof *g.gap);
    g.mx = js_calloc(n + 1, sizeof *g.mx);
    if (g.xbar == NULL || g.gap == NULL || g.mx == NULL)
        st = JS_ENOMEM;
    for (size_t pass = 0; st == JS_OK && pass < 2; pass++)
        for (size_t cell = 0; st == JS_OK && cell < n; cell++) {
            size_t rc[JS_MAX_BY + 1];
            js_cube_cell_coords(g.res, cell, rc);
            const int national = g.reg != SIZE_MAX &&
                                 ind_region_is_national(js_dim_category(js_cube_dim(g.res, g.reg), rc[g.reg]));
            if (g.reg != SIZE_MAX)
                rc[g.reg] = 0;
            if (g.tim != SIZE_MAX)
                rc[g.tim] = 0;
            const size_t key = js_cube_cell_index(g.res, rc); /* the series' first cell */
            if (pass == 0) {
                st = cp_gap_cell(&g, cell, key, national);
            } else if (g.mx[key] > 0 && !isnan(g.xbar[cell])) {
                js_cube_set_value(g.res, cell, 1 + g.xbar[cell] / g.mx[key] * (1 - g.gap[cell]) * 99);
            }
        }
    js_free(g.xbar);
    js_free(g.gap);
    js_free(g.mx);
    if (st != JS_OK) {
        js_cube_free(g.res);
        return st;
    }
    *out = g.res;
    return JS_OK;
}

static js_status ind_composite(const js_indicator_spec *s, const js_cube *const *inputs, js_cube **out,
                               js_diag *d)
{
    const js_cube *in = inputs[0];
    js_cube *own = NULL;
    js_status st = in == NULL ? ind_aggregate(s, inputs[1], NULL, &in, &own, d) : JS_OK;
    const int eige = js_spec_word(s, "preset") == 1;
    js_cube *gaps = NULL;
    if (st == JS_OK && js_spec_word(s, "normalise") == CP_EIGE_GAP && (st = cp_eige_gap(s, in, &gaps, d)) == JS_OK)
        in = gaps; /* the metrics' scores, the sex dimension gone */
    cp_ctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.in = in;
    if (st == JS_OK) {
        c.over = js_cube_find_dim(in, js_spec_text(s, "over"));
        if (c.over == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: over = %s names no dimension of the input (put it in by)", s->id,
                          js_spec_text(s, "over"));
            st = JS_EUSAGE;
        }
    }
    if (st == JS_OK && js_cube_ndims(in) > JS_MAX_BY)
        st = JS_EUSAGE;
    const size_t n = st == JS_OK ? js_dim_size(js_cube_dim(in, c.over)) : 0;
    c.parts.w = js_calloc(n + 1, sizeof *c.parts.w);
    c.parts.reverse = js_calloc(n + 1, sizeof *c.parts.reverse);
    if (st == JS_OK && (c.parts.w == NULL || c.parts.reverse == NULL))
        st = JS_ENOMEM;
    if (st == JS_OK) {
        c.memo = js_calloc(4 * js_cube_ncells(in) + 1, sizeof *c.memo);
        c.done = js_calloc(js_cube_ncells(in) + 1, 1);
        c.reg = js_cube_dim_by_role(in, JS_ROLE_REGION);
        const size_t nr = c.reg != SIZE_MAX ? js_dim_size(js_cube_dim(in, c.reg)) : 0;
        c.national = js_calloc(nr + 1, 1);
        for (size_t r = 0; c.national != NULL && r < nr; r++)
            c.national[r] = (unsigned char)ind_region_is_national(js_dim_category(js_cube_dim(in, c.reg), r));
        if (c.memo == NULL || c.done == NULL || c.national == NULL)
            st = JS_ENOMEM;
    }
    if (st == JS_OK) {
        c.time = js_cube_dim_by_role(in, JS_ROLE_TIME);
        c.method = js_spec_word(s, "normalise");
        c.method = c.method == CP_EIGE_GAP || eige ? CP_NONE : c.method;
        c.geometric = js_spec_word(s, "aggregate") == 1 || eige;
        c.across_years = js_spec_word(s, "normalise_over") == 1;
        c.brp = js_spec_word(s, "preset") == 2;
        c.sex = c.sex_total = SIZE_MAX;
        const size_t sx = js_cube_dim_by_role(in, JS_ROLE_SEX);
        for (size_t k = 0; c.brp && sx != SIZE_MAX && sx != c.over && k < js_dim_size(js_cube_dim(in, sx)); k++)
            if (js_dim_category(js_cube_dim(in, sx), k)->sex == JS_SEX_TOTAL && c.sex_total == SIZE_MAX) {
                c.sex = sx;
                c.sex_total = k;
            }
        for (size_t k = 0; k < n; k++)
            c.parts.w[k] = js_spec_text(s, "weights") || eige ? 0 : 1;
        st = eige && js_spec_text(s, "weights") == NULL ? cp_eige_weights(s, js_cube_dim(in, c.over), c.parts.w, d)
                                                        : cp_parse_list(s, js_cube_dim(in, c.over), "weights",
                                                                        c.parts.w, NULL, d);
    }
    if (st == JS_OK)
        st = cp_parse_list(s, js_cube_dim(in, c.over), "reverse", NULL, c.parts.reverse, d);
    if (st == JS_OK)
        st = ind_result_like(in, c.over, &c.res);
    if (st == JS_OK)
        st = cp_compute(&c);
    if (st == JS_OK && c.n_nonpos > 0)
        js_diag_warn(d, NULL, 0, 0, "%s: %zu composites have a score of 0 or below, where a geometric mean "
                     "takes logarithms: no value", s->id, c.n_nonpos);
    js_free(c.parts.w);
    js_free(c.parts.reverse);
    js_free(c.memo);
    js_free(c.done);
    js_free(c.national);
    js_cube_free(own);
    js_cube_free(gaps);
    if (st != JS_OK) {
        js_cube_free(c.res);
        return st;
    }
    *out = c.res;
    return JS_OK;
}

static const js_input_def cp_inputs[] = {
    {"of", JS_INPUT_INDICATOR, 1, 0, "an indicator defined above with the components in a dimension"},
    {"data", JS_INPUT_DATA, 1, 1, "or a data section (summed by by under where)"},
    IND_INPUT_END};

static const char *const cp_methods[] = {"none", "min_max", "z_score", "eige_gap", NULL};
static const char *const cp_presets[] = {"none", "eige", "brp_plus", NULL};
static const char *const cp_over[] = {"regions", "regions_years", NULL};
static const char *const cp_aggregates[] = {"arithmetic", "geometric", NULL};

static const js_key cp_keys[] = {
    {"over", JS_KEY_TEXT, NULL, 0, 0, NULL, 1, "the dimension whose categories are the components"},
    {"normalise", JS_KEY_ENUM, "min_max", 0, 0, cp_methods, 0,
     "none, min_max (0-100), z_score, or eige_gap (EIGE's achievement-corrected gender gap of metrics by "
     "sex, 1-100); with preset = eige none unless eige_gap"},
    {"normalise_over", JS_KEY_ENUM, "regions", 0, 0, cp_over, 0,
     "the min, max, mean and sd over the regions of each year, or over regions and years"},
    {"aggregate", JS_KEY_ENUM, "arithmetic", 0, 0, cp_aggregates, 0,
     "the weighted arithmetic or geometric mean of the scores (geometric with preset = eige)"},
    {"weights", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "CODE:WEIGHT, ... (default: every component weighs 1)"},
    {"reverse", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "the components where a higher value is worse: CODE, ..."},
    {"preset", JS_KEY_ENUM, "none", 0, 0, cp_presets, 0,
     "eige: EIGE's Gender Equality Index of the domains work, money, knowledge, time, power and health "
     "(codes of over): EIGE's weights, the geometric mean; brp_plus: BRP+'s index: min_max against the sex "
     "total's range (0 without spread), the mean of the components there are, the country as the mean of "
     "the regions"},
    IND_KEY_END};

const js_kind ind_kind_composite = {
    .name = "composite",
    .family = "regional comparison",
    .inputs = cp_inputs,
    .keys = cp_keys,
    .unit_sv = "index",
    .unit_en = "index",
    .unit_doc = "index",
    .decimals = 1,
    .doc_en = "A composite of the components in dimension over: each normalised (min_max: 100 (x - min) / "
        "(max - min) over the regions; z_score; none; eige_gap: 1 + alpha (1 - Gamma) 99 of metrics by sex, "
        "Gamma = |x_W / xbar - 1|, alpha = xbar / max xbar), turned where reverse = names it (100 - score, "
        "-z, 1 / x), and aggregated by the weighted arithmetic mean or the weighted geometric mean exp(sum "
        "w ln s / sum w). A region lacking a component has no composite. preset = eige: EIGE's Gender "
        "Equality Index of its six domain scores. preset = brp_plus: BRP+ (Tillväxtverket): min_max with the "
        "min and max of the sex total over the regions as every sex's base (0 where they are equal), the "
        "mean of the components that have a value, and the country's total as the mean of the regions' "
        "composites.",
    .doc_sv = "Ett sammanvägt index av komponenterna i dimensionen over: normaliserade (min_max 0-100 över "
        "regionerna, z_score eller none), vända där högre är sämre, och vägda med aritmetiskt eller "
        "geometriskt medelvärde. preset = brp_plus: BRP+ (Tillväxtverket), med totalens min och max som "
        "bas för båda könen och riket som medelvärdet av regionerna.",
    .compute = ind_composite,
};
