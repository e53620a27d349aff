/* volunteer_service.c — the volunteer's slow work on one worker thread: the
 * stick watcher, the PIN check, reading, checking and applying a stick's
 * catalogue, and writing back to the stick. Only events cross to the UI. */
#define _POSIX_C_SOURCE 200809L
#include "volunteer_service.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "import.h"
#include "minisign.h"
#include "store.h"
#include "text.h"
#include "usb_stick.h"
#include "volunteer_pin.h"

enum {
	MAX_JOBS = 8,
	MAX_EVENTS = 32,
	/* The preview lists at most this many problems; the report on the
	 * stick has the importer's full list. */
	MAX_PREVIEW_PROBLEMS = 200,
	PIN_BYTES = 16,
	/* Reading the file is the first half of the progress bar when
	 * previewing; storing the catalogue the larger part when applying. */
	READ_SHARE_PERCENT = 80
};

typedef enum job_kind {
	JOB_CHECK_PIN,
	JOB_READ_STICK,
	JOB_APPLY,
	JOB_DISCARD,
	JOB_MENU_INFO,
	JOB_EXPORT_COUNTS,
	JOB_SAVE_LANGUAGE /* language "" forgets the stored choice */
} job_kind;

typedef struct job {
	job_kind kind;
	local_time now;
	char pin[PIN_BYTES];
	char language[CONFIG_LANGUAGE_BYTES];   /* JOB_SAVE_LANGUAGE */
	char configured[CONFIG_LANGUAGE_BYTES]; /* ... and the settings file's */
} job;

struct volunteer_service {
	volunteer_service_setup setup;
	usb_stick_watch *watch;
	pthread_t thread;
	bool thread_started;
	int wake_pipe[2]; /* the UI side writes a byte to wake the worker */

	/* Shared with the UI thread, under `lock`. */
	pthread_mutex_t lock;
	pthread_cond_t settled;
	job jobs[MAX_JOBS];
	size_t job_first, job_count;
	volunteer_event events[MAX_EVENTS];
	size_t event_first, event_count;
	bool stopping;
	bool busy;
	unsigned rescans_asked, rescans_done;
	match_engine *engine; /* a new catalogue's index for the UI to take */

	/* The worker's own. */
	int64_t clock_offset_ms; /* added to the monotonic clock to force a rescan */
	/* Every stick with something for the kiosk, in the order they came;
	 * the first is "the stick" the volunteer works with. */
	char (*sticks)[USB_STICK_PATH_BYTES];
	size_t stick_count;
	bool stick_present;
	char stick_path[USB_STICK_PATH_BYTES];
	catalogue *prepared;
	import_report prepared_report;
	bool has_prepared;
};

static int64_t monotonic_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static char *copy_string(const char *text)
{
	size_t length = strlen(text ? text : "");
	char *copy = malloc(length + 1);
	if (copy) {
		memcpy(copy, text ? text : "", length + 1);
	}
	return copy;
}

void volunteer_event_release(volunteer_event *event)
{
	if (!event) {
		return;
	}
	for (size_t index = 0; index < event->problem_count; index++) {
		free(event->problems[index]);
	}
	free(event->problems);
	free(event->title);
	free(event->detail);
	free(event->message);
	memset(event, 0, sizeof(*event));
}

/* Queues `event` (its strings move to the queue) and wakes the UI. A
 * progress report replaces one still waiting, so a slow UI never sees a
 * backlog; when the queue is full the event is dropped (the UI is not
 * taking them: it is stopping). */
static void post_event(volunteer_service *service, volunteer_event *event)
{
	pthread_mutex_lock(&service->lock);
	bool queued = false;
	if (event->kind == VOLUNTEER_EVENT_PROGRESS && service->event_count > 0) {
		size_t last = (service->event_first + service->event_count - 1) % MAX_EVENTS;
		if (service->events[last].kind == VOLUNTEER_EVENT_PROGRESS) {
			service->events[last].percent = event->percent;
			queued = true;
		}
	}
	if (!queued && service->event_count < MAX_EVENTS) {
		size_t slot = (service->event_first + service->event_count) % MAX_EVENTS;
		service->events[slot] = *event;
		service->event_count++;
		memset(event, 0, sizeof(*event));
		queued = true;
	}
	pthread_mutex_unlock(&service->lock);
	volunteer_event_release(event);
	if (service->setup.wake) {
		service->setup.wake(service->setup.wake_context);
	}
}

static void post_progress(volunteer_service *service, int percent)
{
	volunteer_event event = {.kind = VOLUNTEER_EVENT_PROGRESS, .percent = percent};
	post_event(service, &event);
}

/* FINISHED with a title and a detail (plain Dutch). */
static void post_finished(volunteer_service *service, const char *title, const char *detail,
                          bool changed)
{
	volunteer_event event = {.kind = VOLUNTEER_EVENT_FINISHED, .changed_catalogue = changed};
	event.title = copy_string(title);
	event.detail = copy_string(detail);
	post_event(service, &event);
}

static void post_menu_message(volunteer_service *service, const char *message)
{
	volunteer_event event = {.kind = VOLUNTEER_EVENT_MENU_MESSAGE};
	event.message = copy_string(message);
	post_event(service, &event);
}

/* ---- the stick ---- */

static void post_stick(volunteer_service *service, bool present)
{
	volunteer_event event = {.kind = VOLUNTEER_EVENT_STICK, .stick_present = present};
	post_event(service, &event);
}

static bool is_known_stick(const volunteer_service *service, const char *path, size_t *at)
{
	for (size_t index = 0; index < service->stick_count; index++) {
		if (strcmp(service->sticks[index], path) == 0) {
			*at = index;
			return true;
		}
	}
	return false;
}

/* Makes the first known stick "the stick", and tells the UI when that
 * changes: a second stick takes over when the first is pulled. */
static void choose_stick(volunteer_service *service)
{
	bool present = service->stick_count > 0;
	if (present && service->stick_present &&
	    strcmp(service->stick_path, service->sticks[0]) == 0) {
		return;
	}
	if (!present && !service->stick_present) {
		return;
	}
	if (service->stick_present) {
		/* The stick the volunteer had is gone: say so first, so the UI
		 * closes what it had open for it. */
		service->stick_present = false;
		service->stick_path[0] = '\0';
		fputs("buurtkiosk: stick weg\n", stderr);
		post_stick(service, false);
	}
	if (present) {
		service->stick_present = true;
		(void)text_copy(service->stick_path, sizeof(service->stick_path),
		                service->sticks[0]);
		fputs("buurtkiosk: stick gevonden\n", stderr);
		post_stick(service, true);
	}
}

/* Follows the watcher's list of sticks with something for the kiosk. */
static void follow_sticks(volunteer_service *service)
{
	for (;;) {
		usb_stick_found found;
		memset(&found, 0, sizeof(found));
		if (usb_stick_watch_poll(service->watch, monotonic_ms() + service->clock_offset_ms,
		                         &found) != STATUS_OK ||
		    found.event == USB_STICK_EVENT_NONE) {
			break;
		}
		size_t at = 0;
		bool known = is_known_stick(service, found.path, &at);
		bool usable = found.event == USB_STICK_EVENT_APPEARED &&
		              found.content != USB_STICK_CONTENT_NOTHING;
		if (usable && !known && service->stick_count < USB_STICK_MAX_STICKS) {
			fprintf(stderr, "buurtkiosk: stick in (%s)\n",
			        usb_stick_content_name(found.content));
			(void)text_copy(service->sticks[service->stick_count], USB_STICK_PATH_BYTES,
			                found.path);
			service->stick_count++;
		} else if (!usable && known) {
			memmove(service->sticks + at, service->sticks + at + 1,
			        (service->stick_count - at - 1) * sizeof(service->sticks[0]));
			service->stick_count--;
		}
	}
	choose_stick(service);
}

/* Opens the current stick, or posts `title` with the reason and returns
 * NULL. */
static usb_stick *open_stick(volunteer_service *service, const char *title)
{
	usb_stick *stick = NULL;
	if (!service->stick_present || usb_stick_open(service->stick_path, &stick) != STATUS_OK) {
		post_finished(service, title,
		              "Er is geen stick meer gevonden. Steek de stick opnieuw in.", false);
		return NULL;
	}
	return stick;
}

typedef struct read_progress {
	volunteer_service *service;
	int last_percent;
} read_progress;

static bool report_read_progress(void *context, uint64_t bytes_read, uint64_t total_bytes)
{
	read_progress *progress = context;
	int percent = total_bytes > 0
	                  ? (int)(bytes_read * (uint64_t)READ_SHARE_PERCENT / total_bytes)
	                  : READ_SHARE_PERCENT;
	if (percent != progress->last_percent) {
		progress->last_percent = percent;
		post_progress(progress->service, percent);
	}
	int delay_ms = progress->service->setup.read_delay_ms;
	if (delay_ms > 0) {
		struct timespec pause = {.tv_sec = delay_ms / 1000,
		                         .tv_nsec = (long)(delay_ms % 1000) * 1000000L};
		nanosleep(&pause, NULL);
	}
	bool stopping;
	pthread_mutex_lock(&progress->service->lock);
	stopping = progress->service->stopping;
	pthread_mutex_unlock(&progress->service->lock);
	return !stopping;
}

static void forget_prepared(volunteer_service *service)
{
	catalogue_destroy(service->prepared);
	service->prepared = NULL;
	import_report_free(&service->prepared_report);
	memset(&service->prepared_report, 0, sizeof(service->prepared_report));
	service->has_prepared = false;
}

/* Checks the copy's signature when the configuration names a key. Returns
 * true when it may be used; otherwise `reason` says why (plain Dutch). */
static bool signature_accepted(const volunteer_service *service, const usb_stick_catalogue *copy,
                               char *reason, size_t reason_size)
{
	const char *key_text = service->setup.config->signing_public_key;
	if (!key_text[0]) {
		return true;
	}
	minisign_public_key key;
	if (minisign_parse_public_key(key_text, strlen(key_text), &key) != STATUS_OK) {
		(void)text_copy(reason, reason_size, minisign_bad_key_text(NULL));
		return false;
	}
	/* A signature file that is there but could not be read safely is
	 * handed over as an unreadable one: it is refused as damaged. */
	static const char unreadable[] = "\n";
	const char *signature = copy->signature;
	size_t signature_length = copy->signature_length;
	if (copy->signature_state == USB_STICK_SIGNATURE_UNUSABLE) {
		signature = unreadable;
		signature_length = sizeof(unreadable) - 1;
	}
	return minisign_verify(&key, copy->bytes, copy->length, signature, signature_length, reason,
	                       reason_size) == STATUS_OK;
}

/* "Rij 12, kolom dag: …" for one problem: "rij", as the report on the stick
 * and the spreadsheet program say. */
static char *describe_problem(const import_problem *problem)
{
	char line[512];
	const char *kind = problem->severity == IMPORT_WARNING ? " (waarschuwing)" : "";
	if (problem->row == 0) {
		(void)text_format(line, sizeof(line), "Bestand%s: %s", kind, problem->message);
	} else if (problem->column[0]) {
		(void)text_format(line, sizeof(line), "Rij %u, kolom %s%s: %s",
		                  (unsigned)problem->row, problem->column, kind, problem->message);
	} else {
		(void)text_format(line, sizeof(line), "Rij %u%s: %s", (unsigned)problem->row, kind,
		                  problem->message);
	}
	return copy_string(line);
}

static void post_preview(volunteer_service *service, const char *message)
{
	const import_report *report = &service->prepared_report;
	volunteer_event event = {.kind = VOLUNTEER_EVENT_PREVIEW};
	event.new_count = report->new_count;
	event.changed_count = report->changed_count;
	event.removed_count = report->removed_count;
	event.unchanged_count = report->unchanged_count;
	event.can_apply = import_report_can_apply(report);
	event.message = copy_string(report->fatal ? report->fatal_message : message);
	size_t listed = report->problem_count < MAX_PREVIEW_PROBLEMS ? report->problem_count
	                                                             : MAX_PREVIEW_PROBLEMS;
	size_t total = (size_t)report->error_count + report->warning_count;
	bool more = total > listed;
	event.problems = calloc(listed + (more ? 1 : 0) + 1, sizeof(char *));
	if (event.problems) {
		for (size_t index = 0; index < listed; index++) {
			event.problems[event.problem_count] =
			    describe_problem(&report->problems[index]);
			if (event.problems[event.problem_count]) {
				event.problem_count++;
			}
		}
		if (more) {
			char line[160];
			(void)text_format(line, sizeof(line),
			                  "En nog %zu meldingen: zie het verslag op de stick.",
			                  total - listed);
			event.problems[event.problem_count] = copy_string(line);
			if (event.problems[event.problem_count]) {
				event.problem_count++;
			}
		}
	}
	post_event(service, &event);
}

/* Writes the template to a stick that has only a buurtkiosk/ folder. */
static void give_template(volunteer_service *service, usb_stick *stick)
{
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	if (usb_stick_write_template(stick, &problem) == STATUS_OK) {
		post_finished(
		    service, "Er staat geen catalogus op de stick.",
		    "Op de stick staat nu een voorbeeld: buurtkiosk/catalogus-sjabloon.csv. "
		    "Vul het in met een rekenblad, bewaar het als buurtkiosk/catalogus.csv "
		    "en steek de stick opnieuw in.",
		    false);
		return;
	}
	char detail[512];
	(void)text_format(detail, sizeof(detail),
	                  "Er kon ook geen voorbeeld op de stick worden gezet. %s",
	                  usb_stick_problem_message(problem, NULL));
	post_finished(service, "Er staat geen catalogus op de stick.", detail, false);
}

static void read_stick(volunteer_service *service)
{
	forget_prepared(service);
	usb_stick *stick = open_stick(service, "Er is niets veranderd.");
	if (!stick) {
		return;
	}
	switch (usb_stick_content_of(stick)) {
	case USB_STICK_CONTENT_NOTHING:
		post_finished(service, "Er staat geen catalogus op de stick.",
		              "Zet de catalogus in de map buurtkiosk als catalogus.csv.", false);
		usb_stick_close(stick);
		return;
	case USB_STICK_CONTENT_REFUSED:
		post_finished(service, "Deze stick is niet gebruikt.",
		              usb_stick_problem_message(usb_stick_refusal(stick), NULL), false);
		usb_stick_close(stick);
		return;
	case USB_STICK_CONTENT_FOLDER_ONLY:
		give_template(service, stick);
		usb_stick_close(stick);
		return;
	case USB_STICK_CONTENT_CATALOGUE: break;
	}
	post_progress(service, 0);
	usb_stick_catalogue copy;
	memset(&copy, 0, sizeof(copy));
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	read_progress progress = {.service = service, .last_percent = 0};
	status read =
	    usb_stick_read_catalogue(stick, report_read_progress, &progress, &copy, &problem);
	if (read != STATUS_OK) {
		fprintf(stderr, "buurtkiosk: catalogus op de stick niet gelezen: %s (%s)\n",
		        usb_stick_problem_name(problem), status_describe(read));
		const char *reason = usb_stick_problem_message(problem, NULL);
		post_finished(service, "Er is niets veranderd.",
		              reason[0] ? reason : "De catalogus op de stick is niet te lezen.",
		              false);
		usb_stick_close(stick);
		return;
	}
	usb_stick_close(stick); /* the copy is in memory: the stick may go */
	char reason[256] = "";
	if (!signature_accepted(service, &copy, reason, sizeof(reason))) {
		fputs("buurtkiosk: catalogus op de stick geweigerd: handtekening\n", stderr);
		char detail[512];
		(void)text_format(detail, sizeof(detail),
		                  "%s De catalogus is niet gebruikt; vraag de coördinator om een "
		                  "ondertekende catalogus.",
		                  reason);
		post_finished(service, "Er is niets veranderd.", detail, false);
		usb_stick_catalogue_free(&copy);
		return;
	}
	bool signed_copy = service->setup.config->signing_public_key[0] != '\0';
	status result = import_read_memory(copy.bytes, copy.length, &service->prepared,
	                                   &service->prepared_report);
	usb_stick_catalogue_free(&copy);
	store *database = NULL;
	offer_digest *current = NULL;
	size_t current_count = 0;
	if (result == STATUS_OK && service->prepared) {
		result = store_open_read_only(service->setup.config->database, &database);
		if (result == STATUS_OK) {
			result = store_load_digests(database, &current, &current_count);
		}
		if (result == STATUS_OK) {
			result = import_compute_diff(&service->prepared_report, current,
			                             current_count, service->prepared);
		}
	}
	store_free_digests(current);
	store_close(database);
	if (result != STATUS_OK) {
		forget_prepared(service);
		post_finished(service, "Er is niets veranderd.",
		              "De catalogus kon niet worden vergeleken met de huidige. Probeer het "
		              "opnieuw.",
		              false);
		return;
	}
	service->has_prepared = true;
	post_progress(service, 100);
	post_preview(service, signed_copy ? "De handtekening van de coördinator klopt." : "");
}

/* The usage counts as the spreadsheet gebruik.csv, into *out (caller frees). */
static status usage_csv(const volunteer_service *service, char **out)
{
	*out = NULL;
	store *database = NULL;
	status result = store_open_read_only(service->setup.config->database, &database);
	if (result != STATUS_OK) {
		return result;
	}
	char *bytes = NULL;
	size_t length = 0;
	FILE *stream = open_memstream(&bytes, &length);
	if (!stream) {
		store_close(database);
		return STATUS_NO_MEMORY;
	}
	result = store_write_usage_csv(database, stream);
	if (fclose(stream) != 0 && result == STATUS_OK) {
		result = STATUS_NO_MEMORY;
	}
	store_close(database);
	if (result != STATUS_OK) {
		free(bytes);
		return result;
	}
	*out = bytes;
	return STATUS_OK;
}

/* Writes the report and the counts to the stick; `written` says what came
 * of it, in plain Dutch. */
static void write_back(volunteer_service *service, local_time now, bool applied, char *written,
                       size_t written_size)
{
	usb_stick *stick = NULL;
	if (!service->stick_present || usb_stick_open(service->stick_path, &stick) != STATUS_OK) {
		(void)text_copy(written, written_size,
		                "De stick was al weg: het verslag staat er niet op.");
		return;
	}
	text_buffer report = {0};
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	status result = import_report_text(&service->prepared_report, applied, &report);
	if (result == STATUS_OK) {
		result = usb_stick_write_report(stick, now, text_buffer_string(&report), &problem);
	}
	text_buffer_free(&report);
	usb_stick_problem counts_problem = USB_STICK_PROBLEM_NONE;
	status counts_result = STATUS_OK;
	if (result == STATUS_OK) {
		char *counts = NULL;
		counts_result = usage_csv(service, &counts);
		if (counts_result == STATUS_OK) {
			counts_result = usb_stick_write_usage(stick, counts, &counts_problem);
		}
		free(counts);
	}
	if (result == STATUS_OK && counts_result == STATUS_OK) {
		(void)text_copy(
		    written, written_size,
		    "Het verslag en de tellingen staan op de stick, in de map buurtkiosk.");
	} else if (result == STATUS_OK) {
		(void)text_format(
		    written, written_size,
		    "Het verslag staat op de stick, maar de tellingen (gebruik.csv) niet. "
		    "%s",
		    usb_stick_problem_message(counts_problem, NULL));
	} else if (problem == USB_STICK_PROBLEM_READ_ONLY) {
		(void)text_copy(written, written_size,
		                "De stick is alleen-lezen: er is geen verslag op gezet.");
	} else {
		(void)text_format(written, written_size, "Het verslag staat niet op de stick. %s",
		                  usb_stick_problem_message(problem, NULL));
	}
	fprintf(stderr, "buurtkiosk: verslag naar de stick: %s; tellingen: %s\n",
	        result == STATUS_OK ? "geschreven" : usb_stick_problem_name(problem),
	        counts_result == STATUS_OK ? "geschreven" : usb_stick_problem_name(counts_problem));
	usb_stick_close(stick);
}

/* Builds the new catalogue's matching index and saves its image, so the
 * UI can switch at once and the next start is quick. */
static void build_engine(volunteer_service *service, store *database)
{
	const kiosk_config *config = service->setup.config;
	match_engine *engine = match_engine_create(service->prepared, config->latitude,
	                                           config->longitude, config->nearby_metres);
	if (!engine) {
		return;
	}
	int64_t generation = 0;
	text_buffer image = {0};
	if (store_catalogue_generation(database, &generation) == STATUS_OK &&
	    match_engine_save(engine, &image) == STATUS_OK &&
	    store_save_match_index(database, generation, image.data, image.length) != STATUS_OK) {
		fputs("buurtkiosk: index van de nieuwe catalogus niet bewaard\n", stderr);
	}
	text_buffer_free(&image);
	pthread_mutex_lock(&service->lock);
	match_engine_destroy(service->engine);
	service->engine = engine;
	pthread_mutex_unlock(&service->lock);
}

static void apply_prepared(volunteer_service *service, local_time now)
{
	if (!service->has_prepared || !import_report_can_apply(&service->prepared_report)) {
		post_finished(service, "Er is niets veranderd.",
		              "Er was geen catalogus om bij te werken.", false);
		return;
	}
	post_progress(service, 0);
	store *database = NULL;
	status result = store_open(service->setup.config->database, &database);
	if (result == STATUS_OK) {
		post_progress(service, 10);
		result =
		    store_replace_catalogue(database, service->prepared, &service->prepared_report,
		                            STORE_SOURCE_USB, now.day);
	}
	if (result != STATUS_OK) {
		fprintf(stderr, "buurtkiosk: catalogus van de stick niet opgeslagen: %s: %s\n",
		        status_describe(result), database ? store_last_error(database) : "");
		store_close(database);
		post_finished(
		    service, "Er is niets veranderd.",
		    "De catalogus kon niet worden opgeslagen. De vorige catalogus blijft in "
		    "gebruik.",
		    false);
		return;
	}
	post_progress(service, READ_SHARE_PERCENT);
	build_engine(service, database);
	store_close(database);
	post_progress(service, 90);
	char written[512];
	write_back(service, now, true, written, sizeof(written));
	const import_report *report = &service->prepared_report;
	char detail[1024];
	(void)text_format(
	    detail, sizeof(detail), "%u nieuw, %u veranderd, %u verwijderd, %u hetzelfde. %s",
	    (unsigned)report->new_count, (unsigned)report->changed_count,
	    (unsigned)report->removed_count, (unsigned)report->unchanged_count, written);
	fprintf(stderr, "buurtkiosk: catalogus van de stick toegepast: %u aanbiedingen\n",
	        (unsigned)report->imported);
	forget_prepared(service);
	post_progress(service, 100);
	post_finished(service, "De catalogus is bijgewerkt.", detail, true);
}

static void discard_prepared(volunteer_service *service, local_time now)
{
	if (service->has_prepared && !import_report_can_apply(&service->prepared_report)) {
		store *database = NULL;
		if (store_open(service->setup.config->database, &database) == STATUS_OK &&
		    store_record_refused_import(database, &service->prepared_report,
		                                STORE_SOURCE_USB, now.day) != STATUS_OK) {
			fputs("buurtkiosk: geweigerde update niet in de geschiedenis gezet\n",
			      stderr);
		}
		store_close(database);
		char written[512];
		write_back(service, now, false, written, sizeof(written));
	}
	forget_prepared(service);
}

/* Whether the catalogue in use is a recovery's (the newest applied import
 * is one): a refused import since leaves it in use, an applied one ends it. */
static volunteer_restore restore_in_use(const store_import_record *applied, bool found)
{
	store_source source = STORE_SOURCE_FILE;
	if (!found || store_source_from_name(applied->source, &source) != STATUS_OK) {
		return VOLUNTEER_RESTORE_NONE;
	}
	switch (source) {
	case STORE_SOURCE_BACKUP: return VOLUNTEER_RESTORE_BACKUP;
	case STORE_SOURCE_SAMPLE_AFTER_DAMAGE: return VOLUNTEER_RESTORE_SAMPLE;
	case STORE_SOURCE_NOTHING_AFTER_DAMAGE: return VOLUNTEER_RESTORE_NOTHING;
	case STORE_SOURCE_FILE:
	case STORE_SOURCE_USB:
	case STORE_SOURCE_SAMPLE: break;
	}
	return VOLUNTEER_RESTORE_NONE;
}

static void menu_info(volunteer_service *service)
{
	store *database = NULL;
	size_t offers = 0;
	store_import_record last;
	store_import_record applied;
	size_t history = 0;
	bool found = false;
	memset(&last, 0, sizeof(last));
	memset(&applied, 0, sizeof(applied));
	status result = store_open_read_only(service->setup.config->database, &database);
	if (result == STATUS_OK) {
		result = store_count_offers(database, &offers);
	}
	if (result == STATUS_OK) {
		result = store_history(database, &last, 1, &history);
	}
	if (result == STATUS_OK) {
		result = store_last_applied_import(database, &applied, &found);
	}
	store_close(database);
	volunteer_event event = {.kind = VOLUNTEER_EVENT_MENU_INFO};
	event.restored =
	    result == STATUS_OK ? restore_in_use(&applied, found) : VOLUNTEER_RESTORE_NONE;
	char title[160];
	char detail[320];
	if (result != STATUS_OK) {
		(void)text_copy(title, sizeof(title), "De catalogus is niet te lezen.");
		detail[0] = '\0';
	} else {
		(void)text_format(title, sizeof(title), "%zu aanbiedingen in de catalogus.",
		                  offers);
		if (history == 0) {
			(void)text_copy(detail, sizeof(detail), "Nog geen update.");
		} else {
			int year = 0, month = 0, day = 0;
			catalogue_civil_from_days(last.imported_on, &year, &month, &day);
			(void)text_format(detail, sizeof(detail),
			                  "Laatste update op %02d-%02d-%04d (%s): %s; %u nieuw, %u "
			                  "veranderd, %u verwijderd, %u fouten.",
			                  day, month, year, last.source,
			                  last.applied ? "bijgewerkt" : "niet bijgewerkt",
			                  (unsigned)last.new_count, (unsigned)last.changed_count,
			                  (unsigned)last.removed_count, (unsigned)last.error_count);
		}
	}
	event.title = copy_string(title);
	event.detail = copy_string(detail);
	post_event(service, &event);
}

static void export_counts(volunteer_service *service)
{
	usb_stick *stick = NULL;
	if (!service->stick_present || usb_stick_open(service->stick_path, &stick) != STATUS_OK) {
		post_menu_message(service,
		                  "Er is geen stick gevonden. Steek een stick in met een map "
		                  "buurtkiosk en probeer het opnieuw.");
		return;
	}
	char *counts = NULL;
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	status result = usage_csv(service, &counts);
	if (result == STATUS_OK) {
		result = usb_stick_write_usage(stick, counts, &problem);
	}
	free(counts);
	usb_stick_close(stick);
	if (result == STATUS_OK) {
		post_menu_message(service,
		                  "De tellingen staan op de stick: buurtkiosk/gebruik.csv.");
	} else {
		const char *reason = usb_stick_problem_message(problem, NULL);
		post_menu_message(service, reason[0] ? reason : "De tellingen zijn niet te lezen.");
	}
}

/* Stores (or, with an empty code, removes) the menu's default language and
 * the settings file's value it was chosen over, together. */
static void save_language(volunteer_service *service, const job *work, bool answer)
{
	bool forget = work->language[0] == '\0';
	const store_setting settings[] = {
	    {VOLUNTEER_SERVICE_SETTING_LANGUAGE, forget ? NULL : work->language},
	    {VOLUNTEER_SERVICE_SETTING_LANGUAGE_CONFIGURED, forget ? NULL : work->configured},
	};
	store *database = NULL;
	status result = store_open(service->setup.config->database, &database);
	if (result == STATUS_OK) {
		result = store_write_settings(database, settings, 2);
	}
	if (result == STATUS_OK) {
		fprintf(stderr, "buurtkiosk: standaardtaal %s%s\n", forget ? "" : work->language,
		        forget ? "uit de database gehaald: het instellingenbestand is veranderd"
		               : " bewaard");
	} else {
		fprintf(stderr, "buurtkiosk: standaardtaal niet %s: %s%s%s\n",
		        forget ? "uit de database gehaald" : "bewaard", status_describe(result),
		        database ? ": " : "", database ? store_last_error(database) : "");
	}
	store_close(database);
	if (result != STATUS_OK && !forget && answer) {
		post_menu_message(service, "De standaardtaal is niet bewaard. Na een herstart "
		                           "geldt weer de taal van eerst.");
	}
}

static void run_job(volunteer_service *service, job *work)
{
	switch (work->kind) {
	case JOB_CHECK_PIN: {
		volunteer_event event = {.kind = VOLUNTEER_EVENT_PIN_CHECKED};
		event.pin_result = volunteer_pin_verify(service->setup.config->pin_hash, work->pin);
		text_wipe(work->pin, sizeof(work->pin));
		post_event(service, &event);
		break;
	}
	case JOB_READ_STICK: read_stick(service); break;
	case JOB_APPLY: apply_prepared(service, work->now); break;
	case JOB_DISCARD: discard_prepared(service, work->now); break;
	case JOB_MENU_INFO: menu_info(service); break;
	case JOB_EXPORT_COUNTS: export_counts(service); break;
	case JOB_SAVE_LANGUAGE: save_language(service, work, true); break;
	}
}

/* ---- the worker ---- */

static void drain_wake_pipe(volunteer_service *service)
{
	char bytes[64];
	while (read(service->wake_pipe[0], bytes, sizeof(bytes)) > 0) {
	}
}

static void wake_worker(volunteer_service *service)
{
	char byte = 1;
	/* A full pipe already wakes the worker: nothing more is needed. */
	if (write(service->wake_pipe[1], &byte, 1) < 0 && errno != EAGAIN) {
		fputs("buurtkiosk: stickwachter niet te wekken\n", stderr);
	}
}

/* Takes the language job still waiting, if any (there is at most one:
 * add_language_job()), dropping the rest of the queue. Under the lock. */
static bool take_waiting_language_job(volunteer_service *service, job *out)
{
	bool found = false;
	for (size_t index = 0; index < service->job_count; index++) {
		job *waiting = &service->jobs[(service->job_first + index) % MAX_JOBS];
		if (waiting->kind == JOB_SAVE_LANGUAGE && !found) {
			*out = *waiting;
			found = true;
		}
		text_wipe(waiting, sizeof(*waiting));
	}
	service->job_count = 0;
	return found;
}

static void *worker(void *context)
{
	volunteer_service *service = context;
	for (;;) {
		pthread_mutex_lock(&service->lock);
		if (service->stopping) {
			/* The rest of the queue is dropped, but not a volunteer's last
			 * choice of language: "Kiosk opnieuw starten" right after it
			 * must not undo it. One short write; nobody is told. */
			job last;
			memset(&last, 0, sizeof(last));
			bool save = take_waiting_language_job(service, &last);
			pthread_mutex_unlock(&service->lock);
			if (save) {
				save_language(service, &last, false);
			}
			break;
		}
		if (service->job_count > 0) {
			job work = service->jobs[service->job_first];
			text_wipe(&service->jobs[service->job_first], sizeof(job));
			service->job_first = (service->job_first + 1) % MAX_JOBS;
			service->job_count--;
			service->busy = true;
			pthread_mutex_unlock(&service->lock);
			run_job(service, &work);
			text_wipe(&work, sizeof(work));
			pthread_mutex_lock(&service->lock);
			service->busy = false;
			pthread_cond_broadcast(&service->settled);
			pthread_mutex_unlock(&service->lock);
			continue;
		}
		unsigned asked = service->rescans_asked;
		bool forced = asked != service->rescans_done;
		pthread_mutex_unlock(&service->lock);

		if (forced) {
			/* Moves the watcher's clock to its next rescan: it looks now. */
			int64_t due = usb_stick_watch_next_rescan_ms(service->watch);
			int64_t now = monotonic_ms() + service->clock_offset_ms;
			if (due > now) {
				service->clock_offset_ms += due - now;
			}
		}
		follow_sticks(service);
		pthread_mutex_lock(&service->lock);
		bool more_work = service->job_count > 0 || service->stopping;
		if (forced) {
			service->rescans_done = asked;
			pthread_cond_broadcast(&service->settled);
		}
		pthread_mutex_unlock(&service->lock);
		if (more_work) {
			continue;
		}
		int64_t now = monotonic_ms() + service->clock_offset_ms;
		int64_t due = usb_stick_watch_next_rescan_ms(service->watch);
		int timeout = due > now ? (int)(due - now) : 0;
		if (timeout > USB_STICK_RESCAN_MS) {
			timeout = USB_STICK_RESCAN_MS;
		}
		struct pollfd watched[2] = {
		    {.fd = usb_stick_watch_fd(service->watch), .events = POLLIN},
		    {.fd = service->wake_pipe[0], .events = POLLIN},
		};
		if (poll(watched, 2, timeout) > 0 && (watched[1].revents & POLLIN)) {
			drain_wake_pipe(service);
		}
	}
	return NULL;
}

status volunteer_service_start(const volunteer_service_setup *setup, volunteer_service **out)
{
	*out = NULL;
	if (!setup || !setup->config || !setup->roots || setup->root_count == 0) {
		return STATUS_USAGE;
	}
	volunteer_service *service = calloc(1, sizeof(*service));
	if (!service) {
		return STATUS_NO_MEMORY;
	}
	service->setup = *setup;
	service->wake_pipe[0] = service->wake_pipe[1] = -1;
	service->sticks = calloc(USB_STICK_MAX_STICKS, sizeof(service->sticks[0]));
	if (!service->sticks) {
		free(service);
		return STATUS_NO_MEMORY;
	}
	status result = usb_stick_watch_open(setup->roots, setup->root_count, &service->watch);
	if (result == STATUS_OK && pipe(service->wake_pipe) != 0) {
		result = STATUS_IO;
	}
	if (result == STATUS_OK) {
		for (int end = 0; end < 2; end++) {
			int flags = fcntl(service->wake_pipe[end], F_GETFL);
			(void)fcntl(service->wake_pipe[end], F_SETFL, flags | O_NONBLOCK);
			(void)fcntl(service->wake_pipe[end], F_SETFD, FD_CLOEXEC);
		}
		pthread_mutex_init(&service->lock, NULL);
		pthread_cond_init(&service->settled, NULL);
		if (pthread_create(&service->thread, NULL, worker, service) != 0) {
			pthread_cond_destroy(&service->settled);
			pthread_mutex_destroy(&service->lock);
			result = STATUS_IO;
		} else {
			service->thread_started = true;
		}
	}
	if (result != STATUS_OK) {
		usb_stick_watch_close(service->watch);
		for (int end = 0; end < 2; end++) {
			if (service->wake_pipe[end] >= 0) {
				close(service->wake_pipe[end]);
			}
		}
		free(service->sticks);
		free(service);
		return result;
	}
	*out = service;
	return STATUS_OK;
}

void volunteer_service_stop(volunteer_service *service)
{
	if (!service) {
		return;
	}
	pthread_mutex_lock(&service->lock);
	service->stopping = true;
	pthread_mutex_unlock(&service->lock);
	wake_worker(service);
	pthread_join(service->thread, NULL);
	forget_prepared(service);
	for (size_t index = 0; index < service->event_count; index++) {
		volunteer_event_release(
		    &service->events[(service->event_first + index) % MAX_EVENTS]);
	}
	text_wipe(service->jobs, sizeof(service->jobs));
	match_engine_destroy(service->engine);
	usb_stick_watch_close(service->watch);
	close(service->wake_pipe[0]);
	close(service->wake_pipe[1]);
	pthread_cond_destroy(&service->settled);
	pthread_mutex_destroy(&service->lock);
	free(service->sticks);
	free(service);
}

static void add_job(volunteer_service *service, const job *work)
{
	pthread_mutex_lock(&service->lock);
	bool added = service->job_count < MAX_JOBS;
	if (added) {
		service->jobs[(service->job_first + service->job_count) % MAX_JOBS] = *work;
		service->job_count++;
	}
	pthread_mutex_unlock(&service->lock);
	if (added) {
		wake_worker(service);
	} else {
		fputs("buurtkiosk: te veel vrijwilligersverzoeken tegelijk; verzoek genegeerd\n",
		      stderr);
	}
}

void volunteer_service_check_pin(volunteer_service *service, const char *pin)
{
	job work = {.kind = JOB_CHECK_PIN};
	(void)text_copy(work.pin, sizeof(work.pin), pin ? pin : "");
	add_job(service, &work);
	text_wipe(&work, sizeof(work));
}

void volunteer_service_read_stick(volunteer_service *service, local_time now)
{
	job work = {.kind = JOB_READ_STICK, .now = now};
	add_job(service, &work);
}

void volunteer_service_apply(volunteer_service *service, local_time now)
{
	job work = {.kind = JOB_APPLY, .now = now};
	add_job(service, &work);
}

void volunteer_service_discard(volunteer_service *service, local_time now)
{
	job work = {.kind = JOB_DISCARD, .now = now};
	add_job(service, &work);
}

void volunteer_service_menu_info(volunteer_service *service)
{
	job work = {.kind = JOB_MENU_INFO};
	add_job(service, &work);
}

void volunteer_service_export_counts(volunteer_service *service)
{
	job work = {.kind = JOB_EXPORT_COUNTS};
	add_job(service, &work);
}

/* Queues a language job, or puts it in the place of one still waiting:
 * only the newest choice is worth an fsync. */
static void add_language_job(volunteer_service *service, const job *work)
{
	pthread_mutex_lock(&service->lock);
	bool replaced = false;
	for (size_t index = 0; index < service->job_count && !replaced; index++) {
		job *waiting = &service->jobs[(service->job_first + index) % MAX_JOBS];
		if (waiting->kind == JOB_SAVE_LANGUAGE) {
			*waiting = *work;
			replaced = true;
		}
	}
	pthread_mutex_unlock(&service->lock);
	if (!replaced) {
		add_job(service, work);
	}
}

void volunteer_service_save_default_language(volunteer_service *service, const char *code,
                                             const char *configured_code)
{
	job work = {.kind = JOB_SAVE_LANGUAGE};
	if (!code || !code[0] || !text_copy(work.language, sizeof(work.language), code) ||
	    !text_copy(work.configured, sizeof(work.configured),
	               configured_code ? configured_code : "")) {
		fputs("buurtkiosk: standaardtaal niet bewaard: ongeldige taalcode\n", stderr);
		return;
	}
	add_language_job(service, &work);
}

void volunteer_service_forget_default_language(volunteer_service *service)
{
	job work = {.kind = JOB_SAVE_LANGUAGE};
	add_language_job(service, &work);
}

bool volunteer_service_next_event(volunteer_service *service, volunteer_event *out)
{
	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&service->lock);
	bool found = service->event_count > 0;
	if (found) {
		*out = service->events[service->event_first];
		memset(&service->events[service->event_first], 0, sizeof(volunteer_event));
		service->event_first = (service->event_first + 1) % MAX_EVENTS;
		service->event_count--;
	}
	pthread_mutex_unlock(&service->lock);
	return found;
}

match_engine *volunteer_service_take_engine(volunteer_service *service)
{
	pthread_mutex_lock(&service->lock);
	match_engine *engine = service->engine;
	service->engine = NULL;
	pthread_mutex_unlock(&service->lock);
	return engine;
}

void volunteer_service_settle(volunteer_service *service)
{
	pthread_mutex_lock(&service->lock);
	unsigned target = ++service->rescans_asked;
	pthread_mutex_unlock(&service->lock);
	wake_worker(service);
	pthread_mutex_lock(&service->lock);
	/* Until a rescan asked for after this call has run (the counters may
	 * wrap) and no request is queued or running. */
	while (!service->stopping && ((int)(service->rescans_done - target) < 0 ||
	                              service->job_count > 0 || service->busy)) {
		pthread_cond_wait(&service->settled, &service->lock);
	}
	pthread_mutex_unlock(&service->lock);
}
