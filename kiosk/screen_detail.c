/* screen_detail.c — one offer in full: a resident reads it standing up and
 * takes the link home with a phone. It fits one screen when it can; when it
 * cannot (large text on a small window) it scrolls rather than leave
 * anything out. */
#include "screen_detail.h"

#include <string.h>

#include "offer_text.h"
#include "screen_offer_text.h"
#include "screen_resident.h"
#include "text.h"

/* A QR code of at least this width scans from a phone held at a
 * comfortable distance; larger when there is room. */
#define QR_MIN_MM             35.0
#define QR_PREFERRED_MM       50.0
#define QR_ROOMY_MM           70.0
#define QR_MIN_MODULE_PX      4
#define MAX_URL_LINES         16
#define MAX_DESCRIPTION_LINES 6

/* The sizes of one attempt at fitting the page; smaller attempts follow. */
typedef struct detail_sizes {
	int body;   /* description, meetings, address */
	int small;  /* secondary lines, the URL */
	int title;  /* the offer's name */
	int digits; /* the phone number */
	int module; /* QR module side in pixels */
	int description_lines;
	int spacing;    /* between sections: generous while there is room */
	int scan_lines; /* the lines that say how to scan the code; 0 = none */
	/* The page scrolls: every paragraph gets all the lines it needs, so
	 * the line limits above (and those of each block) do not apply. */
	bool scrolls;
} detail_sizes;

typedef struct detail_words {
	char meetings[3][160];
	size_t meeting_count;
	char postcode_city[160];
	char walking[64];
	char phone[96];
	char checked[128];
	bool has_code;
} detail_words;

/* ---- Phrases ---------------------------------------------------------- */

static void words_make(const screen_context *context, detail_words *words)
{
	const screen_offer *shown = context->detail;
	const offer *item = shown->item;
	memset(words, 0, sizeof(*words));
	for (size_t index = 0; index < shown->meeting_count && index < 3; index++) {
		screen_format_meeting(context, &shown->meetings[index], words->meetings[index],
		                      sizeof(words->meetings[index]));
		words->meeting_count++;
	}
	if (item->postcode[0] && item->city[0]) {
		(void)text_format(words->postcode_city, sizeof(words->postcode_city), "%s  %s",
		                  item->postcode, item->city);
	} else {
		(void)text_format(words->postcode_city, sizeof(words->postcode_city), "%s%s",
		                  item->postcode, item->city);
	}
	screen_format_walking(context, shown->walking_minutes, words->walking,
	                      sizeof(words->walking));
	if (item->phone[0]) {
		(void)offer_text_group_phone(item->phone, words->phone, sizeof(words->phone));
	}
	if (item->checked != CATALOGUE_NO_DATE) {
		char date[96];
		screen_format_date(context, item->checked, date, sizeof(date));
		(void)text_format(words->checked, sizeof(words->checked),
		                  /* TRANSLATORS: %s is a date: "3 november 2026". */
		                  screen_translate(context, "Laatst gecontroleerd op %s"), date);
	}
	words->has_code = context->detail_qr.side > 0 && context->detail_qr.modules != NULL;
}

/* ---- Blocks: each measures itself, and draws when asked ----------------- */

typedef struct block_place {
	const screen_context *context;
	const detail_sizes *sizes;
	const detail_words *words;
	bool draw;
	int x, y, width;
	/* A column's first block beside the "Aa" button (the title, or the
	 * signup heading): the width it leaves the button on the right, and the
	 * height from the block's top that clears the button. 0 otherwise. */
	int reserve;
	int clear_below;
	/* Set (when not NULL) if a text would be shortened or left out to keep
	 * to its lines or width: then the page must scroll instead. */
	bool *cut;
} block_place;

static void mark_cut(const block_place *place)
{
	if (place->cut) {
		*place->cut = true;
	}
}

static draw_text_style text_style(const block_place *place, draw_font font, int size, int max_lines,
                                  draw_color color)
{
	draw_text_style style = {font,
	                         size,
	                         size,
	                         max_lines,
	                         color,
	                         place->context->metrics->palette.background,
	                         DRAW_ALIGN_START};
	return style;
}

/* A paragraph at `y` (relative to the block's top): returns its height. */
static int paragraph(const block_place *place, int y, int indent, const char *text, draw_font font,
                     int size, int max_lines, draw_color color)
{
	if (!text[0]) {
		return 0;
	}
	draw_text_style style =
	    text_style(place, font, size, place->sizes->scrolls ? 0 : max_lines, color);
	int width = place->width - indent;
	int height = draw_text_block_height(place->context->measurer, width, text, &style);
	if (place->cut && style.max_lines > 0) {
		style.max_lines = 0;
		if (draw_text_block_height(place->context->measurer, width, text, &style) >
		    height) {
			mark_cut(place);
		}
		style.max_lines = max_lines;
	}
	if (place->draw) {
		draw_rect box = {place->x + indent, place->y + y, width, height};
		(void)draw_text_block(place->context->list, place->context->measurer, box, text,
		                      &style);
	}
	return height;
}

/* A section's heading: a pictogram and a bold word. Returns its height and
 * sets *indent to where the section's lines start. */
static int section_heading(const block_place *place, const char *icon, const char *title,
                           int *indent)
{
	const layout_palette *palette = &place->context->metrics->palette;
	int height = screen_line_height(place->context, DRAW_FONT_BOLD, place->sizes->body);
	*indent = height + place->context->metrics->gap / 2;
	if (place->draw) {
		draw_rect icon_box = {place->x, place->y, height, height};
		draw_icon(place->context->list, icon_box, icon, place->sizes->body,
		          palette->primary, palette->background);
	}
	return paragraph(place, 0, *indent, title, DRAW_FONT_BOLD, place->sizes->body, 1,
	                 palette->text);
}

static int block_title(const block_place *place)
{
	const screen_context *context = place->context;
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	int icon_side = screen_line_height(context, DRAW_FONT_BOLD, place->sizes->title);
	int indent = icon_side + metrics->gap;
	/* Beside the "Aa" button a line is shorter: one more line makes up for it. */
	int max_lines = place->sizes->scrolls ? 0 : place->reserve > 0 ? 3 : 2;
	draw_text_style style =
	    text_style(place, DRAW_FONT_BOLD, place->sizes->title, max_lines, palette->text);
	style.min_size = place->sizes->body;
	int width = place->width - indent - place->reserve;
	const char *name = screen_offer_name(context, context->detail->item);
	int height = draw_text_block_height(context->measurer, width, name, &style);
	if (place->cut && max_lines > 0) {
		/* A long name shrinks to the body size; cut when even that does
		 * not fit its lines. */
		draw_text_style smallest = style;
		smallest.size = style.min_size;
		smallest.max_lines = 0;
		int needed = draw_text_block_height(context->measurer, width, name, &smallest);
		int line = screen_line_height(context, DRAW_FONT_BOLD, smallest.size);
		if (needed > height || needed > max_lines * line) {
			mark_cut(place);
		}
	}
	if (place->draw) {
		draw_rect icon_box = {place->x, place->y, icon_side, icon_side};
		draw_fill(context->list, icon_box, palette->secondary, metrics->radius);
		draw_icon(context->list, icon_box, screen_offer_icon(context->detail->item),
		          place->sizes->title, palette->on_secondary, palette->secondary);
		draw_rect box = {place->x + indent, place->y, width, height};
		(void)draw_text_block(context->list, context->measurer, box, name, &style);
	}
	int used = height > icon_side ? height : icon_side;
	return used > place->clear_below ? used : place->clear_below;
}

/* Trained moderator, care professional: why a resident may trust it. */
static int block_cues(const block_place *place)
{
	const screen_context *context = place->context;
	const offer *item = context->detail->item;
	const char *cues[2];
	size_t count = 0;
	if (item->moderator == TRISTATE_YES) {
		cues[count++] = screen_translate(context, "Getrainde gespreksleider");
	}
	if (item->care_professional == TRISTATE_YES) {
		cues[count++] = screen_translate(context, "Zorgverlener op de achtergrond");
	}
	if (count == 0) {
		return 0;
	}
	int chip_height = screen_chip_height(context);
	int spacing = context->metrics->gap / 2;
	int cursor = 0, row = 0;
	for (size_t index = 0; index < count; index++) {
		int width = screen_chip_width(context, cues[index]);
		if (width > place->width) {
			mark_cut(place);
			continue;
		}
		if (cursor > 0 && cursor + width > place->width) {
			row++;
			cursor = 0;
		}
		if (place->draw) {
			(void)screen_chip(context, place->x + cursor,
			                  place->y + row * (chip_height + spacing),
			                  place->width - cursor, cues[index]);
		}
		cursor += width + spacing;
	}
	return (row + 1) * chip_height + row * spacing;
}

static int block_description(const block_place *place)
{
	if (place->sizes->description_lines <= 0) {
		return 0;
	}
	return paragraph(place, 0, 0,
	                 screen_offer_description(place->context, place->context->detail->item),
	                 DRAW_FONT_TEXT, place->sizes->body, place->sizes->description_lines,
	                 place->context->metrics->palette.text);
}

static int block_when(const block_place *place)
{
	const screen_context *context = place->context;
	const offer *item = context->detail->item;
	const detail_words *words = place->words;
	const char *schedule_text = screen_offer_schedule_text(context, item);
	if (words->meeting_count == 0 && !schedule_text[0]) {
		return 0;
	}
	int indent = 0;
	int y = section_heading(place, "event", screen_translate(context, "Wanneer"), &indent);
	draw_color ink = context->metrics->palette.text;
	if (words->meeting_count == 0) {
		return y + paragraph(place, y, indent, schedule_text, DRAW_FONT_TEXT,
		                     place->sizes->small, 3, ink);
	}
	for (size_t index = 0; index < words->meeting_count; index++) {
		y += paragraph(place, y, indent, words->meetings[index], DRAW_FONT_TEXT,
		               place->sizes->small, 2, ink);
	}
	return y;
}

static int block_where(const block_place *place)
{
	const screen_context *context = place->context;
	const offer *item = context->detail->item;
	draw_color ink = context->metrics->palette.text;
	int indent = 0;
	int y = 0;
	if (item->address[0] || place->words->postcode_city[0]) {
		y = section_heading(place, "place", screen_translate(context, "Waar"), &indent);
		y += paragraph(place, y, indent, item->address, DRAW_FONT_TEXT, place->sizes->small,
		               2, ink);
		y += paragraph(place, y, indent, place->words->postcode_city, DRAW_FONT_TEXT,
		               place->sizes->small, 1, ink);
		y += paragraph(place, y, indent, place->words->walking, DRAW_FONT_TEXT,
		               place->sizes->small, 1, ink);
		return y;
	}
	const char *how = NULL;
	if (item->contact & CONTACT_ONLINE) {
		how = screen_translate(context, "Online, via de computer, tablet of telefoon");
	} else if (item->contact & CONTACT_PHONE) {
		how = screen_translate(context, "Via de telefoon");
	} else if (item->contact & CONTACT_HOME_VISIT) {
		how = screen_translate(context, "Bij u thuis");
	}
	if (!how) {
		return 0;
	}
	y = section_heading(place, "place", screen_translate(context, "Waar"), &indent);
	return y + paragraph(place, y, indent, how, DRAW_FONT_TEXT, place->sizes->small, 2, ink);
}

static int block_cost(const block_place *place)
{
	const screen_context *context = place->context;
	const char *cost = screen_cost_words(context, context->detail->item);
	if (!cost[0]) {
		return 0;
	}
	int indent = 0;
	int y = section_heading(place, "payments", screen_translate(context, "Kosten"), &indent);
	return y + paragraph(place, y, indent, cost, DRAW_FONT_TEXT, place->sizes->small, 2,
	                     context->metrics->palette.text);
}

static int block_contact(const block_place *place)
{
	const screen_context *context = place->context;
	const offer *item = context->detail->item;
	const layout_palette *palette = &context->metrics->palette;
	if (!item->contact_person[0] && !place->words->phone[0] && !item->email[0]) {
		return 0;
	}
	int indent = 0;
	int y = section_heading(place, "call", screen_translate(context, "Contact"), &indent);
	y += paragraph(place, y, indent, item->contact_person, DRAW_FONT_TEXT, place->sizes->small,
	               2, palette->text);
	if (place->words->phone[0]) {
		/* Large digits that shrink rather than wrap: a number split over
		 * two lines is misdialled. */
		draw_text_style style =
		    text_style(place, DRAW_FONT_BOLD, place->sizes->digits, 1, palette->text);
		style.min_size = place->sizes->small;
		int height = screen_line_height(context, DRAW_FONT_BOLD, place->sizes->digits);
		if (screen_text_width(context, DRAW_FONT_BOLD, style.min_size,
		                      place->words->phone) > place->width - indent) {
			mark_cut(place);
		}
		if (place->draw) {
			draw_rect box = {place->x + indent, place->y + y, place->width - indent,
			                 height};
			(void)draw_text_block(context->list, context->measurer, box,
			                      place->words->phone, &style);
		}
		y += height;
	}
	y += paragraph(place, y, indent, item->email, DRAW_FONT_TEXT, place->sizes->small, 2,
	               palette->text);
	return y;
}

/* ---- The link: QR code with the URL under it, or instructions ---------- */

/* The URL lines at `y` with `indent`; returns their height (0 when the URL
 * cannot be shown whole: then it is not shown at all rather than cut). */
static int url_text(const block_place *place, int y, int indent, draw_align align)
{
	const screen_context *context = place->context;
	const char *url = context->detail->item->signup_url;
	offer_text_line lines[MAX_URL_LINES];
	int width = place->width - indent;
	int size = place->sizes->small;
	size_t count = offer_text_break_url(context->measurer, DRAW_FONT_TEXT, size, url, width,
	                                    lines, MAX_URL_LINES);
	if (count == 0 || count > 3) {
		/* A long address shrinks to the floor before it wraps further. */
		size_t smaller = offer_text_break_url(context->measurer, DRAW_FONT_TEXT,
		                                      context->metrics->min_text_size, url, width,
		                                      lines, MAX_URL_LINES);
		if (smaller > 0) {
			size = context->metrics->min_text_size;
			count = smaller;
		}
	}
	if (count == 0) {
		mark_cut(place);
		return 0;
	}
	int height = screen_line_height(context, DRAW_FONT_TEXT, size);
	if (place->draw) {
		for (size_t index = 0; index < count; index++) {
			draw_rect box = {place->x + indent, place->y + y + (int)index * height,
			                 width, height};
			draw_text_line(context->list, box, url + lines[index].start,
			               lines[index].length, DRAW_FONT_TEXT, size,
			               context->metrics->palette.primary,
			               context->metrics->palette.background, align);
		}
	}
	return (int)count * height;
}

/* Without a code: how to sign up by phone, e-mail or by walking in. */
static int signup_instructions(const block_place *place, int y, int indent)
{
	const screen_context *context = place->context;
	const offer *item = context->detail->item;
	draw_color ink = context->metrics->palette.text;
	int start = y;
	char sentence[400];
	bool any = false;
	if (item->access & ACCESS_DROP_IN) {
		y += paragraph(place, y, indent,
		               screen_translate(
		                   context, "U hoeft zich niet aan te melden: loop gewoon binnen."),
		               DRAW_FONT_TEXT, place->sizes->small, 3, ink);
		any = true;
	}
	if (place->words->phone[0]) {
		if (any) {
			(void)text_format(sentence, sizeof(sentence),
			                  screen_translate(context, "Heeft u een vraag? Bel %s."),
			                  place->words->phone);
		} else {
			(void)text_format(sentence, sizeof(sentence),
			                  screen_translate(context, "Bel %s om u aan te melden."),
			                  place->words->phone);
		}
		y += paragraph(place, y, indent, sentence, DRAW_FONT_TEXT, place->sizes->small, 3,
		               ink);
		any = true;
	}
	if (item->email[0]) {
		if (any) {
			(void)text_format(sentence, sizeof(sentence),
			                  screen_translate(context, "U kunt ook mailen naar %s."),
			                  item->email);
		} else {
			(void)text_format(
			    sentence, sizeof(sentence),
			    screen_translate(context, "Mail naar %s om u aan te melden."),
			    item->email);
		}
		y += paragraph(place, y, indent, sentence, DRAW_FONT_TEXT, place->sizes->small, 3,
		               ink);
		any = true;
	}
	if (item->signup_url[0]) {
		/* The link without a code (too long to encode): still whole. */
		y += paragraph(place, y, indent, screen_translate(context, "Of kijk op:"),
		               DRAW_FONT_TEXT, place->sizes->small, 1, ink);
		y += url_text(place, y, indent, DRAW_ALIGN_START);
		any = true;
	}
	if (!any) {
		y += paragraph(place, y, indent,
		               screen_translate(context, "Vraag het aan de balie."), DRAW_FONT_TEXT,
		               place->sizes->small, 2, ink);
	}
	return y - start;
}

static int qr_side_pixels(const block_place *place)
{
	return place->context->detail_qr.side * place->sizes->module;
}

static void draw_code(const block_place *place, int x, int y)
{
	const screen_context *context = place->context;
	int side = qr_side_pixels(place);
	draw_rect box = {x, y, side, side};
	draw_qr(context->list, box, context->detail_qr.modules, context->detail_qr.side,
	        context->metrics->palette.text, context->metrics->palette.surface);
}

/* The signup section. `beside` puts the code left of its explanation (the
 * portrait page is narrow and tall); otherwise the code sits under it. The
 * URL is written under the code either way. */
static int block_signup(const block_place *place, bool beside)
{
	const screen_context *context = place->context;
	const layout_metrics *metrics = context->metrics;
	int indent = 0;
	/* Heading and words beside the "Aa" button when it sits above them. */
	block_place narrowed = *place;
	narrowed.width -= place->reserve;
	int y = section_heading(&narrowed, "qr_code_2", screen_translate(context, "Aanmelden"),
	                        &indent);
	if (!place->words->has_code) {
		y += signup_instructions(&narrowed, y, indent);
		return y > place->clear_below ? y : place->clear_below;
	}
	const char *scan =
	    screen_translate(context, "Richt de camera van uw telefoon op de code. Dan opent de "
	                              "website om u aan te melden.");
	int code = qr_side_pixels(place);
	y += metrics->gap / 2;
	if (beside) {
		block_place right = *place;
		right.x = place->x + code + metrics->gap;
		right.width = place->width - code - metrics->gap;
		int text = place->sizes->scan_lines > 0
		               ? paragraph(&right, y, 0, scan, DRAW_FONT_TEXT, place->sizes->small,
		                           place->sizes->scan_lines, metrics->palette.text)
		               : 0;
		if (place->draw) {
			draw_code(place, place->x, place->y + y);
		}
		y += (code > text ? code : text) + metrics->gap / 2;
		return y + url_text(place, y, 0, DRAW_ALIGN_START);
	}
	if (place->sizes->scan_lines > 0) {
		y += paragraph(&narrowed, y, 0, scan, DRAW_FONT_TEXT, place->sizes->small,
		               place->sizes->scan_lines, metrics->palette.text);
		y += metrics->gap / 2;
	}
	if (y < place->clear_below) {
		y = place->clear_below;
	}
	if (place->draw) {
		draw_code(place, place->x + (place->width - code) / 2, place->y + y);
	}
	y += code + metrics->gap / 2;
	return y + url_text(place, y, 0, DRAW_ALIGN_CENTRE);
}

static int block_checked(const block_place *place)
{
	return paragraph(place, 0, 0, place->words->checked, DRAW_FONT_TEXT, place->sizes->small, 2,
	                 place->context->metrics->palette.muted_text);
}

/* ---- Fitting the page ------------------------------------------------- */

typedef enum block_kind {
	BLOCK_TITLE,
	BLOCK_CUES,
	BLOCK_DESCRIPTION,
	BLOCK_WHEN,
	BLOCK_WHERE,
	BLOCK_COST,
	BLOCK_CONTACT,
	BLOCK_SIGNUP,
	BLOCK_CHECKED,
	BLOCK_KIND_COUNT
} block_kind;

static int block_build(const block_place *place, block_kind kind, bool portrait)
{
	switch (kind) {
	case BLOCK_TITLE: return block_title(place);
	case BLOCK_CUES: return block_cues(place);
	case BLOCK_DESCRIPTION: return block_description(place);
	case BLOCK_WHEN: return block_when(place);
	case BLOCK_WHERE: return block_where(place);
	case BLOCK_COST: return block_cost(place);
	case BLOCK_CONTACT: return block_contact(place);
	case BLOCK_SIGNUP: return block_signup(place, portrait);
	default: return block_checked(place);
	}
}

typedef struct column {
	/* Where the column lies; while the page scrolls, its top is where the
	 * scroll puts it and its height is the viewport's. */
	draw_rect box;
	const block_kind *blocks;
	size_t count;
	detail_sizes sizes; /* the column's own code size, spacing, description */
	int reserve;        /* block_place's, for the first block beside the "Aa" button */
	int clear_below;
} column;

/* Lays a column's blocks out top to bottom with its spacing between them and
 * returns the height used. When drawing, only the blocks that reach into
 * `visible` are drawn (the rest of a scrolled page is out of sight). `cut`
 * as block_place's, while measuring. */
static int column_build(const screen_context *context, const detail_words *words,
                        const column *part, bool draw, draw_rect visible, bool *cut)
{
	const detail_sizes *sizes = &part->sizes;
	int y = 0;
	for (size_t index = 0; index < part->count; index++) {
		block_place place = {context,
		                     sizes,
		                     words,
		                     false,
		                     part->box.x,
		                     part->box.y + y,
		                     part->box.width,
		                     index == 0 ? part->reserve : 0,
		                     index == 0 ? part->clear_below : 0,
		                     cut};
		int height = block_build(&place, part->blocks[index], context->metrics->portrait);
		if (height == 0) {
			continue;
		}
		bool seen = place.y < visible.y + visible.height && place.y + height > visible.y;
		if (draw && seen) {
			place.draw = true;
			place.cut = NULL;
			(void)block_build(&place, part->blocks[index], context->metrics->portrait);
		}
		y += height + sizes->spacing;
	}
	return y > 0 ? y - sizes->spacing : 0;
}

static bool column_has(const column *part, block_kind kind)
{
	for (size_t index = 0; index < part->count; index++) {
		if (part->blocks[index] == kind) {
			return true;
		}
	}
	return false;
}

/* The fixed bar: "Terug", and "Print" when a printer is there. Returns the
 * bar's top; draws only when `draw`. */
static int bottom_bar(const screen_context *context, bool draw)
{
	const screen_bar_button buttons[] = {
	    {screen_translate(context, "Terug"), "arrow_back", SCREEN_BUTTON_SECONDARY, ACTION_BACK,
	     1, false},
	    {screen_translate(context, "Print"), "print", SCREEN_BUTTON_PRIMARY, ACTION_PRINT, 1,
	     !context->printer_available},
	};
	return context->metrics->height - screen_bottom_bar(context, buttons, 2, draw);
}

static int module_for(const screen_context *context, double millimetres)
{
	int side = context->detail_qr.side > 0 ? context->detail_qr.side : 1;
	int pixels = layout_millimetres(context->metrics, millimetres);
	int module = (pixels + side - 1) / side;
	return module < QR_MIN_MODULE_PX ? QR_MIN_MODULE_PX : module;
}

/* The text sizes of one attempt: secondary lines a little smaller than the
 * body but not under the floor, the name half as large again, the phone
 * number twice as large. */
static void sizes_for_body(const layout_metrics *metrics, int body, detail_sizes *sizes)
{
	int floor = metrics->min_text_size;
	sizes->body = body;
	sizes->small = body * 17 / 20 > floor ? body * 17 / 20 : floor;
	if (sizes->small > body) {
		sizes->small = body;
	}
	sizes->title = body * 3 / 2;
	sizes->digits = body * 2;
	sizes->scan_lines = 4;
	sizes->scrolls = false;
}

/* Finds the roomiest settings under which the column fits: a large code
 * first (it is what a resident takes home), then generous spacing, then a
 * smaller code, and as many description lines as are left (at least
 * `min_lines`, at most `max_lines`). Every text must be there whole: one
 * cut short counts as not fitting. False when nothing fits. */
static bool column_fit(const screen_context *context, const detail_words *words, column *part,
                       int min_lines, int max_lines)
{
	const layout_metrics *metrics = context->metrics;
	static const struct {
		double code_mm;
		int spacing_gaps;
	} candidates[] = {{QR_ROOMY_MM, 2},     {QR_PREFERRED_MM, 2}, {QR_ROOMY_MM, 1},
	                  {QR_PREFERRED_MM, 1}, {QR_MIN_MM, 2},       {QR_MIN_MM, 1}};
	bool has_code = column_has(part, BLOCK_SIGNUP) && words->has_code;
	bool has_description = column_has(part, BLOCK_DESCRIPTION) &&
	                       screen_offer_description(context, context->detail->item)[0] != '\0';
	int line = screen_line_height(context, DRAW_FONT_TEXT, part->sizes.body);
	for (size_t index = 0; index < sizeof(candidates) / sizeof(candidates[0]); index++) {
		part->sizes.module = module_for(context, candidates[index].code_mm);
		part->sizes.spacing = metrics->gap * candidates[index].spacing_gaps;
		part->sizes.description_lines = 0;
		if (has_code && part->box.width < context->detail_qr.side * part->sizes.module) {
			continue;
		}
		int used = column_build(context, words, part, false, part->box, NULL);
		if (used > part->box.height) {
			continue;
		}
		if (has_description) {
			int room = (part->box.height - used - part->sizes.spacing) / line;
			if (room < min_lines) {
				continue;
			}
			part->sizes.description_lines = room < max_lines ? room : max_lines;
		}
		bool cut = false;
		(void)column_build(context, words, part, false, part->box, &cut);
		if (!cut) {
			return true;
		}
	}
	return false;
}

/* The code's module while the page scrolls: the largest size that fits the
 * column's width and the viewport's height, so that it can be seen whole. */
static int scrolling_module(const screen_context *context, int width, int height)
{
	static const double code_mm[] = {QR_ROOMY_MM, QR_PREFERRED_MM, QR_MIN_MM};
	int side = context->detail_qr.side > 0 ? context->detail_qr.side : 1;
	int room = width < height ? width : height;
	for (size_t index = 0; index < sizeof(code_mm) / sizeof(code_mm[0]); index++) {
		int module = module_for(context, code_mm[index]);
		if (side * module <= room) {
			return module;
		}
	}
	return room / side > QR_MIN_MODULE_PX ? room / side : QR_MIN_MODULE_PX;
}

/* Too much for one screen: rather than shorten or leave out anything, the
 * columns scroll together at the full text size with every line. The area
 * runs from the top of the "Aa" button (the volunteer's band above it stays
 * free of targets) to the bar, so it holds the button whole, and the button,
 * added after, stays on top of the page that scrolls under it. */
static void build_scrolling(const screen_context *context, const detail_words *words,
                            column *columns, size_t column_count, int bar_top)
{
	const layout_metrics *metrics = context->metrics;
	int top = screen_style_button_box(context).y;
	draw_rect viewport = {metrics->margin, top, metrics->width - 2 * metrics->margin,
	                      bar_top - top};
	int content = 0;
	int starts[2] = {0, 0}; /* where each column begins below the area's top */
	for (size_t index = 0; index < column_count; index++) {
		column *part = &columns[index];
		sizes_for_body(metrics, metrics->text_size, &part->sizes);
		part->sizes.scrolls = true;
		part->sizes.spacing = 2 * metrics->gap;
		part->sizes.description_lines =
		    MAX_DESCRIPTION_LINES; /* all show while scrolling */
		part->sizes.module = scrolling_module(context, part->box.width, viewport.height);
		part->box.y = top;
		part->box.height = viewport.height;
		if (part->reserve > 0) {
			part->clear_below = screen_style_button_bottom(context) - top;
		}
		if (part->reserve > part->box.width / 3) {
			/* Too narrow beside the button for words at full size (the
			 * code's column): the column starts below it instead. */
			starts[index] = part->clear_below;
			part->reserve = 0;
			part->clear_below = 0;
		}
		int used =
		    starts[index] + column_build(context, words, part, false, viewport, NULL);
		content = used > content ? used : content;
	}
	/* Scrolled to the end, the last line rests a margin above the bar. */
	content += metrics->margin;
	int limit = content > viewport.height ? content - viewport.height : 0;
	int scroll = context->scroll < limit ? context->scroll : limit;
	scroll = scroll > 0 ? scroll : 0;
	draw_target_add(context->list, viewport, ACTION_SCROLL_AREA, 0, "");
	draw_clip(context->list, viewport);
	for (size_t index = 0; index < column_count; index++) {
		columns[index].box.y = top + starts[index] - scroll;
		(void)column_build(context, words, &columns[index], true, viewport, NULL);
	}
	draw_clip_end(context->list);
	if (context->content_height) {
		*context->content_height = content;
	}
}

void screen_detail_build(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	(void)screen_window(context, metrics->palette.background);
	int bar_top = bottom_bar(context, false);
	if (context->content_height) {
		*context->content_height = 0; /* nothing scrolls unless it must */
	}
	if (!context->detail || !context->detail->item) {
		(void)bottom_bar(context, true);
		screen_style_button(context);
		return;
	}
	detail_words words;
	words_make(context, &words);

	draw_rect content = {metrics->margin, metrics->margin, metrics->width - 2 * metrics->margin,
	                     bar_top - 2 * metrics->margin};
	static const block_kind portrait_blocks[] = {BLOCK_TITLE,   BLOCK_CUES,   BLOCK_DESCRIPTION,
	                                             BLOCK_WHEN,    BLOCK_WHERE,  BLOCK_COST,
	                                             BLOCK_CONTACT, BLOCK_SIGNUP, BLOCK_CHECKED};
	static const block_kind left_blocks[] = {BLOCK_TITLE,  BLOCK_CUES,  BLOCK_DESCRIPTION,
	                                         BLOCK_WHEN,   BLOCK_WHERE, BLOCK_COST,
	                                         BLOCK_CHECKED};
	static const block_kind right_blocks[] = {BLOCK_SIGNUP, BLOCK_CONTACT};
	/* When a long link makes the code and its lines tall, the contact
	 * details move under the text on the left. */
	static const block_kind left_with_contact[] = {
	    BLOCK_TITLE, BLOCK_CUES, BLOCK_DESCRIPTION, BLOCK_WHEN,
	    BLOCK_WHERE, BLOCK_COST, BLOCK_CONTACT,     BLOCK_CHECKED};
	static const block_kind right_signup_only[] = {BLOCK_SIGNUP};
	column columns[2];
	size_t column_count = 1;
	if (metrics->portrait) {
		columns[0].box = content;
		columns[0].blocks = portrait_blocks;
		columns[0].count = sizeof(portrait_blocks) / sizeof(portrait_blocks[0]);
	} else {
		/* The right column is wide enough for the largest code and its
		 * link; the text takes the rest. */
		int right_width = content.width * 38 / 100;
		int code = context->detail_qr.side * module_for(context, QR_ROOMY_MM);
		if (right_width < code && code < content.width / 2) {
			right_width = code;
		}
		int left_width = content.width - right_width - 2 * metrics->gap;
		draw_rect left = {content.x, content.y, left_width, content.height};
		draw_rect right = {content.x + content.width - right_width, content.y, right_width,
		                   content.height};
		columns[0].box = left;
		columns[1].box = right;
		column_count = 2;
	}

	/* The "Aa" button keeps its corner: the first block of a column under
	 * it (the title, or the signup heading and its words) wraps beside it,
	 * and what follows starts below it. */
	for (size_t index = 0; index < column_count; index++) {
		column *part = &columns[index];
		part->reserve = 0;
		part->clear_below = 0;
		if (screen_style_button_meets(context, part->box)) {
			draw_rect button = screen_style_button_box(context);
			part->reserve = part->box.x + part->box.width - (button.x - metrics->gap);
			part->clear_below = screen_style_button_bottom(context) - part->box.y;
		}
	}

	/* Text sizes from roomy to tight, down to the readable floor; within
	 * each, column_fit() picks the code size, spacing and description. */
	int floor = metrics->min_text_size;
	int bodies[] = {metrics->text_size, metrics->text_size, (metrics->text_size + floor) / 2,
	                floor};
	int min_lines[] = {3, 2, 2, 1};
	int max_lines[] = {MAX_DESCRIPTION_LINES, 4, 4, 3};
	size_t attempts = sizeof(bodies) / sizeof(bodies[0]);
	size_t arrangements = column_count == 2 ? 2 : 1;
	bool fits = false;
	for (size_t attempt = 0; attempt < attempts && !fits; attempt++) {
		for (size_t arrangement = 0; arrangement < arrangements && !fits; arrangement++) {
			if (column_count == 2) {
				columns[0].blocks =
				    arrangement == 0 ? left_blocks : left_with_contact;
				columns[0].count =
				    arrangement == 0
				        ? sizeof(left_blocks) / sizeof(left_blocks[0])
				        : sizeof(left_with_contact) / sizeof(left_with_contact[0]);
				columns[1].blocks =
				    arrangement == 0 ? right_blocks : right_signup_only;
				columns[1].count = arrangement == 0 ? sizeof(right_blocks) /
				                                          sizeof(right_blocks[0])
				                                    : 1;
			}
			fits = true;
			for (size_t index = 0; index < column_count; index++) {
				sizes_for_body(metrics, bodies[attempt], &columns[index].sizes);
				fits = column_fit(context, &words, &columns[index],
				                  min_lines[attempt], max_lines[attempt]) &&
				       fits;
			}
		}
	}
	if (fits) {
		for (size_t index = 0; index < column_count; index++) {
			(void)column_build(context, &words, &columns[index], true,
			                   columns[index].box, NULL);
		}
	} else {
		if (column_count == 2) {
			/* Scrolling, the columns may be as tall as they like: the
			 * contact details balance the code's column again. */
			columns[0].blocks = left_blocks;
			columns[0].count = sizeof(left_blocks) / sizeof(left_blocks[0]);
			columns[1].blocks = right_blocks;
			columns[1].count = sizeof(right_blocks) / sizeof(right_blocks[0]);
		}
		build_scrolling(context, &words, columns, column_count, bar_top);
	}
	(void)bottom_bar(context, true);
	screen_style_button(context);
}
