/* upcoming.h — the next meetings across the whole catalogue, soonest first:
 * what the attract screen (and the command line without a command) shows to
 * passers-by. Pure libc. */
#ifndef KIOSK_UPCOMING_H
#define KIOSK_UPCOMING_H

#include <stddef.h>
#include <stdint.h>

#include "catalogue.h"
#include "match.h"
#include "schedule.h"

typedef struct upcoming_meeting {
	uint32_t offer_index; /* into the catalogue (or the engine's entries) */
	meeting next;
} upcoming_meeting;

/* Fills `out` with up to `capacity` active, unexpired offers that have a
 * timed meeting starting within `horizon_days` of `now`, ordered by start
 * time, then by catalogue order. Each offer appears once, with its next
 * meeting. Returns how many were written. */
size_t upcoming_meetings(const catalogue *items, local_time now, int horizon_days,
                         upcoming_meeting *out, size_t capacity);

/* The same over a finished match engine's entries (the kiosk screen holds
 * no catalogue): offer_index is the engine entry, for
 * match_engine_offer_id() and store_load_offers(). Equal to
 * upcoming_meetings() on the catalogue the engine was created from. */
size_t upcoming_meetings_from_engine(const match_engine *engine, local_time now, int horizon_days,
                                     upcoming_meeting *out, size_t capacity);

#endif
