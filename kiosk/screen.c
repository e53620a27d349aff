/* screen.c — the widgets and phrases every screen shares, so buttons look
 * and behave the same everywhere and dates read the same on every card. */
#include "screen.h"

#include <string.h>

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

void screen_button(const screen_context *context, draw_rect box, const char *label,
                   const char *icon, screen_button_style style, int action, int argument)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	bool pressed = screen_is_pressed(context, action, argument);
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
	if (icon && icon[0] && inner.width > 3 * metrics->text_size) {
		int icon_side = metrics->text_size * 3 / 2;
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
	draw_target_add(context->list, box, action, argument, label);
}

void screen_tile(const screen_context *context, draw_rect box, const char *icon, const char *label,
                 bool selected, int action, int argument)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	bool pressed = screen_is_pressed(context, action, argument);
	draw_color fill = selected ? (pressed ? palette->primary_pressed : palette->primary)
	                           : (pressed ? palette->secondary_pressed : palette->surface);
	draw_color ink = selected ? palette->on_primary : palette->text;
	draw_fill(context->list, box, fill, metrics->radius);
	draw_frame(context->list, box, selected ? palette->primary_pressed : palette->border,
	           metrics->radius, metrics->border * (selected ? 2 : 1));
	draw_rect inner = draw_rect_inset(box, metrics->gap);
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
}

int screen_chip_height(const screen_context *context)
{
	return context->measurer->line_height(context->measurer->context, DRAW_FONT_BOLD,
	                                      context->metrics->small_size) +
	       context->metrics->gap / 2;
}

int screen_chip(const screen_context *context, int x, int y, int max_width, const char *text)
{
	const layout_metrics *metrics = context->metrics;
	int padding = metrics->gap;
	int text_width = context->measurer->text_width(context->measurer->context, DRAW_FONT_BOLD,
	                                               metrics->small_size, text, strlen(text));
	int width = text_width + 2 * padding;
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

static const char *weekday_name(const screen_context *context, int weekday)
{
	switch (weekday) {
	case 0: return screen_translate(context, "maandag");
	case 1: return screen_translate(context, "dinsdag");
	case 2: return screen_translate(context, "woensdag");
	case 3: return screen_translate(context, "donderdag");
	case 4: return screen_translate(context, "vrijdag");
	case 5: return screen_translate(context, "zaterdag");
	default: return screen_translate(context, "zondag");
	}
}

static const char *month_name(const screen_context *context, int month)
{
	switch (month) {
	case 1: return screen_translate(context, "januari");
	case 2: return screen_translate(context, "februari");
	case 3: return screen_translate(context, "maart");
	case 4: return screen_translate(context, "april");
	case 5: return screen_translate(context, "mei");
	case 6: return screen_translate(context, "juni");
	case 7: return screen_translate(context, "juli");
	case 8: return screen_translate(context, "augustus");
	case 9: return screen_translate(context, "september");
	case 10: return screen_translate(context, "oktober");
	case 11: return screen_translate(context, "november");
	default: return screen_translate(context, "december");
	}
}

void screen_format_meeting(const screen_context *context, const meeting *when, char *out,
                           size_t size)
{
	int year = 0, month = 0, day = 0;
	catalogue_civil_from_days(when->start.day, &year, &month, &day);
	char date[96];
	/* TRANSLATORS: weekday, day of the month, month: "dinsdag 24 november". */
	(void)text_format(date, sizeof(date), screen_translate(context, "%s %d %s"),
	                  weekday_name(context, catalogue_weekday(when->start.day)), day,
	                  month_name(context, month));
	if (!when->has_time) {
		(void)text_copy(out, size, date);
		return;
	}
	char clock[32];
	/* TRANSLATORS: a time of day, hours and minutes: "10.00 uur". */
	(void)text_format(clock, sizeof(clock), screen_translate(context, "%d.%02d uur"),
	                  when->start.minute / 60, when->start.minute % 60);
	(void)text_format(out, size, "%s, %s", date, clock);
}

void screen_format_walking(const screen_context *context, int minutes, char *out, size_t size)
{
	if (minutes < 0) {
		(void)text_copy(out, size, "");
	} else if (minutes == 1) {
		(void)text_copy(out, size, screen_translate(context, "1 minuut lopen"));
	} else {
		(void)text_format(out, size, screen_translate(context, "%d minuten lopen"),
		                  minutes);
	}
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
