/*
 * test_exhaustive.c - properties that must hold for every intake.
 *
 * 1. Every non-empty subset of the seven red flags, on every area, with
 *    every trend and a spread of other symptoms, scores and last-massage
 *    feedback, must give assess_first with no pressure, no massage type, no
 *    targets, no aftercare, self-massage "avoid", running not until assessed
 *    and a referral; the JSON must say the same.
 * 2. Every subset of the twelve other symptoms with each trend, on every
 *    area and with several pain and feedback profiles, must give pressure
 *    within 1..7 (min <= max), at most 4 when irritable, and a decision that
 *    agrees with the contract.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"

struct pain_profile {
	int rest, run, morning;
};

static const struct pain_profile pains[] = {
	{ PAIN_UNSET, PAIN_UNSET, PAIN_UNSET },
	{ 0, 2, 1 },
	{ 4, 3, 5 },	/* rest pain makes it irritable */
	{ 1, 8, 2 },	/* severe */
	{ 10, 10, 10 },
};

struct feedback {
	bool given;
	int pressure;
	double hours;
	bool bruised;
};

static const struct feedback feedbacks[] = {
	{ false, 0, 0, false },
	{ true, 7, 48, false },
	{ true, 2, 30, false },
	{ true, 0, 72, true },
	{ true, 10, 0, false },
};

#define N_(a) (sizeof(a) / sizeof((a)[0]))
#define OTHER_COUNT (SYMPTOM__COUNT - SYMPTOM_RED_FLAG_COUNT)

static struct kb *kb;

static int setup(void **state)
{
	(void)state;
	kb = kb_load_builtin(NULL);
	return kb ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	kb_free(kb);
	return 0;
}

static void fill(struct intake *in, int area, uint32_t symptoms, int trend,
		 const struct pain_profile *p, const struct feedback *f)
{
	intake_init(in);
	in->area = (enum area)area;
	in->symptoms = symptoms;
	in->trend = (enum trend)trend;
	in->pain_rest = p->rest;
	in->pain_run = p->run;
	in->pain_morning = p->morning;
	in->has_last_massage = f->given;
	in->last_pressure = f->pressure;
	in->flare_hours = f->hours;
	in->bruised_or_limping = f->bruised;
}

static void test_every_red_flag_subset(void **state)
{
	struct strbuf json = STRBUF_INIT;
	unsigned long checked = 0;
	struct intake in;
	struct result r;

	(void)state;
	for (uint32_t flags = 1; flags <= SYMPTOM_RED_FLAG_MASK; flags++)
	for (int area = 0; area < AREA__COUNT; area++)
	for (int trend = 0; trend < TREND__COUNT; trend++)
	for (size_t p = 0; p < N_(pains); p++)
	for (size_t f = 0; f < N_(feedbacks); f++)
	for (int other = 0; other < 3; other++) {
		/* none, all twelve others, or the "massage ok" pattern */
		uint32_t others = other == 0 ? 0
				: other == 1 ? ~SYMPTOM_RED_FLAG_MASK &
						       (SYMPTOM_BIT(SYMPTOM__COUNT) - 1)
				: SYMPTOM_BIT(SYM_TIGHT) |
					  SYMPTOM_BIT(SYM_IMPROVES_WITH_WARMUP);

		fill(&in, area, flags | others, trend, &pains[p],
		     &feedbacks[f]);
		assert_int_equal(intake_validate(&in, NULL), 0);
		engine_triage(kb, &in, &r);
		assert_int_equal(r.decision, DECISION_ASSESS_FIRST);
		assert_int_equal(r.red_flags & SYMPTOM_RED_FLAG_MASK, flags);
		assert_false(r.has_pressure);
		assert_false(r.has_massage_type);
		assert_int_equal(r.n_targets, 0);
		assert_int_equal(r.n_aftercare, 0);
		assert_int_equal(r.self_massage, SELF_AVOID);
		assert_false(r.has_self_pressure);
		assert_int_equal(r.run, RUN_NOT_UNTIL_ASSESSED);
		assert_non_null(r.referral);
		checked++;
		/* The JSON a front end prints must agree. Checking every
		 * tenth case keeps the run short without losing coverage of
		 * any flag or area. */
		if (checked % 10 == 0) {
			strbuf_reset(&json);
			result_to_json(&r, kb, &json);
			assert_non_null(strstr(json.buf,
					       "\"decision\":\"assess_first\""));
			assert_non_null(strstr(json.buf, "\"pressure\":null"));
			assert_non_null(strstr(json.buf, "\"targets\":[]"));
			assert_non_null(strstr(json.buf,
					       "\"massage_type\":null"));
		}
	}
	strbuf_release(&json);
	print_message("red-flag intakes checked: %lu\n", checked);
	assert_int_equal(checked, 127UL * AREA__COUNT * TREND__COUNT *
					  N_(pains) * N_(feedbacks) * 3);
}

static void test_every_other_symptom_subset(void **state)
{
	unsigned long checked = 0;
	struct intake in;
	struct result r;

	(void)state;
	for (uint32_t sub = 0; sub < (UINT32_C(1) << OTHER_COUNT); sub++)
	for (int trend = 0; trend < TREND__COUNT; trend++)
	for (int area = 0; area < AREA__COUNT; area++)
	for (size_t p = 0; p < N_(pains); p++)
	for (size_t f = 0; f < N_(feedbacks); f++) {
		uint32_t symptoms = sub << SYMPTOM_RED_FLAG_COUNT;
		bool severe_worse;

		fill(&in, area, symptoms, trend, &pains[p], &feedbacks[f]);
		engine_triage(kb, &in, &r);
		checked++;
		severe_worse = trend == TREND_WORSE && r.severe;
		assert_int_equal(r.red_flags & SYMPTOM_RED_FLAG_MASK, 0);
		if (severe_worse) {
			assert_int_equal(r.decision, DECISION_ASSESS_FIRST);
			assert_false(r.has_pressure);
			continue;
		}
		assert_int_not_equal(r.decision, DECISION_ASSESS_FIRST);
		assert_true(r.has_pressure);
		assert_in_range(r.pressure_min, 1, 7);
		assert_in_range(r.pressure_max, 1, 7);
		assert_true(r.pressure_min <= r.pressure_max);
		if (r.irritable)
			assert_true(r.pressure_max <= 4);
		assert_true(r.has_massage_type);
		assert_int_not_equal(r.self_massage, SELF_AVOID);
		assert_true(r.has_self_pressure);
		assert_true(r.self_pressure_max <= r.pressure_max);
		assert_true(r.n_aftercare >= 2);
		assert_null(r.referral);
		if (r.decision == DECISION_MASSAGE_OK) {
			assert_int_not_equal(trend, TREND_WORSE);
			assert_false(symptoms & SYMPTOM_BIT(SYM_LOAD_PATTERN));
			assert_false(symptoms & SYMPTOM_BIT(SYM_TENDON_FLARE));
		}
		if (r.run == RUN_OK)
			assert_true(in.pain_run <= 3 && in.pain_run >= 0);
		for (size_t i = 0; i < r.n_targets; i++)
			assert_true(r.targets[i]->has_region);
	}
	print_message("other-symptom intakes checked: %lu\n", checked);
	assert_int_equal(checked, 4096UL * TREND__COUNT * AREA__COUNT *
					  N_(pains) * N_(feedbacks));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_red_flag_subset),
		cmocka_unit_test(test_every_other_symptom_subset),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
