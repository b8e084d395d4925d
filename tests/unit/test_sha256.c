/*
 * test_sha256.c - the importer's SHA-256: FIPS 180-4's own examples, then
 * both compression paths (SHA extensions where the processor has them, and
 * the portable code) against libsodium on random messages fed in random
 * pieces, so block boundaries and padding edges are all crossed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/sha256.h"

static const struct {
	const char *msg;
	const char *hex;
} vectors[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	  "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

static void init_path(struct sha256 *s, bool hw)
{
	if (hw)
		sha256_init(s);
	else
		sha256_init_portable(s);
}

static void test_vectors(void **state)
{
	(void)state;
	for (int hw = 0; hw < 2; hw++) {
		for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
			struct sha256 s;
			char hex[SHA256_HEX_BYTES];
			init_path(&s, hw);
			sha256_update(&s, vectors[i].msg, strlen(vectors[i].msg));
			sha256_final_hex(&s, hex);
			assert_string_equal(hex, vectors[i].hex);
		}
	}
}

/* A million 'a's, fed a byte at a time and then in one piece. */
static void test_million_a(void **state)
{
	static unsigned char a[1000000];
	const char *want =
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

	(void)state;
	memset(a, 'a', sizeof a);
	for (int hw = 0; hw < 2; hw++) {
		struct sha256 s;
		char hex[SHA256_HEX_BYTES];
		init_path(&s, hw);
		for (size_t i = 0; i < sizeof a; i += 997)
			sha256_update(&s, a + i, sizeof a - i < 997 ? sizeof a - i : 997);
		sha256_final_hex(&s, hex);
		assert_string_equal(hex, want);
		init_path(&s, hw);
		sha256_update(&s, a, sizeof a);
		sha256_final_hex(&s, hex);
		assert_string_equal(hex, want);
	}
}

static void test_against_libsodium(void **state)
{
	static unsigned char msg[70000];
	uint64_t seed = 0x9e3779b97f4a7c15u;

	(void)state;
	assert_int_equal(sodium_init() >= 0, 1);
	for (size_t i = 0; i < sizeof msg; i++) {
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		msg[i] = (unsigned char)(seed >> 56);
	}
	for (int round = 0; round < 400; round++) {
		/* lengths around every block edge first, then random ones */
		size_t len = round < 200 ? (size_t)round :
			(size_t)((seed = seed * 6364136223846793005u + 1) >> 40) % sizeof msg;
		unsigned char want[SHA256_BYTES], got[SHA256_BYTES];
		crypto_hash_sha256(want, msg, len);
		for (int hw = 0; hw < 2; hw++) {
			struct sha256 s;
			size_t off = 0;
			init_path(&s, hw);
			while (off < len) {
				seed = seed * 6364136223846793005u + 1;
				size_t piece = (size_t)(seed >> 58) * 3 + 1;
				if (piece > len - off)
					piece = len - off;
				sha256_update(&s, msg + off, piece);
				off += piece;
			}
			sha256_final(&s, got);
			assert_memory_equal(got, want, SHA256_BYTES);
		}
	}
}

static void test_reports_path(void **state)
{
	struct sha256 s;

	(void)state;
	sha256_init(&s);
	assert_int_equal(s.hw, sha256_hw_available());
	sha256_init_portable(&s);
	assert_false(s.hw);
	printf("# SHA extensions on this processor: %s\n",
	       sha256_hw_available() ? "yes" : "no");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_against_libsodium),
		cmocka_unit_test(test_reports_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
