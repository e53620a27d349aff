/* test_text.c — unit tests for the bounded text helpers: buffer growth, copy
 * and format truncation, strict number parsing, UTF-8 and folding. */
#include "test_support.h"

#include <limits.h>
#include <string.h>

#include "text.h"

static void test_buffer_starts_empty_and_grows(void **state)
{
	(void)state;
	text_buffer buffer = {0};
	assert_string_equal(text_buffer_string(&buffer), "");
	assert_null(buffer.data);
	for (int index = 0; index < 1000; index++)
		assert_int_equal(text_buffer_append(&buffer, "abc", 3), STATUS_OK);
	assert_int_equal(buffer.length, 3000);
	assert_true(buffer.capacity > buffer.length);
	assert_int_equal(strlen(text_buffer_string(&buffer)), 3000);
	assert_memory_equal(buffer.data + 2997, "abc", 4);
	text_buffer_free(&buffer);
	assert_null(buffer.data);
	assert_int_equal(buffer.length, 0);
	assert_int_equal(buffer.capacity, 0);
}

static void test_buffer_append_string_format_and_clear(void **state)
{
	(void)state;
	text_buffer buffer = {0};
	assert_int_equal(text_buffer_append_string(&buffer, "rij "), STATUS_OK);
	assert_int_equal(text_buffer_append_format(&buffer, "%d: %s", 12, "fout"), STATUS_OK);
	assert_string_equal(text_buffer_string(&buffer), "rij 12: fout");
	assert_int_equal(buffer.length, strlen("rij 12: fout"));
	size_t capacity = buffer.capacity;
	text_buffer_clear(&buffer);
	assert_string_equal(text_buffer_string(&buffer), "");
	assert_int_equal(buffer.length, 0);
	assert_int_equal(buffer.capacity, capacity);
	/* A long formatted piece forces growth inside append_format. */
	char long_text[5000];
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	assert_int_equal(text_buffer_append_format(&buffer, "<%s>", long_text), STATUS_OK);
	assert_int_equal(buffer.length, 5001);
	assert_int_equal(buffer.data[0], '<');
	assert_int_equal(buffer.data[5000], '>');
	assert_int_equal(buffer.data[5001], '\0');
	text_buffer_free(&buffer);
}

static void test_buffer_holds_embedded_bytes(void **state)
{
	(void)state;
	text_buffer buffer = {0};
	assert_int_equal(text_buffer_append(&buffer, "a\0b", 3), STATUS_OK);
	assert_int_equal(buffer.length, 3);
	assert_memory_equal(buffer.data, "a\0b", 4);
	assert_int_equal(text_buffer_append(&buffer, NULL, 0), STATUS_OK);
	assert_int_equal(buffer.length, 3);
	text_buffer_free(&buffer);
}

static void test_copy_truncates_on_character_boundary(void **state)
{
	(void)state;
	char destination[8];
	assert_true(text_copy(destination, sizeof destination, "kort"));
	assert_string_equal(destination, "kort");
	assert_true(text_copy(destination, sizeof destination, "1234567"));
	assert_string_equal(destination, "1234567");
	assert_false(text_copy(destination, sizeof destination, "12345678"));
	assert_string_equal(destination, "1234567");
	/* "abcdeé" is 7 bytes and fits; "abcdefé" would need 9 and é is cut. */
	assert_true(text_copy(destination, sizeof destination, "abcde\xC3\xA9"));
	assert_false(text_copy(destination, sizeof destination, "abcdef\xC3\xA9"));
	assert_string_equal(destination, "abcdef");
	/* A 3-byte euro sign straddling the cut is left out entirely. */
	assert_false(text_copy(destination, sizeof destination, "abcde\xE2\x82\xAC"));
	assert_string_equal(destination, "abcde");
	char one[1] = {'z'};
	assert_false(text_copy(one, sizeof one, "x"));
	assert_string_equal(one, "");
	assert_true(text_copy(one, sizeof one, ""));
	assert_false(text_copy(destination, 0, "x"));
}

static void test_format_reports_truncation(void **state)
{
	(void)state;
	char destination[10];
	assert_true(text_format(destination, sizeof destination, "%s-%d", "rij", 42));
	assert_string_equal(destination, "rij-42");
	assert_false(text_format(destination, sizeof destination, "%s", "veel te lange tekst"));
	assert_string_equal(destination, "veel te l");
	assert_false(text_format(destination, sizeof destination, "12345678%s", "\xC3\xA9"));
	assert_string_equal(destination, "12345678");
}

static void test_parse_integer(void **state)
{
	(void)state;
	long value = -1;
	assert_true(text_parse_integer("42", 0, 100, &value));
	assert_int_equal(value, 42);
	assert_true(text_parse_integer("  -7 ", -10, 10, &value));
	assert_int_equal(value, -7);
	assert_true(text_parse_integer("+5", 0, 10, &value));
	assert_int_equal(value, 5);
	value = 99;
	assert_false(text_parse_integer("", 0, 100, &value));
	assert_false(text_parse_integer("   ", 0, 100, &value));
	assert_false(text_parse_integer("12a", 0, 100, &value));
	assert_false(text_parse_integer("a12", 0, 100, &value));
	assert_false(text_parse_integer("1 2", 0, 100, &value));
	assert_false(text_parse_integer("-", 0, 100, &value));
	assert_false(text_parse_integer("+-1", -5, 100, &value));
	assert_false(text_parse_integer("0x10", 0, 100, &value));
	assert_false(text_parse_integer("1.5", 0, 100, &value));
	assert_false(text_parse_integer("101", 0, 100, &value));
	assert_false(text_parse_integer("-1", 0, 100, &value));
	assert_false(text_parse_integer("99999999999999999999999", LONG_MIN, LONG_MAX, &value));
	assert_false(text_parse_integer("-99999999999999999999999", LONG_MIN, LONG_MAX, &value));
	assert_int_equal(value, 99); /* untouched on failure */
	char maximum[32];
	assert_true(text_format(maximum, sizeof maximum, "%ld", LONG_MAX));
	assert_true(text_parse_integer(maximum, LONG_MIN, LONG_MAX, &value));
	assert_true(value == LONG_MAX);
}

static void test_parse_decimal(void **state)
{
	(void)state;
	double value = 0;
	assert_true(text_parse_decimal("52,09", &value));
	assert_float_equal(value, 52.09, 1e-12);
	assert_true(text_parse_decimal("4.8912", &value));
	assert_float_equal(value, 4.8912, 1e-12);
	assert_true(text_parse_decimal(" -3,5 ", &value));
	assert_float_equal(value, -3.5, 1e-12);
	assert_true(text_parse_decimal("17", &value));
	assert_float_equal(value, 17.0, 1e-12);
	assert_true(text_parse_decimal(",5", &value));
	assert_float_equal(value, 0.5, 1e-12);
	value = 123;
	assert_false(text_parse_decimal("", &value));
	assert_false(text_parse_decimal("-", &value));
	assert_false(text_parse_decimal(".", &value));
	assert_false(text_parse_decimal("1.234,5", &value));
	assert_false(text_parse_decimal("1,2,3", &value));
	assert_false(text_parse_decimal("1e5", &value));
	assert_false(text_parse_decimal("0x1A", &value));
	assert_false(text_parse_decimal("inf", &value));
	assert_false(text_parse_decimal("nan", &value));
	assert_false(text_parse_decimal("12 34", &value));
	assert_false(text_parse_decimal("52,09 graden", &value));
	char too_long[80];
	memset(too_long, '1', sizeof too_long - 1);
	too_long[sizeof too_long - 1] = '\0';
	assert_false(text_parse_decimal(too_long, &value));
	assert_float_equal(value, 123, 0);
}

static void test_utf8_validation(void **state)
{
	(void)state;
	assert_true(text_is_valid_utf8("", 0));
	assert_true(text_is_valid_utf8("gewoon", 6));
	assert_true(text_is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 14));
	assert_false(text_is_valid_utf8("a\0b", 3));
	assert_false(text_is_valid_utf8("\xC3", 1));             /* truncated */
	assert_false(text_is_valid_utf8("\xC0\xAF", 2));         /* overlong '/' */
	assert_false(text_is_valid_utf8("\xE0\x80\xAF", 3));     /* overlong */
	assert_false(text_is_valid_utf8("\xED\xA0\x80", 3));     /* surrogate */
	assert_false(text_is_valid_utf8("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(text_is_valid_utf8("\x80", 1));
	assert_false(text_is_valid_utf8("\xE9t\xE9", 3)); /* Latin-1 */
}

static void test_next_code_point_and_count(void **state)
{
	(void)state;
	const char *text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xFFz";
	size_t length = strlen(text);
	size_t position = 0;
	assert_int_equal(text_next_code_point(text, length, &position), 'a');
	assert_int_equal(text_next_code_point(text, length, &position), 0xE9);
	assert_int_equal(text_next_code_point(text, length, &position), 0x20AC);
	assert_int_equal(text_next_code_point(text, length, &position), 0x1F600);
	assert_int_equal(position, 10);
	assert_int_equal(text_next_code_point(text, length, &position), -1);
	assert_int_equal(position, 11);
	assert_int_equal(text_next_code_point(text, length, &position), 'z');
	assert_int_equal(position, length);
	assert_int_equal(text_next_code_point(text, length, &position), -1);
	assert_int_equal(position, length);
	assert_int_equal(text_code_point_count("caf\xC3\xA9"), 4);
	assert_int_equal(text_code_point_count(""), 0);
	assert_int_equal(text_code_point_count("\xE2\x82\xAC\xE2\x82\xAC"), 2);
}

static void assert_folds_to(const char *source, const char *expected)
{
	char destination[128];
	assert_true(text_fold(destination, sizeof destination, source));
	assert_string_equal(destination, expected);
}

static void test_fold_case_separators_and_spaces(void **state)
{
	(void)state;
	assert_folds_to("Groep met Zorgverlener", "groep_met_zorgverlener");
	assert_folds_to("groep_met_zorgverlener", "groep_met_zorgverlener");
	assert_folds_to("  tijdelijk - gestopt\t", "tijdelijk_gestopt");
	assert_folds_to("hart__en--vaten", "hart_en_vaten");
	assert_folds_to("\xC2\xA0"
	                "Inloop\xC2\xA0",
	                "inloop");
	assert_folds_to("", "");
	assert_folds_to("   ", "");
	assert_folds_to("1OP1", "1op1");
	/* '-' at the edges is meaningful (last Friday of the month). */
	assert_folds_to("-1vr", "_1vr");
	assert_folds_to("1vr", "1vr");
}

static void test_fold_accents(void **state)
{
	(void)state;
	assert_folds_to("Oriënteren", "orienteren");
	assert_folds_to("ÉÈÊË éèêë", "eeee_eeee");
	assert_folds_to("Çalışma Şekeri Ğİ", "calisma_sekeri_gi");
	assert_folds_to("Straße", "strasse");
	assert_folds_to("Æblegrød", "aeblegrod");
	assert_folds_to("Œuvre cœur", "oeuvre_coeur");
	assert_folds_to("àáâãäå ÀÁÂÃÄÅ", "aaaaaa_aaaaaa");
	assert_folds_to("ñ Ñ ý ÿ Ÿ", "n_n_y_y_y");
	assert_folds_to("Øresund Þór", "oresund_thor");
	assert_folds_to("Łódź", "lodz");
	/* Characters without an ASCII base stay as they are. */
	assert_folds_to("2×3 € ÷", "2×3_€_÷");
	assert_folds_to("Ελλάδα", "Ελλάδα");
	assert_folds_to("quote’s", "quote’s");
}

static void test_fold_reports_truncation_without_splitting(void **state)
{
	(void)state;
	char destination[6];
	assert_false(text_fold(destination, sizeof destination, "Wandelgroep"));
	assert_string_equal(destination, "wande");
	/* "ab€€": € needs 3 bytes and would not fit after "ab€". */
	assert_false(text_fold(destination, sizeof destination, "ab\xE2\x82\xAC\xE2\x82\xAC"));
	assert_string_equal(destination, "ab\xE2\x82\xAC");
	/* ß becomes two letters, written whole or not at all. */
	assert_false(text_fold(destination, sizeof destination, "ßßß"));
	assert_string_equal(destination, "ssss");
	assert_true(text_fold(destination, sizeof destination, "ßß"));
	assert_string_equal(destination, "ssss");
}

static void test_trim_and_starts_with(void **state)
{
	(void)state;
	const char *text = " \t waarde \r\n";
	size_t length = strlen(text);
	const char *start = text_trim(text, &length);
	assert_int_equal(length, 6);
	assert_memory_equal(start, "waarde", 6);
	length = 3;
	start = text_trim("   ", &length);
	assert_int_equal(length, 0);
	length = 0;
	(void)text_trim("", &length);
	assert_int_equal(length, 0);
	assert_true(text_starts_with("https://x", "https://"));
	assert_false(text_starts_with("http://x", "https://"));
	assert_true(text_starts_with("abc", ""));
	assert_false(text_starts_with("ab", "abc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_buffer_starts_empty_and_grows),
	    cmocka_unit_test(test_buffer_append_string_format_and_clear),
	    cmocka_unit_test(test_buffer_holds_embedded_bytes),
	    cmocka_unit_test(test_copy_truncates_on_character_boundary),
	    cmocka_unit_test(test_format_reports_truncation),
	    cmocka_unit_test(test_parse_integer),
	    cmocka_unit_test(test_parse_decimal),
	    cmocka_unit_test(test_utf8_validation),
	    cmocka_unit_test(test_next_code_point_and_count),
	    cmocka_unit_test(test_fold_case_separators_and_spaces),
	    cmocka_unit_test(test_fold_accents),
	    cmocka_unit_test(test_fold_reports_truncation_without_splitting),
	    cmocka_unit_test(test_trim_and_starts_with),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
