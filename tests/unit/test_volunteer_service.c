/* test_volunteer_service.c — the volunteer service end to end on real parts:
 * a real sqlite database seeded with the sample catalogue, a real PIN hash,
 * keys and signatures made by Debian's minisign, and sticks as plain folders
 * under a temporary mount root (a read-only bind mount where the machine
 * allows). Driven only through the public API: requests, settle, events. */
#define _GNU_SOURCE
#include "test_support.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalogue.h"
#include "config.h"
#include "counters.h"
#include "import.h"
#include "match.h"
#include "schedule.h"
#include "store.h"
#include "text.h"
#include "usb_stick.h"
#include "volunteer_pin.h"
#include "volunteer_service.h"

extern char **environ;

#define RIGHT_PIN       "4821"
#define WRONG_PIN       "4822"
#define MAX_EVENTS_SEEN 64u

/* Hashed once for every test (Argon2id is slow on purpose). */
static char pin_hash[VOLUNTEER_PIN_HASH_BYTES];

/* One test's world: a scratch folder holding the database, the mount root
 * and (when asked) the keys; the configuration the service borrows. */
typedef struct fixture {
	char directory[512];
	char root[600];
	char stick[700];  /* root/STICK: created by the test when it wants one */
	char folder[800]; /* stick/buurtkiosk */
	kiosk_config config;
	volunteer_service *service;
	size_t sample_count;
	int32_t seeded_day;
} fixture;

/* Events taken after a settle. */
typedef struct event_list {
	volunteer_event items[MAX_EVENTS_SEEN];
	size_t count;
} event_list;

/* ---------------------------------------------------------------------------
 * Helpers.
 * ------------------------------------------------------------------------- */

static void join(char *out, size_t size, const char *directory, const char *relative)
{
	int written = snprintf(out, size, "%s/%s", directory, relative);
	assert_true(written > 0 && (size_t)written < size);
}

static void make_directory(const char *path)
{
	assert_int_equal(mkdir(path, 0755), 0);
}

static void put_file(const char *directory, const char *relative, const char *bytes, size_t length)
{
	char path[1200];
	join(path, sizeof path, directory, relative);
	test_write_file(path, bytes, length);
}

static void put_text(const char *directory, const char *relative, const char *text)
{
	put_file(directory, relative, text, strlen(text));
}

static bool exists(const char *directory, const char *relative)
{
	char path[1200];
	join(path, sizeof path, directory, relative);
	struct stat info;
	return lstat(path, &info) == 0;
}

/* The whole file (caller frees); fails the test when it is missing. */
static char *read_text(const char *directory, const char *relative)
{
	char path[1200];
	join(path, sizeof path, directory, relative);
	size_t length = 0;
	char *text = test_read_file(path, &length);
	assert_non_null(text);
	return text;
}

static bool starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

/* Entries in a folder, "." and ".." not counted; -1 when unreadable. */
static int count_entries(const char *path)
{
	int count = 0;
	DIR *listing = opendir(path);
	if (listing == NULL) {
		return -1;
	}
	struct dirent *entry;
	while ((entry = readdir(listing)) != NULL) {
		if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
			count++;
		}
	}
	closedir(listing);
	return count;
}

static local_time moment(int year, int month, int day, int hour, int minute)
{
	local_time when = {.day = catalogue_days_from_civil(year, month, day),
	                   .minute = (int16_t)(hour * 60 + minute)};
	return when;
}

/* The sample catalogue's text (caller frees). */
static char *sample_text(size_t *length)
{
	char path[1024];
	test_source_path("data/catalogus.csv", path, sizeof path);
	char *text = test_read_file(path, length);
	assert_non_null(text);
	return text;
}

/* text with [cut_from, cut_to) replaced by `insert` (caller frees). */
static char *replace_range(const char *text, size_t length, size_t cut_from, size_t cut_to,
                           const char *insert, size_t *out_length)
{
	assert_true(cut_from <= cut_to && cut_to <= length);
	size_t insert_length = strlen(insert);
	size_t total = length - (cut_to - cut_from) + insert_length;
	char *out = malloc(total + 1);
	assert_non_null(out);
	memcpy(out, text, cut_from);
	memcpy(out + cut_from, insert, insert_length);
	memcpy(out + cut_from + insert_length, text + cut_to, length - cut_to);
	out[total] = '\0';
	*out_length = total;
	return out;
}

static size_t offset_of(const char *text, const char *needle)
{
	const char *found = strstr(text, needle);
	assert_non_null(found);
	return (size_t)(found - text);
}

/* The sample with the rows gym-65-plus and stoelyoga removed and the name
 * of buurteettafel changed (caller frees). */
static char *changed_sample(size_t *length)
{
	size_t sample_length = 0;
	char *sample = sample_text(&sample_length);
	size_t from = offset_of(sample, "\ngym-65-plus;") + 1;
	size_t to = offset_of(sample, "\njongeren-stoppen-vapen;") + 1;
	assert_true(from < offset_of(sample, "\nstoelyoga;") && to > from);
	size_t shorter_length = 0;
	char *shorter = replace_range(sample, sample_length, from, to, "", &shorter_length);
	free(sample);
	static const char old_name[] = "\nbuurteettafel;Buurteettafel;";
	size_t at = offset_of(shorter, old_name);
	char *renamed = replace_range(shorter, shorter_length, at, at + strlen(old_name),
	                              "\nbuurteettafel;Buurteettafel Overvecht;", length);
	free(shorter);
	return renamed;
}

static size_t stored_offer_count(const fixture *world)
{
	store *database = NULL;
	assert_int_equal(store_open(world->config.database, &database), STATUS_OK);
	size_t count = 0;
	assert_int_equal(store_count_offers(database, &count), STATUS_OK);
	store_close(database);
	return count;
}

/* The newest history row; false when there is none. */
static bool newest_history(const fixture *world, store_import_record *out, size_t *rows)
{
	store *database = NULL;
	assert_int_equal(store_open(world->config.database, &database), STATUS_OK);
	store_import_record records[16];
	size_t count = 0;
	assert_int_equal(store_history(database, records, 16, &count), STATUS_OK);
	store_close(database);
	*rows = count;
	if (count == 0) {
		return false;
	}
	*out = records[0];
	return true;
}

/* The stored name of offer `id` into out; false when it is not stored. */
static bool stored_name(const fixture *world, const char *id, char *out, size_t size)
{
	store *database = NULL;
	assert_int_equal(store_open(world->config.database, &database), STATUS_OK);
	catalogue *items = NULL;
	assert_int_equal(store_load_catalogue(database, &items), STATUS_OK);
	store_close(database);
	const offer *item = catalogue_find(items, id);
	bool found = item != NULL;
	if (found) {
		int written = snprintf(out, size, "%s", item->name);
		assert_true(written > 0 && (size_t)written < size);
	}
	catalogue_destroy(items);
	return found;
}

static void start_service(fixture *world)
{
	const char *roots[] = {world->root};
	volunteer_service_setup setup = {.config = &world->config, .roots = roots, .root_count = 1};
	assert_int_equal(volunteer_service_start(&setup, &world->service), STATUS_OK);
	assert_non_null(world->service);
}

static void settle_and_take(fixture *world, event_list *list);
static void release_events(event_list *list);

/* Starts the service on a root that holds the stick already: the first
 * scan reports it. */
static void start_with_stick(fixture *world)
{
	start_service(world);
	event_list list;
	settle_and_take(world, &list);
	assert_int_equal(list.count, 1);
	assert_int_equal(list.items[0].kind, VOLUNTEER_EVENT_STICK);
	assert_true(list.items[0].stick_present);
	release_events(&list);
}

/* Settles the worker and takes every event it posted. */
static void settle_and_take(fixture *world, event_list *list)
{
	volunteer_service_settle(world->service);
	list->count = 0;
	volunteer_event event;
	while (volunteer_service_next_event(world->service, &event)) {
		assert_true(list->count < MAX_EVENTS_SEEN);
		list->items[list->count++] = event;
	}
}

static void release_events(event_list *list)
{
	for (size_t index = 0; index < list->count; index++) {
		volunteer_event_release(&list->items[index]);
	}
	list->count = 0;
}

static size_t count_kind(const event_list *list, volunteer_event_kind kind)
{
	size_t count = 0;
	for (size_t index = 0; index < list->count; index++) {
		if (list->items[index].kind == kind) {
			count++;
		}
	}
	return count;
}

/* The only event of `kind`; fails when there is not exactly one. */
static const volunteer_event *only_event(const event_list *list, volunteer_event_kind kind)
{
	const volunteer_event *found = NULL;
	for (size_t index = 0; index < list->count; index++) {
		if (list->items[index].kind == kind) {
			assert_null(found);
			found = &list->items[index];
		}
	}
	assert_non_null(found);
	return found;
}

/* Events other than PROGRESS are exactly one, of `kind`, and it is the last. */
static const volunteer_event *answer_is(const event_list *list, volunteer_event_kind kind)
{
	assert_true(list->count > 0);
	for (size_t index = 0; index + 1 < list->count; index++) {
		assert_int_equal(list->items[index].kind, VOLUNTEER_EVENT_PROGRESS);
	}
	const volunteer_event *last = &list->items[list->count - 1];
	assert_int_equal(last->kind, kind);
	return last;
}

static void assert_contains(const char *text, const char *part)
{
	assert_non_null(text);
	if (strstr(text, part) == NULL) {
		fail_msg("'%s' does not contain '%s'", text, part);
	}
}

/* A stick folder with buurtkiosk/ under the root. */
static void make_stick_with_folder(fixture *world)
{
	make_directory(world->stick);
	make_directory(world->folder);
}

/* A stick whose buurtkiosk/catalogus.csv holds bytes[0..length). */
static void make_stick_with_catalogue(fixture *world, const char *bytes, size_t length)
{
	make_stick_with_folder(world);
	put_file(world->folder, "catalogus.csv", bytes, length);
}

/* Runs a read and returns its events (caller releases). */
static void read_stick(fixture *world, event_list *list)
{
	volunteer_service_read_stick(world->service, moment(2026, 3, 14, 9, 5));
	settle_and_take(world, list);
}

/* Runs `argv` without a shell, its output dropped; the exit code. */
static int run_program(const char *const argv[])
{
	posix_spawn_file_actions_t actions;
	assert_int_equal(posix_spawn_file_actions_init(&actions), 0);
	assert_int_equal(posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0),
	                 0);
	assert_int_equal(posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0),
	                 0);
	assert_int_equal(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0),
	                 0);
	pid_t child = 0;
	int spawned = posix_spawnp(&child, argv[0], &actions, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	if (spawned != 0) {
		fail_msg("cannot run %s: %s (Debian: apt-get install minisign)", argv[0],
		         strerror(spawned));
	}
	int child_status = 0;
	assert_int_equal(waitpid(child, &child_status, 0), child);
	assert_true(WIFEXITED(child_status));
	return WEXITSTATUS(child_status);
}

/* ---------------------------------------------------------------------------
 * Setup: a database holding the sample, the configuration, a mount root.
 * ------------------------------------------------------------------------- */

static int group_setup(void **state)
{
	(void)state;
	return volunteer_pin_hash(RIGHT_PIN, pin_hash, sizeof pin_hash) == STATUS_OK ? 0 : -1;
}

static int setup(void **state)
{
	fixture *world = calloc(1, sizeof(*world));
	assert_non_null(world);
	test_make_temp_dir(world->directory, sizeof world->directory);
	join(world->root, sizeof world->root, world->directory, "media");
	make_directory(world->root);
	join(world->stick, sizeof world->stick, world->root, "STICK");
	join(world->folder, sizeof world->folder, world->stick, "buurtkiosk");

	config_set_defaults(&world->config);
	join(world->config.database, sizeof world->config.database, world->directory,
	     "state/buurtkiosk.db");
	assert_true(strlen(pin_hash) > 0 && strlen(pin_hash) < sizeof world->config.pin_hash);
	memcpy(world->config.pin_hash, pin_hash, strlen(pin_hash) + 1);

	char sample_path[1024];
	test_source_path("data/catalogus.csv", sample_path, sizeof sample_path);
	catalogue *items = NULL;
	import_report report;
	memset(&report, 0, sizeof report);
	assert_int_equal(import_read_file(sample_path, &items, &report), STATUS_OK);
	assert_non_null(items);
	world->sample_count = catalogue_count(items);
	assert_true(world->sample_count > 10);
	world->seeded_day = catalogue_days_from_civil(2026, 2, 1);
	store *database = NULL;
	assert_int_equal(store_open(world->config.database, &database), STATUS_OK);
	assert_int_equal(
	    store_replace_catalogue(database, items, &report, STORE_SOURCE_FILE, world->seeded_day),
	    STATUS_OK);
	store_close(database);
	catalogue_destroy(items);
	import_report_free(&report);
	*state = world;
	return 0;
}

static int teardown(void **state)
{
	fixture *world = *state;
	volunteer_service_stop(world->service);
	/* A read-only folder left by a failed test must not stop the clean-up. */
	(void)chmod(world->folder, 0755);
	test_remove_tree(world->directory);
	free(world);
	return 0;
}

/* ---------------------------------------------------------------------------
 * 1. Sticks coming and going.
 * ------------------------------------------------------------------------- */

static void test_stick_appears_and_goes(void **state)
{
	fixture *world = *state;
	start_service(world);
	event_list list;
	settle_and_take(world, &list);
	assert_int_equal(count_kind(&list, VOLUNTEER_EVENT_STICK), 0);
	release_events(&list);

	/* A folder holding nothing for the kiosk is no stick for it. */
	char other[800];
	join(other, sizeof other, world->root, "FOTOS");
	make_directory(other);
	put_text(other, "vakantie.txt", "zon");
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);

	make_stick_with_folder(world);
	settle_and_take(world, &list);
	assert_int_equal(list.count, 1);
	assert_true(only_event(&list, VOLUNTEER_EVENT_STICK)->stick_present);
	release_events(&list);

	/* Nothing new: no second event. */
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);

	test_remove_tree(world->stick);
	settle_and_take(world, &list);
	assert_int_equal(list.count, 1);
	assert_false(only_event(&list, VOLUNTEER_EVENT_STICK)->stick_present);
	release_events(&list);
}

static void test_stick_already_there_is_reported(void **state)
{
	fixture *world = *state;
	make_stick_with_catalogue(world, "id;naam\nx;X\n", 12);
	start_service(world);
	event_list list;
	settle_and_take(world, &list);
	assert_int_equal(list.count, 1);
	assert_true(only_event(&list, VOLUNTEER_EVENT_STICK)->stick_present);
	release_events(&list);
}

/* Two sticks in, the first pulled: the second is still there and must be
 * the stick now (a volunteer who swapped sticks is not left with "no
 * stick"). */
static void test_second_stick_is_taken_when_first_goes(void **state)
{
	fixture *world = *state;
	make_stick_with_folder(world);
	start_service(world);
	event_list list;
	settle_and_take(world, &list);
	assert_true(only_event(&list, VOLUNTEER_EVENT_STICK)->stick_present);
	release_events(&list);

	char second[800], second_folder[900];
	join(second, sizeof second, world->root, "TWEEDE");
	make_directory(second);
	join(second_folder, sizeof second_folder, second, "buurtkiosk");
	make_directory(second_folder);
	settle_and_take(world, &list);
	release_events(&list);

	test_remove_tree(world->stick);
	settle_and_take(world, &list);
	/* The last word on the stick must be "present". */
	bool present = false;
	assert_true(count_kind(&list, VOLUNTEER_EVENT_STICK) > 0);
	for (size_t index = 0; index < list.count; index++) {
		if (list.items[index].kind == VOLUNTEER_EVENT_STICK) {
			present = list.items[index].stick_present;
		}
	}
	release_events(&list);
	assert_true(present);

	/* And it is usable: the template goes onto the second stick. */
	read_stick(world, &list);
	assert_contains(answer_is(&list, VOLUNTEER_EVENT_FINISHED)->detail,
	                "catalogus-sjabloon.csv");
	release_events(&list);
	assert_true(exists(second_folder, "catalogus-sjabloon.csv"));
}

/* ---------------------------------------------------------------------------
 * 2. The PIN.
 * ------------------------------------------------------------------------- */

static void test_check_pin(void **state)
{
	fixture *world = *state;
	start_service(world);
	event_list list;
	volunteer_service_check_pin(world->service, RIGHT_PIN);
	settle_and_take(world, &list);
	assert_int_equal(only_event(&list, VOLUNTEER_EVENT_PIN_CHECKED)->pin_result, STATUS_OK);
	release_events(&list);

	/* Two requests are answered in order. */
	volunteer_service_check_pin(world->service, WRONG_PIN);
	volunteer_service_check_pin(world->service, RIGHT_PIN);
	settle_and_take(world, &list);
	assert_int_equal(list.count, 2);
	assert_int_equal(list.items[0].kind, VOLUNTEER_EVENT_PIN_CHECKED);
	assert_int_equal(list.items[0].pin_result, STATUS_REFUSED);
	assert_int_equal(list.items[1].kind, VOLUNTEER_EVENT_PIN_CHECKED);
	assert_int_equal(list.items[1].pin_result, STATUS_OK);
	release_events(&list);

	/* Not a PIN at all, and one that starts with the right one. */
	volunteer_service_check_pin(world->service, "");
	volunteer_service_check_pin(world->service, RIGHT_PIN "0000000000000");
	settle_and_take(world, &list);
	assert_int_equal(list.count, 2);
	assert_int_equal(list.items[0].pin_result, STATUS_REFUSED);
	assert_int_equal(list.items[1].pin_result, STATUS_REFUSED);
	release_events(&list);
	volunteer_service_stop(world->service);
	world->service = NULL;

	/* No PIN set. */
	world->config.pin_hash[0] = '\0';
	start_service(world);
	volunteer_service_check_pin(world->service, RIGHT_PIN);
	settle_and_take(world, &list);
	assert_int_equal(only_event(&list, VOLUNTEER_EVENT_PIN_CHECKED)->pin_result,
	                 STATUS_NOT_FOUND);
	release_events(&list);
}

/* ---------------------------------------------------------------------------
 * 3. Reading, previewing and applying a changed catalogue.
 * ------------------------------------------------------------------------- */

static void test_read_preview_apply(void **state)
{
	fixture *world = *state;
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	free(changed);
	start_service(world);
	event_list list;
	settle_and_take(world, &list);
	assert_true(only_event(&list, VOLUNTEER_EVENT_STICK)->stick_present);
	release_events(&list);

	read_stick(world, &list);
	assert_true(count_kind(&list, VOLUNTEER_EVENT_PROGRESS) >= 1);
	assert_int_equal(list.items[0].kind, VOLUNTEER_EVENT_PROGRESS);
	const volunteer_event *preview = answer_is(&list, VOLUNTEER_EVENT_PREVIEW);
	assert_int_equal(preview->new_count, 0);
	assert_int_equal(preview->changed_count, 1);
	assert_int_equal(preview->removed_count, 2);
	assert_int_equal(preview->unchanged_count, world->sample_count - 3);
	assert_true(preview->can_apply);
	assert_int_equal(preview->problem_count, 0);
	release_events(&list);
	/* Previewing changes nothing. */
	assert_int_equal(stored_offer_count(world), world->sample_count);

	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 5));
	settle_and_take(world, &list);
	assert_true(count_kind(&list, VOLUNTEER_EVENT_PROGRESS) >= 1);
	const volunteer_event *finished = answer_is(&list, VOLUNTEER_EVENT_FINISHED);
	assert_true(finished->changed_catalogue);
	assert_contains(finished->title, "bijgewerkt");
	assert_contains(finished->detail, "1 veranderd, 2 verwijderd");
	assert_contains(finished->detail, "staan op de stick");
	release_events(&list);

	/* The store holds the new catalogue. */
	assert_int_equal(stored_offer_count(world), world->sample_count - 2);
	char name[256];
	assert_true(stored_name(world, "buurteettafel", name, sizeof name));
	assert_string_equal(name, "Buurteettafel Overvecht");
	assert_false(stored_name(world, "gym-65-plus", name, sizeof name));
	assert_false(stored_name(world, "stoelyoga", name, sizeof name));
	store_import_record newest;
	size_t rows = 0;
	assert_true(newest_history(world, &newest, &rows));
	assert_int_equal(rows, 2);
	assert_true(newest.applied);
	assert_string_equal(newest.source, "usb-stick");
	assert_int_equal(newest.removed_count, 2);
	assert_int_equal(newest.changed_count, 1);
	assert_int_equal(newest.imported_on, moment(2026, 3, 14, 9, 5).day);

	/* The engine of the new catalogue, once. */
	match_engine *engine = volunteer_service_take_engine(world->service);
	assert_non_null(engine);
	assert_int_equal(match_engine_count(engine), world->sample_count - 2);
	assert_int_not_equal(match_engine_index_of(engine, "buurteettafel"), SIZE_MAX);
	assert_int_equal(match_engine_index_of(engine, "stoelyoga"), SIZE_MAX);
	assert_null(volunteer_service_take_engine(world->service));
	match_engine_destroy(engine);

	/* The report and the counts on the stick. */
	char *report = read_text(world->folder, "verslag-20260314-0905.txt");
	assert_true(starts_with(report, "De lijst is bijgewerkt.\n"));
	assert_contains(report, "Verwijderd: 2.");
	assert_contains(report, "Veranderd: 1.");
	free(report);
	char *usage = read_text(world->folder, "gebruik.csv");
	assert_true(starts_with(usage, "\xEF\xBB\xBF"
	                               "dag;soort;sleutel;aantal"));
	free(usage);
	/* Nothing else: no temporary files left behind. */
	assert_int_equal(count_entries(world->folder), 3);

	/* The preview was used up: a second apply changes nothing. */
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 6));
	settle_and_take(world, &list);
	assert_false(answer_is(&list, VOLUNTEER_EVENT_FINISHED)->changed_catalogue);
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count - 2);
	assert_null(volunteer_service_take_engine(world->service));
}

/* Apply without a preview first: nothing to apply. */
static void test_apply_without_preview_changes_nothing(void **state)
{
	fixture *world = *state;
	make_stick_with_catalogue(world, "id;naam\nx;X\n", 12);
	start_service(world);
	event_list list;
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 5));
	settle_and_take(world, &list);
	const volunteer_event *finished = only_event(&list, VOLUNTEER_EVENT_FINISHED);
	assert_false(finished->changed_catalogue);
	assert_contains(finished->detail, "geen catalogus");
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count);
	assert_false(exists(world->folder, "verslag-20260314-0905.txt"));
}

/* ---------------------------------------------------------------------------
 * 4. Catalogues with problems.
 * ------------------------------------------------------------------------- */

/* The problem line that starts with `prefix`, or NULL. */
static const char *problem_starting(const volunteer_event *preview, const char *prefix)
{
	for (size_t index = 0; index < preview->problem_count; index++) {
		if (starts_with(preview->problems[index], prefix)) {
			return preview->problems[index];
		}
	}
	return NULL;
}

/* Shows the problem lines (for a failing count). */
static void print_problems(const volunteer_event *preview)
{
	for (size_t index = 0; index < preview->problem_count; index++) {
		print_message("problem: %s\n", preview->problems[index]);
	}
}

static void test_preview_lists_problem_rows(void **state)
{
	fixture *world = *state;
	/* Row 2 spans two lines of the file: the spreadsheet still shows it
	 * as one row, so the row without a name is row 4 (line 5). */
	static const char spreadsheet[] = "id;naam;soort;omschrijving\r\n"
	                                  "ok-1;Wandelen;wandelgroep;\"Twee\r\nregels\"\r\n"
	                                  "ok-2;Koffie;groep;Gewoon\r\n"
	                                  "fout-1;;groep;Zonder naam\r\n"
	                                  "rare-soort;Rare soort;dansen;Onbekende soort\r\n";
	make_stick_with_catalogue(world, spreadsheet, strlen(spreadsheet));
	start_with_stick(world);
	event_list list;
	read_stick(world, &list);
	const volunteer_event *preview = answer_is(&list, VOLUNTEER_EVENT_PREVIEW);
	assert_true(preview->can_apply);
	assert_int_equal(preview->new_count, 3);
	assert_int_equal(preview->removed_count, world->sample_count);
	if (preview->problem_count != 2) {
		print_problems(preview);
	}
	assert_int_equal(preview->problem_count, 2);
	const char *error = problem_starting(preview, "Rij 4");
	assert_non_null(error);
	assert_contains(error, "naam");
	assert_null(strstr(error, "waarschuwing"));
	const char *warning = problem_starting(preview, "Rij 5, kolom soort");
	assert_non_null(warning);
	assert_contains(warning, "waarschuwing");
	assert_null(problem_starting(preview, "Rij 6"));
	release_events(&list);

	/* Cancelled: nothing changes, and nothing is written. */
	volunteer_service_discard(world->service, moment(2026, 3, 14, 9, 5));
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);
	assert_int_equal(stored_offer_count(world), world->sample_count);
	store_import_record newest;
	size_t rows = 0;
	assert_true(newest_history(world, &newest, &rows));
	assert_int_equal(rows, 1);
	/* And the discarded preview cannot be applied afterwards. */
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 6));
	settle_and_take(world, &list);
	assert_false(only_event(&list, VOLUNTEER_EVENT_FINISHED)->changed_catalogue);
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count);
}

static void test_fatal_file_is_refused_and_reported(void **state)
{
	fixture *world = *state;
	char corpus[1024];
	test_source_path("tests/corpus/missing_naam_column.csv", corpus, sizeof corpus);
	size_t length = 0;
	char *bytes = test_read_file(corpus, &length);
	assert_non_null(bytes);
	make_stick_with_catalogue(world, bytes, length);
	free(bytes);
	start_with_stick(world);
	event_list list;
	read_stick(world, &list);
	const volunteer_event *preview = answer_is(&list, VOLUNTEER_EVENT_PREVIEW);
	assert_false(preview->can_apply);
	assert_contains(preview->message, "'naam'");
	release_events(&list);

	volunteer_service_discard(world->service, moment(2026, 3, 14, 9, 5));
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);
	assert_int_equal(stored_offer_count(world), world->sample_count);
	store_import_record newest;
	size_t rows = 0;
	assert_true(newest_history(world, &newest, &rows));
	assert_int_equal(rows, 2);
	assert_false(newest.applied);
	assert_string_equal(newest.source, "usb-stick");
	char *report = read_text(world->folder, "verslag-20260314-0905.txt");
	assert_true(starts_with(report, "De lijst is NIET bijgewerkt."));
	assert_contains(report, "naam");
	free(report);
	assert_true(exists(world->folder, "gebruik.csv"));
	volunteer_service_menu_info(world->service);
	settle_and_take(world, &list);
	assert_contains(only_event(&list, VOLUNTEER_EVENT_MENU_INFO)->detail, "niet bijgewerkt");
	release_events(&list);

	/* Applying the refused file does nothing. */
	volunteer_service_read_stick(world->service, moment(2026, 3, 14, 9, 7));
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 7));
	settle_and_take(world, &list);
	const volunteer_event *finished = only_event(&list, VOLUNTEER_EVENT_FINISHED);
	assert_false(finished->changed_catalogue);
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count);
}

/* ---------------------------------------------------------------------------
 * 5. Signed catalogues.
 * ------------------------------------------------------------------------- */

/* Makes a key pair without a password: <directory>/<name>.pub and .key. */
static void make_key(const fixture *world, const char *name)
{
	char public_path[1100], secret_path[1100];
	char public_name[64], secret_name[64];
	snprintf(public_name, sizeof public_name, "%s.pub", name);
	snprintf(secret_name, sizeof secret_name, "%s.key", name);
	join(public_path, sizeof public_path, world->directory, public_name);
	join(secret_path, sizeof secret_path, world->directory, secret_name);
	const char *argv[] = {"minisign", "-G", "-W", "-p", public_path, "-s", secret_path, NULL};
	assert_int_equal(run_program(argv), 0);
}

/* The key line of <directory>/<name>.pub into the configuration. */
static void trust_key(fixture *world, const char *name)
{
	char public_name[64];
	snprintf(public_name, sizeof public_name, "%s.pub", name);
	char *text = read_text(world->directory, public_name);
	char *line = strchr(text, '\n');
	assert_non_null(line);
	line++;
	size_t length = strcspn(line, "\r\n");
	assert_true(length > 40 && length < sizeof world->config.signing_public_key);
	memcpy(world->config.signing_public_key, line, length);
	world->config.signing_public_key[length] = '\0';
	free(text);
}

/* Signs the stick's catalogus.csv with <directory>/<name>.key. */
static void sign_catalogue(const fixture *world, const char *name)
{
	char secret_name[64], secret_path[1100], catalogue_path[1100];
	snprintf(secret_name, sizeof secret_name, "%s.key", name);
	join(secret_path, sizeof secret_path, world->directory, secret_name);
	join(catalogue_path, sizeof catalogue_path, world->folder, "catalogus.csv");
	const char *argv[] = {"minisign", "-S", "-s", secret_path, "-m", catalogue_path, NULL};
	assert_int_equal(run_program(argv), 0);
	assert_true(exists(world->folder, "catalogus.csv.minisig"));
}

/* Reads the stick and expects a refusal whose detail holds `reason`; the
 * catalogue stays as it was, and apply finds nothing to apply. */
static void assert_refused(fixture *world, const char *reason)
{
	event_list list;
	read_stick(world, &list);
	assert_int_equal(count_kind(&list, VOLUNTEER_EVENT_PREVIEW), 0);
	const volunteer_event *finished = answer_is(&list, VOLUNTEER_EVENT_FINISHED);
	assert_false(finished->changed_catalogue);
	assert_contains(finished->detail, reason);
	release_events(&list);
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 6));
	settle_and_take(world, &list);
	assert_false(only_event(&list, VOLUNTEER_EVENT_FINISHED)->changed_catalogue);
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count);
	assert_null(volunteer_service_take_engine(world->service));
}

static void test_signed_catalogues(void **state)
{
	fixture *world = *state;
	make_key(world, "coordinator");
	make_key(world, "stranger");
	trust_key(world, "coordinator");
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	sign_catalogue(world, "coordinator");
	start_with_stick(world);

	/* Signed by the coordinator: previewed. */
	event_list list;
	read_stick(world, &list);
	const volunteer_event *preview = answer_is(&list, VOLUNTEER_EVENT_PREVIEW);
	assert_true(preview->can_apply);
	assert_int_equal(preview->removed_count, 2);
	assert_contains(preview->message, "handtekening");
	release_events(&list);

	/* Tampered after signing: one byte. The refusal also drops the
	 * earlier preview, so apply has nothing left. */
	size_t at = offset_of(changed, "Buurteettafel Overvecht") + 1;
	changed[at] = 'U';
	put_file(world->folder, "catalogus.csv", changed, length);
	assert_refused(world, "het bestand is veranderd");

	/* Signed by someone else. */
	changed[at] = 'u';
	put_file(world->folder, "catalogus.csv", changed, length);
	sign_catalogue(world, "stranger");
	assert_refused(world, "andere sleutel");

	/* Unsigned. */
	char signature[1100];
	join(signature, sizeof signature, world->folder, "catalogus.csv.minisig");
	assert_int_equal(unlink(signature), 0);
	assert_refused(world, "niet ondertekend");

	/* A damaged key in the configuration refuses everything. */
	volunteer_service_stop(world->service);
	world->service = NULL;
	sign_catalogue(world, "coordinator");
	memcpy(world->config.signing_public_key, "RWQ-kapot", sizeof "RWQ-kapot");
	start_with_stick(world);
	assert_refused(world, "klopt niet");
	free(changed);
}

/* ---------------------------------------------------------------------------
 * 6. Safety: links, empty sticks, sticks that cannot be written.
 * ------------------------------------------------------------------------- */

static void test_link_to_system_file_is_refused(void **state)
{
	fixture *world = *state;
	make_stick_with_folder(world);
	char link_path[1100];
	join(link_path, sizeof link_path, world->folder, "catalogus.csv");
	assert_int_equal(symlink("/etc/passwd", link_path), 0);
	start_with_stick(world);
	event_list list;
	read_stick(world, &list);
	const volunteer_event *finished = answer_is(&list, VOLUNTEER_EVENT_FINISHED);
	assert_false(finished->changed_catalogue);
	assert_non_null(finished->title);
	assert_true(strlen(finished->detail) > 0);
	release_events(&list);
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 6));
	settle_and_take(world, &list);
	assert_false(only_event(&list, VOLUNTEER_EVENT_FINISHED)->changed_catalogue);
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count);
	/* Nothing was written on the stick: only the link is there. */
	assert_int_equal(count_entries(world->folder), 1);
	store_import_record newest;
	size_t rows = 0;
	assert_true(newest_history(world, &newest, &rows));
	assert_int_equal(rows, 1);
}

/* A link as the buurtkiosk folder itself, pointing outside the stick. */
static void test_linked_folder_is_refused(void **state)
{
	fixture *world = *state;
	char elsewhere[800];
	join(elsewhere, sizeof elsewhere, world->directory, "elders");
	make_directory(elsewhere);
	size_t length = 0;
	char *changed = changed_sample(&length);
	put_file(elsewhere, "catalogus.csv", changed, length);
	free(changed);
	make_directory(world->stick);
	assert_int_equal(symlink(elsewhere, world->folder), 0);
	start_with_stick(world);
	event_list list;
	read_stick(world, &list);
	assert_false(answer_is(&list, VOLUNTEER_EVENT_FINISHED)->changed_catalogue);
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count);
	/* Nothing written through the link. */
	assert_int_equal(count_entries(elsewhere), 1);
}

static void test_empty_folder_gets_template(void **state)
{
	fixture *world = *state;
	make_stick_with_folder(world);
	start_with_stick(world);
	event_list list;
	read_stick(world, &list);
	const volunteer_event *finished = answer_is(&list, VOLUNTEER_EVENT_FINISHED);
	assert_false(finished->changed_catalogue);
	assert_contains(finished->title, "geen catalogus");
	assert_contains(finished->detail, "catalogus-sjabloon.csv");
	release_events(&list);
	char *template_text = read_text(world->folder, "catalogus-sjabloon.csv");
	const char *header = template_text;
	if (starts_with(header, "\xEF\xBB\xBF")) {
		header += 3;
	}
	assert_true(starts_with(header, "id;naam;"));
	free(template_text);
	assert_int_equal(stored_offer_count(world), world->sample_count);

	/* A template being filled in is left alone. */
	put_text(world->folder, "catalogus-sjabloon.csv", "id;naam\nmijn-groep;Mijn groep\n");
	read_stick(world, &list);
	assert_contains(answer_is(&list, VOLUNTEER_EVENT_FINISHED)->detail,
	                "catalogus-sjabloon.csv");
	release_events(&list);
	template_text = read_text(world->folder, "catalogus-sjabloon.csv");
	assert_string_equal(template_text, "id;naam\nmijn-groep;Mijn groep\n");
	free(template_text);
}

/* Reads and applies the stick's catalogue; the FINISHED detail (caller
 * frees). The catalogue must be applied whatever happens to the report. */
static char *read_and_apply(fixture *world)
{
	event_list list;
	read_stick(world, &list);
	assert_true(answer_is(&list, VOLUNTEER_EVENT_PREVIEW)->can_apply);
	release_events(&list);
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 5));
	settle_and_take(world, &list);
	const volunteer_event *finished = answer_is(&list, VOLUNTEER_EVENT_FINISHED);
	assert_true(finished->changed_catalogue);
	char *detail = strdup(finished->detail);
	assert_non_null(detail);
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count - 2);
	return detail;
}

/* The stick as a read-only bind mount of itself, in a private mount
 * namespace (root only; the process is single-threaded here: no service
 * runs between tests). False when the system does not allow it. */
static bool mount_read_only(const char *path)
{
	if (geteuid() != 0 || unshare(CLONE_NEWNS) != 0) {
		return false;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
		return false;
	}
	if (mount(path, path, NULL, MS_BIND, NULL) != 0) {
		return false;
	}
	if (mount(NULL, path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0) {
		(void)umount(path);
		return false;
	}
	return true;
}

static void test_read_only_stick_still_applies(void **state)
{
	fixture *world = *state;
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	free(changed);
	bool mounted = mount_read_only(world->stick);
	if (!mounted) {
		/* Not root: the folder's permissions stop writes. */
		assert_int_equal(chmod(world->folder, 0555), 0);
	}
	/* Either way the kiosk really cannot write there. */
	char probe[1100];
	join(probe, sizeof probe, world->folder, "probe");
	int probe_fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (probe_fd >= 0) {
		/* Root without a mount namespace: chmod does not stop root, so
		 * this case cannot be made here; the write failure is covered by
		 * test_failed_write_is_reported. Still apply must work. */
		close(probe_fd);
		assert_int_equal(unlink(probe), 0);
		print_message("NOTE: root without mount namespace: read-only stick not made\n");
		start_with_stick(world);
		free(read_and_apply(world));
		return;
	}
	start_with_stick(world);
	char *detail = read_and_apply(world);
	assert_contains(detail, "alleen-lezen");
	free(detail);
	/* Nothing was added to the stick. */
	assert_int_equal(count_entries(world->folder), 1);
	volunteer_service_stop(world->service);
	world->service = NULL;
	if (mounted) {
		assert_int_equal(umount(world->stick), 0);
	}
}

/* A write that fails on the stick (gebruik.csv is a folder there, so it
 * cannot be replaced): the catalogue is applied and the detail says the
 * stick did not get everything. */
static void test_failed_write_is_reported(void **state)
{
	fixture *world = *state;
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	free(changed);
	char blocker[1100];
	join(blocker, sizeof blocker, world->folder, "gebruik.csv");
	make_directory(blocker);
	put_text(blocker, "iets", "x");
	start_with_stick(world);
	char *detail = read_and_apply(world);
	assert_null(strstr(detail, "staan op de stick"));
	assert_contains(detail, "niet op de stick");
	/* The report itself was written before the counts failed: the detail
	 * must not tell the volunteer it is missing. */
	assert_true(exists(world->folder, "verslag-20260314-0905.txt"));
	bool says_missing = strstr(detail, "Het verslag staat niet op de stick") != NULL;
	if (says_missing) {
		print_message("the report is on the stick, but the detail says: %s\n", detail);
	}
	free(detail);
	assert_false(says_missing);
}

/* The stick pulled between the preview and "Bijwerken": the copy read
 * into memory is applied, and the detail says the report is not there. */
static void test_stick_pulled_after_preview(void **state)
{
	fixture *world = *state;
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	free(changed);
	start_with_stick(world);
	event_list list;
	read_stick(world, &list);
	assert_true(answer_is(&list, VOLUNTEER_EVENT_PREVIEW)->can_apply);
	release_events(&list);
	test_remove_tree(world->stick);
	settle_and_take(world, &list);
	assert_false(only_event(&list, VOLUNTEER_EVENT_STICK)->stick_present);
	release_events(&list);
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 5));
	settle_and_take(world, &list);
	const volunteer_event *finished = answer_is(&list, VOLUNTEER_EVENT_FINISHED);
	assert_true(finished->changed_catalogue);
	assert_contains(finished->detail, "al weg");
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count - 2);
	match_engine_destroy(volunteer_service_take_engine(world->service));

	/* Reading with no stick says so. */
	read_stick(world, &list);
	const volunteer_event *refused = only_event(&list, VOLUNTEER_EVENT_FINISHED);
	assert_false(refused->changed_catalogue);
	assert_contains(refused->detail, "geen stick");
	release_events(&list);
}

/* A stick with only a spreadsheet at its root (no buurtkiosk/ folder):
 * read as the catalogue; the report goes into a new buurtkiosk/ folder. */
static void test_root_spreadsheet_stick(void **state)
{
	fixture *world = *state;
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_directory(world->stick);
	put_file(world->stick, "aanbod.csv", changed, length);
	free(changed);
	start_with_stick(world);
	free(read_and_apply(world));
	assert_true(exists(world->folder, "verslag-20260314-0905.txt"));
	assert_true(exists(world->folder, "gebruik.csv"));
	match_engine_destroy(volunteer_service_take_engine(world->service));
}

/* Names as a volunteer's computer may spell them. */
static void test_names_in_other_case(void **state)
{
	fixture *world = *state;
	size_t length = 0;
	char *changed = changed_sample(&length);
	char folder[900];
	join(folder, sizeof folder, world->stick, "BuurtKiosk");
	make_directory(world->stick);
	make_directory(folder);
	put_file(folder, "Catalogus.CSV", changed, length);
	free(changed);
	start_with_stick(world);
	free(read_and_apply(world));
	assert_true(exists(folder, "verslag-20260314-0905.txt"));
	assert_false(exists(world->stick, "buurtkiosk"));
	match_engine_destroy(volunteer_service_take_engine(world->service));
}

/* More problems than the preview lists: the rest are counted in one line. */
static void test_many_problems_are_summed_up(void **state)
{
	fixture *world = *state;
	size_t size = 64u * 1024u;
	char *spreadsheet = malloc(size);
	assert_non_null(spreadsheet);
	int used = snprintf(spreadsheet, size, "id;naam\ngoed;Een goede rij\n");
	assert_true(used > 0);
	size_t length = (size_t)used;
	for (unsigned row = 0; row < 250u; row++) {
		used = snprintf(spreadsheet + length, size - length, "leeg-%u;\n", row);
		assert_true(used > 0 && (size_t)used < size - length);
		length += (size_t)used;
	}
	make_stick_with_catalogue(world, spreadsheet, length);
	free(spreadsheet);
	start_with_stick(world);
	event_list list;
	read_stick(world, &list);
	const volunteer_event *preview = answer_is(&list, VOLUNTEER_EVENT_PREVIEW);
	assert_true(preview->can_apply);
	assert_int_equal(preview->new_count, 1);
	assert_int_equal(preview->problem_count, 201);
	assert_true(starts_with(preview->problems[0], "Rij 3, kolom naam"));
	assert_true(starts_with(preview->problems[199], "Rij 202, kolom naam"));
	assert_contains(preview->problems[200], "En nog 50 meldingen");
	release_events(&list);
}

/* A signature file that is a link is never followed: refused as damaged,
 * though the file it points to is a good signature. */
static void test_linked_signature_is_refused(void **state)
{
	fixture *world = *state;
	make_key(world, "coordinator");
	trust_key(world, "coordinator");
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	free(changed);
	sign_catalogue(world, "coordinator");
	char signature[1100], elsewhere[1100];
	join(signature, sizeof signature, world->folder, "catalogus.csv.minisig");
	join(elsewhere, sizeof elsewhere, world->directory, "goed.minisig");
	assert_int_equal(rename(signature, elsewhere), 0);
	assert_int_equal(symlink(elsewhere, signature), 0);
	start_with_stick(world);
	assert_refused(world, "beschadigd");
}

/* A spreadsheet over the importer's limit is not read at all. */
static void test_too_large_file_is_refused(void **state)
{
	fixture *world = *state;
	make_stick_with_folder(world);
	char path[1100];
	join(path, sizeof path, world->folder, "catalogus.csv");
	int descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	assert_true(descriptor >= 0);
	static const char header[] = "id;naam\n";
	assert_int_equal(write(descriptor, header, strlen(header)), (ssize_t)strlen(header));
	assert_int_equal(ftruncate(descriptor, (off_t)USB_STICK_MAX_CATALOGUE_BYTES + 1), 0);
	assert_int_equal(close(descriptor), 0);
	start_with_stick(world);
	event_list list;
	read_stick(world, &list);
	const volunteer_event *finished = answer_is(&list, VOLUNTEER_EVENT_FINISHED);
	assert_false(finished->changed_catalogue);
	assert_true(strlen(finished->detail) > 0);
	release_events(&list);
	assert_int_equal(stored_offer_count(world), world->sample_count);
}

static atomic_int wake_calls;

static void count_wake(void *context)
{
	assert_ptr_equal(context, &wake_calls);
	atomic_fetch_add(&wake_calls, 1);
}

/* The UI is woken for every answer. */
static void test_wake_is_called(void **state)
{
	fixture *world = *state;
	atomic_store(&wake_calls, 0);
	const char *roots[] = {world->root};
	volunteer_service_setup setup = {.config = &world->config,
	                                 .roots = roots,
	                                 .root_count = 1,
	                                 .wake = count_wake,
	                                 .wake_context = &wake_calls};
	assert_int_equal(volunteer_service_start(&setup, &world->service), STATUS_OK);
	event_list list;
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);
	release_events(&list);
	int before = atomic_load(&wake_calls);
	volunteer_service_menu_info(world->service);
	volunteer_service_check_pin(world->service, WRONG_PIN);
	settle_and_take(world, &list);
	assert_int_equal(list.count, 2);
	release_events(&list);
	assert_true(atomic_load(&wake_calls) - before >= 2);
}

/* ---------------------------------------------------------------------------
 * 7. Exporting the counts.
 * ------------------------------------------------------------------------- */

static void test_export_counts(void **state)
{
	fixture *world = *state;
	/* A count in the database, so the export has a row to show. */
	counters *pending = counters_create();
	assert_non_null(pending);
	assert_int_equal(counters_add(pending, catalogue_days_from_civil(2026, 3, 2),
	                              COUNTER_OFFER_PRINTED, "buurteettafel", 3),
	                 STATUS_OK);
	store *database = NULL;
	assert_int_equal(store_open(world->config.database, &database), STATUS_OK);
	assert_int_equal(store_add_counters(database, pending), STATUS_OK);
	store_close(database);
	counters_destroy(pending);

	/* No stick yet. */
	start_service(world);
	event_list list;
	volunteer_service_export_counts(world->service);
	settle_and_take(world, &list);
	assert_contains(only_event(&list, VOLUNTEER_EVENT_MENU_MESSAGE)->message, "geen stick");
	release_events(&list);

	make_stick_with_folder(world);
	settle_and_take(world, &list);
	assert_true(only_event(&list, VOLUNTEER_EVENT_STICK)->stick_present);
	release_events(&list);
	volunteer_service_export_counts(world->service);
	settle_and_take(world, &list);
	assert_contains(only_event(&list, VOLUNTEER_EVENT_MENU_MESSAGE)->message, "gebruik.csv");
	release_events(&list);
	char *usage = read_text(world->folder, "gebruik.csv");
	assert_true(starts_with(usage, "\xEF\xBB\xBF"
	                               "dag;soort;sleutel;aantal"));
	assert_contains(usage, "2026-03-02;geprint;buurteettafel;3");
	free(usage);
	assert_int_equal(count_entries(world->folder), 1);

	/* The stick pulled: no stick again. */
	test_remove_tree(world->stick);
	settle_and_take(world, &list);
	assert_false(only_event(&list, VOLUNTEER_EVENT_STICK)->stick_present);
	release_events(&list);
	volunteer_service_export_counts(world->service);
	settle_and_take(world, &list);
	assert_contains(only_event(&list, VOLUNTEER_EVENT_MENU_MESSAGE)->message, "geen stick");
	release_events(&list);
}

/* ---------------------------------------------------------------------------
 * 8. The menu's summary.
 * ------------------------------------------------------------------------- */

static void test_menu_info(void **state)
{
	fixture *world = *state;
	start_service(world);
	event_list list;
	volunteer_service_menu_info(world->service);
	settle_and_take(world, &list);
	const volunteer_event *info = only_event(&list, VOLUNTEER_EVENT_MENU_INFO);
	char expected[64];
	snprintf(expected, sizeof expected, "%zu aanbiedingen", world->sample_count);
	assert_contains(info->title, expected);
	assert_contains(info->detail, "01-02-2026");
	assert_contains(info->detail, "bestand");
	release_events(&list);

	/* After an update from a stick the summary follows. */
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	free(changed);
	settle_and_take(world, &list);
	release_events(&list);
	free(read_and_apply(world));
	volunteer_service_menu_info(world->service);
	settle_and_take(world, &list);
	info = only_event(&list, VOLUNTEER_EVENT_MENU_INFO);
	snprintf(expected, sizeof expected, "%zu aanbiedingen", world->sample_count - 2);
	assert_contains(info->title, expected);
	assert_contains(info->detail, "14-03-2026");
	assert_contains(info->detail, "usb-stick");
	assert_contains(info->detail, "2 verwijderd");
	release_events(&list);
	match_engine_destroy(volunteer_service_take_engine(world->service));
}

/* Damages the database's header and lets the kiosk's recovery run, from
 * the last-good copy or else `sample_path` (may be NULL). */
static store_recovery damage_and_recover(const fixture *world, const char *sample_path)
{
	size_t length = 0;
	char *bytes = test_read_file(world->config.database, &length);
	assert_true(length > 100);
	memset(bytes, 'x', 100);
	test_write_file(world->config.database, bytes, length);
	free(bytes);
	store *database = NULL;
	store_recovery what = STORE_OPENED;
	assert_int_equal(
	    store_open_or_recover(world->config.database, sample_path, &database, &what, NULL),
	    STATUS_OK);
	store_close(database);
	return what;
}

static volunteer_restore menu_restore(fixture *world)
{
	event_list list;
	volunteer_service_menu_info(world->service);
	settle_and_take(world, &list);
	volunteer_restore restored = only_event(&list, VOLUNTEER_EVENT_MENU_INFO)->restored;
	release_events(&list);
	return restored;
}

/* The menu says when the catalogue in use came from a recovery after
 * damage, which one, and stops saying so once a volunteer applies a new
 * catalogue; a refused one leaves the warning. */
static void test_menu_info_warns_after_a_recovery(void **state)
{
	fixture *world = *state;
	start_service(world);
	assert_int_equal(menu_restore(world), VOLUNTEER_RESTORE_NONE);

	assert_int_equal(damage_and_recover(world, NULL), STORE_RESTORED_FROM_BACKUP);
	assert_int_equal(menu_restore(world), VOLUNTEER_RESTORE_BACKUP);
	store *database = NULL;
	assert_int_equal(store_open(world->config.database, &database), STATUS_OK);
	assert_int_equal(store_record_refused_import(database, NULL, STORE_SOURCE_USB, 20600),
	                 STATUS_OK);
	store_close(database);
	assert_int_equal(menu_restore(world), VOLUNTEER_RESTORE_BACKUP);

	char backup[1200];
	assert_true(text_format(backup, sizeof backup, "%s%s", world->config.database,
	                        STORE_BACKUP_SUFFIX));
	assert_int_equal(remove(backup), 0);
	char sample_path[1024];
	test_source_path("data/catalogus.csv", sample_path, sizeof sample_path);
	assert_int_equal(damage_and_recover(world, sample_path), STORE_RESTORED_FROM_SAMPLE);
	assert_int_equal(menu_restore(world), VOLUNTEER_RESTORE_SAMPLE);
	event_list list;
	volunteer_service_menu_info(world->service);
	settle_and_take(world, &list);
	assert_contains(only_event(&list, VOLUNTEER_EVENT_MENU_INFO)->detail, "noodvoorbeeld");
	release_events(&list);

	assert_int_equal(remove(backup), 0);
	assert_int_equal(damage_and_recover(world, NULL), STORE_EMPTY);
	assert_int_equal(menu_restore(world), VOLUNTEER_RESTORE_NOTHING);
	volunteer_service_menu_info(world->service);
	settle_and_take(world, &list);
	assert_contains(only_event(&list, VOLUNTEER_EVENT_MENU_INFO)->title, "0 aanbiedingen");
	release_events(&list);

	/* A volunteer applies a catalogue from a stick: the warning is gone. */
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	free(changed);
	settle_and_take(world, &list);
	release_events(&list);
	free(read_and_apply(world));
	assert_int_equal(menu_restore(world), VOLUNTEER_RESTORE_NONE);
	match_engine_destroy(volunteer_service_take_engine(world->service));
}

/* ---------------------------------------------------------------------------
 * 9. The menu's default language, saved in the database.
 * ------------------------------------------------------------------------- */

/* The stored setting `name` into out; false when none is stored. */
static bool stored_setting(const fixture *world, const char *name, char *out, size_t size)
{
	store *database = NULL;
	assert_int_equal(store_open_read_only(world->config.database, &database), STATUS_OK);
	bool found = false;
	assert_int_equal(store_read_setting(database, name, out, size, &found), STATUS_OK);
	store_close(database);
	return found;
}

static void assert_saved_language(const fixture *world, const char *code, const char *configured)
{
	char value[STORE_SETTING_VALUE_BYTES];
	assert_true(stored_setting(world, VOLUNTEER_SERVICE_SETTING_LANGUAGE, value, sizeof value));
	assert_string_equal(value, code);
	assert_true(stored_setting(world, VOLUNTEER_SERVICE_SETTING_LANGUAGE_CONFIGURED, value,
	                           sizeof value));
	assert_string_equal(value, configured);
}

/* A save goes through the real database file, silently; the newest of
 * saves waiting in the queue wins (however often the volunteer taps, the
 * queue does not fill); a forget removes both rows. */
static void test_default_language_is_saved(void **state)
{
	fixture *world = *state;
	start_service(world);
	event_list list;
	volunteer_service_save_default_language(world->service, "tr", "nl");
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);
	assert_saved_language(world, "tr", "nl");

	/* Many at once while the worker is busy: the queue holds at most one. */
	volunteer_service_menu_info(world->service);
	for (int tap = 0; tap < 20; tap++) {
		volunteer_service_save_default_language(world->service, tap % 2 ? "ar" : "en",
		                                        "nl");
	}
	volunteer_service_export_counts(world->service);
	settle_and_take(world, &list);
	assert_int_equal(count_kind(&list, VOLUNTEER_EVENT_MENU_INFO), 1);
	assert_int_equal(count_kind(&list, VOLUNTEER_EVENT_MENU_MESSAGE), 1);
	release_events(&list);
	assert_saved_language(world, "ar", "nl");

	/* Codes that cannot be a language are not queued. */
	volunteer_service_save_default_language(world->service, "much-too-long", "nl");
	volunteer_service_save_default_language(world->service, "", "nl");
	volunteer_service_save_default_language(world->service, NULL, "nl");
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);
	assert_saved_language(world, "ar", "nl");

	volunteer_service_forget_default_language(world->service);
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);
	char value[STORE_SETTING_VALUE_BYTES];
	assert_false(
	    stored_setting(world, VOLUNTEER_SERVICE_SETTING_LANGUAGE, value, sizeof value));
	assert_false(stored_setting(world, VOLUNTEER_SERVICE_SETTING_LANGUAGE_CONFIGURED, value,
	                            sizeof value));
}

/* A database that cannot be written: the menu is told, in plain Dutch. */
static void test_default_language_save_failure_is_told(void **state)
{
	fixture *world = *state;
	start_service(world);
	/* A folder where the database should be: nothing can be opened. */
	char elsewhere[1200];
	join(elsewhere, sizeof elsewhere, world->directory, "a-folder");
	make_directory(elsewhere);
	kiosk_config saved = world->config;
	(void)text_copy(world->config.database, sizeof world->config.database, elsewhere);
	event_list list;
	volunteer_service_save_default_language(world->service, "tr", "nl");
	settle_and_take(world, &list);
	assert_contains(only_event(&list, VOLUNTEER_EVENT_MENU_MESSAGE)->message,
	                "De standaardtaal is niet bewaard.");
	release_events(&list);
	/* Forgetting is not the menu's business: only logged. */
	volunteer_service_forget_default_language(world->service);
	settle_and_take(world, &list);
	assert_int_equal(list.count, 0);
	world->config = saved;
}

/* A choice still waiting when the kiosk stops ("Kiosk opnieuw starten"
 * right after it) is saved on the way out; other waiting work is not done. */
static void test_default_language_survives_a_stop(void **state)
{
	fixture *world = *state;
	start_service(world);
	volunteer_service_check_pin(world->service, WRONG_PIN); /* slow: the save waits */
	volunteer_service_save_default_language(world->service, "en", "nl");
	volunteer_service_stop(world->service);
	world->service = NULL;
	assert_saved_language(world, "en", "nl");
}

/* ---------------------------------------------------------------------------
 * 10. Starting and stopping.
 * ------------------------------------------------------------------------- */

static void test_start_needs_roots(void **state)
{
	fixture *world = *state;
	volunteer_service *service = (volunteer_service *)&service;
	volunteer_service_setup setup = {.config = &world->config, .roots = NULL, .root_count = 0};
	assert_int_equal(volunteer_service_start(&setup, &service), STATUS_USAGE);
	assert_null(service);
	volunteer_service_stop(NULL);
}

/* Stopped with requests queued and events not taken: everything is freed
 * (LeakSanitizer) and the catalogue is whole. */
static void test_stop_with_work_queued(void **state)
{
	fixture *world = *state;
	size_t length = 0;
	char *changed = changed_sample(&length);
	make_stick_with_catalogue(world, changed, length);
	free(changed);
	start_service(world);
	volunteer_service_check_pin(world->service, RIGHT_PIN);
	volunteer_service_read_stick(world->service, moment(2026, 3, 14, 9, 5));
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 5));
	volunteer_service_menu_info(world->service);
	volunteer_service_export_counts(world->service);
	volunteer_service_stop(world->service);
	world->service = NULL;
	size_t count = stored_offer_count(world);
	assert_true(count == world->sample_count || count == world->sample_count - 2);

	/* Stopped after a preview, its catalogue and events never taken. */
	start_with_stick(world);
	volunteer_service_read_stick(world->service, moment(2026, 3, 14, 9, 5));
	volunteer_service_settle(world->service);
	volunteer_service_stop(world->service);
	world->service = NULL;

	/* Stopped after an apply whose engine was never taken. */
	start_with_stick(world);
	volunteer_service_read_stick(world->service, moment(2026, 3, 14, 9, 5));
	volunteer_service_apply(world->service, moment(2026, 3, 14, 9, 5));
	volunteer_service_settle(world->service);
	volunteer_service_stop(world->service);
	world->service = NULL;
	assert_int_equal(stored_offer_count(world), world->sample_count - 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_stick_appears_and_goes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stick_already_there_is_reported, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_second_stick_is_taken_when_first_goes, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_check_pin, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_preview_apply, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_apply_without_preview_changes_nothing, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_preview_lists_problem_rows, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fatal_file_is_refused_and_reported, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_signed_catalogues, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_link_to_system_file_is_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_linked_folder_is_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty_folder_gets_template, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_only_stick_still_applies, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failed_write_is_reported, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stick_pulled_after_preview, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_root_spreadsheet_stick, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_names_in_other_case, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_many_problems_are_summed_up, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_linked_signature_is_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_too_large_file_is_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_wake_is_called, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_export_counts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_menu_info, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_menu_info_warns_after_a_recovery, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_default_language_is_saved, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_default_language_save_failure_is_told, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_default_language_survives_a_stop, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_start_needs_roots, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stop_with_work_queued, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
