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
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

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

/* Reset the current leg's state; the finished legs stay. */
static void leg_reset(struct activity_sum *s)
{
	memset(s, 0, offsetof(struct activity_sum, n_legs));
	s->sport = ACTIVITY_SPORT_UNKNOWN;
	s->pend_sport = ACTIVITY_SPORT_UNKNOWN;
	activity_point_clear(&s->prev);
	s->first_t = s->last_t = NAN;
	s->dev_dist_first = s->dev_dist_last = NAN;
	s->total_distance = s->total_timer = s->total_elapsed = NAN;
	s->prev_cos_lat = NAN;
}

void activity_sum_init(struct activity_sum *s)
{
	memset(s, 0, sizeof(*s));
	leg_reset(s);
}

void activity_legs_release(struct activity_legs *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const struct activity *activity_legs_main(const struct activity_legs *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].sport != ACTIVITY_SPORT_OTHER && !l->v[i].no_distance)
			return &l->v[i];
	return &l->v[0];
}

static void copy_word(char *dst, size_t cap, const char *w, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, w, n);
	dst[n] = '\0';
}

void activity_sum_sport_word(struct activity_sum *s, const char *w, size_t n)
{
	if (s->track_pending)
		copy_word(s->pend_word, sizeof(s->pend_word), w, n);
	else
		copy_word(s->sport_word, sizeof(s->sport_word), w, n);
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
	enum activity_sport *to = s->track_pending ? &s->pend_sport : &s->sport;

	if (sport != ACTIVITY_SPORT_UNKNOWN || *to == ACTIVITY_SPORT_UNKNOWN)
		*to = sport;
}

void activity_sum_segment(struct activity_sum *s, bool new_track)
{
	s->seg_break = true;
	if (new_track && s->have_prev) {
		s->track_pending = true;
		s->pend_sport = ACTIVITY_SPORT_UNKNOWN;
		s->pend_word[0] = '\0';
	}
}

/* Note a refused leg of a run or walk (the first reason is kept). */
static void leg_refused(struct activity_sum *s, const char *why)
{
	if (s->legs_refused++ == 0) {
		s->refused_at = s->n_legs + 1;
		snprintf(s->legs_why, sizeof(s->legs_why), "%.150s", why);
	}
}

static void leg_push(struct activity_sum *s, const struct activity *a)
{
	if (s->n_legs == ACTIVITY_LEGS_MAX)
		s->legs_overflow = true;
	else
		s->legs[s->n_legs++] = *a;
}

void activity_sum_end_leg(struct activity_sum *s)
{
	struct activity a;
	struct err e;

	if (s->points > 0 || s->refused || !isnan(s->total_timer) ||
	    !isnan(s->total_distance)) {
		if (activity_sum_finish(s, &a, &e) < 0)
			leg_refused(s, e.msg);
		else
			leg_push(s, &a);
	}
	leg_reset(s);
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

/* Decide, at the first point of a new GPX track, whether it continues the
 * last activity (close in time and space) or starts a new one. */
static void track_start(struct activity_sum *s, const struct activity_point *p)
{
	const struct activity_point *q = &s->prev;
	double dt = p->t - q->t, jump = NAN;
	enum activity_sport sport = s->pend_sport;
	char word[sizeof(s->pend_word)];

	s->track_pending = false;
	if (!isnan(p->lat) && !isnan(q->lat))
		jump = activity_haversine(q->lat, q->lon, p->lat, p->lon);
	if (dt >= 0 && dt <= ACTIVITY_JOIN_S &&
	    (isnan(jump) || jump <= ACTIVITY_JOIN_M)) {
		activity_sum_sport(s, sport);
		if (s->sport_word[0] == '\0')
			memcpy(s->sport_word, s->pend_word, sizeof(word));
		return;
	}
	memcpy(word, s->pend_word, sizeof(word));
	activity_sum_end_leg(s);
	s->sport = sport;
	memcpy(s->sport_word, word, sizeof(word));
}

/* A point earlier than the last: a small clock step drops it (returns
 * false); a larger one ends the leg, the point starting the next one with
 * the same sport (returns true). */
static bool step_back(struct activity_sum *s, const struct activity_point *p)
{
	enum activity_sport sport = s->sport;
	char word[sizeof(s->sport_word)];

	if (s->prev.t - p->t <= ACTIVITY_BACKSTEP_S) {
		s->back_dropped++;
		return false;
	}
	memcpy(word, s->sport_word, sizeof(word));
	activity_sum_end_leg(s);
	s->sport = sport;
	memcpy(s->sport_word, word, sizeof(word));
	return true;
}

void activity_sum_point(struct activity_sum *s, const struct activity_point *in)
{
	const struct activity_point *q = &s->prev;
	struct activity_point pt = *in;
	const struct activity_point *p = &pt;
	bool gps, link;

	if (pt.hr == ACTIVITY_HR_NONE)
		pt.hr = NAN;	/* a device's "no reading" */
	if (s->track_pending)
		track_start(s, p);
	if (s->have_prev && p->t < q->t && !step_back(s, p))
		return;
	/* An absurd point is left out and refuses a run or walk; summing
	 * goes on, since the leg may turn out to be another sport, which is
	 * skipped with its figures whatever its values. */
	if (!point_sane(s, p))
		return;
	link = !s->seg_break;
	s->seg_break = false;
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
	s->file_points++;
	if (!s->have_prev) {
		s->have_prev = true;
		s->first_t = p->t;
		s->last_t = p->t;
		s->prev = *p;
		s->prev_cos_lat = cos_lat;
		return;
	}
	double dt = p->t - q->t;
	double step = NAN;
	if (link && gps && !isnan(q->lat)) {
		double g = haversine_cos(q->lat, q->lon, s->prev_cos_lat,
					 p->lat, p->lon, cos_lat);
		s->track_m += g;
		step = g;
	}
	if (!isnan(p->dist) && !isnan(q->dist))
		step = p->dist >= q->dist ? p->dist - q->dist : 0.0;
	bool counted = link && !s->paused && dt > 0 && dt <= ACTIVITY_GAP_S;
	if (counted && !isnan(p->speed)) {
		s->speed_m += p->speed * dt;
		if (isnan(step))
			step = p->speed * dt;
	}
	/* Where the file records speed, it decides: a whole-metre distance
	 * may not move on a slow step that the speed shows as moving. */
	double pace_mps = !isnan(p->speed) ? p->speed : step / dt;
	if (counted && (isnan(pace_mps) || pace_mps >= ACTIVITY_STILL_MPS))
		s->moving_s += dt;
	/* A longer step is a gap in recording: moving time only when the
	 * distance covered shows the runner went on at least walking slowly
	 * (a sparse track), since that distance counts either way. */
	else if (link && !s->paused && dt > ACTIVITY_GAP_S && !isnan(step) &&
		 step / dt >= ACTIVITY_STILL_MPS)
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

/* The whole-activity checks of a run or walk (activity.h). Returns 0, or
 * -1 with e set. */
static int leg_check(const struct activity *out, struct err *e)
{
	if (!(out->distance_m >= 0 && out->distance_m <= ACTIVITY_DISTANCE_MAX_M))
		return err_set(e, ERR_DATA, "distance %g m is absurd",
			       out->distance_m);
	if (!(out->elapsed_s <= ACTIVITY_DURATION_MAX_S) ||
	    !(out->moving_s >= 0 && out->moving_s <= ACTIVITY_DURATION_MAX_S))
		return err_set(e, ERR_DATA, "duration %g s is absurd",
			       out->elapsed_s);
	/* With no moving time (every step a gap), the elapsed time. */
	double t = out->moving_s > 0 ? out->moving_s : out->elapsed_s;
	if (t > 0 && out->distance_m / t > ACTIVITY_SPEED_MAX_MPS &&
	    out->distance_m > 1000.0)
		return err_set(e, ERR_DATA,
			       "average speed %.1f m/s is faster than any runner",
			       out->distance_m / t);
	return 0;
}

void activity_sum_add_leg(struct activity_sum *s, const struct activity *a)
{
	struct activity leg = *a;
	struct err e;

	leg.no_distance = !(leg.distance_m >= 1.0);
	if (leg.sport != ACTIVITY_SPORT_OTHER && leg_check(&leg, &e) < 0)
		leg_refused(s, e.msg);
	else
		leg_push(s, &leg);
}

int activity_sum_finish_legs(struct activity_sum *s, struct activity_legs *out,
			     struct err *e)
{
	out->n = 0;
	out->v = NULL;
	activity_sum_end_leg(s);
	if (s->legs_overflow)
		return err_set(e, ERR_DATA, "more than %d activities in one file",
			       ACTIVITY_LEGS_MAX);
	if (s->legs_refused > 0) {
		if (s->n_legs == 0 && s->legs_refused == 1)
			return err_set(e, ERR_DATA, "%s", s->legs_why);
		return err_set(e, ERR_DATA, "activity %zu of %zu: %s",
			       s->refused_at, s->n_legs + s->legs_refused,
			       s->legs_why);
	}
	if (s->n_legs == 0)
		return err_set(e, ERR_DATA, "no track points with a time");
	out->v = xmalloc(s->n_legs * sizeof(*out->v));
	memcpy(out->v, s->legs, s->n_legs * sizeof(*out->v));
	out->n = s->n_legs;
	return 0;
}

int activity_sum_finish(const struct activity_sum *s, struct activity *out,
			struct err *e)
{
	bool other = s->sport == ACTIVITY_SPORT_OTHER;

	memset(out, 0, sizeof(*out));
	/* Another sport is skipped, whatever its values: no check applies. */
	if (s->refused && !other)
		return err_set(e, ERR_DATA, "%s", s->why);
	if (s->points == 0 && isnan(s->total_timer))
		return err_set(e, ERR_DATA, "no track points with a time");
	out->sport = s->sport;
	memcpy(out->sport_word, s->sport_word, sizeof(out->sport_word));
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
	/* The device counts from the start of its recording: a first leg's
	 * first record may already be metres in; a later leg of the file
	 * starts where the one before ended. */
	else if (!isnan(s->dev_dist_last))
		out->distance_m = s->dev_dist_last -
			(s->dev_dist_first > 0 && s->n_legs == 0 &&
			 s->legs_refused == 0 ? 0 : s->dev_dist_first);
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
	out->no_distance = !(out->distance_m >= 1.0);
	return other ? 0 : leg_check(out, e);
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
