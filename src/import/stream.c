/*
 * stream.c - the byte-stream layers of stream.h: memory, file descriptor,
 * SHA-256 tap, capped gzip, and the look-ahead buffer.
 */
#include "import/stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "import/import.h"

static ssize_t mem_read(void *ctx, unsigned char *buf, size_t len,
			struct err *e)
{
	struct mem_src *m = ctx;
	size_t n = m->len - m->pos;

	(void)e;
	if (n > len)
		n = len;
	if (n)
		memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

void mem_src_init(struct mem_src *m, struct istream *out, const void *data,
		  size_t len)
{
	m->data = data;
	m->len = len;
	m->pos = 0;
	out->read = mem_read;
	out->ctx = m;
}

static ssize_t fd_read(void *ctx, unsigned char *buf, size_t len,
		       struct err *e)
{
	struct fd_src *f = ctx;
	ssize_t n;

	do
		n = read(f->fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return err_set(e, ERR_IO, "read failed: %s", strerror(errno));
	return n;
}

void fd_src_init(struct fd_src *f, struct istream *out, int fd)
{
	f->fd = fd;
	out->read = fd_read;
	out->ctx = f;
}

static ssize_t hash_read(void *ctx, unsigned char *buf, size_t len,
			 struct err *e)
{
	struct hash_tap *h = ctx;
	ssize_t n = h->in.read(h->in.ctx, buf, len, e);

	if (n > 0) {
		sha256_update(&h->sha, buf, (size_t)n);
		h->bytes += (uint64_t)n;
	}
	return n;
}

void hash_tap_init(struct hash_tap *h, struct istream *out,
		   const struct istream *in)
{
	h->in = *in;
	h->bytes = 0;
	sha256_init(&h->sha);
	out->read = hash_read;
	out->ctx = h;
}

void hash_tap_hex(struct hash_tap *h, char hex[65])
{
	sha256_final_hex(&h->sha, hex);
}

uint64_t stream_cap_for(uint64_t in_size)
{
	uint64_t cap = IMPORT_MAX_BYTES;

	if (in_size < IMPORT_MAX_BYTES / IMPORT_MAX_RATIO &&
	    in_size * IMPORT_MAX_RATIO < cap)
		cap = in_size * IMPORT_MAX_RATIO;
	return cap;
}

static ssize_t gz_read(void *ctx, unsigned char *out, size_t len,
		       struct err *e)
{
	struct gz_src *g = ctx;

	if (g->done || len == 0)
		return 0;
	g->z.next_out = out;
	g->z.avail_out = (uInt)(len > 1u << 30 ? 1u << 30 : len);
	while (g->z.avail_out == (uInt)(len > 1u << 30 ? 1u << 30 : len)) {
		if (g->z.avail_in == 0) {
			ssize_t n = g->in.read(g->in.ctx, g->buf,
					       sizeof(g->buf), e);
			if (n < 0)
				return -1;
			if (n == 0)
				return err_set(e, ERR_DATA,
					       "gzip data ends early (truncated)");
			g->z.next_in = g->buf;
			g->z.avail_in = (uInt)n;
		}
		int rc = inflate(&g->z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			/* Another member may follow (gzip allows several). */
			if (g->z.avail_in == 0) {
				ssize_t n = g->in.read(g->in.ctx, g->buf,
						       sizeof(g->buf), e);
				if (n < 0)
					return -1;
				g->z.next_in = g->buf;
				g->z.avail_in = (uInt)n;
			}
			if (g->z.avail_in == 0 || g->z.next_in[0] != 0x1f) {
				g->done = true;
				break;
			}
			inflateReset(&g->z);
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			return err_set(e, ERR_DATA, "gzip data is corrupt (%s)",
				       g->z.msg ? g->z.msg : "inflate failed");
		}
	}
	size_t n = (size_t)(g->z.next_out - out);
	g->out_total += n;
	if (g->out_total > g->max_out)
		return err_set(e, ERR_DATA,
			       "gzip data expands beyond %llu bytes (a gzip bomb?)",
			       (unsigned long long)g->max_out);
	return (ssize_t)n;
}

void gz_src_init(struct gz_src *g, struct istream *out,
		 const struct istream *in, uint64_t max_out)
{
	memset(&g->z, 0, sizeof(g->z));
	g->in = *in;
	g->out_total = 0;
	g->max_out = max_out;
	g->done = false;
	/* 16 + MAX_WBITS: gzip wrapper only. */
	g->z_open = inflateInit2(&g->z, 16 + MAX_WBITS) == Z_OK;
	if (!g->z_open)
		g->done = true;
	out->read = gz_read;
	out->ctx = g;
}

void gz_src_release(struct gz_src *g)
{
	if (g->z_open)
		inflateEnd(&g->z);
	g->z_open = false;
}

void ibuf_init(struct ibuf *b, const struct istream *in, size_t cap)
{
	b->in = *in;
	b->cap = cap < 65536 ? 65536 : cap;
	b->buf = xmalloc(b->cap);
	b->pos = b->len = 0;
	b->eof = false;
	b->consumed = 0;
}

void ibuf_release(struct ibuf *b)
{
	free(b->buf);
	b->buf = NULL;
}

ssize_t ibuf_fill(struct ibuf *b, size_t need, struct err *e)
{
	if (need > b->cap)
		need = b->cap;
	while (b->len - b->pos < need && !b->eof) {
		if (b->pos > 0) {
			memmove(b->buf, b->buf + b->pos, b->len - b->pos);
			b->consumed += b->pos;
			b->len -= b->pos;
			b->pos = 0;
		}
		ssize_t n = b->in.read(b->in.ctx, b->buf + b->len,
				       b->cap - b->len, e);
		if (n < 0)
			return -1;
		if (n == 0)
			b->eof = true;
		b->len += (size_t)n;
	}
	return (ssize_t)(b->len - b->pos);
}
