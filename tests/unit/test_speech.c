/* test_speech.c — read-aloud: each language's question is real speech of a
 * plausible length, the player streams, stops and lets the newest request win,
 * WAV files round-trip, and missing espeak-ng data means silence. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "questions.h"
#include "speech.h"
#include "text.h"
#include "translate.h"

#ifndef KIOSK_BUILD_LOCALE_DIR
#error "the build defines KIOSK_BUILD_LOCALE_DIR (see the translations block in CMakeLists.txt)"
#endif

/* Measured with espeak-ng 1.51 at SPEECH_WORDS_PER_MINUTE (145): questions
 * and labels take 0.08 (English) to 0.14 (Arabic) seconds per character,
 * with an RMS of about 2800. The bounds are wide enough for other voice
 * data, narrow enough that a text cut off after its first sentence, or
 * silence, fails. */
#define MINIMUM_SECONDS_PER_CHARACTER 0.04
#define MAXIMUM_SECONDS_PER_CHARACTER 0.25
#define MINIMUM_RMS                   500.0
/* Generous: only a hung worker takes this long. */
#define WAIT_LIMIT_MS 20000
/* espeak-ng carries a little state from one text to the next, so the same
 * text comes out up to 0.3% longer or shorter from run to run, and up to 300
 * samples longer right after an aborted text. A stray 40 ms chunk (882
 * samples) of another text is more than the tolerance for any sentence here. */
#define SAME_TEXT_RELATIVE_TOLERANCE 0.005
#define SAME_TEXT_SAMPLE_TOLERANCE   400.0
/* Set in the environment of this program run again as the child of
 * test_missing_voice_data_means_silence. */
#define MISSING_DATA_CHILD "KIOSK_TEST_SPEECH_MISSING_DATA_CHILD"

/* A short fixed sentence per language, for a catalogue that does not yet
 * translate the first question. */
static const char *const fixed_sentences[][2] = {
    {"nl", "Waar wilt u aan werken? Meer bewegen. Gezonder eten. Beter slapen."},
    {"en", "What would you like to work on? Move more. Eat healthier. Sleep better."},
    {"tr", "Neyle ilgilenmek istersiniz? Daha çok hareket. Daha sağlıklı beslenme. Daha iyi uyku."},
    {"ar", "على ماذا تريد أن تعمل؟ تحرك أكثر. كل طعاما صحيا. نم بشكل أفضل."},
};

/* A text long enough to still be speaking while a test interrupts it. */
static const char long_text[] =
    "Dit is een lange tekst om voor te lezen. Hij gaat over wandelen in de buurt, over "
    "samen koken en over beter slapen. Iedereen is welkom, jong en oud. De groep komt elke "
    "dinsdag om tien uur bij elkaar in het buurthuis. Koffie en thee staan klaar. U hoeft "
    "niets mee te nemen en u hoeft zich niet aan te melden. Kom gerust een keer kijken.";

static void sleep_ms(long milliseconds)
{
	struct timespec pause = {milliseconds / 1000, (milliseconds % 1000) * 1000000L};
	while (nanosleep(&pause, &pause) != 0) {
	}
}

/* True when two sample counts are the same text read twice. */
static bool same_length(size_t actual, size_t expected)
{
	double difference = fabs((double)actual - (double)expected);
	printf("samples: %zu, expected about %zu\n", actual, expected);
	return difference <=
	       SAME_TEXT_RELATIVE_TOLERANCE * (double)expected + SAME_TEXT_SAMPLE_TOLERANCE;
}

static const question_set *load_questions(void)
{
	static question_set *questions;
	if (questions == NULL) {
		char path[4096];
		assert_int_equal(
		    questions_load(test_source_path("data/questions.ini", path, sizeof(path)),
		                   &questions, NULL),
		    STATUS_OK);
	}
	return questions;
}

/* The language's catalogue from the build tree, or NULL when the build has
 * none yet (Turkish and Arabic arrive with their .po files). */
static translation *load_messages(const char *language)
{
	char path[4096];
	assert_true(text_format(path, sizeof(path), "%s/%s.mo", KIOSK_BUILD_LOCALE_DIR, language));
	translation *messages = NULL;
	status result = translate_load_file(path, &messages);
	if (result == STATUS_NOT_FOUND) {
		return NULL;
	}
	assert_int_equal(result, STATUS_OK);
	return messages;
}

static double rms_of(const speech_pcm *pcm)
{
	double sum = 0.0;
	for (size_t index = 0; index < pcm->count; index++) {
		sum += (double)pcm->samples[index] * (double)pcm->samples[index];
	}
	return pcm->count == 0 ? 0.0 : sqrt(sum / (double)pcm->count);
}

static void assert_plausible_speech(const char *language, const char *text)
{
	speech_pcm pcm;
	assert_int_equal(speech_synthesize(language, text, &pcm), STATUS_OK);
	assert_true(pcm.sample_rate >= 8000 && pcm.sample_rate <= 48000);
	double seconds = (double)pcm.count / (double)pcm.sample_rate;
	double per_character = seconds / (double)text_code_point_count(text);
	double rms = rms_of(&pcm);
	printf("%s: %zu characters, %.2f s, %.3f s per character, RMS %.0f\n", language,
	       text_code_point_count(text), seconds, per_character, rms);
	assert_true(per_character >= MINIMUM_SECONDS_PER_CHARACTER);
	assert_true(per_character <= MAXIMUM_SECONDS_PER_CHARACTER);
	assert_true(rms >= MINIMUM_RMS);
	speech_pcm_free(&pcm);
}

/* The first question in `language` when its catalogue translates it (always
 * for Dutch), otherwise the fixed sentence. */
static void check_language(const char *language, bool must_have_catalogue)
{
	const question *first = questions_at(load_questions(), 0);
	assert_non_null(first);
	translation *messages = strcmp(language, "nl") == 0 ? NULL : load_messages(language);
	if (must_have_catalogue) {
		assert_non_null(messages);
	}
	bool translated =
	    strcmp(language, "nl") == 0 ||
	    (messages != NULL && translate_text(messages, first->text) != first->text);
	if (translated) {
		text_buffer script = {0};
		assert_int_equal(speech_question_script(first, messages, &script), STATUS_OK);
		assert_plausible_speech(language, text_buffer_string(&script));
		text_buffer_free(&script);
	}
	for (size_t index = 0; index < sizeof(fixed_sentences) / sizeof(fixed_sentences[0]);
	     index++) {
		if (strcmp(fixed_sentences[index][0], language) == 0 && !translated) {
			assert_plausible_speech(language, fixed_sentences[index][1]);
		}
	}
	translate_free(messages);
}

static void test_dutch_question_is_speech(void **state)
{
	(void)state;
	check_language("nl", false);
}

static void test_english_question_is_speech(void **state)
{
	(void)state;
	check_language("en", true);
}

static void test_turkish_question_is_speech(void **state)
{
	(void)state;
	check_language("tr", false);
}

static void test_arabic_question_is_speech(void **state)
{
	(void)state;
	check_language("ar", false);
}

static void test_fixed_sentences_are_speech(void **state)
{
	(void)state;
	for (size_t index = 0; index < sizeof(fixed_sentences) / sizeof(fixed_sentences[0]);
	     index++) {
		assert_plausible_speech(fixed_sentences[index][0], fixed_sentences[index][1]);
	}
}

/* The same letters read by another voice sound different: the language
 * really selects a voice. */
static void test_languages_select_different_voices(void **state)
{
	(void)state;
	const char *text = "Welkom in het buurthuis.";
	speech_pcm dutch;
	speech_pcm turkish;
	speech_pcm default_language;
	assert_int_equal(speech_synthesize("nl", text, &dutch), STATUS_OK);
	assert_int_equal(speech_synthesize("tr", text, &turkish), STATUS_OK);
	assert_int_equal(speech_synthesize(NULL, text, &default_language), STATUS_OK);
	/* Measured: Turkish reads this 20% longer than Dutch. */
	assert_false(same_length(turkish.count, dutch.count));
	assert_true(fabs((double)turkish.count - (double)dutch.count) > 0.05 * (double)dutch.count);
	/* No language means Dutch. */
	assert_true(same_length(default_language.count, dutch.count));
	speech_pcm_free(&dutch);
	speech_pcm_free(&turkish);
	speech_pcm_free(&default_language);
}

static void test_refuses_unknown_language_long_and_invalid_text(void **state)
{
	(void)state;
	speech_pcm pcm;
	assert_false(speech_language_supported("xx"));
	assert_false(speech_language_supported("nl_NL"));
	assert_true(speech_language_supported("ar"));
	assert_true(speech_language_supported(""));
	assert_int_equal(speech_synthesize("xx", "hallo", &pcm), STATUS_NOT_FOUND);
	assert_null(pcm.samples);
	assert_int_equal(pcm.count, 0);

	char *too_long = malloc(SPEECH_MAX_TEXT_BYTES + 2);
	assert_non_null(too_long);
	memset(too_long, 'a', SPEECH_MAX_TEXT_BYTES + 1);
	too_long[SPEECH_MAX_TEXT_BYTES + 1] = '\0';
	assert_int_equal(speech_synthesize("nl", too_long, &pcm), STATUS_TOO_LARGE);
	assert_int_equal(speech_synthesize("nl", "caf\xc3", &pcm), STATUS_INVALID);
	assert_int_equal(speech_synthesize("nl", "", &pcm), STATUS_OK);
	assert_int_equal(pcm.count, 0);
	assert_int_equal(speech_synthesize("nl", " \n ", &pcm), STATUS_OK);
	assert_int_equal(pcm.count, 0);
	assert_true(pcm.sample_rate > 0);
	speech_pcm_free(&pcm);
	free(too_long);
}

static void test_sentences_and_question_script(void **state)
{
	(void)state;
	text_buffer out = {0};
	assert_int_equal(speech_append_sentence(&out, "  Meer bewegen  "), STATUS_OK);
	assert_int_equal(speech_append_sentence(&out, "Klaar?"), STATUS_OK);
	assert_int_equal(speech_append_sentence(&out, "   "), STATUS_OK);
	assert_int_equal(speech_append_sentence(&out, "هل أنت هنا؟"), STATUS_OK);
	assert_int_equal(speech_append_sentence(&out, "één"), STATUS_OK);
	assert_string_equal(text_buffer_string(&out), "Meer bewegen. Klaar? هل أنت هنا؟ één.");
	text_buffer_free(&out);

	/* The script is the question, its help line, then every label, in order,
	 * each ending a sentence. */
	const question *first = questions_at(load_questions(), 0);
	assert_non_null(first);
	assert_int_equal(speech_question_script(first, NULL, &out), STATUS_OK);
	const char *script = text_buffer_string(&out);
	assert_true(text_starts_with(script, first->text));
	const char *cursor = script + strlen(first->text);
	if (first->help[0] != '\0') {
		cursor = strstr(cursor, first->help);
		assert_non_null(cursor);
		cursor += strlen(first->help);
	}
	for (size_t index = 0; index < first->option_count; index++) {
		const char *label = first->options[index].text;
		cursor = strstr(cursor, label);
		assert_non_null(cursor);
		cursor += strlen(label);
		assert_true(*cursor == '.' || *cursor == '?' || *cursor == '!');
	}
	text_buffer_free(&out);

	/* English texts come from the catalogue. */
	translation *english = load_messages("en");
	assert_non_null(english);
	assert_int_equal(speech_question_script(first, english, &out), STATUS_OK);
	assert_non_null(strstr(text_buffer_string(&out), translate_text(english, first->text)));
	assert_null(strstr(text_buffer_string(&out), first->options[0].text));
	text_buffer_free(&out);
	translate_free(english);
	assert_int_equal(speech_question_script(NULL, NULL, &out), STATUS_USAGE);
}

/* --- WAV files -------------------------------------------------------------- */

static uint32_t read_u32(const unsigned char *at)
{
	return (uint32_t)at[0] | (uint32_t)at[1] << 8 | (uint32_t)at[2] << 16 |
	       (uint32_t)at[3] << 24;
}

static uint16_t read_u16(const unsigned char *at)
{
	return (uint16_t)(at[0] | at[1] << 8);
}

/* Reads a 44-byte-header PCM WAV file as speech_write_wav writes it,
 * checking every header field. */
static void read_wav(const char *path, speech_pcm *out)
{
	size_t length = 0;
	unsigned char *bytes = (unsigned char *)test_read_file(path, &length);
	assert_non_null(bytes);
	assert_true(length >= 44);
	assert_memory_equal(bytes, "RIFF", 4);
	assert_int_equal(read_u32(bytes + 4), length - 8);
	assert_memory_equal(bytes + 8, "WAVEfmt ", 8);
	assert_int_equal(read_u32(bytes + 16), 16);
	assert_int_equal(read_u16(bytes + 20), 1);
	assert_int_equal(read_u16(bytes + 22), 1);
	uint32_t rate = read_u32(bytes + 24);
	assert_int_equal(read_u32(bytes + 28), rate * 2);
	assert_int_equal(read_u16(bytes + 32), 2);
	assert_int_equal(read_u16(bytes + 34), 16);
	assert_memory_equal(bytes + 36, "data", 4);
	uint32_t data_bytes = read_u32(bytes + 40);
	assert_int_equal(data_bytes, length - 44);
	out->sample_rate = (int)rate;
	out->count = data_bytes / 2;
	out->samples = calloc(out->count + 1, sizeof(int16_t));
	assert_non_null(out->samples);
	for (size_t index = 0; index < out->count; index++) {
		out->samples[index] = (int16_t)read_u16(bytes + 44 + 2 * index);
	}
	free(bytes);
}

static void test_wav_round_trip(void **state)
{
	(void)state;
	char directory[4096];
	char path[4200];
	test_make_temp_dir(directory, sizeof(directory));
	assert_true(text_format(path, sizeof(path), "%s/zin.wav", directory));

	speech_pcm spoken;
	assert_int_equal(speech_synthesize("nl", "Welkom.", &spoken), STATUS_OK);
	assert_true(spoken.count > 0);
	assert_int_equal(speech_write_wav(path, &spoken), STATUS_OK);
	speech_pcm read_back = {0};
	read_wav(path, &read_back);
	assert_int_equal(read_back.sample_rate, spoken.sample_rate);
	assert_int_equal(read_back.count, spoken.count);
	assert_memory_equal(read_back.samples, spoken.samples, spoken.count * sizeof(int16_t));
	speech_pcm_free(&read_back);

	/* Extreme sample values survive, and a second write replaces the file. */
	int16_t extremes[] = {INT16_MIN, -1, 0, 1, INT16_MAX};
	speech_pcm small = {.samples = extremes, .count = 5, .sample_rate = 16000};
	assert_int_equal(speech_write_wav(path, &small), STATUS_OK);
	read_wav(path, &read_back);
	assert_int_equal(read_back.sample_rate, 16000);
	assert_int_equal(read_back.count, 5);
	assert_memory_equal(read_back.samples, extremes, sizeof(extremes));
	speech_pcm_free(&read_back);

	speech_pcm no_rate = {.samples = extremes, .count = 5, .sample_rate = 0};
	assert_int_equal(speech_write_wav(path, &no_rate), STATUS_USAGE);
	char missing[4300];
	assert_true(text_format(missing, sizeof(missing), "%s/geen/map.wav", directory));
	assert_int_equal(speech_write_wav(missing, &spoken), STATUS_IO);
	speech_pcm_free(&spoken);
	test_remove_tree(directory);
}

/* What --speak-test does: the first question read aloud into a WAV file. */
static void test_question_wav_for_speak_test(void **state)
{
	(void)state;
	char directory[4096];
	char path[4200];
	test_make_temp_dir(directory, sizeof(directory));
	assert_true(text_format(path, sizeof(path), "%s/en.wav", directory));
	translation *english = load_messages("en");
	double seconds = 0.0;
	assert_int_equal(speech_write_question_wav(load_questions(), english, "en", path, &seconds),
	                 STATUS_OK);
	speech_pcm read_back = {0};
	read_wav(path, &read_back);
	assert_true(fabs((double)read_back.count / (double)read_back.sample_rate - seconds) < 1e-6);
	text_buffer script = {0};
	assert_int_equal(
	    speech_question_script(questions_at(load_questions(), 0), english, &script), STATUS_OK);
	double per_character = seconds / (double)text_code_point_count(text_buffer_string(&script));
	assert_true(per_character >= MINIMUM_SECONDS_PER_CHARACTER);
	assert_true(per_character <= MAXIMUM_SECONDS_PER_CHARACTER);
	assert_true(rms_of(&read_back) >= MINIMUM_RMS);
	speech_pcm_free(&read_back);
	text_buffer_free(&script);

	char unknown[4200];
	assert_true(text_format(unknown, sizeof(unknown), "%s/xx.wav", directory));
	assert_int_equal(speech_write_question_wav(load_questions(), NULL, "xx", unknown, NULL),
	                 STATUS_NOT_FOUND);
	struct stat info;
	assert_int_not_equal(stat(unknown, &info), 0);
	translate_free(english);
	test_remove_tree(directory);
}

/* --- The player ------------------------------------------------------------ */

/* A sink that records what it is given, under its own lock. */
typedef struct fake_sink {
	pthread_mutex_t lock;
	size_t deliveries;
	size_t clears;
	int sample_rate;
	int16_t *samples; /* everything delivered since the last clear */
	size_t count;
	size_t capacity;
} fake_sink;

static void fake_deliver(void *context, const int16_t *samples, size_t count, int sample_rate)
{
	fake_sink *sink = context;
	pthread_mutex_lock(&sink->lock);
	sink->deliveries++;
	sink->sample_rate = sample_rate;
	if (sink->count + count > sink->capacity) {
		size_t capacity = (sink->count + count) * 2;
		int16_t *grown = realloc(sink->samples, capacity * sizeof(int16_t));
		assert_non_null(grown);
		sink->samples = grown;
		sink->capacity = capacity;
	}
	memcpy(sink->samples + sink->count, samples, count * sizeof(int16_t));
	sink->count += count;
	pthread_mutex_unlock(&sink->lock);
}

static void fake_clear(void *context)
{
	fake_sink *sink = context;
	pthread_mutex_lock(&sink->lock);
	sink->clears++;
	sink->count = 0;
	pthread_mutex_unlock(&sink->lock);
}

static speech_player *start_player(fake_sink *sink)
{
	memset(sink, 0, sizeof(*sink));
	assert_int_equal(pthread_mutex_init(&sink->lock, NULL), 0);
	speech_sink interface = {.deliver = fake_deliver, .clear = fake_clear, .context = sink};
	speech_player *player = NULL;
	assert_int_equal(speech_player_create(&interface, &player), STATUS_OK);
	assert_non_null(player);
	return player;
}

static void finish_player(speech_player *player, fake_sink *sink)
{
	speech_player_destroy(player);
	free(sink->samples);
	pthread_mutex_destroy(&sink->lock);
}

static size_t deliveries_of(fake_sink *sink)
{
	pthread_mutex_lock(&sink->lock);
	size_t deliveries = sink->deliveries;
	pthread_mutex_unlock(&sink->lock);
	return deliveries;
}

static void wait_for_delivery(fake_sink *sink, size_t more_than)
{
	for (long waited = 0; deliveries_of(sink) <= more_than; waited += 2) {
		assert_true(waited < WAIT_LIMIT_MS);
		sleep_ms(2);
	}
}

static void wait_until_quiet(speech_player *player)
{
	for (long waited = 0; speech_player_is_speaking(player); waited += 5) {
		assert_true(waited < WAIT_LIMIT_MS);
		sleep_ms(5);
	}
}

static void test_player_streams_what_synthesis_gives(void **state)
{
	(void)state;
	const char *text = "Beter slapen. Gezonder eten.";
	speech_pcm expected;
	assert_int_equal(speech_synthesize("nl", text, &expected), STATUS_OK);
	fake_sink sink;
	speech_player *player = start_player(&sink);
	assert_false(speech_player_is_speaking(player));
	assert_int_equal(speech_player_say(player, "nl", text), STATUS_OK);
	assert_true(speech_player_is_speaking(player) || deliveries_of(&sink) > 0);
	wait_until_quiet(player);
	pthread_mutex_lock(&sink.lock);
	/* In chunks (the first sound does not wait for the whole text). */
	assert_true(sink.deliveries > 1);
	assert_int_equal(sink.sample_rate, expected.sample_rate);
	assert_true(same_length(sink.count, expected.count));
	speech_pcm delivered = {.samples = sink.samples, .count = sink.count};
	assert_true(rms_of(&delivered) >= MINIMUM_RMS);
	pthread_mutex_unlock(&sink.lock);
	speech_pcm_free(&expected);
	finish_player(player, &sink);
}

static void test_stop_stops_deliveries_at_once(void **state)
{
	(void)state;
	fake_sink sink;
	speech_player *player = start_player(&sink);
	assert_int_equal(speech_player_say(player, "nl", long_text), STATUS_OK);
	wait_for_delivery(&sink, 0);
	size_t clears_before = sink.clears;
	speech_player_stop(player);
	size_t delivered = deliveries_of(&sink);
	assert_false(speech_player_is_speaking(player));
	/* The long text would go on for half a minute; nothing more arrives. */
	sleep_ms(400);
	pthread_mutex_lock(&sink.lock);
	assert_int_equal(sink.deliveries, delivered);
	assert_int_equal(sink.clears, clears_before + 1);
	assert_int_equal(sink.count, 0);
	pthread_mutex_unlock(&sink.lock);

	/* Stopping twice, or with nothing to stop, is harmless; the player
	 * still speaks afterwards. */
	speech_player_stop(player);
	speech_player_stop(NULL);
	assert_int_equal(speech_player_say(player, "en", "Hello."), STATUS_OK);
	wait_for_delivery(&sink, delivered);
	wait_until_quiet(player);
	finish_player(player, &sink);
}

static void check_newest_wins(bool wait_for_first)
{
	const char *newest = "Wandelen met buren.";
	speech_pcm expected;
	assert_int_equal(speech_synthesize("en", newest, &expected), STATUS_OK);
	fake_sink sink;
	speech_player *player = start_player(&sink);
	assert_int_equal(speech_player_say(player, "nl", long_text), STATUS_OK);
	if (wait_for_first) {
		wait_for_delivery(&sink, 0);
	}
	assert_int_equal(speech_player_say(player, "tr", long_text), STATUS_OK);
	assert_int_equal(speech_player_say(player, "en", newest), STATUS_OK);
	wait_until_quiet(player);
	/* Only the newest text since the last clear, and all of it (the long
	 * texts would add seconds). */
	pthread_mutex_lock(&sink.lock);
	assert_true(sink.clears >= 3);
	assert_true(same_length(sink.count, expected.count));
	pthread_mutex_unlock(&sink.lock);
	speech_pcm_free(&expected);
	finish_player(player, &sink);
}

static void test_newest_say_wins(void **state)
{
	(void)state;
	check_newest_wins(true);
	check_newest_wins(false);
}

static void test_player_refusals_leave_speech_alone(void **state)
{
	(void)state;
	fake_sink sink;
	speech_player *player = start_player(&sink);
	assert_int_equal(speech_player_say(player, "nl", long_text), STATUS_OK);
	wait_for_delivery(&sink, 0);
	char *too_long = malloc(SPEECH_MAX_TEXT_BYTES + 2);
	assert_non_null(too_long);
	memset(too_long, 'a', SPEECH_MAX_TEXT_BYTES + 1);
	too_long[SPEECH_MAX_TEXT_BYTES + 1] = '\0';
	assert_int_equal(speech_player_say(player, "nl", too_long), STATUS_TOO_LARGE);
	assert_int_equal(speech_player_say(player, "xx", "hallo"), STATUS_NOT_FOUND);
	assert_int_equal(speech_player_say(player, "nl", "\xff"), STATUS_INVALID);
	assert_int_equal(speech_player_say(NULL, "nl", "hallo"), STATUS_USAGE);
	/* Still the first text, and the sink was never cleared by a refusal. */
	assert_true(speech_player_is_speaking(player));
	size_t delivered = deliveries_of(&sink);
	wait_for_delivery(&sink, delivered);
	assert_int_equal(sink.clears, 1);
	/* The limit itself is accepted; an empty text just stops. */
	too_long[SPEECH_MAX_TEXT_BYTES] = '\0';
	assert_int_equal(speech_player_say(player, "nl", too_long), STATUS_OK);
	assert_int_equal(speech_player_say(player, "nl", ""), STATUS_OK);
	assert_false(speech_player_is_speaking(player));
	free(too_long);

	speech_sink incomplete = {.deliver = fake_deliver, .clear = NULL, .context = &sink};
	speech_player *refused = NULL;
	assert_int_equal(speech_player_create(&incomplete, &refused), STATUS_USAGE);
	assert_null(refused);
	finish_player(player, &sink);
}

/* The child's half of test_missing_voice_data_means_silence: a fresh
 * process whose ESPEAK_DATA_PATH is an empty directory. Returns the number of
 * expectations that failed. */
static int run_without_voice_data(void)
{
	int failures = 0;
	speech_pcm pcm;
	failures += speech_synthesize("nl", "Hallo.", &pcm) != STATUS_IO;
	failures += pcm.count != 0;
	fake_sink sink;
	memset(&sink, 0, sizeof(sink));
	failures += pthread_mutex_init(&sink.lock, NULL) != 0;
	speech_sink interface = {.deliver = fake_deliver, .clear = fake_clear, .context = &sink};
	speech_player *player = NULL;
	failures += speech_player_create(&interface, &player) != STATUS_OK;
	failures += speech_player_say(player, "nl", "Hallo.") != STATUS_OK;
	for (int waited = 0; speech_player_is_speaking(player) && waited < 4000; waited++) {
		sleep_ms(5);
	}
	failures += speech_player_is_speaking(player);
	failures += sink.deliveries != 0;
	speech_player_destroy(player);
	free(sink.samples);
	speech_shutdown();
	fprintf(stderr, "without voice data: %d failed expectations\n", failures);
	return failures;
}

/* Without espeak-ng's data the kiosk stays silent: synthesis reports
 * STATUS_IO, a player accepts texts and delivers nothing. Run as a new
 * process (espeak-ng's own threads do not survive a bare fork). */
static void test_missing_voice_data_means_silence(void **state)
{
	(void)state;
	char empty[4096];
	test_make_temp_dir(empty, sizeof(empty));
	fflush(NULL);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		if (setenv("ESPEAK_DATA_PATH", empty, 1) == 0 &&
		    setenv(MISSING_DATA_CHILD, "1", 1) == 0) {
			execl("/proc/self/exe", "test_speech", (char *)NULL);
		}
		_exit(127);
	}
	int child_status = 0;
	assert_int_equal(waitpid(child, &child_status, 0), child);
	assert_true(WIFEXITED(child_status));
	assert_int_equal(WEXITSTATUS(child_status), 0);
	test_remove_tree(empty);
}

static int release_everything(void **state)
{
	(void)state;
	questions_free((question_set *)load_questions());
	speech_shutdown();
	return 0;
}

int main(void)
{
	if (getenv(MISSING_DATA_CHILD) != NULL) {
		return run_without_voice_data() == 0 ? 0 : 1;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dutch_question_is_speech),
	    cmocka_unit_test(test_english_question_is_speech),
	    cmocka_unit_test(test_turkish_question_is_speech),
	    cmocka_unit_test(test_arabic_question_is_speech),
	    cmocka_unit_test(test_fixed_sentences_are_speech),
	    cmocka_unit_test(test_languages_select_different_voices),
	    cmocka_unit_test(test_refuses_unknown_language_long_and_invalid_text),
	    cmocka_unit_test(test_sentences_and_question_script),
	    cmocka_unit_test(test_wav_round_trip),
	    cmocka_unit_test(test_question_wav_for_speak_test),
	    cmocka_unit_test(test_player_streams_what_synthesis_gives),
	    cmocka_unit_test(test_stop_stops_deliveries_at_once),
	    cmocka_unit_test(test_newest_say_wins),
	    cmocka_unit_test(test_player_refusals_leave_speech_alone),
	    cmocka_unit_test(test_missing_voice_data_means_silence),
	};
	return cmocka_run_group_tests(tests, NULL, release_everything);
}
