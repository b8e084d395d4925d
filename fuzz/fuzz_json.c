/*
 * fuzz_json.c - libFuzzer harness for the JSON reader.
 *
 * Parses arbitrary bytes twice in one doc (the second time with tight
 * limits) so arena reuse is exercised too. When a parse succeeds, walks
 * the whole tree and checks what json.h promises: strings and keys are
 * NUL-terminated at their length, positions are 1-based, and lookups find
 * the first member with a key.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

/* Depth-first walk with an explicit stack: trees may be very deep. */
static size_t walk(const struct json_value *root)
{
	const struct json_value **stack = malloc(sizeof *stack);
	size_t top = 0, cap = 1, seen = 0;

	check(stack != NULL);
	stack[top++] = root;
	while (top > 0) {
		const struct json_value *v = stack[--top];
		size_t n = 0;

		seen++;
		check(v->line >= 1 && v->col >= 1);
		switch (v->type) {
		case JSON_NULL:
		case JSON_FALSE:
		case JSON_TRUE:
			break;
		case JSON_NUMBER:
			check(v->u.number.num == v->u.number.num);
			if (v->u.number.is_int)
				check((double)v->u.number.integer ==
				      v->u.number.num);
			break;
		case JSON_STRING:
			check(v->u.string.s[v->u.string.len] == '\0');
			break;
		case JSON_ARRAY:
			n = v->u.array.count;
			break;
		case JSON_OBJECT:
			n = v->u.object.count;
			for (size_t i = 0; i < n; i++) {
				const struct json_member *m =
					&v->u.object.members[i];

				check(m->key[m->key_len] == '\0');
				check(m->line >= 1 && m->col >= 1);
				if (strlen(m->key) == m->key_len) {
					const struct json_value *first =
						json_object_get(v, m->key);
					check(first != NULL);
				}
			}
			break;
		default:
			check(0);
		}
		if (top + n > cap) {
			while (top + n > cap)
				cap *= 2;
			stack = realloc(stack, cap * sizeof *stack);
			check(stack != NULL);
		}
		for (size_t i = 0; i < n; i++)
			stack[top++] = v->type == JSON_ARRAY
					       ? v->u.array.items[i]
					       : v->u.object.members[i].value;
		check(json_type_name(v->type) != NULL);
	}
	free(stack);
	return seen;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct json_limits tight = { 4096, 8 };
	struct json_doc doc;
	struct err e;

	json_doc_init(&doc);
	if (json_parse(&doc, (const char *)data, size, NULL, &e) == 0)
		check(walk(doc.root) > 0);
	else
		check(doc.root == NULL && e.code == ERR_DATA && e.msg[0]);
	if (json_parse(&doc, (const char *)data, size, &tight, &e) == 0)
		check(walk(doc.root) > 0);
	else
		check(doc.root == NULL && e.code == ERR_DATA && e.msg[0]);
	json_doc_release(&doc);
	return 0;
}
