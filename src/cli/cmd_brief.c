/*
 * cmd_brief.c - `runcare brief`: write the therapist brief of one person
 * as one self-contained HTML file (to e-mail or print), or as a one-page
 * PDF printed by headless Chromium. The page is the one the web app
 * serves at /brief (web/brief.h).
 *
 * The brief is signed off by --by NAME, or else by the name of the user
 * running the command. For a PDF the HTML is written into a private
 * folder made with mkdtemp (mode 0700), Chromium prints it there with a
 * profile of its own in the same folder, the PDF is copied to --output
 * (or standard output) and the folder is removed. The browser is
 * $RUNCARE_CHROMIUM when set, else the first of chromium_names on PATH.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/strbuf.h"
#include "store/store.h"
#include "web/brief.h"

enum brief_opt {
	OPT_PERSON = 256,
	OPT_DB,
	OPT_BY,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_HELP,
};

static const struct cmd_option brief_options[] = {
	{ "person", 'p', true, OPT_PERSON, "NAME",
	  "whose brief (default: the journal's only person)" },
	{ "by", 0, true, OPT_BY, "NAME",
	  "who prepared it, for the sign-off (default: your user name)" },
	{ "format", 0, true, OPT_FORMAT, "FMT",
	  "html (default) or pdf (printed by chromium)" },
	{ "output", 'o', true, OPT_OUTPUT, "FILE",
	  "write to FILE instead of standard output" },
	{ "db", 0, true, OPT_DB, "PATH", "journal database" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

/* Debian's name first; the others are what other systems call it. */
static const char *const chromium_names[] = {
	"chromium", "chromium-browser", "google-chrome-stable",
	"google-chrome",
};
#define CHROMIUM_ENV "RUNCARE_CHROMIUM"

static int brief_run(struct app *app, int argc, char **argv);

const struct cmd_entry cmd_brief_entry = {
	.name = "brief",
	.run = brief_run,
	.usage = "brief [--person NAME] [--by NAME] [--format html|pdf] "
		 "[--output FILE] [--db PATH]",
	.summary = "write the printable therapist brief (HTML, or PDF with "
		   "chromium)",
	.flags = CMD_NEEDS_KB | CMD_NEEDS_DB,
};

/* Who runs the command: the passwd entry's name, else $USER, else NULL.
 * Borrowed (static storage of getpwuid or the environment). */
static const char *user_name(void)
{
	const struct passwd *pw = getpwuid(getuid());

	if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0')
		return pw->pw_name;
	return getenv("USER");
}

/* The browser to print with, into path (size bytes). Returns 0, or -1
 * with why (size bytes) saying what is missing. */
static int find_chromium(char *path, size_t size, char *why, size_t wsize)
{
	const char *env = getenv(CHROMIUM_ENV), *dirs = getenv("PATH");
	const char *p;

	if (env != NULL && env[0] != '\0') {
		snprintf(path, size, "%s", env);
		if (access(path, X_OK) == 0)
			return 0;
		snprintf(why, wsize, "%s names '%s', which is not an executable "
			 "file", CHROMIUM_ENV, env);
		return -1;
	}
	for (p = dirs; p != NULL && *p != '\0';) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		for (size_t k = 0; len > 0 && k < sizeof(chromium_names) /
				   sizeof(chromium_names[0]); k++) {
			snprintf(path, size, "%.*s/%s", (int)len, p,
				 chromium_names[k]);
			if (access(path, X_OK) == 0)
				return 0;
		}
		p = end ? end + 1 : NULL;
	}
	snprintf(why, wsize, "cannot print a PDF: chromium is missing (none "
		 "of chromium, chromium-browser or google-chrome is on PATH); "
		 "install it (Debian: apt install chromium) or set %s to the "
		 "browser", CHROMIUM_ENV);
	return -1;
}

static int remove_one(const char *path, const struct stat *sb, int flag,
		      struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Write len bytes of buf to fd; 0, or -1 with errno set. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read the file at path into out (appended). 0, or -1 with errno set. */
static int read_file(const char *path, struct strbuf *out)
{
	char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			strbuf_add(out, buf, (size_t)n);
	close(fd);
	return n < 0 ? -1 : 0;
}

/* Run browser on the HTML html (in the private folder dir) and replace
 * doc with the PDF it printed. Returns 0, or -1 with e set. */
static int print_pdf(const char *browser, const char *dir, struct strbuf *doc,
		     struct err *e)
{
	char html[4096], pdf[4096], url[4200], out_arg[4200], prof[4200];
	int fd, status;
	pid_t pid;

	snprintf(html, sizeof(html), "%s/brief.html", dir);
	snprintf(pdf, sizeof(pdf), "%s/brief.pdf", dir);
	snprintf(url, sizeof(url), "file://%s", html);
	snprintf(out_arg, sizeof(out_arg), "--print-to-pdf=%s", pdf);
	snprintf(prof, sizeof(prof), "--user-data-dir=%s/profile", dir);
	fd = open(html, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write_all(fd, doc->buf, doc->len) < 0) {
		if (fd >= 0)
			close(fd);
		return err_set(e, ERR_IO, "cannot write %s: %s", html,
			       strerror(errno));
	}
	if (close(fd) < 0)
		return err_set(e, ERR_IO, "cannot write %s: %s", html,
			       strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return err_set(e, ERR_SOFTWARE, "cannot start %s: %s", browser,
			       strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		/* The browser talks on its stdout and stderr; only its exit
		 * status and the file matter here. */
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execl(browser, browser, "--headless", "--no-sandbox",
		      "--disable-gpu", "--no-first-run", prof, out_arg,
		      "--no-pdf-header-footer", url, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_set(e, ERR_SOFTWARE, "lost %s: %s", browser,
				       strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err_set(e, ERR_SOFTWARE, "%s could not print the brief "
			       "(exit status %d)", browser,
			       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	strbuf_reset(doc);
	if (read_file(pdf, doc) < 0 || doc->len < 5 ||
	    memcmp(doc->buf, "%PDF-", 5) != 0)
		return err_set(e, ERR_SOFTWARE, "%s wrote no PDF", browser);
	return 0;
}

/* Write doc to output (NULL: standard output). 0, -1 with e set, or -2
 * with e set when output cannot be created (exit 73). */
static int write_out(const char *output, const struct strbuf *doc,
		     struct err *e)
{
	int fd = STDOUT_FILENO;

	if (output != NULL) {
		fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			  0644);
		if (fd < 0) {
			err_set(e, ERR_IO, "cannot create %s: %s", output,
				strerror(errno));
			return -2;
		}
	}
	if (write_all(fd, doc->buf, doc->len) < 0 ||
	    (output != NULL && close(fd) < 0))
		return err_set(e, ERR_IO, "cannot write %s: %s",
			       output ? output : "the brief", strerror(errno));
	return 0;
}

static int brief_run(struct app *app, int argc, char **argv)
{
	const char *person = app->person, *db = app->db_path, *arg;
	const char *by = NULL, *output = NULL;
	struct strbuf out = STRBUF_INIT;
	struct store *st = NULL;
	struct store_options opts = { .read_only = true };
	struct cmd_getopt g;
	const struct kb *kb;
	char browser[4096], why[512], dir[4096] = "";
	bool pdf = false;
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
		case OPT_BY:
			by = arg;
			break;
		case OPT_OUTPUT:
			output = arg;
			break;
		case OPT_FORMAT:
			if (strcmp(arg, "pdf") != 0 && strcmp(arg, "html") != 0)
				return cmd_usage_error(app, "brief", "--format: "
						       "expected html or pdf, "
						       "got '%s'", arg);
			pdf = strcmp(arg, "pdf") == 0;
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
	/* Look for the browser before any work, so that a missing one is
	 * the only thing said. */
	if (pdf && find_chromium(browser, sizeof(browser), why,
				 sizeof(why)) < 0) {
		err_set(&e, ERR_SOFTWARE, "%s", why);
		cmd_fail(app, "brief", &e);
		return EXIT_UNAVAILABLE;
	}
	kb = app_kb(app, &e);
	if (kb == NULL)
		return cmd_fail(app, "brief", &e);
	if (by == NULL)
		by = user_name();
	st = store_open(db, &opts, &e);
	if (st == NULL || brief_write(kb, st, person, by, NULL, &out, &e) < 0)
		goto fail;
	if (pdf) {
		const char *tmp = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/runcare-brief-XXXXXX",
			 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
		if (mkdtemp(dir) == NULL) {
			err_set(&e, ERR_IO, "cannot make a private folder in "
				"%s: %s", tmp ? tmp : "/tmp", strerror(errno));
			dir[0] = '\0';
			goto fail;
		}
		if (print_pdf(browser, dir, &out, &e) < 0)
			goto fail;
	}
	rc = write_out(output, &out, &e);
	if (rc == -2) {
		cmd_fail(app, "brief", &e);
		rc = EXIT_CANTCREAT;
		goto done;
	}
	if (rc < 0)
		goto fail;
	rc = EXIT_OK_;
	goto done;
fail:
	rc = cmd_fail(app, "brief", &e);
done:
	if (dir[0] != '\0')
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	store_close(st);
	strbuf_release(&out);
	return rc;
}
