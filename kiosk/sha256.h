/* sha256.h — SHA-256 (FIPS 180-4), used to fingerprint imported spreadsheets
 * so the import history can tell whether the same file was offered again. */
#ifndef KIOSK_SHA256_H
#define KIOSK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_BYTES 32u
#define SHA256_HEX_BYTES    65u /* 64 hex digits and a NUL */

/* The running state of one hash. Plain data: no allocation, copy freely. */
typedef struct sha256_context {
	uint32_t state[8];
	uint64_t total_bytes; /* message length so far */
	uint8_t block[64];    /* bytes waiting for a full block */
	size_t block_length;
} sha256_context;

/* Starts a new hash in `context` (caller-owned storage). */
void sha256_init(sha256_context *context);
/* Adds `length` bytes (borrowed; NULL allowed when length is 0). Any number of
 * calls of any size give the same digest as one call with all bytes. */
void sha256_update(sha256_context *context, const void *bytes, size_t length);
/* Finishes the hash and writes the 32-byte digest to the caller's array.
 * The context must be initialised again before reuse. */
void sha256_final(sha256_context *context, uint8_t digest[32]);
/* Writes `digest` as 64 lower-case hex digits plus NUL into the caller's array. */
void sha256_to_hex(const uint8_t digest[32], char hex[65]);

#endif
