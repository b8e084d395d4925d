/*
 * history.h - the rules that read a person's journal over time: the trend
 * of pain week on week, the guide's five return-to-run rules with their
 * evidence, the pressure and timing of the next massage after feedback, and
 * whether the current do-next plan is being kept.
 *
 * Everything here is pure: the caller hands in the entries (plain
 * struct journal_entry values, from the store or anywhere else), the day to
 * judge "as of", the area of the complaint and the knowledge base whose
 * words the rules use; nothing touches a database, a file or the clock.
 * engine/assessment.c puts these rules together into the one judgement
 * every front end shows. docs/journal.md states every rule and the guide
 * section it comes from.
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
#define HISTORY_STALE_DAYS 14		/* no pain logged for longer: stale */
#define HISTORY_HILLY_M_PER_KM 10.0	/* a run climbing more is hilly */
/* An injury block of massage lasts at most this long from its start. */
#define HISTORY_INJURY_BLOCK_DAYS 42

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
	const struct kb *kb;	/* the words of the rules */
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
 * A warning sign still in force: logged (or, for rest pain and severe
 * worsening, derived from the scores) on day, in area, and not followed by
 * an assessment that cleared it. A sign logged on several days is listed
 * once, with the latest day.
 */
struct history_sign {
	enum red_flag flag;
	int32_t day;
	enum area area;
};
#define HISTORY_SIGNS_MAX RED_FLAG__COUNT

/*
 * The warning signs in force as of h->as_of, from the pain entries of every
 * area (a warning sign is about the leg, not one spot), written to out[]
 * in enum red_flag order; returns how many. *cleared is the latest
 * assessment with outcome cleared up to as_of, or NULL; *latest the latest
 * assessment of any outcome, or NULL (both borrowed from h->entries).
 * Only a cleared assessment ends a sign, and a sign logged after it
 * counts again (order: day, then id).
 */
size_t history_warning_signs(const struct history *h,
			     struct history_sign out[HISTORY_SIGNS_MAX],
			     const struct journal_entry **cleared,
			     const struct journal_entry **latest);

/*
 * The intake the journal implies as of h->as_of, ready for engine_triage:
 * area h->area; each pain score the latest one logged in the last
 * HISTORY_RECENT_DAYS days; the symptoms, denied answers and side of the
 * latest day with a pain entry in that window (nothing when the latest is
 * older: what was not recorded is unknown), plus worse_next_morning when
 * the morning scores say so, and every warning sign still in force
 * (history_warning_signs: reported ones as symptoms, derived ones as
 * carried flags); the trend from history_trend, given only when there were
 * enough scores; last_massage from the latest massage. Returns true when
 * the journal held at least one pain entry for the area.
 */
bool history_intake(const struct history *h, struct intake *out);

/* The day of the latest pain entry for the area up to as_of, or
 * DATE_NONE. */
int32_t history_latest_pain_day(const struct history *h);

/* The area of the person's latest pain entry up to as_of; false if none. */
bool history_latest_area(const struct journal_entry *entries, size_t n,
			 int32_t as_of, enum area *out);

/*
 * One of the guide's five return-to-run rules, judged from the journal:
 * met only on something recorded (a score, an answer of no, a trend),
 * never on silence. evidence is a short sentence in the project's words on
 * what was read ("pain while running 2/10 on 2026-11-20"); day is the date
 * it refers to (DATE_NONE when unknown).
 */
struct history_rule {
	enum run_rule rule;
	enum rule_state state;
	int32_t day;
	char evidence[160];
	const char *text;	/* the rule in the kb's words, borrowed */
	const char *source;	/* the guide section, borrowed */
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
 * The next massage, through a course of treatment. base_min..base_max is
 * the pressure range triage gave for today (0..0 when triage said assess
 * first); decision is triage's; plan_from..plan_to the days the do-next
 * plan is in force (DATE_NONE when there is none).
 *
 * Depth: after a last massage that flared for more than 24 hours or left
 * the person bruised or limping, the range is capped at its pressure minus
 * 2 (never below 1); after one that felt lighter and smoother with no
 * flare, at its pressure plus 1; after any other, at its pressure: depth
 * rises by one point a session at most, and only after a good one.
 *
 * How often: an injury block (every 7-14 days, the kb's frequency) while
 * the plan is in force on as_of or after a last massage that was too much,
 * lasting at most HISTORY_INJURY_BLOCK_DAYS from its start (block_to);
 * else maintenance (every 21-42 days); none when the person should be
 * assessed first. due_from..due_to count from the last massage (from as_of
 * when none is logged), and never start before as_of. ask holds the
 * good-session marks the last massage did not have (bit set over enum
 * journal_mark).
 */
struct history_next_massage {
	bool has_last;
	int32_t last_day;
	int last_pressure;		/* 0 when not recorded */
	bool too_much;			/* flare > 24 h, bruised or limping */
	bool has_pressure;
	int pressure_min, pressure_max;
	bool rises;			/* the cap is one above the last */
	enum history_plan plan;
	int32_t block_from, block_to;	/* injury block only, else DATE_NONE */
	int32_t due_from, due_to;	/* DATE_NONE with plan none */
	unsigned ask;
	enum guide_section source;	/* the section behind why */
	char why[240];
};
void history_next_massage(const struct history *h, enum decision decision,
			  int base_min, int base_max, int32_t plan_from,
			  int32_t plan_to, struct history_next_massage *out);

/*
 * Whether one do-next item is being kept, from the runs logged in its
 * window: start..start+days_max-1, cut at as_of. The journal can tell for
 * reduce_hills and flat_easy_runs (runs climbing more than
 * HISTORY_HILLY_M_PER_KM) and reduce_speed (pace against the median of
 * the 28 days before start); reduce_load_spike is judged by the load
 * module's spike rule (engine/assessment.c); anything else is unknown.
 * state met means kept.
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
