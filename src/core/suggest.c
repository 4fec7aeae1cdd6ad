/*
 * suggest.c - the closest name to a misspelt one (suggest.h).
 *
 * Edit distance over bytes (with transpositions), case folded for ASCII,
 * rows of at most 128 entries: names longer than that are never suggested.  A
 * suggestion must be clearly the best (no tie) and close (at most a third
 * of the word's length), so that "numerater" gives "numerator" and "x"
 * gives nothing.
 */
#include "core/suggest.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

enum { SUGGEST_MAX = 128 };

/* Optimal string alignment distance: insertions, deletions, substitutions
 * and transpositions of neighbours ("yaer" is one from "year"). */
static size_t edit_distance(const char *a, const char *b)
{
    const size_t na = strlen(a), nb = strlen(b);
    if (na >= SUGGEST_MAX || nb >= SUGGEST_MAX)
        return SIZE_MAX;
    size_t rows[3][SUGGEST_MAX + 1]; /* rows i-2, i-1 and i, in turn */
    for (size_t j = 0; j <= nb; j++)
        rows[0][j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t *const cur = rows[i % 3];
        const size_t *const prev = rows[(i - 1) % 3], *const prev2 = rows[(i + 1) % 3];
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            const int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + (ca == cb ? 0 : 1);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
    }
    return rows[na % 3][nb];
}

const char *js_suggest(const char *word, const char *const *names, size_t n)
{
    const size_t len = strlen(word);
    const size_t limit = len / 3 > 0 ? len / 3 : 1;
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    int tie = 0;
    for (size_t i = 0; i < n; i++) {
        const size_t d = edit_distance(word, names[i]);
        if (d < best_d) {
            best = names[i];
            best_d = d;
            tie = 0;
        } else if (d == best_d && best != NULL && strcmp(best, names[i]) != 0) {
            tie = 1;
        }
    }
    return best != NULL && best_d <= limit && best_d > 0 && !tie ? best : NULL;
}
