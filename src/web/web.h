/*
 * web.h - what the files of the web module share (not used outside it).
 *
 * server.c turns each HTTP request into a struct web_req, finds its entry
 * in the route table (routes.c) and calls the handler, which fills a
 * struct web_resp. Handlers never see libmicrohttpd: only server.c
 * includes <microhttpd.h>. The state every request borrows is one struct
 * web_app, owned by the server and immutable while it runs.
 */
#ifndef RUNCARE_WEB_WEB_H
#define RUNCARE_WEB_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/strbuf.h"
#include "engine/engine.h"
#include "store/store.h"
#include "web/form.h"

#define WEB_SECRET_BYTES 32
#define WEB_TOKEN_CHARS 44	/* base64url of 32 bytes, plus NUL */

/* State shared by all requests; set up before the first one, then read-only. */
struct auth;

struct web_app {
	const struct kb *kb;		/* borrowed from the config */
	const char *db_path;		/* borrowed, may be NULL */
	bool tls;
	const char *cookie_prefix;	/* "__Host-" under TLS, else "" */
	unsigned char secret[WEB_SECRET_BYTES];	/* CSRF key, random per start */
	char brief_csp[256];	/* CSP of the brief: its inline style by hash */
	bool need_login;	/* not loopback, or login required */
	struct auth *auth;	/* login state (own lock), NULL if no login */
};

enum web_method { WEB_GET, WEB_POST };

/*
 * One request. Every pointer is borrowed from the server's per-request
 * storage and valid until the handler returns.
 */
struct web_req {
	const struct web_app *app;
	enum web_method method;
	const char *path;		/* raw path, without the query */
	struct form query;		/* fields of ?a=b&c=d */
	struct form form;		/* fields of the body (POST) */
	const char *person;		/* ?person= or the form's person, or "" */
	bool csrf_ok;			/* a POST carried a valid token */
	char csrf[WEB_TOKEN_CHARS];	/* the token to put into forms */
	const char *session;		/* the session cookie, or NULL */
	char account[72];		/* signed-in account, or "" */
	char client[48];		/* client address (IPv6: its /64) */
};

#define WEB_MAX_COOKIES 2

/*
 * What a handler answers. body is owned by the response (the server sends
 * and frees it). status 0 means 200.
 */
struct web_resp {
	int status;
	const char *content_type;	/* static string; NULL: text/html */
	struct strbuf body;
	bool cacheable;			/* static asset: may be cached */
	const char *csp;		/* static string; NULL: the default */
	char location[512];		/* redirect target for 303, or "" */
	char cookies[2][200];		/* Set-Cookie values, or "" */
	const char *allow;		/* static Allow value of a 405, or NULL */
	unsigned retry_after;		/* seconds for Retry-After, or 0 */
};

typedef void web_handler(struct web_req *rq, struct web_resp *rs);

enum web_route_flags {
	ROUTE_FORM = 1 << 0,		/* body is urlencoded */
	ROUTE_MULTIPART = 1 << 1,	/* body is multipart/form-data */
	ROUTE_PUBLIC = 1 << 2,		/* open without signing in */
};

struct web_route {
	enum web_method method;
	const char *path;
	web_handler *handler;
	size_t max_body;		/* largest body accepted, bytes */
	unsigned flags;
};

/*
 * Find the route for method and path. Returns it, or NULL; *path_known is
 * set when the path exists with another method (405 rather than 404).
 */
const struct web_route *web_route_find(enum web_method method,
				       const char *path, size_t len,
				       bool *path_known);

/* Replace the pre-session nonce cookie (rs->cookies[1]) with a fresh one:
 * at sign-in and sign-out, so a nonce known before does not carry over. */
void web_csrf_renew(struct web_req *rq, struct web_resp *rs);

/* Fill rs with the one error page of runcare: status and a message in
 * plain words (escaped here). */
void web_error_page(struct web_req *rq, struct web_resp *rs, int status,
		    const char *message);

/* ---- Typed form fields and the journal (fields.c) ---- */

/*
 * A whole number lo..hi (or a number, or a YYYY-MM-DD date) from field
 * name; an empty or missing field gives unset (today for a date). Returns
 * 0, or -1 with e naming the field by words.
 */
int web_field_int(const struct form *f, const char *name, const char *words,
		  int lo, int hi, int unset, int *out, struct err *e);
int web_field_num(const struct form *f, const char *name, const char *words,
		  double lo, double hi, double unset, double *out,
		  struct err *e);
int web_field_date(const struct form *f, const char *name, int32_t *out,
		   struct err *e);

/* Open the journal (owned: store_close), or answer with the error page
 * and return NULL. */
struct store *web_store_open(struct web_req *rq, struct web_resp *rs);

/*
 * The request's person (?person= or the only one; created when create is
 * set and the journal is empty). On failure answers rs (a redirect to the
 * people page when nobody is chosen) and returns -1.
 */
int web_person(struct web_req *rq, struct web_resp *rs, struct store *st,
	       bool create, struct store_person *out);

/* ---- Page layout (page.c) ---- */

/* Open a page: doctype, head with title, the site header with its
 * navigation (current marks the active entry) and the person chooser. */
void page_begin(struct web_req *rq, struct web_resp *rs, const char *title,
		const char *current);
/* Close the page opened by page_begin. */
void page_end(struct web_req *rq, struct web_resp *rs);
/* A hidden CSRF field and the person, for every POST form. */
void page_form_hidden(struct web_req *rq, struct strbuf *sb);
/* Append "?person=NAME" (or nothing) to a URL being written in an
 * attribute; first says whether the query starts here. */
void page_person_query(struct web_req *rq, struct strbuf *sb, bool first);

/* The result page for an intake and the engine's answer (page_result.c);
 * chosen is the body-map region the person pointed at, or NULL. */
void page_result(struct web_req *rq, struct web_resp *rs,
		 const struct intake *in, const struct result *r,
		 const enum region *chosen);

/* ---- Handlers (page_*.c) ---- */
web_handler page_intake;
web_handler page_check;
web_handler page_asset_css;
web_handler page_asset_js;
web_handler page_favicon;
web_handler page_people;
web_handler page_people_add;
web_handler page_journal;
web_handler page_journal_add;
web_handler page_journal_edit;
web_handler page_journal_update;
web_handler page_journal_delete;
web_handler page_status;
web_handler page_import;
web_handler page_import_post;
web_handler page_login;
web_handler page_login_post;
web_handler page_logout;
web_handler page_logout_all;
web_handler page_brief;

#endif
