/* draw.h — what a screen wants on the glass, as a list of commands: filled
 * and framed rectangles, single lines of text, icons, QR codes, and the touch
 * targets under them. Screens fill a list; only render.c turns it into pixels,
 * so every screen can be built, inspected and tested without a display. */
#ifndef KIOSK_DRAW_H
#define KIOSK_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef struct draw_rect {
	int x, y, width, height;
} draw_rect;

typedef struct draw_color {
	uint8_t red, green, blue, alpha;
} draw_color;

typedef enum draw_font {
	DRAW_FONT_TEXT = 0, /* the reading face (Atkinson Hyperlegible) */
	DRAW_FONT_BOLD,     /* the same face, bold: headings, buttons */
	DRAW_FONT_ICON,     /* the pictogram font (Material Icons) */
	DRAW_FONT_COUNT
} draw_font;

typedef enum draw_align { DRAW_ALIGN_START = 0, DRAW_ALIGN_CENTRE, DRAW_ALIGN_END } draw_align;

typedef enum draw_kind {
	DRAW_FILL,  /* a filled (rounded) rectangle */
	DRAW_FRAME, /* a rectangle outline `thickness` pixels wide */
	DRAW_TEXT,  /* one line of UTF-8 text that fits its box */
	DRAW_ICON,  /* a pictogram by Material Icons name, centred in its box */
	DRAW_QR,    /* a square grid of dark/light modules, quiet zone included */
	DRAW_CLIP   /* later commands draw only inside `box`; an empty box ends clipping */
} draw_kind;

/* One command. Text and QR modules live in the list's own storage and stay
 * valid until the list is cleared or destroyed. */
typedef struct draw_command {
	draw_kind kind;
	draw_rect box;
	draw_color color;       /* fill, frame, text, icon or dark-module colour */
	draw_color background;  /* what text/icons/QR are drawn on: for contrast checks */
	int radius;             /* corner radius (fill, frame) */
	int thickness;          /* frame line width */
	draw_font font;         /* text */
	int size;               /* text/icon size in pixels (the font's point size) */
	draw_align align;       /* text: where the line sits in its box */
	const char *text;       /* text: the line; icon: the icon's name */
	const uint8_t *modules; /* QR: side*side bytes, 1 = dark */
	int side;               /* QR: modules per side, quiet zone included */
} draw_command;

/* A place a finger can press. `action` and `argument` are the screen's own
 * meaning (see screen.h); `label` is the visible text (or a short name for an
 * icon-only target), used by the replay script's `tap "Label"`. */
typedef struct draw_target {
	draw_rect box;
	int action;
	int argument;
	const char *label;
	bool clipped; /* cut by a clip (a card half scrolled out of its list) */
} draw_target;

/* How wide text is, in the font the renderer will use. Supplied by render.c
 * (SDL2_ttf) in the kiosk and by a fixed-width fake in unit tests; screens
 * need it to wrap and shrink text so it never leaves its box. */
typedef struct draw_measurer {
	void *context;
	/* Width in pixels of `length` bytes of UTF-8 `text` in `font` at `size`. */
	int (*text_width)(void *context, draw_font font, int size, const char *text, size_t length);
	/* Distance in pixels from one line's top to the next (ascent + descent). */
	int (*line_height)(void *context, draw_font font, int size);
} draw_measurer;

typedef struct draw_list draw_list;

/* Creates an empty list; NULL when out of memory. Free with
 * draw_list_destroy(). */
draw_list *draw_list_create(void);
/* Frees the list and everything it holds. NULL is allowed. */
void draw_list_destroy(draw_list *list);
/* Empties the list for the next frame, keeping its memory, and clears its
 * error. */
void draw_list_clear(draw_list *list);
/* Marks the frame as right to left (Arabic) or left to right (the default,
 * and what draw_list_clear() sets back). It is the base direction of every
 * text line in the list: render.c orders each line's bidi runs (bidi.h) by
 * it, so in an Arabic frame a time sits left of the Arabic words and a
 * closing full stop at the line's left end. It moves nothing: boxes are
 * mirrored by draw_list_mirror(). */
void draw_list_set_right_to_left(draw_list *list, bool right_to_left);
/* True when draw_list_set_right_to_left(list, true) was called since the
 * last clear. */
bool draw_list_is_right_to_left(const draw_list *list);
/* Turns a frame built left to right into its right-to-left mirror image for
 * a window `window_width` pixels wide: every command's box, every target's
 * box and the clip in force move to x = window_width - x - width (sizes and
 * heights unchanged); text aligned to the start goes to the end and the
 * other way round; directional icons are swapped for their mirror images
 * (arrow_back and arrow_forward, chevron_left and chevron_right, skip_next
 * and skip_previous, … see draw.c); text, QR modules and every other icon
 * stay as they are (a mirrored QR code would not scan). Mirroring twice
 * gives the frame back. Screens keep building left to right; the app
 * mirrors a finished Arabic frame, so Back lands on the right and progress
 * runs from the right. Sets no direction: call draw_list_set_right_to_left()
 * too. */
void draw_list_mirror(draw_list *list, int window_width);
/* STATUS_OK, or the first failure (STATUS_NO_MEMORY) since the last clear.
 * The adding functions below return nothing and set this instead, like
 * ferror(): a frame builds hundreds of commands, and one check after the
 * build is what a caller can act on (it shows the previous frame). */
KIOSK_NODISCARD status draw_list_status(const draw_list *list);

void draw_fill(draw_list *list, draw_rect box, draw_color color, int radius);
void draw_frame(draw_list *list, draw_rect box, draw_color color, int radius, int thickness);
/* One line of text (the first `length` bytes of `text`, copied) drawn on
 * `background`. The caller has made sure it fits `box`; draw_text_block()
 * does that for paragraphs. */
void draw_text_line(draw_list *list, draw_rect box, const char *text, size_t length, draw_font font,
                    int size, draw_color color, draw_color background, draw_align align);
/* A pictogram by Material Icons name ("directions_walk"), `size` pixels,
 * centred in `box`. */
void draw_icon(draw_list *list, draw_rect box, const char *name, int size, draw_color color,
               draw_color background);
/* A QR code: `modules` is side*side bytes (1 = dark), copied. */
void draw_qr(draw_list *list, draw_rect box, const uint8_t *modules, int side, draw_color dark,
             draw_color light);
/* Draws the commands that follow only inside `box` (a scrolling list under
 * a fixed header); draw_clip_end() lifts it. Targets added meanwhile are cut
 * to the clip, and text lines wholly outside it are left out. */
void draw_clip(draw_list *list, draw_rect box);
void draw_clip_end(draw_list *list);
/* A touch target; `label` is copied. Later targets lie on top of earlier
 * ones (an overlay is added after the screen under it). */
void draw_target_add(draw_list *list, draw_rect box, int action, int argument, const char *label);

size_t draw_list_count(const draw_list *list);
/* The command at `index` (< draw_list_count()); borrowed. */
const draw_command *draw_list_at(const draw_list *list, size_t index);
size_t draw_list_target_count(const draw_list *list);
/* The target at `index` (< draw_list_target_count()); borrowed. */
const draw_target *draw_list_target_at(const draw_list *list, size_t index);
/* The topmost target containing the point, or NULL. */
const draw_target *draw_list_target_at_point(const draw_list *list, int x, int y);

/* How draw_text_block() sets a paragraph. It tries `size`, then smaller sizes
 * (about 6% a step) down to `min_size`, for the first at which the whole
 * text fits the box's width and height and `max_lines` (0 = no line limit,
 * at most 64). If none does it uses `min_size` and ends the last line that
 * fits with "…" (left off when the box is narrower than "…" itself). Lines
 * break at spaces and newlines, and inside a word only when the word alone
 * is wider than the box. */
typedef struct draw_text_style {
	draw_font font;
	int size;
	int min_size;
	int max_lines;
	draw_color color;
	draw_color background;
	draw_align align;
} draw_text_style;

/* Lays `text` out in `box` as above, adding one DRAW_TEXT per line, starting
 * at the box's top; every line lies inside the box. When not even one line
 * fits at `min_size` (the box is lower than a line, or one character is
 * wider than the box) it draws nothing and returns 0: text never leaves its
 * box. Returns the height used, in pixels (0 for empty text too). */
int draw_text_block(draw_list *list, const draw_measurer *measurer, draw_rect box, const char *text,
                    const draw_text_style *style);
/* The height draw_text_block() would use for `text` in a box `width` wide
 * and unlimited height (so at `size`, no shrinking), capped by max_lines. */
int draw_text_block_height(const draw_measurer *measurer, int width, const char *text,
                           const draw_text_style *style);

/* The overlap of two rectangles (width or height 0 when they do not meet). */
draw_rect draw_rect_intersect(draw_rect a, draw_rect b);
/* True when (x, y) lies inside `box`. */
bool draw_rect_contains(draw_rect box, int x, int y);
/* `box` made smaller by `inset` pixels on every side (never negative). */
draw_rect draw_rect_inset(draw_rect box, int inset);

/* The WCAG 2 contrast ratio between two opaque colours (1.0 .. 21.0). */
double draw_contrast_ratio(draw_color a, draw_color b);

#endif
