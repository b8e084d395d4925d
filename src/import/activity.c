/*
 * activity.c - the streaming summariser behind every importer.
 *
 * A struct activity_sum is fed one point at a time by gpx.c, tcx.c and
 * fit.c and keeps only running totals (see activity.h for the rules). The
 * per-point work is a few comparisons and, for GPS fixes, one haversine, so
 * the summariser costs little next to parsing.
 */
#include "import/activity.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ACTIVITY_NAME_ITEM_(id, name) [id] = name,
static const char *const sport_names[] = {
	ACTIVITY_SPORT_LIST(ACTIVITY_NAME_ITEM_)
};

const char *activity_sport_name(enum activity_sport s)
{
	if ((unsigned)s >= ACTIVITY_SPORT__COUNT)
		return "?";
	return sport_names[s];
}

/* Sport words as files and exports spell them, folded to lower case with
 * spaces, '_' and '-' removed. Anything else is "other". */
static const struct {
	const char *word;
	enum activity_sport sport;
} sport_words[] = {
	{ "run", ACTIVITY_SPORT_RUN },
	{ "running", ACTIVITY_SPORT_RUN },
	{ "trailrun", ACTIVITY_SPORT_RUN },
	{ "trailrunning", ACTIVITY_SPORT_RUN },
	{ "virtualrun", ACTIVITY_SPORT_RUN },
	{ "virtualrunning", ACTIVITY_SPORT_RUN },
	{ "treadmill", ACTIVITY_SPORT_RUN },
	{ "treadmillrunning", ACTIVITY_SPORT_RUN },
	{ "indoorrunning", ACTIVITY_SPORT_RUN },
	{ "streetrunning", ACTIVITY_SPORT_RUN },
	{ "trackrunning", ACTIVITY_SPORT_RUN },
	{ "9", ACTIVITY_SPORT_RUN },	/* Strava's numeric GPX type */
	{ "walk", ACTIVITY_SPORT_WALK },
	{ "walking", ACTIVITY_SPORT_WALK },
	{ "hike", ACTIVITY_SPORT_WALK },
	{ "hiking", ACTIVITY_SPORT_WALK },
	{ "10", ACTIVITY_SPORT_WALK },	/* Strava's numeric GPX type */
};

enum activity_sport activity_sport_parse(const char *s, size_t len)
{
	char w[32];
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '_' || c == '-' || c == '\t' ||
		    c == '\n' || c == '\r')
			continue;
		if (n + 1 >= sizeof(w))
			return ACTIVITY_SPORT_OTHER;
		w[n++] = (char)tolower(c);
	}
	w[n] = '\0';
	if (n == 0)
		return ACTIVITY_SPORT_UNKNOWN;
	for (size_t i = 0; i < sizeof(sport_words) / sizeof(sport_words[0]); i++)
		if (strcmp(w, sport_words[i].word) == 0)
			return sport_words[i].sport;
	return ACTIVITY_SPORT_OTHER;
}

void activity_point_clear(struct activity_point *p)
{
	p->t = p->lat = p->lon = p->ele = p->dist = p->speed = p->hr = NAN;
}

void activity_sum_init(struct activity_sum *s)
{
	memset(s, 0, sizeof(*s));
	s->sport = ACTIVITY_SPORT_UNKNOWN;
	activity_point_clear(&s->prev);
	s->first_t = s->last_t = NAN;
	s->dev_dist_first = s->dev_dist_last = NAN;
	s->total_distance = s->total_timer = s->total_elapsed = NAN;
}

void activity_sum_refuse(struct activity_sum *s, const char *fmt, ...)
{
	va_list ap;

	if (s->refused)
		return;
	s->refused = true;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
}

void activity_sum_sport(struct activity_sum *s, enum activity_sport sport)
{
	if (sport != ACTIVITY_SPORT_UNKNOWN || s->sport == ACTIVITY_SPORT_UNKNOWN)
		s->sport = sport;
}

void activity_sum_timer(struct activity_sum *s, bool stopped, double t)
{
	(void)t;
	s->paused = stopped;
}

static void add_total(double *total, double v)
{
	if (isnan(v))
		return;
	*total = isnan(*total) ? v : *total + v;
}

void activity_sum_add_totals(struct activity_sum *s, double distance_m,
			     double timer_s, double elapsed_s)
{
	add_total(&s->total_distance, distance_m);
	add_total(&s->total_timer, timer_s);
	add_total(&s->total_elapsed, elapsed_s);
}

#define DEG_TO_RAD (M_PI / 180.0)

/* The haversine formula given the cosines of both latitudes (the
 * summariser keeps the previous point's, so each point costs one cosine). */
static double haversine_cos(double lat1, double lon1, double cos1,
			    double lat2, double lon2, double cos2)
{
	double dlat = (lat2 - lat1) * DEG_TO_RAD, dlon = (lon2 - lon1) * DEG_TO_RAD;
	double half_dlat = sin(dlat / 2), half_dlon = sin(dlon / 2);
	double a = half_dlat * half_dlat + cos1 * cos2 * half_dlon * half_dlon;

	if (a > 1.0)
		a = 1.0;
	return 2.0 * ACTIVITY_EARTH_RADIUS_M * asin(sqrt(a));
}

double activity_haversine(double lat1, double lon1, double lat2, double lon2)
{
	return haversine_cos(lat1, lon1, cos(lat1 * DEG_TO_RAD), lat2, lon2,
			     cos(lat2 * DEG_TO_RAD));
}

/* Check one point's values; refuses the summary and returns false on an
 * absurd one. */
static bool point_sane(struct activity_sum *s, const struct activity_point *p)
{
	if (!(p->t >= ACTIVITY_TIME_MIN && p->t < ACTIVITY_TIME_MAX)) {
		activity_sum_refuse(s, "time %.0f is outside 1990-2099", p->t);
		return false;
	}
	if (!isnan(p->lat) || !isnan(p->lon)) {
		if (!(p->lat >= -90.0 && p->lat <= 90.0 && p->lon >= -180.0 &&
		      p->lon <= 180.0)) {
			activity_sum_refuse(s, "position %g, %g is not on the globe",
					    p->lat, p->lon);
			return false;
		}
	}
	if (!isnan(p->ele) &&
	    !(p->ele >= ACTIVITY_ALT_MIN_M && p->ele <= ACTIVITY_ALT_MAX_M)) {
		activity_sum_refuse(s, "altitude %g m is absurd", p->ele);
		return false;
	}
	if (!isnan(p->hr) && !(p->hr >= 0 && p->hr <= ACTIVITY_HR_MAX)) {
		activity_sum_refuse(s, "heart rate %g is absurd", p->hr);
		return false;
	}
	if (!isnan(p->speed) &&
	    !(p->speed >= 0 && p->speed <= ACTIVITY_POINT_SPEED_MAX_MPS)) {
		activity_sum_refuse(s, "speed %g m/s is absurd", p->speed);
		return false;
	}
	if (!isnan(p->dist) &&
	    !(p->dist >= 0 && p->dist <= ACTIVITY_DISTANCE_MAX_M)) {
		activity_sum_refuse(s, "distance %g m is absurd", p->dist);
		return false;
	}
	return true;
}

/* Hysteresis filter for climb and descent (see activity.h). */
static void add_elevation(struct activity_sum *s, double ele)
{
	const double h = ACTIVITY_HYSTERESIS_M;
	double d;

	if (!s->have_ele_ref) {
		s->have_ele_ref = true;
		s->ele_ref = ele;
		return;
	}
	d = ele - s->ele_ref;
	if (s->ele_dir > 0 ? d > 0 : d >= h) {
		s->ele_dir = 1;
		s->climb += d;
		s->ele_ref = ele;
	} else if (s->ele_dir < 0 ? d < 0 : d <= -h) {
		s->ele_dir = -1;
		s->descent -= d;
		s->ele_ref = ele;
	}
}

void activity_sum_point(struct activity_sum *s, const struct activity_point *p)
{
	const struct activity_point *q = &s->prev;
	bool gps;

	if (s->refused)
		return;
	if (!point_sane(s, p))
		return;
	gps = !isnan(p->lat) && !isnan(p->lon);
	double cos_lat = gps ? cos(p->lat * DEG_TO_RAD) : NAN;
	if (gps)
		s->has_gps = true;
	if (!isnan(p->ele))
		add_elevation(s, p->ele);
	if (!isnan(p->hr) && p->hr > 0) {
		s->hr_plain += p->hr;
		s->hr_n++;
	}
	if (!isnan(p->dist)) {
		if (isnan(s->dev_dist_first))
			s->dev_dist_first = p->dist;
		if (isnan(s->dev_dist_last) || p->dist > s->dev_dist_last)
			s->dev_dist_last = p->dist;
	}
	s->points++;
	if (!s->have_prev) {
		s->have_prev = true;
		s->first_t = p->t;
		s->last_t = p->t;
		s->prev = *p;
		s->prev_cos_lat = cos_lat;
		return;
	}
	double dt = p->t - q->t;
	if (dt < 0) {
		activity_sum_refuse(s, "times go backwards after point %zu",
				    s->points - 1);
		return;
	}
	double step = NAN;
	if (gps && !isnan(q->lat)) {
		double g = haversine_cos(q->lat, q->lon, s->prev_cos_lat,
					 p->lat, p->lon, cos_lat);
		s->track_m += g;
		step = g;
	}
	if (!isnan(p->dist) && !isnan(q->dist))
		step = p->dist >= q->dist ? p->dist - q->dist : 0.0;
	bool counted = !s->paused && dt > 0 && dt <= ACTIVITY_GAP_S;
	if (counted && !isnan(p->speed)) {
		s->speed_m += p->speed * dt;
		if (isnan(step))
			step = p->speed * dt;
	}
	if (counted && (isnan(step) || step / dt >= ACTIVITY_STILL_MPS))
		s->moving_s += dt;
	s->last_t = p->t;
	/* Keep the last known position, distance and altitude so that a point
	 * lacking one does not break the next step. */
	struct activity_point keep = *p;
	if (isnan(keep.lat) || isnan(keep.lon)) {
		keep.lat = q->lat;
		keep.lon = q->lon;
	} else {
		s->prev_cos_lat = cos_lat;
	}
	if (isnan(keep.dist))
		keep.dist = q->dist;
	s->prev = keep;
}

int activity_sum_finish(const struct activity_sum *s, struct activity *out,
			struct err *e)
{
	memset(out, 0, sizeof(*out));
	if (s->refused)
		return err_set(e, ERR_DATA, "%s", s->why);
	if (s->points == 0 && isnan(s->total_timer))
		return err_set(e, ERR_DATA, "no track points with a time");
	out->sport = s->sport;
	out->points = s->points;
	out->has_gps = s->has_gps;
	out->start_utc = s->points ? (int64_t)floor(s->first_t) : 0;
	out->elapsed_s = s->points ? s->last_t - s->first_t : NAN;
	if (!isnan(s->total_elapsed) && !(out->elapsed_s > 0))
		out->elapsed_s = s->total_elapsed;
	out->moving_s = s->moving_s;
	if (s->points < 2 && !isnan(s->total_timer))
		out->moving_s = s->total_timer;
	if (!isnan(s->total_distance))
		out->distance_m = s->total_distance;
	else if (!isnan(s->dev_dist_last))
		out->distance_m = s->dev_dist_last -
			(s->dev_dist_first > 0 ? 0 : s->dev_dist_first);
	else if (s->has_gps)
		out->distance_m = s->track_m;
	else
		out->distance_m = s->speed_m;
	out->climb_m = s->climb;
	out->descent_m = s->descent;
	out->avg_hr = s->hr_n ? s->hr_plain / (double)s->hr_n : -1.0;
	out->avg_pace_s_per_km = out->distance_m > 0 ?
		out->moving_s / (out->distance_m / 1000.0) : -1.0;
	if (isnan(out->elapsed_s) || out->elapsed_s < 0)
		out->elapsed_s = out->moving_s;
	if (!(out->distance_m >= 0 && out->distance_m <= ACTIVITY_DISTANCE_MAX_M))
		return err_set(e, ERR_DATA, "distance %g m is absurd",
			       out->distance_m);
	if (!(out->elapsed_s <= ACTIVITY_DURATION_MAX_S) ||
	    !(out->moving_s >= 0 && out->moving_s <= ACTIVITY_DURATION_MAX_S))
		return err_set(e, ERR_DATA, "duration %g s is absurd",
			       out->elapsed_s);
	if (out->moving_s > 0 &&
	    out->distance_m / out->moving_s > ACTIVITY_SPEED_MAX_MPS &&
	    out->distance_m > 1000.0)
		return err_set(e, ERR_DATA,
			       "average speed %.1f m/s is faster than any runner",
			       out->distance_m / out->moving_s);
	return 0;
}

/* Read exactly n digits at s[*i]; -1 when they are not all there. */
static int digits(const char *s, size_t len, size_t *i, int n)
{
	int v = 0;

	for (int k = 0; k < n; k++, (*i)++) {
		if (*i >= len || s[*i] < '0' || s[*i] > '9')
			return -1;
		v = v * 10 + (s[*i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
 * days_from_civil method). */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int activity_parse_time(const char *s, size_t len, double *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	size_t i = 0;
	int y, mo, d, h, mi, se;
	double frac = 0;

	while (i < len && isspace((unsigned char)s[i]))
		i++;
	if ((y = digits(s, len, &i, 4)) < 0 || i >= len || s[i++] != '-' ||
	    (mo = digits(s, len, &i, 2)) < 0 || i >= len || s[i++] != '-' ||
	    (d = digits(s, len, &i, 2)) < 0 || i >= len ||
	    (s[i] != 'T' && s[i] != ' ') || (i++, 0) ||
	    (h = digits(s, len, &i, 2)) < 0 || i >= len || s[i++] != ':' ||
	    (mi = digits(s, len, &i, 2)) < 0 || i >= len || s[i++] != ':' ||
	    (se = digits(s, len, &i, 2)) < 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 ||
	    mi > 59 || se > 60)
		return -1;
	if (i < len && (s[i] == '.' || s[i] == ',')) {
		double scale = 0.1;
		i++;
		if (i >= len || s[i] < '0' || s[i] > '9')
			return -1;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			frac += (s[i] - '0') * scale;
			scale /= 10;
			i++;
		}
	}
	long offset = 0;
	if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
		i++;
	} else if (i < len && (s[i] == '+' || s[i] == '-')) {
		int sign = s[i++] == '-' ? -1 : 1;
		int oh = digits(s, len, &i, 2), om;
		if (oh < 0 || oh > 23)
			return -1;
		if (i < len && s[i] == ':')
			i++;
		om = digits(s, len, &i, 2);
		if (om < 0 || om > 59)
			return -1;
		offset = sign * (oh * 3600L + om * 60L);
	}
	while (i < len && isspace((unsigned char)s[i]))
		i++;
	if (i != len)
		return -1;
	*out = (double)(days_from_civil(y, mo, d) * 86400 + h * 3600 +
			mi * 60 + se - offset) + frac;
	return 0;
}
