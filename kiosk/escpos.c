/* escpos.c — a slip as ESC/POS bytes (initialise, raster bands, feed, cut)
 * and the paper sensor's reply, per the ESC/POS command reference. */
#include "escpos.h"

#define ESC 0x1b
#define GS  0x1d
#define DLE 0x10
#define EOT 0x04

const uint8_t escpos_status_query[ESCPOS_STATUS_QUERY_LENGTH] = {DLE, EOT, 4};

/* The reply's fixed bits: 1 and 4 always set, 0 and 7 always clear. */
#define STATUS_FIXED_MASK  0x93u
#define STATUS_FIXED_VALUE 0x12u
#define STATUS_NEAR_END    0x0cu /* bits 2 and 3: roll near-end sensor */
#define STATUS_OUT         0x60u /* bits 5 and 6: roll end sensor */

static status append_bytes(text_buffer *out, const uint8_t *bytes, size_t length)
{
	return text_buffer_append(out, (const char *)bytes, length);
}

/* GS v 0 m xL xH yL yH, then `lines` rows of the image from `first`. */
static status append_band(text_buffer *out, const bitmap *image, int first, int lines)
{
	size_t stride = image->stride;
	const uint8_t header[] = {GS,
	                          'v',
	                          '0',
	                          0, /* m = 0: normal density, one dot per dot */
	                          (uint8_t)(stride & 0xffu),
	                          (uint8_t)(stride >> 8),
	                          (uint8_t)((unsigned)lines & 0xffu),
	                          (uint8_t)((unsigned)lines >> 8)};
	status result = append_bytes(out, header, sizeof(header));
	if (result != STATUS_OK) {
		return result;
	}
	return append_bytes(out, image->bits + (size_t)first * stride, (size_t)lines * stride);
}

status escpos_encode_slip(const bitmap *image, int paper_width_dots, text_buffer *out)
{
	if (image == NULL || out == NULL) {
		return STATUS_USAGE;
	}
	if (image->bits == NULL || image->width < 1 || image->height < 1 ||
	    image->width > paper_width_dots || image->stride != ((size_t)image->width + 7) / 8 ||
	    image->stride > 0xffffu) {
		return STATUS_INVALID;
	}
	static const uint8_t initialise[] = {ESC, '@'};
	status result = append_bytes(out, initialise, sizeof(initialise));
	for (int first = 0; first < image->height && result == STATUS_OK;
	     first += ESCPOS_BAND_LINES) {
		int lines = image->height - first;
		if (lines > ESCPOS_BAND_LINES) {
			lines = ESCPOS_BAND_LINES;
		}
		result = append_band(out, image, first, lines);
	}
	/* ESC d n prints and feeds n lines; GS V 66 n feeds to the cutter (plus
	 * n dots) and cuts partially, leaving a hinge so the slip does not fall. */
	static const uint8_t finish[] = {ESC, 'd', ESCPOS_FEED_LINES, GS, 'V', 66, 0};
	if (result == STATUS_OK) {
		result = append_bytes(out, finish, sizeof(finish));
	}
	return result;
}

status escpos_parse_paper_status(uint8_t reply, escpos_paper *out)
{
	if (out == NULL || (reply & STATUS_FIXED_MASK) != STATUS_FIXED_VALUE) {
		return STATUS_INVALID;
	}
	/* Printers set both bits of a sensor together; either one counts, so
	 * a model that sets only one is not read as "paper present". */
	if (reply & STATUS_OUT) {
		*out = ESCPOS_PAPER_OUT;
	} else if (reply & STATUS_NEAR_END) {
		*out = ESCPOS_PAPER_NEAR_END;
	} else {
		*out = ESCPOS_PAPER_PRESENT;
	}
	return STATUS_OK;
}
