/*
 * test_import.c - the importer as a whole: gzip and zip layers with their
 * caps, the format table, the SHA-256, Strava exports (folder and zip)
 * with their CSV, folders of files, and the agreement of GPX, TCX and FIT
 * written from the same track.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>
#include <zip.h>

#include "import/import.h"
#include "import/xml_split.h"
#include "import/stream.h"
#include "../gen/trackgen.c"

/* The same track as GPX, TCX and FIT: distance within 1%, moving time
 * within 2% (issue 4, item 6). Long track so that rounding shows. */
static void test_formats_agree(void **state)
{
	static const enum gen_format fs[] = { GEN_GPX11, GEN_GPX10, GEN_TCX,
					      GEN_FIT };
	struct activity a[4];
	(void)state;
	for (int i = 0; i < 4; i++) {
		struct gen_opts o;
		struct strbuf sb = STRBUF_INIT;
		struct err e;
		gen_opts_default(&o);
		o.run1_s = 3600;
		o.run2_s = 1800;
		gen_write(&o, fs[i], &sb, NULL);
		if (import_mem(sb.buf, sb.len, NULL, &a[i], NULL, &e) != 0)
			fail_msg("format %d: %s", i, e.msg);
		strbuf_release(&sb);
	}
	for (int i = 1; i < 4; i++) {
		assert_true(fabs(a[i].distance_m - a[0].distance_m) <
			    0.01 * a[0].distance_m);
		assert_true(fabs(a[i].moving_s - a[0].moving_s) <
			    0.02 * a[0].moving_s);
		assert_int_equal(a[i].start_utc, a[0].start_utc);
	}
}

/* A GPX that declares the TCX namespace is still read as GPX. */
static void test_gpx_with_tcx_namespace(void **state)
{
	static const char ns[] = "<gpx xmlns:tpx=\"http://www.garmin.com/"
				 "xmlschemas/TrainingCenterDatabase/v2\" ";
	struct gen_opts o;
	struct strbuf sb = STRBUF_INIT, t = STRBUF_INIT;
	struct activity a, b;
	struct err e;
	const char *at;
	(void)state;
	gen_opts_default(&o);
	gen_write(&o, GEN_GPX11, &sb, NULL);
	if (import_mem(sb.buf, sb.len, NULL, &a, NULL, &e) != 0)
		fail_msg("plain: %s", e.msg);
	at = strstr(sb.buf, "<gpx ");
	assert_non_null(at);
	strbuf_add(&t, sb.buf, (size_t)(at - sb.buf));
	strbuf_add(&t, ns, strlen(ns));
	strbuf_add(&t, at + 5, sb.len - (size_t)(at + 5 - sb.buf));
	if (import_mem(t.buf, t.len, NULL, &b, NULL, &e) != 0)
		fail_msg("with the TCX namespace: %s", e.msg);
	assert_true(fabs(a.distance_m - b.distance_m) < 0.001);
	strbuf_release(&sb);
	strbuf_release(&t);
}

/* The digest is SHA-256 of the bytes as stored (compressed or not). */
static void test_sha256(void **state)
{
	struct gen_opts o;
	struct strbuf sb = STRBUF_INIT, gz = STRBUF_INIT;
	struct activity a;
	struct err e;
	unsigned char d[32];
	char hex[65];

	(void)state;
	gen_opts_default(&o);
	gen_write(&o, GEN_TCX, &sb, NULL);
	gen_gzip(sb.buf, sb.len, &gz);
	assert_int_equal(import_mem(gz.buf, gz.len, "a.tcx.gz", &a, NULL, &e), 0);
	crypto_hash_sha256(d, (unsigned char *)gz.buf, gz.len);
	sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
	assert_string_equal(a.sha256, hex);
	assert_int_equal(import_mem(sb.buf, sb.len, NULL, &a, NULL, &e), 0);
	crypto_hash_sha256(d, (unsigned char *)sb.buf, sb.len);
	sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
	assert_string_equal(a.sha256, hex);
	strbuf_release(&sb);
	strbuf_release(&gz);
}

/* A valid GPX start followed by n bytes of white space: every byte
 * parses, so only the decompression cap can stop it. */
static char *bomb_bytes(size_t n)
{
	char *z = malloc(n);
	memset(z, ' ', n);
	memcpy(z, "<gpx>", 5);
	return z;
}

static void zeros_gz(size_t n, struct strbuf *out)
{
	char *z = bomb_bytes(n);
	gen_gzip(z, n, out);
	free(z);
}

static void test_gzip_bad(void **state)
{
	struct strbuf sb = STRBUF_INIT, gz = STRBUF_INIT, t = STRBUF_INIT;
	struct activity a;
	struct err e;
	struct gen_opts o;

	(void)state;
	/* A bomb: 20 MB of zeros in about 20 KB. */
	zeros_gz(20u << 20, &gz);
	assert_true(gz.len < (20u << 20) / IMPORT_MAX_RATIO);
	assert_int_equal(import_mem(gz.buf, gz.len, "b.gpx.gz", &a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "gzip bomb"));
	/* Truncated. */
	strbuf_reset(&gz);
	gen_opts_default(&o);
	gen_write(&o, GEN_GPX11, &sb, NULL);
	gen_gzip(sb.buf, sb.len, &gz);
	strbuf_add(&t, gz.buf, gz.len / 2);
	assert_int_equal(import_mem(t.buf, t.len, NULL, &a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "truncated"));
	/* Corrupt. */
	strbuf_reset(&t);
	strbuf_add(&t, gz.buf, gz.len);
	for (size_t i = 20; i < 200; i++)
		t.buf[i] = (char)0xAA;
	assert_int_equal(import_mem(t.buf, t.len, NULL, &a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "gzip"));
	/* Two members make one stream (gzip allows it). */
	strbuf_reset(&t);
	gen_gzip(sb.buf, sb.len / 2, &t);
	gen_gzip(sb.buf + sb.len / 2, sb.len - sb.len / 2, &t);
	assert_int_equal(import_mem(t.buf, t.len, NULL, &a, NULL, &e), 0);
	strbuf_release(&sb);
	strbuf_release(&gz);
	strbuf_release(&t);
}

static void test_caps(void **state)
{
	(void)state;
	assert_int_equal(stream_cap_for(1000), 100000);
	assert_int_equal(stream_cap_for(IMPORT_MAX_BYTES), IMPORT_MAX_BYTES);
	assert_int_equal(stream_cap_for(UINT64_MAX / 2), IMPORT_MAX_BYTES);
	assert_int_equal(stream_cap_for(0), 0);
}

/* ---- CSV ---- */

struct csv_out {
	char text[512];
};

static int csv_field(void *ud, size_t col, const char *s, size_t n, bool eor)
{
	struct csv_out *o = ud;
	size_t len = strlen(o->text);
	snprintf(o->text + len, sizeof(o->text) - len, "%zu[%.*s]%s", col,
		 (int)n, s, eor ? "|" : "");
	return 0;
}

static const struct {
	const char *in, *want;
} csv_cases[] = {
	{ "a,b\n1,2\n", "0[a]1[b]|0[1]1[2]|" },
	{ "a,b\r\n1,2", "0[a]1[b]|0[1]1[2]|" },
	{ "\"x,y\",\"say \"\"hi\"\"\"\n", "0[x,y]1[say \"hi\"]|" },
	{ "\"two\nlines\",z\n", "0[two\nlines]1[z]|" },
	{ "a,,c\n", "0[a]1[]2[c]|" },
	{ "a,\n", "0[a]1[]|" },
	{ "a,", "0[a]1[]|" },
	{ "\xEF\xBB\xBFid\n", "0[id]|" },
	{ "", "" },
	{ "\"open", NULL },
	{ "ab\"c\n", NULL },
	{ "\"a\"b\n", NULL },
	{ "a\rb\n", NULL },
};

static void test_csv(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(csv_cases) / sizeof(csv_cases[0]); c++) {
		struct csv_out o = { "" };
		struct err e;
		int rc = csv_read(csv_cases[c].in, strlen(csv_cases[c].in),
				  csv_field, &o, &e);
		if (csv_cases[c].want == NULL) {
			if (rc != -1)
				fail_msg("csv %zu accepted", c);
			assert_non_null(strstr(e.msg, "line"));
		} else if (rc != 0 || strcmp(o.text, csv_cases[c].want) != 0) {
			fail_msg("csv %zu: rc %d, got %s", c, rc, o.text);
		}
	}
}

/* ---- exports on disk ---- */

static char tmp[256];

static int setup_tmp(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "%s/runcare-import-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(tmp) == NULL ? -1 : 0;
}

static int teardown_tmp(void **state)
{
	char cmd[400];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static const char strava_csv[] =
	"Activity ID,Activity Date,Activity Name,Activity Type,Distance,Filename\n"
	"1,\"Nov 1, 2026, 7:00:00 AM\",\"Morning \"\"easy\"\" run\",Run,5.4,"
	"activities/1.gpx.gz\n"
	"2,\"Nov 2, 2026, 7:00:00 AM\",Hill reps,Run,5.4,activities/2.fit.gz\n"
	"3,\"Nov 3, 2026, 7:00:00 AM\",Treadmill,Run,5.4,activities/3.tcx.gz\n"
	"4,\"Nov 4, 2026, 7:00:00 AM\",Commute,Ride,12.0,activities/4.gpx.gz\n"
	"5,\"Nov 5, 2026, 7:00:00 AM\",Stroll,Walk,2.0,activities/5.gpx.gz\n"
	"6,\"Nov 6, 2026, 7:00:00 AM\",Typed in,Run,5.0,\n"
	"7,\"Nov 7, 2026, 7:00:00 AM\",Lost,Run,5.0,activities/7.fit.gz\n";

/* Compressed bytes of activity i of the export. */
static void export_file(int i, struct strbuf *gz)
{
	struct gen_opts o;
	struct strbuf sb = STRBUF_INIT;
	gen_opts_default(&o);
	o.run1_s = 300;
	o.run2_s = 200;
	o.start += 86400 * (i - 1);
	o.gpx_type = NULL;
	enum gen_format f = i == 2 ? GEN_FIT : i == 3 ? GEN_TCX : GEN_GPX11;
	o.no_gps = i == 3;
	gen_write(&o, f, &sb, NULL);
	gen_gzip(sb.buf, sb.len, gz);
	strbuf_release(&sb);
}

static const int export_ids[] = { 1, 2, 3, 4, 5 };

static void check_export_jobs(struct import_jobs *jobs)
{
	struct import_ctx ctx;
	static const char *const titles[] = { "Morning \"easy\" run", "Hill reps",
					      "Treadmill", "Stroll" };
	static const enum activity_sport sports[] = {
		ACTIVITY_SPORT_RUN, ACTIVITY_SPORT_RUN, ACTIVITY_SPORT_RUN,
		ACTIVITY_SPORT_WALK };
	assert_int_equal(jobs->n, 4);
	assert_int_equal(jobs->skipped, 1);
	import_ctx_init(&ctx);
	for (size_t i = 0; i < jobs->n; i++) {
		struct activity a;
		struct err e;
		assert_string_equal(jobs->v[i].title, titles[i]);
		if (import_job_run(&ctx, &jobs->v[i], &a, NULL, &e) != 0)
			fail_msg("%s: %s", jobs->v[i].name, e.msg);
		assert_int_equal(a.sport, sports[i]);
		assert_true(fabs(a.distance_m - 3.0 * 499) < 5);
	}
	import_ctx_release(&ctx);
}

static void test_strava_folder(void **state)
{
	char path[512];
	struct import_jobs jobs;
	struct err e;

	(void)state;
	snprintf(path, sizeof(path), "%s/export", tmp);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/export/activities", tmp);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/export/activities.csv", tmp);
	write_file(path, strava_csv, strlen(strava_csv));
	for (size_t k = 0; k < sizeof(export_ids) / sizeof(export_ids[0]); k++) {
		int i = export_ids[k];
		struct strbuf gz = STRBUF_INIT;
		export_file(i, &gz);
		snprintf(path, sizeof(path), "%s/export/activities/%d.%s.gz", tmp,
			 i, i == 2 ? "fit" : i == 3 ? "tcx" : "gpx");
		write_file(path, gz.buf, gz.len);
		strbuf_release(&gz);
	}
	import_jobs_init(&jobs);
	snprintf(path, sizeof(path), "%s/export", tmp);
	assert_int_equal(import_collect(path, &jobs, &e), 0);
	check_export_jobs(&jobs);
	import_jobs_release(&jobs);
}

static zip_int64_t zip_put(zip_t *za, const char *name, const void *data,
			   size_t n)
{
	void *copy = malloc(n ? n : 1);
	memcpy(copy, data, n);
	zip_source_t *src = zip_source_buffer(za, copy, n, 1);
	assert_non_null(src);
	zip_int64_t i = zip_file_add(za, name, src, ZIP_FL_OVERWRITE);
	assert_true(i >= 0);
	return i;
}

static void test_strava_zip(void **state)
{
	char path[512];
	struct import_jobs jobs;
	struct err e;
	int zerr;

	(void)state;
	snprintf(path, sizeof(path), "%s/export.zip", tmp);
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(za);
	zip_put(za, "export_1/activities.csv", strava_csv, strlen(strava_csv));
	for (size_t k = 0; k < sizeof(export_ids) / sizeof(export_ids[0]); k++) {
		int i = export_ids[k];
		char name[64];
		struct strbuf gz = STRBUF_INIT;
		export_file(i, &gz);
		snprintf(name, sizeof(name), "export_1/activities/%d.%s.gz", i,
			 i == 2 ? "fit" : i == 3 ? "tcx" : "gpx");
		zip_put(za, name, gz.buf, gz.len);
		strbuf_release(&gz);
	}
	assert_int_equal(zip_close(za), 0);
	import_jobs_init(&jobs);
	assert_int_equal(import_collect(path, &jobs, &e), 0);
	check_export_jobs(&jobs);
	import_jobs_release(&jobs);
}

/* A zip bomb entry and a folder of FIT files (a Garmin export). */
static void test_zip_bomb_and_folder(void **state)
{
	char path[512];
	struct import_jobs jobs;
	struct import_ctx ctx;
	struct activity a;
	struct err e;
	int zerr;
	char *zeros = bomb_bytes(20u << 20);

	(void)state;
	snprintf(path, sizeof(path), "%s/bomb.zip", tmp);
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(za);
	zip_put(za, "big.gpx", zeros, 20u << 20);
	struct strbuf gzb = STRBUF_INIT;
	gen_gzip(zeros, 20u << 20, &gzb);
	/* A gzip bomb stored uncompressed in the zip: the zip cap passes it,
	 * the gzip cap (against its own size) stops it. */
	zip_int64_t gi = zip_put(za, "big2.gpx.gz", gzb.buf, gzb.len);
	assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)gi,
						  ZIP_CM_STORE, 0), 0);
	strbuf_release(&gzb);
	assert_int_equal(zip_close(za), 0);
	free(zeros);
	import_jobs_init(&jobs);
	assert_int_equal(import_collect(path, &jobs, &e), 0);
	assert_int_equal(jobs.n, 2);
	import_ctx_init(&ctx);
	assert_int_equal(import_job_run(&ctx, &jobs.v[0], &a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "zip bomb"));
	assert_int_equal(import_job_run(&ctx, &jobs.v[1], &a, NULL, &e), -1);
	if (strstr(e.msg, "gzip bomb") == NULL)
		fail_msg("%s", e.msg);
	import_ctx_release(&ctx);
	import_jobs_release(&jobs);

	/* Garmin folder: nested .fit files, a stray file ignored. */
	snprintf(path, sizeof(path), "%s/garmin", tmp);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/garmin/2026", tmp);
	mkdir(path, 0700);
	for (int i = 0; i < 3; i++) {
		struct gen_opts o;
		struct strbuf sb = STRBUF_INIT;
		gen_opts_default(&o);
		o.start += 86400 * i;
		o.big_endian = i == 1;
		gen_write(&o, GEN_FIT, &sb, NULL);
		snprintf(path, sizeof(path), "%s/garmin/2026/run%d.FIT", tmp, i);
		write_file(path, sb.buf, sb.len);
		strbuf_release(&sb);
	}
	snprintf(path, sizeof(path), "%s/garmin/notes.txt", tmp);
	write_file(path, "hello", 5);
	import_jobs_init(&jobs);
	snprintf(path, sizeof(path), "%s/garmin", tmp);
	assert_int_equal(import_collect(path, &jobs, &e), 0);
	assert_int_equal(jobs.n, 3);
	assert_int_equal(jobs.ignored, 1);
	import_ctx_init(&ctx);
	for (size_t i = 0; i < jobs.n; i++) {
		assert_int_equal(import_job_run(&ctx, &jobs.v[i], &a, NULL, &e), 0);
		assert_int_equal(a.start_utc, 1793516400 + 86400 * (int64_t)i);
	}
	import_ctx_release(&ctx);
	import_jobs_release(&jobs);

	/* A path that does not exist; a file that is not a zip. */
	import_jobs_init(&jobs);
	snprintf(path, sizeof(path), "%s/missing", tmp);
	assert_int_equal(import_collect(path, &jobs, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	snprintf(path, sizeof(path), "%s/fake.zip", tmp);
	write_file(path, "PK\x03\x04junk", 8);
	assert_int_equal(import_collect(path, &jobs, &e), -1);
	assert_non_null(strstr(e.msg, "zip"));
	import_jobs_release(&jobs);
}

/* Import one file from disk through the job path (a large plain XML file
 * is read in windows on several threads there). */
static int run_path(const char *path, struct activity *a, struct err *e)
{
	struct import_jobs jobs;
	struct import_ctx ctx;
	int rc;

	import_jobs_init(&jobs);
	assert_int_equal(import_collect(path, &jobs, e), 0);
	assert_int_equal(jobs.n, 1);
	import_ctx_init(&ctx);
	rc = import_job_run(&ctx, &jobs.v[0], a, NULL, e);
	import_ctx_release(&ctx);
	import_jobs_release(&jobs);
	return rc;
}

/* Files over the windowed reader's threshold give what the sequential
 * reader (import_mem) gives, the same digest, and the same refusals. */
static void test_large_files(void **state)
{
	static const enum gen_format formats[] = { GEN_GPX11, GEN_TCX };
	char path[400], hex[65];
	unsigned char d[32];

	(void)state;
	for (size_t f = 0; f < 2; f++) {
		struct gen_opts o;
		struct strbuf sb = STRBUF_INIT;
		struct activity seq, par;
		struct err e1, e2;

		gen_opts_default(&o);
		o.run1_s = 12000, o.run2_s = 12000;
		gen_write(&o, formats[f], &sb, NULL);
		assert_true(sb.len >= XML_SPLIT_MIN_BYTES);
		snprintf(path, sizeof(path), "%s/large%zu.xml", tmp, f);
		write_file(path, sb.buf, sb.len);
		if (import_mem(sb.buf, sb.len, NULL, &seq, NULL, &e1) != 0)
			fail_msg("%s", e1.msg);
		if (run_path(path, &par, &e2) != 0)
			fail_msg("%s", e2.msg);
		assert_int_equal(par.points, seq.points);
		assert_true(par.distance_m == seq.distance_m);
		assert_true(par.moving_s == seq.moving_s);
		assert_true(par.elapsed_s == seq.elapsed_s);
		assert_true(par.climb_m == seq.climb_m);
		assert_true(par.descent_m == seq.descent_m);
		assert_true(par.avg_hr == seq.avg_hr);
		assert_int_equal(par.start_utc, seq.start_utc);
		crypto_hash_sha256(d, (unsigned char *)sb.buf, sb.len);
		sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
		assert_string_equal(par.sha256, hex);

		/* Broken XML three quarters in: the sequential message, with
		 * its line. */
		const char *tt = formats[f] == GEN_TCX ? "</Time>" : "</time>";
		char *mid = strstr(sb.buf + sb.len * 3 / 4, tt);
		assert_non_null(mid);
		memcpy(mid, "</tame>", 7);
		write_file(path, sb.buf, sb.len);
		assert_int_equal(import_mem(sb.buf, sb.len, NULL, &seq, NULL, &e1), -1);
		assert_int_equal(run_path(path, &par, &e2), -1);
		assert_string_equal(e2.msg, e1.msg);
		assert_non_null(strstr(e2.msg, "line "));

		/* An absurd altitude in the middle: refused the same way. */
		memcpy(mid, tt, 7);
		char *ele = strstr(sb.buf + sb.len / 2,
				   formats[f] == GEN_TCX ? "<AltitudeMeters>" : "<ele>");
		assert_non_null(ele);
		ele = strchr(ele, '>') + 1;
		memcpy(ele, "99999", 5);
		write_file(path, sb.buf, sb.len);
		assert_int_equal(import_mem(sb.buf, sb.len, NULL, &seq, NULL, &e1), -1);
		assert_int_equal(run_path(path, &par, &e2), -1);
		assert_string_equal(e2.msg, e1.msg);
		strbuf_release(&sb);
	}
}

static void test_strava_csv_bad(void **state)
{
	static const char *const bad[] = {
		"Activity ID,Activity Name\n1,x\n",
		"",
		"Activity Type,Filename\n\"Run,x\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct import_jobs jobs;
		struct err e;
		char path[512];
		snprintf(path, sizeof(path), "%s/bad%zu", tmp, i);
		mkdir(path, 0700);
		snprintf(path, sizeof(path), "%s/bad%zu/activities.csv", tmp, i);
		write_file(path, bad[i], strlen(bad[i]));
		snprintf(path, sizeof(path), "%s/bad%zu", tmp, i);
		import_jobs_init(&jobs);
		assert_int_equal(import_collect(path, &jobs, &e), -1);
		assert_non_null(strstr(e.msg, "activities.csv"));
		import_jobs_release(&jobs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats_agree),
		cmocka_unit_test(test_gpx_with_tcx_namespace),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_gzip_bad),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_strava_folder),
		cmocka_unit_test(test_strava_zip),
		cmocka_unit_test(test_zip_bomb_and_folder),
		cmocka_unit_test(test_large_files),
		cmocka_unit_test(test_strava_csv_bad),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
