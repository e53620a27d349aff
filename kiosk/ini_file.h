/* ini_file.h — what the INI readers (config, questions) share: reading a file
 * whole under a size limit, line-numbered problem lines, and a libinih driver. */
#ifndef KIOSK_INI_FILE_H
#define KIOSK_INI_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"
#include "text.h"

/* Problems beyond this many are counted, not listed: a wrong file should not
 * produce megabytes of text. */
#define INI_FILE_MAX_LISTED_PROBLEMS 100u

/* Collects the problem lines of one file. Fill it with
 * ini_file_problems_start(); the fields may be read, not written. */
typedef struct ini_file_problems {
	const char *name; /* prefixes every line; borrowed */
	text_buffer *out; /* where lines go; NULL = only count them */
	unsigned count;   /* every problem added, listed or not */
	status failure;   /* STATUS_OK, or why a line could not be appended */
} ini_file_problems;

/* Starts an empty collection whose lines name `name` (borrowed, must outlive
 * the collection) and go to `out` (may be NULL). */
void ini_file_problems_start(ini_file_problems *problems, const char *name, text_buffer *out);

/* Counts one problem and, while no more than INI_FILE_MAX_LISTED_PROBLEMS have
 * been added and `out` is not NULL, appends "NAME line N: MESSAGE\n" (or
 * "NAME: MESSAGE\n" when `line` is 0, for the file as a whole), the message
 * cut at 511 bytes. A failed append is kept in problems->failure. */
void ini_file_add_problem(ini_file_problems *problems, unsigned line, const char *format, ...)
    KIOSK_PRINTF(3, 4);

/* Appends "NAME: K more problems not listed\n" when problems were left
 * unlisted and `out` is not NULL. Returns STATUS_OK when that went well or
 * was not needed, else the append's failure (also kept in problems->failure).
 * Earlier failures are not returned: read problems->failure for them. */
KIOSK_NODISCARD status ini_file_problems_finish(ini_file_problems *problems);

/* Reads the whole file at `path` when it holds at most `limit` bytes. On
 * STATUS_OK *bytes is a new NUL-terminated copy the caller frees and *length
 * its size without the NUL. Otherwise *bytes is NULL and *length 0:
 * STATUS_NOT_FOUND when the file does not exist, STATUS_TOO_LARGE over
 * `limit`, STATUS_IO (errno set) when it cannot be opened or read,
 * STATUS_NO_MEMORY. *opened (may be NULL) tells whether the file could be
 * opened at all, so a caller can say "cannot open" or "cannot be read". */
KIOSK_NODISCARD status ini_file_read_whole(const char *path, size_t limit, char **bytes,
                                           size_t *length, bool *opened);

/* When bytes[0..length) is not UTF-8 text (text_is_valid_utf8), adds the
 * problem "not valid UTF-8 text" followed by `consequence` (e.g. "; built-in
 * defaults are used", or "") for the whole file and returns STATUS_INVALID;
 * else STATUS_OK. */
KIOSK_NODISCARD status ini_file_check_utf8(ini_file_problems *problems, const char *bytes,
                                           size_t length, const char *consequence);

/* True when text[0..length) is 1 or more bytes of a-z, 0-9 and '_': names
 * that can be compared, counted and written on a command line unescaped. */
bool ini_file_is_identifier(const char *text, size_t length);

/* Steps through the comma-separated list `value` ("a, b,c"): call with
 * *position 0, then again while it returns true. Each call points *item at
 * the next entry inside `value` (borrowed, not NUL-terminated) with blanks
 * trimmed and *length its size, and moves *position past it. Empty entries
 * are returned too (an empty `value` is one empty entry), so callers can
 * refuse "a,,b". Returns false once the list is done. */
bool ini_file_next_list_item(const char *value, size_t *position, const char **item,
                             size_t *length);

/* The last component of `path` (after the last '/'), borrowed from it, so
 * problem lines stay short. */
const char *ini_file_base_name(const char *path);

/* Called for every "[...]" line: `name` is the text between '[' and the
 * first ']' (not NUL-terminated, blanks kept), or NULL with `length` 0 when
 * the line has no ']' (already reported as a problem); keys that follow
 * belong to this section until the next call. */
typedef void ini_file_section_handler(void *context, const char *name, size_t length);
/* Called for every "key = value" line inside a section, as libinih splits
 * it (inline " ;" comments removed, blanks trimmed). */
typedef void ini_file_pair_handler(void *context, const char *key, const char *value);

/* State of one ini_file_parse() call. Callers keep it (usually inside their
 * own parser) so their handlers can read `line`; every field is set by
 * ini_file_parse() and none may be written. */
typedef struct ini_file_reader {
	const char *bytes; /* borrowed */
	size_t length;
	size_t position;
	unsigned line; /* the line being handled, counted from 1 */
	bool in_section;
	ini_file_problems *problems;
	ini_file_section_handler *begin_section;
	ini_file_pair_handler *take_pair;
	void *context;
} ini_file_reader;

/* Parses the INI text bytes[0..length) (borrowed) with libinih, line by
 * line: drops a UTF-8 BOM on line 1, trims blanks at both ends of each line
 * (so no line continues the one before), and adds a problem to `problems`
 * for a line longer than libinih takes, a line that is no section, key or
 * comment, a section header without ']' and a key before any section. Every
 * other section header goes to `begin_section`, every key to `take_pair`,
 * both with `context`; reader->line numbers the line they are called for.
 * STATUS_NO_MEMORY when libinih could not allocate, else STATUS_OK (the
 * problems say what was wrong). */
KIOSK_NODISCARD status ini_file_parse(ini_file_reader *reader, const char *bytes, size_t length,
                                      ini_file_problems *problems,
                                      ini_file_section_handler *begin_section,
                                      ini_file_pair_handler *take_pair, void *context);

#endif
