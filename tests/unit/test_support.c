/* test_support.c — helpers shared by the unit tests. */
#define _XOPEN_SOURCE 700
#include "test_support.h"

#include "layout_check.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *test_source_path(const char *relative, char *out, size_t size)
{
	const char *root = getenv("KIOSK_SOURCE_DIR");
	assert_non_null(root);
	int written = snprintf(out, size, "%s/%s", root, relative);
	assert_true(written > 0 && (size_t)written < size);
	return out;
}

const char *test_make_temp_dir(char *out, size_t size)
{
	const char *base = getenv("KIOSK_TEST_TMP");
	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	(void)mkdir(base, 0700);
	int written = snprintf(out, size, "%s/kiosk-test-XXXXXX", base);
	assert_true(written > 0 && (size_t)written < size);
	assert_non_null(mkdtemp(out));
	return out;
}

char *test_read_file(const char *path, size_t *length)
{
	FILE *file = fopen(path, "rb");
	assert_non_null(file);
	assert_int_equal(fseek(file, 0, SEEK_END), 0);
	long size = ftell(file);
	assert_true(size >= 0);
	rewind(file);
	char *bytes = malloc((size_t)size + 1);
	assert_non_null(bytes);
	assert_int_equal(fread(bytes, 1, (size_t)size, file), (size_t)size);
	bytes[size] = '\0';
	fclose(file);
	if (length != NULL)
		*length = (size_t)size;
	return bytes;
}

void test_write_file(const char *path, const void *bytes, size_t length)
{
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	assert_int_equal(fwrite(bytes, 1, length, file), length);
	assert_int_equal(fclose(file), 0);
}

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *walk)
{
	(void)info;
	(void)type;
	(void)walk;
	return remove(path);
}

void test_remove_tree(const char *path)
{
	(void)nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int fake_text_width(void *context, draw_font font, int size, const char *text, size_t length)
{
	(void)context;
	(void)font;
	size_t characters = 0;
	for (size_t index = 0; index < length; index++) {
		if (((unsigned char)text[index] & 0xC0) != 0x80) {
			characters++;
		}
	}
	return (int)(characters * (size_t)size * 55 / 100);
}

static int fake_line_height(void *context, draw_font font, int size)
{
	(void)context;
	(void)font;
	return size * 5 / 4;
}

const draw_measurer *test_fake_measurer(void)
{
	static const draw_measurer measurer = {NULL, fake_text_width, fake_line_height};
	return &measurer;
}

static int fake_arabic_line_height(void *context, draw_font font, int size)
{
	(void)context;
	(void)font;
	return size * 7 / 4;
}

const draw_measurer *test_fake_arabic_measurer(void)
{
	static const draw_measurer measurer = {NULL, fake_text_width, fake_arabic_line_height};
	return &measurer;
}

void test_check_frame(const draw_list *list, const layout_metrics *metrics,
                      const draw_measurer *measurer)
{
	char problem[512];
	if (layout_check_frame(list, metrics, measurer, problem, sizeof(problem)) != STATUS_OK) {
		fail_msg("%s", problem);
	}
}

const char *test_frame_text(const draw_list *list, char *out, size_t size)
{
	size_t used = 0;
	if (size == 0) {
		return out;
	}
	out[0] = '\0';
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind != DRAW_TEXT) {
			continue;
		}
		size_t length = strlen(command->text);
		if (used + length + 2 > size) {
			break;
		}
		memcpy(out + used, command->text, length);
		used += length;
		out[used++] = '\n';
		out[used] = '\0';
	}
	return out;
}
