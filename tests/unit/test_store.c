/*
 * test_store.c - the journal store: files and modes, people, episodes,
 * entries, transactions, migrations, export and erase, and every way the
 * file can fail (newer version, stranger's file, corrupt, locked, read-only
 * or missing folder, full disk).
 *
 * Each test works in a fresh temporary folder. Failures of the disk are
 * made for real: a lock held by a second connection, a folder the test
 * process cannot write (as root the check runs in a child that drops to
 * "nobody"), and SQLite's max_page_count standing in for a full disk.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/date.h"
#include "core/strbuf.h"
#include "store/store.h"
#include "store/store_priv.h"

struct fixture {
	char dir[256];
	char path[300];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");

	snprintf(f->dir, sizeof f->dir, "%s/runcare-store-XXXXXX",
		 tmp != NULL && tmp[0] ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/journal.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[700];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' && rm -rf '%s'", f->dir,
		 f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* A call that must succeed; on failure the message says why. */
#define OK_(call)                                                             \
	do {                                                                  \
		if ((call) != 0)                                              \
			fail_msg("%s: %s", #call, e.msg);                     \
	} while (0)

static struct store *open_ok(const char *path)
{
	struct err e;
	struct store *st = store_open(path, NULL, &e);

	if (st == NULL)
		fail_msg("store_open(%s): %s", path ? path : "(default)", e.msg);
	return st;
}

static int64_t person(struct store *st, const char *name)
{
	struct store_person p;
	struct err e;

	if (store_person_resolve(st, name, true, &p, &e) < 0)
		fail_msg("person %s: %s", name ? name : "(default)", e.msg);
	return p.id;
}

static int32_t day_of(const char *s)
{
	int32_t d;
	assert_int_equal(date_parse(s, strlen(s), &d, NULL), 0);
	return d;
}

static int64_t add_pain(struct store *st, int64_t pid, const char *date,
			enum area area, int rest, int run, int morning,
			uint32_t symptoms)
{
	struct journal_entry en;
	struct err e;

	journal_entry_init(&en, JOURNAL_PAIN, day_of(date));
	en.person_id = pid;
	en.pain.area = area;
	en.pain.rest = rest;
	en.pain.run = run;
	en.pain.morning = morning;
	en.pain.symptoms = symptoms;
	if (store_entry_add(st, &en, &e) != 0)
		fail_msg("add pain: %s", e.msg);
	return en.id;
}

static int pragma(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_sqlite(st), sql, -1, &s,
					    NULL),
			 SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Run sql on the file with a plain SQLite connection. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static size_t count_entries(struct store *st, int64_t pid);

/* ---- Files ---- */

static void test_default_path_modes_and_pragmas(void **state)
{
	struct fixture *f = *state;
	char xdg[300], want[400];
	struct strbuf path = STRBUF_INIT;
	struct stat sb;
	struct store *st;
	struct err e;
	mode_t old = umask(022);

	snprintf(xdg, sizeof xdg, "%s/data", f->dir);
	setenv("XDG_DATA_HOME", xdg, 1);
	OK_(store_default_path(&path, &e));
	snprintf(want, sizeof want, "%s/runcare/runcare.db", xdg);
	assert_string_equal(path.buf, want);

	st = open_ok(NULL);
	assert_string_equal(store_path(st), want);
	assert_int_equal(stat(want, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(want, sizeof want, "%s/runcare", xdg);
	assert_int_equal(stat(want, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	/* Health records: WAL, full sync, foreign keys, secure delete. */
	assert_int_equal(pragma(st, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(pragma(st, "PRAGMA synchronous"), 2);
	assert_int_equal(pragma(st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(pragma(st, "PRAGMA secure_delete"), 1);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(store_sqlite(st), "PRAGMA journal_mode", -1, &s,
			   NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);

	/* The WAL file, once written, is not readable by others either. */
	person(st, NULL);
	snprintf(want, sizeof want, "%s/runcare/runcare.db-wal", xdg);
	assert_int_equal(stat(want, &sb), 0);
	assert_int_equal(sb.st_mode & 0077, 0);
	store_close(st);

	/* Without XDG_DATA_HOME: HOME/.local/share. */
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", f->dir, 1);
	strbuf_reset(&path);
	OK_(store_default_path(&path, &e));
	snprintf(want, sizeof want, "%s/.local/share/runcare/runcare.db",
		 f->dir);
	assert_string_equal(path.buf, want);
	unsetenv("HOME");
	assert_int_equal(store_default_path(&path, &e), -1);
	assert_int_equal(e.code, ERR_CONFIG);
	strbuf_release(&path);
	umask(old);
}

/* Files that are not our journal are refused and left untouched. */
static void test_foreign_newer_and_corrupt_files(void **state)
{
	struct fixture *f = *state;
	struct store *st;
	struct err e;
	FILE *fp;

	/* A newer runcare's journal. */
	st = open_ok(f->path);
	store_close(st);
	raw_exec(f->path, "PRAGMA user_version = 99");
	assert_null(store_open(f->path, NULL, &e));
	assert_int_equal(e.code, ERR_DATA);
	assert_non_null(strstr(e.msg, "newer runcare"));
	assert_non_null(strstr(e.msg, "99"));
	{
		sqlite3 *db;
		sqlite3_stmt *s;
		sqlite3_open(f->path, &db);
		sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
		sqlite3_step(s);
		assert_int_equal(sqlite3_column_int(s, 0), 99);
		sqlite3_finalize(s);
		sqlite3_close(db);
	}
	unlink(f->path);

	/* Another program's SQLite file. */
	raw_exec(f->path, "CREATE TABLE notes (x)");
	assert_null(store_open(f->path, NULL, &e));
	assert_int_equal(e.code, ERR_DATA);
	assert_non_null(strstr(e.msg, "not a runcare journal"));
	unlink(f->path);

	/* Not SQLite at all. */
	fp = fopen(f->path, "w");
	for (int i = 0; i < 200; i++)
		fputs("this is not a database, just text. ", fp);
	fclose(fp);
	assert_null(store_open(f->path, NULL, &e));
	assert_int_equal(e.code, ERR_DATA);
	assert_non_null(strstr(e.msg, "damaged or is not a runcare journal"));
}

/* A journal whose pages were overwritten gives ERR_DATA, never a crash. */
static void test_damaged_pages(void **state)
{
	struct fixture *f = *state;
	struct store_entries list;
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, NULL);
	struct store_query q = STORE_QUERY_INIT(pid);
	char junk[4096];
	struct err e;
	int fd, failed = 0;

	OK_(store_begin(st, &e));
	for (int i = 0; i < 300; i++)
		add_pain(st, pid, "2026-11-01", AREA_HEEL, i % 11, -1, -1, 0);
	OK_(store_commit(st, &e));
	assert_int_equal(sqlite3_wal_checkpoint_v2(store_sqlite(st), NULL,
						   SQLITE_CHECKPOINT_TRUNCATE,
						   NULL, NULL),
			 SQLITE_OK);
	store_close(st);

	memset(junk, 0xA5, sizeof junk);
	fd = open(f->path, O_WRONLY);
	assert_true(fd >= 0);
	/* Page 1 keeps the header; pages 2.. get garbage. */
	for (off_t off = 4096; off < 4 * 4096; off += 4096)
		assert_int_equal(pwrite(fd, junk, sizeof junk, off),
				 (ssize_t)sizeof junk);
	close(fd);

	st = store_open(f->path, NULL, &e);
	if (st == NULL) {
		assert_int_equal(e.code, ERR_DATA);
		return;
	}
	store_entries_init(&list);
	if (store_entry_list(st, &q, &list, &e) < 0) {
		assert_int_equal(e.code, ERR_DATA);
		failed = 1;
	}
	store_entries_release(&list);
	if (!failed) {
		struct journal_entry en;
		journal_entry_init(&en, JOURNAL_PAIN, 0);
		en.person_id = pid;
		if (store_entry_add(st, &en, &e) < 0) {
			assert_int_equal(e.code, ERR_DATA);
			failed = 1;
		}
	}
	store_close(st);
	assert_true(failed);
}

/* Outcome of an open attempted as an unprivileged user. */
struct attempt {
	int code;
	char msg[ERR_MSG_MAX];
};

/*
 * Try to open path and log one entry, as "nobody" when running as root
 * (root writes anywhere), in a child process.
 */
static struct attempt open_unprivileged(const char *path)
{
	struct attempt a = { -1, "" };
	int pfd[2];
	pid_t pid;

	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct err e;
		struct store *st;
		struct attempt r = { 0, "" };

		close(pfd[0]);
		if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(3);
		err_clear(&e);
		st = store_open(path, NULL, &e);
		if (st != NULL) {
			struct store_person p;
			if (store_person_resolve(st, NULL, true, &p, &e) == 0)
				e.code = ERR_OK;
			store_close(st);
		}
		r.code = e.code;
		memcpy(r.msg, e.msg, sizeof r.msg);
		if (write(pfd[1], &r, sizeof r) != (ssize_t)sizeof r)
			_exit(4);
		_exit(0);
	}
	close(pfd[1]);
	if (read(pfd[0], &a, sizeof a) != (ssize_t)sizeof a)
		a.code = -1;
	close(pfd[0]);
	waitpid(pid, NULL, 0);
	return a;
}

static void test_read_only_and_missing_folders(void **state)
{
	struct fixture *f = *state;
	char ro[300], path[400];
	struct attempt a;
	struct store *st;
	struct err e;

	/* A folder nobody may write: no journal can be created in it. */
	snprintf(ro, sizeof ro, "%s/ro", f->dir);
	assert_int_equal(mkdir(ro, 0755), 0);
	assert_int_equal(chmod(f->dir, 0755), 0);
	if (geteuid() != 0)
		assert_int_equal(chmod(ro, 0555), 0);
	snprintf(path, sizeof path, "%s/journal.db", ro);
	a = open_unprivileged(path);
	assert_int_equal(a.code, ERR_IO);
	assert_non_null(strstr(a.msg, "read-only"));

	/* A journal file that may be read but not written. */
	st = open_ok(path);
	person(st, NULL);
	store_close(st);
	assert_int_equal(chmod(path, 0444), 0);
	unlink(f->path);
	a = open_unprivileged(path);
	assert_int_equal(a.code, ERR_IO);
	assert_non_null(strstr(a.msg, "read-only"));

	/* An explicit path whose folder is missing is not created. */
	snprintf(path, sizeof path, "%s/missing/journal.db", f->dir);
	assert_null(store_open(path, NULL, &e));
	assert_int_equal(e.code, ERR_IO);
	assert_non_null(strstr(e.msg, "folder does not exist"));
	snprintf(path, sizeof path, "%s/missing", f->dir);
	assert_int_equal(access(path, F_OK), -1);
}

/* A second writer waits for the lock, then gives up with ERR_TEMPFAIL;
 * a lock released in time is waited for. */
static void test_locked_journal(void **state)
{
	struct fixture *f = *state;
	struct store_options quick = { .busy_timeout_ms = 200 };
	struct store *a = open_ok(f->path);
	struct store *b;
	int64_t pid = person(a, NULL);
	struct journal_entry en;
	struct err e;
	pid_t child;

	b = store_open(f->path, &quick, &e);
	assert_non_null(b);
	OK_(store_begin(a, &e));
	add_pain(a, pid, "2026-11-02", AREA_KNEE, 2, -1, -1, 0);

	journal_entry_init(&en, JOURNAL_PAIN, day_of("2026-11-03"));
	en.person_id = pid;
	assert_int_equal(store_entry_add(b, &en, &e), -1);
	assert_int_equal(e.code, ERR_TEMPFAIL);
	assert_non_null(strstr(e.msg, "in use by another program"));
	assert_int_equal(store_begin(b, &e), -1);
	assert_int_equal(e.code, ERR_TEMPFAIL);
	OK_(store_commit(a, &e));
	store_close(b);

	/* A child holds the write lock for a moment; a writer with the
	 * default timeout waits and succeeds. */
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct store *c = store_open(f->path, NULL, NULL);
		if (c == NULL || store_begin(c, NULL) < 0)
			_exit(1);
		if (write(STDERR_FILENO, "", 0) < 0)
			_exit(1);
		usleep(300 * 1000);
		store_commit(c, NULL);
		store_close(c);
		_exit(0);
	}
	usleep(100 * 1000);
	journal_entry_init(&en, JOURNAL_PAIN, day_of("2026-11-04"));
	en.person_id = pid;
	OK_(store_entry_add(a, &en, &e));
	int status;
	waitpid(child, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	store_close(a);
}

/* max_page_count makes SQLite answer "database or disk is full" exactly
 * as a full disk would; nothing committed before is lost. */
static void test_full_disk(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, NULL);
	struct store_query q = STORE_QUERY_INIT(pid);
	struct store_entries list;
	struct journal_entry en;
	char sql[80], note[900];
	struct err e;
	int pages, i, rc = 0;

	add_pain(st, pid, "2026-11-01", AREA_HIP, 3, 4, 5, 0);
	pages = pragma(st, "PRAGMA page_count");
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %d", pages + 2);
	pragma(st, sql);

	memset(note, 'n', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	for (i = 0; i < 100 && rc == 0; i++) {
		journal_entry_init(&en, JOURNAL_RUN, day_of("2026-11-02"));
		en.person_id = pid;
		journal_set_str(&en.run.note, note);
		rc = store_entry_add(st, &en, &e);
		journal_entry_release(&en);
	}
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, ERR_IO);
	assert_non_null(strstr(e.msg, "disk is full"));

	/* In a transaction of the caller: the failure undoes it all and
	 * commit says so. */
	OK_(store_begin(st, &e));
	journal_entry_init(&en, JOURNAL_RUN, day_of("2026-11-03"));
	en.person_id = pid;
	journal_set_str(&en.run.note, note);
	rc = 0;
	for (i = 0; i < 20 && rc == 0; i++) {
		en.id = 0;
		rc = store_entry_add(st, &en, &e);
	}
	journal_entry_release(&en);
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, ERR_IO);
	if (store_commit(st, &e) < 0)
		assert_int_equal(e.code, ERR_IO);
	store_rollback(st);
	store_close(st);

	st = open_ok(f->path);
	store_entries_init(&list);
	OK_(store_entry_list(st, &q, &list, &e));
	assert_true(list.n >= 1);
	assert_int_equal(list.v[0].pain.morning, 5);
	for (size_t k = 0; k < list.n; k++)
		assert_true(list.v[k].day != day_of("2026-11-03"));
	store_entries_release(&list);
	assert_int_equal(pragma(st, "PRAGMA integrity_check"), 0);
	store_close(st);
}

/* A read-only handle reads but never writes, and never creates. */
static void test_read_only_option(void **state)
{
	struct fixture *f = *state;
	struct store_options ro = { .read_only = true };
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, NULL);
	struct journal_entry en;
	struct err e;

	add_pain(st, pid, "2026-11-01", AREA_KNEE, 1, 2, 3, 0);
	store_close(st);

	st = store_open(f->path, &ro, &e);
	assert_non_null(st);
	assert_int_equal(count_entries(st, pid), 1);
	journal_entry_init(&en, JOURNAL_PAIN, 0);
	en.person_id = pid;
	assert_int_equal(store_entry_add(st, &en, &e), -1);
	assert_int_equal(e.code, ERR_IO);
	assert_non_null(strstr(e.msg, "read-only"));
	store_close(st);

	/* An old journal needs a writer to migrate it first. */
	unlink(f->path);
	st = store_open_at(f->path, NULL, 1, &e);
	store_close(st);
	assert_null(store_open(f->path, &ro, &e));
	assert_int_equal(e.code, ERR_DATA);
	assert_non_null(strstr(e.msg, "needs an upgrade"));

	unlink(f->path);
	assert_null(store_open(f->path, &ro, &e));
	assert_int_equal(e.code, ERR_NOINPUT);
	assert_int_equal(access(f->path, F_OK), -1);
	assert_null(store_open("", NULL, &e));
	assert_int_equal(e.code, ERR_USAGE);
}

/* ---- People ---- */

static void test_people(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	struct store_person p, *all;
	char long_name[STORE_NAME_MAX + 2];
	size_t n;
	int64_t id;
	struct err e;
	static const struct {
		const char *name;
		const char *msg;
	} bad[] = {
		{ "", "1 to 100 bytes" },
		{ "tab\there", "control characters" },
		{ "\xff\xfe", "not valid UTF-8" },
		{ "\xc3", "not valid UTF-8" },
		{ "me", "already in the journal" },
	};

	/* Empty journal: nobody to resolve unless we may create. */
	assert_int_equal(store_person_resolve(st, NULL, false, &p, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	OK_(store_person_resolve(st, NULL, true, &p, &e));
	assert_string_equal(p.name, STORE_DEFAULT_PERSON);
	OK_(store_person_resolve(st, NULL, false, &p, &e));

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(store_person_add(st, bad[i].name, &id, &e), -1);
		assert_int_equal(e.code, ERR_DATA);
		if (strstr(e.msg, bad[i].msg) == NULL)
			fail_msg("name %zu: \"%s\"", i, e.msg);
	}
	memset(long_name, 'x', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	assert_int_equal(store_person_add(st, long_name, &id, &e), -1);
	long_name[STORE_NAME_MAX] = '\0';
	OK_(store_person_add(st, long_name, &id, &e));

	OK_(store_person_add(st, "Zoë Runner", &id, &e));
	assert_int_equal(store_person_resolve(st, NULL, true, &p, &e), -1);
	assert_int_equal(e.code, ERR_USAGE);
	assert_non_null(strstr(e.msg, "--person NAME"));
	OK_(store_person_resolve(st, "Zoë Runner", false, &p, &e));
	assert_int_equal(p.id, id);
	assert_int_equal(store_person_resolve(st, "nobody", false, &p, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	OK_(store_person_resolve(st, "new one", true, &p, &e));

	OK_(store_person_list(st, &all, &n, &e));
	assert_int_equal(n, 4);
	assert_string_equal(all[0].name, "Zoë Runner");
	assert_string_equal(all[2].name, "new one");
	free(all);

	assert_int_equal(store_person_rename(st, id, "me", &e), -1);
	assert_int_equal(e.code, ERR_DATA);
	OK_(store_person_rename(st, id, "Zoe", &e));
	OK_(store_person_get(st, id, &p, &e));
	assert_string_equal(p.name, "Zoe");
	assert_int_equal(store_person_get(st, 9999, &p, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	store_close(st);
}

/* ---- Entries ---- */

/* Fill one entry of each kind with every field set. */
static void full_entry(struct journal_entry *en, enum journal_kind k,
		       int64_t pid)
{
	journal_entry_init(en, k, day_of("2026-10-05"));
	en->person_id = pid;
	switch (k) {
	case JOURNAL_PAIN:
		en->pain.area = AREA_ACHILLES;
		en->pain.rest = 1;
		en->pain.run = 4;
		en->pain.morning = 0;
		en->pain.symptoms = SYMPTOM_BIT(SYM_TIGHT) |
				    SYMPTOM_BIT(SYM_LIMP_AFTER) |
				    SYMPTOM_BIT(SYM_NIGHT_PAIN);
		en->pain.denied = SYMPTOM_BIT(SYM_NERVE_SYMPTOMS) |
				  SYMPTOM_BIT(SYM_STRIDE_CHANGE);
		en->pain.side = SIDE_RIGHT;
		break;
	case JOURNAL_MASSAGE:
		en->massage.pressure = 6;
		en->massage.flare_hours = 30.5;
		en->massage.bruised_or_limping = true;
		en->massage.has_type = true;
		en->massage.type = MTYPE_DEEP_TISSUE;
		en->massage.regions = (1u << REGION_CALF) |
				      (1u << REGION_ACHILLES_TENDON);
		en->massage.has_felt = true;
		en->massage.felt = FEEL_BRUISED_OR_LIMPING;
		en->massage.marks_known = JOURNAL_MARK_BIT(MARK_SYMPTOMS_CHECKED) |
					  JOURNAL_MARK_BIT(MARK_AFTERCARE_GIVEN);
		en->massage.marks = JOURNAL_MARK_BIT(MARK_SYMPTOMS_CHECKED);
		break;
	case JOURNAL_RUN:
		en->run.start_utc = 1791100800;
		en->run.distance_m = 10012.5;
		en->run.moving_s = 3000;
		en->run.elapsed_s = 3100;
		en->run.climb_m = 120;
		en->run.descent_m = 118;
		en->run.avg_hr = 151;
		journal_set_str(&en->run.note, "easy, \"flat\", line\nbreak");
		journal_set_str(&en->run.source, "watch/2026-10-05.fit");
		journal_set_str(&en->run.sport, "run");
		memset(en->run.sha256, 'a', JOURNAL_SHA256_HEX);
		break;
	case JOURNAL_ASSESSMENT:
		en->assessment.outcome = OUTCOME_REFER;
		journal_set_str(&en->assessment.by, "Dr Rao, sports physio");
		journal_set_str(&en->assessment.note, "x-ray, \"next week\"");
		break;
	default:
		break;
	}
}

static void assert_same_entry(const struct journal_entry *a,
			      const struct journal_entry *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->day, b->day);
	assert_int_equal(a->person_id, b->person_id);
	assert_memory_equal(&a->pain, &b->pain, sizeof a->pain);
	assert_memory_equal(&a->massage, &b->massage, sizeof a->massage);
	assert_int_equal(a->run.start_utc, b->run.start_utc);
	assert_true(a->run.distance_m == b->run.distance_m);
	assert_true(a->run.moving_s == b->run.moving_s);
	assert_true(a->run.elapsed_s == b->run.elapsed_s);
	assert_true(a->run.climb_m == b->run.climb_m);
	assert_true(a->run.descent_m == b->run.descent_m);
	assert_int_equal(a->run.avg_hr, b->run.avg_hr);
	assert_string_equal(a->run.sha256, b->run.sha256);
	if (a->run.note || b->run.note)
		assert_string_equal(a->run.note, b->run.note);
	if (a->run.source || b->run.source)
		assert_string_equal(a->run.source, b->run.source);
	if (a->run.sport || b->run.sport)
		assert_string_equal(a->run.sport, b->run.sport);
	assert_int_equal(a->assessment.outcome, b->assessment.outcome);
	if (a->assessment.by || b->assessment.by)
		assert_string_equal(a->assessment.by, b->assessment.by);
	if (a->assessment.note || b->assessment.note)
		assert_string_equal(a->assessment.note, b->assessment.note);
}

static void test_entry_round_trip(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, NULL);
	struct journal_entry in, out;
	struct err e;

	for (int k = 0; k < JOURNAL_KIND__COUNT; k++) {
		full_entry(&in, (enum journal_kind)k, pid);
		OK_(store_entry_add(st, &in, &e));
		assert_true(in.id > 0);
		OK_(store_entry_get(st, in.id, &out, &e));
		assert_int_equal(out.id, in.id);
		assert_same_entry(&in, &out);
		journal_entry_release(&out);

		/* An empty entry of the kind also survives unchanged. */
		journal_entry_release(&in);
		journal_entry_init(&in, (enum journal_kind)k, 7);
		in.person_id = pid;
		OK_(store_entry_add(st, &in, &e));
		OK_(store_entry_get(st, in.id, &out, &e));
		assert_same_entry(&in, &out);
		journal_entry_release(&out);
		journal_entry_release(&in);
	}
	store_close(st);
}

static void test_entry_update_delete_and_errors(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, NULL);
	struct journal_entry en, got;
	struct err e;
	int64_t id;

	full_entry(&en, JOURNAL_MASSAGE, pid);
	OK_(store_entry_add(st, &en, &e));
	id = en.id;
	en.massage.pressure = 3;
	en.massage.regions = 1u << REGION_GLUTES;
	en.massage.has_felt = false;
	en.massage.felt = 0;
	en.day = day_of("2026-10-06");
	OK_(store_entry_update(st, &en, &e));
	OK_(store_entry_get(st, id, &got, &e));
	assert_same_entry(&en, &got);
	journal_entry_release(&got);

	/* The kind cannot change. */
	en.kind = JOURNAL_PAIN;
	assert_int_equal(store_entry_update(st, &en, &e), -1);
	assert_int_equal(e.code, ERR_DATA);
	assert_non_null(strstr(e.msg, "massage entry"));
	en.kind = JOURNAL_MASSAGE;

	/* Invalid values are refused with the contract's wording. */
	en.massage.pressure = 11;
	assert_int_equal(store_entry_update(st, &en, &e), -1);
	assert_int_equal(e.code, ERR_DATA);
	assert_non_null(strstr(e.msg, "last_massage.pressure"));

	OK_(store_entry_delete(st, id, &e));
	assert_int_equal(store_entry_get(st, id, &got, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	assert_int_equal(store_entry_delete(st, id, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	en.massage.pressure = 3;
	assert_int_equal(store_entry_update(st, &en, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);

	/* An entry needs an existing person. */
	en.id = 0;
	en.person_id = 4242;
	assert_int_equal(store_entry_add(st, &en, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	journal_entry_release(&en);
	store_close(st);
}

/* Bad values of each kind: table of (what to break, words expected). */
static void test_entry_validation(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, NULL);
	static const struct {
		enum journal_kind kind;
		int field;
		const char *msg;
	} cases[] = {
		{ JOURNAL_PAIN, 0, "pain.rest" },
		{ JOURNAL_PAIN, 1, "pain.morning" },
		{ JOURNAL_MASSAGE, 0, "last_massage.pressure" },
		{ JOURNAL_MASSAGE, 1, "last_massage.flare_hours" },
		{ JOURNAL_RUN, 0, "run.distance_m" },
		{ JOURNAL_RUN, 1, "run.sha256" },
		{ JOURNAL_RUN, 2, "run.note" },
		{ JOURNAL_RUN, 3, "run.avg_hr" },
	};
	struct err e;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct journal_entry en;
		journal_entry_init(&en, cases[i].kind, 0);
		en.person_id = pid;
		switch (cases[i].kind * 10 + cases[i].field) {
		case JOURNAL_PAIN * 10 + 0: en.pain.rest = 11; break;
		case JOURNAL_PAIN * 10 + 1: en.pain.morning = -2; break;
		case JOURNAL_MASSAGE * 10 + 0: en.massage.pressure = -1; break;
		case JOURNAL_MASSAGE * 10 + 1: en.massage.flare_hours = -3; break;
		case JOURNAL_RUN * 10 + 0: en.run.distance_m = -5; break;
		case JOURNAL_RUN * 10 + 1: strcpy(en.run.sha256, "XYZ"); break;
		case JOURNAL_RUN * 10 + 2:
			journal_set_str(&en.run.note, "bell\a");
			break;
		default: en.run.avg_hr = 400; break;
		}
		assert_int_equal(store_entry_add(st, &en, &e), -1);
		assert_int_equal(e.code, ERR_DATA);
		if (strstr(e.msg, cases[i].msg) == NULL)
			fail_msg("case %zu: \"%s\"", i, e.msg);
		journal_entry_release(&en);
	}
	store_close(st);
}

static void test_run_file_added_once(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t a = person(st, "a"), b = person(st, "b");
	struct store_query q = STORE_QUERY_INIT(a);
	struct store_entries list;
	struct journal_entry en;
	struct err e;
	int64_t first;

	full_entry(&en, JOURNAL_RUN, a);
	OK_(store_entry_add(st, &en, &e));
	first = en.id;
	en.id = 0;
	assert_int_equal(store_entry_add(st, &en, &e), 1);
	assert_int_equal(en.id, first);
	/* Another person may import the same file. */
	en.id = 0;
	en.person_id = b;
	OK_(store_entry_add(st, &en, &e));
	assert_true(en.id != first);
	/* A run typed by hand that is this file's run is the same
	 * activity: folded in, not stored again. */
	en.run.sha256[0] = '\0';
	en.person_id = a;
	en.id = 0;
	assert_int_equal(store_entry_add(st, &en, &e), 2);
	assert_int_equal(en.id, first);
	/* The same run typed twice by hand is a double day: two runs. */
	{
		int64_t by_hand = en.id;

		en.id = 0;
		en.run.distance_m = 5000;
		OK_(store_entry_add(st, &en, &e));
		by_hand = en.id;
		en.id = 0;
		OK_(store_entry_add(st, &en, &e));
		assert_true(en.id != by_hand);
		OK_(store_entry_delete(st, en.id, &e));
		OK_(store_entry_delete(st, by_hand, &e));
		en.run.distance_m = 10012.5;
	}
	/* A longer run by hand the same day is another run. */
	en.id = 0;
	en.run.distance_m = 12000;
	OK_(store_entry_add(st, &en, &e));
	assert_true(en.id != first);
	journal_entry_release(&en);

	store_entries_init(&list);
	OK_(store_entry_list(st, &q, &list, &e));
	assert_int_equal(list.n, 2);
	store_entries_release(&list);
	store_close(st);
}

/* A run from a file, with its start, distance, sport and digest. */
static void file_run(struct journal_entry *en, int64_t pid, int64_t start,
		     double km, const char *sport, const char *source, char fill)
{
	full_entry(en, JOURNAL_RUN, pid);
	en->run.start_utc = start;
	en->day = date_from_unix(start);
	en->run.distance_m = km * 1000;
	journal_set_str(&en->run.sport, sport);
	journal_set_str(&en->run.source, source);
	memset(en->run.sha256, fill, JOURNAL_SHA256_HEX);
}

/* Issue: the same activity as .fit, .tcx and .gpx, or imported and also
 * logged by hand, is stored once (journal_same_run), with every source. */
static void test_same_run_stored_once(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t a = person(st, "a");
	const int64_t t0 = 1791100800;
	struct journal_entry en, got;
	struct err e;
	int64_t first;
	static const struct {
		int64_t start;	/* seconds after t0 */
		double km;
		const char *sport;
		int want;	/* store_entry_add's answer */
	} tries[] = {
		{ 90, 10.25, "run", 2 },	/* another file of it */
		{ 0, 10.0, "walk", 0 },		/* another sport */
		{ 180, 10.0, "run", 0 },	/* starts 3 minutes later */
		{ 0, 10.4, "run", 0 },		/* 4% longer */
	};

	file_run(&en, a, t0, 10.0, "run", "fit:a.fit", 'a');
	OK_(store_entry_add(st, &en, &e));
	first = en.id;
	journal_entry_release(&en);
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		file_run(&en, a, t0 + tries[i].start, tries[i].km,
			 tries[i].sport, "gpx:a.gpx", (char)('b' + i));
		assert_int_equal(store_entry_add(st, &en, &e), tries[i].want);
		if (tries[i].want == 2)
			assert_int_equal(en.id, first);
		else
			assert_true(en.id != first);
		journal_entry_release(&en);
	}
	/* The merged file is known too: importing it again is a duplicate. */
	file_run(&en, a, t0 + 90, 10.25, "run", "gpx:a.gpx", 'b');
	assert_int_equal(store_entry_add(st, &en, &e), 1);
	assert_int_equal(en.id, first);
	journal_entry_release(&en);
	OK_(store_entry_get(st, first, &got, &e));
	assert_string_equal(got.run.source, "fit:a.fit, gpx:a.gpx");
	assert_true(got.run.distance_m == 10000);	/* the first file's */
	journal_entry_release(&got);

	/* Logged by hand first (no start), then the file: the file's
	 * figures replace the typed ones, the note stays. */
	journal_entry_init(&en, JOURNAL_RUN, date_from_unix(t0 + 86400 * 3));
	en.person_id = a;
	en.run.distance_m = 8000;
	en.run.moving_s = 2400;
	journal_set_str(&en.run.sport, "run");
	journal_set_str(&en.run.note, "hilly loop");
	OK_(store_entry_add(st, &en, &e));
	first = en.id;
	journal_entry_release(&en);
	file_run(&en, a, t0 + 86400 * 3, 8.1, "run", "tcx:b.tcx", 'f');
	journal_set_str(&en.run.note, NULL);
	assert_int_equal(store_entry_add(st, &en, &e), 2);
	journal_entry_release(&en);
	OK_(store_entry_get(st, first, &got, &e));
	assert_string_equal(got.run.source, "logged by hand, tcx:b.tcx");
	assert_true(got.run.distance_m == 8100);
	assert_true(got.run.start_utc == t0 + 86400 * 3);
	assert_string_equal(got.run.note, "hilly loop");
	journal_entry_release(&got);
	/* Deleting the run forgets its files: they may be imported again. */
	OK_(store_entry_delete(st, first, &e));
	file_run(&en, a, t0 + 86400 * 3, 8.1, "run", "tcx:b.tcx", 'f');
	OK_(store_entry_add(st, &en, &e));
	journal_entry_release(&en);
	store_close(st);
}

static void test_list_filters(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t a = person(st, "a"), b = person(st, "b");
	struct store_entries list;
	struct journal_entry en;
	struct err e;
	static const struct {
		const char *from, *to;
		unsigned kinds;
		size_t want;
	} cases[] = {
		{ NULL, NULL, 0, 6 },
		{ "2026-11-02", NULL, 0, 5 },
		{ NULL, "2026-11-02", 0, 2 },
		{ "2026-11-02", "2026-11-03", 0, 4 },
		{ NULL, NULL, 1u << JOURNAL_PAIN, 3 },
		{ NULL, NULL, 1u << JOURNAL_RUN | 1u << JOURNAL_MASSAGE, 3 },
		{ "2026-12-01", NULL, 0, 0 },
	};

	add_pain(st, a, "2026-11-03", AREA_SHIN, 1, -1, -1, 0);
	add_pain(st, a, "2026-11-01", AREA_SHIN, 2, -1, -1, 0);
	add_pain(st, a, "2026-11-02", AREA_SHIN, 3, -1, -1, 0);
	add_pain(st, b, "2026-11-02", AREA_SHIN, 3, -1, -1, 0);
	for (int i = 0; i < 2; i++) {
		journal_entry_init(&en, JOURNAL_RUN, day_of("2026-11-03"));
		en.person_id = a;
		OK_(store_entry_add(st, &en, &e));
	}
	journal_entry_init(&en, JOURNAL_MASSAGE, day_of("2026-11-04"));
	en.person_id = a;
	OK_(store_entry_add(st, &en, &e));

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct store_query q = STORE_QUERY_INIT(a);
		if (cases[i].from)
			q.from = day_of(cases[i].from);
		if (cases[i].to)
			q.to = day_of(cases[i].to);
		q.kinds = cases[i].kinds;
		store_entries_init(&list);
		OK_(store_entry_list(st, &q, &list, &e));
		if (list.n != cases[i].want)
			fail_msg("case %zu: %zu entries", i, list.n);
		for (size_t k = 1; k < list.n; k++)
			assert_true(list.v[k - 1].day < list.v[k].day ||
				    (list.v[k - 1].day == list.v[k].day &&
				     list.v[k - 1].id < list.v[k].id));
		store_entries_release(&list);
	}
	store_close(st);
}

static void test_episodes(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, NULL);
	struct store_episode *eps, ep;
	size_t n;
	struct err e;

	/* The first pain of an area opens an episode; more pain joins it. */
	add_pain(st, pid, "2026-09-10", AREA_KNEE, 3, -1, -1, 0);
	add_pain(st, pid, "2026-09-12", AREA_KNEE, 2, -1, -1, 0);
	add_pain(st, pid, "2026-09-12", AREA_HEEL, 2, -1, -1, 0);
	OK_(store_episode_list(st, pid, &eps, &n, &e));
	assert_int_equal(n, 2);
	ep = eps[0].area == AREA_KNEE ? eps[0] : eps[1];
	free(eps);
	assert_int_equal(ep.start, day_of("2026-09-10"));
	assert_int_equal(ep.end, DATE_NONE);

	/* A back-dated entry moves the open episode's start. */
	add_pain(st, pid, "2026-09-05", AREA_KNEE, 3, -1, -1, 0);
	OK_(store_episode_get(st, ep.id, &ep, &e));
	assert_int_equal(ep.start, day_of("2026-09-05"));

	/* Once ended, pain after the end opens a new episode. */
	ep.end = day_of("2026-09-20");
	OK_(store_episode_update(st, &ep, &e));
	add_pain(st, pid, "2026-09-15", AREA_KNEE, 1, -1, -1, 0);
	add_pain(st, pid, "2026-10-01", AREA_KNEE, 5, -1, -1, 0);
	OK_(store_episode_list(st, pid, &eps, &n, &e));
	assert_int_equal(n, 3);
	assert_int_equal(eps[0].area, AREA_KNEE);
	assert_int_equal(eps[0].start, day_of("2026-10-01"));
	free(eps);
	assert_int_equal(store_episode_current(st, pid, AREA_KNEE,
					       day_of("2026-09-16"), &ep, &e),
			 1);
	assert_int_equal(ep.end, day_of("2026-09-20"));
	OK_(store_episode_current(st, pid, AREA_HIP,
					       day_of("2026-09-16"), &ep, &e));

	/* An end before the start is refused; delete works once. */
	ep.area = AREA_HIP;
	ep.person_id = pid;
	ep.start = day_of("2026-09-10");
	ep.end = day_of("2026-09-01");
	assert_int_equal(store_episode_add(st, &ep, &e), -1);
	assert_int_equal(e.code, ERR_DATA);
	ep.end = DATE_NONE;
	OK_(store_episode_add(st, &ep, &e));
	OK_(store_episode_delete(st, ep.id, &e));
	assert_int_equal(store_episode_delete(st, ep.id, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	store_close(st);
}

static size_t count_entries(struct store *st, int64_t pid)
{
	struct store_query q = STORE_QUERY_INIT(pid);
	struct store_entries list;
	struct err e;
	size_t n;

	store_entries_init(&list);
	OK_(store_entry_list(st, &q, &list, &e));
	n = list.n;
	store_entries_release(&list);
	return n;
}

static void test_transactions(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, NULL);
	struct journal_entry bad;
	struct err e;

	OK_(store_begin(st, &e));
	add_pain(st, pid, "2026-11-01", AREA_HEEL, 1, -1, -1, 0);
	add_pain(st, pid, "2026-11-02", AREA_HEEL, 1, -1, -1, 0);
	assert_int_equal(store_begin(st, &e), -1);
	assert_int_equal(e.code, ERR_SOFTWARE);
	store_rollback(st);
	assert_int_equal(count_entries(st, pid), 0);

	/* A failed call inside leaves the rest of the transaction alone. */
	OK_(store_begin(st, &e));
	add_pain(st, pid, "2026-11-01", AREA_HEEL, 1, -1, -1, 0);
	journal_entry_init(&bad, JOURNAL_RUN, 0);
	bad.person_id = 999;
	assert_int_equal(store_entry_add(st, &bad, &e), -1);
	add_pain(st, pid, "2026-11-02", AREA_HEEL, 1, -1, -1, 0);
	OK_(store_commit(st, &e));
	assert_int_equal(count_entries(st, pid), 2);

	assert_int_equal(store_commit(st, &e), -1);
	assert_int_equal(e.code, ERR_SOFTWARE);
	OK_(store_begin(st, &e));
	assert_int_equal(store_person_erase(st, pid, &e), -1);
	assert_int_equal(e.code, ERR_SOFTWARE);
	store_rollback(st);
	store_close(st);
}

/* ---- Migrations ---- */

/* 3 -> 4: a run imported before the file list keeps its file, so the
 * same file is still a duplicate after the step. */
static void test_migration_keeps_run_files(void **state)
{
	struct fixture *f = *state;
	struct store *st = store_open_at(f->path, NULL, 3, NULL);
	struct journal_entry en;
	struct err e;
	int64_t pid;

	assert_non_null(st);
	pid = person(st, "before");
	full_entry(&en, JOURNAL_RUN, pid);
	store_close(st);
	raw_exec(f->path, "INSERT INTO entry (person_id, date, kind,"
		 " distance_m, sha256, source) VALUES (1, '2026-10-05', 'run',"
		 " 10012.5, '" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		 "aaaaaaaaaaaaaaaa', 'fit:old.fit');");
	st = open_ok(f->path);
	assert_int_equal(pragma(st, "SELECT count(*) FROM run_file"), 1);
	assert_int_equal(store_entry_add(st, &en, &e), 1);
	assert_int_equal(en.id, 1);
	journal_entry_release(&en);
	store_close(st);
}

static void test_migrations(void **state)
{
	struct fixture *f = *state;
	struct store *st;
	struct journal_entry en;
	struct store_entries list;
	struct store_query q;
	struct err e;
	int64_t pid;

	/* A version-1 journal, as the first runcare wrote it, with rows
	 * written the way that runcare wrote them; the highest id was
	 * deleted, so the AUTOINCREMENT counter is ahead of the rows. */
	st = store_open_at(f->path, NULL, 1, &e);
	assert_non_null(st);
	assert_int_equal(pragma(st, "PRAGMA user_version"), 1);
	assert_int_equal(pragma(st, "SELECT count(*) FROM sqlite_schema"
				    " WHERE name = 'entry_run_file'"),
			 0);
	store_close(st);
	raw_exec(f->path,
		 "PRAGMA foreign_keys = ON;"
		 "INSERT INTO person (name) VALUES ('before');"
		 "INSERT INTO entry (person_id, date, kind, area, rest, run,"
		 "  morning) VALUES (1, '2026-08-01', 'pain', 'hip', 4, 5, 6);"
		 "INSERT INTO entry_symptom VALUES (1, 'hip_blocked');"
		 "INSERT INTO entry (person_id, date, kind, pressure)"
		 "  VALUES (1, '2026-08-02', 'massage', 5);"
		 "INSERT INTO entry_region VALUES (2, 'calf');"
		 "INSERT INTO entry (person_id, date, kind, distance_m)"
		 "  VALUES (1, '2026-08-03', 'run', 5000);"
		 "DELETE FROM entry WHERE id = 3;");

	/* Opening it with this runcare migrates it through every step,
	 * keeping every row, its sets and its id. */
	st = open_ok(f->path);
	assert_int_equal(pragma(st, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(pragma(st, "SELECT count(*) FROM sqlite_schema"
				    " WHERE name = 'entry_run_file'"),
			 1);
	assert_int_equal(pragma(st, "PRAGMA foreign_keys"), 1);
	pid = 1;
	assert_int_equal(count_entries(st, pid), 2);
	store_entries_init(&list);
	q = (struct store_query)STORE_QUERY_INIT(pid);
	OK_(store_entry_list(st, &q, &list, &e));
	assert_int_equal(list.v[0].id, 1);
	assert_int_equal(list.v[0].pain.symptoms, SYMPTOM_BIT(SYM_HIP_BLOCKED));
	assert_int_equal(list.v[0].pain.denied, 0);
	assert_int_equal(list.v[0].pain.side, SIDE__COUNT);
	assert_int_equal(list.v[1].massage.regions, 1u << REGION_CALF);
	store_entries_release(&list);
	/* A new entry never takes the deleted id 3. */
	full_entry(&en, JOURNAL_ASSESSMENT, pid);
	OK_(store_entry_add(st, &en, &e));
	assert_int_equal(en.id, 4);
	journal_entry_release(&en);
	full_entry(&en, JOURNAL_RUN, pid);
	OK_(store_entry_add(st, &en, &e));
	en.id = 0;
	assert_int_equal(store_entry_add(st, &en, &e), 1);
	journal_entry_release(&en);
	/* Deleting an entry still takes its sets with it. */
	OK_(store_entry_delete(st, 1, &e));
	assert_int_equal(pragma(st, "SELECT count(*) FROM entry_symptom"), 0);
	store_close(st);

	/* Every step ran in its own transaction: a step that fails leaves
	 * the journal at the version before it. */
	unlink(f->path);
	st = store_open_at(f->path, NULL, 1, &e);
	store_close(st);
	raw_exec(f->path, "CREATE TABLE entry_by_person_date (x)");
	assert_null(store_open(f->path, NULL, &e));
	st = store_open_at(f->path, NULL, 1, &e);
	assert_non_null(st);
	assert_int_equal(pragma(st, "PRAGMA user_version"), 1);
	assert_int_equal(pragma(st, "SELECT count(*) FROM sqlite_schema"
				    " WHERE name = 'entry_run_file'"),
			 0);
	store_close(st);

	/* The rebuild of step 3 fails cleanly too: at version 2, rows and
	 * foreign keys as they were. */
	unlink(f->path);
	st = store_open_at(f->path, NULL, 2, &e);
	store_close(st);
	raw_exec(f->path, "INSERT INTO person (name) VALUES ('p');"
			  "INSERT INTO entry (person_id, date, kind)"
			  "  VALUES (1, '2026-08-01', 'run');"
			  "CREATE TABLE entry_denied (x);");
	assert_null(store_open(f->path, NULL, &e));
	st = store_open_at(f->path, NULL, 2, &e);
	assert_non_null(st);
	assert_int_equal(pragma(st, "PRAGMA user_version"), 2);
	assert_int_equal(pragma(st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(pragma(st, "SELECT count(*) FROM entry"), 1);
	store_close(st);
}

/* ---- Export and erase ---- */

/* Fields in one CSV record (quotes respected); advances *p past it. */
static int csv_fields(const char **p)
{
	const char *s = *p;
	int n = 1;
	bool quoted = false;

	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && *s == ',')
			n++;
		else if (!quoted && *s == '\r' && s[1] == '\n') {
			s += 2;
			break;
		}
	}
	*p = s;
	return n;
}

static void test_export(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->path);
	int64_t pid = person(st, "Ann"), other = person(st, "Bo");
	struct strbuf out = STRBUF_INIT;
	struct journal_entry en;
	enum store_export_format fmt;
	struct err e;
	const char *p;
	int header, lines = 0;

	for (int k = 0; k < JOURNAL_KIND__COUNT; k++) {
		full_entry(&en, (enum journal_kind)k, pid);
		OK_(store_entry_add(st, &en, &e));
		journal_entry_release(&en);
	}
	add_pain(st, other, "2026-01-01", AREA_KNEE, 9, 9, 9, 0);

	assert_int_equal(store_export_format_parse("json", &fmt), 0);
	assert_int_equal(store_export_format_parse("xml", &fmt), -1);
	OK_(store_export(st, pid, STORE_EXPORT_JSON, &out, &e));
	static const char *const want[] = {
		"\"format\":\"runcare-export\"", "\"name\":\"Ann\"",
		"\"episodes\":[{", "\"area\":\"achilles\"",
		"\"symptoms\":[\"night_pain\",\"tight\",\"limp_after\"]",
		"\"flare_hours\":30.5", "\"felt\":\"bruised_or_limping\"",
		("\"marks\":{\"symptoms_checked\":true,\"pressure_matched\":null,"
		 "\"beyond_painful_spot\":null,\"aftercare_given\":false}"),
		"\"start\":\"2026-10-04T08:00:00Z\"", "\"distance_m\":10012.5",
		"\"note\":\"easy, \\\"flat\\\", line\\nbreak\"",
		"\"regions\":[\"calf\",\"achilles_tendon\"]",
		"\"denied\":[\"nerve_symptoms\",\"stride_change\"]",
		"\"side\":\"right\"", "\"kind\":\"assessment\"",
		"\"outcome\":\"refer\"", "\"by\":\"Dr Rao, sports physio\"",
		"\"note\":\"x-ray, \\\"next week\\\"\"",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strstr(out.buf, want[i]) == NULL)
			fail_msg("export lacks %s:\n%s", want[i], out.buf);
	assert_null(strstr(out.buf, "\"Bo\""));
	assert_null(strstr(out.buf, "\"rest\":9"));

	strbuf_reset(&out);
	OK_(store_export(st, pid, STORE_EXPORT_CSV, &out, &e));
	p = out.buf;
	header = csv_fields(&p);
	assert_int_equal(header, 35);
	while (*p) {
		assert_int_equal(csv_fields(&p), header);
		lines++;
	}
	assert_int_equal(lines, 5);	/* one episode, four entries */
	assert_non_null(strstr(out.buf, "\"easy, \"\"flat\"\", line\nbreak\""));

	assert_int_equal(store_export(st, 12345, STORE_EXPORT_CSV, &out, &e),
			 -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	strbuf_release(&out);
	store_close(st);
}

/* Whether the file holds the bytes of needle anywhere. */
static bool file_has(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;
	bool found = false;

	if (fp == NULL)
		return false;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	found = memmem(sb.buf, sb.len, needle, strlen(needle)) != NULL;
	strbuf_release(&sb);
	return found;
}

static void test_erase_leaves_no_copy(void **state)
{
	struct fixture *f = *state;
	struct store_options quick = { .busy_timeout_ms = 100 };
	struct store *st = store_open(f->path, &quick, NULL), *reader;
	int64_t gone = person(st, "Quentin Erasable");
	int64_t kept = person(st, "Kept Person");
	struct store_person p;
	struct journal_entry en;
	char wal[320];
	struct stat sb;
	struct err e;

	OK_(store_begin(st, &e));
	for (int i = 0; i < 50; i++) {
		journal_entry_init(&en, JOURNAL_RUN, day_of("2026-11-01") + i);
		en.person_id = gone;
		journal_set_str(&en.run.note, "PRIVATE-NOTE-ABOUT-QUENTIN");
		OK_(store_entry_add(st, &en, &e));
		journal_entry_release(&en);
		add_pain(st, gone, "2026-11-01", AREA_HEEL, 2, 3, 4, 0);
	}
	OK_(store_commit(st, &e));
	add_pain(st, kept, "2026-11-01", AREA_KNEE, 7, 7, 7, 0);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	assert_true(file_has(wal, "PRIVATE-NOTE-ABOUT-QUENTIN") ||
		    file_has(f->path, "PRIVATE-NOTE-ABOUT-QUENTIN"));

	/* Another program reading: the rows go, but the WAL cannot be cut
	 * yet, and erase says so. */
	reader = store_open(f->path, &quick, &e);
	assert_non_null(reader);
	OK_(store_read_begin(reader, &e));
	assert_int_equal(count_entries(reader, gone), 100);
	assert_int_equal(store_person_erase(st, gone, &e), -1);
	assert_int_equal(e.code, ERR_TEMPFAIL);
	assert_non_null(strstr(e.msg, "has the journal open"));
	assert_int_equal(store_person_get(st, gone, &p, &e), -1);
	assert_int_equal(store_scrub(st, &e), -1);
	assert_int_equal(e.code, ERR_TEMPFAIL);
	store_read_end(reader);
	store_close(reader);

	/* With nobody else, the log is cut to nothing. */
	OK_(store_scrub(st, &e));
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	assert_false(file_has(f->path, "PRIVATE-NOTE-ABOUT-QUENTIN"));
	assert_false(file_has(f->path, "Quentin Erasable"));
	assert_false(file_has(wal, "PRIVATE-NOTE-ABOUT-QUENTIN"));
	assert_int_equal(count_entries(st, gone), 0);
	assert_int_equal(count_entries(st, kept), 1);
	assert_int_equal(store_person_erase(st, gone, &e), -1);
	assert_int_equal(e.code, ERR_NOINPUT);
	assert_int_equal(pragma(st, "SELECT count(*) FROM episode"), 1);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T_(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T_(test_default_path_modes_and_pragmas),
		T_(test_foreign_newer_and_corrupt_files),
		T_(test_damaged_pages),
		T_(test_read_only_and_missing_folders),
		T_(test_locked_journal),
		T_(test_full_disk),
		T_(test_read_only_option),
		T_(test_people),
		T_(test_entry_round_trip),
		T_(test_entry_update_delete_and_errors),
		T_(test_entry_validation),
		T_(test_run_file_added_once),
		T_(test_same_run_stored_once),
		T_(test_list_filters),
		T_(test_episodes),
		T_(test_transactions),
		T_(test_migrations),
		T_(test_migration_keeps_run_files),
		T_(test_export),
		T_(test_erase_leaves_no_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
