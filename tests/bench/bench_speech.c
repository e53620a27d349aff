/* bench_speech.c — read-aloud latency: from speech_player_say() to the first
 * sample at the sink (target <= 150 ms) and to SDL_QueueAudio on the dummy
 * driver, per language, median and p90 over RUNS says that each interrupt the
 * one before (as a new touch does); plus the synthesis real-time factor.
 * Prints `name value unit` lines; asserts nothing. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio.h"
#include "questions.h"
#include "speech.h"
#include "text.h"
#include "translate.h"

#define RUNS 20
/* How long each say plays before the next one interrupts it. */
#define PLAY_MS 60

static const char *const bench_languages[] = {"nl", "en", "tr", "ar"};
#define LANGUAGE_COUNT (sizeof(bench_languages) / sizeof(bench_languages[0]))

/* Read when the build has no catalogue translating the first question yet. */
static const char *const fixed_sentences[LANGUAGE_COUNT] = {
    "Waar wilt u aan werken? Meer bewegen. Gezonder eten. Beter slapen.",
    "What would you like to work on? Move more. Eat healthier. Sleep better.",
    "Neyle ilgilenmek istersiniz? Daha çok hareket. Daha sağlıklı beslenme. Daha iyi uyku.",
    "على ماذا تريد أن تعمل؟ تحرك أكثر. كل طعاما صحيا. نم بشكل أفضل.",
};

static _Noreturn void fail(const char *what)
{
	fprintf(stderr, "bench_speech: %s\n", what);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec moment;
	clock_gettime(CLOCK_MONOTONIC, &moment);
	return (uint64_t)moment.tv_sec * 1000000000u + (uint64_t)moment.tv_nsec;
}

static void sleep_us(long microseconds)
{
	struct timespec pause = {microseconds / 1000000L, (microseconds % 1000000L) * 1000L};
	while (nanosleep(&pause, &pause) != 0) {
	}
}

static int compare_doubles(const void *a, const void *b)
{
	double left = *(const double *)a, right = *(const double *)b;
	return (left > right) - (left < right);
}

static double percentile(double *values, size_t count, double fraction)
{
	qsort(values, count, sizeof(values[0]), compare_doubles);
	size_t index = (size_t)(fraction * (double)(count - 1) + 0.5);
	return values[index];
}

/* A sink that notes when the first chunk after a clear arrived. */
typedef struct timing_sink {
	pthread_mutex_t lock;
	uint64_t first_ns;
} timing_sink;

static void timing_deliver(void *context, const int16_t *samples, size_t count, int sample_rate)
{
	(void)samples;
	(void)count;
	(void)sample_rate;
	timing_sink *sink = context;
	pthread_mutex_lock(&sink->lock);
	if (sink->first_ns == 0) {
		sink->first_ns = now_ns();
	}
	pthread_mutex_unlock(&sink->lock);
}

static void timing_clear(void *context)
{
	timing_sink *sink = context;
	pthread_mutex_lock(&sink->lock);
	sink->first_ns = 0;
	pthread_mutex_unlock(&sink->lock);
}

static uint64_t timing_first(timing_sink *sink)
{
	pthread_mutex_lock(&sink->lock);
	uint64_t first = sink->first_ns;
	pthread_mutex_unlock(&sink->lock);
	return first;
}

typedef uint64_t (*first_sample_probe)(void *context);

static uint64_t probe_timing_sink(void *context)
{
	return timing_first(context);
}

static uint64_t probe_audio_output(void *context)
{
	return audio_output_first_queued_ns(context);
}

/* Says `script` RUNS times, each interrupting the one before, and returns
 * the milliseconds from say to the first sample, sorted into `out`. */
static void measure(speech_player *player, const char *language, const char *script,
                    first_sample_probe probe, void *context, double *out)
{
	for (int run = 0; run < RUNS; run++) {
		uint64_t start = now_ns();
		if (speech_player_say(player, language, script) != STATUS_OK) {
			fail("speech_player_say failed");
		}
		uint64_t first = 0;
		while ((first = probe(context)) == 0) {
			if (now_ns() - start > 10000000000u) {
				fail("no audio within 10 s (espeak-ng data missing?)");
			}
			sleep_us(100);
		}
		out[run] = (double)(first - start) / 1e6;
		sleep_us(PLAY_MS * 1000L);
	}
	speech_player_stop(player);
}

static void print_latency(const char *name, const char *language, double *values)
{
	printf("%s_%s_p50 %.1f ms\n", name, language, percentile(values, RUNS, 0.5));
	printf("%s_%s_p90 %.1f ms\n", name, language, percentile(values, RUNS, 0.9));
}

int main(void)
{
	char path[2048];
	if (!text_format(path, sizeof(path), "%s/../data/questions.ini", KIOSK_SOURCE_FONTS_DIR)) {
		fail("path too long");
	}
	question_set *questions = NULL;
	if (questions_load(path, &questions, NULL) != STATUS_OK) {
		fail("cannot load data/questions.ini");
	}
	const question *first = questions_at(questions, 0);
	text_buffer scripts[LANGUAGE_COUNT];
	memset(scripts, 0, sizeof(scripts));
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		translation *messages = NULL;
		if (!text_format(path, sizeof(path), "%s/%s.mo", KIOSK_BUILD_LOCALE_DIR,
		                 bench_languages[index])) {
			fail("path too long");
		}
		if (translate_load_file(path, &messages) != STATUS_OK) {
			messages = NULL;
		}
		bool translated =
		    index == 0 ||
		    (messages != NULL && translate_text(messages, first->text) != first->text);
		status result =
		    translated ? speech_question_script(first, messages, &scripts[index])
		               : text_buffer_append_string(&scripts[index], fixed_sentences[index]);
		if (result != STATUS_OK) {
			fail("cannot compose a script");
		}
		printf("script_%s %s\n", bench_languages[index],
		       translated ? "first-question" : "fixed-sentence");
		translate_free(messages);
	}

	/* The first say after the player starts: its worker may still be
	 * loading espeak-ng's data. */
	timing_sink timing = {.first_ns = 0};
	pthread_mutex_init(&timing.lock, NULL);
	speech_sink sink = {.deliver = timing_deliver, .clear = timing_clear, .context = &timing};
	speech_player *player = NULL;
	uint64_t created = now_ns();
	if (speech_player_create(&sink, &player) != STATUS_OK) {
		fail("cannot create a player");
	}
	if (speech_player_say(player, "nl", text_buffer_string(&scripts[0])) != STATUS_OK) {
		fail("speech_player_say failed");
	}
	while (timing_first(&timing) == 0) {
		sleep_us(100);
	}
	printf("first_say_after_create %.1f ms\n", (double)(timing_first(&timing) - created) / 1e6);
	speech_player_stop(player);

	double values[RUNS];
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		measure(player, bench_languages[index], text_buffer_string(&scripts[index]),
		        probe_timing_sink, &timing, values);
		print_latency("say_to_first_sample", bench_languages[index], values);
	}
	speech_player_destroy(player);

	/* The same through SDL's queued audio on the dummy driver. */
	if (setenv("SDL_AUDIODRIVER", "dummy", 0) != 0) {
		fail("setenv");
	}
	audio_output *output = NULL;
	if (audio_output_create(SPEECH_EXPECTED_SAMPLE_RATE, &output) != STATUS_OK ||
	    audio_output_is_silent(output)) {
		fail("no dummy audio device");
	}
	speech_sink audio_sink = audio_output_sink(output);
	if (speech_player_create(&audio_sink, &player) != STATUS_OK) {
		fail("cannot create a player");
	}
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		measure(player, bench_languages[index], text_buffer_string(&scripts[index]),
		        probe_audio_output, output, values);
		print_latency("say_to_sdl_queue", bench_languages[index], values);
	}
	speech_player_destroy(player);
	audio_output_destroy(output);

	/* Real-time factor: synthesis time over the length of the speech. */
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		double factors[5];
		double seconds = 0.0;
		for (int run = 0; run < 5; run++) {
			speech_pcm pcm;
			uint64_t start = now_ns();
			if (speech_synthesize(bench_languages[index],
			                      text_buffer_string(&scripts[index]),
			                      &pcm) != STATUS_OK) {
				fail("speech_synthesize failed");
			}
			double took = (double)(now_ns() - start) / 1e9;
			seconds = (double)pcm.count / (double)pcm.sample_rate;
			factors[run] = took / seconds;
			speech_pcm_free(&pcm);
		}
		printf("speech_seconds_%s %.2f s\n", bench_languages[index], seconds);
		printf("real_time_factor_%s %.4f (synthesis time / speech time, median of 5)\n",
		       bench_languages[index], percentile(factors, 5, 0.5));
	}
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		text_buffer_free(&scripts[index]);
	}
	questions_free(questions);
	pthread_mutex_destroy(&timing.lock);
	speech_shutdown();
	return 0;
}
