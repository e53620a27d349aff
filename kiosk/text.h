/* text.h — small, bounded text helpers used instead of the banned libc calls:
 * a growable byte buffer, bounded copy/format, strict number parsing, UTF-8
 * validation and the case- and accent-insensitive folding used for values. */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* A growable byte buffer that always stays NUL-terminated. Zero-initialise it
 * (`text_buffer b = {0};`), append, then text_buffer_free(). `data` is NULL
 * until the first append; use text_buffer_string() to get "" instead. */
typedef struct text_buffer {
	char *data;
	size_t length;
	size_t capacity;
} text_buffer;

/* Appends `length` bytes. Returns STATUS_NO_MEMORY if growth fails (the
 * buffer keeps its previous contents). */
KIOSK_NODISCARD status text_buffer_append(text_buffer *buffer, const char *bytes, size_t length);
/* Appends a NUL-terminated string. */
KIOSK_NODISCARD status text_buffer_append_string(text_buffer *buffer, const char *string);
/* Appends printf-style formatted text. */
KIOSK_NODISCARD status text_buffer_append_format(text_buffer *buffer, const char *format, ...)
    KIOSK_PRINTF(2, 3);
/* The contents as a C string; "" when nothing was appended. Borrowed. */
const char *text_buffer_string(const text_buffer *buffer);
/* Empties the buffer but keeps its memory. */
void text_buffer_clear(text_buffer *buffer);
/* Releases the memory; the buffer is zeroed and may be reused. */
void text_buffer_free(text_buffer *buffer);

/* Copies `source` into `destination` of `size` bytes, always NUL-terminating
 * (when size > 0) and never splitting a UTF-8 sequence. Returns true when the
 * whole string fitted. */
bool text_copy(char *destination, size_t size, const char *source);
/* Overwrites `size` bytes at `bytes` with zeros in a way the compiler may
 * not drop as dead stores: for a PIN or a resident's answers that are about
 * to be released or reused. NULL with size 0 is fine. */
void text_wipe(void *bytes, size_t size);
/* Copies `text` into out[0..size) with every space made a no-break space
 * (U+00A0), so a line never breaks inside it ("10.00 uur", "030 - 200 41
 * 17"); stops early rather than split a character. Returns `out`. */
const char *text_keep_together(const char *text, char *out, size_t size);
/* snprintf that always NUL-terminates; returns true when the text fitted. */
bool text_format(char *destination, size_t size, const char *format, ...) KIOSK_PRINTF(3, 4);

/* Parses a whole string as a decimal integer in [minimum, maximum], allowing
 * surrounding ASCII spaces. Returns false (and leaves *out alone) otherwise. */
bool text_parse_integer(const char *text, long minimum, long maximum, long *out);
/* Parses a decimal number; accepts '.' or ',' as decimal separator (Dutch
 * spreadsheets write 52,09). No exponent, no hex, no inf/nan. */
bool text_parse_decimal(const char *text, double *out);

/* True when bytes[0..length) is well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF) and holds no NUL byte. */
bool text_is_valid_utf8(const char *bytes, size_t length);
/* Decodes one code point at *position (advancing it); returns -1 and advances
 * one byte on malformed input. */
int32_t text_next_code_point(const char *bytes, size_t length, size_t *position);
/* Number of code points in a valid UTF-8 string. */
size_t text_code_point_count(const char *string);

/* Folds `source` for comparison: lower case, Latin accents removed (é→e, ë→e,
 * ç→c, ş→s, ğ→g, ı→i, İ→i, ß→ss), runs of spaces, '-' and '_' become one '_',
 * leading and trailing space removed. "Groep met Zorgverlener" and
 * "groep_met_zorgverlener" fold equal. Writes at most size-1 bytes; returns
 * false when the result did not fit. */
bool text_fold(char *destination, size_t size, const char *source);

/* Trims ASCII whitespace at both ends of bytes[0..*length): returns the new
 * start and updates *length. */
const char *text_trim(const char *bytes, size_t *length);

/* True when `string` starts with `prefix`. */
bool text_starts_with(const char *string, const char *prefix);

#endif
