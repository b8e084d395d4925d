/*
 * xml_track.h - the expat skeleton shared by the GPX and TCX readers
 * (internal to src/import).
 *
 * GPX and TCX differ only in their element tables: which element is a
 * track point, which child holds the time, the altitude, the device's
 * distance, the heart rate, and where the sport and lap totals sit. This
 * skeleton streams the document through expat in fixed-size chunks, keeps
 * a small stack of open elements, fills one struct activity_point per track
 * point and hands it to the summariser. It never builds a tree.
 *
 * Hostile XML: any DOCTYPE (hence any entity declaration) is refused
 * outright, and expat's billion-laughs protection is set as a second line.
 */
#ifndef RUNCARE_IMPORT_XML_TRACK_H
#define RUNCARE_IMPORT_XML_TRACK_H

#include <stddef.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "import/activity.h"
#include "import/stream.h"

/* What an element's text or attributes mean. */
enum xml_field {
	XF_NONE,
	XF_POINT,	/* a track point: starts and emits a point */
	XF_POINT_LATLON,/* a track point with lat/lon attributes (GPX) */
	XF_TIME,
	XF_LAT,
	XF_LON,
	XF_ELE,
	XF_DIST,	/* device's cumulative distance, metres */
	XF_SPEED,	/* m/s */
	XF_HR,		/* beats per minute */
	XF_SPORT_TEXT,	/* element text names the sport */
	XF_SPORT_ATTR,	/* attribute "Sport" names the sport, and the
			 * element is one activity of the file (TCX) */
	XF_TRACK,	/* a track: an activity, unless it continues the
			 * last one (GPX) */
	XF_SEGMENT,	/* a track segment: no step from the last point */
	XF_COURSE,	/* a planned route, not a recording: refused (TCX) */
	XF_LAP_DIST,	/* a lap's total distance, metres */
	XF_LAP_TIME,	/* a lap's timer time, seconds */
};

/* One table row: element local name (namespace prefix dropped), the local
 * name of its parent (NULL: any parent) and its meaning. */
struct xml_elem {
	const char *name;
	const char *parent;
	enum xml_field field;
};

struct xml_format {
	const char *what;	/* "GPX", "TCX": used in messages */
	const char *root;	/* local name of the document element */
	const char *split_tag;	/* the track point's tag, where a large file
				 * may be cut into windows (xml_split.c) */
	const struct xml_elem *elems;
	size_t n_elems;
};

extern const struct xml_format gpx_format;
extern const struct xml_format tcx_format;

/*
 * Stream the document in b through expat, feeding s. Returns 0, or -1 with
 * e set (ERR_DATA: "line L: ..." for malformed XML, a refused DOCTYPE, the
 * wrong document element, a bad number or time; or the stream's own error).
 */
int xml_track_parse(const struct xml_format *fmt, struct ibuf *b,
		    struct activity_sum *s, struct err *e);

/*
 * ---- windows of one large file, read in parallel (xml_split.c) ----
 *
 * A window is read by its own expat parser and records what it would have
 * handed the summariser, in order; the windows' records replayed in file
 * order feed the summariser exactly as one sequential read would.
 */
enum xml_event_kind { XEV_POINT, XEV_SPORT, XEV_TOTALS, XEV_SEGMENT,
		      XEV_LEG_END };

struct xml_event {
	enum xml_event_kind kind;
	union {
		struct activity_point pt;
		struct {
			enum activity_sport sport;
			char word[24];
		} sport;
		bool new_track;		/* XEV_SEGMENT */
		struct {
			double distance_m, timer_s;
		} totals;
	} u;
};

struct xml_events {
	struct xml_event *v;	/* owned */
	size_t n, cap;
	size_t untimed;		/* track points without a time */
};

/* Feed r's events to s in order. */
void xml_events_replay(const struct xml_events *r, struct activity_sum *s);
/* Free r's array and empty it. */
void xml_events_release(struct xml_events *r);

/*
 * Read prefix (the file's start up to the first split tag: only sets up
 * the open elements, records nothing), then body, then suffix (closing
 * tags; suffix_len 0: body is the end of the file), appending events to
 * out. All three are borrowed. Returns 0, or -1 when the text is not
 * well-formed or a value is refused: the caller then reads the file
 * sequentially, which gives the message with its line.
 */
int xml_track_parse_window(const struct xml_format *fmt, const char *prefix,
			   size_t prefix_len, const char *body,
			   size_t body_len, const char *suffix,
			   size_t suffix_len, struct xml_events *out);

/*
 * Write to out the end tags that close the elements text[0..len) leaves
 * open, innermost first ("</trkseg></trk></gpx>"). Returns -1 when text
 * is not the well-formed start of a document or leaves nothing open.
 */
int xml_track_closing_tags(const char *text, size_t len, struct strbuf *out);

#endif
