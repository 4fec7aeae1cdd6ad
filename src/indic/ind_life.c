/*
 * ind_life.c - life expectancy by sex from deaths and population by age
 * (METHODS 0.3 and 2): kind life_expectancy.
 *
 * Per result cell (region, year, sex, ...) one period life table
 * (src/stats/lifetable.c) from deaths and person-years per age class; the
 * classes are the data's (single years 0...100+, or abridged ones), with the
 * open class optionally lowered (open_age = 90: 90+).  Person-years are the
 * mean of the 31 December populations of the year and the year before, or
 * the population as given with exposure = mid_year (HMD exposures).  With
 * pool = N the deaths and person-years of N consecutive years are summed
 * (SCB's county tables are 5-year tables).
 *
 * A table that cannot be built leaves its cells empty with a flag and a
 * warning naming the first region, year, sex and age concerned; data that
 * cannot be right (negative counts, deaths with no population) are errors.
 */
#include "indic/ind_demog.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "stats/lifetable.h"

/* The columns of the table a result may show (column =). */
static const char *const lt_columns[] = {"ex", "lx", "qx", "dx", "Lx", "Tx", "mx", "ax", NULL};
enum { LT_EX = 0, LT_LX, LT_QX, LT_DX, LT_LLX, LT_TX, LT_MX, LT_AX };
static const char *const lt_exposures[] = {"year_end", "mid_year", NULL};
static const char *const lt_variances[] = {"silcocks", "chiang", NULL};

/* A count of cells with one problem, and the first of them described. */
typedef struct lt_note {
    size_t n;
    js_buf first;
} lt_note;

static void lt_note_add(lt_note *w, const dm_frame *f, const js_cube *res, size_t r, size_t k)
{
    if (w->n++ == 0)
        dm_describe(f, res, r, k, &w->first);
}

enum { LT_NO_PREV, LT_WINDOW, LT_ZERO, LT_NOEXP, LT_OPEN0, LT_EXCEED, LT_WIDE, LT_CLOSED, LT_NNOTES };

static const char *const lt_note_text[LT_NNOTES] = {
    "no population on 31 December of the year before, so no person-years (flagged missing_input)",
    "fewer years than pool before it (flagged missing_input)",
    "an age class with no population (flagged zero_denominator; PHE refuses such a table)",
    "deaths in an age class with no population (flagged zero_denominator; set open_age lower, "
    "e.g. 90, or pool years)",
    "no deaths in the open age class, so it cannot be closed (flagged zero_denominator; set "
    "open_age lower, e.g. 90)",
    "an age class with more deaths than person-years (flagged deaths_exceed_population, the value "
    "kept: usual at the oldest ages of small areas, where deaths by age attained during the year "
    "meet two year-end stocks; else check the data; open_age = 90 or pool help)",
    "a 95 % interval wider than max_ci_width (flagged wide_interval, no value: PHE's rule)",
    "a probability of dying capped at 1, so no life expectancy after that age",
};

/* ---- the classes and the ages shown ------------------------------------------------ */

typedef struct lt_plan {
    size_t n;         /* classes of the table (after open_age) */
    double *age, *width;
    size_t *from;     /* per table class: the first frame class it sums ... */
    size_t *to;       /* ... to this one, exclusive */
    size_t n_out;     /* ages shown */
    size_t *out;      /* per age shown: the table class */
    int age_dim;      /* the result has an age dimension (several ages, or all) */
} lt_plan;

static void lt_plan_fini(lt_plan *p)
{
    js_free(p->age);
    js_free(p->width);
    js_free(p->from);
    js_free(p->to);
    js_free(p->out);
}

static js_status lt_plan_classes(const js_indicator_spec *s, const dm_frame *f, lt_plan *p, js_diag *d)
{
    const double open_age = js_spec_num(s, "open_age");
    size_t n = 0;
    while (n < f->n_cls && (isnan(open_age) || f->cls[n].lo < open_age - 1e-9))
        n++;
    if (!isnan(open_age) && (n == f->n_cls || fabs(f->cls[n].lo - open_age) > 1e-9 || n == 0)) {
        js_diag_error(d, NULL, 0, 0, "%s: open_age = %g is not the start of an age class of the data "
                      "(or leaves no class before it)", s->id, open_age);
        return JS_EUSAGE;
    }
    if (isnan(open_age))
        n--; /* the data's own open class is the last */
    p->n = n + 1;
    p->age = js_calloc(p->n, sizeof *p->age);
    p->width = js_calloc(p->n, sizeof *p->width);
    p->from = js_calloc(p->n, sizeof *p->from);
    p->to = js_calloc(p->n, sizeof *p->to);
    if (!p->age || !p->width || !p->from || !p->to)
        return JS_ENOMEM;
    for (size_t k = 0; k < p->n; k++) {
        p->age[k] = f->cls[k].lo;
        p->width[k] = k + 1 == p->n ? (double)INFINITY : f->cls[k].hi - f->cls[k].lo;
        p->from[k] = k;
        p->to[k] = k + 1 == p->n ? f->n_cls : k + 1;
    }
    return JS_OK;
}

/* at_age: "all", or a comma list of ages that start a class. */
static js_status lt_plan_ages(const js_indicator_spec *s, lt_plan *p, js_diag *d)
{
    const char *const text = js_spec_text(s, "at_age");
    const int all = strcasecmp(text, "all") == 0;
    p->out = js_calloc(p->n + 1, sizeof *p->out);
    if (p->out == NULL)
        return JS_ENOMEM;
    if (all) {
        for (size_t k = 0; k < p->n; k++)
            p->out[k] = k;
        p->n_out = p->n;
        p->age_dim = 1;
        return JS_OK;
    }
    const char *q = text;
    while (*q != '\0') {
        char *end;
        const double a = strtod(q, &end);
        size_t k = 0;
        while (end != q && k < p->n && fabs(p->age[k] - a) > 1e-9)
            k++;
        if (end == q || k == p->n || p->n_out == p->n) {
            js_diag_error(d, NULL, 0, 0, "%s: at_age must be all or ages that start an age class of the "
                          "table (0, %g, ...), found \"%s\"", s->id, p->n > 1 ? p->age[1] : 0.0, text);
            return JS_EUSAGE;
        }
        p->out[p->n_out++] = k;
        q = end + strspn(end, " \t,");
    }
    if (p->n_out == 0) {
        js_diag_error(d, NULL, 0, 0, "%s: at_age names no age", s->id);
        return JS_EUSAGE;
    }
    p->age_dim = p->n_out > 1;
    return JS_OK;
}

/* The result: the frame's shape, plus an age dimension for several ages. */
static js_status lt_result(const js_indicator_spec *s, const dm_frame *f, const lt_plan *p,
                           js_cube **out, size_t *res_ev)
{
    js_cube *res = NULL;
    js_status st = dm_result_shape(f, (int)js_spec_num(s, "pool"), &res, res_ev);
    if (st == JS_OK && p->age_dim) {
        const js_dim *const ad = js_cube_dim(f->ev, f->ev_age);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(ad), js_dim_label(ad), JS_ROLE_AGE, &nd);
        res_ev[nd] = SIZE_MAX;
        for (size_t i = 0; st == JS_OK && i < p->n_out; i++) {
            const size_t k = p->out[i];
            char code[32];
            if (k + 1 == p->n)
                (void)snprintf(code, sizeof code, "%g+", p->age[k]);
            const js_category *const c = js_dim_category(ad, f->cls[k].ev_cat);
            st = k + 1 == p->n ? js_cube_add_category(res, nd, code, NULL, NULL)
                               : js_cube_copy_category(res, nd, c, NULL);
        }
    }
    if (st == JS_OK)
        st = js_cube_alloc_cells(res);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* ---- one table ------------------------------------------------------------------------ */

typedef struct lt_work {
    const js_indicator_spec *s;
    const dm_frame *f;
    const lt_plan *p;
    js_cube *res;
    const size_t *res_ev;
    double *deaths, *expo;
    size_t *years, *ev_idx;
    js_lt_row *rows;
    double z, max_width, min_deaths;
    int pool, column;
    js_lt_opts o;
    lt_note note[LT_NNOTES];
} lt_work;

/* Flags on every cell of base cell rb. */
static js_status lt_flag_all(lt_work *w, size_t rb, uint32_t flags)
{
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && flags && i < w->p->n_out; i++)
        st = js_cube_add_flags(w->res, rb * w->p->n_out + i, flags);
    return st;
}

static double lt_column(const js_lt_row *r, int column)
{
    switch (column) {
    case LT_LX: return r->l;
    case LT_QX: return r->q;
    case LT_DX: return r->d;
    case LT_LLX: return r->L;
    case LT_TX: return r->T;
    case LT_MX: return r->m;
    case LT_AX: return r->a;
    default: return r->e;
    }
}

/* The cells of base cell rb from its built table. */
static js_status lt_fill(lt_work *w, size_t rb, uint32_t flags, double total_deaths, size_t closed)
{
    js_status st = JS_OK;
    if (total_deaths < w->min_deaths)
        flags |= JS_FLAG_SMALL_N;
    for (size_t i = 0; st == JS_OK && i < w->p->n_out; i++) {
        const size_t cell = rb * w->p->n_out + i, k = w->p->out[i];
        const js_lt_row *const r = &w->rows[k];
        uint32_t fl = flags;
        const double v = lt_column(r, w->column);
        if (k > closed && (w->column == LT_EX || w->column == LT_TX)) {
            lt_note_add(&w->note[LT_CLOSED], w->f, w->res, rb * w->p->n_out, w->p->from[closed]);
            fl |= JS_FLAG_DEATHS_EXCEED_POPULATION;
        } else if (w->column == LT_EX && !isnan(v)) {
            const double se = sqrt(r->var_e), lo = v - w->z * se, hi = v + w->z * se;
            if (hi - lo > w->max_width) {
                lt_note_add(&w->note[LT_WIDE], w->f, w->res, cell, SIZE_MAX);
                fl |= JS_FLAG_WIDE_INTERVAL;
            } else {
                js_cube_set_value(w->res, cell, v);
                st = js_cube_set_ci(w->res, cell, lo, hi);
            }
        } else if (!isnan(v)) {
            js_cube_set_value(w->res, cell, v);
        }
        if (st == JS_OK && fl)
            st = js_cube_add_flags(w->res, cell, fl);
    }
    return st;
}

/* An error for data that cannot be right, naming the cell. */
static js_status lt_data_error(lt_work *w, size_t rb, size_t k, const char *what, js_diag *d)
{
    js_buf b;
    js_buf_init(&b);
    dm_describe(w->f, w->res, rb * w->p->n_out, w->p->from[k], &b);
    js_diag_error(d, NULL, 0, 0, "%s: %s: %s", w->s->id, js_buf_cstr(&b), what);
    js_buf_fini(&b);
    return JS_EDATA;
}

static js_status lt_one(lt_work *w, size_t rb, js_diag *d)
{
    const dm_frame *const f = w->f;
    const lt_plan *const p = w->p;
    const size_t r0 = rb * p->n_out;
    size_t t;
    dm_coords(f, w->res, w->res_ev, r0, w->ev_idx, &t);
    const size_t ny = dm_window(f, t, w->pool, w->years);
    if (f->time_in_by && ny < (size_t)w->pool) {
        lt_note_add(&w->note[LT_WINDOW], f, w->res, r0, SIZE_MAX);
        return lt_flag_all(w, rb, JS_FLAG_MISSING_INPUT);
    }
    uint32_t flags = 0;
    int no_prev = 0;
    double total = 0;
    for (size_t k = 0; k < p->n; k++) {
        w->deaths[k] = w->expo[k] = 0;
        for (size_t c = p->from[k]; c < p->to[k]; c++) {
            double ev, e;
            dm_sum(f, w->ev_idx, c, w->years, ny, &ev, &e, &flags, &no_prev);
            w->deaths[k] += ev;
            w->expo[k] += e;
            if (!isnan(ev) && !isnan(e) && ev < 0)
                return lt_data_error(w, rb, k, "a negative number of deaths", d);
            if (!isnan(e) && e < 0)
                return lt_data_error(w, rb, k, "a negative population", d);
        }
        total += w->deaths[k];
    }
    if (no_prev)
        lt_note_add(&w->note[LT_NO_PREV], f, w->res, r0, SIZE_MAX);
    if (flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT) || isnan(total))
        return lt_flag_all(w, rb, flags | JS_FLAG_MISSING_INPUT);
    for (size_t k = 0; k + 1 < p->n; k++)
        if (w->deaths[k] > w->expo[k] * p->width[k] && w->expo[k] > 0) {
            if (!(flags & JS_FLAG_DEATHS_EXCEED_POPULATION))
                lt_note_add(&w->note[LT_EXCEED], f, w->res, r0, p->from[k]);
            flags |= JS_FLAG_DEATHS_EXCEED_POPULATION;
        }
    w->o.sex = dm_sex(f, w->res, r0);
    size_t bad = 0, closed = p->n;
    switch (js_lt_build(p->age, p->width, w->deaths, w->expo, NULL, p->n, &w->o, w->rows, &bad, &closed)) {
    case JS_LT_OK: break;
    case JS_LT_NEGATIVE: return lt_data_error(w, rb, bad, "a negative or infinite count", d);
    case JS_LT_DEATHS_NO_EXPOSURE:
        /* not impossible: a woman who turns 100 and dies in the same year is in
         * neither 31 December stock of a county with no other centenarian */
        lt_note_add(&w->note[LT_NOEXP], f, w->res, r0, p->from[bad]);
        return lt_flag_all(w, rb, flags | JS_FLAG_ZERO_DENOM);
    case JS_LT_BAD_CLASSES: return lt_data_error(w, rb, bad, "the age classes do not tile the ages", d);
    case JS_LT_EXPOSURE_ZERO:
        lt_note_add(&w->note[LT_ZERO], f, w->res, r0, p->from[bad]);
        return lt_flag_all(w, rb, flags | JS_FLAG_ZERO_DENOM);
    case JS_LT_OPEN_NO_DEATHS:
        lt_note_add(&w->note[LT_OPEN0], f, w->res, r0, p->from[bad]);
        return lt_flag_all(w, rb, flags | JS_FLAG_ZERO_DENOM);
    }
    return lt_fill(w, rb, flags, total, closed);
}

/* ---- the kind --------------------------------------------------------------------------- */

static js_status lt_work_init(lt_work *w, const js_indicator_spec *s, const dm_frame *f, const lt_plan *p)
{
    memset(w, 0, sizeof *w);
    w->s = s;
    w->f = f;
    w->p = p;
    const double z = js_spec_num(s, "z");
    w->z = isnan(z) ? js_normal_quantile(0.975) : z;
    w->max_width = js_spec_num(s, "max_ci_width");
    w->min_deaths = js_spec_num(s, "min_deaths");
    w->pool = (int)js_spec_num(s, "pool");
    w->column = js_spec_word(s, "column");
    w->o.a0 = js_spec_num(s, "a0");
    w->o.variance = js_spec_word(s, "variance") == 1 ? JS_LT_CHIANG : JS_LT_SILCOCKS;
    for (size_t i = 0; i < LT_NNOTES; i++)
        js_buf_init(&w->note[i].first);
    const size_t nt = f->ev_time == SIZE_MAX ? 1 : js_dim_size(js_cube_dim(f->ev, f->ev_time));
    w->deaths = js_calloc(p->n, sizeof *w->deaths);
    w->expo = js_calloc(p->n, sizeof *w->expo);
    w->rows = js_calloc(p->n, sizeof *w->rows);
    w->years = js_calloc(nt + (size_t)w->pool, sizeof *w->years);
    w->ev_idx = js_calloc(js_cube_ndims(f->ev), sizeof *w->ev_idx);
    return w->deaths && w->expo && w->rows && w->years && w->ev_idx ? JS_OK : JS_ENOMEM;
}

static void lt_work_fini(lt_work *w, js_diag *d)
{
    for (size_t i = 0; i < LT_NNOTES; i++) {
        if (w->note[i].n > 0 && d != NULL)
            js_diag_warn(d, NULL, 0, 0, "%s: %zu table%s with %s; the first: %s", w->s->id, w->note[i].n,
                         w->note[i].n == 1 ? "" : "s", lt_note_text[i], js_buf_cstr(&w->note[i].first));
        js_buf_fini(&w->note[i].first);
    }
    js_free(w->deaths);
    js_free(w->expo);
    js_free(w->rows);
    js_free(w->years);
    js_free(w->ev_idx);
}

static js_status lt_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                            js_diag *d)
{
    const int mid_year = js_spec_word(s, "exposure") == 1;
    dm_frame f;
    js_status st = dm_frame_init(&f, s, in[0], in[1], "deaths", "population", mid_year, 1, d);
    if (st != JS_OK)
        return st;
    if (js_spec_num(s, "pool") > 1 && !f.time_in_by && f.ev_time != SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: pool needs the time dimension in by (without it, the years "
                      "where selects are pooled into one table)", s->id);
        dm_frame_fini(&f);
        return JS_EUSAGE;
    }
    lt_plan p = {0};
    size_t res_ev[JS_MAX_BY + 3];
    js_cube *res = NULL;
    lt_work w;
    st = lt_plan_classes(s, &f, &p, d);
    if (st == JS_OK)
        st = lt_plan_ages(s, &p, d);
    if (st == JS_OK)
        st = lt_result(s, &f, &p, &res, res_ev);
    const js_status wst = lt_work_init(&w, s, &f, &p);
    if (st == JS_OK)
        st = wst;
    w.res = res;
    w.res_ev = res_ev;
    const size_t n_base = st == JS_OK && p.n_out > 0 ? js_cube_ncells(res) / p.n_out : 0;
    for (size_t rb = 0; st == JS_OK && rb < n_base; rb++)
        st = lt_one(&w, rb, d);
    lt_work_fini(&w, st == JS_OK ? d : NULL);
    lt_plan_fini(&p);
    dm_frame_fini(&f);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* Years for e_x, T_x, L_x and a_x; persons for l_x and d_x; none for q_x, m_x. */
static const char *lt_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)in_unit;
    switch (js_spec_word(s, "column")) {
    case LT_LX:
    case LT_DX: return js_text(lang, "personer", "persons");
    case LT_QX: return js_text(lang, "sannolikhet", "probability");
    case LT_MX: return js_text(lang, "per personår", "per person-year");
    case LT_TX:
    case LT_LLX: return js_text(lang, "personår", "person-years");
    default: return js_text(lang, "år", "years");
    }
}

static int lt_decimals(const js_indicator_spec *s)
{
    const int c = js_spec_word(s, "column");
    return c == LT_QX || c == LT_MX ? 6 : c == LT_EX || c == LT_AX ? 2 : 0;
}

/* ---- the row ------------------------------------------------------------------------------ */

static const js_input_def lt_inputs[] = {
    {"deaths", JS_INPUT_DATA, 0, 0, "deaths by age (and sex, region, year): a data section"},
    {"population", JS_INPUT_DATA, 0, 0,
     "population by the same ages: on 31 December (exposure = year_end) or person-years (mid_year)"},
    IND_INPUT_END};

static const js_key lt_keys[] = {
    {"at_age", JS_KEY_TEXT, "0", 0, 0, NULL, 0,
     "the ages of e_x: one (0, 30, 65), a comma list (an age dimension) or all (the whole table)"},
    {"pool", JS_KEY_INTEGER, "1", 1, 20, NULL, 0, "years pooled per table, ending in the result's year (SCB counties: 5)"},
    {"exposure", JS_KEY_ENUM, "year_end", 0, 0, lt_exposures, 0,
     "year_end: person-years = mean of the 31 Dec populations of the year and the year before; "
     "mid_year: the population is person-years (HMD exposures)"},
    {"open_age", JS_KEY_INTEGER, NULL, 1, 150, NULL, 0,
     "close the table at this age, e.g. 90 for 90+ (default: the data's open class)"},
    {"a0", JS_KEY_NUMBER, NULL, 0, 1, NULL, 0,
     "years lived in the first class by infants who die (default: Andreev-Kingkade by sex; PHE: 0.1)"},
    {"variance", JS_KEY_ENUM, "silcocks", 0, 0, lt_variances, 0,
     "silcocks: Chiang with the open class's term (PHE); chiang: classic Chiang"},
    {"z", JS_KEY_NUMBER, NULL, 0.1, 10, NULL, 0, "z of the interval (default 1.959963985, the exact 95 %; PHE: 1.96)"},
    {"max_ci_width", JS_KEY_NUMBER, "20", 0, 1000, NULL, 0,
     "no value when the 95 % interval is wider than this (years; PHE: 20), flagged wide_interval"},
    {"min_deaths", JS_KEY_NUMBER, "100", 0, 1e12, NULL, 0,
     "tables with fewer deaths are flagged small_n (SCB publishes none below 100)"},
    {"column", JS_KEY_ENUM, "ex", 0, 0, lt_columns, 0,
     "the table's column: ex (with interval), lx, qx, dx, Lx, Tx, mx or ax"},
    IND_KEY_END};

const js_kind ind_kind_life_expectancy = {
    .name = "life_expectancy",
    .family = "demography",
    .traits = JS_TRAIT_NEEDS_COUNTS,
    .inputs = lt_inputs,
    .keys = lt_keys,
    .unit_sv = "år",
    .unit_en = "years",
    .unit_doc = "years (ex)",
    .decimals = 2,
    .doc_en = "Period life expectancy at at_age from deaths D and person-years E per age class (mean of "
        "two 31 December populations): m = D/E, a0 by Andreev-Kingkade by sex, a = n/2, open class "
        "L = l/m; 95 % interval by Chiang with Silcocks' open-class term.",
    .doc_sv = "Återstående medellivslängd vid at_age från döda D och medelfolkmängd E per åldersklass "
        "(medelvärdet av två årsskiften): m = D/E, a0 enligt Andreev–Kingkade per kön, a = n/2, öppen "
        "klass L = l/m; 95 % intervall enligt Chiang med Silcocks term för den öppna klassen.",
    .unit = lt_unit,
    .default_decimals = lt_decimals,
    .compute = lt_compute,
};
