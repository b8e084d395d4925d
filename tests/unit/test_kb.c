/*
 * test_kb.c - the knowledge base: the built-in one loads and is complete,
 * and every kind of bad edit is refused with the line and what is wrong.
 *
 * Bad knowledge bases are made by editing the built-in text in one place
 * (a table of find/replace pairs), so each row shows the edit it tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/xmalloc.h"
#include "engine/engine.h"

static void test_builtin_loads_and_is_complete(void **state)
{
	struct err e;
	struct kb *kb = kb_load_builtin(&e);

	(void)state;
	if (kb == NULL)
		fail_msg("built-in kb refused: %s", e.msg);
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		assert_non_null(kb_symptom(kb, (enum symptom)s)->question);
		assert_non_null(kb_symptom(kb, (enum symptom)s)->label);
	}
	for (int f = 0; f < RED_FLAG__COUNT; f++) {
		const struct kb_item *it = kb_red_flag(kb, (enum red_flag)f);

		assert_string_equal(it->id, red_flag_name((enum red_flag)f));
		assert_true(strlen(it->text) > 10);
		assert_true(strlen(it->source) > 5);
		assert_non_null(strstr(it->json, "\"rule\":\"red_flag\""));
	}
	for (int a = 0; a < AREA__COUNT; a++) {
		enum condition c = kb_condition_for(kb, (enum area)a);

		assert_in_range(c, 0, CONDITION__COUNT - 1);
		assert_string_equal(kb_condition(kb, c)->id, condition_name(c));
	}
	assert_true(strstr(kb_disclaimer(kb), "diagnos") != NULL);
	assert_non_null(kb_version(kb));
	kb_free(kb);
}

/* The contract's condition table: area -> condition. */
static void test_area_to_condition(void **state)
{
	static const enum condition want[AREA__COUNT] = {
		[AREA_HEEL] = COND_PLANTAR_FASCIITIS,
		[AREA_KNEE] = COND_KNEE_PAIN,
		[AREA_SHIN] = COND_SHIN_SPLINTS,
		[AREA_ACHILLES] = COND_ACHILLES_TENDINOPATHY,
		[AREA_HIP] = COND_HIP_DEEP_GLUTE,
		[AREA_OTHER] = COND_GENERAL_OVERLOAD,
	};
	struct kb *kb = kb_load_builtin(NULL);

	(void)state;
	for (int a = 0; a < AREA__COUNT; a++)
		assert_int_equal(kb_condition_for(kb, (enum area)a), want[a]);
	kb_free(kb);
}

struct bad_edit {
	const char *find;	/* first occurrence is replaced */
	const char *repl;
	const char *expect;	/* substring of the error message */
	const char *at;		/* text whose line the message must name,
				   or NULL */
};

static const struct bad_edit bad_edits[] = {
	{ "\"night_pain\": {\n      \"question\"",
	  "\"night_painz\": {\n      \"question\"",
	  "unknown key \"night_painz\"", "night_painz" },
	{ "\"ceiling\": 7", "\"ceiling\": 8",
	  "pressure.ceiling: expected a whole number from 1 to 7",
	  "\"ceiling\": 8" },
	{ "\"stable\": { \"min\": 5, \"max\": 7 }",
	  "\"stable\": { \"min\": 5, \"max\": 9 }",
	  "pressure.stable.max: expected a whole number from 1 to 7", NULL },
	{ "\"irritable\": { \"min\": 2, \"max\": 4 }",
	  "\"irritable\": { \"min\": 6, \"max\": 4 }",
	  "min is larger than max", NULL },
	{ "{ \"id\": \"calf\", \"text\": \"Calf (gastrocnemius)",
	  "{ \"id\": \"calve\", \"text\": \"Calf (gastrocnemius)",
	  "targets[0]: \"calve\" is not a body-map region", "\"calve\"" },
	{ "\"source\": \"Summary\"", "\"source\": \"My own notes\"",
	  "\"My own notes\" is not a section title of the guide",
	  "My own notes" },
	{ "\"area\": \"knee\"", "\"area\": \"heel\"",
	  "area \"heel\" belongs to two conditions", NULL },
	{ "\"area\": \"knee\"", "\"area\": \"elbow\"", "unknown area \"elbow\"",
	  "elbow" },
	{ "\"disclaimer\":", "\"disclaimerr\":", "unknown key \"disclaimerr\"",
	  NULL },
	{ "\"version\": \"2026.12.1\"", "\"version\": 2026",
	  "version: expected string, got number", NULL },
	{ "\"flare_hours\": 24", "\"flare_hours\": 0",
	  "pressure.flare_hours: expected hours from 1 to 168", NULL },
	{ "\"flare_reduction\": 2", "\"flare_reduction\": 0",
	  "flare_reduction: expected a whole number from 1 to 9", NULL },
	{ "\"days\": [10, 14]", "\"days\": [14, 10]", "min is larger than max",
	  "[14, 10]" },
	{ "\"when\": \"hip_blocked\"", "\"when\": \"night_pain\"",
	  "when: \"night_pain\" is not", NULL },
	{ "\"text\": \"Massage is a good idea today.\",",
	  "\"text\": \"\",", "must be a non-empty string", NULL },
	{ "\"pinpoint_bone_pain\": {\n      \"question\": \"Is there a sharp "
	  "pain that you can point to with one finger, right on a bone?\",",
	  "\"pinpoint_bone_pain\": {", "question: missing", NULL },
	{ "\"self_caution\": { \"min\": 2, \"max\": 4 }",
	  "\"self_caution\": { \"min\": 2, \"max\": 7 }",
	  "cautious self-massage may not be firmer", NULL },
	{ "{\n  \"version\"", "[\n  \"version\"", "line", NULL },
	{ "\"rules\": {", "\"rules\": {,", "line", NULL },
};

/* Copy of text with the first occurrence of find replaced by repl. */
static char *edit(const char *text, const char *find, const char *repl)
{
	const char *at = strstr(text, find);
	size_t head, n;
	char *out;

	if (at == NULL)
		return NULL;
	head = (size_t)(at - text);
	n = strlen(text) - strlen(find) + strlen(repl);
	out = xmalloc(n + 1);
	memcpy(out, text, head);
	strcpy(out + head, repl);
	strcat(out, at + strlen(find));
	return out;
}

static unsigned line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	unsigned line = 1;

	for (const char *p = text; at && p < at; p++)
		line += *p == '\n';
	return line;
}

static void test_bad_edits_are_refused(void **state)
{
	const char *text = kb_builtin_text(NULL);

	(void)state;
	for (size_t i = 0; i < sizeof bad_edits / sizeof *bad_edits; i++) {
		const struct bad_edit *b = &bad_edits[i];
		char *bad = edit(text, b->find, b->repl);
		struct err e;
		struct kb *kb;

		if (bad == NULL)
			fail_msg("edit %zu: \"%s\" not found in guide.json", i,
				 b->find);
		err_clear(&e);
		kb = kb_load(bad, strlen(bad), "clinic.json", &e);
		if (kb != NULL)
			fail_msg("edit %zu (%s) was accepted", i, b->repl);
		print_message("refused: %s\n", e.msg);
		assert_int_equal(e.code, ERR_CONFIG);
		if (strstr(e.msg, b->expect) == NULL ||
		    strncmp(e.msg, "clinic.json:", 12) != 0)
			fail_msg("edit %zu: message \"%s\" lacks \"%s\"", i,
				 e.msg, b->expect);
		if (b->at != NULL) {
			char want[64];

			snprintf(want, sizeof want, "clinic.json:%u:",
				 line_of(bad, b->at));
			if (strncmp(e.msg, want, strlen(want)) != 0)
				fail_msg("edit %zu: \"%s\" should start with %s",
					 i, e.msg, want);
		}
		free(bad);
	}
}

/*
 * A clinic may reword advice and change its lists, but red flags are code:
 * an edited kb that rewords everything it can still sends every red flag
 * to assessment.
 */
static void test_edits_cannot_switch_off_red_flags(void **state)
{
	const char *text = kb_builtin_text(NULL);
	char *edited = edit(text, "\"text\": \"Skip massage for now and get "
				  "this assessed first.\"",
			    "\"text\": \"Massage is fine.\"");
	struct kb *kb;
	struct intake in;
	struct result r;

	(void)state;
	assert_non_null(edited);
	kb = kb_load(edited, strlen(edited), "clinic.json", NULL);
	assert_non_null(kb);
	for (int s = 0; s < SYMPTOM_RED_FLAG_COUNT; s++) {
		intake_init(&in);
		in.area = AREA_KNEE;
		in.symptoms = SYMPTOM_BIT(s) | SYMPTOM_BIT(SYM_TIGHT) |
			      SYMPTOM_BIT(SYM_IMPROVES_WITH_WARMUP);
		engine_triage(kb, &in, &r);
		assert_int_equal(r.decision, DECISION_ASSESS_FIRST);
		assert_false(r.has_pressure);
	}
	kb_free(kb);
	free(edited);
}

static void test_reworded_text_is_used(void **state)
{
	const char *text = kb_builtin_text(NULL);
	char *edited = edit(text, "\"text\": \"Calves.\"",
			    "\"text\": \"Both calves, gently <at first>.\"");
	struct kb *kb;
	struct intake in;
	struct result r;
	bool found = false;

	(void)state;
	kb = kb_load(edited, strlen(edited), "clinic.json", NULL);
	assert_non_null(kb);
	intake_init(&in);
	in.area = AREA_KNEE;
	engine_triage(kb, &in, &r);
	for (size_t i = 0; i < r.n_targets; i++)
		if (strcmp(r.targets[i]->id, "calf") == 0) {
			assert_string_equal(r.targets[i]->text,
					    "Both calves, gently <at first>.");
			/* Pre-serialised JSON is escaped. */
			assert_non_null(strstr(r.targets[i]->json,
					       "\\u003cat first\\u003e"));
			found = true;
		}
	assert_true(found);
	kb_free(kb);
	free(edited);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_loads_and_is_complete),
		cmocka_unit_test(test_area_to_condition),
		cmocka_unit_test(test_bad_edits_are_refused),
		cmocka_unit_test(test_edits_cannot_switch_off_red_flags),
		cmocka_unit_test(test_reworded_text_is_used),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
