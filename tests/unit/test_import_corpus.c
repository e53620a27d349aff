/* test_import_corpus.c — imports every spreadsheet in tests/corpus and checks
 * it against its .expect file, then refuses generated oversized files. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "import.h"
#include "text.h"

/* Prints why one expectation of `name` failed; returns false. */
static bool complain(const char *name, unsigned line, const char *what, const char *detail)
{
	print_error("corpus %s.expect line %u: %s (%s)\n", name, line, what, detail);
	return false;
}

static bool has_problem(const import_report *report, import_severity severity, unsigned row,
                        const char *column)
{
	for (size_t i = 0; i < report->problem_count; i++) {
		const import_problem *problem = &report->problems[i];
		if (problem->severity != severity || problem->row != row)
			continue;
		if (column == NULL || strcmp(problem->column, column) == 0)
			return true;
	}
	return false;
}

static bool problem_message_contains(const import_report *report, unsigned row, const char *text)
{
	for (size_t i = 0; i < report->problem_count; i++) {
		if (report->problems[i].row == row &&
		    strstr(report->problems[i].message, text) != NULL)
			return true;
	}
	return false;
}

static void print_problems(const import_report *report)
{
	if (report->fatal)
		print_error("  fatal: %s\n", report->fatal_message);
	for (size_t i = 0; i < report->problem_count; i++) {
		const import_problem *problem = &report->problems[i];
		print_error("  %s row %u column '%s': %s\n",
		            problem->severity == IMPORT_ERROR ? "error" : "warning", problem->row,
		            problem->column, problem->message);
	}
}

static bool check_count(const char *name, unsigned line, const char *key, unsigned long expected,
                        unsigned long actual)
{
	if (expected == actual)
		return true;
	char detail[96];
	assert_true(text_format(detail, sizeof detail, "expected %lu, got %lu", expected, actual));
	return complain(name, line, key, detail);
}

/* Checks one expectation line; see tests/corpus/README.md for the format. */
static bool check_line(const char *name, unsigned line_number, char *line,
                       const import_report *report, bool have_catalogue)
{
	char *key = line;
	char *value = line;
	while (*value != '\0' && *value != ' ')
		value++;
	if (*value == ' ')
		*value++ = '\0';
	if (strcmp(key, "outcome") == 0) {
		bool fatal_expected = strcmp(value, "fatal") == 0;
		if (!fatal_expected && strcmp(value, "applied") != 0)
			return complain(name, line_number, "unknown outcome", value);
		if (fatal_expected != report->fatal)
			return complain(name, line_number, "outcome",
			                report->fatal ? "fatal" : "applied");
		if (have_catalogue == fatal_expected)
			return complain(name, line_number, "catalogue",
			                "catalogue does not match outcome");
		if (import_report_can_apply(report) == fatal_expected)
			return complain(name, line_number, "can_apply", "does not match outcome");
		return true;
	}
	if (strcmp(key, "fatal_contains") == 0) {
		if (strstr(report->fatal_message, value) == NULL)
			return complain(name, line_number, "fatal message", report->fatal_message);
		return true;
	}
	if (strcmp(key, "delimiter") == 0) {
		char actual[2] = {report->delimiter, '\0'};
		if (strcmp(actual, value) != 0)
			return complain(name, line_number, "delimiter", actual);
		return true;
	}
	if (strcmp(key, "error") == 0 || strcmp(key, "warning") == 0 ||
	    strcmp(key, "message") == 0) {
		char *column = value;
		while (*column != '\0' && *column != ' ')
			column++;
		if (*column == ' ')
			*column++ = '\0';
		long row;
		if (!text_parse_integer(value, 0, 1000000, &row))
			return complain(name, line_number, "bad row number", value);
		if (strcmp(key, "message") == 0) {
			if (!problem_message_contains(report, (unsigned)row, column))
				return complain(name, line_number, "no problem message with",
				                column);
			return true;
		}
		const char *wanted = strcmp(column, "-") == 0 ? "" : column;
		import_severity severity = key[0] == 'e' ? IMPORT_ERROR : IMPORT_WARNING;
		if (!has_problem(report, severity, (unsigned)row, wanted))
			return complain(name, line_number, key, line + strlen(key) + 1);
		return true;
	}
	static const char *const COUNTS[] = {"rows", "imported", "errors", "warnings"};
	for (size_t i = 0; i < sizeof COUNTS / sizeof COUNTS[0]; i++) {
		if (strcmp(key, COUNTS[i]) != 0)
			continue;
		long expected;
		if (!text_parse_integer(value, 0, 100000000, &expected))
			return complain(name, line_number, "bad count", value);
		unsigned long actual = i == 0   ? report->rows
		                       : i == 1 ? report->imported
		                       : i == 2 ? report->error_count
		                                : report->warning_count;
		return check_count(name, line_number, key, (unsigned long)expected, actual);
	}
	return complain(name, line_number, "unknown key", key);
}

/* Imports corpus/NAME.csv and checks NAME.expect; returns true when all holds. */
static bool check_case(const char *directory, const char *name)
{
	char path[1024];
	assert_true(text_format(path, sizeof path, "%s/%s.expect", directory, name));
	char *expect = test_read_file(path, NULL);
	assert_true(text_format(path, sizeof path, "%s/%s.csv", directory, name));
	catalogue *imported = NULL;
	import_report report;
	assert_int_equal(import_read_file(path, &imported, &report), STATUS_OK);
	if (imported != NULL)
		assert_int_equal(catalogue_count(imported), report.imported);

	bool all_good = true;
	bool has_outcome = false;
	unsigned line_number = 0;
	char *cursor = expect;
	while (*cursor != '\0') {
		char *end = strchr(cursor, '\n');
		if (end != NULL)
			*end = '\0';
		line_number++;
		size_t length = strlen(cursor);
		while (length > 0 && (cursor[length - 1] == '\r' || cursor[length - 1] == ' '))
			cursor[--length] = '\0';
		if (length > 0 && cursor[0] != '#') {
			if (strncmp(cursor, "outcome ", 8) == 0)
				has_outcome = true;
			if (!check_line(name, line_number, cursor, &report, imported != NULL))
				all_good = false;
		}
		if (end == NULL)
			break;
		cursor = end + 1;
	}
	if (!has_outcome)
		all_good = complain(name, 0, "missing outcome line", "every case needs one");
	if (!all_good)
		print_problems(&report);
	import_report_free(&report);
	catalogue_destroy(imported);
	free(expect);
	return all_good;
}

static int compare_names(const void *left, const void *right)
{
	return strcmp(*(const char *const *)left, *(const char *const *)right);
}

static void test_corpus_matches_expectations(void **state)
{
	(void)state;
	char directory[1024];
	test_source_path("tests/corpus", directory, sizeof directory);
	DIR *listing = opendir(directory);
	assert_non_null(listing);
	char *names[512];
	size_t count = 0;
	struct dirent *entry;
	while ((entry = readdir(listing)) != NULL) {
		size_t length = strlen(entry->d_name);
		if (length <= 7 || strcmp(entry->d_name + length - 7, ".expect") != 0)
			continue;
		assert_true(count < sizeof names / sizeof names[0]);
		names[count] = strndup(entry->d_name, length - 7);
		assert_non_null(names[count]);
		count++;
	}
	closedir(listing);
	qsort(names, count, sizeof names[0], compare_names);
	/* The brief asks for a corpus of at least 45 spreadsheets. */
	assert_true(count >= 45);
	size_t failures = 0;
	for (size_t i = 0; i < count; i++) {
		char csv_path[1100];
		assert_true(
		    text_format(csv_path, sizeof csv_path, "%s/%s.csv", directory, names[i]));
		if (access(csv_path, R_OK) != 0) {
			print_error("corpus %s: no matching .csv\n", names[i]);
			failures++;
		} else if (!check_case(directory, names[i])) {
			failures++;
		}
		free(names[i]);
	}
	if (failures > 0)
		print_error("%zu of %zu corpus cases failed\n", failures, count);
	assert_int_equal(failures, 0);
}

/* ---- generated big files: refused quickly and clearly ---- */

typedef struct scratch_dir {
	char path[512];
} scratch_dir;

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Imports `path` expecting a fatal report mentioning `fragment`, within
 * `seconds`. */
static void expect_refused(const char *path, const char *fragment, double seconds)
{
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	catalogue *imported = NULL;
	import_report report;
	assert_int_equal(import_read_file(path, &imported, &report), STATUS_OK);
	double took = seconds_since(&start);
	if (!report.fatal || strstr(report.fatal_message, fragment) == NULL)
		print_error("expected a refusal with '%s', got fatal=%d '%s'\n", fragment,
		            report.fatal, report.fatal_message);
	assert_true(report.fatal);
	assert_non_null(strstr(report.fatal_message, fragment));
	assert_null(imported);
	assert_false(import_report_can_apply(&report));
	if (took > seconds)
		print_error("refusing took %.2f s\n", took);
	assert_true(took <= seconds);
	import_report_free(&report);
}

static void test_one_gigabyte_sparse_file_is_refused_quickly(void **state)
{
	(void)state;
	scratch_dir dir;
	test_make_temp_dir(dir.path, sizeof dir.path);
	char path[600];
	assert_true(text_format(path, sizeof path, "%s/huge.csv", dir.path));
	int descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(descriptor >= 0);
	assert_int_equal(write(descriptor, "id;naam\n", 8), 8);
	assert_int_equal(ftruncate(descriptor, (off_t)1024 * 1024 * 1024), 0);
	assert_int_equal(close(descriptor), 0);
	expect_refused(path, "20 MB", 1.0);
	test_remove_tree(dir.path);
}

static void write_rows(FILE *file, size_t count, size_t first)
{
	for (size_t i = 0; i < count; i++)
		assert_true(fprintf(file, "r%zu;Activiteit %zu;bewegen;di;10:00\n", first + i,
		                    first + i) > 0);
}

static void test_file_over_twenty_megabytes_is_refused(void **state)
{
	(void)state;
	scratch_dir dir;
	test_make_temp_dir(dir.path, sizeof dir.path);
	char path[600];
	assert_true(text_format(path, sizeof path, "%s/big.csv", dir.path));
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	assert_true(fputs("id;naam;themas;dagen;tijd_van;omschrijving\n", file) >= 0);
	/* Real rows (not a sparse file), fewer than the row limit, just over 20 MB. */
	char description[180];
	memset(description, 'x', sizeof description - 1);
	description[sizeof description - 1] = '\0';
	long written = 0;
	for (size_t i = 0; written <= (long)CSV_MAX_FILE_BYTES; i++) {
		assert_true(fprintf(file, "r%zu;Activiteit;bewegen;di;10:00;%s\n", i, description) >
		            0);
		written = ftell(file);
	}
	assert_int_equal(fclose(file), 0);
	expect_refused(path, "20 MB", 2.0);
	test_remove_tree(dir.path);
}

static void test_more_than_two_hundred_thousand_rows_are_refused(void **state)
{
	(void)state;
	scratch_dir dir;
	test_make_temp_dir(dir.path, sizeof dir.path);
	char path[600];
	assert_true(text_format(path, sizeof path, "%s/rows.csv", dir.path));
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	assert_true(fputs("id;naam;themas;dagen;tijd_van\n", file) >= 0);
	write_rows(file, CSV_MAX_RECORDS + 10, 0);
	assert_int_equal(fclose(file), 0);
	expect_refused(path, "200.000", 30.0);
	test_remove_tree(dir.path);
}

static void test_ten_megabyte_single_line_is_refused(void **state)
{
	(void)state;
	scratch_dir dir;
	test_make_temp_dir(dir.path, sizeof dir.path);
	char path[600];
	assert_true(text_format(path, sizeof path, "%s/line.csv", dir.path));
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	assert_true(fputs("id;naam;omschrijving\nx1;Lang;", file) >= 0);
	char block[4096];
	memset(block, 'a', sizeof block);
	for (size_t i = 0; i < (10u * 1024u * 1024u) / sizeof block; i++)
		assert_int_equal(fwrite(block, 1, sizeof block, file), sizeof block);
	assert_true(fputs("\n", file) >= 0);
	assert_int_equal(fclose(file), 0);
	expect_refused(path, "64 KB", 5.0);
	/* The message says where: the row of the long line. */
	catalogue *imported = NULL;
	import_report report;
	assert_int_equal(import_read_file(path, &imported, &report), STATUS_OK);
	assert_non_null(strstr(report.fatal_message, "rij 2"));
	import_report_free(&report);
	test_remove_tree(dir.path);
}

static void test_header_only_file_with_many_blank_lines(void **state)
{
	(void)state;
	/* Blank lines after the header count as spreadsheet rows but are not data. */
	static const char BYTES[] = "id;naam\n\n\n\n";
	catalogue *imported = NULL;
	import_report report;
	assert_int_equal(import_read_memory(BYTES, sizeof BYTES - 1, &imported, &report),
	                 STATUS_OK);
	assert_true(report.fatal);
	assert_int_equal(report.rows, 0);
	assert_null(imported);
	import_report_free(&report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus_matches_expectations),
	    cmocka_unit_test(test_one_gigabyte_sparse_file_is_refused_quickly),
	    cmocka_unit_test(test_file_over_twenty_megabytes_is_refused),
	    cmocka_unit_test(test_more_than_two_hundred_thousand_rows_are_refused),
	    cmocka_unit_test(test_ten_megabyte_single_line_is_refused),
	    cmocka_unit_test(test_header_only_file_with_many_blank_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
