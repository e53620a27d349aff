/* input.h — the kiosk's own input events, and the gesture reader that turns
 * presses, moves and releases into taps and drags. platform.c makes these from
 * SDL events (finger and mouse alike, in window pixels); the replay script
 * makes them directly. Pure libc, so gestures are tested without a display. */
#ifndef KIOSK_INPUT_H
#define KIOSK_INPUT_H

#include <stdbool.h>
#include <stdint.h>

typedef enum input_kind {
	INPUT_NONE = 0,
	INPUT_PRESS,   /* a finger or the mouse button went down at (x, y) */
	INPUT_MOVE,    /* it moved while down */
	INPUT_RELEASE, /* it went up at (x, y) */
	INPUT_CANCEL,  /* the press was lost (window lost focus, finger left the screen) */
	INPUT_KEY,     /* a key was pressed: `key` says which (kiosk mode ignores most) */
	INPUT_QUIT,    /* the window manager asked to close (Alt+F4, close button) */
	INPUT_RESIZE,  /* the window changed size: (x, y) is the new width, height */
	INPUT_EXPOSE,  /* the window must be drawn again */
	INPUT_WAKE     /* background work has news (platform_wake()): look at it */
} input_kind;

typedef enum input_key {
	INPUT_KEY_OTHER = 0,
	INPUT_KEY_ESCAPE,
	INPUT_KEY_QUIT_CHORD /* Ctrl+Q or Alt+F4 */
} input_key;

typedef struct input_event {
	input_kind kind;
	int x, y;         /* window pixels */
	uint64_t time_ms; /* the kiosk's clock (monotonic, or the replay's) */
	input_key key;    /* INPUT_KEY */
	int64_t pointer;  /* which finger (or -1 for the mouse): one pointer is tracked at a time */
} input_event;

#endif
