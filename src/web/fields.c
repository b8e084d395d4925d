/*
 * fields.c - typed values from a parsed form, and the journal a request
 * works on.
 *
 * Pages read numbers, dates and names from forms through these helpers so
 * that every field is checked the same way and every mistake is named in
 * the same words ("Pain while running: give a whole number from 0 to 10").
 * The journal is opened per request (SQLite connections are cheap and not
 * shared between threads), and the person is resolved the same way the
 * CLI does it.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

int web_field_int(const struct form *f, const char *name, const char *words,
		  int lo, int hi, int unset, int *out, struct err *e)
{
	const char *s = form_get(f, name);
	long v = 0;

	*out = unset;
	if (s == NULL || s[0] == '\0')
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || p - s > 6)
			goto bad;
		v = v * 10 + (*p - '0');
	}
	if (v < lo || v > hi)
		goto bad;
	*out = (int)v;
	return 0;
bad:
	return err_set(e, ERR_DATA, "%s: give a whole number from %d to %d",
		       words, lo, hi);
}

int web_field_num(const struct form *f, const char *name, const char *words,
		  double lo, double hi, double unset, double *out,
		  struct err *e)
{
	const char *s = form_get(f, name);
	char *end;

	*out = unset;
	if (s == NULL || s[0] == '\0')
		return 0;
	errno = 0;
	*out = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(*out) || *out < lo ||
	    *out > hi || strchr(s, 'x') != NULL || strchr(s, 'X') != NULL) {
		*out = unset;
		return err_set(e, ERR_DATA, "%s: give a number from %g to %g",
			       words, lo, hi);
	}
	return 0;
}

int web_field_date(const struct form *f, const char *name, int32_t *out,
		   struct err *e)
{
	const char *s = form_get(f, name);

	*out = date_today();
	if (s == NULL || s[0] == '\0')
		return 0;
	if (date_parse(s, strlen(s), out, e) < 0)
		return err_prefix(e, "Date: ");
	return 0;
}

int web_field_set(const struct form *f, const char *name,
		  const char *unknown, int (*parse)(const char *, size_t, int *),
		  uint32_t *set, struct err *e)
{
	for (size_t i = 0; i < f->n; i++) {
		int v;

		if (strcmp(f->fields[i].name, name) != 0)
			continue;
		if (parse(f->fields[i].value, f->fields[i].value_len, &v) < 0)
			return err_set(e, ERR_DATA, "%s \"%.40s\"", unknown,
				       f->fields[i].value);
		*set |= UINT32_C(1) << v;
	}
	return 0;
}

int web_parse_symptom(const char *s, size_t len, int *out)
{
	enum symptom v;

	if (symptom_parse(s, len, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

int web_parse_region(const char *s, size_t len, int *out)
{
	enum region v;

	if (region_parse(s, len, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

struct store *web_store_open(struct web_req *rq, struct web_resp *rs)
{
	struct store *st;
	struct err e;

	err_clear(&e);
	st = store_open(rq->app->db_path, NULL, &e);
	if (st == NULL)
		web_error_page(rq, rs, e.code == ERR_TEMPFAIL ? 503 : 500,
			       e.msg);
	return st;
}

int web_person(struct web_req *rq, struct web_resp *rs, struct store *st,
	       bool create, struct store_person *out)
{
	struct err e;

	err_clear(&e);
	if (store_person_resolve(st, rq->person[0] ? rq->person : NULL,
				 create, out, &e) == 0)
		return 0;
	if (e.code == ERR_USAGE || e.code == ERR_NOINPUT) {
		rs->status = 303;
		snprintf(rs->location, sizeof(rs->location), "/people");
		return -1;
	}
	web_error_page(rq, rs, 400, e.msg);
	return -1;
}
