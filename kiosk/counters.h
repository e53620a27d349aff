/* counters.h — anonymous per-day usage counts kept in memory until the UI
 * flushes them to the store. Anonymity is enforced here: keys are short
 * machine words, never free text, and days carry no time of day. */
#ifndef KIOSK_COUNTERS_H
#define KIOSK_COUNTERS_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* Longest key accepted, in bytes. */
#define COUNTERS_MAX_KEY_BYTES 256u
/* Most distinct (day, kind, key) entries held before a flush is needed. */
#define COUNTERS_MAX_ENTRIES 100000u

/* What was counted. */
typedef enum counter_kind {
	COUNTER_ANSWER,        /* an answer tile chosen, key "themas=bewegen" */
	COUNTER_OFFER_OPENED,  /* an offer's detail page opened, key = offer id */
	COUNTER_OFFER_PRINTED, /* an offer printed on a slip, key = offer id */
	COUNTER_SEARCH,        /* a search run, key = canonical answer combination */
	COUNTER_UNMET_DEMAND   /* a search that found nothing before relaxing */
} counter_kind;

/* One merged count. `key` is borrowed from the counters and stays valid until
 * the next counters_add(), counters_clear() or counters_destroy(). */
typedef struct counter_entry {
	int32_t day; /* catalogue day number (days since 1970-01-01) */
	counter_kind kind;
	const char *key;
	uint32_t count;
} counter_entry;

typedef struct counters counters;

/* The Dutch word for `kind` used in the usage spreadsheet and the database:
 * "antwoord", "geopend", "geprint", "zoekopdracht", "niets_gevonden";
 * "onbekend" for a value outside the enum. Static; never NULL. */
const char *counters_kind_name(counter_kind kind);

/* Creates an empty set of counters; NULL when out of memory. The caller owns
 * it and frees it with counters_destroy(). */
counters *counters_create(void);
/* Frees the counters and every key they hold. NULL is allowed. */
void counters_destroy(counters *counts);

/* Adds `amount` to the count of (day, kind, key), creating the entry at the
 * first add; the same triple is always merged into one entry (a sum beyond
 * UINT32_MAX stays at UINT32_MAX). `key` is copied. Returns STATUS_INVALID
 * (nothing changed) unless `key` is 1..COUNTERS_MAX_KEY_BYTES bytes drawn
 * only from [a-z0-9_=;,.:|-], `kind` is one of the enum and `day` lies in
 * years 1970..9999 — so free text, names or timestamps can never be stored.
 * STATUS_TOO_LARGE when COUNTERS_MAX_ENTRIES distinct entries are held,
 * STATUS_NO_MEMORY when growing fails. */
KIOSK_NODISCARD status counters_add(counters *counts, int32_t day, counter_kind kind,
                                    const char *key, uint32_t amount);

/* Number of distinct entries, in the order they were first added. */
size_t counters_size(const counters *counts);
/* The entry at `index` (< counters_size()); see counter_entry for lifetime. */
counter_entry counters_entry(const counters *counts, size_t index);
/* Forgets every entry but keeps the memory for reuse (after a flush). */
void counters_clear(counters *counts);

#endif
