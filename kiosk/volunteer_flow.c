/* volunteer_flow.c — the volunteer's pages and what moves between them:
 * PIN pad (with the five-wrong-PINs lockout), preview, progress, result,
 * menu. No I/O: requests go out, service events come in. */
#include "volunteer_flow.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "volunteer_pin.h"

enum { TEXT_BYTES = 1024, SHORT_TEXT_BYTES = 320, PIN_BYTES = VOLUNTEER_PIN_MAX_DIGITS + 1 };

struct volunteer_flow {
	bool open;
	volunteer_purpose purpose;
	enum screen_volunteer_page page;
	volunteer_pin_guard guard;

	/* PIN pad. */
	char pin[PIN_BYTES];
	size_t pin_length;
	bool checking; /* the service is checking a PIN */
	char pin_message[SHORT_TEXT_BYTES];

	/* Requests not taken yet, oldest first, and the PIN that goes with a
	 * CHECK_PIN. */
	volunteer_request requests[8];
	size_t request_count;
	char pin_to_check[PIN_BYTES];

	/* Preview. */
	size_t new_count, changed_count, removed_count, unchanged_count;
	char **problems;
	size_t problem_count;
	bool can_apply;
	char file_message[SHORT_TEXT_BYTES];

	/* Progress and result. */
	bool working; /* reading or applying */
	int progress_percent;
	char result_title[SHORT_TEXT_BYTES];
	char result_detail[TEXT_BYTES];

	/* Menu. */
	char catalogue_summary[SHORT_TEXT_BYTES];
	char last_import_summary[SHORT_TEXT_BYTES];
	char menu_message[SHORT_TEXT_BYTES];
	volunteer_restore restored; /* the catalogue in use came from a recovery */
};

volunteer_flow *volunteer_flow_create(void)
{
	volunteer_flow *flow = calloc(1, sizeof(*flow));
	if (flow) {
		volunteer_pin_guard_init(&flow->guard);
	}
	return flow;
}

static void forget_preview(volunteer_flow *flow)
{
	for (size_t index = 0; index < flow->problem_count; index++) {
		free(flow->problems[index]);
	}
	free(flow->problems);
	flow->problems = NULL;
	flow->problem_count = 0;
	flow->new_count = flow->changed_count = flow->removed_count = flow->unchanged_count = 0;
	flow->can_apply = false;
	flow->file_message[0] = '\0';
}

static void wipe_pin(volunteer_flow *flow)
{
	text_wipe(flow->pin, sizeof(flow->pin));
	flow->pin_length = 0;
}

void volunteer_flow_destroy(volunteer_flow *flow)
{
	if (!flow) {
		return;
	}
	forget_preview(flow);
	wipe_pin(flow);
	text_wipe(flow->pin_to_check, sizeof(flow->pin_to_check));
	free(flow);
}

static void ask(volunteer_flow *flow, volunteer_request request)
{
	if (flow->request_count < sizeof(flow->requests) / sizeof(flow->requests[0])) {
		flow->requests[flow->request_count++] = request;
	}
}

/* The pad's message for a lock that is on at `now_ms`; false when unlocked. */
static bool show_lock(volunteer_flow *flow, int64_t now_ms)
{
	volunteer_pin_lock lock = volunteer_pin_guard_check(&flow->guard, now_ms);
	if (!lock.locked) {
		return false;
	}
	if (!volunteer_pin_locked_text(NULL, lock.seconds_left, flow->pin_message,
	                               sizeof(flow->pin_message))) {
		flow->pin_message[0] = '\0';
	}
	return true;
}

void volunteer_flow_open(volunteer_flow *flow, volunteer_purpose purpose, int64_t now_ms)
{
	forget_preview(flow);
	wipe_pin(flow);
	flow->open = true;
	flow->purpose = purpose;
	flow->page = VOLUNTEER_PIN;
	flow->checking = false;
	flow->working = false;
	flow->progress_percent = 0;
	flow->pin_message[0] = '\0';
	flow->result_title[0] = flow->result_detail[0] = '\0';
	flow->menu_message[0] = '\0';
	(void)show_lock(flow, now_ms);
}

void volunteer_flow_close(volunteer_flow *flow)
{
	if (flow->open && flow->page == VOLUNTEER_PREVIEW) {
		ask(flow, VOLUNTEER_REQUEST_DISCARD); /* the service still holds it */
	}
	forget_preview(flow);
	wipe_pin(flow);
	flow->open = false;
	flow->checking = false;
	flow->working = false;
	flow->pin_message[0] = '\0';
	flow->menu_message[0] = '\0';
}

bool volunteer_flow_is_open(const volunteer_flow *flow)
{
	return flow->open;
}

volunteer_purpose volunteer_flow_purpose(const volunteer_flow *flow)
{
	return flow->purpose;
}

enum screen_volunteer_page volunteer_flow_page(const volunteer_flow *flow)
{
	return flow->page;
}

bool volunteer_flow_is_waiting(const volunteer_flow *flow)
{
	return flow->open && (flow->checking || flow->working);
}

bool volunteer_flow_tick(volunteer_flow *flow, int64_t now_ms)
{
	if (!flow->open || flow->page != VOLUNTEER_PIN || !flow->guard.locked) {
		return false;
	}
	char before[SHORT_TEXT_BYTES];
	memcpy(before, flow->pin_message, sizeof(before));
	if (!show_lock(flow, now_ms)) {
		flow->pin_message[0] = '\0'; /* unlocked: the pad takes digits again */
		return true;
	}
	return strcmp(before, flow->pin_message) != 0;
}

bool volunteer_flow_is_locked(const volunteer_flow *flow)
{
	return flow->open && flow->page == VOLUNTEER_PIN && flow->guard.locked;
}

static void press_ok(volunteer_flow *flow, int64_t now_ms)
{
	if (show_lock(flow, now_ms)) {
		wipe_pin(flow);
		return;
	}
	if (flow->pin_length < VOLUNTEER_PIN_MIN_DIGITS) {
		(void)text_copy(flow->pin_message, sizeof(flow->pin_message),
		                "Een pincode heeft 4 tot 8 cijfers.");
		return;
	}
	memcpy(flow->pin_to_check, flow->pin, sizeof(flow->pin));
	wipe_pin(flow);
	flow->checking = true;
	(void)text_copy(flow->pin_message, sizeof(flow->pin_message), "Even geduld…");
	ask(flow, VOLUNTEER_REQUEST_CHECK_PIN);
}

static volunteer_outcome perform_menu_item(volunteer_flow *flow, int item)
{
	flow->menu_message[0] = '\0';
	switch ((screen_menu_item)item) {
	case MENU_PRINTER_TEST:
		(void)text_copy(flow->menu_message, sizeof(flow->menu_message),
		                "Het testbriefje wordt geprint.");
		ask(flow, VOLUNTEER_REQUEST_PRINTER_TEST);
		return VOLUNTEER_STAYS;
	case MENU_EXPORT_COUNTS:
		(void)text_copy(flow->menu_message, sizeof(flow->menu_message),
		                "Bezig met de tellingen…");
		ask(flow, VOLUNTEER_REQUEST_EXPORT_COUNTS);
		return VOLUNTEER_STAYS;
	case MENU_LANGUAGE_DEFAULT: return VOLUNTEER_NEXT_LANGUAGE;
	case MENU_RESTART:
		(void)text_copy(flow->menu_message, sizeof(flow->menu_message),
		                "De kiosk start opnieuw…");
		ask(flow, VOLUNTEER_REQUEST_RESTART);
		return VOLUNTEER_STAYS;
	case MENU_ITEM_COUNT: break;
	}
	return VOLUNTEER_STAYS;
}

volunteer_outcome volunteer_flow_perform(volunteer_flow *flow, int action, int argument,
                                         int64_t now_ms)
{
	if (!flow->open) {
		return VOLUNTEER_NOT_MINE;
	}
	switch ((screen_action)action) {
	case ACTION_PIN_DIGIT:
		if (flow->page == VOLUNTEER_PIN && !flow->checking && argument >= 0 &&
		    argument <= 9 && flow->pin_length < VOLUNTEER_PIN_MAX_DIGITS &&
		    !show_lock(flow, now_ms)) {
			flow->pin[flow->pin_length++] = (char)('0' + argument);
			flow->pin[flow->pin_length] = '\0';
			flow->pin_message[0] = '\0';
		}
		return VOLUNTEER_STAYS;
	case ACTION_PIN_ERASE:
		if (flow->page == VOLUNTEER_PIN && !flow->checking && flow->pin_length > 0) {
			flow->pin[--flow->pin_length] = '\0';
		}
		return VOLUNTEER_STAYS;
	case ACTION_PIN_OK:
		if (flow->page == VOLUNTEER_PIN && !flow->checking) {
			press_ok(flow, now_ms);
		}
		return VOLUNTEER_STAYS;
	case ACTION_VOLUNTEER_APPLY:
		if (flow->page == VOLUNTEER_PREVIEW && flow->can_apply) {
			forget_preview(flow);
			flow->page = VOLUNTEER_IMPORTING;
			flow->working = true;
			flow->progress_percent = 0;
			ask(flow, VOLUNTEER_REQUEST_APPLY);
		}
		return VOLUNTEER_STAYS;
	case ACTION_VOLUNTEER_CANCEL:
		if (flow->page == VOLUNTEER_IMPORTING || flow->checking) {
			return VOLUNTEER_STAYS; /* the work finishes first */
		}
		volunteer_flow_close(flow);
		return VOLUNTEER_CLOSED;
	case ACTION_VOLUNTEER_DONE:
		if (flow->page == VOLUNTEER_RESULT) {
			volunteer_flow_close(flow);
			return VOLUNTEER_CLOSED;
		}
		return VOLUNTEER_STAYS;
	case ACTION_MENU_ITEM:
		if (flow->page == VOLUNTEER_MENU) {
			return perform_menu_item(flow, argument);
		}
		return VOLUNTEER_STAYS;
	case ACTION_SCROLL_AREA: return VOLUNTEER_STAYS;
	default: return VOLUNTEER_NOT_MINE;
	}
}

static void pin_checked(volunteer_flow *flow, status result, int64_t now_ms)
{
	flow->checking = false;
	flow->pin_message[0] = '\0';
	volunteer_pin_guard_record(&flow->guard, result == STATUS_OK, now_ms);
	if (result == STATUS_OK) {
		if (flow->purpose == VOLUNTEER_FOR_MENU) {
			flow->page = VOLUNTEER_MENU;
			flow->catalogue_summary[0] = flow->last_import_summary[0] = '\0';
			flow->restored = VOLUNTEER_RESTORE_NONE;
			ask(flow, VOLUNTEER_REQUEST_MENU_INFO);
		} else {
			flow->page = VOLUNTEER_IMPORTING;
			flow->working = true;
			flow->progress_percent = 0;
			ask(flow, VOLUNTEER_REQUEST_READ_STICK);
		}
		return;
	}
	const char *message = volunteer_pin_wrong_text(NULL);
	if (result == STATUS_NOT_FOUND) {
		message = volunteer_pin_not_set_text(NULL);
	} else if (result == STATUS_INVALID || result == STATUS_NO_MEMORY) {
		message = "De pincode in de instellingen is beschadigd. Zet een nieuwe met "
		          "buurtkiosk --set-pin.";
	}
	(void)text_copy(flow->pin_message, sizeof(flow->pin_message), message);
	(void)show_lock(flow, now_ms); /* the fifth wrong one says so at once */
}

static void take_preview(volunteer_flow *flow, const volunteer_event *event)
{
	forget_preview(flow);
	flow->working = false;
	flow->page = VOLUNTEER_PREVIEW;
	flow->new_count = event->new_count;
	flow->changed_count = event->changed_count;
	flow->removed_count = event->removed_count;
	flow->unchanged_count = event->unchanged_count;
	flow->can_apply = event->can_apply;
	(void)text_copy(flow->file_message, sizeof(flow->file_message),
	                event->message ? event->message : "");
	if (event->problem_count > 0) {
		flow->problems = calloc(event->problem_count, sizeof(char *));
	}
	for (size_t index = 0; flow->problems && index < event->problem_count; index++) {
		const char *line = event->problems[index] ? event->problems[index] : "";
		size_t length = strlen(line);
		flow->problems[flow->problem_count] = malloc(length + 1);
		if (!flow->problems[flow->problem_count]) {
			break; /* a shorter list is better than none */
		}
		memcpy(flow->problems[flow->problem_count], line, length + 1);
		flow->problem_count++;
	}
}

bool volunteer_flow_handle_event(volunteer_flow *flow, const volunteer_event *event, int64_t now_ms)
{
	if (!flow->open) {
		return false;
	}
	switch (event->kind) {
	case VOLUNTEER_EVENT_PIN_CHECKED:
		if (!flow->checking) {
			return false;
		}
		pin_checked(flow, event->pin_result, now_ms);
		return true;
	case VOLUNTEER_EVENT_PROGRESS:
		if (flow->page != VOLUNTEER_IMPORTING) {
			return false;
		}
		flow->progress_percent = event->percent;
		return true;
	case VOLUNTEER_EVENT_PREVIEW:
		if (flow->page != VOLUNTEER_IMPORTING) {
			return false;
		}
		take_preview(flow, event);
		return true;
	case VOLUNTEER_EVENT_FINISHED:
		if (flow->page != VOLUNTEER_IMPORTING) {
			return false;
		}
		flow->working = false;
		flow->page = VOLUNTEER_RESULT;
		(void)text_copy(flow->result_title, sizeof(flow->result_title),
		                event->title ? event->title : "");
		(void)text_copy(flow->result_detail, sizeof(flow->result_detail),
		                event->detail ? event->detail : "");
		return true;
	case VOLUNTEER_EVENT_MENU_INFO:
		(void)text_copy(flow->catalogue_summary, sizeof(flow->catalogue_summary),
		                event->title ? event->title : "");
		(void)text_copy(flow->last_import_summary, sizeof(flow->last_import_summary),
		                event->detail ? event->detail : "");
		flow->restored = event->restored;
		return flow->page == VOLUNTEER_MENU;
	case VOLUNTEER_EVENT_MENU_MESSAGE:
		(void)text_copy(flow->menu_message, sizeof(flow->menu_message),
		                event->message ? event->message : "");
		return flow->page == VOLUNTEER_MENU;
	case VOLUNTEER_EVENT_STICK:
	case VOLUNTEER_EVENT_NONE: break;
	}
	return false;
}

volunteer_request volunteer_flow_take_request(volunteer_flow *flow, char *pin, size_t pin_size)
{
	if (flow->request_count == 0) {
		return VOLUNTEER_REQUEST_NONE;
	}
	volunteer_request request = flow->requests[0];
	memmove(flow->requests, flow->requests + 1,
	        (flow->request_count - 1) * sizeof(flow->requests[0]));
	flow->request_count--;
	if (request == VOLUNTEER_REQUEST_CHECK_PIN) {
		if (pin && pin_size > 0) {
			(void)text_copy(pin, pin_size, flow->pin_to_check);
		}
		text_wipe(flow->pin_to_check, sizeof(flow->pin_to_check));
	}
	return request;
}

void volunteer_flow_view(const volunteer_flow *flow, const char *language_default, int scroll,
                         screen_volunteer *view)
{
	memset(view, 0, sizeof(*view));
	view->page = flow->page;
	view->pin_length = (int)flow->pin_length;
	view->pin_message = flow->pin_message;
	/* The lock is judged when a key is pressed; the pad greys while the
	 * message about it shows. */
	view->pin_locked = flow->guard.locked;
	view->pin_purpose =
	    flow->purpose == VOLUNTEER_FOR_MENU ? "Menu voor vrijwilligers" : "Catalogus bijwerken";
	view->new_count = flow->new_count;
	view->changed_count = flow->changed_count;
	view->removed_count = flow->removed_count;
	view->unchanged_count = flow->unchanged_count;
	view->problems = (const char *const *)flow->problems;
	view->problem_count = flow->problem_count;
	view->can_apply = flow->can_apply;
	view->file_message = flow->file_message;
	view->scroll = scroll;
	view->progress_percent = flow->progress_percent;
	view->result_title = flow->result_title;
	view->result_detail = flow->result_detail;
	view->catalogue_summary = flow->catalogue_summary;
	view->last_import_summary = flow->last_import_summary;
	view->language_default = language_default ? language_default : "";
	view->menu_message = flow->menu_message;
	switch (flow->restored) {
	case VOLUNTEER_RESTORE_BACKUP: view->catalogue_warning = CATALOGUE_RESTORED_BACKUP; break;
	case VOLUNTEER_RESTORE_SAMPLE: view->catalogue_warning = CATALOGUE_RESTORED_SAMPLE; break;
	case VOLUNTEER_RESTORE_NOTHING: view->catalogue_warning = CATALOGUE_RESTORED_NOTHING; break;
	case VOLUNTEER_RESTORE_NONE: view->catalogue_warning = CATALOGUE_AS_IMPORTED; break;
	}
}
