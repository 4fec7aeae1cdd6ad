/*
 * test_tsv.c - the Eurostat TSV reader, and the cross-format test: one
 * small table written by hand as PX (tests/data/px/cross.px), JSON-stat
 * (tests/data/jsonstat/cross.json) and Eurostat TSV (tests/data/tsv/
 * cross.tsv) must give cubes with the same dimensions, codes, roles, values
 * and statuses.  (Symbol texts differ by format - ".." vs ":" - and are not
 * compared; labels differ too: TSV has only codes.)
 */
#include <string.h>
#include <zlib.h>

#include "../testutil.h" /* the Makefile has no -Itests */

#include "jamstat/read.h"

static js_status read_tsv_mem(const void *bytes, size_t n, js_cube **c, js_diag *d)
{
    js_source *s = NULL;
    cr_assert_eq(js_source_open_memory("mem.tsv", bytes, n, &s), JS_OK);
    const js_status st = js_read_tsv(s, NULL, c, d);
    js_source_free(s);
    return st;
}

/* Flags and descending periods, written from FORMATS.md §4.5's examples. */
static const char legacy[] = "unit,sex,age,geo\\time\t2021 \t2020 \n"
                             "YR,F,Y_GE65,SE\t84.2 bep\t: c\n"
                             "YR,M,Y_GE65,SE\t82.5 b\t79.4 \n"
                             "YR,T,Y_GE65,SE\t: \t83.4 p\r\n";

Test(tsv, legacy_header_flags_and_descending_periods)
{
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_tsv_mem(legacy, strlen(legacy), &c, d), JS_OK);
    cr_assert_eq(js_cube_ndims(c), 5);
    cr_assert_eq(js_cube_ncells(c), 6);
    const js_dim *const time = js_cube_dim(c, 4);
    cr_assert_str_eq(js_dim_name(time), "time");
    cr_assert_eq(js_dim_role(time), JS_ROLE_TIME);
    cr_assert_str_eq(js_dim_category(time, 0)->code, "2020", "periods ascending");
    cr_assert_eq(js_dim_role(js_cube_dim(c, 1)), JS_ROLE_SEX, "F/M/T understood");
    cr_assert_eq(js_dim_role(js_cube_dim(c, 3)), JS_ROLE_REGION);
    /* cells: (F,2020) (F,2021) (M,2020) (M,2021) (T,2020) (T,2021) */
    cr_assert_eq(js_cube_status(c, 0), JS_CELL_SUPPRESSED);
    cr_assert_str_eq(js_cube_symbol(c, 0), "c");
    ASSERT_CLOSE(js_cube_value(c, 1), 84.2, 1e-15);
    cr_assert_eq(js_cube_status(c, 1), JS_CELL_OK);
    cr_assert_str_eq(js_cube_symbol(c, 1), "bep");
    ASSERT_CLOSE(js_cube_value(c, 2), 79.4, 1e-15);
    cr_assert_null(js_cube_symbol(c, 2));
    cr_assert_eq(js_cube_status(c, 5), JS_CELL_MISSING);
    cr_assert_str_eq(js_cube_symbol(c, 4), "p");
    js_cube_free(c);
    js_diag_free(d);
}

Test(tsv, age_codes_are_harmonised)
{
    /* Eurostat age codes (harmonise.h lists Y15-64, Y_GE65, Y_LT15, TOTAL). */
    const char text[] = "age,geo\\TIME_PERIOD\t2020 \n"
                        "TOTAL,SE\t1 \nY15-64,SE\t2 \nY_GE65,SE\t3 \nY_LT15,SE\t4 \n";
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_tsv_mem(text, strlen(text), &c, d), JS_OK);
    const js_dim *const age = js_cube_dim(c, 0);
    cr_assert_eq(js_dim_role(age), JS_ROLE_AGE, "all four codes fit the age role");
    cr_assert(js_dim_category(age, 0)->is_total, "TOTAL is a total");
    ASSERT_CLOSE(js_dim_category(age, 1)->age_lo, 15, 0);
    ASSERT_CLOSE(js_dim_category(age, 1)->age_hi, 65, 0);
    ASSERT_CLOSE(js_dim_category(age, 2)->age_lo, 65, 0);
    ASSERT_CLOSE(js_dim_category(age, 3)->age_hi, 15, 0);
    js_cube_free(c);
    js_diag_free(d);
}

/* text[0..n) gzipped by zlib (one gzip member); caller frees; *n_gz its size. */
static unsigned char *gzip_bytes(const void *text, size_t n, size_t *n_gz)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    cr_assert_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    const size_t cap = deflateBound(&z, (uLong)n) + 32; /* + the gzip header and trailer */
    unsigned char *const gz = malloc(cap);
    cr_assert_not_null(gz);
    z.next_in = (unsigned char *)(uintptr_t)text;
    z.avail_in = (uInt)n;
    z.next_out = gz;
    z.avail_out = (uInt)cap;
    cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    *n_gz = cap - z.avail_out;
    deflateEnd(&z);
    cr_assert_eq(gz[0], 0x1F);
    cr_assert_eq(gz[1], 0x8B);
    return gz;
}

Test(tsv, gzip_input)
{
    size_t n = 0;
    unsigned char *const gz = gzip_bytes(legacy, strlen(legacy), &n);
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_tsv_mem(gz, n, &c, d), JS_OK);
    ASSERT_CLOSE(js_cube_value(c, 1), 84.2, 1e-15);
    js_cube_free(c);
    js_diag_free(d);
    free(gz);
}

/* ---- files over one 64 KiB chunk, plain and gzip ------------------------------ */

/* The generated file: unit,sex,geo\TIME_PERIOD with the periods 2021 2020
 * 2019 (descending, as Eurostat writes them), a row per geo Gggggg and sex
 * F/M (geo outer).  Cell (g, s, year 2019 + p) holds big_value(g, s, p);
 * 2021 is flagged "p", except for every 7th geo where it is ": c". */
enum { BIG_GEOS = 6000 }; /* 12000 rows of about 36 bytes: 430 KB, seven chunks */

static double big_value(size_t g, size_t s, size_t p)
{
    return (double)(g * 4 + s * 2 + p) + 0.25; /* exact in binary and in %.2f */
}

static int big_suppressed(size_t g, size_t p)
{
    return p == 2 && g % 7 == 0;
}

/* The text (caller frees), *len its size.  Row ragged_row (0-based; SIZE_MAX:
 * none) gets one value more (ragged_delta > 0) or its last one dropped. */
static char *big_tsv(size_t ragged_row, int ragged_delta, size_t *len)
{
    const size_t cap = 64 + (size_t)BIG_GEOS * 2 * 64;
    char *const t = malloc(cap);
    cr_assert_not_null(t);
    size_t n = (size_t)snprintf(t, cap, "unit,sex,geo\\TIME_PERIOD\t2021 \t2020 \t2019 \n");
    for (size_t g = 0; g < BIG_GEOS; g++)
        for (size_t s = 0; s < 2; s++) {
            const size_t row = g * 2 + s;
            char y2021[32];
            if (big_suppressed(g, 2))
                snprintf(y2021, sizeof y2021, ": c");
            else
                snprintf(y2021, sizeof y2021, "%.2f p", big_value(g, s, 2));
            n += (size_t)snprintf(t + n, cap - n, "NR,%s,G%05zu\t%s\t%.2f ", s ? "M" : "F", g,
                                  y2021, big_value(g, s, 1));
            if (row != ragged_row || ragged_delta > 0)
                n += (size_t)snprintf(t + n, cap - n, "\t%.2f ", big_value(g, s, 0));
            if (row == ragged_row && ragged_delta > 0)
                n += (size_t)snprintf(t + n, cap - n, "\t9 ");
            n += (size_t)snprintf(t + n, cap - n, "\n");
        }
    cr_assert_lt(n, cap);
    *len = n;
    return t;
}

static js_status read_named(const char *name, const void *bytes, size_t n, js_cube **c,
                            js_diag *d)
{
    js_source *s = NULL;
    cr_assert_eq(js_source_open_memory(name, bytes, n, &s), JS_OK);
    const js_status st = js_read(s, NULL, c, d); /* format detected, as the CLI does */
    js_source_free(s);
    return st;
}

/* The cube of big_tsv(SIZE_MAX, ...): sizes, every cell's status, the sum of
 * the present values and a few cells, the last row's among them, all
 * against big_value. */
static void check_big(const js_cube *c, const char *what)
{
    cr_assert_eq(js_cube_ndims(c), 4, "%s", what);
    cr_assert_eq(js_cube_ncells(c), (size_t)BIG_GEOS * 2 * 3, "%s: cells %zu", what,
                 js_cube_ncells(c));
    double want_sum = 0;
    size_t want_ok = 0;
    for (size_t g = 0; g < BIG_GEOS; g++)
        for (size_t s = 0; s < 2; s++)
            for (size_t p = 0; p < 3; p++)
                if (!big_suppressed(g, p)) {
                    want_sum += big_value(g, s, p);
                    want_ok++;
                }
    double sum = 0;
    size_t n_ok = 0;
    for (size_t i = 0; i < js_cube_ncells(c); i++)
        if (js_cube_status(c, i) == JS_CELL_OK) {
            sum += js_cube_value(c, i);
            n_ok++;
        }
    cr_assert_eq(n_ok, want_ok, "%s: present cells", what);
    ASSERT_CLOSE(sum, want_sum, 1e-12);
    const size_t cases[][2] = {{0, 0}, {1, 1}, {BIG_GEOS / 2, 0}, {BIG_GEOS - 1, 1}};
    static const char *const years[] = {"2019", "2020", "2021"};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const size_t g = cases[k][0], s = cases[k][1];
        char geo[16];
        snprintf(geo, sizeof geo, "G%05zu", g);
        for (size_t p = 0; p < 3; p++) {
            const size_t idx[4] = {js_dim_find(js_cube_dim(c, 0), "NR"),
                                   js_dim_find(js_cube_dim(c, 1), s ? "M" : "F"),
                                   js_dim_find(js_cube_dim(c, 2), geo),
                                   js_dim_find(js_cube_dim(c, 3), years[p])};
            for (size_t i = 0; i < 4; i++)
                cr_assert_neq(idx[i], SIZE_MAX, "%s: %s %s: dimension %zu", what, geo,
                              years[p], i);
            const size_t cell = js_cube_cell_index(c, idx);
            if (big_suppressed(g, p)) {
                cr_assert_eq(js_cube_status(c, cell), JS_CELL_SUPPRESSED, "%s: %s", what, geo);
                cr_assert_str_eq(js_cube_symbol(c, cell), "c");
                continue;
            }
            cr_assert_eq(js_cube_status(c, cell), JS_CELL_OK, "%s: %s %s", what, geo, years[p]);
            ASSERT_CLOSE(js_cube_value(c, cell), big_value(g, s, p), 0);
            if (p == 2)
                cr_assert_str_eq(js_cube_symbol(c, cell), "p");
            else
                cr_assert_null(js_cube_symbol(c, cell));
        }
    }
}

Test(tsv, file_over_one_chunk_is_read_whole)
{
    size_t n = 0;
    char *const text = big_tsv(SIZE_MAX, 0, &n);
    cr_assert_gt(n, 6 * 65536, "the file spans several 64 KiB chunks (%zu bytes)", n);
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    const js_status st = read_named("big.tsv", text, n, &c, d);
    if (st != JS_OK)
        js_diag_print(d, stderr, "test_tsv");
    cr_assert_eq(st, JS_OK);
    check_big(c, "plain");
    cr_assert_str_eq(js_cube_meta(c, JS_META_FORMAT), "eurostat-tsv");
    js_cube_free(c);
    js_diag_free(d);
    free(text);
}

Test(tsv, gzip_over_one_chunk_by_name_and_content)
{
    size_t n = 0, n_gz = 0;
    char *const text = big_tsv(SIZE_MAX, 0, &n);
    unsigned char *const gz = gzip_bytes(text, n, &n_gz);
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_named("big.tsv.gz", gz, n_gz, &c, d), JS_OK);
    check_big(c, "gzip");
    cr_assert_str_eq(js_cube_meta(c, JS_META_ENCODING), "UTF-8 (gzip)");
    js_cube_free(c);
    c = NULL;
    /* detected by its magic bytes whatever the name */
    cr_assert_eq(read_named("download", gz, n_gz, &c, d), JS_OK);
    check_big(c, "gzip named without .gz");
    js_cube_free(c);
    cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 0);
    js_diag_free(d);
    free(gz);
    free(text);
}

Test(tsv, gzip_members_after_the_first_are_read)
{
    /* gzip a b > ab.gz: the first 5000 rows, then the rest, as two members */
    size_t n = 0;
    char *const text = big_tsv(SIZE_MAX, 0, &n);
    const char *const cut = strstr(text, "NR,F,G02500\t");
    cr_assert_not_null(cut);
    size_t n1 = 0, n2 = 0;
    unsigned char *const gz1 = gzip_bytes(text, (size_t)(cut - text), &n1);
    unsigned char *const gz2 = gzip_bytes(cut, n - (size_t)(cut - text), &n2);
    unsigned char *const both = malloc(n1 + n2);
    cr_assert_not_null(both);
    memcpy(both, gz1, n1);
    memcpy(both + n1, gz2, n2);
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_named("two.tsv.gz", both, n1 + n2, &c, d), JS_OK);
    check_big(c, "two gzip members");
    js_cube_free(c);
    c = NULL;
    /* bytes after the member that are not gzip: an error, not ignored */
    memcpy(both + n1, "garbage", 7);
    js_diag_clear(d);
    cr_assert_eq(read_named("trail.tsv.gz", both, n1 + 7, &c, d), JS_EDATA);
    cr_assert(strstr(js_diag_get(d, 0)->text, "corrupt gzip data") != NULL, "%s",
              js_diag_get(d, 0)->text);
    js_diag_free(d);
    free(both);
    free(gz1);
    free(gz2);
    free(text);
}

Test(tsv, truncated_gzip_is_an_error_naming_the_file)
{
    size_t n = 0, n_gz = 0;
    char *const text = big_tsv(SIZE_MAX, 0, &n);
    unsigned char *const gz = gzip_bytes(text, n, &n_gz);
    /* cut inside the header line, in half, and by 4 bytes: then all the
     * text is there, but not the end of the stream (its trailer: CRC-32 and
     * length).  The line is where the text stopped: 1, somewhere, and after
     * the header and the 12000 rows. */
    const size_t cuts[] = {20, n_gz / 2, n_gz - 4};
    const size_t lines[] = {1, 0 /* not checked */, 12002};
    for (size_t i = 0; i < 3; i++) {
        js_diag *d = js_diag_alloc();
        js_cube *c = NULL;
        cr_assert_eq(read_named("cut.tsv.gz", gz, cuts[i], &c, d), JS_EDATA, "cut at %zu",
                     cuts[i]);
        cr_assert_null(c);
        cr_assert_eq(js_status_exit_code(JS_EDATA), 65);
        cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 1);
        const js_diag_msg *const m = js_diag_get(d, 0);
        cr_assert_str_eq(m->path, "cut.tsv.gz");
        cr_assert(strstr(m->text, "truncated gzip stream") != NULL, "cut at %zu: %s", cuts[i],
                  m->text);
        if (lines[i] != 0)
            cr_assert_eq(m->line, lines[i], "cut at %zu: line %zu", cuts[i], m->line);
        js_diag_free(d);
    }
    /* a flipped byte in the trailer's CRC-32: zlib's check */
    gz[n_gz - 6] ^= 0x55;
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    cr_assert_eq(read_named("crc.tsv.gz", gz, n_gz, &c, d), JS_EDATA);
    cr_assert(strstr(js_diag_get(d, 0)->text, "corrupt gzip data") != NULL, "%s",
              js_diag_get(d, 0)->text);
    js_diag_free(d);
    free(gz);
    free(text);
}

Test(tsv, format_detected_by_gzip_magic_and_tsv_gz_name)
{
    /* A head with no backslash (not recognisable as Eurostat TSV): the
     * name decides; gzip bytes are TSV by content whatever the name. */
    const char head[] = "unit,geo|TIME_PERIOD\t2020\n";
    cr_assert_eq(js_detect_format(head, strlen(head), "x.tsv.gz"), JS_FORMAT_TSV);
    cr_assert_eq(js_detect_format(head, strlen(head), "X.TSV.GZ"), JS_FORMAT_TSV);
    cr_assert_eq(js_detect_format(head, strlen(head), "x.gz.csv"), JS_FORMAT_CSV);
    cr_assert_eq(js_detect_format(head, strlen(head), "x.px"), JS_FORMAT_PX);
    const char gz[] = "\x1F\x8B\x08\x00";
    cr_assert_eq(js_detect_format(gz, 4, "data.csv"), JS_FORMAT_TSV);
}

/* ---- ragged rows -------------------------------------------------------------- */

Test(tsv, ragged_rows_name_file_line_and_counts)
{
    /* Rows 9000 and 9001 (0-based; lines 9002 and 9003: the header is line 1)
     * lie past 64 KiB, so the line count runs across chunks.  Expected texts
     * by hand: 3 periods + the key = 4 cells. */
    static const struct { int delta; const char *found; } cases[] = {{+1, "found 5"},
                                                                     {-1, "found 3"}};
    for (size_t k = 0; k < 2; k++) {
        const size_t row = 9000 + k;
        size_t n = 0;
        char *const text = big_tsv(row, cases[k].delta, &n);
        js_diag *d = js_diag_alloc();
        js_cube *c = NULL;
        cr_assert_eq(read_named("ragged.tsv", text, n, &c, d), JS_EDATA);
        cr_assert_null(c);
        cr_assert_eq(js_diag_count(d, JS_SEV_ERROR), 1);
        const js_diag_msg *const m = js_diag_get(d, 0);
        cr_assert_str_eq(m->path, "ragged.tsv");
        cr_assert_eq(m->line, row + 2, "line %zu", m->line);
        char want[160];
        snprintf(want, sizeof want,
                 "series \"NR,%s,G04500\": expected 4 tab-separated cells (the series key "
                 "and 3 periods), %s",
                 k ? "M" : "F", cases[k].found);
        cr_assert_str_eq(m->text, want);
        js_diag_free(d);
        free(text);
    }
}

Test(tsv, errors_name_the_line)
{
    js_diag *d = js_diag_alloc();
    js_cube *c = NULL;
    const char bad[] = "geo\\time\t2020 \nSE\t12x \n";
    cr_assert_eq(read_tsv_mem(bad, strlen(bad), &c, d), JS_EDATA);
    cr_assert_eq(js_diag_get(d, 0)->line, 2);
    cr_assert(strstr(js_diag_get(d, 0)->text, "found \"12x\"") != NULL);
    js_diag_clear(d);
    const char cols[] = "geo\\time\t2020 \t2019 \nSE\t1 \n";
    cr_assert_eq(read_tsv_mem(cols, strlen(cols), &c, d), JS_EDATA);
    cr_assert(strstr(js_diag_get(d, 0)->text, "found 2") != NULL);
    js_diag_clear(d);
    const char nohead[] = "geo,time\t2020\n";
    cr_assert_eq(read_tsv_mem(nohead, strlen(nohead), &c, d), JS_EDATA);
    cr_assert_eq(js_diag_get(d, 0)->line, 1);
    js_diag_free(d);
}

/* ---- the same table in three formats ------------------------------------- */

typedef js_status (*reader_fn)(js_source *, const js_read_opts *, js_cube **, js_diag *);

static js_cube *read_fixture(const char *path, reader_fn fn)
{
    js_diag *d = js_diag_alloc();
    js_source *s = NULL;
    js_cube *c = NULL;
    cr_assert_eq(js_source_open_file(path, &s, d), JS_OK, "%s (run from the repo root)", path);
    const js_status st = fn(s, NULL, &c, d);
    if (st != JS_OK)
        js_diag_print(d, stderr, "test_tsv");
    cr_assert_eq(st, JS_OK, "%s", path);
    js_source_free(s);
    js_diag_free(d);
    return c;
}

static void assert_same_cube(const js_cube *a, const js_cube *b, const char *what)
{
    cr_assert_eq(js_cube_ndims(a), js_cube_ndims(b), "%s: dims", what);
    for (size_t i = 0; i < js_cube_ndims(a); i++) {
        const js_dim *const da = js_cube_dim(a, i), *const db = js_cube_dim(b, i);
        cr_assert_str_eq(js_dim_name(da), js_dim_name(db), "%s: dim %zu", what, i);
        cr_assert_eq(js_dim_role(da), js_dim_role(db), "%s: role of %s", what, js_dim_name(da));
        cr_assert_eq(js_dim_size(da), js_dim_size(db), "%s: size of %s", what, js_dim_name(da));
        for (size_t k = 0; k < js_dim_size(da); k++)
            cr_assert_str_eq(js_dim_category(da, k)->code, js_dim_category(db, k)->code,
                             "%s: %s category %zu", what, js_dim_name(da), k);
    }
    cr_assert_eq(js_cube_ncells(a), js_cube_ncells(b));
    for (size_t i = 0; i < js_cube_ncells(a); i++) {
        cr_assert_eq(js_cube_status(a, i), js_cube_status(b, i), "%s: status of cell %zu", what,
                     i);
        if (js_cube_status(a, i) == JS_CELL_OK)
            ASSERT_CLOSE(js_cube_value(b, i), js_cube_value(a, i), 0);
    }
}

Test(cross_format, px_jsonstat_tsv_agree)
{
    js_cube *const px = read_fixture("tests/data/px/cross.px", js_read_px);
    js_cube *const js = read_fixture("tests/data/jsonstat/cross.json", js_read_jsonstat);
    js_cube *const tsv = read_fixture("tests/data/tsv/cross.tsv", js_read_tsv);
    /* Hand-checked anchor values from the fixtures: 03/men/2020 = 189.875,
     * 03/men/2019 suppressed ("..." / null+"..." / ": c"), 01/men/2020 missing. */
    ASSERT_CLOSE(js_cube_value(px, 7), 189.875, 0);
    cr_assert_eq(js_cube_status(px, 6), JS_CELL_SUPPRESSED);
    cr_assert_eq(js_cube_status(px, 3), JS_CELL_MISSING);
    assert_same_cube(px, js, "px vs json-stat");
    assert_same_cube(px, tsv, "px vs tsv");
    js_cube_free(px);
    js_cube_free(js);
    js_cube_free(tsv);
}
