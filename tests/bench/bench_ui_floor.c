/* bench_ui_floor.c — the floor for the UI benchmark: the least any SDL2 +
 * SDL2_ttf program pays to show one line of text on a 1080x1920 portrait
 * window (start SDL, software renderer, open a font, draw, read the pixels,
 * present), with its time to the first frame and its peak memory. The kiosk's
 * own figures are judged against these. Uses SDL and SDL2_ttf only. */
#define _POSIX_C_SOURCE 200809L
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WINDOW_WIDTH  1080
#define WINDOW_HEIGHT 1920
#define TEXT_SIZE     48
#define FONT_RELATIVE "fonts/AtkinsonHyperlegible-Regular.ttf"

static double seconds_of(clockid_t clock)
{
	struct timespec moment;
	clock_gettime(clock, &moment);
	return (double)moment.tv_sec + (double)moment.tv_nsec / 1e9;
}

/* When the kernel started this process, in seconds since boot (the 22nd
 * field of /proc/self/stat, in clock ticks); negative when unknown. It
 * includes what main entry misses: exec and the dynamic loader. */
static double process_start_since_boot(void)
{
	FILE *file = fopen("/proc/self/stat", "r");
	if (file == NULL)
		return -1.0;
	char line[1024];
	bool read = fgets(line, sizeof line, file) != NULL;
	fclose(file);
	if (!read)
		return -1.0;
	/* The command name (field 2) may hold spaces: count from its ')'. */
	char *field = strrchr(line, ')');
	if (field == NULL)
		return -1.0;
	int number = 2;
	unsigned long long ticks = 0;
	for (char *cursor = field + 1; *cursor != '\0'; cursor++) {
		if (*cursor != ' ')
			continue;
		number++;
		if (number == 22) {
			ticks = strtoull(cursor + 1, NULL, 10);
			break;
		}
	}
	long per_second = sysconf(_SC_CLK_TCK);
	if (ticks == 0 || per_second <= 0)
		return -1.0;
	return (double)ticks / (double)per_second;
}

/* The process's peak resident memory (VmHWM) in megabytes; negative when
 * unknown. */
static double peak_rss_mb(void)
{
	FILE *file = fopen("/proc/self/status", "r");
	if (file == NULL)
		return -1.0;
	char line[256];
	double megabytes = -1.0;
	while (fgets(line, sizeof line, file) != NULL) {
		if (strncmp(line, "VmHWM:", 6) == 0) {
			megabytes = strtod(line + 6, NULL) / 1024.0; /* given in kB */
			break;
		}
	}
	fclose(file);
	return megabytes;
}

static const char *font_path(int argc, char **argv, char *buffer, size_t size)
{
	if (argc > 1)
		return argv[1];
	const char *root = getenv("KIOSK_SOURCE_DIR");
	if (root != NULL && root[0] != '\0') {
		int written = snprintf(buffer, size, "%s/%s", root, FONT_RELATIVE);
		if (written > 0 && (size_t)written < size)
			return buffer;
	}
	return FONT_RELATIVE; /* tests/bench/run.sh runs from the repository root */
}

static int fail(const char *what, const char *why)
{
	fprintf(stderr, "bench_ui_floor: %s: %s\n", what, why);
	return 1;
}

int main(int argc, char **argv)
{
	double entered = seconds_of(CLOCK_MONOTONIC);
	double entered_since_boot = seconds_of(CLOCK_BOOTTIME);

	/* Off screen unless told otherwise, with SDL's framebuffer in memory:
	 * the conditions the kiosk's own benchmark runs under. */
	(void)setenv("SDL_VIDEODRIVER", "offscreen", 0);
	(void)setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 0);
	char path_buffer[4096];
	const char *path = font_path(argc, argv, path_buffer, sizeof path_buffer);

	if (SDL_Init(SDL_INIT_VIDEO) != 0)
		return fail("SDL_Init", SDL_GetError());
	if (TTF_Init() != 0)
		return fail("TTF_Init", TTF_GetError());
	SDL_Window *window =
	    SDL_CreateWindow("floor", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, WINDOW_WIDTH,
	                     WINDOW_HEIGHT, SDL_WINDOW_SHOWN);
	if (window == NULL)
		return fail("SDL_CreateWindow", SDL_GetError());
	SDL_Renderer *renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
	if (renderer == NULL)
		return fail("SDL_CreateRenderer", SDL_GetError());
	TTF_Font *font = TTF_OpenFont(path, TEXT_SIZE);
	if (font == NULL)
		return fail(path, TTF_GetError());

	(void)SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
	(void)SDL_RenderClear(renderer);
	SDL_Color black = {0, 0, 0, 255};
	SDL_Surface *line = TTF_RenderUTF8_Blended(font, "Welkom bij de buurtkiosk", black);
	if (line == NULL)
		return fail("TTF_RenderUTF8_Blended", TTF_GetError());
	SDL_Texture *texture = SDL_CreateTextureFromSurface(renderer, line);
	if (texture == NULL)
		return fail("SDL_CreateTextureFromSurface", SDL_GetError());
	SDL_Rect where = {40, 40, line->w, line->h};
	(void)SDL_RenderCopy(renderer, texture, NULL, &where);

	/* Reading the frame back is what the kiosk's screenshot and its frame
	 * check do; it also makes sure every pixel was really drawn. */
	size_t pitch = (size_t)WINDOW_WIDTH * 4u;
	uint8_t *pixels = malloc(pitch * WINDOW_HEIGHT);
	if (pixels == NULL)
		return fail("malloc", "out of memory");
	if (SDL_RenderReadPixels(renderer, NULL, SDL_PIXELFORMAT_ARGB8888, pixels, (int)pitch) != 0)
		return fail("SDL_RenderReadPixels", SDL_GetError());
	SDL_RenderPresent(renderer);
	double first_frame = seconds_of(CLOCK_MONOTONIC);
	double first_frame_since_boot = seconds_of(CLOCK_BOOTTIME);

	/* The text must be there: some dark pixels in the line's box. */
	size_t dark = 0;
	for (int y = where.y; y < where.y + where.h; y++)
		for (int x = where.x; x < where.x + where.w; x++)
			dark += pixels[(size_t)y * pitch + (size_t)x * 4u] < 128;
	if (dark == 0)
		return fail("frame", "the text left no dark pixels");

	printf("floor_first_frame_ms %.1f\n", (first_frame - entered) * 1e3);
	double started = process_start_since_boot();
	if (started >= 0.0 && started <= entered_since_boot)
		printf("floor_first_frame_since_exec_ms %.1f\n",
		       (first_frame_since_boot - started) * 1e3);
	printf("floor_peak_rss_mb %.1f\n", peak_rss_mb());

	free(pixels);
	SDL_DestroyTexture(texture);
	SDL_FreeSurface(line);
	TTF_CloseFont(font);
	SDL_DestroyRenderer(renderer);
	SDL_DestroyWindow(window);
	TTF_Quit();
	SDL_Quit();
	return 0;
}
