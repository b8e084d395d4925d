/*
 * import.c - from paths to activity summaries: the format table, the
 * layering of streams (hash, gzip, look-ahead), folders, zip archives and
 * Strava exports (see import.h).
 *
 * Formats are a {ext, sniff, parse} table: content is sniffed first (a FIT
 * header, an XML document element), the extension is the fallback. gzip is
 * recognised by its magic number whatever the name says.
 */
#include "import/import.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>


#include "core/date.h"
#include "core/name_table.h"
#include "core/sha256.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "engine/journal.h"
#include "import/fit.h"
#include "import/stream.h"
#include "import/xml_split.h"
#include "import/xml_track.h"

#define SNIFF_BYTES 4096
#define WALK_MAX_DEPTH 16

#define IMPORT_NAME_ITEM_(id, name) [id] = name,
static const char *const format_names[] = {
	IMPORT_FORMAT_LIST(IMPORT_NAME_ITEM_)
};

NAME_TABLE_NAME_FN(import_format_name, enum import_format, format_names)

static bool find_bytes(const unsigned char *p, size_t n, const char *needle)
{
	return memmem(p, n, needle, strlen(needle)) != NULL;
}

static bool gpx_sniff(const unsigned char *p, size_t n)
{
	return find_bytes(p, n, "<gpx") || find_bytes(p, n, ":gpx ");
}

/* The root element, bare or with a prefix; the namespace's address
 * (".../TrainingCenterDatabase/v2") alone does not make a TCX file, as
 * some GPX files declare it too. */
static bool tcx_sniff(const unsigned char *p, size_t n)
{
	return find_bytes(p, n, "<TrainingCenterDatabase") ||
	       find_bytes(p, n, ":TrainingCenterDatabase");
}

static int gpx_parse(struct ibuf *b, struct activity_sum *s, struct err *e)
{
	return xml_track_parse(&gpx_format, b, s, e);
}

static int tcx_parse(struct ibuf *b, struct activity_sum *s, struct err *e)
{
	return xml_track_parse(&tcx_format, b, s, e);
}

static int fit_parse_plain(struct ibuf *b, struct activity_sum *s,
			   struct err *e)
{
	return fit_parse(b, s, NULL, NULL, e);
}

static const struct import_fmt {
	enum import_format id;
	const char *ext;
	bool (*sniff)(const unsigned char *p, size_t n);
	int (*parse)(struct ibuf *b, struct activity_sum *s, struct err *e);
	const struct xml_format *xml;	/* XML formats: can be split */
} formats[] = {
	{ IMPORT_FIT, ".fit", fit_sniff, fit_parse_plain, NULL },
	{ IMPORT_TCX, ".tcx", tcx_sniff, tcx_parse, &tcx_format },
	{ IMPORT_GPX, ".gpx", gpx_sniff, gpx_parse, &gpx_format },
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* The format an extension names (".gpx", ".gpx.gz"...), or NULL. */
static const struct import_fmt *format_by_name(const char *name)
{
	char base[512];
	size_t n;

	if (name == NULL)
		return NULL;
	n = strlen(name);
	if (n >= sizeof(base))
		return NULL;
	memcpy(base, name, n + 1);
	if (ends_with(base, ".gz"))
		base[n - 3] = '\0';
	for (size_t i = 0; i < N_FORMATS; i++)
		if (ends_with(base, formats[i].ext))
			return &formats[i];
	return NULL;
}

/* The format whose sniffer recognises p[0..n), or NULL. */
static const struct import_fmt *format_sniffed(const unsigned char *p,
					       size_t n)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (formats[i].sniff(p, n))
			return &formats[i];
	return NULL;
}

static bool is_gzip(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

/* Turn s into *out, prefixing a refusal with the format's name. */
static int finish_activity(struct activity_sum *s,
			   const struct import_fmt *fmt,
			   struct activity_legs *out, struct err *e)
{
	if (activity_sum_finish_legs(s, out, e) < 0) {
		err_prefix(e, "%s: ", import_format_name(fmt->id));
		return -1;
	}
	return 0;
}

/*
 * Give each leg its digest: the first the file's own (so a file of one
 * activity keeps the digest it always had), leg k > 1 the SHA-256 of the
 * file's digest followed by "/k", so each leg is its own journal entry and
 * the same file imported again is a duplicate leg by leg.
 */
static void legs_set_sha(struct activity_legs *l, const char hex[65])
{
	for (size_t i = 0; i < l->n; i++) {
		if (i == 0) {
			memcpy(l->v[0].sha256, hex, 65);
			continue;
		}
		struct sha256 sha;
		char tail[24];
		int n = snprintf(tail, sizeof(tail), "/%zu", i + 1);
		sha256_init(&sha);
		sha256_update(&sha, hex, 64);
		sha256_update(&sha, tail, (size_t)n);
		sha256_final_hex(&sha, l->v[i].sha256);
	}
}

/* An istream view of an ibuf: its buffered bytes, then the rest. */
static ssize_t ibuf_stream_read(void *ctx, unsigned char *buf, size_t len,
				struct err *e)
{
	struct ibuf *b = ctx;
	size_t n;

	if (b->pos == b->len) {
		if (b->eof)
			return 0;
		return b->in.read(b->in.ctx, buf, len, e);
	}
	n = b->len - b->pos;
	if (n > len)
		n = len;
	memcpy(buf, b->buf + b->pos, n);
	b->pos += n;
	return (ssize_t)n;
}

/*
 * Refuses a source that yields more than cap bytes: a plain file over
 * IMPORT_MAX_BYTES, or a zip entry beyond the decompression cap (the
 * lesser of IMPORT_MAX_BYTES and IMPORT_MAX_RATIO times its compressed
 * size). what names the case in the message.
 */
struct size_cap {
	struct istream in;
	uint64_t seen, cap;
	const char *what;	/* "larger than", "zip entry expands beyond" */
	const char *why;	/* "refused", "a zip bomb?" */
};

static ssize_t cap_read(void *ctx, unsigned char *buf, size_t len,
			struct err *e)
{
	struct size_cap *c = ctx;
	ssize_t n = c->in.read(c->in.ctx, buf, len, e);

	if (n > 0) {
		c->seen += (uint64_t)n;
		if (c->seen > c->cap)
			return err_set(e, ERR_DATA, "%s %llu bytes (%s)",
				       c->what, (unsigned long long)c->cap,
				       c->why);
	}
	return n;
}

/*
 * Summarise the raw bytes of one file (raw_size: its size as stored, for
 * the decompression cap; name: extension hint). Fills out->sha256.
 */
static int summarise(const struct istream *raw, uint64_t raw_size,
		     const char *name, bool hash, struct activity_legs *out,
		     enum import_format *fmt_out, struct err *e)
{
	struct size_cap cap = { *raw, 0, IMPORT_MAX_BYTES, "larger than",
				 "refused" };
	struct istream capped = { cap_read, &cap }, hashed, gz_in, *src;
	struct hash_tap tap;
	struct ibuf outer, inner;
	struct gz_src *gz = NULL;
	struct activity_sum sum;
	const struct import_fmt *fmt = NULL;
	bool inner_open = false;
	ssize_t n;
	int rc = -1;

	if (hash)
		hash_tap_init(&tap, &hashed, &capped);
	else
		hashed = capped;
	ibuf_init(&outer, &hashed, FIT_BUF_BYTES);
	struct ibuf *b = &outer;
	if ((n = ibuf_fill(&outer, 2, e)) < 0)
		goto done;
	if (n == 0) {
		err_set(e, ERR_DATA, "the file is empty");
		goto done;
	}
	if (is_gzip(outer.buf, (size_t)n)) {
		struct istream view = { ibuf_stream_read, &outer };
		gz = xmalloc(sizeof(*gz));
		gz_src_init(gz, &gz_in, &view, stream_cap_for(raw_size));
		if (!gz->z_open) {
			err_set(e, ERR_SOFTWARE, "zlib could not start");
			goto done;
		}
		src = &gz_in;
		ibuf_init(&inner, src, FIT_BUF_BYTES);
		inner_open = true;
		b = &inner;
	}
	if ((n = ibuf_fill(b, SNIFF_BYTES, e)) < 0)
		goto done;
	fmt = format_sniffed(b->buf + b->pos, (size_t)n);
	if (fmt == NULL)
		fmt = format_by_name(name);
	if (fmt == NULL) {
		err_set(e, ERR_DATA, "not a GPX, TCX or FIT file");
		goto done;
	}
	activity_sum_init(&sum);
	if (fmt->parse(b, &sum, e) < 0) {
		err_prefix(e, "%s: ", import_format_name(fmt->id));
		goto done;
	}
	if (finish_activity(&sum, fmt, out, e) < 0)
		goto done;
	/* Hash whatever the parser left unread, so the digest covers the
	 * whole file. */
	if (hash) {
		char hex[65];
		outer.pos = outer.len;
		while (!outer.eof) {
			if ((n = ibuf_fill(&outer, outer.cap, e)) < 0) {
				activity_legs_release(out);
				goto done;
			}
			outer.pos = outer.len;
		}
		hash_tap_hex(&tap, hex);
		legs_set_sha(out, hex);
	}
	if (fmt_out != NULL)
		*fmt_out = fmt->id;
	rc = 0;
done:
	if (inner_open)
		ibuf_release(&inner);
	if (gz != NULL) {
		gz_src_release(gz);
		free(gz);
	}
	ibuf_release(&outer);
	return rc;
}

int import_mem_legs(const void *data, size_t len, const char *name,
		    struct activity_legs *out, enum import_format *fmt_out,
		    struct err *e)
{
	struct mem_src m;
	struct istream in;

	mem_src_init(&m, &in, data, len);
	return summarise(&in, len, name, true, out, fmt_out, e);
}

/* The main leg of legs into *out, releasing legs (rc: the legs call's). */
static int main_leg(int rc, struct activity_legs *legs, struct activity *out)
{
	if (rc == 0) {
		*out = *activity_legs_main(legs);
		activity_legs_release(legs);
	}
	return rc;
}

int import_mem(const void *data, size_t len, const char *name,
	       struct activity *out, enum import_format *fmt_out,
	       struct err *e)
{
	struct activity_legs legs;

	return main_leg(import_mem_legs(data, len, name, &legs, fmt_out, e),
			&legs, out);
}

/* ---- zip entries ---- */

struct zip_entry_src {
	zip_file_t *zf;
	const char *entry;
};

static ssize_t zip_entry_read(void *ctx, unsigned char *buf, size_t len,
			      struct err *e)
{
	struct zip_entry_src *z = ctx;
	zip_int64_t n = zip_fread(z->zf, buf, len);

	if (n < 0)
		return err_set(e, ERR_DATA, "zip entry %s is corrupt: %s",
			       z->entry, zip_file_strerror(z->zf));
	return (ssize_t)n;
}

void import_ctx_init(struct import_ctx *ctx)
{
	ctx->zip = NULL;
	ctx->zip_path = NULL;
}

void import_ctx_release(struct import_ctx *ctx)
{
	if (ctx->zip != NULL)
		zip_discard(ctx->zip);
	free(ctx->zip_path);
	import_ctx_init(ctx);
}

static zip_t *open_zip(const char *path, struct err *e)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);

	if (za == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		err_set(e, zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN ?
			ERR_NOINPUT : ERR_DATA, "not a readable zip archive: %s",
			zip_error_strerror(&ze));
		zip_error_fini(&ze);
	}
	return za;
}

static zip_t *ctx_zip(struct import_ctx *ctx, const char *path, struct err *e)
{
	if (ctx->zip != NULL && strcmp(ctx->zip_path, path) == 0)
		return ctx->zip;
	import_ctx_release(ctx);
	ctx->zip = open_zip(path, e);
	if (ctx->zip != NULL)
		ctx->zip_path = xstrdup(path);
	return ctx->zip;
}

static int run_zip_entry(struct import_ctx *ctx, const struct import_job *job,
			 struct activity_legs *out, enum import_format *fmt_out,
			 struct err *e)
{
	zip_t *za = ctx_zip(ctx, job->path, e);
	zip_stat_t st;
	struct zip_entry_src zs;
	struct size_cap rc_cap;
	struct istream in, capped;
	int rc;

	if (za == NULL)
		return -1;
	zip_stat_init(&st);
	if (zip_stat(za, job->entry, 0, &st) < 0)
		return err_set(e, ERR_NOINPUT, "no entry %s in the archive",
			       job->entry);
	zs.zf = zip_fopen(za, job->entry, 0);
	zs.entry = job->entry;
	if (zs.zf == NULL)
		return err_set(e, ERR_DATA, "zip entry cannot be read: %s",
			       zip_strerror(za));
	in.read = zip_entry_read;
	in.ctx = &zs;
	rc_cap.in = in;
	rc_cap.seen = 0;
	rc_cap.cap = stream_cap_for((st.valid & ZIP_STAT_COMP_SIZE) ?
				    st.comp_size : 0);
	rc_cap.what = "zip entry expands beyond";
	rc_cap.why = "a zip bomb?";
	capped.read = cap_read;
	capped.ctx = &rc_cap;
	/* A .gz inside the archive is capped against its own stored size. */
	uint64_t raw_size = (st.valid & ZIP_STAT_SIZE) && st.size < rc_cap.cap ?
		st.size : rc_cap.cap;
	rc = summarise(&capped, raw_size, job->entry, true, out, fmt_out, e);
	zip_fclose(zs.zf);
	return rc;
}

/*
 * SHA-256 of a whole file on its own thread, reading with pread so the
 * parser's offset is untouched, so on a large file hashing and parsing run
 * side by side.
 */
#define HASH_THREAD_MIN_BYTES (1u << 20)

struct file_hasher {
	int fd;
	uint64_t size;
	atomic_bool stop;	/* set by the parser when it gives up */
	bool ok;
	char hex[65];
};

static void *hash_file(void *arg)
{
	struct file_hasher *h = arg;
	struct sha256 sha;
	unsigned char *buf = xmalloc(1u << 17);
	off_t off = 0;
	ssize_t n;

	sha256_init(&sha);
	while (!atomic_load(&h->stop) && (n = pread(h->fd, buf, 1u << 17, off)) > 0) {
		sha256_update(&sha, buf, (size_t)n);
		off += n;
	}
	free(buf);
	sha256_final_hex(&sha, h->hex);
	h->ok = !atomic_load(&h->stop) && (uint64_t)off == h->size;
	return NULL;
}

/*
 * A large plain GPX or TCX file, read in windows on every core
 * (xml_split.h). Returns 0 with out filled (all but sha256); 1 when this
 * does not apply or gave up, and the caller reads the file sequentially;
 * -1 with e set when the activity is refused (as a sequential read would
 * refuse it).
 */
static int summarise_split(int fd, uint64_t size, struct activity_legs *out,
			   enum import_format *fmt_out, struct err *e)
{
	unsigned char head[SNIFF_BYTES];
	size_t n = size < SNIFF_BYTES ? (size_t)size : SNIFF_BYTES;
	const struct import_fmt *fmt;
	struct activity_sum sum;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (cpus < 2 || size < XML_SPLIT_MIN_BYTES ||
	    pread(fd, head, n, 0) != (ssize_t)n || is_gzip(head, n))
		return 1;
	fmt = format_sniffed(head, n);
	if (fmt == NULL || fmt->xml == NULL)
		return 1;
	activity_sum_init(&sum);
	if (xml_split_parse(fmt->xml, fd, size, XML_SPLIT_WINDOW,
			    cpus > 4 ? 4 : (int)cpus, &sum) < 0)
		return 1;
	if (finish_activity(&sum, fmt, out, e) < 0)
		return -1;
	if (fmt_out != NULL)
		*fmt_out = fmt->id;
	return 0;
}

int import_job_legs(struct import_ctx *ctx, const struct import_job *job,
		    struct activity_legs *out, enum import_format *fmt_out,
		    struct err *e)
{
	struct stat st;
	struct fd_src fs;
	struct istream in;
	int fd, rc;

	if (job->entry != NULL)
		rc = run_zip_entry(ctx, job, out, fmt_out, e);
	else {
		fd = open(job->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return err_set(e, ERR_NOINPUT, "cannot open: %s",
				       strerror(errno));
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			return err_set(e, ERR_NOINPUT, "not a regular file");
		}
		fd_src_init(&fs, &in, fd);
		struct file_hasher fh = { .fd = fd, .size = (uint64_t)st.st_size };
		atomic_init(&fh.stop, false);
		pthread_t th;
		bool threaded = st.st_size >= HASH_THREAD_MIN_BYTES &&
			(uint64_t)st.st_size <= IMPORT_MAX_BYTES &&
			pthread_create(&th, NULL, hash_file, &fh) == 0;
		rc = threaded ? summarise_split(fd, (uint64_t)st.st_size, out,
						fmt_out, e) : 1;
		if (rc > 0)
			rc = summarise(&in, (uint64_t)st.st_size, job->path,
				       !threaded, out, fmt_out, e);
		if (threaded) {
			atomic_store(&fh.stop, rc != 0);
			pthread_join(th, NULL);
			if (rc == 0 && !fh.ok) {
				activity_legs_release(out);
				rc = err_set(e, ERR_IO,
					     "the file changed while it was read");
			}
			if (rc == 0)
				legs_set_sha(out, fh.hex);
		}
		close(fd);
	}
	/* The CSV's type is the activity's; a file of several legs keeps
	 * each leg's own. */
	if (rc == 0 && out->n == 1 && job->csv_sport != ACTIVITY_SPORT_UNKNOWN)
		out->v[0].sport = job->csv_sport;
	return rc;
}

int import_job_run(struct import_ctx *ctx, const struct import_job *job,
		   struct activity *out, enum import_format *fmt_out,
		   struct err *e)
{
	struct activity_legs legs;

	return main_leg(import_job_legs(ctx, job, &legs, fmt_out, e), &legs,
			out);
}

/* ---- collecting jobs ---- */

void import_jobs_init(struct import_jobs *jobs)
{
	memset(jobs, 0, sizeof(*jobs));
}

void import_jobs_release(struct import_jobs *jobs)
{
	for (size_t i = 0; i < jobs->n; i++) {
		free(jobs->v[i].path);
		free(jobs->v[i].entry);
		free(jobs->v[i].name);
		free(jobs->v[i].title);
	}
	free(jobs->v);
	for (size_t i = 0; i < jobs->skipped; i++) {
		free(jobs->skips[i].name);
		free(jobs->skips[i].type);
	}
	free(jobs->skips);
	import_jobs_init(jobs);
}

static void add_job(struct import_jobs *jobs, const char *path,
		    const char *entry, const char *title,
		    enum activity_sport sport)
{
	struct import_job *j;
	struct strbuf name = STRBUF_INIT;

	if (jobs->n == jobs->alloc) {
		jobs->alloc = jobs->alloc ? 2 * jobs->alloc : 64;
		jobs->v = xrealloc(jobs->v, jobs->alloc * sizeof(*jobs->v));
	}
	j = &jobs->v[jobs->n++];
	j->path = xstrdup(path);
	j->entry = entry ? xstrdup(entry) : NULL;
	strbuf_addstr(&name, path);
	if (entry) {
		strbuf_addch(&name, ':');
		strbuf_addstr(&name, entry);
	}
	j->name = strbuf_detach(&name, NULL);
	j->title = title ? xstrdup(title) : NULL;
	j->csv_sport = sport;
}

/* A Strava export: rows of activities.csv become jobs. */
struct strava_ctx {
	struct import_jobs *jobs;
	const char *base;	/* folder path, or zip path */
	zip_t *za;		/* set for a zip export */
	const char *prefix;	/* folder of activities.csv inside the zip */
	size_t missing;
};

/* Name a row of another sport in jobs->skips, as its job would be; the
 * name and type are copies owned by the job list, r is borrowed. */
static void skip_row(struct strava_ctx *sc, const struct strava_row *r)
{
	struct import_jobs *jobs = sc->jobs;
	struct strbuf name = STRBUF_INIT;

	if (jobs->skipped == jobs->skips_alloc) {
		jobs->skips_alloc = jobs->skips_alloc ? 2 * jobs->skips_alloc : 16;
		jobs->skips = xrealloc(jobs->skips, jobs->skips_alloc *
						    sizeof(*jobs->skips));
	}
	if (sc->za != NULL)
		strbuf_addf(&name, "%s:%s%s", sc->base, sc->prefix, r->filename);
	else
		strbuf_addf(&name, "%s/%s", sc->base, r->filename);
	jobs->skips[jobs->skipped].name = strbuf_detach(&name, NULL);
	jobs->skips[jobs->skipped].type = xstrdup(r->type);
	jobs->skipped++;
}

static int strava_row(void *ud, const struct strava_row *r)
{
	struct strava_ctx *sc = ud;
	struct strbuf p = STRBUF_INIT;
	enum activity_sport sport;

	if (r->filename == NULL)
		return 0;	/* an activity typed in by hand: no file */
	sport = r->type ? activity_sport_parse(r->type, strlen(r->type))
			: ACTIVITY_SPORT_UNKNOWN;
	if (sport == ACTIVITY_SPORT_OTHER) {
		skip_row(sc, r);
		return 0;
	}
	if (strstr(r->filename, "..") != NULL || r->filename[0] == '/') {
		sc->missing++;
		return 0;
	}
	if (sc->za != NULL) {
		strbuf_addstr(&p, sc->prefix);
		strbuf_addstr(&p, r->filename);
		if (zip_name_locate(sc->za, p.buf, 0) < 0)
			sc->missing++;
		else
			add_job(sc->jobs, sc->base, p.buf, r->name, sport);
	} else {
		struct stat st;
		strbuf_addf(&p, "%s/%s", sc->base, r->filename);
		if (stat(p.buf, &st) < 0 || !S_ISREG(st.st_mode))
			sc->missing++;
		else
			add_job(sc->jobs, p.buf, NULL, r->name, sport);
	}
	strbuf_release(&p);
	return 0;
}

static int read_small_file(const char *path, struct strbuf *out,
			   struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char buf[65536];
	ssize_t n;

	if (fd < 0)
		return err_set(e, ERR_NOINPUT, "%s: cannot open: %s", path,
			       strerror(errno));
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (out->len + (size_t)n > IMPORT_MAX_CSV_BYTES) {
			close(fd);
			return err_set(e, ERR_DATA, "%s: larger than %llu bytes",
				       path, IMPORT_MAX_CSV_BYTES);
		}
		strbuf_add(out, buf, (size_t)n);
	}
	close(fd);
	if (n < 0)
		return err_set(e, ERR_IO, "%s: read failed", path);
	return 0;
}

static int collect_strava_dir(const char *dir, struct import_jobs *jobs,
			      struct err *e)
{
	struct strbuf csv = STRBUF_INIT, path = STRBUF_INIT;
	struct strava_ctx sc = { jobs, dir, NULL, "", 0 };
	int rc;

	strbuf_addf(&path, "%s/activities.csv", dir);
	rc = read_small_file(path.buf, &csv, e);
	if (rc == 0 && (rc = strava_csv_read(csv.buf, csv.len, strava_row,
					     &sc, e)) < 0)
		err_prefix(e, "%s: ", path.buf);
	strbuf_release(&csv);
	strbuf_release(&path);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int collect_zip(const char *path, struct import_jobs *jobs,
		       struct err *e);

static int walk(const char *dir, int depth, struct import_jobs *jobs,
		struct err *e)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0;
	int rc = 0;

	if (depth > WALK_MAX_DEPTH)
		return 0;
	d = opendir(dir);
	if (d == NULL)
		return err_set(e, ERR_NOINPUT, "%s: cannot read folder: %s",
			       dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct strbuf p = STRBUF_INIT;
		struct stat st;
		strbuf_addf(&p, "%s/%s", dir, names[i]);
		if (rc == 0 && stat(p.buf, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				rc = walk(p.buf, depth + 1, jobs, e);
			else if (!S_ISREG(st.st_mode))
				;
			else if (format_by_name(names[i]) != NULL)
				add_job(jobs, p.buf, NULL, NULL,
					ACTIVITY_SPORT_UNKNOWN);
			else if (ends_with(names[i], ".zip"))
				rc = collect_zip(p.buf, jobs, e);
			else
				jobs->ignored++;
		}
		strbuf_release(&p);
		free(names[i]);
	}
	free(names);
	return rc;
}

static int collect_zip(const char *path, struct import_jobs *jobs,
		       struct err *e)
{
	zip_t *za = open_zip(path, e);
	zip_int64_t n;
	int rc = 0;
	const char *csv_name = NULL;

	if (za == NULL)
		return err_prefix(e, "%s: ", path);
	n = zip_get_num_entries(za, 0);
	if (n < 0 || n > IMPORT_MAX_ENTRIES) {
		zip_discard(za);
		return err_set(e, ERR_DATA,
			       "%s: more than %d entries in the archive (refused)",
			       path, IMPORT_MAX_ENTRIES);
	}
	for (zip_int64_t i = 0; i < n && csv_name == NULL; i++) {
		const char *nm = zip_get_name(za, (zip_uint64_t)i, 0);
		if (nm != NULL && (strcmp(nm, "activities.csv") == 0 ||
				   ends_with(nm, "/activities.csv")))
			csv_name = nm;
	}
	if (csv_name != NULL) {
		zip_stat_t st;
		struct strbuf csv = STRBUF_INIT, prefix = STRBUF_INIT;
		struct size_cap cap;
		struct zip_entry_src zs = { NULL, csv_name };
		unsigned char buf[65536];
		ssize_t r;
		zip_stat_init(&st);
		strbuf_add(&prefix, csv_name, strlen(csv_name) -
			   strlen("activities.csv"));
		if (zip_stat(za, csv_name, 0, &st) < 0 ||
		    (zs.zf = zip_fopen(za, csv_name, 0)) == NULL) {
			rc = err_set(e, ERR_DATA, "%s: activities.csv cannot be read",
				     path);
		} else {
			cap.in.read = zip_entry_read;
			cap.in.ctx = &zs;
			cap.seen = 0;
			cap.cap = stream_cap_for(st.comp_size);
			cap.what = "activities.csv expands beyond";
			cap.why = "a zip bomb?";
			while ((r = cap_read(&cap, buf, sizeof(buf), e)) > 0)
				strbuf_add(&csv, buf, (size_t)r);
			zip_fclose(zs.zf);
			if (r < 0)
				rc = err_prefix(e, "%s: ", path);
		}
		if (rc == 0) {
			struct strava_ctx sc = { jobs, path, za, prefix.buf, 0 };
			rc = strava_csv_read(csv.buf, csv.len, strava_row, &sc, e);
			if (rc < 0)
				err_prefix(e, "%s:%s: ", path, csv_name);
		}
		strbuf_release(&csv);
		strbuf_release(&prefix);
	} else {
		for (zip_int64_t i = 0; i < n; i++) {
			const char *nm = zip_get_name(za, (zip_uint64_t)i, 0);
			if (nm == NULL || ends_with(nm, "/"))
				continue;
			if (format_by_name(nm) != NULL)
				add_job(jobs, path, nm, NULL,
					ACTIVITY_SPORT_UNKNOWN);
			else
				jobs->ignored++;
		}
	}
	zip_discard(za);
	return rc;
}

int import_collect(const char *path, struct import_jobs *jobs, struct err *e)
{
	struct stat st;
	unsigned char magic[4] = { 0 };
	int fd;

	if (stat(path, &st) < 0)
		return err_set(e, ERR_NOINPUT, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		struct strbuf csv = STRBUF_INIT;
		struct stat cs;
		bool strava;
		strbuf_addf(&csv, "%s/activities.csv", path);
		strava = stat(csv.buf, &cs) == 0 && S_ISREG(cs.st_mode);
		strbuf_release(&csv);
		return strava ? collect_strava_dir(path, jobs, e)
			      : walk(path, 0, jobs, e);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_NOINPUT, "%s: cannot open: %s", path,
			       strerror(errno));
	ssize_t got = read(fd, magic, sizeof(magic));
	close(fd);
	if (got == 4 && memcmp(magic, "PK\x03\x04", 4) == 0)
		return collect_zip(path, jobs, e);
	add_job(jobs, path, NULL, NULL, ACTIVITY_SPORT_UNKNOWN);
	return 0;
}

const char *import_skip_reason(const struct activity *a, char *buf, size_t n)
{
	if (a->sport == ACTIVITY_SPORT_OTHER)
		snprintf(buf, n, "not a run or walk (%s)",
			 a->sport_word[0] ? a->sport_word : "another sport");
	else if (a->no_distance)
		snprintf(buf, n, "no distance (0 m)");
	else
		return NULL;
	return buf;
}

/* The local calendar day of a UTC time: runs are shown in local days. */
static int32_t local_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL)
		return date_from_unix(t);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void import_run_entry(const struct activity *a, enum import_format fmt,
		      const char *name, const char *note, int64_t person_id,
		      struct journal_entry *en)
{
	const char *slash = strrchr(name, '/');
	struct strbuf src = STRBUF_INIT;

	journal_entry_init(en, JOURNAL_RUN, local_day(a->start_utc));
	en->person_id = person_id;
	en->run.start_utc = a->start_utc;
	en->run.distance_m = a->distance_m;
	en->run.moving_s = a->moving_s;
	en->run.elapsed_s = a->elapsed_s;
	en->run.climb_m = a->climb_m;
	en->run.descent_m = a->descent_m;
	en->run.avg_hr = a->avg_hr > 0 ? (int)lround(a->avg_hr)
				       : JOURNAL_UNSET;
	strbuf_addf(&src, "%s:%s", import_format_name(fmt),
		    slash ? slash + 1 : name);
	journal_set_str(&en->run.source, src.buf);
	journal_set_str(&en->run.sport,
			activity_sport_name(a->sport == ACTIVITY_SPORT_WALK
						    ? ACTIVITY_SPORT_WALK
						    : ACTIVITY_SPORT_RUN));
	if (note != NULL)
		journal_set_str(&en->run.note, note);
	memcpy(en->run.sha256, a->sha256, sizeof en->run.sha256);
	strbuf_release(&src);
}
