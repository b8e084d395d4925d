/*
 * form.h - runcare's parsers for HTML form bodies.
 *
 * Browsers send forms as application/x-www-form-urlencoded (every page) or
 * multipart/form-data (the import upload). The urlencoded parser works in
 * place on a body the server has already read in full (under its body
 * limit): it decodes names and values inside the caller's buffer,
 * NUL-terminates them there and records pointers in a struct form.
 *
 * The multipart parser is a stream (struct form_stream): the body is fed
 * in pieces as it arrives, text fields are kept (they are small and
 * capped), and the bytes of each file part go to a sink, such as a
 * temporary file, so an upload is never held in memory whole.
 * form_parse_multipart runs the same stream over a body in memory.
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
 * Where the bytes of file parts go. open: a file part begins (filename is
 * the name the browser sent, borrowed for the call); write: the
 * next len bytes of it; close: it ended, return the text its field's
 * value holds (the path of the file, say; copied by the parser, borrowed
 * for the call) or NULL with e set. open and write return 0, or -1 with e
 * set. ud is the pointer given to form_stream_new.
 */
struct form_sink {
	int (*open)(void *ud, const char *filename, struct err *e);
	int (*write)(void *ud, const char *p, size_t len, struct err *e);
	const char *(*close)(void *ud, struct err *e);
};

struct form_stream;

/*
 * Start reading a multipart/form-data body. content_type is the request's
 * Content-Type header value (it carries the boundary). sink (borrowed,
 * with ud, for the stream's life) takes the bytes of file parts; NULL
 * keeps them in memory as the value. limits may be NULL for the
 * defaults. Returns an owned stream (form_stream_free), or NULL with e
 * set (ERR_DATA) for a Content-Type that is not multipart with a
 * boundary.
 */
struct form_stream *form_stream_new(const char *content_type,
				    const struct form_limits *limits,
				    const struct form_sink *sink, void *ud,
				    struct err *e);

/*
 * Feed the next len bytes of the body (copied as needed). Returns 0, or
 * -1 with e set (ERR_DATA) naming the part and the problem, or the
 * sink's error; after an error the stream takes nothing more.
 */
int form_stream_feed(struct form_stream *fs, const char *data, size_t len,
		     struct err *e);

/*
 * The body is over: fill f with the fields, borrowed from the stream
 * (valid until form_stream_free). A file field's value is what the
 * sink's close returned (or, without a sink, its bytes) and value_len the
 * file's size in bytes. Returns 0, or -1 with e set for a body that ended
 * early.
 */
int form_stream_finish(struct form_stream *fs, struct form *f, struct err *e);

void form_stream_free(struct form_stream *fs);

/*
 * Parse body[0..len) as multipart/form-data, as a stream without a sink.
 * body must have len + 1 writable bytes: the fields are copied back into
 * it, which they fit, and borrowed by f, as above. Returns 0, or -1 with
 * e set (ERR_DATA) naming the part and the problem.
 */
int form_parse_multipart(struct form *f, const char *content_type,
			 char *body, size_t len,
			 const struct form_limits *limits, struct err *e);

/* Value of the first field named name, or NULL. Borrowed from the body. */
const char *form_get(const struct form *f, const char *name);

/* Number of fields named name. */
size_t form_count(const struct form *f, const char *name);

#endif
