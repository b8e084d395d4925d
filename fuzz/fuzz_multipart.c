/*
 * fuzz_multipart.c - libFuzzer harness for the multipart/form-data parser.
 *
 * The first line of the input (up to a newline, at most 200 bytes) is used
 * as the Content-Type header and the rest as the body, so the fuzzer can
 * vary the boundary as well as the parts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size < 200 ? size : 200);
	struct form_limits lim = { .max_file = 1 << 16, .max_fields = 16 };
	size_t ctlen, blen;
	char *ct, *body;
	struct form f;
	struct err e;

	if (nl == NULL)
		return 0;
	ctlen = (size_t)(nl - data);
	ct = xstrndup((const char *)data, ctlen);
	blen = size - ctlen - 1;
	body = xmalloc(blen + 1);
	memcpy(body, nl + 1, blen);
	body[blen] = '\0';
	if (form_parse_multipart(&f, ct, body, blen, &lim, &e) == 0) {
		for (size_t i = 0; i < f.n; i++) {
			const struct form_field *fld = &f.fields[i];

			if (fld->value < body || fld->value + fld->value_len >
			    body + blen)
				abort();
			if (fld->value[fld->value_len] != '\0')
				abort();
		}
	} else if (e.msg[0] == '\0') {
		abort();
	}
	free(ct);
	free(body);
	return 0;
}
