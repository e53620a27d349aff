/* test_volunteer_pin.c — the volunteer PIN: Argon2id hash and check, refusal
 * of bad PINs and damaged stored hashes, and the five-minute lockout. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "test_support.h"
#include "volunteer_pin.h"

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void test_pin_rules(void **state)
{
	(void)state;
	assert_true(volunteer_pin_is_valid("1234"));
	assert_true(volunteer_pin_is_valid("0000"));
	assert_true(volunteer_pin_is_valid("12345678"));
	assert_false(volunteer_pin_is_valid(NULL));
	assert_false(volunteer_pin_is_valid(""));
	assert_false(volunteer_pin_is_valid("123"));
	assert_false(volunteer_pin_is_valid("123456789"));
	assert_false(volunteer_pin_is_valid(" 1234"));
	assert_false(volunteer_pin_is_valid("1234 "));
	assert_false(volunteer_pin_is_valid("12 34"));
	assert_false(volunteer_pin_is_valid("12a4"));
	assert_false(volunteer_pin_is_valid("-1234"));
	/* Arabic-Indic digits are digits to a person, not to the number pad. */
	assert_false(volunteer_pin_is_valid("\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4"));
}

static void test_hash_and_verify(void **state)
{
	(void)state;
	char hash[VOLUNTEER_PIN_HASH_BYTES];
	assert_int_equal(volunteer_pin_hash("73910482", hash, sizeof hash), STATUS_OK);
	assert_true(strncmp(hash, "$argon2id$v=19$", 15) == 0);
	assert_null(strstr(hash, "73910482"));
	for (const char *c = hash; *c != '\0'; c++)
		assert_true(*c > ' ' && *c < 127); /* fits [volunteer] pin_hash */

	/* A fresh salt each time: the same PIN never gives the same string. */
	char again[VOLUNTEER_PIN_HASH_BYTES];
	assert_int_equal(volunteer_pin_hash("73910482", again, sizeof again), STATUS_OK);
	assert_string_not_equal(hash, again);

	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_int_equal(volunteer_pin_verify(hash, "73910482"), STATUS_OK);
	double verify_seconds = seconds_since(&start);
	print_message("volunteer_pin_verify took %.0f ms\n", verify_seconds * 1000.0);
	/* It runs off the UI thread, but a volunteer still waits for it. */
	assert_true(verify_seconds < 1.0);

	assert_int_equal(volunteer_pin_verify(again, "73910482"), STATUS_OK);
	assert_int_equal(volunteer_pin_verify(hash, "73910483"), STATUS_REFUSED);
	assert_int_equal(volunteer_pin_verify(hash, "7391048"), STATUS_REFUSED);
	assert_int_equal(volunteer_pin_verify(hash, "739104820"), STATUS_REFUSED);
	assert_int_equal(volunteer_pin_verify(hash, ""), STATUS_REFUSED);
	assert_int_equal(volunteer_pin_verify(hash, NULL), STATUS_REFUSED);

	char short_pin[VOLUNTEER_PIN_HASH_BYTES];
	assert_int_equal(volunteer_pin_hash("0000", short_pin, sizeof short_pin), STATUS_OK);
	assert_int_equal(volunteer_pin_verify(short_pin, "0000"), STATUS_OK);
	assert_int_equal(volunteer_pin_verify(short_pin, "00000"), STATUS_REFUSED);
}

static void test_hash_refuses_bad_pins(void **state)
{
	(void)state;
	char hash[VOLUNTEER_PIN_HASH_BYTES];
	const char *bad[] = {"", "123", "123456789", "12a4", " 1234", "1234\n"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(hash, 'x', sizeof hash);
		assert_int_equal(volunteer_pin_hash(bad[i], hash, sizeof hash), STATUS_USAGE);
		assert_string_equal(hash, "");
	}
	assert_int_equal(volunteer_pin_hash(NULL, hash, sizeof hash), STATUS_USAGE);
	char small[VOLUNTEER_PIN_HASH_BYTES - 1];
	assert_int_equal(volunteer_pin_hash("1234", small, sizeof small), STATUS_USAGE);
	assert_string_equal(small, "");
}

static void test_no_pin_set(void **state)
{
	(void)state;
	assert_int_equal(volunteer_pin_verify(NULL, "1234"), STATUS_NOT_FOUND);
	assert_int_equal(volunteer_pin_verify("", "1234"), STATUS_NOT_FOUND);
	assert_string_equal(
	    volunteer_pin_not_set_text(NULL),
	    "Er is nog geen pincode ingesteld. Zet er een met buurtkiosk --set-pin.");
}

static void test_damaged_stored_hash(void **state)
{
	(void)state;
	char hash[VOLUNTEER_PIN_HASH_BYTES];
	assert_int_equal(volunteer_pin_hash("4321", hash, sizeof hash), STATUS_OK);
	/* The parts: $argon2id$v=19$m=...,t=...,p=1$SALT$HASH */
	const char *last_dollar = strrchr(hash, '$');
	assert_non_null(last_dollar);
	const char *settings_end = strchr(hash + strlen("$argon2id$v=19$"), '$');
	assert_non_null(settings_end);

	char damaged[2 * VOLUNTEER_PIN_HASH_BYTES];
	/* The PIN itself written in place of a hash. */
	assert_int_equal(volunteer_pin_verify("4321", "4321"), STATUS_INVALID);
	/* No hash after the salt. */
	snprintf(damaged, sizeof damaged, "%.*s", (int)(last_dollar - hash + 1), hash);
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	/* No salt and hash at all. */
	snprintf(damaged, sizeof damaged, "%.*s", (int)(settings_end - hash + 1), hash);
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	/* Salt and hash that are not base64. */
	snprintf(damaged, sizeof damaged, "%.*s!!!!$####", (int)(settings_end - hash + 1), hash);
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	/* Another algorithm (Argon2i) with the same parts. */
	snprintf(damaged, sizeof damaged, "$argon2i$%s", hash + strlen("$argon2id$"));
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	/* A space or a line break inside. */
	snprintf(damaged, sizeof damaged, "%s ", hash);
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	/* Too long for the setting. */
	memset(damaged, 'A', sizeof damaged - 1);
	damaged[sizeof damaged - 1] = '\0';
	memcpy(damaged, hash, strlen(hash));
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);

	/* Costs a hostile file could name (4 TiB of memory, a billion passes):
	 * refused at once instead of attempted. */
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	snprintf(damaged, sizeof damaged, "$argon2id$v=19$m=4294967295,t=2,p=1%s", settings_end);
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	snprintf(damaged, sizeof damaged, "$argon2id$v=19$m=65536,t=1000000000,p=1%s",
	         settings_end);
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	snprintf(damaged, sizeof damaged, "$argon2id$v=19$m=65536,t=2,p=4%s", settings_end);
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	snprintf(damaged, sizeof damaged, "$argon2id$v=19$m=99999999999999999999999,t=2,p=1%s",
	         settings_end);
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_INVALID);
	assert_true(seconds_since(&start) < 0.1);

	/* A hash that parses but was changed: simply the wrong PIN. */
	snprintf(damaged, sizeof damaged, "%s", hash);
	size_t middle = (size_t)(last_dollar - hash) + 5;
	damaged[middle] = damaged[middle] == 'A' ? 'B' : 'A';
	assert_int_equal(volunteer_pin_verify(damaged, "4321"), STATUS_REFUSED);
	/* The original still works. */
	assert_int_equal(volunteer_pin_verify(hash, "4321"), STATUS_OK);
}

static void test_lockout_after_five_wrong(void **state)
{
	(void)state;
	volunteer_pin_guard guard;
	volunteer_pin_guard_init(&guard);
	int64_t now = 1000;
	for (int attempt = 1; attempt <= 4; attempt++) {
		assert_false(volunteer_pin_guard_check(&guard, now).locked);
		volunteer_pin_guard_record(&guard, false, now);
		now += 2000;
	}
	assert_false(volunteer_pin_guard_check(&guard, now).locked);
	int64_t fifth = now;
	volunteer_pin_guard_record(&guard, false, fifth);

	volunteer_pin_lock lock = volunteer_pin_guard_check(&guard, fifth);
	assert_true(lock.locked);
	assert_int_equal(lock.seconds_left, 300);
	lock = volunteer_pin_guard_check(&guard, fifth + 1);
	assert_true(lock.locked);
	assert_int_equal(lock.seconds_left, 300); /* 299.999 s rounds up */
	lock = volunteer_pin_guard_check(&guard, fifth + 60 * 1000);
	assert_true(lock.locked);
	assert_int_equal(lock.seconds_left, 240);
	/* Tries while locked change nothing, not even a right PIN. */
	volunteer_pin_guard_record(&guard, true, fifth + 61 * 1000);
	volunteer_pin_guard_record(&guard, false, fifth + 62 * 1000);
	lock = volunteer_pin_guard_check(&guard, fifth + 5 * 60 * 1000 - 1);
	assert_true(lock.locked);
	assert_int_equal(lock.seconds_left, 1);
	/* Exactly five minutes after the fifth wrong PIN: open again. */
	lock = volunteer_pin_guard_check(&guard, fifth + 5 * 60 * 1000);
	assert_false(lock.locked);
	assert_int_equal(lock.seconds_left, 0);

	/* The count starts again from zero: four more wrong do not lock. */
	now = fifth + 5 * 60 * 1000;
	for (int attempt = 1; attempt <= 4; attempt++) {
		volunteer_pin_guard_record(&guard, false, now);
		assert_false(volunteer_pin_guard_check(&guard, now).locked);
		now += 1000;
	}
	volunteer_pin_guard_record(&guard, false, now);
	assert_true(volunteer_pin_guard_check(&guard, now).locked);
}

static void test_right_pin_resets_count(void **state)
{
	(void)state;
	volunteer_pin_guard guard;
	volunteer_pin_guard_init(&guard);
	int64_t now = 0;
	for (int attempt = 1; attempt <= 4; attempt++)
		volunteer_pin_guard_record(&guard, false, now++);
	volunteer_pin_guard_record(&guard, true, now++);
	for (int attempt = 1; attempt <= 4; attempt++) {
		volunteer_pin_guard_record(&guard, false, now++);
		assert_false(volunteer_pin_guard_check(&guard, now).locked);
	}
	volunteer_pin_guard_record(&guard, false, now);
	assert_true(volunteer_pin_guard_check(&guard, now).locked);
}

static void test_clock_going_back_does_not_lengthen_lockout(void **state)
{
	(void)state;
	volunteer_pin_guard guard;
	volunteer_pin_guard_init(&guard);
	int64_t now = 10 * 60 * 1000;
	for (int attempt = 1; attempt <= 5; attempt++)
		volunteer_pin_guard_record(&guard, false, now);
	volunteer_pin_lock lock = volunteer_pin_guard_check(&guard, 0);
	assert_true(lock.locked);
	assert_int_equal(lock.seconds_left, 300);
}

static void test_locked_text(void **state)
{
	(void)state;
	char text[200];
	assert_true(volunteer_pin_locked_text(NULL, 300, text, sizeof text));
	assert_string_equal(text,
	                    "Vijf keer een verkeerde pincode. Probeer het over 5 minuten opnieuw.");
	assert_true(volunteer_pin_locked_text(NULL, 61, text, sizeof text));
	assert_non_null(strstr(text, "over 2 minuten"));
	assert_true(volunteer_pin_locked_text(NULL, 60, text, sizeof text));
	assert_non_null(strstr(text, "over 1 minuut"));
	assert_true(volunteer_pin_locked_text(NULL, 1, text, sizeof text));
	assert_non_null(strstr(text, "over 1 minuut"));
	char small[10];
	assert_false(volunteer_pin_locked_text(NULL, 300, small, sizeof small));
	assert_string_equal(small, "");
	assert_string_equal(volunteer_pin_wrong_text(NULL),
	                    "Deze pincode klopt niet. Probeer het opnieuw.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pin_rules),
	    cmocka_unit_test(test_hash_and_verify),
	    cmocka_unit_test(test_hash_refuses_bad_pins),
	    cmocka_unit_test(test_no_pin_set),
	    cmocka_unit_test(test_damaged_stored_hash),
	    cmocka_unit_test(test_lockout_after_five_wrong),
	    cmocka_unit_test(test_right_pin_resets_count),
	    cmocka_unit_test(test_clock_going_back_does_not_lengthen_lockout),
	    cmocka_unit_test(test_locked_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
