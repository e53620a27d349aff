/* catalogue.h — the in-memory catalogue of offers (groups, walks, buddies,
 * courses): the model that import fills, the store saves and matching reads.
 * Every vocabulary column of the spreadsheet becomes a small bit set. */
#ifndef KIOSK_CATALOGUE_H
#define KIOSK_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* The spreadsheet columns, in the canonical order used by the template, the
 * store and catalogue_offer_field_text(). Names are in catalogue.c. */
typedef enum catalogue_field {
	FIELD_ID,
	FIELD_NAME,
	FIELD_DESCRIPTION,
	FIELD_KIND,
	FIELD_STATUS,
	FIELD_THEMES,
	FIELD_CONDITIONS,
	FIELD_FORM,
	FIELD_CONTACT,
	FIELD_ACCESS,
	FIELD_COST,
	FIELD_COST_TEXT,
	FIELD_SUPPORT,
	FIELD_PHASE,
	FIELD_AUDIENCE,
	FIELD_AGE_MIN,
	FIELD_AGE_MAX,
	FIELD_LANGUAGES,
	FIELD_ADDRESS,
	FIELD_POSTCODE,
	FIELD_CITY,
	FIELD_LATITUDE,
	FIELD_LONGITUDE,
	FIELD_WHEELCHAIR,
	FIELD_DAYS,
	FIELD_FREQUENCY,
	FIELD_TIME_FROM,
	FIELD_TIME_TO,
	FIELD_VALID_FROM,
	FIELD_VALID_TO,
	FIELD_EXCEPTIONS,
	FIELD_SCHEDULE_TEXT,
	FIELD_SIGNUP_URL,
	FIELD_PHONE,
	FIELD_EMAIL,
	FIELD_CONTACT_PERSON,
	FIELD_MODERATOR,
	FIELD_CARE_PROFESSIONAL,
	FIELD_CHECKED,
	/* Optional translations of the free texts a resident reads, used instead
	 * of the Dutch text when the resident chose that language: for each of
	 * naam, omschrijving, kosten_tekst, doelgroep and wanneer_tekst (in that
	 * order) the columns "<name>_en", "<name>_tr" and "<name>_ar". */
	FIELD_NAME_EN,
	FIELD_NAME_TR,
	FIELD_NAME_AR,
	FIELD_DESCRIPTION_EN,
	FIELD_DESCRIPTION_TR,
	FIELD_DESCRIPTION_AR,
	FIELD_COST_TEXT_EN,
	FIELD_COST_TEXT_TR,
	FIELD_COST_TEXT_AR,
	FIELD_AUDIENCE_EN,
	FIELD_AUDIENCE_TR,
	FIELD_AUDIENCE_AR,
	FIELD_SCHEDULE_TEXT_EN,
	FIELD_SCHEDULE_TEXT_TR,
	FIELD_SCHEDULE_TEXT_AR,
	FIELD_COUNT
} catalogue_field;

/* The translation columns: FIELD_FIRST_TRANSLATION up to FIELD_COUNT, one per
 * translated Dutch field and language, languages varying fastest. */
#define FIELD_FIRST_TRANSLATION         FIELD_NAME_EN
#define CATALOGUE_TRANSLATION_COUNT     (FIELD_COUNT - FIELD_FIRST_TRANSLATION)
#define CATALOGUE_TRANSLATION_LANGUAGES 3

/* The canonical Dutch header of `field` ("id", "naam", "omschrijving", ...,
 * "gecontroleerd"), exactly as PRODUCT.md names it. */
const char *catalogue_field_name(catalogue_field field);

/* The language code ("en", "tr", "ar") of translation language `index`
 * (0 .. CATALOGUE_TRANSLATION_LANGUAGES - 1); NULL past the end. */
const char *catalogue_translation_language(unsigned index);
/* The column holding the translation of the Dutch free-text field `source`
 * (FIELD_NAME, FIELD_DESCRIPTION, FIELD_COST_TEXT, FIELD_AUDIENCE or
 * FIELD_SCHEDULE_TEXT) into `language_code` ("en", "tr", "ar"; compared
 * exactly); FIELD_COUNT for Dutch, NULL, any other language or field. */
catalogue_field catalogue_translation_field(catalogue_field source, const char *language_code);
/* The Dutch field a translation column translates (FIELD_NAME for
 * FIELD_NAME_TR); `field` itself when it is not a translation column. */
catalogue_field catalogue_translation_source(catalogue_field field);

/* Vocabulary columns. Each value is a bit; the canonical Dutch word of bit i of
 * a column is catalogue_vocabulary_word(field, i). */
enum offer_kind {
	KIND_NONE = 0,
	KIND_GROUP,
	KIND_WALKING_GROUP,
	KIND_BUDDY,
	KIND_COURSE,
	KIND_ONLINE,
	KIND_PHONE
};
enum offer_status { OFFER_ACTIVE = 0, OFFER_PAUSED, OFFER_STOPPED };
enum {
	THEME_MOVING = 1u << 0,     /* bewegen */
	THEME_FOOD = 1u << 1,       /* voeding */
	THEME_SLEEP = 1u << 2,      /* slaap */
	THEME_RELAXATION = 1u << 3, /* ontspanning */
	THEME_SMOKING = 1u << 4,    /* roken */
	THEME_ALCOHOL = 1u << 5,    /* alcohol */
	THEME_MEETING = 1u << 6     /* ontmoeten */
};
enum {
	CONDITION_DIABETES = 1u << 0,   /* diabetes */
	CONDITION_HEART = 1u << 1,      /* hart_en_vaten */
	CONDITION_LUNG = 1u << 2,       /* longziekte */
	CONDITION_CANCER = 1u << 3,     /* kanker */
	CONDITION_OVERWEIGHT = 1u << 4, /* overgewicht */
	CONDITION_PAIN = 1u << 5,       /* pijn_reuma */
	CONDITION_LOW_MOOD = 1u << 6,   /* somberheid */
	CONDITION_HEADACHE = 1u << 7,   /* hoofdpijn */
	CONDITION_MS = 1u << 8,         /* ms */
	CONDITION_OTHER = 1u << 9       /* anders */
};
enum {
	FORM_ONE_TO_ONE = 1u << 0,             /* 1op1 */
	FORM_GROUP = 1u << 1,                  /* groep */
	FORM_GROUP_WITH_PROFESSIONAL = 1u << 2 /* groep_met_zorgverlener */
};
enum {
	CONTACT_IN_PERSON = 1u << 0, /* fysiek */
	CONTACT_ONLINE = 1u << 1,    /* online */
	CONTACT_PHONE = 1u << 2,     /* telefoon */
	CONTACT_HOME_VISIT = 1u << 3 /* thuis */
};
enum {
	ACCESS_DROP_IN = 1u << 0,     /* inloop */
	ACCESS_APPOINTMENT = 1u << 1, /* aanmelden */
	ACCESS_REFERRAL = 1u << 2,    /* verwijzing */
	ACCESS_PROGRAMME = 1u << 3    /* programma */
};
enum {
	COST_FREE = 1u << 0,         /* gratis */
	COST_CONTRIBUTION = 1u << 1, /* bijdrage */
	COST_REIMBURSED = 1u << 2,   /* vergoed */
	COST_PAID = 1u << 3          /* betaald */
};
enum {
	SUPPORT_EMOTIONAL = 1u << 0,   /* emotioneel */
	SUPPORT_INFORMATIVE = 1u << 1, /* informatief */
	SUPPORT_PRACTICAL = 1u << 2,   /* praktisch */
	SUPPORT_APPRECIATIVE = 1u << 3 /* waarderend */
};
enum {
	PHASE_ORIENTING = 1u << 0, /* orienteren */
	PHASE_STARTING = 1u << 1,  /* beginnen */
	PHASE_KEEPING_UP = 1u << 2 /* volhouden */
};
enum tristate { TRISTATE_UNKNOWN = 0, TRISTATE_YES, TRISTATE_NO };
enum schedule_frequency {
	FREQUENCY_NONE = 0,
	FREQUENCY_WEEKLY,
	FREQUENCY_FORTNIGHTLY,
	FREQUENCY_MONTHLY
};

/* For FIELD_KIND, FIELD_STATUS and FIELD_FREQUENCY, `index` is the enum value
 * (index 0 of kind and frequency is ""); for bit-set columns it is the bit
 * number. Returns NULL past the end of the vocabulary. */
const char *catalogue_vocabulary_word(catalogue_field field, unsigned index);
/* Number of words in the column's vocabulary (0 for free-text columns). */
unsigned catalogue_vocabulary_size(catalogue_field field);

/* A date is a count of days since 1970-01-01 (proleptic Gregorian). */
#define CATALOGUE_NO_DATE INT32_MIN
/* A time of day is minutes after local midnight. */
#define CATALOGUE_NO_TIME      ((int16_t)-1)
#define CATALOGUE_NO_AGE       ((int16_t)-1)
#define CATALOGUE_MAX_ORDINALS 7

/* When an offer meets. Weekly and fortnightly use `weekdays`; monthly uses
 * `ordinals` ("1di" = first Tuesday, "-1vr" = last Friday). Fortnightly
 * counts weeks from the week of `valid_from`. */
typedef struct schedule_rule {
	enum schedule_frequency frequency;
	uint8_t weekdays; /* bit 0 = Monday ... bit 6 = Sunday */
	uint8_t ordinal_count;
	struct {
		int8_t ordinal;  /* 1..5 from the start, -1..-5 from the end of the month */
		uint8_t weekday; /* 0 = Monday ... 6 = Sunday */
	} ordinals[CATALOGUE_MAX_ORDINALS];
	int16_t start_minute; /* CATALOGUE_NO_TIME when absent */
	int16_t end_minute;   /* CATALOGUE_NO_TIME when absent */
	int32_t valid_from;   /* CATALOGUE_NO_DATE when absent */
	int32_t valid_to;     /* CATALOGUE_NO_DATE when absent; inclusive */
	uint16_t exception_count;
	const int32_t *exceptions; /* sorted ascending; owned by the catalogue */
} schedule_rule;

/* One offer. Strings are never NULL ("" when absent) and belong to the
 * catalogue that holds the offer. Coordinates are valid only when
 * `has_location` is true. */
typedef struct offer {
	const char *id;
	const char *name;
	const char *description;
	const char *cost_text;
	const char *audience;
	const char *languages; /* canonical: ISO 639-1 codes joined by ',' */
	const char *address;
	const char *postcode;
	const char *city;
	const char *schedule_text;
	const char *signup_url;
	const char *phone;
	const char *email;
	const char *contact_person;
	/* Every translation of this offer packed in one string of the catalogue
	 * (one pointer, so offers without translations cost 8 bytes): read it with
	 * catalogue_offer_translation(), write it with catalogue_set_translations(). */
	const char *translations;
	double latitude;
	double longitude;
	schedule_rule schedule;
	int32_t checked; /* CATALOGUE_NO_DATE when absent */
	uint32_t row;    /* spreadsheet row it came from (0 when not from a file) */
	int16_t age_min; /* CATALOGUE_NO_AGE when absent */
	int16_t age_max;
	uint16_t themes;
	uint16_t conditions; /* 0 = for everyone */
	uint8_t kind;        /* enum offer_kind */
	uint8_t offer_status;
	uint8_t form;
	uint8_t contact;
	uint8_t access;
	uint8_t cost;
	uint8_t support;
	uint8_t phase;
	uint8_t wheelchair; /* enum tristate */
	uint8_t moderator;
	uint8_t care_professional;
	bool has_location;
} offer;

/* The id and content fingerprint of an offer: enough to compute a diff. */
typedef struct offer_digest {
	const char *id;
	uint64_t content_hash;
} offer_digest;

typedef struct catalogue catalogue;

/* Creates an empty catalogue; NULL when out of memory. Free with
 * catalogue_destroy(). */
catalogue *catalogue_create(void);
/* Frees the catalogue, its offers and every string it holds. NULL is allowed. */
void catalogue_destroy(catalogue *items);

size_t catalogue_count(const catalogue *items);
/* The offer at `index` (< catalogue_count()); borrowed. */
const offer *catalogue_offer(const catalogue *items, size_t index);
/* Looks an offer up by id (exact byte match). Requires catalogue_sort(),
 * which importing and loading do; NULL when absent. */
const offer *catalogue_find(const catalogue *items, const char *id);
/* Index of the offer with `id`, or SIZE_MAX. Same requirement. */
size_t catalogue_index_of(const catalogue *items, const char *id);

/* Appends a new offer with every string "", every optional value absent, and
 * returns it for filling in; NULL when out of memory. The pointer is valid
 * until the next append. */
offer *catalogue_append(catalogue *items);
/* Removes the last offer (used when a row turns out to be invalid halfway). */
void catalogue_remove_last(catalogue *items);
/* Copies `length` bytes into the catalogue's string memory and returns the
 * NUL-terminated copy; NULL when out of memory. */
const char *catalogue_intern(catalogue *items, const char *text, size_t length);
/* Copies `count` dates into the catalogue's memory; NULL when out of memory. */
const int32_t *catalogue_intern_dates(catalogue *items, const int32_t *dates, size_t count);
/* Stores the translations of `item` in the memory of `items` (the catalogue
 * that holds it), replacing any it had: texts[i] of lengths[i] bytes is the
 * text of translation column FIELD_FIRST_TRANSLATION + i; a NULL or empty
 * text is no translation. Texts must not contain a NUL byte (STATUS_INVALID,
 * nothing changed); STATUS_NO_MEMORY when out of memory. */
KIOSK_NODISCARD status catalogue_set_translations(
    catalogue *items, offer *item, const char *const texts[CATALOGUE_TRANSLATION_COUNT],
    const size_t lengths[CATALOGUE_TRANSLATION_COUNT]);
/* The text of translation column `translation_field` of `item` (borrowed
 * from its catalogue): "" when there is none or the field is not a
 * translation column. Never NULL. */
const char *catalogue_offer_translation(const offer *item, catalogue_field translation_field);
/* What a resident reading `language_code` sees of the Dutch free-text field
 * `source` (FIELD_NAME, FIELD_DESCRIPTION, FIELD_COST_TEXT, FIELD_AUDIENCE,
 * FIELD_SCHEDULE_TEXT): the translation when the offer has a non-empty one,
 * otherwise the Dutch text (also for "nl", NULL and languages without
 * columns). "" for other fields. Borrowed from the offer's catalogue; never
 * NULL. */
const char *catalogue_offer_text_in_language(const offer *item, catalogue_field source,
                                             const char *language_code);

/* Sorts offers by id (byte order) so lookups work and order is deterministic. */
void catalogue_sort(catalogue *items);

/* Writes the canonical spreadsheet text of one field of `item` into `out`
 * (cleared first): the words of catalogue_vocabulary_word() joined by ',',
 * dates as YYYY-MM-DD, times as HH:MM, coordinates with 6 decimals, tristate
 * as ja/nee/"". Importing that text gives back an equal offer. */
struct text_buffer;
KIOSK_NODISCARD status catalogue_offer_field_text(const offer *item, catalogue_field field,
                                                  struct text_buffer *out);
/* A 64-bit fingerprint of every field's canonical text: equal offers give
 * equal hashes; any change changes it (FNV-1a). Empty translation columns
 * add nothing, so an offer without translations keeps the fingerprint it had
 * before the columns existed (stored hashes stay valid). */
uint64_t catalogue_offer_hash(const offer *item);
/* The same fingerprint from texts already made with
 * catalogue_offer_field_text() for every field (texts[FIELD_*]), so a caller
 * that needs both does the formatting once. `texts` has FIELD_COUNT entries. */
uint64_t catalogue_hash_field_texts(const struct text_buffer *texts);

/* Date helpers for the catalogue's day numbers. */
int32_t catalogue_days_from_civil(int year, int month, int day);
void catalogue_civil_from_days(int32_t days, int *year, int *month, int *day);
/* 0 = Monday ... 6 = Sunday. */
int catalogue_weekday(int32_t days);

#endif
