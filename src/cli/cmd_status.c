/*
 * cmd_status.c - `runcare status`: where a person stands, from the journal.
 *
 * The journal is turned into an intake (history_intake: latest scores and
 * symptoms, trend from the weekly means, last massage), the triage engine
 * runs on it, and the history rules add what only history can tell: the
 * weekly pain means behind the trend, the five return-to-run rules with
 * their evidence, the next massage (pressure after feedback and when it is
 * due) and whether the do-next plan is being kept. JSON is check's result
 * object with these keys added; text is a summary a runner takes in at a
 * glance, with a sparkline of daily pain.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmd_log.h"
#include "core/date.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "engine/engine.h"
#include "engine/history.h"
#include "engine/load.h"
#include "store/store.h"

/* Weeks of load status shows (runcare load shows more on request). */
#define STATUS_LOAD_WEEKS 4

/* Days the sparkline and daily_pain cover, ending on as_of. */
#define STATUS_DAYS 28
#define TREND_SOURCE "When Is It Safe to Run Again? (Simple Pain Rules)"
#define PRESSURE_SOURCE "How Deep Should Massage Be? (A Simple Pressure Scale)"
#define OFTEN_SOURCE "How often should runners get sports massage?"
#define RED_FLAG_SOURCE "When Massage Is a Bad Idea (Red Flags)"

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

/* Everything status computes for one person and day. */
struct status {
	const char *person;
	int32_t as_of;
	enum area area;
	struct intake in;
	struct result r;
	struct history_trend trend;
	int daily[STATUS_DAYS];
	struct history_rule rules[RUN_RULE_CHECK_COUNT];
	struct history_next_massage next;
	struct history_adherence plan[RESULT_MAX_ITEMS];
	size_t n_plan;
	int32_t plan_start;
	struct load_report load;	/* the runs' load, with the plan */
};

/* The load of the journal's runs (engine/load.h), judged against the
 * do-next plan in force since plan_start: the same figures and warnings as
 * `runcare load`. */
static void compute_load(const struct history *h, int32_t plan_start,
			 struct status *s)
{
	struct load_run *runs = xcalloc(h->n ? h->n : 1, sizeof *runs);
	struct load_plan plans[RESULT_MAX_ITEMS];
	struct load_input in = { runs, 0, plans, 0, h->as_of,
				 STATUS_LOAD_WEEKS };

	in.n_runs = history_load_runs(h->entries, h->n, runs);
	in.n_plans = history_load_plans(&s->r, plan_start, plans,
					RESULT_MAX_ITEMS);
	load_compute(&in, &s->load);
	free(runs);
}

static void compute(const struct history *h, const struct kb *kb,
		    int32_t plan_start, struct status *s)
{
	history_intake(h, &s->in);
	engine_triage(kb, &s->in, &s->r);
	history_trend(h, &s->trend);
	for (int i = 0; i < STATUS_DAYS; i++)
		s->daily[i] = history_daily_pain(h, h->as_of - STATUS_DAYS + 1 + i);
	history_run_rules(h, s->rules);
	history_next_massage(h, s->r.decision,
			     s->r.has_pressure ? s->r.pressure_min : 0,
			     s->r.has_pressure ? s->r.pressure_max : 0,
			     &s->next);
	s->plan_start = plan_start;
	s->n_plan = 0;
	for (size_t i = 0; i < s->r.n_do_next && i < RESULT_MAX_ITEMS; i++) {
		const struct kb_item *it = s->r.do_next[i];
		history_adherence(h, it->id, it->days[0], it->days[1],
				  plan_start, &s->plan[s->n_plan++]);
	}
	compute_load(h, plan_start, s);
}

/* ---- JSON ---- */

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
	strbuf_addstr(out, ",\"symptoms\":[");
	for (int i = 0; i < SYMPTOM__COUNT; i++)
		if (in->symptoms & SYMPTOM_BIT(i)) {
			strbuf_addstr(out, first ? "" : ",");
			strbuf_add_json_str(out, symptom_name((enum symptom)i));
			first = false;
		}
	strbuf_addstr(out, "],\"pain\":{");
	first = true;
	for (int i = 0; i < 3; i++)
		if (v[i] != PAIN_UNSET) {
			strbuf_addf(out, "%s\"%s\":%d", first ? "" : ",",
				    label[i], v[i]);
			first = false;
		}
	strbuf_addstr(out, "},\"trend\":");
	strbuf_add_json_str(out, trend_name(in->trend));
	strbuf_addstr(out, ",\"goal\":");
	strbuf_add_json_str(out, goal_name(in->goal));
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

static void json_status(const struct status *s, const struct kb *kb,
			struct strbuf *out)
{
	const struct history_next_massage *n = &s->next;
	size_t before = out->len;

	result_to_json(&s->r, kb, out);
	/* Splice our keys into check's object. */
	while (out->len > before && out->buf[out->len - 1] != '}')
		out->len--;
	out->len--;
	out->buf[out->len] = '\0';

	strbuf_addstr(out, ",\"person\":");
	strbuf_add_json_str(out, s->person);
	strbuf_addstr(out, ",\"as_of\":");
	date_add_json(out, s->as_of);
	strbuf_addstr(out, ",\"intake\":");
	json_intake(out, &s->in);

	strbuf_addstr(out, ",\"trend\":");
	strbuf_add_json_str(out, trend_name(s->trend.trend));
	strbuf_addstr(out, ",\"weekly_pain\":{\"this_week\":");
	json_week(out, &s->trend.this_week);
	strbuf_addstr(out, ",\"last_week\":");
	json_week(out, &s->trend.last_week);
	strbuf_addf(out, ",\"enough\":%s,\"rule\":",
		    s->trend.enough ? "true" : "false");
	strbuf_addf(out,
		    "\"worse when this week's mean daily pain is at least %.1f above last week's, better when at least %.1f below; needs %d scored days in each week\"",
		    HISTORY_TREND_DELTA, HISTORY_TREND_DELTA,
		    HISTORY_TREND_MIN_DAYS);
	strbuf_addstr(out, ",\"source\":");
	strbuf_add_json_str(out, TREND_SOURCE);
	strbuf_addstr(out, "},\"daily_pain\":{\"from\":");
	date_add_json(out, s->as_of - STATUS_DAYS + 1);
	strbuf_addstr(out, ",\"to\":");
	date_add_json(out, s->as_of);
	strbuf_addstr(out, ",\"values\":[");
	for (int i = 0; i < STATUS_DAYS; i++) {
		if (i)
			strbuf_addch(out, ',');
		if (s->daily[i] < 0)
			strbuf_addstr(out, "null");
		else
			strbuf_addint(out, s->daily[i]);
	}
	strbuf_addstr(out, "]}");

	strbuf_addstr(out, ",\"run_rules\":[");
	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++) {
		const struct history_rule *r = &s->rules[i];
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

	strbuf_addstr(out, "],\"next_massage\":{\"plan\":");
	strbuf_add_json_str(out, history_plan_name(n->plan));
	strbuf_addstr(out, ",\"due\":");
	if (n->plan == HISTORY_PLAN_NONE) {
		strbuf_addstr(out, "null");
	} else {
		strbuf_addstr(out, "{\"from\":");
		date_add_json(out, n->due_from);
		strbuf_addstr(out, ",\"to\":");
		date_add_json(out, n->due_to);
		strbuf_addch(out, '}');
	}
	if (n->has_pressure)
		strbuf_addf(out, ",\"pressure\":{\"min\":%d,\"max\":%d}",
			    n->pressure_min, n->pressure_max);
	else
		strbuf_addstr(out, ",\"pressure\":null");
	strbuf_addstr(out, ",\"last\":");
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
	strbuf_addstr(out, ",\"ask\":[");
	for (int m = 0, k = 0; m < JOURNAL_MARK__COUNT; m++)
		if (n->ask & JOURNAL_MARK_BIT(m)) {
			strbuf_addstr(out, k++ ? "," : "");
			strbuf_add_json_str(out,
					    journal_mark_name((enum journal_mark)m));
		}
	strbuf_addstr(out, "],\"why\":");
	strbuf_add_json_str(out, n->why);
	strbuf_addstr(out, ",\"source\":");
	strbuf_add_json_str(out, n->plan == HISTORY_PLAN_NONE ? RED_FLAG_SOURCE
				 : n->too_much		  ? PRESSURE_SOURCE
							  : OFTEN_SOURCE);

	strbuf_addstr(out, "},\"adherence\":[");
	for (size_t i = 0; i < s->n_plan; i++) {
		const struct history_adherence *a = &s->plan[i];
		strbuf_addstr(out, i ? ",{\"id\":" : "{\"id\":");
		strbuf_add_json_str(out, a->plan_id);
		strbuf_addstr(out, ",\"state\":");
		strbuf_add_json_str(out, a->state == RULE_STATE_MET ? "kept"
					 : a->state == RULE_STATE_NOT_MET
						 ? "not_kept"
						 : "unknown");
		strbuf_addstr(out, ",\"from\":");
		date_add_json(out, a->from);
		strbuf_addstr(out, ",\"to\":");
		date_add_json(out, a->to);
		strbuf_addf(out, ",\"runs\":%d,\"runs_breaking\":%d,\"evidence\":",
			    a->runs, a->runs_breaking);
		strbuf_add_json_str(out, a->evidence);
		strbuf_addstr(out, ",\"source\":");
		strbuf_add_json_str(out, s->r.do_next[i]->source);
		strbuf_addch(out, '}');
	}
	strbuf_addstr(out, "],\"load\":");
	load_report_json(&s->load, out);
	strbuf_addstr(out, "}\n");
}

/* ---- Text ---- */

/* Load in two lines: the last week against the usual one, then each
 * warning. Nothing when no run is logged. */
static void text_load(const struct load_report *r, struct strbuf *out)
{
	if (r->n_weeks == 0 || (r->acute_km == 0 && r->chronic_km == 0))
		return;
	strbuf_addf(out, "\nLoad  %.1f km in the last 7 days, %.1f km in a "
		    "usual week", r->acute_km, r->chronic_km);
	if (isfinite(r->acwr_rolling) && r->history_note[0] == '\0')
		strbuf_addf(out, " (acute:chronic %.2f)", r->acwr_rolling);
	strbuf_addch(out, '\n');
	if (r->history_note[0] != '\0')
		strbuf_addf(out, "      %s\n", r->history_note);
	for (int i = 0; i < r->n_warnings; i++)
		strbuf_addf(out, "      ! %s\n", r->warnings[i].text);
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

/* Sign of a rule state. */
static const char *mark(enum rule_state st, bool utf8)
{
	static const char *const u[] = { "✔", "✘", "?" };
	static const char *const a[] = { "+", "x", "?" };
	return utf8 ? u[st] : a[st];
}

static void text_status(const struct status *s, const struct kb *kb,
			bool utf8, struct strbuf *out)
{
	static const char *const sign_u[] = { "✅", "⚠️ ", "❌" };
	static const char *const sign_a[] = { "[OK]", "[!]", "[X]" };
	const struct history_next_massage *n = &s->next;
	char d1[DATE_BUF], d2[DATE_BUF];
	int now = -1;

	strbuf_addf(out, "%s, %s, as of %s\n", s->person, area_name(s->area),
		    date_format(s->as_of, d1));
	strbuf_addf(out, "%s %s\n", utf8 ? sign_u[s->r.decision]
					: sign_a[s->r.decision],
		    kb_decision(kb, s->r.decision)->text);
	for (int f = 0; f < RED_FLAG__COUNT; f++)
		if (s->r.red_flags & (1u << f))
			strbuf_addf(out, "  %s %s\n", utf8 ? "❗" : "!",
				    kb_red_flag(kb, (enum red_flag)f)->text);
	if (s->r.referral != NULL)
		strbuf_addf(out, "  %s\n", s->r.referral->text);

	for (int i = STATUS_DAYS - 1; i >= 0 && now < 0; i--)
		now = s->daily[i];
	strbuf_addstr(out, "\nPain      ");
	sparkline(out, s->daily, STATUS_DAYS, utf8);
	strbuf_addf(out, "  last %d days", STATUS_DAYS);
	if (now >= 0)
		strbuf_addf(out, ", latest %d/10", now);
	strbuf_addstr(out, "\nTrend     ");
	if (s->trend.enough)
		strbuf_addf(out, "%s: %.1f/10 this week, %.1f/10 the week before\n",
			    trend_name(s->trend.trend), s->trend.this_week.mean,
			    s->trend.last_week.mean);
	else
		strbuf_addf(out, "not enough scores yet (%d and %d days in the last two weeks; %d each needed)\n",
			    s->trend.this_week.days, s->trend.last_week.days,
			    HISTORY_TREND_MIN_DAYS);

	strbuf_addf(out, "\nRunning   %s\n", kb_run_verdict(kb, s->r.run)->text);
	for (int i = 0; i < RUN_RULE_CHECK_COUNT; i++)
		strbuf_addf(out, "  %s %s (%s)\n",
			    mark(s->rules[i].state, utf8), s->rules[i].text,
			    s->rules[i].evidence);

	strbuf_addstr(out, "\nMassage   ");
	if (n->plan == HISTORY_PLAN_NONE) {
		strbuf_addf(out, "%s\n", n->why);
	} else {
		strbuf_addf(out, "next between %s and %s (%s)",
			    date_format(n->due_from, d1),
			    date_format(n->due_to, d2),
			    n->plan == HISTORY_PLAN_INJURY_BLOCK
				    ? "while injured"
				    : "upkeep");
		if (n->has_pressure)
			strbuf_addf(out, ", pressure %d-%d/10",
				    n->pressure_min, n->pressure_max);
		strbuf_addf(out, "\n  %s\n", n->why);
		if (n->ask) {
			strbuf_addstr(out, "  last time it lacked:");
			for (int m = 0, k = 0; m < JOURNAL_MARK__COUNT; m++)
				if (n->ask & JOURNAL_MARK_BIT(m))
					strbuf_addf(out, "%s %s", k++ ? "," : "",
						    journal_mark_name((enum journal_mark)m));
			strbuf_addstr(out, "; ask for it\n");
		}
	}

	if (s->n_plan > 0) {
		strbuf_addstr(out, "\nPlan");
		for (size_t i = 0; i < s->n_plan; i++) {
			const struct history_adherence *a = &s->plan[i];
			strbuf_addf(out, "%s%s %s: %s (%s)\n",
				    i ? "  " : "      ", mark(a->state, utf8),
				    a->plan_id, s->r.do_next[i]->text,
				    a->evidence);
		}
	}
	text_load(&s->load, out);
	strbuf_addf(out, "\n%s\n", kb_disclaimer(kb));
}

/* ---- The command ---- */

static int status_run(struct app *app, int argc, char **argv)
{
	struct store_query q;
	struct store_entries list;
	struct store_episode ep;
	struct store_person who;
	struct cmd_getopt g;
	struct strbuf out = STRBUF_INIT;
	struct status *s = NULL;
	struct history h;
	struct store *st = NULL;
	const struct kb *kb;
	const char *arg, *person = app->person;
	bool json = !isatty(STDOUT_FILENO);
	int32_t as_of = date_today();
	int id, found;
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

	q = (struct store_query)STORE_QUERY_INIT(who.id);
	q.to = as_of;
	if (store_entry_list(st, &q, &list, &e) < 0)
		goto fail;
	s = calloc(1, sizeof *s);
	if (s == NULL)
		abort();
	s->person = who.name;
	s->as_of = as_of;
	if (!history_latest_area(list.v, list.n, as_of, &s->area)) {
		err_set(&e, ERR_NOINPUT,
			"no pain logged for %s yet; start with: runcare log pain --area AREA --rest N",
			who.name);
		goto fail;
	}
	found = store_episode_current(st, who.id, s->area, as_of, &ep, &e);
	if (found < 0)
		goto fail;
	h = (struct history){ list.v, list.n, as_of, s->area };
	compute(&h, kb, found ? ep.start : as_of, s);
	if (json)
		json_status(s, kb, &out);
	else
		text_status(s, kb, app->utf8, &out);
	fputs(out.buf, stdout);
	strbuf_release(&out);
	free(s);
	store_entries_release(&list);
	store_close(st);
	return EXIT_OK_;
fail:
	free(s);
	store_entries_release(&list);
	store_close(st);
	return cmd_fail(app, "status", &e);
}
