/* screen_start.c — the greeting after the first touch: choose a language by
 * its own name (one tap goes on to the first question) and switch reading
 * aloud on or off. */
#include "screen_start.h"

#include "screen_resident.h"
#include "text.h"

/* The read-aloud switch: a row with a speaking-head pictogram, the word
 * "Voorlezen" and a pill that says "aan" or "uit", knob on the right when
 * on (the convention residents know from phones). */
static void draw_read_aloud(const screen_context *context, draw_rect box)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	bool on = context->resident->read_aloud;
	bool pressed = screen_is_pressed(context, ACTION_READ_ALOUD, 0);
	draw_color fill = pressed ? palette->secondary_pressed : palette->surface;
	draw_fill(context->list, box, fill, metrics->radius);
	draw_frame(context->list, box, palette->border, metrics->radius, metrics->border);

	const char *label = screen_translate(context, "Voorlezen");
	const char *state =
	    on ? screen_translate(context, "aan") : screen_translate(context, "uit");
	draw_rect inner = draw_rect_inset(box, metrics->gap);

	/* The pill: wide enough for either state word and the knob. */
	int size = metrics->text_size;
	int knob = screen_line_height(context, DRAW_FONT_BOLD, size);
	int word =
	    screen_text_width(context, DRAW_FONT_BOLD, size, screen_translate(context, "aan"));
	int other =
	    screen_text_width(context, DRAW_FONT_BOLD, size, screen_translate(context, "uit"));
	if (other > word) {
		word = other;
	}
	int pill_height = knob + metrics->gap / 2;
	int pill_width = word + knob + 2 * metrics->gap;
	if (pill_width > inner.width / 2) {
		pill_width = inner.width / 2;
	}
	if (pill_height > inner.height) {
		pill_height = inner.height;
	}
	draw_rect pill = {inner.x + inner.width - pill_width,
	                  inner.y + (inner.height - pill_height) / 2, pill_width, pill_height};
	draw_color pill_fill = on ? palette->primary : palette->secondary;
	draw_color pill_ink = on ? palette->on_primary : palette->on_secondary;
	draw_fill(context->list, pill, pill_fill, pill_height / 2);
	draw_frame(context->list, pill, on ? palette->primary_pressed : palette->border,
	           pill_height / 2, metrics->border);
	int knob_side = pill_height - 2 * metrics->border - 2;
	if (knob_side > 0) {
		int knob_x = on ? pill.x + pill.width - metrics->border - 1 - knob_side
		                : pill.x + metrics->border + 1;
		draw_rect knob_box = {knob_x, pill.y + (pill.height - knob_side) / 2, knob_side,
		                      knob_side};
		draw_fill(context->list, knob_box, palette->surface, knob_side / 2);
		draw_frame(context->list, knob_box, palette->border, knob_side / 2,
		           metrics->border);
		/* The state word sits beside the knob, on the side it left. */
		int word_left = on ? pill.x + metrics->border : knob_x + knob_side;
		int word_right = on ? knob_x : pill.x + pill.width - metrics->border;
		draw_rect word_box = {word_left, pill.y, word_right - word_left, pill.height};
		draw_text_style state_style = {DRAW_FONT_BOLD, size,      metrics->min_text_size, 1,
		                               pill_ink,       pill_fill, DRAW_ALIGN_CENTRE};
		int state_height =
		    draw_text_block_height(context->measurer, word_box.width, state, &state_style);
		if (state_height < word_box.height) {
			word_box.y += (word_box.height - state_height) / 2;
			word_box.height = state_height;
		}
		if (word_box.width > 0) {
			(void)draw_text_block(context->list, context->measurer, word_box, state,
			                      &state_style);
		}
	}

	/* Pictogram and label fill the rest of the row. */
	int left = inner.x;
	int icon_side = metrics->text_size * 3 / 2;
	if (icon_side > inner.height) {
		icon_side = inner.height;
	}
	if (icon_side >= metrics->text_size && inner.width - pill_width > icon_side * 3) {
		draw_rect icon_box = {left, inner.y + (inner.height - icon_side) / 2, icon_side,
		                      icon_side};
		draw_icon(context->list, icon_box, "record_voice_over", icon_side, palette->text,
		          fill);
		left += icon_side + metrics->gap;
	}
	draw_text_style label_style = {DRAW_FONT_BOLD, size, metrics->min_text_size, 2,
	                               palette->text,  fill, DRAW_ALIGN_START};
	int label_width = pill.x - metrics->gap - left;
	if (label_width > 0) {
		int label_height =
		    draw_text_block_height(context->measurer, label_width, label, &label_style);
		if (label_height > inner.height) {
			label_height = inner.height;
		}
		draw_rect label_box = {left, inner.y + (inner.height - label_height) / 2,
		                       label_width, label_height};
		(void)draw_text_block(context->list, context->measurer, label_box, label,
		                      &label_style);
	}
	draw_target_add(context->list, box, ACTION_READ_ALOUD, 0, label);
}

void screen_start_build(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	draw_rect window = screen_window(context, palette->background);
	draw_rect page = draw_rect_inset(window, metrics->margin);
	int gap = metrics->gap;

	/* A column of comfortable reading width, centred. */
	int width = page.width;
	int readable = metrics->text_size * 26;
	if (width > readable) {
		width = readable;
	}
	draw_rect column = {page.x + (page.width - width) / 2, page.y, width, page.height};
	/* The column keeps clear of the "Aa" button: in landscape, where height
	 * is short, it narrows (still centred); in portrait it starts below. */
	if (screen_style_button_meets(context, column)) {
		draw_rect button = screen_style_button_box(context);
		int clear = page.x + page.width - (button.x - gap);
		int narrow = page.width - 2 * clear;
		if (!metrics->portrait && narrow >= metrics->text_size * 16) {
			column.width = column.width < narrow ? column.width : narrow;
			column.x = page.x + (page.width - column.width) / 2;
		} else {
			int below = screen_style_button_bottom(context);
			column.height -= below - column.y;
			column.y = below;
		}
	}

	/* Languages: one column in portrait (up to six), side by side in
	 * landscape (up to three a row). */
	size_t count = context->language_count;
	int columns = 1;
	if (metrics->portrait) {
		columns = count > 6 ? 2 : 1;
	} else {
		columns = count <= 3 ? (int)(count ? count : 1) : count == 4 ? 2 : 3;
	}
	int rows = count ? ((int)count + columns - 1) / columns : 0;
	int button_height = metrics->target * 2;
	int text_line = screen_line_height(context, DRAW_FONT_BOLD, metrics->text_size) + 2 * gap;
	if (button_height < text_line) {
		button_height = text_line;
	}
	int switch_height =
	    metrics->target * 3 / 2 > text_line ? metrics->target * 3 / 2 : text_line;

	/* Measure the greeting so the whole group can be centred vertically. */
	draw_text_style title = {DRAW_FONT_BOLD, metrics->title_size, metrics->heading_size, 2,
	                         palette->text,  palette->background, DRAW_ALIGN_CENTRE};
	draw_text_style intro = {
	    DRAW_FONT_TEXT,      metrics->text_size,  metrics->min_text_size, 3,
	    palette->muted_text, palette->background, DRAW_ALIGN_CENTRE};
	draw_text_style prompt = {DRAW_FONT_BOLD, metrics->heading_size, metrics->text_size, 2,
	                          palette->text,  palette->background,   DRAW_ALIGN_CENTRE};
	const char *welcome = screen_translate(context, "Welkom");
	const char *intro_text = screen_translate(
	    context, "Beantwoord een paar korte vragen. Dan ziet u welke groepen bij u passen.");
	const char *prompt_text = screen_translate(context, "Kies uw taal");
	int title_height = draw_text_block_height(context->measurer, column.width, welcome, &title);
	int intro_height =
	    draw_text_block_height(context->measurer, column.width, intro_text, &intro);
	int prompt_height =
	    draw_text_block_height(context->measurer, column.width, prompt_text, &prompt);
	int buttons_height = rows * button_height + (rows > 0 ? (rows - 1) * gap : 0);
	int controls = buttons_height + gap * 3 + switch_height;
	/* A waving hand above the greeting, in the colour of the buttons. */
	int wave = metrics->icon_size * 2;
	int text_part =
	    wave + gap + title_height + gap + intro_height + gap * 3 + prompt_height + gap * 2;
	/* Short of room (small landscape panels), the pictogram goes first, then
	 * the introduction, then the buttons get lower (never below a target). */
	if (text_part + controls > column.height) {
		text_part -= wave + gap;
		wave = 0;
	}
	if (text_part + controls > column.height) {
		text_part -= intro_height + gap;
		intro_height = 0;
	}
	if (text_part + controls > column.height && rows > 0) {
		int spare = column.height - text_part - gap * 3 - switch_height - (rows - 1) * gap;
		int lower = spare / rows;
		button_height = lower > metrics->target ? lower : metrics->target;
		buttons_height = rows * button_height + (rows - 1) * gap;
		controls = buttons_height + gap * 3 + switch_height;
	}
	int total = text_part + controls;
	int top = column.y + (total < column.height ? (column.height - total) / 2 : 0);

	if (wave > 0) {
		draw_rect wave_box = {column.x + (column.width - wave) / 2, top, wave, wave};
		draw_icon(context->list, wave_box, "waving_hand", wave, palette->primary,
		          palette->background);
		top += wave + gap;
	}
	draw_rect title_box = {column.x, top, column.width, title_height};
	top += draw_text_block(context->list, context->measurer, title_box, welcome, &title) + gap;
	if (intro_height > 0) {
		draw_rect intro_box = {column.x, top, column.width, intro_height};
		top += draw_text_block(context->list, context->measurer, intro_box, intro_text,
		                       &intro) +
		       gap;
	}
	top += gap * 2;
	draw_rect prompt_box = {column.x, top, column.width, prompt_height};
	top += draw_text_block(context->list, context->measurer, prompt_box, prompt_text, &prompt) +
	       gap * 2;

	int button_width = (column.width - (columns - 1) * gap) / columns;
	for (size_t index = 0; index < count; index++) {
		int row = (int)index / columns;
		int column_index = (int)index % columns;
		draw_rect box = {column.x + column_index * (button_width + gap),
		                 top + row * (button_height + gap), button_width, button_height};
		bool chosen = context->resident->language == index;
		const char *name = context->languages[index].own_name;
		screen_button(context, box, name && name[0] ? name : context->languages[index].code,
		              chosen ? "check_circle" : NULL,
		              chosen ? SCREEN_BUTTON_PRIMARY : SCREEN_BUTTON_SECONDARY,
		              ACTION_LANGUAGE, (int)index);
	}
	top += buttons_height + gap * 3;
	draw_rect switch_box = {column.x, top, column.width, switch_height};
	draw_read_aloud(context, switch_box);
	screen_style_button(context);
}
