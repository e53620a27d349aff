/* questions.c — reads data/questions.ini with libinih into a validated
 * question set; every rule the file breaks becomes one English problem line. */
#define _POSIX_C_SOURCE 200809L

#include "questions.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ini_file.h"

/* Option sections beyond one per possible option are certainly mistakes. */
#define MAX_OPTION_SECTIONS (QUESTIONS_MAX_QUESTIONS * QUESTIONS_MAX_OPTIONS)
/* Longest "[question.option]" name we look at. */
#define MAX_SECTION_NAME (2u * QUESTIONS_MAX_ID_BYTES + 2u)

struct question_set {
	size_t count;
	question items[QUESTIONS_MAX_QUESTIONS];
};

/* The keys a section may hold; a bit each, to notice duplicates and gaps. */
enum {
	KEY_TEXT = 1u << 0,
	KEY_HELP = 1u << 1,
	KEY_CHOICE = 1u << 2,
	KEY_FIELD = 1u << 3,
	KEY_OPTIONS = 1u << 4,
	KEY_IMPORTANCE = 1u << 5,
	KEY_STRICT = 1u << 6,
	KEY_ICON = 1u << 7
};

typedef struct key_name {
	const char *name;
	unsigned bit;
} key_name;

static const key_name question_keys[] = {
    {"text", KEY_TEXT},     {"help", KEY_HELP},       {"choice", KEY_CHOICE},
    {"field", KEY_FIELD},   {"options", KEY_OPTIONS}, {"importance", KEY_IMPORTANCE},
    {"strict", KEY_STRICT},
};
static const key_name option_keys[] = {{"text", KEY_TEXT}, {"icon", KEY_ICON}};

/* An [question.option] section, kept until every question has been read
 * because it may come before the question's `options` list. */
typedef struct option_section {
	char question_id[QUESTIONS_MAX_ID_BYTES + 1];
	char option_id[QUESTIONS_MAX_ID_BYTES + 1];
	char text[QUESTIONS_MAX_TEXT_BYTES + 1];
	char icon[QUESTIONS_MAX_ICON_BYTES + 1];
	unsigned line;
	unsigned keys_seen;
} option_section;

/* Where the keys of the current section go. */
typedef enum target_kind { TARGET_IGNORED, TARGET_QUESTION, TARGET_OPTION } target_kind;

typedef struct parser {
	ini_file_reader reader;
	ini_file_problems problems;
	question_set *set;
	unsigned question_lines[QUESTIONS_MAX_QUESTIONS];
	unsigned question_keys_seen[QUESTIONS_MAX_QUESTIONS];
	option_section *option_sections;
	size_t option_section_count;
	char seen_sections[QUESTIONS_MAX_QUESTIONS + MAX_OPTION_SECTIONS][MAX_SECTION_NAME + 1];
	size_t seen_section_count;
	target_kind target;
	size_t target_index;
	bool too_many_questions_reported;
	bool too_many_option_sections_reported;
} parser;

/* Answer keys and icon names are plain identifiers so they can be compared,
 * counted and written to the command line without escaping. */
static bool is_identifier(const char *text, size_t maximum)
{
	size_t length = strlen(text);
	return length <= maximum && ini_file_is_identifier(text, length);
}

static bool section_seen(parser *state, const char *name)
{
	for (size_t i = 0; i < state->seen_section_count; i++)
		if (strcmp(state->seen_sections[i], name) == 0)
			return true;
	return false;
}

static void begin_question(parser *state, const char *name)
{
	if (!is_identifier(name, QUESTIONS_MAX_ID_BYTES)) {
		ini_file_add_problem(&state->problems, state->reader.line,
		                     "question id [%s] must be 1..%u characters of a-z, 0-9 and _",
		                     name, QUESTIONS_MAX_ID_BYTES);
		return;
	}
	question_set *set = state->set;
	if (set->count >= QUESTIONS_MAX_QUESTIONS) {
		if (!state->too_many_questions_reported)
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "more than %u questions", QUESTIONS_MAX_QUESTIONS);
		state->too_many_questions_reported = true;
		return;
	}
	question *item = &set->items[set->count];
	memset(item, 0, sizeof(*item));
	(void)text_copy(item->id, sizeof(item->id), name);
	item->field = FIELD_COUNT;
	state->question_lines[set->count] = state->reader.line;
	state->question_keys_seen[set->count] = 0;
	state->target = TARGET_QUESTION;
	state->target_index = set->count;
	set->count++;
}

static void begin_option(parser *state, const char *name, const char *dot)
{
	char question_id[QUESTIONS_MAX_ID_BYTES + 2];
	size_t question_length = (size_t)(dot - name);
	if (question_length >= sizeof(question_id))
		question_length = sizeof(question_id) - 1;
	memcpy(question_id, name, question_length);
	question_id[question_length] = '\0';
	const char *option_id = dot + 1;
	if (!is_identifier(question_id, QUESTIONS_MAX_ID_BYTES) ||
	    !is_identifier(option_id, QUESTIONS_MAX_ID_BYTES)) {
		ini_file_add_problem(
		    &state->problems, state->reader.line,
		    "option section [%s] must be [question.option], each 1..%u characters "
		    "of a-z, 0-9 and _",
		    name, QUESTIONS_MAX_ID_BYTES);
		return;
	}
	if (state->option_section_count >= MAX_OPTION_SECTIONS) {
		if (!state->too_many_option_sections_reported)
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "more than %u option sections", MAX_OPTION_SECTIONS);
		state->too_many_option_sections_reported = true;
		return;
	}
	option_section *section = &state->option_sections[state->option_section_count];
	memset(section, 0, sizeof(*section));
	(void)text_copy(section->question_id, sizeof(section->question_id), question_id);
	(void)text_copy(section->option_id, sizeof(section->option_id), option_id);
	section->line = state->reader.line;
	state->target = TARGET_OPTION;
	state->target_index = state->option_section_count;
	state->option_section_count++;
}

/* Called for every "[name]" line the shared reader meets, so keys that
 * follow land in the right place and duplicates and empty sections are seen. */
static void begin_section(void *context, const char *start, size_t length)
{
	parser *state = context;
	state->target = TARGET_IGNORED;
	if (start == NULL)
		return;
	if (length > MAX_SECTION_NAME) {
		ini_file_add_problem(&state->problems, state->reader.line,
		                     "section name longer than %u characters", MAX_SECTION_NAME);
		return;
	}
	char name[MAX_SECTION_NAME + 1];
	memcpy(name, start, length);
	name[length] = '\0';
	if (section_seen(state, name)) {
		ini_file_add_problem(&state->problems, state->reader.line,
		                     "section [%s] appears more than once", name);
		return;
	}
	if (state->seen_section_count <
	    sizeof(state->seen_sections) / sizeof(state->seen_sections[0]))
		(void)text_copy(state->seen_sections[state->seen_section_count++],
		                MAX_SECTION_NAME + 1, name);
	const char *dot = strchr(name, '.');
	if (dot == NULL)
		begin_question(state, name);
	else
		begin_option(state, name, dot);
}

/* Which bit `key` is in `keys`, or 0. */
static unsigned key_bit(const key_name *keys, size_t count, const char *key)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(keys[i].name, key) == 0)
			return keys[i].bit;
	return 0;
}

/* Copies a display text, checking that it is present and not too long. */
static void set_text(parser *state, char *destination, size_t size, const char *key,
                     const char *value)
{
	if (value[0] == '\0') {
		ini_file_add_problem(&state->problems, state->reader.line, "'%s' is empty", key);
		return;
	}
	if (strlen(value) > QUESTIONS_MAX_TEXT_BYTES || !text_copy(destination, size, value))
		ini_file_add_problem(&state->problems, state->reader.line,
		                     "'%s' is longer than %u bytes", key, QUESTIONS_MAX_TEXT_BYTES);
}

static void set_options(parser *state, question *item, const char *value)
{
	size_t position = 0;
	const char *word = NULL;
	size_t word_length = 0;
	item->option_count = 0;
	while (ini_file_next_list_item(value, &position, &word, &word_length)) {
		char option_id[QUESTIONS_MAX_ID_BYTES + 1];
		if (word_length == 0 || word_length > QUESTIONS_MAX_ID_BYTES) {
			ini_file_add_problem(
			    &state->problems, state->reader.line,
			    "options of [%s] must be a comma-separated list of ids of 1..%u "
			    "characters",
			    item->id, QUESTIONS_MAX_ID_BYTES);
			continue;
		}
		memcpy(option_id, word, word_length);
		option_id[word_length] = '\0';
		if (!is_identifier(option_id, QUESTIONS_MAX_ID_BYTES)) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "option id '%s' of [%s] may hold only a-z, 0-9 and _",
			                     option_id, item->id);
			continue;
		}
		if (questions_option_index(item, option_id) >= 0) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "option '%s' is listed twice in [%s]", option_id,
			                     item->id);
			continue;
		}
		if (item->option_count >= QUESTIONS_MAX_OPTIONS) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "[%s] has more than %u options", item->id,
			                     QUESTIONS_MAX_OPTIONS);
			return;
		}
		question_option *option = &item->options[item->option_count++];
		memset(option, 0, sizeof(*option));
		(void)text_copy(option->id, sizeof(option->id), option_id);
	}
}

static void set_field(parser *state, question *item, const char *value)
{
	for (unsigned field = 0; field < FIELD_COUNT; field++) {
		const char *name = catalogue_field_name((catalogue_field)field);
		if (name != NULL && strcmp(name, value) == 0) {
			item->field = (catalogue_field)field;
			return;
		}
	}
	ini_file_add_problem(&state->problems, state->reader.line,
	                     "field '%s' of [%s] is not a catalogue column", value, item->id);
}

static void question_key(parser *state, question *item, unsigned bit, const char *key,
                         const char *value)
{
	switch (bit) {
	case KEY_TEXT: set_text(state, item->text, sizeof(item->text), key, value); break;
	case KEY_HELP:
		if (value[0] != '\0')
			set_text(state, item->help, sizeof(item->help), key, value);
		break;
	case KEY_CHOICE:
		if (strcmp(value, "single") == 0)
			item->choice = QUESTION_SINGLE;
		else if (strcmp(value, "multiple") == 0)
			item->choice = QUESTION_MULTIPLE;
		else
			ini_file_add_problem(
			    &state->problems, state->reader.line,
			    "choice of [%s] must be 'single' or 'multiple', not '%s'", item->id,
			    value);
		break;
	case KEY_FIELD: set_field(state, item, value); break;
	case KEY_OPTIONS: set_options(state, item, value); break;
	case KEY_IMPORTANCE: {
		long importance = 0;
		if (text_parse_integer(value, QUESTIONS_MIN_IMPORTANCE, QUESTIONS_MAX_IMPORTANCE,
		                       &importance))
			item->importance = (int)importance;
		else
			ini_file_add_problem(
			    &state->problems, state->reader.line,
			    "importance of [%s] must be a whole number %d..%d, not '%s'", item->id,
			    QUESTIONS_MIN_IMPORTANCE, QUESTIONS_MAX_IMPORTANCE, value);
		break;
	}
	case KEY_STRICT:
		if (strcmp(value, "yes") == 0)
			item->strict = true;
		else if (strcmp(value, "no") == 0)
			item->strict = false;
		else
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "strict of [%s] must be 'yes' or 'no', not '%s'",
			                     item->id, value);
		break;
	default: break;
	}
}

static void option_key(parser *state, option_section *section, unsigned bit, const char *key,
                       const char *value)
{
	if (bit == KEY_TEXT) {
		set_text(state, section->text, sizeof(section->text), key, value);
	} else if (bit == KEY_ICON) {
		if (is_identifier(value, QUESTIONS_MAX_ICON_BYTES))
			(void)text_copy(section->icon, sizeof(section->icon), value);
		else
			ini_file_add_problem(
			    &state->problems, state->reader.line,
			    "icon '%s' must be a Material icon name of 1..%u characters of "
			    "a-z, 0-9 and _",
			    value, QUESTIONS_MAX_ICON_BYTES);
	}
}

static void handle_pair(void *context, const char *key, const char *value)
{
	parser *state = context;
	switch (state->target) {
	case TARGET_IGNORED: return;
	case TARGET_QUESTION: {
		question *item = &state->set->items[state->target_index];
		unsigned bit =
		    key_bit(question_keys, sizeof(question_keys) / sizeof(question_keys[0]), key);
		unsigned *seen = &state->question_keys_seen[state->target_index];
		if (bit == 0) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "unknown key '%s' in [%s]", key, item->id);
		} else if ((*seen & bit) != 0) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "key '%s' appears twice in [%s]", key, item->id);
		} else {
			*seen |= bit;
			question_key(state, item, bit, key, value);
		}
		return;
	}
	case TARGET_OPTION: {
		option_section *option = &state->option_sections[state->target_index];
		unsigned bit =
		    key_bit(option_keys, sizeof(option_keys) / sizeof(option_keys[0]), key);
		if (bit == 0) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "unknown key '%s' in [%s.%s]", key,
			                     option->question_id, option->option_id);
		} else if ((option->keys_seen & bit) != 0) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "key '%s' appears twice in [%s.%s]", key,
			                     option->question_id, option->option_id);
		} else {
			option->keys_seen |= bit;
			option_key(state, option, bit, key, value);
		}
		return;
	}
	}
	return;
}

static question *find_question(question_set *set, const char *id)
{
	for (size_t i = 0; i < set->count; i++)
		if (strcmp(set->items[i].id, id) == 0)
			return &set->items[i];
	return NULL;
}

/* Checks what can only be judged once the whole file is read: required keys
 * and that option sections and option lists agree. */
static void finish(parser *state)
{
	question_set *set = state->set;
	for (size_t i = 0; i < set->count; i++) {
		const question *item = &set->items[i];
		unsigned seen = state->question_keys_seen[i];
		unsigned line = state->question_lines[i];
		static const key_name required[] = {{"text", KEY_TEXT},
		                                    {"choice", KEY_CHOICE},
		                                    {"field", KEY_FIELD},
		                                    {"options", KEY_OPTIONS},
		                                    {"importance", KEY_IMPORTANCE}};
		for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++)
			if ((seen & required[k].bit) == 0)
				ini_file_add_problem(&state->problems, line, "[%s] has no '%s'",
				                     item->id, required[k].name);
		if ((seen & KEY_OPTIONS) != 0 && item->option_count < 2)
			ini_file_add_problem(&state->problems, line,
			                     "[%s] needs at least 2 options", item->id);
	}

	bool filled[QUESTIONS_MAX_QUESTIONS][QUESTIONS_MAX_OPTIONS];
	memset(filled, 0, sizeof(filled));
	for (size_t i = 0; i < state->option_section_count; i++) {
		const option_section *section = &state->option_sections[i];
		question *owner = find_question(set, section->question_id);
		if (owner == NULL) {
			ini_file_add_problem(
			    &state->problems, section->line, "[%s.%s] belongs to no question [%s]",
			    section->question_id, section->option_id, section->question_id);
			continue;
		}
		int index = questions_option_index(owner, section->option_id);
		if (index < 0) {
			ini_file_add_problem(&state->problems, section->line,
			                     "[%s.%s] is not in the options of [%s]",
			                     section->question_id, section->option_id, owner->id);
			continue;
		}
		if ((section->keys_seen & KEY_TEXT) == 0)
			ini_file_add_problem(&state->problems, section->line,
			                     "[%s.%s] has no 'text'", section->question_id,
			                     section->option_id);
		question_option *option = &owner->options[index];
		(void)text_copy(option->text, sizeof(option->text), section->text);
		(void)text_copy(option->icon, sizeof(option->icon), section->icon);
		filled[owner - set->items][index] = true;
	}
	for (size_t i = 0; i < set->count; i++)
		for (size_t k = 0; k < set->items[i].option_count; k++)
			if (!filled[i][k])
				ini_file_add_problem(&state->problems, state->question_lines[i],
				                     "option '%s' of [%s] has no section [%s.%s]",
				                     set->items[i].options[k].id, set->items[i].id,
				                     set->items[i].id, set->items[i].options[k].id);
}

/* The one problem line for an oversize file, whether it came from disk or
 * from memory. */
static void add_too_large(ini_file_problems *problems)
{
	ini_file_add_problem(problems, 0, "larger than %u bytes", QUESTIONS_MAX_FILE_BYTES);
}

status questions_load_memory(const char *bytes, size_t length, const char *name, question_set **out,
                             text_buffer *problems)
{
	*out = NULL;
	parser *state = calloc(1, sizeof(*state));
	if (state == NULL)
		return STATUS_NO_MEMORY;
	ini_file_problems_start(&state->problems, name != NULL ? name : "questions", problems);

	status result = STATUS_OK;
	if (length > QUESTIONS_MAX_FILE_BYTES) {
		add_too_large(&state->problems);
		result = STATUS_TOO_LARGE;
		goto done;
	}
	result = ini_file_check_utf8(&state->problems, bytes, length, "");
	if (result != STATUS_OK)
		goto done;
	state->set = calloc(1, sizeof(*state->set));
	state->option_sections = calloc(MAX_OPTION_SECTIONS, sizeof(*state->option_sections));
	if (state->set == NULL || state->option_sections == NULL) {
		result = STATUS_NO_MEMORY;
		goto done;
	}
	result = ini_file_parse(&state->reader, bytes, length, &state->problems, begin_section,
	                        handle_pair, state);
	if (result != STATUS_OK)
		goto done;
	finish(state);
	if (state->set->count == 0)
		ini_file_add_problem(&state->problems, 0, "holds no questions");
	if (state->problems.failure != STATUS_OK)
		result = state->problems.failure;
	else if (state->problems.count > 0)
		result = STATUS_INVALID;

done:;
	status summary = ini_file_problems_finish(&state->problems);
	if (summary != STATUS_OK)
		result = summary;
	if (result == STATUS_OK)
		*out = state->set;
	else
		free(state->set);
	free(state->option_sections);
	free(state);
	return result;
}

status questions_load(const char *path, question_set **out, text_buffer *problems)
{
	*out = NULL;
	const char *name = ini_file_base_name(path);
	char *bytes = NULL;
	size_t length = 0;
	bool opened = false;
	status result =
	    ini_file_read_whole(path, QUESTIONS_MAX_FILE_BYTES, &bytes, &length, &opened);
	if (result == STATUS_OK) {
		result = questions_load_memory(bytes, length, name, out, problems);
		free(bytes);
		return result;
	}
	int error = errno;
	ini_file_problems report;
	ini_file_problems_start(&report, name, problems);
	if (result == STATUS_TOO_LARGE)
		add_too_large(&report);
	else if (!opened)
		ini_file_add_problem(&report, 0, "cannot open: %s", strerror(error));
	else if (result == STATUS_IO)
		ini_file_add_problem(&report, 0, "cannot be read");
	if (report.failure != STATUS_OK && result != STATUS_TOO_LARGE)
		return STATUS_NO_MEMORY;
	errno = error;
	return result;
}

void questions_free(question_set *set)
{
	free(set);
}

size_t questions_count(const question_set *set)
{
	return set != NULL ? set->count : 0;
}

const question *questions_at(const question_set *set, size_t index)
{
	if (set == NULL || index >= set->count)
		return NULL;
	return &set->items[index];
}

const question *questions_find(const question_set *set, const char *id)
{
	if (set == NULL || id == NULL)
		return NULL;
	for (size_t i = 0; i < set->count; i++)
		if (strcmp(set->items[i].id, id) == 0)
			return &set->items[i];
	return NULL;
}

int questions_option_index(const question *item, const char *id)
{
	if (item == NULL || id == NULL)
		return -1;
	for (size_t i = 0; i < item->option_count; i++)
		if (strcmp(item->options[i].id, id) == 0)
			return (int)i;
	return -1;
}
