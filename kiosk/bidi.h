/* bidi.h — one line of UTF-8 as runs in display order (the Unicode bidi
 * algorithm, through libfribidi), so Arabic, Latin and numbers on one line
 * are drawn in the order a reader expects, each run in the face it needs. */
#ifndef KIOSK_BIDI_H
#define KIOSK_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
 * on the glass; *count gets how many. The runs tile the text: every byte
 * lies in exactly one run, so `length` runs always suffice.
 * The line's base direction: left to right, unless `right_to_left_frame`
 * (an Arabic screen) and the line holds a right-to-left letter (Arabic, or
 * a right-to-left mark U+200F) — so an Arabic sentence reads from the right
 * even when it starts with a Latin name, while a Dutch catalogue text or a
 * time shown on an Arabic screen keeps its full stop on the right.
 * Spaces, punctuation and digits join the runs around them as the bidi
 * algorithm resolves them (trailing spaces take the base direction); a run
 * needs the Arabic face when it holds a character of the Arabic blocks, and
 * a neutral character takes the face of the letter before it at its level
 * (after it at the start). The Arabic face may lack some neutrals ("…",
 * brackets): the renderer sets those in the reading face.
 * Bytes that are not valid UTF-8 count as U+FFFD (a neutral), one byte each,
 * and stay in the run they fall in: a bad line is still drawn, never refused.
 * Text without right-to-left characters is one run found without fribidi
 * (every Dutch, English and Turkish line).
 * Returns STATUS_OK (zero runs for empty text), STATUS_TOO_LARGE for more
 * than BIDI_LINE_LIMIT bytes or more runs than `capacity`, STATUS_USAGE for
 * NULL arguments, STATUS_NO_MEMORY when fribidi fails. */
KIOSK_NODISCARD status bidi_runs(const char *text, size_t length, bool right_to_left_frame,
                                 bidi_run *runs, size_t capacity, size_t *count);

/* Decodes the code point at the start of text[0..length) (length >= 1)
 * into *code_point and returns the bytes it takes (1-4). Invalid or cut-off
 * UTF-8 gives U+FFFD for one byte, as bidi_runs() counts it. */
size_t bidi_next_code_point(const char *text, size_t length, uint32_t *code_point);

/* True when the text holds a character bidi_runs() draws in the Arabic face
 * (the Arabic blocks); false for invalid UTF-8 bytes. */
bool bidi_has_arabic(const char *text, size_t length);

#endif
