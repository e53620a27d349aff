/* screen_idle.h — "Bent u er nog?": the overlay that asks a resident who
 * stopped touching the screen whether they are still there. */
#ifndef KIOSK_SCREEN_IDLE_H
#define KIOSK_SCREEN_IDLE_H

#include "screen.h"

/* Adds the overlay to context->list on top of the screen already built in
 * it: a dimmed page, a dialog with the countdown of `seconds_left` seconds
 * and a big "Ja, ik ben er nog" button. A full-window ACTION_STILL_HERE
 * target comes first (a touch anywhere means "still here"), the button's
 * target lies inside it. Reads the context only. */
void screen_idle_build(const screen_context *context, int seconds_left);

#endif
