/* config.c — buurtkiosk.ini: built-in defaults, a checked libinih reader over
 * them, and an atomic one-key rewrite that keeps the volunteer's comments. */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "atomic_file.h"
#include "distance.h"
#include "ini_file.h"

/* Given by CMake to kiosk_core (KIOSK_SOURCE_DATA_DIR only to a build that
 * runs from its checkout, never to a packaged one); the fallback keeps a
 * hand-made build working. */
#ifndef KIOSK_INSTALLED_DATA_DIR
#define KIOSK_INSTALLED_DATA_DIR "/usr/local/share/buurtkiosk"
#endif

/* The sample buurthuis (data/catalogus.csv): De Kastanje in Utrecht
 * Overvecht, so a kiosk without a config file still measures sensible
 * distances for the bundled catalogue. */
#define DEFAULT_CENTRE_NAME        "Buurthuis De Kastanje"
#define DEFAULT_LATITUDE           52.116200
#define DEFAULT_LONGITUDE          5.110500
#define DEFAULT_NEARBY_METRES      1500
#define DEFAULT_IDLE_ASK_SECONDS   60
#define DEFAULT_IDLE_RESET_SECONDS 15
#define SYSTEM_DATABASE            "/var/lib/buurtkiosk/buurtkiosk.db"
#define DATABASE_SUFFIX            "buurtkiosk/buurtkiosk.db"

/* A value written by config_set_value() must fit on one INI line. */
#define MAX_SET_VALUE_BYTES 1024u

typedef enum value_kind {
	VALUE_TEXT,
	VALUE_LANGUAGE,
	VALUE_DIRECTORY, /* absolute; empty = keep the built-in default */
	VALUE_PATH,      /* absolute, required */
	VALUE_LATITUDE,
	VALUE_LONGITUDE,
	VALUE_INTEGER,
	VALUE_PRINTER,
	VALUE_PAPER,
	VALUE_USB_ROOTS,
	VALUE_SECRET /* printable ASCII without spaces; empty allowed */
} value_kind;

typedef struct setting {
	const char *section;
	const char *key;
	value_kind kind;
	size_t offset; /* of the field in kiosk_config */
	size_t size;   /* of a text field */
	long minimum;  /* integers */
	long maximum;
} setting;

#define TEXT_FIELD(name) offsetof(kiosk_config, name), sizeof(((kiosk_config *)0)->name)
#define INT_FIELD(name)  offsetof(kiosk_config, name), sizeof(int)

static const setting settings[] = {
    {"kiosk", "centre_name", VALUE_TEXT, TEXT_FIELD(centre_name), 0, 0},
    {"kiosk", "default_language", VALUE_LANGUAGE, TEXT_FIELD(default_language), 0, 0},
    {"kiosk", "data_directory", VALUE_DIRECTORY, TEXT_FIELD(data_directory), 0, 0},
    {"location", "latitude", VALUE_LATITUDE, 0, 0, 0, 0},
    {"location", "longitude", VALUE_LONGITUDE, 0, 0, 0, 0},
    {"location", "nearby_metres", VALUE_INTEGER, INT_FIELD(nearby_metres), 100, 50000},
    {"storage", "database", VALUE_PATH, TEXT_FIELD(database), 0, 0},
    {"idle", "ask_after_seconds", VALUE_INTEGER, INT_FIELD(idle_ask_after_seconds), 10, 3600},
    {"idle", "reset_after_seconds", VALUE_INTEGER, INT_FIELD(idle_reset_after_seconds), 5, 600},
    {"printer", "uri", VALUE_PRINTER, 0, 0, 0, 0},
    {"printer", "paper", VALUE_PAPER, 0, 0, 0, 0},
    {"usb", "roots", VALUE_USB_ROOTS, 0, 0, 0, 0},
    {"volunteer", "pin_hash", VALUE_SECRET, TEXT_FIELD(pin_hash), 0, 0},
    {"volunteer", "signing_public_key", VALUE_SECRET, TEXT_FIELD(signing_public_key), 0, 0},
    {"screen", "width_mm", VALUE_INTEGER, INT_FIELD(screen_width_mm), 0, 5000},
    {"screen", "height_mm", VALUE_INTEGER, INT_FIELD(screen_height_mm), 0, 5000},
};
#define SETTING_COUNT (sizeof(settings) / sizeof(settings[0]))

static const char *const default_usb_roots[] = {"/media", "/run/media", "/mnt"};

/* --- defaults ------------------------------------------------------------ */

#ifdef KIOSK_SOURCE_DATA_DIR
static bool is_readable_file(const char *path)
{
	return access(path, R_OK) == 0;
}
#endif

/* "$variable/relative", when the variable holds an absolute path and the
 * result fits. */
static bool path_from_environment(char *out, size_t size, const char *variable,
                                  const char *relative)
{
	const char *base = getenv(variable);
	if (base == NULL || base[0] != '/')
		return false;
	return text_format(out, size, "%s/%s", base, relative);
}

void config_set_defaults(kiosk_config *config)
{
	memset(config, 0, sizeof(*config));
	(void)text_copy(config->centre_name, sizeof(config->centre_name), DEFAULT_CENTRE_NAME);
	(void)text_copy(config->default_language, sizeof(config->default_language), "nl");

	(void)text_copy(config->data_directory, sizeof(config->data_directory),
	                KIOSK_INSTALLED_DATA_DIR);
#ifdef KIOSK_SOURCE_DATA_DIR
	char probe[CONFIG_PATH_BYTES + 32];
	if (text_format(probe, sizeof(probe), "%s/questions.ini", KIOSK_SOURCE_DATA_DIR) &&
	    is_readable_file(probe))
		(void)text_copy(config->data_directory, sizeof(config->data_directory),
		                KIOSK_SOURCE_DATA_DIR);
#endif

	config->latitude = DEFAULT_LATITUDE;
	config->longitude = DEFAULT_LONGITUDE;
	config->nearby_metres = DEFAULT_NEARBY_METRES;

	if (!path_from_environment(config->database, sizeof(config->database), "XDG_STATE_HOME",
	                           DATABASE_SUFFIX) &&
	    !path_from_environment(config->database, sizeof(config->database), "HOME",
	                           ".local/state/" DATABASE_SUFFIX))
		(void)text_copy(config->database, sizeof(config->database), SYSTEM_DATABASE);

	config->idle_ask_after_seconds = DEFAULT_IDLE_ASK_SECONDS;
	config->idle_reset_after_seconds = DEFAULT_IDLE_RESET_SECONDS;

	(void)text_copy(config->printer_uri, sizeof(config->printer_uri), "none");
	config->printer_kind = CONFIG_PRINTER_NONE;
	config->printer_paper = CONFIG_PAPER_80MM;

	for (size_t i = 0; i < sizeof(default_usb_roots) / sizeof(default_usb_roots[0]); i++)
		(void)text_copy(config->usb_roots[i], sizeof(config->usb_roots[i]),
		                default_usb_roots[i]);
	config->usb_root_count = sizeof(default_usb_roots) / sizeof(default_usb_roots[0]);
}

/* --- reading ------------------------------------------------------------- */

typedef struct parser {
	ini_file_reader reader;
	ini_file_problems problems;
	kiosk_config *config;
	bool in_known_section;
	char section[32];
	bool seen[SETTING_COUNT];
	/* Coordinates are judged as a pair once the file is read. */
	bool has_latitude;
	bool has_longitude;
	double latitude;
	double longitude;
	unsigned latitude_line;
	unsigned longitude_line;
} parser;

static bool is_known_section(const char *name)
{
	for (size_t i = 0; i < SETTING_COUNT; i++)
		if (strcmp(settings[i].section, name) == 0)
			return true;
	return false;
}

/* Section headers come from the shared reader; the name is trimmed here. */
static void begin_section(void *context, const char *header_name, size_t header_length)
{
	parser *state = context;
	state->in_known_section = false;
	if (header_name == NULL)
		return;
	size_t length = header_length;
	const char *name = text_trim(header_name, &length);
	if (length >= sizeof(state->section)) {
		ini_file_add_problem(&state->problems, state->reader.line, "unknown section [%.*s]",
		                     (int)length, name);
		return;
	}
	memcpy(state->section, name, length);
	state->section[length] = '\0';
	if (!is_known_section(state->section)) {
		ini_file_add_problem(&state->problems, state->reader.line, "unknown section [%s]",
		                     state->section);
		return;
	}
	state->in_known_section = true;
}

static bool is_absolute_path(const char *value)
{
	return value[0] == '/';
}

static bool is_printable_token(const char *value)
{
	for (const char *c = value; *c != '\0'; c++)
		if (*c <= ' ' || *c >= 127)
			return false;
	return true;
}

static bool has_control_characters(const char *value)
{
	for (const unsigned char *c = (const unsigned char *)value; *c != '\0'; c++)
		if (*c < ' ' || *c == 127)
			return true;
	return false;
}

static void set_printer(parser *state, const setting *item, const char *value)
{
	kiosk_config *config = state->config;
	config_printer_kind kind;
	const char *target = "";
	if (strcmp(value, "none") == 0) {
		kind = CONFIG_PRINTER_NONE;
	} else if (text_starts_with(value, "escpos:") && is_absolute_path(value + 7)) {
		kind = CONFIG_PRINTER_ESCPOS;
		target = value + 7;
	} else if (text_starts_with(value, "cups:") && value[5] != '\0' &&
	           is_printable_token(value + 5) && strchr(value + 5, '/') == NULL) {
		kind = CONFIG_PRINTER_CUPS;
		target = value + 5;
	} else if (text_starts_with(value, "file:") && value[5] != '\0') {
		kind = CONFIG_PRINTER_FILE;
		target = value + 5;
	} else {
		ini_file_add_problem(
		    &state->problems, state->reader.line,
		    "[%s] %s must be none, escpos:/dev/..., cups:QUEUE or file:PATH, not "
		    "'%s'",
		    item->section, item->key, value);
		return;
	}
	if (strlen(value) >= sizeof(config->printer_uri)) {
		ini_file_add_problem(&state->problems, state->reader.line, "[%s] %s is too long",
		                     item->section, item->key);
		return;
	}
	(void)text_copy(config->printer_uri, sizeof(config->printer_uri), value);
	(void)text_copy(config->printer_target, sizeof(config->printer_target), target);
	config->printer_kind = kind;
}

/* "80mm", "58mm", "a6" or "a4" (any case): what the printer is loaded with. */
static void set_paper(parser *state, const setting *item, const char *value)
{
	static const struct {
		const char *name;
		config_paper paper;
	} papers[] = {{"80mm", CONFIG_PAPER_80MM},
	              {"58mm", CONFIG_PAPER_58MM},
	              {"a6", CONFIG_PAPER_A6},
	              {"a4", CONFIG_PAPER_A4}};
	for (size_t i = 0; i < sizeof(papers) / sizeof(papers[0]); i++) {
		if (strcasecmp(value, papers[i].name) == 0) {
			state->config->printer_paper = papers[i].paper;
			return;
		}
	}
	ini_file_add_problem(&state->problems, state->reader.line,
	                     "[%s] %s must be 80mm, 58mm, a6 or a4, not '%s'", item->section,
	                     item->key, value);
}

static void set_usb_roots(parser *state, const setting *item, const char *value)
{
	/* Zeroed, because all of it is copied into the config: no stack garbage
	 * after the NULs, so equal files give byte-for-byte equal configs. */
	char roots[CONFIG_MAX_USB_ROOTS][CONFIG_PATH_BYTES] = {{0}};
	size_t count = 0;
	size_t position = 0;
	const char *root = NULL;
	size_t root_length = 0;
	while (ini_file_next_list_item(value, &position, &root, &root_length)) {
		if (root_length == 0 || root[0] != '/' || root_length >= CONFIG_PATH_BYTES) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "[%s] %s must be absolute paths separated by ','",
			                     item->section, item->key);
			return;
		}
		if (count >= CONFIG_MAX_USB_ROOTS) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "[%s] %s holds more than %u paths", item->section,
			                     item->key, CONFIG_MAX_USB_ROOTS);
			return;
		}
		memcpy(roots[count], root, root_length);
		roots[count][root_length] = '\0';
		count++;
	}
	memcpy(state->config->usb_roots, roots, sizeof(roots));
	state->config->usb_root_count = count;
}

/* Checks `value` for `item` and stores it; a bad value leaves the default. */
static void apply_setting(parser *state, const setting *item, const char *value)
{
	char *base = (char *)state->config;
	char *text_field = base + item->offset;
	switch (item->kind) {
	case VALUE_TEXT:
		if (value[0] == '\0' || has_control_characters(value) ||
		    strlen(value) >= item->size)
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "[%s] %s must be 1..%zu bytes of text", item->section,
			                     item->key, item->size - 1);
		else
			(void)text_copy(text_field, item->size, value);
		return;
	case VALUE_LANGUAGE:
		if (strlen(value) == 2 && ini_file_is_identifier(value, 2) && value[0] >= 'a' &&
		    value[1] >= 'a')
			(void)text_copy(text_field, item->size, value);
		else
			ini_file_add_problem(
			    &state->problems, state->reader.line,
			    "[%s] %s must be a two-letter language code like nl, not '%s'",
			    item->section, item->key, value);
		return;
	case VALUE_DIRECTORY:
	case VALUE_PATH:
		if (value[0] == '\0' && item->kind == VALUE_DIRECTORY)
			return;
		if (!is_absolute_path(value) || has_control_characters(value) ||
		    strlen(value) >= item->size)
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "[%s] %s must be an absolute path, not '%s'",
			                     item->section, item->key, value);
		else
			(void)text_copy(text_field, item->size, value);
		return;
	case VALUE_LATITUDE:
	case VALUE_LONGITUDE: {
		double number = 0.0;
		if (!text_parse_decimal(value, &number)) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "[%s] %s must be a decimal number, not '%s'",
			                     item->section, item->key, value);
		} else if (item->kind == VALUE_LATITUDE) {
			state->has_latitude = true;
			state->latitude = number;
			state->latitude_line = state->reader.line;
		} else {
			state->has_longitude = true;
			state->longitude = number;
			state->longitude_line = state->reader.line;
		}
		return;
	}
	case VALUE_INTEGER: {
		long number = 0;
		if (text_parse_integer(value, item->minimum, item->maximum, &number))
			*(int *)(void *)(base + item->offset) = (int)number;
		else
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "[%s] %s must be a whole number %ld..%ld, not '%s'",
			                     item->section, item->key, item->minimum, item->maximum,
			                     value);
		return;
	}
	case VALUE_PRINTER: set_printer(state, item, value); return;
	case VALUE_PAPER: set_paper(state, item, value); return;
	case VALUE_USB_ROOTS: set_usb_roots(state, item, value); return;
	case VALUE_SECRET:
		if (!is_printable_token(value) || strlen(value) >= item->size)
			ini_file_add_problem(
			    &state->problems, state->reader.line,
			    "[%s] %s must be at most %zu printable characters without spaces",
			    item->section, item->key, item->size - 1);
		else
			(void)text_copy(text_field, item->size, value);
		return;
	}
}

static void handle_pair(void *context, const char *key, const char *value)
{
	parser *state = context;
	if (!state->in_known_section)
		return;
	for (size_t i = 0; i < SETTING_COUNT; i++) {
		if (strcmp(settings[i].section, state->section) != 0 ||
		    strcmp(settings[i].key, key) != 0)
			continue;
		if (state->seen[i]) {
			ini_file_add_problem(&state->problems, state->reader.line,
			                     "[%s] %s appears twice; the first is used",
			                     state->section, key);
			return;
		}
		state->seen[i] = true;
		apply_setting(state, &settings[i], value);
		return;
	}
	ini_file_add_problem(&state->problems, state->reader.line, "unknown key '%s' in [%s]", key,
	                     state->section);
}

/* The buurthuis must lie in the Netherlands: a swapped or mistyped
 * coordinate would make every distance on screen wrong. */
static void finish_location(parser *state)
{
	if (!state->has_latitude && !state->has_longitude)
		return;
	double latitude = state->has_latitude ? state->latitude : state->config->latitude;
	double longitude = state->has_longitude ? state->longitude : state->config->longitude;
	if (!distance_is_in_netherlands(latitude, longitude)) {
		unsigned line = state->has_latitude ? state->latitude_line : state->longitude_line;
		ini_file_add_problem(&state->problems, line,
		                     "[location] %.6f, %.6f is not in the Netherlands; the default "
		                     "location is used",
		                     latitude, longitude);
		return;
	}
	state->config->latitude = latitude;
	state->config->longitude = longitude;
}

/* The one problem line for oversize text, whether it came from disk or from
 * memory. */
static void add_too_large(ini_file_problems *problems)
{
	ini_file_add_problem(problems, 0, "larger than %u bytes; built-in defaults are used",
	                     CONFIG_MAX_FILE_BYTES);
}

/* A whole-file error: the defaults stay, and a problem line that could not
 * be appended outranks the error itself. */
static status refuse_whole_text(const ini_file_problems *problems, status result)
{
	return problems->failure != STATUS_OK ? problems->failure : result;
}

status config_load_memory(const char *bytes, size_t length, const char *name, kiosk_config *config,
                          text_buffer *problems)
{
	config_set_defaults(config);
	parser state;
	memset(&state, 0, sizeof(state));
	ini_file_problems_start(&state.problems, name != NULL ? name : "buurtkiosk.ini", problems);
	state.config = config;

	if (length > CONFIG_MAX_FILE_BYTES) {
		add_too_large(&state.problems);
		return refuse_whole_text(&state.problems, STATUS_TOO_LARGE);
	}
	if (bytes == NULL)
		bytes = ""; /* only allowed with length 0 */
	status result =
	    ini_file_check_utf8(&state.problems, bytes, length, "; built-in defaults are used");
	if (result != STATUS_OK)
		return refuse_whole_text(&state.problems, result);
	result = ini_file_parse(&state.reader, bytes, length, &state.problems, begin_section,
	                        handle_pair, &state);
	if (result == STATUS_NO_MEMORY) {
		config_set_defaults(config);
		return result;
	}
	finish_location(&state);
	status summary = ini_file_problems_finish(&state.problems);
	return summary != STATUS_OK ? summary : state.problems.failure;
}

status config_load_file(const char *path, kiosk_config *config, text_buffer *problems)
{
	const char *name = ini_file_base_name(path);
	char *bytes = NULL;
	size_t length = 0;
	status result = ini_file_read_whole(path, CONFIG_MAX_FILE_BYTES, &bytes, &length, NULL);
	if (result == STATUS_OK) {
		result = config_load_memory(bytes, length, name, config, problems);
		free(bytes);
		return result;
	}
	int error = errno;
	config_set_defaults(config);
	if (result == STATUS_NOT_FOUND || result == STATUS_NO_MEMORY)
		return result;
	ini_file_problems report;
	ini_file_problems_start(&report, name, problems);
	if (result == STATUS_TOO_LARGE)
		add_too_large(&report);
	else
		ini_file_add_problem(&report, 0, "cannot be read: %s", strerror(error));
	errno = error;
	return refuse_whole_text(&report, result);
}

const char *config_data_path(const kiosk_config *config, const char *file_name, char *out,
                             size_t size)
{
	const char *directory = config->data_directory;
	size_t length = strlen(directory);
	const char *separator = length > 0 && directory[length - 1] == '/' ? "" : "/";
	if (!text_format(out, size, "%s%s%s", directory, separator, file_name))
		return NULL;
	return out;
}

/* --- rewriting one key --------------------------------------------------- */

/* One line of the file being rewritten: where it is and what it says. */
typedef struct line_view {
	const char *start;
	size_t length;      /* without the line ending */
	size_t full_length; /* with it */
} line_view;

static line_view next_line(const char *bytes, size_t length, size_t position)
{
	line_view view = {bytes + position, 0, 0};
	const char *newline = memchr(bytes + position, '\n', length - position);
	view.full_length = newline != NULL ? (size_t)(newline - view.start) + 1 : length - position;
	view.length = view.full_length;
	while (view.length > 0 &&
	       (view.start[view.length - 1] == '\n' || view.start[view.length - 1] == '\r'))
		view.length--;
	return view;
}

/* When `line` is a section header, writes its trimmed name into `name`. */
static bool section_of_line(line_view line, char *name, size_t size)
{
	size_t length = line.length;
	const char *text = text_trim(line.start, &length);
	if (length < 2 || text[0] != '[')
		return false;
	const char *close = memchr(text, ']', length);
	if (close == NULL)
		return false;
	size_t name_length = (size_t)(close - text) - 1;
	const char *trimmed = text_trim(text + 1, &name_length);
	if (name_length >= size) {
		name[0] = '\0';
		return true;
	}
	memcpy(name, trimmed, name_length);
	name[name_length] = '\0';
	return true;
}

/* True when `line` sets `key`; *comment then points at a trailing " ; ..."
 * comment to keep (or NULL). */
static bool line_sets_key(line_view line, const char *key, const char **comment)
{
	size_t length = line.length;
	const char *text = text_trim(line.start, &length);
	if (length == 0 || text[0] == ';' || text[0] == '#' || text[0] == '[')
		return false;
	size_t separator = 0;
	while (separator < length && text[separator] != '=' && text[separator] != ':')
		separator++;
	if (separator == length)
		return false;
	size_t key_length = separator;
	const char *found = text_trim(text, &key_length);
	if (key_length != strlen(key) || memcmp(found, key, key_length) != 0)
		return false;
	*comment = NULL;
	for (size_t i = separator + 1; i < length; i++)
		if (text[i] == ';' && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
			*comment = text + i - 1;
			break;
		}
	return true;
}

static bool is_key_line(line_view line)
{
	size_t length = line.length;
	const char *text = text_trim(line.start, &length);
	return length > 0 && text[0] != ';' && text[0] != '#' && text[0] != '[' &&
	       memchr(text, '=', length) != NULL;
}

/* Where in a file `key` of `section` is, or where it should go. */
typedef struct key_place {
	bool key_found;
	size_t key_start; /* offset of the line that sets the key */
	line_view key_line;
	const char *comment; /* trailing comment on that line, or NULL */
	bool section_found;
	size_t insert_at; /* end of the section's last key line (or its header) */
} key_place;

/* Looks through the first [section] of the file (later repeats of the
 * section are left alone: the key is added to the first one). */
static key_place find_key(const char *bytes, size_t length, const char *section, const char *key)
{
	key_place place = {0};
	bool in_section = false;
	size_t position = 0;
	while (position < length) {
		line_view line = next_line(bytes, length, position);
		size_t next = position + line.full_length;
		char name[64];
		const char *comment = NULL;
		if (section_of_line(line, name, sizeof(name))) {
			if (in_section)
				break;
			in_section = strcmp(name, section) == 0;
			if (in_section) {
				place.section_found = true;
				place.insert_at = next;
			}
		} else if (in_section && line_sets_key(line, key, &comment)) {
			place.key_found = true;
			place.key_start = position;
			place.key_line = line;
			place.comment = comment;
			return place;
		} else if (in_section && is_key_line(line)) {
			place.insert_at = next;
		}
		position = next;
	}
	return place;
}

/* "key = value", or "key =" for an empty value (no trailing blank). */
static status append_assignment(text_buffer *out, const char *key, const char *value,
                                const char *line_ending)
{
	return text_buffer_append_format(out, "%s =%s%s%s", key, value[0] != '\0' ? " " : "", value,
	                                 line_ending);
}

/* Builds the new file text in `out`: the old text with one line replaced or
 * added. */
static status rewrite_text(const char *bytes, size_t length, const char *section, const char *key,
                           const char *value, text_buffer *out)
{
	const char *line_ending = "\n";
	const char *first_newline = memchr(bytes, '\n', length);
	if (first_newline != NULL && first_newline > bytes && first_newline[-1] == '\r')
		line_ending = "\r\n";

	key_place place = find_key(bytes, length, section, key);
	status result = STATUS_OK;
	if (place.key_found) {
		line_view line = place.key_line;
		size_t text_length = line.length;
		const char *text = text_trim(line.start, &text_length);
		size_t after = place.key_start + line.full_length;
		/* Keep the indent, any comment after the value and the line ending. */
		result = text_buffer_append(out, bytes, (size_t)(text - bytes));
		if (result == STATUS_OK)
			result = append_assignment(out, key, value, "");
		if (result == STATUS_OK && place.comment != NULL)
			result = text_buffer_append(
			    out, place.comment, (size_t)(line.start + line.length - place.comment));
		if (result == STATUS_OK)
			result = text_buffer_append(out, line.start + line.length,
			                            line.full_length - line.length);
		if (result == STATUS_OK)
			result = text_buffer_append(out, bytes + after, length - after);
		return result;
	}
	if (place.section_found) {
		size_t at = place.insert_at;
		result = text_buffer_append(out, bytes, at);
		if (result == STATUS_OK && at > 0 && bytes[at - 1] != '\n')
			result = text_buffer_append_string(out, line_ending);
		if (result == STATUS_OK)
			result = append_assignment(out, key, value, line_ending);
		if (result == STATUS_OK)
			result = text_buffer_append(out, bytes + at, length - at);
		return result;
	}
	result = text_buffer_append(out, bytes, length);
	if (result == STATUS_OK && length > 0 && bytes[length - 1] != '\n')
		result = text_buffer_append_string(out, line_ending);
	if (result == STATUS_OK && length > 0)
		result = text_buffer_append_string(out, line_ending);
	if (result == STATUS_OK)
		result = text_buffer_append_format(out, "[%s]%s", section, line_ending);
	if (result == STATUS_OK)
		result = append_assignment(out, key, value, line_ending);
	return result;
}

static bool is_settable_value(const char *value)
{
	size_t length = strlen(value);
	if (length > MAX_SET_VALUE_BYTES || !text_is_valid_utf8(value, length) ||
	    has_control_characters(value))
		return false;
	for (size_t i = 1; i < length; i++)
		if (value[i] == ';' && (value[i - 1] == ' ' || value[i - 1] == '\t'))
			return false;
	return true;
}

status config_set_value(const char *path, const char *section, const char *key, const char *value)
{
	if (path == NULL || section == NULL || key == NULL || value == NULL ||
	    !ini_file_is_identifier(section, strlen(section)) || strlen(section) >= 64 ||
	    !ini_file_is_identifier(key, strlen(key)) || !is_settable_value(value))
		return STATUS_USAGE;

	char *bytes = NULL;
	size_t length = 0;
	status result = ini_file_read_whole(path, CONFIG_MAX_FILE_BYTES, &bytes, &length, NULL);
	if (result == STATUS_NOT_FOUND) {
		bytes = NULL;
		length = 0;
	} else if (result != STATUS_OK) {
		return result;
	}

	text_buffer rewritten = {0};
	result = rewrite_text(bytes != NULL ? bytes : "", length, section, key, value, &rewritten);
	free(bytes);
	if (result == STATUS_OK && rewritten.length > CONFIG_MAX_FILE_BYTES)
		result = STATUS_TOO_LARGE;
	/* Keep the permissions of the file we replace: it may hold the PIN hash. */
	if (result == STATUS_OK) {
		result = atomic_file_write_bytes(path, text_buffer_string(&rewritten),
		                                 rewritten.length, 0644, ATOMIC_FILE_KEEP_MODE);
		/* A temporary name too long for the kernel is a write that failed
		 * (errno ENAMETOOLONG); STATUS_TOO_LARGE means an oversize file. */
		if (result == STATUS_TOO_LARGE)
			result = STATUS_IO;
	}
	text_buffer_free(&rewritten);
	return result;
}
