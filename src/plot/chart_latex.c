/*
 * chart_latex.c - the cairolatex variant of a chart.
 *
 * The cairolatex terminal hands every text to LaTeX as it is, so a label
 * "\input{/etc/passwd}" would print that file into the document and a "%"
 * would end the line (CHARTS.md).  The variant is the same chart with every
 * text LaTeX-escaped, written as NAME-tex.gp / NAME-tex.dat; the writer then
 * writes its own percent signs as \% (js_chart.latex).
 */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/strbuf.h"
#include "plot/chart_int.h"

/* s with LaTeX's special characters made literal, in the arena; NULL stays
 * NULL (and NULL is also returned when memory runs out: *failed is set). */
static const char *tex_escape(js_arena *a, const char *s, int *failed)
{
    if (s == NULL)
        return NULL;
    js_buf b;
    js_buf_init(&b);
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '\\': js_buf_puts(&b, "\\textbackslash{}"); break;
        case '~': js_buf_puts(&b, "\\textasciitilde{}"); break;
        case '^': js_buf_puts(&b, "\\textasciicircum{}"); break;
        /* in the default OT1 encoding these three print as other glyphs
         * ("<" as an inverted exclamation mark), and a document's babel may
         * make '"' a shorthand: each is named instead */
        case '<': js_buf_puts(&b, "\\textless{}"); break;
        case '>': js_buf_puts(&b, "\\textgreater{}"); break;
        case '|': js_buf_puts(&b, "\\textbar{}"); break;
        case '"': js_buf_puts(&b, "{\\char34}"); break;
        case '{': case '}': case '$': case '&': case '%': case '#': case '_':
            js_buf_putc(&b, '\\');
            js_buf_putc(&b, *p);
            break;
        default: js_buf_putc(&b, *p); break;
        }
    }
    const char *const copy = b.failed ? NULL : js_arena_strdup(a, js_buf_cstr(&b));
    js_buf_fini(&b);
    if (copy == NULL)
        *failed = 1;
    return copy;
}

js_status js_chart_write_latex(const js_chart *ch, const char *dir, js_diag *d)
{
    if (ch == NULL || ch->name == NULL || strlen(ch->name) > 90) {
        js_diag_error(d, NULL, 0, 0, "js_chart_write_latex: expected a chart with a name of at most 90 characters");
        return JS_EUSAGE;
    }
    js_arena a;
    js_arena_init(&a);
    int failed = 0;
    char name[100];
    (void)snprintf(name, sizeof name, "%s-tex", ch->name);
    js_chart t = *ch;
    t.name = name;
    t.latex = 1;
    t.title = tex_escape(&a, ch->title, &failed);
    t.source = tex_escape(&a, ch->source, &failed);
    t.x_label = tex_escape(&a, ch->x_label, &failed);
    t.y_label = tex_escape(&a, ch->y_label, &failed);
    t.focus = tex_escape(&a, ch->focus, &failed);
    t.reference_label = tex_escape(&a, ch->reference_label, &failed);
    t.unit = tex_escape(&a, ch->unit, &failed);
    t.band_label = tex_escape(&a, ch->band_label, &failed); /* "95 % ...": the % would end the line */
    t.pair_titles[0] = tex_escape(&a, ch->pair_titles[0], &failed); /* the sections' titles */
    t.pair_titles[1] = tex_escape(&a, ch->pair_titles[1], &failed);
    const char **const labels = js_arena_alloc(&a, (ch->n_cats + 1) * sizeof *labels);
    js_chart_series *const series = js_arena_alloc(&a, (ch->n_series + 1) * sizeof *series);
    failed |= labels == NULL || series == NULL;
    for (size_t k = 0; !failed && k < ch->n_cats; k++)
        labels[k] = tex_escape(&a, ch->cat_labels[k], &failed);
    for (size_t j = 0; !failed && j < ch->n_series; j++) {
        series[j] = ch->series[j];
        series[j].label = tex_escape(&a, ch->series[j].label, &failed);
    }
    js_status st = failed ? JS_ENOMEM : JS_OK;
    if (st == JS_OK) {
        t.cat_labels = labels;
        t.series = series;
        st = js_chart_write(&t, dir, d);
    }
    js_arena_fini(&a);
    return st;
}
