/* slip_raster.c — a slip's draw list to a 1-bit bitmap with SDL2_ttf: text
 * set as on screen (text_faces.c: bidi runs, Arabic in its own face),
 * coverage thresholded at 50%, whole-dot QR modules, no window or renderer. */
#define _POSIX_C_SOURCE 200809L
#include "slip_raster.h"

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

/* Faces opened per font file. A slip uses three or four sizes per face;
 * each face keeps one size (switching flushes its glyph cache), and they are
 * all opened at creation so no face is opened off the creating thread. */
#define FACES_PER_FONT 6
/* Sizes a face is set to; requests outside are clamped. */
#define FONT_SIZE_MIN 4
#define FONT_SIZE_MAX 1000
/* The size faces are opened at, to check the files are fonts. */
#define PROBE_SIZE 16
/* One line of text never comes near this; longer ones are refused. */
#define TEXT_LINE_LIMIT 4096
/* Coverage (alpha) from which a text dot is inked: 50%. */
#define INK_THRESHOLD 128u

typedef struct sized_face {
	text_font font; /* the handle, its ink reach and shaping direction */
	int size;       /* the size it is set to; 0 = free to take */
	uint64_t last_used;
} sized_face;

struct slip_raster {
	/* draw_font's faces, then the Arabic ones (empty until loaded). */
	text_font_file files[TEXT_FACE_COUNT];
	sized_face faces[TEXT_FACE_COUNT][FACES_PER_FONT];
	uint64_t clock;
	bool ttf_started;
	draw_measurer measurer;
	text_font_source source; /* font_at() for text_faces.c */
	text_line line;          /* one line's runs and pieces, and a copy of its text */
	bool right_to_left;      /* the base direction lines are measured and drawn in */
	width_cache widths;      /* a layout measures each word several times */
	/* While rendering: the target and the clip in force (image-sized when
	 * there is none). */
	bitmap *target;
	draw_rect clip;
	char error[512];
};

static char create_error[512];

static void set_error(slip_raster *self, const char *format, ...) KIOSK_PRINTF(2, 3);
static void set_error(slip_raster *self, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	char *target = self != NULL ? self->error : create_error;
	size_t size = self != NULL ? sizeof self->error : sizeof create_error;
	(void)vsnprintf(target, size, format, arguments);
	va_end(arguments);
}

const char *slip_raster_last_error(const slip_raster *self)
{
	return self != NULL ? self->error : create_error;
}

/* ---- Fonts ---------------------------------------------------------------- */

static status read_font_file(const char *path, text_font_file *out)
{
	return text_faces_read_file(path, out, create_error, sizeof create_error);
}

static int clamp_size(int size)
{
	return size < FONT_SIZE_MIN ? FONT_SIZE_MIN : size > FONT_SIZE_MAX ? FONT_SIZE_MAX : size;
}

/* A face of `face` (draw_font or TEXT_FACE_ARABIC_*) set to `size`: one
 * already at that size, or the one unused longest, switched to it. NULL
 * when the face is not loaded or SDL2_ttf refuses (self->error says why).
 * Opens nothing, so it is safe off the creating thread. */
static text_font *font_at(slip_raster *self, int face, int size)
{
	if (face < 0 || face >= TEXT_FACE_COUNT || self->files[face].bytes == NULL) {
		return NULL;
	}
	size = clamp_size(size);
	self->clock++;
	sized_face *faces = self->faces[face];
	sized_face *oldest = &faces[0];
	for (size_t index = 0; index < FACES_PER_FONT; index++) {
		if (faces[index].size == size) {
			faces[index].last_used = self->clock;
			return &faces[index].font;
		}
		if (faces[index].last_used < oldest->last_used) {
			oldest = &faces[index];
		}
	}
	if (TTF_SetFontSize(oldest->font.handle, size) != 0) {
		oldest->size = 0;
		set_error(self, "cannot set font %d to size %d: %s", face, size, TTF_GetError());
		return NULL;
	}
	/* The ink reach of the Arabic letters changes with the size. */
	text_faces_prepare(oldest->font.handle, face, &oldest->font);
	oldest->size = size;
	oldest->last_used = self->clock;
	return &oldest->font;
}

static text_font *source_font(void *context, int face, int size)
{
	return font_at(context, face, size);
}

static bool source_has_face(void *context, int face)
{
	const slip_raster *self = context;
	return face >= 0 && face < TEXT_FACE_COUNT && self->files[face].bytes != NULL;
}

/* Opens FACES_PER_FONT faces of the file of `face` into `out`, here on the
 * creating thread (see slip_raster.h); on failure closes what it opened. */
static status open_faces(const text_font_file *file, int face, const char *path,
                         sized_face out[FACES_PER_FONT], char *error, size_t error_size)
{
	for (size_t index = 0; index < FACES_PER_FONT; index++) {
		SDL_RWops *source = SDL_RWFromConstMem(file->bytes, (int)file->length);
		TTF_Font *handle = source != NULL ? TTF_OpenFontRW(source, 1, PROBE_SIZE) : NULL;
		if (handle == NULL) {
			(void)text_format(error, error_size,
			                  "%s is not a font SDL2_ttf can read: %s", path,
			                  TTF_GetError());
			for (size_t opened = 0; opened < index; opened++) {
				TTF_CloseFont(out[opened].font.handle);
				out[opened] = (sized_face){0};
			}
			return STATUS_INVALID;
		}
		/* Only the first counts as set to the probe size; the others
		 * are free for the first sizes asked for. */
		out[index] = (sized_face){.size = index == 0 ? PROBE_SIZE : 0};
		text_faces_prepare(handle, face, &out[index].font);
	}
	return STATUS_OK;
}

/* ---- The measurer ------------------------------------------------------ */

/* When a font cannot be used: a generous guess, so layouts stay inside. */
static int estimated_width(int size, size_t length)
{
	double width = 0.6 * (double)clamp_size(size) * (double)length;
	return width > (double)INT32_MAX ? INT32_MAX : (int)ceil(width);
}

static int measure_text_width(void *context, draw_font face, int size, const char *text,
                              size_t length)
{
	slip_raster *self = context;
	if (length == 0) {
		return 0;
	}
	width_cache_key key = width_cache_key_of(face, size, text, length);
	int width = 0;
	if (width_cache_find(&self->widths, &key, &width)) {
		return width;
	}
	if (length > TEXT_LINE_LIMIT) {
		return estimated_width(size, length);
	}
	/* A line that needs more than its own face (Arabic, or mixed) is as
	 * wide as its pieces side by side, as on screen. */
	if (text_faces_split(&self->line, &self->source, face, size, text, length,
	                     self->right_to_left)) {
		if (!text_faces_pieces_width(&self->line, &self->source, size, text, &width)) {
			return estimated_width(size, length);
		}
		width_cache_store(&self->widths, &key, width);
		return width;
	}
	text_font *font = text_faces_font(&self->source, (int)face, size, false);
	const char *line = text_faces_copy(&self->line, text, length);
	int height = 0;
	if (font == NULL || line == NULL ||
	    TTF_SizeUTF8(font->handle, line, &width, &height) != 0) {
		return estimated_width(size, length);
	}
	width_cache_store(&self->widths, &key, width);
	return width;
}

static int measure_line_height(void *context, draw_font face, int size)
{
	slip_raster *self = context;
	int height = text_faces_line_height(&self->source, face, size, self->right_to_left);
	return height > 0 ? height : (clamp_size(size) * 6 + 4) / 5;
}

const draw_measurer *slip_raster_measurer(slip_raster *self)
{
	return &self->measurer;
}

void slip_raster_set_right_to_left(slip_raster *self, bool right_to_left)
{
	if (self->right_to_left == right_to_left) {
		return;
	}
	self->right_to_left = right_to_left;
	/* Widths were taken in the other direction, where spaces between
	 * scripts may fall in the other face. */
	memset(&self->widths, 0, sizeof(self->widths));
}

/* ---- Painting dots ------------------------------------------------------- */

/* Black when the colour's luminance is under half: the slip is black on
 * white, and anything else prints as the nearer of the two. */
static bool is_dark(draw_color color)
{
	unsigned luminance = (299u * color.red + 587u * color.green + 114u * color.blue) / 1000u;
	return luminance < 128u;
}

/* Sets dots [x0, x1) of row y, whole bytes at a time in the middle. */
static void paint_span(bitmap *image, int y, int x0, int x1, bool black)
{
	uint8_t *row = image->bits + (size_t)y * image->stride;
	int x = x0;
	for (; x < x1 && x % 8 != 0; x++) {
		bitmap_set(image, x, y, black);
	}
	for (; x + 8 <= x1; x += 8) {
		row[x / 8] = black ? 0xffu : 0x00u;
	}
	for (; x < x1; x++) {
		bitmap_set(image, x, y, black);
	}
}

/* The part of `box` inside the image and the clip. */
static draw_rect visible(const slip_raster *self, draw_rect box)
{
	return draw_rect_intersect(box, self->clip);
}

/* How far row `row` of a shape `height` tall starts in from the side, for
 * round corners of `radius` (at most half the smaller side). */
static int corner_inset(int row, int height, int radius)
{
	int from_edge = row < height - 1 - row ? row : height - 1 - row;
	if (from_edge >= radius) {
		return 0;
	}
	double above_centre = (double)radius - ((double)from_edge + 0.5);
	double across = sqrt((double)radius * radius - above_centre * above_centre);
	return (int)lround((double)radius - across);
}

/* A filled or framed (rounded) rectangle: per row the outer span, minus the
 * inner one for a frame. */
static void paint_shape(slip_raster *self, const draw_command *command, bool filled)
{
	draw_rect box = command->box;
	draw_rect shown = visible(self, box);
	if (shown.width <= 0 || shown.height <= 0) {
		return;
	}
	int smaller = box.width < box.height ? box.width : box.height;
	int radius = command->radius < 0 ? 0 : command->radius;
	if (radius > smaller / 2) {
		radius = smaller / 2;
	}
	int thickness = command->thickness < 1 ? 1 : command->thickness;
	bool black = is_dark(command->color);
	for (int y = shown.y; y < shown.y + shown.height; y++) {
		int row = y - box.y;
		int inset = corner_inset(row, box.height, radius);
		int left = box.x + inset;
		int right = box.x + box.width - inset;
		bool solid = filled || row < thickness || row >= box.height - thickness;
		int spans[2][2] = {{left, right}, {0, 0}};
		int count = 1;
		if (!solid) {
			int hole = inset > thickness ? inset : thickness;
			spans[0][1] = box.x + hole;
			spans[1][0] = box.x + box.width - hole;
			spans[1][1] = right;
			count = 2;
		}
		for (int index = 0; index < count; index++) {
			int x0 = spans[index][0] > shown.x ? spans[index][0] : shown.x;
			int x1 = spans[index][1] < shown.x + shown.width ? spans[index][1]
			                                                 : shown.x + shown.width;
			if (x0 < x1) {
				paint_span(self->target, y, x0, x1, black);
			}
		}
	}
}

static status paint_qr(slip_raster *self, const draw_command *command)
{
	draw_rect box = command->box;
	int side = command->side;
	if (command->modules == NULL || side <= 0) {
		set_error(self, "a QR code without modules");
		return STATUS_INVALID;
	}
	int smaller = box.width < box.height ? box.width : box.height;
	int module = smaller / side;
	if (module < 1) {
		set_error(self, "a QR code of %d modules in %d dots cannot be printed", side,
		          smaller);
		return STATUS_INVALID;
	}
	draw_command light = *command;
	light.color = command->background;
	paint_shape(self, &light, true);
	int left = box.x + (box.width - module * side) / 2;
	int top = box.y + (box.height - module * side) / 2;
	bool black = is_dark(command->color);
	for (int row = 0; row < side; row++) {
		const uint8_t *modules = command->modules + (size_t)row * (size_t)side;
		for (int column = 0; column < side;) {
			if (!modules[column]) {
				column++;
				continue;
			}
			int run = column;
			while (run < side && modules[run]) {
				run++;
			}
			draw_rect dark = {left + column * module, top + row * module,
			                  (run - column) * module, module};
			draw_rect shown = visible(self, dark);
			for (int y = shown.y; y < shown.y + shown.height; y++) {
				paint_span(self->target, y, shown.x, shown.x + shown.width, black);
			}
			column = run;
		}
	}
	return STATUS_OK;
}

/* One line of text (or an icon's ligature) rendered by SDL2_ttf, set and
 * placed as render.c sets and places it (bidi runs in the list's direction,
 * Arabic in its face; aligned across, its line box centred down the box),
 * and inked where its coverage is at least half: black text blended on
 * white and then thresholded at 50% gives exactly these dots, without a
 * page-sized surface (an A4 page would be 35 MB of RGBA). */
static status paint_line(slip_raster *self, const draw_command *command, draw_font face,
                         draw_align align)
{
	draw_rect box = command->box;
	if (command->text == NULL || command->text[0] == '\0') {
		return STATUS_OK;
	}
	draw_rect shown = visible(self, box);
	if (shown.width <= 0 || shown.height <= 0) {
		return STATUS_OK;
	}
	if (strnlen(command->text, TEXT_LINE_LIMIT + 1) > TEXT_LINE_LIMIT) {
		set_error(self, "a text line of more than %d bytes", TEXT_LINE_LIMIT);
		return STATUS_TOO_LARGE;
	}
	/* Coverage is all that is kept: render in opaque black. */
	draw_color black_ink = {0, 0, 0, 255};
	SDL_Surface *surface = NULL;
	int ink_top = 0;
	int ink_height = 0;
	if (text_faces_split(&self->line, &self->source, face, command->size, command->text,
	                     strlen(command->text), self->right_to_left)) {
		surface = text_faces_render_pieces(&self->line, &self->source, command->size,
		                                   black_ink, command->text, &ink_top, &ink_height,
		                                   self->error, sizeof(self->error));
		if (surface == NULL) {
			return STATUS_IO;
		}
	} else {
		text_font *font = text_faces_font(&self->source, (int)face, command->size, false);
		if (font == NULL) {
			return STATUS_IO;
		}
		SDL_Color sdl_ink = {black_ink.red, black_ink.green, black_ink.blue,
		                     black_ink.alpha};
		surface = TTF_RenderUTF8_Blended(font->handle, command->text, sdl_ink);
		if (surface == NULL) {
			set_error(self, "cannot render text: %s", TTF_GetError());
			return STATUS_IO;
		}
		ink_height = surface->h;
	}
	status result = STATUS_OK;
	if (surface->format->BytesPerPixel != 4 || surface->format->Amask == 0) {
		set_error(self, "SDL2_ttf gave text without alpha");
		result = STATUS_IO;
	} else if (SDL_LockSurface(surface) != 0) {
		set_error(self, "cannot read rendered text: %s", SDL_GetError());
		result = STATUS_IO;
	} else {
		int x = box.x;
		if (align == DRAW_ALIGN_CENTRE) {
			x = box.x + (box.width - surface->w) / 2;
		} else if (align == DRAW_ALIGN_END) {
			x = box.x + box.width - surface->w;
		}
		/* The line box, not the whole surface, is centred: an Arabic
		 * line's surface has the Arabic face's generous ascent and
		 * descent. */
		int y = box.y + (box.height - ink_height) / 2 - ink_top;
		draw_rect placed = {x, y, surface->w, surface->h};
		draw_rect inked = draw_rect_intersect(placed, shown);
		bool black = is_dark(command->color);
		Uint32 alpha_mask = surface->format->Amask;
		Uint8 alpha_shift = surface->format->Ashift;
		for (int row = inked.y; row < inked.y + inked.height; row++) {
			const Uint32 *pixels =
			    (const Uint32 *)((const Uint8 *)surface->pixels +
			                     (size_t)(row - y) * (size_t)surface->pitch);
			for (int column = inked.x; column < inked.x + inked.width; column++) {
				Uint32 alpha = (pixels[column - x] & alpha_mask) >> alpha_shift;
				if (alpha >= INK_THRESHOLD) {
					bitmap_set(self->target, column, row, black);
				}
			}
		}
		SDL_UnlockSurface(surface);
	}
	SDL_FreeSurface(surface);
	return result;
}

static status paint_command(slip_raster *self, const draw_command *command)
{
	draw_rect whole = {0, 0, self->target->width, self->target->height};
	switch (command->kind) {
	case DRAW_FILL: paint_shape(self, command, true); return STATUS_OK;
	case DRAW_FRAME: paint_shape(self, command, false); return STATUS_OK;
	case DRAW_TEXT: return paint_line(self, command, command->font, command->align);
	/* Material Icons draws an icon's name, set in the icon font, as its
	 * pictogram (a ligature). */
	case DRAW_ICON: return paint_line(self, command, DRAW_FONT_ICON, DRAW_ALIGN_CENTRE);
	case DRAW_QR: return paint_qr(self, command);
	case DRAW_CLIP:
		self->clip = command->box.width > 0 && command->box.height > 0
		                 ? draw_rect_intersect(command->box, whole)
		                 : whole;
		return STATUS_OK;
	}
	set_error(self, "unknown draw command %d", (int)command->kind);
	return STATUS_INVALID;
}

status slip_raster_render(slip_raster *self, const draw_list *list, int width, int height,
                          bitmap *out)
{
	if (out == NULL) {
		return STATUS_USAGE;
	}
	memset(out, 0, sizeof(*out));
	if (self == NULL || list == NULL) {
		return STATUS_USAGE;
	}
	self->error[0] = '\0';
	status result = bitmap_create(width, height, out);
	if (result != STATUS_OK) {
		set_error(self, "cannot make a %d x %d bitmap", width, height);
		return result;
	}
	slip_raster_set_right_to_left(self, draw_list_is_right_to_left(list));
	self->target = out;
	self->clip = (draw_rect){0, 0, width, height};
	size_t count = draw_list_count(list);
	for (size_t index = 0; index < count && result == STATUS_OK; index++) {
		result = paint_command(self, draw_list_at(list, index));
	}
	self->target = NULL;
	if (result != STATUS_OK) {
		bitmap_free(out);
	}
	return result;
}

/* ---- Life cycle ---------------------------------------------------------- */

status slip_raster_create(const char *const font_paths[DRAW_FONT_COUNT], slip_raster **out)
{
	create_error[0] = '\0';
	if (out == NULL) {
		return STATUS_USAGE;
	}
	*out = NULL;
	if (font_paths == NULL) {
		set_error(NULL, "slip_raster_create: no font paths");
		return STATUS_USAGE;
	}
	for (int face = 0; face < DRAW_FONT_COUNT; face++) {
		if (font_paths[face] == NULL) {
			set_error(NULL, "slip_raster_create: no file for font %d", face);
			return STATUS_USAGE;
		}
	}
	slip_raster *self = calloc(1, sizeof(*self));
	if (self == NULL) {
		set_error(NULL, "out of memory");
		return STATUS_NO_MEMORY;
	}
	self->measurer = (draw_measurer){
	    .context = self, .text_width = measure_text_width, .line_height = measure_line_height};
	self->source =
	    (text_font_source){.context = self, .has_face = source_has_face, .font = source_font};
	status result = text_faces_line_init(&self->line);
	/* SDL2_ttf counts TTF_Init() calls: this one is paired with the
	 * TTF_Quit() in slip_raster_destroy(), so the renderer's fonts and ours
	 * come and go independently. */
	if (result != STATUS_OK) {
		set_error(NULL, "out of memory");
	} else if (TTF_Init() != 0) {
		set_error(NULL, "SDL2_ttf could not start: %s", TTF_GetError());
		result = STATUS_IO;
	} else {
		self->ttf_started = true;
	}
	for (int face = 0; face < DRAW_FONT_COUNT && result == STATUS_OK; face++) {
		result = read_font_file(font_paths[face], &self->files[face]);
	}
	for (int face = 0; face < DRAW_FONT_COUNT && result == STATUS_OK; face++) {
		result = open_faces(&self->files[face], face, font_paths[face], self->faces[face],
		                    create_error, sizeof(create_error));
	}
	if (result != STATUS_OK) {
		slip_raster_destroy(self);
		return result;
	}
	*out = self;
	return STATUS_OK;
}

/* Closes the faces of `face` and forgets its file. */
static void close_faces(slip_raster *self, int face)
{
	for (size_t index = 0; index < FACES_PER_FONT; index++) {
		if (self->faces[face][index].font.handle != NULL) {
			TTF_CloseFont(self->faces[face][index].font.handle);
		}
		self->faces[face][index] = (sized_face){0};
	}
	free(self->files[face].bytes);
	self->files[face] = (text_font_file){0};
}

status slip_raster_load_arabic_faces(slip_raster *self, const char *regular_path,
                                     const char *bold_path)
{
	if (self == NULL || regular_path == NULL || bold_path == NULL) {
		if (self != NULL) {
			set_error(self, "slip_raster_load_arabic_faces: missing path");
		}
		return STATUS_USAGE;
	}
	self->error[0] = '\0';
	const char *paths[2] = {regular_path, bold_path};
	const int faces[2] = {TEXT_FACE_ARABIC_TEXT, TEXT_FACE_ARABIC_BOLD};
	text_font_file read[2] = {{0}};
	sized_face opened[2][FACES_PER_FONT];
	memset(opened, 0, sizeof(opened));
	status result = STATUS_OK;
	for (int index = 0; index < 2 && result == STATUS_OK; index++) {
		result = text_faces_read_file(paths[index], &read[index], self->error,
		                              sizeof(self->error));
	}
	/* Open all before giving up the faces there are, and all here: the
	 * worker thread only switches their sizes. */
	for (int index = 0; index < 2 && result == STATUS_OK; index++) {
		result = open_faces(&read[index], faces[index], paths[index], opened[index],
		                    self->error, sizeof(self->error));
	}
	if (result != STATUS_OK) {
		for (size_t index = 0; index < FACES_PER_FONT; index++) {
			if (opened[0][index].font.handle != NULL) {
				TTF_CloseFont(opened[0][index].font.handle);
			}
		}
		free(read[0].bytes);
		free(read[1].bytes);
		return result;
	}
	for (int index = 0; index < 2; index++) {
		close_faces(self, faces[index]);
		self->files[faces[index]] = read[index];
		memcpy(self->faces[faces[index]], opened[index], sizeof(opened[index]));
	}
	/* Lines measured before had their Arabic in the reading face. */
	memset(&self->widths, 0, sizeof(self->widths));
	return STATUS_OK;
}

void slip_raster_destroy(slip_raster *self)
{
	if (self == NULL) {
		return;
	}
	for (int face = 0; face < TEXT_FACE_COUNT; face++) {
		close_faces(self, face);
	}
	text_faces_line_free(&self->line);
	if (self->ttf_started) {
		TTF_Quit();
	}
	free(self);
}
