/* screen_volunteer.h — the volunteer's screens: the PIN pad, the preview of
 * a stick's catalogue, the progress of an import, its result, and the menu
 * behind the hidden gesture. */
#ifndef KIOSK_SCREEN_VOLUNTEER_H
#define KIOSK_SCREEN_VOLUNTEER_H

#include "screen.h"

/* Builds context->volunteer->page into context->list (nothing but the page
 * background when context->volunteer is NULL):
 * - VOLUNTEER_PIN: pin_purpose as the title, "Typ de pincode", one dot per
 *   typed digit (pin_length, at most 8 shown), pin_message in the notice
 *   colours when not "", and a 3x4 number pad of keys at least
 *   metrics->target (about 20-25 mm where the window allows): ACTION_PIN_DIGIT
 *   (argument = the digit) for 1-9 and 0, ACTION_PIN_ERASE, ACTION_PIN_OK.
 *   While pin_locked the keys are drawn greyed and have no targets. A bar
 *   with ACTION_VOLUNTEER_CANCEL ("Annuleren").
 * - VOLUNTEER_PREVIEW: the four counts (nieuw, veranderd, verwijderd,
 *   hetzelfde), file_message when not "", and the problem lines in a list
 *   that scrolls by volunteer->scroll pixels: an ACTION_SCROLL_AREA target
 *   over it (added before the bar's buttons), the list's full height written
 *   to *context->content_height when that is not NULL; "Geen problemen
 *   gevonden." when there are none. A bar with ACTION_VOLUNTEER_CANCEL and,
 *   only when can_apply, ACTION_VOLUNTEER_APPLY ("Bijwerken", primary).
 * - VOLUNTEER_IMPORTING: "Bezig met bijwerken…", a progress bar filled to
 *   progress_percent (clamped to 0..100), "Haal de stick er nog niet uit.";
 *   no targets.
 * - VOLUNTEER_RESULT: result_title, result_detail (wrapped, shrunk to fit),
 *   "U kunt de stick nu verwijderen." and ACTION_VOLUNTEER_DONE ("Klaar").
 * - VOLUNTEER_MENU: "Menu voor vrijwilligers", catalogue_summary,
 *   last_import_summary, menu_message when not "", and ACTION_MENU_ITEM
 *   buttons (argument = screen_menu_item): MENU_PRINTER_TEST only when
 *   context->printer_available, MENU_EXPORT_COUNTS, MENU_LANGUAGE_DEFAULT
 *   ("Standaardtaal: <language_default>"), MENU_RESTART; a bar with
 *   ACTION_VOLUNTEER_CANCEL ("Sluiten").
 * The screen's own words pass through the message catalogue; the texts in
 * context->volunteer are drawn as given (the app words them). NULL texts
 * count as "". Reads the context only; everything drawn is copied into the
 * list. */
void screen_volunteer_build(const screen_context *context);

#endif
