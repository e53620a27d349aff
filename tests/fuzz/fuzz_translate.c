/* fuzz_translate.c — libFuzzer target for the .mo reader: any bytes given to
 * translate_load_memory() give a documented status with a reason, and a file
 * it accepts answers every lookup with the msgid or valid UTF-8 text.
 * Seeds (tests/fuzz/seeds/translate) are msgfmt output of data/po; regenerate
 * with: msgfmt [--endianness=big] -o tests/fuzz/seeds/translate/<name>.mo <po> */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "translate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (which libFuzzer reports with the input) when `condition` is false,
 * saying which check it was. */
#define require(condition) require_at((condition), #condition, __LINE__)

static void require_at(int condition, const char *text, int line)
{
	if (condition)
		return;
	fprintf(stderr, "fuzz_translate.c:%d: check failed: %s\n", line, text);
	abort();
}

static bool is_text(const char *text)
{
	return text != NULL && text_is_valid_utf8(text, strlen(text));
}

/* One lookup: the msgid itself, or a non-empty valid translation. */
static void check_lookup(const translation *messages, const char *msgid)
{
	const char *shown = translate_text(messages, msgid);
	require(shown != NULL);
	if (shown != msgid)
		require(shown[0] != '\0' && is_text(shown));
	if (msgid[0] == '\0')
		require(shown == msgid);
}

/* Looks up fixed msgids and every NUL-terminated string the input holds (the
 * originals of an accepted file are among them), up to a bound. */
static void check_lookups(const translation *messages, const char *bytes, size_t size)
{
	static const char *const fixed[] = {"",
	                                    "Meer bewegen",
	                                    "maandag",
	                                    "%d minuten lopen",
	                                    TRANSLATE_LANGUAGE_NAME_MSGID,
	                                    TRANSLATE_TEXT_DIRECTION_MSGID};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		check_lookup(messages, fixed[i]);
	size_t looked_up = 0;
	size_t start = 0;
	for (size_t i = 0; i < size && looked_up < 4096; i++) {
		if (bytes[i] != '\0')
			continue;
		if (text_is_valid_utf8(bytes + start, i - start)) {
			check_lookup(messages, bytes + start);
			looked_up++;
		}
		start = i + 1;
	}
	const char *name = translate_language_name(messages);
	require(name != NULL && is_text(name));
	bool right_to_left = translate_is_right_to_left(messages);
	require(right_to_left ==
	        (strcmp(translate_text(messages, TRANSLATE_TEXT_DIRECTION_MSGID), "rtl") == 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so reading one byte past the file is caught. */
	char *bytes = malloc(size > 0 ? size : 1);
	require(bytes != NULL);
	if (size > 0)
		memcpy(bytes, data, size);

	translation *messages = NULL;
	char reason[TRANSLATE_REASON_BYTES];
	status result =
	    translate_load_memory_with_reason(bytes, size, &messages, reason, sizeof(reason));
	require(result == STATUS_OK || result == STATUS_INVALID || result == STATUS_TOO_LARGE ||
	        result == STATUS_NO_MEMORY);
	require((messages != NULL) == (result == STATUS_OK));
	require(memchr(reason, '\0', sizeof(reason)) != NULL);
	require((reason[0] == '\0') == (result == STATUS_OK));
	if (result == STATUS_TOO_LARGE)
		require(size > TRANSLATE_MAX_FILE_BYTES);

	/* The plain entry point gives the same answer. */
	translation *again = NULL;
	status plain = translate_load_memory(bytes, size, &again);
	if (result != STATUS_NO_MEMORY && plain != STATUS_NO_MEMORY)
		require(plain == result);

	if (messages != NULL) {
		/* Two 8-byte table entries per message, after a 28-byte header. */
		require(translate_message_count(messages) * 16 + 28 <= size);
		check_lookups(messages, bytes, size);
		if (again != NULL) {
			require(translate_message_count(again) ==
			        translate_message_count(messages));
			require(strcmp(translate_language_name(again),
			               translate_language_name(messages)) == 0);
		}
	}
	/* Lookups without a catalogue never depend on the input's validity. */
	check_lookups(NULL, bytes, size);

	translate_free(again);
	translate_free(messages);
	free(bytes);
	return 0;
}
