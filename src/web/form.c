/*
 * form.c - in-place parsers for urlencoded and multipart form bodies
 * (see form.h).
 *
 * Both parsers decode into the caller's buffer: a decoded name or value is
 * never longer than its encoded form, and the separator after it ('&', '=',
 * the CR before a boundary, the closing quote of a parameter) leaves room
 * for the terminating NUL. Limits are checked on the decoded lengths.
 */
#include "web/form.h"

#include <string.h>
#include <strings.h>

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

int form_parse_multipart(struct form *f, const char *content_type,
			 char *body, size_t len,
			 const struct form_limits *limits, struct err *e)
{
	char delim[FORM_MAX_BOUNDARY + 8] = "\r\n--";
	size_t dlen, pos, part = 0;
	struct limits l;
	char *hit;

	limits_resolve(&l, limits);
	form_init(f);
	if (content_type_boundary(content_type, delim + 4, sizeof(delim) - 4,
				  e) < 0)
		return -1;
	dlen = strlen(delim);
	/* The first delimiter may open the body without a CRLF before it. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		pos = dlen - 2;
	} else {
		hit = memmem(body, len, delim, dlen);
		if (hit == NULL)
			return err_set(e, ERR_DATA,
				       "multipart body has no boundary line");
		pos = (size_t)(hit - body) + dlen;
	}
	for (;;) {
		struct form_field fld = { 0 };
		size_t start, size;

		/* After a delimiter: "--" ends the body, else CRLF. */
		if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			return 0;
		while (pos < len && is_space(body[pos]))
			pos++;
		if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
			return err_set(e, ERR_DATA,
				       "part %zu: bad boundary line", part + 1);
		pos += 2;
		part++;
		if (part_headers(body, len, &pos, part, &fld, e) < 0)
			return -1;
		if (strlen(fld.name) > l.name)
			return err_set(e, ERR_DATA,
				       "part %zu: name longer than %zu bytes",
				       part, l.name);
		start = pos;
		hit = memmem(body + start, len - start, delim, dlen);
		if (hit == NULL)
			return err_set(e, ERR_DATA,
				       "part \"%s\": no closing boundary",
				       fld.name);
		size = (size_t)(hit - (body + start));
		if (fld.filename != NULL) {
			if (l.file == 0)
				return err_set(e, ERR_DATA,
					       "part \"%s\": files are not accepted here",
					       fld.name);
			if (size > l.file)
				return err_set(e, ERR_DATA,
					       "file \"%s\": larger than %zu bytes",
					       fld.filename, l.file);
		} else {
			if (size > l.value)
				return err_set(e, ERR_DATA,
					       "field \"%s\": value longer than %zu bytes",
					       fld.name, l.value);
			if (memchr(body + start, '\0', size) != NULL)
				return err_set(e, ERR_DATA,
					       "field \"%s\": contains a NUL byte",
					       fld.name);
		}
		body[start + size] = '\0';	/* the CR before the boundary */
		fld.value = body + start;
		fld.value_len = size;
		if (add_field(f, &l, &fld, e) < 0)
			return -1;
		pos = start + size + dlen;
	}
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
