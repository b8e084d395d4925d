/*
 * page_result.c - the result of a check: the decision first, then warning
 * signs and where to get assessed, the body map coloured by what to
 * massage and what to leave alone, the pressure on a 0-10 gauge, and the
 * plan for the next days with calendar dates.
 *
 * An assess-first result is a page of its own kind: the warning signs,
 * where to get assessed and what to do while waiting, and nothing about
 * massage (no map of where to work, no pressure, no type, no session
 * goal). Any other result names, right under the decision, the warning
 * signs nobody was asked about, so that nothing reassuring stands above
 * an open question.
 *
 * Every colour on the page has a text equivalent next to it (the lists
 * under the map, the numbers under the gauge), so nothing depends on
 * telling colours apart.
 */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "web/html.h"
#include "web/svg.h"
#include "web/web.h"

static const char *const self_words[] = {
	[SELF_OK] = "Self-massage is fine",
	[SELF_CAUTION] = "Self-massage only gently",
	[SELF_AVOID] = "No self-massage for now",
};
static const char *const state_words[] = {
	[RULE_STATE_MET] = "yes",
	[RULE_STATE_NOT_MET] = "no",
	[RULE_STATE_UNKNOWN] = "not known yet",
};

/* "Mon 30 Nov" for today plus days (core/date: no clock or zone work
 * beyond one localtime_r per call). */
static void date_words(char *buf, size_t size, int32_t today, int days)
{
	static const char *const wday[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
					    "Sat", "Sun" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
					   "Jun", "Jul", "Aug", "Sep", "Oct",
					   "Nov", "Dec" };
	int y, m, d;

	date_to_ymd(today + days, &y, &m, &d);
	snprintf(buf, size, "%s %d %s", wday[date_weekday(today + days)], d,
		 mon[(m - 1) % 12]);
}

static void item_list(struct strbuf *sb, const struct kb_item *const *items,
		      size_t n, const char *cls)
{
	strbuf_addf(sb, "<ul class=\"%s\">", cls);
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(sb, "<li>");
		html_text(sb, items[i]->text);
		strbuf_addstr(sb, "</li>");
	}
	strbuf_addstr(sb, "</ul>");
}

/* The sign in the decision's band: its shape says what its colour says,
 * for anyone who cannot tell the colours apart. */
static const char *const decision_sign[] = {
	[DECISION_MASSAGE_OK] = "\u2713",		 /* check mark */
	[DECISION_WITH_LOAD_CHANGE] = "!",
	[DECISION_ASSESS_FIRST] = "\u2715",		 /* cross */
};

static void write_decision(struct web_req *rq, struct strbuf *sb,
			   const struct result *r)
{
	const struct kb *kb = rq->app->kb;

	strbuf_addf(sb, "<section class=\"decision decision-%s\" "
		    "aria-labelledby=\"decision\"><h2 id=\"decision\">"
		    "<span class=\"sign\" aria-hidden=\"true\">%s</span> ",
		    decision_name(r->decision), decision_sign[r->decision]);
	html_text(sb, kb_decision(kb, r->decision)->text);
	strbuf_addstr(sb, "</h2><p>");
	html_text(sb, r->condition_item->text);
	strbuf_addstr(sb, "</p>");
	if (r->unanswered != 0) {
		strbuf_addstr(sb, "<div class=\"unanswered\"><p><strong>Not "
			      "asked yet.</strong> This only holds if none of "
			      "these applies; if one does, skip massage and "
			      "have it assessed:</p><ul>");
		for (int s = 0; s < SYMPTOM_RED_FLAG_COUNT; s++) {
			if (!(r->unanswered & SYMPTOM_BIT(s)))
				continue;
			strbuf_addstr(sb, "<li>");
			html_text(sb, kb_red_flag_label(kb, (enum red_flag)s));
			strbuf_addstr(sb, "</li>");
		}
		strbuf_addstr(sb, "</ul></div>");
	}
	strbuf_addstr(sb, "</section>");
	if (r->red_flags == 0)
		return;
	strbuf_addstr(sb, "<section class=\"red-flags\" aria-labelledby="
		"\"flags\"><h2 id=\"flags\">Warning signs you reported</h2><ul>");
	for (int f = 0; f < RED_FLAG__COUNT; f++) {
		if (!(r->red_flags & (1u << f)))
			continue;
		strbuf_addstr(sb, "<li>");
		html_text(sb, kb_red_flag(kb, (enum red_flag)f)->text);
		strbuf_addstr(sb, "</li>");
	}
	strbuf_addstr(sb, "</ul><h3>Where to get it assessed</h3><p>");
	if (r->referral != NULL)
		html_text(sb, r->referral->text);
	strbuf_addstr(sb, "</p></section>");
}

/*
 * Where to massage. The map always shows where to work: with no named
 * muscle (pain outside the five conditions), the muscle the person chose
 * on the map is the place, worked around the sore spot as the general
 * advice says. Marks go on the painful leg when the side is known.
 */
static void write_map(struct strbuf *sb, const struct intake *in,
		      const struct result *r, const enum region *chosen)
{
	enum bodymap_mark marks[REGION__COUNT] = { MARK_NONE };
	bool named = false;	/* the advice names a place on the map */
	bool chosen_is_place;	/* else the muscle chosen is the place */

	if (chosen != NULL)
		marks[*chosen] = MARK_CHOSEN;	/* advice below wins */
	for (size_t i = 0; i < r->n_targets; i++)
		if (r->targets[i]->has_region) {
			marks[r->targets[i]->region] = MARK_TARGET;
			named = true;
		}
	chosen_is_place = !named && chosen != NULL &&
			  bodymap_region_area(*chosen) == AREA_OTHER;
	if (chosen_is_place)
		marks[*chosen] = MARK_TARGET;
	for (size_t i = 0; i < r->n_avoid; i++)
		if (r->avoid[i]->has_region)
			marks[r->avoid[i]->region] = MARK_AVOID;
	strbuf_addstr(sb, "<section aria-labelledby=\"where\"><h2 id=\"where\">"
		"Where to massage</h2><div class=\"where-grid\">");
	svg_bodymap_side(sb, marks, in->side, "map-title");
	strbuf_addstr(sb, "<div><p id=\"map-title\" class=\"hint\">Body map: "
		"the places to massage and the places to leave alone, front, "
		"back and soles.</p><ul class=\"legend\"><li><span class=\"swatch "
		"swatch-target\" aria-hidden=\"true\"></span>Massage here"
		"</li><li><span class=\"swatch swatch-avoid\" aria-hidden="
		"\"true\"></span>Leave alone</li>");
	if (chosen != NULL) {
		strbuf_addstr(sb, "<li><span class=\"swatch swatch-chosen\" "
				  "aria-hidden=\"true\"></span>Where it hurts: ");
		html_text(sb, bodymap_region_label(*chosen));
		if (in->side == SIDE_LEFT || in->side == SIDE_RIGHT)
			strbuf_addf(sb, ", %s leg", side_name(in->side));
		else if (in->side == SIDE_BOTH)
			strbuf_addstr(sb, ", both legs");
		strbuf_addstr(sb, "</li>");
	}
	strbuf_addstr(sb, "</ul>");
	if (r->n_targets > 0) {
		strbuf_addstr(sb, "<h3>Massage here</h3>");
		item_list(sb, r->targets, r->n_targets, "targets");
	} else if (r->decision != DECISION_ASSESS_FIRST) {
		strbuf_addstr(sb, "<h3>Massage here</h3><p>");
		if (chosen_is_place) {
			html_text(sb, bodymap_region_label(*chosen));
			strbuf_addstr(sb, ": work the muscle around the sore "
					  "spot, not the spot itself.");
		} else {
			strbuf_addstr(sb, "No particular muscle: work the "
					  "muscle that loads the painful area.");
		}
		strbuf_addstr(sb, "</p>");
	}
	if (r->n_avoid > 0) {
		strbuf_addstr(sb, "<h3>Leave alone</h3>");
		item_list(sb, r->avoid, r->n_avoid, "avoid");
	}
	strbuf_addstr(sb, "</div></div></section>");
}

static void write_pressure(struct strbuf *sb, const struct result *r)
{
	char label[96];

	strbuf_addstr(sb, "<section aria-labelledby=\"how\"><h2 id=\"how\">"
			  "How firm, and which massage</h2>");
	if (r->has_pressure) {
		snprintf(label, sizeof(label),
			 "Pressure %d to %d on a scale of 0 to 10",
			 r->pressure_min, r->pressure_max);
		svg_gauge(sb, r->pressure_min, r->pressure_max, label);
		strbuf_addstr(sb, "<p class=\"pressure\"><strong>");
		html_text(sb, label);
		strbuf_addstr(sb, "</strong>. ");
		html_text(sb, r->pressure_why->text);
		strbuf_addstr(sb, "</p>");
	}
	if (r->has_massage_type) {
		strbuf_addstr(sb, "<p>");
		html_text(sb, r->massage_type_item->text);
		strbuf_addstr(sb, "</p>");
	}
	strbuf_addstr(sb, "<p><strong>");
	html_text(sb, self_words[r->self_massage]);
	if (r->has_self_pressure)
		strbuf_addf(sb, " (%d to %d out of 10)", r->self_pressure_min,
			    r->self_pressure_max);
	strbuf_addstr(sb, ".</strong> ");
	if (r->self_massage_why != NULL)
		html_text(sb, r->self_massage_why->text);
	strbuf_addstr(sb, "</p></section>");
}

/* What to leave alone while waiting for an assessment. */
static void write_leave_alone(struct strbuf *sb, const struct result *r)
{
	strbuf_addstr(sb, "<section aria-labelledby=\"leave\"><h2 id=\"leave\">"
			  "Until then, leave alone</h2>");
	item_list(sb, r->avoid, r->n_avoid, "avoid");
	strbuf_addstr(sb, "</section>");
}

static void write_plan(struct strbuf *sb, const struct result *r)
{
	int32_t today = date_today();

	strbuf_addf(sb, "<section aria-labelledby=\"next\"><h2 id=\"next\">"
		    "%s</h2><ol class=\"plan\">",
		    r->decision == DECISION_ASSESS_FIRST
			    ? "What to do while you wait"
			    : "What to do next");
	for (size_t i = 0; i < r->n_do_next; i++) {
		const struct kb_item *it = r->do_next[i];
		char from[32], to[32];

		strbuf_addstr(sb, "<li>");
		html_text(sb, it->text);
		if (it->days[1] > 0) {
			date_words(from, sizeof(from), today, it->days[0]);
			date_words(to, sizeof(to), today, it->days[1]);
			strbuf_addstr(sb, " <span class=\"when\">");
			if (it->days[0] == it->days[1])
				html_textf(sb, "For %d days, until %s.",
					   it->days[0], from);
			else
				html_textf(sb, "For %d to %d days: until "
					   "between %s and %s.", it->days[0],
					   it->days[1], from, to);
			strbuf_addstr(sb, "</span>");
		}
		if (it->per_week[1] > 0) {
			strbuf_addstr(sb, " <span class=\"when\">");
			if (it->per_week[0] == it->per_week[1])
				html_textf(sb, "%d times a week.",
					   it->per_week[0]);
			else
				html_textf(sb, "%d to %d times a week.",
					   it->per_week[0], it->per_week[1]);
			strbuf_addstr(sb, "</span>");
		}
		strbuf_addstr(sb, "</li>");
	}
	strbuf_addstr(sb, "</ol>");
	if (r->n_aftercare > 0) {
		strbuf_addstr(sb, "<h3>After the massage</h3>");
		item_list(sb, r->aftercare, r->n_aftercare, "aftercare");
	}
	strbuf_addstr(sb, "</section>");
}

static void write_run(struct web_req *rq, struct strbuf *sb,
		      const struct result *r)
{
	strbuf_addf(sb, "<section aria-labelledby=\"run\"><h2 id=\"run\">"
		    "Running</h2><p class=\"run run-%s\"><strong>",
		    run_verdict_name(r->run));
	html_text(sb, kb_run_verdict(rq->app->kb, r->run)->text);
	strbuf_addstr(sb, "</strong></p>");
	if (r->n_run_reasons > 0) {
		strbuf_addstr(sb, "<table class=\"rules\"><caption>The "
			"return-to-run rules</caption><thead><tr><th scope="
			"\"col\">Rule</th><th scope=\"col\">Met?</th></tr>"
			"</thead><tbody>");
		for (size_t i = 0; i < r->n_run_reasons; i++) {
			const struct run_reason *rr = &r->run_reasons[i];

			strbuf_addstr(sb, "<tr><td>");
			html_text(sb, rr->item->text);
			strbuf_addf(sb, "</td><td class=\"state-%d\">%s</td>"
				    "</tr>", (int)rr->state,
				    state_words[rr->state]);
		}
		strbuf_addstr(sb, "</tbody></table>");
	}
	if (r->run_advice != NULL) {
		strbuf_addstr(sb, "<p>");
		html_text(sb, r->run_advice->text);
		strbuf_addstr(sb, "</p>");
	}
	strbuf_addstr(sb, "</section>");
}

static void write_reasons(struct strbuf *sb, const struct result *r)
{
	strbuf_addstr(sb, "<section aria-labelledby=\"why\"><h2 id=\"why\">"
			  "Why runcare says this</h2><ul class=\"reasons\">");
	for (size_t i = 0; i < r->n_reasons; i++) {
		strbuf_addstr(sb, "<li>");
		html_text(sb, r->reasons[i].item->text);
		strbuf_addstr(sb, " <cite>");
		html_text(sb, r->reasons[i].item->source);
		strbuf_addstr(sb, "</cite></li>");
	}
	strbuf_addstr(sb, "</ul>");
	if (r->goal_item != NULL) {
		strbuf_addstr(sb, "<p>");
		html_text(sb, r->goal_item->text);
		strbuf_addstr(sb, "</p>");
	}
	strbuf_addstr(sb, "</section>");
}

/*
 * One click to keep this check: a pain entry of today with the area,
 * side, scores, the symptoms reported and the questions answered no,
 * carried as hidden fields to POST /journal (the journal's own pain form
 * reads them, with the same checks).
 */
static void write_save(struct web_req *rq, struct strbuf *sb,
		       const struct intake *in)
{
	static const char *const score_field[] = { "rest", "run", "morning" };
	const int score[] = { in->pain_rest, in->pain_run, in->pain_morning };
	char num[12], field[48];

	strbuf_addstr(sb, "<form method=\"post\" action=\"/journal\" "
		      "class=\"card save\" aria-labelledby=\"keep\"><h2 "
		      "id=\"keep\">Keep this in the journal</h2><p class="
		      "\"hint\">Saves today's pain: where, the side, the "
		      "scores and every answer given above.</p>");
	page_form_hidden(rq, sb);
	html_hidden(sb, "kind", "pain");
	html_hidden(sb, "area", area_name(in->area));
	if (in->side != SIDE__COUNT)
		html_hidden(sb, "side", side_name(in->side));
	for (int i = 0; i < 3; i++) {
		if (score[i] == PAIN_UNSET)
			continue;
		snprintf(num, sizeof num, "%d", score[i]);
		html_hidden(sb, score_field[i], num);
	}
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		if (in->symptoms & SYMPTOM_BIT(s)) {
			html_hidden(sb, "s", symptom_name((enum symptom)s));
		} else if (in->denied & SYMPTOM_BIT(s)) {
			snprintf(field, sizeof field, "q-%s",
				 symptom_name((enum symptom)s));
			html_hidden(sb, field, "no");
		}
	}
	strbuf_addstr(sb, "<p><button type=\"submit\" class=\"primary\">"
		      "Save in the journal");
	if (rq->person[0] != '\0') {
		strbuf_addstr(sb, " of ");
		html_text(sb, rq->person);
	}
	strbuf_addstr(sb, "</button></p></form>");
}

void page_result(struct web_req *rq, struct web_resp *rs,
		 const struct intake *in, const struct result *r,
		 const enum region *chosen)
{
	struct strbuf *sb = &rs->body;

	page_begin(rq, rs, "Your result", "/");
	strbuf_addstr(sb, "<h1>Your result</h1>");
	write_decision(rq, sb, r);
	if (r->decision == DECISION_ASSESS_FIRST) {
		write_leave_alone(sb, r);
	} else {
		write_map(sb, in, r, chosen);
		write_pressure(sb, r);
	}
	write_plan(sb, r);
	write_run(rq, sb, r);
	write_reasons(sb, r);
	write_save(rq, sb, in);
	strbuf_addstr(sb, "<p><a class=\"button\" href=\"/");
	page_person_query(rq, sb, true);
	strbuf_addstr(sb, "\">Check another pain</a></p>");
	page_end(rq, rs);
}
