/* app.h — the kiosk's state machine: which screen is up, what the resident
 * chose, the timers (idle question, reset, attract rotation, momentum), and
 * how touches become actions. Input and time go in, a draw list comes out;
 * no SDL, no files, so the whole flow runs in unit tests. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "catalogue.h"
#include "config.h"
#include "counters.h"
#include "draw.h"
#include "input.h"
#include "layout.h"
#include "match.h"
#include "questions.h"
#include "screen.h"
#include "status.h"
#include "volunteer_flow.h"

typedef enum app_screen {
	APP_ATTRACT = 0,
	APP_START,
	APP_QUESTION,
	APP_RESULTS,
	APP_DETAIL,
	APP_OVERVIEW,
	APP_VOLUNTEER /* the volunteer's pages (volunteer_flow.h) */
} app_screen;

/* Where the full text of offers comes from (the store, in the kiosk): the
 * app keeps only the matching index in memory and loads the few offers on
 * screen. */
typedef struct app_offer_source {
	void *context;
	/* Loads the offers with these ids into a new sorted catalogue the
	 * caller owns; ids that are gone are left out. */
	status (*load)(void *context, const char *const *ids, size_t count, catalogue **out);
} app_offer_source;

/* What the app needs; everything is borrowed and must outlive the app. */
typedef struct app_setup {
	const kiosk_config *config;
	const question_set *questions;
	match_engine *engine; /* the catalogue's matching index (runs use its scratch) */
	app_offer_source offers;
	const screen_language *languages; /* [0] is Dutch, the default */
	size_t language_count;
	counters *counts; /* anonymous per-day counts; the caller stores them */
	time_t start_utc; /* the wall clock at clock 0 (real, or --now) */
	bool kiosk_mode;  /* quitting is ignored */
	/* The menu's "Standaardtaal" as the database kept it from an earlier
	 * run (NULL or "" when none): the code chosen, and the settings file's
	 * [kiosk] default_language it was chosen over. app_create() says which
	 * default wins. */
	const char *saved_language;
	const char *saved_language_configured;
} app_setup;

typedef struct app app;

/* Creates the app on the attract screen at clock `now_ms`. NULL when out of
 * memory. Free with app_destroy().
 *
 * The default language: the saved choice (setup->saved_language) while the
 * settings file's default_language still equals the value it was chosen
 * over (setup->saved_language_configured), so a power cut does not undo a
 * volunteer's choice. When the file says something else now, somebody
 * changed it on purpose: the file wins, and the app asks the loop to drop
 * the saved choice (APP_LANGUAGE_FORGET), so it cannot come back should
 * the file be changed back later. A saved code that is not among the
 * languages (its catalogue missing this time) is passed over for the
 * file's, and kept. Otherwise the file's; the first language when that is
 * not among them either. */
app *app_create(const app_setup *setup, uint64_t now_ms);
/* Frees the app, wiping the resident's choices. NULL is allowed. */
void app_destroy(app *kiosk);

/* Replaces the matching index (after a catalogue import); returns to the
 * attract screen, since results may name offers that are gone. */
void app_set_engine(app *kiosk, match_engine *engine, uint64_t now_ms);

/* Feeds one input event. Hit-testing uses the frame built last by
 * app_build(). Returns true when the kiosk should quit (only outside kiosk
 * mode: window close, Escape, Ctrl+Q). */
bool app_handle_input(app *kiosk, const input_event *event);

/* Advances timers to `now_ms`: the idle question and reset, the attract
 * rotation and drift, scrolling momentum. */
void app_tick(app *kiosk, uint64_t now_ms);

/* The clock time at which app_tick() next has work (UINT64_MAX = none). The
 * loop sleeps until then or the next event. */
uint64_t app_next_deadline(const app *kiosk);

/* True when the screen changed since the last app_build(). */
bool app_needs_redraw(const app *kiosk);

/* Builds the current frame into `list` (cleared first) for a window of
 * `metrics`. The app keeps a pointer to `list` for hit-testing until the
 * next build: the caller keeps it alive. Returns draw_list_status(). */
KIOSK_NODISCARD status app_build(app *kiosk, draw_list *list, const draw_measurer *measurer,
                                 const layout_metrics *metrics);

/* Printing. The app only asks and shows; the loop prints off the UI thread
 * (printer.h) and reports back, so a slow or absent printer never holds a
 * frame. */
typedef enum app_print_state {
	APP_PRINT_NONE = 0, /* nothing to show */
	APP_PRINT_BUSY,     /* "Bezig met printen…" */
	APP_PRINT_DONE,     /* "Neem uw briefje mee" */
	APP_PRINT_FAILED    /* the printer's plain message */
} app_print_state;

/* When the resident pressed Print (one offer) or a welfare worker "Print de
 * keuze" (up to SESSION_MAX_PICKS): copies the offer ids into `ids` and
 * returns how many (0 = no request), taking the request. */
size_t app_take_print_request(app *kiosk, char ids[][SESSION_MAX_ID_BYTES], size_t capacity);
/* The loop reports the job: BUSY when it started, then DONE or FAILED with
 * `message` (already in the resident's language; copied). DONE counts each
 * printed offer, anonymously. The message stays a few seconds. */
void app_set_print_state(app *kiosk, app_print_state state, const char *message, uint64_t now_ms);
/* The language the resident chose (its messages; NULL = Dutch), for the
 * slip and the printer's messages. */
const struct translation *app_messages(const app *kiosk);
/* The code of that language ("nl", "en", …; borrowed from the setup). */
const char *app_language_code(const app *kiosk);

/* The volunteer's side. The app only asks and shows; the loop hands the
 * requests to the volunteer service (volunteer_service.h) and feeds its
 * events back, so PIN checks and imports never hold a frame. */

/* A stick for the kiosk came (`present`) or went. With the attract screen
 * up the PIN pad opens at once; a resident's visit is never interrupted:
 * a small "Vrijwilliger? Tik hier" bar offers it instead, and the pad opens
 * by itself once the kiosk is back on the attract screen. A stick that was
 * dealt with (the volunteer pressed Klaar or Annuleren) does not open the
 * pad again until it is taken out. A stick taken out while its PIN pad or
 * preview is up closes them. */
void app_volunteer_stick(app *kiosk, bool present, uint64_t now_ms);
/* Feeds one event of the volunteer service (borrowed; STICK events go to
 * app_volunteer_stick()). */
void app_volunteer_event(app *kiosk, const volunteer_event *event, uint64_t now_ms);
/* Takes the oldest volunteer request (VOLUNTEER_REQUEST_NONE when none);
 * for CHECK_PIN the PIN is copied into pin[0..pin_size) — wipe it after. */
volunteer_request app_take_volunteer_request(app *kiosk, char *pin, size_t pin_size);
/* The language the attract screen, and every visit, starts in (the menu's
 * "Standaardtaal"); an index into app_setup.languages. */
size_t app_default_language(const app *kiosk);

/* What the loop should keep in the database about the default language. */
typedef enum app_language_save {
	APP_LANGUAGE_SAVE_NONE = 0, /* nothing new */
	APP_LANGUAGE_SAVE_CHOICE,   /* the menu chose *code over the file's *configured_code */
	APP_LANGUAGE_FORGET         /* drop the saved choice: the settings file changed since */
} app_language_save;
/* Takes (once) what changed since the last call; the newest choice only,
 * however often the menu item was tapped in between. For
 * APP_LANGUAGE_SAVE_CHOICE, *code (a language's code) and *configured_code
 * (the settings file's default_language, "" without a config) are borrowed
 * from the setup; otherwise both are "". The loop hands it to the
 * volunteer service's worker (the write waits for the disk). */
app_language_save app_take_language_save(app *kiosk, const char **code,
                                         const char **configured_code);

/* Read-aloud. The app decides what is read; the loop's speech player
 * (speech.h) reads it off the UI thread. */
typedef enum app_speech {
	APP_SPEECH_NONE = 0, /* nothing new */
	APP_SPEECH_STOP,     /* a new touch, the switch turned off, the visit ended */
	APP_SPEECH_SAY       /* read *text in *language_code (replacing what is said) */
} app_speech;
/* Takes what read-aloud should do now. For APP_SPEECH_SAY, *text and
 * *language_code are borrowed from the app until the next call. With the
 * switch on, each new screen reads its question and then its options (or a
 * page's title and its first offers), and a speaker button reads just its
 * tile or card. Every touch stops the speech first. */
app_speech app_take_speech(app *kiosk, const char **text, const char **language_code);

/* The resident's text size and contrast (the "Aa" button); the loop lays
 * out the next frame with layout_compute_styled(). Normal after a reset. */
layout_text_style app_text_style(const app *kiosk);

/* Which screen is up, and whether "Bent u er nog?" is over it. */
app_screen app_current_screen(const app *kiosk);
bool app_idle_question_shown(const app *kiosk);
/* True (once) after the app returned to the attract screen: the caller
 * stores the counts then. */
bool app_take_reset_notice(app *kiosk);
/* The resident's session (for tests: after a reset it is all zero). */
const session *app_session(const app *kiosk);

#endif
