/*
 * assessment.h - where a person stands, judged once from the journal.
 *
 * assessment_build() puts the history rules (history.h), the triage engine
 * (engine.h) and the load module (load.h) together for one person, one
 * complaint and one day. `runcare status`, `runcare load`, the web status
 * page and the therapist brief only render a struct assessment, so they
 * cannot disagree.
 *
 * Its headline is the verdict every view opens with. Everything that stops
 * running or massage today comes first: a warning sign still in force
 * (with the day it was logged), an unmet return-to-run rule, a load spike,
 * a plan that is not being kept, a journal gone quiet. Then what is still
 * open (rules nobody answered, warning signs nobody was asked about).
 * Nothing reassuring is said while any of it stands.
 *
 * Pure: the caller reads the journal (the store) and hands the entries in;
 * nothing here touches a database, a file or the clock.
 */
#ifndef RUNCARE_ENGINE_ASSESSMENT_H
#define RUNCARE_ENGINE_ASSESSMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "engine/engine.h"
#include "engine/history.h"
#include "engine/journal.h"
#include "engine/load.h"

/* Days of daily pain kept, ending on as_of (status text shows the last
 * 28, the web charts all of them). */
#define ASSESSMENT_DAYS 42
#define ASSESSMENT_ITEMS_MAX 24

/* What one person's journal is, as the caller read it. entries are that
 * person's, in any order, and are borrowed for the life of the
 * assessment (it points into them). */
struct assessment_input {
	const struct journal_entry *entries;
	size_t n;
	int32_t as_of;
	/* The start of the current episode of the complaint's area (the
	 * store's episodes), or DATE_NONE: the do-next plan runs from it. */
	int32_t episode_start;
	int load_weeks;		/* 1..LOAD_WEEKS_MAX */
};

/* The verdict of the headline, most serious first. */
#define ASSESSMENT_VERDICT_LIST(X)                                            \
	X(VERDICT_NO_PAIN, "no_pain_logged")                                  \
	X(VERDICT_ASSESS_FIRST, "assess_first")                               \
	X(VERDICT_STALE, "stale")                                             \
	X(VERDICT_HOLD, "hold_back")                                          \
	X(VERDICT_CANNOT_TELL, "cannot_tell")                                 \
	X(VERDICT_OK, "ok")

/* What a headline item is about. */
#define ASSESSMENT_ITEM_LIST(X)                                               \
	X(ITEM_WARNING_SIGN, "warning_sign")                                  \
	X(ITEM_ASSESSMENT, "assessment")                                      \
	X(ITEM_STALE, "stale")                                                \
	X(ITEM_RUN_RULE, "run_rule")                                          \
	X(ITEM_LOAD, "load")                                                  \
	X(ITEM_PLAN, "plan")                                                  \
	X(ITEM_NOT_ANSWERED, "not_answered")                                  \
	X(ITEM_NOT_ASKED, "not_asked")

#define ASSESSMENT_ENUM_ITEM_(id, ...) id,
enum assessment_verdict {
	ASSESSMENT_VERDICT_LIST(ASSESSMENT_ENUM_ITEM_) VERDICT__COUNT
};
enum assessment_item_kind {
	ASSESSMENT_ITEM_LIST(ASSESSMENT_ENUM_ITEM_) ITEM__COUNT
};
const char *assessment_verdict_name(enum assessment_verdict v);
const char *assessment_item_name(enum assessment_item_kind k);

/*
 * One line of the headline. blocking items stop running or massage today;
 * the others are questions still open. day is the date the item refers to
 * (DATE_NONE when none); text is one sentence in runcare's words.
 */
struct assessment_item {
	enum assessment_item_kind kind;
	bool blocking;
	int32_t day;
	enum guide_section source;
	char text[512];
};

struct assessment {
	int32_t as_of;
	bool has_pain;			/* a pain entry, any area, by as_of */
	enum area area;			/* of the latest pain entry */
	int32_t latest_pain_day;	/* for the area, or DATE_NONE */
	bool stale;			/* nothing logged for too long */

	/* The journal as an intake, and the engine's triage of it. */
	struct intake in;
	struct result r;

	/* Warning signs still in force, and the assessments (borrowed
	 * from the input's entries, NULL when none). */
	struct history_sign signs[HISTORY_SIGNS_MAX];
	size_t n_signs;
	const struct journal_entry *cleared;	/* latest cleared */
	const struct journal_entry *last_assessment;

	struct history_trend trend;
	int daily[ASSESSMENT_DAYS];	/* as_of-41..as_of; -1: no score */
	struct history_rule rules[RUN_RULE_CHECK_COUNT];

	/* The do-next plan in force (plan_from..plan_to, DATE_NONE when
	 * none or over), and whether each item of it is kept. */
	int32_t plan_from, plan_to;
	struct history_adherence plan[RESULT_MAX_ITEMS];
	const struct kb_item *plan_items[RESULT_MAX_ITEMS];
	size_t n_plan;
	struct history_next_massage next;
	struct load_report load;

	enum assessment_verdict verdict;
	const char *verdict_text;	/* static */
	/* The running line under the headline (static): the knowledge
	 * base's run verdict, except that rules all met under a headline
	 * that holds back say so rather than calling running safe. */
	const char *run_text;
	struct assessment_item items[ASSESSMENT_ITEMS_MAX];
	size_t n_items;
};

/*
 * Judge in's journal as of in->as_of with the words of kb. Never fails for
 * valid entries (the store checks every entry it keeps); out borrows from
 * kb and from in->entries. out is large (the load report holds up to 104
 * weeks): callers allocate it on the heap.
 */
void assessment_build(const struct kb *kb, const struct assessment_input *in,
		      struct assessment *out);

/*
 * Append the assessment as `runcare status --format json` prints it: the
 * triage result object of the contract (result_to_json) with the person,
 * the day, the intake the journal implies, the headline and the history's
 * findings added (docs/journal.md lists every key). No trailing newline.
 */
void assessment_to_json(const struct assessment *a, const struct kb *kb,
			const char *person, struct strbuf *out);

#endif
