/* test_bidi.c — display-order runs: Arabic with Western and Arabic-Indic
 * times, Latin names inside Arabic, Dutch in an Arabic line, an Arabic word
 * in a Dutch line, invalid UTF-8 and the limits. */
#include "test_support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"

#define MEETING "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAC\xD8\xAA\xD9\x85\xD8\xA7\xD8\xB9" /* الاجتماع */
#define TODAY   "\xD8\xA7\xD9\x84\xD9\x8A\xD9\x88\xD9\x85"                         /* اليوم */
#define IN      "\xD9\x81\xD9\x8A"                                                 /* في */
/* ١٠:٠٠ in Arabic-Indic digits */
#define INDIC_TIME "\xD9\xA1\xD9\xA0:\xD9\xA0\xD9\xA0"

typedef struct line_runs {
	bidi_run runs[64];
	size_t count;
} line_runs;

static line_runs runs_of(const char *text, bool right_to_left)
{
	line_runs result = {0};
	assert_int_equal(
	    bidi_runs(text, strlen(text), right_to_left, result.runs, 64, &result.count),
	    STATUS_OK);
	/* Whatever else, the runs tile the text. */
	size_t covered = 0;
	bool *seen = calloc(strlen(text) + 1, 1);
	assert_non_null(seen);
	for (size_t index = 0; index < result.count; index++) {
		assert_true(result.runs[index].length > 0);
		for (size_t byte = 0; byte < result.runs[index].length; byte++) {
			size_t at = result.runs[index].offset + byte;
			assert_true(at < strlen(text));
			assert_false(seen[at]);
			seen[at] = true;
			covered++;
		}
	}
	free(seen);
	assert_int_equal(covered, strlen(text));
	return result;
}

/* The text of run `index`, copied into `out`. */
static const char *run_text(const char *text, const line_runs *line, size_t index, char *out,
                            size_t size)
{
	assert_true(index < line->count);
	const bidi_run *run = &line->runs[index];
	assert_true(run->length < size);
	memcpy(out, text + run->offset, run->length);
	out[run->length] = '\0';
	return out;
}

/* Where `needle` starts among the runs in visual order: the index of the run
 * holding its first byte. */
static size_t visual_run_of(const char *text, const line_runs *line, const char *needle)
{
	const char *found = strstr(text, needle);
	assert_non_null(found);
	size_t offset = (size_t)(found - text);
	for (size_t index = 0; index < line->count; index++) {
		const bidi_run *run = &line->runs[index];
		if (offset >= run->offset && offset < run->offset + run->length)
			return index;
	}
	fail_msg("no run holds offset %zu", offset);
	return 0;
}

static void test_time_after_arabic_words_sits_left_of_them(void **state)
{
	(void)state;
	const char *text = MEETING " 10:00";
	line_runs line = runs_of(text, true);
	char buffer[64];
	assert_int_equal(line.count, 2);
	/* Leftmost on the glass: the time, read left to right in the reading face. */
	assert_string_equal(run_text(text, &line, 0, buffer, sizeof buffer), "10:00");
	assert_false(line.runs[0].right_to_left);
	assert_false(line.runs[0].arabic_face);
	/* Then the Arabic word with its space, right to left in the Arabic face. */
	assert_string_equal(run_text(text, &line, 1, buffer, sizeof buffer), MEETING " ");
	assert_true(line.runs[1].right_to_left);
	assert_true(line.runs[1].arabic_face);
}

static void test_western_digits_inside_an_arabic_sentence(void **state)
{
	(void)state;
	const char *text = MEETING " 10:00 " TODAY;
	line_runs line = runs_of(text, true);
	assert_int_equal(line.count, 3);
	/* Reading right to left: meeting, time, today; so on the glass today is
	 * leftmost and the meeting rightmost, the time between them. */
	size_t today = visual_run_of(text, &line, TODAY);
	size_t time = visual_run_of(text, &line, "10:00");
	size_t meeting = visual_run_of(text, &line, MEETING);
	assert_int_equal(today, 0);
	assert_int_equal(time, 1);
	assert_int_equal(meeting, 2);
	assert_false(line.runs[time].right_to_left);
	assert_int_equal(line.runs[time].length, 5);
	assert_true(line.runs[today].right_to_left);
	assert_true(line.runs[meeting].arabic_face);
}

static void test_arabic_indic_time(void **state)
{
	(void)state;
	const char *text = MEETING " " INDIC_TIME;
	line_runs line = runs_of(text, true);
	char buffer[64];
	assert_int_equal(line.count, 2);
	/* The digits (with their colon) keep their left-to-right order and sit
	 * left of the words; they need the Arabic face, which has them. */
	assert_string_equal(run_text(text, &line, 0, buffer, sizeof buffer), INDIC_TIME);
	assert_false(line.runs[0].right_to_left);
	assert_true(line.runs[0].arabic_face);
	assert_true(line.runs[1].right_to_left);
	assert_true(line.runs[1].arabic_face);
}

static void test_latin_name_inside_arabic(void **state)
{
	(void)state;
	const char *text = MEETING " " IN " Buurthuis De Kastanje " TODAY;
	line_runs line = runs_of(text, true);
	char buffer[64];
	size_t name = visual_run_of(text, &line, "Buurthuis");
	/* The name is one left-to-right run, its inner spaces included, in the
	 * reading face. */
	assert_string_equal(run_text(text, &line, name, buffer, sizeof buffer),
	                    "Buurthuis De Kastanje");
	assert_false(line.runs[name].right_to_left);
	assert_false(line.runs[name].arabic_face);
	/* The sentence reads right to left: "today" left of the name, "meeting in"
	 * right of it. */
	assert_true(visual_run_of(text, &line, TODAY) < name);
	assert_true(visual_run_of(text, &line, MEETING) > name);
	assert_true(visual_run_of(text, &line, IN) > name);
	for (size_t index = 0; index < line.count; index++)
		if (index != name) {
			assert_true(line.runs[index].right_to_left);
			assert_true(line.runs[index].arabic_face);
		}
}

static void test_dutch_in_a_right_to_left_line(void **state)
{
	(void)state;
	const char *text = "Wandelen met buren";
	line_runs line = runs_of(text, true);
	assert_int_equal(line.count, 1);
	assert_int_equal(line.runs[0].offset, 0);
	assert_int_equal(line.runs[0].length, strlen(text));
	assert_false(line.runs[0].right_to_left);
	assert_false(line.runs[0].arabic_face);

	/* Without Arabic letters the line is Dutch on an Arabic screen: its
	 * full stop stays on the right, also when bidi has to look (the dash). */
	const char *sentence = "Wandelen \xE2\x80\x94 samen.";
	line = runs_of(sentence, true);
	assert_int_equal(line.count, 1);
	assert_false(line.runs[0].right_to_left);

	/* A right-to-left mark makes it a right-to-left line: the full stop
	 * goes to the left end. */
	const char *marked = "\xE2\x80\x8FWandelen.";
	line = runs_of(marked, true);
	assert_int_equal(line.count, 3);
	char buffer[64];
	assert_string_equal(run_text(marked, &line, 0, buffer, sizeof buffer), ".");
	assert_true(line.runs[0].right_to_left);
	assert_string_equal(run_text(marked, &line, 1, buffer, sizeof buffer), "Wandelen");
	assert_false(line.runs[1].right_to_left);
	/* An Arabic sentence opening with a Latin name still reads from the
	 * right: the name is rightmost. */
	const char *named = "Buurtkiosk " MEETING;
	line = runs_of(named, true);
	assert_int_equal(line.count, 2);
	assert_string_equal(run_text(named, &line, 1, buffer, sizeof buffer), "Buurtkiosk");
	assert_string_equal(run_text(named, &line, 0, buffer, sizeof buffer), " " MEETING);
}

static void test_arabic_word_in_a_dutch_line(void **state)
{
	(void)state;
	const char *text = "Taal: " MEETING " en Nederlands";
	line_runs line = runs_of(text, false);
	char buffer[64];
	assert_int_equal(line.count, 3);
	assert_string_equal(run_text(text, &line, 0, buffer, sizeof buffer), "Taal: ");
	assert_string_equal(run_text(text, &line, 1, buffer, sizeof buffer), MEETING);
	assert_true(line.runs[1].right_to_left);
	assert_true(line.runs[1].arabic_face);
	assert_string_equal(run_text(text, &line, 2, buffer, sizeof buffer), " en Nederlands");
	assert_false(line.runs[2].right_to_left);
	assert_false(line.runs[2].arabic_face);
}

static void test_plain_text_is_one_run(void **state)
{
	(void)state;
	/* Turkish letters are below the right-to-left blocks. */
	const char *text = "Y\xC3\xBCr\xC3\xBCy\xC3\xBC\xC5\x9F grubu 10:00";
	line_runs line = runs_of(text, false);
	assert_int_equal(line.count, 1);
	assert_int_equal(line.runs[0].length, strlen(text));
	assert_false(line.runs[0].right_to_left);
	assert_false(line.runs[0].arabic_face);
	assert_false(bidi_has_arabic(text, strlen(text)));
	assert_true(bidi_has_arabic(MEETING, strlen(MEETING)));

	line = runs_of("", true);
	assert_int_equal(line.count, 0);
}

static void test_invalid_utf8_is_kept_in_runs(void **state)
{
	(void)state;
	const char text[] = MEETING "\xFF\xC0\x80 ab\xE2\x82";
	for (int base = 0; base < 2; base++) {
		line_runs line = runs_of(text, base == 1);
		assert_true(line.count >= 2);
	}
}

static void test_limits(void **state)
{
	(void)state;
	size_t length = BIDI_LINE_LIMIT + 1;
	char *long_line = malloc(length);
	assert_non_null(long_line);
	memset(long_line, 'a', length);
	bidi_run runs[4];
	size_t count = 99;
	assert_int_equal(bidi_runs(long_line, length, false, runs, 4, &count), STATUS_TOO_LARGE);
	assert_int_equal(count, 0);
	/* The limit itself is accepted. */
	assert_int_equal(bidi_runs(long_line, length - 1, true, runs, 4, &count), STATUS_OK);
	assert_int_equal(count, 1);
	free(long_line);

	/* Too little room for the runs. */
	const char *text = MEETING " 10:00 " TODAY;
	assert_int_equal(bidi_runs(text, strlen(text), true, runs, 2, &count), STATUS_TOO_LARGE);
	assert_int_equal(bidi_runs(NULL, 3, true, runs, 2, &count), STATUS_USAGE);
	assert_int_equal(bidi_runs(text, strlen(text), true, runs, 2, NULL), STATUS_USAGE);
}

/* A thread with a small stack (SDL's audio thread asks for 64 KB) can
 * start in a program that links the kiosk, and lay out Arabic there: the
 * layout's working space is not static TLS that every thread must carry. */
static void *lay_out_on_a_small_stack(void *context)
{
	bidi_run runs[16];
	size_t count = 0;
	*(status *)context =
	    bidi_runs(MEETING " 10:00", strlen(MEETING " 10:00"), true, runs, 16, &count);
	return NULL;
}

static void test_a_small_stack_thread_starts_and_lays_out(void **state)
{
	(void)state;
	pthread_attr_t attributes;
	assert_int_equal(pthread_attr_init(&attributes), 0);
	assert_int_equal(pthread_attr_setstacksize(&attributes, 64 * 1024), 0);
	status laid_out = STATUS_USAGE;
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, &attributes, lay_out_on_a_small_stack, &laid_out),
	                 0);
	assert_int_equal(pthread_join(thread, NULL), 0);
	pthread_attr_destroy(&attributes);
	assert_int_equal(laid_out, STATUS_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_time_after_arabic_words_sits_left_of_them),
	    cmocka_unit_test(test_a_small_stack_thread_starts_and_lays_out),
	    cmocka_unit_test(test_western_digits_inside_an_arabic_sentence),
	    cmocka_unit_test(test_arabic_indic_time),
	    cmocka_unit_test(test_latin_name_inside_arabic),
	    cmocka_unit_test(test_dutch_in_a_right_to_left_line),
	    cmocka_unit_test(test_arabic_word_in_a_dutch_line),
	    cmocka_unit_test(test_plain_text_is_one_run),
	    cmocka_unit_test(test_invalid_utf8_is_kept_in_runs),
	    cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
