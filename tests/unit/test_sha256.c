/* test_sha256.c — SHA-256 against the FIPS 180-4 / NIST example vectors, and
 * independence from how the input is split into update calls. */
#include "test_support.h"

#include <stdlib.h>
#include <string.h>

#include "sha256.h"

static void hash_hex(const void *bytes, size_t length, char hex[65])
{
	sha256_context context;
	uint8_t digest[32];
	sha256_init(&context);
	sha256_update(&context, bytes, length);
	sha256_final(&context, digest);
	sha256_to_hex(digest, hex);
}

static void test_abc(void **state)
{
	(void)state;
	char hex[65];
	hash_hex("abc", 3, hex);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_empty_message(void **state)
{
	(void)state;
	char hex[65];
	hash_hex(NULL, 0, hex);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_448_bit_message(void **state)
{
	(void)state;
	const char *message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	assert_int_equal(strlen(message) * 8, 448);
	char hex[65];
	hash_hex(message, strlen(message), hex);
	assert_string_equal(hex,
	                    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_896_bit_message(void **state)
{
	(void)state;
	const char *message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	                      "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	assert_int_equal(strlen(message) * 8, 896);
	char hex[65];
	hash_hex(message, strlen(message), hex);
	assert_string_equal(hex,
	                    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_one_million_a(void **state)
{
	(void)state;
	size_t length = 1000000;
	char *message = malloc(length);
	assert_non_null(message);
	memset(message, 'a', length);
	char hex[65];
	hash_hex(message, length, hex);
	assert_string_equal(hex,
	                    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* The same in uneven pieces that straddle block boundaries. */
	sha256_context context;
	sha256_init(&context);
	size_t offset = 0;
	for (size_t piece = 1; offset < length; piece = piece % 131 + 1) {
		size_t taken = length - offset < piece ? length - offset : piece;
		sha256_update(&context, message + offset, taken);
		offset += taken;
	}
	uint8_t digest[32];
	sha256_final(&context, digest);
	char pieces_hex[65];
	sha256_to_hex(digest, pieces_hex);
	assert_string_equal(pieces_hex, hex);
	free(message);
}

static void test_padding_boundaries_match_single_update(void **state)
{
	(void)state;
	/* Lengths around 55/56/64 bytes exercise both padding cases; byte-wise
	 * updates must give the same digest as one update, and every length a
	 * different one. */
	uint8_t message[130];
	for (size_t index = 0; index < sizeof message; index++)
		message[index] = (uint8_t)(index * 7 + 3);
	char previous[65] = "";
	for (size_t length = 0; length <= sizeof message; length++) {
		char whole[65];
		hash_hex(message, length, whole);
		sha256_context context;
		sha256_init(&context);
		for (size_t index = 0; index < length; index++)
			sha256_update(&context, message + index, 1);
		uint8_t digest[32];
		sha256_final(&context, digest);
		char bytewise[65];
		sha256_to_hex(digest, bytewise);
		assert_string_equal(whole, bytewise);
		assert_string_not_equal(whole, previous);
		memcpy(previous, whole, sizeof previous);
	}
}

static void test_hex_digits(void **state)
{
	(void)state;
	uint8_t digest[32];
	for (size_t index = 0; index < sizeof digest; index++)
		digest[index] = (uint8_t)(index * 8 + 7);
	char hex[65];
	memset(hex, 'Z', sizeof hex);
	sha256_to_hex(digest, hex);
	assert_int_equal(hex[64], '\0');
	assert_int_equal(strlen(hex), 64);
	assert_memory_equal(hex, "070f171f", 8);
	assert_memory_equal(hex + 56, "e7eff7ff", 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_abc),
	    cmocka_unit_test(test_empty_message),
	    cmocka_unit_test(test_448_bit_message),
	    cmocka_unit_test(test_896_bit_message),
	    cmocka_unit_test(test_one_million_a),
	    cmocka_unit_test(test_padding_boundaries_match_single_update),
	    cmocka_unit_test(test_hex_digits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
