/* translate.h — the kiosk's message catalogue: reads gettext .mo files (one per
 * language, built from the .po files in data/po) and looks up the screen texts in them. */
#ifndef KIOSK_TRANSLATE_H
#define KIOSK_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* Marks a function that returns (a translation of) its format_index'th
 * argument, so -Wformat checks printf arguments against the msgid literal. */
#ifndef KIOSK_FORMAT_ARG
#if defined(__GNUC__)
#define KIOSK_FORMAT_ARG(format_index) __attribute__((format_arg(format_index)))
#else
#define KIOSK_FORMAT_ARG(format_index)
#endif
#endif

/* A .mo file larger than this is refused with STATUS_TOO_LARGE: the kiosk's
 * own catalogues are a few kilobytes. */
#define TRANSLATE_MAX_FILE_BYTES (1024u * 1024u)
/* A LINGUAS file larger than this is refused with STATUS_TOO_LARGE. */
#define TRANSLATE_MAX_LINGUAS_BYTES 4096u
/* Room for a language code such as "nl", "pap" or "pt_BR", with its NUL. */
#define TRANSLATE_CODE_BYTES 8u
/* Room for the English reason a file was refused, with its NUL. */
#define TRANSLATE_REASON_BYTES 160u

/* The special msgids a catalogue translates to describe its own language. */
#define TRANSLATE_LANGUAGE_NAME_MSGID  "@language-name"
#define TRANSLATE_TEXT_DIRECTION_MSGID "@text-direction"

/* One loaded language. Immutable once loaded, so any number of threads may
 * look texts up in it at the same time. */
typedef struct translation translation;

/* Loads the GNU .mo file at `path` into a new translation. On STATUS_OK,
 * *out owns it (release with translate_free); on failure *out is NULL.
 * Returns STATUS_NOT_FOUND when the file does not exist, STATUS_IO when it
 * cannot be read or is not a regular file, STATUS_TOO_LARGE beyond
 * TRANSLATE_MAX_FILE_BYTES, STATUS_INVALID for a damaged file (see
 * translate_load_memory), STATUS_NO_MEMORY. */
KIOSK_NODISCARD status translate_load_file(const char *path, translation **out);

/* Builds a translation from the `size` bytes of a .mo file in memory (copied;
 * the caller keeps `bytes`). Accepts both byte orders, revision 0, no plural
 * forms. Everything is checked against the file before use: the header and
 * tables lie inside it, every string lies inside it, ends in a NUL and holds
 * no other NUL, no two parts overlap, every string is valid UTF-8 and the
 * original strings are strictly sorted (lookups are a binary search).
 * Returns STATUS_TOO_LARGE beyond TRANSLATE_MAX_FILE_BYTES, STATUS_INVALID
 * for anything else wrong, STATUS_NO_MEMORY; *out as for translate_load_file. */
KIOSK_NODISCARD status translate_load_memory(const void *bytes, size_t size, translation **out);

/* As translate_load_file / translate_load_memory, and on failure also write
 * into `reason` (TRANSLATE_REASON_BYTES is enough; may be NULL) one English
 * line for the log saying what was wrong, e.g. "string 3 runs past the end
 * of the file". `reason` is "" on success. */
KIOSK_NODISCARD status translate_load_file_with_reason(const char *path, translation **out,
                                                       char *reason, size_t reason_size);
KIOSK_NODISCARD status translate_load_memory_with_reason(const void *bytes, size_t size,
                                                         translation **out, char *reason,
                                                         size_t reason_size);

/* Releases a translation; NULL is fine. */
void translate_free(translation *messages);

/* The text to show for `msgid` (the Dutch text): its translation when
 * `messages` has a non-empty one, otherwise `msgid` itself — also when
 * `messages` is NULL or `msgid` is "" — so Dutch needs no entries and a
 * missing translation shows the Dutch text. The result is borrowed from
 * `messages` or is `msgid`, and lives as long as both. `msgid` must not be
 * NULL. */
const char *translate_text(const translation *messages, const char *msgid) KIOSK_FORMAT_ARG(2);

/* The language's name in that language ("Nederlands", "English"): the
 * translation of "@language-name". "" when `messages` is NULL or has none;
 * never NULL. Borrowed from `messages`. */
const char *translate_language_name(const translation *messages);

/* True when "@text-direction" is translated "rtl" (Arabic, Hebrew, …); false
 * for NULL and for any other or missing value. */
bool translate_is_right_to_left(const translation *messages);

/* How many messages the file held, the header entry included. 0 for NULL. */
size_t translate_message_count(const translation *messages);

/* Lists the languages the kiosk can show: reads `<locale_dir>/LINGUAS`
 * (gettext convention: codes separated by whitespace, '#' starts a comment
 * to the end of the line; at most TRANSLATE_MAX_LINGUAS_BYTES) and writes,
 * in file order, each code that has a `<locale_dir>/<code>.mo` regular file,
 * once, into codes[0..*count). A code must look like [a-z]{2,3}(_[A-Z]{2})?.
 * Returns STATUS_NOT_FOUND when LINGUAS does not exist, STATUS_IO when it
 * cannot be read, STATUS_TOO_LARGE when it is over the limit or more than
 * `capacity` languages are present, STATUS_INVALID for a malformed code; on
 * any failure *count is 0. */
KIOSK_NODISCARD status translate_list_languages(const char *locale_dir,
                                                char codes[][TRANSLATE_CODE_BYTES], size_t capacity,
                                                size_t *count);

#endif
