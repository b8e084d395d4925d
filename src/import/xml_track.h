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
	XF_SPORT_ATTR,	/* attribute "Sport" names the sport (TCX) */
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

#endif
