/* screen_results.c — the ranked cards after the questions: each says what
 * the offer is, when and where it meets, what it costs and why it fits. */
#include "screen_results.h"

#include <string.h>

#include "screen_offer_text.h"
#include "screen_resident.h"
#include "text.h"

/* Cards side by side once the list is wide enough for two of these. */
#define CARD_MIN_WIDTH_EMS 20
#define CHIP_ROWS          2

/* ---- Phrases ---------------------------------------------------------- */

static const char *theme_chip(const screen_context *context, unsigned themes)
{
	if (themes & THEME_MOVING) {
		return screen_translate(context, "Bewegen");
	}
	if (themes & THEME_FOOD) {
		return screen_translate(context, "Gezond eten");
	}
	if (themes & THEME_SLEEP) {
		return screen_translate(context, "Beter slapen");
	}
	if (themes & THEME_RELAXATION) {
		return screen_translate(context, "Rust en ontspanning");
	}
	if (themes & THEME_SMOKING) {
		return screen_translate(context, "Stoppen met roken");
	}
	if (themes & THEME_ALCOHOL) {
		return screen_translate(context, "Minder alcohol");
	}
	if (themes & THEME_MEETING) {
		return screen_translate(context, "Mensen ontmoeten");
	}
	return NULL;
}

static const char *condition_chip(const screen_context *context, unsigned conditions)
{
	static const unsigned order[] = {CONDITION_DIABETES, CONDITION_HEART,      CONDITION_LUNG,
	                                 CONDITION_CANCER,   CONDITION_OVERWEIGHT, CONDITION_PAIN,
	                                 CONDITION_LOW_MOOD, CONDITION_HEADACHE,   CONDITION_MS,
	                                 CONDITION_OTHER};
	for (size_t index = 0; index < sizeof(order) / sizeof(order[0]); index++) {
		if (!(conditions & order[index])) {
			continue;
		}
		switch (order[index]) {
		case CONDITION_DIABETES: return screen_translate(context, "Bij diabetes");
		case CONDITION_HEART: return screen_translate(context, "Bij hart en bloedvaten");
		case CONDITION_LUNG: return screen_translate(context, "Bij een longziekte");
		case CONDITION_CANCER: return screen_translate(context, "Bij kanker");
		case CONDITION_OVERWEIGHT: return screen_translate(context, "Bij overgewicht");
		case CONDITION_PAIN: return screen_translate(context, "Bij pijn of reuma");
		case CONDITION_LOW_MOOD: return screen_translate(context, "Als u somber bent");
		case CONDITION_HEADACHE: return screen_translate(context, "Bij hoofdpijn");
		case CONDITION_MS: return screen_translate(context, "Bij MS");
		default: return screen_translate(context, "Bij uw aandoening");
		}
	}
	return NULL;
}

static const char *support_chip(const screen_context *context, unsigned support)
{
	if (support & SUPPORT_EMOTIONAL) {
		return screen_translate(context, "Iemand die luistert");
	}
	if (support & SUPPORT_INFORMATIVE) {
		return screen_translate(context, "Informatie en tips");
	}
	if (support & SUPPORT_PRACTICAL) {
		return screen_translate(context, "Praktische hulp");
	}
	if (support & SUPPORT_APPRECIATIVE) {
		return screen_translate(context, "Aanmoediging");
	}
	return NULL;
}

static const char *phase_chip(const screen_context *context, unsigned phase)
{
	if (phase & PHASE_ORIENTING) {
		return screen_translate(context, "Om rustig te kijken");
	}
	if (phase & PHASE_STARTING) {
		return screen_translate(context, "Om te beginnen");
	}
	if (phase & PHASE_KEEPING_UP) {
		return screen_translate(context, "Om vol te houden");
	}
	return NULL;
}

/* Why `item` fits, for one answer the matcher says it met; NULL when there
 * is nothing worth saying (an "either is fine" answer). The words come from
 * what the resident chose where the offer shares it, else from the offer. */
static const char *fit_chip(const screen_context *context, match_key key,
                            const match_answers *answers, const offer *item)
{
	switch (key) {
	case MATCH_THEMES: {
		const char *shared = theme_chip(context, answers->themes & item->themes);
		return shared ? shared : theme_chip(context, item->themes);
	}
	case MATCH_CONDITIONS:
		if (item->conditions == 0 || answers->conditions == 0) {
			return screen_translate(context, "Voor iedereen");
		}
		return condition_chip(context, answers->conditions & item->conditions);
	case MATCH_FORM:
		if (item->form & answers->form & FORM_GROUP_WITH_PROFESSIONAL) {
			return screen_translate(context, "Met een zorgverlener");
		}
		if (item->form & answers->form & FORM_ONE_TO_ONE) {
			return screen_translate(context, "Met één persoon");
		}
		return screen_translate(context, "In een groep");
	case MATCH_CONTACT:
		if (answers->contact == MATCH_IN_PERSON_ONLY) {
			return screen_translate(context, "Echt bij elkaar");
		}
		if (answers->contact == MATCH_REMOTE) {
			return (item->contact & CONTACT_ONLINE)
			           ? screen_translate(context, "Online")
			           : screen_translate(context, "Via de telefoon");
		}
		return NULL;
	case MATCH_NEARBY: return answers->nearby ? screen_translate(context, "Dichtbij") : NULL;
	case MATCH_ACCESS:
		if (item->access & answers->access & ACCESS_DROP_IN) {
			return screen_translate(context, "Inloop");
		}
		if (item->access & answers->access & ACCESS_PROGRAMME) {
			return screen_translate(context, "Vast programma");
		}
		return NULL;
	case MATCH_COST:
		if (item->cost & COST_FREE) {
			return screen_translate(context, "Gratis");
		}
		if (item->cost & COST_CONTRIBUTION) {
			return screen_translate(context, "Kleine bijdrage");
		}
		if (item->cost & COST_REIMBURSED) {
			return screen_translate(context, "Vergoed");
		}
		return NULL;
	case MATCH_SUPPORT: {
		const char *shared = support_chip(context, answers->support & item->support);
		return shared ? shared : support_chip(context, item->support);
	}
	case MATCH_PHASE: return phase_chip(context, answers->phase & item->phase);
	default: return NULL;
	}
}

/* The words for a relaxed answer, to follow "daarom ziet u ook": they say
 * what the list now holds that the resident did not ask for. */
static const char *relaxed_phrase(const screen_context *context, match_key key,
                                  const match_answers *answers)
{
	switch (key) {
	case MATCH_THEMES: return screen_translate(context, "aanbod over andere onderwerpen");
	case MATCH_CONDITIONS:
		return screen_translate(context, "aanbod dat niet over uw aandoening gaat");
	case MATCH_FORM: return screen_translate(context, "aanbod in een andere vorm");
	case MATCH_CONTACT:
		return answers->contact == MATCH_REMOTE
		           ? screen_translate(context, "aanbod waarvoor u ergens heen gaat")
		           : screen_translate(context, "aanbod online of via de telefoon");
	case MATCH_NEARBY: return screen_translate(context, "aanbod verder weg");
	case MATCH_ACCESS:
		return answers->access == ACCESS_DROP_IN
		           ? screen_translate(context, "aanbod waarvoor u zich aanmeldt")
		           : screen_translate(context, "aanbod zonder vast programma");
	case MATCH_COST:
		return answers->cost == MATCH_FREE_ONLY
		           ? screen_translate(context, "aanbod dat niet gratis is")
		           : screen_translate(context, "aanbod dat meer kost");
	case MATCH_SUPPORT: return screen_translate(context, "aanbod met een andere soort steun");
	case MATCH_PHASE: return screen_translate(context, "aanbod voor een andere stap");
	default: return "";
	}
}

/* One sentence naming every relaxed answer, first relaxed first. */
static void relaxed_sentence(const screen_context *context, const match_answers *answers, char *out,
                             size_t size)
{
	const match_outcome *outcome = context->outcome;
	char list[768] = "";
	for (size_t index = 0; index < outcome->relaxed_count; index++) {
		const char *phrase =
		    relaxed_phrase(context, (match_key)outcome->relaxed_order[index], answers);
		char joined[768];
		if (index == 0) {
			(void)text_copy(joined, sizeof(joined), phrase);
		} else if (index + 1 == outcome->relaxed_count) {
			/* TRANSLATORS: the last two items of a list: "A en B". */
			(void)text_format(joined, sizeof(joined),
			                  screen_translate(context, "%s en %s"), list, phrase);
		} else {
			/* TRANSLATORS: items of a list before the last: "A, B". */
			(void)text_format(joined, sizeof(joined),
			                  screen_translate(context, "%s, %s"), list, phrase);
		}
		(void)text_copy(list, sizeof(list), joined);
	}
	if (outcome->fitting_before_relaxing == 0) {
		(void)text_format(
		    out, size,
		    screen_translate(context,
		                     "Niets paste bij al uw antwoorden, daarom ziet u ook %s."),
		    list);
	} else {
		(void)text_format(
		    out, size,
		    screen_translate(context,
		                     "Weinig paste bij al uw antwoorden, daarom ziet u ook %s."),
		    list);
	}
}

/* The description's first sentence, on one line: a card has room for a
 * plain line; the detail screen shows the rest. */
static void first_sentence(const char *text, char *out, size_t size)
{
	size_t length = 0;
	while (text[length]) {
		char here = text[length];
		char next = text[length + 1];
		length++;
		if ((here == '.' || here == '!' || here == '?') &&
		    (next == ' ' || next == '\n' || next == '\0')) {
			break;
		}
		if (here == '\n') {
			break;
		}
	}
	if (length + 1 > size) {
		length = size - 1;
	}
	char copy[512];
	if (length >= sizeof(copy)) {
		length = sizeof(copy) - 1;
	}
	memcpy(copy, text, length);
	copy[length] = '\0';
	for (size_t index = 0; index < length; index++) {
		if (copy[index] == '\n' || copy[index] == '\r') {
			copy[index] = ' ';
		}
	}
	(void)text_copy(out, size, copy);
}

/* ---- Cards ------------------------------------------------------------ */

/* What a card says, worked out once and used to measure and to draw. */
typedef struct card_words {
	char sentence[400];
	char when[200];
	char walking[64];
	const char *where_icon;
	const char *cost;
	const char *chips[MATCH_KEY_COUNT];
	size_t chip_count;
} card_words;

static void card_words_make(const screen_context *context, const screen_offer *shown,
                            const match_answers *answers, card_words *words)
{
	const offer *item = shown->item;
	memset(words, 0, sizeof(*words));
	first_sentence(screen_offer_description(context, item), words->sentence,
	               sizeof(words->sentence));
	if (shown->meeting_count > 0) {
		screen_format_meeting(context, &shown->meetings[0], words->when,
		                      sizeof(words->when));
	} else {
		(void)text_copy(words->when, sizeof(words->when),
		                screen_offer_schedule_text(context, item));
	}
	words->where_icon = "directions_walk";
	if (shown->walking_minutes >= 0) {
		screen_format_walking(context, shown->walking_minutes, words->walking,
		                      sizeof(words->walking));
	} else if (!(item->contact & CONTACT_IN_PERSON) && (item->contact & CONTACT_ONLINE)) {
		words->where_icon = "computer";
		(void)text_copy(words->walking, sizeof(words->walking),
		                screen_translate(context, "Online"));
	} else if (!(item->contact & CONTACT_IN_PERSON) && (item->contact & CONTACT_PHONE)) {
		words->where_icon = "call";
		(void)text_copy(words->walking, sizeof(words->walking),
		                screen_translate(context, "Via de telefoon"));
	} else if (!(item->contact & CONTACT_IN_PERSON) && (item->contact & CONTACT_HOME_VISIT)) {
		words->where_icon = "home";
		(void)text_copy(words->walking, sizeof(words->walking),
		                screen_translate(context, "Bij u thuis"));
	}
	words->cost = screen_cost_words(context, item);
	if (!shown->result) {
		return;
	}
	/* Most important answers first, like the ranking. */
	bool used[MATCH_KEY_COUNT] = {false};
	for (size_t round = 0; round < MATCH_KEY_COUNT; round++) {
		int best = -1;
		for (int key = 0; key < (int)MATCH_KEY_COUNT; key++) {
			if (used[key] || !(shown->result->matched & (1u << key))) {
				continue;
			}
			if (best < 0 || match_key_importance((match_key)key) >
			                    match_key_importance((match_key)best)) {
				best = key;
			}
		}
		if (best < 0) {
			break;
		}
		used[best] = true;
		const char *chip = fit_chip(context, (match_key)best, answers, item);
		bool duplicate = false;
		for (size_t index = 0; chip && index < words->chip_count; index++) {
			duplicate = duplicate || strcmp(words->chips[index], chip) == 0;
		}
		if (chip && chip[0] && !duplicate) {
			words->chips[words->chip_count++] = chip;
		}
	}
}

typedef struct card_geometry {
	int padding;
	int icon_box;  /* the pictogram's square */
	int speaker;   /* the speaker button's side under it; 0 = none */
	int chevron;   /* the "opens" arrow on the right */
	int text_left; /* from the card's left edge */
	int text_width;
} card_geometry;

static card_geometry card_geometry_for(const screen_context *context, int width)
{
	const layout_metrics *metrics = context->metrics;
	card_geometry geometry;
	geometry.padding = metrics->gap;
	geometry.icon_box = metrics->icon_size + metrics->gap / 2;
	geometry.speaker = screen_speakers_shown(context) ? screen_speaker_side(context) : 0;
	geometry.chevron = metrics->text_size;
	int left_column =
	    geometry.speaker > geometry.icon_box ? geometry.speaker : geometry.icon_box;
	geometry.text_left = geometry.padding * 2 + left_column;
	geometry.text_width = width - geometry.text_left - geometry.padding * 2 - geometry.chevron;
	if (geometry.text_width < metrics->text_size) {
		geometry.text_width = metrics->text_size;
	}
	return geometry;
}

static draw_text_style style_of(const screen_context *context, draw_font font, int size,
                                int max_lines, draw_color color, draw_color background)
{
	draw_text_style style = {font, size, size, max_lines, color, background, DRAW_ALIGN_START};
	if (context->metrics->min_text_size < size) {
		style.min_size = context->metrics->min_text_size;
	}
	return style;
}

/* A paragraph of at most max_lines lines at `size` (ending in "…" when the
 * text is longer); returns its height. Draws only when `draw`. */
static int card_paragraph(const screen_context *context, bool draw, int x, int y, int width,
                          const char *text, draw_font font, int size, int max_lines,
                          draw_color color, draw_color background)
{
	if (!text[0]) {
		return 0;
	}
	draw_text_style style = style_of(context, font, size, max_lines, color, background);
	int height = draw_text_block_height(context->measurer, width, text, &style);
	if (draw) {
		draw_rect box = {x, y, width, height};
		(void)draw_text_block(context->list, context->measurer, box, text, &style);
	}
	return height;
}

/* An info line: a small pictogram and up to two lines of text. */
static int card_info(const screen_context *context, bool draw, int x, int y, int width,
                     const char *icon, const char *text, draw_color background)
{
	if (!text[0]) {
		return 0;
	}
	const layout_metrics *metrics = context->metrics;
	int icon_side = screen_line_height(context, DRAW_FONT_TEXT, metrics->small_size);
	int indent = icon_side + metrics->gap / 2;
	int height =
	    card_paragraph(context, draw, x + indent, y, width - indent, text, DRAW_FONT_TEXT,
	                   metrics->small_size, 2, metrics->palette.text, background);
	if (draw) {
		draw_rect icon_box = {x, y, icon_side, icon_side};
		draw_icon(context->list, icon_box, icon, metrics->small_size,
		          metrics->palette.muted_text, background);
	}
	return height;
}

/* Two info items side by side when each fits one line in half the width,
 * else one under the other. Returns the height. */
static int card_info_pair(const screen_context *context, bool draw, int x, int y, int width,
                          const char *first_icon, const char *first, const char *second_icon,
                          const char *second, draw_color background)
{
	const layout_metrics *metrics = context->metrics;
	int icon_side = screen_line_height(context, DRAW_FONT_TEXT, metrics->small_size);
	int half = (width - metrics->gap) / 2;
	int text_room = half - icon_side - metrics->gap / 2;
	if (first[0] && second[0] &&
	    screen_text_width(context, DRAW_FONT_TEXT, metrics->small_size, first) <= text_room &&
	    screen_text_width(context, DRAW_FONT_TEXT, metrics->small_size, second) <= text_room) {
		int left = card_info(context, draw, x, y, half, first_icon, first, background);
		int right = card_info(context, draw, x + half + metrics->gap, y, half, second_icon,
		                      second, background);
		return left > right ? left : right;
	}
	int height = card_info(context, draw, x, y, width, first_icon, first, background);
	int next = card_info(context, draw, x, y + height, width, second_icon, second, background);
	return height + next;
}

/* The chips in up to CHIP_ROWS rows; chips that do not fit are left out.
 * Returns the height. */
static int card_chips(const screen_context *context, bool draw, int x, int y, int width,
                      const card_words *words)
{
	if (words->chip_count == 0) {
		return 0;
	}
	const layout_metrics *metrics = context->metrics;
	int chip_height = screen_chip_height(context);
	int spacing = metrics->gap / 2;
	int row = 0;
	int cursor = 0;
	bool any = false;
	for (size_t index = 0; index < words->chip_count; index++) {
		int chip_width = screen_chip_width(context, words->chips[index]);
		if (chip_width > width) {
			continue;
		}
		if (cursor > 0 && cursor + chip_width > width) {
			if (row + 1 >= CHIP_ROWS) {
				continue; /* a smaller chip may still fit this row */
			}
			row++;
			cursor = 0;
		}
		if (draw) {
			(void)screen_chip(context, x + cursor, y + row * (chip_height + spacing),
			                  width - cursor, words->chips[index]);
		}
		cursor += chip_width + spacing;
		any = true;
	}
	return any ? (row + 1) * chip_height + row * spacing : 0;
}

/* Lays out one card at (x, y), `width` wide; draws it only when `draw` and
 * then with the given height (a row's tallest card). Returns its height. */
static int card_layout(const screen_context *context, const screen_offer *shown,
                       const card_words *words, size_t position, bool draw, draw_rect box)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	card_geometry geometry = card_geometry_for(context, box.width);
	bool pressed = screen_is_pressed(context, ACTION_OPEN_OFFER, (int)position);
	draw_color fill = pressed ? palette->secondary_pressed : palette->surface;
	if (draw) {
		draw_fill(context->list, box, fill, metrics->radius);
		draw_frame(context->list, box, palette->border, metrics->radius, metrics->border);
		draw_rect icon_box = {box.x + geometry.padding, box.y + geometry.padding,
		                      geometry.icon_box, geometry.icon_box};
		draw_fill(context->list, icon_box, palette->secondary, metrics->radius);
		draw_icon(context->list, icon_box, screen_offer_icon(shown->item),
		          metrics->icon_size, palette->on_secondary, palette->secondary);
		draw_rect chevron_box = {box.x + box.width - geometry.padding - geometry.chevron,
		                         box.y + (box.height - geometry.chevron) / 2,
		                         geometry.chevron, geometry.chevron};
		draw_icon(context->list, chevron_box, "chevron_right", geometry.chevron,
		          palette->muted_text, fill);
	}
	int x = box.x + geometry.text_left;
	int y = box.y + geometry.padding;
	int width = geometry.text_width;
	int spacing = metrics->gap / 2;
	y += card_paragraph(context, draw, x, y, width, screen_offer_name(context, shown->item),
	                    DRAW_FONT_BOLD, metrics->heading_size * 5 / 6, 2, palette->text, fill);
	int sentence = card_paragraph(context, draw, x, y, width, words->sentence, DRAW_FONT_TEXT,
	                              metrics->text_size, 2, palette->text, fill);
	y += sentence ? sentence + spacing : 0;
	y += card_info(context, draw, x, y, width, "event", words->when, fill);
	y += card_info_pair(context, draw, x, y, width, words->where_icon, words->walking,
	                    "payments", words->cost, fill);
	int chips = card_chips(context, draw, x, y + spacing, width, words);
	y += chips ? chips + spacing : 0;
	int height = y + geometry.padding - box.y;
	int minimum = geometry.icon_box + 2 * geometry.padding;
	if (geometry.speaker > 0) {
		minimum += metrics->gap / 2 + geometry.speaker;
	}
	if (height < minimum) {
		height = minimum;
	}
	if (height < metrics->target) {
		height = metrics->target;
	}
	if (draw) {
		draw_target_add(context->list, box, ACTION_OPEN_OFFER, (int)position,
		                screen_offer_name(context, shown->item));
		if (geometry.speaker > 0) {
			/* Under the pictogram, on top of the card's own target. */
			draw_rect speaker = {box.x + geometry.padding,
			                     box.y + geometry.padding + geometry.icon_box +
			                         metrics->gap / 2,
			                     geometry.speaker, geometry.speaker};
			screen_speaker_button(context, speaker,
			                      screen_offer_name(context, shown->item),
			                      (int)position);
		}
	}
	return height;
}

/* ---- The page --------------------------------------------------------- */

/* The fixed bar at the bottom: buttons of equal width in a row. Returns the
 * bar's top; draws only when `draw` (the list's height depends on it, and
 * the bar is drawn after the list). */
static int bottom_bar(const screen_context *context, bool draw)
{
	const screen_bar_button buttons[] = {
	    {screen_translate(context, "Terug"), "arrow_back", SCREEN_BUTTON_SECONDARY, ACTION_BACK,
	     1, false},
	    {screen_translate(context, "Overzicht"), "checklist", SCREEN_BUTTON_SECONDARY,
	     ACTION_OVERVIEW, 1, false},
	    {screen_translate(context, "Opnieuw beginnen"), "restart_alt", SCREEN_BUTTON_SECONDARY,
	     ACTION_START_OVER, 1, false},
	};
	return context->metrics->height -
	       screen_bottom_bar(context, buttons, sizeof(buttons) / sizeof(buttons[0]), draw);
}

/* Title, count and the relaxed sentence. Returns the header's bottom. */
static int header(const screen_context *context, const match_answers *answers)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	int width = metrics->width - 2 * metrics->margin;
	char count[96];
	(void)text_format(count, sizeof(count), screen_translate(context, "%zu gevonden"),
	                  context->results_total);
	int y =
	    screen_resident_page_title(context, screen_translate(context, "Dit past bij u"), count);
	if (context->outcome && context->outcome->relaxed_count > 0 && context->result_count > 0) {
		char sentence[1024];
		relaxed_sentence(context, answers, sentence, sizeof(sentence));
		int padding = metrics->gap;
		int icon_side = metrics->text_size;
		int text_left = padding * 2 + icon_side;
		int text_room = width - text_left - padding;
		/* At most three lines: the list below needs the room more. */
		draw_text_style style = {DRAW_FONT_TEXT,
		                         metrics->text_size,
		                         metrics->min_text_size < metrics->text_size
		                             ? metrics->min_text_size
		                             : metrics->text_size,
		                         3,
		                         palette->on_notice,
		                         palette->notice,
		                         DRAW_ALIGN_START};
		int text_height =
		    draw_text_block_height(context->measurer, text_room, sentence, &style);
		y += metrics->gap;
		draw_rect notice = {metrics->margin, y, width, text_height + 2 * padding};
		draw_fill(context->list, notice, palette->notice, metrics->radius);
		draw_rect icon_box = {metrics->margin + padding, y + padding, icon_side, icon_side};
		draw_icon(context->list, icon_box, "info", icon_side, palette->on_notice,
		          palette->notice);
		draw_rect text_box = {metrics->margin + text_left, y + padding, text_room,
		                      text_height};
		(void)draw_text_block(context->list, context->measurer, text_box, sentence, &style);
		y += notice.height;
	}
	return y + metrics->gap;
}

/* Nothing to show: say so kindly and say whom to ask. Returns the height. */
static int nothing_found(const screen_context *context, draw_rect list_area)
{
	const layout_metrics *metrics = context->metrics;
	const layout_palette *palette = &metrics->palette;
	int y = list_area.y + metrics->gap - context->scroll;
	int width = list_area.width;
	draw_rect icon_box = {list_area.x + (width - metrics->icon_size) / 2, y, metrics->icon_size,
	                      metrics->icon_size};
	draw_icon(context->list, icon_box, "info", metrics->icon_size, palette->muted_text,
	          palette->background);
	y += metrics->icon_size + metrics->gap;
	const char *sentences[] = {
	    screen_translate(context, "Op dit moment kunnen we hier niets laten zien."),
	    screen_translate(context, "Vraag het aan de balie."),
	};
	for (size_t index = 0; index < 2; index++) {
		draw_text_style style = {DRAW_FONT_TEXT, metrics->text_size,  metrics->text_size, 0,
		                         palette->text,  palette->background, DRAW_ALIGN_CENTRE};
		int height =
		    draw_text_block_height(context->measurer, width, sentences[index], &style);
		draw_rect box = {list_area.x, y, width, height};
		(void)draw_text_block(context->list, context->measurer, box, sentences[index],
		                      &style);
		y += height + metrics->gap / 2;
	}
	return y + context->scroll - list_area.y + metrics->gap;
}

void screen_results_build(const screen_context *context)
{
	const layout_metrics *metrics = context->metrics;
	match_answers answers;
	memset(&answers, 0, sizeof(answers));
	if (context->resident && context->questions &&
	    session_answers(context->resident, context->questions, &answers) != STATUS_OK) {
		/* Matching ran without the unknown answer too; word the chips
		 * from the offers alone. */
		memset(&answers, 0, sizeof(answers));
	}
	(void)screen_window(context, metrics->palette.background);
	int top = header(context, &answers);
	draw_list *list = context->list;
	int bar_top = bottom_bar(context, false);
	draw_rect list_area = {metrics->margin, top, metrics->width - 2 * metrics->margin,
	                       bar_top - top};
	if (list_area.height < metrics->target) {
		list_area.height = metrics->target;
	}
	draw_target_add(list, list_area, ACTION_SCROLL_AREA, 0, "");
	draw_clip(list, list_area);

	int content = 0;
	size_t count = context->result_count;
	if (count == 0) {
		content = nothing_found(context, list_area);
	} else {
		int columns =
		    list_area.width >= 2 * CARD_MIN_WIDTH_EMS * metrics->text_size ? 2 : 1;
		int card_width = (list_area.width - (columns - 1) * metrics->gap) / columns;
		int y = 0;
		for (size_t row_start = 0; row_start < count; row_start += (size_t)columns) {
			card_words words[2];
			int row_height = 0;
			size_t in_row = 0;
			for (size_t column = 0;
			     column < (size_t)columns && row_start + column < count; column++) {
				const screen_offer *shown = &context->results[row_start + column];
				card_words_make(context, shown, &answers, &words[column]);
				draw_rect measure_box = {0, 0, card_width, 0};
				int height = card_layout(context, shown, &words[column],
				                         row_start + column, false, measure_box);
				if (height > row_height) {
					row_height = height;
				}
				in_row++;
			}
			int screen_y = list_area.y + y - context->scroll;
			bool visible = screen_y < list_area.y + list_area.height &&
			               screen_y + row_height > list_area.y;
			for (size_t column = 0; visible && column < in_row; column++) {
				draw_rect box = {list_area.x +
				                     (int)column * (card_width + metrics->gap),
				                 screen_y, card_width, row_height};
				(void)card_layout(context, &context->results[row_start + column],
				                  &words[column], row_start + column, true, box);
			}
			y += row_height + metrics->gap;
		}
		content = y;
	}
	draw_clip_end(list);
	(void)bottom_bar(context, true);
	screen_style_button(context);
	if (context->content_height) {
		*context->content_height = content;
	}
}
