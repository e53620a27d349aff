/* test_slip.c — the printed slip: its layout on 58 and 80 mm receipts and
 * A6/A4 pages (inside the paper, black on white, QR modules and quiet zone,
 * the URL and phone whole, signup words without a URL, English), and the
 * whole chain with the real fonts: layout, SDL2_ttf raster, ESC/POS bytes,
 * the decoder tool, and zbarimg reading back exactly the signup URLs. An
 * Arabic slip: mirrored, its Arabic set shaped in Noto Sans Arabic inside
 * its boxes, a meeting's time left of its Arabic words, its code scanning. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bidi.h"
#include "bitmap.h"
#include "catalogue.h"
#include "escpos.h"
#include "import.h"
#include "qr.h"
#include "schedule.h"
#include "slip.h"
#include "slip_raster.h"
#include "test_support.h"
#include "text.h"
#include "translate.h"

#define FRAME_TEXT_BYTES (64u * 1024u)

typedef struct fixture {
	catalogue *items;
	translation *english;
	translation *arabic;
	draw_list *list;
	local_time today;
} fixture;

static int setup(void **state)
{
	fixture *fix = calloc(1, sizeof(*fix));
	assert_non_null(fix);
	char path[1024];
	import_report report;
	memset(&report, 0, sizeof(report));
	assert_int_equal(
	    import_read_file(test_source_path("data/catalogus.csv", path, sizeof(path)),
	                     &fix->items, &report),
	    STATUS_OK);
	import_report_free(&report);
	assert_int_equal(translate_load_file(KIOSK_BUILD_LOCALE_DIR "/en.mo", &fix->english),
	                 STATUS_OK);
	assert_int_equal(translate_load_file(KIOSK_BUILD_LOCALE_DIR "/ar.mo", &fix->arabic),
	                 STATUS_OK);
	fix->list = draw_list_create();
	assert_non_null(fix->list);
	assert_true(schedule_parse_local("2026-11-24T09:00", &fix->today));
	*state = fix;
	return 0;
}

static int teardown(void **state)
{
	fixture *fix = *state;
	draw_list_destroy(fix->list);
	translate_free(fix->english);
	translate_free(fix->arabic);
	catalogue_destroy(fix->items);
	free(fix);
	return 0;
}

static slip_offer offer_entry(const fixture *fix, const char *id)
{
	slip_offer entry;
	memset(&entry, 0, sizeof(entry));
	entry.item = catalogue_find(fix->items, id);
	assert_non_null(entry.item);
	entry.meeting_count =
	    schedule_next_meetings(&entry.item->schedule, fix->today, entry.meetings, 3);
	entry.walking_minutes = 7;
	return entry;
}

/* Offers with a signup URL, and ones without (phone, e-mail, walk in). */
static const char *const with_url[] = {"wandelen-met-buren-dinsdag", "beweegchallenge-diabetes",
                                       "online-diabetes"};
static const char *const without_url[] = {"diabetes-inloop", "beweegmaatje"};

static slip_content content_of(const fixture *fix, const char *const *ids, size_t count,
                               const translation *messages)
{
	slip_content content;
	memset(&content, 0, sizeof(content));
	content.centre_name = "Buurthuis De Kastanje";
	content.today = fix->today;
	content.messages = messages;
	for (size_t index = 0; index < count; index++) {
		content.offers[index] = offer_entry(fix, ids[index]);
	}
	content.offer_count = count;
	return content;
}

static int measure(const draw_measurer *measurer, const draw_command *command)
{
	draw_font face = command->kind == DRAW_ICON ? DRAW_FONT_ICON : command->font;
	return measurer->text_width(measurer->context, face, command->size, command->text,
	                            strlen(command->text));
}

static bool is_black(draw_color color)
{
	return color.red == 0 && color.green == 0 && color.blue == 0 && color.alpha == 255;
}

static bool is_white(draw_color color)
{
	return color.red == 255 && color.green == 255 && color.blue == 255 && color.alpha == 255;
}

/* Everything inside the paper (and its side margins), black on white, and
 * every QR code with modules of at least 0.5 mm and a white quiet zone.
 * Returns the number of QR codes. */
static size_t check_slip(const draw_list *list, const slip_paper *paper, int height,
                         const draw_measurer *measurer)
{
	int minimum_module = (int)ceil(SLIP_QR_MIN_MODULE_MM * paper->dots_per_mm);
	int left = paper->margin_dots;
	int right = paper->width_dots - paper->margin_dots;
	int top = paper->page ? paper->margin_dots : 0;
	int bottom = paper->page ? paper->height_dots - paper->margin_dots : height;
	size_t codes = 0;
	assert_true(draw_list_count(list) > 0);
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		draw_rect box = command->box;
		assert_true(box.x >= left && box.x + box.width <= right);
		assert_true(box.y >= top && box.y + box.height <= bottom);
		assert_true(is_black(command->color));
		switch (command->kind) {
		case DRAW_TEXT:
			assert_true(is_white(command->background));
			assert_true(measure(measurer, command) <= box.width);
			assert_true(measurer->line_height(measurer->context, command->font,
			                                  command->size) <= box.height);
			break;
		case DRAW_QR: {
			assert_true(is_white(command->background));
			int side = command->side;
			int module = box.width / side;
			assert_int_equal(box.width, module * side);
			assert_int_equal(box.height, module * side);
			assert_true(module >= minimum_module);
			for (int row = 0; row < side; row++) {
				for (int column = 0; column < side; column++) {
					bool quiet = row < QR_QUIET_ZONE ||
					             column < QR_QUIET_ZONE ||
					             row >= side - QR_QUIET_ZONE ||
					             column >= side - QR_QUIET_ZONE;
					if (quiet) {
						assert_int_equal(
						    command->modules[(size_t)row * (size_t)side +
						                     (size_t)column],
						    0);
					}
				}
			}
			codes++;
			break;
		}
		case DRAW_FILL: break;
		default: fail_msg("the slip drew command kind %d", (int)command->kind);
		}
	}
	return codes;
}

/* All the slip's text lines joined by `separator`: "" runs them together,
 * so a URL broken over lines reads whole; " " rejoins wrapped sentences. */
static const char *joined_text(const draw_list *list, char *out, size_t size, const char *separator)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind != DRAW_TEXT) {
			continue;
		}
		size_t length = strlen(command->text);
		size_t gap = used > 0 ? strlen(separator) : 0;
		assert_true(used + gap + length + 1 < size);
		memcpy(out + used, separator, gap);
		memcpy(out + used + gap, command->text, length + 1);
		used += gap + length;
	}
	return out;
}

/* Only the digits of `text`. */
static const char *digits_of(const char *text, char *out, size_t size)
{
	size_t used = 0;
	for (; *text && used + 1 < size; text++) {
		if (isdigit((unsigned char)*text)) {
			out[used++] = *text;
		}
	}
	out[used] = '\0';
	return out;
}

static void check_offer_words(const slip_offer *entry, const char *words, const char *runs,
                              const char *all_digits)
{
	const offer *item = entry->item;
	char phone_digits[64];
	assert_non_null(strstr(words, item->name));
	if (item->signup_url[0]) {
		assert_non_null(strstr(runs, item->signup_url));
	}
	if (item->email[0]) {
		assert_non_null(strstr(runs, item->email));
	}
	if (item->phone[0]) {
		assert_non_null(
		    strstr(all_digits, digits_of(item->phone, phone_digits, sizeof(phone_digits))));
	}
}

static void lay_out_and_check(fixture *fix, const slip_paper *paper, const char *const *ids,
                              size_t count)
{
	const draw_measurer *measurer = test_fake_measurer();
	slip_content content = content_of(fix, ids, count, NULL);
	int height = 0;
	assert_int_equal(slip_layout(&content, paper, measurer, fix->list, &height), STATUS_OK);
	if (paper->page) {
		assert_int_equal(height, paper->height_dots);
	} else {
		assert_true(height > 0 && height <= BITMAP_MAX_SIDE);
	}
	size_t codes = check_slip(fix->list, paper, height, measurer);
	size_t expected_codes = 0;
	char *joined = malloc(FRAME_TEXT_BYTES);
	char *runs = malloc(FRAME_TEXT_BYTES);
	char *all_digits = malloc(FRAME_TEXT_BYTES);
	assert_non_null(joined);
	assert_non_null(runs);
	assert_non_null(all_digits);
	joined_text(fix->list, joined, FRAME_TEXT_BYTES, " ");
	joined_text(fix->list, runs, FRAME_TEXT_BYTES, "");
	digits_of(runs, all_digits, FRAME_TEXT_BYTES);
	for (size_t index = 0; index < count; index++) {
		check_offer_words(&content.offers[index], joined, runs, all_digits);
		expected_codes += content.offers[index].item->signup_url[0] ? 1 : 0;
	}
	assert_int_equal(codes, expected_codes);
	assert_non_null(strstr(joined, "Buurthuis De Kastanje"));
	assert_non_null(strstr(joined, "dinsdag 24 november 2026"));
	assert_non_null(strstr(joined, "Van harte welkom"));
	free(all_digits);
	free(runs);
	free(joined);
}

static void test_one_and_three_offers_on_every_paper(void **state)
{
	fixture *fix = *state;
	slip_paper papers[] = {slip_paper_receipt_58(), slip_paper_receipt_80(), slip_paper_a4(),
	                       slip_paper_a6()};
	const char *const mixed[] = {with_url[0], without_url[0], with_url[1]};
	for (size_t index = 0; index < sizeof(papers) / sizeof(papers[0]); index++) {
		lay_out_and_check(fix, &papers[index], with_url, 1);
		lay_out_and_check(fix, &papers[index], without_url, 1);
		if (index < 3) { /* A6 is for one offer */
			lay_out_and_check(fix, &papers[index], with_url, 3);
			lay_out_and_check(fix, &papers[index], mixed, 3);
		}
	}
}

static void test_receipts_grow_and_pages_stay(void **state)
{
	fixture *fix = *state;
	const draw_measurer *measurer = test_fake_measurer();
	slip_paper receipt = slip_paper_receipt_58();
	slip_content one = content_of(fix, with_url, 1, NULL);
	slip_content three = content_of(fix, with_url, 3, NULL);
	int height_one = 0, height_three = 0;
	assert_int_equal(slip_layout(&one, &receipt, measurer, fix->list, &height_one), STATUS_OK);
	assert_int_equal(slip_layout(&three, &receipt, measurer, fix->list, &height_three),
	                 STATUS_OK);
	assert_true(height_three > 2 * height_one);
	/* The narrower receipt is longer for the same offer. */
	slip_paper wide = slip_paper_receipt_80();
	int height_wide = 0;
	assert_int_equal(slip_layout(&one, &wide, measurer, fix->list, &height_wide), STATUS_OK);
	assert_true(height_wide < height_one);
}

static void test_signup_words_without_url(void **state)
{
	fixture *fix = *state;
	const draw_measurer *measurer = test_fake_measurer();
	slip_paper paper = slip_paper_receipt_58();
	char joined[FRAME_TEXT_BYTES / 4];
	int height = 0;

	/* Walk-in with a phone and e-mail: walk in; call or mail with a question. */
	slip_content drop_in = content_of(fix, &without_url[0], 1, NULL);
	assert_int_equal(slip_layout(&drop_in, &paper, measurer, fix->list, &height), STATUS_OK);
	assert_int_equal(check_slip(fix->list, &paper, height, measurer), 0);
	joined_text(fix->list, joined, sizeof(joined), " ");
	assert_non_null(strstr(joined, "U hoeft zich niet aan te melden: loop gewoon binnen."));
	assert_non_null(
	    strstr(joined, "Heeft u een vraag? Bel 030\u00a0-\u00a0200\u00a041\u00a017."));
	assert_non_null(strstr(joined, "U kunt ook mailen naar"));
	joined_text(fix->list, joined, sizeof(joined), "");
	assert_non_null(strstr(joined, drop_in.offers[0].item->email));

	/* By appointment with a phone only: call to sign up. */
	slip_content appointment = content_of(fix, &without_url[1], 1, NULL);
	assert_int_equal(slip_layout(&appointment, &paper, measurer, fix->list, &height),
	                 STATUS_OK);
	joined_text(fix->list, joined, sizeof(joined), " ");
	assert_non_null(
	    strstr(joined, "Bel 030\u00a0-\u00a0200\u00a041\u00a012 om u aan te melden."));
	assert_null(strstr(joined, "loop gewoon binnen"));
}

static void test_english_slip_is_english(void **state)
{
	fixture *fix = *state;
	const draw_measurer *measurer = test_fake_measurer();
	slip_paper paper = slip_paper_receipt_80();
	const char *const mixed[] = {with_url[0], without_url[0], without_url[1]};
	slip_content content = content_of(fix, mixed, 3, fix->english);
	int height = 0;
	assert_int_equal(slip_layout(&content, &paper, measurer, fix->list, &height), STATUS_OK);
	char *joined = malloc(FRAME_TEXT_BYTES);
	assert_non_null(joined);
	joined_text(fix->list, joined, FRAME_TEXT_BYTES, " ");
	/* The slip's own words, translated (without a language code the offers'
	 * texts stay as written). */
	static const char *const dutch[] = {"Wanneer",   "Waar",          "Aanmelden",
	                                    "Van harte", "minuten lopen", "dinsdag 24 november",
	                                    " uur",      "Bel "};
	for (size_t index = 0; index < sizeof(dutch) / sizeof(dutch[0]); index++) {
		if (strstr(joined, dutch[index]) != NULL) {
			fail_msg("Dutch \"%s\" on the English slip", dutch[index]);
		}
	}
	static const char *const english[] = {"When", "Where", "Sign up",
	                                      "Tuesday 24 November 2026", "minutes on foot from"};
	for (size_t index = 0; index < sizeof(english) / sizeof(english[0]); index++) {
		if (strstr(joined, english[index]) == NULL) {
			fail_msg("no \"%s\" on the English slip", english[index]);
		}
	}
	free(joined);
}

/* With the resident's language code the offers' names and schedule texts
 * come from the catalogue's translation columns where filled in. */
static void test_offer_texts_in_the_residents_language(void **state)
{
	fixture *fix = *state;
	const draw_measurer *measurer = test_fake_measurer();
	slip_paper paper = slip_paper_receipt_80();
	const char *const ids[] = {"diabetes-inloop", "luisterlijn-noord", "beweegmaatje"};
	slip_content content = content_of(fix, ids, 3, fix->english);
	/* The listening line meets whenever you call: its schedule text shows. */
	assert_int_equal(content.offers[1].meeting_count, 0);
	char *joined = malloc(FRAME_TEXT_BYTES);
	assert_non_null(joined);
	int height = 0;

	content.language_code = "en";
	assert_int_equal(slip_layout(&content, &paper, measurer, fix->list, &height), STATUS_OK);
	joined_text(fix->list, joined, FRAME_TEXT_BYTES, " ");
	assert_non_null(strstr(joined, "Diabetes drop-in De Kastanje"));
	assert_non_null(strstr(joined, "Listening line Utrecht North"));
	assert_non_null(strstr(joined, "Available day and night, also at weekends."));
	assert_null(strstr(joined, "Diabetes Inloop De Kastanje"));
	assert_null(strstr(joined, "Dag en nacht bereikbaar"));
	/* No English name: the Dutch one. */
	const char *buddy = content.offers[2].item->name;
	assert_string_equal(catalogue_offer_translation(content.offers[2].item, FIELD_NAME_EN), "");
	assert_non_null(strstr(joined, buddy));

	content.language_code = "tr";
	assert_int_equal(slip_layout(&content, &paper, measurer, fix->list, &height), STATUS_OK);
	joined_text(fix->list, joined, FRAME_TEXT_BYTES, " ");
	assert_non_null(strstr(joined, "Diyabet buluşması De Kastanje"));
	assert_non_null(strstr(joined, "Luisterlijn Utrecht Noord"));
	assert_non_null(strstr(joined, "Dag en nacht bereikbaar"));

	content.language_code = NULL;
	assert_int_equal(slip_layout(&content, &paper, measurer, fix->list, &height), STATUS_OK);
	joined_text(fix->list, joined, FRAME_TEXT_BYTES, " ");
	assert_non_null(strstr(joined, "Diabetes Inloop De Kastanje"));
	assert_null(strstr(joined, "Diabetes drop-in"));
	free(joined);
}

static void test_refused_arguments(void **state)
{
	fixture *fix = *state;
	const draw_measurer *measurer = test_fake_measurer();
	slip_paper paper = slip_paper_receipt_58();
	slip_content content = content_of(fix, with_url, 1, NULL);
	int height = 0;
	content.offer_count = 0;
	assert_int_equal(slip_layout(&content, &paper, measurer, fix->list, &height), STATUS_USAGE);
	content.offer_count = SLIP_MAX_OFFERS + 1;
	assert_int_equal(slip_layout(&content, &paper, measurer, fix->list, &height), STATUS_USAGE);
	content.offer_count = 2; /* the second has no offer */
	assert_int_equal(slip_layout(&content, &paper, measurer, fix->list, &height), STATUS_USAGE);
	content.offer_count = 1;
	slip_paper narrow = paper;
	narrow.width_dots = 150;
	assert_int_equal(slip_layout(&content, &narrow, measurer, fix->list, &height),
	                 STATUS_USAGE);
	assert_int_equal(slip_layout(NULL, &paper, measurer, fix->list, &height), STATUS_USAGE);
	assert_int_equal(slip_layout(&content, &paper, NULL, fix->list, &height), STATUS_USAGE);

	/* A page too small for three offers even at the smallest text. */
	slip_paper tiny = slip_paper_a6();
	tiny.height_dots = 400;
	slip_content three = content_of(fix, with_url, 3, NULL);
	assert_int_equal(slip_layout(&three, &tiny, measurer, fix->list, &height),
	                 STATUS_TOO_LARGE);
	assert_int_equal(draw_list_count(fix->list), 0);
}

static void test_papers(void **state)
{
	(void)state;
	slip_paper paper;
	assert_true(slip_paper_from_name("58mm", &paper));
	assert_int_equal(paper.width_dots, 384);
	assert_false(paper.page);
	assert_true(slip_paper_from_name("80MM", &paper));
	assert_int_equal(paper.width_dots, 576);
	assert_true(slip_paper_from_name("A4", &paper));
	assert_int_equal(paper.width_dots, 2480);
	assert_int_equal(paper.height_dots, 3508);
	assert_true(paper.page);
	assert_true(slip_paper_from_name("a6", &paper));
	assert_int_equal(paper.width_dots, 1240);
	assert_false(slip_paper_from_name("a5", &paper));
	assert_int_equal(paper.width_dots, 1240);
	assert_false(slip_paper_from_name("", &paper));
}

static void test_notice_slip(void **state)
{
	fixture *fix = *state;
	const draw_measurer *measurer = test_fake_measurer();
	slip_paper paper = slip_paper_receipt_58();
	int height = 0;
	const char *body = "Printer: escpos:/dev/usb/lp0\nPapier: 58mm\n\nTaal: nl "
	                   "en een heel lange regel die over meer regels moet worden verdeeld";
	assert_int_equal(
	    slip_layout_notice("Testafdruk", body, &paper, measurer, fix->list, &height),
	    STATUS_OK);
	assert_int_equal(check_slip(fix->list, &paper, height, measurer), 0);
	char joined[4096];
	joined_text(fix->list, joined, sizeof(joined), " ");
	assert_non_null(strstr(joined, "Testafdruk"));
	assert_non_null(strstr(joined, "escpos:/dev/usb/lp0"));
	assert_non_null(strstr(joined, "Papier: 58mm"));
}

/* ---- The whole chain, with the real fonts ------------------------------- */

static slip_raster *make_raster(void)
{
	const char *fonts = KIOSK_SOURCE_FONTS_DIR;
	char paths[DRAW_FONT_COUNT][1024];
	static const char *const files[DRAW_FONT_COUNT] = {"AtkinsonHyperlegible-Regular.ttf",
	                                                   "AtkinsonHyperlegible-Bold.ttf",
	                                                   "MaterialIcons-Regular.ttf"};
	const char *pointers[DRAW_FONT_COUNT];
	for (int index = 0; index < DRAW_FONT_COUNT; index++) {
		assert_true(
		    text_format(paths[index], sizeof(paths[index]), "%s/%s", fonts, files[index]));
		pointers[index] = paths[index];
	}
	slip_raster *raster = NULL;
	status result = slip_raster_create(pointers, &raster);
	if (result != STATUS_OK) {
		fail_msg("slip_raster_create: %s", slip_raster_last_error(NULL));
	}
	return raster;
}

/* A rasteriser with the Arabic faces too, as print_slip opens it. */
static slip_raster *make_arabic_raster(void)
{
	slip_raster *raster = make_raster();
	char regular[1024], bold[1024];
	status result = slip_raster_load_arabic_faces(
	    raster, test_source_path("fonts/NotoSansArabic-Regular.ttf", regular, sizeof(regular)),
	    test_source_path("fonts/NotoSansArabic-Bold.ttf", bold, sizeof(bold)));
	if (result != STATUS_OK) {
		fail_msg("slip_raster_load_arabic_faces: %s", slip_raster_last_error(raster));
	}
	return raster;
}

/* Runs `command`, collecting its standard output; returns its exit status. */
static int run_capture(const char *command, char *out, size_t size)
{
	FILE *pipe = popen(command, "r");
	assert_non_null(pipe);
	size_t used = fread(out, 1, size - 1, pipe);
	out[used] = '\0';
	int result = pclose(pipe);
	assert_true(WIFEXITED(result));
	return WEXITSTATUS(result);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the codes in `image_path` and checks they are exactly `urls`. */
static void check_codes(const char *image_path, const char *const *urls, size_t count)
{
	char command[2048];
	assert_true(
	    text_format(command, sizeof(command), "zbarimg -q --raw --nodbus '%s'", image_path));
	char output[8192];
	int result = run_capture(command, output, sizeof(output));
	if (result != 0) {
		fail_msg("zbarimg read no code in %s (exit %d)", image_path, result);
	}
	const char *found[16];
	size_t found_count = 0;
	char *position = output;
	while (*position && found_count < 16) {
		char *end = strchr(position, '\n');
		if (end != NULL) {
			*end = '\0';
		}
		if (*position) {
			found[found_count++] = position;
		}
		if (end == NULL) {
			break;
		}
		position = end + 1;
	}
	const char *expected[SLIP_MAX_OFFERS];
	for (size_t index = 0; index < count; index++) {
		expected[index] = urls[index];
	}
	qsort(found, found_count, sizeof(found[0]), compare_strings);
	qsort(expected, count, sizeof(expected[0]), compare_strings);
	if (found_count != count) {
		fail_msg("zbarimg found %zu codes in %s, expected %zu", found_count, image_path,
		         count);
	}
	for (size_t index = 0; index < count; index++) {
		assert_string_equal(found[index], expected[index]);
	}
}

/* No dot of the image lies in the paper's side margins. */
static void check_margins_white(const bitmap *image, const slip_paper *paper)
{
	for (int y = 0; y < image->height; y++) {
		for (int x = 0; x < paper->margin_dots; x++) {
			assert_false(bitmap_get(image, x, y));
			assert_false(bitmap_get(image, image->width - 1 - x, y));
		}
	}
}

static void print_and_read(fixture *fix, slip_raster *raster, const slip_paper *paper,
                           const char *const *ids, size_t count, const char *directory,
                           const translation *messages, const char *language_code)
{
	slip_content content = content_of(fix, ids, count, messages);
	content.language_code = language_code;
	/* As print_slip's job does: measured in the slip's direction. */
	slip_raster_set_right_to_left(raster, translate_is_right_to_left(messages));
	int height = 0;
	assert_int_equal(
	    slip_layout(&content, paper, slip_raster_measurer(raster), fix->list, &height),
	    STATUS_OK);
	(void)check_slip(fix->list, paper, height, slip_raster_measurer(raster));
	bitmap image;
	status rendered = slip_raster_render(raster, fix->list, paper->width_dots, height, &image);
	if (rendered != STATUS_OK) {
		fail_msg("slip_raster_render: %s", slip_raster_last_error(raster));
	}
	assert_int_equal(image.width, paper->width_dots);
	assert_int_equal(image.height, height);
	check_margins_white(&image, paper);

	text_buffer bytes = {0};
	assert_int_equal(escpos_encode_slip(&image, paper->width_dots, &bytes), STATUS_OK);
	char job[1200], picture[1200];
	const char *language = language_code != NULL ? language_code : "nl";
	assert_true(text_format(job, sizeof(job), "%s/%s-%s-%zu.bin", directory, paper->name,
	                        language, count));
	assert_true(text_format(picture, sizeof(picture), "%s/%s-%s-%zu.bmp", directory,
	                        paper->name, language, count));
	test_write_file(job, bytes.data, bytes.length);
	const char *decoder = getenv("KIOSK_ESCPOS_DECODE");
	assert_non_null(decoder);
	char command[4096], summary[256];
	assert_true(text_format(command, sizeof(command), "'%s' '%s' '%s'", decoder, job, picture));
	assert_int_equal(run_capture(command, summary, sizeof(summary)), 0);
	int width = 0, lines = 0;
	assert_int_equal(sscanf(summary, "width %d height %d", &width, &lines), 2);
	assert_int_equal(width, paper->width_dots);
	assert_true(lines >= height);

	const char *urls[SLIP_MAX_OFFERS];
	for (size_t index = 0; index < count; index++) {
		urls[index] = content.offers[index].item->signup_url;
	}
	check_codes(picture, urls, count);
	text_buffer_free(&bytes);
	bitmap_free(&image);
}

static void test_chain_receipts_scan(void **state)
{
	fixture *fix = *state;
	setenv("SDL_VIDEODRIVER", "offscreen", 0);
	char directory[1024];
	test_make_temp_dir(directory, sizeof(directory));
	slip_raster *raster = make_arabic_raster();
	slip_paper papers[] = {slip_paper_receipt_58(), slip_paper_receipt_80()};
	for (size_t index = 0; index < 2; index++) {
		print_and_read(fix, raster, &papers[index], with_url, 1, directory, NULL, NULL);
		print_and_read(fix, raster, &papers[index], with_url, 3, directory, NULL, NULL);
		/* Arabic, mirrored, its code whole through ESC/POS. */
		print_and_read(fix, raster, &papers[index], with_url, 1, directory, fix->arabic,
		               "ar");
		print_and_read(fix, raster, &papers[index], with_url, 3, directory, fix->arabic,
		               "ar");
	}
	slip_raster_destroy(raster);
	test_remove_tree(directory);
}

/* A4 goes to office printers (not ESC/POS): the page's bitmap as a PBM. */
static void test_chain_a4_page_scans(void **state)
{
	fixture *fix = *state;
	char directory[1024], path[1200];
	test_make_temp_dir(directory, sizeof(directory));
	slip_raster *raster = make_raster();
	slip_paper paper = slip_paper_a4();
	slip_content content = content_of(fix, with_url, 3, NULL);
	int height = 0;
	assert_int_equal(
	    slip_layout(&content, &paper, slip_raster_measurer(raster), fix->list, &height),
	    STATUS_OK);
	bitmap image;
	assert_int_equal(slip_raster_render(raster, fix->list, paper.width_dots, height, &image),
	                 STATUS_OK);
	assert_int_equal(image.height, paper.height_dots);
	check_margins_white(&image, &paper);
	text_buffer pbm = {0};
	assert_int_equal(text_buffer_append_format(&pbm, "P4\n%d %d\n", image.width, image.height),
	                 STATUS_OK);
	assert_int_equal(
	    text_buffer_append(&pbm, (const char *)image.bits, image.stride * (size_t)image.height),
	    STATUS_OK);
	assert_true(text_format(path, sizeof(path), "%s/a4.pbm", directory));
	test_write_file(path, pbm.data, pbm.length);
	const char *urls[3] = {content.offers[0].item->signup_url,
	                       content.offers[1].item->signup_url,
	                       content.offers[2].item->signup_url};
	check_codes(path, urls, 3);
	text_buffer_free(&pbm);
	bitmap_free(&image);
	slip_raster_destroy(raster);
	test_remove_tree(directory);
}

/* ---- Arabic --------------------------------------------------------------- */

#define BEH "\xD8\xA8" /* ب */

static const draw_color black = {0, 0, 0, 255};
static const draw_color white = {255, 255, 255, 255};

/* Lays out the slip of the walk (an Arabic name, a meeting at 10:00, a
 * signup link) in `messages`'s language on `paper` with the real fonts,
 * measured as print_slip measures it, and renders it into `image`. */
static void lay_out_walk(fixture *fix, slip_raster *raster, const slip_paper *paper,
                         const translation *messages, const char *language_code, bitmap *image)
{
	slip_content content = content_of(fix, with_url, 1, messages);
	content.language_code = language_code;
	slip_raster_set_right_to_left(raster, translate_is_right_to_left(messages));
	int height = 0;
	assert_int_equal(
	    slip_layout(&content, paper, slip_raster_measurer(raster), fix->list, &height),
	    STATUS_OK);
	(void)check_slip(fix->list, paper, height, slip_raster_measurer(raster));
	status rendered = slip_raster_render(raster, fix->list, paper->width_dots, height, image);
	if (rendered != STATUS_OK) {
		fail_msg("slip_raster_render: %s", slip_raster_last_error(raster));
	}
}

static int width_in(slip_raster *raster, draw_font face, int size, const char *text)
{
	const draw_measurer *measurer = slip_raster_measurer(raster);
	return measurer->text_width(measurer->context, face, size, text, strlen(text));
}

/* Where the black dots inside `box` are: columns and rows of the first and
 * last, and how many. */
typedef struct ink_extent {
	int left, right, top, bottom;
	int count;
} ink_extent;

static ink_extent ink_in(const bitmap *image, draw_rect box)
{
	ink_extent found = {box.x + box.width, box.x - 1, box.y + box.height, box.y - 1, 0};
	for (int y = box.y; y < box.y + box.height; y++) {
		for (int x = box.x; x < box.x + box.width; x++) {
			if (!bitmap_get(image, x, y)) {
				continue;
			}
			found.left = x < found.left ? x : found.left;
			found.right = x > found.right ? x : found.right;
			found.top = y < found.top ? y : found.top;
			found.bottom = y > found.bottom ? y : found.bottom;
			found.count++;
		}
	}
	return found;
}

/* Which of `width` columns from `x` have a black dot in the rows of `box`. */
static void ink_columns(const bitmap *image, draw_rect box, int x, int width, bool *columns)
{
	for (int column = 0; column < width; column++) {
		columns[column] = false;
		for (int y = box.y; y < box.y + box.height && !columns[column]; y++) {
			columns[column] = bitmap_get(image, x + column, y);
		}
	}
}

/* One line alone, right to left, at the start of `box`, rendered into an
 * image of the given size. */
static void render_line_alone(slip_raster *raster, draw_rect box, const char *text, size_t length,
                              int size, int width, int height, bitmap *image)
{
	draw_list *list = draw_list_create();
	assert_non_null(list);
	draw_list_set_right_to_left(list, true);
	draw_text_line(list, box, text, length, DRAW_FONT_TEXT, size, black, white,
	               DRAW_ALIGN_START);
	assert_int_equal(slip_raster_render(raster, list, width, height, image), STATUS_OK);
	draw_list_destroy(list);
}

/* The Arabic name is set in the Arabic faces, shaped, whole inside its box
 * and against the right edge; the whole slip is the mirror image of the
 * Dutch one (every line that starts at the left in Dutch starts at the
 * right). */
static void test_arabic_slip_is_shaped_and_mirrored(void **state)
{
	fixture *fix = *state;
	slip_raster *raster = make_arabic_raster();
	slip_paper paper = slip_paper_receipt_80();
	const char *name = catalogue_offer_text_in_language(catalogue_find(fix->items, with_url[0]),
	                                                    FIELD_NAME, "ar");
	assert_true(bidi_has_arabic(name, strlen(name)));

	bitmap dutch;
	lay_out_walk(fix, raster, &paper, NULL, NULL, &dutch);
	assert_false(draw_list_is_right_to_left(fix->list));
	const char *dutch_name = catalogue_find(fix->items, with_url[0])->name;
	const draw_command *title = NULL;
	for (size_t index = 0; index < draw_list_count(fix->list) && title == NULL; index++) {
		const draw_command *command = draw_list_at(fix->list, index);
		if (command->kind == DRAW_TEXT && command->font == DRAW_FONT_BOLD &&
		    strncmp(dutch_name, command->text, strlen(command->text)) == 0) {
			title = command;
		}
	}
	assert_non_null(title);
	assert_int_equal(title->align, DRAW_ALIGN_START);
	ink_extent dutch_title = ink_in(&dutch, title->box);
	assert_true(dutch_title.count > 100);
	assert_true(dutch_title.left <= title->box.x + title->size / 3);
	bitmap_free(&dutch);

	bitmap image;
	lay_out_walk(fix, raster, &paper, fix->arabic, "ar", &image);
	assert_true(draw_list_is_right_to_left(fix->list));
	size_t name_lines = 0;
	for (size_t index = 0; index < draw_list_count(fix->list); index++) {
		const draw_command *command = draw_list_at(fix->list, index);
		if (command->kind != DRAW_TEXT) {
			continue;
		}
		/* Mirrored: nothing starts at the left any more. */
		assert_int_not_equal(command->align, DRAW_ALIGN_START);
		if (command->font != DRAW_FONT_BOLD || strstr(name, command->text) == NULL ||
		    !bidi_has_arabic(command->text, strlen(command->text))) {
			continue;
		}
		name_lines++;
		draw_rect box = command->box;
		int width = width_in(raster, command->font, command->size, command->text);
		ink_extent found = ink_in(&image, box);
		assert_true(found.count > 100);
		/* Whole: the line box is tall enough that no mark touches its
		 * top or bottom, so nothing was cut off. */
		assert_true(found.top > box.y);
		assert_true(found.bottom < box.y + box.height - 1);
		/* As wide as measured, give or take the side bearings, and at
		 * the right. */
		int ink_width = found.right + 1 - found.left;
		assert_true(ink_width <= width);
		assert_true(ink_width >= width - command->size / 3);
		assert_true(found.right >= box.x + box.width - 1 - command->size / 3);
	}
	assert_true(name_lines >= 1);
	bitmap_free(&image);

	/* Shaped in the Arabic face: three joined behs are narrower than three
	 * on their own, and the name is not as wide as the reading face's
	 * boxes for letters it does not have. */
	slip_raster_set_right_to_left(raster, true);
	assert_true(width_in(raster, DRAW_FONT_TEXT, 40, BEH BEH BEH) <
	            3 * width_in(raster, DRAW_FONT_TEXT, 40, BEH));
	slip_raster *latin_only = make_raster();
	slip_raster_set_right_to_left(latin_only, true);
	assert_int_not_equal(width_in(raster, DRAW_FONT_BOLD, 40, name),
	                     width_in(latin_only, DRAW_FONT_BOLD, 40, name));
	slip_raster_destroy(latin_only);
	slip_raster_destroy(raster);
}

/* "الثلاثاء 24 نوفمبر، 10:00": on the slip the time is drawn left of the
 * Arabic words (the line's left part has the dots of "10:00" drawn alone,
 * its right part those of the words drawn alone). */
static void test_arabic_meeting_time_left_of_the_words(void **state)
{
	fixture *fix = *state;
	slip_raster *raster = make_arabic_raster();
	slip_paper paper = slip_paper_receipt_80();
	bitmap image;
	lay_out_walk(fix, raster, &paper, fix->arabic, "ar", &image);
	const draw_command *meeting_line = NULL;
	for (size_t index = 0; index < draw_list_count(fix->list) && meeting_line == NULL;
	     index++) {
		const draw_command *command = draw_list_at(fix->list, index);
		if (command->kind == DRAW_TEXT && strstr(command->text, "10:00") != NULL) {
			meeting_line = command;
		}
	}
	assert_non_null(meeting_line);
	const char *text = meeting_line->text;
	size_t length = strlen(text);
	assert_true(bidi_has_arabic(text, length));
	assert_true(length > 5 && strcmp(text + length - 5, "10:00") == 0);
	assert_int_equal(meeting_line->align, DRAW_ALIGN_END);

	/* The line, the time and the words before it, as measured. */
	int size = meeting_line->size;
	char words[256];
	assert_true(length - 5 < sizeof(words));
	memcpy(words, text, length - 5);
	words[length - 5] = '\0';
	int line_width = width_in(raster, DRAW_FONT_TEXT, size, text);
	int time_width = width_in(raster, DRAW_FONT_TEXT, size, "10:00");
	int words_width = width_in(raster, DRAW_FONT_TEXT, size, words);
	assert_int_equal(line_width, time_width + words_width);

	draw_rect box = meeting_line->box;
	int x = box.x + box.width - line_width; /* aligned to the right */
	bool *line = calloc((size_t)line_width, sizeof(*line));
	bool *time = calloc((size_t)time_width, sizeof(*time));
	bool *alone = calloc((size_t)words_width, sizeof(*alone));
	assert_true(line != NULL && time != NULL && alone != NULL);
	ink_columns(&image, box, x, line_width, line);

	bitmap part;
	draw_rect time_box = {x, box.y, time_width, box.height};
	render_line_alone(raster, time_box, "10:00", 5, size, image.width, image.height, &part);
	ink_columns(&part, box, x, time_width, time);
	bitmap_free(&part);
	draw_rect words_box = {x + time_width, box.y, words_width, box.height};
	render_line_alone(raster, words_box, words, strlen(words), size, image.width, image.height,
	                  &part);
	ink_columns(&part, box, x + time_width, words_width, alone);
	assert_true(ink_in(&part, words_box).count > 100);
	bitmap_free(&part);

	int inked_time_columns = 0;
	for (int column = 0; column < time_width; column++) {
		assert_int_equal(line[column], time[column]);
		inked_time_columns += time[column];
	}
	assert_true(inked_time_columns > time_width / 2);
	for (int column = 0; column < words_width; column++) {
		assert_int_equal(line[time_width + column], alone[column]);
	}
	free(line);
	free(time);
	free(alone);
	bitmap_free(&image);
	slip_raster_destroy(raster);
}

/* Writes a bitmap as a PBM file zbarimg can read. */
static void write_pbm(const bitmap *image, const char *path)
{
	text_buffer pbm = {0};
	assert_int_equal(
	    text_buffer_append_format(&pbm, "P4\n%d %d\n", image->width, image->height), STATUS_OK);
	assert_int_equal(text_buffer_append(&pbm, (const char *)image->bits,
	                                    image->stride * (size_t)image->height),
	                 STATUS_OK);
	test_write_file(path, pbm.data, pbm.length);
	text_buffer_free(&pbm);
}

static const draw_command *first_code(const draw_list *list)
{
	for (size_t index = 0; index < draw_list_count(list); index++) {
		if (draw_list_at(list, index)->kind == DRAW_QR) {
			return draw_list_at(list, index);
		}
	}
	fail_msg("no QR code on the slip");
	return NULL;
}

/* A page sets the code beside the details: on the right in Dutch, on the
 * left in Arabic, where it still scans. */
static void test_arabic_page_has_its_code_on_the_left(void **state)
{
	fixture *fix = *state;
	char directory[1024], path[1200];
	test_make_temp_dir(directory, sizeof(directory));
	slip_raster *raster = make_arabic_raster();
	slip_paper paper = slip_paper_a4();
	bitmap image;
	lay_out_walk(fix, raster, &paper, NULL, NULL, &image);
	draw_rect dutch = first_code(fix->list)->box;
	assert_true(dutch.x > paper.width_dots / 2);
	bitmap_free(&image);

	lay_out_walk(fix, raster, &paper, fix->arabic, "ar", &image);
	draw_rect arabic = first_code(fix->list)->box;
	assert_true(arabic.x + arabic.width < paper.width_dots / 2);
	check_margins_white(&image, &paper);
	assert_true(text_format(path, sizeof(path), "%s/a4-ar.pbm", directory));
	write_pbm(&image, path);
	const char *urls[1] = {catalogue_find(fix->items, with_url[0])->signup_url};
	check_codes(path, urls, 1);
	bitmap_free(&image);
	slip_raster_destroy(raster);
	test_remove_tree(directory);
}

/* The Arabic faces change nothing on a Dutch slip: the same dots. */
static void test_dutch_slip_is_the_same_with_the_arabic_faces(void **state)
{
	fixture *fix = *state;
	slip_raster *plain = make_raster();
	slip_raster *arabic = make_arabic_raster();
	slip_paper paper = slip_paper_receipt_58();
	const char *const mixed[] = {with_url[0], without_url[0], with_url[1]};
	slip_content content = content_of(fix, mixed, 3, NULL);
	bitmap images[2];
	slip_raster *rasters[2] = {plain, arabic};
	for (size_t index = 0; index < 2; index++) {
		int height = 0;
		assert_int_equal(slip_layout(&content, &paper, slip_raster_measurer(rasters[index]),
		                             fix->list, &height),
		                 STATUS_OK);
		assert_int_equal(slip_raster_render(rasters[index], fix->list, paper.width_dots,
		                                    height, &images[index]),
		                 STATUS_OK);
	}
	assert_int_equal(images[0].height, images[1].height);
	assert_memory_equal(images[0].bits, images[1].bits,
	                    images[0].stride * (size_t)images[0].height);
	bitmap_free(&images[0]);
	bitmap_free(&images[1]);
	slip_raster_destroy(plain);
	slip_raster_destroy(arabic);
}

static void test_raster_refusals(void **state)
{
	fixture *fix = *state;
	slip_raster *raster = make_raster();
	bitmap image;
	assert_int_equal(slip_raster_render(raster, fix->list, 0, 10, &image), STATUS_INVALID);
	assert_null(image.bits);
	draw_list *list = draw_list_create();
	assert_non_null(list);
	const uint8_t modules[25] = {1};
	draw_rect box = {0, 0, 4, 4};
	draw_qr(list, box, modules, 5, (draw_color){0, 0, 0, 255},
	        (draw_color){255, 255, 255, 255});
	assert_int_equal(slip_raster_render(raster, list, 100, 100, &image), STATUS_INVALID);
	assert_null(image.bits);
	draw_list_destroy(list);
	slip_raster_destroy(raster);

	const char *missing[DRAW_FONT_COUNT] = {"/nonexistent/a.ttf", "/nonexistent/b.ttf",
	                                        "/nonexistent/c.ttf"};
	slip_raster *none = NULL;
	assert_int_equal(slip_raster_create(missing, &none), STATUS_NOT_FOUND);
	assert_null(none);
	assert_true(slip_raster_last_error(NULL)[0] != '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_and_three_offers_on_every_paper),
	    cmocka_unit_test(test_receipts_grow_and_pages_stay),
	    cmocka_unit_test(test_signup_words_without_url),
	    cmocka_unit_test(test_english_slip_is_english),
	    cmocka_unit_test(test_offer_texts_in_the_residents_language),
	    cmocka_unit_test(test_refused_arguments),
	    cmocka_unit_test(test_papers),
	    cmocka_unit_test(test_notice_slip),
	    cmocka_unit_test(test_chain_receipts_scan),
	    cmocka_unit_test(test_chain_a4_page_scans),
	    cmocka_unit_test(test_arabic_slip_is_shaped_and_mirrored),
	    cmocka_unit_test(test_arabic_meeting_time_left_of_the_words),
	    cmocka_unit_test(test_arabic_page_has_its_code_on_the_left),
	    cmocka_unit_test(test_dutch_slip_is_the_same_with_the_arabic_faces),
	    cmocka_unit_test(test_raster_refusals),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
