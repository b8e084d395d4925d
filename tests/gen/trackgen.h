/*
 * trackgen.h - synthetic activity files with known truth, for the import
 * tests, the fuzz seeds, the SDK comparison and the benchmark.
 *
 * The runner goes due north along one meridian at a constant speed, so the
 * true distance is speed x moving time exactly (great-circle steps along a
 * meridian add up without error). The altitude is a triangle wave between
 * 100 and 140 m while moving. The track is: run, stand still (points keep
 * coming, position unchanged), a pause with no points (FIT: timer stop and
 * start events), run again. The same track can be written as GPX 1.1,
 * GPX 1.0, TCX or FIT (either byte order, with or without compressed
 * timestamps, developer fields, enhanced altitude, no GPS, chained in two
 * files). Nothing random: the same options give the same bytes.
 */
#ifndef RUNCARE_TESTS_TRACKGEN_H
#define RUNCARE_TESTS_TRACKGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

enum gen_format { GEN_GPX11, GEN_GPX10, GEN_TCX, GEN_FIT };

struct gen_opts {
	int run1_s, still_s, pause_s, run2_s;	/* leg durations */
	double speed;		/* m/s while running */
	bool no_gps;		/* indoor: no positions (TCX, FIT only) */
	bool big_endian;	/* FIT */
	bool compressed_ts;	/* FIT */
	bool dev_fields;	/* FIT */
	bool enhanced_alt;	/* FIT: enhanced_altitude instead of altitude */
	bool chained;		/* FIT: two files, split at the pause */
	bool no_device_distance;/* FIT/TCX: leave distance out */
	int sport;		/* FIT sport (1 running, 2 cycling) */
	const char *gpx_type;	/* GPX <type>, or NULL */
	const char *tcx_sport;	/* TCX Activity Sport, or NULL: "Running" */
	int64_t start;		/* Unix seconds of the first point */
};

/* Sensible defaults: 20 min run, 1 min still, 2 min pause, 10 min run at
 * 3 m/s, starting 2026-11-01T07:00:00Z, sport running. */
void gen_opts_default(struct gen_opts *o);

struct gen_truth {
	double distance_m, moving_s, elapsed_s, climb_m, descent_m, avg_hr;
	int64_t start;
	size_t points;
};

/* One point of the track; i counts points from 0. */
struct gen_point {
	double t, lat, lon, ele, dist, speed, hr;
};

/* Calls fn for each point in order (the same points every writer uses). */
void gen_points(const struct gen_opts *o,
		void (*fn)(void *ud, const struct gen_point *p, bool after_pause),
		void *ud);

/* Append the track in format f to out and fill *truth (may be NULL). */
void gen_write(const struct gen_opts *o, enum gen_format f,
	       struct strbuf *out, struct gen_truth *truth);

/* gzip-compress in[0..n) into out (level 6). */
void gen_gzip(const void *in, size_t n, struct strbuf *out);

#endif
