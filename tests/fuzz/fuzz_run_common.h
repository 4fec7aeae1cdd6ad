/*
 * fuzz_run_common.h - the whole `jamstat check` on fuzzed analysis files
 * (included by fuzz_spec.c and fuzz_run.c only).
 *
 * The analysis file, and for fuzz_run the data, are written into a
 * private temporary folder made once per process; the run reads them as a
 * user's run would (the analysis-file reader with its typed keys, the
 * readers, every indicator, every chart built and checked; nothing is
 * written).  Inputs holding '/' are passed over, so that no fuzzed path
 * leaves the folder (file = /dev/zero would read for ever).
 *
 * Contract checked: js_run returns a documented status, and a failure
 * leaves at least one error in the diagnostics (the CLI must always have
 * something to print).  A broken contract aborts.
 */
#ifndef JAMSTAT_FUZZ_RUN_COMMON_H
#define JAMSTAT_FUZZ_RUN_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jamstat/diag.h"
#include "jamstat/run.h"

/* The data fuzz_spec's analysis files read (invented: two regions, two
 * years, three age groups, both sexes). */
static const char fuzz_default_data[] =
    "year,region,sex,age,population\n"
    "2020,01,women,0-19,12\n2020,01,women,20-64,30\n2020,01,women,65-,9\n"
    "2020,01,men,0-19,13\n2020,01,men,20-64,31\n2020,01,men,65-,7\n"
    "2021,01,women,0-19,11\n2021,01,women,20-64,29\n2021,01,women,65-,10\n"
    "2021,01,men,0-19,12\n2021,01,men,20-64,32\n2021,01,men,65-,8\n"
    "2020,03,women,0-19,4\n2020,03,women,20-64,8\n2020,03,women,65-,3\n"
    "2020,03,men,0-19,5\n2020,03,men,20-64,9\n2020,03,men,65-,2\n"
    "2021,03,women,0-19,4\n2021,03,women,20-64,7\n2021,03,women,65-,3\n"
    "2021,03,men,0-19,5\n2021,03,men,20-64,9\n2021,03,men,65-,3\n";

static char fuzz_dir[64];

/* At exit: the folder and what fuzz_put wrote into it. */
static void fuzz_cleanup(void)
{
    static const char *const names[] = {"a.ini", "pop.csv", "data.csv"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        (void)snprintf(path, sizeof path, "%s/%s", fuzz_dir, names[i]);
        (void)unlink(path);
    }
    (void)rmdir(fuzz_dir);
}

static void fuzz_put(const char *name, const uint8_t *bytes, size_t n)
{
    char path[128];
    (void)snprintf(path, sizeof path, "%s/%s", fuzz_dir, name);
    FILE *const fp = fopen(path, "wb");
    if (fp == NULL || (n > 0 && fwrite(bytes, 1, n, fp) != n) || fclose(fp) != 0) {
        perror(path);
        abort();
    }
}

/* Check the analysis file ini against data (data.csv and pop.csv). */
static void fuzz_check_run(const uint8_t *ini, size_t n_ini, const uint8_t *data, size_t n_data)
{
    if (fuzz_dir[0] == '\0') {
        const char *const tmp = getenv("TMPDIR");
        (void)snprintf(fuzz_dir, sizeof fuzz_dir, "%s/jamstat-fuzz-XXXXXX", tmp ? tmp : "/tmp");
        if (mkdtemp(fuzz_dir) == NULL) {
            perror("mkdtemp");
            abort();
        }
        (void)atexit(fuzz_cleanup);
    }
    if (memchr(ini, '/', n_ini) != NULL)
        return;
    fuzz_put("a.ini", ini, n_ini);
    fuzz_put("pop.csv", (const uint8_t *)fuzz_default_data, sizeof fuzz_default_data - 1);
    fuzz_put("data.csv", data, n_data);
    char path[128];
    (void)snprintf(path, sizeof path, "%s/a.ini", fuzz_dir);
    const js_run_opts o = {path, NULL, NULL, 0, 0, 1, 1, 0};
    js_diag *const d = js_diag_alloc();
    if (d == NULL)
        abort();
    const js_status st = js_run(&o, d);
    if ((unsigned)st > (unsigned)JS_ENET) {
        fprintf(stderr, "fuzz: js_run returned %d, not a js_status\n", (int)st);
        abort();
    }
    if (st != JS_OK && js_diag_count(d, JS_SEV_ERROR) == 0) {
        fprintf(stderr, "fuzz: js_run failed with %d and said nothing\n", (int)st);
        abort();
    }
    js_diag_free(d);
}

#endif
