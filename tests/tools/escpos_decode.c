/* escpos_decode.c — test tool: turns the bytes a receipt printer would get
 * back into the picture it would print, strictly, so a test can read the QR
 * codes with zbarimg. Knows only what the kiosk sends: ESC @, GS v 0, LF,
 * ESC d, GS V; any other byte is an error.
 *
 * Usage: escpos_decode INPUT OUTPUT.bmp|OUTPUT.pbm
 * Writes the image scaled 2x with a white border, prints one summary line
 * ("width 576 height 1234 bands 5 feeds 1 cut partial"), exits 0; on a byte
 * it does not understand it says where on stderr and exits 1. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sanity, not policy: far above any slip (an A4 page is 3508 lines). */
#define INPUT_LIMIT    (64L * 1024L * 1024L)
#define WIDTH_LIMIT    4096
#define HEIGHT_LIMIT   40000
#define SCALE          2
#define BORDER         16 /* dots of white around the image, before scaling */
#define FEED_LINE_DOTS 30 /* one ESC d line at the default 1/6 inch spacing, 180 dpi */

typedef struct image {
	int width; /* dots; 0 until the first band */
	int height;
	size_t stride;
	uint8_t *bits; /* 1 = black, MSB first */
	size_t capacity;
} image;

typedef struct job {
	int bands;
	int feeds;
	bool initialised;
	const char *cut; /* NULL until cut */
} job;

static int fail(size_t offset, const char *format, ...) __attribute__((format(printf, 2, 3)));
static int fail(size_t offset, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	fprintf(stderr, "escpos_decode: at byte %zu: ", offset);
	vfprintf(stderr, format, arguments);
	fputc('\n', stderr);
	va_end(arguments);
	return 1;
}

static bool grow_rows(image *picture, int rows)
{
	size_t needed = (size_t)(picture->height + rows) * picture->stride;
	if (needed > picture->capacity) {
		size_t capacity = picture->capacity ? picture->capacity : 65536;
		while (capacity < needed) {
			capacity *= 2;
		}
		uint8_t *grown = realloc(picture->bits, capacity);
		if (grown == NULL) {
			return false;
		}
		picture->bits = grown;
		picture->capacity = capacity;
	}
	memset(picture->bits + (size_t)picture->height * picture->stride, 0,
	       (size_t)rows * picture->stride);
	return true;
}

static unsigned char *read_all(const char *path, size_t *length)
{
	FILE *file = fopen(path, "rb");
	if (file == NULL) {
		fprintf(stderr, "escpos_decode: cannot open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	unsigned char *bytes = malloc((size_t)INPUT_LIMIT + 1);
	size_t got = bytes != NULL ? fread(bytes, 1, (size_t)INPUT_LIMIT + 1, file) : 0;
	fclose(file);
	if (bytes == NULL || got > (size_t)INPUT_LIMIT) {
		fprintf(stderr, "escpos_decode: %s is too large\n", path);
		free(bytes);
		return NULL;
	}
	*length = got;
	return bytes;
}

/* Interprets the stream; returns 0 or 1 after saying why. */
static int decode(const unsigned char *bytes, size_t length, image *picture, job *state)
{
	size_t at = 0;
	while (at < length) {
		if (state->cut != NULL) {
			return fail(at, "data after the cut (0x%02x)", bytes[at]);
		}
		unsigned char byte = bytes[at];
		if (byte == 0x0a) { /* LF: print and feed one line */
			if (picture->width > 0 && !grow_rows(picture, FEED_LINE_DOTS)) {
				return fail(at, "out of memory");
			}
			if (picture->width > 0) {
				picture->height += FEED_LINE_DOTS;
			}
			state->feeds++;
			at++;
			continue;
		}
		if (byte == 0x1b && at + 1 < length && bytes[at + 1] == '@') {
			if (state->initialised || picture->width > 0) {
				return fail(at, "ESC @ in the middle of a job");
			}
			state->initialised = true;
			at += 2;
			continue;
		}
		if (!state->initialised) {
			return fail(at, "0x%02x before ESC @", byte);
		}
		if (byte == 0x1b && at + 2 < length && bytes[at + 1] == 'd') {
			int lines = bytes[at + 2];
			if (picture->width > 0) {
				if (!grow_rows(picture, lines * FEED_LINE_DOTS)) {
					return fail(at, "out of memory");
				}
				picture->height += lines * FEED_LINE_DOTS;
			}
			state->feeds++;
			at += 3;
			continue;
		}
		if (byte == 0x1d && at + 2 < length && bytes[at + 1] == 'V') {
			unsigned char mode = bytes[at + 2];
			if (mode == 1 || mode == 49) {
				state->cut = "partial";
				at += 3;
			} else if (mode == 0 || mode == 48) {
				state->cut = "full";
				at += 3;
			} else if ((mode == 65 || mode == 66) && at + 3 < length) {
				state->cut = mode == 65 ? "full" : "partial";
				at += 4;
			} else {
				return fail(at, "GS V with mode %d", mode);
			}
			continue;
		}
		if (byte == 0x1d && at + 7 < length && bytes[at + 1] == 'v' &&
		    bytes[at + 2] == '0') {
			int mode = bytes[at + 3];
			size_t row_bytes = (size_t)bytes[at + 4] | (size_t)bytes[at + 5] << 8;
			int rows = bytes[at + 6] | bytes[at + 7] << 8;
			if (mode != 0) {
				return fail(at, "GS v 0 with scaling mode %d (the kiosk sends 0)",
				            mode);
			}
			if (row_bytes == 0 || row_bytes * 8 > WIDTH_LIMIT || rows == 0) {
				return fail(at, "GS v 0 of an empty or too wide image (%d rows)",
				            rows);
			}
			if (picture->width > 0 && row_bytes != picture->stride) {
				return fail(at, "GS v 0 band %d bytes wide after a different width",
				            (int)row_bytes);
			}
			if (picture->height + rows > HEIGHT_LIMIT) {
				return fail(at, "image taller than %d lines", HEIGHT_LIMIT);
			}
			size_t data = row_bytes * (size_t)rows;
			if (length - (at + 8) < data) {
				return fail(at, "GS v 0 band of %d rows runs past the end", rows);
			}
			picture->width = (int)(row_bytes * 8);
			picture->stride = row_bytes;
			if (!grow_rows(picture, rows)) {
				return fail(at, "out of memory");
			}
			memcpy(picture->bits + (size_t)picture->height * picture->stride,
			       bytes + at + 8, data);
			picture->height += rows;
			state->bands++;
			at += 8 + data;
			continue;
		}
		return fail(at, "unknown or truncated command 0x%02x", byte);
	}
	if (!state->initialised || picture->width == 0) {
		return fail(at, "no image in the stream");
	}
	if (state->cut == NULL) {
		return fail(at, "the job ends without a cut");
	}
	return 0;
}

static bool black_at(const image *picture, int x, int y)
{
	x = x / SCALE - BORDER;
	y = y / SCALE - BORDER;
	if (x < 0 || y < 0 || x >= picture->width || y >= picture->height) {
		return false;
	}
	return (picture->bits[(size_t)y * picture->stride + (size_t)x / 8] >> (7 - x % 8)) & 1u;
}

static void put_le(FILE *file, uint32_t value, int bytes)
{
	for (int index = 0; index < bytes; index++) {
		fputc((int)((value >> (8 * index)) & 0xffu), file);
	}
}

/* A 24-bit BMP, bottom row first, rows padded to 4 bytes. */
static void write_bmp(FILE *file, const image *picture, int width, int height)
{
	uint32_t row_bytes = ((uint32_t)width * 3u + 3u) & ~3u;
	uint32_t pixels = row_bytes * (uint32_t)height;
	fputs("BM", file);
	put_le(file, 54u + pixels, 4);
	put_le(file, 0, 4);
	put_le(file, 54, 4);
	put_le(file, 40, 4);
	put_le(file, (uint32_t)width, 4);
	put_le(file, (uint32_t)height, 4);
	put_le(file, 1, 2);
	put_le(file, 24, 2);
	put_le(file, 0, 4);
	put_le(file, pixels, 4);
	put_le(file, 2835, 4); /* 72 dpi */
	put_le(file, 2835, 4);
	put_le(file, 0, 4);
	put_le(file, 0, 4);
	for (int y = height - 1; y >= 0; y--) {
		uint32_t written = 0;
		for (int x = 0; x < width; x++) {
			int value = black_at(picture, x, y) ? 0 : 255;
			fputc(value, file);
			fputc(value, file);
			fputc(value, file);
			written += 3;
		}
		for (; written < row_bytes; written++) {
			fputc(0, file);
		}
	}
}

/* A binary PBM (P4): 1 = black, MSB first, as the printer's own rows. */
static void write_pbm(FILE *file, const image *picture, int width, int height)
{
	fprintf(file, "P4\n%d %d\n", width, height);
	for (int y = 0; y < height; y++) {
		for (int x = 0; x < width; x += 8) {
			unsigned value = 0;
			for (int bit = 0; bit < 8; bit++) {
				if (x + bit < width && black_at(picture, x + bit, y)) {
					value |= 0x80u >> bit;
				}
			}
			fputc((int)value, file);
		}
	}
}

static bool ends_with(const char *text, const char *suffix)
{
	size_t length = strlen(text);
	size_t suffix_length = strlen(suffix);
	return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

int main(int argc, char **argv)
{
	if (argc != 3 || !(ends_with(argv[2], ".bmp") || ends_with(argv[2], ".pbm"))) {
		fprintf(stderr, "usage: escpos_decode INPUT OUTPUT.bmp|OUTPUT.pbm\n");
		return 2;
	}
	size_t length = 0;
	unsigned char *bytes = read_all(argv[1], &length);
	if (bytes == NULL) {
		return 1;
	}
	image picture = {0};
	job state = {0};
	int result = decode(bytes, length, &picture, &state);
	free(bytes);
	if (result == 0) {
		int width = (picture.width + 2 * BORDER) * SCALE;
		int height = (picture.height + 2 * BORDER) * SCALE;
		FILE *file = fopen(argv[2], "wb");
		if (file == NULL) {
			fprintf(stderr, "escpos_decode: cannot write %s: %s\n", argv[2],
			        strerror(errno));
			result = 1;
		} else {
			if (ends_with(argv[2], ".pbm")) {
				write_pbm(file, &picture, width, height);
			} else {
				write_bmp(file, &picture, width, height);
			}
			if (ferror(file) | fclose(file)) {
				fprintf(stderr, "escpos_decode: cannot write %s\n", argv[2]);
				result = 1;
			}
		}
	}
	if (result == 0) {
		printf("width %d height %d bands %d feeds %d cut %s\n", picture.width,
		       picture.height, state.bands, state.feeds, state.cut);
	}
	free(picture.bits);
	return result;
}
