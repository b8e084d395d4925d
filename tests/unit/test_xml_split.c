/*
 * test_xml_split.c - a large GPX or TCX file read in windows on several
 * threads (src/import/xml_split.c) gives exactly the sequential summary:
 * generated tracks in every XML format at many window sizes and thread
 * counts, several tracks and laps in one file, and the files where a
 * window cannot stand alone (a track point tag inside a comment or CDATA,
 * a DOCTYPE, namespace prefixes, broken XML in the middle, refused values),
 * where it must decline or agree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../gen/trackgen.c"
#include "../gen/split_check.c"

static const size_t windows[] = { 1, 7, 64, 333, 1000, 4096, 65536, 1u << 20 };

/* Every window size and 1-3 threads must agree, and (expect_split) the
 * windowed reader must not decline. */
static void check_all(const struct strbuf *sb, bool expect_split)
{
	char why[600];

	for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
		for (int threads = 1; threads <= 3; threads++) {
			enum split_outcome o = split_check(sb->buf, sb->len,
							   windows[w], threads,
							   why, sizeof why);
			if (o == SPLIT_DIFFERS)
				fail_msg("window %zu, %d threads: %s", windows[w],
					 threads, why);
			if (expect_split && o == SPLIT_DECLINED)
				fail_msg("window %zu, %d threads: declined",
					 windows[w], threads);
		}
	}
}

static void test_generated(void **state)
{
	static const enum gen_format formats[] = { GEN_GPX11, GEN_GPX10, GEN_TCX };

	(void)state;
	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		struct gen_opts o;
		struct strbuf sb = STRBUF_INIT;
		gen_opts_default(&o);
		gen_write(&o, formats[f], &sb, NULL);
		check_all(&sb, true);
		strbuf_release(&sb);
	}
}

/* A track point as GPX writes it, i seconds into the run. */
static void gpx_point(struct strbuf *sb, int i, double ele)
{
	strbuf_addf(sb,
		    "<trkpt lat=\"47.%07d\" lon=\"8.5\"><ele>%.1f</ele>"
		    "<time>2026-11-01T07:%02d:%02dZ</time></trkpt>\n",
		    3000000 + 27 * i, ele, i / 60, i % 60);
}

static void test_tracks_and_segments(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addf(&sb, "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" "
		    "xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
		    "<wpt lat=\"1\" lon=\"2\"><name>start</name></wpt>\n"
		    "<trk><type>running</type><trkseg>\n");
	for (int i = 0; i < 600; i++) {
		if (i == 200)
			strbuf_addf(&sb, "</trkseg><trkseg>\n");
		if (i == 400)
			strbuf_addf(&sb, "</trkseg></trk>\n<trk><name>b</name>"
				    "<type>walking</type><trkseg>\n");
		gpx_point(&sb, i, 100 + (i % 50));
	}
	strbuf_addf(&sb, "</trkseg></trk></gpx>\n");
	check_all(&sb, true);
	strbuf_release(&sb);
}

static void test_tcx_laps(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addf(&sb, "<?xml version=\"1.0\"?>\n<TrainingCenterDatabase "
		    "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">"
		    "<Activities><Activity Sport=\"Running\"><Id>x</Id>\n");
	for (int lap = 0; lap < 3; lap++) {
		strbuf_addf(&sb, "<Lap StartTime=\"x\"><TotalTimeSeconds>200"
			    "</TotalTimeSeconds><DistanceMeters>600</DistanceMeters>"
			    "<Track>\n");
		for (int i = lap * 200; i < lap * 200 + 200; i++)
			strbuf_addf(&sb, "<Trackpoint><Time>2026-11-01T07:%02d:%02dZ"
				    "</Time><DistanceMeters>%d</DistanceMeters>"
				    "<HeartRateBpm><Value>%d</Value></HeartRateBpm>"
				    "</Trackpoint>\n", i / 60, i % 60, 3 * i,
				    120 + i % 40);
		strbuf_addf(&sb, "</Track></Lap>\n");
	}
	strbuf_addf(&sb, "</Activity></Activities></TrainingCenterDatabase>\n");
	check_all(&sb, true);
	strbuf_release(&sb);
}

/* A plain track of n points with text inserted before point `at`. */
static void track_with(struct strbuf *sb, const char *head, int n, int at,
		       const char *insert)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "<?xml version=\"1.0\"?>\n%s<gpx version=\"1.1\" "
		    "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg>\n",
		    head);
	for (int i = 0; i < n; i++) {
		if (i == at)
			strbuf_addf(sb, "%s", insert);
		gpx_point(sb, i, 100 + i % 30);
	}
	strbuf_addf(sb, "</trkseg></trk></gpx>\n");
}

static void test_awkward_files(void **state)
{
	static const struct {
		const char *head, *insert;
	} cases[] = {
		{ "", "<!-- <trkpt lat=\"0\" lon=\"0\"><time>x</time></trkpt> -->\n" },
		{ "", "<extensions><![CDATA[ <trkpt > ]]></extensions>\n" },
		{ "", "<?pi <trkpt ?>\n" },
		{ "<!DOCTYPE gpx>", "" },
		{ "", "<trkpt lat=\"1\" lon=\"2\"><time>2026-11-01T07:00:00Z</time>\n" },
		{ "", "</trkseg>\n" },
		{ "", "<trkpt lat=\"x\" lon=\"2\"><time>2026-11-01T07:00:00Z</time></trkpt>\n" },
		{ "", "<trkpt lat=\"47.3\" lon=\"8.5\"><time>2026-11-01T06:00:00Z</time></trkpt>\n" },
		{ "", "<trkpt lat=\"47.3\" lon=\"8.5\"><ele>99999</ele><time>2026-11-01T07:05:00Z</time></trkpt>\n" },
		{ "", "<trkpt lat=\"47.3\" lon=\"8.5\"></trkpt>\n" },
		{ "", "&amp;\n" },
		{ "", "\xff\n" },
	};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		track_with(&sb, cases[c].head, 300, 150, cases[c].insert);
		check_all(&sb, false);
	}
	/* namespace prefixes everywhere: no plain split tag, declined */
	strbuf_reset(&sb);
	strbuf_addf(&sb, "<g:gpx xmlns:g=\"http://www.topografix.com/GPX/1/1\">"
		    "<g:trk><g:trkseg>");
	for (int i = 0; i < 100; i++)
		strbuf_addf(&sb, "<g:trkpt lat=\"47.3\" lon=\"8.5\"><g:time>"
			    "2026-11-01T07:%02d:%02dZ</g:time></g:trkpt>",
			    i / 60, i % 60);
	strbuf_addf(&sb, "</g:trkseg></g:trk></g:gpx>");
	char why[600];
	assert_int_equal(split_check(sb.buf, sb.len, 64, 2, why, sizeof why),
			 SPLIT_DECLINED);
	strbuf_release(&sb);
}

/* Files cut short anywhere: never accepted by one reader and not the
 * other. */
static void test_truncated(void **state)
{
	struct gen_opts o;
	struct strbuf sb = STRBUF_INIT, cut = STRBUF_INIT;

	(void)state;
	gen_opts_default(&o);
	o.run1_s = 100, o.still_s = 0, o.pause_s = 0, o.run2_s = 100;
	gen_write(&o, GEN_GPX11, &sb, NULL);
	for (size_t keep = sb.len - 40; keep < sb.len; keep += 3) {
		strbuf_reset(&cut);
		strbuf_add(&cut, sb.buf, keep);
		check_all(&cut, false);
	}
	strbuf_reset(&cut);
	strbuf_add(&cut, sb.buf, sb.len / 2);
	check_all(&cut, false);
	strbuf_release(&cut);
	strbuf_release(&sb);
}

/* A window that cannot stand alone makes the whole read decline. */
static void test_declines_broken_middle(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char why[600];

	(void)state;
	track_with(&sb, "", 300, 150, "<!-- <trkpt lat=\"0\" lon=\"0\"> -->\n");
	assert_int_equal(split_check(sb.buf, sb.len, 64, 2, why, sizeof why),
			 SPLIT_DECLINED);
	track_with(&sb, "", 300, 150, "</trkseg>\n");
	assert_int_equal(split_check(sb.buf, sb.len, 64, 2, why, sizeof why),
			 SPLIT_DECLINED);

	/* 5 MiB with no track point: a window may not grow that far (memory
	 * stays bounded); the sequential read takes the file. */
	struct strbuf gap = STRBUF_INIT;
	strbuf_addf(&gap, "<!-- ");
	for (int i = 0; i < 5 * 1024; i++)
		strbuf_addf(&gap, "%01023d", 0);
	strbuf_addf(&gap, " -->\n");
	track_with(&sb, "", 300, 150, gap.buf);
	assert_int_equal(split_check(sb.buf, sb.len, 64, 2, why, sizeof why),
			 SPLIT_DECLINED);
	struct activity a;
	struct err e;
	assert_int_equal(import_mem(sb.buf, sb.len, NULL, &a, NULL, &e), 0);
	assert_int_equal(a.points, 300);
	strbuf_release(&gap);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_tracks_and_segments),
		cmocka_unit_test(test_tcx_laps),
		cmocka_unit_test(test_awkward_files),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_declines_broken_middle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
