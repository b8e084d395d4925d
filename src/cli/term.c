/*
 * term.c - one question, one line of answer (see term.h).
 *
 * Answers are read with read(2) one byte at a time: a terminal hands over
 * a line at a time anyway, and nothing is left in a stdio buffer when the
 * program goes on to do something else. The SIGINT handler only records
 * the signal; it is installed without SA_RESTART so that the read in
 * progress returns EINTR and the question loop can stop. term_wrap is the
 * one line-wrapping routine of the text front end: questions and results
 * both go through it.
 */
#include "cli/term.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Set by the SIGINT handler; the one piece of mutable file-scope state,
 * because a signal handler has no other way to talk to the program. */
static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

void term_open(struct term *t, int in, FILE *out)
{
	struct sigaction sa;

	t->in = in;
	t->out = out;
	got_sigint = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: let read() fail with EINTR */
	sigaction(SIGINT, &sa, &t->old_int);
	/* A program started with Ctrl-C ignored (nohup, a background job)
	 * keeps ignoring it. */
	if (t->old_int.sa_handler == SIG_IGN)
		sigaction(SIGINT, &t->old_int, NULL);
}

void term_close(struct term *t)
{
	sigaction(SIGINT, &t->old_int, NULL);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

enum term_status term_ask(struct term *t, const char *prompt, char *buf,
			  size_t size)
{
	size_t len = 0, from = 0;

	fputs(prompt, t->out);
	fflush(t->out);
	for (;;) {
		char c;
		ssize_t n;

		if (got_sigint)
			return TERM_INTERRUPTED;
		n = read(t->in, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;	/* got_sigint says whether to stop */
		if (n < 0)
			return TERM_ERROR;
		if (n == 0)
			return TERM_EOF;
		if (c == '\n')
			break;
		if (len + 1 < size)
			buf[len++] = c;
	}
	while (len > 0 && is_blank(buf[len - 1]))
		len--;
	while (from < len && is_blank(buf[from]))
		from++;
	memmove(buf, buf + from, len - from);
	buf[len - from] = '\0';
	return TERM_OK;
}

size_t term_width(int fd)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	size_t w = TERM_DEFAULT_WIDTH;

	if (env != NULL && env[0] >= '0' && env[0] <= '9') {
		char *end;
		unsigned long v = strtoul(env, &end, 10);

		if (*end == '\0' && v > 0 && v < 10000)
			return v < TERM_MIN_WIDTH ? TERM_MIN_WIDTH : (size_t)v;
	}
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		w = ws.ws_col;
	return w < TERM_MIN_WIDTH ? TERM_MIN_WIDTH : w;
}

size_t term_text_width(const char *s, size_t len)
{
	size_t w = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

void term_wrap(struct strbuf *out, size_t width, size_t col, size_t indent,
	       const char *text)
{
	const char *p = text;
	bool first = true;

	while (*p != '\0') {
		size_t len, w;

		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " \n");
		w = term_text_width(p, len);
		if (col > indent && col + (first ? 0 : 1) + w > width) {
			strbuf_addch(out, '\n');
			for (size_t i = 0; i < indent; i++)
				strbuf_addch(out, ' ');
			col = indent;
		} else if (!first) {
			strbuf_addch(out, ' ');
			col++;
		}
		strbuf_add(out, p, len);
		col += w;
		p += len;
		first = false;
	}
	strbuf_addch(out, '\n');
}
