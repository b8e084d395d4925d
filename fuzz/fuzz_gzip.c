/* fuzz_gzip.c - libFuzzer harness for the capped gzip layer. */
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>

#include "import/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mem_src m;
	struct istream in, out;
	struct gz_src *g = malloc(sizeof(*g));
	unsigned char buf[4096];
	struct err e;
	ssize_t n;

	mem_src_init(&m, &in, data, size);
	gz_src_init(g, &out, &in, stream_cap_for(size));
	do
		n = out.read(out.ctx, buf, sizeof(buf), &e);
	while (n > 0);
	gz_src_release(g);
	free(g);
	return 0;
}
