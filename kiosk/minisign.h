/* minisign.h — checking minisign signatures (Ed25519, with libsodium) on a
 * catalogue: the coordinator signs catalogus.csv with Debian's minisign, the
 * kiosk accepts it only with a valid catalogus.csv.minisig. */
#ifndef KIOSK_MINISIGN_H
#define KIOSK_MINISIGN_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "translate.h"

#define MINISIGN_KEY_ID_BYTES     8u
#define MINISIGN_PUBLIC_KEY_BYTES 32u
#define MINISIGN_SIGNATURE_BYTES  64u
/* A .pub file is about 100 bytes and a .minisig about 300: anything over
 * these limits is refused before it is looked at. */
#define MINISIGN_MAX_PUBLIC_KEY_TEXT_BYTES 1024u
#define MINISIGN_MAX_SIGNATURE_TEXT_BYTES  4096u
/* Room for the trusted comment with its NUL (minisign's own limit is 1024). */
#define MINISIGN_TRUSTED_COMMENT_BYTES 1024u

/* An Ed25519 public key as minisign writes it ("Ed", key id, key). */
typedef struct minisign_public_key {
	uint8_t key_id[MINISIGN_KEY_ID_BYTES];
	uint8_t key[MINISIGN_PUBLIC_KEY_BYTES];
} minisign_public_key;

/* How the file itself was signed. */
typedef enum minisign_algorithm {
	MINISIGN_LEGACY = 0, /* "Ed": the file's bytes (minisign -l) */
	MINISIGN_PREHASHED   /* "ED": the file's BLAKE2b-512 hash (minisign 0.11's default) */
} minisign_algorithm;

/* The parts of a .minisig file. The trusted comment is any bytes but NUL,
 * CR and LF, not checked for UTF-8: clean it before showing it. */
typedef struct minisign_signature {
	minisign_algorithm algorithm;
	uint8_t key_id[MINISIGN_KEY_ID_BYTES];
	uint8_t signature[MINISIGN_SIGNATURE_BYTES]; /* over the file or its hash */
	char trusted_comment[MINISIGN_TRUSTED_COMMENT_BYTES];
	size_t trusted_comment_length;
	uint8_t global_signature[MINISIGN_SIGNATURE_BYTES]; /* over signature || comment */
} minisign_signature;

/* Parses text[0..size) (borrowed; need not end in a NUL): either the key line
 * alone ("RWQ..." : base64 of "Ed" + 8-byte key id + 32-byte key, as in
 * [volunteer] signing_public_key or minisign -P) or a whole minisign.pub
 * ("untrusted comment: ..." line, then the key line). Blanks around lines and
 * CRLF line ends are allowed. STATUS_OK fills *out; STATUS_TOO_LARGE over
 * MINISIGN_MAX_PUBLIC_KEY_TEXT_BYTES; STATUS_INVALID for anything else. */
KIOSK_NODISCARD status minisign_parse_public_key(const char *text, size_t size,
                                                 minisign_public_key *out);

/* Parses a .minisig file, text[0..size) (borrowed): "untrusted comment: ..."
 * line, the base64 signature line ("Ed" or "ED", key id, signature),
 * "trusted comment: ..." line, the base64 global signature line; CRLF line
 * ends and a missing final newline are allowed, nothing may follow.
 * STATUS_OK fills *out; STATUS_TOO_LARGE over
 * MINISIGN_MAX_SIGNATURE_TEXT_BYTES; STATUS_INVALID for anything else. No
 * signature is checked here. */
KIOSK_NODISCARD status minisign_parse_signature(const char *text, size_t size,
                                                minisign_signature *out);

/* Checks that minisig_text[0..minisig_size) (the .minisig, borrowed; NULL or
 * empty = the catalogue has no signature) signs file[0..size) (borrowed;
 * may be NULL when size is 0) with `key`. STATUS_OK only when the signature
 * parses, its key id is the key's, the signature verifies over the file (or
 * its BLAKE2b-512 hash for "ED") and the global signature verifies over
 * signature || trusted comment. Otherwise STATUS_REFUSED and `reason`
 * (reason_size bytes; may be NULL; 160 bytes are enough) holds the Dutch
 * text saying why, which is also its msgid, so show it with
 * translate_text(messages, reason):
 *   "De catalogus is niet ondertekend." (no .minisig),
 *   "De handtekening bij de catalogus is beschadigd." (unreadable, too
 *     large, or its trusted comment was changed),
 *   "De catalogus is ondertekend met een andere sleutel." (key id),
 *   "De handtekening past niet bij de catalogus: het bestand is veranderd."
 * STATUS_NO_MEMORY (reason: a line for the log) when libsodium cannot start.
 * `reason` is "" on STATUS_OK. Safe from any thread. */
KIOSK_NODISCARD status minisign_verify(const minisign_public_key *key, const void *file,
                                       size_t size, const char *minisig_text, size_t minisig_size,
                                       char *reason, size_t reason_size);

/* "De sleutel voor ondertekende catalogi in de instellingen klopt niet." —
 * for when [volunteer] signing_public_key does not parse: then every
 * catalogue is refused. Translated by `messages` (may be NULL); never NULL. */
const char *minisign_bad_key_text(const translation *messages);

#endif
