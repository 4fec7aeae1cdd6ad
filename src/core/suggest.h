/*
 * suggest.h - "did you mean": the closest of some names to a word that
 * matched none of them (internal).
 */
#ifndef JAMSTAT_CORE_SUGGEST_H
#define JAMSTAT_CORE_SUGGEST_H

#include <stddef.h>

/* The name among names[0..n) closest to word by edit distance (case
 * ignored), when that distance is at most a third of the word's length
 * (at least 1) and no other name is as close; else NULL.  Borrowed. */
const char *js_suggest(const char *word, const char *const *names, size_t n);

#endif
