/* screen_question.h — one question of the question set as big picture
 * tiles, with Terug, Sla over, Laat zien wat er is, Volgende and progress. */
#ifndef KIOSK_SCREEN_QUESTION_H
#define KIOSK_SCREEN_QUESTION_H

#include "screen.h"

/* Builds the screen for question context->resident->question of
 * context->questions into context->list: progress ("Vraag 3 van 9" and a
 * bar), the question and its help line, one tile per option (ACTION_OPTION,
 * argument = option index, filled when chosen) in a grid sized from the
 * window, and a bottom bar with ACTION_BACK, ACTION_SKIP,
 * ACTION_SHOW_RESULTS and ACTION_NEXT (the primary button). Every text
 * passes through the message catalogue. Draws nothing when the question
 * index is past the end. Reads the context only. */
void screen_question_build(const screen_context *context);

#endif
