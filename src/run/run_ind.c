/*
 * run_ind.c - [indicator NAME] sections: from the analysis file's text to a
 * js_indicator_spec and its inputs, then to a result for the outputs.
 *
 * Everything a kind needs is asked of its row in the table of kinds
 * (jamstat/indicator.h): which keys it takes and of what type, which
 * inputs, its unit and decimals.  This file knows no kind by name.  Every
 * mistake is reported at its line (or as the --set that made it) before
 * any data is read.
 */
#include "run/run_int.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "core/suggest.h"
#include "indic/select.h"

/* "count, share, ..." for messages. */
static void run_kind_list(js_buf *b)
{
    for (size_t i = 0; i < js_kind_count(); i++)
        js_buf_printf(b, "%s%s", i ? ", " : "", js_kind_at(i)->name);
}

/* The kinds, other than k, that take key (as a key or an input). */
static void run_kinds_with_key(const js_kind *k, const char *key, js_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < js_kind_count(); i++) {
        const js_kind *const other = js_kind_at(i);
        int has = other != k && js_kind_key(other, key) != NULL;
        for (const js_input_def *in = other->inputs; other != k && !has && in->key; in++)
            has = strcasecmp(in->key, key) == 0;
        if (has)
            js_buf_printf(b, "%s%s", n++ ? ", " : "", other->name);
    }
}

static const js_input_def *run_input_def(const js_kind *k, const char *key)
{
    for (const js_input_def *in = k->inputs; in->key != NULL; in++)
        if (strcasecmp(in->key, key) == 0)
            return in;
    return NULL;
}

/* A key no kind takes: say so, with the closest key of this kind. */
static void run_unknown_key(js_run_state *r, const run_ind *ri, const spec_kv *kv)
{
    const js_kind *const k = ri->spec.kind;
    const char *names[(size_t)3 * JS_KIND_MAX_KEYS];
    size_t n = 0;
    for (const js_key *key = k->keys; key->name != NULL; key++)
        names[n++] = key->name;
    for (const js_key *key = js_kind_common_keys(); key->name != NULL && n < (size_t)2 * JS_KIND_MAX_KEYS; key++)
        names[n++] = key->name;
    for (const js_input_def *in = k->inputs; in->key != NULL; in++)
        names[n++] = in->key;
    const char *const close = js_suggest(kv->key, names, n);
    if (close != NULL)
        spec_error(r->spec, ri->sec, kv, 0, r->diag, "unknown key \"%s\"; did you mean %s?", kv->key,
                   close);
    else
        spec_error(r->spec, ri->sec, kv, 0, r->diag, "unknown key \"%s\" (`jamstat indicators %s` "
                   "lists the keys of kind %s)", kv->key, k->name, k->name);
}

/* The index of key among k's own keys, SIZE_MAX for a common key. */
static size_t run_own_key(const js_kind *k, const js_key *key)
{
    for (size_t i = 0; k->keys[i].name != NULL; i++)
        if (&k->keys[i] == key)
            return i;
    return SIZE_MAX;
}

/* One key of the section: typed, and known to the kind; its value goes
 * into the spec (or ri, for where and decimals). */
static js_status run_ind_key(js_run_state *r, run_ind *ri, const spec_kv *kv)
{
    const js_kind *const k = ri->spec.kind;
    const js_input_def *const def = run_input_def(k, kv->key);
    if (def != NULL && !(def->accepts & JS_INPUT_OPTIONAL))
        return JS_OK; /* run_ind_inputs */
    const js_key *const key = js_kind_key(k, kv->key);
    if (key == NULL && def != NULL)
        return JS_OK; /* an optional input without a key of its name: run_ind_inputs alone */
    if (key == NULL) {
        js_buf others;
        js_buf_init(&others);
        run_kinds_with_key(k, kv->key, &others);
        if (others.len > 0)
            spec_error(r->spec, ri->sec, kv, 0, r->diag, "key \"%s\" does not apply to kind %s (it is "
                       "a key of %s)", kv->key, k->name, js_buf_cstr(&others));
        else
            run_unknown_key(r, ri, kv);
        js_buf_fini(&others);
        return JS_EUSAGE;
    }
    char why[256];
    size_t col;
    js_key_value v;
    const js_status st = js_key_parse(key, kv->value, &v, &col, why, sizeof why);
    if (st == JS_EUSAGE) {
        if (key->type == JS_KEY_SELECTION || key->type == JS_KEY_DIMS || key->type == JS_KEY_BANDS)
            spec_error(r->spec, ri->sec, kv, col - 1, r->diag, "%s: expected %s", kv->key, why);
        else
            spec_error(r->spec, ri->sec, kv, 0, r->diag, "%s must be %s, found \"%s\"", kv->key, why,
                       kv->value);
    }
    if (st != JS_OK)
        return st;
    const size_t own = run_own_key(k, key);
    if (own != SIZE_MAX) {
        js_indicator_spec_put(&ri->spec, own, v);
        return JS_OK;
    }
    /* a common key: those with a value for the computation */
    if (strcasecmp(key->name, "where") == 0) {
        js_sel_free(ri->where);
        ri->where = v.sel;
        ri->spec.where = v.sel;
    } else if (strcasecmp(key->name, "small_n") == 0) {
        ri->spec.small_n = v.num;
    } else if (strcasecmp(key->name, "decimals") == 0) {
        ri->decimals = (int)v.num; /* a whole number from 0 to 15 */
    }
    return JS_OK;
}

/* by: the result's dimensions (checked by run_ind_key). */
static js_status run_ind_by(run_ind *ri)
{
    js_indicator_spec *const s = &ri->spec;
    ri->by_text = js_strdup(spec_get(ri->sec, "by", ""));
    ri->by = js_calloc(JS_MAX_BY, sizeof *ri->by);
    if (ri->by_text == NULL || ri->by == NULL)
        return JS_ENOMEM;
    s->n_by = run_split_list(ri->by_text, ri->by, JS_MAX_BY);
    s->by = ri->by;
    return JS_OK;
}

/* Input def of ri, named by kv: an indicator above or a data section. */
static js_status run_ind_input(js_run_state *r, run_ind *ri, size_t i, const js_input_def *def,
                               const spec_kv *kv)
{
    if (def->accepts & JS_INPUT_INDICATOR) {
        for (const run_ind *p = r->ind; p < r->ind + r->n_ind; p++) {
            if (strcmp(p->sec->name, kv->value) != 0)
                continue;
            if (p < ri) {
                ri->in_ind[i] = p;
                return JS_OK;
            }
            spec_error(r->spec, ri->sec, kv, 0, r->diag,
                       p == ri ? "%s = %s names this indicator itself"
                               : "%s = %s names an indicator defined below this one; indicators are "
                                 "computed in file order, so move it above",
                       kv->key, kv->value);
            return JS_EUSAGE;
        }
    }
    if (def->accepts & JS_INPUT_DATA) {
        ri->in_data[i] = run_find_data(r, kv->value);
        if (ri->in_data[i] != NULL)
            return JS_OK;
    }
    if (def->accepts & JS_INPUT_OPTIONAL)
        return JS_OK; /* the kind's key of that name has the text */
    const unsigned names = def->accepts & JS_INPUT_NAMES;
    spec_error(r->spec, ri->sec, kv, 0, r->diag, "%s = %s names no %s", kv->key, kv->value,
               names == JS_INPUT_DATA        ? "[data] section"
               : names == JS_INPUT_INDICATOR ? "indicator defined above it"
                                             : "[data] section or indicator defined above it");
    return JS_EUSAGE;
}

/* Resolve the kind's inputs: each named one, the only data section for an
 * input that defaults to it, and exactly one of each group of
 * alternatives.  An optional input (JS_INPUT_OPTIONAL) is a data section
 * only when its value names one; otherwise its key's text is for the kind. */
static js_status run_ind_inputs(js_run_state *r, run_ind *ri)
{
    const js_kind *const k = ri->spec.kind;
    int given[JS_KIND_MAX_INPUTS + 1] = {0}; /* inputs given per group */
    size_t i = 0;
    for (const js_input_def *def = k->inputs; def->key != NULL; def++, i++) {
        const spec_kv *const kv = spec_kv_find(ri->sec, def->key);
        if (kv == NULL)
            continue;
        if (def->group > 0 && given[def->group]++ > 0) {
            spec_error(r->spec, ri->sec, kv, 0, r->diag, "kind %s takes one of its alternative inputs, "
                       "found a second (%s)", k->name, def->key);
            return JS_EUSAGE;
        }
        const js_status st = run_ind_input(r, ri, i, def, kv);
        if (st != JS_OK)
            return st;
    }
    i = 0;
    for (const js_input_def *def = k->inputs; def->key != NULL; def++, i++) {
        if (ri->in_ind[i] != NULL || ri->in_data[i] != NULL || (def->group > 0 && given[def->group]) ||
            (def->accepts & JS_INPUT_OPTIONAL))
            continue;
        if (def->defaults_data && r->n_data == 1) {
            ri->in_data[i] = &r->data[0];
            given[def->group]++;
        } else if (def->group == 0) {
            if (def->defaults_data && r->n_data == 0)
                return JS_EUSAGE; /* js_run says there is no data */
            if (def->defaults_data)
                spec_error(r->spec, ri->sec, NULL, 0, r->diag, "kind %s needs %s = NAME of a [data] "
                           "section: there are %zu, so name one", k->name, def->key, r->n_data);
            else
                spec_error(r->spec, ri->sec, NULL, 0, r->diag, "kind %s needs %s = NAME (%s)", k->name,
                           def->key, def->help);
            return JS_EUSAGE;
        }
    }
    i = 0;
    for (const js_input_def *def = k->inputs; def->key != NULL; def++, i++) {
        if (def->group > 0 && given[def->group] == 0) {
            spec_error(r->spec, ri->sec, NULL, 0, r->diag, "kind %s needs one of its inputs: %s = ... "
                       "(%s), or another of its group", k->name, def->key, def->help);
            return JS_EUSAGE;
        }
        if (ri->of == NULL && ri->in_ind[i] != NULL)
            ri->of = ri->in_ind[i];
        if (ri->data == NULL && ri->in_data[i] != NULL && !(def->accepts & JS_INPUT_WHOLE))
            ri->data = ri->in_data[i];
    }
    ri->uses_result = ri->of != NULL;
    const spec_kv *const where = spec_kv_find(ri->sec, "where");
    if (where != NULL && ri->of != NULL && ri->data == NULL) { /* it would be ignored */
        spec_error(r->spec, ri->sec, where, 0, r->diag, "where does not apply to an indicator computed "
                   "on the result of [indicator %s]: put the selection in that section", ri->of->sec->name);
        return JS_EUSAGE;
    }
    if (ri->data == NULL && ri->of != NULL)
        ri->data = ri->of->data;
    const char *const measure = ri->data ? spec_get(ri->data->sec, "measure_type", NULL) : NULL;
    if (measure == NULL || !js_measure_parse(measure, &ri->spec.measure)) /* checked by spec_validate */
        ri->spec.measure = JS_MEASURE_COUNT;
    return JS_OK;
}

js_status run_prepare(js_run_state *r, run_ind *ri)
{
    const spec_kv *const kind = spec_kv_find(ri->sec, "kind");
    const js_kind *const k = kind ? js_kind_find(kind->value) : NULL;
    if (k == NULL) {
        js_buf list;
        js_buf_init(&list);
        run_kind_list(&list);
        const char *names[64];
        size_t n = 0;
        for (; n < js_kind_count() && n < 64; n++)
            names[n] = js_kind_at(n)->name;
        const char *const close = kind ? js_suggest(kind->value, names, n) : NULL;
        if (kind == NULL)
            spec_error(r->spec, ri->sec, NULL, 0, r->diag, "expected a line kind = KIND, one of %s",
                       js_buf_cstr(&list));
        else if (close != NULL)
            spec_error(r->spec, ri->sec, kind, 0, r->diag, "unknown kind \"%s\"; did you mean %s?",
                       kind->value, close);
        else
            spec_error(r->spec, ri->sec, kind, 0, r->diag, "expected kind = one of %s; found \"%s\"",
                       js_buf_cstr(&list), kind->value);
        js_buf_fini(&list);
        return JS_EUSAGE;
    }
    js_indicator_spec_init(&ri->spec, k);
    ri->spec.id = ri->sec->name;
    ri->spec.small_n = r->small_n;
    ri->spec.lang = r->lang;
    ri->decimals = -1; /* the kind's */
    js_status st = JS_OK;
    for (size_t i = 0; i < ri->sec->n_kv; i++) {
        const js_status one = run_ind_key(r, ri, &ri->sec->kv[i]);
        if (one == JS_ENOMEM)
            return one;
        if (one != JS_OK)
            st = JS_EUSAGE; /* report every bad key */
    }
    for (size_t i = 0; st == JS_OK && k->keys[i].name != NULL; i++)
        if (k->keys[i].required && ri->spec.val[i].text == NULL) {
            spec_error(r->spec, ri->sec, NULL, 0, r->diag, "kind %s needs %s (%s)", k->name,
                       k->keys[i].name, k->keys[i].help);
            st = JS_EUSAGE;
        }
    if (st == JS_OK)
        st = run_ind_by(ri);
    return st == JS_OK ? run_ind_inputs(r, ri) : st;
}

/* A selection that takes a total and one of its parts, or a region and a
 * region inside it, counts people twice in a sum: a warning at its line
 * (sums: the indicator that sums over it, NULL for a chart, which does not
 * sum). */
static void run_warn_overlap(js_run_state *r, const spec_section *sec, const spec_kv *kv,
                             const js_cube *c, const js_sel_masks *sel, const js_indicator_spec *sums)
{
    for (size_t i = 0; sums != NULL && i < sel->ndims; i++) {
        const js_dim *const dim = js_cube_dim(c, i);
        int kept = 0; /* a dimension in by is not summed */
        for (size_t b = 0; b < sums->n_by; b++)
            kept |= strcmp(sums->by[b], js_dim_name(dim)) == 0;
        if (kept)
            continue;
        size_t total = SIZE_MAX, part = SIZE_MAX, outer = SIZE_MAX, inner = SIZE_MAX;
        for (size_t k = 0; sel->mask[i] != NULL && k < js_dim_size(dim); k++) {
            if (!sel->mask[i][k])
                continue;
            if (js_dim_category(dim, k)->is_total)
                total = k;
            else
                part = k;
            const char *const code = js_dim_category(dim, k)->code;
            for (size_t o = 0; js_dim_role(dim) == JS_ROLE_REGION && o < js_dim_size(dim); o++) {
                const char *const oc = js_dim_category(dim, o)->code;
                if (o != k && sel->mask[i][o] && strlen(oc) < strlen(code) &&
                    strncmp(oc, code, strlen(oc)) == 0) {
                    outer = o;
                    inner = k;
                }
            }
        }
        if (total != SIZE_MAX && part != SIZE_MAX)
            outer = total, inner = part;
        if (outer != SIZE_MAX)
            js_diag_warn(r->diag, r->spec->path, kv->line, kv->col, "[%s %s]: %s selects %s and %s, "
                         "one inside the other: a sum over them counts the same people twice",
                         sec->type, sec->name, kv->key, js_dim_category(dim, outer)->code,
                         js_dim_category(dim, inner)->code);
    }
}

js_status run_check_selection(js_run_state *r, const spec_section *sec, const spec_kv *kv,
                              const js_sel *sel_kv, const js_cube *c, const char *what,
                              const js_indicator_spec *sums)
{
    js_diag *const mine = js_diag_alloc();
    if (mine == NULL)
        return JS_ENOMEM;
    js_sel_masks sel;
    const js_status st = js_sel_resolve(c, sel_kv, kv->key, &sel, mine);
    if (st == JS_OK)
        run_warn_overlap(r, sec, kv, c, &sel, sums);
    if (st == JS_OK)
        js_sel_masks_fini(&sel);
    else if (st == JS_EUSAGE && js_diag_size(mine) > 0)
        spec_error(r->spec, sec, kv, 0, r->diag, "%s (%s)", js_diag_get(mine, 0)->text, what);
    else
        js_diag_append(r->diag, mine);
    js_diag_free(mine);
    return st;
}

js_status run_check_selections(js_run_state *r, const run_ind *ri)
{
    js_status st = JS_OK;
    for (size_t i = 0; i < ri->sec->n_kv; i++) {
        const spec_kv *const kv = &ri->sec->kv[i];
        const js_key *const key = js_kind_key(ri->spec.kind, kv->key);
        if (key == NULL || key->type != JS_KEY_SELECTION)
            continue;
        const size_t own = run_own_key(ri->spec.kind, key);
        const js_sel *const sel = own != SIZE_MAX ? ri->spec.val[own].sel : ri->where; /* where */
        size_t j = 0;
        for (const js_input_def *def = ri->spec.kind->inputs; def->key != NULL; def++, j++) {
            const run_data *const rd = ri->in_data[j];
            if (rd == NULL || rd->cube == NULL || (def->accepts & JS_INPUT_WHOLE))
                continue; /* a standard population: where is not for it */
            char what[300];
            (void)snprintf(what, sizeof what, "data %s", rd->sec->name);
            const js_status one = run_check_selection(r, ri->sec, kv, sel, rd->cube, what, &ri->spec);
            st = st != JS_OK ? st : one;
        }
    }
    return st;
}

/* The compute function's messages, placed at the section's line (the
 * function names the indicator itself: "x: ..."; the section says it). */
static void run_ind_relay(js_run_state *r, const run_ind *ri, const js_diag *from)
{
    const size_t id_len = strlen(ri->sec->name);
    for (size_t i = 0; i < js_diag_size(from); i++) {
        const js_diag_msg *const m = js_diag_get(from, i);
        const char *text = m->text;
        if (strncmp(text, ri->sec->name, id_len) == 0 && strncmp(text + id_len, ": ", 2) == 0)
            text += id_len + 2;
        if (m->severity == JS_SEV_ERROR)
            spec_error(r->spec, ri->sec, NULL, 0, r->diag, "%s", text);
        else if (m->severity == JS_SEV_WARNING) /* into the manifest and the report too */
            run_warn(r, "[indicator %s]: %s", ri->sec->name, text);
        else
            js_diag_add(r->diag, m->severity, r->spec->path, ri->sec->line, 0, "[indicator %s]: %s",
                        ri->sec->name, text);
    }
}

/* The unit of what the indicator is computed on: the indicator it reads,
 * else its data section's unit =, else NULL. */
static const char *run_in_unit(const run_ind *ri)
{
    if (ri->of != NULL)
        return ri->of->result.unit;
    return ri->data ? spec_get(ri->data->sec, "unit", NULL) : NULL;
}

/* Compute (unless streaming did) and describe the result for the outputs. */
/* The summed totals' label: aggregate.c names them "Totalt" whatever the
 * language; the data's labels file may call them "Riket". */
static js_status run_label_totals(const js_run_state *r, const run_ind *ri)
{
    const run_data *const rd = ri->data;
    const char *const label = rd != NULL && rd->total_label != NULL ? rd->total_label
                                                                   : js_text(r->lang, "Totalt", "Total");
    js_status st = JS_OK;
    for (size_t d = 0; st == JS_OK && d < js_cube_ndims(ri->cube); d++) {
        const js_dim *const dim = js_cube_dim(ri->cube, d);
        const size_t k = js_dim_find_code(dim, "total");
        if (k != SIZE_MAX && js_dim_category(dim, k)->is_total && strcmp(js_dim_category(dim, k)->label, "Totalt") == 0 &&
            strcmp(label, "Totalt") != 0) /* the one aggregate.c made */
            st = js_cube_set_label(ri->cube, d, k, label);
    }
    return st;
}

js_status run_compute(js_run_state *r, run_ind *ri)
{
    if (ri->cube == NULL) {
        const js_cube *in[JS_KIND_MAX_INPUTS] = {NULL};
        for (size_t i = 0; i < JS_KIND_MAX_INPUTS; i++)
            in[i] = ri->in_ind[i] ? ri->in_ind[i]->cube : ri->in_data[i] ? ri->in_data[i]->cube : NULL;
        ri->spec.cache = r->cache;
        js_diag *const mine = js_diag_alloc();
        if (mine == NULL)
            return JS_ENOMEM;
        const js_status st = js_indicator_compute(&ri->spec, in, &ri->cube, mine);
        run_ind_relay(r, ri, mine);
        js_diag_free(mine);
        if (st != JS_OK)
            return st;
    }
    js_status lst = run_label_totals(r, ri);
    if (lst != JS_OK)
        return lst;
    const js_kind *const k = ri->spec.kind;
    const char *const unit = spec_get(ri->sec, "unit", NULL);
    if ((ri->definition = js_indicator_definition(&ri->spec, r->lang)) == NULL)
        return JS_ENOMEM;
    ri->result = (js_result){ri->sec->name, spec_get(ri->sec, "title", ri->sec->name), k->name,
                             unit ? unit : js_indicator_unit(&ri->spec, r->lang, run_in_unit(ri)),
                             spec_get(ri->sec, "definition", ri->definition),
                             ri->data ? spec_get(ri->data->sec, "source", NULL) : NULL,
                             ri->decimals >= 0 ? ri->decimals : js_indicator_decimals(&ri->spec), ri->cube,
                             spec_get(ri->sec, "text", NULL), spec_get(ri->sec, "note", NULL)};
    size_t n_flagged = 0, n_overflow = 0;
    for (size_t i = 0; i < js_cube_ncells(ri->cube); i++) {
        n_flagged += (js_cube_flags(ri->cube, i) & (JS_FLAG_SMALL_N | JS_FLAG_MISSING_INPUT |
                                                    JS_FLAG_SUPPRESSED_INPUT | JS_FLAG_ZERO_DENOM |
                                                    JS_FLAG_PART_EXCEEDS_TOTAL | JS_FLAG_OVERFLOW)) != 0;
        n_overflow += (js_cube_flags(ri->cube, i) & JS_FLAG_OVERFLOW) != 0;
    }
    if (n_overflow > 0)
        run_warn(r, "%s: %zu of %zu results are beyond the range of numbers (sums or ratios over "
                    "1.8e308) and have no value, flagged overflow: check the data's values",
                 ri->sec->name, n_overflow, js_cube_ncells(ri->cube));
    if (n_flagged > 0)
        run_warn(r, "%s: %zu of %zu results are flagged (small numbers, missing or suppressed "
                    "inputs, zero denominators, or parts larger than their totals); see the flags "
                    "column", ri->sec->name, n_flagged, js_cube_ncells(ri->cube));
    return JS_OK;
}
