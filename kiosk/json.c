/* json.c — JSON value writers: strings that are always valid JSON whatever
 * bytes a spreadsheet cell held, and locale-independent numbers. */
#include "json.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes that can be copied into a JSON string unchanged. */
static bool is_plain_ascii(unsigned char byte)
{
	return byte >= 0x20u && byte < 0x80u && byte != '"' && byte != '\\';
}

static status append_escaped_control(text_buffer *out, unsigned char byte)
{
	switch (byte) {
	case '"': return text_buffer_append(out, "\\\"", 2);
	case '\\': return text_buffer_append(out, "\\\\", 2);
	case '\b': return text_buffer_append(out, "\\b", 2);
	case '\f': return text_buffer_append(out, "\\f", 2);
	case '\n': return text_buffer_append(out, "\\n", 2);
	case '\r': return text_buffer_append(out, "\\r", 2);
	case '\t': return text_buffer_append(out, "\\t", 2);
	default: return text_buffer_append_format(out, "\\u%04x", (unsigned)byte);
	}
}

status json_append_string(text_buffer *out, const char *utf8)
{
	static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
	size_t length = strlen(utf8);
	status result = text_buffer_append(out, "\"", 1);
	size_t position = 0;
	while (result == STATUS_OK && position < length) {
		unsigned char byte = (unsigned char)utf8[position];
		if (is_plain_ascii(byte)) {
			size_t run_end = position + 1;
			while (run_end < length && is_plain_ascii((unsigned char)utf8[run_end]))
				run_end++;
			result = text_buffer_append(out, utf8 + position, run_end - position);
			position = run_end;
		} else if (byte < 0x80u) {
			result = append_escaped_control(out, byte);
			position++;
		} else {
			size_t start = position;
			int32_t code_point = text_next_code_point(utf8, length, &position);
			if (code_point < 0)
				result =
				    text_buffer_append(out, replacement, sizeof replacement - 1);
			else
				result = text_buffer_append(out, utf8 + start, position - start);
		}
	}
	if (result != STATUS_OK)
		return result;
	return text_buffer_append(out, "\"", 1);
}

/* Rewrites the C locale's decimal point (',' under a Dutch LC_NUMERIC) to
 * the '.' JSON requires. */
static void use_decimal_dot(char *number)
{
	const struct lconv *conventions = localeconv();
	char point = '.';
	if (conventions != NULL && conventions->decimal_point != NULL &&
	    conventions->decimal_point[0] != '\0')
		point = conventions->decimal_point[0];
	if (point == '.')
		return;
	char *found = strchr(number, point);
	if (found != NULL)
		*found = '.';
}

status json_append_number(text_buffer *out, double value)
{
	if (!isfinite(value))
		return STATUS_INVALID;
	char number[40];
	if (value == 0.0) {
		/* Also -0.0: "-0" is valid JSON but only surprises readers. */
		return text_buffer_append(out, "0", 1);
	}
	if (value == trunc(value) && fabs(value) < 1e15) {
		if (snprintf(number, sizeof number, "%.0f", value) < 0)
			return STATUS_INVALID;
		return text_buffer_append_string(out, number);
	}
	/* The fewest significant digits that read back as the same double; 17
	 * always does. */
	for (int precision = 1; precision <= 17; precision++) {
		int written = snprintf(number, sizeof number, "%.*g", precision, value);
		if (written < 0 || (size_t)written >= sizeof number)
			return STATUS_INVALID;
		if (strtod(number, NULL) == value)
			break;
	}
	use_decimal_dot(number);
	return text_buffer_append_string(out, number);
}

status json_append_bool(text_buffer *out, bool value)
{
	return value ? text_buffer_append(out, "true", 4) : text_buffer_append(out, "false", 5);
}
