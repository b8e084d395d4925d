/*
 * err.h - a caller-supplied error record.
 *
 * Library functions never print and never exit. When they fail they return
 * -1 (or a module enum whose zero means OK) and, when the caller passed a
 * struct err, fill it with a code and a one-line message in lower case with
 * no full stop, ready to be shown after "runcare: cmd: ".
 */
#ifndef RUNCARE_CORE_ERR_H
#define RUNCARE_CORE_ERR_H

#include <stddef.h>

/* Error classes; the CLI maps each to an exit code (see cli/main.c). */
enum err_code {
	ERR_OK = 0,
	ERR_USAGE,	/* bad flags or arguments (exit 64) */
	ERR_DATA,	/* invalid input data (exit 65) */
	ERR_NOINPUT,	/* a file could not be opened (exit 66) */
	ERR_SOFTWARE,	/* internal error (exit 70) */
	ERR_IO,		/* read/write failure (exit 74) */
	ERR_TEMPFAIL,	/* busy or locked, try again (exit 75) */
	ERR_CONFIG,	/* bad configuration or knowledge base (exit 78) */
};

#define ERR_MSG_MAX 512

/* Invariant: msg is always NUL-terminated; code == ERR_OK means msg is "". */
struct err {
	enum err_code code;
	char msg[ERR_MSG_MAX];
};

/* Clear e to "no error". e may be NULL. */
void err_clear(struct err *e);

/*
 * Record an error of class code with a printf-style message. e may be NULL,
 * in which case nothing is recorded. Always returns -1, so callers can write
 * `return err_set(e, ERR_DATA, "...")`.
 */
int err_set(struct err *e, enum err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Put prefix (printf-style) in front of an existing message, as in
 * "symptoms[2]: " + "unknown symptom". Returns -1. e may be NULL.
 */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
