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

#define SAFE_TO_RUN "When Is It Safe to Run Again? (Simple Pain Rules)"
#define PRESSURE_SCALE "How Deep Should Massage Be? (A Simple Pressure Scale)"
#define HOW_OFTEN "How often should runners get sports massage?"

/* The five return-to-run rules, in enum run_rule order. */
static const struct {
	enum run_rule rule;
	const char *text;
} run_rule_text[RUN_RULE_CHECK_COUNT] = {
	{ RUNRULE_PAIN_AT_MOST_3,
	  "Pain while running is 3 out of 10 or less." },
	{ RUNRULE_NO_STRIDE_CHANGE, "The pain does not change your stride." },
	{ RUNRULE_NOT_WORSE_NEXT_MORNING,
	  "The morning after a run is no worse than before it." },
	{ RUNRULE_NO_LIMP, "No limp after running." },
	{ RUNRULE_NOT_DETERIORATING,
	  "Pain is not creeping up over a week or more." },
};

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

/* The symptoms logged on the latest day with a pain entry in
 * from..as_of; sets *day (DATE_NONE when there is none). */
static uint32_t latest_symptoms(const struct history *h, int32_t from,
				int32_t *day)
{
	const struct journal_entry *last = latest(h, JOURNAL_PAIN);
	uint32_t bits = 0;

	*day = DATE_NONE;
	if (last == NULL || last->day < from)
		return 0;
	*day = last->day;
	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (en->kind == JOURNAL_PAIN && counts(h, en) &&
		    en->day == last->day)
			bits |= en->pain.symptoms;
	}
	return bits;
}

/* Red-flag symptoms logged in from..as_of: silence does not clear them. */
static uint32_t recent_red_flags(const struct history *h, int32_t from)
{
	uint32_t bits = 0;

	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (en->kind == JOURNAL_PAIN && counts(h, en) && en->day >= from)
			bits |= en->pain.symptoms & SYMPTOM_RED_FLAG_MASK;
	}
	return bits;
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

/* Judge a rule that one symptom breaks, from the latest pain day. */
static void symptom_rule(const struct history *h, enum symptom sym,
			 const char *reported, struct history_rule *r)
{
	char d[DATE_BUF];
	int32_t day;
	uint32_t bits = latest_symptoms(h, h->as_of - HISTORY_RECENT_DAYS + 1,
					&day);

	r->day = day;
	if (day == DATE_NONE) {
		r->state = RULE_STATE_UNKNOWN;
		snprintf(r->evidence, sizeof r->evidence,
			 "nothing logged about the pain in the last %d days",
			 HISTORY_RECENT_DAYS);
	} else if (bits & SYMPTOM_BIT(sym)) {
		r->state = RULE_STATE_NOT_MET;
		snprintf(r->evidence, sizeof r->evidence, "%s on %s", reported,
			 date_format(day, d));
	} else {
		r->state = RULE_STATE_MET;
		snprintf(r->evidence, sizeof r->evidence, "not reported on %s",
			 date_format(day, d));
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
		out[i].rule = run_rule_text[i].rule;
		out[i].text = run_rule_text[i].text;
		out[i].source = SAFE_TO_RUN;
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
		     &out[1]);
	symptom_rule(h, SYM_LIMP_AFTER, "a limp after running reported",
		     &out[3]);

	/* 3. Not worse the next morning: the scores speak first, then what
	 * was reported. */
	symptom_rule(h, SYM_WORSE_NEXT_MORNING,
		     "a worse next morning reported", &out[2]);
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
	struct history_trend tr;
	int32_t day;
	char ev[160];

	memset(out, 0, sizeof *out);
	out->area = h->area;
	out->goal = GOAL_RELIEF;
	out->pain_rest = latest_score(h, offsetof(struct journal_pain, rest),
				      from, NULL);
	out->pain_run = latest_score(h, offsetof(struct journal_pain, run),
				     from, NULL);
	out->pain_morning = latest_score(
		h, offsetof(struct journal_pain, morning), from, NULL);
	out->symptoms = latest_symptoms(h, from, &day) |
			recent_red_flags(h, h->as_of - HISTORY_RED_FLAG_DAYS + 1);
	if (next_morning_scores(h, &day, ev, sizeof ev) == 1)
		out->symptoms |= SYMPTOM_BIT(SYM_WORSE_NEXT_MORNING);
	history_trend(h, &tr);
	out->trend = tr.trend;
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

/* The highest daily pain in from..as_of, or -1. */
static int peak_pain(const struct history *h, int32_t from)
{
	int best = -1;

	for (int32_t d = from; d <= h->as_of; d++) {
		int p = history_daily_pain(h, d);
		if (p > best)
			best = p;
	}
	return best;
}

void history_next_massage(const struct history *h, enum decision decision,
			  int base_min, int base_max,
			  struct history_next_massage *out)
{
	const struct journal_entry *m = latest(h, JOURNAL_MASSAGE);
	char d[DATE_BUF];
	int32_t start;
	int lo, hi;

	memset(out, 0, sizeof *out);
	out->last_day = DATE_NONE;
	out->due_from = out->due_to = DATE_NONE;
	if (m != NULL) {
		const struct journal_massage *jm = &m->massage;
		out->has_last = true;
		out->last_day = m->day;
		out->last_pressure = jm->pressure;
		out->too_much = (jm->flare_hours != JOURNAL_UNSET &&
				 jm->flare_hours > 24) ||
				jm->bruised_or_limping ||
				(jm->has_felt && jm->felt == FEEL_BRUISED_OR_LIMPING);
		out->ask = jm->marks_known & ~jm->marks &
			   ((1u << JOURNAL_MARK__COUNT) - 1);
	}
	if (decision == DECISION_ASSESS_FIRST) {
		out->plan = HISTORY_PLAN_NONE;
		snprintf(out->why, sizeof out->why,
			 "get the pain assessed before the next massage");
		return;
	}

	out->has_pressure = true;
	out->pressure_min = base_min;
	out->pressure_max = base_max;
	if (out->too_much && out->last_pressure > 0) {
		int cap = out->last_pressure - 2 < 1 ? 1 : out->last_pressure - 2;
		if (out->pressure_max > cap)
			out->pressure_max = cap;
		if (out->pressure_min > out->pressure_max)
			out->pressure_min = out->pressure_max;
	}

	if (decision == DECISION_WITH_LOAD_CHANGE ||
	    peak_pain(h, h->as_of - 13) >= 4) {
		out->plan = HISTORY_PLAN_INJURY_BLOCK;
		lo = 7;
		hi = 14;
	} else {
		out->plan = HISTORY_PLAN_MAINTENANCE;
		lo = 21;
		hi = 42;
	}
	if (m != NULL) {
		start = m->day;
	} else {
		/* Nothing logged yet: a session is due now. */
		start = h->as_of - lo;
	}
	out->due_from = start + lo;
	out->due_to = start + hi;

	if (out->too_much && out->last_pressure > 0)
		snprintf(out->why, sizeof out->why,
			 "the massage of %s (%d/10) was too much: ask for 2 points less and more work on the muscle that loads the painful area",
			 date_format(out->last_day, d), out->last_pressure);
	else if (out->too_much)
		snprintf(out->why, sizeof out->why,
			 "the massage of %s was too much: ask for lighter pressure and more work on the muscle that loads the painful area",
			 date_format(out->last_day, d));
	else if (out->plan == HISTORY_PLAN_INJURY_BLOCK)
		snprintf(out->why, sizeof out->why,
			 "while the pain settles, a session every one or two weeks supports the rehab");
	else
		snprintf(out->why, sizeof out->why,
			 "for upkeep, a session every three to six weeks is enough");
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

static void check_load_spike(const struct history *h, int32_t start,
			     struct history_adherence *a)
{
	double before = 0, recent = 0;
	int n_before = 0;

	for (size_t i = 0; i < h->n; i++) {
		const struct journal_entry *en = &h->entries[i];
		if (en->kind != JOURNAL_RUN || !has(en->run.distance_m))
			continue;
		if (run_in(h, en, start - 28, start - 1)) {
			before += en->run.distance_m;
			n_before++;
		}
		if (run_in(h, en, a->from, a->to)) {
			a->runs++;
			if (en->day >= a->to - 6)
				recent += en->run.distance_m;
		}
	}
	if (n_before == 0) {
		a->state = RULE_STATE_UNKNOWN;
		snprintf(a->evidence, sizeof a->evidence,
			 "no runs with a distance in the 28 days before the plan");
		return;
	}
	double week = before / 4;
	/* Up to ten per cent above the usual week is not a new spike. */
	if (recent > week * 1.10) {
		a->state = RULE_STATE_NOT_MET;
		a->runs_breaking = 1;
	} else {
		a->state = RULE_STATE_MET;
	}
	snprintf(a->evidence, sizeof a->evidence,
		 "%.1f km in the last 7 days against a usual %.1f km a week",
		 recent / 1000, week / 1000);
}

/* The do-next items the journal can check, and how. */
static const struct {
	const char *id;
	void (*check)(const struct history *h, int32_t start,
		      struct history_adherence *a);
} checks[] = {
	{ "flat_easy_runs", check_hills },
	{ "reduce_hills", check_hills },
	{ "reduce_load_spike", check_load_spike },
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
