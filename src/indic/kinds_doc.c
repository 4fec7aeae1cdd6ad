/*
 * kinds_doc.c - the catalogue of indicator kinds, written from the table:
 * `jamstat indicators [KIND]` prints it as text, and the README's table of
 * kinds is its markdown form (tests/cli/kinds_doc.sh keeps the two equal),
 * so that no description of a kind can drift from what the code does.
 */
#include "jamstat/indicator.h"

#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "indic/ind_int.h"

/* "a number from 0 to 150", "one of swedish, eurostat", ... */
static void doc_type(js_buf *b, const js_key *k)
{
    switch (k->type) {
    case JS_KEY_TEXT: js_buf_puts(b, "text"); break;
    case JS_KEY_SELECTION: js_buf_puts(b, "selection"); break;
    case JS_KEY_DIMS: js_buf_puts(b, "dimension list"); break;
    case JS_KEY_BANDS: js_buf_puts(b, "age bands"); break;
    case JS_KEY_NUMBER: js_buf_printf(b, "number %g to %g", k->min, k->max); break;
    case JS_KEY_INTEGER: js_buf_printf(b, "whole number %g to %g", k->min, k->max); break;
    case JS_KEY_YEAR: js_buf_puts(b, "year"); break;
    case JS_KEY_ENUM: /* "young, old or total" (no '|': the README's table would split) */
        for (size_t i = 0; k->words[i] != NULL; i++)
            js_buf_printf(b, "%s%s", i == 0 ? "" : k->words[i + 1] ? ", " : " or ", k->words[i]);
        break;
    case JS_KEY_BOOL: js_buf_puts(b, "yes/no"); break;
    }
}

/* The optional input of kind (NULL: a common key) that is also key k: the
 * catalogue lists the two once, as the key. */
static const js_input_def *doc_optional_input(const js_kind *kind, const js_key *k)
{
    for (const js_input_def *in = kind ? kind->inputs : NULL; in != NULL && in->key != NULL; in++)
        if ((in->accepts & JS_INPUT_OPTIONAL) && strcmp(in->key, k->name) == 0)
            return in;
    return NULL;
}

/* What an input may name, as the catalogue says it. */
static const char *doc_accepts(unsigned accepts)
{
    switch (accepts & JS_INPUT_NAMES) {
    case JS_INPUT_DATA: return "a data section";
    case JS_INPUT_INDICATOR: return "an indicator above";
    default: return "a data section or an indicator above";
    }
}

/* A key's type; "a data section or text" for a key that is also an optional input. */
static void doc_key_type(js_buf *b, const js_kind *kind, const js_key *k)
{
    const js_input_def *const in = doc_optional_input(kind, k);
    if (in != NULL)
        js_buf_printf(b, "%s or ", doc_accepts(in->accepts));
    doc_type(b, k);
}

static void doc_key_text(js_buf *b, const js_kind *kind, const js_key *k)
{
    js_buf t;
    js_buf_init(&t);
    doc_key_type(&t, kind, k);
    if (k->required)
        js_buf_puts(&t, ", required");
    else if (k->dflt != NULL)
        js_buf_printf(&t, ", default %s", k->dflt);
    js_buf_printf(b, "    %-12s %s: %s\n", k->name, js_buf_cstr(&t), k->help);
    b->failed |= t.failed;
    js_buf_fini(&t);
}

static void doc_kind_text(js_buf *b, const js_kind *k)
{
    js_buf_printf(b, "%s", k->name);
    if (k->unit_doc[0])
        js_buf_printf(b, " [%s]", k->unit_doc);
    js_buf_printf(b, "  (%s)\n    ", k->family);
    ind_doc_fill(b, k->doc_en, NULL);
    js_buf_putc(b, '\n');
    for (const js_input_def *in = k->inputs; in->key != NULL; in++)
        if (!(in->accepts & JS_INPUT_OPTIONAL)) /* listed with its key */
            js_buf_printf(b, "    %-12s input, %s: %s\n", in->key, doc_accepts(in->accepts), in->help);
    for (const js_key *key = k->keys; key->name != NULL; key++)
        doc_key_text(b, k, key);
}

/* The cell of the README table listing a kind's inputs and keys. */
static void doc_kind_keys_md(js_buf *b, const js_kind *k)
{
    size_t n = 0;
    for (const js_input_def *in = k->inputs; in->key != NULL; in++)
        if (!(in->accepts & JS_INPUT_OPTIONAL)) /* listed with its key */
            js_buf_printf(b, "%s`%s` (%s)", n++ ? "; " : "", in->key,
                          (in->accepts & JS_INPUT_NAMES) == JS_INPUT_INDICATOR ? "an indicator above"
                                                                               : "a data section");
    for (const js_key *key = k->keys; key->name != NULL; key++, n++) {
        js_buf_printf(b, "%s`%s` (", n ? "; " : "", key->name);
        doc_key_type(b, k, key);
        if (key->required)
            js_buf_puts(b, ", required");
        else if (key->dflt != NULL)
            js_buf_printf(b, ", default `%s`", key->dflt);
        js_buf_puts(b, ")");
    }
}

static void doc_markdown(js_buf *b)
{
    js_buf_puts(b, "| kind | definition | inputs and keys | unit |\n|---|---|---|---|\n");
    for (size_t i = 0; i < js_kind_count(); i++) {
        const js_kind *const k = js_kind_at(i);
        js_buf_printf(b, "| `%s` | ", k->name);
        ind_doc_fill(b, k->doc_en, NULL);
        js_buf_puts(b, " | ");
        doc_kind_keys_md(b, k);
        js_buf_printf(b, " | %s |\n", k->unit_doc[0] ? k->unit_doc : "—");
    }
    js_buf_puts(b, "\nEvery indicator also takes:\n\n| key | type | meaning |\n|---|---|---|\n");
    for (const js_key *key = js_kind_common_keys(); key->name != NULL; key++) {
        js_buf_printf(b, "| `%s` | ", key->name);
        doc_type(b, key);
        js_buf_printf(b, " | %s |\n", key->help);
    }
}

char *js_kind_catalogue(const char *name, int markdown)
{
    js_buf b;
    js_buf_init(&b);
    if (markdown) {
        doc_markdown(&b);
    } else {
        for (size_t i = 0; i < js_kind_count(); i++) {
            const js_kind *const k = js_kind_at(i);
            if (name == NULL || k == js_kind_find(name))
                doc_kind_text(&b, k);
        }
        js_buf_puts(&b, "every kind also takes:\n");
        for (const js_key *key = js_kind_common_keys(); key->name != NULL; key++)
            doc_key_text(&b, NULL, key);
    }
    if (b.failed) {
        js_buf_fini(&b);
        return NULL;
    }
    return b.data;
}
