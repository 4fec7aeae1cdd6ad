/*
 * fetch_http.c - HTTP for `jamstat fetch`, the one file that uses libcurl.
 *
 * A PxWebApi 2 service limits how often it may be called
 * (maxCallsPerTimeWindow calls per timeWindow seconds, from /config) and
 * answers 429 Too Many Requests, with Retry-After, to a client that calls
 * faster.  So requests are paced to the limit before they are sent, and a
 * 429 (or a 503) is retried after the wait the server asks for, at most
 * FETCH_TRIES times in all.  Every request has a bounded total time, so a
 * server that accepts the connection and never answers is an error, not a
 * hang.  Errors say which request failed and why, in words: the HTTP status
 * and the API's own problem text (RFC 7807 title/detail) when it sent one.
 */
#include "fetch/fetch_int.h"

#include <curl/curl.h>
#include <errno.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"

#ifndef JS_VERSION
#define JS_VERSION "0"
#endif

enum {
    FETCH_TRIES = 5,            /* attempts of one request when the server says "later" */
    FETCH_MAX_PACE = 64,        /* calls remembered for pacing */
    FETCH_MAX_WAIT_S = 120      /* longest Retry-After obeyed */
};
#define FETCH_MAX_BODY ((size_t)1 << 31) /* bytes of one answer */

struct fetch_http {
    CURL *curl;
    double timeout_s;
    long max_calls;                 /* 0: no pacing */
    double window_s;
    double calls[FETCH_MAX_PACE];   /* monotonic start times of the last calls, a ring */
    size_t n_calls, next_call;
    char errbuf[CURL_ERROR_SIZE];
};

static double http_now(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void http_sleep(double s)
{
    if (s <= 0)
        return;
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

fetch_http *fetch_http_alloc(double timeout_s)
{
    fetch_http *const h = js_calloc(1, sizeof *h);
    if (h == NULL)
        return NULL;
    /* Before any thread of a run starts: curl_global_init is not thread-safe
     * in every libcurl build.  It counts its calls; fetch_http_free undoes one. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        js_free(h);
        return NULL;
    }
    h->curl = curl_easy_init();
    if (h->curl == NULL) {
        curl_global_cleanup();
        js_free(h);
        return NULL;
    }
    h->timeout_s = timeout_s > 0 ? timeout_s : 60;
    return h;
}

void fetch_http_free(fetch_http *h)
{
    if (h == NULL)
        return;
    curl_easy_cleanup(h->curl);
    curl_global_cleanup();
    js_free(h);
}

void fetch_http_pace(fetch_http *h, long max_calls, double window_s)
{
    h->max_calls = max_calls > 0 && window_s > 0 ? (max_calls < FETCH_MAX_PACE ? max_calls : FETCH_MAX_PACE) : 0;
    h->window_s = window_s;
}

/* Wait until one more call keeps within max_calls per window, and record
 * it; the slot it is recorded in is returned, so that the time can be
 * moved to when the answer came (the server counts arrivals, which lie
 * between the two; counting from the answer is the safe side).  Every
 * call is recorded, paced or not, so that the call to /config that told
 * the limit counts against it too. */
static size_t http_pace_wait(fetch_http *h)
{
    const size_t max = (size_t)h->max_calls;
    if (max > 0 && h->n_calls >= max) { /* the call max back must be a window ago */
        const double before = h->calls[(h->next_call + FETCH_MAX_PACE - max) % FETCH_MAX_PACE];
        http_sleep(before + h->window_s - http_now());
    }
    const size_t slot = h->next_call;
    h->calls[slot] = http_now();
    h->next_call = (h->next_call + 1) % FETCH_MAX_PACE;
    if (h->n_calls < FETCH_MAX_PACE)
        h->n_calls++;
    return slot;
}

static size_t http_write(char *ptr, size_t size, size_t nmemb, void *user)
{
    js_buf *const b = user;
    const size_t n = size * nmemb;
    if (b->len + n > FETCH_MAX_BODY)
        return 0; /* curl reports a write error */
    js_buf_append(b, ptr, n);
    return b->failed ? 0 : n;
}

char *fetch_http_escape(fetch_http *h, const char *s)
{
    char *const e = curl_easy_escape(h->curl, s, 0);
    char *const r = e ? js_strdup(e) : NULL;
    curl_free(e);
    return r;
}

/* The API's explanation in a problem answer: "title: detail", or the start
 * of the body when it is not one. */
static void http_problem(const js_buf *resp, js_buf *out)
{
    json_error_t err;
    json_t *const j = resp->len ? json_loadb(resp->data, resp->len, 0, &err) : NULL;
    const char *const title = json_string_value(json_object_get(j, "title"));
    const char *const detail = json_string_value(json_object_get(j, "detail"));
    if (title || detail)
        js_buf_printf(out, ": %s%s%s", title ? title : "", title && detail ? ": " : "", detail ? detail : "");
    else if (resp->len > 0 && j == NULL) {
        size_t n = 0; /* a line of text, not a page of HTML */
        while (n < resp->len && n < 200 && resp->data[n] != '\n' && resp->data[n] != '<')
            n++;
        if (n > 0)
            js_buf_printf(out, ": %.*s", (int)n, resp->data);
    }
    json_decref(j);
}

static const char *http_reason(long code)
{
    switch (code) {
    case 400: return " (bad request: the query is not one the API accepts, or asks for too many cells)";
    case 403: return " (forbidden)";
    case 404: return " (not found: no such table, codelist or endpoint)";
    case 429: return " (too many requests)";
    default: return code >= 500 ? " (a server error; try again later)" : "";
    }
}

/* One attempt: perform, and give the HTTP status (0: no answer). */
static CURLcode http_once(fetch_http *h, const char *url, const char *body, js_buf *resp, long *code,
                          double *retry_after)
{
    CURL *const c = h->curl;
    curl_easy_reset(c);
    js_buf_reset(resp);
    h->errbuf[0] = '\0';
    struct curl_slist *hdr = NULL;
    hdr = curl_slist_append(hdr, "Accept: application/json");
    if (body != NULL)
        hdr = curl_slist_append(hdr, "Content-Type: application/json");
    const long timeout_ms = (long)(h->timeout_s * 1000);
    (void)curl_easy_setopt(c, CURLOPT_URL, url);
    (void)curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    (void)curl_easy_setopt(c, CURLOPT_USERAGENT, "jamstat/" JS_VERSION);
    (void)curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_write);
    (void)curl_easy_setopt(c, CURLOPT_WRITEDATA, resp);
    (void)curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
    (void)curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    (void)curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    (void)curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    (void)curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    (void)curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    (void)curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    (void)curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    if (body != NULL) {
        (void)curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        (void)curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    const size_t slot = http_pace_wait(h);
    const CURLcode rc = hdr == NULL ? CURLE_OUT_OF_MEMORY : curl_easy_perform(c);
    h->calls[slot] = http_now();
    *code = 0;
    *retry_after = -1;
    if (rc == CURLE_OK) {
        (void)curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, code);
        curl_off_t ra = -1;
        if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra >= 0)
            *retry_after = (double)ra;
    }
    curl_slist_free_all(hdr);
    return rc;
}

js_status fetch_http_request(fetch_http *h, const char *url, const char *body, const char *what,
                             js_buf *resp, long *http_code, js_diag *d)
{
    const char *const method = body ? "POST" : "GET";
    long code = 0;
    CURLcode rc = CURLE_OK;
    for (int attempt = 1; attempt <= FETCH_TRIES; attempt++) {
        double retry_after;
        rc = http_once(h, url, body, resp, &code, &retry_after);
        if (resp->failed) {
            if (http_code) *http_code = code;
            return JS_ENOMEM;
        }
        if (rc != CURLE_OK || (code != 429 && code != 503) || attempt == FETCH_TRIES)
            break;
        /* The server asks to come back later: as long as it says (bounded), or,
         * when it says nothing, a pacing window (at least a second) per try. */
        double wait = retry_after >= 0 ? retry_after : (h->window_s > 1 ? h->window_s : 1) * attempt;
        if (wait > FETCH_MAX_WAIT_S)
            wait = FETCH_MAX_WAIT_S;
        js_diag_add(d, JS_SEV_NOTE, NULL, 0, 0, "%s: HTTP %ld; trying again in %g s (try %d of %d)",
                    what, code, wait, attempt + 1, FETCH_TRIES);
        http_sleep(wait);
    }
    if (http_code)
        *http_code = code;
    if (rc == CURLE_OPERATION_TIMEDOUT) {
        js_diag_error(d, NULL, 0, 0, "%s: %s %s: no answer within %g s (--timeout)", what, method, url,
                      h->timeout_s);
        return JS_ENET;
    }
    if (rc != CURLE_OK) {
        js_diag_error(d, NULL, 0, 0, "%s: %s %s: %s", what, method, url,
                      h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc));
        return JS_ENET;
    }
    if (code >= 200 && code < 300)
        return JS_OK;
    js_buf msg;
    js_buf_init(&msg);
    http_problem(resp, &msg);
    js_diag_error(d, NULL, 0, 0, "%s: %s %s: HTTP %ld%s%s%s", what, method, url, code, http_reason(code),
                  js_buf_cstr(&msg), code == 429 ? " (gave up after the tries allowed)" : "");
    js_buf_fini(&msg);
    return JS_ENET;
}
