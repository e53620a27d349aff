/* app.c — the kiosk's state machine: screens, gestures, timers, and the
 * resident's choices. Everything personal lives in `resident` and the
 * results, and is wiped when the kiosk returns to the attract screen. */
#include "app.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "distance.h"
#include "qr.h"
#include "schedule.h"
#include "screen_attract.h"
#include "screen_detail.h"
#include "screen_idle.h"
#include "screen_overview.h"
#include "screen_print.h"
#include "screen_question.h"
#include "screen_results.h"
#include "screen_start.h"
#include "screen_volunteer.h"
#include "screen_volunteer_bar.h"
#include "session.h"
#include "speech.h"
#include "screen_offer_text.h"
#include "text.h"
#include "translate.h"
#include "upcoming.h"

enum {
	/* A finger that moves less than this (in mm) is still tapping. */
	TAP_SLOP_MM = 4,
	/* A second tap this soon after an action is a double tap: it is ignored
	 * when it would act again on the same thing or on a screen it has not
	 * seen yet. */
	DOUBLE_TAP_MS = 400,
	ATTRACT_ROTATE_MS = 8000,
	/* The attract content drifts about a pixel every twelve seconds; a
	 * redraw every ten seconds follows it while the CPU sleeps. */
	ATTRACT_REDRAW_MS = 10000,
	ATTRACT_SHOWN = 8,
	ATTRACT_HORIZON_DAYS = 14,
	MOMENTUM_FRAME_MS = 16,
	UPCOMING_REFRESH_MS = 60000,
	/* Beyond this the walking time is not worth showing. */
	MAX_WALKING_MINUTES = 90,
	/* How long "Neem uw briefje mee" or a printer's message stays up. */
	PRINT_MESSAGE_MS = 8000,
	/* The hidden gesture: a finger held this long in the top-left corner
	 * (a square one touch target wide) opens the volunteer menu's PIN. */
	MENU_HOLD_MS = 5000,
	/* The lockout's countdown on the PIN pad moves once a second. */
	LOCK_TICK_MS = 1000
};

struct app {
	app_setup setup;
	match_engine *engine;
	app_screen screen;
	session resident;

	/* Time. */
	uint64_t now_ms;
	uint64_t start_ms;
	uint64_t last_touch_ms;
	bool idle_question;
	bool reset_notice;
	bool dirty;

	/* Gesture. */
	bool pointer_down;
	bool dragging;
	int press_x, press_y;
	int last_y;
	uint64_t last_move_ms;
	double velocity; /* pixels per millisecond, for momentum */
	bool momentum;
	uint64_t momentum_ms;
	int pressed_action, pressed_argument;
	bool press_in_scroll_area;
	int scroll_at_press;
	uint64_t last_action_ms;
	int last_action, last_argument;
	unsigned screen_generation; /* changes whenever the screen does */
	unsigned generation_at_last_action;

	/* The frame last built, for hit-testing. */
	const draw_list *frame;
	int pixels_per_slop;
	int viewport_height;

	/* Attract. */
	screen_offer upcoming[ATTRACT_SHOWN];
	size_t upcoming_count;
	size_t upcoming_shown;
	catalogue *upcoming_offers;
	uint64_t upcoming_loaded_ms;
	uint64_t next_rotation_ms;
	uint64_t drift_beat;

	/* Results. */
	match_outcome outcome;
	match_result result_copies[SCREEN_MAX_RESULTS];
	screen_offer results[SCREEN_MAX_RESULTS];
	size_t result_count;
	size_t results_total;
	catalogue *result_offers;
	int scroll;
	int content_height;
	bool results_counted;

	/* Printing: a request the loop has not taken yet, and the job's state. */
	char print_ids[SESSION_MAX_PICKS][SESSION_MAX_ID_BYTES];
	size_t print_request_count;
	char printing_ids[SESSION_MAX_PICKS][SESSION_MAX_ID_BYTES];
	size_t printing_count;
	app_print_state print_state;
	char print_message[256];
	uint64_t print_message_until_ms;

	/* Detail. */
	size_t detail_position;
	app_screen detail_return;
	qr_code *detail_qr;
	bool question_return_to_overview;

	/* The volunteer. */
	volunteer_flow *volunteer;
	bool stick_present;
	bool stick_handled; /* its flow was closed: wait until it is taken out */
	bool corner_hold;   /* the finger went down in the top-left corner */
	uint64_t corner_press_ms;
	int corner_side; /* pixels, from the last frame's metrics */
	size_t default_language;
	app_language_save language_save; /* for the loop to take */
	screen_volunteer volunteer_view; /* rebuilt each frame */

	/* Read-aloud: what the loop should do next, and the text to read. */
	app_speech speech;
	text_buffer speech_text;
	unsigned spoken_generation; /* the screen last read aloud */
};

static local_time local_now(const app *kiosk)
{
	time_t elapsed = (time_t)((kiosk->now_ms - kiosk->start_ms) / 1000);
	return schedule_local_from_utc(kiosk->setup.start_utc + elapsed);
}

static void change_screen(app *kiosk, app_screen screen)
{
	kiosk->screen = screen;
	kiosk->screen_generation++;
	kiosk->scroll = 0;
	kiosk->momentum = false;
	kiosk->dirty = true;
}

static void forget_results(app *kiosk)
{
	catalogue_destroy(kiosk->result_offers);
	kiosk->result_offers = NULL;
	memset(kiosk->results, 0, sizeof(kiosk->results));
	memset(kiosk->result_copies, 0, sizeof(kiosk->result_copies));
	memset(&kiosk->outcome, 0, sizeof(kiosk->outcome));
	kiosk->result_count = 0;
	kiosk->results_total = 0;
	kiosk->results_counted = false;
	qr_free(kiosk->detail_qr);
	kiosk->detail_qr = NULL;
}

/* Fills what a card shows beyond the offer's text: the next meetings and
 * the walk. */
static void complete_offer(const app *kiosk, screen_offer *shown, int32_t distance_metres)
{
	shown->meeting_count =
	    schedule_next_meetings(&shown->item->schedule, local_now(kiosk), shown->meetings, 3);
	shown->distance_metres = distance_metres;
	shown->walking_minutes = -1;
	if (distance_metres >= 0 && (shown->item->contact & CONTACT_IN_PERSON)) {
		int minutes = distance_walking_minutes((double)distance_metres);
		shown->walking_minutes = minutes <= MAX_WALKING_MINUTES ? minutes : -1;
	}
}

static void load_upcoming(app *kiosk)
{
	catalogue_destroy(kiosk->upcoming_offers);
	kiosk->upcoming_offers = NULL;
	kiosk->upcoming_count = 0;
	kiosk->upcoming_loaded_ms = kiosk->now_ms;
	if (!kiosk->engine || !kiosk->setup.offers.load) {
		return;
	}
	upcoming_meeting soonest[ATTRACT_SHOWN];
	size_t found = upcoming_meetings_from_engine(kiosk->engine, local_now(kiosk),
	                                             ATTRACT_HORIZON_DAYS, soonest, ATTRACT_SHOWN);
	const char *ids[ATTRACT_SHOWN];
	for (size_t index = 0; index < found; index++) {
		ids[index] = match_engine_offer_id(kiosk->engine, soonest[index].offer_index);
	}
	if (found == 0 || kiosk->setup.offers.load(kiosk->setup.offers.context, ids, found,
	                                           &kiosk->upcoming_offers) != STATUS_OK) {
		return;
	}
	for (size_t index = 0; index < found; index++) {
		const offer *item = catalogue_find(kiosk->upcoming_offers, ids[index]);
		if (!item) {
			continue;
		}
		screen_offer *shown = &kiosk->upcoming[kiosk->upcoming_count++];
		memset(shown, 0, sizeof(*shown));
		shown->item = item;
		complete_offer(
		    kiosk, shown,
		    match_engine_offer_distance(kiosk->engine, soonest[index].offer_index));
	}
	if (kiosk->upcoming_shown >= kiosk->upcoming_count) {
		kiosk->upcoming_shown = 0;
	}
}

static void forget_printing(app *kiosk)
{
	memset(kiosk->print_ids, 0, sizeof(kiosk->print_ids));
	kiosk->print_request_count = 0;
	kiosk->print_state = APP_PRINT_NONE;
	kiosk->print_message[0] = '\0';
}

static void open_volunteer(app *kiosk, volunteer_purpose purpose);

/* Ends a resident's visit: their results, print job, answers and what was
 * being read to them are gone; the next visit starts in the default
 * language with read-aloud off (the switch lived in the session). */
static void end_visit(app *kiosk)
{
	forget_results(kiosk);
	forget_printing(kiosk);
	session_wipe(&kiosk->resident);
	kiosk->resident.language = kiosk->default_language;
	kiosk->speech = APP_SPEECH_STOP;
	text_wipe(kiosk->speech_text.data, kiosk->speech_text.length);
	text_buffer_clear(&kiosk->speech_text);
}

static void reset_to_attract(app *kiosk)
{
	end_visit(kiosk);
	if (kiosk->volunteer && volunteer_flow_is_open(kiosk->volunteer)) {
		volunteer_flow_close(kiosk->volunteer);
		kiosk->stick_handled = true;
	}
	kiosk->corner_hold = false;
	kiosk->idle_question = false;
	kiosk->pointer_down = false;
	kiosk->dragging = false;
	kiosk->pressed_action = ACTION_NONE;
	kiosk->question_return_to_overview = false;
	kiosk->reset_notice = true;
	kiosk->next_rotation_ms = kiosk->now_ms + ATTRACT_ROTATE_MS;
	change_screen(kiosk, APP_ATTRACT);
	load_upcoming(kiosk);
	/* A stick that arrived while a resident was busy gets its turn now. */
	if (kiosk->stick_present && !kiosk->stick_handled && kiosk->volunteer) {
		open_volunteer(kiosk, VOLUNTEER_FOR_IMPORT);
	}
}

/* Opens the volunteer's PIN pad, ending whatever a resident had open. */
static void open_volunteer(app *kiosk, volunteer_purpose purpose)
{
	if (kiosk->screen != APP_ATTRACT) {
		end_visit(kiosk);
		kiosk->reset_notice = true; /* the visit's counts are stored */
	}
	kiosk->idle_question = false;
	kiosk->corner_hold = false;
	volunteer_flow_open(kiosk->volunteer, purpose, (int64_t)kiosk->now_ms);
	change_screen(kiosk, APP_VOLUNTEER);
}

/* The volunteer is done: back to the attract screen, and this stick does
 * not open the pad again. */
static void close_volunteer(app *kiosk)
{
	if (kiosk->stick_present) {
		kiosk->stick_handled = true;
	}
	reset_to_attract(kiosk);
	kiosk->reset_notice = false; /* no resident's visit ended */
}

/* The index of the language with `code`; false when there is none. */
static bool find_language(const app *kiosk, const char *code, size_t *index)
{
	for (size_t at = 0; code && at < kiosk->setup.language_count; at++) {
		if (kiosk->setup.languages[at].code &&
		    strcmp(kiosk->setup.languages[at].code, code) == 0) {
			*index = at;
			return true;
		}
	}
	return false;
}

static const char *configured_language(const app *kiosk)
{
	return kiosk->setup.config ? kiosk->setup.config->default_language : "";
}

/* The precedence app_create() documents: a saved choice holds only while
 * the settings file still says what it said when the choice was made. */
static void choose_default_language(app *kiosk)
{
	const char *configured = configured_language(kiosk);
	kiosk->default_language = 0;
	(void)find_language(kiosk, configured, &kiosk->default_language);
	const char *saved = kiosk->setup.saved_language;
	if (!saved || !saved[0]) {
		return;
	}
	const char *chosen_over = kiosk->setup.saved_language_configured;
	if (!chosen_over || strcmp(chosen_over, configured) != 0) {
		kiosk->language_save = APP_LANGUAGE_FORGET;
		return;
	}
	(void)find_language(kiosk, saved, &kiosk->default_language);
}

app *app_create(const app_setup *setup, uint64_t now_ms)
{
	app *kiosk = calloc(1, sizeof(app));
	if (!kiosk) {
		return NULL;
	}
	kiosk->setup = *setup;
	kiosk->engine = setup->engine;
	kiosk->now_ms = now_ms;
	kiosk->start_ms = now_ms;
	kiosk->last_touch_ms = now_ms;
	kiosk->pressed_action = ACTION_NONE;
	kiosk->volunteer = volunteer_flow_create();
	if (!kiosk->volunteer) {
		free(kiosk);
		return NULL;
	}
	choose_default_language(kiosk);
	reset_to_attract(kiosk);
	kiosk->reset_notice = false;
	return kiosk;
}

void app_destroy(app *kiosk)
{
	if (!kiosk) {
		return;
	}
	forget_results(kiosk);
	catalogue_destroy(kiosk->upcoming_offers);
	session_wipe(&kiosk->resident);
	volunteer_flow_destroy(kiosk->volunteer);
	text_wipe(kiosk->speech_text.data, kiosk->speech_text.length);
	text_buffer_free(&kiosk->speech_text);
	free(kiosk);
}

void app_set_engine(app *kiosk, match_engine *engine, uint64_t now_ms)
{
	kiosk->engine = engine;
	kiosk->now_ms = now_ms;
	reset_to_attract(kiosk);
}

/* Adds one to an anonymous count. Counting never stops a resident: a key
 * outside the counters' alphabet (an unusual offer id) is simply not
 * counted. */
static void count_event(app *kiosk, counter_kind kind, const char *key)
{
	if (!kiosk->setup.counts) {
		return;
	}
	if (counters_add(kiosk->setup.counts, local_now(kiosk).day, kind, key, 1) != STATUS_OK) {
		return;
	}
}

static void count_results(app *kiosk, const match_answers *answers)
{
	if (!kiosk->setup.counts || kiosk->results_counted) {
		return;
	}
	kiosk->results_counted = true;
	text_buffer canonical = {0};
	if (match_format_answers(answers, &canonical) == STATUS_OK) {
		const char *key = text_buffer_string(&canonical);
		/* A search with everything skipped is counted as "alles". */
		count_event(kiosk, COUNTER_SEARCH, key[0] ? key : "alles");
		if (kiosk->outcome.fitting_before_relaxing == 0) {
			count_event(kiosk, COUNTER_UNMET_DEMAND, key[0] ? key : "alles");
		}
	}
	text_buffer_free(&canonical);
	size_t question_count = questions_count(kiosk->setup.questions);
	for (size_t index = 0; index < question_count && index < QUESTIONS_MAX_QUESTIONS; index++) {
		const question *item = questions_at(kiosk->setup.questions, index);
		for (size_t option = 0; option < item->option_count; option++) {
			char key[QUESTIONS_MAX_ID_BYTES * 2 + 4];
			if (session_is_chosen(&kiosk->resident, index, option) &&
			    text_format(key, sizeof(key), "%s=%s", item->id,
			                item->options[option].id)) {
				count_event(kiosk, COUNTER_ANSWER, key);
			}
		}
	}
}

/* Matches the current answers and loads the text of the top results. */
static void run_match(app *kiosk)
{
	forget_results(kiosk);
	if (!kiosk->engine) {
		return;
	}
	match_answers answers;
	memset(&answers, 0, sizeof(answers));
	if (session_answers(&kiosk->resident, kiosk->setup.questions, &answers) != STATUS_OK) {
		/* An answer the matcher does not know: match on nothing rather than
		 * show an error to a resident. */
		memset(&answers, 0, sizeof(answers));
	}
	if (match_engine_run(kiosk->engine, &answers, local_now(kiosk), &kiosk->outcome) !=
	    STATUS_OK) {
		memset(&kiosk->outcome, 0, sizeof(kiosk->outcome));
		return;
	}
	size_t shown =
	    kiosk->outcome.count < SCREEN_MAX_RESULTS ? kiosk->outcome.count : SCREEN_MAX_RESULTS;
	const char *ids[SCREEN_MAX_RESULTS];
	for (size_t index = 0; index < shown; index++) {
		kiosk->result_copies[index] = kiosk->outcome.results[index];
		ids[index] =
		    match_engine_offer_id(kiosk->engine, kiosk->outcome.results[index].offer_index);
	}
	kiosk->results_total = kiosk->outcome.count;
	if (shown > 0 && kiosk->setup.offers.load(kiosk->setup.offers.context, ids, shown,
	                                          &kiosk->result_offers) == STATUS_OK) {
		for (size_t index = 0; index < shown; index++) {
			const offer *item = catalogue_find(kiosk->result_offers, ids[index]);
			if (!item) {
				continue; /* removed since the index was built */
			}
			screen_offer *card = &kiosk->results[kiosk->result_count];
			kiosk->result_copies[kiosk->result_count] = kiosk->outcome.results[index];
			card->item = item;
			card->result = &kiosk->result_copies[kiosk->result_count];
			complete_offer(kiosk, card, kiosk->outcome.results[index].distance_metres);
			kiosk->result_count++;
		}
	}
	memset(&answers, 0, sizeof(answers));
}

static void show_results(app *kiosk)
{
	run_match(kiosk);
	match_answers answers;
	memset(&answers, 0, sizeof(answers));
	if (session_answers(&kiosk->resident, kiosk->setup.questions, &answers) == STATUS_OK) {
		count_results(kiosk, &answers);
	}
	memset(&answers, 0, sizeof(answers));
	change_screen(kiosk, APP_RESULTS);
}

static void open_detail(app *kiosk, size_t position, app_screen from)
{
	if (position >= kiosk->result_count) {
		return;
	}
	kiosk->detail_position = position;
	kiosk->detail_return = from;
	qr_free(kiosk->detail_qr);
	kiosk->detail_qr = NULL;
	const offer *item = kiosk->results[position].item;
	if (item->signup_url[0] && qr_encode(item->signup_url, &kiosk->detail_qr) != STATUS_OK) {
		kiosk->detail_qr = NULL; /* the URL is still written out */
	}
	count_event(kiosk, COUNTER_OFFER_OPENED, item->id);
	change_screen(kiosk, APP_DETAIL);
}

static void next_question(app *kiosk)
{
	if (kiosk->question_return_to_overview) {
		kiosk->question_return_to_overview = false;
		run_match(kiosk);
		change_screen(kiosk, APP_OVERVIEW);
		return;
	}
	size_t count = questions_count(kiosk->setup.questions);
	if (kiosk->resident.question + 1 < count) {
		kiosk->resident.question++;
		kiosk->resident.visited[kiosk->resident.question] = true;
		change_screen(kiosk, APP_QUESTION);
	} else {
		show_results(kiosk);
	}
}

static void go_back(app *kiosk)
{
	switch (kiosk->screen) {
	case APP_QUESTION:
		if (kiosk->question_return_to_overview) {
			kiosk->question_return_to_overview = false;
			run_match(kiosk);
			change_screen(kiosk, APP_OVERVIEW);
		} else if (kiosk->resident.question > 0) {
			kiosk->resident.question--;
			change_screen(kiosk, APP_QUESTION);
		} else {
			change_screen(kiosk, APP_START);
		}
		break;
	case APP_RESULTS: change_screen(kiosk, APP_QUESTION); break;
	case APP_DETAIL: {
		app_screen back = kiosk->detail_return;
		change_screen(kiosk, back);
		break;
	}
	case APP_OVERVIEW: change_screen(kiosk, APP_RESULTS); break;
	case APP_START: reset_to_attract(kiosk); break;
	case APP_ATTRACT:
	case APP_VOLUNTEER: break;
	}
}

/* Asks the loop to print these offers, unless a job is already running
 * (the screen says "Bezig met printen…" then). */
static void request_print(app *kiosk, const char *const *ids, size_t count)
{
	if (count == 0 || kiosk->print_state == APP_PRINT_BUSY || kiosk->print_request_count > 0) {
		return;
	}
	for (size_t index = 0; index < count && index < SESSION_MAX_PICKS; index++) {
		(void)text_copy(kiosk->print_ids[index], SESSION_MAX_ID_BYTES, ids[index]);
		kiosk->print_request_count++;
	}
	/* Shown at once; the loop confirms when the job really starts. */
	kiosk->print_state = APP_PRINT_BUSY;
	kiosk->print_message[0] = '\0';
	kiosk->dirty = true;
}

/* ---- read-aloud ---- */

/* A context for the screens' phrase helpers (dates, walking minutes, the
 * offer's text in the resident's language). */
static screen_context phrase_context(const app *kiosk)
{
	screen_context context;
	memset(&context, 0, sizeof(context));
	context.messages = app_messages(kiosk);
	context.languages = kiosk->setup.languages;
	context.language_count = kiosk->setup.language_count;
	context.config = kiosk->setup.config;
	context.now = local_now(kiosk);
	return context;
}

static void start_saying(app *kiosk)
{
	text_wipe(kiosk->speech_text.data, kiosk->speech_text.length);
	text_buffer_clear(&kiosk->speech_text);
}

static void finish_saying(app *kiosk, status composed)
{
	kiosk->speech = composed == STATUS_OK ? APP_SPEECH_SAY : APP_SPEECH_STOP;
}

/* Reads one Dutch msgid aloud in the resident's language. */
static void say_sentence(app *kiosk, const char *msgid)
{
	start_saying(kiosk);
	finish_saying(kiosk, speech_append_sentence(&kiosk->speech_text,
	                                            translate_text(app_messages(kiosk), msgid)));
}

/* An offer as read aloud: its name, the first sentence or the whole
 * description, the next meeting and the walk. */
static status append_offer(const app *kiosk, const screen_offer *shown, bool whole,
                           text_buffer *out)
{
	screen_context context = phrase_context(kiosk);
	status result = speech_append_sentence(out, screen_offer_name(&context, shown->item));
	const char *description = screen_offer_description(&context, shown->item);
	if (result == STATUS_OK && description[0]) {
		size_t length = strlen(description);
		const char *stop = whole ? NULL : strpbrk(description, ".!?");
		if (stop) {
			length = (size_t)(stop - description) + 1;
		}
		char sentence[1024];
		if (length >= sizeof(sentence)) {
			length = sizeof(sentence) - 1;
		}
		memcpy(sentence, description, length);
		sentence[length] = '\0';
		result = whole && strlen(description) >= sizeof(sentence)
		             ? text_buffer_append_string(out, description)
		             : speech_append_sentence(out, sentence);
	}
	char phrase[256];
	if (result == STATUS_OK && shown->meeting_count > 0) {
		screen_format_meeting(&context, &shown->meetings[0], phrase, sizeof(phrase));
		result = speech_append_sentence(out, phrase);
	}
	if (result == STATUS_OK && shown->walking_minutes >= 0) {
		screen_format_walking(&context, shown->walking_minutes, phrase, sizeof(phrase));
		result = speech_append_sentence(out, phrase);
	}
	return result;
}

/* What a screen reads when it comes up with the switch on. */
static void speak_screen(app *kiosk)
{
	if (!kiosk->resident.read_aloud || kiosk->spoken_generation == kiosk->screen_generation) {
		return;
	}
	kiosk->spoken_generation = kiosk->screen_generation;
	if (kiosk->screen != APP_QUESTION && kiosk->screen != APP_RESULTS &&
	    kiosk->screen != APP_DETAIL) {
		return; /* the welfare worker's and volunteer's pages stay quiet */
	}
	start_saying(kiosk);
	status result = STATUS_OK;
	switch (kiosk->screen) {
	case APP_QUESTION: {
		const question *item =
		    questions_at(kiosk->setup.questions, kiosk->resident.question);
		if (!item) {
			return;
		}
		result = speech_question_script(item, app_messages(kiosk), &kiosk->speech_text);
		break;
	}
	case APP_RESULTS: {
		const struct translation *messages = app_messages(kiosk);
		result = speech_append_sentence(
		    &kiosk->speech_text,
		    translate_text(messages, kiosk->result_count > 0
		                                 ? "Dit past bij u"
		                                 : "Er is op dit moment niets gevonden."));
		for (size_t index = 0;
		     index < kiosk->result_count && index < 3 && result == STATUS_OK; index++) {
			result =
			    append_offer(kiosk, &kiosk->results[index], false, &kiosk->speech_text);
		}
		break;
	}
	case APP_DETAIL:
		if (kiosk->detail_position >= kiosk->result_count) {
			return;
		}
		result = append_offer(kiosk, &kiosk->results[kiosk->detail_position], true,
		                      &kiosk->speech_text);
		break;
	case APP_ATTRACT:
	case APP_START:
	case APP_OVERVIEW:
	case APP_VOLUNTEER: return;
	}
	finish_saying(kiosk, result);
}

/* A speaker button: one answer tile, or one offer's card. */
static void speak_one(app *kiosk, int argument)
{
	if (argument < 0) {
		return;
	}
	start_saying(kiosk);
	status result = STATUS_NO_MEMORY;
	if (kiosk->screen == APP_QUESTION) {
		const question *item =
		    questions_at(kiosk->setup.questions, kiosk->resident.question);
		if (!item || (size_t)argument >= item->option_count) {
			return;
		}
		result = speech_append_sentence(
		    &kiosk->speech_text,
		    translate_text(app_messages(kiosk), item->options[argument].text));
	} else if ((size_t)argument < kiosk->result_count) {
		result = append_offer(kiosk, &kiosk->results[argument], false, &kiosk->speech_text);
	} else {
		return;
	}
	finish_saying(kiosk, result);
}

static void perform(app *kiosk, int action, int argument)
{
	size_t question_count = questions_count(kiosk->setup.questions);
	switch ((screen_action)action) {
	case ACTION_BEGIN: change_screen(kiosk, APP_START); break;
	case ACTION_LANGUAGE:
		if (argument >= 0 && (size_t)argument < kiosk->setup.language_count) {
			kiosk->resident.language = (size_t)argument;
			kiosk->resident.question = 0;
			kiosk->resident.visited[0] = true;
			change_screen(kiosk, question_count > 0 ? APP_QUESTION : APP_RESULTS);
			if (question_count == 0) {
				show_results(kiosk);
			}
		}
		break;
	case ACTION_READ_ALOUD:
		kiosk->resident.read_aloud = !kiosk->resident.read_aloud;
		kiosk->dirty = true;
		if (kiosk->resident.read_aloud) {
			say_sentence(kiosk, "Voorlezen");
		} else {
			kiosk->speech = APP_SPEECH_STOP;
		}
		break;
	case ACTION_OPTION: {
		const question *item =
		    questions_at(kiosk->setup.questions, kiosk->resident.question);
		if (!item || argument < 0) {
			break;
		}
		session_choose(&kiosk->resident, kiosk->setup.questions, kiosk->resident.question,
		               (size_t)argument);
		kiosk->dirty = true;
		/* One answer is all a single-choice question takes: go on. */
		if (item->choice == QUESTION_SINGLE &&
		    session_is_chosen(&kiosk->resident, kiosk->resident.question,
		                      (size_t)argument)) {
			next_question(kiosk);
		}
		break;
	}
	case ACTION_NEXT: next_question(kiosk); break;
	case ACTION_SKIP:
		if (kiosk->resident.question < QUESTIONS_MAX_QUESTIONS) {
			kiosk->resident.chosen[kiosk->resident.question] = 0;
		}
		next_question(kiosk);
		break;
	case ACTION_BACK: go_back(kiosk); break;
	case ACTION_SHOW_RESULTS:
		kiosk->question_return_to_overview = false;
		show_results(kiosk);
		break;
	case ACTION_OPEN_OFFER:
		if (argument >= 0) {
			open_detail(kiosk, (size_t)argument, kiosk->screen);
		}
		break;
	case ACTION_OVERVIEW: change_screen(kiosk, APP_OVERVIEW); break;
	case ACTION_OVERVIEW_OPTION: {
		if (argument < 0) {
			break;
		}
		size_t question_index = (size_t)argument / 32;
		size_t option = (size_t)argument % 32;
		session_choose(&kiosk->resident, kiosk->setup.questions, question_index, option);
		int scroll = kiosk->scroll;
		run_match(kiosk);
		kiosk->scroll = scroll; /* stay where the worker is */
		kiosk->dirty = true;
		break;
	}
	case ACTION_TOGGLE_PICK:
		if (argument >= 0 && (size_t)argument < kiosk->result_count) {
			(void)session_toggle_pick(&kiosk->resident,
			                          kiosk->results[argument].item->id);
			kiosk->dirty = true;
		}
		break;
	case ACTION_STILL_HERE:
		kiosk->idle_question = false;
		kiosk->dirty = true;
		break;
	case ACTION_TEXT_STYLE:
		kiosk->resident.text_style =
		    (kiosk->resident.text_style + 1) % LAYOUT_TEXT_STYLE_COUNT;
		kiosk->dirty = true;
		break;
	case ACTION_SPEAK: speak_one(kiosk, argument); break;
	case ACTION_START_OVER:
		end_visit(kiosk);
		change_screen(kiosk, APP_START);
		break;
	case ACTION_PRINT:
		if (kiosk->screen == APP_DETAIL && kiosk->detail_position < kiosk->result_count) {
			const char *id = kiosk->results[kiosk->detail_position].item->id;
			request_print(kiosk, &id, 1);
		}
		break;
	case ACTION_PRINT_PICKS: {
		const char *ids[SESSION_MAX_PICKS];
		for (size_t index = 0; index < kiosk->resident.pick_count; index++) {
			ids[index] = kiosk->resident.picks[index];
		}
		request_print(kiosk, ids, kiosk->resident.pick_count);
		break;
	}
	case ACTION_VOLUNTEER_OPEN:
		if (kiosk->stick_present && !volunteer_flow_is_open(kiosk->volunteer)) {
			open_volunteer(kiosk, VOLUNTEER_FOR_IMPORT);
		}
		break;
	case ACTION_PIN_DIGIT:
	case ACTION_PIN_ERASE:
	case ACTION_PIN_OK:
	case ACTION_VOLUNTEER_APPLY:
	case ACTION_VOLUNTEER_CANCEL:
	case ACTION_VOLUNTEER_DONE:
	case ACTION_MENU_ITEM:
		switch (volunteer_flow_perform(kiosk->volunteer, action, argument,
		                               (int64_t)kiosk->now_ms)) {
		case VOLUNTEER_CLOSED: close_volunteer(kiosk); break;
		case VOLUNTEER_NEXT_LANGUAGE:
			if (kiosk->setup.language_count > 0) {
				kiosk->default_language =
				    (kiosk->default_language + 1) % kiosk->setup.language_count;
				kiosk->language_save = APP_LANGUAGE_SAVE_CHOICE;
			}
			kiosk->dirty = true;
			break;
		case VOLUNTEER_STAYS:
		case VOLUNTEER_NOT_MINE: kiosk->dirty = true; break;
		}
		break;
	case ACTION_NONE:
	case ACTION_SCROLL_AREA:
	case ACTION_COUNT: break;
	}
}

static int clamp_scroll(const app *kiosk, int scroll)
{
	int limit = kiosk->content_height - kiosk->viewport_height;
	if (scroll > limit) {
		scroll = limit;
	}
	return scroll < 0 ? 0 : scroll;
}

static const draw_target *target_at(const app *kiosk, int x, int y)
{
	return kiosk->frame ? draw_list_target_at_point(kiosk->frame, x, y) : NULL;
}

/* The scrolling list under the point, when there is one. */
static const draw_target *scroll_area_at(const app *kiosk, int x, int y)
{
	if (!kiosk->frame) {
		return NULL;
	}
	for (size_t index = draw_list_target_count(kiosk->frame); index > 0; index--) {
		const draw_target *target = draw_list_target_at(kiosk->frame, index - 1);
		if (target->action == ACTION_SCROLL_AREA && draw_rect_contains(target->box, x, y)) {
			return target;
		}
	}
	return NULL;
}

static void on_press(app *kiosk, const input_event *event)
{
	kiosk->pointer_down = true;
	kiosk->dragging = false;
	kiosk->momentum = false;
	kiosk->press_x = event->x;
	kiosk->press_y = event->y;
	kiosk->last_y = event->y;
	kiosk->last_move_ms = event->time_ms;
	kiosk->velocity = 0.0;
	kiosk->scroll_at_press = kiosk->scroll;
	const draw_target *scroll_area = scroll_area_at(kiosk, event->x, event->y);
	kiosk->press_in_scroll_area = scroll_area != NULL;
	if (scroll_area) {
		kiosk->viewport_height = scroll_area->box.height;
	}
	/* The hidden gesture starts in the top-left corner on any screen but
	 * the volunteer's own. */
	kiosk->corner_hold = kiosk->screen != APP_VOLUNTEER && event->x < kiosk->corner_side &&
	                     event->y < kiosk->corner_side;
	kiosk->corner_press_ms = event->time_ms;
	const draw_target *target = target_at(kiosk, event->x, event->y);
	/* Feedback in the very next frame: the pressed target is drawn pressed. */
	kiosk->pressed_action = target ? target->action : ACTION_NONE;
	kiosk->pressed_argument = target ? target->argument : 0;
	kiosk->dirty = true;
}

static void on_move(app *kiosk, const input_event *event)
{
	if (!kiosk->pointer_down) {
		return;
	}
	int dx = event->x - kiosk->press_x;
	int dy = event->y - kiosk->press_y;
	if (!kiosk->dragging &&
	    dx * dx + dy * dy > kiosk->pixels_per_slop * kiosk->pixels_per_slop) {
		/* A finger that travels is dragging, not tapping. */
		kiosk->dragging = true;
		kiosk->corner_hold = false;
		kiosk->pressed_action = ACTION_NONE;
		kiosk->dirty = true;
	}
	if (kiosk->dragging && kiosk->press_in_scroll_area) {
		uint64_t elapsed = event->time_ms - kiosk->last_move_ms;
		if (elapsed > 0) {
			double instant = (double)(kiosk->last_y - event->y) / (double)elapsed;
			/* Smooth the speed so one jittery sample does not fling the list. */
			kiosk->velocity = 0.6 * instant + 0.4 * kiosk->velocity;
		}
		kiosk->last_y = event->y;
		kiosk->last_move_ms = event->time_ms;
		int scroll = clamp_scroll(kiosk, kiosk->scroll_at_press - dy);
		if (scroll != kiosk->scroll) {
			kiosk->scroll = scroll;
			kiosk->dirty = true;
		}
	}
}

static bool is_double_tap(const app *kiosk, const draw_target *target, uint64_t time_ms)
{
	if (kiosk->last_action == ACTION_NONE || time_ms - kiosk->last_action_ms >= DOUBLE_TAP_MS) {
		return false;
	}
	if (kiosk->screen_generation != kiosk->generation_at_last_action) {
		return true; /* the first tap changed the screen under the finger */
	}
	return target->action == kiosk->last_action && target->argument == kiosk->last_argument;
}

static void on_release(app *kiosk, const input_event *event)
{
	if (!kiosk->pointer_down) {
		return;
	}
	kiosk->pointer_down = false;
	kiosk->corner_hold = false;
	int pressed_action = kiosk->pressed_action;
	int pressed_argument = kiosk->pressed_argument;
	kiosk->pressed_action = ACTION_NONE;
	kiosk->dirty = true;
	if (kiosk->dragging) {
		if (kiosk->press_in_scroll_area && event->time_ms - kiosk->last_move_ms < 100 &&
		    (kiosk->velocity > 0.05 || kiosk->velocity < -0.05)) {
			kiosk->momentum = true;
			kiosk->momentum_ms = event->time_ms;
		}
		return;
	}
	const draw_target *target = target_at(kiosk, event->x, event->y);
	if (!target || target->action != pressed_action || target->argument != pressed_argument) {
		return; /* released somewhere else: no tap */
	}
	if (is_double_tap(kiosk, target, event->time_ms)) {
		return;
	}
	kiosk->last_action = target->action;
	kiosk->last_argument = target->argument;
	kiosk->last_action_ms = event->time_ms;
	perform(kiosk, target->action, target->argument);
	kiosk->generation_at_last_action = kiosk->screen_generation;
}

bool app_handle_input(app *kiosk, const input_event *event)
{
	if (event->time_ms > kiosk->now_ms) {
		kiosk->now_ms = event->time_ms;
	}
	switch (event->kind) {
	case INPUT_PRESS:
		kiosk->last_touch_ms = event->time_ms;
		/* A new touch stops the reading at once. */
		if (kiosk->resident.read_aloud && kiosk->speech != APP_SPEECH_SAY) {
			kiosk->speech = APP_SPEECH_STOP;
		}
		on_press(kiosk, event);
		break;
	case INPUT_MOVE:
		kiosk->last_touch_ms = event->time_ms;
		on_move(kiosk, event);
		break;
	case INPUT_RELEASE:
		kiosk->last_touch_ms = event->time_ms;
		on_release(kiosk, event);
		break;
	case INPUT_CANCEL:
		kiosk->pointer_down = false;
		kiosk->corner_hold = false;
		kiosk->dragging = false;
		kiosk->pressed_action = ACTION_NONE;
		kiosk->dirty = true;
		break;
	case INPUT_KEY:
		/* Kiosk mode: no key ends or leaves the kiosk. */
		return !kiosk->setup.kiosk_mode &&
		       (event->key == INPUT_KEY_ESCAPE || event->key == INPUT_KEY_QUIT_CHORD);
	case INPUT_QUIT: return !kiosk->setup.kiosk_mode;
	case INPUT_RESIZE:
	case INPUT_EXPOSE: kiosk->dirty = true; break;
	case INPUT_WAKE: /* the loop looks at the volunteer service itself */
	case INPUT_NONE: break;
	}
	return false;
}

static uint64_t idle_ask_ms(const app *kiosk)
{
	int seconds = kiosk->setup.config ? kiosk->setup.config->idle_ask_after_seconds : 60;
	return (uint64_t)(seconds > 0 ? seconds : 60) * 1000u;
}

static uint64_t idle_reset_ms(const app *kiosk)
{
	int seconds = kiosk->setup.config ? kiosk->setup.config->idle_reset_after_seconds : 15;
	return (uint64_t)(seconds > 0 ? seconds : 15) * 1000u;
}

void app_tick(app *kiosk, uint64_t now_ms)
{
	if (now_ms > kiosk->now_ms) {
		kiosk->now_ms = now_ms;
	}
	now_ms = kiosk->now_ms;
	if (kiosk->pointer_down && kiosk->corner_hold &&
	    now_ms - kiosk->corner_press_ms >= MENU_HOLD_MS) {
		/* The finger that opened the menu lifts without tapping anything. */
		kiosk->pointer_down = false;
		kiosk->pressed_action = ACTION_NONE;
		open_volunteer(kiosk, VOLUNTEER_FOR_MENU);
		return;
	}
	if (volunteer_flow_tick(kiosk->volunteer, (int64_t)now_ms)) {
		kiosk->dirty = true;
	}
	if (kiosk->screen == APP_ATTRACT) {
		if (now_ms - kiosk->upcoming_loaded_ms >= UPCOMING_REFRESH_MS) {
			load_upcoming(kiosk);
			kiosk->dirty = true;
		}
		if (now_ms >= kiosk->next_rotation_ms) {
			if (kiosk->upcoming_count > 0) {
				kiosk->upcoming_shown =
				    (kiosk->upcoming_shown + 1) % kiosk->upcoming_count;
			}
			kiosk->next_rotation_ms = now_ms + ATTRACT_ROTATE_MS;
			kiosk->dirty = true;
		}
		if (now_ms / ATTRACT_REDRAW_MS != kiosk->drift_beat) {
			kiosk->drift_beat = now_ms / ATTRACT_REDRAW_MS;
			kiosk->dirty = true;
		}
		return;
	}
	if (kiosk->momentum) {
		uint64_t elapsed = now_ms - kiosk->momentum_ms;
		if (elapsed >= MOMENTUM_FRAME_MS) {
			kiosk->momentum_ms = now_ms;
			int scroll = clamp_scroll(
			    kiosk, kiosk->scroll + (int)(kiosk->velocity * (double)elapsed));
			/* Friction: speed falls by about 5% per frame. */
			for (uint64_t frame = 0; frame < elapsed / MOMENTUM_FRAME_MS; frame++) {
				kiosk->velocity *= 0.95;
			}
			if (scroll == kiosk->scroll ||
			    (kiosk->velocity < 0.02 && kiosk->velocity > -0.02)) {
				kiosk->momentum = false;
			}
			kiosk->scroll = scroll;
			kiosk->dirty = true;
		}
	}
	if ((kiosk->print_state == APP_PRINT_DONE || kiosk->print_state == APP_PRINT_FAILED) &&
	    now_ms >= kiosk->print_message_until_ms) {
		kiosk->print_state = APP_PRINT_NONE;
		kiosk->dirty = true;
	}
	if (kiosk->pointer_down) {
		return; /* a finger on the glass is not idle */
	}
	if (volunteer_flow_is_waiting(kiosk->volunteer)) {
		kiosk->last_touch_ms = now_ms; /* an import is never cut off */
		return;
	}
	uint64_t idle = now_ms - kiosk->last_touch_ms;
	if (idle >= idle_ask_ms(kiosk) + idle_reset_ms(kiosk)) {
		reset_to_attract(kiosk);
	} else if (idle >= idle_ask_ms(kiosk) && !kiosk->idle_question) {
		kiosk->idle_question = true;
		kiosk->dirty = true;
	} else if (kiosk->idle_question) {
		kiosk->dirty = true; /* the countdown moves */
	}
}

static uint64_t earliest(uint64_t first, uint64_t second)
{
	return first < second ? first : second;
}

static uint64_t screen_deadline(const app *kiosk);

uint64_t app_next_deadline(const app *kiosk)
{
	uint64_t next = screen_deadline(kiosk);
	if (kiosk->pointer_down && kiosk->corner_hold) {
		next = earliest(next, kiosk->corner_press_ms + MENU_HOLD_MS);
	}
	if (volunteer_flow_is_locked(kiosk->volunteer)) {
		next = earliest(next, kiosk->now_ms + LOCK_TICK_MS);
	}
	return next;
}

static uint64_t screen_deadline(const app *kiosk)
{
	if (kiosk->screen == APP_ATTRACT) {
		uint64_t next = kiosk->next_rotation_ms;
		uint64_t drift = (kiosk->now_ms / ATTRACT_REDRAW_MS + 1) * ATTRACT_REDRAW_MS;
		uint64_t refresh = kiosk->upcoming_loaded_ms + UPCOMING_REFRESH_MS;
		if (drift < next) {
			next = drift;
		}
		return refresh < next ? refresh : next;
	}
	if (kiosk->momentum) {
		return kiosk->momentum_ms + MOMENTUM_FRAME_MS;
	}
	if (kiosk->pointer_down || volunteer_flow_is_waiting(kiosk->volunteer)) {
		return UINT64_MAX;
	}
	uint64_t ask = kiosk->last_touch_ms + idle_ask_ms(kiosk);
	if ((kiosk->print_state == APP_PRINT_DONE || kiosk->print_state == APP_PRINT_FAILED) &&
	    kiosk->print_message_until_ms < ask && !kiosk->idle_question) {
		return kiosk->print_message_until_ms;
	}
	if (!kiosk->idle_question) {
		return ask;
	}
	/* Once a second for the countdown, and the reset itself. */
	uint64_t reset = ask + idle_reset_ms(kiosk);
	uint64_t second = kiosk->now_ms + 1000 - (kiosk->now_ms - ask) % 1000;
	return second < reset ? second : reset;
}

bool app_needs_redraw(const app *kiosk)
{
	return kiosk->dirty;
}

status app_build(app *kiosk, draw_list *list, const draw_measurer *measurer,
                 const layout_metrics *metrics)
{
	draw_list_clear(list);
	kiosk->frame = list;
	kiosk->pixels_per_slop = layout_millimetres(metrics, TAP_SLOP_MM);
	kiosk->corner_side = metrics->target;
	screen_context context;
	memset(&context, 0, sizeof(context));
	context.list = list;
	context.measurer = measurer;
	context.metrics = metrics;
	size_t language =
	    kiosk->resident.language < kiosk->setup.language_count ? kiosk->resident.language : 0;
	context.messages =
	    kiosk->setup.language_count > 0 ? kiosk->setup.languages[language].messages : NULL;
	context.config = kiosk->setup.config;
	context.questions = kiosk->setup.questions;
	context.resident = &kiosk->resident;
	context.languages = kiosk->setup.languages;
	context.language_count = kiosk->setup.language_count;
	context.now = local_now(kiosk);
	context.clock_ms = kiosk->now_ms;
	context.pressed_action = kiosk->pressed_action;
	context.pressed_argument = kiosk->pressed_argument;
	context.printer_available =
	    kiosk->setup.config && kiosk->setup.config->printer_kind != CONFIG_PRINTER_NONE;
	context.upcoming = kiosk->upcoming;
	context.upcoming_count = kiosk->upcoming_count;
	context.upcoming_shown = kiosk->upcoming_shown;
	context.results = kiosk->results;
	context.result_count = kiosk->result_count;
	context.results_total = kiosk->results_total;
	context.outcome = &kiosk->outcome;
	context.scroll = kiosk->scroll;
	context.content_height = &kiosk->content_height;
	if (kiosk->screen == APP_DETAIL && kiosk->detail_position < kiosk->result_count) {
		context.detail = &kiosk->results[kiosk->detail_position];
		if (kiosk->detail_qr) {
			context.detail_qr.modules = qr_modules(kiosk->detail_qr);
			context.detail_qr.side = qr_side(kiosk->detail_qr);
		}
	}
	switch (kiosk->screen) {
	case APP_ATTRACT: screen_attract_build(&context); break;
	case APP_START: screen_start_build(&context); break;
	case APP_QUESTION: screen_question_build(&context); break;
	case APP_RESULTS: screen_results_build(&context); break;
	case APP_DETAIL:
		if (context.detail) {
			screen_detail_build(&context);
		} else {
			screen_results_build(&context);
		}
		break;
	case APP_OVERVIEW: screen_overview_build(&context); break;
	case APP_VOLUNTEER: {
		const char *language_default = "";
		if (kiosk->default_language < kiosk->setup.language_count) {
			language_default = kiosk->setup.languages[kiosk->default_language].own_name;
		}
		volunteer_flow_view(kiosk->volunteer, language_default, kiosk->scroll,
		                    &kiosk->volunteer_view);
		context.volunteer = &kiosk->volunteer_view;
		screen_volunteer_build(&context);
		break;
	}
	}
	if (kiosk->screen == APP_RESULTS || kiosk->screen == APP_OVERVIEW ||
	    kiosk->screen == APP_DETAIL || kiosk->screen == APP_VOLUNTEER) {
		/* The list's viewport is the scroll area's height. */
		for (size_t index = 0; index < draw_list_target_count(list); index++) {
			const draw_target *target = draw_list_target_at(list, index);
			if (target->action == ACTION_SCROLL_AREA) {
				kiosk->viewport_height = target->box.height;
			}
		}
	}
	context.print_state = (int)kiosk->print_state;
	context.print_message = kiosk->print_message;
	if (kiosk->print_state != APP_PRINT_NONE && kiosk->screen != APP_ATTRACT &&
	    kiosk->screen != APP_VOLUNTEER) {
		screen_print_build(&context);
	}
	/* A volunteer's stick waits while a resident is busy, or was dealt with
	 * and is still in: the bar opens the pad again. */
	context.volunteer_waiting = kiosk->stick_present && kiosk->screen != APP_VOLUNTEER &&
	                            (kiosk->screen != APP_ATTRACT || kiosk->stick_handled);
	screen_volunteer_bar_build(&context);
	if (kiosk->idle_question) {
		uint64_t idle = kiosk->now_ms - kiosk->last_touch_ms;
		uint64_t until_reset = idle_ask_ms(kiosk) + idle_reset_ms(kiosk);
		uint64_t left_ms = idle < until_reset ? until_reset - idle : 0;
		screen_idle_build(&context, (int)((left_ms + 999) / 1000));
	}
	/* Arabic: the screens lay out left to right and the frame is mirrored
	 * (Terug on the right, progress from the right); bidi orders the text. */
	if (translate_is_right_to_left(context.messages)) {
		draw_list_set_right_to_left(list, true);
		draw_list_mirror(list, metrics->width);
	}
	kiosk->dirty = false;
	return draw_list_status(list);
}

size_t app_take_print_request(app *kiosk, char ids[][SESSION_MAX_ID_BYTES], size_t capacity)
{
	size_t count =
	    kiosk->print_request_count < capacity ? kiosk->print_request_count : capacity;
	for (size_t index = 0; index < count; index++) {
		memcpy(ids[index], kiosk->print_ids[index], SESSION_MAX_ID_BYTES);
		memcpy(kiosk->printing_ids[index], kiosk->print_ids[index], SESSION_MAX_ID_BYTES);
	}
	if (count > 0) {
		kiosk->printing_count = count;
	}
	memset(kiosk->print_ids, 0, sizeof(kiosk->print_ids));
	kiosk->print_request_count = 0;
	return count;
}

void app_set_print_state(app *kiosk, app_print_state state, const char *message, uint64_t now_ms)
{
	if (now_ms > kiosk->now_ms) {
		kiosk->now_ms = now_ms;
	}
	if (state == APP_PRINT_DONE) {
		for (size_t index = 0; index < kiosk->printing_count; index++) {
			count_event(kiosk, COUNTER_OFFER_PRINTED, kiosk->printing_ids[index]);
		}
	}
	if (state == APP_PRINT_DONE || state == APP_PRINT_FAILED) {
		memset(kiosk->printing_ids, 0, sizeof(kiosk->printing_ids));
		kiosk->printing_count = 0;
		kiosk->print_message_until_ms = kiosk->now_ms + PRINT_MESSAGE_MS;
	}
	/* A job that ends after the resident walked away is counted, not shown. */
	if (kiosk->screen == APP_ATTRACT) {
		kiosk->print_state = APP_PRINT_NONE;
		return;
	}
	kiosk->print_state = state;
	(void)text_copy(kiosk->print_message, sizeof(kiosk->print_message), message ? message : "");
	kiosk->dirty = true;
}

const struct translation *app_messages(const app *kiosk)
{
	size_t language = kiosk->resident.language;
	if (kiosk->setup.language_count == 0 || language >= kiosk->setup.language_count) {
		return NULL;
	}
	return kiosk->setup.languages[language].messages;
}

app_screen app_current_screen(const app *kiosk)
{
	return kiosk->screen;
}

bool app_idle_question_shown(const app *kiosk)
{
	return kiosk->idle_question;
}

bool app_take_reset_notice(app *kiosk)
{
	bool notice = kiosk->reset_notice;
	kiosk->reset_notice = false;
	return notice;
}

const session *app_session(const app *kiosk)
{
	return &kiosk->resident;
}

void app_volunteer_stick(app *kiosk, bool present, uint64_t now_ms)
{
	if (now_ms > kiosk->now_ms) {
		kiosk->now_ms = now_ms;
	}
	kiosk->dirty = true;
	if (!present) {
		kiosk->stick_present = false;
		kiosk->stick_handled = false;
		bool importing = volunteer_flow_is_open(kiosk->volunteer) &&
		                 volunteer_flow_purpose(kiosk->volunteer) == VOLUNTEER_FOR_IMPORT;
		enum screen_volunteer_page page = volunteer_flow_page(kiosk->volunteer);
		/* Before the work starts there is nothing left to do; while it runs
		 * the service reports what the removal did, and a result stays. */
		if (importing && !volunteer_flow_is_waiting(kiosk->volunteer) &&
		    (page == VOLUNTEER_PIN || page == VOLUNTEER_PREVIEW)) {
			close_volunteer(kiosk);
			kiosk->stick_handled = false;
		}
		return;
	}
	if (kiosk->stick_present) {
		return;
	}
	kiosk->stick_present = true;
	kiosk->stick_handled = false;
	if (kiosk->screen == APP_ATTRACT && !kiosk->idle_question &&
	    !volunteer_flow_is_open(kiosk->volunteer)) {
		open_volunteer(kiosk, VOLUNTEER_FOR_IMPORT);
	}
}

void app_volunteer_event(app *kiosk, const volunteer_event *event, uint64_t now_ms)
{
	if (now_ms > kiosk->now_ms) {
		kiosk->now_ms = now_ms;
	}
	if (event->kind == VOLUNTEER_EVENT_STICK) {
		app_volunteer_stick(kiosk, event->stick_present, now_ms);
		return;
	}
	if (volunteer_flow_handle_event(kiosk->volunteer, event, (int64_t)kiosk->now_ms)) {
		if (event->kind == VOLUNTEER_EVENT_PREVIEW) {
			kiosk->scroll = 0; /* a new list starts at its top */
		}
		kiosk->last_touch_ms = kiosk->now_ms; /* the idle clock starts from the answer */
		kiosk->dirty = true;
	}
}

volunteer_request app_take_volunteer_request(app *kiosk, char *pin, size_t pin_size)
{
	return volunteer_flow_take_request(kiosk->volunteer, pin, pin_size);
}

size_t app_default_language(const app *kiosk)
{
	return kiosk->default_language;
}

app_language_save app_take_language_save(app *kiosk, const char **code,
                                         const char **configured_code)
{
	app_language_save save = kiosk->language_save;
	kiosk->language_save = APP_LANGUAGE_SAVE_NONE;
	*code = "";
	*configured_code = "";
	if (save == APP_LANGUAGE_SAVE_CHOICE) {
		const char *chosen = kiosk->default_language < kiosk->setup.language_count
		                         ? kiosk->setup.languages[kiosk->default_language].code
		                         : NULL;
		if (!chosen) {
			return APP_LANGUAGE_SAVE_NONE;
		}
		*code = chosen;
		*configured_code = configured_language(kiosk);
	}
	return save;
}

layout_text_style app_text_style(const app *kiosk)
{
	int style = kiosk->resident.text_style;
	return style >= 0 && style < LAYOUT_TEXT_STYLE_COUNT ? (layout_text_style)style
	                                                     : LAYOUT_TEXT_NORMAL;
}

const char *app_language_code(const app *kiosk)
{
	size_t language = kiosk->resident.language;
	if (kiosk->setup.language_count == 0 || language >= kiosk->setup.language_count ||
	    !kiosk->setup.languages[language].code) {
		return "nl";
	}
	return kiosk->setup.languages[language].code;
}

app_speech app_take_speech(app *kiosk, const char **text, const char **language_code)
{
	speak_screen(kiosk);
	app_speech speech = kiosk->speech;
	kiosk->speech = APP_SPEECH_NONE;
	*text = text_buffer_string(&kiosk->speech_text);
	*language_code = app_language_code(kiosk);
	return speech;
}
