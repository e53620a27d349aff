/* test_screens_offers.c — the results list, the detail page and the welfare
 * worker's overview, built from the sample catalogue and real matching at
 * portrait, landscape and small-panel sizes, and checked like the layout
 * tests check every frame. */
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
#include "screen_offer_text.h"
#include "screen_overview.h"
#include "screen_results.h"
#include "session.h"
#include "translate.h"
#include "text.h"

/* Beyond this an offer is not "a walk away": no walking minutes. */
#define WALKING_LIMIT_METRES 5000.0

static const struct {
	int width, height;
} window_sizes[] = {{1080, 1920}, {1920, 1080}, {1280, 800}};
#define SIZE_COUNT (sizeof(window_sizes) / sizeof(window_sizes[0]))

typedef struct fixture {
	catalogue *offers;
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
} fixture;

static int setup(void **state)
{
	fixture *loaded = calloc(1, sizeof(*loaded));
	assert_non_null(loaded);
	char path[PATH_MAX];
	test_source_path("data/catalogus.csv", path, sizeof(path));
	assert_int_equal(import_read_file(path, &loaded->offers, &loaded->report), STATUS_OK);
	assert_non_null(loaded->offers);
	test_source_path("data/questions.ini", path, sizeof(path));
	assert_int_equal(questions_load(path, &loaded->questions, NULL), STATUS_OK);
	config_set_defaults(&loaded->config);
	loaded->engine =
	    match_engine_create(loaded->offers, loaded->config.latitude, loaded->config.longitude,
	                        loaded->config.nearby_metres);
	assert_non_null(loaded->engine);
	assert_true(schedule_parse_local("2026-11-23T09:00", &loaded->now));
	loaded->list = draw_list_create();
	assert_non_null(loaded->list);
	*state = loaded;
	return 0;
}

static int teardown(void **state)
{
	fixture *loaded = *state;
	draw_list_destroy(loaded->list);
	match_engine_destroy(loaded->engine);
	questions_free(loaded->questions);
	catalogue_destroy(loaded->offers);
	import_report_free(&loaded->report);
	free(loaded);
	return 0;
}

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

/* Answers "question=option,option;question=option" chosen through the
 * session the way the question screens do, then matched. */
static void answer_and_match(fixture *loaded, const char *choices)
{
	session_wipe(&loaded->resident);
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

static screen_context context_for(fixture *loaded, const layout_metrics *metrics,
                                  int *content_height)
{
	screen_context context;
	memset(&context, 0, sizeof(context));
	draw_list_clear(loaded->list);
	context.list = loaded->list;
	context.measurer = test_fake_measurer();
	context.metrics = metrics;
	context.config = &loaded->config;
	context.questions = loaded->questions;
	context.resident = &loaded->resident;
	context.now = loaded->now;
	context.results = loaded->results;
	context.result_count = loaded->result_count;
	context.results_total = loaded->outcome.count;
	context.outcome = &loaded->outcome;
	context.content_height = content_height;
	return context;
}

static char frame_text[64 * 1024];

static const char *text_of(const draw_list *list)
{
	return test_frame_text(list, frame_text, sizeof(frame_text));
}

/* The frame's text with line breaks as spaces: wrapped sentences read whole. */
static const char *flat_text_of(const draw_list *list)
{
	text_of(list);
	for (char *cursor = frame_text; *cursor; cursor++) {
		if (*cursor == '\n') {
			*cursor = ' ';
		}
	}
	return frame_text;
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

static bool has_text_line(const draw_list *list, const char *text)
{
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_TEXT && strcmp(command->text, text) == 0) {
			return true;
		}
	}
	return false;
}

/* Builds the results at `scroll` and checks the frame; returns the content
 * height the screen reported. */
static int build_results(fixture *loaded, const layout_metrics *metrics, int scroll)
{
	int content_height = -1;
	screen_context context = context_for(loaded, metrics, &content_height);
	context.scroll = scroll;
	screen_results_build(&context);
	assert_int_equal(draw_list_status(loaded->list), STATUS_OK);
	test_check_frame(loaded->list, metrics, test_fake_measurer());
	assert_true(content_height > 0);
	/* The list's own target comes first; every card lies inside it. */
	assert_true(draw_list_target_count(loaded->list) > 0);
	const draw_target *area = draw_list_target_at(loaded->list, 0);
	assert_int_equal(area->action, ACTION_SCROLL_AREA);
	for (size_t index = 0; index < draw_list_target_count(loaded->list); index++) {
		const draw_target *target = draw_list_target_at(loaded->list, index);
		if (target->action == ACTION_OPEN_OFFER) {
			draw_rect inside = draw_rect_intersect(target->box, area->box);
			assert_memory_equal(&inside, &target->box, sizeof(inside));
			assert_true(target->argument >= 0 &&
			            (size_t)target->argument < loaded->result_count);
			assert_string_equal(target->label,
			                    loaded->results[target->argument].item->name);
		}
	}
	assert_non_null(find_target(loaded->list, ACTION_BACK, 0));
	assert_non_null(find_target(loaded->list, ACTION_OVERVIEW, 0));
	assert_non_null(find_target(loaded->list, ACTION_START_OVER, 0));
	return content_height;
}

static const char *const answer_sets[] = {
    "",
    "themas=bewegen;kosten=gratis;contact=fysiek;dichtbij=ja",
    "themas=voeding;aandoeningen=diabetes;vorm=groep_met_zorgverlener;deelname=inloop",
    /* Nothing in the sample is about alcohol for people with MS, free, in a
     * fixed programme, one to one: answers have to be let go. */
    ("themas=alcohol;aandoeningen=ms;vorm=1op1;deelname=programma;kosten=gratis;steun="
     "praktisch;fase=orienteren"),
};
#define ANSWER_SET_COUNT (sizeof(answer_sets) / sizeof(answer_sets[0]))

static void test_results_every_size_and_scroll(void **state)
{
	fixture *loaded = *state;
	for (size_t set = 0; set < ANSWER_SET_COUNT; set++) {
		answer_and_match(loaded, answer_sets[set]);
		assert_true(loaded->result_count > 0);
		for (size_t size = 0; size < SIZE_COUNT; size++) {
			layout_metrics metrics = layout_compute(window_sizes[size].width,
			                                        window_sizes[size].height, 0, 0);
			int content = build_results(loaded, &metrics, 0);
			int list_height = draw_list_target_at(loaded->list, 0)->box.height;
			/* The first card is on screen at the top. */
			assert_non_null(find_target(loaded->list, ACTION_OPEN_OFFER, 0));
			char count[64];
			snprintf(count, sizeof(count), "%zu gevonden", loaded->outcome.count);
			assert_non_null(strstr(text_of(loaded->list), count));
			int end = content > list_height ? content - list_height : 0;
			(void)build_results(loaded, &metrics, end / 2);
			(void)build_results(loaded, &metrics, end);
			/* Scrolled to the end, the last card is there. */
			assert_non_null(find_target(loaded->list, ACTION_OPEN_OFFER,
			                            (int)loaded->result_count - 1));
			if (end > 0 && loaded->result_count > 2) {
				/* ...and the first is gone when the list is long. */
				assert_null(find_target(loaded->list, ACTION_OPEN_OFFER, 0));
			}
		}
	}
}

/* True when the resident chose `option` of question `id`. */
static bool answered(const fixture *loaded, const char *id, const char *option)
{
	for (size_t index = 0; index < questions_count(loaded->questions); index++) {
		const question *item = questions_at(loaded->questions, index);
		if (strcmp(item->id, id) == 0) {
			int option_index = questions_option_index(item, option);
			assert_true(option_index >= 0);
			return session_is_chosen(&loaded->resident, index, (size_t)option_index);
		}
	}
	fail_msg("no question %s", id);
	return false;
}

static void test_relaxed_answers_in_one_sentence(void **state)
{
	fixture *loaded = *state;
	bool saw_relaxed = false, saw_strict = false;
	layout_metrics metrics = layout_compute(1080, 1920, 0, 0);
	for (size_t set = 0; set < ANSWER_SET_COUNT; set++) {
		answer_and_match(loaded, answer_sets[set]);
		(void)build_results(loaded, &metrics, 0);
		const char *text = flat_text_of(loaded->list);
		const char *sentence = strstr(text, "paste bij al uw antwoorden");
		if (loaded->outcome.relaxed_count == 0) {
			saw_strict = true;
			assert_null(sentence);
			continue;
		}
		saw_relaxed = true;
		assert_non_null(sentence);
		const char *full_stop = strchr(sentence, '.');
		assert_non_null(full_stop);
		/* Every relaxed answer is named before the one full stop. */
		for (size_t index = 0; index < loaded->outcome.relaxed_count; index++) {
			match_key key = (match_key)loaded->outcome.relaxed_order[index];
			/* The phrase depends on the answer that was let go. */
			const char *expected = key == MATCH_COST         ? "niet gratis"
			                       : key == MATCH_THEMES     ? "andere onderwerpen"
			                       : key == MATCH_CONDITIONS ? "niet over uw aandoening"
			                       : key == MATCH_FORM       ? "andere vorm"
			                       : key == MATCH_SUPPORT    ? "andere soort steun"
			                       : key == MATCH_PHASE      ? "andere stap"
			                       : key == MATCH_NEARBY     ? "verder weg"
			                                                 : NULL;
			if (key == MATCH_ACCESS) {
				expected = answered(loaded, "deelname", "inloop")
				               ? "waarvoor u zich aanmeldt"
				               : "zonder vast programma";
			}
			if (key == MATCH_CONTACT) {
				expected = answered(loaded, "contact", "op_afstand") ? "ergens heen"
				                                                     : "online";
			}
			assert_non_null(expected);
			const char *found = strstr(sentence, expected);
			if (!found || found > full_stop) {
				fail_msg("relaxed '%s' is not named in \"%.*s\"",
				         match_key_name(key), (int)(full_stop - sentence + 1),
				         sentence);
			}
		}
	}
	assert_true(saw_relaxed);
	assert_true(saw_strict);
}

static bool has_chip(const draw_list *list, const layout_metrics *metrics, const char *text)
{
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_TEXT &&
		    memcmp(&command->background, &metrics->palette.chip, sizeof(draw_color)) == 0 &&
		    strcmp(command->text, text) == 0) {
			return true;
		}
	}
	return false;
}

static void test_chips_say_why_it_fits(void **state)
{
	fixture *loaded = *state;
	layout_metrics metrics = layout_compute(1080, 1920, 0, 0);
	answer_and_match(loaded, "themas=bewegen;kosten=gratis;contact=fysiek;dichtbij=ja");
	(void)build_results(loaded, &metrics, 0);
	const match_result *best = loaded->results[0].result;
	assert_true(best->matched & (1u << MATCH_THEMES));
	assert_true(best->matched & (1u << MATCH_COST));
	assert_true(has_chip(loaded->list, &metrics, "Bewegen"));
	assert_true(has_chip(loaded->list, &metrics, "Gratis"));
	if (best->matched & (1u << MATCH_NEARBY)) {
		assert_true(has_chip(loaded->list, &metrics, "Dichtbij"));
	}
	/* Without answers nothing was met, so no card claims a reason. */
	answer_and_match(loaded, "");
	(void)build_results(loaded, &metrics, 0);
	assert_false(has_chip(loaded->list, &metrics, "Bewegen"));
	assert_false(has_chip(loaded->list, &metrics, "Gratis"));
}

static void test_content_height_grows_with_results(void **state)
{
	fixture *loaded = *state;
	answer_and_match(loaded, "");
	size_t all = loaded->result_count;
	assert_true(all >= 6);
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		layout_metrics metrics =
		    layout_compute(window_sizes[size].width, window_sizes[size].height, 0, 0);
		int previous = 0;
		size_t counts[] = {1, 3, 5, all};
		for (size_t step = 0; step < 4; step++) {
			loaded->result_count = counts[step];
			int height = build_results(loaded, &metrics, 0);
			assert_true(height > previous);
			previous = height;
			assert_int_equal(count_targets(loaded->list, ACTION_OPEN_OFFER) > 0, true);
		}
	}
}

static void test_no_results_is_never_an_empty_page(void **state)
{
	fixture *loaded = *state;
	answer_and_match(loaded, "");
	loaded->result_count = 0;
	loaded->outcome.count = 0;
	loaded->outcome.relaxed_count = 0;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		layout_metrics metrics =
		    layout_compute(window_sizes[size].width, window_sizes[size].height, 0, 0);
		(void)build_results(loaded, &metrics, 0);
		assert_non_null(strstr(flat_text_of(loaded->list), "Vraag het aan de balie."));
		assert_int_equal(count_targets(loaded->list, ACTION_OPEN_OFFER), 0);
	}
}

/* ---- Detail ------------------------------------------------------------ */

static size_t digits_of(const char *text, char *out, size_t size)
{
	size_t count = 0;
	for (; *text && count + 1 < size; text++) {
		if (*text >= '0' && *text <= '9') {
			out[count++] = *text;
		}
	}
	out[count] = '\0';
	return count;
}

/* The URL must be on screen whole: consecutive text lines that join to it
 * exactly, without an ellipsis. */
static void assert_url_whole(const draw_list *list, const char *url)
{
	size_t url_length = strlen(url);
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind != DRAW_TEXT ||
		    strncmp(url, command->text, strlen(command->text)) ||
		    strlen(command->text) < 8) {
			continue;
		}
		size_t used = 0;
		size_t next = index;
		while (used < url_length && next < draw_list_count(list)) {
			const draw_command *line = draw_list_at(list, next++);
			if (line->kind != DRAW_TEXT) {
				break;
			}
			size_t length = strlen(line->text);
			if (used + length > url_length ||
			    memcmp(url + used, line->text, length) != 0) {
				break;
			}
			used += length;
		}
		if (used == url_length) {
			return;
		}
	}
	fail_msg("URL %s is not written whole on screen", url);
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

/* Builds the detail page at `scroll` and checks the frame; returns the
 * content height the screen reported. */
static int build_detail(fixture *loaded, const layout_metrics *metrics, const screen_offer *shown,
                        const qr_code *code, bool printer, int scroll)
{
	int content_height = -1;
	screen_context context = context_for(loaded, metrics, &content_height);
	context.detail = shown;
	context.printer_available = printer;
	context.scroll = scroll;
	if (code) {
		context.detail_qr.modules = qr_modules(code);
		context.detail_qr.side = qr_side(code);
	}
	screen_detail_build(&context);
	assert_int_equal(draw_list_status(loaded->list), STATUS_OK);
	test_check_frame(loaded->list, metrics, test_fake_measurer());
	return content_height;
}

/* A page that scrolls, read from its top to its end half a viewport at a
 * time: every text line of the scrolling part once and the code where it
 * was seen whole, at their places on the unscrolled page, column by column
 * and top to bottom, into `page`. */
static void read_scrolling_detail(fixture *loaded, const layout_metrics *metrics,
                                  const screen_offer *shown, const qr_code *code, bool printer,
                                  draw_list *page)
{
	draw_list *seen = draw_list_create();
	assert_non_null(seen);
	int scroll = 0;
	for (;;) {
		int content_height = build_detail(loaded, metrics, shown, code, printer, scroll);
		const draw_target *area = find_target(loaded->list, ACTION_SCROLL_AREA, 0);
		assert_non_null(area);
		assert_int_equal(draw_list_target_at(loaded->list, 0)->action, ACTION_SCROLL_AREA);
		bool clipped = false;
		for (size_t index = 0; index < draw_list_count(loaded->list); index++) {
			const draw_command *command = draw_list_at(loaded->list, index);
			if (command->kind == DRAW_CLIP) {
				clipped = command->box.width > 0;
			}
			if (!clipped || (command->kind != DRAW_TEXT && command->kind != DRAW_QR)) {
				continue;
			}
			draw_rect box = command->box;
			box.y += scroll;
			bool known = false;
			for (size_t other = 0; other < draw_list_count(seen) && !known; other++) {
				const draw_command *line = draw_list_at(seen, other);
				known = line->kind == command->kind && line->box.x == box.x &&
				        line->box.y == box.y &&
				        (line->kind == DRAW_QR ||
				         strcmp(line->text, command->text) == 0);
			}
			draw_rect whole = draw_rect_intersect(command->box, area->box);
			if (known) {
				continue;
			}
			if (command->kind == DRAW_TEXT) {
				draw_text_line(seen, box, command->text, strlen(command->text),
				               command->font, command->size, command->color,
				               command->background, command->align);
			} else if (whole.width == box.width && whole.height == box.height) {
				draw_qr(seen, box, command->modules, command->side, command->color,
				        command->background);
			}
		}
		int limit = content_height - area->box.height;
		if (scroll >= limit) {
			break;
		}
		scroll =
		    scroll + area->box.height / 2 < limit ? scroll + area->box.height / 2 : limit;
	}
	const draw_command *order[1024];
	size_t count = 0;
	for (size_t index = 0; index < draw_list_count(seen) && count < 1024; index++) {
		order[count++] = draw_list_at(seen, index);
	}
	qsort(order, count, sizeof(order[0]), by_column_then_line);
	for (size_t index = 0; index < count; index++) {
		const draw_command *command = order[index];
		if (command->kind == DRAW_TEXT) {
			draw_text_line(page, command->box, command->text, strlen(command->text),
			               command->font, command->size, command->color,
			               command->background, command->align);
		} else {
			draw_qr(page, command->box, command->modules, command->side, command->color,
			        command->background);
		}
	}
	draw_list_destroy(seen);
}

/* The detail page of `item` says everything: name, code and link (or how
 * to sign up), phone in large digits, cues, the date last checked, Print
 * with a printer. On one screen when it fits, read by scrolling when not;
 * returns true when it scrolled. loaded->list holds the page's top. */
static bool check_detail(fixture *loaded, const layout_metrics *metrics, const offer *item,
                         bool printer)
{
	screen_offer shown;
	fill_offer(loaded, item, NULL, &shown);
	qr_code *code = NULL;
	if (item->signup_url[0]) {
		assert_int_equal(qr_encode(item->signup_url, &code), STATUS_OK);
	}
	int content_height = build_detail(loaded, metrics, &shown, code, printer, 0);
	bool scrolls = find_target(loaded->list, ACTION_SCROLL_AREA, 0) != NULL;
	draw_list *page = draw_list_create();
	assert_non_null(page);
	if (scrolls) {
		read_scrolling_detail(loaded, metrics, &shown, code, printer, page);
		build_detail(loaded, metrics, &shown, code, printer, 0);
	} else {
		assert_int_equal(content_height, 0);
		/* On one screen: nothing in the content reaches the bar. */
		const draw_target *back = find_target(loaded->list, ACTION_BACK, 0);
		assert_non_null(back);
		int bar_top = back->box.y - metrics->margin;
		for (size_t index = 0; index < draw_list_count(loaded->list); index++) {
			const draw_command *command = draw_list_at(loaded->list, index);
			if (command->kind != DRAW_TEXT && command->kind != DRAW_QR) {
				continue;
			}
			if (command->box.y >= bar_top) {
				continue; /* the bar's own labels */
			}
			if (command->box.y + command->box.height > bar_top) {
				fail_msg("\"%s\" runs into the bar at %dx%d (offer %s)",
				         command->text ? command->text : "QR", metrics->width,
				         metrics->height, item->id);
			}
		}
	}
	const draw_list *content = scrolls ? page : loaded->list;
	const char *flat = flat_text_of(content);
	/* The name heads the page (wrapped, so compare the flattened text). */
	if (!strstr(flat, item->name)) {
		fail_msg("name \"%s\" is not on the detail page", item->name);
	}
	size_t qr_commands = 0;
	for (size_t index = 0; index < draw_list_count(content); index++) {
		const draw_command *command = draw_list_at(content, index);
		if (command->kind != DRAW_QR) {
			continue;
		}
		qr_commands++;
		assert_int_equal(command->box.width, command->box.height);
		assert_int_equal(command->side, qr_side(code));
		assert_true(command->box.width >= layout_millimetres(metrics, 35.0));
		assert_int_equal(command->box.width % command->side, 0);
		assert_true(command->box.width / command->side >= 4);
	}
	if (code) {
		assert_int_equal(qr_commands, 1);
		assert_url_whole(content, item->signup_url);
	} else {
		assert_int_equal(qr_commands, 0);
		bool instructed = strstr(flat, "om u aan te melden") || strstr(flat, "binnen") ||
		                  strstr(flat, "Vraag het aan de balie.");
		if (!instructed) {
			fail_msg("offer %s without a link says nothing about signing up", item->id);
		}
	}
	if (item->phone[0]) {
		char wanted[32], seen[32];
		digits_of(item->phone, wanted, sizeof(wanted));
		bool found = false;
		for (size_t index = 0; index < draw_list_count(content); index++) {
			const draw_command *command = draw_list_at(content, index);
			if (command->kind == DRAW_TEXT && command->font == DRAW_FONT_BOLD &&
			    command->size > metrics->small_size) {
				digits_of(command->text, seen, sizeof(seen));
				found = found || strcmp(seen, wanted) == 0;
			}
		}
		if (!found) {
			fail_msg("phone %s of %s is not in large digits at %dx%d", item->phone,
			         item->id, metrics->width, metrics->height);
		}
	}
	assert_int_equal(item->moderator == TRISTATE_YES,
	                 strstr(flat, "Getrainde gespreksleider") != NULL);
	assert_int_equal(item->care_professional == TRISTATE_YES,
	                 strstr(flat, "Zorgverlener op de achtergrond") != NULL);
	assert_int_equal(item->checked != CATALOGUE_NO_DATE,
	                 strstr(flat, "Laatst gecontroleerd op") != NULL);
	assert_int_equal(count_targets(loaded->list, ACTION_PRINT), printer ? 1 : 0);
	/* Flattened the page's text is in frame_text, for the caller to read. */
	(void)flat_text_of(content);
	draw_list_destroy(page);
	qr_free(code);
	return scrolls;
}

static void test_detail_of_every_offer(void **state)
{
	fixture *loaded = *state;
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		layout_metrics metrics =
		    layout_compute(window_sizes[size].width, window_sizes[size].height, 0, 0);
		for (size_t index = 0; index < catalogue_count(loaded->offers); index++) {
			const offer *item = catalogue_offer(loaded->offers, index);
			/* The catalogue's offers fit one screen at normal text. */
			assert_false(check_detail(loaded, &metrics, item, index % 2 == 0));
		}
	}
	/* And Print follows the printer for one offer either way. */
	layout_metrics metrics = layout_compute(1080, 1920, 0, 0);
	check_detail(loaded, &metrics, catalogue_offer(loaded->offers, 0), true);
	check_detail(loaded, &metrics, catalogue_offer(loaded->offers, 0), false);
}

static void test_detail_phone_grouped_for_reading(void **state)
{
	fixture *loaded = *state;
	layout_metrics metrics = layout_compute(1080, 1920, 0, 0);
	const offer *landline = catalogue_find(loaded->offers, "diabetes-inloop");
	const offer *mobile = catalogue_find(loaded->offers, "prostaatkanker-wandelen");
	assert_non_null(landline);
	assert_non_null(mobile);
	check_detail(loaded, &metrics, landline, false);
	assert_true(has_text_line(loaded->list, "030 - 200 41 17"));
	check_detail(loaded, &metrics, mobile, false);
	assert_true(has_text_line(loaded->list, "06 - 41 20 88 35"));
}

/* A volunteer's worst case: every text long, a long link. Where the page
 * does not fit it scrolls, and nothing is cut: the description to its last
 * sentence, the code, the link whole. */
static void test_detail_with_long_texts(void **state)
{
	fixture *loaded = *state;
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
	(void)snprintf(text + used, sizeof(text) - used, "%s",
	               "Neem gerust een buurman of buurvrouw mee.");
	item->id = catalogue_intern(items, "lang", 4);
	item->description = catalogue_intern(items, text, strlen(text));
	const char *name = "Een heel lange naam voor een groep die ook nog een ondertitel heeft "
	                   "en een plaatsnaam";
	item->name = catalogue_intern(items, name, strlen(name));
	char url[400];
	snprintf(url, sizeof(url), "https://www.voorbeeld-buurthuis.nl/aanmelden/%s",
	         "een-heel-lang-pad/met-nog-meer-delen/en-een-vraag?naam=wandelen-met-buren"
	         "&dag=dinsdag&tijd=tien-uur&plaats=zamenhofdreef-veertig&bron=kiosk-overvecht"
	         "&extra=nog-wat-tekst-om-het-adres-lang-te-maken");
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
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		layout_metrics metrics =
		    layout_compute(window_sizes[size].width, window_sizes[size].height, 0, 0);
		bool scrolled = check_detail(loaded, &metrics, item, true);
		/* A 700-character description does not fit a portrait page with
		 * all the rest. */
		assert_true(scrolled || !metrics.portrait);
		assert_non_null(strstr(frame_text, "030 - 200 41 10"));
		assert_non_null(strstr(frame_text, "buurman of buurvrouw mee."));
		assert_null(strstr(frame_text, "\xE2\x80\xA6"));
	}
	catalogue_destroy(items);
}

/* ---- Overview ---------------------------------------------------------- */

static int build_overview(fixture *loaded, const layout_metrics *metrics, int scroll, bool printer)
{
	int content_height = -1;
	screen_context context = context_for(loaded, metrics, &content_height);
	context.scroll = scroll;
	context.printer_available = printer;
	screen_overview_build(&context);
	assert_int_equal(draw_list_status(loaded->list), STATUS_OK);
	test_check_frame(loaded->list, metrics, test_fake_measurer());
	assert_int_equal(draw_list_target_at(loaded->list, 0)->action, ACTION_SCROLL_AREA);
	assert_non_null(find_target(loaded->list, ACTION_BACK, 0));
	return content_height;
}

static void test_overview_every_answer_in_one_tap(void **state)
{
	fixture *loaded = *state;
	answer_and_match(loaded, "themas=bewegen,ontmoeten;kosten=gratis;vorm=groep");
	assert_true(loaded->result_count >= 3);
	assert_true(session_toggle_pick(&loaded->resident, loaded->results[0].item->id));
	assert_true(session_toggle_pick(&loaded->resident, loaded->results[2].item->id));
	size_t question_count = questions_count(loaded->questions);
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		layout_metrics metrics =
		    layout_compute(window_sizes[size].width, window_sizes[size].height, 0, 0);
		int content = build_overview(loaded, &metrics, 0, true);
		int list_height = draw_list_target_at(loaded->list, 0)->box.height;
		assert_non_null(strstr(text_of(loaded->list), "2 van 3 gekozen"));
		assert_non_null(find_target(loaded->list, ACTION_PRINT_PICKS, 0));
		/* Sweep the list: every option of every question and the first
		 * results each come by as a target. */
		bool seen[QUESTIONS_MAX_QUESTIONS][32];
		memset(seen, 0, sizeof(seen));
		bool opened[10] = {false}, pick_seen[10] = {false};
		int end = content > list_height ? content - list_height : 0;
		for (int scroll = 0;; scroll += list_height / 2) {
			if (scroll > end) {
				scroll = end;
			}
			(void)build_overview(loaded, &metrics, scroll, true);
			for (size_t index = 0; index < draw_list_target_count(loaded->list);
			     index++) {
				const draw_target *target =
				    draw_list_target_at(loaded->list, index);
				if (target->action == ACTION_OVERVIEW_OPTION) {
					seen[target->argument / 32][target->argument % 32] = true;
				}
				if (target->action == ACTION_OPEN_OFFER && target->argument < 10) {
					opened[target->argument] = true;
				}
				if (target->action == ACTION_TOGGLE_PICK && target->argument < 10) {
					pick_seen[target->argument] = true;
					bool picked = session_is_picked(
					    &loaded->resident,
					    loaded->results[target->argument].item->id);
					assert_string_equal(target->label,
					                    picked ? "Gekozen" : "Kies");
				}
			}
			if (scroll == end) {
				break;
			}
		}
		for (size_t question_index = 0; question_index < question_count; question_index++) {
			const question *item = questions_at(loaded->questions, question_index);
			for (size_t option = 0; option < item->option_count; option++) {
				if (!seen[question_index][option]) {
					fail_msg("%s=%s has no toggle at %dx%d", item->id,
					         item->options[option].id, metrics.width,
					         metrics.height);
				}
			}
		}
		size_t shown = loaded->result_count < 10 ? loaded->result_count : 10;
		for (size_t position = 0; position < shown; position++) {
			assert_true(opened[position]);
			assert_true(pick_seen[position]);
		}
		/* Nine questions with every option do not fit 800 pixels. */
		if (metrics.height == 800) {
			assert_true(content > list_height);
		}
	}
}

static void test_overview_shows_the_current_answer(void **state)
{
	fixture *loaded = *state;
	answer_and_match(loaded, "themas=bewegen;vorm=groep");
	layout_metrics metrics = layout_compute(1080, 1920, 0, 0);
	(void)build_overview(loaded, &metrics, 0, true);
	const draw_target *area = draw_list_target_at(loaded->list, 0);
	/* The chosen toggles carry a checked mark, the others an empty one. */
	for (size_t index = 0; index < draw_list_target_count(loaded->list); index++) {
		const draw_target *target = draw_list_target_at(loaded->list, index);
		/* Toggles cut by the list's bottom edge show only part of themselves. */
		if (target->action != ACTION_OVERVIEW_OPTION ||
		    target->box.y + target->box.height == area->box.y + area->box.height) {
			continue;
		}
		size_t question_index = (size_t)target->argument / 32;
		size_t option = (size_t)target->argument % 32;
		bool chosen = session_is_chosen(&loaded->resident, question_index, option);
		bool checked = false, unchecked = false;
		for (size_t command_index = 0; command_index < draw_list_count(loaded->list);
		     command_index++) {
			const draw_command *command = draw_list_at(loaded->list, command_index);
			draw_rect inside = draw_rect_intersect(command->box, target->box);
			if (command->kind != DRAW_ICON ||
			    memcmp(&inside, &command->box, sizeof(inside)) != 0) {
				continue;
			}
			checked = checked || strcmp(command->text, "check_box") == 0 ||
			          strcmp(command->text, "radio_button_checked") == 0;
			unchecked = unchecked ||
			            strcmp(command->text, "check_box_outline_blank") == 0 ||
			            strcmp(command->text, "radio_button_unchecked") == 0;
		}
		assert_int_equal(checked, chosen);
		assert_int_equal(unchecked, !chosen);
	}
	/* Nothing picked: no print button even with a printer; 0 of 3. */
	assert_null(find_target(loaded->list, ACTION_PRINT_PICKS, 0));
	assert_non_null(strstr(text_of(loaded->list), "0 van 3 gekozen"));
	/* Three picks fill the list; a picked one without a printer: no print. */
	for (size_t position = 0; position < 3; position++) {
		assert_true(
		    session_toggle_pick(&loaded->resident, loaded->results[position].item->id));
	}
	assert_false(session_toggle_pick(&loaded->resident, loaded->results[3].item->id));
	(void)build_overview(loaded, &metrics, 0, false);
	assert_non_null(strstr(text_of(loaded->list), "3 van 3 gekozen"));
	assert_null(find_target(loaded->list, ACTION_PRINT_PICKS, 0));
	(void)build_overview(loaded, &metrics, 0, true);
	assert_non_null(find_target(loaded->list, ACTION_PRINT_PICKS, 0));
}

/* ---- In English --------------------------------------------------------- */

static void test_english_everywhere(void **state)
{
	fixture *loaded = *state;
	translation *english = NULL;
	assert_int_equal(translate_load_file(KIOSK_BUILD_LOCALE_DIR "/en.mo", &english), STATUS_OK);
	answer_and_match(loaded, answer_sets[ANSWER_SET_COUNT - 1]);
	assert_true(loaded->outcome.relaxed_count > 0);
	assert_true(session_toggle_pick(&loaded->resident, loaded->results[0].item->id));
	const offer *item = catalogue_find(loaded->offers, "beweegchallenge-diabetes");
	assert_non_null(item);
	screen_offer shown;
	fill_offer(loaded, item, NULL, &shown);
	qr_code *code = NULL;
	assert_int_equal(qr_encode(item->signup_url, &code), STATUS_OK);
	for (size_t size = 0; size < SIZE_COUNT; size++) {
		layout_metrics metrics =
		    layout_compute(window_sizes[size].width, window_sizes[size].height, 0, 0);
		int content_height = 0;
		screen_context context = context_for(loaded, &metrics, &content_height);
		context.messages = english;
		screen_results_build(&context);
		test_check_frame(loaded->list, &metrics, test_fake_measurer());
		const char *flat = flat_text_of(loaded->list);
		assert_non_null(strstr(flat, "found"));
		assert_non_null(strstr(flat, "matched all your answers"));
		assert_null(strstr(flat, "gevonden"));
		assert_null(strstr(flat, "antwoorden"));

		context = context_for(loaded, &metrics, &content_height);
		context.messages = english;
		context.printer_available = true;
		screen_overview_build(&context);
		test_check_frame(loaded->list, &metrics, test_fake_measurer());
		assert_non_null(strstr(text_of(loaded->list), "1 of 3 chosen"));

		context = context_for(loaded, &metrics, NULL);
		context.messages = english;
		context.detail = &shown;
		context.detail_qr.modules = qr_modules(code);
		context.detail_qr.side = qr_side(code);
		screen_detail_build(&context);
		test_check_frame(loaded->list, &metrics, test_fake_measurer());
		flat = flat_text_of(loaded->list);
		assert_non_null(strstr(flat, "Last checked on"));
		assert_null(strstr(flat, "Laatst gecontroleerd"));
		assert_url_whole(loaded->list, item->signup_url);
	}
	qr_free(code);
	translate_free(english);
}

/* ---- The catalogue's own texts in the chosen language ------------------- */

/* With English chosen, an offer's name, description and cost text come from
 * the catalogue's _en columns where the volunteer filled them in, on every
 * resident screen that shows offers; Dutch where not, and with Dutch chosen. */
static void test_catalogue_texts_in_english(void **state)
{
	fixture *loaded = *state;
	translation *english = NULL;
	assert_int_equal(translate_load_file(KIOSK_BUILD_LOCALE_DIR "/en.mo", &english), STATUS_OK);
	const screen_language languages[] = {{"nl", "Nederlands", NULL},
	                                     {"en", "English", english}};
	const offer *item = catalogue_find(loaded->offers, "beweegchallenge-diabetes");
	assert_non_null(item);
	const char *english_name = "Move challenge: 20 weeks of walking together";
	assert_string_equal(catalogue_offer_translation(item, FIELD_NAME_EN), english_name);
	screen_offer shown;
	fill_offer(loaded, item, NULL, &shown);
	answer_and_match(loaded, "themas=bewegen;aandoeningen=diabetes");
	layout_metrics metrics = layout_compute(1080, 1920, 0, 0);

	/* The language code follows the chosen messages. */
	screen_context context = context_for(loaded, &metrics, NULL);
	context.languages = languages;
	context.language_count = 2;
	assert_string_equal(screen_offer_language_code(&context), "nl");
	assert_string_equal(screen_offer_name(&context, item), item->name);
	context.messages = english;
	assert_string_equal(screen_offer_language_code(&context), "en");
	assert_string_equal(screen_offer_name(&context, item), english_name);
	assert_string_equal(screen_cost_words(&context, item), "€ 10 for 20 weeks");
	/* Messages that are no language on the list: Dutch texts. */
	context.language_count = 1;
	assert_string_equal(screen_offer_language_code(&context), "nl");

	/* Results: every card's name (and target) as the resident reads it. */
	int content_height = 0;
	context = context_for(loaded, &metrics, &content_height);
	context.languages = languages;
	context.language_count = 2;
	context.messages = english;
	screen_results_build(&context);
	test_check_frame(loaded->list, &metrics, test_fake_measurer());
	size_t translated_cards = 0;
	for (size_t index = 0; index < draw_list_target_count(loaded->list); index++) {
		const draw_target *target = draw_list_target_at(loaded->list, index);
		if (target->action != ACTION_OPEN_OFFER)
			continue;
		const offer *card = loaded->results[target->argument].item;
		const char *expected = catalogue_offer_text_in_language(card, FIELD_NAME, "en");
		assert_string_equal(target->label, expected);
		if (strcmp(expected, card->name) != 0) {
			translated_cards++;
			assert_non_null(strstr(flat_text_of(loaded->list), expected));
			assert_null(strstr(flat_text_of(loaded->list), card->name));
		}
	}
	assert_true(translated_cards >= 1);

	/* Overview: the names too. */
	context = context_for(loaded, &metrics, &content_height);
	context.languages = languages;
	context.language_count = 2;
	context.messages = english;
	screen_overview_build(&context);
	test_check_frame(loaded->list, &metrics, test_fake_measurer());
	for (size_t index = 0; index < draw_list_target_count(loaded->list); index++) {
		const draw_target *target = draw_list_target_at(loaded->list, index);
		if (target->action == ACTION_OPEN_OFFER)
			assert_string_equal(
			    target->label,
			    catalogue_offer_text_in_language(loaded->results[target->argument].item,
			                                     FIELD_NAME, "en"));
	}

	/* Detail: name, description and cost text in English. */
	context = context_for(loaded, &metrics, NULL);
	context.languages = languages;
	context.language_count = 2;
	context.messages = english;
	context.detail = &shown;
	screen_detail_build(&context);
	test_check_frame(loaded->list, &metrics, test_fake_measurer());
	const char *flat = flat_text_of(loaded->list);
	assert_non_null(strstr(flat, english_name));
	assert_non_null(strstr(flat, "For twenty weeks you walk twice a week"));
	assert_non_null(strstr(flat, "€ 10 for 20 weeks"));
	assert_null(strstr(flat, "Beweegchallenge"));
	assert_null(strstr(flat, "Twintig weken"));

	/* The same page in Dutch. */
	context.messages = NULL;
	context.list = loaded->list;
	draw_list_clear(loaded->list);
	screen_detail_build(&context);
	flat = flat_text_of(loaded->list);
	assert_non_null(strstr(flat, "Beweegchallenge"));
	assert_null(strstr(flat, english_name));

	/* Attract: the upcoming offer's name. */
	context = context_for(loaded, &metrics, NULL);
	context.languages = languages;
	context.language_count = 2;
	context.messages = english;
	context.upcoming = &shown;
	context.upcoming_count = 1;
	screen_attract_build(&context);
	assert_non_null(strstr(flat_text_of(loaded->list), english_name));
	translate_free(english);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_results_every_size_and_scroll),
	    cmocka_unit_test(test_relaxed_answers_in_one_sentence),
	    cmocka_unit_test(test_chips_say_why_it_fits),
	    cmocka_unit_test(test_content_height_grows_with_results),
	    cmocka_unit_test(test_no_results_is_never_an_empty_page),
	    cmocka_unit_test(test_detail_of_every_offer),
	    cmocka_unit_test(test_detail_phone_grouped_for_reading),
	    cmocka_unit_test(test_detail_with_long_texts),
	    cmocka_unit_test(test_overview_every_answer_in_one_tap),
	    cmocka_unit_test(test_overview_shows_the_current_answer),
	    cmocka_unit_test(test_english_everywhere),
	    cmocka_unit_test(test_catalogue_texts_in_english),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
