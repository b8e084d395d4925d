/*
 * assessment.c - the one judgement of a journal (see assessment.h).
 *
 * The steps run in a fixed order: the complaint (the latest pain entry's
 * area), the intake the journal implies and its triage, the warning signs
 * still in force, the trend and the run rules with their evidence, the
 * do-next plan in force and whether it is kept, the load against that
 * plan, the next massage, and last the headline, which only gathers what
 * the steps found. Each rule lives in history.c, rules.c or load.c; this
 * file decides nothing of its own except the order of the headline.
 */
#include "engine/assessment.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/name_table.h"
#include "core/xmalloc.h"

#define NAME_ITEM_(id, name) [id] = name,
static const char *const verdict_names[] = {
	ASSESSMENT_VERDICT_LIST(NAME_ITEM_)
};
static const char *const item_names[] = { ASSESSMENT_ITEM_LIST(NAME_ITEM_) };
NAME_TABLE_NAME_FN(assessment_verdict_name, enum assessment_verdict,
		   verdict_names)
NAME_TABLE_NAME_FN(assessment_item_name, enum assessment_item_kind,
		   item_names)

/* The verdict lines, in runcare's words. */
static const char *const verdict_text[] = {
	[VERDICT_NO_PAIN] = "Nothing is logged about pain yet, so there is "
			    "nothing to judge.",
	[VERDICT_ASSESS_FIRST] = "Get it assessed first: no massage and no "
				 "running on it until a clinician has seen it.",
	[VERDICT_STALE] = "The journal has gone quiet: log how the pain is "
			  "today before acting on any advice.",
	[VERDICT_HOLD] = "Hold back: what is listed here stops normal running "
			 "today.",
	[VERDICT_CANNOT_TELL] = "Running cannot be called safe yet: the "
				"questions listed here have no answer.",
	[VERDICT_OK] = "Running looks safe: every return-to-run rule is met, "
		       "and neither the load nor the plan raises a warning.",
};

static const char *const area_words[] = {
	[AREA_HEEL] = "heel", [AREA_KNEE] = "knee", [AREA_SHIN] = "shin",
	[AREA_ACHILLES] = "Achilles", [AREA_HIP] = "hip",
	[AREA_OTHER] = "other area",
};

static const char *const outcome_words[] = {
	[OUTCOME_CLEARED] = "cleared",
	[OUTCOME_REFER] = "referred on for further tests or a specialist",
	[OUTCOME_TREAT] = "under the clinician's own treatment",
};

static struct assessment_item *add_item(struct assessment *a,
					enum assessment_item_kind kind,
					bool blocking, int32_t day,
					enum guide_section source,
					const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Append one headline item; items past ASSESSMENT_ITEMS_MAX are dropped
 * (the blocking ones come first, so none of those is lost in practice). */
static struct assessment_item *add_item(struct assessment *a,
					enum assessment_item_kind kind,
					bool blocking, int32_t day,
					enum guide_section source,
					const char *fmt, ...)
{
	struct assessment_item *it;
	va_list ap;

	if (a->n_items == ASSESSMENT_ITEMS_MAX)
		return NULL;
	it = &a->items[a->n_items++];
	it->kind = kind;
	it->blocking = blocking;
	it->day = day;
	it->source = source;
	va_start(ap, fmt);
	vsnprintf(it->text, sizeof it->text, fmt, ap);
	va_end(ap);
	return it;
}

/* A rule's text without its full stop, to go inside a sentence. */
static void bare(char *buf, size_t size, const char *text)
{
	size_t n;

	snprintf(buf, size, "%s", text != NULL ? text : "");
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '.')
		buf[n - 1] = '\0';
}

/* ---- The plan ---- */

/*
 * The do-next plan runs from the start of the episode for its longest
 * item (HISTORY_PLAN_DEFAULT_DAYS when no item has a length). A plan that
 * has ended is not shown as current, and an assess-first result has none.
 */
static void find_plan(const struct assessment_input *in, struct assessment *a)
{
	int longest = 0;

	a->plan_from = a->plan_to = DATE_NONE;
	if (!a->has_pain || a->r.decision == DECISION_ASSESS_FIRST)
		return;
	for (size_t i = 0; i < a->r.n_do_next; i++)
		if (a->r.do_next[i]->days[1] > longest)
			longest = a->r.do_next[i]->days[1];
	if (longest == 0)
		longest = HISTORY_PLAN_DEFAULT_DAYS;
	a->plan_from = in->episode_start != DATE_NONE ? in->episode_start
						      : in->as_of;
	a->plan_to = a->plan_from + longest - 1;
	if (a->plan_to < in->as_of)
		a->plan_from = a->plan_to = DATE_NONE;
}

/* reduce_load_spike is kept when the load module, on enough history,
 * finds no spike; the one spike rule is load.c's. */
static void judge_load_spike(const struct load_report *load,
			     struct history_adherence *ad)
{
	bool spike = false;

	for (int i = 0; i < load->n_warnings; i++)
		spike |= load->warnings[i].kind == LOAD_WARN_SPIKE;
	if (spike) {
		ad->state = RULE_STATE_NOT_MET;
		ad->runs_breaking = 1;
	} else if (load->history_note[0] != '\0') {
		ad->state = RULE_STATE_UNKNOWN;
		snprintf(ad->evidence, sizeof ad->evidence, "%s",
			 load->history_note);
		return;
	} else {
		ad->state = RULE_STATE_MET;
	}
	snprintf(ad->evidence, sizeof ad->evidence,
		 "%.1f km in the last 7 days against a usual %.1f km a week",
		 load->acute_km, load->chronic_km);
}

static void judge_plan(const struct history *h, struct assessment *a)
{
	a->n_plan = 0;
	if (a->plan_from == DATE_NONE)
		return;
	for (size_t i = 0; i < a->r.n_do_next && a->n_plan < RESULT_MAX_ITEMS;
	     i++) {
		const struct kb_item *it = a->r.do_next[i];
		struct history_adherence *ad = &a->plan[a->n_plan];

		history_adherence(h, it->id, it->days[0], it->days[1],
				  a->plan_from, ad);
		if (strcmp(it->id, "reduce_load_spike") == 0)
			judge_load_spike(&a->load, ad);
		a->plan_items[a->n_plan++] = it;
	}
}

/* The load of the journal against the plan in force; a load spike cites
 * the guide section of the complaint's own condition (the area's usual
 * one, also under assess_first). */
static void compute_load(const struct kb *kb,
			 const struct assessment_input *in,
			 struct assessment *a)
{
	struct load_run *runs = xcalloc(in->n ? in->n : 1, sizeof *runs);
	struct load_plan plans[RESULT_MAX_ITEMS];
	struct load_input li = { runs, 0, plans, 0, in->as_of,
				 in->load_weeks, NULL };

	if (a->has_pain)
		li.condition_source = kb_condition(kb, a->r.condition)->source;

	li.n_runs = history_load_runs(in->entries, in->n, runs);
	if (a->plan_from != DATE_NONE)
		li.n_plans = history_load_plans(&a->r, a->plan_from, plans,
						RESULT_MAX_ITEMS);
	if (load_compute(&li, &a->load) < 0) {
		/* Only a weeks value out of range fails: judge four. */
		li.weeks = 4;
		load_compute(&li, &a->load);
	}
	free(runs);
}

/* ---- The headline ---- */

static int32_t sign_day(const struct assessment *a, enum red_flag f,
			enum area *area)
{
	for (size_t i = 0; i < a->n_signs; i++)
		if (a->signs[i].flag == f) {
			*area = a->signs[i].area;
			return a->signs[i].day;
		}
	*area = a->area;
	return DATE_NONE;
}

static void headline_signs(const struct kb *kb, struct assessment *a)
{
	char d[DATE_BUF];
	const struct journal_entry *last = a->last_assessment;

	for (int f = 0; f < RED_FLAG__COUNT; f++) {
		enum area area;
		int32_t day;

		if (!(a->r.red_flags & (UINT32_C(1) << f)))
			continue;
		day = sign_day(a, (enum red_flag)f, &area);
		if (day == DATE_NONE)
			add_item(a, ITEM_WARNING_SIGN, true, day, GUIDE_RED_FLAGS,
				 "Warning sign: %s, in the latest entries.",
				 kb_red_flag_label(kb, (enum red_flag)f));
		else
			add_item(a, ITEM_WARNING_SIGN, true, day, GUIDE_RED_FLAGS,
				 "Warning sign: %s, logged on %s%s%s; it stands "
				 "until an assessment clears it.",
				 kb_red_flag_label(kb, (enum red_flag)f),
				 date_format(day, d),
				 area != a->area ? " for the " : "",
				 area != a->area ? area_words[area] : "");
	}
	if (last != NULL && last->assessment.outcome != OUTCOME_CLEARED &&
	    last != a->cleared)
		add_item(a, ITEM_ASSESSMENT, true, last->day, GUIDE_RED_FLAGS,
			 "Assessed on %s%s%s: %s; follow that clinician's "
			 "advice until an assessment clears it.",
			 date_format(last->day, d),
			 last->assessment.by ? " by " : "",
			 last->assessment.by ? last->assessment.by : "",
			 outcome_words[last->assessment.outcome]);
}

static void headline_running(struct assessment *a)
{
	char rule[200];

	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		const struct history_rule *hr = &a->rules[i];
		const struct run_reason *rr = &a->r.run_reasons[i];

		bare(rule, sizeof rule, hr->text);
		/* The triage's state and the journal's evidence agree by
		 * construction; a rule counts as not met when either says
		 * so. */
		if (rr->state == RULE_STATE_NOT_MET ||
		    hr->state == RULE_STATE_NOT_MET)
			add_item(a, ITEM_RUN_RULE, true, hr->day,
				 GUIDE_SAFE_TO_RUN, "Not met: %s (%s).", rule,
				 hr->evidence);
	}
	for (int i = 0; i < a->load.n_warnings; i++) {
		const struct load_warning *w = &a->load.warnings[i];
		enum guide_section g = GUIDE_SAFE_TO_RUN;

		if (w->kind == LOAD_WARN_BREAKS_PLAN)
			continue;	/* the plan's own lines say it */
		if (w->source != NULL)
			guide_section_parse(w->source, strlen(w->source), &g);
		add_item(a, ITEM_LOAD, true, w->day, g, "%s", w->text);
	}
	for (size_t i = 0; i < a->n_plan; i++) {
		if (a->plan[i].state != RULE_STATE_NOT_MET)
			continue;
		bare(rule, sizeof rule, a->plan_items[i]->text);
		add_item(a, ITEM_PLAN, true, a->plan[i].to,
			 GUIDE_SAFE_TO_RUN,
			 "The plan is not being kept: %s (%s).", rule,
			 a->plan[i].evidence);
	}
}

static void headline_open(const struct kb *kb, struct assessment *a)
{
	char rule[200], list[400];
	size_t o = 0;

	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		const struct history_rule *hr = &a->rules[i];

		if (a->r.run_reasons[i].state != RULE_STATE_UNKNOWN ||
		    hr->state == RULE_STATE_NOT_MET)
			continue;
		bare(rule, sizeof rule, hr->text);
		add_item(a, ITEM_NOT_ANSWERED, false, hr->day,
			 GUIDE_SAFE_TO_RUN, "Not known: %s (%s).", rule,
			 hr->evidence);
	}
	if (a->r.unanswered == 0)
		return;
	list[0] = '\0';
	for (int s = 0; s < SYMPTOM_RED_FLAG_COUNT && o < sizeof list; s++)
		if (a->r.unanswered & SYMPTOM_BIT(s))
			o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
					      o ? "; " : "",
					      kb_red_flag_label(kb,
							(enum red_flag)s));
	add_item(a, ITEM_NOT_ASKED, false, a->latest_pain_day, GUIDE_RED_FLAGS,
		 "Not asked in the latest entry: %s. If any of these applies, "
		 "get it assessed before massage or running.", list);
}

static bool any_blocking(const struct assessment *a)
{
	for (size_t i = 0; i < a->n_items; i++)
		if (a->items[i].blocking)
			return true;
	return false;
}

static void headline(const struct kb *kb, struct assessment *a)
{
	char d[DATE_BUF];

	a->n_items = 0;
	if (!a->has_pain) {
		a->verdict = VERDICT_NO_PAIN;
	} else if (a->r.decision == DECISION_ASSESS_FIRST) {
		headline_signs(kb, a);
		a->verdict = VERDICT_ASSESS_FIRST;
	} else if (a->stale) {
		add_item(a, ITEM_STALE, true, a->latest_pain_day, GUIDE_SAFE_TO_RUN,
			 "Nothing has been logged about the pain since %s (%d "
			 "days ago); advice from entries that old could be "
			 "wrong.",
			 date_format(a->latest_pain_day, d),
			 (int)(a->as_of - a->latest_pain_day));
		a->verdict = VERDICT_STALE;
	} else {
		headline_running(a);
		headline_open(kb, a);
		a->verdict = any_blocking(a) ? VERDICT_HOLD
			     : a->n_items > 0 ? VERDICT_CANNOT_TELL
					      : VERDICT_OK;
	}
	a->verdict_text = verdict_text[a->verdict];
	a->run_text = a->r.run == RUN_OK && a->verdict != VERDICT_OK
			      ? "Every return-to-run rule is met, but what "
				"the headline lists still holds running back."
			      : kb_run_verdict(kb, a->r.run)->text;
}

/* ---- Putting it together ---- */

void assessment_build(const struct kb *kb, const struct assessment_input *in,
		      struct assessment *a)
{
	struct history h;

	memset(a, 0, sizeof *a);
	a->as_of = in->as_of;
	a->latest_pain_day = DATE_NONE;
	a->has_pain = history_latest_area(in->entries, in->n, in->as_of,
					  &a->area);
	if (!a->has_pain)
		a->area = AREA_OTHER;
	h = (struct history){ in->entries, in->n, in->as_of, a->area, kb };

	intake_init(&a->in);
	a->in.area = a->area;
	if (a->has_pain) {
		a->latest_pain_day = history_latest_pain_day(&h);
		a->stale = a->latest_pain_day != DATE_NONE &&
			   in->as_of - a->latest_pain_day > HISTORY_STALE_DAYS;
		history_intake(&h, &a->in);
	}
	engine_triage(kb, &a->in, &a->r);
	a->n_signs = history_warning_signs(&h, a->signs, &a->cleared,
					   &a->last_assessment);
	history_trend(&h, &a->trend);
	for (int i = 0; i < ASSESSMENT_DAYS; i++)
		a->daily[i] = history_daily_pain(&h, in->as_of -
							     ASSESSMENT_DAYS + 1 + i);
	history_run_rules(&h, a->rules);

	find_plan(in, a);
	compute_load(kb, in, a);
	judge_plan(&h, a);
	history_next_massage(&h, a->r.decision,
			     a->r.has_pressure ? a->r.pressure_min : 0,
			     a->r.has_pressure ? a->r.pressure_max : 0,
			     a->plan_from, a->plan_to, &a->next);
	headline(kb, a);
}
