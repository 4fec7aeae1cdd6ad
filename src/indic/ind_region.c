/*
 * ind_region.c - differences within the region (METHODS 8): each area's
 * rank among its neighbours and its distance from its county and the
 * country (kind rank), and how far apart the areas are (kind dispersion),
 * for every combination of the other dimensions (years, sexes, ...).
 *
 * The hierarchy comes from the codes, as SCB writes them: a four-digit
 * municipality code begins with its county's two digits (0114 Upplands
 * Väsby lies in 01 Stockholm), a two-digit county lies in the country, and
 * the country is the code of zeros (00 Riket) or a category whose label is
 * a national total ("Riket", "Sverige", "total").  Other codes (NUTS,
 * countries of the EU) are areas of one level in one whole.  The areas
 * compared (the units) are those of the finest level in the input: the
 * municipalities when there are any, else the counties.  A total row
 * such as 00 Riket is the country's value for the deviations; it is never
 * ranked and never one of the units of a dispersion.
 *
 * Missing values are left out (never taken as 0): a unit without a value
 * has no rank, and a dispersion is computed on the units that have one,
 * with a warning that says how many groups lacked some.
 */
#include "indic/ind_int.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "indic/ind_follow.h"
#include "jamstat/harmonise.h"
#include "stats/dispersion.h"

/* ---- the hierarchy from the codes, or from a key file ------------------------------- */

enum { REG_CODE_MAX = 16, REG_KEYS_MAX_BYTES = 64 << 20, REG_KEYS_MAX_COLS = 256 };

/* groups = FILE, CODE_COLUMN, GROUP_COLUMN: each area's group read from a
 * key file, as BRP+'s start_kommun_kodnyckel_tbl.csv gives each
 * municipality its municipality group (LandsbKom_3_Namn) and its
 * labour-market region (FA15Namn).  A key file as run_keys.c reads them:
 * a header row, fields separated by ',', ';' or a tab (the one the header
 * has most of), double quotes around a field allowed, UTF-8.  A column is
 * named by its header (any case) or by its number from 1.  FILE is
 * relative to the analysis file (spec.c joins it).  Codes are compared as
 * written, and when both are digits only, also as numbers: BRP+'s
 * Kommun_kod writes 0114 as 114, and an analyst who names that column
 * instead of Kommun_kod_S should not get 290 errors for a leading zero.
 * An area the file puts in two different groups is an error, as in
 * run_keys.c; the same group twice is not.
 * Why here and not in run_keys.c: the key is an indicator's, and the
 * kind is computed from its spec alone; the reader is small. */
typedef struct reg_keys {
    char *text;         /* the file's bytes, split in place; NULL: no key file */
    const char **code;  /* per row: the area's code */
    const char **group; /* per row: its group ("" : none) */
    size_t *line;       /* per row: its line in the file */
    size_t n;
    char *path;         /* the file, as the message names it */
    const char *code_col, *group_col; /* the columns as the file heads them */
} reg_keys;

typedef struct reg_tree {
    size_t n;            /* categories of the region dimension */
    int *depth;          /* per category: 0 the country, 1 a county or other area, 2 a municipality */
    size_t *group;       /* per category: its group (its county's index in codes), SIZE_MAX: no unit */
    size_t *parent;      /* per group: the category of that county in the data, SIZE_MAX: absent */
    const char **codes;  /* per group: the county's code ("01"), or the country's, or a key file's group */
    char (*code_buf)[REG_CODE_MAX]; /* the storage of codes made from the areas' codes */
    size_t n_groups;     /* groups of units: the counties of the municipalities, or the country */
    size_t n_units;      /* categories at the finest level */
    size_t national;     /* the country's category, SIZE_MAX when the data have none */
    int unit_depth;      /* 2: units in groups (municipalities in counties, or a key file's groups);
                            1: counties or other areas of one whole */
    reg_keys keys;       /* groups = : the key file; zeroed: groups from the codes */
} reg_tree;

static int reg_all_digits(const char *s, size_t len)
{
    if (strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int ind_region_is_national(const js_category *c)
{
    const size_t len = strlen(c->code);
    if (len > 0 && strspn(c->code, "0") == len)
        return 1;
    return c->is_total && js_harm_region_total(NULL, c->label);
}

static void reg_keys_fini(reg_keys *k)
{
    js_free(k->text);
    js_free(k->code);
    js_free(k->group);
    js_free(k->line);
    js_free(k->path);
    memset(k, 0, sizeof *k);
}

static void reg_tree_fini(reg_tree *t)
{
    js_free(t->depth);
    js_free(t->group);
    js_free(t->parent);
    js_free(t->codes);
    js_free(t->code_buf);
    reg_keys_fini(&t->keys);
    memset(t, 0, sizeof *t);
}

/* The next field of the line at *p (delimiter delim), unquoted in place
 * and trimmed of blanks; *p moves past it.  NULL at the end of the line. */
static char *reg_keys_field(char **p, char delim, int *more)
{
    char *s = *p;
    while (*s == ' ')
        s++;
    char *out = s, *w = s;
    if (*s == '"') { /* "a ""b"" c" */
        s++;
        while (*s != '\0' && !(*s == '"' && s[1] != '"')) {
            if (*s == '"')
                s++;
            *w++ = *s++;
        }
        if (*s == '"')
            s++;
        while (*s != '\0' && *s != delim)
            s++;
    } else {
        while (*s != '\0' && *s != delim)
            *w++ = *s++;
        while (w > out && (w[-1] == ' ' || w[-1] == '\r'))
            w--;
    }
    *more = *s == delim;
    if (*s == delim)
        s++;
    *w = '\0';
    *p = s;
    return out;
}

/* Column name (a header, any case, or a number from 1) among the header's
 * fields; SIZE_MAX when absent. */
static size_t reg_keys_column(char *const *head, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(head[i], name) == 0)
            return i;
    char *end;
    const unsigned long no = strtoul(name, &end, 10);
    return *name != '\0' && *end == '\0' && no >= 1 && no <= n ? (size_t)no - 1 : SIZE_MAX;
}

static js_status reg_keys_slurp(const js_indicator_spec *s, const char *path, char **out, js_diag *d)
{
    FILE *const f = fopen(path, "rb");
    if (f == NULL) {
        js_diag_error(d, NULL, 0, 0, "%s: groups = %s: the file cannot be read: %s", s->id, path, strerror(errno));
        return JS_ENOINPUT;
    }
    js_buf b;
    js_buf_init(&b);
    char chunk[1 << 14];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < REG_KEYS_MAX_BYTES)
        js_buf_append(&b, chunk, got);
    const int bad = ferror(f);
    (void)fclose(f);
    if (bad || b.len >= REG_KEYS_MAX_BYTES || b.failed) {
        js_diag_error(d, NULL, 0, 0, "%s: groups = %s: %s", s->id, path,
                      b.failed ? "out of memory" : bad ? "read error" : "larger than 64 MiB");
        js_buf_fini(&b);
        return b.failed ? JS_ENOMEM : JS_EDATA;
    }
    js_buf_puts(&b, ""); /* NUL-terminated, even when empty */
    *out = b.data != NULL ? b.data : js_strdup("");
    return *out != NULL ? JS_OK : JS_ENOMEM;
}

/* The header's column names, for a message. */
static void reg_keys_list(js_buf *b, char *const *head, size_t n)
{
    for (size_t i = 0; i < n; i++)
        js_buf_printf(b, "%s%s", i ? ", " : "", head[i]);
}

/* Split "FILE, CODE_COLUMN, GROUP_COLUMN" at its last two commas. */
static int reg_keys_spec(const char *text, char *path, size_t cap, char *code, char *group, size_t col_cap)
{
    const char *const c2 = strrchr(text, ',');
    const char *c1 = c2;
    while (c1 != NULL && c1 > text && *--c1 != ',')
        ;
    if (c2 == NULL || c1 == NULL || *c1 != ',' || (size_t)(c1 - text) >= cap)
        return 0;
    (void)snprintf(path, cap, "%.*s", (int)(c1 - text), text);
    (void)snprintf(code, col_cap, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
    (void)snprintf(group, col_cap, "%s", c2 + 1);
    char *const parts[3] = {path, code, group};
    for (size_t i = 0; i < 3; i++) { /* trim */
        char *p = parts[i], *e = p + strlen(p);
        while (*p == ' ' || *p == '\t')
            p++;
        while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        memmove(parts[i], p, (size_t)(e - p));
        parts[i][e - p] = '\0';
        if (*parts[i] == '\0')
            return 0;
    }
    return 1;
}

/* Read s's groups = key file into k (nothing when the key is unset). */
static js_status reg_keys_read(const js_indicator_spec *s, reg_keys *k, js_diag *d)
{
    memset(k, 0, sizeof *k);
    const char *const spec = js_spec_text(s, "groups");
    if (spec == NULL)
        return JS_OK;
    char p[4096], cc[256], gc[256];
    if (!reg_keys_spec(spec, p, sizeof p, cc, gc, sizeof cc)) {
        js_diag_error(d, NULL, 0, 0, "%s: groups must be a key file and two of its columns (groups = PATH, "
                      "CODE_COLUMN, GROUP_COLUMN), found \"%s\"", s->id, spec);
        return JS_EUSAGE;
    }
    char *text = NULL;
    js_status st = reg_keys_slurp(s, p, &text, d);
    if (st != JS_OK)
        return st;
    k->text = text;
    if ((k->path = js_strdup(p)) == NULL)
        return JS_ENOMEM;
    char *at = text + (strncmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
    char *nl = strchr(at, '\n');
    if (nl != NULL)
        *nl = '\0';
    size_t nc = 0, ns = 0, nt = 0;
    for (const char *q = at; *q; q++)
        nc += *q == ',', ns += *q == ';', nt += *q == '\t';
    static const char delims[] = ",;\t"; /* the one the header has most of */
    const char delim = delims[ns > nc && ns >= nt ? 1 : nt > nc ? 2 : 0];
    char *head[REG_KEYS_MAX_COLS];
    size_t n_head = 0;
    for (int more = 1; more && n_head < REG_KEYS_MAX_COLS;)
        head[n_head++] = reg_keys_field(&at, delim, &more);
    const size_t ci = reg_keys_column(head, n_head, cc), gi = reg_keys_column(head, n_head, gc);
    if (ci == SIZE_MAX || gi == SIZE_MAX) {
        js_buf b;
        js_buf_init(&b);
        reg_keys_list(&b, head, n_head);
        js_diag_error(d, NULL, 0, 0, "%s: groups = %s: the file has no column %s (its columns: %s)", s->id, p,
                      ci == SIZE_MAX ? cc : gc, b.failed || b.data == NULL ? "" : b.data);
        js_buf_fini(&b);
        return JS_EUSAGE;
    }
    k->code_col = head[ci];
    k->group_col = head[gi];
    size_t n_lines = 1;
    for (const char *q = nl ? nl + 1 : ""; *q; q++)
        n_lines += *q == '\n';
    k->code = js_calloc(n_lines, sizeof *k->code);
    k->group = js_calloc(n_lines, sizeof *k->group);
    k->line = js_calloc(n_lines, sizeof *k->line);
    if (k->code == NULL || k->group == NULL || k->line == NULL)
        return JS_ENOMEM;
    size_t line = 1;
    for (char *row = nl ? nl + 1 : NULL; row != NULL && *row != '\0';) {
        line++;
        char *const end = strchr(row, '\n');
        if (end != NULL)
            *end = '\0';
        const char *f[REG_KEYS_MAX_COLS];
        size_t n = 0;
        for (int more = 1; more && n < REG_KEYS_MAX_COLS;)
            f[n++] = reg_keys_field(&row, delim, &more);
        if (ci < n && f[ci][0] != '\0') {
            k->code[k->n] = f[ci];
            k->group[k->n] = gi < n ? f[gi] : "";
            k->line[k->n++] = line;
        }
        row = end != NULL ? end + 1 : NULL;
    }
    return JS_OK;
}

/* Do codes a and b name the same area: the same text, or both digits only
 * and the same number (114 and 0114). */
static int reg_same_code(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return 1;
    const size_t la = strlen(a), lb = strlen(b);
    if (la == 0 || lb == 0 || strspn(a, "0123456789") != la || strspn(b, "0123456789") != lb)
        return 0;
    a += strspn(a, "0");
    b += strspn(b, "0");
    return strcmp(a, b) == 0;
}

/* The key file's group of code, NULL when it gives none; *other is the
 * row of a second, different group for the same code (SIZE_MAX: none),
 * *row the first's. */
static const char *reg_keys_group(const reg_keys *k, const char *code, size_t *row, size_t *other)
{
    *row = *other = SIZE_MAX;
    for (size_t i = 0; i < k->n; i++) {
        if (!reg_same_code(k->code[i], code))
            continue;
        if (*row == SIZE_MAX)
            *row = i;
        else if (strcmp(k->group[i], k->group[*row]) != 0 && *other == SIZE_MAX)
            *other = i;
    }
    return *row != SIZE_MAX && k->group[*row][0] != '\0' ? k->group[*row] : NULL;
}

/* The group of unit category k (its county's), added when new. */
static size_t reg_group_of(reg_tree *t, const js_dim *rd, const char *code)
{
    for (size_t g = 0; g < t->n_groups; g++)
        if (strcmp(t->codes[g], code) == 0)
            return g;
    const size_t g = t->n_groups++;
    if (t->keys.text != NULL) {
        t->codes[g] = code; /* in the key file's text */
    } else {
        (void)snprintf(t->code_buf[g], REG_CODE_MAX, "%s", code);
        t->codes[g] = t->code_buf[g];
    }
    t->parent[g] = js_dim_find_code(rd, code);
    return g;
}

/* The units' groups from the key file: every unit must have one. */
static js_status reg_tree_keyed(const js_indicator_spec *s, const js_dim *rd, reg_tree *t, js_diag *d)
{
    for (size_t k = 0; k < t->n; k++) {
        if (t->depth[k] != t->unit_depth || t->unit_depth == 0)
            continue;
        const js_category *const c = js_dim_category(rd, k);
        size_t row, other;
        const char *const g = reg_keys_group(&t->keys, c->code, &row, &other);
        if (other != SIZE_MAX) { /* as run_keys.c: a code in two groups is the key's mistake */
            js_diag_error(d, NULL, 0, 0, "%s: groups: area %s is in two groups in %s: %s (line %zu) and %s "
                          "(line %zu)", s->id, c->code, t->keys.path, t->keys.group[row], t->keys.line[row],
                          t->keys.group[other], t->keys.line[other]);
            return JS_EDATA;
        }
        if (g == NULL) {
            const int named = strcmp(c->label, c->code) != 0;
            js_diag_error(d, NULL, 0, 0, "%s: groups: area %s%s%s%s has no group in %s (column %s by column %s)",
                          s->id, c->code, named ? " (" : "", named ? c->label : "", named ? ")" : "",
                          t->keys.path, t->keys.group_col, t->keys.code_col);
            return JS_EDATA;
        }
        t->n_units++;
        t->group[k] = reg_group_of(t, rd, g);
    }
    t->unit_depth = 2; /* units in groups, as municipalities in counties */
    return JS_OK;
}

/* The hierarchy of region dimension rd: from the codes, or from s's
 * groups = key file. */
static js_status reg_tree_build(const js_indicator_spec *s, const js_dim *rd, reg_tree *t, js_diag *d)
{
    memset(t, 0, sizeof *t);
    t->n = js_dim_size(rd);
    t->national = SIZE_MAX;
    t->depth = js_calloc(t->n, sizeof *t->depth);
    t->group = js_calloc(t->n, sizeof *t->group);
    t->parent = js_calloc(t->n + 1, sizeof *t->parent);
    t->codes = js_calloc(t->n + 1, sizeof *t->codes);
    t->code_buf = js_calloc(t->n + 1, sizeof *t->code_buf);
    if (t->depth == NULL || t->group == NULL || t->parent == NULL || t->codes == NULL || t->code_buf == NULL) {
        reg_tree_fini(t);
        return JS_ENOMEM;
    }
    js_status st = reg_keys_read(s, &t->keys, d);
    if (st != JS_OK) {
        reg_tree_fini(t);
        return st;
    }
    for (size_t k = 0; k < t->n; k++) {
        const js_category *const c = js_dim_category(rd, k);
        t->group[k] = SIZE_MAX;
        if (ind_region_is_national(c)) {
            t->depth[k] = 0;
            if (t->national == SIZE_MAX)
                t->national = k;
        } else {
            t->depth[k] = reg_all_digits(c->code, 4) ? 2 : 1;
            t->unit_depth = t->depth[k] > t->unit_depth ? t->depth[k] : t->unit_depth;
        }
    }
    if (t->keys.text != NULL) {
        st = reg_tree_keyed(s, rd, t, d);
        if (st != JS_OK)
            reg_tree_fini(t);
        return st;
    }
    for (size_t k = 0; k < t->n; k++) {
        if (t->depth[k] != t->unit_depth || t->unit_depth == 0)
            continue;
        t->n_units++;
        if (t->unit_depth == 2) {
            char county[3];
            memcpy(county, js_dim_category(rd, k)->code, 2);
            county[2] = '\0';
            t->group[k] = reg_group_of(t, rd, county);
        } else {
            t->group[k] = 0;
        }
    }
    if (t->unit_depth == 1 && t->n_units > 0) { /* the areas of one whole */
        t->n_groups = 1;
        t->parent[0] = t->national;
        (void)snprintf(t->code_buf[0], REG_CODE_MAX, "%s",
                       t->national != SIZE_MAX ? js_dim_category(rd, t->national)->code : "00");
        t->codes[0] = t->code_buf[0];
    }
    return JS_OK;
}

js_status ind_region_groups(const js_indicator_spec *s, const js_dim *rd, ind_groups *g, js_diag *d)
{
    memset(g, 0, sizeof *g);
    reg_tree t;
    js_status st = reg_tree_build(s, rd, &t, d);
    if (st != JS_OK)
        return st;
    g->n = t.n;
    g->n_groups = t.unit_depth == 2 ? t.n_groups : 0;
    g->national = t.national;
    g->group = js_calloc(t.n + 1, sizeof *g->group);
    g->code = js_calloc(t.n + 1, sizeof *g->code);
    g->label = js_calloc(t.n + 1, sizeof *g->label);
    if (g->group == NULL || g->code == NULL || g->label == NULL)
        st = JS_ENOMEM;
    for (size_t k = 0; st == JS_OK && k < t.n; k++)
        g->group[k] = t.group[k]; /* 0 for every area of one whole */
    for (size_t i = 0; st == JS_OK && i < g->n_groups; i++) {
        const size_t p = t.parent[i];
        g->code[i] = js_strdup(t.codes[i]);
        g->label[i] = js_strdup(p != SIZE_MAX ? js_dim_category(rd, p)->label : t.codes[i]);
        if (g->code[i] == NULL || g->label[i] == NULL)
            st = JS_ENOMEM;
    }
    g->keyed = t.keys.text != NULL;
    reg_tree_fini(&t);
    if (st != JS_OK)
        ind_region_groups_fini(g);
    return st;
}

void ind_region_groups_fini(ind_groups *g)
{
    for (size_t i = 0; g->code != NULL && i < g->n_groups; i++) {
        js_free(g->code[i]);
        js_free(g->label[i]);
    }
    js_free(g->group);
    js_free(g->code);
    js_free(g->label);
    memset(g, 0, sizeof *g);
}

/* No areas to compare (only the country): an error naming the indicator. */
static js_status reg_need_units(const js_indicator_spec *s, const reg_tree *t, js_diag *d)
{
    if (t->n_units > 0)
        return JS_OK;
    js_diag_error(d, NULL, 0, 0, "%s: kind %s compares areas, and the input has none besides the "
                  "country's total", s->id, s->kind->name);
    return JS_EUSAGE;
}

/* ---- the input ------------------------------------------------------------------ */

/* The values compared: another indicator's result as it is (of), or the
 * data's aggregate by by under where.  *own is what the caller frees. */
static js_status reg_input(const js_indicator_spec *s, const js_cube *const *in, const js_cube **out,
                           js_cube **own, size_t *rdim, js_diag *d)
{
    *own = NULL;
    *out = in[0];
    js_status st = JS_OK;
    if (in[0] == NULL)
        st = ind_aggregate(s, in[1], NULL, out, own, d);
    if (st != JS_OK)
        return st;
    *rdim = js_cube_dim_by_role(*out, JS_ROLE_REGION);
    if (*rdim == SIZE_MAX) {
        js_diag_error(d, NULL, 0, 0, "%s: kind %s compares regions: its input needs a region dimension "
                      "(put it in by)", s->id, s->kind->name);
        js_cube_free(*own);
        *own = NULL;
        return JS_EUSAGE;
    }
    return JS_OK;
}

/* The cells of one series: every category of the region dimension r at
 * the other coordinates of coords (coords[r] is overwritten). */
static void reg_series_cells(const js_cube *c, size_t r, size_t *coords, size_t *cells)
{
    const size_t n = js_dim_size(js_cube_dim(c, r));
    for (size_t k = 0; k < n; k++) {
        coords[r] = k;
        cells[k] = js_cube_cell_index(c, coords);
    }
    coords[r] = 0;
}

/* ---- rank --------------------------------------------------------------------------- */

/* The statistic dimension of a rank's result, in its order. */
static const char *const rank_codes[] = {
    "value",        "rank",       "n",          "rank_country",  "n_country", "quartile",
    "dev_county",   "dev_county_pct", "dev_country", "dev_country_pct"};
enum { RK_VALUE, RK_RANK, RK_N, RK_RANK_COUNTRY, RK_N_COUNTRY, RK_QUARTILE, RK_DEV_COUNTY,
       RK_DEV_COUNTY_PCT, RK_DEV_COUNTRY, RK_DEV_COUNTRY_PCT, RK_COUNT };

/* in's dimensions with the region dimension r cut to the categories keep
 * marks (keep NULL: all), the categories of extra_codes instead when
 * extra is set (a dispersion's groups), then a dimension extra_dim with
 * the codes extra_dim_codes when extra_dim is not NULL. */
typedef struct reg_shape {
    const unsigned char *keep;                 /* per region category: 1 kept */
    const reg_tree *groups;                    /* not NULL: the region dim holds these groups */
    int with_country;                          /* groups: the country as a last group */
    const char *extra_dim;                     /* a last dimension, or NULL */
    const char *const *extra_codes;
    size_t n_extra;
} reg_shape;

static js_status reg_add_group_cats(js_cube *res, size_t nd, const js_dim *rd, const reg_shape *sh)
{
    const reg_tree *const t = sh->groups;
    js_status st = JS_OK;
    const size_t n = t->unit_depth == 2 ? t->n_groups : 0;
    for (size_t g = 0; st == JS_OK && g < n; g++)
        st = t->parent[g] != SIZE_MAX ? js_cube_copy_category(res, nd, js_dim_category(rd, t->parent[g]), NULL)
                                      : js_cube_add_category(res, nd, t->codes[g], NULL, NULL);
    if (st == JS_OK && sh->with_country)
        st = t->national != SIZE_MAX ? js_cube_copy_category(res, nd, js_dim_category(rd, t->national), NULL)
                                     : js_cube_add_category(res, nd, "00", NULL, NULL);
    return st;
}

static js_status reg_result_shape(const js_cube *in, size_t r, const reg_shape *sh, js_cube **out)
{
    js_cube *const res = js_cube_alloc();
    js_status st = res ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < js_cube_ndims(in); i++) {
        const js_dim *const dim = js_cube_dim(in, i);
        size_t nd;
        st = js_cube_add_dim(res, js_dim_name(dim), js_dim_label(dim), js_dim_role(dim), &nd);
        if (st == JS_OK && i == r && sh->groups != NULL) {
            st = reg_add_group_cats(res, nd, dim, sh);
            continue;
        }
        for (size_t k = 0; st == JS_OK && k < js_dim_size(dim); k++)
            if (i != r || sh->keep == NULL || sh->keep[k])
                st = js_cube_copy_category(res, nd, js_dim_category(dim, k), NULL);
    }
    if (st == JS_OK && sh->extra_dim != NULL) {
        size_t nd;
        st = js_cube_add_dim(res, sh->extra_dim, NULL, JS_ROLE_OTHER, &nd);
        for (size_t k = 0; st == JS_OK && k < sh->n_extra; k++)
            st = js_cube_add_category(res, nd, sh->extra_codes[k], NULL, NULL);
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

/* Scratch for one series of n regions. */
typedef struct reg_scratch {
    size_t *cells;  /* the input cells of the series, per region category */
    double *y;      /* the present units' values */
    double *w;      /* their weights */
    size_t *who;    /* the region category of y[i] */
    size_t *order;  /* 2n, for js_rank_desc */
    double *rank;
    double *rank_c; /* the ranks in the country */
    double *tmp;
} reg_scratch;

static void reg_scratch_free(reg_scratch *x)
{
    js_free(x->cells);
    js_free(x->y);
    js_free(x->w);
    js_free(x->who);
    js_free(x->order);
    js_free(x->rank);
    js_free(x->rank_c);
    js_free(x->tmp);
}

static js_status reg_scratch_alloc(reg_scratch *x, size_t n)
{
    n = n ? n : 1;
    x->cells = js_calloc(n, sizeof *x->cells);
    x->y = js_calloc(n, sizeof *x->y);
    x->w = js_calloc(n, sizeof *x->w);
    x->who = js_calloc(n, sizeof *x->who);
    x->order = js_calloc(2 * n, sizeof *x->order);
    x->rank = js_calloc(n, sizeof *x->rank);
    x->rank_c = js_calloc(n, sizeof *x->rank_c);
    x->tmp = js_calloc(n, sizeof *x->tmp);
    if (!x->cells || !x->y || !x->w || !x->who || !x->order || !x->rank || !x->rank_c || !x->tmp) {
        reg_scratch_free(x);
        return JS_ENOMEM;
    }
    return JS_OK;
}

/* One statistic of one unit into the result: value v (NaN: missing with
 * flags, missing_input when they give no reason). */
static js_status rank_put(js_cube *res, size_t *rc, size_t at, size_t code, double v, uint32_t flags)
{
    rc[at] = code;
    const size_t cell = js_cube_cell_index(res, rc);
    if (!isnan(v))
        js_cube_set_value(res, cell, v);
    else if (!(flags & (JS_FLAG_MISSING_INPUT | JS_FLAG_SUPPRESSED_INPUT | JS_FLAG_ZERO_DENOM)))
        flags |= JS_FLAG_MISSING_INPUT;
    return flags ? js_cube_add_flags(res, cell, flags) : JS_OK;
}

/* value - ref and 100 (value - ref) / ref, into codes k and k + 1. */
static js_status rank_put_dev(js_cube *res, size_t *rc, size_t at, size_t k, double v, double ref,
                              uint32_t flags)
{
    js_status st = rank_put(res, rc, at, k, v - ref, flags);
    const int zero = !isnan(ref) && !(fabs(ref) > 0);
    if (st == JS_OK)
        st = rank_put(res, rc, at, k + 1, zero ? (double)NAN : 100 * (v - ref) / ref,
                      flags | (zero ? JS_FLAG_ZERO_DENOM : 0));
    return st;
}

/* The ranks of the present units y[0..m) within their groups, into
 * x->rank, and in the whole country, into x->rank_c. */
static void rank_series(const reg_tree *t, reg_scratch *x, size_t m, size_t *n_in_group)
{
    js_rank_desc(x->y, m, x->order, x->rank_c);
    for (size_t g = 0; g < t->n_groups; g++) {
        size_t k = 0;
        for (size_t i = 0; i < m; i++)
            if (t->group[x->who[i]] == g)
                x->tmp[k++] = x->y[i];
        n_in_group[g] = k;
        js_rank_desc(x->tmp, k, x->order, x->w); /* w: the group's ranks, in the order of y */
        k = 0;
        for (size_t i = 0; i < m; i++)
            if (t->group[x->who[i]] == g)
                x->rank[i] = x->w[k++];
    }
}

/* Every statistic of one series's units into the result. */
static js_status rank_write(const js_cube *in, const reg_tree *t, reg_scratch *x, size_t m,
                            const size_t *n_in_group, const size_t *unit_pos, js_cube *res, size_t r,
                            size_t *rc)
{
    const size_t at = js_cube_ndims(in); /* the statistic dimension */
    const double country = t->national != SIZE_MAX ? js_cube_value(in, x->cells[t->national]) : (double)NAN;
    const uint32_t country_flags = t->national != SIZE_MAX ? js_cube_flags(in, x->cells[t->national]) : 0;
    js_status st = JS_OK;
    size_t i = 0;
    for (size_t k = 0; st == JS_OK && k < t->n; k++) {
        if (t->group[k] == SIZE_MAX)
            continue;
        rc[r] = unit_pos[k];
        const uint32_t f = js_cube_flags(in, x->cells[k]);
        const int present = i < m && x->who[i] == k;
        const double v = present ? x->y[i] : (double)NAN;
        const size_t g = t->group[k];
        st = rank_put(res, rc, at, RK_VALUE, v, f);
        if (st == JS_OK)
            st = rank_put(res, rc, at, RK_RANK, present ? x->rank[i] : (double)NAN, f);
        if (st == JS_OK)
            st = rank_put(res, rc, at, RK_N, (double)n_in_group[g], 0);
        if (st == JS_OK)
            st = rank_put(res, rc, at, RK_RANK_COUNTRY, present ? x->rank_c[i] : (double)NAN, f);
        if (st == JS_OK)
            st = rank_put(res, rc, at, RK_N_COUNTRY, (double)m, 0);
        if (st == JS_OK) /* 1: the highest quarter */
            st = rank_put(res, rc, at, RK_QUARTILE, present ? ceil(4 * x->rank_c[i] / (double)m) : (double)NAN, f);
        const size_t p = t->unit_depth == 2 ? t->parent[g] : SIZE_MAX;
        const double county = p != SIZE_MAX ? js_cube_value(in, x->cells[p]) : (double)NAN;
        const uint32_t cf = p != SIZE_MAX ? js_cube_flags(in, x->cells[p]) : 0;
        if (st == JS_OK && t->unit_depth == 2)
            st = rank_put_dev(res, rc, at, RK_DEV_COUNTY, v, county, f | cf);
        for (size_t j = RK_DEV_COUNTY; st == JS_OK && t->unit_depth != 2 && j <= RK_DEV_COUNTY_PCT; j++) {
            rc[at] = j; /* counties have no county above them */
            st = js_cube_set_status(res, js_cube_cell_index(res, rc), JS_CELL_NA, NULL);
        }
        if (st == JS_OK)
            st = rank_put_dev(res, rc, at, RK_DEV_COUNTRY, v, country, f | country_flags);
        i += present ? 1 : 0;
    }
    return st;
}

static js_status rank_compute(const js_indicator_spec *s, const js_cube *in, size_t r, js_cube **out,
                              js_diag *d)
{
    const js_dim *const rd = js_cube_dim(in, r);
    reg_tree t;
    js_status st = reg_tree_build(s, rd, &t, d);
    if (st != JS_OK)
        return st;
    if ((st = reg_need_units(s, &t, d)) != JS_OK) {
        reg_tree_fini(&t);
        return st;
    }
    unsigned char *const keep = js_calloc(t.n ? t.n : 1, 1);
    size_t *const unit_pos = js_calloc(t.n ? t.n : 1, sizeof *unit_pos);
    size_t *const n_in_group = js_calloc(t.n + 1, sizeof *n_in_group);
    reg_scratch x = {0};
    if (keep == NULL || unit_pos == NULL || n_in_group == NULL || reg_scratch_alloc(&x, t.n) != JS_OK)
        st = JS_ENOMEM;
    for (size_t k = 0, u = 0; st == JS_OK && k < t.n; k++)
        if (t.group[k] != SIZE_MAX) {
            keep[k] = 1;
            unit_pos[k] = u++;
        }
    js_cube *res = NULL;
    const reg_shape sh = {keep, NULL, 0, "statistic", rank_codes, RK_COUNT};
    if (st == JS_OK)
        st = reg_result_shape(in, r, &sh, &res);
    size_t coords[JS_MAX_BY + 2], rc[JS_MAX_BY + 2];
    for (size_t c = 0; st == JS_OK && c < js_cube_ncells(in); c++) {
        js_cube_cell_coords(in, c, coords);
        if (coords[r] != 0)
            continue; /* one series per combination of the other dimensions */
        memcpy(rc, coords, sizeof coords);
        reg_series_cells(in, r, coords, x.cells);
        size_t m = 0;
        for (size_t k = 0; k < t.n; k++)
            if (t.group[k] != SIZE_MAX && !isnan(js_cube_value(in, x.cells[k]))) {
                x.y[m] = js_cube_value(in, x.cells[k]);
                x.who[m++] = k;
            }
        rank_series(&t, &x, m, n_in_group);
        st = rank_write(in, &t, &x, m, n_in_group, unit_pos, res, r, rc);
    }
    reg_scratch_free(&x);
    js_free(keep);
    js_free(unit_pos);
    js_free(n_in_group);
    reg_tree_fini(&t);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

static js_status ind_rank(const js_indicator_spec *s, const js_cube *const *inputs, js_cube **out,
                          js_diag *d)
{
    const js_cube *in = NULL;
    js_cube *own = NULL;
    size_t r;
    js_status st = reg_input(s, inputs, &in, &own, &r, d);
    if (st != JS_OK)
        return st;
    if (js_cube_ndims(in) > JS_MAX_BY) {
        js_diag_error(d, NULL, 0, 0, "%s: at most %d dimensions", s->id, JS_MAX_BY);
        st = JS_EUSAGE;
    }
    if (st == JS_OK)
        st = rank_compute(s, in, r, out, d);
    js_cube_free(own);
    return st;
}

/* ---- dispersion ------------------------------------------------------------------------ */

static const char *const disp_words[] = {"cv",      "cv_weighted", "max_min", "range", "iqr",
                                          "theil_t", "theil_l",     "gini",    NULL};

void ind_map_fini(ind_map *m)
{
    for (size_t j = 0; j < m->nd; j++)
        js_free(m->cat[j]);
    memset(m, 0, sizeof *m);
}

/* The dimension of c that matches dim: the same name, else the same role
 * (time, region, sex, age). */
static size_t map_match_dim(const js_cube *c, const js_dim *dim)
{
    const size_t byname = js_cube_dim_named(c, js_dim_name(dim));
    if (byname != SIZE_MAX)
        return byname;
    const js_role role = js_dim_role(dim);
    return role == JS_ROLE_OTHER || role == JS_ROLE_CONTENTS ? SIZE_MAX : js_cube_dim_by_role(c, role);
}

js_status ind_map_build(const js_indicator_spec *s, const js_cube *vals, const js_cube *w, const char *what,
                        ind_map *m, js_diag *d)
{
    memset(m, 0, sizeof *m);
    m->w = w;
    if (js_cube_ndims(w) > JS_MAX_BY)
        return JS_EUSAGE;
    for (size_t j = 0; j < js_cube_ndims(w); j++, m->nd++) {
        const js_dim *const wd = js_cube_dim(w, j);
        const size_t v = map_match_dim(vals, wd);
        if (v == SIZE_MAX) {
            js_diag_error(d, NULL, 0, 0, "%s: the %s have a dimension %s that the values lack", s->id, what,
                          js_dim_name(wd));
            return JS_EUSAGE;
        }
        const js_dim *const vd = js_cube_dim(vals, v);
        m->vdim[j] = v;
        m->cat[j] = js_calloc(js_dim_size(vd) + 1, sizeof *m->cat[j]);
        if (m->cat[j] == NULL)
            return JS_ENOMEM;
        for (size_t k = 0; k < js_dim_size(vd); k++)
            m->cat[j][k] = js_dim_find_code(wd, js_dim_category(vd, k)->code);
    }
    return JS_OK;
}

double ind_map_value(const ind_map *m, const size_t *coords, uint32_t *flags)
{
    size_t wc[JS_MAX_BY + 1];
    for (size_t j = 0; j < m->nd; j++) {
        wc[j] = m->cat[j][coords[m->vdim[j]]];
        if (wc[j] == SIZE_MAX)
            return (double)NAN;
    }
    const size_t cell = js_cube_cell_index(m->w, wc);
    if (flags != NULL)
        *flags |= js_cube_flags(m->w, cell);
    return js_cube_value(m->w, cell);
}

/* Does the cube arg have the dimension dim (js_sel_keep's test)? */
static int map_on_cube(const char *dim, const void *arg)
{
    return js_cube_find_dim((const js_cube *)arg, dim) != SIZE_MAX;
}

js_status ind_map_aggregate(const js_indicator_spec *s, const js_cube *vals, const js_cube *data,
                            const js_cube **out, js_cube **own, js_diag *d)
{
    *own = NULL;
    *out = NULL;
    if (data == NULL)
        return JS_OK;
    const char *by[JS_MAX_BY + 1];
    size_t n_by = 0;
    for (size_t i = 0; i < js_cube_ndims(vals) && n_by < JS_MAX_BY; i++) {
        const size_t j = map_match_dim(data, js_cube_dim(vals, i));
        if (j != SIZE_MAX)
            by[n_by++] = js_dim_name(js_cube_dim(data, j));
    }
    js_sel *w = NULL;
    js_status st = js_sel_keep(s->where, map_on_cube, data, &w);
    if (st == JS_OK)
        st = js_aggregate_cached(s->cache, data, w, by, n_by, s->id, out, own, d);
    js_sel_free(w);
    return st;
}

/* One group's statistic into the result cell. */
static js_status disp_put(const js_indicator_spec *s, js_cube *res, size_t cell, const reg_scratch *x,
                          size_t m, int weighted, uint32_t flags, double *tmp)
{
    const js_disp_stat stat = (js_disp_stat)js_spec_word(s, "statistic");
    js_disp_why why;
    const double v = js_dispersion(stat, x->y, weighted ? x->w : NULL, m, tmp, &why);
    if (!isnan(v))
        js_cube_set_value(res, cell, v);
    else if (why == JS_DISP_ZERO_MEAN)
        flags |= JS_FLAG_ZERO_DENOM;
    else
        flags |= JS_FLAG_MISSING_INPUT;
    return flags ? js_cube_add_flags(res, cell, flags) : JS_OK;
}

typedef struct disp_ctx {
    const js_indicator_spec *s;
    const js_cube *in;
    size_t r;
    const reg_tree *t;
    const ind_map *wm; /* NULL: unweighted */
    js_cube *res;
    reg_scratch *x;
    size_t n_short;         /* groups where a unit had no value */
    size_t n_nonpos;        /* groups with a value <= 0 (Theil) */
} disp_ctx;

/* The statistic of group g (SIZE_MAX: all units, the country) of the
 * series at coords. */
static js_status disp_group(disp_ctx *c, size_t g, size_t *coords, size_t res_pos)
{
    reg_scratch *const x = c->x;
    size_t m = 0, n = 0;
    uint32_t flags = 0;
    for (size_t k = 0; k < c->t->n; k++) {
        if (c->t->group[k] == SIZE_MAX || (g != SIZE_MAX && c->t->group[k] != g))
            continue;
        n++;
        coords[c->r] = k;
        const double v = js_cube_value(c->in, x->cells[k]);
        const double w = c->wm ? ind_map_value(c->wm, coords, NULL) : 1;
        flags |= js_cube_flags(c->in, x->cells[k]) & (JS_FLAG_SMALL_N | JS_FLAG_FLAGGED_INPUT);
        if (isnan(v) || isnan(w))
            continue;
        x->y[m] = v;
        x->w[m++] = w;
    }
    coords[c->r] = res_pos;
    c->n_short += m < n;
    const js_disp_stat stat = (js_disp_stat)js_spec_word(c->s, "statistic");
    if (stat == JS_DISP_THEIL_T || stat == JS_DISP_THEIL_L)
        for (size_t i = 0; i < m; i++)
            if (!(x->y[i] > 0)) {
                c->n_nonpos++;
                break;
            }
    const size_t cell = js_cube_cell_index(c->res, coords);
    return disp_put(c->s, c->res, cell, x, m, c->wm != NULL, flags, x->tmp);
}

static js_status disp_compute(disp_ctx *c)
{
    const reg_tree *const t = c->t;
    const size_t n_county = t->unit_depth == 2 ? t->n_groups : 0;
    size_t coords[JS_MAX_BY + 1];
    js_status st = JS_OK;
    for (size_t cell = 0; st == JS_OK && cell < js_cube_ncells(c->in); cell++) {
        js_cube_cell_coords(c->in, cell, coords);
        if (coords[c->r] != 0)
            continue;
        reg_series_cells(c->in, c->r, coords, c->x->cells);
        for (size_t g = 0; st == JS_OK && g < n_county; g++)
            st = disp_group(c, g, coords, g);
        if (st == JS_OK)
            st = disp_group(c, SIZE_MAX, coords, n_county);
    }
    return st;
}

static void disp_warn(const disp_ctx *c, js_diag *d)
{
    if (c->n_short > 0)
        js_diag_warn(d, NULL, 0, 0, "%s: in %zu group%s some areas have no value (or no weight); the "
                     "dispersion is over the areas that have one", c->s->id, c->n_short,
                     c->n_short == 1 ? "" : "s");
    if (c->n_nonpos > 0)
        js_diag_warn(d, NULL, 0, 0, "%s: in %zu group%s a value is 0 or below, where Theil's indices "
                     "take logarithms: no value", c->s->id, c->n_nonpos, c->n_nonpos == 1 ? "" : "s");
}

static js_status ind_dispersion(const js_indicator_spec *s, const js_cube *const *inputs, js_cube **out,
                                js_diag *d)
{
    const js_cube *in = NULL, *wc = NULL;
    js_cube *own = NULL, *wown = NULL, *res = NULL;
    size_t r;
    js_status st = reg_input(s, inputs, &in, &own, &r, d);
    if (st != JS_OK)
        return st;
    const int stat = js_spec_word(s, "statistic");
    if (stat == JS_DISP_CV_WEIGHTED && inputs[2] == NULL) {
        js_diag_error(d, NULL, 0, 0, "%s: statistic = cv_weighted needs weights = NAME (a data section "
                      "or indicator with the population)", s->id);
        st = JS_EUSAGE;
    }
    if (st == JS_OK && js_cube_ndims(in) > JS_MAX_BY)
        st = JS_EUSAGE;
    reg_tree t = {0};
    ind_map wm = {0};
    reg_scratch x = {0};
    if (st == JS_OK)
        st = reg_tree_build(s, js_cube_dim(in, r), &t, d);
    if (st == JS_OK)
        st = reg_need_units(s, &t, d);
    if (st == JS_OK)
        st = ind_map_aggregate(s, in, inputs[2], &wc, &wown, d);
    if (st == JS_OK && wc != NULL)
        st = ind_map_build(s, in, wc, "weights", &wm, d);
    if (st == JS_OK)
        st = reg_scratch_alloc(&x, t.n);
    const reg_shape sh = {NULL, &t, 1, NULL, NULL, 0};
    if (st == JS_OK)
        st = reg_result_shape(in, r, &sh, &res);
    disp_ctx c = {s, in, r, &t, wc ? &wm : NULL, res, &x, 0, 0};
    if (st == JS_OK)
        st = disp_compute(&c);
    if (st == JS_OK)
        disp_warn(&c, d);
    reg_scratch_free(&x);
    ind_map_fini(&wm);
    reg_tree_fini(&t);
    js_cube_free(wown);
    js_cube_free(own);
    if (st != JS_OK) {
        js_cube_free(res);
        return st;
    }
    *out = res;
    return JS_OK;
}

/* The unit: the input's for a range or an IQR, else a pure number. */
static const char *disp_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    const int stat = js_spec_word(s, "statistic");
    if (stat == JS_DISP_RANGE || stat == JS_DISP_IQR)
        return in_unit ? in_unit : "";
    if (stat == JS_DISP_MAX_MIN)
        return js_text(lang, "kvot", "ratio");
    return js_text(lang, "index", "index");
}

static int disp_decimals(const js_indicator_spec *s)
{
    const int stat = js_spec_word(s, "statistic");
    return stat == JS_DISP_RANGE || stat == JS_DISP_IQR ? 1 : stat == JS_DISP_MAX_MIN ? 2 : 4;
}

static const char *rank_unit(const js_indicator_spec *s, js_lang lang, const char *in_unit)
{
    (void)s;
    (void)lang;
    return in_unit ? in_unit : "";
}

/* ---- the rows ----------------------------------------------------------------------------- */

static const js_input_def rank_inputs[] = {
    {"of", JS_INPUT_INDICATOR, 1, 0, "an indicator defined above, with a region dimension"},
    {"data", JS_INPUT_DATA, 1, 1, "or a data section (summed by by under where)"},
    IND_INPUT_END};

static const js_key rank_keys[] = {
    {"groups", JS_KEY_TEXT, NULL, 0, 0, NULL, 0,
     "FILE, CODE_COLUMN, GROUP_COLUMN: the areas' groups from a key file (default: a municipality's county "
     "from its code)"},
    {"sentences", JS_KEY_BOOL, NULL, 0, 0, NULL, 0,
     "no: no sentences under its table in the report ([analysis] sentences)"},
    IND_KEY_END};

const js_kind ind_kind_rank = {
    .name = "rank",
    .family = "regional comparison",
    .inputs = rank_inputs,
    .keys = rank_keys,
    .unit_sv = "",
    .unit_en = "",
    .unit_doc = "as the input",
    .decimals = 1,
    .doc_en = "Each area's place among the areas of its county (municipalities; 1 = the highest, ties "
        "share the average rank) and in the whole country, its quartile in the country (1 = the highest "
        "quarter: ceil(4 rank / n)), and its deviation from its county's and the country's value, "
        "value - ref and 100 (value - ref) / ref; in a statistic dimension. A municipality's county is "
        "the first two digits of its code, or its group is a key file's (groups = FILE, CODE_COLUMN, "
        "GROUP_COLUMN), when dev_county is the deviation from the group's value in the data.",
    .doc_sv = "Varje områdes plats bland länets områden (kommuner; 1 = högst, lika värden delar "
        "medelrangen) och i hela landet, dess kvartil i landet (1 = den högsta fjärdedelen) och dess "
        "avvikelse från länets och rikets värde, i enheter och i procent; i en dimension statistic. "
        "En kommuns län är kodens två första siffror, eller dess grupp en nyckelfils (groups =).",
    .unit = rank_unit,
    .compute = ind_rank,
};

static const js_input_def disp_inputs[] = {
    {"of", JS_INPUT_INDICATOR, 1, 0, "an indicator defined above, with a region dimension"},
    {"data", JS_INPUT_DATA, 1, 1, "or a data section (summed by by under where)"},
    {"weights", JS_INPUT_DATA | JS_INPUT_INDICATOR, -1, 0,
     "optional: the population of each area (cv_weighted; weighted Theil and Gini)"},
    IND_INPUT_END};

static const js_key disp_keys[] = {
    {"statistic", JS_KEY_ENUM, "cv", 0, 0, disp_words, 0,
     "cv, cv_weighted, max_min, range, iqr, theil_t, theil_l (mean log deviation) or gini"},
    {"groups", JS_KEY_TEXT, NULL, 0, 0, NULL, 0,
     "FILE, CODE_COLUMN, GROUP_COLUMN: the areas' groups from a key file (default: a municipality's county "
     "from its code)"},
    {"sentences", JS_KEY_BOOL, NULL, 0, 0, NULL, 0,
     "no: no sentences under its table in the report ([analysis] sentences)"},
    IND_KEY_END};

const js_kind ind_kind_dispersion = {
    .name = "dispersion",
    .family = "regional comparison",
    .inputs = disp_inputs,
    .keys = disp_keys,
    .unit_sv = "index",
    .unit_en = "index",
    .unit_doc = "index / as the input",
    .decimals = 4,
    .doc_en = "How far apart the areas of each county (municipalities) and of the country are: cv = s / "
        "mean (s with n - 1); cv_weighted = s_w / mean_w with weights p (s_w divides by sum p); max_min = "
        "max / min; range = max - min; iqr = Q3 - Q1 (R's type 7); theil_t = sum (p/P)(y/m) ln(y/m); "
        "theil_l, the mean log deviation, = sum (p/P) ln(m/y); gini = sum sum p_i p_j |y_i - y_j| / "
        "(2 P^2 m). Weights 1 unless weights = is given; areas without a value are left out. The groups are "
        "the counties, or a key file's (groups = FILE, CODE_COLUMN, GROUP_COLUMN).",
    .doc_sv = "Hur långt isär länets områden (kommuner) och landets är: cv = s / medel; cv_weighted = "
        "befolkningsvägd; max_min = max / min; range = max - min; iqr = kvartilavstånd; theil_t = "
        "Theils T; theil_l = genomsnittlig logaritmisk avvikelse (Theils L); gini = Ginikoefficient. "
        "Områden utan värde räknas inte.",
    .unit = disp_unit,
    .default_decimals = disp_decimals,
    .compute = ind_dispersion,
};
