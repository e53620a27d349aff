/* test_phrases.c — days, meetings, walks and dates in Dutch and through a
 * real message catalogue (English, from the build's locale folder), and the
 * no-break spaces a printed line keeps together. */
#include <string.h>

#include "catalogue.h"
#include "phrases.h"
#include "test_support.h"
#include "text.h"

static meeting tuesday_at_ten(void)
{
	meeting when;
	memset(&when, 0, sizeof(when));
	when.start.day = catalogue_days_from_civil(2026, 11, 24);
	when.start.minute = 10 * 60;
	when.has_time = true;
	return when;
}

static void test_dutch_phrases(void **state)
{
	(void)state;
	char out[128];
	meeting when = tuesday_at_ten();
	phrases_meeting(NULL, &when, false, out, sizeof(out));
	assert_string_equal(out, "dinsdag 24 november, 10.00 uur");
	when.has_time = false;
	phrases_meeting(NULL, &when, false, out, sizeof(out));
	assert_string_equal(out, "dinsdag 24 november");
	phrases_walking(NULL, 1, NULL, out, sizeof(out));
	assert_string_equal(out, "1 minuut lopen");
	phrases_walking(NULL, 7, "De Kastanje", out, sizeof(out));
	assert_string_equal(out, "7 minuten lopen vanaf De Kastanje");
	phrases_walking(NULL, -1, NULL, out, sizeof(out));
	assert_string_equal(out, "");
	phrases_date(NULL, catalogue_days_from_civil(2026, 3, 3), out, sizeof(out));
	assert_string_equal(out, "3 maart 2026");
	phrases_day(NULL, catalogue_days_from_civil(2026, 11, 24), out, sizeof(out));
	assert_string_equal(out, "dinsdag 24 november 2026");
	assert_string_equal(phrases_weekday_name(NULL, 6), "zondag");
	assert_string_equal(phrases_weekday_name(NULL, 99), "zondag");
	assert_string_equal(phrases_month_name(NULL, 1), "januari");
}

static void test_a_printed_time_stays_together(void **state)
{
	(void)state;
	char out[128];
	meeting when = tuesday_at_ten();
	phrases_meeting(NULL, &when, true, out, sizeof(out));
	assert_string_equal(out, "dinsdag 24 november, 10.00\xC2\xA0uur");
	char kept[16];
	assert_string_equal(text_keep_together("030 - 200", kept, sizeof(kept)),
	                    "030\xC2\xA0-\xC2\xA0"
	                    "200");
	/* Too small: whole characters only, never half a no-break space. */
	assert_string_equal(text_keep_together("a b", kept, 3), "a");
	assert_string_equal(text_keep_together("\xC3\xA9\xC3\xA9", kept, 4), "\xC3\xA9");
}

static void test_english_through_the_catalogue(void **state)
{
	(void)state;
	char path[4096];
	assert_true(text_format(path, sizeof(path), "%s/en.mo", KIOSK_BUILD_LOCALE_DIR));
	translation *english = NULL;
	assert_int_equal(translate_load_file(path, &english), STATUS_OK);
	char out[128];
	meeting when = tuesday_at_ten();
	phrases_meeting(english, &when, false, out, sizeof(out));
	assert_non_null(strstr(out, "Tuesday"));
	assert_non_null(strstr(out, "November"));
	assert_null(strstr(out, "dinsdag"));
	phrases_walking(english, 4, NULL, out, sizeof(out));
	assert_non_null(strstr(out, "4"));
	assert_null(strstr(out, "minuten"));
	translate_free(english);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dutch_phrases),
	    cmocka_unit_test(test_a_printed_time_stays_together),
	    cmocka_unit_test(test_english_through_the_catalogue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
