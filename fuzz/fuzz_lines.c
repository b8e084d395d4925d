/*
 * fuzz_lines.c - libFuzzer harness for the JSON Lines splitter
 * (core/lines.c). The first byte picks the read size and the second the
 * line limit, so that lines straddle reads and hit the limit. Checks: no
 * line is over the limit or holds a newline, and the lines plus the
 * newlines never add up to more bytes than came in.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lines.h"

struct mem {
	const uint8_t *data;
	size_t len, pos, chunk;
};

static ssize_t mem_read(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->len - m->pos;

	if (k > n)
		k = n;
	if (k > m->chunk)
		k = m->chunk;
	memcpy(buf, m->data + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mem m;
	struct lines lr;
	struct err e;
	const char *line;
	size_t len, total = 0, limit;
	enum lines_status st;

	if (size < 2)
		return 0;
	m = (struct mem){ data + 2, size - 2, 0, (size_t)data[0] + 1 };
	limit = (size_t)data[1] * 16;
	lines_init(&lr, mem_read, &m, limit);
	while ((st = lines_next(&lr, &line, &len, &e)) != LINES_EOF) {
		if (st == LINES_ERROR)
			abort();
		if (st == LINES_LINE) {
			if (len > limit || memchr(line, '\n', len) != NULL)
				abort();
			total += len;
		}
		if (total + lr.lineno > m.len + 1)
			abort();
	}
	lines_release(&lr);
	return 0;
}
