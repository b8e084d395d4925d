/*
 * fuzz_form.c - libFuzzer harness for the urlencoded form parser.
 *
 * The parser decodes in place, so each input is copied into a buffer with
 * the one spare byte the contract asks for. Every field it returns must be
 * NUL-terminated within that buffer and free of NUL bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = xmalloc(size + 1);
	struct form f;
	struct err e;

	memcpy(body, data, size);
	body[size] = '\0';
	if (form_parse_urlencoded(&f, body, size, NULL, &e) == 0) {
		for (size_t i = 0; i < f.n; i++) {
			if (strlen(f.fields[i].value) != f.fields[i].value_len)
				abort();
			if (f.fields[i].name[0] == '\0')
				abort();
		}
	} else if (e.msg[0] == '\0') {
		abort();
	}
	free(body);
	return 0;
}
