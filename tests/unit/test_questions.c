/* test_questions.c — the bundled question set loads and says exactly what the
 * matching engine expects; broken question files are refused with reasons. */
#define _POSIX_C_SOURCE 200809L

#include "test_support.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "questions.h"
#include "text.h"

typedef struct expected_question {
	const char *id;
	const char *field;
	question_choice choice;
	bool strict;
	const char *options[12];
} expected_question;

static const expected_question expected[] = {
    {"themas",
     "themas",
     QUESTION_MULTIPLE,
     false,
     {"bewegen", "voeding", "slaap", "ontspanning", "roken", "alcohol", "ontmoeten"}},
    {"aandoeningen",
     "aandoeningen",
     QUESTION_MULTIPLE,
     false,
     {"diabetes", "hart_en_vaten", "longziekte", "kanker", "overgewicht", "pijn_reuma",
      "somberheid", "hoofdpijn", "ms", "anders", "geen"}},
    {"vorm", "vorm", QUESTION_SINGLE, false, {"1op1", "groep", "groep_met_zorgverlener"}},
    {"contact", "contact", QUESTION_SINGLE, true, {"fysiek", "op_afstand", "beide"}},
    {"dichtbij", "lat", QUESTION_SINGLE, false, {"ja", "maakt_niet_uit"}},
    {"deelname", "deelname", QUESTION_SINGLE, false, {"inloop", "programma"}},
    {"kosten", "kosten", QUESTION_SINGLE, true, {"gratis", "bijdrage", "vergoed"}},
    {"steun",
     "steun",
     QUESTION_MULTIPLE,
     false,
     {"emotioneel", "informatief", "praktisch", "waarderend"}},
    {"fase", "fase", QUESTION_SINGLE, false, {"orienteren", "beginnen", "volhouden"}},
};
#define EXPECTED_COUNT (sizeof(expected) / sizeof(expected[0]))

/* Answers that are not catalogue words but mean something to matching. */
static const char *const special_answers[] = {"geen", "op_afstand", "beide", "ja",
                                              "maakt_niet_uit"};

static question_set *load_bundled(void)
{
	char path[PATH_MAX];
	test_source_path("data/questions.ini", path, sizeof(path));
	question_set *set = NULL;
	text_buffer problems = {0};
	status result = questions_load(path, &set, &problems);
	if (result != STATUS_OK)
		print_error("problems:\n%s", text_buffer_string(&problems));
	assert_int_equal(result, STATUS_OK);
	assert_string_equal(text_buffer_string(&problems), "");
	assert_non_null(set);
	text_buffer_free(&problems);
	return set;
}

static void test_bundled_questions_in_order(void **state)
{
	(void)state;
	question_set *set = load_bundled();
	assert_int_equal(questions_count(set), EXPECTED_COUNT);
	for (size_t i = 0; i < EXPECTED_COUNT; i++) {
		const question *item = questions_at(set, i);
		assert_non_null(item);
		assert_string_equal(item->id, expected[i].id);
		assert_string_equal(catalogue_field_name(item->field), expected[i].field);
		assert_int_equal(item->choice, expected[i].choice);
		assert_int_equal(item->strict, expected[i].strict);
		assert_true(item->importance >= 1 && item->importance <= 9);
		assert_true(strlen(item->text) > 0);
		assert_ptr_equal(questions_find(set, expected[i].id), item);

		size_t option_count = 0;
		while (option_count < 12 && expected[i].options[option_count] != NULL)
			option_count++;
		assert_int_equal(item->option_count, option_count);
		for (size_t k = 0; k < option_count; k++) {
			assert_string_equal(item->options[k].id, expected[i].options[k]);
			assert_true(strlen(item->options[k].text) > 0);
			assert_true(strlen(item->options[k].icon) > 0);
			assert_int_equal(questions_option_index(item, expected[i].options[k]),
			                 (int)k);
		}
	}
	assert_null(questions_at(set, EXPECTED_COUNT));
	assert_null(questions_find(set, "kleur"));
	questions_free(set);
}

static void test_bundled_importance_is_distinct(void **state)
{
	(void)state;
	question_set *set = load_bundled();
	/* Relaxing goes from the least important up; ties would make the order
	 * depend on chance. */
	for (size_t i = 0; i < questions_count(set); i++)
		for (size_t k = i + 1; k < questions_count(set); k++)
			assert_int_not_equal(questions_at(set, i)->importance,
			                     questions_at(set, k)->importance);
	questions_free(set);
}

static bool is_vocabulary_word(catalogue_field field, const char *word)
{
	for (unsigned index = 0;; index++) {
		const char *candidate = catalogue_vocabulary_word(field, index);
		if (candidate == NULL)
			return false;
		if (candidate[0] != '\0' && strcmp(candidate, word) == 0)
			return true;
	}
}

static bool is_special_answer(const char *word)
{
	for (size_t i = 0; i < sizeof(special_answers) / sizeof(special_answers[0]); i++)
		if (strcmp(special_answers[i], word) == 0)
			return true;
	return false;
}

static void test_bundled_options_are_catalogue_words(void **state)
{
	(void)state;
	question_set *set = load_bundled();
	for (size_t i = 0; i < questions_count(set); i++) {
		const question *item = questions_at(set, i);
		for (size_t k = 0; k < item->option_count; k++) {
			const char *id = item->options[k].id;
			if (!is_vocabulary_word(item->field, id) && !is_special_answer(id))
				fail_msg("option '%s' of '%s' is no word of column '%s'", id,
				         item->id, catalogue_field_name(item->field));
		}
	}
	questions_free(set);
}

/* A small valid file; each broken case changes one thing in it. */
static const char valid_file[] = "[kosten]\n"
                                 "text = Wat mag het kosten?\n"
                                 "choice = single\n"
                                 "field = kosten\n"
                                 "options = gratis, vergoed\n"
                                 "importance = 7\n"
                                 "strict = yes\n"
                                 "[kosten.gratis]\n"
                                 "text = Alleen gratis\n"
                                 "icon = money_off\n"
                                 "[kosten.vergoed]\n"
                                 "text = Vergoed\n"
                                 "icon = euro\n";

static status load_text(const char *text, question_set **set, text_buffer *problems)
{
	return questions_load_memory(text, strlen(text), "test.ini", set, problems);
}

/* Loads `text` and expects it refused with a problem line holding `needle`. */
static void expect_problem(const char *text, const char *needle)
{
	question_set *set = NULL;
	text_buffer problems = {0};
	status result = load_text(text, &set, &problems);
	assert_int_equal(result, STATUS_INVALID);
	assert_null(set);
	if (strstr(text_buffer_string(&problems), needle) == NULL)
		fail_msg("expected a problem with \"%s\", got:\n%s", needle,
		         text_buffer_string(&problems));
	text_buffer_free(&problems);
}

/* `valid_file` with the first occurrence of `from` replaced by `to`. */
static char *edited(const char *from, const char *to)
{
	const char *at = strstr(valid_file, from);
	assert_non_null(at);
	size_t size = sizeof(valid_file) + strlen(to);
	char *text = malloc(size);
	assert_non_null(text);
	assert_true(text_format(text, size, "%.*s%s%s", (int)(at - valid_file), valid_file, to,
	                        at + strlen(from)));
	return text;
}

static void expect_edit_refused(const char *from, const char *to, const char *needle)
{
	char *text = edited(from, to);
	expect_problem(text, needle);
	free(text);
}

static void test_small_valid_file_loads(void **state)
{
	(void)state;
	question_set *set = NULL;
	text_buffer problems = {0};
	assert_int_equal(load_text(valid_file, &set, &problems), STATUS_OK);
	assert_string_equal(text_buffer_string(&problems), "");
	assert_int_equal(questions_count(set), 1);
	const question *item = questions_at(set, 0);
	assert_int_equal(item->field, FIELD_COST);
	assert_int_equal(item->importance, 7);
	assert_true(item->strict);
	assert_string_equal(item->help, "");
	assert_string_equal(item->options[1].text, "Vergoed");
	assert_string_equal(item->options[1].icon, "euro");
	questions_free(set);
	text_buffer_free(&problems);
}

static void test_unknown_key(void **state)
{
	(void)state;
	expect_edit_refused("choice = single\n", "choice = single\ncolour = red\n",
	                    "test.ini line 4: unknown key 'colour' in [kosten]");
	expect_edit_refused("icon = euro\n", "icon = euro\nsound = ping\n",
	                    "line 14: unknown key 'sound' in [kosten.vergoed]");
}

static void test_duplicate_question_and_key(void **state)
{
	(void)state;
	expect_edit_refused("[kosten.gratis]", "[kosten]\ntext = Nog eens\n[kosten.gratis]",
	                    "line 8: section [kosten] appears more than once");
	expect_edit_refused("strict = yes\n", "strict = yes\nstrict = no\n",
	                    "line 8: key 'strict' appears twice in [kosten]");
}

static void test_missing_or_wrong_field(void **state)
{
	(void)state;
	expect_edit_refused("field = kosten\n", "", "line 1: [kosten] has no 'field'");
	expect_edit_refused("field = kosten\n", "field = prijs\n",
	                    "line 4: field 'prijs' of [kosten] is not a catalogue column");
	expect_edit_refused("text = Wat mag het kosten?\n", "", "[kosten] has no 'text'");
}

static void test_option_count_limits(void **state)
{
	(void)state;
	expect_edit_refused("options = gratis, vergoed\n", "options = gratis\n",
	                    "[kosten] needs at least 2 options");
	text_buffer list = {0};
	assert_int_equal(text_buffer_append_string(&list, "options = gratis, vergoed"), STATUS_OK);
	for (unsigned i = 0; i < QUESTIONS_MAX_OPTIONS; i++)
		assert_int_equal(text_buffer_append_format(&list, ", extra%u", i), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&list, "\n"), STATUS_OK);
	expect_edit_refused("options = gratis, vergoed\n", text_buffer_string(&list),
	                    "[kosten] has more than 16 options");
	text_buffer_free(&list);
	expect_edit_refused("options = gratis, vergoed\n", "options = gratis, vergoed, gratis\n",
	                    "option 'gratis' is listed twice in [kosten]");
}

static void test_options_and_sections_must_agree(void **state)
{
	(void)state;
	expect_edit_refused("options = gratis, vergoed\n", "options = gratis, vergoed, bijdrage\n",
	                    "option 'bijdrage' of [kosten] has no section [kosten.bijdrage]");
	expect_edit_refused("options = gratis, vergoed\n", "options = gratis, betaald\n",
	                    "line 11: [kosten.vergoed] is not in the options of [kosten]");
	expect_edit_refused("[kosten.vergoed]", "[prijs.vergoed]",
	                    "[prijs.vergoed] belongs to no question [prijs]");
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_edit_refused("importance = 7", "importance = 10",
	                    "importance of [kosten] must be a whole number 1..9");
	expect_edit_refused("choice = single", "choice = some", "choice of [kosten] must be");
	expect_edit_refused("strict = yes", "strict = maybe", "strict of [kosten] must be");
	expect_edit_refused("icon = euro", "icon = Euro Sign", "icon 'Euro Sign' must be");
	expect_edit_refused("[kosten]\n", "text = Los\n[kosten]\n",
	                    "line 1: key 'text' comes before any [section]");
	expect_edit_refused("[kosten.gratis]", "[Kosten Gratis]", "[Kosten Gratis]");
	expect_edit_refused("strict = yes\n", "strict = yes\nzomaar een zin\n",
	                    "line 8: expected [section], key = value or a comment");
}

static void test_text_too_long(void **state)
{
	(void)state;
	char line[400];
	memset(line, 'a', sizeof(line));
	memcpy(line, "text = ", 7);
	line[sizeof(line) - 2] = '\n';
	line[sizeof(line) - 1] = '\0';
	expect_edit_refused("text = Alleen gratis\n", line, "line 9: line is longer than");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	expect_edit_refused("Alleen gratis", "Alleen gr\xE9tis", "not valid UTF-8");
}

static void test_oversize_file(void **state)
{
	(void)state;
	char directory[PATH_MAX];
	test_make_temp_dir(directory, sizeof(directory));
	char path[PATH_MAX + 32];
	assert_true(text_format(path, sizeof(path), "%s/questions.ini", directory));

	/* A valid file padded with comments to just over the limit. */
	size_t size = QUESTIONS_MAX_FILE_BYTES + 1;
	char *bytes = malloc(size);
	assert_non_null(bytes);
	memset(bytes, '\n', size);
	memcpy(bytes, valid_file, strlen(valid_file));
	static const char comment[] = "; padding to make the file large\n";
	size_t comment_length = strlen(comment);
	for (size_t i = strlen(valid_file); i + comment_length <= size; i += comment_length)
		memcpy(bytes + i, comment, comment_length);
	test_write_file(path, bytes, size);

	question_set *set = NULL;
	text_buffer problems = {0};
	assert_int_equal(questions_load(path, &set, &problems), STATUS_TOO_LARGE);
	assert_null(set);
	assert_non_null(strstr(text_buffer_string(&problems), "larger than 65536 bytes"));
	text_buffer_clear(&problems);

	/* At exactly the limit the same content is fine. */
	test_write_file(path, bytes, size - 1);
	assert_int_equal(questions_load(path, &set, &problems), STATUS_OK);
	assert_int_equal(questions_count(set), 1);
	questions_free(set);

	free(bytes);
	text_buffer_free(&problems);
	test_remove_tree(directory);
}

static void test_missing_file(void **state)
{
	(void)state;
	question_set *set = NULL;
	text_buffer problems = {0};
	assert_int_equal(questions_load("/nonexistent/questions.ini", &set, &problems),
	                 STATUS_NOT_FOUND);
	assert_null(set);
	assert_non_null(strstr(text_buffer_string(&problems), "questions.ini"));
	text_buffer_free(&problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bundled_questions_in_order),
	    cmocka_unit_test(test_bundled_importance_is_distinct),
	    cmocka_unit_test(test_bundled_options_are_catalogue_words),
	    cmocka_unit_test(test_small_valid_file_loads),
	    cmocka_unit_test(test_unknown_key),
	    cmocka_unit_test(test_duplicate_question_and_key),
	    cmocka_unit_test(test_missing_or_wrong_field),
	    cmocka_unit_test(test_option_count_limits),
	    cmocka_unit_test(test_options_and_sections_must_agree),
	    cmocka_unit_test(test_bad_values),
	    cmocka_unit_test(test_text_too_long),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_oversize_file),
	    cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
