/*
 * xml_track.c - one expat reader for GPX and TCX, driven by the element
 * tables in gpx.c and tcx.c (see xml_track.h).
 *
 * At the start of a parse the table's element and parent names are put in
 * one small list of names; the stack of open elements then holds indexes
 * into that list (or -1 for an element the table never mentions), so no
 * element name is ever copied. Only the text of wanted elements is kept,
 * in a fixed buffer.
 */
#include "import/xml_track.h"

#include "core/xmalloc.h"

/* The library is built with DTD support (needed for the billion-laughs
 * protection calls); the header only declares them when told so. */
#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XML_MAX_DEPTH 256
#define XML_MAX_NAMES 32
#define XML_TEXT_MAX 128
#define XML_CHUNK 65536

struct xml_state {
	const struct xml_format *fmt;
	struct activity_sum *sum;
	XML_Parser p;
	const char *names[XML_MAX_NAMES];
	int n_names;
	int row_name[XML_MAX_NAMES], row_parent[XML_MAX_NAMES];
	int stack[XML_MAX_DEPTH];
	int depth;		/* may exceed XML_MAX_DEPTH: then refused */
	bool seen_root;
	bool in_point;
	enum xml_field text_field;
	int text_depth;
	char text[XML_TEXT_MAX + 1];
	size_t text_len;
	bool text_overflow;
	struct activity_point pt;
	size_t untimed;
	char why[200];
	bool failed;
	struct xml_events *rec;	/* record events here instead of feeding sum */
	bool priming;		/* reading a window's prefix: emit nothing */
};

/* ---- what the reader hands on: fed to the summariser, or recorded ---- */

/* Hand one event to the summariser: the one mapping from events to
 * activity_sum calls, for a sequential read and for a window's replay. */
static void apply_event(struct activity_sum *s, const struct xml_event *ev)
{
	switch (ev->kind) {
	case XEV_POINT:
		activity_sum_point(s, &ev->u.pt);
		break;
	case XEV_SPORT:
		activity_sum_sport(s, ev->u.sport.sport);
		activity_sum_sport_word(s, ev->u.sport.word,
					strlen(ev->u.sport.word));
		break;
	case XEV_SEGMENT:
		activity_sum_segment(s, ev->u.new_track);
		break;
	case XEV_LEG_END:
		activity_sum_end_leg(s);
		break;
	case XEV_TOTALS:
		activity_sum_add_totals(s, ev->u.totals.distance_m,
					ev->u.totals.timer_s, NAN);
		break;
	}
}

/* Feed ev to the summariser, or append it to the window's record; nothing
 * while a window's prefix is read. */
static void emit(struct xml_state *x, const struct xml_event *ev)
{
	struct xml_events *r = x->rec;

	if (x->priming)
		return;
	if (r == NULL) {
		apply_event(x->sum, ev);
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = *ev;
}

static void emit_point(struct xml_state *x)
{
	struct xml_event ev = { .kind = XEV_POINT, .u.pt = x->pt };

	if (isnan(x->pt.t)) {
		if (!x->priming)
			x->untimed++;
		return;
	}
	emit(x, &ev);
}

/* The sport named by text[0..n) (not NUL-terminated). */
static void emit_sport(struct xml_state *x, const char *text, size_t n)
{
	struct xml_event ev = { .kind = XEV_SPORT };
	size_t k = n < sizeof(ev.u.sport.word) - 1 ? n :
		sizeof(ev.u.sport.word) - 1;

	ev.u.sport.sport = activity_sport_parse(text, n);
	memcpy(ev.u.sport.word, text, k);
	ev.u.sport.word[k] = '\0';
	emit(x, &ev);
}

static void emit_kind(struct xml_state *x, enum xml_event_kind kind,
		      bool new_track)
{
	struct xml_event ev = { .kind = kind, .u.new_track = new_track };

	emit(x, &ev);
}

static void emit_totals(struct xml_state *x, double dist, double timer)
{
	struct xml_event ev = { .kind = XEV_TOTALS,
				.u.totals = { dist, timer } };

	emit(x, &ev);
}

void xml_events_replay(const struct xml_events *r, struct activity_sum *s)
{
	for (size_t i = 0; i < r->n; i++)
		apply_event(s, &r->v[i]);
}

void xml_events_release(struct xml_events *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static const char *local_name(const char *name)
{
	const char *ln = name;

	for (const char *c = name; *c != '\0'; c++)
		if (*c == ':')
			ln = c + 1;
	return ln;
}

/* Names are compared on their first byte before strcmp: most elements
 * of a track differ there, and this runs for every element. */
static int name_index(const struct xml_state *x, const char *name)
{
	for (int i = 0; i < x->n_names; i++)
		if (x->names[i][0] == name[0] && strcmp(x->names[i], name) == 0)
			return i;
	return -1;
}

static int add_name(struct xml_state *x, const char *name)
{
	int i = name_index(x, name);

	if (i >= 0)
		return i;
	if (x->n_names >= XML_MAX_NAMES)
		return -1;
	x->names[x->n_names] = name;
	return x->n_names++;
}

static void fail(struct xml_state *x, const char *why)
{
	if (x->failed)
		return;
	x->failed = true;
	snprintf(x->why, sizeof(x->why), "line %lu: %s",
		 (unsigned long)XML_GetCurrentLineNumber(x->p), why);
	XML_StopParser(x->p, XML_FALSE);
}

/* Parse the whole of s as a finite number. */
/* Powers of ten that a double holds exactly. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15,
};

/*
 * The common case of a track value: [-]digits[.digits] with at most 15
 * digits in all. The digits form an integer below 2^53 and the power of
 * ten is exact, so one IEEE division gives the correctly rounded value,
 * the same as strtod. Returns false for anything else (strtod then).
 */
static bool number_fast(const char *s, double *out)
{
	bool neg = *s == '-';
	uint64_t m = 0;
	int digits = 0, frac = -1;

	if (neg)
		s++;
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			m = m * 10 + (uint64_t)(*s - '0');
			if (++digits > 15)
				return false;
			if (frac >= 0)
				frac++;
		} else if (*s == '.' && frac < 0) {
			frac = 0;
		} else {
			break;
		}
	}
	if (*s != '\0' || digits == 0 || frac == 0)
		return false;
	*out = (double)m / pow10_exact[frac > 0 ? frac : 0];
	if (neg)
		*out = -*out;
	return true;
}

static bool number(const char *s, double *out)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '\0')
		return false;
	if (number_fast(s, out))
		return true;
	*out = strtod(s, &end);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return *end == '\0' && isfinite(*out);
}

static void set_number(struct xml_state *x, double *field, const char *s,
		       const char *what)
{
	char msg[80];

	if (!number(s, field)) {
		snprintf(msg, sizeof(msg), "%s is not a number", what);
		fail(x, msg);
	}
}

static void begin_point(struct xml_state *x)
{
	activity_point_clear(&x->pt);
	x->in_point = true;
}

static void XMLCALL on_start(void *ud, const XML_Char *name,
			     const XML_Char **atts)
{
	struct xml_state *x = ud;
	const char *ln = local_name(name);
	int idx = name_index(x, ln);
	int parent = x->depth > 0 && x->depth <= XML_MAX_DEPTH ?
		x->stack[x->depth - 1] : -1;

	if (!x->seen_root) {
		x->seen_root = true;
		if (strcmp(ln, x->fmt->root) != 0) {
			char msg[120];
			snprintf(msg, sizeof(msg),
				 "not a %s file (document element <%.40s>)",
				 x->fmt->what, ln);
			fail(x, msg);
			return;
		}
	}
	if (x->depth >= XML_MAX_DEPTH) {
		fail(x, "elements nested too deeply");
		return;
	}
	x->stack[x->depth++] = idx;
	if (idx < 0)
		return;
	for (size_t r = 0; r < x->fmt->n_elems; r++) {
		if (x->row_name[r] != idx ||
		    (x->fmt->elems[r].parent != NULL && x->row_parent[r] != parent))
			continue;
		enum xml_field f = x->fmt->elems[r].field;
		switch (f) {
		case XF_POINT:
			begin_point(x);
			break;
		case XF_POINT_LATLON:
			begin_point(x);
			for (int i = 0; atts[i] != NULL; i += 2) {
				const char *an = local_name(atts[i]);
				if (strcmp(an, "lat") == 0)
					set_number(x, &x->pt.lat, atts[i + 1],
						   "latitude");
				else if (strcmp(an, "lon") == 0)
					set_number(x, &x->pt.lon, atts[i + 1],
						   "longitude");
			}
			if (isnan(x->pt.lat) || isnan(x->pt.lon))
				fail(x, "track point without lat and lon");
			break;
		case XF_SPORT_ATTR:
			for (int i = 0; atts[i] != NULL; i += 2)
				if (strcmp(local_name(atts[i]), "Sport") == 0)
					emit_sport(x, atts[i + 1],
						   strlen(atts[i + 1]));
			break;
		case XF_TRACK:
		case XF_SEGMENT:
			emit_kind(x, XEV_SEGMENT, f == XF_TRACK);
			break;
		case XF_COURSE:
			fail(x, "a course (a planned route with made-up times), "
			     "not a recorded activity");
			break;
		default:
			x->text_field = f;
			x->text_depth = x->depth;
			x->text_len = 0;
			x->text_overflow = false;
			break;
		}
		return;
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xml_state *x = ud;

	if (x->text_field == XF_NONE || x->depth != x->text_depth)
		return;
	if ((size_t)len > XML_TEXT_MAX - x->text_len) {
		x->text_overflow = true;
		return;
	}
	memcpy(x->text + x->text_len, s, (size_t)len);
	x->text_len += (size_t)len;
}

static void end_text(struct xml_state *x)
{
	enum xml_field f = x->text_field;
	double v;

	x->text_field = XF_NONE;
	x->text[x->text_len] = '\0';
	if (x->text_overflow) {
		fail(x, "element text is too long");
		return;
	}
	if (f == XF_SPORT_TEXT) {
		emit_sport(x, x->text, x->text_len);
		return;
	}
	if (f == XF_LAP_DIST || f == XF_LAP_TIME) {
		set_number(x, &v, x->text, f == XF_LAP_DIST ?
			   "lap distance" : "lap time");
		if (!x->failed && v < 0)
			fail(x, "lap total is negative");
		if (!x->failed)
			emit_totals(x, f == XF_LAP_DIST ? v : NAN,
				    f == XF_LAP_TIME ? v : NAN);
		return;
	}
	if (!x->in_point)
		return;
	switch (f) {
	case XF_TIME:
		if (activity_parse_time(x->text, x->text_len, &x->pt.t) < 0)
			fail(x, "time is not an ISO 8601 date and time");
		break;
	case XF_LAT:
		set_number(x, &x->pt.lat, x->text, "latitude");
		break;
	case XF_LON:
		set_number(x, &x->pt.lon, x->text, "longitude");
		break;
	case XF_ELE:
		set_number(x, &x->pt.ele, x->text, "altitude");
		break;
	case XF_DIST:
		set_number(x, &x->pt.dist, x->text, "distance");
		break;
	case XF_SPEED:
		set_number(x, &x->pt.speed, x->text, "speed");
		break;
	case XF_HR:
		set_number(x, &x->pt.hr, x->text, "heart rate");
		break;
	default:
		break;
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xml_state *x = ud;
	int idx;

	(void)name;
	if (x->depth <= 0)
		return;
	if (x->text_field != XF_NONE && x->depth == x->text_depth)
		end_text(x);
	idx = x->stack[--x->depth];
	if (idx < 0)
		return;
	for (size_t r = 0; r < x->fmt->n_elems; r++) {
		enum xml_field f = x->fmt->elems[r].field;
		if (x->row_name[r] != idx)
			continue;
		if (f == XF_SPORT_ATTR && !x->in_point) {
			emit_kind(x, XEV_LEG_END, false);
			return;
		}
		if (!x->in_point || (f != XF_POINT && f != XF_POINT_LATLON))
			continue;
		x->in_point = false;
		emit_point(x);
		return;
	}
}

/* Any DOCTYPE is refused: track files never need one, and refusing it
 * shuts out entity expansion attacks before expat sees an entity. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name,
			       const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	fail(ud, "a DOCTYPE is not allowed in a track file (refused)");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param,
			      const XML_Char *value, int value_len,
			      const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)value_len, (void)base;
	(void)sysid, (void)pubid, (void)notation;
	fail(ud, "an entity declaration is not allowed (refused)");
}

/* What expat's terse messages usually mean in a track file. */
static const struct {
	enum XML_Error code;
	const char *hint;
} xml_hints[] = {
	{ XML_ERROR_NO_ELEMENTS, "; the file is empty or stops before its "
	  "elements are closed: cut short?" },
	{ XML_ERROR_UNCLOSED_TOKEN, "; the file stops inside a tag: cut "
	  "short?" },
	{ XML_ERROR_PARTIAL_CHAR, "; the file stops inside a character: cut "
	  "short?" },
	{ XML_ERROR_TAG_MISMATCH, "; an end tag does not match the element "
	  "it closes" },
	{ XML_ERROR_INVALID_TOKEN, "; bytes that are not XML text: a damaged "
	  "file, or not UTF-8 as declared?" },
	{ XML_ERROR_JUNK_AFTER_DOC_ELEMENT, "; more after the end of the "
	  "document: two files joined?" },
};

static const char *xml_error_hint(enum XML_Error code)
{
	for (size_t i = 0; i < sizeof(xml_hints) / sizeof(xml_hints[0]); i++)
		if (xml_hints[i].code == code)
			return xml_hints[i].hint;
	return "";
}

/* A new reader for fmt feeding sum, or recording into rec when that is
 * not NULL. Returns NULL when out of memory. Free with state_free. */
static struct xml_state *state_new(const struct xml_format *fmt,
				   struct activity_sum *sum,
				   struct xml_events *rec)
{
	struct xml_state *x = calloc(1, sizeof(*x));

	if (x == NULL)
		return NULL;
	x->fmt = fmt;
	x->sum = sum;
	x->rec = rec;
	for (size_t r = 0; r < fmt->n_elems; r++) {
		x->row_name[r] = add_name(x, fmt->elems[r].name);
		x->row_parent[r] = fmt->elems[r].parent ?
			add_name(x, fmt->elems[r].parent) : -1;
	}
	x->p = XML_ParserCreate(NULL);
	if (x->p == NULL) {
		free(x);
		return NULL;
	}
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)
	XML_SetBillionLaughsAttackProtectionMaximumAmplification(x->p, 10.0f);
	XML_SetBillionLaughsAttackProtectionActivationThreshold(x->p, 1u << 20);
#endif
	return x;
}

static void state_free(struct xml_state *x)
{
	XML_ParserFree(x->p);
	free(x);
}

/* Feed len bytes at data; false on malformed XML or a handler's refusal. */
static bool feed(struct xml_state *x, const char *data, size_t len,
		 bool final)
{
	while (len > INT32_MAX / 2) {
		if (XML_Parse(x->p, data, INT32_MAX / 2, XML_FALSE) !=
		    XML_STATUS_OK)
			return false;
		data += INT32_MAX / 2;
		len -= INT32_MAX / 2;
	}
	return XML_Parse(x->p, data, (int)len, final) == XML_STATUS_OK &&
	       !x->failed;
}

int xml_track_parse(const struct xml_format *fmt, struct ibuf *b,
		    struct activity_sum *s, struct err *e)
{
	struct xml_state *x = state_new(fmt, s, NULL);
	int rc = -1;
	bool final = false;

	if (x == NULL)
		return err_set(e, ERR_SOFTWARE, "out of memory");
	/* What the format table sniffed is still in b; then read directly
	 * into expat's own buffer. White space before the XML declaration
	 * (some exporters write a line break first) is not XML but harms
	 * nothing: it is skipped. */
	while (b->pos < b->len && (b->buf[b->pos] == ' ' ||
	       b->buf[b->pos] == '\t' || b->buf[b->pos] == '\r' ||
	       b->buf[b->pos] == '\n'))
		b->pos++;
	if (b->len > b->pos &&
	    !feed(x, (const char *)b->buf + b->pos, b->len - b->pos, false))
		goto xml_error;
	b->pos = b->len;
	while (!final) {
		void *buf = XML_GetBuffer(x->p, XML_CHUNK);
		ssize_t n;
		if (buf == NULL) {
			err_set(e, ERR_SOFTWARE, "out of memory");
			goto done;
		}
		n = b->eof ? 0 : b->in.read(b->in.ctx, buf, XML_CHUNK, e);
		if (n < 0)
			goto done;
		final = n == 0;
		if (XML_ParseBuffer(x->p, (int)n, final) == XML_STATUS_ERROR)
			goto xml_error;
	}
	if (s->file_points == 0 && x->untimed > 0) {
		err_set(e, ERR_DATA, "%zu track points but none has a time",
			x->untimed);
		goto done;
	}
	/* A few timed points of a mostly untimed track would make a run of
	 * a fraction of its length. */
	if (x->untimed > s->file_points) {
		err_set(e, ERR_DATA, "%zu of %zu track points have no time "
			"(a route drawn, not recorded?)", x->untimed,
			x->untimed + s->file_points);
		goto done;
	}
	rc = 0;
	goto done;
xml_error:
	if (x->failed)
		err_set(e, ERR_DATA, "%s", x->why);
	else
		err_set(e, ERR_DATA, "line %lu: %s%s",
			(unsigned long)XML_GetCurrentLineNumber(x->p),
			XML_ErrorString(XML_GetErrorCode(x->p)),
			xml_error_hint(XML_GetErrorCode(x->p)));
done:
	state_free(x);
	return rc;
}

int xml_track_parse_window(const struct xml_format *fmt, const char *prefix,
			   size_t prefix_len, const char *body,
			   size_t body_len, const char *suffix,
			   size_t suffix_len, struct xml_events *out)
{
	struct xml_state *x = state_new(fmt, NULL, out);
	bool ok;

	if (x == NULL)
		return -1;
	x->priming = true;
	ok = feed(x, prefix, prefix_len, false);
	x->priming = false;
	ok = ok && feed(x, body, body_len, suffix_len == 0);
	/* The closing tags only end what the body left open (the activity
	 * goes on in the next window): they emit nothing. */
	x->priming = true;
	if (ok && suffix_len > 0)
		ok = feed(x, suffix, suffix_len, true);
	out->untimed += x->untimed;
	state_free(x);
	return ok ? 0 : -1;
}

/* ---- the elements a prefix leaves open ---- */

struct open_elems {
	struct strbuf names;	/* each open element's name and a NUL */
	size_t ends[XML_MAX_DEPTH];
	int depth;
	bool failed;
};

static void XMLCALL open_start(void *ud, const XML_Char *name,
			       const XML_Char **atts)
{
	struct open_elems *o = ud;

	(void)atts;
	if (o->depth >= XML_MAX_DEPTH) {
		o->failed = true;
		return;
	}
	strbuf_add(&o->names, name, strlen(name) + 1);
	o->ends[o->depth++] = o->names.len;
}

static void XMLCALL open_end(void *ud, const XML_Char *name)
{
	struct open_elems *o = ud;

	(void)name;
	if (o->depth <= 0) {
		o->failed = true;
		return;
	}
	o->depth--;
	o->names.len = o->depth > 0 ? o->ends[o->depth - 1] : 0;
}

int xml_track_closing_tags(const char *text, size_t len, struct strbuf *out)
{
	struct open_elems o = { .names = STRBUF_INIT };
	XML_Parser p = XML_ParserCreate(NULL);
	int rc = -1;

	if (p == NULL)
		return -1;
	XML_SetUserData(p, &o);
	XML_SetElementHandler(p, open_start, open_end);
	if (len <= INT32_MAX / 2 &&
	    XML_Parse(p, text, (int)len, XML_FALSE) == XML_STATUS_OK &&
	    !o.failed && o.depth > 0) {
		strbuf_reset(out);
		for (int d = o.depth - 1; d >= 0; d--) {
			size_t from = d > 0 ? o.ends[d - 1] : 0;
			strbuf_addf(out, "</%s>", o.names.buf + from);
		}
		rc = 0;
	}
	XML_ParserFree(p);
	strbuf_release(&o.names);
	return rc;
}
