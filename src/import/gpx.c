/*
 * gpx.c - the element table of GPX 1.0 and 1.1 (xml_track.c does the
 * reading). Heart rate comes from Garmin's TrackPointExtension (hr) as most
 * watches and Strava write it, or from Movescount's gpxdata:hr; GPX 1.0's
 * <speed> is read when present. Each track is an activity unless it
 * continues the one before (activity_sum_segment).
 */
#include "import/xml_track.h"

static const struct xml_elem gpx_elems[] = {
	{ "trkpt", NULL, XF_POINT_LATLON },
	{ "time", "trkpt", XF_TIME },
	{ "ele", "trkpt", XF_ELE },
	{ "speed", "trkpt", XF_SPEED },
	{ "speed", "TrackPointExtension", XF_SPEED },
	{ "hr", "TrackPointExtension", XF_HR },
	{ "hr", "extensions", XF_HR },	/* Movescount's gpxdata:hr */
	{ "type", "trk", XF_SPORT_TEXT },
	{ "trk", "gpx", XF_TRACK },
	{ "trkseg", "trk", XF_SEGMENT },
};

const struct xml_format gpx_format = {
	"GPX", "gpx", "trkpt", gpx_elems, sizeof(gpx_elems) / sizeof(gpx_elems[0]),
};
