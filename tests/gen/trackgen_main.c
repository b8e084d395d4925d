/*
 * trackgen_main.c - write generated activity files to a folder, for the
 * FIT SDK comparison (tests/fitsdk), the fuzz seeds and the benchmark.
 *
 *   trackgen DIR                 the SDK comparison set (small files; each
 *                                X_cts.fit has a twin X.fit with the same
 *                                records and full timestamps)
 *   trackgen --gpx SECONDS FILE  one long GPX at 1 Hz (benchmark)
 *   trackgen --fit SECONDS FILE  the same as FIT
 *   trackgen --tcx SECONDS FILE  the same as TCX
 *   trackgen --folder N SECONDS DIR   N .gpx.gz runs (benchmark)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trackgen.h"

static int save(const char *path, const struct strbuf *sb)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(sb->buf, 1, sb->len, f) != sb->len) {
		perror(path);
		return -1;
	}
	return fclose(f);
}

static const struct {
	const char *name;
	unsigned be, cts, dev, ealt, nogps, chain;
} sdk_set[] = {
	{ "le", 0, 0, 0, 0, 0, 0 },
	{ "be", 1, 0, 0, 0, 0, 0 },
	{ "le_cts", 0, 1, 0, 0, 0, 0 },
	{ "be_cts", 1, 1, 0, 0, 0, 0 },
	{ "dev", 0, 0, 1, 0, 0, 0 },
	{ "be_dev", 1, 0, 1, 0, 0, 0 },
	{ "be_dev_cts", 1, 1, 1, 0, 0, 0 },
	{ "ealt_nogps", 0, 0, 0, 1, 1, 0 },
	{ "chained", 0, 0, 0, 0, 0, 1 },
	{ "chained_cts", 0, 1, 0, 0, 0, 1 },
};

int main(int argc, char **argv)
{
	struct gen_opts o;
	struct strbuf sb = STRBUF_INIT;
	char path[4096];

	gen_opts_default(&o);
	if (argc == 4 && (strcmp(argv[1], "--gpx") == 0 ||
			  strcmp(argv[1], "--fit") == 0 ||
			  strcmp(argv[1], "--tcx") == 0)) {
		int secs = atoi(argv[2]);
		if (secs < 600)
			o.still_s = secs / 10;
		o.run1_s = secs / 2;
		o.run2_s = secs - secs / 2 - o.still_s;
		gen_write(&o, argv[1][2] == 'g' ? GEN_GPX11 :
			  argv[1][2] == 'f' ? GEN_FIT : GEN_TCX, &sb, NULL);
		int rc = save(argv[3], &sb) < 0;
		strbuf_release(&sb);
		return rc;
	}
	if (argc == 5 && strcmp(argv[1], "--folder") == 0) {
		int n = atoi(argv[2]), secs = atoi(argv[3]);
		for (int i = 0; i < n; i++) {
			struct strbuf gz = STRBUF_INIT;
			gen_opts_default(&o);
			if (secs < 600)
				o.still_s = secs / 10;
			o.run1_s = secs / 2;
			o.run2_s = secs - secs / 2 - o.still_s;
			o.start += 86400 * i;
			strbuf_reset(&sb);
			gen_write(&o, GEN_GPX11, &sb, NULL);
			gen_gzip(sb.buf, sb.len, &gz);
			snprintf(path, sizeof(path), "%s/run%04d.gpx.gz", argv[4], i);
			int rc = save(path, &gz);
			strbuf_release(&gz);
			if (rc < 0)
				return 1;
		}
		strbuf_release(&sb);
		return 0;
	}
	if (argc != 2) {
		fputs("usage: trackgen DIR | --gpx|--fit|--tcx SECONDS FILE | "
		      "--folder N SECONDS DIR\n", stderr);
		return 64;
	}
	for (size_t i = 0; i < sizeof(sdk_set) / sizeof(sdk_set[0]); i++) {
		gen_opts_default(&o);
		o.big_endian = sdk_set[i].be;
		o.compressed_ts = sdk_set[i].cts;
		o.dev_fields = sdk_set[i].dev;
		o.enhanced_alt = sdk_set[i].ealt;
		o.no_gps = sdk_set[i].nogps;
		o.chained = sdk_set[i].chain;
		strbuf_reset(&sb);
		gen_write(&o, GEN_FIT, &sb, NULL);
		snprintf(path, sizeof(path), "%s/%s.fit", argv[1], sdk_set[i].name);
		if (save(path, &sb) < 0)
			return 1;
	}
	strbuf_release(&sb);
	return 0;
}
