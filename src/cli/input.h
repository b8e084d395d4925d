/*
 * input.h - reading a whole input (a file or standard input) with a size
 * limit, for the CLI commands.
 *
 * An intake or a knowledge base is small; a bigger input is refused as soon
 * as the limit is passed, without reading the rest of it.
 */
#ifndef RUNCARE_CLI_INPUT_H
#define RUNCARE_CLI_INPUT_H

#include <stddef.h>

#include "core/err.h"
#include "core/strbuf.h"

/*
 * Open path for reading ("-" is standard input). Returns a file descriptor
 * (the caller closes it unless it is 0) or -1 with e set to ERR_NOINPUT
 * ("cannot open FILE: reason").
 */
int input_open(const char *path, struct err *e);

/*
 * Append everything read from fd to out. Returns 0, or -1 with e set:
 * ERR_DATA "input is larger than LIMIT bytes" once more than limit bytes
 * have come in (the rest is not read), ERR_IO for a read error.
 */
int input_read_fd(int fd, size_t limit, struct strbuf *out, struct err *e);

/* input_open + input_read_fd + close: the whole of path ("-": stdin). */
int input_read_file(const char *path, size_t limit, struct strbuf *out,
		    struct err *e);

#endif
