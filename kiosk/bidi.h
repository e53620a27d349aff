/* bidi.h — one line of UTF-8 as runs in display order (the Unicode bidi
 * algorithm, through libfribidi), so Arabic, Latin and numbers on one line
 * are drawn in the order a reader expects, each run in the face it needs. */
#ifndef KIOSK_BIDI_H
#define KIOSK_BIDI_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* Longest line bidi_runs() accepts, in bytes: a screen line is far shorter. */
#define BIDI_LINE_LIMIT 4096u

/* One run: bytes [offset, offset + length) of the logical (stored) text,
 * all at one embedding level and in one face. */
typedef struct bidi_run {
	size_t offset;
	size_t length;
	bool right_to_left; /* the run's characters read right to left */
	bool arabic_face;   /* it holds Arabic letters or digits: draw it in the Arabic face */
} bidi_run;

/* Splits the first `length` bytes of `text` into runs and writes them to
 * `runs` (caller-owned, room for `capacity`) in visual order, left to right
 * on the glass; *count gets how many. The line's base direction is right to
 * left when `base_right_to_left` (Arabic), else left to right. The runs tile
 * the text: every byte lies in exactly one run, so `length` runs always
 * suffice. Spaces, punctuation and digits join the runs around them as the
 * bidi algorithm resolves them (trailing spaces take the base direction);
 * a run needs the Arabic face when it holds a character of the Arabic
 * blocks, and a neutral character takes the face of the letter before it
 * (after it at the start of a run).
 * Bytes that are not valid UTF-8 count as U+FFFD (a neutral), one byte each,
 * and stay in the run they fall in: a bad line is still drawn, never refused.
 * Text without right-to-left characters in a left-to-right line is one run
 * found without fribidi (every Dutch, English and Turkish line).
 * Returns STATUS_OK (zero runs for empty text), STATUS_TOO_LARGE for more
 * than BIDI_LINE_LIMIT bytes or more runs than `capacity`, STATUS_USAGE for
 * NULL arguments, STATUS_NO_MEMORY when fribidi fails. */
KIOSK_NODISCARD status bidi_runs(const char *text, size_t length, bool base_right_to_left,
                                 bidi_run *runs, size_t capacity, size_t *count);

/* True when the text holds a character bidi_runs() draws in the Arabic face
 * (the Arabic blocks); false for invalid UTF-8 bytes. */
bool bidi_has_arabic(const char *text, size_t length);

#endif
