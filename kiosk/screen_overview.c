/* screen_overview.c — the welfare worker's overview: every answer as a row of
 * toggles changed in one tap, and the best results with up to three picks
 * to print together. */
#include "screen_overview.h"

#include "screen_offer_text.h"
#include "screen_resident.h"
#include "text.h"

/* The overview lists the best few; the full list is on the results screen. */
#define OVERVIEW_RESULTS 10u

/* Where the scrolling content goes: `origin` is the content's top on screen
 * (the list's top minus the scroll); nothing is drawn unless `draw`. */
typedef struct flow {
	const screen_context *context;
	bool draw;
	int x, width;
	int origin;
	draw_rect visible; /* the list area: rows outside it are skipped */
} flow;

static bool row_visible(const flow *place, int y, int height)
{
	int top = place->origin + y;
	return place->draw && top < place->visible.y + place->visible.height &&
	       top + height > place->visible.y;
}

/* ---- One answer toggle ------------------------------------------------- */

typedef struct toggle_size {
	int width, height;
} toggle_size;

static int toggle_icon_side(const screen_context *context)
{
	return context->metrics->text_size;
}

static draw_text_style toggle_style(const screen_context *context, draw_color ink, draw_color fill)
{
	const layout_metrics *metrics = context->metrics;
	draw_text_style style = {DRAW_FONT_TEXT, metrics->text_size, metrics->min_text_size, 2, ink,
	                         fill,           DRAW_ALIGN_START};
	if (style.min_size > style.size) {
		style.min_size = style.size;
	}
	return style;
}

/* A toggle holds a check-box or radio pictogram and its label on one line;
 * a label too long for the row wraps to two lines in a taller toggle. */
static toggle_size toggle_measure(const screen_context *context, const char *label, int max_width)
{
	const layout_metrics *metrics = context->metrics;
	int chrome = 2 * metrics->gap + toggle_icon_side(context) + metrics->gap / 2;
	toggle_size size;
	size.width = chrome + screen_text_width(context, DRAW_FONT_TEXT, metrics->text_size, label);
	if (size.width < metrics->target) {
		size.width = metrics->target;
	}
	size.height = metrics->target;
	if (size.width > max_width) {
		size.width = max_width;
		draw_text_style style =
		    toggle_style(context, metrics->palette.text, metrics->palette.surface);
		int text =
		    draw_text_block_height(context->measurer, max_width - chrome, label, &style) +
		    metrics->gap;
		if (text > size.height) {
			size.height = text;
		}
	}
	return size;
}

static void toggle_draw(const screen_context *context, draw_rect box, const char *label,
                        bool selected, bool multiple, int argument)
{
	const layout_metrics *metrics = context->metrics;
	screen_choice_colors colors = screen_choice_face(
	    context, box, selected, screen_is_pressed(context, ACTION_OVERVIEW_OPTION, argument),
	    metrics->border);
	draw_color fill = colors.fill;
	draw_color ink = colors.ink;
	int icon_side = toggle_icon_side(context);
	const char *icon = multiple
	                       ? (selected ? "check_box" : "check_box_outline_blank")
	                       : (selected ? "radio_button_checked" : "radio_button_unchecked");
	draw_rect icon_box = {box.x + metrics->gap, box.y + (box.height - icon_side) / 2, icon_side,
	                      icon_side};
	draw_icon(context->list, icon_box, icon, icon_side, ink, fill);
	int text_left = metrics->gap + icon_side + metrics->gap / 2;
	draw_text_style style = toggle_style(context, ink, fill);
	int text_room = box.width - text_left - metrics->gap;
	int height = draw_text_block_height(context->measurer, text_room, label, &style);
	/* A line may use the toggle's whole height inside its frame: on a small
	 * panel a target is barely taller than a line. */
	int inner = box.height - 2 * metrics->border;
	if (height > inner) {
		height = inner;
	}
	draw_rect text_box = {box.x + text_left, box.y + (box.height - height) / 2, text_room,
	                      height};
	(void)draw_text_block(context->list, context->measurer, text_box, label, &style);
	draw_target_add(context->list, box, ACTION_OVERVIEW_OPTION, argument, label);
}

/* ---- Questions --------------------------------------------------------- */

/* One question: its text and its options as toggles flowing in rows.
 * Returns the height. */
static int question_rows(const flow *place, size_t question_index, int y)
{
	const screen_context *context = place->context;
	const layout_metrics *metrics = context->metrics;
	const question *item = questions_at(context->questions, question_index);
	int start = y;
	const char *text = screen_translate(context, item->text);
	draw_text_style style = {
	    DRAW_FONT_BOLD,        metrics->text_size,          metrics->text_size, 2,
	    metrics->palette.text, metrics->palette.background, DRAW_ALIGN_START};
	int height = draw_text_block_height(context->measurer, place->width, text, &style);
	if (row_visible(place, y, height)) {
		draw_rect box = {place->x, place->origin + y, place->width, height};
		(void)draw_text_block(context->list, context->measurer, box, text, &style);
	}
	y += height + metrics->gap / 2;
	int cursor = 0;
	int row_height = 0;
	for (size_t option = 0; option < item->option_count && option < 32; option++) {
		const char *label = screen_translate(context, item->options[option].text);
		toggle_size size = toggle_measure(context, label, place->width);
		if (cursor > 0 && cursor + size.width > place->width) {
			y += row_height + metrics->gap / 2;
			cursor = 0;
			row_height = 0;
		}
		if (row_visible(place, y, size.height)) {
			draw_rect box = {place->x + cursor, place->origin + y, size.width,
			                 size.height};
			bool selected =
			    context->resident &&
			    session_is_chosen(context->resident, question_index, option);
			toggle_draw(context, box, label, selected,
			            item->choice == QUESTION_MULTIPLE,
			            (int)(question_index * 32 + option));
		}
		cursor += size.width + metrics->gap;
		if (size.height > row_height) {
			row_height = size.height;
		}
	}
	y += row_height;
	return y - start;
}

/* ---- Results with picks ------------------------------------------------ */

/* One result: name and next meeting (opens it) and the pick toggle on the
 * right. Returns the height. */
static int result_row(const flow *place, size_t position, int y)
{
	const screen_context *context = place->context;
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const screen_offer *shown = &context->results[position];
	bool picked = context->resident && session_is_picked(context->resident, shown->item->id);
	const char *pick_label =
	    picked ? screen_translate(context, "Gekozen") : screen_translate(context, "Kies");
	const char *longest = screen_text_width(context, DRAW_FONT_BOLD, metrics->text_size,
	                                        screen_translate(context, "Gekozen")) >
	                              screen_text_width(context, DRAW_FONT_BOLD, metrics->text_size,
	                                                screen_translate(context, "Kies"))
	                          ? screen_translate(context, "Gekozen")
	                          : screen_translate(context, "Kies");
	int padding = metrics->gap;
	/* The toggle keeps one width whichever word it shows. */
	int toggle_width = 2 * metrics->gap + metrics->text_size * 3 / 2 + metrics->gap / 2 +
	                   screen_text_width(context, DRAW_FONT_BOLD, metrics->text_size, longest);
	if (toggle_width < 2 * metrics->target) {
		toggle_width = 2 * metrics->target;
	}
	if (toggle_width > place->width / 2) {
		toggle_width = place->width / 2;
	}
	int text_room = place->width - toggle_width - 3 * padding;
	const char *name = screen_offer_name(context, shown->item);
	char when[200] = "";
	if (shown->meeting_count > 0) {
		screen_format_meeting(context, &shown->meetings[0], when, sizeof(when));
	} else {
		(void)text_copy(when, sizeof(when),
		                screen_offer_schedule_text(context, shown->item));
	}
	draw_text_style name_style = {DRAW_FONT_BOLD, metrics->text_size, metrics->text_size, 2,
	                              palette->text,  palette->surface,   DRAW_ALIGN_START};
	draw_text_style when_style = {
	    DRAW_FONT_TEXT,      metrics->small_size, metrics->small_size, 1,
	    palette->muted_text, palette->surface,    DRAW_ALIGN_START};
	int name_height = draw_text_block_height(context->measurer, text_room, name, &name_style);
	int when_height =
	    when[0] ? draw_text_block_height(context->measurer, text_room, when, &when_style) : 0;
	int height = name_height + when_height + 2 * padding;
	if (height < metrics->target + 2 * padding) {
		height = metrics->target + 2 * padding;
	}
	if (!row_visible(place, y, height)) {
		return height;
	}
	bool pressed = screen_is_pressed(context, ACTION_OPEN_OFFER, (int)position);
	draw_color fill = pressed ? palette->secondary_pressed : palette->surface;
	name_style.background = fill;
	when_style.background = fill;
	int top = place->origin + y;
	draw_rect card = {place->x, top, place->width, height};
	draw_fill(context->list, card, fill, metrics->radius);
	draw_frame(context->list, card, palette->border, metrics->radius, metrics->border);
	int text_top = top + (height - name_height - when_height) / 2;
	draw_rect name_box = {place->x + padding, text_top, text_room, name_height};
	(void)draw_text_block(context->list, context->measurer, name_box, name, &name_style);
	if (when_height) {
		draw_rect when_box = {place->x + padding, text_top + name_height, text_room,
		                      when_height};
		(void)draw_text_block(context->list, context->measurer, when_box, when,
		                      &when_style);
	}
	draw_rect open = {place->x, top, place->width - toggle_width - 2 * padding, height};
	draw_target_add(context->list, open, ACTION_OPEN_OFFER, (int)position, name);
	draw_rect toggle = {place->x + place->width - padding - toggle_width, top + padding,
	                    toggle_width, height - 2 * padding};
	screen_button(context, toggle, pick_label, picked ? "check_circle" : "add_circle_outline",
	              picked ? SCREEN_BUTTON_PRIMARY : SCREEN_BUTTON_SECONDARY, ACTION_TOGGLE_PICK,
	              (int)position);
	return height;
}

/* A section heading in the list. Returns its height. */
static int section_heading(const flow *place, int y, const char *text)
{
	const screen_context *context = place->context;
	const layout_metrics *metrics = context->metrics;
	draw_text_style style = {
	    DRAW_FONT_BOLD,        metrics->heading_size * 5 / 6, metrics->text_size, 2,
	    metrics->palette.text, metrics->palette.background,   DRAW_ALIGN_START};
	int height = draw_text_block_height(context->measurer, place->width, text, &style);
	if (row_visible(place, y, height)) {
		draw_rect box = {place->x, place->origin + y, place->width, height};
		(void)draw_text_block(context->list, context->measurer, box, text, &style);
	}
	return height;
}

/* Everything that scrolls. Returns its full height. */
static int content(const flow *place)
{
	const screen_context *context = place->context;
	const layout_metrics *metrics = context->metrics;
	int y = metrics->gap / 2;
	size_t question_count = context->questions ? questions_count(context->questions) : 0;
	for (size_t index = 0; index < question_count; index++) {
		y += question_rows(place, index, y) + metrics->gap * 3 / 2;
	}
	y += section_heading(place, y, screen_translate(context, "Wat het best past"));
	y += metrics->gap / 2;
	char hint[200];
	(void)text_format(hint, sizeof(hint),
	                  screen_translate(context, "Kies er tot %u om samen te printen."),
	                  SESSION_MAX_PICKS);
	draw_text_style hint_style = {DRAW_FONT_TEXT,
	                              metrics->small_size,
	                              metrics->small_size,
	                              2,
	                              metrics->palette.muted_text,
	                              metrics->palette.background,
	                              DRAW_ALIGN_START};
	int hint_height =
	    draw_text_block_height(context->measurer, place->width, hint, &hint_style);
	if (row_visible(place, y, hint_height)) {
		draw_rect box = {place->x, place->origin + y, place->width, hint_height};
		(void)draw_text_block(context->list, context->measurer, box, hint, &hint_style);
	}
	y += hint_height + metrics->gap / 2;
	size_t shown =
	    context->result_count < OVERVIEW_RESULTS ? context->result_count : OVERVIEW_RESULTS;
	if (shown == 0) {
		const char *none = screen_translate(context, "Er is op dit moment niets gevonden.");
		draw_text_style style = hint_style;
		style.color = metrics->palette.text;
		int height = draw_text_block_height(context->measurer, place->width, none, &style);
		if (row_visible(place, y, height)) {
			draw_rect box = {place->x, place->origin + y, place->width, height};
			(void)draw_text_block(context->list, context->measurer, box, none, &style);
		}
		y += height + metrics->gap;
	}
	for (size_t position = 0; position < shown; position++) {
		y += result_row(place, position, y) + metrics->gap / 2;
	}
	return y + metrics->gap;
}

/* ---- The page ---------------------------------------------------------- */

static int header(const screen_context *context)
{
	char picks[96];
	(void)text_format(picks, sizeof(picks), screen_translate(context, "%zu van %u gekozen"),
	                  context->resident ? context->resident->pick_count : 0, SESSION_MAX_PICKS);
	return screen_resident_page_title(
	           context, screen_translate(context, "Overzicht van de antwoorden"), picks) +
	       context->metrics->gap;
}

/* The fixed bar: "Terug" and, when there is something to print and a
 * printer, "Print de keuze". Returns its top; draws only when `draw`. */
static int bottom_bar(const screen_context *context, bool draw)
{
	bool can_print =
	    context->printer_available && context->resident && context->resident->pick_count > 0;
	const screen_bar_button buttons[] = {
	    {screen_translate(context, "Terug"), "arrow_back", SCREEN_BUTTON_SECONDARY, ACTION_BACK,
	     1, false},
	    {screen_translate(context, "Print de keuze"), "print", SCREEN_BUTTON_PRIMARY,
	     ACTION_PRINT_PICKS, 1, !can_print},
	};
	return context->metrics->height - screen_bottom_bar(context, buttons, 2, draw);
}

void screen_overview_build(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	(void)screen_window(context, metrics->palette.background);
	int top = header(context);
	int bar_top = bottom_bar(context, false);
	draw_rect list_area = {metrics->margin, top, metrics->width - 2 * metrics->margin,
	                       bar_top - top};
	if (list_area.height < metrics->target) {
		list_area.height = metrics->target;
	}
	draw_target_add(context->list, list_area, ACTION_SCROLL_AREA, 0, "");
	draw_clip(context->list, list_area);
	flow place = {context,  true, list_area.x, list_area.width, list_area.y - context->scroll,
	              list_area};
	int height = content(&place);
	draw_clip_end(context->list);
	(void)bottom_bar(context, true);
	screen_style_button(context);
	if (context->content_height) {
		*context->content_height = height;
	}
}
