/* fuzz_fit.c - libFuzzer harness for the FIT decoder. */
#include <stddef.h>
#include <stdint.h>

#include "import/fit.h"
#include "import/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mem_src m;
	struct istream in;
	struct ibuf b;
	struct activity_sum s;
	struct activity a;
	struct err e;

	mem_src_init(&m, &in, data, size);
	ibuf_init(&b, &in, FIT_BUF_BYTES);
	activity_sum_init(&s);
	if (fit_parse(&b, &s, NULL, NULL, &e) == 0)
		activity_sum_finish(&s, &a, &e);
	ibuf_release(&b);
	return 0;
}
