/*
 * test_names.c - the engine's vocabulary: every enum value has a name that
 * parses back to it, and the seven reported red flags carry the names of
 * the symptoms they come from (names.c checks their order when compiling;
 * this checks the words).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"

static void test_red_flags_are_their_symptoms(void **state)
{
	(void)state;
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		bool flag = symptom_is_red_flag((enum symptom)s);

		assert_int_equal(flag, s < SYMPTOM_RED_FLAG_COUNT);
		if (flag)
			assert_string_equal(red_flag_name((enum red_flag)s),
					    symptom_name((enum symptom)s));
	}
	/* The derived flags come after, with names of their own. */
	assert_string_equal(red_flag_name(FLAG_SEVERE_WORSENING),
			    "severe_worsening");
	assert_string_equal(red_flag_name(FLAG_REST_PAIN), "rest_pain");
	assert_true(SYMPTOM_RED_FLAG_COUNT < RED_FLAG__COUNT);
}

#define ROUND_TRIP(kind, count)                                               \
	for (int i = 0; i < (count); i++) {                                   \
		enum kind v;                                                  \
		const char *n = kind##_name((enum kind)i);                    \
		assert_int_equal(kind##_parse(n, strlen(n), &v), 0);          \
		assert_int_equal(v, i);                                       \
	}

static void test_names_parse_back(void **state)
{
	enum symptom sym;
	enum guide_section g;

	(void)state;
	ROUND_TRIP(area, AREA__COUNT)
	ROUND_TRIP(symptom, SYMPTOM__COUNT)
	ROUND_TRIP(trend, TREND__COUNT)
	ROUND_TRIP(goal, GOAL__COUNT)
	ROUND_TRIP(region, REGION__COUNT)
	ROUND_TRIP(side, SIDE__COUNT)
	for (int i = 0; i < GUIDE_SECTION__COUNT; i++) {
		const char *t = guide_section_title((enum guide_section)i);

		assert_int_equal(guide_section_parse(t, strlen(t), &g), 0);
		assert_int_equal(g, i);
	}
	assert_int_equal(symptom_parse("tite", 4, &sym), -1);
	assert_int_equal(guide_section_parse("Summary!", 8, &g), -1);
	assert_string_equal(side_name(SIDE__COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_red_flags_are_their_symptoms),
		cmocka_unit_test(test_names_parse_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
