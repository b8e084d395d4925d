/*
 * strbuf.h - a growable byte buffer (after git's strbuf).
 *
 * Invariants: buf is never NULL after strbuf_init; buf[len] == '\0' always;
 * alloc > len. A strbuf owns its memory: strbuf_release frees it and leaves
 * the strbuf ready for reuse; strbuf_detach hands the memory to the caller.
 */
#ifndef RUNCARE_CORE_STRBUF_H
#define RUNCARE_CORE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

#define STRBUF_INIT { 0, 0, strbuf_empty_ }
extern char strbuf_empty_[];

/* Initialise sb, reserving hint bytes (0 allocates nothing yet). */
void strbuf_init(struct strbuf *sb, size_t hint);
/* Free sb's memory and reinitialise it as empty. */
void strbuf_release(struct strbuf *sb);
/* Return sb's buffer (owned by the caller, free()) and reinitialise sb. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Ensure room for extra more bytes plus the terminating NUL. */
void strbuf_grow(struct strbuf *sb, size_t extra);
/* Set the length to 0, keeping the allocation. */
static inline void strbuf_reset(struct strbuf *sb)
{
	if (sb->alloc) {
		sb->len = 0;
		sb->buf[0] = '\0';
	}
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Append the decimal form of v. */
void strbuf_addint(struct strbuf *sb, long long v);

/*
 * Append s as a JSON string literal, quotes included: ", \ and control
 * characters are escaped; "<", ">" and "&" become \u003c etc., so the output
 * is also safe inside an HTML <script> block. Invalid UTF-8 bytes are
 * replaced by U+FFFD.
 */
void strbuf_add_json_str(struct strbuf *sb, const char *s);
void strbuf_add_json_strn(struct strbuf *sb, const char *s, size_t len);
/* The set bits of set (over n values, n <= 32) as a JSON array of the
 * names name_at(i) gives, in order: ["a","b"]. */
void strbuf_add_json_names(struct strbuf *sb, uint32_t set, int n,
			   const char *(*name_at)(int));

#endif
