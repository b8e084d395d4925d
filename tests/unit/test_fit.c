/*
 * test_fit.c - the FIT decoder on files the test generates with known
 * truth: both byte orders, compressed timestamps, developer fields,
 * enhanced altitude, no GPS, chained files; record by record against the
 * generator; and every kind of broken file (bad CRC, truncation, wrong
 * sizes, undefined messages).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "import/activity.h"
#include "import/fit.h"
#include "import/import.h"
#include "import/stream.h"
#include "../gen/trackgen.c"

enum { V_BE = 1, V_CTS = 2, V_DEV = 4, V_EALT = 8, V_NOGPS = 16,
       V_CHAIN = 32, V_NODIST = 64 };

static void opts_for(unsigned v, struct gen_opts *o)
{
	gen_opts_default(o);
	o->big_endian = v & V_BE;
	o->compressed_ts = v & V_CTS;
	o->dev_fields = v & V_DEV;
	o->enhanced_alt = v & V_EALT;
	o->no_gps = v & V_NOGPS;
	o->chained = v & V_CHAIN;
	o->no_device_distance = v & V_NODIST;
}

/* A chained file is two files, each with its session: two activities
 * (the pause between them in neither), adding up to the truth. */
static void check_chained(unsigned v, const struct activity_legs *l,
			  const struct gen_truth *t)
{
	double dist = 0, moving = 0, climb = 0;
	size_t points = 0;

	if (l->n != 2)
		fail_msg("variant %u: %zu activities, not 2", v, l->n);
	for (size_t i = 0; i < l->n; i++) {
		dist += l->v[i].distance_m;
		moving += l->v[i].moving_s;
		climb += l->v[i].climb_m;
		points += l->v[i].points;
		assert_int_equal(l->v[i].sport, ACTIVITY_SPORT_RUN);
	}
	if (fabs(dist - t->distance_m) > 0.001 * t->distance_m)
		fail_msg("variant %u: distance %f truth %f", v, dist,
			 t->distance_m);
	if (fabs(moving - t->moving_s) > 1e-9)
		fail_msg("variant %u: moving %f truth %f", v, moving,
			 t->moving_s);
	if (fabs(climb - t->climb_m) > 10.0 + 0.01 * t->climb_m)
		fail_msg("variant %u: climb %f truth %f", v, climb, t->climb_m);
	assert_int_equal(l->v[0].start_utc, t->start);
	assert_int_equal(points, t->points);
	assert_true(l->v[1].start_utc > l->v[0].start_utc + (int64_t)l->v[0].elapsed_s);
	assert_string_not_equal(l->v[0].sha256, l->v[1].sha256);
}

/* Every combination of the variants gives the truth. */
static void test_variants(void **state)
{
	(void)state;
	for (unsigned v = 0; v < 128; v++) {
		struct gen_opts o;
		struct gen_truth t;
		struct strbuf sb = STRBUF_INIT;
		struct activity_legs legs;
		struct activity a;
		enum import_format f;
		struct err e;
		if ((v & V_NOGPS) && (v & V_NODIST))
			continue;	/* speed only: covered below */
		opts_for(v, &o);
		gen_write(&o, GEN_FIT, &sb, &t);
		if (import_mem_legs(sb.buf, sb.len, NULL, &legs, &f, &e) != 0)
			fail_msg("variant %u: %s", v, e.msg);
		assert_int_equal(f, IMPORT_FIT);
		if (v & V_CHAIN) {
			check_chained(v, &legs, &t);
			activity_legs_release(&legs);
			strbuf_release(&sb);
			continue;
		}
		assert_int_equal(legs.n, 1);
		a = legs.v[0];
		activity_legs_release(&legs);
		if (fabs(a.distance_m - t.distance_m) > 0.001 * t.distance_m)
			fail_msg("variant %u: distance %f truth %f", v,
				 a.distance_m, t.distance_m);
		if (fabs(a.moving_s - t.moving_s) > 1e-9)
			fail_msg("variant %u: moving %f truth %f", v,
				 a.moving_s, t.moving_s);
		if (fabs(a.elapsed_s - t.elapsed_s) > 1e-9)
			fail_msg("variant %u: elapsed %f", v, a.elapsed_s);
		if (fabs(a.climb_m - t.climb_m) > 5.0 + 0.01 * t.climb_m)
			fail_msg("variant %u: climb %f truth %f", v, a.climb_m,
				 t.climb_m);
		if (fabs(a.avg_hr - t.avg_hr) > 1e-6)
			fail_msg("variant %u: hr %f truth %f", v, a.avg_hr,
				 t.avg_hr);
		assert_int_equal(a.sport, ACTIVITY_SPORT_RUN);
		assert_int_equal(a.start_utc, t.start);
		assert_int_equal(a.points, t.points);
		strbuf_release(&sb);
	}
}

/* Indoor without device distance: distance from the speed field. */
static void test_speed_only(void **state)
{
	struct gen_opts o;
	struct gen_truth t;
	struct strbuf sb = STRBUF_INIT;
	struct activity a;
	struct err e;

	(void)state;
	opts_for(V_NOGPS | V_NODIST, &o);
	gen_write(&o, GEN_FIT, &sb, &t);
	/* The session still carries the device's total; drop nothing, but
	 * check the totals agree with the speed-only sum as well. */
	assert_int_equal(import_mem(sb.buf, sb.len, NULL, &a, NULL, &e), 0);
	assert_true(fabs(a.distance_m - t.distance_m) < 0.01 * t.distance_m);
	assert_true(fabs(a.moving_s - t.moving_s) < 1e-9);
	assert_false(a.has_gps);
	strbuf_release(&sb);
}

/* Record by record: the decoder's values against the generator's. */
struct cmp {
	struct gen_point pts[4096];
	size_t n, seen;
	const struct gen_opts *o;
};

static void collect(void *ud, const struct gen_point *p, bool after)
{
	struct cmp *c = ud;
	(void)after;
	if (c->n < 4096)
		c->pts[c->n++] = *p;
}

static void compare(void *ud, const struct fit_record *r)
{
	struct cmp *c = ud;
	const struct gen_point *p;

	assert_true(c->seen < c->n);
	p = &c->pts[c->seen++];
	assert_true(fabs(r->t - p->t) < 1e-9);
	if (c->o->no_gps) {
		assert_true(isnan(r->lat) && isnan(r->lon));
	} else {
		assert_true(fabs(r->lat - p->lat) < 1e-7);
		assert_true(fabs(r->lon - p->lon) < 1e-7);
	}
	assert_true(fabs(r->alt - p->ele) < 0.1 + 1e-9);
	assert_true(fabs(r->hr - p->hr) < 1e-9);
	assert_true(fabs(r->speed - p->speed) < 0.001);
	if (c->o->no_device_distance)
		assert_true(isnan(r->dist));
	else
		assert_true(fabs(r->dist - p->dist) < 0.006);
}

static void test_records(void **state)
{
	static const unsigned vs[] = { 0, V_BE, V_CTS, V_BE | V_CTS | V_DEV,
				       V_EALT | V_NOGPS, V_CHAIN | V_CTS };
	(void)state;
	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++) {
		struct gen_opts o;
		struct strbuf sb = STRBUF_INIT;
		static struct cmp c;
		struct mem_src m;
		struct istream in;
		struct ibuf b;
		struct activity_sum s;
		struct err e;
		opts_for(vs[i], &o);
		gen_write(&o, GEN_FIT, &sb, NULL);
		c.n = c.seen = 0;
		c.o = &o;
		gen_points(&o, collect, &c);
		mem_src_init(&m, &in, sb.buf, sb.len);
		ibuf_init(&b, &in, FIT_BUF_BYTES);
		activity_sum_init(&s);
		assert_int_equal(fit_parse(&b, &s, compare, &c, &e), 0);
		assert_int_equal(c.seen, c.n);
		ibuf_release(&b);
		strbuf_release(&sb);
	}
}

static int decode(const struct strbuf *sb, struct err *e)
{
	struct activity a;
	return import_mem(sb->buf, sb->len, "x.fit", &a, NULL, e);
}

/* Rewrite the file CRC after a change, so only the change is tested. */
static void fix_crc(struct strbuf *sb)
{
	uint16_t crc = fit_crc16(0, (unsigned char *)sb->buf, sb->len - 2);
	sb->buf[sb->len - 2] = (char)(crc & 0xFF);
	sb->buf[sb->len - 1] = (char)(crc >> 8);
}

static void small_fit(struct strbuf *sb, unsigned v)
{
	struct gen_opts o;
	opts_for(v, &o);
	o.run1_s = 40;
	o.still_s = 5;
	o.pause_s = 40;
	o.run2_s = 20;
	gen_write(&o, GEN_FIT, sb, NULL);
}

static void expect_bad(const struct strbuf *sb, const char *why,
		       const char *label)
{
	struct err e;
	err_clear(&e);
	if (decode(sb, &e) != -1)
		fail_msg("%s: accepted", label);
	if (strstr(e.msg, why) == NULL)
		fail_msg("%s: \"%s\" lacks \"%s\"", label, e.msg, why);
}

static void test_bad_crc(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	small_fit(&sb, 0);
	/* Flip one bit in each of several data bytes in turn. */
	for (size_t off = 20; off < sb.len - 2; off += 37) {
		sb.buf[off] ^= 0x10;
		struct err e;
		err_clear(&e);
		assert_int_equal(decode(&sb, &e), -1);
		sb.buf[off] ^= 0x10;
	}
	sb.buf[sb.len - 1] ^= 1;
	expect_bad(&sb, "CRC", "file crc");
	sb.buf[sb.len - 1] ^= 1;
	sb.buf[12] ^= 1;
	expect_bad(&sb, "header CRC", "header crc");
	strbuf_release(&sb);
}

static void test_truncated(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	small_fit(&sb, V_CTS);
	for (size_t cut = 1; cut < sb.len; cut += 7) {
		struct strbuf t = STRBUF_INIT;
		struct err e;
		strbuf_add(&t, sb.buf, cut);
		err_clear(&e);
		if (decode(&t, &e) != -1)
			fail_msg("cut at %zu accepted", cut);
		strbuf_release(&t);
	}
	struct strbuf t = STRBUF_INIT;
	strbuf_add(&t, sb.buf, sb.len - 1);
	expect_bad(&t, "truncated", "last byte cut");
	strbuf_release(&t);
	strbuf_release(&sb);
}

static void put32le(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (char)(v >> (8 * i));
}

static void test_wrong_sizes(void **state)
{
	struct strbuf sb = STRBUF_INIT, t = STRBUF_INIT;
	uint32_t size;
	(void)state;
	small_fit(&sb, 0);
	size = (uint32_t)(unsigned char)sb.buf[4] |
	       (uint32_t)(unsigned char)sb.buf[5] << 8 |
	       (uint32_t)(unsigned char)sb.buf[6] << 16;

	/* Header size neither 12 nor 14. */
	strbuf_add(&t, sb.buf, sb.len);
	t.buf[0] = 13;
	expect_bad(&t, "header size 13", "header size");
	/* No signature. */
	strbuf_reset(&t);
	strbuf_add(&t, sb.buf, sb.len);
	memcpy(t.buf + 8, ".FAT", 4);
	t.buf[12] = t.buf[13] = 0;
	expect_bad(&t, "signature", "signature");
	/* Data size one too small: a message runs past it. */
	strbuf_reset(&t);
	strbuf_add(&t, sb.buf, sb.len);
	put32le(t.buf + 4, size - 1);
	t.buf[12] = t.buf[13] = 0;
	expect_bad(&t, "", "size - 1");
	/* Data size larger than the file. */
	put32le(t.buf + 4, size + 1000);
	expect_bad(&t, "truncated", "size + 1000");
	/* The type number is the low five bits of the base-type byte: the
	 * manufacturer field (uint16, 0x84) without its size flag (0x04) and
	 * a type number the protocol does not know (read as bytes) are both
	 * decoded.  The file_id definition starts at byte 14: record header,
	 * reserved, arch, global (2), count, then fields from byte 20. */
	strbuf_reset(&t);
	strbuf_add(&t, sb.buf, sb.len);
	assert_int_equal((unsigned char)t.buf[14], 0x40);
	t.buf[14 + 6 + 3 + 2] = 0x04;
	fix_crc(&t);
	{
		struct err e;
		err_clear(&e);
		assert_int_equal(decode(&t, &e), 0);
	}
	t.buf[14 + 6 + 3 + 2] = 0x15;
	fix_crc(&t);
	{
		struct err e;
		err_clear(&e);
		assert_int_equal(decode(&t, &e), 0);
	}
	/* Architecture 2. */
	strbuf_reset(&t);
	strbuf_add(&t, sb.buf, sb.len);
	t.buf[14 + 2] = 2;
	fix_crc(&t);
	expect_bad(&t, "architecture", "architecture");
	/* A data message of a local type never defined. */
	strbuf_reset(&t);
	strbuf_add(&t, sb.buf, sb.len);
	t.buf[14] = 0x09;	/* data, local 9 */
	fix_crc(&t);
	expect_bad(&t, "undefined local type 9", "undefined");
	/* Not an activity: file_id type 6 (course). The first data message
	 * follows the 14-byte header and the 6 + 9-byte definition. */
	strbuf_reset(&t);
	strbuf_add(&t, sb.buf, sb.len);
	assert_int_equal((unsigned char)t.buf[29], 0x00);
	assert_int_equal((unsigned char)t.buf[30], 4);
	t.buf[30] = 6;
	fix_crc(&t);
	expect_bad(&t, "not an activity", "file type");
	strbuf_release(&t);
	strbuf_release(&sb);
}

/* A compressed timestamp before any full one cannot be placed. */
static void test_compressed_first(void **state)
{
	/* Header, one definition (local 0: record, field 3 heart rate),
	 * then a compressed-timestamp data message. */
	unsigned char f[64];
	size_t n = 0;
	(void)state;
	memset(f, 0, sizeof(f));
	f[n++] = 12; f[n++] = 0x20; f[n++] = 0x54; f[n++] = 0x08;
	n += 4;
	memcpy(f + n, ".FIT", 4);
	n += 4;
	const unsigned char body[] = { 0x40, 0, 0, 20, 0, 1, 3, 1, 0x02,
				       0x80 | 5, 150 };
	memcpy(f + n, body, sizeof(body));
	n += sizeof(body);
	f[4] = sizeof(body);
	uint16_t crc = fit_crc16(0, f, n);
	f[n++] = (unsigned char)crc;
	f[n++] = (unsigned char)(crc >> 8);
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, f, n);
	expect_bad(&sb, "compressed timestamp before", "compressed first");
	strbuf_release(&sb);
}

/* A file of records (timestamp, heart rate, distance in cm) written by
 * hand: header, one definition, the data messages, CRC. */
static void hand_fit(struct strbuf *sb, const uint32_t *ts, const uint8_t *hr,
		     const uint32_t *dist, size_t n)
{
	const unsigned char def[] = { 0x40, 0, 0, 20, 0, 3,
				      253, 4, 0x86, 3, 1, 0x02, 5, 4, 0x86 };
	char h[12] = { 12, 0x20, 0x54, 0x08, 0, 0, 0, 0,
				'.', 'F', 'I', 'T' };
	size_t size = sizeof(def) + n * 10;

	strbuf_reset(sb);
	put32le(h + 4, (uint32_t)size);
	strbuf_add(sb, h, sizeof(h));
	strbuf_add(sb, def, sizeof(def));
	for (size_t i = 0; i < n; i++) {
		char m[10] = { 0 };
		put32le(m + 1, ts[i]);
		m[5] = (char)hr[i];
		put32le(m + 6, dist[i]);
		strbuf_add(sb, m, sizeof(m));
	}
	uint16_t crc = fit_crc16(0, (const unsigned char *)sb->buf, sb->len);
	strbuf_addch(sb, (char)(crc & 0xFF));
	strbuf_addch(sb, (char)(crc >> 8));
}

/* Invalid values are no value: a heart rate of 255 (uint8's invalid) and
 * a distance of 0xFFFFFFFF are left out. Times below 0x10000000 count
 * from power-on: the run cannot be dated and is refused. */
static void test_invalid_values(void **state)
{
	const uint32_t t0 = 1100000000u;
	uint32_t ts[] = { t0, t0 + 1, t0 + 2, t0 + 3 };
	uint8_t hr[] = { 150, 255, 255, 140 };
	uint32_t dist[] = { 0, 300, 0xFFFFFFFFu, 900 };
	struct strbuf sb = STRBUF_INIT;
	struct activity a;
	struct err e;

	(void)state;
	hand_fit(&sb, ts, hr, dist, 4);
	if (import_mem(sb.buf, sb.len, NULL, &a, NULL, &e) != 0)
		fail_msg("%s", e.msg);
	assert_true(fabs(a.avg_hr - 145) < 1e-9);
	assert_true(fabs(a.distance_m - 9) < 1e-9);
	assert_int_equal(a.points, 4);
	for (size_t i = 0; i < 4; i++)
		ts[i] = 1000 + (uint32_t)i;
	hand_fit(&sb, ts, hr, dist, 4);
	assert_int_equal(import_mem(sb.buf, sb.len, NULL, &a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "clock was not set"));
	strbuf_release(&sb);
}

/* Append a session message (local type 1: timestamp, start_time, sport,
 * total elapsed and timer time in ms, total distance in cm). */
static void hand_session(struct strbuf *sb, uint32_t start, uint32_t secs,
			 uint8_t sport, uint32_t dist_m)
{
	char m[22] = { 1 };

	put32le(m + 1, start + secs);
	put32le(m + 5, start);
	m[9] = (char)sport;
	put32le(m + 10, secs * 1000);
	put32le(m + 14, secs * 1000);
	put32le(m + 18, dist_m * 100);
	strbuf_add(sb, m, sizeof(m));
}

/* A file of records (timestamp, distance in cm) and the session messages
 * in sess, written before the records (first) or after them. */
static void hand_fit_sessions(struct strbuf *sb, const uint32_t *ts,
			      const uint32_t *dist_cm, size_t n,
			      const struct strbuf *sess, bool first)
{
	const unsigned char defs[] = {
		0x40, 0, 0, 20, 0, 2, 253, 4, 0x86, 5, 4, 0x86,
		0x41, 0, 0, 18, 0, 6, 253, 4, 0x86, 2, 4, 0x86, 5, 1, 0x00,
		7, 4, 0x86, 8, 4, 0x86, 9, 4, 0x86,
	};
	char h[12] = { 12, 0x20, 0x54, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T' };

	strbuf_reset(sb);
	strbuf_add(sb, h, sizeof(h));
	strbuf_add(sb, defs, sizeof(defs));
	if (first)
		strbuf_add(sb, sess->buf, sess->len);
	for (size_t i = 0; i < n; i++) {
		char m[9] = { 0 };
		put32le(m + 1, ts[i]);
		put32le(m + 5, dist_cm[i]);
		strbuf_add(sb, m, sizeof(m));
	}
	if (!first)
		strbuf_add(sb, sess->buf, sess->len);
	put32le(sb->buf + 4, (uint32_t)(sb->len - 12));
	uint16_t crc = fit_crc16(0, (const unsigned char *)sb->buf, sb->len);
	strbuf_addch(sb, (char)(crc & 0xFF));
	strbuf_addch(sb, (char)(crc >> 8));
}

/*
 * A ride of 100 s then a run of 100 s whose two sessions are written
 * together, before the records or after them (as some triathlon files
 * do): each activity comes from its session's own totals.
 */
static void test_sessions_apart(void **state)
{
	const uint32_t t0 = 1100000000u;
	uint32_t ts[201], dist[201];

	(void)state;
	for (uint32_t i = 0; i <= 200; i++) {
		ts[i] = t0 + i;
		dist[i] = i <= 100 ? i * 1000 : 100000 + (i - 100) * 300;
	}
	for (int first = 0; first < 2; first++) {
		struct strbuf sb = STRBUF_INIT, sess = STRBUF_INIT;
		struct activity_legs l;
		struct err e;
		hand_session(&sess, t0, 100, 2, 1000);
		hand_session(&sess, t0 + 100, 100, 1, 300);
		hand_fit_sessions(&sb, ts, dist, 201, &sess, first);
		if (import_mem_legs(sb.buf, sb.len, NULL, &l, NULL, &e) != 0)
			fail_msg("%s", e.msg);
		assert_int_equal(l.n, 2);
		assert_int_equal(l.v[0].sport, ACTIVITY_SPORT_OTHER);
		assert_string_equal(l.v[0].sport_word, "cycling");
		assert_int_equal(l.v[1].sport, ACTIVITY_SPORT_RUN);
		assert_int_equal(l.v[1].start_utc,
				 (int64_t)(FIT_EPOCH_UNIX + t0 + 100));
		assert_true(fabs(l.v[1].distance_m - 300) < 1e-9);
		assert_true(fabs(l.v[1].moving_s - 100) < 1e-9);
		activity_legs_release(&l);
		strbuf_release(&sess);
		strbuf_release(&sb);
	}
}

/* One session over records that a clock step back by an hour splits in
 * two: two activities, each with its records' own distance (the
 * session's total covers both). */
static void test_clock_step_session(void **state)
{
	const uint32_t t0 = 1100000000u;
	uint32_t ts[202], dist[202];
	struct strbuf sb = STRBUF_INIT, sess = STRBUF_INIT;
	struct activity_legs l;
	struct err e;

	(void)state;
	for (uint32_t i = 0; i < 202; i++) {
		ts[i] = i <= 100 ? t0 + 3600 + i : t0 + (i - 101);
		dist[i] = i * 300;
	}
	hand_session(&sess, t0 + 3600, 101, 1, 606);
	hand_fit_sessions(&sb, ts, dist, 202, &sess, false);
	if (import_mem_legs(sb.buf, sb.len, NULL, &l, NULL, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(l.n, 2);
	assert_true(fabs(l.v[0].distance_m - 300) < 1e-9);
	assert_true(fabs(l.v[1].distance_m - 300) < 1e-9);
	assert_int_equal(l.v[1].start_utc, (int64_t)(FIT_EPOCH_UNIX + t0));
	activity_legs_release(&l);
	strbuf_release(&sess);
	strbuf_release(&sb);
}

/* A FIT of another sport is read (the importer decides to skip it). */
static void test_other_sport(void **state)
{
	struct gen_opts o;
	struct strbuf sb = STRBUF_INIT;
	struct activity a;
	struct err e;
	(void)state;
	gen_opts_default(&o);
	o.sport = 2;	/* cycling */
	o.speed = 8;
	gen_write(&o, GEN_FIT, &sb, NULL);
	assert_int_equal(import_mem(sb.buf, sb.len, NULL, &a, NULL, &e), 0);
	assert_int_equal(a.sport, ACTIVITY_SPORT_OTHER);
	strbuf_release(&sb);
}

/* A ride at 15 m/s then a run, as two chained files: a session each, so
 * two activities; the ride is skipped (named), not refused as faster than
 * any runner; the run keeps its own figures. */
static void test_multisport(void **state)
{
	struct gen_opts o;
	struct gen_truth ride, run;
	struct strbuf sb = STRBUF_INIT;
	struct activity_legs l;
	struct err e;

	(void)state;
	gen_opts_default(&o);
	o.sport = 2;	/* cycling */
	o.speed = 15;
	gen_write(&o, GEN_FIT, &sb, &ride);
	gen_opts_default(&o);
	o.start += 3 * 3600;
	gen_write(&o, GEN_FIT, &sb, &run);
	assert_int_equal(import_mem_legs(sb.buf, sb.len, NULL, &l, NULL, &e), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].sport, ACTIVITY_SPORT_OTHER);
	assert_string_equal(l.v[0].sport_word, "cycling");
	assert_int_equal(l.v[0].start_utc, ride.start);
	assert_int_equal(l.v[1].sport, ACTIVITY_SPORT_RUN);
	assert_int_equal(l.v[1].start_utc, run.start);
	assert_true(fabs(l.v[1].distance_m - run.distance_m) <
		    0.001 * run.distance_m);
	assert_true(fabs(l.v[1].moving_s - run.moving_s) < 1e-9);
	assert_int_equal(l.v[1].points, run.points);
	activity_legs_release(&l);
	strbuf_release(&sb);
}

static void test_crc16(void **state)
{
	(void)state;
	/* CRC-16/ARC check value of "123456789". */
	assert_int_equal(fit_crc16(0, (const unsigned char *)"123456789", 9),
			 0xBB3D);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc16),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_speed_only),
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_bad_crc),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_wrong_sizes),
		cmocka_unit_test(test_compressed_first),
		cmocka_unit_test(test_other_sport),
		cmocka_unit_test(test_multisport),
		cmocka_unit_test(test_invalid_values),
		cmocka_unit_test(test_sessions_apart),
		cmocka_unit_test(test_clock_step_session),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
