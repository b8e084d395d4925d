/*
 * server.h - runcare's local web app: the one entry point the CLI uses.
 *
 * `runcare serve` fills a struct web_config, calls web_server_start() and
 * waits for SIGINT or SIGTERM (the CLI owns signals), then calls
 * web_server_stop(), which lets requests in progress finish before it
 * returns, so no write is cut off. The server runs its own threads on
 * libmicrohttpd; nothing here prints or exits.
 */
#ifndef RUNCARE_WEB_SERVER_H
#define RUNCARE_WEB_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct kb;

#define WEB_DEFAULT_LISTEN "127.0.0.1:8080"
#define WEB_MAX_HOSTNAMES 16

struct web_config {
	const char *listen;	/* "ADDR:PORT" or "[V6ADDR]:PORT"; NULL: default;
				   port 0 picks a free port */
	const char *db_path;	/* journal database, or NULL for the default */
	const char *cert_path;	/* PEM certificate for TLS, or NULL */
	const char *key_path;	/* PEM private key for TLS, or NULL */
	const struct kb *kb;	/* borrowed; must outlive the server */
	unsigned threads;	/* worker threads; 0: one per processor */
	bool require_login;	/* ask for an account even on loopback */
	const char *const *hostnames;	/* extra names of this server that
				   Host and Origin may carry (--hostname) */
	size_t n_hostnames;	/* at most WEB_MAX_HOSTNAMES */
	unsigned login_limit;	/* failed logins per hour, account and
				   address; 0: AUTH_PAIR_PER_HOUR (auth.h) */
	unsigned session_idle_s;	/* 0: AUTH_IDLE_S; lower only */
	unsigned session_max_s;		/* 0: AUTH_MAX_S; lower only */
};

struct web_server;

/*
 * Start serving. Returns an owned server (web_server_stop) or NULL with e
 * set: ERR_USAGE for a bad --listen address or a half TLS configuration,
 * ERR_USAGE also for a --hostname that is not a host name,
 * ERR_NOINPUT for an unreadable certificate or key, ERR_IO when the
 * address cannot be bound, ERR_CONFIG when a login is needed (an address
 * other than loopback, or require_login) but no account exists yet,
 * ERR_IO when the file of failed logins cannot be read or written.
 */
struct web_server *web_server_start(const struct web_config *cfg,
				    struct err *e);

/* The URL people open ("http://127.0.0.1:8080/"). Borrowed from s. */
const char *web_server_url(const struct web_server *s);

/* Stop accepting, finish requests in progress, free everything. */
void web_server_stop(struct web_server *s);

#endif
