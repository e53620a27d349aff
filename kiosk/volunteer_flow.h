/* volunteer_flow.h — the volunteer's screens as a state machine: the PIN pad
 * with its lockout, the preview of a stick's catalogue, the progress of an
 * import, its result, and the menu. Like app.c it does no I/O: it asks for
 * work (volunteer_flow_take_request) and is told how it went (events from
 * the volunteer service), so the whole flow runs in unit tests. */
#ifndef KIOSK_VOLUNTEER_FLOW_H
#define KIOSK_VOLUNTEER_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "screen.h"
#include "volunteer_service.h"

/* What the PIN opens. */
typedef enum volunteer_purpose {
	VOLUNTEER_FOR_IMPORT = 0, /* a stick with a catalogue (or a folder for the template) */
	VOLUNTEER_FOR_MENU        /* the hidden gesture */
} volunteer_purpose;

/* Work the flow asks for; the caller hands it to the volunteer service (or,
 * for the printer test and restart, does it itself). */
typedef enum volunteer_request {
	VOLUNTEER_REQUEST_NONE = 0,
	VOLUNTEER_REQUEST_CHECK_PIN,     /* the PIN comes with it */
	VOLUNTEER_REQUEST_READ_STICK,    /* read and preview the stick's catalogue */
	VOLUNTEER_REQUEST_APPLY,         /* apply the previewed catalogue */
	VOLUNTEER_REQUEST_DISCARD,       /* drop it */
	VOLUNTEER_REQUEST_MENU_INFO,     /* the menu's summaries */
	VOLUNTEER_REQUEST_EXPORT_COUNTS, /* gebruik.csv to the stick */
	VOLUNTEER_REQUEST_PRINTER_TEST,  /* print a test slip */
	VOLUNTEER_REQUEST_RESTART,       /* end the kiosk; the service manager starts it again */
	VOLUNTEER_REQUEST_COUNT
} volunteer_request;

/* What an action did to the flow. */
typedef enum volunteer_outcome {
	VOLUNTEER_STAYS = 0,     /* still on a volunteer page */
	VOLUNTEER_CLOSED,        /* back to the kiosk */
	VOLUNTEER_NEXT_LANGUAGE, /* the menu asked for the next default language */
	VOLUNTEER_NOT_MINE       /* not a volunteer action */
} volunteer_outcome;

#define VOLUNTEER_PIN_MAX_DIGITS 8u
#define VOLUNTEER_PIN_MIN_DIGITS 4u

typedef struct volunteer_flow volunteer_flow;

/* A closed flow with an unlocked PIN guard. NULL when out of memory; free
 * with volunteer_flow_destroy(). */
volunteer_flow *volunteer_flow_create(void);
/* Wipes the typed PIN and frees the preview. NULL is fine. */
void volunteer_flow_destroy(volunteer_flow *flow);

/* Opens the PIN pad for `purpose` (what was typed before is wiped). While
 * five wrong PINs lock the pad, it says for how long. `now_ms` is the app's
 * clock. */
void volunteer_flow_open(volunteer_flow *flow, volunteer_purpose purpose, int64_t now_ms);
/* Closes it: wipes the PIN and frees the preview; a preview that was open
 * asks for VOLUNTEER_REQUEST_DISCARD. Pending requests stay. */
void volunteer_flow_close(volunteer_flow *flow);
bool volunteer_flow_is_open(const volunteer_flow *flow);
volunteer_purpose volunteer_flow_purpose(const volunteer_flow *flow);
/* The page shown (or last shown, when closed). */
enum screen_volunteer_page volunteer_flow_page(const volunteer_flow *flow);
/* True while the flow waits for the service (PIN check, reading, applying):
 * the idle reset must not cut it off. */
bool volunteer_flow_is_waiting(const volunteer_flow *flow);

/* Follows the lockout at `now_ms`: the minutes left, and the pad unlocks
 * when it ends. Returns true when the screen changed. */
bool volunteer_flow_tick(volunteer_flow *flow, int64_t now_ms);
/* True while the open PIN pad is locked: the caller ticks it every second. */
bool volunteer_flow_is_locked(const volunteer_flow *flow);

/* Performs a touch target's action (screen.h's ACTION_PIN_*, ACTION_VOLUNTEER_*,
 * ACTION_MENU_ITEM) at `now_ms`. */
volunteer_outcome volunteer_flow_perform(volunteer_flow *flow, int action, int argument,
                                         int64_t now_ms);

/* Feeds an event from the volunteer service (borrowed; texts are copied).
 * Returns true when the screen changed. STICK events are the app's. */
bool volunteer_flow_handle_event(volunteer_flow *flow, const volunteer_event *event,
                                 int64_t now_ms);

/* Takes the oldest request (VOLUNTEER_REQUEST_NONE when there is none).
 * For CHECK_PIN the PIN is copied into pin[0..pin_size) (at least
 * VOLUNTEER_PIN_MAX_DIGITS + 1 bytes; the caller wipes it after use) and
 * wiped in the flow. */
volunteer_request volunteer_flow_take_request(volunteer_flow *flow, char *pin, size_t pin_size);

/* Fills `view` for screen_volunteer_build(); its strings are borrowed from
 * the flow until the next change. `language_default` is the own name of the
 * default language, `scroll` the preview list's scroll in pixels. */
void volunteer_flow_view(const volunteer_flow *flow, const char *language_default, int scroll,
                         screen_volunteer *view);

#endif
