/*
 * html.h - the one set of context escapers every runcare page uses.
 *
 * Pages never escape by hand: each value that did not come from a string
 * literal in the source goes through exactly one of these, chosen by where
 * it lands (element text, a quoted attribute value, one component of a URL).
 * runcare writes no value into JavaScript or CSS, so there is no escaper for
 * those contexts on purpose: pages carry data in HTML only (data-* attributes
 * go through html_attr) and the script reads it from the DOM.
 *
 * All functions append to a caller-owned strbuf. Input is any bytes: invalid
 * UTF-8 becomes U+FFFD and control characters other than tab, newline and
 * carriage return are dropped, so the output is always valid UTF-8 text.
 */
#ifndef RUNCARE_WEB_HTML_H
#define RUNCARE_WEB_HTML_H

#include <stddef.h>

#include "core/strbuf.h"

/* Element text: & < > " ' become character references. s is borrowed. */
void html_text(struct strbuf *sb, const char *s);
void html_textn(struct strbuf *sb, const char *s, size_t len);

/*
 * A double-quoted attribute value (the caller writes the quotes): the same
 * characters as html_text plus ` and =, so a value cannot end the attribute
 * even if a page forgets the quotes.
 */
void html_attr(struct strbuf *sb, const char *s);
void html_attrn(struct strbuf *sb, const char *s, size_t len);

/*
 * One component of a URL path or query (a person's name in "?person=").
 * Every byte outside A-Z a-z 0-9 - . _ ~ is percent-encoded, so the result
 * is also safe in an attribute without further escaping.
 */
void html_url_component(struct strbuf *sb, const char *s);

/* <input type="hidden" name="NAME" value="VALUE">, both escaped as
 * attributes; nothing when value is NULL. */
void html_hidden(struct strbuf *sb, const char *name, const char *value);

/* printf into element text: the formatted result is escaped as a whole. */
void html_textf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* An integer as text (no escaping needed; here so pages stay uniform). */
void html_int(struct strbuf *sb, long long v);

#endif
