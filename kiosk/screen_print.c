/* screen_print.c — the printing banner: short, plain, and out of the way of
 * the QR code. */
#include "screen_print.h"

#include "screen_resident.h"

void screen_print_build(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	const char *icon = "print";
	const char *text = NULL;
	draw_color fill = palette->notice;
	draw_color ink = palette->on_notice;
	switch (context->print_state) {
	case 1: text = screen_translate(context, "Bezig met printen…"); break;
	case 2:
		text = screen_translate(context, "Neem uw briefje mee.");
		icon = "check_circle";
		fill = palette->chip;
		ink = palette->on_chip;
		break;
	case 3:
		text = context->print_message && context->print_message[0]
		           ? context->print_message
		           : screen_translate(context, "Het printen is mislukt.");
		icon = "error";
		break;
	default: return;
	}
	int icon_side = metrics->icon_size;
	int line = screen_line_height(context, DRAW_FONT_BOLD, metrics->heading_size);
	int height = (line > icon_side ? line : icon_side) * 2 + 2 * metrics->gap;
	/* In landscape the detail's QR code sits on the right: the banner keeps
	 * to the left half so the code stays scannable. */
	int width = metrics->width - 2 * metrics->margin;
	if (!metrics->portrait) {
		width = (metrics->width - 3 * metrics->margin) / 2;
	}
	/* It leaves the "Aa" button uncovered: that stays usable while the
	 * slip prints. */
	draw_rect box = {metrics->margin, metrics->margin, width, height};
	if (screen_style_button_meets(context, box)) {
		box.y = screen_style_button_bottom(context);
	}
	draw_fill(context->list, box, fill, metrics->radius);
	draw_frame(context->list, box, ink, metrics->radius, metrics->border);
	draw_rect inner = draw_rect_inset(box, metrics->gap);
	draw_rect icon_box = {inner.x, inner.y + (inner.height - icon_side) / 2, icon_side,
	                      icon_side};
	draw_icon(context->list, icon_box, icon, icon_side, ink, fill);
	draw_rect text_box = {inner.x + icon_side + metrics->gap, inner.y,
	                      inner.width - icon_side - metrics->gap, inner.height};
	draw_text_style style = {
	    DRAW_FONT_BOLD, metrics->heading_size, metrics->min_text_size, 2, ink,
	    fill,           DRAW_ALIGN_START};
	int used = draw_text_block_height(context->measurer, text_box.width, text, &style);
	if (used < text_box.height) {
		text_box.y += (text_box.height - used) / 2;
		text_box.height -= (text_box.height - used) / 2;
	}
	(void)draw_text_block(context->list, context->measurer, text_box, text, &style);
}
