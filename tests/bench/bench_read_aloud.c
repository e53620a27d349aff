/* bench_read_aloud.c — read-aloud as a resident meets it: from the touch on
 * a speaker button (the input event going into the app) to the first sample
 * handed to SDL's sound device, through the app, the speech player's worker
 * and the audio output (SDL's dummy driver), per language; median and p90
 * over RUNS presses that each interrupt the one before. Target: 150 ms.
 * Prints `name value unit` lines; asserts nothing. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "assets.h"
#include "audio.h"
#include "questions.h"
#include "speech.h"
#include "translate.h"

#define RUNS           20
#define PLAY_MS        80
#define MAX_LANGUAGES  8
#define WAIT_LIMIT_NS  2000000000ull
#define FAKE_CHARACTER 14 /* pixels per byte: layout needs widths, not fonts */

static _Noreturn void fail(const char *what)
{
	fprintf(stderr, "bench_read_aloud: %s\n", what);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec moment;
	clock_gettime(CLOCK_MONOTONIC, &moment);
	return (uint64_t)moment.tv_sec * 1000000000u + (uint64_t)moment.tv_nsec;
}

static void sleep_ms(long milliseconds)
{
	struct timespec pause = {milliseconds / 1000, (milliseconds % 1000) * 1000000L};
	while (nanosleep(&pause, &pause) != 0) {
	}
}

static int text_width(void *context, draw_font font, int size, const char *text, size_t length)
{
	(void)context;
	(void)font;
	(void)text;
	return (int)length * size * FAKE_CHARACTER / 24;
}

static int line_height(void *context, draw_font font, int size)
{
	(void)context;
	(void)font;
	return size * 5 / 4;
}

static status no_offers(void *context, const char *const *ids, size_t count, catalogue **out)
{
	(void)context;
	(void)ids;
	(void)count;
	*out = catalogue_create();
	return *out ? STATUS_OK : STATUS_NO_MEMORY;
}

typedef struct bench {
	app *kiosk;
	draw_list *frame;
	layout_metrics metrics;
	draw_measurer measurer;
	speech_player *player;
	audio_output *audio;
	uint64_t clock_ms;
} bench;

static void build(bench *state)
{
	if (app_build(state->kiosk, state->frame, &state->measurer, &state->metrics) != STATUS_OK) {
		fail("a frame could not be built");
	}
}

/* Hands the app's read-aloud wish to the player, as the kiosk's loop does. */
static void serve_speech(bench *state)
{
	const char *text = NULL;
	const char *language = NULL;
	switch (app_take_speech(state->kiosk, &text, &language)) {
	case APP_SPEECH_NONE: break;
	case APP_SPEECH_STOP: speech_player_stop(state->player); break;
	case APP_SPEECH_SAY:
		/* As the kiosk does: the sound device and the voice data are
		 * opened at the first thing to read. */
		if (!state->player) {
			if (audio_output_create(SPEECH_EXPECTED_SAMPLE_RATE, &state->audio) !=
			        STATUS_OK ||
			    audio_output_is_silent(state->audio)) {
				fail("SDL's dummy sound device did not open");
			}
			speech_sink sink = audio_output_sink(state->audio);
			if (speech_player_create(&sink, &state->player) != STATUS_OK) {
				fail("no speech player");
			}
		}
		if (speech_player_say(state->player, language, text) != STATUS_OK) {
			fail("the player refused a text");
		}
		break;
	}
}

static void send(bench *state, input_kind kind, int x, int y)
{
	input_event event;
	memset(&event, 0, sizeof(event));
	event.kind = kind;
	event.x = x;
	event.y = y;
	event.pointer = 1;
	event.time_ms = state->clock_ms;
	(void)app_handle_input(state->kiosk, &event);
	serve_speech(state);
}

/* Presses and lifts a finger on the target (action, argument); false when
 * the frame has none. */
static bool tap(bench *state, int action, int argument)
{
	build(state);
	for (size_t index = 0; index < draw_list_target_count(state->frame); index++) {
		const draw_target *target = draw_list_target_at(state->frame, index);
		if (target->action == action && (argument < 0 || target->argument == argument)) {
			int x = target->box.x + target->box.width / 2;
			int y = target->box.y + target->box.height / 2;
			send(state, INPUT_PRESS, x, y);
			state->clock_ms += 60;
			send(state, INPUT_RELEASE, x, y);
			state->clock_ms += 600;
			app_tick(state->kiosk, state->clock_ms);
			serve_speech(state);
			return true;
		}
	}
	return false;
}

static int compare_doubles(const void *a, const void *b)
{
	double left = *(const double *)a, right = *(const double *)b;
	return (left > right) - (left < right);
}

static double percentile(const double *sorted, size_t count, double fraction)
{
	size_t index = (size_t)(fraction * (double)(count - 1) + 0.5);
	return sorted[index < count ? index : count - 1];
}

int main(void)
{
	if (!getenv("SDL_AUDIODRIVER")) {
		setenv("SDL_AUDIODRIVER", "dummy", 1);
	}
	kiosk_config config;
	config_set_defaults(&config);
	char path[4096];
	question_set *questions = NULL;
	text_buffer problems = {0};
	if (!config_data_path(&config, "questions.ini", path, sizeof(path)) ||
	    questions_load(path, &questions, &problems) != STATUS_OK) {
		fail("data/questions.ini did not load");
	}
	text_buffer_free(&problems);

	char locale[4096];
	char codes[MAX_LANGUAGES][TRANSLATE_CODE_BYTES];
	translation *messages[MAX_LANGUAGES] = {0};
	screen_language languages[MAX_LANGUAGES];
	size_t language_count = 0;
	if (assets_locale_directory(&config, locale, sizeof(locale)) != STATUS_OK ||
	    translate_list_languages(locale, codes, MAX_LANGUAGES, &language_count) != STATUS_OK) {
		fail("no message catalogues (build the tree first)");
	}
	for (size_t index = 0; index < language_count; index++) {
		char file[4200];
		if (!text_format(file, sizeof(file), "%s/%s.mo", locale, codes[index]) ||
		    translate_load_file(file, &messages[index]) != STATUS_OK) {
			fail("a message catalogue did not load");
		}
		languages[index] = (screen_language){
		    codes[index], translate_language_name(messages[index]), messages[index]};
	}

	bench state;
	memset(&state, 0, sizeof(state));
	match_engine *engine =
	    match_engine_begin(config.latitude, config.longitude, config.nearby_metres);
	if (!engine || match_engine_finish(engine) != STATUS_OK) {
		fail("no engine");
	}
	app_setup setup;
	memset(&setup, 0, sizeof(setup));
	setup.config = &config;
	setup.questions = questions;
	setup.engine = engine;
	setup.offers.load = no_offers;
	setup.languages = languages;
	setup.language_count = language_count;
	setup.start_utc = 1795420800; /* Monday 23 November 2026, 09:00 in Utrecht */
	setup.kiosk_mode = true;
	state.clock_ms = 1000;
	state.kiosk = app_create(&setup, state.clock_ms);
	state.frame = draw_list_create();
	state.metrics = layout_compute(1080, 1920, 0, 0);
	state.measurer = (draw_measurer){NULL, text_width, line_height};
	if (!state.kiosk || !state.frame) {
		fail("out of memory");
	}

	printf("# speaker button touched -> first sample handed to SDL (dummy driver), %d "
	       "presses per language, each interrupting the one before\n",
	       RUNS);
	for (size_t language = 0; language < language_count; language++) {
		if (!tap(&state, ACTION_BEGIN, -1)) {
			fail("the attract screen has no way in");
		}
		uint64_t switched = now_ns();
		if (!tap(&state, ACTION_READ_ALOUD, -1)) {
			fail("no read-aloud switch");
		}
		if (language == 0) {
			/* The kiosk's first words: the device and voice open now. */
			uint64_t sound = 0;
			while ((sound = audio_output_first_queued_ns(state.audio)) < switched) {
				if (now_ns() - switched > WAIT_LIMIT_NS) {
					fail("no sound within two seconds of the switch");
				}
				struct timespec tiny = {0, 100000};
				nanosleep(&tiny, NULL);
			}
			printf("read_aloud_first_switch_on_to_sound_cold %.2f ms (device and voice "
			       "data "
			       "opened)\n",
			       (double)(sound - switched) / 1e6);
		}
		if (!tap(&state, ACTION_LANGUAGE, (int)language)) {
			fail("the way to the first question is not on screen");
		}
		const question *first = questions_at(questions, 0);
		double latencies[RUNS];
		for (int run = 0; run < RUNS; run++) {
			sleep_ms(PLAY_MS);
			build(&state);
			int option = (int)((size_t)run % first->option_count);
			uint64_t pressed = now_ns();
			if (!tap(&state, ACTION_SPEAK, option)) {
				fail("no speaker button on the question's tiles");
			}
			uint64_t first_sample = 0;
			while ((first_sample = audio_output_first_queued_ns(state.audio)) <
			       pressed) {
				if (now_ns() - pressed > WAIT_LIMIT_NS) {
					fail("no sound within two seconds");
				}
				struct timespec tiny = {0, 100000};
				nanosleep(&tiny, NULL);
			}
			latencies[run] = (double)(first_sample - pressed) / 1e6;
		}
		qsort(latencies, RUNS, sizeof(double), compare_doubles);
		printf("read_aloud_speaker_to_sound_%s_p50 %.2f ms\n", codes[language],
		       percentile(latencies, RUNS, 0.5));
		printf("read_aloud_speaker_to_sound_%s_p90 %.2f ms\n", codes[language],
		       percentile(latencies, RUNS, 0.9));
		printf("read_aloud_speaker_to_sound_%s_max %.2f ms\n", codes[language],
		       latencies[RUNS - 1]);
		/* Back to the attract screen for the next language. */
		state.clock_ms += 120000;
		app_tick(state.kiosk, state.clock_ms);
		serve_speech(&state);
	}

	speech_player_destroy(state.player);
	audio_output_destroy(state.audio);
	speech_shutdown();
	app_destroy(state.kiosk);
	draw_list_destroy(state.frame);
	match_engine_destroy(engine);
	for (size_t index = 0; index < language_count; index++) {
		translate_free(messages[index]);
	}
	questions_free(questions);
	return 0;
}
