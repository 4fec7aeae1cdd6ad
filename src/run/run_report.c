/*
 * run_report.c - the report's layout: [section NAME]s and the key figures.
 *
 * A section groups charts and tables under a heading of its own:
 *
 *     [section befolkning]
 *     title        = Befolkningen            ; the heading (default: the name)
 *     introduction = Länet *växer* igen.     ; Markdown, as in [analysis]
 *     text         = befolkning.md           ; or a Markdown file beside the analysis file
 *     charts       = pyramid, population_lines
 *     tables       = population, side        ; [table] sections or indicators (their tables)
 *
 * The members are listed in the section, so that the report's order is
 * read in one place and changed there; sections come in the report in the
 * order written, each with its charts, then its tables, in the order
 * listed; the charts and tables of no section follow under "Diagram" and
 * "Tabeller" as before.  A name that is no such section, or a chart or
 * table listed twice (in two sections, or twice in one), is an error at
 * its place - found by `jamstat check` as well, before any data is read.
 *
 * The key figures: [analysis] summary = all (the default with a focus) |
 * none | a list of indicators, summary_from = YEAR (the change since then;
 * default the first year); out_summary.c makes the rows.
 *
 * The sentences under the tables of kinds rank, dispersion, target,
 * population_change and shift_share (out_sentence.c writes them): made here, where the indicator's spec is
 * at hand (a target's parity, a dispersion's statistic, a rank's groups
 * from the codes or from its groups = key file, what its areas are), and
 * handed to the report as js_report.sentences.  [analysis] sentences = no
 * turns them off for the whole report, an indicator's sentences = no for
 * its table (population_change and shift_share have no such key: their
 * kinds' file was not this change's to edit).
 */
#include "run/run_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "core/strbuf.h"
#include "core/suggest.h"
#include "indic/ind_follow.h"
#include "jamstat/indicator.h"
#include "out/out_sentence.h"

enum {
    LAYOUT_MAX_ITEMS = 256,   /* names in one list */
    LAYOUT_ROOM = 512,        /* members of one section: its charts and tables */
    LAYOUT_MAX_SEEN = 4096,   /* members checked for repeats */
    LAYOUT_TEXT_MAX = 1 << 20 /* bytes of a section's text file */
};

/* ---- checks -------------------------------------------------------------------------- */

/* The names of the sections of type (and, when type2 is not NULL, of
 * type2), for suggestions; *n of them.  Caller frees the array. */
static const char **layout_names(const js_spec *s, const char *type, const char *type2, size_t *n)
{
    const char **const names = js_calloc(s->n_sec + 1, sizeof *names);
    *n = 0;
    for (size_t i = 0; names != NULL && i < s->n_sec; i++)
        if (strcmp(s->sec[i].type, type) == 0 || (type2 != NULL && strcmp(s->sec[i].type, type2) == 0))
            names[(*n)++] = s->sec[i].name;
    return names;
}

/* A member seen so far: which section listed it, at which line. */
typedef struct layout_seen {
    const char *type; /* "chart", "table", "indicator" */
    const char *name;
    const spec_section *sec;
    size_t line;
} layout_seen;

/* One list (charts or tables) of section sec. */
static js_status layout_check_list(js_run_state *r, const spec_section *sec, const char *key, layout_seen *seen,
                                   size_t *n_seen)
{
    const spec_kv *const kv = spec_kv_find(sec, key);
    if (kv == NULL)
        return JS_OK;
    const int charts = strcmp(key, "charts") == 0;
    char *const text = js_strdup(kv->value);
    const char *items[LAYOUT_MAX_ITEMS];
    size_t n_names = 0;
    const char **const names = layout_names(r->spec, charts ? "chart" : "table", charts ? NULL : "indicator",
                                            &n_names);
    if (text == NULL || names == NULL) {
        js_free(text);
        js_free(names);
        return JS_ENOMEM;
    }
    const size_t n = run_split_list(text, items, LAYOUT_MAX_ITEMS);
    js_status st = JS_OK;
    for (size_t i = 0; i < n; i++) {
        const size_t off = (size_t)(items[i] - text);
        const char *type = charts ? "chart" : "table";
        if (!charts && spec_find(r->spec, "table", items[i]) == NULL && spec_find(r->spec, "indicator", items[i]))
            type = "indicator";
        if (spec_find(r->spec, type, items[i]) == NULL) {
            const char *const near = js_suggest(items[i], names, n_names);
            spec_error(r->spec, sec, kv, off, r->diag, "%s: expected the name of a %s, found \"%s\"%s%s%s", key,
                       charts ? "[chart] section" : "[table] or [indicator] section", items[i],
                       near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
            st = JS_EUSAGE;
            continue;
        }
        size_t k = 0;
        while (k < *n_seen && !(strcmp(seen[k].type, type) == 0 && strcmp(seen[k].name, items[i]) == 0))
            k++;
        if (k < *n_seen) {
            if (seen[k].sec == sec)
                spec_error(r->spec, sec, kv, off, r->diag, "%s: expected each %s once, found %s \"%s\" twice",
                           key, charts ? "chart" : "table", type, items[i]);
            else
                spec_error(r->spec, sec, kv, off, r->diag, "%s: expected each %s in one section, found %s \"%s\" "
                           "in [section %s] as well (line %zu)", key, charts ? "chart" : "table", type, items[i],
                           seen[k].sec->name, seen[k].line);
            st = JS_EUSAGE;
        } else if (*n_seen < LAYOUT_MAX_SEEN) {
            seen[(*n_seen)++] = (layout_seen){type, spec_find(r->spec, type, items[i])->name, sec, kv->line};
        }
    }
    js_free(text);
    js_free(names);
    return st;
}

/* [analysis] summary = all | none | INDICATOR, ... and summary_from = YEAR. */
static js_status layout_check_summary(js_run_state *r)
{
    const spec_section *const a = r->analysis;
    js_status st = JS_OK;
    const spec_kv *const from = spec_kv_find(a, "summary_from");
    double y;
    if (from != NULL && (!js_parse_number(from->value, &y) || y < 1000 || y > 9999 || floor(y) < y)) {
        spec_error(r->spec, a, from, 0, r->diag, "summary_from: expected a year (e.g. 2000), found \"%s\"",
                   from->value);
        st = JS_EUSAGE;
    }
    const spec_kv *const kv = spec_kv_find(a, "summary");
    if (kv == NULL || strcasecmp(kv->value, "all") == 0 || strcasecmp(kv->value, "none") == 0)
        return st;
    char *const text = js_strdup(kv->value);
    size_t n_names = 0;
    const char **const names = layout_names(r->spec, "indicator", NULL, &n_names);
    if (text == NULL || names == NULL) {
        js_free(text);
        js_free(names);
        return JS_ENOMEM;
    }
    const char *items[LAYOUT_MAX_ITEMS];
    const size_t n = run_split_list(text, items, LAYOUT_MAX_ITEMS);
    for (size_t i = 0; i < n; i++)
        if (spec_find(r->spec, "indicator", items[i]) == NULL) {
            const char *const near = js_suggest(items[i], names, n_names);
            spec_error(r->spec, a, kv, (size_t)(items[i] - text), r->diag, "summary: expected all, none or "
                       "names of [indicator] sections, found \"%s\"%s%s%s", items[i], near ? "; did you mean " : "",
                       near ? near : "", near ? "?" : "");
            st = JS_EUSAGE;
        }
    js_free(text);
    js_free(names);
    return st;
}

/* A section's text = FILE is there to be read (check finds it missing
 * before a run would). */
static js_status layout_check_text(js_run_state *r, const spec_section *sec)
{
    const spec_kv *const kv = spec_kv_find(sec, "text");
    if (kv == NULL)
        return JS_OK;
    char *const path = kv->value[0] == '/' ? js_strdup(kv->value) : js_path_join(r->spec->dir, kv->value);
    if (path == NULL)
        return JS_ENOMEM;
    FILE *const fp = fopen(path, "rb");
    const int found = fp != NULL;
    if (!found)
        spec_error(r->spec, sec, kv, 0, r->diag, "text = %s: expected a Markdown file to read, found none at %s",
                   kv->value, path);
    else
        (void)fclose(fp);
    js_free(path);
    return found ? JS_OK : JS_EUSAGE;
}

/* ---- sentences ------------------------------------------------------------------------- */

/* [analysis] sentences = yes | no (and an indicator's, which its kind
 * checks as a yes/no key): 1 yes, 0 no, -1 neither. */
static int layout_yes_no(const char *text)
{
    if (text == NULL || strcasecmp(text, "yes") == 0 || strcasecmp(text, "true") == 0 || strcmp(text, "1") == 0)
        return 1;
    if (strcasecmp(text, "no") == 0 || strcasecmp(text, "false") == 0 || strcmp(text, "0") == 0)
        return 0;
    return -1;
}

static js_status layout_check_sentences(js_run_state *r)
{
    const char *const text = spec_get(r->analysis, "sentences", NULL);
    if (layout_yes_no(text) >= 0)
        return JS_OK;
    spec_error(r->spec, r->analysis, spec_kv_find(r->analysis, "sentences"), 0, r->diag,
               "sentences: expected yes or no, found \"%s\"", text);
    return JS_EUSAGE;
}

js_status run_layout_check(js_run_state *r)
{
    layout_seen *const seen = js_calloc(LAYOUT_MAX_SEEN, sizeof *seen);
    if (seen == NULL)
        return JS_ENOMEM;
    size_t n_seen = 0;
    js_status st = layout_check_summary(r);
    const js_status sst = layout_check_sentences(r);
    st = st != JS_OK ? st : sst;
    for (size_t i = 0; i < r->spec->n_sec; i++) {
        const spec_section *const sec = &r->spec->sec[i];
        if (strcmp(sec->type, "section") != 0)
            continue;
        const js_status a = layout_check_list(r, sec, "charts", seen, &n_seen);
        const js_status b = layout_check_list(r, sec, "tables", seen, &n_seen);
        const js_status c = layout_check_text(r, sec);
        st = st != JS_OK ? st : a != JS_OK ? a : b != JS_OK ? b : c;
    }
    js_free(seen);
    return st;
}

/* ---- the layout ------------------------------------------------------------------------ */

js_status run_layout_summary(js_run_state *r, run_layout *l)
{
    const char *const focus = spec_get(r->analysis, "focus", NULL);
    const char *const pick = spec_get(r->analysis, "summary", "all");
    const char *const from = spec_get(r->analysis, "summary_from", NULL);
    l->summary.focus = strcasecmp(pick, "none") == 0 ? NULL : focus;
    l->summary.from_year = from ? atoi(from) : 0; /* checked: a year */
    if (l->summary.focus == NULL || strcasecmp(pick, "all") == 0)
        return JS_OK;
    l->ids_text = js_strdup(pick);
    l->ids = js_calloc(LAYOUT_MAX_ITEMS, sizeof *l->ids);
    if (l->ids_text == NULL || l->ids == NULL)
        return JS_ENOMEM;
    l->summary.n_ids = run_split_list(l->ids_text, l->ids, LAYOUT_MAX_ITEMS);
    l->summary.ids = l->ids;
    for (size_t i = 0; i < l->summary.n_ids; i++) { /* asked for by name: say why one is not there */
        const run_ind *const ri = run_find_ind(r, l->ids[i]);
        const js_cube *const c = ri != NULL ? ri->cube : NULL;
        const size_t reg = c != NULL ? js_cube_dim_by_role(c, JS_ROLE_REGION) : SIZE_MAX;
        if (c != NULL && (reg == SIZE_MAX || js_dim_find(js_cube_dim(c, reg), focus) == SIZE_MAX))
            run_warn(r, "[analysis] summary: indicator %s has no region dimension holding the focus %s, "
                     "so it is not among the key figures", l->ids[i], focus);
    }
    return JS_OK;
}

/* The index of a member of the given kind, SIZE_MAX when the run has none
 * such (outputs without charts). */
static size_t layout_index(const js_run_state *r, const char *type, const char *name)
{
    if (strcmp(type, "chart") == 0) {
        for (size_t i = 0; i < r->n_charts; i++)
            if (strcmp(r->charts[i].rc.name, name) == 0)
                return i;
    } else if (strcmp(type, "table") == 0) {
        for (size_t i = 0; i < r->n_tables; i++)
            if (strcmp(r->tables[i].t.name, name) == 0)
                return i;
    } else {
        for (size_t i = 0; i < r->n_ind; i++)
            if (strcmp(r->ind[i].sec->name, name) == 0)
                return i;
    }
    return SIZE_MAX;
}

/* Section sec's members into l->sections[s], from the free space at *next. */
static void layout_fill(const js_run_state *r, const spec_section *sec, js_report_section *out, size_t **next)
{
    for (int list = 0; list < 3; list++) { /* charts, indicators' tables, [table]s */
        char buf[8192];
        (void)snprintf(buf, sizeof buf, "%s", spec_get(sec, list == 0 ? "charts" : "tables", ""));
        const char *items[LAYOUT_MAX_ITEMS];
        const size_t n = run_split_list(buf, items, LAYOUT_MAX_ITEMS);
        size_t *const start = *next;
        for (size_t i = 0; i < n; i++) {
            const int is_table = list > 0 && spec_find(r->spec, "table", items[i]) != NULL;
            if (list == 1 && is_table)
                continue;
            if (list == 2 && !is_table)
                continue;
            const size_t k = layout_index(r, list == 0 ? "chart" : list == 1 ? "indicator" : "table", items[i]);
            if (k != SIZE_MAX)
                *(*next)++ = k;
        }
        const size_t got = (size_t)(*next - start);
        if (list == 0) {
            out->charts = start;
            out->n_charts = got;
        } else if (list == 1) {
            out->results = start;
            out->n_results = got;
        } else {
            out->tables = start;
            out->n_tables = got;
        }
    }
}

/* What the areas of ri's input are, from the codes of its region
 * dimension: four digits municipalities, two digits counties. */
static const js_cube *layout_input(const run_ind *ri)
{
    return ri->in_ind[0] ? ri->in_ind[0]->cube : ri->in_data[1] ? ri->in_data[1]->cube : NULL;
}

static js_sent_units layout_units(const run_ind *ri)
{
    const js_cube *const in = layout_input(ri);
    const size_t rd = in != NULL ? js_cube_dim_by_role(in, JS_ROLE_REGION) : SIZE_MAX;
    js_sent_units u = JS_SENT_AREAS;
    for (size_t k = 0; rd != SIZE_MAX && k < js_dim_size(js_cube_dim(in, rd)); k++) {
        const js_category *const c = js_dim_category(js_cube_dim(in, rd), k);
        const size_t len = strlen(c->code);
        if (ind_region_is_national(c) || strspn(c->code, "0123456789") != len)
            continue;
        if (len == 4)
            return JS_SENT_MUNICIPALITIES;
        if (len == 2)
            u = JS_SENT_COUNTIES;
    }
    return u;
}

/* A dispersion's rows are the groups: a focus that is one of the areas
 * compared speaks of its group, whose code goes into *code (caller frees;
 * NULL: the focus as it is). */
static js_status layout_focus_group(const run_ind *ri, const char *focus, char **code)
{
    *code = NULL;
    const js_cube *const in = layout_input(ri);
    const size_t rd = in != NULL && focus != NULL ? js_cube_dim_by_role(in, JS_ROLE_REGION) : SIZE_MAX;
    const size_t k = rd != SIZE_MAX ? js_dim_find(js_cube_dim(in, rd), focus) : SIZE_MAX;
    if (k == SIZE_MAX)
        return JS_OK;
    js_diag *const quiet = js_diag_alloc(); /* the kind has said what was wrong with the groups */
    if (quiet == NULL)
        return JS_ENOMEM;
    ind_groups g;
    js_status st = ind_region_groups(&ri->spec, js_cube_dim(in, rd), &g, quiet);
    js_diag_free(quiet);
    if (st != JS_OK)
        return st == JS_ENOMEM ? st : JS_OK;
    if (g.n_groups > 0 && g.group[k] != SIZE_MAX && (*code = js_strdup(g.code[g.group[k]])) == NULL)
        st = JS_ENOMEM;
    ind_region_groups_fini(&g);
    return st;
}

/* The sentences of indicator ri into *out (NULL: none). */
static js_status layout_sentence(js_run_state *r, const run_ind *ri, char **out)
{
    *out = NULL;
    const char *const kind = ri->spec.kind->name;
    const int rank = strcmp(kind, "rank") == 0, disp = strcmp(kind, "dispersion") == 0;
    const int change = strcmp(kind, "population_change") == 0 || strcmp(kind, "shift_share") == 0;
    /* population_change and shift_share have no sentences key of their own
     * (ind_shift.c is not this change's): [analysis] sentences = no turns
     * theirs off */
    if ((!rank && !disp && !change && strcmp(kind, "target") != 0) || ri->cube == NULL ||
        (js_kind_key(ri->spec.kind, "sentences") != NULL && js_spec_word(&ri->spec, "sentences") == 0))
        return JS_OK;
    const char *const target = disp || rank || change ? NULL : js_spec_text(&ri->spec, "target");
    js_sent_opts o = {r->lang, spec_get(r->analysis, "focus", NULL), NULL,
                      target != NULL && strcasecmp(target, "parity") == 0,
                      disp ? js_spec_word(&ri->spec, "statistic") : -1, layout_units(ri)};
    char *group_code = NULL;
    if (disp) {
        const js_status fst = layout_focus_group(ri, o.focus, &group_code);
        if (fst != JS_OK)
            return fst;
        if (group_code != NULL)
            o.focus = group_code;
    }
    ind_groups g;
    memset(&g, 0, sizeof g);
    const size_t rd = js_cube_dim_by_role(ri->cube, JS_ROLE_REGION);
    if (rank && rd != SIZE_MAX) {
        js_diag *const quiet = js_diag_alloc(); /* the kind has said what was wrong with the groups */
        if (quiet == NULL)
            return JS_ENOMEM;
        const js_status st = ind_region_groups(&ri->spec, js_cube_dim(ri->cube, rd), &g, quiet);
        js_diag_free(quiet);
        if (st == JS_ENOMEM)
            return st;
        if (st != JS_OK)
            return JS_OK;
        o.groups = &g;
    }
    js_buf b;
    js_buf_init(&b);
    js_sentences(&b, &ri->result, &o);
    ind_region_groups_fini(&g);
    js_free(group_code);
    if (b.failed) {
        js_buf_fini(&b);
        return JS_ENOMEM;
    }
    if (b.len > 0)
        *out = b.data; /* the buffer's memory is the caller's now */
    else
        js_buf_fini(&b);
    return JS_OK;
}

/* Every indicator's sentences, as l->sentences[i] for r->ind[i] (the
 * report's results, in the same order). */
static js_status layout_sentences(js_run_state *r, run_layout *l)
{
    if (layout_yes_no(spec_get(r->analysis, "sentences", NULL)) == 0 || r->n_ind == 0)
        return JS_OK;
    l->sentences = js_calloc(r->n_ind, sizeof *l->sentences);
    if (l->sentences == NULL)
        return JS_ENOMEM;
    l->n_sentences = r->n_ind;
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && i < r->n_ind; i++)
        st = layout_sentence(r, &r->ind[i], &l->sentences[i]);
    return st;
}

js_status run_layout_sections(js_run_state *r, run_layout *l)
{
    const js_status sst = layout_sentences(r, l);
    if (sst != JS_OK)
        return sst;
    size_t n = 0, room = 0;
    for (size_t i = 0; i < r->spec->n_sec; i++)
        if (strcmp(r->spec->sec[i].type, "section") == 0) {
            n++;
            room += LAYOUT_ROOM;
        }
    if (n == 0)
        return JS_OK;
    l->sections = js_calloc(n, sizeof *l->sections);
    l->html = js_calloc(n, sizeof *l->html);
    l->members = js_calloc(room, sizeof *l->members);
    if (l->sections == NULL || l->html == NULL || l->members == NULL)
        return JS_ENOMEM;
    size_t *next = l->members;
    js_status st = JS_OK;
    for (size_t i = 0; st == JS_OK && i < r->spec->n_sec; i++) {
        const spec_section *const sec = &r->spec->sec[i];
        if (strcmp(sec->type, "section") != 0)
            continue;
        js_report_section *const out = &l->sections[l->n_sections];
        out->name = sec->name;
        out->title = spec_get(sec, "title", sec->name);
        st = run_section_html(r, sec, &l->html[l->n_sections]);
        out->intro_html = l->html[l->n_sections];
        layout_fill(r, sec, out, &next);
        l->n_sections++;
    }
    return st;
}

void run_layout_fini(run_layout *l)
{
    for (size_t i = 0; l->sentences != NULL && i < l->n_sentences; i++)
        js_free(l->sentences[i]);
    js_free(l->sentences);
    for (size_t i = 0; l->html != NULL && i < l->n_sections; i++)
        js_free(l->html[i]);
    js_free(l->html);
    js_free(l->sections);
    js_free(l->members);
    js_free(l->ids_text);
    js_free(l->ids);
    memset(l, 0, sizeof *l);
}

/* ---- texts ------------------------------------------------------------------------------ */

/* Append the file of kv (beside the analysis file) to md. */
static js_status layout_read_text(js_run_state *r, const spec_section *sec, const spec_kv *kv, js_buf *md)
{
    const char *const file = kv->value;
    char *const path = file[0] == '/' ? js_strdup(file) : js_path_join(r->spec->dir, file);
    FILE *const fp = path != NULL ? fopen(path, "rb") : NULL;
    char block[65536];
    size_t got;
    while (fp != NULL && (got = fread(block, 1, sizeof block, fp)) > 0 && md->len <= LAYOUT_TEXT_MAX)
        js_buf_append(md, block, got);
    js_status st = JS_OK;
    if (path == NULL) {
        st = JS_ENOMEM;
    } else if (fp == NULL || ferror(fp)) {
        spec_error(r->spec, sec, kv, 0, r->diag, "text = %s: cannot read the file %s", file, path);
        st = JS_ENOINPUT;
    } else if (md->len > LAYOUT_TEXT_MAX) {
        spec_error(r->spec, sec, kv, 0, r->diag, "text = %s: a file of at most 1 MiB was expected", file);
        st = JS_EUSAGE;
    }
    if (fp != NULL)
        (void)fclose(fp);
    js_free(path);
    return st;
}

js_status run_section_html(js_run_state *r, const spec_section *sec, char **html)
{
    *html = NULL;
    const char *const inline_text = spec_get(sec, "introduction", NULL);
    const spec_kv *const file = spec_kv_find(sec, "text");
    if (inline_text == NULL && file == NULL)
        return JS_OK;
    js_buf md;
    js_buf_init(&md);
    if (inline_text != NULL)
        js_buf_printf(&md, "%s\n\n", inline_text);
    js_status st = file != NULL ? layout_read_text(r, sec, file, &md) : JS_OK;
    if (st == JS_OK && md.failed)
        st = JS_ENOMEM;
    if (st == JS_OK && (*html = js_markdown_html(js_buf_cstr(&md))) == NULL)
        st = JS_ENOMEM;
    js_buf_fini(&md);
    return st;
}
