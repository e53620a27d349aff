/* print_slip.c — slips as printer jobs: the UI thread gathers, the printer's
 * worker lays out and renders. */
#include "print_slip.h"

#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "distance.h"
#include "draw.h"
#include "slip.h"
#include "slip_raster.h"
#include "text.h"
#include "translate.h"

/* Beyond this a walking time is not worth printing. */
#define MAX_WALKING_MINUTES 90

struct print_slip {
	slip_raster *raster;
};

/* What one job needs until its worker has rendered it. */
typedef struct slip_job {
	slip_raster *raster;
	catalogue *offers; /* owned: the content points into it */
	slip_content content;
	char *title; /* a notice: owned copies */
	char *body;
} slip_job;

status print_slip_open(print_slip **out, char *error, size_t error_size)
{
	*out = NULL;
	assets_fonts fonts;
	status found = assets_font_files(&fonts);
	if (found != STATUS_OK) {
		(void)text_format(error, error_size, "fonts not found (%s)",
		                  fonts.files[DRAW_FONT_TEXT]);
		return found;
	}
	print_slip *slips = calloc(1, sizeof(print_slip));
	if (!slips) {
		return STATUS_NO_MEMORY;
	}
	const char *paths[DRAW_FONT_COUNT];
	for (size_t index = 0; index < DRAW_FONT_COUNT; index++) {
		paths[index] = fonts.files[index];
	}
	status created = slip_raster_create(paths, &slips->raster);
	if (created != STATUS_OK) {
		(void)text_format(error, error_size, "%s", slip_raster_last_error(NULL));
		free(slips);
		return created;
	}
	/* Without them Arabic prints as boxes and every other language is
	 * unharmed, so a slip is still worth printing; the screen loads the
	 * same files and says so in the log. */
	status arabic = slip_raster_load_arabic_faces(slips->raster, fonts.arabic_files[0],
	                                              fonts.arabic_files[1]);
	(void)arabic;
	*out = slips;
	return STATUS_OK;
}

void print_slip_close(print_slip *slips)
{
	if (slips) {
		slip_raster_destroy(slips->raster);
		free(slips);
	}
}

/* On the printer's worker: lay the slip out at the printer's paper and
 * render it. */
static status render_job(void *context, const slip_paper *paper, bitmap *out)
{
	const slip_job *job = context;
	draw_list *list = draw_list_create();
	if (!list) {
		return STATUS_NO_MEMORY;
	}
	/* An Arabic slip is measured right to left, as it will be drawn, so
	 * its lines wrap where they should. */
	slip_raster_set_right_to_left(
	    job->raster, !job->title && translate_is_right_to_left(job->content.messages));
	const draw_measurer *measurer = slip_raster_measurer(job->raster);
	int height = 0;
	status result =
	    job->title ? slip_layout_notice(job->title, job->body, paper, measurer, list, &height)
	               : slip_layout(&job->content, paper, measurer, list, &height);
	if (result == STATUS_OK) {
		result = slip_raster_render(job->raster, list, paper->width_dots, height, out);
	}
	draw_list_destroy(list);
	return result;
}

static void release_job(void *context)
{
	slip_job *job = context;
	catalogue_destroy(job->offers);
	free(job->title);
	free(job->body);
	free(job);
}

static status submit(print_slip *slips, printer *device, slip_job *job, unsigned *job_number)
{
	job->raster = slips->raster;
	status result = printer_submit_render(device, render_job, job, release_job, job_number);
	if (result != STATUS_OK) {
		release_job(job);
	}
	return result;
}

status print_slip_submit_offers(print_slip *slips, printer *device, catalogue *offers,
                                const char *const *ids, size_t count, const kiosk_config *config,
                                local_time now, const struct translation *messages,
                                const char *language_code, unsigned *job)
{
	slip_job *prepared = calloc(1, sizeof(slip_job));
	if (!prepared) {
		catalogue_destroy(offers);
		return STATUS_NO_MEMORY;
	}
	prepared->offers = offers;
	if (count == 0 || count > SLIP_MAX_OFFERS) {
		release_job(prepared);
		return STATUS_USAGE;
	}
	slip_content *content = &prepared->content;
	content->centre_name = config->centre_name;
	content->today = now;
	content->messages = messages;
	content->language_code = language_code;
	content->offer_count = count;
	for (size_t index = 0; index < count; index++) {
		const offer *item = offers ? catalogue_find(offers, ids[index]) : NULL;
		if (!item) {
			release_job(prepared);
			return STATUS_NOT_FOUND;
		}
		slip_offer *entry = &content->offers[index];
		entry->item = item;
		entry->meeting_count = schedule_next_meetings(&item->schedule, now, entry->meetings,
		                                              SLIP_MAX_MEETINGS);
		entry->walking_minutes = -1;
		if (item->has_location && (item->contact & CONTACT_IN_PERSON)) {
			int minutes = distance_walking_minutes(distance_metres(
			    config->latitude, config->longitude, item->latitude, item->longitude));
			entry->walking_minutes = minutes <= MAX_WALKING_MINUTES ? minutes : -1;
		}
	}
	return submit(slips, device, prepared, job);
}

static char *copy_text(const char *text)
{
	size_t length = strlen(text);
	char *copy = malloc(length + 1);
	if (copy) {
		memcpy(copy, text, length + 1);
	}
	return copy;
}

status print_slip_submit_notice(print_slip *slips, printer *device, const char *title,
                                const char *body, unsigned *job)
{
	slip_job *prepared = calloc(1, sizeof(slip_job));
	if (!prepared) {
		return STATUS_NO_MEMORY;
	}
	prepared->title = copy_text(title);
	prepared->body = copy_text(body);
	if (!prepared->title || !prepared->body) {
		release_job(prepared);
		return STATUS_NO_MEMORY;
	}
	return submit(slips, device, prepared, job);
}
