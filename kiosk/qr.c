/* qr.c — QR encoding with libqrencode, copied into a plain byte grid with the
 * quiet zone added, so the renderer and tests never see libqrencode's types. */
#define _POSIX_C_SOURCE 200809L
#include "qr.h"

#include <qrencode.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct qr_code {
	int side;
	uint8_t modules[]; /* side*side */
};

static bool is_plain_ascii(const char *text, size_t length)
{
	for (size_t index = 0; index < length; index++)
		if ((unsigned char)text[index] >= 0x80)
			return false;
	return true;
}

/* Builds the symbol. Plain ASCII goes without an ECI header, the form every
 * scanner reads; anything else declares UTF-8 (ECI 26), because without it
 * scanners guess the byte encoding and some guess Shift-JIS or Latin-1. */
static QRcode *encode_symbol(const char *text, size_t length)
{
	if (is_plain_ascii(text, length))
		return QRcode_encodeData((int)length, (const unsigned char *)text, 0, QR_ECLEVEL_M);
	QRinput *input = QRinput_new2(0, QR_ECLEVEL_M);
	if (input == NULL)
		return NULL;
	QRcode *symbol = NULL;
	if (QRinput_appendECIheader(input, 26) == 0 &&
	    QRinput_append(input, QR_MODE_8, (int)length, (const unsigned char *)text) == 0)
		symbol = QRcode_encodeInput(input);
	QRinput_free(input);
	return symbol;
}

status qr_encode(const char *text, qr_code **out)
{
	if (out == NULL)
		return STATUS_INVALID;
	*out = NULL;
	if (text == NULL)
		return STATUS_INVALID;
	size_t length = strnlen(text, QR_TEXT_LIMIT + 1);
	if (length > QR_TEXT_LIMIT)
		return STATUS_TOO_LARGE;
	if (length == 0 || !text_is_valid_utf8(text, length))
		return STATUS_INVALID;

	QRcode *symbol = encode_symbol(text, length);
	if (symbol == NULL)
		return STATUS_NO_MEMORY;
	int inner = symbol->width;
	int side = inner + 2 * QR_QUIET_ZONE;
	qr_code *code = calloc(1, sizeof *code + (size_t)side * (size_t)side);
	if (code == NULL) {
		QRcode_free(symbol);
		return STATUS_NO_MEMORY;
	}
	code->side = side;
	for (int row = 0; row < inner; row++)
		for (int column = 0; column < inner; column++) {
			/* libqrencode packs flags into each byte; bit 0 is "dark". */
			uint8_t dark = symbol->data[row * inner + column] & 1u;
			code->modules[(row + QR_QUIET_ZONE) * side + column + QR_QUIET_ZONE] = dark;
		}
	QRcode_free(symbol);
	*out = code;
	return STATUS_OK;
}

int qr_side(const qr_code *code)
{
	return code->side;
}

const uint8_t *qr_modules(const qr_code *code)
{
	return code->modules;
}

void qr_free(qr_code *code)
{
	free(code);
}
