/*
 * fuzz_labels.c - fuzz target for the label grammars of harmonisation
 * (src/model/harmonise.c): ages ("20-64", "65+", "Y_GE65", "100 år och
 * äldre"), periods ("2015", "2015K1", "2015M01", "2015Q1"), sex codes,
 * "0114 Upplands Väsby" code splits, and the normaliser.  The input is cut
 * at the first NUL and at 256 bytes.
 *
 * Invariants: an age is an interval with lo < hi (or a total), never NaN;
 * a split code lies within the text; the normalised text is a string
 * within its buffer.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jamstat/harmonise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[257];
    const size_t n = size < 256 ? size : 256;
    memcpy(text, data, n);
    text[n] = '\0';
    const size_t len = strlen(text);
    double lo = 0, hi = 0;
    int is_total = 0;
    if (js_harm_age(text, &lo, &hi, &is_total) && !is_total && (isnan(lo) || isnan(hi) || !(lo < hi))) {
        fprintf(stderr, "fuzz_labels: age \"%s\" is [%g, %g)\n", text, lo, hi);
        abort();
    }
    int year = 0, sub = 0;
    char kind = 0;
    (void)js_harm_time(text, &year, &sub, &kind);
    (void)js_harm_sex(text);
    size_t code_len = 0;
    const char *label = NULL;
    if (js_harm_split_code(text, &code_len, &label) &&
        (code_len > len || label == NULL || label < text || label > text + len)) {
        fprintf(stderr, "fuzz_labels: split of \"%s\" outside the text\n", text);
        abort();
    }
    char norm[64];
    if (js_harm_normalise(text, norm, sizeof norm) != NULL && memchr(norm, '\0', sizeof norm) == NULL)
        abort();
    (void)js_harm_role_from_name(text);
    (void)js_harm_region_total(text, text);
    return 0;
}
