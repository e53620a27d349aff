/* bidi.c — display-order runs of a line with libfribidi (the only file that
 * includes it): embedding levels, the line rule for trailing spaces, faces. */
#define _POSIX_C_SOURCE 200809L
#include "bidi.h"

#include <fribidi.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT_CHARACTER 0xFFFDu

/* One line's characters, decoded, with what the algorithm says of each. At
 * most one character per byte. */
typedef struct line_characters {
	FriBidiChar code_points[BIDI_LINE_LIMIT];
	FriBidiCharType types[BIDI_LINE_LIMIT];
	FriBidiBracketType brackets[BIDI_LINE_LIMIT];
	FriBidiLevel levels[BIDI_LINE_LIMIT];
	uint16_t offsets[BIDI_LINE_LIMIT + 1]; /* byte offset of each; [count] = length */
	bool arabic[BIDI_LINE_LIMIT];
	size_t count;
} line_characters;

/* About 70 KB of working space per thread that lays out text. It is made
 * once per thread on the heap and found through a thread key: as a
 * _Thread_local it would be static TLS in every thread of the process, and
 * threads with small stacks (SDL's audio thread asks for 64 KB) could not
 * start at all. Per line on the stack would not fit such threads either,
 * and a malloc per line is the dearest part of a short line. */
typedef struct bidi_scratch {
	line_characters line;
	FriBidiLevel run_levels[BIDI_LINE_LIMIT];
} bidi_scratch;

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static bool scratch_key_made;

static void make_scratch_key(void)
{
	scratch_key_made = pthread_key_create(&scratch_key, free) == 0;
}

static bidi_scratch *thread_scratch(void)
{
	(void)pthread_once(&scratch_once, make_scratch_key);
	if (!scratch_key_made)
		return NULL;
	bidi_scratch *scratch = pthread_getspecific(scratch_key);
	if (!scratch) {
		scratch = malloc(sizeof(*scratch));
		if (scratch && pthread_setspecific(scratch_key, scratch) != 0) {
			free(scratch);
			scratch = NULL;
		}
	}
	return scratch;
}

/* Decodes one code point at bytes[0..available); invalid or cut-off input
 * is U+FFFD for one byte. Returns the bytes used (>= 1). */
static size_t decode_utf8(const unsigned char *bytes, size_t available, uint32_t *out)
{
	unsigned char lead = bytes[0];
	size_t needed;
	uint32_t value;
	uint32_t minimum;
	if (lead < 0x80) {
		*out = lead;
		return 1;
	} else if (lead >= 0xC2 && lead <= 0xDF) {
		needed = 2;
		value = lead & 0x1Fu;
		minimum = 0x80;
	} else if (lead >= 0xE0 && lead <= 0xEF) {
		needed = 3;
		value = lead & 0x0Fu;
		minimum = 0x800;
	} else if (lead >= 0xF0 && lead <= 0xF4) {
		needed = 4;
		value = lead & 0x07u;
		minimum = 0x10000;
	} else {
		*out = REPLACEMENT_CHARACTER;
		return 1;
	}
	if (available < needed) {
		*out = REPLACEMENT_CHARACTER;
		return 1;
	}
	for (size_t index = 1; index < needed; index++) {
		if ((bytes[index] & 0xC0u) != 0x80u) {
			*out = REPLACEMENT_CHARACTER;
			return 1;
		}
		value = (value << 6) | (bytes[index] & 0x3Fu);
	}
	/* Overlong forms, UTF-16 surrogates and values past Unicode are not
	 * UTF-8. */
	if (value < minimum || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
		*out = REPLACEMENT_CHARACTER;
		return 1;
	}
	*out = value;
	return needed;
}

/* The Arabic blocks: letters, marks, Arabic-Indic digits and the
 * presentation forms. The reading face has none of them. */
static bool is_arabic(uint32_t code_point)
{
	return (code_point >= 0x0600 && code_point <= 0x06FF) ||
	       (code_point >= 0x0750 && code_point <= 0x077F) ||
	       (code_point >= 0x0870 && code_point <= 0x08FF) ||
	       (code_point >= 0xFB50 && code_point <= 0xFDFF) ||
	       (code_point >= 0xFE70 && code_point <= 0xFEFF);
}

/* Characters both faces draw alike, which take the face of their
 * neighbours: spaces, punctuation, separators, combining marks outside the
 * Arabic blocks. */
static bool takes_neighbours_face(FriBidiCharType type)
{
	return FRIBIDI_IS_NEUTRAL(type) || FRIBIDI_IS_EXPLICIT_OR_BN(type) ||
	       type == FRIBIDI_TYPE_CS || type == FRIBIDI_TYPE_ES || type == FRIBIDI_TYPE_ET ||
	       type == FRIBIDI_TYPE_NSM;
}

/* Below U+0590 nothing is right to left, and the explicit right-to-left
 * controls and marks are above it: text without any of these in a
 * left-to-right line is one left-to-right run. */
static bool needs_algorithm(const char *text, size_t length)
{
	for (size_t index = 0; index < length; index++)
		if ((unsigned char)text[index] >= 0xD6) /* a lead byte of U+0580 and up */
			return true;
	return false;
}

static size_t decode_line(const char *text, size_t length, line_characters *line)
{
	const unsigned char *bytes = (const unsigned char *)text;
	size_t count = 0;
	for (size_t offset = 0; offset < length; count++) {
		uint32_t code_point = 0;
		size_t used = decode_utf8(bytes + offset, length - offset, &code_point);
		line->code_points[count] = code_point;
		line->offsets[count] = (uint16_t)offset;
		line->arabic[count] = is_arabic(code_point);
		offset += used;
	}
	line->offsets[count] = (uint16_t)length;
	line->count = count;
	return count;
}

/* Rule L1: whitespace at the end of the line, and before a tab or segment
 * separator, goes back to the paragraph's level, so a trailing space never
 * lands in the middle of the line. */
static void reset_trailing_whitespace(line_characters *line, FriBidiLevel base_level)
{
	bool trailing = true;
	for (size_t index = line->count; index-- > 0;) {
		FriBidiCharType type = line->types[index];
		if (type == FRIBIDI_TYPE_SS || type == FRIBIDI_TYPE_BS) {
			line->levels[index] = base_level;
			trailing = true;
		} else if (trailing && FRIBIDI_IS_EXPLICIT_OR_BN_OR_WS(type)) {
			line->levels[index] = base_level;
		} else {
			trailing = false;
		}
	}
}

/* Gives each neutral character the face of the letter before it at the
 * same level, or of the first letter when none comes before. */
static void settle_neutral_faces(line_characters *line)
{
	size_t start = 0;
	while (start < line->count) {
		size_t end = start;
		while (end < line->count && line->levels[end] == line->levels[start])
			end++;
		size_t first_letter = start;
		while (first_letter < end && takes_neighbours_face(line->types[first_letter]) &&
		       !line->arabic[first_letter])
			first_letter++;
		bool face = first_letter < end && line->arabic[first_letter];
		for (size_t index = start; index < end; index++) {
			if (index >= first_letter &&
			    (!takes_neighbours_face(line->types[index]) || line->arabic[index]))
				face = line->arabic[index];
			else
				line->arabic[index] = face;
		}
		start = end;
	}
}

/* Rule L2 on whole runs: from the highest level down to the lowest odd
 * one, every stretch of runs at that level or higher is reversed. */
static void reorder_runs(bidi_run *runs, const FriBidiLevel *run_levels, size_t count)
{
	int highest = 0;
	int lowest_odd = 1000; /* above any level: none odd yet */
	for (size_t index = 0; index < count; index++) {
		if (run_levels[index] > highest)
			highest = run_levels[index];
		if ((run_levels[index] & 1) && run_levels[index] < lowest_odd)
			lowest_odd = run_levels[index];
	}
	if (lowest_odd == 1000)
		return;
	FriBidiLevel levels[BIDI_LINE_LIMIT];
	memcpy(levels, run_levels, count * sizeof levels[0]);
	for (int level = highest; level >= lowest_odd; level--) {
		size_t index = 0;
		while (index < count) {
			if (levels[index] < level) {
				index++;
				continue;
			}
			size_t end = index;
			while (end < count && levels[end] >= level)
				end++;
			for (size_t left = index, right = end - 1; left < right; left++, right--) {
				bidi_run run = runs[left];
				runs[left] = runs[right];
				runs[right] = run;
				FriBidiLevel swapped = levels[left];
				levels[left] = levels[right];
				levels[right] = swapped;
			}
			index = end;
		}
	}
}

/* True when the line has a strong right-to-left character or an explicit
 * right-to-left embedding, override or isolate. */
static bool has_right_to_left(const line_characters *line)
{
	for (size_t index = 0; index < line->count; index++) {
		FriBidiCharType type = line->types[index];
		/* Not FRIBIDI_IS_RTL_LETTER: in fribidi 1.0.8 it lacks brackets
		 * and tests the wrong bit. */
		if (type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL ||
		    type == FRIBIDI_TYPE_RLE || type == FRIBIDI_TYPE_RLO ||
		    type == FRIBIDI_TYPE_RLI)
			return true;
	}
	return false;
}

status bidi_runs(const char *text, size_t length, bool right_to_left_frame, bidi_run *runs,
                 size_t capacity, size_t *count)
{
	if (count == NULL || (text == NULL && length > 0) || (runs == NULL && capacity > 0))
		return STATUS_USAGE;
	*count = 0;
	if (length > BIDI_LINE_LIMIT)
		return STATUS_TOO_LARGE;
	if (length == 0)
		return STATUS_OK;
	if (!needs_algorithm(text, length)) {
		if (capacity < 1)
			return STATUS_TOO_LARGE;
		runs[0] = (bidi_run){.offset = 0, .length = length};
		*count = 1;
		return STATUS_OK;
	}

	bidi_scratch *scratch = thread_scratch();
	if (!scratch)
		return STATUS_NO_MEMORY;
	line_characters *line = &scratch->line;
	size_t characters = decode_line(text, length, line);
	FriBidiStrIndex fribidi_length = (FriBidiStrIndex)characters;
	fribidi_get_bidi_types(line->code_points, fribidi_length, line->types);
	fribidi_get_bracket_types(line->code_points, fribidi_length, line->types, line->brackets);
	bool base_right_to_left = right_to_left_frame && has_right_to_left(line);
	FriBidiParType direction = base_right_to_left ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	if (fribidi_get_par_embedding_levels_ex(line->types, line->brackets, fribidi_length,
	                                        &direction, line->levels) == 0)
		return STATUS_NO_MEMORY;
	reset_trailing_whitespace(line, base_right_to_left ? 1 : 0);
	settle_neutral_faces(line);

	FriBidiLevel *run_levels = scratch->run_levels;
	size_t made = 0;
	for (size_t start = 0; start < characters;) {
		size_t end = start + 1;
		while (end < characters && line->levels[end] == line->levels[start] &&
		       line->arabic[end] == line->arabic[start])
			end++;
		if (made == capacity)
			return STATUS_TOO_LARGE;
		runs[made] =
		    (bidi_run){.offset = line->offsets[start],
		               .length = (size_t)(line->offsets[end] - line->offsets[start]),
		               .right_to_left = (line->levels[start] & 1) != 0,
		               .arabic_face = line->arabic[start]};
		run_levels[made] = line->levels[start];
		made++;
		start = end;
	}
	reorder_runs(runs, run_levels, made);
	*count = made;
	return STATUS_OK;
}

size_t bidi_next_code_point(const char *text, size_t length, uint32_t *code_point)
{
	return decode_utf8((const unsigned char *)text, length, code_point);
}

bool bidi_has_arabic(const char *text, size_t length)
{
	const unsigned char *bytes = (const unsigned char *)text;
	for (size_t offset = 0; offset < length;) {
		uint32_t code_point = 0;
		offset += decode_utf8(bytes + offset, length - offset, &code_point);
		if (is_arabic(code_point))
			return true;
	}
	return false;
}
