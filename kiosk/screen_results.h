/* screen_results.h — the ranked list of offers that fit the resident's
 * answers: cards that say why each fits, scrolled by dragging. */
#ifndef KIOSK_SCREEN_RESULTS_H
#define KIOSK_SCREEN_RESULTS_H

#include "screen.h"

/* Builds the results screen into context->list from context->results
 * (result_count cards, ranked), results_total, outcome (the relaxed answers
 * are named in one sentence) and scroll (pixels scrolled down). Adds an
 * ACTION_SCROLL_AREA target over the list first, an ACTION_OPEN_OFFER
 * target per card (argument = position), and a fixed bar with ACTION_BACK,
 * ACTION_OVERVIEW and ACTION_START_OVER. Writes the list's full content
 * height to *context->content_height when that is not NULL. Reads the
 * context only; everything it draws is copied into the list. */
void screen_results_build(const screen_context *context);

#endif
