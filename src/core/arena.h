/*
 * arena.h - a bump allocator for strings that live as long as their owner
 * (category codes and labels of a cube, keys of an analysis file).  One
 * js_arena_fini frees them all, which keeps error paths to one line.
 */
#ifndef JAMSTAT_CORE_ARENA_H
#define JAMSTAT_CORE_ARENA_H

#include <stddef.h>

typedef struct js_arena_block js_arena_block;

typedef struct js_arena {
    js_arena_block *head; /* newest block first */
    size_t next_bytes;    /* size of the next block: small cubes get small arenas */
} js_arena;

void js_arena_init(js_arena *a);
void js_arena_fini(js_arena *a);
/* n bytes aligned for any type; NULL when out of memory. */
void *js_arena_alloc(js_arena *a, size_t n);
char *js_arena_strdup(js_arena *a, const char *s);
char *js_arena_strndup(js_arena *a, const char *s, size_t n);

#endif
