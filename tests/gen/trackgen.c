/*
 * trackgen.c - writers of synthetic GPX, TCX and FIT files (see
 * trackgen.h). Test code: included by the unit tests and linked into the
 * trackgen tool.
 */
#include "trackgen.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "import/fit.h"

#define GEN_R 6371008.8	/* the summariser's Earth radius */
#define GEN_LAT0 47.3
#define GEN_LON0 8.5

void gen_opts_default(struct gen_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->run1_s = 1200;
	o->still_s = 60;
	o->pause_s = 120;
	o->run2_s = 600;
	o->speed = 3.0;
	o->sport = 1;
	o->gpx_type = "running";
	o->start = 1793516400;	/* 2026-11-01T07:00:00Z */
}

void gen_points(const struct gen_opts *o,
		void (*fn)(void *ud, const struct gen_point *p, bool after_pause),
		void *ud)
{
	const double rad = 180.0 / M_PI;
	long moved = 0;	/* moving seconds so far */
	double t0 = (double)o->start;
	long total = (long)o->run1_s + 1 + o->still_s + o->run2_s;

	for (long i = 0; i < total; i++) {
		struct gen_point p;
		double t;
		bool after = false;
		if (i <= o->run1_s) {
			t = (double)i;
			moved = i;
		} else if (i <= (long)o->run1_s + o->still_s) {
			t = (double)i;
		} else {
			long k = i - o->run1_s - o->still_s; /* 1..run2 */
			t = (double)(o->run1_s + o->still_s + o->pause_s) +
			    (double)(k - 1);
			moved = o->run1_s + k - 1;
			after = true;
			/* The first point after the pause is where the
			 * runner stopped; running resumes from there. */
		}
		bool moving = i > 0 && i <= o->run1_s;
		if (i > (long)o->run1_s + o->still_s + 1)
			moving = true;
		long phase = moved % 160;
		p.t = t0 + t;
		p.dist = o->speed * (double)moved;
		p.lat = GEN_LAT0 + p.dist / GEN_R * rad;
		p.lon = GEN_LON0;
		p.ele = 100.0 + (phase < 80 ? phase : 160 - phase) * 0.5;
		p.speed = moving ? o->speed : 0.0;
		p.hr = 140 + (double)(moved % 21);
		fn(ud, &p, after);
	}
}

static void fmt_time(double t, char buf[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

struct truth_acc {
	struct gen_truth *t;
	double prev_ele, hr_sum;
	bool first;
};

static void truth_point(void *ud, const struct gen_point *p, bool after)
{
	struct truth_acc *a = ud;

	(void)after;
	if (a->first) {
		a->t->start = (int64_t)p->t;
		a->first = false;
	} else if (p->ele > a->prev_ele) {
		a->t->climb_m += p->ele - a->prev_ele;
	} else {
		a->t->descent_m += a->prev_ele - p->ele;
	}
	a->prev_ele = p->ele;
	a->hr_sum += p->hr;
	a->t->points++;
	a->t->elapsed_s = p->t - (double)a->t->start;
}

static void gen_truth(const struct gen_opts *o, struct gen_truth *t)
{
	struct truth_acc a = { t, 0, 0, true };

	memset(t, 0, sizeof(*t));
	gen_points(o, truth_point, &a);
	t->moving_s = (double)(o->run1_s + o->run2_s - 1);
	t->distance_m = o->speed * t->moving_s;
	t->avg_hr = a.hr_sum / (double)t->points;
}

/* ---- XML ---- */

struct xml_ctx {
	const struct gen_opts *o;
	enum gen_format f;
	struct strbuf *out;
};

static void xml_point(void *ud, const struct gen_point *p, bool after)
{
	struct xml_ctx *x = ud;
	char ts[32];

	(void)after;
	fmt_time(p->t, ts);
	if (x->f == GEN_TCX) {
		strbuf_addf(x->out, "<Trackpoint><Time>%s</Time>", ts);
		if (!x->o->no_gps)
			strbuf_addf(x->out, "<Position><LatitudeDegrees>%.7f"
				    "</LatitudeDegrees><LongitudeDegrees>%.7f"
				    "</LongitudeDegrees></Position>",
				    p->lat, p->lon);
		strbuf_addf(x->out, "<AltitudeMeters>%.1f</AltitudeMeters>",
			    p->ele);
		if (!x->o->no_device_distance)
			strbuf_addf(x->out,
				    "<DistanceMeters>%.2f</DistanceMeters>",
				    p->dist);
		strbuf_addf(x->out, "<HeartRateBpm><Value>%.0f</Value>"
			    "</HeartRateBpm></Trackpoint>\n", p->hr);
		return;
	}
	strbuf_addf(x->out, "<trkpt lat=\"%.7f\" lon=\"%.7f\"><ele>%.1f</ele>"
		    "<time>%s</time>", p->lat, p->lon, p->ele, ts);
	if (x->f == GEN_GPX10)
		strbuf_addf(x->out, "<speed>%.2f</speed></trkpt>\n", p->speed);
	else
		strbuf_addf(x->out, "<extensions><gpxtpx:TrackPointExtension>"
			    "<gpxtpx:hr>%.0f</gpxtpx:hr>"
			    "</gpxtpx:TrackPointExtension></extensions>"
			    "</trkpt>\n", p->hr);
}

static void write_xml(const struct gen_opts *o, enum gen_format f,
		      struct strbuf *out, const struct gen_truth *t)
{
	struct xml_ctx x = { o, f, out };
	char ts[32];

	fmt_time((double)o->start, ts);
	strbuf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (f == GEN_TCX) {
		strbuf_addf(out, "<TrainingCenterDatabase xmlns=\"http://www."
			    "garmin.com/xmlschemas/TrainingCenterDatabase/v2\">"
			    "<Activities><Activity Sport=\"%s\"><Id>%s</Id>"
			    "<Lap StartTime=\"%s\"><TotalTimeSeconds>%d"
			    "</TotalTimeSeconds>",
			    o->tcx_sport ? o->tcx_sport : "Running", ts, ts,
			    o->run1_s + o->still_s + o->run2_s);
		if (!o->no_device_distance)
			strbuf_addf(out, "<DistanceMeters>%.2f</DistanceMeters>",
				    t->distance_m);
		strbuf_addstr(out, "<Intensity>Active</Intensity>"
			      "<TriggerMethod>Manual</TriggerMethod><Track>\n");
		gen_points(o, xml_point, &x);
		strbuf_addstr(out, "</Track></Lap></Activity></Activities>"
			      "</TrainingCenterDatabase>\n");
		return;
	}
	if (f == GEN_GPX10)
		strbuf_addf(out, "<gpx version=\"1.0\" creator=\"trackgen\" "
			    "xmlns=\"http://www.topografix.com/GPX/1/0\">"
			    "<time>%s</time>", ts);
	else
		strbuf_addf(out, "<gpx version=\"1.1\" creator=\"trackgen\" "
			    "xmlns=\"http://www.topografix.com/GPX/1/1\" "
			    "xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/"
			    "TrackPointExtension/v1\"><metadata><time>%s</time>"
			    "</metadata>", ts);
	strbuf_addstr(out, "<trk><name>generated</name>");
	if (o->gpx_type != NULL)
		strbuf_addf(out, "<type>%s</type>", o->gpx_type);
	strbuf_addstr(out, "<trkseg>\n");
	gen_points(o, xml_point, &x);
	strbuf_addstr(out, "</trkseg></trk></gpx>\n");
}

/* ---- FIT ---- */

struct fit_w {
	const struct gen_opts *o;
	struct strbuf *out;	/* all files so far */
	struct strbuf data;	/* records of the current file */
	bool be;
	uint32_t last_ts;
	bool have_ts;
	double file_dist0, file_t0, file_timer0, last_t, last_dist;
	double timer_s;		/* timer time of the current file */
	double seg_start;	/* when the timer last started */
	bool defined_rec;
};

#define FIT_EPOCH 631065600.0

static void put8(struct fit_w *w, unsigned v)
{
	strbuf_addch(&w->data, (int)(v & 0xFF));
}

static void putn(struct fit_w *w, uint64_t v, int n)
{
	for (int i = 0; i < n; i++) {
		int sh = w->be ? 8 * (n - 1 - i) : 8 * i;
		put8(w, (unsigned)(v >> sh));
	}
}

/* A definition: local, global, then (num, size, type) triples. */
static void fit_def(struct fit_w *w, unsigned local, unsigned global,
		    const uint8_t (*fields)[3], int n, int ndev)
{
	put8(w, 0x40 | (ndev ? 0x20 : 0) | local);
	put8(w, 0);
	put8(w, w->be ? 1 : 0);
	putn(w, global, 2);
	put8(w, (unsigned)n);
	for (int i = 0; i < n; i++) {
		put8(w, fields[i][0]);
		put8(w, fields[i][1]);
		put8(w, fields[i][2]);
	}
	if (ndev) {
		put8(w, 1);
		put8(w, 0);	/* developer field 0 */
		put8(w, 2);	/* two bytes */
		put8(w, 0);	/* developer data index 0 */
	}
}

static uint32_t fit_ts(double t)
{
	return (uint32_t)(t - FIT_EPOCH);
}

static void fit_event(struct fit_w *w, double t, unsigned type)
{
	put8(w, 1);
	putn(w, fit_ts(t), 4);
	put8(w, 0);	/* timer */
	put8(w, type);
	w->last_ts = fit_ts(t);
	w->have_ts = true;
}

static void fit_begin(struct fit_w *w, double t)
{
	static const uint8_t file_id[][3] = {
		{ 0, 1, 0x00 }, { 1, 2, 0x84 }, { 4, 4, 0x86 },
	};
	static const uint8_t event[][3] = {
		{ 253, 4, 0x86 }, { 0, 1, 0x00 }, { 1, 1, 0x00 },
	};
	strbuf_reset(&w->data);
	w->have_ts = false;
	fit_def(w, 0, 0, file_id, 3, 0);
	put8(w, 0);
	put8(w, 4);		/* activity */
	putn(w, 255, 2);	/* development */
	putn(w, fit_ts(t), 4);
	if (w->o->dev_fields) {
		/* developer_data_id (207): developer_data_index (3) = 0;
		 * field_description (206): index, number, base type, name. */
		static const uint8_t ddi[][3] = { { 3, 1, 0x02 } };
		static const uint8_t fdesc[][3] = {
			{ 0, 1, 0x02 }, { 1, 1, 0x02 }, { 2, 1, 0x02 },
			{ 3, 8, 0x07 },
		};
		fit_def(w, 6, 207, ddi, 1, 0);
		put8(w, 6);
		put8(w, 0);
		fit_def(w, 7, 206, fdesc, 4, 0);
		put8(w, 7);
		put8(w, 0);
		put8(w, 0);
		put8(w, 0x84);
		strbuf_add(&w->data, "cadence\0", 8);
	}
	fit_def(w, 1, 21, event, 3, 0);
	fit_event(w, t, 0);	/* timer start */
	w->seg_start = t;
	w->timer_s = 0;
	w->defined_rec = false;
	w->file_t0 = t;
}

static void fit_record_defs(struct fit_w *w)
{
	uint8_t f[8][3];
	int n = 0;
	const struct gen_opts *o = w->o;

	f[n][0] = 253, f[n][1] = 4, f[n][2] = 0x86, n++;
	if (!o->no_gps) {
		f[n][0] = 0, f[n][1] = 4, f[n][2] = 0x85, n++;
		f[n][0] = 1, f[n][1] = 4, f[n][2] = 0x85, n++;
	}
	if (o->enhanced_alt)
		f[n][0] = 78, f[n][1] = 4, f[n][2] = 0x86, n++;
	else
		f[n][0] = 2, f[n][1] = 2, f[n][2] = 0x84, n++;
	f[n][0] = 3, f[n][1] = 1, f[n][2] = 0x02, n++;
	if (!o->no_device_distance)
		f[n][0] = 5, f[n][1] = 4, f[n][2] = 0x86, n++;
	f[n][0] = 6, f[n][1] = 2, f[n][2] = 0x84, n++;
	fit_def(w, 2, 20, f, n, o->dev_fields);
	/* Local 3: the same without the timestamp, for compressed headers. */
	fit_def(w, 3, 20, f + 1, n - 1, o->dev_fields);
	w->defined_rec = true;
}

static void fit_point(void *ud, const struct gen_point *p, bool after)
{
	struct fit_w *w = ud;
	const struct gen_opts *o = w->o;
	const double semi = 2147483648.0 / 180.0;
	uint32_t ts = fit_ts(p->t);

	(void)after;
	if (!w->defined_rec)
		fit_record_defs(w);
	if (o->compressed_ts && w->have_ts && ts > w->last_ts &&
	    ts - w->last_ts < 32) {
		put8(w, 0x80 | (3 << 5) | (ts & 0x1F));
	} else {
		put8(w, 2);
		putn(w, ts, 4);
	}
	w->last_ts = ts;
	w->have_ts = true;
	if (!o->no_gps) {
		putn(w, (uint32_t)(int32_t)lround(p->lat * semi), 4);
		putn(w, (uint32_t)(int32_t)lround(p->lon * semi), 4);
	}
	if (o->enhanced_alt)
		putn(w, (uint32_t)lround((p->ele + 500.0) * 5.0), 4);
	else
		putn(w, (uint32_t)lround((p->ele + 500.0) * 5.0), 2);
	put8(w, (unsigned)p->hr);
	if (!o->no_device_distance)
		putn(w, (uint32_t)lround(p->dist * 100.0), 4);
	putn(w, (uint32_t)lround(p->speed * 1000.0), 2);
	if (o->dev_fields)
		putn(w, 85, 2);
	w->last_t = p->t;
	w->last_dist = p->dist;
}

/* Session and lap, the CRC and the header; append the file to w->out. */
static void fit_end(struct fit_w *w, double dist0)
{
	static const uint8_t sess[][3] = {
		{ 253, 4, 0x86 }, { 2, 4, 0x86 }, { 5, 1, 0x00 },
		{ 7, 4, 0x86 }, { 8, 4, 0x86 }, { 9, 4, 0x86 },
	};
	unsigned char hdr[14];
	uint32_t size;
	uint16_t crc;
	double dist = w->last_dist - dist0;

	for (int m = 0; m < 2; m++) {
		fit_def(w, 4, m == 0 ? 19 : 18, sess, 6, 0);
		put8(w, 4);
		putn(w, fit_ts(w->last_t), 4);
		putn(w, fit_ts(w->file_t0), 4);
		put8(w, (unsigned)w->o->sport);
		putn(w, (uint32_t)lround((w->last_t - w->file_t0) * 1000.0), 4);
		putn(w, (uint32_t)lround(w->timer_s * 1000.0), 4);
		putn(w, (uint32_t)lround(dist * 100.0), 4);
	}
	size = (uint32_t)w->data.len;
	hdr[0] = 14;
	hdr[1] = 0x20;
	hdr[2] = 0x54;		/* profile 21.84 */
	hdr[3] = 0x08;
	hdr[4] = (unsigned char)size;
	hdr[5] = (unsigned char)(size >> 8);
	hdr[6] = (unsigned char)(size >> 16);
	hdr[7] = (unsigned char)(size >> 24);
	memcpy(hdr + 8, ".FIT", 4);
	crc = fit_crc16(0, hdr, 12);
	hdr[12] = (unsigned char)crc;
	hdr[13] = (unsigned char)(crc >> 8);
	crc = fit_crc16(0, hdr, 14);
	crc = fit_crc16(crc, (const unsigned char *)w->data.buf, w->data.len);
	strbuf_add(w->out, hdr, 14);
	strbuf_add(w->out, w->data.buf, w->data.len);
	strbuf_addch(w->out, crc & 0xFF);
	strbuf_addch(w->out, crc >> 8);
}

struct fit_split {
	struct fit_w *w;
	bool split_done;
	double dist0;
};

static void fit_point_split(void *ud, const struct gen_point *p, bool after)
{
	struct fit_split *s = ud;
	struct fit_w *w = s->w;

	if (after && !s->split_done) {
		/* The pause: timer stop at the last point before it. */
		s->split_done = true;
		w->timer_s += w->last_t - w->seg_start;
		fit_event(w, w->last_t, 4);	/* stop_all */
		if (w->o->chained) {
			fit_end(w, s->dist0);
			s->dist0 = w->last_dist;
			fit_begin(w, p->t);
		} else {
			fit_event(w, p->t, 0);
			w->seg_start = p->t;
		}
	}
	fit_point(w, p, after);
}

static void write_fit(const struct gen_opts *o, struct strbuf *out)
{
	struct fit_w w;
	struct fit_split s = { &w, false, 0 };

	memset(&w, 0, sizeof(w));
	w.o = o;
	w.out = out;
	w.be = o->big_endian;
	strbuf_init(&w.data, 0);
	fit_begin(&w, (double)o->start);
	gen_points(o, fit_point_split, &s);
	w.timer_s += w.last_t - w.seg_start;
	fit_event(&w, w.last_t, 4);
	fit_end(&w, s.dist0);
	strbuf_release(&w.data);
}

void gen_write(const struct gen_opts *o, enum gen_format f,
	       struct strbuf *out, struct gen_truth *truth)
{
	struct gen_truth t;

	gen_truth(o, &t);
	if (truth != NULL)
		*truth = t;
	if (f == GEN_FIT)
		write_fit(o, out);
	else
		write_xml(o, f, out, &t);
}

void gen_gzip(const void *in, size_t n, struct strbuf *out)
{
	z_stream z;
	unsigned char buf[65536];
	int rc;

	memset(&z, 0, sizeof(z));
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	do {
		z.next_out = buf;
		z.avail_out = sizeof(buf);
		rc = deflate(&z, Z_FINISH);
		strbuf_add(out, buf, sizeof(buf) - z.avail_out);
	} while (rc == Z_OK || (rc == Z_BUF_ERROR && z.avail_out == 0));
	deflateEnd(&z);
}
