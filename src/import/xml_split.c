/*
 * xml_split.c - a large GPX or TCX file read in windows on worker threads
 * (see xml_split.h).
 *
 * The calling thread finds the prefix (the file up to the first track
 * point's start tag) and the end tags that close it, starts the workers and
 * then replays finished windows in file order. A worker takes the next
 * window under the lock: it reads `window` bytes from where the previous
 * window ended, then on to the next track point's start tag (or the end of
 * the file), and publishes where the following window starts. It parses
 * outside the lock and leaves its events in the window's slot. Workers run
 * at most SPLIT_AHEAD windows ahead of the replay, which bounds memory.
 */
#include "import/xml_split.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"

#define SPLIT_AHEAD 4			/* windows in flight */
#define SPLIT_PREFIX_MAX (64u << 10)	/* a longer file head: sequential */
#define SPLIT_STEP (64u << 10)		/* read-on step to the next tag */
#define SPLIT_MAX_THREADS 8

struct split_slot {
	bool done, last;
	struct xml_events ev;
};

struct splitter {
	const struct xml_format *fmt;
	int fd;
	uint64_t size;
	size_t window, window_max;
	char tag[48];		/* "<" and the split tag */
	size_t tag_len;
	struct strbuf prefix, suffix;

	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint64_t next_off;	/* where the next window starts */
	size_t next_index;	/* windows handed out */
	size_t consumed;	/* windows replayed */
	bool handed_last;
	bool failed;
	struct split_slot slot[SPLIT_AHEAD];
};

/* Read exactly len bytes at off; false on an error or a short file. */
static bool read_at(int fd, unsigned char *buf, size_t len, uint64_t off)
{
	while (len > 0) {
		ssize_t n = pread(fd, buf, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return true;
}

/* Offset in buf[from..len) of a split tag ("<trkpt" then a space, '>' or
 * '/'), or len when there is none. */
static size_t find_tag(const struct splitter *sp, const unsigned char *buf,
		       size_t from, size_t len)
{
	while (from < len) {
		const unsigned char *hit = memmem(buf + from, len - from,
						  sp->tag, sp->tag_len);
		if (hit == NULL)
			return len;
		size_t at = (size_t)(hit - buf);
		if (at + sp->tag_len >= len)
			return len;	/* cannot tell yet: read on */
		unsigned char c = buf[at + sp->tag_len];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		    c == '>' || c == '/')
			return at;
		from = at + 1;
	}
	return len;
}

/*
 * Under the lock: read the window that starts at sp->next_off into *buf
 * (grown as needed; *cap its size), set *body_len, and move next_off on.
 * Returns false on a read error or a window that grew past window_max.
 */
static bool take_window(struct splitter *sp, unsigned char **buf, size_t *cap,
			size_t *body_len, bool *last)
{
	uint64_t off = sp->next_off, left = sp->size - off;
	size_t have = left < sp->window ? (size_t)left : sp->window;
	size_t from = have, end = have;

	if (*cap < have) {
		*cap = have + SPLIT_STEP;
		*buf = xrealloc(*buf, *cap);
	}
	if (!read_at(sp->fd, *buf, have, off))
		return false;
	/* Read on to the first split tag after the window's size (a tag
	 * that straddles a read is looked at again after the next one). */
	while (have < left) {
		size_t more = left - have < SPLIT_STEP ? (size_t)(left - have) :
			SPLIT_STEP;
		if (have + more > sp->window_max)
			return false;
		if (*cap < have + more) {
			*cap = 2 * (have + more);
			*buf = xrealloc(*buf, *cap);
		}
		if (!read_at(sp->fd, *buf + have, more, off + have))
			return false;
		have += more;
		end = find_tag(sp, *buf, from, have);
		if (end < have)
			break;
		if (have > sp->tag_len && have - sp->tag_len > from)
			from = have - sp->tag_len;
	}
	*body_len = end;
	*last = off + end == sp->size;
	sp->next_off = off + end;
	sp->handed_last = *last;
	return true;
}

static void *worker(void *arg)
{
	struct splitter *sp = arg;
	unsigned char *buf = NULL;
	size_t cap = 0;

	for (;;) {
		size_t index, body_len = 0;
		bool last = false, got;

		pthread_mutex_lock(&sp->mu);
		while (!sp->failed && !sp->handed_last &&
		       sp->next_index >= sp->consumed + SPLIT_AHEAD)
			pthread_cond_wait(&sp->cv, &sp->mu);
		if (sp->failed || sp->handed_last) {
			pthread_mutex_unlock(&sp->mu);
			break;
		}
		index = sp->next_index++;
		got = take_window(sp, &buf, &cap, &body_len, &last);
		if (!got) {
			sp->failed = true;
			pthread_cond_broadcast(&sp->cv);
			pthread_mutex_unlock(&sp->mu);
			break;
		}
		pthread_mutex_unlock(&sp->mu);

		/* The slot is this worker's until it is marked done: the
		 * replay has finished with it (index < consumed + AHEAD), and
		 * its event array is reused, so memory does not churn. */
		struct split_slot *sl = &sp->slot[index % SPLIT_AHEAD];
		struct xml_events *ev = &sl->ev;
		ev->n = 0;
		ev->untimed = 0;
		/* The first window holds the file's head itself. */
		int rc = xml_track_parse_window(sp->fmt, sp->prefix.buf,
						index == 0 ? 0 : sp->prefix.len,
						(char *)buf, body_len,
						sp->suffix.buf,
						last ? 0 : sp->suffix.len, ev);

		pthread_mutex_lock(&sp->mu);
		sl->last = last;
		sl->done = true;
		if (rc != 0)
			sp->failed = true;
		pthread_cond_broadcast(&sp->cv);
		pthread_mutex_unlock(&sp->mu);
	}
	free(buf);
	return NULL;
}

/* The file's head up to the first split tag, and the end tags closing it. */
static bool find_prefix(struct splitter *sp)
{
	size_t len = sp->size < SPLIT_PREFIX_MAX ? (size_t)sp->size :
		SPLIT_PREFIX_MAX;
	unsigned char *head = xmalloc(len);
	bool ok = false;

	if (read_at(sp->fd, head, len, 0)) {
		size_t at = find_tag(sp, head, 0, len);
		if (at < len) {
			strbuf_add(&sp->prefix, head, at);
			ok = xml_track_closing_tags(sp->prefix.buf, sp->prefix.len,
						    &sp->suffix) == 0;
		}
	}
	free(head);
	return ok;
}

int xml_split_parse(const struct xml_format *fmt, int fd, uint64_t size,
		    size_t window, int threads, struct activity_sum *s)
{
	struct splitter *sp = xcalloc(1, sizeof(*sp));
	pthread_t th[SPLIT_MAX_THREADS];
	int started = 0;
	size_t untimed = 0;
	bool ok = false;

	sp->fmt = fmt;
	sp->fd = fd;
	sp->size = size;
	sp->window = window > 0 ? window : 1;
	sp->window_max = 4 * sp->window + (4u << 20);
	sp->prefix = (struct strbuf)STRBUF_INIT;
	sp->suffix = (struct strbuf)STRBUF_INIT;
	sp->tag_len = (size_t)snprintf(sp->tag, sizeof(sp->tag), "<%s",
				       fmt->split_tag);
	if (threads > SPLIT_MAX_THREADS)
		threads = SPLIT_MAX_THREADS;
	if (size == 0 || fmt->split_tag == NULL || !find_prefix(sp))
		goto out;
	pthread_mutex_init(&sp->mu, NULL);
	pthread_cond_init(&sp->cv, NULL);
	for (; started < threads; started++)
		if (pthread_create(&th[started], NULL, worker, sp) != 0)
			break;
	if (started == 0) {
		sp->failed = true;
	}
	/* Replay the windows in order as they finish. */
	for (size_t i = 0;; i++) {
		struct split_slot *sl = &sp->slot[i % SPLIT_AHEAD];
		pthread_mutex_lock(&sp->mu);
		while (!sp->failed && !sl->done)
			pthread_cond_wait(&sp->cv, &sp->mu);
		if (sp->failed) {
			pthread_mutex_unlock(&sp->mu);
			break;
		}
		bool last = sl->last;
		pthread_mutex_unlock(&sp->mu);

		xml_events_replay(&sl->ev, s);
		untimed += sl->ev.untimed;

		pthread_mutex_lock(&sp->mu);
		sl->done = false;
		sp->consumed++;
		pthread_cond_broadcast(&sp->cv);
		pthread_mutex_unlock(&sp->mu);
		if (last) {
			ok = true;
			break;
		}
	}
	pthread_mutex_lock(&sp->mu);
	if (!ok)
		sp->failed = true;
	pthread_cond_broadcast(&sp->cv);
	pthread_mutex_unlock(&sp->mu);
	for (int t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	for (size_t i = 0; i < SPLIT_AHEAD; i++)
		xml_events_release(&sp->slot[i].ev);
	pthread_cond_destroy(&sp->cv);
	pthread_mutex_destroy(&sp->mu);
	/* A file with more track points without a time than with: the
	 * sequential read says so. */
	if (ok && untimed > s->file_points)
		ok = false;
out:
	strbuf_release(&sp->prefix);
	strbuf_release(&sp->suffix);
	free(sp);
	return ok ? 0 : -1;
}
