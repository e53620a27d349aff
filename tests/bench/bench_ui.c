/* bench_ui.c — the touch UI's figures in one run: start to the first complete
 * attract frame (sample catalogue and 100,000 offers) against the floor
 * program, peak memory, input-to-frame latency over a 1,000-tap replay, and
 * the CPU an idle attract screen uses. Prints figures; asserts nothing about
 * speed. Usage: bench_ui [BUURTKIOSK [FLOOR]] (default: beside this program
 * in the build tree). */
#define _DEFAULT_SOURCE /* wait4 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "config.h"
#include "schedule.h"
#include "text.h"
#include "ui_loop.h"

extern char **environ;

#define WINDOW_SIZE      "1080x1920"
#define WINDOW_WIDTH     1080
#define WINDOW_HEIGHT    1920
#define NOW_TEXT         "2026-11-24T09:00"
#define START_RUNS       5 /* fresh processes per program; the median is reported */
#define GENERATED_OFFERS 100000
#define JOURNEYS         50 /* 20 taps each: 1,000 taps */
#define TAPS_PER_JOURNEY 20
#define SHORT_JOURNEYS   3 /* for peak memory with 100,000 offers */
#define LATENCY_CAPACITY 100000u
#define IDLE_SETTLE_MS   2000 /* start-up is over by then */
#define IDLE_MEASURE_MS  10000
#define PATH_BYTES       4096
#define FONT_RELATIVE    "fonts/AtkinsonHyperlegible-Regular.ttf"
#define SAMPLE_RELATIVE  "data/catalogus.csv"

/* Everything the run reads and writes. */
typedef struct bench_paths {
	char root[PATH_BYTES]; /* the source tree: data/ and fonts/ */
	char kiosk[PATH_BYTES];
	char floor[PATH_BYTES];
	char font[PATH_BYTES];
	char sample_csv[PATH_BYTES];
	char work[PATH_BYTES]; /* a temporary folder, removed at the end */
	char config[PATH_BYTES];
	char sample_database[PATH_BYTES];
	char large_csv[PATH_BYTES];
	char large_database[PATH_BYTES];
	char empty_script[PATH_BYTES];
	char journey_script[PATH_BYTES];
	char short_journey_script[PATH_BYTES]; /* for the 100,000-offer kiosk's peak RSS */
	char output[PATH_BYTES];               /* a child's stdout */
	char errors[PATH_BYTES];               /* a child's stderr, shown when it fails */
} bench_paths;

static bench_paths paths;

static _Noreturn void fail(const char *what, const char *detail)
{
	fprintf(stderr, "bench_ui: %s%s%s\n", what, detail != NULL ? ": " : "",
	        detail != NULL ? detail : "");
	exit(1);
}

static double seconds_now(void)
{
	struct timespec moment;
	clock_gettime(CLOCK_MONOTONIC, &moment);
	return (double)moment.tv_sec + (double)moment.tv_nsec / 1e9;
}

static void sleep_ms(long milliseconds)
{
	struct timespec rest = {milliseconds / 1000, (milliseconds % 1000) * 1000000L};
	while (nanosleep(&rest, &rest) != 0 && errno == EINTR)
		continue;
}

static void join_path(char *out, const char *directory, const char *name)
{
	if (!text_format(out, PATH_BYTES, "%s/%s", directory, name))
		fail("path too long", name);
}

static bool file_exists(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0;
}

static int compare_doubles(const void *left, const void *right)
{
	double a = *(const double *)left, b = *(const double *)right;
	return (a > b) - (a < b);
}

static double median(const double *values, size_t count)
{
	double sorted[START_RUNS];
	if (count == 0 || count > START_RUNS)
		fail("median", "wrong number of runs");
	memcpy(sorted, values, count * sizeof sorted[0]);
	qsort(sorted, count, sizeof sorted[0], compare_doubles);
	return count % 2 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
}

/* The least of the runs: on a shared machine the figure least disturbed by
 * other work, shown beside the median. */
static double least(const double *values, size_t count)
{
	double smallest = values[0];
	for (size_t index = 1; index < count; index++)
		if (values[index] < smallest)
			smallest = values[index];
	return smallest;
}

/* ---- where things are ---- */

/* The source tree: KIOSK_SOURCE_DIR when set, else the one this program was
 * built from (kiosk_core tells its users where the fonts are), else here. */
static void find_root(void)
{
	const char *root = getenv("KIOSK_SOURCE_DIR");
	if (root != NULL && root[0] != '\0') {
		if (!text_copy(paths.root, PATH_BYTES, root))
			fail("KIOSK_SOURCE_DIR too long", NULL);
		return;
	}
#ifdef KIOSK_SOURCE_FONTS_DIR
	if (text_copy(paths.root, PATH_BYTES, KIOSK_SOURCE_FONTS_DIR)) {
		char *slash = strrchr(paths.root, '/');
		if (slash != NULL) {
			*slash = '\0';
			char sample[PATH_BYTES];
			join_path(sample, paths.root, SAMPLE_RELATIVE);
			if (file_exists(sample))
				return;
		}
	}
#endif
	if (!text_copy(paths.root, PATH_BYTES, "."))
		fail("path", NULL);
}

/* The kiosk and the floor program: from the command line, else beside this
 * program (build/tests/bench_ui: build/buurtkiosk, build/tests/bench_ui_floor). */
static void find_programs(int argc, char **argv)
{
	char self[PATH_BYTES];
	ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
	if (length <= 0)
		fail("cannot find this program", strerror(errno));
	self[length] = '\0';
	char *slash = strrchr(self, '/');
	if (slash == NULL)
		fail("cannot find this program", self);
	*slash = '\0';
	if (argc > 1) {
		if (!text_copy(paths.kiosk, PATH_BYTES, argv[1]))
			fail("path too long", argv[1]);
	} else {
		join_path(paths.kiosk, self, "../buurtkiosk");
	}
	if (argc > 2) {
		if (!text_copy(paths.floor, PATH_BYTES, argv[2]))
			fail("path too long", argv[2]);
	} else {
		join_path(paths.floor, self, "bench_ui_floor");
	}
	if (access(paths.kiosk, X_OK) != 0)
		fail("buurtkiosk not found (pass it as the first argument)", paths.kiosk);
	if (access(paths.floor, X_OK) != 0)
		fail("bench_ui_floor not found (pass it as the second argument)", paths.floor);
}

static void make_work_folder(void)
{
	if (!text_copy(paths.work, PATH_BYTES, "/tmp/bench-ui-XXXXXX") ||
	    mkdtemp(paths.work) == NULL)
		fail("mkdtemp", strerror(errno));
	join_path(paths.config, paths.work, "buurtkiosk.ini");
	join_path(paths.sample_database, paths.work, "sample.db");
	join_path(paths.large_csv, paths.work, "offers100k.csv");
	join_path(paths.large_database, paths.work, "offers100k.db");
	join_path(paths.empty_script, paths.work, "first-frame.replay");
	join_path(paths.journey_script, paths.work, "journey.replay");
	join_path(paths.short_journey_script, paths.work, "short-journey.replay");
	join_path(paths.output, paths.work, "child.out");
	join_path(paths.errors, paths.work, "child.err");
}

/* Only what this program made: the folder is flat. */
static void remove_work_folder(void)
{
	DIR *folder = opendir(paths.work);
	if (folder == NULL)
		return;
	struct dirent *entry;
	char path[PATH_BYTES];
	while ((entry = readdir(folder)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		if (text_format(path, sizeof path, "%s/%s", paths.work, entry->d_name))
			(void)unlink(path);
	}
	closedir(folder);
	(void)rmdir(paths.work);
}

static void write_text_file(const char *path, const char *text)
{
	FILE *file = fopen(path, "wb");
	if (file == NULL || fputs(text, file) == EOF || fclose(file) != 0)
		fail("cannot write", path);
}

/* ---- child processes ---- */

static void show_child_errors(void)
{
	FILE *file = fopen(paths.errors, "rb");
	if (file == NULL)
		return;
	char line[512];
	while (fgets(line, sizeof line, file) != NULL)
		fprintf(stderr, "  | %s", line);
	fclose(file);
}

/* Starts `argv` with its stdout and stderr in files. posix_spawn starts the
 * child without copying this process, so the child's peak RSS is its own. */
static pid_t spawn_child(const char *const argv[])
{
	posix_spawn_file_actions_t actions;
	if (posix_spawn_file_actions_init(&actions) != 0 ||
	    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, paths.output,
	                                     O_WRONLY | O_CREAT | O_TRUNC, 0600) != 0 ||
	    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, paths.errors,
	                                     O_WRONLY | O_CREAT | O_TRUNC, 0600) != 0)
		fail("posix_spawn_file_actions", NULL);
	pid_t child = 0;
	/* posix_spawn's argv is not const for historical reasons; it is not written. */
	int error = posix_spawn(&child, argv[0], &actions, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	if (error != 0)
		fail(argv[0], strerror(error));
	return child;
}

typedef struct child_run {
	double wall_ms;     /* from spawning to the child's exit */
	double peak_rss_mb; /* ru_maxrss */
	double cpu_seconds; /* user + system */
} child_run;

static double rusage_cpu_seconds(const struct rusage *usage)
{
	return (double)usage->ru_utime.tv_sec + (double)usage->ru_utime.tv_usec / 1e6 +
	       (double)usage->ru_stime.tv_sec + (double)usage->ru_stime.tv_usec / 1e6;
}

static child_run reap_child(pid_t child, double started, bool must_succeed, const char *what)
{
	int child_status = 0;
	struct rusage usage;
	pid_t reaped;
	while ((reaped = wait4(child, &child_status, 0, &usage)) < 0 && errno == EINTR)
		continue;
	child_run run;
	run.wall_ms = (seconds_now() - started) * 1e3;
	if (reaped != child)
		fail("wait4", strerror(errno));
	if (must_succeed && (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != 0)) {
		show_child_errors();
		fail("a child failed", what);
	}
	run.peak_rss_mb = (double)usage.ru_maxrss / 1024.0; /* Linux gives kB */
	run.cpu_seconds = rusage_cpu_seconds(&usage);
	return run;
}

static child_run run_child(const char *const argv[])
{
	double started = seconds_now();
	pid_t child = spawn_child(argv);
	return reap_child(child, started, true, argv[0]);
}

/* The value of a "name value" line the child printed; negative when absent. */
static double printed_figure(const char *name)
{
	FILE *file = fopen(paths.output, "rb");
	if (file == NULL)
		return -1.0;
	char line[256];
	size_t length = strlen(name);
	double value = -1.0;
	while (fgets(line, sizeof line, file) != NULL)
		if (strncmp(line, name, length) == 0 && line[length] == ' ') {
			value = strtod(line + length + 1, NULL);
			break;
		}
	fclose(file);
	return value;
}

/* User + system CPU seconds a live process has used so far (fields 14 and 15
 * of /proc/PID/stat, in clock ticks); negative when unknown. */
static double process_cpu_seconds(pid_t process)
{
	char path[64], line[1024];
	if (!text_format(path, sizeof path, "/proc/%ld/stat", (long)process))
		return -1.0;
	FILE *file = fopen(path, "r");
	if (file == NULL)
		return -1.0;
	bool read = fgets(line, sizeof line, file) != NULL;
	fclose(file);
	if (!read)
		return -1.0;
	/* The command name (field 2) may hold spaces: count from its ')'. */
	char *cursor = strrchr(line, ')');
	if (cursor == NULL)
		return -1.0;
	unsigned long long ticks = 0;
	int field = 2;
	while (*cursor != '\0' && field < 15) {
		if (*cursor++ != ' ')
			continue;
		field++;
		if (field == 14 || field == 15)
			ticks += strtoull(cursor, NULL, 10);
	}
	long per_second = sysconf(_SC_CLK_TCK);
	return field == 15 && per_second > 0 ? (double)ticks / (double)per_second : -1.0;
}

/* A live process's own peak RSS (VmHWM) in megabytes; negative when unknown. */
static double process_peak_rss_mb(pid_t process)
{
	char path[64], line[256];
	if (!text_format(path, sizeof path, "/proc/%ld/status", (long)process))
		return -1.0;
	FILE *file = fopen(path, "r");
	if (file == NULL)
		return -1.0;
	double megabytes = -1.0;
	while (fgets(line, sizeof line, file) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0) {
			megabytes = strtod(line + 6, NULL) / 1024.0; /* given in kB */
			break;
		}
	fclose(file);
	return megabytes;
}

/* ---- catalogues ---- */

/* A 100,000-offer catalogue as a spreadsheet saves it (BOM, ';', CRLF), every
 * offer near the buurthuis with a weekly meeting, so the attract screen has
 * plenty to pick from. Fields by name, so the column order is the header's.
 * Rows stay near 190 bytes: 100,000 of them fit the 20 MB import limit. */
static long write_large_catalogue(const char *path)
{
	static const char *const activities[] = {"Wandelgroep", "Koffie-ochtend", "Beweegclub",
	                                         "Samen koken", "Slaapcafe",      "Rookvrij",
	                                         "Buurttafel"};
	static const char *const themes[] = {"bewegen", "ontmoeten", "bewegen",  "voeding",
	                                     "slaap",   "roken",     "ontmoeten"};
	static const char *const days[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
	FILE *file = fopen(path, "wb");
	if (file == NULL)
		fail("cannot write", path);
	/* Only the columns this catalogue fills: the optional ones (translations
	 * among them) would add a separator per row for nothing. */
	static const catalogue_field columns[] = {
	    FIELD_ID,    FIELD_NAME,      FIELD_DESCRIPTION, FIELD_KIND,     FIELD_THEMES,
	    FIELD_FORM,  FIELD_CONTACT,   FIELD_ACCESS,      FIELD_COST,     FIELD_SUPPORT,
	    FIELD_PHASE, FIELD_LANGUAGES, FIELD_ADDRESS,     FIELD_LATITUDE, FIELD_LONGITUDE,
	    FIELD_DAYS,  FIELD_FREQUENCY, FIELD_TIME_FROM,   FIELD_TIME_TO,  FIELD_SIGNUP_URL};
	enum { COLUMN_COUNT = sizeof(columns) / sizeof(columns[0]) };
	fputs("\xEF\xBB\xBF", file);
	for (int column = 0; column < COLUMN_COUNT; column++)
		fprintf(file, "%s%s", column > 0 ? ";" : "", catalogue_field_name(columns[column]));
	fputs("\r\n", file);
	char id[24], name[48], latitude[16], longitude[16], from[8], to[8], address[24], url[40];
	for (int row = 0; row < GENERATED_OFFERS; row++) {
		const char *values[FIELD_COUNT] = {0};
		int kind = row % 7, hour = 9 + row % 10;
		(void)text_format(id, sizeof id, "buurt-%06d", row);
		(void)text_format(name, sizeof name, "%s %d", activities[kind], row);
		(void)text_format(latitude, sizeof latitude, "52.%04d", 1000 + (row * 37) % 3000);
		(void)text_format(longitude, sizeof longitude, "5.%04d", 1000 + (row * 53) % 3000);
		(void)text_format(from, sizeof from, "%02d:00", hour);
		(void)text_format(to, sizeof to, "%02d:30", hour + 1);
		(void)text_format(address, sizeof address, "Dreef %d", row % 300 + 1);
		(void)text_format(url, sizeof url, "https://bh.nl/%d", row);
		values[FIELD_ID] = id;
		values[FIELD_NAME] = name;
		values[FIELD_DESCRIPTION] = "Samen met buren.";
		values[FIELD_KIND] = "groep";
		values[FIELD_THEMES] = themes[kind];
		values[FIELD_FORM] = "groep";
		values[FIELD_CONTACT] = "fysiek";
		values[FIELD_ACCESS] = "inloop";
		values[FIELD_COST] = "gratis";
		values[FIELD_SUPPORT] = "emotioneel";
		values[FIELD_PHASE] = "beginnen";
		values[FIELD_LANGUAGES] = "nl";
		values[FIELD_ADDRESS] = address;
		values[FIELD_LATITUDE] = latitude;
		values[FIELD_LONGITUDE] = longitude;
		values[FIELD_DAYS] = days[row % 7];
		values[FIELD_FREQUENCY] = "wekelijks";
		values[FIELD_TIME_FROM] = from;
		values[FIELD_TIME_TO] = to;
		values[FIELD_SIGNUP_URL] = url;
		for (int column = 0; column < COLUMN_COUNT; column++)
			fprintf(file, "%s%s", column > 0 ? ";" : "",
			        values[columns[column]] != NULL ? values[columns[column]] : "");
		fputs("\r\n", file);
	}
	long size = ftell(file);
	if (fclose(file) != 0)
		fail("cannot write", path);
	return size;
}

/* The way a volunteer does it: buurtkiosk --import. */
static void import_catalogue(const char *csv_path, const char *database_path)
{
	const char *const argv[] = {paths.kiosk, "--config", paths.config, "--db",   database_path,
	                            "--now",     NOW_TEXT,   "--import",   csv_path, NULL};
	(void)run_child(argv);
}

/* ---- 1. start to the first frame, and peak memory ---- */

enum { PROGRAM_FLOOR, PROGRAM_SAMPLE, PROGRAM_LARGE, PROGRAM_COUNT };

typedef struct start_figures {
	double wall_ms[PROGRAM_COUNT][START_RUNS];
	double peak_rss_mb[PROGRAM_COUNT][START_RUNS];
	double floor_own_ms[START_RUNS];             /* what the floor printed: from main entry */
	double floor_own_exec_ms[START_RUNS];        /* ... and from exec */
	double floor_own_rss_mb[START_RUNS];         /* ... and its own VmHWM */
	double inside_ms[PROGRAM_COUNT][START_RUNS]; /* ui_loop_run entry to first frame */
} start_figures;

/* The kiosk's own view of its first frame: ui_loop_run() entry to the frame
 * shown, in a fresh child so nothing is warm but the page cache. */
static double first_frame_inside(const char *database_path)
{
	int channel[2];
	if (pipe(channel) != 0)
		fail("pipe", strerror(errno));
	fflush(NULL);
	pid_t child = fork();
	if (child < 0)
		fail("fork", strerror(errno));
	if (child == 0) {
		close(channel[0]);
		static kiosk_config config;
		config_set_defaults(&config);
		char sample[PATH_BYTES];
		join_path(sample, paths.root, SAMPLE_RELATIVE);
		local_time now;
		if (!text_copy(config.database, sizeof config.database, database_path) ||
		    !schedule_parse_local(NOW_TEXT, &now))
			_exit(3);
		ui_loop_statistics statistics = {0};
		ui_loop_options options = {0};
		options.config = &config;
		options.fallback_catalogue = sample;
		options.windowed = true;
		options.width = WINDOW_WIDTH;
		options.height = WINDOW_HEIGHT;
		options.replay_path = paths.empty_script;
		options.start_utc = schedule_utc_from_local(now);
		options.statistics = &statistics;
		options.err = stderr;
		int exit_code = ui_loop_run(&options);
		double figure = statistics.frames > 0 ? statistics.first_frame_ms : -1.0;
		if (write(channel[1], &figure, sizeof figure) != (ssize_t)sizeof figure)
			_exit(4);
		_exit(exit_code);
	}
	close(channel[1]);
	double figure = -1.0;
	if (read(channel[0], &figure, sizeof figure) != (ssize_t)sizeof figure)
		figure = -1.0;
	close(channel[0]);
	int child_status = 0;
	if (waitpid(child, &child_status, 0) != child || !WIFEXITED(child_status) ||
	    WEXITSTATUS(child_status) != 0 || figure < 0)
		fail("the in-process first frame failed", database_path);
	return figure;
}

static void measure_start(start_figures *figures)
{
	const char *const floor_argv[] = {paths.floor, paths.font, NULL};
	const char *const sample_argv[] = {
	    paths.kiosk, "--config",   paths.config, "--db",     paths.sample_database, "--now",
	    NOW_TEXT,    "--windowed", WINDOW_SIZE,  "--replay", paths.empty_script,    NULL};
	const char *const large_argv[] = {
	    paths.kiosk, "--config",   paths.config, "--db",     paths.large_database, "--now",
	    NOW_TEXT,    "--windowed", WINDOW_SIZE,  "--replay", paths.empty_script,   NULL};
	const char *const *const programs[PROGRAM_COUNT] = {floor_argv, sample_argv, large_argv};
	/* Run 0 only warms the page cache (libraries, fonts, databases). The
	 * programs take turns, so a busy moment on the machine hits them alike. */
	for (int run = -1; run < START_RUNS; run++) {
		for (int program = 0; program < PROGRAM_COUNT; program++) {
			child_run measured = run_child(programs[program]);
			if (run < 0)
				continue;
			figures->wall_ms[program][run] = measured.wall_ms;
			figures->peak_rss_mb[program][run] = measured.peak_rss_mb;
			if (program == PROGRAM_FLOOR) {
				figures->floor_own_ms[run] = printed_figure("floor_first_frame_ms");
				figures->floor_own_exec_ms[run] =
				    printed_figure("floor_first_frame_since_exec_ms");
				figures->floor_own_rss_mb[run] =
				    printed_figure("floor_peak_rss_mb");
				figures->inside_ms[program][run] = figures->floor_own_ms[run];
			}
		}
		if (run < 0)
			continue;
		figures->inside_ms[PROGRAM_SAMPLE][run] = first_frame_inside(paths.sample_database);
		figures->inside_ms[PROGRAM_LARGE][run] = first_frame_inside(paths.large_database);
	}
}

/* Returns the median peak RSS with 100,000 offers, for the closing line. */
static double print_start(const start_figures *figures)
{
	double wall[PROGRAM_COUNT], rss[PROGRAM_COUNT], inside[PROGRAM_COUNT];
	for (int program = 0; program < PROGRAM_COUNT; program++) {
		wall[program] = median(figures->wall_ms[program], START_RUNS);
		rss[program] = median(figures->peak_rss_mb[program], START_RUNS);
		inside[program] = median(figures->inside_ms[program], START_RUNS);
	}
	double floor_wall = wall[PROGRAM_FLOOR];
	printf("# start to first complete frame: spawn to exit of a fresh process "
	       "(median of %d)\n",
	       START_RUNS);
	printf("attract_first_frame_floor_ms %.1f ms (least %.1f)\n", floor_wall,
	       least(figures->wall_ms[PROGRAM_FLOOR], START_RUNS));
	printf("attract_first_frame_sample_ms %.1f ms (least %.1f)\n", wall[PROGRAM_SAMPLE],
	       least(figures->wall_ms[PROGRAM_SAMPLE], START_RUNS));
	printf("attract_first_frame_sample_ratio %.2f (target <= 1.25)\n",
	       wall[PROGRAM_SAMPLE] / floor_wall);
	printf("attract_first_frame_offers100k_ms %.1f ms (least %.1f)\n", wall[PROGRAM_LARGE],
	       least(figures->wall_ms[PROGRAM_LARGE], START_RUNS));
	printf("attract_first_frame_offers100k_ratio %.2f (target <= 1.25)\n",
	       wall[PROGRAM_LARGE] / floor_wall);
	printf("# the same from inside: the floor's own figure from main() entry, the kiosk's "
	       "from ui_loop_run() entry\n");
	printf("floor_first_frame_own_ms %.1f ms\n", median(figures->floor_own_ms, START_RUNS));
	printf("floor_first_frame_since_exec_own_ms %.1f ms\n",
	       median(figures->floor_own_exec_ms, START_RUNS));
	printf("attract_first_frame_inside_sample_ms %.1f ms\n", inside[PROGRAM_SAMPLE]);
	printf("attract_first_frame_inside_sample_ratio %.2f\n",
	       inside[PROGRAM_SAMPLE] / inside[PROGRAM_FLOOR]);
	printf("attract_first_frame_inside_offers100k_ms %.1f ms\n", inside[PROGRAM_LARGE]);
	printf("attract_first_frame_inside_offers100k_ratio %.2f\n",
	       inside[PROGRAM_LARGE] / inside[PROGRAM_FLOOR]);
	printf("# peak RSS (ru_maxrss of the same children, median)\n");
	printf("peak_rss_floor_mb %.1f MB\n", rss[PROGRAM_FLOOR]);
	printf("peak_rss_floor_own_mb %.1f MB (the floor's own VmHWM)\n",
	       median(figures->floor_own_rss_mb, START_RUNS));
	printf("peak_rss_sample_mb %.1f MB\n", rss[PROGRAM_SAMPLE]);
	fflush(stdout);
	return rss[PROGRAM_LARGE];
}

/* ---- 2. input to finished frame ---- */

/* A resident's whole visit, 20 taps and 2 drags, JOURNEYS times with a
 * different first theme each time: attract, language, the questions (with a
 * Terug and a Sla over), results scrolled both ways, the first card's
 * detail, the overview, start over, and the idle reset back to attract. Taps
 * are 560 ms apart on the replay's clock, so no tap is a double tap and no
 * idle timer fires until the final wait. */
static void write_journey(const char *path, int journeys)
{
	static const char *const themes[] = {"Meer bewegen",           "Gezonder eten",
	                                     "Beter slapen",           "Meer rust en minder stress",
	                                     "Stoppen met roken",      "Minder alcohol drinken",
	                                     "Andere mensen ontmoeten"};
	FILE *file = fopen(path, "wb");
	if (file == NULL)
		fail("cannot write", path);
	/* A drag first: SDL's start-up window events are still queued, and a
	 * drag takes many steps, so they are all handled before the first tap. */
	fputs("# bench_ui: generated\ndrag 540 1700 540 900 200\nwait 1000\n", file);
	for (int journey = 0; journey < journeys; journey++) {
		fprintf(file,
		        "tap \"Tik om te beginnen\"\n"
		        "tap \"Nederlands\"\n"
		        "tap \"%s\"\n"
		        "tap \"Andere mensen ontmoeten\"\n"
		        "tap \"Volgende\"\n"
		        "tap \"Nee, maakt niet uit\"\n"
		        "tap \"Volgende\"\n"
		        "tap \"In een groep\"\n"
		        "tap \"Echt bij elkaar komen\"\n"
		        "tap \"Ja, dichtbij\"\n"
		        "tap \"Terug\"\n"
		        "tap \"Maakt niet uit\"\n"
		        "tap \"Binnenlopen wanneer ik wil\"\n"
		        "tap \"Sla over\"\n"
		        "tap \"Laat zien wat er is\"\n"
		        "drag 540 1500 540 500 300\n"
		        "wait 1500\n"
		        "drag 540 500 540 1500 300\n"
		        "wait 1500\n"
		        "tap 540 250\n"
		        "tap \"Terug\"\n"
		        "tap \"Overzicht\"\n"
		        "tap \"Terug\"\n"
		        "tap \"Opnieuw beginnen\"\n"
		        "wait 80000\n",
		        themes[journey % 7]);
	}
	if (fclose(file) != 0)
		fail("cannot write", path);
}

/* Returns false when the script stopped early (the figures cover what ran). */
static bool measure_latency(void)
{
	static kiosk_config config;
	config_set_defaults(&config);
	char sample[PATH_BYTES];
	join_path(sample, paths.root, SAMPLE_RELATIVE);
	local_time now;
	if (!text_copy(config.database, sizeof config.database, paths.sample_database) ||
	    !schedule_parse_local(NOW_TEXT, &now))
		fail("configuration", NULL);
	write_journey(paths.journey_script, JOURNEYS);

	double *latencies = calloc(LATENCY_CAPACITY, sizeof *latencies);
	if (latencies == NULL)
		fail("out of memory", NULL);
	ui_loop_statistics statistics = {0};
	statistics.latencies_ms = latencies;
	statistics.latency_capacity = LATENCY_CAPACITY;
	ui_loop_options options = {0};
	options.config = &config;
	options.fallback_catalogue = sample;
	options.windowed = true;
	options.width = WINDOW_WIDTH;
	options.height = WINDOW_HEIGHT;
	options.replay_path = paths.journey_script;
	options.screenshot_dir = paths.work;
	options.start_utc = schedule_utc_from_local(now);
	options.statistics = &statistics;
	options.err = stderr;
	double started = seconds_now();
	int exit_code = ui_loop_run(&options);
	double elapsed = seconds_now() - started;
	if (exit_code != 0)
		fprintf(stderr,
		        "bench_ui: the journey script stopped early (exit %d); the "
		        "latency figures cover the part that ran\n",
		        exit_code);

	size_t count = statistics.latency_count;
	printf("# input event to finished frame, in process: %d journeys of %d taps and 2 "
	       "drags at %dx%d on the sample catalogue\n",
	       JOURNEYS, TAPS_PER_JOURNEY, WINDOW_WIDTH, WINDOW_HEIGHT);
	printf("input_latency_taps %d\n", JOURNEYS * TAPS_PER_JOURNEY);
	printf("input_latency_events %zu\n", count);
	printf("input_latency_frames %zu\n", statistics.frames);
	if (count > 0) {
		qsort(latencies, count, sizeof latencies[0], compare_doubles);
		size_t p99 = count * 99 / 100;
		printf("input_latency_p50_ms %.2f ms\n", latencies[count / 2]);
		printf("input_latency_p99_ms %.2f ms (target <= 16)\n",
		       latencies[p99 < count ? p99 : count - 1]);
		printf("input_latency_max_ms %.2f ms\n", latencies[count - 1]);
	}
	printf("input_replay_wall_seconds %.1f s\n", elapsed);
	fflush(stdout);
	free(latencies);
	return exit_code == 0 && count > 0;
}

/* ---- 4. peak memory through a visit with 100,000 offers ---- */

/* The first frame only builds the index; results, detail and overview add
 * the match buffers and a screenful of offers read back. */
static double journey_peak_rss_mb(void)
{
	write_journey(paths.short_journey_script, SHORT_JOURNEYS);
	const char *const argv[] = {paths.kiosk,
	                            "--config",
	                            paths.config,
	                            "--db",
	                            paths.large_database,
	                            "--now",
	                            NOW_TEXT,
	                            "--windowed",
	                            WINDOW_SIZE,
	                            "--replay",
	                            paths.short_journey_script,
	                            NULL};
	return run_child(argv).peak_rss_mb;
}

/* ---- 3. idle ---- */

/* The live kiosk on the attract screen: the CPU it uses between 2 s and
 * 12 s after its start (start-up excluded), then SIGTERM. */
static bool measure_idle(void)
{
	const char *const argv[] = {paths.kiosk,           "--config", paths.config, "--db",
	                            paths.sample_database, "--now",    NOW_TEXT,     "--windowed",
	                            WINDOW_SIZE,           NULL};
	double started = seconds_now();
	pid_t child = spawn_child(argv);
	sleep_ms(IDLE_SETTLE_MS);
	double settled = process_cpu_seconds(child);
	sleep_ms(IDLE_MEASURE_MS);
	double finished = process_cpu_seconds(child);
	double peak_rss_mb = process_peak_rss_mb(child);
	double stop_sent = seconds_now();
	if (kill(child, SIGTERM) != 0)
		fail("kill", strerror(errno));
	child_run run =
	    reap_child(child, started, true, "the live kiosk (SIGTERM must stop it cleanly)");
	double stop_ms = (seconds_now() - stop_sent) * 1e3;
	if (settled < 0 || finished < 0) {
		show_child_errors();
		fprintf(stderr, "bench_ui: the live kiosk ended before it was measured\n");
		return false;
	}
	printf("# live kiosk idle on the attract screen (sample catalogue), /proc/PID/stat "
	       "at %d s and %d s\n",
	       IDLE_SETTLE_MS / 1000, (IDLE_SETTLE_MS + IDLE_MEASURE_MS) / 1000);
	printf("idle_cpu_seconds_%ds %.2f s (target <= 0.1)\n", IDLE_MEASURE_MS / 1000,
	       finished - settled);
	printf("idle_startup_cpu_seconds %.2f s (the first %d s)\n", settled,
	       IDLE_SETTLE_MS / 1000);
	printf("idle_total_cpu_seconds %.2f s (rusage at exit)\n", run.cpu_seconds);
	printf("idle_stop_after_sigterm_ms %.1f ms\n", stop_ms);
	printf("idle_peak_rss_mb %.1f MB\n", peak_rss_mb >= 0 ? peak_rss_mb : run.peak_rss_mb);
	fflush(stdout);
	return true;
}

int main(int argc, char **argv)
{
	/* Off screen with SDL's framebuffer in memory, unless told otherwise; the
	 * children inherit these. */
	(void)setenv("SDL_VIDEODRIVER", "offscreen", 0);
	(void)setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 0);
	find_root();
	find_programs(argc, argv);
	join_path(paths.font, paths.root, FONT_RELATIVE);
	join_path(paths.sample_csv, paths.root, SAMPLE_RELATIVE);
	if (!file_exists(paths.sample_csv))
		fail("sample catalogue not found (set KIOSK_SOURCE_DIR)", paths.sample_csv);
	make_work_folder();
	/* An empty settings file: whatever /etc says does not change the run. */
	write_text_file(paths.config, "");
	write_text_file(paths.empty_script, "# draw the first frame, then stop\n");

	import_catalogue(paths.sample_csv, paths.sample_database);
	long csv_bytes = write_large_catalogue(paths.large_csv);
	double import_started = seconds_now();
	import_catalogue(paths.large_csv, paths.large_database);
	double import_seconds = seconds_now() - import_started;

	printf("# bench_ui: SDL_VIDEODRIVER=%s SDL_FRAMEBUFFER_ACCELERATION=%s, window %s, "
	       "now %s\n",
	       getenv("SDL_VIDEODRIVER"), getenv("SDL_FRAMEBUFFER_ACCELERATION"), WINDOW_SIZE,
	       NOW_TEXT);
	printf("# generated catalogue: %d offers, %.1f MB CSV, imported in %.1f s (not timed "
	       "below)\n",
	       GENERATED_OFFERS, (double)csv_bytes / 1e6, import_seconds);
	fflush(stdout);

	start_figures *figures = calloc(1, sizeof *figures);
	if (figures == NULL)
		fail("out of memory", NULL);
	measure_start(figures);
	double large_peak_rss_mb = print_start(figures);
	free(figures);

	/* Every child is started while this process is still small: a child's
	 * ru_maxrss can include the RSS of the process that started it, and the
	 * in-process replay below makes this one as big as a kiosk. */
	double large_journey_rss_mb = journey_peak_rss_mb();
	bool idle_ran = measure_idle();
	bool latency_ran = measure_latency();
	printf("# peak RSS of the kiosk showing its first frame with 100,000 offers (as above)\n");
	printf("peak_rss_offers100k_mb %.1f MB (target <= 45)\n", large_peak_rss_mb);
	printf("# ... and through %d whole visits (results, detail, overview) on 100,000 offers\n",
	       SHORT_JOURNEYS);
	printf("peak_rss_offers100k_journey_mb %.1f MB (target <= 45)\n", large_journey_rss_mb);

	remove_work_folder();
	return idle_ran && latency_ran ? 0 : 1;
}
