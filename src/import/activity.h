/*
 * activity.h - the activity model shared by every importer: one run (or
 * walk, or another sport) summarised from a stream of track points.
 *
 * Parsers (gpx.c, tcx.c, fit.c) never keep the points of a file. They fill
 * one struct activity_point at a time and hand it to a struct activity_sum,
 * which keeps a handful of running totals, so memory stays flat however long
 * the file is. activity_sum_finish turns the totals into a struct activity:
 * start time (UTC), sport, distance, moving and elapsed time, climb and
 * descent, average pace and heart rate. The SHA-256 of the file's bytes is
 * filled in by the importer (import.c), not here.
 *
 * The rules (documented in docs/load.md, "Import"):
 *  - distance is the device's own figure when the file carries one (FIT
 *    session total, TCX DistanceMeters, FIT record distance), else the sum
 *    of great-circle (haversine) steps between fixes, else speed x time;
 *  - moving time sums the steps between consecutive points, leaving out
 *    steps while the device timer was stopped (FIT timer events), steps
 *    longer than ACTIVITY_GAP_S (a gap in recording) and steps slower than
 *    ACTIVITY_STILL_MPS (standing still);
 *  - climb and descent use a hysteresis filter: altitude has to move
 *    ACTIVITY_HYSTERESIS_M away from the last turning point before a change
 *    of direction counts, so GPS and barometer noise below that adds
 *    nothing, while every metre of a real climb is counted;
 *  - absurd values (positions off the globe, altitudes outside
 *    ACTIVITY_ALT_MIN_M..ACTIVITY_ALT_MAX_M, heart rates above
 *    ACTIVITY_HR_MAX, times before 1990, a run faster than
 *    ACTIVITY_SPEED_MAX_MPS on average or longer than
 *    ACTIVITY_DURATION_MAX_S) make the whole file refused; an activity of
 *    another sport is skipped before any of these checks;
 *  - a file may hold several activities (legs): a FIT file one per
 *    session, a TCX file one per Activity, a GPX file one per track unless
 *    the tracks continue each other. A point up to ACTIVITY_BACKSTEP_S
 *    earlier than the one before is a clock step and is dropped; a larger
 *    step back starts a new activity. Finished legs are kept in the
 *    summariser (at most ACTIVITY_LEGS_MAX), never their points.
 */
#ifndef RUNCARE_IMPORT_ACTIVITY_H
#define RUNCARE_IMPORT_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define ACTIVITY_GAP_S 30.0		/* a longer step is a recording gap */
#define ACTIVITY_STILL_MPS 0.5		/* a slower step is standing still */
#define ACTIVITY_HYSTERESIS_M 5.0	/* climb/descent noise filter */
#define ACTIVITY_ALT_MIN_M (-500.0)
#define ACTIVITY_ALT_MAX_M 9000.0
#define ACTIVITY_HR_MAX 250
#define ACTIVITY_SPEED_MAX_MPS 12.0	/* faster than any runner on average */
#define ACTIVITY_POINT_SPEED_MAX_MPS 100.0 /* a single reported speed */
#define ACTIVITY_DURATION_MAX_S (7.0 * 86400.0)
#define ACTIVITY_DISTANCE_MAX_M 1000000.0
#define ACTIVITY_TIME_MIN 631152000.0	/* 1990-01-01T00:00:00Z */
#define ACTIVITY_TIME_MAX 4102444800.0	/* 2100-01-01T00:00:00Z */
#define ACTIVITY_EARTH_RADIUS_M 6371008.8 /* mean radius (IUGG) */
#define ACTIVITY_HR_NONE 255		/* what devices write for "no reading" */
#define ACTIVITY_BACKSTEP_S 60.0	/* a clock step back: point dropped */
#define ACTIVITY_JOIN_S 300.0		/* GPX tracks this close in time... */
#define ACTIVITY_JOIN_M 100.0		/* ...and in space are one activity */
#define ACTIVITY_LEGS_MAX 32		/* activities in one file */

#define ACTIVITY_SPORT_LIST(X)                                                \
	X(ACTIVITY_SPORT_UNKNOWN, "unknown")                                  \
	X(ACTIVITY_SPORT_RUN, "run")                                          \
	X(ACTIVITY_SPORT_WALK, "walk")                                        \
	X(ACTIVITY_SPORT_OTHER, "other")
#define ACTIVITY_ENUM_ITEM_(id, ...) id,
enum activity_sport { ACTIVITY_SPORT_LIST(ACTIVITY_ENUM_ITEM_) ACTIVITY_SPORT__COUNT };

/* Name of a sport ("run", ...; "?" for an invalid value). */
const char *activity_sport_name(enum activity_sport s);
/*
 * Map a sport word as files and exports spell it ("Running", "run",
 * "Trail Run", "Walk", "Hike", "Ride", "Biking"...), case-insensitive, to
 * a sport. s[0..len) need not be NUL-terminated. Words it does not know
 * are ACTIVITY_SPORT_OTHER; an empty word is ACTIVITY_SPORT_UNKNOWN.
 */
enum activity_sport activity_sport_parse(const char *s, size_t len);

/*
 * One track point. Unknown values are NAN (t must be known). lat/lon in
 * degrees, ele in metres, dist is the device's cumulative distance in
 * metres, speed in m/s, hr in beats per minute.
 */
struct activity_point {
	double t;	/* Unix seconds, UTC */
	double lat, lon;
	double ele;
	double dist;
	double speed;
	double hr;
};

/* Set every field of p to "unknown" (NAN). */
void activity_point_clear(struct activity_point *p);

/* A summarised activity. Unknown numbers are negative (avg_hr < 0: no
 * heart rate; avg_pace_s_per_km < 0: no distance). */
struct activity {
	int64_t start_utc;	/* Unix seconds */
	enum activity_sport sport;
	double distance_m;
	double moving_s;
	double elapsed_s;
	double climb_m;
	double descent_m;
	double avg_pace_s_per_km;	/* moving time per km */
	double avg_hr;
	size_t points;
	bool has_gps;
	bool no_distance;	/* 0 m: not stored as a run or walk */
	char sport_word[24];	/* the file's name for its sport, or "" */
	char sha256[65];	/* lower-case hex, or "" when not computed */
};

/* The activities of one file, in file order (v owned, n of them). */
struct activity_legs {
	size_t n;
	struct activity *v;
};
void activity_legs_release(struct activity_legs *l);
/* The leg to show when a caller takes one activity per file: the first
 * run or walk, else the first leg (a pointer into l, which keeps owning
 * it). l->n must be at least 1. */
const struct activity *activity_legs_main(const struct activity_legs *l);

/*
 * The streaming summariser. Callers see it as opaque state: init, feed
 * points, pause/resume and device totals, then finish. Invariant: no
 * storage grows with the number of points.
 */
struct activity_sum {
	enum activity_sport sport;
	size_t points;
	bool have_prev, paused, refused, have_ele_ref;
	struct activity_point prev;
	double first_t, last_t;
	double track_m, speed_m, moving_s;
	double dev_dist_first, dev_dist_last;	/* NAN until seen */
	double total_distance, total_timer, total_elapsed; /* device, NAN */
	double ele_ref, climb, descent;
	int ele_dir;			/* +1 up, -1 down, 0 not yet known */
	double hr_sum, hr_time;	/* time-weighted heart rate */
	double hr_plain; size_t hr_n;	/* plain mean as fallback */
	bool has_gps;
	double prev_cos_lat;	/* cosine of prev.lat (NAN: no fix) */
	bool seg_break;		/* next point starts a new GPX segment */
	bool track_pending;	/* next point starts a new GPX track */
	enum activity_sport pend_sport;	/* the pending track's sport */
	char pend_word[24];
	char sport_word[24];
	char why[160];		/* reason for refusal */
	/* Finished legs: kept when a new leg starts (fields above are the
	 * current leg's and are reset). */
	size_t n_legs;
	size_t file_points;	/* timed points of every leg */
	size_t back_dropped;	/* points dropped for a clock step back */
	size_t legs_refused;	/* run or walk legs refused */
	size_t refused_at;	/* leg number of the first refusal */
	bool legs_overflow;
	char legs_why[160];
	struct activity legs[ACTIVITY_LEGS_MAX];
};

void activity_sum_init(struct activity_sum *s);
/* Feed one point (borrowed for the call). Points must come in time order;
 * a point with a bad value marks the summary refused. */
void activity_sum_point(struct activity_sum *s, const struct activity_point *p);
/* The device timer stopped (true) or started again (false) at time t;
 * steps while stopped are not moving time. */
void activity_sum_timer(struct activity_sum *s, bool stopped, double t);
/* Totals the device wrote (FIT session, TCX laps: pass each lap's value,
 * they add up). NAN leaves a total unknown. */
void activity_sum_add_totals(struct activity_sum *s, double distance_m,
			     double timer_s, double elapsed_s);
/* Set the sport, unless it is already known and sport is UNKNOWN. */
void activity_sum_sport(struct activity_sum *s, enum activity_sport sport);
/* The file's own word for the sport (copied; shown for a skipped leg). */
void activity_sum_sport_word(struct activity_sum *s, const char *w, size_t n);
/* GPX: the next point starts a new segment (the step to it is neither
 * distance nor moving time) or a new track (the same, and a new activity
 * unless it starts within ACTIVITY_JOIN_S and ACTIVITY_JOIN_M of the last
 * point). */
void activity_sum_segment(struct activity_sum *s, bool new_track);
/* End the current leg (kept when it holds a point or a device total) and
 * start a new one. */
void activity_sum_end_leg(struct activity_sum *s);
/* Add a finished leg made from a device's own totals (a FIT session; a is
 * copied): checked as activity_sum_finish checks a leg; a run or walk
 * that fails makes the file refused. */
void activity_sum_add_leg(struct activity_sum *s, const struct activity *a);
/* Refuse the activity with a reason (printf-style); the first reason wins. */
void activity_sum_refuse(struct activity_sum *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Summarise into *out. Returns 0; -1 with e set (ERR_DATA) when a point was
 * absurd (the reason given), when the file held no timed point ("no track
 * points with a time"), or when the totals are absurd.
 */
int activity_sum_finish(const struct activity_sum *s, struct activity *out,
			struct err *e);
/*
 * End the current leg and hand every leg of the file to *out (allocated
 * here; the caller releases it with activity_legs_release). Returns 0;
 * -1 with e set (ERR_DATA) when a run or walk leg was refused (the reason,
 * naming the leg when there are several), when the file held more than
 * ACTIVITY_LEGS_MAX or none.
 */
int activity_sum_finish_legs(struct activity_sum *s, struct activity_legs *out,
			     struct err *e);

/* Great-circle distance in metres between two fixes (degrees). */
double activity_haversine(double lat1, double lon1, double lat2, double lon2);

/*
 * Parse an ISO 8601 / XML Schema dateTime ("2026-11-26T07:05:09Z",
 * optional fraction, "+01:00"-style offset, no zone taken as UTC) from
 * s[0..len) into Unix seconds. Returns 0, or -1 when malformed.
 */
int activity_parse_time(const char *s, size_t len, double *out);

#endif
