/* width_cache.c — remembered text widths. */
#include "width_cache.h"

width_cache_key width_cache_key_of(draw_font face, int size, const char *text, size_t length)
{
	uint64_t hash = 14695981039346656037u; /* FNV-1a */
	for (size_t index = 0; index < length; index++) {
		hash = (hash ^ (unsigned char)text[index]) * 1099511628211u;
	}
	hash ^= ((uint64_t)(unsigned)face << 56) ^ ((uint64_t)(unsigned)size << 40);
	width_cache_key key;
	key.hash = hash == 0 ? 1 : hash;
	key.storable = length <= UINT32_MAX && size >= INT16_MIN && size <= INT16_MAX &&
	               (unsigned)face <= UINT8_MAX;
	key.length = key.storable ? (uint32_t)length : 0;
	key.size = key.storable ? (int16_t)size : 0;
	key.face = key.storable ? (uint8_t)face : 0;
	return key;
}

bool width_cache_find(const width_cache *cache, const width_cache_key *key, int *width)
{
	const width_cache_slot *slot = &cache->slots[key->hash % WIDTH_CACHE_SLOTS];
	if (!key->storable || slot->hash != key->hash || slot->length != key->length ||
	    slot->size != key->size || slot->face != key->face) {
		return false;
	}
	*width = slot->width;
	return true;
}

void width_cache_store(width_cache *cache, const width_cache_key *key, int width)
{
	if (key->storable) {
		cache->slots[key->hash % WIDTH_CACHE_SLOTS] =
		    (width_cache_slot){key->hash, key->length, key->size, key->face, width};
	}
}
