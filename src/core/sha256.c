/*
 * sha256.c - SHA-256 (see sha256.h): a portable compression function and,
 * on x86-64, one on the SHA extensions (SHA256RNDS2, SHA256MSG1/2), chosen
 * per digest by asking the processor (CPUID) in sha256_init.
 *
 * Both compress whole 64-byte blocks; sha256_update buffers the rest, and
 * sha256_final pads as FIPS 180-4 section 5.1.1 says.
 */
#include "core/sha256.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

/* FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of
 * the cube roots of the first 64 primes. */
static const uint32_t round_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Section 5.3.3: the initial hash value. */
static const uint32_t initial_h[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static inline uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Section 6.2.2, one block at a time. */
static void compress_portable(uint32_t h[8], const unsigned char *data,
			      size_t blocks)
{
	uint32_t w[64];

	for (; blocks > 0; blocks--, data += 64) {
		for (int t = 0; t < 16; t++)
			w[t] = load_be32(data + 4 * t);
		for (int t = 16; t < 64; t++) {
			uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^
				      (w[t - 15] >> 3);
			uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^
				      (w[t - 2] >> 10);
			w[t] = w[t - 16] + s0 + w[t - 7] + s1;
		}
		uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
		uint32_t e = h[4], f = h[5], g = h[6], hh = h[7];
		for (int t = 0; t < 64; t++) {
			uint32_t big1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
			uint32_t ch = (e & f) ^ (~e & g);
			uint32_t t1 = hh + big1 + ch + round_k[t] + w[t];
			uint32_t big0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
			uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
			uint32_t t2 = big0 + maj;
			hh = g;
			g = f;
			f = e;
			e = d + t1;
			d = c;
			c = b;
			b = a;
			a = t1 + t2;
		}
		h[0] += a, h[1] += b, h[2] += c, h[3] += d;
		h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
	}
}

#ifdef SHA256_X86
bool sha256_hw_available(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return false;
	bool ssse3 = c & (1u << 9), sse41 = c & (1u << 19);
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return false;
	return ssse3 && sse41 && (b & (1u << 29));
}

/*
 * The SHA extensions keep the eight working variables in two registers,
 * (a, b, e, f) and (c, d, g, h); SHA256RNDS2 does two rounds, taking the
 * two message-plus-constant words from the low half of its third operand.
 * The message schedule is four registers of four words each: words t..t+3
 * come from SHA256MSG1 on the words 16 and 12 before, the words 7 before
 * (PALIGNR of the last two registers) and SHA256MSG2 with the words 4
 * before.
 */
__attribute__((target("sha,ssse3,sse4.1")))
static void compress_hw(uint32_t h[8], const unsigned char *data,
			size_t blocks)
{
	const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL,
						 0x0405060700010203LL);
	__m128i dcba = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
	__m128i hgfe = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
	__m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
	__m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
	__m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
	__m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

	for (; blocks > 0; blocks--, data += 64) {
		__m128i abef_in = abef, cdgh_in = cdgh, w[4];

		for (int i = 0; i < 4; i++)
			w[i] = _mm_shuffle_epi8(
				_mm_loadu_si128((const __m128i *)(const void *)
						(data + 16 * i)),
				byte_swap);
		for (int g = 0; g < 16; g++) {
			__m128i cur;
			if (g < 4) {
				cur = w[g];
			} else {
				__m128i w16 = w[g & 3], w12 = w[(g + 1) & 3];
				__m128i w8 = w[(g + 2) & 3], w4 = w[(g + 3) & 3];
				cur = _mm_add_epi32(_mm_sha256msg1_epu32(w16, w12),
						    _mm_alignr_epi8(w4, w8, 4));
				cur = _mm_sha256msg2_epu32(cur, w4);
				w[g & 3] = cur;
			}
			__m128i msg = _mm_add_epi32(cur,
				_mm_loadu_si128((const __m128i *)(const void *)
						&round_k[4 * g]));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
			abef = _mm_sha256rnds2_epu32(abef, cdgh,
						     _mm_shuffle_epi32(msg, 0x0E));
		}
		abef = _mm_add_epi32(abef, abef_in);
		cdgh = _mm_add_epi32(cdgh, cdgh_in);
	}
	__m128i feba = _mm_shuffle_epi32(abef, 0x1B);
	__m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
	dcba = _mm_blend_epi16(feba, dchg, 0xF0);
	hgfe = _mm_alignr_epi8(dchg, feba, 8);
	_mm_storeu_si128((__m128i *)(void *)&h[0], dcba);
	_mm_storeu_si128((__m128i *)(void *)&h[4], hgfe);
}
#else
bool sha256_hw_available(void)
{
	return false;
}
#endif

static void compress(struct sha256 *s, const unsigned char *data,
		     size_t blocks)
{
#ifdef SHA256_X86
	if (s->hw) {
		compress_hw(s->h, data, blocks);
		return;
	}
#endif
	compress_portable(s->h, data, blocks);
}

void sha256_init_portable(struct sha256 *s)
{
	memcpy(s->h, initial_h, sizeof(s->h));
	s->bytes = 0;
	s->fill = 0;
	s->hw = false;
}

void sha256_init(struct sha256 *s)
{
	sha256_init_portable(s);
	s->hw = sha256_hw_available();
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;

	s->bytes += len;
	if (s->fill > 0) {
		size_t take = 64 - s->fill < len ? 64 - s->fill : len;
		memcpy(s->block + s->fill, p, take);
		s->fill += take;
		p += take;
		len -= take;
		if (s->fill < 64)
			return;
		compress(s, s->block, 1);
		s->fill = 0;
	}
	if (len >= 64) {
		compress(s, p, len / 64);
		p += len - len % 64;
		len %= 64;
	}
	memcpy(s->block, p, len);
	s->fill = len;
}

void sha256_final(struct sha256 *s, unsigned char out[SHA256_BYTES])
{
	uint64_t bits = s->bytes * 8;

	/* A 1 bit, zeros up to 56 bytes into a block, the length in bits. */
	s->block[s->fill++] = 0x80;
	if (s->fill > 56) {
		memset(s->block + s->fill, 0, 64 - s->fill);
		compress(s, s->block, 1);
		s->fill = 0;
	}
	memset(s->block + s->fill, 0, 56 - s->fill);
	for (int i = 0; i < 8; i++)
		s->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress(s, s->block, 1);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void sha256_final_hex(struct sha256 *s, char hex[SHA256_HEX_BYTES])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[SHA256_BYTES];

	sha256_final(s, d);
	for (int i = 0; i < SHA256_BYTES; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * SHA256_BYTES] = '\0';
}
