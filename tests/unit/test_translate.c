/* test_translate.c — the message catalogue: the built nl/en catalogues, .mo
 * files built here byte by byte in both byte orders, damaged files that must
 * be refused, and the LINGUAS language list. */
#define _POSIX_C_SOURCE 200809L

#include "test_support.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"
#include "translate.h"

#ifndef KIOSK_BUILD_LOCALE_DIR
#error "the build defines KIOSK_BUILD_LOCALE_DIR (see the translations block in CMakeLists.txt)"
#endif

/* ---- building .mo files --------------------------------------------------- */

typedef struct pair {
	const char *original;
	const char *translated;
} pair;

/* A .mo image under construction. */
typedef struct image {
	unsigned char *bytes;
	size_t size;
	bool big_endian;
} image;

static void put_u32(image *file, size_t offset, uint32_t value)
{
	assert_true(offset + 4 <= file->size);
	unsigned char *b = file->bytes + offset;
	for (int i = 0; i < 4; i++) {
		int shift = file->big_endian ? 24 - 8 * i : 8 * i;
		b[i] = (unsigned char)(value >> shift);
	}
}

/* Offsets of the parts, as build_mo lays them out: header, originals table,
 * translations table, then each original and translation in entry order. */
#define HEADER_BYTES              28u
#define ORIGINALS_TABLE           HEADER_BYTES
#define TRANSLATIONS_TABLE(count) (HEADER_BYTES + 8u * (count))

/* Lays out `count` pairs as msgfmt would (no hash table). The pairs are
 * written in the order given, so a test can also write them unsorted. */
static image build_mo(const pair *pairs, size_t count, bool big_endian)
{
	size_t size = HEADER_BYTES + 16 * count;
	for (size_t i = 0; i < count; i++)
		size += strlen(pairs[i].original) + 1 + strlen(pairs[i].translated) + 1;
	image file = {calloc(1, size), size, big_endian};
	assert_non_null(file.bytes);
	put_u32(&file, 0, 0x950412deu);
	put_u32(&file, 4, 0);
	put_u32(&file, 8, (uint32_t)count);
	put_u32(&file, 12, ORIGINALS_TABLE);
	put_u32(&file, 16, (uint32_t)TRANSLATIONS_TABLE(count));
	put_u32(&file, 20, 0);
	put_u32(&file, 24, (uint32_t)(HEADER_BYTES + 16 * count));
	size_t position = HEADER_BYTES + 16 * count;
	for (size_t i = 0; i < count; i++) {
		const char *strings[2] = {pairs[i].original, pairs[i].translated};
		size_t tables[2] = {ORIGINALS_TABLE, TRANSLATIONS_TABLE(count)};
		for (int k = 0; k < 2; k++) {
			size_t length = strlen(strings[k]);
			put_u32(&file, tables[k] + 8 * i, (uint32_t)length);
			put_u32(&file, tables[k] + 8 * i + 4, (uint32_t)position);
			memcpy(file.bytes + position, strings[k], length + 1);
			position += length + 1;
		}
	}
	assert_int_equal(position, size);
	return file;
}

static const pair sample[] = {
    {"", "Content-Type: text/plain; charset=UTF-8\n"},
    {"@language-name", "Türkçe"},
    {"@text-direction", "ltr"},
    {"Beter slapen", "Daha iyi uyumak"},
    {"Kanker", ""},
    {"Meer bewegen", "Daha çok hareket"},
};
#define SAMPLE_COUNT (sizeof(sample) / sizeof(sample[0]))

static status load(const image *file, translation **out, char *reason)
{
	return translate_load_memory_with_reason(file->bytes, file->size, out, reason,
	                                         TRANSLATE_REASON_BYTES);
}

/* Loading the image fails with `expected`, leaves *out NULL and says why. */
static void assert_refused(const image *file, status expected)
{
	translation *messages = (translation *)&messages; /* must be overwritten */
	char reason[TRANSLATE_REASON_BYTES];
	assert_int_equal(load(file, &messages, reason), expected);
	assert_null(messages);
	assert_true(reason[0] != '\0');
	/* The plain entry point agrees. */
	messages = (translation *)&messages;
	assert_int_equal(translate_load_memory(file->bytes, file->size, &messages), expected);
	assert_null(messages);
}

/* ---- lookups in hand-built files ------------------------------------------- */

static void check_sample_lookups(bool big_endian)
{
	image file = build_mo(sample, SAMPLE_COUNT, big_endian);
	translation *messages = NULL;
	char reason[TRANSLATE_REASON_BYTES] = "not cleared";
	assert_int_equal(load(&file, &messages, reason), STATUS_OK);
	assert_string_equal(reason, "");
	free(file.bytes); /* the translation keeps its own copy */

	assert_int_equal(translate_message_count(messages), SAMPLE_COUNT);
	assert_string_equal(translate_text(messages, "Beter slapen"), "Daha iyi uyumak");
	assert_string_equal(translate_text(messages, "Meer bewegen"), "Daha çok hareket");
	assert_string_equal(translate_language_name(messages), "Türkçe");
	assert_false(translate_is_right_to_left(messages));

	/* Absent, empty translation, the header key and a near miss all fall
	 * back to the msgid itself (the same pointer). */
	const char *absent = "Gezonder eten";
	const char *empty = "Kanker";
	const char *header = "";
	const char *prefix = "Meer";
	assert_ptr_equal(translate_text(messages, absent), absent);
	assert_ptr_equal(translate_text(messages, empty), empty);
	assert_ptr_equal(translate_text(messages, header), header);
	assert_ptr_equal(translate_text(messages, prefix), prefix);
	translate_free(messages);
}

static void test_little_endian_lookups(void **state)
{
	(void)state;
	check_sample_lookups(false);
}

static void test_big_endian_lookups(void **state)
{
	(void)state;
	check_sample_lookups(true);
}

static void test_every_entry_found_by_binary_search(void **state)
{
	(void)state;
	/* Many sorted entries, so the search takes both halves at every depth. */
	enum { count = 200 };
	static char originals[count][16];
	static char translations[count][16];
	pair pairs[count];
	for (int i = 0; i < count; i++) {
		assert_true(snprintf(originals[i], sizeof(originals[i]), "msg%03d", i) > 0);
		assert_true(snprintf(translations[i], sizeof(translations[i]), "text %d", i) > 0);
		pairs[i] = (pair){originals[i], translations[i]};
	}
	image file = build_mo(pairs, count, true);
	translation *messages = NULL;
	assert_int_equal(translate_load_memory(file.bytes, file.size, &messages), STATUS_OK);
	for (int i = 0; i < count; i++)
		assert_string_equal(translate_text(messages, originals[i]), translations[i]);
	const char *before = "msf";
	const char *after = "msh";
	const char *between = "msg0005";
	assert_ptr_equal(translate_text(messages, before), before);
	assert_ptr_equal(translate_text(messages, after), after);
	assert_ptr_equal(translate_text(messages, between), between);
	translate_free(messages);
	free(file.bytes);
}

static void test_right_to_left(void **state)
{
	(void)state;
	const pair arabic[] = {{"@language-name", "العربية"}, {"@text-direction", "rtl"}};
	image file = build_mo(arabic, 2, false);
	translation *messages = NULL;
	assert_int_equal(translate_load_memory(file.bytes, file.size, &messages), STATUS_OK);
	assert_true(translate_is_right_to_left(messages));
	assert_string_equal(translate_language_name(messages), "العربية");
	translate_free(messages);
	free(file.bytes);

	/* Anything but exactly "rtl" is left to right. */
	const pair odd[] = {{"@text-direction", "RTL"}};
	file = build_mo(odd, 1, false);
	assert_int_equal(translate_load_memory(file.bytes, file.size, &messages), STATUS_OK);
	assert_false(translate_is_right_to_left(messages));
	assert_string_equal(translate_language_name(messages), "");
	translate_free(messages);
	free(file.bytes);
}

static void test_no_translation(void **state)
{
	(void)state;
	const char *msgid = "Hoe wilt u meedoen?";
	assert_ptr_equal(translate_text(NULL, msgid), msgid);
	assert_string_equal(translate_language_name(NULL), "");
	assert_false(translate_is_right_to_left(NULL));
	assert_int_equal(translate_message_count(NULL), 0);
	translate_free(NULL);

	/* translate_text passes on the msgid's format (format_arg): with
	 * -Wformat=2 -Werror this line only compiles because of it. */
	char line[32];
	assert_true(snprintf(line, sizeof(line), translate_text(NULL, "%d minuten lopen"), 7) > 0);
	assert_string_equal(line, "7 minuten lopen");

	/* A file with no messages at all is valid and translates nothing. */
	image file = build_mo(NULL, 0, false);
	translation *messages = NULL;
	assert_int_equal(translate_load_memory(file.bytes, file.size, &messages), STATUS_OK);
	assert_ptr_equal(translate_text(messages, msgid), msgid);
	translate_free(messages);
	free(file.bytes);
}

/* ---- damaged files ---------------------------------------------------------- */

static void test_truncated_refused(void **state)
{
	(void)state;
	for (int order = 0; order < 2; order++) {
		image file = build_mo(sample, SAMPLE_COUNT, order == 1);
		size_t full = file.size;
		/* Every shorter prefix loses a NUL, a string or a table. */
		for (size_t size = 0; size < full; size++) {
			file.size = size;
			assert_refused(&file, STATUS_INVALID);
		}
		file.size = full;
		free(file.bytes);
	}
	translation *messages = NULL;
	assert_int_equal(translate_load_memory(NULL, 0, &messages), STATUS_INVALID);
	assert_null(messages);
}

static void test_bad_header_refused(void **state)
{
	(void)state;
	image file = build_mo(sample, SAMPLE_COUNT, false);
	file.bytes[0] ^= 0x01; /* magic */
	assert_refused(&file, STATUS_INVALID);
	file.bytes[0] ^= 0x01;

	put_u32(&file, 4, 1); /* revision */
	assert_refused(&file, STATUS_INVALID);
	put_u32(&file, 4, 0x10000);
	assert_refused(&file, STATUS_INVALID);
	put_u32(&file, 4, 0);

	put_u32(&file, 8, 0x7fffffffu); /* message count far beyond the file */
	assert_refused(&file, STATUS_INVALID);
	put_u32(&file, 8, SAMPLE_COUNT + 1); /* one more entry than the tables hold */
	assert_refused(&file, STATUS_INVALID);
	put_u32(&file, 8, SAMPLE_COUNT);

	put_u32(&file, 12, 0xfffffff0u); /* originals table outside the file */
	assert_refused(&file, STATUS_INVALID);
	put_u32(&file, 12, ORIGINALS_TABLE);

	put_u32(&file, 20, 0x40000000u); /* a hash table larger than the file */
	assert_refused(&file, STATUS_INVALID);
	put_u32(&file, 20, 0);

	/* Restored, it loads again: each refusal came from its one change. */
	translation *messages = NULL;
	assert_int_equal(translate_load_memory(file.bytes, file.size, &messages), STATUS_OK);
	translate_free(messages);
	free(file.bytes);
}

static void test_string_bounds_refused(void **state)
{
	(void)state;
	image file = build_mo(sample, SAMPLE_COUNT, true);
	size_t entry = TRANSLATIONS_TABLE(SAMPLE_COUNT) + 8 * 3; /* "Daha iyi uyumak" */
	size_t length_field = entry;
	size_t offset_field = entry + 4;
	unsigned char saved[8];
	memcpy(saved, file.bytes + entry, 8);

	put_u32(&file, length_field, 0xffffffffu); /* length overflowing 32 bits */
	assert_refused(&file, STATUS_INVALID);
	memcpy(file.bytes + entry, saved, 8);

	put_u32(&file, offset_field, (uint32_t)file.size); /* starts at the end */
	assert_refused(&file, STATUS_INVALID);
	memcpy(file.bytes + entry, saved, 8);

	put_u32(&file, length_field, 4); /* "Daha" is followed by ' ', not NUL */
	assert_refused(&file, STATUS_INVALID);
	memcpy(file.bytes + entry, saved, 8);

	translation *messages = NULL;
	assert_int_equal(translate_load_memory(file.bytes, file.size, &messages), STATUS_OK);
	translate_free(messages);
	free(file.bytes);
}

static void test_overlapping_offsets_refused(void **state)
{
	(void)state;
	image file = build_mo(sample, SAMPLE_COUNT, false);
	size_t translations = TRANSLATIONS_TABLE(SAMPLE_COUNT);

	/* Two translations sharing one string. */
	unsigned char saved[8];
	memcpy(saved, file.bytes + translations + 8 * 5, 8);
	memcpy(file.bytes + translations + 8 * 5, file.bytes + translations + 8 * 3, 8);
	assert_refused(&file, STATUS_INVALID);
	memcpy(file.bytes + translations + 8 * 5, saved, 8);

	/* The originals table overlapping the header. */
	put_u32(&file, 12, 20);
	assert_refused(&file, STATUS_INVALID);
	put_u32(&file, 12, ORIGINALS_TABLE);

	/* Both tables at the same place. */
	put_u32(&file, 16, ORIGINALS_TABLE);
	assert_refused(&file, STATUS_INVALID);
	put_u32(&file, 16, (uint32_t)translations);

	/* A hash table lying over the strings. */
	put_u32(&file, 20, 4);
	put_u32(&file, 24, (uint32_t)(HEADER_BYTES + 16 * SAMPLE_COUNT));
	assert_refused(&file, STATUS_INVALID);
	/* ... but one of its own, after the strings, is fine. */
	image spaced = {calloc(1, file.size + 16), file.size + 16, false};
	assert_non_null(spaced.bytes);
	memcpy(spaced.bytes, file.bytes, file.size);
	put_u32(&spaced, 24, (uint32_t)file.size);
	translation *messages = NULL;
	assert_int_equal(translate_load_memory(spaced.bytes, spaced.size, &messages), STATUS_OK);
	assert_string_equal(translate_text(messages, "Beter slapen"), "Daha iyi uyumak");
	translate_free(messages);
	free(spaced.bytes);
	free(file.bytes);
}

static void test_unsorted_refused(void **state)
{
	(void)state;
	const pair unsorted[] = {{"b", "B"}, {"a", "A"}};
	image file = build_mo(unsorted, 2, false);
	assert_refused(&file, STATUS_INVALID);
	free(file.bytes);

	const pair repeated[] = {{"a", "A"}, {"a", "A again"}};
	file = build_mo(repeated, 2, true);
	assert_refused(&file, STATUS_INVALID);
	free(file.bytes);

	/* Sorted by bytes: 'Z' (0x5a) before 'a', 'é' (0xc3 0xa9) after 'z'. */
	const pair sorted[] = {{"Z", "1"}, {"a", "2"}, {"z", "3"}, {"é", "4"}};
	file = build_mo(sorted, 4, false);
	translation *messages = NULL;
	assert_int_equal(translate_load_memory(file.bytes, file.size, &messages), STATUS_OK);
	assert_string_equal(translate_text(messages, "é"), "4");
	assert_string_equal(translate_text(messages, "Z"), "1");
	translate_free(messages);
	free(file.bytes);
}

static void test_bad_text_refused(void **state)
{
	(void)state;
	const pair latin1[] = {{"caf\xe9", "cafe"}};
	image file = build_mo(latin1, 1, false);
	assert_refused(&file, STATUS_INVALID);
	free(file.bytes);

	const pair overlong[] = {{"slash", "\xc0\xaf"}};
	file = build_mo(overlong, 1, true);
	assert_refused(&file, STATUS_INVALID);
	free(file.bytes);

	/* A plural entry: "appel\0appels" — an inner NUL inside the length. */
	const pair plural[] = {{"appel", "apple!apples"}};
	file = build_mo(plural, 1, false);
	size_t offset = HEADER_BYTES + 16 + strlen("appel") + 1 + strlen("apple");
	assert_int_equal(file.bytes[offset], '!');
	file.bytes[offset] = '\0';
	assert_refused(&file, STATUS_INVALID);
	free(file.bytes);
}

static void test_oversize_refused(void **state)
{
	(void)state;
	/* A valid file padded past the limit is refused for its size alone. */
	size_t size = TRANSLATE_MAX_FILE_BYTES + 1;
	image small = build_mo(sample, SAMPLE_COUNT, false);
	image file = {calloc(1, size), size, false};
	assert_non_null(file.bytes);
	memcpy(file.bytes, small.bytes, small.size);
	assert_refused(&file, STATUS_TOO_LARGE);

	/* At the limit exactly it loads. */
	file.size = TRANSLATE_MAX_FILE_BYTES;
	translation *messages = NULL;
	assert_int_equal(translate_load_memory(file.bytes, file.size, &messages), STATUS_OK);
	translate_free(messages);

	/* The same from a file. */
	char directory[4096];
	char path[4096 + 16];
	test_make_temp_dir(directory, sizeof(directory));
	assert_true(snprintf(path, sizeof(path), "%s/big.mo", directory) > 0);
	test_write_file(path, file.bytes, size);
	messages = (translation *)&messages;
	assert_int_equal(translate_load_file(path, &messages), STATUS_TOO_LARGE);
	assert_null(messages);
	test_remove_tree(directory);
	free(file.bytes);
	free(small.bytes);
}

static void test_load_file_errors(void **state)
{
	(void)state;
	char directory[4096];
	char path[4096 + 16];
	test_make_temp_dir(directory, sizeof(directory));
	translation *messages = (translation *)&messages;
	char reason[TRANSLATE_REASON_BYTES];

	assert_true(snprintf(path, sizeof(path), "%s/none.mo", directory) > 0);
	assert_int_equal(translate_load_file_with_reason(path, &messages, reason, sizeof(reason)),
	                 STATUS_NOT_FOUND);
	assert_null(messages);
	assert_true(reason[0] != '\0');

	messages = (translation *)&messages;
	assert_int_equal(translate_load_file(directory, &messages), STATUS_IO);
	assert_null(messages);

	assert_true(snprintf(path, sizeof(path), "%s/bad.mo", directory) > 0);
	test_write_file(path, "msgid \"x\"\n", 10);
	assert_int_equal(translate_load_file_with_reason(path, &messages, reason, sizeof(reason)),
	                 STATUS_INVALID);
	assert_null(messages);
	assert_true(reason[0] != '\0');

	image file = build_mo(sample, SAMPLE_COUNT, true);
	assert_true(snprintf(path, sizeof(path), "%s/tr.mo", directory) > 0);
	test_write_file(path, file.bytes, file.size);
	assert_int_equal(translate_load_file(path, &messages), STATUS_OK);
	assert_string_equal(translate_language_name(messages), "Türkçe");
	translate_free(messages);
	free(file.bytes);
	test_remove_tree(directory);
}

/* ---- the catalogues built from data/po ---------------------------------------- */

static translation *load_built(const char *language)
{
	char path[4096];
	assert_true(snprintf(path, sizeof(path), "%s/%s.mo", KIOSK_BUILD_LOCALE_DIR, language) > 0);
	translation *messages = NULL;
	char reason[TRANSLATE_REASON_BYTES];
	status result = translate_load_file_with_reason(path, &messages, reason, sizeof(reason));
	if (result != STATUS_OK)
		fail_msg("%s: %s (%s)", path, status_describe(result), reason);
	return messages;
}

static void test_built_english(void **state)
{
	(void)state;
	translation *english = load_built("en");
	assert_string_equal(translate_language_name(english), "English");
	assert_false(translate_is_right_to_left(english));
	/* Question texts from data/questions.ini are translated. */
	assert_string_equal(translate_text(english, "Waar wilt u aan werken?"),
	                    "What would you like to work on?");
	assert_string_equal(translate_text(english, "Meer bewegen"), "Move more");
	const char *unknown = "Deze tekst staat nergens";
	assert_ptr_equal(translate_text(english, unknown), unknown);
	/* msgfmt writes translated entries only; the question list alone has
	 * more than 50. */
	assert_true(translate_message_count(english) > 50);
	translate_free(english);
}

static void test_built_dutch(void **state)
{
	(void)state;
	translation *dutch = load_built("nl");
	assert_string_equal(translate_language_name(dutch), "Nederlands");
	assert_false(translate_is_right_to_left(dutch));
	const char *msgid = "Waar wilt u aan werken?";
	assert_ptr_equal(translate_text(dutch, msgid), msgid);
	translate_free(dutch);
}

static void test_built_turkish(void **state)
{
	(void)state;
	translation *turkish = load_built("tr");
	assert_string_equal(translate_language_name(turkish), "Türkçe");
	assert_false(translate_is_right_to_left(turkish));
	assert_string_equal(translate_text(turkish, "Terug"), "Geri");
	assert_string_equal(translate_text(turkish, "Meer bewegen"), "Daha çok hareket etmek");
	/* Turkish puts the weekday after the date: "24 Kasım Salı". */
	char date[64];
	assert_true(text_format(date, sizeof(date), translate_text(turkish, "%s %d %s"),
	                        translate_text(turkish, "dinsdag"), 24,
	                        translate_text(turkish, "november")));
	assert_string_equal(date, "24 Kasım Salı");
	/* Complete: every screen text and question, well over the question list. */
	assert_true(translate_message_count(turkish) > 200);
	translate_free(turkish);
}

static void test_built_arabic(void **state)
{
	(void)state;
	translation *arabic = load_built("ar");
	assert_string_equal(translate_language_name(arabic), "العربية");
	assert_true(translate_is_right_to_left(arabic));
	assert_string_equal(translate_text(arabic, "Terug"), "رجوع");
	/* Times keep Western digits; the renderer's bidi orders the runs. */
	char clock[32];
	assert_true(
	    text_format(clock, sizeof(clock), translate_text(arabic, "%d.%02d uur"), 10, 0));
	assert_string_equal(clock, "10:00");
	assert_true(translate_message_count(arabic) > 200);
	translate_free(arabic);
}

static void test_built_language_list(void **state)
{
	(void)state;
	char codes[8][TRANSLATE_CODE_BYTES];
	size_t count = 99;
	assert_int_equal(translate_list_languages(KIOSK_BUILD_LOCALE_DIR, codes, 8, &count),
	                 STATUS_OK);
	/* The language buttons, in data/po/LINGUAS order: Dutch first. */
	assert_int_equal(count, 4);
	assert_string_equal(codes[0], "nl");
	assert_string_equal(codes[1], "en");
	assert_string_equal(codes[2], "tr");
	assert_string_equal(codes[3], "ar");
	/* Every listed language loads. */
	for (size_t i = 0; i < count; i++)
		translate_free(load_built(codes[i]));
}

/* ---- LINGUAS ------------------------------------------------------------------ */

static void write_in(const char *directory, const char *name, const char *text)
{
	char path[4096 + 64];
	assert_true(snprintf(path, sizeof(path), "%s/%s", directory, name) > 0);
	test_write_file(path, text, strlen(text));
}

static void test_linguas(void **state)
{
	(void)state;
	char directory[4096];
	test_make_temp_dir(directory, sizeof(directory));
	char codes[4][TRANSLATE_CODE_BYTES];
	size_t count = 99;

	assert_int_equal(translate_list_languages(directory, codes, 4, &count), STATUS_NOT_FOUND);
	assert_int_equal(count, 0);

	/* Comments, mixed whitespace, a code without .mo (de), a repeat, a
	 * code with a region and three letters. */
	write_in(directory, "LINGUAS",
	         "# languages\nnl\ten  de # German is not done\r\n\n  pt_BR\tpap en\n#ar\n");
	write_in(directory, "nl.mo", "x");
	write_in(directory, "en.mo", "x");
	write_in(directory, "pt_BR.mo", "x");
	write_in(directory, "pap.mo", "x");
	write_in(directory, "ar.mo", "x");
	assert_int_equal(translate_list_languages(directory, codes, 4, &count), STATUS_OK);
	assert_int_equal(count, 4);
	assert_string_equal(codes[0], "nl");
	assert_string_equal(codes[1], "en");
	assert_string_equal(codes[2], "pt_BR");
	assert_string_equal(codes[3], "pap");

	/* More present languages than room. */
	count = 99;
	assert_int_equal(translate_list_languages(directory, codes, 3, &count), STATUS_TOO_LARGE);
	assert_int_equal(count, 0);

	/* Empty, or only comments: no languages, no error. */
	write_in(directory, "LINGUAS", "# nothing yet\n");
	assert_int_equal(translate_list_languages(directory, codes, 4, &count), STATUS_OK);
	assert_int_equal(count, 0);

	/* Malformed codes. */
	const char *malformed[] = {"NL\n",     "n\n",   "nlde\n", "pt_br\n", "pt-BR\n",
	                           "pt_BRA\n", "en_\n", "../x\n", "nl,en\n", "ë\n"};
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		write_in(directory, "LINGUAS", malformed[i]);
		count = 99;
		assert_int_equal(translate_list_languages(directory, codes, 4, &count),
		                 STATUS_INVALID);
		assert_int_equal(count, 0);
	}

	/* Over the size limit, even when it is all whitespace. */
	size_t big = TRANSLATE_MAX_LINGUAS_BYTES + 1;
	char *padding = malloc(big + 1);
	assert_non_null(padding);
	memset(padding, ' ', big);
	memcpy(padding, "nl", 2);
	padding[big] = '\0';
	write_in(directory, "LINGUAS", padding);
	assert_int_equal(translate_list_languages(directory, codes, 4, &count), STATUS_TOO_LARGE);
	padding[big - 1] = '\0'; /* exactly the limit */
	write_in(directory, "LINGUAS", padding);
	assert_int_equal(translate_list_languages(directory, codes, 4, &count), STATUS_OK);
	assert_int_equal(count, 1);
	assert_string_equal(codes[0], "nl");
	free(padding);

	/* A directory named like a .mo file does not count. */
	write_in(directory, "LINGUAS", "nl sv");
	char sv[4096 + 16];
	assert_true(snprintf(sv, sizeof(sv), "%s/sv.mo", directory) > 0);
	assert_int_equal(mkdir(sv, 0700), 0);
	assert_int_equal(translate_list_languages(directory, codes, 4, &count), STATUS_OK);
	assert_int_equal(count, 1);
	test_remove_tree(directory);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_little_endian_lookups),
	    cmocka_unit_test(test_big_endian_lookups),
	    cmocka_unit_test(test_every_entry_found_by_binary_search),
	    cmocka_unit_test(test_right_to_left),
	    cmocka_unit_test(test_no_translation),
	    cmocka_unit_test(test_truncated_refused),
	    cmocka_unit_test(test_bad_header_refused),
	    cmocka_unit_test(test_string_bounds_refused),
	    cmocka_unit_test(test_overlapping_offsets_refused),
	    cmocka_unit_test(test_unsorted_refused),
	    cmocka_unit_test(test_bad_text_refused),
	    cmocka_unit_test(test_oversize_refused),
	    cmocka_unit_test(test_load_file_errors),
	    cmocka_unit_test(test_built_english),
	    cmocka_unit_test(test_built_dutch),
	    cmocka_unit_test(test_built_turkish),
	    cmocka_unit_test(test_built_arabic),
	    cmocka_unit_test(test_built_language_list),
	    cmocka_unit_test(test_linguas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
