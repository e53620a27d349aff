/* test_usb_stick.c — the USB stick module on plain folders (a fake mount
 * root with fake sticks) and, in a private mount namespace, on tiny tmpfs
 * mounts: choosing the catalogue, refusing links and FIFOs, stable reads,
 * the watcher, and atomic writing back (full and read-only sticks). */
#define _GNU_SOURCE
#include "test_support.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalogue.h"
#include "import.h"
#include "schedule.h"
#include "usb_stick.h"

static const char CATALOGUE[] = "id;naam;soort\r\nwandel-01;Wandelen met buren;wandelgroep\r\n";
static const char OTHER_CATALOGUE[] = "id,naam\nkoffie-01,Koffie-ochtend\n";
static const char NOT_A_CATALOGUE[] = "datum;bedrag\n2026-01-01;12\n";

/* ---------------------------------------------------------------------------
 * Helpers.
 * ------------------------------------------------------------------------- */

static void join(char *out, size_t size, const char *directory, const char *relative)
{
	int written = snprintf(out, size, "%s/%s", directory, relative);
	assert_true(written > 0 && (size_t)written < size);
}

static void make_directory(const char *directory, const char *relative)
{
	char path[1024];
	join(path, sizeof path, directory, relative);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void put_file(const char *directory, const char *relative, const char *text)
{
	char path[1024];
	join(path, sizeof path, directory, relative);
	test_write_file(path, text, strlen(text));
}

static bool exists(const char *directory, const char *relative)
{
	char path[1024];
	join(path, sizeof path, directory, relative);
	struct stat info;
	return lstat(path, &info) == 0;
}

/* Entries of a directory whose name contains `part`. */
static int count_entries_containing(const char *directory, const char *part)
{
	DIR *listing = opendir(directory);
	if (listing == NULL)
		return -1;
	int count = 0;
	struct dirent *entry;
	while ((entry = readdir(listing)) != NULL) {
		if (strstr(entry->d_name, part) != NULL)
			count++;
	}
	closedir(listing);
	return count;
}

static usb_stick *open_stick(const char *path)
{
	usb_stick *stick = NULL;
	assert_int_equal(usb_stick_open(path, &stick), STATUS_OK);
	assert_non_null(stick);
	return stick;
}

static usb_stick_content content_at(const char *path)
{
	usb_stick *stick = open_stick(path);
	usb_stick_content content = usb_stick_content_of(stick);
	usb_stick_close(stick);
	return content;
}

/* A fresh root with one stick folder "stick" in it; both paths out. */
static void make_root_with_stick(char *root, size_t root_size, char *stick, size_t stick_size)
{
	test_make_temp_dir(root, root_size);
	join(stick, stick_size, root, "stick");
	assert_int_equal(mkdir(stick, 0755), 0);
}

static local_time moment(int year, int month, int day, int hour, int minute)
{
	local_time at = {catalogue_days_from_civil(year, month, day),
	                 (int16_t)(hour * 60 + minute)};
	return at;
}

/* ---------------------------------------------------------------------------
 * Recognising a header.
 * ------------------------------------------------------------------------- */

static bool header(const char *text)
{
	return usb_stick_header_is_catalogue(text, strlen(text));
}

static void test_header_recognition(void **state)
{
	(void)state;
	assert_true(header("id;naam\n"));
	assert_true(header("\xEF\xBB\xBFID,Naam,soort\r\n1,x,groep\r\n"));
	assert_true(header("sep=;\nid;naam\n"));
	assert_true(header("Identifier;Name\n"));
	assert_true(header("naam (name);id (id);omschrijving (description)\n"));
	assert_true(header("\"Naam\";\"Id\"\n"));
	assert_true(header("titel;ÍD\n")); /* accents folded */
	/* As the importer reads them: Windows-1252 cells, no-break spaces. */
	assert_true(header("Na\xe1m;ID\n"));
	assert_true(header("\xC2\xA0naam\xC2\xA0;id\n"));
	assert_true(header("naam\x92;id\n")); /* Excel's apostrophe, dropped */
	assert_false(header("id;omschrijving\n"));
	assert_false(header("naam;plaats\n"));
	assert_false(header("datum;bedrag\n"));
	assert_false(header(""));
	assert_false(header("identiteit;naamloos\n"));
	assert_false(usb_stick_header_is_catalogue("\x89PNG\r\n\x1a\n\0\0id;naam", 16));
	assert_false(usb_stick_header_is_catalogue(NULL, 0));
	/* Only the first USB_STICK_HEADER_BYTES count: a header beyond them is
	 * not seen. */
	size_t padding = USB_STICK_HEADER_BYTES;
	char *late = malloc(padding + 16);
	assert_non_null(late);
	memset(late, 'x', padding);
	memcpy(late + padding, ";id;naam\n", 10);
	assert_false(usb_stick_header_is_catalogue(late, padding + 9));
	free(late);
}

/* ---------------------------------------------------------------------------
 * Choosing the catalogue.
 * ------------------------------------------------------------------------- */

static void test_canonical_catalogue_is_read(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	put_file(stick_path, "buurtkiosk/catalogus.csv", CATALOGUE);
	put_file(stick_path, "other.csv", OTHER_CATALOGUE); /* the folder wins */

	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_CATALOGUE);
	assert_string_equal(usb_stick_catalogue_name(stick), "buurtkiosk/catalogus.csv");
	assert_string_equal(usb_stick_path(stick), stick_path);
	usb_stick_catalogue copy;
	usb_stick_problem problem = USB_STICK_PROBLEM_FULL;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, &problem), STATUS_OK);
	assert_int_equal(problem, USB_STICK_PROBLEM_NONE);
	assert_int_equal(copy.length, strlen(CATALOGUE));
	assert_memory_equal(copy.bytes, CATALOGUE, copy.length);
	assert_int_equal(copy.bytes[copy.length], '\0');
	assert_int_equal(copy.signature_state, USB_STICK_SIGNATURE_NONE);
	assert_null(copy.signature);
	assert_string_equal(copy.name, "buurtkiosk/catalogus.csv");

	/* The copy imports from memory. */
	catalogue *items = NULL;
	import_report report;
	assert_int_equal(import_read_memory(copy.bytes, copy.length, &items, &report), STATUS_OK);
	assert_false(report.fatal);
	assert_int_equal(report.imported, 1);
	catalogue_destroy(items);
	import_report_free(&report);
	usb_stick_catalogue_free(&copy);
	assert_null(copy.bytes);
	usb_stick_close(stick);
	test_remove_tree(root);
}

static void test_names_are_case_insensitive(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "BUURTKIOSK");
	put_file(stick_path, "BUURTKIOSK/Catalogus.CSV", CATALOGUE);
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_CATALOGUE);
	assert_string_equal(usb_stick_catalogue_name(stick), "BUURTKIOSK/Catalogus.CSV");
	usb_stick_catalogue copy;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, NULL), STATUS_OK);
	assert_memory_equal(copy.bytes, CATALOGUE, strlen(CATALOGUE));
	usb_stick_catalogue_free(&copy);
	/* Writing goes into the folder as the stick spells it. */
	assert_int_equal(usb_stick_write_usage(stick, "dag;soort;sleutel;aantal\r\n", NULL),
	                 STATUS_OK);
	assert_true(exists(stick_path, "BUURTKIOSK/gebruik.csv"));
	assert_false(exists(stick_path, "buurtkiosk"));
	usb_stick_close(stick);
	test_remove_tree(root);
}

static void test_single_root_csv(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	put_file(stick_path, "Aanbod.CSV", CATALOGUE);
	put_file(stick_path, "kasboek.csv", NOT_A_CATALOGUE); /* not recognised: no rival */
	put_file(stick_path, "._Aanbod.CSV", CATALOGUE);      /* a macOS resource fork */
	put_file(stick_path, "notities.txt", "id;naam\n");
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_CATALOGUE);
	assert_string_equal(usb_stick_catalogue_name(stick), "Aanbod.CSV");
	usb_stick_catalogue copy;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, NULL), STATUS_OK);
	assert_memory_equal(copy.bytes, CATALOGUE, strlen(CATALOGUE));
	usb_stick_catalogue_free(&copy);
	usb_stick_close(stick);
	test_remove_tree(root);
}

static void test_two_root_csvs_or_unknown_header_give_nothing(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	put_file(stick_path, "een.csv", CATALOGUE);
	put_file(stick_path, "twee.csv", OTHER_CATALOGUE);
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_NOTHING);
	assert_string_equal(usb_stick_catalogue_name(stick), "");
	usb_stick_catalogue copy;
	usb_stick_problem problem;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, &problem),
	                 STATUS_NOT_FOUND);
	assert_int_equal(problem, USB_STICK_PROBLEM_NO_CATALOGUE);
	assert_null(copy.bytes);
	/* Nothing for us: nothing is written either. */
	assert_int_equal(usb_stick_write_template(stick, &problem), STATUS_REFUSED);
	assert_int_equal(problem, USB_STICK_PROBLEM_NOT_OURS);
	assert_int_equal(usb_stick_write_report(stick, moment(2026, 11, 24, 9, 5), "x", &problem),
	                 STATUS_REFUSED);
	assert_false(exists(stick_path, "buurtkiosk"));
	usb_stick_close(stick);

	char path[1024];
	join(path, sizeof path, stick_path, "twee.csv");
	assert_int_equal(unlink(path), 0);
	join(path, sizeof path, stick_path, "een.csv");
	test_write_file(path, NOT_A_CATALOGUE, strlen(NOT_A_CATALOGUE));
	assert_int_equal(content_at(stick_path), USB_STICK_CONTENT_NOTHING);
	test_remove_tree(root);
}

static void test_folder_without_catalogue_is_the_template_case(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	put_file(stick_path, "buurtkiosk/oud.csv", CATALOGUE); /* not the canonical name */
	assert_int_equal(content_at(stick_path), USB_STICK_CONTENT_FOLDER_ONLY);
	/* A recognised root .csv is still taken. */
	put_file(stick_path, "aanbod.csv", CATALOGUE);
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_CATALOGUE);
	assert_string_equal(usb_stick_catalogue_name(stick), "aanbod.csv");
	usb_stick_close(stick);
	/* A file called buurtkiosk is not the folder. */
	char other_root[512], plain[1024];
	make_root_with_stick(other_root, sizeof other_root, plain, sizeof plain);
	put_file(plain, "buurtkiosk", "geen map");
	assert_int_equal(content_at(plain), USB_STICK_CONTENT_NOTHING);
	test_remove_tree(other_root);
	test_remove_tree(root);
}

/* ---------------------------------------------------------------------------
 * Links, FIFOs, sizes.
 * ------------------------------------------------------------------------- */

static void test_symlink_to_passwd_is_refused(void **state)
{
	(void)state;
	char root[512], stick_path[1024], path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	join(path, sizeof path, stick_path, "buurtkiosk/catalogus.csv");
	assert_int_equal(symlink("/etc/passwd", path), 0);
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_REFUSED);
	assert_int_equal(usb_stick_refusal(stick), USB_STICK_PROBLEM_UNSAFE);
	assert_non_null(strstr(usb_stick_detail(stick), "symbolic link"));
	usb_stick_catalogue copy;
	usb_stick_problem problem;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, &problem),
	                 STATUS_REFUSED);
	assert_int_equal(problem, USB_STICK_PROBLEM_UNSAFE);
	assert_null(copy.bytes);
	assert_int_equal(usb_stick_write_usage(stick, "x", &problem), STATUS_REFUSED);
	assert_int_equal(problem, USB_STICK_PROBLEM_UNSAFE);
	assert_false(exists(stick_path, "buurtkiosk/gebruik.csv"));
	usb_stick_close(stick);

	/* At the root a link is never a candidate, also when it points at a real
	 * catalogue on the same stick. */
	assert_int_equal(unlink(path), 0);
	join(path, sizeof path, stick_path, "buurtkiosk");
	assert_int_equal(rmdir(path), 0);
	join(path, sizeof path, stick_path, "catalogus.csv");
	assert_int_equal(symlink("/etc/passwd", path), 0);
	assert_int_equal(content_at(stick_path), USB_STICK_CONTENT_NOTHING);
	make_directory(root, "elders");
	put_file(root, "elders/echt.csv", CATALOGUE);
	join(path, sizeof path, stick_path, "aanbod.csv");
	assert_int_equal(symlink("../elders/echt.csv", path), 0);
	assert_int_equal(content_at(stick_path), USB_STICK_CONTENT_NOTHING);
	test_remove_tree(root);
}

static void test_symlinked_folder_is_refused(void **state)
{
	(void)state;
	char root[512], stick_path[1024], path[1024], target[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(root, "elders");
	put_file(root, "elders/catalogus.csv", CATALOGUE);
	join(target, sizeof target, root, "elders");
	join(path, sizeof path, stick_path, "buurtkiosk");
	assert_int_equal(symlink(target, path), 0);
	put_file(stick_path, "aanbod.csv", CATALOGUE); /* no fallback past an unsafe folder */
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_REFUSED);
	usb_stick_catalogue copy;
	usb_stick_problem problem;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, &problem),
	                 STATUS_REFUSED);
	assert_int_equal(problem, USB_STICK_PROBLEM_UNSAFE);
	assert_int_equal(usb_stick_write_template(stick, &problem), STATUS_REFUSED);
	assert_int_equal(
	    usb_stick_write_report(stick, moment(2026, 1, 2, 3, 4), "verslag", &problem),
	    STATUS_REFUSED);
	usb_stick_close(stick);
	/* Nothing was written through the link. */
	join(path, sizeof path, root, "elders");
	assert_int_equal(count_entries_containing(path, ".csv"), 1);
	assert_int_equal(count_entries_containing(path, "verslag"), 0);
	/* The stick's own path may not be a link either. */
	char link_to_stick[1024];
	join(link_to_stick, sizeof link_to_stick, root, "link-to-stick");
	assert_int_equal(symlink(stick_path, link_to_stick), 0);
	usb_stick *none = (usb_stick *)&none;
	assert_int_equal(usb_stick_open(link_to_stick, &none), STATUS_NOT_FOUND);
	assert_null(none);
	test_remove_tree(root);
}

static void test_fifo_is_refused_without_blocking(void **state)
{
	(void)state;
	char root[512], stick_path[1024], path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	join(path, sizeof path, stick_path, "buurtkiosk/catalogus.csv");
	assert_int_equal(mkfifo(path, 0644), 0);
	/* Opening a FIFO for reading would wait for a writer forever. */
	alarm(20);
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_REFUSED);
	assert_non_null(strstr(usb_stick_detail(stick), "not a regular file"));
	usb_stick_catalogue copy;
	usb_stick_problem problem;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, &problem),
	                 STATUS_REFUSED);
	assert_int_equal(problem, USB_STICK_PROBLEM_UNSAFE);
	usb_stick_close(stick);
	/* A FIFO at the root is no candidate and is not opened. */
	assert_int_equal(unlink(path), 0);
	join(path, sizeof path, stick_path, "buurtkiosk");
	assert_int_equal(rmdir(path), 0);
	join(path, sizeof path, stick_path, "aanbod.csv");
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(content_at(stick_path), USB_STICK_CONTENT_NOTHING);
	alarm(0);
	test_remove_tree(root);
}

static void test_too_large_file_is_not_read(void **state)
{
	(void)state;
	char root[512], stick_path[1024], path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	put_file(stick_path, "buurtkiosk/catalogus.csv", CATALOGUE);
	join(path, sizeof path, stick_path, "buurtkiosk/catalogus.csv");
	/* Sparse: one byte over the limit. */
	assert_int_equal(truncate(path, (off_t)USB_STICK_MAX_CATALOGUE_BYTES + 1), 0);
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_content_of(stick), USB_STICK_CONTENT_CATALOGUE);
	usb_stick_catalogue copy;
	usb_stick_problem problem;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, &problem),
	                 STATUS_TOO_LARGE);
	assert_int_equal(problem, USB_STICK_PROBLEM_TOO_LARGE);
	assert_null(copy.bytes);
	/* Exactly at the limit is read whole. */
	assert_int_equal(truncate(path, (off_t)USB_STICK_MAX_CATALOGUE_BYTES), 0);
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, &problem), STATUS_OK);
	assert_int_equal(copy.length, USB_STICK_MAX_CATALOGUE_BYTES);
	assert_memory_equal(copy.bytes, CATALOGUE, strlen(CATALOGUE));
	usb_stick_catalogue_free(&copy);
	usb_stick_close(stick);
	test_remove_tree(root);
}

/* ---------------------------------------------------------------------------
 * Reading while things change.
 * ------------------------------------------------------------------------- */

typedef enum change_action { APPEND, TOUCH_SAME_SIZE, REPLACE, REMOVE, STOP } change_action;

typedef struct change_during_read {
	char path[1024];
	char directory[1024];
	int calls;
	int act_at;
	change_action action;
} change_during_read;

static bool change_file(void *context, uint64_t bytes_read, uint64_t total_bytes)
{
	change_during_read *change = context;
	assert_true(bytes_read <= total_bytes);
	if (++change->calls != change->act_at)
		return true;
	switch (change->action) {
	case APPEND: {
		FILE *file = fopen(change->path, "ab");
		assert_non_null(file);
		assert_int_equal(fputs("extra;rij\n", file) >= 0, 1);
		assert_int_equal(fclose(file), 0);
		break;
	}
	case TOUCH_SAME_SIZE: {
		/* Rewritten in place with bytes of the same length. */
		int fd = open(change->path, O_WRONLY);
		assert_true(fd >= 0);
		assert_int_equal(pwrite(fd, "X", 1, 0), 1);
		assert_int_equal(close(fd), 0);
		break;
	}
	case REPLACE: {
		char fresh[1100];
		join(fresh, sizeof fresh, change->directory, "nieuw.tmp");
		test_write_file(fresh, CATALOGUE, strlen(CATALOGUE));
		assert_int_equal(rename(fresh, change->path), 0);
		break;
	}
	case REMOVE: assert_int_equal(unlink(change->path), 0); break;
	case STOP: return false;
	}
	return true;
}

/* A file of `size` bytes (a catalogue padded with comment rows). */
static void write_big_catalogue(const char *path, size_t size)
{
	char *bytes = malloc(size);
	assert_non_null(bytes);
	memset(bytes, 'a', size);
	memcpy(bytes, CATALOGUE, strlen(CATALOGUE));
	for (size_t at = strlen(CATALOGUE); at + 64 < size; at += 64) {
		bytes[at] = '#';
		bytes[at + 63] = '\n';
	}
	test_write_file(path, bytes, size);
	free(bytes);
}

static void test_change_while_reading_is_detected(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	struct {
		change_action action;
		usb_stick_problem expected;
	} cases[] = {
	    {APPEND, USB_STICK_PROBLEM_CHANGED},  {TOUCH_SAME_SIZE, USB_STICK_PROBLEM_CHANGED},
	    {REPLACE, USB_STICK_PROBLEM_CHANGED}, {REMOVE, USB_STICK_PROBLEM_CHANGED},
	    {STOP, USB_STICK_PROBLEM_CANCELLED},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		change_during_read change = {.act_at = 2};
		change.action = cases[i].action;
		join(change.directory, sizeof change.directory, stick_path, "buurtkiosk");
		join(change.path, sizeof change.path, stick_path, "buurtkiosk/catalogus.csv");
		write_big_catalogue(change.path, 2u * 1024u * 1024u); /* several chunks */
		usb_stick *stick = open_stick(stick_path);
		usb_stick_catalogue copy;
		usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
		status result =
		    usb_stick_read_catalogue(stick, change_file, &change, &copy, &problem);
		assert_int_equal(result, STATUS_IO);
		assert_int_equal(problem, cases[i].expected);
		assert_null(copy.bytes);
		assert_true(change.calls >= 2);
		assert_string_not_equal(usb_stick_detail(stick), "");
		usb_stick_close(stick);
	}
	/* Unchanged, the same file reads whole with progress to the end. */
	change_during_read idle = {.act_at = -1};
	join(idle.path, sizeof idle.path, stick_path, "buurtkiosk/catalogus.csv");
	write_big_catalogue(idle.path, 2u * 1024u * 1024u);
	usb_stick *stick = open_stick(stick_path);
	usb_stick_catalogue copy;
	assert_int_equal(usb_stick_read_catalogue(stick, change_file, &idle, &copy, NULL),
	                 STATUS_OK);
	assert_int_equal(copy.length, 2u * 1024u * 1024u);
	assert_true(idle.calls >= 8);
	usb_stick_catalogue_free(&copy);
	usb_stick_close(stick);
	test_remove_tree(root);
}

typedef struct appender {
	const char *path;
	atomic_bool stop;
	atomic_int appended;
} appender;

static void *keep_appending(void *argument)
{
	appender *job = argument;
	int fd = open(job->path, O_WRONLY | O_APPEND);
	if (fd < 0)
		return NULL;
	while (!atomic_load(&job->stop)) {
		if (write(fd, "#meer;rij\n", 10) == 10)
			atomic_fetch_add(&job->appended, 1);
	}
	close(fd);
	return NULL;
}

/* A thread appending all the time: no read may hand out a copy that is not
 * the file as it stood (most attempts must see the change). */
static void test_thread_appending_during_read(void **state)
{
	(void)state;
	char root[512], stick_path[1024], path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	join(path, sizeof path, stick_path, "buurtkiosk/catalogus.csv");
	int changed = 0;
	for (int attempt = 0; attempt < 10; attempt++) {
		write_big_catalogue(path, 4u * 1024u * 1024u);
		usb_stick *stick = open_stick(stick_path);
		appender job = {.path = path};
		atomic_init(&job.stop, false);
		atomic_init(&job.appended, 0);
		pthread_t thread;
		assert_int_equal(pthread_create(&thread, NULL, keep_appending, &job), 0);
		while (atomic_load(&job.appended) == 0)
			sched_yield();
		usb_stick_catalogue copy;
		usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
		status result = usb_stick_read_catalogue(stick, NULL, NULL, &copy, &problem);
		atomic_store(&job.stop, true);
		assert_int_equal(pthread_join(thread, NULL), 0);
		if (result == STATUS_OK) {
			/* Only possible when no append landed during the read: then
			 * the copy is a whole, consistent file. */
			assert_true(copy.length >= 4u * 1024u * 1024u);
			assert_memory_equal(copy.bytes, CATALOGUE, strlen(CATALOGUE));
			assert_int_equal((copy.length - 4u * 1024u * 1024u) % 10, 0);
			usb_stick_catalogue_free(&copy);
		} else {
			assert_int_equal(result, STATUS_IO);
			assert_int_equal(problem, USB_STICK_PROBLEM_CHANGED);
			assert_null(copy.bytes);
			changed++;
		}
		usb_stick_close(stick);
	}
	assert_true(changed >= 5);
	test_remove_tree(root);
}

static void test_signature_beside_catalogue(void **state)
{
	(void)state;
	char root[512], stick_path[1024], path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	put_file(stick_path, "buurtkiosk/catalogus.csv", CATALOGUE);
	const char signature[] = "untrusted comment: signature\nRWQ...\n";
	put_file(stick_path, "buurtkiosk/Catalogus.csv.MINISIG", signature);
	usb_stick *stick = open_stick(stick_path);
	usb_stick_catalogue copy;
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, NULL), STATUS_OK);
	assert_int_equal(copy.signature_state, USB_STICK_SIGNATURE_PRESENT);
	assert_int_equal(copy.signature_length, strlen(signature));
	assert_string_equal(copy.signature, signature);
	usb_stick_catalogue_free(&copy);
	assert_null(copy.signature);

	/* Too large: unusable, not cut short. */
	char *big = malloc(USB_STICK_MAX_SIGNATURE_BYTES + 2);
	assert_non_null(big);
	memset(big, 's', USB_STICK_MAX_SIGNATURE_BYTES + 1);
	big[USB_STICK_MAX_SIGNATURE_BYTES + 1] = '\0';
	put_file(stick_path, "buurtkiosk/Catalogus.csv.MINISIG", big);
	free(big);
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, NULL), STATUS_OK);
	assert_int_equal(copy.signature_state, USB_STICK_SIGNATURE_UNUSABLE);
	assert_null(copy.signature);
	usb_stick_catalogue_free(&copy);

	/* A link: unusable, never followed. */
	join(path, sizeof path, stick_path, "buurtkiosk/Catalogus.csv.MINISIG");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink("/etc/hostname", path), 0);
	assert_int_equal(usb_stick_read_catalogue(stick, NULL, NULL, &copy, NULL), STATUS_OK);
	assert_int_equal(copy.signature_state, USB_STICK_SIGNATURE_UNUSABLE);
	assert_null(copy.signature);
	usb_stick_catalogue_free(&copy);
	usb_stick_close(stick);
	test_remove_tree(root);
}

/* ---------------------------------------------------------------------------
 * The watcher.
 * ------------------------------------------------------------------------- */

static usb_stick_found poll_once(usb_stick_watch *watch, int64_t now_ms)
{
	usb_stick_found found;
	assert_int_equal(usb_stick_watch_poll(watch, now_ms, &found), STATUS_OK);
	return found;
}

/* A complete fake stick made beside the root and moved in at once. */
static void make_stick_outside(const char *base, const char *name, char *out, size_t size)
{
	join(out, size, base, name);
	assert_int_equal(mkdir(out, 0755), 0);
	make_directory(out, "buurtkiosk");
	put_file(out, "buurtkiosk/catalogus.csv", CATALOGUE);
}

static void test_watch_reports_appear_and_disappear_through_inotify(void **state)
{
	(void)state;
	char base[512], root[1024], missing[1024], early[1024], user[1024];
	test_make_temp_dir(base, sizeof base);
	join(root, sizeof root, base, "media");
	join(missing, sizeof missing, base, "run-media"); /* does not exist */
	assert_int_equal(mkdir(root, 0755), 0);
	make_stick_outside(root, "ALREADY", early, sizeof early);
	make_directory(root, "vrijwilliger"); /* /media/<user>, empty for now */
	join(user, sizeof user, root, "vrijwilliger");

	const char *roots[] = {root, missing};
	usb_stick_watch *watch = NULL;
	assert_int_equal(usb_stick_watch_open(roots, 2, &watch), STATUS_OK);
	assert_true(usb_stick_watch_fd(watch) >= 0);
	assert_int_equal(usb_stick_watch_next_rescan_ms(watch), 0);
	/* The first poll reports what is there. */
	usb_stick_found found = poll_once(watch, 1000);
	assert_int_equal(found.event, USB_STICK_EVENT_APPEARED);
	assert_string_equal(found.path, early);
	assert_int_equal(found.content, USB_STICK_CONTENT_CATALOGUE);
	assert_string_equal(found.catalogue, "buurtkiosk/catalogus.csv");
	assert_int_equal(poll_once(watch, 1000).event, USB_STICK_EVENT_NONE);
	assert_int_equal(usb_stick_watch_next_rescan_ms(watch), 1000 + USB_STICK_RESCAN_MS);

	/* The clock stands still from here on: only inotify can cause a rescan. */
	char made[1024], inside[1024];
	make_stick_outside(base, "STICK", made, sizeof made);
	join(inside, sizeof inside, user, "STICK");
	assert_int_equal(rename(made, inside), 0);
	found = poll_once(watch, 1001);
	assert_int_equal(found.event, USB_STICK_EVENT_APPEARED);
	assert_string_equal(found.path, inside);
	assert_int_equal(found.content, USB_STICK_CONTENT_CATALOGUE);
	assert_int_equal(poll_once(watch, 1001).event, USB_STICK_EVENT_NONE);

	/* A stick with only the folder directly under the root. */
	char folder_only[1024];
	join(made, sizeof made, base, "LEEG");
	assert_int_equal(mkdir(made, 0755), 0);
	make_directory(made, "buurtkiosk");
	join(folder_only, sizeof folder_only, root, "LEEG");
	assert_int_equal(rename(made, folder_only), 0);
	found = poll_once(watch, 1002);
	assert_int_equal(found.event, USB_STICK_EVENT_APPEARED);
	assert_string_equal(found.path, folder_only);
	assert_int_equal(found.content, USB_STICK_CONTENT_FOLDER_ONLY);

	/* A catalogue put into that folder: the folder is watched. */
	put_file(folder_only, "buurtkiosk/catalogus.csv", CATALOGUE);
	found = poll_once(watch, 1003);
	assert_int_equal(found.event, USB_STICK_EVENT_APPEARED);
	assert_string_equal(found.path, folder_only);
	assert_int_equal(found.content, USB_STICK_CONTENT_CATALOGUE);

	/* Pulled: moved away. */
	assert_int_equal(rename(inside, made), 0);
	found = poll_once(watch, 1004);
	assert_int_equal(found.event, USB_STICK_EVENT_GONE);
	assert_string_equal(found.path, inside);
	assert_int_equal(poll_once(watch, 1004).event, USB_STICK_EVENT_NONE);
	test_remove_tree(made);
	test_remove_tree(early);
	found = poll_once(watch, 1005);
	assert_int_equal(found.event, USB_STICK_EVENT_GONE);
	assert_string_equal(found.path, early);
	assert_int_equal(poll_once(watch, 1005).event, USB_STICK_EVENT_NONE);

	/* A plain empty folder under a root is no stick. */
	make_directory(root, "leeg-mapje");
	assert_int_equal(poll_once(watch, 1006).event, USB_STICK_EVENT_NONE);
	usb_stick_watch_close(watch);
	test_remove_tree(base);
}

static void test_rescan_finds_sticks_inotify_missed(void **state)
{
	(void)state;
	char base[512], root[1024], made[1024], inside[1024];
	test_make_temp_dir(base, sizeof base);
	join(root, sizeof root, base, "media"); /* not there when the watch opens */
	const char *roots[] = {root};
	usb_stick_watch *watch = NULL;
	assert_int_equal(usb_stick_watch_open(roots, 1, &watch), STATUS_OK);
	assert_int_equal(poll_once(watch, 0).event, USB_STICK_EVENT_NONE);
	int64_t due = usb_stick_watch_next_rescan_ms(watch);
	assert_int_equal(due, USB_STICK_RESCAN_MS);

	assert_int_equal(mkdir(root, 0755), 0);
	make_stick_outside(base, "LATER", made, sizeof made);
	join(inside, sizeof inside, root, "LATER");
	assert_int_equal(rename(made, inside), 0);
	/* No watch on a root that did not exist: nothing until the rescan. */
	assert_int_equal(poll_once(watch, due - 1).event, USB_STICK_EVENT_NONE);
	usb_stick_found found = poll_once(watch, due);
	assert_int_equal(found.event, USB_STICK_EVENT_APPEARED);
	assert_string_equal(found.path, inside);
	/* From now on the root is watched. */
	test_remove_tree(inside);
	found = poll_once(watch, due + 1);
	assert_int_equal(found.event, USB_STICK_EVENT_GONE);
	usb_stick_watch_close(watch);
	test_remove_tree(base);
}

static void test_watch_refuses_bad_arguments(void **state)
{
	(void)state;
	usb_stick_watch *watch = (usb_stick_watch *)&watch;
	const char *roots[USB_STICK_MAX_ROOTS + 1] = {"/media"};
	assert_int_equal(usb_stick_watch_open(roots, 0, &watch), STATUS_USAGE);
	assert_null(watch);
	assert_int_equal(usb_stick_watch_open(roots, USB_STICK_MAX_ROOTS + 1, &watch),
	                 STATUS_USAGE);
	assert_int_equal(usb_stick_watch_open(NULL, 1, &watch), STATUS_USAGE);
	const char *empty[] = {""};
	assert_int_equal(usb_stick_watch_open(empty, 1, &watch), STATUS_USAGE);
	usb_stick_found found;
	assert_int_equal(usb_stick_watch_poll(NULL, 0, &found), STATUS_USAGE);
	usb_stick *stick = (usb_stick *)&stick;
	assert_int_equal(usb_stick_open(NULL, &stick), STATUS_USAGE);
	assert_null(stick);
	assert_int_equal(usb_stick_open("/nonexistent/stick", &stick), STATUS_NOT_FOUND);
	usb_stick_catalogue copy;
	assert_int_equal(usb_stick_read_catalogue(NULL, NULL, NULL, &copy, NULL), STATUS_USAGE);
	assert_int_equal(usb_stick_write_usage(NULL, "x", NULL), STATUS_USAGE);
	usb_stick_close(NULL);
	usb_stick_watch_close(NULL);
	/* Every problem has a Dutch message and a name. */
	for (int problem = USB_STICK_PROBLEM_NO_CATALOGUE;
	     problem <= USB_STICK_PROBLEM_WRITE_FAILED; problem++) {
		assert_true(strlen(usb_stick_problem_message((usb_stick_problem)problem, NULL)) >
		            10);
		assert_string_not_equal(usb_stick_problem_name((usb_stick_problem)problem),
		                        "unknown");
	}
	assert_string_equal(usb_stick_problem_message(USB_STICK_PROBLEM_REMOVED, NULL),
	                    "De stick is verwijderd tijdens het lezen. Er is niets veranderd.");
}

/* ---------------------------------------------------------------------------
 * Writing back.
 * ------------------------------------------------------------------------- */

static void assert_file_text(const char *directory, const char *relative, const char *text)
{
	char path[1024];
	join(path, sizeof path, directory, relative);
	size_t length = 0;
	char *bytes = test_read_file(path, &length);
	assert_int_equal(length, strlen(text));
	assert_memory_equal(bytes, text, length);
	free(bytes);
}

static void test_write_back_is_atomic_and_complete(void **state)
{
	(void)state;
	char root[512], stick_path[1024], folder[1100];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	put_file(stick_path, "buurtkiosk/catalogus.csv", CATALOGUE);
	join(folder, sizeof folder, stick_path, "buurtkiosk");
	usb_stick *stick = open_stick(stick_path);
	usb_stick_problem problem = USB_STICK_PROBLEM_FULL;

	const char *report = "Bijgewerkt: 3 nieuw, 1 gewijzigd.\n";
	assert_int_equal(
	    usb_stick_write_report(stick, moment(2026, 11, 24, 9, 5), report, &problem), STATUS_OK);
	assert_int_equal(problem, USB_STICK_PROBLEM_NONE);
	assert_file_text(stick_path, "buurtkiosk/verslag-20261124-0905.txt", report);
	assert_non_null(strstr(usb_stick_detail(stick), "verslag-20261124-0905.txt"));
	/* The same minute again keeps the first report. */
	assert_int_equal(
	    usb_stick_write_report(stick, moment(2026, 11, 24, 9, 5), "tweede\n", NULL), STATUS_OK);
	assert_file_text(stick_path, "buurtkiosk/verslag-20261124-0905.txt", report);
	assert_file_text(stick_path, "buurtkiosk/verslag-20261124-0905-2.txt", "tweede\n");

	assert_int_equal(usb_stick_write_usage(stick, "dag;soort\r\n2026-11-24;start\r\n", NULL),
	                 STATUS_OK);
	assert_int_equal(usb_stick_write_usage(stick, "dag;soort\r\n", NULL), STATUS_OK);
	assert_file_text(stick_path, "buurtkiosk/gebruik.csv", "dag;soort\r\n");

	/* The template is what import_write_template() writes. */
	assert_int_equal(usb_stick_write_template(stick, &problem), STATUS_OK);
	char expected_path[1100];
	join(expected_path, sizeof expected_path, root, "sjabloon.csv");
	assert_int_equal(import_write_template(expected_path), STATUS_OK);
	size_t expected_length = 0;
	char *expected = test_read_file(expected_path, &expected_length);
	assert_file_text(stick_path, "buurtkiosk/catalogus-sjabloon.csv", expected);
	free(expected);
	/* A template being filled in is left alone. */
	put_file(stick_path, "buurtkiosk/catalogus-sjabloon.csv", "id;naam\nmijn-01;Mijn groep\n");
	assert_int_equal(usb_stick_write_template(stick, &problem), STATUS_OK);
	assert_file_text(stick_path, "buurtkiosk/catalogus-sjabloon.csv",
	                 "id;naam\nmijn-01;Mijn groep\n");
	assert_int_equal(count_entries_containing(folder, ".tmp-"), 0);
	usb_stick_close(stick);

	/* A stick with a root catalogue gets buurtkiosk/ made for the report. */
	char other_root[512], other[1024];
	make_root_with_stick(other_root, sizeof other_root, other, sizeof other);
	put_file(other, "aanbod.csv", CATALOGUE);
	stick = open_stick(other);
	assert_int_equal(usb_stick_write_report(stick, moment(2027, 1, 2, 23, 59), report, NULL),
	                 STATUS_OK);
	assert_file_text(other, "buurtkiosk/verslag-20270102-2359.txt", report);
	usb_stick_close(stick);
	test_remove_tree(other_root);
	test_remove_tree(root);
}

/* Writing over an existing link replaces the link, never its target. */
static void test_write_never_follows_a_link(void **state)
{
	(void)state;
	char root[512], stick_path[1024], path[1024], victim[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	join(victim, sizeof victim, root, "victim.txt");
	test_write_file(victim, "keep", 4);
	join(path, sizeof path, stick_path, "buurtkiosk/gebruik.csv");
	assert_int_equal(symlink(victim, path), 0);
	usb_stick *stick = open_stick(stick_path);
	assert_int_equal(usb_stick_write_usage(stick, "dag\r\n", NULL), STATUS_OK);
	usb_stick_close(stick);
	assert_file_text(root, "victim.txt", "keep");
	struct stat info;
	assert_int_equal(lstat(path, &info), 0);
	assert_true(S_ISREG(info.st_mode));
	test_remove_tree(root);
}

/* ---------------------------------------------------------------------------
 * Real (tiny) file systems in a private mount namespace.
 * ------------------------------------------------------------------------- */

/* Becomes root of a private mount namespace (a user namespace first when
 * not root), so mounts vanish with the child. False when the system refuses
 * (a container without the capability). */
static bool enter_mount_namespace(void)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	if (uid != 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
			return false;
		char map[64];
		int fd = open("/proc/self/setgroups", O_WRONLY);
		if (fd >= 0) {
			(void)!write(fd, "deny", 4);
			close(fd);
		}
		snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
		fd = open("/proc/self/uid_map", O_WRONLY);
		if (fd < 0 || write(fd, map, strlen(map)) < 0)
			return false;
		close(fd);
		snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
		fd = open("/proc/self/gid_map", O_WRONLY);
		if (fd < 0 || write(fd, map, strlen(map)) < 0)
			return false;
		close(fd);
	} else if (unshare(CLONE_NEWNS) != 0) {
		return false;
	}
	return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}

#define NO_NAMESPACE 77

/* Runs `body` in a child (plain checks only there: exit codes, no cmocka)
 * and returns its exit code; NO_NAMESPACE when mounting is impossible. */
static int run_in_child(int (*body)(const char *), const char *directory, bool namespace)
{
	fflush(NULL);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		if (namespace && !enter_mount_namespace())
			_exit(NO_NAMESPACE);
		_exit(body(directory));
	}
	int child_status = 0;
	assert_int_equal(waitpid(child, &child_status, 0), child);
	assert_true(WIFEXITED(child_status));
	return WEXITSTATUS(child_status);
}

static int count_leftovers(const char *folder)
{
	return count_entries_containing(folder, ".tmp-");
}

static int fill_then_write(const char *stick_path)
{
	if (mount("tmpfs", stick_path, "tmpfs", 0, "size=64k,mode=0755") != 0)
		return NO_NAMESPACE;
	char folder[1100];
	snprintf(folder, sizeof folder, "%s/buurtkiosk", stick_path);
	if (mkdir(folder, 0755) != 0)
		return 2;
	usb_stick *stick = NULL;
	if (usb_stick_open(stick_path, &stick) != STATUS_OK ||
	    usb_stick_content_of(stick) != USB_STICK_CONTENT_FOLDER_ONLY)
		return 3;
	if (usb_stick_write_usage(stick, "oud\r\n", NULL) != STATUS_OK)
		return 4;
	size_t big_size = 1024u * 1024u;
	char *big = malloc(big_size + 1);
	if (big == NULL)
		return 5;
	memset(big, 'x', big_size);
	big[big_size] = '\0';
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	status result = usb_stick_write_usage(stick, big, &problem);
	free(big);
	if (result != STATUS_IO)
		return 6;
	if (problem != USB_STICK_PROBLEM_FULL)
		return 7;
	usb_stick_close(stick);
	/* Nothing half-written: the old file whole, no temporary left. */
	char path[1200];
	snprintf(path, sizeof path, "%s/gebruik.csv", folder);
	char buffer[16] = "";
	FILE *file = fopen(path, "rb");
	if (file == NULL || fread(buffer, 1, sizeof buffer - 1, file) != 5)
		return 8;
	fclose(file);
	if (strcmp(buffer, "oud\r\n") != 0)
		return 9;
	if (count_leftovers(folder) != 0)
		return 10;
	if (umount(stick_path) != 0)
		return 11;
	return 0;
}

/* Without a mount: RLIMIT_FSIZE makes the write fail (EFBIG) on the same
 * path through the code: the temporary file is removed, the old file kept. */
static int limited_then_write(const char *stick_path)
{
	char folder[1100];
	snprintf(folder, sizeof folder, "%s/buurtkiosk", stick_path);
	if (mkdir(folder, 0755) != 0)
		return 2;
	usb_stick *stick = NULL;
	if (usb_stick_open(stick_path, &stick) != STATUS_OK)
		return 3;
	if (usb_stick_write_usage(stick, "oud\r\n", NULL) != STATUS_OK)
		return 4;
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit limit = {4096, 4096};
	if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
		return 5;
	char big[8192];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	if (usb_stick_write_usage(stick, big, &problem) != STATUS_IO ||
	    problem != USB_STICK_PROBLEM_WRITE_FAILED)
		return 6;
	usb_stick_close(stick);
	return count_leftovers(folder) == 0 ? 0 : 10;
}

static void test_full_stick_leaves_nothing_half_written(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	int result = run_in_child(fill_then_write, stick_path, true);
	if (result == NO_NAMESPACE) {
		print_message("NOTE: no mount namespace here; ENOSPC simulated as EFBIG with "
		              "RLIMIT_FSIZE instead of a full 64 KB tmpfs\n");
		result = run_in_child(limited_then_write, stick_path, false);
	}
	assert_int_equal(result, 0);
	test_remove_tree(root);
}

static int read_only_mount(const char *stick_path)
{
	if (mount("tmpfs", stick_path, "tmpfs", 0, "size=1m,mode=0755") != 0)
		return NO_NAMESPACE;
	char path[1200];
	snprintf(path, sizeof path, "%s/buurtkiosk", stick_path);
	if (mkdir(path, 0755) != 0)
		return 2;
	snprintf(path, sizeof path, "%s/buurtkiosk/catalogus.csv", stick_path);
	FILE *file = fopen(path, "wb");
	if (file == NULL || fputs(CATALOGUE, file) < 0 || fclose(file) != 0)
		return 3;
	if (mount(NULL, stick_path, NULL, MS_REMOUNT | MS_RDONLY, NULL) != 0)
		return 4;
	usb_stick *stick = NULL;
	if (usb_stick_open(stick_path, &stick) != STATUS_OK ||
	    usb_stick_content_of(stick) != USB_STICK_CONTENT_CATALOGUE)
		return 5;
	usb_stick_catalogue copy;
	if (usb_stick_read_catalogue(stick, NULL, NULL, &copy, NULL) != STATUS_OK ||
	    copy.length != strlen(CATALOGUE))
		return 6;
	usb_stick_catalogue_free(&copy);
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	if (usb_stick_write_report(stick, moment(2026, 3, 1, 12, 0), "verslag", &problem) !=
	        STATUS_REFUSED ||
	    problem != USB_STICK_PROBLEM_READ_ONLY)
		return 7;
	if (usb_stick_write_template(stick, &problem) != STATUS_REFUSED ||
	    problem != USB_STICK_PROBLEM_READ_ONLY)
		return 8;
	if (strstr(usb_stick_detail(stick), "read-only") == NULL)
		return 9;
	usb_stick_close(stick);
	snprintf(path, sizeof path, "%s/buurtkiosk", stick_path);
	if (count_entries_containing(path, "") != 3) /* ., .., catalogus.csv */
		return 10;
	return umount(stick_path) == 0 ? 0 : 11;
}

/* A folder the kiosk may not write to, as the unprivileged user. */
static int read_only_folder(const char *stick_path)
{
	if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		return 20;
	usb_stick *stick = NULL;
	if (usb_stick_open(stick_path, &stick) != STATUS_OK ||
	    usb_stick_content_of(stick) != USB_STICK_CONTENT_CATALOGUE)
		return 2;
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	if (usb_stick_write_usage(stick, "dag\r\n", &problem) != STATUS_REFUSED ||
	    problem != USB_STICK_PROBLEM_READ_ONLY)
		return 3;
	usb_stick_close(stick);
	return 0;
}

static void test_read_only_stick_is_reported(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	int result = run_in_child(read_only_mount, stick_path, true);
	if (result == NO_NAMESPACE)
		print_message("NOTE: no mount namespace here; only the chmod 0555 case runs\n");
	else
		assert_int_equal(result, 0);
	test_remove_tree(root);

	/* chmod 0555 as "nobody", in a folder under /tmp it can reach. */
	char base[] = "/tmp/kiosk-usb-XXXXXX";
	assert_non_null(mkdtemp(base));
	assert_int_equal(chmod(base, 0755), 0);
	join(stick_path, sizeof stick_path, base, "stick");
	assert_int_equal(mkdir(stick_path, 0755), 0);
	make_directory(stick_path, "buurtkiosk");
	put_file(stick_path, "buurtkiosk/catalogus.csv", CATALOGUE);
	char folder[1100];
	join(folder, sizeof folder, stick_path, "buurtkiosk");
	if (geteuid() == 0) {
		assert_int_equal(chown(stick_path, 65534, 65534), 0);
		assert_int_equal(chown(folder, 65534, 65534), 0);
	}
	assert_int_equal(chmod(folder, 0555), 0);
	assert_int_equal(run_in_child(read_only_folder, stick_path, false), 0);
	assert_int_equal(count_entries_containing(folder, ""), 3);
	assert_int_equal(chmod(folder, 0755), 0);
	test_remove_tree(base);
}

/* A buurtkiosk/ folder that is another file system mounted on the stick is
 * not the stick's own: refused. */
static int folder_on_other_file_system(const char *stick_path)
{
	char folder[1100];
	snprintf(folder, sizeof folder, "%s/buurtkiosk", stick_path);
	if (mount("tmpfs", folder, "tmpfs", 0, "size=64k") != 0)
		return NO_NAMESPACE;
	char path[1200];
	snprintf(path, sizeof path, "%s/catalogus.csv", folder);
	FILE *file = fopen(path, "wb");
	if (file == NULL || fputs(CATALOGUE, file) < 0 || fclose(file) != 0)
		return 2;
	usb_stick *stick = NULL;
	if (usb_stick_open(stick_path, &stick) != STATUS_OK)
		return 3;
	int result = usb_stick_content_of(stick) == USB_STICK_CONTENT_REFUSED &&
	                     strstr(usb_stick_detail(stick), "another file system") != NULL
	                 ? 0
	                 : 4;
	usb_stick_close(stick);
	(void)umount(folder);
	return result;
}

static void test_other_file_system_is_refused(void **state)
{
	(void)state;
	char root[512], stick_path[1024];
	make_root_with_stick(root, sizeof root, stick_path, sizeof stick_path);
	make_directory(stick_path, "buurtkiosk");
	int result = run_in_child(folder_on_other_file_system, stick_path, true);
	if (result == NO_NAMESPACE)
		print_message("NOTE: no mount namespace here; the other-file-system case did not "
		              "run\n");
	else
		assert_int_equal(result, 0);
	test_remove_tree(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_header_recognition),
	    cmocka_unit_test(test_canonical_catalogue_is_read),
	    cmocka_unit_test(test_names_are_case_insensitive),
	    cmocka_unit_test(test_single_root_csv),
	    cmocka_unit_test(test_two_root_csvs_or_unknown_header_give_nothing),
	    cmocka_unit_test(test_folder_without_catalogue_is_the_template_case),
	    cmocka_unit_test(test_symlink_to_passwd_is_refused),
	    cmocka_unit_test(test_symlinked_folder_is_refused),
	    cmocka_unit_test(test_fifo_is_refused_without_blocking),
	    cmocka_unit_test(test_too_large_file_is_not_read),
	    cmocka_unit_test(test_change_while_reading_is_detected),
	    cmocka_unit_test(test_thread_appending_during_read),
	    cmocka_unit_test(test_signature_beside_catalogue),
	    cmocka_unit_test(test_watch_reports_appear_and_disappear_through_inotify),
	    cmocka_unit_test(test_rescan_finds_sticks_inotify_missed),
	    cmocka_unit_test(test_watch_refuses_bad_arguments),
	    cmocka_unit_test(test_write_back_is_atomic_and_complete),
	    cmocka_unit_test(test_write_never_follows_a_link),
	    cmocka_unit_test(test_full_stick_leaves_nothing_half_written),
	    cmocka_unit_test(test_read_only_stick_is_reported),
	    cmocka_unit_test(test_other_file_system_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
