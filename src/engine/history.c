/*
 * history.c - rules that read a journal over time (see history.h).
 *
 * Each rule scans the entries it is handed; journals are small (a few
 * entries a day), so plain linear scans keep the code obvious. Dates are
 * day numbers; "as of" cuts off everything logged later, so a test or a
 * look back in time gives a fixed answer. The thresholds are named in
 * history.h and explained, with the guide section behind each rule, in
 * docs/journal.md.
 */
#include "engine/history.h"
#include "engine/load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

#include "engine/kb_internal.h"

#define NAME_ITEM_(id, name) [id] = name,
static const char *const plan_names[] = { HISTORY_PLAN_LIST(NAME_ITEM_) };

const char *history_plan_name(enum history_plan p)
{
	return (unsigned)p < HISTORY_PLAN__COUNT ? plan_names[p] : "?";
}

const char *history_rule_state_name(enum rule_state s)
{
	switch (s) {
	case RULE_STATE_MET:
		return "met";
	case RULE_STATE_NOT_MET:
		return "not_met";
	default:
		return "unknown";
	}
}

/* Whether entry i counts for the rules: on or before as_of, and, for pain,
 * of the complaint's area. */
static bool counts(const struct history *h, const struct journal_entry *en)
{
	if (en->day == DATE_NONE || en->day > h->as_of)
		return false;
	return en->kind != JOURNAL_PAIN || en->pain.area == h->area;
}

static int max3(int a, int b, int c)
{
	int m = a > b ? a : b;
	return m > c ? m : c;
}

int history_daily_pain(const struct history *h, int32_t day)
{
	int best = -1;

	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (en->kind != JOURNAL_PAIN || en->day != day || !counts(h, en))
			continue;
		int m = max3(en->pain.rest, en->pain.run, en->pain.morning);
		if (m > best)
			best = m;
	}
	return best;
}

static void week_mean(const struct history *h, int32_t from, int32_t to,
		      struct history_week *w)
{
	double sum = 0;

	w->from = from;
	w->to = to;
	w->days = 0;
	w->mean = 0;
	for (int32_t d = from; d <= to; d++) {
		int p = history_daily_pain(h, d);
		if (p < 0)
			continue;
		sum += p;
		w->days++;
	}
	if (w->days > 0)
		w->mean = sum / w->days;
}

void history_trend(const struct history *h, struct history_trend *out)
{
	week_mean(h, h->as_of - 6, h->as_of, &out->this_week);
	week_mean(h, h->as_of - 13, h->as_of - 7, &out->last_week);
	out->trend = TREND_SAME;
	out->enough = out->this_week.days >= HISTORY_TREND_MIN_DAYS &&
		      out->last_week.days >= HISTORY_TREND_MIN_DAYS;
	if (!out->enough)
		return;
	/* A small tolerance, so that 3.0 - 2.0 counts as a full point. */
	double delta = out->this_week.mean - out->last_week.mean;
	if (delta >= HISTORY_TREND_DELTA - 1e-9)
		out->trend = TREND_WORSE;
	else if (delta <= -HISTORY_TREND_DELTA + 1e-9)
		out->trend = TREND_BETTER;
}

bool history_latest_area(const struct journal_entry *entries, size_t n,
			 int32_t as_of, enum area *out)
{
	const struct journal_entry *best = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct journal_entry *en = &entries[i];
		if (en->kind != JOURNAL_PAIN || en->day > as_of)
			continue;
		if (best == NULL || en->day > best->day ||
		    (en->day == best->day && en->id > best->id))
			best = en;
	}
	if (best == NULL)
		return false;
	*out = best->pain.area;
	return true;
}

/* The latest counting entry of kind k (ties: the higher id), or NULL. */
static const struct journal_entry *latest(const struct history *h,
					  enum journal_kind k)
{
	const struct journal_entry *best = NULL;

	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (en->kind != k || !counts(h, en))
			continue;
		if (best == NULL || en->day > best->day ||
		    (en->day == best->day && en->id > best->id))
			best = en;
	}
	return best;
}

/* The latest score of one kind (offset of rest/run/morning in struct
 * journal_pain) logged in from..as_of; -1 when none. */
static int latest_score(const struct history *h, size_t offset, int32_t from,
			int32_t *day)
{
	const struct journal_entry *best = NULL;
	int v = -1;

	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		int s;
		if (en->kind != JOURNAL_PAIN || !counts(h, en) || en->day < from)
			continue;
		memcpy(&s, (const char *)&en->pain + offset, sizeof s);
		if (s == PAIN_UNSET)
			continue;
		if (best == NULL || en->day > best->day ||
		    (en->day == best->day && en->id > best->id)) {
			best = en;
			v = s;
		}
	}
	if (best != NULL && day != NULL)
		*day = best->day;
	return v;
}

/* What the latest day with a pain entry in from..as_of recorded: the
 * symptoms reported, the ones answered no (a symptom both reported and
 * denied that day counts as reported), and the side of its latest entry.
 * day is DATE_NONE when there is no such day: then nothing is known. */
struct day_answers {
	int32_t day;
	uint32_t symptoms, denied;
	enum side side;
};

static void latest_answers(const struct history *h, int32_t from,
			   struct day_answers *out)
{
	const struct journal_entry *last = latest(h, JOURNAL_PAIN);

	out->day = DATE_NONE;
	out->symptoms = out->denied = 0;
	out->side = SIDE__COUNT;
	if (last == NULL || last->day < from)
		return;
	out->day = last->day;
	out->side = last->pain.side;
	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (en->kind == JOURNAL_PAIN && counts(h, en) &&
		    en->day == last->day) {
			out->symptoms |= en->pain.symptoms;
			out->denied |= en->pain.denied;
		}
	}
	out->denied &= ~out->symptoms;
}

int32_t history_latest_pain_day(const struct history *h)
{
	const struct journal_entry *last = latest(h, JOURNAL_PAIN);

	return last != NULL ? last->day : DATE_NONE;
}

/* ---- Warning signs ---- */

/* Whether entry a comes after entry b in the journal: a later day, or the
 * same day and logged later. */
static bool after(const struct journal_entry *a, const struct journal_entry *b)
{
	return a->day > b->day || (a->day == b->day && a->id > b->id);
}

/* The derived warning signs of one pain entry: strong rest pain (4 or
 * more on the shin), and severe pain on a day the weekly trend was
 * getting worse. The thresholds are the engine's (rules.c). */
static uint32_t derived_signs(const struct history *h,
			      const struct journal_entry *en)
{
	const struct journal_pain *p = &en->pain;
	uint32_t flags = 0;
	int limit = p->area == AREA_SHIN ? 4 : 7;

	if (p->rest >= limit)
		flags |= UINT32_C(1) << FLAG_REST_PAIN;
	if (max3(p->rest, p->run, p->morning) >= 7) {
		struct history then = *h;
		struct history_trend tr;

		then.as_of = en->day;
		then.area = p->area;
		history_trend(&then, &tr);
		if (tr.enough && tr.trend == TREND_WORSE)
			flags |= UINT32_C(1) << FLAG_SEVERE_WORSENING;
	}
	return flags;
}

size_t history_warning_signs(const struct history *h,
			     struct history_sign out[HISTORY_SIGNS_MAX],
			     const struct journal_entry **cleared,
			     const struct journal_entry **latest_out)
{
	const struct journal_entry *clear = NULL, *last = NULL;
	const struct journal_entry *seen[RED_FLAG__COUNT] = { NULL };
	size_t n = 0;

	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (en->kind != JOURNAL_ASSESSMENT || en->day == DATE_NONE ||
		    en->day > h->as_of)
			continue;
		if (last == NULL || after(en, last))
			last = en;
		if (en->assessment.outcome == OUTCOME_CLEARED &&
		    (clear == NULL || after(en, clear)))
			clear = en;
	}
	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		uint32_t flags;

		/* Every area: a warning sign is about the leg. */
		if (en->kind != JOURNAL_PAIN || en->day == DATE_NONE ||
		    en->day > h->as_of || (clear != NULL && !after(en, clear)))
			continue;
		flags = (en->pain.symptoms & SYMPTOM_RED_FLAG_MASK) |
			derived_signs(h, en);
		for (int f = 0; f < RED_FLAG__COUNT; f++)
			if ((flags & (UINT32_C(1) << f)) &&
			    (seen[f] == NULL || after(en, seen[f])))
				seen[f] = en;
	}
	for (int f = 0; f < RED_FLAG__COUNT; f++)
		if (seen[f] != NULL)
			out[n++] = (struct history_sign){ (enum red_flag)f,
							  seen[f]->day,
							  seen[f]->pain.area };
	if (cleared != NULL)
		*cleared = clear;
	if (latest_out != NULL)
		*latest_out = last;
	return n;
}

/* The highest morning score logged on day, or -1. */
static int morning_on(const struct history *h, int32_t day)
{
	int best = -1;

	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (en->kind == JOURNAL_PAIN && counts(h, en) &&
		    en->day == day && en->pain.morning > best)
			best = en->pain.morning;
	}
	return best;
}

/*
 * Next-morning check from the scores: for the latest run in the last
 * HISTORY_RECENT_DAYS days whose next morning was scored, compare that
 * score with the morning score of the run's day (or of the three days
 * before it). Returns 1 worse, 0 not worse, -1 cannot tell; fills the
 * evidence.
 */
static int next_morning_scores(const struct history *h, int32_t *day,
			       char *ev, size_t evlen)
{
	int32_t best_run = DATE_NONE;
	int before = -1, after = -1;
	char d1[DATE_BUF], d2[DATE_BUF];

	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		int32_t d = en->day;
		if (en->kind != JOURNAL_RUN || !counts(h, en) ||
		    d < h->as_of - HISTORY_RECENT_DAYS || d + 1 > h->as_of ||
		    d <= best_run)
			continue;
		int a = morning_on(h, d + 1);
		int b = -1;
		for (int32_t k = d; k >= d - 3 && b < 0; k--)
			b = morning_on(h, k);
		if (a < 0 || b < 0)
			continue;
		best_run = d;
		after = a;
		before = b;
	}
	if (best_run == DATE_NONE)
		return -1;
	*day = best_run + 1;
	snprintf(ev, evlen,
		 "morning pain %d/10 on %s after the run of %s, against %d/10 before it",
		 after, date_format(best_run + 1, d1), date_format(best_run, d2),
		 before);
	return after > before;
}

/* Judge a rule that one symptom breaks, from the latest pain day: not met
 * when it was reported, met only when it was asked and answered no. */
static void symptom_rule(const struct history *h, enum symptom sym,
			 const char *reported, const char *denied,
			 struct history_rule *r)
{
	char d[DATE_BUF];
	struct day_answers ans;

	latest_answers(h, h->as_of - HISTORY_RECENT_DAYS + 1, &ans);
	r->day = ans.day;
	if (ans.day == DATE_NONE) {
		r->state = RULE_STATE_UNKNOWN;
		snprintf(r->evidence, sizeof r->evidence,
			 "nothing logged about the pain in the last %d days",
			 HISTORY_RECENT_DAYS);
	} else if (ans.symptoms & SYMPTOM_BIT(sym)) {
		r->state = RULE_STATE_NOT_MET;
		snprintf(r->evidence, sizeof r->evidence, "%s on %s", reported,
			 date_format(ans.day, d));
	} else if (ans.denied & SYMPTOM_BIT(sym)) {
		r->state = RULE_STATE_MET;
		snprintf(r->evidence, sizeof r->evidence, "%s on %s", denied,
			 date_format(ans.day, d));
	} else {
		r->state = RULE_STATE_UNKNOWN;
		snprintf(r->evidence, sizeof r->evidence,
			 "not asked in the entry of %s", date_format(ans.day, d));
	}
}

void history_run_rules(const struct history *h,
		       struct history_rule out[RUN_RULE_CHECK_COUNT])
{
	struct history_trend tr;
	char d[DATE_BUF];
	int32_t day = DATE_NONE;
	int v;

	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		out[i].rule = (enum run_rule)i;
		out[i].text = h->kb->run_rules[i].text;
		out[i].source = h->kb->run_rules[i].source;
		out[i].state = RULE_STATE_UNKNOWN;
		out[i].day = DATE_NONE;
		out[i].evidence[0] = '\0';
	}

	/* 1. Run pain at most 3/10. */
	v = latest_score(h, offsetof(struct journal_pain, run),
			 h->as_of - HISTORY_RECENT_DAYS + 1, &day);
	if (v < 0) {
		snprintf(out[0].evidence, sizeof out[0].evidence,
			 "no pain score during a run in the last %d days",
			 HISTORY_RECENT_DAYS);
	} else {
		out[0].state = v <= 3 ? RULE_STATE_MET : RULE_STATE_NOT_MET;
		out[0].day = day;
		snprintf(out[0].evidence, sizeof out[0].evidence,
			 "pain while running %d/10 on %s", v,
			 date_format(day, d));
	}

	/* 2. No change of stride; 4. no limp. */
	symptom_rule(h, SYM_STRIDE_CHANGE, "a change of stride reported",
		     "no change of stride, as answered", &out[1]);
	symptom_rule(h, SYM_LIMP_AFTER, "a limp after running reported",
		     "no limp, as answered", &out[3]);

	/* 3. Not worse the next morning: a worse morning reported speaks
	 * first, then the morning scores around the latest run, then an
	 * answer of no. */
	symptom_rule(h, SYM_WORSE_NEXT_MORNING,
		     "a worse next morning reported",
		     "no worse next morning, as answered", &out[2]);
	if (out[2].state != RULE_STATE_NOT_MET) {
		char ev[sizeof out[2].evidence];
		int worse = next_morning_scores(h, &day, ev, sizeof ev);
		if (worse >= 0) {
			out[2].state = worse ? RULE_STATE_NOT_MET
					     : RULE_STATE_MET;
			out[2].day = day;
			memcpy(out[2].evidence, ev, sizeof ev);
		}
	}

	/* 5. No deterioration over 7-10 days: the weekly trend. */
	history_trend(h, &tr);
	if (!tr.enough) {
		snprintf(out[4].evidence, sizeof out[4].evidence,
			 "needs pain scores on at least %d days in each of the last two weeks",
			 HISTORY_TREND_MIN_DAYS);
	} else {
		out[4].state = tr.trend == TREND_WORSE ? RULE_STATE_NOT_MET
						       : RULE_STATE_MET;
		out[4].day = h->as_of;
		snprintf(out[4].evidence, sizeof out[4].evidence,
			 "mean daily pain %.1f/10 this week against %.1f/10 the week before",
			 tr.this_week.mean, tr.last_week.mean);
	}
}

bool history_intake(const struct history *h, struct intake *out)
{
	const struct journal_entry *m = latest(h, JOURNAL_MASSAGE);
	int32_t from = h->as_of - HISTORY_RECENT_DAYS + 1;
	struct history_sign signs[HISTORY_SIGNS_MAX];
	struct history_trend tr;
	struct day_answers ans;
	size_t n_signs;
	int32_t day;
	char ev[160];

	intake_init(out);
	out->area = h->area;
	out->pain_rest = latest_score(h, offsetof(struct journal_pain, rest),
				      from, NULL);
	out->pain_run = latest_score(h, offsetof(struct journal_pain, run),
				     from, NULL);
	out->pain_morning = latest_score(
		h, offsetof(struct journal_pain, morning), from, NULL);
	latest_answers(h, from, &ans);
	out->symptoms = ans.symptoms;
	out->denied = ans.denied;
	out->side = ans.side;
	/* The morning scores around the latest run answer the next-morning
	 * question as the run rule reads them (history_run_rules), unless a
	 * worse morning was reported outright. */
	switch (next_morning_scores(h, &day, ev, sizeof ev)) {
	case 1:
		out->symptoms |= SYMPTOM_BIT(SYM_WORSE_NEXT_MORNING);
		out->denied &= ~SYMPTOM_BIT(SYM_WORSE_NEXT_MORNING);
		break;
	case 0:
		if (!(out->symptoms & SYMPTOM_BIT(SYM_WORSE_NEXT_MORNING)))
			out->denied |= SYMPTOM_BIT(SYM_WORSE_NEXT_MORNING);
		break;
	default:
		break;
	}
	/* Warning signs stay until an assessment clears them, however calm
	 * the entries since. */
	n_signs = history_warning_signs(h, signs, NULL, NULL);
	for (size_t i = 0; i < n_signs; i++) {
		if (signs[i].flag < SYMPTOM_RED_FLAG_COUNT) {
			out->symptoms |= SYMPTOM_BIT(signs[i].flag);
			out->denied &= ~SYMPTOM_BIT(signs[i].flag);
		} else {
			out->carried_flags |= UINT32_C(1) << signs[i].flag;
		}
	}
	history_trend(h, &tr);
	out->trend = tr.trend;
	out->has_trend = tr.enough;
	if (m != NULL) {
		out->has_last_massage = true;
		out->last_pressure = m->massage.pressure;
		out->flare_hours = m->massage.flare_hours == JOURNAL_UNSET
					   ? 0
					   : m->massage.flare_hours;
		out->bruised_or_limping =
			m->massage.bruised_or_limping ||
			(m->massage.has_felt &&
			 m->massage.felt == FEEL_BRUISED_OR_LIMPING);
	}
	return latest(h, JOURNAL_PAIN) != NULL;
}

/* ---- Next massage ---- */

/* Whether a massage was too much: a flare of more than the kb's hours, or
 * bruised or limping afterwards. */
static bool too_much(const struct kb *kb, const struct journal_massage *jm)
{
	return (jm->flare_hours != JOURNAL_UNSET &&
		jm->flare_hours > kb->flare_hours) ||
	       jm->bruised_or_limping ||
	       (jm->has_felt && jm->felt == FEEL_BRUISED_OR_LIMPING);
}

/* Whether a massage went well enough to go one point deeper next time:
 * it felt lighter and smoother, and did not flare. */
static bool went_well(const struct kb *kb, const struct journal_massage *jm)
{
	return jm->has_felt && jm->felt == FEEL_LIGHTER_SMOOTHER &&
	       !too_much(kb, jm);
}

void history_next_massage(const struct history *h, enum decision decision,
			  int base_min, int base_max, int32_t plan_from,
			  int32_t plan_to, struct history_next_massage *out)
{
	const struct kb *kb = h->kb;
	const struct journal_entry *m = latest(h, JOURNAL_MASSAGE);
	bool plan_runs = plan_from != DATE_NONE && plan_from <= h->as_of &&
			 h->as_of <= plan_to;
	char d[DATE_BUF];
	const struct kb_band *often;
	int32_t start;

	memset(out, 0, sizeof *out);
	out->last_day = DATE_NONE;
	out->due_from = out->due_to = DATE_NONE;
	out->block_from = out->block_to = DATE_NONE;
	out->source = GUIDE_FAQ;
	if (m != NULL) {
		const struct journal_massage *jm = &m->massage;
		out->has_last = true;
		out->last_day = m->day;
		out->last_pressure = jm->pressure;
		out->too_much = too_much(kb, jm);
		out->ask = jm->marks_known & ~jm->marks &
			   ((1u << JOURNAL_MARK__COUNT) - 1);
	}
	if (decision == DECISION_ASSESS_FIRST) {
		out->plan = HISTORY_PLAN_NONE;
		out->source = GUIDE_RED_FLAGS;
		snprintf(out->why, sizeof out->why,
			 "get the pain assessed before the next massage");
		return;
	}

	/* Depth: lighter by the kb's step after too much, one point deeper
	 * at most after a session that went well, never deeper otherwise. */
	out->has_pressure = true;
	out->pressure_min = base_min;
	out->pressure_max = base_max;
	if (out->has_last && out->last_pressure > 0) {
		int cap = out->last_pressure;

		if (out->too_much)
			cap = out->last_pressure - kb->flare_reduction;
		else if (went_well(kb, &m->massage))
			cap = out->last_pressure + 1;
		if (cap < 1)
			cap = 1;
		out->rises = cap > out->last_pressure && cap <= base_max;
		if (out->pressure_max > cap)
			out->pressure_max = cap;
		if (out->pressure_min > out->pressure_max)
			out->pressure_min = out->pressure_max;
	}

	/* How often: a short injury block while the plan runs or after a
	 * session that was too much, else maintenance. */
	out->plan = HISTORY_PLAN_MAINTENANCE;
	if (plan_runs || out->too_much) {
		out->block_from = plan_runs ? plan_from : out->last_day;
		out->block_to = out->block_from + HISTORY_INJURY_BLOCK_DAYS - 1;
		if (h->as_of <= out->block_to)
			out->plan = HISTORY_PLAN_INJURY_BLOCK;
		else
			out->block_from = out->block_to = DATE_NONE;
	}
	often = out->plan == HISTORY_PLAN_INJURY_BLOCK ? &kb->injury_block_days
						       : &kb->maintenance_days;
	start = m != NULL ? m->day : h->as_of - often->min;
	out->due_from = start + often->min;
	out->due_to = start + often->max;
	/* A window already past is due now, not in the past. */
	if (out->due_from < h->as_of)
		out->due_from = h->as_of;
	if (out->due_to < out->due_from)
		out->due_to = out->due_from;

	if (out->too_much && out->last_pressure > 0) {
		out->source = GUIDE_PRESSURE;
		snprintf(out->why, sizeof out->why,
			 "the massage of %s (%d/10) was too much: ask for %d points less and more time on the muscles that take the strain for it",
			 date_format(out->last_day, d), out->last_pressure,
			 kb->flare_reduction);
	} else if (out->too_much) {
		out->source = GUIDE_PRESSURE;
		snprintf(out->why, sizeof out->why,
			 "the massage of %s was too much: ask for lighter pressure and more time on the muscles that take the strain for it",
			 date_format(out->last_day, d));
	} else if (out->plan == HISTORY_PLAN_INJURY_BLOCK) {
		snprintf(out->why, sizeof out->why,
			 "while the plan runs, a session every one or two weeks, in a block that ends by %s",
			 date_format(out->block_to, d));
	} else {
		snprintf(out->why, sizeof out->why,
			 "for upkeep, a session every three to six weeks is enough");
	}
	if (out->rises) {
		size_t len = strlen(out->why);

		out->source = GUIDE_PLAN;
		snprintf(out->why + len, sizeof out->why - len,
			 "; the last one felt lighter with no flare, so it may go one point deeper");
	}
}

/* ---- Adherence to the do-next plan ---- */

static bool has(double v)
{
	return v != JOURNAL_UNSET && isfinite(v);
}

/* Seconds per km of a run, or -1 when it cannot be told. */
static double pace(const struct journal_entry *en)
{
	double t = has(en->run.moving_s) ? en->run.moving_s : en->run.elapsed_s;

	if (!has(t) || !has(en->run.distance_m) || en->run.distance_m < 100)
		return -1;
	return t / (en->run.distance_m / 1000.0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Runs that count, in from..to. */
static bool run_in(const struct history *h, const struct journal_entry *en,
		   int32_t from, int32_t to)
{
	return en->kind == JOURNAL_RUN && counts(h, en) && en->day >= from &&
	       en->day <= to;
}

static void check_hills(const struct history *h, int32_t start,
			struct history_adherence *a)
{
	int known = 0;
	int32_t last_bad = DATE_NONE;
	char d[DATE_BUF];

	(void)start;
	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (!run_in(h, en, a->from, a->to))
			continue;
		a->runs++;
		if (!has(en->run.climb_m) || !has(en->run.distance_m) ||
		    en->run.distance_m <= 0)
			continue;
		known++;
		if (en->run.climb_m / (en->run.distance_m / 1000.0) >
		    HISTORY_HILLY_M_PER_KM) {
			a->runs_breaking++;
			if (en->day > last_bad)
				last_bad = en->day;
		}
	}
	if (known == 0) {
		a->state = RULE_STATE_UNKNOWN;
		snprintf(a->evidence, sizeof a->evidence,
			 "no run with distance and climb logged since %s",
			 date_format(a->from, d));
	} else if (a->runs_breaking > 0) {
		a->state = RULE_STATE_NOT_MET;
		snprintf(a->evidence, sizeof a->evidence,
			 "%d of %d runs climbed more than %.0f m per km, the latest on %s",
			 a->runs_breaking, known, HISTORY_HILLY_M_PER_KM,
			 date_format(last_bad, d));
	} else {
		a->state = RULE_STATE_MET;
		snprintf(a->evidence, sizeof a->evidence,
			 "all %d runs stayed under %.0f m of climb per km", known,
			 HISTORY_HILLY_M_PER_KM);
	}
}

static void check_speed(const struct history *h, int32_t start,
			struct history_adherence *a)
{
	double *base = calloc(h->n + 1, sizeof *base);
	size_t nb = 0;
	int known = 0;
	char d[DATE_BUF];

	if (base == NULL)
		abort();
	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		double p = pace(en);
		if (run_in(h, en, start - 28, start - 1) && p > 0)
			base[nb++] = p;
	}
	if (nb == 0) {
		a->state = RULE_STATE_UNKNOWN;
		snprintf(a->evidence, sizeof a->evidence,
			 "no timed runs in the 28 days before %s to compare with",
			 date_format(start, d));
		free(base);
		return;
	}
	qsort(base, nb, sizeof *base, cmp_double);
	double median = nb % 2 ? base[nb / 2]
			       : (base[nb / 2 - 1] + base[nb / 2]) / 2;
	free(base);
	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (!run_in(h, en, a->from, a->to))
			continue;
		a->runs++;
		double p = pace(en);
		if (p <= 0)
			continue;
		known++;
		/* Five per cent quicker than usual counts as fast. */
		if (p < median * 0.95)
			a->runs_breaking++;
	}
	int ms = (int)lround(median);
	if (known == 0) {
		a->state = RULE_STATE_UNKNOWN;
		snprintf(a->evidence, sizeof a->evidence,
			 "no timed run logged since %s", date_format(a->from, d));
	} else {
		a->state = a->runs_breaking ? RULE_STATE_NOT_MET : RULE_STATE_MET;
		snprintf(a->evidence, sizeof a->evidence,
			 "%d of %d runs were faster than the usual %d:%02d per km",
			 a->runs_breaking, known, ms / 60, ms % 60);
	}
}

/* The do-next items the journal can check, and how. */
static const struct {
	const char *id;
	void (*check)(const struct history *h, int32_t start,
		      struct history_adherence *a);
} checks[] = {
	{ "flat_easy_runs", check_hills },
	{ "reduce_hills", check_hills },
	{ "reduce_speed", check_speed },
};

void history_adherence(const struct history *h, const char *plan_id,
		       int days_min, int days_max, int32_t start,
		       struct history_adherence *out)
{
	(void)days_min;
	memset(out, 0, sizeof *out);
	out->plan_id = plan_id;
	out->state = RULE_STATE_UNKNOWN;
	/* A plan without a length is watched for two weeks. */
	int len = days_max > 0 ? days_max : 14;
	out->from = start;
	out->to = start + len - 1 < h->as_of ? start + len - 1 : h->as_of;
	if (start == DATE_NONE || h->as_of < start) {
		out->from = out->to = DATE_NONE;
		snprintf(out->evidence, sizeof out->evidence,
			 "the plan has not started yet");
		return;
	}
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
		if (strcmp(plan_id, checks[i].id) == 0) {
			checks[i].check(h, start, out);
			return;
		}
	snprintf(out->evidence, sizeof out->evidence,
		 "the journal does not record this");
}

size_t history_load_runs(const struct journal_entry *entries, size_t n,
			 struct load_run *runs)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct journal_run *run = &entries[i].run;

		if (entries[i].kind != JOURNAL_RUN || run->distance_m < 0)
			continue;
		runs[k].day = entries[i].day;
		runs[k].distance_m = run->distance_m;
		runs[k].moving_s = run->moving_s >= 0	 ? run->moving_s
				   : run->elapsed_s >= 0 ? run->elapsed_s
							 : 0;
		runs[k].climb_m = run->climb_m;
		k++;
	}
	return k;
}

size_t history_load_plans(const struct result *r, int32_t start,
			  struct load_plan *plans, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_do_next && n < max; i++) {
		const struct kb_item *it = r->do_next[i];
		int days = it->days[1] > 0 ? it->days[1]
					   : HISTORY_PLAN_DEFAULT_DAYS;

		plans[n].id = it->id;
		plans[n].from = start;
		plans[n].to = start + days - 1;
		plans[n].source = it->source;
		plans[n].text = it->text;
		n++;
	}
	return n;
}
