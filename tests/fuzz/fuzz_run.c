/*
 * fuzz_run.c - fuzz target for the whole run: an analysis file and a CSV
 * in one input, split at the first line "%%" (no such line: the whole
 * input is the analysis file and data.csv is empty).  The analysis file
 * reads data.csv (or the fixed pop.csv); `jamstat check` then reads it,
 * computes every indicator and builds every chart (fuzz_run_common.h).
 * The seeds are real analysis files with their data, so that mutations
 * reach the indicators.
 */
#include "fuzz_run_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t split = size, rest = size;
    for (size_t i = 0; i + 3 <= size; i++)
        if ((i == 0 || data[i - 1] == '\n') && data[i] == '%' && data[i + 1] == '%' &&
            (i + 2 == size || data[i + 2] == '\n')) {
            split = i;
            rest = i + 2 < size ? i + 3 : size;
            break;
        }
    fuzz_check_run(data, split, data + rest, size - rest);
    return 0;
}
