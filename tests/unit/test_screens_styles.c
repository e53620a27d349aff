/* test_screens_styles.c — every resident screen at every text style (normal,
 * large, extra large, high contrast) in Dutch, English, Turkish and Arabic
 * (mirrored, with Arabic line heights) at 1080x1920, 1920x1080 and 1280x800:
 * each frame keeps the layout rules, the "Aa" button is where it is promised
 * on every resident screen, speaker buttons show only with read-aloud, and
 * the detail page, scrolled from top to end where it does not fit, shows
 * every block and its QR code whole. */
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
#include "screen_offer_text.h"
#include "screen_print.h"
#include "screen_question.h"
#include "screen_results.h"
#include "screen_start.h"
#include "screen_volunteer_bar.h"
#include "session.h"
#include "text.h"
#include "translate.h"
#include "upcoming.h"

#define WALKING_LIMIT_METRES 5000.0
#define UPCOMING_SHOWN       4u

static const struct {
	int width, height;
} window_sizes[] = {{1080, 1920}, {1920, 1080}, {1280, 800}};
#define SIZE_COUNT     (sizeof(window_sizes) / sizeof(window_sizes[0]))
#define LANGUAGE_COUNT 4u

/* What a frame is: which checks apply beyond the layout rules. */
typedef enum frame_kind {
	FRAME_RESIDENT, /* a resident screen: one "Aa" button */
	FRAME_OVERLAY   /* the idle question over a screen: no "Aa" on top */
} frame_kind;

typedef struct fixture {
	catalogue *offers;
	catalogue *long_texts; /* one offer with every text long */
	import_report report;
	question_set *questions;
	kiosk_config config;
	match_engine *engine;
	local_time now;
	draw_list *list;
	session resident;
	match_outcome outcome;
	screen_offer results[SCREEN_MAX_RESULTS];
	size_t result_count;
	screen_offer upcoming[UPCOMING_SHOWN];
	size_t upcoming_count;
	translation *messages[LANGUAGE_COUNT];
	screen_language languages[LANGUAGE_COUNT];
	/* Per test: the window, style and language being built. */
	layout_metrics metrics;
	size_t language;
	size_t frames_checked;
	char text[64 * 1024];
} fixture;

static const char *const language_codes[LANGUAGE_COUNT] = {"nl", "en", "tr", "ar"};
static const char *const language_names[LANGUAGE_COUNT] = {"Nederlands", "English", "Türkçe",
                                                           "العربية"};

static void fill_offer(const fixture *loaded, const offer *item, const match_result *result,
                       screen_offer *out)
{
	memset(out, 0, sizeof(*out));
	out->item = item;
	out->result = result;
	out->meeting_count = schedule_next_meetings(&item->schedule, loaded->now, out->meetings, 3);
	double metres = -1.0;
	if (result && result->distance_metres >= 0) {
		metres = result->distance_metres;
	} else if (!result && item->has_location) {
		metres = distance_metres(loaded->config.latitude, loaded->config.longitude,
		                         item->latitude, item->longitude);
	}
	out->distance_metres = metres >= 0 ? (int)metres : -1;
	out->walking_minutes =
	    metres >= 0 && metres <= WALKING_LIMIT_METRES ? distance_walking_minutes(metres) : -1;
}

/* A volunteer's worst case: every text long, a long link. */
static void make_long_offer(fixture *loaded)
{
	catalogue *items = catalogue_create();
	assert_non_null(items);
	offer *item = catalogue_append(items);
	assert_non_null(item);
	char text[1200];
	size_t used = 0;
	while (used + 60 < 700) {
		used +=
		    (size_t)snprintf(text + used, sizeof(text) - used, "%s",
		                     "Een lange zin over wat we samen doen en waarom het helpt. ");
	}
	/* A last sentence like no other: the page must show it too. */
	(void)snprintf(text + used, sizeof(text) - used, "%s",
	               "Neem gerust een buurman of buurvrouw mee.");
	used += strlen(text + used);
	item->id = catalogue_intern(items, "lang", 4);
	item->description = catalogue_intern(items, text, strlen(text));
	const char *name = "Een heel lange naam voor een groep die ook nog een ondertitel heeft "
	                   "en een plaatsnaam";
	item->name = catalogue_intern(items, name, strlen(name));
	const char *url = "https://www.voorbeeld-buurthuis.nl/aanmelden/een-heel-lang-pad/"
	                  "met-nog-meer-delen/en-een-vraag?naam=wandelen-met-buren&dag=dinsdag";
	item->signup_url = catalogue_intern(items, url, strlen(url));
	const char *email = "aanmelden.voor.de.wandelgroep@een-heel-lange-domeinnaam-voorbeeld.nl";
	item->email = catalogue_intern(items, email, strlen(email));
	item->phone = catalogue_intern(items, "030 200 41 10", 13);
	const char *person = "Henk van der Berg-Jansen (vrijwilliger en coördinator)";
	item->contact_person = catalogue_intern(items, person, strlen(person));
	const char *address = "Zamenhofdreef 40, ingang aan de achterkant bij de fietsenstalling";
	item->address = catalogue_intern(items, address, strlen(address));
	item->postcode = catalogue_intern(items, "3562 JW", 7);
	item->city = catalogue_intern(items, "Utrecht", 7);
	item->moderator = TRISTATE_YES;
	item->care_professional = TRISTATE_YES;
	item->checked = catalogue_days_from_civil(2026, 11, 3);
	const offer *sample = catalogue_find(loaded->offers, "wandelen-met-buren-dinsdag");
	assert_non_null(sample);
	item->schedule = sample->schedule;
	loaded->long_texts = items;
}

static int setup(void **state)
{
	fixture *loaded = calloc(1, sizeof(*loaded));
	assert_non_null(loaded);
	char path[PATH_MAX];
	test_source_path("data/catalogus.csv", path, sizeof(path));
	assert_int_equal(import_read_file(path, &loaded->offers, &loaded->report), STATUS_OK);
	test_source_path("data/questions.ini", path, sizeof(path));
	assert_int_equal(questions_load(path, &loaded->questions, NULL), STATUS_OK);
	config_set_defaults(&loaded->config);
	(void)text_copy(loaded->config.centre_name, sizeof(loaded->config.centre_name),
	                "Buurthuis De Kastanje");
	loaded->engine =
	    match_engine_create(loaded->offers, loaded->config.latitude, loaded->config.longitude,
	                        loaded->config.nearby_metres);
	assert_non_null(loaded->engine);
	assert_true(schedule_parse_local("2026-11-23T09:00", &loaded->now));
	loaded->list = draw_list_create();
	assert_non_null(loaded->list);
	make_long_offer(loaded);

	/* The message catalogues the build made: Dutch is the source. */
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		if (index > 0) {
			char file[PATH_MAX];
			(void)snprintf(file, sizeof(file), "%s/%s.mo", KIOSK_BUILD_LOCALE_DIR,
			               language_codes[index]);
			assert_int_equal(translate_load_file(file, &loaded->messages[index]),
			                 STATUS_OK);
		}
		loaded->languages[index] = (screen_language){
		    language_codes[index], language_names[index], loaded->messages[index]};
	}
	assert_true(translate_is_right_to_left(loaded->messages[3]));

	upcoming_meeting soon[UPCOMING_SHOWN];
	size_t found = upcoming_meetings(loaded->offers, loaded->now, 60, soon, UPCOMING_SHOWN);
	assert_true(found >= 2);
	for (size_t index = 0; index < found; index++) {
		fill_offer(loaded, catalogue_offer(loaded->offers, soon[index].offer_index), NULL,
		           &loaded->upcoming[index]);
	}
	loaded->upcoming_count = found;
	*state = loaded;
	return 0;
}

static int teardown(void **state)
{
	fixture *loaded = *state;
	printf("frames checked: %zu\n", loaded->frames_checked);
	draw_list_destroy(loaded->list);
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		translate_free(loaded->messages[index]);
	}
	match_engine_destroy(loaded->engine);
	questions_free(loaded->questions);
	catalogue_destroy(loaded->long_texts);
	catalogue_destroy(loaded->offers);
	import_report_free(&loaded->report);
	free(loaded);
	return 0;
}

/* Chooses "question=option,option;…" through the session and matches. */
static void answer_and_match(fixture *loaded, const char *choices)
{
	bool read_aloud = loaded->resident.read_aloud;
	int style = loaded->resident.text_style;
	size_t language = loaded->resident.language;
	session_wipe(&loaded->resident);
	loaded->resident.read_aloud = read_aloud;
	loaded->resident.text_style = style;
	loaded->resident.language = language;
	char copy[512];
	assert_true(text_copy(copy, sizeof(copy), choices));
	char *cursor = copy;
	while (*cursor) {
		char *end = strchr(cursor, ';');
		if (end) {
			*end = '\0';
		}
		char *equals = strchr(cursor, '=');
		assert_non_null(equals);
		*equals = '\0';
		size_t question_index = SIZE_MAX;
		for (size_t index = 0; index < questions_count(loaded->questions); index++) {
			if (strcmp(questions_at(loaded->questions, index)->id, cursor) == 0) {
				question_index = index;
			}
		}
		assert_true(question_index != SIZE_MAX);
		const question *item = questions_at(loaded->questions, question_index);
		char *option = equals + 1;
		while (option && *option) {
			char *comma = strchr(option, ',');
			if (comma) {
				*comma = '\0';
			}
			int option_index = questions_option_index(item, option);
			assert_true(option_index >= 0);
			session_choose(&loaded->resident, loaded->questions, question_index,
			               (size_t)option_index);
			option = comma ? comma + 1 : NULL;
		}
		cursor = end ? end + 1 : cursor + strlen(cursor);
	}
	match_answers answers;
	assert_int_equal(session_answers(&loaded->resident, loaded->questions, &answers),
	                 STATUS_OK);
	assert_int_equal(match_engine_run(loaded->engine, &answers, loaded->now, &loaded->outcome),
	                 STATUS_OK);
	loaded->result_count =
	    loaded->outcome.count < SCREEN_MAX_RESULTS ? loaded->outcome.count : SCREEN_MAX_RESULTS;
	for (size_t index = 0; index < loaded->result_count; index++) {
		const match_result *result = &loaded->outcome.results[index];
		fill_offer(loaded, catalogue_offer(loaded->offers, result->offer_index), result,
		           &loaded->results[index]);
	}
}

static bool arabic(const fixture *loaded)
{
	return loaded->language == 3;
}

static const draw_measurer *measurer_of(const fixture *loaded)
{
	return arabic(loaded) ? test_fake_arabic_measurer() : test_fake_measurer();
}

/* A fresh context for the fixture's window, style and language. */
static screen_context context_for(fixture *loaded, int *content_height)
{
	screen_context context;
	memset(&context, 0, sizeof(context));
	draw_list_clear(loaded->list);
	context.list = loaded->list;
	context.measurer = measurer_of(loaded);
	context.metrics = &loaded->metrics;
	context.messages = loaded->messages[loaded->language];
	context.config = &loaded->config;
	context.questions = loaded->questions;
	context.resident = &loaded->resident;
	context.languages = loaded->languages;
	context.language_count = LANGUAGE_COUNT;
	context.now = loaded->now;
	context.upcoming = loaded->upcoming;
	context.upcoming_count = loaded->upcoming_count;
	context.results = loaded->results;
	context.result_count = loaded->result_count;
	context.results_total = loaded->outcome.count;
	context.outcome = &loaded->outcome;
	context.content_height = content_height;
	context.printer_available = true;
	return context;
}

static size_t count_targets(const draw_list *list, int action)
{
	size_t count = 0;
	for (size_t index = 0; index < draw_list_target_count(list); index++) {
		count += draw_list_target_at(list, index)->action == action;
	}
	return count;
}

static const draw_target *find_target(const draw_list *list, int action, int argument)
{
	for (size_t index = 0; index < draw_list_target_count(list); index++) {
		const draw_target *target = draw_list_target_at(list, index);
		if (target->action == action && target->argument == argument) {
			return target;
		}
	}
	return NULL;
}

static bool inside(draw_rect inner, draw_rect outer)
{
	return inner.x >= outer.x && inner.y >= outer.y &&
	       inner.x + inner.width <= outer.x + outer.width &&
	       inner.y + inner.height <= outer.y + outer.height;
}

static const draw_target *topmost_at_centre(const draw_list *list, draw_rect box)
{
	return draw_list_target_at_point(list, box.x + box.width / 2, box.y + box.height / 2);
}

/* In high contrast every text and pictogram is at least 7:1 (WCAG AAA). */
static void check_high_contrast(const fixture *loaded)
{
	for (size_t index = 0; index < draw_list_count(loaded->list); index++) {
		const draw_command *command = draw_list_at(loaded->list, index);
		if (command->kind != DRAW_TEXT && command->kind != DRAW_ICON) {
			continue;
		}
		double ratio = draw_contrast_ratio(command->color, command->background);
		if (ratio < 7.0) {
			fail_msg("\"%s\" has contrast %.2f:1 in high contrast", command->text,
			         ratio);
		}
	}
}

/* The "Aa" button: one, a target big, out of the volunteer's band and the
 * corner held for the menu (on either side: Arabic mirrors the frame), on
 * top wherever it is, and labelled in the resident's language. */
static void check_style_button(fixture *loaded, const screen_context *context)
{
	const layout_metrics *metrics = &loaded->metrics;
	assert_int_equal(count_targets(loaded->list, ACTION_TEXT_STYLE), 1);
	const draw_target *button = find_target(loaded->list, ACTION_TEXT_STYLE, 0);
	assert_true(button->box.width >= metrics->target);
	assert_true(button->box.height >= metrics->target);
	assert_true(button->box.y >= screen_volunteer_bar_height(context));
	assert_true(button->box.y >= metrics->target);
	assert_string_equal(button->label, translate_text(context->messages, "Tekst"));
	if (loaded->language > 0) {
		assert_string_not_equal(button->label, "Tekst");
	}
	/* At the top, on the right (on the left when mirrored). */
	assert_true(button->box.y + button->box.height < metrics->height / 3);
	if (arabic(loaded)) {
		assert_int_equal(button->box.x, metrics->margin);
	} else {
		assert_int_equal(button->box.x + button->box.width,
		                 metrics->width - metrics->margin);
	}
	const draw_target *top = topmost_at_centre(loaded->list, button->box);
	assert_non_null(top);
	assert_int_equal(top->action, ACTION_TEXT_STYLE);
	/* No other target reaches into it (the whole-window ones hold it). */
	for (size_t index = 0; index < draw_list_target_count(loaded->list); index++) {
		const draw_target *other = draw_list_target_at(loaded->list, index);
		if (other == button || inside(button->box, other->box)) {
			continue;
		}
		draw_rect overlap = draw_rect_intersect(button->box, other->box);
		if (overlap.width > 0 && overlap.height > 0) {
			fail_msg("\"%s\" reaches into the Aa button", other->label);
		}
	}
}

/* Mirrors an Arabic frame like the app, then checks it. */
static void finish_frame(fixture *loaded, const screen_context *context, frame_kind kind)
{
	assert_int_equal(draw_list_status(loaded->list), STATUS_OK);
	if (arabic(loaded)) {
		draw_list_set_right_to_left(loaded->list, true);
		draw_list_mirror(loaded->list, loaded->metrics.width);
	}
	test_check_frame(loaded->list, &loaded->metrics, context->measurer);
	if (loaded->metrics.style == LAYOUT_TEXT_HIGH_CONTRAST) {
		check_high_contrast(loaded);
	}
	if (kind == FRAME_RESIDENT) {
		check_style_button(loaded, context);
	} else {
		/* The overlay covers it: a touch there means "still here". */
		const draw_target *button = find_target(loaded->list, ACTION_TEXT_STYLE, 0);
		assert_non_null(button);
		assert_int_equal(topmost_at_centre(loaded->list, button->box)->action,
		                 ACTION_STILL_HERE);
	}
	loaded->frames_checked++;
}

/* Speakers: none without read-aloud; with it one per answer (its argument
 * the option), inside its tile and on top of it. */
static void check_question_speakers(fixture *loaded, const question *item)
{
	if (!loaded->resident.read_aloud) {
		assert_int_equal(count_targets(loaded->list, ACTION_SPEAK), 0);
		return;
	}
	assert_int_equal(count_targets(loaded->list, ACTION_SPEAK), item->option_count);
	for (size_t option = 0; option < item->option_count; option++) {
		const draw_target *tile = find_target(loaded->list, ACTION_OPTION, (int)option);
		const draw_target *speaker = find_target(loaded->list, ACTION_SPEAK, (int)option);
		assert_non_null(tile);
		assert_non_null(speaker);
		assert_true(inside(speaker->box, tile->box));
		assert_true(speaker->box.width >= loaded->metrics.target);
		assert_int_equal(topmost_at_centre(loaded->list, speaker->box)->action,
		                 ACTION_SPEAK);
		/* The tile is still there to choose beside its speaker. */
		assert_true(tile->box.width * tile->box.height >
		            2 * speaker->box.width * speaker->box.height);
	}
}

/* The same for result cards: one per whole card on screen, argument its
 * position. */
static void check_result_speakers(fixture *loaded, bool at_top)
{
	size_t speakers = 0;
	for (size_t index = 0; index < draw_list_target_count(loaded->list); index++) {
		const draw_target *card = draw_list_target_at(loaded->list, index);
		if (card->action != ACTION_OPEN_OFFER) {
			continue;
		}
		const draw_target *speaker =
		    find_target(loaded->list, ACTION_SPEAK, card->argument);
		if (!loaded->resident.read_aloud) {
			assert_null(speaker);
			continue;
		}
		if (!speaker) {
			/* Only a card half scrolled out may have its speaker out of
			 * sight. */
			assert_true(card->clipped);
			continue;
		}
		speakers++;
		assert_true(inside(speaker->box, card->box));
		assert_int_equal(topmost_at_centre(loaded->list, speaker->box)->action,
		                 ACTION_SPEAK);
	}
	if (!loaded->resident.read_aloud) {
		assert_int_equal(count_targets(loaded->list, ACTION_SPEAK), 0);
	} else if (loaded->result_count > 0 && at_top) {
		/* The first card's top, where its speaker is, shows. */
		assert_non_null(find_target(loaded->list, ACTION_SPEAK, 0));
		assert_true(speakers > 0);
	}
}

/* ---- The screens ---------------------------------------------------------- */

static void build_attract(fixture *loaded)
{
	for (size_t shown = 0; shown < loaded->upcoming_count; shown++) {
		screen_context context = context_for(loaded, NULL);
		context.upcoming_shown = shown;
		/* Far along the drift, where the poster lies lowest and rightmost. */
		context.clock_ms = shown * 11u * 60u * 1000u;
		screen_attract_build(&context);
		finish_frame(loaded, &context, FRAME_RESIDENT);
		/* The rest of the window still begins. */
		assert_int_equal(draw_list_target_at(loaded->list, 0)->action, ACTION_BEGIN);
	}
	screen_context context = context_for(loaded, NULL);
	context.upcoming_count = 0;
	screen_attract_build(&context);
	finish_frame(loaded, &context, FRAME_RESIDENT);
}

static void build_start(fixture *loaded)
{
	screen_context context = context_for(loaded, NULL);
	screen_start_build(&context);
	finish_frame(loaded, &context, FRAME_RESIDENT);
	assert_int_equal(count_targets(loaded->list, ACTION_LANGUAGE), LANGUAGE_COUNT);
	for (size_t index = 0; index < LANGUAGE_COUNT; index++) {
		const draw_target *button = find_target(loaded->list, ACTION_LANGUAGE, (int)index);
		assert_string_equal(button->label, language_names[index]);
	}
	assert_int_equal(count_targets(loaded->list, ACTION_SPEAK), 0);
}

static void build_questions(fixture *loaded)
{
	for (size_t index = 0; index < questions_count(loaded->questions); index++) {
		const question *item = questions_at(loaded->questions, index);
		loaded->resident.question = index;
		/* The last answer chosen: the selected face and its check mark. */
		loaded->resident.chosen[index] = 1u << (item->option_count - 1);
		screen_context context = context_for(loaded, NULL);
		screen_question_build(&context);
		finish_frame(loaded, &context, FRAME_RESIDENT);
		check_question_speakers(loaded, item);
		assert_int_equal(count_targets(loaded->list, ACTION_OPTION), item->option_count);
		loaded->resident.chosen[index] = 0;
	}
	/* The idle question over the last one. */
	screen_context context = context_for(loaded, NULL);
	screen_question_build(&context);
	screen_idle_build(&context, 12);
	finish_frame(loaded, &context, FRAME_OVERLAY);
	loaded->resident.question = 0;
}

/* The results list at its top and scrolled to its end. */
static void build_results(fixture *loaded, const char *answers)
{
	answer_and_match(loaded, answers);
	int content_height = -1;
	screen_context context = context_for(loaded, &content_height);
	screen_results_build(&context);
	int viewport = find_target(loaded->list, ACTION_SCROLL_AREA, 0)->box.height;
	finish_frame(loaded, &context, FRAME_RESIDENT);
	check_result_speakers(loaded, true);
	assert_true(content_height > 0);
	if (content_height > viewport) {
		context = context_for(loaded, &content_height);
		context.scroll = content_height - viewport;
		screen_results_build(&context);
		finish_frame(loaded, &context, FRAME_RESIDENT);
		check_result_speakers(loaded, false);
		/* The last card is whole at the end of the list. */
		const draw_target *last =
		    find_target(loaded->list, ACTION_OPEN_OFFER, (int)loaded->result_count - 1);
		assert_non_null(last);
		/* Its foot is on screen (a card taller than the list is cut at
		 * its top). */
		draw_rect area = find_target(loaded->list, ACTION_SCROLL_AREA, 0)->box;
		if (last->box.y + last->box.height >= area.y + area.height) {
			fail_msg(
			    "the last card is cut at the end of the list (%dx%d, style %d, %s, "
			    "card %dx%d at %d, viewport %d, content %d)",
			    loaded->metrics.width, loaded->metrics.height, loaded->metrics.style,
			    language_codes[loaded->language], last->box.width, last->box.height,
			    last->box.y, viewport, content_height);
		}
	}
}

static void build_overview(fixture *loaded)
{
	int content_height = -1;
	screen_context context = context_for(loaded, &content_height);
	screen_overview_build(&context);
	int viewport = find_target(loaded->list, ACTION_SCROLL_AREA, 0)->box.height;
	finish_frame(loaded, &context, FRAME_RESIDENT);
	if (content_height > viewport) {
		context = context_for(loaded, &content_height);
		context.scroll = content_height - viewport;
		screen_overview_build(&context);
		finish_frame(loaded, &context, FRAME_RESIDENT);
	}
}

/* Copies what a frame of the detail page shows into `page`, where it lies
 * on the page unscrolled (`scroll` added back): each text line once, and the
 * code when it is seen whole in `viewport`. Only the scrolling part counts
 * when there is one (the bar's and the Aa button's labels stay put). */
static void copy_seen(const draw_list *frame, draw_rect viewport, bool scrolls, int scroll,
                      draw_list *page)
{
	bool clipped = false;
	for (size_t index = 0; index < draw_list_count(frame); index++) {
		const draw_command *command = draw_list_at(frame, index);
		if (command->kind == DRAW_CLIP) {
			clipped = command->box.width > 0;
			continue;
		}
		if (scrolls && !clipped) {
			continue;
		}
		draw_rect box = command->box;
		box.y += scroll;
		if (command->kind == DRAW_QR && inside(command->box, viewport)) {
			draw_qr(page, box, command->modules, command->side, command->color,
			        command->background);
		}
		if (command->kind != DRAW_TEXT) {
			continue;
		}
		bool known = false;
		for (size_t seen = 0; seen < draw_list_count(page) && !known; seen++) {
			const draw_command *line = draw_list_at(page, seen);
			known = line->kind == DRAW_TEXT && line->box.x == box.x &&
			        line->box.y == box.y && strcmp(line->text, command->text) == 0;
		}
		if (!known) {
			draw_text_line(page, box, command->text, strlen(command->text),
			               command->font, command->size, command->color,
			               command->background, command->align);
		}
	}
}

static int by_column_then_line(const void *left, const void *right)
{
	const draw_command *a = *(const draw_command *const *)left;
	const draw_command *b = *(const draw_command *const *)right;
	if (a->box.x != b->box.x) {
		return a->box.x < b->box.x ? -1 : 1;
	}
	return a->box.y < b->box.y ? -1 : a->box.y > b->box.y;
}

/* `text` without its spaces: lines wrap at spaces, links at their
 * separators, and a word too long for its line inside it, so texts are
 * compared with their lines joined and spaces left out. */
static void without_spaces(char *text)
{
	char *kept = text;
	for (const char *cursor = text; *cursor; cursor++) {
		if (*cursor != ' ') {
			*kept++ = *cursor;
		}
	}
	*kept = '\0';
}

/* The page's lines column by column, top to bottom, joined without spaces. */
static const char *page_text(const draw_list *page, char *out, size_t size)
{
	const draw_command *lines[1024];
	size_t count = 0;
	for (size_t index = 0; index < draw_list_count(page) && count < 1024; index++) {
		if (draw_list_at(page, index)->kind == DRAW_TEXT) {
			lines[count++] = draw_list_at(page, index);
		}
	}
	qsort(lines, count, sizeof(lines[0]), by_column_then_line);
	out[0] = '\0';
	size_t used = 0;
	for (size_t index = 0; index < count; index++) {
		assert_true(text_copy(out + used, size - used, lines[index]->text));
		used += strlen(out + used);
	}
	without_spaces(out);
	return out;
}

static void assert_on_page(const fixture *loaded, const offer *item, const char *text,
                           const char *wanted_text)
{
	char wanted[1024];
	assert_true(text_copy(wanted, sizeof(wanted), wanted_text));
	without_spaces(wanted);
	if (!strstr(text, wanted)) {
		fail_msg("\"%s\" of %s is not on its page at %dx%d, style %d, %s:\n%s", wanted,
		         item->id, loaded->metrics.width, loaded->metrics.height,
		         loaded->metrics.style, language_codes[loaded->language], text);
	}
}

/* The digits of `text`, in order: a phone number however it is grouped. */
static void digits_of(const char *text, char *out, size_t size)
{
	size_t count = 0;
	for (; *text && count + 1 < size; text++) {
		if (*text >= '0' && *text <= '9') {
			out[count++] = *text;
		}
	}
	out[count] = '\0';
}

/* The last two words of `text` (its last sentence's end). */
static const char *last_words(const char *text, char *out, size_t size)
{
	size_t length = strlen(text);
	while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\n')) {
		length--;
	}
	size_t start = length, spaces = 0;
	while (start > 0 && !(text[start - 1] == ' ' && ++spaces == 2)) {
		start--;
	}
	assert_true(length - start < size);
	memcpy(out, text + start, length - start);
	out[length - start] = '\0';
	return out;
}

/* Every block of the offer is somewhere on the page, whole: the name, the
 * description's end, the phone number in large digits, the date last
 * checked, the place, the quality cues, the link in full, and the code at
 * 4 px a module or more and at least 35 mm. */
static void check_detail_page(fixture *loaded, const screen_context *context, const offer *item,
                              const draw_list *page, const qr_code *code)
{
	char text[16 * 1024], wanted[512];
	(void)page_text(page, text, sizeof(text));
	assert_on_page(loaded, item, text, screen_offer_name(context, item));
	const char *description = screen_offer_description(context, item);
	if (description[0]) {
		assert_on_page(loaded, item, text, last_words(description, wanted, sizeof(wanted)));
	}
	if (item->address[0]) {
		assert_on_page(loaded, item, text, item->address);
	}
	if (item->moderator == TRISTATE_YES) {
		assert_on_page(loaded, item, text,
		               translate_text(context->messages, "Getrainde gespreksleider"));
	}
	if (item->care_professional == TRISTATE_YES) {
		assert_on_page(loaded, item, text,
		               translate_text(context->messages, "Zorgverlener op de achtergrond"));
	}
	if (item->checked != CATALOGUE_NO_DATE) {
		char date[96];
		screen_format_date(context, item->checked, date, sizeof(date));
		assert_true(text_format(
		    wanted, sizeof(wanted),
		    translate_text(context->messages, "Laatst gecontroleerd op %s"), date));
		assert_on_page(loaded, item, text, wanted);
	}
	if (item->signup_url[0]) {
		assert_on_page(loaded, item, text, item->signup_url);
	}
	if (item->phone[0]) {
		char phone_digits[64];
		digits_of(item->phone, phone_digits, sizeof(phone_digits));
		bool found = false;
		for (size_t index = 0; index < draw_list_count(page); index++) {
			const draw_command *line = draw_list_at(page, index);
			if (line->kind != DRAW_TEXT || line->font != DRAW_FONT_BOLD ||
			    line->size <= loaded->metrics.small_size) {
				continue;
			}
			char digits[64];
			digits_of(line->text, digits, sizeof(digits));
			found = found || strcmp(digits, phone_digits) == 0;
		}
		if (!found) {
			fail_msg("the phone number of %s is not in large digits at %dx%d, style %d",
			         item->id, loaded->metrics.width, loaded->metrics.height,
			         loaded->metrics.style);
		}
	}
	size_t codes = 0;
	for (size_t index = 0; index < draw_list_count(page); index++) {
		const draw_command *command = draw_list_at(page, index);
		if (command->kind != DRAW_QR) {
			continue;
		}
		codes++;
		assert_int_equal(command->side, qr_side(code));
		assert_int_equal(command->box.width, command->box.height);
		assert_int_equal(command->box.width % command->side, 0);
		assert_true(command->box.width / command->side >= 4);
		assert_true(command->box.width >= layout_millimetres(&loaded->metrics, 35.0));
	}
	if (code && codes == 0) {
		fail_msg("the code of %s is never seen whole at %dx%d, style %d, %s", item->id,
		         loaded->metrics.width, loaded->metrics.height, loaded->metrics.style,
		         language_codes[loaded->language]);
	}
}

/* One offer's page: the printing banner over its top in each state, then
 * the page scrolled from its top to its end half a viewport at a time, each
 * frame keeping the rules and every block seen somewhere on the way. */
static void build_detail(fixture *loaded, const offer *item, bool with_banners)
{
	screen_offer shown;
	fill_offer(loaded, item, NULL, &shown);
	qr_code *code = NULL;
	if (item->signup_url[0]) {
		assert_int_equal(qr_encode(item->signup_url, &code), STATUS_OK);
	}
	draw_list *page = draw_list_create();
	assert_non_null(page);
	int scroll = 0;
	for (int print_state = with_banners ? 3 : 0; print_state >= 0; print_state--) {
		int content_height = -1;
		screen_context context = context_for(loaded, &content_height);
		context.detail = &shown;
		context.scroll = print_state == 0 ? scroll : 0;
		if (code) {
			context.detail_qr.modules = qr_modules(code);
			context.detail_qr.side = qr_side(code);
		}
		screen_detail_build(&context);
		size_t targets = draw_list_target_count(loaded->list);
		context.print_state = print_state;
		context.print_message = "De printer heeft geen papier meer.";
		screen_print_build(&context);
		/* The banner is only words: it adds no target. */
		assert_int_equal(draw_list_target_count(loaded->list), targets);
		finish_frame(loaded, &context, FRAME_RESIDENT);
		if (print_state > 0) {
			continue;
		}
		/* What scrolls lies under its scroll area, added first; without
		 * one the page fits and nothing scrolls. */
		const draw_target *area = find_target(loaded->list, ACTION_SCROLL_AREA, 0);
		draw_rect window = {0, 0, loaded->metrics.width, loaded->metrics.height};
		copy_seen(loaded->list, area ? area->box : window, area != NULL, scroll, page);
		if (!area) {
			assert_int_equal(content_height, 0);
			break;
		}
		assert_int_equal(draw_list_target_at(loaded->list, 0)->action, ACTION_SCROLL_AREA);
		int limit = content_height - area->box.height;
		if (scroll >= limit) {
			check_detail_page(loaded, &context, item, page, code);
			break;
		}
		scroll =
		    scroll + area->box.height / 2 < limit ? scroll + area->box.height / 2 : limit;
		print_state = 1; /* once more, without a banner */
	}
	if (!find_target(loaded->list, ACTION_SCROLL_AREA, 0)) {
		screen_context context = context_for(loaded, NULL);
		check_detail_page(loaded, &context, item, page, code);
	}
	draw_list_destroy(page);
	qr_free(code);
}

/* Every resident screen once, for the fixture's window, style, language. */
static void build_every_screen(fixture *loaded)
{
	build_attract(loaded);
	for (int aloud = 0; aloud < 2; aloud++) {
		loaded->resident.read_aloud = aloud != 0;
		build_start(loaded);
		build_questions(loaded);
		/* Nothing chosen: the whole catalogue. */
		build_results(loaded, "fase=beginnen");
		/* Little fits: the relaxed answers' notice above the list. */
		build_results(loaded, "themas=roken;aandoeningen=ms;kosten=gratis;dichtbij=ja");
	}
	build_overview(loaded);
	answer_and_match(loaded, "themas=bewegen,ontmoeten;kosten=gratis");
	build_overview(loaded);
	for (size_t index = 0; index < loaded->result_count && index < 2; index++) {
		build_detail(loaded, loaded->results[index].item, index == 0);
	}
	/* The worst case too: it scrolls, and shows every block on the way. */
	build_detail(loaded, catalogue_offer(loaded->long_texts, 0), true);
}

static void every_size_and_language(fixture *loaded, layout_text_style style)
{
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		for (size_t language = 0; language < LANGUAGE_COUNT; language++) {
			session_wipe(&loaded->resident);
			loaded->resident.language = language;
			loaded->resident.text_style = (int)style;
			loaded->language = language;
			loaded->metrics = layout_compute_styled(
			    window_sizes[size].width, window_sizes[size].height, 0, 0, style);
			assert_int_equal(loaded->metrics.style, style);
			build_every_screen(loaded);
		}
	}
	session_wipe(&loaded->resident);
}

static void test_normal_text(void **state)
{
	every_size_and_language(*state, LAYOUT_TEXT_NORMAL);
}

static void test_large_text(void **state)
{
	every_size_and_language(*state, LAYOUT_TEXT_LARGE);
}

static void test_extra_large_text(void **state)
{
	every_size_and_language(*state, LAYOUT_TEXT_EXTRA_LARGE);
}

static void test_high_contrast(void **state)
{
	every_size_and_language(*state, LAYOUT_TEXT_HIGH_CONTRAST);
}

/* The volunteer's band over each resident screen at extra large text: it
 * touches no resident target, the "Aa" button included. */
static void test_volunteer_band_over_every_screen(void **state)
{
	fixture *loaded = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		loaded->language = 0;
		session_wipe(&loaded->resident);
		loaded->resident.read_aloud = true;
		loaded->metrics =
		    layout_compute_styled(window_sizes[size].width, window_sizes[size].height, 0, 0,
		                          LAYOUT_TEXT_EXTRA_LARGE);
		answer_and_match(loaded, "fase=beginnen");
		for (int screen = 0; screen < 5; screen++) {
			int content_height = 0;
			screen_context context = context_for(loaded, &content_height);
			screen_offer shown;
			fill_offer(loaded, loaded->results[0].item, NULL, &shown);
			context.detail = &shown;
			switch (screen) {
			case 0: screen_attract_build(&context); break;
			case 1: screen_start_build(&context); break;
			case 2: screen_question_build(&context); break;
			case 3: screen_results_build(&context); break;
			default: screen_detail_build(&context); break;
			}
			context.volunteer_waiting = true;
			screen_volunteer_bar_build(&context);
			test_check_frame(loaded->list, &loaded->metrics, context.measurer);
			const draw_target *button = find_target(loaded->list, ACTION_TEXT_STYLE, 0);
			assert_non_null(button);
			assert_int_equal(topmost_at_centre(loaded->list, button->box)->action,
			                 ACTION_TEXT_STYLE);
			loaded->frames_checked++;
		}
	}
	session_wipe(&loaded->resident);
}

/* The styles do what they say: larger text in the same window, and the
 * question's answers still all there. */
static void test_styles_grow_the_text(void **state)
{
	fixture *loaded = *state;
	loaded->language = 0;
	session_wipe(&loaded->resident);
	int previous = 0;
	for (int style = 0; style < LAYOUT_TEXT_STYLE_COUNT; style++) {
		loaded->metrics = layout_compute_styled(1080, 1920, 0, 0, (layout_text_style)style);
		screen_context context = context_for(loaded, NULL);
		screen_question_build(&context);
		int largest = 0;
		for (size_t index = 0; index < draw_list_count(loaded->list); index++) {
			const draw_command *command = draw_list_at(loaded->list, index);
			if (command->kind == DRAW_TEXT && command->size > largest) {
				largest = command->size;
			}
		}
		if (style <= LAYOUT_TEXT_EXTRA_LARGE) {
			assert_true(largest > previous);
		} else {
			assert_int_equal(largest, previous); /* as large, other colours */
		}
		previous = largest;
		const question *item = questions_at(loaded->questions, 0);
		assert_int_equal(count_targets(loaded->list, ACTION_OPTION), item->option_count);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_normal_text),
	    cmocka_unit_test(test_large_text),
	    cmocka_unit_test(test_extra_large_text),
	    cmocka_unit_test(test_high_contrast),
	    cmocka_unit_test(test_volunteer_band_over_every_screen),
	    cmocka_unit_test(test_styles_grow_the_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
