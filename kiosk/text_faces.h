/* text_faces.h — one line of text set with SDL2_ttf as the screen and the
 * printed slip both set it: cut into bidi runs in display order (bidi.h),
 * Arabic runs in the Arabic face shaped right to left as "Arab" where that
 * face has the letter, the rest in the reading face, side by side on one
 * baseline. Shared by render.c and slip_raster.c, which keep their fonts
 * their own way (opened per size on first use; opened up front for the
 * printer's worker) and hand them in through a text_font_source. */
#ifndef KIOSK_TEXT_FACES_H
#define KIOSK_TEXT_FACES_H

#include <stdbool.h>
#include <stddef.h>

#include "bidi.h"
#include "draw.h"
#include "status.h"

typedef struct _TTF_Font TTF_Font;
typedef struct SDL_Surface SDL_Surface;

/* Font files over this are not fonts (the shipped ones are under 1 MB). */
#define TEXT_FACES_FILE_LIMIT (16L * 1024L * 1024L)

/* The faces a line is set in: draw_font's, then the Arabic faces that set
 * the Arabic runs of the reading face and of its bold. */
enum { TEXT_FACE_ARABIC_TEXT = DRAW_FONT_COUNT, TEXT_FACE_ARABIC_BOLD, TEXT_FACE_COUNT };

/* A whole font file in memory: FreeType reads a face from it. */
typedef struct text_font_file {
	void *bytes;
	size_t length;
} text_font_file;

/* One face opened at one size, as its owner keeps it. */
typedef struct text_font {
	TTF_Font *handle;
	/* How far the face's letters reach above and below the baseline: the
	 * font's own ascent and descent for the reading faces; the Arabic
	 * letters' ink for the Arabic faces, whose ascent and descent (1.7 em)
	 * leave room far beyond any letter. Set by text_faces_prepare(). */
	int ink_ascent;
	int ink_descent;
	bool right_to_left; /* the direction HarfBuzz shapes in now */
} text_font;

/* Where the line code gets its fonts. */
typedef struct text_font_source {
	void *context;
	/* True when `face` (draw_font or TEXT_FACE_ARABIC_*) is loaded. */
	bool (*has_face)(void *context, int face);
	/* The face at `size`, prepared (text_faces_prepare()); NULL when it is
	 * not loaded or SDL2_ttf refuses (the owner's error says why). Valid
	 * until the next call. */
	text_font *(*font)(void *context, int face, int size);
} text_font_source;

/* A part of a line set in one face and direction: bytes [offset, offset +
 * length) of the line. */
typedef struct text_piece {
	size_t offset;
	size_t length;
	int face; /* draw_font or TEXT_FACE_ARABIC_* */
	bool right_to_left;
} text_piece;

/* Working memory for one line at a time: its bidi runs, its pieces and a
 * NUL-terminated copy of a part of it (SDL2_ttf wants C strings). Not
 * thread-safe: one per renderer. */
typedef struct text_line {
	bidi_run *runs;     /* BIDI_LINE_LIMIT of them */
	text_piece *pieces; /* BIDI_LINE_LIMIT of them, in visual order */
	size_t count;       /* pieces in use */
	char *scratch;
	size_t scratch_capacity;
} text_line;

/* Allocates the runs and pieces; STATUS_NO_MEMORY. Free with
 * text_faces_line_free() (also after a failure). */
KIOSK_NODISCARD status text_faces_line_init(text_line *line);
void text_faces_line_free(text_line *line);
/* `length` bytes of `text` as a C string in the line's scratch (valid until
 * the next call); NULL when out of memory. */
const char *text_faces_copy(text_line *line, const char *text, size_t length);

/* Reads a font file whole (at most TEXT_FACES_FILE_LIMIT bytes). Fails with
 * STATUS_NOT_FOUND / STATUS_IO for a missing or unreadable file,
 * STATUS_TOO_LARGE for an oversized one, STATUS_INVALID for an empty one,
 * STATUS_NO_MEMORY, with an English reason in `error`. On failure `out` may
 * hold memory: free(out->bytes) either way. */
KIOSK_NODISCARD status text_faces_read_file(const char *path, text_font_file *out, char *error,
                                            size_t error_size);

/* Readies a face its owner has just opened or resized for lines: tells
 * HarfBuzz its script ("Arab" for the Arabic faces, "Latn" for the reading
 * faces: HarfBuzz must be told, not guess; the icon font keeps SDL2_ttf's
 * default, under which its ligatures work) and fills `out` (handle, ink
 * reach, left to right). Renders a probe for the Arabic faces, so not for
 * every line. */
void text_faces_prepare(TTF_Font *handle, int face, text_font *out);

/* The font for (face, size) from `fonts`, shaping in the given direction. */
text_font *text_faces_font(const text_font_source *fonts, int face, int size, bool right_to_left);

/* Cuts a line in `face` into line->pieces in visual order, each in one face
 * and direction: its bidi runs in the base direction (bidi_runs()), with an
 * Arabic run cut where the Arabic face lacks a character ("…" ending a
 * shortened line, brackets), which the reading face then draws. Returns true
 * when the line needs more than one plain left-to-right piece in its own
 * face; false (line->count 0) for the icon face and for lines set whole in
 * their face (every Dutch line), which the caller sets the plain way. */
bool text_faces_split(text_line *line, const text_font_source *fonts, draw_font face, int size,
                      const char *text, size_t length, bool right_to_left);

/* The width of the pieces side by side: the sum of theirs. False when a
 * piece cannot be measured. */
bool text_faces_pieces_width(text_line *line, const text_font_source *fonts, int size,
                             const char *text, int *width);

/* The height one line of `face` at `size` takes: the font's line skip; in a
 * right-to-left frame, for the reading faces, enough for the ink of the
 * Arabic letters too (runs share the reading face's baseline, and Arabic
 * with its marks reaches higher and lower). */
int text_faces_line_height(const text_font_source *fonts, draw_font face, int size,
                           bool right_to_left);

/* The pieces of `text` (text_faces_split()) rendered side by side in visual
 * order on one baseline, each in its face and direction, in `color`, as a
 * new ARGB8888 surface with alpha (SDL_FreeSurface() it). *ink_top and
 * *ink_height say where the line box lies in it (the box to centre in a
 * command's box). NULL on failure, with an English reason in `error`. */
SDL_Surface *text_faces_render_pieces(text_line *line, const text_font_source *fonts, int size,
                                      draw_color color, const char *text, int *ink_top,
                                      int *ink_height, char *error, size_t error_size);

#endif
