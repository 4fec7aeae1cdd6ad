/*
 * alloc.c - checked allocation with a fault-injection hook.
 *
 * The hook is the one piece of mutable global state in the library; it
 * exists so that tests can make the k-th allocation fail and check that
 * every caller returns JS_ENOMEM without leaking.
 */
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t alloc_count;   /* allocations since the last js_alloc_fail_at */
static size_t alloc_fail_at; /* fail when alloc_count reaches this; 0 = never */

/* Counting happens only while a test has armed the hook, so threads that
 * allocate concurrently in normal runs never touch the counter. */
static int alloc_should_fail(void)
{
    if (alloc_fail_at == 0)
        return 0;
    return ++alloc_count == alloc_fail_at;
}

size_t js_alloc_fail_at(size_t nth)
{
    const size_t made = alloc_count;
    alloc_count = 0;
    alloc_fail_at = nth;
    return made;
}
/* Not thread-safe by design: tests arm it in a single thread. */

void *js_malloc(size_t n_bytes)
{
    if (n_bytes > JS_ALLOC_CAP || alloc_should_fail())
        return NULL;
    return malloc(n_bytes ? n_bytes : 1);
}

void *js_calloc(size_t n, size_t size)
{
    if (size != 0 && n > JS_ALLOC_CAP / size)
        return NULL;
    if (alloc_should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *js_reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > JS_ALLOC_CAP / size)
        return NULL;
    if (alloc_should_fail())
        return NULL;
    const size_t bytes = n * size;
    return realloc(p, bytes ? bytes : 1);
}

void js_free(void *p)
{
    free(p);
}

char *js_strndup(const char *s, size_t n)
{
    char *const copy = js_malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *js_strdup(const char *s)
{
    return js_strndup(s, strlen(s));
}

int js_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            return -1;
        new_cap *= 2;
    }
    void *const grown = js_reallocarray(*p, new_cap, size);
    if (grown == NULL)
        return -1;
    *p = grown;
    *cap = new_cap;
    return 0;
}
