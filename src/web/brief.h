/*
 * brief.h - the therapist brief: one printable A4 page about one person
 * for the therapist who treats them (decision and warning signs, where to
 * work, pressure and last massages, pain and run rules, load, plan,
 * assessments, signed with the date and who prepared it), written as a
 * single self-contained HTML file with its CSS and SVG inline, so it can be
 * e-mailed or printed. `runcare brief` writes it to standard output and
 * the web app serves the same page at /brief.
 */
#ifndef RUNCARE_WEB_BRIEF_H
#define RUNCARE_WEB_BRIEF_H

#include <stdbool.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "engine/engine.h"
#include "store/store.h"

/*
 * Append the brief of person (NULL: the journal's only person) as of
 * today to out, signed off as prepared by by (NULL or "": the date
 * only). back_link, when not NULL, adds a link back to the app (hidden in
 * print); the file written by the CLI has none. All strings are
 * borrowed for the call. Returns 0, or -1 with e set (ERR_NOINPUT: no
 * such person; ERR_USAGE: several people and none named).
 */
int brief_write(const struct kb *kb, struct store *st, const char *person,
		const char *by, const char *back_link, struct strbuf *out,
		struct err *e);

/* The brief's inline stylesheet, exactly as written between <style> and
 * </style> (the web app sends its hash in the Content-Security-Policy).
 * Static. */
const char *brief_css(void);

#endif
