/*
 * load.h - what a person's running load is doing: daily and weekly
 * distance, time and climb; the acute:chronic workload ratio (rolling and
 * EWMA); week-on-week change; Foster's monotony and strain; hilliness;
 * intensity against the person's own recent pace; and warnings (a load
 * spike, several variables raised in one week, runs that break the current
 * do-next plan).
 *
 * Pure: the caller hands in the runs (from the journal or anywhere), the
 * day to judge "as of" and the plan items in force; nothing here touches a
 * database, a file or the clock. `runcare load` and `status` use it.
 * docs/load.md states every formula, constant and threshold with its
 * source and its limits.
 *
 * Weeks are rolling: week 0 is as_of-6..as_of, week 1 the seven days
 * before, and so on. The daily load is distance in km, rest days count as
 * zero.
 */
#ifndef RUNCARE_ENGINE_LOAD_H
#define RUNCARE_ENGINE_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

#define LOAD_ACUTE_DAYS 7
#define LOAD_CHRONIC_DAYS 28
#define LOAD_SPIKE_ACWR 1.5		/* rolling ratio above this */
#define LOAD_SPIKE_WOW 0.30		/* week-on-week rise above 30% */
#define LOAD_SPIKE_MIN_KM 5.0		/* ignore spikes of tiny weeks */
#define LOAD_RAISE_DISTANCE 0.10	/* distance raised: +10% on last week */
#define LOAD_RAISE_SPEED 0.03		/* speed raised: pace 3% faster */
#define LOAD_RAISE_HILLS 0.20		/* hills raised: +20% climb per km */
#define LOAD_RAISE_HILLS_MIN 2.0	/* ... and at least +2 m/km */
#define LOAD_HILLY_M_PER_KM 10.0	/* a hilly run (as history.h) */
#define LOAD_HARD_PACE 0.05		/* a hard run: 5% faster than median */
#define LOAD_MEDIAN_DAYS 28		/* "recent" for the median pace */
/* Monotony is capped here, as Runalyze does: a week of identical days
 * has a standard deviation of 0 and takes the cap, and a week of nearly
 * identical days cannot run away to hundreds. */
#define LOAD_MONOTONY_MAX 10.0
#define LOAD_WEEKS_MAX 104
#define LOAD_WARNINGS_MAX 32

/* One run as the load sees it; climb_m < 0 when unknown. */
struct load_run {
	int32_t day;
	double distance_m;
	double moving_s;
	double climb_m;
};

/* A do-next item in force over from..to (inclusive day numbers); id is
 * the kb's ("reduce_hills", "reduce_speed", "flat_easy_runs"; others are
 * ignored). Borrowed. */
struct load_plan {
	const char *id;
	int32_t from, to;
	const char *source;	/* the guide section behind the item */
	const char *text;	/* the item in the kb's words, or NULL */
};

struct load_input {
	const struct load_run *runs;	/* any order; borrowed */
	size_t n_runs;
	const struct load_plan *plans;
	size_t n_plans;
	int32_t as_of;
	int weeks;			/* 1..LOAD_WEEKS_MAX */
	/* The guide section of the runner's own condition, cited by the
	 * load spike warning; NULL (no complaint) cites the general run
	 * rules. Borrowed. */
	const char *condition_source;
};

/* Figures of one rolling week. NAN where undefined (no runs, no earlier
 * week, a week the journal does not cover...). covered: every day of the
 * week lies between the journal's first run and as_of, so its rest days
 * are known to be rest days. */
struct load_week {
	int32_t from, to;
	bool covered;
	int runs;
	double distance_m, moving_s, climb_m;
	double change;		/* distance vs the week before, as a fraction;
				 * only when both weeks are covered */
	double monotony;	/* mean daily km / SD of daily km, 0 for a
				 * rest week, at most LOAD_MONOTONY_MAX;
				 * only for a covered week */
	double strain;		/* weekly km x monotony */
	double hilliness;	/* climb m per km */
	double pace_s_per_km;	/* moving time per km */
	double intensity;	/* median pace of the 28 days before / pace */
};

#define LOAD_WARNING_LIST(X)                                                  \
	X(LOAD_WARN_SPIKE, "load_spike")                                      \
	X(LOAD_WARN_SEVERAL_RAISED, "several_raised")                         \
	X(LOAD_WARN_BREAKS_PLAN, "breaks_plan")
#define LOAD_ENUM_ITEM_(id, ...) id,
enum load_warning_kind { LOAD_WARNING_LIST(LOAD_ENUM_ITEM_) LOAD_WARN__COUNT };
const char *load_warning_name(enum load_warning_kind k);

struct load_warning {
	enum load_warning_kind kind;
	int32_t day;		/* the run's day, or the week's last day */
	const char *plan_id;	/* breaks_plan: the item (borrowed) */
	const char *source;	/* the guide section cited (static, or
				 * borrowed from the input) */
	char text[200];		/* one sentence in runcare's words */
	/* The warning is about climb: hills raised with something else,
	 * or a run that climbed against the plan (a page that draws the
	 * load shows the weekly climb next to it). */
	bool climb;
};

/* Everything computed. weeks[0] is the latest week. */
struct load_report {
	int32_t as_of;
	struct load_week weeks[LOAD_WEEKS_MAX];
	int n_weeks;
	double acute_km, chronic_km;	/* last 7 days; mean week of the
					 * chronic window */
	int chronic_days;		/* days that mean is taken over: the
					 * journal's, at most 28; 0: no run */
	double acwr_rolling;		/* acute / chronic week; NAN if 0 */
	double ewma_acute, ewma_chronic;/* km per day */
	double acwr_ewma;
	double median_pace_s_per_km;	/* 28 days before this week; NAN */
	int history_days;		/* first run to as_of; 0: no run */
	char history_note[200];		/* why no spike is judged yet (the
					 * journal is younger than the
					 * chronic window), or "" */
	struct load_warning warnings[LOAD_WARNINGS_MAX];
	int n_warnings;
};

/*
 * Compute the report for in into *out (every field set). Returns 0, or -1
 * when in->weeks is outside 1..LOAD_WEEKS_MAX. Runs after as_of are
 * ignored; a run with a negative or non-finite distance or time is
 * skipped.
 */
int load_compute(const struct load_input *in, struct load_report *out);

/* The daily load (km) of day in in->runs. */
double load_daily_km(const struct load_input *in, int32_t day);

/* Append the report as one JSON object (numbers rounded, NAN as null). */
void load_report_json(const struct load_report *r, struct strbuf *out);

#endif
