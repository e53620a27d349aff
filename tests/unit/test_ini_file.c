/* test_ini_file.c — the shared INI pieces: whole-file reads under a limit,
 * problem lines and their cap, the UTF-8 check, and the line reader that
 * feeds libinih, all on real files in a scratch directory. */
#define _POSIX_C_SOURCE 200809L

#include "test_support.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini_file.h"
#include "text.h"

/* A scratch directory and one file in it. */
typedef struct scratch {
	char directory[PATH_MAX];
	char path[PATH_MAX + 32];
} scratch;

static void scratch_file(scratch *place, const char *name, const void *bytes, size_t length)
{
	test_make_temp_dir(place->directory, sizeof(place->directory));
	assert_true(text_format(place->path, sizeof(place->path), "%s/%s", place->directory, name));
	test_write_file(place->path, bytes, length);
}

/* --- problems ------------------------------------------------------------ */

static void test_problem_lines_name_file_and_line(void **state)
{
	(void)state;
	text_buffer out = {0};
	ini_file_problems problems;
	ini_file_problems_start(&problems, "demo.ini", &out);
	ini_file_add_problem(&problems, 7, "bad value '%s'", "x");
	ini_file_add_problem(&problems, 0, "holds nothing");
	assert_string_equal(text_buffer_string(&out),
	                    "demo.ini line 7: bad value 'x'\ndemo.ini: holds nothing\n");
	assert_int_equal(problems.count, 2);
	assert_int_equal(problems.failure, STATUS_OK);
	/* Nothing was left unlisted, so finishing adds nothing. */
	assert_int_equal(ini_file_problems_finish(&problems), STATUS_OK);
	assert_string_equal(text_buffer_string(&out),
	                    "demo.ini line 7: bad value 'x'\ndemo.ini: holds nothing\n");
	text_buffer_free(&out);
}

static void test_problems_without_buffer_are_counted(void **state)
{
	(void)state;
	ini_file_problems problems;
	ini_file_problems_start(&problems, "demo.ini", NULL);
	for (unsigned i = 0; i < INI_FILE_MAX_LISTED_PROBLEMS + 5; i++)
		ini_file_add_problem(&problems, i + 1, "problem %u", i);
	assert_int_equal(problems.count, INI_FILE_MAX_LISTED_PROBLEMS + 5);
	assert_int_equal(ini_file_problems_finish(&problems), STATUS_OK);
	assert_int_equal(problems.failure, STATUS_OK);
}

static size_t count_lines(const char *text)
{
	size_t lines = 0;
	for (const char *c = text; *c != '\0'; c++)
		if (*c == '\n')
			lines++;
	return lines;
}

static void test_problems_beyond_the_cap_are_summarised(void **state)
{
	(void)state;
	text_buffer out = {0};
	ini_file_problems problems;
	ini_file_problems_start(&problems, "big.ini", &out);
	unsigned total = INI_FILE_MAX_LISTED_PROBLEMS + 3;
	for (unsigned i = 1; i <= total; i++)
		ini_file_add_problem(&problems, i, "problem %u", i);
	assert_int_equal(count_lines(text_buffer_string(&out)), INI_FILE_MAX_LISTED_PROBLEMS);
	char last_listed[64];
	assert_true(text_format(last_listed, sizeof(last_listed), "big.ini line %u: problem %u\n",
	                        INI_FILE_MAX_LISTED_PROBLEMS, INI_FILE_MAX_LISTED_PROBLEMS));
	assert_non_null(strstr(text_buffer_string(&out), last_listed));
	char first_unlisted[64];
	assert_true(text_format(first_unlisted, sizeof(first_unlisted), "problem %u\n",
	                        INI_FILE_MAX_LISTED_PROBLEMS + 1));
	assert_null(strstr(text_buffer_string(&out), first_unlisted));

	assert_int_equal(ini_file_problems_finish(&problems), STATUS_OK);
	assert_int_equal(count_lines(text_buffer_string(&out)), INI_FILE_MAX_LISTED_PROBLEMS + 1);
	assert_non_null(strstr(text_buffer_string(&out), "big.ini: 3 more problems not listed\n"));
	text_buffer_free(&out);
}

static void test_long_message_is_cut_not_lost(void **state)
{
	(void)state;
	char value[2000];
	memset(value, 'v', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	text_buffer out = {0};
	ini_file_problems problems;
	ini_file_problems_start(&problems, "a.ini", &out);
	ini_file_add_problem(&problems, 3, "value %s", value);
	const char *text = text_buffer_string(&out);
	assert_true(text_starts_with(text, "a.ini line 3: value vvv"));
	assert_true(strlen(text) < 600);
	assert_int_equal(text[strlen(text) - 1], '\n');
	text_buffer_free(&out);
}

/* --- reading and checking ------------------------------------------------ */

static void test_read_whole_up_to_the_limit(void **state)
{
	(void)state;
	static const char text[] = "[a]\nkey = value\n";
	size_t size = strlen(text);
	scratch place;
	scratch_file(&place, "small.ini", text, size);

	char *bytes = NULL;
	size_t length = 0;
	bool opened = false;
	assert_int_equal(ini_file_read_whole(place.path, size, &bytes, &length, &opened),
	                 STATUS_OK);
	assert_true(opened);
	assert_int_equal(length, size);
	assert_memory_equal(bytes, text, size);
	assert_int_equal(bytes[length], '\0');
	free(bytes);

	/* One byte over the limit is refused, with nothing handed out. */
	bytes = (char *)place.path;
	length = 99;
	assert_int_equal(ini_file_read_whole(place.path, size - 1, &bytes, &length, NULL),
	                 STATUS_TOO_LARGE);
	assert_null(bytes);
	assert_int_equal(length, 0);
	test_remove_tree(place.directory);
}

static void test_read_whole_empty_file(void **state)
{
	(void)state;
	scratch place;
	scratch_file(&place, "empty.ini", "", 0);
	char *bytes = NULL;
	size_t length = 1;
	assert_int_equal(ini_file_read_whole(place.path, 0, &bytes, &length, NULL), STATUS_OK);
	assert_non_null(bytes);
	assert_int_equal(length, 0);
	assert_string_equal(bytes, "");
	free(bytes);
	test_remove_tree(place.directory);
}

static void test_read_whole_missing_and_unreadable(void **state)
{
	(void)state;
	char directory[PATH_MAX];
	test_make_temp_dir(directory, sizeof(directory));
	char path[PATH_MAX + 32];
	assert_true(text_format(path, sizeof(path), "%s/absent.ini", directory));

	char *bytes = NULL;
	size_t length = 0;
	bool opened = true;
	assert_int_equal(ini_file_read_whole(path, 1024, &bytes, &length, &opened),
	                 STATUS_NOT_FOUND);
	assert_false(opened);
	assert_null(bytes);

	/* A directory opens but cannot be read as a file. */
	opened = false;
	assert_int_equal(ini_file_read_whole(directory, 1024, &bytes, &length, &opened), STATUS_IO);
	assert_true(opened);
	assert_null(bytes);
	test_remove_tree(directory);
}

static void test_utf8_check(void **state)
{
	(void)state;
	text_buffer out = {0};
	ini_file_problems problems;
	ini_file_problems_start(&problems, "t.ini", &out);
	static const char good[] = "naam = Caf\xC3\xA9\n";
	assert_int_equal(ini_file_check_utf8(&problems, good, strlen(good), "; kept"), STATUS_OK);
	assert_int_equal(problems.count, 0);

	static const char latin1[] = "naam = Caf\xE9\n";
	assert_int_equal(ini_file_check_utf8(&problems, latin1, strlen(latin1), "; kept"),
	                 STATUS_INVALID);
	static const char with_nul[] = "a\0b";
	assert_int_equal(ini_file_check_utf8(&problems, with_nul, 3, ""), STATUS_INVALID);
	assert_string_equal(text_buffer_string(&out),
	                    "t.ini: not valid UTF-8 text; kept\nt.ini: not valid UTF-8 text\n");
	text_buffer_free(&out);
}

static void test_identifiers_and_base_names(void **state)
{
	(void)state;
	assert_true(ini_file_is_identifier("pin_hash", 8));
	assert_true(ini_file_is_identifier("a1_", 3));
	assert_false(ini_file_is_identifier("", 0));
	assert_false(ini_file_is_identifier("Pin", 3));
	assert_false(ini_file_is_identifier("pin-hash", 8));
	assert_false(ini_file_is_identifier("pin hash", 8));
	/* Only the given length counts. */
	assert_true(ini_file_is_identifier("ab!", 2));
	assert_false(ini_file_is_identifier("ab!", 3));

	assert_string_equal(ini_file_base_name("/etc/buurtkiosk/buurtkiosk.ini"), "buurtkiosk.ini");
	assert_string_equal(ini_file_base_name("questions.ini"), "questions.ini");
	assert_string_equal(ini_file_base_name("dir/"), "");
}

/* Joins the entries of `value` as "<a><b>..." to show what the stepper gives. */
static void list_entries(const char *value, char *out, size_t size)
{
	text_buffer joined = {0};
	size_t position = 0;
	const char *item = NULL;
	size_t length = 0;
	while (ini_file_next_list_item(value, &position, &item, &length))
		assert_int_equal(text_buffer_append_format(&joined, "<%.*s>", (int)length, item),
		                 STATUS_OK);
	assert_true(text_copy(out, size, text_buffer_string(&joined)));
	text_buffer_free(&joined);
}

static void test_list_items(void **state)
{
	(void)state;
	char entries[128];
	list_entries("/media, /run/media ,/mnt", entries, sizeof(entries));
	assert_string_equal(entries, "</media></run/media></mnt>");
	list_entries("one", entries, sizeof(entries));
	assert_string_equal(entries, "<one>");
	/* Empty entries are handed out so a caller can refuse them. */
	list_entries("", entries, sizeof(entries));
	assert_string_equal(entries, "<>");
	list_entries("a,,b,", entries, sizeof(entries));
	assert_string_equal(entries, "<a><><b><>");
	list_entries(" , ", entries, sizeof(entries));
	assert_string_equal(entries, "<><>");
}

/* --- parsing ------------------------------------------------------------- */

/* What the handlers saw, one line of text per call. */
typedef struct recording {
	ini_file_reader reader;
	text_buffer calls;
} recording;

static void record_section(void *context, const char *name, size_t length)
{
	recording *seen = context;
	status result;
	if (name == NULL)
		result = text_buffer_append_format(&seen->calls, "%u section (none)\n",
		                                   seen->reader.line);
	else
		result = text_buffer_append_format(&seen->calls, "%u section '%.*s'\n",
		                                   seen->reader.line, (int)length, name);
	assert_int_equal(result, STATUS_OK);
}

static void record_pair(void *context, const char *key, const char *value)
{
	recording *seen = context;
	assert_int_equal(
	    text_buffer_append_format(&seen->calls, "%u %s=%s\n", seen->reader.line, key, value),
	    STATUS_OK);
}

/* Writes `text` to a file, reads it back and parses it into `seen`. */
static void parse_file(const char *text, recording *seen, text_buffer *out)
{
	scratch place;
	scratch_file(&place, "parse.ini", text, strlen(text));
	char *bytes = NULL;
	size_t length = 0;
	assert_int_equal(ini_file_read_whole(place.path, 64u * 1024u, &bytes, &length, NULL),
	                 STATUS_OK);
	ini_file_problems problems;
	ini_file_problems_start(&problems, ini_file_base_name(place.path), out);
	memset(seen, 0, sizeof(*seen));
	assert_int_equal(ini_file_parse(&seen->reader, bytes, length, &problems, record_section,
	                                record_pair, seen),
	                 STATUS_OK);
	assert_int_equal(problems.failure, STATUS_OK);
	free(bytes);
	test_remove_tree(place.directory);
}

static void test_parse_numbers_sections_and_keys(void **state)
{
	(void)state;
	recording seen;
	text_buffer out = {0};
	parse_file("\xEF\xBB\xBF; comment\r\n"
	           "[kiosk]\r\n"
	           "centre_name = De Kastanje ; a comment\r\n"
	           "\r\n"
	           "   indented = kept apart\n"
	           "# another comment\n"
	           "[ spaced name ]\n"
	           "colon: value",
	           &seen, &out);
	assert_string_equal(text_buffer_string(&seen.calls), "2 section 'kiosk'\n"
	                                                     "3 centre_name=De Kastanje\n"
	                                                     "5 indented=kept apart\n"
	                                                     "7 section ' spaced name '\n"
	                                                     "8 colon=value\n");
	assert_string_equal(text_buffer_string(&out), "");
	text_buffer_free(&seen.calls);
	text_buffer_free(&out);
}

static void test_parse_reports_bad_lines(void **state)
{
	(void)state;
	char long_value[1000];
	memset(long_value, 'x', sizeof(long_value) - 1);
	long_value[sizeof(long_value) - 1] = '\0';
	text_buffer text = {0};
	assert_int_equal(text_buffer_append_format(&text,
	                                           "early = before any section\n"
	                                           "[broken\n"
	                                           "inside = broken section\n"
	                                           "just words\n"
	                                           "[fine]\n"
	                                           "long = %s\n"
	                                           "after = long\n",
	                                           long_value),
	                 STATUS_OK);
	recording seen;
	text_buffer out = {0};
	parse_file(text_buffer_string(&text), &seen, &out);
	assert_string_equal(text_buffer_string(&seen.calls), "2 section (none)\n"
	                                                     "3 inside=broken section\n"
	                                                     "5 section 'fine'\n"
	                                                     "7 after=long\n");
	const char *problems = text_buffer_string(&out);
	assert_non_null(
	    strstr(problems, "parse.ini line 1: key 'early' comes before any [section]\n"));
	assert_non_null(strstr(problems, "parse.ini line 2: section header without ']'\n"));
	assert_non_null(
	    strstr(problems, "parse.ini line 4: expected [section], key = value or a comment\n"));
	assert_non_null(strstr(problems, "parse.ini line 6: line is longer than "));
	assert_int_equal(count_lines(problems), 4);
	text_buffer_free(&text);
	text_buffer_free(&seen.calls);
	text_buffer_free(&out);
}

/* libinih ends a key's name at an inline " ;" comment; a line whose '=' only
 * comes after one is dropped by libinih, so it must be reported, not lost. */
static void test_parse_reports_key_hidden_by_comment(void **state)
{
	(void)state;
	recording seen;
	text_buffer out = {0};
	parse_file("[kiosk]\n"
	           "centre_name ;= Noord\n"
	           "language\t;x: en\n"
	           "name;= kept\n"
	           "note = a ; comment = ignored\n",
	           &seen, &out);
	assert_string_equal(text_buffer_string(&seen.calls), "1 section 'kiosk'\n"
	                                                     "4 name;=kept\n"
	                                                     "5 note=a\n");
	const char *problems = text_buffer_string(&out);
	assert_non_null(
	    strstr(problems, "parse.ini line 2: expected [section], key = value or a comment\n"));
	assert_non_null(
	    strstr(problems, "parse.ini line 3: expected [section], key = value or a comment\n"));
	assert_int_equal(count_lines(problems), 2);
	text_buffer_free(&seen.calls);
	text_buffer_free(&out);
}

static void test_parse_empty_text(void **state)
{
	(void)state;
	recording seen;
	text_buffer out = {0};
	parse_file("", &seen, &out);
	assert_string_equal(text_buffer_string(&seen.calls), "");
	assert_string_equal(text_buffer_string(&out), "");
	assert_int_equal(seen.reader.line, 0);
	text_buffer_free(&seen.calls);
	text_buffer_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_problem_lines_name_file_and_line),
	    cmocka_unit_test(test_problems_without_buffer_are_counted),
	    cmocka_unit_test(test_problems_beyond_the_cap_are_summarised),
	    cmocka_unit_test(test_long_message_is_cut_not_lost),
	    cmocka_unit_test(test_read_whole_up_to_the_limit),
	    cmocka_unit_test(test_read_whole_empty_file),
	    cmocka_unit_test(test_read_whole_missing_and_unreadable),
	    cmocka_unit_test(test_utf8_check),
	    cmocka_unit_test(test_identifiers_and_base_names),
	    cmocka_unit_test(test_list_items),
	    cmocka_unit_test(test_parse_numbers_sections_and_keys),
	    cmocka_unit_test(test_parse_reports_bad_lines),
	    cmocka_unit_test(test_parse_reports_key_hidden_by_comment),
	    cmocka_unit_test(test_parse_empty_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
