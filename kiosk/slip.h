/* slip.h — the paper slip a resident takes home: one to three offers with
 * when, where, whom to call and the signup link, laid out once at a paper's
 * width in printer dots, black on white, as a draw list (libc only). */
#ifndef KIOSK_SLIP_H
#define KIOSK_SLIP_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "draw.h"
#include "schedule.h"
#include "status.h"

struct translation;

/* A welfare worker's selection prints at most this many offers on a slip. */
#define SLIP_MAX_OFFERS 3
/* Meetings listed per offer: the next three. */
#define SLIP_MAX_MEETINGS 3
/* The QR code's smallest module: 0.5 mm, so a phone reads the printed code. */
#define SLIP_QR_MIN_MODULE_MM 0.5

/* One offer on the slip, with what the kiosk worked out for it. */
typedef struct slip_offer {
	const offer *item;                   /* borrowed; full text */
	meeting meetings[SLIP_MAX_MEETINGS]; /* the next meetings, soonest first */
	size_t meeting_count;                /* 0 = say the offer's schedule text */
	int walking_minutes;                 /* from the centre; -1 = unknown or far */
} slip_offer;

/* Everything a slip says. All pointers are borrowed for the call. */
typedef struct slip_content {
	const char *centre_name; /* the neighbourhood centre; "" or NULL = none */
	local_time today;        /* the date printed at the top */
	slip_offer offers[SLIP_MAX_OFFERS];
	size_t offer_count;                 /* 1..SLIP_MAX_OFFERS */
	const struct translation *messages; /* the resident's language; NULL = Dutch */
	/* Its code ("en", "tr", "ar"): each offer's name and schedule text are
	 * printed from the catalogue's translation columns of that language when
	 * filled in (catalogue_offer_text_in_language()). NULL or "nl" = Dutch. */
	const char *language_code;
} slip_content;

/* The paper a slip is laid out for. Receipts are one printable width and as
 * long as the content; pages have a fixed size and margins. */
typedef struct slip_paper {
	const char *name;   /* "58mm", "80mm", "a6", "a4": for logs and the config */
	int width_dots;     /* the whole image width (a receipt: the printable width) */
	int height_dots;    /* pages: the whole page; receipts: 0 (as long as needed) */
	double dots_per_mm; /* 8 for 203 dpi receipt printers, 300/25.4 for pages */
	bool page;          /* true: fixed height, content must fit it */
	int margin_dots;    /* blank on the left and right (and top and bottom of a page) */
} slip_paper;

/* 58 mm receipt paper: 384 dots at 8 dots/mm. */
slip_paper slip_paper_receipt_58(void);
/* 80 mm receipt paper: 576 dots at 8 dots/mm. */
slip_paper slip_paper_receipt_80(void);
/* An A6 page at 300 dpi: 1240 x 1748 dots, 8 mm margins. */
slip_paper slip_paper_a6(void);
/* An A4 page at 300 dpi: 2480 x 3508 dots, 15 mm margins. */
slip_paper slip_paper_a4(void);
/* The paper called `name` ("58mm", "80mm", "a6", "a4"; case-insensitive).
 * Returns false (and leaves *out alone) for any other name. */
bool slip_paper_from_name(const char *name, slip_paper *out);

/* Lays the slip out for `paper`: the centre's name and today's date; per
 * offer its name (large, bold), when (the next meetings as weekday, date and
 * time, or the schedule text), where (address, walking minutes), the contact
 * person and the phone number in large digits, and the QR code of the signup
 * URL (modules at least 0.5 mm, quiet zone kept) with the URL written whole
 * under it, or without a URL how to sign up (phone, e-mail, walk in); at the
 * end one encouraging line. Every text goes through translate_text() with a
 * Dutch msgid. Only black and white are used, and nothing leaves the paper's
 * width (or, for a page, its margins).
 *
 * A slip in a right-to-left language (translate_is_right_to_left() of
 * `messages`: Arabic) is laid out as the mirror image of the left-to-right
 * one (draw_list_mirror() at the paper's width: text aligned to the right,
 * a page's signup column on the left, the QR code itself not flipped) and
 * marked right to left (draw_list_set_right_to_left()), so each line's bidi
 * runs are ordered from the right; its measurer must then measure right to
 * left too (slip_raster_set_right_to_left()).
 *
 * Clears `out` first and fills it; `measurer` must measure the fonts the
 * slip will be rendered with (slip_raster_measurer()). *height_dots gets the
 * image height to render: the page's height, or for a receipt the content's
 * height plus a margin. Returns STATUS_USAGE for NULL arguments, no offers
 * or more than SLIP_MAX_OFFERS, an offer without an item, or a paper under
 * 200 dots wide; STATUS_TOO_LARGE when a page cannot hold the content even at
 * the smallest text or a receipt would be over BITMAP_MAX_SIDE dots long;
 * STATUS_NO_MEMORY. */
KIOSK_NODISCARD status slip_layout(const slip_content *content, const slip_paper *paper,
                                   const draw_measurer *measurer, draw_list *out, int *height_dots);

/* Lays out a plain notice slip: `title` in bold, then `body` (lines split at
 * '\n', each wrapped to the width), for the volunteer's test print (the
 * configuration summary). Texts are printed as given (the caller translates).
 * Same contract for `out`, *height_dots and the errors as slip_layout(). */
KIOSK_NODISCARD status slip_layout_notice(const char *title, const char *body,
                                          const slip_paper *paper, const draw_measurer *measurer,
                                          draw_list *out, int *height_dots);

#endif
