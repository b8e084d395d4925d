/*
 * routes.c - the route table of the web app: {method, path, handler}.
 *
 * server.c looks every request up here. Each route states the largest body
 * it accepts and how the body is encoded; a path listed with another
 * method answers 405 rather than 404. The table is small, so a linear scan
 * is as fast as anything cleverer.
 */
#include <string.h>

#include "web/web.h"

#define FORM_BODY (64 * 1024)
#define UPLOAD_BODY (32 * 1024 * 1024)	/* several files or one export */

static const struct web_route routes[] = {
	{ WEB_GET, "/", page_intake, 0, 0 },
	{ WEB_POST, "/check", page_check, FORM_BODY, ROUTE_FORM },
	{ WEB_GET, "/static/app.css", page_asset_css, 0, ROUTE_PUBLIC },
	{ WEB_GET, "/static/app.js", page_asset_js, 0, ROUTE_PUBLIC },
	{ WEB_GET, "/favicon.ico", page_favicon, 0, ROUTE_PUBLIC },
	{ WEB_GET, "/login", page_login, 0, ROUTE_PUBLIC },
	{ WEB_POST, "/login", page_login_post, FORM_BODY,
	  ROUTE_FORM | ROUTE_PUBLIC },
	{ WEB_POST, "/logout", page_logout, FORM_BODY, ROUTE_FORM },
	{ WEB_POST, "/logout/all", page_logout_all, FORM_BODY, ROUTE_FORM },
	{ WEB_GET, "/people", page_people, 0, 0 },
	{ WEB_POST, "/people", page_people_add, FORM_BODY, ROUTE_FORM },
	{ WEB_GET, "/journal", page_journal, 0, 0 },
	{ WEB_POST, "/journal", page_journal_add, FORM_BODY, ROUTE_FORM },
	{ WEB_GET, "/journal/edit", page_journal_edit, 0, 0 },
	{ WEB_POST, "/journal/edit", page_journal_update, FORM_BODY,
	  ROUTE_FORM },
	{ WEB_GET, "/status", page_status, 0, 0 },
	{ WEB_GET, "/import", page_import, 0, 0 },
	{ WEB_POST, "/import", page_import_post, UPLOAD_BODY, ROUTE_MULTIPART },
	{ WEB_GET, "/brief", page_brief, 0, 0 },
	{ WEB_POST, "/journal/delete", page_journal_delete, FORM_BODY,
	  ROUTE_FORM },
};

const struct web_route *web_route_find(enum web_method method,
				       const char *path, size_t len,
				       bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct web_route *r = &routes[i];

		if (strlen(r->path) != len || memcmp(r->path, path, len) != 0)
			continue;
		if (r->method == method)
			return r;
		*path_known = true;
	}
	return NULL;
}
