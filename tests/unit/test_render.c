/* test_render.c — the renderer on SDL's offscreen driver, judged by its
 * screenshots: fills, frames and clips land on the right pixels, text stays
 * in its box and is as wide as the measurer says, icon names become one
 * glyph, a drawn QR code scans, and an unchanged frame renders no text;
 * Arabic is shaped in its own face, mixed lines are drawn in bidi order and
 * Latin text is the same as before. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bidi.h"
#include "draw.h"
#include "platform.h"
#include "qr.h"
#include "render.h"

#define WINDOW_WIDTH  800
#define WINDOW_HEIGHT 600

static const draw_color black = {0, 0, 0, 255};
static const draw_color white = {255, 255, 255, 255};
static const draw_color red = {200, 30, 40, 255};
static const draw_color blue = {20, 60, 180, 255};
static const draw_color green = {10, 120, 50, 255};

typedef struct fixture {
	platform *window;
	renderer *renderer;
	draw_list *list;
	char directory[512];
	char screenshot[600];
	SDL_Surface *pixels; /* the last screenshot, RGBA32 */
} fixture;

static void font_paths(render_font_paths *paths, char storage[DRAW_FONT_COUNT][512])
{
	static const char *const names[DRAW_FONT_COUNT] = {"fonts/AtkinsonHyperlegible-Regular.ttf",
	                                                   "fonts/AtkinsonHyperlegible-Bold.ttf",
	                                                   "fonts/MaterialIcons-Regular.ttf"};
	for (int face = 0; face < DRAW_FONT_COUNT; face++)
		paths->files[face] = test_source_path(names[face], storage[face], 512);
}

static int set_up(void **state)
{
	assert_int_equal(setenv("SDL_VIDEODRIVER", "offscreen", 1), 0);
	assert_int_equal(setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 1), 0);
	fixture *self = calloc(1, sizeof *self);
	assert_non_null(self);
	platform_options options = {
	    .windowed = true, .width = WINDOW_WIDTH, .height = WINDOW_HEIGHT, .title = "test"};
	if (platform_open(&options, &self->window) != STATUS_OK) {
		fprintf(stderr, "platform_open: %s\n", platform_last_error());
		return -1;
	}
	render_font_paths paths;
	char storage[DRAW_FONT_COUNT][512];
	font_paths(&paths, storage);
	if (render_create(platform_window(self->window), &paths, &self->renderer) != STATUS_OK) {
		fprintf(stderr, "render_create: %s\n", render_last_error(NULL));
		return -1;
	}
	self->list = draw_list_create();
	assert_non_null(self->list);
	test_make_temp_dir(self->directory, sizeof self->directory);
	snprintf(self->screenshot, sizeof self->screenshot, "%s/frame.bmp", self->directory);
	*state = self;
	return 0;
}

static int tear_down(void **state)
{
	fixture *self = *state;
	SDL_FreeSurface(self->pixels);
	draw_list_destroy(self->list);
	render_destroy(self->renderer);
	platform_close(self->window);
	test_remove_tree(self->directory);
	free(self);
	return 0;
}

/* Draws the list, takes a screenshot through the BMP file and loads it. */
static void draw_and_capture(fixture *self)
{
	assert_int_equal(draw_list_status(self->list), STATUS_OK);
	assert_int_equal(render_draw(self->renderer, self->list), STATUS_OK);
	assert_int_equal(render_screenshot_bmp(self->renderer, self->screenshot), STATUS_OK);
	render_present(self->renderer);
	char temporary[700];
	snprintf(temporary, sizeof temporary, "%s.tmp", self->screenshot);
	assert_int_not_equal(access(temporary, F_OK), 0);
	SDL_Surface *loaded = SDL_LoadBMP(self->screenshot);
	assert_non_null(loaded);
	SDL_FreeSurface(self->pixels);
	self->pixels = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGBA32, 0);
	SDL_FreeSurface(loaded);
	assert_non_null(self->pixels);
	assert_int_equal(self->pixels->w, WINDOW_WIDTH);
	assert_int_equal(self->pixels->h, WINDOW_HEIGHT);
}

static draw_color pixel(const fixture *self, int x, int y)
{
	const uint8_t *at = (const uint8_t *)self->pixels->pixels + y * self->pixels->pitch + x * 4;
	return (draw_color){at[0], at[1], at[2], 255};
}

static bool same_color(draw_color a, draw_color b)
{
	return a.red == b.red && a.green == b.green && a.blue == b.blue;
}

static void expect_pixel(const fixture *self, int x, int y, draw_color expected)
{
	draw_color found = pixel(self, x, y);
	if (!same_color(found, expected))
		fail_msg("pixel (%d, %d) is %d,%d,%d, expected %d,%d,%d", x, y, found.red,
		         found.green, found.blue, expected.red, expected.green, expected.blue);
}

static bool is_dark(draw_color color)
{
	return color.red + color.green + color.blue < 3 * 128;
}

/* The bounding box of dark pixels, and how many lie outside `box`. */
typedef struct ink {
	int count, outside;
	int left, top, right, bottom; /* right and bottom exclusive */
} ink;

static ink find_ink(const fixture *self, draw_rect box)
{
	ink found = {0, 0, WINDOW_WIDTH, WINDOW_HEIGHT, 0, 0};
	for (int y = 0; y < WINDOW_HEIGHT; y++)
		for (int x = 0; x < WINDOW_WIDTH; x++) {
			if (!is_dark(pixel(self, x, y)))
				continue;
			found.count++;
			if (!draw_rect_contains(box, x, y))
				found.outside++;
			found.left = x < found.left ? x : found.left;
			found.top = y < found.top ? y : found.top;
			found.right = x + 1 > found.right ? x + 1 : found.right;
			found.bottom = y + 1 > found.bottom ? y + 1 : found.bottom;
		}
	return found;
}

static void test_fills_frames_and_clips(void **state)
{
	fixture *self = *state;
	draw_fill(self->list, (draw_rect){100, 100, 200, 100}, red, 0);
	draw_fill(self->list, (draw_rect){400, 100, 200, 100}, blue, 40);
	draw_frame(self->list, (draw_rect){100, 300, 200, 100}, green, 0, 6);
	draw_frame(self->list, (draw_rect){400, 300, 200, 100}, green, 30, 4);
	/* Half-transparent black over white: the dimmed page under a dialog. */
	draw_fill(self->list, (draw_rect){650, 450, 100, 100}, (draw_color){0, 0, 0, 128}, 0);
	/* A fill that runs out of its clip. */
	draw_clip(self->list, (draw_rect){100, 450, 100, 100});
	draw_fill(self->list, (draw_rect){50, 420, 400, 170}, blue, 0);
	draw_clip_end(self->list);
	draw_and_capture(self);

	/* Square fill: every edge pixel in, the next one out. */
	expect_pixel(self, 100, 100, red);
	expect_pixel(self, 299, 199, red);
	expect_pixel(self, 200, 150, red);
	expect_pixel(self, 99, 150, white);
	expect_pixel(self, 300, 150, white);
	expect_pixel(self, 200, 99, white);
	expect_pixel(self, 200, 200, white);

	/* Rounded fill: the corners are cut, the edges' middles are not. */
	expect_pixel(self, 400, 100, white);
	expect_pixel(self, 599, 199, white);
	expect_pixel(self, 405, 105, white);
	expect_pixel(self, 500, 100, blue);
	expect_pixel(self, 400, 150, blue);
	expect_pixel(self, 599, 150, blue);
	expect_pixel(self, 500, 199, blue);
	expect_pixel(self, 415, 115, blue); /* inside the 40 px corner arc */
	/* Symmetric: the top-left and bottom-right corners cut alike. */
	for (int offset = 0; offset < 40; offset++)
		assert_true(
		    same_color(pixel(self, 400 + offset, 100), pixel(self, 599 - offset, 199)));

	/* Square frame 6 px: ring in, hole out. */
	expect_pixel(self, 100, 300, green);
	expect_pixel(self, 105, 350, green);
	expect_pixel(self, 106, 350, white);
	expect_pixel(self, 200, 305, green);
	expect_pixel(self, 200, 306, white);
	expect_pixel(self, 294, 350, green);
	expect_pixel(self, 293, 350, white);
	expect_pixel(self, 200, 350, white);
	/* Rounded frame: edges' middles in, corner out, hole out. */
	expect_pixel(self, 500, 300, green);
	expect_pixel(self, 500, 303, green);
	expect_pixel(self, 500, 304, white);
	expect_pixel(self, 400, 350, green);
	expect_pixel(self, 400, 300, white);
	expect_pixel(self, 500, 350, white);

	/* Blending. */
	draw_color dimmed = pixel(self, 700, 500);
	assert_in_range(dimmed.red, 120, 135);
	assert_true(dimmed.red == dimmed.green && dimmed.green == dimmed.blue);

	/* The clip. */
	expect_pixel(self, 100, 450, blue);
	expect_pixel(self, 199, 549, blue);
	expect_pixel(self, 99, 500, white);
	expect_pixel(self, 200, 500, white);
	expect_pixel(self, 150, 449, white);
	expect_pixel(self, 150, 550, white);
}

static void draw_line_on_white(fixture *self, draw_rect box, const char *text, draw_font face,
                               int size, draw_align align)
{
	draw_text_line(self->list, box, text, strlen(text), face, size, black, white, align);
}

static void test_text_stays_in_its_box_and_matches_the_measurer(void **state)
{
	fixture *self = *state;
	const draw_measurer *measurer = render_measurer(self->renderer);
	const char *line = "Wandelen in het park, één keer per week";
	const int size = 32;
	int width =
	    measurer->text_width(measurer->context, DRAW_FONT_TEXT, size, line, strlen(line));
	int height = measurer->line_height(measurer->context, DRAW_FONT_TEXT, size);
	assert_in_range(height, size, 2 * size);
	assert_in_range(width, 10 * size, (int)strlen(line) * size);

	const draw_align aligns[] = {DRAW_ALIGN_START, DRAW_ALIGN_CENTRE, DRAW_ALIGN_END};
	for (size_t index = 0; index < 3; index++) {
		draw_list_clear(self->list);
		draw_rect box = {20, 200, 760, height};
		draw_line_on_white(self, box, line, DRAW_FONT_TEXT, size, aligns[index]);
		draw_and_capture(self);
		ink found = find_ink(self, box);
		assert_true(found.count > 500);
		assert_int_equal(found.outside, 0);
		/* The ink spans what the measurer promised, give or take the side
		 * bearings of the first and last letters. */
		int ink_width = found.right - found.left;
		assert_true(ink_width <= width);
		assert_true(ink_width >= width - size / 3);
		int expected_left = aligns[index] == DRAW_ALIGN_START ? box.x
		                    : aligns[index] == DRAW_ALIGN_CENTRE
		                        ? box.x + (box.width - width) / 2
		                        : box.x + box.width - width;
		assert_in_range(found.left, expected_left, expected_left + size / 6);
		assert_in_range(found.right, expected_left + width - size / 6,
		                expected_left + width);
		/* Vertically centred: the capitals sit in the box's middle part. */
		assert_true(found.top > box.y && found.bottom < box.y + box.height);
	}

	/* A prefix measures as the same text on its own (the length is honoured). */
	assert_int_equal(
	    measurer->text_width(measurer->context, DRAW_FONT_BOLD, 40, line, 8),
	    measurer->text_width(measurer->context, DRAW_FONT_BOLD, 40, "Wandelen", 8));
	assert_true(measurer->text_width(measurer->context, DRAW_FONT_BOLD, 40, "Wandelen", 8) >
	            measurer->text_width(measurer->context, DRAW_FONT_TEXT, 40, "Wandelen", 8));
	assert_int_equal(measurer->text_width(measurer->context, DRAW_FONT_TEXT, 40, "", 0), 0);
}

static void test_text_too_wide_is_cut_at_its_box(void **state)
{
	fixture *self = *state;
	draw_rect box = {300, 250, 120, 50};
	draw_line_on_white(self, box, "Een veel te lange regel tekst", DRAW_FONT_BOLD, 36,
	                   DRAW_ALIGN_START);
	draw_and_capture(self);
	ink found = find_ink(self, box);
	assert_true(found.count > 100);
	assert_int_equal(found.outside, 0);
}

static void test_icon_name_is_one_glyph(void **state)
{
	fixture *self = *state;
	const draw_measurer *measurer = render_measurer(self->renderer);
	const int size = 96;
	const char *name = "directions_walk";
	int width =
	    measurer->text_width(measurer->context, DRAW_FONT_ICON, size, name, strlen(name));
	/* Fifteen letters would be several times the size; a ligature is one
	 * square glyph. */
	assert_true(width > size / 2);
	assert_true(width * 2 < size * 3);

	draw_rect box = {300, 200, 200, 200};
	draw_icon(self->list, box, name, size, black, white);
	draw_and_capture(self);
	ink found = find_ink(self, box);
	assert_true(found.count > 500);
	assert_int_equal(found.outside, 0);
	assert_true(found.right - found.left <= size);
	assert_true(found.bottom - found.top <= size);
	int centre_x = (found.left + found.right) / 2;
	int centre_y = (found.top + found.bottom) / 2;
	assert_in_range(centre_x, 400 - size / 6, 400 + size / 6);
	assert_in_range(centre_y, 300 - size / 6, 300 + size / 6);
}

/* What zbarimg reads from the image, without its trailing newline; malloc'ed. */
static char *scan_image(const char *path)
{
	if (system("command -v zbarimg >/dev/null 2>&1") != 0)
		fail_msg("zbarimg is missing: install zbar-tools");
	char command[1024];
	int written =
	    snprintf(command, sizeof command, "zbarimg -q --raw --nodbus '%s' 2>/dev/null", path);
	assert_true(written > 0 && (size_t)written < sizeof command);
	FILE *pipe = popen(command, "r");
	assert_non_null(pipe);
	char *output = calloc(1, 4096);
	assert_non_null(output);
	size_t length = fread(output, 1, 4095, pipe);
	assert_int_equal(pclose(pipe), 0);
	if (length > 0 && output[length - 1] == '\n')
		output[--length] = '\0';
	return output;
}

static void test_drawn_qr_code_scans(void **state)
{
	fixture *self = *state;
	const char *url = "https://www.buurtcentrum-de-linde.nl/aanbod/wandelgroep-dinsdag";
	qr_code *code = NULL;
	assert_int_equal(qr_encode(url, &code), STATUS_OK);
	/* Beside text and on a coloured page, as on the detail screen. */
	draw_fill(self->list, (draw_rect){0, 0, WINDOW_WIDTH, WINDOW_HEIGHT}, blue, 0);
	draw_line_on_white(self, (draw_rect){20, 20, 300, 60}, "Scan mij", DRAW_FONT_BOLD, 40,
	                   DRAW_ALIGN_START);
	draw_rect box = {350, 150, 301, 330};
	draw_qr(self->list, box, qr_modules(code), qr_side(code), black, white);
	draw_and_capture(self);

	/* Whole-pixel modules, centred: the quiet zone's corner is light and
	 * the finder's corner is dark, exactly one module further in. */
	int side = qr_side(code);
	int module = 301 / side;
	int left = box.x + (box.width - module * side) / 2;
	int top = box.y + (box.height - module * side) / 2;
	expect_pixel(self, box.x, box.y, white);
	expect_pixel(self, left + QR_QUIET_ZONE * module - 1, top + QR_QUIET_ZONE * module, white);
	expect_pixel(self, left + QR_QUIET_ZONE * module, top + QR_QUIET_ZONE * module, black);
	expect_pixel(self, box.x - 1, box.y, blue);

	char *scanned = scan_image(self->screenshot);
	assert_string_equal(scanned, url);
	free(scanned);
	qr_free(code);
}

static void build_screen(draw_list *list, const char *title)
{
	draw_list_clear(list);
	draw_fill(list, (draw_rect){0, 0, WINDOW_WIDTH, 100}, blue, 0);
	draw_text_line(list, (draw_rect){20, 20, 700, 60}, title, strlen(title), DRAW_FONT_BOLD, 40,
	               white, blue, DRAW_ALIGN_START);
	const char *lines[] = {"Koffie en een praatje", "Samen wandelen", "Taalcafé"};
	for (int index = 0; index < 3; index++)
		draw_text_line(list, (draw_rect){20, 150 + 60 * index, 700, 50}, lines[index],
		               strlen(lines[index]), DRAW_FONT_TEXT, 30, black, white,
		               DRAW_ALIGN_START);
	draw_icon(list, (draw_rect){700, 150, 80, 80}, "directions_walk", 64, black, white);
}

static void test_unchanged_frame_renders_no_text(void **state)
{
	fixture *self = *state;
	build_screen(self->list, "Wat zoekt u?");
	assert_int_equal(render_draw(self->renderer, self->list), STATUS_OK);
	render_cache_stats first = render_cache_statistics(self->renderer);
	assert_int_equal(first.textures_made, 5);
	assert_int_equal(first.entries, 5);
	assert_true(first.bytes > 0);

	assert_int_equal(render_draw(self->renderer, self->list), STATUS_OK);
	render_cache_stats second = render_cache_statistics(self->renderer);
	assert_int_equal(second.textures_made, first.textures_made);
	assert_int_equal(second.entries, first.entries);
	assert_int_equal(second.hits, first.hits + 5);

	/* One line changes: one new texture. */
	build_screen(self->list, "Wat zoekt u vandaag?");
	assert_int_equal(render_draw(self->renderer, self->list), STATUS_OK);
	render_cache_stats third = render_cache_statistics(self->renderer);
	assert_int_equal(third.textures_made, first.textures_made + 1);
}

static void test_cache_is_bounded(void **state)
{
	fixture *self = *state;
	char line[64];
	for (int index = 0; index < RENDER_CACHE_ENTRY_LIMIT + 100; index++) {
		draw_list_clear(self->list);
		snprintf(line, sizeof line, "Regel %d", index);
		draw_line_on_white(self, (draw_rect){10, 10, 400, 40}, line, DRAW_FONT_TEXT, 20,
		                   DRAW_ALIGN_START);
		assert_int_equal(render_draw(self->renderer, self->list), STATUS_OK);
	}
	render_cache_stats stats = render_cache_statistics(self->renderer);
	assert_int_equal(stats.entries, RENDER_CACHE_ENTRY_LIMIT);
	assert_int_equal(stats.evictions, 100);
	assert_true(stats.bytes <= RENDER_CACHE_BYTE_LIMIT);
	/* The newest lines are still there; the oldest are gone. */
	uint64_t made = stats.textures_made;
	draw_list_clear(self->list);
	draw_line_on_white(self, (draw_rect){10, 10, 400, 40}, line, DRAW_FONT_TEXT, 20,
	                   DRAW_ALIGN_START);
	assert_int_equal(render_draw(self->renderer, self->list), STATUS_OK);
	assert_int_equal(render_cache_statistics(self->renderer).textures_made, made);
	draw_list_clear(self->list);
	draw_line_on_white(self, (draw_rect){10, 10, 400, 40}, "Regel 0", DRAW_FONT_TEXT, 20,
	                   DRAW_ALIGN_START);
	assert_int_equal(render_draw(self->renderer, self->list), STATUS_OK);
	assert_int_equal(render_cache_statistics(self->renderer).textures_made, made + 1);
}

static void test_screenshot_failure_leaves_nothing(void **state)
{
	fixture *self = *state;
	assert_int_equal(render_draw(self->renderer, self->list), STATUS_OK);
	char path[700];
	snprintf(path, sizeof path, "%s/missing/frame.bmp", self->directory);
	assert_int_equal(render_screenshot_bmp(self->renderer, path), STATUS_IO);
	assert_true(strlen(render_last_error(self->renderer)) > 0);
	assert_int_not_equal(access(path, F_OK), 0);
}

static void test_bad_font_files_are_refused(void **state)
{
	fixture *self = *state;
	render_font_paths paths;
	char storage[DRAW_FONT_COUNT][512];
	font_paths(&paths, storage);
	char missing[600];
	snprintf(missing, sizeof missing, "%s/no-such-font.ttf", self->directory);
	paths.files[DRAW_FONT_BOLD] = missing;
	renderer *other = (renderer *)self; /* must be reset to NULL */
	SDL_Window *window = platform_window(self->window);
	assert_int_equal(render_create(window, &paths, &other), STATUS_NOT_FOUND);
	assert_null(other);
	assert_non_null(strstr(render_last_error(NULL), "no-such-font.ttf"));

	char not_a_font[600];
	snprintf(not_a_font, sizeof not_a_font, "%s/readme.ttf", self->directory);
	test_write_file(not_a_font, "not a font at all\n", 18);
	paths.files[DRAW_FONT_BOLD] = not_a_font;
	assert_int_equal(render_create(window, &paths, &other), STATUS_INVALID);
	assert_null(other);
}

/* ---- Arabic ---- */

#define MEETING "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAC\xD8\xAA\xD9\x85\xD8\xA7\xD8\xB9" /* الاجتماع */
#define IN_THE_CENTRE                                                                              \
	"\xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD9\x85\xD8\xB1\xD9\x83\xD8\xB2" /* في المركز */
/* موقَّع: a shadda and a fatha above the letters */
#define SIGNED "\xD9\x85\xD9\x88\xD9\x82\xD9\x8E\xD9\x91\xD8\xB9"
#define BEH    "\xD8\xA8" /* ب */

static int set_up_arabic(void **state)
{
	if (set_up(state) != 0)
		return -1;
	fixture *self = *state;
	char regular[512];
	char bold[512];
	status loaded = render_load_arabic_faces(
	    self->renderer, test_source_path("fonts/NotoSansArabic-Regular.ttf", regular, 512),
	    test_source_path("fonts/NotoSansArabic-Bold.ttf", bold, 512));
	if (loaded != STATUS_OK) {
		fprintf(stderr, "render_load_arabic_faces: %s\n",
		        render_last_error(self->renderer));
		return -1;
	}
	return 0;
}

static int text_width(const fixture *self, draw_font face, int size, const char *text)
{
	const draw_measurer *measurer = render_measurer(self->renderer);
	return measurer->text_width(measurer->context, face, size, text, strlen(text));
}

static int line_height(const fixture *self, draw_font face, int size)
{
	const draw_measurer *measurer = render_measurer(self->renderer);
	return measurer->line_height(measurer->context, face, size);
}

/* Draws one right-to-left line in a box of the measured size at (x, y) and
 * returns the box. */
static draw_rect draw_arabic_line(fixture *self, int x, int y, const char *text, draw_font face,
                                  int size)
{
	render_set_right_to_left(self->renderer, true);
	draw_list_clear(self->list);
	draw_list_set_right_to_left(self->list, true);
	draw_rect box = {x, y, text_width(self, face, size, text), line_height(self, face, size)};
	draw_line_on_white(self, box, text, face, size, DRAW_ALIGN_START);
	draw_and_capture(self);
	return box;
}

static void test_arabic_line_is_shaped_inside_its_box(void **state)
{
	fixture *self = *state;
	const char *lines[] = {MEETING " " IN_THE_CENTRE, SIGNED,
	                       "\xD9\xA1\xD9\xA0:\xD9\xA0\xD9\xA0"};
	const draw_font faces[] = {DRAW_FONT_TEXT, DRAW_FONT_BOLD};
	for (size_t face = 0; face < 2; face++)
		for (size_t index = 0; index < 3; index++) {
			draw_rect box =
			    draw_arabic_line(self, 30, 200, lines[index], faces[face], 40);
			ink found = find_ink(self, box);
			assert_true(found.count > 100);
			assert_int_equal(found.outside, 0);
			/* Whole: the line box is tall enough that nothing touches
			 * its edges (the marks above موقَّع included). */
			assert_true(found.top > box.y);
			assert_true(found.bottom < box.y + box.height);
			int ink_width = found.right - found.left;
			assert_true(ink_width <= box.width);
			assert_true(ink_width >= box.width - 40 / 3);
		}
	/* Shaped, not set letter by letter: three joined behs are narrower than
	 * three on their own, which a face without Arabic would draw as three
	 * equal boxes. */
	render_set_right_to_left(self->renderer, true);
	int joined = text_width(self, DRAW_FONT_TEXT, 40, BEH BEH BEH);
	int alone = text_width(self, DRAW_FONT_TEXT, 40, BEH);
	assert_true(joined < 3 * alone);
	/* What the Arabic face lacks is set in the reading face: "…" ending a
	 * shortened Arabic line is the reading face's "…", not a box. */
	int ellipsis = text_width(self, DRAW_FONT_TEXT, 40, "\xE2\x80\xA6");
	assert_true(ellipsis > 0);
	assert_int_equal(text_width(self, DRAW_FONT_TEXT, 40, MEETING "\xE2\x80\xA6"),
	                 text_width(self, DRAW_FONT_TEXT, 40, MEETING) + ellipsis);
	/* The bold Arabic face is a face of its own. */
	assert_true(text_width(self, DRAW_FONT_BOLD, 40, MEETING) !=
	            text_width(self, DRAW_FONT_TEXT, 40, MEETING));
}

/* Which of `width` columns from `x` have ink in the rows of `box`. */
static void ink_columns(const fixture *self, draw_rect box, int x, int width, bool *columns)
{
	for (int column = 0; column < width; column++) {
		columns[column] = false;
		for (int y = box.y; y < box.y + box.height && !columns[column]; y++)
			columns[column] = is_dark(pixel(self, x + column, y));
	}
}

static void test_time_is_drawn_left_of_the_arabic_words(void **state)
{
	fixture *self = *state;
	const int size = 40;
	const char *text = MEETING " 10:00";
	/* The runs say so ... */
	bidi_run runs[8];
	size_t count = 0;
	assert_int_equal(bidi_runs(text, strlen(text), true, runs, 8, &count), STATUS_OK);
	assert_int_equal(count, 2);
	assert_int_equal(runs[0].offset, strlen(MEETING) + 1);
	assert_false(runs[0].right_to_left);

	/* ... and so do the pixels: the mixed line's left part has the ink
	 * columns of "10:00" drawn alone, its right part those of the words. */
	render_set_right_to_left(self->renderer, true);
	int time_width = text_width(self, DRAW_FONT_TEXT, size, "10:00");
	int words_width = text_width(self, DRAW_FONT_TEXT, size, MEETING " ");
	assert_int_equal(text_width(self, DRAW_FONT_TEXT, size, text), time_width + words_width);
	bool *mixed = calloc((size_t)(time_width + words_width), sizeof *mixed);
	bool *time = calloc((size_t)time_width, sizeof *time);
	bool *words = calloc((size_t)words_width, sizeof *words);
	assert_true(mixed != NULL && time != NULL && words != NULL);

	draw_rect box = draw_arabic_line(self, 40, 100, text, DRAW_FONT_TEXT, size);
	assert_int_equal(find_ink(self, box).outside, 0);
	ink_columns(self, box, box.x, time_width + words_width, mixed);
	box = draw_arabic_line(self, 40, 100, "10:00", DRAW_FONT_TEXT, size);
	ink_columns(self, box, box.x, time_width, time);
	box = draw_arabic_line(self, 40, 100, MEETING " ", DRAW_FONT_TEXT, size);
	ink_columns(self, box, box.x, words_width, words);
	int inked_time_columns = 0;
	for (int column = 0; column < time_width; column++) {
		assert_int_equal(mixed[column], time[column]);
		inked_time_columns += time[column];
	}
	assert_true(inked_time_columns > time_width / 2);
	for (int column = 0; column < words_width; column++)
		assert_int_equal(mixed[time_width + column], words[column]);
	free(mixed);
	free(time);
	free(words);
}

static void test_latin_text_is_unchanged(void **state)
{
	fixture *self = *state;
	const int size = 32;
	const char *line = "Wandelen met buren, dinsdag 10:00";
	/* Before the Arabic faces, in a left-to-right frame. */
	int width = text_width(self, DRAW_FONT_TEXT, size, line);
	int height = line_height(self, DRAW_FONT_TEXT, size);
	draw_rect box = {20, 300, width + 10, height};
	draw_list_clear(self->list);
	draw_line_on_white(self, box, line, DRAW_FONT_TEXT, size, DRAW_ALIGN_START);
	draw_and_capture(self);
	SDL_Surface *before = SDL_DuplicateSurface(self->pixels);
	assert_non_null(before);

	char regular[512];
	char bold[512];
	assert_int_equal(render_load_arabic_faces(
	                     self->renderer,
	                     test_source_path("fonts/NotoSansArabic-Regular.ttf", regular, 512),
	                     test_source_path("fonts/NotoSansArabic-Bold.ttf", bold, 512)),
	                 STATUS_OK);
	assert_int_equal(text_width(self, DRAW_FONT_TEXT, size, line), width);
	assert_int_equal(line_height(self, DRAW_FONT_TEXT, size), height);
	/* In an Arabic frame the Dutch line is the same width, and drawn the
	 * same, pixel for pixel. */
	render_set_right_to_left(self->renderer, true);
	assert_int_equal(text_width(self, DRAW_FONT_TEXT, size, line), width);
	draw_list_clear(self->list);
	draw_list_set_right_to_left(self->list, true);
	draw_line_on_white(self, box, line, DRAW_FONT_TEXT, size, DRAW_ALIGN_START);
	draw_and_capture(self);
	for (int y = 0; y < WINDOW_HEIGHT; y++)
		assert_memory_equal((const uint8_t *)before->pixels + y * before->pitch,
		                    (const uint8_t *)self->pixels->pixels + y * self->pixels->pitch,
		                    (size_t)WINDOW_WIDTH * 4);
	SDL_FreeSurface(before);
	/* Back to left to right: the line height is the reading face's again. */
	render_set_right_to_left(self->renderer, false);
	assert_int_equal(line_height(self, DRAW_FONT_TEXT, size), height);
}

static void test_mirrored_frame_puts_back_on_the_right(void **state)
{
	fixture *self = *state;
	draw_list_clear(self->list);
	draw_rect button = {20, 500, 200, 80};
	draw_fill(self->list, button, blue, 12);
	draw_text_line(self->list, (draw_rect){90, 510, 120, 60}, "Terug", 5, DRAW_FONT_BOLD, 32,
	               white, blue, DRAW_ALIGN_START);
	draw_list_mirror(self->list, WINDOW_WIDTH);
	draw_list_set_right_to_left(self->list, true);
	draw_and_capture(self);
	expect_pixel(self, WINDOW_WIDTH - 20 - 100, 502, blue);
	expect_pixel(self, 120, 540, white);
	expect_pixel(self, WINDOW_WIDTH - 10, 540, white);
}

static void test_arabic_faces_that_cannot_be_read(void **state)
{
	fixture *self = *state;
	char missing[600];
	snprintf(missing, sizeof missing, "%s/no-such-font.ttf", self->directory);
	char regular[512];
	const char *good = test_source_path("fonts/NotoSansArabic-Regular.ttf", regular, 512);
	assert_int_equal(render_load_arabic_faces(self->renderer, good, missing), STATUS_NOT_FOUND);
	assert_non_null(strstr(render_last_error(self->renderer), "no-such-font.ttf"));
	char not_a_font[600];
	snprintf(not_a_font, sizeof not_a_font, "%s/readme.ttf", self->directory);
	test_write_file(not_a_font, "not a font at all\n", 18);
	assert_int_equal(render_load_arabic_faces(self->renderer, not_a_font, good),
	                 STATUS_INVALID);
	assert_int_equal(render_load_arabic_faces(self->renderer, NULL, good), STATUS_USAGE);
	/* Without Arabic faces an Arabic line is still drawn, in the box. */
	draw_rect box = draw_arabic_line(self, 30, 200, MEETING, DRAW_FONT_TEXT, 40);
	ink found = find_ink(self, box);
	assert_true(found.count > 0);
	assert_int_equal(found.outside, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_fills_frames_and_clips, set_up, tear_down),
	    cmocka_unit_test_setup_teardown(test_text_stays_in_its_box_and_matches_the_measurer,
	                                    set_up, tear_down),
	    cmocka_unit_test_setup_teardown(test_text_too_wide_is_cut_at_its_box, set_up,
	                                    tear_down),
	    cmocka_unit_test_setup_teardown(test_icon_name_is_one_glyph, set_up, tear_down),
	    cmocka_unit_test_setup_teardown(test_drawn_qr_code_scans, set_up, tear_down),
	    cmocka_unit_test_setup_teardown(test_unchanged_frame_renders_no_text, set_up,
	                                    tear_down),
	    cmocka_unit_test_setup_teardown(test_cache_is_bounded, set_up, tear_down),
	    cmocka_unit_test_setup_teardown(test_screenshot_failure_leaves_nothing, set_up,
	                                    tear_down),
	    cmocka_unit_test_setup_teardown(test_bad_font_files_are_refused, set_up, tear_down),
	    cmocka_unit_test_setup_teardown(test_arabic_line_is_shaped_inside_its_box,
	                                    set_up_arabic, tear_down),
	    cmocka_unit_test_setup_teardown(test_time_is_drawn_left_of_the_arabic_words,
	                                    set_up_arabic, tear_down),
	    cmocka_unit_test_setup_teardown(test_latin_text_is_unchanged, set_up, tear_down),
	    cmocka_unit_test_setup_teardown(test_mirrored_frame_puts_back_on_the_right, set_up,
	                                    tear_down),
	    cmocka_unit_test_setup_teardown(test_arabic_faces_that_cannot_be_read, set_up,
	                                    tear_down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
