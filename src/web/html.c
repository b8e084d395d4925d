/*
 * html.c - context escapers for HTML output (see html.h).
 *
 * One loop walks the input as UTF-8 and hands each valid code point to the
 * context: text and attribute escaping differ only in which ASCII characters
 * become references, so both share escape_into() with a table of the
 * characters to replace.
 */
#include "web/html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"


/* Reference for an ASCII character in a context, or NULL to copy it. */
static const char *ascii_ref(unsigned char c, bool attr)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '`': return attr ? "&#96;" : NULL;
	case '=': return attr ? "&#61;" : NULL;
	default: return NULL;
	}
}

static void escape_into(struct strbuf *sb, const char *s, size_t len,
			bool attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	strbuf_grow(sb, len);
	while (i < len) {
		unsigned char c = p[i];
		const char *ref = NULL;
		size_t n = 1;
		bool drop = false;

		if (c < 0x80) {
			ref = ascii_ref(c, attr);
			drop = (c < 0x20 && c != '\t' && c != '\n' &&
				c != '\r') || c == 0x7f;
		} else {
			n = utf8_seq_len(p + i, len - i);
			if (n == 0) {
				ref = "\xef\xbf\xbd"; /* U+FFFD */
				n = 1;
			}
		}
		if (ref == NULL && !drop) {
			i += n;
			run += n;
			continue;
		}
		strbuf_add(sb, p + i - run, run);
		run = 0;
		if (ref != NULL)
			strbuf_addstr(sb, ref);
		i += n;
	}
	strbuf_add(sb, p + i - run, run);
}

void html_textn(struct strbuf *sb, const char *s, size_t len)
{
	escape_into(sb, s, len, false);
}

void html_text(struct strbuf *sb, const char *s)
{
	escape_into(sb, s, strlen(s), false);
}

void html_attrn(struct strbuf *sb, const char *s, size_t len)
{
	escape_into(sb, s, len, true);
}

void html_attr(struct strbuf *sb, const char *s)
{
	escape_into(sb, s, strlen(s), true);
}

void html_url_component(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			strbuf_addch(sb, c);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, hex[c >> 4]);
			strbuf_addch(sb, hex[c & 15]);
		}
	}
}

void html_textf(struct strbuf *sb, const char *fmt, ...)
{
	struct strbuf tmp = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	html_textn(sb, tmp.buf, tmp.len);
	strbuf_release(&tmp);
}

void html_int(struct strbuf *sb, long long v)
{
	strbuf_addint(sb, v);
}

void html_hidden(struct strbuf *sb, const char *name, const char *value)
{
	if (value == NULL)
		return;
	strbuf_addstr(sb, "<input type=\"hidden\" name=\"");
	html_attr(sb, name);
	strbuf_addstr(sb, "\" value=\"");
	html_attr(sb, value);
	strbuf_addstr(sb, "\">");
}
