/*
 * tcx.c - the element table of Garmin's Training Center XML (TCX v2);
 * xml_track.c does the reading. Lap totals (DistanceMeters and
 * TotalTimeSeconds directly under Lap) are the device's own figures; a
 * treadmill file has Trackpoints with DistanceMeters and no Position.
 * Each Activity is an activity of its own; a Course (a planned route) is
 * refused.
 */
#include "import/xml_track.h"

static const struct xml_elem tcx_elems[] = {
	{ "Trackpoint", NULL, XF_POINT },
	{ "Time", "Trackpoint", XF_TIME },
	{ "LatitudeDegrees", "Position", XF_LAT },
	{ "LongitudeDegrees", "Position", XF_LON },
	{ "AltitudeMeters", "Trackpoint", XF_ELE },
	{ "DistanceMeters", "Trackpoint", XF_DIST },
	{ "Value", "HeartRateBpm", XF_HR },
	{ "Speed", "TPX", XF_SPEED },
	{ "Activity", "Activities", XF_SPORT_ATTR },
	{ "DistanceMeters", "Lap", XF_LAP_DIST },
	{ "TotalTimeSeconds", "Lap", XF_LAP_TIME },
	{ "Course", "Courses", XF_COURSE },
};

const struct xml_format tcx_format = {
	"TCX", "TrainingCenterDatabase", "Trackpoint", tcx_elems,
	sizeof(tcx_elems) / sizeof(tcx_elems[0]),
};
