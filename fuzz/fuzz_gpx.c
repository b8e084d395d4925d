/* fuzz_gpx.c - libFuzzer harness for the GPX/TCX reader (through the
 * format table, so TCX and the sniffing are covered too). */
#include <stddef.h>
#include <stdint.h>

#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct activity a;
	struct err e;

	import_mem(data, size, "fuzz.gpx", &a, NULL, &e);
	return 0;
}
