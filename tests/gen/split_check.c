/*
 * split_check.c - the windowed reader (src/import/xml_split.c) held to the
 * sequential one on the same bytes; shared by the unit test and the GPX
 * fuzz harness, which include this file.
 *
 * split_check writes data to an anonymous file, reads it with
 * xml_split_parse in windows of `window` bytes on `threads` threads, and
 * compares the outcome with import_mem's sequential read. The windowed
 * reader may decline (then the importer reads sequentially, so any answer
 * is right); when it does not, the summaries must be equal field by field,
 * or both refused.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "import/fit.h"
#include "import/import.h"
#include "import/xml_split.h"
#include "import/xml_track.h"

enum split_outcome { SPLIT_AGREES, SPLIT_DECLINED, SPLIT_DIFFERS };

static bool same_number(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* The XML format import_mem would sniff for data, or NULL. */
static const struct xml_format *split_check_format(const void *data,
						   size_t len)
{
	size_t n = len < 4096 ? len : 4096;

	if (len >= 2 && ((const unsigned char *)data)[0] == 0x1f &&
	    ((const unsigned char *)data)[1] == 0x8b)
		return NULL;
	if (fit_sniff(data, n))
		return NULL;
	if (memmem(data, n, "TrainingCenterDatabase", 22) != NULL)
		return &tcx_format;
	if (memmem(data, n, "<gpx", 4) != NULL || memmem(data, n, ":gpx ", 5) != NULL)
		return &gpx_format;
	return NULL;
}

/* Compare; on SPLIT_DIFFERS, why says how. */
static enum split_outcome split_check(const void *data, size_t len,
				      size_t window, int threads, char *why,
				      size_t why_len)
{
	const struct xml_format *fmt = split_check_format(data, len);
	struct activity_legs seq_l, par_l;
	struct activity_sum sum;
	struct err e_seq, e_par;
	int fd, rc_seq, rc_par;

	if (fmt == NULL)
		return SPLIT_DECLINED;
	fd = memfd_create("split_check", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		snprintf(why, why_len, "memfd: cannot write the input");
		if (fd >= 0)
			close(fd);
		return SPLIT_DIFFERS;
	}
	activity_sum_init(&sum);
	rc_par = xml_split_parse(fmt, fd, len, window, threads, &sum);
	close(fd);
	if (rc_par < 0)
		return SPLIT_DECLINED;
	rc_par = activity_sum_finish_legs(&sum, &par_l, &e_par);
	rc_seq = import_mem_legs(data, len, NULL, &seq_l, NULL, &e_seq);
	if ((rc_par < 0) != (rc_seq < 0)) {
		snprintf(why, why_len, "sequential %.200s, windowed %.200s",
			 rc_seq < 0 ? e_seq.msg : "ok", rc_par < 0 ? e_par.msg : "ok");
		if (rc_par == 0)
			activity_legs_release(&par_l);
		if (rc_seq == 0)
			activity_legs_release(&seq_l);
		return SPLIT_DIFFERS;
	}
	if (rc_seq < 0)
		return SPLIT_AGREES;
	enum split_outcome out = SPLIT_AGREES;
	if (seq_l.n != par_l.n) {
		snprintf(why, why_len, "sequential %zu activities, windowed %zu",
			 seq_l.n, par_l.n);
		out = SPLIT_DIFFERS;
	}
	for (size_t i = 0; out == SPLIT_AGREES && i < seq_l.n; i++) {
		const struct activity *sq = &seq_l.v[i], *pa = &par_l.v[i];
		if (sq->start_utc != pa->start_utc || sq->sport != pa->sport ||
		    sq->points != pa->points || sq->has_gps != pa->has_gps ||
		    !same_number(sq->distance_m, pa->distance_m) ||
		    !same_number(sq->moving_s, pa->moving_s) ||
		    !same_number(sq->elapsed_s, pa->elapsed_s) ||
		    !same_number(sq->climb_m, pa->climb_m) ||
		    !same_number(sq->descent_m, pa->descent_m) ||
		    !same_number(sq->avg_hr, pa->avg_hr) ||
		    !same_number(sq->avg_pace_s_per_km, pa->avg_pace_s_per_km)) {
			snprintf(why, why_len,
				 "activity %zu: sequential %zu points %.3f m %.1f s, "
				 "windowed %zu points %.3f m %.1f s", i + 1,
				 sq->points, sq->distance_m, sq->moving_s,
				 pa->points, pa->distance_m, pa->moving_s);
			out = SPLIT_DIFFERS;
		}
	}
	activity_legs_release(&seq_l);
	activity_legs_release(&par_l);
	return out;
}
