/* bitmap.c — 1-bit images for printing. */
#include "bitmap.h"

#include <stdlib.h>
#include <string.h>

status bitmap_create(int width, int height, bitmap *out)
{
	memset(out, 0, sizeof(*out));
	if (width < 1 || height < 1 || width > BITMAP_MAX_SIDE || height > BITMAP_MAX_SIDE) {
		return STATUS_INVALID;
	}
	size_t stride = ((size_t)width + 7) / 8;
	uint8_t *bits = calloc((size_t)height, stride);
	if (!bits) {
		return STATUS_NO_MEMORY;
	}
	out->width = width;
	out->height = height;
	out->stride = stride;
	out->bits = bits;
	return STATUS_OK;
}

void bitmap_free(bitmap *image)
{
	free(image->bits);
	memset(image, 0, sizeof(*image));
}

bool bitmap_get(const bitmap *image, int x, int y)
{
	if (x < 0 || y < 0 || x >= image->width || y >= image->height) {
		return false;
	}
	return (image->bits[(size_t)y * image->stride + (size_t)x / 8] >> (7 - x % 8)) & 1u;
}

void bitmap_set(bitmap *image, int x, int y, bool black)
{
	if (x < 0 || y < 0 || x >= image->width || y >= image->height) {
		return;
	}
	uint8_t *byte = &image->bits[(size_t)y * image->stride + (size_t)x / 8];
	uint8_t mask = (uint8_t)(0x80u >> (x % 8));
	*byte = black ? (uint8_t)(*byte | mask) : (uint8_t)(*byte & ~mask);
}
