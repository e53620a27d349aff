/* screen.h — what every screen is given (screen_context), what its touch
 * targets mean (screen_action), and the widgets screens share: buttons,
 * picture tiles, chips, and Dutch/English date and distance phrases. A screen
 * turns this read-only picture of the kiosk's state into draw commands; it
 * never changes state (app.c does, from the actions of the targets). */
#ifndef KIOSK_SCREEN_H
#define KIOSK_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalogue.h"
#include "config.h"
#include "draw.h"
#include "layout.h"
#include "match.h"
#include "questions.h"
#include "schedule.h"
#include "session.h"

struct translation;

/* What a touch target does. The argument's meaning is given per action. */
typedef enum screen_action {
	ACTION_NONE = 0,
	ACTION_BEGIN,           /* attract: anywhere on the screen */
	ACTION_LANGUAGE,        /* start: argument = language index */
	ACTION_READ_ALOUD,      /* start: toggle the read-aloud switch */
	ACTION_OPTION,          /* question: argument = option index */
	ACTION_NEXT,            /* question: on to the next question (or the results) */
	ACTION_SKIP,            /* question: clear this answer and go on */
	ACTION_BACK,            /* one step back (question, results, detail, overview) */
	ACTION_SHOW_RESULTS,    /* "Laat zien wat er is" */
	ACTION_SCROLL_AREA,     /* results: the list; drags scroll it */
	ACTION_OPEN_OFFER,      /* results/overview: argument = position in the results */
	ACTION_PRINT,           /* detail: print this offer (the printing issue) */
	ACTION_OVERVIEW,        /* results: the welfare worker's overview */
	ACTION_OVERVIEW_OPTION, /* overview: argument = question * 32 + option */
	ACTION_TOGGLE_PICK,     /* overview: argument = position in the results */
	ACTION_PRINT_PICKS,     /* overview: print the picked offers together */
	ACTION_STILL_HERE,      /* idle question: "Ja, ik ben er nog" */
	ACTION_START_OVER,      /* back to the start screen with nothing chosen */
	ACTION_TEXT_STYLE,      /* every resident screen: the next text size / contrast */
	ACTION_SPEAK,           /* a speaker button: read this one thing aloud; argument =
	                           option index (question) or position (results, overview) */
	/* The volunteer's screens (USB updates and the menu). */
	ACTION_VOLUNTEER_OPEN,   /* "Vrijwilliger? Tik hier": the bar over a resident's screen */
	ACTION_PIN_DIGIT,        /* PIN pad: argument = the digit 0..9 */
	ACTION_PIN_ERASE,        /* PIN pad: remove the last digit */
	ACTION_PIN_OK,           /* PIN pad: check the PIN */
	ACTION_VOLUNTEER_APPLY,  /* preview: "Bijwerken" */
	ACTION_VOLUNTEER_CANCEL, /* preview, PIN pad, menu: "Annuleren" / "Sluiten" */
	ACTION_VOLUNTEER_DONE,   /* result: back to the kiosk */
	ACTION_MENU_ITEM,        /* menu: argument = screen_menu_item */
	ACTION_COUNT
} screen_action;

/* An offer ready to show: its full text and what the kiosk worked out. */
typedef struct screen_offer {
	const offer *item;          /* full text; owned by the app */
	const match_result *result; /* why it fits; NULL on the attract screen */
	meeting meetings[3];        /* the next meetings, soonest first */
	size_t meeting_count;
	int walking_minutes; /* -1 when the offer has no place or is far away */
	int distance_metres; /* -1 when unknown */
} screen_offer;

/* A QR code to draw, quiet zone included. */
typedef struct screen_qr {
	const uint8_t *modules; /* side * side bytes, 1 = dark; NULL = no code */
	int side;
} screen_qr;

/* The languages on the start screen. */
typedef struct screen_language {
	const char *code;                   /* "nl" */
	const char *own_name;               /* "Nederlands" */
	const struct translation *messages; /* NULL for the source language */
} screen_language;

/* What every screen may read. Everything is borrowed from the app for the
 * duration of one build. */
typedef struct screen_context {
	draw_list *list;
	const draw_measurer *measurer;
	const layout_metrics *metrics;
	const struct translation *messages; /* the chosen language; NULL = Dutch */
	const kiosk_config *config;
	const question_set *questions;
	const session *resident;
	const screen_language *languages;
	size_t language_count;
	local_time now;     /* the kiosk's local time */
	uint64_t clock_ms;  /* milliseconds since start: drives slow animation */
	int pressed_action; /* the target under a finger right now (ACTION_NONE) */
	int pressed_argument;
	bool printer_available; /* show Print buttons */

	/* Attract screen. */
	const screen_offer *upcoming; /* soonest first */
	size_t upcoming_count;
	size_t upcoming_shown; /* which one is on screen now */

	/* Results and overview. */
	const screen_offer *results; /* ranked; the app loads the text of at most
	                                SCREEN_MAX_RESULTS */
	size_t result_count;
	size_t results_total;         /* how many matched in all */
	const match_outcome *outcome; /* relaxed answers */
	int scroll;                   /* results: pixels scrolled down */

	/* Detail. */
	const screen_offer *detail;
	screen_qr detail_qr; /* of detail->item->signup_url; side 0 when none */

	/* Written by the screen: the results list's full height, so the app can
	 * stop scrolling at its end. */
	int *content_height;

	/* Printing: 0 nothing, 1 busy, 2 done, 3 failed (app_print_state), and
	 * the text to show. */
	int print_state;
	const char *print_message;

	/* The volunteer's screens; NULL on a resident's screens. */
	const struct screen_volunteer *volunteer;
	/* A volunteer's stick waits while a resident is busy: show the small
	 * "Vrijwilliger? Tik hier" bar (ACTION_VOLUNTEER_OPEN). */
	bool volunteer_waiting;
} screen_context;

/* The volunteer menu's entries (ACTION_MENU_ITEM's argument). */
typedef enum screen_menu_item {
	MENU_PRINTER_TEST = 0, /* print a test slip */
	MENU_EXPORT_COUNTS,    /* write gebruik.csv to the stick */
	MENU_LANGUAGE_DEFAULT, /* cycle the default language */
	MENU_RESTART,          /* restart the kiosk */
	MENU_ITEM_COUNT
} screen_menu_item;

/* What the volunteers' menu warns about the catalogue in use: a damaged
 * database was recovered at start and no volunteer has applied a new
 * catalogue since (the screen words it). */
typedef enum screen_catalogue_warning {
	CATALOGUE_AS_IMPORTED = 0, /* no warning */
	CATALOGUE_RESTORED_BACKUP, /* the last good catalogue was put back */
	CATALOGUE_RESTORED_SAMPLE, /* that was unusable: the sample catalogue is shown */
	CATALOGUE_RESTORED_NOTHING /* nothing could be put back: no offers */
} screen_catalogue_warning;

/* What the volunteer's screens show. Texts are plain Dutch, ready to draw;
 * everything is borrowed from the app for one build. */
typedef struct screen_volunteer {
	enum screen_volunteer_page {
		VOLUNTEER_PIN,       /* the number pad */
		VOLUNTEER_PREVIEW,   /* what the stick's catalogue would change */
		VOLUNTEER_IMPORTING, /* a progress bar */
		VOLUNTEER_RESULT,    /* what happened, and "U kunt de stick nu verwijderen" */
		VOLUNTEER_MENU       /* the menu behind the hidden gesture */
	} page;
	/* PIN pad */
	int pin_length;          /* digits typed so far, shown as dots */
	const char *pin_message; /* "Verkeerde pincode…", "Vergrendeld voor nog 4 minuten…"; "" */
	bool pin_locked;         /* no digits accepted */
	const char *pin_purpose; /* what the PIN opens: "Catalogus bijwerken" or "Menu" */
	/* Preview */
	size_t new_count, changed_count, removed_count, unchanged_count;
	const char *const *problems; /* one line each: "Regel 12: …" */
	size_t problem_count;
	bool can_apply;           /* false: only "Annuleren" (nothing changes) */
	const char *file_message; /* why it cannot be used, or a warning; "" */
	int scroll;               /* problem list scroll, pixels */
	/* Importing */
	int progress_percent; /* 0..100 */
	/* Result */
	const char *result_title;  /* "De catalogus is bijgewerkt." / "Er is niets veranderd." */
	const char *result_detail; /* counts, what was written to the stick, or why not */
	/* Menu */
	const char *catalogue_summary;   /* "54 aanbiedingen, bijgewerkt op 20 november 2026" */
	const char *last_import_summary; /* "Laatste update: 20 november, 54 nieuw, 0 problemen" */
	const char *language_default;    /* "Nederlands" */
	const char *menu_message;        /* the outcome of the last menu action; "" */
	screen_catalogue_warning catalogue_warning;
} screen_volunteer;

#define SCREEN_MAX_RESULTS 30u

/* The translation of `msgid` (Dutch UI text) in the chosen language. Every
 * string a resident sees passes through here (or translate_text), so
 * packaging/update-translations.sh finds it. */
const char *screen_translate(const screen_context *context, const char *msgid)
#if defined(__GNUC__)
    __attribute__((format_arg(2)))
#endif
    ;

/* True when the target (action, argument) is under a finger: draw it pressed. */
bool screen_is_pressed(const screen_context *context, int action, int argument);

/* Distance in pixels from one line's top to the next in `font` at `size`, as
 * the context's measurer (the renderer's fonts) has it. */
int screen_line_height(const screen_context *context, draw_font font, int size);
/* Width in pixels of the whole NUL-terminated `text` (borrowed) in `font` at
 * `size`, as the context's measurer has it. */
int screen_text_width(const screen_context *context, draw_font font, int size, const char *text);

/* Fills the whole window with `background` (a page's first command, so
 * nothing of the previous frame shows) and returns the window's rectangle. */
draw_rect screen_window(const screen_context *context, draw_color background);

typedef enum screen_button_style {
	SCREEN_BUTTON_PRIMARY,  /* filled, the main way on */
	SCREEN_BUTTON_SECONDARY /* quiet: Terug, Sla over */
} screen_button_style;

/* A button's face without a touch target: a rounded box in the style's
 * colours (darker when `pressed`), an optional icon (Material name or NULL)
 * left of the label when the box is wide enough, and the label centred,
 * wrapping to two lines or shrinking to fit. For a button whose target is
 * something larger (the idle overlay's whole window). */
void screen_button_face(const screen_context *context, draw_rect box, const char *label,
                        const char *icon, screen_button_style style, bool pressed);
/* A button: screen_button_face(), pressed while (action, argument) is under
 * a finger, and its touch target labelled `label`. */
void screen_button(const screen_context *context, draw_rect box, const char *label,
                   const char *icon, screen_button_style style, int action, int argument);

/* One button of a row (screen_button_row(), screen_bottom_bar()). Strings
 * are borrowed for the call. */
typedef struct screen_bar_button {
	const char *label; /* translated */
	const char *icon;  /* Material name or NULL */
	screen_button_style style;
	int action;  /* the target's action; its argument is 0 */
	int weight;  /* share of the row's width; 0 counts as 1 */
	bool hidden; /* keeps its place (and its label's share of the bar's
	                height) but is not drawn: Print without a printer */
} screen_bar_button;

/* Draws `count` buttons side by side in `row`, metrics->gap apart, each as
 * wide as its weight's share; the last one ends exactly at the row's right
 * edge whatever the rounding. */
void screen_button_row(const screen_context *context, draw_rect row,
                       const screen_bar_button *buttons, size_t count);

/* The fixed bar at the foot of a page: a surface with a rule on top, and
 * `count` buttons in one row between the margins, tall enough for every
 * label (hidden ones too) on two lines beside its icon and at least a
 * target high. Draws only when `draw` (a page asks for the height first to
 * lay out what scrolls above it, and draws the bar last, over it). Returns
 * the bar's height from its rule to the window's bottom. */
int screen_bottom_bar(const screen_context *context, const screen_bar_button *buttons, size_t count,
                      bool draw);

/* A page's heading at the top margin: `title` in the heading size with
 * `note` ("12 gevonden") at the right on the same baseline when both fit one
 * line, else the title (up to two lines) above the note. Returns the
 * y-coordinate below it. */
int screen_page_title(const screen_context *context, const char *title, const char *note);

/* The colours of something that is on or off: filled in the primary colour
 * when selected, the surface otherwise, a shade darker while pressed. */
typedef struct screen_choice_colors {
	draw_color fill;
	draw_color ink; /* for text and icons on `fill` */
} screen_choice_colors;

/* Draws the rounded box of a choice (an answer tile, an overview toggle):
 * filled as above and framed `frame_width` pixels wide in the border colour,
 * or the pressed primary when selected. Returns the colours to draw its
 * contents in. */
screen_choice_colors screen_choice_face(const screen_context *context, draw_rect box, bool selected,
                                        bool pressed, int frame_width);

/* A picture tile for an answer: a pictogram above its label; `selected`
 * fills it and shows a check mark. */
void screen_tile(const screen_context *context, draw_rect box, const char *icon, const char *label,
                 bool selected, int action, int argument);

/* A chip ("Gratis", "Dichtbij") with its left edge at x and top at y, on
 * `background`. Returns its width, or 0 when it does not fit `max_width`
 * (then nothing is drawn). */
int screen_chip(const screen_context *context, int x, int y, int max_width, const char *text);
/* Height of a chip. */
int screen_chip_height(const screen_context *context);
/* Width of the chip screen_chip() would draw for `text`: for laying chips
 * out in rows before drawing them. */
int screen_chip_width(const screen_context *context, const char *text);

/* A paragraph in the body style; returns the height used. */
int screen_paragraph(const screen_context *context, draw_rect box, const char *text, draw_font font,
                     int size, draw_color color, draw_color background, draw_align align);

/* "dinsdag 24 november, 10.00 uur" (Dutch) / "Tuesday 24 November, 10:00"
 * (English), through the message catalogue; "dinsdag 24 november" for a
 * meeting without a time. */
void screen_format_meeting(const screen_context *context, const meeting *when, char *out,
                           size_t size);
/* "4 minuten lopen" / "4 minutes' walk"; "" when minutes < 0. */
void screen_format_walking(const screen_context *context, int minutes, char *out, size_t size);
/* "3 november 2026" / "3 November 2026" for a date in days since 1970-01-01
 * (catalogue.h's dates), through the message catalogue. */
void screen_format_date(const screen_context *context, int32_t days, char *out, size_t size);
/* "maandag" .. "zondag" for weekday 0 (Monday) .. 6, in the chosen
 * language; borrowed from the catalogue. Out of range counts as Sunday. */
const char *screen_weekday_name(const screen_context *context, int weekday);
/* "januari" .. "december" for month 1 .. 12, in the chosen language;
 * borrowed from the catalogue. Out of range counts as December. */
const char *screen_month_name(const screen_context *context, int month);

/* What an offer costs, in words: the volunteer's own cost text when there
 * is one, else "Gratis", "Eigen bijdrage", "Vergoed" or "Betaald" from the
 * cost categories (the first that applies); "" when nothing is known.
 * Borrowed from the offer or the message catalogue. */
const char *screen_cost_words(const screen_context *context, const offer *item);

/* The Material icon name that pictures an offer's first theme (or kind). */
const char *screen_offer_icon(const offer *item);

#endif
