/*
 * guard.c - deadlines and caps for connections still sending their
 * request head (see guard.h).
 *
 * The records form one list under one mutex; the thread wakes a few times
 * per deadline, walks the list and shuts down the sockets past it. A
 * record lives from guard_open to guard_close, which libmicrohttpd calls
 * before it closes the socket, so a shutdown under the mutex never hits a
 * descriptor that was closed and reused.
 */
#include "web/guard.h"

#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xmalloc.h"

struct guard_conn {
	struct guard_conn *prev, *next;
	int fd;
	unsigned char addr[17];	/* family byte, then 4 or 16 bytes */
	uint64_t since_ms;	/* when the current head began */
	bool in_head;		/* the head is still arriving */
	bool dropped;		/* shut down by the guard */
};

struct guard {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	bool stop;
	unsigned head_ms, per_addr, total;
	struct guard_conn *list;
};

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* The address as a comparable key; an IPv4 address mapped into IPv6
 * counts as the IPv4 address. */
static void addr_key(const struct sockaddr *sa, unsigned char key[17])
{
	memset(key, 0, 17);
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a =
			&((const struct sockaddr_in6 *)sa)->sin6_addr;

		if (IN6_IS_ADDR_V4MAPPED(a)) {
			key[0] = AF_INET;
			memcpy(key + 1, a->s6_addr + 12, 4);
		} else {
			key[0] = AF_INET6;
			memcpy(key + 1, a->s6_addr, 16);
		}
	} else if (sa->sa_family == AF_INET) {
		key[0] = AF_INET;
		memcpy(key + 1,
		       &((const struct sockaddr_in *)sa)->sin_addr, 4);
	}
}

static bool counts(const struct guard_conn *c)
{
	return c->in_head && !c->dropped;
}

/* Close the connection's socket both ways; the server's loop sees the
 * end of the stream and closes the connection. Called under the lock. */
static void drop(struct guard_conn *c)
{
	c->dropped = true;
	shutdown(c->fd, SHUT_RDWR);
}

/* Heads under way from the address of key. Called under the lock. */
static size_t heads_from(const struct guard *g, const unsigned char *key)
{
	size_t n = 0;

	for (const struct guard_conn *c = g->list; c != NULL; c = c->next)
		if (counts(c) && memcmp(c->addr, key, sizeof(c->addr)) == 0)
			n++;
	return n;
}

/*
 * The total cap is reached: close the oldest head of the address with
 * the most heads under way. Called under the lock.
 */
static void drop_crowding(struct guard *g)
{
	struct guard_conn *victim = NULL;
	size_t most = 0;

	for (struct guard_conn *c = g->list; c != NULL; c = c->next) {
		size_t n;

		if (!counts(c))
			continue;
		n = heads_from(g, c->addr);
		if (n > most || (n == most && victim != NULL &&
				 c->since_ms < victim->since_ms)) {
			most = n;
			victim = c;
		}
	}
	if (victim != NULL)
		drop(victim);
}

static void *watch(void *arg)
{
	struct guard *g = arg;
	unsigned step = g->head_ms / 8;

	if (step < 20)
		step = 20;
	if (step > 500)
		step = 500;
	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		struct timespec until;
		uint64_t now = now_ms();

		for (struct guard_conn *c = g->list; c != NULL; c = c->next)
			if (counts(c) && now - c->since_ms >= g->head_ms)
				drop(c);
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += (long)step * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&g->wake, &g->lock, &until);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

struct guard *guard_new(const struct guard_limits *limits, struct err *e)
{
	struct guard *g = xcalloc(1, sizeof(*g));
	pthread_condattr_t ca;

	g->head_ms = limits != NULL && limits->head_ms ? limits->head_ms
						       : GUARD_HEAD_MS;
	g->per_addr = limits != NULL && limits->per_addr ? limits->per_addr
							 : GUARD_HEAD_PER_ADDR;
	g->total = limits != NULL && limits->total ? limits->total
						   : GUARD_HEAD_TOTAL;
	pthread_mutex_init(&g->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&g->thread, NULL, watch, g) != 0) {
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->lock);
		free(g);
		err_set(e, ERR_SOFTWARE, "cannot start the connection guard");
		return NULL;
	}
	return g;
}

void guard_free(struct guard *g)
{
	if (g == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	g->stop = true;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->thread, NULL);
	while (g->list != NULL) {
		struct guard_conn *c = g->list;

		g->list = c->next;
		free(c);
	}
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

struct guard_conn *guard_open(struct guard *g, int fd,
			      const struct sockaddr *addr)
{
	struct guard_conn *c = xcalloc(1, sizeof(*c));
	size_t total = 0;

	c->fd = fd;
	addr_key(addr, c->addr);
	c->since_ms = now_ms();
	c->in_head = true;
	pthread_mutex_lock(&g->lock);
	for (const struct guard_conn *o = g->list; o != NULL; o = o->next)
		total += counts(o);
	if (heads_from(g, c->addr) >= g->per_addr)
		drop(c);
	else if (total >= g->total)
		drop_crowding(g);
	c->next = g->list;
	if (g->list != NULL)
		g->list->prev = c;
	g->list = c;
	pthread_mutex_unlock(&g->lock);
	return c;
}

void guard_head_done(struct guard *g, struct guard_conn *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	c->in_head = false;
	pthread_mutex_unlock(&g->lock);
}

void guard_head_again(struct guard *g, struct guard_conn *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	c->in_head = true;
	c->since_ms = now_ms();
	pthread_mutex_unlock(&g->lock);
}

void guard_close(struct guard *g, struct guard_conn *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		g->list = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&g->lock);
	free(c);
}
