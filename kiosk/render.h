/* render.h — turns a draw list (draw.h) into pixels with SDL's software
 * renderer and SDL2_ttf, and measures text exactly as it will be drawn. One
 * of the three files that see SDL. */
#ifndef KIOSK_RENDER_H
#define KIOSK_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "draw.h"
#include "status.h"

typedef struct SDL_Window SDL_Window;

/* The font files, indexed by draw_font: the reading face, its bold, and the
 * Material Icons font. */
typedef struct render_font_paths {
	const char *files[DRAW_FONT_COUNT];
} render_font_paths;

/* How the text texture cache is doing, for tests and the benchmark. */
typedef struct render_cache_stats {
	size_t entries;         /* textures held now */
	size_t bytes;           /* their pixels, 4 bytes each */
	uint64_t textures_made; /* ever rendered with SDL2_ttf */
	uint64_t hits;          /* draws served from the cache */
	uint64_t evictions;     /* dropped to stay within the limits */
} render_cache_stats;

/* Text textures kept at most. A screen's text takes 2-5 MB at 1080x1920;
 * 6 MB keeps the screen on glass cached (an unchanged frame renders no
 * text) while the kiosk's peak memory with 100,000 offers stays under
 * 45 MB (tests/bench/bench_ui). */
#define RENDER_CACHE_ENTRY_LIMIT 512
#define RENDER_CACHE_BYTE_LIMIT  (6u * 1024u * 1024u)

typedef struct renderer renderer;

/* Creates a software renderer for `window` (borrowed; it must outlive the
 * renderer) and reads the three font files (each at most 16 MB). Fonts are
 * opened per size when first used. On success *out owns the renderer (free
 * with render_destroy()). Fails with STATUS_NOT_FOUND / STATUS_IO for a
 * missing or unreadable font file, STATUS_TOO_LARGE for an oversized one,
 * STATUS_INVALID for a file that is not a font, STATUS_IO when SDL refuses,
 * STATUS_NO_MEMORY; render_last_error() then says why (English, for logs). */
KIOSK_NODISCARD status render_create(SDL_Window *window, const render_font_paths *paths,
                                     renderer **out);
/* Reads the Arabic faces (Noto Sans Arabic Regular and Bold, paths
 * borrowed for the call, each at most 16 MB): from then on Arabic runs of
 * DRAW_FONT_TEXT are set in `regular_path`'s face and those of
 * DRAW_FONT_BOLD in `bold_path`'s, shaped right to left as script "Arab".
 * Without them Arabic runs are set in the reading face (which shows boxes).
 * Call it once, before drawing; a second call replaces the faces only when
 * both files read. Fails like render_create() (STATUS_NOT_FOUND, STATUS_IO,
 * STATUS_TOO_LARGE, STATUS_INVALID, STATUS_NO_MEMORY; render_last_error(self)
 * says why), leaving the renderer as it was. */
KIOSK_NODISCARD status render_load_arabic_faces(renderer *self, const char *regular_path,
                                                const char *bold_path);
/* Frees the renderer, its textures and fonts. NULL is allowed. */
void render_destroy(renderer *self);
/* The message of the last failure of render_create() (self NULL) or of
 * this renderer ("" when none); static or owned by the renderer. */
const char *render_last_error(const renderer *self);

/* The measurer that matches what render_draw() draws, pixel for pixel;
 * borrowed, valid while the renderer lives. A font that cannot be opened at
 * a size is measured as 0.6 x size per byte (and drawing it then fails).
 * Text is measured as render_draw() sets it: as bidi runs (bidi.h), Arabic
 * runs in the Arabic face, the width the sum of the runs', in the base
 * direction of render_set_right_to_left(). In a right-to-left renderer the
 * line height of the reading faces is that of a line mixing Arabic and
 * Latin (the ink of the Arabic letters is taller than the reading face's
 * line); left to right it is the reading face's, as before. */
const draw_measurer *render_measurer(renderer *self);
/* Sets the base direction the measurer measures lines in (left to right at
 * creation). render_draw() adopts each list's direction too, so a caller
 * that switches a frame to Arabic calls this before building it, and the
 * first Arabic frame is measured as it will be drawn. */
void render_set_right_to_left(renderer *self, bool right_to_left);

/* Clears the frame to white and draws every command of `list` in order:
 * rounded fills and frames, text lines (aligned in their box, vertically
 * centred, never drawn outside it; ordered as bidi runs in the list's base
 * direction, draw_list_is_right_to_left(), Arabic runs shaped right to left
 * in the Arabic face on the reading face's baseline), icons by ligature name centred in their
 * box, QR codes (whole-pixel modules centred in the box on the light colour)
 * and clips. Text is rendered once and kept in a bounded cache, so an
 * unchanged frame renders no text. Draws all it can; returns the first
 * failure (STATUS_NO_MEMORY, STATUS_IO when SDL or SDL2_ttf refused). */
KIOSK_NODISCARD status render_draw(renderer *self, const draw_list *list);
/* Writes the frame just drawn (before render_present()) to `path` as a
 * 24-bit BMP, through path + ".tmp" and a rename. STATUS_IO on failure,
 * STATUS_TOO_LARGE for a path over 4000 bytes. Screens can show what a
 * resident chose: only for tests and development, never in kiosk use. */
KIOSK_NODISCARD status render_screenshot_bmp(renderer *self, const char *path);
/* Shows the frame just drawn. */
void render_present(renderer *self);

/* The cache's figures now. */
render_cache_stats render_cache_statistics(const renderer *self);

#endif
