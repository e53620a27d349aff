/* upcoming.c — soonest meetings across the catalogue for the attract screen,
 * read from a catalogue or from a match engine's compact copies. */
#include "upcoming.h"

#include <string.h>

/* Where the offers come from. `active_schedule` is false for an offer whose
 * status is not active and otherwise fills *rule with its schedule. */
typedef struct offer_source {
	const void *items;
	size_t count;
	bool (*active_schedule)(const void *items, size_t index, schedule_rule *rule);
} offer_source;

static long minutes_of(local_time moment)
{
	return (long)moment.day * 1440L + moment.minute;
}

static size_t collect_upcoming(const offer_source *source, local_time now, int horizon_days,
                               upcoming_meeting *out, size_t capacity)
{
	if (capacity == 0)
		return 0;
	long horizon = minutes_of(now) + (long)horizon_days * 1440L;
	size_t found = 0;
	for (size_t index = 0; index < source->count; index++) {
		schedule_rule rule;
		if (!source->active_schedule(source->items, index, &rule) ||
		    schedule_has_expired(&rule, now))
			continue;
		meeting next;
		if (schedule_next_meetings(&rule, now, &next, 1) == 0 || !next.has_time)
			continue;
		long start = minutes_of(next.start);
		if (start < minutes_of(now) || start > horizon)
			continue;
		/* Insertion into the bounded sorted list: capacity is small (a
		 * screenful), so this stays cheap even for big catalogues. */
		size_t position = found;
		while (position > 0 && minutes_of(out[position - 1].next.start) > start)
			position--;
		if (position >= capacity)
			continue;
		size_t move = (found < capacity ? found : capacity - 1) - position;
		memmove(&out[position + 1], &out[position], move * sizeof *out);
		out[position] = (upcoming_meeting){.offer_index = (uint32_t)index, .next = next};
		if (found < capacity)
			found++;
	}
	return found;
}

static bool catalogue_active_schedule(const void *items, size_t index, schedule_rule *rule)
{
	const offer *item = catalogue_offer(items, index);
	if (item->offer_status != OFFER_ACTIVE)
		return false;
	*rule = item->schedule;
	return true;
}

static bool engine_active_schedule(const void *items, size_t index, schedule_rule *rule)
{
	return match_engine_offer_active(items, (uint32_t)index) &&
	       match_engine_offer_schedule(items, (uint32_t)index, rule);
}

size_t upcoming_meetings(const catalogue *items, local_time now, int horizon_days,
                         upcoming_meeting *out, size_t capacity)
{
	offer_source source = {items, catalogue_count(items), catalogue_active_schedule};
	return collect_upcoming(&source, now, horizon_days, out, capacity);
}

size_t upcoming_meetings_from_engine(const match_engine *engine, local_time now, int horizon_days,
                                     upcoming_meeting *out, size_t capacity)
{
	offer_source source = {engine, match_engine_count(engine), engine_active_schedule};
	return collect_upcoming(&source, now, horizon_days, out, capacity);
}
