/*
 * page_brief.c - the therapist brief (see brief.h) and the status page.
 *
 * Both read one struct report. The brief carries everything inline so
 * that the one file is the whole document; its stylesheet is a constant
 * here so that the server can allow exactly it by hash.
 */
#include <stdio.h>
#include <string.h>

#include "web/brief.h"
#include "web/html.h"
#include "web/report.h"
#include "web/web.h"

#define BRIEF_ENTRIES 5
#define BRIEF_MASSAGES 4

static const char css[] =
	"@page{size:A4;margin:10mm}"
	"body{font:8.5pt/1.25 system-ui,-apple-system,'Segoe UI',Roboto,"
	"sans-serif;color:#1d2a31;max-width:190mm;margin:0 auto;padding:4mm}"
	"h1{font-size:15pt;margin:0 0 2mm}h2{font-size:11.5pt;margin:4mm 0 "
	"1.5mm;border-bottom:1px solid #c6d0d6}h3{font-size:10.5pt;margin:2mm"
	" 0 1mm}p{margin:1mm 0}.meta{color:#4a5a63}"
	".decision{border:2px solid #8a5300;border-radius:3mm;padding:2mm 3mm}"
	".decision-massage_ok{border-color:#1e7a3c}"
	".decision-assess_first{border-color:#b3261e}"
	".flag{color:#b3261e;font-weight:700}"
	"table{border-collapse:collapse;width:100%;margin:1mm 0}"
	"th,td{border-bottom:1px solid #d5dde2;padding:.6mm 1.5mm;"
	"text-align:left;vertical-align:top}"
	"table.data td:first-child,table.hist td:first-child,"
	"table.rules td:nth-child(2)"
	"{white-space:nowrap}"
	".cols{display:grid;grid-template-columns:1fr 1fr;gap:4mm}"
	"svg.chart{width:100%;height:auto;max-height:24mm}"
	"details,.chart-climb{display:none}.noprint{margin-bottom:3mm}"
	"@media print{.noprint{display:none}body{padding:0}}"
	"@media screen and (max-width:600px){.cols{display:block}"
	"td{overflow-wrap:anywhere}}";

const char *brief_css(void)
{
	return css;
}

int brief_write(const struct kb *kb, struct store *st, const char *person,
		const char *back_link, struct strbuf *sb, struct err *e)
{
	struct store_person p;
	struct report r;
	char date[DATE_BUF];
	size_t shown = 0;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	store_entries_init(&r.list);
	if (store_person_resolve(st, person, false, &p, e) < 0 ||
	    report_load(&r, kb, st, &p, date_today(), e) < 0)
		goto done;
	strbuf_addstr(sb, "<!doctype html>\n<html lang=\"en\"><head><meta "
		"charset=\"utf-8\"><meta name=\"viewport\" content=\"width="
		"device-width, initial-scale=1\"><title>Therapist brief: ");
	html_text(sb, p.name);
	strbuf_addstr(sb, "</title><style>");
	strbuf_addstr(sb, css);
	strbuf_addstr(sb, "</style></head><body><main>");
	if (back_link != NULL) {
		strbuf_addstr(sb, "<p class=\"noprint\"><a href=\"");
		html_attr(sb, back_link);
		strbuf_addstr(sb, "\">Back to runcare</a> \xc2\xb7 use the "
				  "browser's Print to print or save as PDF."
				  "</p>");
	}
	strbuf_addstr(sb, "<h1>Therapist brief: ");
	html_text(sb, p.name);
	strbuf_addf(sb, "</h1><p class=\"meta\">Prepared by runcare on %s",
		    date_format(r.today, date));
	if (r.a->has_pain) {
		strbuf_addstr(sb, "; the pain logged last: ");
		html_text(sb, report_area_words[r.a->area]);
	}
	strbuf_addstr(sb, ". ");
	html_text(sb, kb_disclaimer(kb));
	strbuf_addstr(sb, "</p><h2>Decision today</h2>");
	report_summary(sb, kb, &r, 3);
	report_assessments(sb, &r);
	strbuf_addstr(sb, "<div class=\"cols\"><div>");
	report_charts(sb, &r, 3, false, REPORT_PAIN | REPORT_LOAD);
	strbuf_addstr(sb, "</div><div>");
	report_charts(sb, &r, 3, false, REPORT_MASSAGE);
	strbuf_addstr(sb, "<h3>Last massages</h3>");
	report_massages(sb, &r, BRIEF_MASSAGES);
	strbuf_addstr(sb, "<h3>Recent history</h3><table class=\"hist\">"
		"<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">"
		"Entry</th></tr></thead><tbody>");
	for (size_t i = r.list.n; i-- > 0 && shown < BRIEF_ENTRIES; shown++) {
		strbuf_addf(sb, "<tr><td>%s</td><td>",
			    date_format(r.list.v[i].day, date));
		report_entry_details(sb, &r.list.v[i]);
		strbuf_addstr(sb, "</td></tr>");
	}
	if (shown == 0)
		strbuf_addstr(sb, "<tr><td colspan=\"2\">Nothing logged."
				  "</td></tr>");
	strbuf_addstr(sb, "</tbody></table></div></div></main></body></html>\n");
	rc = 0;
done:
	report_release(&r);
	return rc;
}

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
	if (brief_write(rq->app->kb, st, p.name, back.buf, &rs->body,
			&e) < 0) {
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
