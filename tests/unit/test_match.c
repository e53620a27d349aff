/* test_match.c — ranking, strict filters, relaxation and answer parsing of the
 * matching engine, on small catalogues built in the test. */
#include "test_support.h"

#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "import.h"
#include "match.h"
#include "text.h"
#include "upcoming.h"

/* The kiosk stands here; offers are placed north of it by metres. */
#define KIOSK_LATITUDE             52.1100
#define KIOSK_LONGITUDE            5.1100
#define METRES_PER_DEGREE_LATITUDE 111195.0

typedef struct offer_spec {
	const char *id;
	uint16_t themes;
	uint16_t conditions;
	uint8_t form, contact, access, cost, support, phase;
	int metres_away; /* < 0: no location */
	uint8_t status;
	int32_t valid_to;
} offer_spec;

static catalogue *build(const offer_spec *specs, size_t count)
{
	catalogue *items = catalogue_create();
	assert_non_null(items);
	for (size_t index = 0; index < count; index++) {
		offer *item = catalogue_append(items);
		assert_non_null(item);
		item->id = catalogue_intern(items, specs[index].id, strlen(specs[index].id));
		item->name = item->id;
		item->themes = specs[index].themes;
		item->conditions = specs[index].conditions;
		item->form = specs[index].form;
		item->contact = specs[index].contact;
		item->access = specs[index].access;
		item->cost = specs[index].cost;
		item->support = specs[index].support;
		item->phase = specs[index].phase;
		item->offer_status = specs[index].status;
		if (specs[index].valid_to != 0)
			item->schedule.valid_to = specs[index].valid_to;
		if (specs[index].metres_away >= 0) {
			item->has_location = true;
			item->latitude =
			    KIOSK_LATITUDE + specs[index].metres_away / METRES_PER_DEGREE_LATITUDE;
			item->longitude = KIOSK_LONGITUDE;
		}
	}
	catalogue_sort(items);
	return items;
}

static local_time monday_morning(void)
{
	local_time now;
	assert_true(schedule_parse_local("2026-11-23T09:00", &now));
	return now;
}

static match_answers parse(const char *text)
{
	match_answers answers;
	char error[200];
	assert_int_equal(match_parse_answers(text, &answers, error, sizeof error), STATUS_OK);
	return answers;
}

static size_t rank_of(const catalogue *items, const match_outcome *outcome, const char *id)
{
	for (size_t rank = 0; rank < outcome->count; rank++)
		if (strcmp(catalogue_offer(items, outcome->results[rank].offer_index)->id, id) == 0)
			return rank;
	return SIZE_MAX;
}

static const offer_spec walking_catalogue[] = {
    {"walk-free-near", THEME_MOVING, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_DROP_IN, COST_FREE,
     SUPPORT_PRACTICAL, PHASE_ORIENTING, 300, OFFER_ACTIVE, 0},
    {"walk-free-far", THEME_MOVING, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_DROP_IN, COST_FREE,
     SUPPORT_PRACTICAL, PHASE_ORIENTING, 4000, OFFER_ACTIVE, 0},
    {"walk-paid", THEME_MOVING, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_PROGRAMME, COST_PAID,
     SUPPORT_INFORMATIVE, PHASE_STARTING, 200, OFFER_ACTIVE, 0},
    {"food-online", THEME_FOOD, CONDITION_DIABETES, FORM_GROUP, CONTACT_ONLINE, ACCESS_APPOINTMENT,
     COST_FREE, SUPPORT_INFORMATIVE, PHASE_KEEPING_UP, -1, OFFER_ACTIVE, 0},
    {"walk-stopped", THEME_MOVING, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_DROP_IN, COST_FREE,
     SUPPORT_PRACTICAL, PHASE_ORIENTING, 100, OFFER_STOPPED, 0},
    {"walk-paused", THEME_MOVING, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_DROP_IN, COST_FREE,
     SUPPORT_PRACTICAL, PHASE_ORIENTING, 100, OFFER_PAUSED, 0},
    {"walk-expired", THEME_MOVING, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_DROP_IN, COST_FREE,
     SUPPORT_PRACTICAL, PHASE_ORIENTING, 100, OFFER_ACTIVE, 20000 /* 2024 */},
    {"smoking-paid", THEME_SMOKING, 0, FORM_ONE_TO_ONE, CONTACT_PHONE, ACCESS_APPOINTMENT,
     COST_PAID, SUPPORT_EMOTIONAL, PHASE_STARTING, -1, OFFER_ACTIVE, 0},
};
#define WALKING_COUNT (sizeof walking_catalogue / sizeof walking_catalogue[0])

static void test_unavailable_offers_never_appear(void **state)
{
	(void)state;
	catalogue *items = build(walking_catalogue, WALKING_COUNT);
	match_engine *engine = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	assert_non_null(engine);
	match_answers answers = parse("");
	match_outcome outcome;
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	assert_int_equal(outcome.count, 5);
	assert_int_equal(rank_of(items, &outcome, "walk-stopped"), SIZE_MAX);
	assert_int_equal(rank_of(items, &outcome, "walk-paused"), SIZE_MAX);
	assert_int_equal(rank_of(items, &outcome, "walk-expired"), SIZE_MAX);
	assert_int_equal(outcome.relaxed_count, 0);
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

static void test_strict_cost_filters_and_best_first(void **state)
{
	(void)state;
	catalogue *items = build(walking_catalogue, WALKING_COUNT);
	match_engine *engine = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	match_answers answers = parse("themas=bewegen;kosten=gratis;contact=fysiek;dichtbij=ja");
	match_outcome outcome;
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	/* Paid and remote offers are filtered out by the strict answers. */
	assert_int_equal(rank_of(items, &outcome, "walk-paid"), SIZE_MAX);
	assert_int_equal(rank_of(items, &outcome, "food-online"), SIZE_MAX);
	assert_int_equal(rank_of(items, &outcome, "smoking-paid"), SIZE_MAX);
	/* Only one offer fits everything. Relaxing dichtbij lets the far walk
	 * fit too; relaxing more would not add any, so only dichtbij is named,
	 * and the strict answers stay: two results are not "nothing". */
	assert_int_equal(outcome.fitting_before_relaxing, 1);
	assert_int_equal(outcome.fitting_count, 2);
	assert_int_equal(outcome.count, 2);
	assert_int_equal(outcome.relaxed_count, 1);
	assert_string_equal(match_key_name(outcome.relaxed_order[0]), "dichtbij");
	assert_int_equal(rank_of(items, &outcome, "walk-free-near"), 0);
	assert_int_equal(rank_of(items, &outcome, "walk-free-far"), 1);
	const match_result *best = &outcome.results[0];
	assert_true(best->matched & (1u << MATCH_THEMES));
	assert_true(best->matched & (1u << MATCH_COST));
	assert_true(best->matched & (1u << MATCH_NEARBY));
	assert_int_equal(best->missed, 0);
	assert_true(best->distance_metres > 250 && best->distance_metres < 350);
	assert_true(outcome.results[1].missed & (1u << MATCH_NEARBY));
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

static void test_soft_answers_relaxed_before_strict(void **state)
{
	(void)state;
	catalogue *items = build(walking_catalogue, WALKING_COUNT);
	match_engine *engine = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	/* Nothing is about alcohol for people with MS. */
	match_answers answers =
	    parse("themas=alcohol;aandoeningen=ms;contact=fysiek;kosten=gratis;steun=waarderend;"
	          "fase=volhouden");
	match_outcome outcome;
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	assert_int_equal(outcome.fitting_before_relaxing, 0);
	/* Every soft answer had to go, least important first; the strict ones
	 * stay because two free walks in person remain. */
	const char *expected[] = {"fase", "steun", "aandoeningen", "themas"};
	assert_int_equal(outcome.relaxed_count, 4);
	for (size_t step = 0; step < 4; step++)
		assert_string_equal(match_key_name(outcome.relaxed_order[step]), expected[step]);
	assert_false(outcome.relaxed & (1u << MATCH_COST));
	assert_int_equal(outcome.count, 2);
	assert_int_equal(rank_of(items, &outcome, "walk-paid"), SIZE_MAX);
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

static void test_strict_relaxed_as_last_resort(void **state)
{
	(void)state;
	static const offer_spec specs[] = {
	    {"paid-course", THEME_FOOD, 0, FORM_GROUP, CONTACT_ONLINE, ACCESS_PROGRAMME, COST_PAID,
	     0, 0, -1, OFFER_ACTIVE, 0},
	    {"reimbursed", THEME_FOOD, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_PROGRAMME,
	     COST_REIMBURSED, 0, 0, 800, OFFER_ACTIVE, 0},
	};
	catalogue *items = build(specs, 2);
	match_engine *engine = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	match_answers answers = parse("themas=voeding;contact=fysiek;kosten=gratis");
	match_outcome outcome;
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	/* Nothing is free: never an empty page, so kosten is relaxed (strict
	 * keys in importance order: contact before kosten, but relaxing
	 * contact alone finds nothing free either and is taken back). */
	assert_int_equal(outcome.fitting_before_relaxing, 0);
	assert_int_equal(outcome.relaxed_count, 1);
	assert_string_equal(match_key_name(outcome.relaxed_order[0]), "kosten");
	assert_int_equal(outcome.count, 1);
	assert_int_equal(rank_of(items, &outcome, "reimbursed"), 0);
	/* A contribution answer is not strict: paid offers stay in the list. */
	match_answers soft = parse("themas=voeding;kosten=bijdrage");
	assert_int_equal(match_engine_run(engine, &soft, monday_morning(), &outcome), STATUS_OK);
	assert_int_equal(outcome.count, 2);
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

static void test_phase_steers_towards_drop_in(void **state)
{
	(void)state;
	static const offer_spec specs[] = {
	    {"a-programme", THEME_MOVING, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_PROGRAMME,
	     COST_FREE, 0, 0, 500, OFFER_ACTIVE, 0},
	    {"b-drop-in", THEME_MOVING, 0, FORM_GROUP, CONTACT_IN_PERSON, ACCESS_DROP_IN, COST_FREE,
	     0, 0, 500, OFFER_ACTIVE, 0},
	};
	catalogue *items = build(specs, 2);
	match_engine *engine = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	match_outcome outcome;
	match_answers thinking = parse("themas=bewegen;fase=orienteren");
	assert_int_equal(match_engine_run(engine, &thinking, monday_morning(), &outcome),
	                 STATUS_OK);
	assert_int_equal(rank_of(items, &outcome, "b-drop-in"), 0);
	match_answers starting = parse("themas=bewegen;fase=beginnen");
	assert_int_equal(match_engine_run(engine, &starting, monday_morning(), &outcome),
	                 STATUS_OK);
	assert_int_equal(rank_of(items, &outcome, "a-programme"), 0);
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

static void test_ties_break_on_distance_then_id(void **state)
{
	(void)state;
	static const offer_spec specs[] = {
	    {"c", THEME_MOVING, 0, 0, CONTACT_IN_PERSON, 0, COST_FREE, 0, 0, 900, 0, 0},
	    {"a", THEME_MOVING, 0, 0, CONTACT_IN_PERSON, 0, COST_FREE, 0, 0, 900, 0, 0},
	    {"b", THEME_MOVING, 0, 0, CONTACT_IN_PERSON, 0, COST_FREE, 0, 0, 100, 0, 0},
	    {"d", THEME_MOVING, 0, 0, CONTACT_IN_PERSON, 0, COST_FREE, 0, 0, -1, 0, 0},
	};
	catalogue *items = build(specs, 4);
	match_engine *engine = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	match_answers answers = parse("themas=bewegen");
	match_outcome outcome;
	for (int round = 0; round < 3; round++) {
		assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome),
		                 STATUS_OK);
		assert_int_equal(outcome.count, 4);
		const char *expected[] = {"b", "a", "c", "d"};
		for (size_t rank = 0; rank < 4; rank++)
			assert_string_equal(
			    catalogue_offer(items, outcome.results[rank].offer_index)->id,
			    expected[rank]);
	}
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

static void test_large_catalogue_sorted(void **state)
{
	(void)state;
	catalogue *items = catalogue_create();
	char id[32];
	for (int index = 0; index < 20000; index++) {
		offer *item = catalogue_append(items);
		assert_non_null(item);
		text_format(id, sizeof id, "offer-%05d", index);
		item->id = catalogue_intern(items, id, strlen(id));
		item->themes = (uint16_t)(1u << (index % 7));
		item->cost = (uint8_t)(1u << (index % 4));
		item->contact = CONTACT_IN_PERSON;
		item->has_location = true;
		item->latitude = KIOSK_LATITUDE + (index % 997) / METRES_PER_DEGREE_LATITUDE * 10;
		item->longitude = KIOSK_LONGITUDE;
	}
	catalogue_sort(items);
	match_engine *engine = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	match_answers answers = parse("themas=bewegen,voeding;kosten=bijdrage");
	match_outcome outcome;
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	assert_int_equal(outcome.count, 20000);
	for (size_t rank = 1; rank < outcome.count; rank++) {
		const match_result *before = &outcome.results[rank - 1];
		const match_result *after = &outcome.results[rank];
		bool before_fits = before->missed == 0, after_fits = after->missed == 0;
		assert_true(before_fits >= after_fits);
		if (before_fits == after_fits) {
			assert_true(before->score >= after->score);
			if (before->score == after->score)
				assert_true(before->distance_metres <= after->distance_metres);
		}
	}
	/* 2/7 of offers have a wanted theme and half of those a fitting cost. */
	assert_true(outcome.fitting_count > 2000 && outcome.fitting_count < 3500);
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

static void test_parse_and_format_round_trip(void **state)
{
	(void)state;
	const char *texts[] = {
	    "themas=bewegen,voeding;aandoeningen=diabetes;contact=fysiek;kosten=gratis;"
	    "fase=beginnen",
	    "aandoeningen=geen;vorm=groep_met_zorgverlener;contact=op_afstand;dichtbij="
	    "maakt_niet_uit;deelname=programma;kosten=vergoed;steun=emotioneel,waarderend",
	    "contact=beide;dichtbij=ja;deelname=inloop;kosten=bijdrage;fase=volhouden",
	    "",
	};
	text_buffer formatted = {0};
	for (size_t index = 0; index < sizeof texts / sizeof texts[0]; index++) {
		match_answers first = parse(texts[index]);
		assert_int_equal(match_format_answers(&first, &formatted), STATUS_OK);
		assert_string_equal(text_buffer_string(&formatted), texts[index]);
		match_answers second = parse(text_buffer_string(&formatted));
		assert_memory_equal(&first, &second, sizeof first);
	}
	text_buffer_free(&formatted);
}

static void test_parse_rejects_bad_answers(void **state)
{
	(void)state;
	const char *bad[] = {
	    "themas=zwemmen",
	    "onbekend=ja",
	    "kosten",
	    "kosten=gratis,bijdrage",
	    "themas=bewegen;themas=voeding",
	    "aandoeningen=geen,diabetes",
	    "contact=",
	    "fase=Beginnen",
	};
	for (size_t index = 0; index < sizeof bad / sizeof bad[0]; index++) {
		match_answers answers;
		char error[200] = "";
		assert_int_not_equal(match_parse_answers(bad[index], &answers, error, sizeof error),
		                     STATUS_OK);
		assert_true(error[0] != '\0');
		assert_int_equal(answers.answered, 0);
	}
}

/* ---- the engine built offer by offer equals the one made from a catalogue */

static uint32_t random_state = 20261123u;
static uint32_t next_random(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 17;
	random_state ^= random_state << 5;
	return random_state;
}

/* Any of a date within two months of `day`, or none. */
static int32_t random_date(int32_t day)
{
	return next_random() % 3 == 0 ? CATALOGUE_NO_DATE
	                              : day - 60 + (int32_t)(next_random() % 121);
}

/* Offers with every kind of schedule, status and location, added in random
 * id order (left unsorted unless `sort`). */
static catalogue *random_catalogue(size_t count, bool sort)
{
	int32_t today = monday_morning().day;
	catalogue *items = catalogue_create();
	assert_non_null(items);
	char id[32];
	for (size_t index = 0; index < count; index++) {
		offer *item = catalogue_append(items);
		assert_non_null(item);
		assert_true(text_format(id, sizeof id, "aanbod-%08u", next_random()));
		item->id = catalogue_intern(items, id, strlen(id));
		item->themes = (uint16_t)(next_random() & 127u);
		item->conditions = (uint16_t)(next_random() % 3 == 0 ? next_random() & 1023u : 0);
		item->form = (uint8_t)(next_random() & 7u);
		item->contact = (uint8_t)(next_random() & 15u);
		item->access = (uint8_t)(next_random() & 15u);
		item->cost = (uint8_t)(next_random() & 15u);
		item->support = (uint8_t)(next_random() & 15u);
		item->phase = (uint8_t)(next_random() & 7u);
		item->offer_status = (uint8_t)(next_random() % 6 == 0 ? next_random() % 3 : 0);
		item->moderator = (uint8_t)(next_random() % 3);
		item->care_professional = (uint8_t)(next_random() % 3);
		if (next_random() % 4 != 0) {
			item->has_location = true;
			item->latitude =
			    KIOSK_LATITUDE + ((double)(next_random() % 20000) - 1e4) / 2e5;
			item->longitude =
			    KIOSK_LONGITUDE + ((double)(next_random() % 20000) - 1e4) / 2e5;
		}
		schedule_rule *rule = &item->schedule;
		rule->frequency = (enum schedule_frequency)(next_random() % 4);
		rule->weekdays = (uint8_t)(next_random() & 127u);
		if (rule->frequency == FREQUENCY_MONTHLY) {
			rule->ordinal_count = (uint8_t)(1 + next_random() % CATALOGUE_MAX_ORDINALS);
			for (unsigned ordinal = 0; ordinal < rule->ordinal_count; ordinal++) {
				int value = (int)(next_random() % 10) - 5;
				rule->ordinals[ordinal].ordinal =
				    (int8_t)(value >= 0 ? value + 1 : value);
				rule->ordinals[ordinal].weekday = (uint8_t)(next_random() % 7);
			}
		}
		if (next_random() % 5 != 0) {
			rule->start_minute = (int16_t)(next_random() % 1440);
			if (next_random() % 2)
				rule->end_minute = (int16_t)(next_random() % 1440);
		}
		rule->valid_from = random_date(today);
		rule->valid_to = random_date(today + 30);
		int32_t exceptions[4];
		uint16_t exception_count = (uint16_t)(next_random() % 5);
		for (uint16_t exception = 0; exception < exception_count; exception++)
			exceptions[exception] =
			    today + (int32_t)(exception * 7 + next_random() % 7);
		rule->exceptions = catalogue_intern_dates(items, exceptions, exception_count);
		rule->exception_count = exception_count;
	}
	if (sort)
		catalogue_sort(items);
	return items;
}

static catalogue *sample_catalogue(void)
{
	char path[4096];
	test_source_path("data/catalogus.csv", path, sizeof path);
	catalogue *items = NULL;
	import_report report = {0};
	assert_int_equal(import_read_file(path, &items, &report), STATUS_OK);
	assert_non_null(items);
	assert_true(catalogue_count(items) > 10);
	import_report_free(&report);
	return items;
}

/* Builds an engine offer by offer, in reverse catalogue order, so finishing
 * has to put the entries in id order itself. */
static match_engine *build_in_reverse(const catalogue *items)
{
	match_engine *engine = match_engine_begin(KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	assert_non_null(engine);
	for (size_t index = catalogue_count(items); index-- > 0;)
		assert_int_equal(match_engine_add(engine, catalogue_offer(items, index)),
		                 STATUS_OK);
	assert_int_equal(match_engine_finish(engine), STATUS_OK);
	return engine;
}

static void assert_same_rule(const schedule_rule *expected, const schedule_rule *actual)
{
	assert_int_equal(actual->frequency, expected->frequency);
	assert_int_equal(actual->weekdays, expected->weekdays);
	assert_int_equal(actual->ordinal_count, expected->ordinal_count);
	for (unsigned ordinal = 0; ordinal < expected->ordinal_count; ordinal++) {
		assert_int_equal(actual->ordinals[ordinal].ordinal,
		                 expected->ordinals[ordinal].ordinal);
		assert_int_equal(actual->ordinals[ordinal].weekday,
		                 expected->ordinals[ordinal].weekday);
	}
	assert_int_equal(actual->start_minute, expected->start_minute);
	assert_int_equal(actual->end_minute, expected->end_minute);
	assert_int_equal(actual->valid_from, expected->valid_from);
	assert_int_equal(actual->valid_to, expected->valid_to);
	assert_int_equal(actual->exception_count, expected->exception_count);
	assert_non_null(actual->exceptions);
	for (uint16_t exception = 0; exception < expected->exception_count; exception++)
		assert_int_equal(actual->exceptions[exception], expected->exceptions[exception]);
}

/* The image of the engine created from `items`, checked to load again. */
static void save_created(const catalogue *items, text_buffer *image)
{
	match_engine *created = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	assert_non_null(created);
	assert_int_equal(match_engine_save(created, image), STATUS_OK);
	assert_true(image->length > 64);
	assert_true(match_engine_matches_image(created, image->data, image->length));
	match_engine_destroy(created);
}

/* The engine created from `items`, saved and loaded back: what the kiosk
 * starts with when the store has an image. Saving it again gives the same
 * bytes. */
static match_engine *saved_and_loaded(const catalogue *items)
{
	text_buffer image = {0};
	save_created(items, &image);
	match_engine *loaded = NULL;
	assert_int_equal(match_engine_load(image.data, image.length, KIOSK_LATITUDE,
	                                   KIOSK_LONGITUDE, 1500, &loaded),
	                 STATUS_OK);
	assert_non_null(loaded);
	text_buffer again = {0};
	assert_int_equal(match_engine_save(loaded, &again), STATUS_OK);
	assert_int_equal(again.length, image.length);
	assert_memory_equal(again.data, image.data, image.length);
	assert_true(match_engine_matches_image(loaded, image.data, image.length));
	text_buffer_free(&again);
	text_buffer_free(&image);
	return loaded;
}

/* The second engine (built in reverse, or saved and loaded) holds the same
 * entries as the created one (whose entry i is catalogue offer i), and they
 * rank identically for many answers. */
static void assert_engines_agree(const catalogue *items, size_t answer_sets,
                                 match_engine *(*make)(const catalogue *items))
{
	match_engine *created = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	assert_non_null(created);
	match_engine *built = make(items);
	size_t count = catalogue_count(items);
	assert_int_equal(match_engine_count(created), count);
	assert_int_equal(match_engine_count(built), count);
	for (uint32_t index = 0; index < count; index++) {
		const offer *item = catalogue_offer(items, index);
		assert_string_equal(match_engine_offer_id(created, index), item->id);
		/* The catalogue is sorted, so both engines are in the same order. */
		assert_string_equal(match_engine_offer_id(built, index), item->id);
		assert_int_equal(match_engine_index_of(built, item->id), index);
		assert_int_equal(match_engine_offer_active(built, index),
		                 item->offer_status == OFFER_ACTIVE);
		assert_int_equal(match_engine_offer_distance(built, index),
		                 match_engine_offer_distance(created, index));
		assert_int_equal(match_engine_offer_distance(built, index) >= 0,
		                 item->has_location);
		schedule_rule rule;
		assert_true(match_engine_offer_schedule(built, index, &rule));
		assert_same_rule(&item->schedule, &rule);
	}

	local_time now = monday_morning();
	size_t ranked = 0, upcoming = 0;
	for (size_t set = 0; set < answer_sets; set++) {
		match_answers answers;
		memset(&answers, 0, sizeof answers);
		answers.answered = next_random() & ((1u << MATCH_KEY_COUNT) - 1);
		answers.themes = (uint16_t)(1u << (next_random() % 7));
		answers.conditions = (uint16_t)(next_random() % 2 ? 1u << (next_random() % 10) : 0);
		answers.form = (uint8_t)(1u << (next_random() % 3));
		answers.contact = (uint8_t)(next_random() % 3);
		answers.nearby = next_random() % 2;
		answers.access = next_random() % 2 ? ACCESS_DROP_IN : ACCESS_PROGRAMME;
		answers.cost = (uint8_t)(next_random() % 3);
		answers.support = (uint8_t)(1u << (next_random() % 4));
		answers.phase = (uint8_t)(1u << (next_random() % 3));
		local_time when = {now.day - 40 + (int32_t)(next_random() % 100), now.minute};
		match_outcome expected, actual;
		assert_int_equal(match_engine_run(created, &answers, when, &expected), STATUS_OK);
		assert_int_equal(match_engine_run(built, &answers, when, &actual), STATUS_OK);
		assert_int_equal(actual.count, expected.count);
		assert_int_equal(actual.fitting_count, expected.fitting_count);
		assert_int_equal(actual.fitting_before_relaxing, expected.fitting_before_relaxing);
		assert_int_equal(actual.relaxed, expected.relaxed);
		assert_int_equal(actual.relaxed_count, expected.relaxed_count);
		assert_memory_equal(actual.relaxed_order, expected.relaxed_order,
		                    expected.relaxed_count);
		for (size_t rank = 0; rank < expected.count; rank++) {
			const match_result *want = &expected.results[rank];
			const match_result *got = &actual.results[rank];
			assert_string_equal(match_engine_offer_id(built, got->offer_index),
			                    catalogue_offer(items, want->offer_index)->id);
			assert_int_equal(got->score, want->score);
			assert_int_equal(got->distance_metres, want->distance_metres);
			assert_int_equal(got->matched, want->matched);
			assert_int_equal(got->missed, want->missed);
		}

		/* The attract screen's list is the same from either. */
		upcoming_meeting from_catalogue[12], from_engine[12];
		int horizon = (int)(next_random() % 30);
		size_t listed = upcoming_meetings(items, when, horizon, from_catalogue, 12);
		ranked += expected.count;
		upcoming += listed;
		assert_int_equal(
		    upcoming_meetings_from_engine(built, when, horizon, from_engine, 12), listed);
		for (size_t entry = 0; entry < listed; entry++) {
			assert_string_equal(
			    match_engine_offer_id(built, from_engine[entry].offer_index),
			    catalogue_offer(items, from_catalogue[entry].offer_index)->id);
			/* Field by field: a struct's padding bytes are not part of it. */
			const meeting *engine_next = &from_engine[entry].next;
			const meeting *catalogue_next = &from_catalogue[entry].next;
			assert_int_equal(engine_next->start.day, catalogue_next->start.day);
			assert_int_equal(engine_next->start.minute, catalogue_next->start.minute);
			assert_int_equal(engine_next->end.day, catalogue_next->end.day);
			assert_int_equal(engine_next->end.minute, catalogue_next->end.minute);
			assert_int_equal(engine_next->has_time, catalogue_next->has_time);
		}
	}
	/* The comparisons above compared something. */
	assert_true(ranked > answer_sets);
	assert_true(upcoming > answer_sets);
	match_engine_destroy(created);
	match_engine_destroy(built);
}

static void test_built_engine_equals_created_on_the_sample(void **state)
{
	(void)state;
	catalogue *items = sample_catalogue();
	assert_engines_agree(items, 400, build_in_reverse);
	catalogue_destroy(items);
}

static void test_built_engine_equals_created_on_random_offers(void **state)
{
	(void)state;
	catalogue *items = random_catalogue(3000, true);
	assert_engines_agree(items, 150, build_in_reverse);
	catalogue_destroy(items);
}

static void test_loaded_engine_equals_created_on_the_sample(void **state)
{
	(void)state;
	catalogue *items = sample_catalogue();
	assert_engines_agree(items, 400, saved_and_loaded);
	catalogue_destroy(items);
}

static void test_loaded_engine_equals_created_on_random_offers(void **state)
{
	(void)state;
	catalogue *items = random_catalogue(3000, true);
	assert_engines_agree(items, 150, saved_and_loaded);
	catalogue_destroy(items);
}

/* The image depends on the entries only: an engine built in reverse (its
 * ids and schedule extras pooled in another order) gives the same bytes;
 * one changed offer gives other bytes. */
static void test_image_is_canonical(void **state)
{
	(void)state;
	catalogue *items = random_catalogue(500, true);
	text_buffer created = {0}, built = {0};
	save_created(items, &created);
	match_engine *reverse = build_in_reverse(items);
	assert_int_equal(match_engine_save(reverse, &built), STATUS_OK);
	assert_int_equal(built.length, created.length);
	assert_memory_equal(built.data, created.data, created.length);

	offer *changed = (offer *)catalogue_offer(items, 250);
	changed->themes ^= THEME_MOVING;
	match_engine *other = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	assert_non_null(other);
	assert_false(match_engine_matches_image(other, created.data, created.length));
	assert_true(match_engine_matches_image(reverse, created.data, created.length));
	/* A prefix or a longer copy is not the same image either. */
	assert_false(match_engine_matches_image(reverse, created.data, created.length - 1));
	assert_int_equal(text_buffer_append(&built, "x", 1), STATUS_OK);
	assert_false(match_engine_matches_image(reverse, built.data, built.length));
	match_engine_destroy(other);
	match_engine_destroy(reverse);
	text_buffer_free(&created);
	text_buffer_free(&built);
	catalogue_destroy(items);
}

static status load_at_kiosk(const text_buffer *image, size_t size)
{
	match_engine *loaded = (match_engine *)&loaded; /* must be set to NULL on failure */
	status result =
	    match_engine_load(image->data, size, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500, &loaded);
	if (result == STATUS_OK)
		assert_non_null(loaded);
	else
		assert_null(loaded);
	match_engine_destroy(loaded);
	return result;
}

/* Changes the image with `change`, reseals it (so the checks behind the
 * checksum are reached) and returns what loading it says. */
static status load_tampered(const text_buffer *image, void (*change)(unsigned char *bytes))
{
	text_buffer copy = {0};
	assert_int_equal(text_buffer_append(&copy, image->data, image->length), STATUS_OK);
	change((unsigned char *)copy.data);
	match_engine_seal_image(copy.data, copy.length);
	status result = load_at_kiosk(&copy, copy.length);
	text_buffer_free(&copy);
	return result;
}

/* Offsets in the header (match.c) and of the first entry's fields. */
#define IMAGE_COUNT_AT    48u
#define IMAGE_FIRST_ENTRY 64u
static size_t tampered_size; /* bytes of the image being tampered with */

static void add_one_to_count(unsigned char *bytes)
{
	bytes[IMAGE_COUNT_AT]++;
}
static void set_version_two(unsigned char *bytes)
{
	bytes[8] = 2;
}
static void set_reserved(unsigned char *bytes)
{
	bytes[12] = 1;
}
static void set_unknown_flag(unsigned char *bytes)
{
	bytes[IMAGE_FIRST_ENTRY + 15] |= 0x80u;
}
static void set_distance_below_minus_one(unsigned char *bytes)
{
	memset(bytes + IMAGE_FIRST_ENTRY + 16, 0xfe, 1);
	memset(bytes + IMAGE_FIRST_ENTRY + 16 + 1, 0xff, 3);
}
static void set_start_minute_past_the_day(unsigned char *bytes)
{
	unsigned char *word = bytes + IMAGE_FIRST_ENTRY + 20;
	word[0] = 0xff; /* 11 bits of minute + 1: 2047 */
	word[1] |= 0x07;
}
static void drop_last_id_terminator(unsigned char *bytes)
{
	/* Every entry ends with its id, so the image ends with a NUL. */
	bytes[tampered_size - 1] = 'x';
}

static void test_load_refuses_damaged_images(void **state)
{
	(void)state;
	catalogue *items = sample_catalogue();
	text_buffer image = {0};
	save_created(items, &image);
	assert_int_equal(load_at_kiosk(&image, image.length), STATUS_OK);

	/* Every truncation, and every byte with one bit flipped. */
	for (size_t size = 0; size < image.length; size++)
		assert_int_not_equal(load_at_kiosk(&image, size), STATUS_OK);
	for (size_t at = 0; at < image.length; at++) {
		image.data[at] = (char)((unsigned char)image.data[at] ^ (1u << (at % 8)));
		status result = load_at_kiosk(&image, image.length);
		/* Behind the magic and version, the checksum notices. */
		assert_int_equal(result, at < 16 && at != 12 && at != 13 && at != 14 && at != 15
		                             ? STATUS_INVALID
		                             : STATUS_CORRUPT);
		image.data[at] = (char)((unsigned char)image.data[at] ^ (1u << (at % 8)));
	}
	assert_int_equal(load_at_kiosk(&image, image.length), STATUS_OK);

	/* Made for another place or radius: the distances are not ours. */
	match_engine *loaded = NULL;
	assert_int_equal(match_engine_load(image.data, image.length, KIOSK_LATITUDE + 0.01,
	                                   KIOSK_LONGITUDE, 1500, &loaded),
	                 STATUS_INVALID);
	assert_int_equal(match_engine_load(image.data, image.length, KIOSK_LATITUDE,
	                                   KIOSK_LONGITUDE - 0.01, 1500, &loaded),
	                 STATUS_INVALID);
	assert_int_equal(match_engine_load(image.data, image.length, KIOSK_LATITUDE,
	                                   KIOSK_LONGITUDE, 1000, &loaded),
	                 STATUS_INVALID);
	assert_null(loaded);
	assert_int_equal(match_engine_load(image.data, MATCH_IMAGE_MAX_BYTES + 1, KIOSK_LATITUDE,
	                                   KIOSK_LONGITUDE, 1500, &loaded),
	                 STATUS_TOO_LARGE);

	/* With a valid checksum, the checks behind it still refuse nonsense. */
	tampered_size = image.length;
	assert_int_equal(load_tampered(&image, add_one_to_count), STATUS_CORRUPT);
	assert_int_equal(load_tampered(&image, set_version_two), STATUS_INVALID);
	assert_int_equal(load_tampered(&image, set_reserved), STATUS_CORRUPT);
	assert_int_equal(load_tampered(&image, set_unknown_flag), STATUS_CORRUPT);
	assert_int_equal(load_tampered(&image, set_distance_below_minus_one), STATUS_CORRUPT);
	assert_int_equal(load_tampered(&image, set_start_minute_past_the_day), STATUS_CORRUPT);
	assert_int_equal(load_tampered(&image, drop_last_id_terminator), STATUS_CORRUPT);
	text_buffer_free(&image);
	catalogue_destroy(items);
}

/* Schedule extras (start dates, monthly days, exception dates) are checked
 * too: a record with an impossible ordinal, or exception dates out of
 * order, is refused after resealing. */
static void test_load_refuses_bad_schedule_extras(void **state)
{
	(void)state;
	catalogue *items = random_catalogue(40, true);
	text_buffer image = {0};
	save_created(items, &image);
	const unsigned char *bytes = (const unsigned char *)image.data;
	size_t checked = 0, entry = IMAGE_FIRST_ENTRY;
	for (size_t index = 0; index < catalogue_count(items); index++) {
		/* An entry: 24 bytes, its extras record when the schedule word's
		 * top bit says so, its id. */
		bool has_extras = (bytes[entry + 23] & 0x80u) != 0;
		size_t record = entry + 24, words = 0;
		if (has_extras) {
			uint32_t counts = (uint32_t)bytes[record + 4] |
			                  (uint32_t)bytes[record + 5] << 8 |
			                  (uint32_t)bytes[record + 6] << 16;
			uint32_t ordinals = counts & 0xffu, exceptions = counts >> 8;
			words = 2u + ordinals + exceptions;
			text_buffer copy = {0};
			assert_int_equal(text_buffer_append(&copy, image.data, image.length),
			                 STATUS_OK);
			unsigned char *changed = (unsigned char *)copy.data;
			if (ordinals > 0) {
				changed[record + 8 + 1] = 0; /* ordinal 0 */
			} else if (exceptions > 1) {
				/* The first two exception dates swapped: out of order. */
				unsigned char first[4];
				memcpy(first, changed + record + 8, 4);
				memcpy(changed + record + 8, changed + record + 12, 4);
				memcpy(changed + record + 12, first, 4);
			} else {
				changed[record + 4] = CATALOGUE_MAX_ORDINALS + 1;
			}
			match_engine_seal_image(copy.data, copy.length);
			assert_int_equal(load_at_kiosk(&copy, copy.length), STATUS_CORRUPT);
			text_buffer_free(&copy);
			checked++;
		}
		size_t id = record + words * 4u;
		assert_string_equal((const char *)bytes + id, catalogue_offer(items, index)->id);
		entry = id + strlen((const char *)bytes + id) + 1;
	}
	assert_int_equal(entry, image.length);
	assert_true(checked > 5);
	text_buffer_free(&image);
	catalogue_destroy(items);
}

/* Hands out an image in small, uneven parts, failing once `fail_after`
 * bytes are given (the store reads straight from the database like this). */
typedef struct part_reader {
	const text_buffer *image;
	size_t at, fail_after, calls;
} part_reader;

static status read_parts(void *context, void *buffer, size_t size)
{
	part_reader *reader = context;
	reader->calls++;
	if (reader->at + size > reader->fail_after)
		return STATUS_IO;
	assert_true(reader->at + size <= reader->image->length);
	memcpy(buffer, reader->image->data + reader->at, size);
	reader->at += size;
	return STATUS_OK;
}

static void test_load_and_compare_from_a_reader(void **state)
{
	(void)state;
	catalogue *items = random_catalogue(300, true);
	text_buffer image = {0};
	save_created(items, &image);

	part_reader reader = {&image, 0, SIZE_MAX, 0};
	match_engine *loaded = NULL;
	assert_int_equal(match_engine_load_from(read_parts, &reader, image.length, KIOSK_LATITUDE,
	                                        KIOSK_LONGITUDE, 1500, &loaded),
	                 STATUS_OK);
	assert_int_equal(reader.at, image.length); /* read once, to the end */
	assert_true(reader.calls > 2);
	bool same = false;
	reader = (part_reader){&image, 0, SIZE_MAX, 0};
	assert_int_equal(
	    match_engine_compare_image(loaded, read_parts, &reader, image.length, &same),
	    STATUS_OK);
	assert_true(same);
	/* A reader that fails gives its failure, and no engine. */
	for (size_t fail_after = 0; fail_after < image.length; fail_after += image.length / 7) {
		match_engine *partial = (match_engine *)&partial;
		reader = (part_reader){&image, 0, fail_after, 0};
		assert_int_equal(match_engine_load_from(read_parts, &reader, image.length,
		                                        KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500,
		                                        &partial),
		                 STATUS_IO);
		assert_null(partial);
		reader = (part_reader){&image, 0, fail_after, 0};
		same = true;
		assert_int_equal(
		    match_engine_compare_image(loaded, read_parts, &reader, image.length, &same),
		    STATUS_IO);
		assert_false(same);
	}
	/* Another engine differs, and the comparison stops reading early. */
	match_engine *other = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 900);
	assert_non_null(other);
	reader = (part_reader){&image, 0, SIZE_MAX, 0};
	assert_int_equal(
	    match_engine_compare_image(other, read_parts, &reader, image.length, &same), STATUS_OK);
	assert_false(same);
	assert_true(reader.at < image.length);
	match_engine_destroy(other);
	match_engine_destroy(loaded);
	text_buffer_free(&image);
	catalogue_destroy(items);
}

/* The digest of offers as a scan gives them matches the image of the
 * engine built from them, reading only the header; another radius, one
 * changed offer, or offers out of id order do not. */
static void test_digest_of_offers_matches_their_image(void **state)
{
	(void)state;
	catalogue *items = random_catalogue(700, true);
	text_buffer image = {0};
	save_created(items, &image);
	for (int variant = 0; variant < 4; variant++) {
		match_image_digest *digest = match_image_digest_begin(
		    KIOSK_LATITUDE, KIOSK_LONGITUDE, variant == 1 ? 1400 : 1500);
		assert_non_null(digest);
		size_t count = catalogue_count(items);
		for (size_t index = 0; index < count; index++) {
			size_t at = variant == 3 && index < 2 ? 1 - index : index; /* swapped */
			offer changed = *catalogue_offer(items, at);
			if (variant == 2 && index == count / 2)
				changed.cost ^= COST_FREE;
			assert_int_equal(match_image_digest_add(digest, &changed), STATUS_OK);
		}
		part_reader reader = {&image, 0, SIZE_MAX, 0};
		bool same = variant != 0;
		assert_int_equal(
		    match_image_digest_compare(digest, read_parts, &reader, image.length, &same),
		    STATUS_OK);
		assert_int_equal(same, variant == 0);
		assert_true(reader.at <= 64); /* the header at most */
		match_image_digest_destroy(digest);
	}
	text_buffer_free(&image);
	catalogue_destroy(items);
}

static void test_save_and_load_edges(void **state)
{
	(void)state;
	match_engine *engine = match_engine_begin(KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	assert_non_null(engine);
	text_buffer image = {0};
	/* Only a finished engine has an image. */
	assert_int_equal(match_engine_save(engine, &image), STATUS_USAGE);
	assert_false(match_engine_matches_image(engine, "", 0));
	assert_int_equal(match_engine_finish(engine), STATUS_OK);
	assert_int_equal(match_engine_save(engine, &image), STATUS_OK);
	assert_int_equal(image.length, 64); /* no entries: the header alone */
	match_engine *loaded = NULL;
	assert_int_equal(load_at_kiosk(&image, image.length), STATUS_OK);
	assert_int_equal(match_engine_load(image.data, image.length, KIOSK_LATITUDE,
	                                   KIOSK_LONGITUDE, 1500, &loaded),
	                 STATUS_OK);
	assert_int_equal(match_engine_count(loaded), 0);
	match_answers answers = parse("themas=bewegen");
	match_outcome outcome;
	assert_int_equal(match_engine_run(loaded, &answers, monday_morning(), &outcome), STATUS_OK);
	assert_int_equal(outcome.count, 0);
	match_engine_destroy(loaded);
	/* Not an image at all. */
	assert_int_equal(
	    match_engine_load("id;naam\r\n", 9, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500, &loaded),
	    STATUS_INVALID);
	assert_int_equal(match_engine_load(NULL, 0, 0, 0, 0, &loaded), STATUS_USAGE);
	match_engine_destroy(engine);
	text_buffer_free(&image);
}

/* The command line indexes the catalogue with a result's offer_index, so an
 * engine created from an unsorted catalogue keeps the catalogue's order. */
static void test_created_engine_keeps_catalogue_order(void **state)
{
	(void)state;
	catalogue *items = random_catalogue(200, false);
	match_engine *engine = match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	assert_non_null(engine);
	bool unsorted = false;
	for (uint32_t index = 0; index < 200; index++) {
		const char *id = catalogue_offer(items, index)->id;
		assert_string_equal(match_engine_offer_id(engine, index), id);
		assert_int_equal(match_engine_index_of(engine, id), index);
		if (index > 0 && strcmp(catalogue_offer(items, index - 1)->id, id) > 0)
			unsorted = true;
	}
	assert_true(unsorted);
	match_answers answers = parse("themas=bewegen");
	match_outcome outcome;
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	assert_true(outcome.count > 0);
	for (size_t rank = 0; rank < outcome.count; rank++) {
		const match_result *found = &outcome.results[rank];
		const offer *item = catalogue_offer(items, found->offer_index);
		assert_int_equal((item->themes & THEME_MOVING) != 0,
		                 (found->matched & (1u << MATCH_THEMES)) != 0);
	}
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

static void test_builder_states_and_clear(void **state)
{
	(void)state;
	catalogue *items = build(walking_catalogue, WALKING_COUNT);
	match_engine *engine = match_engine_begin(KIOSK_LATITUDE, KIOSK_LONGITUDE, 1500);
	assert_non_null(engine);
	match_answers answers = parse("");
	match_outcome outcome;
	/* Not finished yet: it cannot run. */
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome),
	                 STATUS_USAGE);
	assert_int_equal(match_engine_reserve(engine, MATCH_ENGINE_MAX_OFFERS + 1),
	                 STATUS_TOO_LARGE);
	assert_int_equal(match_engine_reserve(engine, 2), STATUS_OK);
	for (size_t index = 0; index < WALKING_COUNT; index++)
		assert_int_equal(match_engine_add(engine, catalogue_offer(items, index)),
		                 STATUS_OK);
	assert_int_equal(match_engine_finish(engine), STATUS_OK);
	assert_int_equal(match_engine_finish(engine), STATUS_USAGE);
	assert_int_equal(match_engine_add(engine, catalogue_offer(items, 0)), STATUS_USAGE);
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	assert_int_equal(outcome.count, 5);

	/* Out of range asks get nothing. */
	assert_null(match_engine_offer_id(engine, WALKING_COUNT));
	assert_false(match_engine_offer_active(engine, WALKING_COUNT));
	assert_int_equal(match_engine_offer_distance(engine, WALKING_COUNT), -1);
	schedule_rule rule;
	assert_false(match_engine_offer_schedule(engine, WALKING_COUNT, &rule));
	assert_int_equal(rule.frequency, FREQUENCY_NONE);
	assert_int_equal(rule.valid_to, CATALOGUE_NO_DATE);
	assert_int_equal(match_engine_index_of(engine, "bestaat-niet"), SIZE_MAX);

	/* Cleared, it builds again from nothing: an abandoned scan's restart. */
	match_engine_clear(engine);
	assert_int_equal(match_engine_count(engine), 0);
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome),
	                 STATUS_USAGE);
	assert_int_equal(match_engine_add(engine, catalogue_find(items, "walk-paid")), STATUS_OK);
	assert_int_equal(match_engine_finish(engine), STATUS_OK);
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	assert_int_equal(outcome.count, 1);
	assert_string_equal(match_engine_offer_id(engine, outcome.results[0].offer_index),
	                    "walk-paid");
	assert_int_equal(match_engine_index_of(engine, "walk-paid"), 0);

	/* A time no catalogue holds is refused, and leaves the engine as it was. */
	match_engine_clear(engine);
	offer odd = *catalogue_find(items, "walk-paid");
	odd.schedule.start_minute = 24 * 60;
	assert_int_equal(match_engine_add(engine, &odd), STATUS_INVALID);
	odd.schedule.start_minute = CATALOGUE_NO_TIME;
	odd.schedule.end_minute = -2;
	assert_int_equal(match_engine_add(engine, &odd), STATUS_INVALID);
	assert_int_equal(match_engine_count(engine), 0);
	odd.schedule.start_minute = 23 * 60 + 59;
	odd.schedule.end_minute = 0;
	assert_int_equal(match_engine_add(engine, &odd), STATUS_OK);
	assert_int_equal(match_engine_finish(engine), STATUS_OK);
	assert_true(match_engine_offer_schedule(engine, 0, &rule));
	assert_int_equal(rule.start_minute, 23 * 60 + 59);
	assert_int_equal(rule.end_minute, 0);

	/* An empty engine runs and finds nothing. */
	match_engine_clear(engine);
	assert_int_equal(match_engine_finish(engine), STATUS_OK);
	assert_int_equal(match_engine_run(engine, &answers, monday_morning(), &outcome), STATUS_OK);
	assert_int_equal(outcome.count, 0);
	match_engine_destroy(engine);
	catalogue_destroy(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unavailable_offers_never_appear),
	    cmocka_unit_test(test_strict_cost_filters_and_best_first),
	    cmocka_unit_test(test_soft_answers_relaxed_before_strict),
	    cmocka_unit_test(test_strict_relaxed_as_last_resort),
	    cmocka_unit_test(test_phase_steers_towards_drop_in),
	    cmocka_unit_test(test_ties_break_on_distance_then_id),
	    cmocka_unit_test(test_large_catalogue_sorted),
	    cmocka_unit_test(test_parse_and_format_round_trip),
	    cmocka_unit_test(test_parse_rejects_bad_answers),
	    cmocka_unit_test(test_built_engine_equals_created_on_the_sample),
	    cmocka_unit_test(test_built_engine_equals_created_on_random_offers),
	    cmocka_unit_test(test_created_engine_keeps_catalogue_order),
	    cmocka_unit_test(test_builder_states_and_clear),
	    cmocka_unit_test(test_loaded_engine_equals_created_on_the_sample),
	    cmocka_unit_test(test_loaded_engine_equals_created_on_random_offers),
	    cmocka_unit_test(test_image_is_canonical),
	    cmocka_unit_test(test_load_refuses_damaged_images),
	    cmocka_unit_test(test_load_refuses_bad_schedule_extras),
	    cmocka_unit_test(test_load_and_compare_from_a_reader),
	    cmocka_unit_test(test_digest_of_offers_matches_their_image),
	    cmocka_unit_test(test_save_and_load_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
