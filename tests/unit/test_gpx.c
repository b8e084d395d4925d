/*
 * test_gpx.c - the activity model and the GPX/TCX readers, on files the
 * test generates with known truth (tests/gen/trackgen.c) and on hostile or
 * broken XML.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "import/activity.h"
#include "import/import.h"
#include "../gen/trackgen.c"

/* ---- activity model ---- */

static void test_haversine(void **state)
{
	(void)state;
	/* One degree along a meridian is R * pi / 180. */
	double d = activity_haversine(10.0, 5.0, 11.0, 5.0);
	assert_true(fabs(d - ACTIVITY_EARTH_RADIUS_M * M_PI / 180.0) < 1e-6);
	/* A quarter of the equator. */
	d = activity_haversine(0, 0, 0, 90);
	assert_true(fabs(d - ACTIVITY_EARTH_RADIUS_M * M_PI / 2) < 1e-3);
	assert_true(activity_haversine(47, 8, 47, 8) == 0.0);
}

static const struct {
	const char *s;
	int ok;
	double want;
} time_cases[] = {
	{ "1970-01-01T00:00:00Z", 0, 0 },
	{ "2026-11-01T07:00:00Z", 0, 1793516400 },
	{ "2026-11-01T08:00:00+01:00", 0, 1793516400 },
	{ "2026-11-01T06:30:00-00:30", 0, 1793516400 },
	{ "2026-11-01T07:00:00.250Z", 0, 1793516400.25 },
	{ "2026-11-01T07:00:00", 0, 1793516400 },
	{ "  2024-02-29T12:00:00Z\n", 0, 1709208000 },
	{ "2026-02-30T07:00:00Z", -1, 0 },
	{ "2026-13-01T07:00:00Z", -1, 0 },
	{ "2026-11-01 07:00", -1, 0 },
	{ "2026-11-01T24:00:00Z", -1, 0 },
	{ "2026-11-01T07:00:00Zjunk", -1, 0 },
	{ "2026-11-01T07:00:00.Z", -1, 0 },
	{ "", -1, 0 },
};

static void test_parse_time(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(time_cases) / sizeof(time_cases[0]); i++) {
		double t = -1;
		int rc = activity_parse_time(time_cases[i].s,
					     strlen(time_cases[i].s), &t);
		if (rc != time_cases[i].ok)
			fail_msg("%s: rc %d", time_cases[i].s, rc);
		if (rc == 0 && fabs(t - time_cases[i].want) > 1e-6)
			fail_msg("%s: got %f", time_cases[i].s, t);
	}
}

static const struct {
	const char *s;
	enum activity_sport want;
} sport_cases[] = {
	{ "Running", ACTIVITY_SPORT_RUN }, { "run", ACTIVITY_SPORT_RUN },
	{ "Trail Run", ACTIVITY_SPORT_RUN }, { "trail_running", ACTIVITY_SPORT_RUN },
	{ "Virtual Run", ACTIVITY_SPORT_RUN }, { "9", ACTIVITY_SPORT_RUN },
	{ "Walk", ACTIVITY_SPORT_WALK }, { "Hike", ACTIVITY_SPORT_WALK },
	{ "Ride", ACTIVITY_SPORT_OTHER }, { "Biking", ACTIVITY_SPORT_OTHER },
	{ "", ACTIVITY_SPORT_UNKNOWN }, { " ", ACTIVITY_SPORT_UNKNOWN },
	{ "a very long sport name that cannot be known", ACTIVITY_SPORT_OTHER },
};

static void test_sport_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sport_cases) / sizeof(sport_cases[0]); i++)
		if (activity_sport_parse(sport_cases[i].s,
					 strlen(sport_cases[i].s)) != sport_cases[i].want)
			fail_msg("sport %s", sport_cases[i].s);
	assert_string_equal(activity_sport_name(ACTIVITY_SPORT_WALK), "walk");
	assert_string_equal(activity_sport_name((enum activity_sport)99), "?");
}

/* Elevation sequences (one point a second, no position) and the climb
 * and descent the hysteresis filter must give. */
static const struct {
	double ele[12];
	int n;
	double climb, descent;
} ele_cases[] = {
	/* noise below the threshold adds nothing */
	{ { 100, 102, 99, 103, 100, 101, 98, 102 }, 8, 0, 0 },
	/* a real climb counts in full */
	{ { 100, 103, 106, 110, 120 }, 5, 20, 0 },
	/* up, then down */
	{ { 100, 110, 120, 110, 100 }, 5, 20, 20 },
	/* a dip shallower than the threshold on the way up */
	{ { 100, 110, 107, 120 }, 4, 20, 0 },
	/* a dip deeper than the threshold counts both ways */
	{ { 100, 110, 104, 120 }, 4, 26, 6 },
	{ { 100 }, 1, 0, 0 },
};

static void test_hysteresis(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(ele_cases) / sizeof(ele_cases[0]); c++) {
		struct activity_sum s;
		struct activity a;
		struct err e;
		activity_sum_init(&s);
		for (int i = 0; i < ele_cases[c].n; i++) {
			struct activity_point p;
			activity_point_clear(&p);
			p.t = 1.7e9 + i;
			p.ele = ele_cases[c].ele[i];
			activity_sum_point(&s, &p);
		}
		assert_int_equal(activity_sum_finish(&s, &a, &e), 0);
		if (fabs(a.climb_m - ele_cases[c].climb) > 1e-9 ||
		    fabs(a.descent_m - ele_cases[c].descent) > 1e-9)
			fail_msg("case %zu: climb %g descent %g", c, a.climb_m,
				 a.descent_m);
	}
}

/* Moving time: timer pauses, gaps and standing still are left out. */
static void test_moving_time(void **state)
{
	struct activity_sum s;
	struct activity a;
	struct err e;
	struct activity_point p;

	(void)state;
	activity_sum_init(&s);
	activity_point_clear(&p);
	p.t = 1.7e9;
	p.dist = 0;
	for (int i = 0; i < 100; i++) {	/* 99 s moving at 3 m/s */
		activity_sum_point(&s, &p);
		p.t += 1;
		p.dist += 3;
	}
	p.dist -= 3;
	activity_sum_timer(&s, true, p.t);
	for (int i = 0; i < 20; i++) {	/* timer stopped: moves, not counted */
		p.dist += 3;
		activity_sum_point(&s, &p);
		p.t += 1;
	}
	activity_sum_timer(&s, false, p.t);
	for (int i = 0; i < 10; i++) {	/* standing still */
		activity_sum_point(&s, &p);
		p.t += 1;
	}
	p.t += 100;			/* a gap in recording */
	for (int i = 0; i < 11; i++) {	/* 10 s moving */
		activity_sum_point(&s, &p);
		p.t += 1;
		p.dist += 3;
	}
	assert_int_equal(activity_sum_finish(&s, &a, &e), 0);
	assert_true(fabs(a.moving_s - 109) < 1e-9);
	assert_true(fabs(a.distance_m - 3 * 129) < 1e-9);
	assert_true(a.avg_hr < 0);
	assert_int_equal(a.start_utc, 1700000000);
}

/* No position and no device distance: distance from speed x time. */
static void test_speed_distance(void **state)
{
	struct activity_sum s;
	struct activity a;
	struct err e;
	struct activity_point p;

	(void)state;
	activity_sum_init(&s);
	activity_point_clear(&p);
	for (int i = 0; i <= 600; i++) {
		p.t = 1.7e9 + i;
		p.speed = i < 300 ? 2.5 : 0.0;	/* then standing on the belt */
		activity_sum_point(&s, &p);
	}
	assert_int_equal(activity_sum_finish(&s, &a, &e), 0);
	/* The first point's speed covers no step; 299 steps at 2.5 m/s. */
	assert_true(fabs(a.distance_m - 2.5 * 299) < 1e-9);
	assert_true(fabs(a.moving_s - 299) < 1e-9);
	assert_true(fabs(a.elapsed_s - 600) < 1e-9);
	assert_false(a.has_gps);
}

/* Points with an absurd value refuse the whole activity. */
static const struct {
	double lat, lon, ele, hr, speed, t;
	const char *why;
} absurd_cases[] = {
	{ 91, 8, NAN, NAN, NAN, 1.7e9, "globe" },
	{ 47, 181, NAN, NAN, NAN, 1.7e9, "globe" },
	{ 47, 8, 12000, NAN, NAN, 1.7e9, "altitude" },
	{ 47, 8, NAN, 300, NAN, 1.7e9, "heart rate" },
	{ 47, 8, NAN, NAN, 500, 1.7e9, "speed" },
	{ 47, 8, NAN, NAN, NAN, 1e8, "1990" },
};

static void test_absurd(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(absurd_cases) / sizeof(absurd_cases[0]); c++) {
		struct activity_sum s;
		struct activity a;
		struct err e;
		struct activity_point p;
		activity_sum_init(&s);
		activity_point_clear(&p);
		p.t = 1.7e9;
		p.lat = 47;
		p.lon = 8;
		activity_sum_point(&s, &p);
		p.t = absurd_cases[c].t;
		p.lat = absurd_cases[c].lat;
		p.lon = absurd_cases[c].lon;
		p.ele = absurd_cases[c].ele;
		p.hr = absurd_cases[c].hr;
		p.speed = absurd_cases[c].speed;
		activity_sum_point(&s, &p);
		assert_int_equal(activity_sum_finish(&s, &a, &e), -1);
		if (strstr(e.msg, absurd_cases[c].why) == NULL)
			fail_msg("case %zu: %s", c, e.msg);
	}
	/* A run faster than any runner on average. */
	struct activity_sum s;
	struct activity a;
	struct err e;
	struct activity_point p;
	activity_sum_init(&s);
	activity_point_clear(&p);
	for (int i = 0; i < 100; i++) {
		p.t = 1.7e9 + i;
		p.dist = 30.0 * i;
		activity_sum_point(&s, &p);
	}
	assert_int_equal(activity_sum_finish(&s, &a, &e), -1);
	assert_non_null(strstr(e.msg, "faster"));
}

/* A clock stepping back a little drops the point, the points staying in
 * order; a step back by hours starts a second activity. */
static void test_clock_steps(void **state)
{
	struct activity_sum s;
	struct activity_legs l;
	struct err e;
	struct activity_point p;

	(void)state;
	activity_sum_init(&s);
	activity_point_clear(&p);
	p.dist = 0;
	for (int i = 0; i < 100; i++) {
		p.t = 1.7e9 + i - (i == 50 ? 3 : 0);	/* one point 3 s early */
		p.dist = 3.0 * i;
		activity_sum_point(&s, &p);
	}
	assert_int_equal(activity_sum_finish_legs(&s, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].points, 99);
	assert_true(fabs(l.v[0].moving_s - 99) < 1e-9);
	assert_int_equal(s.back_dropped, 1);
	activity_legs_release(&l);

	activity_sum_init(&s);
	activity_point_clear(&p);
	for (int leg = 0; leg < 2; leg++)
		for (int i = 0; i < 60; i++) {
			p.t = 1.7e9 + i - leg * 7200.0;
			p.dist = 2.0 * i;
			activity_sum_point(&s, &p);
		}
	assert_int_equal(activity_sum_finish_legs(&s, &l, &e), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[1].start_utc, 1700000000 - 7200);
	assert_true(fabs(l.v[1].distance_m - 118) < 1e-9);
	activity_legs_release(&l);
}

/* ---- generated GPX and TCX ---- */

static void check_truth(const char *what, const struct activity *a,
			const struct gen_truth *t, bool device_dist)
{
	double dtol = device_dist ? 0.001 : 0.01;
	if (fabs(a->distance_m - t->distance_m) > dtol * t->distance_m)
		fail_msg("%s: distance %f, truth %f", what, a->distance_m,
			 t->distance_m);
	if (fabs(a->moving_s - t->moving_s) > 0.02 * t->moving_s)
		fail_msg("%s: moving %f, truth %f", what, a->moving_s,
			 t->moving_s);
	if (fabs(a->elapsed_s - t->elapsed_s) > 1e-6)
		fail_msg("%s: elapsed %f, truth %f", what, a->elapsed_s,
			 t->elapsed_s);
	if (fabs(a->climb_m - t->climb_m) > 5.0 + 0.01 * t->climb_m)
		fail_msg("%s: climb %f, truth %f", what, a->climb_m, t->climb_m);
	if (fabs(a->descent_m - t->descent_m) > 5.0 + 0.01 * t->descent_m)
		fail_msg("%s: descent %f, truth %f", what, a->descent_m,
			 t->descent_m);
	if (a->start_utc != t->start)
		fail_msg("%s: start %lld", what, (long long)a->start_utc);
}

static const struct {
	const char *name;
	enum gen_format f;
	bool no_gps, no_dev_dist, hr, gz;
	enum import_format want;
} xml_cases[] = {
	{ "gpx 1.1", GEN_GPX11, false, true, true, false, IMPORT_GPX },
	{ "gpx 1.0", GEN_GPX10, false, true, false, false, IMPORT_GPX },
	{ "gpx 1.1 gz", GEN_GPX11, false, true, true, true, IMPORT_GPX },
	{ "tcx", GEN_TCX, false, false, true, false, IMPORT_TCX },
	{ "tcx gz", GEN_TCX, false, false, true, true, IMPORT_TCX },
	{ "tcx no device distance", GEN_TCX, false, true, true, false, IMPORT_TCX },
	{ "tcx treadmill", GEN_TCX, true, false, true, false, IMPORT_TCX },
};

static void test_generated_xml(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(xml_cases) / sizeof(xml_cases[0]); c++) {
		struct gen_opts o;
		struct gen_truth t;
		struct strbuf sb = STRBUF_INIT, gz = STRBUF_INIT;
		struct activity a;
		enum import_format f;
		struct err e;
		gen_opts_default(&o);
		o.no_gps = xml_cases[c].no_gps;
		o.no_device_distance = xml_cases[c].no_dev_dist;
		gen_write(&o, xml_cases[c].f, &sb, &t);
		struct strbuf *in = &sb;
		if (xml_cases[c].gz) {
			gen_gzip(sb.buf, sb.len, &gz);
			in = &gz;
		}
		if (import_mem(in->buf, in->len, NULL, &a, &f, &e) != 0)
			fail_msg("%s: %s", xml_cases[c].name, e.msg);
		assert_int_equal(f, xml_cases[c].want);
		check_truth(xml_cases[c].name, &a, &t, !xml_cases[c].no_dev_dist);
		assert_int_equal(a.sport, ACTIVITY_SPORT_RUN);
		if (xml_cases[c].hr)
			assert_true(fabs(a.avg_hr - t.avg_hr) < 0.01);
		else
			assert_true(a.avg_hr < 0);
		assert_int_equal(a.has_gps, !xml_cases[c].no_gps);
		assert_int_equal(strlen(a.sha256), 64);
		strbuf_release(&sb);
		strbuf_release(&gz);
	}
}

/* Broken and hostile XML: each is refused with a reason. */
static const struct {
	const char *xml;
	const char *why;
} bad_xml[] = {
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n<!ENTITY a \"aaaaaaaaaa\">\n"
	  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	  "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	  "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	  "]>\n<gpx><trk><name>&d;</name></trk></gpx>", "DOCTYPE" },
	{ "<!DOCTYPE gpx SYSTEM \"file:///etc/passwd\"><gpx/>", "DOCTYPE" },
	{ "<gpx><trk><trkseg><trkpt lat=\"47\" lon=\"8\"><time>2026-11-01T07:00:00Z"
	  "</time></trkpt>", "line 1: no element found; the file is empty or "
	  "stops before its elements are closed: cut short?" },
	{ "<gpx><trk><trkseg><trkpt lat=\"47\" lon=\"8\"><ti", "line 1: unclosed "
	  "token; the file stops inside a tag: cut short?" },
	{ "<gpx><trk></trkseg></gpx>", "mismatched tag; an end tag does not "
	  "match the element it closes" },
	{ "<gpx></gpx>junk", "two files joined?" },
	{ "<gpx>\xff</gpx>", "not UTF-8 as declared?" },
	{ "<gpx><trk><trkseg><trkpt lat=\"abc\" lon=\"8\"></trkpt></trkseg></trk></gpx>",
	  "latitude is not a number" },
	{ "<gpx><trk><trkseg><trkpt lat=\"47\"></trkpt></trkseg></trk></gpx>",
	  "without lat and lon" },
	{ "<gpx><trk><trkseg><trkpt lat=\"47\" lon=\"8\"><time>yesterday</time>"
	  "</trkpt></trkseg></trk></gpx>", "ISO 8601" },
	{ "<gpx><trk><trkseg><trkpt lat=\"47\" lon=\"8\"></trkpt></trkseg></trk></gpx>",
	  "none has a time" },
	{ "<gpx><trk><trkseg><trkpt lat=\"95\" lon=\"8\"><time>2026-11-01T07:00:00Z"
	  "</time></trkpt></trkseg></trk></gpx>", "globe" },
	{ "<gpx><trk><trkseg><trkpt lat=\"47\" lon=\"8\"><ele>99999</ele><time>"
	  "2026-11-01T07:00:00Z</time></trkpt></trkseg></trk></gpx>", "altitude" },
	{ "<gpx></gpx>", "no track points" },
	{ "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Lap>"
	  "<DistanceMeters>-5</DistanceMeters></Lap></Activity></Activities>"
	  "</TrainingCenterDatabase>", "negative" },
	{ "<TrainingCenterDatabase><Activities><Activity><Lap><Track><Trackpoint>"
	  "<Time>2026-11-01T07:00:00.000000000000000000000000000000000000000000"
	  "000000000000000000000000000000000000000000000000000000000000000000000"
	  "000000000000000000000000000000000000Z</Time></Trackpoint></Track></Lap>"
	  "</Activity></Activities></TrainingCenterDatabase>", "too long" },
	{ "<kml><gpx/></kml>", "document element <kml>" },
	{ "", "empty" },
	{ "hello", "syntax error" },
};

static void test_bad_xml(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(bad_xml) / sizeof(bad_xml[0]); c++) {
		struct activity a;
		struct err e;
		err_clear(&e);
		if (import_mem(bad_xml[c].xml, strlen(bad_xml[c].xml), "x.gpx",
			       &a, NULL, &e) != -1)
			fail_msg("case %zu accepted", c);
		if (strstr(e.msg, bad_xml[c].why) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", c, e.msg,
				 bad_xml[c].why);
	}
}

/* A GPX without <type> is taken as a run; a ride is another sport. */
static void test_gpx_sport(void **state)
{
	static const struct {
		const char *type;
		enum activity_sport want;
	} cases[] = {
		{ NULL, ACTIVITY_SPORT_UNKNOWN },
		{ "running", ACTIVITY_SPORT_RUN },
		{ "cycling", ACTIVITY_SPORT_OTHER },
		{ "Walk", ACTIVITY_SPORT_WALK },
	};
	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct gen_opts o;
		struct strbuf sb = STRBUF_INIT;
		struct activity a;
		struct err e;
		gen_opts_default(&o);
		o.run1_s = 100;
		o.run2_s = 50;
		o.gpx_type = cases[c].type;
		gen_write(&o, GEN_GPX11, &sb, NULL);
		assert_int_equal(import_mem(sb.buf, sb.len, NULL, &a, NULL, &e), 0);
		assert_int_equal(a.sport, cases[c].want);
		strbuf_release(&sb);
	}
}

/* ---- files of several activities ---- */

/* n points of a track along a meridian, one every 10 s at 3 m/s, from
 * second t0 and latitude lat0; hr as Movescount writes it when movescount
 * is set. */
static void gpx_points(struct strbuf *sb, int n, int t0, double lat0,
		       bool movescount)
{
	for (int i = 0; i < n; i++) {
		int t = t0 + 10 * i;
		strbuf_addf(sb, "<trkpt lat=\"%.7f\" lon=\"8.5\"><time>"
			    "2026-11-01T%02d:%02d:%02dZ</time>", lat0 +
			    i * 30.0 / 111195.0, 7 + t / 3600, t / 60 % 60,
			    t % 60);
		if (movescount)
			strbuf_addstr(sb, "<extensions><gpxdata:hr>150"
				      "</gpxdata:hr></extensions>");
		strbuf_addstr(sb, "</trkpt>");
	}
}

static void legs_of(const struct strbuf *sb, struct activity_legs *l)
{
	struct err e;

	if (import_mem_legs(sb->buf, sb->len, NULL, l, NULL, &e) != 0)
		fail_msg("%s", e.msg);
}

/* Tracks that continue each other within minutes and metres are one
 * activity; a track far away, or hours later, is another. A segment break
 * adds neither distance nor moving time. */
static void test_gpx_tracks(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct activity_legs l;

	(void)state;
	/* Leading white space before the declaration; Movescount's hr. */
	strbuf_addstr(&sb, "\n  <?xml version=\"1.0\"?>\n<gpx version=\"1.1\" "
		      "xmlns:gpxdata=\"http://www.cluetrust.com/XML/GPXDATA/1/0\">"
		      "<trk><type>running</type><trkseg>");
	gpx_points(&sb, 31, 0, 47.0, true);		/* 900 m, 300 s */
	strbuf_addstr(&sb, "</trkseg></trk><trk><trkseg>");
	/* 60 s later, where the last track ended: the same run. */
	gpx_points(&sb, 31, 360, 47.0 + 900.0 / 111195.0, true);
	strbuf_addstr(&sb, "</trkseg><trkseg>");
	/* A segment 5 km away, 20 s later: no step to it. */
	gpx_points(&sb, 11, 680, 47.1, true);
	strbuf_addstr(&sb, "</trkseg></trk><trk><type>cycling</type><trkseg>");
	/* Two hours later: another activity, a ride. */
	gpx_points(&sb, 11, 9000, 47.0, false);
	strbuf_addstr(&sb, "</trkseg></trk></gpx>");
	legs_of(&sb, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].sport, ACTIVITY_SPORT_RUN);
	assert_int_equal(l.v[0].points, 73);
	if (fabs(l.v[0].distance_m - 2100.0) > 1.0)
		fail_msg("distance %f", l.v[0].distance_m);
	assert_true(fabs(l.v[0].moving_s - 700.0) < 1e-9);
	assert_true(fabs(l.v[0].avg_hr - 150.0) < 1e-9);
	assert_int_equal(l.v[1].sport, ACTIVITY_SPORT_OTHER);
	assert_string_equal(l.v[1].sport_word, "cycling");
	assert_int_equal(l.v[1].start_utc, l.v[0].start_utc + 9000);
	assert_string_not_equal(l.v[0].sha256, l.v[1].sha256);
	activity_legs_release(&l);

	/* A track 2 km from where the last one ended, a minute later. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "<gpx><trk><trkseg>");
	gpx_points(&sb, 11, 0, 47.0, false);
	strbuf_addstr(&sb, "</trkseg></trk><trk><trkseg>");
	gpx_points(&sb, 11, 160, 47.02, false);
	strbuf_addstr(&sb, "</trkseg></trk></gpx>");
	legs_of(&sb, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].sport, ACTIVITY_SPORT_UNKNOWN);
	assert_true(fabs(l.v[1].distance_m - 300.0) < 1.0);
	activity_legs_release(&l);
	strbuf_release(&sb);
}

/* An Activity of 11 points, 300 m in 100 s, from second t0; the sixth
 * point's heart rate is hr, the others' 0 (no reading). */
static void tcx_activity(struct strbuf *sb, const char *sport, int t0,
			 const char *hr)
{
	strbuf_addf(sb, "<Activity Sport=\"%s\"><Lap><TotalTimeSeconds>100"
		    "</TotalTimeSeconds><DistanceMeters>300</DistanceMeters>"
		    "<Track>", sport);
	for (int i = 0; i <= 10; i++)
		strbuf_addf(sb, "<Trackpoint><Time>2026-11-01T07:%02d:%02dZ"
			    "</Time><DistanceMeters>%d</DistanceMeters>"
			    "<HeartRateBpm><Value>%s</Value></HeartRateBpm>"
			    "</Trackpoint>", (t0 + 10 * i) / 60,
			    (t0 + 10 * i) % 60, 30 * i, i == 5 ? hr : "0");
	strbuf_addstr(sb, "</Track></Lap></Activity>");
}

/* One activity per TCX Activity; another sport is skipped before any
 * check (a ride's heart rate of 300 refuses nothing); 255 is no reading;
 * a course is refused. */
static void test_tcx_activities(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct activity_legs l;
	struct activity a;
	struct err e;

	(void)state;
	strbuf_addstr(&sb, "<TrainingCenterDatabase><Activities>");
	tcx_activity(&sb, "Biking", 0, "300");
	tcx_activity(&sb, "Running", 600, "255");
	strbuf_addstr(&sb, "</Activities></TrainingCenterDatabase>");
	legs_of(&sb, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].sport, ACTIVITY_SPORT_OTHER);
	assert_string_equal(l.v[0].sport_word, "Biking");
	assert_int_equal(l.v[1].sport, ACTIVITY_SPORT_RUN);
	assert_true(fabs(l.v[1].distance_m - 300.0) < 1e-9);
	assert_true(l.v[1].avg_hr < 0);
	assert_int_equal(l.v[1].start_utc, l.v[0].start_utc + 600);
	/* The one-activity view is the run. */
	assert_int_equal(import_mem(sb.buf, sb.len, NULL, &a, NULL, &e), 0);
	assert_int_equal(a.sport, ACTIVITY_SPORT_RUN);
	activity_legs_release(&l);

	strbuf_reset(&sb);
	strbuf_addstr(&sb, "<TrainingCenterDatabase><Courses><Course><Track>"
		      "<Trackpoint><Time>2026-11-01T07:00:00Z</Time></Trackpoint>"
		      "</Track></Course></Courses></TrainingCenterDatabase>");
	assert_int_equal(import_mem(sb.buf, sb.len, NULL, &a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "not a recorded activity"));
	strbuf_release(&sb);
}

/* Where speed is recorded it decides moving: a step of 0 whole metres at
 * 1.1 m/s is moving; a run of 0 m is not one to store. */
static void test_speed_moving(void **state)
{
	struct activity_sum s;
	struct activity a;
	struct err e;
	struct activity_point p;

	(void)state;
	activity_sum_init(&s);
	activity_point_clear(&p);
	for (int i = 0; i <= 10; i++) {
		p.t = 1.7e9 + i;
		p.dist = floor(1.1 * i / 2.0) * 2.0;	/* whole 2 m steps */
		p.speed = 1.1;
		activity_sum_point(&s, &p);
	}
	assert_int_equal(activity_sum_finish(&s, &a, &e), 0);
	assert_true(fabs(a.moving_s - 10) < 1e-9);
	assert_false(a.no_distance);

	activity_sum_init(&s);
	activity_point_clear(&p);
	for (int i = 0; i <= 10; i++) {
		p.t = 1.7e9 + i;
		p.dist = 0;
		activity_sum_point(&s, &p);
	}
	assert_int_equal(activity_sum_finish(&s, &a, &e), 0);
	assert_true(a.no_distance);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_haversine),
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_sport_parse),
		cmocka_unit_test(test_hysteresis),
		cmocka_unit_test(test_moving_time),
		cmocka_unit_test(test_speed_distance),
		cmocka_unit_test(test_absurd),
		cmocka_unit_test(test_clock_steps),
		cmocka_unit_test(test_gpx_tracks),
		cmocka_unit_test(test_tcx_activities),
		cmocka_unit_test(test_speed_moving),
		cmocka_unit_test(test_generated_xml),
		cmocka_unit_test(test_bad_xml),
		cmocka_unit_test(test_gpx_sport),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
