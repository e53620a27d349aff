/* screen_volunteer_bar.c — the "Vrijwilliger? Tik hier" band: one strip at
 * the top edge, away from the buttons a resident uses at the foot. */
#include "screen_volunteer_bar.h"

/* The line inside the band: bold at the small size, which still reads at
 * arm's length and keeps the band low. */
static int text_size(const screen_context *context)
{
	return context->metrics->small_size;
}

int screen_volunteer_bar_height(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	int text = screen_line_height(context, DRAW_FONT_BOLD, text_size(context)) + metrics->gap;
	return text > metrics->target ? text : metrics->target;
}

void screen_volunteer_bar_build(const screen_context *context)
{
	if (!context->volunteer_waiting) {
		return;
	}
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	int height = screen_volunteer_bar_height(context);
	if (height > metrics->height) {
		height = metrics->height;
	}
	draw_rect band = {0, 0, metrics->width, height};
	/* The attract screen's accent: it stands apart from every resident's
	 * button, so nobody takes it for the next step of their own search. */
	bool pressed = screen_is_pressed(context, ACTION_VOLUNTEER_OPEN, 0);
	draw_color fill = pressed ? palette->secondary_pressed : palette->attract_accent;
	draw_color ink = pressed ? palette->on_secondary : palette->on_attract_accent;
	draw_fill(context->list, band, fill, 0);
	draw_rect rule = {0, height - metrics->border, metrics->width, metrics->border};
	draw_fill(context->list, rule, ink, 0);

	const char *label = screen_translate(context, "Vrijwilliger? Tik hier");
	int size = text_size(context);
	int line = screen_line_height(context, DRAW_FONT_BOLD, size);
	int icon_side = line < height - metrics->border ? line : height - metrics->border;
	int room = metrics->width - 2 * metrics->margin - icon_side - metrics->gap;
	draw_text_style style = {DRAW_FONT_BOLD,
	                         size,
	                         metrics->min_text_size < size ? metrics->min_text_size : size,
	                         1,
	                         ink,
	                         fill,
	                         DRAW_ALIGN_START};
	int text_width = screen_text_width(context, DRAW_FONT_BOLD, size, label);
	if (text_width > room) {
		text_width = room;
	}
	/* Pictogram and words centred together in the band. */
	int group = icon_side + metrics->gap + text_width;
	int left = (metrics->width - group) / 2;
	int top = (height - metrics->border - line) / 2;
	if (top < 0) {
		top = 0;
	}
	draw_rect icon_box = {left, top, icon_side, icon_side};
	draw_icon(context->list, icon_box, "volunteer_activism", icon_side, ink, fill);
	if (text_width > 0) {
		draw_rect text_box = {left + icon_side + metrics->gap, top, text_width,
		                      height - metrics->border - top};
		(void)draw_text_block(context->list, context->measurer, text_box, label, &style);
	}
	draw_target_add(context->list, band, ACTION_VOLUNTEER_OPEN, 0, label);
}
