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

#endif
