/* csv.h — a streaming reader for spreadsheets saved as CSV by Excel or
 * LibreOffice: UTF-8 with or without BOM, ';' or ',' detected from the header,
 * CRLF or LF, quoted fields holding delimiters, doubled quotes and newlines.
 * It never holds more than one record in memory. */
#ifndef KIOSK_CSV_H
#define KIOSK_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "status.h"

/* Limits from the catalogue contract; a reader refuses input beyond them. */
#define CSV_MAX_FILE_BYTES   (20u * 1024u * 1024u)
#define CSV_MAX_RECORD_BYTES (64u * 1024u)
#define CSV_MAX_RECORDS      200000u
#define CSV_MAX_FIELDS       256u

typedef struct csv_reader csv_reader;

/* What went wrong when csv_reader_next() does not return STATUS_OK. */
typedef enum csv_problem {
	CSV_PROBLEM_NONE = 0,
	CSV_PROBLEM_FILE_TOO_LARGE,    /* more than CSV_MAX_FILE_BYTES */
	CSV_PROBLEM_RECORD_TOO_LARGE,  /* one record over CSV_MAX_RECORD_BYTES */
	CSV_PROBLEM_TOO_MANY_RECORDS,  /* more than CSV_MAX_RECORDS records */
	CSV_PROBLEM_TOO_MANY_FIELDS,   /* more than CSV_MAX_FIELDS fields */
	CSV_PROBLEM_NUL_BYTE,          /* a NUL byte: a binary file, or UTF-16 */
	CSV_PROBLEM_UNTERMINATED_QUOTE /* a quoted field still open at end of file */
} csv_problem;

/* One record. `fields[i]` points at `field_lengths[i]` bytes that are also
 * NUL-terminated, with quotes removed and "" turned into ". The memory
 * belongs to the reader and stays valid until the next csv_reader_next() or
 * csv_reader_close(). `row` is the spreadsheet row number (header =
 * 1); a record whose quoted cells hold newlines still counts as one row, so
 * rows are counted per record, not per physical line. */
typedef struct csv_record {
	size_t field_count;
	const char *const *fields;
	const size_t *field_lengths;
	uint32_t row;
} csv_record;

/* Opens `path` for reading. Returns STATUS_IO (errno set) when it cannot be
 * opened, STATUS_TOO_LARGE when a regular file is over CSV_MAX_FILE_BYTES.
 * On success *out owns the FILE and must be closed with csv_reader_close(). */
KIOSK_NODISCARD status csv_reader_open_file(const char *path, csv_reader **out);
/* The same with another file size limit, for files the kiosk wrote itself
 * (the last-good copy), whose canonical text may be longer than the
 * volunteer's spreadsheet it came from. Record and row limits stay. */
KIOSK_NODISCARD status csv_reader_open_file_limited(const char *path, uint64_t max_file_bytes,
                                                    csv_reader **out);
/* Reads from memory; `bytes` is borrowed and must outlive the reader. */
KIOSK_NODISCARD status csv_reader_open_memory(const char *bytes, size_t length, csv_reader **out);
/* Releases everything; NULL is allowed. */
void csv_reader_close(csv_reader *reader);

/* Reads the next record. The delimiter is detected on the first record (the
 * header): the one of ';' and ',' that occurs more often outside quotes, ';'
 * on a tie; later records use it. A UTF-8 BOM before the header is skipped.
 * Completely empty lines are skipped (but still counted as rows).
 * Returns STATUS_OK with a record, STATUS_NOT_FOUND at the end of input,
 * STATUS_TOO_LARGE or STATUS_INVALID with csv_reader_problem() saying why
 * (reading cannot continue after those), STATUS_IO on a read error. */
KIOSK_NODISCARD status csv_reader_next(csv_reader *reader, csv_record *record);

/* Why the last csv_reader_next() failed. */
csv_problem csv_reader_problem(const csv_reader *reader);
/* The spreadsheet row where reading stopped (for messages about a failure). */
uint32_t csv_reader_row(const csv_reader *reader);
/* The detected delimiter, or 0 before the first record. */
char csv_reader_delimiter(const csv_reader *reader);
/* Total bytes consumed so far (for progress bars). */
uint64_t csv_reader_bytes_read(const csv_reader *reader);
/* A short plain-Dutch explanation of `problem`, for the volunteer. */
const char *csv_problem_message(csv_problem problem);

/* Writes one field to `out` quoted as needed (always quotes fields holding the
 * delimiter, a quote, CR or LF, or starting with a space). */
KIOSK_NODISCARD status csv_write_field(FILE *out, const char *field, char delimiter);
/* Appends `field` (NUL-terminated) to `out`, quoted exactly as
 * csv_write_field() would, so a caller can build a whole row in memory and
 * write it at once. */
struct text_buffer;
KIOSK_NODISCARD status csv_append_field(struct text_buffer *out, const char *field, char delimiter);

#endif
