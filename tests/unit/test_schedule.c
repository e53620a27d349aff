/* test_schedule.c — Amsterdam local time around the summer-time changes, next
 * meetings for weekly, fortnightly and monthly rules, and the Dutch texts. */
#include "test_support.h"

#include <string.h>

#include "schedule.h"
#include "text.h"

/* --- helpers ------------------------------------------------------------ */

static local_time local_at(const char *text)
{
	local_time moment = {0, 0};
	if (!schedule_parse_local(text, &moment))
		fail_msg("could not parse %s", text);
	return moment;
}

/* A UTC instant computed without the schedule module. */
static time_t utc_at(int year, int month, int day, int hour, int minute)
{
	return (time_t)catalogue_days_from_civil(year, month, day) * 86400 +
	       (time_t)(hour * 60 + minute) * 60;
}

static int32_t date_of(int year, int month, int day)
{
	return catalogue_days_from_civil(year, month, day);
}

static schedule_rule empty_rule(void)
{
	schedule_rule rule;
	memset(&rule, 0, sizeof(rule));
	rule.frequency = FREQUENCY_NONE;
	rule.start_minute = CATALOGUE_NO_TIME;
	rule.end_minute = CATALOGUE_NO_TIME;
	rule.valid_from = CATALOGUE_NO_DATE;
	rule.valid_to = CATALOGUE_NO_DATE;
	return rule;
}

static schedule_rule weekly(unsigned weekdays, int start_minute, int end_minute)
{
	schedule_rule rule = empty_rule();
	rule.frequency = FREQUENCY_WEEKLY;
	rule.weekdays = (uint8_t)weekdays;
	rule.start_minute = (int16_t)start_minute;
	rule.end_minute = (int16_t)end_minute;
	return rule;
}

static schedule_rule monthly(int ordinal, int weekday)
{
	schedule_rule rule = empty_rule();
	rule.frequency = FREQUENCY_MONTHLY;
	rule.ordinal_count = 1;
	rule.ordinals[0].ordinal = (int8_t)ordinal;
	rule.ordinals[0].weekday = (uint8_t)weekday;
	return rule;
}

enum {
	MONDAY = 1u << 0,
	TUESDAY = 1u << 1,
	WEDNESDAY = 1u << 2,
	THURSDAY = 1u << 3,
	FRIDAY = 1u << 4,
	SATURDAY = 1u << 5,
	SUNDAY = 1u << 6
};

#define HM(hour, minute) ((hour)*60 + (minute))

/* Checks the start times of the meetings found against `expected` (local
 * "YYYY-MM-DDTHH:MM"), and that exactly that many were found. */
static void assert_starts(const schedule_rule *rule, const char *now, const char *const *expected,
                          size_t expected_count, size_t capacity)
{
	meeting found[16];
	assert_true(capacity <= 16);
	size_t count = schedule_next_meetings(rule, local_at(now), found, capacity);
	for (size_t i = 0; i < count && i < expected_count; i++) {
		char text[17];
		schedule_format_local(found[i].start, text);
		if (strcmp(text, expected[i]) != 0)
			fail_msg("meeting %zu from %s: got %s, expected %s", i, now, text,
			         expected[i]);
	}
	if (count != expected_count)
		fail_msg("from %s: %zu meetings, expected %zu", now, count, expected_count);
}

#define ASSERT_STARTS(rule, now, capacity, ...)                                                    \
	do {                                                                                       \
		const char *const expected_starts[] = {__VA_ARGS__};                               \
		assert_starts(rule, now, expected_starts,                                          \
		              sizeof(expected_starts) / sizeof(expected_starts[0]), capacity);     \
	} while (0)

static void assert_rule_text(const schedule_rule *rule, const char *expected)
{
	text_buffer text = {0};
	assert_int_equal(schedule_describe_rule(rule, &text), STATUS_OK);
	assert_string_equal(text_buffer_string(&text), expected);
	text_buffer_free(&text);
}

/* --- local time --------------------------------------------------------- */

static void spring_forward_2026(void **state)
{
	(void)state;
	/* Sunday 29 March 2026, 01:00 UTC: 02:00 CET becomes 03:00 CEST. */
	time_t before = utc_at(2026, 3, 29, 0, 59);
	time_t at = utc_at(2026, 3, 29, 1, 0);
	assert_int_equal(schedule_utc_offset_minutes(before), 60);
	assert_int_equal(schedule_utc_offset_minutes(at), 120);
	local_time local_before = schedule_local_from_utc(before);
	local_time local_at_change = schedule_local_from_utc(at);
	assert_int_equal(local_before.day, date_of(2026, 3, 29));
	assert_int_equal(local_before.minute, HM(1, 59));
	assert_int_equal(local_at_change.day, date_of(2026, 3, 29));
	assert_int_equal(local_at_change.minute, HM(3, 0));
	assert_true(schedule_utc_from_local(local_before) == before);
	assert_true(schedule_utc_from_local(local_at_change) == at);
	/* 02:30 does not exist that night: read as 02:30 CET = 03:30 CEST. */
	time_t missing = schedule_utc_from_local(local_at("2026-03-29T02:30"));
	assert_true(missing == utc_at(2026, 3, 29, 1, 30));
	assert_int_equal(schedule_local_from_utc(missing).minute, HM(3, 30));
	/* The day before and the day after. */
	assert_true(schedule_utc_from_local(local_at("2026-03-28T02:30")) ==
	            utc_at(2026, 3, 28, 1, 30));
	assert_true(schedule_utc_from_local(local_at("2026-03-30T02:30")) ==
	            utc_at(2026, 3, 30, 0, 30));
}

static void fall_back_2026(void **state)
{
	(void)state;
	/* Sunday 25 October 2026, 01:00 UTC: 03:00 CEST becomes 02:00 CET. */
	time_t before = utc_at(2026, 10, 25, 0, 59);
	time_t at = utc_at(2026, 10, 25, 1, 0);
	assert_int_equal(schedule_utc_offset_minutes(before), 120);
	assert_int_equal(schedule_utc_offset_minutes(at), 60);
	assert_int_equal(schedule_local_from_utc(before).minute, HM(2, 59));
	assert_int_equal(schedule_local_from_utc(at).minute, HM(2, 0));
	assert_int_equal(schedule_local_from_utc(at).day, date_of(2026, 10, 25));
	/* 02:30 happens twice; the first (summer-time) one is meant. */
	time_t ambiguous = schedule_utc_from_local(local_at("2026-10-25T02:30"));
	assert_true(ambiguous == utc_at(2026, 10, 25, 0, 30));
	assert_int_equal(schedule_local_from_utc(utc_at(2026, 10, 25, 1, 30)).minute, HM(2, 30));
	assert_true(schedule_utc_from_local(local_at("2026-10-25T03:00")) ==
	            utc_at(2026, 10, 25, 2, 0));
	assert_true(schedule_utc_from_local(local_at("2026-10-25T01:59")) ==
	            utc_at(2026, 10, 24, 23, 59));
}

static void offsets_through_the_years(void **state)
{
	(void)state;
	/* Last Sundays: 2024 → 31 March / 27 October, 2027 → 28 March / 31
	 * October, 2030 → 31 March / 27 October. */
	struct {
		int year, march_day, october_day;
	} changes[] = {{2024, 31, 27}, {2025, 30, 26}, {2027, 28, 31}, {2030, 31, 27}};
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		int year = changes[i].year;
		assert_int_equal(
		    schedule_utc_offset_minutes(utc_at(year, 3, changes[i].march_day, 0, 59)), 60);
		assert_int_equal(
		    schedule_utc_offset_minutes(utc_at(year, 3, changes[i].march_day, 1, 0)), 120);
		assert_int_equal(
		    schedule_utc_offset_minutes(utc_at(year, 10, changes[i].october_day, 0, 59)),
		    120);
		assert_int_equal(
		    schedule_utc_offset_minutes(utc_at(year, 10, changes[i].october_day, 1, 0)),
		    60);
	}
	assert_int_equal(schedule_utc_offset_minutes(utc_at(2026, 1, 15, 12, 0)), 60);
	assert_int_equal(schedule_utc_offset_minutes(utc_at(2026, 7, 1, 12, 0)), 120);
	assert_int_equal(schedule_utc_offset_minutes(utc_at(2026, 12, 31, 23, 30)), 60);
	assert_int_equal(schedule_utc_offset_minutes(utc_at(1969, 12, 31, 12, 0)), 60);
	/* New Year's Eve in UTC is already New Year in Amsterdam. */
	local_time new_year = schedule_local_from_utc(utc_at(2026, 12, 31, 23, 30));
	assert_int_equal(new_year.day, date_of(2027, 1, 1));
	assert_int_equal(new_year.minute, HM(0, 30));
	local_time before_epoch = schedule_local_from_utc((time_t)-1);
	assert_int_equal(before_epoch.day, 0);
	assert_int_equal(before_epoch.minute, HM(0, 59));
}

static void conversions_round_trip_for_a_year(void **state)
{
	(void)state;
	time_t second_hour_start = utc_at(2026, 10, 25, 1, 0);
	time_t second_hour_end = utc_at(2026, 10, 25, 2, 0);
	for (time_t instant = utc_at(2026, 1, 1, 0, 0); instant < utc_at(2027, 1, 1, 0, 0);
	     instant += 15 * 60) {
		local_time local = schedule_local_from_utc(instant);
		assert_in_range(local.minute, 0, 1439);
		int offset = schedule_utc_offset_minutes(instant);
		/* Local minus UTC is exactly the offset. */
		int64_t local_seconds = (int64_t)local.day * 86400 + local.minute * 60;
		assert_true(local_seconds - (int64_t)instant == offset * 60);
		if (instant >= second_hour_start && instant < second_hour_end)
			continue; /* the repeated autumn hour reads back as the first one */
		assert_true(schedule_utc_from_local(local) == instant);
	}
}

static void parse_and_format(void **state)
{
	(void)state;
	local_time moment;
	assert_true(schedule_parse_local("2026-11-24T09:00", &moment));
	assert_int_equal(moment.day, date_of(2026, 11, 24));
	assert_int_equal(moment.minute, HM(9, 0));
	assert_true(schedule_parse_local("2026-11-24 23:59", &moment));
	assert_int_equal(moment.minute, HM(23, 59));
	assert_true(schedule_parse_local("2026-11-24T09:15:59", &moment));
	assert_int_equal(moment.minute, HM(9, 15));
	assert_true(schedule_parse_local("2026-11-24", &moment));
	assert_int_equal(moment.day, date_of(2026, 11, 24));
	assert_int_equal(moment.minute, 0);
	assert_true(schedule_parse_local("2028-02-29", &moment));
	assert_true(schedule_parse_local("2000-02-29T00:00", &moment));
	assert_true(schedule_parse_local("2026-12-31T23:59:59", &moment));
	assert_int_equal(moment.day, date_of(2026, 12, 31));

	const char *bad[] = {"",
	                     "2026-02-29",
	                     "1900-02-29",
	                     "2026-13-01",
	                     "2026-00-10",
	                     "2026-11-31",
	                     "2026-11-00",
	                     "2026-11-24T24:00",
	                     "2026-11-24T09:60",
	                     "2026-11-24T09:00:60",
	                     "2026-11-24T9:00",
	                     "2026-11-24X09:00",
	                     "2026-11-24T09:00Z",
	                     "2026-11-24T09",
	                     "2026-11-24T",
	                     "2026-1-24",
	                     "24-11-2026",
	                     " 2026-11-24",
	                     "2026-11-24T09:00:",
	                     "2026-11-24T+9:00"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		moment.day = 12345;
		if (schedule_parse_local(bad[i], &moment))
			fail_msg("\"%s\" was accepted", bad[i]);
	}
	assert_false(schedule_parse_local(NULL, &moment));

	char text[17];
	schedule_format_local(local_at("2026-11-24T09:05"), text);
	assert_string_equal(text, "2026-11-24T09:05");
	schedule_format_local((local_time){date_of(1999, 1, 2), HM(23, 59)}, text);
	assert_string_equal(text, "1999-01-02T23:59");
	/* Format and parse agree for every day of a leap year. */
	for (int32_t day = date_of(2028, 1, 1); day < date_of(2029, 1, 1); day++) {
		schedule_format_local((local_time){day, (int16_t)(day % 1440)}, text);
		local_time back = local_at(text);
		assert_int_equal(back.day, day);
		assert_int_equal(back.minute, day % 1440);
	}
}

/* --- next meetings ------------------------------------------------------ */

static void weekly_meetings(void **state)
{
	(void)state;
	schedule_rule tuesday = weekly(TUESDAY, HM(10, 0), HM(11, 30));
	ASSERT_STARTS(&tuesday, "2026-11-20T12:00", 3, "2026-11-24T10:00", "2026-12-01T10:00",
	              "2026-12-08T10:00");
	meeting found[2];
	assert_int_equal(schedule_next_meetings(&tuesday, local_at("2026-11-20T12:00"), found, 2),
	                 2);
	assert_true(found[0].has_time);
	assert_int_equal(found[0].end.day, date_of(2026, 11, 24));
	assert_int_equal(found[0].end.minute, HM(11, 30));
	assert_int_equal(schedule_next_meetings(&tuesday, local_at("2026-11-20T12:00"), found, 0),
	                 0);

	schedule_rule two_days = weekly(MONDAY | THURSDAY, HM(14, 0), CATALOGUE_NO_TIME);
	ASSERT_STARTS(&two_days, "2026-11-24T08:00", 4, "2026-11-26T14:00", "2026-11-30T14:00",
	              "2026-12-03T14:00", "2026-12-07T14:00");
	assert_int_equal(schedule_next_meetings(&two_days, local_at("2026-11-24T08:00"), found, 1),
	                 1);
	/* Without an end time a meeting ends when it starts. */
	assert_int_equal(found[0].end.day, found[0].start.day);
	assert_int_equal(found[0].end.minute, found[0].start.minute);

	/* No frequency but weekdays: weekly. No weekdays at all: nothing. */
	schedule_rule implicit = tuesday;
	implicit.frequency = FREQUENCY_NONE;
	ASSERT_STARTS(&implicit, "2026-11-20T12:00", 1, "2026-11-24T10:00");
	schedule_rule nothing = empty_rule();
	assert_int_equal(schedule_next_meetings(&nothing, local_at("2026-11-20T12:00"), found, 2),
	                 0);
	schedule_rule weekly_without_days = weekly(0, HM(10, 0), HM(11, 0));
	assert_int_equal(
	    schedule_next_meetings(&weekly_without_days, local_at("2026-11-20T12:00"), found, 2),
	    0);
}

static void meeting_under_way_and_already_ended(void **state)
{
	(void)state;
	schedule_rule tuesday = weekly(TUESDAY, HM(10, 0), HM(11, 30));
	ASSERT_STARTS(&tuesday, "2026-11-24T09:59", 1, "2026-11-24T10:00");
	ASSERT_STARTS(&tuesday, "2026-11-24T11:00", 1, "2026-11-24T10:00"); /* under way */
	ASSERT_STARTS(&tuesday, "2026-11-24T11:30", 1, "2026-11-24T10:00"); /* last minute */
	ASSERT_STARTS(&tuesday, "2026-11-24T11:31", 1, "2026-12-01T10:00"); /* ended today */
	ASSERT_STARTS(&tuesday, "2026-11-24T12:00", 1, "2026-12-01T10:00");

	schedule_rule start_only = weekly(TUESDAY, HM(10, 0), CATALOGUE_NO_TIME);
	ASSERT_STARTS(&start_only, "2026-11-24T10:00", 1, "2026-11-24T10:00");
	ASSERT_STARTS(&start_only, "2026-11-24T10:01", 1, "2026-12-01T10:00");

	/* 23:00–01:00 ends the next day, so at 00:30 Saturday Friday's meeting
	 * is still under way. */
	schedule_rule late = weekly(FRIDAY, HM(23, 0), HM(1, 0));
	meeting found[2];
	assert_int_equal(schedule_next_meetings(&late, local_at("2026-11-28T00:30"), found, 2), 2);
	assert_int_equal(found[0].start.day, date_of(2026, 11, 27));
	assert_int_equal(found[0].end.day, date_of(2026, 11, 28));
	assert_int_equal(found[0].end.minute, HM(1, 0));
	ASSERT_STARTS(&late, "2026-11-28T01:01", 1, "2026-12-04T23:00");
}

static void drop_in_without_times(void **state)
{
	(void)state;
	schedule_rule drop_in = weekly(TUESDAY, CATALOGUE_NO_TIME, CATALOGUE_NO_TIME);
	meeting found[3];
	assert_int_equal(schedule_next_meetings(&drop_in, local_at("2026-11-24T23:00"), found, 3),
	                 3);
	assert_false(found[0].has_time);
	assert_int_equal(found[0].start.day, date_of(2026, 11, 24)); /* the whole day counts */
	assert_int_equal(found[1].start.day, date_of(2026, 12, 1));
	assert_int_equal(schedule_next_meetings(&drop_in, local_at("2026-11-25T00:00"), found, 1),
	                 1);
	assert_int_equal(found[0].start.day, date_of(2026, 12, 1));
	/* An end time without a start time is not a time. */
	schedule_rule end_only = weekly(TUESDAY, CATALOGUE_NO_TIME, HM(12, 0));
	assert_int_equal(schedule_next_meetings(&end_only, local_at("2026-11-24T23:00"), found, 1),
	                 1);
	assert_false(found[0].has_time);
}

static void fortnightly_meetings(void **state)
{
	(void)state;
	/* Anchored on vanaf (a Wednesday): every other Wednesday from it, on
	 * through the year boundary. */
	schedule_rule wednesday = weekly(WEDNESDAY, HM(19, 30), HM(21, 0));
	wednesday.frequency = FREQUENCY_FORTNIGHTLY;
	wednesday.valid_from = date_of(2026, 11, 4);
	ASSERT_STARTS(&wednesday, "2026-11-01T12:00", 6, "2026-11-04T19:30", "2026-11-18T19:30",
	              "2026-12-02T19:30", "2026-12-16T19:30", "2026-12-30T19:30",
	              "2027-01-13T19:30");
	ASSERT_STARTS(&wednesday, "2026-11-19T12:00", 1, "2026-12-02T19:30");

	/* vanaf on a Thursday anchors its whole week: the Monday before it is
	 * outside the window, so the first meeting is two weeks later. */
	schedule_rule monday = weekly(MONDAY, HM(10, 0), HM(11, 0));
	monday.frequency = FREQUENCY_FORTNIGHTLY;
	monday.valid_from = date_of(2026, 11, 5);
	ASSERT_STARTS(&monday, "2026-11-01T12:00", 3, "2026-11-16T10:00", "2026-11-30T10:00",
	              "2026-12-14T10:00");

	/* Two weekdays in the same fortnight week. */
	schedule_rule two_days = weekly(MONDAY | FRIDAY, HM(10, 0), HM(11, 0));
	two_days.frequency = FREQUENCY_FORTNIGHTLY;
	two_days.valid_from = date_of(2026, 11, 2);
	ASSERT_STARTS(&two_days, "2026-11-01T12:00", 4, "2026-11-02T10:00", "2026-11-06T10:00",
	              "2026-11-16T10:00", "2026-11-20T10:00");

	/* Across the spring change the wall-clock time stays 10:00. */
	schedule_rule sunday = weekly(SUNDAY, HM(10, 0), HM(12, 0));
	sunday.frequency = FREQUENCY_FORTNIGHTLY;
	sunday.valid_from = date_of(2026, 3, 1);
	meeting found[4];
	assert_int_equal(schedule_next_meetings(&sunday, local_at("2026-02-20T00:00"), found, 4),
	                 4);
	int32_t expected_days[] = {date_of(2026, 3, 1), date_of(2026, 3, 15), date_of(2026, 3, 29),
	                           date_of(2026, 4, 12)};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(found[i].start.day, expected_days[i]);
		assert_int_equal(found[i].start.minute, HM(10, 0));
	}
	assert_true(schedule_utc_from_local(found[1].start) == utc_at(2026, 3, 15, 9, 0));
	assert_true(schedule_utc_from_local(found[2].start) == utc_at(2026, 3, 29, 8, 0));

	/* Without vanaf the weeks count from Monday 2026-01-05. */
	schedule_rule unanchored = weekly(MONDAY, HM(10, 0), HM(11, 0));
	unanchored.frequency = FREQUENCY_FORTNIGHTLY;
	meeting many[12];
	size_t count = schedule_next_meetings(&unanchored, local_at("2026-11-20T12:00"), many, 12);
	assert_int_equal(count, 12);
	assert_int_equal(many[0].start.day, date_of(2026, 11, 23));
	for (size_t i = 0; i < count; i++) {
		assert_int_equal((many[i].start.day - date_of(2026, 1, 5)) % 14, 0);
		if (i > 0)
			assert_int_equal(many[i].start.day - many[i - 1].start.day, 14);
	}
	/* Before the anchor the parity continues backwards. */
	count = schedule_next_meetings(&unanchored, local_at("2025-12-20T12:00"), many, 2);
	assert_int_equal(count, 2);
	assert_int_equal(many[0].start.day, date_of(2025, 12, 22));
	assert_int_equal(many[1].start.day, date_of(2026, 1, 5));
}

static void monthly_meetings(void **state)
{
	(void)state;
	schedule_rule first_tuesday = monthly(1, 1);
	first_tuesday.start_minute = HM(10, 0);
	first_tuesday.end_minute = HM(12, 0);
	ASSERT_STARTS(&first_tuesday, "2026-11-20T12:00", 4, "2026-12-01T10:00", "2027-01-05T10:00",
	              "2027-02-02T10:00", "2027-03-02T10:00");

	schedule_rule last_friday = monthly(-1, 4);
	last_friday.start_minute = HM(14, 0);
	ASSERT_STARTS(&last_friday, "2026-11-20T12:00", 5, "2026-11-27T14:00", "2026-12-25T14:00",
	              "2027-01-29T14:00", "2027-02-26T14:00", "2027-03-26T14:00");

	/* The fifth Thursday exists only in some months. */
	schedule_rule fifth_thursday = monthly(5, 3);
	fifth_thursday.start_minute = HM(19, 0);
	/* The next one, 2027-04-29, lies beyond the 400 days searched. */
	ASSERT_STARTS(&fifth_thursday, "2026-01-01T00:00", 6, "2026-01-29T19:00",
	              "2026-04-30T19:00", "2026-07-30T19:00", "2026-10-29T19:00",
	              "2026-12-31T19:00");

	/* Second and fourth Wednesday together. */
	schedule_rule two_ordinals = monthly(4, 2);
	two_ordinals.ordinal_count = 2;
	two_ordinals.ordinals[1].ordinal = 2;
	two_ordinals.ordinals[1].weekday = 2;
	ASSERT_STARTS(&two_ordinals, "2026-11-01T00:00", 4, "2026-11-11T00:00", "2026-11-25T00:00",
	              "2026-12-09T00:00", "2026-12-23T00:00");

	/* Monthly without ordinals has no structured schedule. */
	schedule_rule no_ordinals = empty_rule();
	no_ordinals.frequency = FREQUENCY_MONTHLY;
	no_ordinals.weekdays = TUESDAY;
	meeting found[2];
	assert_int_equal(
	    schedule_next_meetings(&no_ordinals, local_at("2026-11-01T00:00"), found, 2), 0);
}

static void month_and_year_ends(void **state)
{
	(void)state;
	/* 31 January 2026 is the last Saturday; 28 and 29 February 2028. */
	schedule_rule last_saturday = monthly(-1, 5);
	ASSERT_STARTS(&last_saturday, "2026-01-20T00:00", 2, "2026-01-31T00:00",
	              "2026-02-28T00:00");
	schedule_rule last_tuesday = monthly(-1, 1);
	ASSERT_STARTS(&last_tuesday, "2028-02-01T00:00", 2, "2028-02-29T00:00", "2028-03-28T00:00");
	schedule_rule last_monday = monthly(-1, 0);
	ASSERT_STARTS(&last_monday, "2028-02-01T00:00", 1, "2028-02-28T00:00");
	schedule_rule fifth_tuesday = monthly(5, 1);
	ASSERT_STARTS(&fifth_tuesday, "2028-02-01T00:00", 1, "2028-02-29T00:00");
	/* Weekly over 29 February and over New Year. */
	schedule_rule tuesday = weekly(TUESDAY, HM(9, 0), HM(10, 0));
	ASSERT_STARTS(&tuesday, "2028-02-23T00:00", 2, "2028-02-29T09:00", "2028-03-07T09:00");
	schedule_rule thursday = weekly(THURSDAY, HM(9, 0), HM(10, 0));
	ASSERT_STARTS(&thursday, "2026-12-28T00:00", 2, "2026-12-31T09:00", "2027-01-07T09:00");
	schedule_rule first_friday = monthly(1, 4);
	ASSERT_STARTS(&first_friday, "2026-12-31T00:00", 1, "2027-01-01T00:00");
}

static void validity_window_and_exceptions(void **state)
{
	(void)state;
	schedule_rule tuesday = weekly(TUESDAY, HM(10, 0), HM(11, 0));
	tuesday.valid_from = date_of(2026, 12, 1);
	tuesday.valid_to = date_of(2026, 12, 15);
	ASSERT_STARTS(&tuesday, "2026-11-01T00:00", 10, "2026-12-01T10:00", "2026-12-08T10:00",
	              "2026-12-15T10:00");
	assert_false(schedule_has_expired(&tuesday, local_at("2026-12-15T23:59")));
	assert_true(schedule_has_expired(&tuesday, local_at("2026-12-16T00:00")));
	meeting found[4];
	assert_int_equal(schedule_next_meetings(&tuesday, local_at("2026-12-16T00:00"), found, 4),
	                 0);
	schedule_rule open = weekly(TUESDAY, HM(10, 0), HM(11, 0));
	assert_false(schedule_has_expired(&open, local_at("2099-01-01T00:00")));

	/* Starting more than 400 days ahead is not found; just within is. */
	schedule_rule later = weekly(THURSDAY, HM(10, 0), HM(11, 0));
	later.valid_from = date_of(2027, 12, 2);
	ASSERT_STARTS(&later, "2026-11-20T00:00", 1, "2027-12-02T10:00");
	later.valid_from = date_of(2028, 1, 6);
	assert_int_equal(schedule_next_meetings(&later, local_at("2026-11-20T00:00"), found, 4), 0);

	int32_t exceptions[] = {date_of(2026, 12, 1), date_of(2026, 12, 22)};
	schedule_rule with_holidays = weekly(TUESDAY, HM(10, 0), HM(11, 0));
	with_holidays.exceptions = exceptions;
	with_holidays.exception_count = 2;
	ASSERT_STARTS(&with_holidays, "2026-11-20T00:00", 4, "2026-11-24T10:00", "2026-12-08T10:00",
	              "2026-12-15T10:00", "2026-12-29T10:00");
	schedule_rule monthly_with_holiday = monthly(-1, 4);
	int32_t christmas[] = {date_of(2026, 12, 25)};
	monthly_with_holiday.exceptions = christmas;
	monthly_with_holiday.exception_count = 1;
	ASSERT_STARTS(&monthly_with_holiday, "2026-11-20T00:00", 2, "2026-11-27T00:00",
	              "2027-01-29T00:00");
}

static void sunday_night_meeting_across_spring_forward(void **state)
{
	(void)state;
	schedule_rule sunday = weekly(SUNDAY, HM(2, 30), HM(3, 30));
	meeting found[3];
	assert_int_equal(schedule_next_meetings(&sunday, local_at("2026-03-20T00:00"), found, 3),
	                 3);
	assert_int_equal(found[0].start.day, date_of(2026, 3, 22));
	assert_int_equal(found[1].start.day, date_of(2026, 3, 29));
	assert_int_equal(found[2].start.day, date_of(2026, 4, 5));
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(found[i].start.minute, HM(2, 30));
	/* In UTC: winter time, then the "clocks not moved yet" reading on the
	 * night itself, then summer time. */
	assert_true(schedule_utc_from_local(found[0].start) == utc_at(2026, 3, 22, 1, 30));
	assert_true(schedule_utc_from_local(found[1].start) == utc_at(2026, 3, 29, 1, 30));
	assert_true(schedule_utc_from_local(found[2].start) == utc_at(2026, 4, 5, 0, 30));
	/* At 01:59 local that night the meeting is still ahead. */
	local_time just_before = schedule_local_from_utc(utc_at(2026, 3, 29, 0, 59));
	assert_int_equal(schedule_next_meetings(&sunday, just_before, found, 1), 1);
	assert_int_equal(found[0].start.day, date_of(2026, 3, 29));
}

/* --- Dutch text --------------------------------------------------------- */

static void rule_descriptions(void **state)
{
	(void)state;
	schedule_rule rule = weekly(TUESDAY, HM(10, 0), HM(11, 30));
	assert_rule_text(&rule, "elke dinsdag 10.00–11.30 uur");
	rule = weekly(MONDAY | THURSDAY, HM(14, 0), CATALOGUE_NO_TIME);
	assert_rule_text(&rule, "elke maandag en donderdag 14.00 uur");
	rule = weekly(MONDAY | WEDNESDAY | FRIDAY, CATALOGUE_NO_TIME, CATALOGUE_NO_TIME);
	assert_rule_text(&rule, "elke maandag, woensdag en vrijdag");
	rule = weekly(SATURDAY | SUNDAY, HM(9, 5), HM(9, 5));
	assert_rule_text(&rule, "elke zaterdag en zondag 9.05 uur");
	rule = weekly(WEDNESDAY, HM(19, 30), HM(21, 0));
	rule.frequency = FREQUENCY_FORTNIGHTLY;
	assert_rule_text(&rule, "om de week op woensdag 19.30–21.00 uur");

	rule = monthly(1, 1);
	rule.start_minute = HM(10, 0);
	rule.end_minute = HM(12, 0);
	assert_rule_text(&rule, "elke eerste dinsdag van de maand 10.00–12.00 uur");
	rule = monthly(-1, 4);
	assert_rule_text(&rule, "elke laatste vrijdag van de maand");
	rule = monthly(4, 2); /* given out of order on purpose */
	rule.ordinal_count = 2;
	rule.ordinals[1].ordinal = 2;
	rule.ordinals[1].weekday = 2;
	assert_rule_text(&rule, "elke tweede en vierde woensdag van de maand");
	rule.ordinal_count = 3;
	rule.ordinals[2].ordinal = -1;
	rule.ordinals[2].weekday = 4;
	assert_rule_text(&rule, "elke tweede en vierde woensdag en laatste vrijdag van de maand");
	rule = monthly(-1, 6);
	rule.ordinal_count = 3;
	rule.ordinals[1].ordinal = -2;
	rule.ordinals[1].weekday = 6;
	rule.ordinals[2].ordinal = 3;
	rule.ordinals[2].weekday = 6;
	assert_rule_text(&rule, "elke derde, voorlaatste en laatste zondag van de maand");

	rule = empty_rule();
	text_buffer text = {0};
	assert_int_equal(text_buffer_append_string(&text, "old"), STATUS_OK);
	assert_int_equal(schedule_describe_rule(&rule, &text), STATUS_OK);
	assert_string_equal(text_buffer_string(&text), "");
	text_buffer_free(&text);
}

static void meeting_descriptions(void **state)
{
	(void)state;
	text_buffer text = {0};
	meeting item = {local_at("2026-11-24T10:00"), local_at("2026-11-24T11:30"), true};
	assert_int_equal(schedule_describe_meeting(&item, &text), STATUS_OK);
	assert_string_equal(text_buffer_string(&text), "dinsdag 24 november, 10.00–11.30 uur");
	item.end = item.start;
	assert_int_equal(schedule_describe_meeting(&item, &text), STATUS_OK);
	assert_string_equal(text_buffer_string(&text), "dinsdag 24 november, 10.00 uur");
	item = (meeting){local_at("2026-03-29T02:30"), local_at("2026-03-29T02:30"), true};
	assert_int_equal(schedule_describe_meeting(&item, &text), STATUS_OK);
	assert_string_equal(text_buffer_string(&text), "zondag 29 maart, 2.30 uur");
	item = (meeting){local_at("2026-11-27T23:00"), local_at("2026-11-28T01:00"), true};
	assert_int_equal(schedule_describe_meeting(&item, &text), STATUS_OK);
	assert_string_equal(text_buffer_string(&text), "vrijdag 27 november, 23.00–1.00 uur");

	/* Whole days from a rule without times: no time at all. */
	schedule_rule drop_in = weekly(THURSDAY, CATALOGUE_NO_TIME, CATALOGUE_NO_TIME);
	meeting found[1];
	assert_int_equal(schedule_next_meetings(&drop_in, local_at("2026-12-28T00:00"), found, 1),
	                 1);
	assert_int_equal(schedule_describe_meeting(&found[0], &text), STATUS_OK);
	assert_string_equal(text_buffer_string(&text), "donderdag 31 december");

	const char *months[] = {"januari",   "februari", "maart",    "april",
	                        "mei",       "juni",     "juli",     "augustus",
	                        "september", "oktober",  "november", "december"};
	for (int month = 1; month <= 12; month++) {
		item = (meeting){{date_of(2027, month, 1), 0}, {date_of(2027, month, 1), 0}, false};
		assert_int_equal(schedule_describe_meeting(&item, &text), STATUS_OK);
		assert_non_null(strstr(text_buffer_string(&text), months[month - 1]));
		assert_non_null(strstr(text_buffer_string(&text), " 1 "));
	}
	const char *weekdays[] = {"maandag", "dinsdag",  "woensdag", "donderdag",
	                          "vrijdag", "zaterdag", "zondag"};
	for (int day = 0; day < 7; day++) {
		/* 2026-01-05 is a Monday. */
		item = (meeting){
		    {date_of(2026, 1, 5 + day), 0}, {date_of(2026, 1, 5 + day), 0}, false};
		assert_int_equal(schedule_describe_meeting(&item, &text), STATUS_OK);
		assert_true(text_starts_with(text_buffer_string(&text), weekdays[day]));
	}
	text_buffer_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(spring_forward_2026),
	    cmocka_unit_test(fall_back_2026),
	    cmocka_unit_test(offsets_through_the_years),
	    cmocka_unit_test(conversions_round_trip_for_a_year),
	    cmocka_unit_test(parse_and_format),
	    cmocka_unit_test(weekly_meetings),
	    cmocka_unit_test(meeting_under_way_and_already_ended),
	    cmocka_unit_test(drop_in_without_times),
	    cmocka_unit_test(fortnightly_meetings),
	    cmocka_unit_test(monthly_meetings),
	    cmocka_unit_test(month_and_year_ends),
	    cmocka_unit_test(validity_window_and_exceptions),
	    cmocka_unit_test(sunday_night_meeting_across_spring_forward),
	    cmocka_unit_test(rule_descriptions),
	    cmocka_unit_test(meeting_descriptions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
