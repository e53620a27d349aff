/* match.h — from a resident's answers to a ranked list of offers. A pure
 * function of answers, catalogue, location and "now"; no I/O. Answers a
 * resident means strictly (only free; in person only) filter, the rest score,
 * and when fewer than three offers fit every answer the least important
 * answers are relaxed one by one, and the outcome says which. */
#ifndef KIOSK_MATCH_H
#define KIOSK_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalogue.h"
#include "schedule.h"
#include "status.h"

/* The questions, by the answer keys of the command line and questions.ini. */
typedef enum match_key {
	MATCH_THEMES,     /* themas */
	MATCH_CONDITIONS, /* aandoeningen */
	MATCH_FORM,       /* vorm */
	MATCH_CONTACT,    /* contact */
	MATCH_NEARBY,     /* dichtbij */
	MATCH_ACCESS,     /* deelname */
	MATCH_COST,       /* kosten */
	MATCH_SUPPORT,    /* steun */
	MATCH_PHASE,      /* fase */
	MATCH_KEY_COUNT
} match_key;

enum match_contact_answer { MATCH_IN_PERSON_ONLY, MATCH_REMOTE, MATCH_EITHER };
enum match_cost_answer { MATCH_FREE_ONLY, MATCH_FREE_OR_CONTRIBUTION, MATCH_FREE_OR_REIMBURSED };

/* What a resident answered. A key whose bit is not in `answered` was skipped.
 * The sets use the catalogue's bits (THEME_*, CONDITION_*, ...). Lives in
 * memory only and is wiped on reset: it is personal. */
typedef struct match_answers {
	uint32_t answered; /* bit (1u << match_key) per answered question */
	uint16_t themes;
	uint16_t conditions; /* 0 with the key answered = "geen": no need */
	uint8_t form;        /* one FORM_* bit */
	uint8_t contact;     /* enum match_contact_answer */
	bool nearby;         /* dichtbij=ja (false = maakt_niet_uit) */
	uint8_t access;      /* ACCESS_DROP_IN or ACCESS_PROGRAMME */
	uint8_t cost;        /* enum match_cost_answer */
	uint8_t support;
	uint8_t phase; /* one PHASE_* bit */
} match_answers;

/* The answer key's name ("themas", ...). */
const char *match_key_name(match_key key);
/* The key named `name`, or MATCH_KEY_COUNT when there is none. */
match_key match_key_from_name(const char *name);
/* How much an answer counts (9 = most important); relaxing goes from the
 * lowest up, strict keys last. */
int match_key_importance(match_key key);

/* Parses "themas=bewegen,voeding;aandoeningen=diabetes;kosten=gratis" (keys
 * and values as in the command-line contract; "" = nothing answered). On
 * failure returns STATUS_INVALID (STATUS_TOO_LARGE for text of 4096 bytes or
 * more), leaves *out with nothing answered, and writes an English reason
 * into `error`. */
KIOSK_NODISCARD status match_parse_answers(const char *text, match_answers *out, char *error,
                                           size_t error_size);
/* Writes the canonical form of `answers` (keys in match_key order, values in
 * vocabulary order), e.g. "themas=bewegen;kosten=gratis". Holds only
 * vocabulary words, so it can be counted anonymously as unmet demand. */
KIOSK_NODISCARD status match_format_answers(const match_answers *answers, struct text_buffer *out);

/* One ranked offer. `matched` and `missed` are bit sets of match_key. */
typedef struct match_result {
	uint32_t offer_index;    /* into the catalogue */
	int32_t score;           /* higher is better */
	int32_t distance_metres; /* -1 when the offer has no location */
	uint16_t matched;
	uint16_t missed;
} match_result;

/* The ranked list. Borrowed from the engine until its next run. */
typedef struct match_outcome {
	const match_result *results;
	size_t count;                           /* every offer that passed the filters */
	size_t fitting_count;                   /* of those, how many meet every answer left */
	size_t fitting_before_relaxing;         /* 0 = unmet demand */
	uint16_t relaxed;                       /* bit set of relaxed keys */
	uint8_t relaxed_order[MATCH_KEY_COUNT]; /* relaxed keys, first relaxed first */
	uint8_t relaxed_count;
} match_outcome;

typedef struct match_engine match_engine;

/* Prepares matching over `items` (borrowed: it must outlive the engine and
 * not change) from the kiosk at latitude/longitude; offers within
 * `nearby_metres` count as nearby. Precomputes each offer's distance, so
 * create a new engine when the catalogue or location changes. NULL when out
 * of memory. */
match_engine *match_engine_create(const catalogue *items, double latitude, double longitude,
                                  double nearby_metres);
void match_engine_destroy(match_engine *engine);

/* Ranks the catalogue for `answers` at local time `now`. Stopped, paused and
 * expired offers never appear. Order is deterministic: offers meeting every
 * (unrelaxed) answer first, then by score, distance, and id. */
KIOSK_NODISCARD status match_engine_run(match_engine *engine, const match_answers *answers,
                                        local_time now, match_outcome *out);

#endif
