/*
 * test_utf8.c - the shared UTF-8 validator, byte sequence by byte
 * sequence: what it accepts, with its length, and every kind it refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/utf8.h"

static const struct {
	const char *bytes;
	size_t avail;		/* bytes offered */
	size_t want;		/* expected length, 0 = refused */
} cases[] = {
	{ "A", 1, 1 },
	{ "\xc3\xa9", 2, 2 },		/* é */
	{ "\xe2\x82\xac", 3, 3 },	/* € */
	{ "\xf0\x9f\x8f\x83", 4, 4 },	/* runner emoji */
	{ "\xf4\x8f\xbf\xbf", 4, 4 },	/* U+10FFFF */
	{ "\x80", 1, 0 },		/* stray continuation byte */
	{ "\xc0\x80", 2, 0 },		/* overlong NUL */
	{ "\xc1\xbf", 2, 0 },		/* overlong */
	{ "\xe0\x80\x80", 3, 0 },	/* overlong 3-byte */
	{ "\xf0\x80\x80\x80", 4, 0 },	/* overlong 4-byte */
	{ "\xed\xa0\x80", 3, 0 },	/* surrogate U+D800 */
	{ "\xf4\x90\x80\x80", 4, 0 },	/* past U+10FFFF */
	{ "\xf5\x80\x80\x80", 4, 0 },	/* no such lead byte */
	{ "\xe2\x82", 2, 0 },		/* truncated */
	{ "\xe2\x28\xac", 3, 0 },	/* bad continuation */
};

static void test_sequences(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t got = utf8_seq_len((const unsigned char *)cases[i].bytes,
					  cases[i].avail);

		if (got != cases[i].want)
			fail_msg("case %zu: length %zu, expected %zu", i, got,
				 cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequences),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
