/*
 * term.h - asking one question at a time on a terminal.
 *
 * The terminal stays in its normal (canonical) mode, so the line editing
 * a person is used to keeps working and there is nothing to restore on
 * the way out. While a struct term is open, Ctrl-C makes the pending
 * question return TERM_INTERRUPTED instead of killing the program, so the
 * caller can say "cancelled" and exit cleanly.
 */
#ifndef RUNCARE_CLI_TERM_H
#define RUNCARE_CLI_TERM_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/strbuf.h"

/* Width used when neither COLUMNS nor the terminal tell one. */
#define TERM_DEFAULT_WIDTH 80
/* The narrowest width wrapped to: below it text is wrapped at this. */
#define TERM_MIN_WIDTH 20

enum term_status {
	TERM_OK,		/* a line was read */
	TERM_EOF,		/* Ctrl-D (end of input) */
	TERM_INTERRUPTED,	/* Ctrl-C */
	TERM_ERROR,		/* the terminal went away */
};

struct term {
	int in;			/* file descriptor answers come from */
	FILE *out;		/* where questions go (borrowed) */
	struct sigaction old_int;	/* SIGINT action to restore */
};

/* Start asking: questions to out, answers from in. Installs the SIGINT
 * handler; term_close restores the previous one. */
void term_open(struct term *t, int in, FILE *out);
void term_close(struct term *t);

/*
 * Print prompt, then read one line into buf (size bytes, NUL-terminated,
 * without the newline; a longer line is cut). Leading and trailing blanks
 * are removed.
 */
enum term_status term_ask(struct term *t, const char *prompt, char *buf,
			  size_t size);

/*
 * The width to wrap at for output on file descriptor fd: COLUMNS from the
 * environment when it is a number, else the terminal's own width
 * (TIOCGWINSZ), else TERM_DEFAULT_WIDTH. Never below TERM_MIN_WIDTH.
 */
size_t term_width(int fd);

/* Display width of s[0..len): UTF-8 continuation bytes take no column. */
size_t term_text_width(const char *s, size_t len);

/*
 * Append text to out (borrowed) word by word so that no line passes width
 * columns: the first line starts at column col (what is already on it),
 * the next ones are indented by indent spaces. A break falls only between
 * words; a word longer than a whole line stands alone on its line rather
 * than being cut. Ends with a newline.
 */
void term_wrap(struct strbuf *out, size_t width, size_t col, size_t indent,
	       const char *text);

#endif
