/* counters.c — anonymous per-day usage counts in memory: a list of entries in
 * first-added order, a key pool and a hash index so merging stays O(1). */
#include "counters.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* 9999-12-31 as a day number: no plausible kiosk clock goes beyond it. */
#define LAST_ACCEPTED_DAY 2932896

/* Keys live in one pool so an add costs no allocation of its own; entries
 * keep an offset because the pool moves when it grows. */
typedef struct stored_entry {
	int32_t day;
	counter_kind kind;
	uint32_t count;
	size_t key_offset;
	size_t key_length;
	uint64_t hash;
} stored_entry;

struct counters {
	stored_entry *entries;
	size_t entry_count;
	size_t entry_capacity;
	char *key_pool;
	size_t key_pool_length;
	size_t key_pool_capacity;
	/* Open addressing: 0 = empty slot, otherwise entry index + 1. */
	uint32_t *slots;
	size_t slot_count; /* a power of two, at least twice entry_count */
};

const char *counters_kind_name(counter_kind kind)
{
	switch (kind) {
	case COUNTER_ANSWER: return "antwoord";
	case COUNTER_OFFER_OPENED: return "geopend";
	case COUNTER_OFFER_PRINTED: return "geprint";
	case COUNTER_SEARCH: return "zoekopdracht";
	case COUNTER_UNMET_DEMAND: return "niets_gevonden";
	}
	return "onbekend";
}

counters *counters_create(void)
{
	return calloc(1, sizeof(counters));
}

void counters_destroy(counters *counts)
{
	if (counts == NULL)
		return;
	free(counts->entries);
	free(counts->key_pool);
	free(counts->slots);
	free(counts);
}

/* Only machine words pass: this is what keeps typed text, names and
 * sentences out of the usage counts. */
static bool key_is_anonymous_word(const char *key, size_t *length_out)
{
	size_t length = 0;
	for (const char *cursor = key; *cursor != '\0'; cursor++, length++) {
		if (length >= COUNTERS_MAX_KEY_BYTES)
			return false;
		char c = *cursor;
		bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		               strchr("_=;,.:|-", c) != NULL;
		if (!allowed)
			return false;
	}
	*length_out = length;
	return length > 0;
}

static bool kind_is_known(counter_kind kind)
{
	switch (kind) {
	case COUNTER_ANSWER:
	case COUNTER_OFFER_OPENED:
	case COUNTER_OFFER_PRINTED:
	case COUNTER_SEARCH:
	case COUNTER_UNMET_DEMAND: return true;
	}
	return false;
}

static uint64_t entry_hash(int32_t day, counter_kind kind, const char *key, size_t length)
{
	uint64_t hash = 14695981039346656037u; /* FNV-1a */
	for (size_t i = 0; i < length; i++) {
		hash ^= (unsigned char)key[i];
		hash *= 1099511628211u;
	}
	hash ^= (uint64_t)(uint32_t)day * 0x9E3779B97F4A7C15u;
	hash ^= (uint64_t)kind << 59;
	return hash;
}

static bool entry_matches(const counters *counts, const stored_entry *entry, int32_t day,
                          counter_kind kind, const char *key, size_t length)
{
	return entry->day == day && entry->kind == kind && entry->key_length == length &&
	       memcmp(counts->key_pool + entry->key_offset, key, length) == 0;
}

/* Finds the slot holding the entry, or the empty slot where it belongs. */
static size_t find_slot(const counters *counts, uint64_t hash, int32_t day, counter_kind kind,
                        const char *key, size_t length)
{
	size_t mask = counts->slot_count - 1;
	size_t slot = (size_t)hash & mask;
	while (counts->slots[slot] != 0) {
		const stored_entry *entry = &counts->entries[counts->slots[slot] - 1];
		if (entry->hash == hash && entry_matches(counts, entry, day, kind, key, length))
			return slot;
		slot = (slot + 1) & mask;
	}
	return slot;
}

static status rebuild_index(counters *counts, size_t slot_count)
{
	uint32_t *slots = calloc(slot_count, sizeof(uint32_t));
	if (slots == NULL)
		return STATUS_NO_MEMORY;
	free(counts->slots);
	counts->slots = slots;
	counts->slot_count = slot_count;
	size_t mask = slot_count - 1;
	for (size_t index = 0; index < counts->entry_count; index++) {
		size_t slot = (size_t)counts->entries[index].hash & mask;
		while (slots[slot] != 0)
			slot = (slot + 1) & mask;
		slots[slot] = (uint32_t)(index + 1);
	}
	return STATUS_OK;
}

/* Makes room for one more entry and `key_length` + 1 pool bytes, so the add
 * that follows cannot fail halfway. */
static status reserve_for_new_entry(counters *counts, size_t key_length)
{
	if (counts->entry_count == counts->entry_capacity) {
		size_t capacity = counts->entry_capacity == 0 ? 64 : counts->entry_capacity * 2;
		stored_entry *entries = realloc(counts->entries, capacity * sizeof(stored_entry));
		if (entries == NULL)
			return STATUS_NO_MEMORY;
		counts->entries = entries;
		counts->entry_capacity = capacity;
	}
	size_t needed = counts->key_pool_length + key_length + 1;
	if (needed > counts->key_pool_capacity) {
		size_t capacity = counts->key_pool_capacity == 0 ? 1024 : counts->key_pool_capacity;
		while (capacity < needed)
			capacity *= 2;
		char *pool = realloc(counts->key_pool, capacity);
		if (pool == NULL)
			return STATUS_NO_MEMORY;
		counts->key_pool = pool;
		counts->key_pool_capacity = capacity;
	}
	if ((counts->entry_count + 1) * 2 > counts->slot_count) {
		size_t slot_count = counts->slot_count == 0 ? 128 : counts->slot_count * 2;
		status result = rebuild_index(counts, slot_count);
		if (result != STATUS_OK)
			return result;
	}
	return STATUS_OK;
}

status counters_add(counters *counts, int32_t day, counter_kind kind, const char *key,
                    uint32_t amount)
{
	size_t length = 0;
	if (counts == NULL || key == NULL || !key_is_anonymous_word(key, &length) ||
	    !kind_is_known(kind) || day < 0 || day > LAST_ACCEPTED_DAY)
		return STATUS_INVALID;

	uint64_t hash = entry_hash(day, kind, key, length);
	if (counts->slot_count > 0) {
		size_t slot = find_slot(counts, hash, day, kind, key, length);
		if (counts->slots[slot] != 0) {
			stored_entry *entry = &counts->entries[counts->slots[slot] - 1];
			entry->count =
			    amount > UINT32_MAX - entry->count ? UINT32_MAX : entry->count + amount;
			return STATUS_OK;
		}
	}
	if (counts->entry_count >= COUNTERS_MAX_ENTRIES)
		return STATUS_TOO_LARGE;
	status result = reserve_for_new_entry(counts, length);
	if (result != STATUS_OK)
		return result;

	stored_entry *entry = &counts->entries[counts->entry_count];
	entry->day = day;
	entry->kind = kind;
	entry->count = amount;
	entry->key_offset = counts->key_pool_length;
	entry->key_length = length;
	entry->hash = hash;
	memcpy(counts->key_pool + counts->key_pool_length, key, length + 1);
	counts->key_pool_length += length + 1;
	counts->entry_count++;
	size_t slot = find_slot(counts, hash, day, kind, key, length);
	counts->slots[slot] = (uint32_t)counts->entry_count;
	return STATUS_OK;
}

size_t counters_size(const counters *counts)
{
	return counts == NULL ? 0 : counts->entry_count;
}

counter_entry counters_entry(const counters *counts, size_t index)
{
	counter_entry result = {0, COUNTER_ANSWER, "", 0};
	if (counts == NULL || index >= counts->entry_count)
		return result;
	const stored_entry *entry = &counts->entries[index];
	result.day = entry->day;
	result.kind = entry->kind;
	result.key = counts->key_pool + entry->key_offset;
	result.count = entry->count;
	return result;
}

void counters_clear(counters *counts)
{
	if (counts == NULL)
		return;
	counts->entry_count = 0;
	counts->key_pool_length = 0;
	if (counts->slots != NULL)
		memset(counts->slots, 0, counts->slot_count * sizeof(uint32_t));
}
