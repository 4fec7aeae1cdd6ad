/*
 * test_px.c - the PC-Axis reader: tokeniser, hand-written PX texts, every
 * shared example file, and BE0101A1 against the county CSV.
 *
 * Expected values of the shared files were taken from the files themselves
 * with /tmp-style Python one-liners over the DATA block, e.g.
 *   python3 -c 'import re;b=open("Population/BE0101A1.px","rb").read().decode("cp1252");
 *     t=re.findall(r"\"[^\"]*\"|[^\s,\"]+", b[b.index("\nDATA=")+6:].split(";")[0]);
 *     print(len(t), t[0], t[32927])'
 *   -> 33936 13201 979
 * and the cell counts from FORMATS.md §2.2 / datasets/px/README.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../testutil.h" /* the Makefile has no -Itests */

#include "jamstat/read.h"
#include "read/px_lex.h"

/* ---- helpers ---------------------------------------------------------- */

static js_status read_px_mem(const char *text, const js_read_opts *o, js_cube **c, js_diag *d)
{
    js_source *s = NULL;
    cr_assert_eq(js_source_open_memory("mem.px", text, strlen(text), &s), JS_OK);
    const js_status st = js_read_px(s, o, c, d);
    js_source_free(s);
    return st;
}

static js_status read_px_path(const char *path, const js_read_opts *o, js_cube **c, js_diag *d)
{
    js_source *s = NULL;
    cr_assert_eq(js_source_open_file(path, &s, d), JS_OK, "cannot open %s", path);
    const js_status st = js_read_px(s, o, c, d);
    js_source_free(s);
    return st;
}

/* Does any diagnostic of at least sev contain all of the words? */
static int diag_has(const js_diag *d, js_severity sev, const char *w1, const char *w2)
{
    for (size_t i = 0; i < js_diag_size(d); i++) {
        const js_diag_msg *const m = js_diag_get(d, i);
        if (m->severity >= sev && m->text && strstr(m->text, w1) && (!w2 || strstr(m->text, w2)))
            return 1;
    }
    return 0;
}

static size_t diag_line_of(const js_diag *d, const char *word)
{
    for (size_t i = 0; i < js_diag_size(d); i++) {
        const js_diag_msg *const m = js_diag_get(d, i);
        if (m->severity == JS_SEV_ERROR && strstr(m->text, word))
            return m->line;
    }
    return 0;
}

/* A minimal valid header; tests append STUB/HEADING/VALUES/DATA. */
#define PX_HEAD                                                                                \
    "CHARSET=\"ANSI\";\nLANGUAGE=\"en\";\nMATRIX=\"T1\";\nSUBJECT-AREA=\"A\";\n"             \
    "SUBJECT-CODE=\"A\";\nTITLE=\"t\";\nCONTENTS=\"c\";\nUNITS=\"u\";\nDECIMALS=0;\n"

/* ---- tokeniser -------------------------------------------------------- */

Test(px_lex, entries_languages_subkeys_and_continued_strings)
{
    /* Expected items written by hand from FORMATS.md §1.1. */
    const char *const text = "NOTE[sv](\"ålder\", \"x\")=\"accord\"\n  \"ing\",\"b;=\";\n"
                             "TIMEVAL(\"t\")=TLIST(A1,\"1977\"-\"2019\");\n"
                             "CODES(\"sex\")=\"1\",\"2\",;\nKEYWORD = YES ;\nDATA=\n1 2;";
    js_source *s;
    cr_assert_eq(js_source_open_memory("m", text, strlen(text), &s), JS_OK);
    px_in in;
    px_header h;
    px_header_init(&h);
    cr_assert_eq(px_in_init(&in, s), JS_OK);
    cr_assert_eq(px_lex_header(&in, &h, "m", NULL), JS_OK);
    cr_assert(h.found_data);
    cr_assert_eq(h.n_entries, 5, "entries: %zu", h.n_entries);
    const px_entry *e = &h.entries[0];
    cr_assert_str_eq(e->keyword, "NOTE");
    cr_assert_str_eq(e->lang, "sv");
    cr_assert_eq(e->n_subkeys, 2);
    cr_assert_str_eq(e->subkeys[0], "ålder");
    cr_assert_eq(e->n_items, 2);
    cr_assert_str_eq(e->items[0], "according");
    cr_assert_str_eq(e->items[1], "b;=");
    cr_assert_str_eq(h.entries[1].items[0], "TLIST(A1,\"1977\"-\"2019\")");
    cr_assert_eq(h.entries[2].n_items, 3);
    cr_assert_str_eq(h.entries[2].items[2], "");
    cr_assert(h.trailing_empty);
    cr_assert_str_eq(h.entries[3].keyword, "KEYWORD");
    cr_assert_str_eq(h.entries[3].items[0], "YES");
    px_tok t;
    cr_assert_eq(px_data_next(&in, &t, "m", NULL), JS_OK);
    cr_assert_str_eq(t.text, "1");
    cr_assert_eq(t.line, 7);
    px_in_fini(&in);
    px_header_fini(&h);
    js_source_free(s);
}

Test(px_lex, broken_quote_recovers_at_next_semicolon)
{
    /* The error/ example files' defect: a quote followed directly by text. */
    const char *const text = "MATRIX=\"BE01\"01F1\";\nTITLE=\"ok\";\nDATA=";
    js_source *s;
    cr_assert_eq(js_source_open_memory("m", text, strlen(text), &s), JS_OK);
    px_in in;
    px_header h;
    px_header_init(&h);
    cr_assert_eq(px_in_init(&in, s), JS_OK);
    cr_assert_eq(px_lex_header(&in, &h, "m", NULL), JS_OK);
    cr_assert_eq(h.n_entries, 3);
    cr_assert_not_null(h.entries[0].error);
    cr_assert(strstr(h.entries[0].error, "found '0'") != NULL, "%s", h.entries[0].error);
    cr_assert_null(h.entries[1].error);
    cr_assert_str_eq(h.entries[1].items[0], "ok");
    px_in_fini(&in);
    px_header_fini(&h);
    js_source_free(s);
}

/* Lex text into h (px_header_init'ed here; the caller px_header_fini's it). */
static js_status lex_text(const char *text, px_header *h)
{
    js_source *s;
    cr_assert_eq(js_source_open_memory("m", text, strlen(text), &s), JS_OK);
    px_in in;
    px_header_init(h);
    cr_assert_eq(px_in_init(&in, s), JS_OK);
    const js_status st = px_lex_header(&in, h, "m", NULL);
    px_in_fini(&in);
    js_source_free(s);
    return st;
}

Test(px_lex, cut_after_keyword_says_expected_and_found)
{
    /* Expected texts written by hand: "expected " + what the lexer wanted +
     * ", found " + what it saw.  The message used to be allocated 2 bytes
     * short (fuzz corpus crash-cut-after-keyword.px).  Its strcat then wrote
     * into the next arena allocation, which only AddressSanitizer sees when
     * the message ends its arena block: so the header is tried with the
     * TITLE padded by 0..1039 bytes, which moves the message over every
     * 16-byte slot of the first 1 KiB block (one of them is its end), and
     * `make asan` catches the overflow whatever the arena's layout. */
    char text[1100];
    for (int pad = 0; pad < 1040; pad++) {
        (void)snprintf(text, sizeof text, "TITLE=\"%*s\";\nSTUB", pad, "");
        px_header h;
        cr_assert_eq(lex_text(text, &h), JS_OK);
        cr_assert_eq(h.n_entries, 2, "pad %d: entries %zu", pad, h.n_entries);
        const px_entry *const e = &h.entries[1];
        cr_assert_str_eq(e->keyword, "STUB");
        cr_assert_str_eq(e->error, "expected '=' after the keyword, found end of file",
                         "pad %d", pad);
        cr_assert_eq(e->error_line, 2);
        px_header_fini(&h);
    }
    /* The same 2 bytes short after an item: here the next allocation (the
     * entry's item array) is written over the message's last byte and its
     * NUL, so the text is wrong even without a sanitizer. */
    px_header h;
    cr_assert_eq(lex_text("HIERARCHIES(\"a\")=\"z\",\"a\":\x01;\nX=1;", &h), JS_OK);
    cr_assert_eq(h.n_entries, 2);
    cr_assert_str_eq(h.entries[0].error, "expected a quoted string after ':', found byte 01");
    cr_assert_eq(h.entries[0].n_items, 1);
    cr_assert_str_eq(h.entries[0].items[0], "z");
    cr_assert_null(h.entries[1].error, "lexing resumed after the ';'");
    px_header_fini(&h);
}

Test(px_lex, numbers)
{
    double v = 0;
    int sci = 0;
    cr_assert(px_parse_number("-12.5", &v, &sci));
    ASSERT_CLOSE(v, -12.5, 0);
    cr_assert(px_parse_number("1e3", &v, &sci) && sci);
    cr_assert(!px_parse_number("1,234", &v, &sci));
    cr_assert(!px_parse_number("-", &v, &sci));
    cr_assert(!px_parse_number("..", &v, &sci));
    cr_assert(!px_parse_number("12a", &v, &sci));
}

/* ---- hand-written PX texts -------------------------------------------- */

Test(px_read, symbols_order_and_roles)
{
    /* Cell order: stub vars first, last varies fastest (FORMATS.md §1.5). */
    const char *const text = PX_HEAD
        "STUB=\"region\";\nHEADING=\"period\",\"sex\";\n"
        "VALUES(\"region\")=\"00 Sweden\",\"01 Stockholm\";\nCODES(\"region\")=\"00\",\"01\";\n"
        "VALUES(\"period\")=\"2004\",\"2005\";\nTIMEVAL(\"period\")=TLIST(A1),\"2004\",\"2005\";\n"
        "VALUES(\"sex\")=\"men\",\"women\";\nCODES(\"sex\")=\"1\",\"2\";\n"
        "DATA=\n2.385 \"..\" \"-\" \"...\"\n\t7,\".\" -3 \"......\";\n";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(text, NULL, &c, d), JS_OK);
    cr_assert_eq(js_cube_ncells(c), 8);
    cr_assert_eq(js_cube_ndims(c), 3);
    cr_assert_eq(js_dim_role(js_cube_dim(c, 1)), JS_ROLE_TIME);
    cr_assert_eq(js_dim_role(js_cube_dim(c, 2)), JS_ROLE_SEX);
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 1)->code, "01");
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 1)->label, "01 Stockholm");
    ASSERT_CLOSE(js_cube_value(c, 0), 2.385, 1e-15);
    cr_assert_eq(js_cube_status(c, 1), JS_CELL_MISSING);
    cr_assert_str_eq(js_cube_symbol(c, 1), "..");
    cr_assert_eq(js_cube_status(c, 2), JS_CELL_NIL);
    cr_assert_eq(js_cube_status(c, 3), JS_CELL_SUPPRESSED);
    ASSERT_CLOSE(js_cube_value(c, 4), 7.0, 0);
    cr_assert_eq(js_cube_status(c, 5), JS_CELL_NA);
    ASSERT_CLOSE(js_cube_value(c, 6), -3.0, 0);
    cr_assert_eq(js_cube_status(c, 7), JS_CELL_MISSING);
    cr_assert(diag_has(d, JS_SEV_WARNING, "','", NULL), "a comma between cells warns");
    cr_assert_str_eq(js_cube_meta(c, JS_META_FORMAT), "px");
    js_cube_free(c);
    js_diag_free(d);
}

Test(px_read, wrong_cell_count_says_declared_and_found)
{
    const char *const text = PX_HEAD "STUB=\"a\";\nVALUES(\"a\")=\"x\",\"y\",\"z\";\n"
                                     "DATA=\n1 2;\n";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(text, NULL, &c, d), JS_EDATA);
    cr_assert_null(c);
    cr_assert(diag_has(d, JS_SEV_ERROR, "declared 3 cells", "found 2"));
    cr_assert(diag_has(d, JS_SEV_ERROR, "DATA (line 12)", NULL));
    js_diag_free(d);
}

Test(px_read, values_missing_names_variable_and_line)
{
    const char *const text = PX_HEAD "STUB=\"a\",\"b\";\nVALUES(\"a\")=\"x\";\nDATA=\n1;\n";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(text, NULL, &c, d), JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "VALUES(\"b\") missing", NULL));
    cr_assert_eq(diag_line_of(d, "VALUES(\"b\")"), 10, "line of STUB");
    js_diag_free(d);
}

Test(px_read, unbalanced_quote_and_missing_data)
{
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(PX_HEAD "NOTE=\"never closed;\n", NULL, &c, d), JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "unbalanced quotes", NULL));
    cr_assert_eq(diag_line_of(d, "unbalanced"), 10);
    js_diag_clear(d);
    cr_assert_eq(read_px_mem(PX_HEAD "STUB=\"a\";\nVALUES(\"a\")=\"x\";\n", NULL, &c, d),
                 JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "missing DATA", NULL));
    js_diag_free(d);
}

Test(px_read, cut_after_keyword_names_keyword_line_and_end_of_file)
{
    /* PX_HEAD is 9 lines, so the cut STUB is on line 10 (counted by hand). */
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(PX_HEAD "STUB", NULL, &c, d), JS_EDATA);
    cr_assert_null(c);
    cr_assert(diag_has(d, JS_SEV_ERROR,
                       "STUB (line 10): expected '=' after the keyword, found end of file", NULL));
    cr_assert_eq(diag_line_of(d, "STUB (line 10)"), 10);
    js_diag_free(d);
}

Test(px_read, junk_token_and_overflow_rejected)
{
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(PX_HEAD "STUB=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nDATA=\n1 x;",
                             NULL, &c, d),
                 JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "expected a number", "found x"));
    js_diag_clear(d);
    js_read_opts o;
    js_read_opts_init(&o);
    o.max_cells = 3;
    cr_assert_eq(read_px_mem(PX_HEAD "STUB=\"a\",\"b\";\nVALUES(\"a\")=\"x\",\"y\";\n"
                                     "VALUES(\"b\")=\"x\",\"y\";\nDATA=\n1 2 3 4;",
                             &o, &c, d),
                 JS_ENOMEM);
    cr_assert(diag_has(d, JS_SEV_ERROR, "4 cells", "limit of 3"));
    js_diag_free(d);
}

Test(px_read, keys_by_codes_absent_rows_are_zero)
{
    /* FORMATS.md §1.6: a KEYS file omits rows, which are zeros. */
    const char *const text = PX_HEAD
        "STUB=\"region\",\"age\";\nHEADING=\"year\";\n"
        "VALUES(\"region\")=\"A town\",\"B town\";\nCODES(\"region\")=\"A\",\"B\";\n"
        "VALUES(\"age\")=\"young\",\"old\";\nVALUES(\"year\")=\"2020\",\"2021\";\n"
        "KEYS(\"region\")=CODES;\nKEYS(\"age\")=VALUES;\n"
        "DATA=\n\"B\",\"old\",5 \"..\"\n\"A\",\"young\",1 2;\n";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(text, NULL, &c, d), JS_OK);
    cr_assert_eq(js_cube_ncells(c), 8);
    ASSERT_CLOSE(js_cube_value(c, 0), 1.0, 0);
    ASSERT_CLOSE(js_cube_value(c, 1), 2.0, 0);
    for (size_t i = 2; i < 6; i++) {
        cr_assert_eq(js_cube_status(c, i), JS_CELL_OK);
        ASSERT_CLOSE(js_cube_value(c, i), 0.0, 0);
    }
    ASSERT_CLOSE(js_cube_value(c, 6), 5.0, 0);
    cr_assert_eq(js_cube_status(c, 7), JS_CELL_MISSING);
    js_cube_free(c);
    js_diag_clear(d);
    const char *const dup = PX_HEAD "STUB=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nKEYS(\"a\")=VALUES;\n"
                                    "DATA=\n\"x\" 1\n\"x\" 2;";
    cr_assert_eq(read_px_mem(dup, NULL, &c, d), JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "repeats", NULL));
    js_diag_clear(d);
    const char *const unknown = PX_HEAD "STUB=\"a\";\nVALUES(\"a\")=\"x\";\nKEYS(\"a\")=VALUES;\n"
                                        "DATA=\n\"q\" 1;";
    cr_assert_eq(read_px_mem(unknown, NULL, &c, d), JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "\"q\" is not one of the VALUES", NULL));
    js_diag_free(d);
}

Test(px_read, windows_1252_and_language_choice)
{
    /* "V\xe4sby" is Väsby in Windows-1252; 0x85 is the ellipsis (U+2026). */
    const char *const text =
        "CHARSET=\"ANSI\";\nLANGUAGE=\"en\";\nLANGUAGES=\"en\",\"sv\";\nMATRIX=\"T\";\n"
        "SUBJECT-AREA=\"A\";\nSUBJECT-CODE=\"A\";\nTITLE=\"Title\x85\";\nTITLE[sv]=\"Titel\";\n"
        "CONTENTS=\"c\";\nUNITS=\"u\";\nUNITS[sv]=\"enh\";\nDECIMALS=0;\n"
        "STUB=\"region\";\nSTUB[sv]=\"omr\xe5\xe5\x64\x65\";\n"
        "VALUES(\"region\")=\"V\xe4sby\",\"Oslo\";\nVALUES[sv](\"omr\xe5\xe5\x64\x65\")=\"V\xe4sby "
        "kommun\",\"Oslo kommun\";\nCODES(\"region\")=\"0114\",\"0301\";\nDATA=\n1 2;\n";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(text, NULL, &c, d), JS_OK);
    cr_assert_str_eq(js_cube_meta(c, JS_META_ENCODING), "WINDOWS-1252");
    cr_assert_str_eq(js_cube_meta(c, JS_META_TITLE), "Title\xe2\x80\xa6");
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 0)->label, "V\xc3\xa4sby");
    js_cube_free(c);
    js_read_opts o;
    js_read_opts_init(&o);
    o.language = "sv";
    cr_assert_eq(read_px_mem(text, &o, &c, d), JS_OK);
    cr_assert_str_eq(js_dim_name(js_cube_dim(c, 0)), "omr\xc3\xa5\xc3\xa5\x64\x65");
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 0)->label, "V\xc3\xa4sby kommun");
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 0)->code, "0114");
    cr_assert_str_eq(js_cube_meta(c, JS_META_UNIT), "enh");
    js_cube_free(c);
    js_diag_free(d);
}

Test(px_read, undeclared_language_rejected)
{
    const char *const text = PX_HEAD "LANGUAGES=\"en\",\"sv\";\nTITLE[svx]=\"x\";\n"
                                     "STUB=\"a\";\nVALUES(\"a\")=\"x\";\nDATA=\n1;";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(text, NULL, &c, d), JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "TITLE[svx]", "not declared"));
    cr_assert_eq(diag_line_of(d, "svx"), 11);
    js_diag_free(d);
}

Test(px_read, contvariable_units_and_notes)
{
    const char *const text = PX_HEAD
        "STUB=\"type\";\nCONTVARIABLE=\"type\";\nVALUES(\"type\")=\"In\",\"Out\";\n"
        "UNITS(\"In\")=\"persons\";\nUNITS(\"Out\")=\"persons\";\nNOTE=\"a\"\n\"b\";\n"
        "CELLNOTE(\"Out\")=\"cell note\";\nDATA=\n4 5;";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_px_mem(text, NULL, &c, d), JS_OK);
    cr_assert_eq(js_dim_role(js_cube_dim(c, 0)), JS_ROLE_CONTENTS);
    cr_assert_str_eq(js_cube_meta(c, JS_META_UNIT), "persons");
    int ab = 0, cell = 0;
    for (size_t i = 0; i < js_cube_nnotes(c); i++) {
        ab += strcmp(js_cube_note(c, i), "ab") == 0;
        cell += strstr(js_cube_note(c, i), "type=Out") != NULL;
    }
    cr_assert(ab && cell, "notes kept");
    js_cube_free(c);
    js_diag_clear(d);
    const char *const bad = PX_HEAD "STUB=\"type\";\nCONTVARIABLE=\"typex\";\n"
                                    "VALUES(\"type\")=\"In\";\nDATA=\n4;";
    cr_assert_eq(read_px_mem(bad, NULL, &c, d), JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "CONTVARIABLE", "typex"));
    js_diag_free(d);
}

Test(px_read, fuzz_like_inputs_never_crash)
{
    /* Truncations of a valid file at every length must return, not crash. */
    const char *const text = PX_HEAD "STUB=\"a\";\nHEADING=\"t\";\nVALUES(\"a\")=\"x\",\"y\";\n"
                                     "VALUES(\"t\")=\"2001\";\nKEYS(\"a\")=VALUES;\n"
                                     "DATA=\n\"x\",1 \"y\" \"..\";";
    const size_t n = strlen(text);
    size_t ok = 0;
    for (size_t len = 0; len <= n; len++) {
        char *const buf = malloc(len + 1);
        memcpy(buf, text, len);
        buf[len] = '\0';
        js_diag *d = js_diag_alloc();
        js_cube *c = NULL;
        js_source *s;
        cr_assert_eq(js_source_open_memory("t", buf, len, &s), JS_OK);
        if (js_read_px(s, NULL, &c, d) == JS_OK)
            ok++;
        js_cube_free(c);
        js_source_free(s);
        js_diag_free(d);
        free(buf);
    }
    cr_assert_geq(ok, 1, "the whole text (and its ';'-less prefix) loads");
}

/* ---- the shared example files ------------------------------------------ */

typedef struct px_case {
    const char *file;
    size_t cells;    /* 0 = must be rejected */
    const char *kw;  /* rejected: keyword the error names */
    size_t line;     /* rejected: line the error names */
    int warn;        /* loads with at least one warning */
} px_case;

/* Cells and outcomes: datasets/px/README.md and FORMATS.md §2.2-2.4; error
 * lines read off the files (grep -n). */
static const px_case px_cases[] = {
    {"px/Population/BE0101A1.px", 33936, NULL, 0, 0},
    {"px/Population/BE101ACE.px", 8064, NULL, 0, 1},
    {"px/keys/BE101ACEkeys.px", 8064, NULL, 0, 0},
    {"px/keys/BE0101F1symbnotkeys.px", 48, NULL, 0, 0},
    {"px/Month/PR0101B3.px", 324, NULL, 0, 0},
    {"px/Month/PR0101D8.px", 58, NULL, 0, 0},
    {"px/Quarter/HA0201E8.px", 117, NULL, 0, 0},
    {"px/NPM/BE0101F1datasymbols.px", 24, NULL, 0, 0},
    {"px/NPM/BE0101F1nilSymbol.px", 48, NULL, 0, 0},
    {"px/NPM/EXEMPEL1.PX", 48, NULL, 0, 0},
    {"px/multilanguage/BE0101F1langensvolikacelln.px", 48, NULL, 0, 0},
    {"px/percent/BE0101A1proc.px", 96, NULL, 0, 0},
    {"px/error/continue/BE0101F1errorNote.px", 48, NULL, 0, 1},
    {"px/error/continue/BE0101F1errorShowdecimals.px", 48, NULL, 0, 1},
    {"px/error/fatal/BE0101F1errorMatrix.px", 0, "MATRIX", 8, 0},
    {"px/error/fatal/BE0101F1errorValues.px", 0, "VALUES", 18, 0},
    {"px/error/fatal/BE0101F1missingData.px", 0, "DATA", 0, 0},
    {"px/error/fatal/BE0101F1missingStubHeading.px", 0, "STUB and HEADING", 0, 0},
};

Test(px_shared, every_example_file_as_documented)
{
    REQUIRE_SHARED("px/README.md");
    for (size_t i = 0; i < sizeof px_cases / sizeof *px_cases; i++) {
        const px_case *const k = &px_cases[i];
        js_diag *d = js_diag_alloc();
        js_cube *c = NULL;
        const js_status st = read_px_path(shared_path(k->file), NULL, &c, d);
        if (k->cells != 0) {
            cr_expect_eq(st, JS_OK, "%s: status %d", k->file, st);
            cr_expect_eq(c ? js_cube_ncells(c) : 0, k->cells, "%s: %zu cells, expected %zu",
                         k->file, c ? js_cube_ncells(c) : 0, k->cells);
            if (k->warn)
                cr_expect_geq(js_diag_count(d, JS_SEV_WARNING), 1, "%s warns", k->file);
            cr_expect_eq(js_diag_count(d, JS_SEV_ERROR), 0, "%s: no errors", k->file);
        } else {
            cr_expect_eq(st, JS_EDATA, "%s is rejected", k->file);
            cr_expect(diag_has(d, JS_SEV_ERROR, k->kw, NULL), "%s: error names %s", k->file,
                      k->kw);
            const size_t line = diag_line_of(d, k->kw);
            cr_expect(k->line == 0 ? line > 0 : line == k->line, "%s: line %zu", k->file, line);
        }
        js_cube_free(c);
        js_diag_free(d);
    }
}

Test(px_shared, be0101a1_values_and_roles)
{
    REQUIRE_SHARED("px/Population/BE0101A1.px");
    js_cube *c = NULL;
    js_diag *d = js_diag_alloc();
    cr_assert_eq(read_px_path(shared_path("px/Population/BE0101A1.px"), NULL, &c, d), JS_OK);
    /* Token 0 = 13201 and token 32927 = 979 (Python one-liner in the header);
     * 32927 = ((((20*4+1)*101+50)*2+1)*2+1): Norrbotten, married, 50, women, 2005. */
    ASSERT_CLOSE(js_cube_value(c, 0), 13201, 0);
    size_t idx[5] = {20, 1, 50, 1, 1};
    cr_assert_eq(js_cube_cell_index(c, idx), 32927);
    ASSERT_CLOSE(js_cube_value(c, 32927), 979, 0);
    cr_assert_eq(js_cube_dim_by_role(c, JS_ROLE_REGION), 0);
    cr_assert_eq(js_cube_dim_by_role(c, JS_ROLE_SEX), 3);
    cr_assert_eq(js_cube_dim_by_role(c, JS_ROLE_TIME), 4);
    cr_assert_str_eq(js_cube_meta(c, JS_META_ENCODING), "WINDOWS-1252");
    /* NOTEX continues "accord" "ing": concatenated with nothing inserted. */
    int found = 0;
    for (size_t i = 0; i < js_cube_nnotes(c); i++)
        found |= strstr(js_cube_note(c, i), "according to") != NULL;
    cr_assert(found);
    js_cube_free(c);
    js_diag_free(d);
}

Test(px_shared, keys_file_equals_dense_file)
{
    /* BE101ACEkeys.px is BE101ACE.px written sparsely (checked with Python:
     * all 8,064 cells agree, 6 rows absent = 0). */
    REQUIRE_SHARED("px/keys/BE101ACEkeys.px");
    js_cube *a = NULL, *k = NULL;
    js_diag *d = js_diag_alloc();
    cr_assert_eq(read_px_path(shared_path("px/Population/BE101ACE.px"), NULL, &a, d), JS_OK);
    cr_assert_eq(read_px_path(shared_path("px/keys/BE101ACEkeys.px"), NULL, &k, d), JS_OK);
    cr_assert_eq(js_cube_ncells(a), js_cube_ncells(k));
    for (size_t i = 0; i < js_cube_ncells(a); i++)
        ASSERT_CLOSE(js_cube_value(k, i), js_cube_value(a, i), 0);
    /* married (1) 0-4 (0) is one of the omitted rows: cell (1*21+0)*96 = 2016. */
    ASSERT_CLOSE(js_cube_value(k, 2016), 0.0, 0);
    ASSERT_CLOSE(js_cube_value(k, 96), 272859, 0); /* single 5-9, first column */
    js_cube_free(a);
    js_cube_free(k);
    js_diag_free(d);
}

Test(px_shared, datasymbols_and_multilanguage)
{
    REQUIRE_SHARED("px/NPM/BE0101F1datasymbols.px");
    js_cube *c = NULL;
    js_diag *d = js_diag_alloc();
    cr_assert_eq(read_px_path(shared_path("px/NPM/BE0101F1datasymbols.px"), NULL, &c, d), JS_OK);
    /* DATA rows "456 \".\"", "613 \"..\"", "835 \"...\"" (read off the file). */
    cr_assert_eq(js_cube_status(c, 1), JS_CELL_NA);
    cr_assert_eq(js_cube_status(c, 3), JS_CELL_MISSING);
    cr_assert_eq(js_cube_status(c, 5), JS_CELL_SUPPRESSED);
    cr_assert_str_eq(js_cube_symbol(c, 11), "......");
    ASSERT_CLOSE(js_cube_value(c, 23), 23, 0);
    js_cube_free(c);
    js_read_opts o;
    js_read_opts_init(&o);
    o.language = "sv";
    const char *const f = "px/multilanguage/BE0101F1langensvolikacelln.px";
    cr_assert_eq(read_px_path(shared_path(f), &o, &c, d), JS_OK);
    cr_assert_str_eq(js_dim_name(js_cube_dim(c, 4)), "k\xc3\xb6n");
    cr_assert_str_eq(js_dim_category(js_cube_dim(c, 4), 1)->label, "kvinnor");
    cr_assert_eq(js_dim_role(js_cube_dim(c, 3)), JS_ROLE_CONTENTS);
    cr_assert_str_eq(js_cube_meta(c, JS_META_UNIT), "antal");
    ASSERT_CLOSE(js_cube_value(c, 47), 35, 0); /* last DATA token */
    js_cube_free(c);
    js_diag_free(d);
}

/* Sum BE0101A1 over marital status, age and sex per county and year. */
static void px_county_sums(const js_cube *c, double sums[21][2])
{
    memset(sums, 0, 21 * 2 * sizeof(double));
    size_t idx[5];
    for (size_t i = 0; i < js_cube_ncells(c); i++) {
        js_cube_cell_coords(c, i, idx);
        sums[idx[0]][idx[4]] += js_cube_value(c, i);
    }
}

Test(px_shared, be0101a1_county_totals_equal_the_csv)
{
    REQUIRE_SHARED("px/Population/BE0101A1.px");
    REQUIRE_SHARED("scb-county-population-1968-2015.csv");
    js_cube *c = NULL;
    js_diag *d = js_diag_alloc();
    cr_assert_eq(read_px_path(shared_path("px/Population/BE0101A1.px"), NULL, &c, d), JS_OK);
    double sums[21][2];
    px_county_sums(c, sums);
    /* The CSV side, summed by awk run here: year,region_code,...,population. */
    char cmd[4200];
    snprintf(cmd, sizeof cmd,
             "awk -F, 'NR>1 && ($1==2004||$1==2005){s[$1\" \"$2]+=$NF} "
             "END{for(k in s) print k, s[k]}' '%s'",
             shared_path("scb-county-population-1968-2015.csv"));
    FILE *const p = popen(cmd, "r");
    cr_assert_not_null(p);
    const js_dim *const region = js_cube_dim(c, 0);
    const js_dim *const period = js_cube_dim(c, 4);
    int year, n = 0;
    char code[16];
    double total;
    while (fscanf(p, "%d %15s %lf", &year, code, &total) == 3) {
        const size_t r = js_dim_find(region, code);
        char ys[8];
        snprintf(ys, sizeof ys, "%d", year);
        const size_t t = js_dim_find(period, ys);
        cr_assert(r != SIZE_MAX && t != SIZE_MAX, "county %s year %d in the cube", code, year);
        cr_assert(!(sums[r][t] < total || sums[r][t] > total), "%s %d: px %.17g, csv %.17g", code,
                  year, sums[r][t], total);
        n++;
    }
    pclose(p);
    cr_assert_eq(n, 42, "21 counties x 2 years compared, got %d", n);
    js_cube_free(c);
    js_diag_free(d);
}

/* ---- streaming by the first variable (js_read_opts.partition) ------------ */

enum { PARTS_MAX = 64 };

/* What a partition callback saw: the cubes it was handed (owned here). */
typedef struct parts {
    js_cube *cubes[PARTS_MAX];
    size_t n;      /* calls so far */
    size_t fail_at; /* return JS_EDATA on this call (1-based); 0 = never */
} parts;

static js_status collect_part(js_cube *part, void *user, js_diag *d)
{
    (void)d;
    parts *const p = user;
    cr_assert_lt(p->n, PARTS_MAX, "more partitions than the test expects");
    cr_assert(js_cube_check(part));
    p->cubes[p->n++] = part;
    return p->n == p->fail_at ? JS_EDATA : JS_OK;
}

static void parts_free(parts *p)
{
    for (size_t i = 0; i < p->n; i++)
        js_cube_free(p->cubes[i]);
    p->n = 0;
}

static void stream_opts(js_read_opts *o, const char *by, parts *p)
{
    js_read_opts_init(o);
    o->partition = by;
    o->on_partition = collect_part;
    o->user = p;
    memset(p, 0, sizeof *p);
}

/* The partitions, one after another, are the whole cube: same dimensions
 * (the first cut to one category each, in order), same cells (value bits,
 * status, symbol), same metadata and notes. */
static void assert_parts_equal_whole(const parts *p, const js_cube *whole)
{
    const js_dim *const first = js_cube_dim(whole, 0);
    cr_assert_eq(p->n, js_dim_size(first), "one call per category of the first variable: %zu "
                 "calls, %zu categories", p->n, js_dim_size(first));
    const size_t per = js_cube_ncells(whole) / js_dim_size(first);
    for (size_t k = 0; k < p->n; k++) {
        const js_cube *const c = p->cubes[k];
        cr_assert_eq(js_cube_ndims(c), js_cube_ndims(whole));
        cr_assert_eq(js_dim_size(js_cube_dim(c, 0)), 1);
        cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 0)->code,
                         js_dim_category(first, k)->code);
        cr_assert_str_eq(js_dim_category(js_cube_dim(c, 0), 0)->label,
                         js_dim_category(first, k)->label);
        for (size_t i = 0; i < js_cube_ndims(c); i++) {
            cr_assert_str_eq(js_dim_name(js_cube_dim(c, i)), js_dim_name(js_cube_dim(whole, i)));
            cr_assert_eq(js_dim_role(js_cube_dim(c, i)), js_dim_role(js_cube_dim(whole, i)));
            if (i > 0)
                cr_assert_eq(js_dim_size(js_cube_dim(c, i)), js_dim_size(js_cube_dim(whole, i)));
        }
        cr_assert_eq(js_cube_ncells(c), per);
        for (size_t i = 0; i < per; i++) {
            const size_t w = k * per + i;
            cr_assert_eq(js_cube_status(c, i), js_cube_status(whole, w), "part %zu cell %zu", k, i);
            const double a = js_cube_value(c, i), b = js_cube_value(whole, w);
            cr_assert(memcmp(&a, &b, sizeof a) == 0, "part %zu cell %zu: %.17g, whole %.17g", k,
                      i, a, b);
            const char *const sa = js_cube_symbol(c, i), *const sb = js_cube_symbol(whole, w);
            cr_assert((sa == NULL && sb == NULL) || (sa && sb && strcmp(sa, sb) == 0),
                      "part %zu cell %zu: symbol %s, whole %s", k, i, sa ? sa : "(none)",
                      sb ? sb : "(none)");
        }
        for (js_meta m = JS_META_TITLE; m < JS_META_COUNT_; m++) {
            const char *const ma = js_cube_meta(c, m), *const mb = js_cube_meta(whole, m);
            cr_assert((ma == NULL && mb == NULL) || (ma && mb && strcmp(ma, mb) == 0));
        }
        cr_assert_eq(js_cube_decimals(c), js_cube_decimals(whole));
        cr_assert_eq(js_cube_nnotes(c), js_cube_nnotes(whole));
        for (size_t i = 0; i < js_cube_nnotes(c); i++)
            cr_assert_str_eq(js_cube_note(c, i), js_cube_note(whole, i));
    }
}

/* Stream a shared file by `by` and compare with the whole read. */
static void stream_shared(const char *rel, const char *by)
{
    js_diag *d = js_diag_alloc();
    js_cube *whole = NULL, *none = (js_cube *)1;
    cr_assert_eq(read_px_path(shared_path(rel), NULL, &whole, d), JS_OK, "%s", rel);
    js_read_opts o;
    static parts p;
    stream_opts(&o, by, &p);
    cr_assert_eq(read_px_path(shared_path(rel), &o, &none, d), JS_OK, "%s streamed", rel);
    cr_assert_null(none, "streaming returns no cube");
    assert_parts_equal_whole(&p, whole);
    parts_free(&p);
    js_cube_free(whole);
    js_diag_free(d);
}

Test(px_stream, shared_files_partitions_equal_the_whole_cube)
{
    /* BE0101A1: dense, 21 regions x 4 x 101 x 2 x 2 = 33,936 cells. */
    REQUIRE_SHARED("px/Population/BE0101A1.px");
    stream_shared("px/Population/BE0101A1.px", "region");
    /* KEYS with CODES rows, 6 rows absent (zeros), one partition per
     * marital status; BE0101F1symbnotkeys: KEYS, data symbols and a
     * DATANOTECELL with "*" for the first variable. */
    REQUIRE_SHARED("px/keys/BE101ACEkeys.px");
    stream_shared("px/keys/BE101ACEkeys.px", "MARITAL STATUS");
    REQUIRE_SHARED("px/keys/BE0101F1symbnotkeys.px");
    stream_shared("px/keys/BE0101F1symbnotkeys.px", "region");
    REQUIRE_SHARED("px/NPM/BE0101F1datasymbols.px");
    js_cube *c = NULL;
    js_diag *d = js_diag_alloc();
    cr_assert_eq(read_px_path(shared_path("px/NPM/BE0101F1datasymbols.px"), NULL, &c, d), JS_OK);
    char by[256];
    snprintf(by, sizeof by, "%s", js_dim_name(js_cube_dim(c, 0)));
    js_cube_free(c);
    js_diag_free(d);
    stream_shared("px/NPM/BE0101F1datasymbols.px", by);
}

/* Two regions x two ages x one year; "B" has no KEYS rows at all. */
#define PX_STREAM_KEYS                                                                      \
    PX_HEAD "STUB=\"region\",\"age\";\nHEADING=\"year\";\n"                                 \
            "VALUES(\"region\")=\"A town\",\"B town\",\"C town\";\n"                        \
            "CODES(\"region\")=\"A\",\"B\",\"C\";\n"                                        \
            "VALUES(\"age\")=\"young\",\"old\";\nVALUES(\"year\")=\"2020\";\n"              \
            "KEYS(\"region\")=CODES;\nKEYS(\"age\")=VALUES;\n"                              \
            "DATANOTECELL(\"C\",\"*\",\"*\")=\"p\";\n"

Test(px_stream, keys_rows_absent_categories_and_cell_notes)
{
    const char *const text = PX_STREAM_KEYS "DATA=\n\"A\",\"old\",1\n\"C\",\"young\",\"..\"\n"
                                            "\"C\",\"old\",3;\n";
    js_diag *d = js_diag_alloc();
    js_cube *whole = NULL, *none = NULL;
    cr_assert_eq(read_px_mem(text, NULL, &whole, d), JS_OK);
    js_read_opts o;
    static parts p;
    stream_opts(&o, "Region", &p);
    cr_assert_eq(read_px_mem(text, &o, &none, d), JS_OK);
    assert_parts_equal_whole(&p, whole);
    /* B town: zeros; C town old: 3 flagged "p" by DATANOTECELL("C",...) */
    ASSERT_CLOSE(js_cube_value(p.cubes[1], 1), 0.0, 0);
    cr_assert_str_eq(js_cube_symbol(p.cubes[2], 1), "p");
    cr_assert_null(js_cube_symbol(p.cubes[0], 0), "the note is on region C only");
    parts_free(&p);
    js_cube_free(whole);
    /* rows out of the first variable's order cannot be streamed */
    const char *const unordered = PX_STREAM_KEYS "DATA=\n\"C\",\"old\",1\n\"A\",\"old\",3;\n";
    js_diag_clear(d);
    stream_opts(&o, "region", &p);
    cr_assert_eq(read_px_mem(unordered, &o, &none, d), JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "grouped by \"region\"", "\"A town\" after the rows of"));
    cr_assert_eq(diag_line_of(d, "grouped"), 21, "the line of the out-of-order row");
    parts_free(&p);
    js_diag_free(d);
}

Test(px_stream, only_the_first_variable_and_callback_errors_stop)
{
    const char *const text = PX_HEAD "STUB=\"region\",\"sex\";\n"
                                     "VALUES(\"region\")=\"01\",\"03\",\"04\";\n"
                                     "VALUES(\"sex\")=\"men\",\"women\";\n"
                                     "DATA=\n1 2\n3 4\n5 6;\n";
    js_diag *d = js_diag_alloc();
    js_cube *none = NULL;
    js_read_opts o;
    static parts p;
    stream_opts(&o, "sex", &p);
    cr_assert_eq(read_px_mem(text, &o, &none, d), JS_EUSAGE);
    cr_assert(diag_has(d, JS_SEV_ERROR, "cannot stream by \"sex\"",
                       "only the first stub variable can be streamed"));
    cr_assert_eq(p.n, 0);
    /* the callback's error stops the read: no third call */
    js_diag_clear(d);
    stream_opts(&o, "REGION", &p);
    p.fail_at = 2;
    cr_assert_eq(read_px_mem(text, &o, &none, d), JS_EDATA);
    cr_assert_eq(p.n, 2);
    ASSERT_CLOSE(js_cube_value(p.cubes[1], 1), 4.0, 0);
    parts_free(&p);
    /* a short DATA block: the complete partitions went out, then the error */
    js_diag_clear(d);
    const char *const shorter = PX_HEAD "STUB=\"region\",\"sex\";\n"
                                        "VALUES(\"region\")=\"01\",\"03\",\"04\";\n"
                                        "VALUES(\"sex\")=\"men\",\"women\";\nDATA=\n1 2\n3;\n";
    stream_opts(&o, "region", &p);
    cr_assert_eq(read_px_mem(shorter, &o, &none, d), JS_EDATA);
    cr_assert(diag_has(d, JS_SEV_ERROR, "declared 6 cells", "found 3"));
    cr_assert_eq(p.n, 1);
    parts_free(&p);
    js_diag_free(d);
}
