/* test_minisign.c — minisign signatures made by Debian's minisign (the
 * fixtures in tests/fixtures/minisign, see its README): accepted when they
 * fit, refused with the right plain-Dutch reason when unsigned, tampered,
 * signed by another key or damaged, and the parsers' limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "minisign.h"
#include "test_support.h"

#define UNSIGNED "De catalogus is niet ondertekend."
#define DAMAGED  "De handtekening bij de catalogus is beschadigd."
#define OTHER    "De catalogus is ondertekend met een andere sleutel."
#define CHANGED  "De handtekening past niet bij de catalogus: het bestand is veranderd."

/* A fixture file's bytes (NUL-terminated) and length. */
typedef struct fixture {
	char *bytes;
	size_t length;
} fixture;

static fixture load(const char *name)
{
	char relative[256], path[1024];
	snprintf(relative, sizeof relative, "tests/fixtures/minisign/%s", name);
	fixture loaded = {NULL, 0};
	loaded.bytes =
	    test_read_file(test_source_path(relative, path, sizeof path), &loaded.length);
	assert_non_null(loaded.bytes);
	return loaded;
}

static minisign_public_key load_key(const char *name)
{
	fixture text = load(name);
	minisign_public_key key;
	assert_int_equal(minisign_parse_public_key(text.bytes, text.length, &key), STATUS_OK);
	free(text.bytes);
	return key;
}

/* Verifies and checks the outcome: `expected_reason` NULL for STATUS_OK. */
static void expect_verify(const minisign_public_key *key, const fixture *file, const char *sig,
                          size_t sig_length, const char *expected_reason)
{
	char reason[160];
	memset(reason, 'x', sizeof reason);
	status result =
	    minisign_verify(key, file->bytes, file->length, sig, sig_length, reason, sizeof reason);
	if (expected_reason == NULL) {
		assert_int_equal(result, STATUS_OK);
		assert_string_equal(reason, "");
	} else {
		assert_int_equal(result, STATUS_REFUSED);
		assert_string_equal(reason, expected_reason);
	}
}

/* The key id minisign prints in the public key's comment ("minisign public
 * key 11716DEE6C9A2516") is the 8 id bytes as a little-endian number. */
static void key_id_from_comment(const char *pub_text, uint8_t id[MINISIGN_KEY_ID_BYTES])
{
	const char *hex = strstr(pub_text, "public key ");
	assert_non_null(hex);
	hex += strlen("public key ");
	for (size_t i = 0; i < MINISIGN_KEY_ID_BYTES; i++) {
		unsigned value = 0;
		assert_int_equal(sscanf(hex + 2 * i, "%2x", &value), 1);
		id[MINISIGN_KEY_ID_BYTES - 1 - i] = (uint8_t)value;
	}
}

static void test_public_key_forms(void **state)
{
	(void)state;
	fixture pub = load("test-only-key.pub");
	minisign_public_key whole;
	assert_int_equal(minisign_parse_public_key(pub.bytes, pub.length, &whole), STATUS_OK);
	uint8_t expected_id[MINISIGN_KEY_ID_BYTES];
	key_id_from_comment(pub.bytes, expected_id);
	assert_memory_equal(whole.key_id, expected_id, MINISIGN_KEY_ID_BYTES);

	/* The key line alone, as in [volunteer] signing_public_key. */
	const char *key_line = strchr(pub.bytes, '\n') + 1;
	size_t key_length = strcspn(key_line, "\r\n");
	minisign_public_key line_only;
	assert_int_equal(minisign_parse_public_key(key_line, key_length, &line_only), STATUS_OK);
	assert_memory_equal(&line_only, &whole, sizeof whole);

	/* Blanks around it, CRLF line ends. */
	char text[512];
	snprintf(text, sizeof text, "  %.*s \r\n", (int)key_length, key_line);
	minisign_public_key padded;
	assert_int_equal(minisign_parse_public_key(text, strlen(text), &padded), STATUS_OK);
	assert_memory_equal(&padded, &whole, sizeof whole);
	size_t comment_length = strcspn(pub.bytes, "\n");
	snprintf(text, sizeof text, "%.*s\r\n%.*s\r\n", (int)comment_length, pub.bytes,
	         (int)key_length, key_line);
	assert_int_equal(minisign_parse_public_key(text, strlen(text), &padded), STATUS_OK);
	assert_memory_equal(&padded, &whole, sizeof whole);

	/* The other key differs in id and key. */
	minisign_public_key other = load_key("other-test-only-key.pub");
	assert_memory_not_equal(other.key_id, whole.key_id, MINISIGN_KEY_ID_BYTES);
	assert_memory_not_equal(other.key, whole.key, MINISIGN_PUBLIC_KEY_BYTES);
	free(pub.bytes);
}

static void test_public_key_refused(void **state)
{
	(void)state;
	fixture pub = load("test-only-key.pub");
	const char *key_line = strchr(pub.bytes, '\n') + 1;
	size_t key_length = strcspn(key_line, "\r\n");
	minisign_public_key key;
	char text[2048];

	assert_int_equal(minisign_parse_public_key("", 0, &key), STATUS_INVALID);
	assert_int_equal(minisign_parse_public_key(NULL, 0, &key), STATUS_INVALID);
	assert_int_equal(minisign_parse_public_key("RWQ", 3, &key), STATUS_INVALID);
	/* One character short, one too many. */
	assert_int_equal(minisign_parse_public_key(key_line, key_length - 1, &key), STATUS_INVALID);
	snprintf(text, sizeof text, "%.*sA", (int)key_length, key_line);
	assert_int_equal(minisign_parse_public_key(text, strlen(text), &key), STATUS_INVALID);
	/* Not base64. */
	snprintf(text, sizeof text, "%.*s", (int)key_length, key_line);
	text[10] = '*';
	assert_int_equal(minisign_parse_public_key(text, strlen(text), &key), STATUS_INVALID);
	/* A key of another algorithm ("Ec" instead of "Ed"). */
	unsigned char decoded[42];
	size_t decoded_length = 0;
	assert_int_equal(sodium_base642bin(decoded, sizeof decoded, key_line, key_length, NULL,
	                                   &decoded_length, NULL, sodium_base64_VARIANT_ORIGINAL),
	                 0);
	decoded[1] = 'c';
	sodium_bin2base64(text, sizeof text, decoded, sizeof decoded,
	                  sodium_base64_VARIANT_ORIGINAL);
	assert_int_equal(minisign_parse_public_key(text, strlen(text), &key), STATUS_INVALID);
	/* Two lines where the first is no comment; three lines; a NUL inside. */
	snprintf(text, sizeof text, "comment\n%.*s\n", (int)key_length, key_line);
	assert_int_equal(minisign_parse_public_key(text, strlen(text), &key), STATUS_INVALID);
	snprintf(text, sizeof text, "untrusted comment: x\nuntrusted comment: y\n%.*s\n",
	         (int)key_length, key_line);
	assert_int_equal(minisign_parse_public_key(text, strlen(text), &key), STATUS_INVALID);
	memcpy(text, pub.bytes, pub.length);
	text[3] = '\0';
	assert_int_equal(minisign_parse_public_key(text, pub.length, &key), STATUS_INVALID);
	/* A .minisig is no public key. */
	fixture sig = load("catalogus.csv.minisig");
	assert_int_equal(minisign_parse_public_key(sig.bytes, sig.length, &key), STATUS_INVALID);
	/* Over the size limit, even with a valid key at its end. */
	memset(text, ' ', sizeof text);
	memcpy(text + sizeof text - key_length, key_line, key_length);
	assert_int_equal(minisign_parse_public_key(text, sizeof text, &key), STATUS_TOO_LARGE);
	free(sig.bytes);
	free(pub.bytes);
}

static void test_signature_parts(void **state)
{
	(void)state;
	minisign_public_key key = load_key("test-only-key.pub");
	fixture sig = load("catalogus.csv.minisig");
	minisign_signature parsed;
	assert_int_equal(minisign_parse_signature(sig.bytes, sig.length, &parsed), STATUS_OK);
	assert_int_equal(parsed.algorithm, MINISIGN_PREHASHED);
	assert_memory_equal(parsed.key_id, key.key_id, MINISIGN_KEY_ID_BYTES);
	assert_string_equal(parsed.trusted_comment, "catalogus.csv test fixture");
	assert_int_equal(parsed.trusted_comment_length, strlen("catalogus.csv test fixture"));

	fixture legacy = load("catalogus.csv.legacy.minisig");
	assert_int_equal(minisign_parse_signature(legacy.bytes, legacy.length, &parsed), STATUS_OK);
	assert_int_equal(parsed.algorithm, MINISIGN_LEGACY);
	assert_memory_equal(parsed.key_id, key.key_id, MINISIGN_KEY_ID_BYTES);
	assert_string_equal(parsed.trusted_comment, "catalogus.csv test fixture, legacy");
	free(legacy.bytes);
	free(sig.bytes);
}

static void test_signed_catalogue_accepted(void **state)
{
	(void)state;
	minisign_public_key key = load_key("test-only-key.pub");
	fixture file = load("catalogus.csv");
	fixture sig = load("catalogus.csv.minisig");
	fixture legacy = load("catalogus.csv.legacy.minisig");
	expect_verify(&key, &file, sig.bytes, sig.length, NULL);
	expect_verify(&key, &file, legacy.bytes, legacy.length, NULL);

	/* Without its last newline, and with Windows line ends. */
	expect_verify(&key, &file, sig.bytes, sig.length - 1, NULL);
	char crlf[1024];
	size_t length = 0;
	for (size_t i = 0; i < sig.length; i++) {
		if (sig.bytes[i] == '\n')
			crlf[length++] = '\r';
		crlf[length++] = sig.bytes[i];
	}
	expect_verify(&key, &file, crlf, length, NULL);
	/* A reason buffer may be left out. */
	assert_int_equal(
	    minisign_verify(&key, file.bytes, file.length, sig.bytes, sig.length, NULL, 0),
	    STATUS_OK);
	free(legacy.bytes);
	free(sig.bytes);
	free(file.bytes);
}

static void test_unsigned_tampered_and_wrong_key_refused(void **state)
{
	(void)state;
	minisign_public_key key = load_key("test-only-key.pub");
	minisign_public_key other_key = load_key("other-test-only-key.pub");
	fixture file = load("catalogus.csv");
	fixture tampered = load("catalogus-tampered.csv");
	fixture sig = load("catalogus.csv.minisig");
	fixture legacy = load("catalogus.csv.legacy.minisig");
	fixture other_sig = load("catalogus.csv.other-key.minisig");

	expect_verify(&key, &file, NULL, 0, UNSIGNED);
	expect_verify(&key, &file, sig.bytes, 0, UNSIGNED);
	expect_verify(&key, &tampered, sig.bytes, sig.length, CHANGED);
	expect_verify(&key, &tampered, legacy.bytes, legacy.length, CHANGED);
	expect_verify(&key, &file, other_sig.bytes, other_sig.length, OTHER);
	expect_verify(&other_key, &file, sig.bytes, sig.length, OTHER);
	/* The other key's own signature is fine with the other key. */
	expect_verify(&other_key, &file, other_sig.bytes, other_sig.length, NULL);
	/* A file cut short, and an empty file. */
	fixture cut = {file.bytes, file.length - 1};
	expect_verify(&key, &cut, sig.bytes, sig.length, CHANGED);
	fixture empty = {NULL, 0};
	expect_verify(&key, &empty, sig.bytes, sig.length, CHANGED);

	free(other_sig.bytes);
	free(legacy.bytes);
	free(sig.bytes);
	free(tampered.bytes);
	free(file.bytes);
}

/* Replaces line `index` (0-based) of the .minisig with `replacement`. */
static size_t with_line(const fixture *sig, size_t index, const char *replacement, char *out,
                        size_t size)
{
	const char *start = sig->bytes;
	for (size_t i = 0; i < index; i++)
		start = strchr(start, '\n') + 1;
	const char *end = strchr(start, '\n');
	int written = snprintf(out, size, "%.*s%s%s", (int)(start - sig->bytes), sig->bytes,
	                       replacement, end);
	assert_true(written > 0 && (size_t)written < size);
	return (size_t)written;
}

/* Line `index` of the .minisig decoded from base64 into out[0..expected). */
static void decode_line(const fixture *sig, size_t index, unsigned char *out, size_t expected)
{
	const char *start = sig->bytes;
	for (size_t i = 0; i < index; i++)
		start = strchr(start, '\n') + 1;
	size_t length = strcspn(start, "\n");
	size_t decoded = 0;
	assert_int_equal(sodium_base642bin(out, expected, start, length, NULL, &decoded, NULL,
	                                   sodium_base64_VARIANT_ORIGINAL),
	                 0);
	assert_int_equal(decoded, expected);
}

static void test_damaged_signatures_refused(void **state)
{
	(void)state;
	assert_true(sodium_init() >= 0);
	minisign_public_key key = load_key("test-only-key.pub");
	fixture file = load("catalogus.csv");
	fixture sig = load("catalogus.csv.minisig");
	char text[8192];
	size_t length;

	/* A changed trusted comment: the global signature no longer fits. */
	length =
	    with_line(&sig, 2, "trusted comment: catalogus.csv test fixtures", text, sizeof text);
	expect_verify(&key, &file, text, length, DAMAGED);
	/* A lone CR inside the comment (not a line end). */
	length =
	    with_line(&sig, 2, "trusted comment: catalogus.csv\rtest fixture", text, sizeof text);
	expect_verify(&key, &file, text, length, DAMAGED);
	/* The comment without its prefix. */
	length = with_line(&sig, 2, "catalogus.csv test fixture", text, sizeof text);
	expect_verify(&key, &file, text, length, DAMAGED);
	/* The untrusted comment may say anything, but must be there. */
	length = with_line(&sig, 0, "untrusted comment: anything at all", text, sizeof text);
	expect_verify(&key, &file, text, length, NULL);
	length = with_line(&sig, 0, "signature from minisign secret key", text, sizeof text);
	expect_verify(&key, &file, text, length, DAMAGED);

	/* The signature bytes changed, the key id kept. */
	unsigned char decoded[74];
	decode_line(&sig, 1, decoded, sizeof decoded);
	decoded[40] ^= 1;
	char encoded[200];
	sodium_bin2base64(encoded, sizeof encoded, decoded, sizeof decoded,
	                  sodium_base64_VARIANT_ORIGINAL);
	length = with_line(&sig, 1, encoded, text, sizeof text);
	expect_verify(&key, &file, text, length, CHANGED);
	/* "ED" relabelled "Ed": the signature is over the hash, not the file. */
	decode_line(&sig, 1, decoded, sizeof decoded);
	decoded[1] = 'd';
	sodium_bin2base64(encoded, sizeof encoded, decoded, sizeof decoded,
	                  sodium_base64_VARIANT_ORIGINAL);
	length = with_line(&sig, 1, encoded, text, sizeof text);
	expect_verify(&key, &file, text, length, CHANGED);
	/* An unknown algorithm. */
	decoded[1] = 'X';
	sodium_bin2base64(encoded, sizeof encoded, decoded, sizeof decoded,
	                  sodium_base64_VARIANT_ORIGINAL);
	length = with_line(&sig, 1, encoded, text, sizeof text);
	expect_verify(&key, &file, text, length, DAMAGED);

	/* The global signature changed. */
	unsigned char global[64];
	decode_line(&sig, 3, global, sizeof global);
	global[0] ^= 0x80;
	sodium_bin2base64(encoded, sizeof encoded, global, sizeof global,
	                  sodium_base64_VARIANT_ORIGINAL);
	length = with_line(&sig, 3, encoded, text, sizeof text);
	expect_verify(&key, &file, text, length, DAMAGED);

	/* Cut short anywhere before the last newline: never accepted. */
	for (size_t cut = 1; cut + 1 < sig.length; cut++)
		expect_verify(&key, &file, sig.bytes, cut, DAMAGED);
	/* Anything after the four lines. */
	length = (size_t)snprintf(text, sizeof text, "%sextra\n", sig.bytes);
	expect_verify(&key, &file, text, length, DAMAGED);
	/* Trailing empty lines are fine. */
	length = (size_t)snprintf(text, sizeof text, "%s\n\r\n", sig.bytes);
	expect_verify(&key, &file, text, length, NULL);
	/* A NUL byte inside. */
	memcpy(text, sig.bytes, sig.length);
	text[5] = '\0';
	expect_verify(&key, &file, text, sig.length, DAMAGED);
	/* Over the size limit: refused before reading (the four lines are valid). */
	length = (size_t)snprintf(text, sizeof text, "%s", sig.bytes);
	memset(text + length, '\n', sizeof text - length);
	minisign_signature parsed;
	assert_int_equal(minisign_parse_signature(text, MINISIGN_MAX_SIGNATURE_TEXT_BYTES, &parsed),
	                 STATUS_OK);
	assert_int_equal(
	    minisign_parse_signature(text, MINISIGN_MAX_SIGNATURE_TEXT_BYTES + 1, &parsed),
	    STATUS_TOO_LARGE);
	expect_verify(&key, &file, text, MINISIGN_MAX_SIGNATURE_TEXT_BYTES + 1, DAMAGED);
	/* A trusted comment longer than minisign's own limit. */
	char long_comment[1100];
	memset(long_comment, 'c', sizeof long_comment - 1);
	long_comment[sizeof long_comment - 1] = '\0';
	char comment_line[1200];
	snprintf(comment_line, sizeof comment_line, "trusted comment: %s", long_comment);
	length = with_line(&sig, 2, comment_line, text, sizeof text);
	assert_int_equal(minisign_parse_signature(text, length, &parsed), STATUS_INVALID);
	/* A public key is no signature. */
	fixture pub = load("test-only-key.pub");
	expect_verify(&key, &file, pub.bytes, pub.length, DAMAGED);

	free(pub.bytes);
	free(sig.bytes);
	free(file.bytes);
}

static void test_reason_and_messages(void **state)
{
	(void)state;
	minisign_public_key key = load_key("test-only-key.pub");
	fixture file = load("catalogus.csv");
	/* A reason buffer too small for the text is left empty, never cut. */
	char small[8];
	assert_int_equal(
	    minisign_verify(&key, file.bytes, file.length, NULL, 0, small, sizeof small),
	    STATUS_REFUSED);
	assert_string_equal(small, "");
	assert_int_equal(minisign_verify(NULL, file.bytes, file.length, NULL, 0, NULL, 0),
	                 STATUS_USAGE);
	assert_int_equal(minisign_verify(&key, NULL, 5, NULL, 0, NULL, 0), STATUS_USAGE);
	assert_string_equal(minisign_bad_key_text(NULL),
	                    "De sleutel voor ondertekende catalogi in de instellingen klopt niet.");
	free(file.bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_public_key_forms),
	    cmocka_unit_test(test_public_key_refused),
	    cmocka_unit_test(test_signature_parts),
	    cmocka_unit_test(test_signed_catalogue_accepted),
	    cmocka_unit_test(test_unsigned_tampered_and_wrong_key_refused),
	    cmocka_unit_test(test_damaged_signatures_refused),
	    cmocka_unit_test(test_reason_and_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
