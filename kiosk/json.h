/* json.h — writing JSON values into a text_buffer for the import report and
 * the command line: strings escaped safely, numbers and booleans. */
#ifndef KIOSK_JSON_H
#define KIOSK_JSON_H

#include <stdbool.h>

#include "status.h"
#include "text.h"

/* Appends `utf8` (borrowed, NUL-terminated) to `out` as a quoted JSON string:
 * '"' and '\' escaped, control characters as \n, \t, … or \u00XX, valid UTF-8
 * kept as it is, every invalid byte replaced by U+FFFD so the output is
 * always valid JSON. STATUS_NO_MEMORY if the buffer cannot grow (it may then
 * hold part of the string). */
KIOSK_NODISCARD status json_append_string(text_buffer *out, const char *utf8);
/* Appends a number: integral values without decimals ("42"), others in the
 * shortest form that reads back as the same double ("52.09", "0.1"), always
 * with '.' whatever the C locale says. JSON has no NaN or
 * infinity, so those are refused with STATUS_INVALID and nothing appended. */
KIOSK_NODISCARD status json_append_number(text_buffer *out, double value);
/* Appends `true` or `false`. */
KIOSK_NODISCARD status json_append_bool(text_buffer *out, bool value);

#endif
