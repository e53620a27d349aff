/* bench_import.c — how long a volunteer waits for an import, and how much
 * memory it takes: 1,000 and 100,000 generated rows through the real importer
 * into a real sqlite file, next to the floor of plain sqlite insertion of the
 * same volume in the same run. Prints figures; asserts nothing about time.
 * (This benchmark talks to sqlite directly only to measure that floor.) */
#define _DEFAULT_SOURCE /* wait4 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "import.h"
#include "store.h"
#include "text.h"

static double seconds_now(void)
{
	struct timespec moment;
	clock_gettime(CLOCK_MONOTONIC, &moment);
	return (double)moment.tv_sec + (double)moment.tv_nsec / 1e9;
}

static void fail(const char *what)
{
	fprintf(stderr, "bench_import: %s\n", what);
	exit(1);
}

static const char *const themes[] = {"bewegen", "voeding", "slaap",    "ontspanning",
                                     "roken",   "alcohol", "ontmoeten"};
static const char *const days[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};

/* Writes a realistic catalogue of `rows` offers as Excel would (BOM, ';',
 * CRLF) and returns its size. */
static long write_catalogue(const char *path, int rows)
{
	FILE *file = fopen(path, "wb");
	if (file == NULL)
		fail("cannot write the generated catalogue");
	fputs("\xEF\xBB\xBF", file);
	for (int field = 0; field < FIELD_COUNT; field++)
		fprintf(file, "%s%s", field > 0 ? ";" : "",
		        catalogue_field_name((catalogue_field)field));
	fputs("\r\n", file);
	for (int row = 0; row < rows; row++) {
		/* About 190 bytes a row, so 100,000 rows stay under the 20 MB limit
		 * as a real catalogue of that size would. */
		fprintf(
		    file,
		    "a%06d;Groep %d;Samen wandelen.;wandelgroep;;%s;;groep;fysiek;inloop;gratis;;"
		    "praktisch;volhouden;;;;nl;Dreef %d;;;52.%05d;5.%05d;ja;%s;wekelijks;10:00;"
		    "11:30;;;;;https://bh.nl/%d;;;;;;\r\n",
		    row, row, themes[row % 7], row % 200 + 1, 10000 + (row * 37) % 3000,
		    10000 + (row * 53) % 3000, days[row % 7], row);
	}
	long size = ftell(file);
	if (fclose(file) != 0)
		fail("cannot write the generated catalogue");
	return size;
}

/* The floor: the same number of rows and columns, prepared and inserted in
 * one transaction, with the same durability settings as the store. */
static double plain_sqlite_insert(const char *path, int rows)
{
	sqlite3 *database = NULL;
	if (sqlite3_open(path, &database) != SQLITE_OK)
		fail("sqlite open");
	sqlite3_exec(database, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL,
	             NULL);
	text_buffer sql = {0};
	if (text_buffer_append_string(&sql, "CREATE TABLE offer(id TEXT PRIMARY KEY") != STATUS_OK)
		fail("memory");
	for (int field = 1; field < FIELD_COUNT; field++)
		if (text_buffer_append_format(&sql, ", c%d TEXT", field) != STATUS_OK)
			fail("memory");
	if (text_buffer_append_string(&sql, ")") != STATUS_OK ||
	    sqlite3_exec(database, text_buffer_string(&sql), NULL, NULL, NULL) != SQLITE_OK)
		fail("create table");
	text_buffer_clear(&sql);
	if (text_buffer_append_string(&sql, "INSERT INTO offer VALUES(?") != STATUS_OK)
		fail("memory");
	for (int field = 1; field < FIELD_COUNT; field++)
		if (text_buffer_append_string(&sql, ",?") != STATUS_OK)
			fail("memory");
	if (text_buffer_append_string(&sql, ")") != STATUS_OK)
		fail("memory");
	sqlite3_stmt *insert = NULL;
	if (sqlite3_prepare_v2(database, text_buffer_string(&sql), -1, &insert, NULL) != SQLITE_OK)
		fail("prepare");
	/* Realistic text per column (a few words), bound as is: what sqlite
	 * itself costs, without any formatting of ours. */
	static const char *const values[] = {"Wandelgroep", "Samen wandelen.", "wandelgroep",
	                                     "bewegen",     "groep",           "fysiek",
	                                     "inloop",      "gratis",          "52.116200"};
	char id[32];
	double start = seconds_now();
	sqlite3_exec(database, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	for (int row = 0; row < rows; row++) {
		text_format(id, sizeof id, "a%06d", row);
		sqlite3_bind_text(insert, 1, id, -1, SQLITE_TRANSIENT);
		for (int field = 2; field <= FIELD_COUNT; field++)
			sqlite3_bind_text(insert, field, values[field % 9], -1, SQLITE_STATIC);
		if (sqlite3_step(insert) != SQLITE_DONE)
			fail("insert");
		sqlite3_reset(insert);
	}
	if (sqlite3_exec(database, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fail("commit");
	double elapsed = seconds_now() - start;
	sqlite3_finalize(insert);
	sqlite3_close(database);
	text_buffer_free(&sql);
	return elapsed;
}

typedef struct import_timing {
	double read_seconds;  /* parse and validate */
	double store_seconds; /* replace the catalogue in one transaction */
	size_t offers;
} import_timing;

static import_timing real_import(const char *csv_path, const char *database_path)
{
	import_timing timing = {0};
	store *database = NULL;
	if (store_open(database_path, &database) != STATUS_OK)
		fail("store_open");
	catalogue *incoming = NULL;
	import_report report = {0};
	double start = seconds_now();
	if (import_read_file(csv_path, &incoming, &report) != STATUS_OK || incoming == NULL)
		fail(report.fatal ? report.fatal_message : "import_read_file");
	double parsed = seconds_now();
	if (store_replace_catalogue(database, incoming, &report, STORE_SOURCE_FILE, 20779) !=
	    STATUS_OK)
		fail(store_last_error(database));
	timing.store_seconds = seconds_now() - parsed;
	timing.read_seconds = parsed - start;
	timing.offers = catalogue_count(incoming);
	if (report.error_count != 0)
		fail("the generated catalogue has errors");
	catalogue_destroy(incoming);
	import_report_free(&report);
	store_close(database);
	return timing;
}

/* Runs the import in a child process so its peak memory is its own. */
static long child_peak_rss_kib(const char *csv_path, const char *database_path)
{
	pid_t child = fork();
	if (child < 0)
		fail("fork");
	if (child == 0) {
		(void)real_import(csv_path, database_path);
		_exit(0);
	}
	int child_status = 0;
	struct rusage usage;
	if (wait4(child, &child_status, 0, &usage) != child || child_status != 0)
		fail("the import child failed");
	return usage.ru_maxrss;
}

static void remove_database(const char *path)
{
	char side[600];
	remove(path);
	text_format(side, sizeof side, "%s-wal", path);
	remove(side);
	text_format(side, sizeof side, "%s-shm", path);
	remove(side);
	text_format(side, sizeof side, "%s.laatst-goed.csv", path);
	remove(side);
}

int main(void)
{
	char directory[] = "/tmp/bench-import-XXXXXX";
	if (mkdtemp(directory) == NULL)
		fail("mkdtemp");
	char csv_path[512], database_path[512], floor_path[512];
	text_format(database_path, sizeof database_path, "%s/kiosk.db", directory);
	text_format(floor_path, sizeof floor_path, "%s/floor.db", directory);

	const int sizes[] = {1000, 100000};
	printf("import benchmark (median of 3 runs each; times in seconds)\n");
	for (size_t index = 0; index < 2; index++) {
		int rows = sizes[index];
		text_format(csv_path, sizeof csv_path, "%s/catalogus-%d.csv", directory, rows);
		long bytes = write_catalogue(csv_path, rows);
		double totals[3], reads[3], stores[3], floors[3];
		for (int run = 0; run < 3; run++) {
			remove_database(database_path);
			remove_database(floor_path);
			import_timing timing = real_import(csv_path, database_path);
			if ((int)timing.offers != rows)
				fail("not every generated row was imported");
			reads[run] = timing.read_seconds;
			stores[run] = timing.store_seconds;
			totals[run] = timing.read_seconds + timing.store_seconds;
			floors[run] = plain_sqlite_insert(floor_path, rows);
		}
		/* Medians of three. */
		double *series[] = {totals, reads, stores, floors};
		for (int kind = 0; kind < 4; kind++) {
			double *values = series[kind];
			for (int a = 0; a < 3; a++)
				for (int b = a + 1; b < 3; b++)
					if (values[b] < values[a]) {
						double swap = values[a];
						values[a] = values[b];
						values[b] = swap;
					}
		}
		printf("rows %6d (%5.1f MB): import %.3f s (parse+validate %.3f, store %.3f); "
		       "plain sqlite insert floor %.3f s; ratio import/floor %.2f\n",
		       rows, (double)bytes / 1e6, totals[1], reads[1], stores[1], floors[1],
		       totals[1] / floors[1]);
	}
	remove_database(database_path);
	long peak = child_peak_rss_kib(csv_path, database_path);
	printf("peak RSS of a process importing 100000 rows: %.1f MB (target <= 64 MB)\n",
	       (double)peak / 1024.0);
	remove_database(database_path);
	remove_database(floor_path);
	remove(csv_path);
	text_format(csv_path, sizeof csv_path, "%s/catalogus-1000.csv", directory);
	remove(csv_path);
	rmdir(directory);
	return 0;
}
