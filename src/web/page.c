/*
 * page.c - the frame every HTML page shares, the error page and the
 * embedded static files.
 *
 * page_begin()/page_end() write the document head, the navigation, the
 * person chooser and the footer, so that each page_*.c writes only its own
 * content. The stylesheet and the small script are compiled into the
 * binary (tools/embed.py) and served from /static/, so runcare needs
 * nothing from the network.
 */
#include <string.h>

#include "web/html.h"
#include "web/web.h"

extern const char web_css[];
extern const size_t web_css_len;
extern const char web_js[];
extern const size_t web_js_len;

/* The navigation, in order. */
static const struct {
	const char *path;
	const char *label;
} nav[] = {
	{ "/", "Check" },
	{ "/journal", "Journal" },
	{ "/status", "Status" },
	{ "/import", "Import" },
	{ "/people", "People" },
	{ "/brief", "Brief" },
};

/* Titles of the error statuses runcare sends. */
static const struct {
	int status;
	const char *title;
} error_titles[] = {
	{ 400, "This request could not be read" },
	{ 403, "This was refused" },
	{ 404, "Page not found" },
	{ 405, "Not possible here" },
	{ 413, "Too large" },
	{ 415, "Unsupported format" },
	{ 421, "Wrong address" },
	{ 429, "Too many attempts" },
	{ 500, "Something went wrong in runcare" },
};

void page_person_query(struct web_req *rq, struct strbuf *sb, bool first)
{
	if (rq->person[0] == '\0')
		return;
	strbuf_addstr(sb, first ? "?person=" : "&amp;person=");
	html_url_component(sb, rq->person);
}

void page_form_hidden(struct web_req *rq, struct strbuf *sb)
{
	strbuf_addstr(sb, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(sb, rq->csrf);
	strbuf_addstr(sb, "\">");
	if (rq->person[0] != '\0') {
		strbuf_addstr(sb, "<input type=\"hidden\" name=\"person\" "
				  "value=\"");
		html_attr(sb, rq->person);
		strbuf_addstr(sb, "\">");
	}
}

void page_begin(struct web_req *rq, struct web_resp *rs, const char *title,
		const char *current)
{
	struct strbuf *sb = &rs->body;

	strbuf_grow(sb, 16384);
	strbuf_addstr(sb, "<!doctype html>\n<html lang=\"en\"><head>"
		"<meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\"><title>");
	html_text(sb, title);
	strbuf_addstr(sb, " \xc2\xb7 runcare</title>"
		"<link rel=\"stylesheet\" href=\"/static/app.css\">"
		"<script src=\"/static/app.js\" defer></script></head>\n"
		"<body><a class=\"skip\" href=\"#main\">Skip to the content</a>"
		"<header class=\"site\"><a class=\"brand\" href=\"/");
	page_person_query(rq, sb, true);
	strbuf_addstr(sb, "\">runcare</a><nav aria-label=\"Main\"><ul>");
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		bool here = current != NULL &&
			    strcmp(current, nav[i].path) == 0;

		strbuf_addstr(sb, "<li><a href=\"");
		strbuf_addstr(sb, nav[i].path);
		page_person_query(rq, sb, true);
		strbuf_addstr(sb, here ? "\" aria-current=\"page\">" : "\">");
		html_text(sb, nav[i].label);
		strbuf_addstr(sb, "</a></li>");
	}
	strbuf_addstr(sb, "</ul></nav><form class=\"who\" method=\"get\" "
			  "action=\"");
	html_attr(sb, current != NULL ? current : "/");
	strbuf_addstr(sb, "\"><label for=\"who-person\">Person</label>"
		"<input id=\"who-person\" name=\"person\" maxlength=\"64\" "
		"autocomplete=\"off\" value=\"");
	html_attr(sb, rq->person);
	strbuf_addstr(sb, "\"><button type=\"submit\">Switch</button></form>");
	if (rq->account[0] != '\0') {
		strbuf_addstr(sb, "<form class=\"who\" method=\"post\" "
				  "action=\"/logout\">");
		page_form_hidden(rq, sb);
		strbuf_addstr(sb, "<button type=\"submit\">Sign out ");
		html_text(sb, rq->account);
		strbuf_addstr(sb, "</button></form><form class=\"who\" "
				  "method=\"post\" action=\"/logout/all\">");
		page_form_hidden(rq, sb);
		strbuf_addstr(sb, "<button type=\"submit\">Sign out "
				  "everywhere</button></form>");
	}
	strbuf_addstr(sb, "</header>\n<main id=\"main\">");
}

void page_end(struct web_req *rq, struct web_resp *rs)
{
	strbuf_addstr(&rs->body, "</main>\n<footer class=\"site\"><p>");
	html_text(&rs->body, kb_disclaimer(rq->app->kb));
	strbuf_addstr(&rs->body, "</p></footer></body></html>\n");
}

void web_error_page(struct web_req *rq, struct web_resp *rs, int status,
		    const char *message)
{
	const char *title = "Something went wrong";

	for (size_t i = 0; i < sizeof(error_titles) / sizeof(error_titles[0]);
	     i++)
		if (error_titles[i].status == status)
			title = error_titles[i].title;
	strbuf_reset(&rs->body);
	rs->status = status;
	rs->content_type = NULL;
	rs->location[0] = '\0';
	page_begin(rq, rs, title, NULL);
	strbuf_addstr(&rs->body, "<h1>");
	html_text(&rs->body, title);
	strbuf_addstr(&rs->body, "</h1><p class=\"error\" role=\"alert\">");
	html_text(&rs->body, message);
	strbuf_addstr(&rs->body, "</p><p><a href=\"/");
	page_person_query(rq, &rs->body, true);
	strbuf_addstr(&rs->body, "\">Back to the check</a></p>");
	page_end(rq, rs);
}

static void send_static(struct web_resp *rs, const char *type,
			const char *data, size_t len)
{
	rs->content_type = type;
	rs->cacheable = true;
	strbuf_add(&rs->body, data, len);
}

void page_asset_css(struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	send_static(rs, "text/css; charset=utf-8", web_css, web_css_len);
}

void page_asset_js(struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	send_static(rs, "text/javascript; charset=utf-8", web_js, web_js_len);
}

void page_favicon(struct web_req *rq, struct web_resp *rs)
{
	static const char icon[] =
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
		"<circle cx=\"8\" cy=\"8\" r=\"7\" fill=\"#1b5e7a\"/></svg>";

	(void)rq;
	send_static(rs, "image/svg+xml", icon, sizeof(icon) - 1);
}
