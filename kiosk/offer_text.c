/* offer_text.c — phone numbers in readable chunks and URLs broken at their
 * separators, for the detail screen and the printed slip alike. */
#include "offer_text.h"

#include <string.h>

#include "text.h"

/* Dutch numbers whose area code has two digits after the 0 (the big
 * cities); the others have three. Mobile and business numbers likewise. */
static bool short_area_code(const char *digits)
{
	static const char *const codes[] = {
	    "010", "013", "015", "020", "023", "024", "026", "030", "033", "035", "036", "038",
	    "040", "043", "045", "046", "050", "053", "055", "058", "070", "071", "072", "073",
	    "074", "075", "076", "077", "078", "079", "084", "085", "087", "088", "091"};
	for (size_t index = 0; index < sizeof(codes) / sizeof(codes[0]); index++) {
		if (strncmp(digits, codes[index], 3) == 0) {
			return true;
		}
	}
	return false;
}

bool offer_text_group_phone(const char *stored, char *out, size_t size)
{
	char digits[16];
	size_t count = 0;
	for (const char *cursor = stored; *cursor; cursor++) {
		if (*cursor >= '0' && *cursor <= '9') {
			if (count + 1 >= sizeof(digits)) {
				return text_copy(out, size, stored);
			}
			digits[count++] = *cursor;
		} else if (*cursor != ' ' && *cursor != '-' && *cursor != '(' && *cursor != ')') {
			return text_copy(out, size, stored); /* "+31", extensions: keep */
		}
	}
	digits[count] = '\0';
	if (count != 10 || digits[0] != '0') {
		return text_copy(out, size, stored);
	}
	if (digits[1] == '6') {
		return text_format(out, size, "06 - %.2s %.2s %.2s %.2s", digits + 2, digits + 4,
		                   digits + 6, digits + 8);
	}
	if (short_area_code(digits)) {
		return text_format(out, size, "%.3s - %.3s %.2s %.2s", digits, digits + 3,
		                   digits + 6, digits + 8);
	}
	return text_format(out, size, "%.4s - %.2s %.2s %.2s", digits, digits + 4, digits + 6,
	                   digits + 8);
}

static bool url_break_after(char character)
{
	return character == '/' || character == '.' || character == '-' || character == '?' ||
	       character == '&' || character == '=' || character == '_' || character == '#';
}

size_t offer_text_break_url(const draw_measurer *measurer, draw_font font, int size,
                            const char *url, int width, offer_text_line *lines, size_t capacity)
{
	size_t length = strlen(url);
	size_t count = 0;
	size_t position = 0;
	while (position < length) {
		if (count == capacity) {
			return 0;
		}
		/* The longest run of whole characters that fits. */
		size_t fit = 0;
		size_t next = position;
		while (next < length) {
			size_t after = next + 1;
			while (after < length && ((unsigned char)url[after] & 0xC0) == 0x80) {
				after++;
			}
			if (measurer->text_width(measurer->context, font, size, url + position,
			                         after - position) > width) {
				break;
			}
			fit = after - position;
			next = after;
		}
		if (fit == 0) {
			return 0; /* not even one character fits */
		}
		/* Back up to a separator in the line's second half, if there is
		 * one: a line of at least half the width, ending where the
		 * address itself has a seam. */
		if (position + fit < length) {
			for (size_t end = fit; end > fit / 2; end--) {
				if (url_break_after(url[position + end - 1])) {
					fit = end;
					break;
				}
			}
		}
		lines[count].start = position;
		lines[count].length = fit;
		count++;
		position += fit;
	}
	return count;
}
