/* audio.c — read-aloud speech to the loudspeaker through SDL's queued audio
 * (no callback of our own), or silence when there is no sound device. */
#define _POSIX_C_SOURCE 200809L
#include "audio.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <SDL.h>

struct audio_output {
	/* Guards the fields below: the speech worker queues while the UI
	 * thread clears or asks for figures. */
	SDL_mutex *lock;
	SDL_AudioDeviceID device; /* 0 when silent */
	int sample_rate;
	bool subsystem_started;
	uint64_t first_queued_ns;
	uint64_t samples_queued;
};

static uint64_t monotonic_ns(void)
{
	struct timespec now;
	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0) {
		return 0;
	}
	return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* Opens the default device at `sample_rate`; 0 (and SDL's reason logged)
 * when there is none. */
static SDL_AudioDeviceID open_device(int sample_rate)
{
	SDL_AudioSpec wanted;
	SDL_zero(wanted);
	wanted.freq = sample_rate;
	wanted.format = AUDIO_S16SYS;
	wanted.channels = 1;
	/* About 23 ms at 22050 Hz: small, so a cleared queue goes quiet quickly. */
	wanted.samples = 512;
	wanted.callback = NULL; /* queued audio: SDL_QueueAudio feeds the device */
	SDL_AudioSpec obtained;
	SDL_AudioDeviceID device = SDL_OpenAudioDevice(NULL, 0, &wanted, &obtained, 0);
	if (device == 0) {
		fprintf(stderr, "buurtkiosk: read-aloud is silent: no audio device: %s\n",
		        SDL_GetError());
		return 0;
	}
	SDL_PauseAudioDevice(device, 0);
	return device;
}

status audio_output_create(int sample_rate, audio_output **out)
{
	if (out == NULL) {
		return STATUS_USAGE;
	}
	*out = NULL;
	if (sample_rate <= 0) {
		return STATUS_USAGE;
	}
	audio_output *output = calloc(1, sizeof(*output));
	if (output == NULL) {
		return STATUS_NO_MEMORY;
	}
	output->lock = SDL_CreateMutex();
	if (output->lock == NULL) {
		free(output);
		return STATUS_NO_MEMORY;
	}
	output->sample_rate = sample_rate;
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		fprintf(stderr, "buurtkiosk: read-aloud is silent: no audio driver: %s\n",
		        SDL_GetError());
	} else {
		output->subsystem_started = true;
		output->device = open_device(sample_rate);
	}
	*out = output;
	return STATUS_OK;
}

bool audio_output_is_silent(const audio_output *output)
{
	return output == NULL || output->device == 0;
}

void audio_output_queue(audio_output *output, const int16_t *samples, size_t count, int sample_rate)
{
	if (output == NULL || samples == NULL || count == 0 || sample_rate <= 0) {
		return;
	}
	SDL_LockMutex(output->lock);
	if (output->device != 0 && sample_rate != output->sample_rate) {
		/* espeak-ng speaks at one rate, so this happens at most once. */
		SDL_CloseAudioDevice(output->device);
		output->sample_rate = sample_rate;
		output->device = open_device(sample_rate);
	}
	if (output->device != 0 && count <= UINT32_MAX / sizeof(int16_t)) {
		if (SDL_QueueAudio(output->device, samples, (Uint32)(count * sizeof(int16_t))) ==
		    0) {
			if (output->first_queued_ns == 0) {
				output->first_queued_ns = monotonic_ns();
			}
			output->samples_queued += count;
		}
	}
	SDL_UnlockMutex(output->lock);
}

void audio_output_clear(audio_output *output)
{
	if (output == NULL) {
		return;
	}
	SDL_LockMutex(output->lock);
	if (output->device != 0) {
		SDL_ClearQueuedAudio(output->device);
	}
	output->first_queued_ns = 0;
	SDL_UnlockMutex(output->lock);
}

uint64_t audio_output_first_queued_ns(audio_output *output)
{
	if (output == NULL) {
		return 0;
	}
	SDL_LockMutex(output->lock);
	uint64_t when = output->first_queued_ns;
	SDL_UnlockMutex(output->lock);
	return when;
}

uint64_t audio_output_samples_queued(audio_output *output)
{
	if (output == NULL) {
		return 0;
	}
	SDL_LockMutex(output->lock);
	uint64_t samples = output->samples_queued;
	SDL_UnlockMutex(output->lock);
	return samples;
}

size_t audio_output_bytes_pending(const audio_output *output)
{
	if (output == NULL) {
		return 0;
	}
	SDL_LockMutex(output->lock);
	size_t pending = output->device != 0 ? SDL_GetQueuedAudioSize(output->device) : 0;
	SDL_UnlockMutex(output->lock);
	return pending;
}

static void sink_deliver(void *context, const int16_t *samples, size_t count, int sample_rate)
{
	audio_output_queue(context, samples, count, sample_rate);
}

static void sink_clear(void *context)
{
	audio_output_clear(context);
}

speech_sink audio_output_sink(audio_output *output)
{
	speech_sink sink = {.deliver = sink_deliver, .clear = sink_clear, .context = output};
	return sink;
}

void audio_output_destroy(audio_output *output)
{
	if (output == NULL) {
		return;
	}
	if (output->device != 0) {
		SDL_CloseAudioDevice(output->device);
	}
	if (output->subsystem_started) {
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	SDL_DestroyMutex(output->lock);
	free(output);
}
