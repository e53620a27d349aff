/* fuzz_match_index.c — libFuzzer target for match_engine_load(): any bytes
 * give a documented status, and an image it accepts is exactly the one
 * match_engine_save() makes of the engine it gave, whose every accessor,
 * run and upcoming list works. Each input is tried as it is and resealed
 * (its checksum made right), so the checks behind the checksum are reached.
 * Seeds (tests/fuzz/seeds/match_index) are images of the sample catalogue
 * and of a part of it; tests/fuzz/seeds/match_index/README says how they
 * were made. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "text.h"
#include "upcoming.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (which libFuzzer reports with the input) when `condition` is false,
 * saying which check it was. */
#define require(condition) require_at((condition), #condition, __LINE__)

static void require_at(int condition, const char *text, int line)
{
	if (condition)
		return;
	fprintf(stderr, "fuzz_match_index.c:%d: check failed: %s\n", line, text);
	abort();
}

/* The location and radius the image says it was made for (bytes 24-47),
 * so an input can reach the checks after the location's. */
static double header_double(const uint8_t *data, size_t size, size_t at)
{
	uint64_t bits = 0;
	for (size_t index = 0; index < 8 && at + index < size; index++)
		bits |= (uint64_t)data[at + index] << (8 * index);
	double value;
	memcpy(&value, &bits, sizeof value);
	return value;
}

static void exercise(match_engine *engine)
{
	size_t count = match_engine_count(engine);
	for (uint32_t index = 0; index < count; index++) {
		const char *id = match_engine_offer_id(engine, index);
		require(id != NULL);
		size_t found = match_engine_index_of(engine, id);
		require(found < count);
		require(strcmp(match_engine_offer_id(engine, (uint32_t)found), id) == 0);
		schedule_rule rule;
		require(match_engine_offer_schedule(engine, index, &rule));
		require(rule.exceptions != NULL);
		require(match_engine_offer_distance(engine, index) >= -1);
		(void)match_engine_offer_active(engine, index);
	}
	require(match_engine_offer_id(engine, (uint32_t)count) == NULL);
	static const char *const answer_sets[] = {
	    "", "themas=bewegen;kosten=gratis;contact=fysiek",
	    "aandoeningen=geen;dichtbij=ja;fase=orienteren;deelname=inloop",
	    "themas=ontmoeten,slaap;steun=emotioneel;vorm=groep;fase=volhouden"};
	local_time now;
	require(schedule_parse_local("2026-11-24T09:00", &now));
	for (size_t set = 0; set < sizeof answer_sets / sizeof answer_sets[0]; set++) {
		match_answers answers;
		char error[200];
		require(match_parse_answers(answer_sets[set], &answers, error, sizeof error) ==
		        STATUS_OK);
		match_outcome outcome;
		require(match_engine_run(engine, &answers, now, &outcome) == STATUS_OK);
		require(outcome.count <= count);
		for (size_t rank = 0; rank < outcome.count; rank++)
			require(outcome.results[rank].offer_index < count);
	}
	upcoming_meeting upcoming[12];
	size_t listed = upcoming_meetings_from_engine(engine, now, 60, upcoming, 12);
	require(listed <= 12);
	for (size_t entry = 0; entry < listed; entry++)
		require(upcoming[entry].offer_index < count);
}

static void try_load(const uint8_t *data, size_t size)
{
	double latitude = header_double(data, size, 24);
	double longitude = header_double(data, size, 32);
	double nearby = header_double(data, size, 40);
	match_engine *engine = (match_engine *)&engine;
	status result = match_engine_load(data, size, latitude, longitude, nearby, &engine);
	require(result == STATUS_OK || result == STATUS_INVALID || result == STATUS_CORRUPT ||
	        result == STATUS_NO_MEMORY);
	if (result != STATUS_OK) {
		require(engine == NULL);
		return;
	}
	require(engine != NULL);
	/* Canonical: what was accepted is what saving the engine makes. */
	text_buffer again = {0};
	require(match_engine_save(engine, &again) == STATUS_OK);
	require(again.length == size && memcmp(again.data, data, size) == 0);
	require(match_engine_matches_image(engine, data, size));
	text_buffer_free(&again);
	exercise(engine);
	match_engine_destroy(engine);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	try_load(data, size);
	uint8_t *sealed = malloc(size > 0 ? size : 1);
	if (sealed == NULL)
		return 0;
	if (size > 0)
		memcpy(sealed, data, size);
	match_engine_seal_image(sealed, size);
	try_load(sealed, size);
	free(sealed);
	return 0;
}
