/*
 * auth.c - accounts file, password hashing, login limits and sessions
 * (see auth.h).
 *
 * Password checks run one at a time (verify_lock): each takes 64 MiB and
 * a good part of a second, so one at a time bounds the server's memory,
 * and a login that finds a check running is told to retry rather than
 * made to wait on one of the server's few threads. A name without an account is checked against a dummy
 * hash, so an answer takes as long whether or not the account exists.
 */
#include "web/auth.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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
#define AUTH_MAX_SESSIONS 256
#define AUTH_TRACKED 64		/* accounts whose failures are counted */

struct session {
	unsigned char hash[crypto_hash_sha256_BYTES];	/* of the token */
	char name[AUTH_NAME_MAX + 1];
	time_t created, last;
	bool used;
};

struct failures {
	char name[AUTH_NAME_MAX + 1];
	time_t at[AUTH_FAILURES_PER_HOUR];	/* ring of failure times */
	unsigned next;
	time_t last;
};

struct auth {
	char *path;
	unsigned limit;
	pthread_mutex_t lock;		/* sessions and failures */
	pthread_mutex_t verify_lock;	/* one password check at a time */
	char dummy[crypto_pwhash_argon2id_STRBYTES];
	struct session sessions[AUTH_MAX_SESSIONS];
	struct failures failures[AUTH_TRACKED];
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

/* Read the whole accounts file into sb ("" when it does not exist). */
static int read_accounts(const char *path, struct strbuf *sb, struct err *e)
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
			return err_set(e, ERR_IO, "%s: the accounts file is a "
				       "symbolic link; refusing to read it",
				       path);
		return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		strbuf_add(sb, buf, n);
		if (sb->len > AUTH_FILE_MAX) {
			fclose(f);
			return err_set(e, ERR_DATA, "%s: larger than %d bytes",
				       path, AUTH_FILE_MAX);
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

/* Replace the file at path with text (a temporary file, then rename). */
static int write_accounts(const char *path, const struct strbuf *text,
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

int auth_user_add(const char *path, const char *name, const char *password,
		  bool replace, struct err *e)
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
	if (read_accounts(path, &text, e) < 0)
		goto done;
	line = find_line(text.buf, name, &len);
	if (line != NULL && !replace) {
		err_set(e, ERR_DATA, "account \"%s\" exists already", name);
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
	strbuf_addf(&out, "%s:%s\n", name, hash);
	rc = write_accounts(path, &out, e);
done:
	sodium_memzero(hash, sizeof(hash));
	strbuf_release(&text);
	strbuf_release(&out);
	return rc;
}

int auth_user_remove(const char *path, const char *name, struct err *e)
{
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	const char *line;
	size_t len = 0;
	int rc = -1;

	if (read_accounts(path, &text, e) < 0)
		goto done;
	line = find_line(text.buf, name, &len);
	if (line == NULL) {
		err_set(e, ERR_NOINPUT, "no account \"%s\"", name);
		goto done;
	}
	strbuf_add(&out, text.buf, (size_t)(line - text.buf));
	strbuf_addstr(&out, line + len + (line[len] ? 1 : 0));
	rc = write_accounts(path, &out, e);
done:
	strbuf_release(&text);
	strbuf_release(&out);
	return rc;
}

int auth_user_list(const char *path, struct strbuf *out, struct err *e)
{
	struct strbuf text = STRBUF_INIT;

	if (read_accounts(path, &text, e) < 0) {
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

struct auth *auth_new(const char *path, unsigned failures_per_hour)
{
	struct auth *a = xcalloc(1, sizeof(*a));

	a->path = xstrdup(path);
	a->limit = failures_per_hour && failures_per_hour <
		   AUTH_FAILURES_PER_HOUR ? failures_per_hour
					  : AUTH_FAILURES_PER_HOUR;
	pthread_mutex_init(&a->lock, NULL);
	pthread_mutex_init(&a->verify_lock, NULL);
	return a;
}

void auth_free(struct auth *a)
{
	if (a == NULL)
		return;
	pthread_mutex_destroy(&a->lock);
	pthread_mutex_destroy(&a->verify_lock);
	sodium_memzero(a->sessions, sizeof(a->sessions));
	free(a->path);
	free(a);
}

/* The failure record of name (made when missing). Called under lock. */
static struct failures *failures_of(struct auth *a, const char *name)
{
	struct failures *oldest = &a->failures[0];

	for (size_t i = 0; i < AUTH_TRACKED; i++) {
		struct failures *f = &a->failures[i];

		if (strcmp(f->name, name) == 0)
			return f;
		if (f->last < oldest->last)
			oldest = f;
	}
	memset(oldest, 0, sizeof(*oldest));
	snprintf(oldest->name, sizeof(oldest->name), "%s", name);
	return oldest;
}

static unsigned failures_last_hour(const struct failures *f, time_t now)
{
	unsigned n = 0;

	for (size_t i = 0; i < AUTH_FAILURES_PER_HOUR; i++)
		n += f->at[i] != 0 && now - f->at[i] < 3600;
	return n;
}

static void new_session(struct auth *a, const char *name, char *token)
{
	unsigned char raw[32];
	struct session *slot = &a->sessions[0];
	time_t now = time(NULL);

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(token, AUTH_TOKEN_CHARS, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	pthread_mutex_lock(&a->lock);
	for (size_t i = 0; i < AUTH_MAX_SESSIONS; i++) {
		struct session *s = &a->sessions[i];

		if (!s->used || now - s->last > AUTH_IDLE_S ||
		    now - s->created > AUTH_MAX_S) {
			slot = s;
			break;
		}
		if (s->last < slot->last)
			slot = s;	/* full: the least recently used goes */
	}
	crypto_hash_sha256(slot->hash, (const unsigned char *)token,
			   strlen(token));
	snprintf(slot->name, sizeof(slot->name), "%s", name);
	slot->created = slot->last = now;
	slot->used = true;
	pthread_mutex_unlock(&a->lock);
	sodium_memzero(raw, sizeof(raw));
}

enum auth_result auth_login(struct auth *a, const char *name,
			    const char *password, char *token)
{
	struct strbuf text = STRBUF_INIT;
	char hash[crypto_pwhash_argon2id_STRBYTES] = "";
	enum auth_result res = AUTH_BAD;
	time_t now = time(NULL);
	bool known = false;
	struct err e;
	size_t len = 0;
	const char *line;

	if (!valid_name(name) || strlen(password) > AUTH_PASSWORD_MAX)
		return AUTH_BAD;
	if (pthread_mutex_trylock(&a->verify_lock) != 0)
		return AUTH_BUSY;
	pthread_mutex_lock(&a->lock);
	if (failures_last_hour(failures_of(a, name), now) >= a->limit)
		res = AUTH_LIMITED;
	pthread_mutex_unlock(&a->lock);
	if (res == AUTH_LIMITED)
		goto done;
	if (read_accounts(a->path, &text, &e) < 0) {
		res = AUTH_ERROR;
		goto done;
	}
	line = find_line(text.buf, name, &len);
	if (line != NULL && len - strlen(name) - 1 < sizeof(hash)) {
		memcpy(hash, line + strlen(name) + 1, len - strlen(name) - 1);
		hash[len - strlen(name) - 1] = '\0';
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
	if (crypto_pwhash_argon2id_str_verify(hash, password,
					      strlen(password)) == 0 && known) {
		res = AUTH_OK;
		new_session(a, name, token);
	} else {
		struct failures *f;

		pthread_mutex_lock(&a->lock);
		f = failures_of(a, name);
		f->at[f->next] = now;
		f->next = (f->next + 1) % AUTH_FAILURES_PER_HOUR;
		f->last = now;
		pthread_mutex_unlock(&a->lock);
	}
done:
	pthread_mutex_unlock(&a->verify_lock);
	sodium_memzero(hash, sizeof(hash));
	strbuf_release(&text);
	return res;
}

static struct session *find_session(struct auth *a, const char *token)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	if (token == NULL || strlen(token) != AUTH_TOKEN_CHARS - 1)
		return NULL;
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	for (size_t i = 0; i < AUTH_MAX_SESSIONS; i++)
		if (a->sessions[i].used &&
		    sodium_memcmp(a->sessions[i].hash, h, sizeof(h)) == 0)
			return &a->sessions[i];
	return NULL;
}

bool auth_session(struct auth *a, const char *token, char *name)
{
	time_t now = time(NULL);
	struct session *s;
	bool ok = false;

	pthread_mutex_lock(&a->lock);
	s = find_session(a, token);
	if (s != NULL && (now - s->last > AUTH_IDLE_S ||
			  now - s->created > AUTH_MAX_S)) {
		memset(s, 0, sizeof(*s));
		s = NULL;
	}
	if (s != NULL) {
		s->last = now;
		memcpy(name, s->name, sizeof(s->name));
		ok = true;
	}
	pthread_mutex_unlock(&a->lock);
	return ok;
}

void auth_logout(struct auth *a, const char *token)
{
	struct session *s;

	pthread_mutex_lock(&a->lock);
	s = find_session(a, token);
	if (s != NULL)
		memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&a->lock);
}
