/* screen.c — the widgets and phrases every screen shares, so buttons look
 * and behave the same everywhere and dates read the same on every card. */
#include "screen.h"

#include <string.h>

#include "phrases.h"
#include "screen_offer_text.h"
#include "screen_resident.h"
#include "screen_volunteer_bar.h"
#include "text.h"
#include "translate.h"

const char *screen_translate(const screen_context *context, const char *msgid)
{
	return translate_text(context->messages, msgid);
}

bool screen_is_pressed(const screen_context *context, int action, int argument)
{
	return context->pressed_action != ACTION_NONE && context->pressed_action == action &&
	       context->pressed_argument == argument;
}

int screen_line_height(const screen_context *context, draw_font font, int size)
{
	return context->measurer->line_height(context->measurer->context, font, size);
}

int screen_text_width(const screen_context *context, draw_font font, int size, const char *text)
{
	return context->measurer->text_width(context->measurer->context, font, size, text,
	                                     strlen(text));
}

draw_rect screen_window(const screen_context *context, draw_color background)
{
	draw_rect window = {0, 0, context->metrics->width, context->metrics->height};
	draw_fill(context->list, window, background, 0);
	return window;
}

int screen_paragraph(const screen_context *context, draw_rect box, const char *text, draw_font font,
                     int size, draw_color color, draw_color background, draw_align align)
{
	draw_text_style style = {font,       size, context->metrics->min_text_size, 0, color,
	                         background, align};
	if (style.min_size > size) {
		style.min_size = size;
	}
	return draw_text_block(context->list, context->measurer, box, text, &style);
}

/* True when `label` sets at the full text size, bold, in at most two lines
 * `width` wide and `height` high, with no word broken: what a button needs
 * to read well. */
static bool label_fits(const screen_context *context, int width, int height, const char *label)
{
	const layout_metrics *metrics = context->metrics;
	const char *word = label;
	while (*word) {
		size_t length = strcspn(word, " \n");
		if (length > 0 &&
		    context->measurer->text_width(context->measurer->context, DRAW_FONT_BOLD,
		                                  metrics->text_size, word, length) > width) {
			return false;
		}
		word += length;
		word += strspn(word, " \n");
	}
	draw_text_style unlimited = {
	    DRAW_FONT_BOLD,        metrics->text_size,          metrics->text_size, 0,
	    metrics->palette.text, metrics->palette.background, DRAW_ALIGN_CENTRE};
	int line = screen_line_height(context, DRAW_FONT_BOLD, metrics->text_size);
	int needed = draw_text_block_height(context->measurer, width, label, &unlimited);
	return needed <= height && needed <= 2 * line;
}

void screen_button_face(const screen_context *context, draw_rect box, const char *label,
                        const char *icon, screen_button_style style, bool pressed)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	draw_color fill = style == SCREEN_BUTTON_PRIMARY
	                      ? (pressed ? palette->primary_pressed : palette->primary)
	                      : (pressed ? palette->secondary_pressed : palette->secondary);
	draw_color ink =
	    style == SCREEN_BUTTON_PRIMARY ? palette->on_primary : palette->on_secondary;
	draw_fill(context->list, box, fill, metrics->radius);
	if (style == SCREEN_BUTTON_SECONDARY) {
		draw_frame(context->list, box, palette->border, metrics->radius, metrics->border);
	}
	draw_rect inner = draw_rect_inset(box, metrics->gap);
	int icon_side = metrics->text_size * 3 / 2;
	bool with_icon = icon && icon[0] && inner.width > 3 * metrics->text_size;
	/* Large text: a label that would be shrunk, cut or broken inside a word
	 * beside the pictogram gets the whole button instead ("Terug", not
	 * "Teru-g"): the words matter more than the picture. */
	if (with_icon &&
	    !label_fits(context, inner.width - icon_side - metrics->gap / 2, inner.height, label)) {
		with_icon = false;
	}
	if (with_icon) {
		draw_rect icon_box = {inner.x, box.y + (box.height - icon_side) / 2, icon_side,
		                      icon_side};
		draw_icon(context->list, icon_box, icon, icon_side, ink, fill);
		inner.x += icon_side + metrics->gap / 2;
		inner.width -= icon_side + metrics->gap / 2;
	}
	draw_text_style text_style = {
	    DRAW_FONT_BOLD, metrics->text_size, metrics->min_text_size, 2, ink,
	    fill,           DRAW_ALIGN_CENTRE};
	int height = draw_text_block_height(context->measurer, inner.width, label, &text_style);
	if (height > inner.height) {
		height = inner.height;
	}
	draw_rect text_box = {inner.x, inner.y + (inner.height - height) / 2, inner.width,
	                      inner.height - (inner.height - height) / 2};
	(void)draw_text_block(context->list, context->measurer, text_box, label, &text_style);
}

void screen_button(const screen_context *context, draw_rect box, const char *label,
                   const char *icon, screen_button_style style, int action, int argument)
{
	screen_button_face(context, box, label, icon, style,
	                   screen_is_pressed(context, action, argument));
	draw_target_add(context->list, box, action, argument, label);
}

/* Where button `index` of a row lies: its share of the row by weight, the
 * right edge from the running weight so rounding never leaves the last
 * button short or long. */
static draw_rect button_slot(const screen_context *context, draw_rect row,
                             const screen_bar_button *buttons, size_t count, size_t index)
{
	int gap = context->metrics->gap;
	int total_weight = 0;
	int weight_before = 0;
	for (size_t other = 0; other < count; other++) {
		int weight = buttons[other].weight > 0 ? buttons[other].weight : 1;
		total_weight += weight;
		if (other < index) {
			weight_before += weight;
		}
	}
	int weight = buttons[index].weight > 0 ? buttons[index].weight : 1;
	int space = row.width - ((int)count - 1) * gap;
	int left = row.x + space * weight_before / total_weight + (int)index * gap;
	int right = index + 1 == count ? row.x + row.width
	                               : row.x + space * (weight_before + weight) / total_weight +
	                                     (int)index * gap;
	draw_rect box = {left, row.y, right - left, row.height};
	return box;
}

void screen_button_row(const screen_context *context, draw_rect row,
                       const screen_bar_button *buttons, size_t count)
{
	for (size_t index = 0; index < count; index++) {
		if (buttons[index].hidden) {
			continue;
		}
		screen_button(context, button_slot(context, row, buttons, count, index),
		              buttons[index].label, buttons[index].icon, buttons[index].style,
		              buttons[index].action, 0);
	}
}

int screen_bottom_bar(const screen_context *context, const screen_bar_button *buttons, size_t count,
                      bool draw)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	draw_rect row = {metrics->margin, 0, metrics->width - 2 * metrics->margin, 0};
	/* Tall enough for every label on at most two lines beside its icon,
	 * measured at the full size: a bar of shrunken labels reads badly. */
	int height = metrics->target;
	for (size_t index = 0; index < count; index++) {
		int width = button_slot(context, row, buttons, count, index).width;
		int label_room =
		    width - 2 * metrics->gap - metrics->text_size * 3 / 2 - metrics->gap / 2;
		draw_text_style style = {
		    DRAW_FONT_BOLD,        metrics->text_size, metrics->text_size, 2,
		    palette->on_secondary, palette->secondary, DRAW_ALIGN_CENTRE};
		int needed = draw_text_block_height(context->measurer, label_room,
		                                    buttons[index].label, &style) +
		             2 * metrics->gap;
		if (needed > height) {
			height = needed;
		}
	}
	row.y = metrics->height - metrics->margin - height;
	row.height = height;
	int bar_top = row.y - metrics->margin;
	if (draw) {
		draw_rect bar = {0, bar_top, metrics->width, metrics->height - bar_top};
		draw_fill(context->list, bar, palette->surface, 0);
		draw_rect rule = {0, bar_top, metrics->width, metrics->border};
		draw_fill(context->list, rule, palette->border, 0);
		screen_button_row(context, row, buttons, count);
	}
	return metrics->height - bar_top;
}

/* A page's title with its note: on one line when both fit in `width` (the
 * note at the end), else the title wrapped and the note below it, using
 * the whole page width once it is below `bottom`. Returns the y below
 * them, never above `bottom`. */
static int page_title(const screen_context *context, const char *title, const char *note, int width,
                      int bottom)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	int y = metrics->margin;
	int title_height = screen_line_height(context, DRAW_FONT_BOLD, metrics->heading_size);
	int note_height = screen_line_height(context, DRAW_FONT_TEXT, metrics->text_size);
	int title_width = screen_text_width(context, DRAW_FONT_BOLD, metrics->heading_size, title);
	int note_width = screen_text_width(context, DRAW_FONT_TEXT, metrics->text_size, note);
	if (title_width + 2 * metrics->gap + note_width <= width) {
		draw_rect title_box = {metrics->margin, y, title_width, title_height};
		draw_text_line(context->list, title_box, title, strlen(title), DRAW_FONT_BOLD,
		               metrics->heading_size, palette->text, palette->background,
		               DRAW_ALIGN_START);
		draw_rect note_box = {metrics->margin + width - note_width,
		                      y + title_height - note_height, note_width, note_height};
		draw_text_line(context->list, note_box, note, strlen(note), DRAW_FONT_TEXT,
		               metrics->text_size, palette->muted_text, palette->background,
		               DRAW_ALIGN_END);
		y += title_height;
		return y > bottom ? y : bottom;
	}
	draw_rect title_box = {metrics->margin, y, width, 2 * title_height};
	y += screen_paragraph(context, title_box, title, DRAW_FONT_BOLD, metrics->heading_size,
	                      palette->text, palette->background, DRAW_ALIGN_START);
	int note_room = y >= bottom ? metrics->width - 2 * metrics->margin : width;
	draw_rect note_box = {metrics->margin, y, note_room, 2 * note_height};
	y += screen_paragraph(context, note_box, note, DRAW_FONT_TEXT, metrics->text_size,
	                      palette->muted_text, palette->background, DRAW_ALIGN_START);
	return y > bottom ? y : bottom;
}

int screen_page_title(const screen_context *context, const char *title, const char *note)
{
	const layout_metrics *metrics = context->metrics;
	return page_title(context, title, note, metrics->width - 2 * metrics->margin, 0);
}

screen_choice_colors screen_choice_face(const screen_context *context, draw_rect box, bool selected,
                                        bool pressed, int frame_width)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	screen_choice_colors colors;
	colors.fill = selected ? (pressed ? palette->primary_pressed : palette->primary)
	                       : (pressed ? palette->secondary_pressed : palette->surface);
	colors.ink = selected ? palette->on_primary : palette->text;
	draw_fill(context->list, box, colors.fill, metrics->radius);
	draw_frame(context->list, box, selected ? palette->primary_pressed : palette->border,
	           metrics->radius, frame_width);
	return colors;
}

/* Where a tile's speaker button goes: along the tile's longer side, so the
 * pictogram and label lose the least. Sets *content to what is left for
 * them inside `inner`. */
static draw_rect tile_speaker_box(const screen_context *context, draw_rect box, draw_rect inner,
                                  draw_rect *content)
{
	const layout_metrics *metrics = context->metrics;
	int side = screen_speaker_side(context);
	int inset = metrics->gap / 2;
	draw_rect speaker = {box.x + inset, box.y + inset, side, side};
	*content = inner;
	if (box.width - side > box.height - side + side / 2) {
		/* A wide tile: the speaker on the left, the content beside it. */
		int left = speaker.x + side + metrics->gap / 2;
		content->width -= left - content->x;
		content->x = left;
	} else {
		/* A tall tile: the speaker on top, the content under it. */
		int top = speaker.y + side + metrics->gap / 2;
		content->height -= top - content->y;
		content->y = top;
	}
	return speaker;
}

/* An answer tile; with a speaker button in its corner when `speaker`. */
static void tile_build(const screen_context *context, draw_rect box, const char *icon,
                       const char *label, bool selected, int action, int argument, bool speaker)
{
	const layout_metrics *metrics = context->metrics;
	screen_choice_colors colors =
	    screen_choice_face(context, box, selected, screen_is_pressed(context, action, argument),
	                       metrics->border * (selected ? 2 : 1));
	draw_color fill = colors.fill;
	draw_color ink = colors.ink;
	draw_rect inner = draw_rect_inset(box, metrics->gap);
	draw_rect speaker_box = {0, 0, 0, 0};
	if (speaker) {
		speaker_box = tile_speaker_box(context, box, inner, &inner);
	}
	/* The pictogram takes what the label leaves, up to the icon size. */
	draw_text_style text_style = {
	    DRAW_FONT_BOLD, metrics->text_size, metrics->min_text_size, 3, ink,
	    fill,           DRAW_ALIGN_CENTRE};
	int text_height =
	    draw_text_block_height(context->measurer, inner.width, label, &text_style);
	/* Big tiles get big pictograms (up to twice the usual size, and never
	 * more than half the tile's width): the picture is what many residents
	 * read first. */
	int icon_side = inner.height - text_height - metrics->gap / 2;
	if (icon_side > 2 * metrics->icon_size) {
		icon_side = 2 * metrics->icon_size;
	}
	if (icon_side > inner.width / 2) {
		icon_side = inner.width / 2;
	}
	if (icon_side > metrics->icon_size && icon_side < inner.height * 2 / 5) {
		icon_side = metrics->icon_size > inner.height * 2 / 5 ? metrics->icon_size
		                                                      : inner.height * 2 / 5;
	}
	bool show_icon = icon && icon[0] && icon_side >= metrics->text_size;
	int content = text_height + (show_icon ? icon_side + metrics->gap / 2 : 0);
	int top = inner.y + (inner.height - content) / 2;
	if (top < inner.y) {
		top = inner.y;
	}
	if (show_icon) {
		draw_rect icon_box = {inner.x + (inner.width - icon_side) / 2, top, icon_side,
		                      icon_side};
		draw_icon(context->list, icon_box, icon, icon_side, ink, fill);
		top += icon_side + metrics->gap / 2;
	}
	draw_rect text_box = {inner.x, top, inner.width, inner.y + inner.height - top};
	(void)draw_text_block(context->list, context->measurer, text_box, label, &text_style);
	if (selected) {
		int mark = metrics->text_size;
		draw_rect mark_box = {box.x + box.width - mark - metrics->gap / 2,
		                      box.y + metrics->gap / 2, mark, mark};
		draw_icon(context->list, mark_box, "check_circle", mark, ink, fill);
	}
	draw_target_add(context->list, box, action, argument, label);
	if (speaker) {
		screen_speaker_button(context, speaker_box, label, argument);
	}
}

void screen_tile(const screen_context *context, draw_rect box, const char *icon, const char *label,
                 bool selected, int action, int argument)
{
	tile_build(context, box, icon, label, selected, action, argument, false);
}

void screen_answer_tile(const screen_context *context, draw_rect box, const char *icon,
                        const char *label, bool selected, int action, int argument)
{
	tile_build(context, box, icon, label, selected, action, argument,
	           screen_speakers_shown(context));
}

/* ---- The resident's own controls --------------------------------------- */

static const char *style_button_label(const screen_context *context)
{
	/* TRANSLATORS: the button that makes the text larger (and, last, light
	 * on black); it shows the pictogram "Aa". */
	return screen_translate(context, "Tekst");
}

draw_rect screen_style_button_box(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const char *label = style_button_label(context);
	int icon_side = metrics->text_size * 3 / 2;
	/* screen_button_face() insets by a gap and shows the pictogram only
	 * when the inside is wider than three ems. */
	int width = 2 * metrics->gap + icon_side + metrics->gap / 2 +
	            screen_text_width(context, DRAW_FONT_BOLD, metrics->text_size, label);
	if (width < 2 * metrics->gap + 3 * metrics->text_size + 1) {
		width = 2 * metrics->gap + 3 * metrics->text_size + 1;
	}
	int widest = (metrics->width - 2 * metrics->margin) / 3;
	if (width > widest) {
		width = widest;
	}
	if (width < metrics->target) {
		width = metrics->target;
	}
	int height =
	    screen_line_height(context, DRAW_FONT_BOLD, metrics->text_size) + 2 * metrics->gap;
	if (height < metrics->target) {
		height = metrics->target;
	}
	/* Under the band of the "Vrijwilliger? Tik hier" bar, which also keeps
	 * it out of the corner held for the volunteer's menu. */
	int top = screen_volunteer_bar_height(context);
	if (top < metrics->margin) {
		top = metrics->margin;
	}
	draw_rect box = {metrics->width - metrics->margin - width, top, width, height};
	return box;
}

int screen_style_button_bottom(const screen_context *context)
{
	draw_rect box = screen_style_button_box(context);
	return box.y + box.height + context->metrics->gap;
}

bool screen_style_button_meets(const screen_context *context, draw_rect area)
{
	draw_rect box = screen_style_button_box(context);
	int gap = context->metrics->gap;
	draw_rect around = {box.x - gap, box.y - gap, box.width + 2 * gap, box.height + 2 * gap};
	draw_rect overlap = draw_rect_intersect(around, area);
	return overlap.width > 0 && overlap.height > 0;
}

void screen_style_button(const screen_context *context)
{
	const char *label = style_button_label(context);
	screen_button(context, screen_style_button_box(context), label, "format_size",
	              SCREEN_BUTTON_SECONDARY, ACTION_TEXT_STYLE, 0);
}

int screen_resident_page_title(const screen_context *context, const char *title, const char *note)
{
	/* Beside the text-size button; below it the note may use the whole width. */
	const layout_metrics *metrics = context->metrics;
	draw_rect button = screen_style_button_box(context);
	return page_title(context, title, note, button.x - metrics->gap - metrics->margin,
	                  screen_style_button_bottom(context));
}

bool screen_speakers_shown(const screen_context *context)
{
	return context->resident != NULL && context->resident->read_aloud;
}

int screen_speaker_side(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	/* A target, and room for the pictogram at body size inside its frame. */
	int side = metrics->text_size + 2 * metrics->gap / 2 + 2 * metrics->border;
	return side > metrics->target ? side : metrics->target;
}

void screen_speaker_button(const screen_context *context, draw_rect box, const char *what,
                           int argument)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	bool pressed = screen_is_pressed(context, ACTION_SPEAK, argument);
	draw_color fill = pressed ? palette->secondary_pressed : palette->secondary;
	draw_fill(context->list, box, fill, metrics->radius);
	draw_frame(context->list, box, palette->border, metrics->radius, metrics->border);
	int icon_side = box.width < box.height ? box.width : box.height;
	icon_side -= 2 * (metrics->border + metrics->gap / 4);
	if (icon_side > metrics->text_size * 3 / 2) {
		icon_side = metrics->text_size * 3 / 2;
	}
	if (icon_side > 0) {
		draw_rect icon_box = {box.x + (box.width - icon_side) / 2,
		                      box.y + (box.height - icon_side) / 2, icon_side, icon_side};
		draw_icon(context->list, icon_box, "volume_up", icon_side, palette->on_secondary,
		          fill);
	}
	char label[256];
	/* TRANSLATORS: the label of a speaker button; %s is what it reads
	 * aloud (an answer, or an offer's name). */
	(void)text_format(label, sizeof(label), screen_translate(context, "Voorlezen: %s"), what);
	draw_target_add(context->list, box, ACTION_SPEAK, argument, label);
}

int screen_chip_height(const screen_context *context)
{
	return screen_line_height(context, DRAW_FONT_BOLD, context->metrics->small_size) +
	       context->metrics->gap / 2;
}

int screen_chip_width(const screen_context *context, const char *text)
{
	return screen_text_width(context, DRAW_FONT_BOLD, context->metrics->small_size, text) +
	       2 * context->metrics->gap;
}

int screen_chip(const screen_context *context, int x, int y, int max_width, const char *text)
{
	const layout_metrics *metrics = context->metrics;
	int padding = metrics->gap;
	int width = screen_chip_width(context, text);
	int text_width = width - 2 * padding;
	if (width > max_width) {
		return 0;
	}
	int height = screen_chip_height(context);
	draw_rect box = {x, y, width, height};
	draw_fill(context->list, box, metrics->palette.chip, height / 2);
	draw_rect text_box = {x + padding, y, text_width, height};
	draw_text_line(context->list, text_box, text, strlen(text), DRAW_FONT_BOLD,
	               metrics->small_size, metrics->palette.on_chip, metrics->palette.chip,
	               DRAW_ALIGN_CENTRE);
	return width;
}

const char *screen_weekday_name(const screen_context *context, int weekday)
{
	return phrases_weekday_name(context->messages, weekday);
}

const char *screen_month_name(const screen_context *context, int month)
{
	return phrases_month_name(context->messages, month);
}

void screen_format_meeting(const screen_context *context, const meeting *when, char *out,
                           size_t size)
{
	phrases_meeting(context->messages, when, false, out, size);
}

void screen_format_walking(const screen_context *context, int minutes, char *out, size_t size)
{
	phrases_walking(context->messages, minutes, NULL, out, size);
}

void screen_format_date(const screen_context *context, int32_t days, char *out, size_t size)
{
	phrases_date(context->messages, days, out, size);
}

const char *screen_offer_language_code(const screen_context *context)
{
	if (context->messages != NULL) {
		for (size_t index = 0; index < context->language_count; index++) {
			const screen_language *language = &context->languages[index];
			if (language->messages == context->messages && language->code != NULL) {
				return language->code;
			}
		}
	}
	return "nl";
}

const char *screen_offer_name(const screen_context *context, const offer *item)
{
	return catalogue_offer_text_in_language(item, FIELD_NAME,
	                                        screen_offer_language_code(context));
}

const char *screen_offer_description(const screen_context *context, const offer *item)
{
	return catalogue_offer_text_in_language(item, FIELD_DESCRIPTION,
	                                        screen_offer_language_code(context));
}

const char *screen_offer_schedule_text(const screen_context *context, const offer *item)
{
	return catalogue_offer_text_in_language(item, FIELD_SCHEDULE_TEXT,
	                                        screen_offer_language_code(context));
}

const char *screen_cost_words(const screen_context *context, const offer *item)
{
	const char *cost_text = catalogue_offer_text_in_language(
	    item, FIELD_COST_TEXT, screen_offer_language_code(context));
	if (cost_text[0]) {
		return cost_text;
	}
	if (item->cost & COST_FREE) {
		return screen_translate(context, "Gratis");
	}
	if (item->cost & COST_CONTRIBUTION) {
		return screen_translate(context, "Eigen bijdrage");
	}
	if (item->cost & COST_REIMBURSED) {
		return screen_translate(context, "Vergoed");
	}
	if (item->cost & COST_PAID) {
		return screen_translate(context, "Betaald");
	}
	return "";
}

const char *screen_offer_icon(const offer *item)
{
	static const struct {
		unsigned bit;
		const char *icon;
	} themes[] = {
	    {THEME_MOVING, "directions_walk"}, {THEME_FOOD, "restaurant"},
	    {THEME_SLEEP, "bedtime"},          {THEME_RELAXATION, "self_improvement"},
	    {THEME_SMOKING, "smoke_free"},     {THEME_ALCOHOL, "no_drinks"},
	    {THEME_MEETING, "groups"},
	};
	if (item->kind == KIND_WALKING_GROUP) {
		return "directions_walk";
	}
	for (size_t index = 0; index < sizeof(themes) / sizeof(themes[0]); index++) {
		if (item->themes & themes[index].bit) {
			return themes[index].icon;
		}
	}
	switch (item->kind) {
	case KIND_ONLINE: return "computer";
	case KIND_PHONE: return "call";
	case KIND_BUDDY: return "people";
	case KIND_COURSE: return "school";
	default: return "groups";
	}
}
