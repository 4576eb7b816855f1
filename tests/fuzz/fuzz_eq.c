/*
 * libFuzzer harness: any bytes as a model in the equations format (see
 * fuzz_reader.h for what it checks).
 */
#include "fuzz_reader.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader(data, size, INFDIAG_INPUT_EQ, "fuzz.eq");
}
