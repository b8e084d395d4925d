/*
 * test_durability.c - nothing the journal reported as saved is lost when
 * the process dies.
 *
 * A child process logs 1,000 entries, one transaction each (as one `log`
 * command would), and after each commit reports the entry's id down a
 * pipe. The parent kills it with SIGKILL at a random point (after a random
 * number of reports, plus a random pause so the kill lands anywhere in a
 * commit), then opens the journal and checks that every reported entry is
 * there, whole (a pain entry with both its symptoms), and that SQLite's
 * integrity_check says ok. The rounds share one journal, so each also
 * recovers what the previous kill left in the WAL. The seed is printed;
 * RUNCARE_TEST_SEED repeats a run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "store/store.h"
#include "store/store_priv.h"

#define ENTRIES 1000
#define ROUNDS 10

static const uint32_t two_symptoms =
	SYMPTOM_BIT(SYM_TIGHT) | SYMPTOM_BIT(SYM_LOAD_PATTERN);

/* The child: log ENTRIES entries, reporting each id once committed. */
static void child_log(const char *path, int out, int round)
{
	struct err e;
	struct store *st = store_open(path, NULL, &e);
	struct store_person p;

	if (st == NULL || store_person_resolve(st, NULL, true, &p, &e) < 0)
		_exit(2);
	for (int i = 0; i < ENTRIES; i++) {
		struct journal_entry en;
		char note[64];

		if (i % 2 == 0) {
			journal_entry_init(&en, JOURNAL_PAIN, 20000 + i);
			en.pain.area = AREA_HEEL;
			en.pain.rest = i % 11;
			en.pain.symptoms = two_symptoms;
		} else {
			journal_entry_init(&en, JOURNAL_RUN, 20000 + i);
			snprintf(note, sizeof note, "round %d entry %d", round, i);
			journal_set_str(&en.run.note, note);
			en.run.distance_m = 1000.0 * i;
		}
		en.person_id = p.id;
		if (store_entry_add(st, &en, &e) != 0)
			_exit(3);
		int64_t id = en.id;
		journal_entry_release(&en);
		if (write(out, &id, sizeof id) != (ssize_t)sizeof id)
			_exit(4);
	}
	store_close(st);
	_exit(0);
}

/* Read whole ids from fd until end of file or until want are read. */
static size_t read_ids(int fd, int64_t *ids, size_t have, size_t want)
{
	while (have < want) {
		ssize_t n = read(fd, &ids[have], sizeof ids[0]);
		if (n != (ssize_t)sizeof ids[0])
			break;
		have++;
	}
	return have;
}

static void test_sigkill_loses_nothing_reported(void **state)
{
	char dir[] = "/tmp/runcare-durability-XXXXXX", path[64], cmd[128];
	const char *seed_env = getenv("RUNCARE_TEST_SEED");
	unsigned seed = seed_env ? (unsigned)strtoul(seed_env, NULL, 10)
				 : (unsigned)time(NULL) ^ (unsigned)getpid();
	static int64_t ids[ENTRIES];
	size_t total_saved = 0;

	(void)state;
	srand(seed);
	print_message("durability seed %u (RUNCARE_TEST_SEED repeats it)\n",
		      seed);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/journal.db", dir);

	for (int round = 0; round < ROUNDS; round++) {
		int pfd[2];
		pid_t pid;
		size_t kill_after = (size_t)rand() % ENTRIES, got;
		int status;

		assert_int_equal(pipe(pfd), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(pfd[0]);
			child_log(path, pfd[1], round);
		}
		close(pfd[1]);
		got = read_ids(pfd[0], ids, 0, kill_after);
		usleep((useconds_t)(rand() % 3000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		/* Reports already in the pipe were saved too. */
		got = read_ids(pfd[0], ids, got, ENTRIES);
		close(pfd[0]);
		assert_true(WIFSIGNALED(status) ||
			    (WIFEXITED(status) && WEXITSTATUS(status) == 0));
		total_saved += got;

		/* Every reported entry is there and whole. */
		struct err e;
		struct store *st = store_open(path, NULL, &e);
		if (st == NULL)
			fail_msg("round %d: reopen: %s (seed %u)", round, e.msg,
				 seed);
		for (size_t i = 0; i < got; i++) {
			struct journal_entry en;
			if (store_entry_get(st, ids[i], &en, &e) < 0)
				fail_msg("round %d: entry %lld reported saved is missing: %s (seed %u)",
					 round, (long long)ids[i], e.msg, seed);
			if (en.kind == JOURNAL_PAIN)
				assert_int_equal(en.pain.symptoms, two_symptoms);
			else
				assert_non_null(en.run.note);
			journal_entry_release(&en);
		}
		/* Nothing half-written either: no pain entry lacks a
		 * symptom, whatever was reported. */
		sqlite3_stmt *s;
		sqlite3_prepare_v2(store_sqlite(st),
				   "SELECT count(*) FROM entry WHERE kind = 'pain'"
				   " AND (SELECT count(*) FROM entry_symptom"
				   " WHERE entry_id = entry.id) != 2",
				   -1, &s, NULL);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(s, 0), 0);
		sqlite3_finalize(s);
		sqlite3_prepare_v2(store_sqlite(st), "PRAGMA integrity_check",
				   -1, &s, NULL);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(s, 0),
				    "ok");
		sqlite3_finalize(s);
		store_close(st);
	}
	print_message("durability: %zu entries reported saved over %d kills, all present\n",
		      total_saved, ROUNDS);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigkill_loses_nothing_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
