/* offer_text.h — an offer's contact details set for reading: a Dutch phone
 * number in chunks, a web address broken into lines at its own separators.
 * The screens and the printed slip share it; libc only (no screen.h). */
#ifndef KIOSK_OFFER_TEXT_H
#define KIOSK_OFFER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "draw.h"

/* Writes the phone number `stored` (as the volunteer typed it) to `out` of
 * `size` bytes for reading aloud and dialling: a ten-digit Dutch number as
 * "030 - 200 41 17", "0485 - 12 34 56" or "06 - 12 34 56 78" (area codes of
 * two or three digits after the 0, spaces, dashes and brackets ignored);
 * anything else ("+31 …", an extension, a short number) unchanged. `out` is
 * always NUL-terminated (size > 0). Returns false when `out` was too small
 * (it then holds a truncated copy, never half a UTF-8 character). */
bool offer_text_group_phone(const char *stored, char *out, size_t size);

/* One line of a broken URL: bytes url[start .. start + length). */
typedef struct offer_text_line {
	size_t start;
	size_t length;
} offer_text_line;

/* Breaks `url` (no spaces to break at) into lines at most `width` pixels
 * wide in `font` at `size`, as `measurer` measures, preferring to end a line
 * after '/', '.', '-', '?', '&', '=', '_' or '#' so the pieces read as parts
 * of an address. Never splits a UTF-8 character; every byte lands on exactly
 * one line, so the lines joined are the URL. Fills `lines` (the caller's,
 * `capacity` of them) and returns the line count: 0 for an empty URL, and 0
 * when one character alone is wider than `width` or more than `capacity`
 * lines would be needed (the address is then better not shown than cut). */
size_t offer_text_break_url(const draw_measurer *measurer, draw_font font, int size,
                            const char *url, int width, offer_text_line *lines, size_t capacity);

#endif
