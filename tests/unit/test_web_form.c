/*
 * test_web_form.c - the urlencoded and multipart parsers, driven by tables
 * of bodies with the fields (or the error message) each must give.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "web/form.h"

#define MAXF 6

struct form_case {
	const char *body;
	size_t len;			/* 0: strlen(body) */
	struct form_limits limits;
	const char *fields[MAXF][2];	/* expected name/value pairs */
	const char *error;		/* expected message, or NULL */
};

static const struct form_case url_cases[] = {
	{ "area=heel&pain_run=3", 0, { 0 },
	  { { "area", "heel" }, { "pain_run", "3" } }, NULL },
	{ "note=sore+after+10%25+hills%21", 0, { 0 },
	  { { "note", "sore after 10% hills!" } }, NULL },
	{ "s=tight&s=load_pattern&&flag", 0, { 0 },
	  { { "s", "tight" }, { "s", "load_pattern" }, { "flag", "" } },
	  NULL },
	{ "a=%3Cb%3E&empty=", 0, { 0 }, { { "a", "<b>" }, { "empty", "" } },
	  NULL },
	{ "name=caf%C3%A9", 0, { 0 }, { { "name", "caf\xc3\xa9" } }, NULL },
	{ "x=a=b", 0, { 0 }, { { "x", "a=b" } }, NULL },
	{ "", 0, { 0 }, { { NULL, NULL } }, NULL },
	{ "a=%zz", 0, { 0 }, { { NULL, NULL } },
	  "field \"a\": bad percent escape" },
	{ "a=%4", 0, { 0 }, { { NULL, NULL } },
	  "field \"a\": incomplete percent escape" },
	{ "a=%00", 0, { 0 }, { { NULL, NULL } },
	  "field \"a\": contains a NUL byte" },
	{ "=1", 0, { 0 }, { { NULL, NULL } }, "field 1: empty name" },
	{ "ok=1&%gg=2", 0, { 0 }, { { NULL, NULL } },
	  "field 2: name: bad percent escape" },
	{ "a=1&b=2&c=3", 0, { .max_fields = 2 }, { { NULL, NULL } },
	  "more than 2 fields" },
	{ "note=12345", 0, { .max_value = 4 }, { { NULL, NULL } },
	  "field \"note\": value longer than 4 bytes" },
	{ "abcdef=1", 0, { .max_name = 5 }, { { NULL, NULL } },
	  "field 1: name longer than 5 bytes" },
};

#define CT "multipart/form-data; boundary=XyZ"
#define CTQ "multipart/form-data; boundary=\"a b\""

struct mp_case {
	const char *ct;
	const char *body;
	size_t len;
	struct form_limits limits;
	const char *fields[MAXF][3];	/* name, value, filename */
	const char *error;
};

#define NUL_BODY "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n" \
		 "\r\na\0b\r\n--XyZ--"

static const struct mp_case mp_cases[] = {
	{ CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"person\"\r\n\r\n"
	  "Anna\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	  "filename=\"run.gpx\"\r\nContent-Type: application/gpx+xml\r\n\r\n"
	  "<gpx/>\r\n--XyZ--\r\n", 0, { .max_file = 100 },
	  { { "person", "Anna", NULL }, { "f", "<gpx/>", "run.gpx" } },
	  NULL },
	{ CTQ,
	  "preamble\r\n--a b\r\ncontent-disposition: FORM-DATA; name=x\r\n"
	  "\r\n1\r\n2\r\n--a b--", 0, { 0 }, { { "x", "1\r\n2", NULL } },
	  NULL },
	{ CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=a; filename=b.fit"
	  "\r\n\r\n\r\n--XyZ--", 0, { .max_file = 10 },
	  { { "a", "", "b.fit" } }, NULL },
	{ CT,
	  "--XyZ\r\nContent-Disposition: form-data; name=\"q\\\"t\"\r\n\r\n"
	  "v\r\n--XyZ--", 0, { 0 }, { { "q\"t", "v", NULL } }, NULL },
	{ "text/plain", "--XyZ--", 0, { 0 }, { { NULL } },
	  "Content-Type is not multipart/form-data" },
	{ "multipart/form-data", "--XyZ--", 0, { 0 }, { { NULL } },
	  "multipart body without a boundary" },
	{ CT, "no boundary here", 0, { 0 }, { { NULL } },
	  "multipart body has no boundary line" },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	  "never closed", 0, { 0 }, { { NULL } },
	  "part \"a\": no closing boundary" },
	{ CT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n"
	  "x\r\n--XyZ--", 0, { 0 }, { { NULL } },
	  "part 1: Content-Disposition is not form-data" },
	{ CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", 0,
	  { 0 }, { { NULL } }, "part 1: no Content-Disposition header" },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n"
	  "\r\nx\r\n--XyZ--", 0, { 0 }, { { NULL } },
	  "part 1: part has no name" },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	  "filename=\"a.gpx\"\r\n\r\nx\r\n--XyZ--", 0, { 0 }, { { NULL } },
	  "part \"f\": files are not accepted here" },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	  "filename=\"a.gpx\"\r\n\r\n12345\r\n--XyZ--", 0, { .max_file = 4 },
	  { { NULL } }, "file \"a.gpx\": larger than 4 bytes" },
	{ CT, NUL_BODY, sizeof(NUL_BODY) - 1, { 0 }, { { NULL } },
	  "field \"t\": contains a NUL byte" },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n"
	  "--XyZ--", 0, { 0 }, { { NULL } },
	  "part 1: unterminated quote in Content-Disposition" },
	{ CT, "--XyZ garbage", 0, { 0 }, { { NULL } },
	  "part 1: bad boundary line" },
	/* Blanks after a delimiter, then "--": not the end, cut anywhere */
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv"
	  "\r\n--XyZ \t--", 0, { 0 }, { { NULL } },
	  "part 2: bad boundary line" },
	{ CT, "--XyZ\r\nX: 1\r\nX: 2\r\nX: 3\r\nX: 4\r\nX: 5\r\nX: 6\r\n"
	  "X: 7\r\nX: 8\r\nX: 9\r\n\r\nx\r\n--XyZ--", 0, { 0 }, { { NULL } },
	  "part 1: too many headers" },
	{ CT, "--XyZ\r\nno colon\r\n\r\nx\r\n--XyZ--", 0, { 0 }, { { NULL } },
	  "part 1: header line without ':'" },
	{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n", 0,
	  { 0 }, { { NULL } }, "part 1: headers do not end" },
};

/* A writable copy with one spare byte, as the parsers require. */
static char *copy_body(const char *body, size_t len)
{
	char *b = xmalloc(len + 1);

	memcpy(b, body, len);
	b[len] = '\0';
	return b;
}

/*
 * Check a parse against an expected error (or none). Returns true when the
 * case expected an error (and got exactly it), so the caller skips the
 * field checks.
 */
static bool check_outcome(size_t i, int rc, const struct err *e,
			  const char *want)
{
	if (want != NULL) {
		if (rc != -1 || strcmp(e->msg, want) != 0)
			fail_msg("case %zu: rc %d, msg \"%s\", want \"%s\"",
				 i, rc, e->msg, want);
		return true;
	}
	if (rc != 0)
		fail_msg("case %zu: unexpected error \"%s\"", i, e->msg);
	return false;
}

static void test_urlencoded(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		const struct form_case *c = &url_cases[i];
		size_t len = c->len ? c->len : strlen(c->body);
		char *b = copy_body(c->body, len);
		struct form f;
		struct err e;
		size_t n = 0;
		int rc;

		err_clear(&e);
		rc = form_parse_urlencoded(&f, b, len, &c->limits, &e);
		if (check_outcome(i, rc, &e, c->error)) {
			free(b);
			continue;
		}
		while (n < MAXF && c->fields[n][0] != NULL)
			n++;
		assert_int_equal(f.n, n);
		for (size_t k = 0; k < n; k++) {
			assert_string_equal(f.fields[k].name, c->fields[k][0]);
			assert_string_equal(f.fields[k].value, c->fields[k][1]);
			assert_int_equal(f.fields[k].value_len,
					 strlen(c->fields[k][1]));
			assert_null(f.fields[k].filename);
		}
		free(b);
	}
}

static void test_multipart(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(mp_cases) / sizeof(mp_cases[0]); i++) {
		const struct mp_case *c = &mp_cases[i];
		size_t len = c->len ? c->len : strlen(c->body);
		char *b = copy_body(c->body, len);
		struct form f;
		struct err e;
		size_t n = 0;
		int rc;

		err_clear(&e);
		rc = form_parse_multipart(&f, c->ct, b, len, &c->limits, &e);
		if (check_outcome(i, rc, &e, c->error)) {
			free(b);
			continue;
		}
		while (n < MAXF && c->fields[n][0] != NULL)
			n++;
		assert_int_equal(f.n, n);
		for (size_t k = 0; k < n; k++) {
			assert_string_equal(f.fields[k].name, c->fields[k][0]);
			assert_int_equal(f.fields[k].value_len,
					 strlen(c->fields[k][1]));
			assert_memory_equal(f.fields[k].value, c->fields[k][1],
					    f.fields[k].value_len);
			if (c->fields[k][2] == NULL)
				assert_null(f.fields[k].filename);
			else
				assert_string_equal(f.fields[k].filename,
						    c->fields[k][2]);
		}
		free(b);
	}
}

/* A sink that keeps each file's bytes; a field's value names the file. */
struct files {
	struct strbuf bytes[MAXF];
	size_t n;
	bool open;
	char name[16];
};

static int files_open(void *ud, const char *filename, struct err *e)
{
	struct files *fl = ud;

	(void)e;
	assert_non_null(filename);
	assert_false(fl->open);
	assert_true(fl->n < MAXF);
	strbuf_init(&fl->bytes[fl->n], 0);
	fl->open = true;
	return 0;
}

static int files_write(void *ud, const char *p, size_t len, struct err *e)
{
	struct files *fl = ud;

	(void)e;
	assert_true(fl->open && len > 0);
	strbuf_add(&fl->bytes[fl->n], p, len);
	return 0;
}

static const char *files_close(void *ud, struct err *e)
{
	struct files *fl = ud;

	(void)e;
	assert_true(fl->open);
	fl->open = false;
	snprintf(fl->name, sizeof(fl->name), "file %zu", fl->n++);
	return fl->name;
}

static const struct form_sink files_sink = { files_open, files_write,
					     files_close };

/* Every case again, fed in pieces of 1, 2, 3, 7 and 64 bytes, with file
 * parts sent to a sink: the same fields, the same errors. */
static void test_multipart_stream(void **state)
{
	static const size_t pieces[] = { 1, 2, 3, 7, 64 };

	(void)state;
	for (size_t i = 0; i < sizeof(mp_cases) / sizeof(mp_cases[0]); i++)
	for (size_t k = 0; k < sizeof(pieces) / sizeof(pieces[0]); k++) {
		const struct mp_case *c = &mp_cases[i];
		size_t len = c->len ? c->len : strlen(c->body), n = 0, nf = 0;
		struct files fl = { .n = 0 };
		struct form_stream *fs;
		struct form f;
		struct err e;
		int rc = -1;

		err_clear(&e);
		fs = form_stream_new(c->ct, &c->limits, &files_sink, &fl, &e);
		if (fs != NULL) {
			rc = 0;
			for (size_t off = 0; off < len && rc == 0;
			     off += pieces[k])
				rc = form_stream_feed(fs, c->body + off,
						      len - off < pieces[k]
						      ? len - off : pieces[k], &e);
			if (rc == 0)
				rc = form_stream_finish(fs, &f, &e);
		}
		if (check_outcome(i * 100 + k, rc, &e, c->error))
			goto next;
		while (n < MAXF && c->fields[n][0] != NULL)
			n++;
		assert_int_equal(f.n, n);
		for (size_t j = 0; j < n; j++) {
			const struct form_field *fld = &f.fields[j];

			assert_string_equal(fld->name, c->fields[j][0]);
			assert_int_equal(fld->value_len,
					 strlen(c->fields[j][1]));
			if (c->fields[j][2] == NULL) {
				assert_null(fld->filename);
				assert_string_equal(fld->value,
						    c->fields[j][1]);
				continue;
			}
			assert_string_equal(fld->filename, c->fields[j][2]);
			assert_int_equal(fl.bytes[nf].len, fld->value_len);
			assert_memory_equal(fl.bytes[nf].buf, c->fields[j][1],
					    fld->value_len);
			assert_non_null(strstr(fld->value, "file "));
			nf++;
		}
next:
		for (size_t j = 0; j < fl.n + fl.open; j++)
			strbuf_release(&fl.bytes[j]);
		form_stream_free(fs);
	}
}

/* A part's header block over 8192 bytes is refused, whole or in pieces,
 * ended or not; one of 8192 bytes is read. */
static void test_multipart_head_cap(void **state)
{
	static const size_t pieces[] = { 100, 100000 };

	(void)state;
	for (int over = 0; over < 2; over++)
	for (int ended = 0; ended < 2; ended++)
	for (size_t k = 0; k < 2; k++) {
		struct strbuf sb = STRBUF_INIT;
		struct form_stream *fs;
		struct form f;
		struct err e;
		int rc = 0;
		/* "Content-Disposition: form-data; name=a\r\nX: " is 43
		 * bytes, "\r\n\r\n" 4 */
		size_t pad = 8192 - 43 - 4 + 5 * (size_t)over;

		strbuf_addstr(&sb, "--XyZ\r\nContent-Disposition: form-data; "
			      "name=a\r\nX: ");
		for (size_t i = 0; i < pad; i++)
			strbuf_addch(&sb, 'a');
		if (ended)
			strbuf_addstr(&sb, "\r\n\r\nv\r\n--XyZ--");
		err_clear(&e);
		fs = form_stream_new(CT, NULL, NULL, NULL, &e);
		assert_non_null(fs);
		for (size_t off = 0; off < sb.len && rc == 0; off += pieces[k])
			rc = form_stream_feed(fs, sb.buf + off,
					      sb.len - off < pieces[k]
					      ? sb.len - off : pieces[k], &e);
		if (rc == 0)
			rc = form_stream_finish(fs, &f, &e);
		if (over)
			assert_string_equal(e.msg, "part 1: headers longer "
					    "than 8192 bytes");
		else if (!ended)
			assert_string_equal(e.msg, "part 1: headers do not end");
		else
			assert_int_equal(rc, 0);
		form_stream_free(fs);
		strbuf_release(&sb);
	}
}

static void test_lookup(void **state)
{
	char body[] = "s=a&p=1&s=b";
	struct form f;
	struct err e;

	(void)state;
	assert_int_equal(form_parse_urlencoded(&f, body, strlen(body), NULL,
					       &e), 0);
	assert_string_equal(form_get(&f, "s"), "a");
	assert_string_equal(form_get(&f, "p"), "1");
	assert_null(form_get(&f, "q"));
	assert_int_equal(form_count(&f, "s"), 2);
	assert_int_equal(form_count(&f, "q"), 0);
}

/* A binary file part (NUL bytes, CRLFs, a near-boundary) comes back intact. */
static void test_binary_file(void **state)
{
	static const char head[] = "--XyZ\r\nContent-Disposition: form-data; "
				   "name=\"f\"; filename=\"x.fit\"\r\n\r\n";
	static const char tail[] = "\r\n--XyZ--\r\n";
	unsigned char file[300];
	struct form_limits lim = { .max_file = 1000 };
	struct strbuf sb = STRBUF_INIT;
	struct form f;
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof(file); i++)
		file[i] = (unsigned char)(i * 7);
	memcpy(file + 100, "\r\n--XyY", 7);
	strbuf_add(&sb, head, strlen(head));
	strbuf_add(&sb, file, sizeof(file));
	strbuf_add(&sb, tail, strlen(tail));
	assert_int_equal(form_parse_multipart(&f, CT, sb.buf, sb.len, &lim,
					      &e), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.fields[0].value_len, sizeof(file));
	assert_memory_equal(f.fields[0].value, file, sizeof(file));
	/* The same in pieces of 5 bytes, which split the near-boundary. */
	{
		struct files fl = { .n = 0 };
		struct form_stream *fs;

		strbuf_reset(&sb);
		strbuf_add(&sb, head, strlen(head));
		strbuf_add(&sb, file, sizeof(file));
		strbuf_add(&sb, tail, strlen(tail));
		fs = form_stream_new(CT, &lim, &files_sink, &fl, &e);
		assert_non_null(fs);
		for (size_t off = 0; off < sb.len; off += 5)
			assert_int_equal(form_stream_feed(fs, sb.buf + off,
				sb.len - off < 5 ? sb.len - off : 5, &e), 0);
		assert_int_equal(form_stream_finish(fs, &f, &e), 0);
		assert_int_equal(f.fields[0].value_len, sizeof(file));
		assert_int_equal(fl.n, 1);
		assert_memory_equal(fl.bytes[0].buf, file, sizeof(file));
		strbuf_release(&fl.bytes[0]);
		form_stream_free(fs);
	}
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_multipart_stream),
		cmocka_unit_test(test_multipart_head_cap),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_binary_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
