/*
 * json.c - a strict JSON reader building a positioned tree in an arena.
 *
 * json_parse() reads one RFC 8259 document into a read-only tree of struct
 * json_value nodes. Every node, key and unescaped string lives in an arena of
 * chunks owned by a struct json_doc; a reset keeps the memory, so a caller
 * that parses many small intakes with the same doc allocates nothing once the
 * arena has grown to fit them.
 *
 * The parser is iterative: containers do not recurse on the C stack, so a
 * caller may allow any nesting depth. While a container is open, its
 * children wait on a scratch stack (kept by the doc next to the arena);
 * when it closes they are copied into the arena as one array, which is what
 * the header's items/members arrays need.
 *
 * Positions are 1-based lines and columns. A column counts characters (code
 * points), not bytes, so an error after "é" points where an editor shows it;
 * a tab counts as one column, and "\r\n" ends one line.
 */
#include "core/json.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xmalloc.h"

/*
 * One block of arena memory. The newest chunk is the head of the list and
 * is the one allocations come from; the head also keeps the scratch stack
 * used while parsing, so a doc needs no other field for it.
 */
struct json_chunk {
	struct json_chunk *next;	/* older chunks */
	size_t size;			/* bytes in data */
	size_t used;
	unsigned char *scratch;		/* head only: the parse stack */
	size_t scratch_cap;
	alignas(max_align_t) unsigned char data[];
};

/* Arena alignment: enough for every node (pointers, doubles, long long). */
#define ALIGN 8u
#define FIRST_CHUNK 4096u
#define FIRST_SCRATCH 1024u
#define DEFAULT_DEPTH 64u

/* A container waiting for its children on the scratch stack. */
struct frame {
	struct json_value *value;
	size_t parent_start;	/* scratch offset of the parent's children */
};

struct parser {
	const unsigned char *text, *p, *end;
	unsigned line;
	size_t line_begin;	/* byte offset where the current line starts */
	size_t line_extra;	/* continuation bytes of UTF-8 seen on it */

	struct json_doc *doc;
	unsigned char *cur, *cur_end;	/* free part of the head chunk */

	unsigned char *scratch;
	size_t top, cap;

	unsigned max_depth;
	struct err *e;
};

/*
 * Bytes that end a run of plain string text: control characters, '"', '\\'
 * and every byte of a multibyte UTF-8 sequence (checked separately).
 */
#define ROW_(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const unsigned char str_stop[256] = {
	ROW_(1), ROW_(1),
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,		/* 0x22 '"' */
	ROW_(0), ROW_(0),
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,		/* 0x5c '\\' */
	ROW_(0), ROW_(0),
	ROW_(1), ROW_(1), ROW_(1), ROW_(1), ROW_(1), ROW_(1), ROW_(1), ROW_(1),
};
#undef ROW_

/* ---- Arena ---- */

static struct json_chunk *chunk_new(size_t size)
{
	struct json_chunk *c = xmalloc(sizeof *c + size);

	c->next = NULL;
	c->size = size;
	c->used = 0;
	c->scratch = NULL;
	c->scratch_cap = 0;
	return c;
}

void json_doc_init(struct json_doc *doc)
{
	doc->chunks = NULL;
	doc->root = NULL;
}

/*
 * Keep only the newest chunk: it is the largest (chunks double), so after
 * a parse or two the doc settles on one chunk that fits its inputs.
 */
void json_doc_reset(struct json_doc *doc)
{
	struct json_chunk *head = doc->chunks, *c, *next;

	doc->root = NULL;
	if (head == NULL)
		return;
	for (c = head->next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	head->next = NULL;
	head->used = 0;
}

void json_doc_release(struct json_doc *doc)
{
	struct json_chunk *c, *next;

	if (doc->chunks != NULL)
		free(doc->chunks->scratch);
	for (c = doc->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	json_doc_init(doc);
}

/* Slow path of arena_alloc: start a new head chunk with room for n. */
static void *arena_grow(struct parser *ps, size_t n)
{
	struct json_chunk *old = ps->doc->chunks;
	size_t size = old ? old->size * 2 : FIRST_CHUNK;
	struct json_chunk *c;

	if (old != NULL)
		old->used = old->size - (size_t)(ps->cur_end - ps->cur);
	while (size < n)
		size *= 2;
	c = chunk_new(size);
	c->next = old;
	if (old != NULL) {
		c->scratch = old->scratch;
		c->scratch_cap = old->scratch_cap;
		old->scratch = NULL;
		old->scratch_cap = 0;
	}
	ps->doc->chunks = c;
	ps->cur = c->data + n;
	ps->cur_end = c->data + size;
	return c->data;
}

static inline void *arena_alloc(struct parser *ps, size_t n)
{
	void *p;

	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if ((size_t)(ps->cur_end - ps->cur) < n)
		return arena_grow(ps, n);
	p = ps->cur;
	ps->cur += n;
	return p;
}

/* ---- Scratch stack ---- */

static void scratch_grow(struct parser *ps, size_t n)
{
	size_t cap = ps->cap ? ps->cap * 2 : FIRST_SCRATCH;

	while (cap - ps->top < n)
		cap *= 2;
	ps->scratch = xrealloc(ps->scratch, cap);
	ps->cap = cap;
}

static inline void *scratch_push(struct parser *ps, size_t n)
{
	void *p;

	if (ps->cap - ps->top < n)
		scratch_grow(ps, n);
	p = ps->scratch + ps->top;
	ps->top += n;
	return p;
}

/* ---- Positions and errors ---- */

static unsigned col_at(const struct parser *ps, const unsigned char *at)
{
	return (unsigned)((size_t)(at - ps->text) - ps->line_begin -
			  ps->line_extra + 1);
}

/*
 * Column of a position inside a string being scanned, where line_extra does
 * not yet count the string's multibyte characters: count them here (this
 * only runs on errors).
 */
static unsigned col_slow(const struct parser *ps, const unsigned char *at)
{
	const unsigned char *q = ps->text + ps->line_begin;
	unsigned col = 1;

	for (; q < at; q++)
		if ((*q & 0xc0) != 0x80)
			col++;
	return col;
}

static int fail(struct parser *ps, const unsigned char *at, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));

static int fail(struct parser *ps, const unsigned char *at, const char *fmt,
		...)
{
	char what[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return err_set(ps->e, ERR_DATA, "line %u, column %u: %s", ps->line,
		       col_slow(ps, at), what);
}

/* Describe the byte at p for "got ..." in a message. */
static const char *got(const struct parser *ps, const unsigned char *p,
		       char buf[16])
{
	if (p >= ps->end)
		return "end of input";
	if (*p >= 0x20 && *p < 0x7f)
		snprintf(buf, 16, "'%c'", *p);
	else
		snprintf(buf, 16, "byte 0x%02x", *p);
	return buf;
}

static int fail_expected(struct parser *ps, const unsigned char *at,
			 const char *what)
{
	char buf[16];

	return fail(ps, at, "expected %s, got %s", what, got(ps, at, buf));
}

/* ---- Scanning ---- */

static inline void skip_ws(struct parser *ps)
{
	const unsigned char *p = ps->p, *end = ps->end;

	while (p < end) {
		switch (*p) {
		case ' ':
		case '\t':
		case '\r':
			p++;
			continue;
		case '\n':
			p++;
			ps->line++;
			ps->line_begin = (size_t)(p - ps->text);
			ps->line_extra = 0;
			continue;
		}
		break;
	}
	ps->p = p;
}

static struct json_value *new_value(struct parser *ps, enum json_type type,
				    const unsigned char *at)
{
	struct json_value *v = arena_alloc(ps, sizeof *v);

	v->type = type;
	v->line = ps->line;
	v->col = col_at(ps, at);
	return v;
}


static int hex4(const unsigned char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned c = p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static unsigned char *put_utf8(unsigned char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*o++ = (unsigned char)(0xc0 | cp >> 6);
		*o++ = (unsigned char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (unsigned char)(0xe0 | cp >> 12);
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (unsigned char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (unsigned char)(0xf0 | cp >> 18);
		*o++ = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (unsigned char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/*
 * Decode the escape at p (p[0] == '\\') into o. Returns the number of input
 * bytes used, or 0 after reporting an error.
 */
static size_t decode_escape(struct parser *ps, const unsigned char *p,
			    unsigned char **o)
{
	static const unsigned char simple[256] = {
		['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b',
		['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t',
	};
	unsigned cp, lo;

	if (p + 1 >= ps->end) {
		fail(ps, p, "expected a closing '\"', got end of input");
		return 0;
	}
	if (simple[p[1]]) {
		*(*o)++ = simple[p[1]];
		return 2;
	}
	if (p[1] != 'u') {
		char buf[16];

		fail(ps, p, "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
		     "\\u after a backslash, got %s", got(ps, p + 1, buf));
		return 0;
	}
	if (ps->end - p < 6 || hex4(p + 2, &cp) < 0) {
		fail(ps, p, "expected four hex digits after \\u");
		return 0;
	}
	if (cp >= 0xdc00 && cp <= 0xdfff) {
		fail(ps, p, "expected a high surrogate before \\u%.4s, got a "
		     "lone low surrogate", (const char *)p + 2);
		return 0;
	}
	if (cp < 0xd800 || cp > 0xdbff) {
		*o = put_utf8(*o, cp);
		return 6;
	}
	if (ps->end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
	    hex4(p + 8, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff) {
		fail(ps, p, "expected a low surrogate \\udc00-\\udfff after "
		     "\\u%.4s", (const char *)p + 2);
		return 0;
	}
	*o = put_utf8(*o, 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00));
	return 12;
}

/*
 * Read the string whose opening quote is at ps->p into the arena. Sets *s
 * and *len and leaves ps->p after the closing quote. The raw text is
 * scanned once to find its end and check it; escapes, if any, are decoded
 * in a second pass, since the decoded string is never longer.
 */
static int read_string(struct parser *ps, const char **s, size_t *len)
{
	const unsigned char *start = ps->p + 1, *p = start, *end = ps->end;
	size_t extra = 0;
	bool escaped = false;
	unsigned char *out, *o;

	for (;;) {
		while (p < end && !str_stop[*p])
			p++;
		if (p >= end)
			return fail(ps, ps->p, "expected a closing '\"' for "
				    "this string before end of input");
		if (*p == '"')
			break;
		if (*p == '\\') {
			unsigned char tmp[4], *t = tmp;
			size_t used = decode_escape(ps, p, &t);

			if (used == 0)
				return -1;
			escaped = true;
			p += used;
		} else if (*p >= 0x80) {
			size_t n = utf8_seq_len(p, (size_t)(end - p));

			if (n == 0)
				return fail(ps, p, "expected valid UTF-8 in "
					    "string, got byte 0x%02x", *p);
			p += n;
			extra += n - 1;
		} else {
			return fail(ps, p, "expected an escape such as \\n or "
				    "\\u%04x for control character 0x%02x in "
				    "string", *p, *p);
		}
	}
	out = arena_alloc(ps, (size_t)(p - start) + 1);
	if (!escaped) {
		memcpy(out, start, (size_t)(p - start));
		o = out + (p - start);
	} else {
		const unsigned char *q = start;

		o = out;
		while (q < p) {
			const unsigned char *run = q;

			while (q < p && *q != '\\')
				q++;
			memcpy(o, run, (size_t)(q - run));
			o += q - run;
			if (q >= p)
				break;
			/* Checked by the first pass: cannot fail. */
			q += decode_escape(ps, q, &o);
		}
	}
	*o = '\0';
	*s = (const char *)out;
	*len = (size_t)(o - out);
	ps->line_extra += extra;
	ps->p = p + 1;
	return 0;
}

/* Powers of ten that a double holds exactly. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/*
 * Convert the number text [s, e) (already checked against the grammar)
 * with strtod, which is correctly rounded. strtod reads the locale's
 * decimal point, so a '.' is swapped for it if the locale differs.
 */
static double slow_number(const unsigned char *s, const unsigned char *e)
{
	char stack[64], *buf = stack;
	size_t n = (size_t)(e - s);
	const char *dp = localeconv()->decimal_point;
	double d;

	if (n >= sizeof stack)
		buf = xmalloc(n + 1);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (dp != NULL && dp[0] != '.' && dp[0] != '\0' && dp[1] == '\0') {
		char *dot = strchr(buf, '.');

		if (dot != NULL)
			*dot = dp[0];
	}
	d = strtod(buf, NULL);
	if (buf != stack)
		free(buf);
	return d;
}

static int read_number(struct parser *ps, struct json_value *v)
{
	const unsigned char *s = ps->p, *p = s, *end = ps->end;
	bool neg = false, frac = false;	/* frac: has '.' or 'e' */
	uint64_t mant = 0;
	int digits = 0, dropped = 0;
	long exp10 = 0, exp = 0;	/* long: a fraction may be very long */

	if (*p == '-') {
		neg = true;
		p++;
	}
	if (p >= end || *p < '0' || *p > '9')
		return fail_expected(ps, p, "a digit after '-'");
	if (*p == '0') {
		p++;
		if (p < end && *p >= '0' && *p <= '9')
			return fail(ps, s, "expected a number without leading "
				    "zeros");
	} else {
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			if (digits < 19) {
				mant = mant * 10 + (uint64_t)(*p - '0');
				digits++;
			} else {
				dropped++;
			}
		}
	}
	if (p < end && *p == '.') {
		frac = true;
		p++;
		if (p >= end || *p < '0' || *p > '9')
			return fail_expected(ps, p, "a digit after '.'");
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			if (mant == 0 && *p == '0') {
				exp10--;	/* a leading zero: no digit */
			} else if (digits < 19) {
				mant = mant * 10 + (uint64_t)(*p - '0');
				digits++;
				exp10--;
			} else {
				dropped++;
			}
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		bool eneg = false;

		frac = true;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		if (p >= end || *p < '0' || *p > '9')
			return fail_expected(ps, p, "a digit in the exponent");
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			if (exp < 100000)
				exp = exp * 10 + (*p - '0');
		exp10 += eneg ? -exp : exp;
	}
	ps->p = p;
	v->u.number.is_int = false;
	if (!frac && dropped == 0 &&
	    mant <= (uint64_t)LLONG_MAX + (neg ? 1u : 0u)) {
		long long i = !neg ? (long long)mant
			      : mant > (uint64_t)LLONG_MAX ? LLONG_MIN
							   : -(long long)mant;

		v->u.number.is_int = true;
		v->u.number.integer = i;
		v->u.number.num = neg && mant == 0 ? -0.0 : (double)i;
		return 0;
	}
	v->u.number.integer = 0;
	/* Clinger's fast path: an exact mantissa times an exact power of
	 * ten rounds once, so the result is correctly rounded. */
	if (dropped == 0 && mant <= (UINT64_C(1) << 53) && exp10 >= -22 &&
	    exp10 <= 22) {
		double d = (double)mant;

		d = exp10 < 0 ? d / pow10_exact[-exp10] : d * pow10_exact[exp10];
		v->u.number.num = neg ? -d : d;
		return 0;
	}
	v->u.number.num = slow_number(s, p);
	if (isinf(v->u.number.num))
		return fail(ps, s, "expected a number within the range of a "
			    "double (about 1.8e308)");
	return 0;
}

/* Read true, false or null at ps->p (which starts with t, f or n). */
static struct json_value *read_literal(struct parser *ps)
{
	static const struct {
		char first;
		enum json_type type;
		const char *word;
		size_t len;
	} words[] = {
		{ 't', JSON_TRUE, "true", 4 },
		{ 'f', JSON_FALSE, "false", 5 },
		{ 'n', JSON_NULL, "null", 4 },
	};
	size_t i = 0;

	while (words[i].first != (char)*ps->p)
		i++;
	if ((size_t)(ps->end - ps->p) < words[i].len ||
	    memcmp(ps->p, words[i].word, words[i].len) != 0) {
		fail(ps, ps->p, "expected '%s'", words[i].word);
		return NULL;
	}
	ps->p += words[i].len;
	return new_value(ps, words[i].type, ps->p - words[i].len);
}

/* ---- Containers ---- */

static void open_container(struct parser *ps, struct json_value *v,
			   size_t *start)
{
	struct frame *f = scratch_push(ps, sizeof *f);

	f->value = v;
	f->parent_start = *start;
	*start = ps->top;
}

/* Move the open container's children into the arena and pop its frame. */
static struct json_value *close_container(struct parser *ps, size_t *start)
{
	struct frame f;
	size_t bytes = ps->top - *start;
	struct json_value *v;
	void *items = NULL;

	memcpy(&f, ps->scratch + *start - sizeof f, sizeof f);
	v = f.value;
	if (bytes) {
		items = arena_alloc(ps, bytes);
		memcpy(items, ps->scratch + *start, bytes);
	}
	if (v->type == JSON_ARRAY) {
		v->u.array.items = items;
		v->u.array.count = bytes / sizeof(struct json_value *);
	} else {
		v->u.object.members = items;
		v->u.object.count = bytes / sizeof(struct json_member);
	}
	ps->top = *start - sizeof f;
	*start = f.parent_start;
	return v;
}

/* Read a key and its ':' and push a member whose value is still unset. */
static int read_key(struct parser *ps)
{
	struct json_member m;

	if (ps->p >= ps->end || *ps->p != '"')
		return fail_expected(ps, ps->p, "a string key");
	m.line = ps->line;
	m.col = col_at(ps, ps->p);
	if (read_string(ps, &m.key, &m.key_len) < 0)
		return -1;
	m.value = NULL;
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != ':')
		return fail_expected(ps, ps->p, "':' after the key");
	ps->p++;
	memcpy(scratch_push(ps, sizeof m), &m, sizeof m);
	return 0;
}

/* Which container is open: its type, or JSON_NULL at the top level. */
static enum json_type open_type(const struct parser *ps, size_t start)
{
	struct frame f;

	if (start == 0)
		return JSON_NULL;
	memcpy(&f, ps->scratch + start - sizeof f, sizeof f);
	return f.value->type;
}

static int parse(struct parser *ps)
{
	size_t start = 0;	/* scratch offset of the open container's
				   children; 0 at the top level */
	unsigned depth = 0;
	struct json_value *v;

	for (;;) {
		const unsigned char *at;

		skip_ws(ps);
		at = ps->p;
		if (at >= ps->end)
			return fail_expected(ps, at, "a value");
		switch (*at) {
		case '{':
		case '[':
			if (depth >= ps->max_depth)
				return fail(ps, at, "nesting deeper than %u "
					    "levels", ps->max_depth);
			depth++;
			v = new_value(ps, *at == '{' ? JSON_OBJECT : JSON_ARRAY,
				      at);
			open_container(ps, v, &start);
			ps->p++;
			skip_ws(ps);
			if (ps->p < ps->end &&
			    *ps->p == (*at == '{' ? '}' : ']')) {
				ps->p++;
				depth--;
				v = close_container(ps, &start);
				break;
			}
			if (*at == '{' && read_key(ps) < 0)
				return -1;
			continue;
		case '"':
			v = new_value(ps, JSON_STRING, at);
			if (read_string(ps, &v->u.string.s,
					&v->u.string.len) < 0)
				return -1;
			break;
		case 't':
		case 'f':
		case 'n':
			v = read_literal(ps);
			if (v == NULL)
				return -1;
			break;
		case '-':
		case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9':
			v = new_value(ps, JSON_NUMBER, at);
			if (read_number(ps, v) < 0)
				return -1;
			break;
		default:
			return fail_expected(ps, at, "a value");
		}

		/* v is complete: attach it, then close every container
		 * that ends here, until one wants another value. */
		for (;;) {
			enum json_type open = open_type(ps, start);
			unsigned char close;

			if (open == JSON_NULL) {
				skip_ws(ps);
				if (ps->p < ps->end)
					return fail_expected(ps, ps->p,
						"end of input after the value");
				ps->doc->root = v;
				return 0;
			}
			if (open == JSON_ARRAY) {
				memcpy(scratch_push(ps, sizeof v), &v,
				       sizeof v);
				close = ']';
			} else {
				struct json_member *m = (struct json_member *)
					(ps->scratch + ps->top - sizeof *m);

				m->value = v;
				close = '}';
			}
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == ',') {
				ps->p++;
				if (open == JSON_OBJECT) {
					skip_ws(ps);
					if (read_key(ps) < 0)
						return -1;
				}
				break;
			}
			if (ps->p < ps->end && *ps->p == close) {
				ps->p++;
				depth--;
				v = close_container(ps, &start);
				continue;
			}
			return fail_expected(ps, ps->p, open == JSON_ARRAY
					     ? "',' or ']'" : "',' or '}'");
		}
	}
}

int json_parse(struct json_doc *doc, const char *text, size_t len,
	       const struct json_limits *limits, struct err *e)
{
	struct parser ps;
	struct json_chunk *head;
	int rc;

	json_doc_reset(doc);
	if (limits != NULL && limits->max_bytes != 0 &&
	    len > limits->max_bytes)
		return err_set(e, ERR_DATA, "input is larger than %zu bytes",
			       limits->max_bytes);
	/* No arithmetic on a null pointer, even with len 0. */
	ps.text = (const unsigned char *)(text != NULL ? text : "");
	ps.p = ps.text;
	ps.end = ps.text + len;
	ps.line = 1;
	ps.line_begin = 0;
	ps.line_extra = 0;
	ps.doc = doc;
	ps.max_depth = limits != NULL && limits->max_depth != 0
			       ? limits->max_depth : DEFAULT_DEPTH;
	ps.e = e;
	head = doc->chunks;
	if (head == NULL) {
		/* The tree takes several times the input's size. */
		size_t size = FIRST_CHUNK;

		while (size / 4 < len && size < (SIZE_MAX >> 2))
			size *= 2;
		head = chunk_new(size);
		doc->chunks = head;
	}
	ps.cur = head->data + head->used;
	ps.cur_end = head->data + head->size;
	ps.scratch = head->scratch;
	ps.cap = head->scratch_cap;
	ps.top = 0;

	rc = parse(&ps);

	/* The head may have changed while parsing; give it back the
	 * scratch stack and record how much of it is used. */
	head = doc->chunks;
	head->used = head->size - (size_t)(ps.cur_end - ps.cur);
	head->scratch = ps.scratch;
	head->scratch_cap = ps.cap;
	if (rc < 0)
		doc->root = NULL;
	return rc;
}

const struct json_value *json_object_get(const struct json_value *obj,
					 const char *key)
{
	size_t n = strlen(key);

	for (size_t i = 0; i < obj->u.object.count; i++) {
		const struct json_member *m = &obj->u.object.members[i];

		if (m->key_len == n && memcmp(m->key, key, n) == 0)
			return m->value;
	}
	return NULL;
}

const char *json_type_name(enum json_type type)
{
	static const char *const names[] = {
		[JSON_NULL] = "null",	  [JSON_FALSE] = "boolean",
		[JSON_TRUE] = "boolean",  [JSON_NUMBER] = "number",
		[JSON_STRING] = "string", [JSON_ARRAY] = "array",
		[JSON_OBJECT] = "object",
	};

	return (unsigned)type < sizeof names / sizeof names[0]
		       ? names[type] : "?";
}
