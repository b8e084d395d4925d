/*
 * cmd_status.c - `runcare status`: where a person stands, from the journal.
 *
 * The journal is read once (store_journal_as_of) and judged once
 * (assessment_build, engine/assessment.h); this file only renders the
 * judgement. JSON is check's result object with the journal's keys added
 * (assessment_to_json). Text opens with the headline: the verdict and
 * everything that stops running or massage today, then what is still
 * open, and only after that the details: daily pain, trend, the run rules
 * with their evidence, the next massage, the plan, the load and any
 * assessment.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmd_log.h"
#include "cli/render_text.h"
#include "core/date.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "engine/assessment.h"
#include "store/store.h"

/* Weeks of load status shows (runcare load shows more on request). */
#define STATUS_LOAD_WEEKS 4
/* Days the sparkline covers, ending on as_of. */
#define STATUS_DAYS 28

enum status_opt {
	OPT_AS_OF = 256,
	OPT_FORMAT,
	OPT_PERSON,
	OPT_HELP,
};

static const struct cmd_option status_options[] = {
	{ "as-of", 0, true, OPT_AS_OF, "DATE",
	  "judge the journal as on this day (default today)" },
	{ "format", 'f', true, OPT_FORMAT, "FMT",
	  "json or text (default: text on a terminal)" },
	{ "person", 0, true, OPT_PERSON, "NAME",
	  "whose journal (default: the only person)" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static int status_run(struct app *app, int argc, char **argv);

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.run = status_run,
	.usage = "status [--as-of DATE] [--format json|text] [--person NAME]",
	.summary = "where you stand: triage from the journal, trend, return "
		   "to running, next massage",
	.flags = CMD_NEEDS_KB | CMD_NEEDS_DB,
};

/* The sign of a headline verdict. */
static const struct {
	const char *utf8, *ascii;
} verdict_sign[] = {
	[VERDICT_NO_PAIN] = { "?", "[?]" },
	[VERDICT_ASSESS_FIRST] = { "\u274c", "[X]" },
	[VERDICT_STALE] = { "\u26a0\ufe0f", "[!]" },
	[VERDICT_HOLD] = { "\u26a0\ufe0f", "[!]" },
	[VERDICT_CANNOT_TELL] = { "?", "[?]" },
	[VERDICT_OK] = { "\u2705", "[OK]" },
};

static const char *const side_words[] = {
	[SIDE_LEFT] = "left", [SIDE_RIGHT] = "right", [SIDE_BOTH] = "both sides",
};

static const char *const outcome_said[] = {
	[OUTCOME_CLEARED] = "cleared for massage and a gradual return",
	[OUTCOME_REFER] = "referred on",
	[OUTCOME_TREAT] = "being treated by the clinician",
};

/* ---- Text ---- */

/* "  <mark> <text>" wrapped with a hanging indent. */
static void line_item(struct strbuf *out, const char *mark, const char *text)
{
	strbuf_addf(out, "  %s ", mark);
	text_wrap(out, 3 + strlen(mark), 4, text);
}

/* The headline: the verdict, what stops running or massage, what is open,
 * and for assess-first where to go and what to do meanwhile. */
static void text_headline(const struct assessment *a, const struct kb *kb,
			  bool utf8, struct strbuf *out)
{
	const struct result *r = &a->r;

	strbuf_addf(out, "%s ", utf8 ? verdict_sign[a->verdict].utf8
				     : verdict_sign[a->verdict].ascii);
	text_wrap(out, 3, 3, a->verdict_text);
	for (size_t i = 0; i < a->n_items; i++) {
		const struct assessment_item *it = &a->items[i];

		line_item(out, it->blocking
				       ? text_state_mark(RULE_STATE_NOT_MET, utf8)
				       : text_state_mark(RULE_STATE_UNKNOWN,
							 utf8),
			  it->text);
	}
	if (a->verdict == VERDICT_ASSESS_FIRST) {
		strbuf_addstr(out, "\nWhere to get assessed\n  ");
		text_wrap(out, 2, 2, r->referral->text);
		strbuf_addstr(out, "While you wait\n");
		for (size_t i = 0; i < r->n_do_next; i++)
			line_item(out, "-", r->do_next[i]->text);
		return;
	}
	if (a->verdict == VERDICT_STALE)
		return;
	strbuf_addf(out, "\n%s ", text_decision_sign(r->decision, utf8));
	text_wrap(out, 3, 3, kb_decision(kb, r->decision)->text);
}

/* One character a day: ▁..█ for 0-10 on a UTF-8 terminal, digits
 * otherwise; a day without a score is a dot. */
static void sparkline(struct strbuf *out, const int *v, int n, bool utf8)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄",
					     "▅", "▆", "▇", "█" };

	for (int i = 0; i < n; i++) {
		if (v[i] < 0)
			strbuf_addstr(out, utf8 ? "·" : ".");
		else if (utf8)
			strbuf_addstr(out, bars[(v[i] * 7 + 5) / 10]);
		else
			strbuf_addch(out, v[i] == 10 ? 'X' : '0' + v[i]);
	}
}

static void text_pain(const struct assessment *a, bool utf8,
		      struct strbuf *out)
{
	const int *days = a->daily + ASSESSMENT_DAYS - STATUS_DAYS;
	int now = -1;

	for (int i = STATUS_DAYS - 1; i >= 0 && now < 0; i--)
		now = days[i];
	strbuf_addstr(out, "\nPain      ");
	sparkline(out, days, STATUS_DAYS, utf8);
	strbuf_addf(out, "  last %d days", STATUS_DAYS);
	if (now >= 0)
		strbuf_addf(out, ", latest %d/10", now);
	strbuf_addstr(out, "\nTrend     ");
	if (a->trend.enough)
		strbuf_addf(out, "%s: %.1f/10 this week, %.1f/10 the week before\n",
			    trend_name(a->trend.trend), a->trend.this_week.mean,
			    a->trend.last_week.mean);
	else
		strbuf_addf(out, "not enough scores yet (%d and %d days in the last two weeks; %d each needed)\n",
			    a->trend.this_week.days, a->trend.last_week.days,
			    HISTORY_TREND_MIN_DAYS);
}

static void text_running(const struct assessment *a,
			 bool utf8, struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addstr(out, "\nRunning   ");
	text_wrap(out, 10, 10, a->run_text);
	if (a->r.decision == DECISION_ASSESS_FIRST)
		return;
	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		const struct history_rule *hr = &a->rules[i];

		strbuf_reset(&line);
		strbuf_addf(&line, "%s (%s)", hr->text, hr->evidence);
		line_item(out, text_state_mark(hr->state, utf8), line.buf);
	}
	strbuf_addstr(out, "  ");
	text_wrap(out, 2, 2, a->r.run_advice->text);
	strbuf_release(&line);
}

static void text_massage(const struct assessment *a, struct strbuf *out)
{
	const struct history_next_massage *n = &a->next;
	char d1[DATE_BUF], d2[DATE_BUF];
	struct strbuf line = STRBUF_INIT;

	if (n->plan == HISTORY_PLAN_NONE)
		return;
	strbuf_addf(&line, "next %s to %s (%s)",
		    date_format(n->due_from, d1), date_format(n->due_to, d2),
		    n->plan == HISTORY_PLAN_INJURY_BLOCK ? "while it settles"
							 : "upkeep");
	if (n->has_pressure && n->pressure_min == n->pressure_max)
		strbuf_addf(&line, ", pressure %d/10", n->pressure_min);
	else if (n->has_pressure)
		strbuf_addf(&line, ", pressure %d-%d/10", n->pressure_min,
			    n->pressure_max);
	strbuf_addstr(out, "\nMassage   ");
	text_wrap(out, 10, 10, line.buf);
	strbuf_addstr(out, "  ");
	text_wrap(out, 2, 2, n->why);
	if (n->ask) {
		strbuf_reset(&line);
		strbuf_addstr(&line, "Last time it lacked");
		for (int m = 0, k = 0; m < JOURNAL_MARK__COUNT; m++)
			if (n->ask & JOURNAL_MARK_BIT(m))
				strbuf_addf(&line, "%s %s", k++ ? ";" : ":",
					    journal_mark_words((enum journal_mark)m));
		strbuf_addstr(&line, ". Ask for it next time.");
		strbuf_addstr(out, "  ");
		text_wrap(out, 2, 2, line.buf);
	}
	strbuf_release(&line);
}

static void text_plan(const struct assessment *a, bool utf8,
		      struct strbuf *out)
{
	char d[DATE_BUF];
	struct strbuf line = STRBUF_INIT;

	if (a->n_plan == 0)
		return;
	strbuf_addf(out, "\nPlan      until %s\n", date_format(a->plan_to, d));
	for (size_t i = 0; i < a->n_plan; i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s (%s)", a->plan_items[i]->text,
			    a->plan[i].evidence);
		line_item(out, text_state_mark(a->plan[i].state, utf8),
			  line.buf);
	}
	strbuf_release(&line);
}

/* Load in two lines: the last week against the usual one, then each
 * warning. Nothing when no run is logged. */
static void text_load(const struct load_report *r, struct strbuf *out)
{
	if (r->n_weeks == 0 || (r->acute_km == 0 && r->chronic_km == 0))
		return;
	strbuf_addf(out, "\nLoad      %.1f km in the last 7 days, %.1f km in a "
		    "usual week", r->acute_km, r->chronic_km);
	if (isfinite(r->acwr_rolling) && r->history_note[0] == '\0')
		strbuf_addf(out, " (acute:chronic %.2f)", r->acwr_rolling);
	strbuf_addch(out, '\n');
	if (r->history_note[0] != '\0') {
		strbuf_addstr(out, "  ");
		text_wrap(out, 2, 4, r->history_note);
	}
	for (int i = 0; i < r->n_warnings; i++)
		line_item(out, "!", r->warnings[i].text);
}

static void text_assessed(const struct assessment *a, struct strbuf *out)
{
	const struct journal_entry *last = a->last_assessment;
	char d[DATE_BUF];
	struct strbuf line = STRBUF_INIT;

	if (last == NULL)
		return;
	strbuf_addf(&line, "latest on %s%s%s: %s", date_format(last->day, d),
		    last->assessment.by ? " by " : "",
		    last->assessment.by ? last->assessment.by : "",
		    outcome_said[last->assessment.outcome]);
	if (last->assessment.note)
		strbuf_addf(&line, " (%s)", last->assessment.note);
	strbuf_addstr(out, "\nAssessed  ");
	text_wrap(out, 10, 10, line.buf);
	strbuf_release(&line);
}

static void text_status(const struct assessment *a, const struct kb *kb,
			const char *person, bool utf8, struct strbuf *out)
{
	char d[DATE_BUF];

	strbuf_addf(out, "%s, %s", person, area_name(a->area));
	if ((unsigned)a->in.side < SIDE__COUNT)
		strbuf_addf(out, " (%s)", side_words[a->in.side]);
	strbuf_addf(out, ", as of %s\n", date_format(a->as_of, d));
	text_headline(a, kb, utf8, out);
	text_pain(a, utf8, out);
	text_running(a, utf8, out);
	text_massage(a, out);
	text_plan(a, utf8, out);
	text_load(&a->load, out);
	text_assessed(a, out);
	strbuf_addch(out, '\n');
	text_wrap(out, 0, 0, kb_disclaimer(kb));
}

/* ---- The command ---- */

static int status_run(struct app *app, int argc, char **argv)
{
	struct store_entries list;
	struct store_person who;
	struct cmd_getopt g;
	struct strbuf out = STRBUF_INIT;
	struct assessment *a = NULL;
	struct assessment_input in;
	struct store *st = NULL;
	const struct kb *kb;
	const char *arg, *person = app->person;
	bool json = !isatty(STDOUT_FILENO);
	int32_t as_of = date_today(), episode;
	int id;
	struct err e;

	err_clear(&e);
	store_entries_init(&list);
	cmd_getopt_init(&g, status_options, false);
	while ((id = cmd_getopt_next(&g, app, "status", argc, argv, &arg)) > 0) {
		switch (id) {
		case OPT_AS_OF:
			if (journal_parse_day("as-of", arg, true, &as_of, &e) < 0)
				return cmd_fail(app, "status", &e);
			break;
		case OPT_FORMAT:
			if (strcmp(arg, "json") != 0 && strcmp(arg, "text") != 0)
				return cmd_usage_error(app, "status",
						       "--format: expected json or text");
			json = strcmp(arg, "json") == 0;
			break;
		case OPT_PERSON:
			person = arg;
			break;
		case OPT_HELP:
			cmd_print_help(stdout, app, &cmd_status_entry,
				       status_options);
			return EXIT_OK_;
		}
	}
	if (id < 0)
		return EXIT_USAGE;
	if (optind < argc)
		return cmd_usage_error(app, "status", "unexpected argument '%s'",
				       argv[optind]);
	kb = app_kb(app, &e);
	if (kb == NULL)
		return cmd_fail(app, "status", &e);
	st = journal_open(app, person, false, &who, &e);
	if (st == NULL)
		return cmd_fail(app, "status", &e);
	if (store_journal_as_of(st, who.id, as_of, &list, &episode, &e) < 0)
		goto fail;
	in = (struct assessment_input){ list.v, list.n, as_of, episode,
					STATUS_LOAD_WEEKS };
	a = xmalloc(sizeof *a);
	assessment_build(kb, &in, a);
	if (!a->has_pain) {
		err_set(&e, ERR_NOINPUT,
			"no pain logged for %s yet; start with: runcare log pain --area AREA --rest N",
			who.name);
		goto fail;
	}
	if (json) {
		assessment_to_json(a, kb, who.name, &out);
		strbuf_addch(&out, '\n');
	} else {
		text_status(a, kb, who.name, app->utf8, &out);
	}
	fputs(out.buf, stdout);
	strbuf_release(&out);
	free(a);
	store_entries_release(&list);
	store_close(st);
	return EXIT_OK_;
fail:
	free(a);
	store_entries_release(&list);
	store_close(st);
	return cmd_fail(app, "status", &e);
}
