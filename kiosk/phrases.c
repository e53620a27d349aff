/* phrases.c — days, months, meetings and walks in the resident's language,
 * through the message catalogue (the Dutch text is the message id). */
#include "phrases.h"

#include "catalogue.h"
#include "text.h"

const char *phrases_weekday_name(const translation *messages, int weekday)
{
	switch (weekday) {
	case 0: return translate_text(messages, "maandag");
	case 1: return translate_text(messages, "dinsdag");
	case 2: return translate_text(messages, "woensdag");
	case 3: return translate_text(messages, "donderdag");
	case 4: return translate_text(messages, "vrijdag");
	case 5: return translate_text(messages, "zaterdag");
	default: return translate_text(messages, "zondag");
	}
}

const char *phrases_month_name(const translation *messages, int month)
{
	switch (month) {
	case 1: return translate_text(messages, "januari");
	case 2: return translate_text(messages, "februari");
	case 3: return translate_text(messages, "maart");
	case 4: return translate_text(messages, "april");
	case 5: return translate_text(messages, "mei");
	case 6: return translate_text(messages, "juni");
	case 7: return translate_text(messages, "juli");
	case 8: return translate_text(messages, "augustus");
	case 9: return translate_text(messages, "september");
	case 10: return translate_text(messages, "oktober");
	case 11: return translate_text(messages, "november");
	default: return translate_text(messages, "december");
	}
}

void phrases_meeting(const translation *messages, const meeting *when, bool time_unbroken,
                     char *out, size_t size)
{
	int year = 0, month = 0, day = 0;
	catalogue_civil_from_days(when->start.day, &year, &month, &day);
	char date[96];
	/* TRANSLATORS: weekday, day of the month, month: "dinsdag 24 november". */
	(void)text_format(date, sizeof(date), translate_text(messages, "%s %d %s"),
	                  phrases_weekday_name(messages, catalogue_weekday(when->start.day)), day,
	                  phrases_month_name(messages, month));
	if (!when->has_time) {
		(void)text_copy(out, size, date);
		return;
	}
	char clock[32];
	/* TRANSLATORS: a time of day, hours and minutes: "10.00 uur". */
	(void)text_format(clock, sizeof(clock), translate_text(messages, "%d.%02d uur"),
	                  when->start.minute / 60, when->start.minute % 60);
	char kept[64];
	/* TRANSLATORS: a date and a time: "dinsdag 24 november, 10.00 uur". */
	(void)text_format(out, size, translate_text(messages, "%s, %s"), date,
	                  time_unbroken ? text_keep_together(clock, kept, sizeof(kept)) : clock);
}

void phrases_walking(const translation *messages, int minutes, const char *from, char *out,
                     size_t size)
{
	if (size > 0) {
		out[0] = '\0';
	}
	if (minutes < 0) {
		return;
	}
	if (from != NULL && from[0]) {
		if (minutes == 1) {
			(void)text_format(
			    out, size, translate_text(messages, "1 minuut lopen vanaf %s"), from);
		} else {
			(void)text_format(out, size,
			                  translate_text(messages, "%d minuten lopen vanaf %s"),
			                  minutes, from);
		}
	} else if (minutes == 1) {
		(void)text_copy(out, size, translate_text(messages, "1 minuut lopen"));
	} else {
		(void)text_format(out, size, translate_text(messages, "%d minuten lopen"), minutes);
	}
}

void phrases_date(const translation *messages, int32_t days, char *out, size_t size)
{
	int year = 0, month = 0, day = 0;
	catalogue_civil_from_days(days, &year, &month, &day);
	/* TRANSLATORS: day of the month, month, year: "3 november 2026". */
	(void)text_format(out, size, translate_text(messages, "%d %s %d"), day,
	                  phrases_month_name(messages, month), year);
}

void phrases_day(const translation *messages, int32_t days, char *out, size_t size)
{
	int year = 0, month = 0, day_of_month = 0;
	catalogue_civil_from_days(days, &year, &month, &day_of_month);
	/* TRANSLATORS: the slip's date: weekday, day, month, year:
	 * "dinsdag 24 november 2026". */
	(void)text_format(out, size, translate_text(messages, "%s %d %s %d"),
	                  phrases_weekday_name(messages, catalogue_weekday(days)), day_of_month,
	                  phrases_month_name(messages, month), year);
}
