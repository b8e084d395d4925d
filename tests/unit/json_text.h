/*
 * json_text.h - tests' helper: write a parsed tree back as compact JSON.
 *
 * Integers appear as written, other numbers as %.17g (which reads back to
 * the same double); strings keep UTF-8 as is and escape '"', '\\' and
 * control characters. Used to compare trees with expected text and to
 * feed a sub-tree to another parser.
 */
#ifndef RUNCARE_TEST_JSON_TEXT_H
#define RUNCARE_TEST_JSON_TEXT_H

#include <string.h>

#include "core/json.h"
#include "core/strbuf.h"

static void json_text_str(struct strbuf *sb, const char *s, size_t len)
{
	/* The parser's strings are NUL-terminated even with NULs inside. */
	assert_int_equal(s[len], '\0');
	strbuf_addch(sb, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			strbuf_addf(sb, "\\%c", c);
		else if (c < 0x20)
			strbuf_addf(sb, "\\u%04x", c);
		else
			strbuf_addch(sb, c);
	}
	strbuf_addch(sb, '"');
}

static void json_text(struct strbuf *sb, const struct json_value *v)
{
	switch (v->type) {
	case JSON_NULL: strbuf_addstr(sb, "null"); break;
	case JSON_TRUE: strbuf_addstr(sb, "true"); break;
	case JSON_FALSE: strbuf_addstr(sb, "false"); break;
	case JSON_NUMBER:
		if (v->u.number.is_int)
			strbuf_addint(sb, v->u.number.integer);
		else
			strbuf_addf(sb, "%.17g", v->u.number.num);
		break;
	case JSON_STRING:
		json_text_str(sb, v->u.string.s, v->u.string.len);
		break;
	case JSON_ARRAY:
		strbuf_addch(sb, '[');
		for (size_t i = 0; i < v->u.array.count; i++) {
			if (i)
				strbuf_addch(sb, ',');
			json_text(sb, v->u.array.items[i]);
		}
		strbuf_addch(sb, ']');
		break;
	case JSON_OBJECT:
		strbuf_addch(sb, '{');
		for (size_t i = 0; i < v->u.object.count; i++) {
			const struct json_member *m = &v->u.object.members[i];

			if (i)
				strbuf_addch(sb, ',');
			json_text_str(sb, m->key, m->key_len);
			strbuf_addch(sb, ':');
			json_text(sb, m->value);
		}
		strbuf_addch(sb, '}');
		break;
	}
}

#endif
