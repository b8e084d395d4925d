/*
 * test_json.c - the JSON reader: valid and invalid documents, positions,
 * limits, deep nesting, UTF-8, escapes, numbers and arena reuse.
 *
 * Valid documents are checked by dumping the tree in a canonical compact
 * form; invalid ones by their exact message, position included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/strbuf.h"
#include "json_text.h"

/* ---- Valid documents ---- */

struct valid_case {
	const char *text;
	size_t len;		/* 0: strlen(text) */
	const char *dump;
};

static const struct valid_case valid_cases[] = {
	{ "null", 0, "null" },
	{ "true", 0, "true" },
	{ "false", 0, "false" },
	{ " \t\r\n 0 \n", 0, "0" },
	{ "\"\"", 0, "\"\"" },
	{ "[]", 0, "[]" },
	{ "{}", 0, "{}" },
	{ "[ ]", 0, "[]" },
	{ "{\n}", 0, "{}" },
	{ "[[],{},[[]]]", 0, "[[],{},[[]]]" },
	{ "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}", 0,
	  "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}" },
	{ " { \"a\" : [ 1 , 2 ] , \"b\" : { } } ", 0,
	  "{\"a\":[1,2],\"b\":{}}" },
	/* Duplicate keys are kept, in input order. */
	{ "{\"a\":1,\"a\":2}", 0, "{\"a\":1,\"a\":2}" },
	/* Escapes. */
	{ "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", 0,
	  "\"\\\" \\\\ / \\u0008 \\u000c \\u000a \\u000d \\u0009\"" },
	{ "\"\\u0041\\u00e9\\u20AC\"", 0, "\"A\xc3\xa9\xe2\x82\xac\"" },
	{ "\"\\ud83d\\ude00\"", 0, "\"\xf0\x9f\x98\x80\"" },
	{ "\"\\uDBFF\\uDFFF\"", 0, "\"\xf4\x8f\xbf\xbf\"" },
	{ "\"a\\u0000b\"", 0, "\"a\\u0000b\"" },
	{ "{\"k\\u0000\":1}", 0, "{\"k\\u0000\":1}" },
	/* Raw UTF-8 of every length, and DEL (allowed unescaped). */
	{ "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f\"", 0,
	  "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f\"" },
	{ "\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4"
	  "\x8f\xbf\xbf\"", 0,
	  "\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4"
	  "\x8f\xbf\xbf\"" },
	/* Numbers. */
	{ "[0,-0,1,-1,10,123456789]", 0, "[0,0,1,-1,10,123456789]" },
	{ "[1.5,-2.25,1e2,1E+2,1e-2,0.5e1]", 0,
	  "[1.5,-2.25,100,100,0.01,5]" },
	{ "9223372036854775807", 0, "9223372036854775807" },
	{ "-9223372036854775808", 0, "-9223372036854775808" },
	{ "9223372036854775808", 0, "9.2233720368547758e+18" },
	{ "1e-400", 0, "0" },
	/* Input need not be NUL-terminated: len cuts it short. */
	{ "[1,2]garbage", 5, "[1,2]" },
	{ "12345", 2, "12" },
	{ "\"abc\"", 0, "\"abc\"" },
};

static void test_valid(void **state)
{
	struct json_doc doc;
	struct err e;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	json_doc_init(&doc);
	for (size_t i = 0; i < sizeof valid_cases / sizeof valid_cases[0];
	     i++) {
		const struct valid_case *c = &valid_cases[i];
		size_t len = c->len ? c->len : strlen(c->text);

		err_clear(&e);
		if (json_parse(&doc, c->text, len, NULL, &e) != 0)
			fail_msg("case %zu (%s): %s", i, c->text, e.msg);
		assert_non_null(doc.root);
		strbuf_reset(&sb);
		json_text(&sb, doc.root);
		if (strcmp(sb.buf, c->dump) != 0)
			fail_msg("case %zu: got %s, want %s", i, sb.buf,
				 c->dump);
	}
	strbuf_release(&sb);
	json_doc_release(&doc);
}

/* ---- Invalid documents ---- */

struct invalid_case {
	const char *text;
	size_t len;		/* 0: strlen(text) */
	const char *msg;
};

static const struct invalid_case invalid_cases[] = {
	{ "", 0, "line 1, column 1: expected a value, got end of input" },
	{ "   \n  ", 0,
	  "line 2, column 3: expected a value, got end of input" },
	{ "nul", 0, "line 1, column 1: expected 'null'" },
	{ "True", 0, "line 1, column 1: expected a value, got 'T'" },
	{ "tru", 0, "line 1, column 1: expected 'true'" },
	{ "fals", 0, "line 1, column 1: expected 'false'" },
	{ "NaN", 0, "line 1, column 1: expected a value, got 'N'" },
	{ "Infinity", 0, "line 1, column 1: expected a value, got 'I'" },
	{ "'a'", 0, "line 1, column 1: expected a value, got '''" },
	{ "1 2", 0, "line 1, column 3: expected end of input after the "
		    "value, got '2'" },
	{ "{} x", 0, "line 1, column 4: expected end of input after the "
		     "value, got 'x'" },
	{ "[1,]", 0, "line 1, column 4: expected a value, got ']'" },
	{ "[1 2]", 0, "line 1, column 4: expected ',' or ']', got '2'" },
	{ "[1", 0, "line 1, column 3: expected ',' or ']', got end of input" },
	{ "[", 0, "line 1, column 2: expected a value, got end of input" },
	{ "{", 0, "line 1, column 2: expected a string key, got end of "
		  "input" },
	{ "{\"a\":1,}", 0, "line 1, column 8: expected a string key, got "
			   "'}'" },
	{ "{a:1}", 0, "line 1, column 2: expected a string key, got 'a'" },
	{ "{\"a\" 1}", 0, "line 1, column 6: expected ':' after the key, "
			  "got '1'" },
	{ "{\"a\":}", 0, "line 1, column 6: expected a value, got '}'" },
	{ "{\"a\":1 \"b\":2}", 0,
	  "line 1, column 8: expected ',' or '}', got '\"'" },
	{ "[1}", 0, "line 1, column 3: expected ',' or ']', got '}'" },
	{ "{\"a\":1]", 0, "line 1, column 7: expected ',' or '}', got ']'" },
	{ "// c\n1", 0, "line 1, column 1: expected a value, got '/'" },
	{ "\xef\xbb\xbf{}", 0,
	  "line 1, column 1: expected a value, got byte 0xef" },
	{ "[1,\n  2,\n  x]", 0, "line 3, column 3: expected a value, got "
				"'x'" },
	{ "[1,\r\n  x]", 0, "line 2, column 3: expected a value, got 'x'" },
	{ "\x01", 0, "line 1, column 1: expected a value, got byte 0x01" },
	/* Numbers. */
	{ "-", 0, "line 1, column 2: expected a digit after '-', got end "
		  "of input" },
	{ "-a", 0, "line 1, column 2: expected a digit after '-', got 'a'" },
	{ "+1", 0, "line 1, column 1: expected a value, got '+'" },
	{ "01", 0, "line 1, column 1: expected a number without leading "
		   "zeros" },
	{ "-012", 0, "line 1, column 1: expected a number without leading "
		     "zeros" },
	{ "1.", 0, "line 1, column 3: expected a digit after '.', got end "
		   "of input" },
	{ ".5", 0, "line 1, column 1: expected a value, got '.'" },
	{ "1.e3", 0, "line 1, column 3: expected a digit after '.', got "
		     "'e'" },
	{ "1e", 0, "line 1, column 3: expected a digit in the exponent, got "
		   "end of input" },
	{ "1e+", 0, "line 1, column 4: expected a digit in the exponent, "
		    "got end of input" },
	{ "[1E-x]", 0, "line 1, column 5: expected a digit in the exponent, "
		       "got 'x'" },
	{ "1e400", 0, "line 1, column 1: expected a number within the range "
		      "of a double (about 1.8e308)" },
	{ "[0, -1e99999999999999]", 0, "line 1, column 5: expected a number "
	  "within the range of a double (about 1.8e308)" },
	{ "0x10", 0, "line 1, column 2: expected end of input after the "
		     "value, got 'x'" },
	/* Strings. */
	{ "\"abc", 0, "line 1, column 1: expected a closing '\"' for this "
		      "string before end of input" },
	{ "\"abc\\", 0, "line 1, column 5: expected a closing '\"', got end "
			"of input" },
	{ "\"a\tb\"", 0, "line 1, column 3: expected an escape such as \\n "
			 "or \\u0009 for control character 0x09 in string" },
	{ "\"a\nb\"", 0, "line 1, column 3: expected an escape such as \\n "
			 "or \\u000a for control character 0x0a in string" },
	{ "\"a\0b\"", 5, "line 1, column 3: expected an escape such as \\n "
			 "or \\u0000 for control character 0x00 in string" },
	{ "\"\\q\"", 0, "line 1, column 2: expected one of \\\" \\\\ \\/ \\b "
			"\\f \\n \\r \\t \\u after a backslash, got 'q'" },
	{ "\"\\x41\"", 0, "line 1, column 2: expected one of \\\" \\\\ \\/ "
			  "\\b \\f \\n \\r \\t \\u after a backslash, got "
			  "'x'" },
	{ "\"\\u12\"", 0, "line 1, column 2: expected four hex digits after "
			  "\\u" },
	{ "\"\\u12", 0, "line 1, column 2: expected four hex digits after "
			"\\u" },
	{ "\"\\u12G4\"", 0, "line 1, column 2: expected four hex digits "
			    "after \\u" },
	{ "\"\\ud83d\"", 0, "line 1, column 2: expected a low surrogate "
			    "\\udc00-\\udfff after \\ud83d" },
	{ "\"\\ud83dx\\ude00\"", 0, "line 1, column 2: expected a low "
	  "surrogate \\udc00-\\udfff after \\ud83d" },
	{ "\"\\ud83d\\u0041\"", 0, "line 1, column 2: expected a low "
	  "surrogate \\udc00-\\udfff after \\ud83d" },
	{ "\"\\ud83d\\ud83d\"", 0, "line 1, column 2: expected a low "
	  "surrogate \\udc00-\\udfff after \\ud83d" },
	{ "\"\\ude00\"", 0, "line 1, column 2: expected a high surrogate "
			    "before \\ude00, got a lone low surrogate" },
	/* The first error in the string is the one reported. */
	{ "\"\\q\x01\"", 0, "line 1, column 2: expected one of \\\" \\\\ \\/ "
	  "\\b \\f \\n \\r \\t \\u after a backslash, got 'q'" },
	/* Invalid UTF-8. */
	{ "\"\x80\"", 0, "line 1, column 2: expected valid UTF-8 in string, "
			 "got byte 0x80" },
	{ "\"\xc0\x80\"", 0, "line 1, column 2: expected valid UTF-8 in "
			     "string, got byte 0xc0" },
	{ "\"\xc1\xbf\"", 0, "line 1, column 2: expected valid UTF-8 in "
			     "string, got byte 0xc1" },
	{ "\"\xc3\"", 0, "line 1, column 2: expected valid UTF-8 in string, "
			 "got byte 0xc3" },
	{ "\"\xc3", 0, "line 1, column 2: expected valid UTF-8 in string, "
		       "got byte 0xc3" },
	{ "\"\xe0\x80\x80\"", 0, "line 1, column 2: expected valid UTF-8 in "
				 "string, got byte 0xe0" },
	{ "\"\xed\xa0\x80\"", 0, "line 1, column 2: expected valid UTF-8 in "
				 "string, got byte 0xed" },
	{ "\"\xe2\x82\"", 0, "line 1, column 2: expected valid UTF-8 in "
			     "string, got byte 0xe2" },
	{ "\"\xf0\x80\x80\x80\"", 0, "line 1, column 2: expected valid "
	  "UTF-8 in string, got byte 0xf0" },
	{ "\"\xf4\x90\x80\x80\"", 0, "line 1, column 2: expected valid "
	  "UTF-8 in string, got byte 0xf4" },
	{ "\"\xf5\x80\x80\x80\"", 0, "line 1, column 2: expected valid "
	  "UTF-8 in string, got byte 0xf5" },
	{ "\"\xff\"", 0, "line 1, column 2: expected valid UTF-8 in string, "
			 "got byte 0xff" },
	{ "\"\xc3\xa9\xc3\"", 0, "line 1, column 3: expected valid UTF-8 in "
				 "string, got byte 0xc3" },
	/* Columns count characters, not bytes. */
	{ "{\"\xc3\xa9\xe2\x82\xac\": x}", 0,
	  "line 1, column 8: expected a value, got 'x'" },
	{ "[\"\xf0\x9f\x98\x80\", \"\xf0\x9f\x98\x80\" x]", 0,
	  "line 1, column 11: expected ',' or ']', got 'x'" },
	{ "[\"\xc3\xa9\",\n\"\xc3\xa9\", x]", 0,
	  "line 2, column 6: expected a value, got 'x'" },
	{ "\xc3\xa9", 0, "line 1, column 1: expected a value, got byte 0xc3" },
};

static void test_invalid(void **state)
{
	struct json_doc doc;
	struct err e;

	(void)state;
	json_doc_init(&doc);
	for (size_t i = 0;
	     i < sizeof invalid_cases / sizeof invalid_cases[0]; i++) {
		const struct invalid_case *c = &invalid_cases[i];
		size_t len = c->len ? c->len : strlen(c->text);

		err_clear(&e);
		if (json_parse(&doc, c->text, len, NULL, &e) == 0)
			fail_msg("case %zu (%s): parsed", i, c->text);
		assert_null(doc.root);
		assert_int_equal(e.code, ERR_DATA);
		if (strcmp(e.msg, c->msg) != 0)
			fail_msg("case %zu:\n got  %s\n want %s", i, e.msg,
				 c->msg);
	}
	json_doc_release(&doc);
}

/* Every proper prefix of a valid document is invalid, and never crashes. */
static void test_prefixes(void **state)
{
	static const char *const docs[] = {
		"{\"a\": [1, 2.5e3, \"x\\u00e9\\ud83d\\ude00\"], \"b\": "
		"{\"c\": null, \"d\": true, \"e\": false}}",
		"[-0.0e-0, \"\xc3\xa9\xf0\x9f\x98\x80\"]",
	};
	struct json_doc doc;
	struct err e;

	(void)state;
	json_doc_init(&doc);
	for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
		size_t n = strlen(docs[d]);

		assert_int_equal(json_parse(&doc, docs[d], n, NULL, &e), 0);
		for (size_t len = 0; len < n; len++) {
			err_clear(&e);
			assert_int_equal(
				json_parse(&doc, docs[d], len, NULL, &e), -1);
			assert_int_equal(e.code, ERR_DATA);
			assert_memory_equal(e.msg, "line 1, column ", 15);
		}
	}
	json_doc_release(&doc);
}

/* ---- Positions ---- */

/*
 * Find the value at path, a '/'-separated list of object keys and array
 * indexes ("" is the root). If key is not NULL it receives the member
 * whose value is the last step (NULL for an array index).
 */
static const struct json_value *at_path(const struct json_value *v,
					const char *path,
					const struct json_member **key)
{
	char step[64];

	*key = NULL;
	while (*path) {
		size_t n = strcspn(path, "/");

		assert_true(n < sizeof step);
		memcpy(step, path, n);
		step[n] = '\0';
		path += n + (path[n] == '/');
		if (v->type == JSON_ARRAY) {
			size_t i = strtoul(step, NULL, 10);

			assert_true(i < v->u.array.count);
			v = v->u.array.items[i];
			*key = NULL;
		} else {
			const struct json_member *m = NULL;

			assert_int_equal(v->type, JSON_OBJECT);
			for (size_t i = 0; i < v->u.object.count; i++)
				if (strcmp(v->u.object.members[i].key,
					   step) == 0) {
					m = &v->u.object.members[i];
					break;
				}
			assert_non_null(m);
			v = m->value;
			*key = m;
		}
	}
	return v;
}

struct pos_case {
	const char *text;
	const char *path;
	unsigned line, col;		/* of the value */
	unsigned key_line, key_col;	/* of its key (0: none) */
};

static const char pos_doc[] =
	"{\n"
	"  \"area\": \"heel\",\n"
	"  \"symptoms\": [\"tight\",\n"
	"               \"night_pain\"],\n"
	"\t\"pain\": {\"run\": 11, \"rest\":\r\n"
	"    -3.5e1},\n"
	"  \"caf\xc3\xa9\": [null, true, false, {}, []], \"x\": 1\n"
	"}\n";

static const struct pos_case pos_cases[] = {
	{ pos_doc, "", 1, 1, 0, 0 },
	{ pos_doc, "area", 2, 11, 2, 3 },
	{ pos_doc, "symptoms", 3, 15, 3, 3 },
	{ pos_doc, "symptoms/0", 3, 16, 0, 0 },
	{ pos_doc, "symptoms/1", 4, 16, 0, 0 },
	{ pos_doc, "pain", 5, 10, 5, 2 },
	{ pos_doc, "pain/run", 5, 18, 5, 11 },
	{ pos_doc, "pain/rest", 6, 5, 5, 22 },
	{ pos_doc, "caf\xc3\xa9/0", 7, 12, 0, 0 },
	{ pos_doc, "caf\xc3\xa9/1", 7, 18, 0, 0 },
	{ pos_doc, "caf\xc3\xa9/2", 7, 24, 0, 0 },
	{ pos_doc, "caf\xc3\xa9/3", 7, 31, 0, 0 },
	{ pos_doc, "caf\xc3\xa9/4", 7, 35, 0, 0 },
	{ pos_doc, "x", 7, 45, 7, 40 },
	{ "  7", "", 1, 3, 0, 0 },
	{ "[\"\\u00e9\\u00e9\", 1]", "1", 1, 18, 0, 0 },
	{ "[\"\xc3\xa9\xc3\xa9\", 1]", "1", 1, 8, 0, 0 },
};

static void test_positions(void **state)
{
	struct json_doc doc;
	struct err e;

	(void)state;
	json_doc_init(&doc);
	for (size_t i = 0; i < sizeof pos_cases / sizeof pos_cases[0]; i++) {
		const struct pos_case *c = &pos_cases[i];
		const struct json_member *m;
		const struct json_value *v;

		if (json_parse(&doc, c->text, strlen(c->text), NULL, &e) != 0)
			fail_msg("case %zu: %s", i, e.msg);
		v = at_path(doc.root, c->path, &m);
		if (v->line != c->line || v->col != c->col)
			fail_msg("case %zu (%s): value at %u:%u, want %u:%u",
				 i, c->path, v->line, v->col, c->line,
				 c->col);
		if (c->key_line == 0) {
			assert_null(m);
		} else {
			assert_non_null(m);
			if (m->line != c->key_line || m->col != c->key_col)
				fail_msg("case %zu (%s): key at %u:%u, want "
					 "%u:%u", i, c->path, m->line, m->col,
					 c->key_line, c->key_col);
		}
	}
	json_doc_release(&doc);
}

/* ---- Numbers ---- */

struct number_case {
	const char *text;
	bool is_int;
	long long integer;
};

static const struct number_case number_cases[] = {
	{ "0", true, 0 },
	{ "-0", true, 0 },
	{ "7", true, 7 },
	{ "-7", true, -7 },
	{ "1234567890123456789", true, 1234567890123456789LL },
	{ "9223372036854775807", true, 9223372036854775807LL },
	{ "-9223372036854775807", true, -9223372036854775807LL },
	{ "-9223372036854775808", true, -9223372036854775807LL - 1 },
	{ "9223372036854775808", false, 0 },
	{ "-9223372036854775809", false, 0 },
	{ "99999999999999999999", false, 0 },
	{ "1.0", false, 0 },
	{ "1e0", false, 0 },
	{ "0.1", false, 0 },
	{ "0.3", false, 0 },
	{ "-2.5", false, 0 },
	{ "3.14159265358979323846264338327950288", false, 0 },
	{ "1e22", false, 0 },
	{ "1e23", false, 0 },
	{ "9007199254740993", true, 9007199254740993LL },
	{ "9007199254740993.0", false, 0 },
	{ "0.000000000000000000000000000001", false, 0 },
	{ "0.00000000000000000000000000000123456789012345678901", false, 0 },
	{ "123456789012345678901234567890e-10", false, 0 },
	{ "1.7976931348623157e308", false, 0 },
	{ "1.7976931348623158e308", false, 0 },
	{ "2.2250738585072011e-308", false, 0 },
	{ "2.2250738585072012e-308", false, 0 },
	{ "4.9406564584124654e-324", false, 0 },
	{ "2.4703282292062327e-324", false, 0 },
	{ "1e-400", false, 0 },
	{ "-1e-400", false, 0 },
	{ "1E+2", false, 0 },
	{ "1e-0", false, 0 },
	{ "100e-2", false, 0 },
	{ "0e100000000000000000000", false, 0 },
	{ "7.2057594037927933e16", false, 0 },
	/* Longer than any stack buffer a converter might use. */
	{ "1234567890123456789012345678901234567890123456789012345678901234"
	  "5678901234567890.1234567890123456789012345678901234567890e-30",
	  false, 0 },
	{ "0.0000000000000000000000000000000000000000000000000000000000000000"
	  "000000000000000000000000000000000000000000000000000000000000000001"
	  "7976931348623157e400", false, 0 },
};

static void check_number(struct json_doc *doc, const char *text,
			 bool want_is_int, long long want_int)
{
	struct err e;
	const struct json_value *v;
	double want = strtod(text, NULL);

	if (json_parse(doc, text, strlen(text), NULL, &e) != 0)
		fail_msg("%s: %s", text, e.msg);
	v = doc->root;
	assert_int_equal(v->type, JSON_NUMBER);
	if (v->u.number.is_int != want_is_int)
		fail_msg("%s: is_int %d", text, v->u.number.is_int);
	if (want_is_int && v->u.number.integer != want_int)
		fail_msg("%s: integer %lld", text, v->u.number.integer);
	/* Bit for bit what a correctly rounding strtod gives. */
	if (memcmp(&v->u.number.num, &want, sizeof want) != 0)
		fail_msg("%s: %.17g, want %.17g", text, v->u.number.num, want);
}

static void test_numbers(void **state)
{
	struct json_doc doc;

	(void)state;
	json_doc_init(&doc);
	for (size_t i = 0; i < sizeof number_cases / sizeof number_cases[0];
	     i++)
		check_number(&doc, number_cases[i].text, number_cases[i].is_int,
			     number_cases[i].integer);
	json_doc_release(&doc);
}

/* Pseudo-random numbers in every shape agree with strtod. */
static void test_numbers_random(void **state)
{
	struct json_doc doc;
	uint64_t seed = 0x9e3779b97f4a7c15u;
	char text[96];

	(void)state;
	json_doc_init(&doc);
	for (int i = 0; i < 20000; i++) {
		char *p = text;
		int ndig, nfrac;
		long long want_int;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		if (seed & 1)
			*p++ = '-';
		ndig = 1 + (int)(seed >> 8) % 22;
		nfrac = (int)(seed >> 16) % 24 - 1;
		*p++ = (char)('1' + (seed >> 24) % 9);
		for (int k = 1; k < ndig; k++)
			*p++ = (char)('0' + (seed >> (k + 20)) % 10);
		if (nfrac >= 0) {
			*p++ = '.';
			for (int k = 0; k <= nfrac; k++)
				*p++ = (char)('0' + (seed >> (k + 30)) % 10);
		}
		if (seed & 2)
			p += sprintf(p, "e%d", (int)((seed >> 40) % 640) - 320);
		*p = '\0';
		errno = 0;
		want_int = strtoll(text, NULL, 10);
		if (isinf(strtod(text, NULL))) {
			struct err e;

			assert_int_equal(json_parse(&doc, text, strlen(text),
						    NULL, &e), -1);
			continue;
		}
		check_number(&doc, text,
			     nfrac < 0 && !(seed & 2) && errno != ERANGE,
			     want_int);
	}
	json_doc_release(&doc);
}

/* ---- Limits ---- */

static char *nested(size_t depth, char open, char close)
{
	char *s = malloc(2 * depth + 1);

	assert_non_null(s);
	memset(s, open, depth);
	memset(s + depth, close, depth);
	s[2 * depth] = '\0';
	return s;
}

struct depth_case {
	size_t depth;
	unsigned max_depth;	/* 0: default */
	char open, close;
	const char *msg;	/* NULL: accepted */
};

static const struct depth_case depth_cases[] = {
	{ 64, 0, '[', ']', NULL },
	{ 65, 0, '[', ']', "line 1, column 65: nesting deeper than 64 "
			   "levels" },
	{ 3, 3, '[', ']', NULL },
	{ 4, 3, '[', ']', "line 1, column 4: nesting deeper than 3 levels" },
	{ 1, 1, '[', ']', NULL },
	{ 2, 1, '[', ']', "line 1, column 2: nesting deeper than 1 levels" },
	/* Far deeper than a C stack would allow if the parser recursed. */
	{ 200000, 200000, '[', ']', NULL },
	{ 200001, 200000, '[', ']', "line 1, column 200001: nesting deeper "
				    "than 200000 levels" },
};

static void test_depth(void **state)
{
	struct json_doc doc;
	struct err e;

	(void)state;
	json_doc_init(&doc);
	for (size_t i = 0; i < sizeof depth_cases / sizeof depth_cases[0];
	     i++) {
		const struct depth_case *c = &depth_cases[i];
		struct json_limits lim = { 0, c->max_depth };
		char *s = nested(c->depth, c->open, c->close);
		int rc = json_parse(&doc, s, strlen(s), &lim, &e);

		if (c->msg == NULL) {
			const struct json_value *v = doc.root;
			size_t d = 1;

			if (rc != 0)
				fail_msg("case %zu: %s", i, e.msg);
			while (v->u.array.count == 1) {
				v = v->u.array.items[0];
				d++;
			}
			assert_int_equal(v->type, JSON_ARRAY);
			assert_int_equal(v->u.array.count, 0);
			assert_int_equal(d, c->depth);
		} else {
			assert_int_equal(rc, -1);
			assert_string_equal(e.msg, c->msg);
		}
		free(s);
	}
	json_doc_release(&doc);
}

/* Objects nest too, and a depth error inside one still names its spot. */
static void test_depth_objects(void **state)
{
	struct json_limits lim = { 0, 2 };
	struct json_doc doc;
	struct err e;

	(void)state;
	json_doc_init(&doc);
	assert_int_equal(json_parse(&doc, "{\"a\":{\"b\":1}}", 13, &lim, &e),
			 0);
	assert_int_equal(json_parse(&doc, "{\"a\":\n {\"b\":[]}}", 17, &lim,
				    &e), -1);
	assert_string_equal(e.msg, "line 2, column 7: nesting deeper than 2 "
				   "levels");
	json_doc_release(&doc);
}

struct size_case {
	const char *text;
	size_t max_bytes;
	const char *msg;
};

static const struct size_case size_cases[] = {
	{ "[1,2,3]", 7, NULL },
	{ "[1,2,3]", 6, "input is larger than 6 bytes" },
	{ "[1,2,3] ", 7, "input is larger than 7 bytes" },
	{ "[1,2,3]", 0, NULL },
	{ "", 1, "line 1, column 1: expected a value, got end of input" },
};

static void test_size(void **state)
{
	struct json_doc doc;
	struct err e;

	(void)state;
	json_doc_init(&doc);
	for (size_t i = 0; i < sizeof size_cases / sizeof size_cases[0];
	     i++) {
		const struct size_case *c = &size_cases[i];
		struct json_limits lim = { c->max_bytes, 0 };
		int rc = json_parse(&doc, c->text, strlen(c->text), &lim, &e);

		if (c->msg == NULL) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_int_equal(e.code, ERR_DATA);
			assert_string_equal(e.msg, c->msg);
		}
	}
	json_doc_release(&doc);
}

/* ---- Big documents and arena reuse ---- */

/* A large array of objects forces several arena chunks and scratch
 * growth; the tree must still be whole. */
static void big_array(struct strbuf *sb, size_t n)
{
	strbuf_reset(sb);
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "%s{\"i\":%zu,\"s\":\"v%zu\\n\",\"a\":[%zu]}",
			    i ? "," : "", i, i, i);
	strbuf_addch(sb, ']');
}

static void test_big(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_doc doc;
	struct err e;
	const size_t n = 50000;

	(void)state;
	big_array(&sb, n);
	json_doc_init(&doc);
	assert_int_equal(json_parse(&doc, sb.buf, sb.len, NULL, &e), 0);
	assert_int_equal(doc.root->u.array.count, n);
	for (size_t i = 0; i < n; i += 997) {
		const struct json_value *o = doc.root->u.array.items[i];
		char want[32];

		snprintf(want, sizeof want, "v%zu\n", i);
		assert_int_equal(json_object_get(o, "i")->u.number.integer, i);
		assert_string_equal(json_object_get(o, "s")->u.string.s, want);
		assert_int_equal(json_object_get(o, "a")->u.array.items[0]
					 ->u.number.integer, i);
	}
	/* Parse it again in the same doc, then something small. */
	assert_int_equal(json_parse(&doc, sb.buf, sb.len, NULL, &e), 0);
	assert_int_equal(doc.root->u.array.count, n);
	assert_int_equal(json_parse(&doc, "[1]", 3, NULL, &e), 0);
	assert_int_equal(doc.root->u.array.items[0]->u.number.integer, 1);
	json_doc_release(&doc);

	/* A doc that starts small, then meets one string many times the
	 * size of its chunk. */
	json_doc_init(&doc);
	assert_int_equal(json_parse(&doc, "[1]", 3, NULL, &e), 0);
	strbuf_reset(&sb);
	strbuf_addch(&sb, '"');
	for (size_t i = 0; i < 100000; i++)
		strbuf_addch(&sb, (char)('a' + i % 26));
	strbuf_addch(&sb, '"');
	assert_int_equal(json_parse(&doc, sb.buf, sb.len, NULL, &e), 0);
	assert_int_equal(doc.root->u.string.len, 100000);
	assert_memory_equal(doc.root->u.string.s, sb.buf + 1, 100000);
	json_doc_release(&doc);
	strbuf_release(&sb);
}

static const char intake_text[] =
	"{\"area\": \"heel\", \"symptoms\": [\"tight\", "
	"\"improves_with_warmup\"], \"pain\": {\"rest\": 1, \"run\": 2, "
	"\"morning\": 3}, \"trend\": \"same\", \"goal\": \"relief\", "
	"\"last_massage\": {\"pressure\": 6, \"flare_hours\": 12.5, "
	"\"bruised_or_limping\": false}}";

/*
 * Parsing the same input again in the same doc reuses the arena: the head
 * chunk stays the same block and no second chunk appears. That is what
 * makes the steady state allocation-free.
 */
static void test_reuse(void **state)
{
	struct json_doc doc;
	struct json_chunk *first;
	struct err e;
	size_t n = strlen(intake_text);

	(void)state;
	json_doc_init(&doc);
	assert_null(doc.root);
	assert_int_equal(json_parse(&doc, intake_text, n, NULL, &e), 0);
	first = doc.chunks;
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(json_parse(&doc, intake_text, n, NULL, &e), 0);
		assert_ptr_equal(doc.chunks, first);
		/* A failed parse leaves no tree and no new memory. */
		assert_int_equal(json_parse(&doc, intake_text, n - 1, NULL,
					    &e), -1);
		assert_null(doc.root);
		assert_ptr_equal(doc.chunks, first);
	}
	json_doc_reset(&doc);
	assert_null(doc.root);
	assert_ptr_equal(doc.chunks, first);
	json_doc_release(&doc);
	assert_null(doc.chunks);
	/* A released doc can be used again after json_doc_init. */
	json_doc_init(&doc);
	assert_int_equal(json_parse(&doc, "{}", 2, NULL, &e), 0);
	json_doc_release(&doc);
}

/* ---- Lookup and names ---- */

static void test_object_get(void **state)
{
	static const char text[] = "{\"a\":1,\"ab\":2,\"a\":3,\"\":4,"
				   "\"n\\u0000\":5}";
	struct json_doc doc;
	struct err e;
	const struct json_value *o;

	(void)state;
	json_doc_init(&doc);
	assert_int_equal(json_parse(&doc, text, strlen(text), NULL, &e), 0);
	o = doc.root;
	assert_int_equal(o->u.object.count, 5);
	assert_int_equal(json_object_get(o, "a")->u.number.integer, 1);
	assert_int_equal(json_object_get(o, "ab")->u.number.integer, 2);
	assert_int_equal(json_object_get(o, "")->u.number.integer, 4);
	assert_null(json_object_get(o, "b"));
	/* A key holding a NUL does not match its prefix. */
	assert_null(json_object_get(o, "n"));
	assert_int_equal(o->u.object.members[4].key_len, 2);
	json_doc_release(&doc);
}

static void test_type_names(void **state)
{
	static const struct {
		enum json_type type;
		const char *name;
	} names[] = {
		{ JSON_NULL, "null" },	   { JSON_FALSE, "boolean" },
		{ JSON_TRUE, "boolean" },  { JSON_NUMBER, "number" },
		{ JSON_STRING, "string" }, { JSON_ARRAY, "array" },
		{ JSON_OBJECT, "object" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_string_equal(json_type_name(names[i].type),
				    names[i].name);
}

/* A NULL err is allowed: the parse still fails cleanly. */
static void test_null_err(void **state)
{
	struct json_doc doc;
	struct err e;

	(void)state;
	json_doc_init(&doc);
	assert_int_equal(json_parse(&doc, "[", 1, NULL, NULL), -1);
	assert_null(doc.root);
	/* No text at all is an empty document. */
	assert_int_equal(json_parse(&doc, NULL, 0, NULL, &e), -1);
	assert_string_equal(e.msg, "line 1, column 1: expected a value, got "
				   "end of input");
	json_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_random),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_depth_objects),
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_object_get),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_null_err),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
