/* test_csv.c — unit tests for the streaming CSV reader: BOM, delimiter
 * detection, line endings, quoting, row numbers, limits and the writer. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csv.h"
#include "text.h"

/* All records of one input, flattened for comparison: every record becomes
 * "row:field|field|…\n". The reader's final status and problem are kept. */
typedef struct parsed {
	text_buffer text;
	size_t record_count;
	status final_status;
	csv_problem problem;
	uint32_t stop_row;
	char delimiter;
	uint64_t bytes_read;
} parsed;

static void collect(csv_reader *reader, parsed *result)
{
	memset(result, 0, sizeof *result);
	csv_record record;
	status code;
	while ((code = csv_reader_next(reader, &record)) == STATUS_OK) {
		assert_int_equal(text_buffer_append_format(&result->text, "%u:", record.row),
		                 STATUS_OK);
		for (size_t index = 0; index < record.field_count; index++) {
			/* Every field is NUL-terminated at its length. */
			assert_int_equal(record.fields[index][record.field_lengths[index]], '\0');
			if (index > 0)
				assert_int_equal(text_buffer_append(&result->text, "|", 1),
				                 STATUS_OK);
			assert_int_equal(text_buffer_append(&result->text, record.fields[index],
			                                    record.field_lengths[index]),
			                 STATUS_OK);
		}
		assert_int_equal(text_buffer_append(&result->text, "\n", 1), STATUS_OK);
		result->record_count++;
	}
	result->final_status = code;
	result->problem = csv_reader_problem(reader);
	result->stop_row = csv_reader_row(reader);
	result->delimiter = csv_reader_delimiter(reader);
	result->bytes_read = csv_reader_bytes_read(reader);
	/* A failure is final: asking again gives the same answer. */
	assert_int_equal(csv_reader_next(reader, &record), code);
}

static void parse_memory(const char *bytes, size_t length, parsed *result)
{
	csv_reader *reader = NULL;
	assert_int_equal(csv_reader_open_memory(bytes, length, &reader), STATUS_OK);
	assert_non_null(reader);
	assert_int_equal(csv_reader_delimiter(reader), '\0');
	collect(reader, result);
	csv_reader_close(reader);
}

/* Parses a string and checks the flattened records and a clean end. */
static void assert_parses_to(const char *input, const char *expected, char delimiter)
{
	parsed result;
	parse_memory(input, strlen(input), &result);
	assert_int_equal(result.final_status, STATUS_NOT_FOUND);
	assert_int_equal(result.problem, CSV_PROBLEM_NONE);
	assert_string_equal(text_buffer_string(&result.text), expected);
	assert_int_equal(result.delimiter, delimiter);
	assert_int_equal(result.bytes_read, strlen(input));
	text_buffer_free(&result.text);
}

/* Parses a string and checks that reading stops with `problem`. */
static void assert_refused(const char *input, size_t length, status expected_status,
                           csv_problem problem, uint32_t row)
{
	parsed result;
	parse_memory(input, length, &result);
	assert_int_equal(result.final_status, expected_status);
	assert_int_equal(result.problem, problem);
	assert_int_equal(result.stop_row, row);
	text_buffer_free(&result.text);
}

static void test_semicolon_with_bom(void **state)
{
	(void)state;
	assert_parses_to("\xEF\xBB\xBFid;naam;plaats\r\n1;Wandelen;Utrecht\r\n",
	                 "1:id|naam|plaats\n2:1|Wandelen|Utrecht\n", ';');
	/* A BOM later in the file is data, not skipped. */
	assert_parses_to("a\n\xEF\xBB\xBF"
	                 "b\n",
	                 "1:a\n2:\xEF\xBB\xBF"
	                 "b\n",
	                 ';');
}

static void test_delimiter_detection(void **state)
{
	(void)state;
	assert_parses_to("id,naam,omschrijving\n1,Koffie,\"wel; of niet\"\n",
	                 "1:id|naam|omschrijving\n2:1|Koffie|wel; of niet\n", ',');
	/* A tie goes to ';', the Dutch Excel default. */
	assert_parses_to("a;b,c\n1;2,3\n", "1:a|b,c\n2:1|2,3\n", ';');
	/* Delimiters inside quotes do not count. */
	assert_parses_to("\"a;b;c\",x,y\n1,2,3\n", "1:a;b;c|x|y\n2:1|2|3\n", ',');
	assert_parses_to("\"a,b,c\";x\n", "1:a,b,c|x\n", ';');
	/* Only the header decides: later rows full of ',' do not change it. */
	assert_parses_to("a;b\n1,1,1,1;2\n", "1:a|b\n2:1,1,1,1|2\n", ';');
	/* A header with neither gives one column and ';'. */
	assert_parses_to("naam\nx\n", "1:naam\n2:x\n", ';');
}

static void test_line_endings(void **state)
{
	(void)state;
	assert_parses_to("a;b\r\n1;2\r\n", "1:a|b\n2:1|2\n", ';');
	assert_parses_to("a;b\n1;2\n", "1:a|b\n2:1|2\n", ';');
	assert_parses_to("a;b\r1;2\r", "1:a|b\n2:1|2\n", ';');
	assert_parses_to("a;b\r\n1;2\n3;4\r5;6", "1:a|b\n2:1|2\n3:3|4\n4:5|6\n", ';');
	/* The last line without a newline is still a record. */
	assert_parses_to("a;b\n1;2", "1:a|b\n2:1|2\n", ';');
	/* An empty last field before the end of input. */
	assert_parses_to("a;b\n1;", "1:a|b\n2:1|\n", ';');
}

static void test_quotes(void **state)
{
	(void)state;
	assert_parses_to("a;b\n\"x;y\";\"zeg \"\"hoi\"\"\"\n", "1:a|b\n2:x;y|zeg \"hoi\"\n", ';');
	/* An empty quoted field and a field that is only a doubled quote. */
	assert_parses_to("a;b;c\n\"\";\"\"\"\";x\n", "1:a|b|c\n2:|\"|x\n", ';');
	/* A quote in the middle of an unquoted field is kept (Excel). */
	assert_parses_to("a;b\n5\" scherm;x\"y\"\n", "1:a|b\n2:5\" scherm|x\"y\"\n", ';');
	/* Text after a closing quote is kept as written. */
	assert_parses_to("a;b\n\"ab\"cd;\"x\" y\n", "1:a|b\n2:abcd|x y\n", ';');
	/* A space before a quote makes the quote literal. */
	assert_parses_to("a;b\n \"x\";y\n", "1:a|b\n2: \"x\"|y\n", ';');
}

static void test_multiline_cells_count_as_one_row(void **state)
{
	(void)state;
	assert_parses_to("id;omschrijving\n"
	                 "1;\"eerste regel\ntweede regel\r\nderde\"\n"
	                 "2;\"een\rtwee\"\n"
	                 "3;klaar\n",
	                 "1:id|omschrijving\n"
	                 "2:1|eerste regel\ntweede regel\r\nderde\n"
	                 "3:2|een\rtwee\n"
	                 "4:3|klaar\n",
	                 ';');
}

static void test_empty_lines_are_skipped_but_counted(void **state)
{
	(void)state;
	assert_parses_to("\n\r\nid;naam\n\n1;a\r\n\r\n\r\n2;b\r\r3;c\n\n",
	                 "3:id|naam\n5:1|a\n8:2|b\n10:3|c\n", ';');
	/* A line of only delimiters is not empty: it has empty fields. */
	assert_parses_to("a;b\n;\n", "1:a|b\n2:|\n", ';');
	/* Only empty lines: no header at all. */
	parsed result;
	parse_memory("\n\n\r\n", 4, &result);
	assert_int_equal(result.final_status, STATUS_NOT_FOUND);
	assert_int_equal(result.record_count, 0);
	assert_int_equal(result.delimiter, '\0');
	text_buffer_free(&result.text);
	parse_memory("", 0, &result);
	assert_int_equal(result.final_status, STATUS_NOT_FOUND);
	assert_int_equal(result.record_count, 0);
	text_buffer_free(&result.text);
}

static void test_nul_byte_is_refused(void **state)
{
	(void)state;
	assert_refused("a;b\n1;2\0;3\n", 11, STATUS_INVALID, CSV_PROBLEM_NUL_BYTE, 2);
	assert_refused("a;\"b\0\"\n", 7, STATUS_INVALID, CSV_PROBLEM_NUL_BYTE, 1);
	/* "id;naam" saved as UTF-16 LE with its BOM. */
	static const char utf16[] = "\xFF\xFEi\0d\0;\0n\0a\0a\0m\0\r\0\n\0";
	assert_refused(utf16, sizeof utf16 - 1, STATUS_INVALID, CSV_PROBLEM_NUL_BYTE, 1);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	const char *input = "a;b\n1;2\n3;\"open\n4;5\n";
	assert_refused(input, strlen(input), STATUS_INVALID, CSV_PROBLEM_UNTERMINATED_QUOTE, 3);
}

static void test_too_many_fields(void **state)
{
	(void)state;
	text_buffer input = {0};
	for (unsigned index = 0; index < CSV_MAX_FIELDS; index++)
		assert_int_equal(
		    text_buffer_append_format(&input, "%sk%u", index ? ";" : "", index), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&input, "\n"), STATUS_OK);
	parsed result;
	parse_memory(input.data, input.length, &result);
	assert_int_equal(result.final_status, STATUS_NOT_FOUND);
	assert_int_equal(result.record_count, 1);
	text_buffer_free(&result.text);
	/* One more field on the second row. */
	for (unsigned index = 0; index <= CSV_MAX_FIELDS; index++)
		assert_int_equal(text_buffer_append_string(&input, index ? ";" : "x"), STATUS_OK);
	assert_refused(input.data, input.length, STATUS_TOO_LARGE, CSV_PROBLEM_TOO_MANY_FIELDS, 2);
	text_buffer_free(&input);
}

static void test_long_line_is_refused_early(void **state)
{
	(void)state;
	size_t length = 10u * 1024u * 1024u;
	char *input = malloc(length);
	assert_non_null(input);
	memcpy(input, "a;b\n", 4);
	memset(input + 4, 'x', length - 4);
	parsed result;
	parse_memory(input, length, &result);
	assert_int_equal(result.final_status, STATUS_TOO_LARGE);
	assert_int_equal(result.problem, CSV_PROBLEM_RECORD_TOO_LARGE);
	assert_int_equal(result.stop_row, 2);
	assert_int_equal(result.record_count, 1);
	/* It stopped right after the limit instead of reading 10 MB. */
	assert_true(result.bytes_read <= 4 + CSV_MAX_RECORD_BYTES + 1);
	text_buffer_free(&result.text);
	/* A quoted cell spanning lines counts as one long record too. */
	input[4] = '"';
	for (size_t index = 100; index < length; index += 100)
		input[index] = '\n';
	parse_memory(input, length, &result);
	assert_int_equal(result.problem, CSV_PROBLEM_RECORD_TOO_LARGE);
	text_buffer_free(&result.text);
	free(input);
}

static void test_record_exactly_at_the_limit(void **state)
{
	(void)state;
	size_t length = 4 + CSV_MAX_RECORD_BYTES + 1;
	char *input = malloc(length);
	assert_non_null(input);
	memcpy(input, "a;b\n", 4);
	memset(input + 4, 'y', CSV_MAX_RECORD_BYTES);
	input[length - 1] = '\n';
	parsed result;
	parse_memory(input, length, &result);
	assert_int_equal(result.final_status, STATUS_NOT_FOUND);
	assert_int_equal(result.record_count, 2);
	text_buffer_free(&result.text);
	free(input);
}

static void test_file_over_limit_in_memory(void **state)
{
	(void)state;
	/* Lines of 200 bytes keep the record count under its own limit. */
	size_t line_length = 200;
	size_t length = CSV_MAX_FILE_BYTES + 1;
	char *input = malloc(length);
	assert_non_null(input);
	memset(input, 'b', length);
	for (size_t index = 0; index < length; index += line_length) {
		input[index] = 'a';
		input[index + 1] = ';';
		if (index + line_length - 1 < length)
			input[index + line_length - 1] = '\n';
	}
	assert_refused(input, length, STATUS_TOO_LARGE, CSV_PROBLEM_FILE_TOO_LARGE, 1);
	/* Exactly the limit is allowed. */
	parsed result;
	parse_memory(input, CSV_MAX_FILE_BYTES, &result);
	assert_int_equal(result.final_status, STATUS_NOT_FOUND);
	assert_int_equal(result.record_count, (CSV_MAX_FILE_BYTES + line_length - 1) / line_length);
	text_buffer_free(&result.text);
	free(input);
}

static void test_too_many_records(void **state)
{
	(void)state;
	/* The header plus CSV_MAX_RECORDS data rows is allowed... */
	size_t rows = CSV_MAX_RECORDS + 1;
	size_t length = rows * 2 + 2;
	char *input = malloc(length);
	assert_non_null(input);
	for (size_t index = 0; index < length; index += 2)
		memcpy(input + index, "x\n", 2);
	csv_reader *reader = NULL;
	assert_int_equal(csv_reader_open_memory(input, rows * 2, &reader), STATUS_OK);
	csv_record record;
	size_t count = 0;
	status code;
	while ((code = csv_reader_next(reader, &record)) == STATUS_OK)
		count++;
	assert_int_equal(code, STATUS_NOT_FOUND);
	assert_int_equal(count, rows);
	assert_int_equal(record.row, rows);
	csv_reader_close(reader);
	/* ...one more is not. */
	assert_refused(input, length, STATUS_TOO_LARGE, CSV_PROBLEM_TOO_MANY_RECORDS,
	               (uint32_t)rows + 1);
	free(input);
}

static void test_record_memory_stays_valid_until_next(void **state)
{
	(void)state;
	const char *input = "a;b\n\"een\";twee\n";
	csv_reader *reader = NULL;
	assert_int_equal(csv_reader_open_memory(input, strlen(input), &reader), STATUS_OK);
	csv_record header;
	assert_int_equal(csv_reader_next(reader, &header), STATUS_OK);
	assert_int_equal(header.field_count, 2);
	assert_string_equal(header.fields[0], "a");
	assert_int_equal(header.row, 1);
	assert_int_equal(csv_reader_delimiter(reader), ';');
	csv_record row;
	assert_int_equal(csv_reader_next(reader, &row), STATUS_OK);
	assert_string_equal(row.fields[0], "een");
	assert_string_equal(row.fields[1], "twee");
	assert_int_equal(row.field_lengths[1], 4);
	assert_int_equal(csv_reader_row(reader), 2);
	assert_int_equal(csv_reader_next(reader, &row), STATUS_NOT_FOUND);
	csv_reader_close(reader);
	csv_reader_close(NULL);
}

/* Builds an input with long, quoted, multi-line and accented cells, with
 * CR LF line ends that land on every offset of the file reader's chunks. */
static void build_varied_input(text_buffer *input, size_t minimum_length)
{
	assert_int_equal(text_buffer_append_string(input, "\xEF\xBB\xBFid;naam;omschrijving\r\n"),
	                 STATUS_OK);
	unsigned row = 0;
	while (input->length < minimum_length) {
		row++;
		assert_int_equal(text_buffer_append_format(input, "%u;Groep %u;", row, row),
		                 STATUS_OK);
		if (row % 3 == 0)
			assert_int_equal(
			    text_buffer_append_format(
			        input, "\"Regel één\r\nmet \"\"%u\"\"; en meer\"", row),
			    STATUS_OK);
		for (unsigned pad = 0; pad < row % 17; pad++)
			assert_int_equal(text_buffer_append_string(input, "x"), STATUS_OK);
		assert_int_equal(
		    text_buffer_append_string(input, row % 5 == 0 ? "\r\n\r\n" : "\r\n"),
		    STATUS_OK);
	}
}

static void test_file_matches_memory(void **state)
{
	(void)state;
	text_buffer input = {0};
	build_varied_input(&input, 600u * 1024u);
	char directory[512];
	char path[600];
	test_make_temp_dir(directory, sizeof directory);
	assert_true(text_format(path, sizeof path, "%s/aanbod.csv", directory));
	test_write_file(path, input.data, input.length);

	parsed from_memory;
	parse_memory(input.data, input.length, &from_memory);
	assert_int_equal(from_memory.final_status, STATUS_NOT_FOUND);
	assert_true(from_memory.record_count > 1000);

	csv_reader *reader = NULL;
	assert_int_equal(csv_reader_open_file(path, &reader), STATUS_OK);
	parsed from_file;
	collect(reader, &from_file);
	csv_reader_close(reader);
	assert_int_equal(from_file.final_status, STATUS_NOT_FOUND);
	assert_int_equal(from_file.record_count, from_memory.record_count);
	assert_int_equal(from_file.bytes_read, input.length);
	assert_string_equal(text_buffer_string(&from_file.text),
	                    text_buffer_string(&from_memory.text));
	/* Spot-check a multi-line cell (one row) and a row after an empty line. */
	assert_non_null(strstr(text_buffer_string(&from_file.text),
	                       "4:3|Groep 3|Regel \xC3\xA9\xC3\xA9n\r\nmet \"3\"; en meerxxx\n"));
	assert_non_null(strstr(text_buffer_string(&from_file.text), "9:7|Groep 7|xxxxxxx\n"));

	text_buffer_free(&from_file.text);
	text_buffer_free(&from_memory.text);
	text_buffer_free(&input);
	test_remove_tree(directory);
}

static void test_cr_lf_split_across_chunks(void **state)
{
	(void)state;
	/* Places a CR as the last byte of every possible chunk size near the
	 * reader's 128 KiB, so the LF arrives in the next read. */
	char directory[512];
	char path[600];
	test_make_temp_dir(directory, sizeof directory);
	assert_true(text_format(path, sizeof path, "%s/grens.csv", directory));
	for (size_t chunk = 128u * 1024u - 2; chunk <= 128u * 1024u + 1; chunk++) {
		text_buffer input = {0};
		assert_int_equal(text_buffer_append_string(&input, "a;b\r\n"), STATUS_OK);
		while (input.length + 40 < chunk - 1)
			assert_int_equal(text_buffer_append_string(&input, "1;2\r\n"), STATUS_OK);
		while (input.length < chunk - 1)
			assert_int_equal(text_buffer_append_string(&input, "z"), STATUS_OK);
		assert_int_equal(text_buffer_append_string(&input, "\r\n9;9\r\n"), STATUS_OK);
		test_write_file(path, input.data, input.length);
		parsed from_memory;
		parse_memory(input.data, input.length, &from_memory);
		csv_reader *reader = NULL;
		assert_int_equal(csv_reader_open_file(path, &reader), STATUS_OK);
		parsed from_file;
		collect(reader, &from_file);
		csv_reader_close(reader);
		assert_int_equal(from_file.final_status, STATUS_NOT_FOUND);
		assert_string_equal(text_buffer_string(&from_file.text),
		                    text_buffer_string(&from_memory.text));
		/* No empty line was seen between the CR and the LF. */
		size_t last_row = from_memory.record_count;
		char expected_tail[32];
		assert_true(
		    text_format(expected_tail, sizeof expected_tail, "\n%zu:9|9\n", last_row));
		assert_non_null(strstr(text_buffer_string(&from_file.text), expected_tail));
		text_buffer_free(&from_file.text);
		text_buffer_free(&from_memory.text);
		text_buffer_free(&input);
	}
	test_remove_tree(directory);
}

static void test_open_file_errors(void **state)
{
	(void)state;
	csv_reader *reader = NULL;
	assert_int_equal(csv_reader_open_file("/nonexistent/aanbod.csv", &reader), STATUS_IO);
	assert_null(reader);

	char directory[512];
	char path[600];
	test_make_temp_dir(directory, sizeof directory);
	assert_true(text_format(path, sizeof path, "%s/groot.csv", directory));
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	/* A sparse file one byte over the limit. */
	assert_int_equal(fseek(file, (long)CSV_MAX_FILE_BYTES, SEEK_SET), 0);
	assert_int_equal(fputc('\n', file), '\n');
	assert_int_equal(fclose(file), 0);
	assert_int_equal(csv_reader_open_file(path, &reader), STATUS_TOO_LARGE);
	assert_null(reader);
	test_remove_tree(directory);
}

static void test_pipe_over_limit(void **state)
{
	(void)state;
	char directory[512];
	char path[600];
	test_make_temp_dir(directory, sizeof directory);
	assert_true(text_format(path, sizeof path, "%s/pijp.csv", directory));
	assert_int_equal(mkfifo(path, 0600), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* Writes far more than the limit; stops when the reader closes. */
		signal(SIGPIPE, SIG_DFL);
		FILE *writer = fopen(path, "wb");
		if (writer == NULL)
			_exit(1);
		/* Long lines, so the record limit is not what stops the reader. */
		char line[300];
		memset(line, 'x', sizeof line);
		memcpy(line, "1;", 2);
		line[sizeof line - 1] = '\n';
		for (size_t written = 0; written < 2u * CSV_MAX_FILE_BYTES; written += sizeof line)
			if (fwrite(line, 1, sizeof line, writer) != sizeof line)
				_exit(0);
		fclose(writer);
		_exit(0);
	}
	csv_reader *reader = NULL;
	assert_int_equal(csv_reader_open_file(path, &reader), STATUS_OK);
	parsed result;
	collect(reader, &result);
	csv_reader_close(reader);
	assert_int_equal(result.final_status, STATUS_TOO_LARGE);
	assert_int_equal(result.problem, CSV_PROBLEM_FILE_TOO_LARGE);
	assert_true(result.bytes_read <= CSV_MAX_FILE_BYTES);
	text_buffer_free(&result.text);
	int child_status = 0;
	assert_int_equal(waitpid(child, &child_status, 0), child);
	test_remove_tree(directory);
}

static void test_problem_messages(void **state)
{
	(void)state;
	const csv_problem problems[] = {
	    CSV_PROBLEM_FILE_TOO_LARGE,   CSV_PROBLEM_RECORD_TOO_LARGE,
	    CSV_PROBLEM_TOO_MANY_RECORDS, CSV_PROBLEM_TOO_MANY_FIELDS,
	    CSV_PROBLEM_NUL_BYTE,         CSV_PROBLEM_UNTERMINATED_QUOTE,
	};
	for (size_t index = 0; index < sizeof problems / sizeof problems[0]; index++) {
		const char *message = csv_problem_message(problems[index]);
		assert_non_null(message);
		assert_true(strlen(message) > 10);
		assert_true(text_is_valid_utf8(message, strlen(message)));
		for (size_t other = 0; other < index; other++)
			assert_string_not_equal(message, csv_problem_message(problems[other]));
	}
	assert_string_equal(csv_problem_message(CSV_PROBLEM_FILE_TOO_LARGE),
	                    "Het bestand is groter dan 20 MB.");
	assert_non_null(strstr(csv_problem_message(CSV_PROBLEM_NUL_BYTE), "CSV UTF-8"));
}

static void test_write_field_round_trip(void **state)
{
	(void)state;
	const char *fields[] = {
	    "gewoon",       "",         "met;puntkomma",        "met,komma", "zeg \"hoi\"",
	    "twee\nregels", "cr\rhier", " voorafgaande spatie", "café €",    "\"",
	    "achter ",
	};
	const size_t field_count = sizeof fields / sizeof fields[0];
	const char delimiters[] = {';', ','};
	for (size_t pass = 0; pass < 2; pass++) {
		char delimiter = delimiters[pass];
		FILE *file = tmpfile();
		assert_non_null(file);
		for (size_t row = 0; row < 2; row++) {
			for (size_t index = 0; index < field_count; index++) {
				if (index > 0)
					assert_int_equal(fputc(delimiter, file), delimiter);
				assert_int_equal(csv_write_field(file, fields[index], delimiter),
				                 STATUS_OK);
			}
			assert_true(fputs("\r\n", file) >= 0);
		}
		long size = ftell(file);
		assert_true(size > 0);
		rewind(file);
		char *bytes = malloc((size_t)size);
		assert_non_null(bytes);
		assert_int_equal(fread(bytes, 1, (size_t)size, file), (size_t)size);
		fclose(file);

		csv_reader *reader = NULL;
		assert_int_equal(csv_reader_open_memory(bytes, (size_t)size, &reader), STATUS_OK);
		csv_record record;
		for (uint32_t row = 1; row <= 2; row++) {
			assert_int_equal(csv_reader_next(reader, &record), STATUS_OK);
			assert_int_equal(record.row, row);
			assert_int_equal(record.field_count, field_count);
			for (size_t index = 0; index < field_count; index++)
				assert_string_equal(record.fields[index], fields[index]);
		}
		assert_int_equal(csv_reader_delimiter(reader), delimiter);
		assert_int_equal(csv_reader_next(reader, &record), STATUS_NOT_FOUND);
		csv_reader_close(reader);
		free(bytes);
	}
}

static void test_write_field_quotes_only_when_needed(void **state)
{
	(void)state;
	char *written = NULL;
	size_t written_length = 0;
	FILE *file = open_memstream(&written, &written_length);
	assert_non_null(file);
	assert_int_equal(csv_write_field(file, "plain", ';'), STATUS_OK);
	assert_int_equal(fputc('|', file), '|');
	assert_int_equal(csv_write_field(file, "a,b", ';'), STATUS_OK);
	assert_int_equal(fputc('|', file), '|');
	assert_int_equal(csv_write_field(file, "a,b", ','), STATUS_OK);
	assert_int_equal(fputc('|', file), '|');
	assert_int_equal(csv_write_field(file, "x\"y", ';'), STATUS_OK);
	assert_int_equal(fputc('|', file), '|');
	assert_int_equal(csv_write_field(file, " s", ';'), STATUS_OK);
	assert_int_equal(fclose(file), 0);
	assert_string_equal(written, "plain|a,b|\"a,b\"|\"x\"\"y\"|\" s\"");
	free(written);
}

/* Building a row in memory gives exactly the bytes the FILE writer gives. */
static void test_append_field_matches_write_field(void **state)
{
	(void)state;
	const char *fields[] = {
	    "",           "plain",    "with;semicolon", "with,comma", "\"",     "say \"hi\" twice",
	    "two\nlines", "cr\rhere", " lead",          "trail ",     "\"\"\"", "€ 2,50; koffie"};
	const char delimiters[] = {';', ','};
	for (size_t d = 0; d < 2; d++) {
		for (size_t index = 0; index < sizeof fields / sizeof fields[0]; index++) {
			char *written = NULL;
			size_t written_length = 0;
			FILE *memory = open_memstream(&written, &written_length);
			assert_non_null(memory);
			assert_int_equal(csv_write_field(memory, fields[index], delimiters[d]),
			                 STATUS_OK);
			assert_int_equal(fclose(memory), 0);
			text_buffer appended = {0};
			assert_int_equal(text_buffer_append_string(&appended, "x"), STATUS_OK);
			assert_int_equal(csv_append_field(&appended, fields[index], delimiters[d]),
			                 STATUS_OK);
			assert_string_equal(text_buffer_string(&appended) + 1, written);
			text_buffer_free(&appended);
			free(written);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_semicolon_with_bom),
	    cmocka_unit_test(test_delimiter_detection),
	    cmocka_unit_test(test_line_endings),
	    cmocka_unit_test(test_quotes),
	    cmocka_unit_test(test_multiline_cells_count_as_one_row),
	    cmocka_unit_test(test_empty_lines_are_skipped_but_counted),
	    cmocka_unit_test(test_nul_byte_is_refused),
	    cmocka_unit_test(test_unterminated_quote),
	    cmocka_unit_test(test_too_many_fields),
	    cmocka_unit_test(test_long_line_is_refused_early),
	    cmocka_unit_test(test_record_exactly_at_the_limit),
	    cmocka_unit_test(test_file_over_limit_in_memory),
	    cmocka_unit_test(test_too_many_records),
	    cmocka_unit_test(test_record_memory_stays_valid_until_next),
	    cmocka_unit_test(test_file_matches_memory),
	    cmocka_unit_test(test_cr_lf_split_across_chunks),
	    cmocka_unit_test(test_open_file_errors),
	    cmocka_unit_test(test_pipe_over_limit),
	    cmocka_unit_test(test_problem_messages),
	    cmocka_unit_test(test_write_field_round_trip),
	    cmocka_unit_test(test_write_field_quotes_only_when_needed),
	    cmocka_unit_test(test_append_field_matches_write_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
