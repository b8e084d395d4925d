/*
 * server.c - runcare's HTTP server on libmicrohttpd (see server.h).
 *
 * This is the only file that includes <microhttpd.h>. It sets every
 * resource limit of the library explicitly, collects each request body
 * itself (up to the route's limit) and hands it to runcare's own form
 * parsers, checks the CSRF token of every POST, calls the route's handler
 * and sends its answer with the same security headers on every response.
 *
 * Per request, a struct request (allocated when the URI arrives, freed
 * when the request completes) holds the raw URI, the route and the body.
 * The struct web_server owns the daemon and the read-only struct web_app
 * that handlers borrow; there is no global state.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "core/xmalloc.h"
#include "web/auth.h"
#include "web/brief.h"
#include "web/web.h"

/* Resource limits, all set explicitly when the daemon starts. */
#define WEB_CONNECTION_TIMEOUT_S 15	/* idle connection is closed */
#define WEB_CONNECTION_LIMIT 1000	/* open connections in total */
#define WEB_PER_IP_LIMIT 200		/* open connections per address */
#define WEB_CONNECTION_MEMORY (64 * 1024)	/* per connection, headers */
#define WEB_MEMORY_INCREMENT 4096
#define WEB_LISTEN_BACKLOG 512
#define WEB_THREAD_STACK (512 * 1024)
#define WEB_MAX_THREADS 16
#define WEB_PEM_MAX (256 * 1024)
#define WEB_QUERY_LIMITS { .max_fields = 16, .max_name = 32, .max_value = 256 }

#define CSRF_COOKIE "rc_csrf"
#define SESSION_COOKIE "rc_session"
#define CSRF_NONCE_BYTES 16
#define CSRF_NONCE_CHARS 23	/* base64url of 16 bytes, plus NUL */

static const char default_csp[] =
	"default-src 'none'; script-src 'self'; style-src 'self'; "
	"img-src 'self' data:; connect-src 'self'; form-action 'self'; "
	"frame-ancestors 'none'; base-uri 'none'";

/* TLS 1.2 and 1.3 only, AEAD ciphers only (no CBC, no SHA-1 MACs). */
static const char web_tls_priorities[] =
	"SECURE256:+SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:"
	"-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:+CHACHA20-POLY1305:"
	"-MAC-ALL:+AEAD:%SAFE_RENEGOTIATION";

struct web_server {
	struct MHD_Daemon *daemon;
	struct web_app app;
	char url[300];
	char *cert, *key;	/* PEM text, owned */
	char hosts[WEB_MAX_HOSTNAMES + 4][256];	/* names Host may carry */
	size_t n_hosts;
	unsigned port;		/* the bound port */
};

/* Per-request state; see the file comment. */
struct request {
	char *uri;			/* owned raw URI, query parsed in place */
	const struct web_route *route;
	enum web_method method;
	bool started;
	bool too_large;
	struct strbuf body;
};

/* ---- Responses ---- */

static void add_header(struct MHD_Response *r, const char *name,
		       const char *value)
{
	/* Only fails for a name or value with a newline: ours have none. */
	(void)MHD_add_response_header(r, name, value);
}

static enum MHD_Result send_resp(struct MHD_Connection *conn,
				 const struct web_server *s,
				 struct web_resp *rs, const char *cookie)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len;
	char *body = strbuf_detach(&rs->body, &len);
	int status = rs->status ? rs->status : 200;

	r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(body);
		return MHD_NO;
	}
	add_header(r, "Content-Type", rs->content_type
		   ? rs->content_type : "text/html; charset=utf-8");
	add_header(r, "Content-Security-Policy",
		   rs->csp ? rs->csp : default_csp);
	add_header(r, "X-Content-Type-Options", "nosniff");
	add_header(r, "Referrer-Policy", "same-origin");
	add_header(r, "X-Frame-Options", "DENY");
	add_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	add_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	add_header(r, "Permissions-Policy",
		   "camera=(), microphone=(), geolocation=()");
	add_header(r, "Cache-Control", rs->cacheable
		   ? "public, max-age=3600" : "no-store");
	if (s->app.tls)
		add_header(r, "Strict-Transport-Security", "max-age=31536000");
	if (rs->location[0] != '\0')
		add_header(r, "Location", rs->location);
	if (rs->allow != NULL)
		add_header(r, "Allow", rs->allow);
	if (rs->retry_after > 0) {
		char secs[16];

		snprintf(secs, sizeof(secs), "%u", rs->retry_after);
		add_header(r, "Retry-After", secs);
	}
	if (cookie != NULL)
		add_header(r, "Set-Cookie", cookie);
	for (size_t i = 0; i < WEB_MAX_COOKIES; i++)
		if (rs->cookies[i][0] != '\0')
			add_header(r, "Set-Cookie", rs->cookies[i]);
	ret = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	return ret;
}

static void resp_init(struct web_resp *rs)
{
	rs->status = 0;
	rs->content_type = NULL;
	strbuf_init(&rs->body, 0);
	rs->cacheable = false;
	rs->csp = NULL;
	rs->location[0] = '\0';
	rs->allow = NULL;
	rs->retry_after = 0;
	for (size_t i = 0; i < WEB_MAX_COOKIES; i++)
		rs->cookies[i][0] = '\0';
}

/* ---- CSRF: a token signed over the session or a nonce cookie ---- */

/* The cookie's name as sent: "__Host-" in front under TLS, so no other
 * host or plain-HTTP page can plant it. Borrowed static strings. */
static const char *s_cookie(const struct web_app *app, const char *name)
{
	if (!app->tls)
		return name;
	return strcmp(name, CSRF_COOKIE) == 0 ? "__Host-" CSRF_COOKIE
					      : "__Host-" SESSION_COOKIE;
}

static bool valid_nonce(const char *v)
{
	size_t n = 0;

	if (v == NULL)
		return false;
	for (; v[n] != '\0'; n++)
		if (!((v[n] >= 'A' && v[n] <= 'Z') ||
		      (v[n] >= 'a' && v[n] <= 'z') ||
		      (v[n] >= '0' && v[n] <= '9') || v[n] == '-' ||
		      v[n] == '_'))
			return false;
	return n == CSRF_NONCE_CHARS - 1;
}

/*
 * The form token: base64url(HMAC(secret, what || 0 || value)), where
 * value is the session token once signed in ("session") and the
 * pre-session nonce before ("nonce"). The label keeps the two apart.
 */
static void csrf_token(const struct web_app *app, const char *what,
		       const char *value, char out[WEB_TOKEN_CHARS])
{
	unsigned char mac[crypto_auth_hmacsha512256_BYTES];
	crypto_auth_hmacsha512256_state st;

	crypto_auth_hmacsha512256_init(&st, app->secret, sizeof(app->secret));
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)what,
					 strlen(what) + 1);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)value,
					 strlen(value));
	crypto_auth_hmacsha512256_final(&st, mac);
	sodium_bin2base64(out, WEB_TOKEN_CHARS, mac, sizeof(mac),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* A fresh nonce into fresh and its Set-Cookie value into cookie. */
static void csrf_new_nonce(const struct web_app *app,
			   char fresh[CSRF_NONCE_CHARS], char *cookie,
			   size_t cookie_size)
{
	unsigned char raw[CSRF_NONCE_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(fresh, CSRF_NONCE_CHARS, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(cookie, cookie_size,
		 "%s" CSRF_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s",
		 app->cookie_prefix, fresh, app->tls ? "; Secure" : "");
}

void web_csrf_renew(struct web_req *rq, struct web_resp *rs)
{
	char fresh[CSRF_NONCE_CHARS];

	csrf_new_nonce(rq->app, fresh, rs->cookies[1], sizeof(rs->cookies[1]));
}

/*
 * Work out the request's token: bound to the session when rq has a live
 * one, else to the nonce cookie. A visitor with neither a session nor a
 * valid nonce gets a fresh nonce (written to cookie as a Set-Cookie
 * value), and no POST of theirs passes.
 */
static void csrf_setup(struct MHD_Connection *conn, const struct web_app *app,
		       struct web_req *rq, char *cookie, size_t cookie_size,
		       bool *set_cookie)
{
	const char *nonce = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND,
							s_cookie(app, CSRF_COOKIE));
	char fresh[CSRF_NONCE_CHARS];
	const char *sent;

	*set_cookie = false;
	rq->csrf_ok = false;
	if (rq->account[0] != '\0' && rq->session != NULL) {
		csrf_token(app, "session", rq->session, rq->csrf);
	} else {
		if (!valid_nonce(nonce)) {
			csrf_new_nonce(app, fresh, cookie, cookie_size);
			*set_cookie = true;
			nonce = fresh;
		}
		csrf_token(app, "nonce", nonce, rq->csrf);
	}
	if (rq->method != WEB_POST || *set_cookie)
		return;
	sent = form_get(&rq->form, "csrf");
	rq->csrf_ok = sent != NULL && strlen(sent) == WEB_TOKEN_CHARS - 1 &&
		      sodium_memcmp(sent, rq->csrf, WEB_TOKEN_CHARS - 1) == 0;
}

/* ---- Host and Origin: only this server's own names ---- */

/*
 * Whether hostport ("name", "name:port", "[v6]:port", len bytes) is one
 * of the server's names, with the bound port if a port is given. This is
 * what stops DNS rebinding: a page on a foreign name that resolves here
 * still sends its own name in Host.
 */
static bool host_ok(const struct web_server *s, const char *hp, size_t len)
{
	size_t hlen;
	unsigned long port;
	char digits[8];

	if (hp[0] == '[') {
		const char *close = memchr(hp, ']', len);

		if (close == NULL)
			return false;
		hlen = (size_t)(close - hp) + 1;
	} else {
		const char *colon = memchr(hp, ':', len);

		hlen = colon != NULL ? (size_t)(colon - hp) : len;
	}
	if (hlen < len) {
		size_t plen = len - hlen - 1;
		char *end;

		if (hp[hlen] != ':' || plen == 0 || plen >= sizeof(digits) ||
		    hp[hlen + 1] < '0' || hp[hlen + 1] > '9')
			return false;
		memcpy(digits, hp + hlen + 1, plen);
		digits[plen] = '\0';
		port = strtoul(digits, &end, 10);
		if (*end != '\0' || port != s->port)
			return false;
	}
	for (size_t i = 0; i < s->n_hosts; i++)
		if (strlen(s->hosts[i]) == hlen &&
		    strncasecmp(s->hosts[i], hp, hlen) == 0)
			return true;
	return false;
}

/*
 * Whether a POST's Origin (or its Referer when Origin is absent) names
 * this server. A request with neither comes from a program, not from a
 * page in a browser, and is left to the CSRF token.
 */
static bool origin_ok(struct MHD_Connection *conn, const struct web_server *s)
{
	const char *scheme = s->app.tls ? "https://" : "http://";
	size_t slen = strlen(scheme);
	const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						    "Origin");
	bool referer = false;

	if (v == NULL) {
		v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						"Referer");
		referer = true;
	}
	if (v == NULL)
		return true;
	if (strncmp(v, scheme, slen) != 0)
		return false;
	v += slen;
	if (referer) {
		size_t n = strcspn(v, "/?#");

		return (v[n] == '/' || v[n] == '\0') && host_ok(s, v, n);
	}
	return host_ok(s, v, strlen(v));
}

/* A name --hostname may add: letters, digits, dots and dashes. */
static bool valid_hostname(const char *h)
{
	size_t n = strlen(h);

	if (n == 0 || n > 253 || h[0] == '.' || h[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((h[i] >= 'a' && h[i] <= 'z') ||
		      (h[i] >= 'A' && h[i] <= 'Z') ||
		      (h[i] >= '0' && h[i] <= '9') || h[i] == '.' ||
		      h[i] == '-'))
			return false;
	return true;
}

static void add_host(struct web_server *s, const char *name)
{
	if (s->n_hosts < sizeof(s->hosts) / sizeof(s->hosts[0]))
		snprintf(s->hosts[s->n_hosts++], sizeof(s->hosts[0]), "%s",
			 name);
}

/* ---- Requests ---- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct request *r = xcalloc(1, sizeof(*r));

	(void)cls;
	(void)conn;
	r->uri = xstrdup(uri);
	strbuf_init(&r->body, 0);
	return r;
}

static void on_completed(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct request *r = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (r == NULL)
		return;
	strbuf_release(&r->body);
	free(r->uri);
	free(r);
	*con_cls = NULL;
}

/* Answer at once with the error page (used before the body is read). */
static enum MHD_Result send_error_allow(struct MHD_Connection *conn,
					struct web_server *s,
					struct web_req *rq, int status,
					const char *message, const char *allow)
{
	struct web_resp rs;
	enum MHD_Result ret;

	resp_init(&rs);
	web_error_page(rq, &rs, status, message);
	rs.allow = allow;
	ret = send_resp(conn, s, &rs, NULL);
	strbuf_release(&rs.body);
	return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *conn,
				  struct web_server *s, struct web_req *rq,
				  int status, const char *message)
{
	return send_error_allow(conn, s, rq, status, message, NULL);
}

/* The Allow header of a 405 for the path (plen bytes of uri). */
static const char *allowed_methods(const char *uri, size_t plen)
{
	bool known;
	bool get = web_route_find(WEB_GET, uri, plen, &known) != NULL;
	bool post = web_route_find(WEB_POST, uri, plen, &known) != NULL;

	return get && post ? "GET, HEAD, POST" : post ? "POST"
		: get ? "GET, HEAD" : NULL;
}

/* Set every field but the forms' field arrays, which form_init empties
 * (clearing 10 KB per request would cost more than the page). */
static void req_init(struct web_req *rq, const struct web_app *app)
{
	rq->app = app;
	rq->method = WEB_GET;
	rq->path = "/";
	form_init(&rq->query);
	form_init(&rq->form);
	rq->person = "";
	rq->csrf_ok = false;
	rq->csrf[0] = '\0';
	rq->session = NULL;
	rq->account[0] = '\0';
	rq->client[0] = '\0';
}

/*
 * The client's address as sign-in failures are counted: IPv4 as text,
 * IPv6 by its /64 network (one host usually holds a whole /64), an IPv4
 * address mapped into IPv6 as IPv4. "" when unknown.
 */
static void client_address(struct MHD_Connection *conn, char *out,
			   size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci != NULL ? ci->client_addr : NULL;
	char text[INET6_ADDRSTRLEN];

	out[0] = '\0';
	if (sa != NULL && sa->sa_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
			  out, (socklen_t)size);
	} else if (sa != NULL && sa->sa_family == AF_INET6) {
		struct in6_addr a = ((const struct sockaddr_in6 *)sa)->sin6_addr;

		if (IN6_IS_ADDR_V4MAPPED(&a)) {
			inet_ntop(AF_INET, &a.s6_addr[12], out,
				  (socklen_t)size);
			return;
		}
		memset(&a.s6_addr[8], 0, 8);
		if (inet_ntop(AF_INET6, &a, text, sizeof(text)) != NULL)
			snprintf(out, size, "%.40s/64", text);
	}
}

/* Not signed in: pages send the person to the login, forms are refused. */
static void login_first(struct web_req *rq, struct web_resp *rs)
{
	if (rq->method == WEB_GET) {
		rs->status = 303;
		snprintf(rs->location, sizeof(rs->location), "/login");
		strbuf_addstr(&rs->body, "<!doctype html><title>Sign in</title>"
				  "<p><a href=\"/login\">Sign in</a></p>");
		return;
	}
	web_error_page(rq, rs, 403, "Sign in first, then send the form "
				    "again.");
}

/* First call for a request: pick the route and refuse early what we can. */
static enum MHD_Result start_request(struct MHD_Connection *conn,
				     struct web_server *s, struct request *r,
				     const char *method)
{
	struct web_req rq;
	bool path_known = false;
	size_t plen = strcspn(r->uri, "?");
	const char *cl, *host, *te;

	req_init(&rq, &s->app);	/* only for an error page; cheap */
	r->started = true;
	host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					   MHD_HTTP_HEADER_HOST);
	if (host == NULL || !host_ok(s, host, strlen(host)))
		return send_error(conn, s, &rq, 421,
				  "This server does not answer to that name. "
				  "Open it by its own address.");
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		r->method = WEB_GET;
	else if (strcmp(method, "POST") == 0)
		r->method = WEB_POST;
	else
		return send_error_allow(conn, s, &rq, 405,
					"This address only answers GET and "
					"POST.", allowed_methods(r->uri, plen));
	r->route = web_route_find(r->method, r->uri, plen, &path_known);
	if (r->route == NULL && path_known)
		return send_error_allow(conn, s, &rq, 405,
					"This page does not accept that kind "
					"of request.",
					allowed_methods(r->uri, plen));
	if (r->route == NULL)
		return send_error(conn, s, &rq, 404,
				  "There is no page at this address.");
	/* Off loopback, a visitor without a session gets nothing read: no
	 * upload is buffered for someone who has not signed in. */
	if (s->app.need_login && !(r->route->flags & ROUTE_PUBLIC)) {
		const char *tok = MHD_lookup_connection_value(
			conn, MHD_COOKIE_KIND,
			s_cookie(&s->app, SESSION_COOKIE));

		if (tok == NULL || !auth_session(s->app.auth, tok, rq.account)) {
			struct web_resp rs;
			enum MHD_Result ret;

			rq.method = r->method;
			resp_init(&rs);
			login_first(&rq, &rs);
			ret = send_resp(conn, s, &rs, NULL);
			strbuf_release(&rs.body);
			return ret;
		}
	}
	te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_TRANSFER_ENCODING);
	if (te != NULL && strcasecmp(te, "chunked") != 0)
		return send_error(conn, s, &rq, 400,
				  "The request's Transfer-Encoding is not "
				  "one this server reads (only chunked).");
	if (r->method == WEB_POST && !origin_ok(conn, s))
		return send_error(conn, s, &rq, 403,
				  "This form was sent from another site.");
	cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL && strtoull(cl, NULL, 10) > r->route->max_body)
		return send_error(conn, s, &rq, 413,
				  "What was sent is larger than this page "
				  "accepts.");
	return MHD_YES;
}

/* Parse the query string (in place, inside r->uri) and the body. */
static int parse_input(struct MHD_Connection *conn, struct request *r,
		       struct web_req *rq, struct err *e)
{
	static const struct form_limits qlim = WEB_QUERY_LIMITS;
	char *q = strchr(r->uri, '?');
	const char *ct;
	struct form_limits blim = { 0 };

	r->uri[strcspn(r->uri, "?")] = '\0';
	rq->path = r->uri;
	if (q != NULL && form_parse_urlencoded(&rq->query, q + 1,
					       strlen(q + 1), &qlim, e) < 0)
		return err_prefix(e, "address: ");
	if (r->method != WEB_POST)
		return 0;
	ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_CONTENT_TYPE);
	if (r->route->flags & ROUTE_MULTIPART) {
		blim.max_file = r->route->max_body;
		blim.max_fields = 64;
		return form_parse_multipart(&rq->form, ct, r->body.buf,
					    r->body.len, &blim, e);
	}
	if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded",
				      33) != 0)
		return err_set(e, ERR_DATA,
			       "the form was not sent as a web form");
	return form_parse_urlencoded(&rq->form, r->body.buf, r->body.len,
				     &blim, e);
}

static enum MHD_Result finish_request(struct MHD_Connection *conn,
				      struct web_server *s, struct request *r)
{
	struct web_req rq;
	struct web_resp rs;
	char cookie[160];
	bool set_cookie = false;
	enum MHD_Result ret;
	struct err e;

	req_init(&rq, &s->app);
	rq.method = r->method;
	resp_init(&rs);
	err_clear(&e);
	if (r->too_large) {
		web_error_page(&rq, &rs, 413, "What was sent is larger than "
				"this page accepts.");
	} else if (parse_input(conn, r, &rq, &e) < 0) {
		char msg[ERR_MSG_MAX + 64];

		snprintf(msg, sizeof(msg), "The request could not be read: %s.",
			 e.msg);
		web_error_page(&rq, &rs, 400, msg);
	} else {
		const char *p = form_get(&rq.form, "person");

		if (p == NULL)
			p = form_get(&rq.query, "person");
		rq.person = p != NULL ? p : "";
		client_address(conn, rq.client, sizeof(rq.client));
		rq.session = MHD_lookup_connection_value(
			conn, MHD_COOKIE_KIND, s_cookie(&s->app, SESSION_COOKIE));
		if (s->app.auth != NULL && rq.session != NULL &&
		    !auth_session(s->app.auth, rq.session, rq.account))
			rq.account[0] = '\0';
		csrf_setup(conn, &s->app, &rq, cookie, sizeof(cookie),
			   &set_cookie);
		if (rq.method == WEB_POST && !rq.csrf_ok)
			web_error_page(&rq, &rs, 403,
				       "This form has expired or did not come "
				       "from this runcare. Go back, reload the "
				       "page and send it again.");
		else if (s->app.need_login && rq.account[0] == '\0' &&
			 !(r->route->flags & ROUTE_PUBLIC))
			login_first(&rq, &rs);
		else
			r->route->handler(&rq, &rs);
	}
	ret = send_resp(conn, s, &rs, set_cookie ? cookie : NULL);
	strbuf_release(&rs.body);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct web_server *s = cls;
	struct request *r = *con_cls;

	(void)url;
	(void)version;
	if (r == NULL)
		return MHD_NO;	/* the URI callback always sets it */
	if (!r->started)
		return start_request(conn, s, r, method);
	if (*upload_size != 0) {
		/* Past the limit, the rest is read and dropped; the answer
		 * is a 413 once the body is over. */
		if (r->too_large ||
		    r->body.len + *upload_size > r->route->max_body) {
			r->too_large = true;
			strbuf_release(&r->body);
		} else {
			strbuf_add(&r->body, upload, *upload_size);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return finish_request(conn, s, r);
}

/* ---- Start and stop ---- */

static int parse_port(const char *s, unsigned *port)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > 65535)
		return -1;
	*port = (unsigned)v;
	return 0;
}

/* Parse "ADDR:PORT" or "[V6]:PORT" into ss. */
static int parse_listen(const char *spec, struct sockaddr_storage *ss,
			bool *v6, struct err *e)
{
	char host[64];
	const char *colon;
	unsigned port;
	size_t hlen;

	memset(ss, 0, sizeof(*ss));
	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');

		if (close == NULL || close[1] != ':')
			goto bad;
		hlen = (size_t)(close - spec - 1);
		if (hlen >= sizeof(host))
			goto bad;
		memcpy(host, spec + 1, hlen);
		colon = close + 1;
	} else {
		colon = strrchr(spec, ':');
		if (colon == NULL)
			goto bad;
		hlen = (size_t)(colon - spec);
		if (hlen >= sizeof(host))
			goto bad;
		memcpy(host, spec, hlen);
	}
	host[hlen] = '\0';
	if (parse_port(colon + 1, &port) < 0)
		return err_set(e, ERR_USAGE, "--listen %s: bad port", spec);
	if (strcmp(host, "localhost") == 0)
		strcpy(host, "127.0.0.1");
	*v6 = spec[0] == '[';
	if (*v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
			goto bad;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
			goto bad;
	}
	return 0;
bad:
	return err_set(e, ERR_USAGE,
		       "--listen %s: expected ADDRESS:PORT, such as "
		       "127.0.0.1:8080 or [::1]:8080", spec);
}

static char *read_pem(const char *path, const char *what, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "rb");
	char buf[4096];
	size_t n;

	if (f == NULL) {
		err_set(e, ERR_NOINPUT, "%s %s: %s", what, path,
			strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		strbuf_add(&sb, buf, n);
		if (sb.len > WEB_PEM_MAX) {
			err_set(e, ERR_DATA, "%s %s: larger than %d bytes",
				what, path, WEB_PEM_MAX);
			goto fail;
		}
	}
	if (ferror(f)) {
		err_set(e, ERR_IO, "%s %s: read failed", what, path);
		goto fail;
	}
	fclose(f);
	return strbuf_detach(&sb, NULL);
fail:
	fclose(f);
	strbuf_release(&sb);
	return NULL;
}

/* The brief's CSP allows its one inline stylesheet by SHA-256 hash. */
static void brief_policy(struct web_app *app)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char b64[64];
	const char *css = brief_css();

	crypto_hash_sha256(hash, (const unsigned char *)css, strlen(css));
	sodium_bin2base64(b64, sizeof(b64), hash, sizeof(hash),
			  sodium_base64_VARIANT_ORIGINAL);
	snprintf(app->brief_csp, sizeof(app->brief_csp),
		 "default-src 'none'; style-src 'sha256-%s'; img-src data:; "
		 "form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
		 b64);
}

static bool is_loopback(const struct sockaddr_storage *ss, bool v6)
{
	if (v6)
		return IN6_IS_ADDR_LOOPBACK(
			&((const struct sockaddr_in6 *)ss)->sin6_addr);
	return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >>
		24) == 127;
}

/* Logins: needed off loopback, and then at least one account must exist. */
static int setup_login(struct web_server *s, const struct web_config *cfg,
		       const struct sockaddr_storage *ss, bool v6,
		       struct err *e)
{
	struct strbuf path = STRBUF_INIT;
	int n, rc = -1;

	s->app.need_login = cfg->require_login || !is_loopback(ss, v6);
	if (!s->app.need_login)
		return 0;
	if (auth_accounts_path(cfg->db_path, &path, e) < 0)
		goto done;
	n = auth_user_count(path.buf, e);
	if (n < 0)
		goto done;
	if (n == 0) {
		err_set(e, ERR_CONFIG, "serving on %s needs an account first: "
			"runcare user add NAME", cfg->listen ? cfg->listen
			: WEB_DEFAULT_LISTEN);
		goto done;
	}
	s->app.auth = auth_new(path.buf, &(struct auth_limits){
		.failures_per_hour = cfg->login_limit,
		.idle_s = cfg->session_idle_s, .max_s = cfg->session_max_s }, e);
	if (s->app.auth != NULL)
		rc = 0;
done:
	strbuf_release(&path);
	return rc;
}

/* The names Host may carry: the listen address, the loopback names when
 * serving on loopback, and every --hostname. */
static int setup_hosts(struct web_server *s, const struct web_config *cfg,
		       const struct sockaddr_storage *ss, bool v6,
		       struct err *e)
{
	char addr[INET6_ADDRSTRLEN], name[INET6_ADDRSTRLEN + 2];

	if (cfg->n_hostnames > WEB_MAX_HOSTNAMES)
		return err_set(e, ERR_USAGE, "--hostname: at most %d names",
			       WEB_MAX_HOSTNAMES);
	if (v6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr,
			  addr, sizeof(addr));
	else
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr,
			  addr, sizeof(addr));
	snprintf(name, sizeof(name), v6 ? "[%s]" : "%s", addr);
	add_host(s, name);
	if (is_loopback(ss, v6)) {
		add_host(s, "localhost");
		add_host(s, "127.0.0.1");
		add_host(s, "[::1]");
	}
	for (size_t i = 0; i < cfg->n_hostnames; i++) {
		if (!valid_hostname(cfg->hostnames[i]))
			return err_set(e, ERR_USAGE, "--hostname %s: not a host "
				       "name (letters, digits, dots and "
				       "dashes)", cfg->hostnames[i]);
		add_host(s, cfg->hostnames[i]);
	}
	return 0;
}

static unsigned thread_count(const struct web_config *cfg)
{
	long n = cfg->threads ? (long)cfg->threads
			      : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > WEB_MAX_THREADS)
		n = WEB_MAX_THREADS;
	return (unsigned)n;
}

static void make_url(struct web_server *s)
{
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info != NULL ? info->port : 0;

	/* hosts[0] is the listen address, as Host writes it */
	s->port = port;
	snprintf(s->url, sizeof(s->url), "%s://%s:%u/",
		 s->app.tls ? "https" : "http", s->hosts[0], port);
}

struct web_server *web_server_start(const struct web_config *cfg,
				    struct err *e)
{
	struct web_server *s;
	struct sockaddr_storage ss;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			 MHD_USE_TURBO | MHD_USE_ITC;
	bool v6 = false;

	if (sodium_init() < 0) {
		err_set(e, ERR_SOFTWARE, "cannot initialise libsodium");
		return NULL;
	}
	if (parse_listen(cfg->listen ? cfg->listen : WEB_DEFAULT_LISTEN, &ss,
			 &v6, e) < 0)
		return NULL;
	if ((cfg->cert_path == NULL) != (cfg->key_path == NULL)) {
		err_set(e, ERR_USAGE, "--cert and --key go together");
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->app.kb = cfg->kb;
	s->app.db_path = cfg->db_path;
	s->app.cookie_prefix = "";
	randombytes_buf(s->app.secret, sizeof(s->app.secret));
	brief_policy(&s->app);
	if (setup_login(s, cfg, &ss, v6, e) < 0)
		goto fail;
	if (cfg->cert_path != NULL) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			err_set(e, ERR_CONFIG,
				"this libmicrohttpd was built without TLS");
			goto fail;
		}
		s->cert = read_pem(cfg->cert_path, "--cert", e);
		if (s->cert == NULL)
			goto fail;
		s->key = read_pem(cfg->key_path, "--key", e);
		if (s->key == NULL)
			goto fail;
		s->app.tls = true;
		s->app.cookie_prefix = "__Host-";
		flags |= MHD_USE_TLS;
	}
	if (v6)
		flags |= MHD_USE_IPv6;
	if (setup_hosts(s, cfg, &ss, v6, e) < 0)
		goto fail;
	s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_CONNECTION_TIMEOUT,
			(unsigned)WEB_CONNECTION_TIMEOUT_S,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONNECTION_LIMIT,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)WEB_PER_IP_LIMIT,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT,
			(size_t)WEB_CONNECTION_MEMORY,
		MHD_OPTION_CONNECTION_MEMORY_INCREMENT,
			(size_t)WEB_MEMORY_INCREMENT,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)WEB_LISTEN_BACKLOG,
		MHD_OPTION_THREAD_POOL_SIZE, thread_count(cfg),
		MHD_OPTION_THREAD_STACK_SIZE, (size_t)WEB_THREAD_STACK,
		MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		/* The TLS options come last: without TLS the list ends here,
		 * because the library refuses them on a plain daemon. */
		s->app.tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, s->key,
		MHD_OPTION_HTTPS_MEM_CERT, s->cert,
		MHD_OPTION_HTTPS_PRIORITIES, web_tls_priorities,
		MHD_OPTION_END);
	if (s->daemon == NULL) {
		err_set(e, ERR_IO, "cannot listen on %s%s",
			cfg->listen ? cfg->listen : WEB_DEFAULT_LISTEN,
			s->app.tls ? " (or the certificate and key do not "
				     "match)" : " (address in use?)");
		goto fail;
	}
	make_url(s);
	return s;
fail:
	auth_free(s->app.auth);
	free(s->cert);
	free(s->key);
	free(s);
	return NULL;
}

const char *web_server_url(const struct web_server *s)
{
	return s->url;
}

/* How long a stop waits for open requests to be answered. */
#define WEB_STOP_GRACE_MS 2000

void web_server_stop(struct web_server *s)
{
	MHD_socket listen_fd;

	if (s == NULL)
		return;
	/*
	 * Stop accepting first, then give the requests under way time to
	 * send their answers: a write that was done is also acknowledged.
	 * Idle keep-alive connections would wait for ever, hence the bound.
	 */
	listen_fd = MHD_quiesce_daemon(s->daemon);
	if (listen_fd != MHD_INVALID_SOCKET)
		close(listen_fd);
	for (int waited = 0; waited < WEB_STOP_GRACE_MS; waited += 20) {
		const union MHD_DaemonInfo *info = MHD_get_daemon_info(
			s->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);

		if (info == NULL || info->num_connections == 0)
			break;
		usleep(20 * 1000);
	}
	MHD_stop_daemon(s->daemon);
	auth_free(s->app.auth);
	sodium_memzero(s->app.secret, sizeof(s->app.secret));
	free(s->cert);
	free(s->key);
	free(s);
}
