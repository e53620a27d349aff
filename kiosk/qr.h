/* qr.h — QR codes for links shown on screen (a phone camera takes the offer's
 * web page home): text in, a square grid of dark and light modules out. */
#ifndef KIOSK_QR_H
#define KIOSK_QR_H

#include <stdint.h>

#include "status.h"

/* The longest text qr_encode() accepts, in bytes. Longer links make codes too
 * dense to scan from a screen at arm's length. */
#define QR_TEXT_LIMIT 1024
/* Light modules around the code on every side: scanners need this margin. */
#define QR_QUIET_ZONE 4

typedef struct qr_code qr_code;

/* Encodes UTF-8 `text` (1..QR_TEXT_LIMIT bytes) as a QR code with error
 * correction level M in 8-bit mode; text that is not plain ASCII carries an
 * ECI header saying UTF-8 so scanners do not guess Shift-JIS. On success
 * *out owns the new code (free with qr_free()). Returns STATUS_TOO_LARGE for
 * longer text, STATUS_INVALID for empty or non-UTF-8 text or NULL arguments,
 * STATUS_NO_MEMORY when the encoder fails; *out is then NULL. */
KIOSK_NODISCARD status qr_encode(const char *text, qr_code **out);
/* Modules per side, the quiet zone on both sides included. */
int qr_side(const qr_code *code);
/* side*side bytes, row by row, 1 = dark and 0 = light; borrowed from the code
 * and valid until qr_free(). */
const uint8_t *qr_modules(const qr_code *code);
/* Frees the code. NULL is allowed. */
void qr_free(qr_code *code);

#endif
