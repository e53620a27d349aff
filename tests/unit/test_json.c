/* test_json.c — JSON writers: exact escaping of strings (controls, quotes,
 * invalid UTF-8), numbers in every locale, and output Python accepts. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "text.h"

static void assert_string_encodes_to(const char *input, const char *expected)
{
	text_buffer out = {0};
	assert_int_equal(json_append_string(&out, input), STATUS_OK);
	assert_string_equal(text_buffer_string(&out), expected);
	assert_true(text_is_valid_utf8(out.data, out.length));
	text_buffer_free(&out);
}

static void test_plain_and_escaped_strings(void **state)
{
	(void)state;
	assert_string_encodes_to("", "\"\"");
	assert_string_encodes_to("Wandelen met buren", "\"Wandelen met buren\"");
	assert_string_encodes_to("zeg \"hoi\"", "\"zeg \\\"hoi\\\"\"");
	assert_string_encodes_to("C:\\pad", "\"C:\\\\pad\"");
	assert_string_encodes_to("a\nb\r\tc\b\f", "\"a\\nb\\r\\tc\\b\\f\"");
	assert_string_encodes_to("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
	assert_string_encodes_to("</script>", "\"</script>\"");
}

static void test_utf8_kept_and_invalid_replaced(void **state)
{
	(void)state;
	assert_string_encodes_to("café € 😀 ğ", "\"café € 😀 ğ\"");
	/* Latin-1 é, a lone continuation byte, a truncated sequence, an
	 * overlong and a surrogate: each bad byte becomes U+FFFD. */
	assert_string_encodes_to("caf\xE9", "\"caf\xEF\xBF\xBD\"");
	assert_string_encodes_to("\x80x", "\"\xEF\xBF\xBDx\"");
	assert_string_encodes_to("a\xE2\x82", "\"a\xEF\xBF\xBD\xEF\xBF\xBD\"");
	assert_string_encodes_to("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
	assert_string_encodes_to("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

static void test_appends_after_existing_text(void **state)
{
	(void)state;
	text_buffer out = {0};
	assert_int_equal(text_buffer_append_string(&out, "{\"a\":"), STATUS_OK);
	assert_int_equal(json_append_string(&out, "x"), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&out, ",\"b\":"), STATUS_OK);
	assert_int_equal(json_append_bool(&out, true), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&out, ",\"c\":"), STATUS_OK);
	assert_int_equal(json_append_bool(&out, false), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&out, "}"), STATUS_OK);
	assert_string_equal(text_buffer_string(&out), "{\"a\":\"x\",\"b\":true,\"c\":false}");
	text_buffer_free(&out);
}

static void assert_number_encodes_to(double value, const char *expected)
{
	text_buffer out = {0};
	assert_int_equal(json_append_number(&out, value), STATUS_OK);
	assert_string_equal(text_buffer_string(&out), expected);
	/* It reads back as the same value. */
	assert_true(strtod(out.data, NULL) == value);
	text_buffer_free(&out);
}

static void test_numbers(void **state)
{
	(void)state;
	assert_number_encodes_to(0, "0");
	assert_number_encodes_to(-0.0, "0");
	assert_number_encodes_to(42, "42");
	assert_number_encodes_to(-17, "-17");
	assert_number_encodes_to(200000, "200000");
	assert_number_encodes_to(52.09, "52.09");
	assert_number_encodes_to(0.1, "0.1");
	assert_number_encodes_to(5.121434, "5.121434");
	assert_number_encodes_to(-0.5, "-0.5");
	assert_number_encodes_to(1.0 / 3.0, "0.3333333333333333");
	assert_number_encodes_to(1e20, "1e+20");
	assert_number_encodes_to(2.5e-7, "2.5e-07");
}

static void test_non_finite_numbers_are_refused(void **state)
{
	(void)state;
	text_buffer out = {0};
	assert_int_equal(text_buffer_append_string(&out, "["), STATUS_OK);
	assert_int_equal(json_append_number(&out, NAN), STATUS_INVALID);
	assert_int_equal(json_append_number(&out, INFINITY), STATUS_INVALID);
	assert_int_equal(json_append_number(&out, -INFINITY), STATUS_INVALID);
	assert_string_equal(text_buffer_string(&out), "[");
	text_buffer_free(&out);
}

static void test_numbers_ignore_a_comma_locale(void **state)
{
	(void)state;
	const char *candidates[] = {"nl_NL.UTF-8", "nl_NL.utf8",  "de_DE.UTF-8",
	                            "de_DE.utf8",  "fr_FR.UTF-8", "fr_FR.utf8"};
	const char *chosen = NULL;
	for (size_t index = 0; index < sizeof candidates / sizeof candidates[0]; index++) {
		if (setlocale(LC_NUMERIC, candidates[index]) != NULL) {
			chosen = candidates[index];
			break;
		}
	}
	if (chosen == NULL) {
		/* tests/run-all.sh generates nl_NL.UTF-8; without it this test
		 * cannot show anything, so it fails rather than skips. */
		fail_msg("no locale with a decimal comma is installed (nl_NL.UTF-8)");
		return;
	}
	text_buffer out = {0};
	status result = json_append_number(&out, 52.09);
	(void)setlocale(LC_NUMERIC, "C");
	assert_int_equal(result, STATUS_OK);
	assert_string_equal(text_buffer_string(&out), "52.09");
	text_buffer_free(&out);
}

/* Every byte value in a string gives output that a real JSON parser reads
 * back; Python's json module is the referee when it is installed. */
static void test_output_is_valid_json_for_python(void **state)
{
	(void)state;
	if (system("python3 -c 'import json' >/dev/null 2>&1") != 0) {
		fail_msg("python3 is needed to check the JSON");
		return;
	}
	text_buffer out = {0};
	assert_int_equal(text_buffer_append_string(&out, "["), STATUS_OK);
	char all_bytes[256];
	for (size_t index = 1; index < 256; index++)
		all_bytes[index - 1] = (char)index;
	all_bytes[255] = '\0';
	assert_int_equal(json_append_string(&out, all_bytes), STATUS_OK);
	const char *samples[] = {"café", "\xF0\x9F\x98\x80", "\xFF\xFE", "\"\\/", "\xE2\x80\xA8"};
	for (size_t index = 0; index < sizeof samples / sizeof samples[0]; index++) {
		assert_int_equal(text_buffer_append_string(&out, ","), STATUS_OK);
		assert_int_equal(json_append_string(&out, samples[index]), STATUS_OK);
	}
	const double numbers[] = {0.1, 1e300, -2.5e-300, 123456789.125, 52.09};
	for (size_t index = 0; index < sizeof numbers / sizeof numbers[0]; index++) {
		assert_int_equal(text_buffer_append_string(&out, ","), STATUS_OK);
		assert_int_equal(json_append_number(&out, numbers[index]), STATUS_OK);
	}
	assert_int_equal(text_buffer_append_string(&out, ",true,false]"), STATUS_OK);

	char directory[512];
	char path[600];
	char command[1400];
	test_make_temp_dir(directory, sizeof directory);
	assert_true(text_format(path, sizeof path, "%s/out.json", directory));
	test_write_file(path, out.data, out.length);
	/* Python checks the structure and the decoded values. */
	assert_true(text_format(
	    command, sizeof command,
	    "python3 -c 'import json,sys; v=json.load(open(sys.argv[1],encoding=\"utf-8\"));"
	    " assert len(v)==13; assert len(v[0])==255; assert v[0][0]==\"\\x01\";"
	    " assert v[0][33]==\"\\\"\"; assert v[1]==\"caf\\u00e9\";"
	    " assert v[2]==\"\\U0001F600\"; assert v[3]==\"\\ufffd\\ufffd\";"
	    " assert v[7]==1e300; assert v[10]==52.09; assert v[11] is True' '%s'",
	    path));
	assert_int_equal(system(command), 0);
	test_remove_tree(directory);
	text_buffer_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_and_escaped_strings),
	    cmocka_unit_test(test_utf8_kept_and_invalid_replaced),
	    cmocka_unit_test(test_appends_after_existing_text),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_non_finite_numbers_are_refused),
	    cmocka_unit_test(test_numbers_ignore_a_comma_locale),
	    cmocka_unit_test(test_output_is_valid_json_for_python),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
