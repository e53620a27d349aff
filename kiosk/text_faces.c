/* text_faces.c — a line of text as pieces in display order, each in its face
 * and direction, measured and composed on one baseline with SDL2_ttf: the
 * part of setting text that the screen and the printed slip share. */
#define _POSIX_C_SOURCE 200809L
#include "text_faces.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

status text_faces_line_init(text_line *line)
{
	*line = (text_line){0};
	line->runs = calloc(BIDI_LINE_LIMIT, sizeof *line->runs);
	line->pieces = calloc(BIDI_LINE_LIMIT, sizeof *line->pieces);
	return line->runs != NULL && line->pieces != NULL ? STATUS_OK : STATUS_NO_MEMORY;
}

void text_faces_line_free(text_line *line)
{
	free(line->runs);
	free(line->pieces);
	free(line->scratch);
	*line = (text_line){0};
}

const char *text_faces_copy(text_line *line, const char *text, size_t length)
{
	if (length + 1 > line->scratch_capacity) {
		size_t capacity = length + 1 < 256 ? 256 : length + 1;
		char *grown = realloc(line->scratch, capacity);
		if (grown == NULL)
			return NULL;
		line->scratch = grown;
		line->scratch_capacity = capacity;
	}
	memcpy(line->scratch, text, length);
	line->scratch[length] = '\0';
	return line->scratch;
}

status text_faces_read_file(const char *path, text_font_file *out, char *error, size_t error_size)
{
	FILE *file = fopen(path, "rb");
	if (file == NULL) {
		status result = errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO;
		(void)text_format(error, error_size, "cannot open font %s: %s", path,
		                  strerror(errno));
		return result;
	}
	status result = STATUS_OK;
	long length = -1;
	if (fseek(file, 0, SEEK_END) == 0)
		length = ftell(file);
	if (length < 0 || fseek(file, 0, SEEK_SET) != 0) {
		(void)text_format(error, error_size, "cannot read font %s", path);
		result = STATUS_IO;
	} else if (length > TEXT_FACES_FILE_LIMIT || length == 0) {
		(void)text_format(error, error_size, "font %s is %ld bytes: not a font", path,
		                  length);
		result = length == 0 ? STATUS_INVALID : STATUS_TOO_LARGE;
	} else {
		out->bytes = malloc((size_t)length);
		out->length = (size_t)length;
		if (out->bytes == NULL) {
			(void)text_format(error, error_size, "out of memory reading font %s", path);
			result = STATUS_NO_MEMORY;
		} else if (fread(out->bytes, 1, out->length, file) != out->length) {
			(void)text_format(error, error_size, "cannot read font %s", path);
			result = STATUS_IO;
		}
	}
	fclose(file);
	return result;
}

/* ---- faces ---- */

/* The tallest and deepest Arabic the kiosk shows: alef with hamza and
 * damma, qaf with shadda and fatha (موقَّع in the translations), alef with
 * hamza and kasra below, yeh with shadda and kasra. */
static const char arabic_extremes[] = "\xD8\xA3\xD9\x8F \xD9\x82\xD9\x8E\xD9\x91 "
                                      "\xD8\xA5\xD9\x90 \xD9\x8A\xD9\x91\xD9\x90";

/* How far Arabic with its vowel marks reaches above and below the baseline
 * at this face's size, from the ink of arabic_extremes: the font's own
 * ascent and descent (1.7 em together) leave far more room below than any
 * letter takes. The font's metrics when the probe cannot be drawn. */
static void arabic_ink(TTF_Font *handle, int *ascent, int *descent)
{
	int baseline = TTF_FontAscent(handle);
	*ascent = baseline;
	*descent = TTF_FontHeight(handle) - baseline;
	(void)TTF_SetFontDirection(handle, TTF_DIRECTION_RTL);
	SDL_Surface *probe =
	    TTF_RenderUTF8_Blended(handle, arabic_extremes, (SDL_Color){0, 0, 0, 255});
	(void)TTF_SetFontDirection(handle, TTF_DIRECTION_LTR);
	if (probe == NULL)
		return;
	int top = -1;
	int bottom = -1;
	if (probe->format->BytesPerPixel == 4 && SDL_LockSurface(probe) == 0) {
		for (int row = 0; row < probe->h; row++) {
			const Uint32 *pixels =
			    (const Uint32 *)((const Uint8 *)probe->pixels + row * probe->pitch);
			for (int column = 0; column < probe->w; column++) {
				Uint8 red, green, blue, alpha;
				SDL_GetRGBA(pixels[column], probe->format, &red, &green, &blue,
				            &alpha);
				if (alpha != 0) {
					top = top < 0 ? row : top;
					bottom = row;
					break;
				}
			}
		}
		SDL_UnlockSurface(probe);
	}
	SDL_FreeSurface(probe);
	if (top >= 0) {
		/* A pixel's room either side for anti-aliasing. */
		*ascent = baseline - top + 1;
		*descent = bottom + 1 - baseline + 1;
	}
}

void text_faces_prepare(TTF_Font *handle, int face, text_font *out)
{
	*out = (text_font){.handle = handle};
	if (face == TEXT_FACE_ARABIC_TEXT || face == TEXT_FACE_ARABIC_BOLD) {
		/* Arabic letters join only when shaped as Arabic. */
		(void)TTF_SetFontScriptName(handle, "Arab");
		arabic_ink(handle, &out->ink_ascent, &out->ink_descent);
		return;
	}
	if (face != DRAW_FONT_ICON)
		(void)TTF_SetFontScriptName(handle, "Latn");
	out->ink_ascent = TTF_FontAscent(handle);
	out->ink_descent = TTF_FontHeight(handle) - out->ink_ascent;
}

text_font *text_faces_font(const text_font_source *fonts, int face, int size, bool right_to_left)
{
	text_font *font = fonts->font(fonts->context, face, size);
	if (font != NULL && font->right_to_left != right_to_left) {
		(void)TTF_SetFontDirection(font->handle,
		                           right_to_left ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
		font->right_to_left = right_to_left;
	}
	return font;
}

static bool is_reading_face(draw_font face)
{
	return face == DRAW_FONT_TEXT || face == DRAW_FONT_BOLD;
}

/* The face run `run` of a line in `face` is set in: the Arabic face of the
 * same weight for Arabic letters when there is one. */
static int face_of_run(const text_font_source *fonts, draw_font face, const bidi_run *run)
{
	if (!run->arabic_face || !is_reading_face(face))
		return (int)face;
	int arabic = face == DRAW_FONT_BOLD ? TEXT_FACE_ARABIC_BOLD : TEXT_FACE_ARABIC_TEXT;
	return fonts->has_face(fonts->context, arabic) ? arabic : (int)face;
}

/* ---- lines ---- */

bool text_faces_split(text_line *line, const text_font_source *fonts, draw_font face, int size,
                      const char *text, size_t length, bool right_to_left)
{
	line->count = 0;
	size_t runs = 0;
	if (!is_reading_face(face) ||
	    bidi_runs(text, length, right_to_left, line->runs, BIDI_LINE_LIMIT, &runs) != STATUS_OK)
		return false;
	if (runs == 1 && !line->runs[0].right_to_left && !line->runs[0].arabic_face)
		return false;
	size_t made = 0;
	for (size_t index = 0; index < runs; index++) {
		const bidi_run *run = &line->runs[index];
		int run_face = face_of_run(fonts, face, run);
		size_t first = made;
		if (run_face == (int)face) {
			line->pieces[made++] =
			    (text_piece){run->offset, run->length, run_face, run->right_to_left};
			continue;
		}
		text_font *arabic = fonts->font(fonts->context, run_face, size);
		for (size_t offset = run->offset; offset < run->offset + run->length;) {
			uint32_t code_point = 0;
			size_t used = bidi_next_code_point(
			    text + offset, run->offset + run->length - offset, &code_point);
			int piece_face =
			    arabic == NULL || TTF_GlyphIsProvided32(arabic->handle, code_point)
			        ? run_face
			        : (int)face;
			if (made > first && line->pieces[made - 1].face == piece_face)
				line->pieces[made - 1].length += used;
			else
				line->pieces[made++] =
				    (text_piece){offset, used, piece_face, run->right_to_left};
			offset += used;
		}
		/* A right-to-left run's first piece is its rightmost. */
		if (run->right_to_left)
			for (size_t left = first, right = made - 1; left < right; left++, right--) {
				text_piece swapped = line->pieces[left];
				line->pieces[left] = line->pieces[right];
				line->pieces[right] = swapped;
			}
	}
	line->count = made;
	return true;
}

bool text_faces_pieces_width(text_line *line, const text_font_source *fonts, int size,
                             const char *text, int *width)
{
	/* Pieces sit side by side: the line is as wide as they are together. */
	*width = 0;
	for (size_t index = 0; index < line->count; index++) {
		const text_piece *piece = &line->pieces[index];
		text_font *font = text_faces_font(fonts, piece->face, size, piece->right_to_left);
		const char *part = text_faces_copy(line, text + piece->offset, piece->length);
		int part_width = 0;
		int height = 0;
		if (font == NULL || part == NULL ||
		    TTF_SizeUTF8(font->handle, part, &part_width, &height) != 0)
			return false;
		*width += part_width;
	}
	return true;
}

static int font_line_height(TTF_Font *font)
{
	int height = TTF_FontHeight(font);
	int skip = TTF_FontLineSkip(font);
	return skip > height ? skip : height;
}

int text_faces_line_height(const text_font_source *fonts, draw_font face, int size,
                           bool right_to_left)
{
	text_font *font = fonts->font(fonts->context, (int)face, size);
	if (font == NULL)
		return 0;
	int height = font_line_height(font->handle);
	if (!right_to_left || !is_reading_face(face))
		return height;
	/* An Arabic line: its runs share the reading face's baseline, and the
	 * line box reaches as high and as low as the taller of the two. */
	int ascent = font->ink_ascent;
	int descent = font->ink_descent;
	bidi_run arabic_run = {.arabic_face = true};
	text_font *arabic =
	    fonts->font(fonts->context, face_of_run(fonts, face, &arabic_run), size);
	if (arabic == NULL)
		return height;
	ascent = arabic->ink_ascent > ascent ? arabic->ink_ascent : ascent;
	descent = arabic->ink_descent > descent ? arabic->ink_descent : descent;
	return ascent + descent > height ? ascent + descent : height;
}

SDL_Surface *text_faces_render_pieces(text_line *line, const text_font_source *fonts, int size,
                                      draw_color color, const char *text, int *ink_top,
                                      int *ink_height, char *error, size_t error_size)
{
	size_t count = line->count;
	SDL_Color ink = {color.red, color.green, color.blue, color.alpha};
	SDL_Surface **parts = calloc(count, sizeof *parts);
	int *ascents = calloc(count, sizeof *ascents);
	SDL_Surface *composed = NULL;
	if (parts == NULL || ascents == NULL) {
		(void)text_format(error, error_size, "out of memory for a line's parts");
		goto done;
	}
	int width = 0;
	int baseline = 0;    /* the tallest font ascent: where the baseline lies */
	int ink_ascent = 0;  /* the line box above the baseline */
	int ink_descent = 0; /* and below it */
	for (size_t index = 0; index < count; index++) {
		const text_piece *piece = &line->pieces[index];
		text_font *font = text_faces_font(fonts, piece->face, size, piece->right_to_left);
		const char *part = text_faces_copy(line, text + piece->offset, piece->length);
		int part_width = 0;
		int part_height = 0;
		if (font == NULL || part == NULL ||
		    TTF_SizeUTF8(font->handle, part, &part_width, &part_height) != 0) {
			(void)text_format(error, error_size, "cannot measure part of a line: %s",
			                  TTF_GetError());
			goto done;
		}
		int ascent = TTF_FontAscent(font->handle);
		ink_ascent = font->ink_ascent > ink_ascent ? font->ink_ascent : ink_ascent;
		ink_descent = font->ink_descent > ink_descent ? font->ink_descent : ink_descent;
		/* A run of nothing visible (a lone joiner) has no width to draw. */
		if (part_width == 0)
			continue;
		parts[index] = TTF_RenderUTF8_Blended(font->handle, part, ink);
		if (parts[index] == NULL) {
			(void)text_format(error, error_size, "cannot render text: %s",
			                  TTF_GetError());
			goto done;
		}
		ascents[index] = ascent;
		baseline = ascent > baseline ? ascent : baseline;
		width += parts[index]->w;
	}
	int height = baseline + ink_descent;
	for (size_t index = 0; index < count; index++)
		if (parts[index] != NULL && baseline - ascents[index] + parts[index]->h > height)
			height = baseline - ascents[index] + parts[index]->h;
	if (width == 0) {
		(void)text_format(error, error_size, "Text has zero width");
		goto done;
	}
	composed = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
	if (composed == NULL) {
		(void)text_format(error, error_size, "cannot make a line: %s", SDL_GetError());
		goto done;
	}
	int x = 0;
	for (size_t index = 0; index < count; index++) {
		if (parts[index] == NULL)
			continue;
		/* Runs never overlap: copy each, alpha and all, onto the clear line. */
		(void)SDL_SetSurfaceBlendMode(parts[index], SDL_BLENDMODE_NONE);
		SDL_Rect place = {x, baseline - ascents[index], parts[index]->w, parts[index]->h};
		if (SDL_BlitSurface(parts[index], NULL, composed, &place) != 0) {
			(void)text_format(error, error_size, "cannot compose a line: %s",
			                  SDL_GetError());
			SDL_FreeSurface(composed);
			composed = NULL;
			goto done;
		}
		x += parts[index]->w;
	}
	*ink_top = baseline - ink_ascent;
	*ink_height = ink_ascent + ink_descent;
done:
	if (parts != NULL)
		for (size_t index = 0; index < count; index++)
			SDL_FreeSurface(parts[index]);
	free(parts);
	free(ascents);
	return composed;
}
