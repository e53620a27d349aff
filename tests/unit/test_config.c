/* test_config.c — the kiosk runs with no config file, the bundled
 * buurtkiosk.ini says what it documents, bad values keep their defaults, and
 * config_set_value() edits one key while keeping everything else. */
#define _POSIX_C_SOURCE 200809L

#include "test_support.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "distance.h"
#include "text.h"

static kiosk_config *new_config(void)
{
	kiosk_config *config = malloc(sizeof(*config));
	assert_non_null(config);
	return config;
}

/* Runs config_set_defaults() with the given environment (NULL = unset). */
static void defaults_with(kiosk_config *config, const char *state_home, const char *home)
{
	char *saved_state = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
	char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	if (state_home != NULL)
		setenv("XDG_STATE_HOME", state_home, 1);
	else
		unsetenv("XDG_STATE_HOME");
	if (home != NULL)
		setenv("HOME", home, 1);
	else
		unsetenv("HOME");
	config_set_defaults(config);
	if (saved_state != NULL)
		setenv("XDG_STATE_HOME", saved_state, 1);
	else
		unsetenv("XDG_STATE_HOME");
	if (saved_home != NULL)
		setenv("HOME", saved_home, 1);
	else
		unsetenv("HOME");
	free(saved_state);
	free(saved_home);
}

static void test_defaults_without_a_file(void **state)
{
	(void)state;
	kiosk_config *config = new_config();
	defaults_with(config, NULL, "/home/kiosk");
	assert_string_equal(config->centre_name, "Buurthuis De Kastanje");
	assert_string_equal(config->default_language, "nl");
	assert_true(distance_is_in_netherlands(config->latitude, config->longitude));
	assert_int_equal(config->nearby_metres, 1500);
	assert_string_equal(config->database, "/home/kiosk/.local/state/buurtkiosk/buurtkiosk.db");
	assert_int_equal(config->idle_ask_after_seconds, 60);
	assert_int_equal(config->idle_reset_after_seconds, 15);
	assert_int_equal(config->printer_kind, CONFIG_PRINTER_NONE);
	assert_string_equal(config->printer_uri, "none");
	assert_int_equal(config->usb_root_count, 3);
	assert_string_equal(config->usb_roots[0], "/media");
	assert_string_equal(config->usb_roots[1], "/run/media");
	assert_string_equal(config->usb_roots[2], "/mnt");
	assert_string_equal(config->pin_hash, "");
	assert_string_equal(config->signing_public_key, "");
	assert_int_equal(config->screen_width_mm, 0);
	assert_int_equal(config->screen_height_mm, 0);

	/* Run from the build tree, the data directory is the checkout's data/. */
	char path[PATH_MAX];
	assert_non_null(config_data_path(config, "questions.ini", path, sizeof(path)));
	assert_int_equal(access(path, R_OK), 0);
	char expected[PATH_MAX];
	test_source_path("data/questions.ini", expected, sizeof(expected));
	assert_string_equal(path, expected);
	free(config);
}

static void test_default_database_follows_environment(void **state)
{
	(void)state;
	kiosk_config *config = new_config();
	defaults_with(config, "/srv/state", "/home/kiosk");
	assert_string_equal(config->database, "/srv/state/buurtkiosk/buurtkiosk.db");
	defaults_with(config, "relative/state", "/home/kiosk");
	assert_string_equal(config->database, "/home/kiosk/.local/state/buurtkiosk/buurtkiosk.db");
	defaults_with(config, NULL, NULL);
	assert_string_equal(config->database, "/var/lib/buurtkiosk/buurtkiosk.db");
	free(config);
}

static void test_missing_file_gives_defaults(void **state)
{
	(void)state;
	kiosk_config *config = new_config();
	memset(config, 0x55, sizeof(*config));
	text_buffer problems = {0};
	assert_int_equal(config_load_file("/nonexistent/buurtkiosk.ini", config, &problems),
	                 STATUS_NOT_FOUND);
	assert_int_equal(config->nearby_metres, 1500);
	assert_string_equal(config->default_language, "nl");
	text_buffer_free(&problems);
	free(config);
}

static void test_bundled_file_has_documented_values(void **state)
{
	(void)state;
	char path[PATH_MAX];
	test_source_path("data/buurtkiosk.ini", path, sizeof(path));
	kiosk_config *config = new_config();
	kiosk_config *defaults = new_config();
	config_set_defaults(defaults);
	text_buffer problems = {0};
	status result = config_load_file(path, config, &problems);
	if (result != STATUS_OK)
		print_error("%s", text_buffer_string(&problems));
	assert_int_equal(result, STATUS_OK);
	assert_string_equal(text_buffer_string(&problems), "");

	assert_string_equal(config->centre_name, "Buurthuis De Kastanje");
	assert_string_equal(config->default_language, "nl");
	assert_string_equal(config->data_directory, defaults->data_directory);
	assert_float_equal(config->latitude, defaults->latitude, 1e-9);
	assert_float_equal(config->longitude, defaults->longitude, 1e-9);
	assert_int_equal(config->nearby_metres, 1500);
	assert_string_equal(config->database, "/var/lib/buurtkiosk/buurtkiosk.db");
	assert_int_equal(config->idle_ask_after_seconds, 60);
	assert_int_equal(config->idle_reset_after_seconds, 15);
	assert_int_equal(config->printer_kind, CONFIG_PRINTER_NONE);
	assert_int_equal(config->usb_root_count, 3);
	assert_string_equal(config->usb_roots[1], "/run/media");
	assert_string_equal(config->pin_hash, "");
	assert_string_equal(config->signing_public_key, "");
	assert_int_equal(config->screen_width_mm, 0);
	assert_int_equal(config->screen_height_mm, 0);
	text_buffer_free(&problems);
	free(defaults);
	free(config);
}

/* Writes `text` to a fresh scratch file; the directory goes into dir. */
static void write_scratch(char *dir, size_t dir_size, char *path, size_t path_size,
                          const char *text)
{
	test_make_temp_dir(dir, dir_size);
	assert_true(text_format(path, path_size, "%s/buurtkiosk.ini", dir));
	test_write_file(path, text, strlen(text));
}

static void write_text(const char *path, const char *text)
{
	test_write_file(path, text, strlen(text));
}

static void expect_problem(const text_buffer *problems, const char *needle)
{
	if (strstr(text_buffer_string(problems), needle) == NULL)
		fail_msg("expected a problem with \"%s\", got:\n%s", needle,
		         text_buffer_string(problems));
}

static void test_good_values_are_applied(void **state)
{
	(void)state;
	char dir[PATH_MAX], path[PATH_MAX + 32];
	write_scratch(dir, sizeof(dir), path, sizeof(path),
	              "\xEF\xBB\xBF[kiosk]\r\n"
	              "centre_name = Wijkcentrum Het Anker\r\n"
	              "default_language = tr ; Turks\r\n"
	              "data_directory = /opt/kiosk/data/\r\n"
	              "[location]\r\n"
	              "latitude = 52,0894\r\n"
	              "longitude = 5.1101\r\n"
	              "nearby_metres = 800\r\n"
	              "[printer]\r\n"
	              "uri = escpos:/dev/usb/lp1\r\n"
	              "[usb]\r\n"
	              "roots = /media/kiosk ,/mnt/stick\r\n"
	              "[volunteer]\r\n"
	              "pin_hash = pbkdf2-sha256$100000$c2FsdA$aGFzaA\r\n"
	              "[screen]\r\n"
	              "width_mm = 527\r\n"
	              "height_mm = 296\r\n");
	kiosk_config *config = new_config();
	text_buffer problems = {0};
	assert_int_equal(config_load_file(path, config, &problems), STATUS_OK);
	assert_string_equal(text_buffer_string(&problems), "");
	assert_string_equal(config->centre_name, "Wijkcentrum Het Anker");
	assert_string_equal(config->default_language, "tr");
	char joined[PATH_MAX];
	assert_string_equal(config_data_path(config, "catalogus.csv", joined, sizeof(joined)),
	                    "/opt/kiosk/data/catalogus.csv");
	assert_float_equal(config->latitude, 52.0894, 1e-9);
	assert_float_equal(config->longitude, 5.1101, 1e-9);
	assert_int_equal(config->nearby_metres, 800);
	assert_int_equal(config->printer_kind, CONFIG_PRINTER_ESCPOS);
	assert_string_equal(config->printer_target, "/dev/usb/lp1");
	assert_int_equal(config->usb_root_count, 2);
	assert_string_equal(config->usb_roots[0], "/media/kiosk");
	assert_string_equal(config->usb_roots[1], "/mnt/stick");
	assert_string_equal(config->pin_hash, "pbkdf2-sha256$100000$c2FsdA$aGFzaA");
	assert_int_equal(config->screen_width_mm, 527);
	assert_int_equal(config->screen_height_mm, 296);

	/* The other printer schemes. */
	write_text(path, "[printer]\nuri = cups:Bonprinter\n");
	assert_int_equal(config_load_file(path, config, &problems), STATUS_OK);
	assert_int_equal(config->printer_kind, CONFIG_PRINTER_CUPS);
	assert_string_equal(config->printer_target, "Bonprinter");
	write_text(path, "[printer]\nuri = file:/tmp/slip.txt\n");
	assert_int_equal(config_load_file(path, config, &problems), STATUS_OK);
	assert_int_equal(config->printer_kind, CONFIG_PRINTER_FILE);
	assert_string_equal(config->printer_target, "/tmp/slip.txt");
	/* Loading again starts from the defaults, not from the previous file. */
	assert_int_equal(config->nearby_metres, 1500);

	text_buffer_free(&problems);
	free(config);
	test_remove_tree(dir);
}

static void test_bad_values_keep_defaults(void **state)
{
	(void)state;
	char dir[PATH_MAX], path[PATH_MAX + 32];
	write_scratch(dir, sizeof(dir), path, sizeof(path),
	              "[kiosk]\n"                       /* 1 */
	              "default_language = Nederlands\n" /* 2 */
	              "centre_name = Buurthuis Zuid\n"  /* 3: fine, applied */
	              "[location]\n"                    /* 4 */
	              "latitude = 48.8566\n"            /* 5: Paris */
	              "longitude = 2.3522\n"            /* 6 */
	              "nearby_metres = veel\n"          /* 7 */
	              "[idle]\n"                        /* 8 */
	              "ask_after_seconds = 5\n"         /* 9: below 10 */
	              "reset_after_seconds = 20\n"      /* 10: fine */
	              "reset_after_seconds = 30\n"      /* 11: repeated */
	              "[printer]\n"                     /* 12 */
	              "uri = lpr:kantoor\n"             /* 13 */
	              "[storage]\n"                     /* 14 */
	              "database = kiosk.db\n"           /* 15: relative */
	              "colour = blue\n"                 /* 16 */
	              "[colours]\n"                     /* 17 */
	              "background = red\n"              /* 18: in an unknown section */
	              "[usb]\n"                         /* 19 */
	              "roots = media\n"                 /* 20 */
	              "[volunteer]\n"                   /* 21 */
	              "pin_hash = 1234 5678\n");        /* 22 */
	kiosk_config *config = new_config();
	kiosk_config *defaults = new_config();
	config_set_defaults(defaults);
	text_buffer problems = {0};
	/* The good values still count: a typo must not stop the kiosk. */
	assert_int_equal(config_load_file(path, config, &problems), STATUS_OK);

	expect_problem(&problems, "buurtkiosk.ini line 2: [kiosk] default_language");
	expect_problem(&problems,
	               "line 5: [location] 48.856600, 2.352200 is not in the Netherlands");
	expect_problem(&problems, "line 7: [location] nearby_metres must be a whole number");
	expect_problem(&problems,
	               "line 9: [idle] ask_after_seconds must be a whole number 10..3600");
	expect_problem(&problems, "line 11: [idle] reset_after_seconds appears twice");
	expect_problem(&problems, "line 13: [printer] uri must be none, escpos:");
	expect_problem(&problems, "line 15: [storage] database must be an absolute path");
	expect_problem(&problems, "line 16: unknown key 'colour' in [storage]");
	expect_problem(&problems, "line 17: unknown section [colours]");
	expect_problem(&problems, "line 20: [usb] roots must be absolute paths");
	expect_problem(&problems, "line 22: [volunteer] pin_hash");
	assert_null(strstr(text_buffer_string(&problems), "line 18"));
	assert_null(strstr(text_buffer_string(&problems), "line 3:"));
	assert_null(strstr(text_buffer_string(&problems), "line 10:"));

	assert_string_equal(config->default_language, "nl");
	assert_string_equal(config->centre_name, "Buurthuis Zuid");
	assert_float_equal(config->latitude, defaults->latitude, 1e-9);
	assert_float_equal(config->longitude, defaults->longitude, 1e-9);
	assert_int_equal(config->nearby_metres, 1500);
	assert_int_equal(config->idle_ask_after_seconds, 60);
	assert_int_equal(config->idle_reset_after_seconds, 20);
	assert_int_equal(config->printer_kind, CONFIG_PRINTER_NONE);
	assert_string_equal(config->database, defaults->database);
	assert_int_equal(config->usb_root_count, 3);
	assert_string_equal(config->pin_hash, "");

	text_buffer_free(&problems);
	free(defaults);
	free(config);
	test_remove_tree(dir);
}

static void test_oversize_and_invalid_files(void **state)
{
	(void)state;
	char dir[PATH_MAX], path[PATH_MAX + 32];
	write_scratch(dir, sizeof(dir), path, sizeof(path), "");
	size_t size = CONFIG_MAX_FILE_BYTES + 1;
	char *bytes = malloc(size);
	assert_non_null(bytes);
	memset(bytes, '\n', size);
	memcpy(bytes, "[location]\nnearby_metres = 900\n", 31);
	test_write_file(path, bytes, size);

	kiosk_config *config = new_config();
	text_buffer problems = {0};
	assert_int_equal(config_load_file(path, config, &problems), STATUS_TOO_LARGE);
	expect_problem(&problems, "larger than 65536 bytes");
	assert_int_equal(config->nearby_metres, 1500);

	test_write_file(path, bytes, size - 1);
	text_buffer_clear(&problems);
	assert_int_equal(config_load_file(path, config, &problems), STATUS_OK);
	assert_int_equal(config->nearby_metres, 900);

	write_text(path, "[kiosk]\ncentre_name = Caf\xE9\n");
	assert_int_equal(config_load_file(path, config, &problems), STATUS_INVALID);
	expect_problem(&problems, "not valid UTF-8");
	assert_string_equal(config->centre_name, "Buurthuis De Kastanje");

	free(bytes);
	text_buffer_free(&problems);
	free(config);
	test_remove_tree(dir);
}

/* Loads `bytes` both ways — from a file holding them and from an exact-size
 * heap copy with no NUL after it (so reading past the end is caught) — and
 * asserts the same status, problem lines and settings. Returns the status. */
static status expect_same_as_file(const char *bytes, size_t length)
{
	char dir[PATH_MAX], path[PATH_MAX + 32];
	test_make_temp_dir(dir, sizeof(dir));
	assert_true(text_format(path, sizeof(path), "%s/buurtkiosk.ini", dir));
	test_write_file(path, bytes, length);

	kiosk_config *from_file = new_config();
	kiosk_config *from_memory = new_config();
	/* Different garbage in each, so only the loaders can make them equal. */
	memset(from_file, 0x11, sizeof(*from_file));
	memset(from_memory, 0x77, sizeof(*from_memory));
	text_buffer file_problems = {0};
	text_buffer memory_problems = {0};
	status file_result = config_load_file(path, from_file, &file_problems);

	char *exact = malloc(length > 0 ? length : 1);
	assert_non_null(exact);
	memcpy(exact, bytes, length);
	status memory_result =
	    config_load_memory(exact, length, "buurtkiosk.ini", from_memory, &memory_problems);

	assert_int_equal(memory_result, file_result);
	assert_string_equal(text_buffer_string(&memory_problems),
	                    text_buffer_string(&file_problems));
	assert_memory_equal(from_memory, from_file, sizeof(*from_file));

	free(exact);
	text_buffer_free(&file_problems);
	text_buffer_free(&memory_problems);
	free(from_memory);
	free(from_file);
	test_remove_tree(dir);
	return file_result;
}

static void test_memory_gives_the_same_as_the_file(void **state)
{
	(void)state;
	char bundled[PATH_MAX];
	test_source_path("data/buurtkiosk.ini", bundled, sizeof(bundled));
	size_t length = 0;
	char *original = test_read_file(bundled, &length);
	assert_int_equal(expect_same_as_file(original, length), STATUS_OK);
	free(original);

	/* Good, bad and repeated values, an unknown section, a line that is no
	 * INI, a key before any section and a last line without a newline. */
	static const char broken[] = "centre_name = Vooraf\n"
	                             "[kiosk]\n"
	                             "centre_name = Buurthuis Noord\n"
	                             "centre_name = Tweede\n"
	                             "default_language = NL\n"
	                             "dit is geen regel\n"
	                             "[location\n"
	                             "nearby_metres = 900\n"
	                             "[idle]\n"
	                             "ask_after_seconds = 120\n"
	                             "[kleuren]\n"
	                             "achtergrond = rood\n"
	                             "[usb]\n"
	                             "roots = /media, relatief";
	kiosk_config *config = new_config();
	text_buffer problems = {0};
	assert_int_equal(
	    config_load_memory(broken, sizeof(broken) - 1, "test.ini", config, &problems),
	    STATUS_OK);
	expect_problem(&problems, "test.ini line 1: key 'centre_name' comes before any [section]");
	expect_problem(&problems, "test.ini line 4: [kiosk] centre_name appears twice");
	expect_problem(&problems, "test.ini line 14: [usb] roots must be absolute paths");
	assert_string_equal(config->centre_name, "Buurthuis Noord");
	assert_int_equal(config->idle_ask_after_seconds, 120);
	assert_int_equal(expect_same_as_file(broken, sizeof(broken) - 1), STATUS_OK);

	/* Whole-text errors match too, problem line included. */
	static const char not_utf8[] = "[kiosk]\ncentre_name = Caf\xE9\n";
	assert_int_equal(expect_same_as_file(not_utf8, sizeof(not_utf8) - 1), STATUS_INVALID);
	size_t size = CONFIG_MAX_FILE_BYTES + 1;
	char *oversize = malloc(size);
	assert_non_null(oversize);
	memset(oversize, '\n', size);
	assert_int_equal(expect_same_as_file(oversize, size), STATUS_TOO_LARGE);
	assert_int_equal(expect_same_as_file(oversize, size - 1), STATUS_OK);
	assert_int_equal(expect_same_as_file("", 0), STATUS_OK);
	free(oversize);

	/* No text at all is the defaults, with the default name. */
	text_buffer_clear(&problems);
	assert_int_equal(config_load_memory(NULL, 0, NULL, config, &problems), STATUS_OK);
	assert_string_equal(text_buffer_string(&problems), "");
	assert_int_equal(config_load_memory("\xFF", 1, NULL, config, &problems), STATUS_INVALID);
	expect_problem(&problems, "buurtkiosk.ini: not valid UTF-8 text");
	text_buffer_free(&problems);
	free(config);
}

static void test_data_path(void **state)
{
	(void)state;
	kiosk_config *config = new_config();
	config_set_defaults(config);
	assert_true(text_copy(config->data_directory, sizeof(config->data_directory), "/srv/data"));
	char out[64];
	assert_string_equal(config_data_path(config, "catalogus.csv", out, sizeof(out)),
	                    "/srv/data/catalogus.csv");
	char small[12];
	assert_null(config_data_path(config, "catalogus.csv", small, sizeof(small)));
	free(config);
}

/* Lines of `text` (split on '\n'), compared one by one. */
static size_t count_lines(const char *text)
{
	size_t count = 0;
	for (const char *c = text; *c != '\0'; c++)
		count += *c == '\n';
	return count;
}

static void test_set_value_keeps_comments(void **state)
{
	(void)state;
	char dir[PATH_MAX], path[PATH_MAX + 32], bundled[PATH_MAX];
	test_source_path("data/buurtkiosk.ini", bundled, sizeof(bundled));
	size_t length = 0;
	char *original = test_read_file(bundled, &length);
	write_scratch(dir, sizeof(dir), path, sizeof(path), original);
	assert_int_equal(chmod(path, 0600), 0);

	const char *hash = "pbkdf2-sha256$100000$c2FsdA$aGFzaA";
	assert_int_equal(config_set_value(path, "volunteer", "pin_hash", hash), STATUS_OK);

	size_t new_length = 0;
	char *rewritten = test_read_file(path, &new_length);
	assert_int_equal(count_lines(rewritten), count_lines(original));
	/* Every line but the pin_hash line is byte-for-byte the same. */
	const char *a = original, *b = rewritten;
	size_t differing = 0;
	while (*a != '\0' && *b != '\0') {
		const char *a_end = strchr(a, '\n'), *b_end = strchr(b, '\n');
		assert_non_null(a_end);
		assert_non_null(b_end);
		size_t a_length = (size_t)(a_end - a), b_length = (size_t)(b_end - b);
		if (a_length != b_length || memcmp(a, b, a_length) != 0) {
			differing++;
			assert_true(text_starts_with(a, "pin_hash ="));
			assert_true(text_starts_with(b, "pin_hash = pbkdf2-sha256$"));
		}
		a = a_end + 1;
		b = b_end + 1;
	}
	assert_int_equal(differing, 1);

	struct stat info;
	assert_int_equal(stat(path, &info), 0);
	assert_int_equal(info.st_mode & 0777, 0600);

	kiosk_config *config = new_config();
	text_buffer problems = {0};
	assert_int_equal(config_load_file(path, config, &problems), STATUS_OK);
	assert_string_equal(config->pin_hash, hash);

	/* Replacing again changes only the value. */
	assert_int_equal(config_set_value(path, "volunteer", "pin_hash", ""), STATUS_OK);
	char *back = test_read_file(path, &new_length);
	assert_int_equal(new_length, length);
	assert_memory_equal(back, original, length);

	free(back);
	free(rewritten);
	free(original);
	text_buffer_free(&problems);
	free(config);
	test_remove_tree(dir);
}

static void test_set_value_adds_keys_and_sections(void **state)
{
	(void)state;
	char dir[PATH_MAX], path[PATH_MAX + 32];
	write_scratch(dir, sizeof(dir), path, sizeof(path),
	              "; my kiosk\r\n"
	              "[kiosk]\r\n"
	              "centre_name = Het Anker ; says the sign\r\n"
	              "\r\n"
	              "; screen settings follow\r\n"
	              "[screen]\r\n"
	              "width_mm = 500\r\n");
	assert_int_equal(config_set_value(path, "kiosk", "default_language", "en"), STATUS_OK);
	assert_int_equal(config_set_value(path, "kiosk", "centre_name", "De Boog"), STATUS_OK);
	assert_int_equal(config_set_value(path, "volunteer", "pin_hash", "abc"), STATUS_OK);
	size_t length = 0;
	char *text = test_read_file(path, &length);
	assert_string_equal(text, "; my kiosk\r\n"
	                          "[kiosk]\r\n"
	                          "centre_name = De Boog ; says the sign\r\n"
	                          "default_language = en\r\n"
	                          "\r\n"
	                          "; screen settings follow\r\n"
	                          "[screen]\r\n"
	                          "width_mm = 500\r\n"
	                          "\r\n"
	                          "[volunteer]\r\n"
	                          "pin_hash = abc\r\n");
	free(text);

	kiosk_config *config = new_config();
	text_buffer problems = {0};
	assert_int_equal(config_load_file(path, config, &problems), STATUS_OK);
	assert_string_equal(config->centre_name, "De Boog");
	assert_string_equal(config->default_language, "en");
	assert_string_equal(config->pin_hash, "abc");
	assert_int_equal(config->screen_width_mm, 500);

	/* A missing file is created. */
	char created[PATH_MAX + 32];
	assert_true(text_format(created, sizeof(created), "%s/new.ini", dir));
	assert_int_equal(config_set_value(created, "screen", "height_mm", "300"), STATUS_OK);
	text = test_read_file(created, &length);
	assert_string_equal(text, "[screen]\nheight_mm = 300\n");
	free(text);

	text_buffer_free(&problems);
	free(config);
	test_remove_tree(dir);
}

static void test_set_value_refuses_bad_arguments(void **state)
{
	(void)state;
	char dir[PATH_MAX], path[PATH_MAX + 32];
	write_scratch(dir, sizeof(dir), path, sizeof(path), "[kiosk]\n");
	assert_int_equal(config_set_value(path, "kiosk", "centre_name", "two\nlines"),
	                 STATUS_USAGE);
	assert_int_equal(config_set_value(path, "kiosk", "centre_name", "a ; comment"),
	                 STATUS_USAGE);
	assert_int_equal(config_set_value(path, "Kiosk Section", "centre_name", "x"), STATUS_USAGE);
	assert_int_equal(config_set_value(path, "kiosk", "centre name", "x"), STATUS_USAGE);
	assert_int_equal(config_set_value("/nonexistent/dir/x.ini", "kiosk", "centre_name", "x"),
	                 STATUS_IO);
	size_t length = 0;
	char *text = test_read_file(path, &length);
	assert_string_equal(text, "[kiosk]\n");
	free(text);
	test_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults_without_a_file),
	    cmocka_unit_test(test_default_database_follows_environment),
	    cmocka_unit_test(test_missing_file_gives_defaults),
	    cmocka_unit_test(test_bundled_file_has_documented_values),
	    cmocka_unit_test(test_good_values_are_applied),
	    cmocka_unit_test(test_bad_values_keep_defaults),
	    cmocka_unit_test(test_oversize_and_invalid_files),
	    cmocka_unit_test(test_memory_gives_the_same_as_the_file),
	    cmocka_unit_test(test_data_path),
	    cmocka_unit_test(test_set_value_keeps_comments),
	    cmocka_unit_test(test_set_value_adds_keys_and_sections),
	    cmocka_unit_test(test_set_value_refuses_bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
