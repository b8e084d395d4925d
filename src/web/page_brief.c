/*
 * page_brief.c - the pages of the therapist brief (written by brief.c)
 * and of the status page; both read one struct report (report.h).
 */
#include <stdio.h>
#include <string.h>

#include "web/brief.h"
#include "web/html.h"
#include "web/report.h"
#include "web/web.h"

void page_brief(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct strbuf back = STRBUF_INIT;
	struct store_person p;
	struct err e;

	if (st == NULL)
		return;
	if (web_person(rq, rs, st, false, &p) < 0)
		goto done;
	strbuf_addstr(&back, "/status?person=");
	html_url_component(&back, p.name);
	err_clear(&e);
	/* The brief is signed by the account that asked for it. */
	if (brief_write(rq->app->kb, st, p.name, rq->account, back.buf,
			&rs->body, &e) < 0) {
		web_error_page(rq, rs, 500, e.msg);
		goto done;
	}
	rs->csp = rq->app->brief_csp;
done:
	strbuf_release(&back);
	store_close(st);
}

void page_status(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct strbuf *sb = &rs->body;
	struct store_person p;
	struct report r;
	struct err e;

	memset(&r, 0, sizeof(r));
	store_entries_init(&r.list);
	if (st == NULL)
		return;
	if (web_person(rq, rs, st, rq->person[0] == '\0', &p) < 0)
		goto done;
	rq->person = p.name;
	err_clear(&e);
	if (report_load(&r, rq->app->kb, st, &p, date_today(), &e) < 0) {
		web_error_page(rq, rs, 500, e.msg);
		goto done;
	}
	page_begin(rq, rs, "Status", "/status");
	strbuf_addstr(sb, "<h1>Status of ");
	html_text(sb, p.name);
	strbuf_addstr(sb, "</h1>");
	report_summary(sb, rq->app->kb, &r, 2);
	report_charts(sb, &r, 2, true, REPORT_ALL);
	strbuf_addstr(sb, "<h2>Last massages</h2>");
	report_massages(sb, &r, 10);
	strbuf_addstr(sb, "<p><a class=\"button\" href=\"/brief");
	page_person_query(rq, sb, true);
	strbuf_addstr(sb, "\">Therapist brief (printable)</a></p>");
	page_end(rq, rs);
done:
	report_release(&r);
	store_close(st);
}
