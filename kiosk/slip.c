/* slip.c — the printed slip laid out as black-on-white draw commands at the
 * paper's width in dots: the same layout for a 58 mm receipt and an A4 page. */
#include "slip.h"

#include <math.h>
#include <string.h>

#include "bitmap.h"
#include "offer_text.h"
#include "phrases.h"
#include "qr.h"
#include "text.h"
#include "translate.h"

/* The narrowest paper the layout is made for (a 48 mm printable width). */
#define SLIP_MIN_WIDTH_DOTS 200
/* A URL on more lines than this is set as a paragraph instead. */
#define SLIP_URL_LINES 16
/* The text sizes of a page are tried from this scale down in these steps,
 * until the content fits the page. */
#define SLIP_PAGE_SCALE_STEPS 6
/* On a page, the share of the width the signup column (code, link) takes. */
#define PAGE_SIGNUP_PERCENT 40

static const draw_color ink = {0, 0, 0, 255};
static const draw_color paper_white = {255, 255, 255, 255};

/* Sizes in dots, worked out from millimetres for one paper. */
typedef struct slip_sizes {
	int body;      /* most lines */
	int heading;   /* "Wanneer", "Waar": bold */
	int title;     /* the offer's name */
	int digits;    /* the phone number: large, so it is dialled right */
	int gap;       /* between sections */
	int rule;      /* the line between offers */
	int qr_module; /* the smallest module */
	int qr_target; /* the code's preferred side, quiet zone included */
} slip_sizes;

/* Where the next line goes, and the commands so far. */
typedef struct slip_cursor {
	draw_list *list;
	const draw_measurer *measurer;
	const struct translation *messages;
	const char *language_code; /* the offers' texts: catalogue_offer_text_in_language() */
	const slip_sizes *sizes;
	int x;     /* the content's left edge */
	int width; /* the content's width */
	int y;     /* the next line's top */
} slip_cursor;

static int dots(const slip_paper *paper, double millimetres, double scale)
{
	long value = lround(millimetres * paper->dots_per_mm * scale);
	return value < 1 ? 1 : (int)value;
}

static slip_sizes sizes_for(const slip_paper *paper, double scale)
{
	/* A receipt is read in the hand; a page lies on the table or hangs on
	 * the fridge, so its text is a little larger. */
	double body_mm = paper->page ? 3.9 : 3.4;
	slip_sizes sizes = {
	    .body = dots(paper, body_mm, scale),
	    .heading = dots(paper, body_mm, scale),
	    .title = dots(paper, body_mm * 1.45, scale),
	    .digits = dots(paper, body_mm * 1.9, scale),
	    .gap = dots(paper, body_mm * 0.6, scale),
	    .rule = dots(paper, 0.5, 1.0),
	    .qr_module = (int)ceil(SLIP_QR_MIN_MODULE_MM * paper->dots_per_mm),
	    .qr_target = dots(paper, paper->page ? 40.0 : 34.0, 1.0),
	};
	return sizes;
}

static int line_height(const slip_cursor *cursor, draw_font font, int size)
{
	return cursor->measurer->line_height(cursor->measurer->context, font, size);
}

static int text_width(const slip_cursor *cursor, draw_font font, int size, const char *text)
{
	return cursor->measurer->text_width(cursor->measurer->context, font, size, text,
	                                    strlen(text));
}

/* A paragraph that wraps at spaces (and inside a word wider than the paper)
 * at a fixed size: a slip grows rather than shrink or cut text. */
static void paragraph(slip_cursor *cursor, const char *text, draw_font font, int size,
                      draw_align align)
{
	if (text == NULL || !text[0]) {
		return;
	}
	draw_text_style style = {font, size, size, 0, ink, paper_white, align};
	int height = draw_text_block_height(cursor->measurer, cursor->width, text, &style);
	draw_rect box = {cursor->x, cursor->y, cursor->width, height};
	cursor->y += draw_text_block(cursor->list, cursor->measurer, box, text, &style);
}

static void heading(slip_cursor *cursor, const char *text)
{
	cursor->y += cursor->sizes->gap;
	paragraph(cursor, text, DRAW_FONT_BOLD, cursor->sizes->heading, DRAW_ALIGN_START);
}

static void rule(slip_cursor *cursor)
{
	cursor->y += cursor->sizes->gap;
	draw_rect line = {cursor->x, cursor->y, cursor->width, cursor->sizes->rule};
	draw_fill(cursor->list, line, ink, 0);
	cursor->y += cursor->sizes->rule + cursor->sizes->gap;
}

/* ---- One offer ---------------------------------------------------------- */

static void section_when(slip_cursor *cursor, const slip_offer *entry)
{
	const char *schedule_text = catalogue_offer_text_in_language(
	    entry->item, FIELD_SCHEDULE_TEXT, cursor->language_code);
	if (entry->meeting_count == 0 && !schedule_text[0]) {
		return;
	}
	heading(cursor, translate_text(cursor->messages, "Wanneer"));
	if (entry->meeting_count == 0) {
		paragraph(cursor, schedule_text, DRAW_FONT_TEXT, cursor->sizes->body,
		          DRAW_ALIGN_START);
		return;
	}
	for (size_t index = 0; index < entry->meeting_count && index < SLIP_MAX_MEETINGS; index++) {
		char line[200];
		phrases_meeting(cursor->messages, &entry->meetings[index], true, line,
		                sizeof(line));
		paragraph(cursor, line, DRAW_FONT_TEXT, cursor->sizes->body, DRAW_ALIGN_START);
	}
}

static void section_where(slip_cursor *cursor, const slip_offer *entry, const char *centre)
{
	const offer *item = entry->item;
	char place[300];
	if (item->postcode[0] && item->city[0]) {
		(void)text_format(place, sizeof(place), "%s  %s", item->postcode, item->city);
	} else {
		(void)text_format(place, sizeof(place), "%s%s", item->postcode, item->city);
	}
	if (item->address[0] || place[0]) {
		char walking[200];
		phrases_walking(cursor->messages, entry->walking_minutes, centre, walking,
		                sizeof(walking));
		heading(cursor, translate_text(cursor->messages, "Waar"));
		paragraph(cursor, item->address, DRAW_FONT_TEXT, cursor->sizes->body,
		          DRAW_ALIGN_START);
		paragraph(cursor, place, DRAW_FONT_TEXT, cursor->sizes->body, DRAW_ALIGN_START);
		paragraph(cursor, walking, DRAW_FONT_TEXT, cursor->sizes->body, DRAW_ALIGN_START);
		return;
	}
	const char *how = NULL;
	if (item->contact & CONTACT_ONLINE) {
		how =
		    translate_text(cursor->messages, "Online, via de computer, tablet of telefoon");
	} else if (item->contact & CONTACT_PHONE) {
		how = translate_text(cursor->messages, "Via de telefoon");
	} else if (item->contact & CONTACT_HOME_VISIT) {
		how = translate_text(cursor->messages, "Bij u thuis");
	}
	if (how != NULL) {
		heading(cursor, translate_text(cursor->messages, "Waar"));
		paragraph(cursor, how, DRAW_FONT_TEXT, cursor->sizes->body, DRAW_ALIGN_START);
	}
}

/* The phone number in large digits on one line, smaller when the paper is
 * narrow; only when even body size does not fit does it wrap (at its
 * spaces, so the groups stay whole). */
static void phone_digits(slip_cursor *cursor, const char *phone)
{
	const slip_sizes *sizes = cursor->sizes;
	int size = sizes->digits;
	while (size > sizes->body &&
	       text_width(cursor, DRAW_FONT_BOLD, size, phone) > cursor->width) {
		size--;
	}
	paragraph(cursor, phone, DRAW_FONT_BOLD, size, DRAW_ALIGN_START);
}

static void url_lines(slip_cursor *cursor, const char *url, draw_align align);

static void section_contact(slip_cursor *cursor, const offer *item, const char *phone)
{
	if (!item->contact_person[0] && !phone[0] && !item->email[0]) {
		return;
	}
	heading(cursor, translate_text(cursor->messages, "Contact"));
	paragraph(cursor, item->contact_person, DRAW_FONT_TEXT, cursor->sizes->body,
	          DRAW_ALIGN_START);
	if (phone[0]) {
		phone_digits(cursor, phone);
	}
	if (item->email[0]) {
		url_lines(cursor, item->email, DRAW_ALIGN_START);
	}
}

/* The URL whole, broken at its own separators (offer_text), centred; a URL
 * that will not break that way is wrapped as a paragraph: never cut. */
static void url_lines(slip_cursor *cursor, const char *url, draw_align align)
{
	offer_text_line lines[SLIP_URL_LINES];
	int size = cursor->sizes->body;
	size_t count = offer_text_break_url(cursor->measurer, DRAW_FONT_TEXT, size, url,
	                                    cursor->width, lines, SLIP_URL_LINES);
	if (count == 0) {
		paragraph(cursor, url, DRAW_FONT_TEXT, size, align);
		return;
	}
	int height = line_height(cursor, DRAW_FONT_TEXT, size);
	for (size_t index = 0; index < count; index++) {
		draw_rect box = {cursor->x, cursor->y, cursor->width, height};
		draw_text_line(cursor->list, box, url + lines[index].start, lines[index].length,
		               DRAW_FONT_TEXT, size, ink, paper_white, align);
		cursor->y += height;
	}
}

/* Without a code: how to sign up by walking in, phone or e-mail (the same
 * sentences as the detail screen). */
static void signup_instructions(slip_cursor *cursor, const offer *item, const char *phone)
{
	const struct translation *messages = cursor->messages;
	int body = cursor->sizes->body;
	char sentence[400];
	bool any = false;
	if (item->access & ACCESS_DROP_IN) {
		paragraph(cursor,
		          translate_text(messages,
		                         "U hoeft zich niet aan te melden: loop gewoon binnen."),
		          DRAW_FONT_TEXT, body, DRAW_ALIGN_START);
		any = true;
	}
	if (phone[0]) {
		char kept[128];
		phone = text_keep_together(phone, kept, sizeof(kept));
		if (any) {
			(void)text_format(sentence, sizeof(sentence),
			                  translate_text(messages, "Heeft u een vraag? Bel %s."),
			                  phone);
		} else {
			(void)text_format(sentence, sizeof(sentence),
			                  translate_text(messages, "Bel %s om u aan te melden."),
			                  phone);
		}
		paragraph(cursor, sentence, DRAW_FONT_TEXT, body, DRAW_ALIGN_START);
		any = true;
	}
	if (item->email[0]) {
		if (any) {
			(void)text_format(sentence, sizeof(sentence),
			                  translate_text(messages, "U kunt ook mailen naar %s."),
			                  item->email);
		} else {
			(void)text_format(
			    sentence, sizeof(sentence),
			    translate_text(messages, "Mail naar %s om u aan te melden."),
			    item->email);
		}
		paragraph(cursor, sentence, DRAW_FONT_TEXT, body, DRAW_ALIGN_START);
		any = true;
	}
	if (item->signup_url[0]) {
		/* A link too long for a code that fits the paper: still whole. */
		paragraph(cursor, translate_text(messages, "Of kijk op:"), DRAW_FONT_TEXT, body,
		          DRAW_ALIGN_START);
		url_lines(cursor, item->signup_url, DRAW_ALIGN_START);
		any = true;
	}
	if (!any) {
		paragraph(cursor, translate_text(messages, "Vraag het aan de balie."),
		          DRAW_FONT_TEXT, body, DRAW_ALIGN_START);
	}
}

/* The code's module in dots: the preferred size where the paper allows,
 * never under 0.5 mm. 0 when even that does not fit the width. */
static int qr_module_for(const slip_cursor *cursor, int side)
{
	const slip_sizes *sizes = cursor->sizes;
	int module = sizes->qr_target / side;
	if (module < sizes->qr_module) {
		module = sizes->qr_module;
	}
	while (module > sizes->qr_module && module * side > cursor->width) {
		module--;
	}
	return module * side <= cursor->width ? module : 0;
}

static status section_signup(slip_cursor *cursor, const offer *item, const char *phone)
{
	heading(cursor, translate_text(cursor->messages, "Aanmelden"));
	qr_code *code = NULL;
	int module = 0;
	if (item->signup_url[0]) {
		status encoded = qr_encode(item->signup_url, &code);
		if (encoded == STATUS_NO_MEMORY) {
			return encoded;
		}
		/* Any other failure (a link too long for a code): the words below. */
		if (encoded == STATUS_OK) {
			module = qr_module_for(cursor, qr_side(code));
		}
	}
	if (code == NULL || module == 0) {
		qr_free(code);
		signup_instructions(cursor, item, phone);
		return STATUS_OK;
	}
	paragraph(
	    cursor,
	    translate_text(cursor->messages,
	                   "Scan de code met de camera van uw telefoon, of typ het adres over:"),
	    DRAW_FONT_TEXT, cursor->sizes->body, DRAW_ALIGN_START);
	int side = qr_side(code) * module;
	/* The code's own quiet zone (light modules on every side) separates it
	 * from the text, so no extra gap is needed. */
	draw_rect box = {cursor->x + (cursor->width - side) / 2, cursor->y, side, side};
	draw_qr(cursor->list, box, qr_modules(code), qr_side(code), ink, paper_white);
	qr_free(code);
	cursor->y += side;
	url_lines(cursor, item->signup_url, DRAW_ALIGN_CENTRE);
	return STATUS_OK;
}

static status lay_out_offer(slip_cursor *cursor, const slip_offer *entry, const char *centre,
                            bool beside)
{
	const offer *item = entry->item;
	char phone[96] = "";
	if (item->phone[0]) {
		(void)offer_text_group_phone(item->phone, phone, sizeof(phone));
	}
	paragraph(cursor, catalogue_offer_text_in_language(item, FIELD_NAME, cursor->language_code),
	          DRAW_FONT_BOLD, cursor->sizes->title, DRAW_ALIGN_START);
	if (!beside) {
		section_when(cursor, entry);
		section_where(cursor, entry, centre);
		section_contact(cursor, item, phone);
		return section_signup(cursor, item, phone);
	}
	/* A page is wide: the details on the left, the code and its link on
	 * the right, so three offers fit one page. */
	int right_width = cursor->width * PAGE_SIGNUP_PERCENT / 100;
	slip_cursor left = *cursor;
	left.width = cursor->width - right_width - 2 * cursor->sizes->gap;
	slip_cursor right = *cursor;
	right.x = cursor->x + cursor->width - right_width;
	right.width = right_width;
	section_when(&left, entry);
	section_where(&left, entry, centre);
	section_contact(&left, item, phone);
	status result = section_signup(&right, item, phone);
	cursor->y = left.y > right.y ? left.y : right.y;
	return result;
}

/* ---- The whole slip --------------------------------------------------- */

static status check_paper(const slip_paper *paper)
{
	if (paper->width_dots < SLIP_MIN_WIDTH_DOTS || paper->width_dots > BITMAP_MAX_SIDE ||
	    !(paper->dots_per_mm > 0.0) || paper->margin_dots < 0 ||
	    paper->width_dots - 2 * paper->margin_dots < SLIP_MIN_WIDTH_DOTS / 2 ||
	    (paper->page &&
	     (paper->height_dots < SLIP_MIN_WIDTH_DOTS || paper->height_dots > BITMAP_MAX_SIDE))) {
		return STATUS_USAGE;
	}
	return STATUS_OK;
}

static slip_cursor cursor_for(const slip_paper *paper, const slip_sizes *sizes,
                              const draw_measurer *measurer, draw_list *out,
                              const struct translation *messages, const char *language_code)
{
	slip_cursor cursor = {out,
	                      measurer,
	                      messages,
	                      language_code,
	                      sizes,
	                      paper->margin_dots,
	                      paper->width_dots - 2 * paper->margin_dots,
	                      paper->page ? paper->margin_dots : sizes->gap};
	return cursor;
}

/* The image height for content that ended at `bottom`, or STATUS_TOO_LARGE
 * when it does not fit the page (or a bitmap). */
static status finish_height(const slip_paper *paper, const slip_sizes *sizes, int bottom,
                            int *height_dots)
{
	if (paper->page) {
		if (bottom > paper->height_dots - paper->margin_dots) {
			return STATUS_TOO_LARGE;
		}
		*height_dots = paper->height_dots;
		return STATUS_OK;
	}
	int height = bottom + sizes->gap;
	if (height > BITMAP_MAX_SIDE) {
		return STATUS_TOO_LARGE;
	}
	*height_dots = height;
	return STATUS_OK;
}

static status lay_out_once(const slip_content *content, const slip_paper *paper,
                           const slip_sizes *sizes, const draw_measurer *measurer, draw_list *out,
                           int *height_dots)
{
	draw_list_clear(out);
	slip_cursor cursor =
	    cursor_for(paper, sizes, measurer, out, content->messages, content->language_code);
	const char *centre = content->centre_name != NULL ? content->centre_name : "";
	char today[200];
	phrases_day(content->messages, content->today.day, today, sizeof(today));
	paragraph(&cursor, centre, DRAW_FONT_BOLD, sizes->body, DRAW_ALIGN_START);
	paragraph(&cursor, today, DRAW_FONT_TEXT, sizes->body, DRAW_ALIGN_START);
	for (size_t index = 0; index < content->offer_count; index++) {
		rule(&cursor);
		status result =
		    lay_out_offer(&cursor, &content->offers[index], centre, paper->page);
		if (result != STATUS_OK) {
			return result;
		}
	}
	rule(&cursor);
	paragraph(
	    &cursor,
	    translate_text(content->messages, "Van harte welkom! Kom gerust een keer kijken."),
	    DRAW_FONT_BOLD, sizes->body, DRAW_ALIGN_CENTRE);
	status result = draw_list_status(out);
	if (result != STATUS_OK) {
		return result;
	}
	return finish_height(paper, sizes, cursor.y, height_dots);
}

status slip_layout(const slip_content *content, const slip_paper *paper,
                   const draw_measurer *measurer, draw_list *out, int *height_dots)
{
	if (content == NULL || paper == NULL || measurer == NULL || out == NULL ||
	    height_dots == NULL || content->offer_count == 0 ||
	    content->offer_count > SLIP_MAX_OFFERS) {
		return STATUS_USAGE;
	}
	for (size_t index = 0; index < content->offer_count; index++) {
		if (content->offers[index].item == NULL) {
			return STATUS_USAGE;
		}
	}
	status result = check_paper(paper);
	if (result != STATUS_OK) {
		return result;
	}
	/* A receipt grows to fit; a page tries smaller text (down to about two
	 * thirds) until three offers fit on it. */
	int steps = paper->page ? SLIP_PAGE_SCALE_STEPS : 1;
	for (int step = 0; step < steps; step++) {
		slip_sizes sizes = sizes_for(paper, 1.0 - 0.065 * step);
		result = lay_out_once(content, paper, &sizes, measurer, out, height_dots);
		if (result != STATUS_TOO_LARGE) {
			break;
		}
	}
	if (result != STATUS_OK) {
		draw_list_clear(out);
		return result;
	}
	/* Built left to right like a screen, an Arabic slip is then turned
	 * into its mirror image, as the app turns an Arabic frame: headings
	 * and lines start at the right, a page's signup column moves to the
	 * left, and the QR code itself stays unflipped so it still scans. */
	if (translate_is_right_to_left(content->messages)) {
		draw_list_mirror(out, paper->width_dots);
		draw_list_set_right_to_left(out, true);
	}
	return STATUS_OK;
}

status slip_layout_notice(const char *title, const char *body, const slip_paper *paper,
                          const draw_measurer *measurer, draw_list *out, int *height_dots)
{
	if (title == NULL || body == NULL || paper == NULL || measurer == NULL || out == NULL ||
	    height_dots == NULL) {
		return STATUS_USAGE;
	}
	status result = check_paper(paper);
	if (result != STATUS_OK) {
		return result;
	}
	slip_sizes sizes = sizes_for(paper, 1.0);
	draw_list_clear(out);
	slip_cursor cursor = cursor_for(paper, &sizes, measurer, out, NULL, NULL);
	paragraph(&cursor, title, DRAW_FONT_BOLD, sizes.title, DRAW_ALIGN_START);
	rule(&cursor);
	/* One paragraph per line of the body, so a long configuration value
	 * wraps under its own line. */
	const char *line = body;
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t length = end != NULL ? (size_t)(end - line) : strlen(line);
		char copy[1024];
		if (length >= sizeof(copy)) {
			length = sizeof(copy) - 1;
		}
		memcpy(copy, line, length);
		copy[length] = '\0';
		if (length == 0) {
			cursor.y += sizes.gap;
		} else {
			paragraph(&cursor, copy, DRAW_FONT_TEXT, sizes.body, DRAW_ALIGN_START);
		}
		line = end != NULL ? end + 1 : line + length;
	}
	result = draw_list_status(out);
	if (result == STATUS_OK) {
		result = finish_height(paper, &sizes, cursor.y, height_dots);
	}
	if (result != STATUS_OK) {
		draw_list_clear(out);
	}
	return result;
}

/* ---- Papers ----------------------------------------------------------- */

slip_paper slip_paper_receipt_58(void)
{
	slip_paper paper = {"58mm", 384, 0, 8.0, false, 8};
	return paper;
}

slip_paper slip_paper_receipt_80(void)
{
	slip_paper paper = {"80mm", 576, 0, 8.0, false, 12};
	return paper;
}

slip_paper slip_paper_a6(void)
{
	/* 105 x 148 mm at 300 dpi. */
	slip_paper paper = {"a6", 1240, 1748, 300.0 / 25.4, true, 94};
	return paper;
}

slip_paper slip_paper_a4(void)
{
	/* 210 x 297 mm at 300 dpi. */
	slip_paper paper = {"a4", 2480, 3508, 300.0 / 25.4, true, 177};
	return paper;
}

bool slip_paper_from_name(const char *name, slip_paper *out)
{
	if (name == NULL || out == NULL) {
		return false;
	}
	char folded[16];
	if (!text_fold(folded, sizeof(folded), name)) {
		return false;
	}
	static const struct {
		const char *name;
		slip_paper (*make)(void);
	} papers[] = {{"58mm", slip_paper_receipt_58},
	              {"80mm", slip_paper_receipt_80},
	              {"a6", slip_paper_a6},
	              {"a4", slip_paper_a4}};
	for (size_t index = 0; index < sizeof(papers) / sizeof(papers[0]); index++) {
		if (strcmp(folded, papers[index].name) == 0) {
			*out = papers[index].make();
			return true;
		}
	}
	return false;
}
