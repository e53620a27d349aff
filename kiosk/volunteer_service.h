/* volunteer_service.h — the slow half of the volunteer's work, on a worker
 * thread: watching for sticks, checking the PIN, reading and checking a
 * stick's catalogue, applying it, and writing the report, counts and
 * template back. The UI thread asks; the worker answers with events. */
#ifndef KIOSK_VOLUNTEER_SERVICE_H
#define KIOSK_VOLUNTEER_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "match.h"
#include "schedule.h"
#include "status.h"

/* What the service needs; everything is borrowed and must outlive it. */
typedef struct volunteer_service_setup {
	const kiosk_config *config; /* database, location, pin_hash, signing_public_key */
	const char *const *roots;   /* mount roots to watch (--usb-root or config) */
	size_t root_count;
	/* Called on the worker thread after an event was queued, so a sleeping
	 * UI loop wakes up (the kiosk pushes an SDL event; must be thread-safe).
	 * May be NULL: the loop then polls. */
	void (*wake)(void *context);
	void *wake_context;
	/* Tests only: a pause after each chunk read from a stick, so a test can
	 * pull the stick in the middle of reading. 0 in the kiosk. */
	int read_delay_ms;
} volunteer_service_setup;

typedef enum volunteer_event_kind {
	VOLUNTEER_EVENT_NONE = 0,
	VOLUNTEER_EVENT_STICK,       /* a stick for the kiosk came or went: stick_present */
	VOLUNTEER_EVENT_PIN_CHECKED, /* pin_result */
	VOLUNTEER_EVENT_PROGRESS,    /* percent */
	VOLUNTEER_EVENT_PREVIEW,     /* the counts, problem lines, can_apply, message */
	VOLUNTEER_EVENT_FINISHED,  /* an import, or a stick that could not be used: title, detail */
	VOLUNTEER_EVENT_MENU_INFO, /* title = catalogue summary, detail = last import,
	                              restored */
	VOLUNTEER_EVENT_MENU_MESSAGE /* message: how a menu action went */
} volunteer_event_kind;

/* Where the catalogue in use came from when a damaged database was
 * recovered (store.h's STORE_SOURCE_BACKUP and the two after it): the menu
 * warns volunteers until one of them applies a new catalogue. */
typedef enum volunteer_restore {
	VOLUNTEER_RESTORE_NONE = 0, /* an import, the first start's sample, or nothing yet */
	VOLUNTEER_RESTORE_BACKUP,   /* the last good catalogue was put back */
	VOLUNTEER_RESTORE_SAMPLE,   /* the last good one was unusable: the bundled sample */
	VOLUNTEER_RESTORE_NOTHING   /* nothing could be put back: no offers */
} volunteer_restore;

/* One answer from the worker. Strings are owned by the event: release them
 * with volunteer_event_release(). */
typedef struct volunteer_event {
	volunteer_event_kind kind;
	bool stick_present;
	status pin_result; /* volunteer_pin_verify()'s status */
	int percent;
	size_t new_count, changed_count, removed_count, unchanged_count;
	char **problems; /* "Rij 12, kolom dag: …", problem_count lines */
	size_t problem_count;
	bool can_apply;
	bool changed_catalogue;     /* FINISHED: the catalogue was replaced */
	volunteer_restore restored; /* MENU_INFO: the catalogue in use after damage */
	char *title;
	char *detail;
	char *message;
} volunteer_event;

typedef struct volunteer_service volunteer_service;

/* Starts watching the roots on a new worker thread. The first scan reports
 * sticks already mounted. STATUS_USAGE without roots, STATUS_IO when the
 * watcher or the thread cannot start, STATUS_NO_MEMORY. *out is NULL on
 * failure. Stop with volunteer_service_stop(). */
KIOSK_NODISCARD status volunteer_service_start(const volunteer_service_setup *setup,
                                               volunteer_service **out);

/* Asks the worker to finish the step it is in, joins it and frees
 * everything, an engine not taken included. NULL is fine. A catalogue
 * being applied is either wholly applied or not at all (one transaction). */
void volunteer_service_stop(volunteer_service *service);

/* Requests. Each returns at once; the answer comes as an event. Requests
 * are done in order. */

/* Checks `pin` (copied, then wiped) against the configured hash:
 * VOLUNTEER_EVENT_PIN_CHECKED. */
void volunteer_service_check_pin(volunteer_service *service, const char *pin);
/* Reads the current stick's catalogue, checks its signature when a key is
 * configured, and compares it with the stored catalogue: PROGRESS events,
 * then PREVIEW — or FINISHED with the reason when the stick cannot be used
 * (gone, refused, unsigned; a stick with only a buurtkiosk/ folder gets the
 * template and FINISHED says so). `now` names the report. */
void volunteer_service_read_stick(volunteer_service *service, local_time now);
/* Applies the catalogue of the last PREVIEW: PROGRESS, then FINISHED. The
 * report and the usage counts are written to the stick when it takes them. */
void volunteer_service_apply(volunteer_service *service, local_time now);
/* Drops the catalogue of the last PREVIEW. A catalogue that could not be
 * applied is recorded in the history and its report written to the stick,
 * so the volunteer can fix the spreadsheet at home. No event. */
void volunteer_service_discard(volunteer_service *service, local_time now);
/* The menu's summaries: MENU_INFO. */
void volunteer_service_menu_info(volunteer_service *service);
/* Writes gebruik.csv (every stored count) to the current stick:
 * MENU_MESSAGE. */
void volunteer_service_export_counts(volunteer_service *service);

/* The menu's "Standaardtaal", kept in the kiosk's own database (the
 * settings file is the administrator's; the kiosk may not write it): the
 * code chosen, and the settings file's [kiosk] default_language it was
 * chosen over, so a start can tell whether the file changed since (app.h
 * says which wins). The store's setting names: */
#define VOLUNTEER_SERVICE_SETTING_LANGUAGE            "default_language"
#define VOLUNTEER_SERVICE_SETTING_LANGUAGE_CONFIGURED "default_language_configured"

/* Stores `code` ("tr") as the default language chosen in the menu, with
 * `configured_code` (the settings file's default_language at the time), in
 * one transaction. Both are copied; each must be shorter than
 * CONFIG_LANGUAGE_BYTES (else nothing is queued and a line is logged). A
 * save still waiting in the queue is replaced, so the newest choice wins
 * and a volunteer tapping through the languages cannot fill the queue.
 * Success is silent; a failure (a database the kiosk cannot write) is
 * logged in one line and answered with a MENU_MESSAGE. */
void volunteer_service_save_default_language(volunteer_service *service, const char *code,
                                             const char *configured_code);
/* Removes the stored choice (the settings file was changed since it was
 * made, so the file wins for good). A failure is logged; no event. Like a
 * save, it replaces a save still waiting. */
void volunteer_service_forget_default_language(volunteer_service *service);

/* Takes the next event into *out (owned by the caller, release it); false
 * when there is none. UI thread. */
bool volunteer_service_next_event(volunteer_service *service, volunteer_event *out);
/* Frees an event's strings and zeroes it. */
void volunteer_event_release(volunteer_event *event);

/* After a FINISHED event with changed_catalogue: the matching index of the
 * new catalogue (its image is already saved for the next start). The caller
 * owns it; NULL when there is none (or it could not be built: the next
 * start rebuilds it). */
match_engine *volunteer_service_take_engine(volunteer_service *service);

/* Blocks until the worker has rescanned the roots and has no request left
 * to do: replay scripts see a stick, and a request's answer, at the step
 * after it. */
void volunteer_service_settle(volunteer_service *service);

#endif
