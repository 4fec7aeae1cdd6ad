/*
 * main.c - the jamstat command: parse arguments, call the library, print
 * its diagnostics, map its status to an exit code.  Nothing else happens
 * here (STYLE.md §1).
 *
 * Exit codes (sysexits.h): 0 ok, 64 usage, 65 bad data, 66 no input,
 * 69 gnuplot failed, 70 internal, 71 out of memory, 73 cannot create output,
 * 74 I/O error.
 */
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jamstat/chart.h"
#include "jamstat/diag.h"
#include "jamstat/fetch.h"
#include "jamstat/indicator.h"
#include "jamstat/output.h"
#include "jamstat/read.h"
#include "jamstat/run.h"

#ifndef JS_VERSION
#define JS_VERSION "0"
#endif

static const char usage_text[] =
    "Usage: jamstat COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  run ANALYSIS.ini [-o DIR] [--set SECTION.KEY=VALUE]... [--format svg,png,pdf,print,tex] [-j N]\n"
    "      [--refresh]        compute the indicators, write tables, charts, report.html;\n"
    "                         --refresh fetches the [data] sections with a table key again\n"
    "  check ANALYSIS.ini     validate the analysis file and its data; write nothing\n"
    "  describe FILE [--all]  what a data file holds: dimensions, roles, missing cells;\n"
    "                         --all lists every category (else the first and the last)\n"
    "  convert FILE -o OUT.csv|- [--dialect excel-sv] [--codes]\n"
    "                         any input (CSV, PC-Axis, JSON-stat, Eurostat TSV) to tidy CSV;\n"
    "                         -o - writes it to standard output once it is whole\n"
    "  indicators [KIND] [--markdown]\n"
    "                         the catalogue of indicator kinds: definition, inputs, keys, unit\n"
    "  fetch TABLE -o FILE [--where SELECTION] [--codelist VAR=ID]... [--all]\n"
    "                         a table from PxWebApi 2 (SCB) into a JSON-stat file\n"
    "  search WORDS...        the API's table search: ids, periods, update dates, titles\n"
    "\n"
    "Options for fetch and search: --api URL (default " JS_FETCH_API_SCB "),\n"
    "  --lang sv|en, --timeout SECONDS (each request; default 60)\n"
    "Options for describe and convert: --encoding NAME, --input-format csv|px|json-stat|tsv,\n"
    "  --no-stream            read a PC-Axis file whole (by default it is streamed by its\n"
    "                         first variable, in memory bounded by one category of it)\n"
    "  -h, --help             this text        --version   the version\n";

static int usage_error(const char *what)
{
    (void)fprintf(stderr, "jamstat: %s\nTry 'jamstat --help'\n", what);
    return 64;
}

static int finish(js_status st, js_diag *d)
{
    if (st != JS_OK && js_diag_count(d, JS_SEV_ERROR) == 0) /* never fail without a word */
        js_diag_error(d, NULL, 0, 0, "%s%s", js_status_str(st),
                      st == JS_EINTERNAL ? " (a bug in jamstat: please report it with the input)" : "");
    js_diag_print(d, stderr, "jamstat");
    js_diag_free(d);
    if (fflush(stdout) != 0 || ferror(stdout))
        return st == JS_OK ? 74 : js_status_exit_code(st);
    return js_status_exit_code(st);
}

static unsigned parse_formats(const char *s)
{
    unsigned f = 0;
    char buf[128];
    (void)snprintf(buf, sizeof buf, "%s", s);
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        const unsigned bit = js_render_format(t);
        if (bit == 0)
            return 0;
        f |= bit;
    }
    return f;
}

enum { OPT_CODES = 250, OPT_SET = 256, OPT_FORMAT, OPT_DIALECT, OPT_ENCODING, OPT_INPUT_FORMAT, OPT_VERSION,
       OPT_NO_STREAM, OPT_MARKDOWN, OPT_API, OPT_LANG, OPT_WHERE, OPT_CODELIST, OPT_ALL, OPT_TIMEOUT,
       OPT_REFRESH };

static const struct option long_opts[] = {
    {"output", required_argument, NULL, 'o'},      {"set", required_argument, NULL, OPT_SET},
    {"format", required_argument, NULL, OPT_FORMAT}, {"jobs", required_argument, NULL, 'j'},
    {"dialect", required_argument, NULL, OPT_DIALECT}, {"codes", no_argument, NULL, OPT_CODES},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"no-stream", no_argument, NULL, OPT_NO_STREAM}, {"markdown", no_argument, NULL, OPT_MARKDOWN},
    {"api", required_argument, NULL, OPT_API},      {"lang", required_argument, NULL, OPT_LANG},
    {"where", required_argument, NULL, OPT_WHERE},  {"codelist", required_argument, NULL, OPT_CODELIST},
    {"all", no_argument, NULL, OPT_ALL},            {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"refresh", no_argument, NULL, OPT_REFRESH},
    {"help", no_argument, NULL, 'h'},               {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0}};

typedef struct cli_args {
    const char *out;
    const char *sets[64];
    size_t n_sets;
    unsigned formats;
    int jobs;
    int excel_sv;
    int markdown;
    js_stream_mode stream;
    js_read_opts read;
    js_fetch_opts fetch;
    const char *codelists[32];
    int refresh;
    int all; /* --all: fetch every value; describe every category */
} cli_args;

/* convert -o -: the tidy CSV into a file of a private temporary folder,
 * then, when it is whole, to standard output (a failed read writes
 * nothing there). */
static js_status convert_to_stdout(const char *file, const cli_args *a, js_diag *d)
{
    const char *const tmp = getenv("TMPDIR");
    char dir[4096];
    (void)snprintf(dir, sizeof dir, "%s/jamstat-convert-XXXXXX", tmp != NULL && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        js_diag_error(d, NULL, 0, 0, "convert -o -: cannot make a temporary folder in %s", tmp ? tmp : "/tmp");
        return JS_EIO;
    }
    char path[4200];
    (void)snprintf(path, sizeof path, "%s/out.csv", dir);
    js_status st = js_convert_stream(file, &a->read, a->stream, path, a->excel_sv, d);
    FILE *const fp = st == JS_OK ? fopen(path, "rb") : NULL;
    if (st == JS_OK && fp == NULL) {
        js_diag_error(d, path, 0, 0, "cannot read the converted table back");
        st = JS_EIO;
    }
    char buf[1 << 16];
    for (size_t n; fp != NULL && (n = fread(buf, 1, sizeof buf, fp)) > 0;)
        if (fwrite(buf, 1, n, stdout) != n) {
            js_diag_error(d, NULL, 0, 0, "convert -o -: writing to standard output failed");
            st = JS_EIO;
            break;
        }
    if (fp != NULL)
        (void)fclose(fp);
    (void)remove(path);
    (void)remove(dir);
    return st;
}

static int parse_options(int argc, char **argv, cli_args *a)
{
    int c;
    while ((c = getopt_long(argc, argv, "o:j:h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'o': a->out = optarg; break;
        case 'j': a->jobs = atoi(optarg); if (a->jobs < 1) return usage_error("-j needs a number of at least 1"); break;
        case OPT_SET:
            if (a->n_sets == 64) return usage_error("too many --set options");
            a->sets[a->n_sets++] = optarg;
            break;
        case OPT_FORMAT:
            if ((a->formats = parse_formats(optarg)) == 0)
                return usage_error("--format takes a list of svg, png, pdf, print, tex");
            break;
        case OPT_DIALECT:
            if (strcmp(optarg, "excel-sv") != 0 && strcmp(optarg, "rfc4180") != 0)
                return usage_error("--dialect is excel-sv or rfc4180");
            a->excel_sv = (a->excel_sv & ~JS_TIDY_EXCEL_SV) | (strcmp(optarg, "excel-sv") == 0 ? JS_TIDY_EXCEL_SV : 0);
            break;
        case OPT_CODES: a->excel_sv |= JS_TIDY_CODES; break;
        case OPT_ENCODING: a->read.encoding = optarg; break;
        case OPT_INPUT_FORMAT:
            if (js_format_parse(optarg, &a->read.format) != JS_OK)
                return usage_error("--input-format is csv, px, json-stat or tsv");
            break;
        case OPT_NO_STREAM: a->stream = JS_STREAM_OFF; break;
        case OPT_MARKDOWN: a->markdown = 1; break;
        case OPT_API: a->fetch.api = optarg; break;
        case OPT_LANG:
            if (strcmp(optarg, "sv") != 0 && strcmp(optarg, "en") != 0)
                return usage_error("--lang is sv or en");
            a->fetch.lang = optarg;
            break;
        case OPT_WHERE: a->fetch.where = optarg; break;
        case OPT_CODELIST:
            if (a->fetch.n_codelists == 32) return usage_error("too many --codelist options");
            a->codelists[a->fetch.n_codelists++] = optarg;
            break;
        case OPT_ALL: a->fetch.all = a->all = 1; break;
        case OPT_TIMEOUT: {
            char *end;
            a->fetch.timeout_s = strtod(optarg, &end);
            if (*end != '\0' || !(a->fetch.timeout_s > 0 && a->fetch.timeout_s <= 3600))
                return usage_error("--timeout takes a number of seconds from 0 to 3600");
            break;
        }
        case OPT_REFRESH: a->refresh = 1; break;
        case 'h': (void)fputs(usage_text, stdout); return -1;
        case OPT_VERSION: printf("jamstat %s\n", JS_VERSION); return -1;
        default: return usage_error("unknown option");
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2)
        return usage_error("expected a command");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        (void)fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("jamstat %s\n", JS_VERSION);
        return 0;
    }
    const char *const cmd = argv[1];
    cli_args a;
    memset(&a, 0, sizeof a);
    js_read_opts_init(&a.read);
    optind = 2;
    const int rc = parse_options(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    js_diag *const d = js_diag_alloc();
    if (d == NULL) {
        (void)fputs("jamstat: error: out of memory\n", stderr);
        return 71;
    }
    if (strcmp(cmd, "indicators") == 0) {
        const char *const kind = optind < argc ? argv[optind] : NULL;
        if (optind + 1 < argc || (kind != NULL && js_kind_find(kind) == NULL)) {
            js_diag_free(d);
            return usage_error("indicators takes at most one KIND, one of the kinds it lists");
        }
        char *const text = js_kind_catalogue(kind, a.markdown);
        if (text == NULL)
            return finish(JS_ENOMEM, d);
        (void)fputs(text, stdout);
        js_text_free(text);
        return finish(JS_OK, d);
    }
    if (strcmp(cmd, "search") == 0) {
        if (optind >= argc) {
            js_diag_free(d);
            return usage_error("search needs words to look for");
        }
        char words[1024] = "";
        for (int i = optind; i < argc; i++) {
            const size_t used = strlen(words);
            (void)snprintf(words + used, sizeof words - used, "%s%s", i > optind ? " " : "", argv[i]);
        }
        char *text = NULL;
        const js_status st = js_fetch_search(a.fetch.api, a.fetch.lang, words, a.fetch.timeout_s, &text, d);
        if (st == JS_OK)
            (void)fputs(text, stdout);
        js_fetch_text_free(text);
        return finish(st, d);
    }
    if (optind != argc - 1) {
        js_diag_free(d);
        return usage_error("expected exactly one file after the command");
    }
    const char *const file = argv[optind];
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "check") == 0) {
        const js_run_opts o = {file, a.out, a.sets, a.n_sets, a.formats, a.jobs, strcmp(cmd, "check") == 0,
                               a.refresh};
        const js_status st = js_run(&o, d);
        if (st == JS_OK && o.check_only)
            printf("%s: ok\n", file);
        return finish(st, d);
    }
    if (strcmp(cmd, "describe") == 0) {
        char *text = NULL;
        const js_status st = js_describe_stream(file, &a.read, a.stream, a.all, &text, d);
        if (st == JS_OK)
            (void)fputs(text, stdout);
        js_text_free(text);
        return finish(st, d);
    }
    if (strcmp(cmd, "convert") == 0) {
        if (a.out == NULL) {
            js_diag_free(d);
            return usage_error("convert needs -o OUT.csv (or -o - for standard output)");
        }
        if (strcmp(a.out, "-") == 0)
            return finish(convert_to_stdout(file, &a, d), d);
        return finish(js_convert_stream(file, &a.read, a.stream, a.out, a.excel_sv, d), d);
    }
    if (strcmp(cmd, "fetch") == 0) {
        if (a.out == NULL) {
            js_diag_free(d);
            return usage_error("fetch needs -o FILE.json");
        }
        a.fetch.table = file;
        a.fetch.out = a.out;
        a.fetch.codelists = a.codelists;
        const js_status st = js_fetch(&a.fetch, d);
        if (st == JS_OK)
            js_diag_add(d, JS_SEV_NOTE, NULL, 0, 0, "table %s written to %s", file, a.out);
        return finish(st, d);
    }
    js_diag_free(d);
    return usage_error("unknown command (run, check, describe, convert, indicators, fetch, search)");
}
