/* screen_print.h — the printing banner laid over the detail or overview
 * screen: "Bezig met printen…", "Neem uw briefje mee", or what went wrong. */
#ifndef KIOSK_SCREEN_PRINT_H
#define KIOSK_SCREEN_PRINT_H

#include "screen.h"

/* Draws the banner for context->print_state (1 busy, 2 done, 3 failed, with
 * context->print_message for 3) across the top of the window (its left half
 * in landscape, where the detail's QR code is on the right). It adds no
 * touch target: the screen under it keeps working, and the QR code stays
 * visible. Nothing for state 0. */
void screen_print_build(const screen_context *context);

#endif
