/*
 * cmd_brief.c - `runcare brief`: write the therapist brief of one person
 * as one self-contained HTML file to standard output (to e-mail or print).
 * The page is the one the web app serves at /brief (web/brief.h).
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "core/strbuf.h"
#include "store/store.h"
#include "web/brief.h"

enum brief_opt {
	OPT_PERSON = 256,
	OPT_DB,
	OPT_HELP,
};

static const struct cmd_option brief_options[] = {
	{ "person", 'p', true, OPT_PERSON, "NAME",
	  "whose brief (default: the journal's only person)" },
	{ "db", 0, true, OPT_DB, "PATH", "journal database" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static int brief_run(struct app *app, int argc, char **argv);

const struct cmd_entry cmd_brief_entry = {
	.name = "brief",
	.run = brief_run,
	.usage = "brief [--person NAME] [--db PATH] > brief.html",
	.summary = "write the printable therapist brief (one HTML file)",
	.flags = CMD_NEEDS_KB | CMD_NEEDS_DB,
};

static int brief_run(struct app *app, int argc, char **argv)
{
	const char *person = app->person, *db = app->db_path, *arg;
	struct strbuf out = STRBUF_INIT;
	struct store *st = NULL;
	struct store_options opts = { .read_only = true };
	struct cmd_getopt g;
	const struct kb *kb;
	struct err e;
	int id, rc;

	cmd_getopt_init(&g, brief_options, false);
	while ((id = cmd_getopt_next(&g, app, "brief", argc, argv, &arg)) > 0) {
		switch (id) {
		case OPT_PERSON:
			person = arg;
			break;
		case OPT_DB:
			db = arg;
			break;
		case OPT_HELP:
			cmd_print_help(stdout, app, &cmd_brief_entry,
				       brief_options);
			return EXIT_OK_;
		}
	}
	if (id < 0)
		return EXIT_USAGE;
	if (optind < argc)
		return cmd_usage_error(app, "brief", "unexpected argument '%s'",
				       argv[optind]);
	err_clear(&e);
	kb = app_kb(app, &e);
	if (kb == NULL)
		return cmd_fail(app, "brief", &e);
	st = store_open(db, &opts, &e);
	if (st == NULL || brief_write(kb, st, person, NULL, &out, &e) < 0) {
		rc = cmd_fail(app, "brief", &e);
		goto done;
	}
	rc = EXIT_OK_;
	if (fwrite(out.buf, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		err_set(&e, ERR_IO, "cannot write the brief");
		rc = cmd_fail(app, "brief", &e);
	}
done:
	store_close(st);
	strbuf_release(&out);
	return rc;
}
