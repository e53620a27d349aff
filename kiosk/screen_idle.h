/* screen_idle.h — "Bent u er nog?": the overlay that asks a resident who
 * stopped touching the screen whether they are still there. */
#ifndef KIOSK_SCREEN_IDLE_H
#define KIOSK_SCREEN_IDLE_H

#include "screen.h"

/* Adds the overlay to context->list on top of the screen already built in
 * it: a dimmed page, a dialog with the countdown of `seconds_left` seconds
 * and a big "Ja, ik ben er nog" button. Its one target is the whole window
 * (ACTION_STILL_HERE, labelled "Ja, ik ben er nog"): a touch anywhere,
 * the button included, means "still here", and nothing underneath can be
 * touched. Reads the context only. */
void screen_idle_build(const screen_context *context, int seconds_left);

#endif
