/*
 * json.h - a small JSON reader that remembers where each value stood.
 *
 * runcare reads two kinds of JSON: intakes (many small objects, so parsing
 * must be fast and allocation-free in the steady state) and knowledge-base
 * files (where a clinic needs "file:line: what is wrong"). This parser builds
 * a read-only tree in an arena owned by a struct json_doc, records the line
 * and column of every value and key, enforces a size and nesting limit, and
 * reports syntax errors as "line L, column C: ...". It accepts RFC 8259 JSON
 * only (no comments, no trailing commas, no NaN), rejects invalid UTF-8 and
 * lone surrogates, and keeps duplicate object keys (callers decide).
 */
#ifndef RUNCARE_CORE_JSON_H
#define RUNCARE_CORE_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json_value;

struct json_member {
	const char *key;	/* NUL-terminated, unescaped; may hold NULs */
	size_t key_len;
	unsigned line, col;	/* position of the key's opening quote */
	struct json_value *value;
};

/*
 * A parsed value. Everything it points to lives in the json_doc arena and is
 * borrowed: valid until json_doc_reset or json_doc_release on that doc.
 */
struct json_value {
	enum json_type type;
	unsigned line, col;	/* 1-based position of the value's first byte */
	union {
		struct {
			double num;	/* the value as a double */
			bool is_int;	/* written without fraction/exponent
					   and fits in long long */
			long long integer; /* valid when is_int */
		} number;
		struct {
			const char *s;	/* NUL-terminated, unescaped */
			size_t len;
		} string;
		struct {
			struct json_value **items;
			size_t count;
		} array;
		struct {
			struct json_member *members;	/* in input order */
			size_t count;
		} object;
	} u;
};

struct json_limits {
	size_t max_bytes;	/* refuse longer input (0: no limit) */
	unsigned max_depth;	/* refuse deeper nesting (0: 64) */
};

/* Owns the arena of one or more successive parses. */
struct json_doc {
	struct json_chunk *chunks;	/* private */
	struct json_value *root;	/* last successful parse, or NULL */
};

void json_doc_init(struct json_doc *doc);
/* Forget the last tree but keep the arena's memory for the next parse. */
void json_doc_reset(struct json_doc *doc);
/* Free all memory; doc may be reused after json_doc_init. */
void json_doc_release(struct json_doc *doc);

/*
 * Parse text[0..len) (need not be NUL-terminated) as one JSON value with
 * optional surrounding white space. On success sets doc->root (borrowed from
 * doc) and returns 0. On failure returns -1, sets doc->root to NULL and
 * fills e (code ERR_DATA) with "line L, column C: <what was expected>", or
 * "input is larger than N bytes" / "nesting deeper than N levels".
 * The tree replaces any earlier one (the arena is reset first).
 */
int json_parse(struct json_doc *doc, const char *text, size_t len,
	       const struct json_limits *limits, struct err *e);

/* Member of obj named key (first match), or NULL. obj must be an object. */
const struct json_value *json_object_get(const struct json_value *obj,
					 const char *key);

/* Name of a type for messages: "null", "boolean", "number", ... */
const char *json_type_name(enum json_type type);

#endif
