/*
 * stream.h - byte streams for the importers (internal to src/import).
 *
 * A file reaches a parser through layers: a source (a file descriptor, a
 * zip entry or memory), a SHA-256 tap that hashes the bytes as they are
 * stored, an optional gzip layer, and a struct ibuf that buffers and lets
 * the format table sniff the first bytes before a parser consumes them.
 * Every layer reads in fixed-size chunks, so memory does not grow with the
 * file. The gzip layer enforces the decompression caps of import.h.
 */
#ifndef RUNCARE_IMPORT_STREAM_H
#define RUNCARE_IMPORT_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <zlib.h>

#include "core/err.h"
#include "core/sha256.h"

/* A source of bytes: read returns the count (> 0), 0 at the end, or -1
 * with e set. ctx is borrowed by the stream. */
struct istream {
	ssize_t (*read)(void *ctx, unsigned char *buf, size_t len,
			struct err *e);
	void *ctx;
};

/* Memory: borrows data for the life of the stream. */
struct mem_src {
	const unsigned char *data;
	size_t len, pos;
};
void mem_src_init(struct mem_src *m, struct istream *out, const void *data,
		  size_t len);

/* A file descriptor (borrowed, not closed). */
struct fd_src {
	int fd;
};
void fd_src_init(struct fd_src *f, struct istream *out, int fd);

/* SHA-256 of every byte that passes through. */
struct hash_tap {
	struct istream in;
	struct sha256 sha;
	uint64_t bytes;
};
void hash_tap_init(struct hash_tap *h, struct istream *out,
		   const struct istream *in);
/* Write the lower-case hex digest (65 bytes with NUL) of what passed. */
void hash_tap_hex(struct hash_tap *h, char hex[65]);

/*
 * gzip (RFC 1952, members concatenated as gzip allows) with caps: at most
 * max_out bytes come out (see import.h: the lesser of IMPORT_MAX_BYTES and
 * IMPORT_MAX_RATIO times in_size). Exceeding it, or a corrupt stream, or a
 * stream that ends early, is an ERR_DATA error.
 */
struct gz_src {
	struct istream in;
	z_stream z;
	bool z_open, done;
	uint64_t out_total, max_out;
	unsigned char buf[65536];
};
void gz_src_init(struct gz_src *g, struct istream *out,
		 const struct istream *in, uint64_t max_out);
void gz_src_release(struct gz_src *g);

/* A buffered reader with look-ahead. */
struct ibuf {
	struct istream in;
	unsigned char *buf;
	size_t cap, pos, len;
	bool eof;
	uint64_t consumed;	/* bytes before buf[0] */
};
/* cap: largest look-ahead needed (parsers ask for at most this much). */
void ibuf_init(struct ibuf *b, const struct istream *in, size_t cap);
void ibuf_release(struct ibuf *b);
/*
 * Make at least need bytes available at b->buf + b->pos (need <= cap).
 * Returns the number available (less than need only at the end of the
 * stream), or -1 with e set.
 */
ssize_t ibuf_fill(struct ibuf *b, size_t need, struct err *e);
/* Offset of the next unread byte from the start of the stream. */
static inline uint64_t ibuf_offset(const struct ibuf *b)
{
	return b->consumed + b->pos;
}

/* The decompression cap for input of in_size bytes (see import.h). */
uint64_t stream_cap_for(uint64_t in_size);

#endif
