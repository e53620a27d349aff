/* schedule.h — when does an offer meet next, in Europe/Amsterdam local time,
 * and how do we say that in plain Dutch. Local time follows the EU summer-time
 * rule (last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC). */
#ifndef KIOSK_SCHEDULE_H
#define KIOSK_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "catalogue.h"
#include "status.h"

/* A local wall-clock moment: a catalogue day number and minutes after local
 * midnight (0..1439). */
typedef struct local_time {
	int32_t day;
	int16_t minute;
} local_time;

/* Converts a UTC instant to Amsterdam local time. */
local_time schedule_local_from_utc(time_t instant);
/* Converts local time to UTC. A time that does not exist (the spring-forward
 * hour) is read as if the clocks had not moved yet (02:30 → 03:30 CEST); an
 * ambiguous one (the autumn hour) is the first, summer-time one. */
time_t schedule_utc_from_local(local_time moment);
/* The UTC offset in minutes (60 or 120) in force at `instant`. */
int schedule_utc_offset_minutes(time_t instant);

/* Parses "2026-11-24T09:00" (also with ":SS", or a space for 'T', or a date
 * alone meaning 00:00) as local time. Returns false on anything else. */
bool schedule_parse_local(const char *text, local_time *out);
/* Formats as "2026-11-24T09:00" (17 bytes with NUL). */
void schedule_format_local(local_time moment, char out[17]);

/* One meeting: when it starts and ends (end == start when no end time; a rule
 * without times gives a whole day with `has_time` false). */
typedef struct meeting {
	local_time start;
	local_time end;
	bool has_time;
} meeting;

/* Fills up to `capacity` meetings of `rule`, in time order, that have not
 * ended at `now` (a meeting under way counts), within the validity window and
 * not on an exception date, searching at most 400 days ahead. Returns the
 * number found (0 for a rule with no structured schedule). */
size_t schedule_next_meetings(const schedule_rule *rule, local_time now, meeting *out,
                              size_t capacity);

/* True when the rule is over at `now`: its valid_to lies before today. */
bool schedule_has_expired(const schedule_rule *rule, local_time now);

/* Plain Dutch description of the rule: "elke dinsdag 10.00–11.30 uur",
 * "om de week op donderdag 14.00 uur", "elke eerste dinsdag van de maand
 * 19.30–21.00 uur", "elke laatste vrijdag van de maand". Empty when the rule
 * has no structured schedule (then show the offer's schedule_text). */
KIOSK_NODISCARD status schedule_describe_rule(const schedule_rule *rule, struct text_buffer *out);
/* Plain Dutch for one meeting: "dinsdag 24 november, 10.00 uur". */
KIOSK_NODISCARD status schedule_describe_meeting(const meeting *item, struct text_buffer *out);

#endif
