/*
 * render_text.h - a triage result as text a runner reads on a terminal.
 *
 * The decision comes first, with its sign; then red flags and where to get
 * assessed, where to massage, what to avoid, pressure, massage type,
 * self-massage, what to do next, aftercare, the run verdict rule by rule,
 * and the disclaimer. The guidance itself is the knowledge base's wording;
 * only the headings are this module's.
 */
#ifndef RUNCARE_CLI_RENDER_TEXT_H
#define RUNCARE_CLI_RENDER_TEXT_H

#include <stdbool.h>

#include "core/strbuf.h"
#include "engine/engine.h"

struct render_opts {
	bool color;	/* ANSI colours and bold */
	bool utf8;	/* signs as emoji/symbols; else ASCII [OK] [!] [X] */
};

/* Append the text form of r (computed with kb) to out. r and kb are
 * borrowed. */
void render_text(const struct result *r, const struct kb *kb,
		 const struct render_opts *opts, struct strbuf *out);

#endif
