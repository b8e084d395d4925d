/* fuzz_zip.c - libFuzzer harness for zip archives: the input is written
 * to an anonymous memory file, collected as an archive (entry count cap,
 * Strava detection) and every job is run (per-entry caps). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_jobs jobs;
	struct import_ctx ctx;
	struct err e;
	char path[64];
	int fd = memfd_create("fuzz.zip", 0);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	import_jobs_init(&jobs);
	import_ctx_init(&ctx);
	if (import_collect(path, &jobs, &e) == 0)
		for (size_t i = 0; i < jobs.n && i < 16; i++) {
			struct activity a;
			import_job_run(&ctx, &jobs.v[i], &a, NULL, &e);
		}
	import_ctx_release(&ctx);
	import_jobs_release(&jobs);
	close(fd);
	return 0;
}
