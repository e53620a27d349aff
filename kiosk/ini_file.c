/* ini_file.c — the reading, checking and problem reporting that config.c and
 * questions.c share, so both INI files are held to the same rules. */
#include "ini_file.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ini_file_problems_start(ini_file_problems *problems, const char *name, text_buffer *out)
{
	problems->name = name;
	problems->out = out;
	problems->count = 0;
	problems->failure = STATUS_OK;
}

void ini_file_add_problem(ini_file_problems *problems, unsigned line, const char *format, ...)
{
	problems->count++;
	if (problems->out == NULL || problems->count > INI_FILE_MAX_LISTED_PROBLEMS)
		return;
	char message[512];
	va_list arguments;
	va_start(arguments, format);
	int written = vsnprintf(message, sizeof(message), format, arguments);
	va_end(arguments);
	if (written < 0)
		message[0] = '\0';
	status result;
	if (line > 0)
		result = text_buffer_append_format(problems->out, "%s line %u: %s\n",
		                                   problems->name, line, message);
	else
		result =
		    text_buffer_append_format(problems->out, "%s: %s\n", problems->name, message);
	if (result != STATUS_OK)
		problems->failure = result;
}

status ini_file_problems_finish(ini_file_problems *problems)
{
	if (problems->count <= INI_FILE_MAX_LISTED_PROBLEMS || problems->out == NULL)
		return STATUS_OK;
	status result = text_buffer_append_format(
	    problems->out, "%s: %u more problems not listed\n", problems->name,
	    problems->count - INI_FILE_MAX_LISTED_PROBLEMS);
	if (result != STATUS_OK)
		problems->failure = result;
	return result;
}

status ini_file_read_whole(const char *path, size_t limit, char **bytes, size_t *length,
                           bool *opened)
{
	*bytes = NULL;
	*length = 0;
	FILE *file = fopen(path, "rb");
	if (opened != NULL)
		*opened = file != NULL;
	if (file == NULL)
		return errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO;
	char *read = malloc(limit + 2);
	if (read == NULL) {
		fclose(file);
		return STATUS_NO_MEMORY;
	}
	/* One byte past the limit tells "exactly at" from "over". */
	size_t got = fread(read, 1, limit + 1, file);
	bool failed = ferror(file) != 0;
	int error = errno;
	fclose(file);
	if (failed) {
		free(read);
		errno = error;
		return STATUS_IO;
	}
	if (got > limit) {
		free(read);
		return STATUS_TOO_LARGE;
	}
	read[got] = '\0';
	*bytes = read;
	*length = got;
	return STATUS_OK;
}

status ini_file_check_utf8(ini_file_problems *problems, const char *bytes, size_t length,
                           const char *consequence)
{
	if (text_is_valid_utf8(bytes, length))
		return STATUS_OK;
	ini_file_add_problem(problems, 0, "not valid UTF-8 text%s", consequence);
	return STATUS_INVALID;
}

bool ini_file_is_identifier(const char *text, size_t length)
{
	if (length == 0)
		return false;
	for (size_t i = 0; i < length; i++) {
		char c = text[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

bool ini_file_next_list_item(const char *value, size_t *position, const char **item, size_t *length)
{
	/* *position runs one past the end once the last entry is handed out. */
	size_t total = strlen(value);
	if (*position > total)
		return false;
	const char *comma = strchr(value + *position, ',');
	size_t end = comma != NULL ? (size_t)(comma - value) : total;
	size_t item_length = end - *position;
	*item = text_trim(value + *position, &item_length);
	*length = item_length;
	*position = end + 1;
	return true;
}

const char *ini_file_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

static void begin_section(ini_file_reader *reader, const char *header)
{
	reader->in_section = true;
	const char *close = strchr(header, ']');
	if (close == NULL) {
		ini_file_add_problem(reader->problems, reader->line, "section header without ']'");
		reader->begin_section(reader->context, NULL, 0);
		return;
	}
	reader->begin_section(reader->context, header + 1, (size_t)(close - header) - 1);
}

/* Whether libinih will take `line` (trimmed, not a comment or section) as
 * "key = value": it looks for '=' or ':' only up to an inline comment, a ';'
 * after a blank, and silently drops the line when none comes before it. */
static bool is_key_line(const char *line)
{
	bool after_blank = false;
	for (const char *c = line; *c != '\0'; c++) {
		if (*c == '=' || *c == ':')
			return true;
		if (*c == ';' && after_blank)
			return false;
		after_blank =
		    *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r' || *c == '\v' || *c == '\f';
	}
	return false;
}

/* The line reader handed to inih: numbers lines, refuses lines inih would
 * silently split, removes leading blanks (no continuation lines) and notices
 * section headers itself, so problems can name their line and long section
 * names are not cut short. */
static char *read_line(char *destination, int capacity, void *stream)
{
	ini_file_reader *reader = stream;
	if (reader->position >= reader->length || capacity < 2)
		return NULL;
	const char *start = reader->bytes + reader->position;
	size_t remaining = reader->length - reader->position;
	const char *newline = memchr(start, '\n', remaining);
	size_t line_length = newline != NULL ? (size_t)(newline - start) + 1 : remaining;
	reader->position += line_length;
	reader->line++;

	if (reader->line == 1 && line_length >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
		start += 3;
		line_length -= 3;
	}
	start = text_trim(start, &line_length);

	size_t maximum = (size_t)capacity - 1;
	if (line_length > maximum) {
		ini_file_add_problem(reader->problems, reader->line,
		                     "line is longer than %zu bytes", maximum);
		destination[0] = '\0';
		return destination;
	}
	memcpy(destination, start, line_length);
	destination[line_length] = '\0';

	if (line_length == 0 || destination[0] == ';' || destination[0] == '#')
		return destination;
	if (destination[0] == '[')
		begin_section(reader, destination);
	else if (!is_key_line(destination))
		ini_file_add_problem(reader->problems, reader->line,
		                     "expected [section], key = value or a comment");
	return destination;
}

static int handle_pair(void *user, const char *section, const char *key, const char *value)
{
	ini_file_reader *reader = user;
	(void)section; /* read_line tracks sections itself, untruncated */
	if (key == NULL || value == NULL)
		return 1; /* a new-section call, when libinih was built to make one */
	if (!reader->in_section)
		ini_file_add_problem(reader->problems, reader->line,
		                     "key '%s' comes before any [section]", key);
	else
		reader->take_pair(reader->context, key, value);
	return 1;
}

status ini_file_parse(ini_file_reader *reader, const char *bytes, size_t length,
                      ini_file_problems *problems, ini_file_section_handler *begin,
                      ini_file_pair_handler *take_pair, void *context)
{
	memset(reader, 0, sizeof(*reader));
	reader->bytes = bytes;
	reader->length = length;
	reader->problems = problems;
	reader->begin_section = begin;
	reader->take_pair = take_pair;
	reader->context = context;
	return ini_parse_stream(read_line, reader, handle_pair, reader) == -2 ? STATUS_NO_MEMORY
	                                                                      : STATUS_OK;
}
