/* screen_question.c — one question per screen: progress, the question in
 * large type, its answers as picture tiles in a grid that fits the window,
 * and the ways on (Terug, Sla over, Laat zien wat er is, Volgende). */
#include "screen_question.h"

#include "screen_resident.h"
#include "text.h"

/* Bottom-bar buttons are a target and a half high: easy to hit from a
 * wheelchair, and tall enough for one line of body text. */
static int button_height(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	int height = metrics->target * 3 / 2;
	int text =
	    screen_line_height(context, DRAW_FONT_BOLD, metrics->text_size) + 2 * metrics->gap;
	return height > text ? height : text;
}

/* "Vraag 3 van 9" and a bar of one segment per question, the ones reached
 * filled. Returns the height used. */
static int draw_progress(const screen_context *context, draw_rect row, size_t index, size_t count)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	char label[96];
	(void)text_format(label, sizeof(label), screen_translate(context, "Vraag %d van %d"),
	                  (int)(index + 1), (int)count);
	int size = metrics->small_size;
	int height = screen_line_height(context, DRAW_FONT_BOLD, size);
	int width = screen_text_width(context, DRAW_FONT_BOLD, size, label);
	/* The label keeps at least two thirds of the row, the bar the rest. */
	if (width > row.width * 2 / 3) {
		width = row.width * 2 / 3;
	}
	draw_rect label_box = {row.x, row.y, width, height};
	draw_text_style style = {DRAW_FONT_BOLD,         size,
	                         metrics->min_text_size, 1,
	                         palette->muted_text,    palette->background,
	                         DRAW_ALIGN_START};
	if (style.min_size > size) {
		style.min_size = size;
	}
	(void)draw_text_block(context->list, context->measurer, label_box, label, &style);

	int bar_x = row.x + width + 2 * metrics->gap;
	int bar_width = row.x + row.width - bar_x;
	int segment_gap = metrics->gap / 3 > 2 ? metrics->gap / 3 : 2;
	int bar_height = metrics->gap * 2 / 3 > 6 ? metrics->gap * 2 / 3 : 6;
	if (count == 0 || bar_width < (int)count * (segment_gap + 4)) {
		return height;
	}
	int segment_width = (bar_width - ((int)count - 1) * segment_gap) / (int)count;
	int bar_y = row.y + (height - bar_height) / 2;
	for (size_t segment = 0; segment < count; segment++) {
		draw_rect box = {bar_x + (int)segment * (segment_width + segment_gap), bar_y,
		                 segment_width, bar_height};
		if (segment <= index) {
			draw_fill(context->list, box, palette->primary, bar_height / 2);
		} else {
			draw_fill(context->list, box, palette->secondary, bar_height / 2);
			draw_frame(context->list, box, palette->border, bar_height / 2,
			           metrics->border / 2 > 1 ? metrics->border / 2 : 1);
		}
	}
	return height;
}

/* The bottom bar: in landscape one row; in portrait the three quiet
 * buttons above a full-width Volgende, which is too narrow in a row of four
 * for text read at arm's length. */
static void draw_bottom_bar(const screen_context *context, draw_rect bar, int row_height)
{
	const screen_bar_button buttons[4] = {
	    {screen_translate(context, "Terug"), "arrow_back", SCREEN_BUTTON_SECONDARY, ACTION_BACK,
	     10, false},
	    {screen_translate(context, "Sla over"), "skip_next", SCREEN_BUTTON_SECONDARY,
	     ACTION_SKIP, 10, false},
	    {screen_translate(context, "Laat zien wat er is"), "view_list", SCREEN_BUTTON_SECONDARY,
	     ACTION_SHOW_RESULTS, 15, false},
	    {screen_translate(context, "Volgende"), "arrow_forward", SCREEN_BUTTON_PRIMARY,
	     ACTION_NEXT, 15, false},
	};
	if (context->metrics->portrait) {
		draw_rect first = {bar.x, bar.y, bar.width, row_height};
		draw_rect second = {bar.x, bar.y + row_height + context->metrics->gap, bar.width,
		                    row_height};
		screen_button_row(context, first, buttons, 3);
		screen_button_row(context, second, buttons + 3, 1);
	} else {
		draw_rect row = {bar.x, bar.y, bar.width, row_height};
		screen_button_row(context, row, buttons, 4);
	}
}

typedef struct tile_grid {
	int columns, rows;
	int tile_width, tile_height;
} tile_grid;

static tile_grid grid_for(int columns, size_t count, draw_rect area, int gap)
{
	tile_grid grid;
	grid.columns = columns;
	grid.rows = ((int)count + columns - 1) / columns;
	grid.tile_width = (area.width - (columns - 1) * gap) / columns;
	grid.tile_height = (area.height - (grid.rows - 1) * gap) / grid.rows;
	return grid;
}

/* Columns by orientation and number of answers: few answers get wide tiles
 * in portrait and one row in landscape; more columns are added while the
 * tiles would be lower than a label needs. */
static tile_grid choose_grid(const screen_context *context, size_t count, draw_rect area)
{
	const layout_metrics *metrics = context->metrics;
	int columns;
	if (metrics->portrait) {
		columns = count <= 3 ? 1 : count <= 8 ? 2 : 3;
	} else {
		columns = count <= 4 ? (int)count : count <= 6 ? 3 : count <= 8 ? 4 : 4;
		if (count > 12) {
			columns = 5;
		}
	}
	/* A tile needs room for two lines of label at the smallest size and a
	 * margin around them; below that, trade width for height. */
	int needed = 2 * screen_line_height(context, DRAW_FONT_BOLD, metrics->min_text_size) +
	             2 * metrics->gap;
	/* A speaker button takes a strip of the tile. */
	if (screen_speakers_shown(context)) {
		needed += screen_speaker_side(context) / 2;
	}
	if (needed < metrics->target) {
		needed = metrics->target;
	}
	tile_grid grid = grid_for(columns, count, area, metrics->gap);
	while (grid.tile_height < needed && columns < (int)count) {
		tile_grid wider = grid_for(columns + 1, count, area, metrics->gap);
		if (wider.tile_width < metrics->target * 2) {
			break;
		}
		columns++;
		grid = wider;
	}
	/* Tiles no higher than a large pictogram and three lines of label:
	 * taller ones only push the answers apart. */
	int tallest = 2 * metrics->icon_size +
	              3 * screen_line_height(context, DRAW_FONT_BOLD, metrics->text_size) +
	              3 * metrics->gap;
	if (grid.tile_height > tallest) {
		grid.tile_height = tallest;
	}
	/* Very wide tiles in landscape read as bars; keep them nearer square. */
	int widest =
	    grid.tile_height * 2 > metrics->target * 6 ? grid.tile_height * 2 : metrics->target * 6;
	if (grid.tile_width > widest) {
		grid.tile_width = widest;
	}
	return grid;
}

static void draw_tiles(const screen_context *context, const question *item, size_t index,
                       draw_rect area)
{
	if (item->option_count == 0 || area.width <= 0 || area.height <= 0) {
		return;
	}
	int gap = context->metrics->gap;
	tile_grid grid = choose_grid(context, item->option_count, area);
	if (grid.tile_height <= 0 || grid.tile_width <= 0) {
		return;
	}
	int grid_width = grid.columns * grid.tile_width + (grid.columns - 1) * gap;
	int grid_height = grid.rows * grid.tile_height + (grid.rows - 1) * gap;
	int left = area.x + (area.width - grid_width) / 2;
	/* Spare height goes mostly below the tiles, so they stay near the
	 * question they answer. */
	int top = area.y + (area.height - grid_height) / 3;
	for (size_t option = 0; option < item->option_count; option++) {
		int row = (int)option / grid.columns;
		int column = (int)option % grid.columns;
		int row_left = left;
		/* A last row that is not full is centred under the others. */
		if (row == grid.rows - 1) {
			int in_row = (int)item->option_count - row * grid.columns;
			int row_width = in_row * grid.tile_width + (in_row - 1) * gap;
			row_left = area.x + (area.width - row_width) / 2;
		}
		draw_rect box = {row_left + column * (grid.tile_width + gap),
		                 top + row * (grid.tile_height + gap), grid.tile_width,
		                 grid.tile_height};
		const question_option *answer = &item->options[option];
		screen_answer_tile(context, box, answer->icon,
		                   screen_translate(context, answer->text),
		                   session_is_chosen(context->resident, index, option),
		                   ACTION_OPTION, (int)option);
	}
}

void screen_question_build(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	draw_rect window = screen_window(context, palette->background);
	size_t index = context->resident->question;
	size_t count = questions_count(context->questions);
	const question *item = questions_at(context->questions, index);
	if (!item) {
		return;
	}
	int gap = metrics->gap;
	draw_rect page = draw_rect_inset(window, metrics->margin);

	int row_height = button_height(context);
	int bar_rows = metrics->portrait ? 2 : 1;
	int bar_height = bar_rows * row_height + (bar_rows - 1) * gap;
	draw_rect bar = {page.x, page.y + page.height - bar_height, page.width, bar_height};
	draw_bottom_bar(context, bar, row_height);

	/* Progress, question and help leave the "Aa" button its corner while
	 * they are beside it; the tiles start below it. */
	int top = page.y;
	int beside = screen_style_button_box(context).x - gap - page.x;
	int button_bottom = screen_style_button_bottom(context);
	draw_rect progress_row = {page.x, top, beside, 0};
	top += draw_progress(context, progress_row, index, count) + gap;

	/* The question: large and bold, at most three lines, shrinking to body
	 * size before it would ever be cut. */
	draw_text_style heading = {DRAW_FONT_BOLD, metrics->heading_size, metrics->text_size, 3,
	                           palette->text,  palette->background,   DRAW_ALIGN_START};
	const char *question_text = screen_translate(context, item->text);
	int heading_width = top < button_bottom ? beside : page.width;
	int heading_height =
	    draw_text_block_height(context->measurer, heading_width, question_text, &heading);
	draw_rect heading_box = {page.x, top, heading_width, heading_height};
	top +=
	    draw_text_block(context->list, context->measurer, heading_box, question_text, &heading);

	if (item->help[0]) {
		draw_text_style help = {
		    DRAW_FONT_TEXT,      metrics->text_size,  metrics->min_text_size, 2,
		    palette->muted_text, palette->background, DRAW_ALIGN_START};
		const char *help_text = screen_translate(context, item->help);
		int help_width = top + gap / 2 < button_bottom ? beside : page.width;
		int help_height =
		    draw_text_block_height(context->measurer, help_width, help_text, &help);
		draw_rect help_box = {page.x, top + gap / 2, help_width, help_height};
		top += gap / 2 + draw_text_block(context->list, context->measurer, help_box,
		                                 help_text, &help);
	}
	top += gap * 3 / 2;
	if (top < button_bottom) {
		top = button_bottom;
	}

	draw_rect area = {page.x, top, page.width, bar.y - gap * 3 / 2 - top};
	draw_tiles(context, item, index, area);
	screen_style_button(context);
}
