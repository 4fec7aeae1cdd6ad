/*
 * fuzz_common.h - what every reader fuzz target does with its input
 * (included by tests/fuzz/fuzz_<reader>.c only).
 *
 * The bytes go through js_source_open_memory (no disk) to one reader with
 * default options and a cap of 2^20 cells, so that a header declaring a
 * billion cells is refused quickly instead of exhausting the fuzzer's memory
 * limit.  Then the reader's contract (read.h) is checked:
 *   - success: a cube that passes js_cube_check, whose every cell and
 *     category can be read back;
 *   - failure: a documented status, *out left alone, and at least one error
 *     in the diagnostics sink (the CLI must always have something to print).
 * A broken contract calls abort(), which libFuzzer and the replay driver
 * both report as a crash.  Everything allocated is freed, so LeakSanitizer
 * finds what the reader leaks.
 */
#ifndef JAMSTAT_FUZZ_COMMON_H
#define JAMSTAT_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jamstat/read.h"

typedef js_status (*fuzz_reader_fn)(js_source *, const js_read_opts *, js_cube **, js_diag *);

enum { FUZZ_MAX_CELLS = 1 << 20 };

static void fuzz_fail(const char *what, const js_diag *d)
{
    fprintf(stderr, "fuzz: contract broken: %s\n", what);
    if (d != NULL)
        js_diag_print(d, stderr, "fuzz");
    abort();
}

/* Read every cell and category so that a bad index or a dangling string
 * shows up under AddressSanitizer. */
static size_t fuzz_touch(const js_cube *c)
{
    size_t sum = 0;
    for (size_t i = 0; i < js_cube_ndims(c); i++) {
        const js_dim *const dim = js_cube_dim(c, i);
        sum += strlen(js_dim_name(dim)) + strlen(js_dim_label(dim));
        for (size_t k = 0; k < js_dim_size(dim); k++) {
            const js_category *const cat = js_dim_category(dim, k);
            sum += strlen(cat->code) + strlen(cat->label);
        }
    }
    for (size_t cell = 0; cell < js_cube_ncells(c); cell++) {
        const char *const sym = js_cube_symbol(c, cell);
        sum += (size_t)js_cube_status(c, cell) + (sym != NULL ? strlen(sym) : 0);
    }
    for (size_t i = 0; i < js_cube_nnotes(c); i++)
        sum += strlen(js_cube_note(c, i));
    return sum;
}

static int fuzz_read(fuzz_reader_fn reader, const char *name, const uint8_t *data, size_t size)
{
    js_source *src = NULL;
    if (js_source_open_memory(name, data, size, &src) != JS_OK)
        return 0; /* out of memory in fmemopen: nothing to test */
    js_diag *const d = js_diag_alloc();
    if (d == NULL) {
        js_source_free(src);
        return 0;
    }
    js_read_opts o;
    js_read_opts_init(&o);
    o.max_cells = FUZZ_MAX_CELLS;
    js_cube *c = NULL;
    const js_status st = reader(src, &o, &c, d);
    if (st == JS_OK) {
        if (c == NULL || !js_cube_check(c))
            fuzz_fail("JS_OK but the cube fails js_cube_check", d);
        (void)fuzz_touch(c);
        js_cube_free(c);
    } else {
        if (c != NULL)
            fuzz_fail("*out written on failure", d);
        if (st != JS_EDATA && st != JS_ENOMEM && st != JS_EIO && st != JS_EUSAGE)
            fuzz_fail("an undocumented status for bad input", d);
        if (js_diag_count(d, JS_SEV_ERROR) == 0)
            fuzz_fail("failure without an error message", d);
    }
    js_diag_free(d);
    js_source_free(src);
    return 0;
}

#endif
