/* escpos.h — the bytes an ESC/POS receipt printer understands for a slip
 * (a raster image, a feed and a cut) and its paper-status reply (libc only). */
#ifndef KIOSK_ESCPOS_H
#define KIOSK_ESCPOS_H

#include <stddef.h>
#include <stdint.h>

#include "bitmap.h"
#include "status.h"
#include "text.h"

/* GS v 0 carries at most this many dot lines per command: many printers
 * have a small receive buffer and stall or drop larger images. */
#define ESCPOS_BAND_LINES 255
/* Lines fed after the image, so the slip's end clears the cutter. */
#define ESCPOS_FEED_LINES 3

/* DLE EOT 4: "transmit the paper roll sensor status", answered at once with
 * one byte even while the printer is busy. */
#define ESCPOS_STATUS_QUERY_LENGTH 3
extern const uint8_t escpos_status_query[ESCPOS_STATUS_QUERY_LENGTH];

typedef enum escpos_paper {
	ESCPOS_PAPER_PRESENT = 0, /* paper adequate */
	ESCPOS_PAPER_NEAR_END,    /* still printing, but the roll is nearly empty */
	ESCPOS_PAPER_OUT          /* no paper: printing would be lost */
} escpos_paper;

/* Appends to `out` a whole print job for `image`: ESC @ (initialise), the
 * image as GS v 0 raster commands of at most ESCPOS_BAND_LINES lines each
 * (row bytes = image->stride, 1 = black, as bitmap.h stores them), ESC d
 * ESCPOS_FEED_LINES (feed) and GS V 66 0 (feed to the cutter, partial cut).
 * Returns STATUS_USAGE for NULL arguments, STATUS_INVALID for an empty image
 * or one wider than `paper_width_dots` (the printer would wrap or drop it),
 * STATUS_NO_MEMORY (out then holds what was appended before). */
KIOSK_NODISCARD status escpos_encode_slip(const bitmap *image, int paper_width_dots,
                                          text_buffer *out);

/* Reads the one-byte reply to escpos_status_query: bits 2-3 set = roll near
 * its end, bits 5-6 set = paper out (out wins). Returns STATUS_INVALID (and
 * leaves *out alone) when the fixed bits (0 and 7 clear, 1 and 4 set) say the
 * byte is not such a reply, e.g. noise or a reply to another query. */
KIOSK_NODISCARD status escpos_parse_paper_status(uint8_t reply, escpos_paper *out);

#endif
