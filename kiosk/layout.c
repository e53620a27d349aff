/* layout.c — from window pixels and panel millimetres to the sizes and
 * colours the screens use. */
#include "layout.h"

#include <math.h>

static draw_color rgb(unsigned value)
{
	draw_color color = {(uint8_t)(value >> 16), (uint8_t)(value >> 8), (uint8_t)value, 255};
	return color;
}

static layout_palette default_palette(void)
{
	layout_palette palette;
	palette.background = rgb(0xF7F4EC);
	palette.surface = rgb(0xFFFFFF);
	palette.text = rgb(0x1B1B1B);
	palette.muted_text = rgb(0x4A4A4A);
	palette.border = rgb(0x6B7785);
	palette.primary = rgb(0x0B4F8A);
	palette.primary_pressed = rgb(0x062F55);
	palette.on_primary = rgb(0xFFFFFF);
	palette.secondary = rgb(0xE3EAF2);
	palette.secondary_pressed = rgb(0xB9C8D9);
	palette.on_secondary = rgb(0x0A2A47);
	palette.chip = rgb(0xDDEFE1);
	palette.on_chip = rgb(0x14461F);
	palette.notice = rgb(0xFFF0BF);
	palette.on_notice = rgb(0x3B2C00);
	palette.attract_background = rgb(0x0B2F52);
	palette.on_attract = rgb(0xFFFFFF);
	palette.attract_accent = rgb(0xFFD54A);
	palette.on_attract_accent = rgb(0x1B1B1B);
	palette.overlay = rgb(0x3A3A3A);
	return palette;
}

/* Light text on black for readers who need the strongest contrast: every
 * text colour is at least 7:1 (WCAG AAA) on the backgrounds it is used on. */
static layout_palette high_contrast_palette(void)
{
	layout_palette palette;
	palette.background = rgb(0x000000);
	palette.surface = rgb(0x000000);
	palette.text = rgb(0xFFFFFF);
	palette.muted_text = rgb(0xE6E6E6);
	palette.border = rgb(0xFFFFFF);
	palette.primary = rgb(0xFFE600);
	palette.primary_pressed = rgb(0xFFFFFF);
	palette.on_primary = rgb(0x000000);
	palette.secondary = rgb(0x1F1F1F);
	palette.secondary_pressed = rgb(0x3D3D3D);
	palette.on_secondary = rgb(0xFFFFFF);
	palette.chip = rgb(0x000000);
	palette.on_chip = rgb(0xFFE600);
	palette.notice = rgb(0xFFE600);
	palette.on_notice = rgb(0x000000);
	palette.attract_background = rgb(0x000000);
	palette.on_attract = rgb(0xFFFFFF);
	palette.attract_accent = rgb(0xFFE600);
	palette.on_attract_accent = rgb(0x000000);
	palette.overlay = rgb(0x000000);
	return palette;
}

static int at_least(int value, int floor)
{
	return value < floor ? floor : value;
}

layout_metrics layout_compute(int width, int height, double width_mm, double height_mm)
{
	return layout_compute_styled(width, height, width_mm, height_mm, LAYOUT_TEXT_NORMAL);
}

layout_metrics layout_compute_styled(int width, int height, double width_mm, double height_mm,
                                     layout_text_style style)
{
	layout_metrics metrics;
	metrics.width = at_least(width, 1);
	metrics.height = at_least(height, 1);
	metrics.portrait = metrics.height > metrics.width;
	if (!(width_mm > 0.0) || !(height_mm > 0.0)) {
		double diagonal_pixels = hypot((double)metrics.width, (double)metrics.height);
		width_mm = LAYOUT_DEFAULT_DIAGONAL_MM * metrics.width / diagonal_pixels;
		height_mm = LAYOUT_DEFAULT_DIAGONAL_MM * metrics.height / diagonal_pixels;
	}
	/* Panels with non-square pixels do not exist in practice; the smaller
	 * density keeps targets at least the promised size in both directions. */
	double horizontal = metrics.width / width_mm;
	double vertical = metrics.height / height_mm;
	metrics.pixels_per_mm = horizontal < vertical ? horizontal : vertical;

	metrics.target = layout_millimetres(&metrics, LAYOUT_MIN_TARGET_MM);
	/* Body text: an em of about 9 mm reads at arm's length with reduced
	 * vision; on small panels one thirtieth of the short side keeps whole
	 * sentences on a line. */
	int short_side = metrics.width < metrics.height ? metrics.width : metrics.height;
	int by_size = layout_millimetres(&metrics, 9.0);
	int by_panel = short_side / 30;
	metrics.text_size = at_least(by_size > by_panel ? by_size : by_panel, 16);
	/* Larger styles: a quarter, then a half larger. */
	static const int style_percent[LAYOUT_TEXT_STYLE_COUNT] = {100, 125, 150, 150};
	if ((int)style < 0 || style >= LAYOUT_TEXT_STYLE_COUNT) {
		style = LAYOUT_TEXT_NORMAL;
	}
	metrics.style = style;
	metrics.text_size = metrics.text_size * style_percent[style] / 100;
	metrics.small_size = at_least(metrics.text_size * 17 / 20, 14);
	metrics.min_text_size = at_least(metrics.text_size * 4 / 5, 14);
	metrics.heading_size = metrics.text_size * 3 / 2;
	metrics.title_size = metrics.text_size * 11 / 5;
	metrics.digits_size = metrics.text_size * 2;
	metrics.icon_size = metrics.text_size * 2;
	metrics.margin = at_least(metrics.text_size * 4 / 5, layout_millimetres(&metrics, 4.0));
	metrics.gap = at_least(metrics.text_size / 2, 6);
	metrics.radius = metrics.text_size / 3;
	metrics.border = at_least(metrics.text_size / 12, 2);
	metrics.palette =
	    style == LAYOUT_TEXT_HIGH_CONTRAST ? high_contrast_palette() : default_palette();
	return metrics;
}

int layout_millimetres(const layout_metrics *metrics, double millimetres)
{
	return (int)ceil(millimetres * metrics->pixels_per_mm);
}
