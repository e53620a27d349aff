/* bench_memory.c — what the kiosk screen's catalogue costs in memory with
 * 100,000 offers: a fresh process opens the database with the scanning
 * open, builds the match engine from that one pass, matches, lists the
 * upcoming meetings and loads 20 offers' text, and reports its peak RSS
 * (VmHWM) above its own start. The same for the command line's way (the
 * whole catalogue in memory) for comparison. Prints figures; asserts nothing
 * about them. Linux only (/proc). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "match.h"
#include "store.h"
#include "text.h"
#include "upcoming.h"

#define OFFER_COUNT     100000
#define LOADED_OFFERS   20
#define KIOSK_LATITUDE  52.1150
#define KIOSK_LONGITUDE 5.1130
#define NEARBY_METRES   1500

static void fail(const char *what)
{
	fprintf(stderr, "bench_memory: %s\n", what);
	exit(1);
}

static double milliseconds_now(void)
{
	struct timespec moment;
	clock_gettime(CLOCK_MONOTONIC, &moment);
	return (double)moment.tv_sec * 1e3 + (double)moment.tv_nsec / 1e6;
}

/* A line of /proc/self/status ("VmHWM", "VmRSS") in MB. */
static double status_megabytes(const char *name)
{
	FILE *file = fopen("/proc/self/status", "r");
	if (file == NULL)
		fail("cannot read /proc/self/status");
	char line[256];
	size_t name_length = strlen(name);
	long kilobytes = -1;
	while (fgets(line, sizeof line, file) != NULL)
		if (strncmp(line, name, name_length) == 0 && line[name_length] == ':')
			kilobytes = strtol(line + name_length + 1, NULL, 10);
	fclose(file);
	if (kilobytes < 0)
		fail("no memory figures in /proc/self/status");
	return (double)kilobytes / 1024.0;
}

/* ---- the database: offers with the text a real catalogue has ---------- */

static uint32_t random_state = 20261124u;
static uint32_t next_random(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 17;
	random_state ^= random_state << 5;
	return random_state;
}

static const char *const name_words[] = {"Wandelen", "Samen",  "Koken", "Bewegen", "Praten",
                                         "Buurt",    "Inloop", "Groep", "Gezond",  "Rustig"};
static const char *const streets[] = {"Kerkstraat", "Dorpsplein", "Lindelaan", "Molenweg",
                                      "Schoolstraat"};
static const char *const descriptions[] = {
    "Elke week lopen we een rondje door de wijk, in een rustig tempo. Daarna drinken we "
    "samen koffie in het buurthuis.",
    "Lotgenoten praten over wat het leven met een aandoening lastig maakt. Een "
    "praktijkondersteuner is erbij voor vragen.",
    "Een cursus van zes weken over gezond eten met weinig geld, met recepten om thuis te "
    "maken.",
    "Een maatje belt u elke week en gaat mee naar de eerste keer, zodat u er niet alleen "
    "voor staat.",
};

static const char *intern_text(catalogue *items, const char *text)
{
	const char *copy = catalogue_intern(items, text, strlen(text));
	if (copy == NULL)
		fail("out of memory");
	return copy;
}

static void fill_offer(catalogue *items, offer *item, int index)
{
	char text[256];
	int32_t today = 20600;
	text_format(text, sizeof text, "aanbod-%06d", index);
	item->id = intern_text(items, text);
	text_format(text, sizeof text, "%s %s %s", name_words[next_random() % 10],
	            name_words[next_random() % 10], streets[next_random() % 5]);
	item->name = intern_text(items, text);
	item->description = intern_text(items, descriptions[next_random() % 4]);
	text_format(text, sizeof text, "%s %u", streets[next_random() % 5],
	            1 + next_random() % 200);
	item->address = intern_text(items, text);
	text_format(text, sizeof text, "35%02u AB", next_random() % 100);
	item->postcode = intern_text(items, text);
	item->city = intern_text(items, "Utrecht");
	text_format(text, sizeof text, "030-%07u", next_random() % 10000000);
	item->phone = intern_text(items, text);
	text_format(text, sizeof text, "https://buurt.example.nl/aanbod/%d", index);
	item->signup_url = intern_text(items, text);
	item->languages = intern_text(items, "nl");
	item->kind = (uint8_t)(1 + next_random() % 6);
	item->offer_status = next_random() % 20 == 0 ? OFFER_STOPPED : OFFER_ACTIVE;
	item->themes = (uint16_t)(1u << (next_random() % 7) | 1u << (next_random() % 7));
	item->conditions = (uint16_t)(next_random() % 3 == 0 ? 1u << (next_random() % 10) : 0);
	item->form = (uint8_t)(1u << (next_random() % 3));
	item->contact = (uint8_t)(1u << (next_random() % 4));
	item->access = (uint8_t)(1u << (next_random() % 4));
	item->cost = (uint8_t)(1u << (next_random() % 4));
	item->support = (uint8_t)(1u + next_random() % 15);
	item->phase = (uint8_t)(1u << (next_random() % 3));
	item->moderator = (uint8_t)(next_random() % 3);
	if (item->contact & CONTACT_IN_PERSON) {
		item->has_location = true;
		item->latitude = KIOSK_LATITUDE + ((double)(next_random() % 20000) - 10000) / 2e5;
		item->longitude = KIOSK_LONGITUDE + ((double)(next_random() % 20000) - 10000) / 2e5;
	}
	schedule_rule *rule = &item->schedule;
	rule->frequency = (enum schedule_frequency)(1 + next_random() % 3);
	if (rule->frequency == FREQUENCY_MONTHLY) {
		rule->ordinal_count = 1;
		rule->ordinals[0].ordinal = (int8_t)(1 + next_random() % 4);
		rule->ordinals[0].weekday = (uint8_t)(next_random() % 5);
	} else {
		rule->weekdays = (uint8_t)(1u << (next_random() % 7));
	}
	rule->start_minute = (int16_t)(540 + 30 * (next_random() % 20));
	rule->end_minute = (int16_t)(rule->start_minute + 90);
	if (next_random() % 4 == 0)
		rule->valid_from = today - (int32_t)(next_random() % 200);
	if (next_random() % 10 == 0)
		rule->valid_to = today + (int32_t)(next_random() % 400);
	if (next_random() % 8 == 0) {
		int32_t exceptions[2] = {today + 7, today + 14};
		rule->exceptions = catalogue_intern_dates(items, exceptions, 2);
		rule->exception_count = 2;
	}
}

static void write_database(const char *path)
{
	catalogue *items = catalogue_create();
	if (items == NULL)
		fail("out of memory");
	for (int index = 0; index < OFFER_COUNT; index++) {
		offer *item = catalogue_append(items);
		if (item == NULL)
			fail("out of memory");
		fill_offer(items, item, index);
	}
	catalogue_sort(items);
	store *database = NULL;
	if (store_open(path, &database) != STATUS_OK ||
	    store_replace_catalogue(database, items, NULL, STORE_SOURCE_FILE, 20600) != STATUS_OK)
		fail("cannot write the database");
	store_close(database);
	catalogue_destroy(items);
}

/* ---- the measured process -------------------------------------------- */

static status start_index(void *context, size_t offer_count)
{
	match_engine_clear(context);
	return match_engine_reserve(context, offer_count);
}

static status add_to_index(void *context, const offer *item)
{
	return match_engine_add(context, item);
}

static const char *const answer_texts[] = {
    "themas=bewegen;kosten=gratis;dichtbij=ja",
    "themas=voeding,ontmoeten;aandoeningen=diabetes;contact=fysiek",
    "aandoeningen=geen;vorm=groep;deelname=inloop;fase=orienteren",
    "themas=slaap;contact=op_afstand;kosten=vergoed;steun=emotioneel",
    "",
};
#define ANSWER_SETS (sizeof answer_texts / sizeof answer_texts[0])

static int compare_doubles(const void *left, const void *right)
{
	double a = *(const double *)left, b = *(const double *)right;
	return (a > b) - (a < b);
}

/* Matches every answer set a few times; prints the median and returns the
 * last outcome's top offers' ids in `top` (borrowed from the engine). */
static void match_a_while(match_engine *engine, const char *top[LOADED_OFFERS], size_t *top_count)
{
	local_time now;
	if (!schedule_parse_local("2026-11-24T09:00", &now))
		fail("bad time");
	enum { ROUNDS = 4 };
	double times[ANSWER_SETS * ROUNDS];
	match_outcome outcome = {0};
	for (size_t run = 0; run < ANSWER_SETS * ROUNDS; run++) {
		match_answers answers;
		char error[200];
		if (match_parse_answers(answer_texts[run % ANSWER_SETS], &answers, error,
		                        sizeof error) != STATUS_OK)
			fail(error);
		double start = milliseconds_now();
		if (match_engine_run(engine, &answers, now, &outcome) != STATUS_OK)
			fail("matching failed");
		times[run] = milliseconds_now() - start;
	}
	qsort(times, ANSWER_SETS * ROUNDS, sizeof times[0], compare_doubles);
	printf("  match: median %.2f ms over %zu runs (%zu results for the last answers)\n",
	       times[ANSWER_SETS * ROUNDS / 2], (size_t)(ANSWER_SETS * ROUNDS), outcome.count);
	*top_count = outcome.count < LOADED_OFFERS ? outcome.count : LOADED_OFFERS;
	for (size_t rank = 0; rank < *top_count; rank++)
		top[rank] = match_engine_offer_id(engine, outcome.results[rank].offer_index);
	upcoming_meeting soon[12];
	double start = milliseconds_now();
	size_t listed = upcoming_meetings_from_engine(engine, now, 7, soon, 12);
	printf("  upcoming meetings: %zu in %.1f ms\n", listed, milliseconds_now() - start);
}

/* The kiosk screen's way: one scanning pass builds the engine; text is read
 * for the offers shown only. */
static int measure_scanning(const char *path)
{
	double baseline = status_megabytes("VmRSS");
	double start = milliseconds_now();
	match_engine *engine = match_engine_begin(KIOSK_LATITUDE, KIOSK_LONGITUDE, NEARBY_METRES);
	if (engine == NULL)
		fail("out of memory");
	store_offer_scanner scanner = {start_index, add_to_index, engine};
	store *database = NULL;
	store_recovery what = STORE_OPENED;
	if (store_open_or_recover_scanning(path, NULL, &scanner, &database, &what) != STATUS_OK ||
	    what != STORE_OPENED || match_engine_finish(engine) != STATUS_OK)
		fail("the scanning open failed");
	double opened_ms = milliseconds_now() - start;
	double after_open = status_megabytes("VmHWM");
	printf("kiosk screen (scanning open, compact engine), %zu offers:\n",
	       match_engine_count(engine));
	printf("  open + verify + build engine: %.0f ms, peak so far %.1f MB\n", opened_ms,
	       after_open);

	const char *top[LOADED_OFFERS];
	size_t top_count = 0;
	match_a_while(engine, top, &top_count);
	catalogue *shown = NULL;
	start = milliseconds_now();
	if (store_load_offers(database, top, top_count, &shown) != STATUS_OK ||
	    catalogue_count(shown) != top_count)
		fail("loading the offers shown failed");
	printf("  load %zu offers' text by id: %.2f ms\n", top_count, milliseconds_now() - start);
	double peak = status_megabytes("VmHWM");
	printf("  peak RSS %.1f MB, process start %.1f MB: %.1f MB for the catalogue\n", peak,
	       baseline, peak - baseline);
	catalogue_destroy(shown);
	store_close(database);
	match_engine_destroy(engine);
	return 0;
}

/* The command line's way, for comparison: the whole catalogue in memory. */
static int measure_whole_catalogue(const char *path)
{
	double baseline = status_megabytes("VmRSS");
	double start = milliseconds_now();
	store *database = NULL;
	store_recovery what = STORE_OPENED;
	catalogue *items = NULL;
	if (store_open_or_recover(path, NULL, &database, &what, &items) != STATUS_OK)
		fail("the open failed");
	match_engine *engine =
	    match_engine_create(items, KIOSK_LATITUDE, KIOSK_LONGITUDE, NEARBY_METRES);
	if (engine == NULL)
		fail("out of memory");
	printf("command line (whole catalogue loaded), %zu offers:\n", catalogue_count(items));
	printf("  open + load + create engine: %.0f ms\n", milliseconds_now() - start);
	const char *top[LOADED_OFFERS];
	size_t top_count = 0;
	match_a_while(engine, top, &top_count);
	double peak = status_megabytes("VmHWM");
	printf("  peak RSS %.1f MB, process start %.1f MB: %.1f MB for the catalogue\n", peak,
	       baseline, peak - baseline);
	match_engine_destroy(engine);
	catalogue_destroy(items);
	store_close(database);
	return 0;
}

/* Runs this program again as `mode` on the database, so each measurement
 * starts from a fresh process whose peak nothing else has raised. */
static void run_measurement(const char *mode, const char *path)
{
	fflush(stdout);
	pid_t child = fork();
	if (child < 0)
		fail("fork failed");
	if (child == 0) {
		execl("/proc/self/exe", "bench_memory", mode, path, (char *)NULL);
		_exit(127);
	}
	int wait_status = 0;
	if (waitpid(child, &wait_status, 0) != child || !WIFEXITED(wait_status) ||
	    WEXITSTATUS(wait_status) != 0)
		fail("a measurement failed");
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--scanning") == 0)
		return measure_scanning(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--whole") == 0)
		return measure_whole_catalogue(argv[2]);

	const char *base = getenv("TMPDIR");
	char directory[512], path[600];
	text_format(directory, sizeof directory, "%s/bench-memory-XXXXXX",
	            base != NULL && base[0] != '\0' ? base : "/tmp");
	if (mkdtemp(directory) == NULL)
		fail("cannot make a scratch directory");
	text_format(path, sizeof path, "%s/kiosk.db", directory);
	printf("memory benchmark: %d generated offers\n", OFFER_COUNT);
	double start = milliseconds_now();
	write_database(path);
	printf("database written in %.1f s\n", (milliseconds_now() - start) / 1e3);
	run_measurement("--scanning", path);
	run_measurement("--whole", path);

	static const char *const suffixes[] = {"", "-wal", "-shm", STORE_BACKUP_SUFFIX,
	                                       STORE_BACKUP_SUFFIX ".tmp"};
	for (size_t index = 0; index < sizeof suffixes / sizeof suffixes[0]; index++) {
		char file[700];
		text_format(file, sizeof file, "%s%s", path, suffixes[index]);
		(void)remove(file);
	}
	if (rmdir(directory) != 0)
		fprintf(stderr, "bench_memory: %s left behind\n", directory);
	return 0;
}
