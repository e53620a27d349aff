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

struct match_engine {
	const catalogue *items;
	offer_profile *profiles;
	size_t capacity;
	int32_t *distances;  /* per offer, -1 without location */
	uint64_t *sort_keys; /* per run */
	uint64_t *sort_scratch;
	match_result *judged;  /* per offer, in catalogue order; missed = NOT_ELIGIBLE */
	match_result *results; /* per run, ranked */
	double nearby_metres;
	/* Ten times the summed importance of every set of keys, so scoring
	 * needs no loop over keys. */
	int32_t mask_weights[MASK_COUNT];
};

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

match_engine *match_engine_create(const catalogue *items, double latitude, double longitude,
                                  double nearby_metres)
{
	match_engine *engine = calloc(1, sizeof *engine);
	if (engine == NULL)
		return NULL;
	size_t count = catalogue_count(items);
	size_t capacity = count > 0 ? count : 1;
	engine->items = items;
	engine->capacity = capacity;
	engine->nearby_metres = nearby_metres;
	for (unsigned mask = 0; mask < MASK_COUNT; mask++) {
		int32_t weight = 0;
		for (unsigned key = 0; key < MATCH_KEY_COUNT; key++)
			if (mask & KEY_BIT(key))
				weight += key_importance[key] * 10;
		engine->mask_weights[mask] = weight;
	}
	engine->profiles = malloc(capacity * sizeof *engine->profiles);
	engine->distances = malloc(capacity * sizeof *engine->distances);
	engine->sort_keys = malloc(capacity * sizeof *engine->sort_keys);
	engine->sort_scratch = malloc(capacity * sizeof *engine->sort_scratch);
	engine->judged = malloc(capacity * sizeof *engine->judged);
	engine->results = malloc(capacity * sizeof *engine->results);
	if (engine->profiles == NULL || engine->distances == NULL || engine->sort_keys == NULL ||
	    engine->sort_scratch == NULL || engine->judged == NULL || engine->results == NULL) {
		match_engine_destroy(engine);
		return NULL;
	}
	for (size_t index = 0; index < count; index++) {
		const offer *item = catalogue_offer(items, index);
		engine->profiles[index] = (offer_profile){
		    .valid_to = item->schedule.valid_to,
		    .themes = item->themes,
		    .conditions = item->conditions,
		    .form = item->form,
		    .contact = item->contact,
		    .access = item->access,
		    .cost = item->cost,
		    .support = item->support,
		    .phase = item->phase,
		    .ongoing = item->schedule.frequency != FREQUENCY_NONE,
		    .flags = (uint8_t)((item->offer_status == OFFER_ACTIVE ? PROFILE_ACTIVE : 0) |
		                       (item->moderator == TRISTATE_YES ? PROFILE_MODERATOR : 0) |
		                       (item->care_professional == TRISTATE_YES
		                            ? PROFILE_CARE_PROFESSIONAL
		                            : 0)),
		};
		if (!item->has_location) {
			engine->distances[index] = -1;
			continue;
		}
		double metres =
		    distance_metres(latitude, longitude, item->latitude, item->longitude);
		engine->distances[index] = metres > 2e9 ? INT32_MAX : (int32_t)(metres + 0.5);
	}
	return engine;
}

void match_engine_destroy(match_engine *engine)
{
	if (engine == NULL)
		return;
	free(engine->profiles);
	free(engine->distances);
	free(engine->sort_keys);
	free(engine->sort_scratch);
	free(engine->judged);
	free(engine->results);
	free(engine);
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
 * metres. Ties keep catalogue (id) order because the sort is stable. */
#define INDEX_BITS    24u
#define DISTANCE_BITS 20u
#define SCORE_BITS    16u
#define ORDER_BITS    (DISTANCE_BITS + SCORE_BITS + 1u)
#define DIGIT_BITS    13u
#define DIGIT_COUNT   ((ORDER_BITS + DIGIT_BITS - 1u) / DIGIT_BITS)
#define BUCKET_COUNT  (1u << DIGIT_BITS)

/* Sorts keys ascending on their order bits: a stable LSD radix sort with one
 * counting pass for all digits, skipping digits that every key shares. */
static void sort_keys(uint64_t *keys, uint64_t *scratch, size_t count)
{
	static size_t histograms[DIGIT_COUNT][BUCKET_COUNT];
	memset(histograms, 0, sizeof histograms);
	for (size_t index = 0; index < count; index++)
		for (unsigned digit = 0; digit < DIGIT_COUNT; digit++)
			histograms[digit][(keys[index] >> (INDEX_BITS + digit * DIGIT_BITS)) &
			                  (BUCKET_COUNT - 1)]++;
	uint64_t *source = keys, *target = scratch;
	for (unsigned digit = 0; digit < DIGIT_COUNT; digit++) {
		unsigned shift = INDEX_BITS + digit * DIGIT_BITS;
		size_t *histogram = histograms[digit];
		if (histogram[(source[0] >> shift) & (BUCKET_COUNT - 1)] == count)
			continue;
		size_t position = 0;
		for (unsigned bucket = 0; bucket < BUCKET_COUNT; bucket++) {
			size_t bucket_count = histogram[bucket];
			histogram[bucket] = position;
			position += bucket_count;
		}
		for (size_t index = 0; index < count; index++)
			target[histogram[(source[index] >> shift) & (BUCKET_COUNT - 1)]++] =
			    source[index];
		uint64_t *swap = source;
		source = target;
		target = swap;
	}
	if (source != keys)
		memcpy(keys, source, count * sizeof *keys);
}

status match_engine_run(match_engine *engine, const match_answers *answers, local_time now,
                        match_outcome *out)
{
	memset(out, 0, sizeof *out);
	const catalogue *items = engine->items;
	size_t count = catalogue_count(items);
	if (count > engine->capacity || count >= (1u << INDEX_BITS))
		return STATUS_TOO_LARGE;

	/* Offers per missed-set: relaxation then needs only these 512 counts. */
	static const size_t zero_counts[MASK_COUNT];
	size_t missed_histogram[MASK_COUNT];
	memcpy(missed_histogram, zero_counts, sizeof missed_histogram);
	for (size_t index = 0; index < count; index++) {
		const offer_profile *item = &engine->profiles[index];
		match_result *judgement = &engine->judged[index];
		/* Same rule as schedule_has_expired(), on the packed copy. */
		bool expired = item->valid_to != CATALOGUE_NO_DATE && item->valid_to < now.day;
		if (!(item->flags & PROFILE_ACTIVE) || expired) {
			judgement->missed = NOT_ELIGIBLE;
			continue;
		}
		judgement->offer_index = (uint32_t)index;
		judgement->distance_metres = engine->distances[index];
		judgement->score =
		    judge_offer(item, answers, judgement->distance_metres, engine->nearby_metres,
		                engine->mask_weights, &judgement->matched, &judgement->missed);
		missed_histogram[judgement->missed]++;
	}

	uint16_t strict = strict_keys(answers);
	choose_relaxed(missed_histogram, answers->answered, strict, out);
	uint16_t relaxed = out->relaxed;

	size_t kept = 0;
	for (size_t index = 0; index < count; index++) {
		const match_result *judgement = &engine->judged[index];
		uint16_t missed = judgement->missed;
		if (missed == NOT_ELIGIBLE || (missed & strict & ~relaxed) != 0)
			continue;
		uint64_t not_fitting = (missed & (uint16_t)~relaxed) != 0;
		int32_t score = judgement->score;
		if (score < -32768)
			score = -32768;
		if (score > 32767)
			score = 32767;
		uint64_t inverted_score = (uint64_t)(32767 - score);
		int32_t distance = judgement->distance_metres;
		uint64_t distance_key = (1u << DISTANCE_BITS) - 1; /* unknown: last */
		if (distance >= 0 && distance / 10 < (int32_t)distance_key)
			distance_key = (uint64_t)(distance / 10);
		uint64_t order = not_fitting << (SCORE_BITS + DISTANCE_BITS) |
		                 inverted_score << DISTANCE_BITS | distance_key;
		engine->sort_keys[kept++] = order << INDEX_BITS | (uint64_t)index;
	}
	if (kept > 0)
		sort_keys(engine->sort_keys, engine->sort_scratch, kept);
	for (size_t rank = 0; rank < kept; rank++)
		engine->results[rank] =
		    engine->judged[engine->sort_keys[rank] & ((1u << INDEX_BITS) - 1)];
	out->results = engine->results;
	out->count = kept;
	return STATUS_OK;
}
