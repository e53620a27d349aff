/* fuzz_settings.c — libFuzzer target for the two INI readers: any bytes fed to
 * config_load_memory() and questions_load_memory() must give a documented
 * status, a config within its documented ranges and a well-formed question
 * set, never a crash or a leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "config.h"
#include "distance.h"
#include "ini_file.h"
#include "questions.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (which libFuzzer reports with the input) when `condition` is false,
 * saying which check it was. */
#define require(condition) require_at((condition), #condition, __LINE__)

static void require_at(int condition, const char *text, int line)
{
	if (condition)
		return;
	fprintf(stderr, "fuzz_settings.c:%d: check failed: %s\n", line, text);
	abort();
}

/* The name every problem line starts with. */
static const char problem_name[] = "fuzz.ini";

/* A fixed-size string field ends within its array. */
#define require_terminated(field) require(memchr((field), '\0', sizeof(field)) != NULL)

static bool is_printable_token(const char *value)
{
	for (const unsigned char *c = (const unsigned char *)value; *c != '\0'; c++)
		if (*c <= ' ' || *c >= 127)
			return false;
	return true;
}

static bool has_control_characters(const char *value)
{
	for (const unsigned char *c = (const unsigned char *)value; *c != '\0'; c++)
		if (*c < ' ' || *c == 127)
			return true;
	return false;
}

static bool is_identifier(const char *text)
{
	if (text[0] == '\0')
		return false;
	for (const char *c = text; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return false;
	return true;
}

/* Every problem text is whole lines "NAME...: ...\n", at most the listed
 * ones plus the "more problems" line, and UTF-8 when the input was. */
static void check_problem_lines(const text_buffer *problems, bool input_is_utf8)
{
	const char *text = text_buffer_string(problems);
	size_t length = strlen(text);
	require(length == problems->length);
	if (length == 0)
		return;
	require(text[length - 1] == '\n');
	if (input_is_utf8)
		require(text_is_valid_utf8(text, length));
	size_t lines = 0;
	for (const char *line = text; *line != '\0'; line = strchr(line, '\n') + 1) {
		require(text_starts_with(line, problem_name));
		lines++;
	}
	require(lines <= INI_FILE_MAX_LISTED_PROBLEMS + 1);
}

static void check_config(const kiosk_config *config)
{
	require_terminated(config->centre_name);
	require_terminated(config->default_language);
	require_terminated(config->data_directory);
	require_terminated(config->database);
	require_terminated(config->printer_uri);
	require_terminated(config->printer_target);
	require_terminated(config->pin_hash);
	require_terminated(config->signing_public_key);

	require(config->centre_name[0] != '\0' && !has_control_characters(config->centre_name));
	const char *language = config->default_language;
	require(strlen(language) == 2 && language[0] >= 'a' && language[0] <= 'z' &&
	        language[1] >= 'a' && language[1] <= 'z');
	require(config->data_directory[0] != '\0' &&
	        !has_control_characters(config->data_directory));
	require(config->database[0] == '/' && !has_control_characters(config->database));

	require(distance_is_in_netherlands(config->latitude, config->longitude));
	require(config->nearby_metres >= 100 && config->nearby_metres <= 50000);
	require(config->idle_ask_after_seconds >= 10 && config->idle_ask_after_seconds <= 3600);
	require(config->idle_reset_after_seconds >= 5 && config->idle_reset_after_seconds <= 600);
	require(config->screen_width_mm >= 0 && config->screen_width_mm <= 5000);
	require(config->screen_height_mm >= 0 && config->screen_height_mm <= 5000);

	/* The kind, the URI and the target agree. */
	const char *uri = config->printer_uri;
	const char *target = config->printer_target;
	switch (config->printer_kind) {
	case CONFIG_PRINTER_NONE: require(strcmp(uri, "none") == 0 && target[0] == '\0'); break;
	case CONFIG_PRINTER_ESCPOS:
		require(text_starts_with(uri, "escpos:") && strcmp(uri + 7, target) == 0);
		require(target[0] == '/');
		break;
	case CONFIG_PRINTER_CUPS:
		require(text_starts_with(uri, "cups:") && strcmp(uri + 5, target) == 0);
		require(target[0] != '\0' && is_printable_token(target) &&
		        strchr(target, '/') == NULL);
		break;
	case CONFIG_PRINTER_FILE:
		require(text_starts_with(uri, "file:") && strcmp(uri + 5, target) == 0);
		require(target[0] != '\0');
		break;
	default: require(0 /* printer_kind is not a config_printer_kind */); break;
	}

	require(config->usb_root_count >= 1 && config->usb_root_count <= CONFIG_MAX_USB_ROOTS);
	for (size_t i = 0; i < config->usb_root_count; i++) {
		require_terminated(config->usb_roots[i]);
		require(config->usb_roots[i][0] == '/');
	}
	require(is_printable_token(config->pin_hash));
	require(is_printable_token(config->signing_public_key));
}

static void fuzz_config(const char *bytes, size_t size, bool input_is_utf8)
{
	kiosk_config *config = malloc(sizeof(*config));
	kiosk_config *again = malloc(sizeof(*again));
	kiosk_config *defaults = malloc(sizeof(*defaults));
	require(config != NULL && again != NULL && defaults != NULL);
	config_set_defaults(defaults);

	text_buffer problems = {0};
	status result = config_load_memory(bytes, size, problem_name, config, &problems);
	require(result == STATUS_OK || result == STATUS_TOO_LARGE || result == STATUS_INVALID ||
	        result == STATUS_NO_MEMORY);
	check_problem_lines(&problems, input_is_utf8);
	if (result == STATUS_OK) {
		check_config(config);
	} else if (result != STATUS_NO_MEMORY) {
		/* The text as a whole was refused, said why, and left the defaults. */
		require(memcmp(config, defaults, sizeof(*config)) == 0);
		require(problems.length > 0);
		require(result == STATUS_TOO_LARGE ? size > CONFIG_MAX_FILE_BYTES : !input_is_utf8);
	}
	if (size <= CONFIG_MAX_FILE_BYTES && input_is_utf8)
		require(result == STATUS_OK || result == STATUS_NO_MEMORY);

	/* Not collecting problem lines changes nothing else. */
	status quiet = config_load_memory(bytes, size, problem_name, again, NULL);
	if (result != STATUS_NO_MEMORY && quiet != STATUS_NO_MEMORY) {
		require(quiet == result);
		require(memcmp(again, config, sizeof(*config)) == 0);
	}
	text_buffer_free(&problems);
	free(defaults);
	free(again);
	free(config);
}

static void check_question_set(const question_set *set)
{
	size_t count = questions_count(set);
	require(count >= 1 && count <= QUESTIONS_MAX_QUESTIONS);
	require(questions_at(set, count) == NULL);
	for (size_t i = 0; i < count; i++) {
		const question *item = questions_at(set, i);
		require(item != NULL);
		require_terminated(item->id);
		require_terminated(item->text);
		require_terminated(item->help);
		require(is_identifier(item->id));
		require(questions_find(set, item->id) == item);
		require(item->text[0] != '\0');
		require(item->choice == QUESTION_SINGLE || item->choice == QUESTION_MULTIPLE);
		require((unsigned)item->field < FIELD_COUNT);
		require(item->importance >= QUESTIONS_MIN_IMPORTANCE &&
		        item->importance <= QUESTIONS_MAX_IMPORTANCE);
		require(item->option_count >= 2 && item->option_count <= QUESTIONS_MAX_OPTIONS);
		for (size_t k = 0; k < item->option_count; k++) {
			const question_option *option = &item->options[k];
			require_terminated(option->id);
			require_terminated(option->text);
			require_terminated(option->icon);
			require(is_identifier(option->id));
			require(questions_option_index(item, option->id) == (int)k);
			require(option->text[0] != '\0');
			require(option->icon[0] == '\0' || is_identifier(option->icon));
		}
	}
}

static void fuzz_questions(const char *bytes, size_t size, bool input_is_utf8)
{
	question_set *set = NULL;
	text_buffer problems = {0};
	status result = questions_load_memory(bytes, size, problem_name, &set, &problems);
	require(result == STATUS_OK || result == STATUS_TOO_LARGE || result == STATUS_INVALID ||
	        result == STATUS_NO_MEMORY);
	require((set != NULL) == (result == STATUS_OK));
	check_problem_lines(&problems, input_is_utf8);
	if (result == STATUS_OK) {
		require(problems.length == 0);
		check_question_set(set);
	} else if (result != STATUS_NO_MEMORY) {
		require(problems.length > 0);
	}
	if (result == STATUS_TOO_LARGE)
		require(size > QUESTIONS_MAX_FILE_BYTES);

	question_set *quiet = NULL;
	status quiet_result = questions_load_memory(bytes, size, problem_name, &quiet, NULL);
	if (result != STATUS_NO_MEMORY && quiet_result != STATUS_NO_MEMORY)
		require(quiet_result == result);
	if (quiet != NULL && set != NULL) {
		require(questions_count(quiet) == questions_count(set));
		for (size_t i = 0; i < questions_count(set); i++)
			require(memcmp(questions_at(quiet, i), questions_at(set, i),
			               sizeof(question)) == 0);
	}
	questions_free(quiet);
	questions_free(set);
	text_buffer_free(&problems);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so reading one byte past the text is caught. */
	char *bytes = malloc(size > 0 ? size : 1);
	require(bytes != NULL);
	if (size > 0)
		memcpy(bytes, data, size);
	bool input_is_utf8 = text_is_valid_utf8(bytes, size);
	fuzz_config(bytes, size, input_is_utf8);
	fuzz_questions(bytes, size, input_is_utf8);
	free(bytes);
	return 0;
}
