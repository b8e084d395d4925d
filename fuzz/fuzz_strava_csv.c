/* fuzz_strava_csv.c - libFuzzer harness for the RFC 4180 reader and the
 * Strava activities.csv rows. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int row(void *ud, const struct strava_row *r)
{
	size_t *n = ud;
	/* Touch every field so the sanitizers see each string. */
	*n += (r->id ? strlen(r->id) : 0) + (r->name ? strlen(r->name) : 0) +
	      (r->type ? strlen(r->type) : 0) +
	      (r->filename ? strlen(r->filename) : 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	struct err e;

	strava_csv_read((const char *)data, size, row, &n, &e);
	return 0;
}
