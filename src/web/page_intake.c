/*
 * page_intake.c - the intake page (GET /) and the check (POST /check).
 *
 * The intake asks the warning-sign questions first, then where it hurts
 * (the body map, or the list next to it for anyone not using the map),
 * then how it behaves and how much it hurts. The map works without
 * JavaScript: each region is a submit button of the form (field "pick"),
 * and POST /check with a pick shows the form again with that region and
 * its area chosen and every answer given so far kept; app.js only saves
 * the round trip. Otherwise POST /check turns the form into a struct
 * intake, runs the engine and shows the result page; a form with a
 * mistake comes back filled in, with the mistake named.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "web/html.h"
#include "web/svg.h"
#include "web/web.h"

/* How the intake page is filled in. */
struct intake_view {
	struct intake in;
	bool area_set;
	bool has_region;
	bool picking;		/* a map click: show the form again */
	bool pick_side;		/* the click named the leg too */
	enum region region;
	uint32_t unsure;	/* answered "not sure" (also in in.symptoms) */
	const char *error;	/* a mistake to name at the top, or NULL */
	const char *error_field; /* the form field it is about, or NULL */
	char field[48];		/* error_field's text when it is made up */
};

/*
 * The questions answered yes, no or not sure: every warning sign, then
 * the run questions. Nothing is ticked in advance, so a question nobody
 * answered is never read as a no. The shin-bone question is needed only
 * for shin pain (the form without JavaScript shows it to everyone).
 */
static bool asked_three_way(enum symptom s)
{
	return s < SYMPTOM_RED_FLAG_COUNT || s == SYM_STRIDE_CHANGE ||
	       s == SYM_WORSE_NEXT_MORNING || s == SYM_LIMP_AFTER;
}

static const struct {
	const char *value, *words;
} answers[] = {
	{ "yes", "Yes" }, { "no", "No" }, { "unsure", "Not sure" },
};

static const char *const area_words[] = {
	[AREA_HEEL] = "Heel or arch of the foot",
	[AREA_KNEE] = "Knee",
	[AREA_SHIN] = "Shin",
	[AREA_ACHILLES] = "Achilles tendon, above the heel",
	[AREA_HIP] = "Hip, or deep in the buttock",
	[AREA_OTHER] = "Somewhere else in the legs",
};
static const char *const trend_words[] = {
	[TREND_BETTER] = "Better than last week",
	[TREND_SAME] = "About the same",
	[TREND_WORSE] = "Worse than last week",
};
static const char *const goal_words[] = {
	[GOAL_RELIEF] = "Ease the pain",
	[GOAL_RECOVERY] = "Recover from hard training",
	[GOAL_MOBILITY] = "Move more freely",
};

/* The three pain scores: form field, words, and where the intake keeps it. */
static const struct {
	const char *field;
	const char *words;
	const char *in_error;	/* how a mistake names it */
	size_t offset;
} pain_fields[] = {
	{ "pain_rest", "At rest", "Pain at rest",
	  offsetof(struct intake, pain_rest) },
	{ "pain_run", "While running", "Pain while running",
	  offsetof(struct intake, pain_run) },
	{ "pain_morning", "First thing in the morning", "Pain in the morning",
	  offsetof(struct intake, pain_morning) },
};

#define PAIN_AT(in, i) ((int *)((char *)(in) + pain_fields[i].offset))

/* ---- Writing the form ---- */

static void checkbox(struct strbuf *sb, const char *name, const char *value,
		     const char *id, bool checked, const char *words)
{
	strbuf_addf(sb, "<div class=\"check\"><input type=\"checkbox\" "
		    "id=\"%s\" name=\"%s\" value=\"%s\"%s><label for=\"%s\">",
		    id, name, value, checked ? " checked" : "", id);
	html_text(sb, words);
	strbuf_addstr(sb, "</label></div>");
}

static void radio(struct strbuf *sb, const char *name, const char *value,
		  bool checked, const char *words)
{
	strbuf_addf(sb, "<div class=\"check\"><input type=\"radio\" "
		    "id=\"%s-%s\" name=\"%s\" value=\"%s\"%s><label "
		    "for=\"%s-%s\">", name, value, name, value,
		    checked ? " checked" : "", name, value);
	html_text(sb, words);
	strbuf_addstr(sb, "</label></div>");
}

/* Whether the mistake of the form is about field name. */
static bool is_invalid(const struct intake_view *v, const char *name)
{
	return v->error != NULL && v->error_field != NULL &&
	       strcmp(v->error_field, name) == 0;
}

/* By an invalid field: the mistake in words, id "err-NAME", which the
 * field names in aria-describedby (invalid_attrs). */
static void field_error(struct strbuf *sb, const struct intake_view *v,
			const char *name)
{
	if (!is_invalid(v, name))
		return;
	strbuf_addf(sb, "<p class=\"field-error\" id=\"err-%s\">", name);
	html_text(sb, v->error);
	strbuf_addstr(sb, "</p>");
}

static void invalid_attrs(struct strbuf *sb, const struct intake_view *v,
			  const char *name)
{
	if (is_invalid(v, name))
		strbuf_addf(sb, " aria-invalid=\"true\" aria-describedby="
			    "\"err-%s\"", name);
}

/* A 0..10 (or lo..hi) select with an empty "not given" choice. */
static void score_select(struct strbuf *sb, const struct intake_view *v,
			 const char *name, const char *words, int lo,
			 int value)
{
	strbuf_addf(sb, "<div class=\"field\"><label for=\"%s\">", name);
	html_text(sb, words);
	strbuf_addstr(sb, "</label>");
	field_error(sb, v, name);
	strbuf_addf(sb, "<select id=\"%s\" name=\"%s\"", name, name);
	invalid_attrs(sb, v, name);
	strbuf_addstr(sb, "><option value=\"\">not sure</option>");
	for (int i = lo; i <= 10; i++)
		strbuf_addf(sb, "<option value=\"%d\"%s>%d</option>", i,
			    i == value ? " selected" : "", i);
	strbuf_addstr(sb, "</select></div>");
}

/* One question answered yes / no / not sure, as a group of radios
 * named q-SYMPTOM, with the answer given before (if any) kept. */
static void three_way(struct web_req *rq, struct strbuf *sb,
		      const struct intake_view *v, enum symptom s)
{
	const char *name = symptom_name(s);
	uint32_t bit = SYMPTOM_BIT(s);
	int given = (v->unsure & bit) ? 2 : (v->in.symptoms & bit) ? 0
		    : (v->in.denied & bit) ? 1 : -1;
	char field[sizeof v->field];

	snprintf(field, sizeof field, "q-%s", name);
	strbuf_addf(sb, "<fieldset class=\"q3\" id=\"%s\"", field);
	invalid_attrs(sb, v, field);
	strbuf_addstr(sb, "><legend>");
	html_text(sb, kb_symptom(rq->app->kb, s)->question);
	if (s == SYM_FOCAL_SHIN_PAIN)
		strbuf_addstr(sb, " (only for shin pain)");
	strbuf_addstr(sb, "</legend>");
	field_error(sb, v, field);
	strbuf_addstr(sb, "<div class=\"row\">");
	for (int a = 0; a < 3; a++)
		strbuf_addf(sb, "<div class=\"check\"><input type=\"radio\" "
			    "id=\"q-%s-%s\" name=\"q-%s\" value=\"%s\"%s%s>"
			    "<label for=\"q-%s-%s\">%s</label></div>", name,
			    answers[a].value, name, answers[a].value,
			    given == a ? " checked" : "",
			    a == 0 && s != SYM_FOCAL_SHIN_PAIN ? " required" : "",
			    name, answers[a].value, answers[a].words);
	strbuf_addstr(sb, "</div></fieldset>");
}

static void write_red_flags(struct web_req *rq, struct strbuf *sb,
			    const struct intake_view *v)
{
	strbuf_addstr(sb, "<fieldset class=\"flags\"><legend>First: any "
		"warning signs?</legend><p class=\"hint\">Answer each one. "
		"Not sure counts as yes: any of them means a clinician should "
		"check the pain before massage.</p>");
	for (int s = 0; s < SYMPTOM_RED_FLAG_COUNT; s++)
		three_way(rq, sb, v, (enum symptom)s);
	strbuf_addstr(sb, "</fieldset>");
}

static const char *const side_words[] = {
	[SIDE_LEFT] = "Left", [SIDE_RIGHT] = "Right", [SIDE_BOTH] = "Both",
};

/* Where it hurts: the area list first (one tab stop each, the keyboard's
 * way), the leg, then the map with each leg on its own. */
static void write_where(struct strbuf *sb, const struct intake_view *v)
{
	enum bodymap_mark marks[REGION__COUNT] = { MARK_NONE };

	if (v->has_region)
		marks[v->region] = MARK_CHOSEN;
	strbuf_addstr(sb, "<fieldset id=\"where\" class=\"where\"");
	invalid_attrs(sb, v, "where");
	strbuf_addstr(sb, "><legend>Where does it hurt?</legend>");
	field_error(sb, v, "where");
	strbuf_addstr(sb, "<p class=\"hint\" id=\"bm-title\">"
		"Pick the area from the list, or the spot on the map (front, "
		"back and soles; each leg on its own).</p><div "
		"class=\"where-pick\"><div class=\"areas\">");
	for (int a = 0; a < AREA__COUNT; a++)
		radio(sb, "area", area_name((enum area)a),
		      v->area_set && v->in.area == (enum area)a,
		      area_words[a]);
	strbuf_addstr(sb, "</div><fieldset class=\"side\"><legend>Which leg?"
			  "</legend><div class=\"row\">");
	for (int d = 0; d < SIDE__COUNT; d++)
		radio(sb, "side", side_name((enum side)d),
		      v->in.side == (enum side)d, side_words[d]);
	radio(sb, "side", "", v->in.side == SIDE__COUNT, "Not sure");
	strbuf_addstr(sb, "</div></fieldset><p class=\"chosen\" "
			  "id=\"bm-chosen-note\" aria-live=\"polite\">");
	if (v->has_region) {
		strbuf_addstr(sb, "On the map: ");
		html_text(sb, bodymap_region_label(v->region));
		if (v->in.side == SIDE_LEFT || v->in.side == SIDE_RIGHT)
			strbuf_addf(sb, ", %s leg", side_name(v->in.side));
		strbuf_addf(sb, "<input type=\"hidden\" name=\"region\" "
			    "value=\"%s\">", region_name(v->region));
	}
	strbuf_addstr(sb, "</p>");
	svg_bodymap_picker_sides(sb, marks, v->in.side, "pick",
				 "/check#where", "bm-title");
	strbuf_addstr(sb, "</div></fieldset>");
}

static void write_behaviour(struct web_req *rq, struct strbuf *sb,
			    const struct intake_view *v)
{
	strbuf_addstr(sb, "<fieldset><legend>How does it behave?</legend>");
	for (int s = SYMPTOM_RED_FLAG_COUNT; s < SYMPTOM__COUNT; s++) {
		char id[48];

		if (asked_three_way((enum symptom)s))
			continue;
		snprintf(id, sizeof(id), "s-%s", symptom_name((enum symptom)s));
		checkbox(sb, "s", symptom_name((enum symptom)s), id,
			 (v->in.symptoms & SYMPTOM_BIT(s)) != 0,
			 kb_symptom(rq->app->kb, (enum symptom)s)->question);
	}
	strbuf_addstr(sb, "<p class=\"hint\">After running (not sure counts "
			  "as yes):</p>");
	for (int s = SYMPTOM_RED_FLAG_COUNT; s < SYMPTOM__COUNT; s++)
		if (asked_three_way((enum symptom)s))
			three_way(rq, sb, v, (enum symptom)s);
	strbuf_addstr(sb, "</fieldset>");
}

static void write_scores(struct strbuf *sb, const struct intake_view *v)
{
	const struct intake *in = &v->in;

	strbuf_addstr(sb, "<fieldset><legend>How much does it hurt, from 0 "
		"(not at all) to 10 (the worst)?</legend><div class=\"row\">");
	for (size_t i = 0; i < 3; i++)
		score_select(sb, v, pain_fields[i].field, pain_fields[i].words, 0,
			     *PAIN_AT(in, i));
	strbuf_addstr(sb, "</div></fieldset><fieldset><legend>Compared with "
			  "last week</legend>");
	/* No default: a week nobody compared is not "about the same". */
	for (int t = 0; t < TREND__COUNT; t++)
		radio(sb, "trend", trend_name((enum trend)t),
		      in->has_trend && in->trend == (enum trend)t,
		      trend_words[t]);
	radio(sb, "trend", "", !in->has_trend, "Not sure");
	strbuf_addstr(sb, "</fieldset><fieldset><legend>What should a massage "
			  "do for you?</legend>");
	for (int g = 0; g < GOAL__COUNT; g++)
		radio(sb, "goal", goal_name((enum goal)g),
		      in->goal == (enum goal)g, goal_words[g]);
	strbuf_addstr(sb, "</fieldset>");
}

static void write_last_massage(struct strbuf *sb,
			       const struct intake_view *v)
{
	const struct intake *in = &v->in;

	strbuf_addstr(sb, "<fieldset><legend>Your last massage, if you had "
		"one recently</legend>");
	checkbox(sb, "lm", "1", "lm", in->has_last_massage,
		 "I had a massage recently");
	score_select(sb, v, "lm_pressure", "How firm was it, from 1 (very "
		     "light) to 10?", 1,
		     in->has_last_massage && in->last_pressure
		     ? in->last_pressure : PAIN_UNSET);
	strbuf_addstr(sb, "<div class=\"field\"><label for=\"lm_flare_hours\">"
		"For how many hours did it flare up afterwards?</label>");
	field_error(sb, v, "lm_flare_hours");
	strbuf_addstr(sb, "<input id=\"lm_flare_hours\" name=\"lm_flare_hours\" "
		"type=\"number\" min=\"0\" max=\"1000\" step=\"any\" "
		"inputmode=\"decimal\"");
	invalid_attrs(sb, v, "lm_flare_hours");
	strbuf_addstr(sb, " value=\"");
	if (in->has_last_massage && in->flare_hours > 0)
		strbuf_addf(sb, "%g", in->flare_hours);
	strbuf_addstr(sb, "\"></div>");
	checkbox(sb, "lm_bruised", "1", "lm_bruised",
		 in->has_last_massage && in->bruised_or_limping,
		 "It left me bruised or limping");
	strbuf_addstr(sb, "</fieldset>");
}

static void render_intake(struct web_req *rq, struct web_resp *rs,
			  const struct intake_view *v)
{
	struct strbuf *sb = &rs->body;

	page_begin(rq, rs, "Check a pain", "/");
	strbuf_addstr(sb, "<h1>Should massage be part of the plan for this "
		"pain?</h1><p class=\"lead\">A few questions about one pain. "
		"runcare answers with what to do, where and how firmly.</p>");
	if (v->error != NULL) {
		strbuf_addstr(sb, "<p class=\"error\" role=\"alert\" "
				  "id=\"form-error\">");
		html_text(sb, v->error);
		if (v->error_field != NULL)
			strbuf_addf(sb, " <a href=\"#%s\">Go to the question"
				    "</a>", v->error_field);
		strbuf_addstr(sb, "</p>");
	}
	strbuf_addstr(sb, "<form class=\"intake\" method=\"post\" "
			  "action=\"/check\">");
	page_form_hidden(rq, sb);
	write_red_flags(rq, sb, v);
	write_where(sb, v);
	write_behaviour(rq, sb, v);
	write_scores(sb, v);
	write_last_massage(sb, v);
	strbuf_addstr(sb, "<p><button type=\"submit\" class=\"primary\">"
			  "See the advice</button></p></form>");
	page_end(rq, rs);
}

/* ---- Reading the form ---- */

/* Parse one enum field through its name table's parse function. */
static int form_enum(const struct form *f, const char *name,
		     int (*parse)(const char *, size_t, void *), void *out,
		     bool required, const char *missing, struct err *e)
{
	const char *s = form_get(f, name);

	if (s == NULL || s[0] == '\0')
		return required ? err_set(e, ERR_DATA, "%s", missing) : 0;
	if (parse(s, strlen(s), out) < 0)
		return err_set(e, ERR_DATA, "%s: unknown choice", name);
	return 0;
}

static int parse_area(const char *s, size_t n, void *out)
{
	return area_parse(s, n, out);
}
static int parse_trend(const char *s, size_t n, void *out)
{
	return trend_parse(s, n, out);
}
static int parse_goal(const char *s, size_t n, void *out)
{
	return goal_parse(s, n, out);
}
static int parse_region(const char *s, size_t n, void *out)
{
	return region_parse(s, n, out);
}

/* The last massage's fields; on a mistake *bad names the field. */
static int read_last_massage(const struct form *f, struct intake *in,
			     const char **bad, struct err *e)
{
	const char *hours = form_get(f, "lm_flare_hours");
	int pressure;

	*bad = "lm_pressure";
	if (web_field_int(f, "lm_pressure", "How firm was the last massage", 1, 10,
		     0, &pressure, e) < 0)
		return -1;
	*bad = "lm_flare_hours";
	in->has_last_massage = form_get(f, "lm") != NULL || pressure != 0 ||
			       (hours != NULL && hours[0] != '\0') ||
			       form_get(f, "lm_bruised") != NULL;
	if (!in->has_last_massage)
		return 0;
	in->last_pressure = pressure;
	in->bruised_or_limping = form_get(f, "lm_bruised") != NULL;
	if (web_field_num(f, "lm_flare_hours", "Hours of flare-up", 0, 1000,
			  0, &in->flare_hours, e) < 0)
		return -1;
	return 0;
}

static bool field_given(const struct form *f, const char *name)
{
	const char *s = form_get(f, name);

	return s != NULL && s[0] != '\0';
}

static int parse_side(const char *s, size_t n, void *out)
{
	return side_parse(s, n, out);
}

/* "pick" is a map click: REGION or REGION:SIDE. */
static int read_pick(const struct form *f, struct intake_view *v,
		     struct err *e)
{
	const char *pick = form_get(f, "pick");
	const char *colon;
	size_t n;

	v->picking = field_given(f, "pick");
	if (!v->picking)
		return 0;
	colon = strchr(pick, ':');
	n = colon != NULL ? (size_t)(colon - pick) : strlen(pick);
	if (region_parse(pick, n, &v->region) < 0 ||
	    (colon != NULL &&
	     side_parse(colon + 1, strlen(colon + 1), &v->in.side) < 0))
		return err_set(e, ERR_DATA, "pick: unknown place on the map");
	v->pick_side = colon != NULL;
	return 0;
}

static int intake_from_form(const struct kb *kb, const struct form *f,
			    struct intake_view *v, struct err *e)
{
	struct intake *in = &v->in;
	int missing = -1;	/* the first needed question left open */

	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *fld = &f->fields[i];
		enum symptom s;

		if (strcmp(fld->name, "s") != 0)
			continue;
		if (symptom_parse(fld->value, fld->value_len, &s) < 0)
			return err_set(e, ERR_DATA, "unknown symptom \"%.40s\"",
				       fld->value);
		in->symptoms |= SYMPTOM_BIT(s);
	}
	/* A click on the map: its region, area and leg replace the ones
	 * given. */
	if (read_pick(f, v, e) < 0)
		return -1;
	/* The three-way answers: yes and not sure are reported, no is
	 * denied. The area is read first: the shin-bone question is needed
	 * only for the shin. */
	if (form_enum(f, "area", parse_area, &in->area, false, NULL, e) < 0)
		return -1;
	if (v->picking)
		in->area = bodymap_region_area(v->region);
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		char field[sizeof v->field];
		const char *a;
		uint32_t bit = SYMPTOM_BIT(s);

		if (!asked_three_way((enum symptom)s))
			continue;
		snprintf(field, sizeof field, "q-%s",
			 symptom_name((enum symptom)s));
		a = form_get(f, field);
		if (a == NULL || a[0] == '\0') {
			bool needed = !(in->symptoms & bit) &&
				      (s != SYM_FOCAL_SHIN_PAIN ||
				       (form_get(f, "area") != NULL &&
					in->area == AREA_SHIN));

			if (needed && missing < 0)
				missing = s;
			continue;
		}
		if (strcmp(a, "yes") == 0) {
			in->symptoms |= bit;
		} else if (strcmp(a, "unsure") == 0) {
			in->symptoms |= bit;
			v->unsure |= bit;
		} else if (strcmp(a, "no") == 0) {
			in->denied |= bit;
		} else {
			snprintf(v->field, sizeof v->field, "%s", field);
			v->error_field = v->field;
			return err_set(e, ERR_DATA, "%s: expected yes, no or "
				       "unsure", field);
		}
	}
	if (v->picking) {
		v->has_region = true;
		v->area_set = true;
	} else {
		if (form_enum(f, "region", parse_region, &v->region, false,
			      NULL, e) < 0)
			return -1;
		v->has_region = form_get(f, "region") != NULL;
		if (form_enum(f, "area", parse_area, &in->area, false,
			      NULL, e) < 0)
			return -1;
		v->area_set = field_given(f, "area");
	}
	for (size_t i = 0; i < 3; i++)
		if ((v->error_field = pain_fields[i].field),
		    web_field_int(f, pain_fields[i].field, pain_fields[i].in_error,
			     0, 10, PAIN_UNSET, PAIN_AT(in, i), e) < 0)
			return -1;
	const char *trend = form_get(f, "trend");

	in->has_trend = trend != NULL && trend[0] != '\0';
	if (!v->pick_side &&
	    form_enum(f, "side", parse_side, &in->side, false, NULL, e) < 0)
		return -1;
	if (form_enum(f, "trend", parse_trend, &in->trend, false, NULL, e) < 0 ||
	    form_enum(f, "goal", parse_goal, &in->goal, false, NULL, e) < 0 ||
	    read_last_massage(f, in, &v->error_field, e) < 0)
		return -1;
	/* A map click only fills the form in: what is still open is asked
	 * when the form is sent. */
	if (v->picking)
		return 0;
	if (missing >= 0) {
		snprintf(v->field, sizeof v->field, "q-%s",
			 symptom_name((enum symptom)missing));
		v->error_field = v->field;
		return err_set(e, ERR_DATA, "Answer yes, no or not sure: %s",
			       kb_symptom(kb, (enum symptom)missing)->question);
	}
	if (!v->area_set) {
		v->error_field = "where";
		return err_set(e, ERR_DATA, "Where does it hurt: choose an "
			       "area on the map or in the list");
	}
	return intake_validate(in, e);
}

static void view_init(struct intake_view *v)
{
	memset(v, 0, sizeof(*v));
	intake_init(&v->in);
}

void page_intake(struct web_req *rq, struct web_resp *rs)
{
	struct intake_view v;
	struct err e;

	view_init(&v);
	err_clear(&e);
	/* A click on the map without JavaScript: ?area=A&region=R. */
	if (form_enum(&rq->query, "area", parse_area, &v.in.area, false, NULL,
		      &e) < 0 ||
	    form_enum(&rq->query, "region", parse_region, &v.region, false,
		      NULL, &e) < 0) {
		rs->status = 400;
		v.error = "This link named an area runcare does not know; "
			  "choose it again below.";
	} else {
		v.area_set = form_get(&rq->query, "area") != NULL;
		v.has_region = form_get(&rq->query, "region") != NULL;
	}
	render_intake(rq, rs, &v);
}

void page_check(struct web_req *rq, struct web_resp *rs)
{
	struct intake_view v;
	struct result r;
	struct err e;

	view_init(&v);
	err_clear(&e);
	if (intake_from_form(rq->app->kb, &rq->form, &v, &e) < 0) {
		rs->status = 400;
		v.error = e.msg;
		render_intake(rq, rs, &v);
		return;
	}
	if (v.picking) {
		render_intake(rq, rs, &v);
		return;
	}
	engine_triage(rq->app->kb, &v.in, &r);
	page_result(rq, rs, &v.in, &r, v.has_region ? &v.region : NULL);
}
