/* layout.h — sizes and colours for every screen, computed from the window's
 * pixels and the screen's physical size: a touch target is at least 15 mm
 * whatever the panel, and text is sized to be read at arm's length. */
#ifndef KIOSK_LAYOUT_H
#define KIOSK_LAYOUT_H

#include <stdbool.h>

#include "draw.h"

#define LAYOUT_MIN_TARGET_MM 15.0
/* Without a configured or reported size the kiosk assumes a 24" panel. */
#define LAYOUT_DEFAULT_DIAGONAL_MM 609.6

/* The colours of the kiosk. Every text colour is at least 4.5:1 against the
 * backgrounds it is used on (WCAG AA); tests check each pair in every frame. */
typedef struct layout_palette {
	draw_color background;      /* the page */
	draw_color surface;         /* cards, tiles */
	draw_color text;            /* body text on background or surface */
	draw_color muted_text;      /* secondary text on background or surface */
	draw_color border;          /* tile and card outlines */
	draw_color primary;         /* main buttons, selected tiles */
	draw_color primary_pressed; /* a main button under a finger */
	draw_color on_primary;      /* text on primary and primary_pressed */
	draw_color secondary;       /* quieter buttons (Terug, Sla over) */
	draw_color secondary_pressed;
	draw_color on_secondary;
	draw_color chip; /* "why it fits" chips */
	draw_color on_chip;
	draw_color notice; /* relaxed answers, warnings */
	draw_color on_notice;
	draw_color attract_background; /* the attract screen */
	draw_color on_attract;
	draw_color attract_accent; /* its call to action */
	draw_color on_attract_accent;
	draw_color overlay; /* the dimmed page under "Bent u er nog?" */
} layout_palette;

/* How a resident wants text: the "Aa" button on every screen steps through
 * these, and the kiosk returns to normal when a visit ends. */
typedef enum layout_text_style {
	LAYOUT_TEXT_NORMAL = 0,
	LAYOUT_TEXT_LARGE,         /* text a quarter larger */
	LAYOUT_TEXT_EXTRA_LARGE,   /* text half as large again */
	LAYOUT_TEXT_HIGH_CONTRAST, /* extra large, light on black (every pair >= 7:1) */
	LAYOUT_TEXT_STYLE_COUNT
} layout_text_style;

typedef struct layout_metrics {
	int width, height; /* window pixels */
	bool portrait;
	double pixels_per_mm;
	int target;        /* the smallest touch target side, >= 15 mm */
	int margin;        /* page edge */
	int gap;           /* between neighbours */
	int radius;        /* corner radius of buttons and cards */
	int border;        /* outline thickness */
	int text_size;     /* body text */
	int small_size;    /* secondary lines: still readable at arm's length */
	int heading_size;  /* a question, a card title */
	int title_size;    /* the attract screen's call to action */
	int digits_size;   /* a phone number */
	int icon_size;     /* pictograms on tiles */
	int min_text_size; /* the floor text may shrink to */
	layout_text_style style;
	layout_palette palette;
} layout_metrics;

/* Metrics for a window of width x height pixels on a panel of width_mm x
 * height_mm (either 0 when unknown: then the panel is taken as 24" with the
 * window's aspect). Never fails; degenerate sizes are clamped to 1 pixel. */
layout_metrics layout_compute(int width, int height, double width_mm, double height_mm);

/* The same for a resident's text style: text, icons and the spacing that
 * follows text grow with the style; touch targets never shrink. */
layout_metrics layout_compute_styled(int width, int height, double width_mm, double height_mm,
                                     layout_text_style style);

/* A target side of `millimetres` in pixels at these metrics (rounded up). */
int layout_millimetres(const layout_metrics *metrics, double millimetres);

#endif
