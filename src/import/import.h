/*
 * import.h - reading activity files into struct activity summaries.
 *
 * The importer knows GPX 1.0/1.1, TCX and FIT files, each plain or gzip
 * compressed, zip archives, a Strava bulk export (a folder or its .zip:
 * activities.csv plus activities/...) and a folder of files such as a
 * Garmin export. Formats are found by content first (gzip, zip and FIT
 * magic numbers, the XML document element) and by extension second,
 * through one {ext, sniff, parse} table in import.c.
 *
 * Work is split in two steps so that a front end can parse in several
 * threads and store in one: import_collect turns paths into a list of jobs
 * (one per activity file, cheap), import_job_run summarises one job
 * (thread-safe: jobs share nothing but read-only tables; each thread uses
 * its own struct import_ctx). Nothing here touches the journal.
 *
 * Caps against hostile files (each documented in docs/load.md, "Import"):
 * the decompressed size of a gzip file or zip entry is at most the lesser
 * of IMPORT_MAX_BYTES and IMPORT_MAX_RATIO times its compressed size; a
 * plain file larger than IMPORT_MAX_BYTES is refused; a zip with more than
 * IMPORT_MAX_ENTRIES entries is refused.
 */
#ifndef RUNCARE_IMPORT_IMPORT_H
#define RUNCARE_IMPORT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "import/activity.h"

#define IMPORT_MAX_BYTES (64ull * 1024 * 1024)
#define IMPORT_MAX_RATIO 100ull
#define IMPORT_MAX_ENTRIES 100000
#define IMPORT_MAX_CSV_BYTES (64ull * 1024 * 1024)

#define IMPORT_FORMAT_LIST(X)                                                 \
	X(IMPORT_GPX, "gpx")                                                  \
	X(IMPORT_TCX, "tcx")                                                  \
	X(IMPORT_FIT, "fit")
#define IMPORT_ENUM_ITEM_(id, ...) id,
enum import_format { IMPORT_FORMAT_LIST(IMPORT_ENUM_ITEM_) IMPORT_FORMAT__COUNT };
const char *import_format_name(enum import_format f);

/*
 * One file to import. path is the file on disk, or the zip archive when
 * entry is set. name is what messages and the journal's source show
 * ("export.zip:activities/1.gpx.gz"). title and csv_sport come from a
 * Strava activities.csv (NULL / ACTIVITY_SPORT_UNKNOWN otherwise). All
 * strings are owned by the job list.
 */
struct import_job {
	char *path;
	char *entry;
	char *name;
	char *title;
	enum activity_sport csv_sport;
};

/* A row a Strava CSV marks as another sport: no job, but named, so a
 * front end can say which files it left out. Strings owned. */
struct import_skip {
	char *name;		/* as the job's name would be */
	char *type;		/* the CSV's Activity Type */
};

struct import_jobs {
	struct import_job *v;
	size_t n, alloc;
	size_t skipped;		/* rows a Strava CSV marks as another sport */
	struct import_skip *skips;	/* those rows, skipped of them */
	size_t skips_alloc;
	size_t ignored;		/* files in folders that are not activities */
};
void import_jobs_init(struct import_jobs *jobs);
void import_jobs_release(struct import_jobs *jobs);

/*
 * Add the jobs for path: a file (any name; its format is sniffed when the
 * job runs), a zip archive, a Strava export folder (activities.csv read
 * for names and types; only rows whose files exist in the export become
 * jobs, other sports are counted in jobs->skipped) or any folder (walked
 * recursively, files with a known extension become jobs). Returns 0, or
 * -1 with e set for a path that cannot be read (ERR_NOINPUT), a bad zip
 * or a bad activities.csv (ERR_DATA).
 */
int import_collect(const char *path, struct import_jobs *jobs, struct err *e);

/* Per-thread state: keeps the last zip archive open between jobs. */
struct import_ctx {
	void *zip;		/* zip_t *, private */
	char *zip_path;
};
void import_ctx_init(struct import_ctx *ctx);
void import_ctx_release(struct import_ctx *ctx);

/*
 * Summarise one job into *out, one struct activity per activity of the
 * file in file order (a multisport FIT file, a TCX file of several
 * Activities, a GPX file of separate tracks), each with its sha256: the
 * file's for the first, one derived from it for the others. Legs of
 * another sport are there too (sport ACTIVITY_SPORT_OTHER) so a front end
 * can name them. The caller releases *out (activity_legs_release) after
 * a return of 0. Returns 0; -1 with e set (ERR_DATA with the reason for a
 * corrupt, truncated or hostile file; ERR_NOINPUT or ERR_IO when it cannot
 * be read). *fmt_out, when not NULL, receives the format found.
 */
int import_job_legs(struct import_ctx *ctx, const struct import_job *job,
		    struct activity_legs *out, enum import_format *fmt_out,
		    struct err *e);
/* import_job_legs for one activity per file: the file's first run or walk
 * (else its first leg) into *out. */
int import_job_run(struct import_ctx *ctx, const struct import_job *job,
		   struct activity *out, enum import_format *fmt_out,
		   struct err *e);

/*
 * Summarise the bytes data[0..len), plain or gzip-compressed, found by
 * sniffing (name, which may be NULL, is only a hint from its extension).
 * Used by the web front end, the fuzzers and tests. Same returns as
 * import_job_legs.
 */
int import_mem_legs(const void *data, size_t len, const char *name,
		    struct activity_legs *out, enum import_format *fmt_out,
		    struct err *e);
/* import_mem_legs for one activity: as import_job_run. */
int import_mem(const void *data, size_t len, const char *name,
	       struct activity *out, enum import_format *fmt_out,
	       struct err *e);

/*
 * Why activity a is not stored as a run, written to buf (n bytes): "not a
 * run or walk (cycling)" for another sport, named by the file's own word
 * when it has one, "no distance (0 m)" for a run of no length. NULL when a
 * is a run or walk to store. Both front ends decide through this.
 */
const char *import_skip_reason(const struct activity *a, char *buf, size_t n);

/*
 * The journal entry for a summarised run a of person person_id, written to
 * en (initialised here; the caller releases it with
 * journal_entry_release): the local calendar day of its start, its
 * figures, sport "walk" or "run", source "FORMAT:FILE" from the base name
 * of name, note (may be NULL: the Strava title) and the file's SHA-256.
 * Both front ends store imported runs through this.
 */
struct journal_entry;
void import_run_entry(const struct activity *a, enum import_format fmt,
		      const char *name, const char *note, int64_t person_id,
		      struct journal_entry *en);

/* A Strava activities.csv row: the columns the importer uses. */
struct strava_row {
	char *id, *name, *type, *filename;	/* owned; NULL when empty */
};
/*
 * Read a Strava activities.csv (RFC 4180: quoted fields, doubled quotes,
 * line breaks inside quotes, CRLF or LF) from data[0..len). Calls row for
 * each data row (the row is borrowed for the call); a non-zero return
 * stops the read and is returned. Returns 0, or -1 with e set (ERR_DATA,
 * "line N: ...") for a missing column or a malformed line.
 */
int strava_csv_read(const char *data, size_t len,
		    int (*row)(void *ud, const struct strava_row *r),
		    void *ud, struct err *e);

/* The RFC 4180 reader under strava_csv_read: calls field for each field
 * (text borrowed, unquoted) with its column and a flag for the row's last
 * field. Returns 0, or -1 with e set for an unterminated quote or a quote
 * in the middle of an unquoted field. */
int csv_read(const char *data, size_t len,
	     int (*field)(void *ud, size_t col, const char *s, size_t n,
			  bool end_of_row),
	     void *ud, struct err *e);

#endif
