/*
 * ind_fund.c - funding by recipient sex (gender budgeting; issue #14).
 *
 *   funding_share       who receives project funds and business support:
 *                       the share of the amount or of the number of grants
 *                       by the sex of the recipient's leader or owner, or
 *                       the amount per grant
 *   funding_per_capita  the amount to women-led recipients per woman of the
 *                       population (and men-led per man), per `per`
 *
 * The input is a funding table with one row per grant: a unique id
 * (recipient_id, with the recipient's name beside it as its label), year,
 * programme, the leader's sex (kvinna, man, blandat, okänt, or any other
 * words), municipality, industry, and the amount.  Read as a cube, a row
 * is one cell and every combination that is no row is empty: here an
 * empty cell is "no grant", not a missing number, so this kind sums the
 * cells that have a value instead of calling the aggregates (which make
 * any sum over a missing cell missing, METHODS 0.4).  A grant whose amount
 * is missing (`..` in the file) is counted in no share, and the result of
 * its group is flagged missing_input.
 *
 * by must name the leader dimension (key leader, default `leader`); the
 * shares are within each combination of the other by dimensions, over
 * every leader category (okänt included).  Worked example (datasets/
 * funding/, invented): 2023, women-led 3 grants of 650 000 SEK out of 7
 * of 1 850 000: amount share 100 x 650 000 / 1 850 000 = 35.135 %, grant
 * share 3 / 7 = 42.857 % with Wilson's interval, 216 667 SEK per grant.
 */
#include "indic/ind_int.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "indic/select.h"

enum { FUND_AMOUNT_SHARE = 0, FUND_GRANT_SHARE = 1, FUND_PER_GRANT = 2 };
static const char *const fund_measures[] = {"amount_share", "grant_share", "amount_per_grant", NULL};

/* The result: the by dimensions of data, with the categories where keeps. */
static js_status fund_shape(const js_indicator_spec *s, const js_cube *data, const js_sel_masks *m,
                            size_t *by_dim, js_cube **out, js_diag *d)
{
    js_cube *res = js_cube_alloc();
    js_status st = res ? JS_OK : JS_ENOMEM;
    for (size_t b = 0; st == JS_OK && b < s->n_by; b++) {
        by_dim[b] = js_cube_find_dim(data, s->by[b]);
        if (by_dim[b] == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: by: the data has no dimension %s", s->id, s->by[b]);
            st = JS_EUSAGE;
            break;
        }
        const js_dim *const dim = js_cube_dim(data, by_dim[b]);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++)
            if (m->mask[by_dim[b]] == NULL || m->mask[by_dim[b]][k])
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

/* Sums per result cell: amount, grants, grants with a missing amount. */
typedef struct fund_sums {
    double *amount, *grants, *missing;
} fund_sums;

static js_status fund_sum(const js_indicator_spec *s, const js_cube *data, const js_sel_masks *m,
                          const size_t *by_dim, js_cube *res, fund_sums *f)
{
    const size_t nd = js_cube_ndims(data), nr = js_cube_ncells(res);
    size_t *idx = js_calloc(nd, sizeof *idx), ridx[JS_MAX_BY];
    f->amount = js_calloc(nr, sizeof *f->amount);
    f->grants = js_calloc(nr, sizeof *f->grants);
    f->missing = js_calloc(nr, sizeof *f->missing);
    if (!idx || !f->amount || !f->grants || !f->missing) {
        js_free(idx);
        return JS_ENOMEM;
    }
    for (size_t cell = 0; cell < js_cube_ncells(data); cell++) {
        const js_cell st = js_cube_status(data, cell);
        if (st != JS_CELL_OK && st != JS_CELL_MISSING && st != JS_CELL_SUPPRESSED)
            continue;
        if (st != JS_CELL_OK && js_cube_symbol(data, cell) == NULL)
            continue; /* an empty combination: no row, no grant */
        js_cube_cell_coords(data, cell, idx);
        int in = 1;
        for (size_t k = 0; k < nd && in; k++)
            in = m->mask[k] == NULL || m->mask[k][idx[k]];
        if (!in)
            continue;
        for (size_t b = 0; b < s->n_by; b++) { /* the result keeps the selected categories only */
            const js_dim *const rd = js_cube_dim(res, b);
            ridx[b] = js_dim_find_code(rd, js_dim_category(js_cube_dim(data, by_dim[b]), idx[by_dim[b]])->code);
        }
        const size_t r = js_cube_cell_index(res, ridx);
        if (st == JS_CELL_OK) {
            f->amount[r] += js_cube_value(data, cell);
            f->grants[r] += 1;
        } else {
            f->missing[r] += 1;
        }
    }
    js_free(idx);
    return JS_OK;
}

static void fund_free(fund_sums *f)
{
    js_free(f->amount);
    js_free(f->grants);
    js_free(f->missing);
}

/* The group of result cell r: the same cell with the leader index 0, as a
 * key to sum over the leader categories. */
static size_t fund_group(const js_cube *res, size_t r, size_t lead)
{
    size_t idx[JS_MAX_BY];
    js_cube_cell_coords(res, r, idx);
    idx[lead] = 0;
    return js_cube_cell_index(res, idx);
}

static js_status fund_values(const js_indicator_spec *s, js_cube *res, size_t lead, const fund_sums *f,
                             int measure)
{
    const size_t nr = js_cube_ncells(res);
    double *tot_a = js_calloc(nr, sizeof *tot_a), *tot_n = js_calloc(nr, sizeof *tot_n);
    double *tot_m = js_calloc(nr, sizeof *tot_m);
    js_status st = (tot_a && tot_n && tot_m) ? JS_OK : JS_ENOMEM;
    for (size_t r = 0; st == JS_OK && r < nr; r++) {
        const size_t g = fund_group(res, r, lead);
        tot_a[g] += f->amount[r];
        tot_n[g] += f->grants[r];
        tot_m[g] += f->missing[r];
    }
    for (size_t r = 0; st == JS_OK && r < nr; r++) {
        const size_t g = fund_group(res, r, lead);
        uint32_t flags = 0;
        /* a share of an unknown total, or a mean over an unknown amount */
        if (measure == FUND_PER_GRANT ? f->missing[r] > 0 : tot_m[g] > 0) {
            flags |= JS_FLAG_MISSING_INPUT;
        } else if (measure == FUND_AMOUNT_SHARE) {
            if (tot_a[g] > 0)
                js_cube_set_value(res, r, 100 * f->amount[r] / tot_a[g]);
            else
                flags |= JS_FLAG_ZERO_DENOM;
        } else if (measure == FUND_GRANT_SHARE) {
            if (tot_n[g] > 0) {
                double lo, hi;
                js_cube_set_value(res, r, 100 * f->grants[r] / tot_n[g]);
                st = js_wilson(f->grants[r], tot_n[g], 0.05, &lo, &hi);
                if (st == JS_OK)
                    st = js_cube_set_ci(res, r, 100 * lo, 100 * hi);
            } else {
                flags |= JS_FLAG_ZERO_DENOM;
            }
        } else if (f->grants[r] > 0) {
            js_cube_set_value(res, r, f->amount[r] / f->grants[r]);
        } else {
            flags |= JS_FLAG_ZERO_DENOM;
        }
        /* few grants behind a share or a mean: the count that is small */
        if (!(flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_ZERO_DENOM)) &&
            (measure == FUND_PER_GRANT ? f->grants[r] : tot_n[g]) < s->small_n)
            flags |= JS_FLAG_SMALL_N;
        if (st == JS_OK && flags)
            st = js_cube_add_flags(res, r, flags);
    }
    js_free(tot_a);
    js_free(tot_n);
    js_free(tot_m);
    return st;
}

static js_status fund_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                              js_diag *d)
{
    const js_cube *const data = in[0];
    const char *const leader = js_spec_text(s, "leader");
    const int measure = js_spec_word(s, "measure") < 0 ? FUND_AMOUNT_SHARE : js_spec_word(s, "measure");
    size_t lead = SIZE_MAX, by_dim[JS_MAX_BY];
    for (size_t b = 0; b < s->n_by; b++)
        if (strcasecmp(s->by[b], leader) == 0)
            lead = b;
    if (lead == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: by must name the leader dimension %s (the shares are "
                      "by the leader's sex), found none", s->id, leader);
        return JS_EUSAGE;
    }
    js_sel_masks m = {0};
    js_status st = js_sel_resolve(data, s->where, s->id, &m, d);
    js_cube *res = NULL;
    fund_sums f = {0};
    if (st == JS_OK)
        st = fund_shape(s, data, &m, by_dim, &res, d);
    if (st == JS_OK)
        st = fund_sum(s, data, &m, by_dim, res, &f);
    if (st == JS_OK)
        st = fund_values(s, res, lead, &f, measure);
    fund_free(&f);
    js_sel_masks_fini(&m);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static const char *fund_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    if (js_spec_word(s, "measure") == FUND_PER_GRANT)
        return in_unit ? in_unit : js_text(lang, "kronor per beviljat stöd", "SEK per grant");
    return "%";
}

static int fund_decimals(const js_indicator_spec *s)
{
    return js_spec_word(s, "measure") == FUND_PER_GRANT ? 0 : 1;
}

static const js_input_def fund_inputs[] = {IND_INPUT_DATA, IND_INPUT_END};

static const js_key fund_keys[] = {
    {"leader", JS_KEY_TEXT, "leader", 0, 0, NULL, 0,
     "the dimension with the sex of the recipient's leader or owner (kvinna, man, blandat, okänt)"},
    {"measure", JS_KEY_ENUM, "amount_share", 0, 0, fund_measures, 0,
     "amount_share (% of the amount), grant_share (% of the grants, Wilson interval) or amount_per_grant"},
    IND_KEY_END};

const js_kind ind_kind_funding_share = {
    .name = "funding_share",
    .family = "gender budgeting",
    .inputs = fund_inputs,
    .keys = fund_keys,
    .unit_sv = "%",
    .unit_en = "%",
    .unit_doc = "% (amount_per_grant: the data's unit)",
    .decimals = 1,
    .doc_en = "Funds by the sex of the recipient's leader: each leader category's share of the "
        "amount (100 x its sum / the sum over all categories) or of the number of grants (with "
        "the Wilson 95 % interval), or its amount per grant, within each combination of the other "
        "by dimensions; a row of the funding table is one grant.",
    .doc_sv = "Stöd efter kön på mottagarens ledare: varje kategoris andel av beloppet (100 × dess "
        "summa / summan över alla kategorier) eller av antalet beviljade stöd (med 95 % "
        "konfidensintervall, Wilson), eller belopp per stöd, inom varje kombination av de övriga "
        "by-dimensionerna; en rad i stödtabellen är ett stöd.",
    .unit = fund_unit,
    .default_decimals = fund_decimals,
    .compute = fund_compute,
};

/* ---- funding_per_capita ------------------------------------------------------- */

/* The population of each result cell: the population's cells summed over
 * everything but the by dimensions (less the leader) and sex; sex women
 * goes to the leader category `women`, men to `men`.  pop[r] is NaN where
 * no population belongs (mixed, unknown), or a cell it needs is missing. */
static js_status fund_population(const js_indicator_spec *s, const js_cube *popc, const js_cube *res,
                                 size_t lead, double *pop, js_diag *d)
{
    const size_t np = js_cube_ndims(popc), nr = js_cube_ncells(res);
    const size_t sex = js_cube_dim_by_role(popc, JS_ROLE_SEX);
    size_t map[JS_MAX_BY], lead_cat[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
    if (sex == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: population: the data has no sex dimension", s->id);
        return JS_EUSAGE;
    }
    for (size_t b = 0; b < s->n_by; b++) {
        map[b] = b == lead ? sex : js_cube_find_dim(popc, s->by[b]);
        if (map[b] == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: population: the data has no dimension %s (by)", s->id, s->by[b]);
            return JS_EUSAGE;
        }
    }
    const js_dim *const ld = js_cube_dim(res, lead);
    lead_cat[JS_SEX_WOMEN] = js_dim_find_code(ld, js_spec_text(s, "women"));
    lead_cat[JS_SEX_MEN] = js_dim_find_code(ld, js_spec_text(s, "men"));
    unsigned char *bad = js_calloc(nr ? nr : 1, 1);
    size_t *idx = js_calloc(np, sizeof *idx), ridx[JS_MAX_BY];
    if (!bad || !idx) {
        js_free(bad);
        js_free(idx);
        return JS_ENOMEM;
    }
    for (size_t r = 0; r < nr; r++) {
        js_cube_cell_coords(res, r, ridx);
        const int has = ridx[lead] == lead_cat[JS_SEX_WOMEN] || ridx[lead] == lead_cat[JS_SEX_MEN];
        pop[r] = has ? 0 : (double)NAN;
    }
    for (size_t cell = 0; cell < js_cube_ncells(popc); cell++) {
        js_cube_cell_coords(popc, cell, idx);
        const js_sex sx = js_dim_category(js_cube_dim(popc, sex), idx[sex])->sex;
        if (sx != JS_SEX_WOMEN && sx != JS_SEX_MEN)
            continue; /* a total category */
        if (lead_cat[sx] == SIZE_MAX)
            continue;
        int in = 1;
        for (size_t b = 0; b < s->n_by && in; b++) {
            if (b == lead) {
                ridx[b] = lead_cat[sx];
                continue;
            }
            const js_category *const k = js_dim_category(js_cube_dim(popc, map[b]), idx[map[b]]);
            ridx[b] = js_dim_find_code(js_cube_dim(res, b), k->code);
            in = ridx[b] != SIZE_MAX && !k->is_total;
        }
        if (!in)
            continue;
        const size_t r = js_cube_cell_index(res, ridx);
        if (js_cube_status(popc, cell) == JS_CELL_OK)
            pop[r] += js_cube_value(popc, cell);
        else
            bad[r] = 1;
    }
    for (size_t r = 0; r < nr; r++)
        if (bad[r])
            pop[r] = (double)NAN;
    js_free(bad);
    js_free(idx);
    return JS_OK;
}

static js_status fund_pc_compute(const js_indicator_spec *s, const js_cube *const *in, js_cube **out,
                                 js_diag *d)
{
    const js_cube *const data = in[0];
    const char *const leader = js_spec_text(s, "leader");
    const double per = js_spec_num(s, "per");
    size_t lead = SIZE_MAX, by_dim[JS_MAX_BY];
    for (size_t b = 0; b < s->n_by; b++)
        if (strcasecmp(s->by[b], leader) == 0)
            lead = b;
    if (lead == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: by must name the leader dimension %s, found none", s->id, leader);
        return JS_EUSAGE;
    }
    js_sel_masks m = {0};
    /* grants: a selection of the first input alone.  A SELECTION key
     * would be checked against the population too, so it is text, parsed
     * here by the selection parser itself. */
    static const js_key grants_key = {"grants", JS_KEY_SELECTION, NULL, 0, 0, NULL, 0, NULL};
    const char *const gtext = js_spec_text(s, "grants");
    js_key_value gv = {0};
    char why[256];
    size_t col = 0;
    js_status st = gtext ? js_key_parse(&grants_key, gtext, &gv, &col, why, sizeof why) : JS_OK;
    if (st == JS_EUSAGE)
        js_diag_error(d, NULL, 0, 0, "%s: grants: expected %s (column %zu)", s->id, why, col);
    js_sel *both = NULL; /* where (every input) + grants (the grants only) */
    if (st == JS_OK)
        st = js_sel_join(s->where, gv.sel, &both);
    js_sel_free(gv.sel);
    if (st == JS_OK)
        st = js_sel_resolve(data, both, s->id, &m, d);
    js_sel_free(both);
    js_cube *res = NULL;
    fund_sums f = {0};
    double *pop = NULL;
    if (st == JS_OK)
        st = fund_shape(s, data, &m, by_dim, &res, d);
    if (st == JS_OK)
        st = fund_sum(s, data, &m, by_dim, res, &f);
    if (st == JS_OK && (pop = js_calloc(js_cube_ncells(res) + 1, sizeof *pop)) == NULL)
        st = JS_ENOMEM;
    if (st == JS_OK)
        st = fund_population(s, in[1], res, lead, pop, d);
    /* representation: the sums over women- and men-led of each group */
    const int repr = js_spec_word(s, "measure") == 1;
    const size_t nr = res ? js_cube_ncells(res) : 0;
    double *ga = NULL, *gp = NULL, *gm = NULL;
    if (st == JS_OK && repr) {
        ga = js_calloc(nr + 1, sizeof *ga);
        gp = js_calloc(nr + 1, sizeof *gp);
        gm = js_calloc(nr + 1, sizeof *gm);
        if (!ga || !gp || !gm)
            st = JS_ENOMEM;
        for (size_t r = 0; st == JS_OK && r < nr; r++)
            if (!isnan(pop[r])) {
                const size_t g = fund_group(res, r, lead);
                ga[g] += f.amount[r];
                gp[g] += pop[r];
                gm[g] += f.missing[r];
            }
    }
    for (size_t r = 0; st == JS_OK && r < nr; r++) {
        if (isnan(pop[r]))
            continue; /* mixed or unknown leaders: no population of their own */
        const size_t g = repr ? fund_group(res, r, lead) : r;
        uint32_t flags = 0;
        if (repr ? gm[g] > 0 : f.missing[r] > 0)
            flags |= JS_FLAG_MISSING_INPUT;
        else if (!(pop[r] > 0) || (repr && !(ga[g] > 0)))
            flags |= JS_FLAG_ZERO_DENOM;
        else if (repr) /* (share of the funds) / (share of the population) */
            js_cube_set_value(res, r, (f.amount[r] / ga[g]) / (pop[r] / gp[g]));
        else
            js_cube_set_value(res, r, per * f.amount[r] / pop[r]);
        if (flags)
            st = js_cube_add_flags(res, r, flags);
    }
    js_free(ga);
    js_free(gp);
    js_free(gm);
    js_free(pop);
    fund_free(&f);
    js_sel_masks_fini(&m);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static const char *fund_pc_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)in_unit;
    if (js_spec_word(s, "measure") == 1)
        return js_text(lang, "index (1 = proportionellt)", "index (1 = proportional)");
    const double per = js_spec_num(s, "per");
    if (fabs(per - 1) < 1e-9)
        return js_text(lang, "kronor per invånare", "SEK per inhabitant");
    if (fabs(per - 1000) < 1e-6)
        return js_text(lang, "kronor per 1 000 invånare", "SEK per 1,000 inhabitants");
    return js_text(lang, "kronor per invånare, skalat", "SEK per inhabitant, scaled");
}

static const js_input_def fund_pc_inputs[] = {
    IND_INPUT_DATA,
    {"population", JS_INPUT_DATA, 0, 0, "the population by sex (and the other by dimensions)"},
    IND_INPUT_END};

static const char *const fund_pc_measures[] = {"per_capita", "representation", NULL};

static const js_key fund_pc_keys[] = {
    {"leader", JS_KEY_TEXT, "leader", 0, 0, NULL, 0, "the dimension with the sex of the recipient's leader"},
    {"women", JS_KEY_TEXT, "kvinna", 0, 0, NULL, 0, "the leader category of women-led recipients"},
    {"men", JS_KEY_TEXT, "man", 0, 0, NULL, 0, "the leader category of men-led recipients"},
    {"per", JS_KEY_NUMBER, "1", 1e-9, 1e9, NULL, 0, "the amount per this many inhabitants (1: per inhabitant)"},
    {"grants", JS_KEY_TEXT, NULL, 0, 0, NULL, 0,
     "a selection of the grants alone, e.g. programme:tillvaxt (where applies to both inputs)"},
    {"measure", JS_KEY_ENUM, "per_capita", 0, 0, fund_pc_measures, 0,
     "per_capita, or representation: the share of the funds (women- and men-led) over the share of the second input"},
    IND_KEY_END};

static int fund_pc_decimals(const js_indicator_spec *s)
{
    return js_spec_word(s, "measure") == 1 ? 2 : 1;
}

const js_kind ind_kind_funding_per_capita = {
    .name = "funding_per_capita",
    .family = "gender budgeting",
    .inputs = fund_pc_inputs,
    .keys = fund_pc_keys,
    .unit_sv = "kronor per invånare",
    .unit_en = "SEK per inhabitant",
    .unit_doc = "amount per inhabitant",
    .decimals = 1,
    .doc_en = "per x the amount granted to women-led recipients / the women of the population "
        "(men-led / men), by the other by dimensions; no value for mixed or unknown leadership. "
        "measure = representation: the women-led share of the amount to women- and men-led "
        "recipients over women's share of the population (or companies), and so for men "
        "(1: funds in proportion).",
    .doc_sv = "per × beviljat belopp till kvinnoledda mottagare / kvinnorna i befolkningen "
        "(mansledda / män), efter de övriga by-dimensionerna; inget värde för blandat eller okänt "
        "ledarskap. measure = representation: kvinnoleddas andel av beloppet till kvinno- och "
        "mansledda över kvinnornas andel av befolkningen (eller företagen), och så för män "
        "(1: i proportion).",
    .unit = fund_pc_unit,
    .default_decimals = fund_pc_decimals,
    .compute = fund_pc_compute,
};
