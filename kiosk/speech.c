/* speech.c — read-aloud with espeak-ng: the one global synthesiser behind a
 * lock, blocking synthesis, WAV files, question scripts and the streaming player. */
#define _POSIX_C_SOURCE 200809L
#include "speech.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/espeak_ng.h>

#include "atomic_file.h"

/* How much audio espeak-ng gathers before handing over a chunk: small, so
 * the first sound is queued soon after a touch, but not so small that the
 * callback's locking shows. */
#define ENGINE_CHUNK_MILLISECONDS 40

/* One language the kiosk reads: its code in the message catalogues and the
 * espeak-ng language that reads it. */
typedef struct speech_language {
	const char *code;
	const char *espeak_language;
} speech_language;

static const speech_language languages[] = {
    {"nl", "nl"},
    {"en", "en"},
    {"tr", "tr"},
    {"ar", "ar"},
};
#define LANGUAGE_COUNT (sizeof(languages) / sizeof(languages[0]))

/* Receives each chunk as espeak-ng produces it; returning false aborts the
 * synthesis (a newer request, or a stop). */
typedef bool (*chunk_consumer)(void *context, const int16_t *samples, size_t count,
                               int sample_rate);

typedef struct synthesis_request {
	chunk_consumer consume;
	void *context;
	bool aborted;
} synthesis_request;

/* espeak-ng keeps all its state in globals and is not thread-safe, so every
 * call into it happens under engine_lock; these say how far it got. */
typedef enum engine_state { ENGINE_UNTRIED = 0, ENGINE_READY, ENGINE_FAILED } engine_state;

static pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;
static engine_state engine_status;
static int engine_sample_rate;
static const speech_language *engine_voice;
static synthesis_request *engine_request;
static bool engine_voice_failure_logged[LANGUAGE_COUNT];

static const speech_language *find_language(const char *code)
{
	if (code == NULL || code[0] == '\0') {
		code = SPEECH_DEFAULT_LANGUAGE;
	}
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		if (strcmp(languages[index].code, code) == 0) {
			return &languages[index];
		}
	}
	return NULL;
}

bool speech_language_supported(const char *language_code)
{
	return find_language(language_code) != NULL;
}

static void log_espeak_failure(const char *what, espeak_ng_STATUS result)
{
	char message[256];
	espeak_ng_GetStatusCodeMessage(result, message, sizeof(message));
	fprintf(stderr, "buurtkiosk: read-aloud is silent: %s: %s\n", what, message);
}

/* Called by espeak-ng inside espeak_ng_Synthesize (synchronous mode), on the
 * thread that holds engine_lock. A NULL `wav` ends the text. */
static int engine_callback(short *wav, int sample_count, espeak_EVENT *events)
{
	(void)events;
	synthesis_request *request = engine_request;
	if (request == NULL || wav == NULL || sample_count <= 0) {
		return 0;
	}
	if (!request->consume(request->context, wav, (size_t)sample_count, engine_sample_rate)) {
		request->aborted = true;
		return 1;
	}
	return 0;
}

/* Loads espeak-ng's data once (the first caller pays for it), then selects
 * the voice for `language`. Caller holds engine_lock. */
static status engine_prepare(const speech_language *language)
{
	if (engine_status == ENGINE_FAILED) {
		return STATUS_IO;
	}
	if (engine_status == ENGINE_UNTRIED) {
		/* NULL: ESPEAK_DATA_PATH, else the path espeak-ng was built with. */
		espeak_ng_InitializePath(NULL);
		espeak_ng_ERROR_CONTEXT context = NULL;
		espeak_ng_STATUS result = espeak_ng_Initialize(&context);
		espeak_ng_ClearErrorContext(&context);
		if (result == ENS_OK) {
			result = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS,
			                                    ENGINE_CHUNK_MILLISECONDS, NULL);
		}
		if (result != ENS_OK) {
			/* Logged once: every later call returns STATUS_IO quietly. */
			log_espeak_failure("espeak-ng cannot start", result);
			engine_status = ENGINE_FAILED;
			return STATUS_IO;
		}
		espeak_SetSynthCallback(engine_callback);
		engine_sample_rate = espeak_ng_GetSampleRate();
		engine_status = ENGINE_READY;
		engine_voice = NULL;
	}
	if (engine_voice == language) {
		return STATUS_OK;
	}
	espeak_VOICE selector;
	memset(&selector, 0, sizeof(selector));
	selector.languages = language->espeak_language;
	espeak_ng_STATUS result = espeak_ng_SetVoiceByProperties(&selector);
	if (result == ENS_OK) {
		/* A new voice brings its own speed; the slower kiosk rate goes on top. */
		result = espeak_ng_SetParameter(espeakRATE, SPEECH_WORDS_PER_MINUTE, 0);
	}
	if (result != ENS_OK) {
		size_t index = (size_t)(language - languages);
		if (!engine_voice_failure_logged[index]) {
			engine_voice_failure_logged[index] = true;
			char what[64];
			(void)text_format(what, sizeof(what), "no voice for \"%s\"",
			                  language->code);
			log_espeak_failure(what, result);
		}
		engine_voice = NULL;
		return STATUS_NOT_FOUND;
	}
	engine_voice = language;
	return STATUS_OK;
}

/* Synthesises `text` in `language`, handing each chunk to `request`.
 * STATUS_OK also when the consumer aborted (request->aborted says so). */
static status engine_synthesize(const speech_language *language, const char *text,
                                synthesis_request *request)
{
	if (pthread_mutex_lock(&engine_lock) != 0) {
		return STATUS_IO;
	}
	status result = engine_prepare(language);
	if (result == STATUS_OK) {
		engine_request = request;
		espeak_ng_STATUS spoken =
		    espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
		                         espeakCHARS_UTF8 | espeakENDPAUSE, NULL, NULL);
		engine_request = NULL;
		if (request->aborted) {
			/* Puts the parameters a text may have changed back. */
			(void)espeak_ng_Cancel();
		} else if (spoken != ENS_OK) {
			log_espeak_failure("synthesis failed", spoken);
			result = STATUS_IO;
		}
	}
	(void)pthread_mutex_unlock(&engine_lock);
	return result;
}

static status check_text(const char *text)
{
	size_t length = strlen(text);
	if (length > SPEECH_MAX_TEXT_BYTES) {
		return STATUS_TOO_LARGE;
	}
	return text_is_valid_utf8(text, length) ? STATUS_OK : STATUS_INVALID;
}

void speech_pcm_free(speech_pcm *pcm)
{
	if (pcm == NULL) {
		return;
	}
	free(pcm->samples);
	memset(pcm, 0, sizeof(*pcm));
}

/* speech_synthesize's consumer: grows the PCM buffer geometrically. */
typedef struct pcm_collector {
	speech_pcm pcm;
	size_t capacity;
	bool out_of_memory;
} pcm_collector;

static bool collect_chunk(void *context, const int16_t *samples, size_t count, int sample_rate)
{
	pcm_collector *collector = context;
	collector->pcm.sample_rate = sample_rate;
	if (count > collector->capacity - collector->pcm.count) {
		size_t wanted = collector->pcm.count + count;
		size_t capacity = collector->capacity == 0 ? 65536u : collector->capacity;
		while (capacity < wanted) {
			if (capacity > SIZE_MAX / 2u / sizeof(int16_t)) {
				collector->out_of_memory = true;
				return false;
			}
			capacity *= 2u;
		}
		int16_t *grown = realloc(collector->pcm.samples, capacity * sizeof(int16_t));
		if (grown == NULL) {
			collector->out_of_memory = true;
			return false;
		}
		collector->pcm.samples = grown;
		collector->capacity = capacity;
	}
	memcpy(collector->pcm.samples + collector->pcm.count, samples, count * sizeof(int16_t));
	collector->pcm.count += count;
	return true;
}

status speech_synthesize(const char *language_code, const char *text, speech_pcm *out)
{
	if (out == NULL) {
		return STATUS_USAGE;
	}
	memset(out, 0, sizeof(*out));
	if (text == NULL) {
		return STATUS_USAGE;
	}
	const speech_language *language = find_language(language_code);
	if (language == NULL) {
		return STATUS_NOT_FOUND;
	}
	status result = check_text(text);
	if (result != STATUS_OK) {
		return result;
	}
	size_t length = strlen(text);
	if (text_trim(text, &length) != NULL && length == 0) {
		/* Nothing to say: no need to wake espeak-ng for its end pause. */
		out->sample_rate = SPEECH_EXPECTED_SAMPLE_RATE;
		return STATUS_OK;
	}
	pcm_collector collector;
	memset(&collector, 0, sizeof(collector));
	synthesis_request request = {.consume = collect_chunk, .context = &collector};
	result = engine_synthesize(language, text, &request);
	if (result == STATUS_OK && collector.out_of_memory) {
		result = STATUS_NO_MEMORY;
	}
	if (result != STATUS_OK) {
		speech_pcm_free(&collector.pcm);
		return result;
	}
	if (collector.pcm.sample_rate == 0) {
		/* Nothing was said; still tell the caller the rate. */
		collector.pcm.sample_rate = engine_sample_rate;
	}
	*out = collector.pcm;
	return STATUS_OK;
}

/* --- WAV files ---------------------------------------------------------- */

#define WAV_HEADER_BYTES 44u

static void put_u16(unsigned char *at, uint32_t value)
{
	at[0] = (unsigned char)(value & 0xffu);
	at[1] = (unsigned char)((value >> 8) & 0xffu);
}

static void put_u32(unsigned char *at, uint32_t value)
{
	put_u16(at, value & 0xffffu);
	put_u16(at + 2, value >> 16);
}

status speech_write_wav(const char *path, const speech_pcm *pcm)
{
	if (path == NULL || pcm == NULL || pcm->sample_rate <= 0 ||
	    (pcm->count > 0 && pcm->samples == NULL)) {
		return STATUS_USAGE;
	}
	if (pcm->count > (UINT32_MAX - WAV_HEADER_BYTES) / sizeof(int16_t)) {
		return STATUS_TOO_LARGE;
	}
	uint32_t data_bytes = (uint32_t)(pcm->count * sizeof(int16_t));
	uint32_t rate = (uint32_t)pcm->sample_rate;
	unsigned char header[WAV_HEADER_BYTES];
	memcpy(header, "RIFF", 4);
	put_u32(header + 4, 36u + data_bytes);
	memcpy(header + 8, "WAVEfmt ", 8);
	put_u32(header + 16, 16u); /* the fmt chunk's size */
	put_u16(header + 20, 1u);  /* PCM */
	put_u16(header + 22, 1u);  /* mono */
	put_u32(header + 24, rate);
	put_u32(header + 28, rate * 2u); /* bytes per second */
	put_u16(header + 32, 2u);        /* bytes per frame */
	put_u16(header + 34, 16u);       /* bits per sample */
	memcpy(header + 36, "data", 4);
	put_u32(header + 40, data_bytes);

	atomic_file *file = NULL;
	status result = atomic_file_begin(path, 0644u, ATOMIC_FILE_DEFAULT, &file);
	if (result != STATUS_OK) {
		return result;
	}
	FILE *stream = atomic_file_stream(file);
	bool written = fwrite(header, 1, sizeof(header), stream) == sizeof(header);
	/* Little-endian on every host, a block at a time. */
	unsigned char block[8192];
	size_t done = 0;
	while (written && done < pcm->count) {
		size_t batch = pcm->count - done;
		if (batch > sizeof(block) / 2u) {
			batch = sizeof(block) / 2u;
		}
		for (size_t index = 0; index < batch; index++) {
			put_u16(block + 2u * index, (uint16_t)pcm->samples[done + index]);
		}
		written = fwrite(block, 2, batch, stream) == batch;
		done += batch;
	}
	if (!written) {
		int saved = errno;
		atomic_file_abandon(file);
		errno = saved;
		return STATUS_IO;
	}
	return atomic_file_commit(file);
}

/* --- What a screen reads --------------------------------------------------- */

/* Code points after which espeak-ng already pauses as at the end of a sentence. */
static bool ends_sentence(int32_t code_point)
{
	switch (code_point) {
	case '.':
	case '?':
	case '!':
	case ':':
	case ';':
	case 0x2026: /* … */
	case 0x061F: /* Arabic question mark ؟ */
	case 0x06D4: /* Arabic full stop ۔ */ return true;
	default: return false;
	}
}

static int32_t last_code_point(const char *bytes, size_t length)
{
	size_t start = length;
	while (start > 0 && ((unsigned char)bytes[start - 1] & 0xc0u) == 0x80u) {
		start--;
	}
	if (start == 0) {
		return -1;
	}
	start--;
	return text_next_code_point(bytes, length, &start);
}

status speech_append_sentence(text_buffer *out, const char *sentence)
{
	if (out == NULL || sentence == NULL) {
		return STATUS_USAGE;
	}
	size_t length = strlen(sentence);
	const char *start = text_trim(sentence, &length);
	if (length == 0) {
		return STATUS_OK;
	}
	status result = STATUS_OK;
	if (out->length > 0) {
		result = text_buffer_append(out, " ", 1);
	}
	if (result == STATUS_OK) {
		result = text_buffer_append(out, start, length);
	}
	if (result == STATUS_OK && !ends_sentence(last_code_point(start, length))) {
		result = text_buffer_append(out, ".", 1);
	}
	return result;
}

status speech_question_script(const question *item, const translation *messages, text_buffer *out)
{
	if (item == NULL || out == NULL) {
		return STATUS_USAGE;
	}
	status result = speech_append_sentence(out, translate_text(messages, item->text));
	if (result == STATUS_OK && item->help[0] != '\0') {
		result = speech_append_sentence(out, translate_text(messages, item->help));
	}
	for (size_t index = 0; result == STATUS_OK && index < item->option_count; index++) {
		result = speech_append_sentence(
		    out, translate_text(messages, item->options[index].text));
	}
	return result;
}

status speech_write_question_wav(const question_set *questions, const translation *messages,
                                 const char *language_code, const char *path, double *seconds)
{
	if (questions == NULL || path == NULL) {
		return STATUS_USAGE;
	}
	const question *first = questions_at(questions, 0);
	if (first == NULL || !speech_language_supported(language_code)) {
		return STATUS_NOT_FOUND;
	}
	text_buffer script = {0};
	status result = speech_question_script(first, messages, &script);
	speech_pcm pcm = {0};
	if (result == STATUS_OK) {
		result = speech_synthesize(language_code, text_buffer_string(&script), &pcm);
	}
	if (result == STATUS_OK) {
		result = speech_write_wav(path, &pcm);
	}
	if (result == STATUS_OK && seconds != NULL) {
		*seconds = (double)pcm.count / (double)pcm.sample_rate;
	}
	speech_pcm_free(&pcm);
	text_buffer_free(&script);
	return result;
}

/* --- The player -------------------------------------------------------------- */

struct speech_player {
	speech_sink sink;
	pthread_t worker;
	/* Guards everything below and every call into the sink. */
	pthread_mutex_t lock;
	pthread_cond_t wake;
	/* Bumped by every say, stop and destroy: a chunk from an older
	 * generation is never delivered, which is how the newest request wins. */
	unsigned long generation;
	char *pending_text; /* owned; NULL when nothing waits */
	const speech_language *pending_language;
	bool speaking;
	bool quitting;
};

/* The player's consumer: delivers a chunk unless the request is stale. */
typedef struct player_job {
	speech_player *player;
	unsigned long generation;
} player_job;

static bool deliver_chunk(void *context, const int16_t *samples, size_t count, int sample_rate)
{
	player_job *job = context;
	speech_player *player = job->player;
	(void)pthread_mutex_lock(&player->lock);
	bool current = !player->quitting && player->generation == job->generation;
	if (current) {
		player->sink.deliver(player->sink.context, samples, count, sample_rate);
	}
	(void)pthread_mutex_unlock(&player->lock);
	return current;
}

static void *player_worker(void *argument)
{
	speech_player *player = argument;
	/* Warm up: load espeak-ng's data and the Dutch voice before anyone
	 * touches the screen. A failure was logged; say() then stays silent. */
	if (pthread_mutex_lock(&engine_lock) == 0) {
		(void)engine_prepare(find_language(SPEECH_DEFAULT_LANGUAGE));
		(void)pthread_mutex_unlock(&engine_lock);
	}
	(void)pthread_mutex_lock(&player->lock);
	for (;;) {
		while (!player->quitting && player->pending_text == NULL) {
			(void)pthread_cond_wait(&player->wake, &player->lock);
		}
		if (player->quitting) {
			break;
		}
		char *text = player->pending_text;
		const speech_language *language = player->pending_language;
		player_job job = {.player = player, .generation = player->generation};
		player->pending_text = NULL;
		(void)pthread_mutex_unlock(&player->lock);

		synthesis_request request = {.consume = deliver_chunk, .context = &job};
		/* Failures were logged by the engine; the resident hears silence. */
		(void)engine_synthesize(language, text, &request);
		free(text);

		(void)pthread_mutex_lock(&player->lock);
		if (player->generation == job.generation) {
			player->speaking = false;
		}
	}
	(void)pthread_mutex_unlock(&player->lock);
	return NULL;
}

status speech_player_create(const speech_sink *sink, speech_player **out)
{
	if (out == NULL) {
		return STATUS_USAGE;
	}
	*out = NULL;
	if (sink == NULL || sink->deliver == NULL || sink->clear == NULL) {
		return STATUS_USAGE;
	}
	speech_player *player = calloc(1, sizeof(*player));
	if (player == NULL) {
		return STATUS_NO_MEMORY;
	}
	player->sink = *sink;
	if (pthread_mutex_init(&player->lock, NULL) != 0) {
		free(player);
		return STATUS_NO_MEMORY;
	}
	if (pthread_cond_init(&player->wake, NULL) != 0) {
		(void)pthread_mutex_destroy(&player->lock);
		free(player);
		return STATUS_NO_MEMORY;
	}
	int failure = pthread_create(&player->worker, NULL, player_worker, player);
	if (failure != 0) {
		(void)pthread_cond_destroy(&player->wake);
		(void)pthread_mutex_destroy(&player->lock);
		free(player);
		errno = failure;
		return STATUS_IO;
	}
	*out = player;
	return STATUS_OK;
}

/* Drops whatever is waiting or being said. Caller holds player->lock. */
static void interrupt_locked(speech_player *player)
{
	player->generation++;
	free(player->pending_text);
	player->pending_text = NULL;
	player->speaking = false;
	player->sink.clear(player->sink.context);
}

status speech_player_say(speech_player *player, const char *language_code, const char *text)
{
	if (player == NULL || text == NULL) {
		return STATUS_USAGE;
	}
	const speech_language *language = find_language(language_code);
	if (language == NULL) {
		return STATUS_NOT_FOUND;
	}
	status result = check_text(text);
	if (result != STATUS_OK) {
		return result;
	}
	char *copy = NULL;
	size_t length = strlen(text);
	if (text_trim(text, &length) != NULL && length > 0) {
		copy = strdup(text);
		if (copy == NULL) {
			return STATUS_NO_MEMORY;
		}
	}
	(void)pthread_mutex_lock(&player->lock);
	interrupt_locked(player);
	if (copy != NULL) {
		player->pending_text = copy;
		player->pending_language = language;
		player->speaking = true;
		(void)pthread_cond_signal(&player->wake);
	}
	(void)pthread_mutex_unlock(&player->lock);
	return STATUS_OK;
}

void speech_player_stop(speech_player *player)
{
	if (player == NULL) {
		return;
	}
	(void)pthread_mutex_lock(&player->lock);
	interrupt_locked(player);
	(void)pthread_mutex_unlock(&player->lock);
}

bool speech_player_is_speaking(speech_player *player)
{
	if (player == NULL) {
		return false;
	}
	(void)pthread_mutex_lock(&player->lock);
	bool speaking = player->speaking;
	(void)pthread_mutex_unlock(&player->lock);
	return speaking;
}

void speech_player_destroy(speech_player *player)
{
	if (player == NULL) {
		return;
	}
	(void)pthread_mutex_lock(&player->lock);
	interrupt_locked(player);
	player->quitting = true;
	(void)pthread_cond_signal(&player->wake);
	(void)pthread_mutex_unlock(&player->lock);
	(void)pthread_join(player->worker, NULL);
	(void)pthread_cond_destroy(&player->wake);
	(void)pthread_mutex_destroy(&player->lock);
	free(player);
}

void speech_shutdown(void)
{
	if (pthread_mutex_lock(&engine_lock) != 0) {
		return;
	}
	if (engine_status == ENGINE_READY) {
		(void)espeak_ng_Terminate();
	}
	engine_status = ENGINE_UNTRIED;
	engine_voice = NULL;
	(void)pthread_mutex_unlock(&engine_lock);
}
