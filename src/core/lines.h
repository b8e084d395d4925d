/*
 * lines.h - split a byte stream into lines, with a limit on line length.
 *
 * Used for JSON Lines input (runcare check --batch): one large buffer is
 * filled by read(2) calls and lines are handed out as pointers into it, so
 * the steady state copies nothing and allocates nothing. A line longer
 * than the limit is skipped (its bytes are read and dropped, never stored)
 * and reported as such, so one bad line cannot stop the run or use memory.
 * The bytes come from a read function, so tests and fuzzers can feed
 * memory in chunks of any size.
 */
#ifndef RUNCARE_CORE_LINES_H
#define RUNCARE_CORE_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/err.h"

/* Reads up to n bytes into buf: returns the count, 0 at the end, or -1
 * with errno set (EINTR is retried). */
typedef ssize_t (*lines_read_fn)(void *ctx, void *buf, size_t n);

enum lines_status {
	LINES_EOF = 0,		/* no more lines */
	LINES_LINE,		/* *line, *len hold the next line */
	LINES_TOO_LONG,		/* the next line was over the limit (skipped) */
	LINES_ERROR,		/* a read failed: e is set (ERR_IO) */
};

/*
 * Invariants: start <= end <= cap; buf[start..end) holds bytes not yet
 * handed out; scan is where the search for '\n' resumes.
 */
struct lines {
	lines_read_fn read;
	void *ctx;
	char *buf;
	size_t cap, start, end, scan;
	size_t limit;
	unsigned long long lineno;	/* number of the last line returned */
	bool eof;
};

/* Read lines of at most limit bytes (newline excluded) through read/ctx
 * (borrowed). Allocates the buffer; lines_release frees it. */
void lines_init(struct lines *lr, lines_read_fn read, void *ctx,
		size_t limit);
void lines_release(struct lines *lr);

/* A lines_read_fn over a file descriptor passed as (void *)(intptr_t)fd. */
ssize_t lines_read_fd(void *ctx, void *buf, size_t n);

/*
 * The next line without its '\n' (a final line need not end in one).
 * *line is borrowed: valid until the next call. lr->lineno is the line's
 * 1-based number, also for LINES_TOO_LONG.
 */
enum lines_status lines_next(struct lines *lr, const char **line,
			     size_t *len, struct err *e);

#endif
