/*
 * fuzz_multipart.c - libFuzzer harness for the multipart/form-data parser.
 *
 * The first line of the input (up to a newline, at most 200 bytes) is used
 * as the Content-Type header and the rest as the body, so the fuzzer can
 * vary the boundary as well as the parts. The body is read twice: whole,
 * and as a stream fed in pieces whose size the first byte of the body
 * sets; both must give the same fields or the same error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The body fed in pieces of step bytes must give what the whole did. */
static void same_in_pieces(const char *ct, const char *body, size_t blen,
			   const struct form_limits *lim, int rc_whole,
			   const struct form *whole, const struct err *e_whole)
{
	size_t step = blen > 0 ? (unsigned char)body[0] % 64 + 1 : 1;
	struct err e;
	struct form f;
	struct form_stream *fs;
	int rc;

	err_clear(&e);
	fs = form_stream_new(ct, lim, NULL, NULL, &e);
	rc = fs != NULL ? 0 : -1;

	for (size_t off = 0; off < blen && rc == 0; off += step)
		rc = form_stream_feed(fs, body + off, blen - off < step ?
				      blen - off : step, &e);
	if (rc == 0)
		rc = form_stream_finish(fs, &f, &e);
	if (rc != rc_whole)
		abort();
	if (rc < 0 && strcmp(e.msg, e_whole->msg) != 0)
		abort();
	if (rc == 0) {
		if (f.n != whole->n)
			abort();
		for (size_t i = 0; i < f.n; i++) {
			const struct form_field *a = &f.fields[i],
						*b = &whole->fields[i];

			if (strcmp(a->name, b->name) != 0 ||
			    a->value_len != b->value_len ||
			    memcmp(a->value, b->value, a->value_len) != 0 ||
			    (a->filename == NULL) != (b->filename == NULL))
				abort();
		}
	}
	form_stream_free(fs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size < 200 ? size : 200);
	struct form_limits lim = { .max_file = 1 << 16, .max_fields = 16 };
	size_t ctlen, blen;
	char *ct, *body, *copy;
	struct form f;
	struct err e;
	int rc;

	if (nl == NULL)
		return 0;
	ctlen = (size_t)(nl - data);
	ct = xstrndup((const char *)data, ctlen);
	blen = size - ctlen - 1;
	body = xmalloc(blen + 1);
	memcpy(body, nl + 1, blen);
	body[blen] = '\0';
	copy = xmalloc(blen + 1);
	memcpy(copy, body, blen + 1);
	err_clear(&e);
	rc = form_parse_multipart(&f, ct, body, blen, &lim, &e);
	same_in_pieces(ct, copy, blen, &lim, rc, &f, &e);
	if (rc == 0) {
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
	free(copy);
	return 0;
}
