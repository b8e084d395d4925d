/*
 * brief.c - the therapist brief (see brief.h): one A4 page about one
 * runner, written for the therapist who will treat them.
 *
 * The page reads one struct report (report.h) and lays it out in the
 * order a colleague reads a referral: the decision and the warning signs,
 * where to work and what to leave alone, pressure and the last sessions,
 * the pain and the run rules, the load, the plan and the assessments, and
 * a sign-off with the date and who prepared it. Everything is inline (CSS
 * and SVG) so that the one file is the whole document; the stylesheet is
 * a constant here so that the server can allow exactly it by hash.
 */
#include "web/brief.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "web/html.h"
#include "web/report.h"
#include "web/svg.h"

#define BRIEF_MASSAGES 4

/* Whether the journal says enough, and recently enough, for advice: a
 * pain is logged and the journal has not gone quiet. Otherwise the page
 * gives the history but no decision, pressure or plan. */
static bool advice_holds(const struct assessment *a)
{
	return a->has_pain && a->verdict != VERDICT_STALE;
}

/* Sizes are in points and millimetres so that print is predictable: no
 * text under 8 pt. The charts' own text is sized by report.h's compact
 * box (REPORT_COMPACT_W) against the width of a column here. */
static const char css[] =
	"@page{size:A4;margin:7mm 10mm}"
	"body{font:8.5pt/1.22 system-ui,-apple-system,'Segoe UI',Roboto,"
	"sans-serif;color:#1d2a31;max-width:188mm;margin:0 auto;padding:4mm}"
	"h1{font-size:14pt;margin:0}h2{font-size:10pt;margin:1.6mm 0 .6mm;"
	"padding-bottom:.4mm;border-bottom:1.2px solid #1b5e7a;color:#1b5e7a}"
	"h3{font-size:9pt;margin:1mm 0 .4mm}p{margin:.6mm 0}"
	"ul{margin:.6mm 0;padding-left:4.5mm}li{margin:.2mm 0}"
	"header{display:flex;justify-content:space-between;align-items:"
	"baseline;border-bottom:2px solid #1d2a31;padding-bottom:1mm}"
	".meta{color:#3b4b55}"
	".verdict,.decision{border:1.5px solid #8a5300;border-radius:2mm;"
	"padding:1mm 2.5mm;margin:1mm 0}.verdict h3,.decision h3{margin:.4mm 0}"
	".verdict-ok{border-color:#1e7a3c}"
	".verdict-assess_first{border-color:#b3261e;border-width:2.5px}"
	".decision{border:0;padding:0 2.5mm}"
	".flag,.stops li{color:#8f1d16}.yes{color:#8f1d16;font-weight:700}"
	".unknown{color:#6a4a00}"
	"table{border-collapse:collapse;width:100%;margin:.6mm 0;"
	"font-size:8pt}"
	"th,td{border-bottom:1px solid #d5dde2;padding:.2mm 1.2mm;"
	"text-align:left;vertical-align:top}th{color:#3b4b55}"
	"table.massages td:first-child,table.signs td:nth-child(2)"
	"{white-space:nowrap}"
	"ul.rules{list-style:none;padding:0}ul.rules li{margin:0}"
	".rule-open strong{color:#8f1d16}"
	".cols{display:grid;grid-template-columns:1fr 1fr;gap:0 6mm}"
	"svg.bodymap{width:54mm;height:auto;display:block;margin:2mm auto 0;"
	"overflow:visible}"
	"svg.bodymap text{font-size:34px;fill:#33434d}svg.bodymap .bm-side"
	"{display:none}"
	".map-lists{display:grid;grid-template-columns:1fr 1fr;gap:0 3mm}"
	"svg.chart{width:100%;height:auto;display:block;break-inside:avoid}"
	".flow{columns:2;column-gap:6mm}.flow li,.flow p,.flow table,"
	".flow svg{break-inside:avoid}.flow h2{margin-top:0;padding-top:"
	"1.6mm}.map-lists{break-inside:avoid}"
	"h2,h3{break-after:avoid}"
	"details,.chart-climb{display:none}.noprint{margin-bottom:3mm}"
	"footer{margin-top:2.5mm;border-top:1px solid #c6d0d6;padding-top:"
	"1mm;color:#3b4b55}"
	"@media print{.noprint{display:none}body{padding:0;max-width:none}}"
	"@media screen and (max-width:600px){.cols,.map{display:block}"
	"td{overflow-wrap:anywhere}header{display:block}}";

const char *brief_css(void)
{
	return css;
}

/* What the decision means for the therapist, in the third person. */
static const char *const decision_said[DECISION__COUNT] = {
	[DECISION_MASSAGE_OK] = "Massage suits the runner today.",
	[DECISION_WITH_LOAD_CHANGE] = "Massage can help the runner, provided "
		"their training load changes as well.",
	[DECISION_ASSESS_FIRST] = "No massage, and no running on it, until a "
		"clinician has assessed the warning signs below.",
};

/* The symptom a warning sign is asked as (SYMPTOM__COUNT: read from the
 * scores, never asked). */
#define BRIEF_FLAG_SYMPTOM_(id, name, sym) [id] = sym,
static const enum symptom flag_symptom[RED_FLAG__COUNT] = {
	RED_FLAG_LIST(BRIEF_FLAG_SYMPTOM_)
};

static void section(struct strbuf *sb, const char *id, const char *title)
{
	strbuf_addf(sb, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s"
		    "</h2>", id, id, title);
}

/* The warning signs, one row each: what the journal's latest answers say
 * (yes, no, not asked) with the day of the answer, or for a sign still in
 * force the day it was logged; the two signs read from the pain scores
 * are never asked. The shin's focal pain is only asked about the shin. */
static void write_signs(struct strbuf *sb, const struct kb *kb,
			const struct assessment *a)
{
	char date[DATE_BUF];

	section(sb, "signs", "Warning signs");
	strbuf_addstr(sb, "<table class=\"signs\"><thead><tr><th scope=\"col\">"
		"Sign</th><th scope=\"col\">Answer</th></tr></thead><tbody>");
	for (int f = 0; f < RED_FLAG__COUNT; f++) {
		enum symptom s = flag_symptom[f];
		const struct history_sign *in_force = NULL;

		for (size_t i = 0; i < a->n_signs; i++)
			if (a->signs[i].flag == (enum red_flag)f)
				in_force = &a->signs[i];
		if (s == SYM_FOCAL_SHIN_PAIN && in_force == NULL &&
		    a->area != AREA_SHIN)
			continue;
		strbuf_addstr(sb, "<tr><td>");
		html_text(sb, kb_red_flag_label(kb, (enum red_flag)f));
		strbuf_addstr(sb, "</td><td>");
		if (in_force != NULL)
			strbuf_addf(sb, "<span class=\"yes\">yes</span>, %s, "
				    "in force",
				    date_format(in_force->day, date));
		else if (s != SYMPTOM__COUNT &&
			 (a->in.symptoms & SYMPTOM_BIT(s)))
			strbuf_addf(sb, "<span class=\"yes\">yes</span>, %s",
				    date_format(a->latest_pain_day, date));
		else if (s == SYMPTOM__COUNT)
			strbuf_addstr(sb, "no, from the scores");
		else if (a->in.denied & SYMPTOM_BIT(s))
			strbuf_addf(sb, "no, %s",
				    date_format(a->latest_pain_day, date));
		else
			strbuf_addstr(sb, "<span class=\"unknown\">not asked"
					  "</span>");
		strbuf_addstr(sb, "</td></tr>");
	}
	strbuf_addstr(sb, "</tbody></table></section>");
}

static void item_list(struct strbuf *sb, const struct kb_item *const *v,
		      size_t n)
{
	strbuf_addstr(sb, "<ul>");
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(sb, "<li>");
		html_text(sb, v[i]->text);
		strbuf_addstr(sb, "</li>");
	}
	strbuf_addstr(sb, "</ul>");
}

/* The body map of the current area: where to work, what to leave. */
static void write_map(struct strbuf *sb, const struct assessment *a)
{
	enum bodymap_mark marks[REGION__COUNT] = { MARK_NONE };
	const struct result *r = &a->r;

	section(sb, "where", "Where to work");
	if (!a->has_pain) {
		strbuf_addstr(sb, "<p>No pain logged, so no area to map.</p>"
				  "</section>");
		return;
	}
	bodymap_mark_result(marks, r);
	/* The map's view names are sized by the stylesheet (34 units of
	 * 640 across 54 mm print at 8 pt); at that size the words under
	 * each leg would run into each other, so they are hidden and the
	 * caption names the leg the marks are on. */
	svg_bodymap_side(sb, marks, a->in.side, "map-title");
	strbuf_addstr(sb, "<p id=\"map-title\" class=\"meta\">Body map, front, "
		"back and soles");
	if (a->in.side == SIDE_LEFT || a->in.side == SIDE_RIGHT)
		strbuf_addf(sb, " (%s leg)", side_name(a->in.side));
	strbuf_addstr(sb, ": green to work, hatched to leave.</p>"
			  "<div class=\"map-lists\"><div>");
	if (r->n_targets > 0) {
		strbuf_addstr(sb, "<h3>Work</h3>");
		item_list(sb, r->targets, r->n_targets);
	} else if (r->decision == DECISION_ASSESS_FIRST) {
		strbuf_addstr(sb, "<p>Nothing to work until the runner has "
				  "been assessed.</p>");
	}
	strbuf_addstr(sb, "</div><div>");
	if (r->n_avoid > 0) {
		strbuf_addstr(sb, "<h3>Leave alone</h3>");
		item_list(sb, r->avoid, r->n_avoid);
	}
	strbuf_addstr(sb, "</div></div></section>");
}

/* The pressure range and why, then the last sessions. */
static void write_pressure(struct strbuf *sb, const struct report *rep)
{
	const struct assessment *a = rep->a;
	const struct history_next_massage *nx = &a->next;
	char from[DATE_BUF], to[DATE_BUF];
	int lo = a->r.pressure_min, hi = a->r.pressure_max;

	section(sb, "pressure", "Pressure and last massages");
	if (nx->has_pressure) {
		lo = nx->pressure_min;
		hi = nx->pressure_max;
	}
	if (!a->has_pain) {
		strbuf_addstr(sb, "<p><strong>No pressure range:</strong> no "
				  "pain is logged to judge it by.</p>");
	} else if (a->verdict == VERDICT_STALE) {
		strbuf_addstr(sb, "<p><strong>No pressure range:</strong> the "
				  "latest pain entry is too old; ask the runner "
				  "how it is today.</p>");
	} else if (!a->r.has_pressure) {
		strbuf_addstr(sb, "<p><strong>No pressure range:</strong> no "
				  "massage until the runner is assessed.</p>");
	} else {
		strbuf_addf(sb, "<p><strong>Pressure %d to %d out of 10."
			    "</strong> ", lo, hi);
		html_text(sb, a->r.pressure_why->text);
		strbuf_addstr(sb, "</p>");
	}
	if (advice_holds(a) && a->r.has_pressure &&
	    nx->plan != HISTORY_PLAN_NONE) {
		strbuf_addstr(sb, "<p>Next session: ");
		html_text(sb, nx->why);
		strbuf_addf(sb, "; due %s to %s.</p>",
			    date_format(nx->due_from, from),
			    date_format(nx->due_to, to));
	}
	report_massages(sb, rep, BRIEF_MASSAGES);
	strbuf_addstr(sb, "</section>");
}

static const char *const rule_said[] = {
	[RULE_STATE_MET] = "met",
	[RULE_STATE_NOT_MET] = "not met",
	[RULE_STATE_UNKNOWN] = "not known",
};

/* The five return-to-run rules, each with what the journal shows. */
static void write_rules(struct strbuf *sb, const struct assessment *a)
{
	strbuf_addstr(sb, "<h3>Return-to-run rules</h3><ul class=\"rules\">");
	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		enum rule_state st = a->rules[i].state;

		strbuf_addf(sb, "<li class=\"rule-%s\"><strong>%s:</strong> ",
			    st == RULE_STATE_MET ? "met" : "open",
			    rule_said[st]);
		html_text(sb, a->rules[i].text);
		strbuf_addstr(sb, " <span class=\"meta\">(");
		html_text(sb, a->rules[i].evidence);
		strbuf_addstr(sb, ")</span></li>");
	}
	strbuf_addstr(sb, "</ul>");
}

static const char *const kept_said[] = {
	[RULE_STATE_MET] = "kept",
	[RULE_STATE_NOT_MET] = "not kept",
	[RULE_STATE_UNKNOWN] = "cannot tell",
};

/* The do-next plan in force with its dates and whether it is kept; while
 * waiting for an assessment, what the runner was told to do meanwhile. */
static void write_plan(struct strbuf *sb, const struct assessment *a)
{
	char from[DATE_BUF], to[DATE_BUF];

	section(sb, "plan", "Plan");
	if (a->n_plan > 0 && a->plan_from != DATE_NONE) {
		strbuf_addf(sb, "<p>In force from %s to %s:</p><ul>",
			    date_format(a->plan_from, from),
			    date_format(a->plan_to, to));
		for (size_t i = 0; i < a->n_plan; i++) {
			strbuf_addstr(sb, "<li>");
			html_text(sb, a->plan_items[i]->text);
			strbuf_addstr(sb, " (");
			/* An item's window is cut at today; only one that
			 * starts later than the plan needs its own date. */
			if (a->plan[i].from != a->plan_from)
				strbuf_addf(sb, "from %s: ",
					    date_format(a->plan[i].from, from));
			strbuf_addstr(sb, kept_said[a->plan[i].state]);
			if (a->plan[i].evidence[0] != '\0') {
				strbuf_addstr(sb, ", ");
				html_text(sb, a->plan[i].evidence);
			}
			strbuf_addstr(sb, ")</li>");
		}
		strbuf_addstr(sb, "</ul>");
	} else if (advice_holds(a) && a->r.n_do_next > 0) {
		strbuf_addstr(sb, a->verdict == VERDICT_ASSESS_FIRST
				  ? "<p>Until the assessment the runner "
				    "was advised:</p>"
				  : "<p>No dated plan in the journal; the "
				    "advice for now:</p>");
		item_list(sb, a->r.do_next, a->r.n_do_next);
	} else {
		strbuf_addstr(sb, "<p>No plan in force.</p>");
	}
	strbuf_addstr(sb, "</section>");
}

int brief_write(const struct kb *kb, struct store *st, const char *person,
		const char *by, const char *back_link, struct strbuf *sb,
		struct err *e)
{
	struct store_person p;
	struct report r;
	char date[DATE_BUF];
	unsigned charts = REPORT_PAIN | REPORT_LOAD | REPORT_COMPACT;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	store_entries_init(&r.list);
	if (store_person_resolve(st, person, false, &p, e) < 0 ||
	    report_load(&r, kb, st, &p, date_today(), e) < 0)
		goto done;
	for (int i = 0; i < r.a->load.n_warnings; i++)
		if (r.a->load.warnings[i].climb)
			charts |= REPORT_CLIMB;
	date_format(r.today, date);
	strbuf_addstr(sb, "<!doctype html>\n<html lang=\"en\"><head><meta "
		"charset=\"utf-8\"><meta name=\"viewport\" content=\"width="
		"device-width, initial-scale=1\"><title>Therapist brief: ");
	html_text(sb, p.name);
	strbuf_addstr(sb, "</title><style>");
	strbuf_addstr(sb, css);
	strbuf_addstr(sb, "</style></head><body><main>");
	if (back_link != NULL) {
		strbuf_addstr(sb, "<p class=\"noprint\"><a href=\"");
		html_attr(sb, back_link);
		strbuf_addstr(sb, "\">Back to runcare</a> \xc2\xb7 use the "
				  "browser's Print to print or save as PDF."
				  "</p>");
	}
	strbuf_addstr(sb, "<header><h1>Therapist brief: ");
	html_text(sb, p.name);
	strbuf_addstr(sb, "</h1><p class=\"meta\">");
	if (r.a->has_pain) {
		html_text(sb, report_area_words[r.a->area]);
		if (r.a->in.side != SIDE__COUNT)
			strbuf_addf(sb, " (%s)", side_name(r.a->in.side));
		strbuf_addstr(sb, " \xc2\xb7 ");
	}
	strbuf_addf(sb, "journal as of %s</p></header>", date);

	section(sb, "decision", "Decision");
	if (advice_holds(r.a)) {
		strbuf_addstr(sb, "<p><strong>");
		html_text(sb, decision_said[r.a->r.decision]);
		strbuf_addstr(sb, "</strong> ");
		html_text(sb, r.a->r.condition_item->text);
		strbuf_addstr(sb, "</p>");
	}
	report_headline(sb, kb, &r, 3);
	strbuf_addstr(sb, "</section>");
	if (!r.a->has_pain)
		strbuf_addstr(sb, "<p>The runner has logged no pain, so there "
				  "is no complaint to brief on.</p>");

	write_pressure(sb, &r);

	/* The rest in two balanced columns, read down the first and then
	 * the second: how long each part is depends on the journal (the
	 * area's lists, rules' evidence, warnings, plan items), so the
	 * browser evens them out, keeping tables, charts and items whole. */
	strbuf_addstr(sb, "<div class=\"flow\">");
	write_signs(sb, kb, r.a);
	write_map(sb, r.a);
	section(sb, "pain", "Pain and the run rules");
	report_trend(sb, &r);
	report_charts(sb, &r, 3, false, REPORT_PAIN | REPORT_COMPACT);
	write_rules(sb, r.a);
	strbuf_addstr(sb, "</section>");
	section(sb, "load", "Load");
	report_charts(sb, &r, 3, false, charts & ~REPORT_PAIN);
	strbuf_addstr(sb, "</section>");
	write_plan(sb, r.a);
	section(sb, "assessments", "Assessments");
	report_assessments(sb, &r);
	strbuf_addstr(sb, "</section></div>");

	strbuf_addf(sb, "<footer><p><strong>Prepared on %s", date);
	if (by != NULL && by[0] != '\0') {
		strbuf_addstr(sb, " by ");
		html_text(sb, by);
	}
	strbuf_addstr(sb, "</strong>, from the runner's own journal in "
			  "runcare. ");
	html_text(sb, kb_disclaimer(kb));
	strbuf_addstr(sb, "</p></footer></main></body></html>\n");
	rc = 0;
done:
	report_release(&r);
	return rc;
}
