/*
 * cmd_load.c - `runcare load [--weeks N] [--format json|text]`: what the
 * person's running load is doing, from the runs in the journal.
 *
 * The journal is judged once, as `runcare status` judges it
 * (engine/assessment.h): the runs go to engine/load.c, which does all the
 * maths, against the do-next plan in force (each load item of it,
 * reduce_hills, flat_easy_runs, reduce_speed, from the start of the
 * current episode for the plan's longest item). This file only prints the
 * load part of that judgement.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/date.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "engine/assessment.h"
#include "store/store.h"

#define LOAD_DEFAULT_WEEKS 4

extern const struct cmd_entry cmd_load_entry;

enum load_opt { OPT_WEEKS = 256, OPT_FORMAT, OPT_HELP };

static const struct cmd_option load_options[] = {
	{ "weeks", 'w', true, OPT_WEEKS, "N",
	  "how many weeks to show (1-104, default 4)" },
	{ "format", 'f', true, OPT_FORMAT, "FMT", "text (default) or json" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static void fmt_num(char *buf, size_t n, double v, const char *fmt)
{
	if (isfinite(v))
		snprintf(buf, n, fmt, v);
	else
		snprintf(buf, n, "-");
}

static void print_text(const struct load_report *r)
{
	char d[DATE_BUF], a[16], b[16], c[16], m[16], s[16], h[16], p[16], in[16];

	printf("load as of %s (weeks of 7 days ending on the day shown)\n\n",
	       date_format(r->as_of, d));
	printf("%-10s %4s %7s %6s %6s %7s %8s %7s %5s %6s %9s\n", "week to",
	       "runs", "km", "hours", "climb", "change", "monotony", "strain",
	       "m/km", "pace", "intensity");
	for (int i = 0; i < r->n_weeks; i++) {
		const struct load_week *w = &r->weeks[i];
		/* Rounded first, and + 0.0 turns -0 into 0: never "-0%". */
		fmt_num(a, sizeof(a), round(w->change * 100) + 0.0, "%+.0f%%");
		fmt_num(m, sizeof(m), w->monotony, "%.2f");
		fmt_num(s, sizeof(s), w->strain, "%.0f");
		fmt_num(h, sizeof(h), w->hilliness, "%.1f");
		fmt_num(in, sizeof(in), w->intensity, "%.2f");
		if (isfinite(w->pace_s_per_km))
			snprintf(p, sizeof(p), "%d:%02d",
				 (int)w->pace_s_per_km / 60,
				 (int)w->pace_s_per_km % 60);
		else
			snprintf(p, sizeof(p), "-");
		printf("%-10s %4d %7.1f %6.1f %6.0f %7s %8s %7s %5s %6s %9s\n",
		       date_format(w->to, d), w->runs, w->distance_m / 1000,
		       w->moving_s / 3600, w->climb_m, a, m, s, h, p, in);
	}
	fmt_num(b, sizeof(b), r->acwr_rolling, "%.2f");
	fmt_num(c, sizeof(c), r->acwr_ewma, "%.2f");
	printf("\nacute:chronic workload ratio: %s rolling (%.1f km in 7 days, "
	       "%.1f km a week over %d day%s), %s EWMA\n", b, r->acute_km,
	       r->chronic_km, r->chronic_days, r->chronic_days == 1 ? "" : "s",
	       c);
	if (r->history_note[0] != '\0')
		printf("%s\n", r->history_note);
	if (r->n_warnings == 0) {
		printf("no warnings\n");
		return;
	}
	printf("\nwarnings:\n");
	for (int i = 0; i < r->n_warnings; i++)
		printf("- %s (%s)\n", r->warnings[i].text, r->warnings[i].source);
}

static int load_run_cmd(struct app *app, int argc, char **argv)
{
	struct cmd_getopt g;
	const char *arg;
	struct err e;
	int id, weeks = LOAD_DEFAULT_WEEKS;
	bool json = false;

	cmd_getopt_init(&g, load_options, false);
	while ((id = cmd_getopt_next(&g, app, "load", argc, argv, &arg)) > 0) {
		switch (id) {
		case OPT_HELP:
			cmd_print_help(stdout, app, &cmd_load_entry, load_options);
			fputs("\nThe formulas, thresholds and their limits are in "
			      "docs/load.md.\n", stdout);
			return EXIT_OK_;
		case OPT_WEEKS: {
			char *end;
			long v = strtol(arg, &end, 10);
			if (*arg == '\0' || *end != '\0' || v < 1 ||
			    v > LOAD_WEEKS_MAX)
				return cmd_usage_error(app, "load",
					"--weeks must be a whole number from 1 to %d",
					LOAD_WEEKS_MAX);
			weeks = (int)v;
			break;
		}
		case OPT_FORMAT:
			if (strcmp(arg, "json") == 0)
				json = true;
			else if (strcmp(arg, "text") != 0)
				return cmd_usage_error(app, "load",
					"unknown format '%s' (json or text)", arg);
			break;
		}
	}
	if (id < 0)
		return EXIT_USAGE;
	if (optind < argc)
		return cmd_usage_error(app, "load", "unexpected argument '%s'",
				       argv[optind]);

	struct store_options so = { 0, true };
	const struct kb *kb = app_kb(app, &e);
	if (kb == NULL)
		return cmd_fail(app, "load", &e);
	struct store *st = store_open(app->db_path, &so, &e);
	if (st == NULL)
		return cmd_fail(app, "load", &e);
	struct store_person person;
	if (store_person_resolve(st, app->person, false, &person, &e) < 0) {
		store_close(st);
		return cmd_fail(app, "load", &e);
	}
	struct store_entries list;
	int32_t today = date_today(), episode;
	store_entries_init(&list);
	if (store_journal_as_of(st, person.id, today, &list, &episode, &e) < 0) {
		store_close(st);
		return cmd_fail(app, "load", &e);
	}
	struct assessment_input in = { list.v, list.n, today, episode, weeks };
	struct assessment *a = xmalloc(sizeof(*a));
	assessment_build(kb, &in, a);
	if (json) {
		struct strbuf sb = STRBUF_INIT;
		load_report_json(&a->load, &sb);
		puts(sb.buf);
		strbuf_release(&sb);
	} else {
		print_text(&a->load);
	}
	free(a);
	store_entries_release(&list);
	store_close(st);
	return EXIT_OK_;
}

const struct cmd_entry cmd_load_entry = {
	.name = "load",
	.run = load_run_cmd,
	.usage = "load [--weeks N] [--format json|text]",
	.summary = "weekly load, acute:chronic ratio and load warnings",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_KB,
};
