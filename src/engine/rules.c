/*
 * rules.c - the triage rules: from a valid intake to a result.
 *
 * engine_triage() applies the decision rules of the triage contract in a
 * fixed order: derived facts (severe, irritable, red flags), the decision,
 * then pressure, massage type, self-massage, targets and avoid, do-next,
 * aftercare and the run verdict. Wording and per-condition lists come from
 * the knowledge base; the logic, and in particular which symptoms are red
 * flags, is fixed here so that no knowledge-base edit can switch one off.
 * docs/rules.md states each rule with the guide section behind it.
 *
 * Pure computation: no I/O, no allocation, no global state.
 */
#include <string.h>

#include "engine/kb_internal.h"

#define HAS(in, s) (((in)->symptoms & SYMPTOM_BIT(s)) != 0)

static void add_reason(struct result *r, const struct kb *kb, enum rule rule)
{
	r->reasons[r->n_reasons].rule = rule;
	r->reasons[r->n_reasons].item = &kb->rules[rule];
	r->n_reasons++;
}

static int highest_pain(const struct intake *in)
{
	int m = PAIN_UNSET;

	if (in->pain_rest > m)
		m = in->pain_rest;
	if (in->pain_run > m)
		m = in->pain_run;
	if (in->pain_morning > m)
		m = in->pain_morning;
	return m;
}

/* The contract's "irritable": flared tendon, sharp first-step pain, any
 * shin pain, pain getting worse, or rest pain of 4 or more. */
static bool is_irritable(const struct intake *in)
{
	return HAS(in, SYM_TENDON_FLARE) || HAS(in, SYM_SHARP_MORNING_PAIN) ||
	       in->area == AREA_SHIN || in->trend == TREND_WORSE ||
	       in->pain_rest >= 4;
}

/* Red flags: the seven reported ones map one to one onto enum red_flag,
 * plus severe pain that worsens week on week. */
static uint32_t find_red_flags(const struct intake *in, bool severe)
{
	uint32_t flags = in->symptoms & SYMPTOM_RED_FLAG_MASK;

	if (severe && in->trend == TREND_WORSE)
		flags |= UINT32_C(1) << FLAG_SEVERE_WORSENING;
	return flags;
}

static void decide(const struct kb *kb, const struct intake *in,
		   struct result *r)
{
	bool settled_pattern;

	if (r->red_flags) {
		r->decision = DECISION_ASSESS_FIRST;
		for (int f = 0; f < RED_FLAG__COUNT; f++) {
			if (!(r->red_flags & (UINT32_C(1) << f)))
				continue;
			r->reasons[r->n_reasons].rule = RULE_RED_FLAG;
			r->reasons[r->n_reasons].item = &kb->red_flags[f];
			r->n_reasons++;
		}
		return;
	}
	settled_pattern = (HAS(in, SYM_TIGHT) &&
			   HAS(in, SYM_IMPROVES_WITH_WARMUP)) ||
			  HAS(in, SYM_POST_TRAINING_SORENESS) ||
			  HAS(in, SYM_STRESS_POOR_SLEEP);
	if (in->trend != TREND_WORSE && !HAS(in, SYM_LOAD_PATTERN) &&
	    !HAS(in, SYM_TENDON_FLARE) && settled_pattern) {
		r->decision = DECISION_MASSAGE_OK;
		add_reason(r, kb, RULE_MASSAGE_OK);
		return;
	}
	r->decision = DECISION_WITH_LOAD_CHANGE;
	if (HAS(in, SYM_LOAD_PATTERN))
		add_reason(r, kb, RULE_LOAD_PATTERN);
	if (HAS(in, SYM_TENDON_FLARE))
		add_reason(r, kb, RULE_TENDON_FLARE);
	if (in->trend == TREND_WORSE)
		add_reason(r, kb, RULE_WORSENING);
	if (!HAS(in, SYM_LOAD_PATTERN) && !HAS(in, SYM_TENDON_FLARE) &&
	    in->trend != TREND_WORSE)
		add_reason(r, kb, RULE_NOT_CLEARLY_MASSAGE_OK);
}

/* Did the last massage go too far: a flare longer than the guide's limit,
 * or bruising or a limp? */
static bool last_massage_flared(const struct kb *kb, const struct intake *in)
{
	return in->has_last_massage &&
	       (in->flare_hours > kb->flare_hours || in->bruised_or_limping);
}

static void set_pressure(const struct kb *kb, const struct intake *in,
			 struct result *r)
{
	const struct kb_band *band = r->irritable ? &kb->irritable : &kb->stable;
	int max = band->max < kb->ceiling ? band->max : kb->ceiling;
	int min = band->min;

	r->has_pressure = true;
	add_reason(r, kb, r->irritable ? RULE_IRRITABLE : RULE_STABLE_PRESSURE);
	r->pressure_why = &kb->rules[r->irritable ? RULE_IRRITABLE
						  : RULE_STABLE_PRESSURE];
	if (last_massage_flared(kb, in)) {
		/* Lighter than last time by the guide's step; when the last
		 * pressure is not known, fall back to the light band. */
		int cap = in->last_pressure > 0
				  ? in->last_pressure - kb->flare_reduction
				  : kb->irritable.max;

		if (cap < 1)
			cap = 1;
		if (max > cap)
			max = cap;
		if (min > max)
			min = max;
		add_reason(r, kb, RULE_FLARE_AFTER_MASSAGE);
		r->pressure_why = &kb->rules[RULE_FLARE_AFTER_MASSAGE];
	}
	r->pressure_min = min;
	r->pressure_max = max;
}

static void set_massage_type(const struct kb *kb, const struct intake *in,
			     struct result *r)
{
	enum rule why;

	if (r->irritable) {
		r->massage_type = MTYPE_SPORTS;
		why = RULE_TYPE_IRRITABLE;
	} else if (HAS(in, SYM_TRIGGER_POINTS)) {
		r->massage_type = MTYPE_DEEP_TISSUE;
		why = RULE_TYPE_TRIGGER_POINTS;
	} else if (HAS(in, SYM_STRESS_POOR_SLEEP) && !HAS(in, SYM_TIGHT)) {
		r->massage_type = MTYPE_RELAXATION;
		why = RULE_TYPE_RELAXATION;
	} else {
		r->massage_type = MTYPE_SPORTS;
		why = RULE_TYPE_SPORTS;
	}
	r->has_massage_type = true;
	r->massage_type_item = &kb->massage_types[r->massage_type];
	add_reason(r, kb, why);
}

static void set_self_massage(const struct kb *kb, struct result *r)
{
	const struct kb_band *band;
	enum rule why;

	if (r->decision == DECISION_ASSESS_FIRST) {
		r->self_massage = SELF_AVOID;
		why = RULE_SELF_AVOID;
		band = NULL;
	} else if (r->irritable) {
		r->self_massage = SELF_CAUTION;
		why = RULE_SELF_CAUTION;
		band = &kb->self_caution;
	} else {
		r->self_massage = SELF_OK;
		why = RULE_SELF_OK;
		band = &kb->self;
	}
	r->self_massage_why = &kb->rules[why];
	add_reason(r, kb, why);
	r->has_self_pressure = band != NULL;
	if (band != NULL) {
		/* Never firmer on yourself than a therapist would go today. */
		r->self_pressure_max =
			band->max < r->pressure_max ? band->max : r->pressure_max;
		r->self_pressure_min = band->min < r->self_pressure_max
					       ? band->min
					       : r->self_pressure_max;
	}
}

static bool entry_applies(const struct kb_entry *en, const struct intake *in,
			  const struct result *r)
{
	switch (en->when) {
	case KB_WHEN_ALWAYS:
		return true;
	case KB_WHEN_IRRITABLE:
		return r->irritable;
	case KB_WHEN_SYMPTOM:
		return HAS(in, en->when_symptom);
	}
	return false;
}

/* Copy the entries of list that apply to this intake into out[]. */
static size_t pick(const struct kb_list *list, const struct intake *in,
		   const struct result *r, const struct kb_item **out)
{
	size_t n = 0;

	for (size_t i = 0; i < list->count; i++)
		if (entry_applies(&list->entries[i], in, r))
			out[n++] = &list->entries[i].item;
	return n;
}

static void set_run_verdict(const struct kb *kb, const struct intake *in,
			    struct result *r)
{
	static const struct {
		enum run_rule rule;
		enum symptom breaks_it;	/* SYMPTOM__COUNT: none */
	} checks[RUN_RULE_CHECK_COUNT] = {
		{ RUNRULE_PAIN_AT_MOST_3, SYMPTOM__COUNT },
		{ RUNRULE_NO_STRIDE_CHANGE, SYM_STRIDE_CHANGE },
		{ RUNRULE_NOT_WORSE_NEXT_MORNING, SYM_WORSE_NEXT_MORNING },
		{ RUNRULE_NO_LIMP, SYM_LIMP_AFTER },
		{ RUNRULE_NOT_DETERIORATING, SYMPTOM__COUNT },
	};
	bool all_met = true;

	r->run_advice = &kb->run_rules[RUNRULE_ONE_VARIABLE];
	if (r->decision == DECISION_ASSESS_FIRST) {
		r->run = RUN_NOT_UNTIL_ASSESSED;
		r->run_reasons[0].rule = RUNRULE_ASSESSED_FIRST;
		r->run_reasons[0].state = RULE_STATE_NOT_MET;
		r->run_reasons[0].item = &kb->run_rules[RUNRULE_ASSESSED_FIRST];
		r->n_run_reasons = 1;
		return;
	}
	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		struct run_reason *rr = &r->run_reasons[r->n_run_reasons++];

		rr->rule = checks[i].rule;
		rr->item = &kb->run_rules[checks[i].rule];
		if (checks[i].rule == RUNRULE_PAIN_AT_MOST_3)
			rr->state = in->pain_run == PAIN_UNSET
					    ? RULE_STATE_UNKNOWN
				    : in->pain_run <= 3 ? RULE_STATE_MET
							: RULE_STATE_NOT_MET;
		else if (checks[i].rule == RUNRULE_NOT_DETERIORATING)
			rr->state = in->trend == TREND_WORSE
					    ? RULE_STATE_NOT_MET
					    : RULE_STATE_MET;
		else
			rr->state = HAS(in, checks[i].breaks_it)
					    ? RULE_STATE_NOT_MET
					    : RULE_STATE_MET;
		if (rr->state != RULE_STATE_MET)
			all_met = false;
	}
	if (in->pain_run == PAIN_UNSET)
		r->run = RUN_UNKNOWN;
	else
		r->run = all_met ? RUN_OK : RUN_NOT_YET;
}

void engine_triage(const struct kb *kb, const struct intake *in,
		   struct result *r)
{
	const struct kb_condition *cond;

	memset(r, 0, sizeof *r);
	r->severe = highest_pain(in) >= 7;
	r->irritable = is_irritable(in);
	r->red_flags = find_red_flags(in, r->severe);
	r->goal = in->goal;
	r->goal_item = &kb->goals[in->goal];
	r->condition = kb->by_area[in->area];
	cond = &kb->conditions[r->condition];
	r->condition_item = &cond->item;

	decide(kb, in, r);
	r->n_avoid = pick(&cond->avoid, in, r, r->avoid);
	if (r->decision == DECISION_ASSESS_FIRST) {
		/* No pressure, no type, no targets and no loading plan until
		 * a clinician has seen it; the one thing to do is get it
		 * assessed. */
		r->referral = &kb->referral;
		r->do_next[r->n_do_next++] = &kb->get_assessed;
		set_self_massage(kb, r);
		set_run_verdict(kb, in, r);
		return;
	}
	set_pressure(kb, in, r);
	set_massage_type(kb, in, r);
	set_self_massage(kb, r);
	r->n_targets = pick(&cond->targets, in, r, r->targets);
	r->n_do_next = pick(&cond->do_next, in, r, r->do_next);
	r->n_aftercare = pick(&kb->aftercare, in, r, r->aftercare);
	set_run_verdict(kb, in, r);
}
