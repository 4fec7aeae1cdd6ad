/*
 * arena.c - bump allocation in blocks that start at 1 KiB and double up to
 * 64 KiB, so that the many small result cubes of a streamed run do not
 * each hold 64 KiB.
 */
#include "core/arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <string.h>

#include "core/alloc.h"

enum { ARENA_FIRST_BYTES = 1024, ARENA_BLOCK_BYTES = 64 * 1024 };

struct js_arena_block {
    js_arena_block *next;
    size_t used; /* bytes handed out from data[] */
    size_t size; /* capacity of data[] */
    alignas(max_align_t) unsigned char data[];
};

void js_arena_init(js_arena *a)
{
    a->head = NULL;
    a->next_bytes = ARENA_FIRST_BYTES;
}

void js_arena_fini(js_arena *a)
{
    js_arena_block *b = a->head;
    while (b != NULL) {
        js_arena_block *const next = b->next;
        js_free(b);
        b = next;
    }
    a->head = NULL;
    a->next_bytes = ARENA_FIRST_BYTES;
}

void *js_arena_alloc(js_arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    const size_t rounded = (n + align - 1) / align * align;
    if (rounded < n)
        return NULL;
    js_arena_block *b = a->head;
    if (b == NULL || b->size - b->used < rounded) {
        if (a->next_bytes == 0) /* a zeroed arena that skipped js_arena_init */
            a->next_bytes = ARENA_FIRST_BYTES;
        const size_t size = rounded > a->next_bytes ? rounded : a->next_bytes;
        if (a->next_bytes < ARENA_BLOCK_BYTES)
            a->next_bytes *= 2;
        if (size > JS_ALLOC_CAP - sizeof *b)
            return NULL;
        b = js_malloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->size = size;
        a->head = b;
    }
    void *const p = b->data + b->used;
    b->used += rounded;
    return p;
}

char *js_arena_strndup(js_arena *a, const char *s, size_t n)
{
    char *const copy = js_arena_alloc(a, n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *js_arena_strdup(js_arena *a, const char *s)
{
    return js_arena_strndup(a, s, strlen(s));
}
