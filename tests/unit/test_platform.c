/* test_platform.c — SDL events in, kiosk input events out, on SDL's offscreen
 * driver: fingers and the mouse scaled to window pixels, made-up mouse events
 * and second fingers ignored, keys, quit and window events, and waiting that
 * sleeps instead of spinning. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform.h"

#define WINDOW_WIDTH  800
#define WINDOW_HEIGHT 600

static void use_offscreen_driver(void)
{
	assert_int_equal(setenv("SDL_VIDEODRIVER", "offscreen", 1), 0);
	assert_int_equal(setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 1), 0);
}

static int open_window(void **state)
{
	use_offscreen_driver();
	platform_options options = {.windowed = true,
	                            .width = WINDOW_WIDTH,
	                            .height = WINDOW_HEIGHT,
	                            .kiosk_mode = false,
	                            .title = "test"};
	platform *window = NULL;
	if (platform_open(&options, &window) != STATUS_OK) {
		fprintf(stderr, "platform_open: %s\n", platform_last_error());
		return -1;
	}
	/* Start from an empty queue: opening a window queues its own events. */
	SDL_PumpEvents();
	SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
	*state = window;
	return 0;
}

static int close_window(void **state)
{
	platform_close(*state);
	return 0;
}

static void push(SDL_Event *event)
{
	event->common.timestamp = SDL_GetTicks();
	assert_int_equal(SDL_PushEvent(event), 1);
}

static int queued_events(void)
{
	SDL_PumpEvents();
	return SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT);
}

/* The next event must translate into `kind`; returns it. */
static input_event expect_event(platform *window, input_kind kind)
{
	input_event event;
	memset(&event, 0xAB, sizeof event);
	assert_true(platform_wait_event(window, 1000, &event));
	assert_int_equal(event.kind, kind);
	uint64_t now = platform_now_ms();
	assert_true(event.time_ms <= now && now - event.time_ms < 1000);
	return event;
}

/* The next event is taken from the queue and ignored. A poll (timeout 0)
 * may also stop at the end of SDL's previous poll cycle without taking
 * anything, so poll until the queue is empty: no call may report an event. */
static void expect_ignored(platform *window)
{
	assert_int_equal(queued_events(), 1);
	for (int attempt = 0; attempt < 3 && queued_events() > 0; attempt++) {
		input_event event;
		assert_false(platform_wait_event(window, 0, &event));
	}
	assert_int_equal(queued_events(), 0);
}

static void push_finger(Uint32 type, SDL_TouchID touch, SDL_FingerID finger, float x, float y)
{
	SDL_Event event;
	memset(&event, 0, sizeof event);
	event.type = type;
	event.tfinger.touchId = touch;
	event.tfinger.fingerId = finger;
	event.tfinger.x = x;
	event.tfinger.y = y;
	event.tfinger.pressure = 1.0f;
	push(&event);
}

static void push_button(Uint32 type, Uint32 which, Uint8 button, int x, int y)
{
	SDL_Event event;
	memset(&event, 0, sizeof event);
	event.type = type;
	event.button.which = which;
	event.button.button = button;
	event.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
	event.button.x = x;
	event.button.y = y;
	push(&event);
}

static void push_motion(Uint32 which, Uint32 buttons, int x, int y)
{
	SDL_Event event;
	memset(&event, 0, sizeof event);
	event.type = SDL_MOUSEMOTION;
	event.motion.which = which;
	event.motion.state = buttons;
	event.motion.x = x;
	event.motion.y = y;
	push(&event);
}

static void push_key(SDL_Keycode symbol, Uint16 modifiers)
{
	SDL_Event event;
	memset(&event, 0, sizeof event);
	event.type = SDL_KEYDOWN;
	event.key.state = SDL_PRESSED;
	event.key.keysym.sym = symbol;
	event.key.keysym.mod = modifiers;
	push(&event);
}

static void push_window_event(platform *window, Uint8 what, int data1, int data2)
{
	SDL_Event event;
	memset(&event, 0, sizeof event);
	event.type = SDL_WINDOWEVENT;
	event.window.windowID = SDL_GetWindowID(platform_window(window));
	event.window.event = what;
	event.window.data1 = data1;
	event.window.data2 = data2;
	push(&event);
}

static void test_window_size(void **state)
{
	platform *window = *state;
	int width = 0;
	int height = 0;
	platform_window_size(window, &width, &height);
	assert_int_equal(width, WINDOW_WIDTH);
	assert_int_equal(height, WINDOW_HEIGHT);
	assert_non_null(platform_window(window));
}

static void test_finger_is_scaled_to_window_pixels(void **state)
{
	platform *window = *state;
	push_finger(SDL_FINGERDOWN, 3, 7, 0.5f, 0.25f);
	input_event event = expect_event(window, INPUT_PRESS);
	assert_int_equal(event.x, 400);
	assert_int_equal(event.y, 150);
	assert_int_equal(event.pointer, 7);

	push_finger(SDL_FINGERMOTION, 3, 7, 0.125f, 0.75f);
	event = expect_event(window, INPUT_MOVE);
	assert_int_equal(event.x, 100);
	assert_int_equal(event.y, 450);
	assert_int_equal(event.pointer, 7);

	/* The right and bottom edges stay inside the window. */
	push_finger(SDL_FINGERUP, 3, 7, 1.0f, 1.0f);
	event = expect_event(window, INPUT_RELEASE);
	assert_int_equal(event.x, WINDOW_WIDTH - 1);
	assert_int_equal(event.y, WINDOW_HEIGHT - 1);
	assert_int_equal(event.pointer, 7);
}

static void test_second_finger_is_ignored(void **state)
{
	platform *window = *state;
	push_finger(SDL_FINGERDOWN, 3, 1, 0.1f, 0.1f);
	assert_int_equal(expect_event(window, INPUT_PRESS).pointer, 1);
	push_finger(SDL_FINGERDOWN, 3, 2, 0.9f, 0.9f);
	expect_ignored(window);
	push_finger(SDL_FINGERMOTION, 3, 2, 0.8f, 0.8f);
	expect_ignored(window);
	/* The mouse is a second pointer too. */
	push_button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_LEFT, 5, 5);
	expect_ignored(window);
	push_finger(SDL_FINGERUP, 3, 2, 0.8f, 0.8f);
	expect_ignored(window);
	push_finger(SDL_FINGERMOTION, 3, 1, 0.2f, 0.1f);
	assert_int_equal(expect_event(window, INPUT_MOVE).x, 160);
	push_finger(SDL_FINGERUP, 3, 1, 0.2f, 0.1f);
	assert_int_equal(expect_event(window, INPUT_RELEASE).pointer, 1);
	/* Once the first is up, a new finger is tracked. */
	push_finger(SDL_FINGERDOWN, 3, 2, 0.5f, 0.5f);
	assert_int_equal(expect_event(window, INPUT_PRESS).pointer, 2);
	push_finger(SDL_FINGERUP, 3, 2, 0.5f, 0.5f);
	assert_int_equal(expect_event(window, INPUT_RELEASE).pointer, 2);
}

static void test_mouse_left_button(void **state)
{
	platform *window = *state;
	push_motion(0, 0, 10, 10); /* hovering is not a drag */
	expect_ignored(window);
	push_button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_RIGHT, 10, 10);
	expect_ignored(window);
	push_button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_LEFT, 12, 34);
	input_event event = expect_event(window, INPUT_PRESS);
	assert_int_equal(event.x, 12);
	assert_int_equal(event.y, 34);
	assert_int_equal(event.pointer, -1);
	push_motion(0, SDL_BUTTON_LMASK, 56, 78);
	event = expect_event(window, INPUT_MOVE);
	assert_int_equal(event.x, 56);
	assert_int_equal(event.y, 78);
	assert_int_equal(event.pointer, -1);
	push_button(SDL_MOUSEBUTTONUP, 0, SDL_BUTTON_RIGHT, 56, 78);
	expect_ignored(window);
	push_button(SDL_MOUSEBUTTONUP, 0, SDL_BUTTON_LEFT, 57, 79);
	event = expect_event(window, INPUT_RELEASE);
	assert_int_equal(event.x, 57);
	assert_int_equal(event.y, 79);
}

static void test_made_up_events_are_ignored(void **state)
{
	platform *window = *state;
	/* Mouse events SDL synthesises from a touch screen. */
	push_button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 1, 2);
	expect_ignored(window);
	push_motion(SDL_TOUCH_MOUSEID, SDL_BUTTON_LMASK, 3, 4);
	expect_ignored(window);
	push_button(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 3, 4);
	expect_ignored(window);
	/* Touches SDL synthesises from a mouse. */
	push_finger(SDL_FINGERDOWN, SDL_MOUSE_TOUCHID, 0, 0.5f, 0.5f);
	expect_ignored(window);
	/* A real touch then still works: nothing above left a press behind. */
	push_finger(SDL_FINGERDOWN, 3, 9, 0.5f, 0.5f);
	expect_event(window, INPUT_PRESS);
	push_finger(SDL_FINGERUP, 3, 9, 0.5f, 0.5f);
	expect_event(window, INPUT_RELEASE);
}

static void test_keys_and_quit(void **state)
{
	platform *window = *state;
	push_key(SDLK_ESCAPE, KMOD_NONE);
	assert_int_equal(expect_event(window, INPUT_KEY).key, INPUT_KEY_ESCAPE);
	push_key(SDLK_q, KMOD_LCTRL);
	assert_int_equal(expect_event(window, INPUT_KEY).key, INPUT_KEY_QUIT_CHORD);
	push_key(SDLK_F4, KMOD_RALT);
	assert_int_equal(expect_event(window, INPUT_KEY).key, INPUT_KEY_QUIT_CHORD);
	push_key(SDLK_q, KMOD_NONE);
	assert_int_equal(expect_event(window, INPUT_KEY).key, INPUT_KEY_OTHER);
	push_key(SDLK_F4, KMOD_NONE);
	assert_int_equal(expect_event(window, INPUT_KEY).key, INPUT_KEY_OTHER);

	SDL_Event quit;
	memset(&quit, 0, sizeof quit);
	quit.type = SDL_QUIT;
	push(&quit);
	expect_event(window, INPUT_QUIT);
	push_window_event(window, SDL_WINDOWEVENT_CLOSE, 0, 0);
	expect_event(window, INPUT_QUIT);
}

static void test_window_events(void **state)
{
	platform *window = *state;
	push_window_event(window, SDL_WINDOWEVENT_SIZE_CHANGED, 1080, 1920);
	input_event event = expect_event(window, INPUT_RESIZE);
	assert_int_equal(event.x, 1080);
	assert_int_equal(event.y, 1920);
	push_window_event(window, SDL_WINDOWEVENT_EXPOSED, 0, 0);
	expect_event(window, INPUT_EXPOSE);
	push_window_event(window, SDL_WINDOWEVENT_RESTORED, 0, 0);
	expect_event(window, INPUT_EXPOSE);

	/* Losing focus with nothing pressed means nothing... */
	push_window_event(window, SDL_WINDOWEVENT_FOCUS_LOST, 0, 0);
	expect_ignored(window);
	/* ...but ends a press, whose release then goes nowhere. */
	push_finger(SDL_FINGERDOWN, 3, 4, 0.5f, 0.5f);
	expect_event(window, INPUT_PRESS);
	push_window_event(window, SDL_WINDOWEVENT_FOCUS_LOST, 0, 0);
	assert_int_equal(expect_event(window, INPUT_CANCEL).pointer, 4);
	push_finger(SDL_FINGERUP, 3, 4, 0.5f, 0.5f);
	expect_ignored(window);
}

static double cpu_milliseconds(void)
{
	struct timespec moment;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &moment);
	return (double)moment.tv_sec * 1e3 + (double)moment.tv_nsec / 1e6;
}

static void test_waiting_sleeps(void **state)
{
	platform *window = *state;
	input_event event;
	uint64_t started = platform_now_ms();
	double cpu_started = cpu_milliseconds();
	assert_false(platform_wait_event(window, 300, &event));
	uint64_t waited = platform_now_ms() - started;
	double cpu_used = cpu_milliseconds() - cpu_started;
	assert_true(waited >= 250);
	/* SDL polls every few milliseconds while it waits; a spinning loop
	 * would burn the whole 300 ms. */
	assert_true(cpu_used < 150.0);
	/* A zero timeout only looks. */
	started = platform_now_ms();
	assert_false(platform_wait_event(window, 0, &event));
	assert_true(platform_now_ms() - started < 50);
}

static void test_physical_size_is_plausible_or_absent(void **state)
{
	platform *window = *state;
	double width_mm = -1.0;
	double height_mm = -1.0;
	if (platform_physical_size_mm(window, &width_mm, &height_mm)) {
		/* 800 pixels at 40..700 DPI. */
		assert_true(width_mm > 25.0 && width_mm < 600.0);
		assert_true(height_mm > 0.0);
		double aspect = width_mm / height_mm;
		assert_true(aspect > 1.33 * 0.8 - 0.1 && aspect < 1.34 * 1.25 + 0.1);
	} else {
		assert_true(width_mm == -1.0 && height_mm == -1.0);
	}
}

static void test_kiosk_mode_fills_the_screen(void **state)
{
	(void)state;
	use_offscreen_driver();
	platform_options options = {.kiosk_mode = true};
	platform *window = NULL;
	assert_int_equal(platform_open(&options, &window), STATUS_OK);
	int width = 0;
	int height = 0;
	platform_window_size(window, &width, &height);
	SDL_DisplayMode mode;
	assert_int_equal(SDL_GetDesktopDisplayMode(0, &mode), 0);
	assert_int_equal(width, mode.w);
	assert_int_equal(height, mode.h);
	assert_true((SDL_GetWindowFlags(platform_window(window)) & SDL_WINDOW_FULLSCREEN_DESKTOP) ==
	            SDL_WINDOW_FULLSCREEN_DESKTOP);
	assert_int_equal(SDL_ShowCursor(SDL_QUERY), SDL_DISABLE);
	/* Only one at a time. */
	platform *second = NULL;
	assert_int_equal(platform_open(&options, &second), STATUS_USAGE);
	assert_null(second);
	platform_close(window);
}

static void test_refusals(void **state)
{
	(void)state;
	use_offscreen_driver();
	platform *window = (platform *)state; /* must be reset to NULL */
	platform_options tiny = {.windowed = true, .width = 0, .height = 600};
	assert_int_equal(platform_open(&tiny, &window), STATUS_USAGE);
	assert_null(window);
	assert_true(strlen(platform_last_error()) > 0);

	assert_int_equal(setenv("SDL_VIDEODRIVER", "no-such-driver", 1), 0);
	platform_options options = {.windowed = true, .width = 100, .height = 100};
	assert_int_equal(platform_open(&options, &window), STATUS_IO);
	assert_null(window);
	assert_non_null(strstr(platform_last_error(), "no-such-driver"));

	/* No driver named and no display to find: a message that says so. A
	 * machine with a DRM device could open a console display instead. */
	if (access("/dev/dri", F_OK) != 0) {
		assert_int_equal(unsetenv("SDL_VIDEODRIVER"), 0);
		char *display = getenv("DISPLAY") != NULL ? strdup(getenv("DISPLAY")) : NULL;
		char *wayland =
		    getenv("WAYLAND_DISPLAY") != NULL ? strdup(getenv("WAYLAND_DISPLAY")) : NULL;
		assert_int_equal(unsetenv("DISPLAY"), 0);
		assert_int_equal(unsetenv("WAYLAND_DISPLAY"), 0);
		assert_int_equal(platform_open(&options, &window), STATUS_IO);
		assert_null(window);
		assert_non_null(strstr(platform_last_error(), "no display"));
		if (display != NULL)
			assert_int_equal(setenv("DISPLAY", display, 1), 0);
		if (wayland != NULL)
			assert_int_equal(setenv("WAYLAND_DISPLAY", wayland, 1), 0);
		free(display);
		free(wayland);
	}
	use_offscreen_driver();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_window_size, open_window, close_window),
	    cmocka_unit_test_setup_teardown(test_finger_is_scaled_to_window_pixels, open_window,
	                                    close_window),
	    cmocka_unit_test_setup_teardown(test_second_finger_is_ignored, open_window,
	                                    close_window),
	    cmocka_unit_test_setup_teardown(test_mouse_left_button, open_window, close_window),
	    cmocka_unit_test_setup_teardown(test_made_up_events_are_ignored, open_window,
	                                    close_window),
	    cmocka_unit_test_setup_teardown(test_keys_and_quit, open_window, close_window),
	    cmocka_unit_test_setup_teardown(test_window_events, open_window, close_window),
	    cmocka_unit_test_setup_teardown(test_waiting_sleeps, open_window, close_window),
	    cmocka_unit_test_setup_teardown(test_physical_size_is_plausible_or_absent, open_window,
	                                    close_window),
	    cmocka_unit_test(test_kiosk_mode_fills_the_screen),
	    cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
