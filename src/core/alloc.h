/*
 * alloc.h - every allocation in jamstat goes through these (internal).
 *
 * They check size arithmetic for overflow, refuse sizes over JS_ALLOC_CAP
 * (a size read from a file must not make us ask for 40 GB), and can be told
 * to fail the Nth call so that tests can walk every out-of-memory path.
 * They return NULL on failure and never abort.
 */
#ifndef JAMSTAT_CORE_ALLOC_H
#define JAMSTAT_CORE_ALLOC_H

#include <stddef.h>

#define JS_ALLOC_CAP ((size_t)1 << 36) /* 64 GiB: no single block may be larger */

void *js_malloc(size_t n_bytes);
/* n × size, zeroed; NULL on overflow. */
void *js_calloc(size_t n, size_t size);
/* Resize p to n × size; on failure p is untouched and NULL is returned. */
void *js_reallocarray(void *p, size_t n, size_t size);
void js_free(void *p);
char *js_strdup(const char *s);
char *js_strndup(const char *s, size_t n);

/* Grow *p (an array of *cap elements of size bytes) so that it holds at
 * least need elements, doubling.  0 on success, -1 when out of memory (the
 * array is left as it was). */
int js_grow(void **p, size_t *cap, size_t need, size_t size);

/* Fault injection for tests: make the nth allocation from now fail
 * (1 = the next one); 0 turns it off.  Returns the number of allocations
 * counted since the last call (counting happens only while armed).  Not
 * thread-safe: tests arm it with one thread running. */
size_t js_alloc_fail_at(size_t nth);

#endif
