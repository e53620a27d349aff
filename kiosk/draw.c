/* draw.c — the draw command list, and the paragraph setter that keeps text
 * inside its box by wrapping and shrinking. */
#include "draw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Strings and QR grids live in chunks that never move, so the pointers in
 * commands stay valid while the list grows. */
typedef struct storage_chunk {
	struct storage_chunk *next;
	size_t used;
	size_t capacity;
	unsigned char bytes[];
} storage_chunk;

enum { STORAGE_CHUNK_BYTES = 64 * 1024 };

struct draw_list {
	draw_command *commands;
	size_t command_count;
	size_t command_capacity;
	draw_target *targets;
	size_t target_count;
	size_t target_capacity;
	storage_chunk *chunks; /* the newest first */
	status failure;
	bool clipping;
	draw_rect clip;
	bool right_to_left; /* the frame's base text direction */
};

static const char ellipsis[] = "\xE2\x80\xA6"; /* … */

draw_list *draw_list_create(void)
{
	return calloc(1, sizeof(draw_list));
}

void draw_list_destroy(draw_list *list)
{
	if (!list) {
		return;
	}
	storage_chunk *chunk = list->chunks;
	while (chunk) {
		storage_chunk *next = chunk->next;
		free(chunk);
		chunk = next;
	}
	free(list->commands);
	free(list->targets);
	free(list);
}

void draw_list_clear(draw_list *list)
{
	list->command_count = 0;
	list->target_count = 0;
	list->failure = STATUS_OK;
	list->clipping = false;
	list->right_to_left = false;
	/* Keep the first (largest-so-far) chunk, free the rest. */
	storage_chunk *chunk = list->chunks;
	if (chunk) {
		storage_chunk *rest = chunk->next;
		chunk->next = NULL;
		chunk->used = 0;
		while (rest) {
			storage_chunk *next = rest->next;
			free(rest);
			rest = next;
		}
	}
}

status draw_list_status(const draw_list *list)
{
	return list->failure;
}

static void *store_bytes(draw_list *list, const void *bytes, size_t size, size_t extra_zero)
{
	size_t needed = size + extra_zero;
	storage_chunk *chunk = list->chunks;
	if (!chunk || chunk->capacity - chunk->used < needed) {
		size_t capacity = needed > STORAGE_CHUNK_BYTES ? needed : STORAGE_CHUNK_BYTES;
		storage_chunk *fresh = malloc(sizeof(storage_chunk) + capacity);
		if (!fresh) {
			list->failure = STATUS_NO_MEMORY;
			return NULL;
		}
		fresh->used = 0;
		fresh->capacity = capacity;
		/* The newest chunk goes first; an older chunk with space left is
		 * simply not used again this frame. */
		fresh->next = list->chunks;
		list->chunks = fresh;
		chunk = fresh;
	}
	unsigned char *place = chunk->bytes + chunk->used;
	if (size > 0) {
		memcpy(place, bytes, size);
	}
	if (extra_zero > 0) {
		memset(place + size, 0, extra_zero);
	}
	chunk->used += needed;
	return place;
}

static const char *store_text(draw_list *list, const char *text, size_t length)
{
	return store_bytes(list, text, length, 1);
}

static draw_command *append_command(draw_list *list, draw_kind kind, draw_rect box)
{
	if (list->failure != STATUS_OK) {
		return NULL;
	}
	if (list->command_count == list->command_capacity) {
		size_t capacity = list->command_capacity ? list->command_capacity * 2 : 256;
		draw_command *grown = realloc(list->commands, capacity * sizeof(draw_command));
		if (!grown) {
			list->failure = STATUS_NO_MEMORY;
			return NULL;
		}
		list->commands = grown;
		list->command_capacity = capacity;
	}
	draw_command *command = &list->commands[list->command_count++];
	memset(command, 0, sizeof(*command));
	command->kind = kind;
	command->box = box;
	return command;
}

void draw_fill(draw_list *list, draw_rect box, draw_color color, int radius)
{
	draw_command *command = append_command(list, DRAW_FILL, box);
	if (command) {
		command->color = color;
		command->background = color;
		command->radius = radius;
	}
}

void draw_frame(draw_list *list, draw_rect box, draw_color color, int radius, int thickness)
{
	draw_command *command = append_command(list, DRAW_FRAME, box);
	if (command) {
		command->color = color;
		command->radius = radius;
		command->thickness = thickness;
	}
}

/* A command that carries its own copy of `text` (a line, an icon's name);
 * none is added when there is no memory for the copy. */
static void append_text_command(draw_list *list, draw_kind kind, draw_rect box, const char *text,
                                size_t length, draw_font font, int size, draw_color color,
                                draw_color background, draw_align align)
{
	draw_command *command = append_command(list, kind, box);
	if (!command) {
		return;
	}
	command->text = store_text(list, text, length);
	if (!command->text) {
		list->command_count--;
		return;
	}
	command->font = font;
	command->size = size;
	command->color = color;
	command->background = background;
	command->align = align;
}

void draw_text_line(draw_list *list, draw_rect box, const char *text, size_t length, draw_font font,
                    int size, draw_color color, draw_color background, draw_align align)
{
	if (list->clipping && draw_rect_intersect(box, list->clip).height == 0) {
		return;
	}
	append_text_command(list, DRAW_TEXT, box, text, length, font, size, color, background,
	                    align);
}

void draw_icon(draw_list *list, draw_rect box, const char *name, int size, draw_color color,
               draw_color background)
{
	append_text_command(list, DRAW_ICON, box, name, strlen(name), DRAW_FONT_ICON, size, color,
	                    background, DRAW_ALIGN_CENTRE);
}

void draw_qr(draw_list *list, draw_rect box, const uint8_t *modules, int side, draw_color dark,
             draw_color light)
{
	if (side <= 0) {
		return;
	}
	draw_command *command = append_command(list, DRAW_QR, box);
	if (!command) {
		return;
	}
	command->modules = store_bytes(list, modules, (size_t)side * (size_t)side, 0);
	if (!command->modules) {
		list->command_count--;
		return;
	}
	command->side = side;
	command->color = dark;
	command->background = light;
}

void draw_clip(draw_list *list, draw_rect box)
{
	draw_command *command = append_command(list, DRAW_CLIP, box);
	if (command) {
		list->clipping = box.width > 0 && box.height > 0;
		list->clip = box;
	}
}

void draw_clip_end(draw_list *list)
{
	draw_rect none = {0, 0, 0, 0};
	draw_clip(list, none);
}

void draw_list_set_right_to_left(draw_list *list, bool right_to_left)
{
	list->right_to_left = right_to_left;
}

bool draw_list_is_right_to_left(const draw_list *list)
{
	return list->right_to_left;
}

/* Icons that point along the reading direction, in pairs: in a mirrored
 * frame "back" must point right. Material Icons has both glyphs of each
 * pair; icons without a mirrored glyph (backspace, trending_up) and those
 * about the world rather than the reading order (east, west, media
 * rewind) stay. skip_next is "skip this question", a step forward. */
static const char *const mirrored_icons[][2] = {
    {"arrow_back", "arrow_forward"},
    {"arrow_back_ios", "arrow_forward_ios"},
    {"arrow_left", "arrow_right"},
    {"chevron_left", "chevron_right"},
    {"navigate_before", "navigate_next"},
    {"keyboard_arrow_left", "keyboard_arrow_right"},
    {"keyboard_double_arrow_left", "keyboard_double_arrow_right"},
    {"first_page", "last_page"},
    {"skip_previous", "skip_next"},
};

/* The mirror image of icon `name` (a static string), or `name` itself. Each
 * name is in one pair at most, so mirroring twice gives the name back. */
static const char *mirrored_icon(const char *name)
{
	if (!name) {
		return name;
	}
	size_t pairs = sizeof(mirrored_icons) / sizeof(mirrored_icons[0]);
	for (size_t index = 0; index < pairs; index++) {
		if (strcmp(name, mirrored_icons[index][0]) == 0) {
			return mirrored_icons[index][1];
		}
		if (strcmp(name, mirrored_icons[index][1]) == 0) {
			return mirrored_icons[index][0];
		}
	}
	return name;
}

static draw_rect mirrored_box(draw_rect box, int window_width)
{
	box.x = window_width - box.x - box.width;
	return box;
}

void draw_list_mirror(draw_list *list, int window_width)
{
	for (size_t index = 0; index < list->command_count; index++) {
		draw_command *command = &list->commands[index];
		bool ends_clip = command->kind == DRAW_CLIP &&
		                 (command->box.width <= 0 || command->box.height <= 0);
		if (!ends_clip) {
			command->box = mirrored_box(command->box, window_width);
		}
		if (command->kind == DRAW_TEXT) {
			if (command->align == DRAW_ALIGN_START) {
				command->align = DRAW_ALIGN_END;
			} else if (command->align == DRAW_ALIGN_END) {
				command->align = DRAW_ALIGN_START;
			}
		} else if (command->kind == DRAW_ICON) {
			/* The other name is a static string: commands only borrow
			 * their text, and the list's storage is freed by chunks. */
			command->text = mirrored_icon(command->text);
		}
	}
	for (size_t index = 0; index < list->target_count; index++) {
		list->targets[index].box = mirrored_box(list->targets[index].box, window_width);
	}
	if (list->clipping) {
		list->clip = mirrored_box(list->clip, window_width);
	}
}

draw_rect draw_rect_intersect(draw_rect a, draw_rect b)
{
	int left = a.x > b.x ? a.x : b.x;
	int top = a.y > b.y ? a.y : b.y;
	int right = a.x + a.width < b.x + b.width ? a.x + a.width : b.x + b.width;
	int bottom = a.y + a.height < b.y + b.height ? a.y + a.height : b.y + b.height;
	draw_rect overlap = {left, top, right > left ? right - left : 0,
	                     bottom > top ? bottom - top : 0};
	return overlap;
}

void draw_target_add(draw_list *list, draw_rect box, int action, int argument, const char *label)
{
	if (list->failure != STATUS_OK) {
		return;
	}
	bool clipped = false;
	if (list->clipping) {
		draw_rect visible = draw_rect_intersect(box, list->clip);
		if (visible.width == 0 || visible.height == 0) {
			return;
		}
		clipped = visible.width != box.width || visible.height != box.height;
		box = visible;
	}
	if (list->target_count == list->target_capacity) {
		size_t capacity = list->target_capacity ? list->target_capacity * 2 : 64;
		draw_target *grown = realloc(list->targets, capacity * sizeof(draw_target));
		if (!grown) {
			list->failure = STATUS_NO_MEMORY;
			return;
		}
		list->targets = grown;
		list->target_capacity = capacity;
	}
	const char *copy = store_text(list, label ? label : "", label ? strlen(label) : 0);
	if (!copy) {
		return;
	}
	draw_target *target = &list->targets[list->target_count++];
	target->box = box;
	target->action = action;
	target->argument = argument;
	target->label = copy;
	target->clipped = clipped;
}

size_t draw_list_count(const draw_list *list)
{
	return list->command_count;
}

const draw_command *draw_list_at(const draw_list *list, size_t index)
{
	return &list->commands[index];
}

size_t draw_list_target_count(const draw_list *list)
{
	return list->target_count;
}

const draw_target *draw_list_target_at(const draw_list *list, size_t index)
{
	return &list->targets[index];
}

bool draw_rect_contains(draw_rect box, int x, int y)
{
	return x >= box.x && y >= box.y && x < box.x + box.width && y < box.y + box.height;
}

const draw_target *draw_list_target_at_point(const draw_list *list, int x, int y)
{
	for (size_t index = list->target_count; index > 0; index--) {
		const draw_target *target = &list->targets[index - 1];
		if (draw_rect_contains(target->box, x, y)) {
			return target;
		}
	}
	return NULL;
}

draw_rect draw_rect_inset(draw_rect box, int inset)
{
	draw_rect inner = {box.x + inset, box.y + inset, box.width - 2 * inset,
	                   box.height - 2 * inset};
	if (inner.width < 0) {
		inner.x = box.x + box.width / 2;
		inner.width = 0;
	}
	if (inner.height < 0) {
		inner.y = box.y + box.height / 2;
		inner.height = 0;
	}
	return inner;
}

static double linear_channel(uint8_t value)
{
	double channel = value / 255.0;
	return channel <= 0.03928 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4);
}

static double relative_luminance(draw_color color)
{
	return 0.2126 * linear_channel(color.red) + 0.7152 * linear_channel(color.green) +
	       0.0722 * linear_channel(color.blue);
}

double draw_contrast_ratio(draw_color a, draw_color b)
{
	double lighter = relative_luminance(a);
	double darker = relative_luminance(b);
	if (darker > lighter) {
		double swap = lighter;
		lighter = darker;
		darker = swap;
	}
	return (lighter + 0.05) / (darker + 0.05);
}

/* ---- paragraphs ---- */

/* Where one laid-out line starts in the text and how long it is. */
typedef struct line_span {
	size_t start;
	size_t length;
} line_span;

enum { MAX_LINES = 64 };

static int measure(const draw_measurer *measurer, const draw_text_style *style, int size,
                   const char *text, size_t length)
{
	return measurer->text_width(measurer->context, style->font, size, text, length);
}

/* Length of the longest prefix of text[0..length) (ending on a UTF-8
 * character boundary) that fits `width`; at least one character so the
 * breaking makes progress (the caller checks whether that one fits). */
static size_t fitting_prefix(const draw_measurer *measurer, const draw_text_style *style, int size,
                             const char *text, size_t length, int width)
{
	size_t best = 0;
	size_t position = 0;
	while (position < length) {
		size_t next = position + 1;
		while (next < length && ((unsigned char)text[next] & 0xC0) == 0x80) {
			next++;
		}
		if (measure(measurer, style, size, text, next) > width) {
			break;
		}
		best = next;
		position = next;
	}
	if (best == 0 && length > 0) {
		best = 1;
		while (best < length && ((unsigned char)text[best] & 0xC0) == 0x80) {
			best++;
		}
	}
	return best;
}

/* How break_lines() went. */
typedef struct line_break_outcome {
	bool complete;     /* every line of the text is in the list */
	bool within_width; /* no line is wider than the box (a character can be) */
} line_break_outcome;

/* Breaks `text` into lines of at most `width` pixels at `size`. Explicit
 * newlines break too. Returns the number of lines (at most `capacity`). */
static size_t break_lines(const draw_measurer *measurer, const draw_text_style *style, int size,
                          const char *text, int width, line_span *lines, size_t capacity,
                          line_break_outcome *outcome)
{
	size_t count = 0;
	size_t length = strlen(text);
	size_t position = 0;
	outcome->complete = true;
	outcome->within_width = true;
	while (position < length) {
		while (position < length && text[position] == ' ') {
			position++;
		}
		if (position >= length) {
			break;
		}
		if (count == capacity) {
			outcome->complete = false;
			break;
		}
		size_t paragraph_end = position;
		while (paragraph_end < length && text[paragraph_end] != '\n') {
			paragraph_end++;
		}
		/* Take words while they fit. */
		size_t line_end = position;
		size_t scan = position;
		while (scan < paragraph_end) {
			size_t word_end = scan;
			while (word_end < paragraph_end && text[word_end] != ' ') {
				word_end++;
			}
			if (measure(measurer, style, size, text + position, word_end - position) <=
			    width) {
				line_end = word_end;
				scan = word_end;
				while (scan < paragraph_end && text[scan] == ' ') {
					scan++;
				}
				continue;
			}
			break;
		}
		if (line_end == position) {
			/* One word wider than the box: break inside it. */
			line_end = position + fitting_prefix(measurer, style, size, text + position,
			                                     paragraph_end - position, width);
			if (measure(measurer, style, size, text + position, line_end - position) >
			    width) {
				outcome->within_width = false; /* one character is too wide */
			}
		}
		size_t trimmed = line_end;
		while (trimmed > position && text[trimmed - 1] == ' ') {
			trimmed--;
		}
		lines[count].start = position;
		lines[count].length = trimmed - position;
		count++;
		position = line_end;
		if (position < length && text[position] == '\n' && position == paragraph_end) {
			position++;
		}
	}
	return count;
}

static int line_limit(const draw_text_style *style)
{
	return style->max_lines > 0 && style->max_lines < MAX_LINES ? style->max_lines : MAX_LINES;
}

int draw_text_block_height(const draw_measurer *measurer, int width, const char *text,
                           const draw_text_style *style)
{
	line_span lines[MAX_LINES];
	line_break_outcome outcome;
	size_t count = break_lines(measurer, style, style->size, text, width, lines,
	                           (size_t)line_limit(style), &outcome);
	int line_height = measurer->line_height(measurer->context, style->font, style->size);
	return (int)count * line_height;
}

static void draw_lines(draw_list *list, draw_rect box, const char *text, const line_span *lines,
                       size_t count, int size, int line_height, const draw_text_style *style)
{
	for (size_t index = 0; index < count; index++) {
		draw_rect line_box = {box.x, box.y + (int)index * line_height, box.width,
		                      line_height};
		draw_text_line(list, line_box, text + lines[index].start, lines[index].length,
		               style->font, size, style->color, style->background, style->align);
	}
}

int draw_text_block(draw_list *list, const draw_measurer *measurer, draw_rect box, const char *text,
                    const draw_text_style *style)
{
	line_span lines[MAX_LINES];
	int limit = line_limit(style);
	int size = style->size;
	int min_size = style->min_size > 0 && style->min_size < size ? style->min_size : size;
	size_t count = 0;
	line_break_outcome outcome = {false, true};
	int line_height = 0;
	/* Shrink in steps of about 6% until the text fits the height, the
	 * width and the line limit; the smallest size is the designer's floor
	 * for readability. */
	for (;;) {
		line_height = measurer->line_height(measurer->context, style->font, size);
		int lines_in_box = line_height > 0 ? box.height / line_height : limit;
		if (lines_in_box > limit) {
			lines_in_box = limit;
		}
		count = 0;
		outcome.complete = false;
		outcome.within_width = true;
		if (lines_in_box > 0) {
			count = break_lines(measurer, style, size, text, box.width, lines,
			                    (size_t)lines_in_box, &outcome);
		}
		if ((outcome.complete && outcome.within_width) || size <= min_size) {
			break;
		}
		int smaller = size - (size + 15) / 16;
		size = smaller < min_size ? min_size : smaller;
	}
	if (count == 0 || !outcome.within_width) {
		/* Not one line fits the box even at the smallest size (or one
		 * character is wider than it): nothing rather than text outside
		 * the box. */
		return 0;
	}
	if (outcome.complete) {
		draw_lines(list, box, text, lines, count, size, line_height, style);
		return (int)count * line_height;
	}
	/* Still too long at the smallest size: end the last line with "…",
	 * taking characters off until the ellipsis fits too. */
	line_span *last = &lines[count - 1];
	char buffer[1024];
	size_t keep = last->length < sizeof(buffer) - sizeof(ellipsis)
	                  ? last->length
	                  : sizeof(buffer) - sizeof(ellipsis);
	for (;;) {
		while (keep > 0 && ((unsigned char)text[last->start + keep] & 0xC0) == 0x80) {
			keep--;
		}
		memcpy(buffer, text + last->start, keep);
		memcpy(buffer + keep, ellipsis, sizeof(ellipsis));
		if (measure(measurer, style, size, buffer, keep + sizeof(ellipsis) - 1) <=
		    box.width) {
			break;
		}
		if (keep == 0) {
			/* The box is narrower than "…" alone: the last line stays
			 * as it is, without the mark, rather than leave the box. */
			draw_lines(list, box, text, lines, count, size, line_height, style);
			return (int)count * line_height;
		}
		keep--;
	}
	draw_lines(list, box, text, lines, count - 1, size, line_height, style);
	draw_rect line_box = {box.x, box.y + (int)(count - 1) * line_height, box.width,
	                      line_height};
	draw_text_line(list, line_box, buffer, keep + sizeof(ellipsis) - 1, style->font, size,
	               style->color, style->background, style->align);
	return (int)count * line_height;
}
