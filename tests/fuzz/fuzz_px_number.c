/*
 * fuzz_px_number.c - fuzz target for the PX data-number grammar
 * (px_parse_number in src/read/px_lex.c), a sub-grammar with its own target
 * (STYLE.md section 8).
 *
 * Invariant: whatever px_parse_number accepts, strtod parses to the same
 * double, bit for bit.  px_parse_number computes short numbers itself (an
 * exact mantissa divided by an exact power of ten) and must never differ from
 * the C library.  The input is cut at the first NUL and at 64 bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/px_lex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s[65];
    const size_t n = size < 64 ? size : 64;
    memcpy(s, data, n);
    s[n] = '\0';
    double v = 0.0;
    int sci = 0;
    if (!px_parse_number(s, &v, &sci))
        return 0;
    const double w = strtod(s, NULL);
    if (memcmp(&v, &w, sizeof v) != 0) {
        fprintf(stderr, "fuzz_px_number: \"%s\": px_parse_number %.17g, strtod %.17g\n", s, v, w);
        abort();
    }
    return 0;
}
