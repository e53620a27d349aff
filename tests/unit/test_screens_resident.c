/* test_screens_resident.c — the resident's first screens (attract, start,
 * questions, the idle question) built at portrait, landscape and small
 * window sizes with the real question set and sample catalogue, checked for
 * fit, target sizes, contrast and what they say. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#include "catalogue.h"
#include "config.h"
#include "distance.h"
#include "import.h"
#include "questions.h"
#include "schedule.h"
#include "screen.h"
#include "screen_attract.h"
#include "screen_idle.h"
#include "screen_question.h"
#include "screen_start.h"
#include "session.h"
#include "translate.h"
#include "upcoming.h"

#define MAX_OFFERS 6u

typedef struct window_size {
	int width, height;
} window_size;

/* The three sizes the issue names, and two more small ones. */
static const window_size sizes[] = {
    {1080, 1920}, {1920, 1080}, {1280, 800}, {800, 1280}, {1366, 768},
};
#define SIZE_COUNT (sizeof(sizes) / sizeof(sizes[0]))

typedef struct fixture {
	question_set *questions;
	catalogue *items;
	kiosk_config config;
	session resident;
	draw_list *list;
	screen_offer offers[MAX_OFFERS];
	size_t offer_count;
	screen_language languages[4];
	size_t language_count;
	translation *english;
	local_time now;
	layout_metrics metrics;
	char text[65536];
} fixture;

static int setup(void **state)
{
	fixture *fix = calloc(1, sizeof(*fix));
	assert_non_null(fix);
	char path[4096];
	assert_int_equal(questions_load(test_source_path("data/questions.ini", path, sizeof(path)),
	                                &fix->questions, NULL),
	                 STATUS_OK);
	import_report report;
	memset(&report, 0, sizeof(report));
	assert_int_equal(
	    import_read_file(test_source_path("data/catalogus.csv", path, sizeof(path)),
	                     &fix->items, &report),
	    STATUS_OK);
	assert_false(report.fatal);
	import_report_free(&report);
	config_set_defaults(&fix->config);
	(void)text_copy(fix->config.centre_name, sizeof(fix->config.centre_name),
	                "Buurthuis De Kastanje");
	assert_true(schedule_parse_local("2026-11-23T09:00", &fix->now));

	upcoming_meeting soon[MAX_OFFERS];
	size_t found = upcoming_meetings(fix->items, fix->now, 60, soon, MAX_OFFERS);
	assert_true(found >= 2);
	for (size_t index = 0; index < found; index++) {
		screen_offer *shown = &fix->offers[index];
		memset(shown, 0, sizeof(*shown));
		shown->item = catalogue_offer(fix->items, soon[index].offer_index);
		shown->meeting_count =
		    schedule_next_meetings(&shown->item->schedule, fix->now, shown->meetings, 3);
		shown->walking_minutes = -1;
		shown->distance_metres = -1;
		if (shown->item->has_location) {
			double metres =
			    distance_metres(fix->config.latitude, fix->config.longitude,
			                    shown->item->latitude, shown->item->longitude);
			shown->distance_metres = (int)metres;
			shown->walking_minutes = distance_walking_minutes(metres);
		}
	}
	fix->offer_count = found;

	fix->languages[0] = (screen_language){"nl", "Nederlands", NULL};
	fix->language_count = 1;
#ifdef KIOSK_BUILD_LOCALE_DIR
	assert_int_equal(translate_load_file(KIOSK_BUILD_LOCALE_DIR "/en.mo", &fix->english),
	                 STATUS_OK);
	fix->languages[1] = (screen_language){"en", "English", fix->english};
	fix->language_count = 2;
#endif
	fix->list = draw_list_create();
	assert_non_null(fix->list);
	session_wipe(&fix->resident);
	*state = fix;
	return 0;
}

static int teardown(void **state)
{
	fixture *fix = *state;
	draw_list_destroy(fix->list);
	translate_free(fix->english);
	catalogue_destroy(fix->items);
	questions_free(fix->questions);
	free(fix);
	return 0;
}

static screen_context make_context(fixture *fix, window_size size)
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
	context.upcoming = fix->offers;
	context.upcoming_count = fix->offer_count;
	return context;
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

/* The colour of the filled box exactly under a target: a tile's or a
 * button's face. */
static draw_color face_of(const draw_list *list, draw_rect box)
{
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_FILL && command->box.x == box.x &&
		    command->box.y == box.y && command->box.width == box.width &&
		    command->box.height == box.height) {
			return command->color;
		}
	}
	fail_msg("no fill under the target at %d,%d", box.x, box.y);
	draw_color none = {0, 0, 0, 0};
	return none;
}

static bool same_color(draw_color a, draw_color b)
{
	return a.red == b.red && a.green == b.green && a.blue == b.blue && a.alpha == b.alpha;
}

static void check_bar(fixture *fix)
{
	static const struct {
		int action;
		const char *label;
	} expected[] = {
	    {ACTION_BACK, "Terug"},
	    {ACTION_SKIP, "Sla over"},
	    {ACTION_SHOW_RESULTS, "Laat zien wat er is"},
	    {ACTION_NEXT, "Volgende"},
	};
	for (size_t index = 0; index < sizeof(expected) / sizeof(expected[0]); index++) {
		const draw_target *target = find_target(fix->list, expected[index].action, 0);
		assert_non_null(target);
		assert_string_equal(target->label, expected[index].label);
		assert_on_screen(fix, expected[index].label);
	}
	/* Volgende is the one primary button. */
	const draw_target *next = find_target(fix->list, ACTION_NEXT, 0);
	assert_true(same_color(face_of(fix->list, next->box), fix->metrics.palette.primary));
	const draw_target *back = find_target(fix->list, ACTION_BACK, 0);
	assert_false(same_color(face_of(fix->list, back->box), fix->metrics.palette.primary));
}

/* Builds question `index` with the current answers and checks it all. */
static void check_question(fixture *fix, window_size size, size_t index)
{
	screen_context context = make_context(fix, size);
	fix->resident.question = index;
	screen_question_build(&context);
	assert_int_equal(draw_list_status(fix->list), STATUS_OK);
	test_check_frame(fix->list, &fix->metrics, context.measurer);

	const question *item = questions_at(fix->questions, index);
	assert_on_screen(fix, item->text);
	char progress[64];
	(void)snprintf(progress, sizeof(progress), "Vraag %zu van %zu", index + 1,
	               questions_count(fix->questions));
	assert_on_screen(fix, progress);
	check_bar(fix);
	for (size_t option = 0; option < item->option_count; option++) {
		const draw_target *target = find_target(fix->list, ACTION_OPTION, (int)option);
		if (!target) {
			fail_msg("question %s option %zu has no target at %dx%d", item->id, option,
			         size.width, size.height);
		}
		assert_string_equal(target->label, item->options[option].text);
		draw_color face = face_of(fix->list, target->box);
		if (session_is_chosen(&fix->resident, index, option)) {
			assert_true(same_color(face, fix->metrics.palette.primary));
		} else {
			assert_true(same_color(face, fix->metrics.palette.surface));
		}
	}
	/* Nothing but options, the bar and the "Aa" button is touchable. */
	assert_int_equal(draw_list_target_count(fix->list), item->option_count + 5);
	assert_non_null(find_target(fix->list, ACTION_TEXT_STYLE, 0));
}

static void test_every_question_at_every_size(void **state)
{
	fixture *fix = *state;
	size_t count = questions_count(fix->questions);
	assert_int_equal(count, 9);
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (size_t index = 0; index < count; index++) {
			const question *item = questions_at(fix->questions, index);
			/* Nothing chosen. */
			session_wipe(&fix->resident);
			check_question(fix, sizes[size], index);
			/* One chosen (the last: its tile may sit alone in a row). */
			session_choose(&fix->resident, fix->questions, index,
			               item->option_count - 1);
			assert_true(
			    session_is_chosen(&fix->resident, index, item->option_count - 1));
			check_question(fix, sizes[size], index);
			/* Every one chosen, where the question allows it. */
			if (item->choice == QUESTION_MULTIPLE) {
				for (size_t option = 0; option + 1 < item->option_count; option++) {
					session_choose(&fix->resident, fix->questions, index,
					               option);
				}
				for (size_t option = 0; option < item->option_count; option++) {
					assert_true(
					    session_is_chosen(&fix->resident, index, option));
				}
				check_question(fix, sizes[size], index);
			}
		}
	}
	session_wipe(&fix->resident);
}

/* The largest question the file format allows: 16 options with the
 * longest labels the file has, at the smallest landscape size. */
static void test_sixteen_options_fit(void **state)
{
	fixture *fix = *state;
	char ini[16384];
	size_t used = (size_t)snprintf(
	    ini, sizeof(ini),
	    "[veel]\ntext = Welke van deze dingen wilt u graag eens samen met anderen in de "
	    "buurt proberen?\nhelp = U mag meer dan één ding kiezen. Kies er zoveel als u "
	    "wilt.\nchoice = multiple\nfield = themas\noptions = ");
	for (int option = 0; option < 16; option++) {
		used += (size_t)snprintf(ini + used, sizeof(ini) - used, "%sk%d",
		                         option ? ", " : "", option);
	}
	used += (size_t)snprintf(ini + used, sizeof(ini) - used, "\nimportance = 5\nstrict = no\n");
	for (int option = 0; option < 16; option++) {
		used += (size_t)snprintf(ini + used, sizeof(ini) - used,
		                         "[veel.k%d]\ntext = Vergoed door de zorgverzekering is "
		                         "goed %d\nicon = euro\n",
		                         option, option + 1);
	}
	question_set *many = NULL;
	assert_int_equal(questions_load_memory(ini, used, "veel.ini", &many, NULL), STATUS_OK);
	const question_set *real = fix->questions;
	fix->questions = many;
	session_wipe(&fix->resident);
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		screen_context context = make_context(fix, sizes[size]);
		screen_question_build(&context);
		test_check_frame(fix->list, &fix->metrics, context.measurer);
		assert_on_screen(fix, "Vraag 1 van 1");
		for (int option = 0; option < 16; option++) {
			assert_non_null(find_target(fix->list, ACTION_OPTION, option));
		}
	}
	fix->questions = (question_set *)real;
	questions_free(many);
}

static void test_question_past_the_end_draws_no_targets(void **state)
{
	fixture *fix = *state;
	screen_context context = make_context(fix, sizes[0]);
	fix->resident.question = questions_count(fix->questions);
	screen_question_build(&context);
	assert_int_equal(draw_list_target_count(fix->list), 0);
	fix->resident.question = 0;
}

static void test_pressed_button_looks_pressed(void **state)
{
	fixture *fix = *state;
	screen_context context = make_context(fix, sizes[0]);
	fix->resident.question = 0;
	screen_question_build(&context);
	draw_rect box = find_target(fix->list, ACTION_NEXT, 0)->box;
	draw_color normal = face_of(fix->list, box);
	context.pressed_action = ACTION_NEXT;
	context.pressed_argument = 0;
	draw_list_clear(fix->list);
	screen_question_build(&context);
	assert_false(same_color(face_of(fix->list, box), normal));
	test_check_frame(fix->list, &fix->metrics, context.measurer);
}

static void test_question_in_english(void **state)
{
	fixture *fix = *state;
#ifdef KIOSK_BUILD_LOCALE_DIR
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		screen_context context = make_context(fix, sizes[size]);
		context.messages = fix->english;
		for (size_t index = 0; index < questions_count(fix->questions); index++) {
			fix->resident.question = index;
			draw_list_clear(fix->list);
			screen_question_build(&context);
			test_check_frame(fix->list, &fix->metrics, context.measurer);
			const question *item = questions_at(fix->questions, index);
			const char *english = translate_text(fix->english, item->text);
			/* questions.ini is translated in en.po: English, not Dutch. */
			assert_string_not_equal(english, item->text);
			assert_on_screen(fix, english);
			assert_null(strstr(screen_words(fix), item->text));
			const char *first = translate_text(fix->english, item->options[0].text);
			assert_string_not_equal(first, item->options[0].text);
			assert_string_equal(find_target(fix->list, ACTION_OPTION, 0)->label, first);
			assert_on_screen(fix, translate_text(fix->english, "Volgende"));
		}
	}
	fix->resident.question = 0;
#else
	(void)fix;
#endif
}

/* Target `index` covers the whole window with `action`, and its label is
 * on screen as well. */
static void assert_whole_window_target(fixture *fix, size_t index, int action, const char *label)
{
	const draw_target *whole = draw_list_target_at(fix->list, index);
	assert_int_equal(whole->action, action);
	assert_int_equal(whole->box.x, 0);
	assert_int_equal(whole->box.y, 0);
	assert_int_equal(whole->box.width, fix->metrics.width);
	assert_int_equal(whole->box.height, fix->metrics.height);
	assert_string_equal(whole->label, label);
	assert_on_screen(fix, label);
}

static void check_attract(fixture *fix, const screen_context *context)
{
	assert_int_equal(draw_list_status(fix->list), STATUS_OK);
	test_check_frame(fix->list, &fix->metrics, context->measurer);
	/* "Touch anywhere", and the "Aa" button on top of it. */
	assert_int_equal(draw_list_target_count(fix->list), 2);
	assert_whole_window_target(fix, 0, ACTION_BEGIN, "Tik om te beginnen");
	assert_int_equal(draw_list_target_at(fix->list, 1)->action, ACTION_TEXT_STYLE);
}

/* The box of the text command that says exactly `text`. */
static draw_rect text_box(const draw_list *list, const char *text)
{
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_TEXT && strcmp(command->text, text) == 0) {
			return command->box;
		}
	}
	fail_msg("\"%s\" is not drawn", text);
	draw_rect none = {0, 0, 0, 0};
	return none;
}

static void test_attract_shows_each_offer_all_day(void **state)
{
	fixture *fix = *state;
	const uint64_t minute = 60u * 1000u;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		/* Every 7 minutes for a day, and the minute after each: the drift
		 * never leaves the window and moves only a few pixels a minute. */
		for (uint64_t clock = 0; clock <= 24u * 60u * minute; clock += 7u * minute) {
			size_t shown = (size_t)(clock / (7u * minute)) % fix->offer_count;
			screen_context context = make_context(fix, sizes[size]);
			context.clock_ms = clock;
			context.upcoming_shown = shown;
			screen_attract_build(&context);
			check_attract(fix, &context);
			const screen_offer *upcoming = &fix->offers[shown];
			assert_on_screen(fix, upcoming->item->name);
			char line[160];
			screen_format_meeting(&context, &upcoming->meetings[0], line, sizeof(line));
			assert_on_screen(fix, line);
			if (upcoming->walking_minutes >= 0) {
				screen_format_walking(&context, upcoming->walking_minutes, line,
				                      sizeof(line));
				assert_on_screen(fix, line);
			}
			draw_rect before = text_box(fix->list, "Tik om te beginnen");

			context = make_context(fix, sizes[size]);
			context.clock_ms = clock + minute;
			context.upcoming_shown = shown;
			screen_attract_build(&context);
			check_attract(fix, &context);
			draw_rect after = text_box(fix->list, "Tik om te beginnen");
			assert_true(abs(after.x - before.x) <= 10);
			assert_true(abs(after.y - before.y) <= 10);
		}
	}
}

static void test_attract_content_drifts(void **state)
{
	fixture *fix = *state;
	screen_context context = make_context(fix, sizes[0]);
	screen_attract_build(&context);
	draw_rect start = text_box(fix->list, "Tik om te beginnen");
	bool moved_x = false, moved_y = false;
	for (uint64_t clock = 60000u; clock < 60u * 60000u; clock += 60000u) {
		context = make_context(fix, sizes[0]);
		context.clock_ms = clock;
		screen_attract_build(&context);
		draw_rect now = text_box(fix->list, "Tik om te beginnen");
		moved_x = moved_x || now.x != start.x;
		moved_y = moved_y || now.y != start.y;
	}
	assert_true(moved_x);
	assert_true(moved_y);
}

static void test_attract_drift_path(void **state)
{
	(void)state;
	/* Inside the band, continuous, and closed: it comes back to where it
	 * began (the periods are 23 and 31 minutes, so after 713). */
	const uint64_t closed = 23u * 31u * 60u * 1000u;
	int previous_x = 0, previous_y = 0;
	screen_attract_drift(0, 50, 40, &previous_x, &previous_y);
	assert_int_equal(previous_x, 0);
	assert_int_equal(previous_y, 0);
	int widest = 0, highest = 0;
	for (uint64_t clock = 1000; clock <= 2u * closed; clock += 1000) {
		int x = -1, y = -1;
		screen_attract_drift(clock, 50, 40, &x, &y);
		assert_true(x >= 0 && x <= 50);
		assert_true(y >= 0 && y <= 40);
		assert_true(abs(x - previous_x) <= 1);
		assert_true(abs(y - previous_y) <= 1);
		widest = x > widest ? x : widest;
		highest = y > highest ? y : highest;
		int again_x = -1, again_y = -1;
		screen_attract_drift(clock + closed, 50, 40, &again_x, &again_y);
		assert_int_equal(again_x, x);
		assert_int_equal(again_y, y);
		previous_x = x;
		previous_y = y;
	}
	/* It uses the whole band. */
	assert_int_equal(widest, 50);
	assert_int_equal(highest, 40);
}

static void test_attract_without_offers_welcomes(void **state)
{
	fixture *fix = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (uint64_t clock = 0; clock < 24u * 3600000u; clock += 3600000u) {
			screen_context context = make_context(fix, sizes[size]);
			context.upcoming = NULL;
			context.upcoming_count = 0;
			context.clock_ms = clock;
			screen_attract_build(&context);
			check_attract(fix, &context);
			assert_on_screen(fix, "Welkom!");
			assert_on_screen(fix,
			                 "Hier vindt u groepen en activiteiten in de buurt die "
			                 "bij u passen.");
			assert_on_screen(fix, "Buurthuis De Kastanje");
		}
	}
}

static void test_attract_in_english(void **state)
{
	fixture *fix = *state;
#ifdef KIOSK_BUILD_LOCALE_DIR
	screen_context context = make_context(fix, sizes[1]);
	context.messages = fix->english;
	screen_attract_build(&context);
	{
		test_check_frame(fix->list, &fix->metrics, context.measurer);
		char line[160];
		screen_format_meeting(&context, &fix->offers[0].meetings[0], line, sizeof(line));
		/* The English date, not the Dutch one. */
		char dutch[160];
		screen_context dutch_context = context;
		dutch_context.messages = NULL;
		screen_format_meeting(&dutch_context, &fix->offers[0].meetings[0], dutch,
		                      sizeof(dutch));
		assert_string_not_equal(line, dutch);
		assert_on_screen(fix, line);
		assert_null(strstr(screen_words(fix), dutch));
		assert_on_screen(fix, translate_text(fix->english, "Tik om te beginnen"));
	}
#else
	(void)fix;
#endif
}

static void test_start_screen(void **state)
{
	fixture *fix = *state;
	screen_language languages[4] = {
	    {"nl", "Nederlands", NULL},
	    {"en", "English", NULL},
	    {"tr", "Türkçe", NULL},
	    {"ar", "العربية", NULL},
	};
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (size_t count = 2; count <= 4; count += 2) {
			for (size_t chosen = 0; chosen < count; chosen++) {
				for (int aloud = 0; aloud < 2; aloud++) {
					session_wipe(&fix->resident);
					fix->resident.language = chosen;
					fix->resident.read_aloud = aloud != 0;
					screen_context context = make_context(fix, sizes[size]);
					context.languages = languages;
					context.language_count = count;
					screen_start_build(&context);
					assert_int_equal(draw_list_status(fix->list), STATUS_OK);
					test_check_frame(fix->list, &fix->metrics,
					                 context.measurer);
					assert_on_screen(fix, "Welkom");
					for (size_t index = 0; index < count; index++) {
						const draw_target *target = find_target(
						    fix->list, ACTION_LANGUAGE, (int)index);
						assert_non_null(target);
						assert_string_equal(target->label,
						                    languages[index].own_name);
						assert_on_screen(fix, languages[index].own_name);
						draw_color face = face_of(fix->list, target->box);
						assert_true(
						    same_color(face,
						               fix->metrics.palette.primary) ==
						    (index == chosen));
					}
					const draw_target *aloud_target =
					    find_target(fix->list, ACTION_READ_ALOUD, 0);
					assert_non_null(aloud_target);
					assert_string_equal(aloud_target->label, "Voorlezen");
					/* The switch says its state, and only that one. */
					bool found_on = false, found_off = false;
					for (size_t command = 0;
					     command < draw_list_count(fix->list); command++) {
						const draw_command *item =
						    draw_list_at(fix->list, command);
						if (item->kind == DRAW_TEXT) {
							found_on = found_on ||
							           strcmp(item->text, "aan") == 0;
							found_off = found_off ||
							            strcmp(item->text, "uit") == 0;
						}
					}
					assert_true(found_on == (aloud != 0));
					assert_true(found_off == (aloud == 0));
					assert_int_equal(draw_list_target_count(fix->list),
					                 count + 2);
					assert_non_null(
					    find_target(fix->list, ACTION_TEXT_STYLE, 0));
				}
			}
		}
	}
	session_wipe(&fix->resident);
}

static void test_idle_overlay(void **state)
{
	fixture *fix = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (int seconds = 15; seconds >= 0; seconds -= 14) {
			session_wipe(&fix->resident);
			fix->resident.question = 1;
			screen_context context = make_context(fix, sizes[size]);
			screen_question_build(&context);
			size_t under = draw_list_target_count(fix->list);
			draw_rect back = find_target(fix->list, ACTION_BACK, 0)->box;
			screen_idle_build(&context, seconds);
			assert_int_equal(draw_list_status(fix->list), STATUS_OK);
			test_check_frame(fix->list, &fix->metrics, context.measurer);
			assert_on_screen(fix, "Bent u er nog?");
			if (seconds == 1) {
				assert_on_screen(fix, "Over 1 seconde beginnen we opnieuw.");
			} else {
				char line[96];
				(void)snprintf(line, sizeof(line),
				               "Over %d seconden beginnen we opnieuw.", seconds);
				assert_on_screen(fix, line);
			}
			/* One target over the whole window, on top of the screen's. */
			assert_int_equal(draw_list_target_count(fix->list), under + 1);
			assert_whole_window_target(fix, under, ACTION_STILL_HERE,
			                           "Ja, ik ben er nog");
			/* The button's face is drawn on its own fill, and lies inside
			 * the window's centre region where the dialog is. */
			draw_rect label = text_box(fix->list, "Ja, ik ben er nog");
			const draw_target *on_button = draw_list_target_at_point(
			    fix->list, label.x + label.width / 2, label.y + label.height / 2);
			assert_int_equal(on_button->action, ACTION_STILL_HERE);
			/* A touch on what was Terug now means "still here". */
			const draw_target *touched = draw_list_target_at_point(
			    fix->list, back.x + back.width / 2, back.y + back.height / 2);
			assert_non_null(touched);
			assert_int_equal(touched->action, ACTION_STILL_HERE);
		}
	}
	session_wipe(&fix->resident);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_question_at_every_size),
	    cmocka_unit_test(test_sixteen_options_fit),
	    cmocka_unit_test(test_question_past_the_end_draws_no_targets),
	    cmocka_unit_test(test_pressed_button_looks_pressed),
	    cmocka_unit_test(test_question_in_english),
	    cmocka_unit_test(test_attract_shows_each_offer_all_day),
	    cmocka_unit_test(test_attract_content_drifts),
	    cmocka_unit_test(test_attract_drift_path),
	    cmocka_unit_test(test_attract_without_offers_welcomes),
	    cmocka_unit_test(test_attract_in_english),
	    cmocka_unit_test(test_start_screen),
	    cmocka_unit_test(test_idle_overlay),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
