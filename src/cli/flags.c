/*
 * flags.c - flag values read in the JSON reader's words (see flags.h).
 * Used by check and log.
 */
#include "cli/flags.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *flag_quote(char *buf, size_t size, const char *arg)
{
	size_t o = 0, i;

	buf[o++] = '"';
	for (i = 0; arg[i] != '\0' && i < FLAG_QUOTE_MAX && o + 8 < size;
	     i++) {
		unsigned char c = (unsigned char)arg[i];

		if (c == '"' || c == '\\')
			o += (size_t)snprintf(buf + o, size - o, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(buf + o, size - o, "\\u%04x", c);
		else
			buf[o++] = (char)c;
	}
	if (arg[i] != '\0')
		o += (size_t)snprintf(buf + o, size - o, "...");
	snprintf(buf + o, size - o, "\"");
	return buf;
}

int flag_int(const char *field, const char *arg, int lo, int hi, int *out,
	     struct err *e)
{
	char q[FLAG_QUOTED_SIZE];
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (end == arg || *end != '\0' || errno == ERANGE || v < INT_MIN ||
	    v > INT_MAX)
		return err_set(e, ERR_DATA,
			       "%s: expected a whole number from %d to %d, "
			       "got %s",
			       field, lo, hi, flag_quote(q, sizeof q, arg));
	/* A number out of range is quoted back as a number, as the JSON
	 * reader does. */
	if (v < lo || v > hi)
		return err_set(e, ERR_DATA,
			       "%s: expected a whole number from %d to %d, "
			       "got %lld",
			       field, lo, hi, v);
	*out = (int)v;
	return 0;
}

int flag_real(const char *field, const char *arg, double max,
	      const char *what, double *out, struct err *e)
{
	char q[FLAG_QUOTED_SIZE];
	char *end;

	errno = 0;
	*out = strtod(arg, &end);
	if (end == arg || *end != '\0' || !isfinite(*out))
		return err_set(e, ERR_DATA, "%s: expected %s, got %s", field,
			       what, flag_quote(q, sizeof q, arg));
	if (*out < 0 || *out > max)
		return err_set(e, ERR_DATA, "%s: expected %s, got %g", field,
			       what, *out);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int flag_name(const char *field, const char *noun, const char *arg,
	      const char *(*name)(int), int count, int *out, struct err *e)
{
	const char *names[32];
	char list[512], q[FLAG_QUOTED_SIZE];
	size_t o = 0;
	int n = count < 32 ? count : 32;

	for (int i = 0; i < count; i++)
		if (strcmp(name(i), arg) == 0) {
			*out = i;
			return 0;
		}
	for (int i = 0; i < n; i++)
		names[i] = name(i);
	qsort(names, (size_t)n, sizeof names[0], by_name);
	list[0] = '\0';
	for (int i = 0; i < n && o < sizeof list; i++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
				      i ? ", " : "", names[i]);
	return err_set(e, ERR_DATA, "%s: unknown %s %s (%s)", field, noun,
		       flag_quote(q, sizeof q, arg), list);
}
