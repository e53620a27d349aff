/* match.h — from a resident's answers to a ranked list of offers. A pure
 * function of answers, catalogue, location and "now"; no I/O. Answers a
 * resident means strictly (only free; in person only) filter, the rest score,
 * and when fewer than three offers fit every answer the least important
 * answers are relaxed one by one, and the outcome says which. */
#ifndef KIOSK_MATCH_H
#define KIOSK_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalogue.h"
#include "schedule.h"
#include "status.h"

/* The questions, by the answer keys of the command line and questions.ini. */
typedef enum match_key {
	MATCH_THEMES,     /* themas */
	MATCH_CONDITIONS, /* aandoeningen */
	MATCH_FORM,       /* vorm */
	MATCH_CONTACT,    /* contact */
	MATCH_NEARBY,     /* dichtbij */
	MATCH_ACCESS,     /* deelname */
	MATCH_COST,       /* kosten */
	MATCH_SUPPORT,    /* steun */
	MATCH_PHASE,      /* fase */
	MATCH_KEY_COUNT
} match_key;

enum match_contact_answer { MATCH_IN_PERSON_ONLY, MATCH_REMOTE, MATCH_EITHER };
enum match_cost_answer { MATCH_FREE_ONLY, MATCH_FREE_OR_CONTRIBUTION, MATCH_FREE_OR_REIMBURSED };

/* What a resident answered. A key whose bit is not in `answered` was skipped.
 * The sets use the catalogue's bits (THEME_*, CONDITION_*, ...). Lives in
 * memory only and is wiped on reset: it is personal. */
typedef struct match_answers {
	uint32_t answered; /* bit (1u << match_key) per answered question */
	uint16_t themes;
	uint16_t conditions; /* 0 with the key answered = "geen": no need */
	uint8_t form;        /* one FORM_* bit */
	uint8_t contact;     /* enum match_contact_answer */
	bool nearby;         /* dichtbij=ja (false = maakt_niet_uit) */
	uint8_t access;      /* ACCESS_DROP_IN or ACCESS_PROGRAMME */
	uint8_t cost;        /* enum match_cost_answer */
	uint8_t support;
	uint8_t phase; /* one PHASE_* bit */
} match_answers;

/* The answer key's name ("themas", ...). */
const char *match_key_name(match_key key);
/* The key named `name`, or MATCH_KEY_COUNT when there is none. */
match_key match_key_from_name(const char *name);
/* How much an answer counts (9 = most important); relaxing goes from the
 * lowest up, strict keys last. */
int match_key_importance(match_key key);

/* Parses "themas=bewegen,voeding;aandoeningen=diabetes;kosten=gratis" (keys
 * and values as in the command-line contract; "" = nothing answered). On
 * failure returns STATUS_INVALID (STATUS_TOO_LARGE for text of 4096 bytes or
 * more), leaves *out with nothing answered, and writes an English reason
 * into `error`. */
KIOSK_NODISCARD status match_parse_answers(const char *text, match_answers *out, char *error,
                                           size_t error_size);
/* Writes the canonical form of `answers` (keys in match_key order, values in
 * vocabulary order), e.g. "themas=bewegen;kosten=gratis". Holds only
 * vocabulary words, so it can be counted anonymously as unmet demand. */
KIOSK_NODISCARD status match_format_answers(const match_answers *answers, struct text_buffer *out);

/* One ranked offer. `matched` and `missed` are bit sets of match_key. */
typedef struct match_result {
	uint32_t offer_index;    /* engine entry = index into the catalogue it was created from */
	int32_t score;           /* higher is better */
	int32_t distance_metres; /* -1 when the offer has no location */
	uint16_t matched;
	uint16_t missed;
} match_result;

/* The ranked list. Borrowed from the engine until its next run. */
typedef struct match_outcome {
	const match_result *results;
	size_t count;                           /* every offer that passed the filters */
	size_t fitting_count;                   /* of those, how many meet every answer left */
	size_t fitting_before_relaxing;         /* 0 = unmet demand */
	uint16_t relaxed;                       /* bit set of relaxed keys */
	uint8_t relaxed_order[MATCH_KEY_COUNT]; /* relaxed keys, first relaxed first */
	uint8_t relaxed_count;
} match_outcome;

typedef struct match_engine match_engine;

/* Prepares matching over `items` (borrowed only during the call: the engine
 * keeps compact copies of what matching needs) from the kiosk at
 * latitude/longitude; offers within `nearby_metres` count as nearby.
 * Precomputes each offer's distance, so create a new engine when the
 * catalogue or location changes. Built with the functions below, keeping
 * the catalogue's order: entry i is catalogue_offer(items, i), so a result's
 * offer_index indexes the catalogue too. NULL when out of memory. */
match_engine *match_engine_create(const catalogue *items, double latitude, double longitude,
                                  double nearby_metres);
/* Frees the engine and everything it copied; NULL is allowed. */
void match_engine_destroy(match_engine *engine);

/* Building an engine offer by offer, for a caller that never holds the whole
 * catalogue (the kiosk screen scans the store: store_scan_offers()). Begin,
 * add every offer, finish, then run. The engine keeps per offer about 54
 * bytes plus its id: the packed answers matching reads (16), the distance
 * (4), status and validity, the structured schedule (8, and a few more for
 * a start date, monthly days or exception dates), the id's place (4) and
 * the per-run buffers (22); never names or other text.
 *
 * Starts an empty engine for the kiosk at latitude/longitude (as
 * match_engine_create()). The caller owns it (match_engine_destroy()); NULL
 * when out of memory. */
match_engine *match_engine_begin(double latitude, double longitude, double nearby_metres);
/* Makes room for `count` offers in all, so a caller that knows the number
 * (store_offer_scanner.start) grows nothing while adding. STATUS_NO_MEMORY,
 * STATUS_TOO_LARGE past MATCH_ENGINE_MAX_OFFERS. */
#define MATCH_ENGINE_MAX_OFFERS ((size_t)1 << 24)
KIOSK_NODISCARD status match_engine_reserve(match_engine *engine, size_t count);
/* Copies what matching and the schedule accessors need of `item` (borrowed;
 * it may go away after the call) into the engine as the next entry.
 * STATUS_NO_MEMORY; STATUS_TOO_LARGE past MATCH_ENGINE_MAX_OFFERS offers or
 * 4 GB of ids; STATUS_INVALID for a schedule time outside the day or an
 * unknown frequency (the importer never makes them); STATUS_USAGE after
 * match_engine_finish(). On failure the engine is as before the call. */
KIOSK_NODISCARD status match_engine_add(match_engine *engine, const offer *item);
/* Ends the building: puts the entries in id order (a no-op when they were
 * added in that order, as a store scan does) and sizes the per-run buffers.
 * Entry indexes are final from here on. STATUS_NO_MEMORY; STATUS_USAGE
 * when finished already. */
KIOSK_NODISCARD status match_engine_finish(match_engine *engine);
/* Drops every entry (finished or not) and goes back to building, keeping
 * the location: what store_offer_scanner.start does when a pass over the
 * offers is abandoned and begun again. */
void match_engine_clear(match_engine *engine);

/* Reading the entries of a finished engine; `index` is a match_result's or
 * upcoming_meeting's offer_index, < match_engine_count(). */
size_t match_engine_count(const match_engine *engine);
/* The offer's id (borrowed from the engine); NULL when index is out of range. */
const char *match_engine_offer_id(const match_engine *engine, uint32_t index);
/* The entry with `id`, or SIZE_MAX (binary search when the entries are in id
 * order, as match_engine_finish() leaves them). */
size_t match_engine_index_of(const match_engine *engine, const char *id);
/* True when the offer's status is active (paused and stopped are not). */
bool match_engine_offer_active(const match_engine *engine, uint32_t index);
/* Metres from the kiosk, -1 when the offer has no location or index is out
 * of range. */
int32_t match_engine_offer_distance(const match_engine *engine, uint32_t index);
/* Fills *out with the offer's schedule rule, equal to the offer's own; its
 * exception dates are borrowed from the engine (valid while it lives).
 * False (and *out a rule without schedule) when index is out of range. */
bool match_engine_offer_schedule(const match_engine *engine, uint32_t index, schedule_rule *out);

/* ---- the engine's image ----
 * A finished engine saved as bytes (the store keeps one), so the next start
 * has its matching index without reading every offer back. The image is
 * versioned, little-endian and self-checking: a header with a magic, the
 * format version, a 64-bit checksum of everything after it, the kiosk
 * location and nearby radius the distances were computed for, and the
 * counts; then the entries. It is canonical: engines holding the same
 * entries in the same order give the same bytes, however they were built.
 * It holds what the engine holds (ids, packed answers, distances,
 * schedules), never names or other text. */
#define MATCH_IMAGE_FORMAT_VERSION 1u
/* The largest image match_engine_load() reads (and match_engine_save()
 * makes); 100,000 offers take about 4 MB. */
#define MATCH_IMAGE_MAX_BYTES ((size_t)256 << 20)

/* Replaces the contents of `out` with the image of a finished engine. The
 * caller owns `out` (text_buffer_free()). STATUS_USAGE for an engine not
 * finished; STATUS_TOO_LARGE past MATCH_IMAGE_MAX_BYTES; STATUS_NO_MEMORY
 * (then `out` is empty). */
KIOSK_NODISCARD status match_engine_save(const match_engine *engine, struct text_buffer *out);

/* Hands the next `size` bytes of an image to `buffer`; anything but
 * STATUS_OK ends the reading with that status. The image is read front to
 * back exactly once, so it can come straight from where it is stored
 * (store_read_match_index()) without a whole copy in memory. */
typedef status (*match_image_reader)(void *context, void *buffer, size_t size);

/* Makes a finished engine from the `size`-byte image `read` gives, for the
 * kiosk at latitude/longitude with `nearby_metres`, which must be the ones
 * the image was made for. Its entries, their order and every run equal
 * those of the engine that was saved. A parser of outside input: every
 * count, offset, id and schedule is checked against the size and against
 * what match_engine_add() can make, and the checksum against every byte.
 * Returns STATUS_INVALID when the bytes are not an image of this format
 * version or were made for another location or radius (build a new engine
 * then), STATUS_CORRUPT when the image is damaged (checksum, truncation, a
 * value out of range), STATUS_TOO_LARGE past MATCH_IMAGE_MAX_BYTES,
 * STATUS_NO_MEMORY, or the reader's failure. On STATUS_OK the caller owns
 * *out (match_engine_destroy()); else it is NULL. */
KIOSK_NODISCARD status match_engine_load_from(match_image_reader read, void *context, size_t size,
                                              double latitude, double longitude,
                                              double nearby_metres, match_engine **out);
/* match_engine_load_from() of `size` bytes in memory (borrowed only during
 * the call). */
KIOSK_NODISCARD status match_engine_load(const void *bytes, size_t size, double latitude,
                                         double longitude, double nearby_metres,
                                         match_engine **out);

/* Sets *same to whether match_engine_save() of this finished engine would
 * give exactly the `size`-byte image `read` gives, comparing as it writes,
 * without making a second image (it stops reading at the first
 * difference). STATUS_USAGE, STATUS_NO_MEMORY or the reader's failure
 * (then *same is false). */
KIOSK_NODISCARD status match_engine_compare_image(const match_engine *engine,
                                                  match_image_reader read, void *context,
                                                  size_t size, bool *same);
/* True when match_engine_save() of this finished engine would give exactly
 * these `size` bytes (match_engine_compare_image() on memory). */
bool match_engine_matches_image(const match_engine *engine, const void *bytes, size_t size);

/* The image of offers as they come, checksummed one at a time, to learn
 * whether a stored image is the one an engine built from these offers
 * would have, without building it: the kiosk's background check reads
 * every offer anyway, and a second engine would double its memory. */
typedef struct match_image_digest match_image_digest;
/* Starts a digest for the kiosk at latitude/longitude and `nearby_metres`
 * (as match_engine_begin()). The caller owns it
 * (match_image_digest_destroy()); NULL when out of memory. */
match_image_digest *match_image_digest_begin(double latitude, double longitude,
                                             double nearby_metres);
/* Adds `item` (borrowed during the call) as the next entry, as
 * match_engine_add() would. Offers must come in id order, as a store scan
 * gives them (otherwise the digest never matches). Fails as
 * match_engine_add() does. */
KIOSK_NODISCARD status match_image_digest_add(match_image_digest *digest, const offer *item);
/* Ends the digest and sets *same to whether the `size`-byte image `read`
 * gives is the image of an engine built from the offers added (in that
 * order) and finished: same size, same header, same 64-bit checksum. Only
 * the header is read; the chance that a different image agrees is about
 * 2^-64. STATUS_USAGE, or the reader's failure (then *same is false). */
KIOSK_NODISCARD status match_image_digest_compare(match_image_digest *digest,
                                                  match_image_reader read, void *context,
                                                  size_t size, bool *same);
/* Frees the digest; NULL is allowed. */
void match_image_digest_destroy(match_image_digest *digest);

/* Recomputes the checksum of an image in place (`size` bytes; images
 * shorter than the header are left alone): for tests and fuzzers that
 * craft an image to reach the checks behind the checksum. */
void match_engine_seal_image(void *bytes, size_t size);

/* Ranks the engine's offers for `answers` at local time `now`. Stopped,
 * paused and expired offers never appear. Order is deterministic: offers
 * meeting every (unrelaxed) answer first, then by score, distance, and entry
 * order (id order, unless created from an unsorted catalogue). STATUS_USAGE
 * for an engine not finished. */
KIOSK_NODISCARD status match_engine_run(match_engine *engine, const match_answers *answers,
                                        local_time now, match_outcome *out);

#endif
