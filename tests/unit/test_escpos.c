/* test_escpos.c — the ESC/POS job bytes (bands, layout, feed, cut), the paper
 * status reply, and the escpos_decode test tool reading the bytes back. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bitmap.h"
#include "escpos.h"
#include "test_support.h"
#include "text.h"

/* A repeatable pattern that differs from row to row and byte to byte. */
static void fill_pattern(bitmap *image, unsigned seed)
{
	unsigned state = seed * 2654435761u + 1u;
	for (int y = 0; y < image->height; y++) {
		for (int x = 0; x < image->width; x++) {
			state = state * 1103515245u + 12345u;
			bitmap_set(image, x, y, (state >> 16) & 1u);
		}
	}
}

typedef struct parsed_job {
	int bands;
	int lines;
	int largest_band;
	bool rows_match; /* every band's rows are the image's rows, in order */
	bool finished;   /* ESC d 3, GS V 66 0 at the very end */
} parsed_job;

/* Reads the job back by the ESC/POS rules and compares it with `image`. */
static parsed_job parse_job(const text_buffer *bytes, const bitmap *image)
{
	parsed_job job = {0, 0, 0, true, false};
	const uint8_t *data = (const uint8_t *)bytes->data;
	size_t length = bytes->length;
	assert_true(length >= 2);
	assert_int_equal(data[0], 0x1b);
	assert_int_equal(data[1], '@');
	size_t at = 2;
	while (at + 8 <= length && data[at] == 0x1d && data[at + 1] == 'v' && data[at + 2] == '0') {
		assert_int_equal(data[at + 3], 0);
		size_t row_bytes = (size_t)data[at + 4] | (size_t)data[at + 5] << 8;
		int rows = data[at + 6] | data[at + 7] << 8;
		assert_int_equal(row_bytes, image->stride);
		assert_true(at + 8 + row_bytes * (size_t)rows <= length);
		if (memcmp(data + at + 8, image->bits + (size_t)job.lines * image->stride,
		           row_bytes * (size_t)rows) != 0) {
			job.rows_match = false;
		}
		job.bands++;
		job.lines += rows;
		if (rows > job.largest_band) {
			job.largest_band = rows;
		}
		at += 8 + row_bytes * (size_t)rows;
	}
	static const uint8_t finish[] = {0x1b, 'd', ESCPOS_FEED_LINES, 0x1d, 'V', 66, 0};
	job.finished =
	    length - at == sizeof(finish) && memcmp(data + at, finish, sizeof(finish)) == 0;
	return job;
}

static void check_bands(int height, int expected_bands)
{
	bitmap image;
	assert_int_equal(bitmap_create(384, height, &image), STATUS_OK);
	fill_pattern(&image, (unsigned)height);
	text_buffer bytes = {0};
	assert_int_equal(escpos_encode_slip(&image, 384, &bytes), STATUS_OK);
	parsed_job job = parse_job(&bytes, &image);
	assert_int_equal(job.bands, expected_bands);
	assert_int_equal(job.lines, height);
	assert_true(job.largest_band <= ESCPOS_BAND_LINES);
	assert_true(job.rows_match);
	assert_true(job.finished);
	text_buffer_free(&bytes);
	bitmap_free(&image);
}

static void test_bands_split_at_255_lines(void **state)
{
	(void)state;
	check_bands(1, 1);
	check_bands(254, 1);
	check_bands(255, 1);
	check_bands(256, 2);
	check_bands(510, 2);
	check_bands(511, 3);
	check_bands(3508, 14);
}

static void test_tiny_image_byte_layout(void **state)
{
	(void)state;
	/* 10 x 2 dots: two bytes a row, the last six bits of each row padding. */
	bitmap image;
	assert_int_equal(bitmap_create(10, 2, &image), STATUS_OK);
	bitmap_set(&image, 0, 0, true);
	bitmap_set(&image, 9, 0, true);
	bitmap_set(&image, 3, 1, true);
	bitmap_set(&image, 8, 1, true);
	text_buffer bytes = {0};
	assert_int_equal(escpos_encode_slip(&image, 384, &bytes), STATUS_OK);
	static const uint8_t expected[] = {0x1b, '@', /* initialise */
	                                   0x1d, 'v',  '0',
	                                   0,    2,    0,
	                                   2,    0,    /* raster: 2 bytes x 2 lines */
	                                   0x80, 0x40, /* row 0: dots 0 and 9 */
	                                   0x10, 0x80, /* row 1: dots 3 and 8 */
	                                   0x1b, 'd',  ESCPOS_FEED_LINES,
	                                   0x1d, 'V',  66,
	                                   0}; /* feed, partial cut */
	assert_int_equal(bytes.length, sizeof(expected));
	assert_memory_equal(bytes.data, expected, sizeof(expected));

	/* Appends: a second job follows the first unchanged. */
	assert_int_equal(escpos_encode_slip(&image, 10, &bytes), STATUS_OK);
	assert_int_equal(bytes.length, 2 * sizeof(expected));
	assert_memory_equal(bytes.data + sizeof(expected), expected, sizeof(expected));
	text_buffer_free(&bytes);
	bitmap_free(&image);
}

static void test_refuses_wrong_images(void **state)
{
	(void)state;
	bitmap image;
	assert_int_equal(bitmap_create(577, 10, &image), STATUS_OK);
	text_buffer bytes = {0};
	assert_int_equal(escpos_encode_slip(&image, 576, &bytes), STATUS_INVALID);
	assert_int_equal(escpos_encode_slip(&image, 577, &bytes), STATUS_OK);
	text_buffer_clear(&bytes);
	bitmap empty = {0};
	assert_int_equal(escpos_encode_slip(&empty, 576, &bytes), STATUS_INVALID);
	assert_int_equal(escpos_encode_slip(NULL, 576, &bytes), STATUS_USAGE);
	assert_int_equal(escpos_encode_slip(&image, 577, NULL), STATUS_USAGE);
	assert_int_equal(bytes.length, 0);
	text_buffer_free(&bytes);
	bitmap_free(&image);
}

static void test_status_query_and_paper_status(void **state)
{
	(void)state;
	static const uint8_t query[] = {0x10, 0x04, 4};
	assert_memory_equal(escpos_status_query, query, sizeof(query));

	escpos_paper paper = ESCPOS_PAPER_OUT;
	assert_int_equal(escpos_parse_paper_status(0x12, &paper), STATUS_OK);
	assert_int_equal(paper, ESCPOS_PAPER_PRESENT);
	assert_int_equal(escpos_parse_paper_status(0x1e, &paper), STATUS_OK);
	assert_int_equal(paper, ESCPOS_PAPER_NEAR_END);
	assert_int_equal(escpos_parse_paper_status(0x16, &paper), STATUS_OK);
	assert_int_equal(paper, ESCPOS_PAPER_NEAR_END);
	assert_int_equal(escpos_parse_paper_status(0x72, &paper), STATUS_OK);
	assert_int_equal(paper, ESCPOS_PAPER_OUT);
	/* Out and near end together: out. */
	assert_int_equal(escpos_parse_paper_status(0x7e, &paper), STATUS_OK);
	assert_int_equal(paper, ESCPOS_PAPER_OUT);

	/* Bytes whose fixed bits are wrong are not paper status replies. */
	static const uint8_t noise[] = {0x00, 0xff, 0x13, 0x92, 0x02, 0x10, 0x08};
	for (size_t index = 0; index < sizeof(noise); index++) {
		paper = ESCPOS_PAPER_NEAR_END;
		assert_int_equal(escpos_parse_paper_status(noise[index], &paper), STATUS_INVALID);
		assert_int_equal(paper, ESCPOS_PAPER_NEAR_END);
	}
	assert_int_equal(escpos_parse_paper_status(0x12, NULL), STATUS_INVALID);
}

/* ---- The decoder tool ---------------------------------------------------- */

static int run_decoder(const char *input, const char *output)
{
	const char *decoder = getenv("KIOSK_ESCPOS_DECODE");
	assert_non_null(decoder);
	char command[4096];
	assert_true(text_format(command, sizeof(command), "'%s' '%s' '%s' >/dev/null 2>&1", decoder,
	                        input, output));
	int result = system(command);
	assert_true(WIFEXITED(result));
	return WEXITSTATUS(result);
}

/* The PBM the decoder writes: 2x scale, 16 dots of white border. */
static bool pbm_black(const char *pbm, size_t length, int x, int y)
{
	int width = 0, height = 0, offset = 0;
	assert_int_equal(sscanf(pbm, "P4\n%d %d\n%n", &width, &height, &offset), 2);
	size_t stride = ((size_t)width + 7) / 8;
	size_t at = (size_t)offset + (size_t)y * stride + (size_t)x / 8;
	assert_true(at < length);
	return ((unsigned char)pbm[at] >> (7 - x % 8)) & 1u;
}

static void test_decoder_reads_the_job_back(void **state)
{
	(void)state;
	char directory[1024], input[1200], output[1200];
	test_make_temp_dir(directory, sizeof(directory));
	assert_true(text_format(input, sizeof(input), "%s/job.bin", directory));
	assert_true(text_format(output, sizeof(output), "%s/job.pbm", directory));

	bitmap image;
	assert_int_equal(bitmap_create(40, 300, &image), STATUS_OK);
	fill_pattern(&image, 7);
	text_buffer bytes = {0};
	assert_int_equal(escpos_encode_slip(&image, 384, &bytes), STATUS_OK);
	test_write_file(input, bytes.data, bytes.length);
	assert_int_equal(run_decoder(input, output), 0);
	size_t length = 0;
	char *pbm = test_read_file(output, &length);
	int width = 0, height = 0;
	assert_int_equal(sscanf(pbm, "P4\n%d %d", &width, &height), 2);
	assert_int_equal(width, (40 + 32) * 2);
	assert_true(height > (300 + 32) * 2); /* the feed adds white lines */
	for (int y = 0; y < image.height; y++) {
		for (int x = 0; x < image.width; x++) {
			bool black = bitmap_get(&image, x, y);
			assert_int_equal(pbm_black(pbm, length, (x + 16) * 2, (y + 16) * 2), black);
			assert_int_equal(pbm_black(pbm, length, (x + 16) * 2 + 1, (y + 16) * 2 + 1),
			                 black);
		}
	}
	assert_false(pbm_black(pbm, length, 0, 0));
	free(pbm);

	/* Strict: one stray byte, a missing cut or a truncated band fails. */
	text_buffer damaged = {0};
	assert_int_equal(text_buffer_append(&damaged, bytes.data, 2), STATUS_OK);
	assert_int_equal(text_buffer_append(&damaged, "\x00", 1), STATUS_OK);
	assert_int_equal(text_buffer_append(&damaged, bytes.data + 2, bytes.length - 2), STATUS_OK);
	test_write_file(input, damaged.data, damaged.length);
	assert_int_equal(run_decoder(input, output), 1);
	test_write_file(input, bytes.data, bytes.length - 4);
	assert_int_equal(run_decoder(input, output), 1);
	test_write_file(input, bytes.data, 100);
	assert_int_equal(run_decoder(input, output), 1);

	text_buffer_free(&damaged);
	text_buffer_free(&bytes);
	bitmap_free(&image);
	test_remove_tree(directory);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bands_split_at_255_lines),
	    cmocka_unit_test(test_tiny_image_byte_layout),
	    cmocka_unit_test(test_refuses_wrong_images),
	    cmocka_unit_test(test_status_query_and_paper_status),
	    cmocka_unit_test(test_decoder_reads_the_job_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
