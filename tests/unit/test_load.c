/*
 * test_load.c - the load maths on small journals with figures worked out
 * by hand (see docs/load.md for the formulas).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "engine/load.h"

#define AS_OF 20000	/* a day number; weekdays do not matter */
#define MAXR 400

struct journal {
	struct load_run runs[MAXR];
	size_t n;
};

static void add(struct journal *j, int days_ago, double km, double min_per_km,
		double climb)
{
	struct load_run *r = &j->runs[j->n++];
	r->day = AS_OF - days_ago;
	r->distance_m = km * 1000;
	r->moving_s = km * min_per_km * 60;
	r->climb_m = climb;
}

static void compute(const struct journal *j, int weeks,
		    const struct load_plan *plans, size_t n_plans,
		    struct load_report *r)
{
	struct load_input in = { j->runs, j->n, plans, n_plans, AS_OF, weeks };
	assert_int_equal(load_compute(&in, r), 0);
}

static bool has_warning(const struct load_report *r, enum load_warning_kind k)
{
	for (int i = 0; i < r->n_warnings; i++)
		if (r->warnings[i].kind == k)
			return true;
	return false;
}

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void test_steady(void **state)
{
	static struct journal j;
	struct load_report r;

	(void)state;
	j.n = 0;
	for (int d = 0; d < 200; d++)
		add(&j, d, 5, 6, 20);
	compute(&j, 4, NULL, 0, &r);
	NEAR(r.acute_km, 35, 1e-9);
	NEAR(r.chronic_km, 35, 1e-9);
	NEAR(r.acwr_rolling, 1, 1e-9);
	NEAR(r.acwr_ewma, 1, 1e-3);
	NEAR(r.weeks[0].distance_m, 35000, 1e-6);
	NEAR(r.weeks[0].change, 0, 1e-9);
	/* SD is zero: the cap, as Runalyze gives. */
	NEAR(r.weeks[0].monotony, LOAD_MONOTONY_MAX, 1e-12);
	NEAR(r.weeks[0].strain, 35 * LOAD_MONOTONY_MAX, 1e-9);
	assert_true(r.weeks[0].covered && r.weeks[3].covered);
	assert_int_equal(r.chronic_days, 28);
	NEAR(r.weeks[0].hilliness, 4, 1e-9);
	NEAR(r.weeks[0].pace_s_per_km, 360, 1e-9);
	NEAR(r.weeks[0].intensity, 1, 1e-9);
	NEAR(r.median_pace_s_per_km, 360, 1e-9);
	assert_int_equal(r.weeks[0].runs, 7);
	assert_int_equal(r.n_warnings, 0);
}

/* Foster: monotony = mean / SD of the 7 daily loads, rest days as 0. */
static void test_monotony(void **state)
{
	static struct journal j;
	struct load_report r;
	(void)state;
	j.n = 0;
	add(&j, 6, 5, 6, 0);
	add(&j, 4, 5, 6, 0);
	add(&j, 2, 5, 6, 0);
	add(&j, 0, 10, 6, 0);
	compute(&j, 1, NULL, 0, &r);
	double mean = 25.0 / 7, sd = sqrt(175.0 / 7 - mean * mean);
	NEAR(r.weeks[0].monotony, mean / sd, 1e-9);
	NEAR(r.weeks[0].strain, 25 * mean / sd, 1e-9);
	/* The journal began 7 days ago: the usual week is those 7 days. */
	assert_int_equal(r.chronic_days, 7);
	NEAR(r.chronic_km, 25, 1e-9);
	NEAR(r.acwr_rolling, 1, 1e-9);
}

/* Sixty daily runs of the same length: an SD of 0 takes the cap, and so
 * does an SD of a metre, where mean / SD would be in the thousands. */
static void test_monotony_daily(void **state)
{
	static struct journal j;
	struct load_report r;

	(void)state;
	j.n = 0;
	for (int d = 0; d < 60; d++)
		add(&j, d, 8, 6, 0);
	compute(&j, 4, NULL, 0, &r);
	for (int w = 0; w < 4; w++) {
		NEAR(r.weeks[w].monotony, 10, 1e-12);
		NEAR(r.weeks[w].strain, 560, 1e-9);
	}
	j.n = 0;
	for (int d = 0; d < 60; d++)
		add(&j, d, d % 2 ? 8.001 : 8, 6, 0);
	compute(&j, 1, NULL, 0, &r);
	NEAR(r.weeks[0].monotony, 10, 1e-12);
	/* 4 days of 8 km and 3 of 8.001 km: 56.003 km x 10. */
	NEAR(r.weeks[0].strain, 560.03, 1e-6);
	/* Below the cap the ratio stands: six days of 2 +- 0.25 km and one
	 * of 2 km, mean 2, SD 0.25 * sqrt(6/7), monotony about 8.6. */
	j.n = 0;
	add(&j, 30, 1, 6, 0);	/* the journal covers the week */
	for (int d = 0; d < 6; d++)
		add(&j, d, d % 2 ? 2.25 : 1.75, 6, 0);
	add(&j, 6, 2, 6, 0);
	compute(&j, 1, NULL, 0, &r);
	NEAR(r.weeks[0].monotony, 2 / (0.25 * sqrt(6.0 / 7)), 1e-9);
}

/* A rest week inside the journal: monotony and strain 0, the week down
 * 100%; a week before the first run is not a rest week but unknown. */
static void test_rest_week(void **state)
{
	static struct journal j;
	struct load_report r;

	(void)state;
	j.n = 0;
	for (int d = 7; d < 21; d++)
		add(&j, d, 5, 6, 0);
	compute(&j, 4, NULL, 0, &r);
	assert_true(r.weeks[0].covered);
	NEAR(r.weeks[0].monotony, 0, 1e-12);
	NEAR(r.weeks[0].strain, 0, 1e-12);
	NEAR(r.weeks[0].change, -1, 1e-12);
	NEAR(r.weeks[1].monotony, 10, 1e-12);
	/* Week 2 (20..14 days ago) is covered, week 3 is not. */
	assert_true(r.weeks[2].covered);
	assert_false(r.weeks[3].covered);
	assert_true(isnan(r.weeks[3].monotony) && isnan(r.weeks[3].strain));
	assert_true(isnan(r.weeks[2].change));	/* week 3 not comparable */
	assert_true(isnan(r.weeks[3].change));
	NEAR(r.weeks[1].change, 0, 1e-12);
}

/* EWMA after a single run today: lambda_a * x over lambda_c * x. */
static void test_ewma(void **state)
{
	static struct journal j;
	struct load_report r;
	(void)state;
	j.n = 0;
	add(&j, 0, 8, 6, 0);
	compute(&j, 1, NULL, 0, &r);
	NEAR(r.ewma_acute, 0.25 * 8, 1e-12);
	NEAR(r.ewma_chronic, 2.0 / 29 * 8, 1e-12);
	NEAR(r.acwr_ewma, 0.25 / (2.0 / 29), 1e-9);
	/* The same run 3 days ago has decayed: (1 - lambda)^3. */
	j.n = 0;
	add(&j, 3, 8, 6, 0);
	compute(&j, 1, NULL, 0, &r);
	NEAR(r.ewma_acute, 2 * pow(0.75, 3), 1e-12);
}

static const struct {
	const char *name;
	double weeks_km[5];	/* oldest .. this week, one run per week */
	bool spike;
} spike_cases[] = {
	{ "steady", { 20, 20, 20, 20, 20 }, false },
	{ "ratio above 1.5", { 20, 20, 20, 20, 40 }, true },
	{ "rise of 40% week on week", { 10, 10, 10, 10, 14 }, true },
	{ "rise of 20%", { 10, 10, 10, 10, 12 }, false },
	{ "tiny weeks", { 1, 1, 1, 1, 3 }, false },
	{ "a lighter week", { 20, 20, 20, 20, 10 }, false },
};

static void test_spike(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(spike_cases) / sizeof(spike_cases[0]); c++) {
		static struct journal j;
		struct load_report r;
		j.n = 0;
		for (int w = 0; w < 5; w++)
			add(&j, 7 * (4 - w) + 1, spike_cases[c].weeks_km[w], 6, 0);
		compute(&j, 2, NULL, 0, &r);
		if (has_warning(&r, LOAD_WARN_SPIKE) != spike_cases[c].spike)
			fail_msg("%s: spike %d", spike_cases[c].name,
				 !spike_cases[c].spike);
	}
}

static const struct {
	const char *name;
	double km0, pace0, climb0;	/* last week's run */
	double km1, pace1, climb1;	/* this week's run */
	bool warn;
	const char *words;
} raise_cases[] = {
	{ "distance only", 10, 6, 50, 11.5, 6, 57.5, false, NULL },
	{ "distance and speed", 10, 6, 50, 11.5, 5.5, 57.5, true,
	  "distance and speed" },
	{ "speed and hills", 10, 6, 50, 10, 5.5, 150, true, "speed and hills" },
	{ "all three", 10, 6, 50, 12, 5.5, 200, true,
	  "distance, speed and hills" },
	{ "hills up by less than 2 m/km", 10, 6, 10, 10.5, 5.5, 30, false, NULL },
};

static void test_several_raised(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(raise_cases) / sizeof(raise_cases[0]); c++) {
		static struct journal j;
		struct load_report r;
		j.n = 0;
		add(&j, 20, 5, 6, 0);	/* history reaching back past last week */
		add(&j, 8, raise_cases[c].km0, raise_cases[c].pace0,
		    raise_cases[c].climb0);
		add(&j, 1, raise_cases[c].km1, raise_cases[c].pace1,
		    raise_cases[c].climb1);
		compute(&j, 2, NULL, 0, &r);
		bool got = has_warning(&r, LOAD_WARN_SEVERAL_RAISED);
		if (got != raise_cases[c].warn)
			fail_msg("%s: warning %d", raise_cases[c].name, got);
		for (int i = 0; got && i < r.n_warnings; i++) {
			const struct load_warning *w = &r.warnings[i];

			if (w->kind != LOAD_WARN_SEVERAL_RAISED)
				continue;
			if (strstr(w->text, raise_cases[c].words) == NULL)
				fail_msg("%s: %s", raise_cases[c].name, w->text);
			/* about climb exactly when hills are among them */
			if (w->climb != (strstr(raise_cases[c].words, "hills")
					 != NULL))
				fail_msg("%s: climb %d", raise_cases[c].name,
					 w->climb);
		}
	}
}

static const struct {
	const char *plan;
	double km, pace, climb;
	bool breaks;
} plan_cases[] = {
	{ "reduce_hills", 10, 6, 150, true },
	{ "reduce_hills", 10, 6, 50, false },
	{ "reduce_hills", 10, 4, 50, false },	/* fast but flat: not hills */
	{ "flat_easy_runs", 10, 6, 150, true },
	{ "flat_easy_runs", 10, 5, 20, true },	/* hard pace */
	{ "flat_easy_runs", 10, 6, 20, false },
	{ "reduce_speed", 10, 5.5, 20, true },	/* 8% faster than 6:00 */
	{ "reduce_speed", 10, 5.8, 20, false },	/* 3% faster */
	{ "reduce_speed", 10, 6, 300, false },
	{ "calf_raises", 10, 4, 300, false },	/* not a load plan */
};

static void test_plan(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(plan_cases) / sizeof(plan_cases[0]); c++) {
		static struct journal j;
		struct load_report r;
		struct load_plan p = { plan_cases[c].plan, AS_OF - 5, AS_OF,
				       "a section", "Keep to the plan." };
		j.n = 0;
		for (int d = 10; d < 30; d += 2)	/* usual pace 6:00 */
			add(&j, d, 8, 6, 20);
		add(&j, 6, 10, 4, 300);		/* before the plan: ignored */
		add(&j, 2, plan_cases[c].km, plan_cases[c].pace,
		    plan_cases[c].climb);
		compute(&j, 1, &p, 1, &r);
		bool got = has_warning(&r, LOAD_WARN_BREAKS_PLAN);
		if (got != plan_cases[c].breaks)
			fail_msg("case %zu (%s): breaks %d", c, plan_cases[c].plan,
				 got);
		if (got) {
			const struct load_warning *w = &r.warnings[r.n_warnings - 1];
			assert_string_equal(w->source, "a section");
			assert_string_equal(w->plan_id, plan_cases[c].plan);
			/* about climb when the run broke it by climbing */
			assert_int_equal(w->climb, plan_cases[c].climb > 100);
			/* the person reads the plan's words, not its id */
			assert_non_null(strstr(w->text, "Keep to the plan."));
			assert_null(strstr(w->text, plan_cases[c].plan));
		}
	}
}

/* A journal younger than the windows: the usual week is the mean of the
 * days it covers and no spike is judged, nor a week-on-week rise from a
 * week it never saw. */
static void test_young_journal(void **state)
{
	static struct journal j;
	struct load_report r;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	/* First run 9 days ago, then 30 km this week: a ratio of about 3.7
	 * that only says the journal is new. */
	j.n = 0;
	add(&j, 9, 3, 6, 0);
	add(&j, 5, 10, 6, 0);
	add(&j, 3, 10, 6, 0);
	add(&j, 1, 10, 6, 0);
	compute(&j, 2, NULL, 0, &r);
	assert_int_equal(r.history_days, 10);
	assert_int_equal(r.chronic_days, 10);
	assert_non_null(strstr(r.history_note, "logged for 10 days only"));
	NEAR(r.chronic_km, 33 * 7 / 10.0, 1e-9);
	NEAR(r.acwr_rolling, 30 / (33 * 0.7), 1e-9);
	assert_false(has_warning(&r, LOAD_WARN_SPIKE));
	load_report_json(&r, &sb);
	assert_non_null(strstr(sb.buf, "\"history_days\":10,\"chronic_days\":10"));
	assert_non_null(strstr(sb.buf, "\"covered\":false"));
	strbuf_release(&sb);
	/* The same weeks with a run 27 days ago: 28 days of history. */
	add(&j, 27, 3, 6, 0);
	compute(&j, 2, NULL, 0, &r);
	assert_int_equal(r.history_days, 28);
	assert_string_equal(r.history_note, "");
	assert_true(has_warning(&r, LOAD_WARN_SPIKE));
	/* Week on week: last week's 5 km began the journal 10 days ago, so
	 * last week is not comparable and no change is shown. */
	j.n = 0;
	add(&j, 9, 5, 6, 0);
	add(&j, 1, 12, 6, 0);
	compute(&j, 2, NULL, 0, &r);
	assert_true(isnan(r.weeks[0].change));
	assert_false(has_warning(&r, LOAD_WARN_SPIKE));
	/* With a run 13 days ago both weeks are covered: the rise is shown,
	 * but with 14 days logged it is not judged a spike. */
	add(&j, 13, 1, 6, 0);
	compute(&j, 2, NULL, 0, &r);
	assert_int_equal(r.history_days, 14);
	NEAR(r.weeks[0].change, 12 / 6.0 - 1, 1e-12);
	assert_false(has_warning(&r, LOAD_WARN_SPIKE));
	assert_non_null(strstr(r.history_note, "no load spike is judged"));
	/* From 28 days on the same rise is a spike. */
	add(&j, 27, 1, 6, 0);
	compute(&j, 2, NULL, 0, &r);
	assert_string_equal(r.history_note, "");
	assert_true(has_warning(&r, LOAD_WARN_SPIKE));
	/* Distance does not count as raised in a young journal. */
	j.n = 0;
	add(&j, 8, 10, 6, 50);
	add(&j, 1, 11.5, 5.5, 57.5);
	compute(&j, 2, NULL, 0, &r);
	assert_false(has_warning(&r, LOAD_WARN_SEVERAL_RAISED));
}

/*
 * The newcomer of 16 days: 5 km on days 15, 13, 11 and 9 before today,
 * then 10 km on days 6, 4, 2 and today. The usual week is 60 km over 16
 * days, 26.25 km; this week is 40 km against last week's 15 (+167%); no
 * spike is judged, and the note says so without a warning under it.
 */
static void test_sixteen_days(void **state)
{
	static struct journal j;
	struct load_report r;

	(void)state;
	j.n = 0;
	for (int d = 15; d >= 9; d -= 2)
		add(&j, d, 5, 6, 0);
	for (int d = 6; d >= 0; d -= 2)
		add(&j, d, 10, 6, 0);
	compute(&j, 4, NULL, 0, &r);
	assert_int_equal(r.history_days, 16);
	assert_int_equal(r.chronic_days, 16);
	NEAR(r.acute_km, 40, 1e-9);
	NEAR(r.chronic_km, 26.25, 1e-9);
	NEAR(r.acwr_rolling, 40 / 26.25, 1e-9);
	NEAR(r.weeks[0].change, 40 / 15.0 - 1, 1e-12);
	assert_true(r.weeks[1].covered && !r.weeks[2].covered);
	assert_true(isnan(r.weeks[1].change));
	assert_int_equal(r.n_warnings, 0);
	assert_non_null(strstr(r.history_note, "logged for 16 days only"));
	assert_non_null(strstr(r.history_note, "mean of those days"));
}

/* A spike cites the runner's own condition; with none, the run rules. */
static void test_spike_source(void **state)
{
	static struct journal j;
	struct load_report r;
	struct load_input in = { j.runs, 0, NULL, 0, AS_OF, 2,
				 "Achilles Tendinopathy / Achilles Irritation" };

	(void)state;
	j.n = 0;
	for (int w = 1; w < 5; w++)
		add(&j, 7 * w + 1, 10, 6, 0);
	add(&j, 1, 30, 6, 0);
	in.n_runs = j.n;
	assert_int_equal(load_compute(&in, &r), 0);
	assert_int_equal(r.n_warnings, 1);
	assert_int_equal(r.warnings[0].kind, LOAD_WARN_SPIKE);
	assert_string_equal(r.warnings[0].source,
			    "Achilles Tendinopathy / Achilles Irritation");
	in.condition_source = NULL;
	assert_int_equal(load_compute(&in, &r), 0);
	assert_string_equal(r.warnings[0].source,
			    "When Is It Safe to Run Again? (Simple Pain Rules)");
}

static void test_edges(void **state)
{
	static struct journal j;
	struct load_report r;
	struct load_input in = { j.runs, 0, NULL, 0, AS_OF, 0 };
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_int_equal(load_compute(&in, &r), -1);
	in.weeks = LOAD_WEEKS_MAX + 1;
	assert_int_equal(load_compute(&in, &r), -1);
	/* Nothing logged: all zero, ratios undefined, no warnings. */
	j.n = 0;
	compute(&j, 3, NULL, 0, &r);
	assert_true(isnan(r.acwr_rolling) && isnan(r.acwr_ewma));
	assert_int_equal(r.n_warnings, 0);
	load_report_json(&r, &sb);
	assert_non_null(strstr(sb.buf, "\"acwr_rolling\":null"));
	assert_non_null(strstr(sb.buf, "\"weeks\":[{"));
	strbuf_release(&sb);
	/* A run after as_of and a bad run are ignored. */
	add(&j, -3, 10, 6, 0);
	add(&j, 1, NAN, 6, 0);
	compute(&j, 1, NULL, 0, &r);
	NEAR(r.acute_km, 0, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steady),
		cmocka_unit_test(test_monotony),
		cmocka_unit_test(test_monotony_daily),
		cmocka_unit_test(test_rest_week),
		cmocka_unit_test(test_ewma),
		cmocka_unit_test(test_spike),
		cmocka_unit_test(test_several_raised),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_young_journal),
		cmocka_unit_test(test_sixteen_days),
		cmocka_unit_test(test_spike_source),
		cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
