/* test_support.h — helpers shared by the unit tests: where the sources are,
 * scratch directories and whole-file reads and writes. Failures abort the
 * test through cmocka. */
#ifndef KIOSK_TEST_SUPPORT_H
#define KIOSK_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* Writes "$KIOSK_SOURCE_DIR/relative" (the repository checkout) into out. */
const char *test_source_path(const char *relative, char *out, size_t size);
/* Creates a fresh empty directory under $KIOSK_TEST_TMP (or /tmp) and writes
 * its path into out. */
const char *test_make_temp_dir(char *out, size_t size);
/* Reads a whole file; returns malloc'ed bytes (NUL-terminated) and its length. */
char *test_read_file(const char *path, size_t *length);
/* Writes bytes to path, replacing it. */
void test_write_file(const char *path, const void *bytes, size_t length);
/* Removes a directory tree made by test_make_temp_dir(). */
void test_remove_tree(const char *path);

#endif
