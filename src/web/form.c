/*
 * form.c - in-place parsers for urlencoded and multipart form bodies
 * (see form.h).
 *
 * The urlencoded parser decodes into the caller's buffer: a decoded name
 * or value is never longer than its encoded form, and the separator after
 * it ('&', '=') leaves room for the terminating NUL. The multipart stream
 * keeps the bytes fed but not yet consumed (at most a part's header block,
 * or a piece of content and the start of a possible delimiter), copies
 * names and text values into its own text buffer and hands file bytes to
 * the sink. Limits are checked on the decoded lengths, as the bytes come.
 */
#include "web/form.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"

#define FORM_DEFAULT_NAME 64
#define FORM_DEFAULT_VALUE 4096
#define FORM_MAX_BOUNDARY 70
#define FORM_MAX_PART_HEADERS 8

struct limits {
	size_t fields, name, value, file;
};

static void limits_resolve(struct limits *l, const struct form_limits *in)
{
	l->fields = FORM_MAX_FIELDS;
	l->name = FORM_DEFAULT_NAME;
	l->value = FORM_DEFAULT_VALUE;
	l->file = 0;
	if (in == NULL)
		return;
	if (in->max_fields && in->max_fields < FORM_MAX_FIELDS)
		l->fields = in->max_fields;
	if (in->max_name)
		l->name = in->max_name;
	if (in->max_value)
		l->value = in->max_value;
	l->file = in->max_file;
}

void form_init(struct form *f)
{
	f->n = 0;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode s[0..len) in place ('+' is a space, %XX a byte) and NUL-terminate
 * it. Returns the decoded length, or -1 with *why set.
 */
static long url_decode(char *s, size_t len, const char **why)
{
	size_t r = 0, w = 0;

	while (r < len) {
		unsigned char c = (unsigned char)s[r];

		if (c == '+') {
			c = ' ';
			r++;
		} else if (c == '%') {
			int hi, lo;

			if (r + 2 >= len) {
				*why = "incomplete percent escape";
				return -1;
			}
			hi = hexval((unsigned char)s[r + 1]);
			lo = hexval((unsigned char)s[r + 2]);
			if (hi < 0 || lo < 0) {
				*why = "bad percent escape";
				return -1;
			}
			c = (unsigned char)(hi * 16 + lo);
			r += 3;
		} else {
			r++;
		}
		if (c == '\0') {
			*why = "contains a NUL byte";
			return -1;
		}
		s[w++] = (char)c;
	}
	s[w] = '\0';
	return (long)w;
}

static int add_field(struct form *f, const struct limits *l,
		     const struct form_field *fld, struct err *e)
{
	if (f->n >= l->fields)
		return err_set(e, ERR_DATA, "more than %zu fields", l->fields);
	f->fields[f->n++] = *fld;
	return 0;
}

int form_parse_urlencoded(struct form *f, char *body, size_t len,
			  const struct form_limits *limits, struct err *e)
{
	struct limits l;
	size_t pos = 0, index = 0;

	limits_resolve(&l, limits);
	form_init(f);
	while (pos < len) {
		char *pair = body + pos;
		char *amp = memchr(pair, '&', len - pos);
		size_t plen = amp ? (size_t)(amp - pair) : len - pos;
		char *eq = memchr(pair, '=', plen);
		size_t nlen = eq ? (size_t)(eq - pair) : plen;
		struct form_field fld = { 0 };
		const char *why = NULL;
		long n, v = 0;

		pos += plen + 1;
		index++;
		if (plen == 0)
			continue;	/* "a=1&&b=2": browsers never send it */
		n = url_decode(pair, nlen, &why);
		if (n < 0)
			return err_set(e, ERR_DATA, "field %zu: name: %s",
				       index, why);
		if (n == 0)
			return err_set(e, ERR_DATA, "field %zu: empty name",
				       index);
		if ((size_t)n > l.name)
			return err_set(e, ERR_DATA,
				       "field %zu: name longer than %zu bytes",
				       index, l.name);
		fld.name = pair;
		if (eq != NULL) {
			v = url_decode(eq + 1, plen - nlen - 1, &why);
			if (v < 0)
				return err_set(e, ERR_DATA, "field \"%s\": %s",
					       fld.name, why);
			fld.value = eq + 1;
		} else {
			fld.value = "";
		}
		if ((size_t)v > l.value)
			return err_set(e, ERR_DATA,
				       "field \"%s\": value longer than %zu bytes",
				       fld.name, l.value);
		fld.value_len = (size_t)v;
		if (add_field(f, &l, &fld, e) < 0)
			return -1;
	}
	return 0;
}

/* ---- multipart/form-data ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static char *skip_space(char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/*
 * Read one parameter value at *p (a quoted string with backslash escapes,
 * or a token up to ';' or white space), NUL-terminate it in place and move
 * *p past it. Returns the value or NULL if a quote is unterminated.
 */
static char *param_value(char **p)
{
	char *s = *p, *w, *start;

	if (*s != '"') {
		start = s;
		while (*s && *s != ';' && !is_space(*s))
			s++;
		if (*s == ';') {
			/*
			 * Shift the token one byte left, over the '=' or blank
			 * already read, so that its NUL does not overwrite
			 * the ';' the caller still needs.
			 */
			memmove(start - 1, start, (size_t)(s - start));
			s[-1] = '\0';
			*p = s;
			return start - 1;
		}
		if (*s != '\0')
			*s++ = '\0';
		*p = s;
		return start;
	}
	start = w = ++s;
	while (*s && *s != '"') {
		if (*s == '\\' && s[1] != '\0')
			s++;
		*w++ = *s++;
	}
	if (*s != '"')
		return NULL;
	*w = '\0';
	*p = s + 1;
	return start;
}

/*
 * Parse a Content-Disposition header value (NUL-terminated, in place).
 * Returns 0 and sets *name and *filename (NULL if absent), or -1 with *why.
 */
static int parse_disposition(char *v, char **name, char **filename,
			     const char **why)
{
	char *p = skip_space(v);

	*name = *filename = NULL;
	if (strncasecmp(p, "form-data", 9) != 0 ||
	    (p[9] != '\0' && p[9] != ';' && !is_space(p[9]))) {
		*why = "Content-Disposition is not form-data";
		return -1;
	}
	p += 9;
	for (;;) {
		char *key, *val;
		size_t klen;

		p = skip_space(p);
		if (*p == '\0')
			break;
		if (*p != ';') {
			*why = "bad Content-Disposition parameter list";
			return -1;
		}
		p = skip_space(p + 1);
		key = p;
		while (*p && *p != '=' && *p != ';' && !is_space(*p))
			p++;
		klen = (size_t)(p - key);
		p = skip_space(p);
		if (*p != '=') {
			*why = "Content-Disposition parameter without a value";
			return -1;
		}
		p = skip_space(p + 1);
		val = param_value(&p);
		if (val == NULL) {
			*why = "unterminated quote in Content-Disposition";
			return -1;
		}
		if (klen == 4 && strncasecmp(key, "name", 4) == 0)
			*name = val;
		else if (klen == 8 && strncasecmp(key, "filename", 8) == 0)
			*filename = val;
	}
	if (*name == NULL) {
		*why = "part has no name";
		return -1;
	}
	return 0;
}

/* Find the boundary parameter of a multipart Content-Type into out. */
static int content_type_boundary(const char *ct, char *out, size_t outsz,
				 struct err *e)
{
	const char *p;
	size_t n = 0;

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return err_set(e, ERR_DATA,
			       "Content-Type is not multipart/form-data");
	for (p = ct + 19; *p; p++) {
		if (strncasecmp(p, "boundary=", 9) == 0 &&
		    (p[-1] == ';' || is_space(p[-1])))
			break;
	}
	if (*p == '\0')
		return err_set(e, ERR_DATA, "multipart body without a boundary");
	p += 9;
	if (*p == '"') {
		for (p++; *p && *p != '"' && n + 1 < outsz; p++)
			out[n++] = *p;
		if (*p != '"')
			return err_set(e, ERR_DATA, "bad multipart boundary");
	} else {
		for (; *p && *p != ';' && !is_space(*p) && n + 1 < outsz; p++)
			out[n++] = *p;
		if (*p && *p != ';' && !is_space(*p))
			return err_set(e, ERR_DATA, "bad multipart boundary");
	}
	if (n == 0 || n > FORM_MAX_BOUNDARY)
		return err_set(e, ERR_DATA,
			       "multipart boundary must be 1-70 characters");
	out[n] = '\0';
	return 0;
}

/*
 * Parse the header block of a part starting at body[*pos] up to the empty
 * line; on return *pos is the first byte of the content.
 */
static int part_headers(char *body, size_t len, size_t *pos, size_t part,
			struct form_field *fld, struct err *e)
{
	char *name = NULL, *filename = NULL;
	const char *why = NULL;
	size_t lines = 0;

	for (;;) {
		char *line = body + *pos;
		char *crlf = memmem(line, len - *pos, "\r\n", 2);
		char *colon;

		if (crlf == NULL)
			return err_set(e, ERR_DATA,
				       "part %zu: headers do not end", part);
		*pos = (size_t)(crlf - body) + 2;
		if (crlf == line)
			break;
		if (++lines > FORM_MAX_PART_HEADERS)
			return err_set(e, ERR_DATA,
				       "part %zu: too many headers", part);
		*crlf = '\0';
		if (memchr(line, '\0', (size_t)(crlf - line)) != NULL)
			return err_set(e, ERR_DATA,
				       "part %zu: NUL byte in a header", part);
		colon = strchr(line, ':');
		if (colon == NULL)
			return err_set(e, ERR_DATA,
				       "part %zu: header line without ':'",
				       part);
		*colon = '\0';
		if (strcasecmp(line, "Content-Disposition") == 0) {
			if (parse_disposition(colon + 1, &name, &filename,
					      &why) < 0)
				return err_set(e, ERR_DATA, "part %zu: %s",
					       part, why);
		} else if (strcasecmp(line, "Content-Type") == 0) {
			fld->content_type = skip_space(colon + 1);
		}
	}
	if (name == NULL)
		return err_set(e, ERR_DATA,
			       "part %zu: no Content-Disposition header", part);
	fld->name = name;
	fld->filename = filename;
	return 0;
}

/* ---- multipart/form-data, as a stream ---- */

#define FORM_MAX_HEAD_BYTES 8192	/* one part's header block */
#define FORM_NONE ((size_t)-1)

enum fs_state { FS_PREAMBLE, FS_DELIM_END, FS_HEADERS, FS_CONTENT, FS_DONE,
		FS_FAILED };

/* A field as offsets into the stream's text (FORM_NONE: absent). */
struct field_at {
	size_t name, filename, ctype, value, len;
};

struct form_stream {
	struct limits l;
	char delim[FORM_MAX_BOUNDARY + 8];	/* "\r\n--" boundary */
	size_t dlen;
	enum fs_state state;
	bool at_start;		/* nothing consumed: "--" boundary may open */
	bool padded;		/* blanks read after the delimiter */
	struct strbuf in;	/* bytes fed and not consumed from pos on */
	size_t pos;
	struct strbuf text;	/* names, file names, types and values */
	size_t part;		/* parts begun */
	struct field_at cur;
	bool cur_file;
	size_t n;
	struct field_at at[FORM_MAX_FIELDS];
	const struct form_sink *sink;
	void *ud;
};

static size_t text_add(struct form_stream *fs, const char *s)
{
	size_t off = fs->text.len;

	strbuf_add(&fs->text, s, strlen(s) + 1);
	return off;
}

static const char *text_at(const struct form_stream *fs, size_t off)
{
	return fs->text.buf + off;
}

static int fs_fail(struct form_stream *fs)
{
	fs->state = FS_FAILED;
	return -1;
}

struct form_stream *form_stream_new(const char *content_type,
				    const struct form_limits *limits,
				    const struct form_sink *sink, void *ud,
				    struct err *e)
{
	struct form_stream *fs = xcalloc(1, sizeof(*fs));

	memcpy(fs->delim, "\r\n--", 4);
	if (content_type_boundary(content_type, fs->delim + 4,
				  sizeof(fs->delim) - 4, e) < 0) {
		free(fs);
		return NULL;
	}
	fs->dlen = strlen(fs->delim);
	limits_resolve(&fs->l, limits);
	fs->state = FS_PREAMBLE;
	fs->at_start = true;
	strbuf_init(&fs->in, 0);
	strbuf_init(&fs->text, 0);
	fs->sink = sink;
	fs->ud = ud;
	return fs;
}

void form_stream_free(struct form_stream *fs)
{
	if (fs == NULL)
		return;
	strbuf_release(&fs->in);
	strbuf_release(&fs->text);
	free(fs);
}

/* The header block of a part, p[0..len) ending in its empty line. */
static int begin_part(struct form_stream *fs, char *p, size_t len,
		      struct err *e)
{
	struct form_field fld = { 0 };
	size_t hpos = 0;

	if (part_headers(p, len, &hpos, fs->part, &fld, e) < 0)
		return -1;
	if (strlen(fld.name) > fs->l.name)
		return err_set(e, ERR_DATA, "part %zu: name longer than %zu "
			       "bytes", fs->part, fs->l.name);
	if (fld.filename != NULL && fs->l.file == 0)
		return err_set(e, ERR_DATA, "part \"%s\": files are not "
			       "accepted here", fld.name);
	if (fs->n >= fs->l.fields)
		return err_set(e, ERR_DATA, "more than %zu fields",
			       fs->l.fields);
	fs->cur.name = text_add(fs, fld.name);
	fs->cur.filename = fld.filename ? text_add(fs, fld.filename)
					: FORM_NONE;
	fs->cur.ctype = fld.content_type ? text_add(fs, fld.content_type)
					 : FORM_NONE;
	fs->cur.value = fs->text.len;
	fs->cur.len = 0;
	fs->cur_file = fld.filename != NULL;
	if (fs->cur_file && fs->sink != NULL)
		return fs->sink->open(fs->ud, fld.filename, e);
	return 0;
}

/* Bytes of the current part's content. */
static int part_bytes(struct form_stream *fs, const char *p, size_t n,
		      struct err *e)
{
	if (fs->cur_file) {
		if (fs->cur.len + n > fs->l.file)
			return err_set(e, ERR_DATA, "file \"%s\": larger than "
				       "%zu bytes",
				       text_at(fs, fs->cur.filename),
				       fs->l.file);
	} else {
		if (fs->cur.len + n > fs->l.value)
			return err_set(e, ERR_DATA, "field \"%s\": value longer "
				       "than %zu bytes",
				       text_at(fs, fs->cur.name), fs->l.value);
		if (memchr(p, '\0', n) != NULL)
			return err_set(e, ERR_DATA, "field \"%s\": contains a "
				       "NUL byte", text_at(fs, fs->cur.name));
	}
	fs->cur.len += n;
	if (fs->cur_file && fs->sink != NULL)
		return fs->sink->write(fs->ud, p, n, e);
	strbuf_add(&fs->text, p, n);
	return 0;
}

static int end_part(struct form_stream *fs, struct err *e)
{
	if (fs->cur_file && fs->sink != NULL) {
		const char *v = fs->sink->close(fs->ud, e);

		if (v == NULL)
			return -1;
		fs->cur.value = text_add(fs, v);
	} else {
		strbuf_addch(&fs->text, '\0');
	}
	fs->at[fs->n++] = fs->cur;
	return 0;
}

/*
 * Consume what can be consumed of the bytes fed; final: no more will
 * come, so whatever is unfinished is an error.
 */
static int fs_run(struct form_stream *fs, bool final, struct err *e)
{
	const size_t keep = fs->dlen - 1;	/* a delimiter's start */

	for (;;) {
		char *p = fs->in.buf + fs->pos, *hit;
		size_t avail = fs->in.len - fs->pos, n;

		switch (fs->state) {
		case FS_PREAMBLE:
			if (fs->at_start) {
				size_t m = fs->dlen - 2;

				if (avail < m && !final &&
				    memcmp(p, fs->delim + 2, avail) == 0)
					return 0;
				fs->at_start = false;
				if (avail >= m &&
				    memcmp(p, fs->delim + 2, m) == 0) {
					fs->pos += m;
					fs->state = FS_DELIM_END;
					continue;
				}
			}
			hit = memmem(p, avail, fs->delim, fs->dlen);
			if (hit != NULL) {
				fs->pos += (size_t)(hit - p) + fs->dlen;
				fs->state = FS_DELIM_END;
				continue;
			}
			if (final)
				return err_set(e, ERR_DATA, "multipart body has "
					       "no boundary line");
			if (avail > keep)
				fs->pos += avail - keep;
			return 0;
		case FS_DELIM_END:
			/* "--" right after the delimiter ends the body; after
			 * blanks only CRLF may follow, however it is cut. */
			if (!fs->padded && avail >= 2 && p[0] == '-' &&
			    p[1] == '-') {
				fs->state = FS_DONE;
				continue;
			}
			while (avail > 0 && is_space(*p)) {
				p++;
				avail--;
				fs->pos++;
				fs->padded = true;
			}
			if (avail < 2 && !final)
				return 0;
			if (avail < 2 || p[0] != '\r' || p[1] != '\n')
				return err_set(e, ERR_DATA, "part %zu: bad "
					       "boundary line", fs->part + 1);
			fs->pos += 2;
			fs->part++;
			fs->padded = false;
			fs->state = FS_HEADERS;
			continue;
		case FS_HEADERS:
			if (avail >= 2 && p[0] == '\r' && p[1] == '\n') {
				n = 2;
			} else {
				/* The same verdict however the body is cut:
				 * a block over the cap, ended or not, is
				 * refused before an end that never came. */
				hit = memmem(p, avail, "\r\n\r\n", 4);
				n = hit != NULL ? (size_t)(hit - p) + 4 : avail;
				if (n > FORM_MAX_HEAD_BYTES)
					return err_set(e, ERR_DATA,
						"part %zu: headers longer than %d "
						"bytes", fs->part,
						FORM_MAX_HEAD_BYTES);
				if (hit == NULL && final)
					return err_set(e, ERR_DATA,
						"part %zu: headers do not end",
						fs->part);
				if (hit == NULL)
					return 0;
			}
			if (begin_part(fs, p, n, e) < 0)
				return -1;
			fs->pos += n;
			fs->state = FS_CONTENT;
			continue;
		case FS_CONTENT:
			hit = memmem(p, avail, fs->delim, fs->dlen);
			n = hit != NULL ? (size_t)(hit - p)
					: avail > keep ? avail - keep : 0;
			if (n > 0 && part_bytes(fs, p, n, e) < 0)
				return -1;
			fs->pos += n;
			if (hit == NULL) {
				if (final)
					return err_set(e, ERR_DATA, "part \"%s\": "
						       "no closing boundary",
						       text_at(fs, fs->cur.name));
				return 0;
			}
			fs->pos += fs->dlen;
			if (end_part(fs, e) < 0)
				return -1;
			fs->state = FS_DELIM_END;
			continue;
		case FS_DONE:
			fs->pos = fs->in.len;	/* the epilogue is ignored */
			return 0;
		case FS_FAILED:
			return err_set(e, ERR_DATA, "the form could not be read");
		}
	}
}

int form_stream_feed(struct form_stream *fs, const char *data, size_t len,
		     struct err *e)
{
	if (fs->state == FS_DONE || fs->state == FS_FAILED)
		return fs_run(fs, false, e);
	if (fs->pos > 0) {
		memmove(fs->in.buf, fs->in.buf + fs->pos, fs->in.len - fs->pos);
		fs->in.len -= fs->pos;
		fs->in.buf[fs->in.len] = '\0';
		fs->pos = 0;
	}
	strbuf_add(&fs->in, data, len);
	return fs_run(fs, false, e) < 0 ? fs_fail(fs) : 0;
}

/* Point f's fields into base, a copy of the stream's text. */
static void fill_form(const struct form_stream *fs, struct form *f,
		      const char *base)
{
	form_init(f);
	for (size_t i = 0; i < fs->n; i++) {
		const struct field_at *a = &fs->at[i];
		struct form_field *fld = &f->fields[f->n++];

		fld->name = base + a->name;
		fld->value = base + a->value;
		fld->value_len = a->len;
		fld->filename = a->filename != FORM_NONE ? base + a->filename
							 : NULL;
		fld->content_type = a->ctype != FORM_NONE ? base + a->ctype
							  : NULL;
	}
}

int form_stream_finish(struct form_stream *fs, struct form *f, struct err *e)
{
	form_init(f);
	if (fs_run(fs, true, e) < 0)
		return fs_fail(fs);
	fill_form(fs, f, fs->text.buf);
	return 0;
}

int form_parse_multipart(struct form *f, const char *content_type,
			 char *body, size_t len,
			 const struct form_limits *limits, struct err *e)
{
	struct form_stream *fs = form_stream_new(content_type, limits, NULL,
						 NULL, e);
	int rc;

	form_init(f);
	if (fs == NULL)
		return -1;
	rc = form_stream_feed(fs, body, len, e);
	if (rc == 0)
		rc = form_stream_finish(fs, f, e);
	/* What was decoded is never longer than the body it came from. */
	if (rc == 0 && fs->text.len > len + 1)
		rc = err_set(e, ERR_SOFTWARE, "multipart form grew when read");
	if (rc == 0) {
		memcpy(body, fs->text.buf, fs->text.len);
		fill_form(fs, f, body);
	}
	form_stream_free(fs);
	return rc;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

size_t form_count(const struct form *f, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			n++;
	return n;
}
