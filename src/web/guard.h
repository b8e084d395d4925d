/*
 * guard.h - limits on connections that are still sending their request
 * head (the request line and the headers).
 *
 * libmicrohttpd's own timeout restarts on every byte, so a client that
 * sends one header line every few seconds would hold its connection for
 * ever, and enough such clients hold every connection the server has. The
 * guard keeps, per open connection, the time its current head began and
 * closes (shutdown(2), so the server's own loop sees the end and cleans
 * up) every connection whose head is not complete within the limit. It
 * also caps the connections in that state: per client address (a new one
 * over the cap is closed at once) and in total (a new one then closes the
 * oldest head of the address that holds the most), so one client cannot
 * crowd out the others.
 *
 * The guard knows nothing of HTTP: server.c tells it when a connection
 * opens and closes and when a head is complete or a new one begins. It
 * runs one thread of its own, which checks the deadlines.
 */
#ifndef RUNCARE_WEB_GUARD_H
#define RUNCARE_WEB_GUARD_H

#include <stddef.h>
#include <sys/socket.h>

#include "core/err.h"

#define GUARD_HEAD_MS 10000	/* a request head must be complete in 10 s */
#define GUARD_HEAD_PER_ADDR 32	/* heads under way per client address */
#define GUARD_HEAD_TOTAL 256	/* heads under way in total */

struct guard_limits {
	unsigned head_ms;	/* 0: GUARD_HEAD_MS */
	unsigned per_addr;	/* 0: GUARD_HEAD_PER_ADDR */
	unsigned total;		/* 0: GUARD_HEAD_TOTAL */
};

struct guard;
struct guard_conn;

/* Start the guard and its thread. Returns an owned guard (guard_free) or
 * NULL with e set (ERR_SOFTWARE) when the thread cannot start. */
struct guard *guard_new(const struct guard_limits *limits, struct err *e);

/* Stop the thread and free the guard; every connection must be closed. */
void guard_free(struct guard *g);

/*
 * A connection opened on socket fd from addr (borrowed for the call; an
 * IPv4 or IPv6 address, or NULL when unknown): its head begins now. Returns its record, owned by the guard until guard_close.
 * The connection may be shut down at once when its address is over the
 * cap; it is still to be closed with guard_close.
 */
struct guard_conn *guard_open(struct guard *g, int fd,
			      const struct sockaddr *addr);

/* The connection's head is complete: its deadline no longer applies. */
void guard_head_done(struct guard *g, struct guard_conn *c);

/* A request on the connection is over; the next head begins now. */
void guard_head_again(struct guard *g, struct guard_conn *c);

/* The connection is closed (before its socket is): forget it. */
void guard_close(struct guard *g, struct guard_conn *c);

#endif
