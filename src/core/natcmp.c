/*
 * natcmp.c - js_natural_cmp: texts with numbers in them, in the order a
 * reader expects.
 *
 * Byte order puts "T10" before "T2" and "10" before "9", which is wrong
 * for the codes statistics offices use (SCB's "T2", "T10"; age classes;
 * county codes without a leading zero).  Here a run of digits that starts
 * at the same place in both texts compares by its value: strip the leading
 * zeros, the longer run is the larger number, equal lengths compare digit
 * by digit.  Numbers are never converted, so a run of any length works.
 *
 * Worked example: "SSYK 4 T10" against "SSYK 4 T2": "SSYK " equal, "4"
 * against "4" equal, " T" equal, then 10 > 2, so "T2" goes first.
 *
 * Codes of a hierarchy in several lengths (SSYK "2", "21", "211", "3")
 * come out in the order of their numbers (2, 3, 21, 211), not of the
 * tree; within one level (all four-digit codes) natural and byte order
 * agree, so a chart of one level is unchanged.
 */
#include "core/natcmp.h"

#include <stddef.h>

static int natcmp_digit(char c) { return c >= '0' && c <= '9'; }

int js_natural_cmp(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    int zeros = 0; /* the first difference in leading zeros: the tie-break */
    while (*a != '\0' && *b != '\0') {
        if (natcmp_digit(*a) && natcmp_digit(*b)) {
            const char *const a0 = a, *const b0 = b;
            while (*a == '0' && natcmp_digit(a[1]))
                a++;
            while (*b == '0' && natcmp_digit(b[1]))
                b++;
            if (zeros == 0 && (a - a0) != (b - b0))
                zeros = (a - a0) < (b - b0) ? -1 : 1;
            size_t na = 0, nb = 0;
            while (natcmp_digit(a[na]))
                na++;
            while (natcmp_digit(b[nb]))
                nb++;
            if (na != nb)
                return na < nb ? -1 : 1;
            for (size_t i = 0; i < na; i++)
                if (a[i] != b[i])
                    return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
            a += na;
            b += nb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    if (*a != '\0' || *b != '\0')
        return *a != '\0' ? 1 : -1;
    return zeros;
}
