/* session.c — one resident's choices, held in memory and wiped on reset. */
#include "session.h"

#include <string.h>

#include "text.h"

void session_wipe(session *resident)
{
	/* The session is about to be reused, but it must not linger meanwhile. */
	text_wipe(resident, sizeof(*resident));
}

void session_choose(session *resident, const question_set *questions, size_t question_index,
                    size_t option)
{
	const question *item = questions_at(questions, question_index);
	if (!item || option >= item->option_count || question_index >= QUESTIONS_MAX_QUESTIONS) {
		return;
	}
	uint32_t bit = 1u << option;
	if (item->choice == QUESTION_MULTIPLE) {
		resident->chosen[question_index] ^= bit;
	} else if (resident->chosen[question_index] == bit) {
		resident->chosen[question_index] = 0;
	} else {
		resident->chosen[question_index] = bit;
	}
}

bool session_is_chosen(const session *resident, size_t question_index, size_t option)
{
	if (question_index >= QUESTIONS_MAX_QUESTIONS || option >= 32) {
		return false;
	}
	return (resident->chosen[question_index] >> option) & 1u;
}

/* Appends `text` at *used in storage[size]; false when it does not fit. */
static bool append(char *storage, size_t size, size_t *used, const char *text)
{
	size_t length = strlen(text);
	if (*used + length + 1 > size) {
		return false;
	}
	memcpy(storage + *used, text, length + 1);
	*used += length;
	return true;
}

status session_answers(const session *resident, const question_set *questions, match_answers *out)
{
	char storage[2048];
	size_t used = 0;
	bool fits = true;
	storage[0] = '\0';
	size_t count = questions_count(questions);
	for (size_t index = 0; index < count && index < QUESTIONS_MAX_QUESTIONS; index++) {
		const question *item = questions_at(questions, index);
		if (resident->chosen[index] == 0) {
			continue;
		}
		fits = fits && append(storage, sizeof(storage), &used, used ? ";" : "");
		fits = fits && append(storage, sizeof(storage), &used, item->id);
		fits = fits && append(storage, sizeof(storage), &used, "=");
		bool first = true;
		for (size_t option = 0; option < item->option_count; option++) {
			if (session_is_chosen(resident, index, option)) {
				fits = fits &&
				       append(storage, sizeof(storage), &used, first ? "" : ",");
				fits = fits && append(storage, sizeof(storage), &used,
				                      item->options[option].id);
				first = false;
			}
		}
	}
	status result = STATUS_TOO_LARGE;
	if (fits) {
		char error[256];
		result = match_parse_answers(storage, out, error, sizeof(error));
	}
	/* The text names what the resident chose: do not leave it on the stack. */
	text_wipe(storage, sizeof(storage));
	return result;
}

bool session_toggle_pick(session *resident, const char *id)
{
	for (size_t index = 0; index < resident->pick_count; index++) {
		if (strcmp(resident->picks[index], id) == 0) {
			memmove(resident->picks[index], resident->picks[index + 1],
			        (resident->pick_count - index - 1) * SESSION_MAX_ID_BYTES);
			resident->pick_count--;
			memset(resident->picks[resident->pick_count], 0, SESSION_MAX_ID_BYTES);
			return true;
		}
	}
	if (resident->pick_count >= SESSION_MAX_PICKS) {
		return false;
	}
	if (!text_copy(resident->picks[resident->pick_count], SESSION_MAX_ID_BYTES, id)) {
		return false;
	}
	resident->pick_count++;
	return true;
}

bool session_is_picked(const session *resident, const char *id)
{
	for (size_t index = 0; index < resident->pick_count; index++) {
		if (strcmp(resident->picks[index], id) == 0) {
			return true;
		}
	}
	return false;
}
