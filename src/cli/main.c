/*
 * main.c - runcare's entry point: parse the global options into a struct
 * app, look the command up in cmd_table (cmd.c) and run it.
 *
 * Everything a command needs beyond its own options reaches it through the
 * struct app: the knowledge base (loaded on first use), the journal path,
 * the person, and how to write to the terminal (colour, UTF-8).
 */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/version.h"
#include "engine/engine.h"

enum {
	OPT_KB = 256,
	OPT_DB,
	OPT_PERSON,
	OPT_HELP,
	OPT_VERSION,
};

static const struct cmd_option global_options[] = {
	{ "kb", 0, true, OPT_KB, "FILE",
	  "use this knowledge base instead of the built-in one" },
	{ "db", 0, true, OPT_DB, "PATH",
	  "journal database (default: $RUNCARE_DB)" },
	{ "person", 0, true, OPT_PERSON, "NAME", "whose journal to use" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ "version", 0, false, OPT_VERSION, NULL, "show the version" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static void print_help(const struct app *app)
{
	printf("usage: %s [OPTIONS] COMMAND [ARGS]\n\n"
	       "Triage for runners' overload pain: whether massage is a good "
	       "idea today,\nwhere and how deep, and what to do next. "
	       "Guidance, not a diagnosis.\n\nOptions:\n", app->prog);
	cmd_print_help(stdout, app, NULL, global_options);
	fputs("\nCommands:\n", stdout);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		printf("  %-10s %s\n", cmd_table[i]->name,
		       cmd_table[i]->summary);
	printf("\nRun '%s COMMAND --help' for the options of a command.\n\n",
	       app->prog);
	cmd_print_exit_codes(stdout);
}

/* True when the character locale (LANG, LC_ALL, LC_CTYPE) is UTF-8. */
static bool locale_is_utf8(void)
{
	const char *cs;

	if (setlocale(LC_CTYPE, "") == NULL)
		return false;
	cs = nl_langinfo(CODESET);
	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
			      strcmp(cs, "utf8") == 0);
}

int main(int argc, char **argv)
{
	struct app app = { .prog = "runcare" };
	struct cmd_getopt g;
	const struct cmd_entry *entry;
	const char *arg;
	int id, rc;

	app.db_path = getenv("RUNCARE_DB");
	if (app.db_path != NULL && app.db_path[0] == '\0')
		app.db_path = NULL;
	/* NO_COLOR set to anything, even empty, turns colour off. */
	app.color_out = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	app.utf8 = locale_is_utf8();

	cmd_getopt_init(&g, global_options, true);
	while ((id = cmd_getopt_next(&g, &app, NULL, argc, argv, &arg)) > 0) {
		switch (id) {
		case OPT_KB:
			app.kb_path = arg;
			break;
		case OPT_DB:
			app.db_path = arg;
			break;
		case OPT_PERSON:
			app.person = arg;
			break;
		case OPT_HELP:
			print_help(&app);
			return EXIT_OK_;
		case OPT_VERSION:
			printf("%s %s\n", app.prog, RUNCARE_VERSION);
			return EXIT_OK_;
		}
	}
	if (id < 0)
		return EXIT_USAGE;
	if (optind >= argc) {
		fprintf(stderr, "usage: %s [OPTIONS] COMMAND [ARGS]\n"
			"Run '%s --help' for the commands.\n", app.prog,
			app.prog);
		return EXIT_USAGE;
	}
	entry = cmd_lookup(argv[optind]);
	if (entry == NULL)
		return cmd_usage_error(&app, NULL, "unknown command '%s'",
				       argv[optind]);
	rc = entry->run(&app, argc - optind, argv + optind);
	if (fflush(stdout) != 0 && rc == EXIT_OK_) {
		fprintf(stderr, "%s: %s: cannot write the output\n",
			app.prog, entry->name);
		rc = EXIT_IOERR;
	}
	if (app.kb != NULL)
		kb_free(app.kb);
	return rc;
}
