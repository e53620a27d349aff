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
} screen_context;

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

typedef enum screen_button_style {
	SCREEN_BUTTON_PRIMARY,  /* filled, the main way on */
	SCREEN_BUTTON_SECONDARY /* quiet: Terug, Sla over */
} screen_button_style;

/* A button: a rounded box, an optional icon (Material name or NULL) and a
 * label that wraps or shrinks to fit, and its touch target. */
void screen_button(const screen_context *context, draw_rect box, const char *label,
                   const char *icon, screen_button_style style, int action, int argument);

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

/* The Material icon name that pictures an offer's first theme (or kind). */
const char *screen_offer_icon(const offer *item);

#endif
