/* volunteer_pin.h — the volunteer PIN: stored only as a salted slow hash
 * (libsodium's Argon2id crypto_pwhash), checked, and guarded by a lockout. */
#ifndef KIOSK_VOLUNTEER_PIN_H
#define KIOSK_VOLUNTEER_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "translate.h"

/* A PIN is 4 to 8 digits. */
#define VOLUNTEER_PIN_MIN_DIGITS 4u
#define VOLUNTEER_PIN_MAX_DIGITS 8u
/* Room for a stored hash with its NUL (libsodium's crypto_pwhash_STRBYTES,
 * 128; an Argon2id string is about 97 characters). Fits config.h's
 * CONFIG_SECRET_BYTES. */
#define VOLUNTEER_PIN_HASH_BYTES 128u
/* Five wrong PINs in a row lock the volunteer functions for five minutes,
 * counted from the fifth. */
#define VOLUNTEER_PIN_MAX_ATTEMPTS 5u
#define VOLUNTEER_PIN_LOCKOUT_MS   (5 * 60 * 1000)

/* True when `pin` (may be NULL) is 4 to 8 ASCII digits and nothing else. */
bool volunteer_pin_is_valid(const char *pin);

/* Hashes `pin` with crypto_pwhash_str (Argon2id, a fresh random salt,
 * OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE) into out[0..size), a
 * printable string ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash") for
 * [volunteer] pin_hash. The PIN is borrowed and never kept; the working
 * copies are wiped. STATUS_USAGE (out = "") when the PIN is not 4-8 digits
 * or `size` < VOLUNTEER_PIN_HASH_BYTES; STATUS_NO_MEMORY when libsodium
 * cannot start or Argon2 cannot get its memory (about 64 MiB). Slow on
 * purpose (tens to hundreds of milliseconds): never call it on the UI thread. */
KIOSK_NODISCARD status volunteer_pin_hash(const char *pin, char *out, size_t size);

/* Checks `pin` against `stored_hash` (a volunteer_pin_hash() result) with
 * crypto_pwhash_str_verify. STATUS_OK when it matches; STATUS_REFUSED when
 * it does not, or when the PIN is not 4-8 digits; STATUS_NOT_FOUND when
 * `stored_hash` is NULL or "" (no PIN set: show
 * volunteer_pin_not_set_text()); STATUS_INVALID when it is over
 * VOLUNTEER_PIN_HASH_BYTES or not an Argon2id string (a damaged
 * configuration: refuse, never let anyone in);
 * STATUS_NO_MEMORY when libsodium cannot start. Slow like the hash: call it
 * off the UI thread. Both arguments are borrowed. */
KIOSK_NODISCARD status volunteer_pin_verify(const char *stored_hash, const char *pin);

/* Counts wrong PINs in memory (a restart forgets them). The caller owns it;
 * zero it or call volunteer_pin_guard_init(). Not thread-safe: use it from
 * the UI thread only, passing the verify result back there. Times are
 * milliseconds on any monotonic clock the caller chooses (tests and replay
 * pass their own). */
typedef struct volunteer_pin_guard {
	unsigned wrong_attempts; /* wrong PINs since the last right one or lockout end */
	bool locked;
	int64_t locked_until_ms; /* valid while locked */
} volunteer_pin_guard;

/* What volunteer_pin_guard_check() found. */
typedef struct volunteer_pin_lock {
	bool locked;
	unsigned seconds_left; /* rounded up; 0 when not locked */
} volunteer_pin_lock;

/* Resets the guard: no wrong PINs, not locked. */
void volunteer_pin_guard_init(volunteer_pin_guard *guard);

/* Whether a PIN may be tried at `now_ms`. A lockout ends once now_ms reaches
 * the fifth wrong PIN's time plus VOLUNTEER_PIN_LOCKOUT_MS; the guard then
 * starts counting from zero again. */
volunteer_pin_lock volunteer_pin_guard_check(volunteer_pin_guard *guard, int64_t now_ms);

/* Records the result of a PIN tried at `now_ms`: a right PIN clears the
 * count, the fifth wrong one in a row locks. Attempts made while locked
 * (the caller should not make them) are ignored. */
void volunteer_pin_guard_record(volunteer_pin_guard *guard, bool pin_was_right, int64_t now_ms);

/* The volunteer's messages in plain Dutch, translated by `messages` (may be
 * NULL: Dutch); borrowed from `messages` or static, never NULL.
 * "Er is nog geen pincode ingesteld. Zet er een met buurtkiosk --set-pin." */
const char *volunteer_pin_not_set_text(const translation *messages);
/* "Deze pincode klopt niet. Probeer het opnieuw." */
const char *volunteer_pin_wrong_text(const translation *messages);
/* "Vijf keer een verkeerde pincode. Probeer het over N minuten opnieuw."
 * (minutes rounded up from `seconds_left`, "1 minuut" for one) into
 * out[0..size); false (out = "") when it does not fit. */
bool volunteer_pin_locked_text(const translation *messages, unsigned seconds_left, char *out,
                               size_t size);

#endif
