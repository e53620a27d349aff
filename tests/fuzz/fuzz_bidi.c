/* fuzz_bidi.c — libFuzzer target for bidi_runs(): any bytes, in a
 * left-to-right and a right-to-left line, give runs that tile the input
 * exactly (every byte in one run), or STATUS_TOO_LARGE past the limit.
 * Seeds (tests/fuzz/seeds/bidi) are Arabic, Dutch and mixed lines. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (which libFuzzer reports with the input) when `condition` is false,
 * saying which check it was. */
#define require(condition) require_at((condition), #condition, __LINE__)

static void require_at(int condition, const char *text, int line)
{
	if (condition)
		return;
	fprintf(stderr, "fuzz_bidi.c:%d: check failed: %s\n", line, text);
	abort();
}

static bidi_run runs[BIDI_LINE_LIMIT];
static uint8_t covered[BIDI_LINE_LIMIT];

static void check_line(const char *text, size_t size, bool right_to_left)
{
	size_t count = 0;
	status result = bidi_runs(text, size, right_to_left, runs, BIDI_LINE_LIMIT, &count);
	if (size > BIDI_LINE_LIMIT) {
		require(result == STATUS_TOO_LARGE);
		require(count == 0);
		return;
	}
	require(result == STATUS_OK);
	require(size == 0 ? count == 0 : count >= 1);
	memset(covered, 0, size);
	for (size_t index = 0; index < count; index++) {
		require(runs[index].length > 0);
		require(runs[index].offset < size);
		require(runs[index].length <= size - runs[index].offset);
		for (size_t byte = runs[index].offset;
		     byte < runs[index].offset + runs[index].length; byte++) {
			require(covered[byte] == 0);
			covered[byte] = 1;
		}
	}
	for (size_t byte = 0; byte < size; byte++)
		require(covered[byte] == 1);
	/* Too little room is a status, never an overrun. */
	if (count > 1) {
		size_t fewer = 0;
		require(bidi_runs(text, size, right_to_left, runs, count - 1, &fewer) ==
		        STATUS_TOO_LARGE);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	check_line(text, size, false);
	check_line(text, size, true);
	return 0;
}
