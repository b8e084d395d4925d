/*
 * test_rules.c - each triage rule on its own, table-driven.
 *
 * Each row of cases[] builds an intake by hand (no JSON); the row of
 * expects[] with the same name states what the rules must produce. Fields a
 * row does not care about are left at "don't check" (X / -1 / NULL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"

#define NO_CHECK (-1)
#define S(x) SYMPTOM_BIT(SYM_##x)

struct rule_case {
	const char *name;
	enum area area;
	uint32_t symptoms;
	int rest, run, morning;	/* PAIN_UNSET when not given */
	enum trend trend;
	int last_pressure;	/* 0: no last massage; -1: flare without
				   a known pressure */
	double flare_hours;
	bool bruised;
	/* Symptoms asked about and denied. A trend other than same counts as
	 * given; same only with trend_given (else it is the default). */
	uint32_t denied;
	bool trend_given;
};

/* The three run questions, all answered no. */
#define RUN_DENIED (S(STRIDE_CHANGE) | S(WORSE_NEXT_MORNING) | S(LIMP_AFTER))

#define NOPAIN PAIN_UNSET, PAIN_UNSET, PAIN_UNSET

static const struct rule_case cases[] = {
	/* Rule 1: decision. */
	{ "tight and warms up: massage ok", AREA_HEEL,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), NOPAIN, TREND_SAME, 0, 0, false },
	{ "tight alone: load change", AREA_KNEE, S(TIGHT), NOPAIN, TREND_SAME,
	  0, 0, false },
	{ "soreness after training: massage ok", AREA_KNEE,
	  S(POST_TRAINING_SORENESS), NOPAIN, TREND_SAME, 0, 0, false },
	{ "stress and poor sleep: massage ok", AREA_HIP, S(STRESS_POOR_SLEEP),
	  NOPAIN, TREND_BETTER, 0, 0, false },
	{ "load pattern overrides ok", AREA_KNEE,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP) | S(LOAD_PATTERN), NOPAIN,
	  TREND_SAME, 0, 0, false },
	{ "tendon flare overrides ok", AREA_ACHILLES,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP) | S(TENDON_FLARE), NOPAIN,
	  TREND_SAME, 0, 0, false },
	{ "worse trend overrides ok", AREA_HEEL,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), 2, 5, 3, TREND_WORSE, 0, 0,
	  false },
	{ "red flag wins over everything", AREA_HEEL,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP) | S(SWELLING_HEAT_REDNESS),
	  NOPAIN, TREND_BETTER, 0, 0, false },
	{ "severe and worse is a red flag", AREA_KNEE, S(TIGHT), 2, 7, 3,
	  TREND_WORSE, 0, 0, false },
	{ "severe but not worse is no red flag", AREA_KNEE, S(TIGHT), 2, 9,
	  3, TREND_SAME, 0, 0, false },
	{ "worse but not severe is no red flag", AREA_KNEE, S(TIGHT), 2, 6,
	  6, TREND_WORSE, 0, 0, false },
	/* Rule 2: pressure. */
	{ "stable: 5-7", AREA_KNEE, S(TIGHT), 1, 2, 1, TREND_SAME, 0, 0,
	  false },
	{ "rest pain 4 is irritable: 2-4", AREA_KNEE, S(TIGHT), 4, 2, 1,
	  TREND_SAME, 0, 0, false },
	{ "rest pain 3 is not irritable", AREA_KNEE, S(TIGHT), 3, 2, 1,
	  TREND_SAME, 0, 0, false },
	{ "shin is always irritable", AREA_SHIN,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), NOPAIN, TREND_SAME, 0, 0, false },
	{ "sharp morning pain is irritable", AREA_HEEL,
	  S(SHARP_MORNING_PAIN), NOPAIN, TREND_SAME, 0, 0, false },
	{ "flare of 48 h after 7: max 5", AREA_KNEE,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), NOPAIN, TREND_SAME, 7, 48,
	  false },
	{ "flare of exactly 24 h does not count", AREA_KNEE,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), NOPAIN, TREND_SAME, 7, 24,
	  false },
	{ "bruised after 5: max 3, min follows", AREA_KNEE,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), NOPAIN, TREND_SAME, 5, 0, true },
	{ "flare after 2: never below 1", AREA_ACHILLES, S(TENDON_FLARE),
	  NOPAIN, TREND_SAME, 2, 30, false },
	{ "flare after 9 on irritable: band stays 2-4", AREA_SHIN, S(TIGHT),
	  NOPAIN, TREND_SAME, 9, 30, false },
	{ "flare with pressure unknown: light band", AREA_KNEE,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), NOPAIN, TREND_SAME, -1, 30,
	  false },
	/* Rule 3: massage type. */
	{ "trigger points: deep tissue", AREA_HIP,
	  S(TIGHT) | S(TRIGGER_POINTS), NOPAIN, TREND_SAME, 0, 0, false },
	{ "trigger points but irritable: sports", AREA_HIP,
	  S(TRIGGER_POINTS), 5, PAIN_UNSET, PAIN_UNSET, TREND_SAME, 0, 0,
	  false },
	{ "stress without tight: relaxation", AREA_KNEE, S(STRESS_POOR_SLEEP),
	  NOPAIN, TREND_SAME, 0, 0, false },
	{ "stress with tight: sports", AREA_KNEE,
	  S(STRESS_POOR_SLEEP) | S(TIGHT), NOPAIN, TREND_SAME, 0, 0, false },
	/* Rule 5: targets and avoid. */
	{ "hip without block: no hip flexors", AREA_HIP, S(TIGHT), NOPAIN,
	  TREND_SAME, 0, 0, false },
	{ "hip with block: hip flexors and adductors", AREA_HIP,
	  S(TIGHT) | S(HIP_BLOCKED), NOPAIN, TREND_SAME, 0, 0, false },
	/* Rule 7: aftercare. */
	{ "irritable adds easy running for 24-48 h", AREA_ACHILLES,
	  S(TENDON_FLARE), NOPAIN, TREND_SAME, 0, 0, false },
	/* Rule 8: run verdict. */
	{ "run pain 3, every run question answered no: ok", AREA_HEEL,
	  S(TIGHT), 0, 3, 0, TREND_SAME, 0, 0, false, RUN_DENIED, true },
	{ "run pain 3, run questions not asked: unknown", AREA_HEEL, S(TIGHT),
	  0, 3, 0, TREND_SAME, 0, 0, false, 0, true },
	{ "run pain 3, trend not given: unknown", AREA_HEEL, S(TIGHT), 0, 3,
	  0, TREND_SAME, 0, 0, false, RUN_DENIED, false },
	{ "a limp and nothing else answered: not yet", AREA_ACHILLES,
	  S(LIMP_AFTER), NOPAIN, TREND_SAME, 0, 0, false },
	{ "run pain 4: not yet", AREA_HEEL, S(TIGHT), 0, 4, 0, TREND_SAME, 0,
	  0, false },
	{ "stride change: not yet", AREA_HEEL, S(STRIDE_CHANGE), 0, 1, 0,
	  TREND_SAME, 0, 0, false },
	{ "worse next morning: not yet", AREA_HEEL, S(WORSE_NEXT_MORNING), 0,
	  1, 0, TREND_SAME, 0, 0, false },
	{ "limp: not yet", AREA_HEEL, S(LIMP_AFTER), 0, 1, 0, TREND_SAME, 0,
	  0, false },
	{ "worsening trend: not yet", AREA_HEEL, 0, 0, 1, 0, TREND_WORSE, 0,
	  0, false },
	{ "no run pain given: unknown", AREA_HEEL, S(TIGHT), 0, PAIN_UNSET, 0,
	  TREND_SAME, 0, 0, false },
	{ "other area: general overload", AREA_OTHER, S(TIGHT), NOPAIN,
	  TREND_SAME, 0, 0, false },
	/* v2: rest pain, severe pain, flare caps, self-massage, unasked
	 * warning signs. */
	{ "rest pain 7: assess first", AREA_KNEE,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), 7, 2, PAIN_UNSET, TREND_SAME, 0,
	  0, false },
	{ "rest pain 6 on the knee: irritable, no red flag", AREA_KNEE,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), 6, 2, PAIN_UNSET, TREND_SAME, 0,
	  0, false },
	{ "rest pain 4 on the shin: assess first", AREA_SHIN, S(TIGHT), 4,
	  PAIN_UNSET, PAIN_UNSET, TREND_SAME, 0, 0, false },
	{ "rest pain 3 on the shin: no red flag", AREA_SHIN, S(TIGHT), 3,
	  PAIN_UNSET, PAIN_UNSET, TREND_SAME, 0, 0, false },
	{ "severe morning pain: light and not ok", AREA_HEEL,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), 1, 2, 8, TREND_SAME, 0, 0,
	  false },
	{ "trigger points under a flare cap below 5: light sports", AREA_HIP,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP) | S(TRIGGER_POINTS), NOPAIN,
	  TREND_SAME, 6, 36, false },
	{ "trigger points under a flare cap of 5: deep tissue", AREA_HIP,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP) | S(TRIGGER_POINTS), NOPAIN,
	  TREND_SAME, 7, 36, false },
	{ "limp after running: self-massage with care", AREA_KNEE,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP) | S(LIMP_AFTER), NOPAIN,
	  TREND_SAME, 0, 0, false },
	{ "no tightness pattern: self-massage with care", AREA_KNEE,
	  S(LOAD_PATTERN), NOPAIN, TREND_SAME, 0, 0, false },
	{ "warning signs not asked: the reason says so", AREA_HEEL,
	  S(TIGHT) | S(IMPROVES_WITH_WARMUP), NOPAIN, TREND_SAME, 0, 0, false },
};

/* Expected values per row, kept apart from the intake so the table above
 * stays readable; indexed by row name. */
struct expect {
	const char *name;
	int decision, pmin, pmax, mtype, self, self_min, self_max, run, cond;
	int flags;		/* -1: don't check; else exact bit set */
	int irritable;		/* -1: don't check */
	const char *has_target, *lacks_target, *has_avoid, *has_do_next;
	const char *has_aftercare, *lacks_aftercare;
	int has_rule;
};

#define X NO_CHECK
#define OK DECISION_MASSAGE_OK
#define LC DECISION_WITH_LOAD_CHANGE
#define AF DECISION_ASSESS_FIRST
#define FLAG(f) (1 << FLAG_##f)

static const struct expect expects[] = {
	{ "tight and warms up: massage ok", OK, 5, 7, MTYPE_SPORTS, SELF_OK,
	  4, 6, RUN_UNKNOWN, COND_PLANTAR_FASCIITIS, 0, 0, "calf", NULL,
	  "heel_insertion", "reduce_hills", "gentle_walk_same_day",
	  "reduce_intensity_24_48h", RULE_MASSAGE_OK },
	{ "tight alone: load change", LC, 5, 7, X, X, X, X, X, COND_KNEE_PAIN,
	  0, 0, "quadriceps", NULL, "it_band", "flat_easy_runs", NULL, NULL,
	  RULE_NOT_CLEARLY_MASSAGE_OK },
	{ "soreness after training: massage ok", OK, X, X, X, X, X, X, X, X,
	  -1, -1, NULL, NULL, "patellar_tendon", "step_downs", NULL, NULL,
	  RULE_MASSAGE_OK },
	{ "stress and poor sleep: massage ok", OK, X, X, MTYPE_RELAXATION, X,
	  X, X, X, COND_HIP_DEEP_GLUTE, -1, -1, "glute_med", NULL,
	  "chasing_one_knot", "hip_strength", NULL, NULL, RULE_TYPE_RELAXATION },
	{ "load pattern overrides ok", LC, X, X, X, X, X, X, X, X, -1, -1,
	  NULL, NULL, NULL, NULL, NULL, NULL, RULE_LOAD_PATTERN },
	{ "tendon flare overrides ok", LC, 2, 4, MTYPE_SPORTS, SELF_CAUTION,
	  2, 4, X, COND_ACHILLES_TENDINOPATHY, -1, 1, "soleus", NULL,
	  "achilles_tendon", "reduce_speed", NULL, NULL, RULE_TENDON_FLARE },
	{ "worse trend overrides ok", LC, 2, 4, X, SELF_CAUTION, X, X,
	  RUN_NOT_YET, X, 0, 1, NULL, NULL, NULL, NULL,
	  "reduce_intensity_24_48h", NULL, RULE_WORSENING },
	{ "red flag wins over everything", AF, 0, 0, -2, SELF_AVOID, X, X,
	  RUN_NOT_UNTIL_ASSESSED, COND_PLANTAR_FASCIITIS,
	  FLAG(SWELLING_HEAT_REDNESS), -1, NULL, "calf", "massage_on_the_area",
	  "get_assessed", NULL, "gentle_walk_same_day", RULE_RED_FLAG },
	{ "severe and worse is a red flag", AF, 0, 0, -2, SELF_AVOID, X, X,
	  RUN_NOT_UNTIL_ASSESSED, X, FLAG(SEVERE_WORSENING), -1, NULL,
	  "quadriceps", NULL, NULL, NULL, NULL, RULE_RED_FLAG },
	{ "severe but not worse is no red flag", LC, 2, 4, X, SELF_CAUTION,
	  X, X, RUN_NOT_YET, X, 0, 1, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_SEVERE_PAIN },
	{ "worse but not severe is no red flag", LC, 2, 4, X, X, X, X, X, X, 0,
	  1, NULL, NULL, NULL, NULL, NULL, NULL, RULE_WORSENING },
	{ "stable: 5-7", LC, 5, 7, X, SELF_OK, 4, 6, RUN_UNKNOWN, X, 0, 0, NULL,
	  NULL, NULL, NULL, NULL, NULL, RULE_STABLE_PRESSURE },
	{ "rest pain 4 is irritable: 2-4", LC, 2, 4, MTYPE_SPORTS,
	  SELF_CAUTION, 2, 4, X, X, 0, 1, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_IRRITABLE },
	{ "rest pain 3 is not irritable", LC, 5, 7, X, SELF_OK, X, X, X, X, 0,
	  0, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "shin is always irritable", OK, 2, 4, MTYPE_SPORTS, SELF_CAUTION, X,
	  X, X, COND_SHIN_SPLINTS, 0, 1, "tibialis_anterior", NULL,
	  "shin_bone_edge", "tib_raises", "reduce_intensity_24_48h", NULL,
	  RULE_IRRITABLE },
	{ "sharp morning pain is irritable", LC, 2, 4, X, SELF_CAUTION, X, X,
	  X, X, 0, 1, "foot_intrinsics", NULL, NULL, "calf_raises", NULL,
	  NULL, RULE_IRRITABLE },
	{ "flare of 48 h after 7: max 5", OK, 5, 5, X, SELF_OK, 4, 5, X, X, 0,
	  0, NULL, NULL, NULL, NULL, NULL, NULL, RULE_FLARE_AFTER_MASSAGE },
	{ "flare of exactly 24 h does not count", OK, 5, 7, X, X, X, X, X, X,
	  0, 0, NULL, NULL, NULL, NULL, NULL, NULL, RULE_STABLE_PRESSURE },
	{ "bruised after 5: max 3, min follows", OK, 3, 3, X, SELF_OK, 3, 3,
	  X, X, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_FLARE_AFTER_MASSAGE },
	{ "flare after 2: never below 1", LC, 1, 1, X, SELF_CAUTION, 1, 1, X,
	  X, 0, 1, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_FLARE_AFTER_MASSAGE },
	{ "flare after 9 on irritable: band stays 2-4", LC, 2, 4, X, X, X, X,
	  X, X, 0, 1, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_FLARE_AFTER_MASSAGE },
	{ "flare with pressure unknown: light band", OK, 4, 4, X, X, X, X, X,
	  X, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_FLARE_AFTER_MASSAGE },
	{ "trigger points: deep tissue", LC, X, X, MTYPE_DEEP_TISSUE, X, X, X,
	  X, X, -1, -1, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_TYPE_TRIGGER_POINTS },
	{ "trigger points but irritable: sports", LC, 2, 4, MTYPE_SPORTS, X,
	  X, X, X, X, -1, 1, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_TYPE_IRRITABLE },
	{ "stress without tight: relaxation", OK, X, X, MTYPE_RELAXATION, X,
	  X, X, X, X, -1, -1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "stress with tight: sports", OK, X, X, MTYPE_SPORTS, X, X, X, X, X,
	  -1, -1, NULL, NULL, NULL, NULL, NULL, NULL, RULE_TYPE_SPORTS },
	{ "hip without block: no hip flexors", LC, X, X, X, X, X, X, X, X, -1,
	  -1, "deep_hip_rotators", "hip_flexors", NULL, "reduce_long_sitting",
	  NULL, NULL, -1 },
	{ "hip with block: hip flexors and adductors", LC, X, X, X, X, X, X,
	  X, X, -1, -1, "adductors", NULL, NULL, NULL, NULL, NULL, -1 },
	{ "irritable adds easy running for 24-48 h", LC, X, X, X, X, X, X, X,
	  X, -1, 1, "calf", "achilles_tendon", NULL, "reduce_hills",
	  "reduce_intensity_24_48h", NULL, -1 },
	{ "run pain 3, every run question answered no: ok", X, X, X, X, X, X,
	  X, RUN_OK, X, -1, -1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "run pain 3, run questions not asked: unknown", X, X, X, X, X, X, X,
	  RUN_UNKNOWN, X, -1, -1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "run pain 3, trend not given: unknown", X, X, X, X, X, X, X,
	  RUN_UNKNOWN, X, -1, -1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "a limp and nothing else answered: not yet", X, X, X, X,
	  SELF_CAUTION, X, X, RUN_NOT_YET, X, -1, -1, NULL, NULL, NULL, NULL,
	  NULL, NULL, -1 },
	{ "run pain 4: not yet", X, X, X, X, X, X, X, RUN_NOT_YET, X, -1, -1,
	  NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "stride change: not yet", X, X, X, X, X, X, X, RUN_NOT_YET, X, -1,
	  -1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "worse next morning: not yet", X, X, X, X, X, X, X, RUN_NOT_YET, X,
	  -1, -1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "limp: not yet", X, X, X, X, X, X, X, RUN_NOT_YET, X, -1, -1, NULL,
	  NULL, NULL, NULL, NULL, NULL, -1 },
	{ "worsening trend: not yet", X, X, X, X, X, X, X, RUN_NOT_YET, X, -1,
	  -1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "no run pain given: unknown", X, X, X, X, X, X, X, RUN_UNKNOWN, X,
	  -1, -1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "other area: general overload", LC, X, X, X, X, X, X, X,
	  COND_GENERAL_OVERLOAD, -1, -1, NULL, "calf", NULL,
	  "reduce_aggravating_load", NULL, NULL, -1 },
	{ "rest pain 7: assess first", AF, 0, 0, -2, SELF_AVOID, X, X,
	  RUN_NOT_UNTIL_ASSESSED, X, FLAG(REST_PAIN), -1, NULL, "quadriceps",
	  "running_through_it", "rest_from_running", NULL, NULL,
	  RULE_RED_FLAG },
	{ "rest pain 6 on the knee: irritable, no red flag", LC, 2, 4,
	  MTYPE_SPORTS, SELF_CAUTION, X, X, X, X, 0, 1, NULL, NULL, NULL, NULL,
	  NULL, NULL, RULE_PAIN_AT_REST },
	{ "rest pain 4 on the shin: assess first", AF, 0, 0, -2, SELF_AVOID,
	  X, X, RUN_NOT_UNTIL_ASSESSED, X, FLAG(REST_PAIN), -1, NULL, NULL,
	  NULL, NULL, NULL, NULL, RULE_RED_FLAG },
	{ "rest pain 3 on the shin: no red flag", LC, 2, 4, X, SELF_CAUTION,
	  X, X, X, X, 0, 1, NULL, NULL, NULL, NULL, NULL, NULL, -1 },
	{ "severe morning pain: light and not ok", LC, 2, 4, MTYPE_SPORTS,
	  SELF_CAUTION, X, X, X, X, 0, 1, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_SEVERE_PAIN },
	{ "trigger points under a flare cap below 5: light sports", OK, 4, 4,
	  MTYPE_SPORTS, X, X, X, X, X, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_TYPE_LIGHT_AFTER_FLARE },
	{ "trigger points under a flare cap of 5: deep tissue", OK, 5, 5,
	  MTYPE_DEEP_TISSUE, X, X, X, X, X, 0, 0, NULL, NULL, NULL, NULL, NULL,
	  NULL, RULE_TYPE_TRIGGER_POINTS },
	{ "limp after running: self-massage with care", OK, 5, 7, X,
	  SELF_CAUTION, 2, 4, RUN_NOT_YET, X, 0, 0, NULL, NULL, NULL, NULL,
	  NULL, NULL, RULE_SELF_CAUTION_RUN_SIGNS },
	{ "no tightness pattern: self-massage with care", LC, 5, 7, X,
	  SELF_CAUTION, 2, 4, X, X, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_SELF_CAUTION_PATTERN },
	{ "warning signs not asked: the reason says so", OK, X, X, X, X, X, X,
	  X, X, 0, -1, NULL, NULL, NULL, NULL, NULL, NULL,
	  RULE_RED_FLAGS_UNANSWERED },
};

static struct kb *kb;

static int setup(void **state)
{
	struct err e;

	(void)state;
	kb = kb_load_builtin(&e);
	if (kb == NULL) {
		print_error("built-in kb: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_free(kb);
	return 0;
}

static bool list_has(const struct kb_item *const *items, size_t n,
		     const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i]->id, id) == 0)
			return true;
	return false;
}

static void run_case(const struct rule_case *c, const struct expect *x)
{
	struct intake in;
	struct result r;
	struct err e;

	intake_init(&in);
	in.area = c->area;
	in.symptoms = c->symptoms;
	in.pain_rest = c->rest;
	in.pain_run = c->run;
	in.pain_morning = c->morning;
	in.trend = c->trend;
	in.has_trend = c->trend != TREND_SAME || c->trend_given;
	in.denied = c->denied;
	if (c->last_pressure != 0) {
		in.has_last_massage = true;
		in.last_pressure = c->last_pressure > 0 ? c->last_pressure : 0;
		in.flare_hours = c->flare_hours;
		in.bruised_or_limping = c->bruised;
	}
	assert_int_equal(intake_validate(&in, &e), 0);
	engine_triage(kb, &in, &r);

	if (x->decision != X)
		assert_int_equal(r.decision, x->decision);
	if (x->pmin == 0 && x->pmax == 0) {
		assert_false(r.has_pressure);
	} else if (x->pmin != X) {
		assert_true(r.has_pressure);
		assert_int_equal(r.pressure_min, x->pmin);
		assert_int_equal(r.pressure_max, x->pmax);
	}
	if (x->mtype == -2)
		assert_false(r.has_massage_type);
	else if (x->mtype != X)
		assert_int_equal(r.massage_type, x->mtype);
	if (x->self != X)
		assert_int_equal(r.self_massage, x->self);
	if (x->self_min != X) {
		assert_true(r.has_self_pressure);
		assert_int_equal(r.self_pressure_min, x->self_min);
		assert_int_equal(r.self_pressure_max, x->self_max);
	}
	if (x->run != X)
		assert_int_equal(r.run, x->run);
	if (x->cond != X)
		assert_int_equal(r.condition, x->cond);
	if (x->flags != -1)
		assert_int_equal(r.red_flags, (uint32_t)x->flags);
	if (x->irritable != -1)
		assert_int_equal(r.irritable, x->irritable);
	if (x->has_target)
		assert_true(list_has(r.targets, r.n_targets, x->has_target));
	if (x->lacks_target)
		assert_false(list_has(r.targets, r.n_targets, x->lacks_target));
	if (x->has_avoid)
		assert_true(list_has(r.avoid, r.n_avoid, x->has_avoid));
	if (x->has_do_next)
		assert_true(list_has(r.do_next, r.n_do_next, x->has_do_next));
	if (x->has_aftercare)
		assert_true(list_has(r.aftercare, r.n_aftercare,
				     x->has_aftercare));
	if (x->lacks_aftercare)
		assert_false(list_has(r.aftercare, r.n_aftercare,
				      x->lacks_aftercare));
	if (x->has_rule != -1) {
		bool found = false;

		for (size_t i = 0; i < r.n_reasons; i++)
			found |= r.reasons[i].rule == (enum rule)x->has_rule;
		assert_true(found);
	}
}

static void test_rule_table(void **state)
{
	(void)state;
	assert_int_equal(sizeof cases / sizeof *cases,
			 sizeof expects / sizeof *expects);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		/* Rows are paired by name so that a reordering is caught. */
		assert_string_equal(cases[i].name, expects[i].name);
		print_message("rule case: %s\n", cases[i].name);
		run_case(&cases[i], &expects[i]);
	}
}

/* Every reason carries a text and a guide section. */
static void test_reasons_have_sources(void **state)
{
	struct intake in;
	struct result r;

	(void)state;
	intake_init(&in);
	in.area = AREA_ACHILLES;
	in.symptoms = S(TENDON_FLARE) | S(NIGHT_PAIN);
	engine_triage(kb, &in, &r);
	assert_true(r.n_reasons >= 1);
	for (size_t i = 0; i < r.n_reasons; i++) {
		assert_non_null(r.reasons[i].item->text);
		assert_non_null(r.reasons[i].item->source);
		assert_non_null(strstr(r.reasons[i].item->json, "\"source\""));
	}
	assert_non_null(r.referral);
	assert_int_equal(r.n_targets, 0);
	assert_int_equal(r.n_aftercare, 0);
	/* Get assessed first, then what to do while waiting. */
	assert_true(r.n_do_next >= 2);
	assert_string_equal(r.do_next[0]->id, "get_assessed");
	assert_false(r.has_condition);
	assert_null(r.goal_item);
	assert_int_equal(r.unanswered, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_reasons_have_sources),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
