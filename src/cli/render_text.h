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
	size_t width;	/* columns to wrap at; 0: 78 */
};

/* Append the text form of r (computed with kb) to out. r and kb are
 * borrowed. */
void render_text(const struct result *r, const struct kb *kb,
		 const struct render_opts *opts, struct strbuf *out);

/*
 * The pieces every text view shares, so that check and status look alike:
 * the sign of a decision and of a rule's state (static strings: UTF-8
 * symbols, or the ASCII fallback [OK] [!] [X] and [ok] [no] [?]), and
 * text wrapped at the output width without breaking words, starting at
 * column col and going on with indent spaces (ends with a newline).
 */
const char *text_decision_sign(enum decision d, bool utf8);
const char *text_state_mark(enum rule_state s, bool utf8);
void text_wrap(struct strbuf *out, size_t col, size_t indent,
	       const char *text);

#endif
