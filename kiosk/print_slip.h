/* print_slip.h — a printed slip as a printer job: gathers what the slip says
 * about 1..3 offers, and lets the printer's worker lay it out and render it
 * with SDL2_ttf (printer.h). Shared by the touch kiosk and the command line,
 * so both print exactly the same slip. */
#ifndef KIOSK_PRINT_SLIP_H
#define KIOSK_PRINT_SLIP_H

#include <stddef.h>

#include "catalogue.h"
#include "config.h"
#include "printer.h"
#include "schedule.h"
#include "status.h"

struct translation;

typedef struct print_slip print_slip;

/* Opens the slip fonts (assets.h). Create and destroy on the thread that
 * owns SDL_ttf (the UI thread); the printer's worker renders with it, one
 * job at a time. STATUS_NOT_FOUND / STATUS_INVALID when the fonts cannot be
 * loaded, with an English reason in `error`. */
KIOSK_NODISCARD status print_slip_open(print_slip **out, char *error, size_t error_size);
/* Frees it; the printer must have no job of it running (printer_close()
 * first). NULL is allowed. */
void print_slip_close(print_slip *slips);

/* Submits a slip for the offers `ids` (1..SLIP_MAX_OFFERS), found in
 * `offers`, which the job takes over (it is freed when the job has rendered,
 * also on failure). `now` dates the slip and picks the next meetings;
 * walking minutes are measured from the configured location; `messages` is
 * the resident's language (NULL = Dutch; borrowed: it must outlive the
 * job) and `language_code` its code ("en"; NULL = Dutch), which picks the
 * catalogue's translated texts. STATUS_NOT_FOUND when an id is not in `offers` (nothing submitted),
 * STATUS_REFUSED when the printer is busy, STATUS_USAGE for a bad count. */
KIOSK_NODISCARD status print_slip_submit_offers(print_slip *slips, printer *device,
                                                catalogue *offers, const char *const *ids,
                                                size_t count, const kiosk_config *config,
                                                local_time now, const struct translation *messages,
                                                const char *language_code, unsigned *job);

/* Submits a notice slip (a title and lines of text, e.g. the printer test);
 * both strings are copied. */
KIOSK_NODISCARD status print_slip_submit_notice(print_slip *slips, printer *device,
                                                const char *title, const char *body, unsigned *job);

#endif
