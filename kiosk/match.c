/* match.c — ranking offers for a resident's answers: per-offer met/missed
 * sets, strict filters, relaxation of the least important answers, and a
 * deterministic radix sort so 100,000 offers rank within a frame. */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "distance.h"
#include "text.h"

#define KEY_BIT(key)    ((uint16_t)(1u << (key)))
#define MASK_COUNT      (1u << MATCH_KEY_COUNT)
#define MAX_ANSWER_TEXT 4096u
/* A missed-set no real judgement has (keys use 9 bits): marks offers that
 * are stopped, paused or expired. */
#define NOT_ELIGIBLE UINT16_MAX

static const char *const key_names[MATCH_KEY_COUNT] = {
    "themas", "aandoeningen", "vorm", "contact", "dichtbij", "deelname", "kosten", "steun", "fase",
};

/* Importance decides what is relaxed first (lowest first). Strict keys are
 * relaxed only as a last resort, whatever their number. */
static const int key_importance[MATCH_KEY_COUNT] = {
    [MATCH_THEMES] = 9,  [MATCH_CONDITIONS] = 8, [MATCH_COST] = 7,
    [MATCH_CONTACT] = 6, [MATCH_FORM] = 5,       [MATCH_ACCESS] = 4,
    [MATCH_NEARBY] = 3,  [MATCH_SUPPORT] = 2,    [MATCH_PHASE] = 1,
};

/* What matching reads of an offer, packed into 16 bytes so a search over
 * 100,000 offers streams 1.6 MB instead of the whole catalogue. */
typedef struct offer_profile {
	int32_t valid_to;
	uint16_t themes;
	uint16_t conditions;
	uint8_t form, contact, access, cost, support, phase;
	uint8_t ongoing; /* meets on a repeating schedule */
	uint8_t flags;   /* PROFILE_* */
} offer_profile;

enum { PROFILE_ACTIVE = 1, PROFILE_MODERATOR = 2, PROFILE_CARE_PROFESSIONAL = 4 };

/* An offer's schedule rule in 8 bytes (a schedule_rule takes 48). valid_to
 * is in the profile; start and end minute (each plus one, so "none" is 0),
 * frequency and weekdays share one word; the parts most offers lack (a
 * start date, monthly ordinals, exception dates) go to the engine's extras
 * pool as one record: valid_from, then ordinal_count | exception_count << 8,
 * then one word per ordinal (ordinal byte << 8 | weekday), then the
 * exception dates. */
typedef struct compact_schedule {
	uint32_t times_and_days; /* SCHEDULE_* fields below */
	uint32_t extras;         /* offset into match_engine.extras, NO_EXTRAS when none */
} compact_schedule;

#define SCHEDULE_MINUTE_BITS     11u /* minute + 1: 0 (none) ... 1440 */
#define SCHEDULE_END_SHIFT       SCHEDULE_MINUTE_BITS
#define SCHEDULE_FREQUENCY_SHIFT (2u * SCHEDULE_MINUTE_BITS)
#define SCHEDULE_WEEKDAYS_SHIFT  (SCHEDULE_FREQUENCY_SHIFT + 2u)
#define SCHEDULE_MINUTE_MASK     ((1u << SCHEDULE_MINUTE_BITS) - 1u)

#define NO_EXTRAS UINT32_MAX

/* One judged offer during a run, 6 bytes. Scores stay far inside int16_t
 * (the weights of all keys together are 450), so nothing is cut. */
typedef struct judgement {
	int16_t score;
	uint16_t matched;
	uint16_t missed; /* NOT_ELIGIBLE for offers that never appear */
} judgement;

/* Entries are kept as parallel arrays: the run streams only profiles and
 * distances; schedules and ids are read for the few offers on a screen. */
struct match_engine {
	size_t count;
	size_t capacity;
	offer_profile *profiles;
	int32_t *distances; /* -1 without location */
	compact_schedule *schedules;
	uint32_t *id_offsets; /* into id_text */
	char *id_text;        /* NUL-terminated ids, back to back */
	size_t id_used, id_capacity;
	int32_t *extras;
	size_t extras_used, extras_capacity;
	bool in_id_order; /* every id greater than the one before */
	bool finished;
	/* Per run, sized by match_engine_finish(): 22 bytes an offer. The
	 * results buffer also holds the sort keys and the sort's scratch
	 * (see match_engine_run()). */
	judgement *judged; /* in entry order */
	match_result *results;
	double latitude, longitude, nearby_metres;
	/* Ten times the summed importance of every set of keys, so scoring
	 * needs no loop over keys. */
	int32_t mask_weights[MASK_COUNT];
};

/* What a rule's exceptions point at when it has none (never NULL). */
static const int32_t no_exception_dates[1] = {0};

const char *match_key_name(match_key key)
{
	return (unsigned)key < MATCH_KEY_COUNT ? key_names[key] : "";
}

match_key match_key_from_name(const char *name)
{
	for (unsigned key = 0; key < MATCH_KEY_COUNT; key++)
		if (strcmp(name, key_names[key]) == 0)
			return (match_key)key;
	return MATCH_KEY_COUNT;
}

int match_key_importance(match_key key)
{
	return (unsigned)key < MATCH_KEY_COUNT ? key_importance[key] : 0;
}

/* Bit of `word` in a bit-set vocabulary column, or -1. */
static int vocabulary_bit(catalogue_field field, const char *word)
{
	unsigned size = catalogue_vocabulary_size(field);
	for (unsigned index = 0; index < size; index++) {
		const char *candidate = catalogue_vocabulary_word(field, index);
		if (candidate != NULL && strcmp(candidate, word) == 0)
			return (int)index;
	}
	return -1;
}

static bool set_error(char *error, size_t error_size, const char *key, const char *value)
{
	text_format(error, error_size, "unknown value '%s' for '%s'", value, key);
	return false;
}

/* Parses one "key=value,value" pair into `out`. */
static bool parse_pair(const char *key_text, char *values, match_answers *out, char *error,
                       size_t error_size)
{
	match_key key = match_key_from_name(key_text);
	if (key == MATCH_KEY_COUNT) {
		text_format(error, error_size, "unknown answer key '%s'", key_text);
		return false;
	}
	if (out->answered & KEY_BIT(key)) {
		text_format(error, error_size, "answer key '%s' given twice", key_text);
		return false;
	}
	static const catalogue_field set_fields[MATCH_KEY_COUNT] = {
	    [MATCH_THEMES] = FIELD_THEMES, [MATCH_CONDITIONS] = FIELD_CONDITIONS,
	    [MATCH_FORM] = FIELD_FORM,     [MATCH_SUPPORT] = FIELD_SUPPORT,
	    [MATCH_PHASE] = FIELD_PHASE,   [MATCH_CONTACT] = FIELD_ID,
	    [MATCH_NEARBY] = FIELD_ID,     [MATCH_ACCESS] = FIELD_ID,
	    [MATCH_COST] = FIELD_ID,
	};
	bool multiple = key == MATCH_THEMES || key == MATCH_CONDITIONS || key == MATCH_SUPPORT;
	unsigned value_count = 0;
	uint16_t bits = 0;
	char *cursor = values;
	while (cursor != NULL) {
		char *comma = strchr(cursor, ',');
		if (comma != NULL)
			*comma = '\0';
		const char *value = cursor;
		cursor = comma != NULL ? comma + 1 : NULL;
		if (value[0] == '\0')
			return set_error(error, error_size, key_text, value);
		value_count++;
		if (!multiple && value_count > 1) {
			text_format(error, error_size, "'%s' takes one value", key_text);
			return false;
		}
		switch (key) {
		case MATCH_CONTACT:
			if (strcmp(value, "fysiek") == 0)
				out->contact = MATCH_IN_PERSON_ONLY;
			else if (strcmp(value, "op_afstand") == 0)
				out->contact = MATCH_REMOTE;
			else if (strcmp(value, "beide") == 0)
				out->contact = MATCH_EITHER;
			else
				return set_error(error, error_size, key_text, value);
			break;
		case MATCH_NEARBY:
			if (strcmp(value, "ja") == 0)
				out->nearby = true;
			else if (strcmp(value, "maakt_niet_uit") == 0)
				out->nearby = false;
			else
				return set_error(error, error_size, key_text, value);
			break;
		case MATCH_ACCESS:
			if (strcmp(value, "inloop") == 0)
				out->access = ACCESS_DROP_IN;
			else if (strcmp(value, "programma") == 0)
				out->access = ACCESS_PROGRAMME;
			else
				return set_error(error, error_size, key_text, value);
			break;
		case MATCH_COST:
			if (strcmp(value, "gratis") == 0)
				out->cost = MATCH_FREE_ONLY;
			else if (strcmp(value, "bijdrage") == 0)
				out->cost = MATCH_FREE_OR_CONTRIBUTION;
			else if (strcmp(value, "vergoed") == 0)
				out->cost = MATCH_FREE_OR_REIMBURSED;
			else
				return set_error(error, error_size, key_text, value);
			break;
		case MATCH_CONDITIONS:
			if (strcmp(value, "geen") == 0) {
				if (value_count > 1 || cursor != NULL) {
					text_format(error, error_size,
					            "'geen' cannot be combined with conditions");
					return false;
				}
				break;
			}
			/* fall through */
		default: {
			int bit = vocabulary_bit(set_fields[key], value);
			if (bit < 0)
				return set_error(error, error_size, key_text, value);
			bits = (uint16_t)(bits | (1u << bit));
			break;
		}
		}
	}
	switch (key) {
	case MATCH_THEMES: out->themes = bits; break;
	case MATCH_CONDITIONS: out->conditions = bits; break;
	case MATCH_FORM: out->form = (uint8_t)bits; break;
	case MATCH_SUPPORT: out->support = (uint8_t)bits; break;
	case MATCH_PHASE: out->phase = (uint8_t)bits; break;
	default: break;
	}
	out->answered |= KEY_BIT(key);
	return true;
}

status match_parse_answers(const char *text, match_answers *out, char *error, size_t error_size)
{
	memset(out, 0, sizeof *out);
	if (error_size > 0)
		error[0] = '\0';
	size_t length = strlen(text);
	if (length >= MAX_ANSWER_TEXT) {
		text_format(error, error_size, "answers longer than %u bytes", MAX_ANSWER_TEXT);
		return STATUS_TOO_LARGE;
	}
	char copy[MAX_ANSWER_TEXT];
	memcpy(copy, text, length + 1);
	char *cursor = copy;
	while (cursor != NULL && cursor[0] != '\0') {
		char *separator = strchr(cursor, ';');
		if (separator != NULL)
			*separator = '\0';
		char *pair = cursor;
		cursor = separator != NULL ? separator + 1 : NULL;
		if (pair[0] == '\0')
			continue;
		char *equals = strchr(pair, '=');
		if (equals == NULL) {
			text_format(error, error_size, "'%s' is not key=value", pair);
			memset(out, 0, sizeof *out);
			return STATUS_INVALID;
		}
		*equals = '\0';
		if (!parse_pair(pair, equals + 1, out, error, error_size)) {
			memset(out, 0, sizeof *out);
			return STATUS_INVALID;
		}
	}
	return STATUS_OK;
}

static status append_set(text_buffer *out, catalogue_field field, unsigned bits)
{
	bool first = true;
	for (unsigned bit = 0; bit < 16; bit++) {
		if (!(bits & (1u << bit)))
			continue;
		status result = text_buffer_append_string(out, first ? "" : ",");
		if (result == STATUS_OK)
			result =
			    text_buffer_append_string(out, catalogue_vocabulary_word(field, bit));
		if (result != STATUS_OK)
			return result;
		first = false;
	}
	return STATUS_OK;
}

status match_format_answers(const match_answers *answers, text_buffer *out)
{
	static const char *const contact_words[] = {"fysiek", "op_afstand", "beide"};
	static const char *const cost_words[] = {"gratis", "bijdrage", "vergoed"};
	text_buffer_clear(out);
	status result = text_buffer_append_string(out, "");
	for (unsigned key = 0; key < MATCH_KEY_COUNT && result == STATUS_OK; key++) {
		if (!(answers->answered & KEY_BIT(key)))
			continue;
		if (out->length > 0)
			result = text_buffer_append_string(out, ";");
		if (result == STATUS_OK)
			result = text_buffer_append_format(out, "%s=", key_names[key]);
		if (result != STATUS_OK)
			break;
		switch ((match_key)key) {
		case MATCH_THEMES: result = append_set(out, FIELD_THEMES, answers->themes); break;
		case MATCH_CONDITIONS:
			result = answers->conditions == 0
			             ? text_buffer_append_string(out, "geen")
			             : append_set(out, FIELD_CONDITIONS, answers->conditions);
			break;
		case MATCH_FORM: result = append_set(out, FIELD_FORM, answers->form); break;
		case MATCH_CONTACT:
			result =
			    text_buffer_append_string(out, contact_words[answers->contact % 3]);
			break;
		case MATCH_NEARBY:
			result = text_buffer_append_string(out, answers->nearby ? "ja"
			                                                        : "maakt_niet_uit");
			break;
		case MATCH_ACCESS:
			result = text_buffer_append_string(
			    out, answers->access == ACCESS_PROGRAMME ? "programma" : "inloop");
			break;
		case MATCH_COST:
			result = text_buffer_append_string(out, cost_words[answers->cost % 3]);
			break;
		case MATCH_SUPPORT:
			result = append_set(out, FIELD_SUPPORT, answers->support);
			break;
		case MATCH_PHASE: result = append_set(out, FIELD_PHASE, answers->phase); break;
		case MATCH_KEY_COUNT: break;
		}
	}
	return result;
}

match_engine *match_engine_begin(double latitude, double longitude, double nearby_metres)
{
	match_engine *engine = calloc(1, sizeof *engine);
	if (engine == NULL)
		return NULL;
	engine->latitude = latitude;
	engine->longitude = longitude;
	engine->nearby_metres = nearby_metres;
	engine->in_id_order = true;
	for (unsigned mask = 0; mask < MASK_COUNT; mask++) {
		int32_t weight = 0;
		for (unsigned key = 0; key < MATCH_KEY_COUNT; key++)
			if (mask & KEY_BIT(key))
				weight += key_importance[key] * 10;
		engine->mask_weights[mask] = weight;
	}
	return engine;
}

static void free_run_buffers(match_engine *engine)
{
	free(engine->judged);
	free(engine->results);
	engine->judged = NULL;
	engine->results = NULL;
}

void match_engine_destroy(match_engine *engine)
{
	if (engine == NULL)
		return;
	free(engine->profiles);
	free(engine->distances);
	free(engine->schedules);
	free(engine->id_offsets);
	free(engine->id_text);
	free(engine->extras);
	free_run_buffers(engine);
	free(engine);
}

void match_engine_clear(match_engine *engine)
{
	if (engine == NULL)
		return;
	engine->count = 0;
	engine->id_used = 0;
	engine->extras_used = 0;
	engine->in_id_order = true;
	engine->finished = false;
	free_run_buffers(engine);
}

/* Grows one entry array to `capacity` elements; on failure it keeps its
 * old block (still valid for the old capacity). */
static bool grow_array(void **array, size_t capacity, size_t element_size)
{
	void *grown = realloc(*array, capacity * element_size);
	if (grown == NULL)
		return false;
	*array = grown;
	return true;
}

status match_engine_reserve(match_engine *engine, size_t count)
{
	if (engine == NULL || engine->finished)
		return STATUS_USAGE;
	if (count > MATCH_ENGINE_MAX_OFFERS)
		return STATUS_TOO_LARGE;
	if (count <= engine->capacity)
		return STATUS_OK;
	if (!grow_array((void **)&engine->profiles, count, sizeof *engine->profiles) ||
	    !grow_array((void **)&engine->distances, count, sizeof *engine->distances) ||
	    !grow_array((void **)&engine->schedules, count, sizeof *engine->schedules) ||
	    !grow_array((void **)&engine->id_offsets, count, sizeof *engine->id_offsets))
		return STATUS_NO_MEMORY;
	engine->capacity = count;
	return STATUS_OK;
}

/* Makes room for `more` elements past `used` in a pool addressed by 32-bit
 * offsets, doubling so appends stay amortised constant. */
static status reserve_pool(void **pool, size_t *capacity, size_t used, size_t more,
                           size_t element_size)
{
	if (more > (size_t)UINT32_MAX - used)
		return STATUS_TOO_LARGE;
	size_t needed = used + more;
	if (needed <= *capacity)
		return STATUS_OK;
	size_t grown = *capacity > 0 ? *capacity : 256;
	while (grown < needed)
		grown = grown > (size_t)UINT32_MAX / 2 ? (size_t)UINT32_MAX : grown * 2;
	if (!grow_array(pool, grown, element_size))
		return STATUS_NO_MEMORY;
	*capacity = grown;
	return STATUS_OK;
}

/* Appends the parts of `rule` that most offers lack to the extras pool and
 * returns where they start (NO_EXTRAS when the rule has none of them). */
static status add_schedule_extras(match_engine *engine, const schedule_rule *rule, uint32_t *offset)
{
	*offset = NO_EXTRAS;
	unsigned ordinals = rule->ordinal_count < CATALOGUE_MAX_ORDINALS ? rule->ordinal_count
	                                                                 : CATALOGUE_MAX_ORDINALS;
	if (rule->valid_from == CATALOGUE_NO_DATE && ordinals == 0 && rule->exception_count == 0)
		return STATUS_OK;
	size_t words = 2u + ordinals + rule->exception_count;
	status result = reserve_pool((void **)&engine->extras, &engine->extras_capacity,
	                             engine->extras_used, words, sizeof *engine->extras);
	if (result != STATUS_OK)
		return result;
	int32_t *record = &engine->extras[engine->extras_used];
	record[0] = rule->valid_from;
	record[1] = (int32_t)(ordinals | (uint32_t)rule->exception_count << 8);
	for (unsigned index = 0; index < ordinals; index++)
		record[2 + index] =
		    (int32_t)((uint32_t)(uint8_t)rule->ordinals[index].ordinal << 8 |
		              rule->ordinals[index].weekday);
	if (rule->exception_count > 0)
		memcpy(&record[2 + ordinals], rule->exceptions,
		       rule->exception_count * sizeof *record);
	*offset = (uint32_t)engine->extras_used;
	engine->extras_used += words;
	return STATUS_OK;
}

/* A schedule time the compact schedule can hold: none, or a minute of the day. */
static bool minute_fits(int16_t minute)
{
	return minute == CATALOGUE_NO_TIME || (minute >= 0 && minute < 24 * 60);
}

status match_engine_add(match_engine *engine, const offer *item)
{
	if (engine == NULL || item == NULL || engine->finished)
		return STATUS_USAGE;
	size_t index = engine->count;
	if (index == engine->capacity) {
		status grown = match_engine_reserve(engine, index < MATCH_ENGINE_MAX_OFFERS / 2
		                                                ? (index > 0 ? index * 2 : 64)
		                                                : MATCH_ENGINE_MAX_OFFERS);
		if (grown != STATUS_OK)
			return grown;
		if (index == engine->capacity)
			return STATUS_TOO_LARGE;
	}
	const schedule_rule *rule = &item->schedule;
	/* What the compact schedule holds; an imported catalogue has no other. */
	if (!minute_fits(rule->start_minute) || !minute_fits(rule->end_minute) ||
	    (unsigned)rule->frequency > FREQUENCY_MONTHLY)
		return STATUS_INVALID;
	size_t id_length = strlen(item->id);
	size_t id_used = engine->id_used;
	status result = reserve_pool((void **)&engine->id_text, &engine->id_capacity, id_used,
	                             id_length + 1, 1);
	uint32_t extras = NO_EXTRAS;
	if (result == STATUS_OK)
		result = add_schedule_extras(engine, &item->schedule, &extras);
	if (result != STATUS_OK)
		return result;
	memcpy(engine->id_text + id_used, item->id, id_length + 1);
	engine->id_used = id_used + id_length + 1;
	engine->id_offsets[index] = (uint32_t)id_used;
	if (index > 0 && engine->in_id_order &&
	    strcmp(engine->id_text + engine->id_offsets[index - 1], item->id) >= 0)
		engine->in_id_order = false;

	engine->profiles[index] = (offer_profile){
	    .valid_to = rule->valid_to,
	    .themes = item->themes,
	    .conditions = item->conditions,
	    .form = item->form,
	    .contact = item->contact,
	    .access = item->access,
	    .cost = item->cost,
	    .support = item->support,
	    .phase = item->phase,
	    .ongoing = rule->frequency != FREQUENCY_NONE,
	    .flags = (uint8_t)((item->offer_status == OFFER_ACTIVE ? PROFILE_ACTIVE : 0) |
	                       (item->moderator == TRISTATE_YES ? PROFILE_MODERATOR : 0) |
	                       (item->care_professional == TRISTATE_YES ? PROFILE_CARE_PROFESSIONAL
	                                                                : 0)),
	};
	engine->schedules[index] = (compact_schedule){
	    .times_and_days = (uint32_t)(rule->start_minute + 1) |
	                      (uint32_t)(rule->end_minute + 1) << SCHEDULE_END_SHIFT |
	                      (uint32_t)rule->frequency << SCHEDULE_FREQUENCY_SHIFT |
	                      (uint32_t)rule->weekdays << SCHEDULE_WEEKDAYS_SHIFT,
	    .extras = extras,
	};
	int32_t distance = -1;
	if (item->has_location) {
		double metres = distance_metres(engine->latitude, engine->longitude, item->latitude,
		                                item->longitude);
		distance = metres > 2e9 ? INT32_MAX : (int32_t)(metres + 0.5);
	}
	engine->distances[index] = distance;
	engine->count = index + 1;
	return STATUS_OK;
}

typedef struct id_order {
	const char *id;
	uint32_t index;
} id_order;

static int compare_id_order(const void *left, const void *right)
{
	const id_order *a = left, *b = right;
	int order = strcmp(a->id, b->id);
	if (order != 0)
		return order;
	return (a->index > b->index) - (a->index < b->index);
}

/* Puts the entries in id order (stable for equal ids). Every new array is
 * allocated before any old one is given up, so running out of memory leaves
 * the engine as it was. */
static status sort_entries_by_id(match_engine *engine)
{
	size_t count = engine->count;
	void **arrays[] = {(void **)&engine->profiles, (void **)&engine->distances,
	                   (void **)&engine->schedules, (void **)&engine->id_offsets};
	const size_t sizes[] = {sizeof *engine->profiles, sizeof *engine->distances,
	                        sizeof *engine->schedules, sizeof *engine->id_offsets};
	enum { ARRAY_COUNT = sizeof sizes / sizeof sizes[0] };
	unsigned char *permuted[ARRAY_COUNT] = {NULL};
	id_order *order = malloc(count * sizeof *order);
	bool allocated = order != NULL;
	for (size_t array = 0; array < ARRAY_COUNT && allocated; array++)
		allocated = (permuted[array] = malloc(count * sizes[array])) != NULL;
	if (!allocated) {
		free(order);
		for (size_t array = 0; array < ARRAY_COUNT; array++)
			free(permuted[array]);
		return STATUS_NO_MEMORY;
	}
	for (size_t index = 0; index < count; index++)
		order[index] =
		    (id_order){engine->id_text + engine->id_offsets[index], (uint32_t)index};
	qsort(order, count, sizeof *order, compare_id_order);
	for (size_t array = 0; array < ARRAY_COUNT; array++) {
		const unsigned char *old = *arrays[array];
		for (size_t index = 0; index < count; index++)
			memcpy(permuted[array] + index * sizes[array],
			       old + order[index].index * sizes[array], sizes[array]);
		free(*arrays[array]);
		*arrays[array] = permuted[array];
	}
	free(order);
	engine->capacity = count;
	engine->in_id_order = true;
	return STATUS_OK;
}

/* match_engine_finish(), optionally keeping the order entries came in. */
static status finish_building(match_engine *engine, bool sort_by_id)
{
	if (engine == NULL || engine->finished)
		return STATUS_USAGE;
	size_t count = engine->count;
	if (sort_by_id && !engine->in_id_order && count > 1) {
		status sorted = sort_entries_by_id(engine);
		if (sorted != STATUS_OK)
			return sorted;
	}
	size_t slots = count > 0 ? count : 1;
	engine->judged = malloc(slots * sizeof *engine->judged);
	engine->results = malloc(slots * sizeof *engine->results);
	if (engine->judged == NULL || engine->results == NULL) {
		free_run_buffers(engine);
		return STATUS_NO_MEMORY;
	}
	engine->finished = true;
	return STATUS_OK;
}

status match_engine_finish(match_engine *engine)
{
	return finish_building(engine, true);
}

match_engine *match_engine_create(const catalogue *items, double latitude, double longitude,
                                  double nearby_metres)
{
	match_engine *engine = match_engine_begin(latitude, longitude, nearby_metres);
	if (engine == NULL)
		return NULL;
	size_t count = catalogue_count(items);
	status result = match_engine_reserve(engine, count);
	for (size_t index = 0; result == STATUS_OK && index < count; index++)
		result = match_engine_add(engine, catalogue_offer(items, index));
	/* Entry i stays catalogue offer i, which callers of this rely on. */
	if (result == STATUS_OK)
		result = finish_building(engine, false);
	if (result != STATUS_OK) {
		match_engine_destroy(engine);
		return NULL;
	}
	return engine;
}

size_t match_engine_count(const match_engine *engine)
{
	return engine != NULL ? engine->count : 0;
}

const char *match_engine_offer_id(const match_engine *engine, uint32_t index)
{
	if (engine == NULL || index >= engine->count)
		return NULL;
	return engine->id_text + engine->id_offsets[index];
}

size_t match_engine_index_of(const match_engine *engine, const char *id)
{
	if (engine == NULL || id == NULL)
		return SIZE_MAX;
	if (!engine->in_id_order) {
		for (size_t index = 0; index < engine->count; index++)
			if (strcmp(engine->id_text + engine->id_offsets[index], id) == 0)
				return index;
		return SIZE_MAX;
	}
	size_t low = 0, high = engine->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		int order = strcmp(engine->id_text + engine->id_offsets[middle], id);
		if (order == 0)
			return middle;
		if (order < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return SIZE_MAX;
}

bool match_engine_offer_active(const match_engine *engine, uint32_t index)
{
	return engine != NULL && index < engine->count &&
	       (engine->profiles[index].flags & PROFILE_ACTIVE) != 0;
}

int32_t match_engine_offer_distance(const match_engine *engine, uint32_t index)
{
	return engine != NULL && index < engine->count ? engine->distances[index] : -1;
}

bool match_engine_offer_schedule(const match_engine *engine, uint32_t index, schedule_rule *out)
{
	memset(out, 0, sizeof *out);
	out->frequency = FREQUENCY_NONE;
	out->start_minute = CATALOGUE_NO_TIME;
	out->end_minute = CATALOGUE_NO_TIME;
	out->valid_from = CATALOGUE_NO_DATE;
	out->valid_to = CATALOGUE_NO_DATE;
	out->exceptions = no_exception_dates;
	if (engine == NULL || index >= engine->count)
		return false;
	const compact_schedule *compact = &engine->schedules[index];
	uint32_t packed = compact->times_and_days;
	out->start_minute = (int16_t)((int)(packed & SCHEDULE_MINUTE_MASK) - 1);
	out->end_minute = (int16_t)((int)(packed >> SCHEDULE_END_SHIFT & SCHEDULE_MINUTE_MASK) - 1);
	out->frequency = (enum schedule_frequency)(packed >> SCHEDULE_FREQUENCY_SHIFT & 3u);
	out->weekdays = (uint8_t)(packed >> SCHEDULE_WEEKDAYS_SHIFT);
	out->valid_to = engine->profiles[index].valid_to;
	if (compact->extras == NO_EXTRAS)
		return true;
	const int32_t *record = &engine->extras[compact->extras];
	uint32_t counts = (uint32_t)record[1];
	out->valid_from = record[0];
	out->ordinal_count = (uint8_t)(counts & 0xffu);
	for (unsigned ordinal = 0; ordinal < out->ordinal_count; ordinal++) {
		uint32_t word = (uint32_t)record[2 + ordinal];
		out->ordinals[ordinal].ordinal = (int8_t)(uint8_t)(word >> 8);
		out->ordinals[ordinal].weekday = (uint8_t)(word & 0xffu);
	}
	out->exception_count = (uint16_t)(counts >> 8);
	if (out->exception_count > 0)
		out->exceptions = &record[2 + out->ordinal_count];
	return true;
}

/* Judges one offer against every answered key: sets the met and missed bits
 * and returns the score. A key the offer says nothing about is neither. */
static int32_t judge_offer(const offer_profile *item, const match_answers *answers,
                           int32_t distance, double nearby_metres,
                           const int32_t mask_weights[MASK_COUNT], uint16_t *matched_out,
                           uint16_t *missed_out)
{
	uint16_t matched = 0, missed = 0;
	int32_t score = 0;
	uint32_t asked = answers->answered;
	/* Branch-free: whether an offer meets an answer is data the processor
	 * cannot predict, and this runs for every offer of every search. */
#define JUDGE(key, met)                                                                            \
	do {                                                                                       \
		unsigned is_met = (met) ? 1u : 0u;                                                 \
		matched = (uint16_t)(matched | is_met << (key));                                   \
		missed = (uint16_t)(missed | (is_met ^ 1u) << (key));                              \
	} while (0)

	if (asked & KEY_BIT(MATCH_THEMES)) {
		unsigned overlap = (unsigned)__builtin_popcount(item->themes & answers->themes);
		JUDGE(MATCH_THEMES, overlap > 0);
		score += (int32_t)(overlap > 1 ? overlap - 1 : 0) * 4; /* more shared themes */
	}
	if (asked & KEY_BIT(MATCH_CONDITIONS)) {
		if (answers->conditions == 0) {
			if (item->conditions == 0)
				matched |= KEY_BIT(MATCH_CONDITIONS);
		} else {
			JUDGE(MATCH_CONDITIONS, (item->conditions & answers->conditions) != 0);
		}
	}
	if ((asked & KEY_BIT(MATCH_FORM)) && item->form != 0)
		JUDGE(MATCH_FORM, (item->form & answers->form) != 0);
	if (asked & KEY_BIT(MATCH_CONTACT)) {
		unsigned in_person = item->contact & (CONTACT_IN_PERSON | CONTACT_HOME_VISIT);
		unsigned remote = item->contact & (CONTACT_ONLINE | CONTACT_PHONE);
		if (answers->contact == MATCH_IN_PERSON_ONLY)
			JUDGE(MATCH_CONTACT, in_person != 0);
		else if (answers->contact == MATCH_REMOTE)
			JUDGE(MATCH_CONTACT, remote != 0);
		else if (item->contact != 0)
			matched |= KEY_BIT(MATCH_CONTACT);
	}
	if ((asked & KEY_BIT(MATCH_NEARBY)) && answers->nearby) {
		bool remote_only =
		    (item->contact & (CONTACT_IN_PERSON | CONTACT_HOME_VISIT)) == 0 &&
		    item->contact != 0;
		if (item->contact & CONTACT_HOME_VISIT)
			matched |= KEY_BIT(MATCH_NEARBY); /* they come to you */
		else if (distance >= 0)
			JUDGE(MATCH_NEARBY, distance <= nearby_metres);
		else if (!remote_only)
			missed |= KEY_BIT(MATCH_NEARBY); /* in person, place unknown */
	}
	if ((asked & KEY_BIT(MATCH_ACCESS)) && item->access != 0)
		JUDGE(MATCH_ACCESS, (item->access & answers->access) != 0);
	if (asked & KEY_BIT(MATCH_COST)) {
		unsigned accepted = COST_FREE;
		if (answers->cost == MATCH_FREE_OR_CONTRIBUTION)
			accepted |= COST_CONTRIBUTION;
		else if (answers->cost == MATCH_FREE_OR_REIMBURSED)
			accepted |= COST_REIMBURSED;
		JUDGE(MATCH_COST, (item->cost & accepted) != 0);
	}
	if ((asked & KEY_BIT(MATCH_SUPPORT)) && item->support != 0) {
		unsigned overlap = (unsigned)__builtin_popcount(item->support & answers->support);
		JUDGE(MATCH_SUPPORT, overlap > 0);
		score += (int32_t)(overlap > 1 ? overlap - 1 : 0) * 2;
	}
	if (asked & KEY_BIT(MATCH_PHASE)) {
		if (item->phase != 0)
			JUDGE(MATCH_PHASE, (item->phase & answers->phase) != 0);
		/* The phase steers: someone thinking about it is best served by a
		 * low-threshold drop-in, someone keeping going by ongoing meetings,
		 * someone starting by a programme with a beginning. */
		if (answers->phase == PHASE_ORIENTING && (item->access & ACCESS_DROP_IN))
			score += 6;
		else if (answers->phase == PHASE_KEEPING_UP && item->ongoing &&
		         !(item->access & ACCESS_PROGRAMME))
			score += 6;
		else if (answers->phase == PHASE_STARTING &&
		         (item->access & (ACCESS_PROGRAMME | ACCESS_APPOINTMENT)))
			score += 6;
	}
#undef JUDGE
	score += mask_weights[matched] - mask_weights[missed];
	/* Quality cues a referrer looks for tip the balance between equals. */
	if (item->flags & PROFILE_MODERATOR)
		score += 2;
	if (item->flags & PROFILE_CARE_PROFESSIONAL)
		score += 1;
	*matched_out = matched;
	*missed_out = missed;
	return score;
}

/* The answers a resident means strictly: only free, in person only. */
static uint16_t strict_keys(const match_answers *answers)
{
	uint16_t strict = 0;
	if ((answers->answered & KEY_BIT(MATCH_COST)) && answers->cost == MATCH_FREE_ONLY)
		strict |= KEY_BIT(MATCH_COST);
	if ((answers->answered & KEY_BIT(MATCH_CONTACT)) &&
	    answers->contact == MATCH_IN_PERSON_ONLY)
		strict |= KEY_BIT(MATCH_CONTACT);
	return strict;
}

/* Answered keys in the order they may be relaxed: least important first,
 * strict ones last. */
static size_t relaxation_order(uint32_t answered, uint16_t strict, uint8_t order[MATCH_KEY_COUNT])
{
	size_t count = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int importance = 1; importance <= 9; importance++) {
			for (unsigned key = 0; key < MATCH_KEY_COUNT; key++) {
				bool is_strict = (strict & KEY_BIT(key)) != 0;
				if (key_importance[key] != importance || is_strict != (pass == 1) ||
				    !(answered & KEY_BIT(key)))
					continue;
				order[count++] = (uint8_t)key;
			}
		}
	}
	return count;
}

/* Offers that meet every answer not in `relaxed`, from the histogram of
 * missed-sets. */
static size_t count_fitting(const size_t histogram[MASK_COUNT], uint16_t relaxed)
{
	size_t fitting = 0;
	for (unsigned mask = 0; mask < MASK_COUNT; mask++)
		if ((mask & (unsigned)relaxed) == mask)
			fitting += histogram[mask];
	return fitting;
}

/* Decides which answers to relax: soft ones, least important first, until at
 * least three offers fit; strict ones only when nothing at all fits. Then,
 * most important first, takes back every relaxing that turned out not to be
 * needed (a soft answer whose return keeps as many offers up to three; a
 * strict one whose return still leaves something), so the resident is told
 * only about answers that really were set aside. */
static void choose_relaxed(const size_t histogram[MASK_COUNT], uint32_t answered, uint16_t strict,
                           match_outcome *out)
{
	uint8_t order[MATCH_KEY_COUNT];
	size_t order_count = relaxation_order(answered, strict, order);
	uint16_t relaxed = 0;
	size_t fitting = count_fitting(histogram, relaxed);
	out->fitting_before_relaxing = fitting;
	size_t step = 0;
	for (; step < order_count; step++) {
		bool is_strict = (strict & KEY_BIT(order[step])) != 0;
		if (fitting >= 3 || (is_strict && fitting > 0))
			break;
		relaxed = (uint16_t)(relaxed | KEY_BIT(order[step]));
		fitting = count_fitting(histogram, relaxed);
	}
	for (size_t back = step; back-- > 0;) {
		uint16_t without = (uint16_t)(relaxed & ~KEY_BIT(order[back]));
		size_t fitting_without = count_fitting(histogram, without);
		bool is_strict = (strict & KEY_BIT(order[back])) != 0;
		size_t needed = fitting < 3 ? fitting : 3;
		if (is_strict ? fitting_without > 0 : fitting_without >= needed) {
			relaxed = without;
			fitting = fitting_without;
		}
	}
	for (size_t index = 0; index < step; index++)
		if (relaxed & KEY_BIT(order[index]))
			out->relaxed_order[out->relaxed_count++] = order[index];
	out->relaxed = relaxed;
	out->fitting_count = fitting;
}

/* Sort keys hold the offer index in their low INDEX_BITS and what decides
 * the order above it: not-fitting flag, inverted score, distance in tens of
 * metres. Ties keep entry (id) order because the sort is stable. */
#define INDEX_BITS    24u
#define DISTANCE_BITS 20u
#define SCORE_BITS    16u
#define ORDER_BITS    (DISTANCE_BITS + SCORE_BITS + 1u)
#define DIGIT_BITS    13u
#define DIGIT_COUNT   ((ORDER_BITS + DIGIT_BITS - 1u) / DIGIT_BITS)
#define BUCKET_COUNT  (1u << DIGIT_BITS)

_Static_assert(MATCH_ENGINE_MAX_OFFERS == (size_t)1 << INDEX_BITS,
               "an offer index must fit in a sort key");

_Static_assert(sizeof(match_result) == 2 * sizeof(uint64_t),
               "the results buffer holds two sort keys per offer");

/* Sort keys are reached only through memcpy, so they can live in memory
 * that otherwise holds match_result values (see match_engine_run()) without
 * breaking C's type rules; compilers turn these into plain 8-byte moves. */
static uint64_t load_key(const unsigned char *bytes, size_t index)
{
	uint64_t key;
	memcpy(&key, bytes + index * sizeof key, sizeof key);
	return key;
}

static void store_key(unsigned char *bytes, size_t index, uint64_t key)
{
	memcpy(bytes + index * sizeof key, &key, sizeof key);
}

/* Sorts `count` keys ascending on their order bits: a stable LSD radix sort
 * with one counting pass for all digits, skipping digits that every key
 * shares. `scratch` has room for as many keys and does not overlap `keys`.
 * Returns which of the two holds the sorted keys. */
static unsigned char *sort_keys(unsigned char *keys, unsigned char *scratch, size_t count)
{
	static uint32_t histograms[DIGIT_COUNT][BUCKET_COUNT];
	memset(histograms, 0, sizeof histograms);
	for (size_t index = 0; index < count; index++) {
		uint64_t key = load_key(keys, index);
		for (unsigned digit = 0; digit < DIGIT_COUNT; digit++)
			histograms[digit][(key >> (INDEX_BITS + digit * DIGIT_BITS)) &
			                  (BUCKET_COUNT - 1)]++;
	}
	unsigned char *source = keys, *target = scratch;
	for (unsigned digit = 0; digit < DIGIT_COUNT; digit++) {
		unsigned shift = INDEX_BITS + digit * DIGIT_BITS;
		uint32_t *histogram = histograms[digit];
		if (histogram[(load_key(source, 0) >> shift) & (BUCKET_COUNT - 1)] == count)
			continue;
		uint32_t position = 0;
		for (unsigned bucket = 0; bucket < BUCKET_COUNT; bucket++) {
			uint32_t bucket_count = histogram[bucket];
			histogram[bucket] = position;
			position += bucket_count;
		}
		for (size_t index = 0; index < count; index++) {
			uint64_t key = load_key(source, index);
			store_key(target, histogram[(key >> shift) & (BUCKET_COUNT - 1)]++, key);
		}
		unsigned char *swap = source;
		source = target;
		target = swap;
	}
	return source;
}

static int16_t clamp_score(int32_t score)
{
	return (int16_t)(score < INT16_MIN ? INT16_MIN : score > INT16_MAX ? INT16_MAX : score);
}

status match_engine_run(match_engine *engine, const match_answers *answers, local_time now,
                        match_outcome *out)
{
	memset(out, 0, sizeof *out);
	if (engine == NULL || answers == NULL || !engine->finished)
		return STATUS_USAGE;
	size_t count = engine->count;

	/* Offers per missed-set: relaxation then needs only these 512 counts. */
	static const size_t zero_counts[MASK_COUNT];
	size_t missed_histogram[MASK_COUNT];
	memcpy(missed_histogram, zero_counts, sizeof missed_histogram);
	for (size_t index = 0; index < count; index++) {
		const offer_profile *item = &engine->profiles[index];
		judgement *judged = &engine->judged[index];
		/* Same rule as schedule_has_expired(), on the packed copy. */
		bool expired = item->valid_to != CATALOGUE_NO_DATE && item->valid_to < now.day;
		if (!(item->flags & PROFILE_ACTIVE) || expired) {
			judged->missed = NOT_ELIGIBLE;
			continue;
		}
		judged->score = clamp_score(judge_offer(item, answers, engine->distances[index],
		                                        engine->nearby_metres, engine->mask_weights,
		                                        &judged->matched, &judged->missed));
		missed_histogram[judged->missed]++;
	}

	uint16_t strict = strict_keys(answers);
	choose_relaxed(missed_histogram, answers->answered, strict, out);
	uint16_t relaxed = out->relaxed;

	/* One buffer of 16 bytes an offer holds the keys of the kept offers
	 * (8 bytes each, at its start), the sort's scratch, and the ranked
	 * results. The sorted keys are put at its very end; results[r] then
	 * covers bytes up to 16r + 16, which is never past key r's end, so
	 * filling the results front to back overwrites only keys already read. */
	unsigned char *buffer = (unsigned char *)engine->results;
	size_t kept = 0;
	for (size_t index = 0; index < count; index++) {
		const judgement *judged = &engine->judged[index];
		uint16_t missed = judged->missed;
		if (missed == NOT_ELIGIBLE || (missed & strict & ~relaxed) != 0)
			continue;
		uint64_t not_fitting = (missed & (uint16_t)~relaxed) != 0;
		uint64_t inverted_score = (uint64_t)(32767 - judged->score);
		int32_t distance = engine->distances[index];
		uint64_t distance_key = (1u << DISTANCE_BITS) - 1; /* unknown: last */
		if (distance >= 0 && distance / 10 < (int32_t)distance_key)
			distance_key = (uint64_t)(distance / 10);
		uint64_t order = not_fitting << (SCORE_BITS + DISTANCE_BITS) |
		                 inverted_score << DISTANCE_BITS | distance_key;
		store_key(buffer, kept++, order << INDEX_BITS | (uint64_t)index);
	}
	size_t slots = count > 0 ? count : 1;
	unsigned char *sorted = buffer + slots * sizeof(match_result) - kept * sizeof(uint64_t);
	if (kept > 0) {
		unsigned char *where = sort_keys(buffer, sorted, kept);
		if (where != sorted)
			memmove(sorted, where, kept * sizeof(uint64_t));
	}
	for (size_t rank = 0; rank < kept; rank++) {
		uint32_t index = (uint32_t)(load_key(sorted, rank) & ((1u << INDEX_BITS) - 1));
		const judgement *judged = &engine->judged[index];
		engine->results[rank] = (match_result){
		    .offer_index = index,
		    .score = judged->score,
		    .distance_metres = engine->distances[index],
		    .matched = judged->matched,
		    .missed = judged->missed,
		};
	}
	out->results = engine->results;
	out->count = kept;
	return STATUS_OK;
}

/* ---- the engine's image ------------------------------------------------ */

/* A finished engine as bytes, so the next start skips reading every offer:
 * a header, then every entry in entry order: its profile (16 bytes),
 * distance (4), schedule word (4), its schedule extras record when it has
 * one, and its id, NUL-terminated. All numbers little-endian. Entry after
 * entry, so an image can be written, read, checksummed and compared one
 * entry at a time, as a store scan delivers offers. The image is canonical:
 * it depends only on the entries, never on the order they were added or
 * the pools' capacity, so two engines over the same offers give the same
 * bytes.
 *
 * Header: magic (8), format version (4), reserved 0 (4), checksum (8),
 * latitude, longitude and nearby radius (IEEE 754 doubles, 8 each), entry
 * count (4), id bytes (4), extras words (4), reserved 0 (4). The checksum
 * covers the entries, then header bytes 24-63 (the counts are known only
 * after the entries when checksumming offers as they come). */
#define IMAGE_MAGIC           "BUURTIDX"
#define IMAGE_MAGIC_BYTES     8u
#define IMAGE_VERSION_AT      8u
#define IMAGE_CHECKSUM_AT     16u
#define IMAGE_LATITUDE_AT     24u
#define IMAGE_LONGITUDE_AT    32u
#define IMAGE_NEARBY_AT       40u
#define IMAGE_COUNT_AT        48u
#define IMAGE_ID_BYTES_AT     52u
#define IMAGE_EXTRAS_WORDS_AT 56u
#define IMAGE_HEADER_BYTES    64u
#define IMAGE_HEADER_CHECKED  24u /* header bytes from here on are checksummed */
#define IMAGE_PROFILE_BYTES   16u
#define IMAGE_ENTRY_BYTES     (IMAGE_PROFILE_BYTES + 4u + 4u)
/* In the image the schedule word's top bit (weekday bit 7, never used)
 * says that the entry has an extras record; offsets are not stored. */
#define IMAGE_HAS_EXTRAS      (1u << 31)
#define IMAGE_CHUNK           4096u
#define IMAGE_CHECKSUM_FACTOR UINT64_C(0x9E3779B97F4A7C15)
/* Dates an image may hold (the importer takes 1900-2199): keeps schedule
 * arithmetic on loaded dates far from overflow. */
#define IMAGE_FIRST_YEAR 1600
#define IMAGE_LAST_YEAR  2499

_Static_assert(sizeof IMAGE_MAGIC - 1 == IMAGE_MAGIC_BYTES, "the magic is 8 bytes");
_Static_assert(IMAGE_CHUNK >= IMAGE_HEADER_BYTES, "the header fits one chunk");

static void put_u16(unsigned char *bytes, uint16_t value)
{
	bytes[0] = (unsigned char)value;
	bytes[1] = (unsigned char)(value >> 8);
}

static void put_u32(unsigned char *bytes, uint32_t value)
{
	for (unsigned index = 0; index < 4; index++)
		bytes[index] = (unsigned char)(value >> (8 * index));
}

static void put_u64(unsigned char *bytes, uint64_t value)
{
	for (unsigned index = 0; index < 8; index++)
		bytes[index] = (unsigned char)(value >> (8 * index));
}

static uint16_t get_u16(const unsigned char *bytes)
{
	return (uint16_t)(bytes[0] | bytes[1] << 8);
}

static uint32_t get_u32(const unsigned char *bytes)
{
	return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
	       (uint32_t)bytes[3] << 24;
}

static uint64_t get_u64(const unsigned char *bytes)
{
	return (uint64_t)get_u32(bytes) | (uint64_t)get_u32(bytes + 4) << 32;
}

static uint64_t double_bits(double value)
{
	uint64_t bits;
	memcpy(&bits, &value, sizeof bits);
	return bits;
}

static double double_from_bits(uint64_t bits)
{
	double value;
	memcpy(&value, &bits, sizeof value);
	return value;
}

/* The checksum, fed in pieces of any length: each 8-byte word is mixed in
 * by xor, an odd multiply and a rotation, each a bijection of the state, so
 * changing any one word always changes the result; the zero-padded last
 * word, the length and a final avalanche end it. Not for adversaries: it
 * finds damage and staleness, which is all an image needs. */
typedef struct checksum_stream {
	uint64_t state;
	uint64_t length;
	unsigned char pending[8];
	size_t pending_length;
} checksum_stream;

static uint64_t mix_word(uint64_t state, uint64_t word)
{
	uint64_t mixed = (state ^ word) * IMAGE_CHECKSUM_FACTOR;
	return mixed << 31 | mixed >> 33;
}

static void checksum_add(checksum_stream *sum, const unsigned char *bytes, size_t length)
{
	sum->length += length;
	if (sum->pending_length > 0) {
		size_t room = 8 - sum->pending_length;
		size_t take = length < room ? length : room;
		memcpy(sum->pending + sum->pending_length, bytes, take);
		sum->pending_length += take;
		bytes += take;
		length -= take;
		if (sum->pending_length < 8)
			return;
		sum->state = mix_word(sum->state, get_u64(sum->pending));
		sum->pending_length = 0;
	}
	for (; length >= 8; bytes += 8, length -= 8)
		sum->state = mix_word(sum->state, get_u64(bytes));
	memcpy(sum->pending, bytes, length);
	sum->pending_length = length;
}

/* Ends the checksum of the entries with the header's checked part. */
static uint64_t checksum_end(checksum_stream sum, const unsigned char *header)
{
	checksum_add(&sum, header + IMAGE_HEADER_CHECKED,
	             IMAGE_HEADER_BYTES - IMAGE_HEADER_CHECKED);
	unsigned char last[8] = {0};
	memcpy(last, sum.pending, sum.pending_length);
	uint64_t state = mix_word(sum.state, get_u64(last)) ^ sum.length;
	state ^= state >> 33;
	state *= UINT64_C(0xff51afd7ed558ccd);
	state ^= state >> 33;
	state *= UINT64_C(0xc4ceb9fe1a85ec53);
	return state ^ state >> 33;
}

/* Adds the part of bytes [at, at + length) of an image that lies past the
 * header (the header's part comes last, in checksum_end()). */
static void checksum_entries_part(checksum_stream *sum, size_t at, const unsigned char *bytes,
                                  size_t length)
{
	size_t skip = at < IMAGE_HEADER_BYTES ? IMAGE_HEADER_BYTES - at : 0;
	if (skip < length)
		checksum_add(sum, bytes + skip, length - skip);
}

void match_engine_seal_image(void *bytes, size_t size)
{
	if (bytes == NULL || size < IMAGE_HEADER_BYTES)
		return;
	checksum_stream sum = {0};
	checksum_entries_part(&sum, 0, bytes, size);
	put_u64((unsigned char *)bytes + IMAGE_CHECKSUM_AT, checksum_end(sum, bytes));
}

/* The header of an image of `count` entries with these pool sizes; the
 * checksum is left 0. */
static void make_header(unsigned char header[IMAGE_HEADER_BYTES], double latitude, double longitude,
                        double nearby_metres, size_t count, size_t id_bytes, size_t extras_words)
{
	memset(header, 0, IMAGE_HEADER_BYTES);
	memcpy(header, IMAGE_MAGIC, IMAGE_MAGIC_BYTES);
	put_u32(header + IMAGE_VERSION_AT, MATCH_IMAGE_FORMAT_VERSION);
	put_u64(header + IMAGE_LATITUDE_AT, double_bits(latitude));
	put_u64(header + IMAGE_LONGITUDE_AT, double_bits(longitude));
	put_u64(header + IMAGE_NEARBY_AT, double_bits(nearby_metres));
	put_u32(header + IMAGE_COUNT_AT, (uint32_t)count);
	put_u32(header + IMAGE_ID_BYTES_AT, (uint32_t)id_bytes);
	put_u32(header + IMAGE_EXTRAS_WORDS_AT, (uint32_t)extras_words);
}

/* The size an image with these counts has; above MATCH_IMAGE_MAX_BYTES
 * when too large (each part is below 4 GB, so the sum cannot wrap). */
static uint64_t image_size(size_t count, size_t id_bytes, size_t extras_words)
{
	return IMAGE_HEADER_BYTES + (uint64_t)count * IMAGE_ENTRY_BYTES + (uint64_t)id_bytes +
	       (uint64_t)extras_words * 4u;
}

/* Reads an image from memory: the reader of match_engine_load() and
 * match_engine_matches_image(). */
typedef struct memory_image {
	const unsigned char *bytes;
	size_t size, at;
} memory_image;

static status read_memory_image(void *context, void *buffer, size_t size)
{
	memory_image *image = context;
	if (size > image->size - image->at)
		return STATUS_USAGE;
	if (size > 0)
		memcpy(buffer, image->bytes + image->at, size);
	image->at += size;
	return STATUS_OK;
}

/* ---- writing (or comparing with, or only checksumming) an image ---- */

/* Writes an image in chunks: appending to a buffer, comparing with an image
 * pulled from a reader, or (neither) only checksumming the entries. */
typedef struct image_writer {
	text_buffer *out;        /* appending */
	match_image_reader read; /* comparing: the image to compare with */
	void *read_context;
	size_t expected_size;
	size_t written; /* bytes flushed */
	bool differs;
	status failure;
	checksum_stream sum; /* of the entries */
	uint64_t expected_checksum;
	size_t used;
	unsigned char chunk[IMAGE_CHUNK];
	unsigned char expected[IMAGE_CHUNK];
} image_writer;

/* Compares the chunk with the next bytes of the expected image. */
static void compare_chunk(image_writer *writer)
{
	size_t from = writer->written, length = writer->used;
	if (writer->differs || writer->expected_size - from < length) {
		writer->differs = true;
		return;
	}
	writer->failure = writer->read(writer->read_context, writer->expected, length);
	if (writer->failure != STATUS_OK)
		return;
	size_t start = 0;
	if (from == 0) {
		/* The checksum is known only at the end; it is compared then. */
		writer->expected_checksum = get_u64(writer->expected + IMAGE_CHECKSUM_AT);
		writer->differs = memcmp(writer->chunk, writer->expected, IMAGE_CHECKSUM_AT) != 0;
		start = IMAGE_CHECKSUM_AT + 8;
	}
	if (!writer->differs)
		writer->differs =
		    memcmp(writer->chunk + start, writer->expected + start, length - start) != 0;
}

static void flush_chunk(image_writer *writer)
{
	if (writer->failure != STATUS_OK) {
		writer->used = 0; /* nothing more goes anywhere */
		return;
	}
	if (writer->used == 0)
		return;
	checksum_entries_part(&writer->sum, writer->written, writer->chunk, writer->used);
	if (writer->out != NULL)
		writer->failure =
		    text_buffer_append(writer->out, (const char *)writer->chunk, writer->used);
	else if (writer->read != NULL)
		compare_chunk(writer);
	writer->written += writer->used;
	writer->used = 0;
}

static void write_bytes(image_writer *writer, const void *bytes, size_t length)
{
	const unsigned char *cursor = bytes;
	while (length > 0) {
		size_t room = IMAGE_CHUNK - writer->used;
		size_t part = length < room ? length : room;
		memcpy(writer->chunk + writer->used, cursor, part);
		writer->used += part;
		cursor += part;
		length -= part;
		if (writer->used == IMAGE_CHUNK)
			flush_chunk(writer);
	}
}

static void write_u32(image_writer *writer, uint32_t value)
{
	unsigned char bytes[4];
	put_u32(bytes, value);
	write_bytes(writer, bytes, sizeof bytes);
}

/* The length in words of the extras record at `offset`. */
static size_t extras_record_words(const match_engine *engine, uint32_t offset)
{
	uint32_t counts = (uint32_t)engine->extras[offset + 1];
	return 2u + (counts & 0xffu) + (counts >> 8);
}

/* Writes entry `index`; returns its extras words (for the header). */
static size_t write_entry(image_writer *writer, const match_engine *engine, size_t index)
{
	const offer_profile *profile = &engine->profiles[index];
	const compact_schedule *schedule = &engine->schedules[index];
	unsigned char bytes[IMAGE_ENTRY_BYTES];
	put_u32(bytes, (uint32_t)profile->valid_to);
	put_u16(bytes + 4, profile->themes);
	put_u16(bytes + 6, profile->conditions);
	const uint8_t small[8] = {profile->form,    profile->contact, profile->access,
	                          profile->cost,    profile->support, profile->phase,
	                          profile->ongoing, profile->flags};
	memcpy(bytes + 8, small, sizeof small);
	put_u32(bytes + 16, (uint32_t)engine->distances[index]);
	put_u32(bytes + 20,
	        schedule->times_and_days | (schedule->extras != NO_EXTRAS ? IMAGE_HAS_EXTRAS : 0u));
	write_bytes(writer, bytes, sizeof bytes);
	size_t words = 0;
	if (schedule->extras != NO_EXTRAS) {
		words = extras_record_words(engine, schedule->extras);
		for (size_t word = 0; word < words; word++)
			write_u32(writer, (uint32_t)engine->extras[schedule->extras + word]);
	}
	const char *id = engine->id_text + engine->id_offsets[index];
	write_bytes(writer, id, strlen(id) + 1);
	return words;
}

/* Writes the whole image of a finished engine through `writer`; *header
 * gets its header (without the checksum's value). */
static status write_image(const match_engine *engine, image_writer *writer,
                          unsigned char header[IMAGE_HEADER_BYTES])
{
	size_t extras_words = 0;
	for (size_t index = 0; index < engine->count; index++)
		if (engine->schedules[index].extras != NO_EXTRAS)
			extras_words +=
			    extras_record_words(engine, engine->schedules[index].extras);
	if (image_size(engine->count, engine->id_used, extras_words) > MATCH_IMAGE_MAX_BYTES)
		return STATUS_TOO_LARGE;
	make_header(header, engine->latitude, engine->longitude, engine->nearby_metres,
	            engine->count, engine->id_used, extras_words);
	write_bytes(writer, header, IMAGE_HEADER_BYTES);
	for (size_t index = 0; index < engine->count; index++)
		(void)write_entry(writer, engine, index);
	flush_chunk(writer);
	return writer->failure;
}

status match_engine_save(const match_engine *engine, text_buffer *out)
{
	if (engine == NULL || out == NULL || !engine->finished)
		return STATUS_USAGE;
	image_writer *writer = calloc(1, sizeof *writer);
	if (writer == NULL)
		return STATUS_NO_MEMORY;
	text_buffer_clear(out);
	writer->out = out;
	unsigned char header[IMAGE_HEADER_BYTES];
	status result = write_image(engine, writer, header);
	if (result == STATUS_OK)
		put_u64((unsigned char *)out->data + IMAGE_CHECKSUM_AT,
		        checksum_end(writer->sum, header));
	else
		text_buffer_clear(out);
	free(writer);
	return result;
}

status match_engine_compare_image(const match_engine *engine, match_image_reader read,
                                  void *context, size_t size, bool *same)
{
	if (same != NULL)
		*same = false;
	if (engine == NULL || read == NULL || same == NULL || !engine->finished)
		return STATUS_USAGE;
	image_writer *writer = calloc(1, sizeof *writer);
	if (writer == NULL)
		return STATUS_NO_MEMORY;
	writer->read = read;
	writer->read_context = context;
	writer->expected_size = size;
	unsigned char header[IMAGE_HEADER_BYTES];
	status result = write_image(engine, writer, header);
	if (result == STATUS_TOO_LARGE)
		result = STATUS_OK; /* then it is not the same image */
	else if (result == STATUS_OK)
		*same = !writer->differs && writer->written == size &&
		        writer->expected_checksum == checksum_end(writer->sum, header);
	free(writer);
	return result;
}

bool match_engine_matches_image(const match_engine *engine, const void *bytes, size_t size)
{
	if (bytes == NULL)
		return false;
	memory_image image = {bytes, size, 0};
	bool same = false;
	return match_engine_compare_image(engine, read_memory_image, &image, size, &same) ==
	           STATUS_OK &&
	       same;
}

/* ---- the image of offers as they come ---- */

struct match_image_digest {
	match_engine *scratch; /* one entry at a time, as match_engine_add() makes it */
	image_writer *writer;  /* checksumming only */
	size_t count, id_bytes, extras_words;
	text_buffer last_id;
	bool in_order; /* every id above the one before */
};

match_image_digest *match_image_digest_begin(double latitude, double longitude,
                                             double nearby_metres)
{
	match_image_digest *digest = calloc(1, sizeof *digest);
	if (digest == NULL)
		return NULL;
	digest->scratch = match_engine_begin(latitude, longitude, nearby_metres);
	digest->writer = calloc(1, sizeof *digest->writer);
	if (digest->scratch == NULL || digest->writer == NULL) {
		match_image_digest_destroy(digest);
		return NULL;
	}
	/* The header is made at the end; the entries start after it. */
	digest->writer->written = IMAGE_HEADER_BYTES;
	digest->in_order = true;
	return digest;
}

void match_image_digest_destroy(match_image_digest *digest)
{
	if (digest == NULL)
		return;
	match_engine_destroy(digest->scratch);
	free(digest->writer);
	text_buffer_free(&digest->last_id);
	free(digest);
}

status match_image_digest_add(match_image_digest *digest, const offer *item)
{
	if (digest == NULL || item == NULL)
		return STATUS_USAGE;
	match_engine_clear(digest->scratch);
	status result = match_engine_add(digest->scratch, item);
	if (result != STATUS_OK)
		return result;
	if (digest->count >= MATCH_ENGINE_MAX_OFFERS)
		return STATUS_TOO_LARGE;
	if (digest->count > 0 && strcmp(text_buffer_string(&digest->last_id), item->id) >= 0)
		digest->in_order = false;
	text_buffer_clear(&digest->last_id);
	result = text_buffer_append_string(&digest->last_id, item->id);
	if (result != STATUS_OK)
		return result;
	digest->extras_words += write_entry(digest->writer, digest->scratch, 0);
	digest->id_bytes += strlen(item->id) + 1;
	digest->count++;
	return digest->writer->failure;
}

status match_image_digest_compare(match_image_digest *digest, match_image_reader read,
                                  void *context, size_t size, bool *same)
{
	if (same != NULL)
		*same = false;
	if (digest == NULL || read == NULL || same == NULL)
		return STATUS_USAGE;
	/* Offers out of id order would be sorted by match_engine_finish(): this
	 * checksum would not be that engine's image. */
	if (!digest->in_order || size < IMAGE_HEADER_BYTES ||
	    image_size(digest->count, digest->id_bytes, digest->extras_words) != size)
		return STATUS_OK;
	image_writer *writer = digest->writer;
	flush_chunk(writer);
	unsigned char header[IMAGE_HEADER_BYTES];
	make_header(header, digest->scratch->latitude, digest->scratch->longitude,
	            digest->scratch->nearby_metres, digest->count, digest->id_bytes,
	            digest->extras_words);
	put_u64(header + IMAGE_CHECKSUM_AT, checksum_end(writer->sum, header));
	unsigned char stored[IMAGE_HEADER_BYTES];
	status result = read(context, stored, sizeof stored);
	if (result == STATUS_OK)
		*same = memcmp(stored, header, sizeof header) == 0;
	return result;
}

/* ---- reading an image ---- */

/* Pulls an image from its reader through a chunk, checksumming every byte
 * of the entries. */
typedef struct image_source {
	match_image_reader read;
	void *context;
	size_t size;      /* the whole image */
	size_t delivered; /* bytes taken from the reader */
	status failure;
	checksum_stream sum;
	size_t at, end; /* unread bytes: chunk[at, end) */
	unsigned char chunk[IMAGE_CHUNK];
} image_source;

/* Refills the chunk with what is left of it and more from the reader;
 * false (failure set) when the image ends or the reader fails. */
static bool source_refill(image_source *source)
{
	size_t kept = source->end - source->at;
	memmove(source->chunk, source->chunk + source->at, kept);
	source->at = 0;
	source->end = kept;
	size_t left = source->size - source->delivered;
	size_t room = sizeof source->chunk - kept;
	size_t wanted = left < room ? left : room;
	if (wanted == 0) {
		source->failure = STATUS_CORRUPT; /* shorter than its contents say */
		return false;
	}
	source->failure = source->read(source->context, source->chunk + kept, wanted);
	if (source->failure != STATUS_OK)
		return false;
	checksum_entries_part(&source->sum, source->delivered, source->chunk + kept, wanted);
	source->delivered += wanted;
	source->end += wanted;
	return true;
}

/* The next `length` bytes (at most a chunk), or NULL. */
static const unsigned char *source_take(image_source *source, size_t length)
{
	while (source->end - source->at < length)
		if (!source_refill(source))
			return NULL;
	const unsigned char *bytes = source->chunk + source->at;
	source->at += length;
	return bytes;
}

static bool image_date_valid(int32_t day, int32_t first_day, int32_t last_day)
{
	return day == CATALOGUE_NO_DATE || (day >= first_day && day <= last_day);
}

/* The schedule word as match_engine_add() makes it: times inside the day
 * (or none), weekdays in 7 bits. */
static bool image_schedule_valid(uint32_t times_and_days)
{
	uint32_t start = times_and_days & SCHEDULE_MINUTE_MASK;
	uint32_t end = times_and_days >> SCHEDULE_END_SHIFT & SCHEDULE_MINUTE_MASK;
	uint32_t weekdays = (times_and_days & ~IMAGE_HAS_EXTRAS) >> SCHEDULE_WEEKDAYS_SHIFT;
	return start <= 24u * 60u && end <= 24u * 60u && weekdays <= 0x7fu;
}

/* What an image reads into, with the valid date range. */
typedef struct image_target {
	match_engine *engine;
	size_t id_bytes, extras_words; /* the pools' sizes from the header */
	int32_t first_day, last_day;
} image_target;

/* Reads the extras record of an entry into the pool, checking it is one
 * match_engine_add() makes; returns its offset or NO_EXTRAS with the
 * failure in *result. */
static uint32_t read_extras(image_source *source, image_target *target, status *result)
{
	match_engine *engine = target->engine;
	const unsigned char *head = source_take(source, 8);
	if (head == NULL) {
		*result = source->failure;
		return NO_EXTRAS;
	}
	int32_t valid_from = (int32_t)get_u32(head);
	uint32_t counts = get_u32(head + 4);
	uint32_t ordinals = counts & 0xffu, exceptions = counts >> 8;
	size_t words = 2u + ordinals + exceptions;
	*result = STATUS_CORRUPT;
	if (ordinals > CATALOGUE_MAX_ORDINALS || exceptions > UINT16_MAX ||
	    !image_date_valid(valid_from, target->first_day, target->last_day) ||
	    (valid_from == CATALOGUE_NO_DATE && ordinals == 0 && exceptions == 0) ||
	    words > target->extras_words - engine->extras_used)
		return NO_EXTRAS;
	uint32_t offset = (uint32_t)engine->extras_used;
	int32_t *record = &engine->extras[offset];
	record[0] = valid_from;
	record[1] = (int32_t)counts;
	for (size_t word = 2; word < words; word++) {
		const unsigned char *bytes = source_take(source, 4);
		if (bytes == NULL) {
			*result = source->failure;
			return NO_EXTRAS;
		}
		record[word] = (int32_t)get_u32(bytes);
		if (word < 2u + ordinals) {
			uint32_t ordinal_word = (uint32_t)record[word];
			int value = (int8_t)(uint8_t)(ordinal_word >> 8);
			if (ordinal_word > 0xffffu || (ordinal_word & 0xffu) > 6u || value == 0 ||
			    value < -5 || value > 5)
				return NO_EXTRAS;
		} else if (record[word] == CATALOGUE_NO_DATE ||
		           !image_date_valid(record[word], target->first_day, target->last_day) ||
		           (word > 2u + ordinals && record[word] < record[word - 1])) {
			return NO_EXTRAS; /* exception dates: real and in order */
		}
	}
	engine->extras_used += words;
	*result = STATUS_OK;
	return offset;
}

/* Reads an id up to its NUL into the id pool. */
static status read_id(image_source *source, image_target *target, size_t index)
{
	match_engine *engine = target->engine;
	size_t start = engine->id_used;
	for (;;) {
		if (source->at == source->end && !source_refill(source))
			return source->failure;
		const unsigned char *from = source->chunk + source->at;
		size_t available = source->end - source->at;
		const unsigned char *nul = memchr(from, '\0', available);
		size_t length = nul != NULL ? (size_t)(nul - from) + 1 : available;
		if (length > target->id_bytes - engine->id_used)
			return STATUS_CORRUPT; /* more id bytes than the header said */
		memcpy(engine->id_text + engine->id_used, from, length);
		engine->id_used += length;
		source->at += length;
		if (nul != NULL)
			break;
	}
	engine->id_offsets[index] = (uint32_t)start;
	if (index > 0 && engine->in_id_order &&
	    strcmp(engine->id_text + engine->id_offsets[index - 1], engine->id_text + start) >= 0)
		engine->in_id_order = false;
	return STATUS_OK;
}

/* Reads entry `index`, checking every value against what
 * match_engine_add() can make. */
static status read_entry(image_source *source, image_target *target, size_t index)
{
	match_engine *engine = target->engine;
	const unsigned char *bytes = source_take(source, IMAGE_ENTRY_BYTES);
	if (bytes == NULL)
		return source->failure;
	offer_profile *item = &engine->profiles[index];
	*item = (offer_profile){
	    .valid_to = (int32_t)get_u32(bytes),
	    .themes = get_u16(bytes + 4),
	    .conditions = get_u16(bytes + 6),
	    .form = bytes[8],
	    .contact = bytes[9],
	    .access = bytes[10],
	    .cost = bytes[11],
	    .support = bytes[12],
	    .phase = bytes[13],
	    .ongoing = bytes[14],
	    .flags = bytes[15],
	};
	int32_t distance = (int32_t)get_u32(bytes + 16);
	uint32_t word = get_u32(bytes + 20);
	bool ongoing = (word >> SCHEDULE_FREQUENCY_SHIFT & 3u) != FREQUENCY_NONE;
	if (!image_date_valid(item->valid_to, target->first_day, target->last_day) ||
	    item->ongoing != ongoing ||
	    (item->flags & ~(PROFILE_ACTIVE | PROFILE_MODERATOR | PROFILE_CARE_PROFESSIONAL)) !=
	        0 ||
	    distance < -1 || !image_schedule_valid(word))
		return STATUS_CORRUPT;
	engine->distances[index] = distance;
	status result = STATUS_OK;
	uint32_t extras = NO_EXTRAS;
	if (word & IMAGE_HAS_EXTRAS) {
		extras = read_extras(source, target, &result);
		if (result != STATUS_OK)
			return result;
	}
	engine->schedules[index] =
	    (compact_schedule){.times_and_days = word & ~IMAGE_HAS_EXTRAS, .extras = extras};
	return read_id(source, target, index);
}

/* Gives a pool exactly `count` elements: a loaded engine never grows. */
static status allocate_pool(void **pool, size_t *capacity, size_t count, size_t element_size)
{
	if (count == 0)
		return STATUS_OK;
	if (!grow_array(pool, count, element_size))
		return STATUS_NO_MEMORY;
	*capacity = count;
	return STATUS_OK;
}

/* The entries after the header checks, into a new engine. */
static status read_image_body(image_source *source, const unsigned char *header, double latitude,
                              double longitude, double nearby_metres, match_engine **out)
{
	size_t count = get_u32(header + IMAGE_COUNT_AT);
	image_target target = {
	    .id_bytes = get_u32(header + IMAGE_ID_BYTES_AT),
	    .extras_words = get_u32(header + IMAGE_EXTRAS_WORDS_AT),
	    .first_day = catalogue_days_from_civil(IMAGE_FIRST_YEAR, 1, 1),
	    .last_day = catalogue_days_from_civil(IMAGE_LAST_YEAR, 12, 31),
	};
	match_engine *engine = match_engine_begin(latitude, longitude, nearby_metres);
	if (engine == NULL)
		return STATUS_NO_MEMORY;
	target.engine = engine;
	status result = match_engine_reserve(engine, count);
	if (result == STATUS_OK)
		result = allocate_pool((void **)&engine->id_text, &engine->id_capacity,
		                       target.id_bytes, 1);
	if (result == STATUS_OK)
		result = allocate_pool((void **)&engine->extras, &engine->extras_capacity,
		                       target.extras_words, sizeof *engine->extras);
	for (size_t index = 0; result == STATUS_OK && index < count; index++) {
		result = read_entry(source, &target, index);
		if (result == STATUS_OK)
			engine->count = index + 1;
	}
	if (result == STATUS_OK) {
		/* Every byte read belongs to an entry; the sums agree. */
		if (source->at != source->end || source->delivered != source->size ||
		    engine->id_used != target.id_bytes ||
		    engine->extras_used != target.extras_words)
			result = STATUS_CORRUPT;
		else if (checksum_end(source->sum, header) != get_u64(header + IMAGE_CHECKSUM_AT))
			result = STATUS_CORRUPT;
		else if (double_from_bits(get_u64(header + IMAGE_LATITUDE_AT)) != latitude ||
		         double_from_bits(get_u64(header + IMAGE_LONGITUDE_AT)) != longitude ||
		         double_from_bits(get_u64(header + IMAGE_NEARBY_AT)) != nearby_metres)
			result = STATUS_INVALID;
	}
	/* The image keeps the entries' order, whatever it was. */
	if (result == STATUS_OK)
		result = finish_building(engine, false);
	if (result != STATUS_OK) {
		match_engine_destroy(engine);
		return result;
	}
	*out = engine;
	return STATUS_OK;
}

status match_engine_load_from(match_image_reader read, void *context, size_t size, double latitude,
                              double longitude, double nearby_metres, match_engine **out)
{
	if (out == NULL)
		return STATUS_USAGE;
	*out = NULL;
	if (read == NULL)
		return STATUS_USAGE;
	if (size > MATCH_IMAGE_MAX_BYTES)
		return STATUS_TOO_LARGE;
	image_source *source = calloc(1, sizeof *source);
	if (source == NULL)
		return STATUS_NO_MEMORY;
	source->read = read;
	source->context = context;
	source->size = size;
	status result = STATUS_OK;
	unsigned char header[IMAGE_HEADER_BYTES];
	size_t first = size < IMAGE_HEADER_BYTES ? size : IMAGE_HEADER_BYTES;
	const unsigned char *taken = first > 0 ? source_take(source, first) : NULL;
	if (first > 0 && taken == NULL)
		result = source->failure;
	else if (size < IMAGE_HEADER_BYTES)
		/* Too short for a header: a cut image, or no image at all. */
		result =
		    size >= IMAGE_MAGIC_BYTES && memcmp(taken, IMAGE_MAGIC, IMAGE_MAGIC_BYTES) == 0
		        ? STATUS_CORRUPT
		        : STATUS_INVALID;
	else
		memcpy(header, taken, sizeof header);
	if (result == STATUS_OK &&
	    (memcmp(header, IMAGE_MAGIC, IMAGE_MAGIC_BYTES) != 0 ||
	     get_u32(header + IMAGE_VERSION_AT) != MATCH_IMAGE_FORMAT_VERSION))
		result = STATUS_INVALID;
	if (result == STATUS_OK) {
		size_t count = get_u32(header + IMAGE_COUNT_AT);
		uint64_t expected = image_size(count, get_u32(header + IMAGE_ID_BYTES_AT),
		                               get_u32(header + IMAGE_EXTRAS_WORDS_AT));
		if (count > MATCH_ENGINE_MAX_OFFERS || get_u32(header + 12) != 0 ||
		    get_u32(header + 60) != 0 || expected != size)
			result = STATUS_CORRUPT;
	}
	if (result == STATUS_OK)
		result = read_image_body(source, header, latitude, longitude, nearby_metres, out);
	free(source);
	return result;
}

status match_engine_load(const void *bytes, size_t size, double latitude, double longitude,
                         double nearby_metres, match_engine **out)
{
	if (bytes == NULL) {
		if (out != NULL)
			*out = NULL;
		return STATUS_USAGE;
	}
	memory_image image = {bytes, size, 0};
	return match_engine_load_from(read_memory_image, &image, size, latitude, longitude,
	                              nearby_metres, out);
}
