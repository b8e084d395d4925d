/*
 * cmd_log.c - `runcare log`: write the recovery journal.
 *
 *   log pain [--date D] [--area A] [--rest N] [--run N] [--morning N]
 *            [--symptom ID]... [--denied ID]... [--side S]
 *   log massage [--date D] [--pressure N] [--flare-hours H]
 *            [--bruised-or-limping] [--type T] [--region ID]...
 *            [--felt F] [--mark M]... [--no-mark M]...
 *   log run  [--date D] --km X [--minutes M] [--climb METRES] [--note TEXT]
 *   log assessment --outcome cleared|refer|treat [--by TEXT] [--note TEXT]
 *            [--date D]  (a clinician looked at it; "cleared" lifts the
 *                         warning signs logged before it)
 *   log list [--from D] [--to D] [--kind K] [--format json|text]
 *   log edit ID [flags of the entry's kind]
 *   log delete ID [--yes]
 *   log end [--area A] [--date D]     (the complaint is over: close its
 *                                      episode)
 *
 * One option table serves every subcommand; a scope column says which
 * subcommands (and, for edit, which kinds of entry) each flag belongs to.
 * Values are checked with the same words and exit codes as `check`. Each
 * command is one transaction. The helpers at the end (journal_open, ...)
 * are shared with status and export through cmd_log.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmd_log.h"
#include "cli/flags.h"
#include "core/date.h"
#include "core/strbuf.h"
#include "engine/journal.h"
#include "store/store.h"

/* Where a flag may be used. */
enum {
	S_PAIN = 1 << JOURNAL_PAIN,
	S_MASSAGE = 1 << JOURNAL_MASSAGE,
	S_RUN = 1 << JOURNAL_RUN,
	S_ASSESS = 1 << JOURNAL_ASSESSMENT,
	S_ENTRY = S_PAIN | S_MASSAGE | S_RUN | S_ASSESS,
	S_LIST = 1 << 4,
	S_DELETE = 1 << 5,
	S_END = 1 << 6,
	S_ANY = S_ENTRY | S_LIST | S_DELETE | S_END,
};

/* id, long name, takes a value, value name, help, scope */
#define LOG_OPTION_LIST(X)                                                    \
	X(OPT_DATE, "date", true, "DATE",                                     \
	  "day of the entry: YYYY-MM-DD, today or yesterday (default today)", \
	  S_ENTRY | S_END)                                                    \
	X(OPT_AREA, "area", true, "AREA",                                     \
	  "heel, knee, shin, achilles, hip or other (default: the last one)", \
	  S_PAIN | S_END)                                                     \
	X(OPT_REST, "rest", true, "N", "pain at rest, 0-10", S_PAIN)          \
	X(OPT_RUN, "run", true, "N", "pain while running, 0-10", S_PAIN)      \
	X(OPT_MORNING, "morning", true, "N", "pain in the morning, 0-10",     \
	  S_PAIN)                                                             \
	X(OPT_SYMPTOM, "symptom", true, "ID",                                 \
	  "a symptom the person has, an id of check (repeat for more)",       \
	  S_PAIN)                                                             \
	X(OPT_DENIED, "denied", true, "ID",                                   \
	  "a symptom asked about and answered no (repeat for more)", S_PAIN)  \
	X(OPT_SIDE, "side", true, "S", "left, right or both", S_PAIN)         \
	X(OPT_PRESSURE, "pressure", true, "N", "massage pressure, 1-10",      \
	  S_MASSAGE)                                                          \
	X(OPT_FLARE, "flare-hours", true, "H",                                \
	  "hours the symptoms flared afterwards", S_MASSAGE)                  \
	X(OPT_BRUISED, "bruised-or-limping", false, NULL,                     \
	  "it left bruising or a limp", S_MASSAGE)                            \
	X(OPT_TYPE, "type", true, "T", "sports, deep_tissue or relaxation",   \
	  S_MASSAGE)                                                          \
	X(OPT_REGION, "region", true, "ID",                                   \
	  "a region worked on, e.g. calf (repeat for more)", S_MASSAGE)       \
	X(OPT_FELT, "felt", true, "F",                                        \
	  "after: lighter_smoother, no_change or bruised_or_limping",         \
	  S_MASSAGE)                                                          \
	X(OPT_MARK, "mark", true, "M",                                        \
	  "the session had it: symptoms_checked, pressure_matched, "          \
	  "beyond_painful_spot, aftercare_given",                             \
	  S_MASSAGE)                                                          \
	X(OPT_NO_MARK, "no-mark", true, "M", "the session lacked it",         \
	  S_MASSAGE)                                                          \
	X(OPT_KM, "km", true, "X", "distance in kilometres", S_RUN)           \
	X(OPT_MINUTES, "minutes", true, "M", "moving time in minutes", S_RUN) \
	X(OPT_CLIMB, "climb", true, "METRES", "total climb", S_RUN)           \
	X(OPT_DESCENT, "descent", true, "METRES", "total descent", S_RUN)     \
	X(OPT_AVG_HR, "avg-hr", true, "BPM", "average heart rate", S_RUN)     \
	X(OPT_START, "start", true, "TIME",                                   \
	  "start time, YYYY-MM-DDTHH:MM:SSZ (UTC)", S_RUN)                    \
	X(OPT_NOTE, "note", true, "TEXT", "a note", S_RUN | S_ASSESS)         \
	X(OPT_OUTCOME, "outcome", true, "O",                                  \
	  "cleared (fit to go on), refer (sent on) or treat (under a "        \
	  "clinician's care)",                                                \
	  S_ASSESS)                                                           \
	X(OPT_BY, "by", true, "TEXT", "who assessed it, e.g. \"GP\"",         \
	  S_ASSESS)                                                           \
	X(OPT_SPORT, "sport", true, "S", "run (default) or walk", S_RUN)      \
	X(OPT_FROM, "from", true, "DATE", "list from this day", S_LIST)       \
	X(OPT_TO, "to", true, "DATE", "list up to this day", S_LIST)          \
	X(OPT_KIND, "kind", true, "K",                                        \
	  "list only pain, massage, run or assessment (repeat for more)",     \
	  S_LIST)                                                             \
	X(OPT_FORMAT, "format", true, "FMT",                                  \
	  "json or text (default: text on a terminal)", S_ANY)                \
	X(OPT_YES, "yes", false, NULL, "delete without asking", S_DELETE)     \
	X(OPT_PERSON, "person", true, "NAME",                                 \
	  "whose journal (default: the only person)", S_ANY)                  \
	X(OPT_HELP, "help", false, NULL, "show this help", S_ANY)

#define ENUM_(id, ...) id,
enum log_opt { OPT_FIRST_ = 255, LOG_OPTION_LIST(ENUM_) OPT_END_ };
#define TABLE_(id, name, has_arg, argname, help, scope)                      \
	{ name, 0, has_arg, id, argname, help },
static const struct cmd_option log_options[] = {
	LOG_OPTION_LIST(TABLE_) { NULL, 0, false, 0, NULL, NULL },
};
#define SCOPE_(id, name, has_arg, argname, help, scope) [id - 256] = scope,
static const unsigned option_scope[] = { LOG_OPTION_LIST(SCOPE_) };

static int log_run(struct app *app, int argc, char **argv);

const struct cmd_entry cmd_log_entry = {
	.name = "log",
	.run = log_run,
	.usage = "log pain|massage|run|assessment [--date DATE] [FLAGS]\n"
		 "       log list [--from DATE] [--to DATE] [--kind K] "
		 "[--format json|text]\n"
		 "       log edit ID [FLAGS]\n"
		 "       log delete ID [--yes]\n"
		 "       log end [--area AREA] [--date DATE]",
	.summary = "write the journal: pain, massages, runs and assessments",
	.flags = CMD_NEEDS_DB,
};

/* Everything the flags said; has[] records which flags were given. */
struct log_flags {
	bool has[OPT_END_ - 256];
	const char *given_as[OPT_END_ - 256];	/* for messages */
	int32_t day, from, to;
	enum area area;
	int rest, run, morning;
	uint32_t symptoms, denied;
	unsigned n_symptoms, n_denied;
	enum side side;
	enum journal_outcome outcome;
	int pressure;
	double flare_hours;
	enum massage_type type;
	uint32_t regions;
	enum journal_feel felt;
	unsigned mark_yes, mark_no;
	double km, minutes, climb, descent;
	int avg_hr;
	int64_t start;
	const char *note, *sport, *person, *by;
	unsigned kinds;
	bool json;		/* --format json (or not a terminal) */
};

#define HAS(f, id) ((f)->has[(id) - 256])

/* ---- Reading flag values, in check's words ---- */

#define NAME_AT_(fn, type)                                                    \
	static const char *fn##_at(int i)                                     \
	{                                                                     \
		return fn((type)i);                                           \
	}
NAME_AT_(area_name, enum area)
NAME_AT_(region_name, enum region)
NAME_AT_(massage_type_name, enum massage_type)
NAME_AT_(journal_feel_name, enum journal_feel)
NAME_AT_(journal_mark_name, enum journal_mark)
NAME_AT_(journal_kind_name, enum journal_kind)
NAME_AT_(side_name, enum side)
NAME_AT_(journal_outcome_name, enum journal_outcome)

/* Add the symptom arg names to *set, as item *count of list (the field
 * named in messages, like check's "symptoms[0]"). */
static int symptom_flag(const char *list, const char *arg, unsigned *count,
			uint32_t *set, struct err *e)
{
	char q[FLAG_QUOTED_SIZE];
	enum symptom s;
	unsigned i = (*count)++;

	if (symptom_parse(arg, strlen(arg), &s) < 0)
		return err_set(e, ERR_DATA, "%s[%u]: unknown symptom %s", list,
			       i, flag_quote(q, sizeof q, arg));
	*set |= SYMPTOM_BIT(s);
	return 0;
}

/* Apply one flag to f; -1 with e set for a bad value. */
static int apply_flag(struct log_flags *f, int id, const char *arg,
		      struct err *e)
{
	char q[FLAG_QUOTED_SIZE];
	int v;

	switch (id) {
	case OPT_DATE:
		return journal_parse_day("date", arg, false, &f->day, e);
	case OPT_FROM:
		return journal_parse_day("from", arg, true, &f->from, e);
	case OPT_TO:
		return journal_parse_day("to", arg, true, &f->to, e);
	case OPT_AREA:
		if (flag_name("area", "area", arg, area_name_at, AREA__COUNT, &v,
			      e) < 0)
			return -1;
		f->area = (enum area)v;
		return 0;
	case OPT_REST:
		return flag_int("pain.rest", arg, 0, 10, &f->rest, e);
	case OPT_RUN:
		return flag_int("pain.run", arg, 0, 10, &f->run, e);
	case OPT_MORNING:
		return flag_int("pain.morning", arg, 0, 10, &f->morning, e);
	case OPT_SYMPTOM:
		return symptom_flag("symptoms", arg, &f->n_symptoms,
				    &f->symptoms, e);
	case OPT_DENIED:
		return symptom_flag("denied", arg, &f->n_denied, &f->denied, e);
	case OPT_SIDE:
		if (flag_name("side", "side", arg, side_name_at, SIDE__COUNT,
			      &v, e) < 0)
			return -1;
		f->side = (enum side)v;
		return 0;
	case OPT_OUTCOME:
		if (flag_name("outcome", "outcome", arg,
			      journal_outcome_name_at, JOURNAL_OUTCOME__COUNT,
			      &v, e) < 0)
			return -1;
		f->outcome = (enum journal_outcome)v;
		return 0;
	case OPT_BY:
		f->by = arg;
		return 0;
	case OPT_PRESSURE:
		return flag_int("last_massage.pressure", arg, 1, 10,
				&f->pressure, e);
	case OPT_FLARE:
		return flag_real("last_massage.flare_hours", arg, 24 * 365,
				 "a number of hours >= 0", &f->flare_hours, e);
	case OPT_TYPE:
		if (flag_name("type", "massage type", arg, massage_type_name_at,
			      MASSAGE_TYPE__COUNT, &v, e) < 0)
			return -1;
		f->type = (enum massage_type)v;
		return 0;
	case OPT_REGION:
		if (flag_name("region", "region", arg, region_name_at,
			      REGION__COUNT, &v, e) < 0)
			return -1;
		f->regions |= UINT32_C(1) << v;
		return 0;
	case OPT_FELT:
		if (flag_name("felt", "feeling", arg, journal_feel_name_at,
			      JOURNAL_FEEL__COUNT, &v, e) < 0)
			return -1;
		f->felt = (enum journal_feel)v;
		return 0;
	case OPT_MARK:
	case OPT_NO_MARK:
		if (flag_name(id == OPT_MARK ? "mark" : "no-mark", "mark", arg,
			      journal_mark_name_at, JOURNAL_MARK__COUNT, &v,
			      e) < 0)
			return -1;
		if (id == OPT_MARK)
			f->mark_yes |= JOURNAL_MARK_BIT(v);
		else
			f->mark_no |= JOURNAL_MARK_BIT(v);
		return 0;
	case OPT_KM:
		return flag_real("km", arg, 1000, "a distance in km from 0 to 1000",
				 &f->km, e);
	case OPT_MINUTES:
		return flag_real("minutes", arg, 14 * 24 * 60,
				 "a number of minutes >= 0", &f->minutes, e);
	case OPT_CLIMB:
		return flag_real("climb", arg, 1e5, "metres from 0 to 100000",
				 &f->climb, e);
	case OPT_DESCENT:
		return flag_real("descent", arg, 1e5, "metres from 0 to 100000",
				 &f->descent, e);
	case OPT_AVG_HR:
		return flag_int("avg_hr", arg, 20, 260, &f->avg_hr, e);
	case OPT_START:
		return date_parse_utc(arg, strlen(arg), &f->start, e);
	case OPT_NOTE:
		f->note = arg;
		return 0;
	case OPT_SPORT:
		f->sport = arg;
		return 0;
	case OPT_KIND:
		if (flag_name("kind", "kind", arg, journal_kind_name_at,
			      JOURNAL_KIND__COUNT, &v, e) < 0)
			return -1;
		f->kinds |= 1u << v;
		return 0;
	case OPT_FORMAT:
		if (strcmp(arg, "json") == 0)
			f->json = true;
		else if (strcmp(arg, "text") == 0)
			f->json = false;
		else
			return err_set(e, ERR_USAGE,
				       "--format: expected json or text, got %s",
				       flag_quote(q, sizeof q, arg));
		return 0;
	case OPT_PERSON:
		f->person = arg;
		return 0;
	}
	return 0;
}

/* The option's long name, for messages. */
static const char *option_name(int id)
{
	return log_options[id - 256].name;
}

/* "pain, massage and run entries" for a scope. */
static void scope_words(unsigned scope, char *buf, size_t size)
{
	size_t o = 0;
	int n = 0;

	buf[0] = '\0';
	for (int k = 0; k < JOURNAL_KIND__COUNT; k++)
		if (scope & (1u << k))
			o += (size_t)snprintf(buf + o, size - o, "%s%s",
					      n++ ? " and " : "",
					      journal_kind_name((enum journal_kind)k));
	if (n > 0)
		snprintf(buf + o, size - o, " entries");
	else if (scope & S_LIST)
		snprintf(buf, size, "log list");
	else if (scope & S_END)
		snprintf(buf, size, "log end");
	else
		snprintf(buf, size, "log delete");
}

/* ---- Subcommands ---- */

enum log_sub {
	SUB_PAIN,
	SUB_MASSAGE,
	SUB_RUN,
	SUB_ASSESSMENT,
	SUB_LIST,
	SUB_EDIT,
	SUB_DELETE,
	SUB_END,
};

static const struct {
	const char *name;
	enum log_sub sub;
	unsigned scope;	/* flags it accepts */
	int operands;	/* an entry id */
} subs[] = {
	{ "pain", SUB_PAIN, S_PAIN, 0 },
	{ "massage", SUB_MASSAGE, S_MASSAGE, 0 },
	{ "run", SUB_RUN, S_RUN, 0 },
	{ "assessment", SUB_ASSESSMENT, S_ASSESS, 0 },
	{ "list", SUB_LIST, S_LIST, 0 },
	{ "edit", SUB_EDIT, S_ENTRY, 1 },
	{ "delete", SUB_DELETE, S_DELETE, 1 },
	{ "end", SUB_END, S_END, 0 },
};
#define N_SUBS (sizeof subs / sizeof subs[0])

static void print_help(const struct app *app)
{
	cmd_print_help(stdout, app, &cmd_log_entry, log_options);
}

/* Write the entry f describes (kind k) into en, changing only what the
 * flags name (en holds the old values for edit). */
static void apply_to_entry(const struct log_flags *f, struct journal_entry *en)
{
	struct journal_pain *p = &en->pain;
	struct journal_massage *m = &en->massage;
	struct journal_run *r = &en->run;

	if (HAS(f, OPT_DATE))
		en->day = f->day;
	if (HAS(f, OPT_AREA))
		p->area = f->area;
	if (HAS(f, OPT_REST))
		p->rest = f->rest;
	if (HAS(f, OPT_RUN))
		p->run = f->run;
	if (HAS(f, OPT_MORNING))
		p->morning = f->morning;
	if (HAS(f, OPT_SYMPTOM))
		p->symptoms = f->symptoms;
	if (HAS(f, OPT_DENIED))
		p->denied = f->denied;
	/* A symptom now reported is no longer denied, and the other way
	 * round, unless both were given (which validation refuses). */
	if (HAS(f, OPT_SYMPTOM) && !HAS(f, OPT_DENIED))
		p->denied &= ~f->symptoms;
	if (HAS(f, OPT_DENIED) && !HAS(f, OPT_SYMPTOM))
		p->symptoms &= ~f->denied;
	if (HAS(f, OPT_SIDE))
		p->side = f->side;
	if (HAS(f, OPT_PRESSURE))
		m->pressure = f->pressure;
	if (HAS(f, OPT_FLARE))
		m->flare_hours = f->flare_hours;
	if (HAS(f, OPT_TYPE)) {
		m->has_type = true;
		m->type = f->type;
	}
	if (HAS(f, OPT_REGION))
		m->regions = f->regions;
	if (HAS(f, OPT_FELT)) {
		m->has_felt = true;
		m->felt = f->felt;
		m->bruised_or_limping = f->felt == FEEL_BRUISED_OR_LIMPING;
	}
	/* Bruised or limping afterwards is how it felt, too. */
	if (HAS(f, OPT_BRUISED)) {
		m->bruised_or_limping = true;
		m->has_felt = true;
		m->felt = FEEL_BRUISED_OR_LIMPING;
	}
	m->marks_known |= f->mark_yes | f->mark_no;
	m->marks = (m->marks | f->mark_yes) & ~f->mark_no;
	if (HAS(f, OPT_KM))
		r->distance_m = f->km * 1000;
	if (HAS(f, OPT_MINUTES))
		r->moving_s = f->minutes * 60;
	if (HAS(f, OPT_CLIMB))
		r->climb_m = f->climb;
	if (HAS(f, OPT_DESCENT))
		r->descent_m = f->descent;
	if (HAS(f, OPT_AVG_HR))
		r->avg_hr = f->avg_hr;
	if (HAS(f, OPT_START)) {
		r->start_utc = f->start;
		if (!HAS(f, OPT_DATE))
			en->day = date_from_unix(f->start);
	}
	if (HAS(f, OPT_NOTE))
		journal_set_str(en->kind == JOURNAL_ASSESSMENT
					? &en->assessment.note
					: &r->note,
				f->note[0] ? f->note : NULL);
	if (HAS(f, OPT_OUTCOME))
		en->assessment.outcome = f->outcome;
	if (HAS(f, OPT_BY))
		journal_set_str(&en->assessment.by, f->by[0] ? f->by : NULL);
	if (HAS(f, OPT_SPORT))
		journal_set_str(&r->sport, f->sport);
}

/* Append one item of a comma-separated list (*first tracks the start). */
static void item(struct strbuf *out, bool *first, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void item(struct strbuf *out, bool *first, const char *fmt, ...)
{
	va_list ap;

	if (!*first)
		strbuf_addstr(out, ", ");
	*first = false;
	va_start(ap, fmt);
	strbuf_vaddf(out, fmt, ap);
	va_end(ap);
}

/* One line of text about an entry, for list and for the answers. */
static void entry_text(const struct journal_entry *en, struct strbuf *out)
{
	static const char *const label[] = { "rest", "run", "morning" };
	char d[DATE_BUF];
	bool first = true;

	strbuf_addf(out, "%5lld  %s  %-7s  ", (long long)en->id,
		    date_format(en->day, d), journal_kind_name(en->kind));
	if (en->kind == JOURNAL_PAIN) {
		const struct journal_pain *p = &en->pain;
		int v[] = { p->rest, p->run, p->morning };

		strbuf_addf(out, "%-8s ", area_name(p->area));
		for (int i = 0; i < 3; i++)
			if (v[i] != PAIN_UNSET)
				item(out, &first, "%s %d/10", label[i], v[i]);
		if (p->side != SIDE__COUNT)
			item(out, &first, "%s side", side_name(p->side));
		for (int i = 0; i < SYMPTOM__COUNT; i++)
			if (p->symptoms & SYMPTOM_BIT(i))
				item(out, &first, "%s",
				     symptom_name((enum symptom)i));
		for (int i = 0; i < SYMPTOM__COUNT; i++)
			if (p->denied & SYMPTOM_BIT(i))
				item(out, &first, "no %s",
				     symptom_name((enum symptom)i));
	} else if (en->kind == JOURNAL_ASSESSMENT) {
		const struct journal_assessment *a = &en->assessment;

		item(out, &first, "outcome %s",
		     journal_outcome_name(a->outcome));
		if (a->by != NULL)
			item(out, &first, "by \"%s\"", a->by);
		if (a->note != NULL)
			item(out, &first, "\"%s\"", a->note);
	} else if (en->kind == JOURNAL_MASSAGE) {
		const struct journal_massage *m = &en->massage;

		if (m->pressure)
			item(out, &first, "pressure %d/10", m->pressure);
		if (m->flare_hours != JOURNAL_UNSET)
			item(out, &first, "flared %g h", m->flare_hours);
		if (m->has_type)
			item(out, &first, "%s", massage_type_name(m->type));
		if (m->has_felt)
			item(out, &first, "after: %s",
			     journal_feel_name(m->felt));
		for (int i = 0; i < REGION__COUNT; i++)
			if (m->regions & (UINT32_C(1) << i))
				item(out, &first, "%s",
				     region_name((enum region)i));
	} else {
		const struct journal_run *r = &en->run;

		if (r->distance_m != JOURNAL_UNSET)
			item(out, &first, "%.1f km", r->distance_m / 1000);
		if (r->moving_s != JOURNAL_UNSET)
			item(out, &first, "%d min", (int)lround(r->moving_s / 60));
		if (r->climb_m != JOURNAL_UNSET)
			item(out, &first, "climb %.0f m", r->climb_m);
		if (r->note != NULL)
			item(out, &first, "\"%s\"", r->note);
	}
	strbuf_addch(out, '\n');
}

static int print_entry(const struct journal_entry *en, bool json,
		       const char *verb, const char *who)
{
	struct strbuf out = STRBUF_INIT;
	char d[DATE_BUF];

	if (json) {
		store_entry_to_json(en, &out);
		strbuf_addch(&out, '\n');
	} else {
		strbuf_addf(&out, "%s %s entry %lld of %s", verb,
			    journal_kind_name(en->kind), (long long)en->id,
			    date_format(en->day, d));
		if (who != NULL)
			strbuf_addf(&out, " for %s", who);
		strbuf_addch(&out, '\n');
	}
	fputs(out.buf, stdout);
	strbuf_release(&out);
	return EXIT_OK_;
}

/* The area of the person's latest pain entry, for a pain entry without
 * --area. */
static int last_area(struct store *st, int64_t person, enum area *out,
		     struct err *e)
{
	struct store_query q = STORE_QUERY_INIT(person);
	struct store_entries list;
	int ret = -1;

	q.kinds = 1u << JOURNAL_PAIN;
	store_entries_init(&list);
	if (store_entry_list(st, &q, &list, e) == 0) {
		if (list.n == 0)
			err_set(e, ERR_DATA, "area: missing (required)");
		else {
			*out = list.v[list.n - 1].pain.area;
			ret = 0;
		}
	}
	store_entries_release(&list);
	return ret;
}

static int log_add(struct app *app, enum journal_kind kind,
		   const struct log_flags *f)
{
	struct store_person who;
	struct journal_entry en;
	struct store *st;
	struct err e;
	int rc;

	err_clear(&e);
	if (kind == JOURNAL_RUN && !HAS(f, OPT_KM) && !HAS(f, OPT_MINUTES)) {
		err_set(&e, ERR_USAGE, "log run needs --km or --minutes");
		return cmd_fail(app, "log", &e);
	}
	if (kind == JOURNAL_ASSESSMENT && !HAS(f, OPT_OUTCOME)) {
		err_set(&e, ERR_USAGE, "log assessment needs --outcome: cleared, "
			"refer or treat");
		return cmd_fail(app, "log", &e);
	}
	/* The person (created on first use) and the entry are one
	 * transaction: a refused entry leaves no new person behind. */
	st = journal_open(app, NULL, false, NULL, &e);
	if (st == NULL)
		return cmd_fail(app, "log", &e);
	journal_entry_init(&en, kind, date_today());
	if (store_begin(st, &e) < 0 ||
	    store_person_resolve(st, f->person, true, &who, &e) < 0)
		goto fail;
	en.person_id = who.id;
	apply_to_entry(f, &en);
	if (kind == JOURNAL_RUN && !HAS(f, OPT_SPORT))
		journal_set_str(&en.run.sport, "run");
	if (kind == JOURNAL_PAIN && !HAS(f, OPT_AREA) &&
	    last_area(st, who.id, &en.pain.area, &e) < 0)
		goto fail;
	int added = store_entry_add(st, &en, &e);

	if (added < 0 || store_commit(st, &e) < 0)
		goto fail;
	if (added > 0) {
		/* The same run was in the journal: show the one entry. */
		int64_t id = en.id;

		journal_entry_release(&en);
		if (store_entry_get(st, id, &en, &e) < 0)
			goto fail;
	}
	rc = print_entry(&en, f->json, added > 0 ? "merged into" : "saved",
			 who.name);
	journal_entry_release(&en);
	store_close(st);
	return rc;
fail:
	journal_entry_release(&en);
	store_close(st);
	return cmd_fail(app, "log", &e);
}

static int log_list(struct app *app, const struct log_flags *f)
{
	struct store_person who;
	struct store_query q;
	struct store_entries list;
	struct strbuf out = STRBUF_INIT;
	struct store *st;
	struct err e;

	err_clear(&e);
	st = journal_open(app, f->person, false, &who, &e);
	if (st == NULL)
		return cmd_fail(app, "log", &e);
	q = (struct store_query)STORE_QUERY_INIT(who.id);
	if (HAS(f, OPT_FROM))
		q.from = f->from;
	if (HAS(f, OPT_TO))
		q.to = f->to;
	q.kinds = f->kinds;
	store_entries_init(&list);
	if (store_entry_list(st, &q, &list, &e) < 0) {
		store_close(st);
		return cmd_fail(app, "log", &e);
	}
	for (size_t i = 0; i < list.n; i++) {
		if (f->json) {
			store_entry_to_json(&list.v[i], &out);
			strbuf_addch(&out, '\n');
		} else {
			entry_text(&list.v[i], &out);
		}
	}
	if (!f->json && list.n == 0)
		strbuf_addf(&out, "no entries for %s\n", who.name);
	fputs(out.buf, stdout);
	strbuf_release(&out);
	store_entries_release(&list);
	store_close(st);
	return EXIT_OK_;
}

static int parse_id(const char *arg, int64_t *id, struct err *e)
{
	char q[FLAG_QUOTED_SIZE];
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (end == arg || *end != '\0' || errno == ERANGE || v <= 0)
		return err_set(e, ERR_USAGE, "not an entry id: %s",
			       flag_quote(q, sizeof q, arg));
	*id = v;
	return 0;
}

static int log_edit(struct app *app, int64_t id, const struct log_flags *f)
{
	struct journal_entry en;
	struct store *st;
	struct err e;
	char scope[64];
	int rc;

	err_clear(&e);
	st = journal_open(app, NULL, false, NULL, &e);
	if (st == NULL)
		return cmd_fail(app, "log", &e);
	if (store_begin(st, &e) < 0 || store_entry_get(st, id, &en, &e) < 0) {
		store_close(st);
		return cmd_fail(app, "log", &e);
	}
	/* Every flag must fit the entry's kind. */
	for (int o = 256; o < OPT_END_; o++) {
		if (!HAS(f, o) || (option_scope[o - 256] & S_ENTRY) == 0 ||
		    (option_scope[o - 256] & (1u << en.kind)))
			continue;
		scope_words(option_scope[o - 256], scope, sizeof scope);
		err_set(&e, ERR_USAGE, "--%s is for %s; entry %lld is a %s entry",
			option_name(o), scope, (long long)id,
			journal_kind_name(en.kind));
		goto fail;
	}
	apply_to_entry(f, &en);
	if (store_entry_update(st, &en, &e) < 0 || store_commit(st, &e) < 0)
		goto fail;
	rc = print_entry(&en, f->json, "updated", NULL);
	journal_entry_release(&en);
	store_close(st);
	return rc;
fail:
	journal_entry_release(&en);
	store_close(st);
	return cmd_fail(app, "log", &e);
}

static int log_delete(struct app *app, int64_t id, const struct log_flags *f)
{
	struct journal_entry en;
	struct strbuf line = STRBUF_INIT;
	struct store *st;
	struct err e;
	char d[DATE_BUF];
	int answer;

	err_clear(&e);
	st = journal_open(app, NULL, false, NULL, &e);
	if (st == NULL)
		return cmd_fail(app, "log", &e);
	if (store_entry_get(st, id, &en, &e) < 0) {
		store_close(st);
		return cmd_fail(app, "log", &e);
	}
	if (!HAS(f, OPT_YES)) {
		entry_text(&en, &line);
		fputs(line.buf, stderr);
		strbuf_reset(&line);
		strbuf_addf(&line, "delete this %s entry of %s? [y/N] ",
			    journal_kind_name(en.kind),
			    date_format(en.day, d));
		answer = journal_confirm(line.buf);
		strbuf_release(&line);
		if (answer != 1) {
			journal_entry_release(&en);
			store_close(st);
			err_set(&e, ERR_OK, "nothing deleted");
			cmd_fail(app, "log", &e);
			return EXIT_SOME_FAILED;
		}
	}
	if (store_entry_delete(st, id, &e) < 0) {
		journal_entry_release(&en);
		store_close(st);
		return cmd_fail(app, "log", &e);
	}
	print_entry(&en, f->json, "deleted", NULL);
	journal_entry_release(&en);
	store_close(st);
	return EXIT_OK_;
}

/* Close the open episode of an area: the complaint is over. */
static int log_end(struct app *app, const struct log_flags *f)
{
	struct store_person who;
	struct store_episode ep;
	struct store *st;
	struct err e;
	char d1[DATE_BUF], d2[DATE_BUF];
	int32_t day = HAS(f, OPT_DATE) ? f->day : date_today();
	enum area area = f->area;
	int found;

	err_clear(&e);
	st = journal_open(app, f->person, false, &who, &e);
	if (st == NULL)
		return cmd_fail(app, "log", &e);
	if (store_begin(st, &e) < 0)
		goto fail;
	if (!HAS(f, OPT_AREA) && last_area(st, who.id, &area, &e) < 0)
		goto fail;
	found = store_episode_current(st, who.id, area, day, &ep, &e);
	if (found < 0)
		goto fail;
	if (found == 0 || ep.end != DATE_NONE) {
		err_set(&e, ERR_NOINPUT, "%s has no open %s episode on %s",
			who.name, area_name(area), date_format(day, d1));
		goto fail;
	}
	ep.end = day;
	if (store_episode_update(st, &ep, &e) < 0 || store_commit(st, &e) < 0)
		goto fail;
	printf("ended the %s episode of %s: %s to %s\n", area_name(area),
	       who.name, date_format(ep.start, d1), date_format(ep.end, d2));
	store_close(st);
	return EXIT_OK_;
fail:
	store_close(st);
	return cmd_fail(app, "log", &e);
}

static int log_run(struct app *app, int argc, char **argv)
{
	struct log_flags f;
	struct cmd_getopt g;
	const char *arg;
	size_t s;
	int id;
	int64_t entry_id = 0;
	struct err e;

	memset(&f, 0, sizeof f);
	f.json = !isatty(STDOUT_FILENO);
	f.person = app->person;
	err_clear(&e);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
			  strcmp(argv[1], "-h") == 0)) {
		print_help(app);
		return EXIT_OK_;
	}
	if (argc < 2)
		return cmd_usage_error(app, "log",
				       "say what to log: pain, massage or run (or list, edit, delete, end)");
	for (s = 0; s < N_SUBS; s++)
		if (strcmp(argv[1], subs[s].name) == 0)
			break;
	if (s == N_SUBS)
		return cmd_usage_error(app, "log",
				       "unknown subcommand '%s' (pain, massage, run, list, edit, delete, end)",
				       argv[1]);

	cmd_getopt_init(&g, log_options, false);
	while ((id = cmd_getopt_next(&g, app, "log", argc - 1, argv + 1,
				     &arg)) > 0) {
		if (id == OPT_HELP) {
			print_help(app);
			return EXIT_OK_;
		}
		if ((option_scope[id - 256] & subs[s].scope) == 0) {
			char scope[64];
			scope_words(option_scope[id - 256], scope, sizeof scope);
			return cmd_usage_error(app, "log",
					       "--%s is for %s, not for log %s",
					       option_name(id), scope,
					       subs[s].name);
		}
		f.has[id - 256] = true;
		if (apply_flag(&f, id, arg, &e) < 0)
			return cmd_fail(app, "log", &e);
	}
	if (id < 0)
		return EXIT_USAGE;
	/* optind counts in argv + 1. */
	int operands = argc - 1 - optind;
	if (operands != subs[s].operands) {
		if (subs[s].operands)
			return cmd_usage_error(app, "log",
					       "log %s needs one entry id",
					       subs[s].name);
		return cmd_usage_error(app, "log", "unexpected argument '%s'",
				       argv[1 + optind]);
	}
	if (subs[s].operands && parse_id(argv[1 + optind], &entry_id, &e) < 0)
		return cmd_fail(app, "log", &e);

	switch (subs[s].sub) {
	case SUB_PAIN:
		return log_add(app, JOURNAL_PAIN, &f);
	case SUB_MASSAGE:
		return log_add(app, JOURNAL_MASSAGE, &f);
	case SUB_RUN:
		return log_add(app, JOURNAL_RUN, &f);
	case SUB_ASSESSMENT:
		return log_add(app, JOURNAL_ASSESSMENT, &f);
	case SUB_LIST:
		return log_list(app, &f);
	case SUB_EDIT:
		return log_edit(app, entry_id, &f);
	case SUB_DELETE:
		return log_delete(app, entry_id, &f);
	case SUB_END:
		return log_end(app, &f);
	}
	return EXIT_SOFTWARE;
}

/* ---- Shared with status and export (cmd_log.h) ---- */

struct store *journal_open(const struct app *app, const char *person,
			   bool create, struct store_person *who,
			   struct err *e)
{
	struct store *st = store_open(app->db_path, NULL, e);

	if (st == NULL || who == NULL)
		return st;
	if (store_person_resolve(st, person, create, who, e) < 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

int journal_parse_day(const char *field, const char *arg, bool allow_future,
		      int32_t *out, struct err *e)
{
	char d[DATE_BUF];
	int32_t today = date_today();

	if (strcmp(arg, "today") == 0)
		*out = today;
	else if (strcmp(arg, "yesterday") == 0)
		*out = today - 1;
	else if (date_parse(arg, strlen(arg), out, e) < 0)
		return err_prefix(e, "%s: ", field);
	if (!allow_future && *out > today)
		return err_set(e, ERR_DATA, "%s: %s is in the future", field,
			       date_format(*out, d));
	return 0;
}

int journal_confirm(const char *question)
{
	char buf[64];

	fputs(question, stderr);
	fflush(stderr);
	if (fgets(buf, sizeof buf, stdin) == NULL)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return strcmp(buf, "y") == 0 || strcmp(buf, "Y") == 0 ||
	       strcmp(buf, "yes") == 0;
}
