/* csv.c — streaming CSV reader for spreadsheets saved by Excel or LibreOffice,
 * refusing anything beyond the catalogue's size limits, and a field writer. */
#define _POSIX_C_SOURCE 200809L
#include "csv.h"
#include "text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Bytes read from a file at a time. Larger than one record plus a BOM, so the
 * whole header is in the first chunk when the delimiter is detected. */
#define CSV_CHUNK_BYTES (128u * 1024u)
/* The field buffer starts small and grows up to one record plus a NUL per
 * field, so a huge line is refused without ever allocating for it. */
#define CSV_CONTENT_INITIAL_BYTES 4096u
#define CSV_CONTENT_MAX_BYTES     (CSV_MAX_RECORD_BYTES + CSV_MAX_FIELDS + 1u)

typedef enum parse_state {
	STATE_FIELD_START,     /* nothing of this field read yet */
	STATE_UNQUOTED,        /* in a plain field, or after a closing quote */
	STATE_QUOTED,          /* inside "…" */
	STATE_QUOTE_IN_QUOTED, /* a '"' inside "…": doubled quote or the end */
} parse_state;

struct csv_reader {
	FILE *file;           /* owned; NULL when reading from memory */
	unsigned char *chunk; /* owned refill buffer for files */
	const unsigned char *window;
	size_t window_length;
	size_t position;         /* next unread byte in window */
	uint64_t window_offset;  /* bytes of input before window[0] */
	uint64_t total_received; /* bytes taken from the file or memory */
	uint64_t max_file_bytes; /* refuse input beyond this */
	bool end_of_input;

	char *content; /* the current record's fields, each NUL-terminated */
	size_t content_length;
	size_t content_capacity;
	size_t field_count;
	size_t field_starts[CSV_MAX_FIELDS];
	size_t field_lengths[CSV_MAX_FIELDS];
	const char *field_pointers[CSV_MAX_FIELDS];

	bool started;        /* BOM and delimiter handled */
	bool skip_line_feed; /* the last record ended with CR: an LF may follow */
	char delimiter;
	uint32_t next_row;     /* spreadsheet row of the next line */
	uint32_t record_row;   /* row where the current record started */
	uint32_t records_read; /* records returned, the header included */
	uint64_t record_start; /* input offset where the current record began */
	status failure;        /* sticky: reading cannot continue after one */
	csv_problem problem;
};

static uint64_t consumed_offset(const csv_reader *reader)
{
	return reader->window_offset + reader->position;
}

static status fail(csv_reader *reader, status code, csv_problem problem)
{
	reader->failure = code;
	reader->problem = problem;
	return code;
}

static status new_reader(csv_reader **out)
{
	csv_reader *reader = calloc(1, sizeof *reader);
	if (reader == NULL)
		return STATUS_NO_MEMORY;
	reader->next_row = 1;
	reader->record_row = 1;
	reader->max_file_bytes = CSV_MAX_FILE_BYTES;
	*out = reader;
	return STATUS_OK;
}

status csv_reader_open_file(const char *path, csv_reader **out)
{
	return csv_reader_open_file_limited(path, CSV_MAX_FILE_BYTES, out);
}

status csv_reader_open_file_limited(const char *path, uint64_t max_file_bytes, csv_reader **out)
{
	*out = NULL;
	FILE *file = fopen(path, "rb");
	if (file == NULL)
		return STATUS_IO;
	struct stat information;
	if (fstat(fileno(file), &information) != 0) {
		int saved_errno = errno;
		fclose(file);
		errno = saved_errno;
		return STATUS_IO;
	}
	/* A pipe or device has no size; those are counted while reading. */
	if (S_ISREG(information.st_mode) && (uint64_t)information.st_size > max_file_bytes) {
		fclose(file);
		return STATUS_TOO_LARGE;
	}
	csv_reader *reader = NULL;
	status result = new_reader(&reader);
	if (result != STATUS_OK) {
		fclose(file);
		return result;
	}
	reader->chunk = malloc(CSV_CHUNK_BYTES);
	if (reader->chunk == NULL) {
		fclose(file);
		free(reader);
		return STATUS_NO_MEMORY;
	}
	reader->file = file;
	reader->window = reader->chunk;
	reader->max_file_bytes = max_file_bytes;
	*out = reader;
	return STATUS_OK;
}

status csv_reader_open_memory(const char *bytes, size_t length, csv_reader **out)
{
	*out = NULL;
	csv_reader *reader = NULL;
	status result = new_reader(&reader);
	if (result != STATUS_OK)
		return result;
	reader->window = (const unsigned char *)bytes;
	reader->window_length = bytes != NULL ? length : 0;
	reader->total_received = reader->window_length;
	reader->end_of_input = true;
	*out = reader;
	return STATUS_OK;
}

void csv_reader_close(csv_reader *reader)
{
	if (reader == NULL)
		return;
	if (reader->file != NULL)
		fclose(reader->file);
	free(reader->chunk);
	free(reader->content);
	free(reader);
}

/* Makes at least one unread byte available unless the input has ended.
 * Returns STATUS_OK also at the end; the caller checks position. */
static status refill(csv_reader *reader)
{
	if (reader->position < reader->window_length || reader->end_of_input)
		return STATUS_OK;
	reader->window_offset += reader->window_length;
	reader->window_length = 0;
	reader->position = 0;
	size_t received = fread(reader->chunk, 1, CSV_CHUNK_BYTES, reader->file);
	if (received < CSV_CHUNK_BYTES) {
		if (ferror(reader->file))
			return fail(reader, STATUS_IO, CSV_PROBLEM_NONE);
		reader->end_of_input = true;
	}
	reader->window_length = received;
	reader->total_received += received;
	if (reader->total_received > reader->max_file_bytes)
		return fail(reader, STATUS_TOO_LARGE, CSV_PROBLEM_FILE_TOO_LARGE);
	return STATUS_OK;
}

static bool at_end(const csv_reader *reader)
{
	return reader->position >= reader->window_length;
}

/* Makes room for `extra` content bytes; refuses beyond one record. */
static status reserve_content(csv_reader *reader, size_t extra)
{
	size_t needed = reader->content_length + extra + 1;
	if (needed > CSV_CONTENT_MAX_BYTES)
		return fail(reader, STATUS_TOO_LARGE, CSV_PROBLEM_RECORD_TOO_LARGE);
	if (needed <= reader->content_capacity)
		return STATUS_OK;
	size_t capacity =
	    reader->content_capacity == 0 ? CSV_CONTENT_INITIAL_BYTES : reader->content_capacity;
	while (capacity < needed)
		capacity *= 2;
	if (capacity > CSV_CONTENT_MAX_BYTES)
		capacity = CSV_CONTENT_MAX_BYTES;
	char *grown = realloc(reader->content, capacity);
	if (grown == NULL)
		return fail(reader, STATUS_NO_MEMORY, CSV_PROBLEM_NONE);
	reader->content = grown;
	reader->content_capacity = capacity;
	return STATUS_OK;
}

static status append_content(csv_reader *reader, const unsigned char *bytes, size_t length)
{
	status result = reserve_content(reader, length);
	if (result != STATUS_OK)
		return result;
	memcpy(reader->content + reader->content_length, bytes, length);
	reader->content_length += length;
	return STATUS_OK;
}

static status finish_field(csv_reader *reader, size_t field_start)
{
	if (reader->field_count >= CSV_MAX_FIELDS)
		return fail(reader, STATUS_TOO_LARGE, CSV_PROBLEM_TOO_MANY_FIELDS);
	status result = reserve_content(reader, 0);
	if (result != STATUS_OK)
		return result;
	reader->field_starts[reader->field_count] = field_start;
	reader->field_lengths[reader->field_count] = reader->content_length - field_start;
	reader->field_count++;
	reader->content[reader->content_length++] = '\0';
	return STATUS_OK;
}

/* Skips a UTF-8 BOM at the very start of the input. */
static void skip_byte_order_mark(csv_reader *reader)
{
	static const unsigned char mark[3] = {0xEF, 0xBB, 0xBF};
	if (reader->window_length - reader->position >= sizeof mark &&
	    memcmp(reader->window + reader->position, mark, sizeof mark) == 0)
		reader->position += sizeof mark;
}

/* Chooses the delimiter from the header without consuming it: counts ';'
 * and ',' outside quotes, treating both as field boundaries for deciding
 * where a quoted field may open. The header fits in the first chunk; if it
 * does not, the counts so far decide and the record limit refuses it later. */
static char detect_delimiter(const csv_reader *reader)
{
	const unsigned char *bytes = reader->window;
	size_t position = reader->position;
	size_t end = reader->window_length;
	while (position < end && (bytes[position] == '\r' || bytes[position] == '\n'))
		position++;
	size_t semicolons = 0;
	size_t commas = 0;
	parse_state state = STATE_FIELD_START;
	for (; position < end; position++) {
		unsigned char byte = bytes[position];
		if (state == STATE_QUOTED) {
			if (byte == '"')
				state = STATE_QUOTE_IN_QUOTED;
			continue;
		}
		if (state == STATE_QUOTE_IN_QUOTED && byte == '"') {
			state = STATE_QUOTED;
			continue;
		}
		if (byte == '\r' || byte == '\n')
			break;
		if (byte == ';' || byte == ',') {
			if (byte == ';')
				semicolons++;
			else
				commas++;
			state = STATE_FIELD_START;
		} else if (byte == '"' && state == STATE_FIELD_START) {
			state = STATE_QUOTED;
		} else {
			state = STATE_UNQUOTED;
		}
	}
	return commas > semicolons ? ',' : ';';
}

static status start_reading(csv_reader *reader)
{
	status result = refill(reader);
	if (result != STATUS_OK)
		return result;
	if (reader->file == NULL && reader->total_received > reader->max_file_bytes)
		return fail(reader, STATUS_TOO_LARGE, CSV_PROBLEM_FILE_TOO_LARGE);
	skip_byte_order_mark(reader);
	reader->delimiter = detect_delimiter(reader);
	reader->started = true;
	return STATUS_OK;
}

/* Skips completely empty lines before a record, counting each as a row.
 * Returns STATUS_NOT_FOUND when the input ends first. */
static status skip_empty_lines(csv_reader *reader)
{
	for (;;) {
		status result = refill(reader);
		if (result != STATUS_OK)
			return result;
		if (at_end(reader))
			return STATUS_NOT_FOUND;
		unsigned char byte = reader->window[reader->position];
		if (reader->skip_line_feed) {
			reader->skip_line_feed = false;
			if (byte == '\n') {
				reader->position++;
				continue;
			}
		}
		if (byte == '\r') {
			reader->skip_line_feed = true;
		} else if (byte != '\n') {
			return STATUS_OK;
		}
		reader->position++;
		reader->next_row++;
	}
}

/* Length of the run from `start` up to `end` that holds none of the bytes a
 * parse state reacts to, so plain text is copied in one piece. */
static size_t plain_run(const unsigned char *bytes, size_t start, size_t end, parse_state state,
                        unsigned char delimiter)
{
	size_t position = start;
	if (state == STATE_QUOTED) {
		while (position < end && bytes[position] != '"' && bytes[position] != 0)
			position++;
	} else {
		while (position < end) {
			unsigned char byte = bytes[position];
			if (byte == delimiter || byte == '\n' || byte == '\r' || byte == 0)
				break;
			position++;
		}
	}
	return position - start;
}

/* Parses one record starting at the current position into the fields. */
static status parse_record(csv_reader *reader)
{
	unsigned char delimiter = (unsigned char)reader->delimiter;
	parse_state state = STATE_FIELD_START;
	size_t field_start = 0;
	reader->content_length = 0;
	reader->field_count = 0;
	reader->record_start = consumed_offset(reader);
	for (;;) {
		status result = refill(reader);
		if (result != STATUS_OK)
			return result;
		uint64_t record_bytes = consumed_offset(reader) - reader->record_start;
		if (record_bytes > CSV_MAX_RECORD_BYTES)
			return fail(reader, STATUS_TOO_LARGE, CSV_PROBLEM_RECORD_TOO_LARGE);
		if (at_end(reader)) {
			if (state == STATE_QUOTED)
				return fail(reader, STATUS_INVALID, CSV_PROBLEM_UNTERMINATED_QUOTE);
			if (state == STATE_FIELD_START)
				field_start = reader->content_length; /* "a;" ends in "" */
			return finish_field(reader, field_start);
		}
		const unsigned char *bytes = reader->window;
		size_t position = reader->position;
		unsigned char byte = bytes[position];
		if (byte == 0)
			return fail(reader, STATUS_INVALID, CSV_PROBLEM_NUL_BYTE);
		switch (state) {
		case STATE_FIELD_START:
			field_start = reader->content_length;
			if (byte == '"') {
				reader->position++;
				state = STATE_QUOTED;
			} else {
				state = STATE_UNQUOTED;
			}
			break;
		case STATE_QUOTED:
		case STATE_UNQUOTED: {
			/* Never look further than the record may still grow. */
			size_t allowance = (size_t)(CSV_MAX_RECORD_BYTES - record_bytes) + 1;
			size_t end = reader->window_length - position < allowance
			                 ? reader->window_length
			                 : position + allowance;
			size_t run = plain_run(bytes, position, end, state, delimiter);
			if (run > 0) {
				result = append_content(reader, bytes + position, run);
				if (result != STATUS_OK)
					return result;
				reader->position += run;
				break;
			}
			reader->position++;
			if (state == STATE_QUOTED) {
				state = STATE_QUOTE_IN_QUOTED; /* byte is '"' */
				break;
			}
			result = finish_field(reader, field_start);
			if (result != STATUS_OK)
				return result;
			if (byte == delimiter) {
				state = STATE_FIELD_START;
				break;
			}
			reader->skip_line_feed = byte == '\r';
			reader->next_row++;
			return STATUS_OK;
		}
		case STATE_QUOTE_IN_QUOTED:
			if (byte == '"') {
				/* "" inside quotes is one literal quote. */
				result = append_content(reader, bytes + position, 1);
				if (result != STATUS_OK)
					return result;
				reader->position++;
				state = STATE_QUOTED;
			} else {
				/* The closing quote; anything up to the delimiter is
				 * kept as written, as Excel does. */
				state = STATE_UNQUOTED;
			}
			break;
		}
	}
}

status csv_reader_next(csv_reader *reader, csv_record *record)
{
	if (reader->failure != STATUS_OK)
		return reader->failure;
	reader->problem = CSV_PROBLEM_NONE;
	status result;
	if (!reader->started) {
		result = start_reading(reader);
		if (result != STATUS_OK)
			return result;
	}
	result = skip_empty_lines(reader);
	if (result != STATUS_OK)
		return result;
	reader->record_row = reader->next_row;
	/* The header is not counted: the limit is on the rows of offers. */
	if (reader->records_read > CSV_MAX_RECORDS)
		return fail(reader, STATUS_TOO_LARGE, CSV_PROBLEM_TOO_MANY_RECORDS);
	result = parse_record(reader);
	if (result != STATUS_OK)
		return result;
	reader->records_read++;
	for (size_t index = 0; index < reader->field_count; index++)
		reader->field_pointers[index] = reader->content + reader->field_starts[index];
	record->field_count = reader->field_count;
	record->fields = reader->field_pointers;
	record->field_lengths = reader->field_lengths;
	record->row = reader->record_row;
	return STATUS_OK;
}

csv_problem csv_reader_problem(const csv_reader *reader)
{
	return reader->problem;
}

uint32_t csv_reader_row(const csv_reader *reader)
{
	return reader->record_row;
}

char csv_reader_delimiter(const csv_reader *reader)
{
	return reader->records_read > 0 ? reader->delimiter : '\0';
}

uint64_t csv_reader_bytes_read(const csv_reader *reader)
{
	return consumed_offset(reader);
}

const char *csv_problem_message(csv_problem problem)
{
	switch (problem) {
	case CSV_PROBLEM_NONE: return "Er is geen probleem met het bestand.";
	case CSV_PROBLEM_FILE_TOO_LARGE: return "Het bestand is groter dan 20 MB.";
	case CSV_PROBLEM_RECORD_TOO_LARGE: return "Regel is langer dan 64 KB.";
	case CSV_PROBLEM_TOO_MANY_RECORDS: return "Het bestand heeft meer dan 200.000 regels.";
	case CSV_PROBLEM_TOO_MANY_FIELDS: return "Een regel heeft meer dan 256 kolommen.";
	case CSV_PROBLEM_NUL_BYTE:
		return "Dit lijkt geen tekstbestand (CSV) te zijn: er staan nul-tekens in. "
		       "Sla het bestand op als 'CSV UTF-8'.";
	case CSV_PROBLEM_UNTERMINATED_QUOTE:
		return "Er staat een aanhalingsteken (\") dat nergens wordt afgesloten.";
	}
	return "Het bestand kan niet worden gelezen.";
}

/* True when a field must be quoted to survive a round trip. */
static bool field_needs_quotes(const char *field, char delimiter)
{
	if (field[0] == ' ')
		return true;
	for (const char *cursor = field; *cursor != '\0'; cursor++)
		if (*cursor == delimiter || *cursor == '"' || *cursor == '\r' || *cursor == '\n')
			return true;
	return false;
}

status csv_append_field(text_buffer *out, const char *field, char delimiter)
{
	if (!field_needs_quotes(field, delimiter))
		return text_buffer_append_string(out, field);
	status result = text_buffer_append(out, "\"", 1);
	const char *run = field;
	for (const char *cursor = field; result == STATUS_OK; cursor++) {
		if (*cursor != '"' && *cursor != '\0')
			continue;
		/* Copy up to and including a quote, then double it. */
		size_t length = (size_t)(cursor - run) + (*cursor == '"');
		result = text_buffer_append(out, run, length);
		if (result == STATUS_OK && *cursor == '"')
			result = text_buffer_append(out, "\"", 1);
		if (*cursor == '\0')
			break;
		run = cursor + 1;
	}
	return result == STATUS_OK ? text_buffer_append(out, "\"", 1) : result;
}

status csv_write_field(FILE *out, const char *field, char delimiter)
{
	if (!field_needs_quotes(field, delimiter))
		return fputs(field, out) < 0 ? STATUS_IO : STATUS_OK;
	text_buffer quoted = {0};
	status result = csv_append_field(&quoted, field, delimiter);
	if (result == STATUS_OK &&
	    fwrite(text_buffer_string(&quoted), 1, quoted.length, out) != quoted.length)
		result = STATUS_IO;
	text_buffer_free(&quoted);
	return result;
}
