/* replay.c — parsing replay scripts, strictly: a typo fails with its line
 * number instead of playing something else. */
#define _POSIX_C_SOURCE 200809L
#include "replay.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct replay_script {
	replay_step *steps;
	size_t count;
	size_t capacity;
};

typedef struct cursor {
	const char *at;
	const char *end;
} cursor;

static void skip_spaces(cursor *line)
{
	while (line->at < line->end && (*line->at == ' ' || *line->at == '\t')) {
		line->at++;
	}
}

/* The next space-separated word into `out`; false when there is none or it
 * is too long. */
static bool next_word(cursor *line, char *out, size_t size)
{
	skip_spaces(line);
	size_t length = 0;
	while (line->at < line->end && *line->at != ' ' && *line->at != '\t') {
		if (length + 1 >= size) {
			return false;
		}
		out[length++] = *line->at++;
	}
	out[length] = '\0';
	return length > 0;
}

static bool next_integer(cursor *line, long minimum, long maximum, int *out)
{
	char word[32];
	long value = 0;
	if (!next_word(line, word, sizeof(word)) ||
	    !text_parse_integer(word, minimum, maximum, &value)) {
		return false;
	}
	*out = (int)value;
	return true;
}

static bool next_quoted(cursor *line, char *out, size_t size)
{
	skip_spaces(line);
	if (line->at >= line->end || *line->at != '"') {
		return false;
	}
	line->at++;
	size_t length = 0;
	while (line->at < line->end && *line->at != '"') {
		char character = *line->at++;
		if (character == '\\') {
			if (line->at >= line->end || (*line->at != '"' && *line->at != '\\')) {
				return false;
			}
			character = *line->at++;
		}
		if (length + 1 >= size) {
			return false;
		}
		out[length++] = character;
	}
	if (line->at >= line->end) {
		return false; /* no closing quote */
	}
	line->at++;
	out[length] = '\0';
	return length > 0 && text_is_valid_utf8(out, length);
}

static bool at_end(cursor *line)
{
	skip_spaces(line);
	return line->at >= line->end;
}

static bool valid_shot_name(const char *name)
{
	size_t length = strlen(name);
	if (length == 0 || length > 64) {
		return false;
	}
	for (size_t index = 0; index < length; index++) {
		char character = name[index];
		bool allowed = (character >= 'a' && character <= 'z') ||
		               (character >= 'A' && character <= 'Z') ||
		               (character >= '0' && character <= '9') || character == '_' ||
		               character == '-';
		if (!allowed) {
			return false;
		}
	}
	return true;
}

/* Parses one non-empty, non-comment line into *step; a reason on failure. */
static const char *parse_line(cursor *line, replay_step *step)
{
	char command[32];
	if (!next_word(line, command, sizeof(command))) {
		return "unknown command";
	}
	enum { COORDINATE_MAX = 100000 };
	if (strcmp(command, "tap") == 0) {
		skip_spaces(line);
		if (line->at < line->end && *line->at == '"') {
			step->kind = REPLAY_TAP_LABEL;
			if (!next_quoted(line, step->text, sizeof(step->text))) {
				return "tap expects \"Label\" (quoted, at most 255 bytes)";
			}
		} else {
			step->kind = REPLAY_TAP_POINT;
			if (!next_integer(line, 0, COORDINATE_MAX, &step->x1) ||
			    !next_integer(line, 0, COORDINATE_MAX, &step->y1)) {
				return "tap expects X Y or \"Label\"";
			}
		}
	} else if (strcmp(command, "drag") == 0) {
		step->kind = REPLAY_DRAG;
		if (!next_integer(line, 0, COORDINATE_MAX, &step->x1) ||
		    !next_integer(line, 0, COORDINATE_MAX, &step->y1) ||
		    !next_integer(line, 0, COORDINATE_MAX, &step->x2) ||
		    !next_integer(line, 0, COORDINATE_MAX, &step->y2) ||
		    !next_integer(line, 1, 60000, &step->milliseconds)) {
			return "drag expects X1 Y1 X2 Y2 MS (MS 1..60000)";
		}
	} else if (strcmp(command, "wait") == 0) {
		step->kind = REPLAY_WAIT;
		if (!next_integer(line, 0, REPLAY_MAX_WAIT_MS, &step->milliseconds)) {
			return "wait expects MS (0..86400000)";
		}
	} else if (strcmp(command, "shot") == 0) {
		step->kind = REPLAY_SHOT;
		if (!next_word(line, step->text, sizeof(step->text)) ||
		    !valid_shot_name(step->text)) {
			return "shot expects NAME of letters, digits, '_' or '-' (at most 64)";
		}
	} else if (strcmp(command, "expect") == 0 || strcmp(command, "expect-not") == 0) {
		step->kind = command[6] == '\0' ? REPLAY_EXPECT : REPLAY_EXPECT_NOT;
		if (!next_quoted(line, step->text, sizeof(step->text))) {
			return "expect expects \"text\" (quoted, at most 255 bytes)";
		}
	} else if (strcmp(command, "key") == 0) {
		step->kind = REPLAY_KEY;
		char name[16];
		if (!next_word(line, name, sizeof(name))) {
			return "key expects escape, ctrl-q or alt-f4";
		}
		if (strcmp(name, "escape") == 0) {
			step->key = REPLAY_KEY_ESCAPE;
		} else if (strcmp(name, "ctrl-q") == 0) {
			step->key = REPLAY_KEY_CTRL_Q;
		} else if (strcmp(name, "alt-f4") == 0) {
			step->key = REPLAY_KEY_ALT_F4;
		} else {
			return "key expects escape, ctrl-q or alt-f4";
		}
	} else if (strcmp(command, "close") == 0) {
		step->kind = REPLAY_CLOSE;
	} else if (strcmp(command, "check-layout") == 0) {
		step->kind = REPLAY_CHECK_LAYOUT;
	} else {
		return "unknown command (tap, drag, wait, shot, expect, expect-not, key, close, "
		       "check-layout)";
	}
	if (!at_end(line)) {
		return "unexpected text after the command";
	}
	return NULL;
}

static status append_step(replay_script *script, const replay_step *step)
{
	if (script->count == script->capacity) {
		size_t capacity = script->capacity ? script->capacity * 2 : 64;
		replay_step *grown = realloc(script->steps, capacity * sizeof(replay_step));
		if (!grown) {
			return STATUS_NO_MEMORY;
		}
		script->steps = grown;
		script->capacity = capacity;
	}
	script->steps[script->count++] = *step;
	return STATUS_OK;
}

status replay_parse(const char *bytes, size_t length, replay_script **out, char *error,
                    size_t error_size)
{
	*out = NULL;
	if (error_size > 0) {
		error[0] = '\0';
	}
	if (length > REPLAY_MAX_FILE_BYTES) {
		(void)text_format(error, error_size, "script larger than %u bytes",
		                  REPLAY_MAX_FILE_BYTES);
		return STATUS_TOO_LARGE;
	}
	replay_script *script = calloc(1, sizeof(replay_script));
	if (!script) {
		return STATUS_NO_MEMORY;
	}
	const char *position = bytes;
	const char *end = bytes + length;
	unsigned line_number = 0;
	while (position < end) {
		line_number++;
		const char *line_end = memchr(position, '\n', (size_t)(end - position));
		if (!line_end) {
			line_end = end;
		}
		cursor line = {position, line_end};
		if (line.end > line.at && line.end[-1] == '\r') {
			line.end--;
		}
		position = line_end < end ? line_end + 1 : end;
		if (memchr(line.at, '\0', (size_t)(line.end - line.at))) {
			(void)text_format(error, error_size, "line %u: contains a NUL byte",
			                  line_number);
			replay_free(script);
			return STATUS_INVALID;
		}
		skip_spaces(&line);
		if (line.at >= line.end || *line.at == '#') {
			continue;
		}
		if (script->count >= REPLAY_MAX_STEPS) {
			(void)text_format(error, error_size, "more than %u steps",
			                  REPLAY_MAX_STEPS);
			replay_free(script);
			return STATUS_TOO_LARGE;
		}
		replay_step step;
		memset(&step, 0, sizeof(step));
		step.line = line_number;
		const char *reason = parse_line(&line, &step);
		if (reason) {
			(void)text_format(error, error_size, "line %u: %s", line_number, reason);
			replay_free(script);
			return STATUS_INVALID;
		}
		if (append_step(script, &step) != STATUS_OK) {
			replay_free(script);
			return STATUS_NO_MEMORY;
		}
	}
	*out = script;
	return STATUS_OK;
}

status replay_load_file(const char *path, replay_script **out, char *error, size_t error_size)
{
	*out = NULL;
	FILE *file = fopen(path, "rb");
	if (!file) {
		(void)text_format(error, error_size, "cannot open %s: %s", path, strerror(errno));
		return errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO;
	}
	size_t capacity = 64 * 1024;
	size_t length = 0;
	char *bytes = malloc(capacity);
	status result = bytes ? STATUS_OK : STATUS_NO_MEMORY;
	while (result == STATUS_OK) {
		if (length == capacity) {
			if (capacity > REPLAY_MAX_FILE_BYTES) {
				(void)text_format(error, error_size, "script larger than %u bytes",
				                  REPLAY_MAX_FILE_BYTES);
				result = STATUS_TOO_LARGE;
				break;
			}
			char *grown = realloc(bytes, capacity * 2);
			if (!grown) {
				result = STATUS_NO_MEMORY;
				break;
			}
			bytes = grown;
			capacity *= 2;
		}
		size_t got = fread(bytes + length, 1, capacity - length, file);
		length += got;
		if (got == 0) {
			if (ferror(file)) {
				(void)text_format(error, error_size, "cannot read %s", path);
				result = STATUS_IO;
			}
			break;
		}
	}
	fclose(file);
	if (result == STATUS_OK) {
		result = replay_parse(bytes, length, out, error, error_size);
	}
	free(bytes);
	return result;
}

void replay_free(replay_script *script)
{
	if (script) {
		free(script->steps);
		free(script);
	}
}

size_t replay_count(const replay_script *script)
{
	return script->count;
}

const replay_step *replay_at(const replay_script *script, size_t index)
{
	return &script->steps[index];
}
