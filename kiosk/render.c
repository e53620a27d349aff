/* render.c — draw lists to pixels with SDL's software renderer and SDL2_ttf:
 * spans for rounded shapes, text as bidi runs (Arabic in its own face, set
 * by text_faces.c as the slip sets it), a bounded cache of text textures,
 * BMP screenshots. */
#define _POSIX_C_SOURCE 200809L
#include "render.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "text_faces.h"
#include "width_cache.h"

/* Fonts open at once, one per (face, size): screens use a handful of sizes. */
#define OPEN_FONT_LIMIT 48
/* Sizes a font is opened at; requests outside are clamped. */
#define FONT_SIZE_MIN 4
#define FONT_SIZE_MAX 1000
/* The size the fonts are first opened at, to check the files are fonts. */
#define PROBE_SIZE 16
/* One line of text never comes near this; longer ones are refused. */
#define TEXT_LINE_LIMIT 4096
#define CACHE_BUCKETS   1024
#define PATH_LIMIT      4000

typedef struct open_font {
	int face; /* draw_font or TEXT_FACE_ARABIC_* */
	int size;
	text_font font; /* the handle, its ink reach and shaping direction */
	uint64_t last_used;
} open_font;

/* One rendered line, in a hash bucket and in the recency list. */
typedef struct cached_text {
	struct cached_text *bucket_next;
	struct cached_text *newer;
	struct cached_text *older;
	uint64_t hash;
	draw_font face;
	int size;
	draw_color color;
	bool right_to_left; /* the line's base direction */
	SDL_Texture *texture;
	int width, height;
	/* The line box in the texture: it starts `ink_top` rows down and is
	 * `ink_height` tall; that box is centred in a command's box. */
	int ink_top;
	int ink_height;
	size_t bytes;
	char text[]; /* NUL-terminated */
} cached_text;

/* A run of rows that all have the same horizontal spans. */
typedef struct span_row {
	int count;
	int start[2], end[2];
} span_row;

struct renderer {
	SDL_Renderer *sdl;
	text_font_file files[TEXT_FACE_COUNT]; /* Arabic ones empty when not given */
	open_font fonts[OPEN_FONT_LIMIT];
	size_t font_count;
	uint64_t font_clock;
	text_font_source source; /* font_at() for text_faces.c */
	cached_text *buckets[CACHE_BUCKETS];
	cached_text *newest;
	cached_text *oldest;
	render_cache_stats stats;
	draw_measurer measurer;
	SDL_Rect *rects; /* spans batched for SDL_RenderFillRects */
	size_t rect_count;
	size_t rect_capacity;
	bool clipping; /* a DRAW_CLIP is in force */
	SDL_Rect clip;
	width_cache widths; /* HarfBuzz shaping was the second cost of a frame */
	bool right_to_left; /* the base direction lines are measured and drawn in */
	text_line line;     /* one line's runs and pieces, and a copy of its text */
	char error[512];
};

static char create_error[512];

static void set_error(renderer *self, const char *format, ...) KIOSK_PRINTF(2, 3);
static void set_error(renderer *self, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	char *target = self != NULL ? self->error : create_error;
	size_t size = self != NULL ? sizeof self->error : sizeof create_error;
	(void)vsnprintf(target, size, format, arguments);
	va_end(arguments);
}

const char *render_last_error(const renderer *self)
{
	return self != NULL ? self->error : create_error;
}

/* ---- font files and open fonts ---- */

static status read_font_file(const char *path, text_font_file *out)
{
	return text_faces_read_file(path, out, create_error, sizeof create_error);
}

static int clamp_size(int size)
{
	return size < FONT_SIZE_MIN ? FONT_SIZE_MIN : size > FONT_SIZE_MAX ? FONT_SIZE_MAX : size;
}

/* The font for (face, size), opened on first use; NULL when SDL2_ttf
 * refuses (self->error says why). The entry stays valid until the next
 * call (which may close the font used longest ago). */
static open_font *font_at(renderer *self, int face, int size)
{
	if (face < 0 || face >= TEXT_FACE_COUNT || self->files[face].bytes == NULL)
		return NULL;
	size = clamp_size(size);
	self->font_clock++;
	for (size_t index = 0; index < self->font_count; index++) {
		open_font *entry = &self->fonts[index];
		if (entry->face == face && entry->size == size) {
			entry->last_used = self->font_clock;
			return entry;
		}
	}
	SDL_RWops *source =
	    SDL_RWFromConstMem(self->files[face].bytes, (int)self->files[face].length);
	TTF_Font *handle = source != NULL ? TTF_OpenFontRW(source, 1, size) : NULL;
	if (handle == NULL) {
		set_error(self, "cannot open font %d at size %d: %s", (int)face, size,
		          TTF_GetError());
		return NULL;
	}
	open_font *slot;
	if (self->font_count < OPEN_FONT_LIMIT) {
		slot = &self->fonts[self->font_count++];
	} else {
		/* More sizes than expected: close the one unused longest. */
		slot = &self->fonts[0];
		for (size_t index = 1; index < self->font_count; index++)
			if (self->fonts[index].last_used < slot->last_used)
				slot = &self->fonts[index];
		TTF_CloseFont(slot->font.handle);
	}
	*slot = (open_font){.face = face, .size = size, .last_used = self->font_clock};
	text_faces_prepare(handle, face, &slot->font);
	return slot;
}

static text_font *source_font(void *context, int face, int size)
{
	open_font *entry = font_at(context, face, size);
	return entry != NULL ? &entry->font : NULL;
}

static bool source_has_face(void *context, int face)
{
	const renderer *self = context;
	return face >= 0 && face < TEXT_FACE_COUNT && self->files[face].bytes != NULL;
}

/* ---- the measurer ---- */

static int estimated_width(int size, size_t length)
{
	double width = 0.6 * (double)clamp_size(size) * (double)length;
	return width > (double)INT32_MAX ? INT32_MAX : (int)ceil(width);
}

static int measure_text_width(void *context, draw_font face, int size, const char *text,
                              size_t length)
{
	renderer *self = context;
	if (length == 0)
		return 0;
	width_cache_key key = width_cache_key_of(face, size, text, length);
	int width = 0;
	if (width_cache_find(&self->widths, &key, &width))
		return width;
	if (text_faces_split(&self->line, &self->source, face, size, text, length,
	                     self->right_to_left)) {
		if (!text_faces_pieces_width(&self->line, &self->source, size, text, &width))
			return estimated_width(size, length);
		width_cache_store(&self->widths, &key, width);
		return width;
	}
	text_font *font = text_faces_font(&self->source, (int)face, size, false);
	const char *line = text_faces_copy(&self->line, text, length);
	int height = 0;
	if (font == NULL || line == NULL || TTF_SizeUTF8(font->handle, line, &width, &height) != 0)
		return estimated_width(size, length);
	width_cache_store(&self->widths, &key, width);
	return width;
}

static int measure_line_height(void *context, draw_font face, int size)
{
	renderer *self = context;
	int height = text_faces_line_height(&self->source, face, size, self->right_to_left);
	return height > 0 ? height : (clamp_size(size) * 6 + 4) / 5;
}

const draw_measurer *render_measurer(renderer *self)
{
	return &self->measurer;
}

void render_set_right_to_left(renderer *self, bool right_to_left)
{
	if (self->right_to_left == right_to_left)
		return;
	self->right_to_left = right_to_left;
	/* Widths were taken in the other direction, where spaces between
	 * scripts may fall in the other face. */
	memset(&self->widths, 0, sizeof self->widths);
}

/* ---- the text cache ---- */

static uint64_t text_hash(draw_font face, int size, draw_color color, bool right_to_left,
                          const char *text)
{
	uint64_t hash = 14695981039346656037u; /* FNV-1a */
	uint8_t header[] = {(uint8_t)face, (uint8_t)size, (uint8_t)(size >> 8), color.red,
	                    color.green,   color.blue,    color.alpha,          right_to_left};
	for (size_t index = 0; index < sizeof header; index++)
		hash = (hash ^ header[index]) * 1099511628211u;
	for (const unsigned char *byte = (const unsigned char *)text; *byte != '\0'; byte++)
		hash = (hash ^ *byte) * 1099511628211u;
	return hash;
}

static bool same_color(draw_color a, draw_color b)
{
	return a.red == b.red && a.green == b.green && a.blue == b.blue && a.alpha == b.alpha;
}

static void unlink_recency(renderer *self, cached_text *entry)
{
	if (entry->newer != NULL)
		entry->newer->older = entry->older;
	else
		self->newest = entry->older;
	if (entry->older != NULL)
		entry->older->newer = entry->newer;
	else
		self->oldest = entry->newer;
	entry->newer = entry->older = NULL;
}

static void link_newest(renderer *self, cached_text *entry)
{
	entry->older = self->newest;
	entry->newer = NULL;
	if (self->newest != NULL)
		self->newest->newer = entry;
	self->newest = entry;
	if (self->oldest == NULL)
		self->oldest = entry;
}

static void drop_entry(renderer *self, cached_text *entry)
{
	cached_text **link = &self->buckets[entry->hash % CACHE_BUCKETS];
	while (*link != entry)
		link = &(*link)->bucket_next;
	*link = entry->bucket_next;
	unlink_recency(self, entry);
	self->stats.entries--;
	self->stats.bytes -= entry->bytes;
	/* SDL flushes queued drawing that still uses the texture first. */
	SDL_DestroyTexture(entry->texture);
	free(entry);
}

/* Keeps the cache within its limits, oldest first; the newest entry (the
 * one about to be drawn) always stays. */
static void trim_cache(renderer *self)
{
	while (self->oldest != NULL && self->oldest != self->newest &&
	       (self->stats.entries > RENDER_CACHE_ENTRY_LIMIT ||
	        self->stats.bytes > RENDER_CACHE_BYTE_LIMIT)) {
		drop_entry(self, self->oldest);
		self->stats.evictions++;
	}
}

/* The texture of `text` in (face, size, color) in a line of the given base
 * direction, from the cache or newly rendered. */
static status text_texture(renderer *self, draw_font face, int size, draw_color color,
                           bool right_to_left, const char *text, cached_text **out)
{
	size = clamp_size(size);
	size_t length = strnlen(text, TEXT_LINE_LIMIT + 1);
	if (length > TEXT_LINE_LIMIT) {
		set_error(self, "a text line of more than %d bytes", TEXT_LINE_LIMIT);
		return STATUS_TOO_LARGE;
	}
	uint64_t hash = text_hash(face, size, color, right_to_left, text);
	for (cached_text *entry = self->buckets[hash % CACHE_BUCKETS]; entry != NULL;
	     entry = entry->bucket_next) {
		if (entry->hash == hash && entry->face == face && entry->size == size &&
		    entry->right_to_left == right_to_left && same_color(entry->color, color) &&
		    strcmp(entry->text, text) == 0) {
			unlink_recency(self, entry);
			link_newest(self, entry);
			self->stats.hits++;
			*out = entry;
			return STATUS_OK;
		}
	}

	SDL_Color sdl_color = {color.red, color.green, color.blue, color.alpha};
	SDL_Surface *surface = NULL;
	int ink_top = 0;
	int ink_height = 0;
	if (text_faces_split(&self->line, &self->source, face, size, text, length, right_to_left)) {
		surface = text_faces_render_pieces(&self->line, &self->source, size, color, text,
		                                   &ink_top, &ink_height, self->error,
		                                   sizeof self->error);
		if (surface == NULL)
			return STATUS_IO;
	} else {
		text_font *font = text_faces_font(&self->source, (int)face, size, false);
		if (font == NULL)
			return STATUS_IO;
		surface = TTF_RenderUTF8_Blended(font->handle, text, sdl_color);
		if (surface == NULL) {
			set_error(self, "cannot render text: %s", TTF_GetError());
			return STATUS_IO;
		}
		ink_height = surface->h;
	}
	cached_text *entry = calloc(1, sizeof *entry + length + 1);
	if (entry == NULL) {
		SDL_FreeSurface(surface);
		set_error(self, "out of memory for the text cache");
		return STATUS_NO_MEMORY;
	}
	entry->texture = SDL_CreateTextureFromSurface(self->sdl, surface);
	entry->width = surface->w;
	entry->height = surface->h;
	SDL_FreeSurface(surface);
	if (entry->texture == NULL) {
		set_error(self, "cannot make a text texture: %s", SDL_GetError());
		free(entry);
		return STATUS_IO;
	}
	(void)SDL_SetTextureBlendMode(entry->texture, SDL_BLENDMODE_BLEND);
	entry->hash = hash;
	entry->face = face;
	entry->size = size;
	entry->color = color;
	entry->right_to_left = right_to_left;
	entry->ink_top = ink_top;
	entry->ink_height = ink_height;
	entry->bytes = (size_t)entry->width * (size_t)entry->height * 4u;
	memcpy(entry->text, text, length + 1);
	entry->bucket_next = self->buckets[hash % CACHE_BUCKETS];
	self->buckets[hash % CACHE_BUCKETS] = entry;
	link_newest(self, entry);
	self->stats.entries++;
	self->stats.bytes += entry->bytes;
	self->stats.textures_made++;
	trim_cache(self);
	*out = entry;
	return STATUS_OK;
}

render_cache_stats render_cache_statistics(const renderer *self)
{
	return self->stats;
}

/* ---- shapes ---- */

static void set_draw_color(renderer *self, draw_color color)
{
	/* SDL's software renderer blends pixel by pixel even at alpha 255;
	 * opaque fills copied straight are what keeps a full redraw of a
	 * 1080x1920 screen within a frame. */
	(void)SDL_SetRenderDrawBlendMode(self->sdl, color.alpha == 255 ? SDL_BLENDMODE_NONE
	                                                               : SDL_BLENDMODE_BLEND);
	(void)SDL_SetRenderDrawColor(self->sdl, color.red, color.green, color.blue, color.alpha);
}

static status push_rect(renderer *self, int x, int y, int width, int height)
{
	if (width <= 0 || height <= 0)
		return STATUS_OK;
	if (self->rect_count == self->rect_capacity) {
		size_t capacity = self->rect_capacity == 0 ? 256 : self->rect_capacity * 2;
		SDL_Rect *grown = realloc(self->rects, capacity * sizeof *grown);
		if (grown == NULL) {
			set_error(self, "out of memory for shapes");
			return STATUS_NO_MEMORY;
		}
		self->rects = grown;
		self->rect_capacity = capacity;
	}
	self->rects[self->rect_count++] = (SDL_Rect){x, y, width, height};
	return STATUS_OK;
}

static status flush_rects(renderer *self)
{
	status result = STATUS_OK;
	if (self->rect_count > 0 &&
	    SDL_RenderFillRects(self->sdl, self->rects, (int)self->rect_count) != 0) {
		set_error(self, "cannot fill: %s", SDL_GetError());
		result = STATUS_IO;
	}
	self->rect_count = 0;
	return result;
}

/* How far row `row` of a rounded rectangle `height` tall starts in from the
 * side, for corners of `radius` (already at most half the smaller side). */
static int corner_inset(int row, int height, int radius)
{
	int from_edge = row < height - 1 - row ? row : height - 1 - row;
	if (from_edge >= radius)
		return 0;
	double above_centre = (double)radius - ((double)from_edge + 0.5);
	double across = sqrt((double)radius * radius - above_centre * above_centre);
	return (int)lround((double)radius - across);
}

static int limit_radius(int radius, int width, int height)
{
	int smaller = width < height ? width : height;
	if (radius > smaller / 2)
		radius = smaller / 2;
	return radius < 0 ? 0 : radius;
}

/* The spans of one row of a frame (thickness >= half the smaller side, or a
 * fill, is one span; otherwise two where the hole is). */
static span_row shape_row(int row, int width, int height, int radius, int thickness, bool filled)
{
	span_row spans = {0};
	int outer = corner_inset(row, height, radius);
	spans.count = 1;
	spans.start[0] = outer;
	spans.end[0] = width - outer;
	int inner_width = width - 2 * thickness;
	int inner_height = height - 2 * thickness;
	if (filled || inner_width <= 0 || inner_height <= 0 || row < thickness ||
	    row >= height - thickness)
		return spans;
	int inner_radius = limit_radius(radius - thickness, inner_width, inner_height);
	int inner = thickness + corner_inset(row - thickness, inner_height, inner_radius);
	if (inner < outer)
		inner = outer;
	spans.count = 2;
	spans.end[0] = inner;
	spans.start[1] = width - inner;
	spans.end[1] = width - outer;
	return spans;
}

static bool same_spans(const span_row *a, const span_row *b)
{
	if (a->count != b->count)
		return false;
	for (int index = 0; index < a->count; index++)
		if (a->start[index] != b->start[index] || a->end[index] != b->end[index])
			return false;
	return true;
}

/* Fills the shape with spans, merging rows whose spans repeat (the straight
 * middle) into one rectangle each, so a tall card is a few dozen rectangles. */
static status paint_shape(renderer *self, const draw_command *command, bool filled)
{
	draw_rect box = command->box;
	if (box.width <= 0 || box.height <= 0)
		return STATUS_OK;
	int radius = limit_radius(command->radius, box.width, box.height);
	int thickness = filled ? 0 : command->thickness < 1 ? 1 : command->thickness;
	set_draw_color(self, command->color);
	status result = STATUS_OK;
	int run_start = 0;
	span_row run = shape_row(0, box.width, box.height, radius, thickness, filled);
	for (int row = 1; row <= box.height && result == STATUS_OK; row++) {
		span_row next = {0};
		if (row < box.height) {
			next = shape_row(row, box.width, box.height, radius, thickness, filled);
			if (same_spans(&next, &run))
				continue;
		}
		for (int index = 0; index < run.count && result == STATUS_OK; index++)
			result = push_rect(self, box.x + run.start[index], box.y + run_start,
			                   run.end[index] - run.start[index], row - run_start);
		run = next;
		run_start = row;
	}
	status flushed = flush_rects(self);
	return result != STATUS_OK ? result : flushed;
}

static status paint_qr(renderer *self, const draw_command *command)
{
	draw_rect box = command->box;
	if (box.width <= 0 || box.height <= 0)
		return STATUS_OK;
	set_draw_color(self, command->background);
	SDL_Rect light = {box.x, box.y, box.width, box.height};
	(void)SDL_RenderFillRect(self->sdl, &light);
	int side = command->side;
	if (command->modules == NULL || side <= 0) {
		set_error(self, "a QR code without modules");
		return STATUS_INVALID;
	}
	int smaller = box.width < box.height ? box.width : box.height;
	int module = smaller / side;
	if (module < 1) {
		set_error(self, "a QR code of %d modules in %d pixels cannot be drawn", side,
		          smaller);
		return STATUS_INVALID;
	}
	int left = box.x + (box.width - module * side) / 2;
	int top = box.y + (box.height - module * side) / 2;
	set_draw_color(self, command->color);
	status result = STATUS_OK;
	for (int row = 0; row < side && result == STATUS_OK; row++) {
		const uint8_t *modules = command->modules + (size_t)row * (size_t)side;
		for (int column = 0; column < side && result == STATUS_OK;) {
			if (!modules[column]) {
				column++;
				continue;
			}
			int run = column;
			while (run < side && modules[run])
				run++;
			result = push_rect(self, left + column * module, top + row * module,
			                   (run - column) * module, module);
			column = run;
		}
	}
	status flushed = flush_rects(self);
	return result != STATUS_OK ? result : flushed;
}

/* ---- text and icons ---- */

static void apply_clip(renderer *self)
{
	(void)SDL_RenderSetClipRect(self->sdl, self->clipping ? &self->clip : NULL);
}

static status paint_line(renderer *self, const draw_command *command, draw_font face,
                         draw_align align)
{
	draw_rect box = command->box;
	if (command->text == NULL || command->text[0] == '\0' || box.width <= 0 || box.height <= 0)
		return STATUS_OK;
	SDL_Rect bounds = {box.x, box.y, box.width, box.height};
	if (self->clipping && !SDL_IntersectRect(&bounds, &self->clip, &bounds))
		return STATUS_OK;
	cached_text *entry = NULL;
	status result = text_texture(self, face, command->size, command->color, self->right_to_left,
	                             command->text, &entry);
	if (result != STATUS_OK)
		return result;
	int x = box.x;
	if (align == DRAW_ALIGN_CENTRE)
		x = box.x + (box.width - entry->width) / 2;
	else if (align == DRAW_ALIGN_END)
		x = box.x + box.width - entry->width;
	/* The line box, not the whole texture, is centred: an Arabic line's
	 * texture has the Arabic face's generous ascent and descent. */
	SDL_Rect target = {x, box.y + (box.height - entry->ink_height) / 2 - entry->ink_top,
	                   entry->width, entry->height};
	/* A line never paints outside its box, even if a caller misjudged it. */
	(void)SDL_RenderSetClipRect(self->sdl, &bounds);
	int copied = SDL_RenderCopy(self->sdl, entry->texture, NULL, &target);
	apply_clip(self);
	if (copied != 0) {
		set_error(self, "cannot draw text: %s", SDL_GetError());
		return STATUS_IO;
	}
	return STATUS_OK;
}

static status paint_command(renderer *self, const draw_command *command)
{
	switch (command->kind) {
	case DRAW_FILL: return paint_shape(self, command, true);
	case DRAW_FRAME: return paint_shape(self, command, false);
	case DRAW_TEXT: return paint_line(self, command, command->font, command->align);
	/* Material Icons maps each icon's name to its glyph as a ligature, which
	 * SDL2_ttf shapes with HarfBuzz: the name, set in the icon font, is the
	 * pictogram. */
	case DRAW_ICON: return paint_line(self, command, DRAW_FONT_ICON, DRAW_ALIGN_CENTRE);
	case DRAW_QR: return paint_qr(self, command);
	case DRAW_CLIP:
		self->clipping = command->box.width > 0 && command->box.height > 0;
		self->clip = (SDL_Rect){command->box.x, command->box.y, command->box.width,
		                        command->box.height};
		apply_clip(self);
		return STATUS_OK;
	}
	set_error(self, "unknown draw command %d", (int)command->kind);
	return STATUS_INVALID;
}

status render_draw(renderer *self, const draw_list *list)
{
	render_set_right_to_left(self, draw_list_is_right_to_left(list));
	self->clipping = false;
	apply_clip(self);
	(void)SDL_SetRenderDrawColor(self->sdl, 255, 255, 255, 255);
	if (SDL_RenderClear(self->sdl) != 0) {
		set_error(self, "cannot clear: %s", SDL_GetError());
		return STATUS_IO;
	}
	status first_failure = STATUS_OK;
	size_t count = draw_list_count(list);
	for (size_t index = 0; index < count; index++) {
		status result = paint_command(self, draw_list_at(list, index));
		if (first_failure == STATUS_OK)
			first_failure = result;
	}
	self->clipping = false;
	apply_clip(self);
	return first_failure;
}

void render_present(renderer *self)
{
	SDL_RenderPresent(self->sdl);
}

status render_screenshot_bmp(renderer *self, const char *path)
{
	char temporary[PATH_LIMIT + 8];
	if (strlen(path) > PATH_LIMIT || !text_format(temporary, sizeof temporary, "%s.tmp", path))
		return STATUS_TOO_LARGE;
	int width = 0;
	int height = 0;
	if (SDL_GetRendererOutputSize(self->sdl, &width, &height) != 0) {
		set_error(self, "cannot get the frame size: %s", SDL_GetError());
		return STATUS_IO;
	}
	SDL_Surface *surface =
	    SDL_CreateRGBSurfaceWithFormat(0, width, height, 24, SDL_PIXELFORMAT_RGB24);
	if (surface == NULL) {
		set_error(self, "cannot make the screenshot: %s", SDL_GetError());
		return STATUS_NO_MEMORY;
	}
	status result = STATUS_OK;
	if (SDL_RenderReadPixels(self->sdl, NULL, SDL_PIXELFORMAT_RGB24, surface->pixels,
	                         surface->pitch) != 0) {
		set_error(self, "cannot read the frame: %s", SDL_GetError());
		result = STATUS_IO;
	} else if (SDL_SaveBMP(surface, temporary) != 0) {
		set_error(self, "cannot write %s: %s", temporary, SDL_GetError());
		result = STATUS_IO;
	} else if (rename(temporary, path) != 0) {
		set_error(self, "cannot rename %s: %s", temporary, strerror(errno));
		result = STATUS_IO;
	}
	if (result != STATUS_OK)
		(void)remove(temporary);
	SDL_FreeSurface(surface);
	return result;
}

/* ---- life cycle ---- */

status render_create(SDL_Window *window, const render_font_paths *paths, renderer **out)
{
	create_error[0] = '\0';
	if (out == NULL)
		return STATUS_USAGE;
	*out = NULL;
	if (window == NULL || paths == NULL) {
		set_error(NULL, "render_create: missing argument");
		return STATUS_USAGE;
	}
	for (int face = 0; face < DRAW_FONT_COUNT; face++)
		if (paths->files[face] == NULL) {
			set_error(NULL, "render_create: no file for font %d", face);
			return STATUS_USAGE;
		}
	if (TTF_Init() != 0) {
		set_error(NULL, "SDL2_ttf could not start: %s", TTF_GetError());
		return STATUS_IO;
	}
	renderer *self = calloc(1, sizeof *self);
	if (self == NULL) {
		TTF_Quit();
		set_error(NULL, "out of memory");
		return STATUS_NO_MEMORY;
	}
	self->measurer = (draw_measurer){
	    .context = self, .text_width = measure_text_width, .line_height = measure_line_height};
	self->source =
	    (text_font_source){.context = self, .has_face = source_has_face, .font = source_font};
	status result = text_faces_line_init(&self->line);
	if (result != STATUS_OK)
		set_error(NULL, "out of memory");
	for (int face = 0; face < DRAW_FONT_COUNT && result == STATUS_OK; face++)
		result = read_font_file(paths->files[face], &self->files[face]);
	for (int face = 0; face < DRAW_FONT_COUNT && result == STATUS_OK; face++)
		if (font_at(self, face, PROBE_SIZE) == NULL) {
			set_error(NULL, "%s is not a font SDL2_ttf can read: %s",
			          paths->files[face], self->error);
			result = STATUS_INVALID;
		}
	if (result == STATUS_OK) {
		/* The software renderer: the kiosk PC may have no working GPU, and
		 * it keeps every pixel the same on every machine for the tests. */
		self->sdl = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
		if (self->sdl == NULL) {
			set_error(NULL, "cannot make a software renderer: %s", SDL_GetError());
			result = STATUS_IO;
		} else {
			(void)SDL_SetRenderDrawBlendMode(self->sdl, SDL_BLENDMODE_BLEND);
		}
	}
	if (result != STATUS_OK) {
		render_destroy(self);
		return result;
	}
	*out = self;
	return STATUS_OK;
}

/* Forgets every open font of `face` and what was measured or drawn with
 * it: a face is being replaced. */
static void close_face(renderer *self, int face)
{
	for (size_t index = 0; index < self->font_count;) {
		if (self->fonts[index].face == face) {
			TTF_CloseFont(self->fonts[index].font.handle);
			self->fonts[index] = self->fonts[--self->font_count];
		} else {
			index++;
		}
	}
	free(self->files[face].bytes);
	self->files[face] = (text_font_file){0};
}

status render_load_arabic_faces(renderer *self, const char *regular_path, const char *bold_path)
{
	if (regular_path == NULL || bold_path == NULL) {
		set_error(self, "render_load_arabic_faces: missing path");
		return STATUS_USAGE;
	}
	const char *paths[] = {regular_path, bold_path};
	text_font_file read[2] = {{0}};
	status result = STATUS_OK;
	for (int index = 0; index < 2 && result == STATUS_OK; index++) {
		result = read_font_file(paths[index], &read[index]);
		if (result != STATUS_OK)
			set_error(self, "%s", create_error);
	}
	/* Probe both as fonts before giving up the faces there are. */
	for (int index = 0; index < 2 && result == STATUS_OK; index++) {
		SDL_RWops *source = SDL_RWFromConstMem(read[index].bytes, (int)read[index].length);
		TTF_Font *probe = source != NULL ? TTF_OpenFontRW(source, 1, PROBE_SIZE) : NULL;
		if (probe == NULL) {
			set_error(self, "%s is not a font SDL2_ttf can read: %s", paths[index],
			          TTF_GetError());
			result = STATUS_INVALID;
		} else {
			TTF_CloseFont(probe);
		}
	}
	if (result != STATUS_OK) {
		free(read[0].bytes);
		free(read[1].bytes);
		return result;
	}
	close_face(self, TEXT_FACE_ARABIC_TEXT);
	close_face(self, TEXT_FACE_ARABIC_BOLD);
	self->files[TEXT_FACE_ARABIC_TEXT] = read[0];
	self->files[TEXT_FACE_ARABIC_BOLD] = read[1];
	/* Lines measured or drawn before had their Arabic in the reading face. */
	memset(&self->widths, 0, sizeof self->widths);
	while (self->oldest != NULL)
		drop_entry(self, self->oldest);
	return STATUS_OK;
}

void render_destroy(renderer *self)
{
	if (self == NULL)
		return;
	while (self->oldest != NULL)
		drop_entry(self, self->oldest);
	for (size_t index = 0; index < self->font_count; index++)
		TTF_CloseFont(self->fonts[index].font.handle);
	for (int face = 0; face < TEXT_FACE_COUNT; face++)
		free(self->files[face].bytes);
	text_faces_line_free(&self->line);
	if (self->sdl != NULL)
		SDL_DestroyRenderer(self->sdl);
	free(self->rects);
	free(self);
	TTF_Quit();
}
