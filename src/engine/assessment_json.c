/*
 * assessment_json.c - a struct assessment as the JSON object of `runcare
 * status --format json` (see assessment.h).
 *
 * The object is the triage result of the contract (result_to_json) with
 * the journal's findings spliced in after its last key: the person and
 * day, the intake the journal implies, the headline, the warning signs in
 * force and the assessments, the weekly pain behind the trend, the daily
 * pain, the run rules with their evidence, the next massage, the plan and
 * the load. docs/journal.md lists every key.
 */
#include "engine/assessment.h"

#include <string.h>

#include "core/date.h"

/* Days of daily pain in the JSON (the series ends on as_of). */
#define JSON_DAYS 28

static const char *symptom_at(int i)
{
	return symptom_name((enum symptom)i);
}

static void json_week(struct strbuf *out, const struct history_week *w)
{
	strbuf_addstr(out, "{\"from\":");
	date_add_json(out, w->from);
	strbuf_addstr(out, ",\"to\":");
	date_add_json(out, w->to);
	strbuf_addf(out, ",\"days\":%d,\"mean\":", w->days);
	if (w->days > 0)
		strbuf_addf(out, "%.2f", w->mean);
	else
		strbuf_addstr(out, "null");
	strbuf_addch(out, '}');
}

static void json_intake(struct strbuf *out, const struct intake *in)
{
	static const char *const label[] = { "rest", "run", "morning" };
	int v[] = { in->pain_rest, in->pain_run, in->pain_morning };
	bool first = true;

	strbuf_addstr(out, "{\"area\":");
	strbuf_add_json_str(out, area_name(in->area));
	strbuf_addstr(out, ",\"symptoms\":");
	strbuf_add_json_names(out, in->symptoms, SYMPTOM__COUNT, symptom_at);
	strbuf_addstr(out, ",\"denied\":");
	strbuf_add_json_names(out, in->denied, SYMPTOM__COUNT, symptom_at);
	strbuf_addstr(out, ",\"pain\":{");
	for (int i = 0; i < 3; i++)
		if (v[i] != PAIN_UNSET) {
			strbuf_addf(out, "%s\"%s\":%d", first ? "" : ",",
				    label[i], v[i]);
			first = false;
		}
	/* The trend only when the journal could tell one. */
	strbuf_addstr(out, "},\"trend\":");
	if (in->has_trend)
		strbuf_add_json_str(out, trend_name(in->trend));
	else
		strbuf_addstr(out, "null");
	strbuf_addstr(out, ",\"goal\":");
	strbuf_add_json_str(out, goal_name(in->goal));
	if ((unsigned)in->side < SIDE__COUNT) {
		strbuf_addstr(out, ",\"side\":");
		strbuf_add_json_str(out, side_name(in->side));
	}
	if (in->has_last_massage) {
		strbuf_addstr(out, ",\"last_massage\":{");
		if (in->last_pressure)
			strbuf_addf(out, "\"pressure\":%d,", in->last_pressure);
		strbuf_addf(out, "\"flare_hours\":%g,\"bruised_or_limping\":%s}",
			    in->flare_hours,
			    in->bruised_or_limping ? "true" : "false");
	}
	strbuf_addch(out, '}');
}

static void json_headline(struct strbuf *out, const struct assessment *a)
{
	strbuf_addstr(out, "{\"verdict\":");
	strbuf_add_json_str(out, assessment_verdict_name(a->verdict));
	strbuf_addstr(out, ",\"text\":");
	strbuf_add_json_str(out, a->verdict_text);
	strbuf_addstr(out, ",\"running\":");
	strbuf_add_json_str(out, a->run_text);
	strbuf_addstr(out, ",\"items\":[");
	for (size_t i = 0; i < a->n_items; i++) {
		const struct assessment_item *it = &a->items[i];

		strbuf_addstr(out, i ? ",{\"kind\":" : "{\"kind\":");
		strbuf_add_json_str(out, assessment_item_name(it->kind));
		strbuf_addf(out, ",\"blocking\":%s,\"date\":",
			    it->blocking ? "true" : "false");
		date_add_json(out, it->day);
		strbuf_addstr(out, ",\"text\":");
		strbuf_add_json_str(out, it->text);
		strbuf_addstr(out, ",\"source\":");
		strbuf_add_json_str(out, guide_section_title(it->source));
		strbuf_addch(out, '}');
	}
	strbuf_addstr(out, "]}");
}

static void json_one_assessment(struct strbuf *out,
				const struct journal_entry *en)
{
	if (en == NULL) {
		strbuf_addstr(out, "null");
		return;
	}
	strbuf_addstr(out, "{\"date\":");
	date_add_json(out, en->day);
	strbuf_addstr(out, ",\"outcome\":");
	strbuf_add_json_str(out, journal_outcome_name(en->assessment.outcome));
	strbuf_addstr(out, ",\"by\":");
	if (en->assessment.by != NULL)
		strbuf_add_json_str(out, en->assessment.by);
	else
		strbuf_addstr(out, "null");
	strbuf_addstr(out, ",\"note\":");
	if (en->assessment.note != NULL)
		strbuf_add_json_str(out, en->assessment.note);
	else
		strbuf_addstr(out, "null");
	strbuf_addch(out, '}');
}

static void json_signs(struct strbuf *out, const struct assessment *a)
{
	strbuf_addstr(out, "[");
	for (size_t i = 0; i < a->n_signs; i++) {
		strbuf_addstr(out, i ? ",{\"flag\":" : "{\"flag\":");
		strbuf_add_json_str(out, red_flag_name(a->signs[i].flag));
		strbuf_addstr(out, ",\"date\":");
		date_add_json(out, a->signs[i].day);
		strbuf_addstr(out, ",\"area\":");
		strbuf_add_json_str(out, area_name(a->signs[i].area));
		strbuf_addch(out, '}');
	}
	strbuf_addstr(out, "]");
}

static void json_trend(struct strbuf *out, const struct assessment *a)
{
	strbuf_addstr(out, ",\"trend\":");
	if (a->trend.enough)
		strbuf_add_json_str(out, trend_name(a->trend.trend));
	else
		strbuf_addstr(out, "null");
	strbuf_addstr(out, ",\"weekly_pain\":{\"this_week\":");
	json_week(out, &a->trend.this_week);
	strbuf_addstr(out, ",\"last_week\":");
	json_week(out, &a->trend.last_week);
	strbuf_addf(out, ",\"enough\":%s,\"rule\":",
		    a->trend.enough ? "true" : "false");
	strbuf_addf(out,
		    "\"worse when this week's mean daily pain is at least %.1f above last week's, better when at least %.1f below; needs %d scored days in each week\"",
		    HISTORY_TREND_DELTA, HISTORY_TREND_DELTA,
		    HISTORY_TREND_MIN_DAYS);
	strbuf_addstr(out, ",\"source\":");
	strbuf_add_json_str(out, guide_section_title(GUIDE_SAFE_TO_RUN));
	strbuf_addstr(out, "},\"daily_pain\":{\"from\":");
	date_add_json(out, a->as_of - JSON_DAYS + 1);
	strbuf_addstr(out, ",\"to\":");
	date_add_json(out, a->as_of);
	strbuf_addstr(out, ",\"values\":[");
	for (int i = ASSESSMENT_DAYS - JSON_DAYS; i < ASSESSMENT_DAYS; i++) {
		if (i > ASSESSMENT_DAYS - JSON_DAYS)
			strbuf_addch(out, ',');
		if (a->daily[i] < 0)
			strbuf_addstr(out, "null");
		else
			strbuf_addint(out, a->daily[i]);
	}
	strbuf_addstr(out, "]}");
}

static void json_rules(struct strbuf *out, const struct assessment *a)
{
	strbuf_addstr(out, ",\"run_rules\":[");
	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		const struct history_rule *r = &a->rules[i];

		strbuf_addstr(out, i ? ",{\"rule\":" : "{\"rule\":");
		strbuf_add_json_str(out, run_rule_name(r->rule));
		strbuf_addstr(out, ",\"state\":");
		strbuf_add_json_str(out, history_rule_state_name(r->state));
		strbuf_addstr(out, ",\"evidence\":");
		strbuf_add_json_str(out, r->evidence);
		strbuf_addstr(out, ",\"date\":");
		date_add_json(out, r->day);
		strbuf_addstr(out, ",\"text\":");
		strbuf_add_json_str(out, r->text);
		strbuf_addstr(out, ",\"source\":");
		strbuf_add_json_str(out, r->source);
		strbuf_addch(out, '}');
	}
	strbuf_addch(out, ']');
}

/* from..to as {"from":..,"to":..}, or null when from is DATE_NONE. */
static void json_range(struct strbuf *out, int32_t from, int32_t to)
{
	if (from == DATE_NONE) {
		strbuf_addstr(out, "null");
		return;
	}
	strbuf_addstr(out, "{\"from\":");
	date_add_json(out, from);
	strbuf_addstr(out, ",\"to\":");
	date_add_json(out, to);
	strbuf_addch(out, '}');
}

static const char *mark_name_at(int i)
{
	return journal_mark_name((enum journal_mark)i);
}

static void json_next(struct strbuf *out, const struct assessment *a)
{
	const struct history_next_massage *n = &a->next;

	strbuf_addstr(out, ",\"next_massage\":{\"plan\":");
	strbuf_add_json_str(out, history_plan_name(n->plan));
	strbuf_addstr(out, ",\"due\":");
	json_range(out, n->plan == HISTORY_PLAN_NONE ? DATE_NONE : n->due_from,
		   n->due_to);
	strbuf_addstr(out, ",\"block\":");
	json_range(out, n->block_from, n->block_to);
	if (n->has_pressure)
		strbuf_addf(out, ",\"pressure\":{\"min\":%d,\"max\":%d}",
			    n->pressure_min, n->pressure_max);
	else
		strbuf_addstr(out, ",\"pressure\":null");
	strbuf_addf(out, ",\"deeper\":%s,\"last\":", n->rises ? "true" : "false");
	if (n->has_last) {
		strbuf_addstr(out, "{\"date\":");
		date_add_json(out, n->last_day);
		strbuf_addstr(out, ",\"pressure\":");
		if (n->last_pressure)
			strbuf_addint(out, n->last_pressure);
		else
			strbuf_addstr(out, "null");
		strbuf_addf(out, ",\"too_much\":%s}",
			    n->too_much ? "true" : "false");
	} else {
		strbuf_addstr(out, "null");
	}
	strbuf_addstr(out, ",\"ask\":");
	strbuf_add_json_names(out, n->ask, JOURNAL_MARK__COUNT, mark_name_at);
	strbuf_addstr(out, ",\"why\":");
	strbuf_add_json_str(out, n->why);
	strbuf_addstr(out, ",\"source\":");
	strbuf_add_json_str(out, guide_section_title(n->source));
	strbuf_addch(out, '}');
}

static void json_plan(struct strbuf *out, const struct assessment *a)
{
	strbuf_addstr(out, ",\"plan\":");
	json_range(out, a->plan_from, a->plan_to);
	strbuf_addstr(out, ",\"adherence\":[");
	for (size_t i = 0; i < a->n_plan; i++) {
		const struct history_adherence *ad = &a->plan[i];

		strbuf_addstr(out, i ? ",{\"id\":" : "{\"id\":");
		strbuf_add_json_str(out, ad->plan_id);
		strbuf_addstr(out, ",\"text\":");
		strbuf_add_json_str(out, a->plan_items[i]->text);
		strbuf_addstr(out, ",\"state\":");
		strbuf_add_json_str(out, ad->state == RULE_STATE_MET ? "kept"
					 : ad->state == RULE_STATE_NOT_MET
						 ? "not_kept"
						 : "unknown");
		strbuf_addstr(out, ",\"from\":");
		date_add_json(out, ad->from);
		strbuf_addstr(out, ",\"to\":");
		date_add_json(out, ad->to);
		strbuf_addf(out, ",\"runs\":%d,\"runs_breaking\":%d,\"evidence\":",
			    ad->runs, ad->runs_breaking);
		strbuf_add_json_str(out, ad->evidence);
		strbuf_addstr(out, ",\"source\":");
		strbuf_add_json_str(out, a->plan_items[i]->source);
		strbuf_addch(out, '}');
	}
	strbuf_addch(out, ']');
}

void assessment_to_json(const struct assessment *a, const struct kb *kb,
			const char *person, struct strbuf *out)
{
	size_t before = out->len;

	result_to_json(&a->r, kb, out);
	/* Splice the journal's keys into the result object. */
	while (out->len > before && out->buf[out->len - 1] != '}')
		out->len--;
	out->len--;
	out->buf[out->len] = '\0';

	strbuf_addstr(out, ",\"person\":");
	strbuf_add_json_str(out, person);
	strbuf_addstr(out, ",\"as_of\":");
	date_add_json(out, a->as_of);
	strbuf_addstr(out, ",\"intake\":");
	json_intake(out, &a->in);
	strbuf_addstr(out, ",\"headline\":");
	json_headline(out, a);
	strbuf_addstr(out, ",\"latest_pain\":");
	date_add_json(out, a->latest_pain_day);
	strbuf_addf(out, ",\"stale\":%s,\"warning_signs\":",
		    a->stale ? "true" : "false");
	json_signs(out, a);
	strbuf_addstr(out, ",\"assessment\":{\"latest\":");
	json_one_assessment(out, a->last_assessment);
	strbuf_addstr(out, ",\"cleared\":");
	json_one_assessment(out, a->cleared);
	strbuf_addch(out, '}');
	json_trend(out, a);
	json_rules(out, a);
	json_next(out, a);
	json_plan(out, a);
	strbuf_addstr(out, ",\"load\":");
	load_report_json(&a->load, out);
	strbuf_addch(out, '}');
}
