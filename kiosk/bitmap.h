/* bitmap.h — a 1-bit image: what a printed slip becomes before it goes to a
 * printer. Rows are packed most significant bit first, 1 = black, exactly as
 * ESC/POS raster commands (GS v 0) and PBM files want them. */
#ifndef KIOSK_BITMAP_H
#define KIOSK_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* Bitmaps larger than this are refused: an A4 page at 300 dpi is
 * 2480 x 3508 dots (about 1.1 MB). */
#define BITMAP_MAX_SIDE 20000

typedef struct bitmap {
	int width;     /* dots */
	int height;    /* dots */
	size_t stride; /* bytes per row: (width + 7) / 8 */
	uint8_t *bits; /* height * stride bytes, owned */
} bitmap;

/* Makes a white bitmap of width x height dots (1..BITMAP_MAX_SIDE each).
 * STATUS_INVALID for a bad size, STATUS_NO_MEMORY. Free with bitmap_free(). */
KIOSK_NODISCARD status bitmap_create(int width, int height, bitmap *out);
/* Frees the dots and zeroes the struct; a zeroed bitmap is fine. */
void bitmap_free(bitmap *image);
/* True when the dot at (x, y) is black; false outside the image. */
bool bitmap_get(const bitmap *image, int x, int y);
/* Sets the dot at (x, y) (ignored outside the image). */
void bitmap_set(bitmap *image, int x, int y, bool black);

#endif
