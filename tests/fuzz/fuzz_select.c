/*
 * fuzz_select.c - fuzz target for the selection syntax: the parse made when
 * the analysis file is read (js_sel_parse), the resolution against
 * a cube (js_sel_resolve) and an aggregate over it (js_aggregate).
 * The input is cut at the first NUL and at 512 bytes.
 *
 * Invariants: a syntax error's column lies within the text (or just past
 * it); the canonical text of a parsed selection parses to the same text; a
 * resolved selection has one mask per dimension; an aggregate
 * either succeeds with a cube that passes js_cube_check or fails with an
 * error in the diagnostics.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indic/select.h"
#include "jamstat/indicator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* region (01, its municipality 0114, 03, and the total 00) × sex × age
 * (0-19, 20-64, 65-) × year (2020, 2021), invented values. */
static js_cube *select_cube(void)
{
    static const char *const dims[][6] = {{"region", "00", "01", "0114", "03", NULL},
                                          {"sex", "women", "men", NULL},
                                          {"age", "0-19", "20-64", "65-", NULL},
                                          {"year", "2020", "2021", NULL}};
    static const js_role roles[] = {JS_ROLE_REGION, JS_ROLE_SEX, JS_ROLE_AGE, JS_ROLE_TIME};
    js_cube *const c = js_cube_alloc();
    for (size_t i = 0; c != NULL && i < 4; i++) {
        size_t d, k;
        if (js_cube_add_dim(c, dims[i][0], dims[i][0], roles[i], &d) != JS_OK)
            abort();
        for (size_t j = 1; dims[i][j] != NULL; j++)
            if (js_cube_add_category(c, d, dims[i][j], NULL, &k) != JS_OK)
                abort();
    }
    if (c == NULL || js_cube_alloc_cells(c) != JS_OK)
        abort();
    for (size_t i = 0; i < js_cube_ncells(c); i++)
        js_cube_set_value(c, i, (double)(i % 17) + 0.25);
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static js_cube *cube;
    if (cube == NULL)
        cube = select_cube();
    char text[513];
    const size_t n = size < 512 ? size : 512;
    memcpy(text, data, n);
    text[n] = '\0';
    const size_t len = strlen(text);
    char why[256];
    size_t col = 0;
    js_sel *parsed = NULL;
    if (js_sel_parse(text, &parsed, &col, why, sizeof why) != JS_OK) {
        if (col < 1 || col > len + 1) {
            fprintf(stderr, "fuzz_select: column %zu outside \"%s\"\n", col, text);
            abort();
        }
        return 0;
    }
    /* the canonical text reads back as the same selection */
    js_sel *again = NULL;
    if (js_sel_parse(js_sel_text(parsed), &again, &col, why, sizeof why) != JS_OK ||
        strcmp(js_sel_text(again), js_sel_text(parsed)) != 0) {
        fprintf(stderr, "fuzz_select: \"%s\" reads back differently from \"%s\"\n",
                js_sel_text(parsed), text);
        abort();
    }
    js_sel_free(again);
    js_diag *const d = js_diag_alloc();
    js_sel_masks sel;
    if (js_sel_resolve(cube, parsed, "fuzz", &sel, d) == JS_OK) {
        if (sel.ndims != js_cube_ndims(cube))
            abort();
        js_sel_masks_fini(&sel);
    }
    static const char *const by[] = {"year"};
    js_cube *out = NULL;
    const js_status st = js_aggregate(cube, parsed, by, 1, "fuzz", &out, d);
    if (st == JS_OK && (out == NULL || !js_cube_check(out)))
        abort();
    if (st != JS_OK && (out != NULL || js_diag_count(d, JS_SEV_ERROR) == 0))
        abort();
    js_cube_free(out);
    js_diag_free(d);
    js_sel_free(parsed);
    return 0;
}
