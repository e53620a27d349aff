/* session.h — what one resident chose: language, answers, the offers a
 * welfare worker picked. It lives in memory only and session_wipe() clears
 * it when the kiosk returns to the attract screen: it is personal. */
#ifndef KIOSK_SESSION_H
#define KIOSK_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "match.h"
#include "questions.h"
#include "status.h"

#define SESSION_MAX_PICKS    3u
#define SESSION_MAX_ID_BYTES 65u

typedef struct session {
	size_t language; /* index into the kiosk's language list; 0 = Dutch */
	bool read_aloud; /* the switch on the start screen */
	int text_style;  /* layout_text_style: the "Aa" button on every screen */
	size_t question; /* the question on screen (index in the question set) */
	/* Per question, one bit per option index (questions_at(...)->options). An
	 * empty set means skipped or not reached. */
	uint32_t chosen[QUESTIONS_MAX_QUESTIONS];
	bool visited[QUESTIONS_MAX_QUESTIONS]; /* shown at least once */
	/* Offer ids a welfare worker picked to print together, in picking order. */
	char picks[SESSION_MAX_PICKS][SESSION_MAX_ID_BYTES];
	size_t pick_count;
} session;

/* Clears everything, in a way the compiler may not optimise away. */
void session_wipe(session *resident);

/* Chooses option `option` of question `question`: for a single-choice
 * question it replaces the answer (choosing the chosen one again clears it),
 * for a multiple-choice question it toggles. Out-of-range indexes do
 * nothing. */
void session_choose(session *resident, const question_set *questions, size_t question,
                    size_t option);

/* True when the option is chosen. */
bool session_is_chosen(const session *resident, size_t question, size_t option);

/* The answers for matching: every question with a choice, by its `field`
 * key ("themas=bewegen,voeding;kosten=gratis"), parsed by
 * match_parse_answers(). STATUS_INVALID when questions.ini names an answer
 * the matcher does not know (the kiosk then matches without it). */
KIOSK_NODISCARD status session_answers(const session *resident, const question_set *questions,
                                       match_answers *out);

/* Toggles `id` in the picks: removes it when present, else appends it when
 * fewer than SESSION_MAX_PICKS are picked. Returns false when the list was
 * full (nothing changed). */
bool session_toggle_pick(session *resident, const char *id);
/* True when `id` is picked. */
bool session_is_picked(const session *resident, const char *id);

#endif
