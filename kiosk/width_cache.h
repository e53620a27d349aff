/* width_cache.h — remembered text widths for a measurer: screens and slips
 * measure every word of a paragraph on every layout, and HarfBuzz shaping
 * makes each measurement dear. Shared by render.c and slip_raster.c. */
#ifndef KIOSK_WIDTH_CACHE_H
#define KIOSK_WIDTH_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "draw.h"

#define WIDTH_CACHE_SLOTS 4096u

typedef struct width_cache_slot {
	uint64_t hash; /* 0 = empty */
	uint32_t length;
	int16_t size;
	uint8_t face;
	int width;
} width_cache_slot;

/* One slot per hash: a newer text simply takes an older one's place. Zero it
 * to start empty. Not thread-safe: one per measurer. */
typedef struct width_cache {
	width_cache_slot slots[WIDTH_CACHE_SLOTS];
} width_cache;

/* What identifies a measurement: the text's 64-bit hash with its face, size
 * and length. */
typedef struct width_cache_key {
	uint64_t hash;
	uint32_t length;
	int16_t size;
	uint8_t face;
	bool storable; /* false for sizes or lengths the slots cannot hold */
} width_cache_key;

width_cache_key width_cache_key_of(draw_font face, int size, const char *text, size_t length);
/* True (and *width set) when the width for `key` is remembered. */
bool width_cache_find(const width_cache *cache, const width_cache_key *key, int *width);
/* Remembers `width` for `key`. */
void width_cache_store(width_cache *cache, const width_cache_key *key, int width);

#endif
