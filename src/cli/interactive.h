/*
 * interactive.h - the questions runcare check asks on a terminal.
 *
 * The area comes first, then each warning sign (red-flag symptom) of the
 * knowledge base as yes / no / not sure; "not sure" counts as yes and the
 * program says so. The precise-spot shin-bone sign is asked only for the
 * shin. When a warning sign was reported nothing more is asked: the
 * answer is already "get assessed first". Otherwise: the side (may be
 * skipped), the pain scores, the run questions (stride change, worse the
 * next morning, limp) the same yes / no / not sure way, the other
 * symptoms, the trend (may be skipped), the goal and the last massage.
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
