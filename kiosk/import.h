/* import.h — turns a volunteer's spreadsheet into a validated catalogue: header
 * names and aliases, lenient values (case, accents, synonyms), row problems
 * with the spreadsheet row number and a plain-Dutch reason, and the diff
 * against the catalogue in use. Pure libc; the store applies the result. */
#ifndef KIOSK_IMPORT_H
#define KIOSK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalogue.h"
#include "csv.h"
#include "status.h"

#define IMPORT_MAX_PROBLEMS      10000u /* further problems are counted, not kept */
#define IMPORT_MAX_URL_BYTES     2000u
#define IMPORT_MAX_ID_CHARACTERS 64u /* UTF-8 characters, as the contract says */
#define IMPORT_MAX_ID_BYTES      (4u * IMPORT_MAX_ID_CHARACTERS) /* the most an id takes */

typedef enum import_severity {
	IMPORT_ERROR,  /* the row is not imported */
	IMPORT_WARNING /* the row is imported, the field is ignored or kept as text */
} import_severity;

/* One problem. `row` is the spreadsheet row (header = 1; 0 = the file as a
 * whole), `column` the header as written in the file ("" for the whole row). */
typedef struct import_problem {
	import_severity severity;
	uint32_t row;
	char column[64];
	char message[256];
} import_problem;

/* Everything the volunteer is shown about one import. */
typedef struct import_report {
	bool fatal;              /* nothing can be imported (see fatal_message) */
	char fatal_message[256]; /* plain Dutch, when fatal */
	uint32_t rows;           /* data rows read (header not counted) */
	uint32_t imported;       /* rows that became offers */
	uint32_t new_count;      /* diff against the current catalogue, by id */
	uint32_t changed_count;
	uint32_t removed_count;
	uint32_t unchanged_count;
	uint32_t error_count; /* all errors, also those past IMPORT_MAX_PROBLEMS */
	uint32_t warning_count;
	size_t problem_count; /* kept problems, in row order */
	import_problem *problems;
	char delimiter;
	uint8_t sha256[32]; /* of the file's bytes */
} import_report;

/* Reads and validates the spreadsheet at `path`. On STATUS_OK, *out is a new
 * sorted catalogue of the valid rows (caller destroys it) and `report` holds
 * the counts and problems (caller frees with import_report_free()). A file
 * that cannot be used at all (missing required columns, too large, binary,
 * empty, unreadable) gives report->fatal with a message and *out == NULL,
 * still STATUS_OK. Other statuses mean the import itself failed (memory).
 * Rows whose id cell starts with '#' are comments (the template's explanation
 * row) and rows of empty cells are skipped: no problem, not counted in rows.
 * Cells that are not UTF-8 are read as Windows-1252 with one warning (row 0).
 * A file where no row could be imported is fatal too.
 * A first line "sep=;" or "sep=," (Excel reads it and hides it) is skipped and
 * rows are numbered as Excel shows them, the header being row 1; "sep=" with
 * another delimiter, and tab-separated files, are fatal with an explanation.
 * Cells are trimmed of spaces and non-breaking spaces. An end time of 24:00
 * is midnight, kept as 00:00 (an end before the start means the next day). */
KIOSK_NODISCARD status import_read_file(const char *path, catalogue **out, import_report *report);
/* Reads a catalogue copy the kiosk wrote itself (the last-good copy next
 * to the database) exactly like import_read_file(), but with a file limit of
 * IMPORT_MAX_OWN_COPY_BYTES: its canonical text (every column, six-decimal
 * coordinates) can be longer than the 20 MB spreadsheet it came from. */
#define IMPORT_MAX_OWN_COPY_BYTES (64u * 1024u * 1024u)
KIOSK_NODISCARD status import_read_own_copy(const char *path, catalogue **out,
                                            import_report *report);
/* True when `record` (a file's first record) is Excel's "sep=;" line, which
 * the importer skips before the header: for a stick's file to be judged by
 * the importer's own rule. */
bool import_record_is_separator_line(const csv_record *record);

/* True when the header record names the id and naam columns as the importer
 * reads them (aliases, case and accents, Windows-1252, "naam (name)"): for
 * a stick's file to be recognised by the importer's own rules. */
bool import_header_names_required_columns(const csv_record *header);

/* The same for a spreadsheet in memory (borrowed). */
KIOSK_NODISCARD status import_read_memory(const char *bytes, size_t length, catalogue **out,
                                          import_report *report);

/* Parses one row already split into canonical fields (fields[FIELD_*], each
 * NUL-terminated, "" when absent) into a new offer of `into`. Used by the
 * store to load what it saved, so saved text must round-trip. Problems go to
 * `report` (may be NULL) with `row`. Returns STATUS_INVALID when the row has
 * an error (nothing appended). */
KIOSK_NODISCARD status import_parse_fields(catalogue *into, const char *const fields[FIELD_COUNT],
                                           uint32_t row, import_report *report);

/* Fills the diff counts of `report` comparing `incoming` to `current`
 * (`current_count` digests in any order). */
KIOSK_NODISCARD status import_compute_diff(import_report *report, const offer_digest *current,
                                           size_t current_count, const catalogue *incoming);

/* True when the report allows applying: not fatal and at least one offer. */
bool import_report_can_apply(const import_report *report);
/* Writes the report as the JSON object of the command line contract:
 * {"applied":bool,"rows":n,"new":n,"changed":n,"removed":n,"unchanged":n,
 *  "errors":[{"line":n,"column":"…","message":"…"}],"warnings":[…]}. */
struct text_buffer;
KIOSK_NODISCARD status import_report_json(const import_report *report, bool applied,
                                          struct text_buffer *out);
/* Writes the report as plain Dutch text for a person (also the USB report). */
KIOSK_NODISCARD status import_report_text(const import_report *report, bool applied,
                                          struct text_buffer *out);
void import_report_free(import_report *report);

/* Writes the empty template spreadsheet (header, two example rows and a row
 * explaining the allowed values) to `path`, ';'-separated with a BOM. The
 * header ends with the optional translation columns (naam_en …
 * wanneer_tekst_ar), explained as "mag leeg"; the examples fill a few. */
KIOSK_NODISCARD status import_write_template(const char *path);

#endif
