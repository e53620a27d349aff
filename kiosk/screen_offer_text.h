/* screen_offer_text.h — an offer's free texts in the resident's language:
 * the catalogue's translation columns when filled in, Dutch otherwise.
 * Part of the screen module (screen.c); kept apart from screen.h. */
#ifndef KIOSK_SCREEN_OFFER_TEXT_H
#define KIOSK_SCREEN_OFFER_TEXT_H

#include "catalogue.h"
#include "screen.h"

/* The code ("nl", "en", "tr", "ar") of the language the resident chose: the
 * entry of context->languages whose messages are context->messages. "nl"
 * when Dutch is chosen (messages NULL) or the messages are in no entry.
 * Borrowed from the context (or static); never NULL. */
const char *screen_offer_language_code(const screen_context *context);

/* The offer's name, description and schedule text ("wanneer_tekst") as the
 * resident reads them: the translation for screen_offer_language_code()
 * when the offer has a non-empty one, else the Dutch text. Borrowed from the
 * offer's catalogue; never NULL ("" when the offer has no such text). */
const char *screen_offer_name(const screen_context *context, const offer *item);
const char *screen_offer_description(const screen_context *context, const offer *item);
const char *screen_offer_schedule_text(const screen_context *context, const offer *item);

#endif
