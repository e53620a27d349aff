/* screen_attract.c — the poster a passer-by sees: one real upcoming group at
 * a time, large, with a call to touch the screen. Its content drifts slowly
 * so that a panel showing it twelve hours a day does not burn in. */
#include "screen_attract.h"

#include <string.h>

#include "screen_offer_text.h"
#include "screen_resident.h"
#include "text.h"

/* One sweep of the drift band takes this long each way: with a band of
 * about 15 mm that is a few pixels a minute, too slow to notice. The two
 * periods differ so the path covers the band instead of a diagonal. */
#define DRIFT_PERIOD_X_MS (23u * 60u * 1000u)
#define DRIFT_PERIOD_Y_MS (31u * 60u * 1000u)

/* 0 -> range -> 0 over one period, at constant speed. */
static int triangle(uint64_t clock_ms, uint64_t period_ms, int range)
{
	if (range <= 0) {
		return 0;
	}
	uint64_t half = period_ms / 2;
	uint64_t phase = clock_ms % period_ms;
	uint64_t distance = phase < half ? phase : period_ms - phase;
	if (distance > half) {
		distance = half;
	}
	return (int)((uint64_t)range * distance / half);
}

void screen_attract_drift(uint64_t clock_ms, int range_x, int range_y, int *offset_x, int *offset_y)
{
	*offset_x = triangle(clock_ms, DRIFT_PERIOD_X_MS, range_x);
	*offset_y = triangle(clock_ms, DRIFT_PERIOD_Y_MS, range_y);
}

/* One piece of the poster, stacked top to bottom. */
typedef enum part_kind { PART_TEXT, PART_ICON } part_kind;

typedef struct part {
	part_kind kind;
	const char *text; /* the text, or the icon's name */
	draw_text_style style;
	int icon_size;
	int height;   /* measured for the content width */
	int priority; /* 0 = always shown; higher = given up sooner when short of room */
	int space_before;
} part;

#define MAX_PARTS 8

typedef struct poster {
	part parts[MAX_PARTS];
	size_t count;
} poster;

/* A fresh part at the end of the sheet, or NULL when the sheet is full. */
static part *add_part(poster *sheet, part_kind kind, const char *text, int priority,
                      int space_before)
{
	if (sheet->count == MAX_PARTS) {
		return NULL;
	}
	part *piece = &sheet->parts[sheet->count++];
	memset(piece, 0, sizeof(*piece));
	piece->kind = kind;
	piece->text = text;
	piece->priority = priority;
	piece->space_before = space_before;
	return piece;
}

static void add_text(poster *sheet, const screen_context *context, int width, const char *text,
                     draw_font font, int size, int min_size, int max_lines, draw_color color,
                     int priority, int space_before)
{
	if (!text || !text[0]) {
		return;
	}
	part *piece = add_part(sheet, PART_TEXT, text, priority, space_before);
	if (!piece) {
		return;
	}
	draw_text_style style = {font,
	                         size,
	                         min_size < size ? min_size : size,
	                         max_lines,
	                         color,
	                         context->metrics->palette.attract_background,
	                         DRAW_ALIGN_CENTRE};
	piece->style = style;
	piece->height = draw_text_block_height(context->measurer, width, text, &style);
}

static void add_icon(poster *sheet, const char *name, int size, draw_color color,
                     draw_color background, int priority, int space_before)
{
	part *piece = add_part(sheet, PART_ICON, name, priority, space_before);
	if (!piece) {
		return;
	}
	piece->style.color = color;
	piece->style.background = background;
	piece->icon_size = size;
	piece->height = size;
}

static int poster_height(const poster *sheet, int dropped_from)
{
	int total = 0;
	bool first = true;
	for (size_t index = 0; index < sheet->count; index++) {
		const part *piece = &sheet->parts[index];
		if (dropped_from > 0 && piece->priority >= dropped_from) {
			continue;
		}
		total += (first ? 0 : piece->space_before) + piece->height;
		first = false;
	}
	return total;
}

/* Lays the parts out centred in `area`, giving up the least important ones
 * while they do not fit, and squeezing the rest as a last resort (text then
 * shrinks; nothing leaves the area). */
static void draw_poster(const screen_context *context, poster *sheet, draw_rect area)
{
	int dropped_from = 0; /* 0 = nothing dropped */
	int lowest = 0;
	for (size_t index = 0; index < sheet->count; index++) {
		if (sheet->parts[index].priority > lowest) {
			lowest = sheet->parts[index].priority;
		}
	}
	while (poster_height(sheet, dropped_from) > area.height && lowest > 0) {
		dropped_from = lowest;
		lowest--;
	}
	int total = poster_height(sheet, dropped_from);
	int top = area.y + (total < area.height ? (area.height - total) / 2 : 0);
	bool first = true;
	for (size_t index = 0; index < sheet->count; index++) {
		part *piece = &sheet->parts[index];
		if (dropped_from > 0 && piece->priority >= dropped_from) {
			continue;
		}
		if (!first) {
			top += piece->space_before;
		}
		first = false;
		int bottom = area.y + area.height;
		int height = piece->height;
		if (top + height > bottom) {
			height = bottom - top;
		}
		if (piece->kind == PART_ICON) {
			if (height < piece->icon_size) {
				continue;
			}
			draw_rect box = {area.x + (area.width - piece->icon_size) / 2, top,
			                 piece->icon_size, piece->icon_size};
			draw_icon(context->list, box, piece->text, piece->icon_size,
			          piece->style.color, piece->style.background);
		} else {
			int least =
			    screen_line_height(context, piece->style.font, piece->style.min_size);
			if (height < least) {
				continue;
			}
			draw_rect box = {area.x, top, area.width, height};
			(void)draw_text_block(context->list, context->measurer, box, piece->text,
			                      &piece->style);
		}
		top += height;
	}
}

/* The call to action: a large accent-coloured pill with a pointing hand.
 * Returns its height; drawn with its bottom at `bottom`. */
static int draw_call_to_action(const screen_context *context, draw_rect area)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const char *label = screen_translate(context, "Tik om te beginnen");
	int padding = metrics->gap * 2;
	int icon_side = metrics->title_size;
	draw_text_style style = {DRAW_FONT_BOLD,
	                         metrics->title_size,
	                         metrics->heading_size,
	                         2,
	                         palette->on_attract_accent,
	                         palette->attract_accent,
	                         DRAW_ALIGN_CENTRE};
	int width = screen_text_width(context, DRAW_FONT_BOLD, metrics->title_size, label);
	bool with_icon = true;
	int box_width = width + icon_side + metrics->gap + 2 * padding;
	if (box_width > area.width) {
		/* Too wide for one line: the label gets the whole pill and wraps. */
		with_icon = false;
		box_width = area.width;
	}
	int text_area = with_icon ? width : box_width - 2 * padding;
	int text_height = draw_text_block_height(context->measurer, text_area, label, &style);
	int height = text_height + 2 * metrics->gap;
	if (height < metrics->target * 2) {
		height = metrics->target * 2;
	}
	if (height > area.height) {
		height = area.height;
	}
	draw_rect box = {area.x + (area.width - box_width) / 2, area.y + area.height - height,
	                 box_width, height};
	draw_fill(context->list, box, palette->attract_accent,
	          height / 2 < metrics->radius * 3 ? height / 2 : metrics->radius * 3);
	int left = box.x + padding;
	if (with_icon) {
		draw_rect icon_box = {left, box.y + (height - icon_side) / 2, icon_side, icon_side};
		draw_icon(context->list, icon_box, "touch_app", icon_side,
		          palette->on_attract_accent, palette->attract_accent);
		left += icon_side + metrics->gap;
	}
	if (text_height > height) {
		text_height = height;
	}
	draw_rect text_box = {left, box.y + (height - text_height) / 2, text_area, text_height};
	(void)draw_text_block(context->list, context->measurer, text_box, label, &style);
	return height;
}

void screen_attract_build(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	draw_rect window = screen_window(context, palette->attract_background);

	/* The content lives in the page minus a drift band and moves through
	 * that band; at any offset it stays inside the margins. */
	draw_rect page = draw_rect_inset(window, metrics->margin);
	/* Landscape lines stay a readable length. */
	int readable = metrics->text_size * 30;
	/* The poster keeps below the "Aa" button when its column (at any drift)
	 * would reach it. */
	int column = page.width < readable ? page.width : readable;
	draw_rect reach = {page.x + (page.width - column) / 2 - metrics->margin, page.y,
	                   column + 2 * metrics->margin, page.height};
	if (screen_style_button_meets(context, reach)) {
		int below = screen_style_button_bottom(context);
		page.height -= below - page.y;
		page.y = below;
	}
	int band = metrics->margin * 2;
	if (band > page.width / 8) {
		band = page.width / 8;
	}
	if (band > page.height / 8) {
		band = page.height / 8;
	}
	int offset_x = 0, offset_y = 0;
	screen_attract_drift(context->clock_ms, band, band, &offset_x, &offset_y);
	draw_rect content = {page.x + offset_x, page.y + offset_y, page.width - band,
	                     page.height - band};
	if (content.width > readable) {
		content.x += (content.width - readable) / 2;
		content.width = readable;
	}

	int cta_height = draw_call_to_action(context, content);
	draw_rect upper = {content.x, content.y, content.width,
	                   content.height - cta_height - metrics->gap * 2};

	poster sheet = {0};
	int gap = metrics->gap;
	char meeting_line[160] = "";
	char walking_line[96] = "";
	const screen_offer *shown = NULL;
	if (context->upcoming && context->upcoming_count > 0) {
		shown = &context->upcoming[context->upcoming_shown % context->upcoming_count];
	}
	const char *centre = context->config ? context->config->centre_name : "";
	add_text(&sheet, context, upper.width, centre, DRAW_FONT_BOLD, metrics->text_size,
	         metrics->min_text_size, 1, palette->on_attract, 4, 0);
	if (shown && shown->item) {
		add_text(&sheet, context, upper.width,
		         screen_translate(context, "Binnenkort in de buurt"), DRAW_FONT_BOLD,
		         metrics->text_size, metrics->min_text_size, 1, palette->attract_accent, 3,
		         gap * 3);
		add_icon(&sheet, screen_offer_icon(shown->item), metrics->icon_size * 3,
		         palette->attract_accent, palette->attract_background, 2, gap * 2);
		add_text(&sheet, context, upper.width, screen_offer_name(context, shown->item),
		         DRAW_FONT_BOLD, metrics->title_size, metrics->heading_size, 3,
		         palette->on_attract, 0, gap * 2);
		if (shown->meeting_count > 0) {
			screen_format_meeting(context, &shown->meetings[0], meeting_line,
			                      sizeof(meeting_line));
		} else {
			(void)text_copy(meeting_line, sizeof(meeting_line),
			                screen_offer_schedule_text(context, shown->item));
		}
		add_text(&sheet, context, upper.width, meeting_line, DRAW_FONT_TEXT,
		         metrics->heading_size, metrics->text_size, 2, palette->on_attract, 0,
		         gap * 2);
		screen_format_walking(context, shown->walking_minutes, walking_line,
		                      sizeof(walking_line));
		add_text(&sheet, context, upper.width, walking_line, DRAW_FONT_TEXT,
		         metrics->heading_size, metrics->text_size, 1, palette->on_attract, 1, gap);
	} else {
		add_icon(&sheet, "groups", metrics->icon_size * 3, palette->attract_accent,
		         palette->attract_background, 2, gap * 3);
		add_text(&sheet, context, upper.width, screen_translate(context, "Welkom!"),
		         DRAW_FONT_BOLD, metrics->title_size, metrics->heading_size, 2,
		         palette->on_attract, 0, gap * 2);
		add_text(&sheet, context, upper.width,
		         screen_translate(context,
		                          "Hier vindt u groepen en activiteiten in de buurt "
		                          "die bij u passen."),
		         DRAW_FONT_TEXT, metrics->heading_size, metrics->text_size, 3,
		         palette->on_attract, 0, gap * 2);
	}
	if (upper.height > 0) {
		draw_poster(context, &sheet, upper);
	}

	const char *begin = screen_translate(context, "Tik om te beginnen");
	draw_target_add(context->list, window, ACTION_BEGIN, 0, begin);
	/* On top of "touch anywhere", so a touch on it changes the text. */
	screen_style_button(context);
}
