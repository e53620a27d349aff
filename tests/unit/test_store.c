/* test_store.c — the sqlite store: round trips of the catalogue, atomic
 * replacement, migrations, WAL, the last-good backup, recovery from damaged
 * files, the import history and the usage counts. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "catalogue.h"
#include "counters.h"
#include "import.h"
#include "store.h"
#include "text.h"

#define TODAY 20600 /* 2026-05-27 */

static const char header_line[] =
    "id;naam;omschrijving;soort;status;themas;aandoeningen;vorm;contact;deelname;kosten;"
    "kosten_tekst;steun;fase;doelgroep;leeftijd_min;leeftijd_max;talen;adres;postcode;plaats;"
    "lat;lon;rolstoel;dagen;frequentie;tijd_van;tijd_tot;vanaf;tot;vervalt;wanneer_tekst;"
    "aanmeld_url;telefoon;email;contactpersoon;moderator;zorgverlener;gecontroleerd\n";

/* Three offers that use nearly every column, quoting, newlines and lists. */
static const char catalogue_a_rows[] =
    "wandel-01;Wandelen met buren;Elke dinsdag een rondje door de wijk.;wandelgroep;actief;"
    "bewegen,ontmoeten;;groep;fysiek;inloop;gratis;;emotioneel,praktisch;beginnen,volhouden;"
    "iedereen;;;nl,en;Kerkstraat 1;3511 AB;Utrecht;52,0907;5,1214;ja;di;wekelijks;10:00;11:30;"
    "2026-01-01;2026-12-31;2026-04-28;;https://example.org/wandelen;030-1234567;"
    "info@example.org;Anja;ja;nee;2026-03-01\n"
    "diabetes-02;\"Diabetes; samen sterk\";\"Lotgenoten met \"\"diabetes\"\"\nop twee "
    "regels\";groep;;voeding;diabetes;groep_met_zorgverlener;fysiek,online;aanmelden;bijdrage;"
    "\xE2\x82\xAC 2 per keer;informatief;orienteren;mannen 50+;50;99;nl;;;;;;nee;1di,-1vr;"
    "maandelijks;19:00;;;;;;;;;;;;;\n"
    "roken-03;Stoppen met roken;;telefoon;tijdelijk_gestopt;roken;;1op1;telefoon;;vergoed;;;;;"
    ";;;;;;;;;;;;;;;;Bel ons op werkdagen;;0800-1234;;;;;\n";

/* A different catalogue sharing one id with A. */
static const char catalogue_b_rows[] =
    "wandel-01;Wandelen in het park;;wandelgroep;;bewegen;;groep;fysiek;inloop;gratis;;;;;;;;;"
    ";;;;;;;;;;;;;;;;;;;\n"
    "slaap-04;Beter slapen;;cursus;;slaap;;groep;fysiek;programma;vergoed;;;;;;;;;;;;;;;;;;;;;"
    ";;;;;;;\n";

typedef struct scratch {
	char directory[512];
	char database[600];
	char backup[700];
} scratch;

static void make_scratch(scratch *place)
{
	test_make_temp_dir(place->directory, sizeof place->directory);
	/* A subdirectory that does not exist yet: store_open creates it. */
	assert_true(text_format(place->database, sizeof place->database, "%s/data/kiosk.db",
	                        place->directory));
	assert_true(text_format(place->backup, sizeof place->backup, "%s%s", place->database,
	                        STORE_BACKUP_SUFFIX));
}

static catalogue *parse_with_header(const char *header, const char *rows, import_report *report)
{
	text_buffer csv = {0};
	assert_int_equal(text_buffer_append_string(&csv, header), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&csv, rows), STATUS_OK);
	catalogue *items = NULL;
	memset(report, 0, sizeof *report);
	assert_int_equal(import_read_memory(csv.data, csv.length, &items, report), STATUS_OK);
	text_buffer_free(&csv);
	assert_false(report->fatal);
	assert_int_equal(report->error_count, 0);
	assert_non_null(items);
	return items;
}

static catalogue *parse_catalogue(const char *rows, import_report *report)
{
	return parse_with_header(header_line, rows, report);
}

/* Every field's canonical text and every hash must be equal, in order. */
static void assert_same_catalogue(const catalogue *expected, const catalogue *actual)
{
	assert_int_equal(catalogue_count(actual), catalogue_count(expected));
	text_buffer expected_text = {0}, actual_text = {0};
	for (size_t index = 0; index < catalogue_count(expected); index++) {
		const offer *want = catalogue_offer(expected, index);
		const offer *got = catalogue_offer(actual, index);
		for (int field = 0; field < FIELD_COUNT; field++) {
			assert_int_equal(catalogue_offer_field_text(want, (catalogue_field)field,
			                                            &expected_text),
			                 STATUS_OK);
			assert_int_equal(
			    catalogue_offer_field_text(got, (catalogue_field)field, &actual_text),
			    STATUS_OK);
			assert_string_equal(text_buffer_string(&actual_text),
			                    text_buffer_string(&expected_text));
		}
		assert_true(catalogue_offer_hash(got) == catalogue_offer_hash(want));
	}
	text_buffer_free(&expected_text);
	text_buffer_free(&actual_text);
}

static void assert_store_holds(store *database, const catalogue *expected)
{
	catalogue *loaded = NULL;
	assert_int_equal(store_load_catalogue(database, &loaded), STATUS_OK);
	assert_same_catalogue(expected, loaded);
	catalogue_destroy(loaded);
	size_t count = 0;
	assert_int_equal(store_count_offers(database, &count), STATUS_OK);
	assert_int_equal(count, catalogue_count(expected));
}

/* Imports catalogue A into a new store at place->database and closes it. */
static catalogue *store_catalogue_a(const scratch *place, import_report *report)
{
	catalogue *items = parse_catalogue(catalogue_a_rows, report);
	assert_int_equal(import_compute_diff(report, NULL, 0, items), STATUS_OK);
	store *database = NULL;
	assert_int_equal(store_open(place->database, &database), STATUS_OK);
	assert_int_equal(store_replace_catalogue(database, items, report, STORE_SOURCE_USB, TODAY),
	                 STATUS_OK);
	store_close(database);
	return items;
}

static bool file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void test_round_trip(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	assert_int_equal(catalogue_count(items), 3);

	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_store_holds(database, items);

	offer_digest *digests = NULL;
	size_t digest_count = 0;
	assert_int_equal(store_load_digests(database, &digests, &digest_count), STATUS_OK);
	assert_int_equal(digest_count, catalogue_count(items));
	for (size_t i = 0; i < digest_count; i++) {
		assert_string_equal(digests[i].id, catalogue_offer(items, i)->id);
		assert_true(digests[i].content_hash ==
		            catalogue_offer_hash(catalogue_offer(items, i)));
	}
	store_free_digests(digests);

	/* A second catalogue replaces the first completely. */
	import_report report_b;
	catalogue *items_b = parse_catalogue(catalogue_b_rows, &report_b);
	assert_int_equal(
	    store_replace_catalogue(database, items_b, &report_b, STORE_SOURCE_FILE, TODAY),
	    STATUS_OK);
	assert_store_holds(database, items_b);
	store_close(database);

	catalogue_destroy(items);
	catalogue_destroy(items_b);
	import_report_free(&report);
	import_report_free(&report_b);
	test_remove_tree(place.directory);
}

static void test_empty_store_loads_empty(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	catalogue *loaded = NULL;
	assert_int_equal(store_load_catalogue(database, &loaded), STATUS_OK);
	assert_int_equal(catalogue_count(loaded), 0);
	catalogue_destroy(loaded);
	offer_digest *digests = NULL;
	size_t count = 7;
	assert_int_equal(store_load_digests(database, &digests, &count), STATUS_OK);
	assert_null(digests);
	assert_int_equal(count, 0);
	store_close(database);
	test_remove_tree(place.directory);
}

/* Two offers with the same id make the insert fail halfway: the old
 * catalogue, its history and its backup must all stay as they were. */
static void test_failed_replace_keeps_old_catalogue(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	size_t backup_length = 0;
	char *backup_before = test_read_file(place.backup, &backup_length);

	catalogue *broken = catalogue_create();
	assert_non_null(broken);
	for (int i = 0; i < 2; i++) {
		offer *item = catalogue_append(broken);
		assert_non_null(item);
		item->id = catalogue_intern(broken, "dubbel", 6);
		item->name = catalogue_intern(broken, "Twee keer dezelfde id", 21);
		assert_non_null(item->id);
		assert_non_null(item->name);
	}

	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	status result = store_replace_catalogue(database, broken, NULL, STORE_SOURCE_FILE, TODAY);
	assert_int_not_equal(result, STATUS_OK);
	assert_true(strlen(store_last_error(database)) > 0);
	assert_store_holds(database, items);
	store_import_record history[4];
	size_t history_count = 0;
	assert_int_equal(store_history(database, history, 4, &history_count), STATUS_OK);
	assert_int_equal(history_count, 1);
	assert_string_equal(history[0].source, "usb-stick");
	/* The store still works after the rollback. */
	assert_int_equal(store_record_refused_import(database, NULL, STORE_SOURCE_FILE, TODAY),
	                 STATUS_OK);
	store_close(database);

	size_t backup_after_length = 0;
	char *backup_after = test_read_file(place.backup, &backup_after_length);
	assert_int_equal(backup_after_length, backup_length);
	assert_memory_equal(backup_after, backup_before, backup_length);
	char temporary[800];
	assert_true(text_format(temporary, sizeof temporary, "%s.tmp", place.backup));
	assert_false(file_exists(temporary));

	/* Reopening shows the same. */
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_store_holds(database, items);
	store_close(database);

	free(backup_before);
	free(backup_after);
	catalogue_destroy(broken);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_migration_from_empty_file_and_reopen(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	/* A zero-byte file, as a crash right after creating it leaves. */
	char data_directory[600];
	assert_true(text_format(data_directory, sizeof data_directory, "%s/data", place.directory));
	assert_int_equal(mkdir(data_directory, 0700), 0);
	test_write_file(place.database, "", 0);

	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	int version = 0;
	assert_int_equal(store_schema_version(database, &version), STATUS_OK);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	size_t count = 99;
	assert_int_equal(store_count_offers(database, &count), STATUS_OK);
	assert_int_equal(count, 0);
	store_close(database);

	/* Re-opening at the current version changes nothing in the file. */
	size_t length_before = 0, length_after = 0;
	char *before = test_read_file(place.database, &length_before);
	assert_true(length_before > 0);
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_int_equal(store_schema_version(database, &version), STATUS_OK);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	store_close(database);
	char *after = test_read_file(place.database, &length_after);
	assert_int_equal(length_after, length_before);
	assert_memory_equal(after, before, length_before);

	/* A database from a newer program is refused, not damaged. user_version
	 * is the big-endian 32-bit number at offset 60 of the header. */
	after[60] = 0;
	after[61] = 0;
	after[62] = 0;
	after[63] = 99;
	test_write_file(place.database, after, length_after);
	assert_int_equal(store_open(place.database, &database), STATUS_DATABASE);
	assert_null(database);

	free(before);
	free(after);
	test_remove_tree(place.directory);
}

static void test_wal_mode_is_on(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	/* Header bytes 18 and 19 (file format write/read version) are 2 in WAL. */
	size_t length = 0;
	char *bytes = test_read_file(place.database, &length);
	assert_true(length >= 100);
	assert_int_equal(bytes[18], 2);
	assert_int_equal(bytes[19], 2);
	free(bytes);

	/* While a store is open after a write, the -wal file exists. */
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_int_equal(store_record_refused_import(database, NULL, STORE_SOURCE_FILE, TODAY),
	                 STATUS_OK);
	char wal[700];
	assert_true(text_format(wal, sizeof wal, "%s-wal", place.database));
	assert_true(file_exists(wal));
	store_close(database);

	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_backup_is_written_and_reimports(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);

	size_t length = 0;
	char *backup = test_read_file(place.backup, &length);
	assert_true(length > 3);
	assert_memory_equal(backup, "\xEF\xBB\xBF", 3);
	assert_true(text_starts_with(backup + 3, "id;naam;omschrijving;soort;"));
	free(backup);
	char temporary[800];
	assert_true(text_format(temporary, sizeof temporary, "%s.tmp", place.backup));
	assert_false(file_exists(temporary));

	catalogue *reimported = NULL;
	import_report reimport_report;
	memset(&reimport_report, 0, sizeof reimport_report);
	assert_int_equal(import_read_file(place.backup, &reimported, &reimport_report), STATUS_OK);
	assert_non_null(reimported);
	assert_int_equal(reimport_report.error_count, 0);
	assert_int_equal(reimport_report.warning_count, 0);
	assert_same_catalogue(items, reimported);

	catalogue_destroy(reimported);
	import_report_free(&reimport_report);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* A second kiosk process may still be publishing its backup (it committed
 * and holds its temporary copy) when this one starts an import: the other
 * copy must not be truncated under it, and afterwards the backup holds this
 * import's catalogue, whole. */
static void test_backup_waits_for_another_writer(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	char temporary[800];
	assert_true(text_format(temporary, sizeof temporary, "%s.tmp", place.backup));

	int ready[2];
	assert_int_equal(pipe(ready), 0);
	static const char other_copy[] = "id;naam\r\nander;Kopie van het andere proces\r\n";
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* The other process: its copy written and locked, about to rename. */
		int descriptor = open(temporary, O_RDWR | O_CREAT | O_TRUNC, 0644);
		struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
		if (descriptor < 0 ||
		    write(descriptor, other_copy, sizeof other_copy - 1) !=
		        (ssize_t)(sizeof other_copy - 1) ||
		    fcntl(descriptor, F_SETLKW, &lock) != 0 || write(ready[1], "x", 1) != 1)
			_exit(2);
		struct timespec pause = {.tv_sec = 0, .tv_nsec = 300 * 1000 * 1000};
		nanosleep(&pause, NULL);
		char seen[sizeof other_copy] = "";
		bool intact =
		    pread(descriptor, seen, sizeof seen, 0) == (ssize_t)(sizeof other_copy - 1) &&
		    memcmp(seen, other_copy, sizeof other_copy - 1) == 0;
		if (rename(temporary, place.backup) != 0)
			_exit(3);
		_exit(intact ? 0 : 1);
	}
	char byte = 0;
	assert_int_equal(read(ready[0], &byte, 1), 1);
	close(ready[0]);
	close(ready[1]);

	import_report report_b;
	catalogue *items_b = parse_catalogue(catalogue_b_rows, &report_b);
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_int_equal(
	    store_replace_catalogue(database, items_b, &report_b, STORE_SOURCE_FILE, TODAY),
	    STATUS_OK);
	store_close(database);
	int child_status = 0;
	assert_int_equal(waitpid(child, &child_status, 0), child);
	assert_true(WIFEXITED(child_status));
	assert_int_equal(WEXITSTATUS(child_status), 0); /* its copy was left alone */

	catalogue *restored = NULL;
	import_report restored_report;
	memset(&restored_report, 0, sizeof restored_report);
	assert_int_equal(import_read_file(place.backup, &restored, &restored_report), STATUS_OK);
	assert_non_null(restored);
	assert_same_catalogue(items_b, restored);
	assert_false(file_exists(temporary));

	catalogue_destroy(restored);
	import_report_free(&restored_report);
	catalogue_destroy(items_b);
	import_report_free(&report_b);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* A kill while an import was storing leaves the last-good copy in the
 * making; the next open for writing removes it (nobody holds its lock) and
 * leaves the real last-good copy as it was. A read-only open changes
 * nothing. (A copy another process still holds: see
 * test_backup_waits_for_another_writer.) */
static void test_abandoned_backup_copy_is_removed_at_open(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	char temporary[800];
	assert_true(text_format(temporary, sizeof temporary, "%s.tmp", place.backup));
	size_t backup_length = 0;
	char *backup_before = test_read_file(place.backup, &backup_length);
	static const char half[] = "\xEF\xBB\xBFid;naam\r\nhalf-";
	test_write_file(temporary, half, sizeof half - 1);

	store *database = NULL;
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	store_close(database);
	assert_true(file_exists(temporary));

	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	store_close(database);
	assert_false(file_exists(temporary));
	size_t backup_after_length = 0;
	char *backup_after = test_read_file(place.backup, &backup_after_length);
	assert_int_equal(backup_after_length, backup_length);
	assert_memory_equal(backup_after, backup_before, backup_length);

	free(backup_after);
	free(backup_before);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void overwrite_bytes(const char *path, size_t offset, size_t count, char fill)
{
	size_t length = 0;
	char *bytes = test_read_file(path, &length);
	assert_true(offset + count <= length);
	memset(bytes + offset, fill, count);
	test_write_file(path, bytes, length);
	free(bytes);
}

/* Changes one letter of a stored name so only the offer's hash can tell. */
static void damage_stored_text(const scratch *place, const char *needle)
{
	size_t length = 0, needle_length = strlen(needle);
	char *bytes = test_read_file(place->database, &length);
	char *found = NULL;
	for (size_t i = 0; i + needle_length <= length && found == NULL; i++)
		if (memcmp(bytes + i, needle, needle_length) == 0)
			found = bytes + i;
	assert_non_null(found);
	found[0] = 'Z';
	test_write_file(place->database, bytes, length);
	free(bytes);
}

static void write_sample(const scratch *place, char *sample_path, size_t size)
{
	assert_true(text_format(sample_path, size, "%s/voorbeeld.csv", place->directory));
	text_buffer csv = {0};
	assert_int_equal(text_buffer_append_string(&csv, header_line), STATUS_OK);
	assert_int_equal(text_buffer_append_string(&csv, catalogue_b_rows), STATUS_OK);
	test_write_file(sample_path, csv.data, csv.length);
	text_buffer_free(&csv);
}

/* Damages the database with `damage`, then checks that recovery moves it
 * aside, reports `expected` and holds `expected_catalogue`. */
static void check_recovery(const scratch *place, const char *sample_path, store_recovery expected,
                           const catalogue *expected_catalogue)
{
	store *database = NULL;
	assert_int_equal(store_open(place->database, &database), STATUS_CORRUPT);
	assert_null(database);

	size_t damaged_length = 0;
	char *damaged = test_read_file(place->database, &damaged_length);
	store_recovery what = STORE_OPENED;
	catalogue *loaded = NULL;
	assert_int_equal(
	    store_open_or_recover(place->database, sample_path, &database, &what, &loaded),
	    STATUS_OK);
	assert_non_null(database);
	assert_int_equal(what, expected);
	/* The caller gets the restored catalogue without reading it again. */
	assert_non_null(loaded);
	assert_int_equal(catalogue_count(loaded),
	                 expected_catalogue != NULL ? catalogue_count(expected_catalogue) : 0);
	if (expected_catalogue != NULL)
		assert_same_catalogue(expected_catalogue, loaded);
	catalogue_destroy(loaded);
	if (expected_catalogue != NULL) {
		assert_store_holds(database, expected_catalogue);
	} else {
		size_t count = 9;
		assert_int_equal(store_count_offers(database, &count), STATUS_OK);
		assert_int_equal(count, 0);
	}
	/* The restore is the fresh history's one applied row, under a source
	 * of its own, so the volunteers' menu can tell it from an import. */
	store_import_record history[2];
	size_t count = 0;
	assert_int_equal(store_history(database, history, 2, &count), STATUS_OK);
	assert_int_equal(count, 1);
	assert_true(history[0].applied);
	const char *source = expected == STORE_RESTORED_FROM_BACKUP   ? "reservekopie"
	                     : expected == STORE_RESTORED_FROM_SAMPLE ? "noodvoorbeeld"
	                                                              : "leeg-na-schade";
	assert_string_equal(history[0].source, source);
	store_source parsed = STORE_SOURCE_FILE;
	assert_int_equal(store_source_from_name(history[0].source, &parsed), STATUS_OK);
	assert_true(store_source_is_after_damage(parsed));
	store_import_record last;
	bool found = false;
	assert_int_equal(store_last_applied_import(database, &last, &found), STATUS_OK);
	assert_true(found);
	assert_int_equal(last.id, history[0].id);
	store_close(database);

	/* The damaged file was kept for a developer to look at. */
	char moved[700];
	assert_true(
	    text_format(moved, sizeof moved, "%s%s", place->database, STORE_DAMAGED_SUFFIX));
	size_t moved_length = 0;
	char *moved_bytes = test_read_file(moved, &moved_length);
	assert_int_equal(moved_length, damaged_length);
	assert_memory_equal(moved_bytes, damaged, damaged_length);
	free(moved_bytes);
	free(damaged);

	/* And the recovered database opens normally now. */
	assert_int_equal(store_open(place->database, &database), STATUS_OK);
	store_close(database);
}

static void test_recovery_from_damaged_header_uses_backup(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	char sample[700];
	write_sample(&place, sample, sizeof sample);
	overwrite_bytes(place.database, 0, 100, 'x');
	check_recovery(&place, sample, STORE_RESTORED_FROM_BACKUP, items);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_recovery_from_damaged_page_uses_backup(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	char sample[700];
	write_sample(&place, sample, sizeof sample);
	/* Page 2 is the root of the offer table (created first). Pages are 4096
	 * bytes (sqlite's default) — read the size from the header to be sure. */
	size_t length = 0;
	unsigned char *bytes = (unsigned char *)test_read_file(place.database, &length);
	size_t page_size = (size_t)bytes[16] << 8 | bytes[17];
	free(bytes);
	assert_true(page_size >= 512);
	assert_true(length >= 3 * page_size);
	overwrite_bytes(place.database, page_size, page_size, (char)0xA5);
	check_recovery(&place, sample, STORE_RESTORED_FROM_BACKUP, items);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* One changed letter inside a stored name leaves the file's structure
 * intact, so quick_check passes; the per-offer hash still catches it. */
static void test_recovery_from_damaged_content_uses_backup(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	damage_stored_text(&place, "Stoppen met roken");

	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	catalogue *loaded = NULL;
	assert_int_equal(store_load_catalogue(database, &loaded), STATUS_CORRUPT);
	assert_null(loaded);
	assert_non_null(strstr(store_last_error(database), "roken-03"));
	store_close(database);

	store_recovery what = STORE_OPENED;
	assert_int_equal(store_open_or_recover(place.database, NULL, &database, &what, NULL),
	                 STATUS_OK);
	assert_int_equal(what, STORE_RESTORED_FROM_BACKUP);
	assert_store_holds(database, items);
	store_close(database);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_recovery_without_backup_uses_sample(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	char sample[700];
	write_sample(&place, sample, sizeof sample);
	assert_int_equal(remove(place.backup), 0);
	/* A file full of garbage. */
	size_t length = 0;
	char *bytes = test_read_file(place.database, &length);
	for (size_t i = 0; i < length; i++)
		bytes[i] = (char)(i * 7919u % 251u);
	test_write_file(place.database, bytes, length);
	free(bytes);

	import_report sample_report;
	catalogue *sample_items = parse_catalogue(catalogue_b_rows, &sample_report);
	check_recovery(&place, sample, STORE_RESTORED_FROM_SAMPLE, sample_items);
	/* The restored sample became the new last-good copy. */
	assert_true(file_exists(place.backup));

	catalogue_destroy(sample_items);
	import_report_free(&sample_report);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_recovery_with_broken_backup_uses_sample(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	char sample[700];
	write_sample(&place, sample, sizeof sample);
	test_write_file(place.backup, "\0\0\0binary", 9);
	overwrite_bytes(place.database, 0, 16, 0);

	import_report sample_report;
	catalogue *sample_items = parse_catalogue(catalogue_b_rows, &sample_report);
	check_recovery(&place, sample, STORE_RESTORED_FROM_SAMPLE, sample_items);

	catalogue_destroy(sample_items);
	import_report_free(&sample_report);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_recovery_with_nothing_left_is_empty(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	assert_int_equal(remove(place.backup), 0);
	overwrite_bytes(place.database, 0, 100, 'x');
	/* An older damaged copy is replaced by the new one. */
	char moved[700];
	assert_true(text_format(moved, sizeof moved, "%s%s", place.database, STORE_DAMAGED_SUFFIX));
	test_write_file(moved, "old", 3);
	check_recovery(&place, NULL, STORE_EMPTY, NULL);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_healthy_database_is_just_opened(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	store *database = NULL;
	store_recovery what = STORE_EMPTY;
	catalogue *loaded = (catalogue *)&loaded;
	assert_int_equal(store_open_or_recover(place.database, NULL, &database, &what, &loaded),
	                 STATUS_OK);
	assert_int_equal(what, STORE_OPENED);
	/* The catalogue read to verify the database is handed over, not dropped. */
	assert_non_null(loaded);
	assert_same_catalogue(items, loaded);
	catalogue_destroy(loaded);
	assert_store_holds(database, items);
	store_close(database);
	char moved[700];
	assert_true(text_format(moved, sizeof moved, "%s%s", place.database, STORE_DAMAGED_SUFFIX));
	assert_false(file_exists(moved));
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* A read-only open is for checks that must change nothing: no file, no
 * directory, no migration, no recovery, no write. */
static void test_read_only_open_changes_nothing(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	store *database = (store *)&database;
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_NOT_FOUND);
	assert_null(database);
	char data_directory[600];
	assert_true(text_format(data_directory, sizeof data_directory, "%s/data", place.directory));
	assert_false(file_exists(data_directory));

	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	size_t length_before = 0, length_after = 0;
	char *before = test_read_file(place.database, &length_before);
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	assert_store_holds(database, items);
	offer_digest *digests = NULL;
	size_t digest_count = 0;
	assert_int_equal(store_load_digests(database, &digests, &digest_count), STATUS_OK);
	assert_int_equal(digest_count, catalogue_count(items));
	store_free_digests(digests);
	assert_int_not_equal(store_record_refused_import(database, NULL, STORE_SOURCE_FILE, TODAY),
	                     STATUS_OK);
	store_close(database);
	char *after = test_read_file(place.database, &length_after);
	assert_int_equal(length_after, length_before);
	assert_memory_equal(after, before, length_before);
	free(after);

	/* Damage is reported, and the file stays where it is. */
	overwrite_bytes(place.database, 0, 100, 'x');
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_CORRUPT);
	assert_null(database);
	assert_true(file_exists(place.database));
	char moved[700];
	assert_true(text_format(moved, sizeof moved, "%s%s", place.database, STORE_DAMAGED_SUFFIX));
	assert_false(file_exists(moved));

	/* A newer schema is refused, not migrated. */
	before[60] = 0;
	before[61] = 0;
	before[62] = 0;
	before[63] = 99;
	test_write_file(place.database, before, length_before);
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_DATABASE);
	assert_null(database);

	free(before);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_history_rows(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);

	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	import_report refused;
	memset(&refused, 0, sizeof refused);
	refused.rows = 12;
	refused.error_count = 5;
	refused.warning_count = 2;
	refused.sha256[0] = 0xAB;
	refused.sha256[31] = 0x01;
	assert_int_equal(
	    store_record_refused_import(database, &refused, STORE_SOURCE_USB, TODAY + 1),
	    STATUS_OK);

	store_import_record history[8];
	size_t count = 0;
	assert_int_equal(store_history(database, history, 8, &count), STATUS_OK);
	assert_int_equal(count, 2);
	/* Newest first. */
	assert_false(history[0].applied);
	assert_string_equal(history[0].source, "usb-stick");
	assert_int_equal(history[0].imported_on, TODAY + 1);
	assert_int_equal(history[0].rows, 12);
	assert_int_equal(history[0].error_count, 5);
	assert_int_equal(history[0].warning_count, 2);
	assert_string_equal(history[0].sha256_hex,
	                    "ab00000000000000000000000000000000000000000000000000000000000001");
	assert_true(history[1].applied);
	assert_true(history[1].id < history[0].id);
	assert_string_equal(history[1].source, "usb-stick");
	assert_int_equal(history[1].imported_on, TODAY);
	assert_int_equal(history[1].rows, report.rows);
	assert_int_equal(history[1].imported, 3);
	assert_int_equal(history[1].new_count, 3);
	char digest[65] = "";
	for (size_t i = 0; i < 32; i++)
		assert_true(text_format(digest + 2 * i, 3, "%02x", report.sha256[i]));
	assert_string_equal(history[1].sha256_hex, digest);

	/* Capacity limits the copy to the newest rows. */
	assert_int_equal(store_history(database, history, 1, &count), STATUS_OK);
	assert_int_equal(count, 1);
	assert_false(history[0].applied);

	/* The catalogue in use came from the applied row, not the refused one. */
	store_import_record last;
	bool found = false;
	assert_int_equal(store_last_applied_import(database, &last, &found), STATUS_OK);
	assert_true(found);
	assert_true(last.applied);
	assert_int_equal(last.id, history[0].id - 1);
	assert_int_equal(last.new_count, 3);
	assert_string_equal(last.source, "usb-stick");
	store_close(database);

	/* A database without a history has no applied row. */
	char empty_path[700];
	assert_true(text_format(empty_path, sizeof empty_path, "%s/leeg.db", place.directory));
	assert_int_equal(store_open(empty_path, &database), STATUS_OK);
	last.id = 7;
	assert_int_equal(store_last_applied_import(database, &last, &found), STATUS_OK);
	assert_false(found);
	assert_int_equal(last.id, 0);
	assert_int_equal(store_last_applied_import(database, NULL, &found), STATUS_USAGE);
	store_close(database);

	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static char *usage_csv(store *database, const scratch *place)
{
	char path[700];
	assert_true(text_format(path, sizeof path, "%s/gebruik.csv", place->directory));
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	assert_int_equal(store_write_usage_csv(database, out), STATUS_OK);
	assert_int_equal(fclose(out), 0);
	return test_read_file(path, NULL);
}

static void test_counters_merge_into_usage_csv(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);

	char *empty = usage_csv(database, &place);
	assert_string_equal(empty, "\xEF\xBB\xBF"
	                           "dag;soort;sleutel;aantal\r\n");
	free(empty);

	counters *pending = counters_create();
	assert_non_null(pending);
	assert_int_equal(counters_add(pending, TODAY + 1, COUNTER_ANSWER, "themas=bewegen", 2),
	                 STATUS_OK);
	assert_int_equal(
	    counters_add(pending, TODAY, COUNTER_SEARCH, "themas=roken;kosten=gratis", 1),
	    STATUS_OK);
	assert_int_equal(counters_add(pending, TODAY, COUNTER_ANSWER, "themas=bewegen", 1),
	                 STATUS_OK);
	assert_int_equal(store_add_counters(database, pending), STATUS_OK);
	counters_clear(pending);
	/* A second flush adds to the stored totals. */
	assert_int_equal(counters_add(pending, TODAY, COUNTER_ANSWER, "themas=bewegen", 4),
	                 STATUS_OK);
	assert_int_equal(counters_add(pending, TODAY, COUNTER_UNMET_DEMAND, "themas=slaap", 1),
	                 STATUS_OK);
	assert_int_equal(store_add_counters(database, pending), STATUS_OK);
	counters_destroy(pending);
	store_close(database);

	/* Counts survive reopening; rows come ordered by day, kind, key. */
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	char *csv = usage_csv(database, &place);
	assert_string_equal(csv, "\xEF\xBB\xBF"
	                         "dag;soort;sleutel;aantal\r\n"
	                         "2026-05-27;antwoord;themas=bewegen;5\r\n"
	                         "2026-05-27;niets_gevonden;themas=slaap;1\r\n"
	                         "2026-05-27;zoekopdracht;\"themas=roken;kosten=gratis\";1\r\n"
	                         "2026-05-28;antwoord;themas=bewegen;2\r\n");
	free(csv);
	store_close(database);
	test_remove_tree(place.directory);
}

/* What a scan saw: each offer's id and hash in visiting order, and how
 * often (and with what count) a pass started. */
typedef struct scan_log {
	char ids[8][64];
	uint64_t hashes[8];
	size_t visited;
	size_t starts;
	size_t announced;
	size_t stop_after; /* refuse the visit after this many (0: never) */
} scan_log;

static status log_offer(void *context, const offer *item)
{
	scan_log *log = context;
	if (log->stop_after > 0 && log->visited == log->stop_after)
		return STATUS_REFUSED;
	assert_true(log->visited < 8);
	assert_true(text_copy(log->ids[log->visited], sizeof log->ids[0], item->id));
	log->hashes[log->visited] = catalogue_offer_hash(item);
	log->visited++;
	return STATUS_OK;
}

static status log_start(void *context, size_t offer_count)
{
	scan_log *log = context;
	log->visited = 0; /* an abandoned pass is forgotten */
	log->starts++;
	log->announced = offer_count;
	return STATUS_OK;
}

/* The scan saw exactly the offers of `expected`, once each, in id order. */
static void assert_scanned(const scan_log *log, const catalogue *expected)
{
	assert_int_equal(log->visited, catalogue_count(expected));
	for (size_t index = 0; index < log->visited; index++) {
		const offer *item = catalogue_offer(expected, index);
		assert_string_equal(log->ids[index], item->id);
		assert_true(log->hashes[index] == catalogue_offer_hash(item));
	}
}

static void test_scan_visits_every_offer_once(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	scan_log log = {0};
	assert_int_equal(store_scan_offers(database, log_offer, &log), STATUS_OK);
	assert_scanned(&log, items);
	/* Without a visitor it only verifies. */
	assert_int_equal(store_scan_offers(database, NULL, NULL), STATUS_OK);
	assert_int_equal(store_scan_offers(NULL, log_offer, &log), STATUS_USAGE);

	/* A visitor's refusal stops the scan, and the store is fine after it:
	 * the read transaction was closed, so an import can still commit. */
	scan_log stopping = {.stop_after = 1};
	assert_int_equal(store_scan_offers(database, log_offer, &stopping), STATUS_REFUSED);
	assert_int_equal(stopping.visited, 1);
	import_report report_b;
	catalogue *items_b = parse_catalogue(catalogue_b_rows, &report_b);
	assert_int_equal(
	    store_replace_catalogue(database, items_b, &report_b, STORE_SOURCE_FILE, TODAY),
	    STATUS_OK);
	scan_log after = {0};
	assert_int_equal(store_scan_offers(database, log_offer, &after), STATUS_OK);
	assert_scanned(&after, items_b);
	store_close(database);

	/* A read-only store scans too. */
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	scan_log read_only = {0};
	assert_int_equal(store_scan_offers(database, log_offer, &read_only), STATUS_OK);
	assert_scanned(&read_only, items_b);
	store_close(database);

	catalogue_destroy(items_b);
	import_report_free(&report_b);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_scan_finds_a_damaged_row(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	damage_stored_text(&place, "Stoppen met roken");
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	scan_log log = {0};
	assert_int_equal(store_scan_offers(database, log_offer, &log), STATUS_CORRUPT);
	assert_non_null(strstr(store_last_error(database), "roken-03"));
	/* In id order diabetes-02 comes first and was seen; nothing after. */
	assert_int_equal(log.visited, 1);
	assert_string_equal(log.ids[0], "diabetes-02");
	store_close(database);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* Opens with a scanner and checks it saw exactly `expected_items` after
 * `expected_starts` passes, and that the store holds them. */
static void check_scanning_open(const scratch *place, const char *sample_path,
                                store_recovery expected, size_t expected_starts,
                                const catalogue *expected_items)
{
	scan_log log = {0};
	store_offer_scanner scanner = {log_start, log_offer, &log};
	store *database = NULL;
	store_recovery what = expected == STORE_OPENED ? STORE_EMPTY : STORE_OPENED;
	assert_int_equal(store_open_or_recover_scanning(place->database, sample_path, &scanner,
	                                                &database, &what),
	                 STATUS_OK);
	assert_int_equal(what, expected);
	assert_int_equal(log.starts, expected_starts);
	assert_int_equal(log.announced, catalogue_count(expected_items));
	assert_scanned(&log, expected_items);
	assert_store_holds(database, expected_items);
	store_close(database);
}

static void test_scanning_open_of_a_healthy_database(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	check_scanning_open(&place, NULL, STORE_OPENED, 1, items);
	store *database = NULL;
	store_recovery what = STORE_OPENED;
	assert_int_equal(
	    store_open_or_recover_scanning(place.database, NULL, NULL, &database, &what),
	    STATUS_USAGE);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* Damage found half way through the pass: the scanner is started again and
 * ends up with the restored catalogue only. */
static void test_scanning_open_recovers_and_starts_again(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	damage_stored_text(&place, "Stoppen met roken");
	check_scanning_open(&place, NULL, STORE_RESTORED_FROM_BACKUP, 2, items);

	/* A file that is no database at all, no backup: the sample is scanned. */
	char sample[700];
	write_sample(&place, sample, sizeof sample);
	assert_int_equal(remove(place.backup), 0);
	overwrite_bytes(place.database, 0, 100, 'x');
	import_report sample_report;
	catalogue *sample_items = parse_catalogue(catalogue_b_rows, &sample_report);
	check_scanning_open(&place, sample, STORE_RESTORED_FROM_SAMPLE, 1, sample_items);

	/* A scanner that fails stops the open; the store is not handed out. */
	scan_log refusing = {.stop_after = 1};
	store_offer_scanner scanner = {log_start, log_offer, &refusing};
	store_recovery what = STORE_OPENED;
	store *database = (store *)&database;
	assert_int_equal(
	    store_open_or_recover_scanning(place.database, sample, &scanner, &database, &what),
	    STATUS_REFUSED);
	assert_null(database);

	catalogue_destroy(sample_items);
	import_report_free(&sample_report);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void assert_same_offer(const offer *expected, const offer *actual)
{
	assert_non_null(actual);
	text_buffer expected_text = {0}, actual_text = {0};
	for (int field = 0; field < FIELD_COUNT; field++) {
		assert_int_equal(
		    catalogue_offer_field_text(expected, (catalogue_field)field, &expected_text),
		    STATUS_OK);
		assert_int_equal(
		    catalogue_offer_field_text(actual, (catalogue_field)field, &actual_text),
		    STATUS_OK);
		assert_string_equal(text_buffer_string(&actual_text),
		                    text_buffer_string(&expected_text));
	}
	text_buffer_free(&expected_text);
	text_buffer_free(&actual_text);
}

static void test_load_offers_by_id(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);

	const char *const ids[] = {"wandel-01", "bestaat-niet", "roken-03", "wandel-01", ""};
	catalogue *loaded = NULL;
	assert_int_equal(store_load_offers(database, ids, 5, &loaded), STATUS_OK);
	assert_int_equal(catalogue_count(loaded), 2);
	/* Sorted, full text, equal to what was stored. */
	assert_string_equal(catalogue_offer(loaded, 0)->id, "roken-03");
	assert_string_equal(catalogue_offer(loaded, 1)->id, "wandel-01");
	assert_same_offer(catalogue_find(items, "roken-03"), catalogue_find(loaded, "roken-03"));
	assert_same_offer(catalogue_find(items, "wandel-01"), catalogue_find(loaded, "wandel-01"));
	assert_null(catalogue_find(loaded, "bestaat-niet"));
	catalogue_destroy(loaded);

	assert_int_equal(store_load_offers(database, NULL, 0, &loaded), STATUS_OK);
	assert_int_equal(catalogue_count(loaded), 0);
	catalogue_destroy(loaded);
	const char *const with_null[] = {"wandel-01", NULL};
	loaded = (catalogue *)&loaded;
	assert_int_equal(store_load_offers(database, with_null, 2, &loaded), STATUS_USAGE);
	assert_null(loaded);
	store_close(database);

	/* A damaged offer is not handed out; an undamaged one still is. */
	damage_stored_text(&place, "Stoppen met roken");
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	const char *const damaged[] = {"diabetes-02", "roken-03"};
	assert_int_equal(store_load_offers(database, damaged, 2, &loaded), STATUS_CORRUPT);
	assert_null(loaded);
	assert_non_null(strstr(store_last_error(database), "roken-03"));
	assert_int_equal(store_load_offers(database, damaged, 1, &loaded), STATUS_OK);
	assert_int_equal(catalogue_count(loaded), 1);
	assert_same_offer(catalogue_find(items, "diabetes-02"), catalogue_offer(loaded, 0));
	catalogue_destroy(loaded);
	store_close(database);

	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

static void test_open_refuses_bad_arguments(void **state)
{
	(void)state;
	store *database = (store *)&database;
	assert_int_equal(store_open(NULL, &database), STATUS_USAGE);
	assert_null(database);
	assert_int_equal(store_open("", &database), STATUS_USAGE);
	/* A parent that cannot be created (a file stands in the way). */
	assert_int_not_equal(store_open("/dev/null/kiosk/kiosk.db", &database), STATUS_OK);
	assert_null(database);
	/* Missing parents are created, several levels deep. */
	char directory[512], path[700];
	test_make_temp_dir(directory, sizeof directory);
	snprintf(path, sizeof path, "%s/state/buurtkiosk/kiosk.db", directory);
	assert_int_equal(store_open(path, &database), STATUS_OK);
	store_close(database);
	test_remove_tree(directory);
	store_close(NULL);
	assert_string_equal(store_last_error(NULL), "");
}

/* ---- the quick open and the matching index image ---- */

/* Runs `sql` on the database file directly, as an older program or a tool
 * would. */
static void run_sql(const char *path, const char *sql)
{
	sqlite3 *connection = NULL;
	assert_int_equal(sqlite3_open(path, &connection), SQLITE_OK);
	char *error = NULL;
	int code = sqlite3_exec(connection, sql, NULL, NULL, &error);
	if (code != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, error != NULL ? error : "?");
	sqlite3_free(error);
	assert_int_equal(code, SQLITE_OK);
	assert_int_equal(sqlite3_close(connection), SQLITE_OK);
}

static void assert_no_index(store *database)
{
	text_buffer image = {0};
	assert_int_equal(store_load_match_index(database, &image), STATUS_NOT_FOUND);
	assert_int_equal(image.length, 0);
	text_buffer_free(&image);
}

static void assert_index_is(store *database, const char *bytes, size_t size)
{
	text_buffer image = {0};
	assert_int_equal(store_load_match_index(database, &image), STATUS_OK);
	assert_int_equal(image.length, size);
	assert_memory_equal(image.data, bytes, size);
	text_buffer_free(&image);
}

/* Makes the offer table as it was before schema version 3: without the
 * translation columns (and without the later settings table), `version`
 * as the schema version. */
static void make_schema_before_translations(const char *path, int version)
{
	text_buffer sql = {0};
	assert_int_equal(text_buffer_append_string(&sql, "DROP TABLE kiosk_setting;"), STATUS_OK);
	for (int field = FIELD_FIRST_TRANSLATION; field < FIELD_COUNT; field++)
		assert_int_equal(
		    text_buffer_append_format(&sql, "ALTER TABLE offer DROP COLUMN \"%s\";",
		                              catalogue_field_name((catalogue_field)field)),
		    STATUS_OK);
	assert_int_equal(text_buffer_append_format(&sql, "PRAGMA user_version = %d;", version),
	                 STATUS_OK);
	run_sql(path, text_buffer_string(&sql));
	text_buffer_free(&sql);
}

/* A database of schema version 1 (before the catalogue state) migrates to
 * version 2 keeping its catalogue, and has no index image yet; read only,
 * it is read as it is. */
static void test_migration_from_version_1_keeps_the_catalogue(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	run_sql(place.database, "DROP TABLE catalogue_state;");
	make_schema_before_translations(place.database, 1);

	store *database = NULL;
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	int version = 0;
	assert_int_equal(store_schema_version(database, &version), STATUS_OK);
	assert_int_equal(version, 1);
	assert_store_holds(database, items);
	assert_no_index(database);
	int64_t generation = -1;
	assert_int_equal(store_catalogue_generation(database, &generation), STATUS_OK);
	assert_int_equal(generation, 0);
	store_close(database);

	assert_int_equal(store_open_quick(place.database, &database), STATUS_OK);
	assert_int_equal(store_schema_version(database, &version), STATUS_OK);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_store_holds(database, items);
	assert_no_index(database);
	assert_int_equal(store_catalogue_generation(database, &generation), STATUS_OK);
	assert_int_equal(generation, 1);
	assert_int_equal(store_save_match_index(database, generation, "image", 5), STATUS_OK);
	assert_index_is(database, "image", 5);
	store_close(database);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* Two offers with translations in some of the new columns. */
static catalogue *parse_translated_catalogue(import_report *report)
{
	catalogue *items = parse_with_header(
	    "id;naam;omschrijving;naam_en;omschrijving_tr;kosten_tekst_ar;wanneer_tekst_en\n",
	    "wandel-01;Wandelen met buren;Elke dinsdag.;Walking with neighbours;Her salı.;;\n"
	    "koffie-02;Koffie;;;;مجاني;by appointment\n",
	    report);
	assert_int_equal(report->problem_count, 0);
	return items;
}

/* A database of schema version 2 (before the translation columns) is read
 * as it is when read only, and migrates (through version 3) keeping its offers and
 * their stored hashes; then translations are stored, read back, and kept in
 * the last-good copy a recovery would use. */
static void test_migration_from_version_2_adds_translations(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	make_schema_before_translations(place.database, 2);

	store *database = NULL;
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	int version = 0;
	assert_int_equal(store_schema_version(database, &version), STATUS_OK);
	assert_int_equal(version, 2);
	assert_store_holds(database, items);
	store_close(database);

	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_int_equal(store_schema_version(database, &version), STATUS_OK);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_store_holds(database, items);

	import_report translated_report;
	catalogue *translated = parse_translated_catalogue(&translated_report);
	assert_int_equal(store_replace_catalogue(database, translated, &translated_report,
	                                         STORE_SOURCE_USB, TODAY),
	                 STATUS_OK);
	store_close(database);
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	assert_store_holds(database, translated);
	const char *ids[] = {"wandel-01", "koffie-02"};
	catalogue *loaded = NULL;
	assert_int_equal(store_load_offers(database, ids, 2, &loaded), STATUS_OK);
	assert_string_equal(
	    catalogue_offer_text_in_language(catalogue_find(loaded, "wandel-01"), FIELD_NAME, "en"),
	    "Walking with neighbours");
	assert_string_equal(catalogue_offer_text_in_language(catalogue_find(loaded, "koffie-02"),
	                                                     FIELD_COST_TEXT, "ar"),
	                    "مجاني");
	catalogue_destroy(loaded);
	store_close(database);

	/* The last-good copy has the columns, so a restore keeps the texts. */
	size_t length = 0;
	char *backup = test_read_file(place.backup, &length);
	assert_non_null(strstr(backup, ";naam_en;naam_tr;naam_ar;omschrijving_en;"));
	assert_non_null(strstr(backup, "Walking with neighbours"));
	free(backup);
	catalogue *restored = NULL;
	import_report restore_report;
	memset(&restore_report, 0, sizeof restore_report);
	assert_int_equal(import_read_own_copy(place.backup, &restored, &restore_report), STATUS_OK);
	assert_non_null(restored);
	assert_int_equal(restore_report.problem_count, 0);
	assert_same_catalogue(translated, restored);

	catalogue_destroy(restored);
	import_report_free(&restore_report);
	catalogue_destroy(translated);
	import_report_free(&translated_report);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* Makes a current database look as it was at schema version 3: no
 * settings table. */
static void make_schema_version_3(const char *path)
{
	run_sql(path, "DROP TABLE kiosk_setting; PRAGMA user_version = 3;");
}

/* A database of schema version 3 (before the settings) is read as it is
 * when read only, with no settings and no way to write one; opened for
 * writing it migrates to version 4 keeping its catalogue, history, counts
 * and index image, and then keeps settings across a reopen. */
static void test_migration_from_version_3_adds_settings(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	int64_t generation = 0;
	assert_int_equal(store_catalogue_generation(database, &generation), STATUS_OK);
	assert_int_equal(store_save_match_index(database, generation, "image", 5), STATUS_OK);
	counters *pending = counters_create();
	assert_non_null(pending);
	assert_int_equal(counters_add(pending, TODAY, COUNTER_OFFER_PRINTED, "wandel-01", 2),
	                 STATUS_OK);
	assert_int_equal(store_add_counters(database, pending), STATUS_OK);
	counters_destroy(pending);
	store_close(database);
	make_schema_version_3(place.database);

	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	int version = 0;
	assert_int_equal(store_schema_version(database, &version), STATUS_OK);
	assert_int_equal(version, 3);
	assert_store_holds(database, items);
	char value[STORE_SETTING_VALUE_BYTES] = "x";
	bool found = true;
	assert_int_equal(
	    store_read_setting(database, "default_language", value, sizeof value, &found),
	    STATUS_OK);
	assert_false(found);
	assert_string_equal(value, "");
	assert_int_not_equal(store_write_setting(database, "default_language", "tr"), STATUS_OK);
	store_close(database);

	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_int_equal(store_schema_version(database, &version), STATUS_OK);
	assert_int_equal(version, 4);
	assert_int_equal(STORE_SCHEMA_VERSION, 4);
	assert_store_holds(database, items);
	assert_index_is(database, "image", 5);
	store_import_record records[4];
	size_t rows = 0;
	assert_int_equal(store_history(database, records, 4, &rows), STATUS_OK);
	assert_int_equal(rows, 1);
	assert_true(records[0].applied);
	assert_int_equal(
	    store_read_setting(database, "default_language", value, sizeof value, &found),
	    STATUS_OK);
	assert_false(found);
	assert_int_equal(store_write_setting(database, "default_language", "tr"), STATUS_OK);
	store_close(database);

	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	assert_int_equal(
	    store_read_setting(database, "default_language", value, sizeof value, &found),
	    STATUS_OK);
	assert_true(found);
	assert_string_equal(value, "tr");
	text_buffer usage = {0};
	FILE *csv = open_memstream(&usage.data, &usage.length);
	assert_non_null(csv);
	assert_int_equal(store_write_usage_csv(database, csv), STATUS_OK);
	assert_int_equal(fclose(csv), 0);
	assert_non_null(strstr(usage.data, ";geprint;wandel-01;2"));
	free(usage.data);
	store_close(database);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* Settings are written, overwritten, removed and read back; several go
 * in one transaction; names and values past the limits are refused and
 * change nothing; a value that does not fit the caller's buffer is
 * refused, never cut. */
static void test_settings_write_read_and_limits(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	char value[STORE_SETTING_VALUE_BYTES];
	bool found = true;
	assert_int_equal(
	    store_read_setting(database, "default_language", value, sizeof value, &found),
	    STATUS_OK);
	assert_false(found);

	assert_int_equal(store_write_setting(database, "default_language", "tr"), STATUS_OK);
	assert_int_equal(store_write_setting(database, "default_language", "en"), STATUS_OK);
	assert_int_equal(
	    store_read_setting(database, "default_language", value, sizeof value, &found),
	    STATUS_OK);
	assert_true(found);
	assert_string_equal(value, "en");
	assert_int_equal(store_write_setting(database, "empty", ""), STATUS_OK);
	assert_int_equal(store_read_setting(database, "empty", value, sizeof value, &found),
	                 STATUS_OK);
	assert_true(found);
	assert_string_equal(value, "");

	/* Two at once, then both removed at once. */
	const store_setting pair[] = {{"default_language", "ar"},
	                              {"default_language_configured", "nl"}};
	assert_int_equal(store_write_settings(database, pair, 2), STATUS_OK);
	assert_int_equal(store_read_setting(database, "default_language_configured", value,
	                                    sizeof value, &found),
	                 STATUS_OK);
	assert_true(found);
	assert_string_equal(value, "nl");
	const store_setting removed[] = {{"default_language", NULL},
	                                 {"default_language_configured", NULL},
	                                 {"never_stored", NULL}};
	assert_int_equal(store_write_settings(database, removed, 3), STATUS_OK);
	assert_int_equal(
	    store_read_setting(database, "default_language", value, sizeof value, &found),
	    STATUS_OK);
	assert_false(found);
	assert_int_equal(store_read_setting(database, "empty", value, sizeof value, &found),
	                 STATUS_OK);
	assert_true(found);

	/* The limits: 63 bytes of name and 255 of value fit, one more does not. */
	char name[STORE_SETTING_NAME_BYTES + 1];
	memset(name, 'n', sizeof name);
	name[STORE_SETTING_NAME_BYTES - 1] = '\0';
	char long_value[STORE_SETTING_VALUE_BYTES + 1];
	memset(long_value, 'v', sizeof long_value);
	long_value[STORE_SETTING_VALUE_BYTES - 1] = '\0';
	assert_int_equal(store_write_setting(database, name, long_value), STATUS_OK);
	assert_int_equal(store_read_setting(database, name, value, sizeof value, &found),
	                 STATUS_OK);
	assert_true(found);
	assert_string_equal(value, long_value);
	char small[8] = "x";
	assert_int_equal(store_read_setting(database, name, small, sizeof small, &found),
	                 STATUS_TOO_LARGE);
	assert_false(found);
	assert_string_equal(small, "");
	name[STORE_SETTING_NAME_BYTES - 1] = 'n';
	name[STORE_SETTING_NAME_BYTES] = '\0';
	assert_int_equal(store_write_setting(database, name, "v"), STATUS_TOO_LARGE);
	assert_int_equal(store_read_setting(database, name, value, sizeof value, &found),
	                 STATUS_TOO_LARGE);
	long_value[STORE_SETTING_VALUE_BYTES - 1] = 'v';
	long_value[STORE_SETTING_VALUE_BYTES] = '\0';
	assert_int_equal(store_write_setting(database, "long", long_value), STATUS_TOO_LARGE);
	assert_non_null(strstr(store_last_error(database), "longer than 255 bytes"));
	/* A bad one among good ones: none is written. */
	const store_setting mixed[] = {{"default_language", "tr"}, {"long", long_value}};
	assert_int_equal(store_write_settings(database, mixed, 2), STATUS_TOO_LARGE);
	assert_int_equal(
	    store_read_setting(database, "default_language", value, sizeof value, &found),
	    STATUS_OK);
	assert_false(found);
	assert_int_equal(store_write_setting(database, "", "v"), STATUS_USAGE);
	assert_int_equal(store_write_setting(database, "bad", "\xC3("), STATUS_USAGE);
	assert_int_equal(store_write_setting(database, "x", NULL), STATUS_USAGE);
	assert_int_equal(store_write_settings(database, NULL, 0), STATUS_OK);
	assert_int_equal(store_read_setting(database, "x", NULL, 4, &found), STATUS_USAGE);
	assert_int_equal(store_read_setting(database, "x", value, sizeof value, NULL),
	                 STATUS_USAGE);
	store_close(database);

	/* A value written behind the kiosk's back that is not text is refused. */
	run_sql(place.database, "INSERT INTO kiosk_setting VALUES ('odd', CAST(x'C328' AS TEXT));");
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	assert_int_equal(store_read_setting(database, "odd", value, sizeof value, &found),
	                 STATUS_DATABASE);
	assert_false(found);
	/* Read only: reading works, writing does not. */
	assert_int_equal(store_read_setting(database, "empty", value, sizeof value, &found),
	                 STATUS_OK);
	assert_true(found);
	assert_int_not_equal(store_write_setting(database, "default_language", "tr"), STATUS_OK);
	store_close(database);
	test_remove_tree(place.directory);
}

static status count_visit(void *context, const offer *item)
{
	(void)item;
	(*(size_t *)context)++;
	return STATUS_OK;
}

/* An image is saved for the generation a scan read, comes back byte for
 * byte, survives reopening and refused imports, and is gone (never
 * stale) once an import or a recovery replaced the offers. */
static void test_match_index_belongs_to_its_catalogue(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	static const char image[] = "BUURTIDX\0\1\2 any bytes \0 at all";
	size_t image_size = sizeof image;

	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_no_index(database);
	assert_int_equal(store_scanned_generation(database), -1);
	size_t visited = 0;
	assert_int_equal(store_scan_offers(database, count_visit, &visited), STATUS_OK);
	assert_int_equal(visited, catalogue_count(items));
	int64_t generation = 0;
	assert_int_equal(store_catalogue_generation(database, &generation), STATUS_OK);
	assert_true(generation >= 1);
	assert_int_equal(store_scanned_generation(database), generation);
	assert_int_equal(store_save_match_index(database, generation, image, image_size),
	                 STATUS_OK);
	assert_index_is(database, image, image_size);
	/* A refused import changes no offer: the image stays. */
	assert_int_equal(store_record_refused_import(database, NULL, STORE_SOURCE_USB, TODAY),
	                 STATUS_OK);
	assert_index_is(database, image, image_size);
	store_close(database);

	/* Kept across opens, quick or read-only; read-only cannot write one. */
	assert_int_equal(store_open_quick(place.database, &database), STATUS_OK);
	assert_index_is(database, image, image_size);
	store_close(database);
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	assert_index_is(database, image, image_size);
	assert_int_not_equal(store_save_match_index(database, generation, "x", 1), STATUS_OK);
	store_close(database);

	/* An import makes a new generation and drops the image at once. */
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	import_report report_b;
	catalogue *items_b = parse_catalogue(catalogue_b_rows, &report_b);
	assert_int_equal(
	    store_replace_catalogue(database, items_b, &report_b, STORE_SOURCE_USB, TODAY),
	    STATUS_OK);
	int64_t after_import = 0;
	assert_int_equal(store_catalogue_generation(database, &after_import), STATUS_OK);
	assert_true(after_import > generation);
	assert_no_index(database);
	/* An image of the old offers is refused: it would describe offers
	 * that are gone. */
	assert_int_equal(store_save_match_index(database, generation, image, image_size),
	                 STATUS_REFUSED);
	assert_no_index(database);
	assert_int_equal(store_save_match_index(database, after_import, "new", 3), STATUS_OK);
	assert_index_is(database, "new", 3);
	assert_int_equal(store_save_match_index(database, 0, "new", 3), STATUS_USAGE);
	store_close(database);

	/* A recovery replaces the offers too: no image survives it. */
	damage_stored_text(&place, "Wandelen in het park");
	store_recovery what = STORE_OPENED;
	assert_int_equal(store_open_or_recover(place.database, NULL, &database, &what, NULL),
	                 STATUS_OK);
	assert_int_equal(what, STORE_RESTORED_FROM_BACKUP);
	assert_no_index(database);
	store_close(database);
	catalogue_destroy(items_b);
	import_report_free(&report_b);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* The quick open does not look for damage inside the file; the read-only
 * open that verifies afterwards does. */
static void test_quick_open_leaves_the_check_to_the_caller(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	size_t length = 0;
	unsigned char *bytes = (unsigned char *)test_read_file(place.database, &length);
	size_t page_size = (size_t)bytes[16] << 8 | bytes[17];
	free(bytes);
	/* Page 2 is the root of the offer table. */
	overwrite_bytes(place.database, page_size, page_size, (char)0xA5);

	store *database = NULL;
	assert_int_equal(store_open_quick(place.database, &database), STATUS_OK);
	store_close(database);
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_CORRUPT);
	assert_null(database);
	assert_int_equal(store_open(place.database, &database), STATUS_CORRUPT);
	assert_null(database);
	/* Not a database at all: even the quick open refuses it. */
	overwrite_bytes(place.database, 0, 100, 'x');
	assert_int_equal(store_open_quick(place.database, &database), STATUS_CORRUPT);
	assert_null(database);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

/* Every source has a name of at most 15 bytes that reads back as itself;
 * only the recoveries after damage count as such. */
static void test_source_names(void **state)
{
	(void)state;
	const store_source sources[] = {STORE_SOURCE_FILE,
	                                STORE_SOURCE_USB,
	                                STORE_SOURCE_SAMPLE,
	                                STORE_SOURCE_BACKUP,
	                                STORE_SOURCE_SAMPLE_AFTER_DAMAGE,
	                                STORE_SOURCE_NOTHING_AFTER_DAMAGE};
	const bool after_damage[] = {false, false, false, true, true, true};
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
		const char *name = store_source_name(sources[i]);
		assert_true(strlen(name) < sizeof(((store_import_record *)NULL)->source));
		store_source parsed = STORE_SOURCE_FILE;
		assert_int_equal(store_source_from_name(name, &parsed), STATUS_OK);
		assert_int_equal(parsed, sources[i]);
		assert_int_equal(store_source_is_after_damage(sources[i]), after_damage[i]);
	}
	assert_string_equal(store_source_name(STORE_SOURCE_SAMPLE_AFTER_DAMAGE), "noodvoorbeeld");
	store_source parsed = STORE_SOURCE_USB;
	assert_int_equal(store_source_from_name("onbekend", &parsed), STATUS_NOT_FOUND);
	assert_int_equal(parsed, STORE_SOURCE_USB);
}

/* An offer's id changed in the table but not in its id index: every page
 * is sound, so quick_check passes, but integrity_check compares the index
 * with the table and finds the entry missing. The kiosk's checks (the
 * background check and the thorough start) use integrity_check, so the
 * thorough start recovers it. */
static void test_integrity_check_finds_what_quick_check_misses(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	import_report report;
	catalogue *items = store_catalogue_a(&place, &report);
	size_t length = 0;
	char *bytes = test_read_file(place.database, &length);
	size_t page_size = (size_t)(unsigned char)bytes[16] << 8 | (unsigned char)bytes[17];
	/* Page 2 is the offer table; its index has its own copy of each id. */
	static const char needle[] = "roken-03";
	char *found = NULL;
	for (size_t i = page_size; i + sizeof needle - 1 <= 2 * page_size && found == NULL; i++)
		if (memcmp(bytes + i, needle, sizeof needle - 1) == 0)
			found = bytes + i;
	assert_non_null(found);
	found[0] = 'Z';
	test_write_file(place.database, bytes, length);
	free(bytes);

	store *database = NULL;
	assert_int_equal(store_open_read_only(place.database, &database), STATUS_OK);
	store_close(database);
	store_stop *stop = NULL;
	assert_int_equal(store_stop_create(&stop), STATUS_OK);
	assert_int_equal(store_open_read_only_stoppable(place.database, stop, &database),
	                 STATUS_CORRUPT);
	assert_null(database);
	store_stop_destroy(stop);

	store_recovery what = STORE_OPENED;
	assert_int_equal(store_open_or_recover_scanning(
	                     place.database, NULL, &(store_offer_scanner){0}, &database, &what),
	                 STATUS_OK);
	assert_int_equal(what, STORE_RESTORED_FROM_BACKUP);
	assert_store_holds(database, items);
	store_close(database);
	char moved[700];
	assert_true(text_format(moved, sizeof moved, "%s%s", place.database, STORE_DAMAGED_SUFFIX));
	assert_true(file_exists(moved));
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

typedef struct stopping_scan {
	store_stop *stop;
	size_t visited;
} stopping_scan;

/* Asks for the stop from another thread once half the offers are seen. */
static void *request_stop(void *context)
{
	store_stop_request(context);
	return NULL;
}

static status stop_half_way(void *context, const offer *item)
{
	(void)item;
	stopping_scan *scan = context;
	if (++scan->visited == 1000) {
		pthread_t thread;
		assert_int_equal(pthread_create(&thread, NULL, request_stop, scan->stop), 0);
		assert_int_equal(pthread_join(thread, NULL), 0);
	}
	return STATUS_OK;
}

/* A stoppable store ends a long scan soon after it is told to stop. */
static void test_stoppable_store_stops(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place);
	text_buffer rows = {0};
	for (int row = 0; row < 2000; row++)
		assert_int_equal(
		    text_buffer_append_format(&rows,
		                              "id-%04d;Groep %d;;groep;;bewegen;;;;;;;;;;;;;"
		                              ";;;;;;;;;;;;;;;;;;;;\n",
		                              row, row),
		    STATUS_OK);
	import_report report;
	catalogue *items = parse_catalogue(text_buffer_string(&rows), &report);
	text_buffer_free(&rows);
	store *database = NULL;
	assert_int_equal(store_open(place.database, &database), STATUS_OK);
	assert_int_equal(
	    store_replace_catalogue(database, items, &report, STORE_SOURCE_FILE, TODAY), STATUS_OK);
	store_close(database);

	store_stop *stop = NULL;
	assert_int_equal(store_stop_create(&stop), STATUS_OK);
	assert_int_equal(store_open_read_only_stoppable(place.database, NULL, &database),
	                 STATUS_USAGE);
	assert_int_equal(store_open_read_only_stoppable(place.database, stop, &database),
	                 STATUS_OK);
	size_t visited = 0;
	assert_int_equal(store_scan_offers(database, count_visit, &visited), STATUS_OK);
	assert_int_equal(visited, 2000);
	/* Asked between statements, the next one stops. */
	store_stop_request(stop);
	visited = 0;
	assert_int_equal(store_scan_offers(database, count_visit, &visited), STATUS_DATABASE);
	assert_true(visited < 2000);
	store_close(database);
	/* Asked before the open, the store does not open. */
	assert_int_equal(store_open_read_only_stoppable(place.database, stop, &database),
	                 STATUS_DATABASE);
	assert_null(database);
	store_stop_destroy(stop);

	/* Asked from another thread during a scan, the scan ends early. */
	assert_int_equal(store_stop_create(&stop), STATUS_OK);
	assert_int_equal(store_open_read_only_stoppable(place.database, stop, &database),
	                 STATUS_OK);
	stopping_scan scan = {stop, 0};
	assert_int_equal(store_scan_offers(database, stop_half_way, &scan), STATUS_DATABASE);
	assert_true(scan.visited >= 1000 && scan.visited < 2000);
	store_close(database);
	store_stop_destroy(stop);
	catalogue_destroy(items);
	import_report_free(&report);
	test_remove_tree(place.directory);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_empty_store_loads_empty),
	    cmocka_unit_test(test_failed_replace_keeps_old_catalogue),
	    cmocka_unit_test(test_migration_from_empty_file_and_reopen),
	    cmocka_unit_test(test_wal_mode_is_on),
	    cmocka_unit_test(test_backup_is_written_and_reimports),
	    cmocka_unit_test(test_backup_waits_for_another_writer),
	    cmocka_unit_test(test_recovery_from_damaged_header_uses_backup),
	    cmocka_unit_test(test_recovery_from_damaged_page_uses_backup),
	    cmocka_unit_test(test_recovery_from_damaged_content_uses_backup),
	    cmocka_unit_test(test_recovery_without_backup_uses_sample),
	    cmocka_unit_test(test_recovery_with_broken_backup_uses_sample),
	    cmocka_unit_test(test_recovery_with_nothing_left_is_empty),
	    cmocka_unit_test(test_healthy_database_is_just_opened),
	    cmocka_unit_test(test_read_only_open_changes_nothing),
	    cmocka_unit_test(test_history_rows),
	    cmocka_unit_test(test_counters_merge_into_usage_csv),
	    cmocka_unit_test(test_open_refuses_bad_arguments),
	    cmocka_unit_test(test_scan_visits_every_offer_once),
	    cmocka_unit_test(test_scan_finds_a_damaged_row),
	    cmocka_unit_test(test_scanning_open_of_a_healthy_database),
	    cmocka_unit_test(test_scanning_open_recovers_and_starts_again),
	    cmocka_unit_test(test_load_offers_by_id),
	    cmocka_unit_test(test_migration_from_version_1_keeps_the_catalogue),
	    cmocka_unit_test(test_migration_from_version_2_adds_translations),
	    cmocka_unit_test(test_migration_from_version_3_adds_settings),
	    cmocka_unit_test(test_settings_write_read_and_limits),
	    cmocka_unit_test(test_match_index_belongs_to_its_catalogue),
	    cmocka_unit_test(test_quick_open_leaves_the_check_to_the_caller),
	    cmocka_unit_test(test_stoppable_store_stops),
	    cmocka_unit_test(test_source_names),
	    cmocka_unit_test(test_integrity_check_finds_what_quick_check_misses),
	    cmocka_unit_test(test_abandoned_backup_copy_is_removed_at_open),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
