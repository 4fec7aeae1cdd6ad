/*
 * run_sdc.c - disclosure control of a run's count results (METHODS 11;
 * README "Disclosure control").
 *
 * With suppress_below = N (in [analysis], or in an [indicator] section,
 * which wins), every result of kind count on counts of persons is
 * protected before any output sees it.  Each year (each category of the
 * time dimension, if the result has one) is one table: its other
 * dimensions, each given its total (the data's own total category when it
 * has one), the region dimension its hierarchy (a 4-digit municipality
 * code in the county of its first two digits, in the country).  Primary
 * cells (0 < count < N; with protect_zeros = yes also 0) and the
 * complementary cells chosen by js_sdc_secondary lose their value and
 * interval: status suppressed, flag suppressed, so that every output
 * writes ".." and nothing else.  An indicator computed on this result sees
 * missing inputs and is missing too.  The pattern is then audited exactly
 * (js_sdc_audit) and the verdict reported per indicator; an unsafe
 * pattern stops the run with JS_EDATA (exit 65: the data cannot be
 * published so, which is not a fault of jamstat).
 *
 * Counts of one data section under the same where and threshold with
 * different dimensions are linked tables: they are protected as one table
 * of all their dimensions (sdc_link_protect), so that no count's
 * suppressed cell can be summed from another's published cells.
 *
 * A [table] with its own suppress_below / protect_zeros publishes a copy
 * of its count and share results protected with those (run_sdc_table).
 *
 * Any other result computed from counts is suppressed where a count it
 * stands on is (sdc_derived).
 *
 * A share of the counts (kind share, part =) is protected through them:
 * see sdc_share below; so is a gap of shares (kind gap, part =), through
 * the same counts by sex.  Amounts (a count of measure_type = amount, or
 * funding_share's amounts) follow dominance = n,k instead: see
 * sdc_dominated_cells and sdc_fund.
 *
 * The totals are taken to be public (SCB or the report may publish them),
 * the cube's own total categories as well as the added ones: they are
 * never complements, and the audit counts them as known, so that every
 * result of one table gets one pattern.  A total of the cube's own below
 * the threshold is printed "..", with a warning that it is not protected.  A cell
 * that the totals alone give away (a region that is its county's only
 * municipality, or the one cell beside published zeros) cannot be
 * protected by suppression: the audit calls the table unsafe and the run
 * stops, naming the indicator.
 */
#include "run/run_int.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "stats/sdc.h"

/* The settings for one indicator: its section's, else [analysis]'s.
 * Returns 1 when it is to be protected, 0 when not, -1 for a bad
 * [analysis] value (reported; an [indicator]'s own keys were checked by
 * their types). */
static int sdc_settings(js_run_state *r, const run_ind *ri, double *threshold, int *zeros)
{
    const char *t = spec_get(ri->sec, "suppress_below", NULL);
    const char *z = spec_get(ri->sec, "protect_zeros", NULL);
    const char *const at = spec_get(r->analysis, "suppress_below", NULL);
    const char *const az = spec_get(r->analysis, "protect_zeros", NULL);
    double x = 0;
    if (at != NULL && (!js_parse_number(at, &x) || x < 0)) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[analysis]: suppress_below must be a number "
                      "0 or more, found \"%s\"", at);
        return -1;
    }
    static const char *const yes[] = {"yes", "true", "1"}, *const no[] = {"no", "false", "0"};
    int az_ok = az == NULL;
    for (size_t i = 0; i < 3 && az != NULL; i++)
        az_ok = az_ok || strcasecmp(az, yes[i]) == 0 || strcasecmp(az, no[i]) == 0;
    if (!az_ok) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[analysis]: protect_zeros must be yes or no, "
                      "found \"%s\"", az);
        return -1;
    }
    if (t == NULL)
        t = at;
    if (z == NULL)
        z = az != NULL ? az : "no";
    *zeros = strcasecmp(z, "yes") == 0 || strcasecmp(z, "true") == 0 || strcmp(z, "1") == 0;
    *threshold = 0;
    return t != NULL && js_parse_number(t, threshold) && *threshold > 0;
}

/* dominance = n,k (the indicator's, else [analysis]'s): *n (1 or more
 * contributors) and *k (per cent, above 0 and below 100); *n = 0 when
 * unset.  -1 with a message for a bad value. */
static int sdc_dominance(js_run_state *r, const run_ind *ri, size_t *n, double *k)
{
    const char *t = spec_get(ri->sec, "dominance", NULL);
    const char *where = ri->sec->name;
    if (t == NULL) {
        t = spec_get(r->analysis, "dominance", NULL);
        where = NULL;
    }
    *n = 0;
    *k = 0;
    if (t == NULL)
        return 0;
    char *end = NULL;
    const long nn = strtol(t, &end, 10);
    double kk = 0;
    if (end == t || nn < 1 || nn > 1000 || *end != ',' || !js_parse_number(end + 1, &kk) ||
        !(kk > 0 && kk < 100)) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[%s%s]: dominance must be n,k (n the "
                      "largest contributors, 1 to 1000; k per cent, above 0 and below 100), e.g. "
                      "1,60; found \"%s\"", where ? "indicator " : "analysis", where ? where : "", t);
        return -1;
    }
    *n = (size_t)nn;
    *k = kk;
    return 1;
}

/* Parents of a dimension's categories: a total category (is_total) is the
 * root of the others; else an added total.  Region: municipalities (4
 * digits) under their county (the cube's own 2-digit category, or an
 * added one), counties under the total. */
static js_status sdc_dim_parents(const js_dim *dim, size_t **parent_out, size_t *n_out)
{
    const size_t n = js_dim_size(dim);
    size_t total = SIZE_MAX;
    for (size_t i = 0; i < n && total == SIZE_MAX; i++)
        if (js_dim_category(dim, i)->is_total)
            total = i;
    /* at most n added counties and one total */
    size_t *parent = js_calloc(2 * n + 1, sizeof *parent);
    char (*county)[3] = js_calloc(n ? n : 1, sizeof *county);
    if (!parent || !county) {
        js_free(parent);
        js_free(county);
        return JS_ENOMEM;
    }
    size_t n_codes = n;
    if (total == SIZE_MAX)
        total = n_codes++;
    parent[total] = JS_SDC_ROOT;
    const int region = js_dim_role(dim) == JS_ROLE_REGION;
    size_t n_county = 0;
    size_t *added = js_calloc(n ? n : 1, sizeof *added);
    if (!added) {
        js_free(parent);
        js_free(county);
        return JS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (i == total)
            continue;
        const char *code = js_dim_category(dim, i)->code;
        parent[i] = total;
        if (!region || strlen(code) != 4 || strspn(code, "0123456789") != 4)
            continue;
        const char cc[3] = {code[0], code[1], 0};
        size_t own = js_dim_find_code(dim, cc);
        if (own != SIZE_MAX) {
            parent[i] = own;
            continue;
        }
        size_t k = 0;
        while (k < n_county && strcmp(county[k], cc) != 0)
            k++;
        if (k == n_county) {
            memcpy(county[n_county], cc, 3);
            added[n_county++] = n_codes;
            parent[n_codes++] = total;
        }
        parent[i] = added[k];
    }
    js_free(added);
    js_free(county);
    *parent_out = parent;
    *n_out = n_codes;
    return JS_OK;
}

typedef struct sdc_count {
    size_t cells, primary, secondary, tables;
    size_t safe;        /* suppressed cells the audit proved unrecoverable */
    size_t recoverable; /* suppressed cells it found recoverable (UNSAFE) */
    size_t undecided;   /* cells it could not decide (2: no certificate passed) */
    size_t small_totals; /* totals of the result's own below the threshold: '..', unprotected */
} sdc_count;

/* Cell i of c suppressed: "..", no interval, and the flag suppressed
 * alone: small_n would tell that it is small, and a rate's or a life
 * table's flags (an age class with more deaths than person-years, a wide
 * interval) would tell something of the counts behind it. */
static js_status sdc_hide(js_cube *c, size_t i)
{
    js_status st = js_cube_set_status(c, i, JS_CELL_SUPPRESSED, "..");
    if (st == JS_OK)
        st = js_cube_set_ci(c, i, (double)NAN, (double)NAN);
    if (st == JS_OK)
        st = js_cube_clear_flags(c, i, ~(uint32_t)0);
    return st == JS_OK ? js_cube_add_flags(c, i, JS_FLAG_SUPPRESSED) : st;
}

/* Linked tables: results of one data section and where with different
 * dimensions, protected as one table (sdc_link_protect).  The table is
 * the data counted by all their dimensions; each result publishes the
 * cells that are totals in the dimensions it lacks. */
typedef struct sdc_link {
    const uint32_t *member; /* per result: the table's dimensions it has (bits by the table's index) */
    size_t n_member;
    js_cube *own;           /* the result whose cells are hidden (the others get theirs when they
                               are protected: the same inputs give the same pattern) */
} sdc_link;

/* Who publishes a cell of the table (code[k] of dimension cube_of[k], k <
 * n): 1 when some result publishes it as an inner cell (a leaf in each of
 * its dimensions, the total in each it lacks): a candidate; 2 when some
 * result publishes it as one of its totals only: known, as every total
 * is; 0 when none does (linked results without one of all their
 * dimensions): unknown to everyone.  Without link the table's own cube is
 * its only result. */
static int sdc_publisher(const sdc_link *link, const size_t *cube_of, size_t n, const size_t *code,
                         size_t *const *parent, unsigned char *const *has_child)
{
    int pub = 0;
    const size_t n_member = link != NULL ? link->n_member : 1;
    for (size_t m = 0; m < n_member && pub != 1; m++) {
        int cell = 1, inner = 1;
        for (size_t k = 0; k < n; k++) {
            const int mine = link == NULL || (link->member[m] >> cube_of[k] & 1u);
            if (!mine)
                cell = cell && parent[cube_of[k]][code[k]] == JS_SDC_ROOT;
            else
                inner = inner && !has_child[k][code[k]];
        }
        if (cell)
            pub = inner ? 1 : 2;
    }
    return pub;
}

/* The cell of the linked result own with the table's codes (table c),
 * SIZE_MAX when the table cell is none of its cells (a dimension own
 * lacks is not at its total, or a code own does not have). */
static size_t sdc_own_cell(const js_cube *c, const js_cube *own, const size_t *cube_of, size_t n,
                           const size_t *code, size_t *const *parent, size_t time_dim, size_t t,
                           size_t *idx)
{
    for (size_t k = 0; k < n; k++) {
        const js_dim *const dim = js_cube_dim(c, cube_of[k]);
        const size_t od = js_cube_dim_named(own, js_dim_name(dim));
        if (od == SIZE_MAX) {
            if (parent[cube_of[k]][code[k]] != JS_SDC_ROOT)
                return SIZE_MAX;
            continue;
        }
        if (code[k] >= js_dim_size(dim)) /* an added total: own has none either */
            return SIZE_MAX;
        if ((idx[od] = js_dim_find_code(js_cube_dim(own, od), js_dim_category(dim, code[k])->code)) == SIZE_MAX)
            return SIZE_MAX;
    }
    if (time_dim != SIZE_MAX) {
        const js_dim *const td = js_cube_dim(c, time_dim);
        const size_t od = js_cube_dim_named(own, js_dim_name(td));
        if (od == SIZE_MAX ||
            (idx[od] = js_dim_find_code(js_cube_dim(own, od), js_dim_category(td, t)->code)) == SIZE_MAX)
            return SIZE_MAX;
    }
    return js_cube_cell_index(own, idx);
}

/* Protect the cells of one year (time category t, or all when the cube
 * has no time dimension): of c itself, or with link of the linked result
 * link->own, c being the table of all the linked results' dimensions. */
static js_status sdc_year(js_cube *c, size_t time_dim, size_t t, size_t *const *parent,
                          const size_t *n_codes, const js_sdc_opts *o, const unsigned char *mark,
                          const sdc_link *link, sdc_count *cnt)
{
    const size_t nd = js_cube_ndims(c);
    js_sdc_dim dims[8];
    size_t cube_of[8], n = 0;
    for (size_t d = 0; d < nd; d++)
        if (d != time_dim) {
            dims[n] = (js_sdc_dim){n_codes[d], parent[d]};
            cube_of[n++] = d;
        }
    const size_t n_cells = js_sdc_n_cells(dims, n);
    double *v = js_calloc(n_cells ? n_cells : 1, sizeof *v);
    unsigned char *st = js_calloc(n_cells ? n_cells : 1, 1), *rec = js_calloc(n_cells ? n_cells : 1, 1);
    size_t *idx = js_calloc(nd + (link ? js_cube_ndims(link->own) : 0) + 1, sizeof *idx),
           *code = js_calloc(n ? n : 1, sizeof *code);
    js_status s = (v && st && rec && idx && code && n_cells) ? JS_OK : JS_ENOMEM;
    js_sdc_matrix a = {0};
    unsigned char *margin = js_calloc(n_cells ? n_cells : 1, 1), *has_child[8] = {0};
    if (s == JS_OK && margin == NULL)
        s = JS_ENOMEM;
    for (size_t k = 0; s == JS_OK && k < n; k++) { /* the codes that are totals of others */
        if ((has_child[k] = js_calloc(dims[k].n_codes + 1, 1)) == NULL)
            s = JS_ENOMEM;
        for (size_t j = 0; s == JS_OK && j < dims[k].n_codes; j++)
            if (dims[k].parent[j] != JS_SDC_ROOT)
                has_child[k][dims[k].parent[j]] = 1;
    }
    /* inner cells: the cube's categories that are not totals; a cube
     * category that is a total is a margin of the table and gets the
     * cube's own value (it must agree; if not, the sums are used).
     * margin[cell]: 1 a total of a result (known), 3 a cell no result
     * publishes (unknown) */
    for (size_t cell = 0; s == JS_OK && cell < n_cells; cell++) {
        size_t rest = cell, inside = 1;
        for (size_t k = n; k-- > 0;) {
            assert(dims[k].n_codes > 0); /* n_cells > 0 */
            code[k] = rest % dims[k].n_codes;
            rest /= dims[k].n_codes;
            inside = inside && code[k] < js_dim_size(js_cube_dim(c, cube_of[k]));
        }
        const int pub = sdc_publisher(link, cube_of, n, code, parent, has_child);
        margin[cell] = pub == 2 ? 1 : pub == 0 ? 3 : 0;
        v[cell] = 0;
        if (!inside) {
            st[cell] = pub == 1 ? JS_SDC_PUBLISHED : JS_SDC_PUBLIC; /* an added total: taken as known
                                                                      (README), unless a linked result
                                                                      publishes it as its cell */
            continue;
        }
        for (size_t k = 0; k < n; k++)
            idx[cube_of[k]] = code[k];
        if (time_dim != SIZE_MAX)
            idx[time_dim] = t;
        const size_t ci = js_cube_cell_index(c, idx);
        v[cell] = js_cube_value(c, ci);
        if (mark != NULL && mark[ci])
            st[cell] = JS_SDC_PRIMARY; /* dominated */
    }
    size_t n_sec = 0, n_rec = 0;
    if (s == JS_OK)
        s = js_sdc_fill_margins(dims, n, v);
    if (s == JS_OK) {
        cnt->primary += js_sdc_primary(v, n_cells, o, st);
        /* A total of the cube's own is known too, as an added one is, so
         * that a result that lists its totals gets the pattern of one that
         * does not (and a share, whose denominators are totals, the pattern
         * of its counts).  One below the threshold is not printed (it is
         * marked here and hidden below), but it protects nothing.  A cell
         * that no linked result publishes is unknown to everyone: never a
         * complement, nothing to protect. */
        for (size_t cell = 0; cell < n_cells; cell++) {
            if (margin[cell] == 3 && st[cell] != JS_SDC_MISSING) {
                cnt->primary -= st[cell] == JS_SDC_PRIMARY;
                st[cell] = JS_SDC_MISSING;
            } else if (margin[cell] == 1 && (st[cell] == JS_SDC_PUBLISHED || st[cell] == JS_SDC_PRIMARY)) {
                margin[cell] = st[cell] == JS_SDC_PRIMARY ? 2 : 1;
                st[cell] = JS_SDC_PUBLIC;
            }
        }
        s = js_sdc_secondary(dims, n, v, st, &n_sec);
    }
    if (s == JS_OK)
        s = js_sdc_constraints(dims, n, &a);
    if (s == JS_OK)
        s = js_sdc_audit(&a, st, rec, &n_rec);
    cnt->secondary += n_sec;
    cnt->recoverable += n_rec;
    for (size_t cell = 0; s == JS_OK && cell < n_cells; cell++) {
        const int supp = st[cell] == JS_SDC_PRIMARY || st[cell] == JS_SDC_SECONDARY;
        cnt->undecided += rec[cell] == 2;
        cnt->safe += supp && rec[cell] == 0;
    }
    cnt->cells += n_cells;
    cnt->tables++;
    js_cube *const own = link != NULL ? link->own : c;
    size_t *const oidx = link != NULL ? idx + nd : NULL;
    for (size_t cell = 0; s == JS_OK && cell < n_cells; cell++) {
        if (st[cell] != JS_SDC_PRIMARY && st[cell] != JS_SDC_SECONDARY && margin[cell] != 2)
            continue;
        size_t rest = cell, inside = 1;
        for (size_t k = n; k-- > 0;) {
            assert(dims[k].n_codes > 0); /* n_cells > 0 */
            code[k] = rest % dims[k].n_codes;
            rest /= dims[k].n_codes;
            inside = inside && code[k] < js_dim_size(js_cube_dim(c, cube_of[k]));
        }
        size_t ci;
        if (link != NULL) {
            ci = sdc_own_cell(c, own, cube_of, n, code, parent, time_dim, t, oidx);
        } else {
            if (!inside)
                continue; /* an added total: not in the result */
            for (size_t k = 0; k < n; k++)
                idx[cube_of[k]] = code[k];
            if (time_dim != SIZE_MAX)
                idx[time_dim] = t;
            ci = js_cube_cell_index(c, idx);
        }
        if (ci == SIZE_MAX)
            continue; /* a cell of another linked result */
        cnt->small_totals += margin[cell] == 2;
        s = sdc_hide(own, ci);
    }
    js_sdc_matrix_fini(&a);
    js_free(margin);
    for (size_t k = 0; k < n; k++)
        js_free(has_child[k]);
    js_free(v);
    js_free(st);
    js_free(rec);
    js_free(idx);
    js_free(code);
    return s;
}

/* Protect count cube c in place (primary, secondary, audit), adding to
 * *cnt. */
static js_status sdc_protect(js_cube *c, double threshold, int zeros, const unsigned char *mark,
                             sdc_count *cnt)
{
    const size_t nd = js_cube_ndims(c);
    if (nd == 0 || nd > 8 || js_cube_ncells(c) == 0)
        return JS_OK;
    size_t *parent[8] = {0}, n_codes[8] = {0};
    const size_t time_dim = js_cube_dim_by_role(c, JS_ROLE_TIME);
    js_status st = JS_OK;
    for (size_t d = 0; st == JS_OK && d < nd; d++)
        if (d != time_dim)
            st = sdc_dim_parents(js_cube_dim(c, d), &parent[d], &n_codes[d]);
    const js_sdc_opts o = {threshold, zeros};
    const size_t n_t = time_dim == SIZE_MAX ? 1 : js_dim_size(js_cube_dim(c, time_dim));
    if (st == JS_OK && nd == 1 && time_dim != SIZE_MAX) {
        /* A time series alone: each count stands on its own. */
        for (size_t t = 0; st == JS_OK && t < n_t; t++) {
            const double x = js_cube_value(c, t);
            if (((x > 0 || (zeros && x >= 0)) && x < threshold) || (mark != NULL && mark[t])) {
                st = sdc_hide(c, t);
                cnt->primary++;
            }
        }
    } else {
        for (size_t t = 0; st == JS_OK && t < n_t; t++)
            st = sdc_year(c, time_dim, t, parent, n_codes, &o, mark, NULL, cnt);
    }
    for (size_t d = 0; d < nd; d++)
        js_free(parent[d]);
    return st;
}

/* ---- shares of counts ------------------------------------------------------ */

/* The indicator's data section: its first data input (a gap's comes after
 * its alternative, of =). */
static const run_data *sdc_data(const run_ind *ri)
{
    for (size_t i = 0; i < JS_KIND_MAX_INPUTS; i++)
        if (ri->in_data[i] != NULL)
            return ri->in_data[i];
    return NULL;
}

/* The count of the share's data by its by dimensions and the part's (the
 * table the share is a ratio of two sums of), where = where (+ part). */
static js_status sdc_compute_as(js_run_state *r, const run_ind *ri, const char *kind,
                                const char *measure, const js_sel *where, const char *const *by,
                                size_t n_by, js_cube **out)
{
    const js_kind *const k = js_kind_find(kind);
    if (k == NULL || sdc_data(ri) == NULL)
        return JS_EINTERNAL;
    js_indicator_spec cs;
    js_indicator_spec_init(&cs, k);
    if (strcmp(kind, "funding_share") == 0 && strcmp(ri->spec.kind->name, kind) == 0 &&
        js_spec_text(&ri->spec, "leader") != NULL &&
        js_indicator_spec_set(&cs, "leader", js_spec_text(&ri->spec, "leader"), r->diag) != JS_OK) {
        js_indicator_spec_fini(&cs);
        return JS_EINTERNAL;
    }
    if (measure != NULL && js_indicator_spec_set(&cs, "measure", measure, r->diag) != JS_OK) {
        js_indicator_spec_fini(&cs);
        return JS_EINTERNAL;
    }
    cs.id = ri->spec.id;
    cs.where = where;
    cs.by = by;
    cs.n_by = n_by;
    cs.small_n = ri->spec.small_n;
    cs.measure = ri->spec.measure;
    cs.cache = r->cache;
    const js_cube *in[JS_KIND_MAX_INPUTS] = {sdc_data(ri)->cube};
    js_diag *const mine = js_diag_alloc();
    js_status st = mine ? js_indicator_compute(&cs, in, out, mine) : JS_ENOMEM;
    js_diag_free(mine);
    js_indicator_spec_fini(&cs);
    return st;
}

static js_status sdc_count_of(js_run_state *r, const run_ind *ri, const js_sel *where,
                              const char *const *by, size_t n_by, js_cube **out)
{
    return sdc_compute_as(r, ri, "count", NULL, where, by, n_by, out);
}

/* ---- linked tables --------------------------------------------------------- */

/* Is ri a count of persons straight from its data, the kind the linked
 * protection joins? */
static int sdc_plain_count(const run_ind *ri)
{
    return strcmp(ri->spec.kind->name, "count") == 0 && ri->spec.measure == JS_MEASURE_COUNT &&
           !ri->uses_result && ri->in_data[0] != NULL;
}

/* Does ri's by name dimension name (any case)? */
static int sdc_by_has(const run_ind *ri, const char *name)
{
    for (size_t i = 0; i < ri->spec.n_by; i++)
        if (strcasecmp(ri->spec.by[i], name) == 0)
            return 1;
    return 0;
}

enum { SDC_MAX_LINKED = 32 };

/* Protect the count ri together with the other counts of its data section
 * under the same where, threshold and time dimension (linked tables: a
 * count by region and sex beside one by region, sex and age shares
 * cells, and a cell one suppresses could be summed from the other's
 * published ones).  They are protected as one table: the data counted by
 * all their dimensions, each giving the cells it publishes (sdc_year's
 * link).  *linked = 0 (nothing done) when ri has no such partner. */
static js_status sdc_link_protect(js_run_state *r, run_ind *ri, double threshold, int zeros, sdc_count *cnt,
                                  int *linked)
{
    *linked = 0;
    const js_cube *const data = ri->in_data[0] != NULL ? ri->in_data[0]->cube : NULL;
    if (data == NULL || !sdc_plain_count(ri))
        return JS_OK;
    const size_t time = js_cube_dim_by_role(data, JS_ROLE_TIME);
    const char *const tname = time != SIZE_MAX ? js_dim_name(js_cube_dim(data, time)) : NULL;
    const char *const where = ri->spec.where != NULL ? js_sel_text(ri->spec.where) : "";
    const run_ind *mem[SDC_MAX_LINKED];
    size_t n_mem = 0;
    mem[n_mem++] = ri;
    for (size_t i = 0; i < r->n_ind && n_mem < SDC_MAX_LINKED; i++) {
        const run_ind *const x = &r->ind[i];
        double t = 0;
        int z = 0;
        if (x == ri || !sdc_plain_count(x) || x->in_data[0] != ri->in_data[0] ||
            sdc_settings(r, x, &t, &z) != 1 || t < threshold || t > threshold || z != zeros ||
            strcmp(x->spec.where != NULL ? js_sel_text(x->spec.where) : "", where) != 0 ||
            (tname != NULL && sdc_by_has(x, tname) != sdc_by_has(ri, tname)))
            continue;
        mem[n_mem++] = x;
    }
    const char *u[8];
    size_t n_u = 0;
    int differ = 0;
    for (size_t m = 0; m < n_mem; m++)
        for (size_t i = 0; i < mem[m]->spec.n_by; i++) {
            const char *const name = mem[m]->spec.by[i];
            if (js_cube_find_dim(data, name) == SIZE_MAX)
                continue;
            size_t k = 0;
            while (k < n_u && strcasecmp(u[k], name) != 0)
                k++;
            if (k < n_u)
                continue;
            if (n_u == 8) {
                run_warn(r, "%s: the counts of its data have more than 8 dimensions together; each is "
                            "protected on its own, not with the others", ri->sec->name);
                return JS_OK;
            }
            u[n_u++] = name;
            differ |= m > 0;
        }
    for (size_t m = 1; m < n_mem && !differ; m++) /* the same dimensions: the same table, one pattern */
        for (size_t k = 0; k < n_u; k++)
            differ |= !sdc_by_has(mem[m], u[k]);
    if (n_mem < 2 || !differ)
        return JS_OK;
    js_cube *table = NULL;
    js_status st = sdc_count_of(r, ri, ri->spec.where, u, n_u, &table);
    uint32_t mask[SDC_MAX_LINKED] = {0};
    for (size_t m = 0; st == JS_OK && m < n_mem; m++)
        for (size_t d = 0; d < js_cube_ndims(table); d++)
            if (sdc_by_has(mem[m], js_dim_name(js_cube_dim(table, d))))
                mask[m] |= 1u << d;
    const size_t nd = st == JS_OK ? js_cube_ndims(table) : 0;
    size_t *parent[8] = {0}, n_codes[8] = {0};
    const size_t time_dim = st == JS_OK ? js_cube_dim_by_role(table, JS_ROLE_TIME) : SIZE_MAX;
    if (st == JS_OK && (nd < 2 || nd > 8))
        st = JS_EINTERNAL;
    for (size_t d = 0; st == JS_OK && d < nd; d++)
        if (d != time_dim)
            st = sdc_dim_parents(js_cube_dim(table, d), &parent[d], &n_codes[d]);
    const js_sdc_opts o = {threshold, zeros};
    const sdc_link link = {mask, n_mem, ri->cube};
    const size_t n_t = time_dim == SIZE_MAX ? 1 : js_dim_size(js_cube_dim(table, time_dim));
    for (size_t t = 0; st == JS_OK && t < n_t; t++)
        st = sdc_year(table, time_dim, t, parent, n_codes, &o, NULL, &link, cnt);
    for (size_t d = 0; d < nd; d++)
        js_free(parent[d]);
    js_cube_free(table);
    if (st == JS_OK)
        *linked = 1;
    return st;
}

/* Cell of cube `to` with the codes of cell `cell` of `from` in to's
 * dimensions (found by name); SIZE_MAX when one is not there. */
static size_t sdc_same_cell(const js_cube *from, size_t cell, const js_cube *to, size_t *fidx,
                            size_t *tidx)
{
    js_cube_cell_coords(from, cell, fidx);
    for (size_t d = 0; d < js_cube_ndims(to); d++) {
        const js_dim *const td = js_cube_dim(to, d);
        const size_t fd = js_cube_dim_named(from, js_dim_name(td));
        if (fd == SIZE_MAX)
            return SIZE_MAX;
        const char *code = js_dim_category(js_cube_dim(from, fd), fidx[fd])->code;
        if ((tidx[d] = js_dim_find_code(td, code)) == SIZE_MAX)
            return SIZE_MAX;
    }
    return js_cube_cell_index(to, tidx);
}

/* The share's where with each part dimension's categories and its total
 * (summed, when the data have no total category): the table of counts then
 * holds the share's denominators as cells, whose suppression the pattern
 * decides as for any count of that table. */
static js_status sdc_with_totals(const run_ind *ri, const char *const *dims, size_t n, js_sel **out)
{
    const js_cube *const data = sdc_data(ri) ? sdc_data(ri)->cube : NULL;
    js_sel *const add = js_sel_new();
    js_status st = data != NULL && add != NULL ? JS_OK : JS_ENOMEM;
    for (size_t k = 0; st == JS_OK && k < n; k++) {
        const size_t d = js_cube_find_dim(data, dims[k]);
        if (d == SIZE_MAX)
            continue;
        const js_dim *const dim = js_cube_dim(data, d);
        size_t term = SIZE_MAX; /* where's own term on the dimension, which stays */
        for (size_t t = 0; t < js_sel_nterms(ri->spec.where); t++)
            if (strcasecmp(js_sel_term_dim(ri->spec.where, t), js_dim_name(dim)) == 0)
                term = t;
        const size_t nc = term != SIZE_MAX ? js_sel_term_nvalues(ri->spec.where, term) : js_dim_size(dim);
        const char **codes = js_calloc(nc + 1, sizeof *codes);
        if (codes == NULL) {
            st = JS_ENOMEM;
            break;
        }
        size_t m = 0;
        int own = 0;
        for (size_t i = 0; i < nc; i++) {
            codes[m] = term != SIZE_MAX ? js_sel_term_value(ri->spec.where, term, i) : js_dim_category(dim, i)->code;
            const size_t at = js_dim_find_code(dim, codes[m]);
            own = own || strcasecmp(codes[m], "total") == 0 || (at != SIZE_MAX && js_dim_category(dim, at)->is_total);
            m++;
        }
        if (!own)
            codes[m++] = "total";
        st = js_sel_add(add, js_dim_name(dim), codes, m);
        js_free(codes);
    }
    if (st == JS_OK)
        st = js_sel_join(ri->spec.where, add, out);
    js_sel_free(add);
    return st;
}

/* A share = 100 x part / total is protected through its counts: the table
 * of the data by its by dimensions and the part's is protected as a count
 * result would be (the same pattern), and a share is suppressed when a
 * count of its numerator is suppressed, or when its denominator (the
 * table's own total category over the part's dimensions) is suppressed
 * and the numerator is above 0: the numerator is then public, and the
 * share would give the denominator away (total = 100 x part / share).  A
 * share of 0 tells nothing of a suppressed total and is published. */
static js_status sdc_share(js_run_state *r, const run_ind *ri, js_cube *c, double threshold, int zeros,
                           sdc_count *cnt)
{
    const js_sel *const part = js_spec_sel(&ri->spec, "part");
    const char *by[16];
    size_t n_by = 0;
    for (size_t i = 0; i < ri->spec.n_by && n_by < 16; i++)
        by[n_by++] = ri->spec.by[i];
    /* a gap is women's share minus men's: its counts are by sex, and both
     * sexes' cells land on the one gap cell (c has no sex dimension), so
     * that either sex's suppressed count hides it */
    const size_t sex = strcmp(ri->spec.kind->name, "gap") == 0
                           ? js_cube_dim_by_role(sdc_data(ri)->cube, JS_ROLE_SEX) : SIZE_MAX;
    if (sex != SIZE_MAX) {
        const char *const sname = js_dim_name(js_cube_dim(sdc_data(ri)->cube, sex));
        size_t i = 0;
        while (i < n_by && strcasecmp(by[i], sname) != 0)
            i++;
        if (i == n_by && n_by < 16)
            by[n_by++] = sname;
    }
    const size_t n_in_by = n_by;
    for (size_t t = 0; t < js_sel_nterms(part) && n_by < 16; t++) {
        size_t i = 0;
        while (i < n_by && strcasecmp(by[i], js_sel_term_dim(part, t)) != 0)
            i++;
        if (i == n_by)
            by[n_by++] = js_sel_term_dim(part, t);
    }
    js_cube *full = NULL, *num = NULL;
    js_sel *wp = NULL, *wt = NULL;
    js_status st = sdc_with_totals(ri, by + n_in_by, n_by - n_in_by, &wt);
    if (st == JS_OK)
        st = sdc_count_of(r, ri, wt, by, n_by, &full);
    const size_t small_totals = cnt->small_totals; /* full is not printed: a small denominator */
    if (st == JS_OK)                                  /* hides its shares, below */
        st = sdc_protect(full, threshold, zeros, NULL, cnt);
    cnt->small_totals = small_totals;
    if (st == JS_OK)
        st = js_sel_join(ri->spec.where, part, &wp);
    if (st == JS_OK)
        st = sdc_count_of(r, ri, wp, by, n_by, &num);
    const size_t n = js_cube_ncells(c);
    unsigned char *hide = js_calloc(n ? n : 1, 1); /* 1 numerator, 2 total suppressed */
    double *above = js_calloc(n ? n : 1, sizeof *above);
    size_t *fi = js_calloc(16, sizeof *fi), *ti = js_calloc(16, sizeof *ti);
    if (st == JS_OK && (!hide || !above || !fi || !ti || js_cube_ndims(full) > 16))
        st = JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < js_cube_ncells(num); i++) {
        const size_t fc = sdc_same_cell(num, i, full, fi, ti);
        const size_t sc = sdc_same_cell(num, i, c, fi, ti);
        if (sc == SIZE_MAX)
            continue; /* a count the share does not use */
        if (fc == SIZE_MAX)
            st = JS_EINTERNAL;
        else if (js_cube_status(full, fc) == JS_CELL_SUPPRESSED)
            hide[sc] |= 1;
        else if (js_cube_value(num, i) > 0)
            above[sc] = 1;
    }
    for (size_t i = 0; st == JS_OK && i < js_cube_ncells(full); i++) {
        if (js_cube_status(full, i) != JS_CELL_SUPPRESSED)
            continue;
        js_cube_cell_coords(full, i, fi);
        int total = 1; /* every part dimension at its own total category */
        for (size_t k = n_in_by; k < n_by; k++) {
            const size_t d = js_cube_dim_named(full, by[k]);
            total = total && d != SIZE_MAX && js_dim_category(js_cube_dim(full, d), fi[d])->is_total;
        }
        const size_t sc = total ? sdc_same_cell(full, i, c, fi, ti) : SIZE_MAX;
        if (sc != SIZE_MAX)
            hide[sc] |= 2;
    }
    for (size_t i = 0; st == JS_OK && i < n; i++) {
        if (!((hide[i] & 1) || ((hide[i] & 2) && above[i] > 0)))
            continue;
        st = sdc_hide(c, i);
    }
    js_free(hide);
    js_free(above);
    js_free(fi);
    js_free(ti);
    js_sel_free(wp);
    js_sel_free(wt);
    js_cube_free(full);
    js_cube_free(num);
    return st;
}

/* ---- results built on counts ------------------------------------------------ */

/* Any other result computed straight from counts (a rate, a ratio, a life
 * table, a segregation index, a population change ...): each of its data
 * inputs (not a standard population, which the kind reads whole) is
 * counted by the result's dimensions that input has, under the result's
 * where, and protected as a count result would be; a result cell whose
 * count of some input is suppressed is suppressed too.  So a death rate
 * of a group with 3 deaths is "..", as the count of 3 would be.  What the
 * kind does inside (a rate per age before it standardises) is not
 * judged: only the counts the result stands on.  *any = 0 when the kind
 * has no data input to protect. */
static js_status sdc_derived(js_run_state *r, const run_ind *ri, double threshold, int zeros, sdc_count *cnt,
                             int *any)
{
    *any = 0;
    js_status st = JS_OK;
    const js_input_def *const def = ri->spec.kind->inputs;
    for (size_t i = 0; st == JS_OK && i < JS_KIND_MAX_INPUTS && def[i].key != NULL; i++) {
        const run_data *const rd = ri->in_data[i];
        if (rd == NULL || (def[i].accepts & JS_INPUT_WHOLE))
            continue;
        const char *by[JS_MAX_BY];
        size_t n_by = 0;
        for (size_t k = 0; k < ri->spec.n_by; k++)
            if (js_cube_find_dim(rd->cube, ri->spec.by[k]) != SIZE_MAX &&
                js_cube_find_dim(ri->cube, ri->spec.by[k]) != SIZE_MAX)
                by[n_by++] = ri->spec.by[k];
        js_indicator_spec cs;
        js_indicator_spec_init(&cs, js_kind_find("count"));
        cs.id = ri->spec.id;
        cs.where = ri->spec.where;
        cs.by = by;
        cs.n_by = n_by;
        cs.small_n = ri->spec.small_n;
        cs.cache = r->cache;
        const js_cube *in[JS_KIND_MAX_INPUTS] = {rd->cube};
        js_cube *counts = NULL;
        js_diag *const mine = js_diag_alloc();
        st = mine ? js_indicator_compute(&cs, in, &counts, mine) : JS_ENOMEM;
        js_diag_free(mine);
        js_indicator_spec_fini(&cs);
        if (st == JS_OK)
            st = sdc_protect(counts, threshold, zeros, NULL, cnt);
        size_t fi[JS_MAX_BY + 1], ti[JS_MAX_BY + 1];
        for (size_t c = 0; st == JS_OK && c < js_cube_ncells(ri->cube); c++) {
            const size_t k = js_cube_ndims(counts) > 0 ? sdc_same_cell(ri->cube, c, counts, fi, ti) : 0;
            if (k != SIZE_MAX && js_cube_status(counts, k) == JS_CELL_SUPPRESSED)
                st = sdc_hide(ri->cube, c);
        }
        js_cube_free(counts);
        *any = 1;
    }
    return st;
}

/* ---- the dominance rule ---------------------------------------------------- */

/* mark[i] = 1 for each cell i of the indicator's result (a count of
 * amounts) whose n largest contributors make more than k per cent of it.
 * The contributors are the data's finest cells: the data summed by every
 * dimension it has (after where), so one row per grant with a column that
 * names the grant or recipient is one contributor per row.  JS_EUSAGE with
 * a message when the data have no dimension beyond the result's: then each
 * cell is its own only contributor and the rule cannot be judged. */
static js_status sdc_dominated_cells(js_run_state *r, const run_ind *ri, size_t n, double k,
                                     unsigned char *mark, double *sum)
{
    const js_cube *const data = ri->in_data[0] ? ri->in_data[0]->cube : NULL;
    if (data == NULL)
        return JS_EINTERNAL;
    const char *by[16];
    size_t n_by = 0, n_extra = 0;
    for (size_t d = 0; d < js_cube_ndims(data) && n_by < 16; d++) {
        const char *const name = js_dim_name(js_cube_dim(data, d));
        by[n_by++] = name;
        n_extra += js_cube_dim_named(ri->cube, name) == SIZE_MAX;
    }
    if (js_cube_ndims(data) > 16)
        return JS_EUSAGE;
    /* funding: each grant's amount is its amount per grant at the finest
     * level (the sparse table's empty cells have none) */
    const int fund = strcmp(ri->spec.kind->name, "funding_share") == 0;
    js_cube *fine = NULL;
    js_status st = sdc_compute_as(r, ri, fund ? "funding_share" : "count",
                                  fund ? "amount_per_grant" : NULL, ri->spec.where, by, n_by, &fine);
    const size_t nc = js_cube_ncells(ri->cube), nf = st == JS_OK ? js_cube_ncells(fine) : 0;
    if (st == JS_OK && (n_extra == 0 || nf <= nc)) {
        /* every cell would be its own only contributor */
        js_diag_error(r->diag, r->spec->path, 0, 0, "[indicator %s]: dominance needs the "
                      "contributors of each amount, found data [%s] with no dimension beyond the "
                      "result's (after where): give one row per contributor (a grant, a company) "
                      "with a column that names it, e.g. recipient_id", ri->sec->name,
                      ri->in_data[0]->sec->name);
        st = JS_EUSAGE;
    }
    size_t *owner = js_calloc(nf ? nf : 1, sizeof *owner), *start = js_calloc(nc + 1, sizeof *start);
    double *contrib = js_calloc(nf ? nf : 1, sizeof *contrib);
    size_t *fi = js_calloc(16, sizeof *fi), *ti = js_calloc(16, sizeof *ti);
    if (st == JS_OK && (!owner || !start || !contrib || !fi || !ti))
        st = JS_ENOMEM;
    /* group the positive contributions by result cell (a counting sort) */
    for (size_t i = 0; st == JS_OK && i < nf; i++) {
        const double x = js_cube_value(fine, i);
        owner[i] = x > 0 ? sdc_same_cell(fine, i, ri->cube, fi, ti) : SIZE_MAX;
        for (size_t d = 0; owner[i] != SIZE_MAX && d < js_cube_ndims(fine); d++)
            if (js_dim_category(js_cube_dim(fine, d), fi[d])->is_total &&
                js_cube_dim_named(ri->cube, js_dim_name(js_cube_dim(fine, d))) == SIZE_MAX)
                owner[i] = SIZE_MAX; /* the data's own total of contributors: not one of them */
        if (owner[i] != SIZE_MAX)
            start[owner[i] + 1]++;
    }
    for (size_t c = 0; st == JS_OK && c < nc; c++)
        start[c + 1] += start[c];
    for (size_t i = 0; st == JS_OK && i < nf; i++)
        if (owner[i] != SIZE_MAX)
            contrib[start[owner[i]]++] = js_cube_value(fine, i);
    for (size_t c = nc; st == JS_OK && c-- > 0;) /* start[c] is now the end of c */
        start[c + 1] = start[c];
    if (st == JS_OK)
        start[0] = 0;
    for (size_t c = 0; st == JS_OK && c < nc; c++) {
        mark[c] = start[c + 1] > start[c] &&
                  js_sdc_dominated(contrib + start[c], start[c + 1] - start[c], n, k);
        sum[c] = 0;
        for (size_t i = start[c]; i < start[c + 1]; i++)
            sum[c] += contrib[i];
    }
    js_free(owner);
    js_free(start);
    js_free(contrib);
    js_free(fi);
    js_free(ti);
    js_cube_free(fine);
    return st;
}

/* funding_share (amount_share, amount_per_grant) with dominance: the
 * amounts by the result's dimensions (each the sum of its grants) are a
 * table like a count's, the leader dimension with its (added, public)
 * total: dominated amounts are primary, complements are chosen and
 * audited as for counts, and a share or mean of a suppressed amount is
 * suppressed (it gives the amount away with the public total or the
 * number of grants). */
static js_status sdc_fund(js_run_state *r, run_ind *ri, size_t n, double k, sdc_count *cnt)
{
    js_cube *const c = ri->cube;
    const size_t nc = js_cube_ncells(c);
    unsigned char *mark = js_calloc(nc ? nc : 1, 1);
    double *sum = js_calloc(nc ? nc : 1, sizeof *sum);
    js_cube *amt = NULL;
    js_status st = mark && sum ? sdc_dominated_cells(r, ri, n, k, mark, sum) : JS_ENOMEM;
    if (st == JS_OK)
        st = js_cube_clone_categories(c, SIZE_MAX, &amt);
    if (st == JS_OK)
        st = js_cube_alloc_cells(amt);
    for (size_t i = 0; st == JS_OK && i < nc; i++) {
        js_cube_set_value(amt, i, sum[i]);
        st = js_cube_set_status(amt, i, JS_CELL_OK, NULL);
    }
    if (st == JS_OK && js_cube_ncells(amt) != nc)
        st = JS_EINTERNAL;
    if (st == JS_OK)
        st = sdc_protect(amt, 0, 0, mark, cnt);
    for (size_t i = 0; st == JS_OK && i < nc; i++)
        if (js_cube_status(amt, i) == JS_CELL_SUPPRESSED) {
            st = sdc_hide(c, i);
        }
    js_cube_free(amt);
    js_free(mark);
    js_free(sum);
    return st;
}

/* The audit line of one protected result, and the verdict: JS_EDATA for
 * an unsafe pattern (the data, not jamstat, make the table unprotectable:
 * the public totals alone give the cells away; exit 65, bad data). */
static js_status sdc_verdict(js_run_state *r, const char *table, const char *name, const char *rule,
                             const sdc_count *cnt)
{
    char who[200];
    if (table != NULL)
        (void)snprintf(who, sizeof who, "[table %s] %s", table, name);
    else
        (void)snprintf(who, sizeof who, "%s", name);
    /* The counts after the verdict: proved safe (dense exact reduction or
     * a checked certificate), recoverable, undecided (a large block whose
     * candidate certificates failed the exact check; not counted as
     * recoverable, but not called safe either). */
    char why[200];
    if (cnt->recoverable)
        (void)snprintf(why, sizeof why, "UNSAFE, %zu suppressed cells recoverable, %zu proved safe, "
                       "%zu undecided", cnt->recoverable, cnt->safe, cnt->undecided);
    else if (cnt->undecided)
        (void)snprintf(why, sizeof why, "not decided, %zu suppressed cells proved safe, %zu cells "
                       "undecided (no certificate passed the exact check)", cnt->safe,
                       cnt->undecided);
    else
        (void)snprintf(why, sizeof why, "safe, all %zu suppressed cells proved unrecoverable",
                       cnt->safe);
    run_warn(r, "%s: disclosure control (%s): %zu tables, %zu cells with their "
                "totals, %zu primary and %zu complementary suppressions; audit: %s",
             who, rule, cnt->tables, cnt->cells, cnt->primary, cnt->secondary, why);

    if (cnt->small_totals > 0)
        run_warn(r, "%s: %zu totals below the threshold are printed '..', but totals are taken to be "
                    "public (README), so the other totals may give them away; leave such totals "
                    "out of where, or aggregate", who, cnt->small_totals);
    if (cnt->recoverable) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[%s%s]: %zu suppressed cells could be "
                      "recomputed exactly from the published ones (the public totals give them "
                      "away, e.g. a region alone in its county): aggregate or drop such cells",
                      table ? "table " : "indicator ", table ? who + 7 : name, cnt->recoverable);
        return JS_EDATA;
    }
    return JS_OK;
}

js_status run_sdc(js_run_state *r, run_ind *ri)
{
    double threshold = 0, dom_k = 0;
    int zeros = 0;
    size_t dom_n = 0;
    const int on = sdc_settings(r, ri, &threshold, &zeros);
    const int dom = sdc_dominance(r, ri, &dom_n, &dom_k);
    if (on < 0 || dom < 0)
        return JS_EUSAGE;
    const int is_count = strcmp(ri->spec.kind->name, "count") == 0;
    const int amounts = is_count && ri->spec.measure == JS_MEASURE_AMOUNT && !ri->uses_result;
    const int fund = strcmp(ri->spec.kind->name, "funding_share") == 0 &&
                     js_spec_word(&ri->spec, "measure") != 1; /* not grant_share: counts */
    if (ri->cube == NULL || (!on && !(dom && (amounts || fund))))
        return JS_OK;
    sdc_count cnt = {0};
    js_status st = JS_OK;
    if (amounts && dom) { /* amounts: the dominance rule; suppress_below counts persons */
        const size_t nc = js_cube_ncells(ri->cube);
        unsigned char *mark = js_calloc(nc ? nc : 1, 1);
        double *sum = js_calloc(nc ? nc : 1, sizeof *sum);
        st = mark && sum ? sdc_dominated_cells(r, ri, dom_n, dom_k, mark, sum) : JS_ENOMEM;
        if (st == JS_OK)
            st = sdc_protect(ri->cube, 0, 0, mark, &cnt);
        js_free(mark);
        js_free(sum);
        threshold = 0;
    } else if (fund && dom) {
        st = sdc_fund(r, ri, dom_n, dom_k, &cnt);
        threshold = 0;
    } else if (!on) {
        return JS_OK;
    } else if (is_count && ri->spec.measure == JS_MEASURE_COUNT) {
        int linked = 0;
        st = sdc_link_protect(r, ri, threshold, zeros, &cnt, &linked);
        if (st == JS_OK && !linked)
            st = sdc_protect(ri->cube, threshold, zeros, NULL, &cnt);
    } else if ((strcmp(ri->spec.kind->name, "share") == 0 ||
                (strcmp(ri->spec.kind->name, "gap") == 0 && js_spec_sel(&ri->spec, "part") != NULL &&
                 js_spec_sel(&ri->spec, "percent_of") == NULL)) &&
               !ri->uses_result && ri->spec.measure == JS_MEASURE_COUNT) {
        st = sdc_share(r, ri, ri->cube, threshold, zeros, &cnt);
    } else {
        int any = 0; /* a result computed on a result inherits its input's suppressions */
        if (!ri->uses_result && ri->spec.measure == JS_MEASURE_COUNT)
            st = sdc_derived(r, ri, threshold, zeros, &cnt, &any);
        if (st != JS_OK || !any)
            return st;
    }
    if (st != JS_OK)
        return st;
    char rule[80];
    if (threshold > 0)
        (void)snprintf(rule, sizeof rule, "suppress_below = %g%s", threshold,
                       zeros ? ", protect_zeros" : "");
    else
        (void)snprintf(rule, sizeof rule, "dominance = %zu,%g", dom_n, dom_k);
    return sdc_verdict(r, NULL, ri->sec->name, rule, &cnt);
}

/* [table NAME] suppress_below / protect_zeros: the table's count and share
 * results are computed again and protected with the table's settings (the
 * indicator's where the table sets only one of them); the table then
 * publishes that copy, which *own receives (caller frees), and the
 * indicator's other outputs keep the indicator's own pattern. */
js_status run_sdc_table(js_run_state *r, const spec_section *sec, const run_ind *ri, js_result *res,
                        js_cube **own)
{
    const char *const t = spec_get(sec, "suppress_below", NULL);
    const char *const z = spec_get(sec, "protect_zeros", NULL);
    double x = 0;
    if (t == NULL && z == NULL)
        return JS_OK;
    if (t != NULL && (!js_parse_number(t, &x) || x < 0)) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[table %s]: suppress_below must be a number 0 "
                      "or more, found \"%s\"", sec->name, t);
        return JS_EUSAGE;
    }
    int zt = -1;
    if (z != NULL) {
        zt = strcasecmp(z, "yes") == 0 || strcasecmp(z, "true") == 0 || strcmp(z, "1") == 0   ? 1
             : strcasecmp(z, "no") == 0 || strcasecmp(z, "false") == 0 || strcmp(z, "0") == 0 ? 0
                                                                                             : -1;
        if (zt < 0) {
            js_diag_error(r->diag, r->spec->path, 0, 0, "[table %s]: protect_zeros must be yes or "
                          "no, found \"%s\"", sec->name, z);
            return JS_EUSAGE;
        }
    }
    double threshold = 0;
    int zeros = 0;
    if (sdc_settings(r, ri, &threshold, &zeros) < 0)
        return JS_EUSAGE;
    if (t != NULL)
        threshold = x;
    if (zt >= 0)
        zeros = zt;
    const int is_count = strcmp(ri->spec.kind->name, "count") == 0;
    const int is_share = strcmp(ri->spec.kind->name, "share") == 0;
    if (ri->cube == NULL || ri->uses_result || ri->spec.measure != JS_MEASURE_COUNT ||
        !(is_count || is_share))
        return JS_OK; /* the table shows the indicator's own result */
    const js_cube *in[JS_KIND_MAX_INPUTS] = {NULL};
    for (size_t i = 0; i < JS_KIND_MAX_INPUTS; i++)
        in[i] = ri->in_ind[i] ? ri->in_ind[i]->cube : ri->in_data[i] ? ri->in_data[i]->cube : NULL;
    js_diag *const mine = js_diag_alloc();
    js_cube *fresh = NULL;
    js_status st = mine ? js_indicator_compute(&ri->spec, in, &fresh, mine) : JS_ENOMEM;
    js_diag_free(mine);
    /* the labels the run gave the indicator's result (key files, totals) */
    const size_t nd = st == JS_OK ? js_cube_ndims(fresh) : 0;
    if (st == JS_OK && (nd != js_cube_ndims(ri->cube) || js_cube_ncells(fresh) != js_cube_ncells(ri->cube)))
        st = JS_EINTERNAL;
    for (size_t d = 0; st == JS_OK && d < nd; d++)
        for (size_t k = 0; st == JS_OK && k < js_dim_size(js_cube_dim(fresh, d)); k++)
            st = js_cube_set_label(fresh, d, k, js_dim_category(js_cube_dim(ri->cube, d), k)->label);
    sdc_count cnt = {0};
    if (st == JS_OK && threshold > 0)
        st = is_count ? sdc_protect(fresh, threshold, zeros, NULL, &cnt)
                      : sdc_share(r, ri, fresh, threshold, zeros, &cnt);
    if (st == JS_OK && threshold > 0) {
        char rule[80];
        (void)snprintf(rule, sizeof rule, "suppress_below = %g%s", threshold, zeros ? ", protect_zeros" : "");
        st = sdc_verdict(r, sec->name, ri->sec->name, rule, &cnt);
    }
    if (st != JS_OK) {
        js_cube_free(fresh);
        return st;
    }
    res->cube = fresh;
    *own = fresh;
    return JS_OK;
}

js_status run_sdc_charts(js_run_state *r)
{
    const char *const at = spec_get(r->analysis, "suppress_below", NULL);
    double x = 0;
    if (at == NULL || !js_parse_number(at, &x) || !(x > 0))
        return JS_OK;
    for (size_t i = 0; i < r->n_chart_sel; i++) {
        const spec_section *const sec = r->chart_sel[i].sec;
        if (spec_get(sec, "data", NULL) != NULL)
            run_warn(r, "[chart %s]: it draws a data section, which suppress_below does not "
                        "protect; draw a count indicator instead", sec->name);
    }
    return JS_OK;
}
