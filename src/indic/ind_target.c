/*
 * ind_target.c - following a target (METHODS 9): where an indicator
 * stands against a target value for a target year, the change per year
 * achieved and the change per year still required (backcasting from the
 * target), the year the target is reached at the achieved pace and the
 * status: reached, on track or off track.
 *
 * The achieved pace is the endpoint pace (y_L - y_B) / (t_L - t_B) from
 * the base year B to the latest year L, as WEF's years to parity (METHODS
 * 6.2, the decided default), or with pace = ols the OLS slope over the
 * same years (METHODS 9.1, js_ols_fit).  A break (breaks = 2014) starts
 * the series anew: the years before the last break are left out, since
 * they are not comparable.  target = parity follows the gap between women
 * and men (women - men) to 0.
 *
 * Worked example (METHODS 9.3, TV-9): 38.0 ... 45.0 over 2015-2022, target
 * 50 in 2030: achieved 1.0 a year (endpoint), CAGR 2.444782635 %, required
 * (50 - 45) / 8 = 0.625 a year, reached in 2027 (endpoint) or
 * 2027.1048780488 (OLS), on track.
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"

static const char *const tg_codes[] = {
    "base_year",          "base_value",   "latest_year",  "latest_value", "target",
    "target_year",        "achieved_per_year", "achieved_cagr_pct", "required_per_year",
    "required_cagr_pct",  "projected",    "year_reached", "status"};
enum { TG_BASE_YEAR, TG_BASE_VALUE, TG_LATEST_YEAR, TG_LATEST_VALUE, TG_TARGET, TG_TARGET_YEAR,
       TG_ACHIEVED, TG_ACHIEVED_CAGR, TG_REQUIRED, TG_REQUIRED_CAGR, TG_PROJECTED, TG_YEAR_REACHED,
       TG_STATUS, TG_COUNT };
enum { TG_STATUS_REACHED = 1, TG_STATUS_ON_TRACK = 2, TG_STATUS_OFF_TRACK = 3 };
/* The statistics' names in the report, Swedish and English. */
static const char *const tg_labels[][2] = {
    {"Basår", "Base year"},
    {"Värde basåret", "Value in the base year"},
    {"Senaste år", "Latest year"},
    {"Senaste värde", "Latest value"},
    {"Mål", "Target"},
    {"Målår", "Target year"},
    {"Uppnådd förändring per år", "Change achieved per year"},
    {"Uppnådd förändring per år (%)", "Change achieved per year (%)"},
    {"Nödvändig förändring per år", "Change needed per year"},
    {"Nödvändig förändring per år (%)", "Change needed per year (%)"},
    {"Värde målåret i nuvarande takt", "Value in the target year at the current pace"},
    {"År då målet nås", "Year the target is reached"},
    {"Status (1 nått; 2 i takt; 3 ur takt)", "Status (1 reached; 2 on track; 3 off track)"}};

enum { TG_MAX_BREAKS = 32 };

/* What the keys say, read once. */
typedef struct tg_spec {
    int parity;      /* target = parity: the gap women - men to 0 */
    double target;   /* the target value (0 for parity) */
    int target_year;
    int direction;   /* 0 auto, 1 up, 2 down */
    double base;     /* the base year, NaN: the first */
    int ols;         /* pace = ols */
    int breaks[TG_MAX_BREAKS];
    size_t n_breaks;
} tg_spec;

static js_status tg_read_spec(const js_indicator_spec *s, tg_spec *t, js_diag *d)
{
    memset(t, 0, sizeof *t);
    const char *const target = js_spec_text(s, "target");
    t->parity = target != NULL && strcasecmp(target, "parity") == 0;
    if (!t->parity && (target == NULL || !js_parse_number(target, &t->target))) {
        js_diag_error(d, NULL, 0, 0, "%s: target must be a number or parity, found \"%s\"", s->id,
                      target ? target : "");
        return JS_EUSAGE;
    }
    t->target_year = (int)js_spec_num(s, "target_year");
    t->direction = js_spec_word(s, "direction");
    t->base = js_spec_num(s, "base");
    t->ols = js_spec_word(s, "pace") == 1;
    const char *p = js_spec_text(s, "breaks");
    while (p != NULL && *p != '\0') {
        char *end;
        const long y = strtol(p, &end, 10);
        if (end == p || y < 1000 || y > 9999 || t->n_breaks == TG_MAX_BREAKS) {
            js_diag_error(d, NULL, 0, 0, "%s: breaks must be up to %d years separated by commas, found \"%s\"",
                          s->id, TG_MAX_BREAKS, js_spec_text(s, "breaks"));
            return JS_EUSAGE;
        }
        t->breaks[t->n_breaks++] = (int)y;
        p = end + strspn(end, " \t,");
    }
    return JS_OK;
}

/* One series: the years and values observed (from the first year of the
 * fit on), in order. */
typedef struct tg_series {
    double *x, *y;
    size_t n;
    uint32_t flags;
} tg_series;

/* Has v met the target going up (or down)? */
static int tg_met(double v, double target, int up)
{
    return up ? v >= target : v <= target;
}

/* The statistics of one series into out[TG_COUNT] (NaN: none). */
static void tg_series_stats(const tg_spec *t, const tg_series *se, double *out)
{
    for (size_t i = 0; i < TG_COUNT; i++)
        out[i] = (double)NAN;
    out[TG_TARGET] = t->target;
    out[TG_TARGET_YEAR] = t->target_year;
    if (se->n < 2)
        return;
    const double tb = se->x[0], yb = se->y[0], tl = se->x[se->n - 1], yl = se->y[se->n - 1];
    out[TG_BASE_YEAR] = tb;
    out[TG_BASE_VALUE] = yb;
    out[TG_LATEST_YEAR] = tl;
    out[TG_LATEST_VALUE] = yl;
    const int up = t->direction == 1 || (t->direction == 0 && (t->parity ? yb < 0 : t->target > yb));
    double pace = (yl - yb) / (tl - tb), projected = yl + pace * (t->target_year - tl), reach_year = (double)NAN;
    js_ols fit;
    const int fitted = t->ols && js_ols_fit(se->x, se->y, se->n, &fit) == JS_OK;
    if (fitted) {
        pace = fit.c1;
        projected = fit.c0 + fit.c1 * (t->target_year - fit.x0);
    }
    out[TG_ACHIEVED] = t->ols && !fitted ? (double)NAN : pace;
    if (!t->parity && yb > 0 && yl > 0)
        out[TG_ACHIEVED_CAGR] = 100 * (pow(yl / yb, 1 / (tl - tb)) - 1);
    if (t->target_year > tl) {
        out[TG_REQUIRED] = (t->target - yl) / (t->target_year - tl);
        if (!t->parity && t->target > 0 && yl > 0)
            out[TG_REQUIRED_CAGR] = 100 * (pow(t->target / yl, 1 / (t->target_year - tl)) - 1);
    }
    out[TG_PROJECTED] = t->ols && !fitted ? (double)NAN : projected;
    if (tg_met(yl, t->target, up)) { /* reached: since the year after the last year it was not */
        reach_year = tb;
        for (size_t i = 0; i < se->n; i++)
            if (!tg_met(se->y[i], t->target, up))
                reach_year = se->x[i + 1 < se->n ? i + 1 : i];
        out[TG_STATUS] = TG_STATUS_REACHED;
    } else {
        if (up ? pace > 0 : pace < 0)
            reach_year = fitted ? fit.x0 + (t->target - fit.c0) / fit.c1 : tl + (t->target - yl) / pace;
        out[TG_STATUS] = !isnan(out[TG_PROJECTED]) && tg_met(out[TG_PROJECTED], t->target, up)
                             ? TG_STATUS_ON_TRACK
                             : TG_STATUS_OFF_TRACK;
    }
    out[TG_YEAR_REACHED] = reach_year;
}

/* The first year of the fit: the base year (or the first observed) or the
 * last break after it, whichever is later. */
static double tg_fit_from(const tg_spec *t)
{
    double from = t->base;
    for (size_t i = 0; i < t->n_breaks; i++)
        if (isnan(from) || t->breaks[i] > from)
            from = t->breaks[i];
    return from;
}

typedef struct tg_ctx {
    const js_indicator_spec *s;
    const tg_spec *t;
    const js_cube *in;
    size_t time, sex;  /* dimensions of in; sex SIZE_MAX unless parity */
    size_t w, m;       /* parity: the women's and men's categories */
    js_cube *res;
    size_t n_short;
} tg_ctx;

/* The value at time category k of the series at coords: the value, or
 * women - men for parity. */
static double tg_value(const tg_ctx *c, size_t *coords, size_t k, uint32_t *flags)
{
    coords[c->time] = k;
    if (c->sex == SIZE_MAX) {
        const size_t cell = js_cube_cell_index(c->in, coords);
        *flags |= js_cube_flags(c->in, cell);
        return js_cube_value(c->in, cell);
    }
    coords[c->sex] = c->w;
    const size_t cw = js_cube_cell_index(c->in, coords);
    coords[c->sex] = c->m;
    const size_t cm = js_cube_cell_index(c->in, coords);
    *flags |= js_cube_flags(c->in, cw) | js_cube_flags(c->in, cm);
    return js_cube_value(c->in, cw) - js_cube_value(c->in, cm);
}

/* Gather the series at coords, in the order of the years. */
static void tg_gather(const tg_ctx *c, size_t *coords, tg_series *se)
{
    const js_dim *const td = js_cube_dim(c->in, c->time);
    const double from = tg_fit_from(c->t);
    se->n = 0;
    se->flags = 0;
    for (size_t k = 0; k < js_dim_size(td); k++) {
        const int year = js_dim_category(td, k)->year;
        if (!isnan(from) && year < from)
            continue;
        uint32_t f = 0;
        const double v = tg_value(c, coords, k, &f);
        if (isnan(v))
            continue;
        se->flags |= f & ~(uint32_t)JS_FLAG_SMALL_N;
        size_t at = se->n++; /* insertion in year order: time categories may come in any order */
        while (at > 0 && se->x[at - 1] > year) {
            se->x[at] = se->x[at - 1];
            se->y[at] = se->y[at - 1];
            at--;
        }
        se->x[at] = year;
        se->y[at] = v;
    }
}

/* The result cell of coords (time and, for parity, sex dropped) with statistic j. */
static size_t tg_res_cell(const tg_ctx *c, const size_t *coords, size_t j)
{
    size_t rc[JS_MAX_BY + 2], n = 0;
    for (size_t i = 0; i < js_cube_ndims(c->in); i++)
        if (i != c->time && i != c->sex)
            rc[n++] = coords[i];
    rc[n] = j;
    return js_cube_cell_index(c->res, rc);
}

static js_status tg_compute(tg_ctx *c, tg_series *se)
{
    size_t coords[JS_MAX_BY + 2];
    js_status st = JS_OK;
    for (size_t cell = 0; st == JS_OK && cell < js_cube_ncells(c->in); cell++) {
        js_cube_cell_coords(c->in, cell, coords);
        if (coords[c->time] != 0 || (c->sex != SIZE_MAX && coords[c->sex] != 0))
            continue;
        tg_gather(c, coords, se);
        double out[TG_COUNT];
        tg_series_stats(c->t, se, out);
        c->n_short += se->n < 2;
        for (size_t j = 0; st == JS_OK && j < TG_COUNT; j++) {
            const size_t rcell = tg_res_cell(c, coords, j);
            if (!isnan(out[j]))
                js_cube_set_value(c->res, rcell, out[j]);
            else if (se->n >= 2) /* cannot be: a rate of what is not positive, a year never reached */
                st = js_cube_set_status(c->res, rcell, JS_CELL_NA, NULL);
            uint32_t f = se->flags;
            if (se->n < 2 && isnan(out[j]) && !(f & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT)))
                f |= JS_FLAG_MISSING_INPUT;
            if (st == JS_OK && f)
                st = js_cube_add_flags(c->res, rcell, f);
        }
    }
    return st;
}

/* The result: in's dimensions less time (and sex for parity), then statistic. */
static js_status tg_shape(const tg_ctx *c, js_cube **out)
{
    js_cube *const res = js_cube_alloc();
    js_status st = res ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < js_cube_ndims(c->in); i++) {
        if (i == c->time || i == c->sex)
            continue;
        const js_dim *const dim = js_cube_dim(c->in, i);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++)
            st = js_cube_copy_category(res, nd, js_dim_category(dim, k), NULL);
    }
    size_t nd;
    if (st == JS_OK)
        st = js_cube_add_dim(res, "statistic", js_text(c->s->lang, "Mått", "Statistic"), JS_ROLE_OTHER, &nd);
    for (size_t k = 0; st == JS_OK && k < TG_COUNT; k++) {
        st = js_cube_add_category(res, nd, tg_codes[k], js_text(c->s->lang, tg_labels[k][0], tg_labels[k][1]),
                                  NULL);
        if (st == JS_OK && (k == TG_BASE_YEAR || k == TG_LATEST_YEAR || k == TG_TARGET_YEAR ||
                            k == TG_YEAR_REACHED || k == TG_STATUS))
            st = js_cube_set_values_whole(res, nd, k);
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

/* Parity: the women's and men's categories of the sex dimension. */
static js_status tg_sexes(const js_indicator_spec *s, tg_ctx *c, js_diag *d)
{
    c->sex = js_cube_dim_by_role(c->in, JS_ROLE_SEX);
    c->w = c->m = SIZE_MAX;
    const js_dim *const sd = c->sex == SIZE_MAX ? NULL : js_cube_dim(c->in, c->sex);
    for (size_t k = 0; sd != NULL && k < js_dim_size(sd); k++) {
        if (js_dim_category(sd, k)->sex == JS_SEX_WOMEN)
            c->w = k;
        if (js_dim_category(sd, k)->sex == JS_SEX_MEN)
            c->m = k;
    }
    if (c->w == SIZE_MAX || c->m == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: target = parity follows the gap between women and men: the "
                      "input needs a sex dimension with both (put sex in by)", s->id);
        return JS_EUSAGE;
    }
    return JS_OK;
}

static js_status ind_target(const js_indicator_spec *s, const js_cube *const *inputs, js_cube **out,
                            js_diag *d)
{
    tg_spec t;
    js_status st = tg_read_spec(s, &t, d);
    if (st != JS_OK)
        return st;
    const js_cube *in = inputs[0];
    js_cube *own = NULL;
    if (in == NULL)
        st = ind_aggregate(s, inputs[1], NULL, &in, &own, d);
    tg_ctx c = {s, &t, in, SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX, NULL, 0};
    if (st == JS_OK)
        st = ind_need_role(s, in, JS_ROLE_TIME, "time (put the year in by)", &c.time, d);
    if (st == JS_OK && js_cube_ndims(in) > JS_MAX_BY)
        st = JS_EUSAGE;
    if (st == JS_OK && t.parity)
        st = tg_sexes(s, &c, d);
    const size_t n_years = st == JS_OK ? js_dim_size(js_cube_dim(in, c.time)) : 0;
    tg_series se = {js_calloc(n_years + 1, sizeof(double)), js_calloc(n_years + 1, sizeof(double)), 0, 0};
    if (st == JS_OK && (se.x == NULL || se.y == NULL))
        st = JS_ENOMEM;
    if (st == JS_OK)
        st = tg_shape(&c, &c.res);
    if (st == JS_OK)
        st = tg_compute(&c, &se);
    if (st == JS_OK && c.n_short > 0)
        js_diag_warn(d, NULL, 0, 0, "%s: %zu series have fewer than 2 years from the base year (or the last "
                     "break) on: no pace, no status", s->id, c.n_short);
    js_free(se.x);
    js_free(se.y);
    js_cube_free(own);
    if (st != JS_OK) {
        js_cube_free(c.res);
        return st;
    }
    *out = c.res;
    return JS_OK;
}

static const char *tg_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)s;
    (void)lang;
    return in_unit ? in_unit : "";
}

static const js_input_def tg_inputs[] = {
    {"of", JS_INPUT_INDICATOR, 1, 0, "the indicator defined above that the target is for"},
    {"data", JS_INPUT_DATA, 1, 1, "or a data section (summed by by under where)"},
    IND_INPUT_END};

static const char *const tg_directions[] = {"auto", "up", "down", NULL};
static const char *const tg_paces[] = {"endpoint", "ols", NULL};

static const js_key tg_keys[] = {
    {"target", JS_KEY_TEXT, NULL, 0, 0, NULL, 1, "the target value, or parity (women - men to 0)"},
    {"target_year", JS_KEY_YEAR, NULL, 1000, 9999, NULL, 1, "the year the target is for"},
    {"direction", JS_KEY_ENUM, "auto", 0, 0, tg_directions, 0,
     "up: reached at or above the target; down: at or below; auto: towards it from the base year"},
    {"base", JS_KEY_YEAR, NULL, 1000, 9999, NULL, 0, "the base year (default: the first observed)"},
    {"pace", JS_KEY_ENUM, "endpoint", 0, 0, tg_paces, 0,
     "endpoint: (latest - base) / years; ols: the OLS slope over the same years"},
    {"breaks", JS_KEY_TEXT, NULL, 0, 0, NULL, 0, "years with a series break: the pace is measured from the last"},
    {"sentences", JS_KEY_BOOL, NULL, 0, 0, NULL, 0,
     "no: no sentences under its table in the report ([analysis] sentences)"},
    IND_KEY_END};

const js_kind ind_kind_target = {
    .name = "target",
    .family = "regional comparison",
    .inputs = tg_inputs,
    .keys = tg_keys,
    .unit_sv = "",
    .unit_en = "",
    .unit_doc = "as the input",
    .decimals = 2,
    .doc_en = "Follow-up of a target per series (region, sex ...), in a statistic dimension: base and latest "
        "year and value; achieved change per year, (y_L - y_B) / (t_L - t_B) (or the OLS slope), and "
        "compound, 100 ((y_L / y_B)^(1/(t_L - t_B)) - 1); required change per year to the target, "
        "(target - y_L) / (T - t_L), and compound; the value projected to the target year; the year the "
        "target is reached at the achieved pace (or since when it has been); status 1 reached, 2 on track, "
        "3 off track. target = parity follows women - men to 0.",
    .doc_sv = "Uppföljning av ett mål per serie: bas- och senaste år och värde; uppnådd förändring per år "
        "(absolut och årlig procentuell); förändring per år som krävs för att nå målet till målåret "
        "(linjärt och procentuellt); framskrivet värde målåret; året målet nås i nuvarande takt; status 1 "
        "nått, 2 i fas, 3 inte i fas. target = parity följer skillnaden kvinnor - män mot 0.",
    .unit = tg_unit,
    .compute = ind_target,
};
