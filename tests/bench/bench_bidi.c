/* bench_bidi.c — what Arabic costs a line: bidi_runs() on a Dutch, an
 * Arabic and a mixed line, and the renderer's measurer on new (uncached)
 * lines of each, so Latin lines can be seen not to pay for Arabic. Median
 * per line in microseconds. Prints `name value unit` lines; asserts nothing. */
#define _POSIX_C_SOURCE 200809L
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bidi.h"
#include "draw.h"
#include "platform.h"
#include "render.h"
#include "text.h"

#define RUNS 2000

static const char *const lines[][2] = {
    {"dutch", "Wandelen met buren in het park, dinsdag 10:00"},
    {"arabic", "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAC\xD8\xAA\xD9\x85\xD8\xA7\xD8\xB9 \xD9\x81\xD9\x8A "
               "\xD8\xA7\xD9\x84\xD9\x85\xD8\xB1\xD9\x83\xD8\xB2 \xD8\xA7\xD9\x84\xD9\x8A\xD9\x88"
               "\xD9\x85"},
    {"mixed", "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAC\xD8\xAA\xD9\x85\xD8\xA7\xD8\xB9 \xD9\x81\xD9\x8A "
              "Buurthuis De Kastanje 10:00"},
};

static _Noreturn void fail(const char *what)
{
	fprintf(stderr, "bench_bidi: %s\n", what);
	exit(1);
}

static double now_us(void)
{
	struct timespec time;
	clock_gettime(CLOCK_MONOTONIC, &time);
	return (double)time.tv_sec * 1e6 + (double)time.tv_nsec / 1e3;
}

static int compare_doubles(const void *a, const void *b)
{
	double left = *(const double *)a;
	double right = *(const double *)b;
	return left < right ? -1 : left > right;
}

static double median(double *samples, size_t count)
{
	qsort(samples, count, sizeof *samples, compare_doubles);
	return samples[count / 2];
}

static double samples[RUNS];

static void bench_runs(const char *name, const char *text)
{
	static bidi_run runs[BIDI_LINE_LIMIT];
	for (size_t run = 0; run < RUNS; run++) {
		size_t count = 0;
		double start = now_us();
		if (bidi_runs(text, strlen(text), true, runs, BIDI_LINE_LIMIT, &count) != STATUS_OK)
			fail("bidi_runs failed");
		samples[run] = now_us() - start;
	}
	printf("bidi_runs_%s_p50 %.2f us\n", name, median(samples, RUNS));
}

/* Each line measured once, new each time (a number after it), so the width
 * cache never answers. */
static void bench_measure(renderer *painter, const char *name, const char *text)
{
	const draw_measurer *measurer = render_measurer(painter);
	char line[512];
	for (size_t run = 0; run < RUNS; run++) {
		if (!text_format(line, sizeof line, "%s %zu", text, run))
			fail("line too long");
		double start = now_us();
		int width =
		    measurer->text_width(measurer->context, DRAW_FONT_TEXT, 32, line, strlen(line));
		samples[run] = now_us() - start;
		if (width <= 0)
			fail("no width");
	}
	printf("measure_uncached_%s_p50 %.2f us\n", name, median(samples, RUNS));
}

int main(void)
{
	for (size_t index = 0; index < 3; index++)
		bench_runs(lines[index][0], lines[index][1]);

	if (setenv("SDL_VIDEODRIVER", "offscreen", 0) != 0 ||
	    setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 0) != 0)
		fail("setenv");
	const char *source = getenv("KIOSK_SOURCE_DIR");
	if (source == NULL)
		source = ".";
	char files[5][1024];
	const char *names[5] = {"AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf",
	                        "MaterialIcons-Regular.ttf", "NotoSansArabic-Regular.ttf",
	                        "NotoSansArabic-Bold.ttf"};
	for (size_t index = 0; index < 5; index++)
		if (!text_format(files[index], sizeof files[index], "%s/fonts/%s", source,
		                 names[index]))
			fail("path too long");
	platform *window = NULL;
	platform_options options = {
	    .windowed = true, .width = 800, .height = 600, .title = "bench"};
	if (platform_open(&options, &window) != STATUS_OK)
		fail(platform_last_error());
	render_font_paths paths = {{files[0], files[1], files[2]}};
	renderer *painter = NULL;
	if (render_create(platform_window(window), &paths, &painter) != STATUS_OK)
		fail(render_last_error(NULL));
	bench_measure(painter, "dutch_without_arabic_faces", lines[0][1]);
	if (render_load_arabic_faces(painter, files[3], files[4]) != STATUS_OK)
		fail(render_last_error(painter));
	render_set_right_to_left(painter, true);
	for (size_t index = 0; index < 3; index++)
		bench_measure(painter, lines[index][0], lines[index][1]);
	render_destroy(painter);
	platform_close(window);
	return 0;
}
