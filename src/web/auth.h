/*
 * auth.h - accounts, logins and sessions of the web app.
 *
 * On loopback runcare needs no login. Listening on any other address (or
 * with require_login) it does: people sign in with an account made by
 * `runcare user add`. Accounts live in a small text file next to the
 * journal ("<journal>.accounts", mode 0600), one "name:hash:generation"
 * line each, the hash being libsodium's argon2id string at 64 MiB and
 * t=3 and the generation 64 random bits in hex, renewed by every
 * password change.
 *
 * Failed logins are counted per account and client address pair, per
 * account and per address, each for an hour from its first failure, and
 * kept in "<journal>.accounts.failures" (0600, written as the accounts
 * file is), so a restart does not forget them. A pair's tries are spaced
 * out exponentially after AUTH_FREE_FAILURES and capped at the limit an
 * hour; an account under attack caps the addresses that failed on it
 * sooner, but never an address that has not failed.
 *
 * Sessions are random 256-bit tokens. The server keeps, per session, the
 * token's SHA-256, the account, the account's generation at sign-in, and
 * when it was made and last used. A session ends at logout, after
 * AUTH_IDLE_S without a request, AUTH_MAX_S after sign-in (both can be
 * set lower per server), and as soon as
 * its account is removed or its generation changes: the server reads the
 * accounts file again whenever it has changed, so `runcare user remove`
 * or `user passwd` in another process ends the sessions at once. An
 * account has at most AUTH_SESSIONS_PER_ACCOUNT sessions; a sign-in past
 * that ends the account's oldest one, never another account's.
 *
 * struct auth is the server's mutable login state (owned by the server,
 * guarded by its own mutex): there is no global state.
 */
#ifndef RUNCARE_WEB_AUTH_H
#define RUNCARE_WEB_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/strbuf.h"

#define AUTH_PASSWORD_MIN 12		/* characters (bytes) at least */
#define AUTH_PASSWORD_MAX 1024
#define AUTH_NAME_MAX 64
#define AUTH_MEMLIMIT (64u * 1024 * 1024)	/* argon2id memory */
#define AUTH_OPSLIMIT 3				/* argon2id passes */
/* Sign-in limits (see docs/security.md): per account and address pair,
 * per account, per address. */
#define AUTH_PAIR_PER_HOUR 10		/* failures per pair and hour */
#define AUTH_FREE_FAILURES 3		/* failures of a pair without delay */
#define AUTH_DELAY_MAX_S (15 * 60)	/* longest delay between tries */
#define AUTH_ACCOUNT_PAIRS 10		/* an account with this many pair
					   caps of failures is under attack */
#define AUTH_ADDRESS_PAIRS 20		/* an address failing this many pair
					   caps on all names waits an hour */
#define AUTH_ADDR_CHARS 48		/* client address text, plus NUL */
#define AUTH_IDLE_S (30 * 60)		/* a session unused this long ends */
#define AUTH_MAX_S (12 * 60 * 60)	/* and none lasts longer */
#define AUTH_TOKEN_CHARS 44		/* base64url of 32 bytes, plus NUL */
#define AUTH_SESSIONS_PER_ACCOUNT 8

/* The accounts file of a journal: "<journal path>.accounts" (db_path NULL:
 * the default journal). Appends to out; -1 with e set if no path. */
int auth_accounts_path(const char *db_path, struct strbuf *out,
		       struct err *e);

/*
 * Add the account name with password to the accounts file at path,
 * hashing it with argon2id, with a new generation. Checks the name (1-64
 * letters, digits, '.', '_', '-') and the password length. Returns 0, or
 * -1 with e set (ERR_DATA for a bad name or password or an existing name,
 * ERR_IO when the file cannot be written).
 */
int auth_user_add(const char *path, const char *name, const char *password,
		  struct err *e);
/* Give the existing account name a new password and a new generation,
 * which ends all its sessions. As auth_user_add, but ERR_NOINPUT when
 * there is no such account. */
int auth_user_passwd(const char *path, const char *name,
		     const char *password, struct err *e);
/* Remove an account (its sessions end). ERR_NOINPUT when there is none. */
int auth_user_remove(const char *path, const char *name, struct err *e);
/* Append the account names, one a line, to out. */
int auth_user_list(const char *path, struct strbuf *out, struct err *e);
/* Number of accounts in the file (0 when it does not exist), or -1. */
int auth_user_count(const char *path, struct err *e);

struct auth;

/* Limits of a server's logins; 0 in a field means its default. */
struct auth_limits {
	unsigned failures_per_hour;	/* cap per account and address pair;
					   AUTH_PAIR_PER_HOUR at most */
	unsigned idle_s;		/* AUTH_IDLE_S */
	unsigned max_s;			/* AUTH_MAX_S */
};

/*
 * Login state for a server using the accounts file at path (copied),
 * with the failures kept beside it read back, and the limits lim
 * (copied; the account and address totals scale with the pair cap).
 * Owned: auth_free. NULL with e set when the failures file cannot be read
 * or written (a link there is refused).
 */
struct auth *auth_new(const char *path, const struct auth_limits *lim,
		      struct err *e);
/* The absolute lifetime of a session in seconds (for the cookie). */
unsigned auth_max_s(const struct auth *a);
void auth_free(struct auth *a);

enum auth_result {
	AUTH_OK,
	AUTH_BAD,		/* wrong name or password */
	AUTH_LIMITED,		/* held back: too many failures lately */
	AUTH_BUSY,		/* another password check is running */
	AUTH_ERROR,		/* the accounts file could not be read */
};

/*
 * Check name and password from the client address client (borrowed
 * text, at most AUTH_ADDR_CHARS - 1 characters). On AUTH_OK a new
 * session is made and its token written to token (AUTH_TOKEN_CHARS
 * bytes). Every failure counts, whether or not the account exists; while
 * held back (AUTH_LIMITED, *retry_after set to the seconds to wait) no
 * password is checked at all. Checks run one at a time and a login
 * arriving meanwhile gets AUTH_BUSY at once, so a flood of logins cannot
 * hold the server's threads.
 */
enum auth_result auth_login(struct auth *a, const char *name,
			    const char *password, const char *client,
			    char *token, unsigned *retry_after);

/* The account of a live session token (copied into name, at least
 * AUTH_NAME_MAX + 1 bytes), refreshing its idle time; false when the
 * token is unknown or expired, or its account was removed or has a new
 * password. */
bool auth_session(struct auth *a, const char *token, char *name);

/* End the session of token (nothing happens for an unknown one). */
void auth_logout(struct auth *a, const char *token);

/* End every session of the account name ("sign out everywhere"); returns
 * how many there were. */
size_t auth_logout_all(struct auth *a, const char *name);

#endif
