/*
 * flags.h - reading the values of command-line flags in the words the JSON
 * reader uses, so that `check --pain-run 12` and `log pain --run 12` say
 * exactly what `{"pain": {"run": 12}}` says.
 *
 * Each function returns 0, or -1 with e set (ERR_DATA) to
 * "<field>: <what was expected>, got <value>".
 */
#ifndef RUNCARE_CLI_FLAGS_H
#define RUNCARE_CLI_FLAGS_H

#include <stddef.h>

#include "core/err.h"

/* Longest part of a value quoted back in a message, and the buffer size
 * that always holds the quoted form. */
#define FLAG_QUOTE_MAX 40
#define FLAG_QUOTED_SIZE (FLAG_QUOTE_MAX * 6 + 8)

/* arg in double quotes, with quotes, backslashes and control characters
 * escaped and "..." after FLAG_QUOTE_MAX bytes, written to buf (size
 * bytes, at least FLAG_QUOTED_SIZE). Returns buf. */
const char *flag_quote(char *buf, size_t size, const char *arg);

/* A whole number from lo to hi. */
int flag_int(const char *field, const char *arg, int lo, int hi, int *out,
	     struct err *e);

/* A finite number from 0 to max; what describes it ("a number of hours
 * >= 0"). */
int flag_real(const char *field, const char *arg, double max,
	      const char *what, double *out, struct err *e);

/* One of count names, name(i) for i < count; the message lists them in
 * alphabetical order: "<field>: unknown <noun> "x" (a, b, c)". */
int flag_name(const char *field, const char *noun, const char *arg,
	      const char *(*name)(int), int count, int *out, struct err *e);

#endif
