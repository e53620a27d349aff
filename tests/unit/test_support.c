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
