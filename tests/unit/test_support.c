/* test_support.c — helpers shared by the unit tests. */
#define _XOPEN_SOURCE 700
#include "test_support.h"

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

static bool rect_inside(draw_rect inner, draw_rect outer)
{
	return inner.x >= outer.x && inner.y >= outer.y &&
	       inner.x + inner.width <= outer.x + outer.width &&
	       inner.y + inner.height <= outer.y + outer.height;
}

void test_check_frame(const draw_list *list, const layout_metrics *metrics,
                      const draw_measurer *measurer)
{
	draw_rect window = {0, 0, metrics->width, metrics->height};
	bool clipping = false;
	draw_rect clip = window;
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_CLIP) {
			clipping = command->box.width > 0 && command->box.height > 0;
			clip = clipping ? command->box : window;
			continue;
		}
		if (command->kind != DRAW_TEXT && command->kind != DRAW_ICON) {
			continue;
		}
		/* Lines scrolled out of a clipped list are not on screen. */
		if (!clipping && !rect_inside(command->box, window)) {
			fail_msg("%s \"%s\" box %d,%d %dx%d is outside the %dx%d window",
			         command->kind == DRAW_TEXT ? "text" : "icon", command->text,
			         command->box.x, command->box.y, command->box.width,
			         command->box.height, metrics->width, metrics->height);
		}
		(void)clip;
		if (command->kind == DRAW_TEXT) {
			int width =
			    measurer->text_width(measurer->context, command->font, command->size,
			                         command->text, strlen(command->text));
			int height =
			    measurer->line_height(measurer->context, command->font, command->size);
			if (width > command->box.width || height > command->box.height + 1) {
				fail_msg("text \"%s\" (%dx%d at %d px) does not fit its box %dx%d",
				         command->text, width, height, command->size,
				         command->box.width, command->box.height);
			}
		}
		double ratio = draw_contrast_ratio(command->color, command->background);
		if (ratio < 4.5) {
			fail_msg("%s \"%s\" has contrast %.2f:1 (below 4.5:1)",
			         command->kind == DRAW_TEXT ? "text" : "icon", command->text,
			         ratio);
		}
	}
	size_t target_count = draw_list_target_count(list);
	for (size_t index = 0; index < target_count; index++) {
		const draw_target *target = draw_list_target_at(list, index);
		if (!rect_inside(target->box, window)) {
			fail_msg("target \"%s\" lies outside the window", target->label);
		}
	}
	for (size_t index = 0; index < target_count; index++) {
		const draw_target *target = draw_list_target_at(list, index);
		bool cut_by_clip = false;
		/* A target partly scrolled out of view is smaller on screen only for
		 * the moment; its full size is checked when it is in view. */
		for (size_t other = 0; other < target_count; other++) {
			const draw_target *area = draw_list_target_at(list, other);
			if (other != index && rect_inside(target->box, area->box) &&
			    (target->box.y == area->box.y || target->box.y + target->box.height ==
			                                         area->box.y + area->box.height)) {
				cut_by_clip = true;
			}
		}
		if (!cut_by_clip &&
		    (target->box.width < metrics->target || target->box.height < metrics->target)) {
			fail_msg("target \"%s\" is %dx%d, smaller than %d px (15 mm)",
			         target->label, target->box.width, target->box.height,
			         metrics->target);
		}
		for (size_t other = index + 1; other < target_count; other++) {
			const draw_target *second = draw_list_target_at(list, other);
			draw_rect overlap = draw_rect_intersect(target->box, second->box);
			if (overlap.width > 0 && overlap.height > 0 &&
			    !rect_inside(target->box, second->box) &&
			    !rect_inside(second->box, target->box)) {
				fail_msg("targets \"%s\" and \"%s\" overlap", target->label,
				         second->label);
			}
		}
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
