/* fuzz_csv.c — libFuzzer target for the CSV reader: any bytes must be read
 * without crashing, within the limits, with consistent records. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Stops the fuzzer with a crash report when an invariant is broken. */
static void require(int condition)
{
	if (!condition)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv_reader *reader = NULL;
	if (csv_reader_open_memory((const char *)data, size, &reader) != STATUS_OK)
		return 0;
	require(csv_reader_delimiter(reader) == '\0');
	csv_record record;
	uint32_t previous_row = 0;
	uint64_t previous_bytes = 0;
	size_t records = 0;
	status result;
	while ((result = csv_reader_next(reader, &record)) == STATUS_OK) {
		records++;
		require(record.row > previous_row);
		previous_row = record.row;
		require(record.field_count >= 1 && record.field_count <= CSV_MAX_FIELDS);
		size_t record_bytes = 0;
		for (size_t index = 0; index < record.field_count; index++) {
			size_t length = record.field_lengths[index];
			require(record.fields[index][length] == '\0');
			require(memchr(record.fields[index], '\0', length) == NULL);
			record_bytes += length;
		}
		require(record_bytes <= CSV_MAX_RECORD_BYTES);
		char delimiter = csv_reader_delimiter(reader);
		require(delimiter == ';' || delimiter == ',');
		uint64_t bytes = csv_reader_bytes_read(reader);
		require(bytes > previous_bytes && bytes <= size);
		previous_bytes = bytes;
		require(csv_reader_row(reader) == record.row);
	}
	require(records <= CSV_MAX_RECORDS + 1);
	csv_problem problem = csv_reader_problem(reader);
	if (result == STATUS_NOT_FOUND) {
		require(problem == CSV_PROBLEM_NONE);
		require(csv_reader_bytes_read(reader) == size);
		require(memchr(data, 0, size) == NULL);
	} else {
		require(result == STATUS_TOO_LARGE || result == STATUS_INVALID);
		require(problem != CSV_PROBLEM_NONE);
		require(csv_problem_message(problem)[0] != '\0');
		require(csv_reader_row(reader) >= previous_row);
		/* A NUL byte is always found, never read past. */
		if (memchr(data, 0, size) == NULL)
			require(problem != CSV_PROBLEM_NUL_BYTE);
	}
	/* Failures and the end are final. */
	require(csv_reader_next(reader, &record) == result);
	csv_reader_close(reader);
	return 0;
}
