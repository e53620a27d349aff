/* text.c — bounded text helpers: growable buffer, bounded copy and format,
 * strict number parsing, UTF-8 decoding and accent-insensitive folding. */
#include "text.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first allocation is small: most buffers hold one line or one field. */
#define TEXT_BUFFER_INITIAL_CAPACITY 64u
/* Numbers in a spreadsheet cell are short; longer input is not a number. */
#define TEXT_DECIMAL_MAX_BYTES 64u

static bool is_ascii_space(unsigned char byte)
{
	return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\v' ||
	       byte == '\f';
}

static bool is_ascii_digit(unsigned char byte)
{
	return byte >= '0' && byte <= '9';
}

/* Makes room for `extra` more bytes plus the terminating NUL. */
static status text_buffer_reserve(text_buffer *buffer, size_t extra)
{
	if (extra > SIZE_MAX - buffer->length - 1)
		return STATUS_NO_MEMORY;
	size_t needed = buffer->length + extra + 1;
	if (buffer->data != NULL && needed <= buffer->capacity)
		return STATUS_OK;
	size_t capacity = buffer->capacity < TEXT_BUFFER_INITIAL_CAPACITY
	                      ? TEXT_BUFFER_INITIAL_CAPACITY
	                      : buffer->capacity;
	while (capacity < needed) {
		if (capacity > SIZE_MAX / 2) {
			capacity = needed;
			break;
		}
		capacity *= 2;
	}
	char *grown = realloc(buffer->data, capacity);
	if (grown == NULL)
		return STATUS_NO_MEMORY;
	if (buffer->data == NULL)
		grown[0] = '\0';
	buffer->data = grown;
	buffer->capacity = capacity;
	return STATUS_OK;
}

status text_buffer_append(text_buffer *buffer, const char *bytes, size_t length)
{
	status result = text_buffer_reserve(buffer, length);
	if (result != STATUS_OK)
		return result;
	if (length > 0)
		memcpy(buffer->data + buffer->length, bytes, length);
	buffer->length += length;
	buffer->data[buffer->length] = '\0';
	return STATUS_OK;
}

status text_buffer_append_string(text_buffer *buffer, const char *string)
{
	return text_buffer_append(buffer, string, strlen(string));
}

status text_buffer_append_format(text_buffer *buffer, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	va_list measuring;
	va_copy(measuring, arguments);
	int needed = vsnprintf(NULL, 0, format, measuring);
	va_end(measuring);
	if (needed < 0) {
		va_end(arguments);
		return STATUS_INVALID;
	}
	status result = text_buffer_reserve(buffer, (size_t)needed);
	if (result != STATUS_OK) {
		va_end(arguments);
		return result;
	}
	int written =
	    vsnprintf(buffer->data + buffer->length, (size_t)needed + 1, format, arguments);
	va_end(arguments);
	if (written != needed) {
		buffer->data[buffer->length] = '\0';
		return STATUS_INVALID;
	}
	buffer->length += (size_t)written;
	return STATUS_OK;
}

const char *text_buffer_string(const text_buffer *buffer)
{
	return buffer->data != NULL ? buffer->data : "";
}

void text_buffer_clear(text_buffer *buffer)
{
	buffer->length = 0;
	if (buffer->data != NULL)
		buffer->data[0] = '\0';
}

void text_buffer_free(text_buffer *buffer)
{
	free(buffer->data);
	buffer->data = NULL;
	buffer->length = 0;
	buffer->capacity = 0;
}

/* Moves `cut` back so bytes[0..cut) does not end inside a UTF-8 sequence:
 * bytes[cut] is the first byte left out, so if it continues a sequence the
 * sequence's lead byte must be left out too. */
static size_t utf8_safe_cut(const char *bytes, size_t cut)
{
	while (cut > 0 && ((unsigned char)bytes[cut] & 0xC0u) == 0x80u)
		cut--;
	return cut;
}

/* The length of bytes[0..length) without a trailing incomplete UTF-8
 * sequence, for text that was cut where the rest is no longer visible. */
static size_t utf8_complete_length(const char *bytes, size_t length)
{
	size_t lead = length;
	size_t continuation_count = 0;
	while (lead > 0 && continuation_count < 4 &&
	       ((unsigned char)bytes[lead - 1] & 0xC0u) == 0x80u) {
		lead--;
		continuation_count++;
	}
	if (lead == 0)
		return length;
	unsigned char lead_byte = (unsigned char)bytes[lead - 1];
	size_t expected = lead_byte >= 0xF0u   ? 4
	                  : lead_byte >= 0xE0u ? 3
	                  : lead_byte >= 0xC0u ? 2
	                                       : 1;
	return continuation_count + 1 < expected ? lead - 1 : length;
}

const char *text_keep_together(const char *text, char *out, size_t size)
{
	if (size == 0) {
		return out;
	}
	size_t used = 0;
	while (*text) {
		unsigned char lead = (unsigned char)*text;
		size_t length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
		/* A sequence cut short by the string's end is copied as far as it goes. */
		size_t available = 1;
		while (available < length && text[available] != '\0') {
			available++;
		}
		length = available;
		size_t written = lead == ' ' ? 2 : length;
		if (used + written + 1 > size) {
			break; /* whole characters only */
		}
		if (lead == ' ') {
			out[used++] = (char)0xc2;
			out[used++] = (char)0xa0;
		} else {
			memcpy(out + used, text, length);
			used += length;
		}
		text += length;
	}
	out[used] = '\0';
	return out;
}

void text_wipe(void *bytes, size_t size)
{
	volatile unsigned char *wipe = bytes;
	for (size_t index = 0; index < size; index++) {
		wipe[index] = 0;
	}
}

bool text_copy(char *destination, size_t size, const char *source)
{
	if (size == 0)
		return false;
	size_t length = strlen(source);
	if (length < size) {
		memcpy(destination, source, length + 1);
		return true;
	}
	size_t cut = utf8_safe_cut(source, size - 1);
	memcpy(destination, source, cut);
	destination[cut] = '\0';
	return false;
}

bool text_format(char *destination, size_t size, const char *format, ...)
{
	if (size == 0)
		return false;
	va_list arguments;
	va_start(arguments, format);
	int written = vsnprintf(destination, size, format, arguments);
	va_end(arguments);
	if (written < 0) {
		destination[0] = '\0';
		return false;
	}
	if ((size_t)written >= size) {
		/* vsnprintf cut at a byte; do not leave half a character behind. */
		destination[utf8_complete_length(destination, size - 1)] = '\0';
		return false;
	}
	return true;
}

bool text_parse_integer(const char *text, long minimum, long maximum, long *out)
{
	size_t length = strlen(text);
	const char *start = text_trim(text, &length);
	size_t position = 0;
	if (position < length && (start[position] == '+' || start[position] == '-'))
		position++;
	size_t digits_start = position;
	while (position < length && is_ascii_digit((unsigned char)start[position]))
		position++;
	if (position == digits_start || position != length)
		return false;
	/* The checked span is followed by spaces or the end, where strtol stops. */
	errno = 0;
	char *end = NULL;
	long value = strtol(start, &end, 10);
	if (errno != 0 || end != start + length)
		return false;
	if (value < minimum || value > maximum)
		return false;
	*out = value;
	return true;
}

/* The decimal point strtod expects: a program that called setlocale() with a
 * Dutch locale would otherwise misread "52.09". */
static char locale_decimal_point(void)
{
	const struct lconv *conventions = localeconv();
	if (conventions != NULL && conventions->decimal_point != NULL &&
	    conventions->decimal_point[0] != '\0' && conventions->decimal_point[1] == '\0')
		return conventions->decimal_point[0];
	return '.';
}

bool text_parse_decimal(const char *text, double *out)
{
	size_t length = strlen(text);
	const char *start = text_trim(text, &length);
	if (length == 0 || length >= TEXT_DECIMAL_MAX_BYTES)
		return false;
	char normalised[TEXT_DECIMAL_MAX_BYTES];
	size_t position = 0;
	if (start[0] == '+' || start[0] == '-') {
		normalised[0] = start[0];
		position = 1;
	}
	bool seen_separator = false;
	size_t digit_count = 0;
	for (; position < length; position++) {
		unsigned char byte = (unsigned char)start[position];
		if (is_ascii_digit(byte)) {
			normalised[position] = (char)byte;
			digit_count++;
		} else if ((byte == '.' || byte == ',') && !seen_separator) {
			normalised[position] = locale_decimal_point();
			seen_separator = true;
		} else {
			return false;
		}
	}
	if (digit_count == 0)
		return false;
	normalised[length] = '\0';
	errno = 0;
	char *end = NULL;
	double value = strtod(normalised, &end);
	if (errno != 0 || end != normalised + length)
		return false;
	*out = value;
	return true;
}

/* Decodes one well-formed code point, or returns -1 without consuming. */
static int32_t decode_utf8(const unsigned char *bytes, size_t available, size_t *consumed)
{
	unsigned char lead = bytes[0];
	if (lead < 0x80u) {
		*consumed = 1;
		return (int32_t)lead;
	}
	size_t sequence_length;
	uint32_t code_point;
	uint32_t smallest;
	if (lead >= 0xC2u && lead <= 0xDFu) {
		sequence_length = 2;
		code_point = lead & 0x1Fu;
		smallest = 0x80u;
	} else if (lead >= 0xE0u && lead <= 0xEFu) {
		sequence_length = 3;
		code_point = lead & 0x0Fu;
		smallest = 0x800u;
	} else if (lead >= 0xF0u && lead <= 0xF4u) {
		sequence_length = 4;
		code_point = lead & 0x07u;
		smallest = 0x10000u;
	} else {
		return -1;
	}
	if (available < sequence_length)
		return -1;
	for (size_t index = 1; index < sequence_length; index++) {
		if ((bytes[index] & 0xC0u) != 0x80u)
			return -1;
		code_point = (code_point << 6) | (bytes[index] & 0x3Fu);
	}
	if (code_point < smallest || code_point > 0x10FFFFu ||
	    (code_point >= 0xD800u && code_point <= 0xDFFFu))
		return -1;
	*consumed = sequence_length;
	return (int32_t)code_point;
}

bool text_is_valid_utf8(const char *bytes, size_t length)
{
	const unsigned char *data = (const unsigned char *)bytes;
	size_t position = 0;
	while (position < length) {
		if (data[position] == 0)
			return false;
		if (data[position] < 0x80u) {
			position++;
			continue;
		}
		size_t consumed = 0;
		if (decode_utf8(data + position, length - position, &consumed) < 0)
			return false;
		position += consumed;
	}
	return true;
}

int32_t text_next_code_point(const char *bytes, size_t length, size_t *position)
{
	if (*position >= length)
		return -1;
	size_t consumed = 0;
	int32_t code_point =
	    decode_utf8((const unsigned char *)bytes + *position, length - *position, &consumed);
	if (code_point < 0) {
		*position += 1;
		return -1;
	}
	*position += consumed;
	return code_point;
}

size_t text_code_point_count(const char *string)
{
	size_t length = strlen(string);
	size_t position = 0;
	size_t count = 0;
	while (position < length) {
		(void)text_next_code_point(string, length, &position);
		count++;
	}
	return count;
}

/* ASCII spellings of U+00C0..U+017F, indexed from U+00C0; NULL keeps the
 * character as it is (×, ÷). Lower case throughout. */
/* clang-format off */
static const char *const latin_fold_table[0x180 - 0xC0] = {
	/* U+00C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß */
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 à á â ã ä å æ ç è é ê ë ì í î ï */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ */
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď */
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ */
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į */
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ */
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ */
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş */
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů */
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ */
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};
/* clang-format on */

/* The ASCII spelling of a Latin letter with diacritics, or NULL. */
static const char *fold_latin_letter(int32_t code_point)
{
	if (code_point >= 0xC0 && code_point < 0x180)
		return latin_fold_table[code_point - 0xC0];
	/* Romanian comma-below letters (Ș ș Ț ț), often typed instead of Ş ş. */
	if (code_point == 0x218 || code_point == 0x219)
		return "s";
	if (code_point == 0x21A || code_point == 0x21B)
		return "t";
	return NULL;
}

/* Spaces, '-' and '_' all separate words in a value; a no-break space
 * (U+00A0) pasted from a web page counts as a space. */
static bool is_fold_separator(int32_t code_point)
{
	return code_point == '-' || code_point == '_' || code_point == 0xA0 ||
	       (code_point < 0x80 && is_ascii_space((unsigned char)code_point));
}

/* Appends bytes to a fold result; once anything does not fit, nothing more
 * is written so the output never ends in a partial character. */
typedef struct fold_output {
	char *destination;
	size_t size;
	size_t length;
	bool fitted;
} fold_output;

static void fold_emit(fold_output *output, const char *bytes, size_t length)
{
	if (!output->fitted)
		return;
	if (output->size == 0 || length > output->size - 1 - output->length) {
		output->fitted = false;
		return;
	}
	memcpy(output->destination + output->length, bytes, length);
	output->length += length;
}

bool text_fold(char *destination, size_t size, const char *source)
{
	fold_output output = {destination, size, 0, true};
	size_t length = strlen(source);
	size_t position = 0;
	bool wrote_anything = false;
	/* A run of separators becomes one '_' between words. At either end only
	 * whitespace disappears: a '-' or '_' there is kept as '_' so that "-1vr"
	 * (last Friday) and "1vr" (first Friday) stay different. */
	bool pending_separator = false;
	bool pending_has_dash = false;
	while (position < length) {
		size_t start = position;
		int32_t code_point = text_next_code_point(source, length, &position);
		if (code_point >= 0 && is_fold_separator(code_point)) {
			pending_separator = true;
			if (code_point == '-' || code_point == '_')
				pending_has_dash = true;
			continue;
		}
		if (pending_separator && (wrote_anything || pending_has_dash))
			fold_emit(&output, "_", 1);
		pending_separator = false;
		pending_has_dash = false;
		wrote_anything = true;
		if (code_point >= 'A' && code_point <= 'Z') {
			char lower = (char)(code_point - 'A' + 'a');
			fold_emit(&output, &lower, 1);
		} else if (code_point >= 0) {
			const char *spelling = fold_latin_letter(code_point);
			if (spelling != NULL)
				fold_emit(&output, spelling, strlen(spelling));
			else
				fold_emit(&output, source + start, position - start);
		} else {
			/* Malformed bytes are copied as they are: folding compares,
			 * it does not validate. */
			fold_emit(&output, source + start, position - start);
		}
	}
	if (pending_separator && pending_has_dash)
		fold_emit(&output, "_", 1);
	if (size > 0)
		destination[output.length] = '\0';
	return output.fitted;
}

const char *text_trim(const char *bytes, size_t *length)
{
	size_t start = 0;
	size_t end = *length;
	while (start < end && is_ascii_space((unsigned char)bytes[start]))
		start++;
	while (end > start && is_ascii_space((unsigned char)bytes[end - 1]))
		end--;
	*length = end - start;
	return bytes + start;
}

bool text_starts_with(const char *string, const char *prefix)
{
	return strncmp(string, prefix, strlen(prefix)) == 0;
}
