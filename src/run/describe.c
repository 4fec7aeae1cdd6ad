/*
 * describe.c - `jamstat describe`, `jamstat convert` and the catalogue text.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "jamstat/cube.h"
#include "jamstat/indicator.h"
#include "jamstat/output.h"
#include "jamstat/run.h"

void js_text_free(char *text)
{
    js_free(text);
}

static void describe_dim(js_buf *b, const js_dim *dim)
{
    const size_t n = js_dim_size(dim);
    js_buf_printf(b, "  %s", js_dim_name(dim));
    if (strcmp(js_dim_label(dim), js_dim_name(dim)) != 0)
        js_buf_printf(b, " (%s)", js_dim_label(dim));
    js_buf_printf(b, ": role %s, %zu categories:", js_role_name(js_dim_role(dim)), n);
    const size_t show = n <= 8 ? n : 6;
    for (size_t k = 0; k < show; k++) {
        const js_category *const c = js_dim_category(dim, k);
        js_buf_printf(b, "%s %s", k ? "," : "", c->code);
        if (strcmp(c->label, c->code) != 0)
            js_buf_printf(b, " \"%s\"", c->label);
    }
    if (show < n)
        js_buf_printf(b, ", ... %s", js_dim_category(dim, n - 1)->code);
    js_buf_putc(b, '\n');
}

js_status js_describe(const char *path, const js_read_opts *ro, char **text, js_diag *d)
{
    js_cube *c;
    js_status st = js_read_file(path, ro, &c, d);
    if (st != JS_OK)
        return st;
    js_buf b;
    js_buf_init(&b);
    js_buf_printf(&b, "file: %s\n", path);
    js_buf_printf(&b, "format: %s\n", js_cube_meta(c, JS_META_FORMAT));
    js_buf_printf(&b, "encoding: %s\n", js_cube_meta(c, JS_META_ENCODING) ? js_cube_meta(c, JS_META_ENCODING) : "?");
    for (js_meta m = JS_META_TITLE; m <= JS_META_CONTACT; m++) {
        static const char *const names[] = {"title", "source", "unit", "measure", "updated", "contact"};
        if (js_cube_meta(c, m) != NULL)
            js_buf_printf(&b, "%s: %s\n", names[m], js_cube_meta(c, m));
    }
    size_t counts[5];
    js_cube_count_status(c, counts);
    js_buf_printf(&b, "cells: %zu (present %zu, missing %zu, suppressed %zu, nil %zu, not applicable %zu)\n",
                  js_cube_ncells(c), counts[JS_CELL_OK], counts[JS_CELL_MISSING],
                  counts[JS_CELL_SUPPRESSED], counts[JS_CELL_NIL], counts[JS_CELL_NA]);
    js_buf_printf(&b, "dimensions: %zu\n", js_cube_ndims(c));
    for (size_t i = 0; i < js_cube_ndims(c); i++)
        describe_dim(&b, js_cube_dim(c, i));
    for (size_t i = 0; i < js_cube_nnotes(c); i++)
        js_buf_printf(&b, "note: %s\n", js_cube_note(c, i));
    js_cube_free(c);
    if (b.failed) {
        js_buf_fini(&b);
        return JS_ENOMEM;
    }
    *text = b.data ? b.data : js_strdup("");
    return *text ? JS_OK : JS_ENOMEM;
}

js_status js_convert(const char *path, const js_read_opts *ro, const char *out, int excel_sv,
                     js_diag *d)
{
    js_cube *c;
    js_status st = js_read_file(path, ro, &c, d);
    if (st != JS_OK)
        return st;
    st = js_out_tidy_csv(out, c, excel_sv, d);
    js_cube_free(c);
    return st;
}

char *js_catalogue_text(void)
{
    js_buf b;
    js_buf_init(&b);
    for (unsigned k = 0; k < JS_IND_COUNT_; k++) {
        const js_indicator_kind kind = (js_indicator_kind)k;
        js_buf_printf(&b, "%s", js_indicator_kind_name(kind));
        if (js_indicator_kind_unit(kind)[0])
            js_buf_printf(&b, " [%s]", js_indicator_kind_unit(kind));
        js_buf_printf(&b, "\n    %s\n", js_indicator_kind_doc(kind));
    }
    if (b.failed) {
        js_buf_fini(&b);
        return NULL;
    }
    return b.data;
}
