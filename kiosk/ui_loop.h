/* ui_loop.h — runs the touch kiosk: opens the catalogue, the window and the
 * renderer, then sleeps until a touch or a timer, feeds the app and redraws
 * only what changed. With a replay script it plays the script headless on a
 * clock of its own and writes screenshots. */
#ifndef KIOSK_UI_LOOP_H
#define KIOSK_UI_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "config.h"

/* Figures a benchmark asks for (all optional). */
typedef struct ui_loop_statistics {
	double first_frame_ms; /* from ui_loop_run() entry to the first frame shown */
	double *latencies_ms;  /* caller's buffer: input event to finished frame */
	size_t latency_capacity;
	size_t latency_count;
	size_t frames; /* frames drawn */
} ui_loop_statistics;

typedef struct ui_loop_options {
	const kiosk_config *config;
	const char *fallback_catalogue; /* the bundled sample, for a damaged database */
	bool windowed;                  /* developer mode: a window, quitting works */
	int width, height;              /* window size when windowed */
	const char *replay_path;        /* NULL: run for real */
	const char *screenshot_dir;     /* where `shot` writes; NULL: the current folder */
	time_t start_utc;               /* the wall clock at start (time() or --now) */
	ui_loop_statistics *statistics; /* NULL when nobody asks */
	/* Where volunteers' sticks are mounted (--usb-root); none: the
	 * configuration's [usb] roots. Borrowed. */
	const char *const *usb_roots;
	size_t usb_root_count;
	FILE *err; /* messages for the person starting the kiosk */
} ui_loop_options;

/* Runs the kiosk until it is asked to stop: SIGTERM or SIGINT, and in
 * developer mode also the window's close button, Escape or Ctrl+Q; with a
 * replay script, until the script ends. Returns 0 when it ran (and the
 * script passed), 1 when it could not start or a script step failed (the
 * reason on `err`), 2 for an unusable script. */
int ui_loop_run(const ui_loop_options *options);

#endif
