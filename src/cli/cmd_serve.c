/*
 * cmd_serve.c - `runcare serve`: run the local web app until stopped.
 *
 * The command owns the signals, so the web module keeps no global state:
 * SIGINT and SIGTERM are blocked before the server starts (its threads
 * inherit the mask) and this thread waits for them with sigwait(). Then
 * web_server_stop() lets requests in progress finish, so a journal write
 * under way is never cut off.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "cli/cmd.h"
#include "web/server.h"

enum serve_opt {
	OPT_LISTEN = 256,
	OPT_DB,
	OPT_CERT,
	OPT_KEY,
	OPT_REQUIRE_LOGIN,
	OPT_HOSTNAME,
	OPT_HELP,
};

static const struct cmd_option serve_options[] = {
	{ "listen", 'l', true, OPT_LISTEN, "ADDR:PORT",
	  "address to serve on (default " WEB_DEFAULT_LISTEN "; port 0: any "
	  "free port)" },
	{ "db", 0, true, OPT_DB, "PATH", "journal database" },
	{ "cert", 0, true, OPT_CERT, "FILE", "TLS certificate (PEM)" },
	{ "key", 0, true, OPT_KEY, "FILE", "TLS private key (PEM)" },
	{ "require-login", 0, false, OPT_REQUIRE_LOGIN, NULL,
	  "ask for an account even on this computer (always asked "
	  "beyond it)" },
	{ "hostname", 0, true, OPT_HOSTNAME, "NAME",
	  "another name this server is reached by (repeatable; requests "
	  "for other names get 421)" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static int serve_run(struct app *app, int argc, char **argv);

const struct cmd_entry cmd_serve_entry = {
	.name = "serve",
	.run = serve_run,
	.usage = "serve [--listen ADDR:PORT] [--db PATH] [--cert FILE "
		 "--key FILE]\n       [--require-login] [--hostname NAME]...",
	.summary = "run the web app in a browser (stop with Ctrl-C)",
	.flags = CMD_NEEDS_KB,
};

static int serve_run(struct app *app, int argc, char **argv)
{
	struct web_config cfg = { 0 };
	const char *names[WEB_MAX_HOSTNAMES + 1];
	struct web_server *server;
	struct cmd_getopt g;
	const char *arg;
	sigset_t stop;
	struct err e;
	int id, sig;

	cfg.db_path = app->db_path;
	cmd_getopt_init(&g, serve_options, false);
	while ((id = cmd_getopt_next(&g, app, "serve", argc, argv, &arg)) > 0) {
		switch (id) {
		case OPT_LISTEN:
			cfg.listen = arg;
			break;
		case OPT_DB:
			cfg.db_path = arg;
			break;
		case OPT_CERT:
			cfg.cert_path = arg;
			break;
		case OPT_KEY:
			cfg.key_path = arg;
			break;
		case OPT_REQUIRE_LOGIN:
			cfg.require_login = true;
			break;
		case OPT_HOSTNAME:
			if (cfg.n_hostnames >= WEB_MAX_HOSTNAMES)
				return cmd_usage_error(app, "serve",
						       "--hostname: at most %d "
						       "names",
						       WEB_MAX_HOSTNAMES);
			names[cfg.n_hostnames++] = arg;
			break;
		case OPT_HELP:
			cmd_print_help(stdout, app, &cmd_serve_entry,
				       serve_options);
			return EXIT_OK_;
		}
	}
	if (id < 0)
		return EXIT_USAGE;
	if (optind < argc)
		return cmd_usage_error(app, "serve", "unexpected argument '%s'",
				       argv[optind]);
	cfg.hostnames = names;
	err_clear(&e);
	cfg.kb = app_kb(app, &e);
	if (cfg.kb == NULL)
		return cmd_fail(app, "serve", &e);
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	server = web_server_start(&cfg, &e);
	if (server == NULL)
		return cmd_fail(app, "serve", &e);
	printf("runcare is serving on %s (Ctrl-C to stop)\n",
	       web_server_url(server));
	fflush(stdout);
	sigwait(&stop, &sig);
	web_server_stop(server);
	fprintf(stderr, "%s: serve: stopped\n", app->prog);
	return EXIT_OK_;
}
