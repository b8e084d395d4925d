/*
 * input.c - whole-input reads with a size limit (see input.h).
 *
 * Reads go straight to read(2) into the caller's strbuf, so a single intake
 * costs one or two system calls and no stdio buffering.
 */
#include "cli/input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int input_open(const char *path, struct err *e)
{
	int fd;

	if (strcmp(path, "-") == 0)
		return 0;
	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return err_set(e, ERR_NOINPUT, "cannot open %s: %s", path,
			       strerror(errno));
	return fd;
}

int input_read_fd(int fd, size_t limit, struct strbuf *out, struct err *e)
{
	size_t start = out->len;

	for (;;) {
		size_t room;
		ssize_t n;

		strbuf_grow(out, 16384);
		room = out->alloc - out->len - 1;
		/* Never ask for more than one byte past the limit. */
		if (room > limit + 1 - (out->len - start))
			room = limit + 1 - (out->len - start);
		n = read(fd, out->buf + out->len, room);
		if (n < 0) {
			int saved = errno;

			if (saved == EINTR)
				continue;
			err_set(e, ERR_IO, "read error: %s", strerror(saved));
			errno = saved;	/* input_read_file names it again */
			return -1;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
		if (out->len - start > limit)
			return err_set(e, ERR_DATA,
				       "input is larger than the limit of %zu bytes",
				       limit);
	}
	return 0;
}

int input_read_file(const char *path, size_t limit, struct strbuf *out,
		    struct err *e)
{
	int fd = input_open(path, e);
	int rc;

	if (fd < 0)
		return -1;
	rc = input_read_fd(fd, limit, out, e);
	/* A directory or an unreadable device is a missing input, not a
	 * failing disk: report it with the file name. */
	if (rc < 0 && e != NULL && e->code == ERR_IO)
		err_set(e, ERR_NOINPUT, "cannot read %s: %s", path,
			strerror(errno));
	if (fd != 0)
		close(fd);
	return rc;
}
