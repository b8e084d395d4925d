/*
 * sha256.h - SHA-256 (FIPS 180-4) over a stream of bytes.
 *
 * The importer hashes every file it reads, so this sits on the import's hot
 * path. On x86-64 processors with the SHA extensions the compression runs
 * on those instructions (about five times the portable code); elsewhere,
 * and when told to, it runs portable C. Both give the same digest; the unit
 * test holds them to libsodium's on random inputs and to the standard's own
 * test vectors.
 *
 * No allocation, no globals: the state is the caller's.
 */
#ifndef RUNCARE_CORE_SHA256_H
#define RUNCARE_CORE_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHA256_BYTES 32
#define SHA256_HEX_BYTES 65	/* 64 hex digits and a NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;		/* message length so far */
	unsigned char block[64];
	size_t fill;		/* bytes waiting in block */
	bool hw;		/* use the SHA extensions */
};

/* Start a digest, on the SHA extensions when this processor has them. */
void sha256_init(struct sha256 *s);

/* Start a digest on the portable code only (for tests and comparisons). */
void sha256_init_portable(struct sha256 *s);

/* True when sha256_init would use the SHA extensions on this processor. */
bool sha256_hw_available(void);

/* Add len bytes at data (borrowed for the call). */
void sha256_update(struct sha256 *s, const void *data, size_t len);

/* Finish: write the 32-byte digest. s must be initialised again before
 * reuse. */
void sha256_final(struct sha256 *s, unsigned char out[SHA256_BYTES]);

/* Finish and write the digest as lower-case hex with a NUL. */
void sha256_final_hex(struct sha256 *s, char hex[SHA256_HEX_BYTES]);

#endif
