/* ui_loop.c — the kiosk's main loop: wires the store, the match engine, the
 * app, the platform and the renderer together, sleeps until there is
 * something to do, and plays replay scripts headless. The first frame comes
 * from the stored matching index; a background thread verifies the database
 * meanwhile. */
#define _POSIX_C_SOURCE 200809L
#include "ui_loop.h"

#include <SDL.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "assets.h"
#include "audio.h"
#include "counters.h"
#include "import.h"
#include "schedule.h"
#include "layout.h"
#include "layout_check.h"
#include "match.h"
#include "platform.h"
#include "print_slip.h"
#include "printer.h"
#include "questions.h"
#include "render.h"
#include "replay.h"
#include "screen.h"
#include "service_manager.h"
#include "speech.h"
#include "store.h"
#include "text.h"
#include "translate.h"
#include "volunteer_service.h"

#define MAX_LANGUAGES  8u
#define USB_ROOT_LIMIT 8u /* USB_STICK_MAX_ROOTS */
/* Even with nothing to do the loop wakes this often to notice a stop
 * request (SIGTERM from systemd); waking costs nothing measurable. */
#define MAX_SLEEP_MS  250
#define PRINT_POLL_MS 100
/* A replayed tap: the finger rests this long, then the script pauses before
 * the next step so two scripted taps never count as a double tap. */
#define REPLAY_TAP_HOLD_MS  60
#define REPLAY_STEP_GAP_MS  500
#define REPLAY_DRAG_STEP_MS 16

static volatile sig_atomic_t stop_requested;

static void request_stop(int signal_number)
{
	(void)signal_number;
	stop_requested = 1;
}

static double seconds_now(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* How the background check of the database ended. */
typedef enum check_state {
	CHECK_RUNNING,
	CHECK_SAME,    /* the offers give exactly the image's engine */
	CHECK_CHANGED, /* they give another engine (the image was stale) */
	CHECK_DAMAGED, /* integrity_check or an offer's hash found damage */
	CHECK_FAILED,  /* it could not be done (the reason is kept) */
	CHECK_STOPPED  /* the kiosk stopped first */
} check_state;

/* The verification the quick start owes: a thread with its own read-only
 * connection runs PRAGMA integrity_check and reads every offer back against its hash,
 * checksumming the image the engine built from them would have, and
 * compares that with the stored image the first frame came from (an image
 * is only ever replaced by this process, or dropped by an import, so what
 * is stored then is what was loaded, or nothing); only when they differ
 * does it build that engine. The main thread sets the inputs before
 * starting it and reads the results only after `state` has left
 * CHECK_RUNNING (release/acquire), so nothing else is shared; the engine
 * the app uses is never touched by the thread. */
typedef struct background_check {
	/* Inputs, fixed while the thread runs. */
	const char *path;
	double latitude, longitude, nearby_metres;
	bool wanted;  /* the start used an image: it must be verified */
	bool started; /* the thread runs or ran and was not joined yet */
	bool pending; /* a result waits to be applied */
	pthread_t thread;
	atomic_bool stop;       /* the kiosk is stopping: give up */
	store_stop *store_stop; /* ... and the store's statement with it */
	atomic_int state;       /* check_state */
	/* Results, the thread's until `state` is set. */
	match_engine *fresh; /* CHECK_CHANGED: the engine of the offers stored */
	int64_t generation;  /* the catalogue generation `fresh` was built from */
	status failure;
	char reason[512]; /* store_last_error() of the check's store */
	double started_at;
} background_check;

/* Everything the loop owns. */
typedef struct kiosk_ui {
	const ui_loop_options *options;
	FILE *err;
	store *database;
	match_engine *engine;
	question_set *questions;
	translation *translations[MAX_LANGUAGES];
	char language_codes[MAX_LANGUAGES][TRANSLATE_CODE_BYTES];
	screen_language languages[MAX_LANGUAGES];
	size_t language_count;
	counters *counts;
	/* The menu's default language from an earlier run, read with the
	 * catalogue (app_create() decides whether it holds). */
	char saved_language[CONFIG_LANGUAGE_BYTES];
	char saved_language_configured[CONFIG_LANGUAGE_BYTES];
	platform *window;
	renderer *painter;
	app *kiosk;
	draw_list *frame;
	layout_metrics metrics;
	bool frame_drawn;
	double started;
	bool debugging; /* BUURTKIOSK_DEBUG=1, read once before any thread */
	pthread_t catalogue_thread;
	bool catalogue_threaded;
	bool catalogue_opened;
	background_check check;
	/* Printing: the printer's worker lays out, renders and prints; the loop
	 * hands it requests and tells the app how the job went. */
	printer *device;
	print_slip *slips;
	bool printing;
	uint64_t clock_origin_ms; /* the clock when the app started: for the slip's date */
	bool printing_test;       /* the job is the volunteer menu's test slip */
	/* Read-aloud: espeak-ng on the player's worker, into SDL audio. */
	audio_output *audio;
	speech_player *speech;
	bool speech_opened; /* tried already: at the first thing to read */
	/* The volunteer: sticks, PIN checks and imports on the service's worker. */
	volunteer_service *volunteer;
	bool engine_waiting; /* an import finished: switch engines on the attract screen */
	bool restart_requested;
	/* systemd's watchdog, pinged once per turn of the live loop. */
	service_manager_watchdog watchdog;
	bool told_ready;
	/* Replay. */
	bool replaying;
	uint64_t virtual_ms;
} kiosk_ui;

/* ---- start-up ---- */

static void load_languages(kiosk_ui *ui)
{
	char directory[CONFIG_PATH_BYTES];
	const char *locale =
	    assets_locale_directory(ui->options->config, directory, sizeof(directory)) == STATUS_OK
	        ? directory
	        : NULL;
	size_t count = 0;
	if (locale && translate_list_languages(locale, ui->language_codes, MAX_LANGUAGES, &count) !=
	                  STATUS_OK) {
		count = 0;
	}
	for (size_t index = 0; index < count; index++) {
		char path[CONFIG_PATH_BYTES + 64];
		translation *messages = NULL;
		if (!text_format(path, sizeof(path), "%s/%s.mo", locale,
		                 ui->language_codes[index]) ||
		    translate_load_file(path, &messages) != STATUS_OK) {
			fprintf(ui->err, "buurtkiosk: taal '%s' niet te laden; overgeslagen\n",
			        ui->language_codes[index]);
			continue;
		}
		size_t slot = ui->language_count++;
		if (slot != index) {
			memcpy(ui->language_codes[slot], ui->language_codes[index],
			       TRANSLATE_CODE_BYTES);
		}
		ui->translations[slot] = messages;
		ui->languages[slot].code = ui->language_codes[slot];
		ui->languages[slot].messages = messages;
		const char *name = translate_language_name(messages);
		ui->languages[slot].own_name = name[0] ? name : ui->language_codes[slot];
	}
	if (ui->language_count == 0) {
		/* No catalogues at all: Dutch, the source language, still works. */
		(void)text_copy(ui->language_codes[0], TRANSLATE_CODE_BYTES, "nl");
		ui->languages[0].code = ui->language_codes[0];
		ui->languages[0].own_name = "Nederlands";
		ui->languages[0].messages = NULL;
		ui->language_count = 1;
		fputs("buurtkiosk: geen vertalingen gevonden; alleen Nederlands\n", ui->err);
	}
}

static status start_index(void *context, size_t offer_count)
{
	match_engine *engine = context;
	match_engine_clear(engine);
	return match_engine_reserve(engine, offer_count);
}

static status add_to_index(void *context, const offer *item)
{
	return match_engine_add(context, item);
}

/* The app's offers come from whatever store is open now: a recovery
 * replaces it while the app lives. */
static status load_offers(void *context, const char *const *ids, size_t count, catalogue **out)
{
	const kiosk_ui *ui = context;
	return store_load_offers(ui->database, ids, count, out);
}

/* BUURTKIOSK_DEBUG=1 makes the start say how it got its matching index
 * (the script tests read it); nobody else needs these lines. */
static void debug_line(const kiosk_ui *ui, const char *format, ...) KIOSK_PRINTF(2, 3);

static void debug_line(const kiosk_ui *ui, const char *format, ...)
{
	if (!ui->debugging) {
		return;
	}
	char line[1024];
	va_list arguments;
	va_start(arguments, format);
	int written = vsnprintf(line, sizeof(line), format, arguments);
	va_end(arguments);
	if (written >= 0) {
		fprintf(ui->err, "buurtkiosk: debug: %s\n", line);
	}
}

/* A kiosk that has never had a catalogue starts with the bundled sample, so
 * the first start shows something real; a volunteer replaces it. */
static status seed_with_sample(kiosk_ui *ui, match_engine *engine)
{
	const char *sample = ui->options->fallback_catalogue;
	if (!sample) {
		return STATUS_OK;
	}
	catalogue *items = NULL;
	import_report report;
	memset(&report, 0, sizeof(report));
	status result = import_read_file(sample, &items, &report);
	if (result == STATUS_OK && !import_report_can_apply(&report)) {
		result = STATUS_REFUSED;
	}
	if (result == STATUS_OK) {
		local_time today = schedule_local_from_utc(ui->options->start_utc);
		result = store_replace_catalogue(ui->database, items, &report, STORE_SOURCE_SAMPLE,
		                                 today.day);
	}
	catalogue_destroy(items);
	import_report_free(&report);
	if (result != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: voorbeeldcatalogus '%s' niet geladen: %s\n", sample,
		        status_describe(result));
		return STATUS_OK; /* an empty kiosk still starts */
	}
	match_engine_clear(engine);
	result = store_scan_offers(ui->database, add_to_index, engine);
	return result == STATUS_OK ? match_engine_finish(engine) : result;
}

/* Stores the image of `engine` (built from catalogue `generation`) for the
 * next start. A failure costs only speed, so it is not an error. */
static void save_index(kiosk_ui *ui, const match_engine *engine, int64_t generation)
{
	text_buffer image = {0};
	status saved = match_engine_save(engine, &image);
	if (saved == STATUS_OK) {
		saved = store_save_match_index(ui->database, generation, image.data, image.length);
	}
	debug_line(ui, "index image of %zu offers (%zu bytes) saved: %s",
	           match_engine_count(engine), image.length, status_describe(saved));
	text_buffer_free(&image);
}

/* The thorough start: opens the database with PRAGMA integrity_check, reads every
 * offer back against its hash while building the engine (recovering a
 * damaged database), fills an empty one with the sample, and saves the
 * engine's image so the next start is quick. Sets ui->database and *out. */
static status open_by_scanning(kiosk_ui *ui, match_engine **out)
{
	const kiosk_config *config = ui->options->config;
	match_engine *engine =
	    match_engine_begin(config->latitude, config->longitude, (double)config->nearby_metres);
	if (!engine) {
		return STATUS_NO_MEMORY;
	}
	store_offer_scanner scanner = {start_index, add_to_index, engine};
	store_recovery recovery = STORE_OPENED;
	status opened = store_open_or_recover_scanning(
	    config->database, ui->options->fallback_catalogue, &scanner, &ui->database, &recovery);
	if (opened == STATUS_OK && recovery != STORE_OPENED) {
		fprintf(ui->err, "buurtkiosk: de database was beschadigd en is hersteld (%s)\n",
		        recovery == STORE_RESTORED_FROM_BACKUP   ? "laatste goede catalogus"
		        : recovery == STORE_RESTORED_FROM_SAMPLE ? "voorbeeldcatalogus"
		                                                 : "lege catalogus");
	}
	if (opened == STATUS_OK) {
		opened = match_engine_finish(engine);
	}
	if (opened == STATUS_OK && match_engine_count(engine) == 0) {
		opened = seed_with_sample(ui, engine);
	}
	if (opened != STATUS_OK) {
		match_engine_destroy(engine);
		return opened;
	}
	debug_line(ui, "matching index built by reading all %zu offers",
	           match_engine_count(engine));
	save_index(ui, engine, store_scanned_generation(ui->database));
	*out = engine;
	return STATUS_OK;
}

/* The quick start: the database opened without a check and the engine
 * from its stored image, so the first frame needs neither a pass over the
 * file nor over the offers. What that skipped is owed: the background
 * check (see background_check) runs once the first frame is up. Fails
 * (leaving nothing open) when there is no usable image for this location:
 * a first start, an import since the last start, an empty catalogue. */
typedef struct image_load {
	const kiosk_config *config;
	match_engine *engine;
	size_t size;
} image_load;

/* The stored image goes straight from the database into the engine. */
static status load_engine(void *context, store_part_reader read, void *reader, size_t size)
{
	image_load *load = context;
	load->size = size;
	return match_engine_load_from(read, reader, size, load->config->latitude,
	                              load->config->longitude, (double)load->config->nearby_metres,
	                              &load->engine);
}

static status open_from_image(kiosk_ui *ui)
{
	const kiosk_config *config = ui->options->config;
	background_check *check = &ui->check;
	double began = seconds_now();
	image_load load = {config, NULL, 0};
	status result = store_open_quick(config->database, &ui->database);
	if (result == STATUS_OK) {
		result = store_read_match_index(ui->database, load_engine, &load);
	}
	ui->engine = load.engine;
	if (result == STATUS_OK && match_engine_count(ui->engine) == 0) {
		result = STATUS_NOT_FOUND; /* the thorough start fills it with the sample */
	}
	if (result != STATUS_OK) {
		debug_line(ui, "no usable index image (%s)", status_describe(result));
		match_engine_destroy(ui->engine);
		ui->engine = NULL;
		store_close(ui->database);
		ui->database = NULL;
		return result;
	}
	check->wanted = true;
	check->path = config->database;
	check->latitude = config->latitude;
	check->longitude = config->longitude;
	check->nearby_metres = (double)config->nearby_metres;
	debug_line(ui, "matching index of %zu offers from the stored image (%zu bytes, %.1f ms)",
	           match_engine_count(ui->engine), load.size, (seconds_now() - began) * 1000.0);
	return STATUS_OK;
}

/* The volunteer menu's default language as the last run saved it (see
 * volunteer_service_save_default_language()). Both start paths come
 * through open_catalogue() with the store open, on the catalogue's thread
 * beside the window: one indexed row adds nothing to the first frame. A
 * value that cannot be read counts as none: the settings file's language
 * is used. */
static void read_saved_language(kiosk_ui *ui)
{
	bool found = false;
	bool found_configured = false;
	status result = store_read_setting(ui->database, VOLUNTEER_SERVICE_SETTING_LANGUAGE,
	                                   ui->saved_language, sizeof(ui->saved_language), &found);
	if (result == STATUS_OK && found) {
		result =
		    store_read_setting(ui->database, VOLUNTEER_SERVICE_SETTING_LANGUAGE_CONFIGURED,
		                       ui->saved_language_configured,
		                       sizeof(ui->saved_language_configured), &found_configured);
	}
	if (result != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: bewaarde standaardtaal niet te lezen: %s: %s\n",
		        status_describe(result), store_last_error(ui->database));
		ui->saved_language[0] = '\0';
		ui->saved_language_configured[0] = '\0';
	}
	debug_line(ui, "saved default language '%s' (chosen over '%s')", ui->saved_language,
	           ui->saved_language_configured);
}

static bool open_catalogue(kiosk_ui *ui)
{
	status opened = open_from_image(ui);
	if (opened != STATUS_OK) {
		opened = open_by_scanning(ui, &ui->engine);
	}
	if (opened != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: catalogus '%s' niet te openen: %s\n",
		        ui->options->config->database, status_describe(opened));
		return false;
	}
	read_saved_language(ui);
	return true;
}

/* The catalogue opens on a thread of its own while this one opens the
 * window and the fonts: from the stored image it is ready before them, so
 * it adds nothing to the first frame (without an image the window waits
 * for the scan). The thread touches only the store, the engine and
 * ui->check; the main thread reads them after joining it. */
static void *open_catalogue_beside(void *context)
{
	kiosk_ui *ui = context;
	ui->catalogue_opened = open_catalogue(ui);
	return NULL;
}

static void start_opening_catalogue(kiosk_ui *ui)
{
	ui->catalogue_threaded =
	    pthread_create(&ui->catalogue_thread, NULL, open_catalogue_beside, ui) == 0;
	if (!ui->catalogue_threaded) {
		ui->catalogue_opened = open_catalogue(ui);
	}
}

static bool finish_opening_catalogue(kiosk_ui *ui)
{
	if (ui->catalogue_threaded) {
		pthread_join(ui->catalogue_thread, NULL);
		ui->catalogue_threaded = false;
	}
	return ui->catalogue_opened;
}

/* ---- the background check ---- */

static uint64_t clock_ms(const kiosk_ui *ui);

static status add_to_digest(void *context, const offer *item)
{
	return match_image_digest_add(context, item);
}

typedef struct image_compare {
	match_image_digest *digest;
	bool same;
} image_compare;

static status compare_digest(void *context, store_part_reader read, void *reader, size_t size)
{
	image_compare *compare = context;
	return match_image_digest_compare(compare->digest, read, reader, size, &compare->same);
}

/* Reads every offer back (verifying each against its hash) into a digest
 * of the image they give, and compares it with the stored image: no second
 * engine in memory while the offers agree with the first frame's. */
static status offers_match_image(background_check *check, store *database, bool *same)
{
	image_compare compare = {
	    match_image_digest_begin(check->latitude, check->longitude, check->nearby_metres),
	    false};
	status result = compare.digest ? STATUS_OK : STATUS_NO_MEMORY;
	if (result == STATUS_OK) {
		result = store_scan_offers(database, add_to_digest, compare.digest);
	}
	if (result == STATUS_OK) {
		result = store_read_match_index(database, compare_digest, &compare);
		/* No image any more (an import dropped it): another engine too. */
		if (result == STATUS_NOT_FOUND) {
			result = STATUS_OK;
		}
	}
	match_image_digest_destroy(compare.digest);
	*same = compare.same;
	return result;
}

/* Builds the engine of the stored offers (a second pass, only when they
 * do not give the stored image). */
static status build_fresh(background_check *check, store *database, match_engine **out)
{
	match_engine *fresh =
	    match_engine_begin(check->latitude, check->longitude, check->nearby_metres);
	size_t count = 0;
	status result = fresh ? store_count_offers(database, &count) : STATUS_NO_MEMORY;
	if (result == STATUS_OK) {
		result = match_engine_reserve(fresh, count); /* a hint: the scan may see more */
	}
	if (result == STATUS_OK) {
		result = store_scan_offers(database, add_to_index, fresh);
	}
	if (result == STATUS_OK) {
		result = match_engine_finish(fresh);
	}
	if (result != STATUS_OK) {
		match_engine_destroy(fresh);
		fresh = NULL;
	}
	*out = fresh;
	return result;
}

/* The check itself, on its own thread (or the main one when no thread can
 * be made): returns how it ended, with the results in `check`. */
static check_state run_check(background_check *check)
{
	store *database = NULL;
	match_engine *fresh = NULL;
	bool same = false;
	status result = store_open_read_only_stoppable(check->path, check->store_stop, &database);
	if (result == STATUS_OK) {
		result = offers_match_image(check, database, &same);
	}
	if (result == STATUS_OK && !same) {
		result = build_fresh(check, database, &fresh);
	}
	check->failure = result;
	(void)text_copy(check->reason, sizeof(check->reason),
	                database ? store_last_error(database) : "");
	check->generation = store_scanned_generation(database);
	store_close(database);
	check_state outcome = CHECK_FAILED;
	if (atomic_load(&check->stop)) {
		outcome = CHECK_STOPPED;
	} else if (result == STATUS_CORRUPT) {
		outcome = CHECK_DAMAGED;
	} else if (result == STATUS_OK) {
		outcome = same ? CHECK_SAME : CHECK_CHANGED;
	}
	if (outcome == CHECK_CHANGED) {
		check->fresh = fresh;
	} else {
		match_engine_destroy(fresh);
	}
	return outcome;
}

static void *check_in_background(void *context)
{
	background_check *check = context;
	atomic_store_explicit(&check->state, (int)run_check(check), memory_order_release);
	return NULL;
}

/* Starts the check the quick start owes, once its first frame is up: the
 * frame never waits for it. */
static void start_check(kiosk_ui *ui)
{
	background_check *check = &ui->check;
	if (!check->wanted || !ui->frame_drawn) {
		return;
	}
	check->wanted = false;
	check->pending = true;
	check->started_at = seconds_now();
	atomic_store(&check->stop, false);
	check->failure = store_stop_create(&check->store_stop);
	if (check->failure != STATUS_OK) {
		atomic_store(&check->state, (int)CHECK_FAILED);
		return;
	}
	atomic_store(&check->state, (int)CHECK_RUNNING);
	if (pthread_create(&check->thread, NULL, check_in_background, check) == 0) {
		check->started = true;
		return;
	}
	/* No thread: the check must still be done, so it is done here. */
	atomic_store(&check->state, (int)run_check(check));
}

/* Waits for a running check (replay: before the first step, so scripts
 * see the same kiosk every time; stopping: after asking it to give up). */
static void join_check(background_check *check)
{
	if (check->started) {
		pthread_join(check->thread, NULL);
		check->started = false;
	}
	store_stop_destroy(check->store_stop);
	check->store_stop = NULL;
}

/* Puts `engine` (built from catalogue `generation`) in the app's hands,
 * frees the one it replaces, and saves its image for the next start. */
static void replace_engine(kiosk_ui *ui, match_engine *engine, int64_t generation)
{
	match_engine *old = ui->engine;
	ui->engine = engine;
	app_set_engine(ui->kiosk, engine, clock_ms(ui));
	match_engine_destroy(old);
	save_index(ui, engine, generation);
}

/* Applies a finished check without waiting for it. A new engine returns
 * the app to the attract screen, so it waits until the attract screen is
 * up anyway (a resident's visit ends at the latest with the idle reset).
 * Returns false when the kiosk cannot go on (the damaged database could
 * not be replaced). */
static bool apply_check(kiosk_ui *ui)
{
	background_check *check = &ui->check;
	if (!check->pending ||
	    atomic_load_explicit(&check->state, memory_order_acquire) == CHECK_RUNNING) {
		return true;
	}
	join_check(check); /* it has finished: this does not wait */
	check_state outcome = (check_state)atomic_load(&check->state);
	bool needs_attract = outcome == CHECK_CHANGED || outcome == CHECK_DAMAGED;
	if (needs_attract &&
	    (app_current_screen(ui->kiosk) != APP_ATTRACT || app_idle_question_shown(ui->kiosk))) {
		return true;
	}
	check->pending = false;
	double took_ms = (seconds_now() - check->started_at) * 1000.0;
	switch (outcome) {
	case CHECK_RUNNING:
	case CHECK_STOPPED: break;
	case CHECK_SAME:
		debug_line(ui, "background check: database intact, index image current (%.0f ms)",
		           took_ms);
		break;
	case CHECK_FAILED:
		fprintf(ui->err, "buurtkiosk: controle van de database niet gelukt: %s%s%s\n",
		        status_describe(check->failure), check->reason[0] ? ": " : "",
		        check->reason);
		break;
	case CHECK_CHANGED:
		debug_line(ui, "background check: index image was stale; %zu offers now (%.0f ms)",
		           match_engine_count(check->fresh), took_ms);
		replace_engine(ui, check->fresh, check->generation);
		check->fresh = NULL;
		break;
	case CHECK_DAMAGED: {
		/* Rare, and worth a frame's wait: the same recovery as a
		 * thorough start, on this thread with this store closed. */
		fprintf(ui->err, "buurtkiosk: database %s is beschadigd: %s\n",
		        ui->options->config->database, check->reason);
		store_close(ui->database);
		ui->database = NULL;
		match_engine *engine = NULL;
		status recovered = open_by_scanning(ui, &engine);
		if (recovered != STATUS_OK) {
			fprintf(ui->err, "buurtkiosk: catalogus '%s' niet te herstellen: %s\n",
			        ui->options->config->database, status_describe(recovered));
			return false;
		}
		match_engine *old = ui->engine;
		ui->engine = engine;
		app_set_engine(ui->kiosk, engine, clock_ms(ui));
		match_engine_destroy(old);
		break;
	}
	}
	return true;
}

/* Asks a running check to give up and waits for it (it stops within about
 * a millisecond of sqlite work), then drops what it left. */
static void stop_check(kiosk_ui *ui)
{
	background_check *check = &ui->check;
	if (check->started) {
		double asked = seconds_now();
		atomic_store(&check->stop, true);
		store_stop_request(check->store_stop);
		join_check(check);
		debug_line(ui, "background check stopped in %.1f ms",
		           (seconds_now() - asked) * 1000.0);
	}
	match_engine_destroy(check->fresh);
	check->fresh = NULL;
	check->pending = false;
}

static bool open_questions(kiosk_ui *ui)
{
	char path[CONFIG_PATH_BYTES];
	if (!config_data_path(ui->options->config, "questions.ini", path, sizeof(path))) {
		fputs("buurtkiosk: pad naar questions.ini is te lang\n", ui->err);
		return false;
	}
	text_buffer problems = {0};
	status loaded = questions_load(path, &ui->questions, &problems);
	if (loaded != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: vragen '%s' niet te lezen: %s\n%s", path,
		        status_describe(loaded), text_buffer_string(&problems));
	}
	text_buffer_free(&problems);
	return loaded == STATUS_OK;
}

static bool open_screen(kiosk_ui *ui)
{
	/* The kiosk handles SIGTERM itself (systemd stops it that way), so SDL
	 * must not turn it into a window-close that kiosk mode ignores. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	platform_options window = {ui->options->windowed, ui->options->width, ui->options->height,
	                           !ui->options->windowed, "Buurtkiosk"};
	if (platform_open(&window, &ui->window) != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: scherm niet te openen: %s\n", platform_last_error());
		return false;
	}
	/* The fonts live in one folder, found the way the slip finds them. */
	assets_fonts *fonts = calloc(1, sizeof(*fonts));
	if (!fonts) {
		fputs("buurtkiosk: out of memory\n", ui->err);
		return false;
	}
	if (assets_font_files(fonts) != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: lettertypen niet gevonden (%s)\n", fonts->files[0]);
		free(fonts);
		return false;
	}
	render_font_paths font_paths;
	memset(&font_paths, 0, sizeof(font_paths));
	for (size_t index = 0; index < DRAW_FONT_COUNT; index++) {
		font_paths.files[index] = fonts->files[index];
	}
	bool created =
	    render_create(platform_window(ui->window), &font_paths, &ui->painter) == STATUS_OK;
	if (!created) {
		fprintf(ui->err, "buurtkiosk: tekenen niet mogelijk: %s\n",
		        render_last_error(NULL));
	} else if (render_load_arabic_faces(ui->painter, fonts->arabic_files[0],
	                                    fonts->arabic_files[1]) != STATUS_OK) {
		/* Arabic then shows as boxes; every other language is unharmed. */
		fprintf(ui->err, "buurtkiosk: Arabisch lettertype niet te laden: %s\n",
		        render_last_error(ui->painter));
	}
	free(fonts);
	if (!created) {
		return false;
	}
	ui->frame = draw_list_create();
	if (!ui->frame) {
		fputs("buurtkiosk: out of memory\n", ui->err);
		return false;
	}
	return true;
}

static uint64_t clock_ms(const kiosk_ui *ui)
{
	return ui->replaying ? ui->virtual_ms : platform_now_ms();
}

/* The kiosk's local time: the wall clock at start plus the app's clock. */
static local_time kiosk_local_time(const kiosk_ui *ui)
{
	time_t elapsed = (time_t)((clock_ms(ui) - ui->clock_origin_ms) / 1000);
	return schedule_local_from_utc(ui->options->start_utc + elapsed);
}

static void update_metrics(kiosk_ui *ui)
{
	int width = 0, height = 0;
	platform_window_size(ui->window, &width, &height);
	double width_mm = ui->options->config->screen_width_mm;
	double height_mm = ui->options->config->screen_height_mm;
	if (!(width_mm > 0 && height_mm > 0) &&
	    !platform_physical_size_mm(ui->window, &width_mm, &height_mm)) {
		width_mm = 0;
		height_mm = 0; /* layout assumes a 24" panel */
	}
	ui->metrics =
	    layout_compute_styled(width, height, width_mm, height_mm,
	                          ui->kiosk ? app_text_style(ui->kiosk) : LAYOUT_TEXT_NORMAL);
}

/* Builds and draws the frame when the app changed; returns false when the
 * frame could not be made (out of memory: the old frame stays up). */
static bool draw_if_needed(kiosk_ui *ui, bool force)
{
	if (!force && !app_needs_redraw(ui->kiosk)) {
		return true;
	}
	update_metrics(ui);
	/* Measured the way it will be drawn: right to left for Arabic. */
	render_set_right_to_left(ui->painter, translate_is_right_to_left(app_messages(ui->kiosk)));
	if (app_build(ui->kiosk, ui->frame, render_measurer(ui->painter), &ui->metrics) !=
	    STATUS_OK) {
		return false;
	}
	if (render_draw(ui->painter, ui->frame) != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: tekenen mislukt: %s\n",
		        render_last_error(ui->painter));
		return false;
	}
	render_present(ui->painter);
	ui_loop_statistics *statistics = ui->options->statistics;
	if (statistics) {
		if (statistics->frames == 0) {
			statistics->first_frame_ms = (seconds_now() - ui->started) * 1000.0;
		}
		statistics->frames++;
	}
	ui->frame_drawn = true;
	return true;
}

static void record_latency(kiosk_ui *ui, double since)
{
	ui_loop_statistics *statistics = ui->options->statistics;
	if (statistics && statistics->latencies_ms &&
	    statistics->latency_count < statistics->latency_capacity) {
		statistics->latencies_ms[statistics->latency_count++] =
		    (seconds_now() - since) * 1000.0;
	}
}

/* Stores the day's anonymous counts; kept in memory to retry when the
 * database refuses. */
static void store_counts(kiosk_ui *ui)
{
	if (counters_size(ui->counts) == 0) {
		return;
	}
	status stored = store_add_counters(ui->database, ui->counts);
	if (stored == STATUS_OK) {
		counters_clear(ui->counts);
	} else {
		fprintf(ui->err, "buurtkiosk: tellingen niet opgeslagen: %s\n",
		        status_describe(stored));
	}
}

/* Starts read-aloud the first time something is to be read: most visits
 * never switch it on, and then the kiosk holds no voice data, no sound
 * device and no speech thread. Without a sound device the output is
 * silent and the kiosk works as before. */
static void open_speech(kiosk_ui *ui)
{
	if (ui->speech_opened) {
		return;
	}
	ui->speech_opened = true;
	if (audio_output_create(SPEECH_EXPECTED_SAMPLE_RATE, &ui->audio) != STATUS_OK) {
		ui->audio = NULL;
		return;
	}
	speech_sink sink = audio_output_sink(ui->audio);
	if (speech_player_create(&sink, &ui->speech) != STATUS_OK) {
		fputs("buurtkiosk: voorlezen kan niet starten\n", ui->err);
		ui->speech = NULL;
	}
}

/* Hands the app's read-aloud wishes to the player (it never waits). */
static void service_speech(kiosk_ui *ui)
{
	const char *text = NULL;
	const char *language = NULL;
	switch (app_take_speech(ui->kiosk, &text, &language)) {
	case APP_SPEECH_NONE: break;
	case APP_SPEECH_STOP: speech_player_stop(ui->speech); break;
	case APP_SPEECH_SAY:
		open_speech(ui);
		if (ui->speech) {
			status said = speech_player_say(ui->speech, language, text);
			if (said != STATUS_OK) {
				fprintf(ui->err, "buurtkiosk: voorlezen (%s) lukt niet: %s\n",
				        language, status_describe(said));
			}
		}
		break;
	}
}

/* Handles every event SDL has queued, without sleeping. Returns true when
 * the app asked to quit. */
static bool drain_events(kiosk_ui *ui, int first_timeout_ms)
{
	input_event event;
	int timeout = first_timeout_ms;
	while (platform_wait_event(ui->window, timeout, &event)) {
		timeout = 0;
		double since = seconds_now();
		if (ui->replaying) {
			event.time_ms = ui->virtual_ms;
		}
		if (app_handle_input(ui->kiosk, &event)) {
			return true;
		}
		service_speech(ui); /* a touch stops the reading at once; a speaker starts it */
		/* Feedback in the frame that follows the touch. */
		if (event.kind == INPUT_PRESS || event.kind == INPUT_RELEASE ||
		    event.kind == INPUT_MOVE) {
			if (!draw_if_needed(ui, false)) {
				return false;
			}
			record_latency(ui, since);
		}
	}
	return false;
}

/* ---- printing ---- */

static void open_printer(kiosk_ui *ui)
{
	if (printer_open(ui->options->config, &ui->device) != STATUS_OK) {
		fputs("buurtkiosk: printer niet te starten; printen kan niet\n", ui->err);
		ui->device = NULL;
		return;
	}
	if (!printer_available(ui->device)) {
		return;
	}
	char error[256] = "";
	if (print_slip_open(&ui->slips, error, sizeof(error)) != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: lettertypen voor het briefje niet te laden: %s\n",
		        error);
		ui->slips = NULL;
	}
}

static void print_failed(kiosk_ui *ui, printer_failure failure, const char *detail)
{
	if (detail && detail[0]) {
		fprintf(ui->err, "buurtkiosk: printen mislukt: %s\n", detail);
	}
	app_set_print_state(ui->kiosk, APP_PRINT_FAILED,
	                    printer_failure_message(failure, app_messages(ui->kiosk)),
	                    clock_ms(ui));
}

/* Takes the app's print request, if any, and starts the job. */
static void start_printing(kiosk_ui *ui)
{
	char ids[SESSION_MAX_PICKS][SESSION_MAX_ID_BYTES];
	size_t count = app_take_print_request(ui->kiosk, ids, SESSION_MAX_PICKS);
	if (count == 0) {
		return;
	}
	if (!ui->device || !printer_available(ui->device)) {
		print_failed(ui, PRINTER_FAILURE_NO_PRINTER, "no printer configured");
		return;
	}
	if (!ui->slips) {
		print_failed(ui, PRINTER_FAILURE_SLIP, "the slip fonts did not load");
		return;
	}
	const char *id_pointers[SESSION_MAX_PICKS];
	for (size_t index = 0; index < count; index++) {
		id_pointers[index] = ids[index];
	}
	catalogue *offers = NULL;
	status loaded = store_load_offers(ui->database, id_pointers, count, &offers);
	if (loaded != STATUS_OK) {
		print_failed(ui, PRINTER_FAILURE_SLIP, status_describe(loaded));
		return;
	}
	local_time now = kiosk_local_time(ui);
	status submitted = print_slip_submit_offers(
	    ui->slips, ui->device, offers, id_pointers, count, ui->options->config, now,
	    app_messages(ui->kiosk), app_language_code(ui->kiosk), NULL);
	if (submitted != STATUS_OK) {
		print_failed(ui, PRINTER_FAILURE_SLIP, status_describe(submitted));
		return;
	}
	ui->printing = true;
	app_set_print_state(ui->kiosk, APP_PRINT_BUSY, NULL, clock_ms(ui));
}

/* Tells the app how a finished job went. `wait` blocks until the job ends
 * (replay, so a script plays the same every time; the printer's own
 * deadline bounds it). */
static void follow_printing(kiosk_ui *ui, bool wait)
{
	if (!ui->printing) {
		return;
	}
	printer_job_state outcome;
	memset(&outcome, 0, sizeof(outcome));
	printer_state state =
	    wait ? printer_wait(ui->device, &outcome) : printer_poll(ui->device, &outcome);
	if (state != PRINTER_DONE && state != PRINTER_FAILED) {
		return;
	}
	ui->printing = false;
	if (ui->printing_test) {
		ui->printing_test = false;
		volunteer_event told = {.kind = VOLUNTEER_EVENT_MENU_MESSAGE};
		char message[320];
		if (state == PRINTER_DONE) {
			(void)text_copy(message, sizeof(message), "Het testbriefje is geprint.");
		} else {
			(void)text_format(message, sizeof(message),
			                  "Het testbriefje is niet geprint: %s",
			                  printer_failure_message(outcome.failure, NULL));
		}
		told.message = message;
		app_volunteer_event(ui->kiosk, &told, clock_ms(ui));
	} else if (state == PRINTER_DONE) {
		app_set_print_state(ui->kiosk, APP_PRINT_DONE, NULL, clock_ms(ui));
	} else {
		print_failed(ui, outcome.failure, outcome.detail);
	}
}

/* The volunteer menu's test slip, printed like `buurtkiosk --print-test`. */
static void print_test_slip(kiosk_ui *ui)
{
	const char *problem = NULL;
	text_buffer body = {0};
	size_t offer_count = 0;
	bool counted = store_count_offers(ui->database, &offer_count) == STATUS_OK;
	if (ui->printing) {
		problem = "De printer is nog bezig. Probeer het zo opnieuw.";
	} else if (!ui->device || !printer_available(ui->device) || !ui->slips) {
		problem = printer_failure_message(PRINTER_FAILURE_NO_PRINTER, NULL);
	} else if (printer_test_text(ui->options->config, counted, offer_count,
	                             kiosk_local_time(ui), &body) != STATUS_OK ||
	           print_slip_submit_notice(ui->slips, ui->device, "Testbriefje",
	                                    text_buffer_string(&body), NULL) != STATUS_OK) {
		problem = "Het testbriefje kon niet worden gemaakt.";
	} else {
		ui->printing = true;
		ui->printing_test = true;
	}
	text_buffer_free(&body);
	if (problem) {
		char message[320];
		(void)text_copy(message, sizeof(message), problem);
		volunteer_event told = {.kind = VOLUNTEER_EVENT_MENU_MESSAGE, .message = message};
		app_volunteer_event(ui->kiosk, &told, clock_ms(ui));
	}
}

static void service_printer(kiosk_ui *ui, bool wait)
{
	start_printing(ui);
	follow_printing(ui, wait);
}

/* ---- the volunteer ---- */

static void wake_loop(void *context)
{
	kiosk_ui *ui = context;
	platform_wake(ui->window);
}

/* Starts the volunteer service on the --usb-root folders or the configured
 * roots. Without it the kiosk still runs: sticks are just not noticed. */
static void start_volunteer(kiosk_ui *ui)
{
	const kiosk_config *config = ui->options->config;
	const char
	    *roots[CONFIG_MAX_USB_ROOTS > USB_ROOT_LIMIT ? CONFIG_MAX_USB_ROOTS : USB_ROOT_LIMIT];
	size_t count = 0;
	if (ui->options->usb_root_count > 0) {
		for (size_t index = 0;
		     index < ui->options->usb_root_count && count < USB_ROOT_LIMIT; index++) {
			roots[count++] = ui->options->usb_roots[index];
		}
	} else {
		for (size_t index = 0; index < config->usb_root_count && count < USB_ROOT_LIMIT;
		     index++) {
			roots[count++] = config->usb_roots[index];
		}
	}
	if (count == 0) {
		return;
	}
	volunteer_service_setup setup = {
	    .config = config,
	    .roots = roots,
	    .root_count = count,
	    .wake = wake_loop,
	    .wake_context = ui,
	};
	/* The end-to-end test pulls a stick while it is read (test_usb_volunteer.sh). */
	const char *delay = getenv("BUURTKIOSK_TEST_USB_READ_DELAY_MS");
	long delay_ms = 0;
	if (delay && text_parse_integer(delay, 0, 1000, &delay_ms)) {
		setup.read_delay_ms = (int)delay_ms;
	}
	status started = volunteer_service_start(&setup, &ui->volunteer);
	if (started != STATUS_OK) {
		fprintf(ui->err, "buurtkiosk: sticks worden niet opgemerkt: %s\n",
		        status_describe(started));
		ui->volunteer = NULL;
	}
}

/* Answers a request when there is no service: the volunteer sees why. */
static void refuse_volunteer_request(kiosk_ui *ui, volunteer_request request)
{
	volunteer_event told = {.kind = VOLUNTEER_EVENT_FINISHED};
	char text[] = "De stickwachter draait niet; herstart de kiosk.";
	if (request == VOLUNTEER_REQUEST_CHECK_PIN) {
		told.kind = VOLUNTEER_EVENT_PIN_CHECKED;
		told.pin_result = STATUS_IO;
	} else if (request == VOLUNTEER_REQUEST_MENU_INFO ||
	           request == VOLUNTEER_REQUEST_EXPORT_COUNTS) {
		told.kind = VOLUNTEER_EVENT_MENU_MESSAGE;
		told.message = text;
	} else {
		told.title = text;
	}
	app_volunteer_event(ui->kiosk, &told, clock_ms(ui));
}

/* Hands a change of the default language (the menu's, or dropping a saved
 * one the settings file overrides) to the service's worker: the write
 * waits for the disk, which the UI thread never does. Returns 1 when it
 * handed one over. */
static size_t send_language_save(kiosk_ui *ui)
{
	const char *code = "";
	const char *configured = "";
	app_language_save save = app_take_language_save(ui->kiosk, &code, &configured);
	if (save == APP_LANGUAGE_SAVE_NONE) {
		return 0;
	}
	if (!ui->volunteer) {
		/* Without the service there is no PIN pad and so no menu; only a
		 * saved choice the settings file overrides is left in place. */
		fputs("buurtkiosk: standaardtaal niet bijgewerkt in de database: de stickwachter "
		      "draait niet\n",
		      ui->err);
		return 0;
	}
	if (save == APP_LANGUAGE_SAVE_CHOICE) {
		volunteer_service_save_default_language(ui->volunteer, code, configured);
	} else {
		volunteer_service_forget_default_language(ui->volunteer);
	}
	return 1;
}

/* Hands the app's volunteer requests to the service (or does them here:
 * the test slip, a restart). Returns how many were handed over. */
static size_t send_volunteer_requests(kiosk_ui *ui)
{
	size_t sent = send_language_save(ui);
	char pin[VOLUNTEER_PIN_MAX_DIGITS + 1];
	for (;;) {
		volunteer_request request = app_take_volunteer_request(ui->kiosk, pin, sizeof(pin));
		if (request == VOLUNTEER_REQUEST_NONE) {
			break;
		}
		if (request == VOLUNTEER_REQUEST_PRINTER_TEST) {
			print_test_slip(ui);
			continue;
		}
		if (request == VOLUNTEER_REQUEST_RESTART) {
			fputs("buurtkiosk: herstart gevraagd in het vrijwilligersmenu\n", ui->err);
			ui->restart_requested = true;
			continue;
		}
		if (!ui->volunteer) {
			refuse_volunteer_request(ui, request);
			continue;
		}
		local_time now = kiosk_local_time(ui);
		switch (request) {
		case VOLUNTEER_REQUEST_CHECK_PIN:
			volunteer_service_check_pin(ui->volunteer, pin);
			break;
		case VOLUNTEER_REQUEST_READ_STICK:
			volunteer_service_read_stick(ui->volunteer, now);
			break;
		case VOLUNTEER_REQUEST_APPLY: volunteer_service_apply(ui->volunteer, now); break;
		case VOLUNTEER_REQUEST_DISCARD:
			volunteer_service_discard(ui->volunteer, now);
			break;
		case VOLUNTEER_REQUEST_MENU_INFO: volunteer_service_menu_info(ui->volunteer); break;
		case VOLUNTEER_REQUEST_EXPORT_COUNTS:
			store_counts(ui); /* today's visits go on the stick too */
			volunteer_service_export_counts(ui->volunteer);
			break;
		case VOLUNTEER_REQUEST_NONE:
		case VOLUNTEER_REQUEST_PRINTER_TEST:
		case VOLUNTEER_REQUEST_RESTART:
		case VOLUNTEER_REQUEST_COUNT: break;
		}
		sent++;
	}
	text_wipe(pin, sizeof(pin));
	return sent;
}

/* Feeds the service's events to the app. Returns how many there were. */
static size_t take_volunteer_events(kiosk_ui *ui)
{
	size_t taken = 0;
	volunteer_event event;
	while (ui->volunteer && volunteer_service_next_event(ui->volunteer, &event)) {
		if (event.kind == VOLUNTEER_EVENT_FINISHED && event.changed_catalogue) {
			ui->engine_waiting = true;
		}
		app_volunteer_event(ui->kiosk, &event, clock_ms(ui));
		volunteer_event_release(&event);
		taken++;
	}
	return taken;
}

/* After an import: the new catalogue's engine (its image is saved already)
 * replaces the old one once the attract screen is up, like a stale image's. */
static void adopt_imported_engine(kiosk_ui *ui)
{
	if (!ui->engine_waiting || app_current_screen(ui->kiosk) != APP_ATTRACT ||
	    app_idle_question_shown(ui->kiosk)) {
		return;
	}
	ui->engine_waiting = false;
	match_engine *engine = volunteer_service_take_engine(ui->volunteer);
	if (!engine) {
		fputs("buurtkiosk: index van de nieuwe catalogus ontbreekt; de kiosk leest hem bij "
		      "de "
		      "volgende start\n",
		      ui->err);
		return;
	}
	match_engine *old = ui->engine;
	ui->engine = engine;
	app_set_engine(ui->kiosk, engine, clock_ms(ui));
	match_engine_destroy(old);
	debug_line(ui, "imported catalogue in use: %zu offers", match_engine_count(engine));
}

static void service_volunteer(kiosk_ui *ui)
{
	(void)take_volunteer_events(ui);
	(void)send_volunteer_requests(ui);
	adopt_imported_engine(ui);
}

/* Replay: lets the service finish what the last step asked, round after
 * round (a right PIN asks for the stick to be read), so each step sees the
 * outcome of the one before. */
static void settle_volunteer(kiosk_ui *ui)
{
	for (int round = 0; round < 16; round++) {
		size_t sent = send_volunteer_requests(ui);
		if (ui->volunteer) {
			volunteer_service_settle(ui->volunteer);
		}
		size_t taken = take_volunteer_events(ui);
		if (sent == 0 && taken == 0) {
			break;
		}
	}
	adopt_imported_engine(ui);
}

/* ---- the real loop ---- */

/* After the first frame is on the screen: READY for systemd (Type=notify),
 * with the catalogue's size as the line `systemctl status` shows. */
static void tell_ready(kiosk_ui *ui)
{
	if (ui->told_ready || !ui->frame_drawn) {
		return;
	}
	ui->told_ready = true;
	char line[96];
	(void)text_format(line, sizeof(line), "%zu aanbiedingen in de catalogus",
	                  match_engine_count(ui->engine));
	(void)service_manager_notify_ready(line);
}

/* The live loop. The watchdog is pinged here and nowhere else, once per
 * turn, so a loop that stops turning (a hang anywhere on this thread) stops
 * the pings and systemd restarts the kiosk. */
static int run_live(kiosk_ui *ui)
{
	if (service_manager_watchdog_from_environment(&ui->watchdog) != STATUS_OK) {
		fprintf(ui->err,
		        "buurtkiosk: WATCHDOG_USEC '%s' is geen geldige tijd; geen watchdog\n",
		        getenv("WATCHDOG_USEC"));
	}
	for (;;) {
		if (stop_requested) {
			break;
		}
		app_tick(ui->kiosk, clock_ms(ui));
		if (app_take_reset_notice(ui->kiosk)) {
			store_counts(ui);
		}
		/* The check's result is noticed within one wait (MAX_SLEEP_MS at
		 * most): nothing about it is urgent, so it does not wake SDL. */
		if (!apply_check(ui)) {
			return 1;
		}
		service_printer(ui, false);
		service_volunteer(ui);
		service_speech(ui);
		if (ui->restart_requested) {
			break; /* the service manager starts the kiosk again */
		}
		(void)draw_if_needed(ui, !ui->frame_drawn);
		tell_ready(ui);
		start_check(ui);
		uint64_t real_ms = (uint64_t)(seconds_now() * 1000.0);
		(void)service_manager_ping(&ui->watchdog, real_ms);
		uint64_t now = clock_ms(ui);
		uint64_t deadline = app_next_deadline(ui->kiosk);
		/* A printing job is looked after ten times a second; the loop also
		 * wakes for the watchdog's next ping. */
		uint64_t timeout = service_manager_sleep_limit(
		    &ui->watchdog, real_ms, ui->printing ? PRINT_POLL_MS : MAX_SLEEP_MS);
		if (deadline <= now) {
			timeout = 0;
		} else if (deadline - now < timeout) {
			timeout = deadline - now;
		}
		if (drain_events(ui, (int)timeout)) {
			break;
		}
	}
	service_manager_notify_stopping();
	return 0;
}

/* ---- replay ---- */

static void push_finger(kiosk_ui *ui, Uint32 type, int x, int y)
{
	int width = 1, height = 1;
	platform_window_size(ui->window, &width, &height);
	SDL_Event event;
	memset(&event, 0, sizeof(event));
	event.type = type;
	event.tfinger.timestamp = SDL_GetTicks();
	event.tfinger.touchId = 1;
	event.tfinger.fingerId = 1;
	event.tfinger.x = (float)x / (float)(width > 1 ? width : 1);
	event.tfinger.y = (float)y / (float)(height > 1 ? height : 1);
	event.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
	SDL_PushEvent(&event);
}

static void push_key(SDL_Keycode key, Uint16 modifiers)
{
	SDL_Event event;
	memset(&event, 0, sizeof(event));
	event.type = SDL_KEYDOWN;
	event.key.state = SDL_PRESSED;
	event.key.keysym.sym = key;
	event.key.keysym.scancode = SDL_GetScancodeFromKey(key);
	event.key.keysym.mod = modifiers;
	SDL_PushEvent(&event);
}

static void push_close(kiosk_ui *ui)
{
	SDL_Event event;
	memset(&event, 0, sizeof(event));
	event.type = SDL_WINDOWEVENT;
	event.window.event = SDL_WINDOWEVENT_CLOSE;
	event.window.windowID = SDL_GetWindowID(platform_window(ui->window));
	SDL_PushEvent(&event);
	/* Closing the last window also asks the application to quit. */
	memset(&event, 0, sizeof(event));
	event.type = SDL_QUIT;
	SDL_PushEvent(&event);
}

/* Moves the clock to `target`, letting every timer on the way fire. */
static void advance_clock(kiosk_ui *ui, uint64_t target)
{
	for (;;) {
		uint64_t deadline = app_next_deadline(ui->kiosk);
		if (deadline > target) {
			break;
		}
		if (deadline > ui->virtual_ms) {
			ui->virtual_ms = deadline;
		}
		app_tick(ui->kiosk, ui->virtual_ms);
		if (app_take_reset_notice(ui->kiosk)) {
			store_counts(ui);
		}
		if (deadline == target) {
			break;
		}
		if (app_next_deadline(ui->kiosk) <= ui->virtual_ms) {
			/* A timer that wants to run again at once would spin: move on. */
			ui->virtual_ms++;
		}
	}
	ui->virtual_ms = target;
	app_tick(ui->kiosk, ui->virtual_ms);
	if (app_take_reset_notice(ui->kiosk)) {
		store_counts(ui);
	}
}

static const draw_target *find_target(const draw_list *list, const char *label)
{
	const draw_target *containing = NULL;
	for (size_t index = draw_list_target_count(list); index > 0; index--) {
		const draw_target *target = draw_list_target_at(list, index - 1);
		if (strcmp(target->label, label) == 0) {
			return target;
		}
		if (!containing && strstr(target->label, label)) {
			containing = target;
		}
	}
	return containing;
}

/* True when some text on screen contains `text`. Lines are joined with a
 * space first, so a name wrapped over two lines is still found; with
 * `icons_too`, pictogram names count as well ("check_circle" marks a chosen
 * tile). */
static bool frame_mentions(const draw_list *list, const char *text, bool icons_too)
{
	text_buffer joined = {0};
	bool found = false;
	for (size_t index = 0; index < draw_list_count(list) && !found; index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_TEXT || (icons_too && command->kind == DRAW_ICON)) {
			found = strstr(command->text, text) != NULL;
			if (command->kind == DRAW_TEXT &&
			    (text_buffer_append_string(&joined, command->text) != STATUS_OK ||
			     text_buffer_append_string(&joined, " ") != STATUS_OK)) {
				break;
			}
		}
	}
	found = found || strstr(text_buffer_string(&joined), text) != NULL;
	text_buffer_free(&joined);
	return found;
}

typedef enum step_result { STEP_DONE, STEP_FAILED, STEP_QUIT } step_result;

static step_result tap_at(kiosk_ui *ui, int x, int y)
{
	push_finger(ui, SDL_FINGERDOWN, x, y);
	if (drain_events(ui, 0)) {
		return STEP_QUIT;
	}
	advance_clock(ui, ui->virtual_ms + REPLAY_TAP_HOLD_MS);
	push_finger(ui, SDL_FINGERUP, x, y);
	if (drain_events(ui, 0)) {
		return STEP_QUIT;
	}
	return STEP_DONE;
}

static step_result drag(kiosk_ui *ui, const replay_step *step)
{
	push_finger(ui, SDL_FINGERDOWN, step->x1, step->y1);
	if (drain_events(ui, 0)) {
		return STEP_QUIT;
	}
	int steps = step->milliseconds / REPLAY_DRAG_STEP_MS;
	if (steps < 1) {
		steps = 1;
	}
	for (int index = 1; index <= steps; index++) {
		advance_clock(ui, ui->virtual_ms + (uint64_t)(step->milliseconds / steps));
		int x = step->x1 + (step->x2 - step->x1) * index / steps;
		int y = step->y1 + (step->y2 - step->y1) * index / steps;
		push_finger(ui, SDL_FINGERMOTION, x, y);
		if (drain_events(ui, 0)) {
			return STEP_QUIT;
		}
	}
	push_finger(ui, SDL_FINGERUP, step->x2, step->y2);
	return drain_events(ui, 0) ? STEP_QUIT : STEP_DONE;
}

static step_result play_step(kiosk_ui *ui, const replay_step *step)
{
	const char *directory = ui->options->screenshot_dir ? ui->options->screenshot_dir : ".";
	step_result result = STEP_DONE;
	switch (step->kind) {
	case REPLAY_TAP_POINT: result = tap_at(ui, step->x1, step->y1); break;
	case REPLAY_TAP_LABEL: {
		const draw_target *target = find_target(ui->frame, step->text);
		if (!target) {
			fprintf(ui->err,
			        "replay line %u: nothing to tap labelled \"%s\" on screen\n",
			        step->line, step->text);
			return STEP_FAILED;
		}
		result = tap_at(ui, target->box.x + target->box.width / 2,
		                target->box.y + target->box.height / 2);
		break;
	}
	case REPLAY_DRAG: result = drag(ui, step); break;
	case REPLAY_WAIT: advance_clock(ui, ui->virtual_ms + (uint64_t)step->milliseconds); break;
	case REPLAY_SHOT: {
		char path[CONFIG_PATH_BYTES + 80];
		if (!text_format(path, sizeof(path), "%s/%s.bmp", directory, step->text)) {
			fprintf(ui->err, "replay line %u: screenshot path too long\n", step->line);
			return STEP_FAILED;
		}
		if (render_draw(ui->painter, ui->frame) != STATUS_OK ||
		    render_screenshot_bmp(ui->painter, path) != STATUS_OK) {
			fprintf(ui->err, "replay line %u: screenshot %s not written: %s\n",
			        step->line, path, render_last_error(ui->painter));
			return STEP_FAILED;
		}
		render_present(ui->painter);
		break;
	}
	case REPLAY_EXPECT:
		if (!frame_mentions(ui->frame, step->text, true)) {
			fprintf(ui->err, "replay line %u: \"%s\" is not on screen\n", step->line,
			        step->text);
			return STEP_FAILED;
		}
		break;
	case REPLAY_EXPECT_NOT:
		if (frame_mentions(ui->frame, step->text, true)) {
			fprintf(ui->err, "replay line %u: \"%s\" is on screen\n", step->line,
			        step->text);
			return STEP_FAILED;
		}
		break;
	case REPLAY_KEY:
		if (step->key == REPLAY_KEY_ESCAPE) {
			push_key(SDLK_ESCAPE, KMOD_NONE);
		} else if (step->key == REPLAY_KEY_CTRL_Q) {
			push_key(SDLK_q, KMOD_LCTRL);
		} else {
			push_key(SDLK_F4, KMOD_LALT);
		}
		result = drain_events(ui, 0) ? STEP_QUIT : STEP_DONE;
		break;
	case REPLAY_CLOSE:
		push_close(ui);
		result = drain_events(ui, 0) ? STEP_QUIT : STEP_DONE;
		break;
	case REPLAY_CHECK_LAYOUT: {
		char problem[512];
		if (layout_check_frame(ui->frame, &ui->metrics, render_measurer(ui->painter),
		                       problem, sizeof(problem)) != STATUS_OK) {
			fprintf(ui->err, "replay line %u: layout at %dx%d: %s\n", step->line,
			        ui->metrics.width, ui->metrics.height, problem);
			return STEP_FAILED;
		}
		break;
	}
	}
	if (result != STEP_DONE) {
		return result;
	}
	service_printer(ui, true);
	settle_volunteer(ui);
	service_printer(ui, true); /* a test slip the menu asked for */
	if (ui->restart_requested) {
		return STEP_QUIT;
	}
	if (step->kind == REPLAY_TAP_POINT || step->kind == REPLAY_TAP_LABEL ||
	    step->kind == REPLAY_DRAG) {
		advance_clock(ui, ui->virtual_ms + REPLAY_STEP_GAP_MS);
	}
	return draw_if_needed(ui, false) ? STEP_DONE : STEP_FAILED;
}

static int run_replay(kiosk_ui *ui, const replay_script *script)
{
	if (ui->options->screenshot_dir && mkdir(ui->options->screenshot_dir, 0755) != 0 &&
	    errno != EEXIST) {
		fprintf(ui->err, "replay: screenshot folder %s not made: %s\n",
		        ui->options->screenshot_dir, strerror(errno));
		return 1;
	}
	if (!draw_if_needed(ui, true)) {
		return 1;
	}
	/* The check runs beside the first frame as it does live, but every
	 * step sees its outcome: a script plays the same way every time. */
	start_check(ui);
	if (replay_count(script) > 0) {
		join_check(&ui->check);
		settle_volunteer(ui); /* a stick mounted before the start is seen at once */
		if (!apply_check(ui) || !draw_if_needed(ui, false)) {
			return 1;
		}
	}
	for (size_t index = 0; index < replay_count(script); index++) {
		if (stop_requested) {
			return 1;
		}
		const replay_step *step = replay_at(script, index);
		step_result result = play_step(ui, step);
		if (result == STEP_FAILED) {
			return 1;
		}
		if (result == STEP_QUIT) {
			fprintf(ui->err, "replay line %u: the kiosk %s\n", step->line,
			        ui->restart_requested ? "restarts (volunteer menu)"
			                              : "quit (developer mode)");
			return 0;
		}
	}
	return 0;
}

/* ---- entry ---- */

static void close_ui(kiosk_ui *ui)
{
	stop_check(ui);
	/* An import in progress commits or not as one transaction. */
	volunteer_service_stop(ui->volunteer);
	speech_player_destroy(ui->speech);
	audio_output_destroy(ui->audio);
	if (ui->speech_opened) {
		speech_shutdown();
	}
	/* The printer's worker may still be rendering with the slip fonts. */
	printer_close(ui->device);
	print_slip_close(ui->slips);
	if (ui->kiosk && ui->counts && ui->database) {
		store_counts(ui);
	}
	app_destroy(ui->kiosk);
	draw_list_destroy(ui->frame);
	render_destroy(ui->painter);
	platform_close(ui->window);
	counters_destroy(ui->counts);
	for (size_t index = 0; index < ui->language_count; index++) {
		translate_free(ui->translations[index]);
	}
	questions_free(ui->questions);
	match_engine_destroy(ui->engine);
	store_close(ui->database);
}

int ui_loop_run(const ui_loop_options *options)
{
	kiosk_ui ui;
	memset(&ui, 0, sizeof(ui));
	ui.options = options;
	ui.err = options->err ? options->err : stderr;
	ui.started = seconds_now();
	stop_requested = 0;

	replay_script *script = NULL;
	if (options->replay_path) {
		char error[300];
		if (replay_load_file(options->replay_path, &script, error, sizeof(error)) !=
		    STATUS_OK) {
			fprintf(ui.err, "replay %s: %s\n", options->replay_path, error);
			return 2;
		}
		ui.replaying = true;
	}

	struct sigaction action;
	memset(&action, 0, sizeof(action));
	action.sa_handler = request_stop;
	sigemptyset(&action.sa_mask);
	struct sigaction previous_term, previous_interrupt;
	sigaction(SIGTERM, &action, &previous_term);
	sigaction(SIGINT, &action, &previous_interrupt);

	int exit_code = 1;
	const char *debug = getenv("BUURTKIOSK_DEBUG");
	ui.debugging = debug && strcmp(debug, "1") == 0;
	ui.counts = counters_create();
	if (ui.counts && open_questions(&ui)) {
		start_opening_catalogue(&ui);
		load_languages(&ui);
		bool screen_opened = open_screen(&ui);
		if (finish_opening_catalogue(&ui) && screen_opened) {
			app_setup setup;
			memset(&setup, 0, sizeof(setup));
			setup.config = options->config;
			setup.questions = ui.questions;
			setup.engine = ui.engine;
			setup.offers.context = &ui;
			setup.offers.load = load_offers;
			setup.languages = ui.languages;
			setup.language_count = ui.language_count;
			setup.counts = ui.counts;
			setup.start_utc = options->start_utc;
			setup.kiosk_mode = !options->windowed;
			setup.saved_language = ui.saved_language;
			setup.saved_language_configured = ui.saved_language_configured;
			ui.clock_origin_ms = clock_ms(&ui);
			open_printer(&ui);
			ui.kiosk = app_create(&setup, ui.clock_origin_ms);
			if (!ui.kiosk) {
				fputs("buurtkiosk: out of memory\n", ui.err);
			} else {
				start_volunteer(&ui);
				exit_code = script ? run_replay(&ui, script) : run_live(&ui);
			}
		}
	}
	close_ui(&ui);
	replay_free(script);
	sigaction(SIGTERM, &previous_term, NULL);
	sigaction(SIGINT, &previous_interrupt, NULL);
	return exit_code;
}
