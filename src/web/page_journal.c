/*
 * page_journal.c - the people list (a therapist's clients) and the journal
 * of one person: log a pain score, a massage, a run or an assessment, list
 * the entries, edit and delete them. The forms hold what `runcare log`
 * takes: a pain's side, symptoms and the questions answered no; a
 * massage's type, regions (on the body map or in a list), pressure,
 * flare-up and how it felt.
 *
 * Every change is a POST with the CSRF token, answered by a redirect back
 * to the list (post/redirect/get), so reloading never logs twice; the
 * list then says what was saved and marks its row (?saved=ID#entry-ID).
 * A click on the massage map (a submit button, field "pick") shows the
 * form again with the region added or taken away and everything else
 * kept, as the intake does. Each entry form is written by one function
 * for "log", "edit" and that redisplay.
 *
 * Delete asks first (GET /journal/delete), and its answer carries the
 * deleted entry in a hidden form: "Undo" posts it to /journal/undo, which
 * stores it again if the delete is less than a minute old. The copy
 * lives only in that page, so nothing is kept on the server after a
 * delete.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/html.h"
#include "web/svg.h"
#include "web/report.h"
#include "web/web.h"

static const char *const kind_words[] = {
	[JOURNAL_PAIN] = "Pain", [JOURNAL_MASSAGE] = "Massage",
	[JOURNAL_RUN] = "Run", [JOURNAL_ASSESSMENT] = "Assessment",
};

/* What the form calls each kind, after "Log" or "Edit". */
static const char *const kind_object[] = {
	[JOURNAL_PAIN] = "pain", [JOURNAL_MASSAGE] = "a massage",
	[JOURNAL_RUN] = "a run", [JOURNAL_ASSESSMENT] = "an assessment",
};

/* How long after a delete its "Undo" still works, in seconds. */
#define UNDO_SECONDS 60

/* The answers of a three-way question in the pain form: a question
 * nobody asked stays open (no answer is chosen in advance). */
static const struct web_answers pain_answers = {
	{ "yes", "no", "unasked" }, { "Yes", "No", "Not asked" },
};

/*
 * 303 to path with ?person=NAME, after a change; with saved > 0 the list
 * is told which entry to name and mark (key "saved" or "restored") and
 * scrolls to its row.
 */
static void redirect(struct web_req *rq, struct web_resp *rs,
		     const char *path, const char *person, const char *key,
		     int64_t saved)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, path);
	if (person != NULL && person[0] != '\0') {
		strbuf_addstr(&sb, "?person=");
		html_url_component(&sb, person);
	}
	if (saved > 0)
		strbuf_addf(&sb, "%c%s=%lld#entry-%lld",
			    strchr(sb.buf, '?') ? '&' : '?', key,
			    (long long)saved, (long long)saved);
	rs->status = 303;
	snprintf(rs->location, sizeof(rs->location), "%s", sb.buf);
	strbuf_release(&sb);
	(void)rq;
	strbuf_addstr(&rs->body, "<!doctype html><title>Saved</title>"
			  "<p>Saved.</p>");
}

/* ---- People ---- */

void page_people(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct store_person *people = NULL;
	struct strbuf *sb = &rs->body;
	size_t n = 0;
	struct err e;

	if (st == NULL)
		return;
	err_clear(&e);
	if (store_person_list(st, &people, &n, &e) < 0) {
		web_error_page(rq, rs, 500, e.msg);
		goto done;
	}
	page_begin(rq, rs, "People", "/people");
	strbuf_addstr(sb, "<h1>People</h1>");
	if (n == 0)
		strbuf_addstr(sb, "<p>Nobody yet. Add the first person below, "
				  "or just start a journal: it begins with "
				  "one person called \xe2\x80\x9cme\xe2\x80\x9d."
				  "</p>");
	else
		strbuf_addstr(sb, "<p class=\"hint\">Choose whose pages to "
				  "see; the choice follows you on every "
				  "page.</p><ul class=\"people\">");
	for (size_t i = 0; i < n; i++) {
		static const char *const links[][2] = {
			{ "/journal", "journal" }, { "/status", "status" },
			{ "/brief", "brief" }, { "/", "check" },
		};

		strbuf_addstr(sb, "<li><strong>");
		html_text(sb, people[i].name);
		strbuf_addstr(sb, "</strong>: ");
		for (size_t k = 0; k < 4; k++) {
			strbuf_addf(sb, "%s<a href=\"%s?person=",
				    k ? ", " : "", links[k][0]);
			html_url_component(sb, people[i].name);
			strbuf_addstr(sb, "\" aria-label=\"");
			html_attr(sb, links[k][1]);
			strbuf_addstr(sb, " of ");
			html_attr(sb, people[i].name);
			strbuf_addstr(sb, "\">");
			html_text(sb, links[k][1]);
			strbuf_addstr(sb, "</a>");
		}
		strbuf_addstr(sb, "</li>");
	}
	if (n > 0)
		strbuf_addstr(sb, "</ul>");
	strbuf_addstr(sb, "<form method=\"post\" action=\"/people\" "
		"class=\"card\"><h2>Add a person</h2>");
	page_form_hidden(rq, sb);
	strbuf_addf(sb, "<div class=\"field\"><label for=\"name\">Name"
		    "</label><input id=\"name\" name=\"name\" required "
		    "maxlength=\"%d\" autocomplete=\"off\"></div><p><button "
		    "type=\"submit\" class=\"primary\">Add</button></p></form>",
		    STORE_NAME_MAX);
	page_end(rq, rs);
done:
	free(people);
	store_close(st);
}

void page_people_add(struct web_req *rq, struct web_resp *rs)
{
	const char *name = form_get(&rq->form, "name");
	struct store *st;
	int64_t id;
	struct err e;

	if (name == NULL || name[0] == '\0') {
		web_error_page(rq, rs, 400, "Give the person a name.");
		return;
	}
	st = web_store_open(rq, rs);
	if (st == NULL)
		return;
	err_clear(&e);
	if (store_person_add(st, name, &id, &e) < 0)
		web_error_page(rq, rs, 400, e.msg);
	else
		redirect(rq, rs, "/journal", name, NULL, 0);
	store_close(st);
}

/* ---- Writing entries and their forms ---- */

static void select_open(struct strbuf *sb, const char *id, const char *words)
{
	strbuf_addf(sb, "<div class=\"field\"><label for=\"%s\">", id);
	html_text(sb, words);
	strbuf_addf(sb, "</label><select id=\"%s\" name=\"%s\">", id,
		    strchr(id, '-') + 1);
}

static void option(struct strbuf *sb, const char *value, const char *words,
		   bool selected)
{
	strbuf_addstr(sb, "<option value=\"");
	html_attr(sb, value);
	strbuf_addstr(sb, selected ? "\" selected>" : "\">");
	html_text(sb, words);
	strbuf_addstr(sb, "</option>");
}

static void score_field(struct strbuf *sb, const char *id, const char *words,
			int lo, int value)
{
	char num[12];

	select_open(sb, id, words);
	/* A pain score of 0 is a real answer; only a pressure (lo = 1) uses
	 * 0 for "not given". */
	option(sb, "", "not given", value == PAIN_UNSET || value < lo);
	for (int i = lo; i <= 10; i++) {
		snprintf(num, sizeof(num), "%d", i);
		option(sb, num, num, i == value);
	}
	strbuf_addstr(sb, "</select></div>");
}

static void number_field(struct strbuf *sb, const char *id,
			 const char *words, double value, const char *step)
{
	strbuf_addf(sb, "<div class=\"field\"><label for=\"%s\">", id);
	html_text(sb, words);
	strbuf_addf(sb, "</label><input id=\"%s\" name=\"%s\" type=\"number\" "
		    "min=\"0\" step=\"%s\" inputmode=\"decimal\" value=\"",
		    id, strchr(id, '-') + 1, step);
	if (value != JOURNAL_UNSET)
		strbuf_addf(sb, "%g", value);
	strbuf_addstr(sb, "\"></div>");
}

/* A one-line text field named name, labelled words, holding value (or
 * empty when NULL). */
static void text_field(struct strbuf *sb, const char *id, const char *words,
		       const char *name, int max_len, const char *value)
{
	strbuf_addf(sb, "<div class=\"field\"><label for=\"%s\">%s</label>"
		    "<input id=\"%s\" name=\"%s\" maxlength=\"%d\" value=\"",
		    id, words, id, name, max_len);
	if (value != NULL)
		html_attr(sb, value);
	strbuf_addstr(sb, "\"></div>");
}

/* A select over a vocabulary of n names (name_at(i)) and their words,
 * with a "not given" choice first; chosen is an index or -1. */
static void vocab_field(struct strbuf *sb, const char *id, const char *words,
			const char *(*name_at)(int), const char *const *vw,
			int n, int chosen)
{
	select_open(sb, id, words);
	option(sb, "", "not given", chosen < 0);
	for (int i = 0; i < n; i++)
		option(sb, name_at(i), vw[i], chosen == i);
	strbuf_addstr(sb, "</select></div>");
}

/* Names by index, for vocab_field and vocab_read (static strings). */
static const char *side_at(int i) { return side_name((enum side)i); }
static const char *type_at(int i)
{
	return massage_type_name((enum massage_type)i);
}
static const char *feel_at(int i)
{
	return journal_feel_name((enum journal_feel)i);
}

/*
 * The pain's symptoms: the ones ticked (checkboxes named s), then the
 * warning signs and run questions answered yes, no or not asked. A new
 * form chooses no answer; an entry shows what it holds ("not asked" for
 * a question it has no answer to).
 */
static void pain_symptoms(struct web_req *rq, struct strbuf *sb,
			  const struct journal_entry *en, bool stored)
{
	const struct kb *kb = rq->app->kb;
	uint32_t yes = en ? en->pain.symptoms : 0;
	uint32_t no = en ? en->pain.denied : 0;

	strbuf_addstr(sb, "<fieldset><legend>How it behaves</legend>");
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		char id[48];

		if (web_asked_three_way((enum symptom)s))
			continue;
		snprintf(id, sizeof(id), "pain-s-%s",
			 symptom_name((enum symptom)s));
		web_checkbox(sb, "s", symptom_name((enum symptom)s), id,
			     (yes & SYMPTOM_BIT(s)) != 0,
			     kb_symptom(kb, (enum symptom)s)->question);
	}
	strbuf_addstr(sb, "</fieldset><fieldset class=\"flags\"><legend>"
		      "Warning signs and the last run</legend><p class="
		      "\"hint\">Only what was asked: leave a question open "
		      "if nobody asked it.</p>");
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		uint32_t bit = SYMPTOM_BIT(s);

		if (!web_asked_three_way((enum symptom)s))
			continue;
		web_question(sb, kb, (enum symptom)s, &pain_answers,
			     (yes & bit) ? 0 : (no & bit) ? 1 : stored ? 2 : -1,
			     false, NULL);
	}
	strbuf_addstr(sb, "</fieldset>");
}

/*
 * Where a massage worked: the body map (a click adds or takes away a
 * region; without JavaScript it posts the form to action to be shown
 * again) and the same regions as a list of checkboxes.
 */
static void massage_regions(struct strbuf *sb, uint32_t regions,
			    const char *action)
{
	enum bodymap_mark marks[REGION__COUNT] = { MARK_NONE };

	for (int r = 0; r < REGION__COUNT; r++)
		if (regions & (UINT32_C(1) << r))
			marks[r] = MARK_CHOSEN;
	strbuf_addstr(sb, "<fieldset id=\"massage-where\" class=\"where\">"
		      "<legend>Where it worked</legend><p class=\"hint\" "
		      "id=\"massage-bm-title\">Choose the regions on the map "
		      "(a second click takes one away) or tick them in the "
		      "list.</p><div class=\"where-grid\">");
	svg_bodymap_picker(sb, marks, "pick", action, "massage-bm-title");
	strbuf_addstr(sb, "<div class=\"regions\">");
	for (int r = 0; r < REGION__COUNT; r++) {
		char id[48];

		snprintf(id, sizeof(id), "massage-region-%s",
			 region_name((enum region)r));
		web_checkbox(sb, "region", region_name((enum region)r), id,
			     (regions & (UINT32_C(1) << r)) != 0,
			     bodymap_region_label((enum region)r));
	}
	strbuf_addstr(sb, "</div></div></fieldset>");
}

/*
 * The form of one kind: empty (en NULL), filled from en to log it
 * (a redisplay after a map click) or to edit it (edit set). ids are
 * prefixed with the kind so that four forms can share one page.
 */
static void entry_form(struct web_req *rq, struct strbuf *sb,
		       enum journal_kind kind, const struct journal_entry *en,
		       bool edit)
{
	const char *k = journal_kind_name(kind);
	const char *action = edit ? "/journal/edit" : "/journal";
	char id[40], date[DATE_BUF];

	strbuf_addf(sb, "<form method=\"post\" action=\"%s\" class=\"card "
		    "entry entry-%s\" id=\"form-%s\"><h2>%s %s</h2>", action,
		    k, k, edit ? "Edit" : "Log", kind_object[kind]);
	page_form_hidden(rq, sb);
	strbuf_addf(sb, "<input type=\"hidden\" name=\"kind\" value=\"%s\">",
		    k);
	if (edit)
		strbuf_addf(sb, "<input type=\"hidden\" name=\"id\" "
			    "value=\"%lld\">", (long long)en->id);
	date_format(en ? en->day : date_today(), date);
	strbuf_addf(sb, "<div class=\"row\"><div class=\"field\"><label "
		    "for=\"%s-date\">Date</label><input id=\"%s-date\" "
		    "name=\"date\" type=\"date\" required value=\"%s\"></div>",
		    k, k, date);
	switch (kind) {
	case JOURNAL_PAIN:
		snprintf(id, sizeof(id), "%s-area", k);
		select_open(sb, id, "Where");
		for (int a = 0; a < AREA__COUNT; a++)
			option(sb, area_name((enum area)a), report_area_words[a],
			       en && en->pain.area == (enum area)a);
		strbuf_addstr(sb, "</select></div>");
		snprintf(id, sizeof(id), "%s-side", k);
		vocab_field(sb, id, "Side", side_at, web_side_words,
			    SIDE__COUNT, en && en->pain.side != SIDE__COUNT
					 ? (int)en->pain.side : -1);
		snprintf(id, sizeof(id), "%s-rest", k);
		score_field(sb, id, "At rest", 0, en ? en->pain.rest : -1);
		snprintf(id, sizeof(id), "%s-run", k);
		score_field(sb, id, "Running", 0, en ? en->pain.run : -1);
		snprintf(id, sizeof(id), "%s-morning", k);
		score_field(sb, id, "Morning", 0, en ? en->pain.morning : -1);
		break;
	case JOURNAL_MASSAGE:
		snprintf(id, sizeof(id), "%s-type", k);
		vocab_field(sb, id, "Type", type_at, report_type_words,
			    MASSAGE_TYPE__COUNT, en && en->massage.has_type
						 ? (int)en->massage.type : -1);
		snprintf(id, sizeof(id), "%s-pressure", k);
		score_field(sb, id, "Pressure (1-10)", 1,
			    en ? en->massage.pressure : 0);
		snprintf(id, sizeof(id), "%s-flare", k);
		number_field(sb, id, "Flare-up afterwards (hours)",
			     en ? en->massage.flare_hours : JOURNAL_UNSET,
			     "any");
		snprintf(id, sizeof(id), "%s-felt", k);
		vocab_field(sb, id, "Afterwards it felt", feel_at,
			    report_feel_words, JOURNAL_FEEL__COUNT,
			    en && en->massage.has_felt ? (int)en->massage.felt
						       : -1);
		break;
	case JOURNAL_RUN:
		snprintf(id, sizeof(id), "%s-km", k);
		number_field(sb, id, "Distance (km)", en &&
			     en->run.distance_m != JOURNAL_UNSET
			     ? en->run.distance_m / 1000 : JOURNAL_UNSET,
			     "0.01");
		snprintf(id, sizeof(id), "%s-minutes", k);
		number_field(sb, id, "Time (minutes)", en &&
			     en->run.moving_s != JOURNAL_UNSET
			     ? en->run.moving_s / 60 : JOURNAL_UNSET, "any");
		snprintf(id, sizeof(id), "%s-climb", k);
		number_field(sb, id, "Climb (m)", en ? en->run.climb_m
						     : JOURNAL_UNSET, "1");
		snprintf(id, sizeof(id), "%s-note", k);
		text_field(sb, id, "Note", "note", 200, en ? en->run.note : NULL);
		break;
	case JOURNAL_ASSESSMENT:
		snprintf(id, sizeof(id), "%s-outcome", k);
		strbuf_addf(sb, "<div class=\"field\"><label for=\"%s\">"
			    "Outcome</label><select id=\"%s\" name=\"outcome\" "
			    "required>", id, id);
		option(sb, "", "choose one", en == NULL);
		for (int o = 0; o < JOURNAL_OUTCOME__COUNT; o++)
			option(sb, journal_outcome_name((enum journal_outcome)o),
			       report_outcome_words[o],
			       en && en->assessment.outcome ==
					     (enum journal_outcome)o);
		strbuf_addstr(sb, "</select></div>");
		snprintf(id, sizeof(id), "%s-by", k);
		text_field(sb, id, "Assessed by", "by", 200,
			   en ? en->assessment.by : NULL);
		snprintf(id, sizeof(id), "%s-note", k);
		text_field(sb, id, "Note", "note", 2000,
			   en ? en->assessment.note : NULL);
		break;
	default:
		break;
	}
	strbuf_addstr(sb, "</div>");
	if (kind == JOURNAL_PAIN)
		pain_symptoms(rq, sb, en, edit);
	if (kind == JOURNAL_MASSAGE) {
		web_checkbox(sb, "bruised", "1", "massage-bruised",
			     en && en->massage.bruised_or_limping,
			     "It left me bruised or limping");
		massage_regions(sb, en ? en->massage.regions : 0,
				edit ? "/journal/edit#massage-where"
				     : "/journal#massage-where");
	}
	strbuf_addf(sb, "<p><button type=\"submit\" class=\"primary\">%s"
		    "</button></p></form>", edit ? "Save the change" : "Log it");
}

/* ---- Reading the forms ---- */

/* Keep the first of several errors: a step r that failed with its
 * message in *step is recorded in e unless an earlier one was. */
static void first_error(int r, const struct err *step, struct err *e,
			int *rc)
{
	if (r < 0 && *rc == 0) {
		*e = *step;
		*rc = -1;
	}
}

/* Parse the value of field name through a vocabulary (name_at over n
 * names): *out gets its index, or -1 when the field is empty. */
static int vocab_read(const struct form *f, const char *name,
		      const char *words, const char *(*name_at)(int), int n,
		      int *out, struct err *e)
{
	const char *s = form_get(f, name);

	*out = -1;
	if (s == NULL || s[0] == '\0')
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(s, name_at(i)) == 0)
			*out = i;
	if (*out < 0)
		return err_set(e, ERR_DATA, "%s: unknown choice", words);
	return 0;
}

/*
 * The pain's symptoms: s fields are reported, q-ID answered yes or no
 * (or left open). A symptom denied earlier (by `runcare log --denied`)
 * that the form only ticks stays denied unless it is now ticked.
 */
static int pain_symptoms_read(const struct form *f, struct journal_pain *p,
			      struct err *e)
{
	uint32_t yes = 0, no = 0, three = 0;

	if (web_field_set(f, "s", "Symptoms: unknown symptom",
			  web_parse_symptom, &yes, e) < 0)
		return -1;
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		char field[48];
		const char *a;

		if (!web_asked_three_way((enum symptom)s))
			continue;
		three |= SYMPTOM_BIT(s);
		snprintf(field, sizeof field, "q-%s",
			 symptom_name((enum symptom)s));
		a = form_get(f, field);
		if (a == NULL || a[0] == '\0' || strcmp(a, "unasked") == 0)
			continue;
		if (strcmp(a, "yes") == 0)
			yes |= SYMPTOM_BIT(s);
		else if (strcmp(a, "no") == 0)
			no |= SYMPTOM_BIT(s);
		else
			return err_set(e, ERR_DATA, "%s: expected yes, no or "
				       "not asked", field);
	}
	p->denied = no | (p->denied & ~three & ~yes);
	p->symptoms = yes;
	return 0;
}

/*
 * Fill en (already initialised for its kind) from the form. Every field
 * is read even after a mistake, so that a form shown again keeps all it
 * held; the first mistake is returned (-1 with e set).
 */
static int entry_from_form(const struct form *f, struct journal_entry *en,
			   struct err *e)
{
	struct err step;
	int rc = 0, v;
	double km, minutes;
	const char *s;

	err_clear(&step);
	first_error(web_field_date(f, "date", &en->day, &step), &step, e, &rc);
	switch (en->kind) {
	case JOURNAL_PAIN:
		s = form_get(f, "area");
		if (s == NULL || area_parse(s, strlen(s), &en->pain.area) < 0)
			first_error(err_set(&step, ERR_DATA, "Where: choose "
					    "an area"), &step, e, &rc);
		first_error(vocab_read(f, "side", "Side", side_at, SIDE__COUNT,
				       &v, &step), &step, e, &rc);
		en->pain.side = v < 0 ? SIDE__COUNT : (enum side)v;
		first_error(web_field_int(f, "rest", "At rest", 0, 10,
					  PAIN_UNSET, &en->pain.rest, &step),
			    &step, e, &rc);
		first_error(web_field_int(f, "run", "Running", 0, 10,
					  PAIN_UNSET, &en->pain.run, &step),
			    &step, e, &rc);
		first_error(web_field_int(f, "morning", "Morning", 0, 10,
					  PAIN_UNSET, &en->pain.morning, &step),
			    &step, e, &rc);
		first_error(pain_symptoms_read(f, &en->pain, &step), &step, e,
			    &rc);
		break;
	case JOURNAL_MASSAGE:
		first_error(web_field_int(f, "pressure", "Pressure", 1, 10, 0,
					  &en->massage.pressure, &step),
			    &step, e, &rc);
		first_error(web_field_num(f, "flare", "Flare-up", 0, 24 * 365,
					  JOURNAL_UNSET,
					  &en->massage.flare_hours, &step),
			    &step, e, &rc);
		en->massage.bruised_or_limping = form_get(f, "bruised") != NULL;
		first_error(vocab_read(f, "type", "Type", type_at,
				       MASSAGE_TYPE__COUNT, &v, &step),
			    &step, e, &rc);
		en->massage.has_type = v >= 0;
		if (v >= 0)
			en->massage.type = (enum massage_type)v;
		first_error(vocab_read(f, "felt", "Afterwards it felt", feel_at,
				       JOURNAL_FEEL__COUNT, &v, &step),
			    &step, e, &rc);
		en->massage.has_felt = v >= 0;
		if (v >= 0)
			en->massage.felt = (enum journal_feel)v;
		en->massage.regions = 0;
		first_error(web_field_set(f, "region", "Where it worked: "
					  "unknown region", web_parse_region,
					  &en->massage.regions, &step),
			    &step, e, &rc);
		break;
	case JOURNAL_RUN:
		first_error(web_field_num(f, "km", "Distance", 0, 1000,
					  JOURNAL_UNSET, &km, &step),
			    &step, e, &rc);
		first_error(web_field_num(f, "minutes", "Time", 0, 14 * 24 * 60,
					  JOURNAL_UNSET, &minutes, &step),
			    &step, e, &rc);
		first_error(web_field_num(f, "climb", "Climb", 0, 1e5,
					  JOURNAL_UNSET, &en->run.climb_m,
					  &step), &step, e, &rc);
		en->run.distance_m = km == JOURNAL_UNSET ? km : km * 1000;
		en->run.moving_s = minutes == JOURNAL_UNSET ? minutes
							    : minutes * 60;
		s = form_get(f, "note");
		journal_set_str(&en->run.note, s && s[0] ? s : NULL);
		break;
	case JOURNAL_ASSESSMENT:
		s = form_get(f, "outcome");
		if (s == NULL || journal_outcome_parse(s, strlen(s),
						       &en->assessment.outcome) < 0)
			first_error(err_set(&step, ERR_DATA, "Outcome: choose "
					    "one"), &step, e, &rc);
		s = form_get(f, "by");
		journal_set_str(&en->assessment.by, s && s[0] ? s : NULL);
		s = form_get(f, "note");
		journal_set_str(&en->assessment.note, s && s[0] ? s : NULL);
		break;
	default:
		break;
	}
	if (rc < 0)
		return rc;
	return journal_entry_validate(en, e);
}

/* ---- The copy of a deleted entry, for "Undo" ---- */

/* A number exactly as stored (nothing when unset). */
static void hidden_num(struct strbuf *sb, const char *name, double v)
{
	char num[32];

	if (v == JOURNAL_UNSET)
		return;
	snprintf(num, sizeof num, "%.17g", v);
	html_hidden(sb, name, num);
}

/*
 * Every field of en as hidden inputs under the names the entry forms
 * use, plus what only `runcare log` and the import set (a symptom denied
 * outside the form's questions, a massage's marks, a run's start, heart
 * rate, source and file digest), so that the entry comes back whole.
 */
static void entry_hidden(struct strbuf *sb, const struct journal_entry *en)
{
	char date[DATE_BUF], field[48];

	html_hidden(sb, "kind", journal_kind_name(en->kind));
	html_hidden(sb, "date", date_format(en->day, date));
	switch (en->kind) {
	case JOURNAL_PAIN:
		html_hidden(sb, "area", area_name(en->pain.area));
		if (en->pain.side != SIDE__COUNT)
			html_hidden(sb, "side", side_name(en->pain.side));
		hidden_num(sb, "rest", en->pain.rest);
		hidden_num(sb, "run", en->pain.run);
		hidden_num(sb, "morning", en->pain.morning);
		for (int s = 0; s < SYMPTOM__COUNT; s++) {
			const char *name = symptom_name((enum symptom)s);

			if (en->pain.symptoms & SYMPTOM_BIT(s)) {
				html_hidden(sb, "s", name);
			} else if (!(en->pain.denied & SYMPTOM_BIT(s))) {
				continue;
			} else if (web_asked_three_way((enum symptom)s)) {
				snprintf(field, sizeof field, "q-%s", name);
				html_hidden(sb, field, "no");
			} else {
				html_hidden(sb, "d", name);
			}
		}
		break;
	case JOURNAL_MASSAGE:
		if (en->massage.pressure > 0)
			hidden_num(sb, "pressure", en->massage.pressure);
		hidden_num(sb, "flare", en->massage.flare_hours);
		if (en->massage.bruised_or_limping)
			html_hidden(sb, "bruised", "1");
		if (en->massage.has_type)
			html_hidden(sb, "type", type_at((int)en->massage.type));
		if (en->massage.has_felt)
			html_hidden(sb, "felt", feel_at((int)en->massage.felt));
		for (int r = 0; r < REGION__COUNT; r++)
			if (en->massage.regions & (UINT32_C(1) << r))
				html_hidden(sb, "region", region_name((enum region)r));
		hidden_num(sb, "marks", en->massage.marks);
		hidden_num(sb, "marks_known", en->massage.marks_known);
		break;
	case JOURNAL_RUN:
		hidden_num(sb, "km", en->run.distance_m == JOURNAL_UNSET
				     ? JOURNAL_UNSET : en->run.distance_m / 1000);
		hidden_num(sb, "minutes", en->run.moving_s == JOURNAL_UNSET
					  ? JOURNAL_UNSET : en->run.moving_s / 60);
		hidden_num(sb, "climb", en->run.climb_m);
		html_hidden(sb, "note", en->run.note);
		hidden_num(sb, "start", (double)en->run.start_utc);
		hidden_num(sb, "elapsed", en->run.elapsed_s);
		hidden_num(sb, "descent", en->run.descent_m);
		hidden_num(sb, "avg_hr", en->run.avg_hr);
		html_hidden(sb, "sport", en->run.sport);
		html_hidden(sb, "source", en->run.source);
		if (en->run.sha256[0] != '\0')
			html_hidden(sb, "sha256", en->run.sha256);
		break;
	case JOURNAL_ASSESSMENT:
		html_hidden(sb, "outcome",
		       journal_outcome_name(en->assessment.outcome));
		html_hidden(sb, "by", en->assessment.by);
		html_hidden(sb, "note", en->assessment.note);
		break;
	default:
		break;
	}
}

/* Read what entry_hidden writes beyond the entry forms' fields. */
static int entry_extras_read(const struct form *f, struct journal_entry *en,
			     struct err *e)
{
	const char *s;
	double start;
	int v;

	switch (en->kind) {
	case JOURNAL_PAIN:
		return web_field_set(f, "d", "unknown symptom",
				     web_parse_symptom, &en->pain.denied, e);
	case JOURNAL_MASSAGE:
		if (web_field_int(f, "marks", "marks", 0, 255, 0, &v, e) < 0)
			return -1;
		en->massage.marks = (unsigned)v;
		if (web_field_int(f, "marks_known", "marks", 0, 255, 0, &v,
				  e) < 0)
			return -1;
		en->massage.marks_known = (unsigned)v;
		return 0;
	case JOURNAL_RUN:
		if (web_field_num(f, "start", "start", 0, 1e11, JOURNAL_UNSET,
				  &start, e) < 0 ||
		    web_field_num(f, "elapsed", "elapsed", 0, 1e7,
				  JOURNAL_UNSET, &en->run.elapsed_s, e) < 0 ||
		    web_field_num(f, "descent", "descent", 0, 1e5,
				  JOURNAL_UNSET, &en->run.descent_m, e) < 0 ||
		    web_field_int(f, "avg_hr", "avg_hr", 20, 260,
				  JOURNAL_UNSET, &en->run.avg_hr, e) < 0)
			return -1;
		en->run.start_utc = (int64_t)start;
		s = form_get(f, "sport");
		journal_set_str(&en->run.sport, s && s[0] ? s : NULL);
		s = form_get(f, "source");
		journal_set_str(&en->run.source, s && s[0] ? s : NULL);
		s = form_get(f, "sha256");
		if (s != NULL && strlen(s) == JOURNAL_SHA256_HEX &&
		    strspn(s, "0123456789abcdef") == JOURNAL_SHA256_HEX)
			memcpy(en->run.sha256, s, JOURNAL_SHA256_HEX + 1);
		else if (s != NULL)
			return err_set(e, ERR_DATA, "sha256: not a digest");
		return 0;
	default:
		return 0;
	}
}

/* ---- The journal page and its changes ---- */

/* What report_entry_details leaves out: a pain's side, the symptoms
 * reported and how many questions were answered no; a massage's
 * regions. */
static void entry_more(struct strbuf *sb, const struct kb *kb,
		       const struct journal_entry *en)
{
	const char *sep = "; reported: ";
	int no = 0;

	if (en->kind == JOURNAL_MASSAGE && en->massage.regions != 0) {
		sep = "; worked on: ";
		for (int r = 0; r < REGION__COUNT; r++) {
			if (!(en->massage.regions & (UINT32_C(1) << r)))
				continue;
			strbuf_addstr(sb, sep);
			html_text(sb, bodymap_region_label((enum region)r));
			sep = ", ";
		}
	}
	if (en->kind != JOURNAL_PAIN)
		return;
	if (en->pain.side != SIDE__COUNT)
		strbuf_addf(sb, "; side: %s", side_name(en->pain.side));
	for (int s = 0; s < SYMPTOM__COUNT; s++) {
		if (en->pain.denied & SYMPTOM_BIT(s))
			no++;
		if (!(en->pain.symptoms & SYMPTOM_BIT(s)))
			continue;
		strbuf_addstr(sb, sep);
		html_text(sb, kb_symptom(kb, (enum symptom)s)->label);
		sep = ", ";
	}
	if (no > 0)
		strbuf_addf(sb, "; answered no: %d question%s", no,
			    no == 1 ? "" : "s");
}

/* "the pain entry of 2026-11-27 (Knee: at rest 2/10, ...)". */
static void entry_words(struct strbuf *sb, const struct kb *kb,
			const struct journal_entry *en)
{
	char date[DATE_BUF];

	strbuf_addf(sb, "the %s entry of %s (",
		    journal_kind_name(en->kind), date_format(en->day, date));
	report_entry_details(sb, en);
	entry_more(sb, kb, en);
	strbuf_addstr(sb, ")");
}

/* The id named by field name of f, or 0. */
static int64_t id_field(const struct form *f, const char *name)
{
	const char *s = form_get(f, name);
	char *end;
	long long id;

	if (s == NULL || s[0] == '\0')
		return 0;
	id = strtoll(s, &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

/* The entries of list (borrowed), newest first, one row each with its
 * id as anchor; the row of saved (or none, 0) is marked. */
static void entry_rows(struct web_req *rq, struct strbuf *sb,
		       const struct store_entries *list, int64_t saved)
{
	strbuf_addstr(sb, "<table class=\"entries\" aria-labelledby="
		      "\"entries\"><thead><tr><th scope=\"col\">Date</th>"
		      "<th scope=\"col\">Kind</th><th scope=\"col\">What"
		      "</th><th scope=\"col\">Change</th></tr></thead>"
		      "<tbody>");
	for (size_t i = list->n; i-- > 0;) {
		const struct journal_entry *en = &list->v[i];
		char date[DATE_BUF];

		strbuf_addf(sb, "<tr id=\"entry-%lld\"%s><td class=\"date\">"
			    "%s</td><td class=\"kind\">%s</td><td class="
			    "\"what\">", (long long)en->id,
			    en->id == saved ? " class=\"saved\"" : "",
			    date_format(en->day, date), kind_words[en->kind]);
		report_entry_details(sb, en);
		entry_more(sb, rq->app->kb, en);
		for (int k = 0; k < 2; k++) {
			strbuf_addf(sb, "%s<a href=\"/journal/%s?id=%lld",
				    k ? " " : "</td><td class=\"actions\">",
				    k ? "delete" : "edit", (long long)en->id);
			page_person_query(rq, sb, false);
			strbuf_addf(sb, "\" aria-label=\"%s the %s entry of "
				    "%s\">%s</a>", k ? "Delete" : "Edit",
				    kind_words[en->kind], date,
				    k ? "Delete" : "Edit");
		}
		strbuf_addstr(sb, "</td></tr>");
	}
	strbuf_addstr(sb, "</tbody></table>");
}

/*
 * The journal of p: the four forms (the massage one filled from draft
 * after a map click, when draft is given), the message naming the entry
 * just saved or restored, and the entries, newest first.
 */
static void journal_page(struct web_req *rq, struct web_resp *rs,
			 struct store *st, const struct store_person *p,
			 const struct journal_entry *draft)
{
	struct store_entries list;
	struct store_query q = STORE_QUERY_INIT(p->id);
	struct strbuf *sb = &rs->body;
	int64_t saved = id_field(&rq->query, "saved");
	int64_t restored = id_field(&rq->query, "restored");
	struct err e;

	store_entries_init(&list);
	err_clear(&e);
	if (store_entry_list(st, &q, &list, &e) < 0) {
		web_error_page(rq, rs, 500, e.msg);
		goto done;
	}
	if (saved == 0)
		saved = restored;
	page_begin(rq, rs, "Journal", "/journal");
	strbuf_addstr(sb, "<h1>Journal of ");
	html_text(sb, p->name);
	/* The entries come first, so that on a phone a saved one is near
	 * the top; the forms follow, reached by the links. */
	strbuf_addstr(sb, "</h1><nav class=\"log-links\" aria-label=\"Add to "
			  "the journal\"><p>Log:");
	for (int k = 0; k < JOURNAL_KIND__COUNT; k++)
		strbuf_addf(sb, " <a href=\"#form-%s\">%s</a>%s",
			    journal_kind_name((enum journal_kind)k),
			    kind_object[k],
			    k + 1 < JOURNAL_KIND__COUNT ? " \u00b7" : "");
	strbuf_addstr(sb, "</p></nav><h2 id=\"entries\">Entries</h2>");
	for (size_t i = 0; i < list.n && saved > 0; i++) {
		if (list.v[i].id != saved)
			continue;
		strbuf_addf(sb, "<p class=\"saved-note\" role=\"status\">"
			    "<strong>%s:</strong> ", restored ? "Restored"
							      : "Saved");
		entry_words(sb, rq->app->kb, &list.v[i]);
		strbuf_addf(sb, ". <a href=\"#entry-%lld\">Show it</a></p>",
			    (long long)saved);
	}
	if (list.n == 0)
		strbuf_addstr(sb, "<p>Nothing logged yet.</p>");
	else
		entry_rows(rq, sb, &list, saved);
	strbuf_addstr(sb, "<h2>Add to the journal</h2><div class=\"forms\">");
	for (int k = 0; k < JOURNAL_KIND__COUNT; k++)
		entry_form(rq, sb, (enum journal_kind)k,
			   k == JOURNAL_MASSAGE ? draft : NULL, false);
	strbuf_addstr(sb, "</div>");
	page_end(rq, rs);
done:
	store_entries_release(&list);
}

void page_journal(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct store_person p;

	if (st == NULL)
		return;
	/* Looking never creates a named person: a typo in ?person= should
	 * not add someone. An empty journal starts with the default one. */
	if (web_person(rq, rs, st, rq->person[0] == '\0', &p) == 0) {
		rq->person = p.name;
		journal_page(rq, rs, st, &p, NULL);
	}
	store_close(st);
}

/* Read the entry named by the id field (or ?id=) and check it is the
 * person's. Returns 0, or -1 after answering rs. */
static int own_entry(struct web_req *rq, struct web_resp *rs,
		     struct store *st, const struct form *f,
		     struct store_person *p, struct journal_entry *en)
{
	int64_t id = id_field(f, "id");
	struct err e;

	journal_entry_init(en, JOURNAL_PAIN, 0);
	if (web_person(rq, rs, st, false, p) < 0)
		return -1;
	err_clear(&e);
	if (id == 0 || store_entry_get(st, id, en, &e) < 0 ||
	    en->person_id != p->id) {
		web_error_page(rq, rs, 404, "There is no such entry in this "
					    "journal.");
		return -1;
	}
	return 0;
}

/* The edit page of en (as stored, or as changed by a map click). */
static void edit_page(struct web_req *rq, struct web_resp *rs,
		      const struct journal_entry *en)
{
	page_begin(rq, rs, "Edit an entry", "/journal");
	strbuf_addstr(&rs->body, "<h1>Edit an entry</h1>");
	entry_form(rq, &rs->body, en->kind, en, true);
	strbuf_addstr(&rs->body, "<p><a href=\"/journal");
	page_person_query(rq, &rs->body, true);
	strbuf_addf(&rs->body, "#entry-%lld\">Back to the journal</a></p>",
		    (long long)en->id);
	page_end(rq, rs);
}

/* GET of a page about one stored entry (?id=N): show it with show. */
static void entry_get(struct web_req *rq, struct web_resp *rs,
		      void (*show)(struct web_req *, struct web_resp *,
				   const struct journal_entry *))
{
	struct store *st = web_store_open(rq, rs);
	struct journal_entry en;
	struct store_person p;

	if (st == NULL)
		return;
	if (own_entry(rq, rs, st, &rq->query, &p, &en) == 0) {
		rq->person = p.name;
		show(rq, rs, &en);
	}
	journal_entry_release(&en);
	store_close(st);
}

void page_journal_edit(struct web_req *rq, struct web_resp *rs)
{
	entry_get(rq, rs, edit_page);
}

/* How a save came: a form of the journal (log or edit) or an "Undo". */
enum save_how { SAVE_LOG, SAVE_EDIT, SAVE_UNDO };

/*
 * A click on the massage map: add the region (or take it away) and show
 * the form again with everything it held, mistakes and all (they are
 * named when the form is sent). Returns 1 when the form was a click
 * (rs answered), 0 when it was not, -1 after an error page.
 */
static int map_click(struct web_req *rq, struct web_resp *rs,
		     struct store *st, const struct store_person *p,
		     struct journal_entry *en, bool edit)
{
	const char *pick = form_get(&rq->form, "pick");
	enum region r;
	struct err e;

	if (pick == NULL)
		return 0;
	if (en->kind != JOURNAL_MASSAGE ||
	    region_parse(pick, strlen(pick), &r) < 0) {
		web_error_page(rq, rs, 400, "The map named a region runcare "
					    "does not know; choose it again.");
		return -1;
	}
	err_clear(&e);
	(void)entry_from_form(&rq->form, en, &e);
	en->massage.regions ^= UINT32_C(1) << r;
	rq->person = p->name;
	if (edit)
		edit_page(rq, rs, en);
	else
		journal_page(rq, rs, st, p, en);
	return 1;
}

/* POST /journal (log), /journal/edit (replace) and /journal/undo (add
 * a deleted entry again). */
static void save_entry(struct web_req *rq, struct web_resp *rs,
		       enum save_how how)
{
	struct store *st = web_store_open(rq, rs);
	const char *k = form_get(&rq->form, "kind");
	struct journal_entry en;
	enum journal_kind kind;
	struct store_person p;
	struct err e;

	journal_entry_init(&en, JOURNAL_PAIN, 0);
	if (st == NULL)
		return;
	err_clear(&e);
	if (how == SAVE_EDIT) {
		if (own_entry(rq, rs, st, &rq->form, &p, &en) < 0)
			goto done;
	} else {
		if (k == NULL || journal_kind_parse(k, strlen(k), &kind) < 0) {
			web_error_page(rq, rs, 400, "Unknown kind of entry.");
			goto done;
		}
		if (web_person(rq, rs, st, how == SAVE_LOG, &p) < 0)
			goto done;
		journal_entry_release(&en);
		journal_entry_init(&en, kind, 0);
		en.person_id = p.id;
	}
	if (how != SAVE_UNDO && map_click(rq, rs, st, &p, &en,
					  how == SAVE_EDIT) != 0)
		goto done;
	if ((how == SAVE_UNDO && entry_extras_read(&rq->form, &en, &e) < 0) ||
	    entry_from_form(&rq->form, &en, &e) < 0 ||
	    (how == SAVE_EDIT ? store_entry_update(st, &en, &e)
			      : store_entry_add(st, &en, &e)) < 0) {
		web_error_page(rq, rs, e.code == ERR_DATA ? 400 : 500, e.msg);
		goto done;
	}
	redirect(rq, rs, "/journal", p.name,
		 how == SAVE_UNDO ? "restored" : "saved", en.id);
done:
	journal_entry_release(&en);
	store_close(st);
}

void page_journal_add(struct web_req *rq, struct web_resp *rs)
{
	save_entry(rq, rs, SAVE_LOG);
}

void page_journal_update(struct web_req *rq, struct web_resp *rs)
{
	save_entry(rq, rs, SAVE_EDIT);
}

/* The question before a delete. */
static void delete_ask_page(struct web_req *rq, struct web_resp *rs,
			    const struct journal_entry *en)
{
	struct strbuf *sb = &rs->body;

	page_begin(rq, rs, "Delete an entry?", "/journal");
	strbuf_addstr(sb, "<h1>Delete this entry?</h1><p>This deletes ");
	entry_words(sb, rq->app->kb, en);
	strbuf_addstr(sb, ".</p><form method=\"post\" action=\"/journal/"
		      "delete\" class=\"card confirm\">");
	page_form_hidden(rq, sb);
	strbuf_addf(sb, "<input type=\"hidden\" name=\"id\" value=\"%lld\">"
		    "<p class=\"hint\">For a minute after, the next page can "
		    "still undo it.</p><p><button type=\"submit\" class="
		    "\"primary danger\">Delete it</button> <a class=\"button\" "
		    "href=\"/journal", (long long)en->id);
	page_person_query(rq, sb, true);
	strbuf_addf(sb, "#entry-%lld\">Keep it</a></p></form>",
		    (long long)en->id);
	page_end(rq, rs);
}

/* GET /journal/delete?id=N: ask before deleting. */
void page_journal_delete_ask(struct web_req *rq, struct web_resp *rs)
{
	entry_get(rq, rs, delete_ask_page);
}

/* POST /journal/delete: delete, then offer "Undo" with the entry's copy
 * in a hidden form (and the time of the delete). */
void page_journal_delete(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct strbuf *sb = &rs->body;
	struct journal_entry en;
	struct store_person p;
	struct err e;

	if (st == NULL)
		return;
	err_clear(&e);
	if (own_entry(rq, rs, st, &rq->form, &p, &en) < 0)
		goto done;
	if (store_entry_delete(st, en.id, &e) < 0) {
		web_error_page(rq, rs, 500, e.msg);
		goto done;
	}
	rq->person = p.name;
	page_begin(rq, rs, "Entry deleted", "/journal");
	strbuf_addstr(sb, "<h1>Entry deleted</h1><p role=\"status\" class="
		      "\"saved-note\"><strong>Deleted:</strong> ");
	entry_words(sb, rq->app->kb, &en);
	strbuf_addstr(sb, ".</p><form method=\"post\" action=\"/journal/"
		      "undo\" class=\"card undo\">");
	page_form_hidden(rq, sb);
	entry_hidden(sb, &en);
	strbuf_addf(sb, "<input type=\"hidden\" name=\"deleted_at\" value=\""
		    "%lld\"><p>Deleted by mistake? For a minute it can be "
		    "put back as it was.</p><p><button type=\"submit\" "
		    "class=\"primary\">Undo</button></p></form><p><a href=\""
		    "/journal", (long long)time(NULL));
	page_person_query(rq, sb, true);
	strbuf_addstr(sb, "\">Back to the journal</a></p>");
	page_end(rq, rs);
done:
	journal_entry_release(&en);
	store_close(st);
}

/* POST /journal/undo: store the copy of a deleted entry again, if the
 * delete is less than UNDO_SECONDS old. */
void page_journal_undo(struct web_req *rq, struct web_resp *rs)
{
	int64_t at = id_field(&rq->form, "deleted_at");
	int64_t now = (int64_t)time(NULL);

	if (at == 0 || now - at > UNDO_SECONDS || at > now + 5) {
		web_error_page(rq, rs, 400, "Undo works for a minute after "
			       "a delete, and that minute is over. Log the "
			       "entry again from the journal if it is still "
			       "needed.");
		return;
	}
	save_entry(rq, rs, SAVE_UNDO);
}
