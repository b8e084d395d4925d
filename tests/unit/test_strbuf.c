/*
 * test_strbuf.c - the growable buffer and its JSON string escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/strbuf.h"

/* The invariants strbuf.h states. */
static void check_invariants(const struct strbuf *sb)
{
	assert_non_null(sb->buf);
	assert_int_equal(sb->buf[sb->len], '\0');
	if (sb->alloc)
		assert_true(sb->alloc > sb->len);
	else
		assert_int_equal(sb->len, 0);
}

/* ---- JSON escaping ---- */

struct escape_case {
	const char *in;
	size_t len;		/* 0: strlen(in) */
	const char *out;
};

static const struct escape_case escape_cases[] = {
	{ "", 0, "\"\"" },
	{ "plain text 123", 0, "\"plain text 123\"" },
	{ "\"", 0, "\"\\\"\"" },
	{ "\\", 0, "\"\\\\\"" },
	{ "a\"b\\c", 0, "\"a\\\"b\\\\c\"" },
	{ "/", 0, "\"/\"" },
	/* Control characters: the short forms for \n \r \t, \u00XX else. */
	{ "\n\r\t", 0, "\"\\n\\r\\t\"" },
	{ "\b\f", 0, "\"\\u0008\\u000c\"" },
	{ "\x01\x1f", 0, "\"\\u0001\\u001f\"" },
	{ "a\0b", 3, "\"a\\u0000b\"" },
	{ "\x7f", 0, "\"\x7f\"" },
	/* Safe inside an HTML <script> block. */
	{ "<script>&amp;</script>", 0,
	  "\"\\u003cscript\\u003e\\u0026amp;\\u003c/script\\u003e\"" },
	/* Valid UTF-8 of every length is kept as is. */
	{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 0,
	  "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
	{ "\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f"
	  "\xbf\xbf", 0,
	  "\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f"
	  "\xbf\xbf\"" },
	/* Each byte that does not start a valid sequence becomes U+FFFD. */
	{ "\x80", 0, "\"\\ufffd\"" },
	{ "a\xffz", 0, "\"a\\ufffdz\"" },
	{ "\xc3", 0, "\"\\ufffd\"" },
	{ "\xc3z", 0, "\"\\ufffdz\"" },
	{ "\xc0\x80", 0, "\"\\ufffd\\ufffd\"" },
	{ "\xe0\x80\x80", 0, "\"\\ufffd\\ufffd\\ufffd\"" },
	{ "\xed\xa0\x80", 0, "\"\\ufffd\\ufffd\\ufffd\"" },
	{ "\xf4\x90\x80\x80", 0, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
	{ "\xf5", 0, "\"\\ufffd\"" },
	{ "\xe2\x82", 0, "\"\\ufffd\\ufffd\"" },
	{ "\xe2\x82\xac\xe2", 0, "\"\xe2\x82\xac\\ufffd\"" },
};

static void test_escape(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof escape_cases / sizeof escape_cases[0];
	     i++) {
		const struct escape_case *c = &escape_cases[i];

		strbuf_reset(&sb);
		if (c->len)
			strbuf_add_json_strn(&sb, c->in, c->len);
		else
			strbuf_add_json_str(&sb, c->in);
		check_invariants(&sb);
		if (strcmp(sb.buf, c->out) != 0 ||
		    sb.len != strlen(c->out))
			fail_msg("case %zu: got %s, want %s", i, sb.buf, c->out);
	}
	strbuf_release(&sb);
}

/*
 * Any bytes at all come out as a JSON string the strict reader accepts;
 * when the bytes were valid UTF-8 they read back unchanged.
 */
static void test_escape_round_trip(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_doc doc;
	uint32_t x = 2463534242u;
	unsigned char bytes[64];

	(void)state;
	json_doc_init(&doc);
	for (int i = 0; i < 20000; i++) {
		size_t n, k;
		struct err e;
		int valid;

		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		n = x % sizeof bytes;
		for (k = 0; k < n; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			/* Mostly ASCII, with some high bytes. */
			bytes[k] = (unsigned char)(x & 0x100 ? x >> 24
							     : (x >> 24) & 0x7f);
		}
		strbuf_reset(&sb);
		strbuf_add_json_strn(&sb, (const char *)bytes, n);
		check_invariants(&sb);
		if (json_parse(&doc, sb.buf, sb.len, NULL, &e) != 0)
			fail_msg("case %d: %s: %s", i, sb.buf, e.msg);
		assert_int_equal(doc.root->type, JSON_STRING);
		/* Invalid input always shows a U+FFFD escape (valid input
		 * may too, if it spelled one out: then it is skipped). */
		valid = strstr(sb.buf, "\\ufffd") == NULL;
		if (valid) {
			assert_int_equal(doc.root->u.string.len, n);
			assert_memory_equal(doc.root->u.string.s, bytes, n);
		}
	}
	json_doc_release(&doc);
	strbuf_release(&sb);
}

/* ---- The buffer ---- */

static void test_empty(void **state)
{
	struct strbuf a = STRBUF_INIT, b;
	char *s;
	size_t len = 99;

	(void)state;
	check_invariants(&a);
	assert_int_equal(a.alloc, 0);
	strbuf_init(&b, 0);
	check_invariants(&b);
	assert_int_equal(b.alloc, 0);
	/* Reset on an empty buffer keeps it empty and valid. */
	strbuf_reset(&b);
	check_invariants(&b);
	/* Detach always gives an owned, terminated buffer. */
	s = strbuf_detach(&b, &len);
	assert_non_null(s);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	free(s);
	check_invariants(&b);
	strbuf_release(&a);
	check_invariants(&a);
}

static void test_add(void **state)
{
	struct strbuf sb;
	char *s;
	size_t len;

	(void)state;
	strbuf_init(&sb, 10);
	assert_true(sb.alloc >= 11);
	check_invariants(&sb);
	strbuf_add(&sb, "abc", 3);
	strbuf_addch(&sb, '-');
	strbuf_addstr(&sb, "def");
	strbuf_add(&sb, "x\0y", 3);
	assert_int_equal(sb.len, 10);
	assert_memory_equal(sb.buf, "abc-defx\0y", 11);
	check_invariants(&sb);
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	check_invariants(&sb);
	/* Growth across many appends keeps every byte. */
	for (int i = 0; i < 10000; i++)
		strbuf_addch(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 10000);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(sb.buf[i], 'a' + i % 26);
	check_invariants(&sb);
	s = strbuf_detach(&sb, &len);
	assert_int_equal(len, 10000);
	assert_int_equal(s[10000], '\0');
	free(s);
	assert_int_equal(sb.len, 0);
	check_invariants(&sb);
	strbuf_release(&sb);
}

static void test_grow(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_grow(&sb, 100);
	assert_true(sb.alloc >= 101);
	assert_int_equal(sb.len, 0);
	check_invariants(&sb);
	strbuf_addstr(&sb, "keep");
	strbuf_grow(&sb, 5000);
	assert_true(sb.alloc >= 5005);
	assert_string_equal(sb.buf, "keep");
	strbuf_release(&sb);
	assert_int_equal(sb.alloc, 0);
	check_invariants(&sb);
}

static void test_addf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char big[3000];

	(void)state;
	/* On an empty buffer, then formats that fit and that need the
	 * buffer to grow. */
	strbuf_addf(&sb, "%s=%d", "x", -7);
	assert_string_equal(sb.buf, "x=-7");
	strbuf_addf(&sb, "%5d|%-3s|", 12, "ab");
	assert_string_equal(sb.buf, "x=-7   12|ab |");
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	strbuf_addf(&sb, "<%s>", big);
	assert_int_equal(sb.len, 14 + 2 + sizeof big - 1);
	assert_memory_equal(sb.buf, "x=-7   12|ab |<zzz", 18);
	assert_int_equal(sb.buf[sb.len - 1], '>');
	check_invariants(&sb);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%%");
	assert_string_equal(sb.buf, "%");
	strbuf_release(&sb);
}

static const struct {
	long long v;
	const char *want;
} int_cases[] = {
	{ 0, "0" },
	{ 7, "7" },
	{ -1, "-1" },
	{ 10, "10" },
	{ -205, "-205" },
	{ LLONG_MAX, "9223372036854775807" },
	{ LLONG_MIN, "-9223372036854775808" },
};

static void test_addint(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof int_cases / sizeof int_cases[0]; i++) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "n=");
		strbuf_addint(&sb, int_cases[i].v);
		assert_string_equal(sb.buf + 2, int_cases[i].want);
		check_invariants(&sb);
	}
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_round_trip),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_addint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
