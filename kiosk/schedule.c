/* schedule.c — Europe/Amsterdam local time computed from the EU summer-time
 * rule (no TZ, no localtime: no global state), next meetings of a schedule
 * rule, and the plain-Dutch text residents read. */
#include "schedule.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

enum { SECONDS_PER_DAY = 86400, MINUTES_PER_DAY = 1440 };
/* How far ahead next meetings are searched. */
enum { SEARCH_DAYS = 400 };
/* Instants are clamped to about ±34,000 years so the arithmetic below can
 * never overflow, whatever time_t a caller passes. */
static const int64_t instant_limit = (int64_t)1 << 40;
/* Fortnightly rules without a start date count weeks from this Monday,
 * 2026-01-05, so "om de week" is still stable and the same on every kiosk. */
static const int fortnight_anchor_year = 2026, fortnight_anchor_month = 1, fortnight_anchor_day = 5;

static const char *const weekday_names[] = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                            "vrijdag", "zaterdag", "zondag"};
static const char *const month_names[] = {"januari",   "februari", "maart",    "april",
                                          "mei",       "juni",     "juli",     "augustus",
                                          "september", "oktober",  "november", "december"};
static const char en_dash[] = "\xE2\x80\x93";

/* --- Amsterdam local time ---------------------------------------------- */

static int64_t floor_divide(int64_t numerator, int64_t denominator)
{
	int64_t quotient = numerator / denominator;
	if ((numerator % denominator != 0) && ((numerator < 0) != (denominator < 0)))
		quotient--;
	return quotient;
}

static int64_t clamp_instant(time_t instant)
{
	int64_t value = (int64_t)instant;
	if (value > instant_limit)
		return instant_limit;
	if (value < -instant_limit)
		return -instant_limit;
	return value;
}

static bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && is_leap_year(year))
		return 29;
	return lengths[month - 1];
}

static int32_t last_sunday_of(int year, int month)
{
	int32_t last_day = catalogue_days_from_civil(year, month, days_in_month(year, month));
	return last_day - (catalogue_weekday(last_day) + 1) % 7;
}

/* Summer time runs from the last Sunday of March 01:00 UTC up to (not
 * including) the last Sunday of October 01:00 UTC. */
static int offset_minutes_at(int64_t instant)
{
	int year, month, day;
	catalogue_civil_from_days((int32_t)floor_divide(instant, SECONDS_PER_DAY), &year, &month,
	                          &day);
	int64_t summer_start = (int64_t)last_sunday_of(year, 3) * SECONDS_PER_DAY + 3600;
	int64_t summer_end = (int64_t)last_sunday_of(year, 10) * SECONDS_PER_DAY + 3600;
	return instant >= summer_start && instant < summer_end ? 120 : 60;
}

int schedule_utc_offset_minutes(time_t instant)
{
	return offset_minutes_at(clamp_instant(instant));
}

local_time schedule_local_from_utc(time_t instant)
{
	int64_t utc = clamp_instant(instant);
	int64_t local = utc + (int64_t)offset_minutes_at(utc) * 60;
	int64_t day = floor_divide(local, SECONDS_PER_DAY);
	local_time moment = {(int32_t)day, (int16_t)((local - day * SECONDS_PER_DAY) / 60)};
	return moment;
}

time_t schedule_utc_from_local(local_time moment)
{
	int64_t local = (int64_t)moment.day * SECONDS_PER_DAY + (int64_t)moment.minute * 60;
	/* Summer time first: in the ambiguous autumn hour that picks the first
	 * occurrence. When the summer reading is not in summer time, the winter
	 * reading is right, and in the non-existent spring hour it is the
	 * "clocks not moved yet" reading (02:30 CET = 03:30 CEST). */
	int64_t summer_reading = local - 120 * 60;
	if (offset_minutes_at(summer_reading) == 120)
		return (time_t)summer_reading;
	return (time_t)(local - 60 * 60);
}

/* Reads exactly `count` ASCII digits. */
static bool read_digits(const char *text, int count, int *out)
{
	int value = 0;
	for (int i = 0; i < count; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		value = value * 10 + (text[i] - '0');
	}
	*out = value;
	return true;
}

bool schedule_parse_local(const char *text, local_time *out)
{
	int year, month, day, hour = 0, minute = 0, second = 0;
	if (text == NULL || !read_digits(text, 4, &year) || text[4] != '-' ||
	    !read_digits(text + 5, 2, &month) || text[7] != '-' || !read_digits(text + 8, 2, &day))
		return false;
	const char *rest = text + 10;
	if (*rest != '\0') {
		if ((*rest != 'T' && *rest != ' ') || !read_digits(rest + 1, 2, &hour) ||
		    rest[3] != ':' || !read_digits(rest + 4, 2, &minute))
			return false;
		rest += 6;
		if (*rest == ':') {
			if (!read_digits(rest + 1, 2, &second))
				return false;
			rest += 3;
		}
		if (*rest != '\0')
			return false;
	}
	if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) ||
	    hour > 23 || minute > 59 || second > 59)
		return false;
	out->day = catalogue_days_from_civil(year, month, day);
	out->minute = (int16_t)(hour * 60 + minute);
	return true;
}

void schedule_format_local(local_time moment, char out[17])
{
	int year, month, day;
	catalogue_civil_from_days(moment.day, &year, &month, &day);
	int minute = moment.minute;
	if (minute < 0 || minute >= MINUTES_PER_DAY)
		minute = 0;
	if (!text_format(out, 17, "%04d-%02d-%02dT%02d:%02d", year, month, day, minute / 60,
	                 minute % 60))
		out[0] = '\0'; /* a year beyond 9999 does not fit; say nothing rather than half */
}

/* --- next meetings ------------------------------------------------------ */

/* What kind of repetition a rule really has, after applying the defaults:
 * no frequency with weekdays means weekly, no frequency with ordinals means
 * monthly. Monthly rules use the ordinals only. */
static unsigned ordinal_count_of(const schedule_rule *rule)
{
	return rule->ordinal_count < CATALOGUE_MAX_ORDINALS ? rule->ordinal_count
	                                                    : CATALOGUE_MAX_ORDINALS;
}

static bool is_valid_ordinal(int ordinal, int weekday)
{
	return ordinal != 0 && ordinal >= -5 && ordinal <= 5 && weekday >= 0 && weekday <= 6;
}

static enum schedule_frequency effective_frequency(const schedule_rule *rule)
{
	bool has_weekdays = (rule->weekdays & 0x7F) != 0;
	bool has_ordinals = false;
	for (unsigned i = 0; i < ordinal_count_of(rule); i++)
		has_ordinals = has_ordinals || is_valid_ordinal(rule->ordinals[i].ordinal,
		                                                rule->ordinals[i].weekday);
	switch (rule->frequency) {
	case FREQUENCY_WEEKLY:
	case FREQUENCY_FORTNIGHTLY: return has_weekdays ? rule->frequency : FREQUENCY_NONE;
	case FREQUENCY_MONTHLY: return has_ordinals ? FREQUENCY_MONTHLY : FREQUENCY_NONE;
	case FREQUENCY_NONE:
		if (has_weekdays)
			return FREQUENCY_WEEKLY;
		return has_ordinals ? FREQUENCY_MONTHLY : FREQUENCY_NONE;
	}
	return FREQUENCY_NONE;
}

static bool is_even_fortnight_week(const schedule_rule *rule, int32_t day)
{
	int32_t anchor =
	    rule->valid_from != CATALOGUE_NO_DATE
	        ? rule->valid_from
	        : catalogue_days_from_civil(fortnight_anchor_year, fortnight_anchor_month,
	                                    fortnight_anchor_day);
	int64_t anchor_monday = (int64_t)anchor - catalogue_weekday(anchor);
	int64_t day_monday = (int64_t)day - catalogue_weekday(day);
	int64_t weeks = (day_monday - anchor_monday) / 7;
	return weeks % 2 == 0;
}

static bool matches_monthly_ordinal(const schedule_rule *rule, int32_t day)
{
	int year, month, day_of_month;
	catalogue_civil_from_days(day, &year, &month, &day_of_month);
	int weekday = catalogue_weekday(day);
	int from_start = (day_of_month - 1) / 7 + 1;
	int from_end = (days_in_month(year, month) - day_of_month) / 7 + 1;
	unsigned count = ordinal_count_of(rule);
	for (unsigned i = 0; i < count; i++) {
		int ordinal = rule->ordinals[i].ordinal;
		if (rule->ordinals[i].weekday != weekday)
			continue;
		if ((ordinal > 0 && ordinal == from_start) || (ordinal < 0 && -ordinal == from_end))
			return true;
	}
	return false;
}

static int compare_dates(const void *left, const void *right)
{
	int32_t a = *(const int32_t *)left;
	int32_t b = *(const int32_t *)right;
	return (a > b) - (a < b);
}

static bool is_exception(const schedule_rule *rule, int32_t day)
{
	if (rule->exception_count == 0 || rule->exceptions == NULL)
		return false;
	return bsearch(&day, rule->exceptions, rule->exception_count, sizeof(int32_t),
	               compare_dates) != NULL;
}

static bool meets_on(const schedule_rule *rule, enum schedule_frequency frequency, int32_t day)
{
	if (rule->valid_from != CATALOGUE_NO_DATE && day < rule->valid_from)
		return false;
	if (rule->valid_to != CATALOGUE_NO_DATE && day > rule->valid_to)
		return false;
	switch (frequency) {
	case FREQUENCY_NONE: return false;
	case FREQUENCY_WEEKLY:
		if ((rule->weekdays & (1u << catalogue_weekday(day))) == 0)
			return false;
		break;
	case FREQUENCY_FORTNIGHTLY:
		if ((rule->weekdays & (1u << catalogue_weekday(day))) == 0 ||
		    !is_even_fortnight_week(rule, day))
			return false;
		break;
	case FREQUENCY_MONTHLY:
		if (!matches_monthly_ordinal(rule, day))
			return false;
		break;
	}
	return !is_exception(rule, day);
}

static bool is_valid_minute(int16_t minute)
{
	return minute >= 0 && minute < MINUTES_PER_DAY;
}

static bool local_before(local_time a, local_time b)
{
	return a.day < b.day || (a.day == b.day && a.minute < b.minute);
}

size_t schedule_next_meetings(const schedule_rule *rule, local_time now, meeting *out,
                              size_t capacity)
{
	if (rule == NULL || capacity == 0)
		return 0;
	enum schedule_frequency frequency = effective_frequency(rule);
	if (frequency == FREQUENCY_NONE)
		return 0;
	bool has_time = is_valid_minute(rule->start_minute);
	bool has_end = has_time && is_valid_minute(rule->end_minute);
	/* A meeting ending before it starts (23:00–01:00) ends the next day, so
	 * yesterday's may still be under way now. */
	bool overnight = has_end && rule->end_minute < rule->start_minute;

	int64_t first = (int64_t)now.day - (overnight ? 1 : 0);
	int64_t last = (int64_t)now.day + SEARCH_DAYS;
	if (rule->valid_from != CATALOGUE_NO_DATE && rule->valid_from > first)
		first = rule->valid_from;
	if (rule->valid_to != CATALOGUE_NO_DATE && rule->valid_to < last)
		last = rule->valid_to;

	size_t found = 0;
	for (int64_t candidate = first; candidate <= last && found < capacity; candidate++) {
		int32_t day = (int32_t)candidate;
		if (!meets_on(rule, frequency, day))
			continue;
		meeting item;
		item.has_time = has_time;
		if (has_time) {
			item.start = (local_time){day, rule->start_minute};
			item.end = has_end
			               ? (local_time){day + (overnight ? 1 : 0), rule->end_minute}
			               : item.start;
			if (local_before(item.end, now))
				continue;
		} else {
			if (day < now.day)
				continue;
			item.start = (local_time){day, 0};
			item.end = (local_time){day, MINUTES_PER_DAY - 1};
		}
		out[found++] = item;
	}
	return found;
}

bool schedule_has_expired(const schedule_rule *rule, local_time now)
{
	return rule->valid_to != CATALOGUE_NO_DATE && rule->valid_to < now.day;
}

/* --- plain Dutch -------------------------------------------------------- */

/* Joins the i-th of `count` items the Dutch way: "a", "a en b", "a, b en c". */
static const char *list_separator(unsigned index, unsigned count)
{
	if (index == 0)
		return "";
	return index + 1 == count ? " en " : ", ";
}

static const char *ordinal_word(int ordinal)
{
	switch (ordinal) {
	case 1: return "eerste";
	case 2: return "tweede";
	case 3: return "derde";
	case 4: return "vierde";
	case 5: return "vijfde";
	case -1: return "laatste";
	case -2: return "voorlaatste";
	case -3: return "op twee na laatste";
	case -4: return "op drie na laatste";
	case -5: return "op vier na laatste";
	default: return NULL;
	}
}

/* Order within one weekday: first, second, ..., then from the end towards
 * the last ("voorlaatste en laatste"). */
static int ordinal_rank(int ordinal)
{
	return ordinal > 0 ? ordinal : 16 + ordinal;
}

static status append_weekday_list(text_buffer *out, unsigned weekdays)
{
	unsigned count = 0;
	for (unsigned weekday = 0; weekday < 7; weekday++)
		count += (weekdays >> weekday) & 1u;
	unsigned index = 0;
	for (unsigned weekday = 0; weekday < 7; weekday++) {
		if (((weekdays >> weekday) & 1u) == 0)
			continue;
		status result = text_buffer_append_format(out, "%s%s", list_separator(index, count),
		                                          weekday_names[weekday]);
		if (result != STATUS_OK)
			return result;
		index++;
	}
	return STATUS_OK;
}

/* "eerste dinsdag", "tweede en vierde woensdag", "eerste dinsdag en laatste
 * vrijdag": ordinals grouped per weekday, weekdays in the order they first
 * appear in the rule. */
static status append_ordinal_list(text_buffer *out, const schedule_rule *rule)
{
	unsigned count = ordinal_count_of(rule);
	int weekday_order[7];
	unsigned weekday_count = 0;
	for (unsigned i = 0; i < count; i++) {
		int weekday = rule->ordinals[i].weekday;
		if (!is_valid_ordinal(rule->ordinals[i].ordinal, weekday))
			continue;
		bool seen = false;
		for (unsigned j = 0; j < weekday_count; j++)
			seen = seen || weekday_order[j] == weekday;
		if (!seen)
			weekday_order[weekday_count++] = weekday;
	}
	for (unsigned group = 0; group < weekday_count; group++) {
		int weekday = weekday_order[group];
		/* Collect and sort this weekday's ordinals (at most 7). */
		int ordinals[CATALOGUE_MAX_ORDINALS];
		unsigned ordinal_total = 0;
		for (unsigned i = 0; i < count; i++) {
			int ordinal = rule->ordinals[i].ordinal;
			if (rule->ordinals[i].weekday != weekday ||
			    !is_valid_ordinal(ordinal, weekday))
				continue;
			bool duplicate = false;
			for (unsigned j = 0; j < ordinal_total; j++)
				duplicate = duplicate || ordinals[j] == ordinal;
			if (!duplicate)
				ordinals[ordinal_total++] = ordinal;
		}
		for (unsigned i = 1; i < ordinal_total; i++)
			for (unsigned j = i;
			     j > 0 && ordinal_rank(ordinals[j - 1]) > ordinal_rank(ordinals[j]);
			     j--) {
				int swap = ordinals[j];
				ordinals[j] = ordinals[j - 1];
				ordinals[j - 1] = swap;
			}
		status result =
		    text_buffer_append_string(out, list_separator(group, weekday_count));
		for (unsigned i = 0; i < ordinal_total && result == STATUS_OK; i++)
			result =
			    text_buffer_append_format(out, "%s%s", list_separator(i, ordinal_total),
			                              ordinal_word(ordinals[i]));
		if (result == STATUS_OK)
			result = text_buffer_append_format(out, " %s", weekday_names[weekday]);
		if (result != STATUS_OK)
			return result;
	}
	return STATUS_OK;
}

/* " 10.00–11.30 uur", " 14.00 uur", or nothing without a start time. */
static status append_times(text_buffer *out, int16_t start_minute, int16_t end_minute)
{
	if (!is_valid_minute(start_minute))
		return STATUS_OK;
	status result =
	    text_buffer_append_format(out, " %d.%02d", start_minute / 60, start_minute % 60);
	if (result == STATUS_OK && is_valid_minute(end_minute) && end_minute != start_minute)
		result = text_buffer_append_format(out, "%s%d.%02d", en_dash, end_minute / 60,
		                                   end_minute % 60);
	if (result == STATUS_OK)
		result = text_buffer_append_string(out, " uur");
	return result;
}

status schedule_describe_rule(const schedule_rule *rule, struct text_buffer *out)
{
	text_buffer_clear(out);
	status result = STATUS_OK;
	switch (effective_frequency(rule)) {
	case FREQUENCY_NONE: return STATUS_OK;
	case FREQUENCY_WEEKLY:
		result = text_buffer_append_string(out, "elke ");
		if (result == STATUS_OK)
			result = append_weekday_list(out, rule->weekdays & 0x7Fu);
		break;
	case FREQUENCY_FORTNIGHTLY:
		result = text_buffer_append_string(out, "om de week op ");
		if (result == STATUS_OK)
			result = append_weekday_list(out, rule->weekdays & 0x7Fu);
		break;
	case FREQUENCY_MONTHLY:
		result = text_buffer_append_string(out, "elke ");
		if (result == STATUS_OK)
			result = append_ordinal_list(out, rule);
		if (result == STATUS_OK)
			result = text_buffer_append_string(out, " van de maand");
		break;
	}
	if (result == STATUS_OK)
		result = append_times(out, rule->start_minute, rule->end_minute);
	return result;
}

status schedule_describe_meeting(const meeting *item, struct text_buffer *out)
{
	text_buffer_clear(out);
	int year, month, day;
	catalogue_civil_from_days(item->start.day, &year, &month, &day);
	status result = text_buffer_append_format(out, "%s %d %s",
	                                          weekday_names[catalogue_weekday(item->start.day)],
	                                          day, month_names[month - 1]);
	if (result == STATUS_OK && item->has_time) {
		result = text_buffer_append_string(out, ",");
		int16_t end_minute = item->end.minute;
		if (item->end.day == item->start.day && item->end.minute == item->start.minute)
			end_minute = CATALOGUE_NO_TIME;
		if (result == STATUS_OK)
			result = append_times(out, item->start.minute, end_minute);
	}
	return result;
}
