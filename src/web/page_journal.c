/*
 * page_journal.c - the people list (a therapist's clients) and the journal
 * of one person: log a pain score, a massage or a run, list the entries,
 * edit and delete them.
 *
 * Every change is a POST with the CSRF token, answered by a redirect back
 * to the list (post/redirect/get), so reloading never logs twice. Each
 * entry form is written by one function for both "log" and "edit", from a
 * table of the fields each kind has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
/* 303 to path with ?person=NAME, after a change. */
static void redirect(struct web_req *rq, struct web_resp *rs,
		     const char *path, const char *person)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, path);
	if (person != NULL && person[0] != '\0') {
		strbuf_addstr(&sb, "?person=");
		html_url_component(&sb, person);
	}
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
		redirect(rq, rs, "/journal", name);
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

/*
 * The form of one kind, empty (log) or filled from en (edit). ids are
 * prefixed with the kind so that three forms can share one page.
 */
static void entry_form(struct web_req *rq, struct strbuf *sb,
		       enum journal_kind kind, const struct journal_entry *en)
{
	const char *k = journal_kind_name(kind);
	char id[40], date[DATE_BUF];

	strbuf_addf(sb, "<form method=\"post\" action=\"%s\" class=\"card "
		    "entry\"><h2>%s %s</h2>", en ? "/journal/edit" : "/journal",
		    en ? "Edit" : "Log", kind_object[kind]);
	page_form_hidden(rq, sb);
	strbuf_addf(sb, "<input type=\"hidden\" name=\"kind\" value=\"%s\">",
		    k);
	if (en != NULL)
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
		snprintf(id, sizeof(id), "%s-rest", k);
		score_field(sb, id, "At rest", 0, en ? en->pain.rest : -1);
		snprintf(id, sizeof(id), "%s-run", k);
		score_field(sb, id, "Running", 0, en ? en->pain.run : -1);
		snprintf(id, sizeof(id), "%s-morning", k);
		score_field(sb, id, "Morning", 0, en ? en->pain.morning : -1);
		break;
	case JOURNAL_MASSAGE:
		snprintf(id, sizeof(id), "%s-pressure", k);
		score_field(sb, id, "Pressure (1-10)", 1,
			    en ? en->massage.pressure : 0);
		snprintf(id, sizeof(id), "%s-flare", k);
		number_field(sb, id, "Flare-up afterwards (hours)",
			     en ? en->massage.flare_hours : JOURNAL_UNSET,
			     "any");
		snprintf(id, sizeof(id), "%s-type", k);
		select_open(sb, id, "Type");
		option(sb, "", "not given", !en || !en->massage.has_type);
		for (int t = 0; t < MASSAGE_TYPE__COUNT; t++)
			option(sb, massage_type_name((enum massage_type)t),
			       report_type_words[t], en && en->massage.has_type &&
			       en->massage.type == (enum massage_type)t);
		strbuf_addstr(sb, "</select></div>");
		snprintf(id, sizeof(id), "%s-felt", k);
		select_open(sb, id, "Afterwards it felt");
		option(sb, "", "not given", !en || !en->massage.has_felt);
		for (int f = 0; f < JOURNAL_FEEL__COUNT; f++)
			option(sb, journal_feel_name((enum journal_feel)f),
			       report_feel_words[f], en && en->massage.has_felt &&
			       en->massage.felt == (enum journal_feel)f);
		strbuf_addstr(sb, "</select></div>");
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
	if (kind == JOURNAL_MASSAGE)
		strbuf_addf(sb, "<div class=\"check\"><input type=\"checkbox\" "
			    "id=\"%s-bruised\" name=\"bruised\" value=\"1\"%s>"
			    "<label for=\"%s-bruised\">It left me bruised or "
			    "limping</label></div>", k,
			    en && en->massage.bruised_or_limping ? " checked"
								 : "", k);
	strbuf_addf(sb, "<p><button type=\"submit\" class=\"primary\">%s"
		    "</button></p></form>", en ? "Save the change" : "Log it");
}

/* Fill en (already initialised for its kind) from the form. */
static int entry_from_form(const struct form *f, struct journal_entry *en,
			   struct err *e)
{
	const char *s;
	double km, minutes;

	if (web_field_date(f, "date", &en->day, e) < 0)
		return -1;
	switch (en->kind) {
	case JOURNAL_PAIN:
		s = form_get(f, "area");
		if (s == NULL || area_parse(s, strlen(s), &en->pain.area) < 0)
			return err_set(e, ERR_DATA, "Where: choose an area");
		if (web_field_int(f, "rest", "At rest", 0, 10, PAIN_UNSET,
				  &en->pain.rest, e) < 0 ||
		    web_field_int(f, "run", "Running", 0, 10, PAIN_UNSET,
				  &en->pain.run, e) < 0 ||
		    web_field_int(f, "morning", "Morning", 0, 10, PAIN_UNSET,
				  &en->pain.morning, e) < 0)
			return -1;
		break;
	case JOURNAL_MASSAGE:
		if (web_field_int(f, "pressure", "Pressure", 1, 10, 0,
				  &en->massage.pressure, e) < 0 ||
		    web_field_num(f, "flare", "Flare-up", 0, 24 * 365,
				  JOURNAL_UNSET, &en->massage.flare_hours,
				  e) < 0)
			return -1;
		en->massage.bruised_or_limping = form_get(f, "bruised") != NULL;
		s = form_get(f, "type");
		en->massage.has_type = s != NULL && s[0] != '\0';
		if (en->massage.has_type) {
			enum massage_type t = MTYPE_SPORTS;
			size_t i;

			for (i = 0; i < MASSAGE_TYPE__COUNT; i++)
				if (strcmp(s, massage_type_name(
						      (enum massage_type)i)) == 0)
					t = (enum massage_type)i;
			if (strcmp(s, massage_type_name(t)) != 0)
				return err_set(e, ERR_DATA,
					       "Type: unknown choice");
			en->massage.type = t;
		}
		s = form_get(f, "felt");
		en->massage.has_felt = s != NULL && s[0] != '\0';
		if (en->massage.has_felt &&
		    journal_feel_parse(s, strlen(s), &en->massage.felt) < 0)
			return err_set(e, ERR_DATA,
				       "Afterwards it felt: unknown choice");
		break;
	case JOURNAL_RUN:
		if (web_field_num(f, "km", "Distance", 0, 1000, JOURNAL_UNSET,
				  &km, e) < 0 ||
		    web_field_num(f, "minutes", "Time", 0, 14 * 24 * 60,
				  JOURNAL_UNSET, &minutes, e) < 0 ||
		    web_field_num(f, "climb", "Climb", 0, 1e5, JOURNAL_UNSET,
				  &en->run.climb_m, e) < 0)
			return -1;
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
			return err_set(e, ERR_DATA, "Outcome: choose one");
		s = form_get(f, "by");
		journal_set_str(&en->assessment.by, s && s[0] ? s : NULL);
		s = form_get(f, "note");
		journal_set_str(&en->assessment.note, s && s[0] ? s : NULL);
		break;
	default:
		break;
	}
	return journal_entry_validate(en, e);
}

/* ---- The journal page and its changes ---- */

void page_journal(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct store_entries list;
	struct store_person p;
	struct store_query q;
	struct strbuf *sb = &rs->body;
	struct err e;

	if (st == NULL)
		return;
	store_entries_init(&list);
	/* Looking never creates a named person: a typo in ?person= should
	 * not add someone. An empty journal starts with the default one. */
	if (web_person(rq, rs, st, rq->person[0] == '\0', &p) < 0)
		goto done;
	rq->person = p.name;
	q = (struct store_query)STORE_QUERY_INIT(p.id);
	err_clear(&e);
	if (store_entry_list(st, &q, &list, &e) < 0) {
		web_error_page(rq, rs, 500, e.msg);
		goto done;
	}
	page_begin(rq, rs, "Journal", "/journal");
	strbuf_addstr(sb, "<h1>Journal of ");
	html_text(sb, p.name);
	strbuf_addstr(sb, "</h1><div class=\"forms\">");
	entry_form(rq, sb, JOURNAL_PAIN, NULL);
	entry_form(rq, sb, JOURNAL_MASSAGE, NULL);
	entry_form(rq, sb, JOURNAL_RUN, NULL);
	entry_form(rq, sb, JOURNAL_ASSESSMENT, NULL);
	strbuf_addstr(sb, "</div><h2 id=\"entries\">Entries</h2>");
	if (list.n == 0)
		strbuf_addstr(sb, "<p>Nothing logged yet.</p>");
	else
		strbuf_addstr(sb, "<table class=\"entries\" aria-labelledby="
			"\"entries\"><thead><tr><th scope=\"col\">Date</th>"
			"<th scope=\"col\">Kind</th><th scope=\"col\">What"
			"</th><th scope=\"col\">Change</th></tr></thead>"
			"<tbody>");
	for (size_t i = list.n; i-- > 0;) {
		const struct journal_entry *en = &list.v[i];
		char date[DATE_BUF];

		strbuf_addf(sb, "<tr><td>%s</td><td>%s</td><td>",
			    date_format(en->day, date), kind_words[en->kind]);
		report_entry_details(sb, en);
		strbuf_addf(sb, "</td><td class=\"actions\"><a href=\""
			    "/journal/edit?id=%lld", (long long)en->id);
		page_person_query(rq, sb, false);
		strbuf_addf(sb, "\" aria-label=\"Edit the %s entry of %s\">Edit"
			    "</a> <form method=\"post\" action=\"/journal/"
			    "delete\" class=\"inline\">", kind_words[en->kind],
			    date);
		page_form_hidden(rq, sb);
		strbuf_addf(sb, "<input type=\"hidden\" name=\"id\" value=\""
			    "%lld\"><button type=\"submit\" aria-label=\"Delete "
			    "the %s entry of %s\">Delete</button></form></td>"
			    "</tr>", (long long)en->id, kind_words[en->kind],
			    date);
	}
	if (list.n > 0)
		strbuf_addstr(sb, "</tbody></table>");
	page_end(rq, rs);
done:
	store_entries_release(&list);
	store_close(st);
}

/* Read the entry named by the id field (or ?id=) and check it is the
 * person's. Returns 0, or -1 after answering rs. */
static int own_entry(struct web_req *rq, struct web_resp *rs,
		     struct store *st, const struct form *f,
		     struct store_person *p, struct journal_entry *en)
{
	const char *s = form_get(f, "id");
	char *end;
	long long id;
	struct err e;

	journal_entry_init(en, JOURNAL_PAIN, 0);
	if (web_person(rq, rs, st, false, p) < 0)
		return -1;
	id = s ? strtoll(s, &end, 10) : 0;
	err_clear(&e);
	if (s == NULL || *end != '\0' || id <= 0 ||
	    store_entry_get(st, id, en, &e) < 0 || en->person_id != p->id) {
		web_error_page(rq, rs, 404, "There is no such entry in this "
					    "journal.");
		return -1;
	}
	return 0;
}

void page_journal_edit(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct journal_entry en;
	struct store_person p;

	if (st == NULL)
		return;
	if (own_entry(rq, rs, st, &rq->query, &p, &en) == 0) {
		rq->person = p.name;
		page_begin(rq, rs, "Edit an entry", "/journal");
		strbuf_addstr(&rs->body, "<h1>Edit an entry</h1>");
		entry_form(rq, &rs->body, en.kind, &en);
		strbuf_addstr(&rs->body, "<p><a href=\"/journal");
		page_person_query(rq, &rs->body, true);
		strbuf_addstr(&rs->body, "\">Back to the journal</a></p>");
		page_end(rq, rs);
	}
	journal_entry_release(&en);
	store_close(st);
}

/* POST /journal (log) and /journal/edit (replace). */
static void save_entry(struct web_req *rq, struct web_resp *rs, bool edit)
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
	if (edit) {
		if (own_entry(rq, rs, st, &rq->form, &p, &en) < 0)
			goto done;
		kind = en.kind;
	} else {
		if (k == NULL || journal_kind_parse(k, strlen(k), &kind) < 0) {
			web_error_page(rq, rs, 400, "Unknown kind of entry.");
			goto done;
		}
		if (web_person(rq, rs, st, true, &p) < 0)
			goto done;
		journal_entry_release(&en);
		journal_entry_init(&en, kind, 0);
		en.person_id = p.id;
	}
	if (entry_from_form(&rq->form, &en, &e) < 0 ||
	    (edit ? store_entry_update(st, &en, &e)
		  : store_entry_add(st, &en, &e)) < 0) {
		web_error_page(rq, rs, e.code == ERR_DATA ? 400 : 500, e.msg);
		goto done;
	}
	redirect(rq, rs, "/journal", p.name);
done:
	journal_entry_release(&en);
	store_close(st);
}

void page_journal_add(struct web_req *rq, struct web_resp *rs)
{
	save_entry(rq, rs, false);
}

void page_journal_update(struct web_req *rq, struct web_resp *rs)
{
	save_entry(rq, rs, true);
}

void page_journal_delete(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct journal_entry en;
	struct store_person p;
	struct err e;

	if (st == NULL)
		return;
	err_clear(&e);
	if (own_entry(rq, rs, st, &rq->form, &p, &en) == 0) {
		if (store_entry_delete(st, en.id, &e) < 0)
			web_error_page(rq, rs, 500, e.msg);
		else
			redirect(rq, rs, "/journal", p.name);
	}
	journal_entry_release(&en);
	store_close(st);
}
