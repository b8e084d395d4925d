/*
 * test_lines.c - the JSON Lines splitter (core/lines.c): lines, a final
 * line without a newline, blank lines, lines over the limit (skipped and
 * reported), and read errors, each fed in chunks of several sizes so that
 * lines straddle the reads.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/lines.h"

/* Memory source: hands out at most chunk bytes a read; fails with EIO at
 * byte fail_at (when not SIZE_MAX). */
struct mem {
	const char *data;
	size_t len, pos, chunk, fail_at;
};

static ssize_t mem_read(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->len - m->pos;

	if (m->pos >= m->fail_at) {
		errno = EIO;
		return -1;
	}
	if (k > n)
		k = n;
	if (k > m->chunk)
		k = m->chunk;
	if (m->fail_at != SIZE_MAX && k > m->fail_at - m->pos)
		k = m->fail_at - m->pos;	/* never read past the failure */
	memcpy(buf, m->data + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

#define MAX_OUT 8

struct lines_case {
	const char *name;
	const char *input;
	size_t limit;
	size_t fail_at;		/* SIZE_MAX: never */
	/* Expected results in order; "#" marks LINES_TOO_LONG, "!" an
	 * error, NULL the end. */
	const char *expect[MAX_OUT];
};

static const struct lines_case cases[] = {
	{ "two lines", "a\nbc\n", 10, SIZE_MAX, { "a", "bc", NULL } },
	{ "no final newline", "a\nbc", 10, SIZE_MAX, { "a", "bc", NULL } },
	{ "empty input", "", 10, SIZE_MAX, { NULL } },
	{ "blank lines kept", "\n\nx\n", 10, SIZE_MAX, { "", "", "x", NULL } },
	{ "line at the limit", "abcd\n", 4, SIZE_MAX, { "abcd", NULL } },
	{ "line over the limit", "abcde\nok\n", 4, SIZE_MAX,
	  { "#", "ok", NULL } },
	{ "long last line", "ok\nabcdefgh", 4, SIZE_MAX, { "ok", "#", NULL } },
	{ "crlf left to the caller", "a\r\n", 4, SIZE_MAX, { "a\r", NULL } },
	{ "read error", "abc\ndef\n", 10, 5, { "abc", "!", NULL } },
};

static void run_case(const struct lines_case *c, size_t chunk)
{
	struct mem m = { c->input, strlen(c->input), 0, chunk, c->fail_at };
	struct lines lr;
	struct err e;
	const char *line;
	size_t len, i;

	lines_init(&lr, mem_read, &m, c->limit);
	for (i = 0; i < MAX_OUT; i++) {
		enum lines_status st = lines_next(&lr, &line, &len, &e);
		const char *want = c->expect[i];

		if (want == NULL) {
			assert_int_equal(st, LINES_EOF);
			break;
		}
		if (strcmp(want, "#") == 0) {
			assert_int_equal(st, LINES_TOO_LONG);
		} else if (strcmp(want, "!") == 0) {
			assert_int_equal(st, LINES_ERROR);
			assert_int_equal(e.code, ERR_IO);
			break;
		} else {
			assert_int_equal(st, LINES_LINE);
			assert_int_equal(len, strlen(want));
			assert_memory_equal(line, want, len);
		}
		assert_int_equal(lr.lineno, i + 1);
	}
	lines_release(&lr);
}

static void test_cases(void **state)
{
	static const size_t chunks[] = { 1, 2, 3, 7, 1 << 20 };

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
			print_message("%s, chunk %zu\n", cases[i].name,
				      chunks[k]);
			run_case(&cases[i], chunks[k]);
		}
}

/* A line far longer than the buffer is dropped without being stored, and
 * the next line still comes through whole. */
static void test_huge_line(void **state)
{
	size_t n = 5u << 20;
	char *big = malloc(n + 8);
	struct mem m;
	struct lines lr;
	struct err e;
	const char *line;
	size_t len;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', n);
	memcpy(big + n, "\nnext\n", 7);
	m = (struct mem){ big, n + 6, 0, 65536, SIZE_MAX };
	lines_init(&lr, mem_read, &m, 1000);
	assert_int_equal(lines_next(&lr, &line, &len, &e), LINES_TOO_LONG);
	assert_int_equal(lines_next(&lr, &line, &len, &e), LINES_LINE);
	assert_int_equal(len, 4);
	assert_memory_equal(line, "next", 4);
	assert_int_equal(lr.lineno, 2);
	assert_int_equal(lines_next(&lr, &line, &len, &e), LINES_EOF);
	lines_release(&lr);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_huge_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
