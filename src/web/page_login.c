/*
 * page_login.c - signing in and out, here or everywhere at once (only
 * asked for when runcare listens beyond loopback, or with
 * --require-login; see auth.h).
 */
#include <stdio.h>
#include <string.h>

#include "web/auth.h"
#include "web/html.h"
#include "web/web.h"

static void login_form(struct web_req *rq, struct web_resp *rs,
		       const char *name, const char *error)
{
	struct strbuf *sb = &rs->body;

	page_begin(rq, rs, "Sign in", "/login");
	strbuf_addstr(sb, "<h1>Sign in</h1>");
	if (!rq->app->need_login) {
		strbuf_addstr(sb, "<p>This runcare only answers on this "
				  "computer, so no sign-in is needed.</p>");
		page_end(rq, rs);
		return;
	}
	if (rq->account[0] != '\0') {
		strbuf_addstr(sb, "<p>Signed in as <strong>");
		html_text(sb, rq->account);
		strbuf_addstr(sb, "</strong>.</p>");
	}
	if (error != NULL) {
		strbuf_addstr(sb, "<p class=\"error\" role=\"alert\">");
		html_text(sb, error);
		strbuf_addstr(sb, "</p>");
	}
	strbuf_addstr(sb, "<form method=\"post\" action=\"/login\" "
			  "class=\"card\">");
	page_form_hidden(rq, sb);
	strbuf_addf(sb, "<div class=\"field\"><label for=\"login-name\">"
		    "Account</label><input id=\"login-name\" name=\"name\" "
		    "required maxlength=\"%d\" autocomplete=\"username\" "
		    "autocapitalize=\"none\" value=\"", AUTH_NAME_MAX);
	html_attr(sb, name != NULL ? name : "");
	strbuf_addf(sb, "\"></div><div class=\"field\"><label for=\"login-pw\">"
		    "Password</label><input id=\"login-pw\" name=\"password\" "
		    "type=\"password\" required maxlength=\"%d\" "
		    "autocomplete=\"current-password\"></div><p><button "
		    "type=\"submit\" class=\"primary\">Sign in</button></p>"
		    "</form>", AUTH_PASSWORD_MAX);
	page_end(rq, rs);
}

void page_login(struct web_req *rq, struct web_resp *rs)
{
	login_form(rq, rs, NULL, NULL);
}

void page_login_post(struct web_req *rq, struct web_resp *rs)
{
	const char *name = form_get(&rq->form, "name");
	const char *pw = form_get(&rq->form, "password");
	char token[AUTH_TOKEN_CHARS], msg[160];
	unsigned wait = 0;

	if (!rq->app->need_login) {
		login_form(rq, rs, NULL, NULL);
		return;
	}
	if (name == NULL || pw == NULL) {
		rs->status = 400;
		login_form(rq, rs, name, "Give the account name and the "
					 "password.");
		return;
	}
	switch (auth_login(rq->app->auth, name, pw, rq->client, token,
			   &wait)) {
	case AUTH_OK:
		snprintf(rs->cookies[0], sizeof(rs->cookies[0]),
			 "%src_session=%s; Path=/; HttpOnly; SameSite=Strict; "
			 "Max-Age=%u%s", rq->app->cookie_prefix, token,
			 auth_max_s(rq->app->auth),
			 rq->app->tls ? "; Secure" : "");
		web_csrf_renew(rq, rs);
		rs->status = 303;
		snprintf(rs->location, sizeof(rs->location), "/");
		strbuf_addstr(&rs->body, "<!doctype html><title>Signed in"
				  "</title><p><a href=\"/\">Go on</a></p>");
		break;
	case AUTH_BAD:
		rs->status = 401;
		login_form(rq, rs, name, "Wrong account name or password.");
		break;
	case AUTH_LIMITED:
		rs->status = 429;
		rs->retry_after = wait;
		if (wait < 120)
			snprintf(msg, sizeof(msg), "Too many failed sign-ins "
				 "for this account from here. Wait %u "
				 "second%s, then try again.", wait,
				 wait == 1 ? "" : "s");
		else
			snprintf(msg, sizeof(msg), "Too many failed sign-ins "
				 "for this account from here. Wait %u "
				 "minutes, then try again.", (wait + 59) / 60);
		login_form(rq, rs, name, msg);
		break;
	case AUTH_BUSY:
		rs->status = 503;
		login_form(rq, rs, name, "Another sign-in is being checked. "
			   "Try again in a moment.");
		break;
	case AUTH_ERROR:
		web_error_page(rq, rs, 500, "The accounts file could not be "
					    "read.");
		break;
	}
}

/* Clear the session cookie, renew the nonce and go to the login page. */
static void signed_out(struct web_req *rq, struct web_resp *rs)
{
	snprintf(rs->cookies[0], sizeof(rs->cookies[0]),
		 "%src_session=; Path=/; HttpOnly; SameSite=Strict; "
		 "Max-Age=0%s", rq->app->cookie_prefix,
		 rq->app->tls ? "; Secure" : "");
	web_csrf_renew(rq, rs);
	rs->status = 303;
	snprintf(rs->location, sizeof(rs->location), "/login");
	strbuf_addstr(&rs->body, "<!doctype html><title>Signed out</title>"
			  "<p><a href=\"/login\">Sign in</a></p>");
}

void page_logout(struct web_req *rq, struct web_resp *rs)
{
	if (rq->app->auth != NULL && rq->session != NULL)
		auth_logout(rq->app->auth, rq->session);
	signed_out(rq, rs);
}

void page_logout_all(struct web_req *rq, struct web_resp *rs)
{
	if (rq->app->auth != NULL && rq->account[0] != '\0')
		auth_logout_all(rq->app->auth, rq->account);
	signed_out(rq, rs);
}
