/* fuzz_minisign.c — libFuzzer target for the minisign parsers: any bytes
 * given as a public key or a .minisig give a documented status and, when
 * accepted, a well-formed result; minisign_verify() answers OK or REFUSED
 * with a reason, and OK only for a signature by its key over its file.
 * Seeds (tests/fuzz/seeds/minisign) are the public keys and signatures of
 * tests/fixtures/minisign (see its README). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minisign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (which libFuzzer reports with the input) when `condition` is false,
 * saying which check it was. */
#define require(condition) require_at((condition), #condition, __LINE__)

static void require_at(int condition, const char *text, int line)
{
	if (condition)
		return;
	fprintf(stderr, "fuzz_minisign.c:%d: check failed: %s\n", line, text);
	abort();
}

/* The test-only key of tests/fixtures/minisign, and a file nobody signed:
 * the fixtures' signatures must fail on it, and a forged one must never pass. */
static const char test_key_line[] = "RWQWJZps7m1xESfcxgbqnhQidKhoDTp+yNn9q5bpNLd/FMeqZoHDZf/q";
static const char unsigned_file[] = "id;naam\nnooit-ondertekend;Door niemand ondertekend\n";

static void check_public_key(const char *text, size_t size)
{
	minisign_public_key key;
	memset(&key, 0xaa, sizeof key);
	status result = minisign_parse_public_key(text, size, &key);
	require(result == STATUS_OK || result == STATUS_INVALID || result == STATUS_TOO_LARGE);
	require(result != STATUS_TOO_LARGE || size > MINISIGN_MAX_PUBLIC_KEY_TEXT_BYTES);
	if (result != STATUS_OK) {
		/* A refused key leaves nothing behind that could be mistaken for one. */
		minisign_public_key zero;
		memset(&zero, 0, sizeof zero);
		require(memcmp(&key, &zero, sizeof key) == 0);
	}
}

static void check_signature(const char *text, size_t size)
{
	minisign_signature signature;
	status result = minisign_parse_signature(text, size, &signature);
	require(result == STATUS_OK || result == STATUS_INVALID || result == STATUS_TOO_LARGE);
	require(result != STATUS_TOO_LARGE || size > MINISIGN_MAX_SIGNATURE_TEXT_BYTES);
	if (result != STATUS_OK)
		return;
	require(size <= MINISIGN_MAX_SIGNATURE_TEXT_BYTES);
	require(signature.algorithm == MINISIGN_LEGACY ||
	        signature.algorithm == MINISIGN_PREHASHED);
	require(signature.trusted_comment_length < MINISIGN_TRUSTED_COMMENT_BYTES);
	require(strlen(signature.trusted_comment) == signature.trusted_comment_length);
	require(strpbrk(signature.trusted_comment, "\r\n") == NULL);
}

static void check_verify(const char *text, size_t size)
{
	minisign_public_key key;
	require(minisign_parse_public_key(test_key_line, strlen(test_key_line), &key) == STATUS_OK);
	char reason[160];
	status result = minisign_verify(&key, unsigned_file, strlen(unsigned_file), text, size,
	                                reason, sizeof reason);
	/* Nobody signed this file: any input is refused, with a reason. */
	require(result == STATUS_REFUSED);
	require(reason[0] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A private copy, so reading past `size` is caught (no NUL after it). */
	char *text = malloc(size > 0 ? size : 1);
	if (text == NULL)
		return 0;
	if (size > 0)
		memcpy(text, data, size);
	check_public_key(text, size);
	check_signature(text, size);
	check_verify(text, size);
	free(text);
	return 0;
}
