/*
 * form.h - runcare's parsers for HTML form bodies.
 *
 * Browsers send forms as application/x-www-form-urlencoded (every page) or
 * multipart/form-data (the import upload). Both parsers work in place on a
 * request body the server has already read in full (under its body limit):
 * they decode names and values inside the caller's buffer, NUL-terminate
 * them there and record pointers in a struct form. No allocation, so a
 * parse costs one pass over the body.
 *
 * Limits (struct form_limits) bound the number of fields and the length of
 * names and values; a body over a limit, a bad percent escape, a text field
 * holding a NUL byte or a malformed multipart part is refused with a
 * message naming the field and what was wrong.
 */
#ifndef RUNCARE_WEB_FORM_H
#define RUNCARE_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Hard ceiling on fields in one form (struct form holds them inline). */
#define FORM_MAX_FIELDS 128

/*
 * One field. name and value are NUL-terminated and borrowed from the body
 * passed to the parser (valid while that buffer lives and is unchanged).
 * Text values never contain NUL; a file's value (filename != NULL) is the
 * raw bytes of the file, value_len long, and may.
 */
struct form_field {
	const char *name;
	const char *value;
	size_t value_len;
	const char *filename;		/* multipart file part, else NULL */
	const char *content_type;	/* multipart part's type, or NULL */
};

struct form_limits {
	size_t max_fields;	/* at most FORM_MAX_FIELDS; 0 means that */
	size_t max_name;	/* longest name in bytes; 0 means 64 */
	size_t max_value;	/* longest text value; 0 means 4096 */
	size_t max_file;	/* longest file part; 0 means no file allowed */
};

/* Invariant: fields[0..n) are valid; n <= FORM_MAX_FIELDS. */
struct form {
	size_t n;
	struct form_field fields[FORM_MAX_FIELDS];
};

void form_init(struct form *f);

/*
 * Parse body[0..len) as application/x-www-form-urlencoded into f (which is
 * reset first). body must have len + 1 writable bytes: it is decoded in
 * place and borrowed by f. limits may be NULL for the defaults. Returns 0,
 * or -1 with e set (ERR_DATA): `field "pain_run": bad percent escape`,
 * `more than 128 fields`, ...
 */
int form_parse_urlencoded(struct form *f, char *body, size_t len,
			  const struct form_limits *limits, struct err *e);

/*
 * Parse body[0..len) as multipart/form-data. content_type is the request's
 * Content-Type header value (it carries the boundary). body is modified in
 * place and borrowed by f, as above. Returns 0, or -1 with e set
 * (ERR_DATA) naming the part and the problem.
 */
int form_parse_multipart(struct form *f, const char *content_type,
			 char *body, size_t len,
			 const struct form_limits *limits, struct err *e);

/* Value of the first field named name, or NULL. Borrowed from the body. */
const char *form_get(const struct form *f, const char *name);

/* Number of fields named name. */
size_t form_count(const struct form *f, const char *name);

#endif
