/*
 * fetch_int.h - the parts of `jamstat fetch` (internal): HTTP with the
 * API's limits (fetch_http.c), a table's metadata and the selection that
 * becomes a query (fetch_query.c), and the merge of the answers
 * (fetch_merge.c).  fetch.c drives them.
 */
#ifndef JAMSTAT_FETCH_INT_H
#define JAMSTAT_FETCH_INT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "jamstat/diag.h"
#include "jamstat/status.h"

/* ---- HTTP (fetch_http.c: the only file that sees libcurl) ---------------------- */

typedef struct fetch_http fetch_http;

/* timeout_s bounds each request, connecting included.  Caller owns the
 * result (fetch_http_free); NULL when out of memory or libcurl fails. */
fetch_http *fetch_http_alloc(double timeout_s);
void fetch_http_free(fetch_http *h);

/* At most max_calls requests per window_s seconds (the API's
 * maxCallsPerTimeWindow and timeWindow); later requests wait. */
void fetch_http_pace(fetch_http *h, long max_calls, double window_s);

/* GET url (body NULL) or POST body as JSON.  A 2xx answer goes into resp
 * (reset first).  429 (and 503) are retried after Retry-After, a bounded
 * number of times.  Any other failure is reported as "what: METHOD URL:
 * reason" (what names the table and the request) and returns JS_ENET;
 * *http_code gets the last HTTP status (0: none) when not NULL. */
js_status fetch_http_request(fetch_http *h, const char *url, const char *body, const char *what,
                             js_buf *resp, long *http_code, js_diag *d);

/* s percent-encoded for a URL query; js_free it.  NULL on OOM. */
char *fetch_http_escape(fetch_http *h, const char *s);

/* ---- a table's metadata and the selection (fetch_query.c) ----------------------- */

typedef struct fetch_var {
    const char *code;          /* variable code ("Region"), borrowed from the metadata */
    const char *label;         /* "region" */
    size_t n;                  /* categories */
    const char **codes;        /* [n], in position order */
    const char **labels;       /* [n] */
    int elimination;           /* the variable may be left out */
    const char *elim_code;     /* the value it then takes, or NULL (summed) */
    int is_time;               /* in role.time */
    /* the selection: */
    size_t *sel;               /* selected positions, ascending, [n_sel] */
    size_t n_sel;
    int omitted;               /* left out of the query (eliminated by summing) */
    const char *codelist;      /* applied codelist id, or NULL */
} fetch_var;

typedef struct fetch_table {
    json_t *meta;              /* the metadata JSON-stat (owned) */
    const char *id;            /* table id */
    fetch_var *vars;
    size_t n_vars;
} fetch_table;

/* Index the metadata (a JSON-stat 2.0 dataset with "value": []).  Takes a
 * reference to meta.  Errors say what of it was not as expected. */
js_status fetch_table_init(fetch_table *t, json_t *meta, const char *id, js_diag *d);
void fetch_table_fini(fetch_table *t);

/* Apply "VAR:v,v VAR:from-to VAR:latest5 VAR:*" to t: each named variable
 * gets those values (codes or labels; unknown ones are an error listing
 * the valid ones, with "did you mean"), every other one its elimination
 * value, or nothing (summed), or all values (all != 0 or no elimination). */
js_status fetch_select(fetch_table *t, const char *where, int all, const char *context, js_diag *d);

/* Cells the selection gives. */
double fetch_cells(const fetch_table *t);

/* One request of a split query: per variable, the range [lo, hi) of its
 * selection it asks for. */
typedef struct fetch_piece {
    size_t *lo, *hi;           /* [n_vars] */
} fetch_piece;

/* Split the selection into pieces of at most max_cells cells, cutting the
 * largest dimension first.  Caller frees *pieces (fetch_pieces_free).
 * JS_EUSAGE when even one value of every variable is over the limit. */
js_status fetch_split(const fetch_table *t, double max_cells, fetch_piece **pieces, size_t *n,
                      js_diag *d);
void fetch_pieces_free(fetch_piece *p, size_t n);

/* The POST body of a piece (p NULL: the whole selection), a new JSON
 * object {"selection": [...]}. */
json_t *fetch_query_json(const fetch_table *t, const fetch_piece *p);

/* ---- merge (fetch_merge.c) ------------------------------------------------------ */

/* Merge the answers to the pieces into one dataset in the selection's
 * category order.  Errors (an answer that is not a dataset, or has codes
 * or dimensions not asked for) go to d with what.  Caller owns *out. */
js_status fetch_merge(const fetch_table *t, json_t *const *parts, size_t n_parts, const char *what,
                      json_t **out, js_diag *d);

#endif
