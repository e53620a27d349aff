/* test_counters.c — anonymous usage counts: merging, the anonymity rules for
 * keys and days, ordering and clearing. */
#include "test_support.h"

#include <stdio.h>
#include <string.h>

#include "counters.h"

#define SOME_DAY 20600 /* 2026-05-27 */

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(counters_kind_name(COUNTER_ANSWER), "antwoord");
	assert_string_equal(counters_kind_name(COUNTER_OFFER_OPENED), "geopend");
	assert_string_equal(counters_kind_name(COUNTER_OFFER_PRINTED), "geprint");
	assert_string_equal(counters_kind_name(COUNTER_SEARCH), "zoekopdracht");
	assert_string_equal(counters_kind_name(COUNTER_UNMET_DEMAND), "niets_gevonden");
}

static void test_same_entry_merges(void **state)
{
	(void)state;
	counters *pending = counters_create();
	assert_non_null(pending);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_ANSWER, "themas=bewegen", 1),
	                 STATUS_OK);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_ANSWER, "themas=voeding", 1),
	                 STATUS_OK);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_ANSWER, "themas=bewegen", 2),
	                 STATUS_OK);
	/* Another day or another kind with the same key is a separate entry. */
	assert_int_equal(counters_add(pending, SOME_DAY + 1, COUNTER_ANSWER, "themas=bewegen", 1),
	                 STATUS_OK);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_SEARCH, "themas=bewegen", 5),
	                 STATUS_OK);
	assert_int_equal(counters_size(pending), 4);

	counter_entry first = counters_entry(pending, 0);
	assert_int_equal(first.day, SOME_DAY);
	assert_int_equal(first.kind, COUNTER_ANSWER);
	assert_string_equal(first.key, "themas=bewegen");
	assert_int_equal(first.count, 3);
	counter_entry second = counters_entry(pending, 1);
	assert_string_equal(second.key, "themas=voeding");
	assert_int_equal(second.count, 1);
	counter_entry third = counters_entry(pending, 2);
	assert_int_equal(third.day, SOME_DAY + 1);
	assert_int_equal(third.count, 1);
	counter_entry fourth = counters_entry(pending, 3);
	assert_int_equal(fourth.kind, COUNTER_SEARCH);
	assert_int_equal(fourth.count, 5);
	counters_destroy(pending);
}

static void test_refuses_free_text_and_bad_days(void **state)
{
	(void)state;
	counters *pending = counters_create();
	assert_non_null(pending);
	const char *refused[] = {
	    "",                /* nothing to count */
	    "Jan Jansen",      /* a name: capitals and a space */
	    "ik zoek hulp",    /* typed text */
	    "themas=Bewegen",  /* capital */
	    "straat 12",       /* space */
	    "caf\xc3\xa9",     /* non-ASCII */
	    "a/b",             /* not in the allowed set */
	    "tel+31612345678", /* '+' not allowed */
	    "line\nbreak",     /* control character */
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_SEARCH, refused[i], 1),
		                 STATUS_INVALID);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_SEARCH, NULL, 1), STATUS_INVALID);
	assert_int_equal(counters_add(pending, -1, COUNTER_SEARCH, "themas=roken", 1),
	                 STATUS_INVALID);
	assert_int_equal(counters_add(pending, 2932897, COUNTER_SEARCH, "themas=roken", 1),
	                 STATUS_INVALID);
	assert_int_equal(counters_add(pending, SOME_DAY, (counter_kind)99, "themas=roken", 1),
	                 STATUS_INVALID);
	assert_int_equal(counters_size(pending), 0);

	/* Canonical combinations and offer ids are fine. */
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_SEARCH,
	                              "themas=roken;kosten=gratis|vorm=groep,1op1", 1),
	                 STATUS_OK);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_OFFER_PRINTED, "wandel-01.a:b", 1),
	                 STATUS_OK);
	assert_int_equal(counters_size(pending), 2);
	counters_destroy(pending);
}

static void test_key_length_limit(void **state)
{
	(void)state;
	counters *pending = counters_create();
	assert_non_null(pending);
	char key[COUNTERS_MAX_KEY_BYTES + 2];
	memset(key, 'a', sizeof key);
	key[COUNTERS_MAX_KEY_BYTES] = '\0';
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_ANSWER, key, 1), STATUS_OK);
	key[COUNTERS_MAX_KEY_BYTES] = 'a';
	key[COUNTERS_MAX_KEY_BYTES + 1] = '\0';
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_ANSWER, key, 1), STATUS_INVALID);
	assert_int_equal(counters_size(pending), 1);
	counters_destroy(pending);
}

static void test_count_saturates(void **state)
{
	(void)state;
	counters *pending = counters_create();
	assert_non_null(pending);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_ANSWER, "x", UINT32_MAX - 1),
	                 STATUS_OK);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_ANSWER, "x", 5), STATUS_OK);
	assert_int_equal(counters_entry(pending, 0).count, UINT32_MAX);
	counters_destroy(pending);
}

/* Many entries force the pool and index to grow; every one must still merge
 * and keep its key. */
static void test_many_entries_and_clear(void **state)
{
	(void)state;
	counters *pending = counters_create();
	assert_non_null(pending);
	char key[32];
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 5000; i++) {
			assert_true(snprintf(key, sizeof key, "aanbod-%d", i) > 0);
			assert_int_equal(counters_add(pending, SOME_DAY + (i % 3),
			                              COUNTER_OFFER_OPENED, key, (uint32_t)(i + 1)),
			                 STATUS_OK);
		}
	}
	assert_int_equal(counters_size(pending), 5000);
	for (size_t i = 0; i < 5000; i++) {
		counter_entry entry = counters_entry(pending, i);
		assert_true(snprintf(key, sizeof key, "aanbod-%zu", i) > 0);
		assert_string_equal(entry.key, key);
		assert_int_equal(entry.day, SOME_DAY + (int32_t)(i % 3));
		assert_int_equal(entry.count, 2 * (i + 1));
	}
	counters_clear(pending);
	assert_int_equal(counters_size(pending), 0);
	assert_int_equal(counters_add(pending, SOME_DAY, COUNTER_OFFER_OPENED, "aanbod-7", 1),
	                 STATUS_OK);
	assert_int_equal(counters_size(pending), 1);
	assert_int_equal(counters_entry(pending, 0).count, 1);
	counters_destroy(pending);
	counters_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kind_names),
	    cmocka_unit_test(test_same_entry_merges),
	    cmocka_unit_test(test_refuses_free_text_and_bad_days),
	    cmocka_unit_test(test_key_length_limit),
	    cmocka_unit_test(test_count_saturates),
	    cmocka_unit_test(test_many_entries_and_clear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
