/* layout_check.h — checks a built frame against the kiosk's promises:
 * text inside its box and the window, touch targets of at least 15 mm that
 * do not overlap, WCAG AA contrast for every text and pictogram. The replay
 * script's `check-layout` and the screen tests use it. */
#ifndef KIOSK_LAYOUT_CHECK_H
#define KIOSK_LAYOUT_CHECK_H

#include <stddef.h>

#include "draw.h"
#include "layout.h"
#include "status.h"

#define LAYOUT_CHECK_MIN_CONTRAST 4.5

/* Checks `list` as drawn in a window of `metrics` with text measured by
 * `measurer`. Returns STATUS_OK, or STATUS_INVALID with the first problem in
 * `problem` (English, naming the text or target). Rules:
 * - every text line fits its box (width, and height within one pixel) and,
 *   outside a scrolling list's clip, lies inside the window;
 * - every touch target lies inside the window and is at least
 *   metrics->target pixels both ways, unless a clip cut it (a card half
 *   scrolled out);
 * - no two targets overlap unless one contains the other (a card on its
 *   list, a button on a full-screen "touch anywhere" layer);
 * - every text and icon has contrast >= 4.5:1 with its background. */
KIOSK_NODISCARD status layout_check_frame(const draw_list *list, const layout_metrics *metrics,
                                          const draw_measurer *measurer, char *problem,
                                          size_t problem_size);

#endif
