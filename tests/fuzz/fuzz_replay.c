/* fuzz_replay.c — libFuzzer target for the replay script parser: any bytes
 * either parse into steps whose fields are in their documented ranges, or
 * fail with a line-numbered reason. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define require(condition) require_at((condition), #condition, __LINE__)

static void require_at(int condition, const char *text, int line)
{
	if (condition) {
		return;
	}
	fprintf(stderr, "fuzz_replay.c:%d: check failed: %s\n", line, text);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	replay_script *script = NULL;
	char error[300];
	status result = replay_parse((const char *)data, size, &script, error, sizeof(error));
	if (result != STATUS_OK) {
		require(script == NULL);
		require(strncmp(error, "line ", 5) == 0 || strstr(error, "larger") != NULL ||
		        result == STATUS_NO_MEMORY);
		return 0;
	}
	for (size_t index = 0; index < replay_count(script); index++) {
		const replay_step *step = replay_at(script, index);
		require(step->line >= 1);
		require(strlen(step->text) <= REPLAY_MAX_TEXT_BYTES);
		require(step->x1 >= 0 && step->y1 >= 0 && step->x2 >= 0 && step->y2 >= 0);
		require(step->milliseconds >= 0 && step->milliseconds <= REPLAY_MAX_WAIT_MS);
		if (step->kind == REPLAY_SHOT) {
			/* A shot name can never climb out of the screenshot folder. */
			require(strchr(step->text, '/') == NULL && strchr(step->text, '.') == NULL);
		}
		if (step->kind == REPLAY_TAP_LABEL || step->kind == REPLAY_EXPECT ||
		    step->kind == REPLAY_EXPECT_NOT) {
			require(step->text[0] != '\0');
		}
	}
	replay_free(script);
	return 0;
}
