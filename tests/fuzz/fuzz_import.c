/* fuzz_import.c — libFuzzer target for the spreadsheet importer: any bytes must
 * give a report (never a crash), and every offer that comes out must survive
 * the store's round trip through canonical field text unchanged. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "import.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (which libFuzzer reports with the input) when `condition` is false,
 * saying which check it was. */
#define require(condition) require_at((condition), #condition, __LINE__)

static void require_at(int condition, const char *text, int line)
{
	if (condition)
		return;
	fprintf(stderr, "fuzz_import.c:%d: check failed: %s\n", line, text);
	abort();
}

static void check_round_trip(const catalogue *imported)
{
	catalogue *copy = catalogue_create();
	require(copy != NULL);
	text_buffer texts[FIELD_COUNT];
	memset(texts, 0, sizeof texts);
	text_buffer again = {0};
	for (size_t i = 0; i < catalogue_count(imported); i++) {
		const offer *original = catalogue_offer(imported, i);
		const char *fields[FIELD_COUNT];
		for (int field = 0; field < FIELD_COUNT; field++) {
			require(catalogue_offer_field_text(original, (catalogue_field)field,
			                                   &texts[field]) == STATUS_OK);
			fields[field] = text_buffer_string(&texts[field]);
		}
		import_report problems;
		memset(&problems, 0, sizeof problems);
		status parsed = import_parse_fields(copy, fields, original->row, &problems);
		for (size_t p = 0; parsed != STATUS_OK && p < problems.problem_count; p++)
			fprintf(stderr, "offer '%s' does not load back: %s: %s\n", original->id,
			        problems.problems[p].column, problems.problems[p].message);
		import_report_free(&problems);
		require(parsed == STATUS_OK);
		const offer *loaded = catalogue_offer(copy, catalogue_count(copy) - 1);
		for (int field = 0; field < FIELD_COUNT; field++) {
			require(catalogue_offer_field_text(loaded, (catalogue_field)field,
			                                   &again) == STATUS_OK);
			if (strcmp(text_buffer_string(&again), fields[field]) != 0)
				fprintf(stderr, "field %s: '%s' came back as '%s'\n",
				        catalogue_field_name((catalogue_field)field), fields[field],
				        text_buffer_string(&again));
			require(strcmp(text_buffer_string(&again), fields[field]) == 0);
		}
		require(catalogue_offer_hash(loaded) == catalogue_offer_hash(original));
		require(text_is_valid_utf8(original->name, strlen(original->name)));
	}
	for (int field = 0; field < FIELD_COUNT; field++)
		text_buffer_free(&texts[field]);
	text_buffer_free(&again);
	catalogue_destroy(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	catalogue *imported = NULL;
	import_report report;
	require(import_read_memory((const char *)data, size, &imported, &report) == STATUS_OK);
	require((imported == NULL) == report.fatal);
	require(report.problem_count <= IMPORT_MAX_PROBLEMS);
	require(report.imported <= report.rows);
	if (imported != NULL) {
		require(catalogue_count(imported) == report.imported);
		check_round_trip(imported);
		/* Diff against itself: everything unchanged. */
		size_t count = catalogue_count(imported);
		offer_digest *digests = calloc(count + 1, sizeof *digests);
		require(digests != NULL);
		for (size_t i = 0; i < count; i++) {
			digests[i].id = catalogue_offer(imported, i)->id;
			digests[i].content_hash =
			    catalogue_offer_hash(catalogue_offer(imported, i));
		}
		require(import_compute_diff(&report, digests, count, imported) == STATUS_OK);
		require(report.unchanged_count == count && report.new_count == 0);
		free(digests);
	}
	text_buffer out = {0};
	require(import_report_json(&report, imported != NULL, &out) == STATUS_OK);
	require(text_is_valid_utf8(out.data != NULL ? out.data : "", out.length));
	text_buffer_clear(&out);
	require(import_report_text(&report, false, &out) == STATUS_OK);
	text_buffer_free(&out);
	import_report_free(&report);
	catalogue_destroy(imported);
	return 0;
}
