/*
 * test_exhaustive.c - properties that must hold for every intake.
 *
 * 1. Every non-empty subset of the seven red flags, on every area, with
 *    every trend (and none given), a spread of other symptoms, scores and
 *    last-massage feedback, gives assess_first with no massage sections at
 *    all (no condition, pressure, type, targets, session goal or
 *    aftercare), self-massage "avoid", running not until assessed, a
 *    referral and what to do while waiting; the JSON says the same.
 * 2. Every subset of the other symptoms, with each of the three run
 *    questions reported, denied or not asked, the trend given or not, on
 *    every area and with pain and feedback profiles that cross every
 *    threshold, holds the contract's invariants: a warning sign derived
 *    from the scores (rest pain, severe worsening) is assess_first;
 *    severe pain is never above 4/10 and never massage_ok; running is ok
 *    only when all five run rules were answered and met, and not yet as
 *    soon as one is not met; self-massage is ok only on the guide's
 *    conditions; deep tissue only with room for 5/10; and the warning
 *    signs nobody answered are listed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"

#define S(x) SYMPTOM_BIT(SYM_##x)
#define HAS(set, x) (((set) & S(x)) != 0)

struct pain_profile {
	int rest, run, morning;
};

static const struct pain_profile pains[] = {
	{ PAIN_UNSET, PAIN_UNSET, PAIN_UNSET },
	{ 0, 2, 1 },
	{ 3, 3, 3 },	/* run pain at the rule's limit */
	{ 4, 3, 5 },	/* rest pain makes it irritable; a shin red flag */
	{ 6, PAIN_UNSET, PAIN_UNSET },
	{ 7, 1, PAIN_UNSET },	/* rest pain that is a red flag */
	{ 1, 8, 2 },	/* severe while running */
	{ PAIN_UNSET, PAIN_UNSET, 7 },	/* severe in the morning only */
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
	{ true, 6, 30, false },
	{ true, 2, 30, false },
	{ true, 0, 72, true },
	{ true, 10, 0, false },
};

/* The trend: each of the three, or not given (index TREND__COUNT). */
#define TREND_CHOICES (TREND__COUNT + 1)

/* The three run questions and the other nine non-red-flag symptoms. */
static const enum symptom run_questions[3] = { SYM_STRIDE_CHANGE,
					       SYM_WORSE_NEXT_MORNING,
					       SYM_LIMP_AFTER };
#define RUN_Q_MASK (S(STRIDE_CHANGE) | S(WORSE_NEXT_MORNING) | S(LIMP_AFTER))
#define ALL_SYMPTOMS (SYMPTOM_BIT(SYMPTOM__COUNT) - 1)
#define OTHER_MASK (ALL_SYMPTOMS & ~SYMPTOM_RED_FLAG_MASK & ~RUN_Q_MASK)

#define N_(a) (sizeof(a) / sizeof((a)[0]))

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

static void fill(struct intake *in, int area, uint32_t symptoms,
		 uint32_t denied, int trend, const struct pain_profile *p,
		 const struct feedback *f)
{
	intake_init(in);
	in->area = (enum area)area;
	in->symptoms = symptoms;
	in->denied = denied;
	in->has_trend = trend < TREND__COUNT;
	in->trend = in->has_trend ? (enum trend)trend : TREND_SAME;
	in->pain_rest = p->rest;
	in->pain_run = p->run;
	in->pain_morning = p->morning;
	in->has_last_massage = f->given;
	in->last_pressure = f->pressure;
	in->flare_hours = f->hours;
	in->bruised_or_limping = f->bruised;
}

/* The whole assess-first shape: nothing about massage, only what to
 * leave alone and how to wait. */
static void assert_assess_first_shape(const struct result *r)
{
	assert_int_equal(r->decision, DECISION_ASSESS_FIRST);
	assert_false(r->has_condition);
	assert_false(r->has_pressure);
	assert_false(r->has_massage_type);
	assert_int_equal(r->n_targets, 0);
	assert_int_equal(r->n_aftercare, 0);
	assert_null(r->goal_item);
	assert_int_equal(r->unanswered, 0);
	assert_int_equal(r->self_massage, SELF_AVOID);
	assert_false(r->has_self_pressure);
	assert_int_equal(r->run, RUN_NOT_UNTIL_ASSESSED);
	assert_non_null(r->referral);
	assert_true(r->n_do_next >= 2);
	assert_string_equal(r->do_next[0]->id, "get_assessed");
	assert_true(r->n_avoid >= 1);
	for (size_t i = 0; i < r->n_avoid; i++)
		assert_false(r->avoid[i]->has_region);
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
	for (int trend = 0; trend < TREND_CHOICES; trend++)
	for (size_t p = 0; p < N_(pains); p++)
	for (size_t f = 0; f < N_(feedbacks); f++)
	for (int other = 0; other < 3; other++) {
		/* none, all twelve others, or the "massage ok" pattern with
		 * everything else denied */
		uint32_t others = other == 0   ? 0
				  : other == 1 ? ALL_SYMPTOMS &
							 ~SYMPTOM_RED_FLAG_MASK
					       : S(TIGHT) |
							 S(IMPROVES_WITH_WARMUP);
		uint32_t denied = other == 2 ? ALL_SYMPTOMS & ~flags & ~others
					     : 0;

		fill(&in, area, flags | others, denied, trend, &pains[p],
		     &feedbacks[f]);
		assert_int_equal(intake_validate(&in, NULL), 0);
		engine_triage(kb, &in, &r);
		assert_int_equal(r.red_flags & SYMPTOM_RED_FLAG_MASK, flags);
		assert_assess_first_shape(&r);
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
			assert_non_null(strstr(json.buf, "\"condition\":null"));
			assert_non_null(strstr(json.buf, "\"unanswered\":[]"));
		}
	}
	strbuf_release(&json);
	print_message("red-flag intakes checked: %lu\n", checked);
	assert_int_equal(checked, 127UL * AREA__COUNT * TREND_CHOICES *
					  N_(pains) * N_(feedbacks) * 3);
}

/* What the contract says of an intake without a reported red flag. */
static void check_invariants(const struct intake *in, const struct result *r)
{
	int highest = in->pain_rest;
	bool severe, rest_flag, severe_worse, answered_and_met, any_not_met;
	uint32_t want_unanswered;

	if (in->pain_run > highest)
		highest = in->pain_run;
	if (in->pain_morning > highest)
		highest = in->pain_morning;
	severe = highest >= 7;
	rest_flag = in->pain_rest >= (in->area == AREA_SHIN ? 4 : 7);
	severe_worse = severe && in->has_trend && in->trend == TREND_WORSE;
	assert_int_equal(r->severe, severe);

	/* A warning sign from the scores is assess first. */
	if (rest_flag || severe_worse) {
		assert_assess_first_shape(r);
		assert_int_equal(!!(r->red_flags & (1u << FLAG_REST_PAIN)),
				 rest_flag);
		assert_int_equal(
			!!(r->red_flags & (1u << FLAG_SEVERE_WORSENING)),
			severe_worse);
		return;
	}
	assert_int_equal(r->red_flags, 0);
	assert_int_not_equal(r->decision, DECISION_ASSESS_FIRST);
	assert_true(r->has_condition);
	assert_null(r->referral);

	/* The warning signs nobody answered are named. */
	want_unanswered = SYMPTOM_RED_FLAG_MASK & ~in->denied;
	if (in->area != AREA_SHIN)
		want_unanswered &= ~S(FOCAL_SHIN_PAIN);
	assert_int_equal(r->unanswered, want_unanswered);

	/* Pressure within the guide's scale, light when irritable or
	 * severe. */
	assert_true(r->has_pressure);
	assert_in_range(r->pressure_min, 1, 7);
	assert_in_range(r->pressure_max, 1, 7);
	assert_true(r->pressure_min <= r->pressure_max);
	if (r->irritable || severe)
		assert_true(r->pressure_max <= 4);
	if (severe)
		assert_true(r->irritable);
	if (in->pain_rest >= 4)
		assert_true(r->irritable);

	if (r->decision == DECISION_MASSAGE_OK) {
		assert_false(severe);
		assert_true(in->pain_rest < 4);
		assert_false(in->has_trend && in->trend == TREND_WORSE);
		assert_false(HAS(in->symptoms, LOAD_PATTERN));
		assert_false(HAS(in->symptoms, TENDON_FLARE));
	}

	/* Deep tissue needs room for 5/10; a light band reads as light. */
	assert_true(r->has_massage_type);
	if (r->massage_type == MTYPE_DEEP_TISSUE)
		assert_true(r->pressure_max >= 5 && !r->irritable);
	if (r->massage_type == MTYPE_SPORTS && r->pressure_max < 5)
		assert_null(strstr(r->massage_type_item->text, "uncomfortable"));

	/* Self-massage is ok only on the guide's conditions. */
	assert_int_not_equal(r->self_massage, SELF_AVOID);
	assert_true(r->has_self_pressure);
	assert_true(r->self_pressure_max <= r->pressure_max);
	if (r->self_massage == SELF_OK) {
		assert_false(r->irritable);
		assert_false(HAS(in->symptoms, LIMP_AFTER));
		assert_false(HAS(in->symptoms, STRIDE_CHANGE));
		assert_true(HAS(in->symptoms, TIGHT) ||
			    HAS(in->symptoms, IMPROVES_WITH_WARMUP) ||
			    HAS(in->symptoms, POST_TRAINING_SORENESS));
	}

	/* Running: ok only on five answers that all meet their rule; not
	 * yet as soon as one answer breaks a rule. */
	answered_and_met = in->pain_run >= 0 && in->pain_run <= 3 &&
			   in->has_trend && in->trend != TREND_WORSE &&
			   (in->denied & RUN_Q_MASK) == RUN_Q_MASK;
	any_not_met = in->pain_run > 3 ||
		      (in->has_trend && in->trend == TREND_WORSE) ||
		      (in->symptoms & RUN_Q_MASK) != 0;
	assert_int_equal(r->run, any_not_met	  ? RUN_NOT_YET
				 : answered_and_met ? RUN_OK
						    : RUN_UNKNOWN);
	assert_int_equal(r->n_run_reasons, RUN_RULE_CHECK_COUNT);
	for (size_t i = 0; i < r->n_run_reasons; i++)
		if (r->run == RUN_OK)
			assert_int_equal(r->run_reasons[i].state,
					 RULE_STATE_MET);
	assert_true(r->n_aftercare >= 2);
	for (size_t i = 0; i < r->n_targets; i++)
		assert_true(r->targets[i]->has_region);
}

static void test_every_other_symptom_subset(void **state)
{
	unsigned long checked = 0;
	struct intake in;
	struct result r;

	(void)state;
	/* Each run question: 0 not asked, 1 reported, 2 denied. */
	for (uint32_t sub = 0; sub <= OTHER_MASK; sub++) {
		if (sub & ~OTHER_MASK)
			continue;
		for (int q = 0; q < 27; q++)
		for (int rf_denied = 0; rf_denied < 2; rf_denied++)
		for (int trend = 0; trend < TREND_CHOICES; trend++)
		for (int area = 0; area < AREA__COUNT; area++)
		for (size_t p = 0; p < N_(pains); p++)
		for (size_t f = 0; f < N_(feedbacks); f++) {
			uint32_t symptoms = sub, denied = 0;

			for (int k = 0, code = q; k < 3; k++, code /= 3) {
				if (code % 3 == 1)
					symptoms |= SYMPTOM_BIT(run_questions[k]);
				else if (code % 3 == 2)
					denied |= SYMPTOM_BIT(run_questions[k]);
			}
			/* Warning signs: all denied, or none asked. */
			if (rf_denied)
				denied |= SYMPTOM_RED_FLAG_MASK;
			fill(&in, area, symptoms, denied, trend, &pains[p],
			     &feedbacks[f]);
			assert_int_equal(intake_validate(&in, NULL), 0);
			engine_triage(kb, &in, &r);
			check_invariants(&in, &r);
			checked++;
		}
	}
	print_message("other-symptom intakes checked: %lu\n", checked);
	assert_int_equal(checked, 512UL * 27 * 2 * TREND_CHOICES *
					  AREA__COUNT * N_(pains) *
					  N_(feedbacks));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_red_flag_subset),
		cmocka_unit_test(test_every_other_symptom_subset),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
