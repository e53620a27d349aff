/* screen_detail.h — one offer in full: what it is, when and where it meets,
 * whom to call, and a QR code of its signup page. */
#ifndef KIOSK_SCREEN_DETAIL_H
#define KIOSK_SCREEN_DETAIL_H

#include "screen.h"

/* Builds the detail screen of context->detail into context->list: the
 * description, the next meetings (or the offer's own schedule text), place
 * and walking time, contact person, the phone number in large digits,
 * quality cues, the date last checked, and context->detail_qr (at least
 * 35 mm and 4 px per module) with the signup URL written in full under it,
 * or plain phone/e-mail/walk-in instructions when there is no URL. Targets:
 * ACTION_BACK, and ACTION_PRINT when context->printer_available, in the
 * fixed bar at the foot. Fits the window when it can (text shrinks to
 * metrics->min_text_size); when even then something would be cut short, the
 * page scrolls at full text size instead: an ACTION_SCROLL_AREA target and
 * a clip between the top band and the bar, context->scroll pixels scrolled,
 * the content's height written to *context->content_height (0 when the
 * page fits). Nothing is ever left out. Reads the context only. */
void screen_detail_build(const screen_context *context);

#endif
