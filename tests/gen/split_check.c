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
	struct activity seq, par;
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
	memset(&seq, 0, sizeof(seq));
	memset(&par, 0, sizeof(par));
	rc_par = activity_sum_finish(&sum, &par, &e_par);
	rc_seq = import_mem(data, len, NULL, &seq, NULL, &e_seq);
	if ((rc_par < 0) != (rc_seq < 0)) {
		snprintf(why, why_len, "sequential %.200s, windowed %.200s",
			 rc_seq < 0 ? e_seq.msg : "ok", rc_par < 0 ? e_par.msg : "ok");
		return SPLIT_DIFFERS;
	}
	if (rc_seq < 0)
		return SPLIT_AGREES;
	if (seq.start_utc != par.start_utc || seq.sport != par.sport ||
	    seq.points != par.points || seq.has_gps != par.has_gps ||
	    !same_number(seq.distance_m, par.distance_m) ||
	    !same_number(seq.moving_s, par.moving_s) ||
	    !same_number(seq.elapsed_s, par.elapsed_s) ||
	    !same_number(seq.climb_m, par.climb_m) ||
	    !same_number(seq.descent_m, par.descent_m) ||
	    !same_number(seq.avg_hr, par.avg_hr) ||
	    !same_number(seq.avg_pace_s_per_km, par.avg_pace_s_per_km)) {
		snprintf(why, why_len,
			 "sequential %zu points %.3f m %.1f s, windowed %zu points %.3f m %.1f s",
			 seq.points, seq.distance_m, seq.moving_s, par.points,
			 par.distance_m, par.moving_s);
		return SPLIT_DIFFERS;
	}
	return SPLIT_AGREES;
}
