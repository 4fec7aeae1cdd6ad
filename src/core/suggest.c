/*
 * suggest.c - the closest name to a misspelt one (suggest.h).
 *
 * Levenshtein distance over bytes, case folded for ASCII, two rows of
 * at most 128 entries: names longer than that are never suggested.  A
 * suggestion must be clearly the best (no tie) and close (at most a third
 * of the word's length), so that "numerater" gives "numerator" and "x"
 * gives nothing.
 */
#include "core/suggest.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

enum { SUGGEST_MAX = 128 };

static size_t edit_distance(const char *a, const char *b)
{
    const size_t na = strlen(a), nb = strlen(b);
    if (na >= SUGGEST_MAX || nb >= SUGGEST_MAX)
        return SIZE_MAX;
    size_t prev[SUGGEST_MAX + 1], cur[SUGGEST_MAX + 1];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            const int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + (same ? 0 : 1);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (nb + 1) * sizeof *prev);
    }
    return prev[nb];
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
