/* translate.c — GNU .mo reader and lookups for the kiosk's message catalogue.
 * A .mo file is checked completely when loaded, so lookups can trust it. */
#define _POSIX_C_SOURCE 200809L

#include "translate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

/* The magic number as the writing machine stored it: read little-endian it is
 * either this (a little-endian file) or its byte swap (a big-endian one). */
#define MO_MAGIC             0x950412deu
#define MO_MAGIC_SWAPPED     0xde120495u
#define MO_HEADER_BYTES      28u
#define MO_TABLE_ENTRY_BYTES 8u

typedef struct message {
	const char *original;
	const char *translated;
	size_t translated_length;
} message;

struct translation {
	char *bytes; /* our copy of the file; every pointer below points into it */
	message *messages;
	size_t count;
};

/* A byte range of the file that one part (header, table, string) occupies;
 * used to refuse files whose parts overlap. */
typedef struct region {
	uint64_t start;
	uint64_t end; /* exclusive */
} region;

static void set_reason(char *reason, size_t reason_size, const char *text)
{
	if (reason != NULL && reason_size > 0)
		(void)text_copy(reason, reason_size, text);
}

static uint32_t read_u32(const unsigned char *bytes, size_t offset, bool big_endian)
{
	const unsigned char *b = bytes + offset;
	if (big_endian)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

static int compare_regions(const void *left, const void *right)
{
	const region *a = left;
	const region *b = right;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* Checks the string described by table entry `index` of the table at
 * `table_offset`: inside the file, NUL-terminated, no inner NUL, UTF-8.
 * Records its region and returns its start, or NULL with a reason. */
static const char *check_string(const unsigned char *bytes, size_t size, bool big_endian,
                                uint32_t table_offset, uint32_t index, const char *kind,
                                region *where, size_t *length_out, char *reason, size_t reason_size)
{
	size_t entry = (size_t)table_offset + (size_t)index * MO_TABLE_ENTRY_BYTES;
	uint32_t length = read_u32(bytes, entry, big_endian);
	uint32_t offset = read_u32(bytes, entry + 4, big_endian);
	char text[TRANSLATE_REASON_BYTES];
	/* 64-bit sums: a 32-bit offset plus a 32-bit length cannot overflow. */
	if ((uint64_t)offset + length + 1 > size) {
		text_format(text, sizeof(text), "%s string %u runs past the end of the file", kind,
		            (unsigned)index);
		set_reason(reason, reason_size, text);
		return NULL;
	}
	const char *string = (const char *)bytes + offset;
	if (string[length] != '\0') {
		text_format(text, sizeof(text), "%s string %u is not NUL-terminated", kind,
		            (unsigned)index);
		set_reason(reason, reason_size, text);
		return NULL;
	}
	if (memchr(string, '\0', length) != NULL) {
		text_format(
		    text, sizeof(text),
		    "%s string %u holds a NUL (plural forms and contexts are not supported)", kind,
		    (unsigned)index);
		set_reason(reason, reason_size, text);
		return NULL;
	}
	if (!text_is_valid_utf8(string, length)) {
		text_format(text, sizeof(text), "%s string %u is not valid UTF-8", kind,
		            (unsigned)index);
		set_reason(reason, reason_size, text);
		return NULL;
	}
	where->start = offset;
	where->end = (uint64_t)offset + length + 1;
	*length_out = length;
	return string;
}

/* Fills `messages` (already allocated, `count` entries) from the validated
 * tables; returns STATUS_INVALID with a reason when anything does not fit. */
static status check_file(const unsigned char *bytes, size_t size, message *messages,
                         region *regions, char *reason, size_t reason_size)
{
	bool big_endian = read_u32(bytes, 0, false) == MO_MAGIC_SWAPPED;
	uint32_t count = read_u32(bytes, 8, big_endian);
	uint32_t originals = read_u32(bytes, 12, big_endian);
	uint32_t translations = read_u32(bytes, 16, big_endian);
	uint32_t hash_size = read_u32(bytes, 20, big_endian);
	uint32_t hash_offset = read_u32(bytes, 24, big_endian);

	size_t region_count = 0;
	regions[region_count++] = (region){0, MO_HEADER_BYTES};
	regions[region_count++] = (region){originals, (uint64_t)originals + (uint64_t)count * 8};
	regions[region_count++] =
	    (region){translations, (uint64_t)translations + (uint64_t)count * 8};
	if (hash_size > 0)
		regions[region_count++] =
		    (region){hash_offset, (uint64_t)hash_offset + (uint64_t)hash_size * 4};
	for (size_t i = 1; i < region_count; i++) {
		if (regions[i].end > size) {
			set_reason(reason, reason_size,
			           i == 3 ? "the hash table runs past the end of the file"
			                  : "a string table runs past the end of the file");
			return STATUS_INVALID;
		}
	}

	for (uint32_t i = 0; i < count; i++) {
		size_t original_length = 0;
		messages[i].original =
		    check_string(bytes, size, big_endian, originals, i, "original",
		                 &regions[region_count++], &original_length, reason, reason_size);
		if (messages[i].original == NULL)
			return STATUS_INVALID;
		messages[i].translated = check_string(
		    bytes, size, big_endian, translations, i, "translated",
		    &regions[region_count++], &messages[i].translated_length, reason, reason_size);
		if (messages[i].translated == NULL)
			return STATUS_INVALID;
		if (i > 0 && strcmp(messages[i - 1].original, messages[i].original) >= 0) {
			char text[TRANSLATE_REASON_BYTES];
			text_format(text, sizeof(text),
			            "original strings are not strictly sorted at string %u",
			            (unsigned)i);
			set_reason(reason, reason_size, text);
			return STATUS_INVALID;
		}
	}

	/* msgfmt writes every part once; parts sharing bytes mean a damaged or
	 * crafted file. */
	qsort(regions, region_count, sizeof(region), compare_regions);
	for (size_t i = 1; i < region_count; i++) {
		if (regions[i].start < regions[i - 1].end) {
			set_reason(reason, reason_size, "two parts of the file overlap");
			return STATUS_INVALID;
		}
	}
	return STATUS_OK;
}

status translate_load_memory_with_reason(const void *bytes, size_t size, translation **out,
                                         char *reason, size_t reason_size)
{
	*out = NULL;
	set_reason(reason, reason_size, "");
	if (size > TRANSLATE_MAX_FILE_BYTES) {
		set_reason(reason, reason_size, "the file is larger than 1 MiB");
		return STATUS_TOO_LARGE;
	}
	if (bytes == NULL || size < MO_HEADER_BYTES) {
		set_reason(reason, reason_size, "the file is shorter than a .mo header");
		return STATUS_INVALID;
	}
	const unsigned char *input = bytes;
	uint32_t magic = read_u32(input, 0, false);
	if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED) {
		set_reason(reason, reason_size, "not a .mo file (wrong magic number)");
		return STATUS_INVALID;
	}
	bool big_endian = magic == MO_MAGIC_SWAPPED;
	if (read_u32(input, 4, big_endian) != 0) {
		set_reason(reason, reason_size, "unsupported .mo revision (only 0 is read)");
		return STATUS_INVALID;
	}
	/* Every message takes two 8-byte table entries, so a count beyond this
	 * cannot be right; it also bounds the allocations below. */
	uint32_t count = read_u32(input, 8, big_endian);
	if ((uint64_t)count * 2 * MO_TABLE_ENTRY_BYTES > size - MO_HEADER_BYTES) {
		set_reason(reason, reason_size, "the message count does not fit in the file");
		return STATUS_INVALID;
	}

	translation *result = calloc(1, sizeof(*result));
	region *regions = malloc(sizeof(region) * (4 + 2 * (size_t)count));
	if (result == NULL || regions == NULL) {
		free(regions);
		free(result);
		set_reason(reason, reason_size, "out of memory");
		return STATUS_NO_MEMORY;
	}
	result->bytes = malloc(size);
	result->messages = count > 0 ? calloc(count, sizeof(message)) : NULL;
	if (result->bytes == NULL || (count > 0 && result->messages == NULL)) {
		free(regions);
		translate_free(result);
		set_reason(reason, reason_size, "out of memory");
		return STATUS_NO_MEMORY;
	}
	memcpy(result->bytes, bytes, size);
	result->count = count;
	/* Validate our own copy, so the pointers kept point into it. */
	status checked = check_file((const unsigned char *)result->bytes, size, result->messages,
	                            regions, reason, reason_size);
	free(regions);
	if (checked != STATUS_OK) {
		translate_free(result);
		return checked;
	}
	*out = result;
	return STATUS_OK;
}

status translate_load_memory(const void *bytes, size_t size, translation **out)
{
	return translate_load_memory_with_reason(bytes, size, out, NULL, 0);
}

/* Reads the whole regular file at `path`, refusing more than `limit` bytes
 * with STATUS_TOO_LARGE. On success *contents is malloc'ed (one spare byte,
 * NUL-terminated) and owned by the caller. */
static status read_whole_file(const char *path, size_t limit, char **contents, size_t *length,
                              char *reason, size_t reason_size)
{
	*contents = NULL;
	*length = 0;
	int descriptor = open(path, O_RDONLY | O_CLOEXEC);
	if (descriptor < 0) {
		bool missing = errno == ENOENT || errno == ENOTDIR;
		set_reason(reason, reason_size,
		           missing ? "the file does not exist" : "cannot open");
		return missing ? STATUS_NOT_FOUND : STATUS_IO;
	}
	struct stat info;
	if (fstat(descriptor, &info) != 0 || !S_ISREG(info.st_mode)) {
		close(descriptor);
		set_reason(reason, reason_size, "not a regular file");
		return STATUS_IO;
	}
	if ((uintmax_t)info.st_size > limit) {
		close(descriptor);
		set_reason(reason, reason_size, "the file is larger than its limit");
		return STATUS_TOO_LARGE;
	}
	/* Read up to limit + 1 bytes whatever fstat said: the file may grow. */
	char *buffer = malloc(limit + 2);
	if (buffer == NULL) {
		close(descriptor);
		set_reason(reason, reason_size, "out of memory");
		return STATUS_NO_MEMORY;
	}
	size_t total = 0;
	while (total <= limit) {
		ssize_t got = read(descriptor, buffer + total, limit + 1 - total);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(buffer);
			close(descriptor);
			set_reason(reason, reason_size, "reading failed");
			return STATUS_IO;
		}
		if (got == 0)
			break;
		total += (size_t)got;
	}
	close(descriptor);
	if (total > limit) {
		free(buffer);
		set_reason(reason, reason_size, "the file is larger than its limit");
		return STATUS_TOO_LARGE;
	}
	buffer[total] = '\0';
	*contents = buffer;
	*length = total;
	return STATUS_OK;
}

status translate_load_file_with_reason(const char *path, translation **out, char *reason,
                                       size_t reason_size)
{
	*out = NULL;
	char *contents = NULL;
	size_t length = 0;
	status result = read_whole_file(path, TRANSLATE_MAX_FILE_BYTES, &contents, &length, reason,
	                                reason_size);
	if (result != STATUS_OK)
		return result;
	result = translate_load_memory_with_reason(contents, length, out, reason, reason_size);
	free(contents);
	return result;
}

status translate_load_file(const char *path, translation **out)
{
	return translate_load_file_with_reason(path, out, NULL, 0);
}

void translate_free(translation *messages)
{
	if (messages == NULL)
		return;
	free(messages->messages);
	free(messages->bytes);
	free(messages);
}

/* The entry for `msgid`, or NULL. The originals are sorted (checked at load),
 * so a binary search finds it. */
static const message *find_message(const translation *messages, const char *msgid)
{
	if (messages == NULL)
		return NULL;
	size_t low = 0;
	size_t high = messages->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		int order = strcmp(msgid, messages->messages[middle].original);
		if (order == 0)
			return &messages->messages[middle];
		if (order < 0)
			high = middle;
		else
			low = middle + 1;
	}
	return NULL;
}

const char *translate_text(const translation *messages, const char *msgid)
{
	/* "" is the .mo header's key; it never stands for a screen text. */
	if (msgid[0] == '\0')
		return msgid;
	const message *found = find_message(messages, msgid);
	if (found == NULL || found->translated_length == 0)
		return msgid;
	return found->translated;
}

const char *translate_language_name(const translation *messages)
{
	const message *found = find_message(messages, TRANSLATE_LANGUAGE_NAME_MSGID);
	return found != NULL ? found->translated : "";
}

bool translate_is_right_to_left(const translation *messages)
{
	const message *found = find_message(messages, TRANSLATE_TEXT_DIRECTION_MSGID);
	return found != NULL && strcmp(found->translated, "rtl") == 0;
}

size_t translate_message_count(const translation *messages)
{
	return messages != NULL ? messages->count : 0;
}

/* [a-z]{2,3}(_[A-Z]{2})? */
static bool is_language_code(const char *code, size_t length)
{
	size_t letters = 0;
	while (letters < length && code[letters] >= 'a' && code[letters] <= 'z')
		letters++;
	if (letters < 2 || letters > 3)
		return false;
	if (letters == length)
		return true;
	return length == letters + 3 && code[letters] == '_' && code[letters + 1] >= 'A' &&
	       code[letters + 1] <= 'Z' && code[letters + 2] >= 'A' && code[letters + 2] <= 'Z';
}

static bool is_regular_file(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

static bool is_listed(char codes[][TRANSLATE_CODE_BYTES], size_t count, const char *code)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(codes[i], code) == 0)
			return true;
	return false;
}

/* The body of translate_list_languages, on the LINGUAS text already read. */
static status parse_linguas(const char *locale_dir, const char *text, size_t length,
                            char codes[][TRANSLATE_CODE_BYTES], size_t capacity, size_t *count)
{
	size_t position = 0;
	while (position < length) {
		char c = text[position];
		if (c == '#') {
			while (position < length && text[position] != '\n')
				position++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			position++;
			continue;
		}
		size_t start = position;
		while (position < length && text[position] != '#' && text[position] != ' ' &&
		       text[position] != '\t' && text[position] != '\n' && text[position] != '\r' &&
		       text[position] != '\f' && text[position] != '\v')
			position++;
		size_t code_length = position - start;
		if (!is_language_code(text + start, code_length))
			return STATUS_INVALID;
		char code[TRANSLATE_CODE_BYTES];
		memcpy(code, text + start, code_length);
		code[code_length] = '\0';

		char path[4096];
		if (!text_format(path, sizeof(path), "%s/%s.mo", locale_dir, code))
			return STATUS_TOO_LARGE;
		if (!is_regular_file(path) || is_listed(codes, *count, code))
			continue;
		if (*count == capacity)
			return STATUS_TOO_LARGE;
		memcpy(codes[*count], code, code_length + 1);
		(*count)++;
	}
	return STATUS_OK;
}

status translate_list_languages(const char *locale_dir, char codes[][TRANSLATE_CODE_BYTES],
                                size_t capacity, size_t *count)
{
	*count = 0;
	char path[4096];
	if (!text_format(path, sizeof(path), "%s/LINGUAS", locale_dir))
		return STATUS_TOO_LARGE;
	char *text = NULL;
	size_t length = 0;
	status result = read_whole_file(path, TRANSLATE_MAX_LINGUAS_BYTES, &text, &length, NULL, 0);
	if (result != STATUS_OK)
		return result;
	result = parse_linguas(locale_dir, text, length, codes, capacity, count);
	free(text);
	if (result != STATUS_OK)
		*count = 0;
	return result;
}
