/*
 * test_history.c - the journal's history rules, each with dated journals
 * and a fixed "as of" day.
 *
 * A journal is written as lines of the tiny language of journal_lang.h,
 * one entry a line ("2026-11-03 pain heel rest=2 +tight -limp_after"), so
 * each table row shows the history it judges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "engine/history.h"

#include "journal_lang.h"

static struct kb *kb;

static int setup(void **state)
{
	(void)state;
	kb = kb_load_builtin(NULL);
	return kb != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	kb_free(kb);
	return 0;
}

static void load(struct history *h, struct journal_entry *buf,
		 const char *const *lines, const char *as_of, enum area area)
{
	h->entries = buf;
	h->n = journal_lang_build(lines, buf);
	h->as_of = day_of(as_of);
	h->area = area;
	h->kb = kb;
}

/* ---- Daily pain and trend ---- */

static void test_daily_pain(void **state)
{
	static const char *const j[] = {
		"2026-11-01 pain heel rest=2 run=5 morning=3",
		"2026-11-01 pain heel rest=6",
		"2026-11-01 pain knee rest=9",
		"2026-11-02 pain heel +tight",
		"2026-11-05 pain heel morning=8",
		NULL,
	};
	struct journal_entry buf[MAX_LINES];
	struct history h;

	(void)state;
	load(&h, buf, j, "2026-11-04", AREA_HEEL);
	/* The worst score of the day, across entries; other areas, days
	 * without a score and days after as_of do not count. */
	assert_int_equal(history_daily_pain(&h, day_of("2026-11-01")), 6);
	assert_int_equal(history_daily_pain(&h, day_of("2026-11-02")), -1);
	assert_int_equal(history_daily_pain(&h, day_of("2026-11-03")), -1);
	assert_int_equal(history_daily_pain(&h, day_of("2026-11-05")), -1);
	h.as_of = day_of("2026-11-05");
	assert_int_equal(history_daily_pain(&h, day_of("2026-11-05")), 8);
}

static void test_trend(void **state)
{
	static const struct {
		const char *name;
		const char *journal[MAX_LINES];
		const char *as_of;
		enum trend trend;
		bool enough;
		double last, this;
	} cases[] = {
		{ "worse by 1.5 points",
		  { "2026-11-01 pain knee rest=2", "2026-11-04 pain knee run=2",
		    "2026-11-09 pain knee rest=4", "2026-11-12 pain knee run=3",
		    NULL },
		  "2026-11-14", TREND_WORSE, true, 2.0, 3.5 },
		{ "worse by exactly one point",
		  { "2026-11-01 pain knee rest=2", "2026-11-04 pain knee run=2",
		    "2026-11-09 pain knee rest=3", "2026-11-12 pain knee run=3",
		    NULL },
		  "2026-11-14", TREND_WORSE, true, 2.0, 3.0 },
		{ "half a point is the same",
		  { "2026-11-01 pain knee rest=2", "2026-11-04 pain knee run=3",
		    "2026-11-09 pain knee rest=3", "2026-11-12 pain knee run=3",
		    NULL },
		  "2026-11-14", TREND_SAME, true, 2.5, 3.0 },
		{ "better by two points",
		  { "2026-11-01 pain knee rest=5", "2026-11-04 pain knee run=5",
		    "2026-11-09 pain knee rest=3", "2026-11-12 pain knee run=3",
		    NULL },
		  "2026-11-14", TREND_BETTER, true, 5.0, 3.0 },
		{ "one day last week is not enough",
		  { "2026-11-04 pain knee run=1", "2026-11-09 pain knee rest=8",
		    "2026-11-12 pain knee run=8", NULL },
		  "2026-11-14", TREND_SAME, false, 1.0, 8.0 },
		{ "later entries and other areas are ignored",
		  { "2026-11-01 pain knee rest=2", "2026-11-04 pain knee run=2",
		    "2026-11-09 pain knee rest=2", "2026-11-12 pain knee run=2",
		    "2026-11-12 pain hip run=9", "2026-11-15 pain knee run=9",
		    NULL },
		  "2026-11-14", TREND_SAME, true, 2.0, 2.0 },
		{ "the weeks end on as_of",
		  { "2026-11-01 pain knee rest=2", "2026-11-07 pain knee run=2",
		    "2026-11-08 pain knee rest=9", "2026-11-14 pain knee run=9",
		    NULL },
		  "2026-11-14", TREND_WORSE, true, 2.0, 9.0 },
	};
	struct journal_entry buf[MAX_LINES];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct history h;
		struct history_trend t;

		load(&h, buf, cases[i].journal, cases[i].as_of, AREA_KNEE);
		history_trend(&h, &t);
		if (t.trend != cases[i].trend || t.enough != cases[i].enough ||
		    t.last_week.mean != cases[i].last ||
		    t.this_week.mean != cases[i].this)
			fail_msg("%s: %s enough=%d %.2f -> %.2f", cases[i].name,
				 trend_name(t.trend), t.enough,
				 t.last_week.mean, t.this_week.mean);
		assert_int_equal(t.this_week.to, h.as_of);
		assert_int_equal(t.this_week.from, h.as_of - 6);
		assert_int_equal(t.last_week.to, h.as_of - 7);
	}
}

/* ---- Return-to-run rules ---- */

static void test_run_rules(void **state)
{
	enum { M = RULE_STATE_MET, N = RULE_STATE_NOT_MET, U = RULE_STATE_UNKNOWN };
	static const struct {
		const char *name;
		const char *journal[MAX_LINES];
		int want[RUN_RULE_CHECK_COUNT];
		const char *evidence;	/* in one of the rules */
	} cases[] = {
		{ "empty journal: all unknown", { NULL }, { U, U, U, U, U },
		  "no pain score during a run" },
		{ "all five met",
		  { "2026-11-01 pain achilles rest=1 run=2 morning=1",
		    "2026-11-03 pain achilles run=2 morning=1",
		    "2026-11-08 run km=5", "2026-11-07 pain achilles morning=1",
		    "2026-11-09 pain achilles run=2 morning=1",
		    "2026-11-12 pain achilles run=3 morning=1 -stride_change "
		    "-limp_after", NULL },
		  { M, M, M, M, M },
		  "morning pain 1/10 on 2026-11-09 after the run of 2026-11-08" },
		{ "run pain 4 is too much",
		  { "2026-11-12 pain achilles run=4", NULL },
		  { N, U, U, U, U }, "pain while running 4/10 on 2026-11-12" },
		{ "an old run score is not used",
		  { "2026-11-01 pain achilles run=2", NULL },
		  { U, U, U, U, U }, "no pain score during a run in the last 7" },
		{ "stride change and limp reported",
		  { "2026-11-13 pain achilles run=2 +stride_change +limp_after",
		    NULL },
		  { M, N, U, N, U }, "a limp after running reported on 2026-11-13" },
		{ "only the latest day's answers count; silence is not a no",
		  { "2026-11-10 pain achilles run=2 +stride_change",
		    "2026-11-12 pain achilles run=2", NULL },
		  { M, U, U, U, U }, "not asked in the entry of 2026-11-12" },
		{ "answers of no meet the rules",
		  { "2026-11-12 pain achilles run=2 -stride_change "
		    "-worse_next_morning -limp_after", NULL },
		  { M, M, M, M, U }, "no limp, as answered on 2026-11-12" },
		{ "a yes and a no on the same day: the yes counts",
		  { "2026-11-12 pain achilles run=2 -limp_after",
		    "2026-11-12 pain achilles +limp_after", NULL },
		  { M, U, U, N, U }, "a limp after running reported" },
		{ "next morning worse by the scores",
		  { "2026-11-10 pain achilles morning=2", "2026-11-11 run km=8",
		    "2026-11-12 pain achilles morning=4 run=2", NULL },
		  { M, U, N, U, U },
		  "morning pain 4/10 on 2026-11-12 after the run of 2026-11-11, against 2/10" },
		{ "next morning worse as reported",
		  { "2026-11-12 pain achilles run=1 +worse_next_morning", NULL },
		  { M, U, N, U, U }, "a worse next morning reported" },
		{ "deteriorating over the fortnight",
		  { "2026-11-01 pain achilles rest=1",
		    "2026-11-03 pain achilles rest=1",
		    "2026-11-10 pain achilles rest=3",
		    "2026-11-12 pain achilles rest=3 run=3", NULL },
		  { M, U, U, U, N }, "mean daily pain 3.0/10 this week against 1.0/10" },
	};
	struct journal_entry buf[MAX_LINES];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct history h;
		struct history_rule r[RUN_RULE_CHECK_COUNT];
		bool found = false;

		load(&h, buf, cases[i].journal, "2026-11-14", AREA_ACHILLES);
		history_run_rules(&h, r);
		for (int k = 0; k < RUN_RULE_CHECK_COUNT; k++) {
			if ((int)r[k].state != cases[i].want[k])
				fail_msg("%s: rule %s is %s (%s)", cases[i].name,
					 run_rule_name(r[k].rule),
					 history_rule_state_name(r[k].state),
					 r[k].evidence);
			assert_int_equal(r[k].rule, k);
			assert_non_null(strstr(r[k].source, "Safe to Run"));
			assert_true(r[k].evidence[0] != '\0');
			if (strstr(r[k].evidence, cases[i].evidence))
				found = true;
		}
		if (!found)
			fail_msg("%s: no evidence \"%s\"", cases[i].name,
				 cases[i].evidence);
	}
}

/* ---- The intake the journal implies ---- */

static void test_intake_from_journal(void **state)
{
	static const char *const j[] = {
		"2026-10-20 pain shin rest=1 +night_pain",
		"2026-11-02 pain shin rest=2 +focal_shin_pain",
		"2026-11-06 pain shin rest=5 morning=2 +tight",
		"2026-11-09 massage p=7 flare=36",
		"2026-11-10 pain shin run=4 morning=3 +load_pattern",
		"2026-11-10 pain shin +improves_with_warmup",
		"2026-11-11 run km=6",
		"2026-11-12 pain shin morning=6",
		"2026-11-12 pain knee rest=9 +sudden_injury",
		NULL,
	};
	struct journal_entry buf[MAX_LINES];
	struct history h;
	struct intake in;
	enum area a;

	(void)state;
	load(&h, buf, j, "2026-11-12", AREA_SHIN);
	assert_true(history_latest_area(buf, h.n, h.as_of, &a));
	assert_int_equal(a, AREA_KNEE);
	assert_true(history_latest_area(buf, h.n, day_of("2026-11-11"), &a));
	assert_int_equal(a, AREA_SHIN);
	assert_false(history_latest_area(buf, h.n, day_of("2026-10-01"), &a));

	assert_true(history_intake(&h, &in));
	assert_int_equal(in.area, AREA_SHIN);
	/* Each score: the latest in the last seven days. */
	assert_int_equal(in.pain_rest, 5);
	assert_int_equal(in.pain_run, 4);
	assert_int_equal(in.pain_morning, 6);
	/* Symptoms of the latest day (none on 11-12), every warning sign
	 * logged since, in any area, however long ago (none was assessed),
	 * and the worse morning after the run of 11-11 (3 -> 6). The rest
	 * pains of 5 on the shin and 9 on the knee are carried as warning
	 * signs too. */
	assert_int_equal(in.symptoms,
			 SYMPTOM_BIT(SYM_NIGHT_PAIN) |
				 SYMPTOM_BIT(SYM_FOCAL_SHIN_PAIN) |
				 SYMPTOM_BIT(SYM_SUDDEN_INJURY) |
				 SYMPTOM_BIT(SYM_WORSE_NEXT_MORNING));
	assert_int_equal(in.carried_flags, 1u << FLAG_REST_PAIN);
	assert_int_equal(in.denied, 0);
	/* Too few scored days in the last week before: no trend given. */
	assert_false(in.has_trend);
	assert_true(in.has_last_massage);
	assert_int_equal(in.last_pressure, 7);
	assert_true(in.flare_hours == 36);
	assert_false(in.bruised_or_limping);
	assert_int_equal(in.goal, GOAL_RELIEF);

	/* A day earlier: the latest day is 11-10 with its two entries. */
	h.as_of = day_of("2026-11-10");
	assert_true(history_intake(&h, &in));
	assert_int_equal(in.symptoms,
			 SYMPTOM_BIT(SYM_NIGHT_PAIN) |
				 SYMPTOM_BIT(SYM_FOCAL_SHIN_PAIN) |
				 SYMPTOM_BIT(SYM_LOAD_PATTERN) |
				 SYMPTOM_BIT(SYM_IMPROVES_WITH_WARMUP));
	h.area = AREA_HIP;
	assert_false(history_intake(&h, &in));
	assert_int_equal(in.pain_rest, PAIN_UNSET);
}

/* ---- Next massage ---- */

static void test_next_massage(void **state)
{
	static const struct {
		const char *name;
		const char *journal[MAX_LINES];
		enum decision decision;
		int base_min, base_max;
		const char *plan_from, *plan_to;	/* NULL: no plan */
		bool too_much;
		int min, max;
		enum history_plan plan;
		const char *due_from, *due_to;
		unsigned ask;
		const char *why;
	} cases[] = {
		{ "flare over 24 h: two points lighter, a block after it",
		  { "2026-11-05 massage p=6 flare=30", NULL },
		  DECISION_MASSAGE_OK, 5, 7, NULL, NULL, true, 4, 4,
		  HISTORY_PLAN_INJURY_BLOCK, "2026-11-14", "2026-11-19", 0,
		  "2 points less" },
		{ "a flare of exactly 24 h is fine, but no deeper",
		  { "2026-11-05 massage p=6 flare=24", NULL },
		  DECISION_MASSAGE_OK, 5, 7, NULL, NULL, false, 5, 6,
		  HISTORY_PLAN_MAINTENANCE, "2026-11-26", "2026-12-17", 0,
		  "three to six weeks" },
		{ "bruised and limping after, at 2/10: never below 1",
		  { "2026-11-05 massage p=2 felt=bruised_or_limping", NULL },
		  DECISION_WITH_LOAD_CHANGE, 2, 4, NULL, NULL, true, 1, 1,
		  HISTORY_PLAN_INJURY_BLOCK, "2026-11-14", "2026-11-19", 0,
		  "was too much" },
		{ "too much without a pressure: lighter, range kept",
		  { "2026-11-05 massage bruised", NULL },
		  DECISION_MASSAGE_OK, 5, 7, NULL, NULL, true, 5, 7,
		  HISTORY_PLAN_INJURY_BLOCK, "2026-11-14", "2026-11-19", 0,
		  "lighter pressure" },
		{ "while the plan runs: an injury block",
		  { "2026-11-05 massage p=4 felt=lighter_smoother "
		    "yes=symptoms_checked no=beyond_painful_spot "
		    "no=aftercare_given", NULL },
		  DECISION_WITH_LOAD_CHANGE, 2, 4, "2026-11-03", "2026-11-16",
		  false, 2, 4, HISTORY_PLAN_INJURY_BLOCK, "2026-11-14",
		  "2026-11-19",
		  JOURNAL_MARK_BIT(MARK_BEYOND_PAINFUL_SPOT) |
			  JOURNAL_MARK_BIT(MARK_AFTERCARE_GIVEN),
		  "ends by 2026-12-14" },
		{ "a plan that has ended: maintenance, no deeper",
		  { "2026-11-05 massage p=5", NULL },
		  DECISION_MASSAGE_OK, 5, 7, "2026-10-20", "2026-11-02", false,
		  5, 5, HISTORY_PLAN_MAINTENANCE, "2026-11-26", "2026-12-17", 0,
		  "three to six weeks" },
		{ "felt lighter with no flare: one point deeper",
		  { "2026-11-05 massage p=5 felt=lighter_smoother", NULL },
		  DECISION_MASSAGE_OK, 5, 7, NULL, NULL, false, 5, 6,
		  HISTORY_PLAN_MAINTENANCE, "2026-11-26", "2026-12-17", 0,
		  "one point deeper" },
		{ "felt no change: no deeper",
		  { "2026-11-05 massage p=5 felt=no_change", NULL },
		  DECISION_MASSAGE_OK, 5, 7, NULL, NULL, false, 5, 5,
		  HISTORY_PLAN_MAINTENANCE, "2026-11-26", "2026-12-17", 0,
		  "three to six weeks" },
		{ "a flare two months ago: the block is over",
		  { "2026-09-01 massage p=6 flare=48", NULL },
		  DECISION_MASSAGE_OK, 5, 7, NULL, NULL, true, 4, 4,
		  HISTORY_PLAN_MAINTENANCE, "2026-11-14", "2026-11-14", 0,
		  "2 points less" },
		{ "no massage yet: due now",
		  { "2026-11-10 pain heel rest=1", NULL },
		  DECISION_MASSAGE_OK, 5, 7, NULL, NULL, false, 5, 7,
		  HISTORY_PLAN_MAINTENANCE, "2026-11-14", "2026-12-05", 0,
		  "three to six weeks" },
		{ "a massage after as_of is not seen",
		  { "2026-11-20 massage p=9 flare=50", NULL },
		  DECISION_MASSAGE_OK, 5, 7, NULL, NULL, false, 5, 7,
		  HISTORY_PLAN_MAINTENANCE, "2026-11-14", "2026-12-05", 0,
		  "three to six weeks" },
		{ "assess first: no massage planned",
		  { "2026-11-05 massage p=6 flare=30", NULL },
		  DECISION_ASSESS_FIRST, 0, 0, NULL, NULL, true, 0, 0,
		  HISTORY_PLAN_NONE, NULL, NULL, 0, "assessed" },
	};
	struct journal_entry buf[MAX_LINES];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct history h;
		struct history_next_massage nm;
		char a[DATE_BUF], b[DATE_BUF];

		load(&h, buf, cases[i].journal, "2026-11-14", AREA_HEEL);
		history_next_massage(&h, cases[i].decision, cases[i].base_min,
				     cases[i].base_max,
				     cases[i].plan_from ? day_of(cases[i].plan_from)
							: DATE_NONE,
				     cases[i].plan_to ? day_of(cases[i].plan_to)
						      : DATE_NONE,
				     &nm);
		date_format(nm.due_from, a);
		date_format(nm.due_to, b);
		if (nm.too_much != cases[i].too_much ||
		    nm.plan != cases[i].plan || nm.ask != cases[i].ask ||
		    strcmp(a, cases[i].due_from ? cases[i].due_from : "") ||
		    strcmp(b, cases[i].due_to ? cases[i].due_to : "") ||
		    strstr(nm.why, cases[i].why) == NULL)
			fail_msg("%s: too_much=%d plan=%s due %s..%s ask=%x: %s",
				 cases[i].name, nm.too_much,
				 history_plan_name(nm.plan), a, b, nm.ask,
				 nm.why);
		assert_int_equal(nm.has_pressure,
				 cases[i].decision != DECISION_ASSESS_FIRST);
		if (nm.has_pressure) {
			if (nm.pressure_min != cases[i].min ||
			    nm.pressure_max != cases[i].max)
				fail_msg("%s: pressure %d-%d", cases[i].name,
					 nm.pressure_min, nm.pressure_max);
		}
		/* The block is stated: six weeks at most from its start. */
		if (nm.plan == HISTORY_PLAN_INJURY_BLOCK)
			assert_int_equal(nm.block_to - nm.block_from + 1,
					 HISTORY_INJURY_BLOCK_DAYS);
		else
			assert_int_equal(nm.block_from, DATE_NONE);
	}
}

/* ---- Adherence to the do-next plan ---- */

static void test_adherence(void **state)
{
	enum { M = RULE_STATE_MET, N = RULE_STATE_NOT_MET, U = RULE_STATE_UNKNOWN };
	static const struct {
		const char *name;
		const char *journal[MAX_LINES];
		const char *plan;
		int days;
		const char *start;
		int state, runs, breaking;
		const char *evidence;
	} cases[] = {
		{ "hilly run during reduce_hills",
		  { "2026-11-05 run km=10 climb=50", "2026-11-08 run km=8 climb=120",
		    "2026-11-09 run km=8", NULL },
		  "reduce_hills", 14, "2026-11-03", N, 3, 1,
		  "1 of 2 runs climbed more than 10 m per km, the latest on 2026-11-08" },
		{ "flat runs keep the plan",
		  { "2026-11-01 run km=10 climb=300", "2026-11-05 run km=10 climb=100",
		    NULL },
		  "flat_easy_runs", 10, "2026-11-03", M, 1, 0,
		  "all 1 runs stayed under 10 m" },
		{ "runs without climb cannot tell",
		  { "2026-11-05 run km=10", NULL },
		  "reduce_hills", 14, "2026-11-03", U, 1, 0, "no run with distance and climb" },
		{ "the window ends with the plan",
		  { "2026-11-13 run km=10 climb=500", NULL },
		  "reduce_hills", 10, "2026-11-03", U, 0, 0, "no run with distance" },
		{ "faster than usual during reduce_speed",
		  { "2026-10-10 run km=10 min=60", "2026-10-20 run km=10 min=50",
		    "2026-10-25 run km=10 min=55", "2026-11-05 run km=10 min=45",
		    "2026-11-06 run km=10 min=60", NULL },
		  "reduce_speed", 14, "2026-11-03", N, 2, 1,
		  "1 of 2 runs were faster than the usual 5:30 per km" },
		{ "no earlier runs: speed unknown",
		  { "2026-11-05 run km=10 min=45", NULL },
		  "reduce_speed", 14, "2026-11-03", U, 0, 0, "no timed runs in the 28 days" },
		{ "the load spike is the load module's to judge",
		  { "2026-10-10 run km=10", "2026-11-12 run km=10", NULL },
		  "reduce_load_spike", 0, "2026-11-03", U, 0, 0,
		  "does not record" },
		{ "strength work is not logged",
		  { "2026-11-05 run km=10 climb=0", NULL },
		  "calf_raises", 0, "2026-11-03", U, 0, 0, "does not record" },
		{ "a plan that starts later",
		  { NULL }, "reduce_hills", 14, "2026-11-20", U, 0, 0,
		  "has not started" },
	};
	struct journal_entry buf[MAX_LINES];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct history h;
		struct history_adherence a;

		load(&h, buf, cases[i].journal, "2026-11-14", AREA_HEEL);
		history_adherence(&h, cases[i].plan, cases[i].days,
				  cases[i].days, day_of(cases[i].start), &a);
		if ((int)a.state != cases[i].state || a.runs != cases[i].runs ||
		    a.runs_breaking != cases[i].breaking ||
		    strstr(a.evidence, cases[i].evidence) == NULL)
			fail_msg("%s: %s runs=%d breaking=%d: %s", cases[i].name,
				 history_rule_state_name(a.state), a.runs,
				 a.runs_breaking, a.evidence);
		assert_string_equal(a.plan_id, cases[i].plan);
	}
}

static void test_names(void **state)
{
	(void)state;
	for (int p = 0; p < HISTORY_PLAN__COUNT; p++)
		assert_string_not_equal(history_plan_name((enum history_plan)p),
					"?");
	assert_string_equal(history_plan_name(HISTORY_PLAN_INJURY_BLOCK),
			    "injury_block");
	assert_string_equal(history_rule_state_name(RULE_STATE_NOT_MET),
			    "not_met");
	for (int k = 0; k < JOURNAL_KIND__COUNT; k++) {
		enum journal_kind back;
		const char *n = journal_kind_name((enum journal_kind)k);
		assert_int_equal(journal_kind_parse(n, strlen(n), &back), 0);
		assert_int_equal(back, k);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_daily_pain),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_run_rules),
		cmocka_unit_test(test_intake_from_journal),
		cmocka_unit_test(test_next_massage),
		cmocka_unit_test(test_adherence),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
