/* screen_resident.h — the controls only a resident's screens carry: the
 * "Aa" text-style button (the same place on every resident screen) and the
 * speaker buttons on answer tiles and result cards while read-aloud is on.
 * Part of the screen module (screen.c); kept apart from screen.h. */
#ifndef KIOSK_SCREEN_RESIDENT_H
#define KIOSK_SCREEN_RESIDENT_H

#include <stdbool.h>

#include "screen.h"

/* Where the "Aa" button lies: at the right margin, its top just under the
 * band the "Vrijwilliger? Tik hier" bar may cover (that band and the
 * top-left corner of the volunteer's hold gesture stay free of targets),
 * a target high at least and tall enough for its one-line label, as wide
 * as its pictogram and label. The same for every resident screen of one
 * window and style, so residents find it where they found it before. */
draw_rect screen_style_button_box(const screen_context *context);

/* The first y-coordinate below the "Aa" button with a gap to spare: what
 * lies across the button's column starts there. */
int screen_style_button_bottom(const screen_context *context);

/* True when `area` reaches into the "Aa" button's box or the gap around
 * it, so the screen must move or narrow what it puts there. */
bool screen_style_button_meets(const screen_context *context, draw_rect area);

/* Draws the "Aa" button (pictogram "format_size", label "Tekst") and adds
 * its ACTION_TEXT_STYLE target. A screen calls it after its own targets,
 * so on the attract screen it lies on top of the whole-window target. */
void screen_style_button(const screen_context *context);

/* screen_page_title() for a resident's page: the title wraps in the width
 * the "Aa" button leaves, the note under or beside it, and the returned
 * y-coordinate is below both the title and the button. */
int screen_resident_page_title(const screen_context *context, const char *title, const char *note);

/* True when the speaker buttons show: the resident switched read-aloud on. */
bool screen_speakers_shown(const screen_context *context);

/* The side of a speaker button's square: one touch target. */
int screen_speaker_side(const screen_context *context);

/* A speaker button (pictogram "volume_up") on its own face in `box`, with
 * an ACTION_SPEAK target of `argument` labelled "Voorlezen: <what>". Added
 * after the tile or card it sits on, so a touch on it reads instead of
 * choosing or opening. */
void screen_speaker_button(const screen_context *context, draw_rect box, const char *what,
                           int argument);

/* An answer tile (screen_tile()) with a speaker button in its corner while
 * read-aloud is on; the pictogram and label keep clear of it. */
void screen_answer_tile(const screen_context *context, draw_rect box, const char *icon,
                        const char *label, bool selected, int action, int argument);

#endif
