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
 * pattern stops the run.
 *
 * The totals are taken to be public (SCB or the report may publish them):
 * they are never suppressed, and the audit counts them as known.  A cell
 * that the totals alone give away (a region that is its county's only
 * municipality, or the one cell beside published zeros) cannot be
 * protected by suppression: the audit calls the table unsafe and the run
 * stops, naming the indicator.
 */
#include "run/run_int.h"

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
    size_t cells, primary, secondary, recoverable, undecided, tables;
} sdc_count;

/* Protect the cells of one year (time category t, or all when the cube
 * has no time dimension). */
static js_status sdc_year(js_cube *c, size_t time_dim, size_t t, size_t *const *parent,
                          const size_t *n_codes, const js_sdc_opts *o, sdc_count *cnt)
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
    size_t *idx = js_calloc(nd, sizeof *idx), *code = js_calloc(n ? n : 1, sizeof *code);
    js_status s = (v && st && rec && idx && code && n_cells) ? JS_OK : JS_ENOMEM;
    js_sdc_matrix a = {0};
    /* inner cells: the cube's categories that are not totals; a cube
     * category that is a total is a margin of the table and gets the
     * cube's own value (it must agree; if not, the sums are used) */
    for (size_t cell = 0; s == JS_OK && cell < n_cells; cell++) {
        size_t rest = cell, inside = 1;
        for (size_t k = n; k-- > 0;) {
            code[k] = rest % dims[k].n_codes;
            rest /= dims[k].n_codes;
            inside = inside && code[k] < js_dim_size(js_cube_dim(c, cube_of[k]));
        }
        v[cell] = 0;
        if (!inside) {
            st[cell] = JS_SDC_PUBLIC; /* a total: taken as known (README) */
            continue;
        }
        for (size_t k = 0; k < n; k++)
            idx[cube_of[k]] = code[k];
        if (time_dim != SIZE_MAX)
            idx[time_dim] = t;
        v[cell] = js_cube_value(c, js_cube_cell_index(c, idx));
    }
    size_t n_sec = 0, n_rec = 0;
    if (s == JS_OK)
        s = js_sdc_fill_margins(dims, n, v);
    if (s == JS_OK) {
        cnt->primary += js_sdc_primary(v, n_cells, o, st);
        s = js_sdc_secondary(dims, n, v, st, &n_sec);
    }
    if (s == JS_OK)
        s = js_sdc_constraints(dims, n, &a);
    if (s == JS_OK)
        s = js_sdc_audit(&a, st, rec, &n_rec);
    cnt->secondary += n_sec;
    cnt->recoverable += n_rec;
    for (size_t cell = 0; s == JS_OK && cell < n_cells; cell++)
        cnt->undecided += rec[cell] == 2;
    cnt->cells += n_cells;
    cnt->tables++;
    for (size_t cell = 0; s == JS_OK && cell < n_cells; cell++) {
        if (st[cell] != JS_SDC_PRIMARY && st[cell] != JS_SDC_SECONDARY)
            continue;
        size_t rest = cell, inside = 1;
        for (size_t k = n; k-- > 0;) {
            code[k] = rest % dims[k].n_codes;
            rest /= dims[k].n_codes;
            inside = inside && code[k] < js_dim_size(js_cube_dim(c, cube_of[k]));
        }
        if (!inside)
            continue; /* totals are PUBLIC: never here */
        for (size_t k = 0; k < n; k++)
            idx[cube_of[k]] = code[k];
        if (time_dim != SIZE_MAX)
            idx[time_dim] = t;
        const size_t ci = js_cube_cell_index(c, idx);
        s = js_cube_set_status(c, ci, JS_CELL_SUPPRESSED, "..");
        if (s == JS_OK)
            s = js_cube_set_ci(c, ci, (double)NAN, (double)NAN);
        if (s == JS_OK)
            s = js_cube_add_flags(c, ci, JS_FLAG_SUPPRESSED);
        if (s == JS_OK)
            s = js_cube_clear_flags(c, ci, JS_FLAG_SMALL_N);
    }
    js_sdc_matrix_fini(&a);
    js_free(v);
    js_free(st);
    js_free(rec);
    js_free(idx);
    js_free(code);
    return s;
}

js_status run_sdc(js_run_state *r, run_ind *ri)
{
    double threshold;
    int zeros;
    const int on = sdc_settings(r, ri, &threshold, &zeros);
    if (on < 0)
        return JS_EUSAGE;
    if (!on || ri->cube == NULL)
        return JS_OK;
    if (strcmp(ri->spec.kind->name, "count") != 0 || ri->spec.measure != JS_MEASURE_COUNT) {
        if (!ri->uses_result && ri->spec.measure == JS_MEASURE_COUNT) /* on a result: it inherits */
            run_warn(r, "%s: suppress_below protects results of kind count only; this %s is "
                        "computed from the counts themselves and is not protected",
                     ri->sec->name, ri->spec.kind->name);
        return JS_OK;
    }
    js_cube *const c = ri->cube;
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
    sdc_count cnt = {0};
    const size_t n_t = time_dim == SIZE_MAX ? 1 : js_dim_size(js_cube_dim(c, time_dim));
    if (st == JS_OK && nd == 1 && time_dim != SIZE_MAX) {
        for (size_t t = 0; t < n_t; t++) /* a time series alone: each count on its own */
            if (js_cube_value(c, t) > 0 || zeros) {
                const double x = js_cube_value(c, t);
                if ((x > 0 || (zeros && x >= 0)) && x < threshold) {
                    st = js_cube_set_status(c, t, JS_CELL_SUPPRESSED, "..");
                    if (st == JS_OK)
                        st = js_cube_set_ci(c, t, (double)NAN, (double)NAN);
                    if (st == JS_OK)
                        st = js_cube_add_flags(c, t, JS_FLAG_SUPPRESSED);
                    if (st == JS_OK)
                        st = js_cube_clear_flags(c, t, JS_FLAG_SMALL_N);
                    cnt.primary++;
                }
            }
    } else {
        for (size_t t = 0; st == JS_OK && t < n_t; t++)
            st = sdc_year(c, time_dim, t, parent, n_codes, &o, &cnt);
    }
    for (size_t d = 0; d < nd; d++)
        js_free(parent[d]);
    if (st != JS_OK)
        return st;
    run_warn(r, "%s: disclosure control (suppress_below = %g%s): %zu tables, %zu cells with their "
                "totals, %zu primary and %zu complementary suppressions; audit: %s",
             ri->sec->name, threshold, zeros ? ", protect_zeros" : "", cnt.tables, cnt.cells,
             cnt.primary, cnt.secondary,
             cnt.recoverable ? "UNSAFE"
             : cnt.undecided ? "not decided for the cells of blocks too large for the exact audit"
                             : "safe, no suppressed cell can be recomputed exactly");
    if (cnt.recoverable) {
        js_diag_error(r->diag, r->spec->path, 0, 0, "[indicator %s]: %zu suppressed cells could be "
                      "recomputed exactly from the published ones", ri->sec->name, cnt.recoverable);
        return JS_EINTERNAL;
    }
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
