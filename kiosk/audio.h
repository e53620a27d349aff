/* audio.h — the kiosk's loudspeaker: read-aloud speech queued on an SDL audio
 * device, or dropped quietly when the kiosk has no sound. */
#ifndef KIOSK_AUDIO_H
#define KIOSK_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "speech.h"
#include "status.h"

typedef struct audio_output audio_output;

/* Initialises SDL's audio subsystem and opens the default output device for
 * 16-bit mono at `sample_rate` Hz (SPEECH_EXPECTED_SAMPLE_RATE; a chunk at
 * another rate later reopens the device at that one), unpaused. When SDL has
 * no audio driver or no device (SDL_AUDIODRIVER names a missing driver, no
 * sound card), the output is silent: it logs one line and drops every
 * chunk, and this still returns STATUS_OK, because read-aloud must never
 * stop the kiosk. On STATUS_OK *out is owned by the caller
 * (audio_output_destroy). STATUS_USAGE for NULL `out` or a rate <= 0,
 * STATUS_NO_MEMORY. */
KIOSK_NODISCARD status audio_output_create(int sample_rate, audio_output **out);

/* True when the output drops audio (no driver or device). */
bool audio_output_is_silent(const audio_output *output);

/* The sink a speech_player delivers into (speech.h); borrows `output`,
 * which must outlive the player. Its functions are safe to call from the
 * player's worker while the UI thread uses the output: SDL_QueueAudio and
 * SDL_ClearQueuedAudio take the device's own lock, and the output's
 * counters have a lock of their own. */
speech_sink audio_output_sink(audio_output *output);

/* Queues samples behind what is playing (what the sink's deliver does). */
void audio_output_queue(audio_output *output, const int16_t *samples, size_t count,
                        int sample_rate);

/* Drops everything queued and not yet played (what the sink's clear does). */
void audio_output_clear(audio_output *output);

/* CLOCK_MONOTONIC time in nanoseconds at which samples were first handed to
 * SDL_QueueAudio since the output was created or last cleared; 0 when
 * nothing has been queued since. For the read-aloud latency benchmark: a
 * say() clears, so this is the first sound of the newest request. A silent
 * output never queues and always gives 0. */
uint64_t audio_output_first_queued_ns(audio_output *output);

/* Samples handed to SDL since the output was created (silent outputs: 0). */
uint64_t audio_output_samples_queued(audio_output *output);

/* Bytes SDL still holds, queued and not yet played (0 when silent). */
size_t audio_output_bytes_pending(const audio_output *output);

/* Closes the device, releases SDL's audio subsystem (when this output
 * initialised it) and frees the output; NULL is fine. Destroy the player
 * that delivers into it first. */
void audio_output_destroy(audio_output *output);

#endif
