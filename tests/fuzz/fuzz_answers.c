/* fuzz_answers.c — libFuzzer target for the small text parsers: answers
 * ("themas=bewegen;kosten=gratis") and local times ("2026-11-24T09:00") that
 * parse must format to a canonical text that parses back to the same value. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "schedule.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (which libFuzzer reports with the input) when `condition` is false,
 * saying which check it was. */
#define require(condition) require_at((condition), #condition, __LINE__)

static void require_at(int condition, const char *text, int line)
{
	if (condition)
		return;
	fprintf(stderr, "fuzz_answers.c:%d: check failed: %s\n", line, text);
	abort();
}

static void fuzz_answers(const char *text)
{
	match_answers answers;
	char error[160];
	/* A too-small error buffer must be cut, never overrun. */
	char tiny_error[4];
	status result = match_parse_answers(text, &answers, error, sizeof(error));
	require(memchr(error, '\0', sizeof(error)) != NULL);
	match_answers same;
	require(match_parse_answers(text, &same, tiny_error, sizeof(tiny_error)) == result);
	require(memchr(tiny_error, '\0', sizeof(tiny_error)) != NULL);
	require(memcmp(&same, &answers, sizeof(answers)) == 0);
	if (result != STATUS_OK) {
		require(result == STATUS_INVALID || result == STATUS_TOO_LARGE);
		require(error[0] != '\0');
		/* A failed parse leaves nothing half-answered. */
		match_answers nothing;
		memset(&nothing, 0, sizeof(nothing));
		require(memcmp(&answers, &nothing, sizeof(answers)) == 0);
		return;
	}
	require(error[0] == '\0');
	require((answers.answered >> MATCH_KEY_COUNT) == 0);

	text_buffer canonical = {0};
	require(match_format_answers(&answers, &canonical) == STATUS_OK);
	const char *formatted = text_buffer_string(&canonical);
	match_answers back;
	status parsed = match_parse_answers(formatted, &back, error, sizeof(error));
	if (parsed != STATUS_OK)
		fprintf(stderr, "'%s' formats as '%s', which does not parse: %s\n", text, formatted,
		        error);
	require(parsed == STATUS_OK);
	if (memcmp(&back, &answers, sizeof(answers)) != 0)
		fprintf(stderr, "'%s' formats as '%s', which parses differently\n", text,
		        formatted);
	require(memcmp(&back, &answers, sizeof(answers)) == 0);

	text_buffer again = {0};
	require(match_format_answers(&back, &again) == STATUS_OK);
	require(strcmp(text_buffer_string(&again), formatted) == 0);
	text_buffer_free(&again);
	text_buffer_free(&canonical);
}

static void fuzz_local_time(const char *text)
{
	local_time moment = {0, 0};
	if (!schedule_parse_local(text, &moment))
		return;
	require(moment.minute >= 0 && moment.minute < 24 * 60);
	char formatted[17];
	memset(formatted, 0x7F, sizeof(formatted));
	schedule_format_local(moment, formatted);
	require(memchr(formatted, '\0', sizeof(formatted)) != NULL);
	require(strlen(formatted) == 16);
	local_time back = {0, 0};
	if (!schedule_parse_local(formatted, &back))
		fprintf(stderr, "'%s' formats as '%s', which does not parse\n", text, formatted);
	require(schedule_parse_local(formatted, &back));
	require(back.day == moment.day && back.minute == moment.minute);
	/* The formatted text is the input's date and time, seconds dropped. */
	require(memcmp(formatted, text, 10) == 0);
	if (strlen(text) > 10)
		require(memcmp(formatted + 11, text + 11, 5) == 0);
	else
		require(strcmp(formatted + 10, "T00:00") == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	require(text != NULL);
	if (size > 0)
		memcpy(text, data, size);
	text[size] = '\0';
	fuzz_answers(text);
	fuzz_local_time(text);
	free(text);
	return 0;
}
