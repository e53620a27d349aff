/* test_offer_text.c — phone numbers grouped for reading, and URLs broken
 * into lines at their separators without losing or splitting a character. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "offer_text.h"

/* The tests' fake measurer at size 20: every character (UTF-8 code point)
 * is 11 pixels wide, so widths are easy to work out by hand. */
#define SIZE      20
#define CHARACTER 11

static void assert_grouped(const char *stored, const char *expected)
{
	char out[64];
	assert_true(offer_text_group_phone(stored, out, sizeof(out)));
	assert_string_equal(out, expected);
}

static void test_phone_ten_digits_in_chunks(void **state)
{
	(void)state;
	assert_grouped("0302004117", "030 - 200 41 17");     /* two-digit area code */
	assert_grouped("030-200 41 17", "030 - 200 41 17");  /* dashes and spaces ignored */
	assert_grouped("(020) 123 4567", "020 - 123 45 67"); /* brackets ignored */
	assert_grouped("0485123456", "0485 - 12 34 56");     /* three-digit area code */
	assert_grouped("0612345678", "06 - 12 34 56 78");    /* mobile */
	assert_grouped("06-12 34 56 78", "06 - 12 34 56 78");
	assert_grouped("0881234567", "088 - 123 45 67"); /* business numbers */
}

static void test_phone_other_numbers_kept_as_written(void **state)
{
	(void)state;
	assert_grouped("+31 30 200 41 17", "+31 30 200 41 17");
	assert_grouped("030 200 41 17 toestel 3", "030 200 41 17 toestel 3");
	assert_grouped("14030", "14030");                                     /* too short */
	assert_grouped("03020041171", "03020041171");                         /* eleven digits */
	assert_grouped("3020041170", "3020041170");                           /* no leading 0 */
	assert_grouped("0800 123 45 67 89 01 23", "0800 123 45 67 89 01 23"); /* too many */
	assert_grouped("", "");
}

static void test_phone_small_buffer(void **state)
{
	(void)state;
	char out[32];
	/* "030 - 200 41 17" is 15 bytes: 16 with its NUL fits, 15 does not. */
	assert_true(offer_text_group_phone("0302004117", out, 16));
	assert_string_equal(out, "030 - 200 41 17");
	memset(out, 'x', sizeof(out));
	assert_false(offer_text_group_phone("0302004117", out, 15));
	assert_string_equal(out, "030 - 200 41 1");
	memset(out, 'x', sizeof(out));
	assert_false(offer_text_group_phone("+31 30 200", out, 4));
	assert_string_equal(out, "+31");
}

/* The lines, joined, are the URL; each fits `width`; none splits a UTF-8
 * character. */
static void assert_lines_cover(const char *url, const offer_text_line *lines, size_t count,
                               int size, int width)
{
	size_t position = 0;
	for (size_t index = 0; index < count; index++) {
		assert_int_equal(lines[index].start, position);
		assert_true(lines[index].length > 0);
		assert_true(test_fake_measurer()->text_width(NULL, DRAW_FONT_TEXT, size,
		                                             url + lines[index].start,
		                                             lines[index].length) <= width);
		assert_true(((unsigned char)url[lines[index].start] & 0xC0) != 0x80);
		position += lines[index].length;
	}
	assert_int_equal(position, strlen(url));
}

/* Breaks `url` at `width` pixels into at most `capacity` lines and checks
 * they are the pieces `expected` (NULL-terminated; none = not breakable). */
static void assert_breaks(const char *url, int width, size_t capacity, const char *const *expected)
{
	offer_text_line lines[16];
	assert_true(capacity <= 16);
	size_t count = offer_text_break_url(test_fake_measurer(), DRAW_FONT_TEXT, SIZE, url, width,
	                                    lines, capacity);
	size_t wanted = 0;
	while (expected[wanted]) {
		assert_true(wanted < count);
		assert_int_equal(lines[wanted].length, strlen(expected[wanted]));
		assert_memory_equal(url + lines[wanted].start, expected[wanted],
		                    lines[wanted].length);
		wanted++;
	}
	assert_int_equal(count, wanted);
	if (count > 0) {
		assert_lines_cover(url, lines, count, SIZE, width);
	}
}

#define PIECES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NO_PIECES   ((const char *const[]){NULL})

static void test_url_pieces_end_after_separators(void **state)
{
	(void)state;
	assert_breaks("https://buurt.nl/a", 18 * CHARACTER, 4, PIECES("https://buurt.nl/a"));
	assert_breaks("", 10 * CHARACTER, 4, NO_PIECES);
	/* 12 characters a line. "https://www." fits exactly; "voorbeeld.nl"
	 * would fit too but the line ends after the dot in its second half;
	 * "nl/aanmelden" has its slash only in its first half, so it is kept
	 * full: a line is not cut to less than half its width for a seam. */
	assert_breaks("https://www.voorbeeld.nl/aanmelden/wandelen", 12 * CHARACTER, 8,
	              PIECES("https://www.", "voorbeeld.", "nl/aanmelden", "/wandelen"));
	assert_breaks("ab/cdefghijklmnopqrstu", 10 * CHARACTER, 8,
	              PIECES("ab/cdefghi", "jklmnopqrs", "tu"));
}

static void test_url_too_narrow_or_too_long(void **state)
{
	(void)state;
	const char *url = "https://buurt.nl/aanmelden";
	/* Not one character fits. */
	assert_breaks(url, CHARACTER - 1, 3, NO_PIECES);
	/* 26 characters at 5 a line need 6 lines: more than the 3 given. */
	assert_breaks(url, 5 * CHARACTER, 3, NO_PIECES);
	/* At 10 a line they need 3: exactly the capacity. */
	assert_breaks(url, 10 * CHARACTER, 3, PIECES("https://", "buurt.nl/", "aanmelden"));
}

static void test_url_never_splits_a_character(void **state)
{
	(void)state;
	offer_text_line lines[64];
	/* "é" is two bytes and one character wide. */
	const char *url = "https://caf\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9.nl/\xC3\xA9t\xC3\xA9";
	for (int width = CHARACTER; width <= 20 * CHARACTER; width += CHARACTER) {
		size_t count = offer_text_break_url(test_fake_measurer(), DRAW_FONT_TEXT, SIZE, url,
		                                    width, lines, 64);
		assert_true(count > 0);
		assert_lines_cover(url, lines, count, SIZE, width);
	}
}

static void test_url_random_widths_keep_every_byte(void **state)
{
	(void)state;
	srand(7);
	char url[200];
	static const char alphabet[] = "abcdefghij/.-?&=_#\xC3\xA9";
	offer_text_line lines[200];
	for (int round = 0; round < 500; round++) {
		size_t length = 0;
		size_t wanted = 1 + (size_t)(rand() % 120);
		while (length < wanted) {
			size_t pick = (size_t)(rand() % (int)(sizeof(alphabet) - 3));
			if (pick == sizeof(alphabet) - 4) {
				url[length++] = '\xC3';
				url[length++] = '\xA9';
			} else {
				url[length++] = alphabet[pick];
			}
		}
		url[length] = '\0';
		int width = CHARACTER * (1 + rand() % 30);
		size_t count = offer_text_break_url(test_fake_measurer(), DRAW_FONT_TEXT, SIZE, url,
		                                    width, lines, 200);
		assert_true(count > 0);
		assert_lines_cover(url, lines, count, SIZE, width);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_phone_ten_digits_in_chunks),
	    cmocka_unit_test(test_phone_other_numbers_kept_as_written),
	    cmocka_unit_test(test_phone_small_buffer),
	    cmocka_unit_test(test_url_pieces_end_after_separators),
	    cmocka_unit_test(test_url_never_splits_a_character),
	    cmocka_unit_test(test_url_too_narrow_or_too_long),
	    cmocka_unit_test(test_url_random_widths_keep_every_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
