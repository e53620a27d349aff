/* test_app.c — the kiosk's state machine driven by taps and time, without a
 * display: the real questions and sample catalogue, a fixed-width measurer. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "import.h"
#include "match.h"
#include "questions.h"
#include "text.h"
#include "translate.h"
#include "test_support.h"

typedef struct fixture {
	kiosk_config config;
	question_set *questions;
	catalogue *items;
	match_engine *engine;
	counters *counts;
	screen_language languages[2];
	app *kiosk;
	draw_list *list;
	layout_metrics metrics;
	uint64_t now;
	int loads;
} fixture;

/* The offer source: copies the asked-for offers out of the full sample. */
static status load_from_catalogue(void *context, const char *const *ids, size_t count,
                                  catalogue **out)
{
	fixture *state = context;
	state->loads++;
	catalogue *copy = catalogue_create();
	if (!copy) {
		return STATUS_NO_MEMORY;
	}
	for (size_t index = 0; index < count; index++) {
		const offer *item = catalogue_find(state->items, ids[index]);
		if (!item || catalogue_find(copy, ids[index])) {
			continue;
		}
		offer *slot = catalogue_append(copy);
		if (!slot) {
			catalogue_destroy(copy);
			return STATUS_NO_MEMORY;
		}
		/* Strings stay owned by the full sample, which outlives the copy. */
		*slot = *item;
		catalogue_sort(copy);
	}
	*out = copy;
	return STATUS_OK;
}

static void build(fixture *state)
{
	assert_int_equal(
	    app_build(state->kiosk, state->list, test_fake_measurer(), &state->metrics), STATUS_OK);
	test_check_frame(state->list, &state->metrics, test_fake_measurer());
}

static input_event event_at(input_kind kind, int x, int y, uint64_t time_ms)
{
	input_event event;
	memset(&event, 0, sizeof(event));
	event.kind = kind;
	event.x = x;
	event.y = y;
	event.time_ms = time_ms;
	event.pointer = 1;
	return event;
}

/* A tap at (x, y), then half a second of nothing; the frame is rebuilt
 * after each event as the loop does. */
static void tap_point(fixture *state, int x, int y)
{
	input_event press = event_at(INPUT_PRESS, x, y, state->now);
	assert_false(app_handle_input(state->kiosk, &press));
	build(state);
	state->now += 60;
	input_event release = event_at(INPUT_RELEASE, x, y, state->now);
	assert_false(app_handle_input(state->kiosk, &release));
	state->now += 500;
	app_tick(state->kiosk, state->now);
	build(state);
}

static const draw_target *find_target(const fixture *state, int action, int argument)
{
	for (size_t index = 0; index < draw_list_target_count(state->list); index++) {
		const draw_target *target = draw_list_target_at(state->list, index);
		if (target->action == action && (argument < 0 || target->argument == argument)) {
			return target;
		}
	}
	return NULL;
}

/* Drags the scrolling list in `area` up by most of its height, slowly (no
 * momentum), and rebuilds the frame. */
static void drag_list_up(fixture *state, draw_rect area)
{
	int x = area.x + area.width / 2;
	int top = area.y + area.height / 5;
	int bottom = area.y + area.height * 4 / 5;
	input_event press = event_at(INPUT_PRESS, x, bottom, state->now);
	assert_false(app_handle_input(state->kiosk, &press));
	for (int step = 1; step <= 10; step++) {
		state->now += 50;
		input_event move =
		    event_at(INPUT_MOVE, x, bottom - (bottom - top) * step / 10, state->now);
		assert_false(app_handle_input(state->kiosk, &move));
	}
	state->now += 300;
	input_event release = event_at(INPUT_RELEASE, x, top, state->now);
	assert_false(app_handle_input(state->kiosk, &release));
	state->now += 500;
	app_tick(state->kiosk, state->now);
	build(state);
}

/* Drags a scrolling list up until a target for `action` is on screen. */
static const draw_target *scroll_to(fixture *state, int action, int argument)
{
	for (int attempt = 0; attempt < 30; attempt++) {
		const draw_target *target = find_target(state, action, argument);
		const draw_target *area = find_target(state, ACTION_SCROLL_AREA, -1);
		if ((target && !target->clipped) || !area) {
			return target;
		}
		drag_list_up(state, area->box);
	}
	return find_target(state, action, argument);
}

static void tap(fixture *state, int action, int argument)
{
	const draw_target *target = scroll_to(state, action, argument);
	if (!target) {
		fail_msg("no target for action %d (%d) on screen %d", action, argument,
		         (int)app_current_screen(state->kiosk));
	}
	tap_point(state, target->box.x + target->box.width / 2,
	          target->box.y + target->box.height / 2);
}

static int setup(void **context)
{
	fixture *state = calloc(1, sizeof(fixture));
	assert_non_null(state);
	config_set_defaults(&state->config);
	char path[4096];
	assert_int_equal(questions_load(test_source_path("data/questions.ini", path, sizeof(path)),
	                                &state->questions, NULL),
	                 STATUS_OK);
	import_report report;
	memset(&report, 0, sizeof(report));
	assert_int_equal(
	    import_read_file(test_source_path("data/catalogus.csv", path, sizeof(path)),
	                     &state->items, &report),
	    STATUS_OK);
	import_report_free(&report);
	state->engine = match_engine_create(state->items, state->config.latitude,
	                                    state->config.longitude, state->config.nearby_metres);
	assert_non_null(state->engine);
	state->counts = counters_create();
	state->languages[0] = (screen_language){"nl", "Nederlands", NULL};
	state->languages[1] = (screen_language){"en", "English", NULL};
	state->list = draw_list_create();
	state->metrics = layout_compute(1080, 1920, 0, 0);
	app_setup app_config;
	memset(&app_config, 0, sizeof(app_config));
	app_config.config = &state->config;
	app_config.questions = state->questions;
	app_config.engine = state->engine;
	app_config.offers.context = state;
	app_config.offers.load = load_from_catalogue;
	app_config.languages = state->languages;
	app_config.language_count = 2;
	app_config.counts = state->counts;
	/* Monday 23 November 2026, 09:00 in Utrecht. */
	app_config.start_utc = 1795420800;
	app_config.kiosk_mode = true;
	state->now = 1000;
	state->kiosk = app_create(&app_config, state->now);
	assert_non_null(state->kiosk);
	build(state);
	*context = state;
	return 0;
}

static int teardown(void **context)
{
	fixture *state = *context;
	app_destroy(state->kiosk);
	draw_list_destroy(state->list);
	counters_destroy(state->counts);
	match_engine_destroy(state->engine);
	catalogue_destroy(state->items);
	questions_free(state->questions);
	free(state);
	return 0;
}

static void test_attract_shows_real_upcoming_offers(void **context)
{
	fixture *state = *context;
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	const draw_target *begin = find_target(state, ACTION_BEGIN, -1);
	assert_non_null(begin);
	assert_int_equal(begin->box.width, state->metrics.width);
	assert_int_equal(begin->box.height, state->metrics.height);
	/* Some offer of the sample is named on screen. */
	char text[16384];
	test_frame_text(state->list, text, sizeof(text));
	bool named = false;
	for (size_t index = 0; index < catalogue_count(state->items) && !named; index++) {
		named = strstr(text, catalogue_offer(state->items, index)->name) != NULL;
	}
	assert_true(named);
	/* It rotates: eight seconds later another offer (or the same when only
	 * one is coming up) and the app asks for a redraw. */
	state->now += 8000;
	app_tick(state->kiosk, state->now);
	assert_true(app_needs_redraw(state->kiosk));
}

static void test_journey_to_detail(void **context)
{
	fixture *state = *context;
	tap(state, ACTION_BEGIN, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_START);
	tap(state, ACTION_LANGUAGE, 0);
	assert_int_equal(app_current_screen(state->kiosk), APP_QUESTION);
	assert_int_equal(app_session(state->kiosk)->question, 0);
	/* themas is multiple choice: two tiles, then Volgende. */
	tap(state, ACTION_OPTION, 0);
	tap(state, ACTION_OPTION, 6);
	assert_true(session_is_chosen(app_session(state->kiosk), 0, 0));
	assert_true(session_is_chosen(app_session(state->kiosk), 0, 6));
	assert_int_equal(app_session(state->kiosk)->question, 0);
	tap(state, ACTION_NEXT, -1);
	assert_int_equal(app_session(state->kiosk)->question, 1);
	tap(state, ACTION_SKIP, -1);
	assert_int_equal(app_session(state->kiosk)->question, 2);
	/* A single-choice answer moves on by itself. */
	tap(state, ACTION_OPTION, 1);
	assert_int_equal(app_session(state->kiosk)->question, 3);
	assert_true(session_is_chosen(app_session(state->kiosk), 2, 1));
	/* Back returns to it, the answer kept. */
	tap(state, ACTION_BACK, -1);
	assert_int_equal(app_session(state->kiosk)->question, 2);
	tap(state, ACTION_SHOW_RESULTS, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_RESULTS);
	assert_non_null(find_target(state, ACTION_OPEN_OFFER, 0));
	/* The search was counted, anonymously. */
	bool counted_search = false;
	for (size_t index = 0; index < counters_size(state->counts); index++) {
		counter_entry entry = counters_entry(state->counts, index);
		counted_search = counted_search || entry.kind == COUNTER_SEARCH;
	}
	assert_true(counted_search);
	tap(state, ACTION_OPEN_OFFER, 0);
	assert_int_equal(app_current_screen(state->kiosk), APP_DETAIL);
	tap(state, ACTION_BACK, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_RESULTS);
	tap(state, ACTION_OVERVIEW, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_OVERVIEW);
	/* One tap changes an answer on the overview: contact (question 3). */
	assert_false(session_is_chosen(app_session(state->kiosk), 3, 0));
	tap(state, ACTION_OVERVIEW_OPTION, 3 * 32 + 0);
	assert_true(session_is_chosen(app_session(state->kiosk), 3, 0));
	tap(state, ACTION_TOGGLE_PICK, 0);
	assert_int_equal(app_session(state->kiosk)->pick_count, 1);
}

static void test_idle_question_then_reset_wipes_everything(void **context)
{
	fixture *state = *context;
	tap(state, ACTION_BEGIN, -1);
	tap(state, ACTION_LANGUAGE, 1);
	tap(state, ACTION_OPTION, 2);
	assert_int_equal(app_session(state->kiosk)->language, 1);
	uint64_t last_touch = state->now - 500;
	/* 59 s: nothing yet. */
	state->now = last_touch + 59000;
	app_tick(state->kiosk, state->now);
	assert_false(app_idle_question_shown(state->kiosk));
	assert_true(app_next_deadline(state->kiosk) <= last_touch + 60000);
	state->now = last_touch + 60000;
	app_tick(state->kiosk, state->now);
	assert_true(app_idle_question_shown(state->kiosk));
	build(state);
	char text[16384];
	assert_non_null(strstr(test_frame_text(state->list, text, sizeof(text)), "15"));
	/* "Still here" keeps everything. */
	tap(state, ACTION_STILL_HERE, -1);
	assert_false(app_idle_question_shown(state->kiosk));
	assert_true(session_is_chosen(app_session(state->kiosk), 0, 2));
	/* Walking away: 60 s + 15 s later the attract screen, nothing kept. */
	last_touch = state->now - 500;
	state->now = last_touch + 75000;
	app_tick(state->kiosk, state->now);
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	assert_true(app_take_reset_notice(state->kiosk));
	const session *resident = app_session(state->kiosk);
	const unsigned char *bytes = (const unsigned char *)resident;
	for (size_t index = 0; index < sizeof(*resident); index++) {
		assert_int_equal(bytes[index], 0);
	}
}

static void test_drag_is_not_a_tap_and_double_tap_acts_once(void **context)
{
	fixture *state = *context;
	const draw_target *begin = find_target(state, ACTION_BEGIN, -1);
	int x = begin->box.width / 2, y = begin->box.height / 2;
	/* A finger that travels 30 mm is dragging. */
	input_event press = event_at(INPUT_PRESS, x, y, state->now);
	assert_false(app_handle_input(state->kiosk, &press));
	input_event move =
	    event_at(INPUT_MOVE, x, y + layout_millimetres(&state->metrics, 30), state->now + 100);
	assert_false(app_handle_input(state->kiosk, &move));
	input_event release = event_at(INPUT_RELEASE, move.x, move.y, state->now + 150);
	assert_false(app_handle_input(state->kiosk, &release));
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	state->now += 1000;
	/* Two quick taps on a question's Volgende move on once. */
	tap(state, ACTION_BEGIN, -1);
	tap(state, ACTION_LANGUAGE, 0);
	const draw_target *next = find_target(state, ACTION_NEXT, -1);
	assert_non_null(next);
	int next_x = next->box.x + next->box.width / 2, next_y = next->box.y + next->box.height / 2;
	for (int round = 0; round < 2; round++) {
		input_event down = event_at(INPUT_PRESS, next_x, next_y, state->now);
		assert_false(app_handle_input(state->kiosk, &down));
		build(state);
		input_event up = event_at(INPUT_RELEASE, next_x, next_y, state->now + 40);
		assert_false(app_handle_input(state->kiosk, &up));
		build(state);
		state->now += 120;
	}
	assert_int_equal(app_session(state->kiosk)->question, 1);
}

static void test_press_feedback_in_the_next_frame(void **context)
{
	fixture *state = *context;
	tap(state, ACTION_BEGIN, -1);
	const draw_target *dutch = find_target(state, ACTION_LANGUAGE, 0);
	assert_non_null(dutch);
	draw_rect box = dutch->box;
	/* Colour of the button's fill before and during the press. */
	draw_color before = {0, 0, 0, 0}, during = {0, 0, 0, 0};
	for (size_t index = 0; index < draw_list_count(state->list); index++) {
		const draw_command *command = draw_list_at(state->list, index);
		if (command->kind == DRAW_FILL && command->box.x == box.x &&
		    command->box.y == box.y) {
			before = command->color;
		}
	}
	input_event press = event_at(INPUT_PRESS, box.x + 5, box.y + 5, state->now);
	assert_false(app_handle_input(state->kiosk, &press));
	assert_true(app_needs_redraw(state->kiosk));
	build(state);
	for (size_t index = 0; index < draw_list_count(state->list); index++) {
		const draw_command *command = draw_list_at(state->list, index);
		if (command->kind == DRAW_FILL && command->box.x == box.x &&
		    command->box.y == box.y) {
			during = command->color;
		}
	}
	assert_memory_not_equal(&before, &during, sizeof(before));
}

static void test_quit_only_outside_kiosk_mode(void **context)
{
	fixture *state = *context;
	input_event close = event_at(INPUT_QUIT, 0, 0, state->now);
	assert_false(app_handle_input(state->kiosk, &close));
	input_event escape = event_at(INPUT_KEY, 0, 0, state->now);
	escape.key = INPUT_KEY_ESCAPE;
	assert_false(app_handle_input(state->kiosk, &escape));
	escape.key = INPUT_KEY_QUIT_CHORD;
	assert_false(app_handle_input(state->kiosk, &escape));
}

static void test_results_scroll_with_momentum(void **context)
{
	fixture *state = *context;
	tap(state, ACTION_BEGIN, -1);
	tap(state, ACTION_LANGUAGE, 0);
	tap(state, ACTION_SHOW_RESULTS, -1);
	const draw_target *area = find_target(state, ACTION_SCROLL_AREA, -1);
	assert_non_null(area);
	int x = area->box.x + area->box.width / 2;
	int y = area->box.y + area->box.height * 3 / 4;
	input_event press = event_at(INPUT_PRESS, x, y, state->now);
	assert_false(app_handle_input(state->kiosk, &press));
	for (int step = 1; step <= 10; step++) {
		input_event move =
		    event_at(INPUT_MOVE, x, y - step * 40, state->now + (uint64_t)step * 16);
		assert_false(app_handle_input(state->kiosk, &move));
	}
	input_event release = event_at(INPUT_RELEASE, x, y - 400, state->now + 170);
	assert_false(app_handle_input(state->kiosk, &release));
	build(state);
	/* Still on the results (a drag opens nothing), and the list keeps
	 * moving after the finger left. */
	assert_int_equal(app_current_screen(state->kiosk), APP_RESULTS);
	uint64_t deadline = app_next_deadline(state->kiosk);
	assert_true(deadline <= state->now + 200);
	draw_rect first_card_before = find_target(state, ACTION_OPEN_OFFER, 0)
	                                  ? find_target(state, ACTION_OPEN_OFFER, 0)->box
	                                  : (draw_rect){0, 0, 0, 0};
	state->now += 400;
	app_tick(state->kiosk, state->now);
	build(state);
	const draw_target *first_card = find_target(state, ACTION_OPEN_OFFER, 0);
	assert_true(first_card == NULL || first_card->box.y < first_card_before.y ||
	            first_card->box.height < first_card_before.height);
}

static bool frame_says(fixture *state, const char *text)
{
	char all[32768];
	return strstr(test_frame_text(state->list, all, sizeof(all)), text) != NULL;
}

static void test_print_from_detail_and_picks(void **context)
{
	fixture *state = *context;
	/* With a printer configured the detail screen offers Print. */
	state->config.printer_kind = CONFIG_PRINTER_FILE;
	tap(state, ACTION_BEGIN, -1);
	tap(state, ACTION_LANGUAGE, 0);
	tap(state, ACTION_SHOW_RESULTS, -1);
	tap(state, ACTION_OPEN_OFFER, 0);
	char ids[SESSION_MAX_PICKS][SESSION_MAX_ID_BYTES];
	assert_int_equal(app_take_print_request(state->kiosk, ids, SESSION_MAX_PICKS), 0);
	tap(state, ACTION_PRINT, -1);
	assert_int_equal(app_take_print_request(state->kiosk, ids, SESSION_MAX_PICKS), 1);
	assert_non_null(catalogue_find(state->items, ids[0]));
	/* Taken once. */
	assert_int_equal(app_take_print_request(state->kiosk, ids, SESSION_MAX_PICKS), 0);
	build(state);
	assert_true(frame_says(state, "Bezig met printen"));
	/* A second press while printing asks for nothing more. */
	tap(state, ACTION_PRINT, -1);
	assert_int_equal(app_take_print_request(state->kiosk, ids, SESSION_MAX_PICKS), 0);
	app_set_print_state(state->kiosk, APP_PRINT_DONE, NULL, state->now);
	build(state);
	assert_true(frame_says(state, "Neem uw briefje mee"));
	assert_int_equal(app_current_screen(state->kiosk), APP_DETAIL);
	bool counted = false;
	for (size_t index = 0; index < counters_size(state->counts); index++) {
		counter_entry entry = counters_entry(state->counts, index);
		counted = counted ||
		          (entry.kind == COUNTER_OFFER_PRINTED && strcmp(entry.key, ids[0]) == 0);
	}
	assert_true(counted);
	/* The message goes away by itself. */
	state->now += 9000;
	app_tick(state->kiosk, state->now);
	build(state);
	assert_false(frame_says(state, "Neem uw briefje mee"));
	/* A failure shows the printer's message; the detail stays. */
	tap(state, ACTION_PRINT, -1);
	assert_int_equal(app_take_print_request(state->kiosk, ids, SESSION_MAX_PICKS), 1);
	app_set_print_state(state->kiosk, APP_PRINT_FAILED, "De printer heeft geen papier meer.",
	                    state->now);
	build(state);
	assert_true(frame_says(state, "geen papier"));
	assert_int_equal(app_current_screen(state->kiosk), APP_DETAIL);
	/* A welfare worker's picks print together. */
	state->now += 9000;
	app_tick(state->kiosk, state->now);
	tap(state, ACTION_BACK, -1);
	tap(state, ACTION_OVERVIEW, -1);
	tap(state, ACTION_TOGGLE_PICK, 0);
	tap(state, ACTION_TOGGLE_PICK, 1);
	tap(state, ACTION_PRINT_PICKS, -1);
	assert_int_equal(app_take_print_request(state->kiosk, ids, SESSION_MAX_PICKS), 2);
	assert_string_equal(ids[0], app_session(state->kiosk)->picks[0]);
	assert_string_equal(ids[1], app_session(state->kiosk)->picks[1]);
}

/* ---- the volunteer ---------------------------------------------------- */

static void type_pin(fixture *state, const char *digits)
{
	for (const char *digit = digits; *digit; digit++) {
		tap(state, ACTION_PIN_DIGIT, *digit - '0');
	}
	tap(state, ACTION_PIN_OK, -1);
}

/* What the volunteer service would answer. */
static void answer(fixture *state, volunteer_event event)
{
	app_volunteer_event(state->kiosk, &event, state->now);
	build(state);
}

static volunteer_request take_request(fixture *state, char *pin, size_t pin_size)
{
	return app_take_volunteer_request(state->kiosk, pin, pin_size);
}

static void test_stick_on_the_attract_screen_opens_the_pin_pad(void **context)
{
	fixture *state = *context;
	char pin[16];
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_NONE);
	app_volunteer_stick(state->kiosk, true, state->now);
	build(state);
	assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	assert_true(frame_says(state, "Catalogus bijwerken"));
	/* Too short: a message, nothing asked. */
	type_pin(state, "123");
	assert_true(frame_says(state, "4 tot 8 cijfers"));
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_NONE);
	/* Typed digits are shown as dots, never as digits. */
	/* The digits stay for another try; erasing takes them one by one. */
	for (int digit = 0; digit < 3; digit++) {
		tap(state, ACTION_PIN_ERASE, -1);
	}
	type_pin(state, "2468");
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_CHECK_PIN);
	assert_string_equal(pin, "2468");
	assert_true(frame_says(state, "Even geduld"));
	assert_false(frame_says(state, "2468"));
	answer(state,
	       (volunteer_event){.kind = VOLUNTEER_EVENT_PIN_CHECKED, .pin_result = STATUS_OK});
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_READ_STICK);
	assert_true(frame_says(state, "Bezig met bijwerken"));
	/* While the service works, the idle reset waits. */
	state->now += 200000;
	app_tick(state->kiosk, state->now);
	build(state);
	assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_PROGRESS, .percent = 40});
	char line[] = "Rij 5, kolom dag: 'maandagmiddag' is geen dag.";
	char *lines[] = {line};
	char empty[] = "";
	answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_PREVIEW,
	                                .new_count = 1,
	                                .changed_count = 2,
	                                .removed_count = 3,
	                                .unchanged_count = 47,
	                                .problems = lines,
	                                .problem_count = 1,
	                                .can_apply = true,
	                                .message = empty});
	assert_true(frame_says(state, "Rij 5, kolom dag"));
	assert_true(frame_says(state, "47"));
	tap(state, ACTION_VOLUNTEER_APPLY, -1);
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_APPLY);
	char title[] = "De catalogus is bijgewerkt.";
	char detail[] = "1 nieuw, 2 veranderd, 3 verwijderd, 47 hetzelfde.";
	answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_FINISHED,
	                                .changed_catalogue = true,
	                                .title = title,
	                                .detail = detail});
	assert_true(frame_says(state, "De catalogus is bijgewerkt."));
	assert_true(frame_says(state, "U kunt de stick nu verwijderen"));
	tap(state, ACTION_VOLUNTEER_DONE, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	/* The stick is still in: it does not open the pad again by itself, but
	 * the bar offers it. */
	state->now += 60000;
	app_tick(state->kiosk, state->now);
	build(state);
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	assert_true(frame_says(state, "Vrijwilliger? Tik hier"));
	tap(state, ACTION_VOLUNTEER_OPEN, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	tap(state, ACTION_VOLUNTEER_CANCEL, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	/* Taken out: the bar goes. */
	app_volunteer_stick(state->kiosk, false, state->now);
	build(state);
	assert_false(frame_says(state, "Vrijwilliger? Tik hier"));
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_NONE);
}

static void test_cancelled_preview_is_discarded_and_a_pulled_stick_closes_the_pad(void **context)
{
	fixture *state = *context;
	char pin[16];
	app_volunteer_stick(state->kiosk, true, state->now);
	build(state);
	type_pin(state, "2468");
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_CHECK_PIN);
	answer(state,
	       (volunteer_event){.kind = VOLUNTEER_EVENT_PIN_CHECKED, .pin_result = STATUS_OK});
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_READ_STICK);
	char message[] = "De kolom 'naam' ontbreekt.";
	answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_PREVIEW,
	                                .unchanged_count = 54,
	                                .can_apply = false,
	                                .message = message});
	assert_true(frame_says(state, "De kolom 'naam' ontbreekt."));
	/* Nothing to apply: no Bijwerken target. */
	assert_null(find_target(state, ACTION_VOLUNTEER_APPLY, -1));
	tap(state, ACTION_VOLUNTEER_CANCEL, -1);
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_DISCARD);
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	/* A stick pulled while its PIN pad is up closes the pad. */
	app_volunteer_stick(state->kiosk, false, state->now);
	app_volunteer_stick(state->kiosk, true, state->now);
	build(state);
	assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	tap(state, ACTION_PIN_DIGIT, 7);
	app_volunteer_stick(state->kiosk, false, state->now);
	build(state);
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
}

static void test_a_long_problem_list_scrolls(void **context)
{
	fixture *state = *context;
	char pin[16];
	app_volunteer_stick(state->kiosk, true, state->now);
	build(state);
	type_pin(state, "2468");
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_CHECK_PIN);
	answer(state,
	       (volunteer_event){.kind = VOLUNTEER_EVENT_PIN_CHECKED, .pin_result = STATUS_OK});
	enum { LINES = 80 };
	char storage[LINES][64];
	char *lines[LINES];
	for (int line = 0; line < LINES; line++) {
		(void)text_format(storage[line], sizeof(storage[line]),
		                  "Rij %d, kolom dag: 'ooit' is geen dag.", line + 2);
		lines[line] = storage[line];
	}
	char empty[] = "";
	answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_PREVIEW,
	                                .unchanged_count = 54,
	                                .problems = lines,
	                                .problem_count = LINES,
	                                .can_apply = true,
	                                .message = empty});
	assert_true(frame_says(state, "Rij 2, kolom dag"));
	assert_false(frame_says(state, "Rij 81, kolom dag"));
	/* Dragging the list up brings the last rows into view. */
	for (int drag = 0; drag < 40 && !frame_says(state, "Rij 81, kolom dag"); drag++) {
		const draw_target *area = find_target(state, ACTION_SCROLL_AREA, -1);
		assert_non_null(area);
		drag_list_up(state, area->box);
	}
	assert_true(frame_says(state, "Rij 81, kolom dag"));
	assert_false(frame_says(state, "Rij 2, kolom dag"));
	/* Bijwerken and Annuleren stay put below the list. */
	assert_non_null(find_target(state, ACTION_VOLUNTEER_APPLY, -1));
	assert_non_null(find_target(state, ACTION_VOLUNTEER_CANCEL, -1));
}

static void test_a_resident_is_not_interrupted_by_a_stick(void **context)
{
	fixture *state = *context;
	tap(state, ACTION_BEGIN, -1);
	tap(state, ACTION_LANGUAGE, 1);
	tap(state, ACTION_NEXT, -1);
	size_t question_index = app_session(state->kiosk)->question;
	app_volunteer_stick(state->kiosk, true, state->now);
	build(state);
	assert_int_equal(app_current_screen(state->kiosk), APP_QUESTION);
	assert_int_equal(app_session(state->kiosk)->question, question_index);
	assert_int_equal(app_session(state->kiosk)->language, 1);
	assert_true(frame_says(state, "Vrijwilliger? Tik hier"));
	/* The resident goes on as before. */
	tap(state, ACTION_NEXT, -1);
	assert_int_equal(app_session(state->kiosk)->question, question_index + 1);
	assert_true(frame_says(state, "Vrijwilliger? Tik hier"));
	/* When the visit ends by itself the pad opens. */
	state->now += 80000;
	app_tick(state->kiosk, state->now);
	build(state);
	assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	assert_true(app_take_reset_notice(state->kiosk));
	assert_int_equal(app_session(state->kiosk)->question, 0);
}

static void test_five_wrong_pins_lock_for_five_minutes(void **context)
{
	fixture *state = *context;
	char pin[16];
	app_volunteer_stick(state->kiosk, true, state->now);
	build(state);
	for (int attempt = 1; attempt <= 5; attempt++) {
		type_pin(state, "1111");
		assert_int_equal(take_request(state, pin, sizeof(pin)),
		                 VOLUNTEER_REQUEST_CHECK_PIN);
		answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_PIN_CHECKED,
		                                .pin_result = STATUS_REFUSED});
		if (attempt < 5) {
			assert_true(frame_says(state, "klopt niet"));
			assert_non_null(find_target(state, ACTION_PIN_DIGIT, 1));
		}
	}
	assert_true(frame_says(state, "Vijf keer een verkeerde pincode"));
	assert_null(find_target(state, ACTION_PIN_DIGIT, 1));
	assert_null(find_target(state, ACTION_PIN_OK, -1));
	/* Closing and opening again does not lift the lock. */
	tap(state, ACTION_VOLUNTEER_CANCEL, -1);
	tap(state, ACTION_VOLUNTEER_OPEN, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	assert_null(find_target(state, ACTION_PIN_DIGIT, 1));
	/* Five minutes on, the pad takes digits again. */
	uint64_t deadline = app_next_deadline(state->kiosk);
	assert_true(deadline <= state->now + 1000);
	state->now += 5 * 60 * 1000;
	app_tick(state->kiosk, state->now);
	build(state);
	/* Left alone that long, the pad went back to the attract screen. */
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	tap(state, ACTION_VOLUNTEER_OPEN, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	assert_false(frame_says(state, "Vijf keer een verkeerde pincode"));
	assert_non_null(find_target(state, ACTION_PIN_DIGIT, 1));
	type_pin(state, "2468");
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_CHECK_PIN);
}

static void hold(fixture *state, int x, int y, uint64_t milliseconds)
{
	input_event press = event_at(INPUT_PRESS, x, y, state->now);
	assert_false(app_handle_input(state->kiosk, &press));
	build(state);
	uint64_t until = state->now + milliseconds;
	while (state->now < until) {
		uint64_t next = app_next_deadline(state->kiosk);
		state->now = next < until ? next : until;
		app_tick(state->kiosk, state->now);
	}
	input_event release = event_at(INPUT_RELEASE, x, y, state->now);
	assert_false(app_handle_input(state->kiosk, &release));
	state->now += 100;
	app_tick(state->kiosk, state->now);
	build(state);
}

static void test_holding_the_corner_opens_the_menu(void **context)
{
	fixture *state = *context;
	char pin[16];
	tap(state, ACTION_BEGIN, -1);
	/* Held elsewhere, or not long enough: nothing. */
	hold(state, state->metrics.width / 2, state->metrics.margin / 2, 6000);
	assert_int_not_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	hold(state, 4, 4, 4900);
	assert_int_equal(app_current_screen(state->kiosk), APP_START);
	/* Five seconds: the PIN pad for the menu; the release taps nothing. */
	hold(state, 4, 4, 5000);
	assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
	assert_true(frame_says(state, "Menu voor vrijwilligers"));
	type_pin(state, "2468");
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_CHECK_PIN);
	answer(state,
	       (volunteer_event){.kind = VOLUNTEER_EVENT_PIN_CHECKED, .pin_result = STATUS_OK});
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_MENU_INFO);
	char summary[] = "54 aanbiedingen in de catalogus.";
	char last[] = "Nog geen update.";
	answer(state, (volunteer_event){
	                  .kind = VOLUNTEER_EVENT_MENU_INFO, .title = summary, .detail = last});
	assert_true(frame_says(state, "54 aanbiedingen in de catalogus."));
	assert_true(frame_says(state, "Standaardtaal: Nederlands"));
	assert_false(frame_says(state, "beschadigd"));
	const char *code = NULL;
	const char *configured = NULL;
	assert_int_equal(app_take_language_save(state->kiosk, &code, &configured),
	                 APP_LANGUAGE_SAVE_NONE);
	tap(state, ACTION_MENU_ITEM, MENU_LANGUAGE_DEFAULT);
	assert_true(frame_says(state, "Standaardtaal: English"));
	assert_int_equal(app_default_language(state->kiosk), 1);
	/* The choice is to be saved, with the settings file's value it
	 * replaces; taken once. */
	assert_int_equal(app_take_language_save(state->kiosk, &code, &configured),
	                 APP_LANGUAGE_SAVE_CHOICE);
	assert_string_equal(code, "en");
	assert_string_equal(configured, "nl");
	assert_int_equal(app_take_language_save(state->kiosk, &code, &configured),
	                 APP_LANGUAGE_SAVE_NONE);
	assert_string_equal(code, "");
	/* Tapped twice before the loop takes it: only the newest. */
	tap(state, ACTION_MENU_ITEM, MENU_LANGUAGE_DEFAULT);
	tap(state, ACTION_MENU_ITEM, MENU_LANGUAGE_DEFAULT);
	assert_true(frame_says(state, "Standaardtaal: English"));
	assert_int_equal(app_take_language_save(state->kiosk, &code, &configured),
	                 APP_LANGUAGE_SAVE_CHOICE);
	assert_string_equal(code, "en");
	assert_int_equal(app_take_language_save(state->kiosk, &code, &configured),
	                 APP_LANGUAGE_SAVE_NONE);
	tap(state, ACTION_MENU_ITEM, MENU_EXPORT_COUNTS);
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_EXPORT_COUNTS);
	char exported[] = "De tellingen staan op de stick: buurtkiosk/gebruik.csv.";
	answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_MENU_MESSAGE, .message = exported});
	assert_true(frame_says(state, "buurtkiosk/gebruik.csv"));
	tap(state, ACTION_MENU_ITEM, MENU_RESTART);
	assert_int_equal(take_request(state, pin, sizeof(pin)), VOLUNTEER_REQUEST_RESTART);
	tap(state, ACTION_VOLUNTEER_CANCEL, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	/* Visits now start in the default language. */
	assert_int_equal(app_session(state->kiosk)->language, 1);
}

/* A second app on the fixture's parts with a saved default language. */
static app *create_with_saved(fixture *state, const char *saved, const char *configured)
{
	app_setup setup;
	memset(&setup, 0, sizeof(setup));
	setup.config = &state->config;
	setup.questions = state->questions;
	setup.engine = state->engine;
	setup.offers.context = state;
	setup.offers.load = load_from_catalogue;
	setup.languages = state->languages;
	setup.language_count = 2;
	setup.counts = state->counts;
	setup.start_utc = 1795420800;
	setup.kiosk_mode = true;
	setup.saved_language = saved;
	setup.saved_language_configured = configured;
	app *kiosk = app_create(&setup, state->now);
	assert_non_null(kiosk);
	return kiosk;
}

/* Which default language a start uses (app_create()'s precedence) and what
 * it asks the loop to do with the saved one. */
static void expect_start(fixture *state, const char *saved, const char *configured, size_t language,
                         app_language_save save)
{
	app *kiosk = create_with_saved(state, saved, configured);
	assert_int_equal(app_default_language(kiosk), language);
	assert_int_equal(app_session(kiosk)->language, language);
	const char *code = NULL;
	const char *chosen_over = NULL;
	assert_int_equal(app_take_language_save(kiosk, &code, &chosen_over), save);
	assert_int_equal(app_take_language_save(kiosk, &code, &chosen_over),
	                 APP_LANGUAGE_SAVE_NONE);
	app_destroy(kiosk);
}

static void test_saved_default_language_at_start(void **context)
{
	fixture *state = *context;
	/* The settings file says "nl" (the defaults). */
	expect_start(state, NULL, NULL, 0, APP_LANGUAGE_SAVE_NONE);
	expect_start(state, "", "", 0, APP_LANGUAGE_SAVE_NONE);
	/* Chosen over "nl", which the file still says: the choice holds. */
	expect_start(state, "en", "nl", 1, APP_LANGUAGE_SAVE_NONE);
	/* Chosen over "tr": the file was changed since, it wins, the choice goes. */
	expect_start(state, "en", "tr", 0, APP_LANGUAGE_FORGET);
	expect_start(state, "en", NULL, 0, APP_LANGUAGE_FORGET);
	/* A language the kiosk does not have: the file's, the choice kept. */
	expect_start(state, "xx", "nl", 0, APP_LANGUAGE_SAVE_NONE);
	/* The file says "en". */
	(void)text_copy(state->config.default_language, sizeof(state->config.default_language),
	                "en");
	expect_start(state, NULL, NULL, 1, APP_LANGUAGE_SAVE_NONE);
	expect_start(state, "nl", "en", 0, APP_LANGUAGE_SAVE_NONE);
	expect_start(state, "nl", "nl", 1, APP_LANGUAGE_FORGET);
	/* A file naming a language the kiosk lacks: compared as written. */
	(void)text_copy(state->config.default_language, sizeof(state->config.default_language),
	                "de");
	expect_start(state, NULL, NULL, 0, APP_LANGUAGE_SAVE_NONE);
	expect_start(state, "en", "de", 1, APP_LANGUAGE_SAVE_NONE);
}

/* After a recovery from damage the menu warns, from the service's answer
 * (the frame keeps the layout rules); a menu opened again asks afresh and
 * shows no stale warning meanwhile. */
static void test_menu_warns_while_a_recovered_catalogue_is_in_use(void **context)
{
	fixture *state = *context;
	char pin[16];
	for (int round = 0; round < 2; round++) {
		hold(state, 4, 4, 5000);
		assert_int_equal(app_current_screen(state->kiosk), APP_VOLUNTEER);
		type_pin(state, "2468");
		assert_int_equal(take_request(state, pin, sizeof(pin)),
		                 VOLUNTEER_REQUEST_CHECK_PIN);
		answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_PIN_CHECKED,
		                                .pin_result = STATUS_OK});
		assert_int_equal(take_request(state, pin, sizeof(pin)),
		                 VOLUNTEER_REQUEST_MENU_INFO);
		assert_false(frame_says(state, "beschadigd"));
		char summary[] = "54 aanbiedingen in de catalogus.";
		char last[] = "Laatste update op 24-11-2026 (noodvoorbeeld): bijgewerkt.";
		answer(state, (volunteer_event){.kind = VOLUNTEER_EVENT_MENU_INFO,
		                                .title = summary,
		                                .detail = last,
		                                .restored = round == 0 ? VOLUNTEER_RESTORE_SAMPLE
		                                                       : VOLUNTEER_RESTORE_NONE});
		assert_true(frame_says(state, "54 aanbiedingen in de catalogus."));
		assert_int_equal(frame_says(state, "voorbeeldcatalogus"), round == 0);
		assert_int_equal(frame_says(state, "beschadigd"), round == 0);
		tap(state, ACTION_VOLUNTEER_CANCEL, -1);
		assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	}
}

/* ---- read-aloud --------------------------------------------------------- */

static app_speech take_speech(fixture *state, const char **text)
{
	const char *language = NULL;
	app_speech speech = app_take_speech(state->kiosk, text, &language);
	assert_non_null(language);
	return speech;
}

static void test_read_aloud_reads_each_screen_and_a_touch_stops_it(void **context)
{
	fixture *state = *context;
	const char *text = NULL;
	(void)take_speech(state, &text); /* the kiosk starts quiet */
	tap(state, ACTION_BEGIN, -1);
	/* Off: nothing is read. */
	assert_int_equal(take_speech(state, &text), APP_SPEECH_NONE);
	tap(state, ACTION_READ_ALOUD, -1);
	assert_true(app_session(state->kiosk)->read_aloud);
	assert_int_equal(take_speech(state, &text), APP_SPEECH_SAY);
	assert_string_equal(text, "Voorlezen.");
	tap(state, ACTION_LANGUAGE, 0);
	/* The question, then each of its options, each its own sentence. */
	const question *first = questions_at(state->questions, 0);
	assert_int_equal(take_speech(state, &text), APP_SPEECH_SAY);
	assert_non_null(strstr(text, first->text));
	const char *previous = strstr(text, first->text);
	for (size_t option = 0; option < first->option_count; option++) {
		const char *found = strstr(previous, first->options[option].text);
		assert_non_null(found);
		previous = found;
	}
	/* Read once per screen. */
	assert_int_equal(take_speech(state, &text), APP_SPEECH_NONE);
	/* A new touch stops it at once, before anything else happens. */
	input_event press = event_at(INPUT_PRESS, 1, state->metrics.height / 2, state->now);
	assert_false(app_handle_input(state->kiosk, &press));
	assert_int_equal(take_speech(state, &text), APP_SPEECH_STOP);
	input_event release =
	    event_at(INPUT_RELEASE, 1, state->metrics.height / 2, state->now + 50);
	assert_false(app_handle_input(state->kiosk, &release));
	state->now += 600;
	/* The results read their first offers, in the chosen language's texts. */
	tap(state, ACTION_SHOW_RESULTS, -1);
	assert_int_equal(take_speech(state, &text), APP_SPEECH_SAY);
	assert_non_null(strstr(text, "Dit past bij u"));
	/* Switched off: it stops and stays quiet. */
	tap(state, ACTION_BACK, -1);
	(void)take_speech(state, &text);
	state->now += 600;
	tap(state, ACTION_BACK, -1);
	(void)take_speech(state, &text);
	int guard = 0;
	while (app_current_screen(state->kiosk) != APP_START && guard++ < 20) {
		state->now += 600;
		tap(state, ACTION_BACK, -1);
	}
	(void)take_speech(state, &text);
	tap(state, ACTION_READ_ALOUD, -1);
	assert_false(app_session(state->kiosk)->read_aloud);
	assert_int_equal(take_speech(state, &text), APP_SPEECH_STOP);
	tap(state, ACTION_LANGUAGE, 0);
	assert_int_equal(take_speech(state, &text), APP_SPEECH_NONE);
}

static void test_reset_returns_to_dutch_normal_text_and_silence(void **context)
{
	fixture *state = *context;
	const char *text = NULL;
	tap(state, ACTION_BEGIN, -1);
	tap(state, ACTION_READ_ALOUD, -1);
	tap(state, ACTION_LANGUAGE, 1);
	(void)take_speech(state, &text);
	assert_int_equal(app_session(state->kiosk)->language, 1);
	assert_non_null(find_target(state, ACTION_TEXT_STYLE, -1));
	tap(state, ACTION_TEXT_STYLE, -1);
	tap(state, ACTION_TEXT_STYLE, -1);
	assert_int_equal(app_text_style(state->kiosk), LAYOUT_TEXT_EXTRA_LARGE);
	state->now += 80000;
	app_tick(state->kiosk, state->now);
	build(state);
	assert_int_equal(app_current_screen(state->kiosk), APP_ATTRACT);
	assert_int_equal(app_session(state->kiosk)->language, 0);
	assert_false(app_session(state->kiosk)->read_aloud);
	assert_int_equal(app_text_style(state->kiosk), LAYOUT_TEXT_NORMAL);
	assert_int_equal(take_speech(state, &text), APP_SPEECH_STOP);
	assert_string_equal(text, "");
}

/* The first filled progress segment of a question screen: a thin bar in the
 * primary colour near the top. */
static draw_rect first_progress_segment(const fixture *state)
{
	draw_rect found = {-1, -1, 0, 0};
	for (size_t index = 0; index < draw_list_count(state->list); index++) {
		const draw_command *command = draw_list_at(state->list, index);
		if (command->kind == DRAW_FILL && command->box.height < state->metrics.gap * 2 &&
		    command->box.y < state->metrics.height / 4 &&
		    memcmp(&command->color, &state->metrics.palette.primary, sizeof(draw_color)) ==
		        0) {
			found = command->box;
		}
	}
	return found;
}

static void test_arabic_mirrors_back_and_progress(void **context)
{
	fixture *state = *context;
	char path[4096];
	translation *arabic = NULL;
	assert_true(text_format(path, sizeof(path), "%s/ar.mo", KIOSK_BUILD_LOCALE_DIR));
	assert_int_equal(translate_load_file(path, &arabic), STATUS_OK);
	state->languages[1] = (screen_language){"ar", translate_language_name(arabic), arabic};
	int middle = state->metrics.width / 2;
	/* Dutch: Terug on the left, progress filling from the left. */
	tap(state, ACTION_BEGIN, -1);
	tap(state, ACTION_LANGUAGE, 0);
	const draw_target *back = find_target(state, ACTION_BACK, -1);
	assert_non_null(back);
	assert_true(back->box.x + back->box.width / 2 < middle);
	draw_rect segment = first_progress_segment(state);
	assert_true(segment.x >= 0 && segment.x + segment.width / 2 < middle);
	assert_false(draw_list_is_right_to_left(state->list));
	/* Arabic: the same screen mirrored. */
	state->now += 90000;
	app_tick(state->kiosk, state->now);
	build(state);
	tap(state, ACTION_BEGIN, -1);
	tap(state, ACTION_LANGUAGE, 1);
	assert_int_equal(app_current_screen(state->kiosk), APP_QUESTION);
	assert_true(draw_list_is_right_to_left(state->list));
	back = find_target(state, ACTION_BACK, -1);
	assert_non_null(back);
	assert_true(back->box.x + back->box.width / 2 > middle);
	segment = first_progress_segment(state);
	assert_true(segment.x + segment.width / 2 > middle);
	/* Tapping still works on the mirrored frame: Terug goes back. */
	tap(state, ACTION_BACK, -1);
	assert_int_equal(app_current_screen(state->kiosk), APP_START);
	app_destroy(state->kiosk);
	state->kiosk = NULL;
	translate_free(arabic);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_attract_shows_real_upcoming_offers, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_journey_to_detail, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_idle_question_then_reset_wipes_everything, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_drag_is_not_a_tap_and_double_tap_acts_once, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_press_feedback_in_the_next_frame, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_quit_only_outside_kiosk_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_scroll_with_momentum, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_print_from_detail_and_picks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stick_on_the_attract_screen_opens_the_pin_pad,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_cancelled_preview_is_discarded_and_a_pulled_stick_closes_the_pad, setup,
	        teardown),
	    cmocka_unit_test_setup_teardown(test_a_resident_is_not_interrupted_by_a_stick, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_five_wrong_pins_lock_for_five_minutes, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_holding_the_corner_opens_the_menu, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_saved_default_language_at_start, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_menu_warns_while_a_recovered_catalogue_is_in_use,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_aloud_reads_each_screen_and_a_touch_stops_it,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reset_returns_to_dutch_normal_text_and_silence,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_arabic_mirrors_back_and_progress, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_a_long_problem_list_scrolls, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
