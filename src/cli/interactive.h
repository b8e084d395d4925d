/*
 * interactive.h - the questions runcare check asks on a terminal.
 *
 * The seven red-flag questions come first, one at a time, in the knowledge
 * base's wording; "not sure" counts as yes. Then the area, the other
 * symptoms, pain scores, trend, goal and the last massage. When a red flag
 * was reported only the area is asked after it: the answer is already
 * "get assessed first", and more questions would only delay it.
 */
#ifndef RUNCARE_CLI_INTERACTIVE_H
#define RUNCARE_CLI_INTERACTIVE_H

#include <stdbool.h>
#include <stdio.h>

#include "engine/engine.h"

enum interactive_status {
	INTERACTIVE_DONE,	/* *in holds the answers */
	INTERACTIVE_CANCELLED,	/* Ctrl-C or Ctrl-D */
	INTERACTIVE_ERROR,	/* the terminal went away */
};

/*
 * Ask the questions (answers from file descriptor in_fd, questions to out)
 * and fill *in (initialised here). kb is borrowed for the wording. utf8
 * chooses symbols or ASCII in the screen text.
 */
enum interactive_status interactive_intake(const struct kb *kb, int in_fd,
					   FILE *out, bool utf8,
					   struct intake *in);

#endif
