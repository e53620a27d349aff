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

#include "draw.h"
#include "layout.h"

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

/* A measurer for screen tests without fonts: every character (UTF-8 code
 * point) is 0.55 em wide, a line is 1.25 em high. */
const draw_measurer *test_fake_measurer(void);

/* The same widths with the line height of an Arabic screen: the renderer's
 * Arabic lines reach about 1.75 em from the marks above to the marks below. */
const draw_measurer *test_fake_arabic_measurer(void);

/* Fails the test with layout_check_frame()'s problem when the frame breaks
 * one of the layout rules (text in its box, 15 mm targets that do not
 * overlap, contrast 4.5:1); see layout_check.h. */
void test_check_frame(const draw_list *list, const layout_metrics *metrics,
                      const draw_measurer *measurer);

/* The text of every DRAW_TEXT command joined by newlines into out (for
 * "is this on screen" assertions). */
const char *test_frame_text(const draw_list *list, char *out, size_t size);

#endif
