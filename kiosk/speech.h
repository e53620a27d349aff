/* speech.h — read-aloud: text to speech with espeak-ng (Dutch, English, Turkish,
 * Arabic), streamed chunk by chunk from a worker thread to an audio sink. */
#ifndef KIOSK_SPEECH_H
#define KIOSK_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "questions.h"
#include "status.h"
#include "text.h"
#include "translate.h"

/* A text longer than this is refused with STATUS_TOO_LARGE: a screen's
 * question and options are a few hundred bytes. */
#define SPEECH_MAX_TEXT_BYTES (8u * 1024u)
/* The language read when none is given. */
#define SPEECH_DEFAULT_LANGUAGE "nl"
/* The rate espeak-ng synthesises at for every voice the kiosk uses; an audio
 * output can open its device at it before the first word arrives (the
 * actual rate still comes with every chunk and every speech_pcm). */
#define SPEECH_EXPECTED_SAMPLE_RATE 22050
/* Speaking rate in words per minute: espeak's normal is 175; a little slower
 * suits residents who read (and listen) with difficulty. */
#define SPEECH_WORDS_PER_MINUTE 145

/* Synthesised speech: 16-bit signed mono samples at `sample_rate` Hz.
 * Zero-initialise; speech_pcm_free() releases `samples`. */
typedef struct speech_pcm {
	int16_t *samples;
	size_t count;
	int sample_rate;
} speech_pcm;

/* Releases the samples of `pcm` and zeroes it; NULL is fine. */
void speech_pcm_free(speech_pcm *pcm);

/* Where a player sends its audio. Both functions are called on the player's
 * worker thread, and by speech_player_say()/speech_player_stop() on the
 * caller's thread (clear only), never at the same time: the player holds its
 * lock around each call. They must return quickly (copy the samples, queue
 * them) and must not call back into the player. `samples` are borrowed for
 * the call only. */
typedef struct speech_sink {
	/* Queue `count` samples at `sample_rate` Hz behind what is queued. */
	void (*deliver)(void *context, const int16_t *samples, size_t count, int sample_rate);
	/* Drop everything queued and not yet played. */
	void (*clear)(void *context);
	void *context;
} speech_sink;

/* True when `language_code` is one the kiosk can read aloud ("nl", "en",
 * "tr", "ar"); NULL and "" mean SPEECH_DEFAULT_LANGUAGE and are supported. */
bool speech_language_supported(const char *language_code);

/* Synthesises `text` (UTF-8, plain text, not SSML) in `language_code` (NULL
 * or "" for Dutch) and blocks until done; for tests, the command line's
 * --speak-test and benchmarks. On STATUS_OK *out holds new samples the
 * caller frees with speech_pcm_free() (count 0 for a text without anything
 * to say). Errors leave *out zeroed: STATUS_NOT_FOUND for a language the
 * kiosk does not read or whose espeak-ng voice is missing, STATUS_TOO_LARGE
 * beyond SPEECH_MAX_TEXT_BYTES, STATUS_INVALID for text that is not valid
 * UTF-8, STATUS_IO when espeak-ng cannot start (its data missing; logged
 * once), STATUS_NO_MEMORY. Safe from any thread: espeak-ng is one global
 * instance, so this waits while a player's worker is synthesising. */
KIOSK_NODISCARD status speech_synthesize(const char *language_code, const char *text,
                                         speech_pcm *out);

/* Writes `pcm` as a RIFF/WAVE file (PCM, 16-bit, mono) to `path`,
 * atomically (atomic_file): the old file or the new one, never half.
 * STATUS_USAGE for NULL arguments or a sample rate <= 0, STATUS_TOO_LARGE
 * when the samples do not fit a WAVE file's 32-bit sizes, STATUS_IO (errno
 * set) when the file cannot be written. */
KIOSK_NODISCARD status speech_write_wav(const char *path, const speech_pcm *pcm);

/* Appends `sentence` (trimmed) to `out` as a sentence of its own: a space
 * before it when `out` is not empty, and a full stop after it unless it
 * already ends in sentence punctuation, so espeak-ng pauses between tile
 * labels instead of running them together. Nothing for an empty sentence.
 * STATUS_NO_MEMORY when the buffer cannot grow. */
KIOSK_NODISCARD status speech_append_sentence(text_buffer *out, const char *sentence);

/* What a question screen reads aloud, the same for the kiosk and
 * --speak-test: the question, its help line (when it has one), then each
 * option's label, each its own sentence, all in the language of `messages`
 * (NULL for Dutch; see translate_text). Appended to `out`.
 * STATUS_USAGE for NULL `item` or `out`, STATUS_NO_MEMORY. */
KIOSK_NODISCARD status speech_question_script(const question *item, const translation *messages,
                                              text_buffer *out);

/* The whole of `buurtkiosk --speak-test LANG --wav FILE`: the first question
 * of `questions` read in `language_code` (its texts from `messages`, NULL
 * for Dutch) written as a WAV file at `path`. STATUS_NOT_FOUND for an empty
 * question set or an unknown language, otherwise the errors of
 * speech_synthesize() and speech_write_wav(). When `seconds` is not NULL it
 * receives the recording's length. */
KIOSK_NODISCARD status speech_write_question_wav(const question_set *questions,
                                                 const translation *messages,
                                                 const char *language_code, const char *path,
                                                 double *seconds);

/* A read-aloud player: one worker thread that synthesises what it is asked
 * to say and streams it to a sink, so the UI thread never waits for
 * espeak-ng. */
typedef struct speech_player speech_player;

/* Creates a player that delivers to `sink` (copied; its context must outlive
 * the player) and starts its worker, which also loads espeak-ng's data so
 * the first speech_player_say() is quick. On STATUS_OK *out is owned by the
 * caller (speech_player_destroy). STATUS_USAGE for a NULL argument or a sink
 * without functions, STATUS_NO_MEMORY, STATUS_IO when the thread cannot
 * start. espeak-ng's data missing is not an error here: the player stays
 * silent and the worker logs one line. */
KIOSK_NODISCARD status speech_player_create(const speech_sink *sink, speech_player **out);

/* Starts reading `text` (copied) in `language_code` (NULL or "" for Dutch)
 * and returns at once. The newest request wins: whatever was being said or
 * waiting is dropped, the sink cleared, and only this text is delivered from
 * now on. An empty or all-space text just stops. Errors leave the current speech alone:
 * STATUS_USAGE for NULL player or text, STATUS_NOT_FOUND for a language the
 * kiosk does not read, STATUS_TOO_LARGE beyond SPEECH_MAX_TEXT_BYTES,
 * STATUS_INVALID for invalid UTF-8, STATUS_NO_MEMORY. Call from one thread
 * (the UI's). */
KIOSK_NODISCARD status speech_player_say(speech_player *player, const char *language_code,
                                         const char *text);

/* Stops at once: drops what is waiting, aborts the synthesis in progress and
 * clears the sink. When it returns the sink gets no further deliveries until
 * the next speech_player_say(). Harmless when nothing is being said; NULL is
 * fine. */
void speech_player_stop(speech_player *player);

/* True from speech_player_say() until the worker has delivered the last
 * chunk of that text or it was stopped (what is queued in the sink may
 * still be playing). */
bool speech_player_is_speaking(speech_player *player);

/* Stops, ends the worker thread and frees the player; NULL is fine. The sink
 * gets no calls after this returns. */
void speech_player_destroy(speech_player *player);

/* Releases espeak-ng's data (a tidy exit, and leak checks in tests). Call
 * only when no player exists; the next use loads it again. */
void speech_shutdown(void);

#endif
