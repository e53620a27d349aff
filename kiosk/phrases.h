/* phrases.h — the kiosk's words for days, months, meetings and walks, in
 * the resident's language: one place for the screens and the printed slip,
 * so both say "dinsdag 24 november, 10.00 uur" alike. libc and translate. */
#ifndef KIOSK_PHRASES_H
#define KIOSK_PHRASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schedule.h"
#include "translate.h"

/* "maandag" .. "zondag" for weekday 0 (Monday) .. 6 through `messages`
 * (NULL = Dutch); out of range counts as Sunday. Borrowed. */
const char *phrases_weekday_name(const translation *messages, int weekday);
/* "januari" .. "december" for month 1 .. 12; out of range counts as
 * December. Borrowed. */
const char *phrases_month_name(const translation *messages, int month);

/* "dinsdag 24 november, 10.00 uur" (Dutch) / "Tuesday 24 November, 10:00"
 * for a meeting; "dinsdag 24 november" without a time. With
 * `time_unbroken` the time's spaces are no-break spaces, so a printed line
 * never breaks inside "10.00 uur". `out` is always NUL-terminated. */
void phrases_meeting(const translation *messages, const meeting *when, bool time_unbroken,
                     char *out, size_t size);
/* "4 minuten lopen" / "1 minuut lopen", or with `from` (a place, may be
 * NULL) "4 minuten lopen vanaf Buurthuis De Kastanje"; "" when minutes < 0. */
void phrases_walking(const translation *messages, int minutes, const char *from, char *out,
                     size_t size);
/* "3 november 2026" for a date in days since 1970-01-01. */
void phrases_date(const translation *messages, int32_t days, char *out, size_t size);
/* "dinsdag 24 november 2026": the day a slip was printed. */
void phrases_day(const translation *messages, int32_t days, char *out, size_t size);

#endif
