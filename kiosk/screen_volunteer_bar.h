/* screen_volunteer_bar.h — "Vrijwilliger? Tik hier": the small band laid over
 * a resident's screen while a volunteer's stick waits, so nobody is
 * interrupted. */
#ifndef KIOSK_SCREEN_VOLUNTEER_BAR_H
#define KIOSK_SCREEN_VOLUNTEER_BAR_H

#include "screen.h"

/* The band's height in pixels: at least metrics->target (15 mm) and enough
 * for its one line of text. The resident's screens keep no touch target in
 * this band at the top of the window (their titles, progress and headers
 * sit there), so the band covers none of them. */
int screen_volunteer_bar_height(const screen_context *context);

/* Adds the band to context->list on top of the screen already built there
 * when context->volunteer_waiting (nothing otherwise): a full-width strip
 * at the very top of the window, screen_volunteer_bar_height() high, in the
 * accent colour with "Vrijwilliger? Tik hier", and one target over the
 * whole strip with ACTION_VOLUNTEER_OPEN (drawn pressed while it is under a
 * finger). It leaves the rest of the screen, the buttons at its foot
 * included, as it was. Reads the context only. */
void screen_volunteer_bar_build(const screen_context *context);

#endif
