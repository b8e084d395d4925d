/*
 * store_priv.h - what the store's own files (store.c, export.c) and its
 * unit tests share, and nobody else may use.
 */
#ifndef RUNCARE_STORE_PRIV_H
#define RUNCARE_STORE_PRIV_H

#include "store/store.h"

/* Start and end a read transaction, so several reads see one snapshot.
 * Inside a transaction of the caller both do nothing. */
int store_read_begin(struct store *st, struct err *e);
void store_read_end(struct store *st);

/*
 * Tests only: open path like store_open, but migrate its schema no further
 * than version max_version (0: leave a new file empty).
 */
struct store *store_open_at(const char *path, const struct store_options *opts,
			    int max_version, struct err *e);

/* The raw SQLite handle, for tests that need to inspect the file. */
struct sqlite3;
struct sqlite3 *store_sqlite(struct store *st);

#endif
