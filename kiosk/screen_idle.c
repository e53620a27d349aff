/* screen_idle.c — "Bent u er nog?": drawn over whatever screen is showing
 * when nobody has touched it for a while, counting down to the moment the
 * kiosk forgets the resident's answers and starts over. */
#include "screen_idle.h"

#include "text.h"

void screen_idle_build(const screen_context *context, int seconds_left)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	draw_rect window = {0, 0, metrics->width, metrics->height};
	if (seconds_left < 0) {
		seconds_left = 0;
	}

	/* Dim the page, but let it show through: the resident sees their
	 * answers are still there. */
	draw_color dim = palette->overlay;
	dim.alpha = 215;
	draw_fill(context->list, window, dim, 0);
	const char *still_here = screen_translate(context, "Ja, ik ben er nog");
	draw_target_add(context->list, window, ACTION_STILL_HERE, 0, still_here);

	int gap = metrics->gap;
	draw_rect page = draw_rect_inset(window, metrics->margin);
	int width = metrics->portrait ? page.width * 9 / 10 : page.width * 3 / 5;
	if (width < metrics->target * 8) {
		width = metrics->target * 8;
	}
	if (width > page.width) {
		width = page.width;
	}
	int padding = gap * 3;
	int inner_width = width - 2 * padding;

	char countdown[160];
	if (seconds_left == 1) {
		(void)text_copy(countdown, sizeof(countdown),
		                screen_translate(context, "Over 1 seconde beginnen we opnieuw."));
	} else {
		(void)text_format(
		    countdown, sizeof(countdown),
		    screen_translate(context, "Over %d seconden beginnen we opnieuw."),
		    seconds_left);
	}
	char number[16];
	(void)text_format(number, sizeof(number), "%d", seconds_left);
	const char *asking = screen_translate(context, "Bent u er nog?");
	const char *privacy = screen_translate(context, "Dan wissen we wat u heeft gekozen.");

	draw_text_style heading = {DRAW_FONT_BOLD, metrics->title_size, metrics->heading_size, 2,
	                           palette->text,  palette->surface,    DRAW_ALIGN_CENTRE};
	draw_text_style digits = {DRAW_FONT_BOLD,   metrics->digits_size, metrics->digits_size, 1,
	                          palette->primary, palette->surface,     DRAW_ALIGN_CENTRE};
	draw_text_style body = {DRAW_FONT_TEXT, metrics->text_size, metrics->min_text_size, 3,
	                        palette->text,  palette->surface,   DRAW_ALIGN_CENTRE};
	draw_text_style quiet = {
	    DRAW_FONT_TEXT,      metrics->small_size, metrics->min_text_size, 2,
	    palette->muted_text, palette->surface,    DRAW_ALIGN_CENTRE};
	if (quiet.min_size > quiet.size) {
		quiet.min_size = quiet.size;
	}
	int heading_height =
	    draw_text_block_height(context->measurer, inner_width, asking, &heading);
	int digits_height = screen_line_height(context, DRAW_FONT_BOLD, metrics->digits_size);
	int body_height = draw_text_block_height(context->measurer, inner_width, countdown, &body);
	int quiet_height = draw_text_block_height(context->measurer, inner_width, privacy, &quiet);
	int button_height = metrics->target * 2;
	int button_line = screen_line_height(context, DRAW_FONT_BOLD, metrics->text_size) + 2 * gap;
	if (button_height < button_line) {
		button_height = button_line;
	}
	int content = heading_height + gap + digits_height + gap + body_height + gap / 2 +
	              quiet_height + gap * 2 + button_height;
	/* On a low panel the big number goes first, then the quiet line. */
	bool show_digits = true;
	bool show_quiet = true;
	if (content + 2 * padding > page.height) {
		content -= digits_height + gap;
		show_digits = false;
	}
	if (content + 2 * padding > page.height) {
		content -= quiet_height + gap / 2;
		show_quiet = false;
	}
	int height = content + 2 * padding;
	if (height > page.height) {
		height = page.height;
	}
	draw_rect dialog = {page.x + (page.width - width) / 2, page.y + (page.height - height) / 2,
	                    width, height};
	draw_fill(context->list, dialog, palette->surface, metrics->radius * 2);
	draw_frame(context->list, dialog, palette->border, metrics->radius * 2, metrics->border);

	int left = dialog.x + padding;
	int top = dialog.y + padding;
	int bottom = dialog.y + dialog.height - padding;
	/* The button is placed first, at the bottom, so it always fits. */
	draw_rect button = {left, bottom - button_height, inner_width, button_height};
	int text_bottom = button.y - gap * 2;

	draw_rect heading_box = {left, top, inner_width, heading_height};
	top +=
	    draw_text_block(context->list, context->measurer, heading_box, asking, &heading) + gap;
	if (show_digits && top + digits_height <= text_bottom) {
		draw_rect digits_box = {left, top, inner_width, digits_height};
		top +=
		    draw_text_block(context->list, context->measurer, digits_box, number, &digits) +
		    gap;
	}
	if (top + screen_line_height(context, DRAW_FONT_TEXT, body.min_size) <= text_bottom) {
		int available = text_bottom - top;
		draw_rect body_box = {left, top, inner_width,
		                      body_height < available ? body_height : available};
		top +=
		    draw_text_block(context->list, context->measurer, body_box, countdown, &body) +
		    gap / 2;
	}
	if (show_quiet && top + quiet_height <= text_bottom) {
		draw_rect quiet_box = {left, top, inner_width, quiet_height};
		(void)draw_text_block(context->list, context->measurer, quiet_box, privacy, &quiet);
	}
	/* A face without a target of its own: the whole window is already the
	 * "still here" target, and a second target over the screen underneath
	 * would overlap that screen's own. */
	screen_button_face(context, button, still_here, "check", SCREEN_BUTTON_PRIMARY,
	                   screen_is_pressed(context, ACTION_STILL_HERE, 0));
}
