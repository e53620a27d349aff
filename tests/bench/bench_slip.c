/* bench_slip.c — how long a printed slip takes: lay out, render with SDL2_ttf
 * and encode as ESC/POS one 80 mm slip (target <= 20 ms), and lay out and
 * render one A4 page (office printers get the bitmap through CUPS, so no
 * ESC/POS). p50/p99 over many runs after a warm-up, with the fonts loaded
 * once as the kiosk keeps them; plus the first run with the font loading.
 * Prints `name value unit` lines; asserts nothing. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bitmap.h"
#include "catalogue.h"
#include "escpos.h"
#include "import.h"
#include "schedule.h"
#include "slip.h"
#include "slip_raster.h"
#include "text.h"

#define RUNS         200
#define WARM_UP_RUNS 10

static _Noreturn void fail(const char *what)
{
	fprintf(stderr, "bench_slip: %s\n", what);
	exit(1);
}

static double milliseconds_now(void)
{
	struct timespec moment;
	clock_gettime(CLOCK_MONOTONIC, &moment);
	return (double)moment.tv_sec * 1e3 + (double)moment.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
	double left = *(const double *)a, right = *(const double *)b;
	return (left > right) - (left < right);
}

static double percentile(double *values, size_t count, double fraction)
{
	qsort(values, count, sizeof(values[0]), compare_doubles);
	size_t index = (size_t)(fraction * (double)(count - 1) + 0.5);
	return values[index];
}

static slip_raster *make_raster(void)
{
	static const char *const files[DRAW_FONT_COUNT] = {"AtkinsonHyperlegible-Regular.ttf",
	                                                   "AtkinsonHyperlegible-Bold.ttf",
	                                                   "MaterialIcons-Regular.ttf"};
	char paths[DRAW_FONT_COUNT][1024];
	const char *pointers[DRAW_FONT_COUNT];
	for (int index = 0; index < DRAW_FONT_COUNT; index++) {
		if (!text_format(paths[index], sizeof(paths[index]), "%s/%s",
		                 KIOSK_SOURCE_FONTS_DIR, files[index]))
			fail("font path too long");
		pointers[index] = paths[index];
	}
	slip_raster *raster = NULL;
	if (slip_raster_create(pointers, &raster) != STATUS_OK)
		fail(slip_raster_last_error(NULL));
	return raster;
}

/* The three timed steps of one slip; encode is skipped for pages. */
typedef struct slip_times {
	double layout, render, encode, total;
} slip_times;

static slip_times one_slip(slip_raster *raster, const slip_content *content,
                           const slip_paper *paper, draw_list *list, text_buffer *bytes)
{
	slip_times times = {0, 0, 0, 0};
	int height = 0;
	double start = milliseconds_now();
	if (slip_layout(content, paper, slip_raster_measurer(raster), list, &height) != STATUS_OK)
		fail("slip_layout failed");
	double laid_out = milliseconds_now();
	bitmap image;
	if (slip_raster_render(raster, list, paper->width_dots, height, &image) != STATUS_OK)
		fail(slip_raster_last_error(raster));
	double rendered = milliseconds_now();
	if (!paper->page) {
		text_buffer_clear(bytes);
		if (escpos_encode_slip(&image, paper->width_dots, bytes) != STATUS_OK)
			fail("escpos_encode_slip failed");
	}
	double encoded = milliseconds_now();
	bitmap_free(&image);
	times.layout = laid_out - start;
	times.render = rendered - laid_out;
	times.encode = encoded - rendered;
	times.total = encoded - start;
	return times;
}

static void measure(const char *name, slip_raster *raster, const slip_content *content,
                    const slip_paper *paper, draw_list *list)
{
	text_buffer bytes = {0};
	for (int run = 0; run < WARM_UP_RUNS; run++)
		(void)one_slip(raster, content, paper, list, &bytes);
	static double layout[RUNS], render[RUNS], encode[RUNS], total[RUNS];
	for (int run = 0; run < RUNS; run++) {
		slip_times times = one_slip(raster, content, paper, list, &bytes);
		layout[run] = times.layout;
		render[run] = times.render;
		encode[run] = times.encode;
		total[run] = times.total;
	}
	printf("%s_layout_p50_ms %.3f ms\n", name, percentile(layout, RUNS, 0.5));
	printf("%s_render_p50_ms %.3f ms\n", name, percentile(render, RUNS, 0.5));
	if (!paper->page)
		printf("%s_encode_p50_ms %.3f ms\n", name, percentile(encode, RUNS, 0.5));
	printf("%s_total_p50_ms %.3f ms\n", name, percentile(total, RUNS, 0.5));
	printf("%s_total_p99_ms %.3f ms\n", name, percentile(total, RUNS, 0.99));
	if (!paper->page)
		printf("%s_escpos_bytes %zu bytes\n", name, bytes.length);
	text_buffer_free(&bytes);
}

int main(void)
{
	catalogue *items = NULL;
	import_report report;
	memset(&report, 0, sizeof(report));
	if (import_read_file(KIOSK_SOURCE_FONTS_DIR "/../data/catalogus.csv", &items, &report) !=
	    STATUS_OK)
		fail("cannot read data/catalogus.csv");
	import_report_free(&report);
	static const char *const ids[] = {"wandelen-met-buren-dinsdag", "diabetes-inloop",
	                                  "beweegchallenge-diabetes"};
	slip_content content;
	memset(&content, 0, sizeof(content));
	content.centre_name = "Buurthuis De Kastanje";
	if (!schedule_parse_local("2026-11-24T09:00", &content.today))
		fail("bad date");
	for (size_t index = 0; index < 3; index++) {
		slip_offer *entry = &content.offers[index];
		entry->item = catalogue_find(items, ids[index]);
		if (entry->item == NULL)
			fail("an offer of the sample catalogue is missing");
		entry->meeting_count = schedule_next_meetings(&entry->item->schedule, content.today,
		                                              entry->meetings, 3);
		entry->walking_minutes = 7;
	}
	draw_list *list = draw_list_create();
	if (list == NULL)
		fail("out of memory");
	slip_paper receipt = slip_paper_receipt_80();
	slip_paper page = slip_paper_a4();

	printf("# slip benchmark: lay out + SDL2_ttf raster + ESC/POS; p50/p99 of %d runs after "
	       "%d warm-up runs, fonts loaded once\n",
	       RUNS, WARM_UP_RUNS);
	/* The first slip of a process: reading and opening the fonts too. */
	text_buffer bytes = {0};
	content.offer_count = 1;
	double start = milliseconds_now();
	slip_raster *raster = make_raster();
	double fonts_loaded = milliseconds_now();
	slip_times first = one_slip(raster, &content, &receipt, list, &bytes);
	printf("slip_fonts_load_ms %.2f ms\n", fonts_loaded - start);
	printf("slip_80mm_first_run_ms %.2f ms (fonts included: %.2f ms)\n", first.total,
	       first.total + fonts_loaded - start);
	text_buffer_free(&bytes);

	measure("slip_80mm_one_offer", raster, &content, &receipt, list);
	content.offer_count = 3;
	measure("slip_80mm_three_offers", raster, &content, &receipt, list);
	content.offer_count = 1;
	measure("slip_a4_one_offer", raster, &content, &page, list);
	content.offer_count = 3;
	measure("slip_a4_three_offers", raster, &content, &page, list);
	printf("# target: slip_80mm_one_offer_total_p99_ms <= 20 ms\n");

	slip_raster_destroy(raster);
	draw_list_destroy(list);
	catalogue_destroy(items);
	return 0;
}
