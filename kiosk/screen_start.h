/* screen_start.h — the first screen after a touch: a greeting, one big
 * button per language in its own name, and the read-aloud switch. */
#ifndef KIOSK_SCREEN_START_H
#define KIOSK_SCREEN_START_H

#include "screen.h"

/* Builds the start screen into context->list: "Welkom", a button per
 * context->languages[i] (ACTION_LANGUAGE, argument i; the resident's
 * current language highlighted) and the read-aloud switch
 * (ACTION_READ_ALOUD) showing context->resident->read_aloud. Reads the
 * context only. */
void screen_start_build(const screen_context *context);

#endif
