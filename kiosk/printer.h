/* printer.h — the one printer interface: a slip image goes to a receipt
 * printer (ESC/POS), a CUPS queue or a file, on a worker thread, so the touch
 * screen never waits for paper. */
#ifndef KIOSK_PRINTER_H
#define KIOSK_PRINTER_H

#include <stdbool.h>
#include <stddef.h>

#include "bitmap.h"
#include "config.h"
#include "schedule.h"
#include "slip.h"
#include "status.h"
#include "translate.h"

/* How long one job may take, from submit until the printer has taken every
 * byte (ESC/POS, file) or CUPS reports the job completed. */
#define PRINTER_DEADLINE_MS 10000
/* How long the ESC/POS backend waits for the answer to its paper query
 * (DLE EOT 4) before printing without knowing. */
#define PRINTER_STATUS_WAIT_MS 1000
/* Room for the English detail of a failure (for the log), with its NUL. */
#define PRINTER_DETAIL_BYTES 256u

typedef struct printer printer;

/* Where a job is. DONE and FAILED are reported by exactly one printer_poll()
 * or printer_wait() call; after that the printer is IDLE again. */
typedef enum printer_state {
	PRINTER_IDLE = 0, /* no job, or the last outcome was already reported */
	PRINTER_BUSY,     /* a job is being rendered or printed */
	PRINTER_DONE,     /* the last job was printed */
	PRINTER_FAILED    /* the last job failed: see failure */
} printer_state;

/* Why a job failed; each has one plain-Dutch message (printer_failure_message). */
typedef enum printer_failure {
	PRINTER_FAILURE_NONE = 0,
	PRINTER_FAILURE_NO_PRINTER, /* "Er is geen printer aangesloten.": device or queue
	                               missing, no CUPS server */
	PRINTER_FAILURE_PAPER_OUT,  /* "De printer heeft geen papier meer." */
	PRINTER_FAILURE_NO_ANSWER,  /* "De printer geeft geen antwoord.": the deadline passed */
	PRINTER_FAILURE_STOPPED,    /* "De printer staat uit.": a stopped CUPS queue */
	PRINTER_FAILURE_WRITE,      /* "Het printen is mislukt.": the device failed mid-job
	                               (EIO, ENOSPC, the reader went away), or CUPS refused */
	PRINTER_FAILURE_SLIP        /* "Het briefje kon niet worden gemaakt.": rendering failed */
} printer_failure;

/* What printer_poll() and printer_wait() report. */
typedef struct printer_job_state {
	printer_state state;
	unsigned job;            /* the number printer_submit_*() gave the job; 0 when IDLE */
	printer_failure failure; /* PRINTER_FAILURE_NONE unless state is FAILED */
	const char *message;     /* FAILED: the Dutch msgid of the failure (static); show it
	                            with printer_failure_message(). NULL otherwise */
	char detail[PRINTER_DETAIL_BYTES]; /* FAILED: one English line for the log, e.g.
	                                      "write /dev/usb/lp0: No space left on device" */
} printer_job_state;

/* Renders a job's slip on the worker thread (text rendering with SDL2_ttf is
 * slow work too). Called exactly once per job, on the worker, with the paper
 * of the printer (borrowed for the call); fills *out with a new bitmap
 * (bitmap_create(), slip_raster_render()) at most paper->width_dots wide; the
 * printer frees it. Returns STATUS_OK or the failure (the job then fails with
 * PRINTER_FAILURE_SLIP). `context` is the one given to printer_submit_render():
 * what it points to (a slip_content and the offers it borrows) must stay
 * valid until release(context) is called, so give the job its own copy, or
 * keep the originals until then. Anything it shares with the UI thread (e.g.
 * one slip_raster kept for all jobs) is the worker's while printer_poll()
 * says BUSY: one job runs at a time. */
typedef status (*printer_render_function)(void *context, const slip_paper *paper, bitmap *out);
/* Releases a job's context; called exactly once per accepted job, on the
 * worker right after rendering (before the printer is even opened), or by
 * printer_close() for a job that never ran.
 * May be NULL when the context needs no releasing. */
typedef void (*printer_release_function)(void *context);

/* Makes a printer for the [printer] settings in `config` (printer_kind,
 * printer_target, printer_paper; copied) with PRINTER_DEADLINE_MS, and
 * starts its worker thread (none for CONFIG_PRINTER_NONE). Nothing is
 * opened yet: the device or queue is opened for each job, so a printer
 * that is plugged in later works without a restart. *out is owned by the
 * caller: printer_close(). STATUS_USAGE for NULL arguments, STATUS_NO_MEMORY,
 * STATUS_IO when the thread cannot be started; *out NULL on failure. */
KIOSK_NODISCARD status printer_open(const kiosk_config *config, printer **out);

/* The same with another deadline for each job (1..600000 ms, else
 * STATUS_USAGE), so tests of a printer that never answers take a second. */
KIOSK_NODISCARD status printer_open_with_deadline(const kiosk_config *config, int deadline_ms,
                                                  printer **out);

/* Joins the worker: a job in progress is cancelled (it stops within about
 * 100 ms; a CUPS job already sent is cancelled on the server) and its
 * outcome is dropped; a job that never ran has its context released. Frees
 * `device`; NULL is fine. Call from the thread that opened it. */
void printer_close(printer *device);

/* False for [printer] uri = none (and NULL): the kiosk shows only the QR code
 * and offers no Print button. True otherwise, also when the device is
 * missing right now (a job then fails with PRINTER_FAILURE_NO_PRINTER). */
bool printer_available(const printer *device);

/* The paper of the printer (from the configuration) as slip.h describes it:
 * its width in dots, page height, resolution and margins. */
slip_paper printer_slip_paper(const printer *device);
/* The slip.h description of a configured paper (80 mm for an unknown value). */
slip_paper printer_paper_description(config_paper paper);

struct text_buffer;
/* The body of the test slip (`buurtkiosk --print-test` and the volunteer
 * menu): the centre, its location, the printer and paper, the catalogue's
 * size (`offer_count`, or "niet te lezen" when `catalogue_known` is false),
 * the version and `now`, one per line, appended to `out`. */
KIOSK_NODISCARD status printer_test_text(const kiosk_config *config, bool catalogue_known,
                                         size_t offer_count, local_time now,
                                         struct text_buffer *out);

/* Starts printing `image` (at most printer_slip_paper().width_dots wide and
 * not empty, else STATUS_INVALID). On STATUS_OK the printer takes the
 * bitmap over (*image is zeroed; the worker frees it) and *job (may be NULL)
 * is the job's number. Never blocks on the device: returns at once.
 * Refused, with *image untouched: STATUS_REFUSED while a job is BUSY (the
 * UI shows "Bezig met printen…"); an earlier outcome that printer_poll() has
 * not reported yet is dropped.
 * STATUS_USAGE for a printer that is not available or NULL arguments. Call
 * the submit, poll and wait functions from one thread (the UI thread). */
KIOSK_NODISCARD status printer_submit_bitmap(printer *device, bitmap *image, unsigned *job);

/* Starts a job whose slip is rendered on the worker: render(context, paper,
 * &image) there, then the image is printed. On STATUS_OK the printer owns
 * `context` until it calls release(context) (once, on any outcome). Refused
 * as printer_submit_bitmap() (also for a NULL render); on a refusal the caller
 * keeps `context` and release is not called. */
KIOSK_NODISCARD status printer_submit_render(printer *device, printer_render_function render,
                                             void *context, printer_release_function release,
                                             unsigned *job);

/* Where the current (or last) job is, without waiting: fills *out and returns
 * out->state. IDLE, BUSY, or once DONE / FAILED (which then become IDLE).
 * Cheap: a mutex held for a copy; call it every frame. */
printer_state printer_poll(printer *device, printer_job_state *out);

/* Blocks until the current job is DONE or FAILED (at most the deadline plus
 * the rendering), fills *out and returns out->state; IDLE at once when no job
 * is pending. For the command line; the UI thread polls instead. */
printer_state printer_wait(printer *device, printer_job_state *out);

/* The Dutch msgid of `failure` ("De printer heeft geen papier meer."), never
 * NULL; "" for PRINTER_FAILURE_NONE. */
const char *printer_failure_msgid(printer_failure failure);

/* The message to show for `failure` in the visitor's language: the
 * translation of printer_failure_msgid() in `messages` (NULL = Dutch).
 * Borrowed from `messages` or static. */
const char *printer_failure_message(printer_failure failure, const translation *messages);

#endif
