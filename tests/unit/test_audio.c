/* test_audio.c — the loudspeaker over SDL's dummy audio driver: chunks are
 * queued and cleared, a rate change reopens the device, a speech player
 * feeds it from its worker, and a missing driver gives a silent output. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio.h"
#include "speech.h"

#define WAIT_LIMIT_MS 20000

static void sleep_ms(long milliseconds)
{
	struct timespec pause = {milliseconds / 1000, (milliseconds % 1000) * 1000000L};
	while (nanosleep(&pause, &pause) != 0) {
	}
}

static uint64_t monotonic_ns(void)
{
	struct timespec now;
	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &now), 0);
	return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static audio_output *open_with_driver(const char *driver)
{
	assert_int_equal(setenv("SDL_AUDIODRIVER", driver, 1), 0);
	audio_output *output = NULL;
	assert_int_equal(audio_output_create(SPEECH_EXPECTED_SAMPLE_RATE, &output), STATUS_OK);
	assert_non_null(output);
	return output;
}

static void test_dummy_driver_queues_and_clears(void **state)
{
	(void)state;
	audio_output *output = open_with_driver("dummy");
	assert_false(audio_output_is_silent(output));
	assert_int_equal(audio_output_first_queued_ns(output), 0);

	/* A second of a quiet tone. */
	size_t count = SPEECH_EXPECTED_SAMPLE_RATE;
	int16_t *samples = calloc(count, sizeof(int16_t));
	assert_non_null(samples);
	for (size_t index = 0; index < count; index++) {
		samples[index] = (int16_t)((index % 50) * 100);
	}
	uint64_t before = monotonic_ns();
	speech_sink sink = audio_output_sink(output);
	sink.deliver(sink.context, samples, count, SPEECH_EXPECTED_SAMPLE_RATE);
	uint64_t after = monotonic_ns();
	uint64_t first = audio_output_first_queued_ns(output);
	assert_true(first >= before && first <= after);
	assert_int_equal(audio_output_samples_queued(output), count);
	/* The dummy device plays in real time: most of the second still waits. */
	assert_true(audio_output_bytes_pending(output) > 0);
	assert_true(audio_output_bytes_pending(output) <= count * sizeof(int16_t));

	/* A second chunk does not move the first-queued time. */
	sink.deliver(sink.context, samples, count / 2, SPEECH_EXPECTED_SAMPLE_RATE);
	assert_int_equal(audio_output_first_queued_ns(output), first);
	assert_int_equal(audio_output_samples_queued(output), count + count / 2);

	sink.clear(sink.context);
	assert_int_equal(audio_output_bytes_pending(output), 0);
	assert_int_equal(audio_output_first_queued_ns(output), 0);

	/* Nothing to queue is ignored. */
	audio_output_queue(output, samples, 0, SPEECH_EXPECTED_SAMPLE_RATE);
	audio_output_queue(output, NULL, 10, SPEECH_EXPECTED_SAMPLE_RATE);
	assert_int_equal(audio_output_first_queued_ns(output), 0);

	/* Another rate reopens the device at it. */
	audio_output_queue(output, samples, 1600, 16000);
	assert_false(audio_output_is_silent(output));
	assert_int_equal(audio_output_samples_queued(output), count + count / 2 + 1600);
	assert_true(audio_output_first_queued_ns(output) != 0);
	free(samples);
	audio_output_destroy(output);
	audio_output_destroy(NULL);
}

static void test_missing_driver_is_silent(void **state)
{
	(void)state;
	audio_output *output = open_with_driver("no_such_audio_driver");
	assert_true(audio_output_is_silent(output));
	int16_t samples[64] = {1000, -1000};
	speech_sink sink = audio_output_sink(output);
	sink.deliver(sink.context, samples, 64, SPEECH_EXPECTED_SAMPLE_RATE);
	sink.clear(sink.context);
	sink.deliver(sink.context, samples, 64, SPEECH_EXPECTED_SAMPLE_RATE);
	assert_int_equal(audio_output_samples_queued(output), 0);
	assert_int_equal(audio_output_first_queued_ns(output), 0);
	assert_int_equal(audio_output_bytes_pending(output), 0);
	audio_output_destroy(output);

	audio_output *refused = NULL;
	assert_int_equal(audio_output_create(0, &refused), STATUS_USAGE);
	assert_null(refused);
	assert_int_equal(audio_output_create(SPEECH_EXPECTED_SAMPLE_RATE, NULL), STATUS_USAGE);
}

/* The player's worker delivers into the output while this thread clears it. */
static void test_player_speaks_through_the_output(void **state)
{
	(void)state;
	audio_output *output = open_with_driver("dummy");
	speech_sink sink = audio_output_sink(output);
	speech_player *player = NULL;
	assert_int_equal(speech_player_create(&sink, &player), STATUS_OK);
	assert_int_equal(
	    speech_player_say(player, "nl", "Welkom in het buurthuis. Tik om te beginnen."),
	    STATUS_OK);
	for (long waited = 0; audio_output_first_queued_ns(output) == 0; waited += 2) {
		assert_true(waited < WAIT_LIMIT_MS);
		sleep_ms(2);
	}
	assert_true(audio_output_samples_queued(output) > 0);
	speech_player_stop(player);
	assert_int_equal(audio_output_bytes_pending(output), 0);
	uint64_t queued = audio_output_samples_queued(output);
	sleep_ms(200);
	assert_int_equal(audio_output_samples_queued(output), queued);
	assert_int_equal(audio_output_bytes_pending(output), 0);

	/* Said to the end, everything synthesised reaches SDL (espeak-ng reads
	 * a text a fraction of a percent longer or shorter each time, and up to
	 * 300 samples longer after an aborted text; a stray 40 ms chunk is 882). */
	speech_pcm expected;
	assert_int_equal(speech_synthesize("en", "Hello.", &expected), STATUS_OK);
	assert_int_equal(speech_player_say(player, "en", "Hello."), STATUS_OK);
	for (long waited = 0; speech_player_is_speaking(player); waited += 5) {
		assert_true(waited < WAIT_LIMIT_MS);
		sleep_ms(5);
	}
	double spoken = (double)(audio_output_samples_queued(output) - queued);
	printf("spoken %.0f samples, alone %zu\n", spoken, expected.count);
	assert_true(fabs(spoken - (double)expected.count) <=
	            0.005 * (double)expected.count + 400.0);
	speech_pcm_free(&expected);
	speech_player_destroy(player);
	audio_output_destroy(output);
	speech_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dummy_driver_queues_and_clears),
	    cmocka_unit_test(test_missing_driver_is_silent),
	    cmocka_unit_test(test_player_speaks_through_the_output),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
