/*
 * bench_import.c - time runcare's importer on one file without the
 * journal: parse and summarise (and hash), best of REPEAT runs.
 *
 *   bench_import FILE [REPEAT]
 * prints: seconds MB/s points points/s  (one line, for bench/import/run.sh)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "import/import.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct import_job job = { NULL, NULL, NULL, NULL, ACTIVITY_SPORT_UNKNOWN };
	struct import_ctx ctx;
	struct activity a;
	struct err e;
	struct stat st;
	double best = 1e30;
	int repeat = argc > 2 ? atoi(argv[2]) : 5;

	if (argc < 2 || stat(argv[1], &st) < 0) {
		fputs("usage: bench_import FILE [REPEAT]\n", stderr);
		return 64;
	}
	job.path = argv[1];
	job.name = argv[1];
	import_ctx_init(&ctx);
	for (int i = 0; i < repeat; i++) {
		double t0 = now();
		if (import_job_run(&ctx, &job, &a, NULL, &e) < 0) {
			fprintf(stderr, "bench_import: %s: %s\n", argv[1], e.msg);
			return 65;
		}
		double t = now() - t0;
		if (t < best)
			best = t;
	}
	import_ctx_release(&ctx);
	printf("%.6f %.1f %zu %.0f\n", best, (double)st.st_size / 1e6 / best,
	       a.points, (double)a.points / best);
	return 0;
}
