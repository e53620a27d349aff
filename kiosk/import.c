/* import.c — turns a volunteer's spreadsheet into a validated catalogue and
 * explains, per row and in plain Dutch, what was wrong with it. */
#define _POSIX_C_SOURCE 200809L
#include "import.h"

#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "csv.h"
#include "distance.h"
#include "json.h"
#include "sha256.h"
#include "text.h"

/* Free text longer than this is cut (the kiosk cannot show more anyway). */
#define IMPORT_MAX_TEXT_BYTES 2000u
/* Longest value quoted back to the volunteer inside a message. */
#define QUOTED_VALUE_BYTES 40u
/* A folded vocabulary word or header name never needs more. */
#define WORD_BYTES          128u
#define MAX_EXCEPTION_DATES 366u
#define MAX_LANGUAGES       32u
#define FIRST_YEAR          1900
#define LAST_YEAR           2199

/* ---------------------------------------------------------------------------
 * Problems
 * ------------------------------------------------------------------------- */

static status add_problem_text(import_report *report, import_severity severity, uint32_t row,
                               const char *column, const char *message)
{
	if (report == NULL)
		return STATUS_OK;
	if (severity == IMPORT_ERROR)
		report->error_count++;
	else
		report->warning_count++;
	if (report->problem_count >= IMPORT_MAX_PROBLEMS)
		return STATUS_OK;
	/* Grow by doubling; the array never outgrows IMPORT_MAX_PROBLEMS. */
	size_t capacity = report->problem_count;
	bool power_of_two = capacity != 0 && (capacity & (capacity - 1)) == 0;
	if (capacity == 0 || power_of_two) {
		size_t wanted = capacity == 0 ? 16 : capacity * 2;
		if (capacity != 0 && capacity < 16)
			wanted = 16;
		if (wanted > capacity) {
			import_problem *grown = realloc(report->problems, wanted * sizeof *grown);
			if (grown == NULL)
				return STATUS_NO_MEMORY;
			report->problems = grown;
		}
	}
	import_problem *problem = &report->problems[report->problem_count++];
	memset(problem, 0, sizeof *problem);
	problem->severity = severity;
	problem->row = row;
	(void)text_copy(problem->column, sizeof problem->column, column != NULL ? column : "");
	(void)text_copy(problem->message, sizeof problem->message, message);
	return STATUS_OK;
}

static status add_problem(import_report *report, import_severity severity, uint32_t row,
                          const char *column, const char *format, ...) KIOSK_PRINTF(5, 6);

static status add_problem(import_report *report, import_severity severity, uint32_t row,
                          const char *column, const char *format, ...)
{
	if (report == NULL)
		return STATUS_OK;
	char message[sizeof report->problems[0].message];
	va_list arguments;
	va_start(arguments, format);
	int written = vsnprintf(message, sizeof message, format, arguments);
	va_end(arguments);
	if (written < 0)
		message[0] = '\0';
	else if ((size_t)written >= sizeof message) {
		/* vsnprintf may have split a UTF-8 sequence; text_copy never does. */
		char copy[sizeof message];
		(void)text_copy(copy, sizeof copy, message);
		memcpy(message, copy, sizeof message);
	}
	return add_problem_text(report, severity, row, column, message);
}

static void set_fatal(import_report *report, const char *message)
{
	report->fatal = true;
	(void)text_copy(report->fatal_message, sizeof report->fatal_message, message);
}

/* ---------------------------------------------------------------------------
 * Cells: a view of bytes that may not be NUL-terminated after trimming.
 * ------------------------------------------------------------------------- */

typedef struct cell {
	const char *text;
	size_t length;
} cell;

static cell cell_from_string(const char *text)
{
	cell result = {text != NULL ? text : "", text != NULL ? strlen(text) : 0};
	return result;
}

/* Trims spaces, and also the non-breaking space (U+00A0) that cells copied
 * from a web page or Word end in: otherwise "n1\u00A0" would be another id
 * than "n1" and a signup link would carry an invisible character. */
static cell cell_trimmed(cell value)
{
	static const char NO_BREAK_SPACE[2] = {'\xC2', '\xA0'};
	cell result = value;
	for (;;) {
		size_t length = result.length;
		result.text = text_trim(result.text, &length);
		result.length = length;
		if (result.length >= 2 && memcmp(result.text, NO_BREAK_SPACE, 2) == 0) {
			result.text += 2;
			result.length -= 2;
		} else if (result.length >= 2 &&
		           memcmp(result.text + result.length - 2, NO_BREAK_SPACE, 2) == 0) {
			result.length -= 2;
		} else {
			return result;
		}
	}
}

/* UTF-8 characters, not bytes: the contract's limits are in characters. */
static size_t count_characters(cell value)
{
	size_t count = 0;
	for (size_t i = 0; i < value.length; i++) {
		if (((unsigned char)value.text[i] & 0xC0u) != 0x80u)
			count++;
	}
	return count;
}

/* Writes the value for a message: at most QUOTED_VALUE_BYTES, never split
 * inside a UTF-8 sequence, with "…" when cut, control characters shown as
 * spaces so a message stays on one line. */
static void quote_value(char out[QUOTED_VALUE_BYTES + 8], cell value)
{
	size_t length = value.length;
	bool cut = false;
	if (length > QUOTED_VALUE_BYTES) {
		length = QUOTED_VALUE_BYTES;
		while (length > 0 && ((unsigned char)value.text[length] & 0xC0u) == 0x80u)
			length--;
		cut = true;
	}
	for (size_t i = 0; i < length; i++) {
		unsigned char byte = (unsigned char)value.text[i];
		out[i] = (byte < 0x20u || byte == 0x7Fu) ? ' ' : (char)byte;
	}
	out[length] = '\0';
	if (cut)
		memcpy(out + length, "\xE2\x80\xA6", 4);
}

/* Copies as much of `value` as fits in `size` bytes without splitting a UTF-8
 * sequence; control characters become spaces (a header name stays on one line). */
static void copy_cell(char *out, size_t size, cell value)
{
	size_t length = value.length < size - 1 ? value.length : size - 1;
	while (length < value.length && length > 0 &&
	       ((unsigned char)value.text[length] & 0xC0u) == 0x80u)
		length--;
	for (size_t i = 0; i < length; i++) {
		unsigned char byte = (unsigned char)value.text[i];
		out[i] = (byte < 0x20u || byte == 0x7Fu) ? ' ' : (char)byte;
	}
	out[length] = '\0';
}

/* ---------------------------------------------------------------------------
 * Windows-1252: what Excel's plain "CSV" writes. Cells that are not UTF-8 are
 * read as Windows-1252 so "café" survives instead of being refused.
 * ------------------------------------------------------------------------- */

static const uint16_t WINDOWS_1252_HIGH[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

/* Converts `length` bytes into `out` (which has room for 3 * length + 1
 * bytes); returns the converted length. */
static size_t convert_windows_1252(const char *bytes, size_t length, char *out)
{
	size_t written = 0;
	for (size_t i = 0; i < length; i++) {
		unsigned char byte = (unsigned char)bytes[i];
		uint32_t code_point = byte;
		if (byte >= 0x80u && byte < 0xA0u)
			code_point = WINDOWS_1252_HIGH[byte - 0x80u];
		if (code_point < 0x80u) {
			out[written++] = (char)code_point;
		} else if (code_point < 0x800u) {
			out[written++] = (char)(0xC0u | (code_point >> 6));
			out[written++] = (char)(0x80u | (code_point & 0x3Fu));
		} else {
			out[written++] = (char)(0xE0u | (code_point >> 12));
			out[written++] = (char)(0x80u | ((code_point >> 6) & 0x3Fu));
			out[written++] = (char)(0x80u | (code_point & 0x3Fu));
		}
	}
	out[written] = '\0';
	return written;
}

/* Memory for converted cells, reused from row to row. */
typedef struct scratch {
	char *bytes;
	size_t capacity;
} scratch;

/* Replaces every cell of `cells` that is not valid UTF-8 by its
 * Windows-1252 reading. Returns STATUS_OK and sets *converted when any cell
 * changed. All conversions share one allocation so earlier views stay valid. */
static status convert_invalid_cells(scratch *memory, cell *cells, size_t count, bool *converted)
{
	size_t needed = 0;
	for (size_t i = 0; i < count; i++) {
		if (cells[i].length > 0 && !text_is_valid_utf8(cells[i].text, cells[i].length))
			needed += cells[i].length * 3 + 1;
	}
	if (needed == 0)
		return STATUS_OK;
	if (needed > memory->capacity) {
		char *grown = realloc(memory->bytes, needed);
		if (grown == NULL)
			return STATUS_NO_MEMORY;
		memory->bytes = grown;
		memory->capacity = needed;
	}
	size_t used = 0;
	for (size_t i = 0; i < count; i++) {
		if (cells[i].length == 0 || text_is_valid_utf8(cells[i].text, cells[i].length))
			continue;
		char *target = memory->bytes + used;
		size_t length = convert_windows_1252(cells[i].text, cells[i].length, target);
		cells[i].text = target;
		cells[i].length = length;
		used += length + 1;
	}
	*converted = true;
	return STATUS_OK;
}

/* ---------------------------------------------------------------------------
 * Words: header names and vocabulary values are compared after folding.
 * ------------------------------------------------------------------------- */

/* Folds `value` (case, accents, spaces, '-', '_') and then drops apostrophes
 * and turns other ASCII punctuation into '_', so "Thema's", "thema’s" and
 * "themas" meet, as do "e-mail" and "E mail". False when it does not fit. */
static bool normalize_word(char out[WORD_BYTES], cell value)
{
	char input[WORD_BYTES];
	if (value.length >= sizeof input)
		return false;
	memcpy(input, value.text, value.length);
	input[value.length] = '\0';
	char folded[WORD_BYTES];
	if (!text_fold(folded, sizeof folded, input))
		return false;
	size_t written = 0;
	for (size_t i = 0; folded[i] != '\0';) {
		unsigned char byte = (unsigned char)folded[i];
		if (byte == '\'' || byte == '`') {
			i++;
			continue;
		}
		if (byte == 0xE2u && (unsigned char)folded[i + 1] == 0x80u &&
		    ((unsigned char)folded[i + 2] == 0x98u ||
		     (unsigned char)folded[i + 2] == 0x99u)) {
			i += 3; /* ‘ and ’ */
			continue;
		}
		char kept = (char)byte;
		bool ascii_punctuation = byte < 0x80u && !(byte >= 'a' && byte <= 'z') &&
		                         !(byte >= '0' && byte <= '9') && byte != '_';
		if (ascii_punctuation)
			kept = '_';
		if (kept == '_' && (written == 0 || out[written - 1] == '_')) {
			i++;
			continue;
		}
		out[written++] = kept;
		i++;
	}
	while (written > 0 && out[written - 1] == '_')
		written--;
	out[written] = '\0';
	return true;
}

/* ---------------------------------------------------------------------------
 * Header: names, aliases and translated columns.
 * ------------------------------------------------------------------------- */

typedef struct header_alias {
	const char *name; /* normalized */
	catalogue_field field;
} header_alias;

/* Open Referral HSDS / UK names and common Dutch variants. The canonical names
 * from catalogue_field_name() are accepted as well. */
static const header_alias HEADER_ALIASES[] = {
    {"identifier", FIELD_ID},
    {"name", FIELD_NAME},
    {"naam_activiteit", FIELD_NAME},
    {"titel", FIELD_NAME},
    {"description", FIELD_DESCRIPTION},
    {"beschrijving", FIELD_DESCRIPTION},
    {"type", FIELD_KIND},
    {"thema", FIELD_THEMES},
    {"themas", FIELD_THEMES},
    {"themes", FIELD_THEMES},
    {"leefstijlthema", FIELD_THEMES},
    {"leefstijlthemas", FIELD_THEMES},
    {"aandoening", FIELD_CONDITIONS},
    {"conditions", FIELD_CONDITIONS},
    {"attending_type", FIELD_CONTACT},
    {"attending_access", FIELD_ACCESS},
    {"free", FIELD_COST},
    {"fees_description", FIELD_COST_TEXT},
    {"fees", FIELD_COST_TEXT},
    {"eligibility_description", FIELD_AUDIENCE},
    {"minimum_age", FIELD_AGE_MIN},
    {"maximum_age", FIELD_AGE_MAX},
    {"languages", FIELD_LANGUAGES},
    {"taal", FIELD_LANGUAGES},
    {"address_1", FIELD_ADDRESS},
    {"address", FIELD_ADDRESS},
    {"postal_code", FIELD_POSTCODE},
    {"city", FIELD_CITY},
    {"woonplaats", FIELD_CITY},
    {"latitude", FIELD_LATITUDE},
    {"breedtegraad", FIELD_LATITUDE},
    {"longitude", FIELD_LONGITUDE},
    {"lng", FIELD_LONGITUDE},
    {"lengtegraad", FIELD_LONGITUDE},
    {"accessibility", FIELD_WHEELCHAIR},
    {"rolstoeltoegankelijk", FIELD_WHEELCHAIR},
    {"byday", FIELD_DAYS},
    {"dag", FIELD_DAYS},
    {"freq", FIELD_FREQUENCY},
    {"opens_at", FIELD_TIME_FROM},
    {"begintijd", FIELD_TIME_FROM},
    {"closes_at", FIELD_TIME_TO},
    {"eindtijd", FIELD_TIME_TO},
    {"valid_from", FIELD_VALID_FROM},
    {"valid_to", FIELD_VALID_TO},
    {"uitzonderingen", FIELD_EXCEPTIONS},
    {"schedule_description", FIELD_SCHEDULE_TEXT},
    {"url", FIELD_SIGNUP_URL},
    {"website", FIELD_SIGNUP_URL},
    {"phone", FIELD_PHONE},
    {"telefoonnummer", FIELD_PHONE},
    {"e_mail", FIELD_EMAIL},
    {"e_mailadres", FIELD_EMAIL},
    {"emailadres", FIELD_EMAIL},
    {"contact_person", FIELD_CONTACT_PERSON},
    {"assured_date", FIELD_CHECKED},
};

enum {
	COLUMN_UNUSED = -1,
	COLUMN_INTERVAL = -2,       /* HSDS interval: only modifies frequentie */
	COLUMN_OTHER_LANGUAGE = -3, /* "naam_de": a translation the kiosk cannot show */
};

static bool field_matches_name(catalogue_field field, const char *normalized)
{
	char canonical[WORD_BYTES];
	if (!normalize_word(canonical, cell_from_string(catalogue_field_name(field))))
		return false;
	return strcmp(canonical, normalized) == 0;
}

/* Which column this header name is: a catalogue_field, or one of COLUMN_*. */
static int classify_header(const char *normalized)
{
	for (int field = 0; field < FIELD_COUNT; field++) {
		if (field_matches_name((catalogue_field)field, normalized))
			return field;
	}
	for (size_t i = 0; i < sizeof HEADER_ALIASES / sizeof HEADER_ALIASES[0]; i++) {
		if (strcmp(HEADER_ALIASES[i].name, normalized) == 0)
			return (int)HEADER_ALIASES[i].field;
	}
	if (strcmp(normalized, "interval") == 0)
		return COLUMN_INTERVAL;
	/* A translation under another name of its Dutch column ("name_en",
	 * "beschrijving_tr", "fees_description_ar"): that name (or alias) plus
	 * "_" and a two-letter language code. */
	size_t length = strlen(normalized);
	if (length > 3 && normalized[length - 3] == '_' && normalized[length - 2] >= 'a' &&
	    normalized[length - 2] <= 'z' && normalized[length - 1] >= 'a' &&
	    normalized[length - 1] <= 'z') {
		char base[WORD_BYTES];
		memcpy(base, normalized, length - 3);
		base[length - 3] = '\0';
		int base_field = classify_header(base);
		if (base_field < 0)
			return COLUMN_UNUSED;
		catalogue_field source = (catalogue_field)base_field;
		catalogue_field translation =
		    catalogue_translation_field(source, normalized + length - 2);
		if (translation != FIELD_COUNT)
			return (int)translation;
		/* Any language, so a column of a translatable text is recognised. */
		if (catalogue_translation_field(source, catalogue_translation_language(0)) !=
		    FIELD_COUNT)
			return COLUMN_OTHER_LANGUAGE;
	}
	return COLUMN_UNUSED;
}

/* ---------------------------------------------------------------------------
 * Vocabulary values and their synonyms.
 * ------------------------------------------------------------------------- */

typedef struct value_synonym {
	catalogue_field field;
	const char *word;      /* normalized */
	const char *canonical; /* the catalogue_vocabulary_word() it means */
} value_synonym;

static const value_synonym VALUE_SYNONYMS[] = {
    {FIELD_KIND, "lotgenotengroep", "groep"},
    {FIELD_KIND, "praatgroep", "groep"},
    {FIELD_KIND, "group", "groep"},
    {FIELD_KIND, "wandelen", "wandelgroep"},
    {FIELD_KIND, "wandeling", "wandelgroep"},
    {FIELD_KIND, "wandelclub", "wandelgroep"},
    {FIELD_KIND, "walking_group", "wandelgroep"},
    {FIELD_KIND, "buddy", "maatje"},
    {FIELD_KIND, "maatjes", "maatje"},
    {FIELD_KIND, "training", "cursus"},
    {FIELD_KIND, "course", "cursus"},
    {FIELD_KIND, "phone", "telefoon"},
    {FIELD_KIND, "telefonisch", "telefoon"},

    {FIELD_STATUS, "active", "actief"},
    {FIELD_STATUS, "gepauzeerd", "tijdelijk_gestopt"},
    {FIELD_STATUS, "pauze", "tijdelijk_gestopt"},
    {FIELD_STATUS, "tijdelijk_niet", "tijdelijk_gestopt"},
    {FIELD_STATUS, "temporarily_closed", "tijdelijk_gestopt"},
    {FIELD_STATUS, "inactive", "gestopt"},
    {FIELD_STATUS, "defunct", "gestopt"},
    {FIELD_STATUS, "gesloten", "gestopt"},

    {FIELD_THEMES, "wandelen", "bewegen"},
    {FIELD_THEMES, "sport", "bewegen"},
    {FIELD_THEMES, "sporten", "bewegen"},
    {FIELD_THEMES, "fietsen", "bewegen"},
    {FIELD_THEMES, "zwemmen", "bewegen"},
    {FIELD_THEMES, "exercise", "bewegen"},
    {FIELD_THEMES, "physical_activity", "bewegen"},
    {FIELD_THEMES, "eten", "voeding"},
    {FIELD_THEMES, "gezond_eten", "voeding"},
    {FIELD_THEMES, "koken", "voeding"},
    {FIELD_THEMES, "food", "voeding"},
    {FIELD_THEMES, "nutrition", "voeding"},
    {FIELD_THEMES, "slapen", "slaap"},
    {FIELD_THEMES, "nachtrust", "slaap"},
    {FIELD_THEMES, "sleep", "slaap"},
    {FIELD_THEMES, "stress", "ontspanning"},
    {FIELD_THEMES, "ontspannen", "ontspanning"},
    {FIELD_THEMES, "rust", "ontspanning"},
    {FIELD_THEMES, "mindfulness", "ontspanning"},
    {FIELD_THEMES, "relaxation", "ontspanning"},
    {FIELD_THEMES, "stoppen_met_roken", "roken"},
    {FIELD_THEMES, "rookstop", "roken"},
    {FIELD_THEMES, "smoking", "roken"},
    {FIELD_THEMES, "drinken", "alcohol"},
    {FIELD_THEMES, "minder_drinken", "alcohol"},
    {FIELD_THEMES, "gezelligheid", "ontmoeten"},
    {FIELD_THEMES, "contact", "ontmoeten"},
    {FIELD_THEMES, "eenzaamheid", "ontmoeten"},
    {FIELD_THEMES, "social", "ontmoeten"},

    {FIELD_CONDITIONS, "suikerziekte", "diabetes"},
    {FIELD_CONDITIONS, "hart", "hart_en_vaten"},
    {FIELD_CONDITIONS, "hart_en_vaatziekten", "hart_en_vaten"},
    {FIELD_CONDITIONS, "hartziekte", "hart_en_vaten"},
    {FIELD_CONDITIONS, "copd", "longziekte"},
    {FIELD_CONDITIONS, "astma", "longziekte"},
    {FIELD_CONDITIONS, "longen", "longziekte"},
    {FIELD_CONDITIONS, "long", "longziekte"},
    {FIELD_CONDITIONS, "cancer", "kanker"},
    {FIELD_CONDITIONS, "obesitas", "overgewicht"},
    {FIELD_CONDITIONS, "reuma", "pijn_reuma"},
    {FIELD_CONDITIONS, "pijn", "pijn_reuma"},
    {FIELD_CONDITIONS, "chronische_pijn", "pijn_reuma"},
    {FIELD_CONDITIONS, "artrose", "pijn_reuma"},
    {FIELD_CONDITIONS, "depressie", "somberheid"},
    {FIELD_CONDITIONS, "somber", "somberheid"},
    {FIELD_CONDITIONS, "migraine", "hoofdpijn"},
    {FIELD_CONDITIONS, "multiple_sclerose", "ms"},
    {FIELD_CONDITIONS, "overig", "anders"},

    {FIELD_FORM, "1_op_1", "1op1"},
    {FIELD_FORM, "een_op_een", "1op1"},
    {FIELD_FORM, "individueel", "1op1"},
    {FIELD_FORM, "one_to_one", "1op1"},
    {FIELD_FORM, "group", "groep"},
    {FIELD_FORM, "groep_met_professional", "groep_met_zorgverlener"},
    {FIELD_FORM, "groep_met_begeleider", "groep_met_zorgverlener"},

    {FIELD_CONTACT, "in_person", "fysiek"},
    {FIELD_CONTACT, "venue", "fysiek"},
    {FIELD_CONTACT, "op_locatie", "fysiek"},
    {FIELD_CONTACT, "face_to_face", "fysiek"},
    {FIELD_CONTACT, "video", "online"},
    {FIELD_CONTACT, "phone", "telefoon"},
    {FIELD_CONTACT, "telefonisch", "telefoon"},
    {FIELD_CONTACT, "home", "thuis"},
    {FIELD_CONTACT, "home_visit", "thuis"},
    {FIELD_CONTACT, "huisbezoek", "thuis"},
    {FIELD_CONTACT, "aan_huis", "thuis"},

    {FIELD_ACCESS, "drop_in", "inloop"},
    {FIELD_ACCESS, "vrije_inloop", "inloop"},
    {FIELD_ACCESS, "appointment", "aanmelden"},
    {FIELD_ACCESS, "aanmelding", "aanmelden"},
    {FIELD_ACCESS, "afspraak", "aanmelden"},
    {FIELD_ACCESS, "referral", "verwijzing"},
    {FIELD_ACCESS, "via_huisarts", "verwijzing"},
    {FIELD_ACCESS, "programme", "programma"},
    {FIELD_ACCESS, "program", "programma"},
    {FIELD_ACCESS, "vast_programma", "programma"},

    {FIELD_COST, "0", "gratis"},
    {FIELD_COST, "free", "gratis"},
    {FIELD_COST, "kosteloos", "gratis"},
    {FIELD_COST, "true", "gratis"},
    {FIELD_COST, "false", "betaald"},
    {FIELD_COST, "eigen_bijdrage", "bijdrage"},
    {FIELD_COST, "kleine_bijdrage", "bijdrage"},
    {FIELD_COST, "vergoeding", "vergoed"},
    {FIELD_COST, "verzekerd", "vergoed"},
    {FIELD_COST, "betalen", "betaald"},

    {FIELD_SUPPORT, "luisteren", "emotioneel"},
    {FIELD_SUPPORT, "luisterend_oor", "emotioneel"},
    {FIELD_SUPPORT, "informatie", "informatief"},
    {FIELD_SUPPORT, "tips", "informatief"},
    {FIELD_SUPPORT, "praktische_hulp", "praktisch"},
    {FIELD_SUPPORT, "aanmoediging", "waarderend"},

    {FIELD_PHASE, "nadenken", "orienteren"},
    {FIELD_PHASE, "starten", "beginnen"},
    {FIELD_PHASE, "doorgaan", "volhouden"},

    {FIELD_FREQUENCY, "weekly", "wekelijks"},
    {FIELD_FREQUENCY, "elke_week", "wekelijks"},
    {FIELD_FREQUENCY, "iedere_week", "wekelijks"},
    {FIELD_FREQUENCY, "twee_wekelijks", "tweewekelijks"},
    {FIELD_FREQUENCY, "2_wekelijks", "tweewekelijks"},
    {FIELD_FREQUENCY, "om_de_week", "tweewekelijks"},
    {FIELD_FREQUENCY, "om_de_twee_weken", "tweewekelijks"},
    {FIELD_FREQUENCY, "fortnightly", "tweewekelijks"},
    {FIELD_FREQUENCY, "biweekly", "tweewekelijks"},
    {FIELD_FREQUENCY, "monthly", "maandelijks"},
    {FIELD_FREQUENCY, "elke_maand", "maandelijks"},
    {FIELD_FREQUENCY, "iedere_maand", "maandelijks"},
};

/* Finds the vocabulary index of `normalized` in `field`; false when unknown. */
static bool lookup_vocabulary(catalogue_field field, const char *normalized, unsigned *index)
{
	const char *wanted = normalized;
	for (size_t i = 0; i < sizeof VALUE_SYNONYMS / sizeof VALUE_SYNONYMS[0]; i++) {
		if (VALUE_SYNONYMS[i].field == field &&
		    strcmp(VALUE_SYNONYMS[i].word, normalized) == 0) {
			wanted = VALUE_SYNONYMS[i].canonical;
			break;
		}
	}
	unsigned size = catalogue_vocabulary_size(field);
	for (unsigned i = 0; i < size; i++) {
		const char *word = catalogue_vocabulary_word(field, i);
		if (word != NULL && word[0] != '\0' && strcmp(word, wanted) == 0) {
			*index = i;
			return true;
		}
	}
	return false;
}

/* The canonical word exactly as written (what the store saves and most
 * volunteers type): found without folding, which keeps big imports fast. */
static bool lookup_exact(catalogue_field field, cell value, unsigned *index)
{
	unsigned size = catalogue_vocabulary_size(field);
	for (unsigned i = 0; i < size; i++) {
		const char *word = catalogue_vocabulary_word(field, i);
		if (word != NULL && word[0] != '\0' && strlen(word) == value.length &&
		    memcmp(word, value.text, value.length) == 0) {
			*index = i;
			return true;
		}
	}
	return false;
}

/* Any way of writing a value: exact, folded, or a synonym. */
static bool lookup_value(catalogue_field field, cell value, unsigned *index)
{
	if (lookup_exact(field, value, index))
		return true;
	char word[WORD_BYTES];
	return normalize_word(word, value) && lookup_vocabulary(field, word, index);
}

/* "bewegen, voeding, slaap" for messages. */
static void allowed_words(catalogue_field field, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	unsigned count = catalogue_vocabulary_size(field);
	for (unsigned i = 0; i < count; i++) {
		const char *word = catalogue_vocabulary_word(field, i);
		if (word == NULL || word[0] == '\0')
			continue;
		int written =
		    snprintf(out + used, size - used, "%s%s", used == 0 ? "" : ", ", word);
		if (written < 0 || (size_t)written >= size - used)
			break;
		used += (size_t)written;
	}
}

static bool is_list_separator(char byte)
{
	return byte == ',' || byte == ';' || byte == '|';
}

/* Calls back for each trimmed, non-empty item of a list cell. */
typedef struct list_walker {
	cell rest;
} list_walker;

static bool list_next(list_walker *walker, cell *item)
{
	while (walker->rest.length > 0) {
		size_t length = 0;
		while (length < walker->rest.length &&
		       !is_list_separator(walker->rest.text[length]))
			length++;
		cell found = {walker->rest.text, length};
		if (length < walker->rest.length)
			length++; /* the separator */
		walker->rest.text += length;
		walker->rest.length -= length;
		found = cell_trimmed(found);
		if (found.length > 0) {
			*item = found;
			return true;
		}
	}
	return false;
}

/* ---------------------------------------------------------------------------
 * Dates, times, numbers, yes/no.
 * ------------------------------------------------------------------------- */

static bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && is_leap_year(year))
		return 29;
	return DAYS[month - 1];
}

typedef enum date_result { DATE_OK, DATE_MALFORMED, DATE_DOES_NOT_EXIST } date_result;

/* Reads up to `maximum_digits` digits; returns how many were read. */
static size_t read_digits(const char *text, size_t length, size_t maximum_digits, int *value)
{
	size_t count = 0;
	int result = 0;
	while (count < length && count < maximum_digits && text[count] >= '0' &&
	       text[count] <= '9') {
		result = result * 10 + (text[count] - '0');
		count++;
	}
	*value = result;
	return count;
}

/* YYYY-MM-DD or DD-MM-YYYY (also D-M-YYYY), with '-', '/' or '.'. */
static date_result parse_date(cell value, int32_t *out)
{
	int parts[3];
	size_t digits[3];
	size_t position = 0;
	char separator = 0;
	for (int part = 0; part < 3; part++) {
		digits[part] =
		    read_digits(value.text + position, value.length - position, 4, &parts[part]);
		if (digits[part] == 0)
			return DATE_MALFORMED;
		position += digits[part];
		if (part < 2) {
			if (position >= value.length)
				return DATE_MALFORMED;
			char found = value.text[position];
			if (found != '-' && found != '/' && found != '.')
				return DATE_MALFORMED;
			if (separator != 0 && found != separator)
				return DATE_MALFORMED;
			separator = found;
			position++;
		}
	}
	if (position != value.length)
		return DATE_MALFORMED;
	int year, month, day;
	if (digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2) {
		year = parts[0];
		month = parts[1];
		day = parts[2];
	} else if (digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2) {
		day = parts[0];
		month = parts[1];
		year = parts[2];
	} else {
		return DATE_MALFORMED;
	}
	if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month))
		return DATE_DOES_NOT_EXIST;
	*out = catalogue_days_from_civil(year, month, day);
	return DATE_OK;
}

/* Drops a trailing "uur" or "u" ("10.00 uur" is how the kiosk itself writes
 * times, so volunteers copy it). */
static cell without_hour_word(cell value)
{
	size_t length = value.length;
	if (length >= 3 && (value.text[length - 3] | 0x20) == 'u' &&
	    (value.text[length - 2] | 0x20) == 'u' && (value.text[length - 1] | 0x20) == 'r')
		length -= 3;
	else if (length >= 1 && (value.text[length - 1] | 0x20) == 'u')
		length -= 1;
	else
		return value;
	while (length > 0 && value.text[length - 1] == ' ')
		length--;
	cell result = {value.text, length};
	return result;
}

/* HH:MM, H:MM or HH.MM, optionally with ":00" seconds as Excel writes them
 * and "uur" after it. An end time may be 24:00: midnight, kept as 00:00 of
 * the next day (the schedule reads an end before the start as overnight). */
static bool parse_time(cell value, bool is_end, int16_t *out)
{
	value = without_hour_word(value);
	int hours, minutes, seconds = 0;
	size_t position = read_digits(value.text, value.length, 2, &hours);
	if (position == 0 || position >= value.length)
		return false;
	char separator = value.text[position];
	if (separator != ':' && separator != '.')
		return false;
	position++;
	size_t minute_digits =
	    read_digits(value.text + position, value.length - position, 2, &minutes);
	if (minute_digits != 2)
		return false;
	position += 2;
	if (position < value.length && value.text[position] == ':' && separator == ':') {
		position++;
		if (read_digits(value.text + position, value.length - position, 2, &seconds) != 2)
			return false;
		position += 2;
	}
	if (is_end && hours == 24 && minutes == 0 && seconds == 0 && position == value.length) {
		*out = 0;
		return true;
	}
	if (position != value.length || hours > 23 || minutes > 59 || seconds > 59)
		return false;
	*out = (int16_t)(hours * 60 + minutes);
	return true;
}

static bool cell_to_string(cell value, char *out, size_t size)
{
	if (value.length >= size)
		return false;
	memcpy(out, value.text, value.length);
	out[value.length] = '\0';
	return true;
}

static bool parse_decimal_cell(cell value, double *out)
{
	char text[64];
	return cell_to_string(value, text, sizeof text) && text_parse_decimal(text, out);
}

/* ja nee j n x yes no true false 1 0 waar onwaar. */
static bool parse_yes_no(cell value, uint8_t *out)
{
	static const char *const YES[] = {"ja", "j", "x", "yes", "y", "true", "1", "waar"};
	static const char *const NO[] = {"nee", "n", "no", "false", "0", "onwaar", "niet"};
	char word[WORD_BYTES];
	if (!normalize_word(word, value))
		return false;
	for (size_t i = 0; i < sizeof YES / sizeof YES[0]; i++) {
		if (strcmp(word, YES[i]) == 0) {
			*out = TRISTATE_YES;
			return true;
		}
	}
	for (size_t i = 0; i < sizeof NO / sizeof NO[0]; i++) {
		if (strcmp(word, NO[i]) == 0) {
			*out = TRISTATE_NO;
			return true;
		}
	}
	return false;
}

/* ---------------------------------------------------------------------------
 * Days: ma di wo, full names, HSDS codes, monthly ordinals.
 * ------------------------------------------------------------------------- */

static const char *const WEEKDAY_NAMES[7][6] = {
    {"ma", "maandag", "mo", "mon", "monday", "maa"},
    {"di", "dinsdag", "tu", "tue", "tuesday", "din"},
    {"wo", "woensdag", "we", "wed", "wednesday", "woe"},
    {"do", "donderdag", "th", "thu", "thursday", "don"},
    {"vr", "vrijdag", "fr", "fri", "friday", "vrij"},
    {"za", "zaterdag", "sa", "sat", "saturday", "zat"},
    {"zo", "zondag", "su", "sun", "sunday", "zon"},
};

static int weekday_from_name(const char *name)
{
	for (int day = 0; day < 7; day++) {
		for (size_t i = 0; i < 6; i++) {
			if (strcmp(name, WEEKDAY_NAMES[day][i]) == 0)
				return day;
		}
	}
	return -1;
}

static const char *skip_spaces(const char *text)
{
	while (*text == ' ' || *text == '.')
		text++;
	return text;
}

/* One day item, lower-cased ASCII: "di", "dinsdag", "TU", "1di", "-1vr",
 * "1e di", "laatste vr", "eerste dinsdag". `ordinal` 0 means every week. */
static bool parse_day_item(const char *item, int *ordinal, int *weekday)
{
	static const struct {
		const char *word;
		int ordinal;
	} ORDINAL_WORDS[] = {
	    {"eerste", 1}, {"tweede", 2},   {"derde", 3},        {"vierde", 4},
	    {"vijfde", 5}, {"laatste", -1}, {"voorlaatste", -2}, {"first", 1},
	    {"second", 2}, {"third", 3},    {"fourth", 4},       {"last", -1},
	};
	const char *position = skip_spaces(item);
	int found_ordinal = 0;
	if (*position == '-' || *position == '+' || (*position >= '0' && *position <= '9')) {
		int sign = 1;
		if (*position == '-' || *position == '+') {
			sign = *position == '-' ? -1 : 1;
			position++;
		}
		if (*position < '1' || *position > '5')
			return false;
		found_ordinal = sign * (*position - '0');
		position++;
		if (strncmp(position, "ste", 3) == 0)
			position += 3;
		else if (strncmp(position, "de", 2) == 0 && weekday_from_name(position) < 0)
			position += 2;
		else if (*position == 'e' && weekday_from_name(position) < 0)
			position++;
		position = skip_spaces(position);
	} else {
		for (size_t i = 0; i < sizeof ORDINAL_WORDS / sizeof ORDINAL_WORDS[0]; i++) {
			size_t length = strlen(ORDINAL_WORDS[i].word);
			if (strncmp(position, ORDINAL_WORDS[i].word, length) == 0 &&
			    position[length] == ' ') {
				found_ordinal = ORDINAL_WORDS[i].ordinal;
				position = skip_spaces(position + length);
				break;
			}
		}
	}
	char name[16];
	size_t length = 0;
	while (position[length] != '\0' && position[length] != ' ' && position[length] != '.') {
		if (length + 1 >= sizeof name)
			return false;
		name[length] = position[length];
		length++;
	}
	name[length] = '\0';
	const char *rest = skip_spaces(position + length);
	if (*rest != '\0' && strcmp(rest, "van de maand") != 0)
		return false;
	int day = weekday_from_name(name);
	if (day < 0)
		return false;
	*ordinal = found_ordinal;
	*weekday = day;
	return true;
}

/* ---------------------------------------------------------------------------
 * Duplicate ids: an open-addressing table of the ids seen in this file.
 * ------------------------------------------------------------------------- */

typedef struct id_entry {
	uint64_t hash;
	uint32_t offset; /* into id_table.names */
	uint32_t length; /* 0 = empty slot (ids are never empty) */
	uint32_t row;
} id_entry;

typedef struct id_table {
	id_entry *entries;
	size_t capacity; /* a power of two */
	size_t count;
	text_buffer names;
} id_table;

static uint64_t hash_bytes(const char *bytes, size_t length)
{
	uint64_t hash = 1469598103934665603ull;
	for (size_t i = 0; i < length; i++) {
		hash ^= (unsigned char)bytes[i];
		hash *= 1099511628211ull;
	}
	return hash;
}

static void id_table_free(id_table *table)
{
	free(table->entries);
	text_buffer_free(&table->names);
	memset(table, 0, sizeof *table);
}

static status id_table_grow(id_table *table)
{
	size_t capacity = table->capacity == 0 ? 1024 : table->capacity * 2;
	id_entry *entries = calloc(capacity, sizeof *entries);
	if (entries == NULL)
		return STATUS_NO_MEMORY;
	for (size_t i = 0; i < table->capacity; i++) {
		if (table->entries[i].length == 0)
			continue;
		size_t slot = (size_t)table->entries[i].hash & (capacity - 1);
		while (entries[slot].length != 0)
			slot = (slot + 1) & (capacity - 1);
		entries[slot] = table->entries[i];
	}
	free(table->entries);
	table->entries = entries;
	table->capacity = capacity;
	return STATUS_OK;
}

/* Adds `id` with its row; when it was there already, *first_row gets the row
 * of the first occurrence (otherwise 0). */
static status id_table_add(id_table *table, cell id, uint32_t row, uint32_t *first_row)
{
	*first_row = 0;
	if ((table->count + 1) * 10 > table->capacity * 7) {
		status grown = id_table_grow(table);
		if (grown != STATUS_OK)
			return grown;
	}
	uint64_t hash = hash_bytes(id.text, id.length);
	size_t slot = (size_t)hash & (table->capacity - 1);
	while (table->entries[slot].length != 0) {
		id_entry *entry = &table->entries[slot];
		if (entry->hash == hash && entry->length == id.length &&
		    memcmp(table->names.data + entry->offset, id.text, id.length) == 0) {
			*first_row = entry->row;
			return STATUS_OK;
		}
		slot = (slot + 1) & (table->capacity - 1);
	}
	size_t offset = table->names.length;
	status appended = text_buffer_append(&table->names, id.text, id.length);
	if (appended != STATUS_OK)
		return appended;
	table->entries[slot].hash = hash;
	table->entries[slot].offset = (uint32_t)offset;
	table->entries[slot].length = (uint32_t)id.length;
	table->entries[slot].row = row;
	table->count++;
	return STATUS_OK;
}

/* ---------------------------------------------------------------------------
 * One row: canonical field cells → one offer. The file import and the store
 * both come through here, so saved text reads back the same.
 * ------------------------------------------------------------------------- */

typedef struct row_context {
	catalogue *into;
	import_report *report;                 /* NULL: problems are not kept */
	const char *column_names[FIELD_COUNT]; /* as written in the file */
	const char *interval_name;             /* NULL when the file has none */
	id_table *ids;                         /* NULL: no duplicate check */
	scratch *memory;
	uint32_t row;
	bool converted; /* a cell was read as Windows-1252 */
} row_context;

static status warn(row_context *context, catalogue_field field, const char *format, ...)
    KIOSK_PRINTF(3, 4);

static status warn(row_context *context, catalogue_field field, const char *format, ...)
{
	if (context->report == NULL)
		return STATUS_OK;
	char message[sizeof context->report->problems[0].message];
	va_list arguments;
	va_start(arguments, format);
	int written = vsnprintf(message, sizeof message, format, arguments);
	va_end(arguments);
	if (written < 0)
		message[0] = '\0';
	char safe[sizeof message];
	(void)text_copy(safe, sizeof safe, message);
	return add_problem_text(context->report, IMPORT_WARNING, context->row,
	                        context->column_names[field], safe);
}

#define CHECK(expression)                                                                          \
	do {                                                                                       \
		status check_result_ = (expression);                                               \
		if (check_result_ != STATUS_OK)                                                    \
			return check_result_;                                                      \
	} while (0)

static bool looks_like_phone_number(cell value)
{
	for (size_t i = 0; i < value.length; i++) {
		char byte = value.text[i];
		bool allowed = (byte >= '0' && byte <= '9') || byte == ' ' || byte == '-' ||
		               byte == '(' || byte == ')' || byte == '+';
		if (!allowed)
			return false;
	}
	return true;
}

/* A cell a spreadsheet would compute: warn that it is kept as text. */
static status check_formula(row_context *context, catalogue_field field, cell value)
{
	if (value.length == 0)
		return STATUS_OK;
	char first = value.text[0];
	if (first != '=' && first != '+' && first != '-' && first != '@')
		return STATUS_OK;
	if (field == FIELD_PHONE && looks_like_phone_number(value))
		return STATUS_OK;
	return warn(context, field,
	            "De cel begint met '%c': wordt als gewone tekst bewaard, niet uitgerekend.",
	            first);
}

/* Cuts free text at IMPORT_MAX_TEXT_BYTES on a UTF-8 boundary (with a
 * warning) and trims again so the kept text reads back unchanged. */
static size_t kept_text_length(cell value)
{
	if (value.length <= IMPORT_MAX_TEXT_BYTES)
		return value.length;
	size_t length = IMPORT_MAX_TEXT_BYTES;
	while (length > 0 && ((unsigned char)value.text[length] & 0xC0u) == 0x80u)
		length--;
	return length;
}

/* True when nothing visible would be kept of this free text (after cutting,
 * control characters becoming spaces and trimming): such a name is empty. */
static bool text_is_blank(cell value)
{
	size_t length = kept_text_length(value);
	for (size_t i = 0; i < length; i++) {
		unsigned char byte = (unsigned char)value.text[i];
		if (byte > 0x20u && byte != 0x7Fu)
			return false;
	}
	return true;
}

static status limit_text(row_context *context, catalogue_field field, cell *value)
{
	if (value->length <= IMPORT_MAX_TEXT_BYTES)
		return STATUS_OK;
	value->length = kept_text_length(*value);
	*value = cell_trimmed(*value);
	return warn(context, field,
	            "De tekst is langer dan %u tekens en is ingekort. Maak de tekst korter.",
	            IMPORT_MAX_TEXT_BYTES);
}

static bool is_stray_control(unsigned char byte)
{
	return (byte < 0x20u && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7Fu;
}

/* Free text as it is kept: the formula warning, cut at the length limit, and
 * stray control characters (the catalogue's hash uses 0x1E and 0x1F as
 * separators, and a screen cannot show them) turned into spaces; line breaks
 * stay. *value is the kept text; when it had to be cleaned it lives in
 * *cleaned, which the caller frees (NULL otherwise). */
static status keep_text(row_context *context, catalogue_field field, cell *value, char **cleaned)
{
	*cleaned = NULL;
	CHECK(check_formula(context, field, *value));
	CHECK(limit_text(context, field, value));
	for (size_t i = 0; i < value->length; i++) {
		if (!is_stray_control((unsigned char)value->text[i]))
			continue;
		*cleaned = malloc(value->length);
		if (*cleaned == NULL)
			return STATUS_NO_MEMORY;
		for (size_t j = 0; j < value->length; j++)
			(*cleaned)[j] =
			    is_stray_control((unsigned char)value->text[j]) ? ' ' : value->text[j];
		*value = cell_trimmed((cell){*cleaned, value->length});
		break;
	}
	return STATUS_OK;
}

static status store_text(row_context *context, catalogue_field field, cell value,
                         const char **target)
{
	char *cleaned = NULL;
	status kept = keep_text(context, field, &value, &cleaned);
	if (kept != STATUS_OK || value.length == 0) {
		free(cleaned);
		return kept;
	}
	const char *copy = catalogue_intern(context->into, value.text, value.length);
	free(cleaned);
	if (copy == NULL)
		return STATUS_NO_MEMORY;
	*target = copy;
	return STATUS_OK;
}

/* The translation columns, checked like their Dutch texts, packed into the
 * offer. A translation too long for the kiosk is not cut (half a sentence
 * in another language helps nobody) but left out: the Dutch text shows. */
static status store_translations(row_context *context, offer *item, const cell *fields)
{
	const char *texts[CATALOGUE_TRANSLATION_COUNT] = {0};
	size_t lengths[CATALOGUE_TRANSLATION_COUNT] = {0};
	char *cleaned[CATALOGUE_TRANSLATION_COUNT] = {0};
	status result = STATUS_OK;
	for (int slot = 0; slot < CATALOGUE_TRANSLATION_COUNT && result == STATUS_OK; slot++) {
		catalogue_field field = (catalogue_field)(FIELD_FIRST_TRANSLATION + slot);
		cell value = fields[field];
		if (value.length > IMPORT_MAX_TEXT_BYTES) {
			result =
			    warn(context, field,
			         "De vertaling is langer dan %u tekens en wordt niet gebruikt; "
			         "de kiosk toont hier de Nederlandse tekst. Maak de vertaling "
			         "korter.",
			         IMPORT_MAX_TEXT_BYTES);
			continue;
		}
		result = keep_text(context, field, &value, &cleaned[slot]);
		texts[slot] = value.text;
		lengths[slot] = value.length;
	}
	if (result == STATUS_OK)
		result = catalogue_set_translations(context->into, item, texts, lengths);
	for (int slot = 0; slot < CATALOGUE_TRANSLATION_COUNT; slot++)
		free(cleaned[slot]);
	return result;
}

static status warn_unknown_value(row_context *context, catalogue_field field, cell value)
{
	char quoted[QUOTED_VALUE_BYTES + 8];
	char allowed[200];
	quote_value(quoted, value);
	allowed_words(field, allowed, sizeof allowed);
	return warn(context, field, "'%s' kennen we niet. Kies uit: %s.", quoted, allowed);
}

/* A column holding one word (soort, status, frequentie). */
static status parse_single_word(row_context *context, catalogue_field field, cell value,
                                unsigned *index)
{
	if (value.length == 0)
		return STATUS_OK;
	if (lookup_value(field, value, index))
		return STATUS_OK;
	return warn_unknown_value(context, field, value);
}

/* A list column of vocabulary words; unknown words are warned and skipped. */
static status parse_word_list(row_context *context, catalogue_field field, cell value,
                              unsigned *bits)
{
	list_walker walker = {value};
	cell item;
	/* An unknown word written twice in one cell is told once. */
	cell warned[8];
	size_t warned_count = 0;
	while (list_next(&walker, &item)) {
		unsigned index;
		if (lookup_value(field, item, &index) && index < 16) {
			*bits |= 1u << index;
			continue;
		}
		bool repeated = false;
		for (size_t i = 0; i < warned_count && !repeated; i++)
			repeated = warned[i].length == item.length &&
			           memcmp(warned[i].text, item.text, item.length) == 0;
		if (repeated)
			continue;
		if (warned_count < sizeof warned / sizeof warned[0])
			warned[warned_count++] = item;
		CHECK(warn_unknown_value(context, field, item));
	}
	return STATUS_OK;
}

static status parse_yes_no_field(row_context *context, catalogue_field field, cell value,
                                 uint8_t *out)
{
	if (value.length == 0)
		return STATUS_OK;
	if (parse_yes_no(value, out))
		return STATUS_OK;
	char quoted[QUOTED_VALUE_BYTES + 8];
	quote_value(quoted, value);
	return warn(context, field, "'%s' kennen we niet. Schrijf ja of nee.", quoted);
}

static status warn_bad_date(row_context *context, catalogue_field field, cell value,
                            date_result result)
{
	char quoted[QUOTED_VALUE_BYTES + 8];
	quote_value(quoted, value);
	return warn(context, field, "De datum '%s' %s. Schrijf de datum als 24-11-2026.", quoted,
	            result == DATE_DOES_NOT_EXIST ? "bestaat niet" : "klopt niet");
}

static status parse_date_field(row_context *context, catalogue_field field, cell value,
                               int32_t *out)
{
	if (value.length == 0)
		return STATUS_OK;
	date_result result = parse_date(value, out);
	if (result == DATE_OK)
		return STATUS_OK;
	*out = CATALOGUE_NO_DATE;
	return warn_bad_date(context, field, value, result);
}

static status parse_time_field(row_context *context, catalogue_field field, cell value,
                               int16_t *out)
{
	if (value.length == 0)
		return STATUS_OK;
	if (parse_time(value, field == FIELD_TIME_TO, out))
		return STATUS_OK;
	char quoted[QUOTED_VALUE_BYTES + 8];
	quote_value(quoted, value);
	return warn(context, field, "De tijd '%s' klopt niet. Schrijf de tijd als 10:00.", quoted);
}

static status parse_age_field(row_context *context, catalogue_field field, cell value, int16_t *out)
{
	if (value.length == 0)
		return STATUS_OK;
	char text[32];
	long age;
	if (cell_to_string(value, text, sizeof text) && text_parse_integer(text, 0, 120, &age)) {
		*out = (int16_t)age;
		return STATUS_OK;
	}
	char quoted[QUOTED_VALUE_BYTES + 8];
	quote_value(quoted, value);
	return warn(context, field,
	            "De leeftijd '%s' klopt niet. Schrijf een heel getal van 0 tot en met 120.",
	            quoted);
}

/* Language names volunteers write instead of ISO 639-1 codes. */
static const struct {
	const char *name;
	const char *code;
} LANGUAGE_NAMES[] = {
    {"nederlands", "nl"}, {"dutch", "nl"},     {"engels", "en"},    {"english", "en"},
    {"turks", "tr"},      {"turkish", "tr"},   {"turkce", "tr"},    {"arabisch", "ar"},
    {"arabic", "ar"},     {"pools", "pl"},     {"polish", "pl"},    {"duits", "de"},
    {"german", "de"},     {"frans", "fr"},     {"french", "fr"},    {"spaans", "es"},
    {"spanish", "es"},    {"portugees", "pt"}, {"italiaans", "it"}, {"russisch", "ru"},
    {"oekraiens", "uk"},  {"somalisch", "so"}, {"tigrinya", "ti"},  {"farsi", "fa"},
    {"perzisch", "fa"},   {"koerdisch", "ku"}, {"chinees", "zh"},   {"hindi", "hi"},
    {"urdu", "ur"},       {"roemeens", "ro"},  {"bulgaars", "bg"},  {"hongaars", "hu"},
    {"fries", "fy"},
};

static status parse_languages(row_context *context, offer *item, cell value)
{
	char codes[MAX_LANGUAGES * 3 + 1];
	size_t used = 0;
	size_t count = 0;
	list_walker walker = {value};
	cell language;
	while (list_next(&walker, &language)) {
		char word[WORD_BYTES];
		const char *code = NULL;
		if (normalize_word(word, language)) {
			bool two_letters = strlen(word) == 2 && word[0] >= 'a' && word[0] <= 'z' &&
			                   word[1] >= 'a' && word[1] <= 'z';
			if (two_letters)
				code = word;
			for (size_t i = 0;
			     code == NULL && i < sizeof LANGUAGE_NAMES / sizeof LANGUAGE_NAMES[0];
			     i++) {
				if (strcmp(word, LANGUAGE_NAMES[i].name) == 0)
					code = LANGUAGE_NAMES[i].code;
			}
		}
		if (code == NULL) {
			char quoted[QUOTED_VALUE_BYTES + 8];
			quote_value(quoted, language);
			CHECK(warn(
			    context, FIELD_LANGUAGES,
			    "De taal '%s' kennen we niet. Schrijf een taalcode zoals nl, en, tr "
			    "of ar.",
			    quoted));
			continue;
		}
		bool seen = false;
		for (size_t i = 0; i < count; i++) {
			if (memcmp(codes + i * 3, code, 2) == 0)
				seen = true;
		}
		if (seen)
			continue;
		if (count == MAX_LANGUAGES) {
			CHECK(warn(context, FIELD_LANGUAGES,
			           "Er staan meer dan %u talen in. De rest wordt niet gebruikt.",
			           MAX_LANGUAGES));
			break;
		}
		if (count > 0)
			codes[used++] = ',';
		codes[used++] = code[0];
		codes[used++] = code[1];
		count++;
	}
	codes[used] = '\0';
	if (used == 0)
		return STATUS_OK;
	const char *copy = catalogue_intern(context->into, codes, used);
	if (copy == NULL)
		return STATUS_NO_MEMORY;
	item->languages = copy;
	return STATUS_OK;
}

/* Rounds to the 6 decimals the catalogue writes, so what is checked and kept
 * is exactly what reads back from the saved text. */
static double round_coordinate(double value)
{
	double scaled = value * 1e6;
	if (!(scaled > -9e15 && scaled < 9e15))
		return value;
	/* k / 1e6 is correctly rounded, so it is the same double that parsing
	 * the six-decimal text gives. */
	return (double)llround(scaled) / 1e6;
}

static status parse_location(row_context *context, offer *item, cell latitude_cell,
                             cell longitude_cell)
{
	if (latitude_cell.length == 0 && longitude_cell.length == 0)
		return STATUS_OK;
	catalogue_field reported = latitude_cell.length > 0 ? FIELD_LATITUDE : FIELD_LONGITUDE;
	if (latitude_cell.length == 0 || longitude_cell.length == 0)
		return warn(context, reported,
		            "Alleen %s of %s is ingevuld. Vul beide in, anders wordt de plek niet "
		            "gebruikt.",
		            context->column_names[FIELD_LATITUDE],
		            context->column_names[FIELD_LONGITUDE]);
	double latitude, longitude;
	bool latitude_ok = parse_decimal_cell(latitude_cell, &latitude);
	bool longitude_ok = parse_decimal_cell(longitude_cell, &longitude);
	if (!latitude_ok || !longitude_ok) {
		catalogue_field bad = latitude_ok ? FIELD_LONGITUDE : FIELD_LATITUDE;
		char quoted[QUOTED_VALUE_BYTES + 8];
		quote_value(quoted, latitude_ok ? longitude_cell : latitude_cell);
		return warn(context, bad,
		            "'%s' is geen getal. Schrijf bijvoorbeeld 52,0907. De plek wordt niet "
		            "gebruikt.",
		            quoted);
	}
	latitude = round_coordinate(latitude);
	longitude = round_coordinate(longitude);
	if (!distance_is_in_netherlands(latitude, longitude)) {
		char latitude_text[QUOTED_VALUE_BYTES + 8], longitude_text[QUOTED_VALUE_BYTES + 8];
		quote_value(latitude_text, latitude_cell);
		quote_value(longitude_text, longitude_cell);
		return warn(context, FIELD_LATITUDE,
		            "De plek (%s, %s) ligt niet in Nederland. Kijk of %s en %s niet zijn "
		            "omgewisseld.",
		            latitude_text, longitude_text, context->column_names[FIELD_LATITUDE],
		            context->column_names[FIELD_LONGITUDE]);
	}
	item->latitude = latitude;
	item->longitude = longitude;
	item->has_location = true;
	return STATUS_OK;
}

static bool starts_with_ignoring_case(cell value, const char *prefix)
{
	size_t length = strlen(prefix);
	if (value.length < length)
		return false;
	for (size_t i = 0; i < length; i++) {
		char byte = value.text[i];
		if (byte >= 'A' && byte <= 'Z')
			byte = (char)(byte - 'A' + 'a');
		if (byte != prefix[i])
			return false;
	}
	return true;
}

/* The signup link becomes a QR code a resident scans, so only a plain https
 * address with a host is kept. */
static status parse_signup_url(row_context *context, offer *item, cell value)
{
	if (value.length == 0)
		return STATUS_OK;
	char quoted[QUOTED_VALUE_BYTES + 8];
	quote_value(quoted, value);
	if (value.length > IMPORT_MAX_URL_BYTES)
		return warn(context, FIELD_SIGNUP_URL,
		            "Het adres is te lang (meer dan %u tekens) en wordt niet gebruikt.",
		            IMPORT_MAX_URL_BYTES);
	for (size_t i = 0; i < value.length; i++) {
		unsigned char byte = (unsigned char)value.text[i];
		if (byte <= 0x20u || byte == 0x7Fu)
			return warn(
			    context, FIELD_SIGNUP_URL,
			    "Het adres '%s' bevat een spatie of onzichtbaar teken en wordt niet "
			    "gebruikt.",
			    quoted);
	}
	if (starts_with_ignoring_case(value, "http://"))
		return warn(
		    context, FIELD_SIGNUP_URL,
		    "Het adres '%s' begint met http:// en is niet veilig. Gebruik een adres "
		    "dat met https:// begint. Het wordt nu niet gebruikt.",
		    quoted);
	if (!starts_with_ignoring_case(value, "https://"))
		return warn(context, FIELD_SIGNUP_URL,
		            "Het adres '%s' begint niet met https://. Het wordt niet gebruikt.",
		            quoted);
	size_t host_length = 0;
	const char *host = value.text + strlen("https://");
	size_t rest = value.length - strlen("https://");
	while (host_length < rest && host[host_length] != '/' && host[host_length] != '?' &&
	       host[host_length] != '#')
		host_length++;
	bool has_dot = memchr(host, '.', host_length) != NULL;
	if (host_length == 0 || !has_dot)
		return warn(context, FIELD_SIGNUP_URL,
		            "In het adres '%s' ontbreekt de naam van de website. Het wordt niet "
		            "gebruikt.",
		            quoted);
	/* "https://gemeente.nl@example.com" opens example.com: a resident would
	 * trust the name before the @, so such a QR code could mislead. */
	if (memchr(host, '@', host_length) != NULL)
		return warn(context, FIELD_SIGNUP_URL,
		            "Het adres '%s' heeft een @ voor de naam van de website. Zo'n adres "
		            "gaat naar een andere website dan het lijkt. Schrijf alleen het adres "
		            "van de website. Het wordt nu niet gebruikt.",
		            quoted);
	const char *copy = catalogue_intern(context->into, value.text, value.length);
	if (copy == NULL)
		return STATUS_NO_MEMORY;
	item->signup_url = copy;
	return STATUS_OK;
}

static status parse_exceptions(row_context *context, offer *item, cell value)
{
	int32_t dates[MAX_EXCEPTION_DATES];
	size_t count = 0;
	list_walker walker = {value};
	cell date_cell;
	while (list_next(&walker, &date_cell)) {
		int32_t date;
		date_result result = parse_date(date_cell, &date);
		if (result != DATE_OK) {
			CHECK(warn_bad_date(context, FIELD_EXCEPTIONS, date_cell, result));
			continue;
		}
		if (count == MAX_EXCEPTION_DATES) {
			CHECK(warn(context, FIELD_EXCEPTIONS,
			           "Er staan meer dan %u datums in. De rest wordt niet gebruikt.",
			           MAX_EXCEPTION_DATES));
			break;
		}
		/* Insertion keeps them sorted and without repeats. */
		size_t position = count;
		while (position > 0 && dates[position - 1] > date)
			position--;
		if (position > 0 && dates[position - 1] == date)
			continue;
		memmove(dates + position + 1, dates + position,
		        (count - position) * sizeof dates[0]);
		dates[position] = date;
		count++;
	}
	if (count == 0)
		return STATUS_OK;
	const int32_t *copy = catalogue_intern_dates(context->into, dates, count);
	if (copy == NULL)
		return STATUS_NO_MEMORY;
	item->schedule.exceptions = copy;
	item->schedule.exception_count = (uint16_t)count;
	return STATUS_OK;
}

/* Days, frequentie and the HSDS interval together make the schedule rule. */
static status parse_schedule(row_context *context, offer *item, cell days, cell frequency,
                             cell interval)
{
	schedule_rule *rule = &item->schedule;
	unsigned frequency_index = FREQUENCY_NONE;
	CHECK(parse_single_word(context, FIELD_FREQUENCY, frequency, &frequency_index));
	uint8_t weekdays = 0;
	uint8_t ordinal_count = 0;
	list_walker walker = {days};
	cell day_cell;
	while (list_next(&walker, &day_cell)) {
		char lowered[64];
		bool fits = day_cell.length < sizeof lowered;
		if (fits) {
			for (size_t i = 0; i < day_cell.length; i++) {
				char byte = day_cell.text[i];
				lowered[i] =
				    (byte >= 'A' && byte <= 'Z') ? (char)(byte - 'A' + 'a') : byte;
			}
			lowered[day_cell.length] = '\0';
		}
		int ordinal, weekday;
		bool understood = fits && parse_day_item(lowered, &ordinal, &weekday);
		if (understood && ordinal == 0) {
			weekdays = (uint8_t)(weekdays | (1u << weekday));
			continue;
		}
		if (understood) {
			bool seen = false;
			for (uint8_t i = 0; i < ordinal_count; i++) {
				if (rule->ordinals[i].ordinal == ordinal &&
				    rule->ordinals[i].weekday == weekday)
					seen = true;
			}
			if (seen)
				continue;
			if (ordinal_count == CATALOGUE_MAX_ORDINALS) {
				CHECK(warn(context, FIELD_DAYS,
				           "Er staan meer dan %d dagen van de maand in. De rest "
				           "wordt niet "
				           "gebruikt.",
				           CATALOGUE_MAX_ORDINALS));
				break;
			}
			rule->ordinals[ordinal_count].ordinal = (int8_t)ordinal;
			rule->ordinals[ordinal_count].weekday = (uint8_t)weekday;
			ordinal_count++;
			continue;
		}
		/* "MO TU WE" or "ma en do": try the words one by one. */
		bool all_words = fits && strchr(lowered, ' ') != NULL;
		uint8_t word_days = 0;
		if (all_words) {
			char *word = lowered;
			while (*word != '\0' && all_words) {
				while (*word == ' ')
					word++;
				char *end = word;
				while (*end != '\0' && *end != ' ')
					end++;
				char saved = *end;
				*end = '\0';
				int word_ordinal, word_weekday;
				if (*word == '\0' || strcmp(word, "en") == 0 ||
				    strcmp(word, "and") == 0 || strcmp(word, "&") == 0) {
					/* a joining word */
				} else if (parse_day_item(word, &word_ordinal, &word_weekday) &&
				           word_ordinal == 0) {
					word_days = (uint8_t)(word_days | (1u << word_weekday));
				} else {
					all_words = false;
				}
				*end = saved;
				word = end;
			}
		}
		if (all_words && word_days != 0) {
			weekdays = (uint8_t)(weekdays | word_days);
			continue;
		}
		char quoted[QUOTED_VALUE_BYTES + 8];
		quote_value(quoted, day_cell);
		CHECK(warn(context, FIELD_DAYS,
		           "De dag '%s' kennen we niet. Schrijf ma, di, wo, do, vr, za of zo, of "
		           "bijvoorbeeld 1di voor de eerste dinsdag van de maand.",
		           quoted));
	}

	if (interval.length > 0 && context->interval_name != NULL) {
		char text[16];
		long every = 0;
		bool valid = cell_to_string(interval, text, sizeof text) &&
		             text_parse_integer(text, 1, 2, &every);
		if (!valid) {
			char quoted[QUOTED_VALUE_BYTES + 8];
			quote_value(quoted, interval);
			CHECK(add_problem(
			    context->report, IMPORT_WARNING, context->row, context->interval_name,
			    "Het interval '%s' kennen we niet. Schrijf 1 (elke week) of 2 "
			    "(om de week).",
			    quoted));
		} else if (every == 2) {
			if (frequency_index == FREQUENCY_WEEKLY ||
			    (frequency_index == FREQUENCY_NONE && ordinal_count == 0))
				frequency_index = FREQUENCY_FORTNIGHTLY;
			else if (frequency_index != FREQUENCY_FORTNIGHTLY)
				CHECK(add_problem(
				    context->report, IMPORT_WARNING, context->row,
				    context->interval_name,
				    "Interval 2 past alleen bij wekelijks. Het wordt niet "
				    "gebruikt."));
		}
	}

	if (ordinal_count > 0) {
		/* "1di" only makes sense per month. */
		if (frequency_index != FREQUENCY_MONTHLY && frequency_index != FREQUENCY_NONE)
			CHECK(warn(context, FIELD_FREQUENCY,
			           "Een dag als 1di of -1vr betekent elke maand. We gebruiken "
			           "maandelijks."));
		frequency_index = FREQUENCY_MONTHLY;
		if (weekdays != 0)
			CHECK(warn(
			    context, FIELD_DAYS,
			    "Gewone dagen en dagen van de maand (zoals 1di) staan door elkaar. "
			    "Alleen de dagen van de maand worden gebruikt."));
		weekdays = 0;
	} else if (weekdays != 0) {
		if (frequency_index == FREQUENCY_MONTHLY) {
			CHECK(warn(
			    context, FIELD_DAYS,
			    "Bij maandelijks hoort een dag met een nummer, zoals 1di (eerste "
			    "dinsdag) of -1vr (laatste vrijdag). De dagen worden niet gebruikt."));
			weekdays = 0;
		} else if (frequency_index == FREQUENCY_NONE) {
			frequency_index = FREQUENCY_WEEKLY;
		}
	}
	rule->frequency = (enum schedule_frequency)frequency_index;
	rule->weekdays = weekdays;
	rule->ordinal_count = ordinal_count;
	return STATUS_OK;
}

static bool has_control_character(cell value)
{
	for (size_t i = 0; i < value.length; i++) {
		unsigned char byte = (unsigned char)value.text[i];
		if (byte < 0x20u || byte == 0x7Fu)
			return true;
	}
	return false;
}

/* Fills every field after the row passed the error checks. */
static status fill_offer(row_context *context, offer *item, const cell *fields, cell interval,
                         int32_t valid_from, int32_t valid_to)
{
	unsigned bits, index;

	CHECK(store_text(context, FIELD_ID, fields[FIELD_ID], &item->id));
	CHECK(store_text(context, FIELD_NAME, fields[FIELD_NAME], &item->name));
	CHECK(
	    store_text(context, FIELD_DESCRIPTION, fields[FIELD_DESCRIPTION], &item->description));

	index = KIND_NONE;
	CHECK(parse_single_word(context, FIELD_KIND, fields[FIELD_KIND], &index));
	item->kind = (uint8_t)index;
	index = OFFER_ACTIVE;
	CHECK(parse_single_word(context, FIELD_STATUS, fields[FIELD_STATUS], &index));
	item->offer_status = (uint8_t)index;

	bits = 0;
	CHECK(parse_word_list(context, FIELD_THEMES, fields[FIELD_THEMES], &bits));
	item->themes = (uint16_t)bits;
	bits = 0;
	CHECK(parse_word_list(context, FIELD_CONDITIONS, fields[FIELD_CONDITIONS], &bits));
	item->conditions = (uint16_t)bits;
	bits = 0;
	CHECK(parse_word_list(context, FIELD_FORM, fields[FIELD_FORM], &bits));
	item->form = (uint8_t)bits;
	bits = 0;
	CHECK(parse_word_list(context, FIELD_CONTACT, fields[FIELD_CONTACT], &bits));
	item->contact = (uint8_t)bits;
	bits = 0;
	CHECK(parse_word_list(context, FIELD_ACCESS, fields[FIELD_ACCESS], &bits));
	item->access = (uint8_t)bits;
	bits = 0;
	CHECK(parse_word_list(context, FIELD_COST, fields[FIELD_COST], &bits));
	item->cost = (uint8_t)bits;
	CHECK(store_text(context, FIELD_COST_TEXT, fields[FIELD_COST_TEXT], &item->cost_text));
	bits = 0;
	CHECK(parse_word_list(context, FIELD_SUPPORT, fields[FIELD_SUPPORT], &bits));
	item->support = (uint8_t)bits;
	bits = 0;
	CHECK(parse_word_list(context, FIELD_PHASE, fields[FIELD_PHASE], &bits));
	item->phase = (uint8_t)bits;
	CHECK(store_text(context, FIELD_AUDIENCE, fields[FIELD_AUDIENCE], &item->audience));

	int16_t age_min = CATALOGUE_NO_AGE, age_max = CATALOGUE_NO_AGE;
	CHECK(parse_age_field(context, FIELD_AGE_MIN, fields[FIELD_AGE_MIN], &age_min));
	CHECK(parse_age_field(context, FIELD_AGE_MAX, fields[FIELD_AGE_MAX], &age_max));
	if (age_min != CATALOGUE_NO_AGE && age_max != CATALOGUE_NO_AGE && age_min > age_max) {
		CHECK(warn(context, FIELD_AGE_MIN,
		           "De minimumleeftijd (%d) is hoger dan de maximumleeftijd (%d). Beide "
		           "worden niet gebruikt.",
		           age_min, age_max));
		age_min = CATALOGUE_NO_AGE;
		age_max = CATALOGUE_NO_AGE;
	}
	item->age_min = age_min;
	item->age_max = age_max;

	CHECK(parse_languages(context, item, fields[FIELD_LANGUAGES]));
	CHECK(store_text(context, FIELD_ADDRESS, fields[FIELD_ADDRESS], &item->address));
	CHECK(store_text(context, FIELD_POSTCODE, fields[FIELD_POSTCODE], &item->postcode));
	CHECK(store_text(context, FIELD_CITY, fields[FIELD_CITY], &item->city));
	CHECK(parse_location(context, item, fields[FIELD_LATITUDE], fields[FIELD_LONGITUDE]));
	CHECK(parse_yes_no_field(context, FIELD_WHEELCHAIR, fields[FIELD_WHEELCHAIR],
	                         &item->wheelchair));

	CHECK(parse_schedule(context, item, fields[FIELD_DAYS], fields[FIELD_FREQUENCY], interval));
	int16_t start = CATALOGUE_NO_TIME, end = CATALOGUE_NO_TIME;
	CHECK(parse_time_field(context, FIELD_TIME_FROM, fields[FIELD_TIME_FROM], &start));
	CHECK(parse_time_field(context, FIELD_TIME_TO, fields[FIELD_TIME_TO], &end));
	if (end != CATALOGUE_NO_TIME && start == CATALOGUE_NO_TIME &&
	    fields[FIELD_TIME_FROM].length > 0) {
		/* The start was already warned about; an end alone means nothing. */
		end = CATALOGUE_NO_TIME;
	} else if (end != CATALOGUE_NO_TIME && start == CATALOGUE_NO_TIME) {
		CHECK(warn(context, FIELD_TIME_TO,
		           "Er is wel een eindtijd maar geen begintijd. Vul ook %s in. De eindtijd "
		           "wordt niet gebruikt.",
		           context->column_names[FIELD_TIME_FROM]));
		end = CATALOGUE_NO_TIME;
	} else if (end != CATALOGUE_NO_TIME && end < start && end != 0) {
		/* An end of 00:00 (or 24:00) is midnight, not before the start. */
		CHECK(warn(
		    context, FIELD_TIME_TO,
		    "De eindtijd %02d:%02d ligt voor de begintijd %02d:%02d. De eindtijd wordt "
		    "niet gebruikt.",
		    end / 60, end % 60, start / 60, start % 60));
		end = CATALOGUE_NO_TIME;
	}
	item->schedule.start_minute = start;
	item->schedule.end_minute = end;
	item->schedule.valid_from = valid_from;
	item->schedule.valid_to = valid_to;
	CHECK(parse_exceptions(context, item, fields[FIELD_EXCEPTIONS]));
	CHECK(store_text(context, FIELD_SCHEDULE_TEXT, fields[FIELD_SCHEDULE_TEXT],
	                 &item->schedule_text));

	CHECK(parse_signup_url(context, item, fields[FIELD_SIGNUP_URL]));
	CHECK(store_text(context, FIELD_PHONE, fields[FIELD_PHONE], &item->phone));
	CHECK(store_text(context, FIELD_EMAIL, fields[FIELD_EMAIL], &item->email));
	CHECK(store_text(context, FIELD_CONTACT_PERSON, fields[FIELD_CONTACT_PERSON],
	                 &item->contact_person));
	CHECK(parse_yes_no_field(context, FIELD_MODERATOR, fields[FIELD_MODERATOR],
	                         &item->moderator));
	CHECK(parse_yes_no_field(context, FIELD_CARE_PROFESSIONAL, fields[FIELD_CARE_PROFESSIONAL],
	                         &item->care_professional));
	int32_t checked = CATALOGUE_NO_DATE;
	CHECK(parse_date_field(context, FIELD_CHECKED, fields[FIELD_CHECKED], &checked));
	item->checked = checked;
	return store_translations(context, item, fields);
}

/* The common path: `fields` (converted to UTF-8 and trimmed here) become one
 * offer, or problems. STATUS_INVALID when the row has an error. */
static status parse_row(row_context *context, cell *fields, cell interval)
{
	/* One conversion call for all cells: the scratch memory is reused from its
	 * start on every call, so a second call would overwrite the first. */
	cell all[FIELD_COUNT + 1];
	memcpy(all, fields, FIELD_COUNT * sizeof fields[0]);
	all[FIELD_COUNT] = interval;
	CHECK(convert_invalid_cells(context->memory, all, FIELD_COUNT + 1, &context->converted));
	for (int field = 0; field < FIELD_COUNT; field++)
		fields[field] = cell_trimmed(all[field]);
	interval = cell_trimmed(all[FIELD_COUNT]);

	const char *const *names = context->column_names;
	uint32_t row = context->row;
	import_report *report = context->report;
	bool failed = false;
	cell id = fields[FIELD_ID];
	if (id.length == 0) {
		CHECK(add_problem(report, IMPORT_ERROR, row, names[FIELD_ID],
		                  "De id is leeg. Geef elke rij een eigen id, bijvoorbeeld "
		                  "'wandelen-01'."));
		failed = true;
	} else if (count_characters(id) > IMPORT_MAX_ID_CHARACTERS) {
		CHECK(add_problem(report, IMPORT_ERROR, row, names[FIELD_ID],
		                  "De id is te lang (meer dan %u tekens). Maak de id korter.",
		                  IMPORT_MAX_ID_CHARACTERS));
		failed = true;
	} else if (has_control_character(id)) {
		CHECK(add_problem(
		    report, IMPORT_ERROR, row, names[FIELD_ID],
		    "De id bevat een onzichtbaar teken, zoals een regeleinde. Typ de id "
		    "opnieuw."));
		failed = true;
	} else if (context->ids != NULL) {
		uint32_t first_row = 0;
		CHECK(id_table_add(context->ids, id, row, &first_row));
		if (first_row != 0) {
			char quoted[QUOTED_VALUE_BYTES + 8];
			quote_value(quoted, id);
			CHECK(add_problem(
			    report, IMPORT_ERROR, row, names[FIELD_ID],
			    "De id '%s' staat ook al in rij %u. Geef elke rij een eigen id.",
			    quoted, first_row));
			failed = true;
		}
	}
	if (text_is_blank(fields[FIELD_NAME])) {
		CHECK(add_problem(report, IMPORT_ERROR, row, names[FIELD_NAME],
		                  "De naam is leeg. Vul de naam van de activiteit in."));
		failed = true;
	}
	/* Dates are read quietly here; their warnings follow once the row is in. */
	int32_t valid_from = CATALOGUE_NO_DATE, valid_to = CATALOGUE_NO_DATE;
	date_result from_result = DATE_OK, to_result = DATE_OK;
	if (fields[FIELD_VALID_FROM].length > 0)
		from_result = parse_date(fields[FIELD_VALID_FROM], &valid_from);
	if (fields[FIELD_VALID_TO].length > 0)
		to_result = parse_date(fields[FIELD_VALID_TO], &valid_to);
	if (from_result != DATE_OK)
		valid_from = CATALOGUE_NO_DATE;
	if (to_result != DATE_OK)
		valid_to = CATALOGUE_NO_DATE;
	if (valid_from != CATALOGUE_NO_DATE && valid_to != CATALOGUE_NO_DATE &&
	    valid_to < valid_from) {
		char from_text[QUOTED_VALUE_BYTES + 8], to_text[QUOTED_VALUE_BYTES + 8];
		quote_value(from_text, fields[FIELD_VALID_FROM]);
		quote_value(to_text, fields[FIELD_VALID_TO]);
		CHECK(add_problem(report, IMPORT_ERROR, row, names[FIELD_VALID_TO],
		                  "De einddatum %s ligt voor de begindatum %s. Verbeter %s of %s.",
		                  to_text, from_text, names[FIELD_VALID_TO],
		                  names[FIELD_VALID_FROM]));
		failed = true;
	}
	if (failed)
		return STATUS_INVALID;

	offer *item = catalogue_append(context->into);
	if (item == NULL)
		return STATUS_NO_MEMORY;
	item->row = row;
	status filled = fill_offer(context, item, fields, interval, valid_from, valid_to);
	if (filled == STATUS_OK && from_result != DATE_OK)
		filled =
		    warn_bad_date(context, FIELD_VALID_FROM, fields[FIELD_VALID_FROM], from_result);
	if (filled == STATUS_OK && to_result != DATE_OK)
		filled = warn_bad_date(context, FIELD_VALID_TO, fields[FIELD_VALID_TO], to_result);
	if (filled != STATUS_OK) {
		catalogue_remove_last(context->into);
		return filled;
	}
	return STATUS_OK;
}

status import_parse_fields(catalogue *into, const char *const fields[FIELD_COUNT], uint32_t row,
                           import_report *report)
{
	if (into == NULL || fields == NULL)
		return STATUS_USAGE;
	row_context context;
	memset(&context, 0, sizeof context);
	scratch memory = {NULL, 0};
	context.into = into;
	context.report = report;
	context.memory = &memory;
	context.row = row;
	cell cells[FIELD_COUNT];
	for (int field = 0; field < FIELD_COUNT; field++) {
		context.column_names[field] = catalogue_field_name((catalogue_field)field);
		cells[field] = cell_from_string(fields[field]);
	}
	cell no_interval = {"", 0};
	status result = parse_row(&context, cells, no_interval);
	free(memory.bytes);
	return result;
}

/* ---------------------------------------------------------------------------
 * Whole files.
 * ------------------------------------------------------------------------- */

typedef struct header_map {
	int column_kind[CSV_MAX_FIELDS]; /* field, or COLUMN_* */
	int field_column[FIELD_COUNT];   /* column index, or -1 */
	int interval_column;             /* -1 when absent */
	char names[CSV_MAX_FIELDS][64];  /* as written, for messages */
	size_t column_count;
} header_map;

/* `row` is where the header is (1 unless empty lines come first). */
/* Which column a (converted, trimmed, non-empty) header cell names.
 * "naam (name)", as PRODUCT.md writes the columns: when the whole name is
 * unknown, the name before the brackets counts. */
static int header_cell_kind(cell name)
{
	char normalized[WORD_BYTES];
	int kind = normalize_word(normalized, name) ? classify_header(normalized) : COLUMN_UNUSED;
	const char *bracket = memchr(name.text, '(', name.length);
	if (kind == COLUMN_UNUSED && bracket != NULL && name.text[name.length - 1] == ')') {
		cell before = cell_trimmed((cell){name.text, (size_t)(bracket - name.text)});
		if (before.length > 0 && normalize_word(normalized, before))
			kind = classify_header(normalized);
	}
	return kind;
}

bool import_header_names_required_columns(const csv_record *header)
{
	bool has_id = false;
	bool has_name = false;
	scratch memory = {0};
	size_t count = header->field_count < CSV_MAX_FIELDS ? header->field_count : CSV_MAX_FIELDS;
	for (size_t column = 0; column < count; column++) {
		cell name = {header->fields[column], header->field_lengths[column]};
		bool converted = false;
		if (convert_invalid_cells(&memory, &name, 1, &converted) != STATUS_OK)
			break;
		name = cell_trimmed(name);
		if (name.length == 0)
			continue;
		int kind = header_cell_kind(name);
		has_id = has_id || kind == FIELD_ID;
		has_name = has_name || kind == FIELD_NAME;
	}
	free(memory.bytes);
	return has_id && has_name;
}

static status map_header(const csv_record *header, uint32_t row, header_map *map,
                         import_report *report, scratch *memory, bool *converted)
{
	for (int field = 0; field < FIELD_COUNT; field++)
		map->field_column[field] = -1;
	map->interval_column = -1;
	map->column_count =
	    header->field_count < CSV_MAX_FIELDS ? header->field_count : CSV_MAX_FIELDS;
	for (size_t column = 0; column < map->column_count; column++) {
		cell name = {header->fields[column], header->field_lengths[column]};
		CHECK(convert_invalid_cells(memory, &name, 1, converted));
		name = cell_trimmed(name);
		copy_cell(map->names[column], sizeof map->names[column], name);
		map->column_kind[column] = COLUMN_UNUSED;
		if (name.length == 0)
			continue; /* an empty header cell: a spare column, nothing to say */
		int kind = header_cell_kind(name);
		if (kind == COLUMN_OTHER_LANGUAGE) {
			CHECK(add_problem(
			    report, IMPORT_WARNING, row, map->names[column],
			    "Kolom wordt niet gebruikt: de kiosk toont alleen vertalingen "
			    "in het Engels (_en), Turks (_tr) en Arabisch (_ar)."));
			continue;
		}
		if (kind == COLUMN_UNUSED) {
			CHECK(add_problem(
			    report, IMPORT_WARNING, row, map->names[column],
			    "Kolom wordt niet gebruikt: deze naam kennen we niet. Kijk de "
			    "naam na als de kolom wel nodig is."));
			continue;
		}
		bool duplicate = kind == COLUMN_INTERVAL ? map->interval_column >= 0
		                                         : map->field_column[kind] >= 0;
		if (duplicate) {
			CHECK(
			    add_problem(report, IMPORT_WARNING, row, map->names[column],
			                "Deze kolom staat er twee keer in. Alleen de eerste wordt "
			                "gebruikt."));
			continue;
		}
		map->column_kind[column] = kind;
		if (kind == COLUMN_INTERVAL)
			map->interval_column = (int)column;
		else
			map->field_column[kind] = (int)column;
	}
	return STATUS_OK;
}

static bool record_is_empty(const csv_record *record)
{
	for (size_t i = 0; i < record->field_count; i++) {
		cell value = {record->fields[i], record->field_lengths[i]};
		if (cell_trimmed(value).length > 0)
			return false;
	}
	return true;
}

static cell record_cell(const csv_record *record, int column)
{
	if (column < 0 || (size_t)column >= record->field_count) {
		cell empty = {"", 0};
		return empty;
	}
	cell value = {record->fields[column], record->field_lengths[column]};
	return value;
}

/* Rows whose id starts with '#' are comments (the template's explanation
 * row uses this); they are skipped without a problem and not counted. */
static bool record_is_comment(const csv_record *record, const header_map *map)
{
	cell id = cell_trimmed(record_cell(record, map->field_column[FIELD_ID]));
	return id.length > 0 && id.text[0] == '#';
}

/* Keeps the problems in row order after a whole-file problem (row 0) was
 * added last. */
static void move_last_problem_to_front(import_report *report)
{
	if (report->problem_count < 2 || report->problems[report->problem_count - 1].row != 0)
		return;
	import_problem last = report->problems[report->problem_count - 1];
	memmove(report->problems + 1, report->problems,
	        (report->problem_count - 1) * sizeof report->problems[0]);
	report->problems[0] = last;
}

/* `hidden_rows` is 1 after a "sep=" line, which Excel does not show. */
static void set_csv_fatal(import_report *report, const csv_reader *reader, uint32_t hidden_rows)
{
	char message[256];
	uint32_t row = csv_reader_row(reader);
	(void)text_format(message, sizeof message, "%s Het probleem zit in rij %u.",
	                  csv_problem_message(csv_reader_problem(reader)),
	                  row > hidden_rows ? row - hidden_rows : row);
	set_fatal(report, message);
}

/* Excel reads (and some programs write) a first line "sep=;" naming the
 * delimiter. Excel hides that line, so the header stays row 1 there. Returns
 * the declared delimiter, or 0 when the record is not such a line. The
 * reader already split it: "sep=" and "" for ';' and ',', one cell otherwise. */
static char declared_delimiter(const csv_record *record, char detected)
{
	if (record->field_count == 0)
		return 0;
	cell first = cell_trimmed((cell){record->fields[0], record->field_lengths[0]});
	if (first.length < 4 || !starts_with_ignoring_case(first, "sep="))
		return 0;
	if (record->field_count >= 2) {
		/* "sep=;" split at its own ';' (also "sep=;;;" padded by Excel). */
		for (size_t i = 1; i < record->field_count; i++) {
			if (record->field_lengths[i] != 0)
				return 0;
		}
		return first.length == 4 ? detected : 0;
	}
	if (first.length == 5)
		return first.text[4];
	/* "sep=" with a tab is trimmed away to "sep=". */
	return first.length == 4 ? '\t' : 0;
}

bool import_record_is_separator_line(const csv_record *record)
{
	/* Any delimiter stands in for the one the reader detected. */
	return declared_delimiter(record, ';') != 0;
}

static bool record_has_tab(const csv_record *record)
{
	for (size_t i = 0; i < record->field_count; i++) {
		if (memchr(record->fields[i], '\t', record->field_lengths[i]) != NULL)
			return true;
	}
	return false;
}

#define SAVE_AS_CSV "Kies in Excel 'Opslaan als' en dan 'CSV UTF-8 (door komma's gescheiden)'."

static status read_records(csv_reader *reader, catalogue *result, import_report *report,
                           header_map *map, id_table *ids, scratch *memory)
{
	csv_record record;
	status next = csv_reader_next(reader, &record);
	if (next == STATUS_NOT_FOUND) {
		set_fatal(report,
		          "Het bestand is leeg. Gebruik het voorbeeldbestand en vul de rijen in.");
		return STATUS_OK;
	}
	if (next == STATUS_IO)
		return STATUS_IO;
	if (next != STATUS_OK) {
		set_csv_fatal(report, reader, 0);
		return STATUS_OK;
	}
	uint32_t hidden_rows = 0;
	char declared = declared_delimiter(&record, csv_reader_delimiter(reader));
	if (declared != 0) {
		if (declared != csv_reader_delimiter(reader)) {
			char what[16] = "andere tekens";
			if (declared == '\t')
				(void)text_copy(what, sizeof what, "tabs");
			else if (declared > ' ' && declared < 0x7F)
				(void)text_format(what, sizeof what, "'%c'-tekens", declared);
			char message[256];
			(void)text_format(
			    message, sizeof message,
			    "De eerste regel zegt dat er %s tussen de kolommen staan. De "
			    "kiosk leest alleen ; of , tussen de kolommen. " SAVE_AS_CSV,
			    what);
			set_fatal(report, message);
			return STATUS_OK;
		}
		hidden_rows = 1;
		next = csv_reader_next(reader, &record);
		if (next == STATUS_NOT_FOUND) {
			set_fatal(report,
			          "Het bestand is leeg. Gebruik het voorbeeldbestand en vul de "
			          "rijen in.");
			return STATUS_OK;
		}
		if (next == STATUS_IO)
			return STATUS_IO;
		if (next != STATUS_OK) {
			set_csv_fatal(report, reader, hidden_rows);
			return STATUS_OK;
		}
	}
	report->delimiter = csv_reader_delimiter(reader);
	bool converted_header = false;
	uint32_t header_row = record.row - hidden_rows;
	CHECK(map_header(&record, header_row, map, report, memory, &converted_header));
	bool missing_id = map->field_column[FIELD_ID] < 0;
	bool missing_name = map->field_column[FIELD_NAME] < 0;
	if ((missing_id || missing_name) && record_has_tab(&record)) {
		set_fatal(report, "De kolommen zijn gescheiden met tabs (Excel: 'Tekst (tab "
		                  "gescheiden)'). De kiosk leest alleen CSV. " SAVE_AS_CSV);
		return STATUS_OK;
	}
	if (missing_id || missing_name) {
		char message[256];
		if (missing_id && missing_name)
			(void)text_format(
			    message, sizeof message,
			    "De kolommen 'id' en 'naam' ontbreken. Zet ze in de eerste rij "
			    "(de kopregel). Er is niets ingelezen.");
		else
			(void)text_format(
			    message, sizeof message,
			    "De kolom '%s' ontbreekt. Zet een kolom '%s' in de eerste rij "
			    "(de kopregel). Er is niets ingelezen.",
			    missing_id ? "id" : "naam", missing_id ? "id" : "naam");
		set_fatal(report, message);
		return STATUS_OK;
	}

	row_context context;
	memset(&context, 0, sizeof context);
	context.into = result;
	context.report = report;
	context.ids = ids;
	context.memory = memory;
	for (int field = 0; field < FIELD_COUNT; field++) {
		int column = map->field_column[field];
		context.column_names[field] =
		    column >= 0 ? map->names[column] : catalogue_field_name((catalogue_field)field);
	}
	context.interval_name = map->interval_column >= 0 ? map->names[map->interval_column] : NULL;
	uint32_t converted_rows = converted_header ? 1 : 0;
	/* The first few converted rows, so the volunteer knows where to look. */
	char converted_list[64] = "";
	if (converted_header)
		(void)text_format(converted_list, sizeof converted_list, "%u", header_row);

	for (;;) {
		next = csv_reader_next(reader, &record);
		if (next == STATUS_NOT_FOUND)
			break;
		if (next == STATUS_IO)
			return STATUS_IO;
		if (next != STATUS_OK) {
			set_csv_fatal(report, reader, hidden_rows);
			return STATUS_OK;
		}
		if (record_is_empty(&record) || record_is_comment(&record, map))
			continue;
		report->rows++;
		uint32_t row = record.row - hidden_rows;
		context.row = row;
		context.converted = false;
		cell fields[FIELD_COUNT];
		for (int field = 0; field < FIELD_COUNT; field++)
			fields[field] = record_cell(&record, map->field_column[field]);
		cell interval = record_cell(&record, map->interval_column);
		bool extra_cells = false;
		for (size_t column = map->column_count; column < record.field_count; column++) {
			size_t length = record.field_lengths[column];
			(void)text_trim(record.fields[column], &length);
			if (length > 0)
				extra_cells = true;
		}
		if (extra_cells)
			CHECK(add_problem(
			    report, IMPORT_WARNING, row, "",
			    "Deze rij heeft meer cellen dan er kolommen zijn. De extra "
			    "cellen worden niet gebruikt. Staat er een %c te veel in de "
			    "rij? Zet dan tekst met een %c tussen aanhalingstekens (\").",
			    report->delimiter, report->delimiter));
		status parsed = parse_row(&context, fields, interval);
		if (context.converted) {
			converted_rows++;
			size_t used = strlen(converted_list);
			if (converted_rows <= 5)
				(void)text_format(converted_list + used,
				                  sizeof converted_list - used, "%s%u",
				                  used > 0 ? ", " : "", row);
			else if (converted_rows == 6)
				(void)text_copy(converted_list + used, sizeof converted_list - used,
				                ", \xE2\x80\xA6");
		}
		if (parsed == STATUS_OK)
			report->imported++;
		else if (parsed != STATUS_INVALID)
			return parsed;
	}
	if (converted_rows > 0) {
		CHECK(add_problem(
		    report, IMPORT_WARNING, 0, "",
		    "Het bestand is niet opgeslagen als UTF-8. In %u %s (%s) zijn "
		    "letters omgezet; kijk letters als é en ë na. Sla voortaan op als "
		    "'CSV UTF-8'.",
		    converted_rows, converted_rows == 1 ? "rij" : "rijen", converted_list));
		move_last_problem_to_front(report);
	}
	if (report->rows == 0)
		set_fatal(report, "Het bestand heeft alleen een kopregel en geen rijen met "
		                  "activiteiten. Vul minstens één rij in.");
	else if (report->imported == 0)
		set_fatal(report,
		          "Geen enkele rij kon worden ingelezen. Bekijk de fouten hieronder, "
		          "verbeter ze en probeer het opnieuw.");
	return STATUS_OK;
}

/* Spreadsheets saved in a form the CSV reader cannot explain well. */
static bool explain_wrong_format(const unsigned char *start, size_t length, import_report *report)
{
	if (length >= 2 &&
	    ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF))) {
		set_fatal(report,
		          "Het bestand is opgeslagen als 'Unicode-tekst' (UTF-16). Sla het op "
		          "als 'CSV UTF-8 (door komma's gescheiden)'.");
		return true;
	}
	if (length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
		set_fatal(report,
		          "Dit is een Excel-bestand (.xlsx) of zip-bestand, geen CSV. Kies in "
		          "Excel 'Opslaan als' en dan 'CSV UTF-8'.");
		return true;
	}
	if (length >= 4 && start[0] == 0x89 && start[1] == 'P' && start[2] == 'N' &&
	    start[3] == 'G') {
		set_fatal(report, "Dit is een plaatje, geen spreadsheet. Zet het CSV-bestand op de "
		                  "stick.");
		return true;
	}
	return false;
}

static status import_from_reader(csv_reader *reader, catalogue **out, import_report *report)
{
	catalogue *result = catalogue_create();
	if (result == NULL)
		return STATUS_NO_MEMORY;
	header_map *map = malloc(sizeof *map);
	if (map == NULL) {
		catalogue_destroy(result);
		return STATUS_NO_MEMORY;
	}
	id_table ids;
	memset(&ids, 0, sizeof ids);
	scratch memory = {NULL, 0};
	status read = read_records(reader, result, report, map, &ids, &memory);
	free(map);
	id_table_free(&ids);
	free(memory.bytes);
	if (read != STATUS_OK || report->fatal) {
		/* Nothing becomes an offer, even rows read before the file failed. */
		report->imported = 0;
		catalogue_destroy(result);
		return read;
	}
	catalogue_sort(result);
	*out = result;
	return STATUS_OK;
}

static void start_report(catalogue **out, import_report *report)
{
	memset(report, 0, sizeof *report);
	if (out != NULL)
		*out = NULL;
}

status import_read_memory(const char *bytes, size_t length, catalogue **out, import_report *report)
{
	if (out == NULL || report == NULL || (bytes == NULL && length > 0))
		return STATUS_USAGE;
	start_report(out, report);
	if (explain_wrong_format((const unsigned char *)bytes, length, report))
		return STATUS_OK;
	if (length > CSV_MAX_FILE_BYTES) {
		char message[256];
		(void)text_format(message, sizeof message, "%s",
		                  csv_problem_message(CSV_PROBLEM_FILE_TOO_LARGE));
		set_fatal(report, message);
		return STATUS_OK;
	}
	sha256_context hash;
	sha256_init(&hash);
	sha256_update(&hash, bytes, length);
	sha256_final(&hash, report->sha256);
	csv_reader *reader = NULL;
	status opened = csv_reader_open_memory(bytes != NULL ? bytes : "", length, &reader);
	if (opened == STATUS_TOO_LARGE) {
		set_fatal(report, csv_problem_message(CSV_PROBLEM_FILE_TOO_LARGE));
		return STATUS_OK;
	}
	if (opened != STATUS_OK)
		return opened;
	status result = import_from_reader(reader, out, report);
	csv_reader_close(reader);
	return result;
}

/* The file's fingerprint for the import history; also returns its first
 * bytes to recognise files that are not CSV at all. */
/* Fingerprinting the file is a second read of it; it runs on its own thread
 * beside the parse (it is a fifth of the work on a big file). */
typedef struct file_hash_job {
	const char *path;
	uint64_t max_file_bytes;
	uint8_t digest[32];
	status result;
} file_hash_job;

static void *hash_file(void *argument)
{
	file_hash_job *job = argument;
	job->result = STATUS_IO;
	FILE *file = fopen(job->path, "rb");
	if (file == NULL)
		return NULL;
	sha256_context hash;
	sha256_init(&hash);
	unsigned char buffer[65536];
	uint64_t total = 0;
	for (;;) {
		size_t got = fread(buffer, 1, sizeof buffer, file);
		sha256_update(&hash, buffer, got);
		total += got;
		/* A pipe or device could be endless; the reader refuses it anyway. */
		if (got < sizeof buffer || total > job->max_file_bytes)
			break;
	}
	bool failed = ferror(file) != 0;
	fclose(file);
	if (!failed) {
		sha256_final(&hash, job->digest);
		job->result = STATUS_OK;
	}
	return NULL;
}

/* The first bytes of the file, to recognise formats that are not CSV. */
static status read_file_start(const char *path, unsigned char start[8], size_t *start_length)
{
	FILE *file = fopen(path, "rb");
	if (file == NULL)
		return STATUS_IO;
	*start_length = fread(start, 1, 8, file);
	bool failed = ferror(file) != 0;
	fclose(file);
	return failed ? STATUS_IO : STATUS_OK;
}

static status import_read_file_limited(const char *path, uint64_t max_file_bytes, catalogue **out,
                                       import_report *report);

status import_read_file(const char *path, catalogue **out, import_report *report)
{
	return import_read_file_limited(path, CSV_MAX_FILE_BYTES, out, report);
}

status import_read_own_copy(const char *path, catalogue **out, import_report *report)
{
	return import_read_file_limited(path, IMPORT_MAX_OWN_COPY_BYTES, out, report);
}

static status import_read_file_limited(const char *path, uint64_t max_file_bytes, catalogue **out,
                                       import_report *report)
{
	if (path == NULL || out == NULL || report == NULL)
		return STATUS_USAGE;
	start_report(out, report);
	csv_reader *reader = NULL;
	status opened = csv_reader_open_file_limited(path, max_file_bytes, &reader);
	if (opened == STATUS_TOO_LARGE) {
		set_fatal(report, csv_problem_message(CSV_PROBLEM_FILE_TOO_LARGE));
		return STATUS_OK;
	}
	if (opened == STATUS_IO) {
		set_fatal(report,
		          "Het bestand kan niet worden geopend. Kijk of de stick goed in de "
		          "kiosk zit en probeer het opnieuw.");
		return STATUS_OK;
	}
	if (opened != STATUS_OK)
		return opened;
	static const char unreadable[] = "Het bestand kan niet worden gelezen. Kijk of de stick "
	                                 "goed in de kiosk zit en probeer het opnieuw.";
	unsigned char start[8];
	size_t start_length = 0;
	if (read_file_start(path, start, &start_length) != STATUS_OK) {
		csv_reader_close(reader);
		set_fatal(report, unreadable);
		return STATUS_OK;
	}
	if (explain_wrong_format(start, start_length, report)) {
		csv_reader_close(reader);
		return STATUS_OK;
	}
	file_hash_job hash_job = {.path = path, .max_file_bytes = max_file_bytes};
	pthread_t hash_thread;
	bool hashing_beside = pthread_create(&hash_thread, NULL, hash_file, &hash_job) == 0;
	if (!hashing_beside)
		(void)hash_file(&hash_job);
	status result = import_from_reader(reader, out, report);
	csv_reader_close(reader);
	if (hashing_beside)
		(void)pthread_join(hash_thread, NULL);
	if (hash_job.result != STATUS_OK && result == STATUS_OK)
		result = STATUS_IO;
	memcpy(report->sha256, hash_job.digest, sizeof report->sha256);
	if (result == STATUS_IO) {
		catalogue_destroy(*out);
		*out = NULL;
		report->imported = 0;
		set_fatal(report, unreadable);
		return STATUS_OK;
	}
	return result;
}

/* ---------------------------------------------------------------------------
 * Diff and reports.
 * ------------------------------------------------------------------------- */

status import_compute_diff(import_report *report, const offer_digest *current, size_t current_count,
                           const catalogue *incoming)
{
	if (report == NULL || (current == NULL && current_count > 0))
		return STATUS_USAGE;
	uint32_t changed = 0, unchanged = 0, removed = 0, matched = 0;
	for (size_t i = 0; i < current_count; i++) {
		const offer *found = incoming != NULL && current[i].id != NULL
		                         ? catalogue_find(incoming, current[i].id)
		                         : NULL;
		if (found == NULL) {
			removed++;
			continue;
		}
		matched++;
		if (catalogue_offer_hash(found) == current[i].content_hash)
			unchanged++;
		else
			changed++;
	}
	size_t incoming_count = incoming != NULL ? catalogue_count(incoming) : 0;
	report->new_count = incoming_count > matched ? (uint32_t)(incoming_count - matched) : 0;
	report->changed_count = changed;
	report->unchanged_count = unchanged;
	report->removed_count = removed;
	return STATUS_OK;
}

bool import_report_can_apply(const import_report *report)
{
	return report != NULL && !report->fatal && report->imported > 0;
}

static status append_problem_json(text_buffer *out, const import_problem *problem, bool *first)
{
	if (!*first)
		CHECK(text_buffer_append_string(out, ","));
	*first = false;
	CHECK(text_buffer_append_format(out, "{\"line\":%u,\"column\":", problem->row));
	CHECK(json_append_string(out, problem->column));
	CHECK(text_buffer_append_string(out, ",\"message\":"));
	CHECK(json_append_string(out, problem->message));
	return text_buffer_append_string(out, "}");
}

status import_report_json(const import_report *report, bool applied, text_buffer *out)
{
	if (report == NULL || out == NULL)
		return STATUS_USAGE;
	CHECK(text_buffer_append_format(out,
	                                "{\"applied\":%s,\"rows\":%u,\"new\":%u,\"changed\":%u,"
	                                "\"removed\":%u,\"unchanged\":%u,\"errors\":[",
	                                applied ? "true" : "false", report->rows, report->new_count,
	                                report->changed_count, report->removed_count,
	                                report->unchanged_count));
	bool first = true;
	if (report->fatal) {
		/* The reason nothing could be used is the first error, for the whole file. */
		import_problem fatal;
		memset(&fatal, 0, sizeof fatal);
		fatal.severity = IMPORT_ERROR;
		(void)text_copy(fatal.message, sizeof fatal.message, report->fatal_message);
		CHECK(append_problem_json(out, &fatal, &first));
	}
	for (size_t i = 0; i < report->problem_count; i++) {
		if (report->problems[i].severity == IMPORT_ERROR)
			CHECK(append_problem_json(out, &report->problems[i], &first));
	}
	CHECK(text_buffer_append_string(out, "],\"warnings\":["));
	first = true;
	for (size_t i = 0; i < report->problem_count; i++) {
		if (report->problems[i].severity == IMPORT_WARNING)
			CHECK(append_problem_json(out, &report->problems[i], &first));
	}
	return text_buffer_append_string(out, "]}");
}

status import_report_text(const import_report *report, bool applied, text_buffer *out)
{
	if (report == NULL || out == NULL)
		return STATUS_USAGE;
	if (report->fatal) {
		CHECK(text_buffer_append_format(
		    out,
		    "De lijst is NIET bijgewerkt. Er is niets veranderd.\n"
		    "Reden: %s\n",
		    report->fatal_message));
	} else if (applied) {
		CHECK(text_buffer_append_string(out, "De lijst is bijgewerkt.\n"));
	} else {
		CHECK(text_buffer_append_string(out, "De lijst is nog niet bijgewerkt. Dit zou er "
		                                     "veranderen:\n"));
	}
	if (!report->fatal)
		CHECK(text_buffer_append_format(
		    out,
		    "Rijen gelezen: %u. Ingelezen: %u.\n"
		    "Nieuw: %u. Veranderd: %u. Verwijderd: %u. Hetzelfde "
		    "gebleven: %u.\n",
		    report->rows, report->imported, report->new_count, report->changed_count,
		    report->removed_count, report->unchanged_count));
	CHECK(text_buffer_append_format(out,
	                                "Fouten (rij niet ingelezen): %u. Waarschuwingen (rij "
	                                "wel ingelezen): %u.\n",
	                                report->error_count, report->warning_count));
	if (report->problem_count > 0)
		CHECK(text_buffer_append_string(out, "\n"));
	for (size_t i = 0; i < report->problem_count; i++) {
		const import_problem *problem = &report->problems[i];
		/* "Rij 7, kolom 'aanmeld_url': Let op: …" — where first, as the volunteer
		 * will look it up in the spreadsheet. */
		const char *kind =
		    problem->severity == IMPORT_ERROR ? "Fout (rij niet ingelezen)" : "Let op";
		if (problem->row == 0)
			CHECK(text_buffer_append_format(out, "Hele bestand: %s: %s\n", kind,
			                                problem->message));
		else if (problem->column[0] == '\0')
			CHECK(text_buffer_append_format(out, "Rij %u: %s: %s\n", problem->row, kind,
			                                problem->message));
		else
			CHECK(text_buffer_append_format(out, "Rij %u, kolom '%s': %s: %s\n",
			                                problem->row, problem->column, kind,
			                                problem->message));
	}
	size_t total = (size_t)report->error_count + report->warning_count;
	if (total > report->problem_count)
		CHECK(text_buffer_append_format(out, "En nog %zu andere meldingen.\n",
		                                total - report->problem_count));
	return STATUS_OK;
}

void import_report_free(import_report *report)
{
	if (report == NULL)
		return;
	free(report->problems);
	report->problems = NULL;
	report->problem_count = 0;
}

/* ---------------------------------------------------------------------------
 * The template spreadsheet for an empty stick.
 * ------------------------------------------------------------------------- */

/* A walking group and a diabetes peer group, in canonical field order. */
static const char *const TEMPLATE_WALK[] = {
    "wandelen-01",
    "Wandelen met buren",
    "Elke dinsdag een rustige wandeling van een uur door de wijk. Daarna koffie.",
    "wandelgroep",
    "actief",
    "bewegen,ontmoeten",
    "",
    "groep",
    "fysiek",
    "inloop",
    "gratis",
    "",
    "praktisch,waarderend",
    "beginnen,volhouden",
    "iedereen die wil wandelen",
    "",
    "",
    "nl",
    "Buurthuis De Linde, Lindelaan 12",
    "3521 AB",
    "Utrecht",
    "52,0907",
    "5,1214",
    "ja",
    "di",
    "wekelijks",
    "10:00",
    "11:00",
    "2026-01-06",
    "",
    "",
    "",
    "https://www.example.nl/wandelen",
    "030 123 45 67",
    "wandelen@example.nl",
    "Ans",
    "nee",
    "nee",
    "2026-01-02",
    "Walking with neighbours",
    "Komşularla yürüyüş",
    "المشي مع الجيران",
    "A calm one-hour walk through the neighbourhood every Tuesday. Coffee afterwards.",
    "Her salı mahallede bir saatlik sakin bir yürüyüş. Sonra kahve.",
    "",
    "",
    "",
    "",
    "everyone who likes to walk",
    "",
    "",
    "",
    "",
    ""};

static const char *const TEMPLATE_DIABETES[] = {
    "diabetes-01",
    "Praatgroep diabetes",
    ("Mensen met diabetes delen ervaringen en tips. Een diabetesverpleegkundige is er elke "
     "keer bij."),
    "groep",
    "actief",
    "voeding,bewegen",
    "diabetes",
    "groep_met_zorgverlener",
    "fysiek",
    "aanmelden",
    "bijdrage",
    "2 euro per keer, koffie inbegrepen",
    "emotioneel,informatief",
    "beginnen,volhouden",
    "mensen met diabetes type 2",
    "18",
    "",
    "nl,tr",
    "Buurthuis De Linde, Lindelaan 12",
    "3521 AB",
    "Utrecht",
    "52,0907",
    "5,1214",
    "ja",
    "1do",
    "maandelijks",
    "19:30",
    "21:00",
    "",
    "",
    "2027-01-07",
    "",
    "https://www.example.nl/diabetes",
    "030 765 43 21",
    "",
    "Mehmet",
    "ja",
    "ja",
    "2026-01-02",
    "Diabetes talking group",
    "Diyabet sohbet grubu",
    "",
    ("People with diabetes share experiences and tips. A diabetes nurse is there every "
     "time."),
    "",
    "",
    "2 euros each time, coffee included",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    ""};

_Static_assert(sizeof TEMPLATE_WALK / sizeof TEMPLATE_WALK[0] == FIELD_COUNT &&
                   sizeof TEMPLATE_DIABETES / sizeof TEMPLATE_DIABETES[0] == FIELD_COUNT,
               "every template row has a cell for every column");

/* The explanation row: its id starts with '#', so importing skips it. */
static status explanation_cell(catalogue_field field, text_buffer *out)
{
	text_buffer_clear(out);
	switch (field) {
	case FIELD_ID:
		return text_buffer_append_string(
		    out, "# uitleg: rijen met # worden overgeslagen. Elke rij een eigen id");
	case FIELD_NAME: return text_buffer_append_string(out, "verplicht");
	case FIELD_DESCRIPTION: return text_buffer_append_string(out, "een of twee korte zinnen");
	case FIELD_COST_TEXT:
		return text_buffer_append_string(out, "bijvoorbeeld: 2 euro per keer");
	case FIELD_AUDIENCE: return text_buffer_append_string(out, "bijvoorbeeld: mannen 50+");
	case FIELD_AGE_MIN:
	case FIELD_AGE_MAX: return text_buffer_append_string(out, "heel getal, 0 tot 120");
	case FIELD_LANGUAGES: return text_buffer_append_string(out, "taalcodes: nl, en, tr, ar");
	case FIELD_LATITUDE:
	case FIELD_LONGITUDE: return text_buffer_append_string(out, "getal, bijvoorbeeld 52,0907");
	case FIELD_WHEELCHAIR:
	case FIELD_MODERATOR:
	case FIELD_CARE_PROFESSIONAL: return text_buffer_append_string(out, "ja of nee");
	case FIELD_DAYS:
		return text_buffer_append_string(
		    out, "ma, di, wo, do, vr, za, zo; per maand: 1di = eerste "
		         "dinsdag, -1vr = laatste vrijdag");
	case FIELD_TIME_FROM:
	case FIELD_TIME_TO: return text_buffer_append_string(out, "tijd, bijvoorbeeld 10:00");
	case FIELD_VALID_FROM:
	case FIELD_VALID_TO:
	case FIELD_CHECKED: return text_buffer_append_string(out, "datum, bijvoorbeeld 24-11-2026");
	case FIELD_EXCEPTIONS:
		return text_buffer_append_string(out, "datums waarop het niet doorgaat");
	case FIELD_SCHEDULE_TEXT:
		return text_buffer_append_string(
		    out, "als er geen vaste dagen zijn, bijvoorbeeld: op afspraak");
	case FIELD_SIGNUP_URL: return text_buffer_append_string(out, "begint met https://");
	default: break;
	}
	catalogue_field source = catalogue_translation_source(field);
	if (source != field) {
		static const char *const language_names[CATALOGUE_TRANSLATION_LANGUAGES] = {
		    "Engels", "Turks", "Arabisch"};
		unsigned language =
		    (unsigned)(field - FIELD_FIRST_TRANSLATION) % CATALOGUE_TRANSLATION_LANGUAGES;
		return text_buffer_append_format(
		    out, "mag leeg: %s in het %s; leeg = de Nederlandse tekst",
		    catalogue_field_name(source), language_names[language]);
	}
	unsigned count = catalogue_vocabulary_size(field);
	if (count == 0)
		return STATUS_OK;
	bool list = field != FIELD_KIND && field != FIELD_STATUS && field != FIELD_FREQUENCY;
	CHECK(text_buffer_append_string(out, list ? "een of meer van: " : "een van: "));
	bool first = true;
	for (unsigned i = 0; i < count; i++) {
		const char *word = catalogue_vocabulary_word(field, i);
		if (word == NULL || word[0] == '\0')
			continue;
		CHECK(text_buffer_append_format(out, "%s%s", first ? "" : ", ", word));
		first = false;
	}
	return STATUS_OK;
}

static status write_template_rows(FILE *file)
{
	static const char BOM[] = "\xEF\xBB\xBF";
	if (fwrite(BOM, 1, 3, file) != 3)
		return STATUS_IO;
	text_buffer cell_text = {0};
	status result = STATUS_OK;
	for (int row = 0; row < 4 && result == STATUS_OK; row++) {
		for (int field = 0; field < FIELD_COUNT && result == STATUS_OK; field++) {
			const char *value = "";
			if (row == 0) {
				value = catalogue_field_name((catalogue_field)field);
			} else if (row == 1) {
				result = explanation_cell((catalogue_field)field, &cell_text);
				value = text_buffer_string(&cell_text);
			} else {
				value = (row == 2 ? TEMPLATE_WALK : TEMPLATE_DIABETES)[field];
			}
			if (result == STATUS_OK && field > 0 && fputc(';', file) == EOF)
				result = STATUS_IO;
			if (result == STATUS_OK)
				result = csv_write_field(file, value, ';');
		}
		if (result == STATUS_OK && fputs("\r\n", file) == EOF)
			result = STATUS_IO;
	}
	text_buffer_free(&cell_text);
	return result;
}

status import_write_template(const char *path)
{
	/* The template is for everyone; sticks formatted FAT have no modes at
	 * all, so failing to set them does not matter. The stick may be pulled at
	 * any moment: the commit puts the data on disk before the rename. */
	atomic_file *template_file = NULL;
	status result = atomic_file_begin(path, 0644, ATOMIC_FILE_MODE_BEST_EFFORT, &template_file);
	if (result != STATUS_OK)
		return result;
	result = write_template_rows(atomic_file_stream(template_file));
	if (result != STATUS_OK) {
		atomic_file_abandon(template_file);
		return result;
	}
	return atomic_file_commit(template_file);
}
