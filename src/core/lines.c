/*
 * lines.c - a line splitter with a length limit over one big buffer (see
 * lines.h).
 *
 * The buffer is at least four times the line limit (and 1 MiB), so a line
 * that fits the limit always fits the buffer after the unread tail is
 * moved to the front; memchr finds newlines, and the search resumes where
 * it stopped so no byte is scanned twice.
 */
#include "core/lines.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xmalloc.h"

#define LINES_MIN_BUFFER (1u << 20)

void lines_init(struct lines *lr, lines_read_fn read, void *ctx,
		size_t limit)
{
	lr->read = read;
	lr->ctx = ctx;
	lr->limit = limit;
	lr->cap = limit < LINES_MIN_BUFFER / 4 ? LINES_MIN_BUFFER : limit * 4;
	lr->buf = xmalloc(lr->cap);
	lr->start = lr->end = lr->scan = 0;
	lr->lineno = 0;
	lr->eof = false;
}

void lines_release(struct lines *lr)
{
	free(lr->buf);
	lr->buf = NULL;
	lr->cap = lr->start = lr->end = lr->scan = 0;
}

ssize_t lines_read_fd(void *ctx, void *buf, size_t n)
{
	return read((int)(intptr_t)ctx, buf, n);
}

/* Move the unread bytes to the front and read more after them. Returns 0,
 * or -1 with e set. Sets eof when the source is done. */
static int fill(struct lines *lr, struct err *e)
{
	ssize_t n;

	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
		lr->end -= lr->start;
		lr->scan -= lr->start;
		lr->start = 0;
	}
	do
		n = lr->read(lr->ctx, lr->buf + lr->end, lr->cap - lr->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return err_set(e, ERR_IO, "read error: %s", strerror(errno));
	if (n == 0)
		lr->eof = true;
	lr->end += (size_t)n;
	return 0;
}

/* Drop bytes up to and including the next newline (or to the end). */
static enum lines_status skip_line(struct lines *lr, struct err *e)
{
	for (;;) {
		char *nl = memchr(lr->buf + lr->scan, '\n', lr->end - lr->scan);

		if (nl != NULL) {
			lr->start = lr->scan = (size_t)(nl - lr->buf) + 1;
			return LINES_TOO_LONG;
		}
		lr->start = lr->scan = lr->end = 0;
		if (lr->eof)
			return LINES_TOO_LONG;
		if (fill(lr, e) < 0)
			return LINES_ERROR;
	}
}

enum lines_status lines_next(struct lines *lr, const char **line,
			     size_t *len, struct err *e)
{
	for (;;) {
		char *nl = memchr(lr->buf + lr->scan, '\n', lr->end - lr->scan);
		size_t n;

		if (nl != NULL) {
			n = (size_t)(nl - lr->buf) - lr->start;
			*line = lr->buf + lr->start;
			*len = n;
			lr->start = lr->scan = (size_t)(nl - lr->buf) + 1;
			lr->lineno++;
			return n > lr->limit ? LINES_TOO_LONG : LINES_LINE;
		}
		lr->scan = lr->end;
		n = lr->end - lr->start;
		if (n > lr->limit) {
			lr->lineno++;
			return skip_line(lr, e);
		}
		if (lr->eof) {
			if (n == 0)
				return LINES_EOF;
			*line = lr->buf + lr->start;
			*len = n;
			lr->start = lr->scan = lr->end;
			lr->lineno++;
			return LINES_LINE;
		}
		if (fill(lr, e) < 0)
			return LINES_ERROR;
	}
}
