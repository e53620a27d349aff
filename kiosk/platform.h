/* platform.h — the window and the input devices (SDL): opens a full-screen
 * or windowed window and turns SDL's finger, mouse, key and window events into
 * the kiosk's own input events (input.h). One of the three files that see SDL. */
#ifndef KIOSK_PLATFORM_H
#define KIOSK_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#include "input.h"
#include "status.h"

typedef struct SDL_Window SDL_Window;

typedef struct platform_options {
	bool windowed;     /* a window of width x height instead of the whole screen */
	int width, height; /* window size in pixels when windowed */
	bool kiosk_mode;   /* hide the cursor; the app ignores quit keys and close */
	const char *title; /* window title (NULL: "Buurtkiosk") */
} platform_options;

typedef struct platform platform;

/* Starts SDL video with the driver SDL_VIDEODRIVER names (or SDL's own
 * choice), and opens the window: full-screen at the desktop's resolution
 * unless options->windowed, no high-DPI scaling. Touch and mouse are kept
 * apart (no synthetic events either way) and the window does not minimise
 * when it loses focus. On success *out owns the platform (close with
 * platform_close()). Fails with STATUS_USAGE for bad options, STATUS_IO when
 * there is no display or SDL refuses (platform_last_error() says why, in
 * English for the log), STATUS_NO_MEMORY. Only one platform at a time. */
KIOSK_NODISCARD status platform_open(const platform_options *options, platform **out);
/* Closes the window and shuts SDL video down. NULL is allowed. */
void platform_close(platform *self);
/* The message of the last failed platform_open() ("" when none); static. */
const char *platform_last_error(void);

/* The window's size in pixels (no high-DPI scaling: also the drawable's). */
void platform_window_size(platform *self, int *width, int *height);
/* The physical size of the window in millimetres, from the DPI the display
 * reports. False, leaving the outputs alone, when the display reports nothing
 * or something implausible; the caller then assumes a 24" panel. (A display
 * that claims a made-up 96 DPI cannot be told apart; the config overrides.) */
bool platform_physical_size_mm(platform *self, double *width_mm, double *height_mm);
/* The window, for render_create(); borrowed. */
SDL_Window *platform_window(platform *self);
/* Milliseconds since SDL started, monotonic: the kiosk's clock. */
uint64_t platform_now_ms(void);

/* Makes a platform_wait_event() that sleeps, now or next, return an
 * INPUT_WAKE event. Safe from any thread (a worker that finished something
 * calls it); `self` must stay open meanwhile. */
void platform_wake(platform *self);

/* Sleeps in SDL until an event the kiosk uses arrives or `timeout_ms`
 * passes (negative: forever; 0: takes what is queued without waiting),
 * never spinning. Events the kiosk ignores are skipped, and the wait goes
 * on. Translates ONE SDL event into *out and returns true, or returns false
 * when none came in time. Translation: finger down/motion/up -> PRESS/MOVE/RELEASE in window
 * pixels with pointer = the finger's id; left mouse button down/drag/up ->
 * the same with pointer -1, skipping mouse events SDL made up from touches;
 * only one pointer is tracked, so a second finger while one is down is
 * ignored; focus lost while pressed -> CANCEL; quit request or window close
 * -> QUIT; Escape -> KEY ESCAPE, Ctrl+Q / Alt+F4 -> KEY QUIT_CHORD, other
 * keys -> KEY OTHER; size change -> RESIZE (x, y = new size); exposed,
 * shown or restored -> EXPOSE. What QUIT and the keys mean is the app's
 * choice (kiosk mode ignores them). */
bool platform_wait_event(platform *self, int timeout_ms, input_event *out);

#endif
