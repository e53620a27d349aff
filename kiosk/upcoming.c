/* upcoming.c — soonest meetings across the catalogue for the attract screen. */
#include "upcoming.h"

#include <string.h>

static long minutes_of(local_time moment)
{
	return (long)moment.day * 1440L + moment.minute;
}

size_t upcoming_meetings(const catalogue *items, local_time now, int horizon_days,
                         upcoming_meeting *out, size_t capacity)
{
	if (capacity == 0)
		return 0;
	long horizon = minutes_of(now) + (long)horizon_days * 1440L;
	size_t found = 0;
	size_t count = catalogue_count(items);
	for (size_t index = 0; index < count; index++) {
		const offer *item = catalogue_offer(items, index);
		if (item->offer_status != OFFER_ACTIVE ||
		    schedule_has_expired(&item->schedule, now))
			continue;
		meeting next;
		if (schedule_next_meetings(&item->schedule, now, &next, 1) == 0 || !next.has_time)
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
