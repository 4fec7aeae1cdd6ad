/*
 * fuzz_csv.c - fuzz target for the CSV reader (libcsv feed, sniffing, wide and long layouts).
 *
 * libFuzzer:  clang -fsanitize=fuzzer,address,undefined ... (tests/fuzz/run-fuzz.sh)
 * replay:     any C11 compiler with tests/fuzz/replay.c (tests/fuzz/run-replay.sh)
 * The checks made on each input are in fuzz_common.h.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_read(js_read_csv, "fuzz.csv", data, size);
}
