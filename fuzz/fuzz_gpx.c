/* fuzz_gpx.c - libFuzzer harness for the GPX/TCX reader (through the
 * format table, so TCX and the sniffing are covered too), and for the
 * windowed reader of large files, held to the sequential one on every
 * input (a window size taken from the input's last byte, two threads). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "import/import.h"
#include "../tests/gen/split_check.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct activity a;
	struct err e;
	char why[600];

	import_mem(data, size, "fuzz.gpx", &a, NULL, &e);
	if (size > 0 && split_check(data, size, 1 + data[size - 1] % 256u * 4,
				    2, why, sizeof why) == SPLIT_DIFFERS) {
		fprintf(stderr, "windowed read differs: %s\n", why);
		abort();
	}
	return 0;
}
