/* cli.c — the buurtkiosk command line. Parses options, loads the
 * configuration and the store, and runs one command; output for people is
 * plain Dutch, output for programs is the JSON of the documented contract. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "config.h"
#include "distance.h"
#include "import.h"
#include "json.h"
#include "match.h"
#include "printer.h"
#include "schedule.h"
#include "slip.h"
#include "print_slip.h"
#include "questions.h"
#include "speech.h"
#include "translate.h"
#include "assets.h"
#include "store.h"
#include "text.h"
#include "ui_loop.h"
#include "upcoming.h"
#include "volunteer_pin.h"

#define DEFAULT_CONFIG_PATH   "/etc/buurtkiosk/buurtkiosk.ini"
#define SAMPLE_CATALOGUE_NAME "catalogus.csv"

typedef enum cli_command {
	COMMAND_KIOSK,    /* no command: the touch kiosk */
	COMMAND_UPCOMING, /* what is coming up, as text */
	COMMAND_IMPORT,
	COMMAND_CHECK,
	COMMAND_MATCH,
	COMMAND_TEMPLATE,
	COMMAND_PRINT_SLIP, /* --print-slip ID[,ID,ID] */
	COMMAND_PRINT_TEST, /* --print-test */
	COMMAND_SET_PIN,    /* --set-pin PIN */
	COMMAND_SPEAK_TEST, /* --speak-test LANG --wav FILE */
	COMMAND_VERSION,
	COMMAND_HELP
} cli_command;

/* --usb-root may be given this often (the stick watcher's limit). */
#define CLI_MAX_USB_ROOTS 8u

typedef struct cli_options {
	cli_command command;
	const char *command_argument;
	const char *config_path;
	const char *database_path;
	const char *location;
	const char *now;
	bool json;
	bool windowed;
	int width, height;
	const char *replay_path;
	const char *screenshot_dir;
	const char *printer_uri;                  /* --printer: replaces [printer] uri */
	const char *usb_roots[CLI_MAX_USB_ROOTS]; /* --usb-root, repeatable */
	size_t usb_root_count;
	const char *wav_path; /* --wav: where --speak-test writes */
} cli_options;

/* Everything a command works with, set up by open_session(). */
typedef struct cli_session {
	kiosk_config config;
	local_time now;
	store *database;  /* NULL for --check when no database exists yet */
	catalogue *items; /* the stored catalogue, for --match and the overview */
	FILE *out;
	FILE *err;
} cli_session;

static void print_usage(FILE *stream)
{
	fputs("Gebruik: buurtkiosk [OPTIES] [OPDRACHT]\n"
	      "\n"
	      "Opdrachten:\n"
	      "  (geen)                 start de kiosk (volledig scherm)\n"
	      "  --upcoming             toon als tekst wat er binnenkort is\n"
	      "  --import BESTAND       controleer een catalogus (CSV) en neem hem over\n"
	      "  --check BESTAND        controleer een catalogus zonder iets te veranderen\n"
	      "  --match ANTWOORDEN     zoek aanbod, bv. 'themas=bewegen;kosten=gratis'\n"
	      "  --export-template BESTAND  schrijf een lege catalogus om in te vullen\n"
	      "  --print-slip ID[,ID,ID]  print een briefje met 1 tot 3 aanbiedingen\n"
	      "  --print-test           print een testbriefje met de instellingen\n"
	      "  --set-pin PIN          bewaar een nieuwe vrijwilligerspincode (4-8 cijfers)\n"
	      "  --speak-test TAAL --wav BESTAND  lees de eerste vraag voor (nl, en, tr, ar)\n"
	      "                         en bewaar het als WAV, om de luidsprekers te testen\n"
	      "  --version              toon de versie\n"
	      "  --help                 toon deze hulp\n"
	      "\n"
	      "Opties:\n"
	      "  --config BESTAND       instellingen (standaard " DEFAULT_CONFIG_PATH ")\n"
	      "  --db PAD               database (overschrijft de instellingen)\n"
	      "  --location LAT,LON     plaats van de kiosk (overschrijft de instellingen)\n"
	      "  --now JJJJ-MM-DDTUU:MM doe alsof het nu dit moment is (lokale tijd)\n"
	      "  --printer URI          printer (overschrijft de instellingen): none,\n"
	      "                         escpos:/dev/usb/lp0, cups:WACHTRIJ of file:PAD\n"
	      "  --json                 uitvoer als JSON (bij --import, --check, --match)\n"
	      "  --windowed BxH         kiosk in een venster van B bij H beeldpunten\n"
	      "                         (ontwikkelaars: afsluiten werkt dan)\n"
	      "  --replay SCRIPT        speel een script af op de kiosk (zie README)\n"
	      "  --screenshots MAP      waar 'shot' van --replay schermafdrukken schrijft\n"
	      "  --usb-root MAP         zoek sticks van vrijwilligers in deze map (mag vaker;\n"
	      "                         overschrijft [usb] roots)\n"
	      "\n"
	      "Antwoorden voor --match: themas, aandoeningen (of geen), vorm, contact\n"
	      "(fysiek|op_afstand|beide), dichtbij (ja|maakt_niet_uit), deelname\n"
	      "(inloop|programma), kosten (gratis|bijdrage|vergoed), steun, fase\n"
	      "(orienteren|beginnen|volhouden). Een vraag die ontbreekt is overgeslagen.\n"
	      "\n"
	      "Afsluitcodes: 0 gelukt, 1 geweigerd of mislukt, 2 verkeerd gebruik.\n",
	      stream);
}

static int usage_error(FILE *err, const char *message, const char *detail)
{
	fprintf(err, "buurtkiosk: %s%s%s\n", message, detail != NULL ? ": " : "",
	        detail != NULL ? detail : "");
	fputs("Probeer 'buurtkiosk --help'.\n", err);
	return CLI_EXIT_USAGE;
}

static bool set_command(cli_options *options, cli_command command, const char *argument)
{
	if (options->command != COMMAND_KIOSK)
		return false;
	options->command = command;
	options->command_argument = argument;
	return true;
}

/* Parses "1080x1920" (each side 200..10000 pixels). */
static bool parse_window_size(const char *text, int *width, int *height)
{
	const char *separator = strchr(text, 'x');
	if (separator == NULL || (size_t)(separator - text) >= 16)
		return false;
	char first[16];
	memcpy(first, text, (size_t)(separator - text));
	first[separator - text] = '\0';
	long parsed_width = 0, parsed_height = 0;
	if (!text_parse_integer(first, 200, 10000, &parsed_width) ||
	    !text_parse_integer(separator + 1, 200, 10000, &parsed_height))
		return false;
	*width = (int)parsed_width;
	*height = (int)parsed_height;
	return true;
}

/* --- the volunteer PIN: --set-pin ------------------------------------------ */

/* Stores the hash of a new volunteer PIN as [volunteer] pin_hash in the
 * configuration file (--config, else the default), keeping the rest of the
 * file, and reads it back to be sure the kiosk will find it. The PIN is never
 * echoed or written. Exit 2 for a PIN that is not 4-8 digits, 1 when the
 * file cannot be written. */
static int run_set_pin(const cli_options *options, FILE *out, FILE *err)
{
	const char *pin = options->command_argument;
	if (!volunteer_pin_is_valid(pin))
		return usage_error(err, "de pincode moet uit 4 tot 8 cijfers bestaan", NULL);
	const char *path =
	    options->config_path != NULL ? options->config_path : DEFAULT_CONFIG_PATH;
	char hash[VOLUNTEER_PIN_HASH_BYTES];
	status result = volunteer_pin_hash(pin, hash, sizeof hash);
	if (result == STATUS_OK)
		result = config_set_value(path, "volunteer", "pin_hash", hash);
	if (result != STATUS_OK) {
		fprintf(err, "buurtkiosk: pincode niet opgeslagen in '%s': %s\n", path,
		        result == STATUS_IO ? strerror(errno) : status_describe(result));
		return CLI_EXIT_REFUSED;
	}
	kiosk_config *stored = calloc(1, sizeof *stored);
	if (stored == NULL) {
		fputs("buurtkiosk: out of memory\n", err);
		return CLI_EXIT_REFUSED;
	}
	result = config_load_file(path, stored, NULL);
	bool found = result == STATUS_OK && strcmp(stored->pin_hash, hash) == 0;
	free(stored);
	if (!found) {
		fprintf(err,
		        "buurtkiosk: de pincode staat niet goed in '%s'; kijk het bestand na\n",
		        path);
		return CLI_EXIT_REFUSED;
	}
	fprintf(out,
	        "De nieuwe pincode is opgeslagen in %s (alleen als hash; de cijfers zelf "
	        "worden nergens bewaard).\n",
	        path);
	return CLI_EXIT_OK;
}

/* --- printing: --print-slip, --print-test, --printer ------------------------ */

/* Room for one offer id on the command line. */
#define PRINT_ID_BYTES 256u

/* Splits "ID[,ID,ID]" into ids[0..*count); false for an empty id, one over
 * PRINT_ID_BYTES, or more than SLIP_MAX_OFFERS. */
static bool split_print_ids(const char *text, char ids[SLIP_MAX_OFFERS][PRINT_ID_BYTES],
                            size_t *count)
{
	*count = 0;
	for (const char *start = text;;) {
		const char *comma = strchr(start, ',');
		size_t length = comma != NULL ? (size_t)(comma - start) : strlen(start);
		if (length == 0 || length >= PRINT_ID_BYTES || *count == SLIP_MAX_OFFERS)
			return false;
		memcpy(ids[*count], start, length);
		ids[*count][length] = '\0';
		(*count)++;
		if (comma == NULL)
			return true;
		start = comma + 1;
	}
}

/* The print commands' own rules, checked before anything is opened. */
static int check_print_options(const cli_options *options, FILE *err)
{
	if (options->command != COMMAND_PRINT_SLIP)
		return CLI_EXIT_OK;
	char ids[SLIP_MAX_OFFERS][PRINT_ID_BYTES];
	size_t count = 0;
	if (!split_print_ids(options->command_argument, ids, &count))
		return usage_error(err, "--print-slip verwacht 1 tot 3 ids, gescheiden door ','",
		                   options->command_argument);
	return CLI_EXIT_OK;
}

/* --printer URI replaces [printer] uri, checked exactly as the settings file
 * checks it (the same reader parses it). */
static int apply_printer_option(const cli_options *options, kiosk_config *config, FILE *err)
{
	if (options->printer_uri == NULL)
		return CLI_EXIT_OK;
	const char *uri = options->printer_uri;
	kiosk_config parsed;
	text_buffer settings = {0};
	text_buffer problems = {0};
	status result = strpbrk(uri, "\r\n") == NULL
	                    ? text_buffer_append_format(&settings, "[printer]\nuri = %s\n", uri)
	                    : STATUS_INVALID;
	if (result == STATUS_OK)
		result = config_load_memory(settings.data, settings.length, "--printer", &parsed,
		                            &problems);
	/* A problem line, or a value the reader cut short (" ;" starts a comment). */
	bool accepted =
	    result == STATUS_OK && problems.length == 0 && strcmp(parsed.printer_uri, uri) == 0;
	text_buffer_free(&settings);
	text_buffer_free(&problems);
	if (!accepted)
		return usage_error(err,
		                   "--printer verwacht none, escpos:/dev/..., cups:WACHTRIJ of "
		                   "file:PAD",
		                   uri);
	(void)text_copy(config->printer_uri, sizeof config->printer_uri, parsed.printer_uri);
	(void)text_copy(config->printer_target, sizeof config->printer_target,
	                parsed.printer_target);
	config->printer_kind = parsed.printer_kind;
	return CLI_EXIT_OK;
}

/* A slip to print: offers, or a notice. */
typedef struct print_request {
	catalogue *offers; /* handed to the job */
	const char *const *ids;
	size_t count;
	const char *title; /* a notice when not NULL */
	const char *body;
} print_request;

/* Prints the kiosk's way (a printer job, then wait for DONE or FAILED):
 * exit 0 when printed, 1 with the reason on stderr. */
static int print_and_wait(cli_session *session, print_request *request)
{
	printer *device = NULL;
	status opened = printer_open(&session->config, &device);
	if (opened != STATUS_OK) {
		fprintf(session->err, "buurtkiosk: printer niet te starten: %s\n",
		        status_describe(opened));
		catalogue_destroy(request->offers);
		return CLI_EXIT_REFUSED;
	}
	if (!printer_available(device)) {
		fprintf(session->err,
		        "buurtkiosk: %s Stel [printer] uri in, of gebruik --printer URI.\n",
		        printer_failure_msgid(PRINTER_FAILURE_NO_PRINTER));
		printer_close(device);
		catalogue_destroy(request->offers);
		return CLI_EXIT_REFUSED;
	}
	char error[256] = "";
	print_slip *slips = NULL;
	if (print_slip_open(&slips, error, sizeof error) != STATUS_OK) {
		fprintf(session->err,
		        "buurtkiosk: lettertypen voor het briefje niet te laden: %s\n", error);
		printer_close(device);
		catalogue_destroy(request->offers);
		return CLI_EXIT_REFUSED;
	}
	int exit_code = CLI_EXIT_OK;
	status submitted =
	    request->title != NULL
	        ? print_slip_submit_notice(slips, device, request->title, request->body, NULL)
	        : print_slip_submit_offers(slips, device, request->offers, request->ids,
	                                   request->count, &session->config, session->now, NULL,
	                                   NULL, NULL);
	printer_job_state outcome = {0};
	if (submitted != STATUS_OK) {
		fprintf(session->err, "buurtkiosk: printen niet gestart: %s\n",
		        status_describe(submitted));
		exit_code = CLI_EXIT_REFUSED;
	} else if (printer_wait(device, &outcome) == PRINTER_DONE) {
		fprintf(session->out, "Briefje geprint op %s (%s).\n", session->config.printer_uri,
		        printer_slip_paper(device).name);
	} else {
		fprintf(session->err, "buurtkiosk: %s (%s)\n",
		        outcome.message != NULL ? outcome.message : "", outcome.detail);
		exit_code = CLI_EXIT_REFUSED;
	}
	printer_close(device);
	print_slip_close(slips);
	return exit_code;
}

/* --print-slip ID[,ID,ID]: the offers' slip, as the kiosk prints it. */
static int run_print_slip(cli_session *session, const char *id_list)
{
	char ids[SLIP_MAX_OFFERS][PRINT_ID_BYTES];
	size_t count = 0;
	if (!split_print_ids(id_list, ids, &count))
		return usage_error(session->err, "--print-slip verwacht 1 tot 3 ids", id_list);
	const char *id_pointers[SLIP_MAX_OFFERS];
	for (size_t index = 0; index < count; index++)
		id_pointers[index] = ids[index];
	catalogue *found = NULL;
	status loaded = store_load_offers(session->database, id_pointers, count, &found);
	if (loaded != STATUS_OK) {
		fprintf(session->err, "buurtkiosk: aanbod niet te laden: %s\n",
		        status_describe(loaded));
		return CLI_EXIT_REFUSED;
	}
	int exit_code = CLI_EXIT_OK;
	for (size_t index = 0; index < count; index++) {
		if (catalogue_find(found, ids[index]) == NULL) {
			fprintf(session->err,
			        "buurtkiosk: geen aanbod met id '%s' in de catalogus\n",
			        ids[index]);
			exit_code = CLI_EXIT_REFUSED;
		}
	}
	if (exit_code != CLI_EXIT_OK) {
		catalogue_destroy(found);
		return exit_code;
	}
	print_request request = {.offers = found, .ids = id_pointers, .count = count};
	return print_and_wait(session, &request);
}

/* --print-test: a notice with what a volunteer installing a printer wants
 * to see, printed the kiosk's way. */
static int run_print_test(cli_session *session)
{
	size_t offer_count = 0;
	status counted = session->database != NULL
	                     ? store_count_offers(session->database, &offer_count)
	                     : STATUS_NOT_FOUND;
	text_buffer body = {0};
	status result = printer_test_text(&session->config, counted == STATUS_OK, offer_count,
	                                  session->now, &body);
	int exit_code = CLI_EXIT_REFUSED;
	if (result == STATUS_OK) {
		print_request request = {.title = "Testbriefje", .body = text_buffer_string(&body)};
		exit_code = print_and_wait(session, &request);
	} else {
		fprintf(session->err, "buurtkiosk: testbriefje niet gemaakt: %s\n",
		        status_describe(result));
	}
	text_buffer_free(&body);
	return exit_code;
}

/* Parses argv into `options`; returns CLI_EXIT_OK or CLI_EXIT_USAGE (after
 * telling the user why). */
static int parse_options(int argc, char **argv, cli_options *options, FILE *err)
{
	enum {
		OPTION_IMPORT = 256,
		OPTION_CHECK,
		OPTION_MATCH,
		OPTION_TEMPLATE,
		OPTION_VERSION,
		OPTION_HELP,
		OPTION_CONFIG,
		OPTION_DB,
		OPTION_LOCATION,
		OPTION_NOW,
		OPTION_JSON,
		OPTION_UPCOMING,
		OPTION_WINDOWED,
		OPTION_REPLAY,
		OPTION_SCREENSHOTS,
		OPTION_PRINT_SLIP,
		OPTION_PRINT_TEST,
		OPTION_PRINTER,
		OPTION_SET_PIN,
		OPTION_USB_ROOT,
		OPTION_SPEAK_TEST,
		OPTION_WAV
	};
	static const struct option long_options[] = {
	    {"import", required_argument, NULL, OPTION_IMPORT},
	    {"check", required_argument, NULL, OPTION_CHECK},
	    {"match", required_argument, NULL, OPTION_MATCH},
	    {"export-template", required_argument, NULL, OPTION_TEMPLATE},
	    {"version", no_argument, NULL, OPTION_VERSION},
	    {"help", no_argument, NULL, OPTION_HELP},
	    {"config", required_argument, NULL, OPTION_CONFIG},
	    {"db", required_argument, NULL, OPTION_DB},
	    {"location", required_argument, NULL, OPTION_LOCATION},
	    {"now", required_argument, NULL, OPTION_NOW},
	    {"json", no_argument, NULL, OPTION_JSON},
	    {"upcoming", no_argument, NULL, OPTION_UPCOMING},
	    {"windowed", required_argument, NULL, OPTION_WINDOWED},
	    {"replay", required_argument, NULL, OPTION_REPLAY},
	    {"screenshots", required_argument, NULL, OPTION_SCREENSHOTS},
	    {"print-slip", required_argument, NULL, OPTION_PRINT_SLIP},
	    {"print-test", no_argument, NULL, OPTION_PRINT_TEST},
	    {"printer", required_argument, NULL, OPTION_PRINTER},
	    {"set-pin", required_argument, NULL, OPTION_SET_PIN},
	    {"usb-root", required_argument, NULL, OPTION_USB_ROOT},
	    {"speak-test", required_argument, NULL, OPTION_SPEAK_TEST},
	    {"wav", required_argument, NULL, OPTION_WAV},
	    {NULL, 0, NULL, 0},
	};
	memset(options, 0, sizeof *options);
	opterr = 0;
	optind = 1;
	for (;;) {
		int choice = getopt_long(argc, argv, "", long_options, NULL);
		if (choice == -1)
			break;
		bool accepted = true;
		switch (choice) {
		case OPTION_IMPORT: accepted = set_command(options, COMMAND_IMPORT, optarg); break;
		case OPTION_CHECK: accepted = set_command(options, COMMAND_CHECK, optarg); break;
		case OPTION_MATCH: accepted = set_command(options, COMMAND_MATCH, optarg); break;
		case OPTION_TEMPLATE:
			accepted = set_command(options, COMMAND_TEMPLATE, optarg);
			break;
		case OPTION_VERSION: accepted = set_command(options, COMMAND_VERSION, NULL); break;
		case OPTION_HELP: accepted = set_command(options, COMMAND_HELP, NULL); break;
		case OPTION_CONFIG: options->config_path = optarg; break;
		case OPTION_DB: options->database_path = optarg; break;
		case OPTION_LOCATION: options->location = optarg; break;
		case OPTION_NOW: options->now = optarg; break;
		case OPTION_JSON: options->json = true; break;
		case OPTION_UPCOMING:
			accepted = set_command(options, COMMAND_UPCOMING, NULL);
			break;
		case OPTION_WINDOWED:
			if (!parse_window_size(optarg, &options->width, &options->height))
				return usage_error(err, "--windowed verwacht BxH, bv. 1080x1920",
				                   optarg);
			options->windowed = true;
			break;
		case OPTION_REPLAY: options->replay_path = optarg; break;
		case OPTION_SCREENSHOTS: options->screenshot_dir = optarg; break;
		case OPTION_PRINT_SLIP:
			accepted = set_command(options, COMMAND_PRINT_SLIP, optarg);
			break;
		case OPTION_PRINT_TEST:
			accepted = set_command(options, COMMAND_PRINT_TEST, NULL);
			break;
		case OPTION_PRINTER: options->printer_uri = optarg; break;
		case OPTION_SET_PIN:
			accepted = set_command(options, COMMAND_SET_PIN, optarg);
			break;
		case OPTION_SPEAK_TEST:
			accepted = set_command(options, COMMAND_SPEAK_TEST, optarg);
			break;
		case OPTION_WAV: options->wav_path = optarg; break;
		case OPTION_USB_ROOT:
			if (options->usb_root_count >= CLI_MAX_USB_ROOTS)
				return usage_error(err, "--usb-root kan hoogstens 8 keer", optarg);
			if (optarg[0] == '\0')
				return usage_error(err, "--usb-root verwacht een map", NULL);
			options->usb_roots[options->usb_root_count++] = optarg;
			break;
		case ':': return usage_error(err, "optie mist een waarde", argv[optind - 1]);
		default: return usage_error(err, "onbekende optie", argv[optind - 1]);
		}
		if (!accepted)
			return usage_error(err, "geef één opdracht tegelijk", NULL);
	}
	if (optind < argc)
		return usage_error(err, "onverwacht argument", argv[optind]);
	if ((options->windowed || options->replay_path || options->screenshot_dir ||
	     options->usb_root_count > 0) &&
	    options->command != COMMAND_KIOSK)
		return usage_error(
		    err,
		    "--windowed, --replay, --screenshots en --usb-root horen bij de kiosk zelf",
		    NULL);
	if ((options->command == COMMAND_SPEAK_TEST) != (options->wav_path != NULL))
		return usage_error(err, "--speak-test en --wav horen bij elkaar", NULL);
	return check_print_options(options, err);
}

/* Parses "52.1,5.1" (a '.' decimal point; the ',' separates). */
static bool parse_location(const char *text, double *latitude, double *longitude)
{
	const char *comma = strchr(text, ',');
	if (comma == NULL || (size_t)(comma - text) >= 64)
		return false;
	char first[64];
	memcpy(first, text, (size_t)(comma - text));
	first[comma - text] = '\0';
	return text_parse_decimal(first, latitude) && text_parse_decimal(comma + 1, longitude) &&
	       distance_is_in_netherlands(*latitude, *longitude);
}

/* Loads the configuration, applies the overrides and works out "now". */
static int load_settings(const cli_options *options, cli_session *session)
{
	/* config_load_file() starts from the built-in defaults in every case. */
	const char *config_path =
	    options->config_path != NULL ? options->config_path : DEFAULT_CONFIG_PATH;
	text_buffer problems = {0};
	status loaded = config_load_file(config_path, &session->config, &problems);
	if (loaded == STATUS_NOT_FOUND && options->config_path == NULL) {
		/* No configuration installed: the built-in defaults apply. */
	} else if (loaded != STATUS_OK) {
		fprintf(session->err, "buurtkiosk: instellingen '%s' niet te lezen: %s\n",
		        config_path, status_describe(loaded));
		text_buffer_free(&problems);
		return CLI_EXIT_USAGE;
	}
	if (problems.length > 0)
		fprintf(session->err, "buurtkiosk: instellingen '%s':\n%s", config_path,
		        text_buffer_string(&problems));
	text_buffer_free(&problems);

	if (options->database_path != NULL &&
	    !text_copy(session->config.database, sizeof session->config.database,
	               options->database_path))
		return usage_error(session->err, "databasepad is te lang", NULL);
	if (options->location != NULL &&
	    !parse_location(options->location, &session->config.latitude,
	                    &session->config.longitude))
		return usage_error(session->err,
		                   "--location verwacht LAT,LON in Nederland, bv. 52.1003,5.1124",
		                   options->location);
	if (options->now != NULL) {
		if (!schedule_parse_local(options->now, &session->now))
			return usage_error(session->err, "--now verwacht JJJJ-MM-DDTUU:MM",
			                   options->now);
	} else {
		session->now = schedule_local_from_utc(time(NULL));
	}
	return CLI_EXIT_OK;
}

/* Tells in plain Dutch why the database could not be opened, naming the
 * causes someone at the kiosk can fix. */
static void explain_open_failure(const cli_session *session, status failure)
{
	const char *path = session->config.database;
	const char *reason = status_describe(failure);
	struct stat info;
	char directory[PATH_MAX];
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		(void)text_copy(directory, sizeof directory, ".");
	else if (!text_format(directory, sizeof directory, "%.*s", (int)(slash - path), path))
		directory[0] = '\0';
	int version = 0;
	if (stat(path, &info) == 0 && S_ISDIR(info.st_mode))
		reason = "dit is een map; geef de naam van een databasebestand";
	else if (failure == STATUS_CORRUPT)
		reason = "de database is beschadigd; start de kiosk of gebruik --import, dan "
		         "wordt hij hersteld";
	else if (store_file_schema_version(path, &version) == STATUS_OK &&
	         version > STORE_SCHEMA_VERSION)
		reason = "de database komt van een nieuwere versie van buurtkiosk; werk het "
		         "programma bij";
	else if (directory[0] != '\0' && access(directory, W_OK) != 0)
		reason = "de map is niet beschrijfbaar of bestaat niet";
	fprintf(session->err, "buurtkiosk: database '%s' niet te openen: %s\n", path, reason);
}

/* --check changes nothing: it reads the database when there is one and
 * otherwise compares with an empty catalogue, without creating a file. */
static int open_store_read_only(cli_session *session)
{
	status opened = store_open_read_only(session->config.database, &session->database);
	if (opened == STATUS_NOT_FOUND)
		return CLI_EXIT_OK;
	if (opened != STATUS_OK) {
		explain_open_failure(session, opened);
		return CLI_EXIT_REFUSED;
	}
	return CLI_EXIT_OK;
}

/* Opens (or repairs) the database. For --match and the overview it keeps
 * the catalogue the open already read and verified, and fills an empty
 * catalogue from the bundled sample, so a fresh kiosk has something to show. */
static int open_store(cli_session *session, cli_command command)
{
	if (command == COMMAND_CHECK)
		return open_store_read_only(session);
	bool wants_catalogue = command == COMMAND_MATCH || command == COMMAND_UPCOMING;
	char sample_path[PATH_MAX];
	config_data_path(&session->config, SAMPLE_CATALOGUE_NAME, sample_path, sizeof sample_path);
	store_recovery recovery = STORE_OPENED;
	status opened =
	    store_open_or_recover(session->config.database, sample_path, &session->database,
	                          &recovery, wants_catalogue ? &session->items : NULL);
	if (opened != STATUS_OK) {
		explain_open_failure(session, opened);
		return CLI_EXIT_REFUSED;
	}
	if (recovery == STORE_RESTORED_FROM_BACKUP)
		fprintf(session->err, "buurtkiosk: de database was beschadigd; de laatste goede "
		                      "catalogus is teruggezet.\n");
	else if (recovery == STORE_RESTORED_FROM_SAMPLE)
		fprintf(session->err,
		        "buurtkiosk: de database was beschadigd; de voorbeeldcatalogus "
		        "is teruggezet.\n");
	if (!wants_catalogue || catalogue_count(session->items) > 0)
		return CLI_EXIT_OK;

	catalogue *sample = NULL;
	import_report report = {0};
	status result = import_read_file(sample_path, &sample, &report);
	if (result == STATUS_OK && import_report_can_apply(&report))
		result = store_replace_catalogue(session->database, sample, &report,
		                                 STORE_SOURCE_SAMPLE, session->now.day);
	else if (result == STATUS_OK)
		result = STATUS_REFUSED;
	if (result != STATUS_OK)
		fprintf(session->err, "buurtkiosk: voorbeeldcatalogus '%s' niet geladen: %s\n",
		        sample_path, report.fatal ? report.fatal_message : status_describe(result));
	catalogue_destroy(sample);
	import_report_free(&report);
	if (result != STATUS_OK)
		return CLI_EXIT_OK; /* an empty catalogue still answers */
	/* Read back what was stored, so every command sees the same offers. */
	catalogue_destroy(session->items);
	session->items = NULL;
	result = store_load_catalogue(session->database, &session->items);
	if (result != STATUS_OK) {
		fprintf(session->err, "buurtkiosk: catalogus niet te laden: %s\n",
		        status_describe(result));
		return CLI_EXIT_REFUSED;
	}
	return CLI_EXIT_OK;
}

/* --import and --check: validate, diff, and (for --import) apply. */
static int run_import(cli_session *session, const char *path, bool apply, bool json)
{
	offer_digest *current = NULL;
	size_t current_count = 0;
	catalogue *incoming = NULL;
	import_report report = {0};
	text_buffer output = {0};
	bool applied = false;
	int exit_code = CLI_EXIT_REFUSED;

	status result = session->database != NULL
	                    ? store_load_digests(session->database, &current, &current_count)
	                    : STATUS_OK;
	if (result == STATUS_OK)
		result = import_read_file(path, &incoming, &report);
	if (result == STATUS_OK && incoming != NULL)
		result = import_compute_diff(&report, current, current_count, incoming);
	if (result != STATUS_OK) {
		fprintf(session->err, "buurtkiosk: '%s' niet gelezen: %s\n", path,
		        status_describe(result));
		goto done;
	}
	if (apply && import_report_can_apply(&report)) {
		/* A failure here still gets its report (applied: false). */
		status stored = store_replace_catalogue(session->database, incoming, &report,
		                                        STORE_SOURCE_FILE, session->now.day);
		if (stored == STATUS_OK)
			applied = true;
		else
			fprintf(session->err,
			        "buurtkiosk: catalogus niet opgeslagen (%s: %s); de "
			        "vorige catalogus blijft in gebruik.\n",
			        status_describe(stored), store_last_error(session->database));
	} else if (apply) {
		status recorded = store_record_refused_import(session->database, &report,
		                                              STORE_SOURCE_FILE, session->now.day);
		if (recorded != STATUS_OK)
			fprintf(session->err,
			        "buurtkiosk: importgeschiedenis niet bijgewerkt: %s\n",
			        status_describe(recorded));
	}
	result = json ? import_report_json(&report, applied, &output)
	              : import_report_text(&report, applied, &output);
	if (result != STATUS_OK)
		goto done;
	fputs(text_buffer_string(&output), session->out);
	if (json)
		fputc('\n', session->out);
	exit_code = apply ? (applied ? CLI_EXIT_OK : CLI_EXIT_REFUSED)
	                  : (import_report_can_apply(&report) ? CLI_EXIT_OK : CLI_EXIT_REFUSED);
done:
	text_buffer_free(&output);
	import_report_free(&report);
	catalogue_destroy(incoming);
	store_free_digests(current);
	return exit_code;
}

/* The plain-Dutch name of what a relaxed answer was about. */
static const char *relaxed_answer_description(match_key key)
{
	static const char *const descriptions[MATCH_KEY_COUNT] = {
	    [MATCH_THEMES] = "waar u aan wilt werken",
	    [MATCH_CONDITIONS] = "dezelfde aandoening",
	    [MATCH_FORM] = "alleen of in een groep",
	    [MATCH_CONTACT] = "hoe u contact wilt",
	    [MATCH_NEARBY] = "dichtbij",
	    [MATCH_ACCESS] = "vrije inloop of een vast programma",
	    [MATCH_COST] = "de kosten",
	    [MATCH_SUPPORT] = "het soort steun",
	    [MATCH_PHASE] = "waar u nu staat",
	};
	return (unsigned)key < MATCH_KEY_COUNT ? descriptions[key] : "";
}

static status append_key_list(text_buffer *out, uint16_t keys, bool as_json)
{
	bool first = true;
	status result = STATUS_OK;
	for (unsigned key = 0; key < MATCH_KEY_COUNT && result == STATUS_OK; key++) {
		if (!(keys & (1u << key)))
			continue;
		if (as_json)
			result = text_buffer_append_format(out, "%s\"%s\"", first ? "" : ",",
			                                   match_key_name((match_key)key));
		else
			result = text_buffer_append_format(out, "%s%s", first ? "" : ", ",
			                                   match_key_name((match_key)key));
		first = false;
	}
	return result;
}

static status append_match_json(const catalogue *items, const match_outcome *outcome,
                                local_time now, text_buffer *out)
{
	status result = text_buffer_append_string(out, "{\"relaxed\":[");
	for (size_t step = 0; step < outcome->relaxed_count && result == STATUS_OK; step++)
		result = text_buffer_append_format(out, "%s\"%s\"", step > 0 ? "," : "",
		                                   match_key_name(outcome->relaxed_order[step]));
	if (result == STATUS_OK)
		result = text_buffer_append_string(out, "],\"results\":[");
	for (size_t rank = 0; rank < outcome->count && result == STATUS_OK; rank++) {
		const match_result *found = &outcome->results[rank];
		const offer *item = catalogue_offer(items, found->offer_index);
		meeting next;
		char when[17] = "";
		if (schedule_next_meetings(&item->schedule, now, &next, 1) == 1) {
			schedule_format_local(next.start, when);
			if (!next.has_time)
				when[10] = '\0'; /* a whole day: the date alone */
		}
		result = text_buffer_append_string(out, rank > 0 ? ",{\"id\":" : "{\"id\":");
		if (result == STATUS_OK)
			result = json_append_string(out, item->id);
		if (result == STATUS_OK)
			result = text_buffer_append_string(out, ",\"name\":");
		if (result == STATUS_OK)
			result = json_append_string(out, item->name);
		if (result == STATUS_OK)
			result = text_buffer_append_format(
			    out, ",\"score\":%d,\"next_meeting\":", (int)found->score);
		if (result == STATUS_OK)
			result = when[0] != '\0' ? json_append_string(out, when)
			                         : text_buffer_append_string(out, "null");
		if (result == STATUS_OK)
			result = found->distance_metres >= 0
			             ? text_buffer_append_format(out, ",\"distance_m\":%d",
			                                         (int)found->distance_metres)
			             : text_buffer_append_string(out, ",\"distance_m\":null");
		if (result == STATUS_OK)
			result = text_buffer_append_string(out, ",\"matched\":[");
		if (result == STATUS_OK)
			result = append_key_list(out, found->matched, true);
		if (result == STATUS_OK)
			result = text_buffer_append_string(out, "],\"missed\":[");
		if (result == STATUS_OK)
			result = append_key_list(out, found->missed, true);
		if (result == STATUS_OK)
			result = text_buffer_append_string(out, "]}");
	}
	if (result == STATUS_OK)
		result = text_buffer_append_string(out, "]}\n");
	return result;
}

static status append_offer_line(const offer *item, int32_t distance_metres, local_time now,
                                text_buffer *out)
{
	text_buffer when = {0};
	meeting next;
	status result = STATUS_OK;
	if (schedule_next_meetings(&item->schedule, now, &next, 1) == 1)
		result = schedule_describe_meeting(&next, &when);
	else if (item->schedule_text[0] != '\0')
		result = text_buffer_append_string(&when, item->schedule_text);
	if (result == STATUS_OK)
		result = text_buffer_append_format(out, "%s — %s", item->name,
		                                   when.length > 0 ? text_buffer_string(&when)
		                                                   : "tijd: zie contact");
	if (result == STATUS_OK && distance_metres >= 0) {
		int minutes = distance_walking_minutes(distance_metres);
		result = text_buffer_append_format(out, " — %d %s lopen", minutes,
		                                   minutes == 1 ? "minuut" : "minuten");
	}
	text_buffer_free(&when);
	return result;
}

static status append_match_text(const catalogue *items, const match_outcome *outcome,
                                local_time now, text_buffer *out)
{
	status result = STATUS_OK;
	if (outcome->relaxed_count > 0) {
		result = text_buffer_append_string(
		    out, "Er was te weinig aanbod dat bij al uw antwoorden past. Daarom is niet "
		         "gelet op: ");
		for (size_t step = 0; step < outcome->relaxed_count && result == STATUS_OK; step++)
			result = text_buffer_append_format(
			    out, "%s%s", step > 0 ? ", " : "",
			    relaxed_answer_description(outcome->relaxed_order[step]));
		if (result == STATUS_OK)
			result = text_buffer_append_string(out, ".\n\n");
	}
	if (result == STATUS_OK && outcome->count == 0)
		result = text_buffer_append_string(out, "Er is nu geen aanbod in de catalogus.\n");
	for (size_t rank = 0; rank < outcome->count && result == STATUS_OK; rank++) {
		const match_result *found = &outcome->results[rank];
		const offer *item = catalogue_offer(items, found->offer_index);
		result = text_buffer_append_format(out, "%3zu. ", rank + 1);
		if (result == STATUS_OK)
			result = append_offer_line(item, found->distance_metres, now, out);
		if (result == STATUS_OK && item->cost_text[0] != '\0')
			result = text_buffer_append_format(out, " — %s", item->cost_text);
		if (result == STATUS_OK && found->matched != 0) {
			result = text_buffer_append_string(out, "\n     past bij: ");
			if (result == STATUS_OK)
				result = append_key_list(out, found->matched, false);
		}
		if (result == STATUS_OK && found->missed != 0) {
			result = text_buffer_append_string(out, "\n     past niet bij: ");
			if (result == STATUS_OK)
				result = append_key_list(out, found->missed, false);
		}
		if (result == STATUS_OK)
			result = text_buffer_append_string(out, "\n");
	}
	return result;
}

static int run_match(cli_session *session, const match_answers *answers, bool json)
{
	const catalogue *items = session->items;
	text_buffer output = {0};
	int exit_code = CLI_EXIT_REFUSED;
	match_engine *engine =
	    match_engine_create(items, session->config.latitude, session->config.longitude,
	                        session->config.nearby_metres);
	status result = engine != NULL ? STATUS_OK : STATUS_NO_MEMORY;
	match_outcome outcome;
	if (result == STATUS_OK)
		result = match_engine_run(engine, answers, session->now, &outcome);
	if (result == STATUS_OK)
		result = json ? append_match_json(items, &outcome, session->now, &output)
		              : append_match_text(items, &outcome, session->now, &output);
	if (result == STATUS_OK) {
		fputs(text_buffer_string(&output), session->out);
		exit_code = CLI_EXIT_OK;
	} else {
		fprintf(session->err, "buurtkiosk: zoeken mislukt: %s\n", status_describe(result));
	}
	text_buffer_free(&output);
	match_engine_destroy(engine);
	return exit_code;
}

static int run_upcoming(cli_session *session)
{
	const catalogue *items = session->items;
	upcoming_meeting soon[12];
	size_t count = upcoming_meetings(items, session->now, 7, soon, 12);
	text_buffer output = {0};
	status result =
	    text_buffer_append_format(&output,
	                              "%s — binnenkort (%zu aanbiedingen in de "
	                              "catalogus)\n\n",
	                              session->config.centre_name, catalogue_count(items));
	for (size_t index = 0; index < count && result == STATUS_OK; index++) {
		const offer *item = catalogue_offer(items, soon[index].offer_index);
		int32_t distance = -1;
		if (item->has_location)
			distance = (int32_t)distance_metres(session->config.latitude,
			                                    session->config.longitude,
			                                    item->latitude, item->longitude);
		result = text_buffer_append_string(&output, "  ");
		if (result == STATUS_OK)
			result = append_offer_line(item, distance, session->now, &output);
		if (result == STATUS_OK)
			result = text_buffer_append_string(&output, "\n");
	}
	if (result == STATUS_OK)
		result = text_buffer_append_string(
		    &output, "\nZoek aanbod dat bij u past, bijvoorbeeld:\n"
		             "  buurtkiosk --match 'themas=bewegen;kosten=gratis;dichtbij=ja'\n");
	if (result == STATUS_OK)
		fputs(text_buffer_string(&output), session->out);
	text_buffer_free(&output);
	return result == STATUS_OK ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
}

/* No command: the touch kiosk itself. */
static int run_kiosk(cli_session *session, const cli_options *options)
{
	char sample_path[PATH_MAX];
	config_data_path(&session->config, SAMPLE_CATALOGUE_NAME, sample_path, sizeof sample_path);
	ui_loop_options run = {0};
	run.config = &session->config;
	run.fallback_catalogue = sample_path;
	run.windowed = options->windowed;
	run.width = options->width;
	run.height = options->height;
	run.replay_path = options->replay_path;
	run.screenshot_dir = options->screenshot_dir;
	run.usb_roots = options->usb_roots;
	run.usb_root_count = options->usb_root_count;
	run.start_utc = options->now != NULL ? schedule_utc_from_local(session->now) : time(NULL);
	run.err = session->err;
	return ui_loop_run(&run);
}

/* --speak-test LANG --wav FILE: the first question read aloud in LANG,
 * as a WAV file, so a volunteer can test the speakers (and tests can listen). */
static int run_speak_test(cli_session *session, const cli_options *options)
{
	const char *language = options->command_argument;
	if (!speech_language_supported(language) || !language[0])
		return usage_error(session->err, "--speak-test kent nl, en, tr en ar", language);
	char path[PATH_MAX];
	question_set *questions = NULL;
	text_buffer problems = {0};
	status result = config_data_path(&session->config, "questions.ini", path, sizeof path)
	                    ? questions_load(path, &questions, &problems)
	                    : STATUS_TOO_LARGE;
	text_buffer_free(&problems);
	translation *messages = NULL;
	char locale[PATH_MAX];
	if (result == STATUS_OK && strcmp(language, "nl") != 0) {
		char file[PATH_MAX + 16];
		result = assets_locale_directory(&session->config, locale, sizeof locale);
		if (result == STATUS_OK)
			result = text_format(file, sizeof file, "%s/%s.mo", locale, language)
			             ? translate_load_file(file, &messages)
			             : STATUS_TOO_LARGE;
	}
	double seconds = 0.0;
	if (result == STATUS_OK)
		result = speech_write_question_wav(questions, messages, language, options->wav_path,
		                                   &seconds);
	if (result == STATUS_OK)
		fprintf(session->out, "%.1f seconden voorgelezen in %s\n", seconds,
		        options->wav_path);
	else
		fprintf(session->err, "buurtkiosk: voorlezen in '%s' lukt niet: %s\n", language,
		        status_describe(result));
	translate_free(messages);
	questions_free(questions);
	speech_shutdown();
	return result == STATUS_OK ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
}

int cli_run(int argc, char **argv, FILE *out, FILE *err)
{
	cli_options options;
	int exit_code = parse_options(argc, argv, &options, err);
	if (exit_code != CLI_EXIT_OK)
		return exit_code;
	switch (options.command) {
	case COMMAND_HELP: print_usage(out); return CLI_EXIT_OK;
	case COMMAND_VERSION: fprintf(out, "buurtkiosk %s\n", KIOSK_VERSION); return CLI_EXIT_OK;
	case COMMAND_SET_PIN: return run_set_pin(&options, out, err);
	case COMMAND_TEMPLATE: {
		status written = import_write_template(options.command_argument);
		if (written != STATUS_OK) {
			fprintf(err, "buurtkiosk: sjabloon niet geschreven naar '%s': %s\n",
			        options.command_argument, status_describe(written));
			return CLI_EXIT_REFUSED;
		}
		fprintf(out, "Sjabloon geschreven naar %s\n", options.command_argument);
		return CLI_EXIT_OK;
	}
	default: break;
	}

	/* Answers are checked before anything is opened, so a typo changes
	 * nothing, not even a fresh database. */
	match_answers answers = {0};
	if (options.command == COMMAND_MATCH) {
		char error[200];
		if (match_parse_answers(options.command_argument, &answers, error, sizeof error) !=
		    STATUS_OK)
			return usage_error(err, "--match", error);
	}

	cli_session *session = calloc(1, sizeof *session);
	if (session == NULL) {
		fputs("buurtkiosk: out of memory\n", err);
		return CLI_EXIT_REFUSED;
	}
	session->out = out;
	session->err = err;
	exit_code = load_settings(&options, session);
	if (exit_code == CLI_EXIT_OK)
		exit_code = apply_printer_option(&options, &session->config, err);
	if (exit_code == CLI_EXIT_OK && options.command == COMMAND_KIOSK) {
		exit_code = run_kiosk(session, &options);
		free(session);
		return exit_code;
	}
	if (exit_code == CLI_EXIT_OK && options.command == COMMAND_SPEAK_TEST) {
		exit_code = run_speak_test(session, &options);
		free(session);
		return exit_code;
	}
	if (exit_code == CLI_EXIT_OK)
		exit_code = open_store(session, options.command);
	if (exit_code == CLI_EXIT_OK) {
		switch (options.command) {
		case COMMAND_IMPORT:
			exit_code =
			    run_import(session, options.command_argument, true, options.json);
			break;
		case COMMAND_CHECK:
			exit_code =
			    run_import(session, options.command_argument, false, options.json);
			break;
		case COMMAND_MATCH: exit_code = run_match(session, &answers, options.json); break;
		case COMMAND_PRINT_SLIP:
			exit_code = run_print_slip(session, options.command_argument);
			break;
		case COMMAND_PRINT_TEST: exit_code = run_print_test(session); break;
		default: exit_code = run_upcoming(session); break;
		}
	}
	catalogue_destroy(session->items);
	store_close(session->database);
	free(session);
	return exit_code;
}
