/*
 * test_web_http.c - HTTP tests against a running server.
 *
 * Each test group starts the real server (libmicrohttpd, the route table,
 * the pages) on 127.0.0.1 with port 0, so the system picks a free port,
 * and talks to it over a socket with a receive timeout, so no case can
 * hang. The cases are a table of requests with the status, the headers and
 * the body fragments each answer must (or must not) contain.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>
#include <expat.h>

#include "core/strbuf.h"
#include "engine/engine.h"
#include "web/auth.h"
#include "web/server.h"

struct fixture {
	char dir[64];		/* scratch folder of the journal */
	char db[96];
	struct kb *kb;
	struct web_server *server;
	unsigned port;
	char cookie[128];	/* "rc_csrf=..." from the first page */
	char token[64];		/* the form token of that page */
	char from[16];		/* the client's address, "": any */
};

struct reply {
	int status;
	struct strbuf head;	/* status line and headers */
	struct strbuf body;
};

/* A socket connected to the server from the loopback address from
 * ("127.0.0.2": Linux answers all of 127/8), or from the default. */
static int connect_from(const struct fixture *fx, const char *from)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct timeval tv = { .tv_sec = 10 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	if (from != NULL) {
		struct sockaddr_in src = { .sin_family = AF_INET };

		assert_int_equal(inet_pton(AF_INET, from, &src.sin_addr), 1);
		assert_int_equal(bind(fd, (struct sockaddr *)&src,
				      sizeof(src)), 0);
	}
	a.sin_port = htons((uint16_t)fx->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (fx->from[0] != '\0') {
		/* Any 127.x.y.z is this host, so each is another client. */
		struct sockaddr_in me = { .sin_family = AF_INET };

		assert_int_equal(inet_pton(AF_INET, fx->from, &me.sin_addr), 1);
		assert_int_equal(bind(fd, (struct sockaddr *)&me, sizeof(me)),
				 0);
	}
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	return fd;
}

/* Send raw bytes from the address from (NULL: the default), read the
 * whole answer (the request says close). */
static void http_raw_from(const struct fixture *fx, const char *from,
			  const char *req, size_t len, struct reply *out)
{
	struct strbuf all = STRBUF_INIT;
	char buf[8192];
	ssize_t n;
	char *split;
	int fd = connect_from(fx, from);

	for (size_t off = 0; off < len; off += (size_t)n) {
		n = send(fd, req + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break;	/* the server may answer before the body */
	}
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
		strbuf_add(&all, buf, (size_t)n);
	close(fd);
	strbuf_init(&out->head, 0);
	strbuf_init(&out->body, 0);
	out->status = 0;
	split = strstr(all.buf, "\r\n\r\n");
	if (split != NULL) {
		strbuf_add(&out->head, all.buf, (size_t)(split - all.buf) + 2);
		strbuf_add(&out->body, split + 4,
			   all.len - (size_t)(split + 4 - all.buf));
		sscanf(all.buf, "HTTP/1.%*d %d", &out->status);
	}
	strbuf_release(&all);
}

static void http_raw(const struct fixture *fx, const char *req, size_t len,
		     struct reply *out)
{
	http_raw_from(fx, NULL, req, len, out);
}

static void http(const struct fixture *fx, const char *method,
		 const char *path, const char *extra, const char *body,
		 struct reply *out)
{
	struct strbuf req = STRBUF_INIT;

	strbuf_addf(&req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		    "Connection: close\r\n%s", method, path,
		    extra != NULL ? extra : "");
	if (body != NULL)
		strbuf_addf(&req, "Content-Length: %zu\r\n", strlen(body));
	strbuf_addstr(&req, "\r\n");
	if (body != NULL)
		strbuf_addstr(&req, body);
	http_raw(fx, req.buf, req.len, out);
	strbuf_release(&req);
}

static void reply_release(struct reply *r)
{
	strbuf_release(&r->head);
	strbuf_release(&r->body);
}

/* Copy the value after key up to one of the stop characters. */
static void grab(const char *text, const char *key, const char *stop,
		 char *out, size_t size)
{
	const char *p = strstr(text, key);
	size_t n;

	assert_non_null(p);
	p += strlen(key);
	n = strcspn(p, stop);
	assert_true(n < size);
	memcpy(out, p, n);
	out[n] = '\0';
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	static const char *const names[] = { "runcare.test" };
	struct web_config cfg = { .listen = "127.0.0.1:0", .threads = 2,
				  .hostnames = names, .n_hostnames = 1 };
	struct reply r;
	struct err e;
	const char *url;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/runcare-http-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->db, sizeof(fx->db), "%s/journal.db", fx->dir);
	cfg.db_path = fx->db;
	/* The server's folder of uploads goes in the scratch folder. */
	assert_int_equal(setenv("TMPDIR", fx->dir, 1), 0);
	fx->kb = kb_load_builtin(&e);
	if (fx->kb == NULL)
		fail_msg("kb: %s", e.msg);
	cfg.kb = fx->kb;
	fx->server = web_server_start(&cfg, &e);
	if (fx->server == NULL)
		fail_msg("start: %s", e.msg);
	url = web_server_url(fx->server);
	assert_int_equal(sscanf(url, "http://127.0.0.1:%u/", &fx->port), 1);
	http(fx, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	grab(r.head.buf, "Set-Cookie: ", ";", fx->cookie, sizeof(fx->cookie));
	grab(r.body.buf, "name=\"csrf\" value=\"", "\"", fx->token,
	     sizeof(fx->token));
	reply_release(&r);
	*state = fx;
	return 0;
}

/* Remove the journal and whatever SQLite kept next to it. */
static void remove_scratch(const char *dir)
{
	static const char *const names[] = { "journal.db", "journal.db-wal",
					     "journal.db-shm",
					     "journal.db.accounts",
					     "journal.db.accounts.failures" };
	char path[160];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	web_server_stop(fx->server);
	kb_free(fx->kb);
	remove_scratch(fx->dir);
	unsetenv("TMPDIR");
	free(fx);
	return 0;
}

/* Headers every answer carries, whatever its status. */
static const char *const every_header[] = {
	"Content-Security-Policy: default-src 'none';",
	"frame-ancestors 'none'",
	"X-Content-Type-Options: nosniff",
	"Referrer-Policy: same-origin",
};

struct http_case {
	const char *name;
	const char *method, *path;
	bool with_cookie;	/* send the fixture's cookie */
	const char *body;	/* "%T" is replaced by the token */
	int status;
	const char *want[4];	/* in head or body */
	const char *refuse[2];	/* nowhere in the answer */
};

/* Every three-way question answered no (the shin-bone one is asked only
 * for the shin). */
#define ALL_NO                                                                \
	"&q-pinpoint_bone_pain=no&q-night_pain=no&q-swelling_heat_redness=no" \
	"&q-nerve_symptoms=no&q-sudden_injury=no&q-loss_of_function=no"      \
	"&q-stride_change=no&q-worse_next_morning=no&q-limp_after=no"

static const struct http_case cases[] = {
	{ "intake", "GET", "/", false, NULL, 200,
	  { "Cache-Control: no-store", "name=\"q-night_pain\" value=\"no\"",
	    "data-region=\"achilles_tendon\"", "<legend>First: any warning" },
	  { "unsafe-inline", NULL } },
	{ "head", "HEAD", "/", false, NULL, 200, { NULL }, { NULL } },
	{ "map is buttons", "GET", "/", false, NULL, 200,
	  { "<button type=\"submit\" class=\"bm-r\" name=\"pick\" "
	    "value=\"heel_insertion:left\" formaction=\"/check#where\" "
	    "formnovalidate", "aria-label=\"Underside of the heel, right leg\"",
	    "class=\"bm-box bm-box-soles\"", "name=\"side\" value=\"both\"" },
	  { "<a class=\"bm-r", NULL } },
	/* A click on one leg chooses that leg, and only it is marked. */
	{ "map click names the leg", "POST", "/check", true,
	  "csrf=%T&side=both&pick=calf:left", 200,
	  { "id=\"side-left\" name=\"side\" value=\"left\" checked",
	    "On the map: Calf, back of the lower leg, left leg",
	    "class=\"bm-r bm-chosen\" name=\"pick\" value=\"calf:left\"",
	    "class=\"bm-r\" name=\"pick\" value=\"calf:right\"" },
	  { "role=\"alert\"", NULL } },
	{ "map click, unknown leg", "POST", "/check", true,
	  "csrf=%T&pick=calf:middle", 400, { "role=\"alert\"" }, { NULL } },
	/* A map click without JavaScript posts the form as it is: every
	 * answer comes back, with the region and its area chosen, and
	 * nothing is judged or refused yet. */
	{ "map click keeps answers", "POST", "/check", true,
	  "csrf=%T&q-night_pain=yes&q-sudden_injury=unsure&q-limp_after=no"
	  "&s=tight&pain_run=6&trend=worse&area=knee&pick=heel_insertion", 200,
	  { "id=\"q-night_pain-yes\" name=\"q-night_pain\" value=\"yes\" "
	    "checked", "id=\"q-sudden_injury-unsure\" name=\"q-sudden_injury\""
	    " value=\"unsure\" checked", "id=\"area-heel\" name=\"area\" "
	    "value=\"heel\" checked", "name=\"region\" value=\"heel_insertion\"" },
	  { "role=\"alert\"", "decision-" } },
	{ "map click keeps the rest", "POST", "/check", true,
	  "csrf=%T&q-limp_after=no&s=tight&pain_run=6&trend=worse"
	  "&pick=calf", 200,
	  { "id=\"q-limp_after-no\" name=\"q-limp_after\" value=\"no\" "
	    "checked", "id=\"s-tight\" name=\"s\" value=\"tight\" checked",
	    "<option value=\"6\" selected>6</option>",
	    "id=\"trend-worse\" name=\"trend\" value=\"worse\" checked" },
	  { "role=\"alert\"", NULL } },
	{ "map click, unknown region", "POST", "/check", true,
	  "csrf=%T&pick=elbow", 400, { "role=\"alert\"", "pick" },
	  { "decision-", NULL } },
	{ "map click", "GET", "/?area=knee&region=patellar_tendon", false,
	  NULL, 200, { "id=\"area-knee\" name=\"area\" value=\"knee\" checked",
		       "On the map: Knee, at and just below the kneecap" }, { NULL } },
	{ "escaped person", "GET", "/?person=%3Cscript%3Ex%22", false, NULL,
	  200, { "value=\"&lt;script&gt;x&quot;\"",
		 "?person=%3Cscript%3Ex%22" }, { "<script>x", NULL } },
	{ "bad query", "GET", "/?a=%zz", false, NULL, 400,
	  { "bad percent escape", "Cache-Control: no-store" }, { NULL } },
	{ "unknown area", "GET", "/?area=elbow", false, NULL, 400,
	  { "role=\"alert\"" }, { NULL } },
	{ "not found", "GET", "/nowhere", false, NULL, 404,
	  { "Page not found" }, { NULL } },
	{ "wrong method", "GET", "/check", false, NULL, 405,
	  { "Not possible here", "\r\nAllow: POST\r\n" }, { NULL } },
	{ "unknown method", "DELETE", "/", false, NULL, 405,
	  { "\r\nAllow: GET, HEAD\r\n" }, { NULL } },
	{ "unknown method, form", "PUT", "/journal", false, NULL, 405,
	  { "\r\nAllow: GET, HEAD, POST\r\n" }, { NULL } },
	{ "css", "GET", "/static/app.css", false, NULL, 200,
	  { "Content-Type: text/css", "Cache-Control: public" }, { NULL } },
	{ "js", "GET", "/static/app.js", false, NULL, 200,
	  { "Content-Type: text/javascript" }, { NULL } },
	{ "post without token", "POST", "/check", true, "area=heel", 403,
	  { "This form has expired" }, { "Your result", NULL } },
	{ "post without cookie", "POST", "/check", false, "area=heel&csrf=%T",
	  403, { "This form has expired" }, { NULL } },
	{ "post with bad token", "POST", "/check", true,
	  "area=heel&csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 403,
	  { NULL }, { NULL } },
	{ "massage ok", "POST", "/check", true,
	  "csrf=%T&area=heel&s=tight&s=improves_with_warmup&pain_run=2" ALL_NO,
	  200,
	  { "decision-massage_ok", "class=\"bm-r bm-target\" "
	    "data-region=\"calf\"", "Pressure 5 to 7", "Cache-Control: no-store" },
	  { NULL } },
	{ "chosen region", "POST", "/check", true,
	  "csrf=%T&area=other&region=hamstrings&s=tight" ALL_NO, 200,
	  { "Where it hurts: Back of the thigh",
	    "bm-target\" data-region=\"hamstrings\"",
	    "Back of the thigh: work the muscle around the sore spot" },
	  { NULL } },
	/* The leg is echoed, and the marks go on that leg only. */
	{ "result on one leg", "POST", "/check", true,
	  "csrf=%T&area=heel&side=right&region=heel_insertion&s=tight"
	  "&s=improves_with_warmup&pain_run=2" ALL_NO, 200,
	  { "Where it hurts: Underside of the heel, right leg",
	    "bm-target\" data-region=\"calf\"><title>Calf, back of the lower "
	    "leg</title><path d=\"M36 262L86 262L82 306L40 306Z\" "
	    "fill=\"#c9d3da\"/><path d=\"M36 262L86 262L82 306L40 306Z\" "
	    "fill=\"#1e7a3c\"" }, { NULL } },
	{ "load change", "POST", "/check", true,
	  "csrf=%T&area=knee&s=load_pattern&trend=worse&pain_rest=4" ALL_NO,
	  200,
	  { "decision-massage_with_load_change", "Pressure 2 to 4",
	    "bm-avoid\" data-region=\"it_band\"", "times a week" }, { NULL } },
	{ "assess first", "POST", "/check", true,
	  "csrf=%T&area=shin&q-focal_shin_pain=unsure" ALL_NO, 200,
	  { "decision-assess_first", "Where to get it assessed", "NHS 111" },
	  { "Pressure 5", NULL } },
	{ "three-way answers", "POST", "/check", true,
	  "csrf=%T&area=knee&pain_run=2&q-pinpoint_bone_pain=no"
	  "&q-night_pain=no&q-swelling_heat_redness=no&q-nerve_symptoms=no"
	  "&q-sudden_injury=no&q-loss_of_function=no&q-stride_change=no"
	  "&q-worse_next_morning=yes&q-limp_after=no", 200,
	  { "decision-" }, { "decision-assess_first", NULL } },
	{ "not sure is a warning sign", "POST", "/check", true,
	  "csrf=%T&area=knee&pain_run=2&q-night_pain=unsure"
	  "&q-pinpoint_bone_pain=no&q-swelling_heat_redness=no"
	  "&q-nerve_symptoms=no&q-sudden_injury=no&q-loss_of_function=no"
	  "&q-stride_change=no&q-worse_next_morning=no&q-limp_after=no", 200,
	  { "decision-assess_first", "Where to get it assessed" },
	  { "Pressure ", NULL } },
	{ "an unanswered warning sign", "POST", "/check", true,
	  "csrf=%T&area=knee&pain_run=2&q-pinpoint_bone_pain=no"
	  "&q-swelling_heat_redness=no&q-nerve_symptoms=unsure"
	  "&q-sudden_injury=no&q-loss_of_function=no&q-stride_change=no"
	  "&q-worse_next_morning=no&q-limp_after=no", 400,
	  { "Answer yes, no or not sure:", "href=\"#q-night_pain\"",
	    "id=\"q-night_pain\" aria-invalid=\"true\" aria-describedby="
	    "\"err-q-night_pain\"",
	    "name=\"q-limp_after\" value=\"no\" checked" },
	  { "decision-", NULL } },
	/* Each mistake sits by its field, which names it. */
	{ "mistake by its field", "POST", "/check", true,
	  "csrf=%T&area=knee&pain_run=12" ALL_NO, 400,
	  { "<p class=\"field-error\" id=\"err-pain_run\">",
	    "<select id=\"pain_run\" name=\"pain_run\" aria-invalid=\"true\" "
	    "aria-describedby=\"err-pain_run\">", "href=\"#pain_run\"" },
	  { "err-pain_rest", NULL } },
	{ "missing area by the map", "POST", "/check", true,
	  "csrf=%T" ALL_NO, 400,
	  { "<fieldset id=\"where\" class=\"where\" aria-invalid=\"true\" "
	    "aria-describedby=\"err-where\">", "id=\"err-where\">Where does "
	    "it hurt" }, { NULL } },
	{ "flare hours by its field", "POST", "/check", true,
	  "csrf=%T&area=knee&lm=1&lm_flare_hours=-3" ALL_NO, 400,
	  { "id=\"err-lm_flare_hours\"", "name=\"lm_flare_hours\" type=\"number\" "
	    "min=\"0\" max=\"1000\" step=\"any\" inputmode=\"decimal\" "
	    "aria-invalid=\"true\"" }, { NULL } },
	{ "the decision has its sign", "POST", "/check", true,
	  "csrf=%T&area=shin&q-focal_shin_pain=yes" ALL_NO, 200,
	  { "<span class=\"sign\" aria-hidden=\"true\">\u2715</span> " },
	  { NULL } },
	{ "shin question needed for the shin", "POST", "/check", true,
	  "csrf=%T&area=shin" ALL_NO, 400,
	  { "href=\"#q-focal_shin_pain\"" }, { NULL } },
	{ "no trend by default", "GET", "/", false, NULL, 200,
	  { "id=\"trend-\" name=\"trend\" value=\"\" checked" },
	  { "value=\"same\" checked", NULL } },
	{ "intake asks three ways", "GET", "/", false, NULL, 200,
	  { "name=\"q-night_pain\" value=\"yes\" required",
	    "name=\"q-limp_after\" value=\"unsure\"",
	    "Not sure counts as yes" },
	  { "value=\"no\" checked", NULL } },
	{ "kept answers", "POST", "/check", true,
	  "csrf=%T&area=knee&q-nerve_symptoms=unsure&q-night_pain=yes", 400,
	  { "name=\"q-nerve_symptoms\" value=\"unsure\" checked",
	    "name=\"q-night_pain\" value=\"yes\" checked" }, { NULL } },
	{ "missing area", "POST", "/check", true, "csrf=%T&s=tight" ALL_NO,
	  400,
	  { "Where does it hurt: choose an area", "name=\"s\" value=\"tight\" "
	    "checked" }, { NULL } },
	{ "bad score", "POST", "/check", true,
	  "csrf=%T&area=heel&pain_run=11" ALL_NO, 400,
	  { "Pain while running: give a whole number from 0 to 10" },
	  { NULL } },
	{ "journal log", "POST", "/journal", true,
	  "csrf=%T&person=Ann&kind=run&date=2026-11-20&km=5&note=%3Cscript%3E",
	  303, { "Location: /journal?person=Ann" }, { NULL } },
	{ "journal list", "GET", "/journal?person=Ann", false, NULL, 200,
	  { "5.0 km", "&lt;script&gt;", "Cache-Control: no-store" },
	  { "<script>", NULL } },
	{ "journal bad date", "POST", "/journal", true,
	  "csrf=%T&person=Ann&kind=pain&date=2026-02-30&area=knee", 400,
	  { "is not a date" }, { NULL } },
	{ "journal assessment", "POST", "/journal", true,
	  "csrf=%T&person=Ann&kind=assessment&date=2026-11-21&outcome=refer"
	  "&by=Dr+%3CRao%3E&note=MRI+booked",
	  303, { "Location: /journal?person=Ann" }, { NULL } },
	{ "journal assessment listed", "GET", "/journal?person=Ann", false,
	  NULL, 200, { "Assessment: referred on for tests or a specialist, "
		       "by Dr &lt;Rao&gt; \xe2\x80\x94 MRI booked",
		       "<h2>Log an assessment</h2>" }, { "<Rao>", NULL } },
	{ "journal assessment needs an outcome", "POST", "/journal", true,
	  "csrf=%T&person=Ann&kind=assessment&date=2026-11-21&outcome=", 400,
	  { "Outcome: choose one" }, { NULL } },
	{ "brief shows assessments", "GET", "/brief?person=Ann", false, NULL,
	  200, { "<strong>Assessments:</strong> 2026-11-21, Assessment: "
		 "referred on" }, { NULL } },
	{ "journal unknown person", "GET", "/journal?person=Nobody", false,
	  NULL, 303, { "Location: /people" }, { NULL } },
	{ "entry of nobody", "GET", "/journal/edit?id=999&person=Ann", false,
	  NULL, 404, { "no such entry" }, { NULL } },
	{ "status", "GET", "/status?person=Ann", false, NULL, 200,
	  { "<svg class=\"chart\"", "Weekly distance" }, { NULL } },
	{ "brief", "GET", "/brief?person=Ann", false, NULL, 200,
	  { "style-src 'sha256-", "Therapist brief: Ann" },
	  { "style-src 'self'", NULL } },
	{ "upload not multipart", "POST", "/import", true, "csrf=%T", 400,
	  { "Content-Type is not multipart/form-data" }, { NULL } },
	{ "bad symptom", "POST", "/check", true,
	  "csrf=%T&area=heel&s=%3Cb%3E" ALL_NO, 400,
	  { "unknown symptom &quot;&lt;b&gt;&quot;" }, { "<b>", NULL } },
};

/* Every inline SVG of a page must be well-formed XML on its own. */
static void check_svgs(const char *name, const char *html)
{
	for (const char *p = strstr(html, "<svg"); p != NULL;
	     p = strstr(p + 4, "<svg")) {
		const char *end = strstr(p, "</svg>");
		XML_Parser x;

		assert_non_null(end);
		x = XML_ParserCreate("UTF-8");
		if (XML_Parse(x, p, (int)(end + 6 - p), 1) != XML_STATUS_OK)
			fail_msg("%s: SVG at byte %td is not well-formed: %s",
				 name, p - html,
				 XML_ErrorString(XML_GetErrorCode(x)));
		XML_ParserFree(x);
	}
}

static void run_case(const struct fixture *fx, const struct http_case *c)
{
	struct strbuf extra = STRBUF_INIT, body = STRBUF_INIT;
	struct reply r;

	if (c->with_cookie)
		strbuf_addf(&extra, "Cookie: %s\r\n", fx->cookie);
	if (c->body != NULL) {
		const char *t = strstr(c->body, "%T");

		strbuf_addstr(&extra, "Content-Type: "
			      "application/x-www-form-urlencoded\r\n");
		if (t != NULL) {
			strbuf_add(&body, c->body, (size_t)(t - c->body));
			strbuf_addstr(&body, fx->token);
			strbuf_addstr(&body, t + 2);
		} else {
			strbuf_addstr(&body, c->body);
		}
	}
	http(fx, c->method, c->path, extra.buf, c->body ? body.buf : NULL, &r);
	if (r.status != c->status)
		fail_msg("%s: status %d, want %d\n%s", c->name, r.status,
			 c->status, r.head.buf);
	for (size_t i = 0; i < sizeof(every_header) / sizeof(every_header[0]);
	     i++)
		if (strstr(r.head.buf, every_header[i]) == NULL)
			fail_msg("%s: header \"%s\" missing", c->name,
				 every_header[i]);
	if (strstr(r.head.buf, "unsafe-inline") != NULL ||
	    strstr(r.head.buf, "unsafe-eval") != NULL)
		fail_msg("%s: the CSP allows inline code", c->name);
	if (strstr(r.head.buf, "text/html") != NULL &&
	    strstr(r.head.buf, "Cache-Control: no-store") == NULL)
		fail_msg("%s: a page without no-store", c->name);
	for (size_t i = 0; i < 4 && c->want[i] != NULL; i++)
		if (strstr(r.head.buf, c->want[i]) == NULL &&
		    strstr(r.body.buf, c->want[i]) == NULL)
			fail_msg("%s: \"%s\" missing", c->name, c->want[i]);
	for (size_t i = 0; i < 2 && c->refuse[i] != NULL; i++)
		if (strstr(r.head.buf, c->refuse[i]) != NULL ||
		    strstr(r.body.buf, c->refuse[i]) != NULL)
			fail_msg("%s: \"%s\" present", c->name, c->refuse[i]);
	check_svgs(c->name, r.body.buf);
	if (strcmp(c->method, "HEAD") == 0 && r.body.len != 0)
		fail_msg("%s: HEAD answer has a body", c->name);
	reply_release(&r);
	strbuf_release(&extra);
	strbuf_release(&body);
}

static void test_cases(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(*state, &cases[i]);
}

/* A body over the route's limit is refused, announced or not. */
static void test_body_limit(void **state)
{
	const struct fixture *fx = *state;
	struct strbuf req = STRBUF_INIT;
	struct reply r;

	http(fx, "POST", "/check", "Content-Type: application/x-www-form-"
	     "urlencoded\r\nContent-Length: 10000000\r\n", NULL, &r);
	assert_int_equal(r.status, 413);
	reply_release(&r);
	/* The upload takes more (32 MiB), but not without end. */
	http(fx, "POST", "/import", "Content-Type: multipart/form-data; "
	     "boundary=x\r\nContent-Length: 40000000\r\n", NULL, &r);
	assert_int_equal(r.status, 413);
	reply_release(&r);
	/* Chunked, so the size is only known once it has been read. */
	strbuf_addf(&req, "POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
		    "close\r\nCookie: %s\r\nContent-Type: application/"
		    "x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
		    "\r\n", fx->cookie);
	for (int i = 0; i < 80; i++) {
		strbuf_addstr(&req, "400\r\n");
		for (int k = 0; k < 0x400; k++)
			strbuf_addch(&req, 'a');
		strbuf_addstr(&req, "\r\n");
	}
	strbuf_addstr(&req, "0\r\n\r\n");
	http_raw(fx, req.buf, req.len, &r);
	assert_int_equal(r.status, 413);
	assert_non_null(strstr(r.body.buf, "larger than this page accepts"));
	reply_release(&r);
	strbuf_release(&req);
}

/* Files left in the server's folders of uploads under dir. */
static int upload_files_left(const char *dir)
{
	DIR *d = opendir(dir), *sub;
	struct dirent *de;
	int n = 0, folders = 0;
	char path[512];

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "runcare-serve-", 14) != 0)
			continue;
		folders++;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		sub = opendir(path);
		assert_non_null(sub);
		while ((de = readdir(sub)) != NULL)
			n += de->d_name[0] != '.';
		closedir(sub);
		break;
	}
	closedir(d);
	assert_int_equal(folders, 1);
	return n;
}

/* A GPX run on 2026-11-02 at 07:00 UTC: 600 points, about 2.5 km. */
static void make_gpx(struct strbuf *sb)
{
	strbuf_addstr(sb, "<?xml version=\"1.0\"?><gpx version=\"1.1\" "
		      "creator=\"t\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
		      "<trk><type>running</type><trkseg>");
	for (int i = 0; i < 600; i++)
		strbuf_addf(sb, "<trkpt lat=\"%.6f\" lon=\"%.6f\"><ele>20"
			    "</ele><time>2026-11-02T07:%02d:%02dZ</time>"
			    "</trkpt>", 51.5 + i * 0.00004, -0.12 + i * 0.00002,
			    i * 2 / 60, i * 2 % 60);
	strbuf_addstr(sb, "</trkseg></trk></gpx>");
}

static void add_part(struct strbuf *sb, const char *name,
		     const char *filename, const char *data, size_t len)
{
	strbuf_addf(sb, "--b0undary\r\nContent-Disposition: form-data; "
		    "name=\"%s\"", name);
	if (filename != NULL)
		strbuf_addf(sb, "; filename=\"%s\"\r\nContent-Type: "
			    "application/gpx+xml", filename);
	strbuf_addstr(sb, "\r\n\r\n");
	strbuf_add(sb, data, len);
	strbuf_addstr(sb, "\r\n");
}

/* An upload goes through temporary files, which are gone afterwards: a
 * good GPX is imported, a broken one refused, in one form. */
static void test_upload(void **state)
{
	const struct fixture *fx = *state;
	struct strbuf body = STRBUF_INIT, gpx = STRBUF_INIT,
		      extra = STRBUF_INIT;
	struct reply r;

	make_gpx(&gpx);
	add_part(&body, "csrf", NULL, fx->token, strlen(fx->token));
	add_part(&body, "person", NULL, "Upl", 3);
	add_part(&body, "files", "morning.gpx", gpx.buf, gpx.len);
	add_part(&body, "files", "broken.gpx", "<gpx><trk>", 10);
	strbuf_addstr(&body, "--b0undary--\r\n");
	strbuf_addf(&extra, "Cookie: %s\r\nContent-Type: multipart/form-data;"
		    " boundary=b0undary\r\n", fx->cookie);
	http(fx, "POST", "/import", extra.buf, body.buf, &r);
	if (r.status != 200 || strstr(r.body.buf, "1 imported, 0 already in "
				      "the journal, 0 skipped, 1 refused") == NULL)
		fail_msg("upload: status %d\n%s", r.status, r.body.buf);
	assert_null(strstr(r.body.buf, "runcare-serve-"));
	reply_release(&r);
	assert_int_equal(upload_files_left(fx->dir), 0);
	http(fx, "GET", "/journal?person=Upl", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body.buf, "2026-11-02"));
	reply_release(&r);
	/* A file part over the cap of the route is refused, and its
	 * temporary file removed too. */
	strbuf_reset(&body);
	add_part(&body, "csrf", NULL, fx->token, strlen(fx->token));
	add_part(&body, "files", "a.gpx", "x", 1);
	strbuf_addstr(&body, "--b0undary");	/* no end: a broken body */
	http(fx, "POST", "/import", extra.buf, body.buf, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body.buf, "bad boundary line"));
	reply_release(&r);
	assert_int_equal(upload_files_left(fx->dir), 0);
	strbuf_release(&body);
	strbuf_release(&gpx);
	strbuf_release(&extra);
}

/* Garbage instead of HTTP gets a 400 or a closed socket, and the server
 * goes on answering. */
static void test_garbage(void **state)
{
	const struct fixture *fx = *state;
	static const char *const junk[] = {
		"\x01\x02\x03\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\nBad header line\r\n\r\n",
		"GET /" "%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"POST /check HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
	};
	/* Malformed Transfer-Encoding: a 400 at once, not a wait. */
	static const char *const bad_te[] = {
		"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding:"
		" xchunked\r\nConnection: close\r\n\r\n",
		"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding:"
		" gzip, chunked\r\nConnection: close\r\n\r\n",
		"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding "
		": chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
	};
	/* A blank before the colon, a line folded onto the next (obs-fold):
	 * runcare's own 400, with its headers, even on a GET. */
	static const char *const bad_header[] = {
		"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding "
		": chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A : b\r\n"
		"Connection: close\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A\t: b\r\n"
		"Connection: close\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: one\r\n two\r\n"
		"Connection: close\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
		"X-A: one\r\n\ttwo\r\n\r\n",
		"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: "
		"chunked\r\n x\r\nConnection: close\r\n\r\n0\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: one\r\n   \r\n"
		"Connection: close\r\n\r\n",
	};
	/* What libmicrohttpd would refuse with its own bare page at its
	 * strict level 1 gets runcare's 400. */
	static const struct { const char *req, *says; } own_400[] = {
		{ "GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
		  "no Host header" },
		{ "GET /a b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
		  "\r\n\r\n", "contains a blank" },
	};
	/* The library's own answers (a header line without a colon, a bad
	 * Content-Length, a head over the memory limit) cannot carry
	 * runcare's headers; they never repeat what was sent. */
	static const char *const library_400[] = {
		"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n<script>x\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
		"<script>\r\n\r\n",
	};
	struct reply r;

	for (size_t i = 0; i < sizeof(own_400) / sizeof(own_400[0]); i++) {
		http_raw(fx, own_400[i].req, strlen(own_400[i].req), &r);
		if (r.status != 400 ||
		    strstr(r.body.buf, own_400[i].says) == NULL ||
		    strstr(r.head.buf, "X-Frame-Options: DENY") == NULL)
			fail_msg("own 400 %zu: status %d\n%s", i, r.status,
				 r.head.buf);
		reply_release(&r);
	}
	for (size_t i = 0; i < sizeof(library_400) / sizeof(library_400[0]);
	     i++) {
		http_raw(fx, library_400[i], strlen(library_400[i]), &r);
		assert_int_equal(r.status, 400);
		assert_null(strstr(r.head.buf, "<script>"));
		assert_null(strstr(r.body.buf, "<script>"));
		reply_release(&r);
	}
	for (size_t i = 0; i < sizeof(bad_header) / sizeof(bad_header[0]);
	     i++) {
		http_raw(fx, bad_header[i], strlen(bad_header[i]), &r);
		if (r.status != 400 ||
		    strstr(r.body.buf, "A request header is malformed") == NULL ||
		    strstr(r.head.buf, "X-Frame-Options: DENY") == NULL)
			fail_msg("bad header %zu: status %d\n%s%s", i,
				 r.status, r.head.buf, r.body.buf);
		reply_release(&r);
	}
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		http_raw(fx, junk[i], strlen(junk[i]), &r);
		if (r.status != 0 && r.status < 400)
			fail_msg("junk %zu: status %d", i, r.status);
		reply_release(&r);
	}
	for (size_t i = 0; i < sizeof(bad_te) / sizeof(bad_te[0]); i++) {
		struct timeval t0, t1;

		gettimeofday(&t0, NULL);
		http_raw(fx, bad_te[i], strlen(bad_te[i]), &r);
		gettimeofday(&t1, NULL);
		if (r.status != 400)
			fail_msg("Transfer-Encoding %zu: status %d", i,
				 r.status);
		assert_true(t1.tv_sec - t0.tv_sec < 3);
		reply_release(&r);
	}
	http(fx, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	reply_release(&r);
}

/* Send a raw request with the given Host header (close, no body). */
static int get_with_host(const struct fixture *fx, const char *host,
			 struct reply *r)
{
	char req[512];

	snprintf(req, sizeof(req), "GET /journal?person=Ann HTTP/1.1\r\n"
		 "Host: %s\r\nConnection: close\r\n\r\n", host);
	http_raw(fx, req, strlen(req), r);
	return r->status;
}

/* DNS rebinding: a foreign name in Host gets 421 and nothing of the
 * journal; the server's own names are answered. */
static void test_host(void **state)
{
	const struct fixture *fx = *state;
	char own[64];
	struct reply r;
	static const char *const foreign[] = {
		"rebind.attacker.example", "127.0.0.1.attacker.example",
		"localhost.", "127.0.0.1:1", "[::1]x", "",
	};

	const char *own_names[] = { "127.0.0.1", own, "[::1]",
				    "runcare.test", "RUNCARE.test" };

	snprintf(own, sizeof(own), "localhost:%u", fx->port);
	/* Ann's journal exists (the cases logged a run); runcare.test was
	 * given as a hostname. */
	for (size_t i = 0; i < sizeof(own_names) / sizeof(own_names[0]); i++) {
		if (get_with_host(fx, own_names[i], &r) != 200)
			fail_msg("Host %s: status %d", own_names[i], r.status);
		assert_non_null(strstr(r.body.buf, "Ann"));
		reply_release(&r);
	}
	for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
		if (get_with_host(fx, foreign[i], &r) != 421)
			fail_msg("Host %s: status %d", foreign[i], r.status);
		assert_non_null(strstr(r.head.buf, "X-Frame-Options: DENY"));
		assert_null(strstr(r.body.buf, "Ann"));
		reply_release(&r);
	}
}

/* A POST from a page of another origin (another name, port or scheme)
 * is refused with 403 before the form is read; the own origin passes. */
static void test_origin(void **state)
{
	const struct fixture *fx = *state;
	struct strbuf extra = STRBUF_INIT, body = STRBUF_INIT;
	char good[64], other_port[64], ref[96];
	const char *bad[] = { "Origin: http://rebind.attacker.example",
			      other_port, "Origin: https://127.0.0.1",
			      "Origin: null",
			      "Referer: http://evil.example/page",
			      "Referer: http://127.0.0.1.evil.example/" };
	struct reply r;

	snprintf(good, sizeof(good), "Origin: http://127.0.0.1:%u", fx->port);
	snprintf(other_port, sizeof(other_port),
		 "Origin: http://127.0.0.1:%u", fx->port + 1);
	snprintf(ref, sizeof(ref), "Referer: http://localhost:%u/check?a=b",
		 fx->port);
	strbuf_addf(&body, "csrf=%s&area=heel&s=tight" ALL_NO, fx->token);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strbuf_reset(&extra);
		strbuf_addf(&extra, "Cookie: %s\r\n%s\r\nContent-Type: "
			    "application/x-www-form-urlencoded\r\n",
			    fx->cookie, bad[i]);
		http(fx, "POST", "/check", extra.buf, body.buf, &r);
		if (r.status != 403)
			fail_msg("%s: status %d", bad[i], r.status);
		assert_non_null(strstr(r.body.buf, "from another site"));
		reply_release(&r);
	}
	for (int i = 0; i < 2; i++) {
		strbuf_reset(&extra);
		strbuf_addf(&extra, "Cookie: %s\r\n%s\r\nContent-Type: "
			    "application/x-www-form-urlencoded\r\n",
			    fx->cookie, i == 0 ? good : ref);
		http(fx, "POST", "/check", extra.buf, body.buf, &r);
		assert_int_equal(r.status, 200);
		reply_release(&r);
	}
	strbuf_release(&extra);
	strbuf_release(&body);
}

/* ---- With logins (require_login, as off loopback) ---- */

struct login_fixture {
	struct fixture fx;
	char accounts[128];
	struct web_config cfg;
};

/* Start (again) the server of lf, and take the cookie and the form token
 * of its login page. */
static void start_login_server(struct login_fixture *lf)
{
	struct reply r;
	struct err e;

	lf->fx.server = web_server_start(&lf->cfg, &e);
	if (lf->fx.server == NULL)
		fail_msg("start: %s", e.msg);
	assert_int_equal(sscanf(web_server_url(lf->fx.server),
				"http://127.0.0.1:%u/", &lf->fx.port), 1);
	http(&lf->fx, "GET", "/login", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	grab(r.head.buf, "Set-Cookie: ", ";", lf->fx.cookie,
	     sizeof(lf->fx.cookie));
	grab(r.body.buf, "name=\"csrf\" value=\"", "\"", lf->fx.token,
	     sizeof(lf->fx.token));
	reply_release(&r);
}

static int setup_login(void **state)
{
	struct login_fixture *lf = calloc(1, sizeof(*lf));
	struct web_config cfg = { .listen = "127.0.0.1:0", .threads = 2,
				  .require_login = true, .login_limit = 5 };
	struct err e;

	snprintf(lf->fx.dir, sizeof(lf->fx.dir), "/tmp/runcare-http-XXXXXX");
	assert_non_null(mkdtemp(lf->fx.dir));
	snprintf(lf->fx.db, sizeof(lf->fx.db), "%s/journal.db", lf->fx.dir);
	snprintf(lf->accounts, sizeof(lf->accounts), "%s.accounts", lf->fx.db);
	lf->fx.kb = kb_load_builtin(&e);
	assert_non_null(lf->fx.kb);
	cfg.kb = lf->fx.kb;
	cfg.db_path = lf->fx.db;
	/* No account yet: the server refuses to start. */
	assert_null(web_server_start(&cfg, &e));
	assert_int_equal(e.code, ERR_CONFIG);
	assert_non_null(strstr(e.msg, "runcare user add"));
	assert_int_equal(auth_user_add(lf->accounts, "alice",
				       "correct horse battery", &e), 0);
	assert_int_equal(auth_user_add(lf->accounts, "bob",
				       "another long secret", &e), 0);
	assert_int_equal(auth_user_add(lf->accounts, "bob", "x", &e),
			 -1);
	lf->cfg = cfg;
	start_login_server(lf);
	*state = lf;
	return 0;
}

static int teardown_login(void **state)
{
	struct login_fixture *lf = *state;

	web_server_stop(lf->fx.server);
	kb_free(lf->fx.kb);
	remove_scratch(lf->fx.dir);
	free(lf);
	return 0;
}

/* POST /login as name with password with the fixture's cookie, token and
 * address; the answer is left in r (reply_release). */
static void login_reply(const struct fixture *fx, const char *name,
			const char *pw, struct reply *r)
{
	struct strbuf body = STRBUF_INIT, extra = STRBUF_INIT;

	strbuf_addf(&body, "csrf=%s&name=%s&password=%s", fx->token, name, pw);
	strbuf_addf(&extra, "Cookie: %s\r\nContent-Type: application/"
		    "x-www-form-urlencoded\r\n", fx->cookie);
	http(fx, "POST", "/login", extra.buf, body.buf, r);
	strbuf_release(&body);
	strbuf_release(&extra);
}

/* POST /login as name with password; returns the status, and the session
 * cookie ("rc_session=...") in session when one is set. */
static int login(const struct fixture *fx, const char *name, const char *pw,
		 char *session, size_t size)
{
	struct reply r;
	int status;

	login_reply(fx, name, pw, &r);
	status = r.status;
	if (session != NULL && strstr(r.head.buf, "rc_session=") != NULL) {
		memcpy(session, "rc_session", 10);
		grab(r.head.buf, "Set-Cookie: rc_session", ";", session + 10,
		     size - 10);
	}
	reply_release(&r);
	return status;
}

/* GET / with the cookies given ("a=b; c=d") and copy its form token. */
static void page_token(const struct fixture *fx, const char *cookies,
		       char *token, size_t size)
{
	char extra[320];
	struct reply r;

	snprintf(extra, sizeof(extra), "Cookie: %s\r\n", cookies);
	http(fx, "GET", "/", extra, NULL, &r);
	assert_int_equal(r.status, 200);
	grab(r.body.buf, "name=\"csrf\" value=\"", "\"", token, size);
	reply_release(&r);
}

/* POST "csrf=TOKEN&FIELDS" to path with the cookies; returns the status
 * and leaves the answer in r (reply_release). */
static int post_form(const struct fixture *fx, const char *path,
		     const char *cookies, const char *token,
		     const char *fields, struct reply *r)
{
	struct strbuf body = STRBUF_INIT, extra = STRBUF_INIT;

	strbuf_addf(&body, "csrf=%s%s", token, fields);
	strbuf_addf(&extra, "Cookie: %s\r\nContent-Type: application/"
		    "x-www-form-urlencoded\r\n", cookies);
	http(fx, "POST", path, extra.buf, body.buf, r);
	strbuf_release(&body);
	strbuf_release(&extra);
	return r->status;
}

/*
 * The form token is bound to the session once signed in: the token of
 * the page before sign-in, or of another session, is refused with the
 * session cookie; the session's own token passes. The login answer
 * replaces the pre-session nonce (login CSRF, fixation).
 */
static void test_csrf_bound(void **state)
{
	const struct login_fixture *lf = *state;
	char s1[128] = "", s2[128] = "", c1[400], c2[400], t1[64], t2[64];
	struct strbuf body = STRBUF_INIT, extra = STRBUF_INIT;
	struct reply r;

	strbuf_addf(&body, "csrf=%s&name=alice&password=correct+horse+battery",
		    lf->fx.token);
	strbuf_addf(&extra, "Cookie: %s\r\nContent-Type: application/"
		    "x-www-form-urlencoded\r\n", lf->fx.cookie);
	http(&lf->fx, "POST", "/login", extra.buf, body.buf, &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.head.buf, "Set-Cookie: rc_csrf="));
	assert_null(strstr(r.head.buf, lf->fx.cookie));
	reply_release(&r);
	assert_int_equal(login(&lf->fx, "alice", "correct+horse+battery", s1,
			       sizeof(s1)), 303);
	assert_int_equal(login(&lf->fx, "bob", "another+long+secret", s2,
			       sizeof(s2)), 303);
	snprintf(c1, sizeof(c1), "%s; %s", lf->fx.cookie, s1);
	snprintf(c2, sizeof(c2), "%s; %s", lf->fx.cookie, s2);
	page_token(&lf->fx, c1, t1, sizeof(t1));
	page_token(&lf->fx, c2, t2, sizeof(t2));
	assert_string_not_equal(t1, lf->fx.token);
	assert_string_not_equal(t1, t2);
	assert_int_equal(post_form(&lf->fx, "/check", c1, lf->fx.token,
				   "&area=heel", &r), 403);
	assert_non_null(strstr(r.body.buf, "This form has expired"));
	reply_release(&r);
	assert_int_equal(post_form(&lf->fx, "/check", c1, t2, "&area=heel",
				   &r), 403);
	reply_release(&r);
	assert_int_equal(post_form(&lf->fx, "/check", c1, t1,
				   "&area=heel&s=tight" ALL_NO, &r), 200);
	reply_release(&r);
	strbuf_release(&body);
	strbuf_release(&extra);
}

/* Whether GET / with the cookies is answered as signed in (200) rather
 * than sent to the login (303). */
static bool signed_in(const struct fixture *fx, const char *session)
{
	char extra[320];
	struct reply r;
	int status;

	snprintf(extra, sizeof(extra), "Cookie: %s; %s\r\n", fx->cookie,
		 session);
	http(fx, "GET", "/", extra, NULL, &r);
	status = r.status;
	reply_release(&r);
	if (status != 200 && status != 303)
		fail_msg("GET / signed in or not: status %d", status);
	return status == 200;
}

/*
 * Every session of an account ends at once: by "sign out everywhere" on
 * the web, by a new password and by removing the account in the accounts
 * file (as `runcare user` in another process does), while the other
 * account's sessions stay.
 */
static void test_sessions_end(void **state)
{
	const struct login_fixture *lf = *state;
	char a1[128] = "", a2[128] = "", b1[128] = "", c[400], t[64];
	struct reply r;
	struct err e;

	assert_int_equal(login(&lf->fx, "alice", "correct+horse+battery", a1,
			       sizeof(a1)), 303);
	assert_int_equal(login(&lf->fx, "alice", "correct+horse+battery", a2,
			       sizeof(a2)), 303);
	assert_int_equal(login(&lf->fx, "bob", "another+long+secret", b1,
			       sizeof(b1)), 303);
	snprintf(c, sizeof(c), "%s; %s", lf->fx.cookie, a1);
	page_token(&lf->fx, c, t, sizeof(t));
	assert_int_equal(post_form(&lf->fx, "/logout/all", c, lf->fx.token,
				   "", &r), 403);	/* CSRF-checked */
	reply_release(&r);
	assert_true(signed_in(&lf->fx, a2));
	assert_int_equal(post_form(&lf->fx, "/logout/all", c, t, "", &r), 303);
	assert_non_null(strstr(r.head.buf, "Location: /login"));
	reply_release(&r);
	assert_false(signed_in(&lf->fx, a1));
	assert_false(signed_in(&lf->fx, a2));
	assert_true(signed_in(&lf->fx, b1));

	/* A new password ends the sessions made before it. */
	assert_int_equal(login(&lf->fx, "alice", "correct+horse+battery", a1,
			       sizeof(a1)), 303);
	assert_int_equal(auth_user_passwd(lf->accounts, "alice",
					  "correct horse battery", &e), 0);
	assert_false(signed_in(&lf->fx, a1));
	assert_true(signed_in(&lf->fx, b1));
	assert_int_equal(auth_user_passwd(lf->accounts, "carol",
					  "a third long secret", &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);

	/* Removed, and added again with the same password: the old session
	 * stays ended. */
	assert_int_equal(auth_user_remove(lf->accounts, "bob", &e), 0);
	assert_false(signed_in(&lf->fx, b1));
	assert_int_equal(auth_user_add(lf->accounts, "bob",
				       "another long secret", &e), 0);
	assert_false(signed_in(&lf->fx, b1));
}

/* Past AUTH_SESSIONS_PER_ACCOUNT sessions a sign-in ends the account's
 * oldest session only; another account's session stays. */
static void test_session_limit(void **state)
{
	const struct login_fixture *lf = *state;
	char s[AUTH_SESSIONS_PER_ACCOUNT + 1][128], b[128] = "";

	assert_int_equal(login(&lf->fx, "bob", "another+long+secret", b,
			       sizeof(b)), 303);
	for (int i = 0; i <= AUTH_SESSIONS_PER_ACCOUNT; i++) {
		s[i][0] = '\0';
		assert_int_equal(login(&lf->fx, "alice",
				       "correct+horse+battery", s[i],
				       sizeof(s[i])), 303);
	}
	assert_false(signed_in(&lf->fx, s[0]));
	for (int i = 1; i <= AUTH_SESSIONS_PER_ACCOUNT; i++)
		assert_true(signed_in(&lf->fx, s[i]));
	assert_true(signed_in(&lf->fx, b));
}

/*
 * A session ends when unused for the idle time and, used or not, at its
 * absolute lifetime (here 2 s and 3 s instead of 30 minutes and 12 hours,
 * on a restarted server); the cookie's Max-Age is that lifetime.
 */
static void test_session_expiry(void **state)
{
	struct login_fixture *lf = *state;
	char s1[128] = "", s2[128] = "";
	struct reply r;

	web_server_stop(lf->fx.server);
	lf->cfg.session_idle_s = 2;
	lf->cfg.session_max_s = 3;
	start_login_server(lf);
	login_reply(&lf->fx, "alice", "correct+horse+battery", &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.head.buf, "; Max-Age=3"));
	reply_release(&r);
	assert_int_equal(login(&lf->fx, "alice", "correct+horse+battery", s1,
			       sizeof(s1)), 303);
	assert_int_equal(login(&lf->fx, "bob", "another+long+secret", s2,
			       sizeof(s2)), 303);
	/* s1 is used every second, s2 left alone. */
	for (int i = 0; i < 2; i++) {
		usleep(1100 * 1000);
		assert_true(signed_in(&lf->fx, s1));
	}
	usleep(1100 * 1000);
	assert_false(signed_in(&lf->fx, s2));	/* idle 3 s > 2 s */
	(void)signed_in(&lf->fx, s1);		/* 3 s: either way */
	usleep(1100 * 1000);
	assert_false(signed_in(&lf->fx, s1));	/* more than 3 s old */
	web_server_stop(lf->fx.server);
	lf->cfg.session_idle_s = 0;
	lf->cfg.session_max_s = 0;
	start_login_server(lf);
}

/* POST /login as name with password from the fixture's address; returns
 * the status and the Retry-After seconds (0 when none) in wait. */
static int login_wait(const struct fixture *fx, const char *name,
		      const char *pw, unsigned *wait)
{
	const char *ra;
	struct reply r;
	int status;

	login_reply(fx, name, pw, &r);
	status = r.status;
	ra = strstr(r.head.buf, "\r\nRetry-After: ");
	*wait = ra != NULL ? (unsigned)strtoul(ra + 15, NULL, 10) : 0;
	if (status == 429 && (ra == NULL || *wait == 0))
		fail_msg("429 without Retry-After:\n%s", r.head.buf);
	if (status == 429 && strstr(r.body.buf, "Too many failed sign-ins")
	    == NULL)
		fail_msg("429 without its message");
	reply_release(&r);
	return status;
}

/* From address from, n failed sign-ins as name, each answered 401. */
static void fail_n(struct fixture *fx, const char *from, const char *name,
		   int n)
{
	unsigned wait;

	snprintf(fx->from, sizeof(fx->from), "%s", from);
	for (int i = 0; i < n; i++)
		if (login_wait(fx, name, "not+the+password", &wait) != 401)
			fail_msg("%s from %s, failure %d: not 401 (wait %u)",
				 name, from, i + 1, wait);
}

static void test_login_needed(void **state)
{
	const struct login_fixture *lf = *state;
	struct strbuf extra = STRBUF_INIT;
	struct reply r;

	http(&lf->fx, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.head.buf, "Location: /login"));
	reply_release(&r);
	http(&lf->fx, "GET", "/static/app.css", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	reply_release(&r);
	strbuf_addf(&extra, "Cookie: %s\r\nContent-Type: application/"
		    "x-www-form-urlencoded\r\n", lf->fx.cookie);
	http(&lf->fx, "POST", "/check", extra.buf, "area=heel", &r);
	assert_int_equal(r.status, 403);
	reply_release(&r);
	strbuf_release(&extra);
}

static void test_login_session(void **state)
{
	const struct login_fixture *lf = *state;
	char session[128] = "", session2[128] = "";
	struct strbuf extra = STRBUF_INIT;
	struct reply r;

	assert_int_equal(login(&lf->fx, "bob", "wrong+password+here", session,
			       sizeof(session)), 401);
	assert_string_equal(session, "");
	assert_int_equal(login(&lf->fx, "bob", "another+long+secret", session,
			       sizeof(session)), 303);
	/* At least 128 random bits: 32 bytes as 43 base64url characters. */
	assert_int_equal(strlen(session), strlen("rc_session=") + 43);
	assert_int_equal(login(&lf->fx, "bob", "another+long+secret",
			       session2, sizeof(session2)), 303);
	assert_string_not_equal(session, session2);	/* renewed */
	strbuf_addf(&extra, "Cookie: %s; %s\r\n", lf->fx.cookie, session2);
	http(&lf->fx, "GET", "/", extra.buf, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body.buf, "Sign out bob"));
	reply_release(&r);
	{
		char cookies[400], token[64];

		snprintf(cookies, sizeof(cookies), "%s; %s", lf->fx.cookie,
			 session2);
		page_token(&lf->fx, cookies, token, sizeof(token));
		assert_int_equal(post_form(&lf->fx, "/logout", cookies, token,
					   "", &r), 303);
		assert_non_null(strstr(r.head.buf, "Max-Age=0"));
		/* A new nonce, so the one before does not carry over. */
		assert_non_null(strstr(r.head.buf, "Set-Cookie: rc_csrf="));
		assert_null(strstr(r.head.buf, lf->fx.cookie));
		reply_release(&r);
	}
	strbuf_reset(&extra);
	strbuf_addf(&extra, "Cookie: %s; %s\r\n", lf->fx.cookie, session2);
	http(&lf->fx, "GET", "/", extra.buf, NULL, &r);
	assert_int_equal(r.status, 303);	/* the session is gone */
	reply_release(&r);
	strbuf_release(&extra);
}

/*
 * Failures of one account from one address: three free, then a wait that
 * doubles (1 s, 2 s), then the hourly cap (5 here, AUTH_PAIR_PER_HOUR by
 * default). While held back even the right password gets 429, so the
 * answer says nothing about it. The right password from another address
 * still signs in, an unknown name is held back just the same, and a
 * restart keeps the count.
 */
static void test_login_limit(void **state)
{
	struct login_fixture *lf = *state;
	struct fixture *fx = &lf->fx;
	char path[160];
	struct stat st;
	unsigned wait;

	fail_n(fx, "127.0.0.1", "alice", AUTH_FREE_FAILURES);
	assert_int_equal(login_wait(fx, "alice", "not+the+password", &wait),
			 429);
	assert_int_equal(wait, 1);
	assert_int_equal(login_wait(fx, "alice", "correct+horse+battery",
				    &wait), 429);
	snprintf(fx->from, sizeof(fx->from), "127.0.0.2");
	assert_int_equal(login_wait(fx, "alice", "correct+horse+battery",
				    &wait), 303);
	usleep(1100 * 1000);
	fail_n(fx, "127.0.0.1", "alice", 1);
	assert_int_equal(login_wait(fx, "alice", "correct+horse+battery",
				    &wait), 429);
	assert_int_equal(wait, 2);
	usleep(2100 * 1000);
	fail_n(fx, "127.0.0.1", "alice", 1);
	assert_int_equal(login_wait(fx, "alice", "correct+horse+battery",
				    &wait), 429);
	assert_true(wait > 3500 && wait <= 3600);	/* the hourly cap */

	fail_n(fx, "127.0.0.3", "nobody", AUTH_FREE_FAILURES);
	assert_int_equal(login_wait(fx, "nobody", "x", &wait), 429);

	/* Kept beside the accounts file, private, through a restart. */
	snprintf(path, sizeof(path), "%s.failures", lf->accounts);
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	web_server_stop(fx->server);
	start_login_server(lf);
	snprintf(fx->from, sizeof(fx->from), "127.0.0.1");
	assert_int_equal(login_wait(fx, "alice", "correct+horse+battery",
				    &wait), 429);
	assert_true(wait > 3500);
	assert_int_equal(login_wait(fx, "bob", "another+long+secret", &wait),
			 303);
	fx->from[0] = '\0';
}

/* The right password of name is held back for the rest of the hour from
 * address held, and signs in from address other. */
static void held_not_elsewhere(struct fixture *fx, const char *held,
			       const char *other, const char *name,
			       const char *pw)
{
	unsigned wait;

	snprintf(fx->from, sizeof(fx->from), "%s", held);
	assert_int_equal(login_wait(fx, name, pw, &wait), 429);
	assert_true(wait > 3500);
	snprintf(fx->from, sizeof(fx->from), "%s", other);
	assert_int_equal(login_wait(fx, name, pw, &wait), 303);
	fx->from[0] = '\0';
}

/*
 * An account under attack from many addresses (AUTH_ACCOUNT_PAIRS caps of
 * failures): an address that has failed on it is capped after
 * AUTH_FREE_FAILURES, not merely slowed, while the right password from an
 * address without failures still signs in.
 */
static void test_login_attack(void **state)
{
	struct login_fixture *lf = *state;
	struct fixture *fx = &lf->fx;
	unsigned total = 0;
	char from[16];

	for (int i = 0; total < AUTH_ACCOUNT_PAIRS * 5; i++) {
		snprintf(from, sizeof(from), "127.0.1.%d", 10 + i);
		fail_n(fx, from, "bob", AUTH_FREE_FAILURES);
		total += AUTH_FREE_FAILURES;
	}
	fail_n(fx, "127.0.2.1", "bob", AUTH_FREE_FAILURES);
	held_not_elsewhere(fx, "127.0.2.1", "127.0.2.2", "bob",
			   "another+long+secret");
}

/*
 * One address failing on many names (AUTH_ADDRESS_PAIRS caps) waits out
 * its hour for every name, so it cannot fill the table; other addresses
 * are not held back.
 */
static void test_login_spray(void **state)
{
	struct login_fixture *lf = *state;
	struct fixture *fx = &lf->fx;
	char name[16];

	for (int n = 0; n < AUTH_ADDRESS_PAIRS * 5; n++) {
		snprintf(name, sizeof(name), "user%d", n / AUTH_FREE_FAILURES);
		fail_n(fx, "127.0.3.1", name, 1);
	}
	held_not_elsewhere(fx, "127.0.3.1", "127.0.3.2", "alice",
			   "correct+horse+battery");
}

/* ---- The journal's forms: a sequence of requests on one journal ---- */

/* POST body (urlencoded, "%T" for the token) to path with the cookie. */
static void post(const struct fixture *fx, const char *path,
		 const char *body, struct reply *out)
{
	struct strbuf extra = STRBUF_INIT, b = STRBUF_INIT;
	const char *t = strstr(body, "%T");

	strbuf_addf(&extra, "Cookie: %s\r\nContent-Type: "
		    "application/x-www-form-urlencoded\r\n", fx->cookie);
	if (t != NULL) {
		strbuf_add(&b, body, (size_t)(t - body));
		strbuf_addstr(&b, fx->token);
		strbuf_addstr(&b, t + 2);
	} else {
		strbuf_addstr(&b, body);
	}
	http(fx, "POST", path, extra.buf, b.buf, out);
	strbuf_release(&extra);
	strbuf_release(&b);
}

static void get(const struct fixture *fx, const char *path,
		struct reply *out)
{
	http(fx, "GET", path, NULL, NULL, out);
}

/* Fail unless every one of the NULL-ended texts is in r's body (or,
 * with absent, none is). */
static void body_has(const char *what, const struct reply *r, bool absent,
		     ...)
{
	va_list ap;
	const char *t;

	va_start(ap, absent);
	while ((t = va_arg(ap, const char *)) != NULL)
		if ((strstr(r->body.buf, t) == NULL) != absent)
			fail_msg("%s: \"%s\" %s\n%s", what, t,
				 absent ? "present" : "missing", r->body.buf);
	va_end(ap);
}

/* The id after "key=" in the Location header of a 303. */
static long long saved_id(const char *what, const struct reply *r,
			  const char *key, char *location, size_t size)
{
	char k[32];
	const char *p;

	if (r->status != 303)
		fail_msg("%s: status %d, want 303\n%s", what, r->status,
			 r->body.buf);
	grab(r->head.buf, "Location: ", "\r", location, size);
	if (strchr(location, '#') == NULL)
		fail_msg("%s: %s scrolls to no entry", what, location);
	*strchr(location, '#') = '\0';	/* a browser keeps it to itself */
	snprintf(k, sizeof k, "&%s=", key);
	p = strstr(location, k);
	if (p == NULL)
		fail_msg("%s: no %s in %s", what, key, location);
	return strtoll(p + strlen(k), NULL, 10);
}

/* The hidden inputs of the form whose action is action, in r's body,
 * as an urlencoded body (HTML entities decoded, then percent-encoded). */
static void hidden_fields(const struct reply *r, const char *action,
			  struct strbuf *out)
{
	static const char *const ents[][2] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" },
	};
	char key[80];
	const char *p, *end;

	snprintf(key, sizeof key, "action=\"%s\"", action);
	p = strstr(r->body.buf, key);
	assert_non_null(p);
	end = strstr(p, "</form>");
	assert_non_null(end);
	while ((p = strstr(p, "<input type=\"hidden\" name=\"")) != NULL &&
	       p < end) {
		const char *name = p + 27, *v = strstr(name, "value=\"") + 7;

		strbuf_addf(out, "%s%.*s=", out->len ? "&" : "",
			    (int)strcspn(name, "\""), name);
		while (*v != '"') {
			size_t i, n = 0;

			for (i = 0; i < 5; i++)
				if (strncmp(v, ents[i][0],
					    strlen(ents[i][0])) == 0)
					break;
			if (i < 5) {
				n = strlen(ents[i][0]);
				strbuf_addf(out, "%%%02X",
					    (unsigned char)ents[i][1][0]);
			} else {
				n = 1;
				strbuf_addf(out, "%%%02X", (unsigned char)*v);
			}
			v += n;
		}
		p = v;
	}
}

static void test_journal_forms(void **state)
{
	const struct fixture *fx = *state;
	struct strbuf undo = STRBUF_INIT;
	char loc[512], path[600];
	long long pain, massage, back, kept;
	struct reply r;

	/* The forms ask what `runcare log` takes, nothing answered. */
	get(fx, "/journal?person=Bo", &r);
	assert_int_equal(r.status, 303);	/* nobody called Bo yet */
	reply_release(&r);
	post(fx, "/people", "csrf=%T&name=Bo", &r);
	reply_release(&r);
	get(fx, "/journal?person=Bo", &r);
	body_has("pain form", &r, false,
		 "name=\"q-night_pain\" value=\"unasked\"",
		 "name=\"q-limp_after\" value=\"no\"",
		 "id=\"pain-s-tight\" name=\"s\" value=\"tight\"",
		 "<select id=\"pain-side\" name=\"side\">",
		 "id=\"massage-region-calf\" name=\"region\" value=\"calf\"",
		 "name=\"pick\" value=\"calf\" formaction=\"/journal#massage-"
		 "where\"", NULL);
	body_has("pain form", &r, true, " checked", NULL);
	reply_release(&r);

	/* A pain with its side, a symptom and two questions answered. */
	post(fx, "/journal", "csrf=%T&person=Bo&kind=pain&date=2026-11-27"
	     "&area=knee&side=left&run=4&s=tight&q-night_pain=no"
	     "&q-stride_change=yes&q-limp_after=unasked", &r);
	pain = saved_id("log pain", &r, "saved", loc, sizeof loc);
	snprintf(path, sizeof path, "#entry-%lld\r", pain);
	assert_non_null(strstr(r.head.buf, path));
	reply_release(&r);
	get(fx, loc, &r);
	snprintf(path, sizeof path, "<tr id=\"entry-%lld\" class=\"saved\">",
		 pain);
	body_has("saved pain", &r, false, "role=\"status\"",
		 "<strong>Saved:</strong> the pain entry of 2026-11-27 (Knee: "
		 "running 4/10; side: left; reported: feels tight, stiff or "
		 "guarded, ", "answered no: 1 question)", path, NULL);
	reply_release(&r);
	snprintf(path, sizeof path, "/journal/edit?id=%lld&person=Bo", pain);
	get(fx, path, &r);
	body_has("edit pain", &r, false, "<option value=\"left\" selected>",
		 "name=\"q-night_pain\" value=\"no\" checked",
		 "name=\"q-stride_change\" value=\"yes\" checked",
		 "name=\"q-limp_after\" value=\"unasked\" checked",
		 NULL);
	body_has("edit pain", &r, false,
		 "name=\"s\" value=\"tight\" checked", NULL);
	reply_release(&r);
	post(fx, "/journal", "csrf=%T&person=Bo&kind=pain&area=knee"
	     "&q-night_pain=maybe", &r);
	assert_int_equal(r.status, 400);
	body_has("bad answer", &r, false, "q-night_pain: expected yes, no or "
		 "not asked", NULL);
	reply_release(&r);

	/* A massage: a map click shows the form again with the region
	 * added and the rest kept, and stores nothing. */
	post(fx, "/journal", "csrf=%T&person=Bo&kind=massage&date=2026-11-28"
	     "&type=deep_tissue&pressure=6&flare=30&felt=no_change"
	     "&region=calf&pick=hamstrings", &r);
	assert_int_equal(r.status, 200);
	body_has("map click", &r, false,
		 "name=\"region\" value=\"calf\" checked",
		 "name=\"region\" value=\"hamstrings\" checked",
		 "<option value=\"deep_tissue\" selected>",
		 "<option value=\"6\" selected>", "value=\"30\"",
		 "<option value=\"no_change\" selected>",
		 "name=\"date\" type=\"date\" required value=\"2026-11-28\"",
		 NULL);
	body_has("map click", &r, true, "Deep tissue, pressure", NULL);
	check_svgs("map click", r.body.buf);
	reply_release(&r);
	post(fx, "/journal", "csrf=%T&person=Bo&kind=massage&region=calf"
	     "&region=hamstrings&pick=calf", &r);
	body_has("second click", &r, false,
		 "name=\"region\" value=\"hamstrings\" checked", NULL);
	body_has("second click", &r, true,
		 "name=\"region\" value=\"calf\" checked", NULL);
	reply_release(&r);
	post(fx, "/journal", "csrf=%T&person=Bo&kind=massage&region=elbow",
	     &r);
	assert_int_equal(r.status, 400);
	body_has("bad region", &r, false, "Where it worked: unknown region "
		 "&quot;elbow&quot;", NULL);
	reply_release(&r);
	post(fx, "/journal", "csrf=%T&person=Bo&kind=massage&date=2026-11-28"
	     "&type=deep_tissue&pressure=6&flare=30&bruised=1"
	     "&felt=no_change&region=calf&region=hamstrings", &r);
	massage = saved_id("log massage", &r, "saved", loc, sizeof loc);
	reply_release(&r);
	snprintf(path, sizeof path, "csrf=%%T&person=Bo&id=%lld&kind=massage"
		 "&pressure=3&region=calf&pick=glutes", massage);
	post(fx, "/journal/edit", path, &r);
	assert_int_equal(r.status, 200);
	body_has("map click on edit", &r, false, "<h2>Edit a massage</h2>",
		 "name=\"region\" value=\"glutes\" checked",
		 "<option value=\"3\" selected>",
		 "formaction=\"/journal/edit#massage-where\"", NULL);
	reply_release(&r);
	get(fx, loc, &r);
	body_has("saved massage", &r, false, "<strong>Saved:</strong> the "
		 "massage entry of 2026-11-28 (Deep tissue, pressure 6/10, "
		 "flared 30 h, bruised or limping; felt ",
		 "worked on: Calf, back of the lower leg, Back of the thigh)",
		 NULL);
	reply_release(&r);

	/* The intake of Bo starts from the journal: the last massage and
	 * the last pain's area and side, and no warning sign answered. */
	get(fx, "/?person=Bo", &r);
	body_has("prefill", &r, false, "id=\"area-knee\" name=\"area\" "
		 "value=\"knee\" checked", "id=\"side-left\" name=\"side\" "
		 "value=\"left\" checked", "<option value=\"6\" selected>6",
		 "id=\"lm_flare_hours\" name=\"lm_flare_hours\" type=\"number\" "
		 "min=\"0\" max=\"1000\" step=\"any\" inputmode=\"decimal\" "
		 "value=\"30\"", NULL);
	body_has("prefill", &r, false, "name=\"lm_bruised\" value=\"1\" "
		 "checked", "From the journal", NULL);
	body_has("prefill", &r, true, "value=\"no\" checked",
		 "value=\"yes\" checked", NULL);
	reply_release(&r);
	get(fx, "/", &r);
	body_has("no person, no prefill", &r, true, "From the journal",
		 "name=\"area\" value=\"knee\" checked", NULL);
	reply_release(&r);

	/* Delete asks first, then can be undone with all the data. */
	snprintf(path, sizeof path, "/journal/delete?id=%lld&person=Bo", pain);
	get(fx, path, &r);
	assert_int_equal(r.status, 200);
	body_has("ask", &r, false, "Delete this entry?",
		 "action=\"/journal/delete\"", "Keep it", NULL);
	reply_release(&r);
	get(fx, "/journal?person=Bo", &r);
	snprintf(path, sizeof path, "id=\"entry-%lld\"", pain);
	body_has("asked, not deleted", &r, false, path, NULL);
	reply_release(&r);
	snprintf(path, sizeof path, "csrf=%%T&person=Bo&id=%lld", pain);
	post(fx, "/journal/delete", path, &r);
	assert_int_equal(r.status, 200);
	body_has("deleted", &r, false, "<strong>Deleted:</strong> the pain "
		 "entry of 2026-11-27", "action=\"/journal/undo\"",
		 "name=\"deleted_at\"", NULL);
	hidden_fields(&r, "/journal/undo", &undo);
	reply_release(&r);
	get(fx, "/journal?person=Bo", &r);
	snprintf(path, sizeof path, "id=\"entry-%lld\"", pain);
	body_has("gone", &r, true, path, NULL);
	reply_release(&r);
	post(fx, "/journal/undo", undo.buf, &r);
	back = saved_id("undo", &r, "restored", loc, sizeof loc);
	assert_true(back != pain);
	reply_release(&r);
	get(fx, loc, &r);
	body_has("restored", &r, false, "<strong>Restored:</strong> the pain "
		 "entry of 2026-11-27 (Knee: running 4/10; side: left; "
		 "reported: feels tight, stiff or guarded, ",
		 "answered no: 1 question)", NULL);
	reply_release(&r);
	post(fx, "/journal/undo", "csrf=%T&person=Bo&kind=pain&area=knee"
	     "&deleted_at=1000", &r);
	assert_int_equal(r.status, 400);
	body_has("late undo", &r, false, "that minute is over", NULL);
	reply_release(&r);
	strbuf_release(&undo);

	/* A deleted massage comes back with its regions and bruising. */
	snprintf(path, sizeof path, "csrf=%%T&person=Bo&id=%lld", massage);
	post(fx, "/journal/delete", path, &r);
	strbuf_init(&undo, 0);
	hidden_fields(&r, "/journal/undo", &undo);
	reply_release(&r);
	post(fx, "/journal/undo", undo.buf, &r);
	saved_id("undo massage", &r, "restored", loc, sizeof loc);
	reply_release(&r);
	get(fx, loc, &r);
	body_has("massage restored", &r, false, "(Deep tissue, pressure 6/10, "
		 "flared 30 h, bruised or limping; felt ",
		 "worked on: Calf, back of the lower leg, Back of the thigh)",
		 NULL);
	reply_release(&r);
	strbuf_release(&undo);

	/* A result kept in the journal in one click. */
	post(fx, "/check", "csrf=%T&person=Bo&area=shin&side=right"
	     "&pain_rest=1&pain_run=3&s=tight" ALL_NO "&q-focal_shin_pain=no",
	     &r);
	assert_int_equal(r.status, 200);
	body_has("result", &r, false, "Save in the journal of Bo",
		 "name=\"side\" value=\"right\"", NULL);
	strbuf_init(&undo, 0);
	hidden_fields(&r, "/journal", &undo);
	reply_release(&r);
	post(fx, "/journal", undo.buf, &r);
	kept = saved_id("keep result", &r, "saved", loc, sizeof loc);
	assert_true(kept > back);
	reply_release(&r);
	get(fx, loc, &r);
	body_has("result kept", &r, false, "(Shin: at rest 1/10, running "
		 "3/10; side: right; reported: feels tight, stiff or guarded; "
		 "answered no: 10 questions)", NULL);
	reply_release(&r);
	strbuf_release(&undo);
}

/* ---- Request heads: a deadline and caps (guard.h), set low here ---- */

#define HEAD_MS 1500

static int setup_guard(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct web_config cfg = { .listen = "127.0.0.1:0", .threads = 2,
				  .head_timeout_ms = HEAD_MS,
				  .head_per_addr = 4, .head_total = 8 };
	struct err e;

	snprintf(fx->dir, sizeof(fx->dir), "/tmp/runcare-http-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->db, sizeof(fx->db), "%s/journal.db", fx->dir);
	cfg.db_path = fx->db;
	fx->kb = kb_load_builtin(&e);
	assert_non_null(fx->kb);
	cfg.kb = fx->kb;
	fx->server = web_server_start(&cfg, &e);
	if (fx->server == NULL)
		fail_msg("start: %s", e.msg);
	assert_int_equal(sscanf(web_server_url(fx->server),
				"http://127.0.0.1:%u/", &fx->port), 1);
	*state = fx;
	return 0;
}

static long ms_since(const struct timeval *t0)
{
	struct timeval t;

	gettimeofday(&t, NULL);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_usec - t0->tv_usec) / 1000;
}

/* Whether the server has closed fd, waiting up to ms for it. */
static bool closed_within(int fd, int ms)
{
	struct timeval tv = { .tv_sec = ms / 1000,
			      .tv_usec = (ms % 1000) * 1000 };
	char c;
	ssize_t n;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	n = recv(fd, &c, 1, 0);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* A socket from from that has sent the start of a head and stalls. */
static int stalled(const struct fixture *fx, const char *from)
{
	static const char start[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
	int fd = connect_from(fx, from);

	assert_int_equal(send(fd, start, strlen(start), MSG_NOSIGNAL),
			 (ssize_t)strlen(start));
	usleep(20 * 1000);	/* the guard sees them in this order */
	return fd;
}

static int get_from(const struct fixture *fx, const char *from)
{
	static const char req[] = "GET /static/app.css HTTP/1.1\r\nHost: "
				  "127.0.0.1\r\nConnection: close\r\n\r\n";
	struct reply r;
	int status;

	http_raw_from(fx, from, req, strlen(req), &r);
	status = r.status;
	reply_release(&r);
	return status;
}

/* A head that gets one header line every every_ms is closed once
 * limit_ms have passed since it began, not before, not much after. */
static void trickle_closed(const struct fixture *fx, long limit_ms,
			   int every_ms)
{
	struct timeval t0;
	int fd = connect_from(fx, NULL);
	bool closed = false;

	gettimeofday(&t0, NULL);
	send(fd, "GET / HTTP/1.1\r\n", 16, MSG_NOSIGNAL);
	while (!closed && ms_since(&t0) < 2 * limit_ms) {
		closed = closed_within(fd, every_ms);
		if (!closed && send(fd, "X-Slow: 1\r\n", 11,
				    MSG_NOSIGNAL) < 0)
			closed = true;
	}
	if (!closed || ms_since(&t0) > limit_ms + 700)
		fail_msg("trickled head still open after %ld ms",
			 ms_since(&t0));
	if (ms_since(&t0) < limit_ms - 100)
		fail_msg("head closed after %ld ms, before the limit of %ld",
			 ms_since(&t0), limit_ms);
	close(fd);
	/* A whole request in time is answered. */
	assert_int_equal(get_from(fx, NULL), 200);
}

/* The limit set for the test: a header line every 300 ms. */
static void test_head_trickle(void **state)
{
	trickle_closed(*state, HEAD_MS, 300);
}

/* The default limit, 10 s: a header line every 5 s. */
static void test_head_default(void **state)
{
	trickle_closed(*state, 10000, 5000);
}

/*
 * Heads under way: 4 per address, 8 in all. On loopback, 127.0.0.2 and
 * 127.0.0.3 are other addresses, so other visitors can be played.
 */
static void test_head_caps(void **state)
{
	const struct fixture *fx = *state;
	int one[6], three[4];

	for (int i = 0; i < 6; i++)
		one[i] = stalled(fx, "127.0.0.1");
	/* Over the cap of the address: closed at once, the first four are
	 * kept. */
	assert_true(closed_within(one[4], 500));
	assert_true(closed_within(one[5], 500));
	for (int i = 0; i < 4; i++)
		assert_false(closed_within(one[i], 50));
	/* That address is full, another one is served. */
	assert_int_equal(get_from(fx, "127.0.0.1"), 0);
	assert_int_equal(get_from(fx, "127.0.0.2"), 200);
	/* Eight in all: the next visitor closes the oldest head of an
	 * address holding the most, and is served. */
	for (int i = 0; i < 4; i++)
		three[i] = stalled(fx, "127.0.0.3");
	assert_int_equal(get_from(fx, "127.0.0.2"), 200);
	assert_true(closed_within(one[0], 500));
	assert_false(closed_within(one[1], 50));
	assert_false(closed_within(three[0], 50));
	/* Past the deadline every stalled head is closed, and the first
	 * address is served again. */
	for (int i = 1; i < 4; i++)
		assert_true(closed_within(one[i], HEAD_MS + 700));
	for (int i = 0; i < 4; i++)
		assert_true(closed_within(three[i], HEAD_MS + 700));
	assert_int_equal(get_from(fx, "127.0.0.1"), 200);
	for (int i = 0; i < 6; i++)
		close(one[i]);
	for (int i = 0; i < 4; i++)
		close(three[i]);
}

/* The brief is signed by the account that asked for it. */
static void test_login_brief_signed(void **state)
{
	const struct login_fixture *lf = *state;
	char session[128] = "", cookies[320], token[128], body[320];
	struct strbuf extra = STRBUF_INIT;
	struct reply r;

	assert_int_equal(login(&lf->fx, "bob", "another+long+secret", session,
			       sizeof(session)), 303);
	snprintf(cookies, sizeof(cookies), "%s; %s", lf->fx.cookie, session);
	page_token(&lf->fx, cookies, token, sizeof(token));
	strbuf_addf(&extra, "Cookie: %s\r\nContent-Type: application/"
		    "x-www-form-urlencoded\r\n", cookies);
	snprintf(body, sizeof(body), "csrf=%s&person=Cy&kind=pain&area=knee"
		 "&pain_run=3", token);
	http(&lf->fx, "POST", "/journal", extra.buf, body, &r);
	assert_int_equal(r.status, 303);
	reply_release(&r);
	strbuf_reset(&extra);
	strbuf_addf(&extra, "Cookie: %s\r\n", cookies);
	http(&lf->fx, "GET", "/brief?person=Cy", extra.buf, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body.buf, " by bob</strong>"));
	assert_non_null(strstr(r.body.buf, "<h2 id=\"signs\">Warning signs"));
	reply_release(&r);
	strbuf_release(&extra);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_body_limit),
		cmocka_unit_test(test_upload),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_host),
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_journal_forms),
		cmocka_unit_test(test_head_default),
	};
	const struct CMUnitTest login_tests[] = {
		cmocka_unit_test(test_login_needed),
		cmocka_unit_test(test_login_session),
		cmocka_unit_test(test_login_brief_signed),
		cmocka_unit_test(test_csrf_bound),
		cmocka_unit_test(test_sessions_end),
		cmocka_unit_test(test_session_limit),
		cmocka_unit_test(test_session_expiry),
		cmocka_unit_test(test_login_limit),
		cmocka_unit_test(test_login_attack),
		cmocka_unit_test(test_login_spray),
	};
	const struct CMUnitTest guard_tests[] = {
		cmocka_unit_test(test_head_trickle),
		cmocka_unit_test(test_head_caps),
	};
	int failed = cmocka_run_group_tests(tests, setup, teardown);

	failed += cmocka_run_group_tests(login_tests, setup_login,
					 teardown_login);
	return failed + cmocka_run_group_tests(guard_tests, setup_guard,
					       teardown);
}
