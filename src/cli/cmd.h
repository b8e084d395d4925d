/*
 * cmd.h - the command table of the runcare CLI and the state every command
 * receives.
 *
 * main() parses the global options into a struct app, looks the command up
 * in cmd_table (cmd.c) and calls its run function. Each command lives in its
 * own cmd_<name>.c and exports one `const struct cmd_entry cmd_<name>_entry`.
 * Only the CLI prints to the terminal or decides exit codes.
 */
#ifndef RUNCARE_CLI_CMD_H
#define RUNCARE_CLI_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"

struct kb;

/* Exit codes (sysexits.h values, documented in README and --help). */
enum exit_code {
	EXIT_OK_ = 0,
	EXIT_SOME_FAILED = 1,	/* e.g. import: some files refused */
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_UNAVAILABLE = 69,	/* a program runcare needs is missing */
	EXIT_SOFTWARE = 70,
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74,
	EXIT_TEMPFAIL = 75,
	EXIT_CONFIG = 78,
};

/*
 * Global state of one CLI run, owned by main(). Commands borrow it.
 * kb is loaded on first use by app_kb(); db_path/person may be NULL (use
 * the defaults of the store).
 */
struct app {
	const char *prog;	/* "runcare" */
	const char *kb_path;	/* --kb FILE, or NULL for the built-in kb */
	struct kb *kb;		/* owned; loaded lazily by app_kb() */
	const char *db_path;	/* --db PATH, or RUNCARE_DB, or NULL */
	const char *person;	/* --person NAME, or NULL */
	bool color_out;		/* stdout is a terminal and NO_COLOR unset */
	bool utf8;		/* the locale speaks UTF-8 */
};

/* The knowledge base: built-in or --kb FILE. Returns NULL with e set
 * (ERR_CONFIG or ERR_NOINPUT) when a --kb file is missing or invalid. */
struct kb *app_kb(struct app *app, struct err *e);

enum cmd_flags {
	CMD_NEEDS_KB = 1 << 0,
	CMD_NEEDS_DB = 1 << 1,
};

struct cmd_entry {
	const char *name;
	/* argv[0] is the command name; returns an enum exit_code. */
	int (*run)(struct app *app, int argc, char **argv);
	const char *usage;	/* "check [--input FILE|-] [--format ...]" */
	const char *summary;	/* one line for runcare --help */
	unsigned flags;
};

/* Find a command by exact name; NULL when there is none. */
const struct cmd_entry *cmd_lookup(const char *name);
/* The table, terminated by an entry with name == NULL. */
extern const struct cmd_entry *const cmd_table[];

/*
 * Report e on stderr as "runcare: CMD: MESSAGE" and return the exit code
 * that e's class maps to (ERR_DATA -> 65, ERR_USAGE -> 64, ...).
 */
int cmd_fail(const struct app *app, const char *cmd, const struct err *e);
int exit_code_for(enum err_code code);

/* Exit code of a run the person stopped (Ctrl-C, or Ctrl-D at a question):
 * 128 + SIGINT, as shells report an interrupted program. */
#define EXIT_CANCELLED 130

/*
 * Options of a command (or of runcare itself) as one table: getopt_long()
 * is driven from it and --help is printed from it, so the two cannot drift
 * apart. A table ends with an entry whose name is NULL.
 */
struct cmd_option {
	const char *name;	/* long name without "--" */
	int short_name;		/* 'h', or 0 for none */
	bool has_arg;		/* takes a value */
	int id;			/* returned by cmd_getopt_next; > 255 so
				   that it differs from any letter */
	const char *arg;	/* name of the value in help ("FILE") */
	const char *help;	/* one line */
};

#define CMD_OPTIONS_MAX 48

/* getopt_long state for one option table; lives on the caller's stack. */
struct cmd_getopt {
	const struct cmd_option *opts;	/* borrowed */
	struct option longopts[CMD_OPTIONS_MAX + 1];
	char shortopts[2 * CMD_OPTIONS_MAX + 4];
};

/*
 * Start parsing argv with the table opts. stop_at_operand: stop at the
 * first argument that is not an option (for runcare's global options).
 */
void cmd_getopt_init(struct cmd_getopt *g, const struct cmd_option *opts,
		     bool stop_at_operand);

/*
 * Next option: returns its id and sets *arg (borrowed from argv, NULL when
 * the option takes no value); 0 when the options are over (optind then
 * indexes the first operand); -1 after printing "runcare: CMD: unknown
 * option '--x'" (or a missing value) on stderr: the caller returns
 * EXIT_USAGE. cmd is NULL for runcare's own options.
 */
int cmd_getopt_next(struct cmd_getopt *g, const struct app *app,
		    const char *cmd, int argc, char **argv, const char **arg);

/* Print "usage: runcare USAGE" and the option table to out. */
void cmd_print_help(FILE *out, const struct app *app,
		    const struct cmd_entry *entry,
		    const struct cmd_option *opts);

/*
 * Report a usage problem (printf-style) as "runcare: CMD: MESSAGE" and
 * return EXIT_USAGE.
 */
int cmd_usage_error(const struct app *app, const char *cmd, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));

/* Print the table of exit codes (for runcare --help) to out. */
void cmd_print_exit_codes(FILE *out);

#endif
