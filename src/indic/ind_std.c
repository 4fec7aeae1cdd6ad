/*
 * ind_std.c - age standardisation (METHODS 4): kinds standardised_rate
 * (direct, on a standard population) and smr (indirect: observed events
 * against those the reference population's rates would give), and the
 * crude_rate they are compared with (all events over all person-years).
 *
 * All three read events and population by age through the frame of
 * ind_demog.c.  The data's age classes are summed into the standard's
 * bands; a class that straddles two bands, a band the classes do not
 * cover and classes that overlap (PHE's test data have "55-69" among
 * five-year bands) are errors that name them.  Classes outside every band
 * (a standard for ages 0-74) are left out.
 *
 *   standardised_rate  DSR = sum w_b d_b / p_b per `per`, w = S / sum S;
 *                      Dobson's interval on Byar's limits (limits = exact:
 *                      chi-square); no value below min_events (PHE: 10).
 *                      S: ESP 2013, an inline list or a [data] section's
 *                      table (the input standard, read whole).  With
 *                      event_frequency (PHE's independent_events = FALSE)
 *                      the events are persons by number of events k:
 *                      d_b = sum k x_kb, V = sum w_b^2 (sum k^2 x_kb) / p_b^2,
 *                      from the events weighted by k and by k^2, each
 *                      aggregated as the events are
 *   smr                O / E, E = sum p_b R_b with the reference rates R;
 *                      output = rate: the indirectly standardised rate,
 *                      SMR x the reference's crude rate; Byar's interval
 *                      from 10 events, exact below (PHE)
 */
#include "indic/ind_demog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "stats/lifetable.h"
#include "stats/stdrate.h"
#include "indic/select.h"

/* ---- the standard -------------------------------------------------------------------- */

#define STD_MAX_BANDS 128

typedef struct std_band {
    double lo, hi, w;
    size_t from, to;  /* the frame classes in the band: [from, to) */
    const char *code; /* the band's age code in a [data] standard (borrowed); NULL: none */
} std_band;

/* ESP 2013 (Eurostat KS-RA-13-028 Annex F; METHODS 4.1): 0-4 ... 85-89, 90+ */
static const double esp2013[19] = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                                   7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000};

/* "5-9" for [5, 10), "90+" for [90, inf), the code of a [data] standard's band. */
static const char *std_band_name(const std_band *b, char *buf, size_t cap)
{
    if (b->code != NULL)
        return b->code;
    if (isinf(b->hi))
        (void)snprintf(buf, cap, "%g+", b->lo);
    else if (!(floor(b->hi) < b->hi) && !(floor(b->lo) < b->lo)) /* whole years */
        (void)snprintf(buf, cap, "%g-%g", b->lo, b->hi - 1);
    else
        (void)snprintf(buf, cap, "from %g to %g", b->lo, b->hi);
    return buf;
}

/* The standard as messages name it: "standard = NAME ([data NAME])" or "the standard". */
static void std_what(const js_indicator_spec *s, const js_cube *in_std, char *buf, size_t cap)
{
    if (in_std != NULL)
        (void)snprintf(buf, cap, "standard = %s ([data %s])", js_spec_text(s, "standard"),
                       js_spec_text(s, "standard"));
    else
        (void)snprintf(buf, cap, "the standard");
}

/* The standard of a [data] section's table: one population per category of
 * its age dimension (a total category is no band); any other dimension has
 * one category. */
static js_status std_from_data(const js_indicator_spec *s, const js_cube *c, const char *what, std_band *b,
                               size_t *n, js_diag *d)
{
    const size_t age = js_cube_dim_by_role(c, JS_ROLE_AGE);
    if (age == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: %s: expected a table with an age dimension (role age, e.g. "
                      "role.COLUMN = age), found %zu dimension%s and none of them age", s->id, what,
                      js_cube_ndims(c), js_cube_ndims(c) == 1 ? "" : "s");
        return JS_EDATA;
    }
    for (size_t j = 0; j < js_cube_ndims(c); j++) {
        const js_dim *const dim = js_cube_dim(c, j);
        if (j != age && js_dim_size(dim) > 1) {
            js_diag_error(d, NULL, 0, 0, "%s: %s: expected one population per age band, found %zu "
                          "categories of dimension %s (%s, %s%s): give the standard without it, or "
                          "with one category", s->id, what, js_dim_size(dim), js_dim_name(dim),
                          js_dim_category(dim, 0)->code, js_dim_category(dim, 1)->code,
                          js_dim_size(dim) > 2 ? ", ..." : "");
            return JS_EDATA;
        }
    }
    size_t *const idx = js_calloc(js_cube_ndims(c), sizeof *idx);
    if (idx == NULL)
        return JS_ENOMEM;
    const js_dim *const ad = js_cube_dim(c, age);
    js_status st = JS_OK;
    *n = 0;
    for (size_t k = 0; st == JS_OK && k < js_dim_size(ad); k++) {
        const js_category *const cat = js_dim_category(ad, k);
        if (cat->is_total)
            continue;
        idx[age] = k;
        const size_t cell = js_cube_cell_index(c, idx);
        const double v = js_cube_value(c, cell);
        st = JS_EDATA;
        if (isnan(cat->age_lo))
            js_diag_error(d, NULL, 0, 0, "%s: %s: expected age bands, found the age category %s", s->id,
                          what, cat->code);
        else if (js_cube_status(c, cell) != JS_CELL_OK)
            js_diag_error(d, NULL, 0, 0, "%s: %s: band %s: expected a population, found a %s cell",
                          s->id, what, cat->code, js_cell_name(js_cube_status(c, cell)));
        else if (!(v >= 0) || !isfinite(v))
            js_diag_error(d, NULL, 0, 0, "%s: %s: band %s: expected a population >= 0, found %g", s->id,
                          what, cat->code, v);
        else if (*n >= STD_MAX_BANDS)
            js_diag_error(d, NULL, 0, 0, "%s: %s: expected at most %d bands, found more", s->id, what,
                          STD_MAX_BANDS);
        else
            st = JS_OK;
        if (st == JS_OK)
            b[(*n)++] = (std_band){cat->age_lo, cat->age_hi, v, 0, 0, cat->code};
    }
    js_free(idx);
    return st;
}

/* The standard's bands from its key: esp2013, esp2013_85 (85+ = 2500) or
 * "BAND:WEIGHT, ...". */
static js_status std_parse_text(const js_indicator_spec *s, std_band *b, size_t *n, js_diag *d)
{
    const char *const text = js_spec_text(s, "standard");
    const int esp85 = strcasecmp(text, "esp2013_85") == 0;
    if (strcasecmp(text, "esp2013") == 0 || esp85) {
        *n = esp85 ? 18 : 19;
        for (size_t i = 0; i < *n; i++)
            b[i] = (std_band){5.0 * (double)i, i + 1 == *n ? (double)INFINITY : 5.0 * (double)(i + 1),
                              esp85 && i == 17 ? 2500 : esp2013[i], 0, 0, NULL};
        return JS_OK;
    }
    if (strchr(text, ':') == NULL) { /* a word: no such standard, and no section of that name */
        js_diag_error(d, NULL, 0, 0, "%s: standard must be esp2013, esp2013_85, a list of BAND:WEIGHT "
                      "(0-4:5000, 5-9:5500, ...) or the name of a [data] section, found \"%.40s\", which "
                      "is none of these (no [data] section has that name)", s->id, text);
        return JS_EUSAGE;
    }
    *n = 0;
    for (const char *p = text; *p != '\0' && *n < STD_MAX_BANDS;) {
        p += strspn(p, " \t,");
        if (*p == '\0')
            break;
        const char *const colon = strchr(p, ':');
        char band[64];
        const size_t len = colon ? (size_t)(colon - p) : 0;
        double lo = 0, hi = 0;
        char *end = NULL;
        if (colon != NULL && len < sizeof band) {
            memcpy(band, p, len);
            band[len] = '\0';
            if (len > 0 && band[len - 1] == '+')
                band[len - 1] = '-'; /* 90+ as 90- */
        }
        const double w = colon ? strtod(colon + 1, &end) : (double)NAN;
        if (colon == NULL || len >= sizeof band || !js_selection_age_range(band, &lo, &hi) ||
            end == colon + 1 || !(w >= 0) || !isfinite(w)) {
            js_diag_error(d, NULL, 0, 0, "%s: standard must be esp2013, esp2013_85, a list of "
                          "BAND:WEIGHT with weights >= 0 (0-4:5000, 5-9:5500, ...) or the name of a "
                          "[data] section, found \"%.40s\"", s->id, p);
            return JS_EUSAGE;
        }
        b[(*n)++] = (std_band){lo, hi, w, 0, 0, NULL};
        p = end;
    }
    if (*n == 0) {
        js_diag_error(d, NULL, 0, 0, "%s: standard names no band", s->id);
        return JS_EUSAGE;
    }
    return JS_OK;
}

/* The bands sorted by age; they must tile (no gap, no overlap) and weigh
 * more than nothing. */
static js_status std_check(const js_indicator_spec *s, const char *what, std_band *b, size_t n, js_diag *d)
{
    for (size_t i = 1; i < n; i++) /* insertion sort: a few dozen bands */
        for (size_t j = i; j > 0 && b[j].lo < b[j - 1].lo; j--) {
            const std_band t = b[j];
            b[j] = b[j - 1];
            b[j - 1] = t;
        }
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        char x[64], y[64];
        const char *const prev = i > 0 ? std_band_name(&b[i - 1], x, sizeof x) : NULL;
        const char *const cur = std_band_name(&b[i], y, sizeof y);
        if (i > 0 && b[i].lo < b[i - 1].hi - 1e-9) {
            js_diag_error(d, NULL, 0, 0, "%s: %s: the bands %s and %s overlap: expected bands that "
                          "tile the ages, each starting where the one before ends", s->id, what, prev, cur);
            return JS_EDATA;
        }
        if (i > 0 && b[i].lo > b[i - 1].hi + 1e-9) {
            js_diag_error(d, NULL, 0, 0, "%s: %s: no band for the ages from %g to %g (between %s and "
                          "%s): expected bands that tile the ages, each starting where the one before "
                          "ends", s->id, what, b[i - 1].hi, b[i].lo, prev, cur);
            return JS_EDATA;
        }
        sum += b[i].w;
    }
    if (!(sum > 0)) {
        js_diag_error(d, NULL, 0, 0, "%s: %s: expected weights with a sum above 0, found %g", s->id, what, sum);
        return JS_EDATA;
    }
    return JS_OK;
}

/* The standard: a [data] section's table (in_std) or the key's text. */
static js_status std_parse(const js_indicator_spec *s, const js_cube *in_std, const char *what, std_band *b,
                           size_t *n, js_diag *d)
{
    const js_status st = in_std != NULL ? std_from_data(s, in_std, what, b, n, d) : std_parse_text(s, b, n, d);
    return st == JS_OK ? std_check(s, what, b, *n, d) : st;
}

/* Which frame classes make each band: every band covered exactly. */
static js_status std_map(const js_indicator_spec *s, const dm_frame *f, const char *what, std_band *b,
                         size_t n, js_diag *d)
{
    const js_dim *const ad = js_cube_dim(f->ev, f->ev_age);
    for (size_t i = 0; i < n; i++) {
        char name[64];
        size_t k = 0;
        while (k < f->n_cls && f->cls[k].hi <= b[i].lo + 1e-9)
            k++;
        b[i].from = k;
        double at = b[i].lo;
        while (k < f->n_cls && f->cls[k].lo < b[i].hi - 1e-9) {
            const char *const code = js_dim_category(ad, f->cls[k].ev_cat)->code;
            if (f->cls[k].hi > b[i].hi + 1e-9 || f->cls[k].lo < b[i].lo - 1e-9) {
                js_diag_error(d, NULL, 0, 0, "%s: the data's age class %s straddles the band %s of %s "
                              "(which starts at %g and ends at %g)", s->id, code,
                              std_band_name(&b[i], name, sizeof name), what, b[i].lo, b[i].hi);
                return JS_EDATA;
            }
            if (fabs(f->cls[k].lo - at) > 1e-9)
                break;
            at = f->cls[k].hi;
            k++;
        }
        b[i].to = k;
        if (!(fabs(at - b[i].hi) < 1e-9 || (isinf(at) && isinf(b[i].hi)))) {
            js_diag_error(d, NULL, 0, 0, "%s: the data's age classes do not cover the band %s of %s "
                          "(from %g to %g; they reach %g)", s->id, std_band_name(&b[i], name, sizeof name),
                          what, b[i].lo, b[i].hi, at);
            return JS_EDATA;
        }
    }
    return JS_OK;
}

/* ---- the work of one indicator --------------------------------------------------------- */

typedef struct std_work {
    const js_indicator_spec *s;
    const dm_frame *f;
    const dm_frame *g;   /* event_frequency: the frame of sum k^2 x (the variance's), else NULL */
    js_cube *res;
    size_t res_ev[JS_MAX_BY + 3];
    std_band band[STD_MAX_BANDS];
    size_t n_band;
    char what[200];      /* the standard in messages (std_what) */
    double *cd, *ce;     /* per frame class: events, person-years */
    double dd[STD_MAX_BANDS], pp[STD_MAX_BANDS]; /* per band: events, person-years */
    double qq[STD_MAX_BANDS]; /* per band, with g: sum k^2 x */
    size_t *years, *ev_idx;
    size_t ny;           /* years in the window of the cell std_gather gathered */
    int pool;
    double z, alpha;
    size_t n_no_prev, n_window;
    js_buf first_no_prev, first_window;
} std_work;

static js_status std_work_init(std_work *w, const js_indicator_spec *s, const dm_frame *f)
{
    w->s = s;
    w->f = f;
    w->pool = (int)js_spec_num(s, "pool");
    const double level = js_spec_num(s, "level");
    w->alpha = 1 - level / 100;
    w->z = js_normal_quantile(1 - w->alpha / 2);
    js_buf_init(&w->first_no_prev);
    js_buf_init(&w->first_window);
    const size_t nt = f->ev_time == SIZE_MAX ? 1 : js_dim_size(js_cube_dim(f->ev, f->ev_time));
    w->cd = js_calloc(f->n_cls + 1, sizeof *w->cd);
    w->ce = js_calloc(f->n_cls + 1, sizeof *w->ce);
    w->years = js_calloc(nt + (size_t)w->pool, sizeof *w->years);
    w->ev_idx = js_calloc(js_cube_ndims(f->ev), sizeof *w->ev_idx);
    return w->cd && w->ce && w->years && w->ev_idx ? JS_OK : JS_ENOMEM;
}

static void std_work_fini(std_work *w, js_diag *d)
{
    if (d != NULL && w->n_no_prev)
        js_diag_warn(d, NULL, 0, 0, "%s: %zu result%s without the population of 31 December the year "
                     "before (flagged missing_input); the first: %s", w->s->id, w->n_no_prev,
                     w->n_no_prev == 1 ? "" : "s", js_buf_cstr(&w->first_no_prev));
    if (d != NULL && w->n_window)
        js_diag_warn(d, NULL, 0, 0, "%s: %zu result%s with fewer years than pool before it (flagged "
                     "missing_input); the first: %s", w->s->id, w->n_window, w->n_window == 1 ? "" : "s",
                     js_buf_cstr(&w->first_window));
    js_buf_fini(&w->first_no_prev);
    js_buf_fini(&w->first_window);
    js_free(w->cd);
    js_free(w->ce);
    js_free(w->years);
    js_free(w->ev_idx);
}

static js_status std_error(const std_work *w, size_t r, size_t k, const char *what, js_diag *d)
{
    js_buf b;
    js_buf_init(&b);
    dm_describe(w->f, w->res, r, k, &b);
    js_diag_error(d, NULL, 0, 0, "%s: %s: %s", w->s->id, js_buf_cstr(&b), what);
    js_buf_fini(&b);
    return JS_EDATA;
}

/* Events and person-years per class and per band of result cell r; *flags
 * with JS_FLAG_MISSING_INPUT when the cell cannot be computed. */
static js_status std_gather(std_work *w, size_t r, uint32_t *flags, js_diag *d)
{
    const dm_frame *const f = w->f;
    size_t t;
    dm_coords(f, w->res, w->res_ev, r, w->ev_idx, &t);
    const size_t ny = dm_window(f, t, w->pool, w->years);
    w->ny = ny;
    if (f->time_in_by && ny < (size_t)w->pool) {
        if (w->n_window++ == 0)
            dm_describe(f, w->res, r, SIZE_MAX, &w->first_window);
        *flags |= JS_FLAG_MISSING_INPUT;
        return JS_OK;
    }
    int no_prev = 0;
    for (size_t k = 0; k < f->n_cls; k++) {
        dm_sum(f, w->ev_idx, k, w->years, ny, &w->cd[k], &w->ce[k], flags, &no_prev);
        if (w->cd[k] < 0)
            return std_error(w, r, k, "a negative number of events", d);
        if (w->ce[k] < 0)
            return std_error(w, r, k, "a negative population", d);
    }
    if (no_prev && w->n_no_prev++ == 0)
        dm_describe(f, w->res, r, SIZE_MAX, &w->first_no_prev);
    for (size_t i = 0; i < w->n_band; i++) {
        w->dd[i] = w->pp[i] = 0;
        for (size_t k = w->band[i].from; k < w->band[i].to; k++) {
            w->dd[i] += w->cd[k];
            w->pp[i] += w->ce[k];
        }
    }
    if (*flags & (JS_FLAG_SUPPRESSED_INPUT | JS_FLAG_MISSING_INPUT))
        *flags |= JS_FLAG_MISSING_INPUT;
    return JS_OK;
}

/* Frame, standard bands, result shape: what both kinds begin with
 * (in_std: a [data] standard, for bands_from_standard; NULL: the key's). */
static js_status std_begin(const js_indicator_spec *s, const js_cube *events, const js_cube *population,
                           const js_cube *in_std, dm_frame *f, std_work *w, int bands_from_standard,
                           js_diag *d)
{
    memset(w, 0, sizeof *w);
    std_what(s, in_std, w->what, sizeof w->what);
    const int mid_year = js_spec_word(s, "exposure") == 1;
    js_status st = dm_frame_init(f, s, events, population, "events", "population", mid_year, 0, d);
    if (st != JS_OK)
        return st;
    if (js_spec_num(s, "pool") > 1 && !f->time_in_by && f->ev_time != SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: pool needs the time dimension in by", s->id);
        st = JS_EUSAGE;
    }
    if (st == JS_OK && bands_from_standard)
        st = std_parse(s, in_std, w->what, w->band, &w->n_band, d);
    if (st == JS_OK && !bands_from_standard) {
        /* indirect: the data's own classes are the strata */
        w->n_band = f->n_cls < STD_MAX_BANDS ? f->n_cls : STD_MAX_BANDS;
        for (size_t k = 0; k < w->n_band; k++)
            w->band[k] = (std_band){f->cls[k].lo, f->cls[k].hi, 1, k, k + 1, NULL};
    }
    if (st == JS_OK && bands_from_standard)
        st = std_map(s, f, w->what, w->band, w->n_band, d);
    if (st == JS_OK)
        st = dm_result_shape(f, (int)js_spec_num(s, "pool"), &w->res, w->res_ev);
    if (st == JS_OK)
        st = js_cube_alloc_cells(w->res);
    const js_status wst = st == JS_OK ? std_work_init(w, s, f) : JS_OK;
    return st != JS_OK ? st : wst;
}

static js_status std_end(js_status st, dm_frame *f, std_work *w, js_cube **out, js_diag *d)
{
    std_work_fini(w, st == JS_OK ? d : NULL);
    dm_frame_fini(f);
    if (st != JS_OK) {
        js_cube_free(w->res);
        return st;
    }
    *out = w->res;
    return JS_OK;
}

/* ---- standardised_rate ----------------------------------------------------------------- */

/* With event_frequency: sum k^2 x per band of the cell std_gather gathered
 * (the classes are f's, the years its window). */
static void dsr_gather_q(std_work *w)
{
    uint32_t fl = 0; /* the same cells as f's: their flags are counted there */
    int no_prev = 0;
    for (size_t i = 0; i < w->n_band; i++) {
        w->qq[i] = 0;
        for (size_t k = w->band[i].from; k < w->band[i].to; k++) {
            double q, e;
            dm_sum(w->g, w->ev_idx, k, w->years, w->ny, &q, &e, &fl, &no_prev);
            w->qq[i] += q;
        }
    }
}

static js_status dsr_one(std_work *w, size_t r, js_diag *d)
{
    uint32_t flags = 0;
    js_status st = std_gather(w, r, &flags, d);
    if (st != JS_OK || (flags & JS_FLAG_MISSING_INPUT))
        return st == JS_OK && flags ? js_cube_add_flags(w->res, r, flags) : st;
    if (w->g != NULL)
        dsr_gather_q(w);
    double wsum = 0;
    for (size_t i = 0; i < w->n_band; i++) {
        if (w->pp[i] <= 0 && w->dd[i] > 0) /* the stratum's rate is infinite */
            return std_error(w, r, w->band[i].from, "events where the population is zero", d);
        wsum += w->band[i].w;
    }
    double sw[STD_MAX_BANDS], sd[STD_MAX_BANDS], sp[STD_MAX_BANDS], sq[STD_MAX_BANDS];
    size_t m = 0;
    for (size_t i = 0; i < w->n_band; i++)
        if (w->pp[i] > 0) { /* an empty stratum with no events adds nothing (METHODS 4.2) */
            sw[m] = w->band[i].w / wsum;
            sd[m] = w->dd[i];
            sq[m] = w->qq[i];
            sp[m++] = w->pp[i];
        }
    double dsr = 0, var = 0, o = 0;
    if (m > 0)
        js_dsr(sd, sp, sw, m, &dsr, &var, &o);
    if (m > 0 && w->g != NULL) { /* non-independent events: V = sum w^2 (sum k^2 x) / p^2 */
        double unused_dsr, unused_o;
        js_dsr(sq, sp, sw, m, &unused_dsr, &var, &unused_o);
    }
    const double per = js_spec_num(w->s, "per");
    if (!(o >= js_spec_num(w->s, "min_events")) || o <= 0) {
        flags |= JS_FLAG_SMALL_N; /* PHE publishes no DSR below 10 events */
    } else {
        double olo, ohi, lo, hi;
        if (js_spec_word(w->s, "limits") == 1)
            js_poisson_exact_limits(o, w->alpha, &olo, &ohi);
        else
            js_byar_limits(o, w->z, &olo, &ohi);
        js_dobson(dsr, var, o, olo, ohi, &lo, &hi);
        js_cube_set_value(w->res, r, dsr * per);
        st = js_cube_set_ci(w->res, r, lo * per, hi * per);
    }
    return st == JS_OK && flags ? js_cube_add_flags(w->res, r, flags) : st;
}

/* The number of events of each category of the events' dimension
 * event_frequency (its codes 1, 2, 3, ...) into *k (caller frees), and the
 * dimension. */
static js_status dsr_freq_codes(const js_indicator_spec *s, const js_cube *ev, size_t *dim, double **k,
                                js_diag *d)
{
    const char *const name = js_spec_text(s, "event_frequency");
    *dim = js_cube_find_dim(ev, name);
    if (*dim == SIZE_MAX) {
        js_buf have;
        js_buf_init(&have);
        for (size_t j = 0; j < js_cube_ndims(ev); j++)
            js_buf_printf(&have, "%s%s", j ? ", " : "", js_dim_name(js_cube_dim(ev, j)));
        js_diag_error(d, NULL, 0, 0, "%s: event_frequency = %s: expected a dimension of the events, "
                      "found none of that name (they have %s)", s->id, name, js_buf_cstr(&have));
        js_buf_fini(&have);
        return JS_EUSAGE;
    }
    const js_dim *const fd = js_cube_dim(ev, *dim);
    for (size_t b = 0; b < s->n_by; b++)
        if (strcasecmp(s->by[b], js_dim_name(fd)) == 0) {
            js_diag_error(d, NULL, 0, 0, "%s: event_frequency = %s: a rate counts the events of every "
                          "frequency, so by cannot keep %s", s->id, name, js_dim_name(fd));
            return JS_EUSAGE;
        }
    *k = js_calloc(js_dim_size(fd) + 1, sizeof **k);
    if (*k == NULL)
        return JS_ENOMEM;
    for (size_t c = 0; c < js_dim_size(fd); c++) {
        const char *const code = js_dim_category(fd, c)->code;
        char *end = NULL;
        const double v = strtod(code, &end);
        if (end == code || *end != '\0' || !(v >= 1) || !isfinite(v) || floor(v) < v) {
            js_diag_error(d, NULL, 0, 0, "%s: event_frequency = %s: expected codes that are numbers of "
                          "events (1, 2, 3, ...), found \"%s\"", s->id, name, code);
            js_free(*k);
            *k = NULL;
            return JS_EDATA;
        }
        (*k)[c] = v;
    }
    return JS_OK;
}

/* The events with each cell's persons x k^power, k its number of events
 * (dsr_freq_codes): power 1 gives the events, 2 the sum k^2 x of their
 * variance (PHEindicatormethods' DSR.R, independent_events = FALSE).  The
 * frequency dimension is then summed like any dimension not in by.  Caller
 * owns *out. */
static js_status dsr_freq_weighted(const js_indicator_spec *s, const js_cube *ev, int power, js_cube **out,
                                   js_diag *d)
{
    size_t dim;
    double *k = NULL;
    js_status st = dsr_freq_codes(s, ev, &dim, &k, d);
    js_cube *c = NULL;
    size_t *idx = st == JS_OK ? js_calloc(js_cube_ndims(ev), sizeof *idx) : NULL;
    if (st == JS_OK && idx == NULL)
        st = JS_ENOMEM;
    if (st == JS_OK)
        st = js_cube_clone_categories(ev, SIZE_MAX, &c);
    if (st == JS_OK)
        st = js_cube_alloc_cells(c);
    for (size_t cell = 0; st == JS_OK && cell < js_cube_ncells(ev); cell++) {
        js_cube_cell_coords(ev, cell, idx);
        const double f = power == 2 ? k[idx[dim]] * k[idx[dim]] : k[idx[dim]];
        const js_cell status = js_cube_status(ev, cell);
        const char *const symbol = js_cube_symbol(ev, cell);
        if (status == JS_CELL_OK)
            js_cube_set_value(c, cell, js_cube_value(ev, cell) * f);
        if (status != JS_CELL_OK || symbol != NULL)
            st = js_cube_set_status(c, cell, status, symbol);
        if (st == JS_OK && js_cube_flags(ev, cell))
            st = js_cube_add_flags(c, cell, js_cube_flags(ev, cell));
    }
    js_free(idx);
    js_free(k);
    if (st != JS_OK) {
        js_cube_free(c);
        return st;
    }
    *out = c;
    return JS_OK;
}

/* Non-independent events: the rate of sum k x, its variance from sum k^2 x. */
static js_status dsr_compute_freq(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                                  js_diag *d)
{
    js_indicator_spec own = *s;
    own.cache = NULL; /* the weighted events live in this call: a cache keyed by their address would not */
    js_cube *ev = NULL, *ev2 = NULL;
    js_status st = dsr_freq_weighted(s, in[0], 1, &ev, d);
    if (st == JS_OK)
        st = dsr_freq_weighted(s, in[0], 2, &ev2, d);
    dm_frame f, g;
    std_work w;
    memset(&f, 0, sizeof f);
    memset(&g, 0, sizeof g);
    memset(&w, 0, sizeof w);
    if (st == JS_OK)
        st = std_begin(&own, ev, in[1], in[2], &f, &w, 1, d);
    if (st == JS_OK)
        st = dm_frame_init(&g, &own, ev2, in[1], "events", "population", js_spec_word(s, "exposure") == 1, 0, d);
    if (st == JS_OK && (g.n_cls != f.n_cls || js_cube_ndims(g.ev) != js_cube_ndims(f.ev)))
        st = JS_EINTERNAL; /* one table weighted twice: the same aggregates */
    w.g = &g;
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(w.res); r++)
        st = dsr_one(&w, r, d);
    dm_frame_fini(&g);
    st = std_end(st, &f, &w, out, d);
    js_cube_free(ev);
    js_cube_free(ev2);
    return st;
}

static js_status dsr_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d)
{
    if (js_spec_text(s, "event_frequency") != NULL)
        return dsr_compute_freq(s, in, out, d);
    dm_frame f;
    std_work w;
    js_status st = std_begin(s, in[0], in[1], in[2], &f, &w, 1, d);
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(w.res); r++)
        st = dsr_one(&w, r, d);
    return std_end(st, &f, &w, out, d);
}

/* ---- smr ----------------------------------------------------------------------------------- */

typedef struct smr_ref {
    const js_cube *ev, *pop;
    js_cube *own_ev, *own_pop;
    size_t sex;          /* dimension 0 when the reference is by sex, else SIZE_MAX */
    size_t *ev_cat, *pop_cat; /* per frame class: the reference's age category */
} smr_ref;

static void smr_ref_fini(smr_ref *ref)
{
    js_cube_free(ref->own_ev);
    js_cube_free(ref->own_pop);
    js_free(ref->ev_cat);
    js_free(ref->pop_cat);
}

/* The reference's age category for [lo, hi), SIZE_MAX when none. */
static size_t smr_find_age(const js_cube *c, double lo, double hi)
{
    const js_dim *const ad = js_cube_dim(c, js_cube_ndims(c) - 1);
    for (size_t k = 0; k < js_dim_size(ad); k++) {
        const js_category *const cat = js_dim_category(ad, k);
        if (!cat->is_total && fabs(cat->age_lo - lo) < 1e-9 &&
            (fabs(cat->age_hi - hi) < 1e-9 || (isinf(cat->age_hi) && isinf(hi))))
            return k;
    }
    return SIZE_MAX;
}

/* Reference events and population by (sex,) age over where's terms on their
 * dimensions other than region; the frame's classes found in both. */
static js_status smr_ref_init(smr_ref *ref, const js_indicator_spec *s, const dm_frame *f,
                              const js_cube *rev, const js_cube *rpop, int by_sex, js_diag *d)
{
    memset(ref, 0, sizeof *ref);
    ref->sex = SIZE_MAX;
    const js_cube *const src[2] = {rev, rpop};
    const js_cube **const dst[2] = {&ref->ev, &ref->pop};
    js_cube **const own[2] = {&ref->own_ev, &ref->own_pop};
    js_status st = JS_OK;
    for (int i = 0; i < 2 && st == JS_OK; i++) {
        size_t age, sex = js_cube_dim_by_role(src[i], JS_ROLE_SEX);
        st = ind_need_role(s, src[i], JS_ROLE_AGE, "age", &age, d);
        const char *by[2];
        size_t n = 0;
        if (by_sex && sex != SIZE_MAX && js_cube_dim_by_role(src[1 - i], JS_ROLE_SEX) != SIZE_MAX)
            by[n++] = js_dim_name(js_cube_dim(src[i], sex));
        if (st == JS_OK) {
            by[n++] = js_dim_name(js_cube_dim(src[i], age));
            js_sel *w = NULL;
            st = dm_where_on(s->where, src[i], &w);
            if (st == JS_OK)
                st = js_aggregate_cached(s->cache, src[i], w, by, n, s->id, dst[i], own[i], d);
            js_sel_free(w);
        }
        if (st == JS_OK && n == 2)
            ref->sex = 0;
    }
    if (st == JS_OK && (js_cube_ndims(ref->ev) != js_cube_ndims(ref->pop))) {
        js_diag_error(d, NULL, 0, 0, "%s: reference_events and reference_population must both be by sex "
                      "or both not", s->id);
        st = JS_EUSAGE;
    }
    ref->ev_cat = st == JS_OK ? js_calloc(f->n_cls + 1, sizeof *ref->ev_cat) : NULL;
    ref->pop_cat = st == JS_OK ? js_calloc(f->n_cls + 1, sizeof *ref->pop_cat) : NULL;
    if (st == JS_OK && (ref->ev_cat == NULL || ref->pop_cat == NULL))
        st = JS_ENOMEM;
    for (size_t k = 0; st == JS_OK && k < f->n_cls; k++) {
        ref->ev_cat[k] = smr_find_age(ref->ev, f->cls[k].lo, f->cls[k].hi);
        ref->pop_cat[k] = smr_find_age(ref->pop, f->cls[k].lo, f->cls[k].hi);
        if (ref->ev_cat[k] == SIZE_MAX || ref->pop_cat[k] == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: the reference has no age class %s as the events have",
                          s->id, js_dim_category(js_cube_dim(f->ev, f->ev_age), f->cls[k].ev_cat)->code);
            st = JS_EDATA;
        }
    }
    if (st != JS_OK)
        smr_ref_fini(ref);
    return st;
}

/* A reference value at age category k for sex x (the reference's category
 * of that sex; NaN when it has none). */
static double smr_ref_value(const js_cube *c, size_t sexdim, js_sex x, size_t k, uint32_t *flags)
{
    size_t idx[2] = {0, k};
    if (sexdim != SIZE_MAX) {
        const js_dim *const sd = js_cube_dim(c, 0);
        idx[0] = SIZE_MAX;
        for (size_t i = 0; i < js_dim_size(sd); i++)
            if (js_dim_category(sd, i)->sex == x)
                idx[0] = i;
        if (idx[0] == SIZE_MAX)
            return (double)NAN;
    }
    const size_t cell = js_cube_cell_index(c, sexdim != SIZE_MAX ? idx : idx + 1);
    *flags |= js_cube_flags(c, cell);
    return js_cube_value(c, cell);
}

static js_status smr_one(std_work *w, const smr_ref *ref, size_t r, js_diag *d)
{
    uint32_t flags = 0;
    js_status st = std_gather(w, r, &flags, d);
    if (st != JS_OK || (flags & JS_FLAG_MISSING_INPUT))
        return st == JS_OK && flags ? js_cube_add_flags(w->res, r, flags) : st;
    const js_sex x = dm_sex(w->f, w->res, r);
    double e = 0, o = 0, rd = 0, rp = 0;
    for (size_t k = 0; k < w->f->n_cls; k++) {
        const double a = smr_ref_value(ref->ev, ref->sex, x, ref->ev_cat[k], &flags);
        const double b = smr_ref_value(ref->pop, ref->sex, x, ref->pop_cat[k], &flags);
        if (a < 0 || b < 0 || (b <= 0 && a > 0))
            return std_error(w, r, k, "the reference has negative counts or events without population", d);
        e += b > 0 ? w->ce[k] * a / b : 0;
        o += w->cd[k];
        rd += a;
        rp += b;
    }
    if (isnan(e) || isnan(rd) || isnan(rp))
        return js_cube_add_flags(w->res, r, flags | JS_FLAG_MISSING_INPUT);
    if (!(e > 0))
        return js_cube_add_flags(w->res, r, flags | JS_FLAG_ZERO_DENOM);
    double olo, ohi;
    const int lim = js_spec_word(w->s, "limits"); /* auto, byar, exact */
    if (lim == 2 || (lim == 0 && o < 10))
        js_poisson_exact_limits(o, w->alpha, &olo, &ohi);
    else
        js_byar_limits(o, w->z, &olo, &ohi);
    const int rate = js_spec_word(w->s, "output") == 1;
    const double k = rate ? js_spec_num(w->s, "per") * rd / rp : js_spec_num(w->s, "scale");
    js_cube_set_value(w->res, r, k * o / e);
    st = js_cube_set_ci(w->res, r, k * olo / e, k * ohi / e);
    if (o < w->s->small_n)
        flags |= JS_FLAG_SMALL_N;
    return st == JS_OK && flags ? js_cube_add_flags(w->res, r, flags) : st;
}

static js_status smr_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d)
{
    dm_frame f;
    std_work w;
    smr_ref ref = {0};
    js_status st = std_begin(s, in[0], in[1], NULL, &f, &w, 0, d);
    int have_ref = 0;
    if (st == JS_OK) {
        const int by_sex = js_cube_dim_by_role(w.res, JS_ROLE_SEX) != SIZE_MAX;
        st = smr_ref_init(&ref, s, &f, in[2], in[3], by_sex, d);
        have_ref = st == JS_OK;
    }
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(w.res); r++)
        st = smr_one(&w, &ref, r, d);
    if (have_ref)
        smr_ref_fini(&ref);
    return std_end(st, &f, &w, out, d);
}

/* ---- crude_rate ---------------------------------------------------------------------------- */

/* All events over all person-years of result cell r, per `per`; limits
 * exact below 10 events and Byar's from 10 (auto, as PHE's crude rates),
 * or as limits says. */
static js_status crude_one(std_work *w, size_t r, js_diag *d)
{
    uint32_t flags = 0;
    js_status st = std_gather(w, r, &flags, d);
    if (st != JS_OK || (flags & JS_FLAG_MISSING_INPUT))
        return st == JS_OK && flags ? js_cube_add_flags(w->res, r, flags) : st;
    double o = 0, p = 0;
    for (size_t i = 0; i < w->n_band; i++) {
        if (w->pp[i] <= 0 && w->dd[i] > 0) /* events where no one lived */
            return std_error(w, r, w->band[i].from, "events where the population is zero", d);
        o += w->dd[i];
        p += w->pp[i];
    }
    if (!(p > 0))
        return js_cube_add_flags(w->res, r, flags | JS_FLAG_ZERO_DENOM);
    const double per = js_spec_num(w->s, "per");
    const int limits = js_spec_word(w->s, "limits");
    double olo, ohi;
    if (limits == 2 || (limits == 0 && o < 10))
        js_poisson_exact_limits(o, w->alpha, &olo, &ohi);
    else
        js_byar_limits(o, w->z, &olo, &ohi);
    js_cube_set_value(w->res, r, o / p * per);
    st = js_cube_set_ci(w->res, r, olo / p * per, ohi / p * per);
    if (o < w->s->small_n)
        flags |= JS_FLAG_SMALL_N;
    return st == JS_OK && flags ? js_cube_add_flags(w->res, r, flags) : st;
}

static js_status crude_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out, js_diag *d)
{
    dm_frame f;
    std_work w;
    js_status st = std_begin(s, in[0], in[1], NULL, &f, &w, 0, d); /* the data's classes, summed */
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(w.res); r++)
        st = crude_one(&w, r, d);
    return std_end(st, &f, &w, out, d);
}

/* ---- the rows ------------------------------------------------------------------------------- */

static const char *const std_exposures[] = {"year_end", "mid_year", NULL};
static const char *const dsr_limits[] = {"byar", "exact", NULL};
static const char *const smr_limits[] = {"auto", "byar", "exact", NULL};
static const char *const smr_outputs[] = {"ratio", "rate", NULL};

/* The inputs of a rate: events and population by age (dsr, crude_rate). */
#define STD_RATE_INPUTS                                                                                   \
    {"events", JS_INPUT_DATA, 0, 0, "events (deaths, cases) by age: a data section"},                    \
    {"population", JS_INPUT_DATA, 0, 0,                                                                   \
     "population by the same ages (31 December, or person-years with exposure = mid_year)"}

static const js_input_def dsr_inputs[] = {
    STD_RATE_INPUTS,
    /* also the key standard: a [data] section when one has that name, read whole (no where, no by) */
    {"standard", JS_INPUT_DATA | JS_INPUT_OPTIONAL | JS_INPUT_WHOLE, 0, 0,
     "the standard population by age: a data section"},
    IND_INPUT_END};

#define STD_COMMON_KEYS                                                                                   \
    {"exposure", JS_KEY_ENUM, "year_end", 0, 0, std_exposures, 0,                                           \
     "year_end: person-years = mean of two 31 Dec populations; mid_year: the population as given"},      \
    {"pool", JS_KEY_INTEGER, "1", 1, 20, NULL, 0, "years pooled, ending in the result's year"},            \
    {"level", JS_KEY_NUMBER, "95", 50, 99.999, NULL, 0, "the interval's level in percent (PHE also 99.8)"}

static const js_key dsr_keys[] = {
    {"standard", JS_KEY_TEXT, "esp2013", 0, 0, NULL, 0,
     "esp2013 (0-4 ... 90+), esp2013_85 (85+ = 2500), BAND:WEIGHT, ... (e.g. 0-4:8000, ...) or NAME of a "
     "[data] section with the standard population by age (bands that tile, 90+ open; other dimensions of "
     "one category; where and by not applied to it)"},
    {"event_frequency", JS_KEY_TEXT, NULL, 0, 0, NULL, 0,
     "DIM: events that are not independent (PHE independent_events = FALSE): the events' dimension DIM "
     "has codes 1, 2, 3, ... (events per person) and persons as values; events = sum k x, variance "
     "sum w^2 (sum k^2 x) / p^2"},
    {"per", JS_KEY_NUMBER, "100000", 1, 1e9, NULL, 0, "the rate per this many person-years"},
    {"limits", JS_KEY_ENUM, "byar", 0, 0, dsr_limits, 0, "the count's limits in Dobson's interval: byar (PHE) or exact"},
    {"min_events", JS_KEY_NUMBER, "10", 0, 1e12, NULL, 0, "no value below this many events, flagged small_n (PHE: 10)"},
    STD_COMMON_KEYS,
    IND_KEY_END};

static const char *dsr_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)in_unit;
    const char *const per = ind_per_unit(js_spec_num(s, "per"), lang);
    return per ? per : js_text(lang, "per befolkning", "per population");
}

const js_kind ind_kind_standardised_rate = {
    .name = "standardised_rate",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = dsr_inputs,
    .keys = dsr_keys,
    .unit_sv = "per 100 000",
    .unit_en = "per 100,000",
    .unit_doc = "per `per`",
    .decimals = 1,
    .doc_en = "Directly age-standardised rate: sum of w d/p over the standard's age bands, w = standard weights "
        "(ESP 2013 by default); 95 % interval by Dobson on Byar's limits; none below 10 events.",
    .doc_sv = "Direkt åldersstandardiserad kvot: summan av w d/p över standardens åldersgrupper, w = "
        "standardvikter (ESP 2013 om inget annat anges); 95 % intervall enligt Dobson med Byars gränser; "
        "inget värde under 10 händelser.",
    .unit = dsr_unit,
    .compute = dsr_compute,
};

static const js_input_def smr_inputs[] = {
    {"events", JS_INPUT_DATA, 0, 0, "observed events by age: a data section"},
    {"population", JS_INPUT_DATA, 0, 0, "population by the same ages"},
    {"reference_events", JS_INPUT_DATA, 0, 0, "the reference population's events by age (e.g. the country)"},
    {"reference_population", JS_INPUT_DATA, 0, 0, "the reference population by age"},
    IND_INPUT_END};

static const js_input_def crude_inputs[] = {STD_RATE_INPUTS, IND_INPUT_END};

static const js_key crude_keys[] = {
    {"per", JS_KEY_NUMBER, "1000", 1, 1e9, NULL, 0, "the rate per this many person-years (SCB: 1 000)"},
    {"limits", JS_KEY_ENUM, "auto", 0, 0, smr_limits, 0, "auto: exact below 10 events, Byar from 10 (PHE); byar; exact"},
    STD_COMMON_KEYS,
    IND_KEY_END};

const js_kind ind_kind_crude_rate = {
    .name = "crude_rate",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = crude_inputs,
    .keys = crude_keys,
    .unit_sv = "per 1 000",
    .unit_en = "per 1,000",
    .unit_doc = "per `per`",
    .decimals = 2,
    .doc_en = "Crude rate (deaths, cases): all events / all person-years of the age classes, per `per`; "
        "95 % interval from the events' exact Poisson limits below 10 events and Byar's from 10.",
    .doc_sv = "Rå kvot (döda, fall): alla händelser / alla personår i åldersklasserna, per `per`; "
        "95 % intervall från händelsernas exakta Poissongränser under 10 händelser och Byars från 10.",
    .unit = dsr_unit, /* per `per` */
    .compute = crude_compute,
};

static const js_key smr_keys[] = {
    {"output", JS_KEY_ENUM, "ratio", 0, 0, smr_outputs, 0,
     "ratio: observed / expected x scale; rate: the indirectly standardised rate per `per`"},
    {"scale", JS_KEY_NUMBER, "100", 0.001, 1e9, NULL, 0, "the ratio's multiplier (100: an index)"},
    {"per", JS_KEY_NUMBER, "100000", 1, 1e9, NULL, 0, "output = rate: per this many person-years"},
    {"limits", JS_KEY_ENUM, "auto", 0, 0, smr_limits, 0, "auto: exact below 10 events, Byar from 10 (PHE); byar; exact"},
    STD_COMMON_KEYS,
    IND_KEY_END};

static const char *smr_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    if (js_spec_word(s, "output") == 1)
        return dsr_unit(s, lang, in_unit);
    return fabs(js_spec_num(s, "scale") - 100) < 1e-9 ? js_text(lang, "index", "index") : js_text(lang, "kvot", "ratio");
}

static int smr_decimals(const js_indicator_spec *s)
{
    return js_spec_word(s, "output") == 1 || js_spec_num(s, "scale") >= 100 ? 1 : 3;
}

const js_kind ind_kind_smr = {
    .name = "smr",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = smr_inputs,
    .keys = smr_keys,
    .unit_sv = "index",
    .unit_en = "index",
    .unit_doc = "index / per `per`",
    .decimals = 1,
    .doc_en = "Standardised mortality (or incidence) ratio: observed events / the events the reference's "
        "age-specific rates give the population, x scale; output = rate: x the reference's crude rate. "
        "Interval: exact Poisson below 10 events, Byar from 10.",
    .doc_sv = "Standardiserad dödlighets- (eller incidens-) kvot: observerade händelser / de händelser som "
        "referensens åldersspecifika kvoter ger befolkningen, × scale; output = rate: × referensens råa "
        "kvot. Intervall: exakt Poisson under 10 händelser, Byar från 10.",
    .unit = smr_unit,
    .default_decimals = smr_decimals,
    .compute = smr_compute,
};
