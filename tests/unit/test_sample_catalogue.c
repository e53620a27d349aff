/* test_sample_catalogue.c — data/catalogus.csv is the reference spreadsheet:
 * it must import without a single problem and show every feature volunteers
 * may use (all vocabulary words, every kind of schedule, ended offers). */
#define _POSIX_C_SOURCE 200809L

#include "test_support.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "config.h"
#include "distance.h"
#include "import.h"
#include "text.h"

/* The day the sample was written for: offers ending before it are over. */
#define SAMPLE_YEAR  2026
#define SAMPLE_MONTH 11
#define SAMPLE_DAY   22

typedef struct sample {
	catalogue *offers;
	import_report report;
} sample;

static int load_sample(void **state)
{
	sample *loaded = calloc(1, sizeof(*loaded));
	assert_non_null(loaded);
	char path[PATH_MAX];
	test_source_path("data/catalogus.csv", path, sizeof(path));
	assert_int_equal(import_read_file(path, &loaded->offers, &loaded->report), STATUS_OK);
	*state = loaded;
	return 0;
}

static int free_sample(void **state)
{
	sample *loaded = *state;
	catalogue_destroy(loaded->offers);
	import_report_free(&loaded->report);
	free(loaded);
	return 0;
}

static void test_imports_without_problems(void **state)
{
	sample *loaded = *state;
	const import_report *report = &loaded->report;
	if (report->fatal)
		fail_msg("fatal: %s", report->fatal_message);
	for (size_t i = 0; i < report->problem_count; i++)
		print_error("row %u, column '%s': %s\n", report->problems[i].row,
		            report->problems[i].column, report->problems[i].message);
	assert_int_equal(report->error_count, 0);
	assert_int_equal(report->warning_count, 0);
	assert_non_null(loaded->offers);
	assert_int_equal(report->delimiter, ';');
	assert_true(report->rows >= 45);
	assert_int_equal(report->imported, report->rows);
	assert_int_equal(catalogue_count(loaded->offers), report->rows);
}

static void test_saved_as_dutch_excel(void **state)
{
	(void)state;
	char path[PATH_MAX];
	test_source_path("data/catalogus.csv", path, sizeof(path));
	size_t length = 0;
	char *bytes = test_read_file(path, &length);
	assert_true(length > 3);
	assert_memory_equal(bytes, "\xEF\xBB\xBF", 3);

	/* The header is the canonical column names in their order. */
	text_buffer header = {0};
	for (unsigned field = 0; field < FIELD_COUNT; field++)
		assert_int_equal(
		    text_buffer_append_format(&header, "%s%s", field > 0 ? ";" : "",
		                              catalogue_field_name((catalogue_field)field)),
		    STATUS_OK);
	assert_int_equal(text_buffer_append_string(&header, "\r\n"), STATUS_OK);
	assert_memory_equal(bytes + 3, header.data, header.length);

	/* Every record ends in CRLF; a bare LF appears only inside a quoted cell. */
	bool quoted = false;
	size_t bare_line_feeds = 0;
	for (size_t i = 3; i < length; i++) {
		if (bytes[i] == '"')
			quoted = !quoted;
		else if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
			assert_true(quoted);
			bare_line_feeds++;
		}
	}
	assert_false(quoted);
	assert_true(bare_line_feeds >= 1);
	assert_int_equal(bytes[length - 2], '\r');
	assert_int_equal(bytes[length - 1], '\n');
	text_buffer_free(&header);
	free(bytes);
}

/* The value of a vocabulary column of `item`: an enum for kind, status and
 * frequency, a bit set otherwise. */
static unsigned column_value(const offer *item, catalogue_field field)
{
	switch (field) {
	case FIELD_KIND: return item->kind;
	case FIELD_STATUS: return item->offer_status;
	case FIELD_THEMES: return item->themes;
	case FIELD_CONDITIONS: return item->conditions;
	case FIELD_FORM: return item->form;
	case FIELD_CONTACT: return item->contact;
	case FIELD_ACCESS: return item->access;
	case FIELD_COST: return item->cost;
	case FIELD_SUPPORT: return item->support;
	case FIELD_PHASE: return item->phase;
	case FIELD_FREQUENCY: return (unsigned)item->schedule.frequency;
	default: fail_msg("not a vocabulary column"); return 0;
	}
}

static bool is_enum_column(catalogue_field field)
{
	return field == FIELD_KIND || field == FIELD_STATUS || field == FIELD_FREQUENCY;
}

static void test_every_vocabulary_word_is_used(void **state)
{
	sample *loaded = *state;
	static const catalogue_field columns[] = {
	    FIELD_KIND,    FIELD_STATUS,  FIELD_THEMES,    FIELD_CONDITIONS,
	    FIELD_FORM,    FIELD_CONTACT, FIELD_ACCESS,    FIELD_COST,
	    FIELD_SUPPORT, FIELD_PHASE,   FIELD_FREQUENCY,
	};
	for (size_t c = 0; c < sizeof(columns) / sizeof(columns[0]); c++) {
		catalogue_field field = columns[c];
		unsigned words = 0;
		for (unsigned index = 0;; index++) {
			const char *word = catalogue_vocabulary_word(field, index);
			if (word == NULL)
				break;
			if (word[0] == '\0')
				continue; /* "no value" of kind and frequency */
			words++;
			bool used = false;
			for (size_t i = 0; i < catalogue_count(loaded->offers) && !used; i++) {
				unsigned value =
				    column_value(catalogue_offer(loaded->offers, i), field);
				used =
				    is_enum_column(field) ? value == index : (value >> index) & 1u;
			}
			if (!used)
				fail_msg("no offer uses '%s' in column '%s'", word,
				         catalogue_field_name(field));
		}
		assert_true(words >= 3);
	}
}

static void test_schedules_and_endings(void **state)
{
	sample *loaded = *state;
	int32_t today = catalogue_days_from_civil(SAMPLE_YEAR, SAMPLE_MONTH, SAMPLE_DAY);
	size_t weekly = 0, fortnightly = 0, monthly_ordinal = 0, last_of_month = 0;
	size_t text_only = 0, stopped = 0, paused = 0, expired = 0, with_exceptions = 0;
	size_t without_signup = 0, with_semicolon = 0, multi_line = 0, turkish = 0, arabic = 0;
	for (size_t i = 0; i < catalogue_count(loaded->offers); i++) {
		const offer *item = catalogue_offer(loaded->offers, i);
		const schedule_rule *rule = &item->schedule;
		if (rule->frequency == FREQUENCY_WEEKLY && rule->weekdays != 0)
			weekly++;
		if (rule->frequency == FREQUENCY_FORTNIGHTLY && rule->weekdays != 0 &&
		    rule->valid_from != CATALOGUE_NO_DATE)
			fortnightly++;
		if (rule->frequency == FREQUENCY_MONTHLY && rule->ordinal_count > 0) {
			monthly_ordinal++;
			for (unsigned k = 0; k < rule->ordinal_count; k++)
				last_of_month += rule->ordinals[k].ordinal < 0;
		}
		if (rule->frequency == FREQUENCY_NONE && item->schedule_text[0] != '\0')
			text_only++;
		if (item->offer_status == OFFER_STOPPED)
			stopped++;
		if (item->offer_status == OFFER_PAUSED)
			paused++;
		if (rule->valid_to != CATALOGUE_NO_DATE && rule->valid_to < today)
			expired++;
		if (rule->exception_count > 0)
			with_exceptions++;
		if (item->signup_url[0] == '\0') {
			without_signup++;
			assert_true(item->phone[0] != '\0' || item->email[0] != '\0');
		} else {
			assert_true(text_starts_with(item->signup_url, "https://"));
		}
		with_semicolon +=
		    strchr(item->description, ';') != NULL || strchr(item->cost_text, ';') != NULL;
		multi_line += strchr(item->description, '\n') != NULL;
		turkish += strstr(item->languages, "tr") != NULL;
		arabic += strstr(item->languages, "ar") != NULL;
		assert_true(item->checked != CATALOGUE_NO_DATE);
		assert_true(item->checked <= today);
	}
	assert_true(weekly >= 10);
	assert_true(fortnightly >= 2);
	assert_true(monthly_ordinal >= 3);
	assert_true(last_of_month >= 1);
	assert_true(text_only >= 3);
	assert_true(stopped >= 1);
	assert_true(paused >= 1);
	assert_true(expired >= 1);
	assert_true(with_exceptions >= 3);
	assert_true(without_signup >= 3);
	assert_true(with_semicolon >= 2);
	assert_true(multi_line >= 1);
	assert_true(turkish >= 3);
	assert_true(arabic >= 3);
}

static void test_real_examples_are_there(void **state)
{
	sample *loaded = *state;
	bool diabetes_drop_in = false, walking_programme = false, prostate_walks = false;
	bool reimbursed_referral = false, online_per_condition = false, home_visits = false;
	for (size_t i = 0; i < catalogue_count(loaded->offers); i++) {
		const offer *item = catalogue_offer(loaded->offers, i);
		bool free_of_charge = (item->cost & COST_FREE) != 0;
		if ((item->conditions & CONDITION_DIABETES) && (item->access & ACCESS_DROP_IN) &&
		    free_of_charge && (item->contact & CONTACT_IN_PERSON))
			diabetes_drop_in = true;
		if ((item->conditions & CONDITION_DIABETES) && (item->themes & THEME_MOVING) &&
		    (item->access & ACCESS_PROGRAMME) &&
		    (item->cost & (COST_FREE | COST_CONTRIBUTION)))
			walking_programme = true;
		if (item->kind == KIND_WALKING_GROUP && (item->conditions & CONDITION_CANCER) &&
		    (item->access & ACCESS_DROP_IN) && free_of_charge)
			prostate_walks = true;
		if ((item->cost & COST_REIMBURSED) && (item->access & ACCESS_REFERRAL))
			reimbursed_referral = true;
		if (item->kind == KIND_ONLINE && item->conditions != 0)
			online_per_condition = true;
		if (item->contact & CONTACT_HOME_VISIT)
			home_visits = true;
	}
	assert_true(diabetes_drop_in);
	assert_true(walking_programme);
	assert_true(prostate_walks);
	assert_true(reimbursed_referral);
	assert_true(online_per_condition);
	assert_true(home_visits);
}

static void test_locations_near_the_default_buurthuis(void **state)
{
	sample *loaded = *state;
	kiosk_config *config = malloc(sizeof(*config));
	assert_non_null(config);
	config_set_defaults(config);
	size_t located = 0, far_away = 0, without_location = 0;
	for (size_t i = 0; i < catalogue_count(loaded->offers); i++) {
		const offer *item = catalogue_offer(loaded->offers, i);
		if (!item->has_location) {
			without_location++;
			/* Only offers that do not meet at a fixed place may lack
			 * coordinates: online, phone, home visits, buddies. */
			assert_true(item->kind == KIND_BUDDY ||
			            (item->contact & CONTACT_IN_PERSON) == 0);
			continue;
		}
		located++;
		assert_true(distance_is_in_netherlands(item->latitude, item->longitude));
		double metres = distance_metres(config->latitude, config->longitude, item->latitude,
		                                item->longitude);
		if (metres > 5000.0)
			far_away++;
	}
	assert_true(located >= 30);
	assert_true(without_location >= 5);
	assert_true(far_away >= 1);
	assert_true(far_away <= 3);
	free(config);
}

/* The demo shows translated texts: several offers have an English name and
 * description, some Turkish and Arabic ones, and every other column is used
 * at least once; the rest falls back to Dutch. */
static void test_translations_for_the_demo(void **state)
{
	sample *loaded = *state;
	size_t with_translation[CATALOGUE_TRANSLATION_COUNT] = {0};
	size_t without_any = 0;
	for (size_t i = 0; i < catalogue_count(loaded->offers); i++) {
		const offer *item = catalogue_offer(loaded->offers, i);
		bool any = false;
		for (int slot = 0; slot < CATALOGUE_TRANSLATION_COUNT; slot++) {
			catalogue_field column = (catalogue_field)(FIELD_FIRST_TRANSLATION + slot);
			if (catalogue_offer_translation(item, column)[0] != '\0') {
				with_translation[slot]++;
				any = true;
			}
		}
		if (!any) {
			without_any++;
			assert_string_equal(
			    catalogue_offer_text_in_language(item, FIELD_NAME, "en"), item->name);
		}
	}
	assert_true(with_translation[FIELD_NAME_EN - FIELD_FIRST_TRANSLATION] >= 10);
	assert_true(with_translation[FIELD_DESCRIPTION_EN - FIELD_FIRST_TRANSLATION] >= 10);
	assert_true(with_translation[FIELD_NAME_TR - FIELD_FIRST_TRANSLATION] >= 5);
	assert_true(with_translation[FIELD_NAME_AR - FIELD_FIRST_TRANSLATION] >= 5);
	assert_true(with_translation[FIELD_COST_TEXT_AR - FIELD_FIRST_TRANSLATION] >= 1);
	assert_true(with_translation[FIELD_AUDIENCE_EN - FIELD_FIRST_TRANSLATION] >= 1);
	assert_true(with_translation[FIELD_SCHEDULE_TEXT_EN - FIELD_FIRST_TRANSLATION] >= 1);
	assert_true(without_any >= 20);
	const offer *walk = catalogue_find(loaded->offers, "wandelen-met-buren-dinsdag");
	assert_non_null(walk);
	assert_string_equal(catalogue_offer_text_in_language(walk, FIELD_NAME, "en"),
	                    "Walking with neighbours (Tuesday)");
	assert_string_equal(catalogue_offer_text_in_language(walk, FIELD_NAME, "nl"),
	                    "Wandelen met buren (dinsdag)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_imports_without_problems),
	    cmocka_unit_test(test_saved_as_dutch_excel),
	    cmocka_unit_test(test_every_vocabulary_word_is_used),
	    cmocka_unit_test(test_schedules_and_endings),
	    cmocka_unit_test(test_real_examples_are_there),
	    cmocka_unit_test(test_locations_near_the_default_buurthuis),
	    cmocka_unit_test(test_translations_for_the_demo),
	};
	return cmocka_run_group_tests(tests, load_sample, free_sample);
}
