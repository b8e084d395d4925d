/*
 * cmd_import.c - `runcare import PATH...`: read activity files, folders,
 * zip archives and Strava exports into the journal.
 *
 * Paths become a list of jobs (import_collect). Two worker threads
 * summarise jobs (import_job_run: parsing, gzip, hashing) while the main
 * thread stores each finished one in job order, every file in its own
 * transaction, so a refused file leaves nothing behind and the import goes
 * on. The journal keeps a run's SHA-256 unique per person, so the same file
 * twice adds nothing. stdout gets the summary line (or one JSON object per
 * file with --format json, skipped ones included, the summary line then
 * going to stderr) and, on a terminal, one line per imported run; stderr
 * gets each refused file's name and reason (always, --quiet or not) and,
 * on a terminal, a progress bar. --quiet hides the progress bar and the
 * lines per run. A path that cannot be read makes the exit code 66, else
 * a refused file makes it 1.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "core/date.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "engine/journal.h"
#include "import/import.h"
#include "store/store.h"

#define IMPORT_THREADS 2

extern const struct cmd_entry cmd_import_entry;

enum import_opt { OPT_QUIET = 256, OPT_FORMAT, OPT_HELP };

static const struct cmd_option import_options[] = {
	{ "quiet", 'q', false, OPT_QUIET, NULL,
	  "no progress bar and no line per run (refused files are still "
	  "named)" },
	{ "format", 'f', true, OPT_FORMAT, "FMT",
	  "text (default) or json: one object per file" },
	{ "help", 'h', false, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

#define IMPORT_STATUS_LIST(X)                                                 \
	X(ST_IMPORTED, "imported")                                            \
	X(ST_MERGED, "merged")                                                \
	X(ST_DUPLICATE, "duplicate")                                          \
	X(ST_SKIPPED, "skipped")                                              \
	X(ST_REFUSED, "refused")
#define ST_ITEM_(id, ...) id,
#define ST_NAME_(id, name) [id] = name,
enum import_status { IMPORT_STATUS_LIST(ST_ITEM_) ST__COUNT };
static const char *const status_names[] = { IMPORT_STATUS_LIST(ST_NAME_) };

/* One job's outcome, written by a worker, read by the main thread. */
struct slot {
	bool ready;
	int rc;
	struct activity_legs legs;	/* the file's activities (rc 0) */
	enum import_format fmt;
	struct err e;
};

struct pool {
	const struct import_jobs *jobs;
	struct slot *slots;
	size_t next;		/* next job to hand out */
	pthread_mutex_t mu;
	pthread_cond_t done;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	struct import_ctx ctx;

	import_ctx_init(&ctx);
	for (;;) {
		size_t i;
		pthread_mutex_lock(&p->mu);
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		if (i >= p->jobs->n)
			break;
		struct slot *s = &p->slots[i];
		err_clear(&s->e);
		s->rc = import_job_legs(&ctx, &p->jobs->v[i], &s->legs, &s->fmt,
					&s->e);
		pthread_mutex_lock(&p->mu);
		s->ready = true;
		pthread_cond_broadcast(&p->done);
		pthread_mutex_unlock(&p->mu);
	}
	import_ctx_release(&ctx);
	return NULL;
}

struct import_run {
	struct app *app;
	bool json, quiet, bar;
	bool lines;		/* a line per imported run on stdout */
	struct store *st;
	int64_t person_id;
	size_t count[ST__COUNT];
	size_t runs_found;
	struct timespec t0;
	struct strbuf out;
};



/* On a terminal: the run just stored, in one line (local day, sport,
 * distance, moving time, file, and the entry it was folded into when the
 * same run was stored already). job and en are borrowed. */
static void run_line(const struct import_run *r, const struct import_job *job,
		     const struct journal_entry *en, bool merged)
{
	char d[DATE_BUF];
	long secs = lround(en->run.moving_s);

	if (r->bar)
		fputs("\r\033[K", stderr);
	printf("%s  %-4s %7.2f km  %ld:%02ld:%02ld  %s",
	       date_format(en->day, d), en->run.sport ? en->run.sport : "run",
	       en->run.distance_m / 1000, secs / 3600, secs / 60 % 60,
	       secs % 60, job->name);
	if (merged)
		printf("  (merged: the same run as entry %lld)",
		       (long long)en->id);
	putchar('\n');
	fflush(stdout);
}

/* Store one run (act, an activity of s) in its own transaction; returns
 * the status and sets *entry_id to the journal entry that holds the run. */
static enum import_status store_run(struct import_run *r,
				    const struct import_job *job,
				    const struct slot *s,
				    const struct activity *act, int64_t *entry_id,
				    struct err *e)
{
	struct journal_entry en;
	int rc;

	import_run_entry(act, s->fmt, job->entry ? job->entry : job->path,
			 job->title, r->person_id, &en);
	rc = store_begin(r->st, e);
	if (rc == 0) {
		rc = store_entry_add(r->st, &en, e);
		if (rc < 0)
			store_rollback(r->st);
		else if (store_commit(r->st, e) < 0)
			rc = -1;
	}
	if ((rc == 0 || rc == 2) && r->lines)
		run_line(r, job, &en, rc == 2);
	*entry_id = en.id;
	journal_entry_release(&en);
	if (rc < 0)
		return ST_REFUSED;
	return rc == 1 ? ST_DUPLICATE : rc == 2 ? ST_MERGED : ST_IMPORTED;
}

/* A refused file on stderr, named: always, whatever --quiet and
 * --format say. job and e are borrowed. */
static void say_refused(const struct import_run *r,
			const struct import_job *job, const struct err *e)
{
	size_t n = strlen(job->name);

	if (r->bar)
		fputs("\r\033[K", stderr);
	/* Errors about a path given on the command line name it already. */
	if (strncmp(e->msg, job->name, n) == 0 && e->msg[n] == ':')
		fprintf(stderr, "%s: import: %s\n", r->app->prog, e->msg);
	else
		fprintf(stderr, "%s: import: %s: %s\n", r->app->prog, job->name,
			e->msg);
}

/* Write the JSON line built in r->out (owned by r) and empty it. */
static void flush_json(struct import_run *r)
{
	strbuf_addstr(&r->out, "}\n");
	fwrite(r->out.buf, 1, r->out.len, stdout);
	strbuf_reset(&r->out);
}

/* A Strava row of another sport: counted, and a JSON object too. k is
 * borrowed from the job list. */
static void report_skip(struct import_run *r, const struct import_skip *k)
{
	char why[160];

	r->count[ST_SKIPPED]++;
	if (!r->json)
		return;
	snprintf(why, sizeof why, "activities.csv gives its type as %s",
		 k->type);
	strbuf_addstr(&r->out, "{\"file\":");
	strbuf_add_json_str(&r->out, k->name);
	strbuf_addf(&r->out, ",\"status\":\"%s\",\"sport\":\"%s\","
		    "\"reason\":", status_names[ST_SKIPPED],
		    activity_sport_name(ACTIVITY_SPORT_OTHER));
	strbuf_add_json_str(&r->out, why);
	flush_json(r);
}

/* One activity's outcome (act, an activity of s; NULL: the whole file
 * refused). JSON objects name the leg when the file holds several, and
 * say why one was skipped. */
static void report(struct import_run *r, const struct import_job *job,
		   const struct slot *s, const struct activity *act,
		   enum import_status st, int64_t entry_id, const struct err *e)
{
	r->count[st]++;
	if (r->json) {
		struct strbuf *o = &r->out;
		strbuf_addstr(o, "{\"file\":");
		strbuf_add_json_str(o, job->name);
		if (act != NULL && s->legs.n > 1)
			strbuf_addf(o, ",\"leg\":%zu",
				    (size_t)(act - s->legs.v) + 1);
		strbuf_addf(o, ",\"status\":\"%s\"", status_names[st]);
		if (entry_id > 0)
			strbuf_addf(o, ",\"entry\":%lld", (long long)entry_id);
		if (st == ST_REFUSED || (st == ST_SKIPPED && act != NULL)) {
			strbuf_addstr(o, ",\"reason\":");
			strbuf_add_json_str(o, e->msg);
		}
		if (st == ST_SKIPPED && act != NULL && act->sport_word[0]) {
			strbuf_addstr(o, ",\"file_sport\":");
			strbuf_add_json_str(o, act->sport_word);
		}
		if (act != NULL) {
			char ts[DATE_TIME_BUF];
			strbuf_addf(o, ",\"format\":\"%s\",\"sport\":\"%s\","
				    "\"start\":\"%s\",\"distance_m\":%.1f,"
				    "\"moving_s\":%.0f,\"elapsed_s\":%.0f,"
				    "\"climb_m\":%.1f,\"descent_m\":%.1f,"
				    "\"sha256\":\"%s\"",
				    import_format_name(s->fmt),
				    activity_sport_name(act->sport),
				    date_format_utc(act->start_utc, ts),
				    act->distance_m, act->moving_s,
				    act->elapsed_s, act->climb_m,
				    act->descent_m, act->sha256);
			if (act->avg_hr > 0)
				strbuf_addf(o, ",\"avg_hr\":%.0f", act->avg_hr);
		}
		flush_json(r);
	}
	if (st == ST_REFUSED)
		say_refused(r, job, e);
}

static void progress(struct import_run *r, size_t done, size_t total)
{
	struct timespec now;
	double el, left;
	int width = 24, fill;

	if (!r->bar || total == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	el = (double)(now.tv_sec - r->t0.tv_sec) +
	     (double)(now.tv_nsec - r->t0.tv_nsec) / 1e9;
	left = done ? el / (double)done * (double)(total - done) : 0;
	fill = (int)((double)width * (double)done / (double)total);
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu files, %zu runs, %d:%02d left",
		fill, "########################", width - fill, "", done, total,
		r->runs_found, (int)left / 60, (int)left % 60);
	fflush(stderr);
}

static int import_run(struct app *app, int argc, char **argv)
{
	struct import_run r;
	struct cmd_getopt g;
	struct import_jobs jobs;
	const char *arg;
	struct err e;
	int id, rc = EXIT_OK_;
	bool missing = false;

	memset(&r, 0, sizeof(r));
	r.app = app;
	strbuf_init(&r.out, 0);
	cmd_getopt_init(&g, import_options, false);
	while ((id = cmd_getopt_next(&g, app, "import", argc, argv, &arg)) > 0) {
		switch (id) {
		case OPT_HELP:
			cmd_print_help(stdout, app, &cmd_import_entry,
				       import_options);
			fputs("\nPATH is a GPX, TCX or FIT file (each may be .gz), "
			      "a .zip, a Strava export\n(folder or .zip) or a "
			      "folder of such files. Exit 0 when every file was\n"
			      "imported (or was a duplicate or another sport), "
			      "1 when a file was refused,\n66 when a path could "
			      "not be read. Refused files are named on stderr "
			      "even with --quiet.\n", stdout);
			return EXIT_OK_;
		case OPT_QUIET:
			r.quiet = true;
			break;
		case OPT_FORMAT:
			if (strcmp(arg, "json") == 0)
				r.json = true;
			else if (strcmp(arg, "text") != 0)
				return cmd_usage_error(app, "import",
					"unknown format '%s' (json or text)", arg);
			break;
		}
	}
	if (id < 0)
		return EXIT_USAGE;
	if (optind >= argc)
		return cmd_usage_error(app, "import",
				       "name at least one file or folder");
	r.bar = !r.quiet && isatty(STDERR_FILENO);
	r.lines = !r.quiet && !r.json && isatty(STDOUT_FILENO);

	err_clear(&e);
	r.st = store_open(app->db_path, NULL, &e);
	if (r.st == NULL)
		return cmd_fail(app, "import", &e);
	struct store_person person;
	if (store_person_resolve(r.st, app->person, true, &person, &e) < 0) {
		store_close(r.st);
		return cmd_fail(app, "import", &e);
	}
	r.person_id = person.id;

	import_jobs_init(&jobs);
	for (int i = optind; i < argc; i++) {
		err_clear(&e);
		if (import_collect(argv[i], &jobs, &e) < 0) {
			struct import_job pseudo = { argv[i], NULL, argv[i], NULL,
						     ACTIVITY_SPORT_UNKNOWN };
			report(&r, &pseudo, NULL, NULL, ST_REFUSED, 0, &e);
			missing |= e.code == ERR_NOINPUT;
		}
	}
	for (size_t i = 0; i < jobs.skipped; i++)
		report_skip(&r, &jobs.skips[i]);

	struct pool pool = { &jobs, xcalloc(jobs.n ? jobs.n : 1,
					   sizeof(struct slot)), 0,
			     PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
	pthread_t th[IMPORT_THREADS];
	int nth = jobs.n > 1 ? IMPORT_THREADS : (jobs.n ? 1 : 0);
	for (int t = 0; t < nth; t++)
		if (pthread_create(&th[t], NULL, worker, &pool) != 0) {
			nth = t;
			break;
		}
	if (nth == 0 && jobs.n > 0)
		worker(&pool);
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	for (size_t i = 0; i < jobs.n; i++) {
		struct slot *s = &pool.slots[i];
		pthread_mutex_lock(&pool.mu);
		while (!s->ready)
			pthread_cond_wait(&pool.done, &pool.mu);
		pthread_mutex_unlock(&pool.mu);
		if (s->rc < 0) {
			report(&r, &jobs.v[i], s, NULL, ST_REFUSED, 0, &s->e);
			progress(&r, i + 1, jobs.n);
			continue;
		}
		for (size_t k = 0; k < s->legs.n; k++) {
			const struct activity *act = &s->legs.v[k];
			enum import_status st;
			int64_t entry_id = 0;
			err_clear(&e);
			if (import_skip_reason(act, e.msg, sizeof(e.msg))) {
				st = ST_SKIPPED;
			} else {
				r.runs_found++;
				st = store_run(&r, &jobs.v[i], s, act, &entry_id,
					       &e);
			}
			report(&r, &jobs.v[i], s, act, st, entry_id, &e);
		}
		activity_legs_release(&s->legs);
		progress(&r, i + 1, jobs.n);
	}
	for (int t = 0; t < nth; t++)
		pthread_join(th[t], NULL);
	if (r.bar)
		fputs("\r\033[K", stderr);
	FILE *summary = r.json ? stderr : stdout;

	fprintf(summary, "imported %zu, ", r.count[ST_IMPORTED]);
	if (r.count[ST_MERGED] > 0)
		fprintf(summary, "merged %zu, ", r.count[ST_MERGED]);
	fprintf(summary, "duplicates %zu, skipped %zu, refused %zu\n",
		r.count[ST_DUPLICATE], r.count[ST_SKIPPED],
		r.count[ST_REFUSED]);
	if (missing)
		rc = EXIT_NOINPUT;
	else if (r.count[ST_REFUSED] > 0)
		rc = EXIT_SOME_FAILED;
	free(pool.slots);
	pthread_mutex_destroy(&pool.mu);
	pthread_cond_destroy(&pool.done);
	import_jobs_release(&jobs);
	strbuf_release(&r.out);
	store_close(r.st);
	return rc;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.run = import_run,
	.usage = "import PATH... [--quiet] [--format json|text]",
	.summary = "read runs from GPX, TCX, FIT, gzip, zip and Strava exports",
	.flags = CMD_NEEDS_DB,
};
