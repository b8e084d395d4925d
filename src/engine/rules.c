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

/* Rest pain from this score on makes the tissue irritable, and keeps a
 * session from being an ordinary one. */
#define REST_PAIN_IRRITABLE 4
/* Rest pain from this score on is a warning sign (the guide's night or
 * rest pain); for the shin from REST_PAIN_IRRITABLE on, because shin pain
 * at rest sits on the bone-stress spectrum. */
#define REST_PAIN_RED_FLAG 7
/* The highest score that counts as severe is from here on. */
#define SEVERE_PAIN 7
/* Deep tissue work needs room for at least this much pressure. */
#define DEEP_TISSUE_MIN_PRESSURE 5

/* The contract's "irritable": flared tendon, sharp first-step pain, any
 * shin pain, pain getting worse, rest pain of 4 or more, or severe pain
 * (acute pain takes light pressure). */
static bool is_irritable(const struct intake *in, bool severe)
{
	return HAS(in, SYM_TENDON_FLARE) || HAS(in, SYM_SHARP_MORNING_PAIN) ||
	       in->area == AREA_SHIN || in->trend == TREND_WORSE ||
	       in->pain_rest >= REST_PAIN_IRRITABLE || severe;
}

/* Red flags: the seven reported ones map one to one onto enum red_flag
 * (names.c checks it when compiling), plus severe pain that worsens week
 * on week, strong pain at rest, and any flag the journal carries over. */
static uint32_t find_red_flags(const struct intake *in, bool severe)
{
	uint32_t flags = (in->symptoms & SYMPTOM_RED_FLAG_MASK) |
			 in->carried_flags;
	int rest_limit = in->area == AREA_SHIN ? REST_PAIN_IRRITABLE
					       : REST_PAIN_RED_FLAG;

	if (severe && in->trend == TREND_WORSE)
		flags |= UINT32_C(1) << FLAG_SEVERE_WORSENING;
	if (in->pain_rest >= rest_limit)
		flags |= UINT32_C(1) << FLAG_REST_PAIN;
	return flags;
}

/* The red-flag symptoms nobody answered: in neither symptoms nor denied.
 * The precise-spot question is a shin question. */
static uint32_t find_unanswered(const struct intake *in)
{
	uint32_t asked = in->symptoms | in->denied;
	uint32_t open = SYMPTOM_RED_FLAG_MASK & ~asked;

	if (in->area != AREA_SHIN)
		open &= ~SYMPTOM_BIT(SYM_FOCAL_SHIN_PAIN);
	return open;
}

static void decide(const struct kb *kb, const struct intake *in,
		   struct result *r)
{
	bool settled_pattern, rest_pain = in->pain_rest >= REST_PAIN_IRRITABLE;

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
	if (r->unanswered)
		add_reason(r, kb, RULE_RED_FLAGS_UNANSWERED);
	settled_pattern = (HAS(in, SYM_TIGHT) &&
			   HAS(in, SYM_IMPROVES_WITH_WARMUP)) ||
			  HAS(in, SYM_POST_TRAINING_SORENESS) ||
			  HAS(in, SYM_STRESS_POOR_SLEEP);
	if (in->trend != TREND_WORSE && !r->severe && !rest_pain &&
	    !HAS(in, SYM_LOAD_PATTERN) && !HAS(in, SYM_TENDON_FLARE) &&
	    settled_pattern) {
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
	if (r->severe)
		add_reason(r, kb, RULE_SEVERE_PAIN);
	if (rest_pain)
		add_reason(r, kb, RULE_PAIN_AT_REST);
	if (!HAS(in, SYM_LOAD_PATTERN) && !HAS(in, SYM_TENDON_FLARE) &&
	    in->trend != TREND_WORSE && !r->severe && !rest_pain)
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

/*
 * The type follows the contract's order, and its description never
 * contradicts the pressure: sports massage next to a light band is
 * described as light, and deep tissue needs a band that reaches 5 (a flare
 * cap below that rules it out).
 */
static void set_massage_type(const struct kb *kb, const struct intake *in,
			     struct result *r)
{
	enum rule why;

	if (r->irritable) {
		r->massage_type = MTYPE_SPORTS;
		why = RULE_TYPE_IRRITABLE;
	} else if (HAS(in, SYM_TRIGGER_POINTS) &&
		   r->pressure_max >= DEEP_TISSUE_MIN_PRESSURE) {
		r->massage_type = MTYPE_DEEP_TISSUE;
		why = RULE_TYPE_TRIGGER_POINTS;
	} else if (HAS(in, SYM_TRIGGER_POINTS)) {
		r->massage_type = MTYPE_SPORTS;
		why = RULE_TYPE_LIGHT_AFTER_FLARE;
	} else if (HAS(in, SYM_STRESS_POOR_SLEEP) && !HAS(in, SYM_TIGHT)) {
		r->massage_type = MTYPE_RELAXATION;
		why = RULE_TYPE_RELAXATION;
	} else {
		r->massage_type = MTYPE_SPORTS;
		why = RULE_TYPE_SPORTS;
	}
	r->has_massage_type = true;
	r->massage_type_item =
		r->massage_type == MTYPE_SPORTS &&
				r->pressure_max < DEEP_TISSUE_MIN_PRESSURE
			? &kb->light_sports
			: &kb->massage_types[r->massage_type];
	add_reason(r, kb, why);
}

/*
 * Self-massage is fine only for the kind of pain the guide means: general
 * tightness that eases with warm-up (or training soreness), on tissue that
 * is not irritable, with no limp or changed stride. Anything else gets the
 * cautious band, and assess-first gets none.
 */
static void set_self_massage(const struct kb *kb, const struct intake *in,
			     struct result *r)
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
	} else if (HAS(in, SYM_LIMP_AFTER) || HAS(in, SYM_STRIDE_CHANGE)) {
		r->self_massage = SELF_CAUTION;
		why = RULE_SELF_CAUTION_RUN_SIGNS;
		band = &kb->self_caution;
	} else if (!HAS(in, SYM_TIGHT) && !HAS(in, SYM_IMPROVES_WITH_WARMUP) &&
		   !HAS(in, SYM_POST_TRAINING_SORENESS)) {
		r->self_massage = SELF_CAUTION;
		why = RULE_SELF_CAUTION_PATTERN;
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

/* A run rule that one reported symptom breaks and its denial meets. */
static enum rule_state symptom_rule_state(const struct intake *in,
					  enum symptom breaks_it)
{
	if (HAS(in, breaks_it))
		return RULE_STATE_NOT_MET;
	if (in->denied & SYMPTOM_BIT(breaks_it))
		return RULE_STATE_MET;
	return RULE_STATE_UNKNOWN;
}

/* The state of one of the five run rules, from what was reported only. */
static enum rule_state run_rule_state(const struct intake *in,
				      enum run_rule rule)
{
	switch (rule) {
	case RUNRULE_PAIN_AT_MOST_3:
		if (in->pain_run == PAIN_UNSET)
			return RULE_STATE_UNKNOWN;
		return in->pain_run <= 3 ? RULE_STATE_MET : RULE_STATE_NOT_MET;
	case RUNRULE_NO_STRIDE_CHANGE:
		return symptom_rule_state(in, SYM_STRIDE_CHANGE);
	case RUNRULE_NOT_WORSE_NEXT_MORNING:
		return symptom_rule_state(in, SYM_WORSE_NEXT_MORNING);
	case RUNRULE_NO_LIMP:
		return symptom_rule_state(in, SYM_LIMP_AFTER);
	case RUNRULE_NOT_DETERIORATING:
		if (!in->has_trend)
			return RULE_STATE_UNKNOWN;
		return in->trend == TREND_WORSE ? RULE_STATE_NOT_MET
						: RULE_STATE_MET;
	default:
		return RULE_STATE_UNKNOWN;
	}
}

/*
 * The run verdict: any rule not met says not yet, even when others are
 * unknown; ok needs all five answered and met; anything else is unknown.
 */
static void set_run_verdict(const struct kb *kb, const struct intake *in,
			    struct result *r)
{
	bool any_not_met = false, all_met = true;

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

		rr->rule = (enum run_rule)i;
		rr->item = &kb->run_rules[i];
		rr->state = run_rule_state(in, rr->rule);
		any_not_met |= rr->state == RULE_STATE_NOT_MET;
		all_met &= rr->state == RULE_STATE_MET;
	}
	r->run = any_not_met ? RUN_NOT_YET : all_met ? RUN_OK : RUN_UNKNOWN;
}

/* Copy the entries of a kb list into out[] (no conditions apply). */
static size_t all_of(const struct kb_list *list, const struct kb_item **out)
{
	for (size_t i = 0; i < list->count; i++)
		out[i] = &list->entries[i].item;
	return list->count;
}

void engine_triage(const struct kb *kb, const struct intake *in,
		   struct result *r)
{
	const struct kb_condition *cond;

	memset(r, 0, sizeof *r);
	r->severe = highest_pain(in) >= SEVERE_PAIN;
	r->irritable = is_irritable(in, r->severe);
	r->red_flags = find_red_flags(in, r->severe);
	r->unanswered = r->red_flags ? 0 : find_unanswered(in);
	r->side = in->side;
	r->goal = in->goal;
	r->condition = kb->by_area[in->area];
	cond = &kb->conditions[r->condition];

	decide(kb, in, r);
	if (r->decision == DECISION_ASSESS_FIRST) {
		/* No massage advice of any kind until a clinician has seen
		 * it, and no overload label that the warning sign puts in
		 * doubt: what to leave alone, and how to wait. */
		r->condition_item = &kb->unassessed;
		r->referral = &kb->referral;
		r->n_avoid = all_of(&kb->assess_avoid, r->avoid);
		r->do_next[r->n_do_next++] = &kb->get_assessed;
		for (size_t i = 0; i < kb->assess_meanwhile.count &&
				   r->n_do_next < RESULT_MAX_ITEMS;
		     i++)
			r->do_next[r->n_do_next++] =
				&kb->assess_meanwhile.entries[i].item;
		set_self_massage(kb, in, r);
		set_run_verdict(kb, in, r);
		return;
	}
	r->has_condition = true;
	r->condition_item = &cond->item;
	r->goal_item = &kb->goals[in->goal];
	set_pressure(kb, in, r);
	set_massage_type(kb, in, r);
	set_self_massage(kb, in, r);
	r->n_targets = pick(&cond->targets, in, r, r->targets);
	r->n_avoid = pick(&cond->avoid, in, r, r->avoid);
	r->n_do_next = pick(&cond->do_next, in, r, r->do_next);
	r->n_aftercare = pick(&kb->aftercare, in, r, r->aftercare);
	set_run_verdict(kb, in, r);
}
