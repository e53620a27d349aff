/* slip_raster.h — a slip's draw list (slip.h) rendered with SDL2_ttf into a
 * 1-bit bitmap for a printer: no window, no renderer, so it runs on the
 * printer's worker thread. Text is set as on screen (text_faces.h): bidi
 * runs in display order, Arabic in Noto Sans Arabic. One of the modules that
 * see SDL. */
#ifndef KIOSK_SLIP_RASTER_H
#define KIOSK_SLIP_RASTER_H

#include <stdbool.h>

#include "bitmap.h"
#include "draw.h"
#include "status.h"

typedef struct slip_raster slip_raster;

/* Creates a rasteriser with its own copies of the three font files (indexed
 * by draw_font: reading face, bold, Material Icons; each at most 16 MB) and
 * its own SDL2_ttf fonts, all opened here. On success *out owns it (free with
 * slip_raster_destroy()). Fails with STATUS_USAGE for NULL arguments,
 * STATUS_NOT_FOUND / STATUS_IO for a missing or unreadable file,
 * STATUS_TOO_LARGE for an oversized one, STATUS_INVALID for a file that is
 * not a font, STATUS_IO when SDL2_ttf cannot start, STATUS_NO_MEMORY;
 * slip_raster_last_error() then says why.
 *
 * Threads: SDL2_ttf keeps one FreeType library for the whole process, and
 * FreeType requires that faces are opened and closed by one thread at a time.
 * So slip_raster_create(), slip_raster_load_arabic_faces() and
 * slip_raster_destroy() (which open and close faces, and call
 * TTF_Init()/TTF_Quit(), which SDL2_ttf reference-counts) belong on the
 * thread that also runs render.c (the UI thread), or at a time no other
 * thread opens fonts. In between, the instance opens no faces: it switches
 * sizes on its own faces (TTF_SetFontSize), so slip_raster_measurer(),
 * slip_raster_set_right_to_left() and slip_raster_render() may run on a
 * worker thread while the UI renders, provided one thread at a time uses a
 * given instance. */
KIOSK_NODISCARD status slip_raster_create(const char *const font_paths[DRAW_FONT_COUNT],
                                          slip_raster **out);
/* Reads the Arabic faces (Noto Sans Arabic Regular and Bold, paths borrowed
 * for the call, each at most 16 MB) and opens them all here (see the thread
 * note above): from then on Arabic runs of DRAW_FONT_TEXT are set in
 * `regular_path`'s face and those of DRAW_FONT_BOLD in `bold_path`'s,
 * shaped right to left as script "Arab", as on screen. Without them Arabic
 * runs are set in the reading face (which prints boxes). A second call
 * replaces the faces only when both files open. Fails with STATUS_USAGE,
 * STATUS_NOT_FOUND, STATUS_IO, STATUS_TOO_LARGE, STATUS_INVALID or
 * STATUS_NO_MEMORY (slip_raster_last_error(self) says why), leaving the
 * rasteriser as it was. */
KIOSK_NODISCARD status slip_raster_load_arabic_faces(slip_raster *self, const char *regular_path,
                                                     const char *bold_path);
/* Frees the rasteriser and closes its fonts (see the thread note above).
 * NULL is allowed. */
void slip_raster_destroy(slip_raster *self);
/* The message of the last failure of slip_raster_create() (self NULL; that
 * one is shared process-wide, so read it on the creating thread) or of this
 * instance; "" when none. Never NULL. */
const char *slip_raster_last_error(const slip_raster *self);

/* The measurer that matches slip_raster_render() dot for dot, for
 * slip_layout(); borrowed, valid while the rasteriser lives. Text is
 * measured as it is drawn: as bidi runs in the base direction of
 * slip_raster_set_right_to_left(), Arabic runs in the Arabic face, the
 * width the sum of the runs'. Right to left, the line height of the
 * reading faces is that of a line mixing Arabic and Latin (the Arabic
 * letters' ink reaches higher and lower); left to right it is the reading
 * face's. */
const draw_measurer *slip_raster_measurer(slip_raster *self);
/* Sets the base direction the measurer measures lines in (left to right at
 * creation): an Arabic slip's caller sets it before slip_layout(), so the
 * lines wrap as they will be drawn. slip_raster_render() adopts each list's
 * direction (draw_list_is_right_to_left()) too. */
void slip_raster_set_right_to_left(slip_raster *self, bool right_to_left);

/* Renders `list` into a new white bitmap of width x height dots (1 ..
 * BITMAP_MAX_SIDE): fills and frames, text lines (SDL2_ttf, ordered as bidi
 * runs in the list's base direction, Arabic runs shaped right to left in the
 * Arabic face on the reading face's baseline, anti-aliased coverage
 * thresholded at 50%, never outside their box), icons, QR codes
 * with whole-dot modules (box side / modules per side, centred) and clips.
 * A colour counts as black when its luminance is under half. On success
 * *out owns the bitmap (bitmap_free()); on failure it is zeroed. Returns
 * STATUS_INVALID for a bad size or a QR code without modules or too small
 * for one dot a module, STATUS_TOO_LARGE for a text line over 4096 bytes,
 * STATUS_IO when SDL2_ttf fails, STATUS_NO_MEMORY. */
KIOSK_NODISCARD status slip_raster_render(slip_raster *self, const draw_list *list, int width,
                                          int height, bitmap *out);

#endif
