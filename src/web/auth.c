/*
 * auth.c - accounts file, password hashing, login limits and sessions
 * (see auth.h).
 *
 * Password checks run one at a time (verify_lock): each takes 64 MiB and
 * a good part of a second, so one at a time bounds the server's memory,
 * and a login that finds a check running is told to retry rather than
 * made to wait on one of the server's few threads. A name without an
 * account is checked against a dummy hash, so an answer takes as long
 * whether or not the account exists.
 *
 * Sessions are a growing array with no limit of its own: each account
 * holds at most AUTH_SESSIONS_PER_ACCOUNT, and dead ones are swept at
 * every sign-in, so one account's sign-ins never push out another's.
 *
 * Failed sign-ins are records of (account, address), (account, ALL) and
 * (ALL, address), in memory and in the failures file beside the accounts
 * file. A record only leaves when its hour is over, so no one can push
 * another's record out; since password checks run one at a time, the
 * records made within an hour stay well below AUTH_FAILURE_RECORDS.
 */
#include "web/auth.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "core/xmalloc.h"
#include "store/store.h"

#define AUTH_FILE_MAX (1024 * 1024)
/* Room for twice the records (appended lines), at most 160 bytes each. */
#define FAILURES_FILE_MAX (2 * AUTH_FAILURE_RECORDS * 160 + AUTH_FILE_MAX)
#define AUTH_FAILURE_RECORDS 65536	/* live failure records at most */
#define HOUR_MS (3600 * 1000LL)
#define ALL "*"			/* the name or address of a total */
#define GEN_HEX 16		/* a generation: 64 bits in hex */

/* One live session: only the token's hash is kept. */
struct session {
	unsigned char hash[crypto_hash_sha256_BYTES];	/* of the token */
	char name[AUTH_NAME_MAX + 1];
	uint64_t gen;		/* the account's generation at sign-in */
	time_t created, last;
};

/* An account as the server last read it: its name and generation. */
struct account {
	char name[AUTH_NAME_MAX + 1];
	uint64_t gen;
};

/*
 * Failed sign-ins of one account from one address, or the total of an
 * account from all addresses (addr ALL), or of an address for all names
 * (name ALL). count failures since first; a record is dead an hour after
 * first. Times in milliseconds since the epoch.
 */
struct failure {
	char name[AUTH_NAME_MAX + 1];
	char addr[AUTH_ADDR_CHARS];
	unsigned count;
	int64_t first, last;
};

/*
 * sessions has n_sessions live entries (any order) in alloc slots;
 * accounts has the n_accounts accounts of the file as it was when seen
 * (device, inode, size and change time) was taken. Both under lock.
 */
struct auth {
	char *path;
	char *failures_path;		/* "<accounts>.failures" */
	unsigned limit;			/* failures per hour per pair */
	unsigned idle_s, max_s;		/* session idle and total lifetime */
	pthread_mutex_t lock;		/* sessions, accounts and failures */
	pthread_mutex_t verify_lock;	/* one password check at a time */
	char dummy[crypto_pwhash_argon2id_STRBYTES];
	struct session *sessions;
	size_t n_sessions, alloc;
	struct account *accounts;
	size_t n_accounts;
	struct stat seen;
	bool accounts_read;
	struct failure *failures;	/* n_failures live ones, any order */
	size_t n_failures;
	size_t appended;		/* lines added since the file was
					   last written whole */
};

int auth_accounts_path(const char *db_path, struct strbuf *out,
		       struct err *e)
{
	if (db_path != NULL)
		strbuf_addstr(out, db_path);
	else if (store_default_path(out, e) < 0)
		return -1;
	strbuf_addstr(out, ".accounts");
	return 0;
}

static bool valid_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > AUTH_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

/* Read the whole private file at path (the "accounts" or the "failures"
 * file, what says for messages) of at most max bytes into sb ("" when it
 * does not exist). */
static int read_private(const char *path, const char *what, size_t max,
			struct strbuf *sb, struct err *e)
{
	char buf[4096];
	size_t n;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;

	if (f == NULL) {
		if (errno == ENOENT)
			return 0;
		if (fd >= 0)
			close(fd);
		if (errno == ELOOP)
			return err_set(e, ERR_IO, "%s: the %s file is a "
				       "symbolic link; refusing to read it",
				       path, what);
		return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		strbuf_add(sb, buf, n);
		if (sb->len > max) {
			fclose(f);
			return err_set(e, ERR_DATA, "%s: larger than %zu bytes",
				       path, max);
		}
	}
	fclose(f);
	return 0;
}

/*
 * Find name's line in text; returns its start (and sets *len to the line
 * length without the newline) or NULL.
 */
static const char *find_line(const char *text, const char *name, size_t *len)
{
	size_t nl = strlen(name);

	for (const char *p = text; *p != '\0';) {
		const char *end = strchr(p, '\n');
		size_t l = end ? (size_t)(end - p) : strlen(p);

		if (l > nl && p[nl] == ':' && memcmp(p, name, nl) == 0) {
			*len = l;
			return p;
		}
		p += l + (end ? 1 : 0);
	}
	return NULL;
}

/*
 * The hash (copied into hash, crypto_pwhash_argon2id_STRBYTES bytes) and
 * the generation of an account line "name:hash[:generation]" of len
 * bytes whose name is nl bytes long. A line without a generation (from
 * before generations) has generation 0. False for a malformed line.
 */
static bool parse_account(const char *line, size_t len, size_t nl,
			  char *hash, uint64_t *gen)
{
	const char *h = line + nl + 1, *end = line + len;
	const char *colon = memchr(h, ':', (size_t)(end - h));
	size_t hl = (size_t)((colon != NULL ? colon : end) - h);
	char digits[GEN_HEX + 1], *stop;

	if (hl == 0 || hl >= crypto_pwhash_argon2id_STRBYTES)
		return false;
	memcpy(hash, h, hl);
	hash[hl] = '\0';
	*gen = 0;
	if (colon == NULL)
		return true;
	if ((size_t)(end - colon - 1) != GEN_HEX)
		return false;
	memcpy(digits, colon + 1, GEN_HEX);
	digits[GEN_HEX] = '\0';
	if (strspn(digits, "0123456789abcdef") != GEN_HEX)
		return false;
	*gen = strtoull(digits, &stop, 16);
	return true;
}

/* A new random generation for an account line. */
static uint64_t new_generation(void)
{
	uint64_t g;

	randombytes_buf(&g, sizeof(g));
	return g;
}

/*
 * Create the temporary file for path's new text: always a new file
 * (O_EXCL, mode 0600) and never through a link (O_NOFOLLOW). A planted
 * symbolic link is refused; a plain file left by a crash is removed
 * first. Returns the descriptor (the caller closes it) or -1 with e set.
 */
static int create_temp(const char *tmp, struct err *e)
{
	const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
	struct stat st;
	int fd = open(tmp, flags, 0600);

	if (fd < 0 && errno == EEXIST && lstat(tmp, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			err_set(e, ERR_IO, "%s: refusing to write the accounts "
				"through something that is not a plain file "
				"(a link?); remove it and try again", tmp);
			return -1;
		}
		if (unlink(tmp) == 0)
			fd = open(tmp, flags, 0600);
	}
	if (fd < 0)
		err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
	return fd;
}

/* Replace the private file at path with text (a temporary file, then
 * rename). */
static int write_private(const char *path, const struct strbuf *text,
			  struct err *e)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, rc = -1;

	strbuf_addf(&tmp, "%s.tmp", path);
	fd = create_temp(tmp.buf, e);
	if (fd < 0)
		goto done;
	if (write(fd, text->buf, text->len) != (ssize_t)text->len ||
	    fsync(fd) != 0) {
		err_set(e, ERR_IO, "%s: %s", tmp.buf, strerror(errno));
		close(fd);
		unlink(tmp.buf);
		goto done;
	}
	close(fd);
	if (rename(tmp.buf, path) != 0) {
		err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
		unlink(tmp.buf);
		goto done;
	}
	rc = 0;
done:
	strbuf_release(&tmp);
	return rc;
}

/*
 * Set name's password in the accounts file at path with a new generation:
 * a new account (must_exist false, then it must not exist) or a new
 * password for an existing one (must_exist true).
 */
static int set_password(const char *path, const char *name,
			const char *password, bool must_exist, struct err *e)
{
	char hash[crypto_pwhash_argon2id_STRBYTES];
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	const char *line;
	size_t len = 0, plen = strlen(password);
	int rc = -1;

	if (!valid_name(name))
		return err_set(e, ERR_DATA, "account name: use 1 to %d letters, "
			       "digits, '.', '_' or '-'", AUTH_NAME_MAX);
	if (plen < AUTH_PASSWORD_MIN || plen > AUTH_PASSWORD_MAX)
		return err_set(e, ERR_DATA, "password: use at least %d "
			       "characters", AUTH_PASSWORD_MIN);
	if (sodium_init() < 0)
		return err_set(e, ERR_SOFTWARE, "cannot initialise libsodium");
	if (read_private(path, "accounts", AUTH_FILE_MAX, &text, e) < 0)
		goto done;
	line = find_line(text.buf, name, &len);
	if (line != NULL && !must_exist) {
		err_set(e, ERR_DATA, "account \"%s\" exists already", name);
		goto done;
	}
	if (line == NULL && must_exist) {
		err_set(e, ERR_NOINPUT, "no account \"%s\"", name);
		goto done;
	}
	if (crypto_pwhash_argon2id_str(hash, password, plen, AUTH_OPSLIMIT,
				       AUTH_MEMLIMIT) != 0) {
		err_set(e, ERR_SOFTWARE, "not enough memory to hash the "
			"password (64 MiB)");
		goto done;
	}
	if (line != NULL) {
		strbuf_add(&out, text.buf, (size_t)(line - text.buf));
		strbuf_addstr(&out, line + len + (line[len] ? 1 : 0));
	} else {
		strbuf_addstr(&out, text.buf);
	}
	if (out.len > 0 && out.buf[out.len - 1] != '\n')
		strbuf_addch(&out, '\n');
	strbuf_addf(&out, "%s:%s:%016" PRIx64 "\n", name, hash,
		    new_generation());
	rc = write_private(path, &out, e);
done:
	sodium_memzero(hash, sizeof(hash));
	strbuf_release(&text);
	strbuf_release(&out);
	return rc;
}

int auth_user_add(const char *path, const char *name, const char *password,
		  struct err *e)
{
	return set_password(path, name, password, false, e);
}

int auth_user_passwd(const char *path, const char *name,
		     const char *password, struct err *e)
{
	return set_password(path, name, password, true, e);
}

int auth_user_remove(const char *path, const char *name, struct err *e)
{
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	const char *line;
	size_t len = 0;
	int rc = -1;

	if (read_private(path, "accounts", AUTH_FILE_MAX, &text, e) < 0)
		goto done;
	line = find_line(text.buf, name, &len);
	if (line == NULL) {
		err_set(e, ERR_NOINPUT, "no account \"%s\"", name);
		goto done;
	}
	strbuf_add(&out, text.buf, (size_t)(line - text.buf));
	strbuf_addstr(&out, line + len + (line[len] ? 1 : 0));
	rc = write_private(path, &out, e);
done:
	strbuf_release(&text);
	strbuf_release(&out);
	return rc;
}

int auth_user_list(const char *path, struct strbuf *out, struct err *e)
{
	struct strbuf text = STRBUF_INIT;

	if (read_private(path, "accounts", AUTH_FILE_MAX, &text, e) < 0) {
		strbuf_release(&text);
		return -1;
	}
	for (const char *p = text.buf; *p != '\0';) {
		const char *end = strchr(p, '\n');
		size_t l = strcspn(p, ":\n");

		if (p[l] == ':') {
			strbuf_add(out, p, l);
			strbuf_addch(out, '\n');
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
	strbuf_release(&text);
	return 0;
}

int auth_user_count(const char *path, struct err *e)
{
	struct strbuf names = STRBUF_INIT;
	int n = 0;

	if (auth_user_list(path, &names, e) < 0) {
		strbuf_release(&names);
		return -1;
	}
	for (size_t i = 0; i < names.len; i++)
		n += names.buf[i] == '\n';
	strbuf_release(&names);
	return n;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A client address as the failures file holds it: hex digits, dots,
 * colons and a "/" prefix length, no spaces. */
static bool valid_addr(const char *addr)
{
	size_t n = strlen(addr);

	return n > 0 && n < AUTH_ADDR_CHARS &&
	       strspn(addr, "0123456789abcdefABCDEF.:/") == n;
}

/* Append the record line of f to sb ("count first last name addr"). */
static void failure_line(struct strbuf *sb, const struct failure *f)
{
	strbuf_addf(sb, "%u %" PRId64 " %" PRId64 " %s %s\n", f->count,
		    f->first, f->last, f->name, f->addr);
}

/* Drop the records an hour old (and more) at now. Under lock. */
static void sweep_failures(struct auth *a, int64_t now)
{
	for (size_t i = a->n_failures; i-- > 0;)
		if (now - a->failures[i].first >= HOUR_MS)
			a->failures[i] = a->failures[--a->n_failures];
}

/* Write the live records as the whole failures file (a new private file,
 * then rename, as the accounts file). Under lock. */
static int save_failures(struct auth *a, struct err *e)
{
	struct strbuf text = STRBUF_INIT;
	int rc;

	strbuf_addstr(&text, "# runcare: failed sign-ins, count first last "
			     "account address\n");
	for (size_t i = 0; i < a->n_failures; i++)
		failure_line(&text, &a->failures[i]);
	rc = write_private(a->failures_path, &text, e);
	strbuf_release(&text);
	a->appended = 0;
	return rc;
}

/* The live record of (name, addr), or NULL. Under lock. */
static struct failure *find_failure(struct auth *a, const char *name,
				    const char *addr, int64_t now)
{
	for (size_t i = 0; i < a->n_failures; i++) {
		struct failure *f = &a->failures[i];

		if (strcmp(f->name, name) == 0 && strcmp(f->addr, addr) == 0)
			return now - f->first < HOUR_MS ? f : NULL;
	}
	return NULL;
}

/*
 * Set the record of (name, addr) to count failures (0 removes it), the
 * last at last and the first at first. Returns the record, or NULL when it
 * was removed or the table is full of live records. Under lock.
 */
static struct failure *put_failure(struct auth *a, const char *name,
				   const char *addr, unsigned count,
				   int64_t first, int64_t last)
{
	struct failure *f = NULL;

	for (size_t i = 0; i < a->n_failures && f == NULL; i++)
		if (strcmp(a->failures[i].name, name) == 0 &&
		    strcmp(a->failures[i].addr, addr) == 0)
			f = &a->failures[i];
	if (count == 0) {
		if (f != NULL)
			*f = a->failures[--a->n_failures];
		return NULL;
	}
	if (f == NULL) {
		if (a->n_failures == AUTH_FAILURE_RECORDS)
			sweep_failures(a, last);
		if (a->n_failures == AUTH_FAILURE_RECORDS)
			return NULL;
		a->failures = xrealloc(a->failures, (a->n_failures + 1) *
				       sizeof(*a->failures));
		f = &a->failures[a->n_failures++];
		snprintf(f->name, sizeof(f->name), "%s", name);
		snprintf(f->addr, sizeof(f->addr), "%s", addr);
	}
	f->count = count;
	f->first = first;
	f->last = last;
	return f;
}

/*
 * Keep the record of (name, addr) in the failures file: one line
 * appended, which replaces the record's earlier lines when the file is
 * read. Once the appended lines outnumber the records, the file is
 * written whole instead. The record stays in memory whatever happens
 * to the file. Under lock.
 */
static void keep_failure(struct auth *a, const char *name, const char *addr)
{
	struct strbuf line = STRBUF_INIT;
	struct failure gone = { .count = 0 };
	const struct failure *f;
	struct err e;
	int fd;

	f = find_failure(a, name, addr, now_ms());
	if (f == NULL) {
		snprintf(gone.name, sizeof(gone.name), "%s", name);
		snprintf(gone.addr, sizeof(gone.addr), "%s", addr);
		f = &gone;
	}
	failure_line(&line, f);
	fd = open(a->failures_path, O_WRONLY | O_APPEND | O_NOFOLLOW |
		  O_CLOEXEC);
	if (fd < 0 || a->appended > a->n_failures + 1024) {
		if (fd >= 0)
			close(fd);
		sweep_failures(a, now_ms());
		(void)save_failures(a, &e);
	} else {
		if (write(fd, line.buf, line.len) == (ssize_t)line.len)
			(void)fdatasync(fd);
		close(fd);
		a->appended++;
	}
	strbuf_release(&line);
}

/* Count one failure of (name, addr) at now. Under lock. */
static void count_failure(struct auth *a, const char *name, const char *addr,
			  int64_t now)
{
	struct failure *f = find_failure(a, name, addr, now);

	if (put_failure(a, name, addr, f != NULL ? f->count + 1 : 1,
			f != NULL ? f->first : now, now) != NULL)
		keep_failure(a, name, addr);
}

/*
 * Read the failures file into a: each line sets its record, so a later
 * line wins; lines that do not parse are skipped, records an hour old are
 * dropped. Then the file is written whole again. A failures file that is
 * a link is refused (-1 with e set).
 */
static int load_failures(struct auth *a, struct err *e)
{
	struct strbuf text = STRBUF_INIT;
	int64_t now = now_ms();
	int rc = -1;

	if (read_private(a->failures_path, "failures", FAILURES_FILE_MAX,
			 &text, e) < 0)
		goto done;
	for (char *p = text.buf; *p != '\0';) {
		char *end = strchr(p, '\n');
		char name[AUTH_NAME_MAX + 2], addr[AUTH_ADDR_CHARS + 1];
		long long first, last;
		unsigned count;

		if (end != NULL)
			*end = '\0';
		if (sscanf(p, "%u %lld %lld %65s %47s", &count, &first, &last,
			   name, addr) == 5 &&
		    (valid_addr(addr) || strcmp(addr, ALL) == 0) &&
		    (valid_name(name) || strcmp(name, ALL) == 0) &&
		    (count == 0 || now - first < HOUR_MS))
			put_failure(a, name, addr, count, first, last);
		if (end == NULL)
			break;
		p = end + 1;
	}
	rc = save_failures(a, e);
done:
	strbuf_release(&text);
	return rc;
}

/* v, or dflt when v is 0 or above it. */
static unsigned limit_or(unsigned v, unsigned dflt)
{
	return v != 0 && v < dflt ? v : dflt;
}

struct auth *auth_new(const char *path, const struct auth_limits *lim,
		      struct err *e)
{
	struct auth *a = xcalloc(1, sizeof(*a));
	struct strbuf fp = STRBUF_INIT;

	a->path = xstrdup(path);
	strbuf_addf(&fp, "%s.failures", path);
	a->failures_path = strbuf_detach(&fp, NULL);
	a->limit = limit_or(lim->failures_per_hour, AUTH_PAIR_PER_HOUR);
	a->idle_s = limit_or(lim->idle_s, AUTH_IDLE_S);
	a->max_s = limit_or(lim->max_s, AUTH_MAX_S);
	pthread_mutex_init(&a->lock, NULL);
	pthread_mutex_init(&a->verify_lock, NULL);
	if (load_failures(a, e) < 0) {
		auth_free(a);
		return NULL;
	}
	return a;
}

unsigned auth_max_s(const struct auth *a)
{
	return a->max_s;
}

void auth_free(struct auth *a)
{
	if (a == NULL)
		return;
	pthread_mutex_destroy(&a->lock);
	pthread_mutex_destroy(&a->verify_lock);
	if (a->sessions != NULL)
		sodium_memzero(a->sessions, a->alloc * sizeof(*a->sessions));
	free(a->sessions);
	free(a->accounts);
	free(a->failures);
	free(a->failures_path);
	free(a->path);
	free(a);
}

/* Whether the account name is under attack: AUTH_ACCOUNT_PAIRS caps of
 * failures from all addresses within the hour. Under lock. */
static bool under_attack(struct auth *a, const char *name, int64_t now)
{
	const struct failure *acc = find_failure(a, name, ALL, now);

	return acc != NULL && acc->count >= AUTH_ACCOUNT_PAIRS * a->limit;
}

/*
 * Milliseconds until name may be tried from addr (0: now). The pair's
 * first AUTH_FREE_FAILURES failures cost nothing; after the n-th the
 * next try waits 2^(n - AUTH_FREE_FAILURES) seconds (at most
 * AUTH_DELAY_MAX_S); at the hourly cap it waits until the hour of its
 * first failure is over. While the account is under attack an address
 * that failed on it already is capped at AUTH_FREE_FAILURES, but an
 * address without failures still gets its tries. An address past
 * AUTH_ADDRESS_PAIRS caps of failures on all names waits out its hour.
 * Under lock.
 */
static int64_t wait_ms(struct auth *a, const char *name, const char *addr,
		       int64_t now)
{
	const struct failure *pair = find_failure(a, name, addr, now);
	const struct failure *host = find_failure(a, ALL, addr, now);
	unsigned cap = a->limit;
	int64_t wait = 0, w;

	if (under_attack(a, name, now) && cap > AUTH_FREE_FAILURES)
		cap = AUTH_FREE_FAILURES;
	if (host != NULL && host->count >= AUTH_ADDRESS_PAIRS * a->limit)
		wait = host->first + HOUR_MS - now;
	if (pair == NULL)
		return wait > 0 ? wait : 0;
	if (pair->count >= cap) {
		w = pair->first + HOUR_MS - now;
	} else if (pair->count >= AUTH_FREE_FAILURES) {
		unsigned shift = pair->count - AUTH_FREE_FAILURES;
		int64_t delay = shift < 20 ? (1000LL << shift) : 0;

		if (delay == 0 || delay > AUTH_DELAY_MAX_S * 1000LL)
			delay = AUTH_DELAY_MAX_S * 1000LL;
		w = pair->last + delay - now;
	} else {
		w = 0;
	}
	if (w > wait)
		wait = w;
	return wait > 0 ? wait : 0;
}

/*
 * Read the accounts file again when it is not the one last read (another
 * inode after a rename, another size or change time): `runcare user` in
 * another process writes it. A file that cannot be read leaves no
 * account, so every session ends rather than outlive a removal. Called
 * under lock.
 */
static void refresh_accounts(struct auth *a)
{
	struct strbuf text = STRBUF_INIT;
	struct stat st;
	struct err e;

	if (lstat(a->path, &st) != 0)
		memset(&st, 0, sizeof(st));
	if (a->accounts_read && st.st_dev == a->seen.st_dev &&
	    st.st_ino == a->seen.st_ino && st.st_size == a->seen.st_size &&
	    st.st_mtim.tv_sec == a->seen.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == a->seen.st_mtim.tv_nsec &&
	    st.st_ctim.tv_sec == a->seen.st_ctim.tv_sec &&
	    st.st_ctim.tv_nsec == a->seen.st_ctim.tv_nsec)
		return;
	a->seen = st;
	a->accounts_read = true;
	a->n_accounts = 0;
	if (read_private(a->path, "accounts", AUTH_FILE_MAX, &text, &e) < 0) {
		strbuf_release(&text);
		return;
	}
	for (const char *p = text.buf; *p != '\0';) {
		const char *end = strchr(p, '\n');
		size_t l = end != NULL ? (size_t)(end - p) : strlen(p);
		size_t nl = strcspn(p, ":\n");
		char hash[crypto_pwhash_argon2id_STRBYTES];
		struct account *acc;
		uint64_t gen;

		if (nl < l && nl <= AUTH_NAME_MAX &&
		    parse_account(p, l, nl, hash, &gen)) {
			a->accounts = xrealloc(a->accounts,
					       (a->n_accounts + 1) *
					       sizeof(*a->accounts));
			acc = &a->accounts[a->n_accounts++];
			memcpy(acc->name, p, nl);
			acc->name[nl] = '\0';
			acc->gen = gen;
		}
		p += l + (end != NULL ? 1 : 0);
	}
	strbuf_release(&text);
}

/* Whether session s still stands at now: not idle too long, not too old,
 * and its account still there with the same generation. Under lock. */
static bool session_live(const struct auth *a, const struct session *s,
			 time_t now)
{
	if (now - s->last > (time_t)a->idle_s ||
	    now - s->created > (time_t)a->max_s)
		return false;
	for (size_t i = 0; i < a->n_accounts; i++)
		if (strcmp(a->accounts[i].name, s->name) == 0)
			return a->accounts[i].gen == s->gen;
	return false;
}

/* Drop session i (the last one takes its place). Under lock. */
static void drop_session(struct auth *a, size_t i)
{
	a->sessions[i] = a->sessions[--a->n_sessions];
	sodium_memzero(&a->sessions[a->n_sessions], sizeof(a->sessions[0]));
}

/*
 * Make a session for name at generation gen and write its token. Dead
 * sessions go first; past AUTH_SESSIONS_PER_ACCOUNT the oldest session
 * of this account ends. No other account's session is touched.
 */
static void new_session(struct auth *a, const char *name, uint64_t gen,
			char *token)
{
	unsigned char raw[32];
	time_t now = time(NULL);
	size_t mine = 0, oldest = 0;
	struct session *slot;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(token, AUTH_TOKEN_CHARS, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	pthread_mutex_lock(&a->lock);
	refresh_accounts(a);
	for (size_t i = a->n_sessions; i-- > 0;)
		if (!session_live(a, &a->sessions[i], now))
			drop_session(a, i);
	for (size_t i = 0; i < a->n_sessions; i++) {
		if (strcmp(a->sessions[i].name, name) != 0)
			continue;
		if (mine == 0 ||
		    a->sessions[i].created < a->sessions[oldest].created)
			oldest = i;
		mine++;
	}
	if (mine >= AUTH_SESSIONS_PER_ACCOUNT)
		drop_session(a, oldest);
	if (a->n_sessions == a->alloc) {
		size_t n = a->alloc ? 2 * a->alloc : 16;
		struct session *grown = xcalloc(n, sizeof(*grown));

		if (a->n_sessions > 0) {
			memcpy(grown, a->sessions,
			       a->n_sessions * sizeof(*grown));
			sodium_memzero(a->sessions,
				       a->alloc * sizeof(*a->sessions));
		}
		free(a->sessions);
		a->sessions = grown;
		a->alloc = n;
	}
	slot = &a->sessions[a->n_sessions++];
	crypto_hash_sha256(slot->hash, (const unsigned char *)token,
			   strlen(token));
	snprintf(slot->name, sizeof(slot->name), "%s", name);
	slot->gen = gen;
	slot->created = slot->last = now;
	pthread_mutex_unlock(&a->lock);
	sodium_memzero(raw, sizeof(raw));
}

enum auth_result auth_login(struct auth *a, const char *name,
			    const char *password, const char *client,
			    char *token, unsigned *retry_after)
{
	struct strbuf text = STRBUF_INIT;
	char hash[crypto_pwhash_argon2id_STRBYTES] = "";
	enum auth_result res = AUTH_BAD;
	const char *addr = valid_addr(client) ? client : "0";
	int64_t now = now_ms(), wait;
	bool known = false;
	uint64_t gen = 0;
	struct err e;
	size_t len = 0;
	const char *line;

	*retry_after = 0;
	if (!valid_name(name) || strlen(password) > AUTH_PASSWORD_MAX)
		return AUTH_BAD;
	if (pthread_mutex_trylock(&a->verify_lock) != 0)
		return AUTH_BUSY;
	/* Held back: no password is checked, so the answer tells nothing
	 * about it, right or wrong. */
	pthread_mutex_lock(&a->lock);
	wait = wait_ms(a, name, addr, now);
	pthread_mutex_unlock(&a->lock);
	if (wait > 0) {
		*retry_after = (unsigned)((wait + 999) / 1000);
		res = AUTH_LIMITED;
		goto done;
	}
	if (read_private(a->path, "accounts", AUTH_FILE_MAX, &text, &e) < 0) {
		res = AUTH_ERROR;
		goto done;
	}
	line = find_line(text.buf, name, &len);
	if (line != NULL && parse_account(line, len, strlen(name), hash,
					  &gen)) {
		known = true;
	} else {
		if (a->dummy[0] == '\0' &&
		    crypto_pwhash_argon2id_str(a->dummy, "not a password",
					       14, AUTH_OPSLIMIT,
					       AUTH_MEMLIMIT) != 0) {
			res = AUTH_ERROR;
			goto done;
		}
		memcpy(hash, a->dummy, sizeof(hash));
	}
	now = now_ms();
	if (crypto_pwhash_argon2id_str_verify(hash, password,
					      strlen(password)) == 0 && known) {
		res = AUTH_OK;
		new_session(a, name, gen, token);
		/* The pair starts afresh; the account's and the address's
		 * totals stay, since they count other people too. */
		pthread_mutex_lock(&a->lock);
		if (find_failure(a, name, addr, now) != NULL) {
			put_failure(a, name, addr, 0, 0, 0);
			keep_failure(a, name, addr);
		}
		pthread_mutex_unlock(&a->lock);
	} else {
		pthread_mutex_lock(&a->lock);
		count_failure(a, name, addr, now);
		count_failure(a, name, ALL, now);
		count_failure(a, ALL, addr, now);
		pthread_mutex_unlock(&a->lock);
	}
done:
	pthread_mutex_unlock(&a->verify_lock);
	sodium_memzero(hash, sizeof(hash));
	strbuf_release(&text);
	return res;
}

/* The index of token's session, or -1. Under lock. */
static ptrdiff_t find_session(struct auth *a, const char *token)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	if (token == NULL || strlen(token) != AUTH_TOKEN_CHARS - 1)
		return -1;
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	for (size_t i = 0; i < a->n_sessions; i++)
		if (sodium_memcmp(a->sessions[i].hash, h, sizeof(h)) == 0)
			return (ptrdiff_t)i;
	return -1;
}

bool auth_session(struct auth *a, const char *token, char *name)
{
	time_t now = time(NULL);
	ptrdiff_t i;
	bool ok = false;

	pthread_mutex_lock(&a->lock);
	refresh_accounts(a);
	i = find_session(a, token);
	if (i >= 0 && !session_live(a, &a->sessions[i], now)) {
		drop_session(a, (size_t)i);
		i = -1;
	}
	if (i >= 0) {
		a->sessions[i].last = now;
		memcpy(name, a->sessions[i].name, sizeof(a->sessions[i].name));
		ok = true;
	}
	pthread_mutex_unlock(&a->lock);
	return ok;
}

void auth_logout(struct auth *a, const char *token)
{
	ptrdiff_t i;

	pthread_mutex_lock(&a->lock);
	i = find_session(a, token);
	if (i >= 0)
		drop_session(a, (size_t)i);
	pthread_mutex_unlock(&a->lock);
}

size_t auth_logout_all(struct auth *a, const char *name)
{
	size_t n = 0;

	pthread_mutex_lock(&a->lock);
	for (size_t i = a->n_sessions; i-- > 0;)
		if (strcmp(a->sessions[i].name, name) == 0) {
			drop_session(a, i);
			n++;
		}
	pthread_mutex_unlock(&a->lock);
	return n;
}
