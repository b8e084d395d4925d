/*
 * history.h - the rules that read a person's journal over time: the trend
 * of pain week on week, the guide's five return-to-run rules with their
 * evidence, the pressure and timing of the next massage after feedback, and
 * whether the current do-next plan is being kept.
 *
 * Everything here is pure: the caller hands in the entries (plain
 * struct journal_entry values, from the store or anywhere else), the day to
 * judge "as of" and the area of the complaint; nothing touches a database,
 * a file or the clock. The CLI's `status` and the web pages both use it.
 * docs/journal.md states every rule and the guide section it comes from.
 */
#ifndef RUNCARE_ENGINE_HISTORY_H
#define RUNCARE_ENGINE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "engine/engine.h"
#include "engine/journal.h"

/* Thresholds of the rules (documented in docs/journal.md). */
#define HISTORY_TREND_MIN_DAYS 2	/* scored days needed in each week */
#define HISTORY_TREND_DELTA 1.0		/* change of weekly mean that counts */
#define HISTORY_RECENT_DAYS 7		/* how far back "latest" scores reach */
#define HISTORY_RED_FLAG_DAYS 14	/* a logged red flag holds this long */
#define HISTORY_HILLY_M_PER_KM 10.0	/* a run climbing more is hilly */

/*
 * What the rules read. entries may come in any order and may hold several
 * people's or areas' entries: pain entries of other areas are ignored, runs
 * and massages count whatever their area. Entries after as_of are ignored,
 * so a fixed as_of gives the same answer whatever was logged later.
 * Everything is borrowed for the duration of each call.
 */
struct history {
	const struct journal_entry *entries;
	size_t n;
	int32_t as_of;
	enum area area;
};

/*
 * The daily pain of day: the highest score (rest, run or morning) given on
 * that day for the area, or -1 when no score was logged.
 */
int history_daily_pain(const struct history *h, int32_t day);

/* Mean daily pain of the scored days in from..to (inclusive). */
struct history_week {
	int32_t from, to;
	int days;	/* days with a score */
	double mean;	/* valid when days > 0 */
};

/*
 * Trend: this week is as_of-6..as_of, last week the seven days before.
 * With at least HISTORY_TREND_MIN_DAYS scored days in each, the trend is
 * worse when this week's mean is at least HISTORY_TREND_DELTA above last
 * week's, better when at least that much below, else same; with fewer
 * days it is same and enough is false.
 */
struct history_trend {
	enum trend trend;
	bool enough;
	struct history_week this_week, last_week;
};
void history_trend(const struct history *h, struct history_trend *out);

/*
 * The intake the journal implies as of h->as_of, ready for engine_triage:
 * area h->area; each pain score the latest one logged in the last
 * HISTORY_RECENT_DAYS days; the symptoms of the latest day with a pain
 * entry, plus any red flag logged in the last HISTORY_RED_FLAG_DAYS days,
 * plus worse_next_morning when the run rule says so; trend from
 * history_trend; last_massage from the latest massage. Returns true when
 * the journal held at least one pain entry for the area.
 */
bool history_intake(const struct history *h, struct intake *out);

/* The area of the person's latest pain entry up to as_of; false if none. */
bool history_latest_area(const struct journal_entry *entries, size_t n,
			 int32_t as_of, enum area *out);

/*
 * One of the guide's five return-to-run rules, judged from the journal.
 * evidence is a short sentence in the project's words on what was read
 * ("run pain 2/10 on 2026-11-20"); day is the date it refers to
 * (DATE_NONE when unknown).
 */
struct history_rule {
	enum run_rule rule;
	enum rule_state state;
	int32_t day;
	char evidence[160];
	const char *text;	/* the rule, static */
	const char *source;	/* the guide section, static */
};
void history_run_rules(const struct history *h,
		       struct history_rule out[RUN_RULE_CHECK_COUNT]);

/* Name of a rule state: "met", "not_met", "unknown". */
const char *history_rule_state_name(enum rule_state s);

#define HISTORY_PLAN_LIST(X)                                                  \
	X(HISTORY_PLAN_NONE, "none")                                          \
	X(HISTORY_PLAN_INJURY_BLOCK, "injury_block")                          \
	X(HISTORY_PLAN_MAINTENANCE, "maintenance")
#define HISTORY_ENUM_ITEM_(id, ...) id,
enum history_plan { HISTORY_PLAN_LIST(HISTORY_ENUM_ITEM_) HISTORY_PLAN__COUNT };
const char *history_plan_name(enum history_plan p);

/*
 * The next massage. base_min..base_max is the pressure range triage gave
 * for today (0..0 when triage said assess first); decision is triage's.
 * After a last massage that flared for more than 24 hours or left the
 * person bruised or limping, the range is capped at its pressure minus 2
 * (never below 1). plan is an injury block (every 7-14 days) while the
 * decision asks for a load change or pain reached 4/10 in the last 14
 * days, else maintenance (every 21-42 days), or none when the person
 * should be assessed first. due_from..due_to count from the last massage
 * (from as_of when none is logged). ask holds the good-session marks the
 * last massage did not have (bit set over enum journal_mark).
 */
struct history_next_massage {
	bool has_last;
	int32_t last_day;
	int last_pressure;		/* 0 when not recorded */
	bool too_much;			/* flare > 24 h, bruised or limping */
	bool has_pressure;
	int pressure_min, pressure_max;
	enum history_plan plan;
	int32_t due_from, due_to;	/* DATE_NONE with plan none */
	unsigned ask;
	char why[200];
};
void history_next_massage(const struct history *h, enum decision decision,
			  int base_min, int base_max,
			  struct history_next_massage *out);

/*
 * Whether one do-next item is being kept, from the runs logged in its
 * window: start..start+days_max-1, cut at as_of. The journal can tell for
 * reduce_hills and flat_easy_runs (runs climbing more than
 * HISTORY_HILLY_M_PER_KM), reduce_speed (pace against the median of the
 * 28 days before start) and reduce_load_spike (distance of the window's
 * last 7 days against the mean week of the 28 days before start);
 * anything else is unknown. state met means kept.
 */
struct history_adherence {
	const char *plan_id;		/* borrowed from the caller */
	enum rule_state state;
	int32_t from, to;
	int runs;			/* runs in the window */
	int runs_breaking;		/* of which break the plan */
	char evidence[200];
};
void history_adherence(const struct history *h, const char *plan_id,
		       int days_min, int days_max, int32_t start,
		       struct history_adherence *out);

/*
 * The journal as the load module (engine/load.h) sees it, so that every
 * front end hands load_compute the same thing.
 *
 * history_load_runs: the runs among entries[0..n) with a known distance,
 * written to runs[] (room for n; caller-owned); moving time falls back to
 * the elapsed time, then 0. Returns how many.
 *
 * history_load_plans: the do-next items of r in force from start, each
 * for its longest duration (HISTORY_PLAN_DEFAULT_DAYS when the kb gives
 * none), written to plans[] (at most max). The ids and sources are
 * borrowed from r's kb. Returns how many.
 */
#define HISTORY_PLAN_DEFAULT_DAYS 14
struct load_run;
struct load_plan;
size_t history_load_runs(const struct journal_entry *entries, size_t n,
			 struct load_run *runs);
size_t history_load_plans(const struct result *r, int32_t start,
			  struct load_plan *plans, size_t max);

#endif
