/*
 * fitdump.c - print every record runcare's FIT decoder sees, one per line
 * as JSON (t, lat, lon, alt, dist, speed, hr; null when missing), for the
 * comparison with Garmin's SDK (tests/fitsdk/compare.mjs).
 *
 *   fitdump FILE.fit
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "import/fit.h"
#include "import/stream.h"

static void num(const char *key, double v, const char *sep)
{
	if (isnan(v))
		printf("\"%s\":null%s", key, sep);
	else
		printf("\"%s\":%.17g%s", key, v, sep);
}

static void on_record(void *ud, const struct fit_record *r)
{
	(void)ud;
	putchar('{');
	num("t", r->t, ",");
	num("lat", r->lat, ",");
	num("lon", r->lon, ",");
	num("alt", r->alt, ",");
	num("dist", r->dist, ",");
	num("speed", r->speed, ",");
	num("hr", r->hr, "");
	puts("}");
}

int main(int argc, char **argv)
{
	FILE *f;
	struct fd_src fs;
	struct istream in;
	struct ibuf b;
	struct activity_sum s;
	struct err e;
	int rc;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fputs("usage: fitdump FILE.fit\n", stderr);
		return 64;
	}
	fd_src_init(&fs, &in, fileno(f));
	ibuf_init(&b, &in, FIT_BUF_BYTES);
	activity_sum_init(&s);
	rc = fit_parse(&b, &s, on_record, NULL, &e);
	ibuf_release(&b);
	fclose(f);
	if (rc < 0) {
		fprintf(stderr, "fitdump: %s: %s\n", argv[1], e.msg);
		return 65;
	}
	return 0;
}
