/*
 * out_html_table.c - one indicator result as a readable HTML table.
 *
 * Layout.  A result with a sex dimension is shown the way gender-statistics
 * reports show it: women, men and total as columns side by side (women
 * first), one row per combination of the other dimensions.  Any other
 * result gets one row per cell and a value column.  Row labels are <th
 * scope="row">; a label that repeats the row above is greyed, not hidden,
 * so a screen reader still reads every row whole.
 *
 * Numbers use js_fmt_number in the report's language.  A cell without a
 * value shows "..", never 0; a value that carries flags gets a footnote
 * letter (a, b, ...) assigned per table in flag order, explained under the
 * table together with why ".." cells are empty.  Confidence limits, when
 * the result has them, go in their own column (or below the value in the
 * sex layout).
 */
#include "out/out_html.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "out/out_internal.h"

/* ---- Flag words ---------------------------------------------------------- */

static const char *const html_flag_words[][4] = {
    /* short sv, short en, clause sv, clause en (lower case: they follow a colon) */
    {"Saknade indata", "Missing input", "en uppgift som värdet bygger på saknas",
     "an input value is missing"},
    {"Skyddade indata", "Suppressed input", "en uppgift som värdet bygger på är sekretessbelagd",
     "an input value is suppressed"},
    {"Nämnaren noll", "Zero denominator", "nämnaren är noll, så kvoten kan inte beräknas",
     "the denominator is zero, so the ratio cannot be computed"},
    {"Litet underlag", "Small numbers", "värdet bygger på få observationer; tolka med försiktighet",
     "the value rests on few observations; interpret with care"},
    {"Öppen åldersklass", "Open age class",
     "medianen ligger i den öppna åldersklassen; värdet är klassens nedre gräns",
     "the median lies in the open age class; the value is its lower limit"},
    {"Preliminära indata", "Provisional input",
     "värdet bygger på preliminära eller skattade uppgifter",
     "the value rests on provisional or estimated figures"},
    {"Indata \"-\"", "Input \"-\"", "en uppgift publicerad som \"-\" har räknats som noll",
     "an input published as \"-\" was taken as zero"},
    {"Skyddad", "Suppressed", "värdet är skyddat eftersom underlaget är under röjandegränsen",
     "the value is suppressed because the count is below the disclosure threshold"},
    {"Framskrivning", "Projection", "värdet är en framskrivning bortom de observerade åren",
     "the value is a projection beyond the observed years"},
    {"Del större än totalen", "Part exceeds total",
     "delen är större än totalen, så andelen är över 100 % och saknar intervall; kontrollera "
     "uppgifterna",
     "the part is larger than its total, so the share is over 100 % and has no interval; check "
     "the data"},
    {"Utanför anpassningen", "Outside the fit",
     "året ligger före fit_from och ingår inte i trendens anpassning, så trenden har inget värde där",
     "the year is before fit_from and not part of the trend's fit, so the trend has no value there"},
    {"För brett intervall", "Interval too wide",
     "95 %-intervallet är bredare än gränsen (livslängd: 20 år), så värdet publiceras inte",
     "the 95 % interval is wider than the limit (life expectancy: 20 years), so no value is shown"},
    {"Fler döda än folkmängd", "Deaths exceed population",
     "en åldersklass har fler döda än medelfolkmängd; kontrollera uppgifterna",
     "an age class has more deaths than person-years; check the data"},
    {"För stort tal", "Overflow",
     "värdet blir större än vad som kan räknas med (en summa eller kvot bortom 1,8 × 10^308), så "
     "det saknas; kontrollera uppgifterna",
     "the value is larger than can be computed with (a sum or ratio beyond 1.8 × 10^308), so it is "
     "missing; check the data"},
    {"Få förväntade", "Few expected",
     "något förväntat antal i testet är under 5, så p-värdet kommer från ett exakt test",
     "an expected count of the test is below 5, so the p value is from an exact test"},
    {"Okänd ålder fördelad", "Unknown age spread",
     "händelser utan uppgift om ålder (födda utan moderns ålder) har fördelats på åldrarna i "
     "proportion till de kända",
     "events of unknown age (births with no mother's age) were spread over the ages in proportion "
     "to the known ones"},
};
_Static_assert(sizeof html_flag_words / sizeof *html_flag_words == JS_HTML_N_FLAGS,
               "words for every JS_FLAG_*");

const char *js_html_flag_short(unsigned bit, js_lang lang)
{
    return bit < JS_HTML_N_FLAGS ? html_flag_words[bit][lang == JS_LANG_SV ? 0 : 1] : "";
}

const char *js_html_flag_text(unsigned bit, js_lang lang)
{
    return bit < JS_HTML_N_FLAGS ? html_flag_words[bit][lang == JS_LANG_SV ? 2 : 3] : "";
}

/* ---- Layout: rows × value columns over the cube -------------------------- */

enum { TAB_MAX_COLS = 8 };

typedef struct tab_layout {
    const js_cube *c;
    size_t col_dim;      /* dimension spread over the columns; SIZE_MAX: one value column */
    size_t cols[TAB_MAX_COLS]; /* categories of col_dim shown as columns */
    size_t n_cols;       /* value columns */
    size_t n_rows;       /* combinations of the other dimensions */
    size_t *shown;       /* the rows shown, in order (at most JS_HTML_MAX_ROWS) */
    size_t n_shown;
    const char *focus;   /* chosen: the home region's label; NULL: the first rows */
    const char *latest;  /* chosen with a time dimension among the rows: its last year's label */
    int country;         /* chosen, and the region dimension has a total (the country) */
    size_t *idx;         /* coordinates of the current cell (ndims) */
    size_t *prev;        /* coordinates of the previous row, for greying repeats */
    int has_ci;
    int decimals;
    uint32_t marks[JS_HTML_N_FLAGS]; /* footnote letter per flag bit, 0 = none */
    uint32_t nan_flags;  /* flags seen on ".." cells */
    int any_nan;
} tab_layout;

/* Categories of the column dimension in display order: for sex women,
 * men, total, then anything else; otherwise as in the cube. */
static void tab_columns(tab_layout *t)
{
    const js_dim *const dim = js_cube_dim(t->c, t->col_dim);
    const size_t n = js_dim_size(dim);
    t->n_cols = 0;
    if (js_dim_role(dim) != JS_ROLE_SEX) {
        for (size_t k = 0; k < n; k++)
            t->cols[t->n_cols++] = k;
        return;
    }
    const js_sex order[] = {JS_SEX_WOMEN, JS_SEX_MEN, JS_SEX_TOTAL, JS_SEX_NONE};
    for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
        for (size_t k = 0; k < n; k++)
            if (js_dim_category(dim, k)->sex == order[o])
                t->cols[t->n_cols++] = k;
}

/* The dimension spread over the columns: sex when there is one (women and
 * men side by side), else a short time dimension (years across, as in a
 * printed table), else none. */
static size_t tab_pick_col_dim(const js_cube *c)
{
    const size_t sex = js_cube_dim_by_role(c, JS_ROLE_SEX);
    if (sex != SIZE_MAX && js_dim_size(js_cube_dim(c, sex)) <= TAB_MAX_COLS)
        return sex;
    const size_t time = js_cube_dim_by_role(c, JS_ROLE_TIME);
    if (time != SIZE_MAX && js_cube_ndims(c) >= 2 &&
        js_dim_size(js_cube_dim(c, time)) <= TAB_MAX_COLS)
        return time;
    return SIZE_MAX;
}

static int tab_init(tab_layout *t, const js_result *r)
{
    memset(t, 0, sizeof *t);
    t->c = r->cube;
    const size_t nd = js_cube_ndims(t->c);
    t->col_dim = tab_pick_col_dim(t->c);
    if (t->col_dim != SIZE_MAX)
        tab_columns(t);
    else
        t->n_cols = 1;
    t->n_rows = js_cube_ncells(t->c) == 0 ? 0 : 1;
    for (size_t i = 0; i < nd; i++)
        if (i != t->col_dim)
            t->n_rows *= js_dim_size(js_cube_dim(t->c, i));
    t->has_ci = js_out_has_ci(t->c);
    t->decimals = r->decimals >= 0 ? r->decimals : js_cube_decimals(t->c);
    if (t->decimals < 0)
        t->decimals = 1;
    t->idx = js_calloc(nd + 1, sizeof *t->idx);
    t->prev = js_calloc(nd + 1, sizeof *t->prev);
    return t->idx != NULL && t->prev != NULL;
}

static void tab_fini(tab_layout *t)
{
    js_free(t->idx);
    js_free(t->prev);
    js_free(t->shown);
}

/* Point t->idx at row `row` (mixed radix over the non-sex dimensions, the
 * last fastest, as in the cube). */
static void tab_row(tab_layout *t, size_t row)
{
    for (size_t i = js_cube_ndims(t->c); i-- > 0;) {
        if (i == t->col_dim)
            continue;
        const size_t size = js_dim_size(js_cube_dim(t->c, i));
        t->idx[i] = row % size;
        row /= size;
    }
}

static size_t tab_cell(tab_layout *t, size_t col)
{
    if (t->col_dim != SIZE_MAX)
        t->idx[t->col_dim] = t->cols[col];
    return js_cube_cell_index(t->c, t->idx);
}

/* The category of dimension dim in row `row` (dim is not the column one). */
static size_t tab_row_cat(const tab_layout *t, size_t row, size_t dim)
{
    for (size_t i = js_cube_ndims(t->c); i-- > dim + 1;)
        if (i != t->col_dim)
            row /= js_dim_size(js_cube_dim(t->c, i));
    return row % js_dim_size(js_cube_dim(t->c, dim));
}

static void tab_show(tab_layout *t, size_t row)
{
    if (t->n_shown < JS_HTML_MAX_ROWS)
        t->shown[t->n_shown++] = row;
}

/* The rows for the reader: with a focus region among a region dimension of
 * the rows, its rows (every year) come first, then the country's (the
 * region totals'), then the other regions' for the latest year (every
 * row when the years are the columns or there are none); otherwise the
 * first rows.  0 when out of memory. */
static int tab_plan(tab_layout *t, const char *focus)
{
    const size_t cap = t->n_rows < JS_HTML_MAX_ROWS ? t->n_rows : JS_HTML_MAX_ROWS;
    t->shown = js_calloc(cap + 1, sizeof *t->shown);
    if (t->shown == NULL)
        return 0;
    const size_t reg = js_cube_dim_by_role(t->c, JS_ROLE_REGION);
    const js_dim *const rd = reg != SIZE_MAX && reg != t->col_dim ? js_cube_dim(t->c, reg) : NULL;
    const size_t f = rd != NULL && focus != NULL ? js_dim_find(rd, focus) : SIZE_MAX;
    if (f == SIZE_MAX) {
        for (size_t row = 0; row < cap; row++)
            tab_show(t, row);
        return 1;
    }
    t->focus = js_dim_category(rd, f)->label;
    const size_t time = js_cube_dim_by_role(t->c, JS_ROLE_TIME);
    const js_dim *const td = time != SIZE_MAX && time != t->col_dim ? js_cube_dim(t->c, time) : NULL;
    const size_t last = td != NULL ? js_dim_size(td) - 1 : SIZE_MAX;
    if (td != NULL && last > 0)
        t->latest = js_dim_category(td, last)->label;
    for (size_t row = 0; row < t->n_rows; row++) /* the home region */
        if (tab_row_cat(t, row, reg) == f)
            tab_show(t, row);
    for (size_t row = 0; row < t->n_rows; row++) /* the country */
        if (tab_row_cat(t, row, reg) != f && js_dim_category(rd, tab_row_cat(t, row, reg))->is_total) {
            tab_show(t, row);
            t->country = 1;
        }
    for (size_t row = 0; row < t->n_rows && t->n_shown < JS_HTML_MAX_ROWS; row++) {
        const size_t k = tab_row_cat(t, row, reg);
        if (k != f && !js_dim_category(rd, k)->is_total && (last == SIZE_MAX || tab_row_cat(t, row, time) == last))
            tab_show(t, row);
    }
    return 1;
}

/* First pass: which flags need footnote letters, and why cells are "..". */
static void tab_scan(tab_layout *t)
{
    uint32_t marked = 0;
    for (size_t i = 0; i < t->n_shown; i++) {
        tab_row(t, t->shown[i]);
        for (size_t col = 0; col < t->n_cols; col++) {
            const size_t cell = tab_cell(t, col);
            const uint32_t f = js_cube_flags(t->c, cell);
            if (isnan(js_cube_value(t->c, cell))) {
                t->any_nan = 1;
                t->nan_flags |= f;
            } else {
                marked |= f;
            }
        }
    }
    uint32_t letter = 0;
    for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
        if (marked & (1u << bit))
            t->marks[bit] = ++letter;
}

/* ---- Writing ----------------------------------------------------------------- */

/* A sex category in the report's own words ("Kvinnor", not the source's
 * "kvinnor" or "2"), any other category by its label. */
static const char *tab_sex_word(const js_category *k, js_lang lang)
{
    switch (k->sex) {
    case JS_SEX_WOMEN:
        return js_text(lang, "Kvinnor", "Women");
    case JS_SEX_MEN:
        return js_text(lang, "Män", "Men");
    case JS_SEX_TOTAL:
        return js_text(lang, "Totalt", "Total");
    case JS_SEX_NONE:
        break;
    }
    return k->label != NULL ? k->label : k->code;
}

/* A column heading for a dimension: the source's own label, except that a
 * bare role name ("year", "region", "sex", "age") is said in the report's
 * language. */
static const char *tab_dim_heading(const js_dim *dim, js_lang lang)
{
    static const struct { js_role role; const char *sv, *en; } words[] = {
        {JS_ROLE_TIME, "\xc3\x85r", "Year"}, {JS_ROLE_REGION, "Region", "Region"},
        {JS_ROLE_SEX, "K\xc3\xb6n", "Sex"},   {JS_ROLE_AGE, "\xc3\x85lder", "Age"}};
    const char *const label = js_dim_label(dim);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (js_dim_role(dim) == words[i].role &&
            (strcasecmp(label, words[i].en) == 0 || strcasecmp(label, js_role_name(words[i].role)) == 0))
            return js_text(lang, words[i].sv, words[i].en);
    return label;
}

static void tab_head(js_buf *b, const tab_layout *t, js_lang lang)
{
    js_buf_puts(b, "<thead><tr>");
    for (size_t i = 0; i < js_cube_ndims(t->c); i++) {
        if (i == t->col_dim)
            continue;
        js_buf_puts(b, "<th scope=\"col\">");
        js_html_escape(b, tab_dim_heading(js_cube_dim(t->c, i), lang));
        js_buf_puts(b, "</th>");
    }
    for (size_t col = 0; col < t->n_cols; col++) {
        js_buf_puts(b, "<th scope=\"col\" class=\"num\">");
        if (t->col_dim == SIZE_MAX) {
            js_buf_puts(b, js_text(lang, "Värde", "Value"));
        } else {
            const js_category *const k = js_dim_category(js_cube_dim(t->c, t->col_dim), t->cols[col]);
            js_html_escape(b, tab_sex_word(k, lang));
        }
        js_buf_puts(b, "</th>");
    }
    if (t->has_ci && t->col_dim == SIZE_MAX)
        js_buf_printf(b, "<th scope=\"col\" class=\"num\">%s</th>",
                      js_text(lang, "Konfidensintervall", "Confidence interval"));
    js_buf_puts(b, "</tr></thead>\n");
}

static void tab_interval(js_buf *b, const tab_layout *t, size_t cell, js_lang lang)
{
    const double lo = js_cube_ci_low(t->c, cell), hi = js_cube_ci_high(t->c, cell);
    if ((isnan(lo) && isnan(hi)) || isnan(js_cube_value(t->c, cell)))
        return; /* a suppressed value's interval would disclose it */
    char a[64], z[64];
    js_fmt_number(lo, t->decimals, lang, a, sizeof a);
    js_fmt_number(hi, t->decimals, lang, z, sizeof z);
    js_buf_printf(b, "%s\xE2\x80\x93%s", a, z); /* en dash */
}

/* Is cell's value a year or a code (a category of it has values_whole)? */
static int tab_is_whole(const tab_layout *t, size_t cell)
{
    size_t at[64];
    if (js_cube_ndims(t->c) > sizeof at / sizeof at[0])
        return 0;
    js_cube_cell_coords(t->c, cell, at);
    for (size_t d = 0; d < js_cube_ndims(t->c); d++)
        if (js_dim_category(js_cube_dim(t->c, d), at[d])->values_whole)
            return 1;
    return 0;
}

static void tab_value(js_buf *b, const tab_layout *t, size_t cell, js_lang lang)
{
    char num[64];
    const double v = js_cube_value(t->c, cell);
    js_buf_printf(b, "<td class=\"num%s\">", isnan(v) ? " missing" : "");
    if (!isnan(v) && fabs(v) < 1e6 && tab_is_whole(t, cell)) /* "2022", not "2 021,22": the year it is, or
                                                               is reached in (the sentences' rule);
                                                               a status 2, not 2,00 */
        js_buf_printf(b, "%.0f", ceil(v - 1e-9));
    else
        js_buf_puts(b, js_fmt_number(v, t->decimals, lang, num, sizeof num));
    const uint32_t f = js_cube_flags(t->c, cell);
    if (!isnan(v) && f != 0) {
        js_buf_puts(b, "<sup class=\"fn\">");
        const char *sep = "";
        for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
            if ((f & (1u << bit)) && t->marks[bit] > 0) {
                js_buf_printf(b, "%s%c", sep, (char)('a' + t->marks[bit] - 1));
                sep = ",";
            }
        js_buf_puts(b, "</sup>");
    }
    if (t->has_ci && t->col_dim != SIZE_MAX && !isnan(v)) {
        js_buf_puts(b, "<span class=\"ci\">");
        tab_interval(b, t, cell, lang);
        js_buf_puts(b, "</span>");
    }
    js_buf_puts(b, "</td>");
}

static void tab_body_row(js_buf *b, tab_layout *t, size_t nth, js_lang lang)
{
    tab_row(t, t->shown[nth]);
    js_buf_puts(b, "<tr>");
    int same = nth > 0;
    for (size_t i = 0; i < js_cube_ndims(t->c); i++) {
        if (i == t->col_dim)
            continue;
        same = same && t->idx[i] == t->prev[i];
        const js_category *const k = js_dim_category(js_cube_dim(t->c, i), t->idx[i]);
        js_buf_puts(b, same ? "<th scope=\"row\" class=\"rep\">" : "<th scope=\"row\">");
        js_html_escape(b, k->label != NULL ? k->label : k->code);
        js_buf_puts(b, "</th>");
    }
    memcpy(t->prev, t->idx, js_cube_ndims(t->c) * sizeof *t->idx);
    for (size_t col = 0; col < t->n_cols; col++)
        tab_value(b, t, tab_cell(t, col), lang);
    if (t->has_ci && t->col_dim == SIZE_MAX) {
        const size_t cell = tab_cell(t, 0);
        js_buf_puts(b, "<td class=\"num\">");
        tab_interval(b, t, cell, lang);
        js_buf_puts(b, "</td>");
    }
    js_buf_puts(b, "</tr>\n");
}

/* Which rows the table shows, when not all. */
static void tab_note_rows(js_buf *b, const tab_layout *t, js_lang lang)
{
    js_buf_puts(b, "<li>");
    if (t->focus == NULL) {
        if (lang == JS_LANG_SV)
            js_buf_printf(b, "Tabellen visar de första %zu av %zu raderna", t->n_shown, t->n_rows);
        else
            js_buf_printf(b, "The table shows the first %zu of %zu rows", t->n_shown, t->n_rows);
    } else {
        js_buf_puts(b, js_text(lang, "Tabellen visar ", "The table shows "));
        js_html_escape(b, t->focus);
        if (t->country)
            js_buf_puts(b, js_text(lang, " och riket", " and the country"));
        if (t->latest != NULL) {
            js_buf_puts(b, js_text(lang, " för alla år och övriga regioner för ", " for every year, and the "
                                   "other regions for "));
            js_html_escape(b, t->latest);
        } else {
            js_buf_puts(b, js_text(lang, " först", " first"));
        }
        js_buf_printf(b, " (%zu %s %zu %s)", t->n_shown, js_text(lang, "av", "of"), t->n_rows,
                      js_text(lang, "rader", "rows"));
    }
    js_buf_puts(b, js_text(lang, "; hela tabellen finns i <a href=\"indicators.csv\">indicators.csv</a> och "
                           "<a href=\"indicators.xlsx\">indicators.xlsx</a>.</li>",
                           "; the whole table is in <a href=\"indicators.csv\">indicators.csv</a> and "
                           "<a href=\"indicators.xlsx\">indicators.xlsx</a>.</li>"));
}

/* Footnotes: the ".." reasons, the letters, and a note when rows were cut. */
static void tab_notes(js_buf *b, const tab_layout *t, js_lang lang)
{
    uint32_t any_mark = 0;
    for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
        any_mark |= t->marks[bit];
    if (!t->any_nan && any_mark == 0 && t->n_shown == t->n_rows)
        return;
    js_buf_puts(b, "<ul class=\"table-notes\">");
    if (t->any_nan) {
        js_buf_printf(b, "<li><b>..</b> %s", js_text(lang, "Uppgift saknas", "No value"));
        const char *sep = ": ";
        for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
            if (t->nan_flags & (1u << bit)) {
                js_buf_printf(b, "%s%s", sep, js_html_flag_text(bit, lang));
                sep = "; ";
            }
        js_buf_puts(b, ".</li>");
    }
    for (unsigned bit = 0; bit < JS_HTML_N_FLAGS; bit++)
        if (t->marks[bit] > 0) {
            const char *const text = js_html_flag_text(bit, lang);
            js_buf_printf(b, "<li><sup class=\"fn\">%c</sup> %c%s.</li>",
                          (char)('a' + t->marks[bit] - 1), toupper((unsigned char)text[0]),
                          text + 1); /* every clause starts with an ASCII letter */
        }
    if (t->n_shown < t->n_rows)
        tab_note_rows(b, t, lang);
    js_buf_puts(b, "</ul>\n");
}

void js_html_author(js_buf *b, const char *text, const char *cls)
{
    if (text != NULL && *text != '\0') {
        js_buf_printf(b, "<p class=\"%s\">", cls);
        js_html_escape(b, text);
        js_buf_puts(b, "</p>\n");
    }
}

static void tab_title(js_buf *b, const js_result *r, size_t number, js_lang lang)
{
    js_buf_printf(b, "<section class=\"table-block\" id=\"tab-%zu\" aria-labelledby=\"tab-%zu-t\">\n",
                  number, number);
    js_buf_printf(b, "<h3 id=\"tab-%zu-t\"><span class=\"label-no\">%s %zu.</span> ", number,
                  js_text(lang, "Tabell", "Table"), number);
    js_html_escape(b, r->title != NULL ? r->title : r->id);
    js_buf_puts(b, "</h3>\n<p class=\"table-meta\">");
    if (r->unit != NULL && *r->unit != '\0') {
        js_buf_printf(b, "%s: ", js_text(lang, "Enhet", "Unit"));
        js_html_escape(b, r->unit);
        js_buf_puts(b, ". ");
    }
    js_buf_printf(b, "<a href=\"#def-%zu\">%s</a></p>\n", number,
                  js_text(lang, "Definition", "Definition"));
}

void js_html_result_table(js_buf *b, const js_result *r, size_t number, const char *focus, js_lang lang)
{
    tab_layout t;
    if (!tab_init(&t, r) || !tab_plan(&t, focus)) {
        tab_fini(&t);
        b->failed = 1;
        return;
    }
    tab_scan(&t);
    tab_title(b, r, number, lang);
    js_html_author(b, r->text, "author-text");
    js_buf_printf(b, "<div class=\"table-wrap\"><table aria-labelledby=\"tab-%zu-t\">\n", number);
    tab_head(b, &t, lang);
    js_buf_puts(b, "<tbody>\n");
    for (size_t i = 0; i < t.n_shown; i++)
        tab_body_row(b, &t, i, lang);
    js_buf_puts(b, "</tbody></table></div>\n");
    tab_notes(b, &t, lang);
    js_html_author(b, r->note, "author-note");
    if (r->source != NULL && *r->source != '\0') {
        js_buf_printf(b, "<p class=\"source\">%s: ", js_text(lang, "Källa", "Source"));
        js_html_escape(b, r->source);
        js_buf_puts(b, "</p>\n");
    }
    js_buf_puts(b, "</section>\n");
    tab_fini(&t);
}

/* ---- [table] sections ------------------------------------------------------------- */

void js_html_wide_table(js_buf *b, const js_table *t, size_t number, js_lang lang)
{
    out_wide w;
    if (out_wide_init(&w, t, NULL) != JS_OK) { /* the CSV writer has reported why */
        b->failed = 1;
        return;
    }
    js_buf_printf(b, "<section class=\"table-block\" id=\"tab-%zu\" aria-labelledby=\"tab-%zu-t\">\n",
                  number, number);
    js_buf_printf(b, "<h3 id=\"tab-%zu-t\"><span class=\"label-no\">%s %zu.</span> ", number,
                  js_text(lang, "Tabell", "Table"), number);
    js_html_escape(b, t->title != NULL ? t->title : t->name);
    js_buf_printf(b, "</h3>\n<div class=\"table-wrap\"><table aria-labelledby=\"tab-%zu-t\">\n<thead><tr>",
                  number);
    const js_cube *const first = t->results[0].cube;
    for (size_t i = 0; i < t->n_by; i++) {
        js_buf_puts(b, "<th scope=\"col\">");
        js_html_escape(b, tab_dim_heading(js_cube_dim(first, js_cube_find_dim(first, t->by[i])), lang));
        js_buf_puts(b, "</th>");
    }
    for (size_t r = 0; r < t->n; r++) {
        const js_result *const res = &t->results[r];
        js_buf_puts(b, "<th scope=\"col\" class=\"num\">");
        js_html_escape(b, res->title != NULL ? res->title : res->id);
        if (res->unit != NULL && *res->unit != '\0') {
            js_buf_puts(b, " (");
            js_html_escape(b, res->unit);
            js_buf_puts(b, ")");
        }
        js_buf_puts(b, "</th>");
    }
    js_buf_puts(b, "</tr></thead>\n<tbody>\n");
    const size_t shown = w.n_rows < JS_HTML_MAX_ROWS ? w.n_rows : JS_HTML_MAX_ROWS;
    int any_missing = 0;
    for (size_t k = 0; k < shown; k++) {
        js_buf_puts(b, "<tr>");
        for (size_t i = 0; i < t->n_by; i++) {
            const js_category *const cat = out_wide_cat(&w, k, i);
            int same = k > 0; /* this and every column before it as in the row above: greyed */
            for (size_t j = 0; same && j <= i; j++)
                same = out_wide_cat(&w, k - 1, j) == out_wide_cat(&w, k, j);
            js_buf_puts(b, same ? "<th scope=\"row\" class=\"rep\">" : "<th scope=\"row\">");
            js_html_escape(b, cat->label != NULL ? cat->label : cat->code);
            js_buf_puts(b, "</th>");
        }
        for (size_t r = 0; r < t->n; r++) {
            char num[64];
            const double v = out_wide_suppressed(&w, k, r) ? (double)NAN : out_wide_value(&w, k, r);
            any_missing |= isnan(v);
            js_buf_printf(b, "<td class=\"num%s\">%s</td>", isnan(v) ? " missing" : "",
                          js_fmt_number(v, t->decimals[r], lang, num, sizeof num));
        }
        js_buf_puts(b, "</tr>\n");
    }
    js_buf_puts(b, "</tbody></table></div>\n<ul class=\"table-notes\">");
    if (any_missing)
        js_buf_printf(b, "<li><b>..</b> %s.</li>", js_text(lang, "Uppgift saknas", "No value"));
    if (shown < w.n_rows && lang == JS_LANG_SV)
        js_buf_printf(b, "<li>Tabellen visar de första %zu av %zu raderna; hela tabellen finns i ", shown, w.n_rows);
    else if (shown < w.n_rows)
        js_buf_printf(b, "<li>The table shows the first %zu of %zu rows; the whole table is in ", shown, w.n_rows);
    else
        js_buf_puts(b, js_text(lang, "<li>Tabellen finns också i ", "<li>The table is also in "));
    js_buf_puts(b, "<a href=\"");
    js_html_escape(b, t->file);
    js_buf_puts(b, "\">");
    js_html_escape(b, t->file);
    js_buf_puts(b, js_text(lang, "</a> och indicators.xlsx.</li>", "</a> and indicators.xlsx.</li>"));
    js_buf_puts(b, "</ul>\n</section>\n");
    out_wide_fini(&w);
}
