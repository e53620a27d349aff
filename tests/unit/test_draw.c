/* test_draw.c — the draw list and its paragraph setter: wrapping at spaces
 * and newlines, shrinking to the box, the "…" at the smallest size, text
 * that never leaves its box, clipping of lines and targets. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"

/* Every character (UTF-8 code point) is `size` pixels wide and a line is
 * size + size / 4 high, so expected layouts can be worked out by hand. */
static int count_width(void *context, draw_font font, int size, const char *text, size_t length)
{
	(void)context;
	(void)font;
	int characters = 0;
	for (size_t index = 0; index < length; index++) {
		if (((unsigned char)text[index] & 0xC0) != 0x80) {
			characters++;
		}
	}
	return characters * size;
}

static int count_line_height(void *context, draw_font font, int size)
{
	(void)context;
	(void)font;
	return size + size / 4;
}

static const draw_measurer measurer = {NULL, count_width, count_line_height};

/* Every byte `size` wide: "…" is three times as wide as a letter. */
static int byte_width(void *context, draw_font font, int size, const char *text, size_t length)
{
	(void)context;
	(void)font;
	(void)text;
	return (int)length * size;
}

static const draw_measurer byte_measurer = {NULL, byte_width, count_line_height};

static const draw_color ink = {0, 0, 0, 255};
static const draw_color paper = {255, 255, 255, 255};

static draw_text_style style_of(int size, int min_size, int max_lines)
{
	draw_text_style style = {DRAW_FONT_TEXT,  size, min_size, max_lines, ink, paper,
	                         DRAW_ALIGN_START};
	return style;
}

static int setup(void **state)
{
	draw_list *list = draw_list_create();
	assert_non_null(list);
	*state = list;
	return 0;
}

static int teardown(void **state)
{
	draw_list_destroy(*state);
	return 0;
}

/* A test given a fresh, empty draw list as its state. */
#define WITH_LIST(test) cmocka_unit_test_setup_teardown(test, setup, teardown)

/* The text of text command `index`, which must be one. */
static const char *line_text(const draw_list *list, size_t index)
{
	assert_true(index < draw_list_count(list));
	const draw_command *command = draw_list_at(list, index);
	assert_int_equal(command->kind, DRAW_TEXT);
	return command->text;
}

/* Every text command lies inside `box`, is no wider than it at its size,
 * stands in a line box tall enough for its size, and follows the one above. */
static void assert_lines_inside(const draw_list *list, draw_rect box)
{
	int previous_bottom = box.y;
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind != DRAW_TEXT) {
			continue;
		}
		draw_rect line = command->box;
		assert_true(line.x >= box.x && line.x + line.width <= box.x + box.width);
		assert_true(line.y >= box.y && line.y + line.height <= box.y + box.height);
		assert_int_equal(line.y, previous_bottom);
		assert_true(line.height >= count_line_height(NULL, command->font, command->size));
		assert_true(count_width(NULL, command->font, command->size, command->text,
		                        strlen(command->text)) <= line.width);
		previous_bottom = line.y + line.height;
	}
}

/* Sets `text` in `box` on the emptied list and checks the outcome: the
 * lines `expected` (NULL-terminated; none = nothing drawn), all at `size`,
 * each inside the box, and the height returned is theirs. */
static void assert_block(draw_list *list, draw_rect box, const char *text, draw_text_style style,
                         int size, const char *const *expected)
{
	draw_list_clear(list);
	int height = draw_text_block(list, &measurer, box, text, &style);
	size_t count = 0;
	while (expected[count]) {
		assert_true(count < draw_list_count(list));
		assert_string_equal(line_text(list, count), expected[count]);
		assert_int_equal(draw_list_at(list, count)->size, size);
		count++;
	}
	assert_int_equal(draw_list_count(list), count);
	assert_int_equal(height, (int)count * count_line_height(NULL, DRAW_FONT_TEXT, size));
	assert_lines_inside(list, box);
}

#define LINES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NO_LINES   ((const char *const[]){NULL})

static void test_wraps_at_spaces(void **state)
{
	draw_list *list = *state;
	/* Ten characters a line at size 10, from the box's top. */
	draw_rect box = {5, 7, 100, 1000};
	const char *text = "one two three four five";
	assert_block(list, box, text, style_of(10, 10, 0), 10,
	             LINES("one two", "three four", "five"));
	assert_int_equal(draw_list_at(list, 0)->box.y, 7);
	draw_text_style style = style_of(10, 10, 0);
	assert_int_equal(draw_text_block_height(&measurer, 100, text, &style), 3 * 12);
}

static void test_newlines_and_long_words(void **state)
{
	/* A newline breaks; a word wider than the box breaks inside itself;
	 * leading spaces of a line are dropped. */
	draw_rect box = {0, 0, 50, 1000};
	assert_block(*state, box, "ab\ncdefghijkl   m", style_of(10, 10, 0), 10,
	             LINES("ab", "cdefg", "hijkl", "m"));
	/* Two characters a line; "é" is two bytes and stays whole. */
	draw_rect narrow = {0, 0, 20, 1000};
	assert_block(*state, narrow, "\xC3\xA9\xC3\xA9\xC3\xA9", style_of(10, 10, 0), 10,
	             LINES("\xC3\xA9\xC3\xA9", "\xC3\xA9"));
}

static void test_shrinks_to_fit(void **state)
{
	/* "aaaa bbbb" is 9 characters: 180 px at 20, 162 at 18, 144 at 16.
	 * The box is 160 wide and holds one line at every size down to 16. */
	draw_rect narrow = {0, 0, 160, 25};
	assert_block(*state, narrow, "aaaa bbbb", style_of(20, 16, 0), 16, LINES("aaaa bbbb"));
	/* One line of 25 px at 20 does not fit a box 22 high; at 18 a line is
	 * 22 high and does. */
	draw_rect low = {0, 0, 400, 22};
	assert_block(*state, low, "ab", style_of(20, 10, 0), 18, LINES("ab"));
}

static void test_max_lines_shrink_then_ellipsis(void **state)
{
	draw_rect box = {0, 0, 100, 1000};
	const char *text = "one two three four five six";
	/* At size 10 (no smaller allowed) the text needs 3 lines of 10
	 * characters; 2 are allowed, so the second ends in "…". */
	assert_block(*state, box, text, style_of(10, 10, 2), 10,
	             LINES("one two", "three fou\xE2\x80\xA6"));
	/* With room to shrink, the text fits two lines at 7 (14 characters a
	 * line; at 9 and 8 it still needs three) and no "…" is needed. */
	assert_block(*state, box, text, style_of(10, 7, 2), 7,
	             LINES("one two three", "four five six"));
	/* Two lines of 12 fit a box 30 high; the third is cut with "…"
	 * without splitting the two-byte "é". */
	draw_rect low = {0, 0, 100, 30};
	assert_block(*state, low, "aaaa bbbb\nccccccccc\xC3\xA9 ddd\neeee", style_of(10, 10, 0), 10,
	             LINES("aaaa bbbb", "ccccccccc\xE2\x80\xA6"));
}

static void test_box_too_small_draws_nothing(void **state)
{
	draw_list *list = *state;
	/* At the smallest size (16) a line is 20 high: a box 19 high holds
	 * none, so nothing is drawn rather than a line that sticks out; one
	 * pixel more and it fits, at the smallest size. */
	draw_rect box = {0, 0, 400, 19};
	assert_block(list, box, "Terug", style_of(20, 16, 0), 16, NO_LINES);
	box.height = 20;
	assert_block(list, box, "Terug", style_of(20, 16, 0), 16, LINES("Terug"));
	box.height = 0;
	assert_block(list, box, "Terug", style_of(20, 16, 0), 16, NO_LINES);
	/* A character is 16 wide at the smallest size: a box 15 wide holds no
	 * line at all; at 16 wide each character gets its own. */
	draw_rect thin = {0, 0, 15, 400};
	assert_block(list, thin, "Ja", style_of(20, 16, 0), 16, NO_LINES);
	thin.width = 16;
	assert_block(list, thin, "Ja", style_of(20, 16, 0), 16, LINES("J", "a"));
	/* One character wide and one line high: "…" alone stands for "abc". */
	draw_rect narrow = {0, 0, 10, 12};
	assert_block(list, narrow, "abc", style_of(10, 10, 0), 10, LINES("\xE2\x80\xA6"));
	/* Where "…" is wider than the box (here a byte is a character's width,
	 * so it is three), the last line stays without it. */
	draw_list_clear(list);
	draw_text_style style = style_of(10, 10, 0);
	assert_int_equal(draw_text_block(list, &byte_measurer, narrow, "abc", &style), 12);
	assert_int_equal(draw_list_count(list), 1);
	assert_string_equal(line_text(list, 0), "a");
}

static void test_empty_text(void **state)
{
	draw_list *list = *state;
	draw_rect box = {0, 0, 100, 100};
	draw_text_style style = style_of(10, 8, 0);
	assert_int_equal(draw_text_block(list, &measurer, box, "", &style), 0);
	assert_int_equal(draw_text_block(list, &measurer, box, "   ", &style), 0);
	assert_int_equal(draw_list_count(list), 0);
	assert_int_equal(draw_text_block_height(&measurer, 100, "", &style), 0);
}

/* Random words in random boxes: whatever happens, every line stays in its
 * box, the height returned is the lines drawn, and a box as high as
 * draw_text_block_height() says takes the text whole at its size. */
static void test_random_paragraphs_stay_inside(void **state)
{
	draw_list *list = *state;
	srand(11);
	char text[400];
	for (int round = 0; round < 2000; round++) {
		size_t length = 0;
		size_t words = (size_t)(rand() % 30);
		for (size_t word = 0; word < words && length < sizeof(text) - 20; word++) {
			size_t letters = 1 + (size_t)(rand() % 14);
			for (size_t letter = 0; letter < letters; letter++) {
				if (rand() % 10 == 0) {
					text[length++] = '\xC3';
					text[length++] = '\xA9';
				} else {
					text[length++] = (char)('a' + rand() % 26);
				}
			}
			text[length++] = rand() % 8 == 0 ? '\n' : ' ';
		}
		text[length] = '\0';
		int size = 8 + rand() % 30;
		int min_size = 6 + rand() % (size - 5);
		draw_text_style style = style_of(size, min_size, rand() % 5);
		draw_rect box = {rand() % 50, rand() % 50, rand() % 400, rand() % 300};
		draw_list_clear(list);
		int height = draw_text_block(list, &measurer, box, text, &style);
		assert_true(height >= 0 && height <= box.height);
		assert_lines_inside(list, box);
		size_t count = draw_list_count(list);
		if (count > 0) {
			const draw_command *first = draw_list_at(list, 0);
			assert_true(first->size <= size && first->size >= min_size);
			assert_int_equal(height, (int)count * first->box.height);
		} else {
			assert_int_equal(height, 0);
		}

		/* In a box of the measured height the text is set whole, at its
		 * size, unless a single character is wider than the box. */
		int measured = draw_text_block_height(&measurer, box.width, text, &style);
		bool character_fits = box.width >= size;
		/* (A paragraph is at most 64 lines.) */
		bool within_limit = measured < 64 * count_line_height(NULL, DRAW_FONT_TEXT, size);
		if (measured > 0 && character_fits && within_limit && style.max_lines == 0) {
			draw_rect exact = {box.x, box.y, box.width, measured};
			draw_list_clear(list);
			assert_int_equal(draw_text_block(list, &measurer, exact, text, &style),
			                 measured);
			for (size_t index = 0; index < draw_list_count(list); index++) {
				assert_int_equal(draw_list_at(list, index)->size, size);
				assert_null(
				    strstr(draw_list_at(list, index)->text, "\xE2\x80\xA6"));
			}
		}
	}
}

static void test_clip_leaves_out_lines_and_cuts_targets(void **state)
{
	draw_list *list = *state;
	draw_rect clip = {0, 100, 200, 100};
	draw_clip(list, clip);
	/* A paragraph that starts above the clip: only lines meeting it stay. */
	draw_rect box = {0, 40, 100, 1000};
	draw_text_style style = style_of(10, 10, 0);
	/* Lines of 12 from y = 40: lines 0-4 end at or above 100, 5 .. 13
	 * meet the clip (100 .. 200), the rest are below. */
	(void)draw_text_block(
	    list, &measurer, box,
	    "l0\nl1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\nl13\nl14\nl15", &style);
	size_t texts = 0;
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_TEXT) {
			texts++;
			assert_true(command->box.y + command->box.height > clip.y);
			assert_true(command->box.y < clip.y + clip.height);
		}
	}
	assert_int_equal(texts, 9);
	assert_string_equal(draw_list_at(list, 1)->text, "l5");

	draw_rect half_in = {150, 150, 100, 100};
	draw_target_add(list, half_in, 7, 3, "half");
	draw_rect outside = {300, 300, 10, 10};
	draw_target_add(list, outside, 8, 0, "outside");
	draw_rect inside = {10, 110, 20, 20};
	draw_target_add(list, inside, 9, 0, NULL);
	assert_int_equal(draw_list_target_count(list), 2);
	const draw_target *cut = draw_list_target_at(list, 0);
	assert_int_equal(cut->box.x, 150);
	assert_int_equal(cut->box.y, 150);
	assert_int_equal(cut->box.width, 50);
	assert_int_equal(cut->box.height, 50);
	assert_true(cut->clipped);
	assert_string_equal(cut->label, "half");
	assert_false(draw_list_target_at(list, 1)->clipped);
	assert_string_equal(draw_list_target_at(list, 1)->label, "");

	draw_clip_end(list);
	draw_target_add(list, outside, 8, 0, "outside");
	assert_int_equal(draw_list_target_count(list), 3);
	assert_false(draw_list_target_at(list, 2)->clipped);
	draw_rect far_line = {0, 900, 100, 12};
	size_t before = draw_list_count(list);
	draw_text_line(list, far_line, "far", 3, DRAW_FONT_TEXT, 10, ink, paper, DRAW_ALIGN_END);
	assert_int_equal(draw_list_count(list), before + 1);
	assert_int_equal(draw_list_at(list, before)->align, DRAW_ALIGN_END);
	assert_int_equal(draw_list_status(list), STATUS_OK);
}

static void test_targets_topmost_first_and_clear(void **state)
{
	draw_list *list = *state;
	draw_rect under = {0, 0, 100, 100};
	draw_rect over = {50, 50, 100, 100};
	draw_target_add(list, under, 1, 0, "under");
	draw_target_add(list, over, 2, 0, "over");
	assert_int_equal(draw_list_target_at_point(list, 10, 10)->action, 1);
	assert_int_equal(draw_list_target_at_point(list, 60, 60)->action, 2);
	assert_null(draw_list_target_at_point(list, 100 + 50, 10));
	/* Right and bottom edges are outside. */
	assert_null(draw_list_target_at_point(list, 150, 150));
	draw_clip(list, under);
	draw_list_clear(list);
	assert_int_equal(draw_list_count(list), 0);
	assert_int_equal(draw_list_target_count(list), 0);
	/* Clearing lifts the clip too. */
	draw_target_add(list, over, 2, 0, "over");
	assert_int_equal(draw_list_target_at(list, 0)->box.width, 100);
}

static void test_rectangles_and_contrast(void **state)
{
	(void)state;
	draw_rect a = {0, 0, 10, 10};
	draw_rect b = {5, 5, 10, 10};
	draw_rect overlap = draw_rect_intersect(a, b);
	assert_int_equal(overlap.x, 5);
	assert_int_equal(overlap.width, 5);
	draw_rect apart = {20, 20, 5, 5};
	assert_int_equal(draw_rect_intersect(a, apart).width, 0);
	draw_rect inner = draw_rect_inset(a, 2);
	assert_int_equal(inner.x, 2);
	assert_int_equal(inner.width, 6);
	assert_int_equal(draw_rect_inset(a, 8).width, 0);
	assert_true(draw_contrast_ratio(ink, paper) > 20.99);
	assert_true(draw_contrast_ratio(paper, ink) < 21.01);
	assert_true(draw_contrast_ratio(ink, ink) < 1.0001);
}

/* A small frame like a question screen's: a title, a progress bar filled
 * from the left, Terug at the bottom left, a QR code and a scrolling list. */
static void build_question_frame(draw_list *list)
{
	draw_text_style title = style_of(20, 10, 2);
	(void)draw_text_block(list, &measurer, (draw_rect){40, 20, 500, 60},
	                      "Waar wilt u aan werken?", &title);
	draw_fill(list, (draw_rect){40, 100, 520, 12}, paper, 6);
	draw_fill(list, (draw_rect){40, 100, 130, 12}, ink, 6);
	draw_frame(list, (draw_rect){40, 900, 200, 80}, ink, 12, 3);
	draw_icon(list, (draw_rect){50, 910, 60, 60}, "arrow_back", 48, ink, paper);
	draw_text_line(list, (draw_rect){120, 910, 110, 60}, "Terug", 5, DRAW_FONT_BOLD, 24, ink,
	               paper, DRAW_ALIGN_START);
	draw_target_add(list, (draw_rect){40, 900, 200, 80}, 7, 0, "Terug");
	draw_icon(list, (draw_rect){450, 910, 60, 60}, "chevron_right", 48, ink, paper);
	draw_icon(list, (draw_rect){300, 910, 60, 60}, "directions_walk", 48, ink, paper);
	const uint8_t modules[9] = {1, 0, 0, 1, 1, 0, 0, 0, 1};
	draw_qr(list, (draw_rect){400, 200, 90, 90}, modules, 3, ink, paper);
	draw_clip(list, (draw_rect){0, 300, 300, 400});
	draw_text_line(list, (draw_rect){10, 310, 280, 30}, "Midden", 6, DRAW_FONT_TEXT, 20, ink,
	               paper, DRAW_ALIGN_CENTRE);
	draw_target_add(list, (draw_rect){10, 650, 400, 100}, 8, 1, "Kaart");
	draw_clip_end(list);
	draw_text_line(list, (draw_rect){300, 10, 250, 30}, "Eind", 4, DRAW_FONT_TEXT, 20, ink,
	               paper, DRAW_ALIGN_END);
	assert_int_equal(draw_list_status(list), STATUS_OK);
}

static bool same_command(const draw_command *a, const draw_command *b)
{
	return a->kind == b->kind && memcmp(&a->box, &b->box, sizeof a->box) == 0 &&
	       a->align == b->align && a->size == b->size && a->font == b->font &&
	       a->side == b->side && (a->text == NULL) == (b->text == NULL) &&
	       (a->text == NULL || strcmp(a->text, b->text) == 0) &&
	       (a->modules == NULL) == (b->modules == NULL) &&
	       (a->modules == NULL ||
	        memcmp(a->modules, b->modules, (size_t)a->side * (size_t)a->side) == 0);
}

static void test_mirror_twice_gives_the_frame_back(void **state)
{
	draw_list *list = *state;
	draw_list *original = draw_list_create();
	assert_non_null(original);
	build_question_frame(list);
	build_question_frame(original);
	draw_list_mirror(list, 600);
	/* Something moved: the first mirror is not the frame itself. */
	assert_false(same_command(draw_list_at(list, 0), draw_list_at(original, 0)));
	draw_list_mirror(list, 600);
	assert_int_equal(draw_list_count(list), draw_list_count(original));
	for (size_t index = 0; index < draw_list_count(list); index++)
		assert_true(same_command(draw_list_at(list, index), draw_list_at(original, index)));
	assert_int_equal(draw_list_target_count(list), draw_list_target_count(original));
	for (size_t index = 0; index < draw_list_target_count(list); index++) {
		const draw_target *mine = draw_list_target_at(list, index);
		const draw_target *theirs = draw_list_target_at(original, index);
		assert_memory_equal(&mine->box, &theirs->box, sizeof mine->box);
		assert_string_equal(mine->label, theirs->label);
		assert_int_equal(mine->clipped, theirs->clipped);
	}
	draw_list_destroy(original);
}

/* The command whose text (or icon name) is `text`. */
static const draw_command *command_with(const draw_list *list, const char *text)
{
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->text != NULL && strcmp(command->text, text) == 0)
			return command;
	}
	fail_msg("no command shows %s", text);
	return NULL;
}

static void test_mirror_puts_back_on_the_right(void **state)
{
	draw_list *list = *state;
	build_question_frame(list);
	draw_list_mirror(list, 600);

	/* Terug: left edge 40 before, so its right edge is 40 from the right now. */
	const draw_target *back = draw_list_target_at_point(list, 600 - 41, 950);
	assert_non_null(back);
	assert_string_equal(back->label, "Terug");
	assert_int_equal(back->box.x + back->box.width, 600 - 40);
	assert_null(draw_list_target_at_point(list, 41, 950));
	const draw_command *label = command_with(list, "Terug");
	assert_int_equal(label->box.x, 600 - 120 - 110);
	assert_int_equal(label->box.width, 110);
	assert_int_equal(label->box.y, 910);
	assert_int_equal(label->align, DRAW_ALIGN_END);
	/* The arrow points the new way, the walker is the same picture. */
	const draw_command *arrow = command_with(list, "arrow_forward");
	assert_int_equal(arrow->kind, DRAW_ICON);
	assert_int_equal(arrow->box.x, 600 - 50 - 60);
	assert_int_equal(command_with(list, "chevron_left")->box.x, 600 - 450 - 60);
	assert_int_equal(command_with(list, "directions_walk")->box.x, 600 - 300 - 60);

	/* Progress: the filled part now starts at the right end of the track. */
	const draw_command *track = draw_list_at(list, 1);
	const draw_command *filled = draw_list_at(list, 2);
	assert_int_equal(filled->kind, DRAW_FILL);
	assert_int_equal(filled->box.x + filled->box.width, track->box.x + track->box.width);
	assert_int_equal(filled->box.width, 130);

	/* Alignment: start and end swap, centred stays; text is unchanged. */
	assert_int_equal(command_with(list, "Eind")->align, DRAW_ALIGN_START);
	assert_int_equal(command_with(list, "Midden")->align, DRAW_ALIGN_CENTRE);
	const draw_command *title = draw_list_at(list, 0);
	assert_int_equal(title->kind, DRAW_TEXT);
	assert_int_equal(title->align, DRAW_ALIGN_END);

	/* The QR code moves whole; its modules are not mirrored. */
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_QR) {
			assert_int_equal(command->box.x, 600 - 400 - 90);
			assert_int_equal(command->modules[1], 0);
			assert_int_equal(command->modules[3], 1);
		}
		if (command->kind == DRAW_CLIP && command->box.width > 0)
			assert_int_equal(command->box.x, 600 - 300);
	}
	/* The clipped card's target was cut to the clip, and moved with it. */
	const draw_target *card = draw_list_target_at_point(list, 600 - 20, 660);
	assert_non_null(card);
	assert_string_equal(card->label, "Kaart");
	assert_true(card->clipped);
	assert_int_equal(card->box.x + card->box.width, 600 - 10);
}

static void test_right_to_left_flag(void **state)
{
	draw_list *list = *state;
	assert_false(draw_list_is_right_to_left(list));
	draw_list_set_right_to_left(list, true);
	assert_true(draw_list_is_right_to_left(list));
	/* Mirroring moves boxes only; the next frame starts left to right. */
	draw_list_mirror(list, 100);
	assert_true(draw_list_is_right_to_left(list));
	draw_list_clear(list);
	assert_false(draw_list_is_right_to_left(list));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    WITH_LIST(test_wraps_at_spaces),
	    WITH_LIST(test_newlines_and_long_words),
	    WITH_LIST(test_shrinks_to_fit),
	    WITH_LIST(test_max_lines_shrink_then_ellipsis),
	    WITH_LIST(test_box_too_small_draws_nothing),
	    WITH_LIST(test_empty_text),
	    WITH_LIST(test_random_paragraphs_stay_inside),
	    WITH_LIST(test_clip_leaves_out_lines_and_cuts_targets),
	    WITH_LIST(test_targets_topmost_first_and_clear),
	    cmocka_unit_test(test_rectangles_and_contrast),
	    WITH_LIST(test_mirror_twice_gives_the_frame_back),
	    WITH_LIST(test_mirror_puts_back_on_the_right),
	    WITH_LIST(test_right_to_left_flag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
