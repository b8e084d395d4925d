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
};

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
					activity_sum_sport(x->sum,
						activity_sport_parse(atts[i + 1],
							strlen(atts[i + 1])));
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
		activity_sum_sport(x->sum,
				   activity_sport_parse(x->text, x->text_len));
		return;
	}
	if (f == XF_LAP_DIST || f == XF_LAP_TIME) {
		set_number(x, &v, x->text, f == XF_LAP_DIST ?
			   "lap distance" : "lap time");
		if (!x->failed && v < 0)
			fail(x, "lap total is negative");
		if (!x->failed)
			activity_sum_add_totals(x->sum,
						f == XF_LAP_DIST ? v : NAN,
						f == XF_LAP_TIME ? v : NAN, NAN);
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
	if (idx < 0 || !x->in_point)
		return;
	for (size_t r = 0; r < x->fmt->n_elems; r++) {
		enum xml_field f = x->fmt->elems[r].field;
		if (x->row_name[r] != idx || (f != XF_POINT && f != XF_POINT_LATLON))
			continue;
		x->in_point = false;
		if (isnan(x->pt.t))
			x->untimed++;
		else
			activity_sum_point(x->sum, &x->pt);
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

int xml_track_parse(const struct xml_format *fmt, struct ibuf *b,
		    struct activity_sum *s, struct err *e)
{
	struct xml_state *x = calloc(1, sizeof(*x));
	int rc = -1;
	bool final = false;

	if (x == NULL)
		return err_set(e, ERR_SOFTWARE, "out of memory");
	x->fmt = fmt;
	x->sum = s;
	for (size_t r = 0; r < fmt->n_elems; r++) {
		x->row_name[r] = add_name(x, fmt->elems[r].name);
		x->row_parent[r] = fmt->elems[r].parent ?
			add_name(x, fmt->elems[r].parent) : -1;
	}
	x->p = XML_ParserCreate(NULL);
	if (x->p == NULL) {
		free(x);
		return err_set(e, ERR_SOFTWARE, "out of memory");
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
	/* What the format table sniffed is still in b; then read directly
	 * into expat's own buffer. */
	if (b->len > b->pos &&
	    XML_Parse(x->p, (const char *)b->buf + b->pos, (int)(b->len - b->pos),
		      XML_FALSE) == XML_STATUS_ERROR)
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
	if (s->points == 0 && x->untimed > 0) {
		err_set(e, ERR_DATA, "%zu track points but none has a time",
			x->untimed);
		goto done;
	}
	rc = 0;
	goto done;
xml_error:
	if (x->failed)
		err_set(e, ERR_DATA, "%s", x->why);
	else
		err_set(e, ERR_DATA, "line %lu: %s",
			(unsigned long)XML_GetCurrentLineNumber(x->p),
			XML_ErrorString(XML_GetErrorCode(x->p)));
done:
	XML_ParserFree(x->p);
	free(x);
	return rc;
}
