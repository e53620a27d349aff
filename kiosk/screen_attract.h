/* screen_attract.h — the screen a passer-by sees while nobody uses the kiosk:
 * one real upcoming offer at a time and a big "Tik om te beginnen". */
#ifndef KIOSK_SCREEN_ATTRACT_H
#define KIOSK_SCREEN_ATTRACT_H

#include "screen.h"

/* Builds the attract screen into context->list: the offer
 * context->upcoming[context->upcoming_shown] (name, next meeting, walking
 * time, pictogram) or a welcome line when there is none, and the call to
 * action. The content drifts slowly with context->clock_ms (a few pixels a
 * minute, on a closed path inside the window) so a panel that shows it all
 * day does not burn in. One target, ACTION_BEGIN, covers the whole window.
 * Reads the context only; never fails (a full list sets the list's
 * status). */
void screen_attract_build(const screen_context *context);

/* The offset of the drifting content at `clock_ms` for a band of
 * `range_x` x `range_y` pixels: both results lie in 0..range (inclusive).
 * Deterministic and continuous; exposed so tests can check the path. */
void screen_attract_drift(uint64_t clock_ms, int range_x, int range_y, int *offset_x,
                          int *offset_y);

#endif
