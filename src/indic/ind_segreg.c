/*
 * ind_segreg.c - how differently women and men spread over the categories
 * of a classification (METHODS 6.1, 7, 12): kinds dissimilarity,
 * karmel_maclachlan, balanced_share and balance.
 *
 *   dissimilarity      Duncan's D x 100: the percent of women (or of men) who
 *                      would have to change category for both sexes to be
 *                      spread alike; variant = size_standardised: Gibbs' D_s
 *   karmel_maclachlan  IP x 100 = 2a(1-a) D x 100: the percent of all persons
 *   balanced_share     100 x persons (women, men) in categories with 40-60 %
 *                      women / all persons (women, men); classes = all: the
 *                      same for each balance class (female-dominated,
 *                      balanced, male-dominated), adding up to 100
 *   balance            per category: -1 (fewer than 40 % women), 0 (40-60 %),
 *                      1 (more than 60 % women)
 *   independence_test  Pearson's chi-square test of sex x category: p, X2,
 *                      df or Cramer's V; an exact (2 categories) or
 *                      Monte-Carlo p when an expected count is below 5
 *
 * The first three are one number per unit (a cell of the by dimensions)
 * computed over the categories of `over`, one or more dimensions, so the
 * data are summed by by + over + sex and each unit's categories lie side
 * by side at the end of the aggregate.  The rule for categories: a total
 * category of an over dimension and those named in exclude do not take
 * part; a category with nobody in it is left out (it changes neither D
 * nor IP); a category with only one sex takes part (it is the most
 * segregated there is); a missing or suppressed cell makes the unit's
 * value missing, unless skip_missing = yes and both sexes' cells are
 * missing: then the combination is one the table does not have (SUN 2000
 * fields within their groups).  Intervals come from the multinomial
 * bootstrap of stats/segreg.c.
 */
#include "indic/ind_int.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "stats/segreg.h"

#define SG_MAX_OVER 4 /* dimensions in over */

/* The aggregate a segregation kind works on, and where its parts are. */
typedef struct sg_plan {
    const js_cube *agg;   /* by dims, then the over dims, then sex */
    js_cube *own;         /* agg when the caller owns it */
    size_t n_unit_dims;   /* the by dims (less sex and over) at the front of agg */
    size_t n_over;        /* over dims after them */
    size_t k;             /* combinations of over categories per unit */
    size_t n_sex, w, m;   /* sex categories; women's and men's index */
    unsigned char *use;   /* per combination: 1 = takes part */
    size_t n_units;
} sg_plan;

static void sg_plan_fini(sg_plan *p)
{
    js_cube_free(p->own);
    js_free(p->use);
}

/* The comma-separated names of over (trimmed) into names[]; their count. */
static size_t sg_split(const char *text, char buf[][128], size_t cap)
{
    size_t n = 0;
    for (const char *p = text; p != NULL && *p != '\0' && n < cap;) {
        const char *const comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len > 0 && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len > 0 && len < sizeof buf[0]) {
            memcpy(buf[n], p, len);
            buf[n++][len] = '\0';
        }
        p = comma ? comma + 1 : p + strlen(p);
    }
    return n;
}

/* Is dimension i of data one of the over dims? */
static int sg_is_over(const size_t *over, size_t n_over, size_t i)
{
    for (size_t j = 0; j < n_over; j++)
        if (over[j] == i)
            return 1;
    return 0;
}

/* Mark which over combinations take part: not a total, not excluded. */
static js_status sg_mark(const js_indicator_spec *s, sg_plan *p, js_diag *d)
{
    const js_cube *const a = p->agg;
    p->use = js_malloc(p->k + 1);
    if (p->use == NULL)
        return JS_ENOMEM;
    memset(p->use, 1, p->k + 1);
    const js_sel *const ex = js_kind_key(s->kind, "exclude") ? js_spec_sel(s, "exclude") : NULL;
    size_t stride = p->k;
    for (size_t j = 0; j < p->n_over; j++) {
        const js_dim *const dim = js_cube_dim(a, p->n_unit_dims + j);
        const size_t n = js_dim_size(dim);
        stride /= n;
        for (size_t c = 0; c < n; c++) {
            int drop = js_dim_category(dim, c)->is_total;
            for (size_t t = 0; !drop && t < js_sel_nterms(ex); t++) {
                if (js_cube_find_dim(a, js_sel_term_dim(ex, t)) != p->n_unit_dims + j)
                    continue;
                for (size_t v = 0; v < js_sel_term_nvalues(ex, t); v++)
                    if (js_dim_find(dim, js_sel_term_value(ex, t, v)) == c)
                        drop = 1;
            }
            for (size_t i = 0; drop && i < p->k; i++)
                if ((i / stride) % n == c)
                    p->use[i] = 0;
        }
    }
    for (size_t t = 0; t < js_sel_nterms(ex); t++) {
        const size_t di = js_cube_find_dim(a, js_sel_term_dim(ex, t));
        if (di < p->n_unit_dims || di >= p->n_unit_dims + p->n_over) {
            js_diag_error(d, NULL, 0, 0, "%s: exclude names %s, which is not a dimension in over",
                          s->id, js_sel_term_dim(ex, t));
            return JS_EUSAGE;
        }
        for (size_t v = 0; v < js_sel_term_nvalues(ex, t); v++)
            if (js_dim_find(js_cube_dim(a, di), js_sel_term_value(ex, t, v)) == SIZE_MAX) {
                js_diag_error(d, NULL, 0, 0, "%s: exclude: %s has no category %s", s->id,
                              js_sel_term_dim(ex, t), js_sel_term_value(ex, t, v));
                return JS_EUSAGE;
            }
    }
    return JS_OK;
}

/* Sum data by by + over + sex and find the parts. */
static js_status sg_plan_make(const js_indicator_spec *s, const js_cube *data, sg_plan *p, js_diag *d)
{
    memset(p, 0, sizeof *p);
    size_t sex;
    js_status st = ind_need_role(s, data, JS_ROLE_SEX, "sex", &sex, d);
    if (st != JS_OK)
        return st;
    char names[SG_MAX_OVER][128];
    const size_t n_over = sg_split(js_spec_text(s, "over"), names, SG_MAX_OVER);
    size_t over[SG_MAX_OVER];
    for (size_t j = 0; j < n_over; j++) {
        over[j] = js_cube_find_dim(data, names[j]);
        if (over[j] == SIZE_MAX || over[j] == sex) {
            js_diag_error(d, NULL, 0, 0, "%s: over: the data has no category dimension %s", s->id, names[j]);
            return JS_EUSAGE;
        }
    }
    if (n_over == 0) {
        js_diag_error(d, NULL, 0, 0, "%s: over names no dimension", s->id);
        return JS_EUSAGE;
    }
    const char *by[JS_MAX_BY + SG_MAX_OVER + 1];
    size_t n_by = 0;
    for (size_t i = 0; i < s->n_by && n_by < JS_MAX_BY; i++) {
        const size_t di = js_cube_find_dim(data, s->by[i]);
        if (di != sex && !sg_is_over(over, n_over, di))
            by[n_by++] = s->by[i];
    }
    p->n_unit_dims = n_by;
    for (size_t j = 0; j < n_over; j++)
        by[n_by++] = js_dim_name(js_cube_dim(data, over[j]));
    by[n_by++] = js_dim_name(js_cube_dim(data, sex));
    st = js_aggregate_cached(s->cache, data, s->where, by, n_by, s->id, &p->agg, &p->own, d);
    if (st != JS_OK)
        return st;
    p->n_over = n_over;
    p->k = 1;
    for (size_t j = 0; j < n_over; j++)
        p->k *= js_dim_size(js_cube_dim(p->agg, n_by - 1 - n_over + j));
    const js_dim *const sdim = js_cube_dim(p->agg, n_by - 1);
    p->n_sex = js_dim_size(sdim);
    p->w = p->m = SIZE_MAX;
    for (size_t c = 0; c < p->n_sex; c++) {
        if (js_dim_category(sdim, c)->sex == JS_SEX_WOMEN)
            p->w = c;
        if (js_dim_category(sdim, c)->sex == JS_SEX_MEN)
            p->m = c;
    }
    if (p->w == SIZE_MAX || p->m == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: the data needs counts of women and of men", s->id);
        return JS_EUSAGE;
    }
    const size_t block = p->k * p->n_sex;
    p->n_units = block > 0 ? js_cube_ncells(p->agg) / block : 0;
    return sg_mark(s, p, d);
}

/* The result: the unit dims of the aggregate, all cells missing. */
static js_status sg_result(const sg_plan *p, js_cube **out)
{
    js_cube *const res = js_cube_alloc();
    js_status st = res ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < p->n_unit_dims; i++) {
        const js_dim *const dim = js_cube_dim(p->agg, i);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++)
            st = js_cube_copy_category(res, nd, js_dim_category(dim, k), NULL);
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

/* A seed for unit u: the analysis' seed with the unit's category codes
 * (FNV-1a), so that a county's interval is the same whatever else is
 * computed. */
static uint64_t sg_seed(const sg_plan *p, size_t u, double seed, const js_cube *res)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)seed;
    size_t idx[JS_MAX_BY];
    js_cube_cell_coords(res, u, idx);
    for (size_t i = 0; i < p->n_unit_dims; i++) {
        for (const char *c = js_dim_category(js_cube_dim(res, i), idx[i])->code; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211u;
        h = (h ^ 0xffu) * 1099511628211u;
    }
    return h;
}

/* Unit u's counts of the combinations taking part into f, m (*k of them);
 * the flags of its cells; 0 when a cell it needs is missing. */
static int sg_gather(const js_indicator_spec *s, const sg_plan *p, size_t u, double *f, double *m,
                     size_t *k, uint32_t *flags)
{
    const int skip_missing = js_spec_word(s, "skip_missing") == 1;
    const size_t base = u * p->k * p->n_sex;
    int ok = 1;
    *k = 0;
    for (size_t i = 0; i < p->k; i++) {
        if (!p->use[i])
            continue;
        const size_t cw = base + i * p->n_sex + p->w, cm = base + i * p->n_sex + p->m;
        const double vw = js_cube_value(p->agg, cw), vm = js_cube_value(p->agg, cm);
        const uint32_t fl = js_cube_flags(p->agg, cw) | js_cube_flags(p->agg, cm);
        if (isnan(vw) && isnan(vm) && skip_missing && js_cube_status(p->agg, cw) == JS_CELL_MISSING &&
            js_cube_status(p->agg, cm) == JS_CELL_MISSING && !(fl & JS_FLAG_SUPPRESSED_INPUT))
            continue;
        *flags |= fl;
        if (isnan(vw) || isnan(vm)) {
            ok = 0;
            continue;
        }
        f[*k] = vw;
        m[*k] = vm;
        (*k)++;
    }
    if (!ok && !(*flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT)))
        *flags |= JS_FLAG_MISSING_INPUT;
    return ok;
}

/* One unit's value, interval (x 100) and flags, computed apart from the
 * result cube so that threads can share the work (the cube allocates its
 * interval and flag arrays on first use). */
typedef struct sg_out {
    double v, lo, hi;
    uint32_t flags;
} sg_out;

/* One unit's values of the n_spec indices into o[0 .. n_spec), on the same
 * bootstrap replicates; seeds is the cube of the units (its cell u is unit
 * u) that names the unit for its seed. */
static js_status sg_unit(const js_indicator_spec *s, const js_seg_spec *spec, size_t n_spec, const sg_plan *p,
                         size_t u, const js_cube *seeds, double *f, double *m, sg_out *o)
{
    size_t k = 0;
    uint32_t flags = 0;
    for (size_t i = 0; i < n_spec; i++) {
        o[i].v = o[i].lo = o[i].hi = (double)NAN;
        o[i].flags = 0;
    }
    const int ok = sg_gather(s, p, u, f, m, &k, &flags);
    double F = 0, M = 0;
    for (size_t i = 0; ok && i < k; i++) {
        F += f[i];
        M += m[i];
    }
    if (ok && (F < s->small_n || M < s->small_n))
        flags |= JS_FLAG_SMALL_N;
    for (size_t i = 0; i < n_spec; i++)
        o[i].flags = flags;
    if (!ok)
        return JS_OK;
    enum { SG_MAX_SPECS = 9 }; /* three classes x women, men and all */
    js_seg_boot b[SG_MAX_SPECS];
    if (n_spec > SG_MAX_SPECS)
        return JS_EINTERNAL;
    const size_t reps = (size_t)js_spec_num(s, "replicates");
    const js_status st = js_seg_bootstrap_n(spec, n_spec, f, m, k, reps,
                                            sg_seed(p, u, js_spec_num(s, "seed"), seeds),
                                            js_spec_num(s, "level") / 100, b);
    for (size_t i = 0; i < n_spec; i++) {
        const double v = js_spec_word(s, "estimate") == 1 ? b[i].bc : b[i].est;
        if (isnan(v)) {
            if (isnan(b[i].est))
                o[i].flags |= JS_FLAG_ZERO_DENOM; /* no women or no men */
            continue;
        }
        o[i].v = 100 * v;
        if (!isnan(b[i].lo)) {
            o[i].lo = 100 * b[i].lo;
            o[i].hi = 100 * b[i].hi;
        }
    }
    return st;
}

/* A share of the units for one thread: fn computes unit u's n_spec
 * values into out[u * n_spec ...]. */
typedef struct sg_job sg_job;
typedef js_status (*sg_unit_fn)(const sg_job *j, size_t u, double *f, double *m, sg_out *o);
struct sg_job {
    sg_unit_fn fn;
    const js_indicator_spec *s;
    const js_seg_spec *spec;
    size_t n_spec;
    const sg_plan *p;
    const js_cube *seeds;
    sg_out *out; /* n_spec per unit */
    size_t from, to;
    js_status st;
};

static js_status sg_index_unit(const sg_job *j, size_t u, double *f, double *m, sg_out *o)
{
    return sg_unit(j->s, j->spec, j->n_spec, j->p, u, j->seeds, f, m, o);
}

static void *sg_run(void *arg)
{
    sg_job *const j = arg;
    double *const f = js_calloc(j->p->k + 1, sizeof *f), *const m = js_calloc(j->p->k + 1, sizeof *m);
    j->st = f && m ? JS_OK : JS_ENOMEM;
    for (size_t u = j->from; j->st == JS_OK && u < j->to; u++)
        j->st = j->fn(j, u, f, m, &j->out[u * j->n_spec]);
    js_free(f);
    js_free(m);
    return NULL;
}

/* Every unit through fn, on up to SG_THREADS threads when there is
 * resampling to share (a unit's numbers do not depend on its thread: each
 * has its own generator). */
#define SG_THREADS 8
static js_status sg_units(const js_indicator_spec *s, sg_unit_fn fn, const js_seg_spec *spec, size_t n_spec,
                          const sg_plan *p, const js_cube *seeds, sg_out *out)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n_th = cores > 1 ? (size_t)cores : 1;
    if (n_th > SG_THREADS)
        n_th = SG_THREADS;
    if (js_spec_num(s, "replicates") < 1 || p->n_units < 2)
        n_th = 1;
    if (n_th > p->n_units)
        n_th = p->n_units > 0 ? p->n_units : 1;
    sg_job jobs[SG_THREADS];
    pthread_t th[SG_THREADS];
    int started[SG_THREADS] = {0};
    for (size_t t = 0; t < n_th; t++) {
        jobs[t] = (sg_job){fn,  s,   spec, n_spec, p, seeds, out, p->n_units * t / n_th, p->n_units * (t + 1) / n_th,
                           JS_OK};
        started[t] = t > 0 && pthread_create(&th[t], NULL, sg_run, &jobs[t]) == 0;
        if (t > 0 && !started[t])
            (void)sg_run(&jobs[t]);
    }
    (void)sg_run(&jobs[0]);
    js_status st = JS_OK;
    for (size_t t = 0; t < n_th; t++) {
        if (started[t])
            (void)pthread_join(th[t], NULL);
        if (st == JS_OK)
            st = jobs[t].st;
    }
    return st;
}

/* Put one unit-spec value into cell c of res. */
static js_status sg_put(js_cube *res, size_t c, const sg_out *o)
{
    js_status st = JS_OK;
    if (!isnan(o->v))
        js_cube_set_value(res, c, o->v);
    if (!isnan(o->lo))
        st = js_cube_set_ci(res, c, o->lo, o->hi);
    if (st == JS_OK && o->flags)
        st = js_cube_add_flags(res, c, o->flags);
    return st;
}

/* The segregation kinds' computation, for the index in spec. */
static js_status sg_compute(const js_indicator_spec *s, const js_cube *data, const js_seg_spec *spec,
                            js_cube **out, js_diag *d)
{
    sg_plan p;
    js_cube *res = NULL;
    sg_out *o = NULL;
    js_status st = sg_plan_make(s, data, &p, d);
    if (st == JS_OK)
        st = sg_result(&p, &res);
    if (st == JS_OK)
        st = (o = js_calloc(p.n_units + 1, sizeof *o)) != NULL ? JS_OK : JS_ENOMEM;
    if (st == JS_OK)
        st = sg_units(s, sg_index_unit, spec, 1, &p, res, o);
    for (size_t u = 0; st == JS_OK && u < p.n_units; u++)
        st = sg_put(res, u, &o[u]);
    js_free(o);
    sg_plan_fini(&p);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* ---- the kinds ------------------------------------------------------------------ */

static const js_input_def sg_inputs[] = {IND_INPUT_DATA, IND_INPUT_END};
static const char *const sg_estimates[] = {"observed", "bias_corrected", NULL};

/* The keys every segregation index takes. */
#define SG_KEYS                                                                                          \
    {"over", JS_KEY_DIMS, NULL, 0, 0, NULL, 1,                                                           \
     "the category dimension(s), e.g. occupation; several: their combinations"},                         \
    {"exclude", JS_KEY_SELECTION, NULL, 0, 0, NULL, 0,                                                   \
     "categories of over left out, e.g. occupation:0002 (unknown occupation)"},                          \
    {"skip_missing", JS_KEY_BOOL, "no", 0, 0, NULL, 0,                                                   \
     "yes: a category missing for both sexes is one the table lacks (nested classifications)"},          \
    {"replicates", JS_KEY_INTEGER, "1000", 0, 100000, NULL, 0,                                           \
     "bootstrap replicates for the interval (0: no interval)"},                                          \
    {"seed", JS_KEY_INTEGER, "20240101", 0, 4294967295.0, NULL, 0,                                       \
     "the bootstrap's seed: the same seed gives the same interval"},                                     \
    {"level", JS_KEY_NUMBER, "95", 50, 99.999, NULL, 0, "the interval's level, percent"},                \
    {"estimate", JS_KEY_ENUM, "observed", 0, 0, sg_estimates, 0,                                         \
     "observed: the index of the table; bias_corrected: 2 x observed - the replicates' mean"}

static const char *const dis_variants[] = {"duncan", "size_standardised", NULL};

static js_status dis_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                             js_diag *d)
{
    const js_seg_spec spec = {js_spec_word(s, "variant") == 1 ? JS_SEG_STANDARDISED : JS_SEG_DUNCAN, 0,
                              0, JS_SEG_ALL, 0};
    return sg_compute(s, in[0], &spec, out, d);
}

static const js_key dis_keys[] = {
    SG_KEYS,
    {"variant", JS_KEY_ENUM, "duncan", 0, 0, dis_variants, 0,
     "duncan: D; size_standardised: D on each category's shares (Gibbs), as if all were one size"},
    IND_KEY_END};

const js_kind ind_kind_dissimilarity = {
    .name = "dissimilarity",
    .family = "equality and segregation",
    .inputs = sg_inputs,
    .keys = dis_keys,
    .unit_sv = "index 0-100",
    .unit_en = "index 0-100",
    .unit_doc = "index 0-100",
    .decimals = 1,
    .doc_en = "Duncan's index of dissimilarity x 100 over the categories of over: 50 x sum abs(w_i/W - m_i/M), the "
        "percent of women (or men) who would have to change category for both sexes to be spread alike "
        "(0: alike, 100: no category shared). variant = size_standardised: the same on each category's "
        "shares of women and men (Gibbs). 95 % interval: multinomial bootstrap (elbersb/segregation), "
        "debiased replicates' percentiles; on complete register counts it describes random variation in "
        "the process behind them, not sampling error.",
    .doc_sv = "Duncans olikhetsindex × 100 över kategorierna i over: 50 × summa abs(k_i/K - m_i/M), andelen "
        "kvinnor (eller män) i procent som skulle behöva byta kategori för att könen ska fördela sig lika "
        "(0: lika, 100: inga gemensamma kategorier). variant = size_standardised: samma på varje "
        "kategoris andelar kvinnor och män (Gibbs). 95 % intervall: multinomial bootstrap; på registrets "
        "fullständiga räkningar beskriver det slumpmässig variation i processen bakom dem, inte urvalsfel.",
    .compute = dis_compute,
};

static js_status km_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                            js_diag *d)
{
    const js_seg_spec spec = {JS_SEG_KARMEL, 0, 0, JS_SEG_ALL, 0};
    return sg_compute(s, in[0], &spec, out, d);
}

static const js_key km_keys[] = {SG_KEYS, IND_KEY_END};

const js_kind ind_kind_karmel_maclachlan = {
    .name = "karmel_maclachlan",
    .family = "equality and segregation",
    .inputs = sg_inputs,
    .keys = km_keys,
    .unit_sv = "% av alla",
    .unit_en = "% of all",
    .unit_doc = "% of all",
    .decimals = 1,
    .doc_en = "Karmel and MacLachlan's index x 100: 100/T x sum abs(w_i - a t_i), a = W/T, the percent of all "
        "persons who would have to change category, keeping the categories' sizes and the share of women "
        "(= 2a(1-a) D; at most 50). Bootstrap interval as dissimilarity.",
    .doc_sv = "Karmel och MacLachlans index × 100: 100/T × summa abs(k_i - a t_i), a = K/T, andelen av alla i "
        "procent som skulle behöva byta kategori med kategoriernas storlek och andelen kvinnor oförändrade "
        "(= 2a(1-a) D; högst 50). Bootstrapintervall som för dissimilarity.",
    .compute = km_compute,
};

static const char *const bs_whom[] = {"all", "women", "men", NULL};
static const char *const bs_class_words[] = {"balanced", "all", NULL};

/* The band of the share of women, percent, from lower and upper. */
static js_status bs_band(const js_indicator_spec *s, double *lo, double *hi, js_diag *d)
{
    *lo = js_spec_num(s, "lower") / 100;
    *hi = js_spec_num(s, "upper") / 100;
    if (!(*lo <= *hi)) {
        js_diag_error(d, NULL, 0, 0, "%s: lower (%g) must not be above upper (%g)", s->id, 100 * *lo,
                      100 * *hi);
        return JS_EUSAGE;
    }
    return JS_OK;
}

/* The balance classes a result shows, in its order: women's, balanced,
 * men's (the order of a stacked bar from the left). */
static const int bs_classes[] = {1, 0, -1};
static const char *const bs_class_codes[] = {"female_dominated", "balanced", "male_dominated"};

/* The dimension of the classes, labelled in the report's language with
 * the band as the kind was given it. */
static js_status bs_class_dim(const js_indicator_spec *s, js_cube *res, double lo, double hi)
{
    size_t nd;
    js_status st = js_cube_add_dim(res, "balance_class", js_text(s->lang, "Könsbalans", "Gender balance"),
                                   JS_ROLE_OTHER, &nd);
    for (size_t c = 0; st == JS_OK && c < 3; c++) {
        char label[96];
        const int sv = s->lang == JS_LANG_SV;
        const double a = 100 * lo, b = 100 * hi;
        if (bs_classes[c] == 1 && sv)
            (void)snprintf(label, sizeof label, "Kvinnodominerade (över %g %% kvinnor)", b);
        else if (bs_classes[c] == 1)
            (void)snprintf(label, sizeof label, "Female-dominated (over %g %% women)", b);
        else if (bs_classes[c] == 0 && sv)
            (void)snprintf(label, sizeof label, "Jämn könsfördelning (%g\xe2\x80\x93%g %% kvinnor)", a, b);
        else if (bs_classes[c] == 0)
            (void)snprintf(label, sizeof label, "Balanced (%g\xe2\x80\x93%g %% women)", a, b);
        else if (sv)
            (void)snprintf(label, sizeof label, "Mansdominerade (under %g %% kvinnor)", a);
        else
            (void)snprintf(label, sizeof label, "Male-dominated (under %g %% women)", a);
        st = js_cube_add_category(res, nd, bs_class_codes[c], label, NULL);
    }
    return st;
}

/* Does by name the data's sex dimension?  (Then the result has one, each
 * sex's share of its own persons, and the total's of all.) */
static int bs_by_sex(const js_indicator_spec *s, const js_cube *data)
{
    const size_t sex = js_cube_dim_by_role(data, JS_ROLE_SEX);
    for (size_t i = 0; sex != SIZE_MAX && i < s->n_by; i++)
        if (js_cube_find_dim(data, s->by[i]) == sex)
            return 1;
    return 0;
}

/* balanced_share with classes = all or by sex: the units' dims, then the
 * classes (when all), then sex (when by names it); every value of a unit
 * from the same replicates. */
static js_status bs_compute_classes(const js_indicator_spec *s, const js_cube *data, double lo, double hi,
                                    int all, int by_sex, js_cube **out, js_diag *d)
{
    sg_plan p;
    js_cube *res = NULL, *units = NULL;
    sg_out *o = NULL;
    js_seg_spec spec[9];
    size_t sex_cat[3]; /* the aggregate's sex categories the result keeps */
    js_seg_whom whom[3];
    size_t n_sex = 0;
    const size_t n_cls = all ? 3 : 1;
    js_status st = sg_plan_make(s, data, &p, d);
    if (st == JS_OK) {
        const js_dim *const sd = js_cube_dim(p.agg, js_cube_ndims(p.agg) - 1);
        for (size_t c = 0; by_sex && c < js_dim_size(sd) && n_sex < 3; c++) {
            const js_sex x = js_dim_category(sd, c)->sex;
            if (x == JS_SEX_WOMEN || x == JS_SEX_MEN || x == JS_SEX_TOTAL) {
                sex_cat[n_sex] = c;
                whom[n_sex++] = x == JS_SEX_WOMEN ? JS_SEG_WOMEN : x == JS_SEX_MEN ? JS_SEG_MEN : JS_SEG_ALL;
            }
        }
        if (!by_sex)
            whom[n_sex++] = (js_seg_whom)js_spec_word(s, "variant");
        for (size_t c = 0; c < n_cls; c++)
            for (size_t w = 0; w < n_sex; w++)
                spec[c * n_sex + w] = (js_seg_spec){JS_SEG_BALANCED, lo, hi, whom[w], all ? bs_classes[c] : 0};
        st = sg_result(&p, &units);
    }
    if (st == JS_OK) {
        res = js_cube_alloc();
        st = res != NULL ? JS_OK : JS_ENOMEM;
        for (size_t i = 0; st == JS_OK && i < p.n_unit_dims; i++) {
            const js_dim *const dim = js_cube_dim(p.agg, i);
            size_t nd;
            st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
            for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++)
                st = js_cube_copy_category(res, nd, js_dim_category(dim, k), NULL);
        }
        if (st == JS_OK && all)
            st = bs_class_dim(s, res, lo, hi);
        if (st == JS_OK && by_sex) {
            const js_dim *const sd = js_cube_dim(p.agg, js_cube_ndims(p.agg) - 1);
            size_t nd;
            st = js_cube_add_dim(res, js_dim_name(sd), js_dim_label(sd), JS_ROLE_SEX, &nd);
            for (size_t w = 0; st == JS_OK && w < n_sex; w++)
                st = js_cube_copy_category(res, nd, js_dim_category(sd, sex_cat[w]), NULL);
        }
        if (st == JS_OK)
            st = js_cube_alloc_cells(res);
    }
    const size_t n_spec = n_cls * n_sex;
    if (st == JS_OK)
        st = (o = js_calloc(p.n_units * n_spec + 1, sizeof *o)) != NULL ? JS_OK : JS_ENOMEM;
    if (st == JS_OK)
        st = sg_units(s, sg_index_unit, spec, n_spec, &p, units, o);
    for (size_t u = 0; st == JS_OK && u < p.n_units; u++) /* cell u * n_spec + i: the same order */
        for (size_t i = 0; st == JS_OK && i < n_spec; i++)
            st = sg_put(res, u * n_spec + i, &o[u * n_spec + i]);
    js_free(o);
    js_cube_free(units);
    sg_plan_fini(&p);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static js_status bs_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                            js_diag *d)
{
    js_seg_spec spec = {JS_SEG_BALANCED, 0, 0, (js_seg_whom)js_spec_word(s, "variant"), 0};
    js_status st = bs_band(s, &spec.lo, &spec.hi, d);
    if (st != JS_OK)
        return st;
    const int all = js_spec_word(s, "classes") == 1, by_sex = bs_by_sex(s, in[0]);
    if (all || by_sex)
        return bs_compute_classes(s, in[0], spec.lo, spec.hi, all, by_sex, out, d);
    return sg_compute(s, in[0], &spec, out, d);
}

#define BS_BAND_KEYS                                                                                   \
    {"lower", JS_KEY_NUMBER, "40", 0, 100, NULL, 0, "the balanced band's lower end, percent women"},   \
    {"upper", JS_KEY_NUMBER, "60", 0, 100, NULL, 0, "the balanced band's upper end, percent women"}

static const js_key bs_keys[] = {
    SG_KEYS,
    BS_BAND_KEYS,
    {"variant", JS_KEY_ENUM, "all", 0, 0, bs_whom, 0,
     "whose share: all persons, women or men (by = ..., sex gives all three as a sex dimension)"},
    {"classes", JS_KEY_ENUM, "balanced", 0, 0, bs_class_words, 0,
     "balanced: the share in balanced categories; all: a balance_class dimension with the shares in "
     "female-dominated, balanced and male-dominated categories (they add up to 100)"},
    IND_KEY_END};

const js_kind ind_kind_balanced_share = {
    .name = "balanced_share",
    .family = "equality and segregation",
    .inputs = sg_inputs,
    .keys = bs_keys,
    .unit_sv = "%",
    .unit_en = "%",
    .unit_doc = "%",
    .decimals = 1,
    .doc_en = "The percent of all persons (variant = women: of women; men: of men) who are in categories of "
        "over with a balanced sex distribution: lower-upper % women, endpoints included (default 40-60, "
        "SCB's band). classes = all: a dimension balance_class with the percent in female-dominated "
        "(above upper), balanced and male-dominated (below lower) categories, adding up to 100 (the "
        "stacked chart's bars). With sex in by: women's share of women, men's of men and the total's of "
        "all, side by side. Bootstrap interval as dissimilarity, the classes' from the same replicates.",
    .doc_sv = "Andelen i procent av alla (variant = women: av kvinnorna; men: av männen) som finns i "
        "kategorier i over med jämn könsfördelning: lower-upper % kvinnor, gränserna inräknade (standard "
        "40-60, SCB:s intervall). classes = all: en dimension balance_class med andelen i "
        "kvinnodominerade (över upper), jämna och mansdominerade (under lower) kategorier, tillsammans "
        "100 (staplarna i diagrammet stacked). Med kön i by: kvinnornas andel av kvinnorna, männens av "
        "männen och totalens av alla, sida vid sida. Bootstrapintervall som för dissimilarity, "
        "klassernas från samma replikat.",
    .compute = bs_compute,
};

/* ---- balance: a class per category ---------------------------------------------- */

static js_status bal_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                             js_diag *d)
{
    double lo, hi;
    sg_plan p;
    js_cube *res = NULL;
    js_status st = bs_band(s, &lo, &hi, d);
    if (st != JS_OK)
        return st;
    st = sg_plan_make(s, in[0], &p, d);
    const size_t sex = p.n_unit_dims + p.n_over;
    if (st == JS_OK)
        st = ind_result_like(p.agg, sex, &res);
    for (size_t r = 0; st == JS_OK && r < js_cube_ncells(res); r++) {
        const size_t cw = r * p.n_sex + p.w, cm = r * p.n_sex + p.m; /* sex is the last dimension */
        const double vw = js_cube_value(p.agg, cw), vm = js_cube_value(p.agg, cm);
        uint32_t flags = js_cube_flags(p.agg, cw) | js_cube_flags(p.agg, cm);
        if (isnan(vw) || isnan(vm)) {
            if (!(flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT)))
                flags |= JS_FLAG_MISSING_INPUT;
        } else {
            const int c = js_seg_balance_class(vw, vw + vm, lo, hi);
            if (c == 2)
                flags |= JS_FLAG_ZERO_DENOM;
            else
                js_cube_set_value(res, r, c);
            if (vw + vm < s->small_n)
                flags |= JS_FLAG_SMALL_N;
        }
        if (flags)
            st = js_cube_add_flags(res, r, flags);
    }
    sg_plan_fini(&p);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static const js_key bal_keys[] = {
    {"over", JS_KEY_DIMS, NULL, 0, 0, NULL, 1, "the category dimension(s), e.g. occupation"},
    BS_BAND_KEYS,
    IND_KEY_END};

const js_kind ind_kind_balance = {
    .name = "balance",
    .family = "equality and segregation",
    .inputs = sg_inputs,
    .keys = bal_keys,
    .unit_sv = "klass",
    .unit_en = "class",
    .unit_doc = "class -1 / 0 / 1",
    .decimals = 0,
    .doc_en = "The balance class of each category of over: -1 male-dominated (below lower % women, default "
        "40), 0 balanced (lower-upper %, endpoints included, on unrounded shares), 1 female-dominated "
        "(above upper %, default 60).",
    .doc_sv = "Könsbalansen i varje kategori i over: -1 mansdominerad (under lower % kvinnor, standard 40), "
        "0 jämn (lower-upper %, gränserna inräknade, på oavrundade andelar), 1 kvinnodominerad (över upper "
        "%, standard 60).",
    .compute = bal_compute,
};

/* ---- independence_test: sex x category ------------------------------------------- */

enum { IT_P = 0, IT_X2 = 1, IT_DF = 2, IT_V = 3 };
static const char *const it_variants[] = {"p_value", "chi_square", "df", "cramers_v", NULL};

/* One unit's test into o (a job of sg_units; j->seeds names the units). */
static js_status it_unit(const sg_job *j, size_t u, double *f, double *m, sg_out *o)
{
    const js_indicator_spec *const s = j->s;
    uint32_t flags = 0;
    size_t k = 0;
    o->v = o->lo = o->hi = (double)NAN;
    if (sg_gather(s, j->p, u, f, m, &k, &flags)) {
        double F = 0, M = 0, x2, df, v, e_min;
        for (size_t i = 0; i < k; i++) {
            F += f[i];
            M += m[i];
        }
        if (F < s->small_n || M < s->small_n)
            flags |= JS_FLAG_SMALL_N;
        double pv = js_chisq_sex(f, m, k, &x2, &df, &v, &e_min);
        const int variant = js_spec_word(s, "variant");
        if (!isnan(pv) && e_min < 5) {
            flags |= JS_FLAG_FEW_EXPECTED; /* Cochran: the chi-square p is not to be trusted */
            if (variant == IT_P && df < 1.5) { /* two categories: exact */
                double a[2] = {0}, b[2] = {0};
                for (size_t i = 0, n = 0; i < k && n < 2; i++)
                    if (f[i] + m[i] > 0) {
                        a[n] = f[i];
                        b[n++] = m[i];
                    }
                pv = js_fisher_exact(a[0], a[0] + b[0], a[1], a[1] + b[1]);
            } else if (variant == IT_P) {
                pv = js_chisq_sex_mc(f, m, k, (size_t)js_spec_num(s, "replicates"),
                                     sg_seed(j->p, u, js_spec_num(s, "seed"), j->seeds));
            }
        }
        const double out = variant == IT_X2 ? x2 : variant == IT_DF ? df : variant == IT_V ? v : pv;
        if (isnan(out))
            flags |= JS_FLAG_ZERO_DENOM; /* no women, no men, or one category */
        else
            o->v = out;
    }
    o->flags = flags;
    return JS_OK;
}

static js_status it_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                            js_diag *d)
{
    sg_plan p;
    js_cube *res = NULL;
    sg_out *o = NULL;
    js_status st = sg_plan_make(s, in[0], &p, d);
    if (st == JS_OK)
        st = sg_result(&p, &res);
    if (st == JS_OK)
        st = (o = js_calloc(p.n_units + 1, sizeof *o)) != NULL ? JS_OK : JS_ENOMEM;
    if (st == JS_OK) /* the Monte-Carlo tests are shared out like bootstraps */
        st = sg_units(s, it_unit, NULL, 1, &p, res, o);
    for (size_t u = 0; st == JS_OK && u < p.n_units; u++)
        st = sg_put(res, u, &o[u]);
    js_free(o);
    sg_plan_fini(&p);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static const char *it_unit_of(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)in_unit;
    switch (js_spec_word(s, "variant")) {
    case IT_X2: return "X2";
    case IT_DF: return js_text(lang, "frihetsgrader", "degrees of freedom");
    case IT_V: return "V";
    default: return js_text(lang, "p-värde", "p value");
    }
}

static int it_decimals(const js_indicator_spec *s)
{
    const int v = js_spec_word(s, "variant");
    return v == IT_DF ? 0 : v == IT_X2 ? 1 : v == IT_V ? 3 : 4;
}

static const js_key it_keys[] = {
    {"over", JS_KEY_DIMS, NULL, 0, 0, NULL, 1, "the category dimension(s), e.g. occupation"},
    {"exclude", JS_KEY_SELECTION, NULL, 0, 0, NULL, 0, "categories of over left out, e.g. occupation:0002"},
    {"skip_missing", JS_KEY_BOOL, "no", 0, 0, NULL, 0,
     "yes: a category missing for both sexes is one the table lacks (nested classifications)"},
    {"variant", JS_KEY_ENUM, "p_value", 0, 0, it_variants, 0,
     "p_value, chi_square (X2), df or cramers_v (V = sqrt(X2 / N))"},
    {"replicates", JS_KEY_INTEGER, "2000", 1, 1000000, NULL, 0,
     "Monte-Carlo tables for the p value when an expected count is below 5"},
    {"seed", JS_KEY_INTEGER, "20240101", 0, 4294967295.0, NULL, 0, "the Monte-Carlo seed"},
    IND_KEY_END};

const js_kind ind_kind_independence_test = {
    .name = "independence_test",
    .family = "equality and segregation",
    .inputs = sg_inputs,
    .keys = it_keys,
    .unit_sv = "p-värde",
    .unit_en = "p value",
    .unit_doc = "p / X2 / df / V",
    .decimals = 4,
    .doc_en = "Pearson's chi-square test that women and men spread alike over the categories of over (sex x "
        "category, no continuity correction; empty categories dropped): the p value, X2, its degrees of "
        "freedom or Cramer's V. When an expected count is below 5 the result is flagged few_expected and "
        "the p value is Fisher's exact test (two categories) or a Monte-Carlo p (tables drawn under "
        "independence with the categories' totals fixed).",
    .doc_sv = "Pearsons chi2-test av att kvinnor och män fördelar sig lika över kategorierna i over (kön × "
        "kategori, ingen kontinuitetskorrektion; tomma kategorier utelämnas): p-värdet, X2, "
        "frihetsgraderna eller Cramérs V. När något förväntat antal är under 5 flaggas resultatet "
        "few_expected och p-värdet blir Fishers exakta test (två kategorier) eller ett Monte Carlo-p "
        "(tabeller dragna under oberoende med kategoriernas totaler fasta).",
    .unit = it_unit_of,
    .default_decimals = it_decimals,
    .compute = it_compute,
};
