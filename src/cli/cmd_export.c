/*
 * cmd_export.c - a person's own data: `runcare export` writes everything
 * the journal holds about them (JSON or CSV) to standard output, and
 * `runcare erase` removes every row of theirs and leaves no copy in the
 * database file or its write-ahead log. Erase asks first unless --yes.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmd_log.h"
#include "core/strbuf.h"
#include "store/store.h"

enum export_opt {
	OPT_FORMAT = 256,
	OPT_PERSON,
	OPT_YES,
	OPT_HELP,
};

static const struct cmd_option export_options[] = {
	{ "format", 'f', true, OPT_FORMAT, "FMT", "json (default) or csv" },
	{ "person", 0, true, OPT_PERSON, "NAME",
	  "whose data (default: the only person)" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static const struct cmd_option erase_options[] = {
	{ "person", 0, true, OPT_PERSON, "NAME",
	  "whose data (default: the only person)" },
	{ "yes", 0, false, OPT_YES, NULL, "erase without asking" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static int export_run(struct app *app, int argc, char **argv);
static int erase_run(struct app *app, int argc, char **argv);

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.run = export_run,
	.usage = "export [--format json|csv] [--person NAME]",
	.summary = "write everything the journal holds about a person",
	.flags = CMD_NEEDS_DB,
};

const struct cmd_entry cmd_erase_entry = {
	.name = "erase",
	.run = erase_run,
	.usage = "erase [--person NAME] [--yes]",
	.summary = "remove a person and all their data from the journal",
	.flags = CMD_NEEDS_DB,
};

/* Parse the options of export or erase; returns -1 when the command
 * should stop with *rc. */
static int parse(struct app *app, const struct cmd_entry *entry,
		 const struct cmd_option *opts, int argc, char **argv,
		 enum store_export_format *fmt, const char **person, bool *yes,
		 int *rc)
{
	struct cmd_getopt g;
	const char *arg;
	int id;

	cmd_getopt_init(&g, opts, false);
	while ((id = cmd_getopt_next(&g, app, entry->name, argc, argv,
				     &arg)) > 0) {
		switch (id) {
		case OPT_FORMAT:
			if (store_export_format_parse(arg, fmt) < 0) {
				*rc = cmd_usage_error(app, entry->name,
						      "--format: expected json or csv");
				return -1;
			}
			break;
		case OPT_PERSON:
			*person = arg;
			break;
		case OPT_YES:
			*yes = true;
			break;
		case OPT_HELP:
			cmd_print_help(stdout, app, entry, opts);
			*rc = EXIT_OK_;
			return -1;
		}
	}
	if (id < 0) {
		*rc = EXIT_USAGE;
		return -1;
	}
	if (optind < argc) {
		*rc = cmd_usage_error(app, entry->name,
				      "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	return 0;
}

static int export_run(struct app *app, int argc, char **argv)
{
	enum store_export_format fmt = STORE_EXPORT_JSON;
	const char *person = app->person;
	struct strbuf out = STRBUF_INIT;
	struct store_person who;
	struct store *st;
	struct err e;
	bool yes = false;
	int rc;

	if (parse(app, &cmd_export_entry, export_options, argc, argv, &fmt,
		  &person, &yes, &rc) < 0)
		return rc;
	err_clear(&e);
	st = journal_open(app, person, false, &who, &e);
	if (st == NULL)
		return cmd_fail(app, "export", &e);
	rc = store_export(st, who.id, fmt, &out, &e);
	store_close(st);
	if (rc < 0) {
		strbuf_release(&out);
		return cmd_fail(app, "export", &e);
	}
	fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	return EXIT_OK_;
}

static int erase_run(struct app *app, int argc, char **argv)
{
	enum store_export_format fmt = STORE_EXPORT_JSON;
	const char *person = app->person;
	struct store_query q;
	struct store_entries list;
	struct store_person who;
	struct strbuf question = STRBUF_INIT;
	struct store *st;
	struct err e;
	bool yes = false;
	int rc, answer;

	if (parse(app, &cmd_erase_entry, erase_options, argc, argv, &fmt,
		  &person, &yes, &rc) < 0)
		return rc;
	err_clear(&e);
	st = journal_open(app, person, false, &who, &e);
	if (st == NULL)
		return cmd_fail(app, "erase", &e);
	if (!yes) {
		q = (struct store_query)STORE_QUERY_INIT(who.id);
		store_entries_init(&list);
		if (store_entry_list(st, &q, &list, &e) < 0) {
			store_close(st);
			return cmd_fail(app, "erase", &e);
		}
		strbuf_addf(&question,
			    "erase %s and all %zu of their entries for good? [y/N] ",
			    who.name, list.n);
		store_entries_release(&list);
		answer = journal_confirm(question.buf);
		strbuf_release(&question);
		if (answer != 1) {
			store_close(st);
			fprintf(stderr, "%s: erase: nothing erased\n", app->prog);
			return EXIT_SOME_FAILED;
		}
	}
	rc = store_person_erase(st, who.id, &e);
	store_close(st);
	if (rc < 0)
		return cmd_fail(app, "erase", &e);
	printf("erased %s and all their entries\n", who.name);
	return EXIT_OK_;
}
