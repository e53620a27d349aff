/* screen_volunteer.c — the volunteer's pages: a big PIN pad, what a stick's
 * catalogue would change, the import's progress and result, and the menu.
 * Volunteers are not technical: few words, large numbers, one way on. */
#include "screen_volunteer.h"

#include "text.h"

/* Dots shown for a PIN: the longest PIN volunteer_pin accepts. */
#define PIN_MAX_DOTS 8
/* PIN keys: at least a target, about this size where the window allows. */
#define KEY_IDEAL_MM 25.0
#define KEY_GOOD_MM  20.0

static const char *or_empty(const char *text)
{
	return text ? text : "";
}

static int smaller(int a, int b)
{
	return a < b ? a : b;
}

static int larger(int a, int b)
{
	return a > b ? a : b;
}

/* A comfortable reading width: long lines across a landscape panel are
 * hard to follow. */
static int readable_width(const screen_context *context, int available)
{
	return smaller(available, context->metrics->text_size * 26);
}

static draw_text_style text_style(const screen_context *context, draw_font font, int size,
                                  int max_lines, draw_color color, draw_color background,
                                  draw_align align)
{
	draw_text_style style = {font,      size,  smaller(context->metrics->min_text_size, size),
	                         max_lines, color, background,
	                         align};
	return style;
}

/* A paragraph at most `max_height` high (shrinking, then ending in "…");
 * draws only when `draw`. Returns its height. */
static int paragraph(const screen_context *context, bool draw, draw_rect box, const char *text,
                     const draw_text_style *style)
{
	if (!text[0] || box.width <= 0 || box.height <= 0) {
		return 0;
	}
	int height = draw_text_block_height(context->measurer, box.width, text, style);
	if (height > box.height) {
		height = box.height;
	}
	if (!draw) {
		return height;
	}
	box.height = height;
	return draw_text_block(context->list, context->measurer, box, text, style);
}

/* A box in the notice colours with a pictogram and up to `max_lines` lines:
 * wrong PINs, a file that cannot be used, the outcome of a menu entry.
 * Draws only when `draw`; returns the height (0 for no text). */
static int notice(const screen_context *context, bool draw, draw_rect box, const char *text,
                  const char *icon, int max_lines, draw_color fill, draw_color ink)
{
	if (!text[0]) {
		return 0;
	}
	const layout_metrics *metrics = context->metrics;
	int padding = metrics->gap;
	int icon_side = metrics->text_size;
	int text_left = 2 * padding + icon_side;
	draw_rect text_box = {box.x + text_left, box.y + padding, box.width - text_left - padding,
	                      0};
	if (text_box.width <= 0) {
		return 0;
	}
	draw_text_style style = text_style(context, DRAW_FONT_BOLD, metrics->text_size, max_lines,
	                                   ink, fill, DRAW_ALIGN_START);
	int text_height = draw_text_block_height(context->measurer, text_box.width, text, &style);
	int height = larger(text_height, icon_side) + 2 * padding;
	if (box.height > 0 && height > box.height) {
		height = box.height;
		text_height = height - 2 * padding;
	}
	if (draw) {
		draw_rect frame = {box.x, box.y, box.width, height};
		draw_fill(context->list, frame, fill, metrics->radius);
		draw_rect icon_box = {box.x + padding, box.y + padding, icon_side, icon_side};
		draw_icon(context->list, icon_box, icon, icon_side, ink, fill);
		text_box.height = text_height;
		(void)draw_text_block(context->list, context->measurer, text_box, text, &style);
	}
	return height;
}

static int warning(const screen_context *context, bool draw, draw_rect box, const char *text,
                   int max_lines)
{
	const layout_palette *palette = &context->metrics->palette;
	return notice(context, draw, box, text, "warning", max_lines, palette->notice,
	              palette->on_notice);
}

/* The bar at the foot with one or two buttons; returns its top. */
static int bottom_bar(const screen_context *context, const screen_bar_button *buttons, size_t count,
                      bool draw)
{
	return context->metrics->height - screen_bottom_bar(context, buttons, count, draw);
}

/* ---- PIN -------------------------------------------------------------- */

typedef struct pad_geometry {
	int key_width, key_height;
	int width, height; /* the whole pad */
} pad_geometry;

/* Keys as large as the room allows up to KEY_IDEAL_MM high (and never below
 * a target), at most twice as wide as high: wide keys are easy to hit, but
 * a pad stretched across the window is not a pad any more. */
static pad_geometry pad_for(const screen_context *context, int width, int height)
{
	const layout_metrics *metrics = context->metrics;
	int gap = metrics->gap;
	pad_geometry pad;
	pad.key_height = (height - 3 * gap) / 4;
	pad.key_height = smaller(pad.key_height, layout_millimetres(metrics, KEY_IDEAL_MM));
	pad.key_height = larger(pad.key_height, metrics->target);
	pad.key_width = (width - 2 * gap) / 3;
	pad.key_width = smaller(pad.key_width, 2 * pad.key_height);
	pad.key_width = larger(pad.key_width, metrics->target);
	pad.width = 3 * pad.key_width + 2 * gap;
	pad.height = 4 * pad.key_height + 3 * gap;
	return pad;
}

/* One key: the digit (or OK) large, or the erase pictogram. Greyed keys
 * (locked) have no target and no pressed look. */
static void pad_key(const screen_context *context, draw_rect box, const char *label,
                    const char *icon, int action, int argument, bool primary, bool locked)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	bool pressed = !locked && screen_is_pressed(context, action, argument);
	draw_color fill, ink;
	if (locked) {
		fill = palette->background;
		ink = palette->muted_text;
	} else if (primary) {
		fill = pressed ? palette->primary_pressed : palette->primary;
		ink = palette->on_primary;
	} else {
		fill = pressed ? palette->secondary_pressed : palette->secondary;
		ink = palette->on_secondary;
	}
	draw_fill(context->list, box, fill, metrics->radius);
	if (!primary || locked) {
		draw_frame(context->list, box, palette->border, metrics->radius, metrics->border);
	}
	draw_rect inner = draw_rect_inset(box, metrics->border);
	if (icon) {
		int side = smaller(smaller(inner.height, inner.width), metrics->digits_size);
		draw_rect icon_box = {inner.x + (inner.width - side) / 2,
		                      inner.y + (inner.height - side) / 2, side, side};
		draw_icon(context->list, icon_box, icon, side, ink, fill);
	} else {
		draw_text_style style = text_style(context, DRAW_FONT_BOLD, metrics->digits_size, 1,
		                                   ink, fill, DRAW_ALIGN_CENTRE);
		int height = draw_text_block_height(context->measurer, inner.width, label, &style);
		height = smaller(height, inner.height);
		draw_rect text_box = {inner.x, inner.y + (inner.height - height) / 2, inner.width,
		                      inner.height - (inner.height - height) / 2};
		(void)draw_text_block(context->list, context->measurer, text_box, label, &style);
	}
	if (!locked) {
		draw_target_add(context->list, box, action, argument, label);
	}
}

static void draw_pad(const screen_context *context, int x, int y, pad_geometry pad, bool locked)
{
	int gap = context->metrics->gap;
	for (int key = 0; key < 12; key++) {
		int row = key / 3;
		int column = key % 3;
		draw_rect box = {x + column * (pad.key_width + gap),
		                 y + row * (pad.key_height + gap), pad.key_width, pad.key_height};
		if (key < 9) {
			char digit[2] = {(char)('1' + key), '\0'};
			pad_key(context, box, digit, NULL, ACTION_PIN_DIGIT, key + 1, false,
			        locked);
		} else if (key == 9) {
			pad_key(context, box, screen_translate(context, "Wissen"), "backspace",
			        ACTION_PIN_ERASE, 0, false, locked);
		} else if (key == 10) {
			pad_key(context, box, "0", NULL, ACTION_PIN_DIGIT, 0, false, locked);
		} else {
			pad_key(context, box, screen_translate(context, "OK"), NULL, ACTION_PIN_OK,
			        0, true, locked);
		}
	}
}

/* The field that shows one dot per typed digit (never the digits). */
static int pin_field_height(const screen_context *context)
{
	return context->metrics->text_size + 2 * context->metrics->gap;
}

static void draw_pin_field(const screen_context *context, draw_rect box, int typed)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	draw_fill(context->list, box, palette->surface, metrics->radius);
	draw_frame(context->list, box, palette->border, metrics->radius, metrics->border);
	if (typed < 0) {
		typed = 0;
	}
	if (typed > PIN_MAX_DOTS) {
		typed = PIN_MAX_DOTS;
	}
	int dot = metrics->text_size * 2 / 3;
	int spacing = metrics->gap;
	int row = typed * dot + (typed > 0 ? (typed - 1) * spacing : 0);
	int left = box.x + (box.width - row) / 2;
	for (int index = 0; index < typed; index++) {
		draw_rect dot_box = {left + index * (dot + spacing), box.y + (box.height - dot) / 2,
		                     dot, dot};
		draw_fill(context->list, dot_box, palette->text, dot / 2);
	}
}

/* Instruction, dots and message in a column starting at (x, y); returns
 * the height used. */
static int pin_info(const screen_context *context, int x, int y, int width)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const screen_volunteer *volunteer = context->volunteer;
	int top = y;
	draw_text_style style = text_style(context, DRAW_FONT_BOLD, metrics->heading_size, 2,
	                                   palette->text, palette->background, DRAW_ALIGN_CENTRE);
	draw_rect instruction = {x, y, width, 4 * metrics->heading_size};
	y += paragraph(context, true, instruction, screen_translate(context, "Typ de pincode"),
	               &style) +
	     metrics->gap;
	draw_rect field = {x, y, width, pin_field_height(context)};
	draw_pin_field(context, field, volunteer->pin_length);
	y += field.height + metrics->gap;
	draw_rect message = {x, y, width, 0};
	int used = warning(context, true, message, or_empty(volunteer->pin_message), 4);
	y += used ? used + metrics->gap : 0;
	return y - top;
}

static void build_pin(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const screen_volunteer *volunteer = context->volunteer;
	const char *purpose = or_empty(volunteer->pin_purpose);
	int top =
	    screen_page_title(
	        context, purpose[0] ? purpose : screen_translate(context, "Vrijwilligers"), "") +
	    metrics->gap;
	const screen_bar_button cancel[] = {
	    {screen_translate(context, "Annuleren"), "close", SCREEN_BUTTON_SECONDARY,
	     ACTION_VOLUNTEER_CANCEL, 1, false},
	};
	int bar_top = bottom_bar(context, cancel, 1, false);
	int page_width = metrics->width - 2 * metrics->margin;
	int area_bottom = bar_top - metrics->gap;
	bool locked = volunteer->pin_locked;
	if (metrics->portrait) {
		/* The pad stays put just above the bar whatever the message says,
		 * so fingers find the same keys on a second try. */
		int column = readable_width(context, page_width);
		int left = metrics->margin + (page_width - column) / 2;
		int info = pin_info(context, left, top, column);
		pad_geometry pad = pad_for(context, column, area_bottom - top - info);
		int pad_top = area_bottom - pad.height;
		if (pad_top < top + info) {
			pad_top = top + info;
		}
		draw_pad(context, metrics->margin + (page_width - pad.width) / 2, pad_top, pad,
		         locked);
	} else {
		/* Words on the left, the pad on the right, centred in its half. */
		int half = (page_width - 2 * metrics->gap) / 2;
		(void)pin_info(context, metrics->margin, top, half);
		int right = metrics->margin + page_width - half;
		pad_geometry pad = pad_for(context, half, area_bottom - top);
		int pad_top = top + larger(0, (area_bottom - top - pad.height) / 2);
		draw_pad(context, right + (half - pad.width) / 2, pad_top, pad, locked);
	}
	(void)bottom_bar(context, cancel, 1, true);
}

/* ---- Preview ---------------------------------------------------------- */

/* The four counts as tiles: a big number above its word. Four in a row when
 * every word fits, else two rows of two. Returns the height. */
static int count_tiles(const screen_context *context, int x, int y, int width)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const screen_volunteer *volunteer = context->volunteer;
	const struct {
		size_t count;
		const char *word;
	} counts[4] = {
	    {volunteer->new_count, screen_translate(context, "nieuw")},
	    {volunteer->changed_count, screen_translate(context, "veranderd")},
	    {volunteer->removed_count, screen_translate(context, "verwijderd")},
	    {volunteer->unchanged_count, screen_translate(context, "hetzelfde")},
	};
	int gap = metrics->gap;
	int columns = 4;
	for (size_t index = 0; index < 4; index++) {
		int tile = (width - 3 * gap) / 4;
		if (screen_text_width(context, DRAW_FONT_TEXT, metrics->text_size,
		                      counts[index].word) > tile - 2 * gap) {
			columns = 2;
		}
	}
	int rows = 4 / columns;
	int tile_width = (width - (columns - 1) * gap) / columns;
	int number_line = screen_line_height(context, DRAW_FONT_BOLD, metrics->digits_size);
	int word_line = screen_line_height(context, DRAW_FONT_TEXT, metrics->text_size);
	int tile_height = number_line + word_line + 2 * gap;
	for (size_t index = 0; index < 4; index++) {
		int row = (int)index / columns;
		int column = (int)index % columns;
		draw_rect box = {x + column * (tile_width + gap), y + row * (tile_height + gap),
		                 tile_width, tile_height};
		draw_fill(context->list, box, palette->surface, metrics->radius);
		draw_frame(context->list, box, palette->border, metrics->radius, metrics->border);
		char number[32];
		(void)text_format(number, sizeof(number), "%zu", counts[index].count);
		draw_rect inner = {box.x + gap, box.y + gap, box.width - 2 * gap, number_line};
		draw_text_style big =
		    text_style(context, DRAW_FONT_BOLD, metrics->digits_size, 1, palette->text,
		               palette->surface, DRAW_ALIGN_CENTRE);
		(void)draw_text_block(context->list, context->measurer, inner, number, &big);
		draw_rect word_box = {inner.x, inner.y + number_line, inner.width, word_line};
		draw_text_style small =
		    text_style(context, DRAW_FONT_TEXT, metrics->text_size, 1, palette->muted_text,
		               palette->surface, DRAW_ALIGN_CENTRE);
		(void)draw_text_block(context->list, context->measurer, word_box,
		                      counts[index].word, &small);
	}
	return rows * tile_height + (rows - 1) * gap;
}

/* The problem lines in a card that scrolls; a line stays whole (wrapped),
 * and only lines in view are drawn. Returns the content's full height. */
static int problem_list(const screen_context *context, draw_rect card)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const screen_volunteer *volunteer = context->volunteer;
	int padding = metrics->gap;
	int icon_side = metrics->text_size;
	int text_left = padding + icon_side + metrics->gap / 2;
	int text_width = card.width - text_left - padding;
	draw_fill(context->list, card, palette->surface, metrics->radius);
	draw_target_add(context->list, card, ACTION_SCROLL_AREA, 0, "");
	draw_clip(context->list, card);
	int y = padding;
	if (volunteer->problem_count == 0 || !volunteer->problems) {
		const char *none = screen_translate(context, "Geen problemen gevonden.");
		draw_text_style style =
		    text_style(context, DRAW_FONT_TEXT, metrics->text_size, 0, palette->text,
		               palette->surface, DRAW_ALIGN_START);
		int height = draw_text_block_height(context->measurer, text_width, none, &style);
		int screen_y = card.y + y - volunteer->scroll;
		draw_rect icon_box = {card.x + padding, screen_y, icon_side, icon_side};
		draw_icon(context->list, icon_box, "check_circle", icon_side, palette->on_chip,
		          palette->surface);
		draw_rect box = {card.x + text_left, screen_y, text_width, height};
		(void)draw_text_block(context->list, context->measurer, box, none, &style);
		y += larger(height, icon_side) + padding;
	} else {
		draw_text_style style =
		    text_style(context, DRAW_FONT_TEXT, metrics->text_size, 0, palette->text,
		               palette->surface, DRAW_ALIGN_START);
		/* Size stays fixed (min = size): a list reads evenly, and the
		 * height measured is the height drawn. */
		style.min_size = style.size;
		for (size_t index = 0; index < volunteer->problem_count; index++) {
			const char *line = or_empty(volunteer->problems[index]);
			int height = larger(
			    draw_text_block_height(context->measurer, text_width, line, &style),
			    icon_side);
			int screen_y = card.y + y - volunteer->scroll;
			if (screen_y < card.y + card.height && screen_y + height > card.y) {
				draw_rect icon_box = {card.x + padding, screen_y, icon_side,
				                      icon_side};
				draw_icon(context->list, icon_box, "error_outline", icon_side,
				          palette->muted_text, palette->surface);
				draw_rect box = {card.x + text_left, screen_y, text_width, height};
				(void)draw_text_block(context->list, context->measurer, box, line,
				                      &style);
			}
			y += height + metrics->gap / 2;
		}
		y += padding - metrics->gap / 2;
	}
	draw_clip_end(context->list);
	draw_frame(context->list, card, palette->border, metrics->radius, metrics->border);
	return y;
}

static void build_preview(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const screen_volunteer *volunteer = context->volunteer;
	const screen_bar_button buttons[] = {
	    {screen_translate(context, "Annuleren"), "close", SCREEN_BUTTON_SECONDARY,
	     ACTION_VOLUNTEER_CANCEL, 1, false},
	    {screen_translate(context, "Bijwerken"), "system_update_alt", SCREEN_BUTTON_PRIMARY,
	     ACTION_VOLUNTEER_APPLY, 1, !volunteer->can_apply},
	};
	size_t button_count = sizeof(buttons) / sizeof(buttons[0]);
	int bar_top = bottom_bar(context, buttons, button_count, false);
	int width = metrics->width - 2 * metrics->margin;
	int x = metrics->margin;
	int y = screen_page_title(context,
	                          screen_translate(context, "Nieuwe catalogus op de stick"), "") +
	        metrics->gap;
	y += count_tiles(context, x, y, width) + metrics->gap;
	draw_rect message = {x, y, width, 0};
	int used = warning(context, true, message, or_empty(volunteer->file_message), 3);
	y += used ? used + metrics->gap : 0;
	if (volunteer->problem_count > 0) {
		char heading[96];
		(void)text_format(heading, sizeof(heading),
		                  screen_translate(context, "Problemen in het bestand: %zu"),
		                  volunteer->problem_count);
		draw_text_style style =
		    text_style(context, DRAW_FONT_BOLD, metrics->text_size, 1, palette->text,
		               palette->background, DRAW_ALIGN_START);
		draw_rect box = {x, y, width, 2 * metrics->text_size};
		y += paragraph(context, true, box, heading, &style) + metrics->gap / 2;
	}
	draw_rect card = {x, y, width, bar_top - metrics->gap - y};
	if (card.height < metrics->target) {
		card.height = metrics->target;
	}
	int content = problem_list(context, card);
	(void)bottom_bar(context, buttons, button_count, true);
	if (context->content_height) {
		*context->content_height = content;
	}
}

/* ---- Importing -------------------------------------------------------- */

static void build_importing(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	int percent = context->volunteer->progress_percent;
	percent = larger(0, smaller(100, percent));
	int page_width = metrics->width - 2 * metrics->margin;
	int width = readable_width(context, page_width);
	int x = metrics->margin + (page_width - width) / 2;
	const char *title = screen_translate(context, "Bezig met bijwerken…");
	const char *keep = screen_translate(context, "Haal de stick er nog niet uit.");
	char amount[32];
	/* TRANSLATORS: how far the import is: "45%". */
	(void)text_format(amount, sizeof(amount), screen_translate(context, "%d%%"), percent);
	draw_text_style title_style =
	    text_style(context, DRAW_FONT_BOLD, metrics->heading_size, 2, palette->text,
	               palette->background, DRAW_ALIGN_CENTRE);
	draw_text_style amount_style =
	    text_style(context, DRAW_FONT_BOLD, metrics->text_size, 1, palette->text,
	               palette->background, DRAW_ALIGN_CENTRE);
	int title_height = draw_text_block_height(context->measurer, width, title, &title_style);
	int amount_height = screen_line_height(context, DRAW_FONT_BOLD, metrics->text_size);
	int bar_height = larger(layout_millimetres(metrics, 8.0), metrics->gap);
	draw_rect probe = {x, 0, width, 0};
	int keep_height =
	    notice(context, false, probe, keep, "usb", 3, palette->notice, palette->on_notice);
	int gap = metrics->gap;
	int total =
	    title_height + 2 * gap + bar_height + gap + amount_height + 2 * gap + keep_height;
	int y = larger(metrics->margin, (metrics->height - total) / 2);

	draw_rect title_box = {x, y, width, title_height};
	y += paragraph(context, true, title_box, title, &title_style) + 2 * gap;
	draw_rect track = {x, y, width, bar_height};
	draw_fill(context->list, track, palette->secondary, bar_height / 2);
	draw_rect inner = draw_rect_inset(track, metrics->border);
	if (percent > 0) {
		draw_rect done = {inner.x, inner.y, inner.width * percent / 100, inner.height};
		draw_fill(context->list, done, palette->primary, inner.height / 2);
	}
	draw_frame(context->list, track, palette->border, bar_height / 2, metrics->border);
	y += bar_height + gap;
	draw_rect amount_box = {x, y, width, amount_height};
	(void)draw_text_block(context->list, context->measurer, amount_box, amount, &amount_style);
	y += amount_height + 2 * gap;
	draw_rect keep_box = {x, y, width, 0};
	(void)notice(context, true, keep_box, keep, "usb", 3, palette->notice, palette->on_notice);
}

/* ---- Result ----------------------------------------------------------- */

static void build_result(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const screen_volunteer *volunteer = context->volunteer;
	const screen_bar_button done[] = {
	    {screen_translate(context, "Klaar"), "check", SCREEN_BUTTON_PRIMARY,
	     ACTION_VOLUNTEER_DONE, 1, false},
	};
	int bar_top = bottom_bar(context, done, 1, false);
	int page_width = metrics->width - 2 * metrics->margin;
	int width = readable_width(context, page_width);
	int x = metrics->margin;
	int y = screen_page_title(context, or_empty(volunteer->result_title), "") + metrics->gap;
	const char *remove = screen_translate(context, "U kunt de stick nu verwijderen.");
	draw_rect probe = {x, 0, width, 0};
	int remove_height =
	    notice(context, false, probe, remove, "usb", 2, palette->chip, palette->on_chip);
	/* The detail takes what is left: shrunk, and cut with "…" only when
	 * it would push the notice off the page. */
	draw_rect detail = {x, y, width, bar_top - 2 * metrics->gap - remove_height - y};
	draw_text_style style = text_style(context, DRAW_FONT_TEXT, metrics->text_size, 0,
	                                   palette->text, palette->background, DRAW_ALIGN_START);
	int used = paragraph(context, true, detail, or_empty(volunteer->result_detail), &style);
	y += used ? used + metrics->gap : 0;
	draw_rect remove_box = {x, y, width, 0};
	(void)notice(context, true, remove_box, remove, "usb", 2, palette->chip, palette->on_chip);
	(void)bottom_bar(context, done, 1, true);
}

/* ---- Menu ------------------------------------------------------------- */

/* What the last menu entry did, done or not: no warning sign. */
static int outcome(const screen_context *context, bool draw, draw_rect box, const char *text)
{
	const layout_palette *palette = &context->metrics->palette;
	return notice(context, draw, box, text, "info", 3, palette->notice, palette->on_notice);
}

/* What the volunteers must know about the catalogue in use after a damaged
 * database was recovered, with its pictogram; "" when nothing. The words say
 * what to do, since the kiosk cannot fix it itself. */
static const char *restore_warning(const screen_context *context, screen_catalogue_warning warning,
                                   const char **icon)
{
	*icon = "warning";
	switch (warning) {
	case CATALOGUE_RESTORED_BACKUP:
		*icon = "info"; /* the catalogue is the last one applied: milder */
		return screen_translate(
		    context, "De database was beschadigd en is hersteld met de laatste "
		             "goede catalogus. Mist u iets? Zet de catalogus opnieuw op de "
		             "kiosk met een USB-stick.");
	case CATALOGUE_RESTORED_SAMPLE:
		return screen_translate(context,
		                        "Let op: de database was beschadigd en de laatste goede "
		                        "catalogus was niet te gebruiken. De kiosk toont nu de "
		                        "voorbeeldcatalogus. Zet de catalogus opnieuw op de kiosk "
		                        "met een USB-stick.");
	case CATALOGUE_RESTORED_NOTHING:
		return screen_translate(
		    context, "Let op: de database was beschadigd en er was geen catalogus "
		             "om terug te zetten. De kiosk heeft nu geen aanbod. Zet de "
		             "catalogus opnieuw op de kiosk met een USB-stick.");
	case CATALOGUE_AS_IMPORTED: break;
	}
	return "";
}

typedef struct menu_entry {
	const char *label;
	const char *icon;
	screen_menu_item item;
} menu_entry;

static void build_menu(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const screen_volunteer *volunteer = context->volunteer;
	const screen_bar_button close[] = {
	    {screen_translate(context, "Sluiten"), "close", SCREEN_BUTTON_SECONDARY,
	     ACTION_VOLUNTEER_CANCEL, 1, false},
	};
	int bar_top = bottom_bar(context, close, 1, false);
	int page_width = metrics->width - 2 * metrics->margin;
	int width = readable_width(context, page_width);
	int x = metrics->margin;
	int gap = metrics->gap;
	int y =
	    screen_page_title(context, screen_translate(context, "Menu voor vrijwilligers"), "") +
	    gap;

	char language[160];
	(void)text_format(language, sizeof(language),
	                  screen_translate(context, "Standaardtaal: %s"),
	                  or_empty(volunteer->language_default));
	menu_entry entries[MENU_ITEM_COUNT];
	size_t count = 0;
	if (context->printer_available) {
		entries[count++] = (menu_entry){screen_translate(context, "Testbriefje printen"),
		                                "print", MENU_PRINTER_TEST};
	}
	entries[count++] = (menu_entry){screen_translate(context, "Tellingen naar de stick"),
	                                "save_alt", MENU_EXPORT_COUNTS};
	entries[count++] = (menu_entry){language, "language", MENU_LANGUAGE_DEFAULT};
	entries[count++] = (menu_entry){screen_translate(context, "Kiosk opnieuw starten"),
	                                "restart_alt", MENU_RESTART};

	/* Buttons first: they must fit; the lines above them shrink instead. */
	int text_line = screen_line_height(context, DRAW_FONT_BOLD, metrics->text_size) + 2 * gap;
	int button_height = larger(metrics->target * 3 / 2, text_line);
	int buttons_height = (int)count * button_height + ((int)count - 1) * gap;
	draw_rect message_probe = {x, 0, width, 0};
	int message_height =
	    outcome(context, false, message_probe, or_empty(volunteer->menu_message));
	int summary_room =
	    bar_top - 2 * gap - buttons_height - y - (message_height ? message_height + gap : 0);
	if (summary_room < 0) {
		summary_room = 0;
	}
	/* A recovery's warning comes first: it matters more than the counts.
	 * Where the page is wide enough it stands beside the column, as tall
	 * as it needs; otherwise above the summaries, which get what is left. */
	const char *icon = "warning";
	const char *alert = restore_warning(context, volunteer->catalogue_warning, &icon);
	int side_x = x + width + 2 * gap;
	int side_width = metrics->margin + page_width - side_x;
	if (alert[0] && side_width >= metrics->text_size * 12) {
		draw_rect side = {side_x, y, side_width, bar_top - gap - y};
		(void)notice(context, true, side, alert, icon, 0, palette->notice,
		             palette->on_notice);
	} else if (alert[0] && summary_room > 0) {
		draw_rect above = {x, y, width, summary_room};
		int used = notice(context, true, above, alert, icon, 0, palette->notice,
		                  palette->on_notice);
		y += used + gap;
		summary_room = larger(0, summary_room - used - gap);
	}
	draw_text_style summary = text_style(context, DRAW_FONT_TEXT, metrics->text_size, 2,
	                                     palette->text, palette->background, DRAW_ALIGN_START);
	draw_rect first = {x, y, width, summary_room};
	int used =
	    paragraph(context, true, first, or_empty(volunteer->catalogue_summary), &summary);
	y += used;
	summary.color = palette->muted_text;
	draw_rect second = {x, y, width, summary_room - used};
	used = paragraph(context, true, second, or_empty(volunteer->last_import_summary), &summary);
	y += used + gap;
	draw_rect message = {x, y, width, 0};
	used = outcome(context, true, message, or_empty(volunteer->menu_message));
	y += used ? used + gap : 0;
	/* Whatever the lines above took, the buttons end above the bar. */
	if (y + buttons_height > bar_top - gap) {
		y = bar_top - gap - buttons_height;
	}
	for (size_t index = 0; index < count; index++) {
		draw_rect box = {x, y + (int)index * (button_height + gap), width, button_height};
		screen_button(context, box, entries[index].label, entries[index].icon,
		              SCREEN_BUTTON_SECONDARY, ACTION_MENU_ITEM, (int)entries[index].item);
	}
	(void)bottom_bar(context, close, 1, true);
}

void screen_volunteer_build(const screen_context *context)
{
	(void)screen_window(context, context->metrics->palette.background);
	if (!context->volunteer) {
		return;
	}
	switch (context->volunteer->page) {
	case VOLUNTEER_PIN: build_pin(context); break;
	case VOLUNTEER_PREVIEW: build_preview(context); break;
	case VOLUNTEER_IMPORTING: build_importing(context); break;
	case VOLUNTEER_RESULT: build_result(context); break;
	case VOLUNTEER_MENU: build_menu(context); break;
	}
}
