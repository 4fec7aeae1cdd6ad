/*
 * out_html.c - report.html: the run as a report a region can publish.
 *
 * One self-contained file beside a charts/ folder: no external CSS, script
 * or font, so the folder can be zipped, mailed or put on an intranet as it
 * is.  Order, as in an SCB-style statistical report:
 *
 *     title, subtitle
 *     Innehåll        table of contents (links to every figure and table)
 *     Diagram         "Figur N. title", the chart (SVG, PNG fallback), source
 *     Tabeller        one table per indicator result (out_html_table.c)
 *     Definitioner    definition, unit and source of every indicator
 *     Noter och flaggor   symbols, flagged cells per indicator, the sources'
 *                     own notes, the run's warnings
 *     Källor          the analysis file and every input with its checksum
 *
 * Safety: every string that comes from data or the analysis file goes
 * through js_html_escape (& < > " '); ids and anchors are made from numbers
 * only.  Accessibility: <html lang>, one h1 then h2/h3 in order, alt text
 * on every image, <th scope> on every header cell.  Printing: A4 with 18 mm
 * margins, figures and table rows never split, table headers repeated.
 *
 * The text is built in memory (a report is small) and written with
 * js_write_file, all or nothing.
 */
#include "jamstat/output.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/fileio.h"
#include "core/strbuf.h"
#include "out/out_html.h"
#include "out/out_internal.h"
#include "out/out_summary.h"

/* ---- Style ------------------------------------------------------------------ */

static const char html_css[] =
    ":root{--ink:#1f2328;--muted:#5a6270;--rule:#d5d9e0;--accent:#1b3670;--band:#f5f6f8}\n"
    "*{box-sizing:border-box}\n"
    "html{font-size:16px;-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:#fff;color:var(--ink);line-height:1.55;overflow-wrap:break-word;"
    "font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
    "\"Liberation Sans\",sans-serif}\n"
    ".page{max-width:58rem;margin:0 auto;padding:3rem 1.75rem 4rem}\n"
    "a{color:var(--accent)}\n"
    ".report-head{border-bottom:4px solid var(--accent);padding-bottom:1.25rem;margin-bottom:2rem}\n"
    ".kicker{margin:0 0 .35rem;font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;"
    "color:var(--muted)}\n"
    "h1{margin:0;font-size:2.1rem;line-height:1.2;color:var(--accent);font-weight:700}\n"
    ".subtitle{margin:.5rem 0 0;font-size:1.15rem;color:var(--muted)}\n"
    "h2{margin:3.25rem 0 1.25rem;padding-bottom:.35rem;font-size:1.5rem;line-height:1.25;"
    "color:var(--accent);border-bottom:1px solid var(--rule)}\n"
    "h3{margin:0 0 .5rem;font-size:1.05rem;line-height:1.35}\n"
    "h4{margin:1.25rem 0 .35rem;font-size:.95rem}\n"
    "#noter h3,#kallor h3{margin-top:2rem}\n"
    ".label-no{font-weight:700;margin-right:.25em}\n"
    "nav.toc{background:var(--band);border-left:4px solid var(--accent);padding:1rem 1.5rem}\n"
    "nav.toc h2{margin:0 0 .5rem;border:0;padding:0;font-size:1.15rem}\n"
    "nav.toc ol{margin:0;padding-left:1.25rem}\n"
    "nav.toc ol ol{list-style:none;padding-left:.75rem;font-size:.92rem}\n"
    "nav.toc li{margin:.15rem 0}\n"
    "nav.toc a{text-decoration:none}nav.toc a:hover{text-decoration:underline}\n"
    "figure.chart{margin:0 0 2.75rem}\n"
    "img{max-width:100%;height:auto}\n"
    "picture{display:block;max-width:100%}\n"
    "figure.chart img{display:block;width:100%;max-width:50rem;height:auto;margin:.5rem 0}\n"
    "figcaption,.source{font-size:.85rem;color:var(--muted);margin:.35rem 0 0}\n"
    ".author-note{font-size:.9rem;margin:.35rem 0 0}\n"
    "p.sentences{margin:.5rem 0 0;max-width:42rem}\n"
    ".intro{max-width:42rem;margin:1rem 0 2rem}\n"
    ".no-image{padding:2rem;border:1px dashed var(--rule);color:var(--muted);text-align:center}\n"
    ".table-block{margin:0 0 2.75rem}\n"
    ".table-meta{margin:0 0 .5rem;font-size:.85rem;color:var(--muted)}\n"
    ".table-wrap{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:.9rem;margin:0}\n"
    "th,td{padding:.32rem .8rem;text-align:left;vertical-align:top}\n"
    "thead th{border-bottom:2px solid var(--ink);font-weight:600;vertical-align:bottom}\n"
    "tbody tr{border-bottom:1px solid #e6e8ec}\n"
    "tbody tr:nth-child(even){background:var(--band)}\n"
    "tbody th{font-weight:400}\n"
    "th.rep{color:#9aa1ab}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.missing{color:var(--muted)}\n"
    ".ci{display:block;font-size:.78em;color:var(--muted)}\n"
    "sup.fn{font-size:.72em;color:var(--muted);margin-left:.1em}\n"
    "td.num{position:relative}\n"
    "td.num sup.fn{position:absolute;top:.3rem}\n" /* in the padding: digits stay aligned */
    "ul.table-notes{list-style:none;padding:0;margin:.5rem 0 0;font-size:.85rem;"
    "color:var(--muted)}\n"
    "dl.defs dt{font-weight:600;margin-top:1rem}\n"
    "dl.defs dd{margin:.2rem 0 0}\n"
    "dl.defs dd p{margin:0}\n"
    "dl.defs .meta{font-size:.85rem;color:var(--muted);margin:.15rem 0 0}\n"
    "code{font-family:ui-monospace,\"SF Mono\",Menlo,Consolas,\"Liberation Mono\",monospace;"
    "font-size:.8em}\n"
    "code.sha{word-break:break-all}\n"
    "table.sources,table.flags{font-size:.85rem}\n"
    "table.sources code{font-size:.92em}\n"
    "table.sources code.sha{word-break:normal;white-space:nowrap}\n" /* the table scrolls instead */
    "section.summary{margin:0 0 2rem}\n"
    "section.summary h2{margin-top:0}\n"
    "table.summary-table td,table.summary-table th{padding:.32rem .6rem}\n"
    "table.summary-table .of{font-size:.85em;color:var(--muted)}\n"
    "table.summary-table .ci{white-space:normal}\n"
    "table.summary-table .short{display:none}\n"
    ".sex-m{display:none}\n"
    "tbody th .sex-m{font-weight:600}\n"
    ".section-text{max-width:42rem;margin:0 0 1.5rem}\n"
    ".chart-data{font-size:.85rem;margin:.35rem 0 0}\n"
    "footer{margin-top:3.5rem;padding-top:.75rem;border-top:1px solid var(--rule);"
    "font-size:.8rem;color:var(--muted)}\n"
    ;

/* On a phone: a string of its own (C99 asks compilers for 4 095 bytes of one). */
static const char html_css_narrow[] =
    "@media (max-width:40rem){\n"
    ".page{padding:1.5rem 1rem 3rem}\n"
    "h1{font-size:1.6rem}\n"
    "h2{font-size:1.3rem;margin-top:2.5rem}\n"
    "nav.toc{padding:.75rem 1rem}\n"
    "th,td{padding:.3rem .5rem}\n"
    "table.summary-table{font-size:.76rem}\n"
    "table.summary-table .sex{display:none}\n"
    "table.summary-table .sex-m{display:inline}\n"
    "table.summary-table .long{display:none}\n"
    "table.summary-table .short{display:block}\n"
    "table.summary-table td:last-child{white-space:normal}\n"
    "table.summary-table td,table.summary-table th{padding:.3rem .3rem}\n"
    "}\n"
    ;

/* Printing on A4: a second string (C99 asks compilers for 4 095 bytes of one). */
static const char html_css_print[] =
    "@page{size:A4;margin:18mm}\n"
    "@media print{\n"
    "html{font-size:10pt}\n"
    ".page{max-width:none;padding:0}\n"
    "a{color:inherit;text-decoration:underline}\n"
    /* a link's file where its words do not name it ("CSV" under a chart); links to the
       web with their address */
    ".chart-data a::after,a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:.85em;"
    "word-break:break-all}\n"
    "nav.toc a,a[href^=\"#\"]{text-decoration:none}\n"
    "nav.toc{break-after:page}\n"
    "h2,h3,h4,dl.defs dt{break-after:avoid}\n"
    ".table-block{break-inside:avoid}\n" /* short tables whole; long ones still break */
    "figure.chart,figure.chart img,tr,.table-notes li,dl.defs dd,section.summary{break-inside:avoid}\n"
    "figure.chart img{max-width:100%}\n"
    "thead{display:table-header-group}\n"
    ".table-wrap{overflow:visible}\n"
    "tbody tr:nth-child(even){background:none}\n"
    "}\n";

/* ---- Small writers ----------------------------------------------------------- */

static const char *html_or(const char *s, const char *fallback)
{
    return s != NULL && *s != '\0' ? s : fallback;
}

/* <tag attrs>escaped text</tag> */
static void html_elem(js_buf *b, const char *open, const char *text, const char *close)
{
    js_buf_puts(b, open);
    js_html_escape(b, text);
    js_buf_puts(b, close);
}

static void html_head(js_buf *b, const js_report *r)
{
    js_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                  r->lang == JS_LANG_SV ? "sv" : "en");
    js_buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html_elem(b, "<meta name=\"generator\" content=\"jamstat ", html_or(r->tool_version, ""),
              "\">\n");
    html_elem(b, "<title>", html_or(r->title, "jamstat"), "</title>\n");
    js_buf_puts(b, "<style>\n");
    js_buf_puts(b, html_css);
    js_buf_puts(b, html_css_narrow);
    js_buf_puts(b, html_css_print);
    js_buf_puts(b, "</style>\n</head>\n<body>\n<div class=\"page\">\n");
}

static void html_title(js_buf *b, const js_report *r)
{
    js_buf_puts(b, "<header class=\"report-head\">\n");
    js_buf_printf(b, "<p class=\"kicker\">%s</p>\n",
                  js_text(r->lang, "Statistikrapport", "Statistical report"));
    html_elem(b, "<h1>", html_or(r->title, "jamstat"), "</h1>\n");
    if (r->subtitle != NULL && *r->subtitle != '\0')
        html_elem(b, "<p class=\"subtitle\">", r->subtitle, "</p>\n");
    js_buf_puts(b, "</header>\n");
}

static void html_intro(js_buf *b, const js_report *r)
{
    if (r->intro_html != NULL && *r->intro_html != '\0') { /* made safe by js_markdown_html */
        js_buf_puts(b, "<section class=\"intro\" aria-label=\"");
        js_buf_puts(b, js_text(r->lang, "Inledning", "Introduction"));
        js_buf_puts(b, "\">\n");
        js_buf_puts(b, r->intro_html);
        js_buf_puts(b, "</section>\n");
    }
}


/* ---- The plan: what goes where, numbered in reading order -------------------------- */

/* Figures and tables are numbered as the reader meets them: the sections'
 * first, in the order written, then the rest.  Ids (fig-N, tab-N, def-N)
 * carry the same numbers. */
typedef struct html_plan {
    size_t *chart_no, *result_no, *table_no; /* display numbers, 1-based */
    unsigned char *chart_in, *result_in, *table_in; /* placed in a section */
    size_t n_free_charts, n_free_results, n_free_tables; /* in no section */
    out_summary sum;
} html_plan;

static void html_plan_fini(html_plan *p)
{
    js_free(p->chart_no);
    js_free(p->result_no);
    js_free(p->table_no);
    js_free(p->chart_in);
    js_free(p->result_in);
    js_free(p->table_in);
    out_summary_fini(&p->sum);
}

static int html_plan_init(html_plan *p, const js_report *r)
{
    memset(p, 0, sizeof *p);
    p->chart_no = js_calloc(r->n_charts + 1, sizeof *p->chart_no);
    p->result_no = js_calloc(r->n_results + 1, sizeof *p->result_no);
    p->table_no = js_calloc(r->n_tables + 1, sizeof *p->table_no);
    p->chart_in = js_calloc(r->n_charts + 1, 1);
    p->result_in = js_calloc(r->n_results + 1, 1);
    p->table_in = js_calloc(r->n_tables + 1, 1);
    if (!p->chart_no || !p->result_no || !p->table_no || !p->chart_in || !p->result_in || !p->table_in ||
        out_summary_build(r->results, r->n_results, &r->summary, &p->sum) != JS_OK) {
        html_plan_fini(p);
        return 0;
    }
    size_t fig = 0, tab = 0;
    for (size_t s = 0; s < r->n_sections; s++) { /* run_report.c checked: each member once */
        const js_report_section *const sec = &r->sections[s];
        for (size_t k = 0; k < sec->n_charts; k++) {
            p->chart_no[sec->charts[k]] = ++fig;
            p->chart_in[sec->charts[k]] = 1;
        }
        for (size_t k = 0; k < sec->n_results; k++) {
            p->result_no[sec->results[k]] = ++tab;
            p->result_in[sec->results[k]] = 1;
        }
        for (size_t k = 0; k < sec->n_tables; k++) {
            p->table_no[sec->tables[k]] = ++tab;
            p->table_in[sec->tables[k]] = 1;
        }
    }
    for (size_t i = 0; i < r->n_charts; i++)
        if (!p->chart_in[i]) {
            p->chart_no[i] = ++fig;
            p->n_free_charts++;
        }
    for (size_t i = 0; i < r->n_results; i++)
        if (!p->result_in[i]) {
            p->result_no[i] = ++tab;
            p->n_free_results++;
        }
    for (size_t i = 0; i < r->n_tables; i++)
        if (!p->table_in[i]) {
            p->table_no[i] = ++tab;
            p->n_free_tables++;
        }
    return 1;
}

/* ---- Contents ------------------------------------------------------------------ */

static const char *html_chart_title(const js_report *r, size_t i)
{
    return html_or(r->charts[i].title, r->charts[i].name);
}

static const char *html_result_title(const js_report *r, size_t i)
{
    return html_or(r->results[i].title, r->results[i].id);
}

static const char *html_table_title(const js_report *r, size_t i)
{
    return html_or(r->tables[i].title, r->tables[i].name);
}

static void html_toc_item(js_buf *b, const char *prefix, const char *word, size_t number,
                          const char *title)
{
    js_buf_printf(b, "<li><a href=\"#%s-%zu\">%s %zu. ", prefix, number, word, number);
    js_html_escape(b, title);
    js_buf_puts(b, "</a></li>\n");
}

/* The figures and tables of section s (SIZE_MAX: those in no section). */
static void html_toc_members(js_buf *b, const js_report *r, const html_plan *p, size_t s, int charts,
                             int tables)
{
    const js_lang L = r->lang;
    const char *const fig = js_text(L, "Figur", "Figure"), *const tab = js_text(L, "Tabell", "Table");
    js_buf_puts(b, "<ol>\n");
    if (s != SIZE_MAX) {
        const js_report_section *const sec = &r->sections[s];
        for (size_t k = 0; k < sec->n_charts; k++)
            html_toc_item(b, "fig", fig, p->chart_no[sec->charts[k]], html_chart_title(r, sec->charts[k]));
        for (size_t k = 0; k < sec->n_results; k++)
            html_toc_item(b, "tab", tab, p->result_no[sec->results[k]],
                          html_result_title(r, sec->results[k]));
        for (size_t k = 0; k < sec->n_tables; k++)
            html_toc_item(b, "tab", tab, p->table_no[sec->tables[k]], html_table_title(r, sec->tables[k]));
    }
    for (size_t i = 0; s == SIZE_MAX && charts && i < r->n_charts; i++)
        if (!p->chart_in[i])
            html_toc_item(b, "fig", fig, p->chart_no[i], html_chart_title(r, i));
    for (size_t i = 0; s == SIZE_MAX && tables && i < r->n_results; i++)
        if (!p->result_in[i])
            html_toc_item(b, "tab", tab, p->result_no[i], html_result_title(r, i));
    for (size_t i = 0; s == SIZE_MAX && tables && i < r->n_tables; i++)
        if (!p->table_in[i])
            html_toc_item(b, "tab", tab, p->table_no[i], html_table_title(r, i));
    js_buf_puts(b, "</ol>");
}

static void html_toc(js_buf *b, const js_report *r, const html_plan *p)
{
    const js_lang L = r->lang;
    js_buf_printf(b, "<nav class=\"toc\" aria-labelledby=\"toc\">\n<h2 id=\"toc\">%s</h2>\n<ol>\n",
                  js_text(L, "Innehåll", "Contents"));
    if (p->sum.n > 0)
        js_buf_printf(b, "<li><a href=\"#nyckeltal\">%s</a></li>\n", js_text(L, "Nyckeltal", "Key figures"));
    for (size_t s = 0; s < r->n_sections; s++) { /* the sections, in the order written */
        js_buf_printf(b, "<li><a href=\"#sec-%zu\">", s + 1);
        js_html_escape(b, html_or(r->sections[s].title, r->sections[s].name));
        js_buf_puts(b, "</a>\n");
        html_toc_members(b, r, p, s, 1, 1);
        js_buf_puts(b, "</li>\n");
    }
    if (p->n_free_charts > 0) {
        js_buf_printf(b, "<li><a href=\"#diagram\">%s</a>\n", js_text(L, "Diagram", "Charts"));
        html_toc_members(b, r, p, SIZE_MAX, 1, 0);
        js_buf_puts(b, "</li>\n");
    }
    if (p->n_free_results + p->n_free_tables > 0) {
        js_buf_printf(b, "<li><a href=\"#tabeller\">%s</a>\n", js_text(L, "Tabeller", "Tables"));
        html_toc_members(b, r, p, SIZE_MAX, 0, 1);
        js_buf_puts(b, "</li>\n");
    }
    if (r->n_results > 0)
        js_buf_printf(b, "<li><a href=\"#definitioner\">%s</a></li>\n",
                      js_text(L, "Definitioner", "Definitions"));
    js_buf_printf(b, "<li><a href=\"#noter\">%s</a></li>\n",
                  js_text(L, "Noter och flaggor", "Notes and flags"));
    js_buf_printf(b, "<li><a href=\"#kallor\">%s</a></li>\n</ol>\n</nav>\n",
                  js_text(L, "Källor", "Sources"));
}

/* ---- Key figures ----------------------------------------------------------------------- */

/* A number of the summary: a sign before a change, U+2212 for minus. */
static void html_sum_number(js_buf *b, double v, int decimals, int sign, js_lang L)
{
    char num[64];
    js_fmt_number(fabs(v), decimals < 0 ? 1 : decimals, L, num, sizeof num);
    const int zero = strspn(num, "0,. \xC2\xA0") == strlen(num); /* rounds to 0: no sign */
    js_buf_puts(b, zero ? "" : isless(v, 0.0) ? "\xE2\x88\x92" : sign && isgreater(v, 0.0) ? "+" : "");
    js_html_escape(b, num);
}

/* Indicator | sex | value (unit and year below) | change (since when
 * below) | rank: five columns, which fit a phone. */
static void html_sum_row(js_buf *b, const out_sum_row *row, int repeat, js_lang L)
{
    const js_result *const res = row->result;
    const char *const unit = html_or(res->unit, "");
    js_buf_printf(b, "<tr><th scope=\"row\"%s>", repeat ? " class=\"rep\"" : "");
    js_html_escape(b, html_or(res->title, res->id));
    if (row->sex != JS_SEX_NONE) { /* on a phone the sex goes here, its column hidden */
        js_buf_puts(b, "<span class=\"sex-m\">: ");
        js_html_escape(b, out_summary_sex(row->sex, L));
        js_buf_puts(b, "</span>");
    }
    js_buf_puts(b, "</th><td class=\"sex\">");
    js_html_escape(b, out_summary_sex(row->sex, L));
    js_buf_puts(b, "</td><td class=\"num\">");
    if (isfinite(row->value))
        html_sum_number(b, row->value, res->decimals, 0, L);
    else
        js_buf_puts(b, "..");
    if (strcmp(unit, "%") == 0)
        js_buf_puts(b, "\xC2\xA0%");
    js_buf_puts(b, "<span class=\"ci\">");
    if (*unit != '\0' && strcmp(unit, "%") != 0) {
        js_html_escape(b, unit);
        js_buf_puts(b, ", ");
    }
    js_html_escape(b, row->year != NULL ? row->year->label : "");
    js_buf_puts(b, "</span></td><td class=\"num\">");
    if (isfinite(row->change)) {
        html_sum_number(b, row->change, res->decimals, 1, L);
        const int pp = strcmp(unit, "%") == 0; /* percentage points: written short on a phone */
        for (int shortened = 0; shortened <= pp; shortened++) {
            js_buf_puts(b, !pp ? "<span class=\"ci\">" : shortened ? "<span class=\"ci short\">"
                                                                     : "<span class=\"ci long\">");
            if (pp) {
                js_html_escape(b, shortened ? js_text(L, "p.e.", "pp") : out_summary_change_unit(unit, L));
                js_buf_puts(b, " ");
            }
            js_buf_printf(b, "%s ", js_text(L, "sedan", "since"));
            js_html_escape(b, row->from->label);
            js_buf_puts(b, "</span>");
        }
    } else {
        js_buf_puts(b, "\xE2\x80\x93");
    }
    js_buf_puts(b, "</td><td class=\"num\">");
    if (isfinite(row->rank)) {
        char num[32];
        js_fmt_number(row->rank, floor(row->rank) < row->rank ? 1 : 0, L, num, sizeof num);
        js_buf_printf(b, "%s <span class=\"of\">%s\xC2\xA0%zu</span>", num, js_text(L, "av", "of"), row->n_ranked);
    } else {
        js_buf_puts(b, "\xE2\x80\x93");
    }
    js_buf_puts(b, "</td></tr>\n");
}

/* The key figures of the home region, first in the report. */
static void html_summary(js_buf *b, const js_report *r, const html_plan *p)
{
    if (p->sum.n == 0)
        return;
    const js_lang L = r->lang;
    js_buf_puts(b, "<section id=\"nyckeltal\" class=\"summary\" aria-labelledby=\"nyckeltal-h\">\n"
                   "<h2 id=\"nyckeltal-h\">");
    js_buf_printf(b, "%s ", js_text(L, "Nyckeltal för", "Key figures for"));
    js_html_escape(b, html_or(p->sum.rows[0].region, r->summary.focus));
    js_buf_printf(b, "</h2>\n<p class=\"table-meta\">%s</p>\n",
                  js_text(L, "Det senaste årets värde, förändringen sedan det första året och "
                             "placeringen bland regionerna på samma nivå (1 = högst).",
                          "The latest year's value, the change since the first year and the rank "
                          "among the regions at the same level (1 = the highest)."));
    js_buf_printf(b, "<div class=\"table-wrap\"><table class=\"summary-table\" aria-labelledby=\"nyckeltal-h\">\n"
                     "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"sex\">%s</th>"
                     "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                     "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
                  js_text(L, "Indikator", "Indicator"), js_text(L, "Kön", "Sex"), js_text(L, "Värde", "Value"),
                  js_text(L, "Förändring", "Change"), js_text(L, "Rang", "Rank"));
    for (size_t i = 0; i < p->sum.n; i++)
        html_sum_row(b, &p->sum.rows[i], i > 0 && p->sum.rows[i - 1].result == p->sum.rows[i].result, L);
    js_buf_puts(b, "</tbody></table></div>\n</section>\n");
}

/* ---- Charts ----------------------------------------------------------------------- */

static void html_chart_image(js_buf *b, const js_report_chart *ch, js_lang lang)
{
    const char *const alt = html_or(ch->alt, html_or(ch->title, ch->name));
    if (ch->has_svg && ch->has_png) {
        html_elem(b, "<picture><source type=\"image/svg+xml\" srcset=\"charts/", ch->name,
                  ".svg\">");
        html_elem(b, "<img src=\"charts/", ch->name, ".png\" alt=\"");
        js_html_escape(b, alt);
        js_buf_puts(b, "\"></picture>\n");
    } else if (ch->has_svg || ch->has_png) {
        html_elem(b, "<img src=\"charts/", ch->name, ch->has_svg ? ".svg\" alt=\"" : ".png\" alt=\"");
        js_html_escape(b, alt);
        js_buf_puts(b, "\">\n");
    } else {
        js_buf_printf(b, "<p class=\"no-image\">%s <code>",
                      js_text(lang, "Diagrammet är inte ritat (gnuplot saknades). Skriptet finns i",
                              "The chart was not rendered (gnuplot was missing). The script is"));
        html_elem(b, "charts/", ch->name, ".gp</code>.</p>\n");
    }
}

static void html_chart(js_buf *b, const js_report *r, size_t i, size_t no)
{
    const js_report_chart *const ch = &r->charts[i];
    js_buf_printf(b, "<figure class=\"chart\" id=\"fig-%zu\" aria-labelledby=\"fig-%zu-t\">\n", no, no);
    js_buf_printf(b, "<h3 id=\"fig-%zu-t\"><span class=\"label-no\">%s %zu.</span> ", no,
                  js_text(r->lang, "Figur", "Figure"), no);
    js_html_escape(b, html_chart_title(r, i));
    js_buf_puts(b, "</h3>\n");
    js_html_author(b, ch->text, "author-text");
    html_chart_image(b, ch, r->lang);
    if (ch->source != NULL && *ch->source != '\0')
        html_elem(b, "<figcaption>", ch->source, "</figcaption>\n");
    js_html_author(b, ch->note, "author-note");
    js_buf_printf(b, "<p class=\"chart-data\">%s ", js_text(r->lang, "Diagrammets siffror:", "The chart's numbers:"));
    html_elem(b, "<a href=\"charts/", ch->name, ".csv\">CSV</a> \xC2\xB7 ");
    html_elem(b, "<a href=\"charts/", ch->name, ".xlsx\">Excel</a></p>\n</figure>\n");
}

static void html_charts(js_buf *b, const js_report *r, const html_plan *p)
{
    if (p->n_free_charts == 0)
        return;
    js_buf_printf(b, "<section id=\"diagram\" aria-labelledby=\"diagram-h\">\n"
                     "<h2 id=\"diagram-h\">%s</h2>\n",
                  js_text(r->lang, "Diagram", "Charts"));
    for (size_t i = 0; i < r->n_charts; i++)
        if (!p->chart_in[i])
            html_chart(b, r, i, p->chart_no[i]);
    js_buf_puts(b, "</section>\n");
}

/* ---- Sections ------------------------------------------------------------------------ */

/* Result i's table, and under it the sentences built from its numbers
 * (out_sentence.c, made by the run): a paragraph of plain text, escaped
 * like every data text, since it holds the regions' names.  They go last
 * in the table's section, after its notes and source: js_html_result_table
 * closes the section, so its closing tag is taken off and put back after
 * them (out_html_table.c stays the table's alone). */
static void html_result(js_buf *b, const js_report *r, const html_plan *p, size_t i)
{
    js_html_result_table(b, &r->results[i], p->result_no[i], r->focus, r->lang);
    const char *const text = r->sentences != NULL ? r->sentences[i] : NULL;
    static const char close[] = "</section>\n";
    const size_t n = sizeof close - 1;
    if (text == NULL || *text == '\0' || b->failed || b->len < n || memcmp(b->data + b->len - n, close, n) != 0)
        return;
    b->len -= n;
    b->data[b->len] = '\0';
    js_buf_printf(b, "<p class=\"sentences\" id=\"sent-%zu\">", p->result_no[i]);
    js_html_escape(b, text);
    js_buf_puts(b, "</p>\n");
    js_buf_puts(b, close);
}

static void html_sections(js_buf *b, const js_report *r, const html_plan *p)
{
    for (size_t s = 0; s < r->n_sections; s++) {
        const js_report_section *const sec = &r->sections[s];
        js_buf_printf(b, "<section class=\"report-section\" id=\"sec-%zu\" aria-labelledby=\"sec-%zu-h\">\n"
                         "<h2 id=\"sec-%zu-h\">", s + 1, s + 1, s + 1);
        js_html_escape(b, html_or(sec->title, sec->name));
        js_buf_puts(b, "</h2>\n");
        if (sec->intro_html != NULL && *sec->intro_html != '\0') { /* made safe by js_markdown_html */
            js_buf_puts(b, "<div class=\"section-text\">\n");
            js_buf_puts(b, sec->intro_html);
            js_buf_puts(b, "</div>\n");
        }
        for (size_t k = 0; k < sec->n_charts; k++)
            html_chart(b, r, sec->charts[k], p->chart_no[sec->charts[k]]);
        for (size_t k = 0; k < sec->n_results; k++)
            html_result(b, r, p, sec->results[k]);
        for (size_t k = 0; k < sec->n_tables; k++)
            js_html_wide_table(b, &r->tables[sec->tables[k]], p->table_no[sec->tables[k]], r->lang);
        js_buf_puts(b, "</section>\n");
    }
}

/* ---- Tables and definitions ------------------------------------------------------ */

static void html_tables(js_buf *b, const js_report *r, const html_plan *p)
{
    if (p->n_free_results + p->n_free_tables == 0)
        return;
    js_buf_printf(b, "<section id=\"tabeller\" aria-labelledby=\"tabeller-h\">\n"
                     "<h2 id=\"tabeller-h\">%s</h2>\n",
                  js_text(r->lang, "Tabeller", "Tables"));
    for (size_t i = 0; i < r->n_results; i++)
        if (!p->result_in[i])
            html_result(b, r, p, i);
    for (size_t i = 0; i < r->n_tables; i++) /* the [table] sections, numbered on */
        if (!p->table_in[i])
            js_html_wide_table(b, &r->tables[i], p->table_no[i], r->lang);
    js_buf_puts(b, "</section>\n");
}

static void html_definitions(js_buf *b, const js_report *r, const html_plan *p)
{
    if (r->n_results == 0)
        return;
    const js_lang L = r->lang;
    js_buf_printf(b, "<section id=\"definitioner\" aria-labelledby=\"definitioner-h\">\n"
                     "<h2 id=\"definitioner-h\">%s</h2>\n<dl class=\"defs\">\n",
                  js_text(L, "Definitioner", "Definitions"));
    for (size_t i = 0; i < r->n_results; i++) {
        const js_result *const res = &r->results[i];
        js_buf_printf(b, "<dt id=\"def-%zu\">", p->result_no[i]);
        js_html_escape(b, html_result_title(r, i));
        js_buf_puts(b, "</dt>\n<dd>");
        html_elem(b, "<p>", html_or(res->definition, js_text(L, "Ingen definition angiven.",
                                                              "No definition given.")),
                  "</p>\n<p class=\"meta\">");
        js_buf_printf(b, "%s: ", js_text(L, "Enhet", "Unit"));
        js_html_escape(b, html_or(res->unit, "\xE2\x80\x93"));
        js_buf_printf(b, " \xC2\xB7 %s: ", js_text(L, "Källa", "Source"));
        js_html_escape(b, html_or(res->source, "\xE2\x80\x93"));
        html_elem(b, " \xC2\xB7 Id: <code>", res->id, "</code>");
        if (res->kind != NULL)
            html_elem(b, " \xC2\xB7 <code>kind = ", res->kind, "</code>");
        js_buf_puts(b, "</p></dd>\n");
    }
    js_buf_puts(b, "</dl>\n</section>\n");
}

/* ---- Notes and flags --------------------------------------------------------------- */

/* Count of cells per flag bit in a result. */
static void html_flag_counts(const js_cube *c, size_t counts[JS_HTML_N_FLAGS])
{
    memset(counts, 0, JS_HTML_N_FLAGS * sizeof counts[0]);
    for (size_t cell = 0; cell < js_cube_ncells(c); cell++) {
        const uint32_t f = js_cube_flags(c, cell);
        for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
            counts[bit] += (f >> bit) & 1u;
    }
}

static uint32_t html_used_flags(const js_report *r)
{
    uint32_t used = 0;
    for (size_t i = 0; i < r->n_results; i++)
        for (size_t cell = 0; cell < js_cube_ncells(r->results[i].cube); cell++)
            used |= js_cube_flags(r->results[i].cube, cell);
    return used;
}

static void html_flag_table(js_buf *b, const js_report *r, const html_plan *p)
{
    const js_lang L = r->lang;
    const uint32_t used = html_used_flags(r);
    html_elem(b, "<h3>", js_text(L, "Flaggade celler per indikator", "Flagged cells per indicator"),
              "</h3>\n");
    if (used == 0) {
        html_elem(b, "<p>", js_text(L, "Inga celler har flaggor.", "No cell has a flag."), "</p>\n");
        return;
    }
    js_buf_printf(b, "<div class=\"table-wrap\"><table class=\"flags\">\n<thead><tr>"
                     "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>",
                  js_text(L, "Indikator", "Indicator"), js_text(L, "Celler", "Cells"));
    for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
        if (used & (1u << bit))
            html_elem(b, "<th scope=\"col\" class=\"num\">", js_html_flag_short(bit, L), "</th>");
    js_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n_results; i++) {
        size_t counts[JS_HTML_N_FLAGS];
        html_flag_counts(r->results[i].cube, counts);
        js_buf_printf(b, "<tr><th scope=\"row\"><a href=\"#tab-%zu\">", p->result_no[i]);
        js_html_escape(b, html_result_title(r, i));
        js_buf_printf(b, "</a></th><td class=\"num\">%zu</td>", js_cube_ncells(r->results[i].cube));
        for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
            if (used & (1u << bit) && counts[bit] > 0)
                js_buf_printf(b, "<td class=\"num\">%zu</td>", counts[bit]);
            else if (used & (1u << bit))
                js_buf_puts(b, "<td class=\"num\">\xE2\x80\x93</td>"); /* "–": none */
        js_buf_puts(b, "</tr>\n");
    }
    js_buf_puts(b, "</tbody></table></div>\n<ul class=\"table-notes\">");
    for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
        if (used & (1u << bit)) {
            html_elem(b, "<li><b>", js_html_flag_short(bit, L), "</b>: ");
            js_buf_printf(b, "%s.</li>", js_html_flag_text(bit, L));
        }
    js_buf_puts(b, "</ul>\n");
}

static void html_symbols(js_buf *b, js_lang L)
{
    html_elem(b, "<h3>", js_text(L, "Teckenförklaring", "Symbols"), "</h3>\n<ul>\n");
    js_buf_printf(b, "<li><b>..</b> %s</li>\n",
                  js_text(L, "Uppgift saknas, är skyddad eller kan inte beräknas. Saknade "
                             "uppgifter räknas aldrig som noll.",
                          "No value: missing, suppressed or not computable. Missing values "
                          "are never counted as zero."));
    js_buf_printf(b, "<li><sup class=\"fn\">a</sup>, <sup class=\"fn\">b</sup> \xE2\x80\xA6 %s</li>\n",
                  js_text(L, "Fotnot till värdet; förklaras under tabellen.",
                          "Footnote to the value; explained below the table."));
    js_buf_puts(b, "</ul>\n");
}

/* Has result i an interval on any cell?  (uncertainty = none leaves none.) */
static int html_result_has_ci(const js_report *r, size_t i)
{
    const js_cube *const c = r->results[i].cube;
    for (size_t k = 0; c != NULL && js_cube_has_ci(c) && k < js_cube_ncells(c); k++)
        if (isfinite(js_cube_ci_low(c, k)) && isfinite(js_cube_ci_high(c, k)))
            return 1;
    return 0;
}

/* What the report's intervals mean, in plain words, when any result shows
 * one: random variation on complete register counts, not sampling error;
 * a survey's own intervals are the source's. */
static void html_intervals(js_buf *b, const js_report *r, const html_plan *p)
{
    const js_lang L = r->lang;
    size_t n = 0;
    for (size_t i = 0; i < r->n_results; i++)
        n += html_result_has_ci(r, i) ? 1u : 0u;
    if (n == 0)
        return;
    js_buf_printf(b, "<h3 id=\"intervall\">%s</h3>\n<p>%s</p>\n<p>%s</p>\n<p>%s ",
                  js_text(L, "Vad intervallen betyder", "What the intervals mean"),
                  js_text(L, "Registren räknar alla, så ett intervall kring ett tal ur dem är inte ett "
                             "urvalsfel. Det visar hur mycket talet kunde ha varierat av slumpen ensam, "
                             "från år till år eller mellan kommuner som i övrigt är lika, på samma sätt "
                             "som folkhälsostatistiken använder intervall. Intervallen är 95-procentiga "
                             "om inget annat anges.",
                          "Registers count everyone, so an interval around a number from them is not "
                          "a sampling error. It shows how much the number could have varied by chance "
                          "alone, from year to year or between municipalities that are otherwise "
                          "alike, as public-health statistics use intervals. The intervals are 95 % "
                          "intervals unless stated otherwise."),
                  js_text(L, "En skillnad vars intervall inte omfattar 0 är större än slumpen rimligen "
                             "förklarar. Omfattar intervallet 0 kan skillnaden ändå finnas, men talen är "
                             "för små för att visa det.",
                          "A difference whose interval does not include 0 is larger than chance "
                          "explains well. If the interval includes 0 the difference may still be "
                          "real, but the numbers are too small to show it."),
                  js_text(L, "Urvalsundersökningar (som AKU) har också ett urvalsfel. För dem beräknas "
                             "inga intervall här; där källan publicerar egna intervall visas de som de "
                             "är. Intervall visas för:",
                          "Sample surveys (such as the Labour Force Survey) also have a sampling error. "
                          "No interval is computed for them here; where the source publishes its own "
                          "intervals they are shown as they are. Intervals are shown for:"));
    size_t k = 0;
    for (size_t i = 0; i < r->n_results; i++) {
        if (!html_result_has_ci(r, i))
            continue;
        js_buf_puts(b, k == 0 ? "" : k + 1 == n ? js_text(L, " och ", " and ") : ", ");
        js_buf_printf(b, "<a href=\"#def-%zu\">", p->result_no[i]);
        js_html_escape(b, html_result_title(r, i));
        js_buf_puts(b, "</a>");
        k++;
    }
    js_buf_puts(b, ".</p>\n");
}

static void html_input_notes(js_buf *b, const js_report *r)
{
    size_t n_with = 0;
    for (size_t i = 0; i < r->n_inputs; i++)
        n_with += r->inputs[i].notes != NULL && r->inputs[i].n_notes > 0;
    if (n_with == 0)
        return;
    html_elem(b, "<h3>", js_text(r->lang, "Noter från källorna", "Notes from the sources"),
              "</h3>\n");
    for (size_t i = 0; i < r->n_inputs; i++) {
        const js_input_info *const in = &r->inputs[i];
        if (in->notes == NULL || in->n_notes == 0)
            continue;
        html_elem(b, "<h4>", html_or(in->section, in->path), "");
        html_elem(b, " <span class=\"source\">(", in->path, ")</span></h4>\n<ul>\n");
        for (size_t k = 0; k < in->n_notes; k++)
            html_elem(b, "<li>", in->notes[k], "</li>\n");
        js_buf_puts(b, "</ul>\n");
    }
}

static void html_warnings(js_buf *b, const js_report *r)
{
    html_elem(b, "<h3>", js_text(r->lang, "Varningar från körningen", "Warnings from the run"),
              "</h3>\n");
    if (r->warnings == NULL || r->n_warnings == 0) {
        html_elem(b, "<p>", js_text(r->lang, "Inga varningar.", "No warnings."), "</p>\n");
        return;
    }
    js_buf_puts(b, "<ul>\n");
    for (size_t i = 0; i < r->n_warnings; i++)
        html_elem(b, "<li>", r->warnings[i], "</li>\n");
    js_buf_puts(b, "</ul>\n");
}

static void html_notes(js_buf *b, const js_report *r, const html_plan *p)
{
    js_buf_printf(b, "<section id=\"noter\" aria-labelledby=\"noter-h\">\n"
                     "<h2 id=\"noter-h\">%s</h2>\n",
                  js_text(r->lang, "Noter och flaggor", "Notes and flags"));
    html_symbols(b, r->lang);
    html_intervals(b, r, p);
    html_flag_table(b, r, p);
    html_input_notes(b, r);
    html_warnings(b, r);
    js_buf_puts(b, "</section>\n");
}

/* ---- Sources ------------------------------------------------------------------------ */

static void html_input_row(js_buf *b, const js_input_info *in, js_lang L)
{
    char size[64];
    js_fmt_number((double)in->size_bytes, 0, L, size, sizeof size);
    html_elem(b, "<tr><th scope=\"row\">", html_or(in->section, "\xE2\x80\x93"), "</th>");
    html_elem(b, "<td><code>", in->path, "</code></td>");
    html_elem(b, "<td>", html_or(in->format, "\xE2\x80\x93"), "</td>");
    html_elem(b, "<td>", html_or(in->encoding, "\xE2\x80\x93"), "</td>");
    js_buf_printf(b, "<td class=\"num\">%s</td>", size);
    html_elem(b, "<td><code class=\"sha\">", html_or(in->sha256, "\xE2\x80\x93"),
              "</code></td></tr>\n");
}

static void html_sources(js_buf *b, const js_report *r)
{
    const js_lang L = r->lang;
    js_buf_printf(b, "<section id=\"kallor\" aria-labelledby=\"kallor-h\">\n"
                     "<h2 id=\"kallor-h\">%s</h2>\n<p>%s ",
                  js_text(L, "Källor", "Sources"), js_text(L, "Analysfil:", "Analysis file:"));
    html_elem(b, "<code>", html_or(r->analysis_path, "\xE2\x80\x93"), "</code>");
    html_elem(b, " (SHA-256 <code class=\"sha\">", html_or(r->analysis_sha256, "\xE2\x80\x93"),
              "</code>)");
    for (size_t i = 0; r->sets != NULL && i < r->n_sets; i++) /* what the command line changed */
        html_elem(b, i == 0 ? js_text(L, ", ändrad med <code>--set ", ", changed by <code>--set ")
                            : ", <code>--set ",
                  r->sets[i], "</code>");
    js_buf_puts(b, ". ");
    js_buf_puts(b, js_text(L, "Kontrollsummorna (SHA-256) visar exakt vilka filer rapporten "
                              "bygger på.</p>\n",
                           "The checksums (SHA-256) identify exactly which files the report "
                           "is based on.</p>\n"));
    if (r->n_inputs > 0) {
        js_buf_printf(b, "<div class=\"table-wrap\"><table class=\"sources\">\n<thead><tr>"
                         "<th scope=\"col\">Data</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">Format</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">SHA-256</th>"
                         "</tr></thead>\n<tbody>\n",
                      js_text(L, "Fil", "File"), js_text(L, "Teckenkodning", "Encoding"),
                      js_text(L, "Byte", "Bytes"));
        for (size_t i = 0; i < r->n_inputs; i++)
            html_input_row(b, &r->inputs[i], L);
        js_buf_puts(b, "</tbody></table></div>\n");
    }
    for (size_t i = 0; i < r->n_inputs; i++) { /* tables fetched from PxWebApi 2 cite themselves */
        const js_input_info *const in = &r->inputs[i];
        if (in->citation == NULL)
            continue;
        html_elem(b, "<p class=\"source\">", js_text(L, "Källa: ", "Source: "), "");
        html_elem(b, "", in->citation, "");
        html_elem(b, " (", html_or(in->section, "\xE2\x80\x93"), "; ");
        html_elem(b, js_text(L, "hämtad ", "fetched "), html_or(in->origin_fetched, "\xE2\x80\x93"), " ");
        html_elem(b, js_text(L, "från <code>", "from <code>"), html_or(in->origin_api, "\xE2\x80\x93"),
                  "</code>).</p>\n");
    }
    js_buf_puts(b, "</section>\n");
}

static void html_footer(js_buf *b, const js_report *r)
{
    js_buf_printf(b, "<footer><p>%s ", js_text(r->lang, "Skapad med", "Made with"));
    html_elem(b, "jamstat ", html_or(r->tool_version, ""), ". ");
    js_buf_puts(b, js_text(r->lang,
                           "Alla värden finns i indicators.csv och indicators.xlsx; körningens "
                           "indata och kontrollsummor i manifest.json.",
                           "All values are in indicators.csv and indicators.xlsx; the run's "
                           "inputs and checksums in manifest.json."));
    js_buf_puts(b, "</p></footer>\n</div>\n</body>\n</html>\n");
}

js_status js_out_html(const char *path, const js_report *r, js_diag *d)
{
    html_plan p;
    if (!html_plan_init(&p, r)) {
        js_diag_error(d, path, 0, 0, "out of memory while planning the report");
        return JS_ENOMEM;
    }
    js_buf b;
    js_buf_init(&b);
    html_head(&b, r);
    html_title(&b, r);
    html_summary(&b, r, &p); /* the key figures first */
    html_intro(&b, r);
    html_toc(&b, r, &p);
    js_buf_puts(&b, "<main>\n");
    html_sections(&b, r, &p);
    html_charts(&b, r, &p);
    html_tables(&b, r, &p);
    html_definitions(&b, r, &p);
    html_notes(&b, r, &p);
    html_sources(&b, r);
    js_buf_puts(&b, "</main>\n");
    html_footer(&b, r);
    html_plan_fini(&p);
    js_status st = JS_ENOMEM;
    if (b.failed)
        js_diag_error(d, path, 0, 0, "out of memory while building the report");
    else
        st = js_write_file(path, b.data, b.len, d);
    js_buf_fini(&b);
    return st;
}
