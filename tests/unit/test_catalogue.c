/* test_catalogue.c — the offer model: names and vocabularies, string memory,
 * 100,000 offers sorted and found, canonical field text, hash and dates. */
#include "test_support.h"

#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "text.h"

static const char *const expected_field_names[] = {
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

static void field_names_follow_the_spreadsheet(void **state)
{
	(void)state;
	assert_int_equal(sizeof(expected_field_names) / sizeof(expected_field_names[0]),
	                 FIELD_COUNT);
	for (unsigned field = 0; field < FIELD_COUNT; field++)
		assert_string_equal(catalogue_field_name((catalogue_field)field),
		                    expected_field_names[field]);
	assert_null(catalogue_field_name(FIELD_COUNT));
}

static void assert_vocabulary(catalogue_field field, const char *const *words, unsigned size)
{
	assert_int_equal(catalogue_vocabulary_size(field), size);
	for (unsigned i = 0; i < size; i++)
		assert_string_equal(catalogue_vocabulary_word(field, i), words[i]);
	assert_null(catalogue_vocabulary_word(field, size));
}

static void vocabularies_follow_the_spreadsheet(void **state)
{
	(void)state;
	const char *kinds[] = {"",       "groep",  "wandelgroep", "maatje",
	                       "cursus", "online", "telefoon"};
	assert_vocabulary(FIELD_KIND, kinds, 7);
	assert_string_equal(catalogue_vocabulary_word(FIELD_KIND, KIND_WALKING_GROUP),
	                    "wandelgroep");
	const char *statuses[] = {"actief", "tijdelijk_gestopt", "gestopt"};
	assert_vocabulary(FIELD_STATUS, statuses, 3);
	const char *themes[] = {"bewegen", "voeding", "slaap",    "ontspanning",
	                        "roken",   "alcohol", "ontmoeten"};
	assert_vocabulary(FIELD_THEMES, themes, 7);
	const char *conditions[] = {"diabetes",    "hart_en_vaten", "longziekte", "kanker",
	                            "overgewicht", "pijn_reuma",    "somberheid", "hoofdpijn",
	                            "ms",          "anders"};
	assert_vocabulary(FIELD_CONDITIONS, conditions, 10);
	const char *forms[] = {"1op1", "groep", "groep_met_zorgverlener"};
	assert_vocabulary(FIELD_FORM, forms, 3);
	const char *contacts[] = {"fysiek", "online", "telefoon", "thuis"};
	assert_vocabulary(FIELD_CONTACT, contacts, 4);
	const char *access[] = {"inloop", "aanmelden", "verwijzing", "programma"};
	assert_vocabulary(FIELD_ACCESS, access, 4);
	const char *costs[] = {"gratis", "bijdrage", "vergoed", "betaald"};
	assert_vocabulary(FIELD_COST, costs, 4);
	const char *support[] = {"emotioneel", "informatief", "praktisch", "waarderend"};
	assert_vocabulary(FIELD_SUPPORT, support, 4);
	const char *phases[] = {"orienteren", "beginnen", "volhouden"};
	assert_vocabulary(FIELD_PHASE, phases, 3);
	const char *frequencies[] = {"", "wekelijks", "tweewekelijks", "maandelijks"};
	assert_vocabulary(FIELD_FREQUENCY, frequencies, 4);
	const char *tristate[] = {"", "ja", "nee"};
	assert_vocabulary(FIELD_WHEELCHAIR, tristate, 3);
	assert_vocabulary(FIELD_MODERATOR, tristate, 3);
	assert_vocabulary(FIELD_CARE_PROFESSIONAL, tristate, 3);
	const char *weekdays[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
	assert_vocabulary(FIELD_DAYS, weekdays, 7);
	assert_int_equal(catalogue_vocabulary_size(FIELD_NAME), 0);
	assert_null(catalogue_vocabulary_word(FIELD_NAME, 0));
	assert_int_equal(catalogue_vocabulary_size(FIELD_CHECKED), 0);
}

static void appended_offer_is_empty(void **state)
{
	(void)state;
	catalogue *offers = catalogue_create();
	assert_non_null(offers);
	assert_int_equal(catalogue_count(offers), 0);
	offer *item = catalogue_append(offers);
	assert_non_null(item);
	assert_int_equal(catalogue_count(offers), 1);
	const char *strings[] = {
	    item->id,       item->name,           item->description, item->cost_text,
	    item->audience, item->languages,      item->address,     item->postcode,
	    item->city,     item->schedule_text,  item->signup_url,  item->phone,
	    item->email,    item->contact_person, item->translations};
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		assert_non_null(strings[i]);
		assert_string_equal(strings[i], "");
	}
	assert_int_equal(item->age_min, CATALOGUE_NO_AGE);
	assert_int_equal(item->age_max, CATALOGUE_NO_AGE);
	assert_int_equal(item->checked, CATALOGUE_NO_DATE);
	assert_int_equal(item->schedule.valid_from, CATALOGUE_NO_DATE);
	assert_int_equal(item->schedule.valid_to, CATALOGUE_NO_DATE);
	assert_int_equal(item->schedule.start_minute, CATALOGUE_NO_TIME);
	assert_int_equal(item->schedule.end_minute, CATALOGUE_NO_TIME);
	assert_int_equal(item->schedule.frequency, FREQUENCY_NONE);
	assert_int_equal(item->schedule.exception_count, 0);
	assert_false(item->has_location);
	assert_int_equal(item->offer_status, OFFER_ACTIVE);
	assert_int_equal(item->wheelchair, TRISTATE_UNKNOWN);
	assert_ptr_equal(catalogue_offer(offers, 0), item);
	catalogue_remove_last(offers);
	assert_int_equal(catalogue_count(offers), 0);
	catalogue_remove_last(offers); /* harmless on an empty catalogue */
	assert_int_equal(catalogue_count(offers), 0);
	catalogue_destroy(offers);
	catalogue_destroy(NULL);
}

static void interning_copies_and_shares_empty(void **state)
{
	(void)state;
	catalogue *offers = catalogue_create();
	assert_non_null(offers);
	char source[] = "Wandelen met buren";
	const char *copy = catalogue_intern(offers, source, 8);
	assert_non_null(copy);
	source[0] = 'X';
	assert_string_equal(copy, "Wandelen");
	/* "" is one shared string, not a copy per field. */
	const char *empty_one = catalogue_intern(offers, "", 0);
	const char *empty_two = catalogue_intern(offers, "abc", 0);
	assert_string_equal(empty_one, "");
	assert_ptr_equal(empty_one, empty_two);
	offer *item = catalogue_append(offers);
	assert_non_null(item);
	assert_ptr_equal(item->name, empty_one);

	/* Interned strings keep their address while much more is added,
	 * including strings bigger than one arena block. */
	size_t big_length = 300 * 1024;
	char *big = test_malloc(big_length);
	memset(big, 'b', big_length);
	const char *big_copy = catalogue_intern(offers, big, big_length);
	assert_non_null(big_copy);
	const char *after_big = catalogue_intern(offers, "na", 2);
	for (int i = 0; i < 20000; i++) {
		char text[32];
		int length = snprintf(text, sizeof(text), "string-%d", i);
		assert_non_null(catalogue_intern(offers, text, (size_t)length));
	}
	assert_memory_equal(big_copy, big, big_length);
	assert_int_equal(big_copy[big_length], '\0');
	assert_string_equal(after_big, "na");
	assert_string_equal(copy, "Wandelen");
	test_free(big);

	int32_t dates[] = {20000, 20007, 20014};
	const int32_t *dates_copy = catalogue_intern_dates(offers, dates, 3);
	assert_non_null(dates_copy);
	dates[0] = 0;
	assert_int_equal(dates_copy[0], 20000);
	assert_int_equal(dates_copy[2], 20014);
	assert_non_null(catalogue_intern_dates(offers, dates, 0));
	catalogue_destroy(offers);
}

enum { MANY_OFFERS = 100000 };

/* Ids in a scrambled order: 7919 is coprime with 100,000, so i*7919 mod
 * 100,000 visits every number once. */
static unsigned scrambled_number(unsigned i)
{
	return (unsigned)(((unsigned long)i * 7919u) % MANY_OFFERS);
}

static void hundred_thousand_offers_sort_and_find(void **state)
{
	(void)state;
	catalogue *offers = catalogue_create();
	assert_non_null(offers);
	for (unsigned i = 0; i < MANY_OFFERS; i++) {
		offer *item = catalogue_append(offers);
		assert_non_null(item);
		char id[32];
		char name[48];
		unsigned number = scrambled_number(i);
		int id_length = snprintf(id, sizeof(id), "offer-%06u", number);
		int name_length = snprintf(name, sizeof(name), "Groep nummer %u", number);
		item->id = catalogue_intern(offers, id, (size_t)id_length);
		item->name = catalogue_intern(offers, name, (size_t)name_length);
		assert_non_null(item->id);
		assert_non_null(item->name);
		item->row = i + 2;
	}
	assert_int_equal(catalogue_count(offers), MANY_OFFERS);
	catalogue_sort(offers);
	for (size_t i = 1; i < MANY_OFFERS; i++)
		assert_true(
		    strcmp(catalogue_offer(offers, i - 1)->id, catalogue_offer(offers, i)->id) < 0);
	for (unsigned number = 0; number < MANY_OFFERS; number += 37) {
		char id[32];
		char name[48];
		(void)snprintf(id, sizeof(id), "offer-%06u", number);
		(void)snprintf(name, sizeof(name), "Groep nummer %u", number);
		const offer *found = catalogue_find(offers, id);
		assert_non_null(found);
		assert_string_equal(found->id, id);
		assert_string_equal(found->name, name); /* strings survived the array growth */
		size_t index = catalogue_index_of(offers, id);
		assert_int_equal(index, number); /* zero-padded ids sort numerically */
		assert_ptr_equal(catalogue_offer(offers, index), found);
	}
	assert_null(catalogue_find(offers, "offer-100000"));
	assert_null(catalogue_find(offers, "offer-"));
	assert_null(catalogue_find(offers, ""));
	assert_int_equal(catalogue_index_of(offers, "zzz"), SIZE_MAX);
	assert_null(catalogue_offer(offers, MANY_OFFERS));
	catalogue_destroy(offers);
}

static void find_in_small_and_empty_catalogues(void **state)
{
	(void)state;
	catalogue *offers = catalogue_create();
	assert_non_null(offers);
	assert_null(catalogue_find(offers, "a"));
	catalogue_sort(offers);
	const char *ids[] = {"b", "a", "B", "aa"};
	for (size_t i = 0; i < 4; i++) {
		offer *item = catalogue_append(offers);
		assert_non_null(item);
		item->id = catalogue_intern(offers, ids[i], strlen(ids[i]));
	}
	catalogue_sort(offers);
	/* Byte order: upper case sorts before lower case. */
	assert_string_equal(catalogue_offer(offers, 0)->id, "B");
	assert_string_equal(catalogue_offer(offers, 1)->id, "a");
	assert_string_equal(catalogue_offer(offers, 2)->id, "aa");
	assert_string_equal(catalogue_offer(offers, 3)->id, "b");
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(catalogue_find(offers, ids[i])->id, ids[i]);
	assert_null(catalogue_find(offers, "A"));
	catalogue_destroy(offers);
}

/* Replaces one translation of `item`, keeping the others. */
static void set_translation(catalogue *offers, offer *item, catalogue_field field, const char *text)
{
	const char *texts[CATALOGUE_TRANSLATION_COUNT];
	size_t lengths[CATALOGUE_TRANSLATION_COUNT];
	for (int slot = 0; slot < CATALOGUE_TRANSLATION_COUNT; slot++) {
		catalogue_field column = (catalogue_field)(FIELD_FIRST_TRANSLATION + slot);
		texts[slot] = column == field ? text : catalogue_offer_translation(item, column);
		lengths[slot] = strlen(texts[slot]);
	}
	assert_int_equal(catalogue_set_translations(offers, item, texts, lengths), STATUS_OK);
}

/* Fills every field with a distinctive value. */
static void fill_offer(catalogue *offers, offer *item)
{
#define SET(member, text) item->member = catalogue_intern(offers, text, strlen(text))
	SET(id, "wandel-01");
	SET(name, "Wandelen met buren");
	SET(description, "Samen een uur wandelen; daarna koffie.");
	SET(cost_text, "€ 2 per keer");
	SET(audience, "mannen 50+");
	SET(languages, "nl,tr");
	SET(address, "Kanaalweg 1");
	SET(postcode, "3526 KL");
	SET(city, "Utrecht");
	SET(schedule_text, "dinsdagochtend");
	SET(signup_url, "https://example.nl/aanmelden");
	SET(phone, "030 123 4567");
	SET(email, "info@example.nl");
	SET(contact_person, "Fatma");
#undef SET
	item->kind = KIND_WALKING_GROUP;
	item->offer_status = OFFER_PAUSED;
	item->themes = THEME_MOVING | THEME_MEETING;
	item->conditions = CONDITION_DIABETES | CONDITION_MS;
	item->form = FORM_GROUP | FORM_GROUP_WITH_PROFESSIONAL;
	item->contact = CONTACT_IN_PERSON;
	item->access = ACCESS_DROP_IN | ACCESS_PROGRAMME;
	item->cost = COST_FREE;
	item->support = SUPPORT_EMOTIONAL | SUPPORT_APPRECIATIVE;
	item->phase = PHASE_STARTING | PHASE_KEEPING_UP;
	item->age_min = 50;
	item->age_max = 99;
	item->has_location = true;
	item->latitude = 52.0894;
	item->longitude = 5.11;
	item->wheelchair = TRISTATE_YES;
	item->moderator = TRISTATE_NO;
	item->care_professional = TRISTATE_YES;
	item->schedule.frequency = FREQUENCY_WEEKLY;
	item->schedule.weekdays = (1u << 0) | (1u << 3);
	item->schedule.start_minute = 9 * 60 + 5;
	item->schedule.end_minute = 23 * 60 + 59;
	item->schedule.valid_from = catalogue_days_from_civil(2026, 1, 5);
	item->schedule.valid_to = catalogue_days_from_civil(2026, 12, 31);
	int32_t exceptions[] = {catalogue_days_from_civil(2026, 4, 27),
	                        catalogue_days_from_civil(2026, 12, 24)};
	item->schedule.exceptions = catalogue_intern_dates(offers, exceptions, 2);
	item->schedule.exception_count = 2;
	item->checked = catalogue_days_from_civil(2025, 10, 1);
	set_translation(offers, item, FIELD_NAME_EN, "Walking with neighbours");
	set_translation(offers, item, FIELD_DESCRIPTION_TR, "Birlikte bir saat yürüyüş.");
	set_translation(offers, item, FIELD_SCHEDULE_TEXT_AR, "صباح الثلاثاء");
}

static const char *const filled_texts[FIELD_COUNT] = {
    "wandel-01",
    "Wandelen met buren",
    "Samen een uur wandelen; daarna koffie.",
    "wandelgroep",
    "tijdelijk_gestopt",
    "bewegen,ontmoeten",
    "diabetes,ms",
    "groep,groep_met_zorgverlener",
    "fysiek",
    "inloop,programma",
    "gratis",
    "€ 2 per keer",
    "emotioneel,waarderend",
    "beginnen,volhouden",
    "mannen 50+",
    "50",
    "99",
    "nl,tr",
    "Kanaalweg 1",
    "3526 KL",
    "Utrecht",
    "52.089400",
    "5.110000",
    "ja",
    "ma,do",
    "wekelijks",
    "09:05",
    "23:59",
    "2026-01-05",
    "2026-12-31",
    "2026-04-27,2026-12-24",
    "dinsdagochtend",
    "https://example.nl/aanmelden",
    "030 123 4567",
    "info@example.nl",
    "Fatma",
    "nee",
    "ja",
    "2025-10-01",
    "Walking with neighbours",
    "",
    "",
    "",
    "Birlikte bir saat yürüyüş.",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "صباح الثلاثاء",
};

static void assert_field_text(const offer *item, catalogue_field field, const char *expected)
{
	text_buffer text = {0};
	assert_int_equal(catalogue_offer_field_text(item, field, &text), STATUS_OK);
	if (strcmp(text_buffer_string(&text), expected) != 0)
		fail_msg("field %s: got \"%s\", expected \"%s\"", catalogue_field_name(field),
		         text_buffer_string(&text), expected);
	text_buffer_free(&text);
}

static void field_text_of_every_field(void **state)
{
	(void)state;
	catalogue *offers = catalogue_create();
	assert_non_null(offers);
	offer *empty = catalogue_append(offers);
	assert_non_null(empty);
	for (unsigned field = 0; field < FIELD_COUNT; field++)
		assert_field_text(empty, (catalogue_field)field,
		                  field == FIELD_STATUS ? "actief" : "");

	offer *item = catalogue_append(offers);
	assert_non_null(item);
	fill_offer(offers, item);
	for (unsigned field = 0; field < FIELD_COUNT; field++)
		assert_field_text(item, (catalogue_field)field, filled_texts[field]);

	/* The buffer is cleared first, not appended to. */
	text_buffer text = {0};
	assert_int_equal(text_buffer_append_string(&text, "old"), STATUS_OK);
	assert_int_equal(catalogue_offer_field_text(item, FIELD_CITY, &text), STATUS_OK);
	assert_string_equal(text_buffer_string(&text), "Utrecht");
	assert_int_not_equal(catalogue_offer_field_text(item, FIELD_COUNT, &text), STATUS_OK);
	text_buffer_free(&text);

	/* Other shapes of a few fields. */
	item->offer_status = OFFER_ACTIVE;
	assert_field_text(item, FIELD_STATUS, "actief");
	item->offer_status = OFFER_STOPPED;
	assert_field_text(item, FIELD_STATUS, "gestopt");
	item->has_location = false;
	assert_field_text(item, FIELD_LATITUDE, "");
	assert_field_text(item, FIELD_LONGITUDE, "");
	item->has_location = true;
	item->latitude = -0.5;
	item->longitude = 179.1234567;
	assert_field_text(item, FIELD_LATITUDE, "-0.500000");
	assert_field_text(item, FIELD_LONGITUDE, "179.123457");
	item->age_min = 0;
	assert_field_text(item, FIELD_AGE_MIN, "0");
	item->schedule.start_minute = 0;
	assert_field_text(item, FIELD_TIME_FROM, "00:00");
	item->schedule.weekdays = 1u << 6;
	assert_field_text(item, FIELD_DAYS, "zo");
	item->schedule.frequency = FREQUENCY_MONTHLY;
	item->schedule.weekdays = 0;
	item->schedule.ordinal_count = 2;
	item->schedule.ordinals[0].ordinal = 1;
	item->schedule.ordinals[0].weekday = 1;
	item->schedule.ordinals[1].ordinal = -1;
	item->schedule.ordinals[1].weekday = 4;
	assert_field_text(item, FIELD_DAYS, "1di,-1vr");
	assert_field_text(item, FIELD_FREQUENCY, "maandelijks");
	item->schedule.frequency = FREQUENCY_FORTNIGHTLY;
	assert_field_text(item, FIELD_FREQUENCY, "tweewekelijks");
	item->schedule.exception_count = 1;
	assert_field_text(item, FIELD_EXCEPTIONS, "2026-04-27");
	item->checked = catalogue_days_from_civil(1999, 12, 31);
	assert_field_text(item, FIELD_CHECKED, "1999-12-31");
	catalogue_destroy(offers);
}

static void hash_follows_content(void **state)
{
	(void)state;
	/* Two catalogues, so equal offers have different string pointers. */
	catalogue *first = catalogue_create();
	catalogue *second = catalogue_create();
	assert_non_null(first);
	assert_non_null(second);
	offer *base = catalogue_append(first);
	assert_non_null(base);
	fill_offer(first, base);
	offer *same = catalogue_append(second);
	assert_non_null(same);
	fill_offer(second, same);
	assert_ptr_not_equal(base->name, same->name);
	uint64_t base_hash = catalogue_offer_hash(base);
	assert_true(catalogue_offer_hash(same) == base_hash);

	/* Hashing texts made for every field gives the same fingerprint. */
	text_buffer texts[FIELD_COUNT];
	memset(texts, 0, sizeof texts);
	for (unsigned field = 0; field < FIELD_COUNT; field++)
		assert_int_equal(
		    catalogue_offer_field_text(base, (catalogue_field)field, &texts[field]),
		    STATUS_OK);
	assert_true(catalogue_hash_field_texts(texts) == base_hash);
	assert_int_equal(text_buffer_append_string(&texts[FIELD_NAME], "!"), STATUS_OK);
	assert_true(catalogue_hash_field_texts(texts) != base_hash);
	for (unsigned field = 0; field < FIELD_COUNT; field++)
		text_buffer_free(&texts[field]);

	/* Changing any single field changes the hash. */
	uint64_t seen[FIELD_COUNT];
	for (unsigned field = 0; field < FIELD_COUNT; field++) {
		offer changed = *base;
		int32_t other_dates[] = {catalogue_days_from_civil(2026, 4, 27),
		                         catalogue_days_from_civil(2026, 12, 25)};
		switch ((catalogue_field)field) {
		case FIELD_ID: changed.id = "wandel-02"; break;
		case FIELD_NAME: changed.name = "Wandelen met buren!"; break;
		case FIELD_DESCRIPTION: changed.description = ""; break;
		case FIELD_KIND: changed.kind = KIND_GROUP; break;
		case FIELD_STATUS: changed.offer_status = OFFER_ACTIVE; break;
		case FIELD_THEMES: changed.themes |= THEME_SLEEP; break;
		case FIELD_CONDITIONS: changed.conditions = 0; break;
		case FIELD_FORM: changed.form = FORM_ONE_TO_ONE; break;
		case FIELD_CONTACT: changed.contact |= CONTACT_PHONE; break;
		case FIELD_ACCESS: changed.access = ACCESS_REFERRAL; break;
		case FIELD_COST: changed.cost = COST_PAID; break;
		case FIELD_COST_TEXT: changed.cost_text = "€ 3 per keer"; break;
		case FIELD_SUPPORT: changed.support = SUPPORT_PRACTICAL; break;
		case FIELD_PHASE: changed.phase = PHASE_ORIENTING; break;
		case FIELD_AUDIENCE: changed.audience = "vrouwen 50+"; break;
		case FIELD_AGE_MIN: changed.age_min = CATALOGUE_NO_AGE; break;
		case FIELD_AGE_MAX: changed.age_max = 98; break;
		case FIELD_LANGUAGES: changed.languages = "nl"; break;
		case FIELD_ADDRESS: changed.address = "Kanaalweg 2"; break;
		case FIELD_POSTCODE: changed.postcode = "3526 KM"; break;
		case FIELD_CITY: changed.city = "Amsterdam"; break;
		case FIELD_LATITUDE: changed.latitude += 0.000001; break;
		case FIELD_LONGITUDE: changed.longitude -= 0.000001; break;
		case FIELD_WHEELCHAIR: changed.wheelchair = TRISTATE_UNKNOWN; break;
		case FIELD_DAYS: changed.schedule.weekdays = 1u << 0; break;
		case FIELD_FREQUENCY: changed.schedule.frequency = FREQUENCY_FORTNIGHTLY; break;
		case FIELD_TIME_FROM: changed.schedule.start_minute = 9 * 60 + 6; break;
		case FIELD_TIME_TO: changed.schedule.end_minute = CATALOGUE_NO_TIME; break;
		case FIELD_VALID_FROM: changed.schedule.valid_from--; break;
		case FIELD_VALID_TO: changed.schedule.valid_to = CATALOGUE_NO_DATE; break;
		case FIELD_EXCEPTIONS: changed.schedule.exceptions = other_dates; break;
		case FIELD_SCHEDULE_TEXT: changed.schedule_text = "dinsdagmiddag"; break;
		case FIELD_SIGNUP_URL: changed.signup_url = "https://example.nl/"; break;
		case FIELD_PHONE: changed.phone = "030 123 4568"; break;
		case FIELD_EMAIL: changed.email = "post@example.nl"; break;
		case FIELD_CONTACT_PERSON: changed.contact_person = "Anna"; break;
		case FIELD_MODERATOR: changed.moderator = TRISTATE_YES; break;
		case FIELD_CARE_PROFESSIONAL: changed.care_professional = TRISTATE_NO; break;
		case FIELD_CHECKED: changed.checked++; break;
		case FIELD_COUNT: break;
		default:
			/* A translation: added where there was none, or changed. */
			set_translation(first, &changed, (catalogue_field)field,
			                catalogue_field_name((catalogue_field)field));
			break;
		}
		seen[field] = catalogue_offer_hash(&changed);
		if (seen[field] == base_hash)
			fail_msg("changing %s did not change the hash",
			         catalogue_field_name(field));
		for (unsigned earlier = 0; earlier < field; earlier++)
			assert_true(seen[earlier] != seen[field]);
	}

	/* The same text as a translation in another column is a change too. */
	offer other_column = *base;
	set_translation(first, &other_column, FIELD_NAME_EN, "");
	set_translation(first, &other_column, FIELD_NAME_TR, "Walking with neighbours");
	assert_true(catalogue_offer_hash(&other_column) != base_hash);

	/* Moving text from one field into the next is a change too. */
	offer shifted = *base;
	shifted.name = "Wandelen met";
	shifted.description = " burenSamen een uur wandelen; daarna koffie.";
	assert_true(catalogue_offer_hash(&shifted) != base_hash);
	/* The row number is where it came from, not content. */
	offer moved = *base;
	moved.row = 77;
	assert_true(catalogue_offer_hash(&moved) == base_hash);
	catalogue_destroy(first);
	catalogue_destroy(second);
}

/* An independent month-length rule to walk the calendar day by day. */
static int month_length(int year, int month)
{
	static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : lengths[month - 1];
}

static void civil_days_round_trip(void **state)
{
	(void)state;
	assert_int_equal(catalogue_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(catalogue_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(catalogue_days_from_civil(2000, 3, 1), 11017);
	/* 2026-01-01 is 56 years after 1970 with 14 leap days in between. */
	assert_int_equal(catalogue_days_from_civil(2026, 1, 1), 56 * 365 + 14);

	/* Walk every day from 1600-01-01 to 2400-12-31 with the independent
	 * rule above: the day number must go up by exactly one each day and
	 * convert back to the same date. */
	int32_t expected = catalogue_days_from_civil(1600, 1, 1);
	for (int year = 1600; year <= 2400; year++) {
		for (int month = 1; month <= 12; month++) {
			for (int day = 1; day <= month_length(year, month); day++) {
				int32_t days = catalogue_days_from_civil(year, month, day);
				if (days != expected)
					fail_msg("%04d-%02d-%02d gave %d, expected %d", year, month,
					         day, days, expected);
				int back_year, back_month, back_day;
				catalogue_civil_from_days(days, &back_year, &back_month, &back_day);
				if (back_year != year || back_month != month || back_day != day)
					fail_msg("%d came back as %04d-%02d-%02d", days, back_year,
					         back_month, back_day);
				expected++;
			}
		}
	}
	/* Far from today in both directions. */
	for (int32_t days = -3000000; days <= 3000000; days += 997) {
		int year, month, day;
		catalogue_civil_from_days(days, &year, &month, &day);
		assert_in_range(month, 1, 12);
		assert_in_range(day, 1, month_length(year, month));
		assert_int_equal(catalogue_days_from_civil(year, month, day), days);
	}
}

static void leap_years(void **state)
{
	(void)state;
	struct {
		int year;
		bool leap;
	} cases[] = {{1900, false}, {2000, true}, {2024, true},  {2025, false},
	             {2026, false}, {2028, true}, {2100, false}, {2400, true}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int year = cases[i].year;
		int32_t length = catalogue_days_from_civil(year + 1, 1, 1) -
		                 catalogue_days_from_civil(year, 1, 1);
		assert_int_equal(length, cases[i].leap ? 366 : 365);
		int32_t february =
		    catalogue_days_from_civil(year, 3, 1) - catalogue_days_from_civil(year, 2, 1);
		assert_int_equal(february, cases[i].leap ? 29 : 28);
	}
	int year, month, day;
	catalogue_civil_from_days(catalogue_days_from_civil(2028, 2, 28) + 1, &year, &month, &day);
	assert_int_equal(month, 2);
	assert_int_equal(day, 29);
	catalogue_civil_from_days(catalogue_days_from_civil(2027, 2, 28) + 1, &year, &month, &day);
	assert_int_equal(month, 3);
	assert_int_equal(day, 1);
}

static void weekdays_of_known_dates(void **state)
{
	(void)state;
	assert_int_equal(catalogue_weekday(catalogue_days_from_civil(1970, 1, 1)),
	                 3); /* Thursday */
	assert_int_equal(catalogue_weekday(catalogue_days_from_civil(2026, 11, 24)),
	                 1);                                                           /* Tuesday */
	assert_int_equal(catalogue_weekday(catalogue_days_from_civil(2026, 1, 5)), 0); /* Monday */
	assert_int_equal(catalogue_weekday(catalogue_days_from_civil(2026, 3, 29)), 6); /* Sunday */
	assert_int_equal(catalogue_weekday(catalogue_days_from_civil(2000, 1, 1)),
	                 5); /* Saturday */
	assert_int_equal(catalogue_weekday(catalogue_days_from_civil(1969, 12, 28)),
	                 6);                                                           /* Sunday */
	assert_int_equal(catalogue_weekday(catalogue_days_from_civil(1900, 1, 1)), 0); /* Monday */
	/* Consecutive days cycle through the week, also before 1970. */
	for (int32_t days = -1000; days < 1000; days++)
		assert_int_equal(catalogue_weekday(days + 1), (catalogue_weekday(days) + 1) % 7);
}

/* A new catalogue holding one offer made by fill_offer(). */
static catalogue *catalogue_with_filled_offer(offer **item)
{
	catalogue *offers = catalogue_create();
	assert_non_null(offers);
	*item = catalogue_append(offers);
	assert_non_null(*item);
	fill_offer(offers, *item);
	return offers;
}

/* FNV-1a over the Dutch fields' texts joined by 0x1F: the fingerprint as it
 * was made before the translation columns existed, computed here apart. */
static uint64_t hash_without_translation_columns(const offer *item)
{
	uint64_t hash = 14695981039346656037u;
	text_buffer text = {0};
	for (unsigned field = 0; field < FIELD_FIRST_TRANSLATION; field++) {
		assert_int_equal(catalogue_offer_field_text(item, (catalogue_field)field, &text),
		                 STATUS_OK);
		if (field > 0) {
			hash ^= 0x1Fu;
			hash *= 1099511628211u;
		}
		for (size_t i = 0; i < text.length; i++) {
			hash ^= (unsigned char)text_buffer_string(&text)[i];
			hash *= 1099511628211u;
		}
	}
	text_buffer_free(&text);
	return hash;
}

static void hash_without_translations_is_unchanged(void **state)
{
	(void)state;
	offer *item = NULL;
	catalogue *offers = catalogue_with_filled_offer(&item);
	uint64_t with_translations = catalogue_offer_hash(item);
	assert_true(with_translations != hash_without_translation_columns(item));
	const char *none[CATALOGUE_TRANSLATION_COUNT] = {0};
	size_t lengths[CATALOGUE_TRANSLATION_COUNT] = {0};
	assert_int_equal(catalogue_set_translations(offers, item, none, lengths), STATUS_OK);
	/* A database stored before the columns keeps valid hashes. */
	assert_true(catalogue_offer_hash(item) == hash_without_translation_columns(item));
	assert_true(catalogue_offer_hash(item) != with_translations);
	catalogue_destroy(offers);
}

static void translation_columns_and_languages(void **state)
{
	(void)state;
	assert_string_equal(catalogue_translation_language(0), "en");
	assert_string_equal(catalogue_translation_language(1), "tr");
	assert_string_equal(catalogue_translation_language(2), "ar");
	assert_null(catalogue_translation_language(CATALOGUE_TRANSLATION_LANGUAGES));
	/* Every translation column is named after its Dutch column and language,
	 * and maps back to it. */
	const catalogue_field sources[] = {FIELD_NAME, FIELD_DESCRIPTION, FIELD_COST_TEXT,
	                                   FIELD_AUDIENCE, FIELD_SCHEDULE_TEXT};
	int seen = 0;
	for (size_t source = 0; source < sizeof sources / sizeof sources[0]; source++) {
		for (unsigned language = 0; language < CATALOGUE_TRANSLATION_LANGUAGES;
		     language++) {
			const char *code = catalogue_translation_language(language);
			catalogue_field column = catalogue_translation_field(sources[source], code);
			assert_true(column >= FIELD_FIRST_TRANSLATION && column < FIELD_COUNT);
			char expected[64];
			assert_true(text_format(expected, sizeof expected, "%s_%s",
			                        catalogue_field_name(sources[source]), code));
			assert_string_equal(catalogue_field_name(column), expected);
			assert_int_equal(catalogue_translation_source(column), sources[source]);
			seen++;
		}
	}
	assert_int_equal(seen, CATALOGUE_TRANSLATION_COUNT);
	assert_int_equal(catalogue_translation_field(FIELD_NAME, "nl"), FIELD_COUNT);
	assert_int_equal(catalogue_translation_field(FIELD_NAME, "de"), FIELD_COUNT);
	assert_int_equal(catalogue_translation_field(FIELD_NAME, "EN"), FIELD_COUNT);
	assert_int_equal(catalogue_translation_field(FIELD_NAME, NULL), FIELD_COUNT);
	assert_int_equal(catalogue_translation_field(FIELD_CITY, "en"), FIELD_COUNT);
	assert_int_equal(catalogue_translation_field(FIELD_NAME_EN, "tr"), FIELD_COUNT);
	assert_int_equal(catalogue_translation_source(FIELD_CITY), FIELD_CITY);
	assert_int_equal(catalogue_translation_source(FIELD_NAME), FIELD_NAME);
}

static void text_in_language_falls_back_to_dutch(void **state)
{
	(void)state;
	offer *item = NULL;
	catalogue *offers = catalogue_with_filled_offer(&item);
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_NAME, "en"),
	                    "Walking with neighbours");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_NAME, "tr"),
	                    "Wandelen met buren");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_NAME, "nl"),
	                    "Wandelen met buren");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_NAME, NULL),
	                    "Wandelen met buren");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_NAME, "de"),
	                    "Wandelen met buren");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_DESCRIPTION, "tr"),
	                    "Birlikte bir saat yürüyüş.");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_DESCRIPTION, "en"),
	                    "Samen een uur wandelen; daarna koffie.");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_SCHEDULE_TEXT, "ar"),
	                    "صباح الثلاثاء");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_COST_TEXT, "ar"),
	                    "€ 2 per keer");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_AUDIENCE, "en"),
	                    "mannen 50+");
	/* Only the free texts have translations. */
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_CITY, "en"), "");
	assert_string_equal(catalogue_offer_translation(item, FIELD_CITY), "");
	/* An emptied translation is Dutch again; setting replaces, not adds. */
	set_translation(offers, item, FIELD_NAME_EN, "");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_NAME, "en"),
	                    "Wandelen met buren");
	assert_string_equal(catalogue_offer_translation(item, FIELD_DESCRIPTION_TR),
	                    "Birlikte bir saat yürüyüş.");
	set_translation(offers, item, FIELD_AUDIENCE_AR, "رجال فوق الخمسين");
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_AUDIENCE, "ar"),
	                    "رجال فوق الخمسين");
	assert_string_equal(catalogue_offer_translation(item, FIELD_SCHEDULE_TEXT_AR),
	                    "صباح الثلاثاء");
	/* A text with a NUL inside would break the packing: refused, nothing changed. */
	const char *texts[CATALOGUE_TRANSLATION_COUNT] = {0};
	size_t lengths[CATALOGUE_TRANSLATION_COUNT] = {0};
	texts[0] = "a\0b";
	lengths[0] = 3;
	const char *before = item->translations;
	assert_int_equal(catalogue_set_translations(offers, item, texts, lengths), STATUS_INVALID);
	assert_ptr_equal(item->translations, before);
	/* Texts are copied, not borrowed. */
	char scratch[] = "Komşular";
	texts[0] = NULL;
	texts[1] = scratch;
	lengths[1] = strlen(scratch);
	assert_int_equal(catalogue_set_translations(offers, item, texts, lengths), STATUS_OK);
	scratch[0] = 'X';
	assert_string_equal(catalogue_offer_text_in_language(item, FIELD_NAME, "tr"), "Komşular");
	assert_string_equal(catalogue_offer_translation(item, FIELD_DESCRIPTION_TR), "");
	catalogue_destroy(offers);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(field_names_follow_the_spreadsheet),
	    cmocka_unit_test(vocabularies_follow_the_spreadsheet),
	    cmocka_unit_test(appended_offer_is_empty),
	    cmocka_unit_test(interning_copies_and_shares_empty),
	    cmocka_unit_test(hundred_thousand_offers_sort_and_find),
	    cmocka_unit_test(find_in_small_and_empty_catalogues),
	    cmocka_unit_test(field_text_of_every_field),
	    cmocka_unit_test(hash_follows_content),
	    cmocka_unit_test(hash_without_translations_is_unchanged),
	    cmocka_unit_test(translation_columns_and_languages),
	    cmocka_unit_test(text_in_language_falls_back_to_dutch),
	    cmocka_unit_test(civil_days_round_trip),
	    cmocka_unit_test(leap_years),
	    cmocka_unit_test(weekdays_of_known_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
