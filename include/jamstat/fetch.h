/*
 * fetch.h - tables straight from a PxWebApi 2 service (SCB's by default):
 * `jamstat fetch`, `jamstat search`, and the [data] sections with a table
 * key.
 *
 * A fetch reads the API's limits (/config) and the table's metadata, turns
 * a selection such as "Region:01,03 Kon:1,2 Tid:2020-" into a query, splits
 * it into requests the API accepts, merges the answers into one JSON-stat
 * 2.0 dataset and writes it atomically, with what was fetched recorded in
 * its extension ("jamstat": api, table, query, updated, fetched).
 */
#ifndef JAMSTAT_FETCH_H
#define JAMSTAT_FETCH_H

#include <stddef.h>

#include "jamstat/diag.h"
#include "jamstat/status.h"

/* SCB's PxWebApi 2 (the links in its own responses name this base). */
#define JS_FETCH_API_SCB "https://statistikdatabasen.scb.se/api/v2"

typedef struct js_fetch_opts {
    const char *api;                /* base URL; NULL = JS_FETCH_API_SCB */
    const char *lang;               /* "sv", "en"; NULL = the API's default */
    const char *table;              /* table id, "TAB6471" */
    const char *where;              /* "VAR:v,v VAR:a-b Tid:latest5"; NULL = none */
    const char *const *codelists;   /* "VAR=CODELIST" each */
    size_t n_codelists;
    int all;                        /* variables not named: every value, not elimination */
    double timeout_s;               /* per request, connecting included; 0 = 60 */
    const char *out;                /* the JSON-stat file to write */
    const char *context;            /* who asks ("[data pop]"), for messages; may be NULL */
} js_fetch_opts;

/* Fetch o->table into o->out.  Errors name the table and the request;
 * nothing is written unless every request succeeded.  JS_EUSAGE for a
 * bad selection, JS_ENET when the API cannot be reached or refuses,
 * JS_EDATA when it answers something that is not what was asked for,
 * JS_ECREATE/JS_EIO when the file cannot be written. */
js_status js_fetch(const js_fetch_opts *o, js_diag *d);

/* The API's table search for words: one line per table (id, updated date,
 * first and last period, title).  Caller frees *text (js_fetch_text_free). */
js_status js_fetch_search(const char *api, const char *lang, const char *words, double timeout_s,
                          char **text, js_diag *d);

/* What a fetched file records of its origin.  Strings are owned by the
 * struct (js_fetch_origin_fini); any may be NULL. */
typedef struct js_fetch_origin {
    char *api;     /* base URL */
    char *table;   /* table id */
    char *source;  /* the dataset's source, "SCB" */
    char *updated; /* the table's updated date, "2026-06-08T06:00:00Z" */
    char *fetched; /* when it was fetched, "2026-12-03T10:00:00Z" */
    char *query;   /* the query as JSON text */
} js_fetch_origin;

/* Read the origin of a JSON-stat file written by js_fetch.  JS_ENOINPUT
 * when the file records none (or is not JSON); never reports into a diag. */
js_status js_fetch_origin_read(const char *path, js_fetch_origin *o);
void js_fetch_origin_fini(js_fetch_origin *o);

/* "SCB, tabell TAB6471, uppdaterad 2026-06-08" (en: "SCB, table TAB6471,
 * updated 2026-06-08").  Caller frees (js_fetch_text_free); NULL on OOM. */
char *js_fetch_origin_cite(const js_fetch_origin *o, int english);

void js_fetch_text_free(char *text);

#endif
