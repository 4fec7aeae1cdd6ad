/*
 * fuzz_jsonstat.c - fuzz target for the JSON-stat reader (jansson parse, dataset shapes, sparse values).
 *
 * libFuzzer:  clang -fsanitize=fuzzer,address,undefined ... (tests/fuzz/run-fuzz.sh)
 * replay:     any C11 compiler with tests/fuzz/replay.c (tests/fuzz/run-replay.sh)
 * The checks made on each input are in fuzz_common.h.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_read(js_read_jsonstat, "fuzz.json", data, size);
}
