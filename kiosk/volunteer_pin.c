/* volunteer_pin.c — the volunteer PIN as an Argon2id hash (libsodium), its
 * check, and the in-memory lockout after five wrong PINs. */
#include "volunteer_pin.h"

#include <string.h>

#include <sodium.h>

#include "text.h"

/* libsodium's string form starts with the algorithm's name; only Argon2id
 * is written by volunteer_pin_hash(), so only that is accepted back. */
#define ARGON2ID_PREFIX "$argon2id$"

_Static_assert(crypto_pwhash_STRBYTES <= VOLUNTEER_PIN_HASH_BYTES,
               "a libsodium hash string must fit VOLUNTEER_PIN_HASH_BYTES");

bool volunteer_pin_is_valid(const char *pin)
{
	if (pin == NULL)
		return false;
	size_t digits = 0;
	/* Stop one past the maximum so a long string is not walked to its end. */
	while (digits <= VOLUNTEER_PIN_MAX_DIGITS && pin[digits] != '\0') {
		if (pin[digits] < '0' || pin[digits] > '9')
			return false;
		digits++;
	}
	return digits >= VOLUNTEER_PIN_MIN_DIGITS && digits <= VOLUNTEER_PIN_MAX_DIGITS;
}

/* sodium_init() is safe to call more than once and from several threads;
 * it returns 1 when it had already run. */
static bool sodium_ready(void)
{
	return sodium_init() >= 0;
}

status volunteer_pin_hash(const char *pin, char *out, size_t size)
{
	if (out != NULL && size > 0)
		out[0] = '\0';
	if (out == NULL || size < VOLUNTEER_PIN_HASH_BYTES || !volunteer_pin_is_valid(pin))
		return STATUS_USAGE;
	if (!sodium_ready())
		return STATUS_NO_MEMORY;
	/* A private copy of the digits, so the only PIN bytes this module made
	 * can be wiped; the caller wipes its own. */
	char digits[VOLUNTEER_PIN_MAX_DIGITS + 1];
	size_t length = strlen(pin);
	memcpy(digits, pin, length + 1);
	char hashed[crypto_pwhash_STRBYTES];
	int failed = crypto_pwhash_str(hashed, digits, length, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
	sodium_memzero(digits, sizeof digits);
	if (failed != 0) /* Argon2 could not get its memory */
		return STATUS_NO_MEMORY;
	bool copied = text_copy(out, size, hashed);
	sodium_memzero(hashed, sizeof hashed);
	if (!copied) {
		out[0] = '\0';
		return STATUS_USAGE;
	}
	return STATUS_OK;
}

/* Reads "<name>=<digits>" at *cursor followed by `separator`, moving past
 * both; false when it is not there or the number is over `maximum`. */
static bool read_parameter(const char **cursor, const char *name, unsigned long maximum,
                           char separator)
{
	const char *at = *cursor;
	size_t name_length = strlen(name);
	if (strncmp(at, name, name_length) != 0 || at[name_length] != '=')
		return false;
	at += name_length + 1;
	unsigned long value = 0;
	const char *digits = at;
	while (*at >= '0' && *at <= '9') {
		value = value * 10 + (unsigned long)(*at - '0');
		if (value > maximum)
			return false;
		at++;
	}
	if (at == digits || *at != separator)
		return false;
	*cursor = at + 1;
	return true;
}

/* A string volunteer_pin_hash() could have written: printable ASCII without
 * spaces, shorter than the buffer, "$argon2id$v=19$m=M,t=T,p=1$" with
 * Argon2's cost within bounds. libsodium would otherwise try whatever memory
 * and time a damaged or hostile setting names (m=4294967295 is 4 TiB) before
 * saying no; the bounds are four times what volunteer_pin_hash() uses. It
 * parses the salt and hash itself and refuses what it cannot read. */
static bool looks_like_stored_hash(const char *stored_hash)
{
	for (size_t length = 0; stored_hash[length] != '\0'; length++) {
		if (length + 1 >= VOLUNTEER_PIN_HASH_BYTES)
			return false;
		unsigned char c = (unsigned char)stored_hash[length];
		if (c <= ' ' || c >= 127)
			return false;
	}
	if (!text_starts_with(stored_hash, ARGON2ID_PREFIX))
		return false;
	const char *cursor = stored_hash + strlen(ARGON2ID_PREFIX);
	return read_parameter(&cursor, "v", 19, '$') &&
	       read_parameter(&cursor, "m", 4 * crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024, ',') &&
	       read_parameter(&cursor, "t", 4 * crypto_pwhash_OPSLIMIT_INTERACTIVE, ',') &&
	       read_parameter(&cursor, "p", 1, '$');
}

status volunteer_pin_verify(const char *stored_hash, const char *pin)
{
	if (stored_hash == NULL || stored_hash[0] == '\0')
		return STATUS_NOT_FOUND;
	if (!looks_like_stored_hash(stored_hash))
		return STATUS_INVALID;
	if (!volunteer_pin_is_valid(pin))
		return STATUS_REFUSED;
	if (!sodium_ready())
		return STATUS_NO_MEMORY;
	/* The settings are copied into a buffer of the size libsodium expects,
	 * which reads its argument as a crypto_pwhash_STRBYTES array. */
	char hashed[crypto_pwhash_STRBYTES];
	memset(hashed, 0, sizeof hashed);
	if (!text_copy(hashed, sizeof hashed, stored_hash))
		return STATUS_INVALID;
	char digits[VOLUNTEER_PIN_MAX_DIGITS + 1];
	size_t length = strlen(pin);
	memcpy(digits, pin, length + 1);
	int result = crypto_pwhash_str_verify(hashed, digits, length);
	sodium_memzero(digits, sizeof digits);
	if (result == 0)
		return STATUS_OK;
	/* libsodium answers -1 both for a wrong PIN and for a string it cannot
	 * parse; a parseable string tells them apart: crypto_pwhash_str_needs_rehash
	 * is -1 only for a string that is not a valid Argon2id hash. */
	if (crypto_pwhash_str_needs_rehash(hashed, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                   crypto_pwhash_MEMLIMIT_INTERACTIVE) < 0)
		return STATUS_INVALID;
	return STATUS_REFUSED;
}

void volunteer_pin_guard_init(volunteer_pin_guard *guard)
{
	memset(guard, 0, sizeof *guard);
}

volunteer_pin_lock volunteer_pin_guard_check(volunteer_pin_guard *guard, int64_t now_ms)
{
	volunteer_pin_lock lock = {false, 0};
	if (!guard->locked)
		return lock;
	if (now_ms >= guard->locked_until_ms) {
		volunteer_pin_guard_init(guard);
		return lock;
	}
	int64_t left_ms = guard->locked_until_ms - now_ms;
	/* A clock that jumped backwards cannot lengthen the lockout past its
	 * five minutes. */
	if (left_ms > VOLUNTEER_PIN_LOCKOUT_MS)
		left_ms = VOLUNTEER_PIN_LOCKOUT_MS;
	lock.locked = true;
	lock.seconds_left = (unsigned)((left_ms + 999) / 1000);
	return lock;
}

void volunteer_pin_guard_record(volunteer_pin_guard *guard, bool pin_was_right, int64_t now_ms)
{
	if (volunteer_pin_guard_check(guard, now_ms).locked)
		return;
	if (pin_was_right) {
		volunteer_pin_guard_init(guard);
		return;
	}
	guard->wrong_attempts++;
	if (guard->wrong_attempts >= VOLUNTEER_PIN_MAX_ATTEMPTS) {
		guard->locked = true;
		guard->locked_until_ms = now_ms + VOLUNTEER_PIN_LOCKOUT_MS;
	}
}

const char *volunteer_pin_not_set_text(const translation *messages)
{
	return translate_text(
	    messages, "Er is nog geen pincode ingesteld. Zet er een met buurtkiosk --set-pin.");
}

const char *volunteer_pin_wrong_text(const translation *messages)
{
	return translate_text(messages, "Deze pincode klopt niet. Probeer het opnieuw.");
}

bool volunteer_pin_locked_text(const translation *messages, unsigned seconds_left, char *out,
                               size_t size)
{
	unsigned minutes = (seconds_left + 59) / 60;
	if (minutes == 0)
		minutes = 1;
	bool written;
	if (minutes == 1)
		written = text_copy(out, size,
		                    translate_text(messages, "Vijf keer een verkeerde pincode. "
		                                             "Probeer het over 1 minuut opnieuw."));
	else
		written =
		    text_format(out, size,
		                translate_text(messages, "Vijf keer een verkeerde pincode. "
		                                         "Probeer het over %u minuten opnieuw."),
		                minutes);
	if (!written && size > 0)
		out[0] = '\0';
	return written;
}
