/* test_screens_volunteer.c — the volunteer's pages (PIN pad, preview,
 * progress, result, menu) and the "Vrijwilliger? Tik hier" band over every
 * resident's screen, built at portrait, landscape and small-panel sizes and
 * checked like every frame: text in its box, 15 mm targets that do not
 * overlap, contrast. */
#define _POSIX_C_SOURCE 200809L

#include "test_support.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "config.h"
#include "distance.h"
#include "draw.h"
#include "import.h"
#include "layout.h"
#include "match.h"
#include "qr.h"
#include "questions.h"
#include "screen.h"
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
#include "text.h"
#include "translate.h"

#define PROBLEM_LINES 200

typedef struct window_size {
	int width, height;
} window_size;

/* The three sizes the issue names, and two more small ones. */
static const window_size sizes[] = {
    {1080, 1920}, {1920, 1080}, {1280, 800}, {800, 1280}, {1366, 768},
};
#define SIZE_COUNT (sizeof(sizes) / sizeof(sizes[0]))

typedef struct fixture {
	catalogue *offers;
	question_set *questions;
	kiosk_config config;
	match_engine *engine;
	match_outcome outcome;
	screen_offer results[SCREEN_MAX_RESULTS];
	size_t result_count;
	session resident;
	local_time now;
	screen_language languages[2];
	size_t language_count;
	translation *english;
	draw_list *list;
	layout_metrics metrics;
	screen_volunteer volunteer;
	char problem_text[PROBLEM_LINES][160];
	const char *problems[PROBLEM_LINES];
	char text[128 * 1024];
} fixture;

static void fill_offer(const fixture *fix, const offer *item, const match_result *result,
                       screen_offer *out)
{
	memset(out, 0, sizeof(*out));
	out->item = item;
	out->result = result;
	out->meeting_count = schedule_next_meetings(&item->schedule, fix->now, out->meetings, 3);
	out->walking_minutes = -1;
	out->distance_metres = -1;
	if (item->has_location) {
		double metres = distance_metres(fix->config.latitude, fix->config.longitude,
		                                item->latitude, item->longitude);
		out->distance_metres = (int)metres;
		out->walking_minutes = distance_walking_minutes(metres);
	}
}

static int setup(void **state)
{
	fixture *fix = calloc(1, sizeof(*fix));
	assert_non_null(fix);
	char path[PATH_MAX];
	import_report report;
	memset(&report, 0, sizeof(report));
	test_source_path("data/catalogus.csv", path, sizeof(path));
	assert_int_equal(import_read_file(path, &fix->offers, &report), STATUS_OK);
	import_report_free(&report);
	test_source_path("data/questions.ini", path, sizeof(path));
	assert_int_equal(questions_load(path, &fix->questions, NULL), STATUS_OK);
	config_set_defaults(&fix->config);
	assert_true(schedule_parse_local("2026-11-23T09:00", &fix->now));
	fix->engine = match_engine_create(fix->offers, fix->config.latitude, fix->config.longitude,
	                                  fix->config.nearby_metres);
	assert_non_null(fix->engine);
	session_wipe(&fix->resident);
	match_answers answers;
	assert_int_equal(session_answers(&fix->resident, fix->questions, &answers), STATUS_OK);
	assert_int_equal(match_engine_run(fix->engine, &answers, fix->now, &fix->outcome),
	                 STATUS_OK);
	fix->result_count =
	    fix->outcome.count < SCREEN_MAX_RESULTS ? fix->outcome.count : SCREEN_MAX_RESULTS;
	assert_true(fix->result_count > 2);
	for (size_t index = 0; index < fix->result_count; index++) {
		const match_result *result = &fix->outcome.results[index];
		fill_offer(fix, catalogue_offer(fix->offers, result->offer_index), result,
		           &fix->results[index]);
	}
	fix->languages[0] = (screen_language){"nl", "Nederlands", NULL};
	fix->language_count = 1;
#ifdef KIOSK_BUILD_LOCALE_DIR
	assert_int_equal(translate_load_file(KIOSK_BUILD_LOCALE_DIR "/en.mo", &fix->english),
	                 STATUS_OK);
	fix->languages[1] = (screen_language){"en", "English", fix->english};
	fix->language_count = 2;
#endif
	for (size_t index = 0; index < PROBLEM_LINES; index++) {
		/* Some long enough to wrap on every window. */
		(void)snprintf(fix->problem_text[index], sizeof(fix->problem_text[index]),
		               "Regel %zu: %s", index + 2,
		               index % 3 == 0 ? "de kolom 'dagen' bevat 'maandagen', dat kennen we "
		                                "niet; gebruik bijvoorbeeld 'ma' of 'maandag'."
		                              : "er staat geen naam in.");
		fix->problems[index] = fix->problem_text[index];
	}
	fix->list = draw_list_create();
	assert_non_null(fix->list);
	*state = fix;
	return 0;
}

static int teardown(void **state)
{
	fixture *fix = *state;
	draw_list_destroy(fix->list);
	translate_free(fix->english);
	match_engine_destroy(fix->engine);
	questions_free(fix->questions);
	catalogue_destroy(fix->offers);
	free(fix);
	return 0;
}

static screen_context make_context(fixture *fix, window_size size, int *content_height)
{
	fix->metrics = layout_compute(size.width, size.height, 0.0, 0.0);
	draw_list_clear(fix->list);
	screen_context context;
	memset(&context, 0, sizeof(context));
	context.list = fix->list;
	context.measurer = test_fake_measurer();
	context.metrics = &fix->metrics;
	context.config = &fix->config;
	context.questions = fix->questions;
	context.resident = &fix->resident;
	context.languages = fix->languages;
	context.language_count = fix->language_count;
	context.now = fix->now;
	context.upcoming = fix->results;
	context.upcoming_count = fix->result_count < 3 ? fix->result_count : 3;
	context.results = fix->results;
	context.result_count = fix->result_count;
	context.results_total = fix->outcome.count;
	context.outcome = &fix->outcome;
	context.content_height = content_height;
	context.volunteer = &fix->volunteer;
	return context;
}

/* A volunteer view as the app would fill it for `page`. */
static void reset_volunteer(fixture *fix, int page)
{
	memset(&fix->volunteer, 0, sizeof(fix->volunteer));
	/* The page's enum has no name to cast to: one constant at a time. */
	switch (page) {
	case VOLUNTEER_PIN: fix->volunteer.page = VOLUNTEER_PIN; break;
	case VOLUNTEER_PREVIEW: fix->volunteer.page = VOLUNTEER_PREVIEW; break;
	case VOLUNTEER_IMPORTING: fix->volunteer.page = VOLUNTEER_IMPORTING; break;
	case VOLUNTEER_RESULT: fix->volunteer.page = VOLUNTEER_RESULT; break;
	default: fix->volunteer.page = VOLUNTEER_MENU; break;
	}
	fix->volunteer.pin_message = "";
	fix->volunteer.pin_purpose = "Catalogus bijwerken";
	fix->volunteer.file_message = "";
	fix->volunteer.result_title = "De catalogus is bijgewerkt.";
	fix->volunteer.result_detail = "54 aanbiedingen: 3 nieuw, 2 veranderd, 1 verwijderd.";
	fix->volunteer.catalogue_summary = "54 aanbiedingen, bijgewerkt op 20 november 2026";
	fix->volunteer.last_import_summary = "Laatste update: 20 november, 54 nieuw, 0 problemen";
	fix->volunteer.language_default = "Nederlands";
	fix->volunteer.menu_message = "";
}

/* Every line on screen joined by spaces: a wrapped sentence reads whole. */
static const char *screen_words(fixture *fix)
{
	(void)test_frame_text(fix->list, fix->text, sizeof(fix->text));
	for (char *cursor = fix->text; *cursor; cursor++) {
		if (*cursor == '\n') {
			*cursor = ' ';
		}
	}
	return fix->text;
}

static void assert_on_screen(fixture *fix, const char *expected)
{
	const char *words = screen_words(fix);
	if (!strstr(words, expected)) {
		fail_msg("\"%s\" is not on screen; it shows: %s", expected, words);
	}
}

static void assert_not_on_screen(fixture *fix, const char *unexpected)
{
	if (strstr(screen_words(fix), unexpected)) {
		fail_msg("\"%s\" is on screen", unexpected);
	}
}

static const draw_target *find_target(const draw_list *list, int action, int argument)
{
	const draw_target *found = NULL;
	for (size_t index = 0; index < draw_list_target_count(list); index++) {
		const draw_target *target = draw_list_target_at(list, index);
		if (target->action == action && target->argument == argument) {
			assert_null(found); /* each target once */
			found = target;
		}
	}
	return found;
}

static size_t count_targets(const draw_list *list, int action)
{
	size_t count = 0;
	for (size_t index = 0; index < draw_list_target_count(list); index++) {
		count += draw_list_target_at(list, index)->action == action;
	}
	return count;
}

static bool same_color(draw_color a, draw_color b)
{
	return a.red == b.red && a.green == b.green && a.blue == b.blue && a.alpha == b.alpha;
}

/* The last fill exactly under a box: a key's or a button's face. */
static draw_color face_of(const draw_list *list, draw_rect box)
{
	const draw_command *found = NULL;
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_FILL && command->box.x == box.x &&
		    command->box.y == box.y && command->box.width == box.width &&
		    command->box.height == box.height) {
			found = command;
		}
	}
	if (!found) {
		fail_msg("no fill under the box at %d,%d", box.x, box.y);
	}
	return found->color;
}

/* Builds the volunteer page in fix->volunteer and checks the frame. */
static void build_page(fixture *fix, window_size size, int *content_height, bool printer)
{
	screen_context context = make_context(fix, size, content_height);
	context.printer_available = printer;
	screen_volunteer_build(&context);
	assert_int_equal(draw_list_status(fix->list), STATUS_OK);
	test_check_frame(fix->list, &fix->metrics, context.measurer);
}

/* ---- PIN --------------------------------------------------------------- */

/* The dots in the PIN field: round fills in the text colour. */
static size_t count_dots(const fixture *fix)
{
	size_t dots = 0;
	for (size_t index = 0; index < draw_list_count(fix->list); index++) {
		const draw_command *command = draw_list_at(fix->list, index);
		if (command->kind == DRAW_FILL &&
		    same_color(command->color, fix->metrics.palette.text) &&
		    command->box.width == command->box.height &&
		    command->radius == command->box.width / 2) {
			dots++;
		}
	}
	return dots;
}

static void test_pin_pad_at_every_size(void **state)
{
	fixture *fix = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (int typed = 0; typed <= 8; typed += 4) {
			reset_volunteer(fix, VOLUNTEER_PIN);
			fix->volunteer.pin_length = typed;
			build_page(fix, sizes[size], NULL, false);
			assert_on_screen(fix, "Catalogus bijwerken");
			assert_on_screen(fix, "Typ de pincode");
			assert_int_equal(count_dots(fix), (size_t)typed);
			/* Twelve keys and Annuleren, nothing else. */
			assert_int_equal(draw_list_target_count(fix->list), 13);
			int ideal = layout_millimetres(&fix->metrics, 20.0);
			for (int digit = 0; digit <= 9; digit++) {
				const draw_target *key =
				    find_target(fix->list, ACTION_PIN_DIGIT, digit);
				assert_non_null(key);
				char label[2] = {(char)('0' + digit), '\0'};
				assert_string_equal(key->label, label);
				assert_true(key->box.width >= fix->metrics.target);
				assert_true(key->box.height >= fix->metrics.target);
				/* Every window here has room for keys of 20 mm. */
				assert_true(key->box.height >= ideal);
				assert_true(key->box.width >= ideal);
			}
			const draw_target *erase = find_target(fix->list, ACTION_PIN_ERASE, 0);
			const draw_target *ok = find_target(fix->list, ACTION_PIN_OK, 0);
			const draw_target *cancel =
			    find_target(fix->list, ACTION_VOLUNTEER_CANCEL, 0);
			assert_non_null(erase);
			assert_non_null(ok);
			assert_non_null(cancel);
			assert_string_equal(cancel->label, "Annuleren");
			assert_true(erase->box.height >= ideal && ok->box.height >= ideal);
			/* A phone pad: 1 2 3 on top, then 4 5 6, 7 8 9, and erase 0 OK. */
			const draw_target *one = find_target(fix->list, ACTION_PIN_DIGIT, 1);
			const draw_target *three = find_target(fix->list, ACTION_PIN_DIGIT, 3);
			const draw_target *seven = find_target(fix->list, ACTION_PIN_DIGIT, 7);
			const draw_target *zero = find_target(fix->list, ACTION_PIN_DIGIT, 0);
			assert_int_equal(one->box.y, three->box.y);
			assert_true(three->box.x > one->box.x);
			assert_true(seven->box.y > one->box.y);
			assert_int_equal(erase->box.x, seven->box.x);
			assert_int_equal(zero->box.y, erase->box.y);
			assert_true(zero->box.x > erase->box.x && ok->box.x > zero->box.x);
			assert_int_equal(ok->box.y, zero->box.y);
			/* OK is the primary key; the pad lies above the bar. */
			assert_true(
			    same_color(face_of(fix->list, ok->box), fix->metrics.palette.primary));
			assert_true(zero->box.y + zero->box.height < cancel->box.y);
		}
	}
}

static void test_pin_dots_never_show_more_than_eight(void **state)
{
	fixture *fix = *state;
	reset_volunteer(fix, VOLUNTEER_PIN);
	fix->volunteer.pin_length = 30;
	build_page(fix, sizes[2], NULL, false);
	assert_int_equal(count_dots(fix), 8);
	fix->volunteer.pin_length = -3;
	build_page(fix, sizes[2], NULL, false);
	assert_int_equal(count_dots(fix), 0);
}

static void test_pin_message_and_lock(void **state)
{
	fixture *fix = *state;
	const char *wrong = "Verkeerde pincode. Probeer het nog eens.";
	const char *locked = "Te vaak een verkeerde pincode. Vergrendeld voor nog 4 minuten.";
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		reset_volunteer(fix, VOLUNTEER_PIN);
		fix->volunteer.pin_message = wrong;
		fix->volunteer.pin_length = 2;
		build_page(fix, sizes[size], NULL, false);
		assert_on_screen(fix, wrong);
		assert_int_equal(count_targets(fix->list, ACTION_PIN_DIGIT), 10);
		/* The message is drawn on the notice colour. */
		bool on_notice = false;
		for (size_t index = 0; index < draw_list_count(fix->list); index++) {
			const draw_command *command = draw_list_at(fix->list, index);
			if (command->kind == DRAW_TEXT && strstr(wrong, command->text) &&
			    same_color(command->background, fix->metrics.palette.notice)) {
				on_notice = true;
			}
		}
		assert_true(on_notice);

		reset_volunteer(fix, VOLUNTEER_PIN);
		fix->volunteer.pin_message = locked;
		fix->volunteer.pin_locked = true;
		fix->volunteer.pin_purpose = "Menu";
		build_page(fix, sizes[size], NULL, false);
		assert_on_screen(fix, locked);
		assert_on_screen(fix, "Menu");
		/* The keys are still there to see, but nothing on them responds. */
		assert_on_screen(fix, "5");
		assert_int_equal(count_targets(fix->list, ACTION_PIN_DIGIT), 0);
		assert_null(find_target(fix->list, ACTION_PIN_ERASE, 0));
		assert_null(find_target(fix->list, ACTION_PIN_OK, 0));
		assert_non_null(find_target(fix->list, ACTION_VOLUNTEER_CANCEL, 0));
		assert_int_equal(draw_list_target_count(fix->list), 1);
	}
}

static void test_pin_key_looks_pressed(void **state)
{
	fixture *fix = *state;
	reset_volunteer(fix, VOLUNTEER_PIN);
	screen_context context = make_context(fix, sizes[0], NULL);
	screen_volunteer_build(&context);
	draw_rect seven = find_target(fix->list, ACTION_PIN_DIGIT, 7)->box;
	draw_rect eight = find_target(fix->list, ACTION_PIN_DIGIT, 8)->box;
	assert_true(same_color(face_of(fix->list, seven), fix->metrics.palette.secondary));
	context = make_context(fix, sizes[0], NULL);
	context.pressed_action = ACTION_PIN_DIGIT;
	context.pressed_argument = 7;
	screen_volunteer_build(&context);
	test_check_frame(fix->list, &fix->metrics, context.measurer);
	assert_true(same_color(face_of(fix->list, seven), fix->metrics.palette.secondary_pressed));
	assert_true(same_color(face_of(fix->list, eight), fix->metrics.palette.secondary));
}

/* ---- Preview ----------------------------------------------------------- */

static const draw_target *scroll_area(const fixture *fix)
{
	const draw_target *area = find_target(fix->list, ACTION_SCROLL_AREA, 0);
	assert_non_null(area);
	return area;
}

/* True when a text line of `text` is drawn inside the scroll area. */
static bool line_in_view(const fixture *fix, const char *prefix)
{
	draw_rect area = scroll_area(fix)->box;
	for (size_t index = 0; index < draw_list_count(fix->list); index++) {
		const draw_command *command = draw_list_at(fix->list, index);
		if (command->kind == DRAW_TEXT &&
		    strncmp(command->text, prefix, strlen(prefix)) == 0) {
			draw_rect seen = draw_rect_intersect(command->box, area);
			if (seen.width > 0 && seen.height > 0) {
				return true;
			}
		}
	}
	return false;
}

static void test_preview_without_problems(void **state)
{
	fixture *fix = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		reset_volunteer(fix, VOLUNTEER_PREVIEW);
		fix->volunteer.new_count = 3;
		fix->volunteer.changed_count = 12;
		fix->volunteer.removed_count = 1;
		fix->volunteer.unchanged_count = 48;
		fix->volunteer.can_apply = true;
		int content = -1;
		build_page(fix, sizes[size], &content, false);
		assert_on_screen(fix, "Nieuwe catalogus op de stick");
		assert_on_screen(fix, "Geen problemen gevonden.");
		const char *words[] = {"3 nieuw", "12 veranderd", "1 verwijderd", "48 hetzelfde"};
		for (size_t index = 0; index < 4; index++) {
			assert_on_screen(fix, words[index]);
		}
		assert_true(content > 0);
		assert_true(content <= scroll_area(fix)->box.height);
		const draw_target *apply = find_target(fix->list, ACTION_VOLUNTEER_APPLY, 0);
		assert_non_null(apply);
		assert_string_equal(apply->label, "Bijwerken");
		assert_true(
		    same_color(face_of(fix->list, apply->box), fix->metrics.palette.primary));
		assert_non_null(find_target(fix->list, ACTION_VOLUNTEER_CANCEL, 0));
		assert_int_equal(draw_list_target_count(fix->list), 3);
	}
}

static void test_preview_scrolls_through_problems(void **state)
{
	fixture *fix = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		reset_volunteer(fix, VOLUNTEER_PREVIEW);
		fix->volunteer.can_apply = true;
		fix->volunteer.new_count = 40;
		int heights[3];
		const size_t counts[3] = {0, 20, PROBLEM_LINES};
		for (size_t run = 0; run < 3; run++) {
			fix->volunteer.problems = fix->problems;
			fix->volunteer.problem_count = counts[run];
			build_page(fix, sizes[size], &heights[run], false);
		}
		/* More lines, a longer list. */
		assert_true(heights[0] > 0);
		assert_true(heights[1] > heights[0]);
		assert_true(heights[2] > heights[1] * 5);
		assert_on_screen(fix, "Problemen in het bestand: 200");
		int viewport = scroll_area(fix)->box.height;
		int end = heights[2] - viewport;
		assert_true(end > 0);
		const int scrolls[] = {0, end / 3, end / 2, end};
		for (size_t step = 0; step < sizeof(scrolls) / sizeof(scrolls[0]); step++) {
			fix->volunteer.scroll = scrolls[step];
			int content = -1;
			build_page(fix, sizes[size], &content, false);
			assert_int_equal(content, heights[2]);
			/* The list is below the counts and above the bar's buttons. */
			const draw_target *area = scroll_area(fix);
			const draw_target *cancel =
			    find_target(fix->list, ACTION_VOLUNTEER_CANCEL, 0);
			assert_true(area->box.y + area->box.height < cancel->box.y);
			assert_true(area->box.height >= fix->metrics.target);
			if (step == 0) {
				assert_true(line_in_view(fix, "Regel 2:"));
				assert_false(line_in_view(fix, "Regel 201:"));
			}
			if (scrolls[step] == end) {
				assert_false(line_in_view(fix, "Regel 2:"));
				assert_true(line_in_view(fix, "Regel 201:"));
			}
		}
		/* The first scroll frame shows only some of the 200 lines. */
		fix->volunteer.scroll = 0;
		build_page(fix, sizes[size], NULL, false);
		assert_true(line_in_view(fix, "Regel 3:"));
		assert_false(line_in_view(fix, "Regel 150:"));
	}
}

static void test_preview_that_cannot_be_applied(void **state)
{
	fixture *fix = *state;
	const char *why = "In dit bestand staat geen kolom 'naam'. Er verandert niets.";
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		reset_volunteer(fix, VOLUNTEER_PREVIEW);
		fix->volunteer.can_apply = false;
		fix->volunteer.file_message = why;
		fix->volunteer.problems = fix->problems;
		fix->volunteer.problem_count = 5;
		build_page(fix, sizes[size], NULL, false);
		assert_on_screen(fix, why);
		assert_null(find_target(fix->list, ACTION_VOLUNTEER_APPLY, 0));
		assert_not_on_screen(fix, "Bijwerken");
		assert_non_null(find_target(fix->list, ACTION_VOLUNTEER_CANCEL, 0));
	}
}

/* ---- Importing --------------------------------------------------------- */

/* The filled part of the progress bar: the one primary fill on the page. */
static int progress_width(const fixture *fix, int *track_width)
{
	int width = 0;
	*track_width = 0;
	for (size_t index = 0; index < draw_list_count(fix->list); index++) {
		const draw_command *command = draw_list_at(fix->list, index);
		if (command->kind == DRAW_FILL &&
		    same_color(command->color, fix->metrics.palette.primary)) {
			assert_int_equal(width, 0);
			width = command->box.width;
		}
		if (command->kind == DRAW_FRAME) {
			*track_width = command->box.width;
		}
	}
	return width;
}

static void test_importing_progress(void **state)
{
	fixture *fix = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		int widths[5];
		const int percents[5] = {0, 25, 50, 100, 160};
		int track = 0;
		for (size_t step = 0; step < 5; step++) {
			reset_volunteer(fix, VOLUNTEER_IMPORTING);
			fix->volunteer.progress_percent = percents[step];
			build_page(fix, sizes[size], NULL, false);
			assert_int_equal(draw_list_target_count(fix->list), 0);
			assert_on_screen(fix, "Bezig met bijwerken…");
			assert_on_screen(fix, "Haal de stick er nog niet uit.");
			widths[step] = progress_width(fix, &track);
		}
		assert_int_equal(widths[0], 0);
		assert_true(track > 0);
		/* Proportional to the percentage, within rounding. */
		assert_true(abs(widths[2] - 2 * widths[1]) <= 2);
		assert_true(abs(widths[3] - 2 * widths[2]) <= 2);
		assert_true(widths[3] <= track && widths[3] > track * 9 / 10);
		/* Past 100 stays full. */
		assert_int_equal(widths[4], widths[3]);
		assert_on_screen(fix, "100%");
	}
	reset_volunteer(fix, VOLUNTEER_IMPORTING);
	fix->volunteer.progress_percent = -20;
	build_page(fix, sizes[0], NULL, false);
	int track = 0;
	assert_int_equal(progress_width(fix, &track), 0);
	assert_on_screen(fix, "0%");
}

/* ---- Result ------------------------------------------------------------ */

static void test_result(void **state)
{
	fixture *fix = *state;
	char long_detail[8192] = "";
	for (int sentence = 0; sentence < 100; sentence++) {
		size_t used = strlen(long_detail);
		(void)snprintf(long_detail + used, sizeof(long_detail) - used,
		               "Het verslag staat op de stick in de map buurtkiosk (%d). ",
		               sentence);
	}
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		reset_volunteer(fix, VOLUNTEER_RESULT);
		build_page(fix, sizes[size], NULL, false);
		assert_on_screen(fix, "De catalogus is bijgewerkt.");
		assert_on_screen(fix, "54 aanbiedingen: 3 nieuw, 2 veranderd, 1 verwijderd.");
		assert_on_screen(fix, "U kunt de stick nu verwijderen.");
		const draw_target *done = find_target(fix->list, ACTION_VOLUNTEER_DONE, 0);
		assert_non_null(done);
		assert_string_equal(done->label, "Klaar");
		assert_int_equal(draw_list_target_count(fix->list), 1);

		/* A very long detail is shrunk and cut; the notice stays. */
		fix->volunteer.result_title = "Er is niets veranderd.";
		fix->volunteer.result_detail = long_detail;
		build_page(fix, sizes[size], NULL, false);
		assert_on_screen(fix, "Er is niets veranderd.");
		assert_on_screen(fix, "U kunt de stick nu verwijderen.");
		assert_on_screen(fix, "\xE2\x80\xA6");
		done = find_target(fix->list, ACTION_VOLUNTEER_DONE, 0);
		for (size_t index = 0; index < draw_list_count(fix->list); index++) {
			const draw_command *command = draw_list_at(fix->list, index);
			if (command->kind == DRAW_TEXT && strcmp(command->text, "Klaar") != 0) {
				/* No text runs into the bar. */
				assert_true(command->box.y + command->box.height <=
				            done->box.y - fix->metrics.margin);
			}
		}
	}
}

/* ---- Menu -------------------------------------------------------------- */

static void test_menu(void **state)
{
	fixture *fix = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (int printer = 0; printer <= 1; printer++) {
			reset_volunteer(fix, VOLUNTEER_MENU);
			fix->volunteer.menu_message = printer ? "Het testbriefje is geprint." : "";
			build_page(fix, sizes[size], NULL, printer);
			assert_on_screen(fix, "Menu voor vrijwilligers");
			assert_on_screen(fix, "54 aanbiedingen, bijgewerkt op 20 november 2026");
			assert_on_screen(fix, "Laatste update: 20 november, 54 nieuw, 0 problemen");
			const draw_target *test =
			    find_target(fix->list, ACTION_MENU_ITEM, MENU_PRINTER_TEST);
			if (printer) {
				assert_non_null(test);
				assert_string_equal(test->label, "Testbriefje printen");
				assert_on_screen(fix, "Het testbriefje is geprint.");
			} else {
				assert_null(test);
				assert_not_on_screen(fix, "Testbriefje printen");
			}
			const draw_target *export =
			    find_target(fix->list, ACTION_MENU_ITEM, MENU_EXPORT_COUNTS);
			const draw_target *language =
			    find_target(fix->list, ACTION_MENU_ITEM, MENU_LANGUAGE_DEFAULT);
			const draw_target *restart =
			    find_target(fix->list, ACTION_MENU_ITEM, MENU_RESTART);
			assert_non_null(export);
			assert_non_null(language);
			assert_non_null(restart);
			assert_string_equal(export->label, "Tellingen naar de stick");
			assert_string_equal(language->label, "Standaardtaal: Nederlands");
			assert_string_equal(restart->label, "Kiosk opnieuw starten");
			const draw_target *close =
			    find_target(fix->list, ACTION_VOLUNTEER_CANCEL, 0);
			assert_non_null(close);
			assert_string_equal(close->label, "Sluiten");
			assert_int_equal(draw_list_target_count(fix->list), printer ? 5 : 4);
			assert_true(restart->box.y + restart->box.height < close->box.y);
		}
	}
}

/* An icon by name somewhere in the frame. */
static bool has_icon(const draw_list *list, const char *name)
{
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_ICON && strcmp(command->text, name) == 0) {
			return true;
		}
	}
	return false;
}

/* After a recovery the menu says so, whole and with its pictogram, beside
 * or above the summaries, with every button still there and above the bar. */
static void test_menu_warns_after_a_recovery(void **state)
{
	fixture *fix = *state;
	static const struct {
		screen_catalogue_warning warning;
		const char *text;
		const char *icon;
	} cases[] = {
	    {CATALOGUE_RESTORED_BACKUP,
	     "De database was beschadigd en is hersteld met de laatste goede catalogus. Mist u "
	     "iets? Zet de catalogus opnieuw op de kiosk met een USB-stick.",
	     "info"},
	    {CATALOGUE_RESTORED_SAMPLE,
	     "Let op: de database was beschadigd en de laatste goede catalogus was niet te "
	     "gebruiken. De kiosk toont nu de voorbeeldcatalogus. Zet de catalogus opnieuw op de "
	     "kiosk met een USB-stick.",
	     "warning"},
	    {CATALOGUE_RESTORED_NOTHING,
	     "Let op: de database was beschadigd en er was geen catalogus om terug te zetten. De "
	     "kiosk heeft nu geen aanbod. Zet de catalogus opnieuw op de kiosk met een USB-stick.",
	     "warning"},
	};
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (size_t which = 0; which < sizeof(cases) / sizeof(cases[0]); which++) {
			for (int printer = 0; printer <= 1; printer++) {
				reset_volunteer(fix, VOLUNTEER_MENU);
				fix->volunteer.catalogue_warning = cases[which].warning;
				fix->volunteer.menu_message =
				    printer ? "Het testbriefje is geprint." : "";
				build_page(fix, sizes[size], NULL, printer);
				assert_on_screen(fix, cases[which].text);
				assert_true(has_icon(fix->list, cases[which].icon));
				assert_on_screen(fix, "Menu voor vrijwilligers");
				assert_int_equal(draw_list_target_count(fix->list),
				                 printer ? 5 : 4);
				const draw_target *restart =
				    find_target(fix->list, ACTION_MENU_ITEM, MENU_RESTART);
				const draw_target *close =
				    find_target(fix->list, ACTION_VOLUNTEER_CANCEL, 0);
				assert_non_null(restart);
				assert_non_null(close);
				assert_true(restart->box.y + restart->box.height < close->box.y);
			}
		}
		/* Without a recovery there is no warning. */
		reset_volunteer(fix, VOLUNTEER_MENU);
		build_page(fix, sizes[size], NULL, true);
		assert_not_on_screen(fix, "beschadigd");
		assert_false(has_icon(fix->list, "warning"));
	}
}

static void test_no_volunteer_draws_only_the_page(void **state)
{
	fixture *fix = *state;
	screen_context context = make_context(fix, sizes[0], NULL);
	context.volunteer = NULL;
	screen_volunteer_build(&context);
	assert_int_equal(draw_list_count(fix->list), 1);
	assert_int_equal(draw_list_target_count(fix->list), 0);
}

/* ---- English ----------------------------------------------------------- */

static void test_pages_in_english(void **state)
{
	fixture *fix = *state;
	if (!fix->english) {
		skip();
	}
	const int pages[] = {VOLUNTEER_PIN, VOLUNTEER_PREVIEW, VOLUNTEER_IMPORTING,
	                     VOLUNTEER_RESULT, VOLUNTEER_MENU};
	const char *dutch[] = {"Typ de pincode", "Geen problemen gevonden.", "Bezig met bijwerken",
	                       "U kunt de stick nu verwijderen.", "Menu voor vrijwilligers"};
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (size_t page = 0; page < sizeof(pages) / sizeof(pages[0]); page++) {
			reset_volunteer(fix, pages[page]);
			fix->volunteer.can_apply = true;
			screen_context context = make_context(fix, sizes[size], NULL);
			context.messages = fix->english;
			context.printer_available = true;
			screen_volunteer_build(&context);
			assert_int_equal(draw_list_status(fix->list), STATUS_OK);
			test_check_frame(fix->list, &fix->metrics, context.measurer);
			assert_not_on_screen(fix, dutch[page]);
			if (pages[page] == VOLUNTEER_MENU) {
				/* The recovery's warning is translated too. */
				fix->volunteer.catalogue_warning = CATALOGUE_RESTORED_SAMPLE;
				context = make_context(fix, sizes[size], NULL);
				context.messages = fix->english;
				context.printer_available = true;
				screen_volunteer_build(&context);
				test_check_frame(fix->list, &fix->metrics, context.measurer);
				assert_not_on_screen(fix, "beschadigd");
				assert_on_screen(fix, "sample catalogue");
			}
			for (size_t index = 0; index < draw_list_target_count(fix->list); index++) {
				const char *label = draw_list_target_at(fix->list, index)->label;
				assert_string_not_equal(label, "Annuleren");
				assert_string_not_equal(label, "Bijwerken");
				assert_string_not_equal(label, "Sluiten");
			}
		}
	}
}

/* ---- The band over a resident's screen --------------------------------- */

typedef enum resident_screen {
	RESIDENT_ATTRACT,
	RESIDENT_START,
	RESIDENT_QUESTION,
	RESIDENT_RESULTS,
	RESIDENT_DETAIL,
	RESIDENT_OVERVIEW,
	RESIDENT_PRINTING,
	RESIDENT_SCREEN_COUNT
} resident_screen;

static void build_resident(fixture *fix, screen_context *context, resident_screen which,
                           size_t question_index, qr_code *code)
{
	switch (which) {
	case RESIDENT_ATTRACT: screen_attract_build(context); break;
	case RESIDENT_START: screen_start_build(context); break;
	case RESIDENT_QUESTION:
		fix->resident.question = question_index;
		screen_question_build(context);
		break;
	case RESIDENT_RESULTS: screen_results_build(context); break;
	case RESIDENT_OVERVIEW: screen_overview_build(context); break;
	case RESIDENT_DETAIL:
	case RESIDENT_PRINTING:
		context->detail = &fix->results[0];
		context->printer_available = true;
		if (code) {
			context->detail_qr.modules = qr_modules(code);
			context->detail_qr.side = qr_side(code);
		}
		screen_detail_build(context);
		if (which == RESIDENT_PRINTING) {
			context->print_state = 1;
			screen_print_build(context);
		}
		break;
	case RESIDENT_SCREEN_COUNT: break;
	}
}

/* Builds a resident's screen, then the band over it, and checks that the
 * band is at the top, a target high, and covers none of the screen's own
 * targets (only whole-window layers such as the attract screen's lie under
 * it). */
static void check_band_over(fixture *fix, window_size size, resident_screen which,
                            size_t question_index, qr_code *code)
{
	screen_context context = make_context(fix, size, NULL);
	context.volunteer = NULL;
	build_resident(fix, &context, which, question_index, code);
	size_t under = draw_list_target_count(fix->list);
	assert_true(under > 0);
	/* What a finger on each target's centre reached before the band. */
	const draw_target *reached[256];
	assert_true(under <= sizeof(reached) / sizeof(reached[0]));
	for (size_t index = 0; index < under; index++) {
		draw_rect box = draw_list_target_at(fix->list, index)->box;
		reached[index] = draw_list_target_at_point(fix->list, box.x + box.width / 2,
		                                           box.y + box.height / 2);
	}
	context.volunteer_waiting = true;
	screen_volunteer_bar_build(&context);
	assert_int_equal(draw_list_status(fix->list), STATUS_OK);
	test_check_frame(fix->list, &fix->metrics, context.measurer);
	assert_int_equal(draw_list_target_count(fix->list), under + 1);
	const draw_target *band = draw_list_target_at(fix->list, under);
	assert_int_equal(band->action, ACTION_VOLUNTEER_OPEN);
	assert_string_equal(band->label, "Vrijwilliger? Tik hier");
	assert_int_equal(band->box.y, 0);
	assert_int_equal(band->box.height, screen_volunteer_bar_height(&context));
	assert_true(band->box.height >= fix->metrics.target);
	assert_true(band->box.height <= fix->metrics.target * 2);
	for (size_t index = 0; index < under; index++) {
		const draw_target *target = draw_list_target_at(fix->list, index);
		draw_rect overlap = draw_rect_intersect(target->box, band->box);
		bool layer = target->box.x == 0 && target->box.y == 0 &&
		             target->box.width == fix->metrics.width &&
		             target->box.height == fix->metrics.height;
		if (overlap.width > 0 && overlap.height > 0 && !layer) {
			fail_msg("screen %d at %dx%d: the band covers \"%s\"", (int)which,
			         size.width, size.height, target->label);
		}
		/* Still reachable where it was. */
		const draw_target *touched =
		    draw_list_target_at_point(fix->list, target->box.x + target->box.width / 2,
		                              target->box.y + target->box.height / 2);
		assert_non_null(touched);
		if (!layer) {
			assert_ptr_equal(touched, reached[index]);
		}
	}
	assert_on_screen(fix, "Vrijwilliger? Tik hier");
	draw_color accent = fix->metrics.palette.attract_accent;
	assert_true(same_color(face_of(fix->list, band->box), accent));
}

static void test_band_over_every_resident_screen(void **state)
{
	fixture *fix = *state;
	qr_code *code = NULL;
	if (fix->results[0].item->signup_url[0]) {
		assert_int_equal(qr_encode(fix->results[0].item->signup_url, &code), STATUS_OK);
	}
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (int which = 0; which < RESIDENT_SCREEN_COUNT; which++) {
			if (which == RESIDENT_QUESTION) {
				for (size_t question_index = 0;
				     question_index < questions_count(fix->questions);
				     question_index++) {
					check_band_over(fix, sizes[size], (resident_screen)which,
					                question_index, code);
				}
			} else {
				check_band_over(fix, sizes[size], (resident_screen)which, 0, code);
			}
		}
	}
	qr_free(code);
	fix->resident.question = 0;
}

static void test_band_only_while_waiting(void **state)
{
	fixture *fix = *state;
	screen_context context = make_context(fix, sizes[0], NULL);
	screen_start_build(&context);
	size_t commands = draw_list_count(fix->list);
	size_t targets = draw_list_target_count(fix->list);
	screen_volunteer_bar_build(&context);
	assert_int_equal(draw_list_count(fix->list), commands);
	assert_int_equal(draw_list_target_count(fix->list), targets);
}

static void test_band_pressed_and_under_the_idle_question(void **state)
{
	fixture *fix = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		screen_context context = make_context(fix, sizes[size], NULL);
		context.volunteer_waiting = true;
		context.pressed_action = ACTION_VOLUNTEER_OPEN;
		fix->resident.question = 2;
		screen_question_build(&context);
		screen_volunteer_bar_build(&context);
		test_check_frame(fix->list, &fix->metrics, context.measurer);
		const draw_target *band = find_target(fix->list, ACTION_VOLUNTEER_OPEN, 0);
		assert_non_null(band);
		assert_true(same_color(face_of(fix->list, band->box),
		                       fix->metrics.palette.secondary_pressed));
		/* "Bent u er nog?" goes over everything, the band included. */
		screen_idle_build(&context, 10);
		test_check_frame(fix->list, &fix->metrics, context.measurer);
		const draw_target *touched = draw_list_target_at_point(
		    fix->list, band->box.x + band->box.width / 2, band->box.height / 2);
		assert_int_equal(touched->action, ACTION_STILL_HERE);
		if (fix->english) {
			context = make_context(fix, sizes[size], NULL);
			context.messages = fix->english;
			context.volunteer_waiting = true;
			screen_question_build(&context);
			screen_volunteer_bar_build(&context);
			test_check_frame(fix->list, &fix->metrics, context.measurer);
			assert_not_on_screen(fix, "Vrijwilliger? Tik hier");
		}
	}
	fix->resident.question = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pin_pad_at_every_size),
	    cmocka_unit_test(test_pin_dots_never_show_more_than_eight),
	    cmocka_unit_test(test_pin_message_and_lock),
	    cmocka_unit_test(test_pin_key_looks_pressed),
	    cmocka_unit_test(test_preview_without_problems),
	    cmocka_unit_test(test_preview_scrolls_through_problems),
	    cmocka_unit_test(test_preview_that_cannot_be_applied),
	    cmocka_unit_test(test_importing_progress),
	    cmocka_unit_test(test_result),
	    cmocka_unit_test(test_menu),
	    cmocka_unit_test(test_no_volunteer_draws_only_the_page),
	    cmocka_unit_test(test_menu_warns_after_a_recovery),
	    cmocka_unit_test(test_pages_in_english),
	    cmocka_unit_test(test_band_over_every_resident_screen),
	    cmocka_unit_test(test_band_only_while_waiting),
	    cmocka_unit_test(test_band_pressed_and_under_the_idle_question),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
