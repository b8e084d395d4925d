/*
 * cmd_user.c - `runcare user add|passwd|remove|list`: the accounts the
 * web app asks for when it listens beyond this computer (web/auth.h).
 * passwd and remove end every session of the account, also in a server
 * running meanwhile.
 *
 * The password is read from the terminal with echo off and asked twice;
 * from a pipe it is the first line of standard input, so scripts can make
 * accounts. It never appears in argv, where other users could see it.
 */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cmd.h"
#include "core/strbuf.h"
#include "web/auth.h"

enum user_opt {
	OPT_DB = 256,
	OPT_HELP,
};

static const struct cmd_option user_options[] = {
	{ "db", 0, true, OPT_DB, "PATH", "journal database (the accounts "
	  "are kept next to it)" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static int user_run(struct app *app, int argc, char **argv);

const struct cmd_entry cmd_user_entry = {
	.name = "user",
	.run = user_run,
	.usage = "user add NAME | user passwd NAME | user remove NAME | "
		 "user list [--db PATH]",
	.summary = "manage the accounts of the web app",
	.flags = 0,
};

/* Read one line (without its newline) into buf; echo off on a terminal. */
static int read_secret(const char *prompt, char *buf, size_t size)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	int rc = 0;
	size_t n;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (fgets(buf, (int)size, stdin) == NULL)
		rc = -1;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return rc;
}

/*
 * Read a password and store it for name: a new account (add) or a new
 * password for an existing one (passwd, which ends its sessions).
 */
static int user_password(struct app *app, const char *path, const char *name,
			 bool passwd)
{
	char pw[AUTH_PASSWORD_MAX + 2], again[AUTH_PASSWORD_MAX + 2];
	struct err e;
	int rc = EXIT_OK_;

	err_clear(&e);
	if (read_secret(passwd ? "new password: " : "password: ", pw,
			sizeof(pw)) < 0) {
		err_set(&e, ERR_USAGE, "no password given");
		rc = cmd_fail(app, "user", &e);
		goto done;
	}
	if (isatty(STDIN_FILENO) &&
	    (read_secret("again: ", again, sizeof(again)) < 0 ||
	     strcmp(pw, again) != 0)) {
		err_set(&e, ERR_USAGE, "the two passwords differ");
		rc = cmd_fail(app, "user", &e);
		goto done;
	}
	if ((passwd ? auth_user_passwd(path, name, pw, &e)
		    : auth_user_add(path, name, pw, &e)) < 0)
		rc = cmd_fail(app, "user", &e);
	else if (passwd)
		fprintf(stderr, "%s: user: new password for \"%s\"; its "
			"sessions have ended\n", app->prog, name);
	else
		fprintf(stderr, "%s: user: account \"%s\" added\n", app->prog,
			name);
done:
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(again, sizeof(again));
	return rc;
}

static int user_add(struct app *app, const char *path, const char *name)
{
	return user_password(app, path, name, false);
}

static int user_passwd(struct app *app, const char *path, const char *name)
{
	return user_password(app, path, name, true);
}

static int user_remove(struct app *app, const char *path, const char *name)
{
	struct err e;

	err_clear(&e);
	if (auth_user_remove(path, name, &e) < 0)
		return cmd_fail(app, "user", &e);
	fprintf(stderr, "%s: user: account \"%s\" removed; its sessions have "
		"ended\n", app->prog, name);
	return EXIT_OK_;
}

static int user_list(struct app *app, const char *path, const char *name)
{
	struct strbuf out = STRBUF_INIT;
	struct err e;
	int rc = EXIT_OK_;

	(void)name;
	err_clear(&e);
	if (auth_user_list(path, &out, &e) < 0)
		rc = cmd_fail(app, "user", &e);
	fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	return rc;
}

/* The actions of `runcare user`; name is NULL for those without NAME. */
static const struct {
	const char *verb;
	bool takes_name;
	int (*run)(struct app *app, const char *path, const char *name);
} user_actions[] = {
	{ "add", true, user_add },
	{ "passwd", true, user_passwd },
	{ "remove", true, user_remove },
	{ "list", false, user_list },
};

static int user_run(struct app *app, int argc, char **argv)
{
	const char *db = app->db_path, *arg, *verb;
	struct strbuf path = STRBUF_INIT;
	struct cmd_getopt g;
	struct err e;
	size_t i, n = sizeof(user_actions) / sizeof(user_actions[0]);
	int id, rc;

	cmd_getopt_init(&g, user_options, false);
	while ((id = cmd_getopt_next(&g, app, "user", argc, argv, &arg)) > 0) {
		if (id == OPT_DB) {
			db = arg;
		} else {
			cmd_print_help(stdout, app, &cmd_user_entry,
				       user_options);
			return EXIT_OK_;
		}
	}
	if (id < 0)
		return EXIT_USAGE;
	if (optind >= argc)
		return cmd_usage_error(app, "user", "say add, passwd, remove "
				       "or list");
	verb = argv[optind];
	for (i = 0; i < n && strcmp(user_actions[i].verb, verb) != 0; i++)
		;
	if (i == n)
		return cmd_usage_error(app, "user", "unknown action '%s' (add, "
				       "passwd, remove or list)", verb);
	if (user_actions[i].takes_name && optind + 2 != argc)
		return cmd_usage_error(app, "user", "%s needs one account NAME",
				       verb);
	if (!user_actions[i].takes_name && optind + 1 != argc)
		return cmd_usage_error(app, "user", "%s takes no argument",
				       verb);
	err_clear(&e);
	if (auth_accounts_path(db, &path, &e) < 0)
		rc = cmd_fail(app, "user", &e);
	else
		rc = user_actions[i].run(app, path.buf,
					 user_actions[i].takes_name
					 ? argv[optind + 1] : NULL);
	strbuf_release(&path);
	return rc;
}
