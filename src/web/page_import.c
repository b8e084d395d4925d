/*
 * page_import.c - importing activity files by upload: several GPX, TCX or
 * FIT files (plain or gzip) or an export zip, in one form.
 *
 * Each uploaded file is read by the importer (import/import.h): a single
 * file from memory with import_mem_legs, a zip through a private temporary
 * copy and import_collect; a file of several activities (a multisport FIT)
 * gives a row for each. Every run becomes a journal entry in its own
 * transaction, so a bad file never undoes a good one, and the answer lists
 * each file with what happened to it. The upload works as a plain form;
 * app.js adds a progress bar while the bytes travel.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "import/import.h"
#include "web/html.h"
#include "web/web.h"

#define IMPORT_STATUS_LIST(X)                                                 \
	X(UP_IMPORTED, "imported")                                            \
	X(UP_MERGED, "the same run as one in the journal, stored once")       \
	X(UP_DUPLICATE, "already in the journal")                             \
	X(UP_SKIPPED, "not a run or walk, skipped")                           \
	X(UP_REFUSED, "refused")
#define UP_ITEM_(id, ...) id,
#define UP_NAME_(id, name) [id] = name,
enum up_status { IMPORT_STATUS_LIST(UP_ITEM_) UP__COUNT };
static const char *const up_words[] = { IMPORT_STATUS_LIST(UP_NAME_) };

struct upload {
	struct store *st;
	int64_t person_id;
	size_t count[UP__COUNT];
	struct strbuf rows;	/* one <tr> per activity */
};


static void add_row(struct upload *u, const char *name, enum up_status st,
		    const char *detail)
{
	u->count[st]++;
	strbuf_addstr(&u->rows, "<tr><td>");
	html_text(&u->rows, name);
	strbuf_addf(&u->rows, "</td><td class=\"up-%d\">%s</td><td>",
		    (int)st, up_words[st]);
	html_text(&u->rows, detail != NULL ? detail : "");
	strbuf_addstr(&u->rows, "</td></tr>");
}

/* Store one summarised activity as a run entry, in its own transaction. */
static void store_activity(struct upload *u, const char *name,
			   const struct activity *a, enum import_format fmt)
{
	struct journal_entry en;
	struct strbuf what = STRBUF_INIT;
	struct err e;
	char why[80];
	int rc;

	if (import_skip_reason(a, why, sizeof(why)) != NULL) {
		add_row(u, name, UP_SKIPPED, why);
		return;
	}
	err_clear(&e);
	import_run_entry(a, fmt, name, NULL, u->person_id, &en);
	rc = store_begin(u->st, &e);
	if (rc == 0) {
		rc = store_entry_add(u->st, &en, &e);
		if (rc < 0)
			store_rollback(u->st);
		else if (store_commit(u->st, &e) < 0)
			rc = -1;
	}
	strbuf_addf(&what, "%.1f km on ", a->distance_m / 1000);
	{
		char date[DATE_BUF];

		strbuf_addstr(&what, date_format(en.day, date));
	}
	add_row(u, name, rc < 0 ? UP_REFUSED : rc == 1 ? UP_DUPLICATE
				: rc == 2 ? UP_MERGED : UP_IMPORTED,
		rc < 0 ? e.msg : what.buf);
	journal_entry_release(&en);
	strbuf_release(&what);
}

/* Store each activity of a file (a multisport file holds several), then
 * release them. */
static void store_legs(struct upload *u, const char *name,
		       struct activity_legs *legs, enum import_format fmt)
{
	for (size_t k = 0; k < legs->n; k++)
		store_activity(u, name, &legs->v[k], fmt);
	activity_legs_release(legs);
}

/* A zip: write it to a private temporary file and import every entry. */
static void import_zip(struct upload *u, const struct form_field *f)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	struct import_jobs jobs;
	struct import_ctx ctx;
	struct err e;
	int fd;

	snprintf(path, sizeof(path), "%s/runcare-upload-XXXXXX",
		 tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	fd = mkstemp(path);	/* mode 0600: the file is the person's data */

	err_clear(&e);
	if (fd < 0) {
		add_row(u, f->filename, UP_REFUSED, strerror(errno));
		return;
	}
	if (write(fd, f->value, f->value_len) != (ssize_t)f->value_len) {
		close(fd);
		unlink(path);
		add_row(u, f->filename, UP_REFUSED, "could not be stored");
		return;
	}
	close(fd);
	import_jobs_init(&jobs);
	import_ctx_init(&ctx);
	if (import_collect(path, &jobs, &e) < 0)
		add_row(u, f->filename, UP_REFUSED, e.msg);
	for (size_t i = 0; i < jobs.n; i++) {
		struct activity_legs legs;
		enum import_format fmt;
		const char *name = jobs.v[i].entry ? jobs.v[i].entry
						   : f->filename;

		err_clear(&e);
		if (import_job_legs(&ctx, &jobs.v[i], &legs, &fmt, &e) < 0)
			add_row(u, name, UP_REFUSED, e.msg);
		else
			store_legs(u, name, &legs, fmt);
	}
	u->count[UP_SKIPPED] += jobs.skipped;
	import_ctx_release(&ctx);
	import_jobs_release(&jobs);
	unlink(path);
}

static void import_file(struct upload *u, const struct form_field *f)
{
	struct activity_legs legs;
	enum import_format fmt;
	struct err e;

	err_clear(&e);
	if (f->value_len >= 4 && memcmp(f->value, "PK\x03\x04", 4) == 0) {
		import_zip(u, f);
		return;
	}
	if (import_mem_legs(f->value, f->value_len, f->filename, &legs, &fmt,
			    &e) < 0)
		add_row(u, f->filename, UP_REFUSED, e.msg);
	else
		store_legs(u, f->filename, &legs, fmt);
}

static void upload_form(struct web_req *rq, struct strbuf *sb)
{
	strbuf_addstr(sb, "<form class=\"card upload\" method=\"post\" "
		"action=\"/import\" enctype=\"multipart/form-data\">");
	page_form_hidden(rq, sb);
	strbuf_addstr(sb, "<div class=\"field\"><label for=\"files\">Activity "
		"files (GPX, TCX or FIT, also .gz) or an export zip</label>"
		"<input id=\"files\" name=\"files\" type=\"file\" multiple "
		"required accept=\".gpx,.tcx,.fit,.gz,.zip\"></div>"
		"<progress id=\"upload-progress\" max=\"100\" value=\"0\" "
		"hidden aria-label=\"Upload progress\"></progress>"
		"<p><button type=\"submit\" class=\"primary\">Import</button>"
		"</p></form>");
}

void page_import(struct web_req *rq, struct web_resp *rs)
{
	struct strbuf *sb = &rs->body;

	page_begin(rq, rs, "Import", "/import");
	strbuf_addstr(sb, "<h1>Import runs</h1><p class=\"lead\">Add runs "
		"from a watch or an app: choose one or more files, or the "
		"zip of an export. A file imported twice is only kept once."
		"</p>");
	upload_form(rq, sb);
	page_end(rq, rs);
}

void page_import_post(struct web_req *rq, struct web_resp *rs)
{
	struct store *st = web_store_open(rq, rs);
	struct store_person p;
	struct upload u = { 0 };
	struct strbuf *sb = &rs->body;
	size_t files = 0;

	if (st == NULL)
		return;
	strbuf_init(&u.rows, 0);
	if (web_person(rq, rs, st, true, &p) < 0)
		goto done;
	rq->person = p.name;
	u.st = st;
	u.person_id = p.id;
	for (size_t i = 0; i < rq->form.n; i++) {
		const struct form_field *f = &rq->form.fields[i];

		if (f->filename == NULL || strcmp(f->name, "files") != 0 ||
		    f->filename[0] == '\0')
			continue;
		files++;
		import_file(&u, f);
	}
	if (files == 0) {
		web_error_page(rq, rs, 400, "Choose at least one file to "
					    "import.");
		goto done;
	}
	page_begin(rq, rs, "Import", "/import");
	strbuf_addstr(sb, "<h1>Import runs</h1><p role=\"status\">");
	html_textf(sb, "%zu imported, ", u.count[UP_IMPORTED]);
	if (u.count[UP_MERGED] > 0)
		html_textf(sb, "%zu merged with the same run in the journal, ",
			   u.count[UP_MERGED]);
	html_textf(sb, "%zu already in the journal, %zu skipped, %zu "
		   "refused.", u.count[UP_DUPLICATE], u.count[UP_SKIPPED],
		   u.count[UP_REFUSED]);
	strbuf_addstr(sb, "</p>");
	if (u.rows.len > 0) {
		strbuf_addstr(sb, "<table class=\"data\"><thead><tr><th "
			"scope=\"col\">File</th><th scope=\"col\">Result</th>"
			"<th scope=\"col\">Details</th></tr></thead><tbody>");
		strbuf_add(sb, u.rows.buf, u.rows.len);
		strbuf_addstr(sb, "</tbody></table>");
	}
	strbuf_addstr(sb, "<p><a href=\"/journal");
	page_person_query(rq, sb, true);
	strbuf_addstr(sb, "\">See the journal</a></p><h2>Import more</h2>");
	upload_form(rq, sb);
	page_end(rq, rs);
done:
	strbuf_release(&u.rows);
	store_close(st);
}
