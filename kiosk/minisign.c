/* minisign.c — minisign public keys and .minisig files parsed under strict
 * limits, and their Ed25519 signatures checked with libsodium. */
#include "minisign.h"

#include <stdbool.h>
#include <string.h>

#include <sodium.h>

#include "text.h"

#define UNTRUSTED_PREFIX "untrusted comment:"
#define TRUSTED_PREFIX   "trusted comment: "
/* The decoded key line: "Ed" + key id + key; the signature line: algorithm
 * + key id + signature. */
#define KEY_LINE_BYTES       (2u + MINISIGN_KEY_ID_BYTES + MINISIGN_PUBLIC_KEY_BYTES)
#define SIGNATURE_LINE_BYTES (2u + MINISIGN_KEY_ID_BYTES + MINISIGN_SIGNATURE_BYTES)
/* The .minisig has exactly four lines; a public key file two. */
#define MAX_LINES 4u

_Static_assert(crypto_sign_PUBLICKEYBYTES == MINISIGN_PUBLIC_KEY_BYTES, "Ed25519 key size");
_Static_assert(crypto_sign_BYTES == MINISIGN_SIGNATURE_BYTES, "Ed25519 signature size");

/* One line of the input, without its line end. */
typedef struct line {
	const char *start;
	size_t length;
} line;

/* Splits text[0..size) at LF (dropping a CR before it) into lines[], leaving
 * out empty lines at the end. False when a NUL byte appears or there are
 * more than `capacity` lines before the trailing empty ones. */
static bool split_lines(const char *text, size_t size, line *lines, size_t capacity, size_t *count)
{
	*count = 0;
	if (memchr(text, '\0', size) != NULL)
		return false;
	size_t start = 0;
	size_t pending_empty = 0; /* empty lines not yet known to be trailing */
	while (start < size) {
		const char *newline = memchr(text + start, '\n', size - start);
		size_t end = newline != NULL ? (size_t)(newline - text) : size;
		size_t length = end - start;
		if (length > 0 && text[start + length - 1] == '\r')
			length--;
		if (length == 0) {
			pending_empty++;
		} else {
			/* Empty lines between two lines are part of the text. */
			if (*count + pending_empty + 1 > capacity)
				return false;
			for (; pending_empty > 0; pending_empty--)
				lines[(*count)++] = (line){text + start, 0};
			lines[(*count)++] = (line){text + start, length};
		}
		start = end + 1;
	}
	return true;
}

/* Decodes a base64 line (blanks around it allowed) that must hold exactly
 * `expected` bytes. */
static bool decode_base64_line(line source, unsigned char *out, size_t expected)
{
	size_t length = source.length;
	const char *start = text_trim(source.start, &length);
	/* Exactly the padded length: base64 of `expected` bytes. */
	if (length != sodium_base64_ENCODED_LEN(expected, sodium_base64_VARIANT_ORIGINAL) - 1)
		return false;
	size_t decoded = 0;
	const char *end = NULL;
	if (sodium_base642bin(out, expected, start, length, NULL, &decoded, &end,
	                      sodium_base64_VARIANT_ORIGINAL) != 0)
		return false;
	return end == start + length && decoded == expected;
}

static bool line_starts_with(line source, const char *prefix)
{
	size_t prefix_length = strlen(prefix);
	return source.length >= prefix_length && memcmp(source.start, prefix, prefix_length) == 0;
}

static bool sodium_ready(void)
{
	return sodium_init() >= 0;
}

status minisign_parse_public_key(const char *text, size_t size, minisign_public_key *out)
{
	memset(out, 0, sizeof *out);
	if (size > MINISIGN_MAX_PUBLIC_KEY_TEXT_BYTES)
		return STATUS_TOO_LARGE;
	if (text == NULL || !sodium_ready())
		return STATUS_INVALID;
	line lines[2];
	size_t count = 0;
	if (!split_lines(text, size, lines, 2, &count) || count == 0)
		return STATUS_INVALID;
	line key_line = lines[count - 1];
	if (count == 2 && !line_starts_with(lines[0], UNTRUSTED_PREFIX))
		return STATUS_INVALID;
	unsigned char decoded[KEY_LINE_BYTES];
	if (!decode_base64_line(key_line, decoded, sizeof decoded) || decoded[0] != 'E' ||
	    decoded[1] != 'd')
		return STATUS_INVALID;
	memcpy(out->key_id, decoded + 2, MINISIGN_KEY_ID_BYTES);
	memcpy(out->key, decoded + 2 + MINISIGN_KEY_ID_BYTES, MINISIGN_PUBLIC_KEY_BYTES);
	return STATUS_OK;
}

status minisign_parse_signature(const char *text, size_t size, minisign_signature *out)
{
	memset(out, 0, sizeof *out);
	if (size > MINISIGN_MAX_SIGNATURE_TEXT_BYTES)
		return STATUS_TOO_LARGE;
	if (text == NULL || !sodium_ready())
		return STATUS_INVALID;
	line lines[MAX_LINES];
	size_t count = 0;
	if (!split_lines(text, size, lines, MAX_LINES, &count) || count != MAX_LINES)
		return STATUS_INVALID;
	if (!line_starts_with(lines[0], UNTRUSTED_PREFIX) ||
	    !line_starts_with(lines[2], TRUSTED_PREFIX))
		return STATUS_INVALID;

	unsigned char decoded[SIGNATURE_LINE_BYTES];
	if (!decode_base64_line(lines[1], decoded, sizeof decoded) || decoded[0] != 'E')
		return STATUS_INVALID;
	if (decoded[1] == 'd')
		out->algorithm = MINISIGN_LEGACY;
	else if (decoded[1] == 'D')
		out->algorithm = MINISIGN_PREHASHED;
	else
		return STATUS_INVALID;
	memcpy(out->key_id, decoded + 2, MINISIGN_KEY_ID_BYTES);
	memcpy(out->signature, decoded + 2 + MINISIGN_KEY_ID_BYTES, MINISIGN_SIGNATURE_BYTES);

	/* The trusted comment is signed as it stands after the prefix: no
	 * trimming, only the line end is gone. */
	size_t prefix_length = strlen(TRUSTED_PREFIX);
	size_t comment_length = lines[2].length - prefix_length;
	/* A CR left inside the line (a lone one, not the line end) is refused
	 * rather than kept in a comment that may be logged. */
	if (comment_length >= sizeof out->trusted_comment ||
	    memchr(lines[2].start + prefix_length, '\r', comment_length) != NULL) {
		memset(out, 0, sizeof *out);
		return STATUS_INVALID;
	}
	memcpy(out->trusted_comment, lines[2].start + prefix_length, comment_length);
	out->trusted_comment[comment_length] = '\0';
	out->trusted_comment_length = comment_length;

	if (!decode_base64_line(lines[3], out->global_signature, MINISIGN_SIGNATURE_BYTES)) {
		memset(out, 0, sizeof *out);
		return STATUS_INVALID;
	}
	return STATUS_OK;
}

/* Writes the Dutch reason (its own msgid; translated where it is shown). */
static status refuse(char *reason, size_t reason_size, const char *text)
{
	if (reason != NULL && reason_size > 0 && !text_copy(reason, reason_size, text))
		reason[0] = '\0';
	return STATUS_REFUSED;
}

status minisign_verify(const minisign_public_key *key, const void *file, size_t size,
                       const char *minisig_text, size_t minisig_size, char *reason,
                       size_t reason_size)
{
	if (reason != NULL && reason_size > 0)
		reason[0] = '\0';
	if (key == NULL || (file == NULL && size > 0))
		return STATUS_USAGE;
	if (!sodium_ready()) {
		if (reason != NULL && reason_size > 0)
			(void)text_copy(reason, reason_size, "libsodium could not start");
		return STATUS_NO_MEMORY;
	}
	if (minisig_text == NULL || minisig_size == 0)
		return refuse(reason, reason_size,
		              translate_text(NULL, "De catalogus is niet ondertekend."));

	minisign_signature signature;
	if (minisign_parse_signature(minisig_text, minisig_size, &signature) != STATUS_OK)
		return refuse(
		    reason, reason_size,
		    translate_text(NULL, "De handtekening bij de catalogus is beschadigd."));
	if (memcmp(signature.key_id, key->key_id, MINISIGN_KEY_ID_BYTES) != 0)
		return refuse(
		    reason, reason_size,
		    translate_text(NULL, "De catalogus is ondertekend met een andere sleutel."));

	static const unsigned char nothing[1] = {0};
	const unsigned char *message = size > 0 ? file : nothing;
	size_t message_size = size;
	unsigned char file_hash[crypto_generichash_BYTES_MAX];
	if (signature.algorithm == MINISIGN_PREHASHED) {
		/* BLAKE2b-512 of the whole file, as minisign -S writes by default. */
		if (crypto_generichash(file_hash, sizeof file_hash, message, message_size, NULL,
		                       0) != 0)
			return STATUS_NO_MEMORY;
		message = file_hash;
		message_size = sizeof file_hash;
	}
	if (crypto_sign_verify_detached(signature.signature, message, message_size, key->key) != 0)
		return refuse(reason, reason_size,
		              translate_text(NULL, "De handtekening past niet bij de catalogus: "
		                                   "het bestand is veranderd."));

	/* The global signature covers the signature and the trusted comment, so
	 * neither can be swapped for another. */
	unsigned char signed_comment[MINISIGN_SIGNATURE_BYTES + MINISIGN_TRUSTED_COMMENT_BYTES];
	memcpy(signed_comment, signature.signature, MINISIGN_SIGNATURE_BYTES);
	memcpy(signed_comment + MINISIGN_SIGNATURE_BYTES, signature.trusted_comment,
	       signature.trusted_comment_length);
	if (crypto_sign_verify_detached(signature.global_signature, signed_comment,
	                                MINISIGN_SIGNATURE_BYTES + signature.trusted_comment_length,
	                                key->key) != 0)
		return refuse(
		    reason, reason_size,
		    translate_text(NULL, "De handtekening bij de catalogus is beschadigd."));
	return STATUS_OK;
}

const char *minisign_bad_key_text(const translation *messages)
{
	return translate_text(
	    messages, "De sleutel voor ondertekende catalogi in de instellingen klopt niet.");
}
