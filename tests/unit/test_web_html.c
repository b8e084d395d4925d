/*
 * test_web_html.c - the context escapers: each case is an input, a context
 * and the exact output expected.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "web/html.h"

enum ctx { CTX_TEXT, CTX_ATTR, CTX_URL };

struct esc_case {
	enum ctx ctx;
	const char *in;
	size_t len;	/* 0: strlen(in) */
	const char *want;
};

static const struct esc_case cases[] = {
	{ CTX_TEXT, "plain words", 0, "plain words" },
	{ CTX_TEXT, "<script>alert(1)</script>", 0,
	  "&lt;script&gt;alert(1)&lt;/script&gt;" },
	{ CTX_TEXT, "a & b \"c\" 'd'", 0, "a &amp; b &quot;c&quot; &#39;d&#39;" },
	{ CTX_TEXT, "x=`y`", 0, "x=`y`" },
	{ CTX_ATTR, "x=`y`", 0, "x&#61;&#96;y&#96;" },
	{ CTX_ATTR, "\" onmouseover=\"alert(1)", 0,
	  "&quot; onmouseover&#61;&quot;alert(1)" },
	{ CTX_TEXT, "tab\tnl\ncr\r", 0, "tab\tnl\ncr\r" },
	{ CTX_TEXT, "bell\x07" "del\x7f" "esc\x1b", 0, "belldelesc" },
	{ CTX_TEXT, "nul\0after", 9, "nulafter" },
	{ CTX_TEXT, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8f\x83", 0,
	  "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8f\x83" },
	{ CTX_TEXT, "bad \xff byte", 0, "bad \xef\xbf\xbd byte" },
	{ CTX_TEXT, "overlong \xc0\xbc", 0,
	  "overlong \xef\xbf\xbd\xef\xbf\xbd" },
	{ CTX_TEXT, "surrogate \xed\xa0\x80", 0,
	  "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ CTX_TEXT, "cut \xe2\x82", 0, "cut \xef\xbf\xbd\xef\xbf\xbd" },
	{ CTX_ATTR, "caf\xc3\xa9<", 0, "caf\xc3\xa9&lt;" },
	{ CTX_URL, "Anna Berg", 0, "Anna%20Berg" },
	{ CTX_URL, "a&b=c/d?e#f", 0, "a%26b%3Dc%2Fd%3Fe%23f" },
	{ CTX_URL, "safe-._~09AZaz", 0, "safe-._~09AZaz" },
	{ CTX_URL, "\"<'>", 0, "%22%3C%27%3E" },
	{ CTX_URL, "caf\xc3\xa9", 0, "caf%C3%A9" },
	{ CTX_TEXT, "", 0, "" },
};

static void test_escapers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct esc_case *c = &cases[i];
		size_t len = c->len ? c->len : strlen(c->in);
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, "[");
		switch (c->ctx) {
		case CTX_TEXT:
			if (c->len)
				html_textn(&sb, c->in, len);
			else
				html_text(&sb, c->in);
			break;
		case CTX_ATTR:
			html_attr(&sb, c->in);
			break;
		case CTX_URL:
			html_url_component(&sb, c->in);
			break;
		}
		strbuf_addstr(&sb, "]");
		if (strlen(sb.buf) != sb.len ||
		    strncmp(sb.buf + 1, c->want, strlen(c->want)) != 0 ||
		    sb.len != strlen(c->want) + 2)
			fail_msg("case %zu: got \"%s\", want \"[%s]\"", i,
				 sb.buf, c->want);
		strbuf_release(&sb);
	}
}

/* Whatever the input, escaped text holds none of the special characters. */
static void test_no_specials_survive(void **state)
{
	char in[256];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (int i = 0; i < 256; i++)
		in[i] = (char)i;
	html_attrn(&sb, in, sizeof(in));
	assert_null(strpbrk(sb.buf, "<>\"'`="));
	assert_int_equal(strlen(sb.buf), sb.len);
	strbuf_reset(&sb);
	html_textn(&sb, in, sizeof(in));
	assert_null(strpbrk(sb.buf, "<>\"'"));
	strbuf_release(&sb);
}

static void test_textf(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html_textf(&sb, "%s scored %d/10", "<b>", 7);
	assert_string_equal(sb.buf, "&lt;b&gt; scored 7/10");
	strbuf_reset(&sb);
	html_int(&sb, -42);
	assert_string_equal(sb.buf, "-42");
	strbuf_release(&sb);
}

/* A hidden input escapes its name and value; a NULL value writes none. */
static void test_hidden(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html_hidden(&sb, "note", "a \"b\" <c>");
	assert_string_equal(sb.buf, "<input type=\"hidden\" name=\"note\" "
			    "value=\"a &quot;b&quot; &lt;c&gt;\">");
	strbuf_reset(&sb);
	html_hidden(&sb, "by", NULL);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapers),
		cmocka_unit_test(test_no_specials_survive),
		cmocka_unit_test(test_textf),
		cmocka_unit_test(test_hidden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
