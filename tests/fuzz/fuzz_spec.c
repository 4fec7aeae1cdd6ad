/*
 * fuzz_spec.c - fuzz target for the analysis file: its INI reading (lines,
 * sections, continuations, encodings), its typed keys checked per kind, and
 * then `jamstat check` of it on a small fixed data file, pop.csv
 * (fuzz_run_common.h says what is checked).
 */
#include "fuzz_run_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_check_run(data, size, (const uint8_t *)fuzz_default_data, sizeof fuzz_default_data - 1);
    return 0;
}
