/* test_qr.c — QR codes: the grid's shape (quiet zone, finder patterns), the
 * size limit, and the real check: a scanner (zbarimg) reads the exact text
 * back from the modules drawn as an image. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qr.h"

#define SCALE 8

static const char *const sample_texts[] = {
    "https://buurtkiosk.nl",
    "https://www.buurtcentrum-de-linde.nl/aanbod/wandelgroep-dinsdag?bron=kiosk",
    "https://voorbeeld.nl/activiteiten/praatgroep-mantelzorgers-en-naasten-van-mensen-met-"
    "dementie/aanmelden?datum=2026-11-24&tijd=10.00&locatie=buurthuis-de-linde&taal=nl&"
    "bron=buurtkiosk&pagina=1&sortering=afstand&filter=gratis,rolstoel,alleen-vrouwen",
    "https://voorbeeld.nl/café-één/ontmoeting?naam=Zoë&groet=héllo",
    "Koffie ☕ en een praatje — dinsdag 10.00 uur",
};

static void expect_encoded(const char *text, qr_code **code)
{
	*code = NULL;
	assert_int_equal(qr_encode(text, code), STATUS_OK);
	assert_non_null(*code);
}

static void test_quiet_zone_is_light(void **state)
{
	(void)state;
	for (size_t index = 0; index < sizeof sample_texts / sizeof sample_texts[0]; index++) {
		qr_code *code;
		expect_encoded(sample_texts[index], &code);
		int side = qr_side(code);
		const uint8_t *modules = qr_modules(code);
		/* Version 1 is 21 modules; versions grow by 4. */
		assert_true(side >= 21 + 2 * QR_QUIET_ZONE);
		assert_int_equal((side - 2 * QR_QUIET_ZONE - 21) % 4, 0);
		for (int row = 0; row < side; row++)
			for (int column = 0; column < side; column++) {
				uint8_t value = modules[row * side + column];
				assert_true(value == 0 || value == 1);
				bool in_margin = row < QR_QUIET_ZONE || column < QR_QUIET_ZONE ||
				                 row >= side - QR_QUIET_ZONE ||
				                 column >= side - QR_QUIET_ZONE;
				if (in_margin)
					assert_int_equal(value, 0);
			}
		qr_free(code);
	}
}

/* A finder pattern is a 7x7 dark ring, a light ring, and a 3x3 dark core. */
static void expect_finder(const uint8_t *modules, int side, int top, int left)
{
	for (int row = 0; row < 7; row++)
		for (int column = 0; column < 7; column++) {
			bool ring = row == 0 || row == 6 || column == 0 || column == 6;
			bool core = row >= 2 && row <= 4 && column >= 2 && column <= 4;
			uint8_t expected = ring || core ? 1 : 0;
			assert_int_equal(modules[(top + row) * side + left + column], expected);
		}
}

static void test_finder_patterns_in_three_corners(void **state)
{
	(void)state;
	qr_code *code;
	expect_encoded(sample_texts[1], &code);
	int side = qr_side(code);
	const uint8_t *modules = qr_modules(code);
	int near = QR_QUIET_ZONE;
	int far = side - QR_QUIET_ZONE - 7;
	expect_finder(modules, side, near, near);
	expect_finder(modules, side, near, far);
	expect_finder(modules, side, far, near);
	/* The fourth corner has no finder: its corner module's ring is not all
	 * dark (alignment patterns and data live there). */
	int dark_on_ring = 0;
	for (int offset = 0; offset < 7; offset++)
		dark_on_ring += modules[(far + 6) * side + far + offset];
	assert_true(dark_on_ring < 7);
	qr_free(code);
}

static void test_longer_text_makes_larger_code(void **state)
{
	(void)state;
	qr_code *small;
	qr_code *large;
	expect_encoded(sample_texts[0], &small);
	expect_encoded(sample_texts[2], &large);
	assert_true(qr_side(large) > qr_side(small));
	qr_free(small);
	qr_free(large);
}

static void test_limits(void **state)
{
	(void)state;
	char *text = malloc(QR_TEXT_LIMIT + 2);
	assert_non_null(text);
	memset(text, 'a', QR_TEXT_LIMIT + 1);
	text[QR_TEXT_LIMIT + 1] = '\0';
	qr_code *code = (qr_code *)text; /* must be reset to NULL on failure */
	assert_int_equal(qr_encode(text, &code), STATUS_TOO_LARGE);
	assert_null(code);
	text[QR_TEXT_LIMIT] = '\0';
	assert_int_equal(qr_encode(text, &code), STATUS_OK);
	assert_non_null(code);
	qr_free(code);
	free(text);

	assert_int_equal(qr_encode("", &code), STATUS_INVALID);
	assert_null(code);
	assert_int_equal(qr_encode("caf\xe9", &code), STATUS_INVALID); /* Latin-1, not UTF-8 */
	assert_null(code);
	assert_int_equal(qr_encode(NULL, &code), STATUS_INVALID);
	assert_int_equal(qr_encode("x", NULL), STATUS_INVALID);
	qr_free(NULL);
}

static void put_le32(uint8_t *at, uint32_t value)
{
	for (int index = 0; index < 4; index++)
		at[index] = (uint8_t)(value >> (8 * index));
}

/* Writes the grid as a 24-bit BMP, each module SCALE x SCALE pixels. */
static void write_bmp(const char *path, const uint8_t *modules, int side)
{
	uint32_t pixels = (uint32_t)(side * SCALE);
	uint32_t row_bytes = (pixels * 3 + 3) & ~3u;
	uint32_t image_bytes = row_bytes * pixels;
	size_t total = 54 + (size_t)image_bytes;
	uint8_t *file = calloc(1, total);
	assert_non_null(file);
	file[0] = 'B';
	file[1] = 'M';
	put_le32(file + 2, (uint32_t)total);
	put_le32(file + 10, 54);
	put_le32(file + 14, 40);
	put_le32(file + 18, pixels);
	put_le32(file + 22, pixels);
	file[26] = 1;  /* planes */
	file[28] = 24; /* bits per pixel */
	put_le32(file + 34, image_bytes);
	for (uint32_t y = 0; y < pixels; y++) {
		/* BMP rows run bottom-up. */
		uint8_t *row = file + 54 + (size_t)(pixels - 1 - y) * row_bytes;
		for (uint32_t x = 0; x < pixels; x++) {
			uint8_t dark = modules[(y / SCALE) * (uint32_t)side + x / SCALE];
			memset(row + x * 3, dark ? 0 : 255, 3);
		}
	}
	test_write_file(path, file, total);
	free(file);
}

/* What zbarimg reads from the image, without its trailing newline; malloc'ed. */
static char *scan_image(const char *path)
{
	char command[1024];
	int written =
	    snprintf(command, sizeof command, "zbarimg -q --raw --nodbus '%s' 2>/dev/null", path);
	assert_true(written > 0 && (size_t)written < sizeof command);
	FILE *pipe = popen(command, "r");
	assert_non_null(pipe);
	size_t capacity = 4096;
	char *output = calloc(1, capacity);
	assert_non_null(output);
	size_t length = fread(output, 1, capacity - 1, pipe);
	int exit_status = pclose(pipe);
	assert_int_equal(exit_status, 0);
	if (length > 0 && output[length - 1] == '\n')
		output[--length] = '\0';
	return output;
}

static void test_scanner_reads_exact_text(void **state)
{
	(void)state;
	if (system("command -v zbarimg >/dev/null 2>&1") != 0)
		fail_msg("zbarimg is missing: install zbar-tools (packaging/install-build-deps.sh "
		         "test)");
	char directory[512];
	test_make_temp_dir(directory, sizeof directory);
	for (size_t index = 0; index < sizeof sample_texts / sizeof sample_texts[0]; index++) {
		qr_code *code;
		expect_encoded(sample_texts[index], &code);
		char path[600];
		snprintf(path, sizeof path, "%s/code-%zu.bmp", directory, index);
		write_bmp(path, qr_modules(code), qr_side(code));
		char *scanned = scan_image(path);
		assert_string_equal(scanned, sample_texts[index]);
		free(scanned);
		qr_free(code);
	}
	test_remove_tree(directory);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quiet_zone_is_light),
	    cmocka_unit_test(test_finder_patterns_in_three_corners),
	    cmocka_unit_test(test_longer_text_makes_larger_code),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_scanner_reads_exact_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
