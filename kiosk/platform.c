/* platform.c — the SDL window and SDL's events turned into the kiosk's input
 * events: one pointer at a time, touch and mouse alike, in window pixels. */
#define _POSIX_C_SOURCE 200809L
#include "platform.h"

#include <SDL.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The panel sizes a real kiosk can have: anything outside is a display
 * reporting nonsense (0 DPI, a projector's made-up 160 x 90 mm). */
#define PLAUSIBLE_DPI_MIN    40.0
#define PLAUSIBLE_DPI_MAX    700.0
#define MILLIMETRES_PER_INCH 25.4
/* An SDL event stamp older than this is not trusted as the event's time. */
#define EVENT_STAMP_TRUST_MS 10000u

struct platform {
	SDL_Window *window;
	bool pressed;    /* a pointer is down and being tracked */
	int64_t pointer; /* which: a finger id, or -1 for the mouse */
	/* SDL 2.26's offscreen and dummy drivers cannot sleep until an event:
	 * SDL_WaitEventTimeout polls them every millisecond. They have no input
	 * devices (events come only from SDL_PushEvent in this process), so
	 * platform_wait_event() sleeps there in slices instead. */
	bool driver_can_wait;
	Uint32 wake_event; /* registered SDL user event type; 0 when none was free */
};

#define HEADLESS_SLEEP_SLICE_MS 50

static bool platform_is_open;
static char last_error[512];

static void set_error(const char *format, ...) KIOSK_PRINTF(1, 2);
static void set_error(const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	(void)vsnprintf(last_error, sizeof last_error, format, arguments);
	va_end(arguments);
}

const char *platform_last_error(void)
{
	return last_error;
}

static bool environment_set(const char *name)
{
	const char *value = getenv(name);
	return value != NULL && value[0] != '\0';
}

status platform_open(const platform_options *options, platform **out)
{
	last_error[0] = '\0';
	if (out == NULL || options == NULL) {
		set_error("platform_open: missing argument");
		return STATUS_USAGE;
	}
	*out = NULL;
	if (options->windowed && (options->width <= 0 || options->height <= 0)) {
		set_error("a window needs a positive width and height, not %d x %d", options->width,
		          options->height);
		return STATUS_USAGE;
	}
	if (platform_is_open) {
		set_error("the window is already open");
		return STATUS_USAGE;
	}

	/* A touch screen makes SDL invent mouse events for every touch, and a
	 * mouse makes it invent touches: one press would arrive twice. Both are
	 * switched off; translate() also skips any that still come through. */
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	/* A kiosk with a keyboard plugged in for maintenance loses focus to
	 * another window; minimising would leave the screen black. */
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");

	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		if (!environment_set("SDL_VIDEODRIVER") && !environment_set("DISPLAY") &&
		    !environment_set("WAYLAND_DISPLAY"))
			set_error("no display: DISPLAY and WAYLAND_DISPLAY are not set and SDL "
			          "found no screen (%s). On a console set SDL_VIDEODRIVER=kmsdrm; "
			          "for tests SDL_VIDEODRIVER=offscreen",
			          SDL_GetError());
		else
			set_error("SDL could not start video (driver %s): %s",
			          environment_set("SDL_VIDEODRIVER") ? getenv("SDL_VIDEODRIVER")
			                                             : "SDL's choice",
			          SDL_GetError());
		return STATUS_IO;
	}

	/* With nothing named and no screen found, SDL falls back to drawing
	 * into memory: a kiosk would then run, invisibly, forever. */
	const char *driver = SDL_GetCurrentVideoDriver();
	if (!environment_set("SDL_VIDEODRIVER") && driver != NULL &&
	    (SDL_strcmp(driver, "offscreen") == 0 || SDL_strcmp(driver, "dummy") == 0)) {
		SDL_Quit();
		set_error("no display: DISPLAY and WAYLAND_DISPLAY are not set and SDL found no "
		          "screen. On a console set SDL_VIDEODRIVER=kmsdrm; for tests "
		          "SDL_VIDEODRIVER=offscreen");
		return STATUS_IO;
	}

	platform *self = calloc(1, sizeof *self);
	if (self == NULL) {
		SDL_Quit();
		set_error("out of memory");
		return STATUS_NO_MEMORY;
	}
	Uint32 flags = SDL_WINDOW_SHOWN;
	int width = options->width;
	int height = options->height;
	if (!options->windowed) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
		width = 0;
		height = 0;
	}
	const char *title = options->title != NULL ? options->title : "Buurtkiosk";
	const char *current_driver = SDL_GetCurrentVideoDriver();
	self->driver_can_wait =
	    current_driver == NULL ||
	    (strcmp(current_driver, "offscreen") != 0 && strcmp(current_driver, "dummy") != 0);
	Uint32 wake_event = SDL_RegisterEvents(1);
	self->wake_event = wake_event == (Uint32)-1 ? 0 : wake_event;
	self->window = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
	                                width, height, flags);
	if (self->window == NULL) {
		set_error("SDL could not open the window: %s", SDL_GetError());
		free(self);
		SDL_Quit();
		return STATUS_IO;
	}
	if (options->kiosk_mode)
		(void)SDL_ShowCursor(SDL_DISABLE);
	platform_is_open = true;
	*out = self;
	return STATUS_OK;
}

void platform_close(platform *self)
{
	if (self == NULL)
		return;
	SDL_DestroyWindow(self->window);
	free(self);
	SDL_Quit();
	platform_is_open = false;
}

void platform_window_size(platform *self, int *width, int *height)
{
	SDL_GetWindowSize(self->window, width, height);
}

bool platform_physical_size_mm(platform *self, double *width_mm, double *height_mm)
{
	int display = SDL_GetWindowDisplayIndex(self->window);
	if (display < 0)
		return false;
	float diagonal_dpi = 0;
	float horizontal_dpi = 0;
	float vertical_dpi = 0;
	if (SDL_GetDisplayDPI(display, &diagonal_dpi, &horizontal_dpi, &vertical_dpi) != 0)
		return false;
	if (!(horizontal_dpi >= PLAUSIBLE_DPI_MIN && horizontal_dpi <= PLAUSIBLE_DPI_MAX &&
	      vertical_dpi >= PLAUSIBLE_DPI_MIN && vertical_dpi <= PLAUSIBLE_DPI_MAX))
		return false;
	/* Square-ish pixels only: a 2:1 ratio is a display with swapped or
	 * made-up millimetres. */
	double ratio = (double)horizontal_dpi / (double)vertical_dpi;
	if (ratio < 0.8 || ratio > 1.25)
		return false;
	int width = 0;
	int height = 0;
	platform_window_size(self, &width, &height);
	if (width <= 0 || height <= 0)
		return false;
	*width_mm = (double)width / (double)horizontal_dpi * MILLIMETRES_PER_INCH;
	*height_mm = (double)height / (double)vertical_dpi * MILLIMETRES_PER_INCH;
	return true;
}

SDL_Window *platform_window(platform *self)
{
	return self->window;
}

uint64_t platform_now_ms(void)
{
	return (uint64_t)SDL_GetTicks64();
}

/* SDL stamps events with 32-bit milliseconds; widen the stamp against the
 * 64-bit clock so gestures see when the finger moved, not when the loop got
 * round to it. */
static uint64_t event_time(Uint32 stamp)
{
	uint64_t now = (uint64_t)SDL_GetTicks64();
	uint32_t age = (uint32_t)now - stamp;
	if (age > EVENT_STAMP_TRUST_MS || age > now)
		return now;
	return now - age;
}

static int scale_coordinate(float normalised, int extent)
{
	if (extent <= 0)
		return 0;
	int value = (int)(normalised * (float)extent);
	if (value < 0)
		return 0;
	if (value >= extent)
		return extent - 1;
	return value;
}

static bool pointer_event(platform *self, input_kind kind, int64_t pointer, int x, int y,
                          input_event *out)
{
	switch (kind) {
	case INPUT_PRESS:
		if (self->pressed)
			return false; /* a second finger (or the mouse) while one is down */
		self->pressed = true;
		self->pointer = pointer;
		break;
	case INPUT_MOVE:
		if (!self->pressed || self->pointer != pointer)
			return false;
		break;
	case INPUT_RELEASE:
		if (!self->pressed || self->pointer != pointer)
			return false;
		self->pressed = false;
		break;
	default: return false;
	}
	out->kind = kind;
	out->pointer = pointer;
	out->x = x;
	out->y = y;
	return true;
}

static bool finger_event(platform *self, const SDL_TouchFingerEvent *finger, input_event *out)
{
	if (finger->touchId == SDL_MOUSE_TOUCHID)
		return false; /* a touch SDL made up from the mouse */
	input_kind kind = finger->type == SDL_FINGERDOWN ? INPUT_PRESS
	                  : finger->type == SDL_FINGERUP ? INPUT_RELEASE
	                                                 : INPUT_MOVE;
	int width = 0;
	int height = 0;
	platform_window_size(self, &width, &height);
	return pointer_event(self, kind, (int64_t)finger->fingerId,
	                     scale_coordinate(finger->x, width),
	                     scale_coordinate(finger->y, height), out);
}

static bool mouse_button_event(platform *self, const SDL_MouseButtonEvent *button, input_event *out)
{
	if (button->which == SDL_TOUCH_MOUSEID || button->button != SDL_BUTTON_LEFT)
		return false;
	input_kind kind = button->type == SDL_MOUSEBUTTONDOWN ? INPUT_PRESS : INPUT_RELEASE;
	return pointer_event(self, kind, -1, button->x, button->y, out);
}

static bool mouse_motion_event(platform *self, const SDL_MouseMotionEvent *motion, input_event *out)
{
	if (motion->which == SDL_TOUCH_MOUSEID || (motion->state & SDL_BUTTON_LMASK) == 0)
		return false;
	return pointer_event(self, INPUT_MOVE, -1, motion->x, motion->y, out);
}

static bool key_event(const SDL_KeyboardEvent *key, input_event *out)
{
	if (key->repeat)
		return false;
	out->kind = INPUT_KEY;
	SDL_Keycode symbol = key->keysym.sym;
	Uint16 modifiers = key->keysym.mod;
	if (symbol == SDLK_ESCAPE)
		out->key = INPUT_KEY_ESCAPE;
	else if ((symbol == SDLK_q && (modifiers & KMOD_CTRL) != 0) ||
	         (symbol == SDLK_F4 && (modifiers & KMOD_ALT) != 0))
		out->key = INPUT_KEY_QUIT_CHORD;
	else
		out->key = INPUT_KEY_OTHER;
	return true;
}

static bool window_event(platform *self, const SDL_WindowEvent *window, input_event *out)
{
	if (window->windowID != SDL_GetWindowID(self->window))
		return false;
	switch (window->event) {
	case SDL_WINDOWEVENT_CLOSE: out->kind = INPUT_QUIT; return true;
	case SDL_WINDOWEVENT_SIZE_CHANGED:
		out->kind = INPUT_RESIZE;
		out->x = window->data1;
		out->y = window->data2;
		return true;
	case SDL_WINDOWEVENT_EXPOSED:
	case SDL_WINDOWEVENT_SHOWN:
	case SDL_WINDOWEVENT_RESTORED: out->kind = INPUT_EXPOSE; return true;
	case SDL_WINDOWEVENT_FOCUS_LOST:
		if (!self->pressed)
			return false;
		/* The release will go to another window: end the press here. */
		self->pressed = false;
		out->kind = INPUT_CANCEL;
		out->pointer = self->pointer;
		return true;
	default: return false;
	}
}

static bool translate(platform *self, const SDL_Event *event, input_event *out)
{
	if (self->wake_event != 0 && event->type == self->wake_event) {
		out->kind = INPUT_WAKE;
		return true;
	}
	switch (event->type) {
	case SDL_FINGERDOWN:
	case SDL_FINGERMOTION:
	case SDL_FINGERUP: return finger_event(self, &event->tfinger, out);
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP: return mouse_button_event(self, &event->button, out);
	case SDL_MOUSEMOTION: return mouse_motion_event(self, &event->motion, out);
	case SDL_KEYDOWN: return key_event(&event->key, out);
	case SDL_QUIT: out->kind = INPUT_QUIT; return true;
	case SDL_WINDOWEVENT: return window_event(self, &event->window, out);
	default: return false;
	}
}

/* One SDL event, waiting at most `timeout_ms` (negative: for ever). */
static bool next_sdl_event(platform *self, int timeout_ms, SDL_Event *event)
{
	if (timeout_ms == 0)
		return SDL_PollEvent(event) != 0;
	if (self->driver_can_wait)
		return (timeout_ms < 0 ? SDL_WaitEvent(event)
		                       : SDL_WaitEventTimeout(event, timeout_ms)) != 0;
	uint64_t deadline = SDL_GetTicks64() + (uint64_t)(timeout_ms < 0 ? 0 : timeout_ms);
	for (;;) {
		if (SDL_PollEvent(event) != 0)
			return true;
		uint64_t now = SDL_GetTicks64();
		if (timeout_ms >= 0 && now >= deadline)
			return false;
		uint64_t left = timeout_ms < 0 ? HEADLESS_SLEEP_SLICE_MS : deadline - now;
		SDL_Delay(
		    (Uint32)(left < HEADLESS_SLEEP_SLICE_MS ? left : HEADLESS_SLEEP_SLICE_MS));
	}
}

bool platform_wait_event(platform *self, int timeout_ms, input_event *out)
{
	/* Events the kiosk ignores (a second finger, window moves) do not end
	 * the wait: what is queued behind them, or arrives later within the
	 * timeout, is still delivered. */
	uint64_t deadline = SDL_GetTicks64() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
	int wait = timeout_ms;
	for (;;) {
		SDL_Event event;
		if (!next_sdl_event(self, wait, &event))
			return false;
		*out = (input_event){.kind = INPUT_NONE, .pointer = -1};
		if (translate(self, &event, out)) {
			out->time_ms = event_time(event.common.timestamp);
			return true;
		}
		*out = (input_event){.kind = INPUT_NONE, .pointer = -1};
		if (timeout_ms > 0) {
			uint64_t now = SDL_GetTicks64();
			wait = now >= deadline ? 0 : (int)(deadline - now);
		}
	}
}

void platform_wake(platform *self)
{
	if (self->wake_event == 0) {
		return; /* the loop's own timeout still comes round */
	}
	SDL_Event event;
	SDL_zero(event);
	event.type = self->wake_event;
	/* SDL_PushEvent is thread-safe; a full queue only delays the news. */
	(void)SDL_PushEvent(&event);
}
