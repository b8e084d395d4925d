/*
 * test_examples.c - every worked case of the triage contract, end to end.
 *
 * Each line of the examples file holds a name, an intake and the expected
 * subset of the result. The intake goes through the same path as
 * `runcare check --format json` (intake_parse_json, engine_triage,
 * result_to_json) and the expectations are checked on the JSON that comes
 * out, as an outside test would. The project keeps a copy of the contract's
 * examples in tests/data; when the contract's own file is next to the
 * project it is checked too, so a newer contract is caught.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/json.h"
#include "core/strbuf.h"
#include "engine/engine.h"
#include "json_text.h"

static const char *str_of(const struct json_value *v)
{
	return v && v->type == JSON_STRING ? v->u.string.s : NULL;
}

/* The "verdict" of an object, or the value itself when it is a string. */
static const char *verdict_of(const struct json_value *v)
{
	if (v && v->type == JSON_OBJECT)
		return str_of(json_object_get(v, "verdict"));
	return str_of(v);
}

static bool ids_include(const struct json_value *arr, const char *id)
{
	for (size_t i = 0; arr && i < arr->u.array.count; i++)
		if (strcmp(str_of(json_object_get(arr->u.array.items[i],
						  "id")), id) == 0)
			return true;
	return false;
}

static void check_string(const char *name, const char *key,
			 const struct json_value *want, const char *got)
{
	if (want->type == JSON_NULL) {
		if (got != NULL)
			fail_msg("%s: %s should be null, got \"%s\"", name, key,
				 got);
		return;
	}
	if (got == NULL || strcmp(got, want->u.string.s) != 0)
		fail_msg("%s: %s should be \"%s\", got \"%s\"", name, key,
			 want->u.string.s, got ? got : "(null)");
}

static void check_case(const struct kb *kb, const struct json_value *c)
{
	const char *name = str_of(json_object_get(c, "name"));
	const struct json_value *expect = json_object_get(c, "expect");
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	struct json_doc scratch, res;
	struct intake in;
	struct result r;
	struct err e;
	const struct json_value *root;

	assert_non_null(name);
	assert_non_null(expect);
	/* The intake goes through intake_parse_json as text, like input. */
	json_text(&text, json_object_get(c, "intake"));
	json_doc_init(&scratch);
	json_doc_init(&res);
	if (intake_parse_json(&in, text.buf, text.len, &scratch, &e) < 0)
		fail_msg("%s: intake refused: %s", name, e.msg);
	engine_triage(kb, &in, &r);
	result_to_json(&r, kb, &out);
	if (json_parse(&res, out.buf, out.len, NULL, &e) < 0)
		fail_msg("%s: result is not JSON: %s", name, e.msg);
	root = res.root;
	print_message("example: %s\n", name);

	for (size_t i = 0; i < expect->u.object.count; i++) {
		const struct json_member *m = &expect->u.object.members[i];
		const struct json_value *want = m->value;
		const struct json_value *got = json_object_get(root, m->key);

		if (strcmp(m->key, "targets_include") == 0 ||
		    strcmp(m->key, "avoid_include") == 0) {
			const struct json_value *arr = json_object_get(
				root, m->key[0] == 't' ? "targets" : "avoid");

			for (size_t j = 0; j < want->u.array.count; j++)
				if (!ids_include(arr,
						 want->u.array.items[j]->u.string.s))
					fail_msg("%s: %s lacks %s", name, m->key,
						 want->u.array.items[j]->u.string.s);
		} else if (strcmp(m->key, "red_flags") == 0 ||
			   strcmp(m->key, "unanswered") == 0) {
			/* Exact sets of names. */
			assert_non_null(got);
			if (got->u.array.count != want->u.array.count)
				fail_msg("%s: %zu %s, expected %zu", name,
					 got->u.array.count, m->key,
					 want->u.array.count);
			for (size_t j = 0; j < want->u.array.count; j++) {
				bool found = false;

				for (size_t k = 0; k < got->u.array.count; k++)
					found |= strcmp(str_of(got->u.array.items[k]),
							str_of(want->u.array.items[j])) == 0;
				if (!found)
					fail_msg("%s: %s lacks %s", name, m->key,
						 str_of(want->u.array.items[j]));
			}
		} else if (strcmp(m->key, "pressure") == 0) {
			assert_non_null(got);
			if (want->type == JSON_NULL) {
				if (got->type != JSON_NULL)
					fail_msg("%s: pressure should be null", name);
				continue;
			}
			assert_int_equal(got->type, JSON_OBJECT);
			assert_int_equal(json_object_get(got, "min")->u.number.integer,
					 json_object_get(want, "min")->u.number.integer);
			assert_int_equal(json_object_get(got, "max")->u.number.integer,
					 json_object_get(want, "max")->u.number.integer);
		} else if (strcmp(m->key, "self_massage") == 0 ||
			   strcmp(m->key, "run") == 0) {
			check_string(name, m->key, want, verdict_of(got));
		} else if (want->type == JSON_STRING ||
			   want->type == JSON_NULL) {
			assert_non_null(got);
			check_string(name, m->key, want, str_of(got));
		} else {
			fail_msg("%s: the test does not know expectation %s",
				 name, m->key);
		}
	}
	json_doc_release(&scratch);
	json_doc_release(&res);
	strbuf_release(&text);
	strbuf_release(&out);
}

static int run_file(const struct kb *kb, const char *path)
{
	char line[16384];
	struct json_doc doc;
	struct err e;
	int n = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return -1;
	json_doc_init(&doc);
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '\n')
			continue;
		if (json_parse(&doc, line, strlen(line), NULL, &e) < 0)
			fail_msg("%s: %s", path, e.msg);
		check_case(kb, doc.root);
		n++;
	}
	json_doc_release(&doc);
	fclose(f);
	return n;
}

static void test_project_copy(void **state)
{
	struct kb *kb = kb_load_builtin(NULL);

	(void)state;
	assert_true(run_file(kb, TEST_DATA_DIR "/spec_examples.jsonl") >= 8);
	kb_free(kb);
}

static void test_contract_file(void **state)
{
	struct kb *kb = kb_load_builtin(NULL);
	int n;

	(void)state;
	n = run_file(kb, SPEC_DIR "/examples.jsonl");
	kb_free(kb);
	if (n < 0)
		skip();	/* the contract is not next to this checkout */
	assert_true(n >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_project_copy),
		cmocka_unit_test(test_contract_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
