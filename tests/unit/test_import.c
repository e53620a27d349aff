/* test_import.c — the spreadsheet importer: synonyms and aliases, schedule
 * parsing, round trip through canonical field text, diff, reports, template,
 * limits and speed. The malformed-file corpus is in test_import_corpus.c. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "catalogue.h"
#include "csv.h"
#include "import.h"
#include "sha256.h"
#include "text.h"

/* Imports `text` from memory, expecting a usable catalogue. */
static catalogue *import_text(const char *text, import_report *report)
{
	catalogue *imported = NULL;
	assert_int_equal(import_read_memory(text, strlen(text), &imported, report), STATUS_OK);
	if (imported == NULL)
		print_error("unexpected fatal import: %s\n", report->fatal_message);
	assert_non_null(imported);
	return imported;
}

static const offer *find(const catalogue *imported, const char *id)
{
	const offer *found = catalogue_find(imported, id);
	if (found == NULL)
		print_error("no offer '%s'\n", id);
	assert_non_null(found);
	return found;
}

/* The canonical text of one field, into a static buffer for comparisons. */
static const char *field_text(const offer *item, catalogue_field field)
{
	static text_buffer buffer;
	assert_int_equal(catalogue_offer_field_text(item, field, &buffer), STATUS_OK);
	return text_buffer_string(&buffer);
}

static bool has_problem(const import_report *report, import_severity severity, uint32_t row,
                        const char *column)
{
	for (size_t i = 0; i < report->problem_count; i++) {
		const import_problem *problem = &report->problems[i];
		if (problem->severity == severity && problem->row == row &&
		    strcmp(problem->column, column) == 0)
			return true;
	}
	return false;
}

static void test_dutch_synonyms_map_to_vocabulary(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text(
	    "id;naam;themas;aandoeningen;vorm;deelname;kosten;contact;steun;fase\n"
	    "a;A;wandelen, sport, eten;hart, copd;1-op-1;vrije inloop;gratis;venue;luisterend "
	    "oor;Oriënteren\n"
	    "b;B;Slapen|Stress|Stoppen met roken;Reuma;een op een;drop-in;0;PHONE;tips;starten\n"
	    "c;C;drinken;depressie, migraine;individueel;appointment;free;home;;\n"
	    "d;D;gezelligheid;astma;Groep met Zorgverlener;referral;eigen bijdrage;online;;\n",
	    &report);
	assert_int_equal(report.warning_count, 0);
	assert_int_equal(report.error_count, 0);
	const offer *a = find(imported, "a");
	assert_int_equal(a->themes, THEME_MOVING | THEME_FOOD);
	assert_int_equal(a->conditions, CONDITION_HEART | CONDITION_LUNG);
	assert_int_equal(a->form, FORM_ONE_TO_ONE);
	assert_int_equal(a->access, ACCESS_DROP_IN);
	assert_int_equal(a->cost, COST_FREE);
	assert_int_equal(a->contact, CONTACT_IN_PERSON);
	assert_int_equal(a->support, SUPPORT_EMOTIONAL);
	assert_int_equal(a->phase, PHASE_ORIENTING);
	const offer *b = find(imported, "b");
	assert_int_equal(b->themes, THEME_SLEEP | THEME_RELAXATION | THEME_SMOKING);
	assert_int_equal(b->conditions, CONDITION_PAIN);
	assert_int_equal(b->form, FORM_ONE_TO_ONE);
	assert_int_equal(b->access, ACCESS_DROP_IN);
	assert_int_equal(b->cost, COST_FREE);
	assert_int_equal(b->contact, CONTACT_PHONE);
	assert_int_equal(b->support, SUPPORT_INFORMATIVE);
	assert_int_equal(b->phase, PHASE_STARTING);
	const offer *c = find(imported, "c");
	assert_int_equal(c->themes, THEME_ALCOHOL);
	assert_int_equal(c->conditions, CONDITION_LOW_MOOD | CONDITION_HEADACHE);
	assert_int_equal(c->access, ACCESS_APPOINTMENT);
	assert_int_equal(c->contact, CONTACT_HOME_VISIT);
	const offer *d = find(imported, "d");
	assert_int_equal(d->themes, THEME_MEETING);
	assert_int_equal(d->form, FORM_GROUP_WITH_PROFESSIONAL);
	assert_int_equal(d->access, ACCESS_REFERRAL);
	assert_int_equal(d->cost, COST_CONTRIBUTION);
	assert_int_equal(d->contact, CONTACT_ONLINE);
	import_report_free(&report);
	catalogue_destroy(imported);
}

static void test_hsds_headers_and_values(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text(
	    "ID,Name,Description,attending_type,attending_access,free,minimum_age,maximum_age,"
	    "languages,latitude,longitude,accessibility,byday,freq,interval,opens_at,closes_at,"
	    "valid_from,valid_to,url,assured_date,fees_description,eligibility_description\n"
	    "h1,Walk,Weekly walk,in_person,drop_in,true,18,99,\"nl,EN\",\"52,0907\",\"5,1214\",yes,"
	    "\"TU,TH\",WEEKLY,2,10:00,11:30,06-01-2026,2026-12-31,https://example.org/walk,"
	    "2026-01-02,2 euro,adults\n",
	    &report);
	assert_int_equal(report.problem_count, 0);
	assert_int_equal(report.delimiter, ',');
	const offer *walk = find(imported, "h1");
	assert_string_equal(walk->name, "Walk");
	assert_string_equal(walk->description, "Weekly walk");
	assert_int_equal(walk->contact, CONTACT_IN_PERSON);
	assert_int_equal(walk->access, ACCESS_DROP_IN);
	assert_int_equal(walk->cost, COST_FREE);
	assert_int_equal(walk->age_min, 18);
	assert_int_equal(walk->age_max, 99);
	assert_string_equal(walk->languages, "nl,en");
	assert_true(walk->has_location);
	assert_float_equal(walk->latitude, 52.0907, 1e-9);
	assert_float_equal(walk->longitude, 5.1214, 1e-9);
	assert_int_equal(walk->wheelchair, TRISTATE_YES);
	assert_int_equal(walk->schedule.frequency, FREQUENCY_FORTNIGHTLY);
	assert_int_equal(walk->schedule.weekdays, (1u << 1) | (1u << 3));
	assert_int_equal(walk->schedule.start_minute, 600);
	assert_int_equal(walk->schedule.end_minute, 690);
	assert_int_equal(walk->schedule.valid_from, catalogue_days_from_civil(2026, 1, 6));
	assert_int_equal(walk->schedule.valid_to, catalogue_days_from_civil(2026, 12, 31));
	assert_int_equal(walk->checked, catalogue_days_from_civil(2026, 1, 2));
	assert_string_equal(walk->signup_url, "https://example.org/walk");
	assert_string_equal(walk->cost_text, "2 euro");
	assert_string_equal(walk->audience, "adults");
	import_report_free(&report);
	catalogue_destroy(imported);
}

static void test_days_ordinals_and_frequency(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text("id;naam;dagen;frequentie\n"
	                                  "m;Maand;1di, -1vr, laatste za;\n"
	                                  "e;Eerste;1e wo;\n"
	                                  "w;Week;MO TU;\n"
	                                  "f;Fortnight;Donderdag;om de week\n"
	                                  "n;Geen;;\n",
	                                  &report);
	assert_int_equal(report.problem_count, 0);
	const offer *monthly = find(imported, "m");
	assert_int_equal(monthly->schedule.frequency, FREQUENCY_MONTHLY);
	assert_int_equal(monthly->schedule.weekdays, 0);
	assert_int_equal(monthly->schedule.ordinal_count, 3);
	assert_int_equal(monthly->schedule.ordinals[0].ordinal, 1);
	assert_int_equal(monthly->schedule.ordinals[0].weekday, 1);
	assert_int_equal(monthly->schedule.ordinals[1].ordinal, -1);
	assert_int_equal(monthly->schedule.ordinals[1].weekday, 4);
	assert_int_equal(monthly->schedule.ordinals[2].ordinal, -1);
	assert_int_equal(monthly->schedule.ordinals[2].weekday, 5);
	assert_string_equal(field_text(monthly, FIELD_DAYS), "1di,-1vr,-1za");
	const offer *first = find(imported, "e");
	assert_int_equal(first->schedule.ordinals[0].ordinal, 1);
	assert_int_equal(first->schedule.ordinals[0].weekday, 2);
	const offer *weekly = find(imported, "w");
	assert_int_equal(weekly->schedule.frequency, FREQUENCY_WEEKLY);
	assert_int_equal(weekly->schedule.weekdays, 3);
	const offer *fortnightly = find(imported, "f");
	assert_int_equal(fortnightly->schedule.frequency, FREQUENCY_FORTNIGHTLY);
	assert_int_equal(fortnightly->schedule.weekdays, 1u << 3);
	const offer *none = find(imported, "n");
	assert_int_equal(none->schedule.frequency, FREQUENCY_NONE);
	assert_int_equal(none->schedule.start_minute, CATALOGUE_NO_TIME);
	import_report_free(&report);
	catalogue_destroy(imported);
}

static void test_defaults_and_status(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text("id;naam;status\nx;Leeg;\ny;Pauze;Tijdelijk gestopt\n"
	                                  "z;Gestopt;gestopt\n",
	                                  &report);
	assert_int_equal(catalogue_count(imported), 3);
	const offer *empty = find(imported, "x");
	assert_int_equal(empty->offer_status, OFFER_ACTIVE);
	assert_int_equal(empty->kind, KIND_NONE);
	assert_int_equal(empty->wheelchair, TRISTATE_UNKNOWN);
	assert_int_equal(empty->age_min, CATALOGUE_NO_AGE);
	assert_int_equal(empty->checked, CATALOGUE_NO_DATE);
	assert_false(empty->has_location);
	assert_string_equal(empty->description, "");
	assert_int_equal(empty->row, 2);
	assert_int_equal(find(imported, "y")->offer_status, OFFER_PAUSED);
	assert_int_equal(find(imported, "z")->offer_status, OFFER_STOPPED);
	import_report_free(&report);
	catalogue_destroy(imported);
}

static void test_values_are_checked_with_warnings(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text(
	    "id;naam;tijd_van;tijd_tot;lat;lon;aanmeld_url;leeftijd_min;leeftijd_max;omschrijving\n"
	    "a;A;14:00;13:00;40,1;5,1;http://x.nl;70;50;=1+1\n"
	    "b;B;10:00;11:00;52,1;5,1;https://x.nl;;;-1vr\n",
	    &report);
	const offer *a = find(imported, "a");
	assert_int_equal(a->schedule.start_minute, 14 * 60);
	assert_int_equal(a->schedule.end_minute, CATALOGUE_NO_TIME);
	assert_false(a->has_location);
	assert_string_equal(a->signup_url, "");
	assert_int_equal(a->age_min, CATALOGUE_NO_AGE);
	assert_int_equal(a->age_max, CATALOGUE_NO_AGE);
	assert_string_equal(a->description, "=1+1"); /* kept as plain text */
	assert_true(has_problem(&report, IMPORT_WARNING, 2, "tijd_tot"));
	assert_true(has_problem(&report, IMPORT_WARNING, 2, "lat"));
	assert_true(has_problem(&report, IMPORT_WARNING, 2, "aanmeld_url"));
	assert_true(has_problem(&report, IMPORT_WARNING, 2, "leeftijd_min"));
	assert_true(has_problem(&report, IMPORT_WARNING, 2, "omschrijving"));
	/* Row 3: a '-' at the start of free text is still warned about. */
	assert_true(has_problem(&report, IMPORT_WARNING, 3, "omschrijving"));
	assert_int_equal(report.warning_count, 6);
	const offer *b = find(imported, "b");
	assert_true(b->has_location);
	assert_string_equal(b->signup_url, "https://x.nl");
	/* Problems are kept in row order. */
	for (size_t i = 1; i < report.problem_count; i++)
		assert_true(report.problems[i - 1].row <= report.problems[i].row);
	import_report_free(&report);
	catalogue_destroy(imported);
}

/* What the review found: values the contract allows that were refused or
 * kept with an invisible character. */
static void test_midnight_uur_and_non_breaking_spaces(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported =
	    import_text("id;naam;tijd_van;tijd_tot;aanmeld_url;telefoon\n"
	                "m;Middernacht;22:00;24:00;https://x.nl/a\xC2\xA0;\xC2\xA0"
	                "020 123\n"
	                "u;Uur;10.00 uur;11:30u;;\n",
	                &report);
	assert_int_equal(report.warning_count, 0);
	const offer *midnight = find(imported, "m");
	assert_int_equal(midnight->schedule.start_minute, 22 * 60);
	/* Midnight is 00:00 of the next day, as the schedule reads overnight. */
	assert_int_equal(midnight->schedule.end_minute, 0);
	assert_string_equal(midnight->signup_url, "https://x.nl/a");
	assert_string_equal(midnight->phone, "020 123");
	const offer *hours = find(imported, "u");
	assert_int_equal(hours->schedule.start_minute, 10 * 60);
	assert_int_equal(hours->schedule.end_minute, 11 * 60 + 30);
	import_report_free(&report);
	catalogue_destroy(imported);
}

/* Excel's "sep=" line: the declared delimiter is used and every row number
 * (also in a fatal message) is the one Excel shows, where the header is 1. */
static void test_excel_sep_line_keeps_excel_row_numbers(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text("sep=,\nid,naam\na,A\nb,\n", &report);
	assert_int_equal(report.delimiter, ',');
	assert_int_equal(find(imported, "a")->row, 2);
	assert_true(has_problem(&report, IMPORT_ERROR, 3, "naam"));
	import_report_free(&report);
	catalogue_destroy(imported);

	const char *broken = "sep=;\nid;naam\na;A\nb;\"B\n";
	imported = NULL;
	assert_int_equal(import_read_memory(broken, strlen(broken), &imported, &report), STATUS_OK);
	assert_null(imported);
	assert_true(report.fatal);
	assert_non_null(strstr(report.fatal_message, "rij 3"));
	import_report_free(&report);
}

static void test_long_text_is_cut_on_a_character_boundary(void **state)
{
	(void)state;
	text_buffer file = {0};
	assert_int_equal(text_buffer_append_string(&file, "id;naam;omschrijving\nl;Lang;"),
	                 STATUS_OK);
	for (int i = 0; i < 1999; i++)
		assert_int_equal(text_buffer_append_string(&file, "a"), STATUS_OK);
	for (int i = 0; i < 100; i++)
		assert_int_equal(text_buffer_append_string(&file, "é"), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&file, "\n"), STATUS_OK);
	import_report report;
	catalogue *imported = import_text(text_buffer_string(&file), &report);
	const offer *item = find(imported, "l");
	size_t length = strlen(item->description);
	assert_true(length <= 2000);
	assert_true(length >= 1999);
	assert_true(text_is_valid_utf8(item->description, length));
	assert_true(has_problem(&report, IMPORT_WARNING, 2, "omschrijving"));
	import_report_free(&report);
	catalogue_destroy(imported);
	text_buffer_free(&file);
}

static void test_windows_1252_cells_are_converted(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported =
	    import_text("id;naam;omschrijving\nc;Caf\xe9;\x80 2\nd;Gewoon;ok\n", &report);
	assert_string_equal(find(imported, "c")->name, "Café");
	assert_string_equal(find(imported, "c")->description, "€ 2");
	assert_int_equal(report.warning_count, 1);
	assert_int_equal(report.problems[0].row, 0);
	assert_non_null(strstr(report.problems[0].message, "1 rij"));
	import_report_free(&report);
	catalogue_destroy(imported);
}

static void test_comment_rows_and_errors(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text("id;naam;vanaf;tot\n"
	                                  "# uitleg;verplicht;;\n"
	                                  "a;Een;;\n"
	                                  "a;Dubbel;;\n"
	                                  ";Zonder id;;\n"
	                                  "b;Omgedraaid;2026-05-01;2026-04-01\n",
	                                  &report);
	assert_int_equal(report.rows, 4);
	assert_int_equal(report.imported, 1);
	assert_int_equal(report.error_count, 3);
	assert_true(has_problem(&report, IMPORT_ERROR, 4, "id"));
	assert_non_null(strstr(report.problems[0].message, "rij 3"));
	assert_true(has_problem(&report, IMPORT_ERROR, 5, "id"));
	assert_true(has_problem(&report, IMPORT_ERROR, 6, "tot"));
	assert_string_equal(find(imported, "a")->name, "Een");
	assert_null(catalogue_find(imported, "b"));
	assert_true(import_report_can_apply(&report));
	import_report_free(&report);
	catalogue_destroy(imported);
}

static void test_parse_fields_rejects_errors_without_appending(void **state)
{
	(void)state;
	catalogue *into = catalogue_create();
	assert_non_null(into);
	const char *fields[FIELD_COUNT];
	for (int i = 0; i < FIELD_COUNT; i++)
		fields[i] = "";
	fields[FIELD_NAME] = "Naam zonder id";
	import_report report;
	memset(&report, 0, sizeof report);
	assert_int_equal(import_parse_fields(into, fields, 7, &report), STATUS_INVALID);
	assert_int_equal(catalogue_count(into), 0);
	assert_int_equal(report.error_count, 1);
	assert_int_equal(report.problems[0].row, 7);
	assert_string_equal(report.problems[0].column, "id");
	/* Without a report the same row is refused just as well. */
	assert_int_equal(import_parse_fields(into, fields, 7, NULL), STATUS_INVALID);
	fields[FIELD_ID] = "ok";
	fields[FIELD_THEMES] = "bewegen";
	assert_int_equal(import_parse_fields(into, fields, 0, NULL), STATUS_OK);
	assert_int_equal(catalogue_count(into), 1);
	assert_int_equal(catalogue_offer(into, 0)->themes, THEME_MOVING);
	import_report_free(&report);
	catalogue_destroy(into);
}

/* For every offer: canonical text of each field → import_parse_fields → an
 * offer with the same text and hash. This is how the store loads. */
static void assert_round_trip(const catalogue *source, const char *label)
{
	catalogue *copy = catalogue_create();
	assert_non_null(copy);
	text_buffer texts[FIELD_COUNT];
	memset(texts, 0, sizeof texts);
	for (size_t i = 0; i < catalogue_count(source); i++) {
		const offer *original = catalogue_offer(source, i);
		const char *fields[FIELD_COUNT];
		for (int field = 0; field < FIELD_COUNT; field++) {
			assert_int_equal(catalogue_offer_field_text(
			                     original, (catalogue_field)field, &texts[field]),
			                 STATUS_OK);
			fields[field] = text_buffer_string(&texts[field]);
		}
		import_report report;
		memset(&report, 0, sizeof report);
		assert_int_equal(import_parse_fields(copy, fields, original->row, &report),
		                 STATUS_OK);
		const offer *loaded = catalogue_offer(copy, catalogue_count(copy) - 1);
		for (int field = 0; field < FIELD_COUNT; field++) {
			const char *again = field_text(loaded, (catalogue_field)field);
			if (strcmp(again, fields[field]) != 0)
				print_error("%s: offer '%s' field %s: '%s' came back as '%s'\n",
				            label, original->id,
				            catalogue_field_name((catalogue_field)field),
				            fields[field], again);
			assert_string_equal(again, fields[field]);
		}
		assert_true(catalogue_offer_hash(loaded) == catalogue_offer_hash(original));
		import_report_free(&report);
	}
	for (int field = 0; field < FIELD_COUNT; field++)
		text_buffer_free(&texts[field]);
	catalogue_destroy(copy);
}

static void test_round_trip_of_every_corpus_catalogue(void **state)
{
	(void)state;
	char directory[1024];
	test_source_path("tests/corpus", directory, sizeof directory);
	DIR *listing = opendir(directory);
	assert_non_null(listing);
	struct dirent *entry;
	size_t offers_checked = 0;
	while ((entry = readdir(listing)) != NULL) {
		size_t length = strlen(entry->d_name);
		if (length < 5 || strcmp(entry->d_name + length - 4, ".csv") != 0)
			continue;
		char path[1400];
		assert_true(text_format(path, sizeof path, "%s/%s", directory, entry->d_name));
		catalogue *imported = NULL;
		import_report report;
		assert_int_equal(import_read_file(path, &imported, &report), STATUS_OK);
		if (imported != NULL) {
			assert_round_trip(imported, entry->d_name);
			offers_checked += catalogue_count(imported);
		}
		import_report_free(&report);
		catalogue_destroy(imported);
	}
	closedir(listing);
	assert_true(offers_checked > 100);
}

static void test_round_trip_of_a_rich_offer(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text(
	    "id;naam;omschrijving;soort;status;themas;aandoeningen;vorm;contact;deelname;kosten;"
	    "kosten_tekst;steun;fase;doelgroep;leeftijd_min;leeftijd_max;talen;adres;postcode;"
	    "plaats;lat;lon;rolstoel;dagen;frequentie;tijd_van;tijd_tot;vanaf;tot;vervalt;"
	    "wanneer_tekst;aanmeld_url;telefoon;email;contactpersoon;moderator;zorgverlener;"
	    "gecontroleerd\n"
	    "r1;Rijk;\"Twee\nregels\";cursus;gestopt;voeding,slaap;ms,anders;groep;online,thuis;"
	    "programma;vergoed,betaald;€ 5;waarderend;volhouden;55+;50;80;tr,ar,nl;Straat 1;1234 "
	    "AB;Utrecht;52,1234567;4,9999999;nee;\"ma,wo\";tweewekelijks;9:05;23:59;1-1-2026;"
	    "31-12-2027;\"2026-12-30,2026-01-05,2026-12-30\";in de zomer niet;"
	    "https://example.nl/r1?a=b#c;+31 6 1234 5678;r1@example.nl;Fatma;ja;nee;2026-11-24\n",
	    &report);
	assert_int_equal(report.problem_count, 0);
	const offer *rich = find(imported, "r1");
	assert_int_equal(rich->schedule.exception_count, 2);
	assert_string_equal(field_text(rich, FIELD_EXCEPTIONS), "2026-01-05,2026-12-30");
	assert_string_equal(field_text(rich, FIELD_LATITUDE), "52.123457");
	assert_string_equal(field_text(rich, FIELD_TIME_FROM), "09:05");
	assert_round_trip(imported, "rich offer");
	import_report_free(&report);
	catalogue_destroy(imported);
}

static const import_problem *problem_at(const import_report *report, uint32_t row,
                                        const char *column)
{
	for (size_t i = 0; i < report->problem_count; i++) {
		const import_problem *problem = &report->problems[i];
		if (problem->row == row && strcmp(problem->column, column) == 0)
			return problem;
	}
	print_error("no problem in row %u, column '%s'\n", row, column);
	fail();
	return NULL;
}

static void test_translation_columns(void **state)
{
	(void)state;
	/* Canonical names, HSDS aliases with a language, other spellings of the
	 * same name, and a language the kiosk does not show. */
	text_buffer file = {0};
	assert_int_equal(
	    text_buffer_append_string(
	        &file, "id;naam;omschrijving;kosten_tekst;wanneer_tekst;Naam_EN;description_tr;"
	               "Beschrijving (AR);fees_en;wanneer-tekst-tr;Doelgroep_Ar;naam_de\n"
	               "a;Wandelen;Samen lopen.;€ 2;op afspraak;Walking;Birlikte yürüyüş.;"
	               "المشي معا;2 euros;randevu ile;للجميع;Wandern\n"
	               "b;Koffie;Even bijpraten.;;;;;;;;;\n"
	               "c;Lang;Dutch stays.;;;"),
	    STATUS_OK);
	for (int i = 0; i < 2001; i++)
		assert_int_equal(text_buffer_append_string(&file, "x"), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&file, ";=1+1;;;;;\n"), STATUS_OK);
	import_report report;
	catalogue *imported = import_text(text_buffer_string(&file), &report);
	assert_int_equal(report.imported, 3);
	assert_int_equal(report.error_count, 0);

	const offer *a = find(imported, "a");
	assert_string_equal(catalogue_offer_text_in_language(a, FIELD_NAME, "en"), "Walking");
	assert_string_equal(catalogue_offer_text_in_language(a, FIELD_NAME, "tr"), "Wandelen");
	assert_string_equal(catalogue_offer_text_in_language(a, FIELD_DESCRIPTION, "tr"),
	                    "Birlikte yürüyüş.");
	assert_string_equal(catalogue_offer_text_in_language(a, FIELD_DESCRIPTION, "ar"),
	                    "المشي معا");
	assert_string_equal(catalogue_offer_text_in_language(a, FIELD_COST_TEXT, "en"), "2 euros");
	assert_string_equal(catalogue_offer_text_in_language(a, FIELD_SCHEDULE_TEXT, "tr"),
	                    "randevu ile");
	assert_string_equal(catalogue_offer_text_in_language(a, FIELD_AUDIENCE, "ar"), "للجميع");
	assert_string_equal(field_text(a, FIELD_DESCRIPTION_AR), "المشي معا");
	/* Nothing of the German column is kept; the volunteer is told once. */
	const import_problem *german = problem_at(&report, 1, "naam_de");
	assert_int_equal(german->severity, IMPORT_WARNING);
	assert_non_null(strstr(german->message, "Engels"));

	/* Empty translations: the Dutch text. */
	const offer *b = find(imported, "b");
	assert_string_equal(catalogue_offer_text_in_language(b, FIELD_NAME, "en"), "Koffie");
	assert_string_equal(catalogue_offer_text_in_language(b, FIELD_DESCRIPTION, "ar"),
	                    "Even bijpraten.");
	assert_string_equal(b->translations, "");

	/* Too long: not cut but left out, with the row and a plain reason; the
	 * formula-like translation is kept as text with its own warning. */
	const offer *c = find(imported, "c");
	assert_string_equal(catalogue_offer_text_in_language(c, FIELD_NAME, "en"), "Lang");
	const import_problem *too_long = problem_at(&report, 4, "Naam_EN");
	assert_int_equal(too_long->severity, IMPORT_WARNING);
	assert_non_null(strstr(too_long->message, "vertaling is langer dan 2000 tekens"));
	assert_non_null(strstr(too_long->message, "Nederlandse tekst"));
	assert_true(has_problem(&report, IMPORT_WARNING, 4, "description_tr"));
	assert_string_equal(catalogue_offer_text_in_language(c, FIELD_DESCRIPTION, "tr"), "=1+1");
	assert_int_equal(report.warning_count, 3);

	/* Translations change the fingerprint and survive the canonical round trip. */
	assert_true(catalogue_offer_hash(a) != catalogue_offer_hash(b));
	assert_round_trip(imported, "translations");
	import_report_free(&report);
	catalogue_destroy(imported);
	text_buffer_free(&file);
}

static void test_translation_control_characters_become_spaces(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text("id;naam;naam_en;naam_ar\n"
	                                  "a;Wandelen;\"Walking\x01together\";\"\x1E\x1F\"\n",
	                                  &report);
	const offer *a = find(imported, "a");
	assert_string_equal(catalogue_offer_translation(a, FIELD_NAME_EN), "Walking together");
	/* Nothing visible left: no translation, the Dutch name shows. */
	assert_string_equal(catalogue_offer_text_in_language(a, FIELD_NAME, "ar"), "Wandelen");
	import_report_free(&report);
	catalogue_destroy(imported);
}

static offer_digest digest_of(const catalogue *source, const char *id)
{
	offer_digest digest = {id, catalogue_offer_hash(find(source, id))};
	return digest;
}

static void test_diff_counts_new_changed_removed_unchanged(void **state)
{
	(void)state;
	import_report old_report, new_report;
	catalogue *current =
	    import_text("id;naam\nkeep;Blijft\nchange;Oud\ngone;Weg\n", &old_report);
	catalogue *incoming = import_text(
	    "id;naam\nkeep;Blijft\nchange;Nieuw\nfresh;Vers\nfresher;Verser\n", &new_report);
	offer_digest digests[3] = {digest_of(current, "gone"), digest_of(current, "change"),
	                           digest_of(current, "keep")};
	assert_int_equal(import_compute_diff(&new_report, digests, 3, incoming), STATUS_OK);
	assert_int_equal(new_report.new_count, 2);
	assert_int_equal(new_report.changed_count, 1);
	assert_int_equal(new_report.removed_count, 1);
	assert_int_equal(new_report.unchanged_count, 1);
	/* Against an empty catalogue everything is new. */
	assert_int_equal(import_compute_diff(&new_report, NULL, 0, incoming), STATUS_OK);
	assert_int_equal(new_report.new_count, 4);
	assert_int_equal(new_report.removed_count, 0);
	import_report_free(&old_report);
	import_report_free(&new_report);
	catalogue_destroy(current);
	catalogue_destroy(incoming);
}

/* Feeds `json` to Python's parser and lets it check the contract's shape. */
static void assert_valid_report_json(const char *json, const char *python_checks)
{
	char directory[512];
	test_make_temp_dir(directory, sizeof directory);
	char path[600];
	assert_true(text_format(path, sizeof path, "%s/report.json", directory));
	test_write_file(path, json, strlen(json));
	char command[2048];
	assert_true(text_format(
	    command, sizeof command,
	    "python3 -c 'import json,sys\nr=json.load(open(sys.argv[1],encoding=\"utf-8\"))\n"
	    "assert set(r)=={\"applied\",\"rows\",\"new\",\"changed\",\"removed\","
	    "\"unchanged\",\"errors\",\"warnings\"}, r\n%s' %s",
	    python_checks, path));
	int result = system(command);
	if (result != 0)
		print_error("JSON check failed for: %s\n", json);
	assert_true(WIFEXITED(result) && WEXITSTATUS(result) == 0);
	test_remove_tree(directory);
}

static void test_report_json_follows_the_contract(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported = import_text("id;naam;aanmeld_url;kleur\n"
	                                  "a;\"Naam met \"\"quotes\"\" en \\\\\";http://x.nl;rood\n"
	                                  ";Geen id;;\n"
	                                  "c;\"Twee\nregels\";;\n",
	                                  &report);
	assert_int_equal(import_compute_diff(&report, NULL, 0, imported), STATUS_OK);
	text_buffer json = {0};
	assert_int_equal(import_report_json(&report, true, &json), STATUS_OK);
	assert_valid_report_json(
	    text_buffer_string(&json),
	    "assert r[\"applied\"] is True and r[\"rows\"]==3 and r[\"new\"]==2\n"
	    "assert [e[\"line\"] for e in r[\"errors\"]]==[3]\n"
	    "assert r[\"errors\"][0][\"column\"]==\"id\"\n"
	    "w=[(x[\"line\"],x[\"column\"]) for x in r[\"warnings\"]]\n"
	    "assert w==[(1,\"kleur\"),(2,\"aanmeld_url\")], w\n"
	    "assert all(x[\"message\"] for x in r[\"errors\"]+r[\"warnings\"])");
	import_report_free(&report);
	catalogue_destroy(imported);

	/* A fatal file: its reason is the first error, for the whole file (line 0). */
	catalogue *none = NULL;
	assert_int_equal(import_read_memory("kolom\nwaarde\n", 13, &none, &report), STATUS_OK);
	assert_null(none);
	text_buffer_clear(&json);
	assert_int_equal(import_report_json(&report, false, &json), STATUS_OK);
	assert_valid_report_json(text_buffer_string(&json),
	                         "assert r[\"applied\"] is False\n"
	                         "assert r[\"errors\"][0][\"line\"]==0 and \"ontbreken\" in "
	                         "r[\"errors\"][0][\"message\"]");
	import_report_free(&report);
	text_buffer_free(&json);
}

static void test_report_text_for_a_volunteer(void **state)
{
	(void)state;
	import_report report;
	catalogue *imported =
	    import_text("id;naam;aanmeld_url\na;Een;http://x.nl\n;Twee;\nc;Drie;\n", &report);
	offer_digest digests[1] = {{"oud", 42}};
	assert_int_equal(import_compute_diff(&report, digests, 1, imported), STATUS_OK);
	text_buffer text = {0};
	assert_int_equal(import_report_text(&report, false, &text), STATUS_OK);
	const char *written = text_buffer_string(&text);
	assert_non_null(strstr(written, "Nieuw: 2."));
	assert_non_null(strstr(written, "Verwijderd: 1."));
	assert_non_null(strstr(written, "Rij 2, kolom 'aanmeld_url': "));
	assert_non_null(strstr(written, "Rij 3, kolom 'id': Fout"));
	/* Row order: row 2 is mentioned before row 3. */
	assert_true(strstr(written, "Rij 2,") < strstr(written, "Rij 3,"));
	text_buffer_clear(&text);
	assert_int_equal(import_report_text(&report, true, &text), STATUS_OK);
	assert_non_null(strstr(text_buffer_string(&text), "bijgewerkt"));
	import_report_free(&report);
	catalogue_destroy(imported);

	catalogue *none = NULL;
	assert_int_equal(import_read_memory("", 0, &none, &report), STATUS_OK);
	text_buffer_clear(&text);
	assert_int_equal(import_report_text(&report, false, &text), STATUS_OK);
	assert_non_null(strstr(text_buffer_string(&text), "NIET bijgewerkt"));
	assert_non_null(strstr(text_buffer_string(&text), report.fatal_message));
	import_report_free(&report);
	text_buffer_free(&text);
}

static void test_problems_beyond_the_limit_are_counted(void **state)
{
	(void)state;
	text_buffer file = {0};
	assert_int_equal(text_buffer_append_string(&file, "id;naam;themas\n"), STATUS_OK);
	size_t rows = IMPORT_MAX_PROBLEMS + 50;
	for (size_t i = 0; i < rows; i++)
		assert_int_equal(text_buffer_append_format(&file, "r%zu;Rij;dansen\n", i),
		                 STATUS_OK);
	import_report report;
	catalogue *imported = import_text(text_buffer_string(&file), &report);
	assert_int_equal(report.problem_count, IMPORT_MAX_PROBLEMS);
	assert_int_equal(report.warning_count, rows);
	assert_int_equal(report.imported, rows);
	text_buffer text = {0};
	assert_int_equal(import_report_text(&report, false, &text), STATUS_OK);
	assert_non_null(strstr(text_buffer_string(&text), "En nog 50 andere meldingen."));
	text_buffer_free(&text);
	text_buffer_free(&file);
	import_report_free(&report);
	catalogue_destroy(imported);
}

static void test_template_imports_cleanly(void **state)
{
	(void)state;
	char directory[512];
	test_make_temp_dir(directory, sizeof directory);
	char path[600];
	assert_true(text_format(path, sizeof path, "%s/catalogus.csv", directory));
	assert_int_equal(import_write_template(path), STATUS_OK);
	size_t length = 0;
	char *bytes = test_read_file(path, &length);
	assert_memory_equal(bytes, "\xEF\xBB\xBF", 3);
	/* The header is the canonical column list in order, ';'-separated. */
	text_buffer header = {0};
	for (int field = 0; field < FIELD_COUNT; field++)
		assert_int_equal(
		    text_buffer_append_format(&header, "%s%s", field > 0 ? ";" : "",
		                              catalogue_field_name((catalogue_field)field)),
		    STATUS_OK);
	assert_memory_equal(bytes + 3, text_buffer_string(&header), header.length);
	/* The optional translation columns are there, explained as optional. */
	assert_non_null(strstr(text_buffer_string(&header), ";naam_en;naam_tr;naam_ar;"));
	assert_non_null(strstr(text_buffer_string(&header), ";omschrijving_ar;"));
	assert_non_null(strstr(text_buffer_string(&header), ";wanneer_tekst_ar"));
	assert_non_null(strstr(bytes, "mag leeg: naam in het Engels; leeg = de Nederlandse tekst"));
	assert_non_null(strstr(bytes, "mag leeg: omschrijving in het Arabisch"));
	assert_true(bytes[3 + header.length] == '\r' || bytes[3 + header.length] == '\n');
	/* The explanation row follows, its id starting with '#'. */
	const char *second_line = strchr(bytes, '\n') + 1;
	assert_int_equal(second_line[0], '#');

	catalogue *imported = NULL;
	import_report report;
	assert_int_equal(import_read_file(path, &imported, &report), STATUS_OK);
	assert_non_null(imported);
	assert_int_equal(report.delimiter, ';');
	assert_int_equal(report.rows, 2);
	assert_int_equal(report.imported, 2);
	assert_int_equal(report.problem_count, 0);
	const offer *walk = catalogue_offer(imported, 1);
	const offer *diabetes = catalogue_offer(imported, 0);
	assert_int_equal(walk->kind, KIND_WALKING_GROUP);
	assert_true((walk->themes & THEME_MOVING) != 0);
	assert_int_equal(diabetes->conditions, CONDITION_DIABETES);
	assert_int_equal(diabetes->schedule.frequency, FREQUENCY_MONTHLY);
	assert_string_equal(catalogue_offer_text_in_language(walk, FIELD_NAME, "en"),
	                    "Walking with neighbours");
	assert_string_equal(catalogue_offer_text_in_language(diabetes, FIELD_NAME, "ar"),
	                    diabetes->name);
	import_report_free(&report);
	catalogue_destroy(imported);

	/* Written again over itself, atomically: no temporary file is left. */
	assert_int_equal(import_write_template(path), STATUS_OK);
	DIR *listing = opendir(directory);
	assert_non_null(listing);
	size_t entries = 0;
	struct dirent *entry;
	while ((entry = readdir(listing)) != NULL)
		if (entry->d_name[0] != '.')
			entries++;
	closedir(listing);
	assert_int_equal(entries, 1);
	assert_int_not_equal(import_write_template("/nonexistent-dir/x.csv"), STATUS_OK);
	free(bytes);
	text_buffer_free(&header);
	test_remove_tree(directory);
}

static void test_sha256_of_file_and_memory(void **state)
{
	(void)state;
	static const char BYTES[] = "id;naam\na;Een\n";
	char directory[512];
	test_make_temp_dir(directory, sizeof directory);
	char path[600];
	assert_true(text_format(path, sizeof path, "%s/hash.csv", directory));
	test_write_file(path, BYTES, sizeof BYTES - 1);
	uint8_t expected[32];
	sha256_context context;
	sha256_init(&context);
	sha256_update(&context, BYTES, sizeof BYTES - 1);
	sha256_final(&context, expected);
	catalogue *imported = NULL;
	import_report report;
	assert_int_equal(import_read_file(path, &imported, &report), STATUS_OK);
	assert_memory_equal(report.sha256, expected, 32);
	import_report_free(&report);
	catalogue_destroy(imported);
	assert_int_equal(import_read_memory(BYTES, sizeof BYTES - 1, &imported, &report),
	                 STATUS_OK);
	assert_memory_equal(report.sha256, expected, 32);
	import_report_free(&report);
	catalogue_destroy(imported);
	/* A missing file is a clear refusal, not a crash. */
	assert_true(text_format(path, sizeof path, "%s/missing.csv", directory));
	assert_int_equal(import_read_file(path, &imported, &report), STATUS_OK);
	assert_true(report.fatal);
	assert_null(imported);
	import_report_free(&report);
	assert_int_equal(import_read_file(NULL, &imported, &report), STATUS_USAGE);
	test_remove_tree(directory);
}

static void test_hundred_thousand_rows_import_fast(void **state)
{
	(void)state;
	char directory[512];
	test_make_temp_dir(directory, sizeof directory);
	char path[600];
	assert_true(text_format(path, sizeof path, "%s/many.csv", directory));
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	assert_true(fputs("\xEF\xBB\xBFid;naam;omschrijving;themas;aandoeningen;vorm;contact;"
	                  "deelname;kosten;talen;plaats;lat;lon;rolstoel;dagen;frequentie;"
	                  "tijd_van;tijd_tot;aanmeld_url\r\n",
	                  file) >= 0);
	/* About 19.5 MB: the size of the largest spreadsheet the kiosk accepts. */
	for (unsigned i = 0; i < 100000; i++)
		assert_true(fprintf(file,
		                    "groep-%06u;Wandelen met buren %u;Samen wandelen;"
		                    "bewegen,ontmoeten;diabetes;groep;fysiek;inloop;gratis;nl,tr;"
		                    "Utrecht;52,%04u;5,%04u;ja;di,do;wekelijks;10:00;11:30;"
		                    "https://example.nl/g/%u\r\n",
		                    i, i, i % 10000, i % 10000, i) > 0);
	assert_int_equal(fclose(file), 0);
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	catalogue *imported = NULL;
	import_report report;
	assert_int_equal(import_read_file(path, &imported, &report), STATUS_OK);
	clock_gettime(CLOCK_MONOTONIC, &end);
	double seconds =
	    (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
	print_message("100,000 rows imported in %.2f s\n", seconds);
	assert_non_null(imported);
	assert_int_equal(report.imported, 100000);
	assert_int_equal(report.problem_count, 0);
	assert_non_null(catalogue_find(imported, "groep-054321"));
	/* Release builds take about half a second; sanitizers are several times slower. */
	assert_true(seconds < 15.0);
	import_report_free(&report);
	catalogue_destroy(imported);
	test_remove_tree(directory);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	catalogue *imported = NULL;
	import_report report;
	assert_int_equal(import_read_memory(NULL, 5, &imported, &report), STATUS_USAGE);
	assert_int_equal(import_read_memory("x", 1, NULL, &report), STATUS_USAGE);
	assert_false(import_report_can_apply(NULL));
	import_report_free(NULL);
}

/* The kiosk's own last-good copy may be longer than the 20 MB a volunteer's
 * spreadsheet may be (its canonical text spells out every column); it must
 * still be readable for recovery, while a volunteer's file of that size is
 * refused. */
static void test_own_copy_may_exceed_the_spreadsheet_limit(void **state)
{
	(void)state;
	char directory[512], path[600];
	test_make_temp_dir(directory, sizeof directory);
	snprintf(path, sizeof path, "%s/laatst-goed.csv", directory);
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	fputs("id;naam;omschrijving\r\n", file);
	char description[1501];
	memset(description, 'a', 1500);
	description[1500] = '\0';
	int rows = 0;
	while (ftell(file) <= (long)CSV_MAX_FILE_BYTES + 100000) {
		fprintf(file, "r%06d;Groep %d;%s\r\n", rows, rows, description);
		rows++;
	}
	assert_int_equal(fclose(file), 0);

	catalogue *items = NULL;
	import_report report = {0};
	assert_int_equal(import_read_file(path, &items, &report), STATUS_OK);
	assert_true(report.fatal);
	assert_null(items);
	import_report_free(&report);

	memset(&report, 0, sizeof report);
	assert_int_equal(import_read_own_copy(path, &items, &report), STATUS_OK);
	assert_false(report.fatal);
	assert_non_null(items);
	assert_int_equal(catalogue_count(items), (size_t)rows);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(directory);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dutch_synonyms_map_to_vocabulary),
	    cmocka_unit_test(test_hsds_headers_and_values),
	    cmocka_unit_test(test_days_ordinals_and_frequency),
	    cmocka_unit_test(test_defaults_and_status),
	    cmocka_unit_test(test_values_are_checked_with_warnings),
	    cmocka_unit_test(test_midnight_uur_and_non_breaking_spaces),
	    cmocka_unit_test(test_excel_sep_line_keeps_excel_row_numbers),
	    cmocka_unit_test(test_long_text_is_cut_on_a_character_boundary),
	    cmocka_unit_test(test_windows_1252_cells_are_converted),
	    cmocka_unit_test(test_comment_rows_and_errors),
	    cmocka_unit_test(test_parse_fields_rejects_errors_without_appending),
	    cmocka_unit_test(test_round_trip_of_every_corpus_catalogue),
	    cmocka_unit_test(test_round_trip_of_a_rich_offer),
	    cmocka_unit_test(test_translation_columns),
	    cmocka_unit_test(test_translation_control_characters_become_spaces),
	    cmocka_unit_test(test_diff_counts_new_changed_removed_unchanged),
	    cmocka_unit_test(test_report_json_follows_the_contract),
	    cmocka_unit_test(test_report_text_for_a_volunteer),
	    cmocka_unit_test(test_problems_beyond_the_limit_are_counted),
	    cmocka_unit_test(test_template_imports_cleanly),
	    cmocka_unit_test(test_sha256_of_file_and_memory),
	    cmocka_unit_test(test_hundred_thousand_rows_import_fast),
	    cmocka_unit_test(test_bad_arguments),
	    cmocka_unit_test(test_own_copy_may_exceed_the_spreadsheet_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
