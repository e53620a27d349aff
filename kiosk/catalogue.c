/* catalogue.c — the in-memory offer model: offers in one growable array, their
 * strings in an append-only arena, vocabularies, canonical field text, dates. */
#include "catalogue.h"

#include <stdalign.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Strings live in blocks of this size; a block is never moved or resized, so
 * every interned pointer stays valid for the catalogue's lifetime. */
enum { ARENA_BLOCK_SIZE = 64 * 1024 };
/* Requests bigger than this get a block of their own, so one long description
 * does not waste the rest of a shared block. */
enum { ARENA_LARGE_REQUEST = ARENA_BLOCK_SIZE / 4 };
enum { INITIAL_OFFER_CAPACITY = 64 };

typedef struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char bytes[];
} arena_block;

struct catalogue {
	offer *offers;
	size_t count;
	size_t capacity;
	/* Head is the block currently being filled; large dedicated blocks are
	 * linked behind it so the head keeps its free space. */
	arena_block *blocks;
};

/* Every absent string points here: 100,000 offers with a dozen empty fields
 * would otherwise spend megabytes on one-byte copies of "". */
static const char shared_empty_string[] = "";
/* A non-NULL answer for interning zero dates. */
static const int32_t no_dates[1] = {0};

static const char *const field_names[FIELD_COUNT] = {
    "id",
    "naam",
    "omschrijving",
    "soort",
    "status",
    "themas",
    "aandoeningen",
    "vorm",
    "contact",
    "deelname",
    "kosten",
    "kosten_tekst",
    "steun",
    "fase",
    "doelgroep",
    "leeftijd_min",
    "leeftijd_max",
    "talen",
    "adres",
    "postcode",
    "plaats",
    "lat",
    "lon",
    "rolstoel",
    "dagen",
    "frequentie",
    "tijd_van",
    "tijd_tot",
    "vanaf",
    "tot",
    "vervalt",
    "wanneer_tekst",
    "aanmeld_url",
    "telefoon",
    "email",
    "contactpersoon",
    "moderator",
    "zorgverlener",
    "gecontroleerd",
    "naam_en",
    "naam_tr",
    "naam_ar",
    "omschrijving_en",
    "omschrijving_tr",
    "omschrijving_ar",
    "kosten_tekst_en",
    "kosten_tekst_tr",
    "kosten_tekst_ar",
    "doelgroep_en",
    "doelgroep_tr",
    "doelgroep_ar",
    "wanneer_tekst_en",
    "wanneer_tekst_tr",
    "wanneer_tekst_ar",
};

/* The Dutch fields that have translation columns, in column order, and the
 * languages of those columns (the kiosk's languages besides Dutch). */
static const catalogue_field translated_fields[] = {
    FIELD_NAME, FIELD_DESCRIPTION, FIELD_COST_TEXT, FIELD_AUDIENCE, FIELD_SCHEDULE_TEXT,
};
static const char *const translation_languages[CATALOGUE_TRANSLATION_LANGUAGES] = {"en", "tr",
                                                                                   "ar"};
_Static_assert(sizeof translated_fields / sizeof translated_fields[0] *
                       CATALOGUE_TRANSLATION_LANGUAGES ==
                   CATALOGUE_TRANSLATION_COUNT,
               "one translation column per translated field and language");

static const char *const kind_words[] = {"",       "groep",  "wandelgroep", "maatje",
                                         "cursus", "online", "telefoon"};
static const char *const status_words[] = {"actief", "tijdelijk_gestopt", "gestopt"};
static const char *const theme_words[] = {"bewegen", "voeding", "slaap",    "ontspanning",
                                          "roken",   "alcohol", "ontmoeten"};
static const char *const condition_words[] = {
    "diabetes",   "hart_en_vaten", "longziekte", "kanker", "overgewicht",
    "pijn_reuma", "somberheid",    "hoofdpijn",  "ms",     "anders"};
static const char *const form_words[] = {"1op1", "groep", "groep_met_zorgverlener"};
static const char *const contact_words[] = {"fysiek", "online", "telefoon", "thuis"};
static const char *const access_words[] = {"inloop", "aanmelden", "verwijzing", "programma"};
static const char *const cost_words[] = {"gratis", "bijdrage", "vergoed", "betaald"};
static const char *const support_words[] = {"emotioneel", "informatief", "praktisch", "waarderend"};
static const char *const phase_words[] = {"orienteren", "beginnen", "volhouden"};
/* Indexed by enum tristate. */
static const char *const tristate_words[] = {"", "ja", "nee"};
/* Bit i of schedule_rule.weekdays; also the weekday of a monthly ordinal. */
static const char *const weekday_words[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
static const char *const frequency_words[] = {"", "wekelijks", "tweewekelijks", "maandelijks"};

#define WORDS(array) array, sizeof(array) / sizeof(array[0])

typedef struct vocabulary {
	const char *const *words;
	unsigned size;
} vocabulary;

static vocabulary vocabulary_of(catalogue_field field)
{
	vocabulary none = {NULL, 0};
	switch (field) {
	case FIELD_KIND: return (vocabulary){WORDS(kind_words)};
	case FIELD_STATUS: return (vocabulary){WORDS(status_words)};
	case FIELD_THEMES: return (vocabulary){WORDS(theme_words)};
	case FIELD_CONDITIONS: return (vocabulary){WORDS(condition_words)};
	case FIELD_FORM: return (vocabulary){WORDS(form_words)};
	case FIELD_CONTACT: return (vocabulary){WORDS(contact_words)};
	case FIELD_ACCESS: return (vocabulary){WORDS(access_words)};
	case FIELD_COST: return (vocabulary){WORDS(cost_words)};
	case FIELD_SUPPORT: return (vocabulary){WORDS(support_words)};
	case FIELD_PHASE: return (vocabulary){WORDS(phase_words)};
	case FIELD_WHEELCHAIR:
	case FIELD_MODERATOR:
	case FIELD_CARE_PROFESSIONAL: return (vocabulary){WORDS(tristate_words)};
	case FIELD_DAYS: return (vocabulary){WORDS(weekday_words)};
	case FIELD_FREQUENCY: return (vocabulary){WORDS(frequency_words)};
	default: return none;
	}
}

const char *catalogue_field_name(catalogue_field field)
{
	if ((unsigned)field >= FIELD_COUNT)
		return NULL;
	return field_names[field];
}

const char *catalogue_vocabulary_word(catalogue_field field, unsigned index)
{
	vocabulary words = vocabulary_of(field);
	if (index >= words.size)
		return NULL;
	return words.words[index];
}

unsigned catalogue_vocabulary_size(catalogue_field field)
{
	return vocabulary_of(field).size;
}

const char *catalogue_translation_language(unsigned index)
{
	if (index >= CATALOGUE_TRANSLATION_LANGUAGES)
		return NULL;
	return translation_languages[index];
}

catalogue_field catalogue_translation_field(catalogue_field source, const char *language_code)
{
	if (language_code == NULL)
		return FIELD_COUNT;
	for (unsigned field = 0; field < sizeof translated_fields / sizeof translated_fields[0];
	     field++) {
		if (translated_fields[field] != source)
			continue;
		for (unsigned language = 0; language < CATALOGUE_TRANSLATION_LANGUAGES;
		     language++) {
			if (strcmp(translation_languages[language], language_code) == 0)
				return (catalogue_field)(FIELD_FIRST_TRANSLATION +
				                         field * CATALOGUE_TRANSLATION_LANGUAGES +
				                         language);
		}
	}
	return FIELD_COUNT;
}

catalogue_field catalogue_translation_source(catalogue_field field)
{
	if (field < FIELD_FIRST_TRANSLATION || field >= FIELD_COUNT)
		return field;
	unsigned slot = (unsigned)(field - FIELD_FIRST_TRANSLATION);
	return translated_fields[slot / CATALOGUE_TRANSLATION_LANGUAGES];
}

/* --- memory ------------------------------------------------------------ */

catalogue *catalogue_create(void)
{
	catalogue *created = calloc(1, sizeof(*created));
	return created;
}

void catalogue_destroy(catalogue *collection)
{
	if (collection == NULL)
		return;
	arena_block *block = collection->blocks;
	while (block != NULL) {
		arena_block *next = block->next;
		free(block);
		block = next;
	}
	free(collection->offers);
	free(collection);
}

static arena_block *arena_new_block(size_t size)
{
	if (size > SIZE_MAX - sizeof(arena_block))
		return NULL;
	arena_block *block = malloc(sizeof(arena_block) + size);
	if (block == NULL)
		return NULL;
	block->next = NULL;
	block->used = 0;
	block->size = size;
	return block;
}

/* Returns `size` bytes aligned to `alignment` (a power of two no larger than
 * max_align_t's), or NULL when out of memory. */
static void *arena_allocate(catalogue *collection, size_t size, size_t alignment)
{
	if (size > ARENA_LARGE_REQUEST) {
		arena_block *large = arena_new_block(size);
		if (large == NULL)
			return NULL;
		large->used = size;
		if (collection->blocks == NULL) {
			collection->blocks = large;
		} else {
			large->next = collection->blocks->next;
			collection->blocks->next = large;
		}
		return large->bytes;
	}
	arena_block *head = collection->blocks;
	if (head != NULL) {
		size_t start = (head->used + alignment - 1) & ~(alignment - 1);
		if (start <= head->size && head->size - start >= size) {
			head->used = start + size;
			return head->bytes + start;
		}
	}
	arena_block *fresh = arena_new_block(ARENA_BLOCK_SIZE);
	if (fresh == NULL)
		return NULL;
	fresh->next = head;
	fresh->used = size;
	collection->blocks = fresh;
	return fresh->bytes;
}

const char *catalogue_intern(catalogue *collection, const char *text, size_t length)
{
	if (length == 0)
		return shared_empty_string;
	if (length == SIZE_MAX)
		return NULL;
	char *copy = arena_allocate(collection, length + 1, 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

const int32_t *catalogue_intern_dates(catalogue *collection, const int32_t *dates, size_t count)
{
	if (count == 0)
		return no_dates;
	if (count > SIZE_MAX / sizeof(int32_t))
		return NULL;
	int32_t *copy = arena_allocate(collection, count * sizeof(int32_t), alignof(int32_t));
	if (copy == NULL)
		return NULL;
	memcpy(copy, dates, count * sizeof(int32_t));
	return copy;
}

/* --- offers ------------------------------------------------------------ */

size_t catalogue_count(const catalogue *collection)
{
	return collection->count;
}

const offer *catalogue_offer(const catalogue *collection, size_t index)
{
	if (index >= collection->count)
		return NULL;
	return &collection->offers[index];
}

offer *catalogue_append(catalogue *collection)
{
	if (collection->count == collection->capacity) {
		size_t capacity =
		    collection->capacity == 0 ? INITIAL_OFFER_CAPACITY : collection->capacity * 2;
		if (capacity > SIZE_MAX / sizeof(offer))
			return NULL;
		offer *grown = realloc(collection->offers, capacity * sizeof(offer));
		if (grown == NULL)
			return NULL;
		collection->offers = grown;
		collection->capacity = capacity;
	}
	offer *item = &collection->offers[collection->count++];
	memset(item, 0, sizeof(*item));
	const char *empty = shared_empty_string;
	item->id = item->name = item->description = item->cost_text = item->audience = empty;
	item->languages = item->address = item->postcode = item->city = empty;
	item->schedule_text = item->signup_url = item->phone = item->email = empty;
	item->contact_person = item->translations = empty;
	item->schedule.frequency = FREQUENCY_NONE;
	item->schedule.start_minute = CATALOGUE_NO_TIME;
	item->schedule.end_minute = CATALOGUE_NO_TIME;
	item->schedule.valid_from = CATALOGUE_NO_DATE;
	item->schedule.valid_to = CATALOGUE_NO_DATE;
	item->schedule.exceptions = no_dates;
	item->checked = CATALOGUE_NO_DATE;
	item->age_min = CATALOGUE_NO_AGE;
	item->age_max = CATALOGUE_NO_AGE;
	item->kind = KIND_NONE;
	item->offer_status = OFFER_ACTIVE;
	item->wheelchair = item->moderator = item->care_professional = TRISTATE_UNKNOWN;
	item->has_location = false;
	return item;
}

void catalogue_remove_last(catalogue *collection)
{
	/* Its strings stay in the arena until the catalogue goes: rare, and an
	 * arena cannot give back the middle of a block. */
	if (collection->count > 0)
		collection->count--;
}

/* --- translations ------------------------------------------------------ */

/* The packed form: for each translation present, one byte naming its column
 * (1 + its index after FIELD_FIRST_TRANSLATION), its text and a NUL; a 0 byte
 * (the interned string's own terminator) ends the list. Texts never hold a
 * NUL, so the walk cannot lose its way. */
status catalogue_set_translations(catalogue *collection, offer *item,
                                  const char *const texts[CATALOGUE_TRANSLATION_COUNT],
                                  const size_t lengths[CATALOGUE_TRANSLATION_COUNT])
{
	if (collection == NULL || item == NULL || texts == NULL || lengths == NULL)
		return STATUS_USAGE;
	size_t packed_length = 0;
	for (unsigned slot = 0; slot < CATALOGUE_TRANSLATION_COUNT; slot++) {
		if (texts[slot] == NULL || lengths[slot] == 0)
			continue;
		if (memchr(texts[slot], '\0', lengths[slot]) != NULL)
			return STATUS_INVALID;
		if (lengths[slot] > SIZE_MAX / 2 - packed_length)
			return STATUS_TOO_LARGE;
		packed_length += 1 + lengths[slot] + 1;
	}
	if (packed_length == 0) {
		item->translations = shared_empty_string;
		return STATUS_OK;
	}
	char *packed = arena_allocate(collection, packed_length + 1, 1);
	if (packed == NULL)
		return STATUS_NO_MEMORY;
	size_t used = 0;
	for (unsigned slot = 0; slot < CATALOGUE_TRANSLATION_COUNT; slot++) {
		if (texts[slot] == NULL || lengths[slot] == 0)
			continue;
		packed[used++] = (char)(slot + 1);
		memcpy(packed + used, texts[slot], lengths[slot]);
		used += lengths[slot];
		packed[used++] = '\0';
	}
	packed[used] = '\0';
	item->translations = packed;
	return STATUS_OK;
}

const char *catalogue_offer_translation(const offer *item, catalogue_field translation_field)
{
	if (translation_field < FIELD_FIRST_TRANSLATION || translation_field >= FIELD_COUNT ||
	    item->translations == NULL)
		return shared_empty_string;
	unsigned wanted = (unsigned)(translation_field - FIELD_FIRST_TRANSLATION) + 1;
	const char *cursor = item->translations;
	while (*cursor != '\0') {
		unsigned slot = (unsigned char)*cursor;
		const char *text = cursor + 1;
		if (slot == wanted)
			return text;
		cursor = text + strlen(text) + 1;
	}
	return shared_empty_string;
}

static const char *dutch_text(const offer *item, catalogue_field field)
{
	switch (field) {
	case FIELD_NAME: return item->name;
	case FIELD_DESCRIPTION: return item->description;
	case FIELD_COST_TEXT: return item->cost_text;
	case FIELD_AUDIENCE: return item->audience;
	case FIELD_SCHEDULE_TEXT: return item->schedule_text;
	default: return shared_empty_string;
	}
}

const char *catalogue_offer_text_in_language(const offer *item, catalogue_field source,
                                             const char *language_code)
{
	catalogue_field column = catalogue_translation_field(source, language_code);
	const char *translated = catalogue_offer_translation(item, column);
	return translated[0] != '\0' ? translated : dutch_text(item, source);
}

static int compare_offers_by_id(const void *left, const void *right)
{
	const offer *a = left;
	const offer *b = right;
	return strcmp(a->id, b->id);
}

void catalogue_sort(catalogue *collection)
{
	if (collection->count > 1)
		qsort(collection->offers, collection->count, sizeof(offer), compare_offers_by_id);
}

size_t catalogue_index_of(const catalogue *collection, const char *id)
{
	size_t low = 0;
	size_t high = collection->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		int order = strcmp(collection->offers[middle].id, id);
		if (order == 0)
			return middle;
		if (order < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return SIZE_MAX;
}

const offer *catalogue_find(const catalogue *collection, const char *id)
{
	size_t index = catalogue_index_of(collection, id);
	return index == SIZE_MAX ? NULL : &collection->offers[index];
}

/* --- dates ------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil: shifts the year to start in March so the
 * leap day falls at the end, then counts 400-year eras of 146097 days. */
int32_t catalogue_days_from_civil(int year, int month, int day)
{
	int64_t shifted_year = (int64_t)year - (month <= 2 ? 1 : 0);
	int64_t era = (shifted_year >= 0 ? shifted_year : shifted_year - 399) / 400;
	int64_t year_of_era = shifted_year - era * 400;
	int64_t day_of_year =
	    (153 * (int64_t)(month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return (int32_t)(era * 146097 + day_of_era - 719468);
}

void catalogue_civil_from_days(int32_t days, int *year, int *month, int *day)
{
	int64_t shifted = (int64_t)days + 719468;
	int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
	int64_t day_of_era = shifted - era * 146097;
	int64_t year_of_era =
	    (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	int64_t day_of_year =
	    day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	int64_t shifted_month = (5 * day_of_year + 2) / 153;
	int64_t civil_month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
	*day = (int)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
	*month = (int)civil_month;
	*year = (int)(year_of_era + era * 400 + (civil_month <= 2 ? 1 : 0));
}

int catalogue_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int64_t weekday = ((int64_t)days + 3) % 7;
	return (int)(weekday < 0 ? weekday + 7 : weekday);
}

/* --- canonical text and hash ------------------------------------------- */

/* Field text goes either into a buffer or straight into a running hash, so
 * hashing needs no allocation and cannot fail. */
typedef struct field_sink {
	struct text_buffer *buffer; /* NULL when hashing */
	uint64_t hash;
	status result;
} field_sink;

static const uint64_t fnv_offset_basis = 14695981039346656037u;
static const uint64_t fnv_prime = 1099511628211u;

static void sink_append(field_sink *sink, const char *bytes, size_t length)
{
	if (sink->result != STATUS_OK)
		return;
	if (sink->buffer != NULL) {
		sink->result = text_buffer_append(sink->buffer, bytes, length);
		return;
	}
	for (size_t i = 0; i < length; i++) {
		sink->hash ^= (unsigned char)bytes[i];
		sink->hash *= fnv_prime;
	}
}

static void sink_string(field_sink *sink, const char *string)
{
	sink_append(sink, string, strlen(string));
}

static void sink_date(field_sink *sink, int32_t date)
{
	if (date == CATALOGUE_NO_DATE)
		return;
	int year, month, day;
	catalogue_civil_from_days(date, &year, &month, &day);
	char text[32];
	if (text_format(text, sizeof(text), "%04d-%02d-%02d", year, month, day))
		sink_string(sink, text);
}

static void sink_time(field_sink *sink, int16_t minute)
{
	if (minute < 0)
		return;
	char text[16];
	if (text_format(text, sizeof(text), "%02d:%02d", minute / 60, minute % 60))
		sink_string(sink, text);
}

static void sink_integer(field_sink *sink, long value)
{
	char text[32];
	if (text_format(text, sizeof(text), "%ld", value))
		sink_string(sink, text);
}

static void sink_coordinate(field_sink *sink, const offer *item, double value)
{
	if (!item->has_location)
		return;
	/* Six decimals (about 0.1 m) from integer arithmetic: the same text as
	 * "%.6f" for coordinates, without the cost of printf's exact float
	 * conversion on 100,000 offers. */
	char text[64];
	double scaled = value * 1e6;
	if (!(scaled > -9e15 && scaled < 9e15))
		return; /* not a coordinate; import never keeps such values */
	long long micro = llround(scaled);
	unsigned long long magnitude =
	    micro < 0 ? 0ull - (unsigned long long)micro : (unsigned long long)micro;
	if (text_format(text, sizeof(text), "%s%llu.%06llu", micro < 0 ? "-" : "",
	                magnitude / 1000000ull, magnitude % 1000000ull))
		sink_string(sink, text);
}

/* Words of the bits set in `bits`, in bit order, joined by ','. */
static void sink_bits(field_sink *sink, catalogue_field field, unsigned bits)
{
	vocabulary words = vocabulary_of(field);
	bool first = true;
	for (unsigned bit = 0; bit < words.size; bit++) {
		if ((bits & (1u << bit)) == 0)
			continue;
		if (!first)
			sink_append(sink, ",", 1);
		sink_string(sink, words.words[bit]);
		first = false;
	}
}

/* An enum column: its word, or nothing for a value outside the vocabulary. */
static void sink_word(field_sink *sink, catalogue_field field, unsigned index)
{
	const char *word = catalogue_vocabulary_word(field, index);
	if (word != NULL)
		sink_string(sink, word);
}

/* Weekdays first ("ma,do"), then monthly ordinals ("1di,-1vr"). */
static void sink_days(field_sink *sink, const schedule_rule *rule)
{
	sink_bits(sink, FIELD_DAYS, rule->weekdays);
	bool first = rule->weekdays == 0;
	unsigned count = rule->ordinal_count < CATALOGUE_MAX_ORDINALS ? rule->ordinal_count
	                                                              : CATALOGUE_MAX_ORDINALS;
	for (unsigned i = 0; i < count; i++) {
		unsigned weekday = rule->ordinals[i].weekday;
		if (weekday > 6)
			continue;
		char text[16];
		if (!text_format(text, sizeof(text), "%s%d%s", first ? "" : ",",
		                 rule->ordinals[i].ordinal, weekday_words[weekday]))
			continue;
		sink_string(sink, text);
		first = false;
	}
}

static void sink_exceptions(field_sink *sink, const schedule_rule *rule)
{
	for (unsigned i = 0; i < rule->exception_count; i++) {
		if (i > 0)
			sink_append(sink, ",", 1);
		sink_date(sink, rule->exceptions[i]);
	}
}

static void sink_age(field_sink *sink, int16_t age)
{
	if (age != CATALOGUE_NO_AGE)
		sink_integer(sink, age);
}

static void sink_field(field_sink *sink, const offer *item, catalogue_field field)
{
	switch (field) {
	case FIELD_ID: sink_string(sink, item->id); break;
	case FIELD_NAME: sink_string(sink, item->name); break;
	case FIELD_DESCRIPTION: sink_string(sink, item->description); break;
	case FIELD_KIND: sink_word(sink, field, item->kind); break;
	case FIELD_STATUS: sink_word(sink, field, item->offer_status); break;
	case FIELD_THEMES: sink_bits(sink, field, item->themes); break;
	case FIELD_CONDITIONS: sink_bits(sink, field, item->conditions); break;
	case FIELD_FORM: sink_bits(sink, field, item->form); break;
	case FIELD_CONTACT: sink_bits(sink, field, item->contact); break;
	case FIELD_ACCESS: sink_bits(sink, field, item->access); break;
	case FIELD_COST: sink_bits(sink, field, item->cost); break;
	case FIELD_COST_TEXT: sink_string(sink, item->cost_text); break;
	case FIELD_SUPPORT: sink_bits(sink, field, item->support); break;
	case FIELD_PHASE: sink_bits(sink, field, item->phase); break;
	case FIELD_AUDIENCE: sink_string(sink, item->audience); break;
	case FIELD_AGE_MIN: sink_age(sink, item->age_min); break;
	case FIELD_AGE_MAX: sink_age(sink, item->age_max); break;
	case FIELD_LANGUAGES: sink_string(sink, item->languages); break;
	case FIELD_ADDRESS: sink_string(sink, item->address); break;
	case FIELD_POSTCODE: sink_string(sink, item->postcode); break;
	case FIELD_CITY: sink_string(sink, item->city); break;
	case FIELD_LATITUDE: sink_coordinate(sink, item, item->latitude); break;
	case FIELD_LONGITUDE: sink_coordinate(sink, item, item->longitude); break;
	case FIELD_WHEELCHAIR: sink_word(sink, field, item->wheelchair); break;
	case FIELD_DAYS: sink_days(sink, &item->schedule); break;
	case FIELD_FREQUENCY: sink_word(sink, field, (unsigned)item->schedule.frequency); break;
	case FIELD_TIME_FROM: sink_time(sink, item->schedule.start_minute); break;
	case FIELD_TIME_TO: sink_time(sink, item->schedule.end_minute); break;
	case FIELD_VALID_FROM: sink_date(sink, item->schedule.valid_from); break;
	case FIELD_VALID_TO: sink_date(sink, item->schedule.valid_to); break;
	case FIELD_EXCEPTIONS: sink_exceptions(sink, &item->schedule); break;
	case FIELD_SCHEDULE_TEXT: sink_string(sink, item->schedule_text); break;
	case FIELD_SIGNUP_URL: sink_string(sink, item->signup_url); break;
	case FIELD_PHONE: sink_string(sink, item->phone); break;
	case FIELD_EMAIL: sink_string(sink, item->email); break;
	case FIELD_CONTACT_PERSON: sink_string(sink, item->contact_person); break;
	case FIELD_MODERATOR: sink_word(sink, field, item->moderator); break;
	case FIELD_CARE_PROFESSIONAL: sink_word(sink, field, item->care_professional); break;
	case FIELD_CHECKED: sink_date(sink, item->checked); break;
	case FIELD_COUNT: sink->result = STATUS_USAGE; break;
	default: sink_string(sink, catalogue_offer_translation(item, field)); break;
	}
}

status catalogue_offer_field_text(const offer *item, catalogue_field field, struct text_buffer *out)
{
	text_buffer_clear(out);
	if ((unsigned)field >= FIELD_COUNT)
		return STATUS_USAGE;
	field_sink sink = {out, 0, STATUS_OK};
	sink_field(&sink, item, field);
	return sink.result;
}

/* The separator keeps "ab"+"" apart from "a"+"b"; 0x1F (unit separator)
 * never appears in valid spreadsheet text that import keeps. */
static const char field_separator = 0x1F;
/* A translation that is there adds 0x1E (record separator, never in kept
 * text either), its column's number and its text; an absent one adds
 * nothing, so hashes made before the translation columns existed hold. */
static const char translation_marker = 0x1E;

static void sink_translation(field_sink *sink, catalogue_field field, const char *text,
                             size_t length)
{
	if (length == 0)
		return;
	char column = (char)(field - FIELD_FIRST_TRANSLATION + 1);
	sink_append(sink, &translation_marker, 1);
	sink_append(sink, &column, 1);
	sink_append(sink, text, length);
}

uint64_t catalogue_offer_hash(const offer *item)
{
	field_sink sink = {NULL, fnv_offset_basis, STATUS_OK};
	for (unsigned field = 0; field < FIELD_FIRST_TRANSLATION; field++) {
		if (field > 0)
			sink_append(&sink, &field_separator, 1);
		sink_field(&sink, item, (catalogue_field)field);
	}
	for (unsigned field = FIELD_FIRST_TRANSLATION; field < FIELD_COUNT; field++) {
		const char *text = catalogue_offer_translation(item, (catalogue_field)field);
		sink_translation(&sink, (catalogue_field)field, text, strlen(text));
	}
	return sink.hash;
}

uint64_t catalogue_hash_field_texts(const struct text_buffer *texts)
{
	field_sink sink = {NULL, fnv_offset_basis, STATUS_OK};
	for (unsigned field = 0; field < FIELD_FIRST_TRANSLATION; field++) {
		if (field > 0)
			sink_append(&sink, &field_separator, 1);
		sink_append(&sink, text_buffer_string(&texts[field]), texts[field].length);
	}
	for (unsigned field = FIELD_FIRST_TRANSLATION; field < FIELD_COUNT; field++)
		sink_translation(&sink, (catalogue_field)field, text_buffer_string(&texts[field]),
		                 texts[field].length);
	return sink.hash;
}
