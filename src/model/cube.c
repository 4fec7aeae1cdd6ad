/*
 * cube.c - dimensions, categories and dense cells (see cube.h).
 *
 * Layout.  Category strings live in the cube's arena.  Each dimension keeps
 * its categories in an array plus an open-addressing hash from code to
 * index, so long-format readers can look a code up per row in O(1).  Cells
 * are three parallel arrays: values (double, NaN unless present), status
 * (one byte per cell) and, only once some cell has a symbol, a uint16 index
 * into the cube's small table of symbol texts.  Result arrays (intervals,
 * flags) exist only in indicator results.
 *
 * Staging.  A reader that discovers categories while reading rows stages
 * each cell (category indices + value) and commits once: then the product
 * of the dimension sizes is known and the dense array is allocated once.
 */
#include "jamstat/cube.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "jamstat/harmonise.h"

enum { CUBE_MAX_DIMS = 32 };
#define CUBE_DEFAULT_MAX_CELLS ((size_t)1000 * 1000 * 1000)

struct js_dim {
    const char *name;
    const char *label;
    js_role role;
    js_category *cats;
    size_t n_cats;
    size_t cap_cats;
    size_t *slots;   /* hash of codes: category index + 1, 0 = empty */
    size_t n_slots;  /* a power of two, at least twice n_cats */
};

/* One staged cell of a long-format reader: 16 bytes, since a large file
 * stages millions of them. */
typedef struct cube_staged {
    double value;
    uint32_t line;   /* saturates at UINT32_MAX (used only in messages) */
    uint16_t sym;
    uint8_t status;
} cube_staged;

/* Staged cells live in fixed blocks: no reallocation and no doubling slack,
 * so staging costs exactly what it holds. */
enum { STAGE_BLOCK = 4096 };
typedef struct stage_block {
    cube_staged rec[STAGE_BLOCK];
    uint32_t idx[]; /* STAGE_BLOCK × ndims category indices */
} stage_block;

struct js_cube {
    js_arena arena;
    js_dim *dims[CUBE_MAX_DIMS];
    size_t ndims;
    size_t ncells;         /* 0 until cells exist */
    double *values;
    uint8_t *status;
    uint16_t *syms;        /* NULL until a cell gets a symbol */
    const char **sym_text; /* index 0 unused: "no symbol" */
    size_t n_sym, cap_sym;
    double *ci_lo, *ci_hi; /* result intervals, NULL until set */
    uint32_t *flags;       /* result flags, NULL until set */
    const char *meta[JS_META_COUNT_];
    const char **notes;
    size_t n_notes, cap_notes;
    int decimals;
    /* staging */
    stage_block **blocks;  /* staged cells, STAGE_BLOCK per block */
    size_t n_blocks, cap_blocks;
    size_t n_staged;
};

/* ---- names -------------------------------------------------------------- */

static const char *const role_names[] = {"other", "time", "region", "sex", "age", "contents"};

const char *js_role_name(js_role r)
{
    return (unsigned)r < sizeof role_names / sizeof *role_names ? role_names[r] : "other";
}

js_status js_role_parse(const char *s, js_role *out)
{
    static const struct { const char *name; js_role role; } table[] = {
        {"other", JS_ROLE_OTHER},   {"time", JS_ROLE_TIME},   {"year", JS_ROLE_TIME},
        {"tid", JS_ROLE_TIME},      {"år", JS_ROLE_TIME},     {"region", JS_ROLE_REGION},
        {"geo", JS_ROLE_REGION},    {"sex", JS_ROLE_SEX},     {"kön", JS_ROLE_SEX},
        {"age", JS_ROLE_AGE},       {"ålder", JS_ROLE_AGE},   {"contents", JS_ROLE_CONTENTS},
        {"metric", JS_ROLE_CONTENTS}};
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcasecmp(s, table[i].name) == 0) {
            *out = table[i].role;
            return JS_OK;
        }
    return JS_EUSAGE;
}

const char *js_cell_name(js_cell s)
{
    switch (s) {
    case JS_CELL_OK: return "ok";
    case JS_CELL_MISSING: return "missing";
    case JS_CELL_SUPPRESSED: return "suppressed";
    case JS_CELL_NIL: return "nil";
    case JS_CELL_NA: return "not applicable";
    }
    return "missing";
}

char *js_flags_format(uint32_t flags, char *buf, size_t cap)
{
    static const char *const names[] = {"missing_input", "suppressed_input", "zero_denominator",
                                        "small_n",       "open_class",       "flagged_input",
                                        "nil_input",     "suppressed",       "projected",
                                        "part_exceeds_total", "outside_fit",
                                        "wide_interval", "deaths_exceed_population", "overflow",
                                        "few_expected", "unknown_age_spread"};
    _Static_assert(sizeof names / sizeof *names == JS_FLAG_NBITS, "a name for every JS_FLAG_*");
    size_t used = 0;
    if (cap == 0)
        return buf;
    buf[0] = '\0';
    for (unsigned bit = 0; bit < sizeof names / sizeof *names; bit++) {
        if (!(flags & (1u << bit)))
            continue;
        const int n = snprintf(buf + used, cap - used, "%s%s", used ? "," : "", names[bit]);
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

/* ---- allocation --------------------------------------------------------- */

js_cube *js_cube_alloc(void)
{
    js_cube *const c = js_calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    js_arena_init(&c->arena);
    c->decimals = -1;
    return c;
}

static void dim_free(js_dim *dim)
{
    if (dim == NULL)
        return;
    js_free(dim->cats);
    js_free(dim->slots);
    js_free(dim);
}

void js_cube_free(js_cube *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->ndims; i++)
        dim_free(c->dims[i]);
    js_free(c->values);
    js_free(c->status);
    js_free(c->syms);
    js_free(c->sym_text);
    js_free(c->ci_lo);
    js_free(c->ci_hi);
    js_free(c->flags);
    js_free(c->notes);
    for (size_t i = 0; i < c->n_blocks; i++)
        js_free(c->blocks[i]);
    js_free(c->blocks);
    js_arena_fini(&c->arena);
    js_free(c);
}

/* ---- dimensions ---------------------------------------------------------- */

const char *js_dim_name(const js_dim *dim) { return dim->name; }
const char *js_dim_label(const js_dim *dim) { return dim->label; }
js_role js_dim_role(const js_dim *dim) { return dim->role; }
size_t js_dim_size(const js_dim *dim) { return dim->n_cats; }

const js_category *js_dim_category(const js_dim *dim, size_t i)
{
    return i < dim->n_cats ? &dim->cats[i] : NULL;
}

static size_t hash_code(const char *s)
{
    size_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static size_t dim_lookup(const js_dim *dim, const char *code)
{
    if (dim->n_slots == 0)
        return SIZE_MAX;
    const size_t mask = dim->n_slots - 1;
    for (size_t h = hash_code(code) & mask;; h = (h + 1) & mask) {
        const size_t slot = dim->slots[h];
        if (slot == 0)
            return SIZE_MAX;
        if (strcmp(dim->cats[slot - 1].code, code) == 0)
            return slot - 1;
    }
}

static int dim_rehash(js_dim *dim, size_t n_slots)
{
    size_t *const slots = js_calloc(n_slots, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < dim->n_cats; i++) {
        size_t h = hash_code(dim->cats[i].code) & (n_slots - 1);
        while (slots[h] != 0)
            h = (h + 1) & (n_slots - 1);
        slots[h] = i + 1;
    }
    js_free(dim->slots);
    dim->slots = slots;
    dim->n_slots = n_slots;
    return 0;
}

size_t js_dim_find_code(const js_dim *dim, const char *code)
{
    return dim_lookup(dim, code);
}

size_t js_dim_find(const js_dim *dim, const char *code_or_label)
{
    const size_t by_code = dim_lookup(dim, code_or_label);
    if (by_code != SIZE_MAX)
        return by_code;
    for (size_t i = 0; i < dim->n_cats; i++)
        if (strcmp(dim->cats[i].label, code_or_label) == 0)
            return i;
    return SIZE_MAX;
}

size_t js_cube_ndims(const js_cube *c) { return c->ndims; }

const js_dim *js_cube_dim(const js_cube *c, size_t i)
{
    return i < c->ndims ? c->dims[i] : NULL;
}

size_t js_cube_dim_by_role(const js_cube *c, js_role role)
{
    for (size_t i = 0; i < c->ndims; i++)
        if (c->dims[i]->role == role)
            return i;
    return SIZE_MAX;
}

size_t js_cube_find_dim(const js_cube *c, const char *name)
{
    for (size_t i = 0; i < c->ndims; i++)
        if (strcasecmp(c->dims[i]->name, name) == 0)
            return i;
    for (size_t i = 0; i < c->ndims; i++)
        if (strcasecmp(c->dims[i]->label, name) == 0)
            return i;
    js_role role;
    if (js_role_parse(name, &role) == JS_OK && role != JS_ROLE_OTHER)
        return js_cube_dim_by_role(c, role);
    return SIZE_MAX;
}

size_t js_cube_dim_named(const js_cube *c, const char *name)
{
    for (size_t i = 0; i < c->ndims; i++)
        if (strcasecmp(c->dims[i]->name, name) == 0)
            return i;
    return SIZE_MAX;
}

js_status js_cube_add_dim(js_cube *c, const char *name, const char *label, js_role role,
                          size_t *index)
{
    /* every lookup is by name: two dimensions of one name would be one
     * name for two things (the reader must refuse such input first) */
    assert(js_cube_dim_named(c, name) == SIZE_MAX);
    /* dimensions come first (a caller's bug otherwise); past the limit, the
     * readers turn this into bad input with their own message */
    if (c->ncells != 0 || c->n_staged != 0 || c->ndims == CUBE_MAX_DIMS)
        return JS_EINTERNAL;
    js_dim *const dim = js_calloc(1, sizeof *dim);
    if (dim == NULL)
        return JS_ENOMEM;
    dim->name = js_arena_strdup(&c->arena, name);
    dim->label = label ? js_arena_strdup(&c->arena, label) : dim->name;
    if (dim->name == NULL || dim->label == NULL) {
        dim_free(dim);
        return JS_ENOMEM;
    }
    dim->role = role;
    c->dims[c->ndims] = dim;
    if (index != NULL)
        *index = c->ndims;
    c->ndims++;
    return JS_OK;
}

/* ---- categories and harmonisation ---------------------------------------- */

/* A label that names a total in a dimension without a special role:
 * "Total", "Totalt", "Samtliga …", "Alla …", "all sectors". */
static int label_is_total(const char *label)
{
    static const char *const words[] = {"total", "totalt", "samtliga", "alla", "all", "summa"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const size_t n = strlen(words[i]);
        if (strncasecmp(label, words[i], n) == 0 && (label[n] == '\0' || label[n] == ' '))
            return 1;
    }
    return 0;
}

/* Fill the role-specific fields of k.  Returns 0, or -1 when the category
 * does not fit the role (an unknown sex code). */
static int category_harmonise(js_category *k, js_role role)
{
    k->sex = JS_SEX_NONE;
    k->age_lo = k->age_hi = (double)NAN;
    k->year = k->sub = 0;
    k->period = 0;
    k->is_total = 0;
    switch (role) {
    case JS_ROLE_SEX:
        k->sex = js_harm_sex(k->code);
        if (k->sex == JS_SEX_NONE)
            k->sex = js_harm_sex(k->label);
        if (k->sex == JS_SEX_NONE)
            return -1;
        k->is_total = k->sex == JS_SEX_TOTAL;
        return 0;
    case JS_ROLE_AGE:
        if (!js_harm_age(k->label, &k->age_lo, &k->age_hi, &k->is_total))
            (void)js_harm_age(k->code, &k->age_lo, &k->age_hi, &k->is_total);
        return 0;
    case JS_ROLE_TIME:
        if (!js_harm_time(k->code, &k->year, &k->sub, &k->period))
            (void)js_harm_time(k->label, &k->year, &k->sub, &k->period);
        return 0;
    case JS_ROLE_REGION:
        k->is_total = js_harm_region_total(k->code, k->label);
        return 0;
    case JS_ROLE_OTHER:
    case JS_ROLE_CONTENTS:
        k->is_total = label_is_total(k->label) || label_is_total(k->code);
        return 0;
    }
    return 0;
}

/* A code of another country or of a union of countries in a region
 * dimension: two or three capitals, maybe followed by digits or an
 * underscore part (DE, FIN, EU28, EA19, EU27_2020), not Sweden's own
 * (SE, SE11, SWE).  Beside one, "SE" is Sweden among countries, not the
 * total of the dimension (Eurostat's tables of member states). */
static int code_is_foreign(const char *code)
{
    size_t n = 0;
    while (n < 3 && code[n] >= 'A' && code[n] <= 'Z')
        n++;
    if (n < 2 || (code[n] != '\0' && !(code[n] >= '0' && code[n] <= '9') && code[n] != '_'))
        return 0;
    return strncmp(code, "SE", 2) != 0;
}

static int code_is_sweden(const char *code)
{
    return strcmp(code, "SE") == 0 || strcmp(code, "SWE") == 0;
}

/* Sweden's code is the total of a region dimension only when no other
 * country stands beside it. */
static void region_sweden_total(js_dim *dim)
{
    int foreign = 0;
    for (size_t i = 0; i < dim->n_cats && !foreign; i++)
        foreign = code_is_foreign(dim->cats[i].code);
    for (size_t i = 0; foreign && i < dim->n_cats; i++)
        if (code_is_sweden(dim->cats[i].code))
            dim->cats[i].is_total = 0;
}

/* Append k (strings already in the arena) to dimension d and hash it. */
static js_status cube_insert_category(js_dim *dim, const js_category *k, size_t *cat)
{
    if (js_grow((void **)&dim->cats, &dim->cap_cats, dim->n_cats + 1, sizeof *dim->cats) != 0)
        return JS_ENOMEM;
    if (2 * (dim->n_cats + 1) > dim->n_slots &&
        dim_rehash(dim, dim->n_slots ? 2 * dim->n_slots : 16) != 0)
        return JS_ENOMEM;
    dim->cats[dim->n_cats] = *k;
    size_t h = hash_code(k->code) & (dim->n_slots - 1);
    while (dim->slots[h] != 0)
        h = (h + 1) & (dim->n_slots - 1);
    dim->slots[h] = ++dim->n_cats;
    if (cat != NULL)
        *cat = dim->n_cats - 1;
    if (dim->role == JS_ROLE_REGION && (code_is_foreign(k->code) || code_is_sweden(k->code)))
        region_sweden_total(dim);
    return JS_OK;
}

js_status js_cube_copy_category(js_cube *c, size_t d, const js_category *src, size_t *cat)
{
    if (d >= c->ndims)
        return JS_EINTERNAL;
    js_dim *const dim = c->dims[d];
    const size_t found = dim_lookup(dim, src->code);
    if (found != SIZE_MAX) {
        if (cat != NULL)
            *cat = found;
        return JS_OK;
    }
    if (c->ncells != 0)
        return JS_EINTERNAL;
    js_category k = *src;
    k.code = js_arena_strdup(&c->arena, src->code);
    k.label = src->label == src->code ? k.code : js_arena_strdup(&c->arena, src->label);
    if (k.code == NULL || k.label == NULL)
        return JS_ENOMEM;
    return cube_insert_category(dim, &k, cat);
}

js_status js_cube_add_category(js_cube *c, size_t d, const char *code, const char *label,
                               size_t *cat)
{
    if (d >= c->ndims)
        return JS_EINTERNAL;
    js_dim *const dim = c->dims[d];
    const size_t found = dim_lookup(dim, code);
    if (found != SIZE_MAX) {
        if (cat != NULL)
            *cat = found;
        return JS_OK;
    }
    if (c->ncells != 0) /* a new category would change every cell's index */
        return JS_EINTERNAL;
    js_category k;
    memset(&k, 0, sizeof k);
    k.code = js_arena_strdup(&c->arena, code);
    k.label = label ? js_arena_strdup(&c->arena, label) : k.code;
    if (k.code == NULL || k.label == NULL)
        return JS_ENOMEM;
    if (category_harmonise(&k, dim->role) != 0)
        return JS_EDATA;
    return cube_insert_category(dim, &k, cat);
}

js_status js_cube_set_label(js_cube *c, size_t d, size_t cat, const char *label)
{
    if (d >= c->ndims || cat >= c->dims[d]->n_cats || label == NULL)
        return JS_EINTERNAL;
    const char *const copy = js_arena_strdup(&c->arena, label);
    if (copy == NULL)
        return JS_ENOMEM;
    c->dims[d]->cats[cat].label = copy;
    return JS_OK;
}

js_status js_cube_set_values_whole(js_cube *c, size_t d, size_t cat)
{
    if (d >= c->ndims || cat >= c->dims[d]->n_cats)
        return JS_EINTERNAL;
    c->dims[d]->cats[cat].values_whole = 1;
    return JS_OK;
}

js_status js_cube_set_role(js_cube *c, size_t d, js_role role)
{
    if (d >= c->ndims)
        return JS_EINTERNAL;
    js_dim *const dim = c->dims[d];
    for (size_t i = 0; i < dim->n_cats; i++) {
        js_category probe = dim->cats[i];
        if (category_harmonise(&probe, role) != 0)
            return JS_EDATA;
    }
    for (size_t i = 0; i < dim->n_cats; i++)
        (void)category_harmonise(&dim->cats[i], role);
    dim->role = role;
    if (role == JS_ROLE_REGION)
        region_sweden_total(dim);
    return JS_OK;
}

/* ---- cells ----------------------------------------------------------------- */

size_t js_cube_ncells(const js_cube *c) { return c->ncells; }

size_t js_cube_cell_index(const js_cube *c, const size_t *idx)
{
    size_t cell = 0;
    for (size_t i = 0; i < c->ndims; i++) {
        assert(idx[i] < c->dims[i]->n_cats); /* a coordinate outside its dimension: a caller's bug */
        cell = cell * c->dims[i]->n_cats + idx[i];
    }
    return cell;
}

void js_cube_cell_coords(const js_cube *c, size_t cell, size_t *idx)
{
    assert(cell < c->ncells || c->ncells == 0);
    for (size_t i = c->ndims; i-- > 0;) {
        const size_t n = c->dims[i]->n_cats;
        idx[i] = cell % n;
        cell /= n;
    }
}

double js_cube_value(const js_cube *c, size_t cell)
{
    return cell < c->ncells ? c->values[cell] : (double)NAN;
}

js_cell js_cube_status(const js_cube *c, size_t cell)
{
    return cell < c->ncells ? (js_cell)c->status[cell] : JS_CELL_MISSING;
}

const char *js_cube_symbol(const js_cube *c, size_t cell)
{
    if (c->syms == NULL || cell >= c->ncells || c->syms[cell] == 0)
        return NULL;
    return c->sym_text[c->syms[cell]];
}

double js_cube_ci_low(const js_cube *c, size_t cell)
{
    return (c->ci_lo != NULL && cell < c->ncells) ? c->ci_lo[cell] : (double)NAN;
}

double js_cube_ci_high(const js_cube *c, size_t cell)
{
    return (c->ci_hi != NULL && cell < c->ncells) ? c->ci_hi[cell] : (double)NAN;
}

uint32_t js_cube_flags(const js_cube *c, size_t cell)
{
    return (c->flags != NULL && cell < c->ncells) ? c->flags[cell] : 0;
}

const double *js_cube_values(const js_cube *c) { return c->values; }
const uint8_t *js_cube_statuses(const js_cube *c) { return c->status; }
int js_cube_has_symbols(const js_cube *c) { return c->syms != NULL; }
int js_cube_has_ci(const js_cube *c) { return c->ci_lo != NULL; }

void js_cube_count_status(const js_cube *c, size_t counts[5])
{
    memset(counts, 0, 5 * sizeof *counts);
    for (size_t i = 0; i < c->ncells; i++)
        counts[c->status[i] < 5 ? c->status[i] : 1]++;
}

/* Product of the dimension sizes, or SIZE_MAX on overflow. */
static size_t cube_product(const js_cube *c)
{
    size_t n = 1;
    for (size_t i = 0; i < c->ndims; i++) {
        const size_t k = c->dims[i]->n_cats;
        if (k != 0 && n > SIZE_MAX / k)
            return SIZE_MAX;
        n *= k;
    }
    return n;
}

js_status js_cube_alloc_cells(js_cube *c)
{
    if (c->ncells != 0)
        return JS_EINTERNAL;
    const size_t n = cube_product(c);
    if (n == SIZE_MAX || n > CUBE_DEFAULT_MAX_CELLS)
        return JS_ENOMEM;
    if (n == 0)
        return JS_OK;
    c->values = js_reallocarray(NULL, n, sizeof *c->values);
    c->status = js_malloc(n);
    if (c->values == NULL || c->status == NULL) {
        js_free(c->values);
        js_free(c->status);
        c->values = NULL;
        c->status = NULL;
        return JS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        c->values[i] = (double)NAN;
    memset(c->status, JS_CELL_MISSING, n);
    c->ncells = n;
    return JS_OK;
}

void js_cube_set_value(js_cube *c, size_t cell, double v)
{
    assert(cell < c->ncells); /* out of range: a caller's bug (release builds ignore it) */
    if (cell >= c->ncells)
        return;
    c->values[cell] = v;
    c->status[cell] = JS_CELL_OK;
    if (c->syms != NULL)
        c->syms[cell] = 0;
}

/* Index of a symbol text in the cube's table, adding it if new; 0 on failure. */
static uint16_t cube_intern_symbol(js_cube *c, const char *text)
{
    for (size_t i = 1; i < c->n_sym; i++)
        if (strcmp(c->sym_text[i], text) == 0)
            return (uint16_t)i;
    if (c->n_sym == 0)
        c->n_sym = 1; /* slot 0 = no symbol */
    if (c->n_sym > UINT16_MAX ||
        js_grow((void **)&c->sym_text, &c->cap_sym, c->n_sym + 1, sizeof *c->sym_text) != 0)
        return 0;
    const char *const copy = js_arena_strdup(&c->arena, text);
    if (copy == NULL)
        return 0;
    c->sym_text[c->n_sym] = copy;
    return (uint16_t)c->n_sym++;
}

js_status js_cube_set_status(js_cube *c, size_t cell, js_cell st, const char *symbol)
{
    if (cell >= c->ncells)
        return JS_EINTERNAL;
    c->status[cell] = (uint8_t)st;
    if (st != JS_CELL_OK)
        c->values[cell] = (double)NAN;
    if (symbol == NULL || symbol[0] == '\0') {
        if (c->syms != NULL)
            c->syms[cell] = 0;
        return JS_OK;
    }
    if (c->syms == NULL && (c->syms = js_calloc(c->ncells, sizeof *c->syms)) == NULL)
        return JS_ENOMEM;
    const uint16_t id = cube_intern_symbol(c, symbol);
    if (id == 0)
        return JS_ENOMEM;
    c->syms[cell] = id;
    return JS_OK;
}

js_status js_cube_set_ci(js_cube *c, size_t cell, double lo, double hi)
{
    assert(cell < c->ncells);
    if (cell >= c->ncells)
        return JS_EINTERNAL;
    if (c->ci_lo == NULL) {
        c->ci_lo = js_reallocarray(NULL, c->ncells, sizeof *c->ci_lo);
        c->ci_hi = js_reallocarray(NULL, c->ncells, sizeof *c->ci_hi);
        if (c->ci_lo == NULL || c->ci_hi == NULL) {
            js_free(c->ci_lo);
            js_free(c->ci_hi);
            c->ci_lo = c->ci_hi = NULL;
            return JS_ENOMEM;
        }
        for (size_t i = 0; i < c->ncells; i++)
            c->ci_lo[i] = c->ci_hi[i] = (double)NAN;
    }
    c->ci_lo[cell] = lo;
    c->ci_hi[cell] = hi;
    return JS_OK;
}

js_status js_cube_add_flags(js_cube *c, size_t cell, uint32_t flags)
{
    assert(cell < c->ncells);
    if (cell >= c->ncells)
        return JS_EINTERNAL;
    if (c->flags == NULL && (c->flags = js_calloc(c->ncells, sizeof *c->flags)) == NULL)
        return JS_ENOMEM;
    c->flags[cell] |= flags;
    return JS_OK;
}

js_status js_cube_clear_flags(js_cube *c, size_t cell, uint32_t flags)
{
    assert(cell < c->ncells);
    if (cell >= c->ncells)
        return JS_EINTERNAL;
    if (c->flags != NULL)
        c->flags[cell] &= ~flags;
    return JS_OK;
}

/* ---- staging (long-format readers) --------------------------------------- */

static cube_staged *staged_rec(const js_cube *c, size_t i)
{
    return &c->blocks[i / STAGE_BLOCK]->rec[i % STAGE_BLOCK];
}

static const uint32_t *staged_idx(const js_cube *c, size_t i)
{
    return c->blocks[i / STAGE_BLOCK]->idx + (i % STAGE_BLOCK) * c->ndims;
}

js_status js_cube_stage(js_cube *c, const size_t *idx, double v, js_cell st,
                        const char *symbol, size_t line)
{
    if (c->ncells != 0)
        return JS_EINTERNAL;
    if (c->n_staged == c->n_blocks * STAGE_BLOCK) {
        if (js_grow((void **)&c->blocks, &c->cap_blocks, c->n_blocks + 1, sizeof *c->blocks) != 0)
            return JS_ENOMEM;
        stage_block *const b = js_malloc(sizeof *b + (size_t)STAGE_BLOCK * c->ndims * sizeof(uint32_t));
        if (b == NULL)
            return JS_ENOMEM;
        c->blocks[c->n_blocks++] = b;
    }
    uint16_t sym = 0;
    if (symbol != NULL && symbol[0] != '\0' && (sym = cube_intern_symbol(c, symbol)) == 0)
        return JS_ENOMEM;
    const size_t i = c->n_staged;
    uint32_t *const dst = (uint32_t *)(uintptr_t)staged_idx(c, i);
    for (size_t d = 0; d < c->ndims; d++) {
        if (idx[d] >= c->dims[d]->n_cats || idx[d] > UINT32_MAX)
            return JS_EINTERNAL;
        dst[d] = (uint32_t)idx[d];
    }
    cube_staged *const s = staged_rec(c, i);
    s->value = st == JS_CELL_OK ? v : (double)NAN;
    s->status = (uint8_t)st;
    s->sym = sym;
    s->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    c->n_staged++;
    return JS_OK;
}

static size_t staged_cell(const js_cube *c, size_t i)
{
    const uint32_t *const idx = staged_idx(c, i);
    size_t cell = 0;
    for (size_t d = 0; d < c->ndims; d++)
        cell = cell * c->dims[d]->n_cats + idx[d];
    return cell;
}

/* The line of the first staged record that lands on cell. */
static size_t staged_first_line(const js_cube *c, size_t cell)
{
    for (size_t i = 0; i < c->n_staged; i++)
        if (staged_cell(c, i) == cell)
            return staged_rec(c, i)->line;
    return 0;
}

static void staged_release(js_cube *c)
{
    for (size_t i = 0; i < c->n_blocks; i++)
        js_free(c->blocks[i]);
    js_free(c->blocks);
    c->blocks = NULL;
    c->n_blocks = c->cap_blocks = c->n_staged = 0;
}

js_status js_cube_commit(js_cube *c, const char *path, js_diag *d)
{
    const size_t n = cube_product(c);
    if (n == SIZE_MAX || n > CUBE_DEFAULT_MAX_CELLS) {
        js_diag_error(d, path, 0, 0, "the table has too many cells for memory (dimensions multiply to more than %zu)",
                      CUBE_DEFAULT_MAX_CELLS);
        return JS_ENOMEM;
    }
    js_status st = js_cube_alloc_cells(c);
    if (st != JS_OK)
        return st;
    uint8_t *const seen = js_calloc(n / 8 + 1, 1);
    if (seen == NULL)
        return JS_ENOMEM;
    if (c->n_sym > 1 && (c->syms = js_calloc(n ? n : 1, sizeof *c->syms)) == NULL) {
        js_free(seen);
        return JS_ENOMEM;
    }
    for (size_t i = 0; i < c->n_staged; i++) {
        const size_t cell = staged_cell(c, i);
        if (seen[cell / 8] & (1u << (cell % 8))) {
            js_diag_error(d, path, staged_rec(c, i)->line, 0,
                          "duplicate cell: the same combination of categories appeared at line %zu",
                          staged_first_line(c, cell));
            js_free(seen);
            return JS_EDATA;
        }
        seen[cell / 8] = (uint8_t)(seen[cell / 8] | (1u << (cell % 8)));
        const cube_staged *const s = staged_rec(c, i);
        c->values[cell] = s->value;
        c->status[cell] = s->status;
        if (c->syms != NULL)
            c->syms[cell] = s->sym;
    }
    js_free(seen);
    staged_release(c);
    return JS_OK;
}

/* ---- metadata ------------------------------------------------------------ */

const char *js_cube_meta(const js_cube *c, js_meta key)
{
    return (unsigned)key < JS_META_COUNT_ ? c->meta[key] : NULL;
}

js_status js_cube_set_meta(js_cube *c, js_meta key, const char *value)
{
    if ((unsigned)key >= JS_META_COUNT_)
        return JS_EINTERNAL;
    const char *const copy = value ? js_arena_strdup(&c->arena, value) : NULL;
    if (value != NULL && copy == NULL)
        return JS_ENOMEM;
    c->meta[key] = copy;
    return JS_OK;
}

size_t js_cube_nnotes(const js_cube *c) { return c->n_notes; }

const char *js_cube_note(const js_cube *c, size_t i)
{
    return i < c->n_notes ? c->notes[i] : NULL;
}

js_status js_cube_add_note(js_cube *c, const char *text)
{
    if (js_grow((void **)&c->notes, &c->cap_notes, c->n_notes + 1, sizeof *c->notes) != 0)
        return JS_ENOMEM;
    const char *const copy = js_arena_strdup(&c->arena, text);
    if (copy == NULL)
        return JS_ENOMEM;
    c->notes[c->n_notes++] = copy;
    return JS_OK;
}

int js_cube_decimals(const js_cube *c) { return c->decimals; }
void js_cube_set_decimals(js_cube *c, int decimals) { c->decimals = decimals; }

js_status js_cube_clone_shape(const js_cube *c, js_cube **out)
{
    js_cube *const n = js_cube_alloc();
    js_status st = n ? JS_OK : JS_ENOMEM;
    for (size_t i = 0; st == JS_OK && i < c->ndims; i++)
        st = js_cube_add_dim(n, c->dims[i]->name, c->dims[i]->label, c->dims[i]->role, NULL);
    for (unsigned m = 0; st == JS_OK && m < JS_META_COUNT_; m++)
        st = js_cube_set_meta(n, (js_meta)m, c->meta[m]);
    if (st != JS_OK) {
        js_cube_free(n);
        return st;
    }
    n->decimals = c->decimals;
    *out = n;
    return JS_OK;
}

js_status js_cube_clone_categories(const js_cube *c, size_t skip, js_cube **out)
{
    js_cube *n = NULL;
    js_status st = js_cube_clone_shape(c, &n);
    for (size_t d = 0; st == JS_OK && d < c->ndims; d++)
        for (size_t k = 0; d != skip && st == JS_OK && k < c->dims[d]->n_cats; k++)
            st = js_cube_copy_category(n, d, &c->dims[d]->cats[k], NULL);
    if (st != JS_OK) {
        js_cube_free(n);
        return st;
    }
    *out = n;
    return JS_OK;
}

js_status js_cube_restage(js_cube *c, const uint8_t *given)
{
    size_t idx[CUBE_MAX_DIMS] = {0};
    double *const values = c->values;
    uint8_t *const status = c->status;
    uint16_t *const syms = c->syms;
    const size_t ncells = c->ncells;
    c->values = NULL;
    c->status = NULL;
    c->syms = NULL;
    c->ncells = 0; /* staging is allowed again */
    js_status st = JS_OK;
    for (size_t cell = 0; st == JS_OK && cell < ncells; cell++) {
        if (!(given[cell / 8] & (1u << (cell % 8))))
            continue;
        size_t rest = cell;
        for (size_t d = c->ndims; d-- > 0;) {
            idx[d] = rest % c->dims[d]->n_cats;
            rest /= c->dims[d]->n_cats;
        }
        st = js_cube_stage(c, idx, values[cell], (js_cell)status[cell],
                           syms && syms[cell] ? c->sym_text[syms[cell]] : NULL, 0);
    }
    js_free(values);
    js_free(status);
    js_free(syms);
    return st;
}

/* ---- invariants ------------------------------------------------------------ */

int js_cube_check(const js_cube *c)
{
    if (c == NULL || c->ndims > CUBE_MAX_DIMS)
        return 0;
    if (c->ncells != 0 && (cube_product(c) != c->ncells || c->values == NULL || c->status == NULL))
        return 0;
    for (size_t i = 0; i < c->ndims; i++) {
        const js_dim *const dim = c->dims[i];
        if (dim->n_cats > 0 && 2 * dim->n_cats > dim->n_slots)
            return 0;
        for (size_t k = 0; k < dim->n_cats; k++)
            if (dim_lookup(dim, dim->cats[k].code) != k)
                return 0;
    }
    for (size_t i = 0; i < c->ncells; i++) {
        if (c->status[i] > JS_CELL_NA)
            return 0;
        if (c->status[i] != JS_CELL_OK && !isnan(c->values[i]))
            return 0;
    }
    return 1;
}
