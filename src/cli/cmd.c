/*
 * cmd.c - the command table of the runcare CLI and what every command
 * shares: option parsing from a table, usage errors, the mapping of error
 * classes to exit codes, and the lazily loaded knowledge base.
 *
 * main() looks a command up here and calls it. To add a command, write
 * cmd_<name>.c exporting `const struct cmd_entry cmd_<name>_entry` and add
 * one X(<name>) line to CMD_LIST below.
 */
#include "cli/cmd.h"

#include <assert.h>
#include <stdarg.h>
#include <string.h>

#include "cli/input.h"
#include "core/strbuf.h"
#include "engine/engine.h"

/* The commands, in the order runcare --help lists them. */
#define CMD_LIST(X)                                                           \
	X(check)                                                              \
	X(log)                                                                \
	X(status)                                                             \
	X(import)                                                             \
	X(load)                                                               \
	X(export)                                                             \
	X(erase)                                                              \
	X(serve)                                                              \
	X(brief)                                                              \
	X(user)                                                               \
	/* one X(name) line per command, above this comment */

#define CMD_DECLARE_(name) extern const struct cmd_entry cmd_##name##_entry;
#define CMD_ITEM_(name) &cmd_##name##_entry,
CMD_LIST(CMD_DECLARE_)
const struct cmd_entry *const cmd_table[] = { CMD_LIST(CMD_ITEM_) NULL };

/* Largest knowledge-base file --kb accepts. */
#define KB_FILE_MAX_BYTES (4u * 1024 * 1024)

/* Exit code of each error class (sysexits.h values). */
static const int exit_codes[] = {
	[ERR_OK] = EXIT_OK_,
	[ERR_USAGE] = EXIT_USAGE,
	[ERR_DATA] = EXIT_DATAERR,
	[ERR_NOINPUT] = EXIT_NOINPUT,
	[ERR_SOFTWARE] = EXIT_SOFTWARE,
	[ERR_IO] = EXIT_IOERR,
	[ERR_TEMPFAIL] = EXIT_TEMPFAIL,
	[ERR_CONFIG] = EXIT_CONFIG,
};

/* What each exit code means, for runcare --help and the README. */
static const struct {
	int code;
	const char *meaning;
} exit_code_help[] = {
	{ EXIT_OK_, "success (for check: a result, whatever the decision)" },
	{ EXIT_SOME_FAILED, "some items were refused, the others done" },
	{ EXIT_USAGE, "unknown command or option, or a missing value" },
	{ EXIT_DATAERR, "invalid input data (the message names the field)" },
	{ EXIT_NOINPUT, "an input file could not be opened or read" },
	{ EXIT_UNAVAILABLE, "a program it needs is missing (brief --format "
			    "pdf: chromium)" },
	{ EXIT_SOFTWARE, "internal error" },
	{ EXIT_CANTCREAT, "an output file could not be created" },
	{ EXIT_IOERR, "a read or write failed" },
	{ EXIT_TEMPFAIL, "busy or locked, try again" },
	{ EXIT_CONFIG, "invalid knowledge base (--kb) or configuration" },
	{ EXIT_CANCELLED, "stopped by the person (Ctrl-C, or Ctrl-D)" },
};

#define COUNT_(a) (sizeof(a) / sizeof((a)[0]))

const struct cmd_entry *cmd_lookup(const char *name)
{
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

int exit_code_for(enum err_code code)
{
	if ((unsigned)code < COUNT_(exit_codes))
		return exit_codes[code];
	return EXIT_SOFTWARE;
}

int cmd_fail(const struct app *app, const char *cmd, const struct err *e)
{
	if (cmd != NULL)
		fprintf(stderr, "%s: %s: %s\n", app->prog, cmd, e->msg);
	else
		fprintf(stderr, "%s: %s\n", app->prog, e->msg);
	return exit_code_for(e->code);
}

int cmd_usage_error(const struct app *app, const char *cmd, const char *fmt,
		    ...)
{
	struct err e;
	va_list ap;

	e.code = ERR_USAGE;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	return cmd_fail(app, cmd, &e);
}

void cmd_print_exit_codes(FILE *out)
{
	fputs("Exit codes:\n", out);
	for (size_t i = 0; i < COUNT_(exit_code_help); i++)
		fprintf(out, "  %3d  %s\n", exit_code_help[i].code,
			exit_code_help[i].meaning);
}

struct kb *app_kb(struct app *app, struct err *e)
{
	struct strbuf text = STRBUF_INIT;

	if (app->kb != NULL)
		return app->kb;
	if (app->kb_path == NULL) {
		app->kb = kb_load_builtin(e);
		return app->kb;
	}
	if (input_read_file(app->kb_path, KB_FILE_MAX_BYTES, &text, e) < 0) {
		if (e != NULL && e->code == ERR_DATA) {
			e->code = ERR_CONFIG;
			err_prefix(e, "%s: ", app->kb_path);
		}
		goto fail;
	}
	app->kb = kb_load(text.buf, text.len, app->kb_path, e);
	/* The loader says "line N: what"; the person also needs the file,
	 * unless the loader already named it. */
	if (app->kb == NULL && e != NULL &&
	    strncmp(e->msg, app->kb_path, strlen(app->kb_path)) != 0)
		err_prefix(e, "%s: ", app->kb_path);
fail:
	strbuf_release(&text);
	return app->kb;
}

void cmd_getopt_init(struct cmd_getopt *g, const struct cmd_option *opts,
		     bool stop_at_operand)
{
	size_t n = 0, s = 0;

	g->opts = opts;
	/* "+": stop at the first operand; ":": report a missing value as
	 * ':' so that it gets its own message. */
	if (stop_at_operand)
		g->shortopts[s++] = '+';
	g->shortopts[s++] = ':';
	for (; opts[n].name != NULL && n < CMD_OPTIONS_MAX; n++) {
		g->longopts[n] = (struct option){
			.name = opts[n].name,
			.has_arg = opts[n].has_arg ? required_argument
						   : no_argument,
			.flag = NULL,
			.val = opts[n].id,
		};
		if (opts[n].short_name) {
			g->shortopts[s++] = (char)opts[n].short_name;
			if (opts[n].has_arg)
				g->shortopts[s++] = ':';
		}
	}
	assert(opts[n].name == NULL);	/* raise CMD_OPTIONS_MAX */
	g->longopts[n] = (struct option){ 0 };
	g->shortopts[s] = '\0';
	opterr = 0;
	optind = 0;	/* GNU: start afresh, also for a second table */
}

/* The id of short option c in opts, or 0. */
static int short_to_id(const struct cmd_option *opts, int c)
{
	for (size_t i = 0; opts[i].name != NULL; i++)
		if (opts[i].short_name != 0 && opts[i].short_name == c)
			return opts[i].id;
	return 0;
}

/* The word the person typed for the option that failed: "--kb" from
 * "--kb=x", or "-x" for a short option. */
static void bad_option_name(char *buf, size_t size, int argc, char **argv,
			    int c)
{
	const char *word = optind - 1 < argc && optind >= 1 ? argv[optind - 1]
							     : "";

	if (strncmp(word, "--", 2) == 0) {
		size_t len = strcspn(word, "=");
		snprintf(buf, size, "%.*s", (int)len, word);
	} else if (c > 0 && c < 128) {
		snprintf(buf, size, "-%c", c);
	} else {
		snprintf(buf, size, "%s", word);
	}
}

int cmd_getopt_next(struct cmd_getopt *g, const struct app *app,
		    const char *cmd, int argc, char **argv, const char **arg)
{
	char name[64];
	int c = getopt_long(argc, argv, g->shortopts, g->longopts, NULL);

	*arg = optarg;
	if (c == -1)
		return 0;
	if (c == '?') {
		bad_option_name(name, sizeof name, argc, argv, optopt);
		cmd_usage_error(app, cmd, "unknown option '%s'", name);
		return -1;
	}
	if (c == ':') {
		bad_option_name(name, sizeof name, argc, argv, optopt);
		cmd_usage_error(app, cmd, "option '%s' needs a value", name);
		return -1;
	}
	/* Long options return their id (> 255); short ones their letter. */
	if (c < 256)
		return short_to_id(g->opts, c);
	return c;
}

void cmd_print_help(FILE *out, const struct app *app,
		    const struct cmd_entry *entry,
		    const struct cmd_option *opts)
{
	if (entry != NULL) {
		fprintf(out, "usage: %s %s\n\n%s\n", app->prog, entry->usage,
			entry->summary);
		if (opts != NULL && opts[0].name != NULL)
			fputs("\nOptions:\n", out);
	}
	for (size_t i = 0; opts != NULL && opts[i].name != NULL; i++) {
		char left[64];
		int n;

		if (opts[i].short_name)
			n = snprintf(left, sizeof left, "-%c, --%s",
				     opts[i].short_name, opts[i].name);
		else
			n = snprintf(left, sizeof left, "    --%s",
				     opts[i].name);
		if (opts[i].arg != NULL && n > 0 && (size_t)n < sizeof left)
			snprintf(left + n, sizeof left - (size_t)n, " %s",
				 opts[i].arg);
		fprintf(out, "  %-26s %s\n", left, opts[i].help);
	}
}
