/*
 * store.c - the journal in a SQLite file (see store.h).
 *
 * A struct store wraps one sqlite3 connection. Opening sets the pragmas
 * health records need (WAL, synchronous=FULL, foreign keys, secure_delete,
 * a busy timeout), checks that the file is a runcare journal of a version
 * this program understands and migrates an older one a step at a time,
 * each step in its own transaction. Every write runs in a transaction: the
 * caller's (store_begin) as a savepoint, or one of its own. SQLite's result
 * codes are turned into struct err classes in one place, db_fail().
 */
#include "store/store.h"
#include "engine/history.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include "store/store_priv.h"

/* "rcj1" (runcare journal), so a stranger's SQLite file is not mistaken
 * for ours. */
#define STORE_APPLICATION_ID 0x72636a31

struct store {
	sqlite3 *db;
	char *path;
	int busy_ms;
	bool in_tx;		/* inside store_begin .. store_commit */
	int read_depth;		/* nested store_read_begin calls */
	bool read_tx;		/* the outermost of them began a transaction */
	bool aborted;		/* SQLite undid the caller's transaction */
	int op_depth;		/* writes in progress (op_begin .. op_end) */
};

/*
 * The migrations: migrations[i] takes a journal from version i to i + 1.
 * Ids are AUTOINCREMENT so that an id, once shown (`log edit 12`, a link
 * in a web page), never comes to mean another entry after a delete.
 * Never edit a step that has shipped; add a new one and raise
 * STORE_SCHEMA_VERSION.
 */
struct migration {
	const char *sql;
	/* The step rebuilds a table (SQLite cannot change a CHECK in
	 * place), so it runs with foreign keys off, as SQLite's procedure
	 * for other schema changes asks, and is checked before it commits. */
	bool rebuilds;
};

static const struct migration migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: people, episodes and entries. */
	{ "CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100));"
	"CREATE TABLE episode ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  area TEXT NOT NULL,"
	"  start_date TEXT NOT NULL,"
	"  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date));"
	"CREATE TABLE entry ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('pain', 'massage', 'run')),"
	"  area TEXT, rest INTEGER, run INTEGER, morning INTEGER,"
	"  pressure INTEGER, flare_hours REAL, bruised_or_limping INTEGER,"
	"  type TEXT, felt TEXT, symptoms_checked INTEGER,"
	"  pressure_matched INTEGER, beyond_painful_spot INTEGER,"
	"  aftercare_given INTEGER,"
	"  start_utc INTEGER, distance_m REAL, moving_s REAL, elapsed_s REAL,"
	"  climb_m REAL, descent_m REAL, avg_hr INTEGER, note TEXT,"
	"  source TEXT, sha256 TEXT, sport TEXT);"
	"CREATE TABLE entry_symptom ("
	"  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
	"  symptom TEXT NOT NULL,"
	"  PRIMARY KEY (entry_id, symptom)) WITHOUT ROWID;"
	"CREATE TABLE entry_region ("
	"  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
	"  region TEXT NOT NULL,"
	"  PRIMARY KEY (entry_id, region)) WITHOUT ROWID;", false },
	/* 1 -> 2: indexes for listing by date and for imports, and one run
	 * per file per person. */
	{ "CREATE INDEX entry_by_person_date ON entry (person_id, date, id);"
	"CREATE UNIQUE INDEX entry_run_file ON entry (person_id, sha256)"
	"  WHERE sha256 IS NOT NULL;"
	"CREATE INDEX episode_by_person ON episode (person_id, area, start_date);",
	false },
	/* 2 -> 3: assessments (a new kind, with outcome and who assessed),
	 * the side of a pain, and the symptoms a person denied. The entry
	 * table is rebuilt for its new CHECK; ids and the AUTOINCREMENT
	 * counter are kept, so an id once shown keeps its meaning. */
	{ "CREATE TEMP TABLE keep_seq AS"
	"  SELECT seq FROM sqlite_sequence WHERE name = 'entry';"
	"CREATE TABLE entry_new ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL"
	"    CHECK (kind IN ('pain', 'massage', 'run', 'assessment')),"
	"  area TEXT, rest INTEGER, run INTEGER, morning INTEGER,"
	"  pressure INTEGER, flare_hours REAL, bruised_or_limping INTEGER,"
	"  type TEXT, felt TEXT, symptoms_checked INTEGER,"
	"  pressure_matched INTEGER, beyond_painful_spot INTEGER,"
	"  aftercare_given INTEGER,"
	"  start_utc INTEGER, distance_m REAL, moving_s REAL, elapsed_s REAL,"
	"  climb_m REAL, descent_m REAL, avg_hr INTEGER, note TEXT,"
	"  source TEXT, sha256 TEXT, sport TEXT,"
	"  side TEXT CHECK (side IS NULL OR side IN ('left', 'right', 'both')),"
	"  outcome TEXT"
	"    CHECK (outcome IS NULL OR outcome IN ('cleared', 'refer', 'treat')),"
	"  assessed_by TEXT);"
	"INSERT INTO entry_new (id, person_id, date, kind, area, rest, run,"
	"  morning, pressure, flare_hours, bruised_or_limping, type, felt,"
	"  symptoms_checked, pressure_matched, beyond_painful_spot,"
	"  aftercare_given, start_utc, distance_m, moving_s, elapsed_s, climb_m,"
	"  descent_m, avg_hr, note, source, sha256, sport)"
	"  SELECT id, person_id, date, kind, area, rest, run, morning, pressure,"
	"  flare_hours, bruised_or_limping, type, felt, symptoms_checked,"
	"  pressure_matched, beyond_painful_spot, aftercare_given, start_utc,"
	"  distance_m, moving_s, elapsed_s, climb_m, descent_m, avg_hr, note,"
	"  source, sha256, sport FROM entry;"
	"DROP TABLE entry;"
	"ALTER TABLE entry_new RENAME TO entry;"
	"DELETE FROM sqlite_sequence WHERE name = 'entry';"
	"INSERT INTO sqlite_sequence (name, seq) SELECT 'entry',"
	"  max(coalesce((SELECT seq FROM keep_seq), 0),"
	"      coalesce((SELECT max(id) FROM entry), 0));"
	"DROP TABLE keep_seq;"
	"CREATE INDEX entry_by_person_date ON entry (person_id, date, id);"
	"CREATE UNIQUE INDEX entry_run_file ON entry (person_id, sha256)"
	"  WHERE sha256 IS NOT NULL;"
	"CREATE TABLE entry_denied ("
	"  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
	"  symptom TEXT NOT NULL,"
	"  PRIMARY KEY (entry_id, symptom)) WITHOUT ROWID;",
	true },
	/* 3 -> 4: every file a run came from. One activity may arrive as
	 * .fit, .tcx and .gpx; it is stored once, and each file's hash
	 * points at that one entry, so none of them is imported again. */
	{ "CREATE TABLE run_file ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  sha256 TEXT NOT NULL,"
	"  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (person_id, sha256)) WITHOUT ROWID;"
	"CREATE INDEX run_file_by_entry ON run_file (entry_id);"
	"INSERT INTO run_file (person_id, sha256, entry_id)"
	"  SELECT person_id, sha256, id FROM entry WHERE sha256 IS NOT NULL;",
	false },
};

/* ---- Errors ---- */

/*
 * Turn a failed SQLite call into an error of the right class. what says
 * what we were doing ("add the entry"), for the message.
 */
static int db_fail(struct store *st, int rc, const char *what, struct err *e)
{
	const char *msg = st->db != NULL ? sqlite3_errmsg(st->db) : "";

	if (st->in_tx && st->db != NULL && sqlite3_get_autocommit(st->db)) {
		/* SQLite rolled the whole transaction back (disk full...). */
		st->in_tx = false;
		st->aborted = true;
	}
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, ERR_TEMPFAIL,
			       "%s: the journal is in use by another program (waited %d s); try again",
			       st->path, (st->busy_ms + 999) / 1000);
	case SQLITE_FULL:
		return err_set(e, ERR_IO,
			       "%s: could not %s: the disk is full", st->path,
			       what);
	case SQLITE_READONLY:
		return err_set(e, ERR_IO,
			       "%s: could not %s: the journal or its folder is read-only",
			       st->path, what);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return err_set(e, ERR_IO, "%s: could not %s: %s", st->path,
			       what, msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, ERR_DATA,
			       "%s: the file is damaged or is not a runcare journal",
			       st->path);
	case SQLITE_CONSTRAINT:
		return err_set(e, ERR_DATA, "could not %s: %s", what, msg);
	default:
		return err_set(e, ERR_SOFTWARE, "%s: could not %s: %s",
			       st->path, what, msg);
	}
}

/* ---- Small statement helpers ---- */

static sqlite3_stmt *prepare(struct store *st, const char *sql,
			     const char *what, struct err *e)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);

	if (rc != SQLITE_OK) {
		db_fail(st, rc, what, e);
		sqlite3_finalize(stmt);
		return NULL;
	}
	return stmt;
}

static int exec(struct store *st, const char *sql, const char *what,
		struct err *e)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail(st, rc, what, e);
}

/* Step a statement that returns no row; 0 or -1. */
static int step_done(struct store *st, sqlite3_stmt *stmt, const char *what,
		     struct err *e)
{
	int rc = sqlite3_step(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(st, rc, what, e);
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_int_unset(sqlite3_stmt *s, int i, long long v,
			   long long unset)
{
	if (v != unset)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static void bind_real(sqlite3_stmt *s, int i, double v)
{
	if (v != JOURNAL_UNSET)
		sqlite3_bind_double(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static void bind_date(sqlite3_stmt *s, int i, int32_t day)
{
	char buf[DATE_BUF];

	if (day == DATE_NONE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, date_format(day, buf), -1,
				  SQLITE_TRANSIENT);
}

static int col_int(sqlite3_stmt *s, int i, int unset)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL
		       ? unset
		       : sqlite3_column_int(s, i);
}

static double col_real(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL
		       ? JOURNAL_UNSET
		       : sqlite3_column_double(s, i);
}

static const char *col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Read a date column; DATE_NONE for NULL, -1 with e set when garbled. */
static int col_date(struct store *st, sqlite3_stmt *s, int i, int32_t *out,
		    struct err *e)
{
	const char *t = col_text(s, i);

	if (t == NULL) {
		*out = DATE_NONE;
		return 0;
	}
	if (date_parse(t, strlen(t), out, NULL) < 0)
		return err_set(e, ERR_DATA, "%s: bad date \"%s\" in the journal",
			       st->path, t);
	return 0;
}

/* ---- Transactions ---- */

int store_begin(struct store *st, struct err *e)
{
	if (st->in_tx || st->read_tx)
		return err_set(e, ERR_SOFTWARE, "a transaction is already open");
	if (exec(st, "BEGIN IMMEDIATE", "start a transaction", e) < 0)
		return -1;
	st->in_tx = true;
	st->aborted = false;
	return 0;
}

int store_commit(struct store *st, struct err *e)
{
	int rc;

	if (!st->in_tx) {
		if (st->aborted) {
			st->aborted = false;
			return err_set(e, ERR_IO,
				       "%s: nothing was saved: an earlier error undid the transaction",
				       st->path);
		}
		return err_set(e, ERR_SOFTWARE, "no transaction is open");
	}
	rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		db_fail(st, rc, "save", e);
		store_rollback(st);
		return -1;
	}
	st->in_tx = false;
	return 0;
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
	st->aborted = false;
}

/*
 * Every write goes between op_begin and op_end: inside the caller's
 * transaction as a savepoint (a failed call undoes only itself), else as
 * a transaction of its own that takes the write lock at once.
 */
static int op_begin(struct store *st, struct err *e)
{
	int rc;

	if (st->read_tx)
		return err_set(e, ERR_SOFTWARE, "a write inside a read transaction");
	if (st->in_tx || st->op_depth > 0)
		rc = exec(st, "SAVEPOINT op", "start a change", e);
	else
		rc = exec(st, "BEGIN IMMEDIATE", "start a change", e);
	if (rc == 0)
		st->op_depth++;
	return rc;
}

static int op_end(struct store *st, int ok, struct err *e)
{
	int rc;

	st->op_depth--;
	if (st->in_tx || st->op_depth > 0) {
		if (sqlite3_get_autocommit(st->db))
			return ok ? 0 : -1;	/* SQLite undid it all */
		if (!ok)
			sqlite3_exec(st->db, "ROLLBACK TO op", NULL, NULL, NULL);
		sqlite3_exec(st->db, "RELEASE op", NULL, NULL, NULL);
		return ok ? 0 : -1;
	}
	if (!ok) {
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		db_fail(st, rc, "save", e);
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int store_read_begin(struct store *st, struct err *e)
{
	if (st->read_depth == 0 && !st->in_tx && st->op_depth == 0) {
		if (exec(st, "BEGIN", "read the journal", e) < 0)
			return -1;
		st->read_tx = true;
	}
	st->read_depth++;
	return 0;
}

void store_read_end(struct store *st)
{
	if (st->read_depth == 0 || --st->read_depth > 0 || !st->read_tx)
		return;
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	st->read_tx = false;
}

/* ---- Opening ---- */

int store_default_path(struct strbuf *out, struct err *e)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/') {
		strbuf_addf(out, "%s/runcare/runcare.db", xdg);
		return 0;
	}
	if (home == NULL || home[0] != '/')
		return err_set(e, ERR_CONFIG,
			       "cannot find the journal: neither XDG_DATA_HOME nor HOME is set (use --db PATH)");
	strbuf_addf(out, "%s/.local/share/runcare/runcare.db", home);
	return 0;
}

/* mkdir -p the folder of path, each new folder mode 0700. */
static int make_parents(const char *path, struct err *e)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int ret = 0;

	if (slash == NULL || slash == dir)
		goto done;
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			ret = err_set(e, ERR_IO, "cannot create the folder %s: %s",
				      dir, strerror(errno));
			goto done;
		}
		*p = c;
		if (c == '\0')
			break;
	}
done:
	free(dir);
	return ret;
}

/*
 * Create the file with mode 0600 before SQLite sees it (SQLite would use
 * 0644), and explain a missing or read-only folder in plain words. An
 * existing file is left as it is.
 */
static int create_file(const char *path, struct err *e)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) == 0)
		return 0;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		if (errno == ENOENT)
			return err_set(e, ERR_IO,
				       "cannot create the journal %s: its folder does not exist",
				       path);
		if (errno == EACCES || errno == EROFS)
			return err_set(e, ERR_IO,
				       "cannot create the journal %s: the folder is read-only",
				       path);
		return err_set(e, ERR_IO, "cannot create the journal %s: %s",
			       path, strerror(errno));
	}
	fchmod(fd, 0600);
	close(fd);
	return 0;
}

/* Read one integer pragma. */
static int pragma_int(struct store *st, const char *sql, int *out,
		      struct err *e)
{
	sqlite3_stmt *s = prepare(st, sql, "read the journal", e);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return db_fail(st, rc, "read the journal", e);
	}
	*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

/* Refuse files that are not ours or are too new for us. */
static int check_identity(struct store *st, int *version, struct err *e)
{
	int app = 0, tables = 0;

	if (pragma_int(st, "PRAGMA user_version", version, e) < 0 ||
	    pragma_int(st, "PRAGMA application_id", &app, e) < 0 ||
	    pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables, e) < 0)
		return -1;
	if ((app != 0 && app != STORE_APPLICATION_ID) ||
	    (app == 0 && tables > 0))
		return err_set(e, ERR_DATA, "%s: not a runcare journal",
			       st->path);
	if (*version > STORE_SCHEMA_VERSION)
		return err_set(e, ERR_DATA,
			       "%s: written by a newer runcare (journal version %d, this runcare knows up to %d); update runcare, the journal is left as it is",
			       st->path, *version, STORE_SCHEMA_VERSION);
	if (*version < 0)
		return err_set(e, ERR_DATA, "%s: not a runcare journal",
			       st->path);
	return 0;
}

/* Bring the schema from its version up to target, one step per
 * transaction; another runcare may be migrating at the same time, so the
 * version is read again under the write lock. */
static int migrate(struct store *st, int target, struct err *e)
{
	bool fk_off = false;

	for (;;) {
		int v, broken = 0;
		char sql[96];

		if (exec(st, "BEGIN IMMEDIATE", "upgrade the journal", e) < 0)
			goto fail;
		if (pragma_int(st, "PRAGMA user_version", &v, e) < 0)
			goto fail;
		if (v >= target) {
			exec(st, "COMMIT", "upgrade the journal", NULL);
			break;
		}
		if (migrations[v].rebuilds && !fk_off) {
			/* The pragma is a no-op inside a transaction: end it,
			 * switch, and read the version again. */
			exec(st, "COMMIT", "upgrade the journal", NULL);
			if (exec(st, "PRAGMA foreign_keys = OFF",
				 "upgrade the journal", e) < 0)
				goto fail;
			fk_off = true;
			continue;
		}
		snprintf(sql, sizeof sql,
			 "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 v + 1, STORE_APPLICATION_ID);
		if (exec(st, migrations[v].sql, "upgrade the journal", e) < 0 ||
		    (migrations[v].rebuilds &&
		     pragma_int(st, "SELECT count(*) FROM pragma_foreign_key_check",
				&broken, e) < 0))
			goto fail;
		if (broken != 0) {
			err_set(e, ERR_DATA,
				"%s: upgrade the journal: %d rows point at "
				"nothing; the journal is left as it was",
				st->path, broken);
			goto fail;
		}
		if (exec(st, sql, "upgrade the journal", e) < 0 ||
		    exec(st, "COMMIT", "upgrade the journal", e) < 0)
			goto fail;
	}
	if (fk_off && exec(st, "PRAGMA foreign_keys = ON", "upgrade the journal",
			   e) < 0)
		return -1;
	return 0;
fail:
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (fk_off)
		sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return -1;
}

struct store *store_open_at(const char *path, const struct store_options *opts,
			    int max_version, struct err *e)
{
	struct store *st = xcalloc(1, sizeof *st);
	struct strbuf def = STRBUF_INIT;
	bool ro = opts != NULL && opts->read_only;
	int flags, rc, version;

	st->busy_ms = opts != NULL && opts->busy_timeout_ms > 0
			      ? opts->busy_timeout_ms
			      : STORE_BUSY_TIMEOUT_MS;
	if (path == NULL) {
		if (store_default_path(&def, e) < 0)
			goto fail;
		path = def.buf;
		if (!ro && make_parents(path, e) < 0)
			goto fail;
	}
	st->path = xstrdup(path);
	if (path[0] == '\0') {
		/* SQLite would open a private temporary database. */
		err_set(e, ERR_USAGE, "the journal path is empty");
		goto fail;
	}
	if (ro) {
		if (access(path, R_OK) < 0) {
			err_set(e, ERR_NOINPUT, "cannot open the journal %s: %s",
				path, strerror(errno));
			goto fail;
		}
	} else if (create_file(path, e) < 0) {
		goto fail;
	}
	flags = (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		db_fail(st, rc, "open the journal", e);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, st->busy_ms);
	if (exec(st, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
		 "open the journal", e) < 0)
		goto fail;
	if (check_identity(st, &version, e) < 0)
		goto fail;
	if (!ro) {
		/* WAL and FULL sync: a commit reported as saved survives a
		 * crash or a power cut. */
		if (exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
			 "open the journal", e) < 0)
			goto fail;
		if (version < max_version && migrate(st, max_version, e) < 0)
			goto fail;
	} else if (version < STORE_SCHEMA_VERSION && max_version > version) {
		err_set(e, ERR_DATA,
			"%s: the journal needs an upgrade; open it once without read-only",
			path);
		goto fail;
	}
	strbuf_release(&def);
	return st;
fail:
	strbuf_release(&def);
	store_close(st);
	return NULL;
}

struct store *store_open(const char *path, const struct store_options *opts,
			 struct err *e)
{
	return store_open_at(path, opts, STORE_SCHEMA_VERSION, e);
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->db != NULL) {
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close_v2(st->db);
	}
	free(st->path);
	free(st);
}

const char *store_path(const struct store *st)
{
	return st->path;
}

struct sqlite3 *store_sqlite(struct store *st)
{
	return st->db;
}

/* ---- People ---- */

/* A name is 1..STORE_NAME_MAX bytes of UTF-8 without control characters. */
static int check_name(const char *name, struct err *e)
{
	size_t n = name != NULL ? strlen(name) : 0;
	const unsigned char *p = (const unsigned char *)name;

	if (n == 0 || n > STORE_NAME_MAX)
		return err_set(e, ERR_DATA,
			       "person: a name must be 1 to %d bytes long",
			       STORE_NAME_MAX);
	for (const unsigned char *end = p + n; p < end;) {
		size_t len = utf8_seq_len(p, (size_t)(end - p));

		if (len == 0)
			goto bad;
		if (*p < 0x20 || *p == 0x7f)
			return err_set(e, ERR_DATA,
				       "person: a name may not hold control characters");
		p += len;
	}
	return 0;
bad:
	return err_set(e, ERR_DATA, "person: the name is not valid UTF-8");
}

int store_person_add(struct store *st, const char *name, int64_t *id,
		     struct err *e)
{
	sqlite3_stmt *s = NULL;
	struct store_person p;
	int ok = 0;

	if (check_name(name, e) < 0)
		return -1;
	if (op_begin(st, e) < 0)
		return -1;
	if (store_person_find(st, name, &p, NULL) == 0) {
		err_set(e, ERR_DATA, "person: \"%s\" is already in the journal",
			name);
		goto done;
	}
	s = prepare(st, "INSERT INTO person (name) VALUES (?)", "add the person",
		    e);
	if (s == NULL)
		goto done;
	bind_text(s, 1, name);
	if (step_done(st, s, "add the person", e) < 0)
		goto done;
	*id = sqlite3_last_insert_rowid(st->db);
	ok = 1;
done:
	sqlite3_finalize(s);
	return op_end(st, ok, e);
}

static int person_query(struct store *st, const char *sql, const char *name,
			int64_t id, struct store_person *out, struct err *e)
{
	sqlite3_stmt *s = prepare(st, sql, "read the journal", e);
	int rc;

	if (s == NULL)
		return -1;
	if (name != NULL)
		bind_text(s, 1, name);
	else
		sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		snprintf(out->name, sizeof out->name, "%s", col_text(s, 1));
		sqlite3_finalize(s);
		return 0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, rc, "read the journal", e);
	if (name != NULL)
		return err_set(e, ERR_NOINPUT,
			       "no person called \"%s\" in the journal", name);
	return err_set(e, ERR_NOINPUT, "no person with id %lld in the journal",
		       (long long)id);
}

int store_person_find(struct store *st, const char *name,
		      struct store_person *out, struct err *e)
{
	return person_query(st, "SELECT id, name FROM person WHERE name = ?",
			    name, 0, out, e);
}

int store_person_get(struct store *st, int64_t id, struct store_person *out,
		     struct err *e)
{
	return person_query(st, "SELECT id, name FROM person WHERE id = ?",
			    NULL, id, out, e);
}

int store_person_list(struct store *st, struct store_person **out,
		      size_t *n, struct err *e)
{
	sqlite3_stmt *s = prepare(st, "SELECT id, name FROM person ORDER BY name",
				  "list people", e);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 4;
			*out = xrealloc(*out, alloc * sizeof **out);
		}
		(*out)[*n].id = sqlite3_column_int64(s, 0);
		snprintf((*out)[*n].name, sizeof(*out)[*n].name, "%s",
			 col_text(s, 1));
		(*n)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fail(st, rc, "list people", e);
	}
	return 0;
}

int store_person_resolve(struct store *st, const char *name, bool create,
			 struct store_person *out, struct err *e)
{
	struct store_person *all = NULL;
	size_t n = 0;
	int ret = -1;

	if (name != NULL) {
		struct err e2;
		err_clear(&e2);
		if (store_person_find(st, name, out, &e2) == 0)
			return 0;
		if (e2.code != ERR_NOINPUT || !create) {
			if (e != NULL)
				*e = e2;
			return -1;
		}
		if (store_person_add(st, name, &out->id, e) < 0)
			return -1;
		snprintf(out->name, sizeof out->name, "%s", name);
		return 0;
	}
	if (store_person_list(st, &all, &n, e) < 0)
		return -1;
	if (n == 1) {
		*out = all[0];
		ret = 0;
	} else if (n > 1) {
		err_set(e, ERR_USAGE,
			"the journal holds %zu people; choose one with --person NAME",
			n);
	} else if (!create) {
		err_set(e, ERR_NOINPUT, "the journal is empty: log something first");
	} else if (store_person_add(st, STORE_DEFAULT_PERSON, &out->id, e) == 0) {
		snprintf(out->name, sizeof out->name, "%s",
			 STORE_DEFAULT_PERSON);
		ret = 0;
	}
	free(all);
	return ret;
}

int store_person_rename(struct store *st, int64_t id, const char *name,
			struct err *e)
{
	sqlite3_stmt *s = NULL;
	struct store_person p;
	int ok = 0;

	if (check_name(name, e) < 0 || op_begin(st, e) < 0)
		return -1;
	if (store_person_get(st, id, &p, e) < 0)
		goto done;
	if (store_person_find(st, name, &p, NULL) == 0 && p.id != id) {
		err_set(e, ERR_DATA, "person: \"%s\" is already in the journal",
			name);
		goto done;
	}
	s = prepare(st, "UPDATE person SET name = ? WHERE id = ?",
		    "rename the person", e);
	if (s == NULL)
		goto done;
	bind_text(s, 1, name);
	sqlite3_bind_int64(s, 2, id);
	ok = step_done(st, s, "rename the person", e) == 0;
done:
	sqlite3_finalize(s);
	return op_end(st, ok, e);
}

int store_person_erase(struct store *st, int64_t id, struct err *e)
{
	sqlite3_stmt *s = NULL;
	int ok = 0;

	if (st->in_tx || st->read_tx || st->op_depth > 0)
		return err_set(e, ERR_SOFTWARE,
			       "erase cannot run inside a transaction");
	if (op_begin(st, e) < 0)
		return -1;
	s = prepare(st, "DELETE FROM person WHERE id = ?", "erase the person",
		    e);
	if (s == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	if (step_done(st, s, "erase the person", e) < 0)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		err_set(e, ERR_NOINPUT, "no person with id %lld in the journal",
			(long long)id);
		goto out;
	}
	ok = 1;
out:
	sqlite3_finalize(s);
	if (op_end(st, ok, e) < 0)
		return -1;
	/* The deleted pages were zeroed (secure_delete), but older copies
	 * may sit in the WAL until it is copied back and cut to zero. */
	if (store_scrub(st, e) < 0) {
		if (e != NULL && e->code == ERR_TEMPFAIL)
			err_set(e, ERR_TEMPFAIL,
				"%s: the person was erased, but another program has the journal open, so old copies stay in its write-ahead log until every program has closed it",
				st->path);
		return -1;
	}
	return 0;
}

int store_scrub(struct store *st, struct err *e)
{
	int rc, log = 0, done = 0;

	if (st->in_tx || st->read_tx || st->op_depth > 0)
		return err_set(e, ERR_SOFTWARE,
			       "cannot clear the write-ahead log inside a transaction");
	rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
				       &log, &done);
	if (rc != SQLITE_OK)
		return db_fail(st, rc, "clear the write-ahead log", e);
	return 0;
}

/* ---- Episodes ---- */

static int episode_row(struct store *st, sqlite3_stmt *s,
		       struct store_episode *ep, struct err *e)
{
	const char *area = col_text(s, 2);

	ep->id = sqlite3_column_int64(s, 0);
	ep->person_id = sqlite3_column_int64(s, 1);
	if (area == NULL || area_parse(area, strlen(area), &ep->area) < 0)
		return err_set(e, ERR_DATA, "%s: unknown area in episode %lld",
			       st->path, (long long)ep->id);
	if (col_date(st, s, 3, &ep->start, e) < 0 ||
	    col_date(st, s, 4, &ep->end, e) < 0)
		return -1;
	return 0;
}

static int check_episode(const struct store_episode *ep, struct err *e)
{
	if ((unsigned)ep->area >= AREA__COUNT)
		return err_set(e, ERR_DATA, "episode: unknown area");
	if (ep->start == DATE_NONE)
		return err_set(e, ERR_DATA, "episode: a start date is needed");
	if (ep->end != DATE_NONE && ep->end < ep->start)
		return err_set(e, ERR_DATA,
			       "episode: the end date is before the start date");
	return 0;
}

#define EPISODE_COLS "id, person_id, area, start_date, end_date"

int store_episode_add(struct store *st, struct store_episode *ep,
		      struct err *e)
{
	sqlite3_stmt *s = NULL;
	int ok = 0;

	if (check_episode(ep, e) < 0 || op_begin(st, e) < 0)
		return -1;
	s = prepare(st,
		    "INSERT INTO episode (person_id, area, start_date, end_date)"
		    " VALUES (?, ?, ?, ?)",
		    "add the episode", e);
	if (s == NULL)
		goto done;
	sqlite3_bind_int64(s, 1, ep->person_id);
	bind_text(s, 2, area_name(ep->area));
	bind_date(s, 3, ep->start);
	bind_date(s, 4, ep->end);
	if (step_done(st, s, "add the episode", e) < 0)
		goto done;
	ep->id = sqlite3_last_insert_rowid(st->db);
	ok = 1;
done:
	sqlite3_finalize(s);
	return op_end(st, ok, e);
}

int store_episode_get(struct store *st, int64_t id, struct store_episode *out,
		      struct err *e)
{
	sqlite3_stmt *s = prepare(st, "SELECT " EPISODE_COLS
				  " FROM episode WHERE id = ?",
				  "read the journal", e);
	int rc, ret;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		ret = episode_row(st, s, out, e);
	else if (rc == SQLITE_DONE)
		ret = err_set(e, ERR_NOINPUT, "no episode with id %lld",
			      (long long)id);
	else
		ret = db_fail(st, rc, "read the journal", e);
	sqlite3_finalize(s);
	return ret;
}

int store_episode_update(struct store *st, const struct store_episode *ep,
			 struct err *e)
{
	sqlite3_stmt *s = NULL;
	int ok = 0;

	if (check_episode(ep, e) < 0 || op_begin(st, e) < 0)
		return -1;
	s = prepare(st,
		    "UPDATE episode SET area = ?, start_date = ?, end_date = ?"
		    " WHERE id = ?",
		    "change the episode", e);
	if (s == NULL)
		goto done;
	bind_text(s, 1, area_name(ep->area));
	bind_date(s, 2, ep->start);
	bind_date(s, 3, ep->end);
	sqlite3_bind_int64(s, 4, ep->id);
	if (step_done(st, s, "change the episode", e) < 0)
		goto done;
	if (sqlite3_changes(st->db) == 0) {
		err_set(e, ERR_NOINPUT, "no episode with id %lld",
			(long long)ep->id);
		goto done;
	}
	ok = 1;
done:
	sqlite3_finalize(s);
	return op_end(st, ok, e);
}

/* Delete one row of table by id; ERR_NOINPUT names what when missing. */
static int delete_row(struct store *st, const char *sql, int64_t id,
		      const char *what, struct err *e)
{
	sqlite3_stmt *s = NULL;
	int ok = 0;

	if (op_begin(st, e) < 0)
		return -1;
	s = prepare(st, sql, "delete", e);
	if (s == NULL)
		goto done;
	sqlite3_bind_int64(s, 1, id);
	if (step_done(st, s, "delete", e) < 0)
		goto done;
	if (sqlite3_changes(st->db) == 0) {
		err_set(e, ERR_NOINPUT, "no %s with id %lld", what,
			(long long)id);
		goto done;
	}
	ok = 1;
done:
	sqlite3_finalize(s);
	return op_end(st, ok, e);
}

int store_episode_delete(struct store *st, int64_t id, struct err *e)
{
	return delete_row(st, "DELETE FROM episode WHERE id = ?", id, "episode",
			  e);
}

int store_episode_list(struct store *st, int64_t person_id,
		       struct store_episode **out, size_t *n, struct err *e)
{
	sqlite3_stmt *s = prepare(st, "SELECT " EPISODE_COLS
				  " FROM episode WHERE person_id = ?"
				  " ORDER BY start_date DESC, id DESC",
				  "list episodes", e);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, person_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 4;
			*out = xrealloc(*out, alloc * sizeof **out);
		}
		if (episode_row(st, s, &(*out)[*n], e) < 0)
			goto fail;
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		db_fail(st, rc, "list episodes", e);
		goto fail;
	}
	sqlite3_finalize(s);
	return 0;
fail:
	sqlite3_finalize(s);
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}

int store_episode_current(struct store *st, int64_t person_id,
			  enum area area, int32_t day,
			  struct store_episode *out, struct err *e)
{
	sqlite3_stmt *s = prepare(st, "SELECT " EPISODE_COLS
				  " FROM episode WHERE person_id = ? AND area = ?"
				  " AND start_date <= ?"
				  " AND (end_date IS NULL OR end_date >= ?)"
				  " ORDER BY end_date IS NOT NULL, start_date DESC"
				  " LIMIT 1",
				  "read the journal", e);
	int rc, ret;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, person_id);
	bind_text(s, 2, area_name(area));
	bind_date(s, 3, day);
	bind_date(s, 4, day);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		ret = episode_row(st, s, out, e) < 0 ? -1 : 1;
	else if (rc == SQLITE_DONE)
		ret = 0;
	else
		ret = db_fail(st, rc, "read the journal", e);
	sqlite3_finalize(s);
	return ret;
}

/*
 * A pain entry belongs to an episode of its area: the one covering its day,
 * else an open one that starts later (a back-dated entry moves its start),
 * else a new one.
 */
static int attach_episode(struct store *st, const struct journal_entry *en,
			  struct err *e)
{
	struct store_episode ep;
	sqlite3_stmt *s;
	int rc, found;

	found = store_episode_current(st, en->person_id, en->pain.area, en->day,
				      &ep, e);
	if (found != 0)
		return found < 0 ? -1 : 0;
	s = prepare(st, "UPDATE episode SET start_date = ? WHERE id = ("
		    " SELECT id FROM episode WHERE person_id = ? AND area = ?"
		    " AND end_date IS NULL AND start_date > ?"
		    " ORDER BY start_date LIMIT 1)",
		    "open an episode", e);
	if (s == NULL)
		return -1;
	bind_date(s, 1, en->day);
	sqlite3_bind_int64(s, 2, en->person_id);
	bind_text(s, 3, area_name(en->pain.area));
	bind_date(s, 4, en->day);
	rc = step_done(st, s, "open an episode", e);
	sqlite3_finalize(s);
	if (rc < 0)
		return -1;
	if (sqlite3_changes(st->db) > 0)
		return 0;
	ep.person_id = en->person_id;
	ep.area = en->pain.area;
	ep.start = en->day;
	ep.end = DATE_NONE;
	return store_episode_add(st, &ep, e);
}

/* ---- Entries ---- */

#define ENTRY_COLS                                                            \
	"id, person_id, date, kind, area, rest, run, morning, pressure,"     \
	" flare_hours, bruised_or_limping, type, felt, symptoms_checked,"     \
	" pressure_matched, beyond_painful_spot, aftercare_given, start_utc," \
	" distance_m, moving_s, elapsed_s, climb_m, descent_m, avg_hr, note," \
	" source, sha256, sport, side, outcome, assessed_by"
/* Number of the first mark column in ENTRY_COLS (0-based). */
#define COL_MARKS 13

/* Bind every value column of en, from index first on, in ENTRY_COLS
 * order after "kind". */
static void bind_entry(sqlite3_stmt *s, int i, const struct journal_entry *en)
{
	const struct journal_pain *p = &en->pain;
	const struct journal_massage *m = &en->massage;
	const struct journal_run *r = &en->run;
	bool pain = en->kind == JOURNAL_PAIN;
	bool mass = en->kind == JOURNAL_MASSAGE;
	bool run = en->kind == JOURNAL_RUN;
	bool assess = en->kind == JOURNAL_ASSESSMENT;
	const struct journal_assessment *a = &en->assessment;

	bind_text(s, i++, pain ? area_name(p->area) : NULL);
	bind_int_unset(s, i++, pain ? p->rest : PAIN_UNSET, PAIN_UNSET);
	bind_int_unset(s, i++, pain ? p->run : PAIN_UNSET, PAIN_UNSET);
	bind_int_unset(s, i++, pain ? p->morning : PAIN_UNSET, PAIN_UNSET);
	bind_int_unset(s, i++, mass ? m->pressure : 0, 0);
	bind_real(s, i++, mass ? m->flare_hours : JOURNAL_UNSET);
	bind_int_unset(s, i++, mass ? m->bruised_or_limping : -1, -1);
	bind_text(s, i++, mass && m->has_type ? massage_type_name(m->type)
					      : NULL);
	bind_text(s, i++, mass && m->has_felt ? journal_feel_name(m->felt)
					      : NULL);
	for (int k = 0; k < JOURNAL_MARK__COUNT; k++) {
		unsigned bit = JOURNAL_MARK_BIT(k);
		bind_int_unset(s, i++,
			       mass && (m->marks_known & bit)
				       ? (m->marks & bit) != 0
				       : -1,
			       -1);
	}
	bind_int_unset(s, i++, run ? r->start_utc : JOURNAL_UNSET,
		       JOURNAL_UNSET);
	bind_real(s, i++, run ? r->distance_m : JOURNAL_UNSET);
	bind_real(s, i++, run ? r->moving_s : JOURNAL_UNSET);
	bind_real(s, i++, run ? r->elapsed_s : JOURNAL_UNSET);
	bind_real(s, i++, run ? r->climb_m : JOURNAL_UNSET);
	bind_real(s, i++, run ? r->descent_m : JOURNAL_UNSET);
	bind_int_unset(s, i++, run ? r->avg_hr : JOURNAL_UNSET, JOURNAL_UNSET);
	bind_text(s, i++, run ? r->note : assess ? a->note : NULL);
	bind_text(s, i++, run ? r->source : NULL);
	bind_text(s, i++, run && r->sha256[0] ? r->sha256 : NULL);
	bind_text(s, i++, run ? r->sport : NULL);
	bind_text(s, i++, pain && (unsigned)p->side < SIDE__COUNT
				  ? side_name(p->side)
				  : NULL);
	bind_text(s, i++, assess ? journal_outcome_name(a->outcome) : NULL);
	bind_text(s, i, assess ? a->by : NULL);
}

static char *col_strdup(sqlite3_stmt *s, int i)
{
	const char *t = col_text(s, i);
	return t != NULL ? xstrdup(t) : NULL;
}

/* engine.h offers no parser for massage types; the names are its. */
static int massage_type_parse_(const char *t, enum massage_type *out)
{
	for (int i = 0; i < MASSAGE_TYPE__COUNT; i++)
		if (strcmp(massage_type_name((enum massage_type)i), t) == 0) {
			*out = (enum massage_type)i;
			return 0;
		}
	return -1;
}

/* Fill en from a row of "SELECT ENTRY_COLS". */
static int entry_row(struct store *st, sqlite3_stmt *s,
		     struct journal_entry *en, struct err *e)
{
	const char *kind = col_text(s, 3);
	const char *t;
	enum journal_kind k;
	int32_t day;
	int64_t id = sqlite3_column_int64(s, 0);

	if (kind == NULL || journal_kind_parse(kind, strlen(kind), &k) < 0)
		return err_set(e, ERR_DATA, "%s: entry %lld has an unknown kind",
			       st->path, (long long)id);
	if (col_date(st, s, 2, &day, e) < 0)
		return -1;
	journal_entry_init(en, k, day);
	en->id = id;
	en->person_id = sqlite3_column_int64(s, 1);
	switch (k) {
	case JOURNAL_PAIN:
		t = col_text(s, 4);
		if (t == NULL || area_parse(t, strlen(t), &en->pain.area) < 0)
			goto bad;
		en->pain.rest = col_int(s, 5, PAIN_UNSET);
		en->pain.run = col_int(s, 6, PAIN_UNSET);
		en->pain.morning = col_int(s, 7, PAIN_UNSET);
		if ((t = col_text(s, 28)) != NULL &&
		    side_parse(t, strlen(t), &en->pain.side) < 0)
			goto bad;
		break;
	case JOURNAL_MASSAGE:
		en->massage.pressure = col_int(s, 8, 0);
		en->massage.flare_hours = col_real(s, 9);
		en->massage.bruised_or_limping = col_int(s, 10, 0) != 0;
		if ((t = col_text(s, 11)) != NULL) {
			if (massage_type_parse_(t, &en->massage.type) < 0)
				goto bad;
			en->massage.has_type = true;
		}
		if ((t = col_text(s, 12)) != NULL) {
			if (journal_feel_parse(t, strlen(t),
					       &en->massage.felt) < 0)
				goto bad;
			en->massage.has_felt = true;
		}
		for (int i = 0; i < JOURNAL_MARK__COUNT; i++) {
			int v = col_int(s, COL_MARKS + i, -1);
			if (v < 0)
				continue;
			en->massage.marks_known |= JOURNAL_MARK_BIT(i);
			if (v)
				en->massage.marks |= JOURNAL_MARK_BIT(i);
		}
		break;
	case JOURNAL_RUN:
		if (sqlite3_column_type(s, 17) != SQLITE_NULL)
			en->run.start_utc = sqlite3_column_int64(s, 17);
		en->run.distance_m = col_real(s, 18);
		en->run.moving_s = col_real(s, 19);
		en->run.elapsed_s = col_real(s, 20);
		en->run.climb_m = col_real(s, 21);
		en->run.descent_m = col_real(s, 22);
		en->run.avg_hr = col_int(s, 23, JOURNAL_UNSET);
		en->run.note = col_strdup(s, 24);
		en->run.source = col_strdup(s, 25);
		if ((t = col_text(s, 26)) != NULL)
			snprintf(en->run.sha256, sizeof en->run.sha256, "%s", t);
		en->run.sport = col_strdup(s, 27);
		break;
	case JOURNAL_ASSESSMENT:
		t = col_text(s, 29);
		if (t == NULL ||
		    journal_outcome_parse(t, strlen(t),
					  &en->assessment.outcome) < 0)
			goto bad;
		en->assessment.note = col_strdup(s, 24);
		en->assessment.by = col_strdup(s, 30);
		break;
	default:
		break;
	}
	return 0;
bad:
	journal_entry_release(en);
	return err_set(e, ERR_DATA, "%s: entry %lld holds an unknown value",
		       st->path, (long long)id);
}

/*
 * The symptoms of a pain entry and the regions of a massage live in their
 * own tables, one row per id, so a new id never needs a schema change.
 */
struct set_table {
	const char *insert_sql;
	const char *select_sql;
	const char *(*name)(int v);
	int count;
};

static const char *symptom_name_i(int v)
{
	return symptom_name((enum symptom)v);
}

static const char *region_name_i(int v)
{
	return region_name((enum region)v);
}

static const struct set_table symptom_set = {
	"INSERT INTO entry_symptom (entry_id, symptom) VALUES (?, ?)",
	"SELECT symptom FROM entry_symptom WHERE entry_id = ?",
	symptom_name_i, SYMPTOM__COUNT,
};
static const struct set_table denied_set = {
	"INSERT INTO entry_denied (entry_id, symptom) VALUES (?, ?)",
	"SELECT symptom FROM entry_denied WHERE entry_id = ?",
	symptom_name_i, SYMPTOM__COUNT,
};
static const struct set_table region_set = {
	"INSERT INTO entry_region (entry_id, region) VALUES (?, ?)",
	"SELECT region FROM entry_region WHERE entry_id = ?",
	region_name_i, REGION__COUNT,
};

static int write_set(struct store *st, const struct set_table *t, int64_t id,
		     uint32_t bits, struct err *e)
{
	sqlite3_stmt *s;
	int ret = 0;

	if (bits == 0)
		return 0;
	s = prepare(st, t->insert_sql, "save the entry", e);
	if (s == NULL)
		return -1;
	for (int i = 0; i < t->count && ret == 0; i++) {
		if (!(bits & (UINT32_C(1) << i)))
			continue;
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, t->name(i));
		ret = step_done(st, s, "save the entry", e);
	}
	sqlite3_finalize(s);
	return ret;
}

/* Read the set of entry id through a statement prepared from
 * t->select_sql (reused across calls by the caller). */
static int read_set(struct store *st, const struct set_table *t,
		    sqlite3_stmt *s, int64_t id, uint32_t *bits, struct err *e)
{
	int rc;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	*bits = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = col_text(s, 0);
		int i;
		for (i = 0; i < t->count; i++)
			if (name != NULL && strcmp(t->name(i), name) == 0)
				break;
		if (i == t->count)
			return err_set(e, ERR_DATA,
				       "%s: entry %lld holds an unknown id \"%s\"",
				       st->path, (long long)id,
				       name ? name : "");
		*bits |= UINT32_C(1) << i;
	}
	return rc == SQLITE_DONE ? 0 : db_fail(st, rc, "read the journal", e);
}

/* The statements that read the sets of many entries in a row. */
struct set_readers {
	sqlite3_stmt *symptoms, *denied, *regions;
};

static int readers_open(struct store *st, struct set_readers *r,
			struct err *e)
{
	r->symptoms = prepare(st, symptom_set.select_sql, "read the journal", e);
	r->denied = r->symptoms != NULL ? prepare(st, denied_set.select_sql,
						  "read the journal", e)
					: NULL;
	r->regions = r->denied != NULL
			     ? prepare(st, region_set.select_sql,
				       "read the journal", e)
			     : NULL;
	return r->regions != NULL ? 0 : -1;
}

static void readers_close(struct set_readers *r)
{
	sqlite3_finalize(r->symptoms);
	sqlite3_finalize(r->denied);
	sqlite3_finalize(r->regions);
}

static int read_sets(struct store *st, struct set_readers *r,
		     struct journal_entry *en, struct err *e)
{
	if (en->kind == JOURNAL_PAIN)
		return read_set(st, &symptom_set, r->symptoms, en->id,
				&en->pain.symptoms, e) < 0 ||
				       read_set(st, &denied_set, r->denied,
						en->id, &en->pain.denied, e) < 0
			       ? -1
			       : 0;
	if (en->kind == JOURNAL_MASSAGE)
		return read_set(st, &region_set, r->regions, en->id,
				&en->massage.regions, e);
	return 0;
}

static int write_sets(struct store *st, const struct journal_entry *en,
		      struct err *e)
{
	if (en->kind == JOURNAL_PAIN)
		return write_set(st, &symptom_set, en->id, en->pain.symptoms,
				 e) < 0 ||
				       write_set(st, &denied_set, en->id,
						 en->pain.denied, e) < 0
			       ? -1
			       : 0;
	if (en->kind == JOURNAL_MASSAGE)
		return write_set(st, &region_set, en->id, en->massage.regions,
				 e);
	return 0;
}

/* The id of this person's run that a file with en's sha256 went into,
 * or 0. */
static int find_run_file(struct store *st, const struct journal_entry *en,
			 int64_t *id, struct err *e)
{
	sqlite3_stmt *s = prepare(st, "SELECT entry_id FROM run_file WHERE"
				  " person_id = ? AND sha256 = ?",
				  "read the journal", e);
	int rc;

	*id = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, en->person_id);
	bind_text(s, 2, en->run.sha256);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		       ? 0
		       : db_fail(st, rc, "read the journal", e);
}

/* Note that the file with en's sha256 (if any) went into entry id. */
static int add_run_file(struct store *st, const struct journal_entry *en,
			int64_t id, struct err *e)
{
	sqlite3_stmt *s;
	int rc;

	if (en->run.sha256[0] == '\0')
		return 0;
	s = prepare(st, "INSERT INTO run_file (person_id, sha256, entry_id)"
		    " VALUES (?, ?, ?)", "add the run's file", e);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, en->person_id);
	bind_text(s, 2, en->run.sha256);
	sqlite3_bind_int64(s, 3, id);
	rc = step_done(st, s, "add the run's file", e);
	sqlite3_finalize(s);
	return rc;
}

/*
 * The same activity already in this person's journal (journal_same_run),
 * read into *out with its id, or out->id 0. Runs a day either side are
 * looked at: a start near midnight falls on another local day.
 */
static int find_same_run(struct store *st, const struct journal_entry *en,
			 struct journal_entry *out, struct err *e)
{
	sqlite3_stmt *s = prepare(st, "SELECT id FROM entry WHERE person_id = ?"
				  " AND kind = 'run' AND date BETWEEN ? AND ?"
				  " ORDER BY id", "read the journal", e);
	int rc;

	journal_entry_init(out, JOURNAL_RUN, DATE_NONE);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, en->person_id);
	bind_date(s, 2, en->day - 1);
	bind_date(s, 3, en->day + 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (store_entry_get(st, sqlite3_column_int64(s, 0), out, e) < 0) {
			sqlite3_finalize(s);
			return -1;
		}
		if (journal_same_run(&out->run, out->day, &en->run, en->day))
			break;
		journal_entry_release(out);
		out->id = 0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(st, rc, "read the journal", e);
	return 0;
}

/* How a run's source reads when it was logged by hand. */
#define SOURCE_BY_HAND "logged by hand"

/*
 * Fold the new record en of a run into the stored one (old, updated in
 * place): the sources are listed together, a file's figures replace those
 * of a run logged by hand, and a note fills an empty one. Between two
 * files the first one stored keeps its figures.
 */
static void merge_run(struct journal_entry *old, const struct journal_entry *en)
{
	struct strbuf src = STRBUF_INIT;
	const char *was = old->run.source ? old->run.source : SOURCE_BY_HAND;
	const char *add = en->run.source ? en->run.source : SOURCE_BY_HAND;

	strbuf_addf(&src, "%s, %s", was, add);
	/* Beyond what an entry's source may hold, the list stops growing;
	 * run_file still knows every file. */
	if (src.len <= 1000)
		journal_set_str(&old->run.source, src.buf);
	strbuf_release(&src);
	if (old->run.sha256[0] == '\0' && en->run.sha256[0] != '\0') {
		const struct journal_run *r = &en->run;

		old->day = en->day;
		old->run.start_utc = r->start_utc;
		old->run.distance_m = r->distance_m;
		old->run.moving_s = r->moving_s;
		old->run.elapsed_s = r->elapsed_s;
		old->run.climb_m = r->climb_m;
		old->run.descent_m = r->descent_m;
		old->run.avg_hr = r->avg_hr;
		memcpy(old->run.sha256, r->sha256, sizeof old->run.sha256);
	}
	if (old->run.note == NULL && en->run.note != NULL)
		journal_set_str(&old->run.note, en->run.note);
}

/* A run: 1 when its file is stored already, 2 when the same activity
 * is and en was folded into it (en->id set either way), 0 when it is
 * new, -1 on error. */
static int add_known_run(struct store *st, struct journal_entry *en,
			 struct err *e)
{
	struct journal_entry same;
	int64_t dup = 0;
	int rc = 0;

	if (en->run.sha256[0] != '\0') {
		if (find_run_file(st, en, &dup, e) < 0)
			return -1;
		if (dup != 0) {
			en->id = dup;
			return 1;
		}
	}
	if (find_same_run(st, en, &same, e) < 0)
		return -1;
	if (same.id != 0) {
		merge_run(&same, en);
		if (store_entry_update(st, &same, e) < 0 ||
		    add_run_file(st, en, same.id, e) < 0)
			rc = -1;
		else
			rc = 2;
		en->id = same.id;
	}
	journal_entry_release(&same);
	return rc;
}

int store_entry_add(struct store *st, struct journal_entry *en,
		    struct err *e)
{
	sqlite3_stmt *s = NULL;
	struct store_person p;
	int known = 0;
	int ok = 0;

	if (journal_entry_validate(en, e) < 0 || op_begin(st, e) < 0)
		return -1;
	if (store_person_get(st, en->person_id, &p, e) < 0)
		goto done;
	if (en->kind == JOURNAL_RUN) {
		known = add_known_run(st, en, e);
		if (known < 0)
			goto done;
		if (known > 0) {
			ok = 1;
			goto done;
		}
	}
	s = prepare(st, "INSERT INTO entry (" ENTRY_COLS ") VALUES (NULL, ?, ?, ?,"
		    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		    " ?, ?, ?, ?, ?, ?, ?)",
		    "add the entry", e);
	if (s == NULL)
		goto done;
	sqlite3_bind_int64(s, 1, en->person_id);
	bind_date(s, 2, en->day);
	bind_text(s, 3, journal_kind_name(en->kind));
	bind_entry(s, 4, en);
	if (step_done(st, s, "add the entry", e) < 0)
		goto done;
	en->id = sqlite3_last_insert_rowid(st->db);
	if (write_sets(st, en, e) < 0)
		goto done;
	if (en->kind == JOURNAL_PAIN && attach_episode(st, en, e) < 0)
		goto done;
	if (en->kind == JOURNAL_RUN && add_run_file(st, en, en->id, e) < 0)
		goto done;
	ok = 1;
done:
	sqlite3_finalize(s);
	if (op_end(st, ok, e) < 0)
		return -1;
	return known;
}

int store_entry_get(struct store *st, int64_t id, struct journal_entry *out,
		    struct err *e)
{
	struct set_readers r = { NULL, NULL, NULL };
	sqlite3_stmt *s;
	int rc, ret = -1;

	journal_entry_init(out, JOURNAL_PAIN, DATE_NONE);
	if (store_read_begin(st, e) < 0)
		return -1;
	s = prepare(st, "SELECT " ENTRY_COLS " FROM entry WHERE id = ?",
		    "read the journal", e);
	if (s == NULL || readers_open(st, &r, e) < 0)
		goto done;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		err_set(e, ERR_NOINPUT, "no entry with id %lld",
			(long long)id);
		goto done;
	}
	if (rc != SQLITE_ROW) {
		db_fail(st, rc, "read the journal", e);
		goto done;
	}
	if (entry_row(st, s, out, e) < 0)
		goto done;
	if (read_sets(st, &r, out, e) < 0) {
		journal_entry_release(out);
		goto done;
	}
	ret = 0;
done:
	readers_close(&r);
	sqlite3_finalize(s);
	store_read_end(st);
	return ret;
}

int store_entry_update(struct store *st, const struct journal_entry *en,
		       struct err *e)
{
	struct journal_entry old;
	sqlite3_stmt *s = NULL;
	int ok = 0;
	const char *clear[] = { "DELETE FROM entry_symptom WHERE entry_id = ?",
				"DELETE FROM entry_denied WHERE entry_id = ?",
				"DELETE FROM entry_region WHERE entry_id = ?" };

	if (journal_entry_validate(en, e) < 0 || op_begin(st, e) < 0)
		return -1;
	if (store_entry_get(st, en->id, &old, e) < 0)
		goto done;
	bool same = old.kind == en->kind && old.person_id == en->person_id;
	journal_entry_release(&old);
	if (!same) {
		err_set(e, ERR_DATA,
			"entry %lld is a %s entry; it cannot become a %s entry",
			(long long)en->id, journal_kind_name(old.kind),
			journal_kind_name(en->kind));
		goto done;
	}
	s = prepare(st, "UPDATE entry SET date = ?, area = ?, rest = ?, run = ?,"
		    " morning = ?, pressure = ?, flare_hours = ?,"
		    " bruised_or_limping = ?, type = ?, felt = ?,"
		    " symptoms_checked = ?, pressure_matched = ?,"
		    " beyond_painful_spot = ?, aftercare_given = ?,"
		    " start_utc = ?, distance_m = ?, moving_s = ?, elapsed_s = ?,"
		    " climb_m = ?, descent_m = ?, avg_hr = ?, note = ?,"
		    " source = ?, sha256 = ?, sport = ?, side = ?, outcome = ?,"
		    " assessed_by = ? WHERE id = ?",
		    "change the entry", e);
	if (s == NULL)
		goto done;
	bind_date(s, 1, en->day);
	bind_entry(s, 2, en);
	sqlite3_bind_int64(s, 29, en->id);
	if (step_done(st, s, "change the entry", e) < 0)
		goto done;
	for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++) {
		sqlite3_finalize(s);
		s = prepare(st, clear[i], "change the entry", e);
		if (s == NULL)
			goto done;
		sqlite3_bind_int64(s, 1, en->id);
		if (step_done(st, s, "change the entry", e) < 0)
			goto done;
	}
	if (write_sets(st, en, e) < 0)
		goto done;
	if (en->kind == JOURNAL_PAIN && attach_episode(st, en, e) < 0)
		goto done;
	ok = 1;
done:
	sqlite3_finalize(s);
	return op_end(st, ok, e);
}

int store_entry_delete(struct store *st, int64_t id, struct err *e)
{
	return delete_row(st, "DELETE FROM entry WHERE id = ?", id, "entry", e);
}

void store_entries_init(struct store_entries *list)
{
	list->v = NULL;
	list->n = list->alloc = 0;
}

void store_entries_release(struct store_entries *list)
{
	for (size_t i = 0; i < list->n; i++)
		journal_entry_release(&list->v[i]);
	free(list->v);
	store_entries_init(list);
}

int store_entry_list(struct store *st, const struct store_query *q,
		     struct store_entries *list, struct err *e)
{
	struct set_readers r = { NULL, NULL, NULL };
	sqlite3_stmt *s;
	size_t first = list->n;
	int rc, ret = -1;

	if (store_read_begin(st, e) < 0)
		return -1;
	s = prepare(st, "SELECT " ENTRY_COLS " FROM entry WHERE person_id = ?1"
		    " AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)"
		    " AND (?4 & (CASE kind WHEN 'pain' THEN 1 WHEN 'massage' THEN 2"
		    " WHEN 'run' THEN 4 ELSE 8 END)) != 0"
		    " ORDER BY date, id",
		    "read the journal", e);
	if (s == NULL || readers_open(st, &r, e) < 0)
		goto done;
	sqlite3_bind_int64(s, 1, q->person_id);
	bind_date(s, 2, q->from);
	bind_date(s, 3, q->to);
	/* The CASE above numbers the kinds in enum journal_kind order. */
	_Static_assert(JOURNAL_PAIN == 0 && JOURNAL_MASSAGE == 1 &&
			       JOURNAL_RUN == 2 && JOURNAL_ASSESSMENT == 3 &&
			       JOURNAL_KIND__COUNT == 4,
		       "the kinds of store_entry_list's query");
	sqlite3_bind_int(s, 4, q->kinds != 0 ? (int)q->kinds
					     : (1 << JOURNAL_KIND__COUNT) - 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (list->n == list->alloc) {
			list->alloc = list->alloc ? 2 * list->alloc : 16;
			list->v = xrealloc(list->v,
					   list->alloc * sizeof *list->v);
		}
		if (entry_row(st, s, &list->v[list->n], e) < 0)
			goto fail;
		list->n++;
		if (read_sets(st, &r, &list->v[list->n - 1], e) < 0)
			goto fail;
	}
	if (rc != SQLITE_DONE) {
		db_fail(st, rc, "read the journal", e);
		goto fail;
	}
	ret = 0;
	goto done;
fail:
	while (list->n > first)
		journal_entry_release(&list->v[--list->n]);
done:
	readers_close(&r);
	sqlite3_finalize(s);
	store_read_end(st);
	return ret;
}

int store_journal_as_of(struct store *st, int64_t person_id, int32_t as_of,
			struct store_entries *list, int32_t *episode_start,
			struct err *e)
{
	struct store_query q = STORE_QUERY_INIT(person_id);
	struct store_episode ep;
	enum area area;
	int found = 0, ret = -1;

	*episode_start = DATE_NONE;
	q.to = as_of;
	if (store_read_begin(st, e) < 0)
		return -1;
	if (store_entry_list(st, &q, list, e) < 0)
		goto done;
	if (history_latest_area(list->v, list->n, as_of, &area)) {
		found = store_episode_current(st, person_id, area, as_of, &ep,
					      e);
		if (found < 0)
			goto done;
		if (found > 0)
			*episode_start = ep.start;
	}
	ret = 0;
done:
	store_read_end(st);
	return ret;
}
