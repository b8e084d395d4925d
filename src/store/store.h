/*
 * store.h - the recovery journal: people, episodes and dated entries kept
 * in one database file.
 *
 * A struct store is an open journal. Today it is a SQLite file (WAL,
 * synchronous=FULL, foreign keys, secure_delete, a busy timeout, schema
 * versioned with PRAGMA user_version), but nothing here names SQLite, so
 * another back end can sit behind the same functions. The CLI, the importer
 * and the web pages all go through this header.
 *
 * Errors: every function that can fail returns -1 (or NULL) and fills a
 * caller-supplied struct err with a one-line message and a class:
 *   ERR_TEMPFAIL  the journal is locked by another writer (after waiting
 *                 for the busy timeout) - try again;
 *   ERR_IO        disk full, read-only file or folder, missing folder,
 *                 any other failed read or write;
 *   ERR_DATA      the file is corrupt, is not a runcare journal, or was
 *                 written by a newer runcare (never downgraded); also a
 *                 value the schema refuses (checked before it is stored);
 *   ERR_NOINPUT   no such person, episode or entry (id or name not found);
 *   ERR_USAGE     the person is ambiguous (several people, none named);
 *   ERR_SOFTWARE  a programming error (a transaction left open...).
 *
 * Transactions: without store_begin every call is atomic on its own. With
 * store_begin ... store_commit, everything in between is one transaction
 * (one command, one imported file); store_rollback undoes it. A failed call
 * inside a transaction leaves the transaction open, and the caller decides.
 *
 * Threads: a struct store may be used by one thread at a time; open one
 * store per thread (SQLite's file locks keep writers apart, and WAL lets
 * readers go on while one thread writes).
 *
 * Dates are day numbers (core/date.h). Entries are struct journal_entry
 * (engine/journal.h).
 */
#ifndef RUNCARE_STORE_H
#define RUNCARE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "engine/engine.h"
#include "engine/journal.h"

struct store;

/* The schema version this runcare writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 4
/* Longest person name, in bytes. */
#define STORE_NAME_MAX 100
/* Name given to the first person when nobody was named ("a runner alone
 * never has to name one"). */
#define STORE_DEFAULT_PERSON "me"
/* Default wait for a lock held by another writer, in milliseconds. */
#define STORE_BUSY_TIMEOUT_MS 5000

struct store_options {
	int busy_timeout_ms;	/* 0: STORE_BUSY_TIMEOUT_MS */
	bool read_only;		/* open without writing (never creates) */
};

/*
 * Append the default journal path to out:
 * $XDG_DATA_HOME/runcare/runcare.db, or ~/.local/share/runcare/runcare.db
 * when XDG_DATA_HOME is unset or not absolute. Returns 0, or -1 with e set
 * (ERR_CONFIG) when neither XDG_DATA_HOME nor HOME is usable.
 */
int store_default_path(struct strbuf *out, struct err *e);

/*
 * Open the journal at path, or at the default path when path is NULL
 * (creating its folder, mode 0700, when missing). A new file is created
 * with mode 0600 and the current schema; an older schema is migrated, one
 * transaction per step. opts may be NULL. Returns an owned store
 * (store_close) or NULL with e set (see the classes above; a missing folder
 * of an explicit path is ERR_IO and is not created).
 */
struct store *store_open(const char *path, const struct store_options *opts,
			 struct err *e);
/* Close the journal (rolls back an open transaction). st may be NULL. */
void store_close(struct store *st);
/* The file the journal lives in. Borrowed, valid until store_close. */
const char *store_path(const struct store *st);

/* Begin one transaction that takes the write lock at once (waiting up to
 * the busy timeout). Nesting is a programming error (ERR_SOFTWARE). */
int store_begin(struct store *st, struct err *e);
/* Make the open transaction durable. On failure it is rolled back. */
int store_commit(struct store *st, struct err *e);
/* Undo the open transaction, if any. Never fails. */
void store_rollback(struct store *st);

/* ---- People ---- */

struct store_person {
	int64_t id;
	char name[STORE_NAME_MAX + 1];
};

/* Add a person (name: 1..STORE_NAME_MAX bytes of UTF-8 text, no control
 * characters, unique). Sets *id. ERR_DATA for a bad or taken name. */
int store_person_add(struct store *st, const char *name, int64_t *id,
		     struct err *e);
/* Find a person by exact name. ERR_NOINPUT when there is none. */
int store_person_find(struct store *st, const char *name,
		      struct store_person *out, struct err *e);
/* Find a person by id. ERR_NOINPUT when there is none. */
int store_person_get(struct store *st, int64_t id, struct store_person *out,
		     struct err *e);
/*
 * The person a command is about. With a name: that person (created first
 * when create is true and nobody has that name). Without one (NULL): the
 * journal's only person; when the journal has nobody yet, a person called
 * STORE_DEFAULT_PERSON is created if create is true, else ERR_NOINPUT;
 * with several people, ERR_USAGE ("choose one with --person NAME").
 */
int store_person_resolve(struct store *st, const char *name, bool create,
			 struct store_person *out, struct err *e);
/* Every person, ordered by name. *out is owned (free()); *n its length. */
int store_person_list(struct store *st, struct store_person **out,
		      size_t *n, struct err *e);
/* Rename a person. ERR_NOINPUT, or ERR_DATA for a bad or taken name. */
int store_person_rename(struct store *st, int64_t id, const char *name,
			struct err *e);
/*
 * Remove the person and every row of theirs (episodes, entries), with
 * secure_delete on, then store_scrub, so that no copy of the removed rows
 * is left in the database file or its WAL. Must not be called inside a
 * transaction (ERR_SOFTWARE). ERR_TEMPFAIL when another program holds the
 * journal open: the rows are gone from the database then, and the old
 * copies leave the WAL when the last program closes the journal (or at
 * the next store_scrub).
 */
int store_person_erase(struct store *st, int64_t id, struct err *e);

/*
 * Copy the WAL back into the database file and cut it to zero bytes
 * (a TRUNCATE checkpoint). ERR_TEMPFAIL when another program reading or
 * writing the journal prevents it (after the busy timeout).
 */
int store_scrub(struct store *st, struct err *e);

/* ---- Episodes: one complaint of one person ---- */

/* An episode: area, first day, last day (DATE_NONE while it is open). */
struct store_episode {
	int64_t id;
	int64_t person_id;
	enum area area;
	int32_t start;
	int32_t end;
};

/* Add an episode; sets ep->id. ERR_DATA when end is before start. */
int store_episode_add(struct store *st, struct store_episode *ep,
		      struct err *e);
int store_episode_get(struct store *st, int64_t id, struct store_episode *out,
		      struct err *e);
/* Change area, start and end of the episode ep->id. */
int store_episode_update(struct store *st, const struct store_episode *ep,
			 struct err *e);
int store_episode_delete(struct store *st, int64_t id, struct err *e);
/* A person's episodes, newest start first. *out owned (free()). */
int store_episode_list(struct store *st, int64_t person_id,
		       struct store_episode **out, size_t *n, struct err *e);
/*
 * The episode of area that covers day for the person: the open one, or
 * the latest whose start..end holds day. Returns 1 and fills *out when
 * found, 0 when there is none, -1 on error.
 */
int store_episode_current(struct store *st, int64_t person_id,
			  enum area area, int32_t day,
			  struct store_episode *out, struct err *e);

/* ---- Entries ---- */

/*
 * Store a new entry for en->person_id (validated first with
 * journal_entry_validate: ERR_DATA). A pain entry whose area has no
 * episode covering its day opens one starting that day. Returns 0 and
 * sets en->id; returns 1 and sets en->id to the stored run when a file
 * with the same sha256 is already in this person's journal (nothing is
 * added); returns 2 and sets en->id when the same activity is already
 * stored (journal_same_run: another file of it, or a run logged by hand)
 * and en was folded into it (its source added to the list, a file's
 * figures replacing hand-logged ones); -1 on error.
 */
int store_entry_add(struct store *st, struct journal_entry *en,
		    struct err *e);
/* Read entry id into *out (initialised by this call; release it with
 * journal_entry_release). ERR_NOINPUT when there is none. */
int store_entry_get(struct store *st, int64_t id, struct journal_entry *out,
		    struct err *e);
/* Replace entry en->id with en (same person; the kind may not change:
 * ERR_DATA). ERR_NOINPUT when there is none. */
int store_entry_update(struct store *st, const struct journal_entry *en,
		       struct err *e);
/* Remove one entry. ERR_NOINPUT when there is none. */
int store_entry_delete(struct store *st, int64_t id, struct err *e);

/* What store_entry_list returns. from/to are inclusive day numbers or
 * DATE_NONE (open); kinds is a bit set of (1u << enum journal_kind), 0 for
 * every kind. */
struct store_query {
	int64_t person_id;
	int32_t from, to;
	unsigned kinds;
};
#define STORE_QUERY_INIT(pid) { (pid), DATE_NONE, DATE_NONE, 0 }

/* A growable array of entries; the list owns them. */
struct store_entries {
	struct journal_entry *v;
	size_t n, alloc;
};
void store_entries_init(struct store_entries *list);
/* Release every entry and the array; the list is empty again. */
void store_entries_release(struct store_entries *list);

/* Append the matching entries to list, oldest day first (ties by id). */
int store_entry_list(struct store *st, const struct store_query *q,
		     struct store_entries *list, struct err *e);

/*
 * Read what a judgement of the person's journal as of as_of needs
 * (engine/assessment.h): every entry up to as_of, appended to list (the
 * caller releases it), and the start of the current episode of the area of
 * the latest pain entry in *episode_start (DATE_NONE when there is none),
 * both in one read transaction. Returns 0, or -1 with e set.
 */
int store_journal_as_of(struct store *st, int64_t person_id, int32_t as_of,
			struct store_entries *list, int32_t *episode_start,
			struct err *e);

/* ---- Export ---- */

#define STORE_EXPORT_LIST(X)                                                  \
	X(STORE_EXPORT_JSON, "json")                                          \
	X(STORE_EXPORT_CSV, "csv")
#define STORE_ENUM_ITEM_(id, ...) id,
enum store_export_format { STORE_EXPORT_LIST(STORE_ENUM_ITEM_) STORE_EXPORT__COUNT };
/* Parse "json"/"csv"; 0, or -1 for another name. */
int store_export_format_parse(const char *s, enum store_export_format *out);

/*
 * Append everything the journal holds about one person to out: the person,
 * episodes and every entry with every field. JSON: one object
 * {"format":"runcare-export","version":1,"person":{...},"episodes":[...],
 * "entries":[...]}; CSV (RFC 4180): one header line, then one line per
 * entry, episodes as rows of kind "episode". Read in one transaction, so
 * the export is consistent.
 */
int store_export(struct store *st, int64_t person_id,
		 enum store_export_format fmt, struct strbuf *out,
		 struct err *e);

/* Append one entry as a JSON object (the form export and `log list
 * --format json` use): id, kind, date, and the fields of its kind; runs
 * carry "start" as ISO 8601 UTC. */
void store_entry_to_json(const struct journal_entry *en, struct strbuf *out);

#endif
