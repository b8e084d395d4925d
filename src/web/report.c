/*
 * report.c - the figures behind the status page and the brief (see
 * report.h).
 *
 * Weekly figures, the acute:chronic ratio and the load warnings come from
 * the load module (engine/load.h, docs/load.md). The band drawn on the
 * weekly load is the chart's own: for each week, 0.8 to 1.3 times the mean
 * week of the four weeks before it (rest days count as zero). It shows how
 * far a week jumped from what the legs were used to; the link between the
 * ratio and injury is disputed, so the pages present it as a picture of
 * change, not as a risk score.
 */
#include "web/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/xmalloc.h"
#include "engine/load.h"
#include "web/html.h"
#include "web/svg.h"

const char *const report_feel_words[] = {
	[FEEL_LIGHTER_SMOOTHER] = "lighter and smoother",
	[FEEL_NO_CHANGE] = "no change",
	[FEEL_BRUISED_OR_LIMPING] = "bruised or limping",
};
const char *const report_area_words[] = {
	[AREA_HEEL] = "Heel or arch", [AREA_KNEE] = "Knee",
	[AREA_SHIN] = "Shin", [AREA_ACHILLES] = "Achilles",
	[AREA_HIP] = "Hip", [AREA_OTHER] = "Elsewhere",
};

const char *const report_region_words[] = {
	[REGION_CALF] = "gastrocnemius", [REGION_SOLEUS] = "soleus",
	[REGION_FOOT_INTRINSICS] = "foot intrinsics",
	[REGION_QUADRICEPS] = "quadriceps", [REGION_HAMSTRINGS] = "hamstrings",
	[REGION_HIP_FLEXORS] = "hip flexors", [REGION_ADDUCTORS] = "adductors",
	[REGION_GLUTES] = "gluteus maximus",
	[REGION_GLUTE_MED] = "gluteus medius",
	[REGION_GLUTE_MIN] = "gluteus minimus",
	[REGION_DEEP_HIP_ROTATORS] = "deep hip rotators",
	[REGION_TIBIALIS_ANTERIOR] = "tibialis anterior",
	[REGION_PERONEALS] = "peroneals",
	[REGION_HEEL_INSERTION] = "plantar fascia at the heel",
	[REGION_IT_BAND] = "IT band",
	[REGION_PATELLAR_TENDON] = "patellar tendon",
	[REGION_SHIN_BONE_EDGE] = "inner edge of the tibia",
	[REGION_ACHILLES_TENDON] = "Achilles tendon",
};

const char *const report_type_words[] = {
	[MTYPE_SPORTS] = "Sports", [MTYPE_DEEP_TISSUE] = "Deep tissue",
	[MTYPE_RELAXATION] = "Relaxation",
};

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
				      "Jun", "Jul", "Aug", "Sep", "Oct",
				      "Nov", "Dec" };

static void short_date(int32_t day, char *buf, size_t size)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, size, "%d %s", d, months[(m - 1) % 12]);
}

static void fill_days(struct report *r)
{
	int32_t first = r->today - REPORT_DAYS + 1;

	for (int k = 0; k < 3; k++)
		for (int i = 0; i < REPORT_DAYS; i++)
			r->pain[k][i] = NAN;
	for (int i = 0; i < REPORT_DAYS; i++) {
		r->massage[i] = NAN;
		r->flare[i] = false;
		short_date(first + i, r->day_label[i], sizeof(r->day_label[i]));
	}
	for (size_t i = 0; i < r->list.n; i++) {
		const struct journal_entry *en = &r->list.v[i];
		int d = en->day - first;

		if (d < 0 || d >= REPORT_DAYS)
			continue;
		if (en->kind == JOURNAL_PAIN && r->a->has_pain &&
		    en->pain.area == r->a->area) {
			int v[3] = { en->pain.rest, en->pain.run,
				     en->pain.morning };

			for (int k = 0; k < 3; k++)
				if (v[k] != PAIN_UNSET &&
				    (isnan(r->pain[k][d]) || v[k] > r->pain[k][d]))
					r->pain[k][d] = v[k];
		} else if (en->kind == JOURNAL_MASSAGE) {
			r->massage[d] = en->massage.pressure
					? en->massage.pressure : NAN;
			r->flare[d] = en->massage.bruised_or_limping ||
				      (en->massage.flare_hours != JOURNAL_UNSET &&
				       en->massage.flare_hours > 24);
		}
	}
}

/*
 * Weekly load from the assessment's load report (engine/load.h): twelve
 * rolling weeks, plus four more so that the first shown week has its band
 * too. The band is the mean of those of the four weeks before that the
 * journal covers (a week before the first run is not a rest week), and
 * there is none when it covers none of them.
 */
static void fill_weeks(struct report *r)
{
	const struct load_report *lr = &r->a->load;

	for (int w = 0; w < REPORT_WEEKS; w++) {
		const struct load_week *wk = &lr->weeks[REPORT_WEEKS - 1 - w];
		double base = 0;
		int n = 0;

		for (int k = 1; k <= 4; k++) {
			const struct load_week *b =
				&lr->weeks[REPORT_WEEKS - 1 - w + k];
			if (b->covered) {
				base += b->distance_m;
				n++;
			}
		}
		base = n > 0 ? base / (n * 1000.0) : 0;
		r->week_km[w] = wk->distance_m / 1000;
		r->week_climb[w] = wk->climb_m > 0 ? wk->climb_m : 0;
		r->band_lo[w] = base > 0 ? base * REPORT_BAND_LO : NAN;
		r->band_hi[w] = base > 0 ? base * REPORT_BAND_HI : NAN;
		short_date(wk->from, r->week_label[w], sizeof(r->week_label[w]));
	}
}

int report_load(struct report *r, const struct kb *kb, struct store *st,
		const struct store_person *person, int32_t today,
		struct err *e)
{
	struct assessment_input in;
	int32_t episode;

	memset(r, 0, sizeof(*r));
	store_entries_init(&r->list);
	r->person = *person;
	r->today = today;
	if (store_journal_as_of(st, person->id, today, &r->list, &episode,
				e) < 0)
		return -1;
	in = (struct assessment_input){ r->list.v, r->list.n, today, episode,
					REPORT_WEEKS + 4 };
	r->a = xmalloc(sizeof(*r->a));
	assessment_build(kb, &in, r->a);
	fill_days(r);
	fill_weeks(r);
	return 0;
}

void report_release(struct report *r)
{
	free(r->a);
	r->a = NULL;
	store_entries_release(&r->list);
}

static const char *const trend_said[] = {
	[TREND_SAME] = "about the same as the week before",
	[TREND_BETTER] = "better than the week before",
	[TREND_WORSE] = "worse than the week before",
};
static const char *const state_said[] = {
	[RULE_STATE_MET] = "met",
	[RULE_STATE_NOT_MET] = "not met",
	[RULE_STATE_UNKNOWN] = "not known",
};

/* The verdict and what stands behind it: the blocking items, then the
 * open ones, each in its own list. */
void report_headline(struct strbuf *sb, const struct kb *kb,
		     const struct report *r, int h)
{
	const struct assessment *a = r->a;
	bool any_open = false, any_blocking = false;

	strbuf_addf(sb, "<section class=\"verdict verdict-%s\" aria-labelledby="
		    "\"verdict\"><h%d id=\"verdict\">",
		    assessment_verdict_name(a->verdict), h);
	html_text(sb, a->verdict_text);
	strbuf_addf(sb, "</h%d>", h);
	/* The printed brief (h > 2) keeps the open items to one paragraph
	 * and leaves the unanswered run rules and warning signs to its own
	 * lists of them. */
	for (size_t i = 0; i < a->n_items; i++)
		if (a->items[i].blocking)
			any_blocking = true;
		else if (h == 2 || (a->items[i].kind != ITEM_NOT_ANSWERED &&
				    a->items[i].kind != ITEM_NOT_ASKED))
			any_open = true;
	if (any_blocking) {
		strbuf_addstr(sb, "<ul class=\"stops\">");
		for (size_t i = 0; i < a->n_items; i++)
			if (a->items[i].blocking) {
				strbuf_addstr(sb, "<li>");
				html_text(sb, a->items[i].text);
				strbuf_addstr(sb, "</li>");
			}
		strbuf_addstr(sb, "</ul>");
	}
	if (any_open && h > 2) {
		strbuf_addstr(sb, "<p class=\"open\"><strong>Still open:"
				  "</strong>");
		for (size_t i = 0; i < a->n_items; i++)
			if (!a->items[i].blocking &&
			    a->items[i].kind != ITEM_NOT_ANSWERED &&
			    a->items[i].kind != ITEM_NOT_ASKED) {
				strbuf_addch(sb, ' ');
				html_text(sb, a->items[i].text);
			}
		strbuf_addstr(sb, "</p>");
	} else if (any_open) {
		strbuf_addstr(sb, "<p>Still open:</p><ul class=\"open\">");
		for (size_t i = 0; i < a->n_items; i++)
			if (!a->items[i].blocking) {
				strbuf_addstr(sb, "<li>");
				html_text(sb, a->items[i].text);
				strbuf_addstr(sb, "</li>");
			}
		strbuf_addstr(sb, "</ul>");
	}
	if (a->verdict == VERDICT_ASSESS_FIRST && h == 2) {
		/* Words to the runner; the brief gives the therapist the
		 * same plan under its own heading. */
		strbuf_addstr(sb, "<p>");
		html_text(sb, a->r.referral->text);
		strbuf_addstr(sb, "</p><p>While waiting:</p><ul>");
		for (size_t i = 0; i < a->r.n_do_next; i++) {
			strbuf_addstr(sb, "<li>");
			html_text(sb, a->r.do_next[i]->text);
			strbuf_addstr(sb, "</li>");
		}
		strbuf_addstr(sb, "</ul>");
	}
	strbuf_addstr(sb, "</section>");
	(void)kb;
}

void report_summary(struct strbuf *sb, const struct kb *kb,
		    const struct report *r, int h)
{
	const struct assessment *a = r->a;
	char date[DATE_BUF];

	report_headline(sb, kb, r, h);
	if (!a->has_pain)
		return;
	if (a->verdict != VERDICT_ASSESS_FIRST && a->verdict != VERDICT_STALE) {
		strbuf_addf(sb, "<section class=\"decision decision-%s\"><h%d>",
			    decision_name(a->r.decision), h);
		html_text(sb, kb_decision(kb, a->r.decision)->text);
		strbuf_addf(sb, "</h%d><p>", h);
		html_text(sb, a->r.condition_item->text);
		if (a->r.has_pressure && a->r.pressure_min == a->r.pressure_max)
			strbuf_addf(sb, " Pressure %d out of 10.",
				    a->r.pressure_min);
		else if (a->r.has_pressure)
			strbuf_addf(sb, " Pressure %d to %d out of 10.",
				    a->r.pressure_min, a->r.pressure_max);
		strbuf_addstr(sb, "</p>");
		if (a->next.plan != HISTORY_PLAN_NONE) {
			strbuf_addstr(sb, "<p>Next massage: ");
			html_text(sb, a->next.why);
			strbuf_addstr(sb, ". Due from ");
			strbuf_addstr(sb, date_format(a->next.due_from, date));
			strbuf_addstr(sb, " to ");
			strbuf_addstr(sb, date_format(a->next.due_to, date));
			strbuf_addstr(sb, ".</p>");
		}
		strbuf_addstr(sb, "</section>");
	}
	strbuf_addf(sb, "<h%d>Trend</h%d>", h, h);
	report_trend(sb, r);
	strbuf_addf(sb, "<h%d>Return-to-run rules</h%d>", h, h);
	report_rules(sb, r);
}

void report_trend(struct strbuf *sb, const struct report *r)
{
	const struct assessment *a = r->a;

	strbuf_addstr(sb, "<p class=\"trend\">");
	if (a->trend.enough)
		html_textf(sb, "This week's pain (mean %.1f/10 over %d days) "
			   "is %s (%.1f/10 over %d days).",
			   a->trend.this_week.mean, a->trend.this_week.days,
			   trend_said[a->trend.trend], a->trend.last_week.mean,
			   a->trend.last_week.days);
	else
		strbuf_addstr(sb, "Not enough scored days in the last two "
				  "weeks to tell a trend.");
	strbuf_addstr(sb, "</p>");
}

void report_rules(struct strbuf *sb, const struct report *r)
{
	const struct assessment *a = r->a;

	strbuf_addstr(sb, "<table class=\"rules\"><thead><tr><th scope=\""
		      "col\">Rule</th><th scope=\"col\">State</th><th scope="
		      "\"col\">What the journal shows</th></tr></thead><tbody>");
	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		strbuf_addstr(sb, "<tr><td>");
		html_text(sb, a->rules[i].text);
		strbuf_addf(sb, "</td><td>%s</td><td>",
			    state_said[a->rules[i].state]);
		html_text(sb, a->rules[i].evidence);
		strbuf_addstr(sb, "</td></tr>");
	}
	strbuf_addstr(sb, "</tbody></table>");
}

/* A table of the chart's numbers: one row per column that has a value. */
static void chart_table(struct strbuf *sb, const char *caption,
			const char *const *labels, size_t n,
			const char *const *heads, const double *const *cols,
			size_t ncols)
{
	strbuf_addstr(sb, "<details><summary>");
	html_text(sb, caption);
	strbuf_addstr(sb, " as a table</summary><table class=\"data\">"
			  "<thead><tr><th scope=\"col\">Date</th>");
	for (size_t k = 0; k < ncols; k++) {
		strbuf_addstr(sb, "<th scope=\"col\">");
		html_text(sb, heads[k]);
		strbuf_addstr(sb, "</th>");
	}
	strbuf_addstr(sb, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		bool any = false;

		for (size_t k = 0; k < ncols; k++)
			any |= !isnan(cols[k][i]);
		if (!any)
			continue;
		strbuf_addstr(sb, "<tr><th scope=\"row\">");
		html_text(sb, labels[i]);
		strbuf_addstr(sb, "</th>");
		for (size_t k = 0; k < ncols; k++) {
			if (isnan(cols[k][i]))
				strbuf_addstr(sb, "<td></td>");
			else
				strbuf_addf(sb, "<td>%.1f</td>", cols[k][i]);
		}
		strbuf_addstr(sb, "</tr>");
	}
	strbuf_addstr(sb, "</tbody></table></details>");
}

void report_charts(struct strbuf *sb, const struct report *r, int h,
		   bool tables, unsigned which)
{
	const char *dl[REPORT_DAYS], *wl[REPORT_WEEKS];
	const char *dticks[REPORT_DAYS], *wticks[REPORT_WEEKS];
	const struct svg_series pain[] = {
		{ SVG_LINE, "at rest", "#1b5e7a", NULL, r->pain[0], NULL, NULL },
		{ SVG_LINE, "running", "#b3261e", "6 3", r->pain[1], NULL,
		  NULL },
		{ SVG_LINE, "morning", "#8a5300", "2 3", r->pain[2], NULL,
		  NULL },
	};
	const struct svg_series load[] = {
		{ SVG_BARS, "distance (km)", "#1b5e7a", NULL, r->week_km, NULL,
		  NULL },
	};
	const struct svg_series climb[] = {
		{ SVG_BARS, "climb (m)", "#8a5300", NULL, r->week_climb, NULL,
		  NULL },
	};
	const struct svg_series massage[] = {
		{ SVG_POINTS, "pressure", "#1b5e7a", NULL, r->massage, r->flare,
		  "flared over 24 h, bruised or limping" },
	};
	double kmax = 10, cmax = 100;
	/* The brief draws its charts in a narrow box, so that at half the
	 * width of an A4 page their 12-unit text still prints at 8 pt. */
	int cw = (which & REPORT_COMPACT) ? REPORT_COMPACT_W : 0;
	int ch = (which & REPORT_COMPACT) ? REPORT_COMPACT_H : 0;
	struct svg_chart c;

	for (int i = 0; i < REPORT_DAYS; i++) {
		dl[i] = r->day_label[i];
		dticks[i] = i % 7 == REPORT_DAYS % 7 ? r->day_label[i] : NULL;
	}
	for (int w = 0; w < REPORT_WEEKS; w++) {
		wl[w] = r->week_label[w];
		wticks[w] = w % 2 == 1 ? r->week_label[w] : NULL;
		if (r->week_km[w] > kmax)
			kmax = r->week_km[w];
		if (!isnan(r->band_hi[w]) && r->band_hi[w] > kmax)
			kmax = r->band_hi[w];
		if (r->week_climb[w] > cmax)
			cmax = r->week_climb[w];
	}
	kmax = ceil(kmax / 10) * 10;
	cmax = ceil(cmax / 100) * 100;

	if (which & REPORT_PAIN) {
		c = (struct svg_chart){ "Daily pain from 0 to 10 over the last "
			"six weeks: at rest, while running and in the morning",
			REPORT_DAYS, dticks, 10, NULL, NULL, NULL, pain, 3, cw,
			ch };
		strbuf_addf(sb, "<h%d>Daily pain, last six weeks</h%d>", h, h);
		svg_chart(sb, &c);
	}
	if ((which & REPORT_PAIN) && tables) {
		const char *heads[] = { "At rest", "Running", "Morning" };
		const double *cols[] = { r->pain[0], r->pain[1], r->pain[2] };

		chart_table(sb, "Daily pain", dl, REPORT_DAYS, heads, cols, 3);
	}
	if (!(which & REPORT_LOAD))
		goto massage;
	/* The brief's section is the load already: no heading of its own,
	 * and the band in few words. */
	if (!cw)
		strbuf_addf(sb, "<h%d>Weekly distance and climb</h%d>", h, h);
	strbuf_addstr(sb, "<p>");
	if (r->a->load.history_note[0] != '\0')
		html_textf(sb, "%s", r->a->load.history_note);
	else if (!isnan(r->a->load.acwr_rolling) && cw)
		html_textf(sb, "Last 7 days against the mean week of the last "
			   "28: %.2f. Band: %.1f to %.1f times the four weeks "
			   "before each week.", r->a->load.acwr_rolling,
			   REPORT_BAND_LO, REPORT_BAND_HI);
	else if (!isnan(r->a->load.acwr_rolling))
		html_textf(sb, "Last 7 days against the mean week of the last "
			   "28: %.2f (the band shows %.1f to %.1f times the "
			   "four weeks before each week).",
			   r->a->load.acwr_rolling, REPORT_BAND_LO,
			   REPORT_BAND_HI);
	strbuf_addstr(sb, "</p>");
	for (int i = 0; i < r->a->load.n_warnings; i++) {
		/* The printed page keeps the first few: one per run of a
		 * broken plan could fill it. */
		if (cw && i == REPORT_COMPACT_WARNINGS) {
			strbuf_addf(sb, "<p class=\"flag\">And %d more of the "
				    "same kind or later.</p>",
				    r->a->load.n_warnings - i);
			break;
		}
		strbuf_addstr(sb, "<p class=\"flag\">");
		html_text(sb, r->a->load.warnings[i].text);
		strbuf_addstr(sb, "</p>");
	}
	c = (struct svg_chart){ "Weekly running distance over twelve weeks, "
		"with the band of 0.8 to 1.3 times the four weeks before",
		REPORT_WEEKS, wticks, kmax, r->band_lo, r->band_hi,
		cw ? "band 0.8-1.3" : "0.8-1.3 of the 4 weeks before", load, 1,
		cw, ch };
	svg_chart(sb, &c);
	c = (struct svg_chart){ "Weekly climb over twelve weeks", REPORT_WEEKS,
		wticks, cmax, NULL, NULL, NULL, climb, 1, cw, ch };
	strbuf_addstr(sb, (which & REPORT_CLIMB) ? "<div>"
			  : "<div class=\"chart-climb\">");
	svg_chart(sb, &c);
	strbuf_addstr(sb, "</div>");
	if (tables) {
		const char *heads[] = { "Distance (km)", "Climb (m)",
					"Band from (km)", "Band to (km)" };
		const double *cols[] = { r->week_km, r->week_climb, r->band_lo,
					 r->band_hi };

		chart_table(sb, "Weekly load", wl, REPORT_WEEKS, heads, cols, 4);
	}
massage:
	if (!(which & REPORT_MASSAGE))
		return;
	strbuf_addf(sb, "<h%d>Massage pressure</h%d>", h, h);
	c = (struct svg_chart){ "Massage pressure from 0 to 10 over the last "
		"six weeks; a red triangle marks a massage that flared for "
		"more than 24 hours or left bruising or a limp", REPORT_DAYS,
		dticks, 10, NULL, NULL, NULL, massage, 1, cw, ch };
	svg_chart(sb, &c);
}

void report_massages(struct strbuf *sb, const struct report *r, size_t max)
{
	size_t shown = 0;

	strbuf_addstr(sb, "<table class=\"data massages\"><thead><tr><th "
		"scope=\"col\">Date</th><th scope=\"col\">Type</th><th "
		"scope=\"col\">Regions</th><th scope=\"col\">Pressure</th>"
		"<th scope=\"col\">How it felt</th></tr></thead><tbody>");
	for (size_t i = r->list.n; i-- > 0 && shown < max;) {
		const struct journal_entry *en = &r->list.v[i];
		const struct journal_massage *m = &en->massage;
		char date[DATE_BUF];
		bool any = false;

		if (en->kind != JOURNAL_MASSAGE)
			continue;
		shown++;
		strbuf_addf(sb, "<tr><td>%s</td><td>", date_format(en->day,
								   date));
		if (m->has_type)
			html_text(sb, report_type_words[m->type]);
		strbuf_addstr(sb, "</td><td>");
		for (int g = 0; g < REGION__COUNT; g++)
			if (m->regions & (UINT32_C(1) << g)) {
				if (any)
					strbuf_addstr(sb, ", ");
				html_text(sb, report_region_words[g]);
				any = true;
			}
		strbuf_addstr(sb, "</td><td>");
		if (m->pressure)
			strbuf_addf(sb, "%d/10", m->pressure);
		strbuf_addstr(sb, "</td><td>");
		any = m->has_felt;
		if (m->has_felt)
			html_text(sb, report_feel_words[m->felt]);
		if (m->flare_hours != JOURNAL_UNSET)
			strbuf_addf(sb, "%sflared %g h", any ? "; " : "",
				    m->flare_hours);
		if (m->bruised_or_limping && !(m->has_felt &&
		    m->felt == FEEL_BRUISED_OR_LIMPING))
			strbuf_addstr(sb, "; bruised or limping");
		strbuf_addstr(sb, "</td></tr>");
	}
	if (shown == 0)
		strbuf_addstr(sb, "<tr><td colspan=\"5\">No massage logged."
				  "</td></tr>");
	strbuf_addstr(sb, "</tbody></table>");
}

void report_entry_details(struct strbuf *sb, const struct journal_entry *en)
{
	switch (en->kind) {
	case JOURNAL_PAIN: {
		static const char *const w[] = { "at rest", "running",
						 "morning" };
		int v[3] = { en->pain.rest, en->pain.run, en->pain.morning };
		bool any = false;

		html_text(sb, report_area_words[en->pain.area]);
		strbuf_addstr(sb, ":");
		for (int i = 0; i < 3; i++)
			if (v[i] != PAIN_UNSET) {
				strbuf_addf(sb, "%s %s %d/10", any ? "," : "",
					    w[i], v[i]);
				any = true;
			}
		if (!any)
			strbuf_addstr(sb, " no score");
		break;
	}
	case JOURNAL_MASSAGE:
		if (en->massage.has_type)
			html_text(sb, report_type_words[en->massage.type]);
		else
			strbuf_addstr(sb, "Massage");
		if (en->massage.pressure)
			strbuf_addf(sb, ", pressure %d/10",
				    en->massage.pressure);
		if (en->massage.flare_hours != JOURNAL_UNSET)
			strbuf_addf(sb, ", flared %g h",
				    en->massage.flare_hours);
		if (en->massage.bruised_or_limping)
			strbuf_addstr(sb, ", bruised or limping");
		if (en->massage.has_felt) {
			strbuf_addstr(sb, "; felt ");
			html_text(sb, report_feel_words[en->massage.felt]);
		}
		break;
	case JOURNAL_ASSESSMENT:
		strbuf_addstr(sb, "Assessment: ");
		html_text(sb, report_outcome_words[en->assessment.outcome]);
		if (en->assessment.by != NULL) {
			strbuf_addstr(sb, ", by ");
			html_text(sb, en->assessment.by);
		}
		if (en->assessment.note != NULL) {
			strbuf_addstr(sb, " \xe2\x80\x94 ");
			html_text(sb, en->assessment.note);
		}
		break;
	case JOURNAL_RUN:
		if (en->run.distance_m != JOURNAL_UNSET)
			strbuf_addf(sb, "%.1f km", en->run.distance_m / 1000);
		if (en->run.moving_s != JOURNAL_UNSET)
			strbuf_addf(sb, " in %.0f min", en->run.moving_s / 60);
		if (en->run.climb_m != JOURNAL_UNSET)
			strbuf_addf(sb, ", climb %.0f m", en->run.climb_m);
		if (en->run.note != NULL && en->run.note[0] != '\0') {
			strbuf_addstr(sb, " \xe2\x80\x94 ");
			html_text(sb, en->run.note);
		}
		break;
	default:
		break;
	}
}

const char *const report_outcome_words[JOURNAL_OUTCOME__COUNT] = {
	[OUTCOME_CLEARED] = "cleared to go on",
	[OUTCOME_REFER] = "referred on for tests or a specialist",
	[OUTCOME_TREAT] = "under a clinician's own care",
};

void report_assessments(struct strbuf *sb, const struct report *r)
{
	char date[DATE_BUF];
	bool any = false;

	strbuf_addstr(sb, "<p class=\"assessments\"><strong>Assessments:"
			  "</strong>");
	for (size_t i = r->list.n; i-- > 0;) {
		const struct journal_entry *en = &r->list.v[i];

		if (en->kind != JOURNAL_ASSESSMENT)
			continue;
		strbuf_addf(sb, "%s %s, ", any ? ";" : "",
			    date_format(en->day, date));
		report_entry_details(sb, en);
		any = true;
	}
	if (!any)
		strbuf_addstr(sb, " none recorded in the journal");
	strbuf_addstr(sb, ".</p>");
}
