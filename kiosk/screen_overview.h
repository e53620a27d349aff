/* screen_overview.h — the welfare worker's overview: every answer on one
 * scrolling screen, each changeable in one tap, and the top results with up
 * to three picks to print together. */
#ifndef KIOSK_SCREEN_OVERVIEW_H
#define KIOSK_SCREEN_OVERVIEW_H

#include "screen.h"

/* Builds the overview into context->list: per question of context->questions
 * its text and every option as a toggle showing the resident's answer
 * (ACTION_OVERVIEW_OPTION, argument = question index * 32 + option index),
 * then the first results, each with ACTION_OPEN_OFFER and a pick toggle
 * ACTION_TOGGLE_PICK (argument = position; state from session_is_picked()).
 * The content scrolls like the results list: an ACTION_SCROLL_AREA target
 * first, context->scroll pixels scrolled, the full height written to
 * *context->content_height when that is not NULL. A fixed bar holds
 * ACTION_BACK and, when a printer is available and something is picked,
 * ACTION_PRINT_PICKS. Reads the context only. */
void screen_overview_build(const screen_context *context);

#endif
