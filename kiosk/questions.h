/* questions.h — the question set the touch screens ask and matching uses,
 * loaded from data/questions.ini so that no question is hard-coded in C. */
#ifndef KIOSK_QUESTIONS_H
#define KIOSK_QUESTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "status.h"
#include "text.h"

/* Limits for the file and what it holds; a file beyond them is refused. */
#define QUESTIONS_MAX_FILE_BYTES (64u * 1024u)
#define QUESTIONS_MAX_QUESTIONS  16u
#define QUESTIONS_MAX_OPTIONS    16u
#define QUESTIONS_MAX_TEXT_BYTES 200u
#define QUESTIONS_MAX_ID_BYTES   32u
#define QUESTIONS_MAX_ICON_BYTES 64u
#define QUESTIONS_MIN_IMPORTANCE 1
#define QUESTIONS_MAX_IMPORTANCE 9

/* Whether a resident picks one answer or any number of them. */
typedef enum question_choice { QUESTION_SINGLE = 0, QUESTION_MULTIPLE } question_choice;

/* One answer tile. `id` is the answer key matching and counting use
 * ("bewegen"), `text` the plain-Dutch label, `icon` a Material Design Icons
 * name ("directions_walk"; "" when the file gives none). */
typedef struct question_option {
	char id[QUESTIONS_MAX_ID_BYTES + 1];
	char text[QUESTIONS_MAX_TEXT_BYTES + 1];
	char icon[QUESTIONS_MAX_ICON_BYTES + 1];
} question_option;

/* One question screen. `id` is the answer key ("themas"); `field` the
 * catalogue column it is matched against; `importance` 1..9 (9 = most
 * important, relaxed last); `strict` answers filter instead of scoring.
 * `help` is "" when the file gives none. */
typedef struct question {
	char id[QUESTIONS_MAX_ID_BYTES + 1];
	char text[QUESTIONS_MAX_TEXT_BYTES + 1];
	char help[QUESTIONS_MAX_TEXT_BYTES + 1];
	question_choice choice;
	catalogue_field field;
	int importance;
	bool strict;
	size_t option_count;
	question_option options[QUESTIONS_MAX_OPTIONS];
} question;

typedef struct question_set question_set;

/* Loads and validates the question set at `path`. On STATUS_OK *out is a new
 * set the caller frees with questions_free(). When the file breaks a rule
 * (unknown section or key, a duplicate, a missing or unknown field, fewer than
 * 2 or more than QUESTIONS_MAX_OPTIONS options, an option section for an
 * option not listed, a text over QUESTIONS_MAX_TEXT_BYTES, a line too long for
 * the INI reader, invalid UTF-8) it returns STATUS_INVALID, *out is NULL and
 * every problem is appended to `problems` (may be NULL) as one English line
 * "questions.ini line N: ...". STATUS_NOT_FOUND when the file does not
 * exist, STATUS_TOO_LARGE over QUESTIONS_MAX_FILE_BYTES, STATUS_IO when it
 * cannot be read, STATUS_NO_MEMORY. */
KIOSK_NODISCARD status questions_load(const char *path, question_set **out, text_buffer *problems);
/* The same for INI text in memory (borrowed); `name` prefixes the problem
 * lines instead of the file name. */
KIOSK_NODISCARD status questions_load_memory(const char *bytes, size_t length, const char *name,
                                             question_set **out, text_buffer *problems);
/* Frees a set from questions_load(); NULL is allowed. */
void questions_free(question_set *set);

/* Number of questions, in display order. */
size_t questions_count(const question_set *set);
/* The question at `index` (< questions_count()), borrowed from the set;
 * NULL past the end. */
const question *questions_at(const question_set *set, size_t index);
/* The question with answer key `id`, borrowed; NULL when there is none. */
const question *questions_find(const question_set *set, const char *id);
/* Index of the option `id` within `item`, or -1 when it has none. */
int questions_option_index(const question *item, const char *id);

#endif
